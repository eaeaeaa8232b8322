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
    reader = _reader(kind, name)
    return reader(data, options)


def read_document(path: str | Path, data: bytes | None = None,
                  options: dict | None = None) -> Document:
    """Given a path (or its bytes), return the document's task rows and title."""
    if data is None:
        data = read_regular_file(path, limits_of(options or {}))
    grids = read_grids(data, str(path), options)
    document = assemble(grids)
    if not document.rows:
        prose = prose_grid([(c.text, c.where) for g in grids for row in g.rows for c in row
                            if not c.blank and not c.merged_left])
        if prose is not None:
            found = assemble([prose])
            return replace(found, title=document.title or found.title,
                           prose=document.prose or found.prose)
    return document


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
