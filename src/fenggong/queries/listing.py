"""The registries with their task counts (what `leaders`, `units`, `towns`, `sections` list)
and the full description of a task (`show`)."""

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from fenggong.errors import UsageError
from fenggong.plan.kinds import Role, TownBasis, UnitKind, kind_label
from fenggong.plan.model import Plan, Task
from fenggong.textnorm import fold


class NameCount(NamedTuple):
    """A name with how many tasks it appears in."""

    name: str
    #: Extra facts for the listing (kind label, aliases).
    detail: str = ""
    aliases: tuple[str, ...] = ()
    lead: int = 0
    related: int = 0
    total: int = 0


def leader_counts(plan: Plan) -> list[NameCount]:
    """Each leader and the number of tasks they are responsible for."""
    counts = Counter(name for t in plan.tasks for name in t.leaders)
    return [NameCount(name=x.name, aliases=x.aliases, total=counts[x.name]) for x in plan.leaders]


def unit_counts(plan: Plan, kinds: frozenset[UnitKind] | None = None) -> list[NameCount]:
    """Each unit (optionally of some kinds) with lead, related and total task counts."""
    lead = Counter(u for t in plan.tasks for u in t.lead_units)
    related = Counter(u for t in plan.tasks for u, r in t.units if r is Role.RELATED)
    return [
        NameCount(
            name=u.name,
            detail=u.kind.value,
            aliases=u.aliases,
            lead=lead[u.name],
            related=related[u.name],
            total=lead[u.name] + related[u.name],
        )
        for u in plan.units
        if kinds is None or u.kind in kinds
    ]


def section_counts(plan: Plan) -> list[NameCount]:
    """Each section with its number of tasks."""
    counts = Counter(t.section for t in plan.tasks)
    return [NameCount(name=s.id, detail=s.title, total=counts[s.id]) for s in plan.sections]


class TaskDetail(NamedTuple):
    """Everything `show` tells about one task."""

    task: Task
    category_title: str
    section_title: str
    #: Related units grouped by kind label, in kind order.
    related_by_kind: tuple[tuple[str, tuple[str, ...]], ...]
    #: Each town touched with every basis, strongest first.
    towns: tuple[tuple[str, tuple[TownBasis, ...]], ...]


def parse_ids(words: Iterable[str]) -> list[int]:
    """Task numbers as staff write them: 57 58, 57,58, 57、58, 57-60 (full-width too)."""
    ids: list[int] = []
    for word in words:
        for piece in re.split(r"[,，、;；\s]+", fold(word)):
            if not piece:
                continue
            start, dash, end = piece.partition("-")
            if not start.isdecimal() or (dash and not end.isdecimal()) or len(piece) > 15:
                raise UsageError(f"任务序号「{word}」看不懂：请写 57、57,58 或 57-60")
            low, high = int(start), int(end) if dash else int(start)
            if high < low or high - low > 1000:
                raise UsageError(
                    f"任务序号范围「{piece}」不对：请写 57-60 这样从小到大、不超过 1000 项的范围"
                )
            ids += range(low, high + 1)
    return ids


def describe_tasks(plan: Plan, ids: Iterable[int]) -> tuple[TaskDetail, ...]:
    """The details of each task asked for, once each; `UsageError` for an id not in the plan."""
    details = []
    for task_id in dict.fromkeys(ids):
        task = plan.task(task_id)
        if task is None:
            top = max(t.id for t in plan.tasks)
            raise UsageError(
                f"没有第 {task_id} 项任务（本方案共 {len(plan.tasks)} 项，序号 1–{top}）"
            )
        details.append(describe_task(plan, task))
    return tuple(details)


def describe_task(plan: Plan, task: Task) -> TaskDetail:
    """The facts `show` prints for a task."""
    groups: dict[UnitKind, list[str]] = {}
    for name in task.related_units:
        groups.setdefault(plan.unit(name).kind, []).append(name)
    return TaskDetail(
        task=task,
        category_title=plan.category(task.category).title,
        section_title=plan.section(task.section).title,
        related_by_kind=tuple(
            (kind_label(kind, plan.meta.level), tuple(groups[kind]))
            for kind in UnitKind
            if kind in groups
        ),
        towns=tuple(plan.town_bases(task).items()),
    )
