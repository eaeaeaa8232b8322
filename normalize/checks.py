"""The clerk's check list: what to look at before a table goes out.

Every warning reads ``kind: detail`` (or just ``kind``), so they can be grouped by kind.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .deadline import parse_deadline
from .dictionary import Dictionary
from .units import resolve


def sequence_warnings(seqs: Sequence[str | None], subrows: Sequence[bool],
                      sections: Sequence[str | None]) -> list[list[str]]:
    """Given each row's 序号, sub-row flag and section, return each row's warnings.

    Flags a gap before a row, a number used by two rows, and a number smaller than the one
    before it. Sub-rows split from one merged row share its number and are not duplicates;
    numbering that starts again at 1 under a new section is not out of order.
    """
    out: list[list[str]] = [[] for _ in seqs]
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
            out[i].append(f"序号 duplicate: {number} is used by {counts[keys[i]]} rows")
        if previous is not None:
            if number < previous:
                out[i].append(f"序号 order: {number} comes after {previous}")
            elif number > previous + 1:
                missing = f"{previous + 1}" if number == previous + 2 else \
                    f"{previous + 1}–{number - 1}"
                out[i].append(f"序号 gap: {missing} missing before {number}")
        elif number != 1:
            out[i].append(f"序号 start: the table starts at {number}, not 1")
        previous = number
    return out


def _restarts_per_section(numbers: Sequence[int | None], sections: Sequence[str | None]) -> bool:
    """True when every section after the first starts its numbering at 1 again."""
    firsts = [n for i, n in enumerate(numbers)
              if n is not None and i > 0 and sections[i] != sections[i - 1]]
    return bool(firsts) and all(n == 1 for n in firsts)


_DATE_LIKE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|年底|年内|季度|长期|持续")


def shifted_cells(units: Sequence[str], deadline: str | None,
                  dictionary: Dictionary) -> list[str]:
    """A row whose cells look shifted: a date among the units, a unit in the deadline."""
    out = []
    for unit in units:
        if _DATE_LIKE.search(unit) and parse_deadline(unit).kind != "unknown" \
                and not resolve(unit, dictionary).known:
            out.append(f"shifted cells: a unit column holds a date ({unit})")
    if deadline and parse_deadline(deadline).kind == "unknown" \
            and resolve(deadline, dictionary).known:
        out.append(f"shifted cells: the deadline column holds a unit ({deadline})")
    return out


def warning_kind(warning: str) -> str:
    """The kind of a warning: the words before its colon."""
    return warning.split(":", 1)[0].strip()


def check_summary(source: str, tasks: Sequence) -> dict:
    """Given one file's records, return what a clerk checks: rows read, and the warnings
    grouped by kind (most frequent first), each with the 序号 it concerns and its detail."""
    groups: dict[str, list[dict]] = {}
    for index, task in enumerate(tasks, start=1):
        where = task.seq if task.seq is not None else f"row {index}"
        for warning in task.warnings:
            detail = warning.split(":", 1)[1].strip() if ":" in warning else ""
            groups.setdefault(warning_kind(warning), []).append({"seq": where,
                                                                 "detail": detail})
    ordered = dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    layout = tasks[0].layout if tasks else None
    return {"source": source, "rows": len(tasks), "layout": layout,
            "warnings": sum(len(v) for v in groups.values()), "by_kind": ordered}


def check_report(source: str, tasks: Sequence,
                 candidates: Sequence[tuple[str, float]] = ()) -> list[str]:
    """Given one file's records, return the lines a clerk reads: rows read and the layout
    they were read in, then warnings grouped by kind with the 序号 they concern and what
    each says; with ``candidates``, every reading proposed and its score."""
    summary = check_summary(source, tasks)
    lines = [f"{source}: {len(tasks)} rows read as {summary['layout']}, "
             f"{summary['warnings']} warnings" if tasks else f"{source}: no task table found"]
    if candidates:
        lines.append("  readings: " + ", ".join(f"{name} {score:g}"
                                               for name, score in candidates))
    for kind, items in summary["by_kind"].items():
        seqs = ", ".join(dict.fromkeys(item["seq"] for item in items))
        lines.append(f"  {kind} ×{len(items)} — 序号 {seqs}")
        lines.extend(f"      {item['seq']}: {item['detail']}" for item in items
                     if item["detail"])
    return lines
