"""The clerk's view of a record: the notice's own columns in Chinese, in the notice's order,
then what fengong adds (full names, the ISO date, the warnings in Chinese). The first sheet
of the workbook, and ``extract --clerk`` for CSV; machines keep the field names."""

from __future__ import annotations

from pathlib import PureWindowsPath

# (header, width in Excel characters; a Chinese character takes about two)
CLERK_COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 6), ("分组", 16), ("任务", 50), ("牵头单位", 20), ("配合单位", 24),
    ("完成时限", 14), ("规范名称", 30), ("截止日期", 12), ("提示", 30), ("来源", 18))
CLERK_HEADERS: tuple[str, ...] = tuple(header for header, _ in CLERK_COLUMNS)
NAME_JOINER = "、"  # as notices write unit lists: a sheet to read (the 记录 sheet is exact)


def clerk_row(record: dict) -> dict[str, str]:
    """Given a record, return its clerk columns as text."""
    lead = record.get("lead_units") or ()
    other = record.get("other_units") or ()
    return {
        "序号": record.get("seq_printed") or record.get("seq") or "",
        "分组": record.get("section") or "",
        "任务": record.get("task") or "",
        "牵头单位": NAME_JOINER.join(lead),
        "配合单位": NAME_JOINER.join(other),
        "完成时限": record.get("deadline") or "",
        "规范名称": _full_names(record),
        "截止日期": record.get("deadline_date") or "",
        "提示": "\n".join(record.get("warnings_zh") or record.get("warnings") or ()),
        "来源": _file_name(record.get("source") or ""),  # the whole path is on the 记录 sheet
    }


def _file_name(source: str) -> str:
    return PureWindowsPath(source).name  # takes / and \ alike


def _full_names(record: dict) -> str:
    """The dictionary's names where they differ from what the notice wrote, by role."""
    lines = []
    for role, label in (("lead", "牵头"), ("other", "配合")):
        written = record.get(f"{role}_units") or ()
        canonical = record.get(f"{role}_units_canonical") or written
        if list(canonical) != list(written):
            lines.append(f"{label}：{NAME_JOINER.join(canonical)}")
    return "\n".join(lines)
