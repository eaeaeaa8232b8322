"""Property-based tests and a fuzzing harness (hypothesis): no input makes the row assembly,
unit splitting, deadline parsing or any reader fail with anything but a clear ExtractError.

The fuzzing runs FENGONG_FUZZ_EXAMPLES mutated files per reader (40 by default, bounded for
CI); run it longer by hand: FENGONG_FUZZ_EXAMPLES=2000 pytest tests/test_properties.py
"""

from __future__ import annotations

import os
import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from fengong import ExtractError, extract_tasks
from fengong.extract.cells import Cell, Grid
from fengong.extract.rows import assemble
from fengong.normalize.deadline import parse_deadline
from fengong.normalize.units import split_units

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
NOTICE_CHARS = st.one_of(CJK, st.sampled_from(list(
    "0123456789年月日底前、，,；;（）()\n \t县市局委办牵头配合"
    "一二三四五六七八九十季度长期每上下半—-至")))
NOTICE_TEXT = st.text(NOTICE_CHARS, max_size=40)
FUZZ = int(os.environ.get("FENGONG_FUZZ_EXAMPLES", "40"))


@given(st.one_of(st.text(max_size=60), NOTICE_TEXT))
@settings(max_examples=300)
def test_deadline_parsing_never_fails_and_dates_are_real(text):
    found = parse_deadline(text, base_year=2022)
    assert found.kind in ("by", "range", "ongoing", "recurring", "unknown")
    assert found.raw == (text if text.strip() else None)
    for value in (found.date, found.start):
        if value is not None:
            date.fromisoformat(value)
    if found.kind == "range":
        assert found.start <= found.date


@given(st.one_of(st.text(max_size=60), NOTICE_TEXT))
@settings(max_examples=300)
def test_unit_splitting_never_fails_and_round_trips(text):
    units = split_units(text)
    assert all(u and u == u.strip() for u in units)
    assert split_units("、".join(units)) == units


HEADER_WORDS = ["序号", "主要任务", "牵头单位", "配合单位", "完成时间",
                "1", "２", "（三）", "一、分组"]
ROW = st.lists(st.one_of(NOTICE_TEXT, st.sampled_from(HEADER_WORDS)), max_size=6)


@given(st.lists(st.lists(ROW, max_size=12), max_size=3),
       st.sampled_from(["table", "text", "paragraphs", "labelled"]))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_row_assembly_never_fails(tables, kind):
    grids = [Grid(rows=tuple(tuple(Cell(t) for t in row) for row in rows), table=i, kind=kind)
             for i, rows in enumerate(tables)]
    document = assemble(grids)
    for row in document.rows:
        assert row.seq is None or re.fullmatch(r"\d+", row.seq)


FUZZ_SAMPLES = ["plan_b/tsv.txt", "plan_b/word_table.docx", "plan_b/ruled.pdf",
                "plan_b/notice.html", "plan_b/table.xlsx", "plan_b/gbk.txt"]


@st.composite
def mutated(draw):
    name = draw(st.sampled_from(FUZZ_SAMPLES))
    data = bytearray((SAMPLES / name).read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "cut":
            del data[at: at + draw(st.integers(1, 4096))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif data:
            data[at: at + 64] = bytes(min(64, len(data) - at))
    return name, bytes(data)


@given(mutated())
@settings(max_examples=FUZZ, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_fuzzed_files_give_records_or_an_extract_error(case):
    name, data = case
    try:
        tasks = extract_tasks(name, data=data, ocr=False)
    except ExtractError as exc:
        assert str(exc)
    else:
        assert all(isinstance(t.task, str) for t in tasks)
