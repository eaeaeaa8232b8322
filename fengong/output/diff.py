"""A comparison of two versions (``fengong.diff``) as a clerk's report in Chinese, CSV or
JSON for machines, or XLSX with the changes coloured. Works on the entries' plain dicts
(``TaskChange.to_dict()``), as the other writers work on records."""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence
from pathlib import Path

from .write import RecordWriter
from .xlsx import cell_text

CHANGE_LABELS = {"added": "新增", "removed": "删除", "changed": "修改", "same": "未变"}
FIELD_LABELS = {"seq": "序号", "section": "分组", "task": "任务", "lead_units": "牵头单位",
                "other_units": "配合单位", "deadline": "完成时间"}
DIFF_FORMATS = ("text", "json", "csv", "xlsx")
CSV_FIELDS = ("change", "fields", "old_seq", "new_seq", "similarity", "section", "task",
              "lead_units", "other_units", "deadline", "lead_units_added",
              "lead_units_removed", "other_units_added", "other_units_removed", "old_section",
              "old_task", "old_lead_units", "old_other_units", "old_deadline")
_WHOLE_BELOW = 0.6  # a task text less alike than this is shown whole, old and new


def diff_format_for(path: str | None, explicit: str | None) -> str:
    """The format to write: the one asked for, else the output file's extension, else text."""
    if explicit:
        return explicit
    suffix = Path(path).suffix.lower() if path and path != "-" else ""
    return {".json": "json", ".csv": "csv", ".xlsx": "xlsx"}.get(suffix, "text")


def render_diff(entries: Sequence[dict], fmt: str, old_name: str = "",
                new_name: str = "") -> bytes:
    """Given the entries of a comparison, return the bytes of the whole output in ``fmt``."""
    if fmt == "text":
        return text_report(entries, old_name, new_name).encode("utf-8")
    if fmt == "xlsx":
        return xlsx_report(entries)
    sink = io.BytesIO()
    if fmt == "csv":
        writer = RecordWriter(sink, "csv", fields=CSV_FIELDS)
        writer.write(flat_row(entry) for entry in entries)
    elif fmt == "json":
        writer = RecordWriter(sink, "json")
        writer.write(entries)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(DIFF_FORMATS)}")
    writer.close()
    return sink.getvalue()


def counts(entries: Sequence[dict]) -> dict[str, int]:
    """How many entries of each change, in the order of ``CHANGE_LABELS``."""
    return {change: sum(1 for e in entries if e["change"] == change) for change in CHANGE_LABELS}


def summary_line(entries: Sequence[dict]) -> str:
    """新增 1 项，删除 1 项，修改 3 项，未变 8 项"""
    return "，".join(f"{CHANGE_LABELS[c]} {n} 项" for c, n in counts(entries).items())


def text_report(entries: Sequence[dict], old_name: str = "", new_name: str = "") -> str:
    """The comparison as a clerk reads it: a summary, then 新增, 删除 and 修改 with each
    change marked (a reworded task shows 【删：…】【增：…】 where it differs), and the rows
    that only changed number on one line."""
    old_count = sum(1 for e in entries if e["change"] != "added")
    new_count = sum(1 for e in entries if e["change"] != "removed")
    lines = [f"比较：{old_name or '旧版'}（{old_count} 项） → "
             f"{new_name or '新版'}（{new_count} 项）", summary_line(entries)]
    marks = {"added": "+", "removed": "-", "changed": "*"}
    renumbered = [e for e in entries if e["fields"] == ["seq"]]
    for change in ("added", "removed", "changed"):
        chosen = [e for e in entries if e["change"] == change and e not in renumbered]
        if not chosen:
            continue
        lines += ["", f"【{CHANGE_LABELS[change]}】"]
        for entry in chosen:
            lines.append(f"{marks[change]} {heading(entry)}")
            lines += [f"  {line}" for line in describe(entry)
                      if change != "changed" or not line.startswith("序号：")]
    if renumbered:
        lines += ["", "【仅序号变动】",
                  "  " + "，".join(f"{e['old_seq']} → {e['new_seq']}" for e in renumbered)]
    return "\n".join(lines) + "\n"


def heading(entry: dict) -> str:
    """序号 4 → 3 and the start of the task, to find the row in either version."""
    old, new = entry["old_seq"], entry["new_seq"]
    if entry["change"] == "added":
        number = f"序号 {new or '—'}"
    elif entry["change"] == "removed":
        number = f"原序号 {old or '—'}"
    elif old != new:
        number = f"序号 {old or '—'} → {new or '—'}"
    else:
        number = f"序号 {new or '—'}"
    task = entry["task"]["task"]
    return f"{number}  {task[:30]}{'……' if len(task) > 30 else ''}"


def describe(entry: dict) -> list[str]:
    """Lines saying what an entry is: the whole row when added or removed, else one line per
    field that changed."""
    task = entry["task"]
    if entry["change"] in ("added", "removed"):
        return [f"分组：{task['section'] or '—'}", f"任务：{task['task']}",
                f"牵头单位：{_units(task['lead_units'])}；配合单位：{_units(task['other_units'])}"
                f"；完成时间：{task['deadline'] or '—'}"]
    was = entry["was"]
    lines = []
    for name in entry["fields"]:
        label = FIELD_LABELS[name]
        if name in ("lead_units", "other_units"):
            added = _as_written(entry[name + "_added"], task, name)
            removed = _as_written(entry[name + "_removed"], was, name)
            parts = [f"增 {_units(added)}" if added else "",
                     f"减 {_units(removed)}" if removed else ""]
            lines.append(f"{label}：{_units(was[name])} → {_units(task[name])}"
                         f"（{'；'.join(p for p in parts if p)}）")
        elif name == "task":
            lines += _task_lines(was["task"], task["task"])
        else:
            lines.append(f"{label}：{was[name] or '—'} → {task[name] or '—'}")
    return lines


def _task_lines(old: str, new: str) -> list[str]:
    """A reworded task with its edits marked in place, or old and new whole when most of it
    changed (marks all over the text would be harder to read)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < _WHOLE_BELOW:
        return [f"任务（原）：{old}", f"任务（现）：{new}"]
    out = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(old[a1:a2])
            continue
        if a2 > a1:
            out.append(f"【删：{old[a1:a2]}】")
        if b2 > b1:
            out.append(f"【增：{new[b1:b2]}】")
    return [f"任务：{''.join(out)}"]


def _as_written(canonical: Sequence[str], task: dict, field: str) -> list[str]:
    """Canonical names as the task writes them (the clerk sees the notice's words)."""
    written = dict(zip(task.get(field + "_canonical", ()), task.get(field, ()), strict=False))
    return [written.get(name, name) for name in canonical]


def _units(names: Sequence[str]) -> str:
    return "、".join(names) if names else "—"  # a report to read, not to split


def flat_row(entry: dict) -> dict:
    """An entry as one CSV row: the task's fields, what changed, and the old values of the
    fields that changed (``old_deadline`` …)."""
    task, was = entry["task"], entry["was"]
    row = {key: entry[key] for key in CSV_FIELDS if key in entry}
    row.update({key: task[key] for key in ("section", "task", "lead_units", "other_units",
                                           "deadline")})
    row.update({f"old_{key}": was.get(key) for key in ("section", "task", "lead_units",
                                                       "other_units", "deadline")})
    return row


_FILLS = {"added": "FFDDF2DD", "removed": "FFF4CCCC", "changed": "FFFFF2CC"}
_CHANGED_CELL = "FFFFD966"
_COLUMNS = (("变动", None, 8), ("原序号", None, 8), ("现序号", None, 8),
            ("分组", "section", 18), ("主要任务", "task", 60), ("牵头单位", "lead_units", 28),
            ("配合单位", "other_units", 28), ("完成时间", "deadline", 16), ("修改内容", None, 50))


def xlsx_report(entries: Sequence[dict]) -> bytes:
    """The comparison as a workbook: one row per entry, added rows green, removed red (struck
    through), changed yellow with the changed cells darker, and what changed in words."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "比较"
    sheet.append([title for title, _field, _width in _COLUMNS])
    for index, (_title, _field, width) in enumerate(_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(1, index).font = Font(bold=True)
    sheet.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, entry in enumerate(entries, start=2):
        task = entry["task"]
        values = [CHANGE_LABELS[entry["change"]], entry["old_seq"], entry["new_seq"],
                  *(cell_text(task[field]) for _t, field, _w in _COLUMNS[3:8]),
                  "\n".join(describe(entry)) if entry["change"] == "changed" else ""]
        fill = _FILLS.get(entry["change"])
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column, value if value is not None else "")
            cell.data_type = "s"  # typed as text: a task starting with = never runs
            cell.alignment = wrap
            field = _COLUMNS[column - 1][1]
            if field in entry["fields"] or (column == 3 and "seq" in entry["fields"]):
                cell.fill = PatternFill("solid", fgColor=_CHANGED_CELL)
            elif fill:
                cell.fill = PatternFill("solid", fgColor=fill)
            if entry["change"] == "removed":
                cell.font = Font(strike=True)
    sink = io.BytesIO()
    book.save(sink)
    return sink.getvalue()
