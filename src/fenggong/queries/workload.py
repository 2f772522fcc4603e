"""Workload summaries and the overview: pure functions over the model.

Every figure the tool shows comes from here and its sibling modules (`brief.py`,
`overlap.py`, `listing.py`); views and writers never recount.
"""

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple, assert_never

from fenggong.errors import NoMatch
from fenggong.plan.kinds import DEFAULT_BASES, Role, TownBasis, UnitKind
from fenggong.plan.model import Plan, Task
from fenggong.queries import ranked
from fenggong.queries.requests import By


class UnitLoad(NamedTuple):
    """A unit's share of the tasks counted."""

    name: str
    kind: UnitKind
    #: Tasks it leads, co-led ones included.
    lead: int
    #: Of those, tasks with another lead unit too.
    co_lead: int
    #: Tasks where it is a related unit (配合).
    related: int

    @property
    def total(self) -> int:
        """Every task it takes part in (each task once)."""
        return self.lead + self.related


class UnitWorkload(NamedTuple):
    """Real units ranked by load, and collective references kept apart."""

    units: tuple[UnitLoad, ...]
    collectives: tuple[UnitLoad, ...]


def unit_workload(
    plan: Plan, tasks: Sequence[Task], kinds: frozenset[UnitKind] | None = None
) -> UnitWorkload:
    """Lead, co-lead, related and total per unit; sorted by total, ties by name. All of a
    large plan's tasks are counted from its indexes, without decoding one."""
    lead: Counter[str] = Counter()
    co_lead: Counter[str] = Counter()
    related: Counter[str] = Counter()
    counts = plan.unit_counts() if tasks is plan.tasks else None
    for name, (led, co_led, supported) in (counts or {}).items():
        lead[name], co_lead[name], related[name] = led, co_led, supported
    for task in tasks if counts is None else ():
        for name, role in task.units:
            if role is Role.LEAD:
                lead[name] += 1
                co_lead[name] += len(task.lead_units) > 1
            else:
                related[name] += 1
    loads = [
        UnitLoad(
            name=u.name,
            kind=u.kind,
            lead=lead[u.name],
            co_lead=co_lead[u.name],
            related=related[u.name],
        )
        for u in plan.units
        if lead[u.name] + related[u.name] > 0
        # A town's own count is workload --by town's (its 各镇政府 tasks are not in these).
        and (u.kind in kinds if kinds is not None else u.kind is not UnitKind.TOWN)
    ]
    loads.sort(key=lambda x: (-x.total, x.name))
    return UnitWorkload(
        units=tuple(x for x in loads if x.kind is not UnitKind.COLLECTIVE),
        collectives=tuple(x for x in loads if x.kind is UnitKind.COLLECTIVE),
    )


class LeaderLoad(NamedTuple):
    """A leader's tasks and the lead units under them."""

    name: str
    tasks: int
    #: Lead units of the leader's tasks with how many tasks each, most first.
    lead_units: tuple[tuple[str, int], ...]


def leader_workload(plan: Plan, tasks: Sequence[Task]) -> tuple[LeaderLoad, ...]:
    """Tasks per leader, most first, ties in registry order."""
    out = []
    for leader in plan.leaders:
        theirs = [t for t in tasks if leader.name in t.leaders]
        if theirs:
            units = Counter(u for t in theirs for u in t.lead_units)
            out.append(LeaderLoad(name=leader.name, tasks=len(theirs), lead_units=ranked(units)))
    return tuple(sorted(out, key=lambda x: -x.tasks))


class TownLoad(NamedTuple):
    """A town's tasks by basis; each task counted once, under its strongest basis."""

    name: str
    #: Tasks per basis, in `TownBasis` order.
    counts: tuple[int, ...]

    def count(self, basis: TownBasis) -> int:
        """Tasks whose strongest basis for the town is `basis`."""
        return self.counts[list(TownBasis).index(basis)]

    @property
    def certain(self) -> int:
        """Tasks the town surely carries (the bases a town question counts by default)."""
        return sum(self.count(b) for b in DEFAULT_BASES)

    @property
    def total(self) -> int:
        """Every task that may concern the town."""
        return sum(self.counts)


def town_workload(plan: Plan, tasks: Sequence[Task]) -> tuple[TownLoad, ...]:
    """Tasks per town and basis, in the plan's town order."""
    counts: dict[str, Counter[TownBasis]] = {t.name: Counter() for t in plan.towns}
    for task in tasks:
        for town, bases in plan.town_bases(task).items():
            counts[town][bases[0]] += 1
    return tuple(
        TownLoad(name=town.name, counts=tuple(counts[town.name][b] for b in TownBasis))
        for town in plan.towns
    )


class GroupLoad(NamedTuple):
    """Tasks and distinct units in a category or section."""

    key: str
    title: str
    tasks: int
    lead_units: int
    #: Distinct units involved, collective references not counted.
    units: int


def group_workload(plan: Plan, tasks: Sequence[Task], by: By) -> tuple[GroupLoad, ...]:
    """Per category or per section: tasks, distinct lead units, distinct involved units."""
    if by is By.CATEGORY:
        groups = [(str(c.number), c.title) for c in plan.categories]

        def key_of(t: Task) -> str:
            return str(t.category)
    else:
        groups = [(s.id, s.title) for s in plan.sections]

        def key_of(t: Task) -> str:
            return t.section

    out = []
    for key, title in groups:
        mine = [t for t in tasks if key_of(t) == key]
        if not mine:
            continue
        leads = {u for t in mine for u in t.lead_units}
        involved = {
            u for t in mine for u, _ in t.units if plan.unit(u).kind is not UnitKind.COLLECTIVE
        }
        out.append(
            GroupLoad(
                key=key, title=title, tasks=len(mine), lead_units=len(leads), units=len(involved)
            )
        )
    return tuple(out)


class LeaderWorkload(NamedTuple):
    """`workload --by leader`."""

    loads: tuple[LeaderLoad, ...]


class TownWorkload(NamedTuple):
    """`workload --by town`."""

    loads: tuple[TownLoad, ...]


class GroupWorkload(NamedTuple):
    """`workload --by category|section`."""

    by: By
    loads: tuple[GroupLoad, ...]


#: A workload summary, by what it groups.
Workload = UnitWorkload | LeaderWorkload | TownWorkload | GroupWorkload


def summarise(
    plan: Plan,
    tasks: Sequence[Task],
    by: By,
    *,
    top: int | None = None,
    kinds: frozenset[UnitKind] | None = None,
) -> Workload:
    """The workload of `tasks` grouped `by` (units cut at `top`, of `kinds` only);
    `NoMatch` when nothing is left to list."""
    summary: Workload
    match by:
        case By.UNIT:
            load = unit_workload(plan, tasks, kinds)
            summary = load._replace(units=load.units[:top] if top else load.units)
            empty = not summary.units and not summary.collectives
        case By.LEADER:
            summary = LeaderWorkload(leader_workload(plan, tasks))
            empty = not summary.loads
        case By.TOWN:
            summary = TownWorkload(town_workload(plan, tasks))
            empty = not summary.loads
        case By.CATEGORY | By.SECTION:
            summary = GroupWorkload(by, group_workload(plan, tasks, by))
            empty = not summary.loads
        case _:
            assert_never(by)
    if empty:
        raise NoMatch("没有符合条件的单位")
    return summary


# -- overview --------------------------------------------------------------------------


class CategoryLoad(NamedTuple):
    """A category with its numbers of sections and tasks."""

    number: int
    title: str
    sections: int
    tasks: int


class Overview(NamedTuple):
    """The whole plan at a glance."""

    categories: tuple[CategoryLoad, ...]
    busiest_leads: tuple[tuple[str, int], ...]
    leaders: tuple[tuple[str, int], ...]
    towns: tuple[TownLoad, ...]


def overview(plan: Plan, top: int = 10) -> Overview:
    """Sections and tasks per category, busiest lead units, tasks per leader, towns' loads."""
    categories = tuple(
        CategoryLoad(
            number=c.number,
            title=c.title,
            sections=sum(1 for s in plan.sections if s.category == c.number),
            tasks=sum(1 for t in plan.tasks if t.category == c.number),
        )
        for c in plan.categories
    )
    leads = Counter(u for t in plan.tasks for u in t.lead_units)
    return Overview(
        categories=categories,
        busiest_leads=ranked(leads, top),
        leaders=tuple((x.name, x.tasks) for x in leader_workload(plan, plan.tasks)),
        towns=town_workload(plan, plan.tasks),
    )
