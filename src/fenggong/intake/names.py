"""Names as a plan's cells write them → canonical names: rejoining names a line wrap
split, expanding shared suffixes (水台、稔村镇政府), the registry's spellings, a guessed kind
for new names, and pinyin initials."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from fenggong.plan.kinds import UnitKind
from fenggong.plan.model import Plan
from fenggong.textnorm import clean_name

_SEPARATORS = re.compile(r"[、，,;；]")
_UNIT_ENDINGS = (
    "局", "办", "室", "部", "委", "中心", "会", "队", "社", "政府", "行", "司", "院", "联", "位", "门",
)  # fmt: skip


@dataclass(slots=True)
class Registry:
    """Canonical names reachable from every known spelling."""

    leaders: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    towns: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: Plan | None) -> Registry:
        reg = cls()
        if plan is None:
            return reg
        for leader in plan.leaders:
            for name in (leader.name, *leader.aliases):
                reg.leaders[name] = leader.name
        for unit in plan.units:
            for name in (unit.name, *unit.aliases):
                reg.units[name] = unit.name
        for town in plan.towns:
            for name in (town.name, *town.aliases, town.short):
                reg.towns[name] = town.name
        return reg


def join_fragments(
    tokens: list[str], known: Callable[[str], bool], complete: Callable[[str], bool]
) -> list[str]:
    """Rejoin names that a line wrap split into several tokens.

    Prefers the longest run of tokens that forms a known name; otherwise extends a
    fragment until it looks complete.
    """
    out: list[str] = []
    i = 0
    while i < len(tokens):
        best: tuple[int, str] | None = None
        joined = ""
        for j in range(i, len(tokens)):
            joined += tokens[j]
            if known(joined):
                best = (j, joined)
        if best is None:
            j, joined = i, tokens[i]
            while not complete(joined) and j + 1 < len(tokens) and not known(tokens[j + 1]):
                j += 1
                joined += tokens[j]
            best = (j, joined)
        out.append(best[1])
        i = best[0] + 1
    return out


def _looks_like_unit(name: str) -> bool:
    return name.endswith(_UNIT_ENDINGS)


def _looks_like_bare_town(piece: str, reg: Registry) -> bool:
    if piece in reg.towns or f"{piece}镇" in reg.towns:
        return True
    return not _looks_like_unit(piece) and len(piece.removesuffix("镇")) in (2, 3)


def expand_town_suffixes(pieces: list[str], reg: Registry) -> list[str]:
    """水台、稔村镇政府 → 水台镇政府、稔村镇政府: a shared 镇政府 belongs to each town before it;
    滁州经开区、中新苏滁高新区管委会 → two 管委会."""
    out = _expand_zones(pieces)
    pieces = list(out)
    for end, piece in enumerate(pieces):
        stem = piece.removesuffix("镇政府")
        if stem == piece or stem in ("各", "相关", ""):
            continue
        start = end
        while start > 0 and _looks_like_bare_town(pieces[start - 1], reg):
            start -= 1
        for k in range(start, end):
            out[k] = f"{pieces[k].removesuffix('镇')}镇政府"
    return out


def _expand_zones(pieces: list[str]) -> list[str]:
    out = list(pieces)
    for end, piece in enumerate(pieces):
        if not piece.endswith("区管委会"):
            continue
        start = end
        while (
            start > 0
            and pieces[start - 1].endswith("区")
            and not _looks_like_unit(pieces[start - 1])
        ):
            start -= 1
            out[start] = f"{pieces[start]}管委会"
    return out


class Normaliser:
    """Splits and canonicalises name cells, collecting what it could not place."""

    def __init__(self, reg: Registry, problems: list[str], use_registry: bool) -> None:
        self.reg = reg
        self.problems = problems
        self.use_registry = use_registry
        #: Names the registry does not know, with the tasks that use them.
        self.unknown: dict[str, list[int]] = {}
        self.unknown_leaders: list[str] = []

    def leaders(self, cell: str, task_id: int) -> list[str]:
        tokens = [t for t in re.split(r"[\s、，,]+", cell) if t]
        names = join_fragments(tokens, self.reg.leaders.__contains__, lambda s: len(s) >= 2)
        self.note_leaders(names)
        return [self._canonical(n, self.reg.leaders, task_id) for n in names]

    def lead_units(self, cell: str, task_id: int) -> list[str]:
        tokens = [t for t in re.split(r"[\s、，,]+", cell) if t]
        names = join_fragments(tokens, self.reg.units.__contains__, _looks_like_unit)
        names = expand_town_suffixes(names, self.reg)
        return [self._canonical(n, self.reg.units, task_id) for n in names]

    def related_units(self, cell: str, task_id: int) -> list[str]:
        pieces = [clean_name(p) for p in _SEPARATORS.split(cell)]
        pieces = expand_town_suffixes([p for p in pieces if p], self.reg)
        return [self._canonical(n, self.reg.units, task_id) for n in pieces]

    def note_leaders(self, names: list[str]) -> None:
        """Remember leaders the registry does not know (they join it, for review)."""
        for name in names:
            if (
                self.use_registry
                and name not in self.reg.leaders
                and name not in self.unknown_leaders
            ):
                self.unknown_leaders.append(name)

    def canonical(self, name: str, names: dict[str, str], task_id: int) -> str:
        """The registry's name for `name` (recorded as unknown when it has none)."""
        return self._canonical(name, names, task_id)

    def _canonical(self, name: str, names: dict[str, str], task_id: int) -> str:
        if name in names:
            return names[name]
        if self.use_registry:
            self.unknown.setdefault(name, []).append(task_id)
        return name

    def report_unknown(self, known: Iterable[str]) -> None:
        from rapidfuzz import process

        choices = sorted(set(known))
        for name, task_ids in self.unknown.items():
            ids = "、".join(str(i) for i in task_ids)
            close = [c for c, _, _ in process.extract(name, choices, limit=3, score_cutoff=50)]
            hint = f"，最接近的：{'、'.join(close)}" if close else ""
            if name in self.unknown_leaders:
                added = "已作为新的责任领导加入名录"
            elif is_town_government(name):
                added = "已作为新的镇加入名录"
            else:
                added = f"已按「{guess_kind(name).label}」加入名录"
            self.problems.append(f"第 {ids} 项：「{name}」不在名录中{hint}；{added}，请核对")


#: A town government's name → the town's (天堂镇政府 → 天堂镇, 立山街道办事处 → 立山街道).
_GOVERNMENTS = {
    "镇政府": "镇",
    "镇人民政府": "镇",
    "乡政府": "乡",
    "乡人民政府": "乡",
    "街道办事处": "街道",
}
#: Each level's own prefix, and the levels above it.
_OWN = {"province": "省", "city": "市", "county": "县", "district": "区"}
_ABOVE = {
    "province": ("国家", "中央"),
    "city": ("省",),
    "county": ("市", "省"),
    "district": ("市", "省"),
}


def town_of(name: str) -> str | None:
    """The town a town government's name stands for, or None (各镇政府 is a collective)."""
    if name.startswith(("各", "相关")):
        return None
    for suffix, kind in _GOVERNMENTS.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return name.removesuffix(suffix) + kind
    return None


def is_town_government(name: str) -> bool:
    return town_of(name) is not None


def covers_of(name: str) -> str | None:
    """all_towns for 各镇政府 / 各街道 / 各乡镇…, relevant_towns for 相关镇政府…, else None."""
    if not any(w in name for w in ("镇", "乡", "街道")):
        return None
    if name.startswith("各"):
        return "all_towns"
    return "relevant_towns" if name.startswith("相关") else None


#: Words that make a name stand for several units: 成员单位, 有关部门, 市级各有关部门.
_COLLECTIVE = re.compile(r"成员单位|(?:有关|相关)(?:单位|部门)|^[省市县区](?:级|直|政府)?各")


def guess_kind(name: str, level: str = "county") -> UnitKind:
    """A unit's kind from its name and the plan's level: 市X局 leads in a city plan and is a
    higher-level branch in a county plan."""
    own = _OWN.get(level, "县")
    if name.startswith(("各", "相关")) or _COLLECTIVE.search(name):
        return UnitKind.COLLECTIVE
    if name.startswith((f"{own}委", f"团{own}委")) or name.endswith(("工委", "总工会")):
        return UnitKind.PARTY
    if name.startswith(_ABOVE.get(level, ("市",))) or name.endswith(("税务局", "气象局")):
        return UnitKind.BRANCH
    if name.endswith(("公司", "支行", "供电局")):
        return UnitKind.ENTERPRISE
    return UnitKind.COUNTY


def initials_for(names: Iterable[str], known: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Pinyin initials for the characters of `names` that `known` lacks, and those still
    missing. Uses pypinyin (the optional `pinyin` extra) when installed, reading each
    character in its name so that 河长 gives z and 银行 gives h."""
    missing = list(dict.fromkeys(c for n in names for c in n if _is_cjk(c) and c not in known))
    if not missing:
        return {}, []
    try:
        from pypinyin import Style, pinyin
    except ImportError:
        return {}, missing
    wanted = set(missing)
    found: dict[str, str] = {}
    for name in names:
        for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", name):
            # A run of Chinese characters gets one reading each, read in context.
            for char, (syllable, *_) in zip(
                run, pinyin(run, style=Style.FIRST_LETTER), strict=True
            ):
                if char in wanted and syllable[:1].isascii() and syllable[:1].isalpha():
                    letters = found.get(char, "")
                    if syllable[0] not in letters:
                        found[char] = letters + syllable[0]
    return found, [c for c in missing if c not in found]


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
