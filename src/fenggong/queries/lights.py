"""Each task's light, computed from the plan, the reports and the deadlines, never stored.

The rules, strongest first (README has them as a table):
- 绿 when the task is reported 已完成;
- 红 when its deadline has passed, or it was 滞后 or not reported two periods running;
- 黄 when this period it is 滞后 or 未启动, or not reported;
- 蓝 when its deadline is within 30 days;
- 绿 otherwise (超序时, 序时推进, 持续推进).
A task's reports are its lead units'; a deadline the 督查室 set beats the plan's 完成时限, and a
task with neither is due at the end of the plan's year.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple

from fenggong.plan.model import Plan, Task
from fenggong.progress.model import Deadline, Period, Report, Status

#: How close a deadline makes a task 蓝.
SOON = dt.timedelta(days=30)


class Light(StrEnum):
    """A task's light, worst first."""

    RED = "红"
    YELLOW = "黄"
    BLUE = "蓝"
    GREEN = "绿"


class TaskLight(NamedTuple):
    """A task's light and why."""

    task: Task
    light: Light
    reason: str
    #: The latest status its lead units reported this period (None: not reported).
    status: Status | None
    deadline: dt.date
    #: The lead units that have not reported this period.
    missing: tuple[str, ...] = ()


def with_set_deadline(task: Task, deadlines: Mapping[int, Deadline]) -> Task:
    """The task with the deadline the 督查室 set for it, where it set one (that beats the
    plan's 完成时限)."""
    found = deadlines.get(task.id)
    return task if found is None else task._replace(deadline=found.deadline)


def due(plan: Plan, task: Task, deadlines: Mapping[int, Deadline]) -> dt.date:
    """When the task is due: the 督查室's deadline, else the plan's, else the year's end."""
    return with_set_deadline(task, deadlines).deadline or dt.date(plan.meta.issued.year, 12, 31)


def latest_period(reports: Iterable[Report], as_of: dt.date) -> Period | None:
    """The latest period anything was reported for that had begun by `as_of`."""
    periods = [r.period for r in reports if r.period.start <= as_of]
    return max(periods, key=lambda p: p.end, default=None)


def lights(
    plan: Plan,
    reports: Sequence[Report],
    deadlines: Mapping[int, Deadline],
    *,
    as_of: dt.date,
    period: Period | None,
    tasks: Iterable[Task] | None = None,
) -> list[TaskLight]:
    """Every task's light (or those of `tasks`), in plan order."""
    latest: dict[tuple[int, Period], Report] = {}
    done: set[int] = set()
    for report in reports:
        if period is not None and report.period.end > period.end:
            continue
        latest[(report.task, report.period)] = report
        if report.status is Status.DONE:
            done.add(report.task)
    reported: dict[tuple[int, Period], set[str]] = {}
    for report in reports:
        reported.setdefault((report.task, report.period), set()).add(report.unit)
    out = []
    for task in tasks if tasks is not None else plan.tasks:
        deadline = due(plan, task, deadlines)
        now = latest.get((task.id, period)) if period is not None else None
        before = latest.get((task.id, period.previous())) if period is not None else None
        missing = (
            tuple(u for u in task.lead_units if u not in reported.get((task.id, period), set()))
            if period is not None
            else ()
        )
        status = now.status if now is not None else None
        light, reason = _light(task.id in done, status, before, period, deadline, as_of)
        out.append(TaskLight(task, light, reason, status, deadline, missing))
    return out


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
        and (not overdue or (x.deadline < as_of and x.reason != "已完成"))
        and (due_before is None or x.deadline < due_before)
    }


def _light(
    finished: bool,
    status: Status | None,
    before: Report | None,
    period: Period | None,
    deadline: dt.date,
    as_of: dt.date,
) -> tuple[Light, str]:
    if finished:
        return Light.GREEN, "已完成"
    if deadline < as_of:
        return Light.RED, f"已超期（截止 {deadline.isoformat()}）"
    if period is not None:
        bad_now = status is None or status is Status.LAGGING
        bad_before = before is None or before.status is Status.LAGGING
        if bad_now and bad_before:
            return Light.RED, "连续两期滞后或未报送"
        if status is None:
            return Light.YELLOW, f"{period} 未报送"
        if status in (Status.LAGGING, Status.NOT_STARTED):
            return Light.YELLOW, f"{period} {status.value}"
    if deadline - as_of <= SOON:
        return Light.BLUE, f"临近截止（{deadline.isoformat()}）"
    return Light.GREEN, status.value if status is not None else "未到报送期"
