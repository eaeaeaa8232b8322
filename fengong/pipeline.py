"""One file in, task records out: read -> assemble -> normalize."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from fengong.extract import Document, Limits, read_document
from fengong.model import Task
from fengong.normalize.records import Options, to_tasks
from fengong.normalize.text import clean_controls


def extract_tasks(path: str | os.PathLike[str], *, units: str | os.PathLike[str] | None = None,
                  units_files: tuple[str, ...] = (),
                  ocr: bool = True, password: str = "", limits: Limits | None = None,
                  source: str | None = None, data: bytes | None = None) -> list[Task]:
    """Given a notice file, return its task records.

    ``units`` (or ``units_files``) name alias dictionaries that extend the built-in one;
    ``ocr`` reads scanned PDFs by OCR (needs the ``ocr`` extra); ``password`` opens a
    protected PDF; ``limits`` bound file size, pages, rows (``fengong.extract.Limits``);
    ``source`` is the name records carry (the path as given by default);
    ``data`` supplies the file's bytes when they are already in memory (stdin, uploads).
    """
    files = tuple(units_files) + ((str(units),) if units else ())
    notes: list[str] = []  # what a reader noticed about the whole file (a damaged PDF)
    document = read_document(Path(path), data=data, options={
        "ocr": ocr, "password": password, "limits": limits, "notes": notes})
    options = Options(units_files=files)
    name = clean_controls(source if source is not None else str(path))
    tasks = to_tasks(clean_document(document), name, options)
    if notes:
        from fengong.normalize.problems import problem

        found = [problem("file_damaged", text=n) for n in notes]  # the readers' only note
        tasks = [replace(t, warnings=(*t.warnings, *(p.en for p in found)),
                         warning_codes=(*t.warning_codes, *(p.code for p in found)),
                         warnings_zh=(*t.warnings_zh, *(p.zh for p in found)))
                 for t in tasks]
    return tasks


FILE_NOTE = "file: "  # a record warning about the whole file, not this row


def file_notes(records: list[dict]) -> list[str]:
    """The file-level warnings of a file's records (each once), without their prefix."""
    found = dict.fromkeys(w for r in records for w in r.get("warnings") or ()
                          if w.startswith(FILE_NOTE))
    return [w.removeprefix(FILE_NOTE) for w in found]


def clean_document(document: Document) -> Document:
    """The document with control characters removed from every text (Word's vertical tab
    as a line break): one cleaning before normalization, so every output format agrees."""
    rows = tuple(replace(
        row, seq=_clean(row.seq), section=_clean(row.section), task=clean_controls(row.task),
        lead=clean_controls(row.lead), other=clean_controls(row.other),
        deadline=clean_controls(row.deadline), seq_printed=_clean(row.seq_printed),
        extra={clean_controls(k): clean_controls(v) for k, v in row.extra.items()})
        for row in document.rows)
    return replace(document, rows=rows, title=_clean(document.title),
                   header=tuple(clean_controls(h) for h in document.header),
                   prose=tuple(clean_controls(p) for p in document.prose))


def _clean(text: str | None) -> str | None:
    return None if text is None else clean_controls(text)


def records_of(path: str, **options) -> list[dict]:
    """A file's records as plain dicts (what batch workers send back)."""
    return [task.to_dict() for task in extract_tasks(path, **options)]
