"""Each task's light, computed from the plan, the reports and the deadlines, never stored.

The rules, strongest first (README has them as a table), applied to each lead unit:
- 绿 when the unit's latest report is 已完成 (a task is done when all its lead units are);
- 红 when the task's deadline has passed, or the unit was 滞后 or did not report in this
  period and in the reporting period before it (only periods that exist count: one a ledger
  was issued for or a report recorded in — the first period is never 红 for silence);
- 黄 when this period the unit reported 滞后 or 未启动, or did not report;
- 蓝 when the deadline is within 30 days;
- 绿 otherwise (超序时, 序时推进, 持续推进).
A task's light is its worst unit's, and its reason names the units behind when it has more
than one lead unit. A unit's report that counts is its latest: a later period's beats an
earlier's (a 已完成 is reopened by a later 序时推进), and within a period the latest
recorded (a correction). For a quarter or half-year, a unit's latest report within it
counts, and a reason names that report's own period: 2023-05 滞后 in 2023-Q2 (the 督查室
reads which month the light rests on); 2023-Q2 未报送 when none lies within it. A deadline the 督查室 set beats the plan's 完成时限; with neither the task is due at
the end of the plan's year.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple

from fenggong.plan.model import Plan, Task
from fenggong.progress.model import SEVERITY, Deadline, Period, Report, Status, period_of

#: How close a deadline makes a task 蓝.
SOON = dt.timedelta(days=30)
_RANK = {"红": 0, "黄": 1, "蓝": 2, "绿": 3}


class Light(StrEnum):
    """A task's light, worst first."""

    RED = "红"
    YELLOW = "黄"
    BLUE = "蓝"
    GREEN = "绿"


class UnitLight(NamedTuple):
    """One lead unit's part of a task's light."""

    unit: str
    light: Light
    reason: str
    #: What the unit reported this period (已完成 also when reported earlier; None: not).
    status: Status | None
    #: The unit's report that counts (perhaps an earlier period's), with its text.
    report: Report | None
    #: An earlier 已完成 that a later report reopened.
    reopened: bool = False


class TaskLight(NamedTuple):
    """A task's light and why."""

    task: Task
    light: Light
    reason: str
    #: The worst status its lead units reported this period (None: none reported).
    status: Status | None
    deadline: dt.date
    #: The lead units that have not reported this period (and have not finished).
    missing: tuple[str, ...] = ()
    #: Each lead unit's own light, in the plan's order of lead units.
    units: tuple[UnitLight, ...] = ()
    #: Where the deadline comes from: 督查室, 方案 or 年底.
    deadline_source: str = "年底"

    @property
    def status_word(self) -> str:
        """The task's status this period as every count says it (通报, status, notice): 未报送
        while any lead unit that had to report has not, else its worst reported status."""
        return "未报送" if self.missing or self.status is None else self.status.value

    @property
    def behind(self) -> tuple[str, ...]:
        """The lead units whose own light is 红 or 黄."""
        return tuple(u.unit for u in self.units if u.light in (Light.RED, Light.YELLOW))

    @property
    def reopened(self) -> bool:
        """A lead unit reported 已完成 before and something else since."""
        return any(u.reopened for u in self.units)


def with_set_deadline(task: Task, deadlines: Mapping[int, Deadline]) -> Task:
    """The task with the deadline the 督查室 set for it, where it set one (that beats the
    plan's 完成时限)."""
    found = deadlines.get(task.id)
    return task if found is None else task._replace(deadline=found.deadline)


def due_with_source(
    plan: Plan, task: Task, deadlines: Mapping[int, Deadline]
) -> tuple[dt.date, str]:
    """When the task is due and who says so: 督查室, 方案 (完成时限) or 年底."""
    if (found := deadlines.get(task.id)) is not None:
        return found.deadline, "督查室"
    if task.deadline is not None:
        return task.deadline, "方案"
    return dt.date(plan.meta.issued.year, 12, 31), "年底"


def due(plan: Plan, task: Task, deadlines: Mapping[int, Deadline]) -> dt.date:
    """When the task is due: the 督查室's deadline, else the plan's, else the year's end."""
    return due_with_source(plan, task, deadlines)[0]


def current_period(periods: Iterable[Period], as_of: dt.date) -> Period | None:
    """The latest existing period that had begun by `as_of`."""
    begun = [p for p in periods if p.start <= as_of]
    return max(begun, key=lambda p: (p.end, p.start), default=None)


def previous_period(periods: Iterable[Period], period: Period) -> Period | None:
    """The existing reporting period of `period`'s kind just before it (None: it is the
    first)."""
    earlier = {period_of(p.end, period.kind) for p in periods if p.end < period.start}
    return max(earlier, key=lambda p: p.end, default=None)


def lights(
    plan: Plan,
    reports: Sequence[Report],
    deadlines: Mapping[int, Deadline],
    *,
    as_of: dt.date,
    period: Period | None,
    periods: Iterable[Period] = (),
    tasks: Iterable[Task] | None = None,
) -> list[TaskLight]:
    """Every task's light (or those of `tasks`) for `period`, in plan order. `periods` are
    the reporting periods that exist (see `Store.periods`); reports' own always count."""
    existing = {*periods, *(r.period for r in reports)}
    before = previous_period(existing, period) if period is not None else None
    by_unit: dict[tuple[int, str], list[tuple[int, Report]]] = {}
    for order, report in enumerate(reports):
        by_unit.setdefault((report.task, report.unit), []).append((order, report))
    out = []
    for task in tasks if tasks is not None else plan.tasks:
        deadline, source = due_with_source(plan, task, deadlines)
        units = tuple(
            _unit_light(unit, by_unit.get((task.id, unit), []), period, before, deadline, as_of)
            for unit in task.lead_units
        )
        out.append(_task_light(task, units, period, deadline, source, as_of))
    return out


def _latest(history: list[tuple[int, Report]], span: Period | None, up_to: Period) -> Report | None:
    """The unit's report that counts by the end of `up_to` (within `span` when given)."""
    found = [
        (r.period.end, order, r)
        for order, r in history
        if r.period.end <= up_to.end and (span is None or r.period.within(span))
    ]
    return max(found, key=lambda x: (x[0], x[1]))[2] if found else None


def _unit_light(
    unit: str,
    history: list[tuple[int, Report]],
    period: Period | None,
    before: Period | None,
    deadline: dt.date,
    as_of: dt.date,
) -> UnitLight:
    if period is None:
        return UnitLight(unit, Light.GREEN, "未到报送期", None, None)
    last = _latest(history, None, period)
    # Each earlier period by its report that counts: a 已完成 corrected away reopens nothing.
    counted = {r.period: r for _, r in sorted(history, key=lambda x: x[0])}
    reopened = (
        last is not None
        and last.status is not Status.DONE
        and any(
            r.status is Status.DONE and r.period.end < last.period.end for r in counted.values()
        )
    )
    if last is not None and last.status is Status.DONE:
        return UnitLight(unit, Light.GREEN, "已完成", Status.DONE, last)
    now = last if last is not None and last.period.within(period) else None
    status = now.status if now is not None else None
    if deadline < as_of:
        return UnitLight(
            unit, Light.RED, f"已超期（截止 {deadline.isoformat()}）", status, last, reopened
        )
    if before is not None:
        earlier = _latest(history, before, before)
        bad_now = status is None or status is Status.LAGGING
        if bad_now and (earlier is None or earlier.status is Status.LAGGING):
            return UnitLight(unit, Light.RED, "连续两期滞后或未报送", status, last, reopened)
    if now is None:
        return UnitLight(unit, Light.YELLOW, f"{period} 未报送", None, last, reopened)
    if now.status in (Status.LAGGING, Status.NOT_STARTED):
        said = f"{now.period} {now.status.value}"  # the report's own period (a quarter's month)
        return UnitLight(unit, Light.YELLOW, said, now.status, last, reopened)
    if deadline - as_of <= SOON:
        return UnitLight(
            unit, Light.BLUE, f"临近截止（{deadline.isoformat()}）", now.status, last, reopened
        )
    return UnitLight(unit, Light.GREEN, now.status.value, now.status, last, reopened)


def _task_light(
    task: Task,
    units: tuple[UnitLight, ...],
    period: Period | None,
    deadline: dt.date,
    source: str,
    as_of: dt.date,
) -> TaskLight:
    statuses = [u.status for u in units if u.status is not None]
    status = max(statuses, key=lambda s: SEVERITY[s]) if statuses else None
    missing = tuple(u.unit for u in units if u.status is None) if period is not None else ()
    done = all(u.status is Status.DONE for u in units)
    if done:
        return TaskLight(task, Light.GREEN, "已完成", Status.DONE, deadline, (), units, source)
    if deadline < as_of:
        reason = f"已超期（截止 {deadline.isoformat()}）"
        if len(units) > 1:
            reason += "，未完成：" + "、".join(u.unit for u in units if u.status is not Status.DONE)
        return TaskLight(task, Light.RED, reason, status, deadline, missing, units, source)
    worst = min(units, key=lambda u: _RANK[u.light]).light
    if worst in (Light.RED, Light.YELLOW):
        behind = [u for u in units if u.light is worst]
        if len(units) == 1:
            reason = behind[0].reason
        else:
            reason = "；".join(f"{u.unit}：{u.reason}" for u in behind)
        return TaskLight(task, worst, reason, status, deadline, missing, units, source)
    if deadline - as_of <= SOON:
        return TaskLight(
            task,
            Light.BLUE,
            f"临近截止（{deadline.isoformat()}）",
            status,
            deadline,
            missing,
            units,
            source,
        )
    reason = status.value if status is not None else "未到报送期"
    if any(u.reopened for u in units):
        reason += "（此前报过已完成）"
    return TaskLight(task, Light.GREEN, reason, status, deadline, missing, units, source)


def progress_filter(
    task_lights: Iterable[TaskLight],
    *,
    status: Status | None = None,
    light: Light | None = None,
    overdue: bool = False,
    due_before: dt.date | None = None,
    as_of: dt.date,
) -> set[int]:
    """The ids of the tasks that pass the progress filters of `tasks`."""
    return {
        x.task.id
        for x in task_lights
        if (status is None or x.status is status)
        and (light is None or x.light is light)
        and (not overdue or (x.deadline < as_of and x.status is not Status.DONE))
        and (due_before is None or x.deadline < due_before)
    }
