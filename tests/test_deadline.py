"""Deadlines: the raw text kept, the last allowed day, a start for ranges, a kind."""

from __future__ import annotations

import pytest

from fengong.normalize.deadline import parse_deadline


@pytest.mark.parametrize(("raw", "date", "start", "kind"), [
    ("2018年", "2018-12-31", None, "by"),
    ("2019年6月", "2019-06-30", None, "by"),
    ("2019年6月底前", "2019-06-30", None, "by"),
    ("2019年6月前", "2019-06-30", None, "by"),
    ("2019 年 10 月", "2019-10-31", None, "by"),
    ("2018年底前", "2018-12-31", None, "by"),
    ("2018年12月31日前", "2018-12-31", None, "by"),
    ("2020年2月", "2020-02-29", None, "by"),
    ("2019年上半年", "2019-06-30", None, "by"),
    ("2021年下半年", "2021-12-31", None, "by"),
    ("2021年第三季度", "2021-09-30", None, "by"),
    ("2021年三季度末", "2021-09-30", None, "by"),
    ("2025年前三季度", "2025-09-30", None, "by"),
    ("2025年5月中旬", "2025-05-20", None, "by"),
    ("2025年6月上旬前", "2025-06-10", None, "by"),
    ("2025年6月下旬", "2025-06-30", None, "by"),
    ("2025年年中", "2025-06-30", None, "by"),
    ("2025年国庆节前", "2025-09-30", None, "by"),
    ("2025年春季", "2025-05-31", None, "by"),
    ("2025年暑期", "2025-08-31", None, "by"),
    ("2025年秋季开学前", "2025-08-31", None, "by"),
    ("二〇一九年六月", "2019-06-30", None, "by"),
    ("２０２０年", "2020-12-31", None, "by"),
    ("2020年前", "2020-12-31", None, "by"),
    ("2018—2020年", "2020-12-31", "2018-01-01", "range"),
    ("2018-2020年", "2020-12-31", "2018-01-01", "range"),
    ("2018年至2020年", "2020-12-31", "2018-01-01", "range"),
    ("2021年6月～2022年3月", "2022-03-31", "2021-06-01", "range"),
    ("2018年6月底前完成方案，2019年底前全面完成", "2019-12-31", None, "by"),
    ("2022-12-31", "2022-12-31", None, "by"),
    ("2021.6", "2021-06-30", None, "by"),
    ("长期坚持", None, None, "ongoing"),
    ("持续推进", None, None, "ongoing"),
    ("常态化", None, None, "ongoing"),
    ("每季度", None, None, "recurring"),
    ("每年", None, None, "recurring"),
    ("每两个月", None, None, "recurring"),
    ("每学期", None, None, "recurring"),
    ("半年一次", None, None, "recurring"),
    ("每半年开展一次", None, None, "recurring"),
    ("按年度推进", None, None, "recurring"),
    ("适时开展", None, None, "ongoing"),
    ("视情况而定", None, None, "unknown"),
])
def test_deadline_forms(raw, date, start, kind):
    found = parse_deadline(raw)
    assert (found.raw, found.date, found.start, found.kind) == (raw, date, start, kind)


def test_month_without_year_takes_the_notice_year_with_a_warning():
    found = parse_deadline("9月底前", base_year=2019)
    assert (found.date, found.kind) == ("2019-09-30", "by")
    assert "2019" in found.warning.en and found.warning.code == "deadline_year_inferred"
    assert parse_deadline("9月底前").kind == "unknown"


@pytest.mark.parametrize(("raw", "date"), [
    ("年内", "2019-12-31"), ("年底前", "2019-12-31"), ("十二月", "2019-12-31"),
    ("3月底前开工", "2019-03-31"), ("6月建成投用", "2019-06-30"), ("第三季度", "2019-09-30"),
    ("上半年", "2019-06-30"), ("10月15日前", "2019-10-15"),
])
def test_forms_without_a_year_take_the_base_year(raw, date):
    found = parse_deadline(raw, base_year=2019)
    assert (found.date, found.kind) == (date, "by")
    assert found.warning.en == f"deadline year inferred: {raw} read as in 2019"


def test_traditional_and_several_dates():
    assert parse_deadline("長期堅持").kind == "ongoing"
    assert parse_deadline("2019年底前完成方案，2020年6月底前全面完成").date == "2020-06-30"


def test_empty_deadline():
    assert parse_deadline("") == parse_deadline(None)
    assert parse_deadline(None).date is None
