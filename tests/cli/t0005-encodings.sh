#!/bin/sh
# The same tables in other encodings and forms import to the same data: GB18030, a BOM, CRLF line ends,
# full-width digits and operators.
. "$(dirname "$0")/lib.sh"

jixiao --db "$(store ref)" import "$SEED" >/dev/null && jixiao --db "$(store ref)" export >ref.json || exit 1

same_as_seed() { # FILE: imports to exactly the seed's data
	store_drop x && jixiao --db "$(store x)" import "$1" >/dev/null && jixiao --db "$(store x)" export >x.json && same ref.json x.json
}

iconv -f UTF-8 -t GB18030 "$SEED" >gb.txt
expect_ok "GB18030 is detected and decoded" 'same_as_seed gb.txt'
{ head -c 100000 /dev/zero | tr "\0" "\n"; cat gb.txt; } >late-gb.txt
expect_ok "GB18030 after 100 KB of ASCII is still decoded" 'same_as_seed late-gb.txt'
{ printf "\357\273\277"; cat "$SEED"; } >bom.txt
expect_ok "a UTF-8 BOM is skipped" 'same_as_seed bom.txt'
sed 's/$/\r/' "$SEED" >crlf.txt
expect_ok "CRLF line ends" 'same_as_seed crlf.txt'
sed 's/≥700000/＞＝７０００００/; s/=24/＝２４/; s/≥95.0%/不低于95.0%/' "$SEED" >wide.txt
expect_ok "full-width operators and digits, and worded operators, read as the same targets" '
	store_drop w && jixiao --db "$(store w)" import wide.txt >/dev/null &&
	jixiao --db "$(store w)" export 1 | grep -qF "\"op\": \">=\", \"value\": 700000, \"target\": \"＞＝７０００００\"" &&
	jixiao --db "$(store w)" export 1 | grep -qF "\"unit\": \"小时\", \"op\": \"=\", \"value\": 24, \"target\": \"＝２４\""'
sed 's/≥700000/≥ 700,000/' "$SEED" >sep.txt
expect_ok "a target with spaces and thousands separators" '
	store_drop s && jixiao --db "$(store s)" import sep.txt >/dev/null &&
	jixiao --db "$(store s)" export 1 | grep -qF "\"value\": 700000, \"target\": \"≥ 700,000\""'
expect_ok "standard input is read with -" '
	store_drop i && jixiao --db "$(store i)" import - <"$SEED" >/dev/null && jixiao --db "$(store i)" export >i.json && same ref.json i.json'
sed 's/^\t贯彻落实党中央.*/&\n\t另一行目标。/' "$SEED" >goal.txt
expect_ok "a goal spread over several lines keeps its lines" '
	store_drop g && jixiao --db "$(store g)" import goal.txt >/dev/null &&
	jixiao --db "$(store g)" export 1 | grep -qF "作为当前最重要的工作来抓。\n另一行目标。\""'
sed 's/^\t\t\t年核酸检测人次数 (人次)\t≥700000\t$/\t\t\t年核酸检测人次数 (人次)\n\t\t\t\t≥700000/' "$SEED" >lone.txt
expect_ok "a target alone on the next row completes the indicator above" 'same_as_seed lone.txt'
finish
