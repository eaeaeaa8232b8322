"""Row assembly shared by every reader: header roles, headings, continuations, sub-rows."""

from __future__ import annotations

from fengong.extract.cells import Cell, Grid, cells
from fengong.extract.header import cell_role, header_roles
from fengong.extract.numbering import is_heading, parse_seq
from fengong.extract.rows import assemble

HEADER = cells(["序号", "主要任务", "牵头单位", "配合单位", "完成时限"])


def summary(document):
    return [(r.seq, r.section, r.task, r.lead, r.other, r.deadline) for r in document.rows]


def test_seq_forms():
    assert [parse_seq(s) for s in ["12", "１２", " ２ ", "(12)", "（十二）", "12.", "12、"]] == \
        ["12"] * 2 + ["2"] + ["12"] * 4
    assert parse_seq("") is None and parse_seq("一、优化营商环境") is None


def test_header_words_spaced_and_roles():
    assert header_roles(cells(["序  号", "工 作 任 务", "责任单位", "时间节点"])) == (
        "seq", "task", "unit", "deadline")
    assert cell_role("牵头领导") == "leader" and cell_role("进展情况") == "progress"
    assert header_roles(cells(["1", "2019年"])) is None
    assert is_heading("（二）强化要素保障") and not is_heading("2019年")


def test_merged_heading_repeated_header_and_continuation_across_tables():
    first = Grid(rows=(HEADER, cells(["一、优化政务服务"] * 5),
                       cells(["1", "任务一的前半", "县财政局", "", "2021年"])), table=0)
    second = Grid(rows=(HEADER, cells(["", "后半。", "", "县审计局", ""]),
                        cells(["2", "任务二。", "县税务局", "", "2022年"])), table=1)
    doc = assemble([first, second])
    assert summary(doc) == [
        ("1", "一、优化政务服务", "任务一的前半\n后半。", "县财政局", "县审计局", "2021年"),
        ("2", "一、优化政务服务", "任务二。", "县税务局", "", "2022年"),
    ]
    assert [r.table for r in doc.rows] == [0, 1]


def test_two_row_header_and_chinese_numbered_heading_row():
    grid = Grid(rows=(
        cells(["序号", "重点任务", "责任单位", "责任单位", "完成时间"]),
        cells(["", "", "牵头单位", "配合单位", ""]),
        cells(["一", "稳增长", "", "", ""]),
        cells(["1", "扩大投资。", "县发改局", "县财政局", "2022年"]),
    ))
    assert summary(assemble([grid])) == [
        ("1", "一、稳增长", "扩大投资。", "县发改局", "县财政局", "2022年")]


def test_merged_seq_gives_sub_rows_sharing_the_number():
    grid = Grid(rows=(HEADER,
                      cells(["3", "任务三。", "县财政局", "", "2021年"]),
                      (Cell("3", spanned=True), Cell("任务三。", spanned=True), Cell("县审计局"),
                       Cell(""), Cell("2022年"))))
    rows = assemble([grid]).rows
    assert [(r.seq, r.task, r.lead, r.deadline, r.subrow) for r in rows] == [
        ("3", "任务三。", "县财政局", "2021年", False),
        ("3", "任务三。", "县审计局", "2022年", True)]


def test_no_header_no_numbers_gives_no_rows():
    assert assemble([Grid(rows=(cells(["通知正文"]),))]).rows == ()
