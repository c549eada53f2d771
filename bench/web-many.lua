-- bench/web-many.lua — for bench/web: each request asks for the public page of a table drawn at random
-- from the published ones (their ids in the file named by WEB_IDS), so that most requests find nothing
-- kept by the server's threads and the table is read and rendered: the cold path. The figures line
-- is bench/web.lua's.
local ids = {}

init = function(args)
	local f = assert(io.open(os.getenv("WEB_IDS"), "r"))
	for line in f:lines() do
		ids[#ids + 1] = "/public/projects/" .. line
	end
	f:close()
	math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
end

request = function()
	return wrk.format("GET", ids[math.random(#ids)])
end

dofile("bench/web.lua")
