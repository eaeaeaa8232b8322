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
    from flask import Flask, Response, jsonify, render_template_string, request

    app = Flask(__name__)
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
        return render_template_string(PAGE, files=None, max_mb=max_upload_mb)

    @app.post("/")
    def upload_page():
        files = extract_uploads()
        records = [r for f in files for r in f.get("records", [])]
        return render_template_string(PAGE, files=files, max_mb=max_upload_mb,
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
        return render_template_string(PAGE, files=None, max_mb=max_upload_mb,
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


PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>fengong · 任务分工表提取</title>
<style>
 body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2rem; color: #222; }
 #drop { border: 2px dashed #888; border-radius: 8px; padding: 2rem; text-align: center; }
 #drop.over { background: #eef6ff; border-color: #36c; }
 table { border-collapse: collapse; margin: 1rem 0 2rem; width: 100%; font-size: 14px; }
 th, td { border: 1px solid #bbb; padding: 4px 6px; vertical-align: top; text-align: left; }
 th { background: #f0f0f0; position: sticky; top: 0; }
 tr.warn td { background: #fde8e8; }
 .unknown { color: #b00; text-decoration: underline dotted; }
 .canonical { display: block; color: #777; font-size: 12px; }
 .error { color: #b00; font-weight: bold; }
 ul.warnings { color: #a30; }
 .downloads button { margin-right: .5rem; }
</style></head>
<body>
<h1>任务分工表提取</h1>
<form id="upload" method="post" action="/" enctype="multipart/form-data">
 <div id="drop">把通知文件拖到这里，或 <input id="files" type="file" name="files" multiple>
  <button type="submit">提取</button>
  <div><small>DOCX、DOC、PDF、扫描件、HTML、XLSX、TXT；单次上传不超过 {{ max_mb }} MB</small></div>
 </div>
</form>
{% if page_error %}<p class="error">{{ page_error }}</p>{% endif %}
{% if files %}
 <div class="downloads">
 {% for fmt, label in [("xlsx", "下载 XLSX"), ("csv", "下载 CSV"), ("json", "下载 JSON")] %}
  <form method="post" action="/download/{{ fmt }}" style="display:inline">
   <input type="hidden" name="records" value="{{ records_json }}">
   <button id="download-{{ fmt }}" type="submit">{{ label }}</button>
  </form>
 {% endfor %}
 </div>
 {% for file in files %}
  <section class="file">
  <h2>{{ file.name }}</h2>
  {% if file.error %}
   <p class="error">无法读取：{{ file.error.message }}</p>
  {% else %}
   <p>{{ file.title or "（无标题）" }} — <span class="count">{{ file.records|length }}</span> 行</p>
   {% set warned = file.records | selectattr("warnings") | list %}
   {% if warned %}
    <ul class="warnings">
    {% for r in warned %}{% for w in r.warnings %}<li>序号 {{ r.seq or "—" }}：{{ w }}</li>{% endfor %}{% endfor %}
    </ul>
   {% endif %}
   <table><thead><tr><th>序号</th><th>分组</th><th>任务</th><th>牵头单位</th><th>配合单位</th><th>完成时间</th></tr></thead>
   <tbody>
   {% for r in file.records %}
    <tr class="{{ 'warn' if r.warnings else '' }}" title="{{ r.warnings | join('；') }}">
     <td>{{ r.seq or "" }}</td><td>{{ r.section or "" }}</td><td>{{ r.task }}</td>
     {% for units, canon in [(r.lead_units, r.lead_units_canonical), (r.other_units, r.other_units_canonical)] %}
     <td>{% for u in units %}{% set unknown = ("unknown unit: " ~ u) in r.warnings %}
      <span class="{{ 'unknown' if unknown else 'unit' }}" title="{{ canon[loop.index0] }}">{{ u }}</span>
      {% if canon[loop.index0] != u %}<span class="canonical">{{ canon[loop.index0] }}</span>{% endif %}
     {% endfor %}</td>
     {% endfor %}
     <td>{{ r.deadline or "" }}{% if r.deadline_date %}<span class="canonical">{{ r.deadline_date }}</span>{% endif %}</td>
    </tr>
   {% endfor %}
   </tbody></table>
  {% endif %}
  </section>
 {% endfor %}
{% endif %}
<script>
 const drop = document.getElementById("drop"), input = document.getElementById("files");
 ["dragenter", "dragover"].forEach(e => drop.addEventListener(e, ev => {
   ev.preventDefault(); drop.classList.add("over"); }));
 ["dragleave", "drop"].forEach(e => drop.addEventListener(e, ev => {
   ev.preventDefault(); drop.classList.remove("over"); }));
 drop.addEventListener("drop", ev => {
   input.files = ev.dataTransfer.files;
   document.getElementById("upload").submit();
 });
</script>
</body></html>
"""
