"""Make docs/workbook.png: the first printed page of the clerk's workbook (run by hand).

The workbook of samples/check/problems.txt is printed to PDF by LibreOffice, as a clerk's
printer would lay it out, and the first page rendered to PNG.

Usage: python docs/workbook.py   (needs LibreOffice Calc, `libreoffice-calc-nogui`, a Chinese
font such as `fonts-wqy-microhei`, and the ocr extra's pypdfium2)
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    import pypdfium2

    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "tasks.xlsx"
        subprocess.run(["fengong", "extract", str(ROOT / "samples/check/problems.txt"), "-o",
                        str(book), "-q"], check=True)
        subprocess.run([shutil.which("soffice") or "soffice", "--headless",
                        f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
                        "--outdir", folder, str(book)], check=True, capture_output=True)
        pdf = pypdfium2.PdfDocument(str(book.with_suffix(".pdf")))
        image = pdf[0].render(scale=1.5).to_pil()
        image.save(ROOT / "docs/workbook.png")
        print(f"docs/workbook.png: page 1 of {len(pdf)}, {image.width}×{image.height}")


if __name__ == "__main__":
    main()
