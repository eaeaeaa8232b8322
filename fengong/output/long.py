"""The long form: one row per task × unit × role, for pivot tables and group-by-unit queries
(a list column cannot be grouped by). A task with no unit has no row here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from fengong.model import FIELD_KINDS, FIELDS

UNIT_COLUMNS: dict[str, str] = {
    "role": "text",  # lead / other
    "unit": "text",  # as written
    "unit_canonical": "text",
    "unit_current": "text",
    "unit_kind": "text",
    "unit_known": "bool",
}
_HEAD = ("task_id", "source", "seq", "section", "task")
LONG_FIELDS: tuple[str, ...] = (*_HEAD, *UNIT_COLUMNS, *(
    f for f in FIELDS if f not in _HEAD and FIELD_KINDS[f] not in ("list", "list?")))
LONG_KINDS: dict[str, str] = {**FIELD_KINDS, **UNIT_COLUMNS}


def record_units(record: dict) -> Iterator[tuple[str, str, str, str, str, bool]]:
    """(role, unit, canonical, current, kind, known) of each unit a record names, leads
    first: the one place the long form, the database and the web page take them from."""
    unknown = set(record.get("unknown_units") or ())
    for role in ("lead", "other"):
        names = record.get(f"{role}_units") or ()
        columns = zip(names, record.get(f"{role}_units_canonical") or names,
                      record.get(f"{role}_units_current") or names,
                      record.get(f"{role}_units_kind") or ("unknown",) * len(names),
                      strict=True)
        for unit, canonical, current, kind in columns:
            yield role, unit, canonical, current, kind, unit not in unknown


def long_records(records: Iterable[dict]) -> Iterator[dict]:
    """Given task records, yield one row per unit each names, leads first."""
    for record in records:
        task = {f: record.get(f) for f in LONG_FIELDS if f not in UNIT_COLUMNS}
        for unit in record_units(record):
            yield {**task, **dict(zip(UNIT_COLUMNS, unit, strict=True))}
