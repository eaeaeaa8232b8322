"""File kinds decided by content, not by extension (a .doc that is really a DOCX still works)."""

from __future__ import annotations

import io
import zipfile

from .decode import utf16_without_bom

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes, name: str = "") -> str:
    """Given a file's bytes and name, return its kind: docx, xlsx, pdf, ole, html, rtf or text."""
    head = data[:2048]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, name)
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    probe = head.lower()
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        probe = probe.removeprefix(bom)
    if b"\0" in probe and not _utf16_text(head):
        return "binary"
    if _utf16_text(head):
        text = head.decode(utf16_without_bom(head) or "utf-16", errors="ignore")
        probe = text.encode("ascii", errors="ignore").lower()
    stripped = probe.lstrip()
    markers = (b"<table", b"<body", b"<meta", b"<div", b"<p>")
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml")) or any(
            m in probe for m in markers):
        return "html"
    return "text"


def _zip_kind(data: bytes, name: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "corrupt-zip"
    except NotImplementedError:  # "zip file version 14.8": a feature zipfile lacks
        return "unsupported-zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names:
        return "odf"
    return "zip"


def _utf16_text(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(head) is not None
