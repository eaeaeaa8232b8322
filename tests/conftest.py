"""Shared helpers: sample paths and exact comparison with NAME.expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: the first example of a run loads the dictionary and the machines
# CI runs on are shared, so timings say nothing about correctness here.
settings.register_profile("fengong", deadline=None)
settings.load_profile("fengong")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
KEYS = ("seq", "section", "task", "lead_units", "other_units", "deadline")


def expected_rows(sample: Path) -> list[dict]:
    stem = sample.name.split(".")[0]
    data = json.loads((sample.parent / f"{stem}.expected.json").read_text(encoding="utf-8"))
    return [{k: row[k] for k in KEYS} for row in data["rows"]]


def as_rows(tasks) -> list[dict]:
    """Tasks (objects or dicts) reduced to the fields expected files hold, lists as lists."""
    out = []
    for task in tasks:
        record = task if isinstance(task, dict) else task.to_dict()
        out.append({k: list(record[k]) if k.endswith("units") else record[k] for k in KEYS})
    return out


def rows_of(path) -> list[tuple]:
    """A file's records as (seq, section, task, lead_units, other_units, deadline) tuples."""
    from fengong import extract_tasks

    return [tuple(r[k] for k in KEYS) for r in as_rows(extract_tasks(path))]


@pytest.fixture
def samples() -> Path:
    return SAMPLES
