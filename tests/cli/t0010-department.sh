#!/bin/sh
# Department-wide targets (部门整体支出绩效目标): a unit's overall table is imported, stored, checked,
# exported and reviewed like a project table.
. "$(dirname "$0")/lib.sh"

cat >dept.txt <<'TXT'
部门整体支出绩效目标表
（2021年度）
部门（单位）名称	博湖县民政局
年度预算申请（万元）	年度资金总额：1,200.00	其中：财政拨款	1,000.00	其他资金	200.00
年度总体目标	保障困难群众基本生活，提升社会救助水平。
	一级指标	二级指标	三级指标	指标值
	产出指标	数量指标	救助人数（人）	≥800
		成本指标	救助资金（万元）	=1000
			慰问资金（万元）	=200
	效益指标	社会效益指标	困难群众生活保障率（%）	≥98%
	满意度指标	服务对象满意度指标	救助对象满意度（%）	≥95%
TXT

expect_ok "a department-wide table imports beside the seed's projects" '
	jixiao import "$SEED" dept.txt | grep -qF "已导入 6 个项目，75 条指标" &&
	jixiao list | grep -q "博湖县民政局 .*草稿 部门整体"'
expect_ok "it is stored as kind department, named by its unit" '
	jixiao export 6 | grep -qF "\"name\": \"博湖县民政局\", \"unit\": \"博湖县民政局\", \"funds\": {\"total\": \"1200.00\", \"fiscal\": \"1000.00\", \"other\": \"200.00\"}" &&
	jixiao export 6 | grep -qF "\"kind\": \"department\""'
expect_ok "show says what it is" 'jixiao show 6 | head -1 | grep -qx "博湖县民政局（部门整体支出绩效目标）"'
expect_ok "check reviews it like a project" '
	jixiao check --rules "$JIXIAO_SRC/tests/cli/nolib.json" 6 | grep -qF "博湖县民政局（部门整体，编号 6，2021年度，草稿）：没有发现问题"'
expect_ok "the text export is its own layout and imports back to the same data" '
	jixiao export --format text 6 >d.txt && head -3 d.txt | tail -1 | grep -qx "部门名称	博湖县民政局" &&
	jixiao --db "$(store b)" import d.txt >/dev/null && jixiao export 6 >a.json && jixiao --db "$(store b)" export >b.json &&
	sed "s/^{\"projects\": \[//" a.json >a2 && sed "s/^{\"projects\": \[//" b.json >b2 && same a2 b2'
expect_ok "it is reviewed like a project" '
	jixiao submit 6 >/dev/null && jixiao approve 6 | grep -qx "项目 6 已批准"'
expect_ok "a project of the same name is a different table" '
	sed "s/博湖县2021年疫情防控项目/博湖县民政局/" "$SEED" | jixiao --db "$(store c)" import - >/dev/null &&
	jixiao --db "$(store c)" import dept.txt | grep -qF "新增 1" &&
	! jixiao --db "$(store c)" show 博湖县民政局 2>err && grep -qF "有 2 个项目名为“博湖县民政局”" err'
finish
