#!/usr/bin/env python3
"""make-fixtures.py — regenerates the HTML fixtures in this directory.

  python3 tests/data/html/make-fixtures.py      (needs soffice: Debian's libreoffice-writer-nogui)

The tables come from tests/cli/expect/seed.json (the seed's five tables as jixiao exports them), the
prose before them from data/samples/bohu-2021.txt. Every fixture but the refused ones imports to the
seed's tables exactly (tests/cli/t0015-html.sh).

  seed.html           the seed as a page: its prose, then each table under a title and a year line,
                      merged cells as the documents have them (rowspan for 项目资金, 总体目标, 绩效指标
                      and the level labels, colspan for the names, amounts, goal and targets) — written
                      here, then opened and saved as HTML by LibreOffice Writer, so that it is a page
                      as an office suite writes it (fonts, spans, styles, source lines wrapped);
  seed-gbk.html       the same page in GBK, its <meta> saying so;
  noisy.html          a government site's page: header, navigation, scripts and styles, a layout table
                      (sidebar and content) holding the five tables in other idioms: a caption title,
                      a title and year inside the table (th, thead, tfoot with a note), end tags left
                      out, upper-case tags, entities and &nbsp;, <br> in a label, two tables side by
                      side in a nested layout table, a goal wrapped in the source between CJK
                      characters, a footer;
  hostile-spans.html  the seed with rowspan="100000" on every 绩效指标 cell, after a noise table of
                      1,500 columns with absurd spans (both harmless);
  hostile-columns.html  a target table with a row of 10,000 cells (refused: 64 at most);
  hostile-deep.html   20,000 nested <div>s around the seed (refused before the parser sees it).
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..")
SEED_JSON = os.path.join(ROOT, "tests", "cli", "expect", "seed.json")
SEED_TEXT = os.path.join(ROOT, "data", "samples", "bohu-2021.txt")
TITLE = "部门预算项目支出绩效目标表"
e = html.escape


def groups(inds, key):
    """{first index: count} of each run of indicators sharing key(ind)."""
    out, i = {}, 0
    while i < len(inds):
        j = i
        while j < len(inds) and key(inds[j]) == key(inds[i]):
            j += 1
        out[i] = j - i
        i = j
    return out


def label(d):
    return d["name"] + ("（%s）" % d["unit"] if d["unit"] else "")


def rows(p, td="td", pre="", money_head="项目资金（万元）", spans=None):
    """The table's rows in the official layout, six columns; spans: the 绩效指标 cell's rowspan."""
    inds, f = p["indicators"], p["funds"]
    c = lambda text, attrs="": "<%s%s>%s</%s>" % (td, attrs, text, td)
    out = [
        "<tr>%s%s</tr>" % (c("项目名称"), c(e(p["name"]), ' colspan="5"')),
        "<tr>%s%s</tr>" % (c("预算单位"), c(e(p["unit"]), ' colspan="5"')),
        "<tr>%s%s%s</tr>" % (c(money_head, ' rowspan="3"'), c("年度资金总额", ' colspan="2"'), c(f["total"], ' colspan="3"')),
        "<tr>%s%s</tr>" % (c("其中：财政拨款", ' colspan="2"'), c(f["fiscal"], ' colspan="3"')),
        "<tr>%s%s</tr>" % (c("其他资金", ' colspan="2"'), c(f["other"], ' colspan="3"')),
        "<tr>%s%s</tr>" % (c("总体目标", ' rowspan="2"'), c("年度目标", ' colspan="5"')),
        "<tr>%s</tr>" % c(pre + e(p["goal"]), ' colspan="5"'),
        "<tr>%s%s%s%s%s</tr>" % (c("绩效指标", ' rowspan="%s"' % (spans or len(inds) + 1)), c("一级指标"), c("二级指标"),
                                c("三级指标"), c("指标值（包含数字及文字描述）", ' colspan="2"')),
    ]
    l1 = groups(inds, lambda d: d["level1"])
    l2 = groups(inds, lambda d: (d["level1"], d["level2"]))
    for i, d in enumerate(inds):
        r = ""
        if i in l1:
            r += c(e(d["level1"]), ' rowspan="%d"' % l1[i])
        if i in l2:
            r += c(e(d["level2"]), ' rowspan="%d"' % l2[i])
        out.append("<tr>%s%s%s</tr>" % (r, c(e(label(d))), c(e(d["target"] or ""), ' colspan="2"')))
    return out


def prose():
    """The seed's prose before its first table, a paragraph a line."""
    lines = open(SEED_TEXT, encoding="utf-8").read().split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip() == TITLE)
    return ["<p>%s</p>" % e(line.strip()) for line in lines[:first] if line.strip()]


def titled(p, table):
    return ['<p align="center"><b>%s</b></p>' % TITLE, '<p align="center">(%d年度)</p>' % p["year"],
            '<table border="1" cellspacing="0">'] + table + ["</table>"]


def seed_page(projects, spans=None, before=()):
    body = list(before) + prose()
    for p in projects:
        body += titled(p, rows(p, spans=spans))
    return ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>博湖县2021年重大政策和重大项目绩效目标</title>\n"
            "</head>\n<body>\n%s\n</body>\n</html>\n" % "\n".join(body))


def by_libreoffice(page, name):
    """page, opened and saved as HTML by LibreOffice Writer."""
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("make-fixtures.py: soffice not found (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src", name)
        os.mkdir(os.path.dirname(src))
        with open(src, "w", encoding="utf-8") as f:
            f.write(page)
        subprocess.run([soffice, "--headless", "-env:UserInstallation=file://%s/profile" % tmp,
                        "--convert-to", "html:HTML (StarWriter)", "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return open(os.path.join(tmp, name), encoding="utf-8").read()


def wrap_cjk(text):
    """The goal with a line break of the source between two CJK characters, as editors wrap it."""
    i = next(i for i in range(20, len(text)) if "\u4e00" <= text[i - 1] <= "\u9fff" and "\u4e00" <= text[i] <= "\u9fff")
    return text[:i] + "\n\t\t\t" + text[i:]


def noisy_tables(ps):
    """The five tables, each in another idiom."""
    t1 = ['<table class="list" border="1">', "<caption>%s</caption>" % TITLE,
          '<thead><tr><th colspan="6">(2021年度)</th></tr></thead>', "<tbody>"]
    t1 += [re.sub(r"</t[dr]>", "", r) for r in rows(ps[0], td="td")]  # end tags left out, as HTML allows
    t1 += ["</tbody>", "</table>"]

    body = rows(ps[1], money_head="项目资金<br>（万元）")
    body[6] = body[6].replace(e(ps[1]["goal"]), e(wrap_cjk(ps[1]["goal"])))
    t2 = ['<TABLE BORDER=1 WIDTH="100%">', "<TR><TD COLSPAN=6 ALIGN=center><B>%s</B></TD></TR>" % TITLE,
          "<TR><TD COLSPAN=6>&nbsp;(2021年度)&nbsp;</TD></TR>"]
    t2 += [re.sub(r"<td([^>]*)>", r"<TD\1>&nbsp;", r).replace("</td>", "&nbsp;</TD>").replace("tr>", "TR>") for r in body]
    t2 += ["</TABLE>"]

    side = ['<table class="layout"><tr>']
    for p in ps[2:4]:
        side += ['<td valign="top">'] + titled(p, [r.replace("≥", "&ge;").replace("≤", "&le;") for r in rows(p, td="th")]) + ["</td>"]
    side += ["</tr></table>"]

    t5 = ["<h3>%s</h3>" % TITLE, "<h4>(2021年度)</h4>", "<table border=1>", "<!-- 表格开始 -->",
          "<tfoot><tr><td colspan=6>注：指标值以年度预算批复为准。</td></tr></tfoot>", "<tbody>"]
    t5 += rows(ps[4]) + ["</tbody>", "</table>", "<p>附件下载：<a href=\"#\">绩效目标表.docx</a></p>"]
    return t1 + ["<p>（续表）</p>"] + t2 + side + t5


def noisy_page(ps):
    head = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>%s - 博湖县人民政府</title>
<style>.nav li{display:inline} td.goal{white-space:normal}</style>
<script>var title = "%s"; if (a < b && c > d) { document.write("<div><table>"); }</script>
</head>
<body>
<div class="top"><div class="logo">博湖县人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/czxx">财政信息</a></li></ul></div>
<noscript><p>%s</p></noscript>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 财政预决算</div>
<table width="100%%" class="layout"><tr>
<td width="20%%" valign="top"><h4>栏目导航</h4><ul><li>预算公开</li><li>决算公开</li><li>绩效目标</li></ul>
<table class="news"><tr><td>热点新闻</td></tr><tr><td>博湖县召开预算绩效管理工作会议</td></tr></table></td>
<td valign="top">
<h1>博湖县2021年重大政策和重大项目以绩效目标情况说明</h1>
<div class="info">发布时间：2021-03-05　来源：博湖县财政局　浏览次数：<span id="hits">1024</span></div>
""" % (TITLE, TITLE, TITLE)
    tail = """</td></tr></table>
<div class="footer"><p>版权所有：博湖县人民政府　网站标识码：6528290001</p><p>新ICP备12345678号</p></div>
<script>hits();</script>
</body></html>
"""
    return head + "\n".join(prose() + noisy_tables(ps)) + "\n" + tail


def hostile_spans(ps):
    noise = ['<table class="noise"><tr>%s</tr>' % "".join("<td>%d" % i for i in range(1500)),
             '<tr><td rowspan="2147483648" colspan="99999">x</td><td rowspan="-3" colspan="0">y</td>'
             '<td rowspan="1e9">z</td></tr></table>']
    return seed_page(ps, spans=100000, before=noise)


def hostile_columns(ps):
    page = seed_page(ps[:1])
    row = "<tr>%s</tr>" % ("<td>格" * 10000)
    return page.replace("</table>", row + "\n</table>", 1)


def hostile_deep(ps):
    return seed_page(ps).replace("<body>\n", "<body>\n" + "<div>" * 20000 + "\n")


def write(name, text, encoding="utf-8"):
    with open(os.path.join(HERE, name), "w", encoding=encoding, newline="\n") as f:
        f.write(text)
    print("wrote", os.path.join(HERE, name))


def main():
    ps = json.load(open(SEED_JSON, encoding="utf-8"))["projects"]
    office = by_libreoffice(seed_page(ps), "seed.html")
    write("seed.html", office)
    gbk = re.sub(r"charset=utf-8", "charset=gbk", office, count=1, flags=re.I)
    assert gbk != office, "LibreOffice's page declares no charset"
    write("seed-gbk.html", gbk, encoding="gbk")
    write("noisy.html", noisy_page(ps))
    write("hostile-spans.html", hostile_spans(ps))
    write("hostile-columns.html", hostile_columns(ps))
    write("hostile-deep.html", hostile_deep(ps))


if __name__ == "__main__":
    main()
