"""Every sample with an expected file, in every format, gives exactly its expected records.

Fields beyond the six every expected file holds (progress, remarks, contacts, seq_printed,
deadline_source) are compared where an expected row names them. The scans are tested apart
(tests/test_pdf.py): OCR is held to 90 % of rows, not to all of them.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import KEYS, SAMPLES, as_rows, expected_rows
from fengong import extract_tasks
from fengong.output.schema import json_schema


@pytest.fixture(scope="module")
def validator():
    import jsonschema

    return jsonschema.Draft202012Validator(
        json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)

SAMPLE_FILES = sorted(
    p for p in SAMPLES.rglob("*")
    if p.is_file() and not p.name.endswith(".json") and "scanned" not in p.name
    and (p.parent / f"{p.name.split('.')[0]}.expected.json").exists()
)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: str(p.relative_to(SAMPLES)))
def test_sample_gives_exact_records(sample, validator):
    if sample.suffix == ".doc" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    tasks = extract_tasks(sample)
    assert as_rows(tasks) == expected_rows(sample)
    for task in tasks:  # and every record follows the published schema
        validator.validate(task.to_dict())
    assert len({t.task_id for t in tasks}) == len(tasks)
    expected = json.loads((sample.parent / f"{sample.name.split('.')[0]}.expected.json")
                          .read_text(encoding="utf-8"))["rows"]
    for task, row in zip(tasks, expected, strict=True):
        for key in set(row) - set(KEYS):
            value = getattr(task, key)
            assert (list(value) if isinstance(value, tuple) else value) == row[key], key


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: str(p.relative_to(SAMPLES)))
def test_notice_facts(sample):
    """The plan's title (the caption above the table, the 附件 title), never the covering
    sentence before the table, null where the file names no plan; the issuing date and the
    document number where the file prints them."""
    if sample.suffix == ".doc" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    expected = json.loads((sample.parent / f"{sample.name.split('.')[0]}.expected.json")
                          .read_text(encoding="utf-8"))
    assert "title" in expected
    facts = {(t.title, t.notice_date, t.doc_number) for t in extract_tasks(sample)}
    assert facts == {(expected["title"], expected["notice_date"], expected["doc_number"])}
    title = expected["title"]
    assert title is None or not re.search(r"[。；，：]|^附件|如下", title)


def test_every_format_is_covered():
    kinds = {p.suffix for p in SAMPLE_FILES}
    assert {".txt", ".docx", ".doc", ".pdf", ".html", ".xlsx"} <= kinds
    assert len(SAMPLE_FILES) >= 40
