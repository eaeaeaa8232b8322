"""Plain-text notices in the layouts they reach clerks in.

- one cell per line, rows separated by blank lines, a cell sometimes wrapped onto the next
  line(s) after a blank line (text flattened out of a Word table);
- one row per line, cells separated by tabs (copied out of Word or Excel);
- labelled lists (``1. 任务`` / ``牵头单位：…`` / ``完成时限：…``).
"""

from __future__ import annotations

import re

from .cells import Cell, Grid, Provenance, Row
from .decode import decode
from .errors import EmptyFile
from .header import header_roles
from .labelled import count_labels, labelled_grid
from .numbering import is_heading, parse_seq

_BLANK = re.compile(r"^[ \u3000]*$")  # a tab-only line is an empty cell, not a blank line


def read_text(data: bytes) -> list[Grid]:
    """Given a text file's bytes, return its table as grids (one grid for text)."""
    text, _ = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise EmptyFile("the file holds no text")
    lines = text.split("\n")
    return [text_grid(lines)]


def text_grid(lines: list[str]) -> Grid:
    """Given a text's lines, return them as a grid in whichever layout they are written."""
    if count_labels(lines) >= 2:
        return labelled_grid([(line, Provenance(line=i + 1)) for i, line in enumerate(lines)])
    if sum(1 for line in lines if "\t" in line.strip()) >= 2:
        return _tab_rows(lines)
    return _cell_blocks(lines)


def _tab_rows(lines: list[str]) -> Grid:
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = Provenance(line=number)
        rows.append(tuple(Cell(part.strip(), where) for part in line.strip("\n").split("\t")))
    # a line indented by a tab gains an empty first cell: drop it when the header has none
    return Grid(rows=tuple(_drop_indent(rows)), kind="text")


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
