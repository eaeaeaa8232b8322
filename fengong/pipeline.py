"""One file in, task records out: read -> assemble -> normalize."""

from __future__ import annotations

import os
from pathlib import Path

from fengong.extract import Limits, read_document
from fengong.model import Task
from fengong.normalize.records import Options, to_tasks


def extract_tasks(path: str | os.PathLike[str], *, units: str | os.PathLike[str] | None = None,
                  units_files: tuple[str, ...] = (), current_names: bool = False,
                  ocr: bool = True, password: str = "", limits: Limits | None = None,
                  source: str | None = None, data: bytes | None = None) -> list[Task]:
    """Given a notice file, return its task records.

    ``units`` (or ``units_files``) name alias dictionaries that extend the built-in one;
    ``current_names`` maps canonical names to their successors (安监局 -> 应急管理局);
    ``ocr`` reads scanned PDFs by OCR (needs the ``ocr`` extra); ``password`` opens a
    protected PDF; ``limits`` bound file size, pages, rows (``fengong.extract.Limits``);
    ``source`` is the name records carry (the path as given by default);
    ``data`` supplies the file's bytes when they are already in memory (stdin, uploads).
    """
    files = tuple(units_files) + ((str(units),) if units else ())
    document = read_document(Path(path), data=data,
                             options={"ocr": ocr, "password": password, "limits": limits})
    options = Options(units_files=files, current_names=current_names)
    return to_tasks(document, source if source is not None else str(path), options)


def records_of(path: str, **options) -> list[dict]:
    """A file's records as plain dicts (what batch workers send back)."""
    return [task.to_dict() for task in extract_tasks(path, **options)]
