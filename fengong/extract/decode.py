"""Bytes -> text with the encoding detected, never assumed (UTF-8, BOMs, GBK/GB18030, UTF-16)."""

from __future__ import annotations

import codecs

from .errors import CorruptFile

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Given raw bytes (and an encoding a file declared), return (text, encoding used)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    candidates = [declared] if declared else []
    utf16 = utf16_without_bom(data)
    if utf16:
        candidates.append(utf16)
    candidates.append("utf-8")
    for name in candidates:
        try:
            return data.decode(_canonical(name)), _canonical(name)
        except (UnicodeDecodeError, LookupError):
            continue
    gb = _try_decode(data, "gb18030")
    if gb is not None and _mostly_gb2312(gb):
        # Mainland notices: nearly every character of a real GBK text lies in GB2312, while
        # Big5 or Latin bytes read as GBK land in its rarely used extension areas.
        return gb, "gb18030"
    import charset_normalizer  # imported lazily: only files in other encodings pay for it

    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), _canonical(best.encoding)
    if gb is not None:
        return gb, "gb18030"
    raise CorruptFile("the text's encoding could not be detected", "save it as UTF-8 and retry")


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _canonical(name: str) -> str:
    name = name.lower().replace("_", "-")
    return {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030"}.get(name, name)


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NUL bytes sit mostly on one side of each pair and the
    text decodes cleanly, else None.

    ASCII in UTF-16 (tabs, digits, line ends, which every table has) leaves a NUL in every
    other byte; no 8-bit text encoding does that. Chinese characters of the form U+XX00
    (一 is U+4E00) put a few NULs on the other side, so one side need only hold most of
    them, and a strict decode without control characters confirms it is text.
    """
    sample = data[:8000]
    sample = sample[:len(sample) // 2 * 2]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if len(sample) < 4 or even + odd < max(2, len(sample) // 100):
        return None
    if odd >= 4 * even:
        return "utf-16-le" if _utf16_text(sample, "utf-16-le") else None
    if even >= 4 * odd:
        return "utf-16-be" if _utf16_text(sample, "utf-16-be") else None
    return None


def _utf16_text(sample: bytes, encoding: str) -> bool:
    """True when the sample decodes as ``encoding`` into text (no NUL or other controls;
    a sample cut inside a surrogate pair loses only that pair)."""
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:
            return False
        text = sample[:exc.start].decode(encoding)
    return not any(ch < " " and ch not in "\t\n\r" for ch in text)


def _mostly_gb2312(text: str) -> bool:
    sample = [ch for ch in text[:4000] if not ch.isascii() and not ch.isspace()]
    if not sample:
        return False
    common = 0
    for ch in sample:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common * 20 >= len(sample) * 19
