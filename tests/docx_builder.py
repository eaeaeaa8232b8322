"""Build small DOCX files the way Word writes them, for the edge cases the samples lack.

Cells are strings (``\\n`` separates paragraphs) or ``Tc`` for merges; ``raw`` puts any
WordprocessingML (tracked changes, content controls, text boxes) in a cell or the body.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="word/document.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""


@dataclass
class Tc:
    text: str = ""
    span: int = 1
    vmerge: str | None = None  # "restart" or "continue"
    raw: str | None = None


def p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def paragraphs(text: str) -> str:
    return "".join(p(line) for line in text.split("\n")) or "<w:p/>"


def cell(value: str | Tc) -> str:
    tc = value if isinstance(value, Tc) else Tc(value)
    props = ""
    if tc.span > 1:
        props += f'<w:gridSpan w:val="{tc.span}"/>'
    if tc.vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif tc.vmerge == "continue":
        props += "<w:vMerge/>"
    body = tc.raw if tc.raw is not None else paragraphs(tc.text)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def table(rows: list[list[str | Tc]], header_rows: int = 0) -> str:
    out = []
    for i, row in enumerate(rows):
        tr_pr = "<w:trPr><w:tblHeader/></w:trPr>" if i < header_rows else ""
        out.append(f"<w:tr>{tr_pr}{''.join(cell(c) for c in row)}</w:tr>")
    return f"<w:tbl><w:tblPr/>{''.join(out)}</w:tbl>"


def numbered(text: str = "", num_id: int = 1, level: int = 0) -> str:
    """A paragraph Word numbers automatically (its number is not in its text)."""
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            f'</w:numPr></w:pPr><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')


def numbering_xml(*levels: tuple[str, str]) -> str:
    """numbering.xml with one list (numId 1) whose levels are (numFmt, lvlText) pairs."""
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>'
            f'<w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def write_docx(path: Path, *blocks: str, numbering: str | None = None,
               styles: str | None = None) -> Path:
    """Write a DOCX whose body is ``blocks`` (from ``p``, ``table`` or raw XML)."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f"<w:document {NS}><w:body>{''.join(blocks)}<w:sectPr/></w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
        if numbering is not None:
            archive.writestr("word/numbering.xml", numbering)
        if styles is not None:
            archive.writestr("word/styles.xml", styles)
    return path


HEADER = ["序号", "主要任务", "牵头单位", "配合单位", "完成时限"]
