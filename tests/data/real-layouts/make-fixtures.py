#!/usr/bin/env python3
"""make-fixtures.py — regenerates the fixtures in this directory: real published target tables
(tests/data/real) laid out again as their publications lay them out, each as a Word document, a web
page and a PDF made by LibreOffice.

  python3 tests/data/real-layouts/make-fixtures.py   (needs soffice: Debian's libreoffice-writer-nogui)

The seed's fixtures (tests/data/{docx,html,pdf}) are all one layout, the seed county's. These are six
others, read from the page texts kept in tests/data/real: for each, the rows, the merged cells (where
the page's text shows a merge: bar runs, a label printed once for its group, a cell short of the
others) and the text around the table, written here by hand as a flat ODF text document (.fodt) and
converted by `soffice --headless --convert-to` docx, html and pdf (tests/data/soffice.py runs it): so
LibreOffice writes w:vMerge and w:gridSpan, rowspan and colspan, and draws the bordered grid. Every
cell holds text exactly as the page's .txt has it (the script checks that each line of each cell occurs
in the .txt); a cell of two lines is two paragraphs, as "项目起" / "止时间" are on the page; cells the
page leaves blank are empty. Of the page around the table, its headline and the lines before the table
are kept as paragraphs; site links after it, and 008's last word cut short by the page's end, are not. tests/cli/t0020-real-layouts.sh imports each fixture and wants what the
table's .expect.json reads, and the same JSON as the import of its .txt. The fixtures in the repository
were made with LibreOffice 7.4.7.2 40(Build:2) (Debian 12); the script prints the version it runs.

  008-hunan-city-2024       one cell per line on the page: header fields in pairs (项目起止时间,
                            主管部门及其编码, 项目实施单位, 项目负责人 beside 联系电话), the funds as four
                            lines of one cell, a 项目实施进度计划 block of its own columns, 长期目标 and
                            年度目标 side by side, a 绩效标准 column, empty 效益 rows, the satisfaction
                            row's label merged across the level-1 and level-2 columns;
  009-hunan-city-2023       the unit of amounts in a row of the table, "250万" beside 该项目支出上级资金,
                            实施期绩效目标 and 本年度绩效目标 on rows of their own, 指标值及单位 and
                            绩效标准, the signature line below the table;
  012-anhui-city-2025       numbered prose before the table, its title and year as merged rows inside
                            it, 主管部门及代码/实施单位 and 项目来源/项目期 pairs, 上年结转 among the
                            funds, labels cut short ("年度", "绩", "一级");
  015-hubei-county-2020-b   资金总额 beside 当年资金总额 (the period's and the year's funds), 中期目标 and
                            年度目标 side by side, paired 长期/年度 indicator columns, the level-1 label
                            written on every row, the year line "2020年度)" as published;
  026-tianjin-county-2023   two projects in one table under one title, each opening with its unit and
                            "单位:万元", the funds and their use (预算规模及资金用途) on two rows, a
                            绩效指标描述 column; the second project cut where the page is;
  037-ningxia-county-2022   the page's metadata table holding the title (标 题:), the target table
                            opening with its year, level-2 labels with fill-in notes, three rows whose
                            name is merged across the target column; cut at 满意度指标 as the page is.

The level-1 and level-2 labels span the rows of their groups where the page prints them once.
"""
import os
import re
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.dont_write_bytecode = True
from soffice import convert, flat_document  # noqa: E402 (tests/data/soffice.py)

REAL = os.path.join(HERE, "..", "real")


class Table:
    """Rows of cells placed as HTML places them: a cell takes the first column no cell above spans into.
    A cell is its text (lines are paragraphs) or (text, rows, cols)."""

    def __init__(self, widths, rows):
        self.widths = widths
        self.cells = {}  # (row, col) -> (text, rows, cols)
        taken = set()
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                text, nr, nc = (cell, 1, 1) if isinstance(cell, str) else cell
                while (r, c) in taken:
                    c += 1
                assert c + nc <= len(widths), "row %d is wider than the table: %r" % (r, row)
                self.cells[(r, c)] = (text, nr, nc)
                taken |= {(r + i, c + j) for i in range(nr) for j in range(nc)}
                c += nc
        self.n_rows = max(r for r, _ in taken) + 1
        self.covered = taken - set(self.cells)

    def texts(self):
        return [text for text, _, _ in self.cells.values()]

    def xml(self, name):
        out = ['<table:table table:name="%s" table:style-name="%s">' % (name, name)]
        out += ['<table:table-column table:style-name="%s.%d"/>' % (name, i) for i in range(len(self.widths))]
        for r in range(self.n_rows):
            out.append('<table:table-row>')
            for c in range(len(self.widths)):
                if (r, c) in self.covered:
                    out.append("<table:covered-table-cell/>")
                    continue
                text, nr, nc = self.cells.get((r, c), ("", 1, 1))
                span = ""
                if nr > 1 or nc > 1:
                    span = ' table:number-rows-spanned="%d" table:number-columns-spanned="%d"' % (nr, nc)
                lines = "".join(para(line, "Cell") for line in text.split("\n")) if text else '<text:p text:style-name="Cell"/>'
                out.append('<table:table-cell table:style-name="Box" office:value-type="string"%s>%s</table:table-cell>'
                           % (span, lines))
            out.append("</table:table-row>")
        out.append("</table:table>")
        return "".join(out)

    def styles(self, name):
        out = ['<style:style style:name="%s" style:family="table"><style:table-properties style:width="%.2fcm" '
               'table:align="center" fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/></style:style>' % (name, sum(self.widths))]
        out += ['<style:style style:name="%s.%d" style:family="table-column"><style:table-column-properties '
                'style:column-width="%.2fcm"/></style:style>' % (name, i, w) for i, w in enumerate(self.widths)]
        return "".join(out)


def para(text, style):
    """A paragraph, runs of spaces kept (<text:s/>)."""
    body = re.sub(r"  +", lambda m: ' <text:s text:c="%d"/>' % (len(m.group()) - 1), escape(text))
    return '<text:p text:style-name="%s">%s</text:p>' % (style, body)


def blank(n):
    return [""] * n


# ---- the tables, as their pages lay them out ----

def hunan_city_2024():
    """008: 湘潭市 2024, one cell per line on the page."""
    rows = [
        ["项目名称", ("雾炮车抑尘降尘服务", 1, 2), "项目起\n止时间", ("20246-202516", 1, 2)],
        ["主管部门及其编码", ("湘潭市城市管理和综合执法局 308001", 1, 2), "项目实施单位", ("湘潭市环境卫生管理处", 1, 2)],
        ["项目负责人", ("吴华章", 1, 2), "联系电话", ("13973200376", 1, 2)],
        ["项目资金申请\n(万元)", ("资金总额: 250\n一、预算资金:250\n二、自有资金:0\n三、其他:0", 1, 5)],
        ["项目概况", ("2024年,市财政局拨付250万元给市城管执法局,继续采购10台雾炮车用于特殊时段环卫作业,服务周180,"
                     "持续改善我市空气质量。市城管执法局已明确该项采购工作由市环卫处负责。", 1, 5)],
        [("项目实施进度计划", 2, 1), ("项目实施内容", 1, 3), "开始时间", "完成时间"],
        [("通过采购雾炮车抑尘降尘服务,使市空气质量达到优良", 1, 3), "20246", "20251"],
        [("项目绩效目标", 2, 1), ("长期目标", 1, 2), ("年度目标", 1, 3)],
        [("持续改善我市空气质量", 1, 2), ("2024通过采购雾炮车抑尘降尘服务,持续改善我市空气质量", 1, 3)],
        [("年度绩效指标", 11, 1), "一级指标", "二级指标", "三级指标", "指标值", "绩效标准"],
        [("产出指标", 5, 1), ("数量指标", 2, 1), "雾炮车抑尘降尘服务配备车辆数", "10", "计划标准"],
        ["雾炮车风炮射程", "80M", "计划标准"],
        ["质量指标", "服务周期内空气质量", "优良", "计划标准"],
        ["时效指标", "服务周期", "180", "计划标准"],
        ["成本指标", "控制在预算成本内", "控制在预算内", "计划标准"],
        [("效益指标", 4, 1), "经济效益指标"] + blank(3),
        ["社会效益指标", "服务周期内,市民对空气质量改善的满意程度", "85%", "计划标准"],
        ["生态效益指标"] + blank(3),
        ["可持续影响\n指标"] + blank(3),
        [("服务对象满意度指标", 1, 2), "满意度", "90%", "计划标准"],
        ["其他需说明的问题", ("", 1, 5)],
    ]
    return [("Left", "2024年项目绩效目标表(雾炮车降尘抑尘服务)"),
            ("Left", "湘潭市城市管理和综合执法局 xtcg.xiangtan.gov.cn 发布时间:2024-07-09 11:10"),
            ("Title", "2024年项目绩效目标表"), ("Left", "填报单位(盖章):"),
            Table((2.4, 2.2, 2.8, 4.4, 2.6, 2.6), rows)]


def hunan_city_2023():
    """009: 湘潭市 2023, one cell per line, each ending " |"."""
    rows = [
        [("填报单位:(盖章) 单位:万元", 1, 6)],
        ["项目支出名称", ("雾炮车降尘抑尘服务", 1, 2), "预算部门", ("湘潭市环境卫生管理处", 1, 2)],
        ["年度本级 预算金额", ("250万", 1, 2), "该项目支出上级资金", ("0", 1, 2)],
        ["项目支出实施期", ("2023.07-2024.01", 1, 5)],
        ["实施期绩效目标", ("通过采购雾炮车降尘抑尘服务,服务周期2023.07-2024.01,全市空气质量达到优良", 1, 5)],
        ["本年度绩效目标", ("通过采购雾炮车降尘抑尘服务,服务周期2023.07-2024.01,全市空气质量达到优良", 1, 5)],
        [("本年度 绩效指标", 11, 1), "一级指标", "二级指标", "三级指标", "指标值及单位", "绩效标准"],
        [("产出指标", 5, 1), ("数量指标", 2, 1), "雾炮车降尘抑尘服务配备车辆数", "10辆", "计划标准"],
        ["雾炮车风炮射程", "≥80M", "计划标准"],
        ["质量指标", "服务周期内空气质量", "优良", "计划标准"],
        ["时效指标", "服务周期", "2023.07-2024.01", "计划标准"],
        ["成本指标", "控制在预算成本内", "250万", "计划标准"],
        [("效益指标", 4, 1), "经济效益指标"] + blank(3),
        ["社会效益指标", "服务周期内,市民对空气质量改善的满意程度", "≥85%", "计划标准"],
        ["生态效益指标"] + blank(3),
        ["可持续影响指标"] + blank(3),
        [("社会公众或服务对象满意度指标", 1, 2), "市民满意度", "≥90%", "计划标准"],
        ["财政部门审核意见", ("", 1, 5)],
    ]
    return [("Left", "湘潭市环境卫生管理处2023年雾炮车降尘抑尘服务项目支出绩效目标申报表"),
            ("Left", "湘潭市城市管理和综合执法局 xtcg.xiangtan.gov.cn 发布时间:2023-10-13 19:49"),
            ("Title", "2023年项目支出绩效目标申报表"),
            Table((2.4, 2.2, 2.8, 4.4, 2.6, 2.6), rows),
            ("Left", "填表人: 宋云花 联系电话:16607326331 填报日期: 单位负责人签字:")]


def anhui_city_2025():
    """012: 淮北市 2025, prose, then one cell per line, each ending " |"."""
    rows = [
        [("项目支出绩效目标表", 1, 6)],
        [("(2025年度)", 1, 6)],
        ["项目名称", ("农村文化建设配套补助经费", 1, 5)],
        ["主管部门及代码", ("[077]淮北市文化旅游体育局", 1, 2), "实施单位", ("淮北市文化旅游体育局", 1, 2)],
        ["项目来源", ("本级申报项目", 1, 2), "项目期", ("1年", 1, 2)],
        [("项目资金", 4, 1), ("年度资金总额:", 1, 2), ("5.00", 1, 3)],
        [("其中:财政拨款", 1, 2), ("5.00", 1, 3)],
        [("上年结转", 1, 2), ("0.00", 1, 3)],
        [("其他资金", 1, 2), ("0.00", 1, 3)],
        ["年度", ("文化惠民工程,主要用于送戏进万村,按照明年的任务70个行政村,每村4400元,市级需配套704元/村。", 1, 5)],
        [("绩", 10, 1), "一级", "二级指标", "三级指标", ("指标值", 1, 2)],
        [("产出指标", 4, 1), "数量指标", "开展送戏进万村", ("≥70村", 1, 2)],
        ["质量指标", "送戏进万村活动完成率", ("≥95%", 1, 2)],
        ["时效指标", "项目完成时限", ("2025年12月", 1, 2)],
        ["成本指标", "项目金额", ("5万元", 1, 2)],
        [("效益指标", 4, 1), "经济效益指标", "项目实施是否产生经济价值", ("否", 1, 2)],
        ["社会效益指标", "保障人民群众基本文化权益", ("影响程度明显", 1, 2)],
        ["生态效益指标", "是否对当地生态环境造成影响", ("否", 1, 2)],
        ["可持续影响指标", "对满足人民群众日益提高的文化需求的可持续影响", ("长期", 1, 2)],
        ["满意度指标", "满意度指标", "项目受益人满意程度", ("≥90%", 1, 2)],
    ]
    prose = ["淮北市文化旅游体育局2025年“农村文化建设配套补助经费”项目资金投入情况",
             "“农村文化建设配套补助经费”项目。",
             "(1)项目概述。做好送戏进万村,满足人民日益增长的文化需求。",
             "(2)立项依据。文化惠民工程实施方案",
             "(3)实施主体。淮北市文化旅游体育局",
             "(4)起止时间。2025年1月-12月",
             "(5)项目内容。文化惠民工程,主要用于送戏进万村,按照明年的任务70个行政村,每村4400元,市级需配套704元/村。",
             "(6)年度预算安排。农村文化建设配套补助经费预算安排5万元",
             "(7)绩效目标。"]
    return [("Left", line) for line in prose] + [Table((2.0, 2.4, 2.8, 5.0, 2.4, 2.4), rows)]


def hubei_county_2020():
    """015: 武汉市青山区 2020, one cell per line, paired 长期/年度 columns."""
    rows = [
        ["项目名称", ("教育系统基础设施建设和设备购置", 1, 7)],
        ["主管部门\n及编码", ("[015001]武汉市青山区教育局", 1, 3), "实施单位", ("武汉市青山区教育局", 1, 3)],
        ["项目属性", ("基础建设、修缮类", 1, 3), "项目起止时间", ("202001-202012", 1, 3)],
        [("项目资金", 3, 1), ("资金总额", 1, 2), "10000万元", ("当年资金总额:", 1, 2), ("10000万元", 1, 2)],
        [("其中:财政拨款", 1, 2), "10000万元", ("其中:当年财政拨款", 1, 2), ("10000万元", 1, 2)],
        [("其他资金", 1, 2), "", ("当年其他资金", 1, 2), ("", 1, 2)],
        [("总体目标", 2, 1), ("中期目标", 1, 3), ("年度目标", 1, 4)],
        [("优化教育布局,推进教育领域综合改革全面提升育人质量实现基础教育持续发展", 1, 3),
         ("按工作计划完成教育局重点项目建设经费预算安排", 1, 4)],
        [("绩效项目指标表", 8, 1), "一级指标", "二级指标(长期)", "三级指标(长期)", "指标值(长期)", "二级指标(年度)",
         "三级指标(年度)", "指标值(年度)"],
        ["产出指标", "数量指标", "", "", "数量指标", "重点建设工程安排数量", "2"],
        ["产出指标", "质量指标", "", "", "质量指标", "重点建设工程验收合格率", "100%"],
        ["产出指标", "成本指标", "", "", "成本指标", "建设项目成本", "参照政府采购成本控制"],
        ["产出指标", "时效指标", "", "", "时效指标", "重点建设工程按期完成率", "100%"],
        ["效益指标", "可持续影响指标", "", "", "可持续影响指标", "基础教育巩固提高情况", "巩固提高"],
        ["效益指标", "社会效益指标", "", "", "社会效益指标", "基础教育学校办学条件", "持续改善"],
        ["满意度指标", "服务对象满意度指标", "", "", "服务对象满意度指标", "学生、家长、社会满意度", "≥90%"],
    ]
    return [("Left", "项目支出绩效目标表3"), ("Left", "发布时间:2020-01-20  |  发布单位:教育局"),
            ("Title", "项目支出绩效目标表"), ("Center", "2020年度)"),
            Table((1.6, 1.8, 2.2, 2.0, 1.8, 2.2, 3.4, 2.0), rows), ("Left", "附件:")]


def tianjin_county_2023():
    """026: 天津市河北区人民法院 2023, rows with " | " between cells; two projects, the second cut."""
    def project(unit, name, total, note, goal, inds, cut=False):
        n = len(inds)
        out = [
            [unit, ("单位:万元", 1, 6)],
            ["项目名称", (name, 1, 6)],
            [("预算规模及资金用途", 2, 1), "预算数", total, "其中:财政 资金", total, "其他资金", ""],
            [(note, 1, 6)],
            ["绩效目标", (goal, 1, 6)],
            ["一级指标", "二级指标", ("三级指标", 1, 2), ("绩效指标描述", 1, 2), "指标值"],
        ]
        for i, (l1, l2, name3, value) in enumerate(inds):
            row = []
            if l1:
                span = next((j for j in range(i + 1, n) if inds[j][0]), n) - i
                row.append((l1, span, 1))
            row += [l2, (name3, 1, 2), (name3, 1, 2), value]
            out.append(row)
        if cut:
            out.append(["效益指标"] + blank(4))
        return out

    first = project("207101天津市河北区人民法院", "安全隐患维修", "20.00", "用于维修审判楼玻璃幕墙等",
                    "1.维修审判大楼玻璃幕墙等,消除外延脱落安全隐患。", [
                        ("产出指标", "数量指标", "维修面积", "≥400平方米"),
                        ("", "质量指标", "验收合格率", "≥98百分比"),
                        ("", "时效指标", "资金支付及时率", "100百分比"),
                        ("", "成本指标", "项目成本", "20万元"),
                        ("效益指标", "可持续影响指标", "消除安全隐患", "持续影响"),
                        ("满意度指标", "服务对象满意度指标", "干警满意度", "≥95百分比")])
    second = project("207101天津市河北区人民法院", "办案业务费(陪审员及互联网专线)", "24.00",
                     "用于陪审员参审补助支出及互联网直播支出",
                     "1.通过陪审员及调解员参与案件审判调解工作,以及互联网直播方式,提高审判效率,充分化解矛盾纠纷,实现公平正义", [
                         ("产出指标", "数量指标", "聘用调解员人数", "1人"),
                         ("", "数量指标", "陪审员参审案件数量", "≥900件"),
                         ("", "质量指标", "案件调解率", "≥90百分比"),
                         ("", "时效指标", "补助发放及时率", "100百分比"),
                         ("", "成本指标", "参审案件补助", "100元")], cut=True)
    return [("Left", "天津市河北区人民法院"), ("Title", "项目支出绩效目标表"), ("Center", "(2023年)"),
            ("Left", "3.法院办案业务、业务装备及审判辅助事务外包-2023中央绩效目标表"),
            Table((2.4, 2.4, 1.6, 1.6, 1.8, 1.8, 2.8), first + second)]


def ningxia_county_2022():
    """037: 固原市原州区 2022, the page's metadata table, then the target table, cut at 满意度指标."""
    meta = [
        ["索 引 号", "640421016/2022-00043", "发文时间", "2022-02-23"],
        ["发布机构", "原州区自然资源局", "文 号", ""],
        ["公开方式", "主动公开", "有效性", "有效"],
        ["标 题:", ("项目支出绩效目标申报表", 1, 3)],
    ]
    rows = [
        [("(2022年度)", 1, 6)],
        ["项目名称", ("原州区2022年南部水源涵养林建设项目", 1, 5)],
        ["主管部门及代码", ("固原市原州区自然资源局", 1, 2), "实施单位", ("固原市原州区自然资源局", 1, 2)],
        ["项目属性", ("新建", 1, 2), "项目期", ("2022年3月-2023年11月", 1, 2)],
        [("项目资金 (万元)", 3, 1), ("年度资金总额:", 1, 2), ("6070.00", 1, 3)],
        [("其中:财政拨款", 1, 2), ("6070.00", 1, 3)],
        [("其他资金", 1, 2), ("", 1, 3)],
        ["年度总体目标", ("在东马场林场、东岳山林场、古树林场、红庄林场、马渠林场、沈河林场、水沟林场 7 个林场和古雁办、官厅镇、"
                        "黄铎堡镇、开城镇、彭堡镇、炭山乡、头营镇、寨科乡、张易镇、中河乡、三营镇 11 个乡镇(街道办事处)实施营造林8万亩。"
                        "其中:新造林3万亩,未成林抚育提升及退化林改造5万亩;修建作业道30公里。", 1, 5)],
        [("绩 效 指 标", 13, 1), "一级指标", "二级指标", "三级指标", ("指标值", 1, 2)],
        [("产出指标", 7, 1), ("数量指标 (必填硬性指标)", 4, 1), "实施营造林总面积(亩)", ("80000", 1, 2)],
        ["其中:实施新造林总面积(亩)", ("30000", 1, 2)],
        ["实施未成林抚育提升及退化林改造总面积(亩)", ("50000", 1, 2)],
        ["修建作业道长度(公里)", ("30", 1, 2)],
        ["质量指标 (必填)", "苗木成活率(≥**%)", ("85", 1, 2)],
        ["时效指标 (必填)", "项目完成时间", ("2023年底", 1, 2)],
        ["成本指标 (必填硬性指标)", "项目总投入(≥**万元)", ("6070", 1, 2)],
        [("效益指标", 4, 1), "经济效益 指标 (选填)", ("增加就业机会,提高农民收入。", 1, 3)],
        ["社会效益 指标 (必填)", "受益人数(人)", ("132", 1, 2)],
        ["生态效益 指标 (选填)", ("提高森林覆盖率,促进生物多样性保护。", 1, 3)],
        ["可持续影响 指标 (必填)", ("提高森林生态系统服务功能,显著改善项目区及周边地区的生态环境。", 1, 3)],
        ["满意度指标", "", "", ("", 1, 2)],
    ]
    return [Table((2.4, 5.6, 2.4, 5.6), meta), Table((2.0, 2.0, 3.0, 6.0, 2.0, 2.0), rows)]


TABLES = {
    "008-hunan-city-2024": hunan_city_2024,
    "009-hunan-city-2023": hunan_city_2023,
    "012-anhui-city-2025": anhui_city_2025,
    "015-hubei-county-2020-b": hubei_county_2020,
    "026-tianjin-county-2023": tianjin_county_2023,
    "037-ningxia-county-2022": ningxia_county_2022,
}

STYLES = """
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties fo:font-family="'DejaVu Serif'" fo:font-size="10.5pt" fo:language="zh" fo:country="CN"
    style:font-family-asian="'Noto Serif CJK SC'" style:font-size-asian="10.5pt" style:language-asian="zh"
    style:country-asian="CN"/>
 </style:default-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm"
    fo:margin-bottom="1.5cm" fo:margin-left="1.8cm" fo:margin-right="1.8cm"/>
 </style:page-layout>
 %(tables)s
 <style:style style:name="Box" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.08cm" style:vertical-align="middle"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/>
  <style:text-properties fo:font-size="16pt" fo:font-weight="bold" style:font-size-asian="16pt"
    style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Center" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
 </style:style>
 <style:style style:name="Left" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start" fo:margin-bottom="0.1cm"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1"/>
</office:master-styles>"""


def fodt(blocks):
    body, styles, n = [], [], 0
    for b in blocks:
        if isinstance(b, Table):
            n += 1
            name = "T%d" % n
            styles.append(b.styles(name))
            body.append(b.xml(name))
        else:
            body.append(para(b[1], b[0]))
    head = STYLES % {"tables": "\n ".join(styles)}
    return flat_document("text", head, "\n".join(body))


def check(stem, blocks):
    """Every line of every cell and paragraph is text the page has (its .txt), as written."""
    with open(os.path.join(REAL, stem + ".txt"), encoding="utf-8") as f:
        page = f.read()
    for b in blocks:
        for text in b.texts() if isinstance(b, Table) else [b[1]]:
            for line in text.split("\n"):
                if line not in page:
                    sys.exit("make-fixtures.py: %s: %r is not in %s.txt" % (stem, line, stem))


def main():
    documents = []
    for stem, layout in TABLES.items():
        blocks = layout()
        check(stem, blocks)
        documents.append((stem, fodt(blocks)))
    for fmt in ("docx", "html", "pdf"):
        convert(documents, ".fodt", fmt, HERE, "libreoffice-writer-nogui")


if __name__ == "__main__":
    main()
