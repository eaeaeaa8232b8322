"""The record every output follows (DESIGN.md, "The record")."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class Task:
    """One numbered task of a notice's table, clean and ready for any output."""

    task_id: str  # stable across revised copies of the notice (normalize/identity.py)
    source: str
    seq: str | None
    section: str | None
    task: str
    lead_units: tuple[str, ...]
    other_units: tuple[str, ...]
    lead_units_canonical: tuple[str, ...]
    other_units_canonical: tuple[str, ...]
    lead_units_current: tuple[str, ...]  # canonical names through every reform (安监局 -> 应急管理局)
    other_units_current: tuple[str, ...]
    unknown_units: tuple[str, ...]  # units the dictionary does not know, as written
    deadline: str | None
    deadline_date: str | None
    deadline_start: str | None
    deadline_kind: str
    deadline_source: str | None
    task_deadline: str | None  # a date the task sentence itself states (2022年10月底前编制…)
    page: int | None  # PDF page (1-based); null for every other kind of file
    line: int | None  # text line (1-based) in text, HTML text and paragraphs
    row: int | None  # table row (1-based, header included) in DOCX, HTML, XLSX tables
    table: int | None
    seq_printed: str | None
    progress: str | None
    remarks: str | None
    leaders: tuple[str, ...]
    contacts: tuple[str, ...]
    title: str | None
    layout: str | None  # the reading chosen: "tabs", "cell stream", "labelled", "prose", "docx" …
    notice_date: str | None
    doc_number: str | None
    dictionary_version: str  # the unit dictionary the canonical names come from
    warnings: tuple[str, ...]

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
