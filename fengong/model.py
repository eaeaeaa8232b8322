"""The record every output follows (DESIGN.md, "The record")."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class Task:
    """One numbered task of a notice's table, clean and ready for any output."""

    task_id: str
    source: str
    seq: str | None
    section: str | None
    task: str
    lead_units: tuple[str, ...]
    other_units: tuple[str, ...]
    lead_units_canonical: tuple[str, ...]
    other_units_canonical: tuple[str, ...]
    lead_units_current: tuple[str, ...]
    other_units_current: tuple[str, ...]
    lead_units_kind: tuple[str, ...]
    other_units_kind: tuple[str, ...]
    unknown_units: tuple[str, ...]
    deadline: str | None
    deadline_date: str | None
    deadline_start: str | None
    deadline_kind: str
    deadline_source: str | None
    task_deadline: str | None
    page: int | None
    line: int | None
    row: int | None
    table: int | None
    seq_printed: str | None
    progress: str | None
    remarks: str | None
    leaders: tuple[str, ...]
    contacts: tuple[str, ...]
    title: str | None
    layout: str | None
    notice_date: str | None
    doc_number: str | None
    dictionary_version: str
    warnings: tuple[str, ...]
    warning_codes: tuple[str, ...]
    warnings_zh: tuple[str, ...]

    def to_dict(self) -> dict:
        """Plain JSON-ready dict with lists (not tuples), in field order."""
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, tuple):
                out[key] = list(value)
        return out


    @classmethod
    def from_dict(cls, record: dict) -> Task:
        """The record back from its dict (lists as tuples)."""
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in record.items()
                      if k in FIELDS})


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Task))


def _field_kinds() -> dict[str, str]:
    """Each field's kind, for the formats that have no types of their own: ``list``,
    ``int``, ``text``, with ``?`` where the value may be null."""
    kinds = {}
    for name, hint in Task.__annotations__.items():
        kind = "list" if "tuple" in hint else "int" if "int" in hint else "text"
        kinds[name] = kind + "?" if "None" in hint else kind
    return kinds


FIELD_KINDS: dict[str, str] = _field_kinds()


DESCRIPTIONS: dict[str, str] = {
    "task_id": "Stable id of the task: the notice's identity (its 文号, else its title without "
               "version marks, else a hash of its text) and the task's 序号 or place. A revised "
               "copy of the notice keeps the id of a task whose wording, units or deadline "
               "changed.",
    "source": "The file the task was read from, as given (`-` for stdin).",
    "seq": "The task's 序号 as a plain number (`3`, `2.1` for a sub-row); null when the row "
           "has none.",
    "section": "The heading the task sits under (一、加强组织领导), or null.",
    "task": "The task text, line breaks of the table removed.",
    "lead_units": "Lead units (牵头单位), as written, one name each.",
    "other_units": "Supporting units (配合单位, 责任单位 after a lead), as written.",
    "lead_units_canonical": "Each lead unit's full name from the unit dictionary (市安监局 → "
                            "市安全生产监督管理局); the name as written when unknown.",
    "other_units_canonical": "Each supporting unit's full name, as for the lead units.",
    "lead_units_current": "Each lead unit's name after every reform since (市安监局 → "
                          "市应急管理局); the canonical name where none changed it.",
    "other_units_current": "Each supporting unit's current name, as for the lead units.",
    "lead_units_kind": "The dictionary's kind of each lead unit (government, party, "
                       "collective, vertical, zone, …; `unknown` when not in it).",
    "other_units_kind": "The kind of each supporting unit.",
    "unknown_units": "The units (lead and supporting) the dictionary does not know, as "
                     "written: add them with --units.",
    "deadline": "The deadline as the notice writes it (2023年6月底前, 长期坚持), from its "
                "column, label or bracket; null when none.",
    "deadline_date": "The last day the deadline allows, ISO date; null when it has none "
                     "(ongoing, recurring, not understood).",
    "deadline_start": "For a range (2023年3月至6月), its first day, ISO date.",
    "deadline_kind": "by (a date), range, ongoing (长期坚持), recurring (每年), unknown (no "
                     "deadline, or not understood).",
    "deadline_source": "Where the deadline came from: `cell` (its column, label or "
                       "bracket), or null.",
    "task_deadline": "A date the task sentence itself states (2022年10月底前编制…), as "
                     "written; the `deadline` fields never take it.",
    "page": "PDF page (1-based); null for every other kind of file.",
    "line": "Text line (1-based) the row starts on, in text, web-page text and "
            "paragraphs; null for table rows.",
    "row": "Table row (1-based, header included) in DOCX, HTML and XLSX tables; null "
           "otherwise.",
    "table": "Which table of the file (0-based) the row is in; null for text.",
    "seq_printed": "The 序号 as printed: (1), ①, （十二）, 3.",
    "progress": "A progress column's text (进展情况), or null.",
    "remarks": "A remarks column's text (备注), or null.",
    "leaders": "Responsible leaders (责任领导) named for the task.",
    "contacts": "Contact persons written after units (县水利局 赵某).",
    "title": "The plan's title (……重点任务分工方案).",
    "layout": "The reading chosen for the file: docx, html, xlsx, pdf, tabs, spaces, cell "
              "stream, cell blocks, labelled, prose, ….",
    "notice_date": "The notice's issuing date (the date line under the signature), ISO "
                   "date.",
    "doc_number": "The notice's 文号 (x政办发〔2023〕12号).",
    "dictionary_version": "The version of the unit dictionary the names come from.",
    "warnings": "What a person should check in this row (unknown units, gaps in the "
                "numbering, deadlines not understood …), in English, `kind: detail`; "
                "`file: …` ones concern the file.",
    "warning_codes": "The stable code of each warning, in the same order (`seq_gap`, "
                     "`unknown_unit`, …; the README lists them).",
    "warnings_zh": "Each warning in Chinese, in the same order (序号缺号：4 前缺 3).",
}
DATE_FIELDS = ("deadline_date", "deadline_start", "notice_date")
DEADLINE_KINDS = ("by", "range", "ongoing", "recurring", "unknown")
