"""How a plan's unit lists are written → the units they name: a level prefix written on
the first name only (市发改委、经贸委 → 市经贸委) shared across the list where the bare name
is not a unit of the plan in its own right; names that still hold a role word (牵头、配合、
负责、等) listed for review; the plan's level read from its issuer, title and names."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

#: The prefixes of a level's own departments.
LEVEL_PREFIXES = {"province": "省", "city": "市", "county": "县", "district": "区"}
_PREFIXES = tuple(LEVEL_PREFIXES.values())
#: Characters that make a name a place's (南沙区政府, 丽水开发区管委会): never prefixed.
_PLACE = re.compile(r"[省市县区镇乡村旗州盟]|街道|园区|开发区")
#: How a unit's name ends (局, 办, 委, 中心, 政府, 指挥部, …).
UNIT_END = re.compile(r"(?:局|办|室|部|委|中心|会|队|社|政府|行|司|院|联|所|站|处|署|厅|指挥部)$")
#: Endings of enterprises and branches, named for themselves (新兴供电局): never prefixed.
_OWN_NAME = re.compile(r"(?:供电局|分局|公司|支行|分行|银行|集团)$")
_ROLE_WORDS = ("牵头", "配合", "负责", "协办", "主办", "分别")


def shared_prefix(names: list[str]) -> str:
    """The level prefix the list's first name carries (市发改委 → 市), or ""."""
    first = names[0] if names else ""
    if len(first) > 2 and first.startswith(_PREFIXES) and not first.startswith("市场"):
        return first[0]
    return ""


def bare_units(lists: Iterable[list[str]]) -> set[str]:
    """Names the plan writes without a shared prefix before them: in a list whose first
    name carries none, or first in a list. These are units in their own right."""
    out: set[str] = set()
    for names in lists:
        if not names:
            continue
        out.add(names[0])
        if not shared_prefix(names):
            out.update(names)
    return out


def expand_prefix(names: list[str], bare: set[str]) -> tuple[list[str], list[str]]:
    """The list with the first name's level prefix given to each bare department after it,
    and the names so expanded (as written)."""
    prefix = shared_prefix(names)
    if not prefix:
        return names, []
    out, expanded = [names[0]], []
    for name in names[1:]:
        if (
            name not in bare
            and UNIT_END.search(name)
            and not _PLACE.search(name)
            and not _OWN_NAME.search(name)
            and not name.startswith(("各", "相关", "有关", "团", "驻"))
        ):
            out.append(prefix + name)
            expanded.append(name)
        else:
            out.append(name)
    return out, expanded


@functools.lru_cache(maxsize=4096)
def role_word(name: str) -> str:
    """The role word a unit's name still holds (it was not split off), or ""."""
    found = next((w for w in _ROLE_WORDS if w in name), "")
    if not found and name.endswith("等"):
        return "等"
    return found


def level_of(issuer: str, title: str, names: Iterable[str]) -> str:
    """province, city, county or district: from the issuer (丽水市人民政府), else the prefix
    most names carry, else the title (市政府工作报告), else ""."""
    for text in (issuer.removesuffix("办公室").removesuffix("办公厅"),):
        for level, word in (
            ("province", "省人民政府"),
            ("city", "市人民政府"),
            ("county", "县人民政府"),
            ("district", "区人民政府"),
        ):
            if text.endswith(word):
                return level
    counts = dict.fromkeys(LEVEL_PREFIXES, 0)
    for name in names:
        for level, prefix in LEVEL_PREFIXES.items():
            counts[level] += name.startswith(prefix) and not name.startswith("市场")
    best = max(counts, key=lambda k: counts[k])
    if counts[best]:
        return best
    for level, words in (
        ("city", ("市长", "市政府", "市人民政府")),
        ("county", ("县长", "县政府", "县人民政府")),
        ("district", ("区长", "区政府", "区人民政府")),
        ("province", ("省长", "省政府", "省人民政府")),
    ):
        if any(w in title for w in words):
            return level
    return ""
