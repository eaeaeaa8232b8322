"""Plain data shared by every reader: cells with provenance, grids of them, raw rows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Provenance:
    """Where a cell or row sits in its file: PDF page, table index, row index, text line."""

    page: int | None = None
    table: int | None = None
    row: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class Cell:
    """One table cell's text (line breaks kept) and where it came from.

    ``spanned`` marks a copy made by a reader when expanding a cell merged over several rows,
    so that row assembly can tell a sub-row of a merged 序号 from a row with no number.
    ``merged_left`` marks a copy filling a column covered by a cell merged across columns:
    it counts for recognising a heading merged across the row, never as a second value.
    """

    text: str
    where: Provenance = Provenance()
    spanned: bool = False
    merged_left: bool = False
    confidence: float | None = None  # OCR'd text: the lowest recognition score in the cell
    inherited: bool = False  # filled down from the row above: a merge the text left empty

    @property
    def blank(self) -> bool:
        return not self.text.strip()


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Grid:
    """One table (or one run of text laid out as a table) as a reader found it."""

    rows: tuple[Row, ...]
    table: int | None = None
    kind: str = "table"  # "table", "text" or "labelled"


@dataclass(frozen=True)
class RawRow:
    """One numbered task row, its cells sorted into roles, text still as written."""

    seq: str | None
    section: str | None
    task: str
    lead: str
    other: str
    deadline: str
    where: Provenance
    table: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
    subrow: bool = False  # split from a numbered row whose 序号 cell is merged over several
    confidence: float | None = None  # OCR'd rows: the lowest recognition score of their text
    seq_printed: str | None = None  # the 序号 as the notice prints it: (1), ①, （十二）


@dataclass(frozen=True)
class Document:
    """A file's task rows plus what it says about itself (title, notice warnings)."""

    rows: tuple[RawRow, ...]
    title: str | None = None
    header: tuple[str, ...] = ()  # the columns' roles
    first_unit_leads: bool = False  # the notice says the first unit named is the lead
    prose: tuple[str, ...] = ()  # text outside the table (title, preamble, signature, date)
    layout: str | None = None  # the reading chosen: "tabs", "cell stream", "prose", "docx" …
    candidates: tuple[tuple[str, float], ...] = ()  # every reading proposed, with its score


def cells(texts: list[str] | tuple[str, ...], **where: int | None) -> Row:
    """Given plain texts and a provenance, return a row of cells (readers' and tests' helper)."""
    return tuple(Cell(t, Provenance(**where)) for t in texts)
