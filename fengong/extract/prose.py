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

from .cells import Cell, Grid, Provenance, Row
from .clauses import Clauses, read_clauses
from .content import looks_like_units
from .hanzi import simplified
from .numbering import HAN_NUMERALS, is_heading, plain_numbers
from .roles import ITEM_HEADER, LABEL, ROLE_HINT

HEADER = ITEM_HEADER

_ITEM = re.compile(
    rf"^\s*(?P<printed>[0-9０-９]{{1,3}}\s*(?:[.．](?![0-9０-９])|、)|[(（]\s*[0-9０-９]{{1,3}}\s*[)）]"
    rf"|[(（]\s*[{HAN_NUMERALS}]{{1,4}}\s*[)）]|[{HAN_NUMERALS}]{{1,4}}是"
    rf"|第[{HAN_NUMERALS}0-9]{{1,4}}条)\s*(?P<rest>\S.*)$",
    re.S,
)
_INNER = r"[^（）()〔〕【】\[\]]*"
_BRACKET = re.compile(
    rf"(?:[（(](?P<round>{_INNER}(?:[（(]{_INNER}[）)]{_INNER})*)[）)]"
    rf"|[〔【\[](?P<square>{_INNER}(?:[（(]{_INNER}[）)]{_INNER})*)[〕】\]])"
)
_START = re.compile(r"附件|方案|清单|分工|任务|安排|要点|规定|意见")
_RUNNING = re.compile(
    r"(?:^|(?<=[。；;]))(?P<sentence>(?:由|请)?[^。；;]*(?:牵头|配合|负责)[^。；;]*[。；;]?)$")


def bracket_roles(body: str) -> Clauses:
    """Given the inside of a bracket group, return its units by role and its notes (the one
    clause reader: ``X、Y牵头`` -> lead, ``Z配合`` -> other, ``W按职责分工负责`` -> other
    beside a lead, else lead; ``牵头单位：`` / ``配合单位：`` labels; sentences -> notes)."""
    return read_clauses(body)


def _is_unit_group(body: str) -> bool:
    """A bracket group that assigns units (not an aside like （试行） or （2022年））."""
    if ROLE_HINT.search(simplified(body)):
        return read_clauses(body).units
    return looks_like_units(body)


def join_paragraphs(lines: Sequence[tuple[str, Provenance]]) -> list[tuple[str, Provenance]]:
    """Visual lines (PDF text, hard-wrapped text) back into paragraphs: a numbered line, a
    heading or a role's label (``牵头单位：``) starts one; other lines continue the paragraph
    before."""
    out: list[tuple[str, Provenance]] = []
    for text, where in lines:
        stripped = text.strip()
        if not stripped:
            continue
        starts = (bool(_ITEM.match(plain_numbers(stripped))) or is_heading(stripped)
                  or bool(LABEL.match(stripped)))
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
    """Given a notice's lines, return its prose items as a grid, or None if it has none.

    One item suffices when its units are named with role words; a numbered headline whose
    units come in the paragraph after it takes that paragraph."""
    paragraphs = _with_details(join_paragraphs(lines))
    items = [(i, m) for i, (text, _) in enumerate(paragraphs)
             if (m := _ITEM.match(plain_numbers(text))) and item_roles(m.group("rest"))]
    if not items or (len(items) == 1 and not item_roles(items[0][1].group("rest"))[1].roles_named):
        return None
    start = _start_of_tasks(paragraphs, items[0][0])
    rows: list[Row] = [tuple(Cell(h) for h in HEADER)]
    for text, where in paragraphs[start:]:
        match = _ITEM.match(plain_numbers(text))
        found = item_roles(match.group("rest")) if match else None
        if match and found:
            rows.append(_item_row(match, *found, where))
        elif is_heading(text) and len(text) <= 40:
            rows.append((Cell(text, where),))
    return Grid(rows=tuple(rows), kind="prose")


def _with_details(paragraphs: list[tuple[str, Provenance]]) -> list[tuple[str, Provenance]]:
    """A numbered headline with no units (``1.目标一句。``) takes the unnumbered paragraphs
    after it, up to the next item or heading (its detail, which names the units)."""
    out: list[tuple[str, Provenance]] = []
    for text, where in paragraphs:
        prev = out[-1][0] if out else ""
        if (out and not _ITEM.match(plain_numbers(text)) and not is_heading(text)
                and (m := _ITEM.match(plain_numbers(prev))) and not item_roles(m.group("rest"))
                and item_roles(text)):
            out[-1] = (prev + text, out[-1][1])
            continue
        out.append((text, where))
    return out


def item_roles(rest: str) -> tuple[str, Clauses] | None:
    """An item's task text and who does what: its bracket groups, else a closing sentence
    that names roles (``由市发改委牵头，有关部门配合，6月底前完成。``)."""
    groups = [m for m in _BRACKET.finditer(rest) if _is_unit_group(_body(m))]
    if groups:
        found = Clauses()
        task = ""
        cursor = 0
        for group in groups:
            task += rest[cursor:group.start()]
            cursor = group.end()
            part = read_clauses(_body(group))
            for name in ("lead", "other", "leaders", "notes"):
                getattr(found, name).extend(getattr(part, name))
            found.deadline = part.deadline or found.deadline
            found.roles_named = found.roles_named or part.roles_named
        task += rest[cursor:]
        return _clean_task(task), found
    running = _RUNNING.search(rest.strip())
    if running and running.start() > 0:
        found = read_clauses(running.group("sentence"))
        if found.units and found.roles_named and not found.notes:
            return _clean_task(rest.strip()[:running.start()]), found
    return None


def ends_in_roles(text: str) -> bool:
    """Whether an item's text ends with its bracket of who does what (``……。（A牵头）``):
    the item is whole, and a line after it (a closing sentence, the signature) is not its."""
    groups = list(_BRACKET.finditer(text))
    return bool(groups) and not text[groups[-1].end():].strip(" \u3000。；;，,") \
        and _is_unit_group(_body(groups[-1]))


def _body(group: re.Match[str]) -> str:
    return group.group("round") if group.group("round") is not None else group.group("square")


def _clean_task(task: str) -> str:
    return re.sub(r"^[。，；]+|(?<=。)。+", "", task.strip())


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


def _item_row(match: re.Match[str], task: str, found: Clauses, where: Provenance) -> Row:
    printed = match.group("printed").strip()
    values = (printed, task, "、".join(found.lead), "、".join(found.other), found.deadline or "",
              "、".join(found.leaders), "；".join(found.notes))
    return tuple(Cell(v, where) for v in values)
