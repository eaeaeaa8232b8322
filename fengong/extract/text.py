"""Plain-text notices in the layouts they reach clerks in.

- one cell per line, rows separated by blank lines, a cell sometimes wrapped onto the next
  line(s) after a blank line (text flattened out of a Word table);
- one row per line, cells separated by tabs (copied out of Word or Excel);
- labelled lists (``1. 任务`` / ``牵头单位：…`` / ``完成时限：…``).
"""

from __future__ import annotations

import re
from collections import Counter

from .cells import Cell, Grid, Provenance, Row
from .content import PAGE_LABEL, looks_like_deadline
from .decode import decode
from .errors import EmptyFile
from .header import header_roles, resolve_roles
from .labelled import count_labels, labelled_grid
from .limits import limits_of
from .numbering import HAN_NUMERALS, is_heading, parse_seq
from .stream import spaced_grid, stream_grid

_BLANK = re.compile(r"^[ \u3000]*$")  # a tab-only line is an empty cell, not a blank line


def read_text(data: bytes, options: dict | None = None) -> list[Grid]:
    """Given a text file's bytes, return its table as grids (one: the layout that reads
    best; ``read_document`` scores every layout against the prose reading too)."""
    return [text_grid(text_lines(data, options))]


def text_lines(data: bytes, options: dict | None = None) -> list[str]:
    """Given a text file's bytes, return its lines (encoding detected, line ends unified)."""
    text, _ = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise EmptyFile("the file holds no text")
    lines = [part for line in text.split("\n") for part in _unflattened(line)]
    limits_of(options or {}).check_rows(len(lines) // 2)
    return lines


def text_layouts(lines: list[str]) -> list[tuple[str, Grid]]:
    """Given a text's lines, return (layout name, grid) for each layout they may be in,
    most specific first: labels, tabs (or pipes), spaces, blocks of cells, a cell stream."""
    piped = _without_pipes(lines)
    numbered = [(line, Provenance(line=i + 1)) for i, line in enumerate(piped)]
    out: list[tuple[str, Grid]] = []
    if count_labels(piped) >= 1:
        out.append(("labelled", labelled_grid(numbered)))
    tabbed = sum(1 for line in piped if "\t" in line.strip())
    if tabbed >= 2:
        out.append(("pipes" if piped is not lines else "tabs", _tab_rows(piped)))
    spaced = _spaced_rows(piped)
    if spaced is not None:
        out.append(("spaces", spaced))
    aligned = spaced_grid(numbered)
    if aligned is not None:
        out.append(("spaced words", aligned))
    blocks = _cell_blocks(piped)
    out.append(("cell blocks", blocks))
    filled = sum(1 for line in piped if line.strip())
    # rows one per line (tabs), or blocks that are whole rows under a header: no stream
    stream = stream_grid(numbered) if tabbed * 4 < filled and not _rows_in_blocks(blocks) \
        else None
    if stream is not None:
        out.append(("cell stream", stream))
    return out


def _rows_in_blocks(grid: Grid) -> bool:
    """Blank lines delimit rows: a header block, then numbered blocks of its width."""
    for at, row in enumerate(grid.rows):
        roles = header_roles(row) if len(row) >= 3 else None
        if roles is None:
            continue
        body = [r for r in grid.rows[at + 1:] if len(r) > 1 or parse_seq(r[0].text)]
        whole = [r for r in body if len(r) == len(row) and parse_seq(r[0].text) is not None]
        return len(whole) >= 2 and len(whole) * 10 >= len(body) * 9
    return False


def lines_grid(lines: list[str]) -> Grid:
    """Given the text lines of a document with no table (a DOCX or web page written as
    paragraphs), return them unread, one cell a line: ``propose`` reads them as it reads a
    text file, every layout and the prose, so the same notice reads the same in any format."""
    return Grid(rows=tuple((Cell(line, Provenance(line=i + 1)),) for i, line in enumerate(lines)),
                kind="lines")


def untabled(grids: list[Grid], paragraphs: list[tuple[str, Provenance]]) -> list[Grid]:
    """A DOCX's or web page's grids, given its paragraphs, when none of its tables has a task
    header: with no table at all, its lines (``lines_grid``); labelled paragraphs beside
    other tables, labelled items; else the grids as they are."""
    tables = [g for g in grids if g.kind == "table"]
    if any(header_roles(row) for g in tables for row in g.rows):
        return grids
    texts = [text for text, _ in paragraphs]
    if not tables:
        return [lines_grid("\n".join(texts).split("\n"))]
    if count_labels(texts) >= 2:
        return [labelled_grid(paragraphs)]
    return grids


def only_lines(grids: list[Grid]) -> list[str] | None:
    """The lines of a reader's result that is only a document's lines, else None."""
    if not grids or any(g.kind != "lines" for g in grids):
        return None
    return [row[0].text for g in grids for row in g.rows]


def text_grid(lines: list[str]) -> Grid:
    """Given a text's lines, return them as a grid in the layout that reads best."""
    from .judge import pick
    from .rows import assemble

    layouts = dict(text_layouts(lines))
    _, ranked = pick([(name, assemble([grid])) for name, grid in layouts.items()])
    return layouts[ranked[0].layout]


_FLAT_CUT = re.compile(
    rf"[ \u3000]+(?=(?:[0-9]{{1,3}}[.．、]|[{HAN_NUMERALS}]{{1,3}}、"
    rf"|[(（][{HAN_NUMERALS}]{{1,3}}[)）])\S)"
)


def _unflattened(line: str) -> list[str]:
    """A page stored with no line breaks (items and headings separated by single spaces)
    is cut before each item number or heading; ordinary lines are left alone."""
    if len(line) < 300:
        return [line]
    parts = [p for p in _FLAT_CUT.split(line) if p.strip()]
    return parts if len(parts) >= 4 else [line]


_SEQ_THEN_SPACE = re.compile(r"^\s*(\S{1,6})[ \u3000]+\S")


def _spaced_rows(lines: list[str]) -> Grid | None:
    """One row per line, spaces between cells (``3 任务文字 县发改局 2021年``), under a
    header whose words may be spaced per character (``工 作 任 务``). A table with no 序号
    column (a leader's name first) has a row wherever a line has one word per column; the
    lines between that do not are the rest of its last cell, when that is free text (a
    progress report written over several lines, ``1、… 2、…``)."""
    for at, line in enumerate(lines):
        words = header_words(line)
        if words is None:
            continue
        body = lines[at + 1:]
        numbered = [b for b in body if (m := _SEQ_THEN_SPACE.match(b))
                    and parse_seq(m.group(1)) is not None]
        roles = resolve_roles(header_roles(tuple(Cell(w) for w in words)) or ())
        unnumbered = len(numbered) < 2 and _unnumbered_table(roles, body)
        if len(numbered) < 2 and not unnumbered:
            continue  # a header-like line in the notice's text: the table may come later
        rows: list[Row] = [(Cell(text, Provenance(line=n + 1)),)
                           for n, text in enumerate(lines[:at]) if text.strip()]
        rows.append(tuple(Cell(w, Provenance(line=at + 1)) for w in words))
        spill = False  # the row above is a whole row whose last cell may go on
        for number, text in enumerate(body, start=at + 2):
            if not text.strip():
                continue
            where = Provenance(line=number)
            if unnumbered and len(text.split()) == len(roles):
                rows.append(tuple(Cell(v, where) for v in text.split()))
                spill = roles[-1] in _FREE_TEXT
            elif unnumbered and spill and PAGE_LABEL.match(text.strip()):
                break  # the page goes on after the table
            elif unnumbered and spill:
                last = rows[-1][-1]
                rows[-1] = (*rows[-1][:-1], Cell(f"{last.text}\n{text.strip()}", last.where))
            elif not unnumbered and (m := _SEQ_THEN_SPACE.match(text)) \
                    and parse_seq(m.group(1)) is not None:
                rows.append(tuple(Cell(v, where) for v in spaced_cells(text.split(), roles)))
            else:  # headings, and page chrome after the table (联系电话：0914-…), stay whole
                rows.append((Cell(text.strip(), where),))
        return Grid(rows=tuple(rows), kind="text")
    return None


_FREE_TEXT = ("progress", "remarks", "measure")


def _unnumbered_table(roles: tuple[str | None, ...], body: list[str]) -> bool:
    """A header with no 序号 but a task and a unit column, over a line with one word for
    each column."""
    if "seq" in roles or "task" not in roles or not {"lead", "other"} & set(roles):
        return False
    return any(len(b.split()) == len(roles) for b in body)


def header_words(line: str) -> list[str] | None:
    """A header line's words when cells are separated by spaces; words spaced per character
    are put back together (``工 作 任 务`` -> 工作任务)."""
    if "\t" in line or not line.strip():
        return None
    found = []
    wide = [re.sub(r"[ \u3000]+", "", c) for c in re.split(r"[ \u3000]{2,}", line.strip())]
    for cells in (wide, _regroup(wide), _regroup(line.split())):
        words = [c for c in cells if c.strip()]
        roles = header_roles(tuple(Cell(w) for w in words)) if len(words) >= 2 else None
        if roles is not None and roles.count("seq") <= 1:
            found.append(words)
    return min(found, key=len) if found else None


def _regroup(tokens: list[str]) -> list[str]:
    """Runs of one-character tokens joined into words; longer tokens stay words."""
    out: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1:
            run += token
            continue
        if run:
            out.append(run)
            run = ""
        out.append(token)
    if run:
        out.append(run)
    return out


def spaced_cells(tokens: list[str], roles: tuple[str | None, ...]) -> list[str]:
    """Tokens of a space-separated row put into the header's columns: the number first, a
    deadline last, the task next; what is left is units (spaces separate units too)."""
    if len(tokens) <= len(roles) or not tokens:
        return tokens
    cells = [""] * len(roles)
    rest = list(tokens)
    if roles[0] == "seq":
        cells[0] = rest.pop(0)
    if "deadline" in roles and looks_like_deadline(rest[-1]):
        cells[roles.index("deadline")] = rest.pop()
    if "task" in roles and rest:
        cells[roles.index("task")] = rest.pop(0)
    unit_columns = [i for i, r in enumerate(roles) if r in ("lead", "other")]
    if unit_columns and rest:
        cells[unit_columns[0]] = "\n".join(rest)
        rest = []
    if rest:
        free = [i for i, c in enumerate(cells) if not c]
        for i, token in zip(free, rest, strict=False):
            cells[i] = token
    return cells


_RULE_LINE = re.compile(r"^\s*\|?[\s:|\-—=+]+\|?\s*$")


def _without_pipes(lines: list[str]) -> list[str]:
    """Tables shown as text with `` | `` between cells become tab-separated lines; a cell
    per line ending in `` |`` loses the pipe; ruling lines (``|---|---|``) go."""
    filled = [line for line in lines if line.strip()]
    piped = [line for line in filled if "|" in line]
    if len(piped) < 2 or len(piped) * 2 < len(filled):
        return lines
    out = []
    for line in lines:
        if "|" in line and _RULE_LINE.match(line) and "-" in line:
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            stripped = stripped[1:]
        if stripped.endswith("|"):
            stripped = stripped[:-1]
        cells = [cell.strip() for cell in stripped.split("|")]
        indent = line[: len(line) - len(line.lstrip())]
        out.append("\t".join(cells) if len(cells) > 1 else indent + cells[0])
    return out


def _tab_rows(lines: list[str]) -> Grid:
    """One row per line, tabs between cells; a cell with line breaks in it comes quoted, as
    Excel and WPS copy it (``"县财政局\n县卫健局"``)."""
    rows = []
    for number, fields in _tab_records(lines):
        if not any(f.strip() for f in fields):
            continue
        where = Provenance(line=number)
        rows.append(tuple(Cell(field.strip(), where) for field in fields))
    # a line indented by a tab gains an empty first cell: drop it when the header has none
    return Grid(rows=tuple(_drop_indent(rows)), kind="text")


_QUOTED_START = re.compile(r'(?:^|\t)"')


def _tab_records(lines: list[str]) -> list[tuple[int, list[str]]]:
    """(line number, fields) per record; quoted fields may hold tabs, quotes and newlines."""
    if not any(_QUOTED_START.search(line) for line in lines):
        return [(n, line.split("\t")) for n, line in enumerate(lines, start=1)]
    import csv

    reader = csv.reader([line + "\n" for line in lines], delimiter="\t", quotechar='"',
                        strict=False)
    out = []
    start = 1
    for fields in reader:
        out.append((start, [f.rstrip("\n") for f in fields]))
        start = reader.line_num + 1
    return out


def _drop_indent(rows: list[Row]) -> list[Row]:
    if all(row[0].blank for row in rows if len(row) > 1):
        return [row[1:] if len(row) > 1 else row for row in rows]
    return rows


def _cell_blocks(lines: list[str]) -> Grid:
    """One cell per line: blocks of lines between blank lines are rows."""
    blocks: list[list[Cell]] = []
    current: list[Cell] = []
    for number, line in enumerate(lines, start=1):
        if _BLANK.match(line):
            if current:
                blocks.append(current)
                current = []
            continue
        current.append(Cell(line.strip(), Provenance(line=number)))
    if current:
        blocks.append(current)
    blocks = [part for block in blocks for part in _split_off_header(block)]
    return Grid(rows=tuple(tuple(b) for b in _rejoin_wrapped(blocks)), kind="text")


def _split_off_header(block: list[Cell]) -> list[list[Cell]]:
    """A title written right above the header lines, with no blank line, is not a cell."""
    for start in range(1, len(block) - 1):
        if header_roles(tuple(block[start:])) is not None:
            return [[cell] for cell in block[:start]] + [block[start:]]
    return [block]


def _rejoin_wrapped(blocks: list[list[Cell]]) -> list[list[Cell]]:
    """Join a block that only continues the row above (a cell wrapped after a blank line).

    The header says how many cells a row has. A row short of that, followed by a block
    without a number, takes the block's lines: if one line too many arrive, the first of
    them finishes the row's last cell, which is where the wrap happened.
    """
    width = next((len(b) for b in blocks if header_roles(tuple(b)) is not None), None)
    numbered = Counter(len(b) for b in blocks if parse_seq(b[0].text) is not None)
    if width is not None and numbered and numbered.most_common(1)[0][0] < width:
        width = numbered.most_common(1)[0][0]  # a header cell wrapped over two lines
    out: list[list[Cell]] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            width is not None
            and prev is not None
            and len(prev) < width
            and parse_seq(prev[0].text) is not None
            and parse_seq(block[0].text) is None
            and not (len(block) == 1 and is_heading(block[0].text))
        ):
            merged = list(prev)
            if len(prev) + len(block) > width:
                last = merged[-1]
                merged[-1] = Cell(f"{last.text}\n{block[0].text}", last.where)
                merged.extend(block[1:])
            else:
                merged.extend(block)
            out[-1] = merged
            continue
        out.append(list(block))
    return out
