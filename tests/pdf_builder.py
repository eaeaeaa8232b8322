"""Build small PDF notices for the cases the rendered samples lack (reportlab, CID fonts).

A page is a list of rows; a row is a list of cells; a cell is a list of text lines, or None
for a position covered by the merged cell above it (no rule is drawn between them).
"""

from __future__ import annotations

from pathlib import Path

COLUMNS = (60, 100, 300, 420, 520)  # x of each column's left edge, then the right edge
LEADING = 14
SIZE = 10.5


def _canvas(path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(str(path), pagesize=A4), A4[1]


def write_pdf(path: Path, pages: list[list[list[list[str] | None]]], *, title: str = "",
              ruled: bool = True, footer: bool = True, bold_twice: bool = False,
              prose: list[str] = (), after: list[str] = ()) -> Path:
    """``after``: lines printed well below the table on its last page (a signature)."""
    pdf, height = _canvas(path)
    number = 0
    for lines in ([prose] if prose else []):
        number += 1
        pdf.setFont("STSong-Light", SIZE)
        for i, line in enumerate(lines):
            pdf.drawString(60, height - 80 - i * LEADING, line)
        _footer(pdf, number, footer)
        pdf.showPage()
    for index, rows in enumerate(pages):
        number += 1
        pdf.setFont("STSong-Light", SIZE)
        y = height - 70
        if title and index == 0:
            pdf.drawString(200, y, title)
            y -= 30
        for row in rows:
            tall = max(len(c) for c in row if c is not None) * LEADING + 8
            for j, cell in enumerate(row):
                x0, x1 = COLUMNS[j], COLUMNS[j + 1]
                if ruled:
                    if cell is not None:
                        pdf.line(x0, y, x1, y)
                    pdf.line(x0, y, x0, y - tall)
                    pdf.line(x1, y, x1, y - tall)
                for k, text in enumerate(cell or []):
                    pdf.drawString(x0 + 4, y - 4 - SIZE - k * LEADING, text)
                    if bold_twice:
                        pdf.drawString(x0 + 4, y - 4 - SIZE - k * LEADING, text)
            y -= tall
        if ruled:
            pdf.line(COLUMNS[0], y, COLUMNS[len(rows[0])], y)
        if index == len(pages) - 1:
            for k, line in enumerate(after):
                pdf.drawString(380, y - 80 - k * LEADING * 1.5, line)
        _footer(pdf, number, footer)
        pdf.showPage()
    pdf.save()
    return path


def _footer(pdf, number: int, footer: bool) -> None:
    if footer:
        pdf.drawString(280, 40, f"— {number} —")


HEADER = [["序号"], ["主要任务"], ["牵头单位"], ["完成时限"]]


def cid_only_pdf(path: Path) -> Path:
    """A PDF whose font has no ToUnicode map: its text extracts as (cid:…) codes."""
    content = b"BT /F1 12 Tf 72 700 Td <0001000200030004000500060007000800090010> Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Custom /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Custom "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /Custom /Flags 4 /FontBBox [0 0 1000 1000] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
