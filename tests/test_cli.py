"""The command line: formats, files, stdin, exit codes and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from click.testing import CliRunner

from conftest import SAMPLES, as_rows, expected_rows
from fengong.cli import main

PLAN_B = SAMPLES / "plan_b" / "tsv.txt"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_json_to_stdout_is_an_array_of_records():
    result = run("extract", str(PLAN_B), "-f", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert as_rows(records) == expected_rows(PLAN_B)
    assert records[0]["source"] == str(PLAN_B)
    assert records[0]["lead_units_canonical"] == ["县市场监督管理局"]
    assert records[0]["deadline_date"] == "2021-06-30"


def test_jsonl_has_one_record_per_line_and_source_per_input():
    other = SAMPLES / "text" / "labelled.txt"
    result = run("extract", str(PLAN_B), str(other), "-f", "jsonl")
    lines = result.stdout.splitlines()
    assert len(lines) == 12 + 3
    assert {json.loads(line)["source"] for line in lines} == {str(PLAN_B), str(other)}


def test_output_file_format_from_extension_and_csv_opens_in_excel(tmp_path):
    out = tmp_path / "tasks.csv"
    result = run("extract", str(PLAN_B), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel and WPS read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 12
    assert rows[0]["other_units"] == "县政务服务中心\n县公安局\n县税务局"
    assert rows[4]["other_units"] == ""
    assert [p.name for p in tmp_path.iterdir()] == ["tasks.csv"]  # no temp file left


def test_csv_in_another_encoding_and_unencodable_text_is_a_usage_error(tmp_path):
    out = tmp_path / "tasks.csv"
    assert run("extract", str(PLAN_B), "-o", str(out), "--encoding", "gb18030").exit_code == 0
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "县市场监管局" in out.read_bytes().decode("gb18030")
    bad = run("extract", str(PLAN_B), "-f", "csv", "--encoding", "ascii")
    assert bad.exit_code == 2 and "cannot write in encoding" in bad.stderr


def test_stdin_is_read_with_dash():
    result = run("extract", "-", "-f", "json", input=PLAN_B.read_bytes())
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 12


def test_missing_file_fails_with_one_line_and_exit_1_but_others_go_on(tmp_path):
    result = run("extract", str(tmp_path / "nope.txt"), str(PLAN_B), "-f", "jsonl")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"fengong: {tmp_path / 'nope.txt'}: no such file or folder (check the path)"
    assert lines[1].startswith("fengong: 2 files: 1 ok, 1 failed, 0 skipped, 12 rows, ")
    assert len(lines) == 2
    assert len(result.stdout.splitlines()) == 12


def test_a_missing_file_alone_fails_in_one_line_as_any_bad_file(tmp_path):
    result = run("extract", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"fengong: {tmp_path / 'nope.txt'}: no such file or folder (check the path)"]


def test_a_folder_with_no_notice_file_fails_and_names_what_it_skipped(tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "notes.md").write_text("草稿", encoding="utf-8")
    result = run("extract", str(folder), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 1
    line, = result.stderr.splitlines()
    assert line.startswith(f"fengong: {folder}: no notice file to read: 2 skipped "
                           "(notes.md, photo.png); fengong reads .csv .doc")
    assert line.endswith(f"; {tmp_path / 'out.jsonl'} was not written")
    assert not (tmp_path / "out.jsonl").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no notice file to read: it is empty" in run("extract", str(empty)).stderr


def test_empty_and_binary_files_are_named_in_the_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    noise = tmp_path / "noise.bin"
    noise.write_bytes(bytes(range(256)) * 4)
    result = run("extract", str(empty), str(noise))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"fengong: {empty}: the file is empty")
    assert lines[1].startswith(f"fengong: {noise}: ")
    assert lines[2].startswith("fengong: 2 files: 0 ok, 2 failed")
    assert len(lines) == 3


def test_failed_run_leaves_no_output_file(tmp_path):
    out = tmp_path / "out.json"
    result = run("extract", str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []  # no file at all, not a "[]" claiming no tasks


def test_usage_errors_exit_2():
    assert run("extract").exit_code == 2
    assert run("extract", str(PLAN_B), "-f", "xml").exit_code == 2
    assert run("extract", str(PLAN_B), "--units", "/no/such.csv").exit_code == 2


def test_help_shows_examples_and_console_script_runs():
    assert "Examples:" in run("extract", "--help").stdout
    proc = subprocess.run([sys.executable, "-m", "fengong.cli", "extract", str(PLAN_B), "-f",
                           "json"], capture_output=True)
    assert proc.returncode == 0 and len(json.loads(proc.stdout)) == 12
