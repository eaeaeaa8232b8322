"""The web page against other sites and odd clients (issue 18): Host allow-list, cross-site
refusal, the form token, bad download bodies, and one bounded set of workers."""

from __future__ import annotations

import io
import json
import re
import threading
import time

import pytest

from conftest import SAMPLES
from fengong.web import create_app

pytest.importorskip("flask")
TSV = SAMPLES / "plan_b" / "tsv.txt"


@pytest.fixture
def app():
    return create_app(max_upload_mb=1)


def upload(client, url="/api/extract", headers=None, **fields):
    data = {"files": [(io.BytesIO(TSV.read_bytes()), "tsv.txt")], **fields}
    return client.post(url, data=data, content_type="multipart/form-data",
                       headers=headers or {})


@pytest.mark.parametrize("url", ["/api/extract", "/", "/download/csv"])
def test_a_foreign_host_is_refused(app, url):
    response = upload(app.test_client(), url, headers={"Host": "evil.example"},
                      csrf=app.config["CSRF_TOKEN"])
    assert response.status_code == 400
    assert response.json["error"].startswith("unknown Host 'evil.example'")
    assert app.test_client().get("/", headers={"Host": "evil.example:8000"}).status_code == 400
    assert app.test_client().get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"},
                                     {"Sec-Fetch-Site": "cross-site"},
                                     {"Origin": "null"}])
def test_cross_site_posts_are_refused(app, headers):
    response = upload(app.test_client(), headers=headers)
    assert response.status_code == 403 and "cross-site request refused" in response.json["error"]


def test_same_site_posts_and_scripts_are_served(app):
    client = app.test_client()
    assert upload(client, headers={"Origin": "http://localhost",
                                   "Sec-Fetch-Site": "same-origin"}).status_code == 200
    assert upload(client).status_code == 200  # curl sends neither header


def test_form_posts_need_the_pages_token(app):
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    assert upload(client, "/").status_code == 403
    assert upload(client, "/", csrf="guess").status_code == 403
    answer = upload(client, "/", csrf=token)
    assert answer.status_code == 200 and f'value="{token}"' in answer.get_data(as_text=True)
    records = json.dumps([{"task": "x"}])
    assert client.post("/download/json", data={"records": records}).status_code == 403
    assert client.post("/download/json", data={"records": records,
                                               "csrf": token}).status_code == 200


@pytest.mark.parametrize("body", ['{"a": 1}', "[1]", '["x"]', "null", "{}", '"x"',
                                  "[" * 100_000 + "]" * 100_000, "not json"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_a_download_of_something_not_records_is_a_clear_400(app, body, fmt):
    response = app.test_client().post(f"/download/{fmt}", data={
        "records": body, "csrf": app.config["CSRF_TOKEN"]})
    assert response.status_code == 400
    assert response.json["error"] in (
        "records must be a JSON list of objects (the records /api/extract returns)",
        "records are nested too deeply", "records are not JSON")


def test_a_download_with_control_characters_gives_a_workbook(app, tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    records = json.dumps([{"task": "推进\x0b改革\x01", "seq": "=1+1"}])
    response = app.test_client().post("/download/xlsx", data={
        "records": records, "csrf": app.config["CSRF_TOKEN"]})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    row = [c.value for c in sheet[2]]
    assert (row[0], row[2]) == ("=1+1", "推进\n改革")  # 序号 and 任务: typed as text
    assert list(tmp_path.iterdir()) == []  # no openpyxl temp file left


def test_uploads_share_one_bounded_set_of_workers(monkeypatch):
    import fengong.web
    from fengong.batch import FileResult

    running, peak, lock = [0], [0], threading.Lock()

    def counting(paths, work, **options):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.2)
        with lock:
            running[0] -= 1
        return [FileResult(p, []) for p in paths]

    monkeypatch.setattr(fengong.web, "run_batch", counting)
    app = create_app(jobs=2)
    codes: list[int] = []
    threads = [threading.Thread(target=lambda: codes.append(upload(app.test_client())
                                                           .status_code)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [200] * 8 and peak[0] == 2
