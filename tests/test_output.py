"""Output formats: CSV safe for spreadsheets, JSON and JSON Lines shapes, atomic writes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from fengong.output import format_for, render, write_atomic

RECORDS = [
    {"seq": "1", "task": "=HYPERLINK(\"http://x\")", "lead_units": ["市财政局", "市审计局"],
     "deadline": "+2019年", "note": "@SUM(A1)", "minus": "-1", "plain": "a,\"b\"\nc"},
]


def test_csv_guards_formulas_quotes_and_joins_lists():
    data = render(RECORDS, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    (row,) = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert row["task"] == "'=HYPERLINK(\"http://x\")"
    assert row["deadline"] == "'+2019年" and row["note"] == "'@SUM(A1)" and row["minus"] == "'-1"
    assert row["lead_units"] == "市财政局\n市审计局"  # names never hold a line break
    assert row["plain"] == "a,\"b\"\nc"  # quoting keeps commas, quotes and line breaks


def test_json_and_jsonl_shapes():
    assert json.loads(render(RECORDS, "json")) == RECORDS
    lines = render(RECORDS * 2, "jsonl").decode().splitlines()
    assert [json.loads(line) for line in lines] == RECORDS * 2
    assert render([], "json") == b"[]\n" and render([], "jsonl") == b""


@pytest.mark.parametrize(("path", "explicit", "fmt"), [
    ("out.csv", None, "csv"), ("out.JSONL", None, "jsonl"), ("out.json", "csv", "csv"),
    (None, None, "json"), ("-", None, "json"), ("out.txt", None, "json")])
def test_format_from_extension_unless_explicit(path, explicit, fmt):
    assert format_for(path, explicit) == fmt


def test_atomic_write_leaves_old_file_when_interrupted(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")

    def chunks():
        yield b"new"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, chunks())
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
