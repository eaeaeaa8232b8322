"""Row numbers (序号) and section headings: 12, １２, (12), （十二）, 一、…, （一）…"""

from __future__ import annotations

import re
from functools import lru_cache

from .hanzi import without_glosses

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# ①..⑳ and ⑴..⒇ are written (1)..(20); ⒈..⒛ are 1...20.
_NUMBER_FORMS = {chr(0x2460 + i): f"({i + 1})" for i in range(20)} | {
    chr(0x2474 + i): f"({i + 1})" for i in range(20)} | {
    chr(0x2488 + i): f"{i + 1}." for i in range(20)}
_NUMBER_FORMS_TABLE = str.maketrans(_NUMBER_FORMS)


@lru_cache(maxsize=65536)
def plain_numbers(text: str) -> str:
    """Circled and parenthesised number characters (① ⑴ ⒈) as digits and brackets."""
    return text.translate(_NUMBER_FORMS_TABLE)
_HAN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
HAN_NUMERALS = "〇零一二三四五六七八九十百两"

_SEQ = re.compile(
    rf"^[(（]?\s*(?P<num>[0-9]{{1,4}}|[{HAN_NUMERALS}]{{1,6}})\s*[)）]?\s*[.．、,，]?$"
)
_ITEM = re.compile(
    r"^\s*(?:(?P<arabic>[0-9０-９]{1,3})\s*[.．、](?![0-9０-９])"
    r"|[(（]\s*(?P<paren>[0-9０-９]{1,3})\s*[)）])\s*(?P<rest>\S.*)$",
    re.S,
)
_HEADING = re.compile(
    rf"^\s*(?:[{HAN_NUMERALS}]{{1,4}}\s*[、.．]|[(（]\s*[{HAN_NUMERALS}]{{1,4}}\s*[)）]|第[{HAN_NUMERALS}0-9]{{1,4}}(?:部分|章|节|项|条))\s*\S"
)


def han_to_int(text: str) -> int | None:
    """Given a Chinese numeral (十二, 二十三, 一〇五, 一百零五), return its value."""
    if not text or any(ch not in HAN_NUMERALS for ch in text):
        return None
    if "十" not in text and "百" not in text:
        value = 0
        for ch in text:
            value = value * 10 + _HAN_DIGITS[ch]
        return value
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _HAN_DIGITS[ch]
    return total + current


@lru_cache(maxsize=65536)
def parse_seq(text: str) -> str | None:
    """Given a 序号 cell, return the number in ASCII digits, or None if it holds no number."""
    cleaned = re.sub(r"[\s\u3000]+", "", plain_numbers(text).translate(_FULLWIDTH_DIGITS))
    if cleaned.endswith("是") and len(cleaned) <= 5:
        cleaned = cleaned[:-1]  # 一是、二是: prose numbering
    if cleaned.startswith("第") and cleaned.endswith(("条", "项")) and len(cleaned) <= 7:
        cleaned = cleaned[1:-1]  # 第二条: an article of a regulation
    match = _SEQ.match(cleaned)
    if not match:
        return None
    num = match.group("num")
    if num.isdigit():
        return str(int(num))
    value = han_to_int(num)
    return None if value is None else str(value)


def is_han_numbered(text: str) -> bool:
    """True for a 序号 written in Chinese numerals (一、 or （一）), which marks a heading."""
    cleaned = re.sub(r"[\s\u3000（）()、.．]+", "", text)
    return bool(cleaned) and all(ch in HAN_NUMERALS for ch in cleaned)


def split_item(text: str) -> tuple[str, str, str] | None:
    """Given a paragraph like ``1. 任务`` or ``（3）任务``, return (number, rest, number as
    printed), else None."""
    plain = plain_numbers(text)
    match = _ITEM.match(plain)
    if not match:
        return None
    num = (match.group("arabic") or match.group("paren")).translate(_FULLWIDTH_DIGITS)
    printed = plain[: match.start("rest")].strip()
    return str(int(num)), match.group("rest").strip(), printed


def numbering_style(printed: str) -> str:
    """The kind of numbering a 序号 is written in, to tell levels apart: ``1``/``1.``/``1、``
    are 'arabic', ``(1)`` 'paren', ``①`` 'circled', ``一、`` 'han', ``（一）`` 'han-paren'."""
    text = printed.strip()
    if not text:
        return ""
    if text[0] in _NUMBER_FORMS:
        return "circled" if 0x2460 <= ord(text[0]) < 0x2474 else "paren"
    paren = text[0] in "(（"
    core = re.sub(r"[\s()（）.．、,，]", "", text.translate(_FULLWIDTH_DIGITS))
    if core and all(ch in HAN_NUMERALS for ch in core):
        return "han-paren" if paren else "han"
    return "paren" if paren else "arabic"


def is_heading(text: str) -> bool:
    """True for a section heading such as ``一、健全责任体系`` or ``（二）强化要素保障``."""
    stripped = without_glosses(text.strip())
    return bool(_HEADING.match(stripped)) and "\n" not in stripped and len(stripped) <= 60
