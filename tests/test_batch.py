"""Archives: directories through worker processes, error reports, resume, XLSX, DataFrame."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from fengong import extract_dataframe, extract_tasks, to_dataframe
from fengong.batch import discover, run_batch
from fengong.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def archive(tmp_path):
    """A directory as archives are: good files of two kinds, bad ones, hidden and temporary."""
    root = tmp_path / "archive"
    (root / "2021").mkdir(parents=True)
    shutil.copy(SAMPLES / "plan_b/tsv.txt", root / "2021" / "b_notice.txt")
    shutil.copy(SAMPLES / "plan_b/word_table.docx", root / "a_notice.docx")
    data = (SAMPLES / "plan_b/word_table.docx").read_bytes()
    (root / "broken.docx").write_bytes(data[:3000])
    (root / "empty.txt").write_bytes(b"")
    (root / ".hidden.txt").write_text("序号\t主要任务\n", encoding="utf-8")
    (root / "~$a_notice.docx").write_bytes(b"lock")
    (root / "scan.png").write_bytes(b"\x89PNG")
    return root


def test_directory_gives_records_errors_and_exit_code(archive, tmp_path):
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.csv"
    result = run("extract", archive, "-o", out, "--errors", errors, "--workers", 2)
    assert result.exit_code == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in records] == [str(archive / "2021" / "b_notice.txt")] * 12 + \
        [str(archive / "a_notice.docx")] * 12  # sorted by path
    report = list(csv.reader(errors.read_text(encoding="utf-8-sig").splitlines()))
    assert report[0] == ["path", "kind", "message"]
    assert {(row[0], row[1]) for row in report[1:]} == {
        (str(archive / "broken.docx"), "corrupt"), (str(archive / "empty.txt"), "empty")}
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("fengong: 4 files: 2 ok, 2 failed, 3 skipped, 24 rows, ")


def test_discovery_is_sorted_and_skips_hidden_temporary_and_unsupported(archive):
    found = discover([str(archive)])
    assert [os.path.relpath(f, archive) for f in found.files] == [
        os.path.join("2021", "b_notice.txt"), "a_notice.docx", "broken.docx", "empty.txt"]
    assert sorted(os.path.basename(f) for f in found.skipped) == [
        ".hidden.txt", "scan.png", "~$a_notice.docx"]
    assert discover([str(archive / "*.docx")]).files == [
        str(archive / "a_notice.docx"), str(archive / "broken.docx")]


def test_output_order_does_not_depend_on_workers(archive, tmp_path):
    outputs = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}.json"
        run("extract", archive, "-o", out, "--workers", workers, "-q")
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def _corpus(tmp_path, count):
    root = tmp_path / "many"
    root.mkdir()
    for i in range(count):
        shutil.copy(SAMPLES / "plan_b/tsv.txt", root / f"n{i:03d}.txt")
    return root


def test_resume_after_an_interrupted_write_gives_no_duplicates_and_no_gaps(tmp_path):
    root = _corpus(tmp_path, 6)
    full = tmp_path / "full.jsonl"
    run("extract", root, "-o", full, "--workers", 2, "-q")
    out = tmp_path / "out.jsonl"
    run("extract", root, "-o", out, "--resume", "--workers", 2, "-q")
    progress = tmp_path / "out.jsonl.progress"
    # cut the run as a kill would: half of the fourth file's records, its journal line gone
    lines = progress.read_text().splitlines()
    ends = [json.loads(line)["end"] for line in lines]
    progress.write_text("\n".join(lines[:3]) + "\n" + lines[3][:10])
    with open(out, "r+b") as handle:
        handle.truncate((ends[2] + ends[3]) // 2)
    result = run("extract", root, "-o", out, "--resume", "--workers", 2)
    assert result.exit_code == 0
    assert out.read_bytes() == full.read_bytes()
    assert "3 ok, 0 failed, 0 skipped, 3 done before" in result.stderr


def test_resume_after_a_real_kill(tmp_path):
    root = _corpus(tmp_path, 40)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "fengong.cli", "extract", str(root), "-o", str(out),
               "--resume", "--workers", "2", "-q"]
    process = subprocess.Popen(command)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and out.stat().st_size > 20000):
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    subprocess.run(command, check=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    keys = [(r["source"], r["seq"]) for r in records]
    assert len(keys) == len(set(keys)) == 40 * 12


def test_changed_file_is_read_again_on_resume(tmp_path):
    root = _corpus(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    run("extract", root, "-o", out, "--resume", "-q")
    changed = "序号\t主要任务\t牵头单位\t完成时限\n1\t新任务。\t县财政局\t2022年\n"
    (root / "n001.txt").write_text(changed, encoding="utf-8")
    run("extract", root, "-o", out, "--resume", "-q")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"].endswith("n000.txt") for r in records].count(True) == 12
    assert [r["task"] for r in records if r["source"].endswith("n001.txt")] == ["新任务。"]


def _crash(path: str) -> list[dict]:
    if path == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if path == "hang":
        time.sleep(60)
    if path == "boom":
        raise RuntimeError("boom")
    return [{"source": path}]


def test_a_crash_or_a_hang_fails_that_file_only():
    paths = ["a", "crash", "b", "hang", "boom", "c"]
    results = list(run_batch(paths, _crash, workers=2, timeout=2))
    assert [r.path for r in results] == paths
    assert [r.error_kind for r in results] == [None, "crash", None, "timeout", "internal", None]
    assert results[5].records == [{"source": "c"}]


def test_xlsx_is_a_clerks_workbook(tmp_path):
    out = tmp_path / "tasks.xlsx"
    problems = SAMPLES / "check/problems.txt"
    assert run("extract", problems, "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["任务", "记录"]
    sheet = book["任务"]
    assert [c.value for c in sheet[1]] == ["序号", "分组", "任务", "牵头单位", "配合单位",
                                           "完成时限", "规范名称", "截止日期", "提示", "来源"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert sheet.print_title_rows == "$1:$1"  # the header repeated on every printed page
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.auto_filter.ref == "A1:J7"
    assert all(sheet.cell(2, c).alignment.wrap_text for c in range(1, 11))
    assert sheet.column_dimensions["C"].width == 50
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["1", "2", "4", "4", "5", "6"]
    assert rows[1][8] == "完成时限未写年份：9月底前 按 2023 年算"  # beside its row, in Chinese
    assert rows[1][6] == "配合：县卫生健康委员会、县财政局" and rows[1][7] == "2023-09-30"
    assert rows[5][8] == "缺牵头单位"
    assert sheet.cell(2, 9).fill.fgColor.rgb != "FFF4CCCC"  # row 1 has no warnings
    assert {sheet.cell(3, c).fill.fgColor.rgb for c in range(1, 11)} == {"FFF4CCCC"}
    heights = [sheet.row_dimensions[r].height for r in range(2, 8)]
    assert heights[0] == 15 and heights[3] == 60  # three warnings, one wrapped: four lines
    data = book["记录"]
    assert [c.value for c in data[1]][:3] == ["task_id", "source", "seq"]
    assert data.max_row == 7


def test_dataframe_has_the_record_fields_as_columns(archive):
    frame = to_dataframe(extract_tasks(SAMPLES / "plan_b/tsv.txt"))
    assert list(frame.columns[:7]) == ["task_id", "source", "seq", "section", "task",
                                       "lead_units", "other_units"]
    assert frame.loc[0, "other_units"] == ["县政务服务中心", "县公安局", "县税务局"]
    combined = extract_dataframe([str(archive)], workers=2)
    assert len(combined) == 24
    assert {f[1] for f in combined.attrs["failures"]} == {"corrupt", "empty"}
