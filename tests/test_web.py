"""The web page for clerks: JSON API per format, limits, and a real browser end to end."""

from __future__ import annotations

import io
import shutil
import threading

import openpyxl
import pytest

from conftest import SAMPLES, as_rows, expected_rows
from docx_builder import HEADER, p, table, write_docx
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
    assert [c.value for c in sheet[2]][2:5] == ["1", None, "清理排洪沟渠。"]
    assert (tmp_path / "page.png").stat().st_size > 10_000
