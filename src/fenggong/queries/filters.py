"""Task filters: what the user asked (names as typed) → names resolved → the tasks that pass."""

from collections.abc import Iterable
from typing import NamedTuple

from fenggong.errors import NoMatch, UsageError
from fenggong.plan.kinds import DEFAULT_BASES, Role, TownBasis
from fenggong.plan.model import Plan, Task
from fenggong.queries.requests import FilterRequest
from fenggong.queries.resolve import (
    EntityKind,
    Resolved,
    check_category,
    check_section,
    resolve_all,
)
from fenggong.textnorm import fold


class TaskFilter(NamedTuple):
    """The filters of `fenggong tasks`: OR within a field, AND across fields; empty = any."""

    leaders: tuple[str, ...] = ()
    lead_units: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()
    bases: frozenset[TownBasis] = DEFAULT_BASES
    keywords: tuple[str, ...] = ()
    categories: tuple[int, ...] = ()
    sections: tuple[str, ...] = ()

    def asks_anything(self) -> bool:
        """True when any filter is set (the town bases alone ask nothing)."""
        return self != TaskFilter(bases=self.bases)


class Resolution(NamedTuple):
    """A filter with its names resolved, and how each typed name was understood."""

    filter: TaskFilter
    names: tuple[Resolved, ...]
    #: What the user should know about how the question was read.
    notes: tuple[str, ...] = ()


def resolve_filter(plan: Plan, request: FilterRequest) -> Resolution:
    """The filter a request means: names looked up, town bases defaulted, numbers checked."""
    if (request.basis or request.all_bases) and not request.town:
        option = "--all-bases" if request.all_bases else "--basis"
        raise UsageError(f"{option} 要和 --town 一起用，如 --town 天堂 {option}")
    found: list[Resolved] = []

    def names(kind: EntityKind, queries: tuple[str, ...]) -> tuple[str, ...]:
        resolved = resolve_all(plan, kind, queries) if queries else ()
        found.extend(resolved)
        return tuple(dict.fromkeys(item.name for item in resolved))

    bases = (
        frozenset(TownBasis) if request.all_bases else (frozenset(request.basis) or DEFAULT_BASES)
    )
    units = names(EntityKind.UNIT, request.unit)
    # A town where a unit is expected (--unit 天堂) is asked as a town: its government is
    # named by a few tasks, but the town carries every 各镇政府 task too.
    governments = {t.government: t.name for t in plan.towns}
    as_towns = tuple(governments[u] for u in units if u in governments)
    notes = tuple(
        f"{town}按镇查：含点名、各镇政府、相关镇政府且点到本镇的任务（只看点名的请写 --town {town} --basis named）"
        for town in as_towns
    )
    lead_units = names(EntityKind.UNIT, request.lead)
    hosted = tuple(
        u.name for u in plan.units if u.hosted_by in lead_units and u.name not in lead_units
    )
    if hosted and request.hosted:
        lead_units = (*lead_units, *hosted)
    elif hosted:
        led = {name: sum(name in t.lead_units for t in plan.tasks) for name in hosted}
        notes += tuple(
            f"{name}（设在{plan.unit(name).hosted_by}）另牵头 {n} 项，加 --hosted 一并列出"
            for name, n in led.items()
            if n
        )
    flt = TaskFilter(
        leaders=names(EntityKind.LEADER, request.leader),
        lead_units=lead_units,
        units=tuple(u for u in units if u not in governments),
        towns=(*names(EntityKind.TOWN, request.town), *as_towns),
        bases=bases,
        keywords=request.keyword,
        categories=tuple(check_category(plan, c) for c in request.category),
        sections=tuple(check_section(plan, s) for s in request.section),
    )
    return Resolution(flt, tuple(found), notes)


class TaskRow(NamedTuple):
    """A task that passed the filters, with what the filters learned about it."""

    task: Task
    #: For `--unit`/`--lead`: each asked unit involved and its role.
    roles: tuple[tuple[str, Role], ...] = ()
    #: For `--town`: each asked town and the strongest basis that matched.
    bases: tuple[tuple[str, TownBasis], ...] = ()
    #: For `--fuzzy`: similarity 0–100.
    score: float | None = None
    #: For `--keyword`: True when only the task's 大项 title holds the word.
    by_section: bool = False
    #: From the progress store (`--columns 灯,原因,本期状态`, `--overdue`): light, reason,
    #: status this period, and where the deadline comes from (督查室, 方案 or 年底).
    progress: tuple[str, str, str, str] | None = None


def select_tasks(plan: Plan, flt: TaskFilter) -> list[TaskRow]:
    """The tasks passing every filter, in plan order."""
    keywords = [fold(k) for k in flt.keywords]
    rows: list[TaskRow] = []
    for task in plan.candidates(flt.lead_units, flt.units, flt.leaders):
        if flt.categories and task.category not in flt.categories:
            continue
        if flt.sections and task.section not in flt.sections:
            continue
        if flt.leaders and not set(flt.leaders) & set(task.leaders):
            continue
        if flt.lead_units and not set(flt.lead_units) & set(task.lead_units):
            continue
        by_section = False
        if keywords and not any(k in fold(task.text) for k in keywords):
            # -k 就业 also finds the tasks of 优先稳保就业, marked as found by their 大项.
            titles = _section_titles(plan, task.section)
            if not any(k in t for k in keywords for t in titles):
                continue
            by_section = True
        role_units = flt.units or flt.lead_units
        roles = tuple((u, r) for u in role_units if (r := task.role_of(u)) is not None)
        if flt.units and not roles:
            continue
        bases = _town_matches(plan, task, flt.towns, flt.bases)
        if flt.towns and not bases:
            continue
        rows.append(TaskRow(task=task, roles=roles, bases=bases, by_section=by_section))
    return rows


def _section_titles(plan: Plan, section_id: str) -> tuple[str, ...]:
    section = plan.section(section_id)
    return tuple(fold(t) for t in (section.title, *section.variants))


def _town_matches(
    plan: Plan, task: Task, towns: tuple[str, ...], wanted: frozenset[TownBasis]
) -> tuple[tuple[str, TownBasis], ...]:
    if not towns:
        return ()
    all_bases = plan.town_bases(task)
    out: list[tuple[str, TownBasis]] = []
    for town in towns:
        bases = all_bases.get(town, ())
        if bases and bases[0] in wanted:  # a task counts under its strongest basis only
            out.append((town, bases[0]))
    return tuple(out)


def other_bases(plan: Plan, flt: TaskFilter) -> dict[TownBasis, int]:
    """For a town question: how many more tasks the bases not asked for would add."""
    if not flt.towns or frozenset(TownBasis) <= flt.bases:
        return {}
    wider = select_tasks(plan, flt._replace(bases=frozenset(TownBasis)))
    counts: dict[TownBasis, int] = {}
    for row in wider:
        strongest = [b for _, b in row.bases]
        if not any(b in flt.bases for b in strongest):
            basis = min(strongest, key=list(TownBasis).index)
            counts[basis] = counts.get(basis, 0) + 1
    return counts


def find_tasks(
    plan: Plan, flt: TaskFilter, *, fuzzy: str | None = None, limit: int = 10
) -> list[TaskRow]:
    """The tasks passing the filter (ranked by similarity to `fuzzy` when given);
    `NoMatch` when there are none."""
    rows = select_tasks(plan, flt)
    if fuzzy is not None:
        rows = rank_fuzzy(rows, fuzzy, limit)
    if not rows:
        raise NoMatch(_no_match(plan, flt))
    return rows


def _no_match(plan: Plan, flt: TaskFilter) -> str:
    """Why nothing matched, where a near question would answer: a unit that leads nothing
    but co-operates on some tasks."""
    if flt.lead_units and not flt.units:
        related = select_tasks(plan, flt._replace(lead_units=(), units=flt.lead_units))
        if related:
            names = "、".join(flt.lead_units)
            return f"{names}没有牵头的任务，配合 {len(related)} 项（用 --unit {flt.lead_units[0]} 查看）"
    return "没有符合条件的任务"


#: The least score a fuzzy match must reach to be shown: half the words of the query found
#: (a text sharing one common word with a long query is noise, not a match).
FUZZY_FLOOR = 45.0
#: The score of a text holding every two-character part of the query, though not in one
#: piece (below the 100 of the query as written).
ALL_PARTS = 90.0


def rank_fuzzy(rows: Iterable[TaskRow], query: str, limit: int) -> list[TaskRow]:
    """Rows whose text holds the query, its words (污水 and 处理 of 污水处理, in any order),
    its characters in order (三甲 in 三级甲等, as the name resolver matches abbreviations)
    or nearly so (a typo), best first, at most `limit`; `NoMatch` (无可靠匹配) when
    nothing reaches `FUZZY_FLOOR`."""
    wanted = fold(query)
    scored = []
    for row in rows:
        score = fuzzy_score(wanted, fold(row.task.text))
        if score >= FUZZY_FLOOR:
            scored.append(row._replace(score=round(score, 1)))
    if not scored:
        raise NoMatch(f"「{query}」无可靠匹配（试试换个说法，或去掉 --fuzzy 按原文查）")
    scored.sort(key=lambda r: (-(r.score or 0.0), r.task.id))
    return scored[:limit]


def fuzzy_score(wanted: str, text: str) -> float:
    """100 when the text holds `wanted`; otherwise the best of: how much of `wanted` its
    two-character parts cover (Chinese words are mostly two characters: 生活污水处理 →
    生活、污水、处理), how close together its characters stand in order, and, for a text
    with neither, the near-miss similarity of the best-matching stretch."""
    if not wanted:
        return 0.0
    if wanted in text:
        return 100.0
    score = ALL_PARTS * _parts_covered(wanted, text)
    if window := _shortest_window(wanted, text):
        score = max(score, 100.0 * len(wanted) / window)
    if score >= FUZZY_FLOOR:
        return score
    from rapidfuzz import fuzz

    near = fuzz.partial_ratio(wanted, text)
    return near if near >= 80 else score


def _parts_covered(wanted: str, text: str) -> float:
    """The share of `wanted`'s characters inside a two-character part the text also has."""
    covered = [False] * len(wanted)
    for at in range(len(wanted) - 1):
        if wanted[at : at + 2] in text:
            covered[at] = covered[at + 1] = True
    return sum(covered) / len(wanted)


def _shortest_window(wanted: str, text: str) -> int:
    """The length of the shortest stretch of `text` holding `wanted`'s characters in order
    (0 when there is none)."""
    best = 0
    start = text.find(wanted[0])
    while start != -1:
        at = start
        for char in wanted[1:]:
            at = text.find(char, at + 1)
            if at == -1:
                return best
        length = at - start + 1
        best = length if not best else min(best, length)
        start = text.find(wanted[0], start + 1)
    return best
