"""Tasks shared by several units or towns, with each one's role: pure functions."""

from collections.abc import Sequence
from typing import NamedTuple

from fenggong.errors import NoMatch, UsageError
from fenggong.plan.kinds import DEFAULT_BASES, Role, TownBasis
from fenggong.plan.model import Plan, Task
from fenggong.queries.resolve import EntityKind, Resolved, party_entities, resolve


class Party(NamedTuple):
    """A unit or town taking part in an overlap query."""

    name: str
    is_town: bool


class Overlap(NamedTuple):
    """Tasks shared by the parties, each party's role per task, and the pair matrix."""

    parties: tuple[Party, ...]
    #: (task, each party's role or town basis, None where it is not involved)
    rows: tuple[tuple[Task, tuple[Role | TownBasis | None, ...]], ...]
    #: Shared task counts: matrix[i][j] for parties i and j (diagonal: the party's own total).
    matrix: tuple[tuple[int, ...], ...]


def resolve_parties(
    plan: Plan, names: Sequence[str]
) -> tuple[tuple[Party, ...], tuple[Resolved, ...]]:
    """The units or towns the names mean; `UsageError` for fewer than two or a repeat."""
    if len(names) < 2:
        raise UsageError("overlap 至少需要两个单位或镇")
    pool = party_entities(plan)
    found = tuple(resolve(q, pool, "单位或镇", "fenggong units", plan.letters) for q in names)
    parties = tuple(Party(name=f.name, is_town=f.kind is EntityKind.TOWN) for f in found)
    if len({p.name for p in parties}) < len(parties):
        raise UsageError("overlap 的名称有重复")
    return parties, found


def _involvement(plan: Plan, task: Task, party: Party) -> Role | TownBasis | None:
    if party.is_town:
        bases = plan.town_bases(task).get(party.name, ())
        chosen = [b for b in bases if b in DEFAULT_BASES]
        return chosen[0] if chosen else None
    return task.role_of(party.name)


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


def shared_tasks(plan: Plan, parties: Sequence[Party], *, any_two: bool = False) -> Overlap:
    """`overlap`, with `NoMatch` when the parties share no task."""
    result = overlap(plan, parties, any_two=any_two)
    if not result.rows:
        raise NoMatch("这些单位没有共同涉及的任务")
    return result
