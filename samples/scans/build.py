"""Build the scans in this folder: notices typeset by LibreOffice, rasterised and degraded.

Why: the other scans (samples/*/scanned.pdf) are the ones the OCR path was tuned on; these
come from another renderer (python-docx -> LibreOffice -> pypdfium2) at 150, 200 and 300 dpi,
slightly rotated, noisy and blurred or JPEG-compressed, so OCR rows-exact is measured beyond
the scans the OCR path was first tuned on. (Its rework looked at these scans' misses too:
levelling by the rules and cutting lines set close came from them.) All notice text is
invented here.

Each source gives NAME.pdf (image-only, one JPEG per page) and NAME.expected.json (the rows
a careful reader takes from the table, i.e. the DOCX text, not what OCR gives today).
Every name contains "scanned" so tests/test_samples.py leaves them to tests/test_scans.py.

Needs LibreOffice (``soffice`` on PATH), python-docx, pypdfium2, Pillow and numpy, and the
WenQuanYi Micro Hei font (fonts-wqy-microhei). Run: ``python samples/scans/build.py``.
Deterministic: fixed seeds; the output is byte-identical for a given LibreOffice and Pillow.
"""

from __future__ import annotations

import io
import json
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image, ImageFilter

HERE = Path(__file__).resolve().parent
FONT = "WenQuanYi Micro Hei"
SEED = 20250301
STAMP = time.gmtime(1740787200)  # 2025-03-01, so the PDFs do not change with the clock
# column widths in cm: seq, task, lead, other, deadline (A4 portrait, 2.2 cm margins)
WIDTHS = (1.3, 6.8, 3.3, 3.5, 2.8)


@dataclass(frozen=True)
class Row:
    """One task row as written: task lines (one paragraph each), units, deadline."""

    seq: str
    task: tuple[str, ...]
    lead: tuple[str, ...]
    other: tuple[str, ...]
    deadline: str
    section: str | None = None


@dataclass(frozen=True)
class Scan:
    """A source notice and how it is scanned."""

    name: str
    title: str
    intro: tuple[str, ...]
    header: tuple[str, str, str, str, str]
    rows: tuple[Row, ...]
    dpi: int
    angle: float  # degrees, counter-clockwise
    blur: float  # gaussian radius in pixels, 0 for none
    quality: int  # JPEG quality of the saved pages
    centred: bool  # cells centred horizontally (always centred vertically when True)
    repeat_header: bool = False
    cover: tuple[str, ...] = ()  # a covering letter on its own page before the table
    doc_number: str | None = None
    notice_date: str | None = None
    sections: bool = False
    noise: float = 6.0
    size: float = 10.5  # points, the table's text


def r(seq: int, task: str | tuple[str, ...], lead: str, other: str, deadline: str,
      section: str | None = None) -> Row:
    """A row from the way it is typed: units separated by 、, task lines by a tuple."""
    lines = (task,) if isinstance(task, str) else task
    return Row(str(seq), lines, _units(lead), _units(other), deadline, section)


def _units(text: str) -> tuple[str, ...]:
    return tuple(u for u in text.split("、") if u)


STD = ("序号", "主要任务", "牵头单位", "配合单位", "完成时间")

SCANS: tuple[Scan, ...] = (
    Scan(
        name="scanned_consume_150",
        title="白溪县2025年促进消费扩容提质重点任务分工方案",
        intro=("为落实全县促进消费工作部署，现将重点任务分解如下，各责任单位要细化措施、"
               "压实责任，确保按期完成。",),
        header=STD,
        rows=(
            r(1, "举办春季汽车消费节，落实以旧换新补贴政策，全年汽车销售额增长8%以上。",
              "县商务局", "县财政局、县公安局、县税务局", "2025年6月底前"),
            r(2, "改造提升城区步行街和农贸市场，新增便民生活服务网点20个。",
              "县商务局", "县住建局、县市场监管局、各乡镇人民政府", "2025年10月底前"),
            r(3, "开展家电家居焕新行动，组织企业开展让利促销活动不少于12场次。",
              "县商务局", "县市场监管局", "2025年第三季度"),
            r(4, "培育夜间经济集聚区2个，完善停车、照明等配套设施。",
              "县住建局", "县公安局、县商务局", "2025年12月底前"),
            r(5, "推出乡村旅游精品线路5条，发放文旅消费券。",
              "县文化旅游局", "县财政局、各乡镇人民政府", "2025年9月底前"),
            r(6, "加强消费领域执法检查，依法查处价格欺诈和虚假宣传行为。",
              "县市场监管局", "", "长期坚持"),
            r(7, "推动电商进农村，建设村级电商服务站点30个。",
              "县商务局", "县农业农村局、县邮政管理局", "2025年11月底前"),
            r(8, "按月调度消费数据，及时分析研判运行形势。",
              "县统计局", "县商务局", "每月10日前"),
        ),
        dpi=150, angle=0.6, blur=0.6, quality=70, centred=True,
    ),
    Scan(
        name="scanned_digital_200",
        title="云岭市数字政府建设重点任务分工",
        intro=("各区县人民政府，市直有关部门：",
               "为加快数字政府建设，提升政务服务效能，现将重点任务分工印发给你们，请认真抓好落实。",
               "一、工作目标。到2025年底，全市政务信息系统整合共享基本完成，公共数据有序开放，"
               "政务服务事项网上可办率和“一网通办”水平明显提升，数字化履职能力显著增强。",
               "二、工作要求。各责任单位要明确分管领导和具体联系人，细化工作措施，于每季度末向"
               "市数据局报送工作进展情况；协同单位要主动配合，形成工作合力。"
               "市政府办公室将对任务落实情况进行跟踪督办。"),
        header=("序号", "重点任务", "责任单位", "协同单位", "时限要求"),
        rows=(
            r(1, "整合市级政务信息系统，推动非涉密业务系统全部迁移上云。",
              "市数据局", "市直各部门", "2025年6月底前"),
            r(2, "建设全市统一的公共数据共享交换平台，编制数据资源目录。",
              "市数据局", "市发展改革委、市财政局", "2025年9月底前"),
            r(3, "推行高频政务服务事项“一网通办”，网上可办率达到95%以上。",
              "市政务服务中心", "市数据局、各区县人民政府", "2025年12月底前"),
            r(4, "推广电子证照在企业开办、不动产登记等场景的应用。",
              "市数据局", "市市场监管局、市自然资源和规划局", "2025年第三季度"),
            r(5, "完善“12345”政务服务便民热线工单流转机制，按期办结率达到98%。",
              "市政务服务中心", "市直各部门", "长期坚持"),
            r(6, "建设城市运行管理服务平台，接入城管、交通、应急等行业数据。",
              "市城管局", "市交通运输局、市应急管理局、市公安局", "2025年10月底前"),
            r(7, "开展政务数据安全风险评估，建立数据安全事件应急处置机制。",
              "市委网信办", "市公安局、市数据局", "2025年8月底前"),
            r(8, "推进“互联网+监管”，将监管行为数据全量归集至监管平台。",
              "市市场监管局", "市直各部门", "2025年11月底前"),
            r(9, "推动财政电子票据全覆盖，实现非税收入缴款“掌上办”。",
              "市财政局", "市税务局", "2025年7月底前"),
            r(10, "建设教育、医疗健康数据专题库，支撑“一件事一次办”。",
              "市教育局、市卫生健康委", "市数据局", "2025年12月底前"),
            r(11, "推进社保、就业服务事项跨区域通办，扩大“免证办”范围。",
              "市人力资源社会保障局", "市数据局、市政务服务中心", "2025年第四季度"),
            r(12, "开展数字政府建设培训，每年组织专题培训不少于2期。",
              "市委组织部", "市数据局", "每年年底前"),
            r(13, "建立数字政府建设评估考核制度，纳入年度绩效考核。",
              "市政府办公室", "市数据局、市委组织部", "2025年12月底前"),
            r(14, "加强数字政府建设资金保障，统筹安排项目建设和运维经费。",
              "市财政局", "市发展改革委", "长期坚持"),
        ),
        dpi=200, angle=-0.8, blur=0.0, quality=40, centred=False, repeat_header=True,
        size=12, noise=4.5,
    ),
    Scan(
        name="scanned_cover_300",
        title="临溪县2025年优化营商环境重点任务分工方案",
        cover=("临溪县人民政府办公室",
               "关于印发临溪县2025年优化营商环境重点任务分工方案的通知",
               "临政办发〔2025〕8号",
               "各乡镇人民政府，县直各部门：",
               "《临溪县2025年优化营商环境重点任务分工方案》已经县政府同意，现印发给你们，"
               "请结合实际认真组织实施。",
               "临溪县人民政府办公室",
               "2025年3月12日"),
        doc_number="临政办发〔2025〕8号", notice_date="2025-03-12",
        intro=(),
        header=STD,
        rows=(
            r(1, "压缩企业开办时间，全面实现企业开办1个工作日内办结。",
              "县市场监管局", "县政务服务中心、县税务局、县公安局", "2025年5月底前"),
            r(2, "推行工程建设项目审批“容缺受理”，审批时间压减30%。",
              "县住建局", "县自然资源局、县发展改革局", "2025年6月底前"),
            r(3, "落实涉企收费目录清单制度，坚决制止各类乱收费行为。",
              "县发展改革局", "县财政局、县市场监管局", "长期坚持"),
            r(4, "开展“政银企”对接活动，新增普惠小微贷款2亿元以上。",
              "县财政局", "县工业和信息化局", "2025年第三季度"),
            r(5, "建立重点企业包联服务制度，及时协调解决企业诉求。",
              "县工业和信息化局", "县直各部门、各乡镇人民政府", "长期坚持"),
            r(6, "推进不动产登记“带押过户”，办理时间压缩至1个工作日。",
              "县自然资源局", "县税务局、县住建局", "2025年9月底前"),
            r(7, "开展营商环境评价，对评价发现的问题建立台账限期整改。",
              "县发展改革局", "县直各部门", "2025年12月底前"),
        ),
        dpi=300, angle=0.35, blur=0.8, quality=35, centred=True, noise=3.0,
    ),
    Scan(
        name="scanned_sections_200",
        title="白石县农村人居环境整治提升重点任务分工方案",
        intro=("根据全县农村人居环境整治提升工作安排，制定本分工方案。",),
        header=STD,
        sections=True,
        rows=(
            r(1, "推进农村户厕改造，新改建卫生户厕1500户。", "县农业农村局",
              "县卫生健康局、各乡镇人民政府", "2025年10月底前", "一、农村厕所革命"),
            r(2, "建立农村公厕管护机制，落实专人保洁。", "各乡镇人民政府",
              "县农业农村局", "长期坚持", "一、农村厕所革命"),
            r(3, "对已改户厕开展问题摸排，分类建立整改台账。", "县农业农村局",
              "各乡镇人民政府", "2025年6月底前", "一、农村厕所革命"),
            r(4, "完善农村生活垃圾收运处置体系，行政村收运覆盖率保持100%。", "县住建局",
              "各乡镇人民政府", "2025年12月底前", "二、生活垃圾和污水治理"),
            r(5, "推进农村生活污水治理，新增治理行政村12个。", "县生态环境局",
              "县住建局、县水利局、各乡镇人民政府", "2025年11月底前",
              "二、生活垃圾和污水治理"),
            r(6, "开展农村黑臭水体排查整治，实现动态清零。", "县生态环境局",
              "县水利局", "2025年第三季度", "二、生活垃圾和污水治理"),
            r(7, "开展村庄清洁行动，集中清理村内塘沟和残垣断壁。", "各乡镇人民政府",
              "县农业农村局", "长期坚持", "三、村容村貌提升"),
            r(8, "推进村庄绿化美化，创建省级美丽宜居示范村3个。", "县林业局",
              "县住建局、各乡镇人民政府", "2025年9月底前", "三、村容村貌提升"),
            r(9, "加强农村道路管护，整治路域环境。", "县交通运输局",
              "各乡镇人民政府", "2025年12月底前", "三、村容村貌提升"),
            r(10, "统筹整合涉农资金，保障整治提升项目建设。", "县财政局",
              "县农业农村局、县发展改革局", "长期坚持", "三、村容村貌提升"),
        ),
        dpi=200, angle=-0.4, blur=0.5, quality=50, centred=True,
    ),
    Scan(
        name="scanned_multiline_150",
        title="枫岭县安全生产治本攻坚重点任务分工方案",
        intro=("为深入推进安全生产治本攻坚，防范遏制各类生产安全事故，现将重点任务分工如下。",
               "各牵头单位要会同配合单位制定具体措施，每季度末报送工作进展。",
               "县安全生产委员会办公室负责统筹调度，对工作推进不力的单位予以通报。"),
        header=("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
        rows=(
            r(1, ("1.组织开展重大事故隐患排查整治；", "2.建立隐患清单和整改责任清单。"),
              "县应急管理局", "县直各部门、各乡镇人民政府", "2025年6月底前"),
            r(2, ("1.开展城镇燃气安全专项整治；", "2.推进老旧燃气管网更新改造；",
                  "3.督促餐饮场所安装燃气报警装置。"),
              "县住建局", "县市场监管局、县消防救援大队", "2025年12月底前"),
            r(3, ("1.加强道路交通安全隐患路段治理；", "2.严查“两客一危”车辆违法行为。"),
              "县公安局", "县交通运输局", "长期坚持"),
            r(4, ("1.开展非煤矿山安全整治；", "2.依法关闭不具备安全生产条件的矿山。"),
              "县应急管理局", "县自然资源局", "2025年第三季度"),
            r(5, ("1.组织高层建筑、人员密集场所消防安全检查；", "2.清理疏通消防通道。"),
              "县消防救援大队", "县住建局、各乡镇人民政府", "2025年9月底前"),
            r(6, ("1.加强危险化学品全链条安全监管；", "2.推进化工企业自动化改造。"),
              "县应急管理局", "县工业和信息化局、县生态环境局", "2025年11月底前"),
            r(7, ("1.开展安全生产宣传“五进”活动；", "2.组织企业主要负责人安全培训。"),
              "县应急管理局", "县委宣传部、县教育局、县融媒体中心", "2025年6月底前"),
            r(8, ("1.加强校园及周边安全隐患排查；", "2.落实校车安全管理制度。"),
              "县教育局", "县公安局、县交通运输局", "长期坚持"),
            r(9, ("1.开展建筑施工领域安全专项检查；", "2.重点整治起重机械和高支模作业；",
                  "3.对违规企业依法实施信用惩戒。"),
              "县住建局", "县应急管理局、县市场监管局", "2025年10月底前"),
            r(10, ("1.加强汛期水库山塘安全巡查；", "2.完善山洪灾害监测预警设施。"),
              "县水利局", "县应急管理局、各乡镇人民政府", "2025年5月底前"),
            r(11, ("1.健全安全生产考核巡查制度；", "2.将考核结果纳入综合考评。"),
              "县应急管理局", "县委组织部", "2025年12月底前"),
            r(12, ("1.开展工贸企业有限空间作业专项检查；", "2.督促企业配备检测和防护设备。"),
              "县应急管理局", "县工业和信息化局", "2025年第四季度"),
        ),
        dpi=150, angle=0.9, blur=0.0, quality=55, centred=False, size=12,
    ),
    Scan(
        name="scanned_district_300",
        title="松岚区2025年就业促进重点任务分工",
        intro=("为稳定和扩大就业，现将全区就业促进重点任务分工如下。",),
        header=("序号", "任务内容", "牵头部门", "配合部门", "完成时间"),
        rows=(
            r(1, "全年城镇新增就业5000人以上，城镇调查失业率控制在5.5%以内。",
              "区人力资源社会保障局", "各街道办事处", "2025年12月底前"),
            r(2, "开展高校毕业生就业见习，募集见习岗位300个。",
              "区人力资源社会保障局", "区教育体育局、区财政局", "2025年8月底前"),
            r(3, "落实创业担保贷款政策，扶持创业带动就业。",
              "区财政局", "区人力资源社会保障局", "长期坚持"),
            r(4, "开展退役军人职业技能培训，促进退役军人就业。",
              "区退役军人事务局", "", "2025年第三季度"),
            r(5, "开发公益性岗位，托底安置就业困难人员。",
              "区人力资源社会保障局", "区民政局、区残联、各街道办事处", "2025年6月底前"),
            r(6, "举办“春风行动”等专场招聘会不少于10场。",
              "区人力资源社会保障局", "区总工会、区妇联", "2025年第二季度"),
            r(7, "开展根治欠薪专项行动，保障劳动者工资报酬权益。",
              "区人力资源社会保障局", "区住建局、区公安分局、区司法局", "长期坚持"),
            r(8, "建设社区就业服务站，打造“15分钟就业服务圈”。",
              "各街道办事处", "区人力资源社会保障局", "2025年10月底前"),
        ),
        dpi=300, angle=-1.0, blur=0.7, quality=40, centred=True, noise=5.0,
    ),
)


def _font(run, size: float, bold: bool = False) -> None:
    """The CJK font on a run (python-docx sets only the Latin one by itself)."""
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _para(doc_or_cell, text: str, size: float, align=WD_ALIGN_PARAGRAPH.LEFT,
          bold: bool = False, indent: bool = False, first: bool = False):
    par = doc_or_cell.paragraphs[0] if first else doc_or_cell.add_paragraph()
    par.alignment = align
    if indent:
        par.paragraph_format.first_line_indent = Pt(size * 2)
    par.paragraph_format.space_after = Pt(0)
    par.paragraph_format.space_before = Pt(0)
    _font(par.add_run(text), size, bold)
    return par


def _repeat_header(row) -> None:
    """Mark a row to repeat at the top of each page (w:tblHeader)."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _padding(table) -> None:
    """Cell margins as offices set them, so text does not touch the rules (twentieths of pt)."""
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 60), ("left", 100), ("bottom", 60), ("right", 100)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)


def _cell(cell, lines: tuple[str, ...], centred: bool, size: float, bold: bool = False) -> None:
    align = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    for i, line in enumerate(lines or ("",)):
        _para(cell, line, size, align, bold, first=i == 0)
    cell.vertical_alignment = (WD_CELL_VERTICAL_ALIGNMENT.CENTER if centred
                               else WD_CELL_VERTICAL_ALIGNMENT.TOP)


def write_docx(scan: Scan, path: Path) -> None:
    """The notice as a Word file: cover page (if any), title, intro, ruled table."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(2.2))
    body = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    body._element.getparent().remove(body._element)
    if scan.cover:
        org, heading, number, *text, sign, date = scan.cover
        _para(doc, org, 18, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        _para(doc, number, 12, WD_ALIGN_PARAGRAPH.CENTER)
        _para(doc, "", 12)
        _para(doc, heading, 16, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        _para(doc, "", 12)
        _para(doc, text[0], 12)
        for line in text[1:]:
            _para(doc, line, 12, indent=True)
        _para(doc, "", 12)
        _para(doc, sign, 12, WD_ALIGN_PARAGRAPH.RIGHT)
        _para(doc, date, 12, WD_ALIGN_PARAGRAPH.RIGHT).runs[0].add_break(WD_BREAK.PAGE)
        _para(doc, "附件", 12, bold=True)
    _para(doc, scan.title, 16, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _para(doc, "", 10.5)
    for i, line in enumerate(scan.intro):
        _para(doc, line, 12, indent=not (i == 0 and line.endswith("：")))
    if scan.intro:
        _para(doc, "", 10.5)
    table = doc.add_table(rows=0, cols=5)
    table.style = "Table Grid"
    _padding(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.add_row()
    for cell, word in zip(head.cells, scan.header, strict=True):
        _cell(cell, (word,), True, scan.size, bold=True)
    if scan.repeat_header:
        _repeat_header(head)
    section = None
    for row in scan.rows:
        if scan.sections and row.section != section:
            section = row.section
            cells = table.add_row().cells
            merged = cells[0].merge(cells[4])
            _cell(merged, (section or "",), False, scan.size, bold=True)
        cells = table.add_row().cells
        _cell(cells[0], (row.seq,), True, scan.size)
        _cell(cells[1], row.task, scan.centred, scan.size)
        _cell(cells[2], ("、".join(row.lead),), scan.centred, scan.size)
        _cell(cells[3], ("、".join(row.other),), scan.centred, scan.size)
        _cell(cells[4], (row.deadline,), scan.centred, scan.size)
    table.autofit = False  # LibreOffice reads the grid's widths, Word the cells'
    for column, width in zip(table.columns, WIDTHS, strict=True):
        column.width = Cm(width)
    for tr in table.rows:
        for cell, width in zip(tr.cells, WIDTHS, strict=False):
            cell.width = Cm(width)
    doc.save(str(path))


def to_pdf(docx: Path, outdir: Path) -> Path:
    """LibreOffice's PDF of the DOCX, with a private profile so no running soffice interferes."""
    profile = (outdir / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
                   check=True, capture_output=True, timeout=180)
    return outdir / f"{docx.stem}.pdf"


def scan_pages(pdf: Path, scan: Scan, rng: np.random.Generator) -> list[Image.Image]:
    """Each page as a grey scan: rendered at the dpi, rotated, blurred, noised, JPEG'd."""
    pages = []
    doc = pdfium.PdfDocument(str(pdf))
    for i in range(len(doc)):
        img = doc[i].render(scale=scan.dpi / 72).to_pil().convert("L")
        angle = scan.angle + float(rng.uniform(-0.05, 0.05)) * i  # pages sit a bit differently
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        if scan.blur:
            img = img.filter(ImageFilter.GaussianBlur(scan.blur))
        pixels = np.asarray(img, dtype=np.float32)
        pixels += rng.normal(0.0, scan.noise, pixels.shape).astype(np.float32)
        img = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=scan.quality)
        pages.append(Image.open(io.BytesIO(buf.getvalue())))
    doc.close()
    return pages


def expected(scan: Scan) -> dict:
    """The expected file, in the shape of samples/seed/ruled.expected.json."""
    return {
        "title": scan.title,
        "notice_date": scan.notice_date,
        "doc_number": scan.doc_number,
        "rows": [{"seq": row.seq, "section": row.section, "task": "".join(row.task),
                  "lead_units": list(row.lead), "other_units": list(row.other),
                  "deadline": row.deadline} for row in scan.rows],
    }


def build(scan: Scan, tmp: Path, out: Path = HERE) -> int:
    """Write NAME.pdf and NAME.expected.json; return the page count."""
    rng = np.random.default_rng([SEED, sum(map(ord, scan.name))])
    docx = tmp / f"{scan.name}.docx"
    write_docx(scan, docx)
    pages = scan_pages(to_pdf(docx, tmp), scan, rng)
    pages[0].save(out / f"{scan.name}.pdf", "PDF", save_all=True, append_images=pages[1:],
                  resolution=float(scan.dpi), quality=scan.quality,
                  creationDate=STAMP, modDate=STAMP)
    (out / f"{scan.name}.expected.json").write_text(
        json.dumps(expected(scan), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(pages)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="fengong-scans-") as tmp:
        for scan in SCANS:
            pages = build(scan, Path(tmp))
            size = (HERE / f"{scan.name}.pdf").stat().st_size // 1024
            print(f"{scan.name}: {pages} page(s), {len(scan.rows)} rows, {scan.dpi} dpi, "
                  f"{scan.angle:+.2f} deg, {size} KB")


if __name__ == "__main__":
    main()
