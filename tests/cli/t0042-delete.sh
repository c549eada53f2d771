#!/bin/sh
# Deleting drafts (删除草稿): a draft that never went to review goes whole, its indicators and history
# with it; a table that was ever submitted — returned and a draft again included — stays; several at
# once are all or nothing, and what was deleted is said only once it is.
. "$(dirname "$0")/lib.sh"

export JIXIAO_NOW=2026-11-29T03:00:00Z JIXIAO_USER=财政局
jixiao import "$SEED" >/dev/null || exit 1
jixiao submit 2 >/dev/null && jixiao return --reason 重写 2 >/dev/null || exit 1
jixiao export 2 >p2.json && sed 's/"goal": "/"goal": "（修改）/' p2.json >p2d.json  # a changed table goes back to draft

expect_ok "a draft that never went to review is deleted, with its indicators and history" '
	jixiao delete 1 >out && grep -qx "已删除草稿：博湖县2021年疫情防控项目（编号 1）" out &&
	! jixiao show 1 2>/dev/null && test "$(store_sql jixiao "SELECT count(*) FROM indicator WHERE project_id = 1")" = 0 &&
	test "$(store_sql jixiao "SELECT count(*) FROM history WHERE project_id = 1")" = 0'
expect_fail 2 "a returned table is not a draft" 'jixiao delete 2'
expect_ok "and says why" 'jixiao delete 2 2>err; grep -qF "只有草稿可以删除：项目“博湖县2021年建档立卡困难家庭教育项目”的状态为“已退回”" err'
expect_ok "a table made a draft again after it went to review still stays, with its history" '
	jixiao import p2d.json >/dev/null && jixiao show 2 | grep -q 草稿 && ! jixiao delete 2 2>err &&
	grep -qF "曾经提交审核，不能删除" err && jixiao show 2 >/dev/null'
expect_ok "several at once: one refused keeps every one, and none is said deleted" '
	! jixiao delete 3 2 >out 2>err && ! grep -q 已删除 out && grep -qF "没有删除任何项目" err && jixiao show 3 >/dev/null'
expect_ok "by name too" 'jixiao delete 博湖县2021年城乡居民养老保险项目 | grep -q "^已删除草稿：博湖县2021年城乡居民养老保险项目"'
expect_fail 2 "a missing one" 'jixiao delete 999'
finish
