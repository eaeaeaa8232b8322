"""Prose notices: numbered paragraphs that end with their units in brackets.

    4.开展农村人居环境整治提升行动……。（市农业农村局牵头，市卫生健康委、市生态环境局配合，
    各县区政府负责落实）

Each item becomes a row of a grid whose header the shared row assembly understands; the
bracket group is parsed into lead and other units (see ``bracket_roles`` for how each phrase
maps), and a sentence in it that is not a unit list becomes the row's note (remarks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .cells import Cell, Grid, Provenance, Row
from .content import looks_like_units
from .hanzi import simplified
from .numbering import HAN_NUMERALS, is_heading, plain_numbers

HEADER = ("序号", "主要任务", "牵头单位", "配合单位", "备注")

_ITEM = re.compile(
    rf"^\s*(?P<printed>[0-9０-９]{{1,3}}\s*[.．、](?![0-9０-９])|[(（]\s*[0-9０-９]{{1,3}}\s*[)）]"
    rf"|[(（]\s*[{HAN_NUMERALS}]{{1,4}}\s*[)）]|[{HAN_NUMERALS}]{{1,4}}是)\s*(?P<rest>\S.*)$",
    re.S,
)
_BRACKET = re.compile(r"[（(](?P<body>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]")
_ROLE_WORDS = re.compile(r"牵头|配合|参与|协办|负责|责任单位|牵头单位|配合单位|责任部门")
_CLAUSE_SPLIT = re.compile(r"[，,；;。]")
_LABEL = re.compile(r"^(?P<label>牵头单位|牵头部门|责任单位|责任部门|主办单位|配合单位|参与单位|"
                    r"协办单位|配合部门)\s*[:：]\s*(?P<units>.+)$")
_TRAILING = re.compile(r"^(?P<units>.+?)(?P<verb>牵头负责|牵头|配合|参与|协办|按职责分工负责|"
                       r"分别负责|负责落实|负责)$")
_START = re.compile(r"附件|方案|清单|分工|任务")


@dataclass
class BracketRoles:
    lead: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    duty: list[str] = field(default_factory=list)  # 负责 / 按职责分工负责: placed at the end
    notes: list[str] = field(default_factory=list)


def bracket_roles(body: str) -> BracketRoles:
    """Given the inside of a bracket group, return its units by role and its notes.

    ``X、Y牵头`` -> lead; ``Z配合`` / ``Z参与`` / ``Z协办`` -> other; ``牵头单位：`` /
    ``责任单位：`` labels -> lead, ``配合单位：`` -> other; ``W负责`` / ``W按职责分工负责``
    -> other when the group names a lead, else lead; a plain unit list -> lead; any other
    sentence -> a note.
    """
    roles = BracketRoles()
    offset = 0
    for piece in _CLAUSE_SPLIT.split(body):
        start, offset = offset, offset + len(piece) + 1
        clause = piece.strip()
        if not clause:
            continue
        key = simplified(clause)
        label = _LABEL.match(key)
        verb = _TRAILING.match(key)
        if label:
            units = clause[label.start("units"):]
            target = roles.other if label.group("label") in ("配合单位", "参与单位", "协办单位",
                                                               "配合部门") else roles.lead
            target.append(units)
        elif verb and looks_like_units(clause[: verb.end("units")]):
            units = clause[: verb.end("units")]
            word = verb.group("verb")
            if word.startswith("牵头"):
                roles.lead.append(units)
            elif word in ("配合", "参与", "协办"):
                roles.other.append(units)
            else:
                roles.duty.append(units)
        elif looks_like_units(clause):
            roles.lead.append(clause)
        else:
            roles.notes.append(body[start:].strip().rstrip("。"))  # the rest, as written
            break
    if roles.lead:
        roles.other.extend(roles.duty)
    else:
        roles.lead.extend(roles.duty)
    roles.duty = []
    return roles


def _is_unit_group(body: str) -> bool:
    """A bracket group that assigns units (not an aside like （试行） or （2022年））."""
    if _ROLE_WORDS.search(simplified(body)):
        return True
    return looks_like_units(body)


def join_paragraphs(lines: Sequence[tuple[str, Provenance]]) -> list[tuple[str, Provenance]]:
    """Visual lines (PDF text, hard-wrapped text) back into paragraphs: a numbered line or a
    heading starts one; other lines continue the paragraph before."""
    out: list[tuple[str, Provenance]] = []
    for text, where in lines:
        stripped = text.strip()
        if not stripped:
            continue
        starts = bool(_ITEM.match(plain_numbers(stripped))) or is_heading(stripped)
        if out and not starts and not _closed(out[-1][0]):
            out[-1] = (out[-1][0] + stripped, out[-1][1])
        else:
            out.append((stripped, where))
    return out


def _closed(paragraph: str) -> bool:
    """A paragraph ends with a full stop or a closed bracket group."""
    depth = paragraph.count("（") + paragraph.count("(") - paragraph.count("）") \
        - paragraph.count(")")
    return depth <= 0 and paragraph.endswith(("。", "）", ")", "；", "！"))


def prose_grid(lines: Sequence[tuple[str, Provenance]]) -> Grid | None:
    """Given a notice's lines, return its prose items as a grid, or None if it has none."""
    paragraphs = join_paragraphs(lines)
    items = [(i, m) for i, (text, _) in enumerate(paragraphs)
             if (m := _ITEM.match(plain_numbers(text))) and _unit_groups(m.group("rest"))]
    if len(items) < 2:
        return None
    start = _start_of_tasks(paragraphs, items[0][0])
    rows: list[Row] = [tuple(Cell(h) for h in HEADER)]
    for text, where in paragraphs[start:]:
        match = _ITEM.match(plain_numbers(text))
        groups = _unit_groups(match.group("rest")) if match else []
        if match and groups:
            rows.append(_item_row(match, groups, where))
        elif is_heading(text) and len(text) <= 40:
            rows.append((Cell(text, where),))
    return Grid(rows=tuple(rows), kind="prose")


def _start_of_tasks(paragraphs: Sequence[tuple[str, Provenance]], first_item: int) -> int:
    """Tasks start after the plan's title or 附件 heading (the covering letter's numbered
    prose before it is not tasks), else at the first item that carries units."""
    for index in range(first_item, -1, -1):
        text = paragraphs[index][0]
        if index < first_item and len(text) <= 40 and _START.search(text) \
                and not _ITEM.match(plain_numbers(text)):
            return index + 1
    start = first_item
    while start > 0 and is_heading(paragraphs[start - 1][0]) \
            and len(paragraphs[start - 1][0]) <= 40:
        start -= 1
    return start


def _unit_groups(text: str) -> list[re.Match[str]]:
    return [m for m in _BRACKET.finditer(text) if _is_unit_group(m.group("body"))]


def _item_row(match: re.Match[str], groups: list[re.Match[str]], where: Provenance) -> Row:
    rest = match.group("rest")
    lead: list[str] = []
    other: list[str] = []
    notes: list[str] = []
    task = ""
    cursor = 0
    for group in groups:
        task += rest[cursor:group.start()]
        cursor = group.end()
        roles = bracket_roles(group.group("body"))
        lead.extend(roles.lead)
        other.extend(roles.other)
        notes.extend(roles.notes)
    task += rest[cursor:]
    task = re.sub(r"^[。，；]+|(?<=。)。+", "", task.strip())
    printed = match.group("printed").strip()
    values = (printed, task, "、".join(lead), "、".join(other), "；".join(notes))
    return tuple(Cell(v, where) for v in values)
