"""The queryable archive: records into SQLite, upserted by task_id, searchable, resumable."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import SAMPLES
from fengong import read_records
from fengong.output.sqlite import search

NOTICE = ("县优化营商环境重点任务分工方案\n县政办发〔2024〕3号\n"
          "序号\t主要任务\t牵头单位\t配合单位\t完成时间\n"
          "1\t推行企业开办一网通办。\t县市场监管局\t县税务局、县公安局\t2024年6月底前\n"
          "2\t建设政务服务中心。\t县政务服务中心\t县财政局\t2024年12月底前\n"
          "3\t清理拖欠企业账款。\t县财政局\t县审计局\t长期坚持\n")


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fengong.cli", *map(str, args)],
                          capture_output=True, text=True, check=False)


def _archive(root):
    root.mkdir()
    for folder in ("layouts", "roles", "prose"):
        shutil.copytree(SAMPLES / folder, root / folder,
                        ignore=shutil.ignore_patterns("*.json"))
    return root


def _content(path) -> dict[str, list[tuple]]:
    """Every table's rows, in a fixed order, without the load time."""
    db = sqlite3.connect(path)
    try:
        return {
            "notices": db.execute("SELECT notice_id, path, sha256, title, tasks, warnings "
                                  "FROM notices ORDER BY notice_id").fetchall(),
            "tasks": db.execute("SELECT * FROM tasks ORDER BY task_id").fetchall(),
            "task_units": db.execute("SELECT * FROM task_units ORDER BY task_id, "
                                     "position").fetchall(),
            "fts": db.execute("SELECT rowid, task FROM tasks_fts ORDER BY rowid").fetchall(),
        }
    finally:
        db.close()


def test_an_archive_loads_with_the_counts_of_the_jsonl_output(tmp_path):
    root = _archive(tmp_path / "in")
    assert _cli("extract", root, "-o", tmp_path / "t.jsonl", "-q").returncode == 0
    assert _cli("extract", root, "-o", tmp_path / "t.db", "-q").returncode == 0
    records = read_records(tmp_path / "t.jsonl")
    db = sqlite3.connect(tmp_path / "t.db")
    assert db.execute("SELECT count(*) FROM tasks").fetchone()[0] == len(records)
    units = sum(len(r["lead_units"]) + len(r["other_units"]) for r in records)
    assert db.execute("SELECT count(*) FROM task_units").fetchone()[0] == units
    assert db.execute("SELECT count(*) FROM notices").fetchone()[0] == \
        len({r["source"] for r in records})
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    # running again over the same archive changes nothing and duplicates nothing
    before = _content(tmp_path / "t.db")
    assert _cli("extract", root, "-o", tmp_path / "t.db", "-q").returncode == 0
    assert _content(tmp_path / "t.db") == before


def test_a_revised_notice_upserts_in_place(tmp_path):
    old, new, db_path = tmp_path / "v1.txt", tmp_path / "v2.txt", tmp_path / "t.db"
    old.write_text(NOTICE, encoding="utf-8")
    revised = (NOTICE.replace("建设政务服务中心。", "建设县级政务服务中心。")
               .replace("县税务局、县公安局", "县税务局、县人社局")
               .replace("3\t清理拖欠企业账款。\t县财政局\t县审计局\t长期坚持\n", ""))
    new.write_text(revised, encoding="utf-8")
    assert _cli("extract", old, "-o", db_path).returncode == 0
    assert _cli("extract", new, "-o", db_path).returncode == 0
    db = sqlite3.connect(db_path)
    rows = db.execute("SELECT seq, task, other_units, source FROM tasks ORDER BY seq").fetchall()
    assert rows == [("1", "推行企业开办一网通办。", '["县税务局", "县人社局"]', str(new)),
                    ("2", "建设县级政务服务中心。", '["县财政局"]', str(new))]
    units = db.execute("SELECT unit FROM task_units WHERE role = 'other' ORDER BY task_id, "
                       "position").fetchall()
    assert units == [("县税务局",), ("县人社局",), ("县财政局",)]
    assert db.execute("SELECT count(*), max(path) FROM notices").fetchone() == (1, str(new))
    assert [r["task"] for r in search(db, "清理")] == []  # the removed task is out of the index


def test_search_finds_two_and_four_character_queries_and_the_unit_view(tmp_path):
    path, db_path = tmp_path / "n.txt", tmp_path / "t.db"
    path.write_text(NOTICE, encoding="utf-8")
    assert _cli("extract", path, "-o", db_path).returncode == 0
    db = sqlite3.connect(db_path)
    assert [r["seq"] for r in search(db, "账款")] == ["3"]
    assert [r["seq"] for r in search(db, "一网通办")] == ["1"]
    assert [r["seq"] for r in search(db, "政务服务")] == ["2"]
    assert search(db, "不存在的词") == []
    view = db.execute("SELECT seq, role, unit_canonical FROM unit_tasks WHERE "
                      "unit_canonical = '县财政局' ORDER BY seq").fetchall()
    assert view == [("2", "other", "县财政局"), ("3", "lead", "县财政局")]
    due = db.execute("SELECT seq FROM tasks_by_deadline WHERE deadline_date BETWEEN "
                     "'2024-01-01' AND '2024-06-30'").fetchall()
    assert due == [("1",)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals")
def test_an_interrupted_load_resumed_equals_an_uninterrupted_one(tmp_path):
    root = _archive(tmp_path / "in")
    full, part = tmp_path / "full.db", tmp_path / "part.db"
    started = time.monotonic()
    assert _cli("extract", root, "-o", full, "-q", "-w", "1").returncode == 0
    whole = time.monotonic() - started
    command = [sys.executable, "-m", "fengong.cli", "extract", str(root), "-o", str(part), "-q",
               "-w", "1", "--resume"]
    killed = 0
    for share in (0.4, 0.6, 0.8):
        process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        time.sleep(whole * share)
        process.send_signal(signal.SIGKILL)
        killed += process.wait() == -signal.SIGKILL
    assert killed >= 1
    assert subprocess.run(command, check=False).returncode == 0
    assert _content(part) == _content(full)


def test_a_database_that_is_not_ours_or_is_locked_gets_one_line(tmp_path):
    other = tmp_path / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE people (name TEXT)")
    db.commit()
    db.close()
    sample = SAMPLES / "plan_b/tsv.txt"
    result = _cli("extract", sample, "-o", other)
    assert result.returncode == 1
    assert result.stderr == f"fengong: {other} is a database but not one fengong wrote; " \
        "choose another -o file\n"
    ours = tmp_path / "t.db"
    assert _cli("extract", sample, "-o", ours).returncode == 0
    holder = sqlite3.connect(ours, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = _cli("extract", sample, "-o", ours)
    finally:
        holder.execute("ROLLBACK")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"fengong: {ours}: the database is locked by another program (datasette, a running "
        "fengong?); close it and run again"]
    assert "Traceback" not in result.stderr
