"""Row assembly, shared by every reader: grids of cells -> numbered raw rows.

The chain: find the header and give columns roles (or infer them from content) -> classify
each row (repeated header, section heading, numbered row, sub-row of a merged 序号,
continuation) -> join continuations to their row -> raw rows carrying their section.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .cells import Cell, Document, Grid, Provenance, RawRow, Row
from .content import looks_like_deadline, looks_like_units
from .header import (
    CORE_ROLES,
    UNIT_ROLES,
    cell_role,
    header_key,
    header_roles,
    merge_subheader,
    resolve_roles,
)
from .numbering import is_han_numbered, is_heading, numbering_style, parse_seq
from .roles import FIRST_UNIT_LEADS, wrapped_pair
from .title import plan_title

_SENTENCE_END = ("。", "；", ";", "！", "？", "!", "?")
_SIGNED = re.compile(r"\S\s+(?:\d{4}|[〇一二三四五六七八九零]{4})年\d{1,2}月\d{1,2}日\s*$")
@dataclass
class _Pending:
    """A numbered row being built: its cells by role, joined as continuations arrive."""

    seq: str | None
    section: str | None
    where: Provenance
    table: int | None
    parts: dict[str, list[str]] = field(default_factory=dict)
    subrow: bool = False
    confidence: float | None = None
    printed: str | None = None

    def add(self, role: str, cell: Cell) -> None:
        if cell.text.strip():
            self.parts.setdefault(role, []).append(cell.text.strip())
            if cell.inherited:
                self.parts.setdefault("inherited", []).append(role)
        if cell.confidence is not None:
            self.confidence = min(cell.confidence, self.confidence or 1.0)

    def text(self, role: str) -> str:
        return "\n".join(self.parts.get(role, []))

    def freeze(self) -> RawRow:
        extra = {
            role: self.text(role)
            for role in self.parts
            if role not in ("seq", "task", "lead", "other", "deadline")
        }
        return RawRow(
            seq=self.seq,
            section=self.section,
            task=self.text("task"),
            lead=self.text("lead"),
            other=self.text("other"),
            deadline=self.text("deadline"),
            where=self.where,
            table=self.table,
            extra=extra,
            subrow=self.subrow,
            confidence=self.confidence,
            seq_printed=self.printed,
        )


def find_header(rows: Sequence[Row]) -> tuple[int, tuple[str | None, ...]] | None:
    """Given rows, return (index of the header's last row, resolved roles), or None."""
    for i, row in enumerate(rows):
        roles = header_roles(row)
        if roles is None:
            continue
        if i + 1 < len(rows):
            merged = merge_subheader(roles, rows[i + 1])
            if merged is not None:
                return i + 1, resolve_roles(merged)
        seq = roles.index("seq") if "seq" in roles else 0
        fitted = fit_header(row, roles, _body_width(rows[i + 1:], seq))
        return i, resolve_roles(_unnamed_numbers(fitted, rows[i + 1:]))
    return None


def _unnamed_numbers(roles: tuple[str | None, ...],
                     rows: Sequence[Row]) -> tuple[str | None, ...]:
    """A header with no 序号 whose first unnamed column holds numbers: that column is it."""
    if "seq" in roles or None not in roles:
        return roles
    column = roles.index(None)
    values = [r[column].text for r in rows[:200] if column < len(r) and not r[column].blank]
    numbered = sum(1 for v in values if parse_seq(v) is not None)
    if values and numbered * 10 >= len(values) * 8:
        return (*roles[:column], "seq", *roles[column + 1:])
    return roles


def _body_width(rows: Sequence[Row], seq: int = 0) -> int | None:
    """The usual number of cells of the rows numbered in the 序号 column (None when there
    are none)."""
    widths = Counter(len(r) for r in rows[:200]
                     if len(r) > seq and parse_seq(r[seq].text) is not None)
    return widths.most_common(1)[0][0] if widths else None


def fit_header(row: Row, roles: tuple[str | None, ...],
               width: int | None) -> tuple[str | None, ...]:
    """A header wider than its rows had a cell wrapped over two lines (``目标`` / ``任务``):
    join neighbouring header words until the widths agree and each join names a column."""
    texts = [c.text for c in row]
    fitted = list(roles)
    while width is not None and width < len(texts):
        for j in range(len(texts) - 1):
            joined = cell_role(texts[j] + texts[j + 1])
            weak = fitted[j] not in CORE_ROLES or fitted[j + 1] not in CORE_ROLES
            if joined in CORE_ROLES and weak and wrapped_pair(texts[j], texts[j + 1]):
                texts[j:j + 2] = [texts[j] + texts[j + 1]]
                fitted[j:j + 2] = [joined]
                break
        else:
            break
    return tuple(fitted) if len(texts) == width else roles


def infer_roles(rows: Sequence[Row]) -> tuple[str | None, ...] | None:
    """Given rows with no header, return roles guessed from the numbered rows' content."""
    numbered = [r for r in rows if r and parse_seq(r[0].text) is not None and len(r) >= 2]
    if len(numbered) < 2:
        return None
    width = Counter(len(r) for r in numbered).most_common(1)[0][0]
    sample = [r for r in numbered if len(r) == width]
    roles: list[str | None] = ["seq"]
    for col in range(1, width):
        values = [r[col].text.strip() for r in sample if r[col].text.strip()]
        if not values:
            roles.append(None)
        elif _share(values, looks_like_deadline):
            roles.append("deadline")
        elif _share(values, looks_like_units):
            roles.append("unit")
        else:
            roles.append("text")
    text_cols = [i for i, r in enumerate(roles) if r == "text"]
    if text_cols:
        longest = max(text_cols, key=lambda i: sum(len(r[i].text) for r in sample))
        roles = [("task" if i == longest else "measure") if r == "text" else r
                 for i, r in enumerate(roles)]
    return resolve_roles(roles)


def _share(values: list[str], test) -> bool:
    return sum(1 for v in values if test(v)) * 2 > len(values)


def assemble(grids: Iterable[Grid]) -> Document:
    """Given a file's grids in document order, return its numbered rows and title."""
    grids = list(grids)
    flat = [(g, row) for g in grids for row in g.rows]
    first = find_header([row for _, row in flat])
    roles: tuple[str | None, ...] | None
    if first is not None:
        start, roles = first
    else:
        roles = infer_roles([row for _, row in flat])
        start = -1
        if roles is None:
            prose = tuple(c.text.strip() for _, row in flat for c in row if not c.blank)
            return Document(rows=(), title=_title([row for _, row in flat]), prose=prose)
    title = _title([row for _, row in flat[: max(start, 0)]])
    if start >= 0:
        roles, flat = _body_layout(roles, flat, start)
    builder = _Builder(roles)
    foreign: set[int] = set()  # other tables (contacts, signatures) met after the task table
    i = start + 1
    while i < len(flat):
        grid, row = flat[i]
        if id(grid) in foreign or (i > 0 and flat[i - 1][0] is not grid
                                   and not _continues_table(grid, builder.roles)):
            foreign.add(id(grid))
            i += 1
            continue
        found = header_roles(row)
        if found is not None:
            merged = merge_subheader(found, flat[i + 1][1]) if i + 1 < len(flat) else None
            new_roles = resolve_roles(merged if merged is not None else found)
            builder.new_header(new_roles, repeated=new_roles == builder.roles or
                               resolve_roles(found) == builder.first_roles)
            i += 2 if merged is not None else 1
            continue
        builder.feed(grid, row)
        i += 1
    header = tuple(r or "" for r in roles)
    prose = tuple(row[0].text.strip() for _, row in flat if len(row) == 1 and not row[0].blank)
    # the notice may say anywhere (a note, the header, a unit cell's note) that the first
    # unit named leads
    first_leads = any(FIRST_UNIT_LEADS.search(header_key(c.text)) for _, row in flat
                      for c in row if "牵头" in c.text or "牽頭" in c.text)
    return Document(rows=tuple(builder.finish()), title=title, header=header,
                    first_unit_leads=first_leads, prose=prose)


_GLUED = re.compile(r"^\s*(?P<num>[0-9０-９]{1,3})\s*[.．、](?![0-9０-９])\s*(?P<rest>\S.*)$", re.S)


def _body_layout(roles: tuple[str | None, ...], flat: list[tuple[Grid, Row]], start: int,
                 ) -> tuple[tuple[str | None, ...], list[tuple[Grid, Row]]]:
    """Header roles corrected by the body. In text flattened from a web page a cell merged
    over rows is left out of the later rows, so a row short of the header is aligned to the
    right (the merged columns are on the left) and takes their values from the row above; a
    table with no 序号 column whose column's cells start with numbers in sequence
    (``1.积极推进……``) has its 序号 there: it is split off, that column is the task and the
    text columns before it are the section."""
    body = flat[start + 1:]
    if any(g.kind == "text" for g, _ in body):
        body = _filled_down(_right_aligned(body, roles), roles)
    column = _glued_column(roles, [row for _, row in body])
    if column is not None:
        roles = tuple(
            "seq" if i == column else
            ("task" if i == column + 1 else
             ("section" if i < column and r in ("task", "measure", None) else
              ("measure" if r == "task" else r)))
            for i, r in enumerate((*roles[:column], "seq", *roles[column:])))
        body = [(g, _split_glued(row, column)) for g, row in body]
    return roles, [*flat[: start + 1], *body]


def _right_aligned(body: list[tuple[Grid, Row]], roles: tuple[str | None, ...],
                   ) -> list[tuple[Grid, Row]]:
    """Short rows aligned to the right where the table has no 序号 column, or where that
    puts a number in the 序号 column (a merged 类别 before it); other short rows are placed
    by content later."""
    width = len(roles)
    seq = roles.index("seq") if "seq" in roles else None
    out: list[tuple[Grid, Row]] = []
    previous: Row | None = None
    for grid, row in body:
        cells = list(row)
        while len(cells) > 1 and cells[-1].blank:
            cells.pop()
        missing = width - len(cells)
        shift = seq is None or (
            0 < missing <= seq and parse_seq(cells[seq - missing].text) is not None
            and parse_seq(cells[seq].text if seq < len(cells) else "") is None)
        if previous is not None and 1 < len(cells) < width and grid.kind == "text" and shift:
            cells = [Cell(c.text, c.where, spanned=True) for c in previous[:missing]] + cells
            row = tuple(cells)
        if len(row) >= width:
            previous = row
        out.append((grid, row))
    return out


def _filled_down(body: list[tuple[Grid, Row]], roles: tuple[str | None, ...],
                 ) -> list[tuple[Grid, Row]]:
    """A deadline or lead unit merged over rows and written once, in the first row (text
    saved from a table with merged cells): the numbered rows below that leave the column
    empty take the value above, marked as inherited, when the column starts filled, most of
    its rows are filled and the empty rows come two or more together (a column empty
    everywhere, or one blank cell, is left alone)."""
    if "seq" not in roles:
        return body
    seq = roles.index("seq")
    numbered = [i for i, (g, row) in enumerate(body) if g.kind == "text" and len(row) > seq
                and parse_seq(row[seq].text) is not None]
    out = list(body)
    for column, role in enumerate(roles):
        if role not in ("deadline", "lead"):
            continue
        values = [out[i][1][column].text.strip() if column < len(out[i][1]) else ""
                  for i in numbered]
        empty = values.count("")
        if not values or not values[0] or not empty or empty * 2 > len(values):
            continue
        above = values[0]
        starts = set(numbered)
        for n, (i, value) in enumerate(zip(numbered, values, strict=True)):
            if value:
                above = value
                continue
            if i + 1 < len(out) and i + 1 not in starts and len(out[i + 1][1]) > 1:
                continue  # the row goes on below: its cells may come there
            run = (n > 0 and not values[n - 1]) or (n + 1 < len(values) and not values[n + 1])
            if not run:
                continue  # one empty row under a value: a cell left blank, not a merge
            grid, row = out[i]
            cells = list(row) + [Cell("", row[0].where)] * (column + 1 - len(row))
            cells[column] = Cell(above, row[0].where, inherited=True)
            out[i] = (grid, tuple(cells))
    return out


def _glued_column(roles: tuple[str | None, ...], rows: Sequence[Row]) -> int | None:
    """The column whose cells start with the rows' numbers, when no column is the 序号."""
    if "seq" in roles:
        return None
    for column in range(len(roles)):
        values = [r[column].text for r in rows if column < len(r) and not r[column].blank
                  and not r[column].spanned and len(r) > 1]
        numbers = [int(m.group("num").translate(_DIGITS)) for v in values
                   if (m := _GLUED.match(v))]
        if len(values) >= 2 and len(numbers) * 10 >= len(values) * 8 \
                and sum(1 for a, b in pairwise(numbers) if b == a + 1) \
                * 2 >= len(numbers) - 1:
            return column
    return None


_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _split_glued(row: Row, column: int) -> Row:
    if len(row) <= max(column, 1):
        return row  # a line of text outside the table
    cell = row[column]
    match = _GLUED.match(cell.text) if not cell.spanned else None
    number = Cell(match.group("num"), cell.where) if match else Cell("", cell.where)
    rest = Cell(match.group("rest"), cell.where) if match else cell
    return (*row[:column], number, rest, *row[column + 1:])


def _continues_table(grid: Grid, roles: Sequence[str | None]) -> bool:
    """A new table belongs to the task table if it has a header or the same width."""
    if grid.kind != "table":
        return True
    if any(header_roles(row) is not None for row in grid.rows):
        return True
    return max((len(row) for row in grid.rows), default=0) == len(roles)


class _Builder:
    """Folds classified rows into raw rows; the one place with state in the chain."""

    def __init__(self, roles: tuple[str | None, ...]) -> None:
        self.roles = roles
        self.first_roles = roles
        self.section: str | None = None
        self.pending: _Pending | None = None
        self.done: list[RawRow] = []

    def new_header(self, roles: tuple[str | None, ...], repeated: bool) -> None:
        if repeated:
            return  # a header repeated on a new page or by hand in a split table
        self._flush()
        self.roles = roles

    def feed(self, grid: Grid, row: Row) -> None:
        if all(c.blank for c in row):
            return
        roles = self.roles
        seq_cell = _cell_for(row, roles, "seq")
        heading = self._heading(row, seq_cell)
        if heading is not None:
            self._flush()
            self.section = heading
            return
        seq = parse_seq(seq_cell.text) if seq_cell is not None else None
        has_seq_column = "seq" in roles
        if seq is None and _signs_off(row):
            self._flush()  # 填表人： | 审核人：李某 | 联系电话：…, the form's foot: no task
            return
        if seq is not None:
            self._flush()
            self._start(seq, grid, row, subrow=bool(seq_cell and seq_cell.spanned),
                        printed=seq_cell.text.strip() if seq_cell else None)
        elif not has_seq_column:
            if self._continues(row) and self.pending is not None:
                self._extend(row)
            else:
                self._flush()
                self._start(None, grid, row)
        elif self.pending is not None and self._table_shaped(grid, row):
            if grid.kind == "text":
                self._flattened(row)
            else:
                self._extend(row)

    def finish(self) -> list[RawRow]:
        self._flush()
        return lift_group_rows(self.done)

    # -- classification -------------------------------------------------------------
    def _heading(self, row: Row, seq_cell: Cell | None) -> str | None:
        """A heading row holds one text (often merged across the row) and no units."""
        texts = [c.text.strip() for c in row if not c.blank]
        distinct = list(dict.fromkeys(texts))
        if len(distinct) == 1:
            text = distinct[0]
            if parse_seq(text) is not None and not is_han_numbered(text):
                return None
            if is_heading(text) or (len(texts) >= 2 and len(row) == len(self.roles)
                                    and len(texts) * 2 > len(self.roles)):
                return _one_line(text)
            return None
        if seq_cell is not None and is_han_numbered(seq_cell.text):
            filled = {role for role, c in _by_role(row, self.roles) if not c.blank}
            if filled <= {"seq", "task"}:
                task = _cell_for(row, self.roles, "task")
                number = re.sub(r"[\s、.．]+$", "", seq_cell.text.strip())
                body = task.text.strip() if task is not None else ""
                sep = "" if number.endswith(("）", ")")) else "、"
                return _one_line(f"{number}{sep}{body}")
        return None

    def _table_shaped(self, grid: Grid, row: Row) -> bool:
        """An unnumbered row continues the row above only if it has the table's shape."""
        return grid.kind == "table" or len(row) >= 2

    def _continues(self, row: Row) -> bool:
        """In a table without 序号, a row with an empty task cell continues the one above."""
        task = _cell_for(row, self.roles, "task")
        return task is None or task.blank

    def _flattened(self, row: Row) -> None:
        """Text copied from a web page flattens merged cells: an unnumbered row fills the
        cells the numbered row above left empty (or finishes its unfinished task), else it
        is a sub-row with its own values, sharing the merged ones and the 序号."""
        assert self.pending is not None
        placed = self._place(row)
        pending = self.pending
        task = pending.text("task")
        continues = all(role not in pending.parts
                        or (role == "task" and not task.endswith(_SENTENCE_END))
                        for role in placed)
        if continues:
            for role, cell in placed.items():
                pending.add(role, cell)
            return
        if len(row) < len(self.roles) and (set(placed) <= {"task"} or (
                len(row) == 1 and _SIGNED.search(row[0].text))):
            return  # a footer after the table (a short text, a signature and date)
        self._flush()
        parts = {role: list(texts) for role, texts in pending.parts.items() if role not in placed}
        self.pending = _Pending(pending.seq, pending.section, row[0].where, pending.table,
                                parts=parts, subrow=True, printed=pending.printed)
        for role, cell in placed.items():
            self.pending.add(role, cell)

    def _place(self, row: Row) -> dict[str, Cell]:
        """The row's non-empty cells by role: by position when the row is as wide as the
        header, else by what each cell looks like (a date, units, or the task)."""
        if len(row) >= len(self.roles):
            return {role: cell for role, cell in _by_role(row, self.roles)
                    if role not in (None, "seq") and not cell.blank}
        placed: dict[str, Cell] = {}
        units = [r for r in self.roles if r in ("lead", "other")]
        for cell in (c for c in row if not c.blank):
            if "deadline" in self.roles and looks_like_deadline(cell.text):
                role = "deadline"
            elif units and looks_like_units(cell.text):
                role = next((u for u in units if u not in placed), units[-1])
            else:
                role = "task"
            placed.setdefault(role, cell)
        return placed

    # -- building ---------------------------------------------------------------------
    def _start(self, seq: str | None, grid: Grid, row: Row, subrow: bool = False,
               printed: str | None = None) -> None:
        where = row[0].where if row else Provenance()
        self.pending = _Pending(seq, self.section, where, grid.table, subrow=subrow,
                                printed=printed)
        self._extend(row)

    def _extend(self, row: Row) -> None:
        assert self.pending is not None
        for role, cell in _by_role(row, self.roles):
            if role in (None, "seq"):
                continue
            if cell.merged_left or (cell.spanned and self.pending.parts.get(role)):
                continue  # a merged cell's copy adds nothing to a row that has its text
            if role == "section":
                self._column_section(cell)
                continue
            self.pending.add(role, cell)

    def _column_section(self, cell: Cell) -> None:
        """A category column (类别, 领域) is the section of its rows; a row that leaves it
        out sits under the category above (a cell merged over rows)."""
        if not cell.blank and self.pending is not None:
            self.section = _one_line(cell.text)
            self.pending.section = self.section

    def _flush(self) -> None:
        if self.pending is not None:
            self.done.append(self.pending.freeze())
            self.pending = None


_SIGN_OFF = re.compile(
    r"^(?:填表人|填报人|制表人|审核人|审批人|核稿人|(?:单位)?负责人|联系人|联系电话|电话|手机"
    r"|填报单位|填表单位|报送单位|填报日期|填表日期|报送日期|日期|签字|签名|盖章)\s*[:：]")


def _signs_off(row: Row) -> bool:
    """A form's foot: every filled cell a sign-off label (``填表人：``, ``联系电话：…``)."""
    texts = [c.text.strip() for c in row if not c.blank and not c.merged_left]
    return bool(texts) and all(_SIGN_OFF.match(t) for t in texts)


def lift_group_rows(rows: list[RawRow]) -> list[RawRow]:
    """Numbered rows that only name a group (``1 | 扩大有效投资。`` with no units and no
    deadline, followed by rows numbered another way: ``(1)``, ``①``) become the section of
    the rows under them, until a row numbered like the group row comes."""
    out: list[RawRow] = []
    group: tuple[str, str] | None = None  # (numbering style, section text)
    for i, row in enumerate(rows):
        style = numbering_style(row.seq_printed or "")
        if group is not None and style == group[0]:
            group = None
        following = rows[i + 1] if i + 1 < len(rows) else None
        if (row.seq_printed and not (row.lead or row.other or row.deadline) and row.task
                and following is not None and following.seq_printed
                and numbering_style(following.seq_printed) != style and not row.subrow):
            printed = row.seq_printed
            joiner = "" if printed.endswith(("、", ".", "．", ")", "）")) else "、"
            group = (style, f"{printed}{joiner}{_one_line(row.task)}")
            continue
        out.append(replace(row, section=group[1]) if group is not None else row)
    return out


def _by_role(row: Row, roles: Sequence[str | None]) -> Iterable[tuple[str | None, Cell]]:
    return ((roles[i] if i < len(roles) else None, cell) for i, cell in enumerate(row))


def _cell_for(row: Row, roles: Sequence[str | None], role: str) -> Cell | None:
    for r, cell in _by_role(row, roles):
        if r == role:
            return cell
    return None


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text).strip()


def _title(rows: Sequence[Row]) -> str | None:
    """Given the rows before the header, return the plan's title (the table's caption)."""
    return plan_title([c.text for row in rows for c in row if not c.blank and not c.merged_left])


__all__ = ["UNIT_ROLES", "assemble", "find_header", "header_key", "infer_roles"]
