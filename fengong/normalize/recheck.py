"""Records a clerk corrected (on the page, in a spreadsheet) checked again.

Each record is rebuilt from what is written in it — 序号, section, task, the unit cells as
text, the deadline — and normalised by the one function an extraction uses
(``records.to_tasks``), a notice at a time, so canonical names, deadline dates and the
warnings (those over the whole table, a gap or a repeat in 序号, included) are what the
notice would give had it been printed that way. What only reading the file could tell (a
low OCR score, a merged cell, a damaged file) cannot be seen again: those warnings stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from fengong.extract.cells import Document, Provenance, RawRow
from fengong.extract.numbering import parse_seq
from fengong.model import Task

from .problems import CATALOGUE
from .records import Options, to_tasks

KEPT_CODES = frozenset({"low_ocr_confidence", "inherited", "file_damaged"})
"""Warnings only the file's reading can give: kept as they are."""
_CODE_OF_KIND = {kind.en: code for code, kind in reversed(CATALOGUE.items())}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
UNIT_JOIN = "、"  # a list of names back into one cell, for the unit splitter


def recheck(records: Iterable[Task | dict], units_files: tuple[str, ...] = ()) -> list[Task]:
    """Given records as a clerk left them, return them normalised again, in their order.

    A unit field may be a list of names or one string as typed (``县水利局、县财政局``);
    records of one ``source`` are one notice. A record added by hand needs only its
    written fields; it takes its notice's title, date and 文号 from the others.
    """
    dicts = [r.to_dict() if isinstance(r, Task) else dict(r) for r in records]
    out: list[Task | None] = [None] * len(dicts)
    for places in _notices(dicts):
        group = [dicts[i] for i in places]
        for place, task in zip(places, _recheck_notice(group, units_files), strict=True):
            out[place] = task
    return [t for t in out if t is not None]


def _notices(records: Sequence[dict]) -> list[list[int]]:
    """The places of each notice's records (by ``source``), in order of first appearance."""
    groups: dict[str, list[int]] = {}
    for place, record in enumerate(records):
        groups.setdefault(str(record.get("source") or ""), []).append(place)
    return list(groups.values())


def _recheck_notice(records: list[dict], units_files: tuple[str, ...]) -> list[Task]:
    """One notice's records normalised again from their written fields."""
    from fengong.pipeline import clean_document

    rows = tuple(_raw_row(r, _is_subrow(records, i)) for i, r in enumerate(records))
    document = clean_document(Document(
        rows=rows, title=_first(records, "title"), header=_header(records),
        prose=_facts_prose(records), layout=_first(records, "layout")))
    tasks = to_tasks(document, _first(records, "source") or "", Options(units_files=units_files))
    notice = _notice_key(records)
    return [_with_kept(task, record, notice) for task, record in zip(tasks, records, strict=True)]


def _raw_row(record: dict, subrow: bool) -> RawRow:
    """Given a record, return the row a reader would have found for it."""
    typed = str(record.get("seq") or "").strip()
    seq = parse_seq(typed) or typed or None
    printed = record.get("seq_printed")
    if not (printed and parse_seq(printed) == seq):
        printed = typed or None  # the clerk's new number, as typed
    extra = {key: str(record.get(field) or "")
             for key, field in (("progress", "progress"), ("remarks", "remarks"))}
    extra["leader"] = unit_cell(record.get("leaders"))
    return RawRow(
        seq=seq, section=str(record.get("section") or "").strip() or None,
        task=str(record.get("task") or ""), lead=unit_cell(record.get("lead_units")),
        other=unit_cell(record.get("other_units")), deadline=str(record.get("deadline") or ""),
        where=Provenance(page=record.get("page"), table=record.get("table"),
                         row=record.get("row"), line=record.get("line")),
        table=record.get("table"), extra=extra, subrow=subrow, seq_printed=printed)


def unit_cell(value: object) -> str:
    """A unit field as the cell text the unit splitter reads: typed text as it is, a list
    of names joined by 、."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return UNIT_JOIN.join(str(v) for v in value)  # type: ignore[attr-defined]


def _is_subrow(records: Sequence[dict], i: int) -> bool:
    """True for a row split from the numbered row above (a merged 序号 cell): it shares
    that row's 序号 and section, it was read from the file with that 序号 (its id says so),
    and reading did not call the 序号 a repeat."""
    if i == 0:
        return False
    here, above = records[i], records[i - 1]
    seq = str(here.get("seq") or "").strip()
    if not seq or seq != str(above.get("seq") or "").strip() \
            or here.get("section") != above.get("section"):
        return False
    key = str(here.get("task_id") or "").partition("-")[2].partition("~")[0]
    read_with_it = key == seq or key.endswith("." + seq)
    repeat = "seq_duplicate" in codes_of(here)
    return read_with_it and not repeat


def _header(records: Sequence[dict]) -> tuple[str, ...]:
    """The column roles that matter to the checks: a deadline column where a row was
    warned of a missing deadline or every row has one."""
    warned = any("no_deadline" in codes_of(r) for r in records)
    if warned or all(str(r.get("deadline") or "").strip() for r in records):
        return ("deadline",)
    return ()


def _facts_prose(records: Sequence[dict]) -> tuple[str, ...]:
    """The notice's 文号 and issuing date as the lines a notice prints them in, so the
    deadlines are read against the same year as before."""
    lines = []
    number = _first(records, "doc_number")
    if number:
        lines.append(str(number))
    issued = _first(records, "notice_date")
    if issued and _ISO_DATE.fullmatch(str(issued)):
        year, month, day = (int(part) for part in str(issued).split("-"))
        lines.append(f"{year}年{month}月{day}日")
    return tuple(lines)


def _first(records: Sequence[dict], field: str) -> str | None:
    """The first value of ``field`` among a notice's records (rows added by hand have none)."""
    return next((r[field] for r in records if r.get(field)), None)


def _notice_key(records: Sequence[dict]) -> str | None:
    """The notice part of the records' ids: an edit does not make the table another notice."""
    return next((str(r["task_id"]).partition("-")[0] for r in records
                 if "-" in str(r.get("task_id") or "")), None)


def codes_of(record: dict) -> list[str]:
    """The code of each of a record's warnings: its own ``warning_codes``, or for a record
    written before there were codes, the code of each warning's English kind."""
    warnings = list(record.get("warnings") or ())
    codes = list(record.get("warning_codes") or ())
    if len(codes) == len(warnings):
        return codes
    return [_CODE_OF_KIND.get(w.split(":", 1)[0].strip(), "") for w in warnings]


def _with_kept(task: Task, record: dict, notice: str | None) -> Task:
    """The rebuilt task with what the written fields cannot give back: the notice part of
    its id, the contacts split off before, and the warnings only reading found."""
    english = list(record.get("warnings") or ())
    codes = codes_of(record)
    chinese = list(record.get("warnings_zh") or ())
    if len(chinese) != len(english):
        chinese = english
    kept = [i for i, code in enumerate(codes) if code in KEPT_CODES]
    task_id = task.task_id
    if notice:
        task_id = notice + "-" + task_id.partition("-")[2]
    contacts = tuple(dict.fromkeys((*(record.get("contacts") or ()), *task.contacts)))
    return replace(task, task_id=task_id, contacts=contacts,
                   warnings=(*task.warnings, *(english[i] for i in kept)),
                   warning_codes=(*task.warning_codes, *(codes[i] for i in kept)),
                   warnings_zh=(*task.warnings_zh, *(chinese[i] for i in kept)))
