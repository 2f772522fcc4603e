"""Meeting briefs for a unit, a leader or a town: pure functions over the model."""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple, assert_never

from fenggong.errors import UsageError
from fenggong.plan.kinds import DEFAULT_BASES, TownBasis, UnitKind
from fenggong.plan.model import Plan, Task
from fenggong.plan.towns import default_town_counts
from fenggong.queries import ranked
from fenggong.queries.resolve import EntityKind, Resolved, brief_entities, resolve
from fenggong.textnorm import fold


class BriefTask(NamedTuple):
    """A task line in a brief."""

    id: int
    text: str
    leaders: tuple[str, ...]
    lead_units: tuple[str, ...]
    #: Extra words for this brief (co-lead units, the basis, the role).
    note: str = ""
    related_units: tuple[str, ...] = ()


class BriefPart(NamedTuple):
    """One part of a brief: task lists (optionally grouped) or ranked names."""

    #: Stable English key for JSON.
    key: str
    title: str
    #: Groups of tasks, each under a heading ("" for no heading).
    groups: tuple[tuple[str, tuple[BriefTask, ...]], ...] = ()
    #: Ranked names with counts.
    counts: tuple[tuple[str, int], ...] = ()
    #: A short label for the ranked names in the brief's summary.
    label: str = ""
    #: Collective references (各成员单位, 县直各单位) with the ids of the tasks naming them:
    #: ids only, for a large plan need not decode tasks the brief merely points to.
    references: tuple[tuple[str, tuple[int, ...]], ...] = ()


class Brief(NamedTuple):
    """One screen to take into a coordination meeting."""

    kind: str
    name: str
    #: Headline figures: (key, Chinese label, value).
    facts: tuple[tuple[str, str, int], ...]
    parts: tuple[BriefPart, ...]
    #: The tasks the brief is about, whole (for their deadlines and lights), so that the
    #: caller need not look them up again.
    tasks: tuple[Task, ...] = ()

    def task_ids(self) -> set[int]:
        """The tasks the brief is about (not those only a collective reference may involve)."""
        return {t.id for part in self.parts for _, ts in part.groups for t in ts}


def brief_subject(plan: Plan, name: str) -> Resolved:
    """The unit, leader or town a brief is asked for (a task number is pointed to `show`)."""
    number = fold(name).strip()
    if number.isdigit() and plan.task(int(number)) is not None:
        raise UsageError(
            f"「{name}」是任务序号：简报按单位、领导或镇出；看第 {int(number)} 项请用 fenggong show {int(number)}"
        )
    return resolve(name, brief_entities(plan), "单位、领导或镇", spell=plan.letters)


def make_brief(plan: Plan, subject: Resolved, top: int = 10) -> "Brief":
    """The brief of a resolved unit, leader or town."""
    match subject.kind:
        case EntityKind.UNIT:
            return unit_brief(plan, subject.name, top)
        case EntityKind.LEADER:
            return leader_brief(plan, subject.name, top)
        case EntityKind.TOWN:
            return town_brief(plan, subject.name, top)
        case _:
            assert_never(subject.kind)


def _brief_task(task: Task, note: str = "") -> BriefTask:
    # Positionally: keywords cost a large brief (42,552 tasks) 10 ms.
    return BriefTask(task.id, task.text, task.leaders, task.lead_units, note, task.related_units)


def _partners(plan: Plan, tasks: Iterable[Task], exclude: set[str]) -> Counter[str]:
    skip = exclude | {u.name for u in plan.units if u.kind is UnitKind.COLLECTIVE}
    named: list[str] = []
    for t in tasks:  # the units of `t.units`, in order, without building its pairs
        named += t.lead_units
        named += [u for u in t.related_units if u not in t.lead_units]
    return Counter([u for u in named if u not in skip])


def unit_brief(plan: Plan, unit: str, top: int = 10) -> Brief:
    """A unit's brief: what it leads, whom it supports, partners, leaders, towns, collectives."""
    led = [t for t in plan.candidates(lead_units=(unit,)) if unit in t.lead_units]
    supported = [
        t
        for t in plan.candidates(units=(unit,))
        if unit in t.related_units and unit not in t.lead_units
    ]
    mine = led + supported
    co_led = [t for t in led if len(t.lead_units) > 1]
    towns = default_town_counts(plan, sorted(mine, key=lambda t: t.id))
    collective = _collective_ids(plan, unit, {t.id for t in mine})
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
            title="可邀请的合作单位（共同任务数）",
            label="可邀请的单位",
            counts=ranked(_partners(plan, mine, {unit}), top),
        ),
        BriefPart(
            key="leaders",
            title="对口的责任领导（任务数）",
            label="对口领导",
            counts=ranked(Counter(x for t in mine for x in t.leaders)),
        ),
        BriefPart(
            key="towns",
            title="涉及的镇（点名或各镇，任务数）",
            label="涉及的镇",
            counts=ranked(towns),
        ),
        BriefPart(
            key="collective",
            title="可能经由集合指称涉及的任务",
            references=tuple(collective),
        ),
    ]
    facts = (
        ("lead", "牵头", len(led)),
        ("co_lead", "其中共同牵头", len(co_led)),
        ("related", "配合", len(supported)),
        ("total", "合计", len(mine)),
        ("collective", "经由集合指称可能涉及", len({i for _, ids in collective for i in ids})),
    )
    kept = tuple(p for p in parts if _has(p))
    return Brief(kind="unit", name=unit, facts=facts, parts=kept, tasks=tuple(mine))


def _by_lead(tasks: Iterable[Task]) -> tuple[tuple[str, tuple[BriefTask, ...]], ...]:
    """Tasks grouped under their first lead unit (once each: a co-led task is noted, not
    repeated), biggest group first, ties by name."""
    groups: dict[str, list[BriefTask]] = {}
    for task in tasks:
        first = task.lead_units[0] if task.lead_units else "（未列牵头单位）"
        groups.setdefault(first, []).append(_brief_task(task, _co_lead_note(task, first)))
    biggest_first = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return tuple((lead, tuple(items)) for lead, items in biggest_first)


def _co_lead_note(task: Task, unit: str) -> str:
    others = [u for u in task.lead_units if u != unit]
    return f"与{'、'.join(others)}共同牵头" if others else ""


def _collective_ids(plan: Plan, unit: str, involved: set[int]) -> list[tuple[str, tuple[int, ...]]]:
    """The collective references that may include `unit` (not towns' collectives), each with
    the ids of the tasks naming it that do not name `unit`; most tasks first."""
    kind = plan.unit(unit).kind
    if kind in (UnitKind.TOWN, UnitKind.COLLECTIVE):
        return []
    collectives = {
        u.name
        for u in plan.units
        if u.kind is UnitKind.COLLECTIVE
        and u.covers is None
        and collective_may_include(u.name, kind)
    }
    groups = {
        name: tuple(i for i in plan.ids_naming(name) if i not in involved) for name in collectives
    }
    return sorted(
        ((n, ids) for n, ids in groups.items() if ids), key=lambda kv: (-len(kv[1]), kv[0])
    )


#: Collective references and the kinds of unit they can stand for; others (a 领导小组's
#: 成员单位) have a membership the plan does not give.
_COLLECTIVE_KINDS = (
    ("县府直属", frozenset({UnitKind.COUNTY})),
    ("行政执法", frozenset({UnitKind.COUNTY})),
    ("县直", frozenset({UnitKind.COUNTY, UnitKind.PARTY})),
)


def collective_may_include(collective: str, kind: UnitKind) -> bool:
    """Whether a collective reference can stand for a unit of `kind`: 县府直属各单位 means the
    county government's departments, not party organs, enterprises or higher-level branches;
    县直… county-level party and government units; a group's members are not known, so any."""
    for words, kinds in _COLLECTIVE_KINDS:
        if words in collective:
            return kind in kinds
    return True


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
            label="参与最多的单位",
            counts=ranked(_partners(plan, mine, set()), top),
        ),
    )
    facts = (("tasks", "任务", len(mine)), ("lead_units", "牵头单位", len(leads)))
    kept = tuple(p for p in parts if _has(p))
    return Brief(kind="leader", name=leader, facts=facts, parts=kept, tasks=tuple(mine))


def town_brief(plan: Plan, town: str, top: int = 10) -> Brief:
    """A town's brief: tasks by basis and the county units it works with most."""
    by_basis: dict[TownBasis, list[Task]] = {b: [] for b in TownBasis}
    for task in plan.tasks:
        bases = plan.town_bases(task).get(town)
        if bases:
            by_basis[bases[0]].append(task)
    government = plan.town(town).government
    certain = [t for basis in TownBasis if basis in DEFAULT_BASES for t in by_basis[basis]]
    partners = Counter(
        u
        for t in certain
        for u, _ in t.units
        if plan.unit(u).kind not in (UnitKind.COLLECTIVE, UnitKind.TOWN) and u != government
    )
    titles = {
        TownBasis.NAMED: "点名由本镇承担的任务",
        TownBasis.ALL_TOWNS: "各镇政府都要承担的任务",
        TownBasis.RELEVANT_MENTIONED: "写“相关镇政府”且原文点到本镇的任务",
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
                    tuple(_brief_task(t, _town_note(plan, t, town, government)) for t in tasks),
                ),
            ),
        )
        for basis, tasks in by_basis.items()
    ]
    parts.append(
        BriefPart(
            key="partners",
            title="可邀请的县直单位（点名和各镇任务中的共同任务数）",
            label="可邀请的县直单位",
            counts=ranked(partners, top),
        )
    )
    facts = tuple((b.value, b.label, len(by_basis[b])) for b in TownBasis)
    kept = tuple(p for p in parts if _has(p))
    mine = tuple(t for tasks in by_basis.values() for t in tasks)
    return Brief(kind="town", name=town, facts=facts, parts=kept, tasks=mine)


def _town_note(plan: Plan, task: Task, town: str, government: str) -> str:
    """本镇牵头, and 原文点到本镇 where a task for every town names this one."""
    notes = []
    if government in task.lead_units:
        notes.append("本镇牵头")
    bases = plan.town_bases(task).get(town, ())
    if bases and bases[0] is TownBasis.ALL_TOWNS and TownBasis.MENTIONED in bases:
        notes.append("原文点到本镇")
    return "；".join(notes)


def _has(part: BriefPart) -> bool:
    return bool(part.counts or part.references) or any(tasks for _, tasks in part.groups)


class DueDates(NamedTuple):
    """A brief's tasks by how near their deadline is (ids in deadline order)."""

    overdue: tuple[int, ...]
    soon: tuple[int, ...]
    later: tuple[int, ...]


def due_dates(
    brief: Brief, deadlines: Mapping[int, dt.date], as_of: dt.date, days: int = 30
) -> DueDates:
    """Deadlines of the tasks a brief is about (not those only a collective may involve):
    past, within `days`, and later."""
    dated = sorted((deadlines[i], i) for i in brief.task_ids() if i in deadlines)
    horizon = as_of + dt.timedelta(days=days)
    return DueDates(
        overdue=tuple(i for day, i in dated if day < as_of),
        soon=tuple(i for day, i in dated if as_of <= day <= horizon),
        later=tuple(i for day, i in dated if day > horizon),
    )
