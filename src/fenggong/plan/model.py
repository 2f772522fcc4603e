"""The plan as immutable, typed records and a read-only `Plan` with its indexes; no I/O.

Records are `NamedTuple`s and `Plan` a plain slotted class, not frozen dataclasses: they
are cheaper to define at start-up (see docs/design.md). Records of different types never
compare equal, although NamedTuples are tuples.
"""

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from fenggong.plan.kinds import Covers, Role, TownBasis, UnitKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


def _same_type_eq(self: tuple[Any, ...], other: object) -> bool:
    """Tuple equality, but only between records of the same type (no Leader == Town)."""
    return type(self) is type(other) and tuple.__eq__(self, other)


def _same_type_ne(self: tuple[Any, ...], other: object) -> bool:
    return not _same_type_eq(self, other)


class PlanMeta(NamedTuple):
    """The document's own facts about itself."""

    #: Title of the plan.
    title: str
    #: Issuing body.
    issuer: str
    #: Document number, e.g. 新府〔2023〕28号.
    document_number: str
    #: Date of issue.
    issued: dt.date
    #: Totals the document declares (大类, 大项, 小项).
    declared_categories: int
    declared_sections: int
    declared_tasks: int
    #: True for a file holding some of a plan's tasks (ids keep their numbers, so gaps are fine).
    excerpt: bool = False
    #: Where the plan applies, as the document names it (新兴县, 广东省); "" if not known.
    place: str = ""
    #: The issuer's level: province, city, county or district; "" if not known.
    level: str = ""


class Category(NamedTuple):
    """A 大类."""

    #: 1-based number (一 = 1).
    number: int
    title: str
    #: Number of sections the heading declares (共 N 大项).
    declared_sections: int


class Section(NamedTuple):
    """A 大项, identified as "category.section", e.g. "3.2"."""

    id: str
    title: str
    #: Other wordings of the heading seen in the source (repeated after page breaks).
    variants: tuple[str, ...] = ()

    @property
    def category(self) -> int:
        """Number of the category the section belongs to."""
        return int(self.id.split(".", 1)[0])


class Unit(NamedTuple):
    """A body the plan names as lead or related unit."""

    name: str
    kind: UnitKind
    #: Short names and source variants that mean this unit.
    aliases: tuple[str, ...] = ()
    #: For collective references to towns: which towns.
    covers: Covers | None = None
    #: The unit an office is set up in (县河长办 in 县水务局: 河长制 practice).
    hosted_by: str | None = None


#: What a town-level division's name ends with, and the name of its government.
TOWN_SUFFIXES = {"镇": "镇政府", "乡": "乡政府", "街道": "街道办事处"}


class Town(NamedTuple):
    """One of the place's towns (镇), townships (乡) or sub-districts (街道)."""

    name: str
    #: Other spellings (e.g. 籓竹镇 for 簕竹镇).
    aliases: tuple[str, ...] = ()

    @property
    def suffix(self) -> str:
        """镇, 乡 or 街道."""
        return next((s for s in TOWN_SUFFIXES if self.name.endswith(s)), "镇")

    @property
    def government(self) -> str:
        """Canonical name of the town's government as a unit (天堂镇政府, 立山街道办事处)."""
        return self.name.removesuffix(self.suffix) + TOWN_SUFFIXES[self.suffix]

    @property
    def short(self) -> str:
        """The name without 镇/乡/街道, as the text usually writes it (天堂镇 → 天堂)."""
        return self.name.removesuffix(self.suffix)

    @property
    def mention_terms(self) -> tuple[str, ...]:
        """Words whose presence in a task text places the task in this town."""
        names = (self.name, *self.aliases)
        # A one-character stem (东 of 东镇) would match far too much; use the full name then.
        return tuple(n.removesuffix(self.suffix) if len(n) > 2 else n for n in names)


class Leader(NamedTuple):
    """A responsible leader (责任领导)."""

    name: str
    aliases: tuple[str, ...] = ()


class Task(NamedTuple):
    """A 小项: one numbered row of the plan."""

    id: int
    #: Id of the section, e.g. "3.2".
    section: str
    text: str
    #: Responsible leaders; a plan may name none.
    leaders: tuple[str, ...]
    lead_units: tuple[str, ...]
    related_units: tuple[str, ...]
    #: The document's own number when it is not the id: （一）, 1-3.
    number: str = ""
    #: The document's other columns for this task (完成时限, 指标要求, …), in its order.
    extras: tuple[tuple[str, str], ...] = ()
    #: When it is due: from the plan's 完成时限 or set by the 督查室; None: the plan's year end.
    deadline: dt.date | None = None

    @property
    def category(self) -> int:
        """Number of the task's category."""
        return int(self.section.split(".", 1)[0])

    @property
    def units(self) -> tuple[tuple[str, Role], ...]:
        """Every unit involved, with its role, lead units first, in source order."""
        return tuple((u, Role.LEAD) for u in self.lead_units) + tuple(
            (u, Role.RELATED) for u in self.related_units if u not in self.lead_units
        )

    def role_of(self, unit: str) -> Role | None:
        """The unit's role in this task, or None if it is not involved."""
        if unit in self.lead_units:
            return Role.LEAD
        if unit in self.related_units:
            return Role.RELATED
        return None


for _record in (PlanMeta, Category, Section, Unit, Town, Leader, Task):
    # Set after the class statements: NamedTuple bodies may only declare fields.
    setattr(_record, "__eq__", _same_type_eq)  # noqa: B010
    setattr(_record, "__ne__", _same_type_ne)  # noqa: B010
    setattr(_record, "__hash__", tuple.__hash__)  # noqa: B010


class TaskStore(Protocol):
    """Tasks read on demand from a store (a large plan's cache entry), with indexes."""

    def by_id(self, task_id: int) -> "Task | None":
        """The task with this id."""

    def candidates(
        self, lead_units: "Sequence[str]", units: "Sequence[str]", leaders: "Sequence[str]"
    ) -> "Iterable[Task]":
        """In plan order, the tasks that may pass these filters (all, when none is given)."""

    def unit_counts(self) -> "dict[str, tuple[int, int, int]]":
        """Each unit's tasks led, co-led and related only, from the indexes."""

    def ids_naming(self, unit: str) -> "Sequence[int]":
        """In plan order, the ids of the tasks naming the unit (lead or related)."""


class Plan:
    """The whole plan, with name indexes built once (a slotted class: see the module's doc)."""

    __slots__ = (
        "_covering",
        "_governments",
        "_initials_index",
        "_section_index",
        "_store",
        "_task_index",
        "_town_index",
        "_town_terms",
        "_unit_index",
        "categories",
        "initials",
        "leaders",
        "meta",
        "sections",
        "tasks",
        "towns",
        "units",
    )
    meta: PlanMeta
    categories: tuple[Category, ...]
    sections: tuple[Section, ...]
    leaders: tuple[Leader, ...]
    towns: tuple[Town, ...]
    #: Every unit, town governments included.
    units: tuple[Unit, ...]
    #: A tuple, or for a large plan a `TaskStore` that decodes tasks as they are used.
    tasks: "Sequence[Task]"
    #: Pinyin initials of the characters in names (字, letters: one per reading), so that
    #: `gxsw` finds 县工信商务局 without a Chinese input method.
    initials: tuple[tuple[str, str], ...]
    _unit_index: dict[str, Unit]
    _task_index: dict[int, Task]
    _store: TaskStore | None
    _section_index: dict[str, Section]
    _town_index: dict[str, Town]
    _initials_index: dict[str, str]
    #: (town, its government, its mention terms) for each town, for `town_bases`.
    _town_terms: tuple[tuple[str, str, tuple[str, ...]], ...]
    #: For `default_towns`: each town government's towns (by position in `_town_terms`),
    #: and the units that stand for towns (各镇政府, 相关镇政府) with what they cover.
    _governments: dict[str, tuple[int, ...]]
    _covering: dict[str, Covers]

    def __init__(
        self,
        *,
        meta: PlanMeta,
        categories: tuple[Category, ...],
        sections: tuple[Section, ...],
        leaders: tuple[Leader, ...],
        towns: tuple[Town, ...],
        units: tuple[Unit, ...],
        tasks: "Sequence[Task]",
        initials: tuple[tuple[str, str], ...] = (),
        store: TaskStore | None = None,
    ) -> None:
        values = {
            "meta": meta,
            "categories": categories,
            "sections": sections,
            "leaders": leaders,
            "towns": towns,
            "units": units,
            "tasks": tasks,
            "initials": initials,
            "_unit_index": {u.name: u for u in units},
            "_task_index": {} if store else {t.id: t for t in tasks},
            "_store": store,
            "_section_index": {s.id: s for s in sections},
            "_town_index": {t.name: t for t in towns},
            "_initials_index": dict(initials),
            "_town_terms": tuple((t.name, t.government, t.mention_terms) for t in towns),
            "_governments": _positions(t.government for t in towns),
            "_covering": {u.name: u.covers for u in units if u.covers is not None},
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Plan is read-only: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Plan is read-only: cannot delete {name}")

    def _data(self) -> tuple[object, ...]:
        head = (self.meta, self.categories, self.sections, self.leaders, self.towns, self.units)
        return (*head, tuple(self.tasks), self.initials)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plan) and self._data() == other._data()

    __hash__ = None  # type: ignore[assignment]  # equal plans may be built apart; like a dataclass with eq

    def __repr__(self) -> str:
        return f"Plan({self.meta.title!r}, {len(self.tasks)} tasks)"

    def letters(self, name: str) -> tuple[str, ...] | None:
        """Each character's possible initials (`长` → "zc"), or None if one is unknown."""
        out = []
        for char in name:
            letters = self._initials_index.get(char) or (
                char.lower() if char.isascii() and char.isalnum() else None
            )
            if letters is None:
                return None
            out.append(letters)
        return tuple(out)

    def unit(self, name: str) -> Unit:
        """The unit with this canonical name."""
        return self._unit_index[name]

    def task(self, task_id: int) -> Task | None:
        """The task with this id, if there is one."""
        if self._store is not None:
            return self._store.by_id(task_id)
        return self._task_index.get(task_id)

    def candidates(
        self,
        lead_units: "Sequence[str]" = (),
        units: "Sequence[str]" = (),
        leaders: "Sequence[str]" = (),
    ) -> "Iterable[Task]":
        """In plan order, the tasks that may pass a filter on lead units, units (lead or
        related) and leaders: a large plan answers from its indexes; otherwise all tasks."""
        if self._store is not None:
            return self._store.candidates(lead_units, units, leaders)
        return self.tasks

    def ids_naming(self, unit: str) -> "Sequence[int]":
        """In plan order, the ids of the tasks naming the unit as lead or related unit; a
        large plan reads them from its index, decoding no task."""
        if self._store is not None:
            return self._store.ids_naming(unit)
        return [t.id for t in self.tasks if unit in t.lead_units or unit in t.related_units]

    def unit_counts(self) -> "dict[str, tuple[int, int, int]] | None":
        """A large plan's count of tasks each unit leads, co-leads and only supports, from
        its indexes (no task decoded); None for a plan held whole."""
        return None if self._store is None else self._store.unit_counts()

    def section(self, section_id: str) -> Section:
        """The section with this id."""
        return self._section_index[section_id]

    def town(self, name: str) -> Town:
        """The town with this canonical name."""
        return self._town_index[name]

    def category(self, number: int) -> Category:
        """The category with this number."""
        return next(c for c in self.categories if c.number == number)

    def town_bases(self, task: Task) -> dict[str, tuple[TownBasis, ...]]:
        """For each town the task touches, every basis on which it does, strongest first.
        Every command counts the task under the first, its strongest."""
        named = {*task.lead_units, *task.related_units}
        covers = {self._unit_index[u].covers for u in named}
        all_towns = Covers.ALL_TOWNS in covers
        relevant = Covers.RELEVANT_TOWNS in covers
        bases: dict[str, tuple[TownBasis, ...]] = {}
        for town, government, terms in self._town_terms:
            found: list[TownBasis] = []
            if government in named:
                found.append(TownBasis.NAMED)
            if all_towns:
                found.append(TownBasis.ALL_TOWNS)
            mentioned = any(term in task.text for term in terms)
            if mentioned and relevant:
                found.append(TownBasis.RELEVANT_MENTIONED)
            if mentioned:
                found.append(TownBasis.MENTIONED)
            if relevant:
                found.append(TownBasis.RELEVANT_TOWNS)
            if found:
                bases[town] = tuple(found)
        return bases

    def default_towns(self, task: Task) -> list[str]:
        """The towns whose strongest basis for the task (`town_bases`) is a default one
        (`DEFAULT_BASES`: named, all towns, a relevant town mentioned), in town order —
        the text searched only where a 相关镇政府 makes a mention count."""
        named = {*task.lead_units, *task.related_units}
        covers = {self._covering[u] for u in named if u in self._covering}
        if Covers.ALL_TOWNS in covers:
            return [town for town, _, _ in self._town_terms]
        if Covers.RELEVANT_TOWNS in covers:
            return [
                town
                for town, government, terms in self._town_terms
                if government in named or any(term in task.text for term in terms)
            ]
        governments = self._governments
        found = sorted(n for u in named if u in governments for n in governments[u])
        return [self._town_terms[n][0] for n in found]


def _positions(names: "Iterable[str]") -> dict[str, tuple[int, ...]]:
    """Each name with the positions it holds in `names`."""
    found: dict[str, tuple[int, ...]] = {}
    for n, name in enumerate(names):
        found[name] = (*found.get(name, ()), n)
    return found
