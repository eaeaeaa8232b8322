"""A column the header names is a column even when it is empty in every row (a 完成时限 or
备注 column nobody filled in): the same table as XLSX, TSV, HTML and DOCX reads exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from docx_builder import p, table, write_docx
from fengong import extract_tasks

HEADER = ["序号", "主要任务", "工作措施", "牵头单位", "参与单位", "完成时限"]
ROWS = [["1", "推进农村公路建设。", "新改建农村公路50公里。", "县交通运输局", "县财政局",
         "2024年底前"],
        ["2", "实施河道综合整治。", "整治河道10公里。", "县水利局", "县生态环境局", "2024年9月"],
        ["3", "提升农村供水保障水平。", "新建供水管网20公里。", "县水利局", "各乡镇人民政府",
         "长期坚持"]]


def table_of(measure: bool, empty: str) -> tuple[list[str], list[list[str]]]:
    """The header and rows, without the measure column if asked, one column emptied."""
    keep = [i for i in range(len(HEADER)) if measure or HEADER[i] != "工作措施"]
    header = [HEADER[i] for i in keep]
    emptied = header.index("完成时限" if empty == "last" else "参与单位")
    rows = [["" if j == emptied else row[i] for j, i in enumerate(keep)] for row in ROWS]
    return header, rows


def write(kind: str, folder: Path, header: list[str], rows: list[list[str]]) -> Path:
    title = "某县2024年农村基础设施建设任务分解表"
    if kind == "xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append([title])
        sheet.append(header)
        for row in rows:  # an empty cell is no cell at all, as Excel saves it
            sheet.append([int(v) if v.isdigit() else (v or None) for v in row])
        path = folder / "t.xlsx"
        book.save(path)
        return path
    if kind == "tsv":  # copied out of Excel: trailing empty cells lose their tabs
        lines = [title, "\t".join(header), *("\t".join(row).rstrip("\t") for row in rows)]
        path = folder / "t.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path
    if kind == "html":  # a page that leaves out the trailing empty <td>
        def tr(cells: list[str], tag: str) -> str:
            while cells and not cells[-1]:
                cells = cells[:-1]
            return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"
        body = tr(header, "th") + "".join(tr(row, "td") for row in rows)
        path = folder / "t.html"
        path.write_text(f"<html><head><meta charset='utf-8'></head><body><p>{title}</p>"
                        f"<table>{body}</table></body></html>", encoding="utf-8")
        return path
    return write_docx(folder / "t.docx", p(title), table([header, *rows]))


@pytest.mark.parametrize("kind", ["xlsx", "tsv", "html", "docx"])
@pytest.mark.parametrize("empty", ["last", "middle"])
@pytest.mark.parametrize("measure", [True, False])
def test_a_column_empty_in_every_row_keeps_its_place(tmp_path, kind, empty, measure):
    header, rows = table_of(measure, empty)
    tasks = extract_tasks(write(kind, tmp_path, header, rows))
    emptied = "deadline" if empty == "last" else "other"
    expected = [(r[0], r[1], (r[-3],), () if emptied == "other" else (r[-2],),
                 None if emptied == "deadline" else r[-1]) for r in ROWS]
    got = [(t.seq, t.task, t.lead_units, t.other_units, t.deadline) for t in tasks]
    assert got == expected
