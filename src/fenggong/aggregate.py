"""Workload summaries, meeting briefs, overlaps and the overview: pure functions over the model.

Every figure the tool shows comes from here; renderers and exporters never recount.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fenggong.kinds import DEFAULT_BASES, By, Role, TownBasis, UnitKind
from fenggong.model import Plan, Task


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitLoad:
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


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitWorkload:
    """Real units ranked by load, and collective references kept apart."""

    units: tuple[UnitLoad, ...]
    collectives: tuple[UnitLoad, ...]


def unit_workload(
    plan: Plan, tasks: Sequence[Task], kinds: frozenset[UnitKind] | None = None
) -> UnitWorkload:
    """Lead, co-lead, related and total per unit; sorted by total, ties by name."""
    lead: Counter[str] = Counter()
    co_lead: Counter[str] = Counter()
    related: Counter[str] = Counter()
    for task in tasks:
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
        if lead[u.name] + related[u.name] > 0 and (kinds is None or u.kind in kinds)
    ]
    loads.sort(key=lambda x: (-x.total, x.name))
    return UnitWorkload(
        units=tuple(x for x in loads if x.kind is not UnitKind.COLLECTIVE),
        collectives=tuple(x for x in loads if x.kind is UnitKind.COLLECTIVE),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class LeaderLoad:
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
            out.append(LeaderLoad(name=leader.name, tasks=len(theirs), lead_units=_ranked(units)))
    return tuple(sorted(out, key=lambda x: -x.tasks))


@dataclass(frozen=True, slots=True, kw_only=True)
class TownLoad:
    """A town's tasks by basis; each task counted once, under its strongest basis."""

    name: str
    named: int
    all_towns: int
    mentioned: int
    relevant_towns: int

    @property
    def certain(self) -> int:
        """Tasks the town surely carries (named or all towns)."""
        return self.named + self.all_towns

    @property
    def total(self) -> int:
        """Every task that may concern the town."""
        return self.named + self.all_towns + self.mentioned + self.relevant_towns


def town_workload(plan: Plan, tasks: Sequence[Task]) -> tuple[TownLoad, ...]:
    """Tasks per town and basis, in the plan's town order."""
    counts: dict[str, Counter[TownBasis]] = {t.name: Counter() for t in plan.towns}
    for task in tasks:
        for town, bases in plan.town_bases(task).items():
            counts[town][bases[0]] += 1
    return tuple(
        TownLoad(
            name=town.name,
            named=counts[town.name][TownBasis.NAMED],
            all_towns=counts[town.name][TownBasis.ALL_TOWNS],
            mentioned=counts[town.name][TownBasis.MENTIONED],
            relevant_towns=counts[town.name][TownBasis.RELEVANT_TOWNS],
        )
        for town in plan.towns
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupLoad:
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


def _ranked(counter: Counter[str], limit: int | None = None) -> tuple[tuple[str, int], ...]:
    """Names by count, most first, ties in first-seen order."""
    return tuple(counter.most_common(limit))


# -- briefs ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefTask:
    """A task line in a brief."""

    id: int
    text: str
    leaders: tuple[str, ...]
    lead_units: tuple[str, ...]
    #: Extra words for this brief (co-lead units, the basis, the role).
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefPart:
    """One part of a brief: task lists (optionally grouped) or ranked names."""

    #: Stable English key for JSON.
    key: str
    title: str
    #: Groups of tasks, each under a heading ("" for no heading).
    groups: tuple[tuple[str, tuple[BriefTask, ...]], ...] = ()
    #: Ranked names with counts.
    counts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Brief:
    """One screen to take into a coordination meeting."""

    kind: str
    name: str
    #: Headline figures: (key, Chinese label, value).
    facts: tuple[tuple[str, str, int], ...]
    parts: tuple[BriefPart, ...]


def _brief_task(task: Task, note: str = "") -> BriefTask:
    return BriefTask(
        id=task.id, text=task.text, leaders=task.leaders, lead_units=task.lead_units, note=note
    )


def _partners(plan: Plan, tasks: Iterable[Task], exclude: set[str]) -> Counter[str]:
    return Counter(
        u
        for t in tasks
        for u, _ in t.units
        if u not in exclude and plan.unit(u).kind is not UnitKind.COLLECTIVE
    )


def unit_brief(plan: Plan, unit: str, top: int = 10) -> Brief:
    """A unit's brief: what it leads, whom it supports, partners, leaders, towns, collectives."""
    led = [t for t in plan.tasks if unit in t.lead_units]
    supported = [t for t in plan.tasks if unit in t.related_units and unit not in t.lead_units]
    mine = led + supported
    co_led = [t for t in led if len(t.lead_units) > 1]
    towns: Counter[str] = Counter()
    for task in sorted(mine, key=lambda t: t.id):
        for town, bases in plan.town_bases(task).items():
            if bases[0] in DEFAULT_BASES:
                towns[town] += 1
    collective = _collective_tasks(plan, unit, {t.id for t in mine})
    parts = [
        BriefPart(
            key="led",
            title="牵头的任务",
            groups=(
                (
                    "",
                    tuple(_brief_task(t, _co_lead_note(t, unit)) for t in led),
                ),
            ),
        ),
        BriefPart(
            key="supported",
            title="配合的任务（按牵头单位）",
            groups=_by_lead(supported),
        ),
        BriefPart(
            key="partners",
            title="最常合作的单位（共同参与的任务数）",
            counts=_ranked(_partners(plan, mine, {unit}), top),
        ),
        BriefPart(
            key="leaders",
            title="对口的责任领导",
            counts=_ranked(Counter(x for t in mine for x in t.leaders)),
        ),
        BriefPart(key="towns", title="涉及的镇（点名或各镇）", counts=_ranked(towns)),
        BriefPart(
            key="collective",
            title="可能经由集合指称涉及的任务",
            groups=tuple(
                (name, tuple(_brief_task(t) for t in tasks)) for name, tasks in collective
            ),
        ),
    ]
    facts = (
        ("lead", "牵头", len(led)),
        ("co_lead", "其中共同牵头", len(co_led)),
        ("related", "配合", len(supported)),
        ("total", "合计", len(mine)),
        ("collective", "经由集合指称可能涉及", len({t.id for _, ts in collective for t in ts})),
    )
    return Brief(kind="unit", name=unit, facts=facts, parts=tuple(p for p in parts if _has(p)))


def _by_lead(tasks: Iterable[Task]) -> tuple[tuple[str, tuple[BriefTask, ...]], ...]:
    """Tasks grouped under each of their lead units, biggest group first, ties by name."""
    groups: dict[str, list[BriefTask]] = {}
    for task in tasks:
        for lead in task.lead_units:
            groups.setdefault(lead, []).append(_brief_task(task))
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return tuple((lead, tuple(items)) for lead, items in ranked)


def _co_lead_note(task: Task, unit: str) -> str:
    others = [u for u in task.lead_units if u != unit]
    return f"与{'、'.join(others)}共同牵头" if others else ""


def _collective_tasks(plan: Plan, unit: str, involved: set[int]) -> list[tuple[str, list[Task]]]:
    """Tasks naming a collective reference that may include `unit` (not towns' collectives)."""
    kind = plan.unit(unit).kind
    if kind in (UnitKind.TOWN, UnitKind.COLLECTIVE):
        return []
    groups: dict[str, list[Task]] = {}
    for task in plan.tasks:
        if task.id in involved:
            continue
        for name, _ in task.units:
            ref = plan.unit(name)
            if ref.kind is UnitKind.COLLECTIVE and ref.covers is None:
                groups.setdefault(name, []).append(task)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def leader_brief(plan: Plan, leader: str, top: int = 10) -> Brief:
    """A leader's brief: tasks by lead unit, the units involved most."""
    mine = [t for t in plan.tasks if leader in t.leaders]
    leads = {u for t in mine for u in t.lead_units}
    parts = (
        BriefPart(
            key="by_lead",
            title="分管的任务（按牵头单位）",
            groups=_by_lead(mine),
        ),
        BriefPart(
            key="units",
            title="参与最多的单位（任务数）",
            counts=_ranked(_partners(plan, mine, set()), top),
        ),
    )
    facts = (("tasks", "任务", len(mine)), ("lead_units", "牵头单位", len(leads)))
    return Brief(kind="leader", name=leader, facts=facts, parts=tuple(p for p in parts if _has(p)))


def town_brief(plan: Plan, town: str, top: int = 10) -> Brief:
    """A town's brief: tasks by basis and the county units it works with most."""
    by_basis: dict[TownBasis, list[Task]] = {b: [] for b in TownBasis}
    for task in plan.tasks:
        bases = plan.town_bases(task).get(town)
        if bases:
            by_basis[bases[0]].append(task)
    government = plan.town(town).government
    certain = by_basis[TownBasis.NAMED] + by_basis[TownBasis.ALL_TOWNS]
    partners = Counter(
        u
        for t in certain
        for u, _ in t.units
        if plan.unit(u).kind not in (UnitKind.COLLECTIVE, UnitKind.TOWN) and u != government
    )
    titles = {
        TownBasis.NAMED: "点名由本镇承担的任务",
        TownBasis.ALL_TOWNS: "各镇政府都要承担的任务",
        TownBasis.MENTIONED: "任务原文提到本镇地名的任务",
        TownBasis.RELEVANT_TOWNS: "“相关镇政府”的任务（可能涉及）",
    }
    parts = [
        BriefPart(
            key=basis.value,
            title=titles[basis],
            groups=(
                (
                    "",
                    tuple(
                        _brief_task(t, "本镇牵头" if government in t.lead_units else "")
                        for t in tasks
                    ),
                ),
            ),
        )
        for basis, tasks in by_basis.items()
    ]
    parts.append(
        BriefPart(
            key="partners",
            title="合作最多的县直单位（点名和各镇任务中）",
            counts=_ranked(partners, top),
        )
    )
    facts = tuple((b.value, b.label, len(by_basis[b])) for b in TownBasis)
    return Brief(kind="town", name=town, facts=facts, parts=tuple(p for p in parts if _has(p)))


def _has(part: BriefPart) -> bool:
    return bool(part.counts) or any(tasks for _, tasks in part.groups)


# -- overlap ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    """A unit or town taking part in an overlap query."""

    name: str
    is_town: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Overlap:
    """Tasks shared by the parties, each party's role per task, and the pair matrix."""

    parties: tuple[Party, ...]
    #: (task, each party's role or basis value, "" where it is not involved)
    rows: tuple[tuple[Task, tuple[str, ...]], ...]
    #: Shared task counts: matrix[i][j] for parties i and j (diagonal: the party's own total).
    matrix: tuple[tuple[int, ...], ...]


def _involvement(plan: Plan, task: Task, party: Party) -> str:
    if party.is_town:
        bases = plan.town_bases(task).get(party.name, ())
        chosen = [b for b in bases if b in DEFAULT_BASES]
        return chosen[0].value if chosen else ""
    role = task.role_of(party.name)
    return role.value if role is not None else ""


def overlap(plan: Plan, parties: Sequence[Party], *, any_two: bool = False) -> Overlap:
    """Tasks involving all parties (or, with `any_two`, at least two of them)."""
    table = [(t, tuple(_involvement(plan, t, p) for p in parties)) for t in plan.tasks]
    need = 2 if any_two else len(parties)
    rows = tuple((t, roles) for t, roles in table if sum(bool(r) for r in roles) >= need)
    matrix = tuple(
        tuple(sum(1 for _, roles in table if roles[i] and roles[j]) for j in range(len(parties)))
        for i in range(len(parties))
    )
    return Overlap(parties=tuple(parties), rows=rows, matrix=matrix)


# -- overview --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Overview:
    """The whole plan at a glance."""

    categories: tuple[tuple[int, str, int, int], ...]
    busiest_leads: tuple[tuple[str, int], ...]
    leaders: tuple[tuple[str, int], ...]
    towns: tuple[TownLoad, ...]


def overview(plan: Plan, top: int = 10) -> Overview:
    """Sections and tasks per category, busiest lead units, tasks per leader, towns' loads."""
    categories = tuple(
        (
            c.number,
            c.title,
            sum(1 for s in plan.sections if s.category == c.number),
            sum(1 for t in plan.tasks if t.category == c.number),
        )
        for c in plan.categories
    )
    leads = Counter(u for t in plan.tasks for u in t.lead_units)
    return Overview(
        categories=categories,
        busiest_leads=_ranked(leads, top),
        leaders=tuple((x.name, x.tasks) for x in leader_workload(plan, plan.tasks)),
        towns=town_workload(plan, plan.tasks),
    )


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
