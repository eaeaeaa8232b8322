"""``fengong serve``: a local page where a clerk drops notices, checks the tables and downloads
them, and the JSON API under it (``POST /api/extract``).

Safe by default: it binds to 127.0.0.1, uploads are size-limited, each upload is written to a
temporary directory under a name of our own (the client's file name is only shown, never used
as a path) and deleted after the response, and extraction runs in a supervised worker process
with the batch mode's per-file timeout and memory limit, at most ``jobs`` at a time whatever
the WSGI server's threads. Other web sites the clerk opens cannot use it: requests must name
this server as their Host (no DNS rebinding), cross-site requests (``Origin``,
``Sec-Fetch-Site``) are refused, and the page's forms carry a token only the page knows.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
import json
import os
import re
import secrets
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path, PureWindowsPath
from urllib.parse import quote, urlsplit

from fengong.batch import DEFAULT_TIMEOUT, run_batch
from fengong.pipeline import records_of

DEFAULT_MAX_UPLOAD_MB = 50
DOWNLOADS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "csv": "text/csv; charset=utf-8",
             "json": "application/json"}
DEFAULT_NAME = "tasks"  # a download's name when its records name no one notice
NO_FILES = "请先选择要提取的文件（没有收到文件）"


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def create_app(max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB, timeout: float = DEFAULT_TIMEOUT,
               workers: int = 1, jobs: int = 0, hosts: Iterable[str] = LOCAL_HOSTS):
    """The Flask application (a factory, so tests and servers choose their limits).

    ``jobs``: uploads read at the same time (default: the machine's cores), each in
    ``workers`` processes; ``hosts``: the names this server answers to (``*`` for any IP
    address, when it listens on all of them).
    """
    from flask import Flask, Response, abort, jsonify, render_template, request

    app = Flask(__name__)  # templates/page.html beside this module
    app.json.ensure_ascii = False  # Chinese as Chinese, fields in the record's order
    app.json.sort_keys = False
    app.config["MAX_CONTENT_LENGTH"] = int(max_upload_mb * 1024 * 1024)
    # a download posts the table's records as one form field: Werkzeug's 500 KB default for
    # form fields would refuse a large notice's table (and varies between versions)
    app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]
    app.config["CSRF_TOKEN"] = token = secrets.token_urlsafe(32)
    allowed = {h.lower() for h in hosts}
    pool = threading.BoundedSemaphore(jobs or os.cpu_count() or 1)

    def page(**context):
        return render_template("page.html", max_mb=max_upload_mb, csrf=token, **context)

    @app.before_request
    def same_site_only():
        """Refuse a foreign Host (DNS rebinding) and cross-site posts (CSRF)."""
        if not host_allowed(request.host, allowed):
            abort(400, description=f"unknown Host {request.host!r}: open the page at the "
                                   "address fengong serve printed")
        if request.method == "POST":
            why = cross_site(request.headers, request.host_url)
            if why:
                abort(403, description=f"cross-site request refused ({why})")
            if not request.path.startswith("/api/") and not hmac.compare_digest(
                    request.form.get("csrf", ""), token):
                abort(403, description="the form's token is missing or stale: reload the page")

    def extract_uploads(uploads: list | None = None) -> list[dict]:
        if uploads is None:
            uploads = request.files.getlist("files")
        uploads = [f for f in uploads if f and f.filename]
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
            with pool:  # one bounded set of worker processes for the whole server
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
        return page(files=None)

    @app.post("/")
    def upload_page():
        files = extract_uploads()
        if not files:
            return page(files=None, page_error=NO_FILES), 400
        return page(files=files)

    @app.post("/api/extract")
    def api_extract():
        files = extract_uploads()
        if not files:
            return jsonify({"error": "no files: send them as multipart field 'files'"}), 400
        return jsonify({"files": files})

    def compare_uploads() -> dict:
        """Both versions read, then compared; or what is wrong with either."""
        old, new = request.files.get("old"), request.files.get("new")
        if not (old and old.filename and new and new.filename):
            return {"errors": ["请选择旧版和新版两个文件"]}
        files = extract_uploads([old, new])
        errors = [f"{f['name']}：无法读取：{f['error']['message']}" if "error" in f
                  else f"{f['name']}：没有找到任务表" for f in files if not f.get("records")]
        if errors:
            return {"errors": errors}
        return comparison_of(*files)

    @app.post("/compare")
    def compare_page():
        return page(files=None, comparison=compare_uploads())

    @app.post("/api/compare")
    def api_compare():
        found = compare_uploads()
        if found.get("errors"):
            return jsonify({"error": "; ".join(found["errors"])}), 400
        return jsonify({"old": found["old"], "new": found["new"], "entries": found["entries"]})

    @app.post("/api/recheck")
    def api_recheck():
        """The table as the clerk corrected it, normalised and checked again."""
        from fengong.normalize.recheck import recheck

        records, problem = records_from(request.get_data(as_text=True), key="records")
        if problem:
            return jsonify({"error": problem + ', sent as JSON {"records": [...]}'}), 400
        try:
            tasks = recheck(records)
        except (TypeError, ValueError, AttributeError) as error:
            return jsonify({"error": f"records cannot be checked: {error}"}), 400
        return jsonify({"records": [t.to_dict() for t in tasks]})

    @app.post("/download/<fmt>")
    def download(fmt: str):
        from fengong.output import render

        if fmt not in DOWNLOADS:
            return jsonify({"error": f"unknown format {fmt}"}), 404
        records, problem = records_from(request.form.get("records", "[]"))
        if problem:
            return jsonify({"error": problem}), 400
        disposition = attachment(f"{download_name(records)}.{fmt}", f"{DEFAULT_NAME}.{fmt}")
        return Response(render(records, fmt), mimetype=DOWNLOADS[fmt],
                        headers={"Content-Disposition": disposition})

    @app.errorhandler(413)
    def too_large(_error):
        message = f"the upload is larger than the {max_upload_mb:g} MB limit"
        if request.path.startswith("/api/"):
            return jsonify({"error": message}), 413
        return page(files=None, page_error=message), 413

    @app.errorhandler(400)
    @app.errorhandler(403)
    def refused(error):
        return jsonify({"error": error.description}), error.code

    return app


def host_allowed(host: str, allowed: set[str]) -> bool:
    """True when the Host header names this server (a port is ignored): one of ``allowed``,
    or any IP address when ``*`` is allowed. A DNS name pointing a foreign site at us is not."""
    name = urlsplit(f"//{host}").hostname or ""
    if name in allowed:
        return True
    if "*" not in allowed:
        return False
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def cross_site(headers, host_url: str) -> str | None:
    """Why a request comes from another site, or None. Browsers send ``Sec-Fetch-Site``
    and ``Origin`` with every cross-site post (a form needs no preflight); scripts (curl)
    send neither, and are local anyway."""
    fetch_site = headers.get("Sec-Fetch-Site")
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return f"Sec-Fetch-Site: {fetch_site}"
    origin = headers.get("Origin")
    if origin and origin.rstrip("/") != host_url.rstrip("/"):
        return f"Origin: {origin}"
    return None


def records_from(text: str, key: str | None = None) -> tuple[list[dict], str | None]:
    """The records a download form posts back (or a JSON body holds under ``key``), or an
    error saying what is wrong with them."""
    try:
        records = json.loads(text)
    except RecursionError:
        return [], "records are nested too deeply"
    except ValueError:
        return [], "records are not JSON"
    if key is not None:
        records = records.get(key) if isinstance(records, dict) else None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        return [], "records must be a JSON list of objects (the records /api/extract returns)"
    return records, None


_UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def download_name(records: list[dict]) -> str:
    """A download's file name (no extension): the notice's title when the records are one
    notice's, else the file they came from, else ``tasks``; made safe for every system."""
    for field in ("title", "source"):
        values = {str(r.get(field) or "") for r in records}
        if len(values) == 1 and (value := values.pop()):
            if field == "source":
                value = PureWindowsPath(value).stem  # a path either system wrote
            name = _UNSAFE_IN_NAMES.sub(" ", value).strip(" .")[:80].strip(" .")
            if name:
                return name
    return DEFAULT_NAME


def attachment(name: str, ascii_name: str) -> str:
    """A Content-Disposition naming ``name`` (RFC 5987 ``filename*``, UTF-8), with an
    ASCII ``filename`` for clients that know no other."""
    plain = name if name.isascii() else ascii_name
    plain = plain.replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def comparison_of(old: dict, new: dict) -> dict:
    """Two uploads' records compared (``fengong.diff``), with what the page shows: each
    entry's lines of change, the summary and the coloured XLSX as a link of its own."""
    import base64

    from fengong.diff import diff_tasks
    from fengong.model import Task
    from fengong.output.diff import CHANGE_LABELS, describe, render_diff, summary_line

    entries = [c.to_dict() for c in diff_tasks([Task.from_dict(r) for r in old["records"]],
                                               [Task.from_dict(r) for r in new["records"]])]
    xlsx = base64.b64encode(render_diff(entries, "xlsx")).decode("ascii")
    return {"old": old["name"], "new": new["name"], "entries": entries,
            "lines": [describe(e) if e["change"] == "changed" else [] for e in entries],
            "labels": CHANGE_LABELS, "summary": summary_line(entries),
            "xlsx": f"data:{DOWNLOADS['xlsx']};base64,{xlsx}"}


def _records_named(path: str, names: dict[str, str]) -> list[dict]:
    """Records of one upload, with the client's file name as their source."""
    return records_of(path, source=names.get(path, Path(path).name))


def serve(host: str = "127.0.0.1", port: int = 8000, **options) -> None:
    """Run the page with a production WSGI server if one is installed, else Flask's own."""
    listening_everywhere = host in ("0.0.0.0", "::", "")
    names = {*LOCAL_HOSTS, host} | ({"*", _hostname()} if listening_everywhere else set())
    app = create_app(hosts=names, **options)
    try:
        from waitress import serve as waitress_serve
    except ImportError:
        app.run(host=host, port=port, threaded=True)
    else:
        waitress_serve(app, host=host, port=port)


def _hostname() -> str:
    import socket

    return socket.gethostname().lower()
