"""Web pages and spreadsheets: exact records from HTML, XLSX and XLS."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

from conftest import SAMPLES, as_rows, expected_rows, rows_of
from fengong import ExtractError, extract_tasks


def test_page_noise_rowspan_colspan_and_title(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("""<html><head><meta charset="utf-8"><title>站点</title>
<script>var x = "<table><tr><td>序号</td></tr></table>";</script></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a>通知公告</a></div>
<table class="layout"><tr><td><table class="menu"><tr><td>机构</td><td>政策</td></tr></table></td>
<td><h3>冬季供暖保障任务清单</h3>
<table border="1"><thead><tr><th>序&nbsp;号</th><th>工作任务</th><th>责任单位</th>
<th>完成时限</th></tr></thead><tbody>
<tr><td colspan="4">一、热源保障</td></tr>
<tr><td>1</td><td>储备燃煤<br>五万吨。</td><td rowspan="2">县发改局、<br>县供热公司</td>
<td rowspan="2">2022年11月</td></tr>
<tr><td>2</td><td>检修管网。&nbsp;</td></tr>
<tr><td rowspan="2">3</td><td>设立热线。</td><td>县住建局</td><td>长期坚持</td></tr>
<tr><td>公布电话。</td><td>县信访局</td><td>2022年10月</td></tr>
</tbody></table></td></tr></table>
<div class="share">分享到：微信 微博</div><div class="footer">版权所有 主办单位：县政府办</div>
</body></html>""", encoding="utf-8")
    assert rows_of(page) == [
        ("1", "一、热源保障", "储备燃煤五万吨。", ["县发改局", "县供热公司"], [], "2022年11月"),
        ("2", "一、热源保障", "检修管网。", ["县发改局", "县供热公司"], [], "2022年11月"),
        ("3", "一、热源保障", "设立热线。", ["县住建局"], [], "长期坚持"),
        ("3", "一、热源保障", "公布电话。", ["县信访局"], [], "2022年10月"),
    ]
    assert extract_tasks(page)[0].title == "冬季供暖保障任务清单"


def test_gbk_page_with_meta_and_labelled_paragraphs(tmp_path):
    page = tmp_path / "gbk.htm"
    html = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
            "</head><body><p>防汛工作重点任务</p><p>1. 清理排洪沟渠。</p><p>牵头单位：县水利局</p>"
            "<p>配合单位：各乡镇人民政府</p><p>完成时限：2022年5月底前</p>"
            "<p>2. 储备防汛物资。</p><p>牵头单位：县应急管理局</p><p>完成时限：2022年5月</p>"
            "</body></html>")
    page.write_bytes(html.encode("gb2312"))
    assert rows_of(page) == [
        ("1", None, "清理排洪沟渠。", ["县水利局"], ["各乡镇人民政府"], "2022年5月底前"),
        ("2", None, "储备防汛物资。", ["县应急管理局"], [], "2022年5月"),
    ]


def test_xls_that_is_really_html(tmp_path):
    fake = tmp_path / "export.xls"
    shutil.copy(SAMPLES / "plan_b/notice.html", fake)
    assert as_rows(extract_tasks(fake)) == expected_rows(SAMPLES / "plan_b/notice.html")


def test_xlsx_title_row_merges_numbers_dates_and_several_sheets(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "说明"
    sheet.append(["填表说明：本表由县政府办汇总。"])
    tasks = book.create_sheet("任务")
    tasks.append(["农村公路建设任务分解表"])
    tasks.merge_cells("A1:E1")
    tasks.append(["序号", "主要任务", "牵头单位", "配合单位", "完成时间"])
    tasks.append([1.0, "新建通村公路20公里。", "县交通运输局", "各乡镇人民政府",
                  dt.datetime(2022, 6, 30)])
    tasks["E3"].number_format = 'yyyy"年"m"月"'
    tasks.append([2, "改造危桥3座。", None, "县财政局", dt.datetime(2022, 12, 31)])
    tasks.merge_cells("C3:C4")
    tasks["E4"].number_format = "yyyy-mm-dd"
    tasks.append(["注：完成时间以验收为准。"])
    more = book.create_sheet("补充任务")
    more.append(["序号", "主要任务", "责任单位", "完成时间"])
    more.append([3, "设置公路安全警示标志。", "县公安局", "2022年"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert rows_of(path) == [
        ("1", None, "新建通村公路20公里。", ["县交通运输局"], ["各乡镇人民政府"], "2022年6月"),
        ("2", None, "改造危桥3座。", ["县交通运输局"], ["县财政局"], "2022-12-31"),
        ("3", None, "设置公路安全警示标志。", ["县公安局"], [], "2022年"),
    ]
    found = extract_tasks(path)
    assert [t.table for t in found] == [1, 1, 2]
    assert found[0].title == "农村公路建设任务分解表"
    assert found[1].deadline_date == "2022-12-31"


def test_legacy_xls(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("任务")
    sheet.write_merge(0, 0, 0, 3, "河道整治任务表")
    for c, text in enumerate(["序号", "工作任务", "牵头单位", "完成时限"]):
        sheet.write(1, c, text)
    sheet.write(2, 0, 1.0)
    sheet.write(2, 1, "清淤疏浚。")
    sheet.write_merge(2, 3, 2, 2, "县水利局")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    sheet.write(2, 3, dt.datetime(2022, 9, 30), date_style)
    sheet.write(3, 0, 2)
    sheet.write(3, 1, "修复堤防。")
    sheet.write(3, 3, "2023年")
    path = tmp_path / "old.xls"
    book.save(str(path))
    assert rows_of(path) == [
        ("1", None, "清淤疏浚。", ["县水利局"], [], "2022-09-30"),
        ("2", None, "修复堤防。", ["县水利局"], [], "2023年"),
    ]


def test_corrupt_workbook_is_one_clear_error(tmp_path):
    data = (SAMPLES / "plan_b/table.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 3])
    with pytest.raises(ExtractError, match="damaged"):
        extract_tasks(cut)


def test_ordered_list_items_get_the_numbers_a_browser_draws(tmp_path):
    page = tmp_path / "ol.html"
    page.write_text("<html><body><p>防汛任务分工</p><ol>"
                    "<li>修订防汛预案。（县应急管理局牵头）</li>"
                    "<li>检修排涝泵站。（县水利局负责）</li></ol></body></html>", encoding="utf-8")
    assert rows_of(page) == [
        ("1", None, "修订防汛预案。", ["县应急管理局"], [], None),
        ("2", None, "检修排涝泵站。", ["县水利局"], [], None),
    ]


SIGNED_OFF = [["序号", "主要任务", "牵头单位", "完成时限"],
              ["1", "开展燃气安全隐患排查。", "县应急管理局", "2025年6月底前"],
              ["2", "改造老旧燃气管网12公里。", "县住建局", "2025年12月底前"],
              ["填表人：王某", "", "审核人：李某", "联系电话：0000-1234567"]]


@pytest.mark.parametrize("suffix", [".html", ".xlsx"])
def test_a_forms_sign_off_row_is_no_part_of_the_last_task(tmp_path, suffix):
    """填表人： | 审核人： | 联系电话： under the last row was read as its continuation: a unit
    审核人：李某 and a deadline ending in the telephone number."""
    path = tmp_path / f"ledger{suffix}"
    if suffix == ".html":
        path.write_text("<html><body><table>" + "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in SIGNED_OFF)
            + "</table></body></html>", encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        for row in SIGNED_OFF:
            book.active.append(row)
        book.save(path)
    assert [(t.seq, t.lead_units, t.deadline, t.warning_codes) for t in extract_tasks(path)] == [
        ("1", ("县应急管理局",), "2025年6月底前", ()),
        ("2", ("县住建局",), "2025年12月底前", ())]
