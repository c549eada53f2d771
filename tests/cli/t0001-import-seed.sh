#!/bin/sh
# The seed — a county's published disclosure — imports as five tables and seventy indicators, with the
# hard rows (shifted cells, a level-2 label in the level-3 column, a missing target) read right.
. "$(dirname "$0")/lib.sh"

ind() { # PROJECT-ID JSON-FRAGMENT: the project's export holds this indicator exactly
	jixiao export "$1" | grep -qF "$2"
}

expect_ok "import reports 5 projects and 70 indicators, and the units it registered on a line of its own" '
	jixiao import "$SEED" >out &&
	printf "%s\n" "已导入 5 个项目，70 条指标（新增 5，替换 0，未变 0）" \
		"新登记预算单位 5 个：博湖县卫生健康委员会、博湖县应急管理局、博湖县教育和科学技术局、博湖县民政局、博湖县社会保险中心" >want &&
	same want out'
expect_ok "the canonical JSON is exactly the expected one" '
	jixiao export >seed.json && same "$EXPECT/seed.json" seed.json'
expect_ok "list shows the five projects with their funds" '
	jixiao list >list && same "$EXPECT/seed-list.txt" list'
expect_ok "show lays the epidemic table out for a reader" '
	jixiao show 1 >show && same "$EXPECT/seed-show-1.txt" show'
expect_ok "show finds a project by name" '
	jixiao show 博湖县2021年疫情防控项目 >byname && same "$EXPECT/seed-show-1.txt" byname'
expect_ok "a level-2 label in the level-3 column (时效指标) is a level-2 label" '
	ind 1 "{\"level1\": \"产出指标\", \"level2\": \"时效指标\", \"name\": \"核酸检测结果报告时限\", \"unit\": \"小时\", \"op\": \"=\", \"value\": 24, \"target\": \"=24\"}"'
expect_ok "a continuation row shifted to column 1 stays under 成本指标" '
	ind 3 "{\"level1\": \"产出指标\", \"level2\": \"成本指标\", \"name\": \"慰问费\", \"unit\": \"万元\", \"op\": \"=\", \"value\": 33.6, \"target\": \"=33.6\"}"'
expect_ok "a continuation row shifted to column 0 stays under 满意度指标" '
	ind 4 "{\"level1\": \"满意度指标\", \"level2\": \"服务对象满意度指标\", \"name\": \"受益建档立卡贫困户满意度\", \"unit\": \"%\", \"op\": \">=\", \"value\": 95.0, \"target\": \"≥95.0%\"}"'
expect_ok "an indicator without a target is kept, with a null target" '
	ind 2 "{\"level1\": \"效益指标\", \"level2\": \"社会效益指标\", \"name\": \"建档立卡学生入学率\", \"unit\": \"%\", \"op\": null, \"value\": null, \"target\": null}"'
expect_ok "the row after the missing target is its own indicator" '
	ind 2 "{\"level1\": \"效益指标\", \"level2\": \"社会效益指标\", \"name\": \"全面培养社会主义建设者和接班人\", \"unit\": null, \"op\": null, \"value\": null, \"target\": \"合格培养\"}"'
expect_ok "a level-2 label in column 1 (可持续影响指标) sets the level" '
	ind 2 "{\"level1\": \"效益指标\", \"level2\": \"可持续影响指标\", \"name\": \"激发学习积极性影响力\", \"unit\": null, \"op\": null, \"value\": null, \"target\": \"持续影响\"}"'
expect_ok "a level-1 label in column 0 (满意度指标) starts its group" '
	ind 1 "{\"level1\": \"满意度指标\", \"level2\": \"服务对象满意度指标\", \"name\": \"人民群众满意度\", \"unit\": \"%\", \"op\": \">=\", \"value\": 95.0, \"target\": \"≥95.0%\"}"'
expect_ok "a rate unit in parentheses is the unit" '
	ind 4 "\"name\": \"人均基础养老金待遇\", \"unit\": \"元/人/月\", \"op\": \">=\", \"value\": 175.0, \"target\": \"≥175.00\""'
expect_ok "the same name with two units stays two indicators" '
	ind 5 "\"name\": \"高性能移动工作站\", \"unit\": \"个\"" && ind 5 "\"name\": \"高性能移动工作站\", \"unit\": \"万元\""'
expect_ok "the full-width parenthesised year is read" '
	jixiao export 4 | grep -qF "{\"year\": 2021, \"name\": \"博湖县2021年城乡居民养老保险项目\""'
expect_ok "each table has its indicator count" '
	jixiao list | awk "NR > 1 { print \$6 }" | tr "\n" " " >counts &&
	printf "15 15 11 15 14 " >want && same want counts'
finish
