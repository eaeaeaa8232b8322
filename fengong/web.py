"""``fengong serve``: a local page where a clerk drops notices, checks the tables and downloads
them, and the JSON API under it (``POST /api/extract``).

Safe by default: it binds to 127.0.0.1, uploads are size-limited, each upload is written to a
temporary directory under a name of our own (the client's file name is only shown, never used
as a path) and deleted after the response, and extraction runs in a supervised worker process
with the batch mode's per-file timeout.
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path

from fengong.batch import DEFAULT_TIMEOUT, run_batch
from fengong.pipeline import records_of

DEFAULT_MAX_UPLOAD_MB = 50
DOWNLOADS = {"xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      "tasks.xlsx"),
             "csv": ("text/csv; charset=utf-8", "tasks.csv"),
             "json": ("application/json", "tasks.json")}


def create_app(max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB, timeout: float = DEFAULT_TIMEOUT,
               workers: int = 1):
    """The Flask application (a factory, so tests and servers choose their limits)."""
    from flask import Flask, Response, jsonify, render_template, request

    app = Flask(__name__)  # templates/page.html beside this module
    app.json.ensure_ascii = False  # Chinese as Chinese, fields in the record's order
    app.json.sort_keys = False
    app.config["MAX_CONTENT_LENGTH"] = int(max_upload_mb * 1024 * 1024)

    def extract_uploads() -> list[dict]:
        uploads = [f for f in request.files.getlist("files") if f and f.filename]
        if not uploads:
            return []
        with tempfile.TemporaryDirectory(prefix="fengong-upload-") as tmp:
            paths = []
            for number, upload in enumerate(uploads):
                path = Path(tmp) / f"upload-{number}"
                upload.save(path)
                paths.append(str(path))
            work = functools.partial(_records_named, names=dict(zip(
                paths, (u.filename for u in uploads), strict=True)))
            results = list(run_batch(paths, work, workers=workers, timeout=timeout))
        files = []
        for upload, result in zip(uploads, results, strict=True):
            entry: dict = {"name": upload.filename}
            if result.ok:
                entry["records"] = result.records
                entry["title"] = next((r["title"] for r in result.records if r["title"]), None)
            else:
                entry["error"] = {"kind": result.error_kind, "message": result.message}
            files.append(entry)
        return files

    @app.get("/")
    def index():
        return render_template("page.html", files=None, max_mb=max_upload_mb)

    @app.post("/")
    def upload_page():
        files = extract_uploads()
        records = [r for f in files for r in f.get("records", [])]
        return render_template("page.html", files=files, max_mb=max_upload_mb,
                                      records_json=json.dumps(records, ensure_ascii=False))

    @app.post("/api/extract")
    def api_extract():
        files = extract_uploads()
        if not files:
            return jsonify({"error": "no files: send them as multipart field 'files'"}), 400
        return jsonify({"files": files})

    @app.post("/download/<fmt>")
    def download(fmt: str):
        from fengong.output import render

        if fmt not in DOWNLOADS:
            return jsonify({"error": f"unknown format {fmt}"}), 404
        try:
            records = json.loads(request.form.get("records", "[]"))
        except ValueError:
            return jsonify({"error": "records are not JSON"}), 400
        mimetype, name = DOWNLOADS[fmt]
        return Response(render(records, fmt), mimetype=mimetype,
                        headers={"Content-Disposition": f"attachment; filename={name}"})

    @app.errorhandler(413)
    def too_large(_error):
        message = f"the upload is larger than the {max_upload_mb:g} MB limit"
        if request.path.startswith("/api/"):
            return jsonify({"error": message}), 413
        return render_template("page.html", files=None, max_mb=max_upload_mb,
                                      page_error=message), 413

    return app


def _records_named(path: str, names: dict[str, str]) -> list[dict]:
    """Records of one upload, with the client's file name as their source."""
    return records_of(path, source=names.get(path, Path(path).name))


def serve(host: str = "127.0.0.1", port: int = 8000, **options) -> None:
    """Run the page with a production WSGI server if one is installed, else Flask's own."""
    app = create_app(**options)
    try:
        from waitress import serve as waitress_serve
    except ImportError:
        app.run(host=host, port=port, threaded=True)
    else:
        waitress_serve(app, host=host, port=port)
