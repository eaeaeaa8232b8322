"""Text layouts found on government sites (samples/wild, written for these tests): progress
and remarks columns, units one per line with contacts, space-separated rows with spaced or
wrapped headers, flattened merged cells, rows without numbers, group rows, three levels of
numbering, pipes, page chrome, clerk's deadlines."""

from __future__ import annotations

from conftest import SAMPLES
from fengong import extract_tasks


def test_sub_rows_share_the_number_and_are_not_duplicates():
    tasks = extract_tasks(SAMPLES / "wild/flattened_merges.txt")
    assert [t.seq for t in tasks] == ["1", "1", "2", "2", "3"]
    assert not any(w.startswith("序号") for t in tasks for w in t.warnings)


def test_numbering_forms_are_kept_as_printed():
    tasks = extract_tasks(SAMPLES / "wild/group_rows.txt")
    assert [t.seq_printed for t in tasks] == ["(1)", "(2)", "①", "②"]


def test_leaders_and_clerk_deadlines_take_the_notice_year():
    tasks = extract_tasks(SAMPLES / "wild/progress_columns.txt")
    assert [t.leaders for t in tasks] == [("王某某",), ("李某",), ("张某某",)]
    assert tasks[2].deadline_date == "2022-11-30"
    assert "deadline year inferred: 11月底前 read as in 2022" in tasks[2].warnings
    spaced = extract_tasks(SAMPLES / "wild/spaced_rows.txt")
    assert [t.deadline_date for t in spaced] == ["2022-11-30", "2022-06-30", "2022-03-31",
                                                 "2022-12-31"]
