"""Dates as staff write them: 2023-06-30, 2023-6-30, 2023/6/30, 2023.6.30, 2023年6月30日, and
within the plan's year 6月30日, 6月底, 年底, 三季度末, 上半年末."""

import datetime as dt
import re

from fenggong import clock
from fenggong.errors import UsageError

_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_SHORT = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")
_MONTH_END = re.compile(r"^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:底|末)$")
_QUARTER_END = re.compile(r"^(?:(\d{4})\s*年\s*)?(?:第)?([一二三四1-4])\s*季度\s*(?:底|末)$")
_HALF_END = re.compile(r"^(?:(\d{4})\s*年\s*)?([上下])\s*半年\s*(?:底|末)$")
_YEAR_END = re.compile(r"^(?:(\d{4})\s*年\s*)?年?\s*(?:底|末)$")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
FORMS = "2023-06-30、2023/6/30、2023.6.30、2023年6月30日、6月30日、6月底、三季度末、年底"


def parse_day(text: str, what: str, year: int | None = None) -> dt.date:
    """The day `text` names; forms without a year take `year` (the plan's). `UsageError`
    saying which part is wrong otherwise."""
    raw = text.strip()
    if (m := _FULL.match(raw)) is not None:
        return _day(raw, what, int(m[1]), int(m[2]), int(m[3]))
    if (m := _SHORT.match(raw)) is not None:
        return _day(raw, what, _year(raw, what, year), int(m[1]), int(m[2]))
    if (m := _MONTH_END.match(raw)) is not None:
        y = int(m[1]) if m[1] else _year(raw, what, year)
        return _day(raw, what, y, int(m[2]), 0)
    if (m := _QUARTER_END.match(raw)) is not None:
        y = int(m[1]) if m[1] else _year(raw, what, year)
        return _day(raw, what, y, _CN[m[2]] * 3, 0)
    if (m := _HALF_END.match(raw)) is not None:
        y = int(m[1]) if m[1] else _year(raw, what, year)
        return _day(raw, what, y, 6 if m[2] == "上" else 12, 0)
    if raw in ("年底", "年末") or ((m := _YEAR_END.match(raw)) is not None and m[1]):
        y = int(m[1]) if m is not None and m[1] else _year(raw, what, year)
        return dt.date(y, 12, 31)
    raise UsageError(f"{what}「{text}」看不懂：可写 {FORMS}")


def _year(raw: str, what: str, year: int | None) -> int:
    if year is None:
        raise UsageError(f"{what}「{raw}」没有写年份，请写全，如 2023-06-30")
    return year


def _day(raw: str, what: str, year: int, month: int, day: int) -> dt.date:
    """The date, or which part of it is wrong; day 0 means the month's last day."""
    if not 2000 <= year <= 2099:
        raise UsageError(f"{what}「{raw}」的年份 {year} 不对（应在 2000–2099 年之间）")
    if not 1 <= month <= 12:
        raise UsageError(f"{what}「{raw}」的月份 {month} 不对（应为 1–12）")
    last = days_in_month(year, month)
    if day == 0:
        day = last
    if not 1 <= day <= last:
        raise UsageError(f"{what}「{raw}」的日 {day} 不对（{year} 年 {month} 月只有 {last} 天）")
    return dt.date(year, month, day)


def days_in_month(year: int, month: int) -> int:
    """How many days the month has (`calendar.monthrange` without importing `calendar`,
    3 ms of every 督办 run's start-up)."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def day_or(text: str | None, what: str, year: int, default: dt.date) -> dt.date:
    """The day an option such as --as-of names, or `default` when it was not given."""
    return default if text is None else parse_day(text, what, year)


def as_of_day(year: int, text: str | None, default: dt.date | None = None) -> dt.date:
    """The day `--as-of` names (forms without a year take `year`, the plan's), else
    `default`, else today."""
    return day_or(text, "--as-of", year, default or clock.today())
