"""Deadlines as written -> the last day they allow, a start for ranges, and a kind.

A small grammar of our own: date libraries misread these forms (``2019 年 10 月``).

- ``2018年`` / ``2018年底前`` / ``2018年内`` -> 2018-12-31;
  ``2019年6月(底)(前)`` -> 2019-06-30;
  ``2018年12月31日前`` -> 2018-12-31; ``上半年`` -> 06-30, ``下半年`` -> 12-31;
  ``第三季度`` / ``前三季度`` / ``三季度末`` -> 09-30; ``5月中旬`` -> 05-20 (上旬 the 10th,
  下旬 the month's end); ``年中`` -> 06-30, ``国庆节前`` -> 09-30, ``春季`` / ``夏季`` /
  ``暑期`` / ``秋季`` -> the season's last day, ``秋季开学前`` -> 08-31.
- ``2020年前`` -> 2020-12-31: notices use ``X年前`` for "by X年" (as ``X年底前``), not for
  "before X began"; the end of X is the reading that never reports a task late too early.
- ``2018—2020年`` (— – - ~ ～ 至 到) -> range 2018-01-01 .. 2020-12-31.
- ``长期坚持`` / ``持续推进`` / ``常态化`` / ``适时开展`` -> ongoing;
  ``每年`` / ``每季度`` / ``每两个月`` / ``每学期`` / ``半年一次`` -> recurring.
- A month without a year takes ``base_year`` (the notice's year) and says so in a warning.
- Several deadlines in one cell: the latest is the date; the raw text keeps them all.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from fengong.extract.content import RECURRING_WORDS
from fengong.extract.hanzi import simplified
from fengong.extract.numbering import han_to_int

from .problems import Problem, problem

_FULLWIDTH = str.maketrans("０１２３４５６７８９－～", "0123456789-~")
_HAN_NUM = "〇零一二三四五六七八九十"
_HAN_YEAR = re.compile(rf"([{_HAN_NUM}]{{4}})年")
_HAN_MONTH = re.compile(rf"(?<![0-9{_HAN_NUM}])([{_HAN_NUM}]{{1,3}})(月|日|季度)")

_ONGOING = re.compile(r"长期|持续|常态|长效|经常性|逐步|不断|动态|适时|随时")
_RECURRING = re.compile(RECURRING_WORDS)
_RANGE = re.compile(
    r"(?P<y1>\d{4})\s*年?\s*(?:(?P<m1>\d{1,2})\s*月)?\s*(?:[—–\-~至到－]+|——)\s*"
    r"(?P<y2>\d{4})\s*年(?:\s*(?P<m2>\d{1,2})\s*月)?"
)
# Named parts of a year and the day they end on (a season's last month; 秋季开学 is when
# the school year starts, 国庆 is 1 October).
_NAMED_ENDS = {"年中": (6, 30), "秋季开学": (8, 31), "春季": (5, 31), "夏季": (8, 31),
               "暑期": (8, 31), "暑假": (8, 31), "秋季": (11, 30), "冬季": (12, 31),
               "国庆节": (9, 30), "国庆": (9, 30)}
_NAMED = "|".join(_NAMED_ENDS)
_XUN_DAY = {"上旬": 10, "中旬": 20}  # 下旬: the month's last day
_PARTS = (r"(?:(?P<half>上半年|下半年)|(?:第|前)?(?P<q>[1-4])\s*季度"
          rf"|(?P<named>{_NAMED})"
          r"|(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日|(?P<xun>上旬|中旬|下旬))?)")
_POINT = re.compile(rf"(?P<y>\d{{4}})\s*年\s*{_PARTS}?")
_NUMERIC = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?(?!\d)"
)
_YEARLESS = re.compile(rf"(?<![\d年]){_PARTS}")


@dataclass(frozen=True)
class Deadline:
    """A deadline as written and what it means."""

    raw: str | None
    date: str | None = None
    start: str | None = None
    kind: str = "unknown"
    warning: Problem | None = None


def _normalize(text: str) -> str:
    text = text.translate(_FULLWIDTH)
    text = _HAN_YEAR.sub(lambda m: "".join(str(han_to_int(c)) for c in m.group(1)) + "年", text)
    return _HAN_MONTH.sub(lambda m: f"{han_to_int(m.group(1))}{m.group(2)}", text)


def _last_day(year: int, month: int | None = None, day: int | None = None,
              half: str | None = None, quarter: str | None = None) -> date | None:
    try:
        if day is not None and month is not None:
            return date(year, month, day)
        if month is not None:
            return date(year, month, calendar.monthrange(year, month)[1])
        if half is not None:
            return date(year, 6, 30) if half.startswith("上") else date(year, 12, 31)
        if quarter is not None:
            end = int(quarter) * 3
            return date(year, end, calendar.monthrange(year, end)[1])
        return date(year, 12, 31)
    except ValueError:
        return None


def _point(match: re.Match[str], year: int) -> date | None:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else None
    day = int(groups["d"]) if groups.get("d") else _XUN_DAY.get(groups.get("xun") or "")
    if groups.get("named"):
        month, day = _NAMED_ENDS[groups["named"]]
    return _last_day(year, month, day, groups.get("half"), groups.get("q"))


def parse_deadline(raw: str | None, base_year: int | None = None) -> Deadline:
    """Given a deadline cell as written (and the notice's year), return what it means."""
    if raw is None or not raw.strip():
        return Deadline(raw=None)
    text = _normalize(simplified(raw))
    found = _RANGE.search(text)
    if found:
        y1, y2 = int(found.group("y1")), int(found.group("y2"))
        m1 = int(found.group("m1")) if found.group("m1") else 1
        end = _last_day(y2, int(found.group("m2")) if found.group("m2") else None)
        if end is not None and 1 <= m1 <= 12 and y1 <= y2:
            return Deadline(raw=raw, date=end.isoformat(), start=date(y1, m1, 1).isoformat(),
                            kind="range")
    points = [d for pattern in (_POINT, _NUMERIC) for m in pattern.finditer(text)
              if (d := _point(m, int(m.group("y"))))]
    if points:
        return Deadline(raw=raw, date=max(points).isoformat(), kind="by")
    if _RECURRING.search(text):
        return Deadline(raw=raw, kind="recurring")
    if _ONGOING.search(text):
        return Deadline(raw=raw, kind="ongoing")
    yearless = [m for m in _YEARLESS.finditer(text)]
    if base_year is not None and (yearless or re.search(r"年底|年内|年末|当年|本年|全年", text)):
        dates = [d for m in yearless if (d := _point(m, base_year))]
        if not dates:
            dates = [date(base_year, 12, 31)]
        return Deadline(raw=raw, date=max(dates).isoformat(), kind="by",
                        warning=problem("deadline_year_inferred", raw=raw, year=base_year))
    return Deadline(raw=raw, kind="unknown", warning=problem("deadline_unknown", raw=raw))


_IN_TEXT = re.compile(
    r"(?:到|至|于|在)?(?P<when>(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?"
    r"(?:上半年|下半年|底|末)?(?:前|以前|之前)|(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?底)"
)


def deadline_in_text(task: str) -> str | None:
    """A deadline stated in a task sentence (``2022年10月底前编制并公布……``), as written."""
    match = _IN_TEXT.search(task)
    return match.group("when") if match else None
