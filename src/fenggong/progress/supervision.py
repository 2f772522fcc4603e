"""One loader for every command that reads progress: the store's reports, deadlines and
periods, the period in question and each task's light for it — read-only, never creating
a store.

    sup = supervision(plan, data, log, as_of=day)           # period: the latest begun
    sup.lights          # TaskLight per task (light, reason, units behind, missing units)
    sup.reports         # every report, oldest first, with its 进展/问题/措施 text
    sup.remind()        # 催办: lead unit → the tasks it has not reported this period
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

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
