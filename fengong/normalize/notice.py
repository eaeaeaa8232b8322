"""The notice's own facts: its issuing date and document number, from the text around the table."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fengong.extract.cells import Document
from fengong.extract.hanzi import simplified
from fengong.extract.numbering import han_to_int

_DATE_LINE = re.compile(  # a date alone, or after the signer's name on its line
    r"^\s*(?:[\u4e00-\u9fff（）()]{2,30}\s+)?(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$"
)
_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔［\[(（]\s*(?P<y>\d{4})\s*[〕］\])）]\s*\d{1,4}\s*号"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class NoticeFacts:
    date: str | None = None  # ISO issuing date (the date line under the signature)
    number: str | None = None  # 文号, e.g. 商政办发〔2018〕12号
    year: int | None = None  # the year deadlines without one belong to


def notice_facts(document: Document) -> NoticeFacts:
    """Given a document, return its issuing date, document number and base year."""
    issued = _issuing_date(document.prose)
    number_match = next((m for line in document.prose if (m := _NUMBER.search(line))), None)
    number = re.sub(r"\s+", "", number_match.group(0)) if number_match else None
    if issued is not None:
        year = issued.year
    elif number_match is not None:
        year = int(number_match.group("y"))
    else:
        year = _table_year(document)
    return NoticeFacts(date=issued.isoformat() if issued else None, number=number, year=year)


def _issuing_date(lines: Sequence[str]) -> date | None:
    """The last line that is only a date: where notices print the issuing date."""
    for line in reversed(lines):
        match = _DATE_LINE.match(simplified(line))
        if match:
            try:
                return date(*(_number(match.group(k)) for k in ("y", "m", "d")))
            except (TypeError, ValueError):
                continue
    return None


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if len(text) == 4:  # 二〇一八: digit by digit
        digits = [han_to_int(ch) for ch in text]
        return None if None in digits else int("".join(str(d) for d in digits))
    return han_to_int(text)


def _table_year(document: Document) -> int | None:
    """With no date in the notice: the year most deadlines of the table name."""
    years = Counter(int(m.group(1)) for r in document.rows for m in _YEAR.finditer(r.deadline))
    return max(sorted(years), key=lambda y: years[y]) if years else None
