"""What the 督查室's monthly pack says, as typed records (NamedTuples, as the plan's: cheaper
to define than dataclasses on a path that runs once per command) the writers lay out: the 进展汇总
(each task and lead unit's latest report, its light, and its history), the 督查通报 and the
催办通知. Built by small functions from the plan, the store's reports and deadlines, and the
lights; nothing here knows a file format."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from fenggong.plan.model import Plan, Task
from fenggong.progress.lights import Light, TaskLight, UnitLight
from fenggong.progress.model import Period, Report, Status, parse_period
from fenggong.progress.supervision import Supervision

_QUARTERS = "一二三四"


def period_words(period: Period) -> str:
    """A period as a 公文 writes it: 2023年5月, 2023年第二季度."""
    if period.kind == "Q":
        return f"{period.year}年第{_QUARTERS[period.number - 1]}季度"
    if period.kind == "H":
        return f"{period.year}年{'上下'[period.number - 1]}半年"
    return f"{period.year}年{period.number}月"


#: A day (2023-06-30) or a period (2023-05, 2023-Q2, 2023-H1, and the space after it).
_DAY_OR_PERIOD = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{4}-(?:\d{2}|Q[1-4]|H[12]))(?![\d-]) ?")


def in_words(text: str) -> str:
    """A light's reason with its days and periods as a 公文 writes them: 2023-05 滞后 →
    2023年5月滞后, 2023-Q2 未报送 → 2023年第二季度未报送, 截止 2023-06-30 → 截止 2023年6月30日."""

    def words(found: re.Match[str]) -> str:
        if found[4] is not None:
            return period_words(parse_period(found[4]))
        return day_words(dt.date(int(found[1]), int(found[2]), int(found[3])))

    return _DAY_OR_PERIOD.sub(words, text)


def day_words(day: dt.date) -> str:
    """A day as a 公文 writes it: 2023年6月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


class ProgressLine(NamedTuple):
    """A task and one of its lead units: the latest report up to the period, and the light."""

    #: The task (with the deadline the 督查室 set, where it set one).
    task: Task
    #: The lead unit the line is about.
    unit: str
    #: The unit's latest report up to the period (None: never reported).
    report: Report | None
    #: The unit's own light for the period, and why (as `status --by unit` counts it; a
    #: co-lead on time is not painted with another's lag); the task's where it has none.
    light: TaskLight | UnitLight


class Summary(NamedTuple):
    """The 进展汇总: one line per task and lead unit, and each line's status period by period."""

    plan: Plan
    period: Period
    as_of: dt.date
    lines: tuple[ProgressLine, ...]
    #: The periods reported up to this one, oldest first (the 历史 sheet's columns).
    periods: tuple[Period, ...]
    #: (task, unit) → the status reported in each of `periods` ("" where none).
    history: Mapping[tuple[int, str], tuple[str, ...]]


def summary_of(plan: Plan, sup: Supervision) -> Summary:
    """The 进展汇总 for the period `sup` is for: reports after it are left out."""
    period, as_of, reports = _period_of(sup), sup.as_of, sup.reports
    upto = [r for r in reports if r.period.end <= period.end]
    latest: dict[tuple[int, str], Report] = {}
    by_period: dict[tuple[int, str, Period], Report] = {}
    for report in sorted(upto, key=lambda r: r.period.end):  # stable: recorded order within
        latest[(report.task, report.unit)] = report
        by_period[(report.task, report.unit, report.period)] = report
    periods = tuple(sorted({r.period for r in upto}, key=lambda p: (p.end, p.kind != "M")))
    lines = []
    history: dict[tuple[int, str], tuple[str, ...]] = {}
    for light in sup.lights:
        own = {u.unit: u for u in light.units}
        for unit in light.task.lead_units:
            key = (light.task.id, unit)
            lines.append(
                ProgressLine(
                    task=light.task, unit=unit, report=latest.get(key), light=own.get(unit, light)
                )
            )
            history[key] = tuple(
                found.status.value if (found := by_period.get((*key, p))) else "" for p in periods
            )
    return Summary(
        plan=plan,
        period=period,
        as_of=as_of,
        lines=tuple(lines),
        periods=periods,
        history=history,
    )


class BehindTask(NamedTuple):
    """A task lagging or overdue, with what its lead units wrote about it."""

    task: Task
    reason: str
    #: The 存在问题 and 下一步措施 its lead units reported for the period (joined per unit).
    problems: str
    next_steps: str


class Notice(NamedTuple):
    """The 督查通报 for a period."""

    plan: Plan
    period: Period
    as_of: dt.date
    total: int
    #: Tasks per status this period (未报送 included), in the fixed order.
    statuses: tuple[tuple[str, int], ...]
    #: Tasks per light, 红 to 绿.
    lights: tuple[tuple[str, int], ...]
    #: Units praised: the tasks they reported 已完成 or 超序时 this period.
    praised: tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]
    behind: tuple[BehindTask, ...]
    #: Units that did not report, with the tasks they owe.
    silent: tuple[tuple[str, tuple[int, ...]], ...]
    #: Tasks reported 已完成 before and not finished now (a later report reopened them).
    reopened: tuple[Task, ...] = ()


def notice_of(plan: Plan, sup: Supervision, tasks: Sequence[Task] | None = None) -> Notice:
    """The 通报's content: figures, 表扬, the lagging and overdue tasks with their problems and
    next steps, and who did not report (for `tasks`: a leader's pack)."""
    period, as_of = _period_of(sup), sup.as_of
    wanted = None if tasks is None else {t.id for t in tasks}
    task_lights = [x for x in sup.lights if wanted is None or x.task.id in wanted]
    now = _reported_in(sup.reports, period)
    counts = Counter(x.status_word for x in task_lights)
    order = [s.value for s in Status] + ["未报送"]
    done: dict[str, list[int]] = {}
    ahead: dict[str, list[int]] = {}
    for (task_id, unit), report in sorted(now.items()):
        if report.status is Status.DONE:
            done.setdefault(unit, []).append(task_id)
        elif report.status is Status.AHEAD:
            ahead.setdefault(unit, []).append(task_id)
    shown = {x.task.id for x in task_lights}
    praised = tuple(
        (
            unit,
            tuple(i for i in done.get(unit, ()) if i in shown),
            tuple(i for i in ahead.get(unit, ()) if i in shown),
        )
        for unit in sorted(done.keys() | ahead.keys(), key=lambda u: (-len(done.get(u, ())), u))
    )
    behind = []
    for light in task_lights:
        said = [now[(light.task.id, u)] for u in light.task.lead_units if (light.task.id, u) in now]
        # Behind: red, or any of its lead units reported 滞后 (whatever the others said).
        lagging = any(r.status is Status.LAGGING for r in said)
        if light.light.value != "红" and not lagging:
            continue
        behind.append(
            BehindTask(
                task=light.task,
                # The light's own words (status and notice say the same): which unit is
                # behind and, in a quarter, the month of the report it rests on.
                reason=light.reason,
                problems=_joined(said, "problems"),
                next_steps=_joined(said, "next_steps"),
            )
        )
    silent: dict[str, list[int]] = {}
    for light in task_lights:
        for unit in light.missing:
            silent.setdefault(unit, []).append(light.task.id)
    return Notice(
        plan=plan,
        period=period,
        as_of=as_of,
        total=len(task_lights),
        statuses=tuple((s, counts[s]) for s in order if counts.get(s)),
        lights=tuple(
            (light, sum(x.light.value == light for x in task_lights)) for light in "红黄蓝绿"
        ),
        praised=tuple(p for p in praised if p[1] or p[2]),
        behind=tuple(behind),
        silent=tuple(
            (u, tuple(ids))
            for u, ids in sorted(silent.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ),
        reopened=tuple(x.task for x in task_lights if x.reopened),
    )


def _joined(reports: Sequence[Report], field: str) -> str:
    texts = [(r.unit, str(getattr(r, field)).strip()) for r in reports]
    texts = [(u, t) for u, t in texts if t]
    if len(texts) == 1:
        return texts[0][1]
    return "；".join(f"{u}：{t}" for u, t in texts)


class Reminder(NamedTuple):
    """A 催办通知 to one unit."""

    unit: str
    period: Period
    #: The tasks it has not reported this period, and those it reported 滞后 (or are red).
    missing: tuple[Task, ...]
    lagging: tuple[tuple[Task, str], ...]


def reminders_of(plan: Plan, sup: Supervision) -> tuple[Reminder, ...]:
    """One reminder per lead unit that has not reported or is lagging, in plan order (the
    units missing are the lights' own: the 催办 list of `collect` and `status`)."""
    period = _period_of(sup)
    missing: dict[str, list[Task]] = {}
    lagging: dict[str, list[tuple[Task, str]]] = {}
    for light in sup.lights:
        for own in light.units:  # each lead unit by its own light, not its co-leads'
            if own.unit in light.missing:
                missing.setdefault(own.unit, []).append(light.task)
            elif own.status is Status.LAGGING and own.report is not None:
                # The report's own period: in a quarter, the month it reported 滞后.
                said = f"{own.report.period} 滞后"
                lagging.setdefault(own.unit, []).append((light.task, said))
            elif own.light is Light.RED:
                lagging.setdefault(own.unit, []).append((light.task, own.reason))
    units = list(dict.fromkeys(u for t in plan.tasks for u in t.lead_units))
    return tuple(
        Reminder(
            unit=unit,
            period=period,
            missing=tuple(missing.get(unit, ())),
            lagging=tuple(lagging.get(unit, ())),
        )
        for unit in units
        if unit in missing or unit in lagging
    )


def _period_of(sup: Supervision) -> Period:
    """The period the pack is for (the commands refuse a store without one)."""
    assert sup.period is not None, "a monthly pack needs a reporting period"
    return sup.period


def _reported_in(reports: Sequence[Report], period: Period) -> dict[tuple[int, str], Report]:
    """Each (task, unit)'s report for `period`: its latest within the span (a quarter takes a
    unit's last month), the latest recorded where a unit corrected itself."""
    now: dict[tuple[int, str], Report] = {}
    for report in sorted(reports, key=lambda r: r.period.end):  # stable: recorded order within
        if report.period.within(period):
            now[(report.task, report.unit)] = report
    return now
