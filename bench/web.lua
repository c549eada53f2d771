-- bench/web.lua — wrk's done() hook for bench/web: the run's figures as one line bench/web reads.
-- Only done() is defined: a request() or response() hook would run Lua on every request and slow
-- wrk itself down, for both servers alike but not by the same share.
done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
		"result requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
		"status=%d connect=%d read=%d write=%d timeout=%d\n",
		summary.requests, summary.duration, summary.bytes,
		latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
		e.status, e.connect, e.read, e.write, e.timeout))
end
