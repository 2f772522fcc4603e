"""Progress as the query commands (`tasks`, `show`) read it: filtered by light or status,
with the deadline in force, with light/reason/status columns — always read-only, never
creating a store. Not a command module: a helper beside `options.py`."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fenggong.errors import UsageError

if TYPE_CHECKING:
    from fenggong.plan.model import Plan, Task
    from fenggong.progress.model import Period
    from fenggong.queries.filters import TaskRow


def by_progress(
    plan: "Plan",
    rows: list["TaskRow"],
    data: Path | None,
    log: Path | None,
    as_of: str | None,
    wanted: tuple[str | None, str | None, str | None],
    overdue: bool,
    period: str | None = None,
) -> list["TaskRow"]:
    """The rows whose progress passes `--status`, `--light`, `--due-before`, `--overdue`
    (read from the store without creating one)."""
    from fenggong.errors import NoMatch
    from fenggong.progress.dates import as_of_day, day_or
    from fenggong.progress.lights import Light, progress_filter
    from fenggong.progress.model import parse_status
    from fenggong.progress.supervision import supervision

    status, light, due_before = wanted
    if light is not None and light not in {x.value for x in Light}:
        raise UsageError(f"--light「{light}」应为 红、黄、蓝、绿 之一")
    today = as_of_day(plan.meta.issued.year, as_of)
    sup = supervision(plan, data, log, as_of=today, period=_period(plan, period))
    passing = progress_filter(
        sup.lights,
        status=parse_status(status) if status else None,
        light=Light(light) if light else None,
        overdue=overdue,
        due_before=day_or(due_before, "--due-before", plan.meta.issued.year, today)
        if due_before
        else None,
        as_of=today,
    )
    kept = [r for r in rows if r.task.id in passing]
    if not kept:
        when = f"报送期 {sup.period} " if period else "最近的报送期"
        raise NoMatch(f"没有符合条件的任务（进展按 --as-of 那天〔默认今天〕和{when}算）")
    return kept


def wants_progress(columns: str) -> bool:
    """Whether `--columns` asks for a task's light, reason or status."""
    from fenggong.present.answers.tasks import PROGRESS_COLUMNS

    names = {n.strip() for n in columns.replace("，", ",").split(",")}
    return any(c.key in names or c.header in names for c in PROGRESS_COLUMNS)


def with_progress(
    plan: "Plan",
    rows: list["TaskRow"],
    data: Path | None,
    log: Path | None,
    as_of: str | None,
    *,
    always: bool = False,
    period: str | None = None,
) -> list["TaskRow"]:
    """Each row with its light, reason, status this period and where its deadline comes
    from (read-only); without a store, the rows as they are unless `always`."""
    if not always and as_of is None and not has_store(plan, data, log):
        return rows  # without loading the supervision modules (a third of `show`'s run)
    from fenggong.progress.dates import as_of_day
    from fenggong.progress.supervision import supervision

    day = as_of_day(plan.meta.issued.year, as_of)
    sup = supervision(plan, data, log, as_of=day, period=_period(plan, period))
    if sup.store is None and not always:
        return rows
    lit = sup.light_of()
    return [
        r._replace(
            progress=(
                (x := lit[r.task.id]).light.value,
                x.reason,
                x.status.value if x.status else "未报送",
                x.deadline_source,
            )
        )
        for r in rows
    ]


def has_store(plan: "Plan", data: Path | None, log: Path | None) -> bool:
    """Whether the plan has a progress store (whose, is checked on opening it)."""
    from fenggong.progress.location import store_path

    return store_path(plan, data, log).is_file()


def set_deadlines(
    plan: "Plan", data: Path | None, log: Path | None, *, effective: bool = False
) -> "Callable[[Task], Task] | None":
    """Each task with the deadline the 督查室 set, when the plan has a progress store (read
    without creating one); `effective`: every task with the deadline in force (the
    督查室's, else the plan's, else the year's end)."""
    from fenggong.progress.location import read_store

    store = read_store(plan, data, log)
    if store is None and not effective:
        return None
    from fenggong.progress.lights import due, with_set_deadline

    deadlines = {}
    if store is not None:
        with store:
            deadlines = store.deadlines()
    if effective:
        return lambda task: task._replace(deadline=due(plan, task, deadlines))
    return lambda task: with_set_deadline(task, deadlines)


def _period(plan: "Plan", text: str | None) -> "Period | None":
    """`--period` as the 督办 commands read it (None: the latest period begun by the day)."""
    if text is None:
        return None
    from fenggong.progress.model import plan_period

    return plan_period(plan, text, force=True)
