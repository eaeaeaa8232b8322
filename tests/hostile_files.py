"""Build the bad-input corpus: every kind of broken or hostile file an archive or an upload
brings. Each builder writes one file into a directory and returns its path."""

from __future__ import annotations

import random
import shutil
import zipfile
from pathlib import Path

from conftest import SAMPLES

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
              for i in range(1, 10))
    + "]>"
)
XXE = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY file SYSTEM "file:///etc/passwd">'
       '<!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with(path: Path, document: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document)
    return path


def _cut(source: Path, path: Path, fraction: float) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def build(root: Path) -> dict[str, Path]:
    """Write the corpus under ``root``; return name -> path."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}

    def add(name: str, path: Path) -> None:
        files[name] = path

    for suffix in (".txt", ".docx", ".pdf"):
        (root / f"empty{suffix}").write_bytes(b"")
        add(f"empty{suffix}", root / f"empty{suffix}")
    for sample, suffix in (("word_table.docx", ".docx"), ("ruled.pdf", ".pdf"),
                           ("table.xlsx", ".xlsx"), ("legacy.doc", ".doc")):
        for fraction in (0.1, 0.5, 0.9):
            name = f"cut{int(fraction * 100)}{suffix}"
            add(name, _cut(SAMPLES / "plan_b" / sample, root / name, fraction))
    pdf = (SAMPLES / "plan_b/ruled.pdf").read_bytes()
    broken = pdf.replace(b"startxref", b"startxref\n999999999\n%", 1)
    (root / "broken_xref.pdf").write_bytes(broken)
    add("broken_xref.pdf", root / "broken_xref.pdf")
    add("no_xref.pdf", root / "no_xref.pdf")
    (root / "no_xref.pdf").write_bytes(pdf[: pdf.rfind(b"xref")])

    # a ZIP bomb named .docx: 300 MB of zeros, a few hundred KB packed
    bomb = root / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("word/document.xml", "w", force_zip64=True) as member:
        block = b"\0" * (1 << 20)
        for _ in range(300):
            member.write(block)
    add("bomb.docx", bomb)

    laughs = BILLION_LAUGHS + f"<w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>" \
        "</w:body></w:document>"
    add("laughs.docx", _docx_with(root / "laughs.docx", laughs))
    xxe = XXE + f"<w:document {W}><w:body><w:p><w:r><w:t>&file;&net;</w:t></w:r></w:p>" \
        "</w:body></w:document>"
    add("xxe.docx", _docx_with(root / "xxe.docx", xxe))
    xlsx = root / "laughs.xlsx"
    with zipfile.ZipFile(SAMPLES / "plan_b/table.xlsx") as src, \
            zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = (BILLION_LAUGHS + data.decode("utf-8").split("?>", 1)[-1]).encode()
            dst.writestr(item, data)
    add("laughs.xlsx", xlsx)
    (root / "xxe.html").write_text(
        XXE + "<html><body><table><tr><td>序号</td><td>主要任务</td><td>牵头单位</td></tr>"
        "<tr><td>1</td><td>&file;任务。</td><td>县财政局</td></tr></table></body></html>",
        encoding="utf-8")
    add("xxe.html", root / "xxe.html")

    for sample, suffix in (("word_table.docx", ".docx"), ("table.xlsx", ".xlsx")):
        locked = root / f"locked{suffix}"
        locked.write_bytes(encrypt_ooxml(SAMPLES / "plan_b" / sample))
        add(f"locked{suffix}", locked)
    import pikepdf

    with pikepdf.open(SAMPLES / "plan_b/ruled.pdf") as document:
        document.save(root / "locked.pdf",
                      encryption=pikepdf.Encryption(user="secret", owner="o", R=6))
    add("locked.pdf", root / "locked.pdf")

    rng = random.Random(1234)
    (root / "random.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    add("random.txt", root / "random.txt")
    shutil.copy(SAMPLES / "plan_b/ruled.pdf", root / "pdf_named.xlsx")
    add("pdf_named.xlsx", root / "pdf_named.xlsx")
    shutil.copy(SAMPLES / "plan_b/word_table.docx", root / "docx_named.pdf")
    add("docx_named.pdf", root / "docx_named.pdf")
    letter = ("关于召开全县安全生产工作会议的通知\n各乡镇：\n定于3月5日召开会议，请准时参加。\n"
              "县人民政府办公室\n2023年3月1日\n")
    (root / "no_table.txt").write_text(letter, encoding="utf-8")
    add("no_table.txt", root / "no_table.txt")
    chinese = root / "通知 文件" / "重点 任务 分工.docx"
    chinese.parent.mkdir(exist_ok=True)
    shutil.copy(SAMPLES / "plan_b/word_table.docx", chinese)
    add("chinese path.docx", chinese)
    return files


def encrypt_ooxml(source: Path, password: str = "secret") -> bytes:
    """The file as Office writes it with a password: an OLE container, not a ZIP."""
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with open(source, "rb") as handle:
        OOXMLFile(handle).encrypt(password, out)
    return out.getvalue()


def big_docx(path: Path, rows: int) -> Path:
    """A DOCX whose one table has ``rows`` rows."""
    row = ("<w:tr><w:tc><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>任务。"
           "</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>县财政局</w:t></w:r></w:p></w:tc></w:tr>")
    body = "".join(row.format(n=n) for n in range(1, rows + 1))
    header = ("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{h}</w:t></w:r></w:p></w:tc>"
                                 for h in ("序号", "主要任务", "牵头单位")) + "</w:tr>")
    return _docx_with(path, f"<w:document {W}><w:body><w:tbl>{header}{body}</w:tbl></w:body>"
                            "</w:document>")


def many_pages_pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for number in range(pages):
        pdf.drawString(72, 720, f"page {number + 1}")
        pdf.showPage()
    pdf.save()
    return path


def pdf_with_content(path: Path, content_chunks, *, objects: int = 1) -> Path:
    """A one-page PDF whose content stream is the Flate-packed ``content_chunks`` (packed
    as they come, so a stream that inflates to gigabytes is built in little memory)."""
    import zlib

    packer = zlib.compressobj(9)
    packed = b"".join(packer.compress(c) for c in content_chunks) + packer.flush()
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>",
              b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
              b"/Resources << /Font << /F1 5 0 R >> >> >>",
              b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed
              + b"\nendstream",
              b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def sparse_xlsx(path: Path, far_cell: str = "XFD2000") -> Path:
    """A tiny workbook with a cell at A1 and one at ``far_cell``: a huge extent, two cells."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "序号"
    book.active[far_cell] = "x"
    book.save(path)
    return path
