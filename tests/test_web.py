"""The web page for clerks: JSON API per format, limits, and a real browser end to end."""

from __future__ import annotations

import io
import shutil
import threading

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
    import json

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


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_browser_upload_check_and_download(server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    notice = _warned_docx(tmp_path / "防汛任务.docx")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(accept_downloads=True)
            page.goto(server)
            page.set_input_files("#files", str(notice))
            page.click("button[type=submit]")
            page.wait_for_selector("table")
            assert page.inner_text("h2") == "防汛任务.docx"
            assert page.inner_text(".count") == "2"
            rows = page.locator("tbody tr")
            assert rows.count() == 2
            assert rows.nth(1).get_attribute("class") == "warn"
            assert "unknown unit: 某某物资站" in page.inner_text("ul.warnings")
            assert page.locator("span.unknown").inner_text() == "某某物资站"
            page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
            with page.expect_download() as info:
                page.click("#download-xlsx")
            saved = tmp_path / info.value.suggested_filename
            info.value.save_as(saved)
        finally:
            browser.close()
    sheet = openpyxl.load_workbook(saved).active
    assert [c.value for c in sheet[2]][0:3] == ["1", None, "清理排洪沟渠。"]
    assert (tmp_path / "page.png").stat().st_size > 10_000


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
def test_browser_compares_two_versions(server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    new = _revised_docx(tmp_path / "正式稿.docx")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(accept_downloads=True)
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
        finally:
            browser.close()
    sheet = openpyxl.load_workbook(saved).active
    assert [row[0].value for row in sheet.iter_rows(min_row=2, max_row=3)] == ["未变", "修改"]
