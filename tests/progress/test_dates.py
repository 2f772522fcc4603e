"""Dates and periods as staff write them; an impossible one says which part is wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from fenggong.errors import UsageError
from fenggong.progress.dates import parse_day
from fenggong.progress.model import Period, parse_period


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2023-06-30", dt.date(2023, 6, 30)),
        ("2023-6-30", dt.date(2023, 6, 30)),
        ("2023/6/30", dt.date(2023, 6, 30)),
        ("2023.6.30", dt.date(2023, 6, 30)),
        ("2023年6月30日", dt.date(2023, 6, 30)),
        ("6月30日", dt.date(2023, 6, 30)),
        ("6月底", dt.date(2023, 6, 30)),
        ("2月底", dt.date(2023, 2, 28)),
        ("年底", dt.date(2023, 12, 31)),
        ("三季度末", dt.date(2023, 9, 30)),
        ("上半年末", dt.date(2023, 6, 30)),
        ("2024年6月底", dt.date(2024, 6, 30)),
    ],
)
def test_dates_as_staff_write_them(text: str, day: dt.date) -> None:
    assert parse_day(text, "截止日期", 2023) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "截止日期「2023-02-30」的日 30 不对（2023 年 2 月只有 28 天）"),
        ("2023-13-01", "截止日期「2023-13-01」的月份 13 不对（应为 1–12）"),
        ("13月底", "截止日期「13月底」的月份 13 不对（应为 1–12）"),
        ("下周", "截止日期「下周」看不懂"),
    ],
)
def test_an_impossible_date_says_which_part_is_wrong(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_day(text, "截止日期", 2023)
    assert str(caught.value).startswith(message)


def test_a_date_without_its_year_needs_the_plans() -> None:
    with pytest.raises(UsageError, match="没有写年份"):
        parse_day("6月底", "--as-of", None)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2023-05", Period(2023, 5)),
        ("2023年5月", Period(2023, 5)),
        ("2023-Q2", Period(2023, 2, "Q")),
        ("2023Q2", Period(2023, 2, "Q")),
        ("2023年二季度", Period(2023, 2, "Q")),
        ("2023-H1", Period(2023, 1, "H")),
        ("2023年下半年", Period(2023, 2, "H")),
    ],
)
def test_periods(text: str, period: Period) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["2023-13", "2023-H3", "2023-Q5", "五月"])
def test_periods_that_are_not(text: str) -> None:
    with pytest.raises(UsageError, match="看不懂"):
        parse_period(text)


def test_days_in_month_agrees_with_the_calendar_module() -> None:
    import calendar

    from fenggong.progress.dates import days_in_month

    for year in range(1999, 2101):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)
    assert (days_in_month(2024, 2), days_in_month(2023, 2), days_in_month(2023, 12)) == (29, 28, 31)


def test_a_period_lies_within_its_quarter_half_and_itself_only() -> None:
    may, q2, h1, q3 = (
        Period(2023, 5),
        Period(2023, 2, "Q"),
        Period(2023, 1, "H"),
        Period(2023, 3, "Q"),
    )
    assert may.within(may)
    assert may.within(q2)
    assert may.within(h1)
    assert q2.within(h1)
    assert not may.within(q3)
    assert not q2.within(may)
    assert not h1.within(q2)
    assert not Period(2022, 5).within(q2)
    assert not Period(2023, 7).within(q2)
    assert not Period(2023, 3).within(q2)
    assert not Period(2023, 12).within(Period(2024, 1, "H"))
    assert [p.end for p in (may, q2, h1, Period(2023, 12))] == [
        dt.date(2023, 5, 31),
        dt.date(2023, 6, 30),
        dt.date(2023, 6, 30),
        dt.date(2023, 12, 31),
    ]
