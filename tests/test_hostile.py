"""Hostile and broken input: every file gives records or one clear error line, in bounded
time, with no traceback, no partial output, no read of another file and no network."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from fengong.cli import main
from hostile_files import big_docx, build, many_pages_pdf

OK_ROWS = {"pdf_named.xlsx": 12, "docx_named.pdf": 12, "chinese path.docx": 12,
           "broken_xref.pdf": 12, "no_table.txt": 0, "xxe.docx": 0, "laughs.xlsx": 12}
ERROR_KINDS = {"empty.txt": "the file is empty", "empty.docx": "the file is empty",
               "empty.pdf": "the file is empty", "bomb.docx": "ZIP bomb",
               "locked.docx": "password-protected", "locked.xlsx": "password-protected",
               "locked.pdf": "password-protected"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build(tmp_path_factory.mktemp("hostile"))


def extract(path, out, *extra):
    start = time.monotonic()
    result = CliRunner().invoke(main, ["extract", str(path), "-o", str(out), "--timeout", "60",
                                       *extra])
    return result, time.monotonic() - start


@pytest.mark.parametrize("name", [
    "empty.txt", "empty.docx", "empty.pdf", "cut10.docx", "cut50.docx", "cut90.docx",
    "cut10.pdf", "cut50.pdf", "cut90.pdf", "cut10.xlsx", "cut50.xlsx", "cut90.xlsx",
    "cut10.doc", "cut50.doc", "cut90.doc", "broken_xref.pdf", "no_xref.pdf", "bomb.docx",
    "laughs.docx", "xxe.docx", "laughs.xlsx", "xxe.html", "locked.docx", "locked.xlsx",
    "locked.pdf", "random.txt", "pdf_named.xlsx", "docx_named.pdf", "no_table.txt",
    "chinese path.docx"])
def test_bad_file_gives_records_or_one_clear_line(corpus, tmp_path, name):
    path = corpus[name]
    out = tmp_path / "out.json"
    result, seconds = extract(path, out)
    assert seconds < 60
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    if result.exit_code == 0:
        records = json.loads(out.read_text(encoding="utf-8"))
        if name in OK_ROWS:
            assert len(records) == OK_ROWS[name]
        text = json.dumps(records, ensure_ascii=False)
        assert "root:" not in text  # no external entity was read
    else:
        assert result.exit_code == 1
        assert len(lines) == 1 and lines[0].startswith(f"fengong: {path}: ")
        assert "internal error" not in lines[0]
        assert name not in OK_ROWS
        if name in ERROR_KINDS:
            assert ERROR_KINDS[name] in lines[0]
        assert not out.exists()  # nothing read, nothing written
    assert [p.name for p in tmp_path.iterdir()] == (["out.json"] if result.exit_code == 0
                                                   else [])  # no temp file left


def test_billion_laughs_is_not_expanded(corpus, tmp_path):
    out = tmp_path / "out.json"
    result, seconds = extract(corpus["laughs.docx"], out)
    assert seconds < 10 and "lollollol" not in result.stderr
    assert result.exit_code == 1 and not out.exists()  # refused, so nothing written


def test_2000_page_pdf_is_refused_quickly_and_the_limit_can_be_raised(tmp_path):
    pdf = many_pages_pdf(tmp_path / "long.pdf", 2000)
    result, seconds = extract(pdf, tmp_path / "out.json")
    assert result.exit_code == 1 and seconds < 30
    assert "2000 pages, over the 1000 page limit (raise it with --max-pages)" in result.stderr
    result, _ = extract(pdf, tmp_path / "out.json", "--max-pages", "3000")
    assert result.exit_code == 0 and json.loads((tmp_path / "out.json").read_text()) == []


def test_100000_row_docx_is_refused_by_the_row_limit(tmp_path):
    docx = big_docx(tmp_path / "huge.docx", 100_000)
    result, seconds = extract(docx, tmp_path / "out.json")
    assert result.exit_code == 1 and seconds < 30
    assert "over 20000 table rows" in result.stderr


def test_file_size_and_timeout_limits(corpus, tmp_path):
    result, _ = extract(corpus["chinese path.docx"], tmp_path / "o.json", "--max-file-mb",
                        "0.001")
    assert result.exit_code == 1 and "over the 0.001 MB limit" in result.stderr
    result, _ = extract(corpus["broken_xref.pdf"], tmp_path / "o.json", "--timeout", "0.001")
    assert result.exit_code == 1 and "took longer than 0.001 s" in result.stderr
