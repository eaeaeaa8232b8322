"""A short notice of ours whose table a word processor lays out: cells centred or aligned to
the bottom, units and deadlines merged over rows (one merge across a page break), a row cut
by a page break, a task of two paragraphs, 序号 alone on their lines inside the table.

``notice_pdf`` writes it as a PDF; ``expected_rows`` is what every row must read as, made from
the same cells (a merged cell's text in every row it covers), never from fengong's output.
"""

from __future__ import annotations

from pathlib import Path

from pdf_table import Row, write_table

TITLE = "某县2024年农村人居环境整治提升重点任务分工方案"
NUMBER = "某政办发〔2024〕5号"
BEFORE = (NUMBER, "为深入推进农村人居环境整治提升，现将重点任务分工如下。")
AFTER = ("某县人民政府办公室", "2024年3月8日")
HEADER = ["序号", "主要任务", "牵头单位", "配合单位", "完成时限"]
WIDTHS = [40.0, 190.0, 95.0, 95.0, 75.0]

ROWS: list[Row] = [
    "一、扎实推进农村厕所革命",
    ["1", "新建改建农村户用卫生厕所3000户，同步建设粪污收集处理设施，确保建一户、用一户、"
     "管好一户。", "县农业农村局", "县卫健局、县住建局、各乡镇人民政府", "2024年10月底前"],
    ["2", "开展农村问题厕所摸排整改“回头看”，建立问题清单和整改台账。", "县农业农村局",
     "各乡镇人民政府", "2024年6月底前"],
    ["3", "推动农村公共厕所日常管护，落实管护人员和经费。", None, "县财政局、各乡镇人民政府",
     "长期坚持"],
    "二、加快农村生活污水治理",
    ["4", "编制农村生活污水治理专项规划，明确治理模式和建设时序。", "县生态环境局",
     "县水利局、县自然资源局", "2024年"],
    ["5", "新增完成20个行政村生活污水治理，治理率提高到45%以上。", "县生态环境局",
     "县住建局", None],
    ["6", "开展农村黑臭水体排查，动态更新清单，完成5条黑臭水体治理。", "县生态环境局",
     "县水利局、县农业农村局、各乡镇人民政府", None],
    "三、健全农村生活垃圾收运处置体系",
    ["7", "完善“户分类、村收集、镇转运、县处理”体系，行政村生活垃圾收运处置覆盖率保持在100%。",
     "县城管局", "各乡镇人民政府", "2024年底前"],
    ["8", "推进农村生活垃圾源头分类减量，每个乡镇至少打造2个分类示范村。", "县城管局",
     "县妇联、各乡镇人民政府", None],
    ["9", "建设乡镇再生资源回收站点，推动可回收物资源化利用。", "县商务局", "县供销社", None],
    ["10", "整治农村生活垃圾积存点，清理陈年垃圾，杜绝垃圾乱堆乱放。", "县城管局",
     "各乡镇人民政府", None],
    "四、整体提升村容村貌",
    ["11", "开展村庄清洁行动，重点清理房前屋后杂物、残垣断壁和废弃畜禽圈舍，推动村庄环境由干净"
     "整洁向美丽宜居转变。\n每季度组织一次集中清洁活动。", "县农业农村局", "各乡镇人民政府",
     "每季度"],
    ["12", "加强乡村风貌引导，推广使用农房设计通用图集。", "县住建局、县自然资源局",
     "各乡镇人民政府、县文明办", "2024年10月底前"],
    ["13", "开展美丽庭院创建，评选一批示范户。", "县妇联", "各乡镇人民政府", "2024年11月底前"],
    ["14", "建立农村人居环境长效管护机制，将管护经费纳入县级财政预算，落实村民门前三包责任制，"
     "开展“红黑榜”评比。", "县农业农村局、县财政局", "各乡镇人民政府", "长期坚持"],
]


def notice_pdf(path: Path, *, valign: str, ruled: bool, page_height: float = 842.0) -> Path:
    """The notice as a PDF, its cells aligned ``valign`` ("top", "middle", "bottom")."""
    return write_table(path, HEADER, ROWS, WIDTHS, valign=valign, ruled=ruled, title=TITLE,
                       before=BEFORE, after=AFTER, page_height=page_height)


def expected_rows() -> list[dict]:
    """Every numbered row as the expected files hold it, merged cells filled in."""
    out: list[dict] = []
    section = None
    above: list[str | None] = [None] * len(HEADER)
    for row in ROWS:
        if isinstance(row, str):
            section = row
            continue
        cells = [c if c is not None else above[j] for j, c in enumerate(row)]
        above = cells
        task = cells[1].replace("\n", "")  # records join a task's paragraphs
        out.append({"seq": cells[0], "section": section, "task": task,
                    "lead_units": cells[2].split("、"), "other_units": cells[3].split("、"),
                    "deadline": cells[4]})
    return out
