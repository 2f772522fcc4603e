"""What a progress report says: the fixed list of statuses, reporting periods (months,
quarters, half-years), and records."""

import datetime as dt
import re
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from fenggong.errors import UsageError
from fenggong.textnorm import find_control

if TYPE_CHECKING:
    from fenggong.plan.model import Plan


class Status(StrEnum):
    """The statuses every 督查 ledger uses, in this order."""

    DONE = "已完成"
    AHEAD = "超序时"
    ON_TRACK = "序时推进"
    LAGGING = "滞后"
    NOT_STARTED = "未启动"
    ONGOING = "持续推进"


#: Statuses whose report must say what was done (进展情况).
NEEDS_PROGRESS = frozenset(
    {Status.DONE, Status.AHEAD, Status.ON_TRACK, Status.LAGGING, Status.ONGOING}
)
#: How far behind a status is (a co-led task's status is its lead units' worst).
SEVERITY = {
    Status.LAGGING: 5,
    Status.NOT_STARTED: 4,
    Status.ON_TRACK: 3,
    Status.ONGOING: 2,
    Status.AHEAD: 1,
    Status.DONE: 0,
}

_MONTHS = {"M": 1, "Q": 3, "H": 6}
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH = re.compile(r"^(\d{4})\s*(?:-|年|/|\.)\s*(\d{1,2})\s*月?$")
_SPAN = re.compile(r"^(\d{4})\s*-?\s*([QqHh])([1-4])$")
_CN_QUARTER = re.compile(r"^(\d{4})\s*年\s*第?\s*([一二三四1-4])\s*季度?$")
_CN_HALF = re.compile(r"^(\d{4})\s*年\s*([上下])\s*半年$")


class Period(NamedTuple):
    """A reporting period: a month (2023-05), a quarter (2023-Q2) or a half-year (2023-H1)."""

    year: int
    #: 1–12 for a month, 1–4 for a quarter, 1–2 for a half-year.
    number: int
    #: "M" month, "Q" quarter, "H" half-year.
    kind: str = "M"

    def __str__(self) -> str:
        if self.kind == "M":
            return f"{self.year}-{self.number:02d}"
        return f"{self.year}-{self.kind}{self.number}"

    @property
    def start(self) -> dt.date:
        """The period's first day."""
        return dt.date(self.year, (self.number - 1) * _MONTHS[self.kind] + 1, 1)

    @property
    def end(self) -> dt.date:
        """The period's last day (kept: the lights ask it of every report)."""
        end = _ENDS.get(self)
        if end is None:
            month = self.number * _MONTHS[self.kind]
            following = dt.date(self.year + month // 12, month % 12 + 1, 1)
            end = _ENDS[self] = following - dt.timedelta(days=1)
        return end

    def within(self, span: "Period") -> bool:
        """Whether this period lies inside `span` (a month inside its quarter, or itself)."""
        first, last = self._months()
        span_first, span_last = span._months()
        return span_first <= first and last <= span_last

    def _months(self) -> tuple[int, int]:
        """The first and last month, counted from year 0 (no dates made: `within` is asked
        for every report of every task)."""
        size = _MONTHS[self.kind]
        first = self.year * 12 + (self.number - 1) * size
        return first, first + size - 1

    def previous(self) -> "Period":
        """The period of the same kind before this one."""
        if self.number > 1:
            return Period(self.year, self.number - 1, self.kind)
        return Period(self.year - 1, 12 // _MONTHS[self.kind], self.kind)


#: Each period's last day, once worked out.
_ENDS: dict[Period, dt.date] = {}


def parse_period(text: str) -> Period:
    """2023-05 (2023年5月), 2023-Q2 (2023年二季度), 2023-H1 (2023年上半年); `UsageError`
    otherwise."""
    text = text.strip()
    if (m := re.match(r"^(\d{4})", text)) is not None and int(m[1]) not in YEARS:
        raise UsageError(
            f"报送期「{text}」的年份 {m[1]} 不对（应在 {YEARS.start}–{YEARS.stop - 1} 年之间）"
        )
    if (m := _MONTH.match(text)) is not None and 1 <= int(m[2]) <= 12:
        return Period(int(m[1]), int(m[2]))
    if (m := _SPAN.match(text)) is not None and (m[2].upper() == "Q" or int(m[3]) <= 2):
        return Period(int(m[1]), int(m[3]), m[2].upper())
    if (m := _CN_QUARTER.match(text)) is not None:
        return Period(int(m[1]), _CN[m[2]], "Q")
    if (m := _CN_HALF.match(text)) is not None:
        return Period(int(m[1]), 1 if m[2] == "上" else 2, "H")
    raise UsageError(
        f"报送期「{text}」看不懂：按月写 2023-05，按季写 2023-Q2（或 2023年二季度），"
        "半年写 2023-H1（或 2023年上半年）"
    )


#: The years a period or date may name (beyond them dates overflow; see check for others).
YEARS = range(2000, 2100)


def report_text(text: str) -> str:
    """Report text as it is stored: line breaks kept (as \n), every other control character
    (escape sequences, bidirectional overrides) dropped, ends trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if find_control(text.replace("\n", "").replace("\t", "")) is None:
        return text
    return "".join(c for c in text if c in "\n\t" or find_control(c) is None)


def period_of(day: dt.date, kind: str = "M") -> Period:
    """The period of that kind a day falls in."""
    return Period(day.year, (day.month - 1) // _MONTHS[kind] + 1, kind)


def parse_status(text: str) -> Status:
    """A status from the fixed list; `UsageError` naming the list otherwise."""
    for status in Status:
        if text.strip() == status.value:
            return status
    allowed = "、".join(s.value for s in Status)
    raise UsageError(f"状态「{text}」不在规定的几种之内（{allowed}）")


class Report(NamedTuple):
    """One unit's report on one task for one period, as recorded (never changed after).
    `progress`, `problems` and `next_steps` are the ledger's 本期进展情况, 存在问题 and
    下一步措施."""

    task: int
    unit: str
    period: Period
    status: Status
    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    reporter: str = ""
    #: When it was recorded (ISO time) and from where (a file's name, or 命令行).
    recorded_at: str = ""
    source: str = ""


class Deadline(NamedTuple):
    """A deadline the 督查室 set for a task (the latest one counts)."""

    task: int
    deadline: dt.date
    recorded_at: str = ""
    source: str = ""


def plan_key(plan: "Plan") -> str:
    """What identifies a plan in its store and its ledgers."""
    return f"{plan.meta.title}（{plan.meta.document_number}）"


def plan_year(plan: "Plan") -> int:
    """The year the plan is for (its deadlines and periods lie in it)."""
    return plan.meta.issued.year


def check_year(plan: "Plan", day: dt.date, what: str, *, force: bool = False) -> None:
    """`UsageError` for a date outside the plan's year, unless `force`."""
    if not force and day.year != plan_year(plan):
        raise UsageError(
            f"{what} {day.isoformat()} 不在方案的 {plan_year(plan)} 年内；确实要这样，加 --force"
        )


def plan_period(plan: "Plan", text: str, *, force: bool = False) -> Period:
    """A period as the user wrote it, in the plan's year unless `force`."""
    period = parse_period(text)
    if not force and period.year != plan_year(plan):
        raise UsageError(
            f"报送期 {period} 不在方案的 {plan_year(plan)} 年内；确实要这样，加 --force"
        )
    return period
