#!/bin/sh
# Exports import back to the same data: the document form and the JSON form.
. "$(dirname "$0")/lib.sh"

expect_ok "the seed imports" 'jixiao --db "$(store a)" import "$SEED" >/dev/null'
expect_ok "the text export is the document form" '
	jixiao --db "$(store a)" export --format text >seed.txt && same "$EXPECT/seed-export.txt" seed.txt'
expect_ok "the text export imports to identical JSON" '
	jixiao --db "$(store b)" import seed.txt >/dev/null &&
	jixiao --db "$(store a)" export >a.json && jixiao --db "$(store b)" export >b.json && same a.json b.json'
expect_ok "the text export of the re-import is identical" '
	jixiao --db "$(store b)" export --format text >again.txt && same seed.txt again.txt'
expect_ok "the JSON export imports to identical JSON" '
	jixiao --db "$(store c)" import a.json >/dev/null && jixiao --db "$(store c)" export >c.json && same a.json c.json'
expect_ok "flags travel in JSON; a stated status does not, since only the workflow approves" '
	sed "s/\"key\": false, \"classified\": false, \"status\": \"draft\"/\"key\": true, \"classified\": true, \"status\": \"approved\"/" a.json >flags.json &&
	jixiao --db "$(store d)" import flags.json >/dev/null && jixiao --db "$(store d)" export >d.json &&
	sed "s/\"status\": \"approved\"/\"status\": \"draft\"/" flags.json >want.json && same want.json d.json'
expect_ok "export -o writes the file and nothing to stdout" '
	jixiao --db "$(store a)" export -o out.json >stdout && same a.json out.json && test ! -s stdout'
expect_ok "export of named projects in the order given" '
	jixiao --db "$(store a)" export --format text 3 1 >two.txt &&
	test "$(grep -c "^项目名称" two.txt)" -eq 2 &&
	head -3 two.txt | grep -q 困难群众救助'
expect_ok "export --year filters by year" '
	jixiao --db "$(store a)" export --year 2022 >none.json && printf "{\"projects\": []}\n" >want && same want none.json'
expect_ok "JSON with op and value but no target gets the target written" '
	printf "%s\n" "{\"projects\": [{\"year\": 2022, \"name\": \"测试项目\", \"unit\": \"某局\", \"funds\": {\"total\": \"10.00\"}, \"indicators\": [{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"培训次数\", \"unit\": \"次\", \"op\": \">=\", \"value\": 3}]}]}" >op.json &&
	jixiao --db "$(store e)" import op.json >/dev/null &&
	jixiao --db "$(store e)" export | grep -qF "\"op\": \">=\", \"value\": 3, \"target\": \"≥3\""'
finish
