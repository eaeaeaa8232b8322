"""The published contract: a JSON Schema (2020-12) for a record and a Frictionless Table Schema
for the CSV, both generated from the record model (``fengong.model``), so the schema, the
README and the program cannot disagree. ``docs/`` holds the generated files."""

from __future__ import annotations

from fengong.model import DATE_FIELDS, DEADLINE_KINDS, DESCRIPTIONS

from .long import LONG_FIELDS, LONG_KINDS
from .write import LIST_SEPARATOR

SCHEMA_ID = "https://fengong.invalid/schema/{name}.json"  # an identifier, not a download
_LONG_DESCRIPTIONS = {
    "role": "`lead` (牵头单位) or `other` (配合单位).",
    "unit": "One unit of the task, as written.",
    "unit_canonical": "The unit's full name from the dictionary.",
    "unit_current": "The unit's name after every reform since.",
    "unit_kind": "The dictionary's kind of the unit (`unknown` when not in it).",
    "unit_known": "Whether the dictionary knows the unit.",
}


def _fields(long: bool) -> list[tuple[str, str, str]]:
    """(name, kind, description) of each column, in order."""
    from fengong.model import FIELDS

    names = LONG_FIELDS if long else FIELDS
    return [(n, LONG_KINDS[n], DESCRIPTIONS.get(n) or _LONG_DESCRIPTIONS[n]) for n in names]


def json_schema(long: bool = False) -> dict:
    """JSON Schema 2020-12 of one record (``long``: of one row of ``--long``)."""
    from fengong import __version__

    name = "task-unit" if long else "task"
    properties = {}
    for field, kind, description in _fields(long):
        nullable = kind.endswith("?")
        base = kind.rstrip("?")
        if base == "list":
            spec: dict = {"type": "array", "items": {"type": "string", "minLength": 1}}
            if field == "warning_codes":
                from fengong.normalize.problems import CATALOGUE

                spec["items"]["enum"] = list(CATALOGUE)
        elif base == "int":
            spec = {"type": ["integer", "null"] if nullable else "integer", "minimum": 0}
        elif base == "bool":
            spec = {"type": "boolean"}
        else:
            spec = {"type": ["string", "null"] if nullable else "string"}
            if field in DATE_FIELDS:
                spec |= {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
            elif field == "deadline_kind":
                spec["enum"] = list(DEADLINE_KINDS)
            elif field == "role":
                spec["enum"] = ["lead", "other"]
            elif field == "task_id":
                spec["pattern"] = r"^[0-9a-f]{12}-\S+$"
        properties[field] = {"description": description, **spec}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(name=name),
        "title": "fengong " + ("task × unit row (--long)" if long else "task record"),
        "description": f"Written by fengong {__version__}. Every field is always present; "
                       "null where the notice does not say.",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def table_schema(long: bool = False) -> dict:
    """Frictionless Table Schema of the CSV ``fengong extract -f csv`` writes."""
    types = {"list": "string", "int": "integer", "bool": "boolean", "text": "string"}
    fields = []
    for field, kind, description in _fields(long):
        base = kind.rstrip("?")
        spec: dict = {"name": field, "type": "date" if field in DATE_FIELDS else types[base],
                      "description": description}
        if base == "list":
            spec["description"] += " A list: one item per line of the cell."
            spec["fengong:listSeparator"] = LIST_SEPARATOR
        if base == "bool":
            spec |= {"trueValues": ["True"], "falseValues": ["False"]}
        if not kind.endswith("?") and base not in ("list", "int"):
            spec["constraints"] = {"required": True}
        fields.append(spec)
    return {
        "fields": fields,
        "missingValues": [""],
        "fengong:formulaGuard": "A text cell (other than `source`) that starts with = + - @, "
                                "a tab, a carriage return or ' and is longer than one "
                                "character is written with one more leading ' (so Excel and "
                                "WPS never run it); remove one leading ' from such a cell to "
                                "read it (fengong.read_records does).",
    }
