"""One loader for every command that reads progress: the store's reports, deadlines and
periods, the period in question and each task's light for it — read-only, never creating
a store.

    sup = supervision(plan, data, log, as_of=day)           # period: the latest begun
    when = latest_period(plan, data, log, as_of=day)        # …or an error saying why none
    sup.lights          # TaskLight per task (light, reason, units behind, missing units)
    sup.reports         # every report, oldest first, with its 进展/问题/措施 text
    sup.remind()        # 催办: lead unit → the tasks it has not reported this period
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from fenggong.errors import UsageError
from fenggong.progress.lights import TaskLight, current_period, lights
from fenggong.progress.location import read_store
from fenggong.progress.model import Deadline, Period, Report

if TYPE_CHECKING:
    from fenggong.plan.model import Plan, Task


class Supervision(NamedTuple):
    """What a command needs of progress for one period."""

    #: The store read (None: there is none yet).
    store: Path | None
    reports: tuple[Report, ...]
    deadlines: Mapping[int, Deadline]
    #: The reporting periods that exist, earliest first.
    periods: tuple[Period, ...]
    #: The period the lights are for (None: no period exists yet).
    period: Period | None
    as_of: dt.date
    lights: tuple[TaskLight, ...]

    @property
    def reported(self) -> bool:
        """Whether any report was recorded in the period."""
        p = self.period
        return p is not None and any(r.period.within(p) for r in self.reports)

    def remind(self) -> dict[str, list[int]]:
        """催办: each lead unit that has not reported this period → its task ids, in plan
        order (co-leads each named; units whose latest report is 已完成 left out)."""
        return remind(self.lights)

    def light_of(self) -> dict[int, TaskLight]:
        """Each task's light by its id."""
        return {x.task.id: x for x in self.lights}


def remind(task_lights: Iterable[TaskLight]) -> dict[str, list[int]]:
    """Each lead unit that has not reported → its task ids (the 催办 list and the 通报's
    未报送 list both come from here)."""
    out: dict[str, list[int]] = {}
    for light in task_lights:
        for unit in light.missing:
            out.setdefault(unit, []).append(light.task.id)
    return out


def latest_period(plan: Plan, data: Path | None, log: Path | None, *, as_of: dt.date) -> Period:
    """The period a 通报, 进展汇总 or 催办 is for when none is named: the latest existing one
    begun by `as_of`, as `status` takes it. `UsageError` saying why when there is none."""
    store = read_store(plan, data, log, strict=True)
    periods: list[Period] = []
    if store is not None:
        with store:
            periods = store.periods()
    found = current_period(periods, as_of)
    if found is not None:
        return found
    if periods:
        raise UsageError(
            f"到 {as_of.isoformat()} 还没有开始的报送期（最早的是 {periods[0]}）："
            "用 --as-of 或 --period 指定"
        )
    raise UsageError(
        "进展库里还没有报送期（没出过台账，也没记过报送）：先用 ledger 和 collect 或 progress"
        " 记入报送，或用 --period 指定，如 --period 2023-05"
    )


def supervision(
    plan: Plan,
    data: Path | None,
    log: Path | None = None,
    *,
    as_of: dt.date,
    period: Period | None = None,
    strict: bool = False,
    tasks: Iterable[Task] | None = None,
) -> Supervision:
    """The progress of `plan` for `period` (None: the latest existing period begun by
    `as_of`), from its store opened read-only. `strict`: another plan's store is an error
    (督办 commands), else it is ignored (queries)."""
    store = read_store(plan, data, log, strict=strict)
    if store is None:
        reports: list[Report] = []
        deadlines: dict[int, Deadline] = {}
        periods: list[Period] = []
        path = None
    else:
        with store:
            reports, deadlines, periods = store.reports(), store.deadlines(), store.periods()
        path = store.path
    when = period or current_period(periods, as_of)
    result = lights(
        plan, reports, deadlines, as_of=as_of, period=when, periods=periods, tasks=tasks
    )
    return Supervision(path, tuple(reports), deadlines, tuple(periods), when, as_of, tuple(result))
