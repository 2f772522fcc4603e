"""Pure filters and aggregations over the model. Every figure the tool shows comes from here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from fenggong.model import Plan, Role, Task, TownBasis, UnitKind
from fenggong.textnorm import fold

#: What `--town` matches when no basis is asked for.
DEFAULT_BASES = frozenset({TownBasis.NAMED, TownBasis.ALL_TOWNS})


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskFilter:
    """The filters of `fenggong tasks`: OR within a field, AND across fields; empty = any."""

    leaders: tuple[str, ...] = ()
    lead_units: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()
    bases: frozenset[TownBasis] = DEFAULT_BASES
    keywords: tuple[str, ...] = ()
    categories: tuple[int, ...] = ()
    sections: tuple[str, ...] = ()
    ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskRow:
    """A task that passed the filters, with what the filters learned about it."""

    task: Task
    #: For `--unit`/`--lead`: each asked unit involved and its role.
    roles: tuple[tuple[str, Role], ...] = ()
    #: For `--town`: each asked town and the strongest basis that matched.
    bases: tuple[tuple[str, TownBasis], ...] = ()
    #: For `--fuzzy`: similarity 0–100.
    score: float | None = None


def select_tasks(plan: Plan, flt: TaskFilter) -> list[TaskRow]:
    """The tasks passing every filter, in plan order."""
    keywords = [fold(k) for k in flt.keywords]
    rows: list[TaskRow] = []
    for task in plan.tasks:
        if flt.ids and task.id not in flt.ids:
            continue
        if flt.categories and task.category not in flt.categories:
            continue
        if flt.sections and task.section not in flt.sections:
            continue
        if flt.leaders and not set(flt.leaders) & set(task.leaders):
            continue
        if flt.lead_units and not set(flt.lead_units) & set(task.lead_units):
            continue
        if keywords and not any(k in fold(task.text) for k in keywords):
            continue
        role_units = flt.units or flt.lead_units
        roles = tuple((u, r) for u in role_units if (r := task.role_of(u)) is not None)
        if flt.units and not roles:
            continue
        bases = _town_matches(plan, task, flt.towns, flt.bases)
        if flt.towns and not bases:
            continue
        rows.append(TaskRow(task=task, roles=roles, bases=bases))
    return rows


def _town_matches(
    plan: Plan, task: Task, towns: tuple[str, ...], wanted: frozenset[TownBasis]
) -> tuple[tuple[str, TownBasis], ...]:
    if not towns:
        return ()
    all_bases = plan.town_bases(task)
    out: list[tuple[str, TownBasis]] = []
    for town in towns:
        matched = [b for b in all_bases.get(town, ()) if b in wanted]
        if matched:
            out.append((town, matched[0]))
    return tuple(out)


def rank_fuzzy(rows: Iterable[TaskRow], query: str, limit: int) -> list[TaskRow]:
    """Rows ranked by similarity of their text to `query`, best first, at most `limit`."""
    from rapidfuzz import fuzz

    wanted = fold(query)
    scored = [
        TaskRow(
            task=row.task,
            roles=row.roles,
            bases=row.bases,
            score=round(fuzz.partial_ratio(wanted, fold(row.task.text)), 1),
        )
        for row in rows
    ]
    scored.sort(key=lambda r: (-(r.score or 0.0), r.task.id))
    return scored[:limit]


# -- registries with counts -----------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class NameCount:
    """A name with how many tasks it appears in."""

    name: str
    #: Extra facts for the listing (kind label, aliases).
    detail: str = ""
    aliases: tuple[str, ...] = ()
    lead: int = 0
    related: int = 0
    total: int = 0
    extra: dict[str, int] = field(default_factory=dict)


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


def town_counts(plan: Plan) -> list[NameCount]:
    """Each town with the number of tasks it carries on each basis (strongest basis wins)."""
    per_town: dict[str, Counter[TownBasis]] = {t.name: Counter() for t in plan.towns}
    for task in plan.tasks:
        for town, bases in plan.town_bases(task).items():
            per_town[town][bases[0]] += 1
    out = []
    for place in plan.towns:
        counter = per_town[place.name]
        out.append(
            NameCount(
                name=place.name,
                aliases=place.aliases,
                total=counter[TownBasis.NAMED] + counter[TownBasis.ALL_TOWNS],
                extra={b.value: counter[b] for b in TownBasis},
            )
        )
    return out


def section_counts(plan: Plan) -> list[NameCount]:
    """Each section with its number of tasks."""
    counts = Counter(t.section for t in plan.tasks)
    return [NameCount(name=s.id, detail=s.title, total=counts[s.id]) for s in plan.sections]


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskDetail:
    """Everything `show` tells about one task."""

    task: Task
    category_title: str
    section_title: str
    #: Related units grouped by kind label, in kind order.
    related_by_kind: tuple[tuple[str, tuple[str, ...]], ...]
    #: Each town touched with every basis, strongest first.
    towns: tuple[tuple[str, tuple[TownBasis, ...]], ...]


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
            (kind.label, tuple(groups[kind])) for kind in UnitKind if kind in groups
        ),
        towns=tuple(plan.town_bases(task).items()),
    )
