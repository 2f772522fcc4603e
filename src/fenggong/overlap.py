"""Tasks shared by several units or towns, with each one's role: pure functions."""

from collections.abc import Sequence
from typing import NamedTuple

from fenggong.kinds import DEFAULT_BASES
from fenggong.model import Plan, Task


class Party(NamedTuple):
    """A unit or town taking part in an overlap query."""

    name: str
    is_town: bool


class Overlap(NamedTuple):
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
