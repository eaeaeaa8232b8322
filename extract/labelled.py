"""Labelled lists: ``1. 任务`` then ``牵头单位：…`` ``配合单位：…`` ``完成时限：…`` lines.

Used by every reader that meets a notice written as paragraphs (text, DOCX, HTML). The
paragraphs become a grid with a header made of the labels, so the shared row assembly gives
the columns their roles exactly as it does for a real table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cells import Cell, Grid, Provenance, Row
from .hanzi import simplified
from .header import cell_role
from .numbering import is_heading, numbering_style, split_item

_LABEL = re.compile(
    r"^\s*[【\[]?(?P<label>(?:牵头|主办|责任|配合|参与|协办|协同|参加|落实)(?:单位|部门)|牵头领导|责任领导"
    r"|完成(?:时间|时限|期限)|时间(?:节点|要求|安排)|时限(?:要求)?)[】\]]?\s*[:：]\s*(?P<value>.*)$",
    re.S,
)


_LABEL_HINT = re.compile(r"[:：]")


def label_of(text: str) -> tuple[str, str] | None:
    """Given a paragraph, return (label, value) if it is a ``牵头单位：…`` line, else None."""
    match = _LABEL.match(simplified(text)) if _LABEL_HINT.search(text) else None
    if not match or cell_role(match.group("label")) is None:
        return None
    return match.group("label"), match.group("value").strip()


def count_labels(paragraphs: Sequence[str]) -> int:
    """How many paragraphs are label lines (a reader's test for this layout)."""
    return sum(1 for p in paragraphs if label_of(p) is not None)


_ROLE_HEADERS = {"lead": "牵头单位", "other": "配合单位", "deadline": "完成时限"}


def labelled_grid(paragraphs: Sequence[tuple[str, Provenance]], table: int | None = None) -> Grid:
    """Given paragraphs with provenance, return a grid: header of labels, one row per item.

    Label lines after a run of sub-items with none of their own (``(1)`` ``(2)`` then
    ``责任单位：…``) apply to each sub-item of the run.
    """
    columns: list[str] = []
    items: list[tuple[Provenance, str, str, dict[str, str]]] = []
    headings: dict[int, list[tuple[str, Provenance]]] = {}
    preamble: list[tuple[str, Provenance]] = []
    open_task = False  # task text may wrap onto following lines until the first label
    for text, where in paragraphs:
        text = text.strip()
        if not text:
            continue
        found = label_of(text)
        if found is not None and items:
            column = _column(found[0], items[-1][3])
            if column not in columns:
                columns.append(column)
            for fields in _unlabelled_run(items, column):
                fields[column] = f"{fields[column]}\n{found[1]}" if column in fields \
                    else found[1]
            open_task = False
            continue
        item = split_item(text)
        if item is not None:
            items.append((where, item[2], item[1], {}))
            open_task = True
        elif is_heading(text):
            headings.setdefault(len(items), []).append((text, where))
            open_task = False
        elif open_task:
            where0, printed, task, fields = items[-1]
            items[-1] = (where0, printed, f"{task}\n{text}", fields)
        elif not items:
            preamble.append((text, where))
    rows: list[Row] = [(Cell(t, w),) for t, w in preamble]
    rows.append(tuple(Cell(h) for h in ("序号", "主要任务", *columns)))
    for index, (where, printed, task, fields) in enumerate(items):
        for text, hwhere in headings.get(index, []):
            rows.append((Cell(text, hwhere),))
        values = [printed, task, *(fields.get(column, "") for column in columns)]
        rows.append(tuple(Cell(v, where) for v in values))
    return Grid(rows=tuple(rows), table=table, kind="labelled")


def _unlabelled_run(items: list[tuple[Provenance, str, str, dict[str, str]]],
                    column: str) -> list[dict[str, str]]:
    """The fields of the last item and of the items before it that share its numbering
    style and its labels so far (sub-items labelled together), lacking ``column``."""
    last = items[-1]
    run = [last[3]]
    style = numbering_style(last[1])
    for _, printed, _, fields in reversed(items[:-1]):
        if numbering_style(printed) != style or set(fields) != set(last[3]):
            break
        run.append(fields)
    return [f for f in run if column not in f] or [last[3]]


def _column(label: str, fields: dict[str, str]) -> str:
    """The grid column a label fills: 责任单位 leads unless the item names a 牵头单位."""
    role = cell_role(label)
    if role == "unit":
        role = "other" if _ROLE_HEADERS["lead"] in fields else "lead"
    return _ROLE_HEADERS.get(role or "", label)
