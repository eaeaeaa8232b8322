"""Memory and time bombs, odd inputs and the messages of missing pieces (issue 18): each ends
in one clear line, quickly, in bounded memory. Every hostile file is built here."""

from __future__ import annotations

import io
import json
import os
import socket
import sys
import time
import zipfile

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from fengong.cli import main
from hostile_files import pdf_with_content, sparse_xlsx

TSV = SAMPLES / "plan_b" / "tsv.txt"


def run(*args, input=None):
    start = time.monotonic()
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    return result, time.monotonic() - start


# -- F3: devices, FIFOs, stdin -------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_or_fifo_in_a_batch_is_refused_at_once(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(root / "fifo.txt")
    (root / "ok.txt").write_bytes(TSV.read_bytes())
    result, seconds = run("extract", root, "-o", tmp_path / "o.jsonl", "--timeout", "20")
    assert result.exit_code == 1 and seconds < 15
    lines = result.stderr.splitlines()
    for name in ("fifo.txt", "zero.txt"):
        assert f"fengong: {root / name}: is not a regular file (a device, FIFO or socket) " \
            "(give a saved document)" in lines
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 12


class Endless(io.RawIOBase):
    """stdin that never ends (``yes |``); reading it whole would never return."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"y\n" * (len(buffer) // 2) + b"y" * (len(buffer) % 2)
        return len(buffer)

    def readall(self) -> bytes:
        raise AssertionError("stdin read without a bound")


def test_stdin_is_read_only_up_to_the_size_limit():
    result, seconds = run("extract", "-", "--max-file-mb", "1",
                          input=io.BufferedReader(Endless()))
    assert result.exit_code == 1 and seconds < 10
    assert result.stderr == ("fengong: -: the file goes on past the 1 MB limit "
                             "(raise it with --max-file-mb)\n")


def test_a_proc_file_is_bounded_too():
    from fengong.extract import Limits
    from fengong.extract.errors import TooLarge
    from fengong.extract.limits import read_regular_file

    with pytest.raises(TooLarge):
        read_regular_file("/proc/self/maps", Limits(max_file_mb=1e-4))  # claims size 0


# -- F4 / F12: PDF stream bombs and damage -------------------------------------------------

def test_a_pdf_stream_bomb_is_refused_quickly(tmp_path):
    bomb = pdf_with_content(tmp_path / "bomb.pdf", (b" " * (1 << 20) for _ in range(40)))
    assert bomb.stat().st_size < 100_000
    result, seconds = run("extract", bomb, "-o", tmp_path / "o.json", "--max-unpacked-mb", "16")
    assert result.exit_code == 1 and seconds < 20
    assert result.stderr == (f"fengong: {bomb}: the PDF's streams unpack to over 16 MB: a "
                             "decompression bomb or not a notice (raise it with "
                             "--max-unpacked-mb)\n")


def test_a_bomb_in_a_worker_meets_its_memory_limit():
    from fengong.batch import run_batch

    (result,) = run_batch(["x"], _allocate, workers=1, timeout=30, memory_mb=512)
    assert result.error_kind == "too-large" and "ran out of memory" in result.message


def _allocate(_path: str) -> list[dict]:
    return [{"big": len(bytearray(2 * 2**30))}]


def _damaged_pdf(path):
    import pikepdf

    with pikepdf.open(SAMPLES / "plan_b/ruled.pdf") as pdf:
        for page in pdf.pages:
            contents = page.obj.Contents
            for stream in [contents] if isinstance(contents, pikepdf.Stream) else contents:
                raw = stream.read_raw_bytes()
                stream.write(raw[:-4] + b"\0\0\0\0", filter=pikepdf.Name.FlateDecode)
        pdf.save(path, recompress_flate=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


def test_a_damaged_pdf_is_named_and_its_records_warned(tmp_path):
    damaged = _damaged_pdf(tmp_path / "damaged.pdf")
    out = tmp_path / "o.json"
    for args in ([damaged], [damaged, TSV]):
        result, _ = run("extract", *args, "-o", out, "-q" if len(args) > 1 else "-w1")
        assert result.exit_code == 0
    result, _ = run("extract", damaged, "-o", out)
    assert result.stderr.splitlines() == [
        f"fengong: {damaged}: warning: the PDF is damaged (pdfminer: Data-loss while "
        "decompressing corrupted data, and 1 more); some rows may be missing, ask for a fresh "
        "copy"]
    records = json.loads(out.read_text())
    assert records and all(any(w.startswith("file: the PDF is damaged") for w in r["warnings"])
                           for r in records)


# -- F5: sparse XLSX ----------------------------------------------------------------------

def test_a_sparse_xlsx_is_read_sparsely(tmp_path):
    sheet = sparse_xlsx(tmp_path / "sparse.xlsx", "XFD2000")
    result, seconds = run("extract", sheet, "-o", tmp_path / "o.json", "--max-memory-mb", "1024")
    assert result.exit_code == 0 and seconds < 15
    assert result.stderr.endswith("no task table found\n")


def test_a_sheet_spanning_too_many_cells_is_refused_before_allocating(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    for row in range(1, 200):
        book.active.cell(row, 16384, "x")  # 199 rows 16384 wide: 3.3 million cells
    book.save(tmp_path / "wide.xlsx")
    result, seconds = run("extract", tmp_path / "wide.xlsx", "-o", tmp_path / "o.json",
                          "--max-memory-mb", "1024")
    assert result.exit_code == 1 and seconds < 20
    assert "sheet 1 spans over 2000000 cells; not a task table" in result.stderr


# -- F10: DOCX memory ---------------------------------------------------------------------

def test_a_docx_with_too_many_xml_elements_is_refused_before_parsing(tmp_path):
    from hostile_files import W

    docx = tmp_path / "paras.docx"
    para = "<w:p><w:r><w:t>第{n}条。</w:t></w:r></w:p>"
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("word/document.xml", "w") as member:
        member.write(f"<w:document {W}><w:body>".encode())
        for start in range(0, 800_000, 20_000):
            member.write("".join(para.format(n=n) for n in range(start, start + 20_000))
                         .encode())
        member.write(b"</w:body></w:document>")
    result, seconds = run("extract", docx, "-o", tmp_path / "o.json")
    assert result.exit_code == 1 and seconds < 15
    assert result.stderr == (f"fengong: {docx}: word/document.xml has over 2000000 XML "
                             "elements; not a notice (raise it with --max-xml-elements)\n")


# -- F13 / F14: odd ZIPs and UTF-16 -------------------------------------------------------

def test_a_zip_of_an_unsupported_version_gets_its_own_line(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    data = bytearray(buffer.getvalue())
    central = data.find(b"PK\x01\x02")
    data[central + 6:central + 8] = (148).to_bytes(2, "little")  # "version 14.8"
    path = tmp_path / "v148.docx"
    path.write_bytes(bytes(data))
    result, _ = run("extract", path, "-o", tmp_path / "o.json")
    assert result.exit_code == 1
    assert result.stderr == (f"fengong: {path}: the ZIP container uses a format feature "
                             "fengong cannot read (open it in Word, Excel or WPS and save it "
                             "again)\n")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_holding_u_xx00_characters_is_read(tmp_path, encoding):
    text = TSV.read_text(encoding="utf-8")
    assert "一" in text or "丁" in text or any(ord(c) & 0xFF == 0 for c in text)
    path = tmp_path / "utf16.txt"
    path.write_bytes(text.encode(encoding))
    result, _ = run("extract", path, "-o", tmp_path / "o.json")
    assert result.exit_code == 0
    assert len(json.loads((tmp_path / "o.json").read_text())) == 12


def test_binary_with_nuls_is_still_binary():
    from fengong.extract.decode import utf16_without_bom

    assert utf16_without_bom(bytes(range(256)) * 20) is None
    assert utf16_without_bom(b"\x01\x00\x02\x00" * 500) is None  # controls, not text


# -- F16: what is missing, said in one line -----------------------------------------------

def test_serve_without_flask_says_what_to_install(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "flask" else real(name, *a))
    result, _ = run("serve")
    assert result.exit_code == 1
    assert result.stderr == "fengong: the web page needs Flask: pip install 'fengong[web]'\n"


def test_serve_on_a_busy_port_says_so():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result, _ = run("serve", "--port", port)
    assert result.exit_code == 1
    assert result.stderr == (f"fengong: port {port} on 127.0.0.1 is in use (Address already in "
                             "use); stop the other server or choose another port with --port\n")


def test_parquet_without_pyarrow_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    out = tmp_path / "x.parquet"
    result, _ = run("extract", TSV, "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (f"fengong: {out}: Parquet output needs pyarrow: pip install "
                             "'fengong[parquet]' (or choose -o tasks.jsonl / .csv / .xlsx)\n")
    assert list(tmp_path.iterdir()) == []


def test_an_unreachable_scheduler_says_what_to_do(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    import fengong.dask

    monkeypatch.setattr(fengong.dask, "CONNECT_TIMEOUT", 1.0)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result, seconds = run("extract", TSV, "-o", tmp_path / "o.jsonl", "--scheduler",
                          f"tcp://127.0.0.1:{port}")
    assert result.exit_code == 1 and seconds < 20
    assert result.stderr.splitlines() == [
        f"fengong: cannot reach the Dask scheduler at tcp://127.0.0.1:{port} within 1 s "
        "(OSError); start it (dask scheduler), check the address, or run without --scheduler"]
