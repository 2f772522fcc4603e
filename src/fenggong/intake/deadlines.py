"""A 完成时限 as plans write it → a date, where it names one: 年底前 → the plan year's 12-31,
6月底前 → 06-30, 三季度末 → 09-30, 2024年5月15日前 → that day. 持续推进, 长期 and the like
name no date and stay text."""

from __future__ import annotations

import calendar
import datetime as dt
import re

#: The columns whose text is a deadline.
DEADLINE_COLUMNS = ("完成时限", "完成时间", "时限", "时间节点", "完成时间节点", "时限要求")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_FULL_DATE = re.compile(r"(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?")
_MONTH_END = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:底|末|份|前|中旬|上旬|下旬)")
_QUARTER_END = re.compile(r"(?:第)?([一二三四1-4])\s*季度\s*(?:末|底|前|内)?")
_YEAR_WORDS = ("年底", "年末", "全年", "年内", "本年度", "12月底")
_HALF_WORDS = ("上半年", "年中")


def deadline_of(text: str, year: int | None) -> dt.date | None:
    """The date a 完成时限 names, or None when it names none (or the year is unknown)."""
    text = text.strip()
    if not text:
        return None
    if (m := _FULL_DATE.search(text)) is not None:
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if (m := _MONTH_END.search(text)) is not None:
        month_year = int(m[1]) if m[1] else year
        month = int(m[2])
        if month_year is None or not 1 <= month <= 12:
            return None
        return _date(month_year, month, calendar.monthrange(month_year, month)[1])
    if year is None:
        return None
    if (m := _QUARTER_END.search(text)) is not None:
        month = _CN[m[1]] * 3
        return _date(year, month, calendar.monthrange(year, month)[1])
    if any(w in text for w in _HALF_WORDS):
        return dt.date(year, 6, 30)
    if any(w in text for w in _YEAR_WORDS):
        return dt.date(year, 12, 31)
    return None


def plan_year(title: str) -> int | None:
    """The year a plan's title names (2024年…), if any."""
    match = re.search(r"(20\d{2})\s*年", title)
    return int(match[1]) if match else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 2月30日: a date that does not exist is no deadline
        return None
