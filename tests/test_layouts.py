"""Propose -> score -> pick: one table written one cell per line with every blank-line
pattern web pages use gives the same records, and the chosen layout is the cell stream."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fengong import extract_tasks
from fengong.extract import read_document
from fengong.extract.judge import document_score, sequence_score

TASKS = ["推进老旧小区改造，完成改造12个。", "新建停车泊位300个。", "实施背街小巷硬化工程。",
         "开展城市园林绿化提升行动，新增绿地5公顷。", "完善农村供水管网20公里。",
         "建设村级综合服务中心3个。"]
UNITS = ["县住建局", "县公安局", "县城管局", "县林业局", "县水利局", "县民政局", "各乡镇人民政府"]
DEADLINES = ["2024年6月底前", "2024年底前", "长期坚持", "每季度", "2024年10月"]
HEADERS = [("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
           ("序号", "重点工作", "牵头部门", "协同单位", "完成时间"),
           ("编号", "主要任务", "牵头单位", "参与单位", "时间节点")]

ROW = st.tuples(st.sampled_from(TASKS), st.lists(st.sampled_from(UNITS), min_size=1,
                                                   max_size=2, unique=True),
                st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True),
                st.sampled_from(DEADLINES))


def cells_of(header: tuple[str, ...], rows: list[tuple]) -> list[list[str]]:
    """Each row as its cells' lines. (Two unit columns written one unit per line would meet
    with nothing to tell where the first ends: a person could not tell either.)"""
    out = [list(header)]
    for number, (task, lead, other, deadline) in enumerate(rows, start=1):
        out.append([str(number), task, "、".join(lead), "、".join(other), deadline])
    return out


def written(cells: list[list[str]], pattern: str) -> str:
    if pattern == "blank after every line":
        return "\n\n".join(line for row in cells for line in row) + "\n"
    if pattern == "no blank lines":
        return "\n".join(line for row in cells for line in row) + "\n"
    if pattern == "blank lines between rows":
        return "\n\n".join("\n".join(row) for row in cells) + "\n"
    return "\n".join(f"{line} |" for row in cells for line in row) + "\n"  # 'cell |' lines


PATTERNS = ["blank after every line", "no blank lines", "blank lines between rows", "pipes"]


@given(st.sampled_from(HEADERS),
       st.lists(ROW, min_size=2, max_size=5).filter(
           lambda rows: all(not set(r[1]) & set(r[2]) for r in rows)))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
def test_every_blank_line_pattern_gives_the_same_records(tmp_path_factory, header, rows):
    folder = tmp_path_factory.mktemp("patterns")
    title = "某县2024年民生实事任务分工\n\n"
    expected = [(str(n), task, tuple(lead), tuple(other), deadline)
                for n, (task, lead, other, deadline) in enumerate(rows, start=1)]
    for pattern in PATTERNS:
        path = folder / f"{pattern}.txt"
        path.write_text(title + written(cells_of(header, rows), pattern), encoding="utf-8")
        got = [(t.seq, t.task, t.lead_units, t.other_units, t.deadline)
               for t in extract_tasks(path)]
        assert got == expected, pattern


def test_the_chosen_layout_and_the_candidates_are_on_the_document(tmp_path):
    rows = [(TASKS[0], ["县住建局"], ["县城管局"], "2024年底前"),
            (TASKS[1], ["县公安局"], ["县城管局", "县住建局"], "长期坚持")]
    path = tmp_path / "stream.txt"
    path.write_text(written(cells_of(HEADERS[0], rows), "no blank lines"), encoding="utf-8")
    document = read_document(path)
    assert document.layout == "cell stream"
    names = [name for name, _ in document.candidates]
    assert names[0] == "cell stream" and "cell blocks" in names
    scores = [score for _, score in document.candidates]
    assert scores == sorted(scores, reverse=True)
    assert document_score(document) == scores[0]
    assert [t.layout for t in extract_tasks(path)] == ["cell stream", "cell stream"]


def test_numbers_in_sequence_score_and_gaps_cost():
    assert sequence_score(["1", "2", "3"]) == 1.0
    assert sequence_score(["1", "2", "1", "2"]) == 1.0  # a second table restarts
    assert sequence_score(["1", "5", "9"]) < 0


def test_read_grids_gives_the_one_reading_that_wins(tmp_path):
    from fengong.extract import read_grids

    rows = [(TASKS[2], ["县住建局"], ["县城管局"], "2024年10月"),
            (TASKS[3], ["县林业局"], ["各乡镇人民政府"], "每季度")]
    data = written(cells_of(HEADERS[1], rows), "blank after every line").encode("utf-8")
    (grid,) = read_grids(data, "notice.txt")
    assert grid.kind == "stream"


def test_a_cell_merged_over_rows_and_written_once_is_filled_down_with_a_warning():
    from conftest import SAMPLES

    tasks = extract_tasks(SAMPLES / "layouts/tabs_merged_once.txt")
    assert [t.deadline for t in tasks[:3]] == ["2024年6月底前"] * 3
    assert tasks[0].warnings == ()
    assert "inherited: the deadline is the row above's (a merged cell?)" in tasks[1].warnings
    assert not any(w.startswith("inherited") for t in tasks[3:] for w in t.warnings)


def test_a_cell_with_a_unit_a_line_is_one_cell_where_blank_lines_end_the_cells(tmp_path):
    """With a blank line after each cell, lines with none between them are one cell, so
    two lead units written a line each stay leads; with no blank lines at all nothing tells
    where the lead cell ends, and the first unit leads (a notice names fewer leads)."""
    header = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
    first = ["1", TASKS[0], "县住建局\n县城管局", "县公安局", "2024年底前"]
    second = ["2", TASKS[1], "县民政局", "县水利局\n县林业局\n各乡镇人民政府", "每季度"]
    cells = tmp_path / "cells.txt"
    cells.write_text("\n\n".join([*header, *first, *second]) + "\n", encoding="utf-8")
    lines = tmp_path / "lines.txt"
    lines.write_text("\n".join([*header, *first[:2], "县住建局", "县城管局\n县公安局",
                                first[4], *second]) + "\n", encoding="utf-8")

    assert [(t.lead_units, t.other_units, t.layout) for t in extract_tasks(cells)] == [
        (("县住建局", "县城管局"), ("县公安局",), "cell stream"),
        (("县民政局",), ("县水利局", "县林业局", "各乡镇人民政府"), "cell stream")]
    assert [(t.lead_units, t.other_units) for t in extract_tasks(lines)] == [
        (("县住建局",), ("县城管局", "县公安局")),
        (("县民政局",), ("县水利局", "县林业局", "各乡镇人民政府"))]
