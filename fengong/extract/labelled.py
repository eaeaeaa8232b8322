"""Labelled lists: an item (``1. 任务``, ``（一）任务``, ``第二条 …``) then label lines
(``牵头单位：…`` ``协同责任单位：…`` ``完成时限：…``), or labels inside the item's line
(``3、某工程，牵头部门：市交通局。``), or a whole table flattened onto one line.

Used by every reader that meets a notice written as paragraphs (text, DOCX, HTML). Labels
come from the one vocabulary and an item's label text is read by the one clause reader; the
items become a grid with a header the shared row assembly understands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .cells import Cell, Grid, Provenance, Row
from .clauses import read_clauses
from .content import looks_like_units
from .hanzi import simplified
from .numbering import HAN_NUMERALS, is_heading, numbering_style, plain_numbers, split_item
from .prose import ends_in_roles, item_roles
from .roles import ITEM_HEADER, LABEL, TASK_LABEL, header_key, label_role

HEADER = ITEM_HEADER

_CLOSED = re.compile(r"[）)】\]〕][。；;，,]?\s*$")
_WRAPPED = re.compile(r"^\s*[（(【\[〔](?P<body>.*)[）)】\]〕][。；;]?\s*$", re.S)
_HAN_ITEM = re.compile(
    rf"^\s*(?P<printed>[(（]\s*[{HAN_NUMERALS}]{{1,4}}\s*[)）]|[{HAN_NUMERALS}]{{1,4}}\s*[、.．]"
    rf"|第[{HAN_NUMERALS}0-9]{{1,4}}条)\s*(?P<rest>\S.*)$", re.S)


@dataclass
class _Item:
    where: Provenance
    printed: str
    task: str
    labels: list[str] = field(default_factory=list)


@lru_cache(maxsize=16384)
def first_label(text: str) -> re.Match[str] | None:
    """The first role label (``牵头单位：``) in a paragraph, wherever it stands."""
    key = simplified(text)
    for match in LABEL.finditer(key):
        if label_role(match.group("label")) is not None:
            return match
    return None


def label_of(text: str) -> tuple[str, str] | None:
    """Given a paragraph, return (label, value) if it starts with a role label, else None."""
    body = _unwrapped(text)
    match = first_label(body)
    if match is None or body[: match.start()].strip(" \u3000【[（(·•-"):
        return None
    return match.group("label"), body[match.end():].strip()


def count_labels(paragraphs: Sequence[str]) -> int:
    """How many paragraphs hold a role label (a reader's test for this layout)."""
    return sum(1 for p in _vertical_labels(list(paragraphs)) if first_label(p) is not None)


def _unwrapped(text: str) -> str:
    """``（责任单位：A、B）`` on a line of its own is a label line."""
    match = _WRAPPED.match(text)
    return match.group("body") if match and first_label(match.group("body")) else text


def _values_on_next_lines(lines: list[str]) -> list[str]:
    """A label line with nothing after its colon (``责任单位：``) takes the next line for its
    value (``区园林中心``), and the lines after that while they are unit names, one a line;
    never a label or an item of its own."""
    filled = [line.strip() for line in lines if line.strip()]
    out: list[str] = []
    taking = False  # the last line out is a unit label whose value came from the lines after
    for line in filled:
        previous = out[-1] if out else ""
        label = first_label(previous)
        free = first_label(line) is None and split_item(line) is None
        if free and label is not None and label.start() == 0 and label.end() == len(previous):
            out[-1] = previous + line
            taking = label_role(label.group("label")) in ("lead", "other", "unit")
        elif free and taking and looks_like_units(line):
            out[-1] = f"{previous}、{line}"
        else:
            out.append(line)
            taking = False
    return out if len(out) < len(filled) else lines


def _vertical_labels(lines: list[str]) -> list[str]:
    """A label word alone on its line with its value on the next (``责任单位`` / ``县卫健局``)
    is a label line; a task label (``具体任务``) opens an item with no number."""
    lines = _values_on_next_lines(lines)
    filled = [line.strip() for line in lines if line.strip()]
    words = [header_key(line) for line in filled]
    pairs = sum(1 for w in words if label_role(w) is not None and len(w) <= 8)
    if pairs < 2 or not any(TASK_LABEL.match(w) for w in words):
        return lines
    out: list[str] = []
    i = 0
    while i < len(filled):
        word = words[i]
        nxt = filled[i + 1] if i + 1 < len(filled) else None
        label_word = TASK_LABEL.match(word) or (label_role(word) is not None and len(word) <= 8)
        if label_word and nxt is not None and label_role(words[i + 1]) is None \
                and not TASK_LABEL.match(words[i + 1]):
            out.append(f"\ue000{nxt}" if TASK_LABEL.match(word) else f"{word}：{nxt}")
            i += 2
            continue
        out.append(filled[i])
        i += 1
    return out


def labelled_grid(paragraphs: Sequence[tuple[str, Provenance]], table: int | None = None) -> Grid:
    """Given paragraphs with provenance, return a grid: header of labels, one row per item.

    Label lines after a run of sub-items with none of their own (``(1)`` ``(2)`` then
    ``（责任单位：…）``) apply to each sub-item of the run.
    """
    texts = _vertical_labels([t for t, _ in paragraphs])
    if len(texts) != len(paragraphs):
        paragraphs = [(t, Provenance()) for t in texts]
    else:
        paragraphs = [(t, w) for t, (_, w) in zip(texts, paragraphs, strict=True)]
    lines = [(t.strip(), w) for t, w in paragraphs if t.strip()]
    items: list[_Item] = []
    headings: dict[int, list[tuple[str, Provenance]]] = {}
    preamble: list[tuple[str, Provenance]] = []
    footer: list[tuple[str, Provenance]] = []  # the signature and date after the items
    open_task = False  # task text may wrap onto following lines until the first label
    run: list[_Item] = []  # the items the label lines met so far apply to
    for index, (text, where) in enumerate(lines):
        body = _unwrapped(text)
        label = first_label(body)
        if label is not None and not body[: label.start()].strip(" \u3000【[（(·•-"):
            if items:
                run = run or _unlabelled_run(items)  # later label lines: the same run
                for item in run:
                    item.labels.append(body)
            open_task = False
            continue
        head, tail = (text[: label.start()], text[label.start():]) if label else (text, "")
        if tail and head.rstrip()[-1:] in "（(【[〔":
            head = head.rstrip()[:-1]  # ……成果。（牵头单位：…）: the bracket holds the labels
            tail = _CLOSED.sub("", tail)  # and the last label's value does not end in ）
        item = _item_of(head, lines[index + 1][0] if index + 1 < len(lines) else "", tail)
        if item is not None:
            printed, task = item
            items.append(_Item(where, printed, task, [tail] if tail else []))
            open_task = not tail and not ends_in_roles(task)
            run = []
        elif is_heading(text):
            headings.setdefault(len(items), []).append((text, where))
            open_task = False
        elif open_task and items:
            items[-1].task = f"{items[-1].task}\n{head}"
            if tail:
                items[-1].labels.append(tail)
                open_task = False
        else:
            (footer if items else preamble).append((text, where))
    rows: list[Row] = [(Cell(t, w),) for t, w in preamble]
    numbered = any(item.printed for item in items)  # else: one record per item, no 序号
    rows.append(tuple(Cell(h) for h in HEADER[0 if numbered else 1:]))
    for index, item in enumerate(items):
        for text, hwhere in headings.get(index, []):
            rows.append((Cell(text, hwhere),))
        task = item.task
        if item.labels:
            found = read_clauses("；".join(item.labels))
        else:  # an item with its units in brackets, among labelled items
            task, found = item_roles(item.task) or (item.task, read_clauses(""))
        values = [item.printed, task, "、".join(found.lead), "、".join(found.other),
                  found.deadline or "", "、".join(found.leaders), "；".join(found.notes)]
        rows.append(tuple(Cell(v, item.where) for v in values[0 if numbered else 1:]))
    rows.extend((Cell(t, w),) for t, w in footer)
    return Grid(rows=tuple(rows), table=table, kind="labelled")


def _item_of(head: str, following: str, tail: str) -> tuple[str, str] | None:
    """(number as printed, task) when a paragraph opens an item: ``1.`` ``(1)``; or
    ``（一）`` / ``第二条`` when labels follow it (on its line or the next), since a heading
    that carries labels is an item."""
    if head.startswith("\ue000"):
        return "", head[1:].strip()
    trim = "，,；; " if tail else ""
    found = split_item(head)
    if found is not None:
        return found[2], found[1].rstrip(trim)
    han = _HAN_ITEM.match(plain_numbers(head))
    if han and (tail or label_of(following) is not None):
        return han.group("printed").strip(), han.group("rest").strip().rstrip(trim)
    return None


def _unlabelled_run(items: list[_Item]) -> list[_Item]:
    """The last item and the items before it that share its numbering style and carry no
    labels yet (sub-items labelled together)."""
    last = items[-1]
    run = [last]
    if last.labels:
        return run
    style = numbering_style(last.printed)
    for item in reversed(items[:-1]):
        if numbering_style(item.printed) != style or item.labels:
            break
        run.append(item)
    return run

