"""Every warning fengong gives, in one catalogue: a stable code, what it says in English (the
record's ``warnings``, ``kind: detail``) and in Chinese (``warnings_zh``, what the clerk
reads on the page, in the workbook and from ``fengong check``). Codes never change once
published; the wording may.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One kind of warning: its label and detail template in each language."""

    en: str
    zh: str
    en_detail: str = ""
    zh_detail: str = ""
    meaning: str = ""  # for the documentation


CATALOGUE: dict[str, Kind] = {
    "seq_gap": Kind("序号 gap", "序号缺号", "{missing} missing before {number}",
                    "{number} 前缺 {missing}", "a number is missing before this row"),
    "seq_duplicate": Kind("序号 duplicate", "序号重复", "{number} is used by {count} rows",
                          "{number} 用了 {count} 次", "two rows have the same number"),
    "seq_order": Kind("序号 order", "序号倒序", "{number} comes after {previous}",
                      "{number} 排在 {previous} 之后", "a number smaller than the one before"),
    "seq_start": Kind("序号 start", "序号起始", "the table starts at {number}, not 1",
                      "从 {number} 开始，不是 1", "the first number is not 1"),
    "empty_task": Kind("empty task", "任务为空", meaning="the row has no task text"),
    "no_lead_unit": Kind("no lead unit", "缺牵头单位", meaning="the row names no lead unit"),
    "no_deadline": Kind("no deadline", "缺完成时限",
                        meaning="the table has a deadline column and this row's is empty"),
    "unknown_unit": Kind("unknown unit", "单位不在词典中", "{unit}", "{unit}",
                         "a unit the dictionary does not know (add it with --units)"),
    "deadline_unknown": Kind("deadline not understood", "完成时限无法识别", "{raw}", "{raw}",
                             "the deadline cell gives no date fengong can read"),
    "deadline_year_inferred": Kind("deadline year inferred", "完成时限未写年份",
                                   "{raw} read as in {year}", "{raw} 按 {year} 年算",
                                   "a deadline without a year took the notice's year"),
    "deadline_before_notice": Kind("deadline before notice", "完成时限早于发文日期",
                                   "{date} is before the notice's date {notice}",
                                   "{date}（发文日期 {notice}）",
                                   "the deadline falls before the notice was issued"),
    "inherited": Kind("inherited", "沿用上一行", "the {what} is the row above's (a merged "
                      "cell?)", "{what_zh}取自上一行（可能是合并单元格）",
                      "a lead unit or deadline the row left empty under a cell written "
                      "once, filled from the row above"),
    "shifted_date_in_units": Kind("shifted cells", "疑似错列",
                                  "a unit column holds a date ({unit})",
                                  "单位栏里是日期（{unit}）", "a date in a unit column"),
    "shifted_unit_in_deadline": Kind("shifted cells", "疑似错列",
                                     "the deadline column holds a unit ({deadline})",
                                     "完成时限栏里是单位（{deadline}）",
                                     "a unit in the deadline column"),
    "low_ocr_confidence": Kind("low OCR confidence", "识别可信度低",
                               "{score:.2f}, check this row against the scan",
                               "{score:.2f}，请对照扫描件核对本行",
                               "a scanned row recognised with a low score"),
    "file_damaged": Kind("file", "文件受损", "{text}",
                         "只读出了能读的部分，可能缺行，请索取完好的文件",
                         "the file is damaged and was read as far as it goes; this and "
                         "every record of the file carry it"),
}


@dataclass(frozen=True)
class Problem:
    """One warning on one record."""

    code: str
    en: str  # ``kind: detail``
    zh: str  # ``类别：说明``
    zh_detail: str = ""


def problem(code: str, **values: object) -> Problem:
    """The warning ``code`` with its details filled in."""
    kind = CATALOGUE[code]
    en_detail = kind.en_detail.format(**values)
    zh_detail = kind.zh_detail.format(**values)
    return Problem(code, f"{kind.en}: {en_detail}" if en_detail else kind.en,
                   f"{kind.zh}：{zh_detail}" if zh_detail else kind.zh, zh_detail)


def label(code: str) -> str:
    """A code's Chinese label (what ``check`` groups by)."""
    kind = CATALOGUE.get(code)
    return kind.zh if kind else code
