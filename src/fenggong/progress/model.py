"""What a progress report says: the fixed list of statuses, reporting periods, and records."""

import datetime as dt
import re
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from fenggong.errors import UsageError

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

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")


class Period(NamedTuple):
    """A reporting period: a month (2023-05) or a quarter (2023-Q2)."""

    year: int
    #: 1–12 for a month, 1–4 for a quarter.
    number: int
    quarterly: bool = False

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}" if self.quarterly else f"{self.year}-{self.number:02d}"

    @property
    def start(self) -> dt.date:
        """The period's first day."""
        return dt.date(self.year, (self.number - 1) * 3 + 1 if self.quarterly else self.number, 1)

    @property
    def end(self) -> dt.date:
        """The period's last day."""
        month = self.number * 3 if self.quarterly else self.number
        following = dt.date(self.year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def previous(self) -> "Period":
        """The period before this one."""
        limit = 4 if self.quarterly else 12
        if self.number > 1:
            return Period(self.year, self.number - 1, self.quarterly)
        return Period(self.year - 1, limit, self.quarterly)


def parse_period(text: str) -> Period:
    """2023-05 or 2023-Q2 (2023Q2 too); `UsageError` otherwise."""
    text = text.strip()
    if (m := _MONTH.match(text)) is not None and 1 <= int(m[2]) <= 12:
        return Period(int(m[1]), int(m[2]))
    if (m := _QUARTER.match(text)) is not None:
        return Period(int(m[1]), int(m[2]), quarterly=True)
    raise UsageError(f"报送期「{text}」看不懂：按月写 2023-05，按季写 2023-Q2")


def period_of(day: dt.date, *, quarterly: bool = False) -> Period:
    """The period a day falls in."""
    if quarterly:
        return Period(day.year, (day.month - 1) // 3 + 1, quarterly=True)
    return Period(day.year, day.month)


def parse_status(text: str) -> Status:
    """A status from the fixed list; `UsageError` naming the list otherwise."""
    for status in Status:
        if text.strip() == status.value:
            return status
    allowed = "、".join(s.value for s in Status)
    raise UsageError(f"状态「{text}」不在规定的几种之内（{allowed}）")


class Report(NamedTuple):
    """One unit's report on one task for one period, as recorded (never changed after)."""

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
