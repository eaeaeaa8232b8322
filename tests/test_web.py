"""The web page for clerks: JSON API per format, limits, and a real browser end to end."""

from __future__ import annotations

import io
import json
import shutil
import threading
from urllib.parse import quote

import openpyxl
import pytest

from conftest import SAMPLES, as_rows, expected_rows
from docx_builder import HEADER, Tc, p, table, write_docx
from fengong.web import create_app

API_SAMPLES = ["plan_b/word_table.docx", "plan_b/legacy.doc", "plan_b/ruled.pdf",
               "plan_b/notice.html", "plan_b/table.xlsx", "plan_b/tsv.txt", "plan_b/gbk.txt"]


@pytest.fixture
def client():
    return create_app(max_upload_mb=1).test_client()


def post(client, *paths, url="/api/extract"):
    files = [(io.BytesIO(path.read_bytes()), path.name) for path in paths]
    return client.post(url, data={"files": files}, content_type="multipart/form-data")


@pytest.mark.parametrize("name", API_SAMPLES)
def test_api_gives_exact_records_for_each_format(client, name):
    if name.endswith(".doc") and shutil.which("soffice") is None:
        pytest.skip("LibreOffice missing")
    response = post(client, SAMPLES / name)
    assert response.status_code == 200
    (entry,) = response.json["files"]
    assert entry["name"] == (SAMPLES / name).name
    assert as_rows(entry["records"]) == expected_rows(SAMPLES / name)
    assert entry["records"][0]["source"] == (SAMPLES / name).name  # never a server path


def test_api_reports_a_corrupt_file_and_goes_on(client, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes((SAMPLES / "plan_b/word_table.docx").read_bytes()[:2000])
    response = post(client, broken, SAMPLES / "plan_b/tsv.txt")
    first, second = response.json["files"]
    assert first["error"]["kind"] == "corrupt" and "damaged" in first["error"]["message"]
    assert len(second["records"]) == 12


def test_oversized_upload_is_refused(client, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 * 1024 * 1024))
    response = post(client, big)
    assert response.status_code == 413
    assert "1 MB limit" in response.json["error"]
    assert post(client, big, url="/").status_code == 413


def test_no_files_is_a_clear_400(client):
    response = client.post("/api/extract", data={}, content_type="multipart/form-data")
    assert response.status_code == 400 and "multipart field 'files'" in response.json["error"]


def test_download_formats(client):
    records = post(client, SAMPLES / "plan_b/tsv.txt").json["files"][0]["records"]
    token = client.application.config["CSRF_TOKEN"]
    response = client.post("/download/xlsx", data={"records": json.dumps(records),
                                                   "csrf": token})
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert sheet.max_row == 13
    csv = client.post("/download/csv", data={"records": json.dumps(records), "csrf": token})
    assert csv.data.startswith(b"\xef\xbb\xbf")
    assert client.post("/download/pdf", data={"records": "[]", "csrf": token}).status_code \
        == 404


def _warned_docx(path):
    return write_docx(path, p("防汛重点任务分工"), table([
        HEADER,
        ["1", "清理排洪沟渠。", "县水利局", "各乡镇人民政府", "2022年5月底前"],
        ["2", "储备防汛物资。", "某某物资站", "县财政局", "2022年5月"],
        ["3", "检查堤防。", "", "县水利局", "2022年6月"],
    ]))


@pytest.fixture
def server():
    from werkzeug.serving import make_server

    httpd = make_server("127.0.0.1", 0, create_app(), threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser_page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            yield browser.new_page(accept_downloads=True)
        finally:
            browser.close()


def _type_into(page, selector, text):
    """Replace a cell's text as a clerk does: click, select all, type, Enter."""
    page.click(selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def _warning_lines(page):
    return page.locator("ol.warnings li").all_inner_texts()


def _download(page, button, folder):
    with page.expect_download() as info:
        page.click(button)
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_browser_upload_correct_and_download(server, browser_page, tmp_path):
    page = browser_page
    notice = _warned_docx(tmp_path / "防汛任务.docx")
    page.goto(server)
    page.click("#upload button[type=submit]")  # nothing chosen: told so, no reload
    assert page.inner_text("#upload-error") == \
        "请先选择要提取的文件（可以多选，也可以拖到上面的框里）"
    page.set_input_files("#files", str(notice))
    page.evaluate("document.getElementById('upload').addEventListener('submit', "
                  "e => e.preventDefault())")  # hold the upload to see the busy line
    page.click("#upload button[type=submit]")
    assert page.is_visible("#busy") and page.inner_text("#busy-name") == "防汛任务.docx"
    page.evaluate("document.getElementById('upload').submit()")
    page.wait_for_selector("table.tasks tbody tr")
    assert page.inner_text("h2") == "防汛任务.docx"
    assert page.inner_text(".count") == "3"
    rows = page.locator("table.tasks tbody tr")
    assert [rows.nth(i).get_attribute("class") for i in range(3)] == [None, "warn", "warn"]
    lines = _warning_lines(page)
    assert len(lines) == 2 and lines[0].startswith("第 2 行（序号 2）：") \
        and "某某物资站" in lines[0] and lines[1].startswith("第 3 行（序号 3）：")
    assert page.locator("span.unknown").inner_text() == "某某物资站"
    page.click("ol.warnings li >> nth=1")  # a warning takes the clerk to its row
    page.wait_for_selector("#row-0-2.flash")

    _type_into(page, "#row-0-0 [data-field=task]", "清理排洪沟渠和涵洞。")
    page.click("#row-0-1 [data-field=lead_units]")
    page.keyboard.press("Control+A")
    page.keyboard.type("县应急管理局、县卫健局")
    page.keyboard.press("Tab")  # on to the next cell, typing there while the re-check runs
    page.keyboard.type("县")
    page.wait_for_function("!document.querySelector('ol.warnings').innerText"
                           ".includes('某某物资站')")
    page.keyboard.type("级")  # the caret stayed where it was, whenever the rows came back
    assert page.evaluate("document.activeElement.dataset.field") == "other_units"
    assert page.inner_text("#row-0-1 [data-field=other_units]") == "县级县财政局"  # kept
    page.keyboard.press("Escape")  # and undone
    assert page.inner_text("#row-0-1 [data-field=other_units]") == "县财政局"
    assert page.inner_text("#row-0-1 td.lead_units .canonical") == "县应急管理局、县卫生健康委员会"
    _type_into(page, "#row-0-2 [data-field=lead_units]", "县水利局")
    page.wait_for_function("document.querySelectorAll('ol.warnings li').length === 0")
    assert page.locator("tr.warn").count() == 0

    page.click("button.add-row")  # a row added is checked with the others, then deleted
    page.wait_for_function("document.querySelectorAll('ol.warnings li').length > 0")
    assert page.inner_text(".count") == "4" and _warning_lines(page)[0].startswith("第 4 行：")
    page.click("#row-0-3 button.delete")
    page.wait_for_function("document.querySelectorAll('ol.warnings li').length === 0")

    _type_into(page, "#row-0-2 [data-field=deadline]", "2022年7月")  # typed, then straight
    csv_file = _download(page, "#download-csv-0", tmp_path)  # to the download
    xlsx_file = _download(page, "#download-xlsx-0", tmp_path)
    assert (csv_file.name, xlsx_file.name) == ("防汛重点任务分工.csv", "防汛重点任务分工.xlsx")
    import csv

    with csv_file.open(encoding="utf-8-sig", newline="") as handle:
        table_rows = list(csv.DictReader(handle))
    assert [(r["task"], r["lead_units"], r["lead_units_canonical"], r["deadline"])
            for r in table_rows] == [
        ("清理排洪沟渠和涵洞。", "县水利局", "县水利局", "2022年5月底前"),
        ("储备防汛物资。", "县应急管理局\n县卫健局", "县应急管理局\n县卫生健康委员会", "2022年5月"),
        ("检查堤防。", "县水利局", "县水利局", "2022年7月")]
    assert [r["warnings"] for r in table_rows] == ["", "", ""]
    sheet = openpyxl.load_workbook(xlsx_file).active  # the clerk's sheet
    header = [c.value for c in sheet[1]]
    cells = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(
        min_row=2)]
    assert [(c["任务"], c["牵头单位"], c["完成时限"], c["规范名称"], c["提示"])
            for c in cells] == [
        ("清理排洪沟渠和涵洞。", "县水利局", "2022年5月底前", None, None),
        ("储备防汛物资。", "县应急管理局、县卫健局", "2022年5月",
         "牵头：县应急管理局、县卫生健康委员会", None),
        ("检查堤防。", "县水利局", "2022年7月", None, None)]


def _compare(client, old, new, url="/compare"):
    data = {"old": (io.BytesIO(old.read_bytes()), old.name),
            "new": (io.BytesIO(new.read_bytes()), new.name),
            "csrf": client.application.config["CSRF_TOKEN"]}
    return client.post(url, data=data, content_type="multipart/form-data")


def _revised_docx(path):
    """The plan_b table's first two rows, the second with a new deadline."""
    return write_docx(path, p("优化营商环境重点任务分工方案"), table([
        HEADER, [Tc("一、优化政务服务", span=5)],
        ["1", "推行企业开办“一网通办”，将企业开办时间压缩至1个工作日以内。", "县市场监督管理局",
         "县政务服务中心、县公安局、县税务局", "2021年6月底前"],
        ["2", "全面推行工程建设项目审批“多规合一、多图联审、多测合一”。", "县住建局",
         "县自然资源局、县发改局", "2022年6月底前"]]))


def test_compare_two_versions_on_the_page_and_the_api(client, tmp_path):
    new = _revised_docx(tmp_path / "正式稿.docx")
    html = _compare(client, SAMPLES / "plan_b/ruled.pdf", new).get_data(as_text=True)
    assert "ruled.pdf → 正式稿.docx：新增 0 项，删除 10 项，修改 1 项，未变 1 项" in html
    assert html.count('<tr class="removed">') == 10
    assert "<div>完成时间：2021年底前 → 2022年6月底前</div>" in html
    assert 'href="data:application/vnd.openxmlformats' in html
    api = _compare(client, SAMPLES / "plan_b/ruled.pdf", new, url="/api/compare").json
    assert [e["change"] for e in api["entries"][:3]] == ["same", "changed", "removed"]
    assert api["entries"][1]["fields"] == ["deadline"]


def test_compare_says_which_file_is_wrong(client, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes((SAMPLES / "plan_b/word_table.docx").read_bytes()[:2000])
    html = _compare(client, broken, SAMPLES / "plan_b/tsv.txt").get_data(as_text=True)
    assert "broken.docx：无法读取：" in html and "tsv.txt：" not in html
    refused = client.post("/compare", data={"csrf": client.application.config["CSRF_TOKEN"]},
                          content_type="multipart/form-data")
    assert "请选择旧版和新版两个文件" in refused.get_data(as_text=True)
    api = _compare(client, broken, SAMPLES / "plan_b/tsv.txt", url="/api/compare")
    assert api.status_code == 400 and "broken.docx" in api.json["error"]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_browser_compares_two_versions(server, browser_page, tmp_path):
    page = browser_page
    new = _revised_docx(tmp_path / "正式稿.docx")
    page.goto(server)
    page.click("#compare-mode summary")
    page.set_input_files("#old", str(SAMPLES / "plan_b/ruled.pdf"))
    page.set_input_files("#new", str(new))
    page.click("#compare-submit")
    page.wait_for_selector("table.changes")
    classes = [row.get_attribute("class")
               for row in page.locator("table.changes tbody tr").all()]
    assert classes == ["same", "changed", *["removed"] * 10]
    assert "2022年6月底前" in page.inner_text("tr.changed")
    with page.expect_download() as info:
        page.click("#compare-xlsx")
    saved = tmp_path / "changes.xlsx"
    info.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    assert [row[0].value for row in sheet.iter_rows(min_row=2, max_row=3)] == ["未变", "修改"]


def _recheck(client, body, headers=None):
    return client.post("/api/recheck", data=json.dumps(body, ensure_ascii=False),
                       content_type="application/json", headers=headers or {})


def test_recheck_endpoint_gives_the_corrected_records(client):
    records = post(client, SAMPLES / "plan_b/tsv.txt").json["files"][0]["records"]
    assert _recheck(client, {"records": records}).json == {"records": records}
    records[0]["lead_units"] = "县市场监管局、某某中心"
    records[1]["seq"] = "3"
    del records[2]
    answer = _recheck(client, {"records": records}).json["records"]
    first = answer[0]
    assert (first["lead_units"], first["lead_units_canonical"], first["unknown_units"],
            first["warnings"]) == (
        ["县市场监管局", "某某中心"], ["县市场监督管理局", "某某中心"], ["某某中心"],
        ["unknown unit: 某某中心"])
    assert [(r["seq"], r["warnings"]) for r in answer[1:3]] == [
        ("3", ["序号 gap: 2 missing before 3"]), ("4", [])]
    assert len(answer) == 11


@pytest.mark.parametrize("body", [None, [], {"records": {}}, {"records": [1]}])
def test_recheck_endpoint_refuses_what_is_not_records(client, body):
    response = _recheck(client, body)
    assert response.status_code == 400 and response.json["error"] == (
        "records must be a JSON list of objects (the records /api/extract returns), "
        'sent as JSON {"records": [...]}')
    bad_units = _recheck(client, {"records": [{"task": "x", "lead_units": 5}]})
    assert bad_units.status_code == 400
    assert bad_units.json["error"].startswith("records cannot be checked: ")


def test_recheck_endpoint_needs_no_form_token_but_refuses_other_sites(client):
    body = {"records": [{"source": "a.txt", "seq": "1", "task": "修路。",
                         "lead_units": "县交通运输局"}]}
    assert _recheck(client, body).status_code == 200
    refused = _recheck(client, body, headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403 and "cross-site" in refused.json["error"]
    assert _recheck(client, body, headers={"Host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(("records", "name"), [
    ([{"title": "优化营商环境重点任务分工方案", "source": "a.docx"}],
     "优化营商环境重点任务分工方案"),
    ([{"title": None, "source": "C:\\公文\\防汛：任务.docx"}], "防汛：任务"),
    ([{"title": 'a<b>:"c"?*', "source": "x"}], "a b c"),
    ([{"title": "甲方案", "source": "a"}, {"title": "乙方案", "source": "b"}], "tasks"),
    ([{"title": "../../etc/passwd", "source": "x"}], "etc passwd"),
    ([], "tasks"),
])
def test_downloads_are_named_after_the_notice(client, records, name):
    token = client.application.config["CSRF_TOKEN"]
    response = client.post("/download/csv", data={"records": json.dumps(records), "csrf": token})
    disposition = response.headers["Content-Disposition"]
    ascii_name = name if name.isascii() else "tasks"
    assert disposition == (f'attachment; filename="{ascii_name}.csv"; '
                           f"filename*=UTF-8''{quote(name + '.csv')}")


def test_an_empty_upload_says_so(client):
    token = client.application.config["CSRF_TOKEN"]
    response = client.post("/", data={"csrf": token}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "请先选择要提取的文件（没有收到文件）" in response.get_data(as_text=True)
