"""The clerk's check list: what to look at before a table goes out.

Warnings are ``problems.Problem``: a stable code, English and Chinese text (``problems.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from fengong.extract.numbering import numbering_style, split_item

from .deadline import parse_deadline
from .dictionary import Dictionary
from .problems import Problem, label, problem
from .units import resolve


def sequence_warnings(seqs: Sequence[str | None], subrows: Sequence[bool],
                      sections: Sequence[str | None],
                      printed: Sequence[str | None] | None = None) -> list[list[Problem]]:
    """Given each row's 序号, sub-row flag, section and 序号 as printed, return each row's
    warnings.

    Sub-items (``（1）`` ``（2）`` under the item ``4、加强用工服务保障。``, their section) are
    numbered on their own under each item, and stand for that item in its level's count.
    """
    printed = printed or [None] * len(seqs)
    styles = [numbering_style(p) if p else None for p in printed]
    nested = {style for style in set(styles) - {None}
              if all(split_item(sections[i] or "") is not None
                     for i, s in enumerate(styles) if s == style)}
    out: list[list[Problem]] = [[] for _ in seqs]
    top: list[tuple[int | None, str | None, bool, str | None]] = []
    parents: dict[str | None, list[int]] = {}
    for i, style in enumerate(styles):
        if style not in nested:
            top.append((i, seqs[i], subrows[i], sections[i]))
            continue
        if sections[i] not in parents:  # the item itself, in its place, under the heading
            item = split_item(sections[i] or "")
            top.append((None, item[0] if item else None, False, top[-1][3] if top else None))
        parents.setdefault(sections[i], []).append(i)
    for group in [top, *([(i, seqs[i], subrows[i], sections[i]) for i in rows]
                         for rows in parents.values())]:
        found = _level_warnings([g[1] for g in group], [g[2] for g in group],
                                [g[3] for g in group])
        for (index, *_), problems in zip(group, found, strict=True):
            if index is not None:
                out[index] = problems
    return out


def _level_warnings(seqs: Sequence[str | None], subrows: Sequence[bool],
                    sections: Sequence[str | None]) -> list[list[Problem]]:
    """The warnings of one level of numbering: a gap before a row, a number used by two
    rows, a number smaller than the one before it. Sub-rows split from one merged row share
    its number and are not duplicates; numbering that starts again at 1 under a new section
    is not out of order."""
    out: list[list[Problem]] = [[] for _ in seqs]
    numbers = [int(s) if s is not None and s.isdigit() else None for s in seqs]
    restarts = _restarts_per_section(numbers, sections)
    keys = [(sections[i] if restarts else None, n) for i, n in enumerate(numbers)]
    counts = Counter(k for k, n, sub in zip(keys, numbers, subrows, strict=True)
                     if n is not None and not sub)
    previous: int | None = None
    for i, (number, sub) in enumerate(zip(numbers, subrows, strict=True)):
        if number is None or sub:
            continue
        if restarts and i > 0 and sections[i] != sections[i - 1] and number == 1:
            previous = None
        if counts[keys[i]] > 1:
            out[i].append(problem("seq_duplicate", number=number, count=counts[keys[i]]))
        if previous is not None:
            if number < previous:
                out[i].append(problem("seq_order", number=number, previous=previous))
            elif number > previous + 1:
                missing = f"{previous + 1}" if number == previous + 2 else \
                    f"{previous + 1}–{number - 1}"
                out[i].append(problem("seq_gap", missing=missing, number=number))
        elif number != 1:
            out[i].append(problem("seq_start", number=number))
        previous = number
    return out


def _restarts_per_section(numbers: Sequence[int | None], sections: Sequence[str | None]) -> bool:
    """True when every section after the first starts its numbering at 1 again."""
    firsts = [n for i, n in enumerate(numbers)
              if n is not None and i > 0 and sections[i] != sections[i - 1]]
    return bool(firsts) and all(n == 1 for n in firsts)


_DATE_LIKE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|年底|年内|季度|长期|持续")


def shifted_cells(units: Sequence[str], deadline: str | None,
                  dictionary: Dictionary) -> list[Problem]:
    """A row whose cells look shifted: a date among the units, a unit in the deadline."""
    out = []
    for unit in units:
        if _DATE_LIKE.search(unit) and parse_deadline(unit).kind != "unknown" \
                and not resolve(unit, dictionary).known:
            out.append(problem("shifted_date_in_units", unit=unit))
    if deadline and parse_deadline(deadline).kind == "unknown" \
            and resolve(deadline, dictionary).known:
        out.append(problem("shifted_unit_in_deadline", deadline=deadline))
    return out


def check_summary(source: str, tasks: Sequence) -> dict:
    """Given one file's records, return what a clerk checks: rows read, and the warnings
    grouped by code (most frequent first), each with its Chinese label, the places it
    concerns (序号, and the row where a 序号 repeats or is missing) and what each says."""
    repeated = {s for s, n in Counter(t.seq for t in tasks).items() if n > 1}
    groups: dict[str, list[dict]] = {}
    for index, task in enumerate(tasks, start=1):
        if task.seq is None:
            where = f"第 {index} 行"
        elif task.seq in repeated:
            where = f"序号 {task.seq}（第 {index} 行）"
        else:
            where = f"序号 {task.seq}"
        for code, text in zip(task.warning_codes, task.warnings_zh, strict=True):
            detail = text.split("：", 1)[1] if "：" in text else ""
            groups.setdefault(code, []).append({"seq": task.seq, "row": index,
                                                "where": where, "detail": detail})
    ordered = dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    layout = tasks[0].layout if tasks else None
    return {"source": source, "rows": len(tasks), "layout": layout,
            "warnings": sum(len(v) for v in groups.values()),
            "by_kind": {code: {"label": label(code), "items": items}
                        for code, items in ordered.items()}}


def check_report(source: str, tasks: Sequence,
                 candidates: Sequence[tuple[str, float]] = ()) -> list[str]:
    """Given one file's records, return the lines a clerk reads: rows read and the layout
    they were read in, then warnings grouped by kind with the 序号 they concern and what
    each says; with ``candidates``, every reading proposed and its score."""
    summary = check_summary(source, tasks)
    lines = [f"{source}：读出 {len(tasks)} 行（{summary['layout']}），{summary['warnings']} 条提示"
             if tasks else f"{source}：没有找到任务表"]
    if candidates:
        lines.append("  各种读法：" + "，".join(f"{name} {score:g}" for name, score in candidates))
    for code, group in summary["by_kind"].items():
        items = group["items"]
        places = "、".join(dict.fromkeys(item["where"] for item in items))
        lines.append(f"  {group['label']} ×{len(items)} — {places}  [{code}]")
        details: dict[str, list[str]] = {}
        for item in items:
            if item["detail"]:
                details.setdefault(item["detail"], []).append(item["where"])
        lines.extend(f"      {'、'.join(dict.fromkeys(where))}：{detail}"
                     for detail, where in details.items())
    return lines
