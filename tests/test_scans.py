"""OCR on scans from another renderer (samples/scans, built by its build.py).

The share of rows read exactly is held to MIN_EXACT over all the scans; per-file counts are
in the failure message so a regression shows where it is.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from conftest import SAMPLES
from fengong import extract_tasks

MIN_EXACT = 0.95
FIELDS = ("seq", "task", "lead_units", "other_units", "deadline")
SCANS = sorted((SAMPLES / "scans").glob("*.pdf"))

needs_ocr = pytest.mark.skipif(importlib.util.find_spec("rapidocr_onnxruntime") is None,
                               reason="the ocr extra is not installed")


def _key(row: dict) -> tuple:
    """A row's compared fields, whitespace removed (OCR spacing is not a reading error)."""
    def clean(value: str | None) -> str:
        return re.sub(r"\s+", "", value or "")

    return tuple([clean(u) for u in row[f]] if f.endswith("units") else clean(row[f])
                 for f in FIELDS)


def _exact(scan: Path) -> tuple[int, int]:
    """(rows read exactly, rows expected); rows pair up by seq, the first of each number."""
    expected = json.loads(scan.with_name(f"{scan.stem}.expected.json")
                          .read_text(encoding="utf-8"))["rows"]
    got: dict[str, dict] = {}
    for task in extract_tasks(scan):
        got.setdefault(str(task.seq), task.to_dict())
    return sum(str(row["seq"]) in got and _key(got[str(row["seq"])]) == _key(row)
               for row in expected), len(expected)


@needs_ocr
def test_scans_from_another_renderer_are_read_row_for_row():
    assert SCANS, "no scans in samples/scans (run samples/scans/build.py)"
    counts = {scan.name: _exact(scan) for scan in SCANS}
    exact = sum(e for e, _ in counts.values())
    total = sum(n for _, n in counts.values())
    report = ", ".join(f"{name} {e}/{n}" for name, (e, n) in counts.items())
    assert exact / total >= MIN_EXACT, f"{exact}/{total} rows exact: {report}"
