"""Turn what staff type (工信, 人社, 刘 彬, 籓竹) into canonical leaders, units and towns."""

import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import NamedTuple

from fenggong.errors import AmbiguousName, NameNotFound, UsageError
from fenggong.plan.kinds import UnitKind
from fenggong.plan.model import Plan
from fenggong.textnorm import cn_number, fold, is_subsequence

#: How many candidates an ambiguity error lists before it says "…".
MAX_LISTED = 12


class EntityKind(StrEnum):
    """The registries a name can be looked up in."""

    LEADER = "leader"
    UNIT = "unit"
    TOWN = "town"

    @property
    def noun(self) -> str:
        """The Chinese noun for messages."""
        return {"leader": "责任领导", "unit": "单位", "town": "镇"}[self.value]

    @property
    def listing(self) -> str:
        """The command that lists every name of this kind."""
        return {"leader": "fenggong leaders", "unit": "fenggong units", "town": "fenggong towns"}[
            self.value
        ]


class Step(StrEnum):
    """Which lookup step found the name."""

    EXACT = "exact"
    ALIAS = "alias"
    NORMALISED = "normalised"
    SUBSTRING = "substring"
    SUBSEQUENCE = "subsequence"
    INITIALS = "initials"
    INITIALS_PART = "initials_part"


class Entity(NamedTuple):
    """A name that can be looked up, with every spelling that means it."""

    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    #: A collective reference (各…单位, …成员单位): a real unit wins over it on a short name.
    collective: bool = False


class Resolved(NamedTuple):
    """The outcome of a lookup."""

    query: str
    entity: Entity
    step: Step

    @property
    def name(self) -> str:
        """The canonical name found."""
        return self.entity.name

    @property
    def kind(self) -> EntityKind:
        """The registry the name is in."""
        return self.entity.kind

    @property
    def is_abbreviation(self) -> bool:
        """True when the user typed something other than the canonical name."""
        return self.step is not Step.EXACT


def entities(plan: Plan, kind: EntityKind) -> tuple[Entity, ...]:
    """The plan's registry of one kind as lookup entities."""
    match kind:
        case EntityKind.LEADER:
            return tuple(Entity(kind=kind, name=x.name, aliases=x.aliases) for x in plan.leaders)
        case EntityKind.UNIT:
            return tuple(
                Entity(
                    kind=kind,
                    name=u.name,
                    aliases=u.aliases,
                    collective=u.kind is UnitKind.COLLECTIVE,
                )
                for u in plan.units
            )
        case EntityKind.TOWN:
            return tuple(
                Entity(kind=kind, name=t.name, aliases=(*t.aliases, t.short, t.government))
                for t in plan.towns
            )


def _units_but_towns(plan: Plan) -> tuple[Entity, ...]:
    """Units other than town governments (the town itself stands for its government)."""
    return tuple(
        e for e in entities(plan, EntityKind.UNIT) if plan.unit(e.name).kind is not UnitKind.TOWN
    )


def brief_entities(plan: Plan) -> tuple[Entity, ...]:
    """What a brief can be about: leaders, towns and the other units."""
    return (
        *entities(plan, EntityKind.LEADER),
        *entities(plan, EntityKind.TOWN),
        *_units_but_towns(plan),
    )


def party_entities(plan: Plan) -> tuple[Entity, ...]:
    """What can share tasks in `overlap`: units and towns."""
    return (*_units_but_towns(plan), *entities(plan, EntityKind.TOWN))


Speller = Callable[[str], "tuple[str, ...] | None"]


def resolve(
    query: str,
    candidates: Iterable[Entity],
    noun: str,
    listing: str = "",
    spell: Speller | None = None,
) -> Resolved:
    """Find the one entity `query` means.

    Steps, stopping at the first that yields exactly one entity: exact name, alias, the
    same after folding width/case/whitespace, unique substring, unique in-order
    subsequence (how Chinese abbreviations are formed: 人社 → 人力资源社会保障局), and,
    with `spell` (each character's pinyin initials), ASCII initials: whole, then part.
    """
    pool = tuple(candidates)
    if not query.strip():
        raise NameNotFound(f"{noun}名称不能为空")
    # 天堂镇人民政府 is 天堂镇政府: documents use both.
    folded = fold(query).replace("人民政府", "政府")
    cache: dict[Entity, tuple[str, ...]] = {}

    def spellings(entity: Entity) -> tuple[str, ...]:
        """The entity's spellings folded, once for all the steps that need them."""
        if entity not in cache:
            cache[entity] = tuple(fold(s) for s in _spellings(entity))
        return cache[entity]

    steps: tuple[tuple[Step, Callable[[Entity], bool]], ...] = (
        (Step.EXACT, lambda e: e.name == query),
        (Step.ALIAS, lambda e: query in e.aliases),
        (Step.NORMALISED, lambda e: folded in spellings(e)),
        (Step.SUBSTRING, lambda e: any(folded in s for s in spellings(e))),
        (Step.SUBSEQUENCE, lambda e: any(is_subsequence(folded, s) for s in spellings(e))),
        (
            Step.INITIALS,
            lambda e: spell is not None and spells_initials(folded, e, spell, whole=True),
        ),
        (
            Step.INITIALS_PART,
            lambda e: spell is not None and spells_initials(folded, e, spell, whole=False),
        ),
    )
    for step, test in steps:
        found = _distinct(e for e in pool if test(e))
        real = [e for e in found if not e.collective]
        if len(found) > 1 and len(real) == 1:  # 信访: 县信访局, not the 联席会议成员单位
            found = real
        if len(found) == 1:
            return Resolved(query=query, entity=found[0], step=step)
        if len(found) > 1:
            raise _ambiguous(query, found, noun)
    hint = f"（运行 {listing} 查看全部）" if listing else ""
    raise NameNotFound(f"未找到{noun}「{query}」{_suggestions(query, pool)}{hint}")


def spells_initials(query: str, entity: Entity, spell: Speller, *, whole: bool) -> bool:
    """True when an ASCII query spells the pinyin initials of a spelling (or, unless
    `whole`, a run of them): gxsw → 县工信商务局, hzb → 县河长办."""
    if len(query) < 2 or not (query.isascii() and query.isalpha()):
        return False
    for spelling in _spellings(entity):
        letters = spell(spelling)
        if letters is None:
            continue
        starts = [0] if whole else range(len(letters) - len(query) + 1)
        if whole and len(letters) != len(query):
            continue
        for start in starts:
            if all(q in letters[start + k] for k, q in enumerate(query)):
                return True
    return False


def _spellings(entity: Entity) -> tuple[str, ...]:
    return (entity.name, *entity.aliases)


def _distinct(found: Iterable[Entity]) -> list[Entity]:
    out: dict[tuple[EntityKind, str], Entity] = {}
    for entity in found:
        out.setdefault((entity.kind, entity.name), entity)
    return list(out.values())


def _ambiguous(query: str, found: list[Entity], noun: str) -> AmbiguousName:
    kinds = {e.kind for e in found}
    names = [f"{e.name}（{e.kind.noun}）" if len(kinds) > 1 else e.name for e in found]
    listed = "、".join(names[:MAX_LISTED]) + ("等" if len(names) > MAX_LISTED else "")
    return AmbiguousName(
        f"「{query}」可能指 {len(found)} 个{noun}：{listed}；请写得更具体一些",
        tuple(e.name for e in found),
    )


def _suggestions(query: str, pool: tuple[Entity, ...]) -> str:
    from rapidfuzz import fuzz, process

    owner = {s: e.name for e in pool for s in _spellings(e)}
    matches = process.extract(query, list(owner), scorer=fuzz.ratio, limit=8, score_cutoff=40)
    names = list(dict.fromkeys(owner[m] for m, _, _ in matches))[:3]
    return f"，是不是：{'、'.join(names)}？" if names else ""


def resolve_all(plan: Plan, kind: EntityKind, queries: Iterable[str]) -> tuple[Resolved, ...]:
    """Resolve each query in the plan's registry of `kind`; 住建、发改 or 住建，发改 is two
    queries unless some name is spelled with the separator."""
    pool = entities(plan, kind)
    spellings = {s for e in pool for s in (e.name, *e.aliases)}
    split: list[str] = []
    for query in queries:
        if query not in spellings and any(c in query for c in "、，,；;"):
            split += [part.strip() for part in re.split(_LIST, query) if part.strip()]
        else:
            split.append(query)
    return tuple(resolve(q, pool, kind.noun, kind.listing, plan.letters) for q in split)


def check_category(plan: Plan, text: str) -> int:
    """The category a user means: 4, 四, 第四大类, or (part of) its title."""
    wanted = fold(text).removeprefix("第").removesuffix("大类").removesuffix("类")
    number = cn_number(wanted)
    if number is None:
        found = [c.number for c in plan.categories if wanted and wanted in fold(c.title)]
        number = found[0] if len(found) == 1 else None
        if len(found) > 1:
            raise UsageError(f"「{text}」可能指第 {'、'.join(map(str, found))} 大类；请写编号")
    if number is not None and any(c.number == number for c in plan.categories):
        return number
    count = len(plan.categories)
    raise UsageError(
        f"没有大类「{text}」（本方案共 {count} 个大类，编号 1–{count}，也可写 四 或大类名称）"
    )


# Patterns as text: `re` compiles them on first use only (compiling at import costs every run).
_LIST = r"[、，,；;]"
_SECTION_CN = r"^(?:第)?(.+?)[（(](.+?)[）)]$"


def check_section(plan: Plan, text: str) -> str:
    """The section a user means: 6.1, 六（一）, 6（1）, or (part of) its title as the
    document writes it (优先稳保就业)."""
    folded = fold(text).replace("。", ".").replace("．", ".")
    if (match := re.match(_SECTION_CN, folded)) is not None:
        category, section = cn_number(match[1]), cn_number(match[2])
        if category is not None and section is not None:
            folded = f"{category}.{section}"
    if any(s.id == folded for s in plan.sections):
        return folded
    found = [
        s.id
        for s in plan.sections
        if folded and any(folded in fold(t) for t in (s.title, *s.variants))
    ]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise UsageError(f"「{text}」可能指大项 {'、'.join(found)}；请写编号")
    raise UsageError(
        f"没有大项「{text}」（编号形如 3.2 或 三（二），也可写大项名称；运行 fenggong sections 查看全部）"
    )
