"""Stage 1: a file -> grids of cells with provenance -> numbered raw rows.

Each reader turns one kind of file into grids; :func:`fengong.extract.rows.assemble` turns
grids into raw rows the same way for every kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from .cells import Cell, Document, Grid, Provenance, RawRow
from .errors import CorruptFile, EmptyFile, ExtractError, UnsupportedFormat
from .judge import pick
from .labelled import count_labels, labelled_grid
from .limits import Limits, limits_of, read_bounded, read_regular_file
from .prose import prose_grid
from .rows import assemble
from .sniff import sniff

__all__ = [
    "Cell",
    "Document",
    "ExtractError",
    "Grid",
    "Limits",
    "Provenance",
    "RawRow",
    "read_bounded",
    "read_document",
    "read_grids",
]


def read_grids(data: bytes, name: str = "", options: dict | None = None) -> list[Grid]:
    """Given a file's bytes (and its name, for hints), return its tables as grids."""
    if not data:
        raise EmptyFile("the file is empty (0 bytes)")
    options = options or {}
    limits_of(options).check_size(len(data))
    kind = sniff(data, name)
    grids = _reader(kind, name)(data, options)
    from .text import only_lines, text_grid

    lines = only_lines(grids)
    return grids if lines is None else [text_grid(lines)]


def read_document(path: str | Path, data: bytes | None = None,
                  options: dict | None = None) -> Document:
    """Given a path (or its bytes), return the document's task rows and title."""
    if data is None:
        data = read_regular_file(path, limits_of(options or {}))
    return pick_reading(propose(data, str(path), options))


def propose(data: bytes, name: str = "", options: dict | None = None,
            ) -> list[tuple[str, list[Grid]]]:
    """Given a file's bytes, return every plausible reading as (layout name, grids): the
    reader's table(s) (for text: each layout the lines may be in) and the prose reading."""
    if not data:
        raise EmptyFile("the file is empty (0 bytes)")
    options = options or {}
    limits_of(options).check_size(len(data))
    kind = sniff(data, name)
    grids = None if kind == "text" else _reader(kind, name)(data, options)
    from .text import only_lines, text_layouts, text_lines

    lines = text_lines(data, options) if grids is None else only_lines(grids)
    if lines is not None:  # a text file, or a document that is only lines of text
        readings = [(layout, [grid]) for layout, grid in text_layouts(lines)]
        paragraphs = [(line, Provenance(line=i + 1)) for i, line in enumerate(lines)]
    else:
        assert grids is not None
        readings = [(kind, grids)]
        paragraphs = [(c.text, c.where) for g in grids for row in g.rows for c in row
                      if not c.blank and not c.merged_left]
        if not any(g.kind == "labelled" for g in grids) and \
                count_labels([text for text, _ in paragraphs]) >= 2:
            readings.append(("labelled", [labelled_grid(paragraphs)]))  # a PDF's text lines
    prose = prose_grid(paragraphs)
    if prose is not None:
        readings.append(("prose", [prose]))
    return readings


def pick_reading(readings: list[tuple[str, list[Grid]]]) -> Document:
    """Given proposed readings, return the best one's document, carrying the layout chosen
    and every candidate's score (``fengong check`` shows them)."""
    documents = [(layout, assemble(grids)) for layout, grids in readings]
    best, ranked = pick(documents)
    title = best.title or next((d.title for _, d in documents if d.title), None)
    prose = best.prose or next((d.prose for _, d in documents if d.prose), ())
    return replace(best, title=title, prose=prose, layout=ranked[0].layout,
                   candidates=tuple((c.layout, c.score) for c in ranked))


def _reader(kind: str, name: str) -> Callable[[bytes, dict], list[Grid]]:
    if kind == "text":
        from .text import read_text

        return read_text
    if kind == "docx":
        from .docx import read_docx

        return read_docx
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf
    if kind == "html":
        from .html import read_html

        return read_html
    if kind == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx
    if kind == "ole":
        from .legacy import read_word97

        return read_word97
    if kind in ("rtf", "odf"):
        from .docx import read_docx
        from .legacy import convert

        return lambda data, options: read_docx(convert(data, f".{kind}"), options)
    if kind == "unsupported-zip":
        from .container import unsupported_zip

        raise unsupported_zip()
    if kind == "corrupt-zip":
        raise CorruptFile("the file looks like a ZIP container (DOCX/XLSX) but is damaged",
                          "ask for a fresh copy")
    if kind == "binary":
        raise UnsupportedFormat("the file is binary data of no supported kind",
                                "fengong reads .txt, .docx, .doc, .pdf, .html, .xlsx")
    raise UnsupportedFormat(f"{kind} files are not supported yet")
