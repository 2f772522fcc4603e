"""A large plan's tasks, decoded from its cache entry only as a query uses them.

A plan of 100,000 tasks would take half a second and some 250 MB to build whole on every
run; a query for one unit's tasks needs a tenth of them. The entry (see `cache.py`) holds
each task as its own record with a checksum, and indexes from lead unit, unit and leader to
task positions, so `tasks --lead 工信` decodes only the tasks 工信 leads, `brief 工信` only
the tasks it prints, and `workload --by unit` none (each unit's counts come from the
indexes and the co-led counts kept beside them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

from fenggong.plan.model import Task

#: Decode the record at a position (None when its checksum fails).
Decoder = Callable[[int], "Task | None"]


class LazyTasks(Sequence[Task]):
    """The tasks of a large plan, decoded on first use and then kept."""

    def __init__(
        self,
        count: int,
        decode: Decoder,
        ids: Sequence[int],
        indexes: tuple[
            dict[str, Sequence[int]], dict[str, Sequence[int]], dict[str, Sequence[int]]
        ],
        rebuild: Callable[[], Sequence[Task]] | None,
        co_lead: dict[str, int],
    ) -> None:
        self._count = count
        self._decode = decode
        self._ids = ids
        self._lead, self._involved, self._leaders = indexes
        self._rebuild = rebuild
        self._co_lead = co_lead
        self._decoded: list[Task | None] = [None] * count
        self._positions: dict[int, int] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Task: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Task]: ...
    def __getitem__(self, index: int | slice) -> Task | Sequence[Task]:
        if isinstance(index, slice):
            return tuple(self._at(i) for i in range(*index.indices(self._count)))
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._at(index)

    def __iter__(self) -> Iterator[Task]:
        return (self._at(i) for i in range(self._count))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def _at(self, position: int) -> Task:
        task = self._decoded[position]
        if task is None:
            task = self._decode(position)
            if task is None:  # the entry was altered since it was written
                task = self._replace()[position]
            self._decoded[position] = task
        return task

    def _replace(self) -> list[Task]:
        """Every task from the data file itself, when a record of the entry fails its check."""
        if self._rebuild is None:
            from fenggong.errors import DatasetError

            raise DatasetError(("缓存条目已损坏，请设置 FENGGONG_NO_CACHE=1 后重试",))
        tasks = list(self._rebuild())
        self._decoded = list[Task | None](tasks)
        self._rebuild = None
        return tasks

    def by_id(self, task_id: int) -> Task | None:
        """The task with this id."""
        if self._positions is None:
            self._positions = {task_id: n for n, task_id in enumerate(self._ids)}
        position = self._positions.get(task_id)
        return None if position is None else self._at(position)

    def candidates(
        self, lead_units: Sequence[str], units: Sequence[str], leaders: Sequence[str]
    ) -> Iterable[Task]:
        """In plan order, the tasks that may pass these filters (all, when none is given)."""
        wanted: set[int] | None = None
        for names, index in (
            (lead_units, self._lead),
            (units, self._involved),
            (leaders, self._leaders),
        ):
            if not names:
                continue
            found = set().union(*(index.get(name, ()) for name in names))
            wanted = found if wanted is None else wanted & found
        if wanted is None:
            return iter(self)
        return (self._at(i) for i in sorted(wanted))

    def unit_counts(self) -> dict[str, tuple[int, int, int]]:
        """For each unit: the tasks it leads, of those the co-led, and the tasks where it is
        a related unit only; from the indexes, no task decoded."""
        return {
            unit: (
                len(lead := self._lead.get(unit, ())),
                self._co_lead.get(unit, 0),
                len(positions) - len(lead),
            )
            for unit, positions in self._involved.items()
        }

    def ids_naming(self, unit: str) -> list[int]:
        """In plan order, the ids of the tasks naming the unit; from the index, none decoded."""
        ids = self._ids
        return [ids[p] for p in self._involved.get(unit, ())]
