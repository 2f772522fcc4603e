"""One cell of a plan → the names in it, the way real plans write them: separators outside
parentheses only (各县（市、区）政府 is one name), level enumerations kept whole
(各县、市、区人民政府), justification spaces dropped (陆 明), two letter-spaced names whose
line break was lost split again (陆 明俞 悦), a rule note (列第一位者为牵头…) taken out, a
trailing 等 noted, and 部门分工 sentences (X牵头，Y、Z配合) split into lead and related."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

_SEPARATORS = "、，,；;"
_OPEN, _CLOSE = "（([【", "）)]】"
#: A note inside a cell that states how to read the list, not a unit.
_FIRST = r"(?:列|排|排在|排名)第一(?:位|个|名)?(?:者|的)?(?:单位)?(?:为|是)(?:牵头|主要责任)"
FIRST_LEADS_RULE = re.compile(_FIRST)
_FIRST_LEADS = re.compile(rf"[（(][^（()）]*{_FIRST}[^（()）]*[）)]")
_MARKED = re.compile(r"[（(]\s*牵头(?:单位)?\s*[）)]$")
_EACH_LEADS = re.compile(r"[（(]?\s*分别(?:牵头|负责)\s*[）)]?")
#: Single characters that enumerate levels inside one name: 各县、市、区人民政府.
_LEVELS = frozenset("省市县区镇乡")
_ENUMERATING = re.compile(r"各[省市县区镇乡](?:、[省市县区镇乡])*")
_TRAILING = "。.；;，,、 \u3000"
_COMBINED = re.compile(
    r"^(?P<lead>.*?)(?:牵头|负责)(?:[，,；;、]\s*(?P<related>.*?)(?:配合|参与|协同|协助))?[。；;.]?$"
)


class Names(NamedTuple):
    """The names a cell holds, and what was noticed reading it."""

    names: tuple[str, ...]
    #: The list ends in 等: more units than those named.
    open_list: bool = False
    #: The cell said the first listed unit leads (列第一位者为牵头).
    first_leads: bool = False
    #: Every listed unit leads (X、Y分别牵头).
    each_leads: bool = False
    #: Units marked as leading inside the list: 县发改局（牵头）、县财政局.
    marked: tuple[str, ...] = ()


@functools.lru_cache(maxsize=4096)
def split_units(cell: str) -> Names:
    """The unit names in a cell."""
    first_leads = bool(_FIRST_LEADS.search(cell)) or bool(FIRST_LEADS_RULE.search(cell))
    cell = _FIRST_LEADS.sub("", cell)
    each_leads = _EACH_LEADS.search(cell) is not None
    cell = _EACH_LEADS.sub("", cell)
    pieces = [_clean(p) for p in _split_outside_parentheses(cell)]
    pieces = _join_levels([q for p in pieces if p for q in _split_ji(p)])
    open_list = False
    for at, piece in enumerate(pieces):
        # X等，Y and X、Y等: the 等 closes a list that names only some of its units.
        if piece.endswith("等") and len(piece) > 2:
            pieces[at] = piece.removesuffix("等")
            open_list = True
    marked = tuple(_MARKED.sub("", p) for p in pieces if _MARKED.search(p))
    if marked:
        pieces = [_MARKED.sub("", p) for p in pieces]
    return Names(tuple(pieces), open_list, first_leads, each_leads, marked)


@functools.lru_cache(maxsize=4096)
def split_leaders(cell: str) -> Names:
    """The leaders in a cell; letter-spaced names (陆 明) are joined, and two of them whose
    line break was lost (陆 明俞 悦) split again."""
    names: list[str] = []
    for piece in _split_outside_parentheses(cell):
        tokens = piece.split()
        if (
            len(tokens) > 1
            and all(len(t) <= 2 for t in tokens)
            and any(len(t) == 1 for t in tokens)
        ):
            joined = "".join(tokens)
            if len(joined) > 3 and len(joined) % 2 == 0:
                names += [joined[i : i + 2] for i in range(0, len(joined), 2)]
                continue
            names.append(joined)
        else:
            names += [_clean(t) for t in tokens]
    return Names(tuple(n for n in (_clean(n) for n in names) if n))


def split_combined(cell: str) -> tuple[Names, Names] | None:
    """部门分工 as one sentence (省发展改革委牵头，各地、各部门配合) → lead and related
    names; None when the cell is not such a sentence."""
    match = _COMBINED.match(_clean(cell))
    if match is None or not match["lead"]:
        return None
    return split_units(match["lead"]), split_units(match["related"] or "")


def _split_outside_parentheses(cell: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    depth = 0
    for char in cell:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        if (char in _SEPARATORS and depth == 0) or char == "\n":
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return pieces


#: How a unit's name (or a collective reference to units) ends.
_UNIT_LIKE = re.compile(
    r"(?:局|办|室|部|委|中心|会|队|社|政府|行|司|院|联|所|站|处|署|厅|部门|单位|机构|机关)$"
)
_JI = re.compile(r"以?及")


def _split_ji(piece: str) -> list[str]:
    """市级各有关部门及各县市区政府 → two: split at 及 (以及) only where both sides read as
    units (局, 办, 部门, 政府, …), so a name holding 及 (市住房保障及房产管理局) stays whole."""
    for match in _JI.finditer(piece):
        left, right = piece[: match.start()], piece[match.end() :]
        if (
            len(left) >= 2
            and len(right) >= 2
            and _UNIT_LIKE.search(left)
            and _UNIT_LIKE.search(right)
            and not right.startswith("其")
            and _depth(left) == 0
        ):
            return [left, *_split_ji(right)]
    return [piece]


def _depth(text: str) -> int:
    """How many brackets are open at the end of `text`."""
    return sum(c in _OPEN for c in text) - sum(c in _CLOSE for c in text)


def _join_levels(pieces: list[str]) -> list[str]:
    """各县、市、区人民政府 enumerates levels inside one name: after 各县 (or 各县、市) a piece
    that starts with a level character continues the name."""
    out: list[str] = []
    for piece in pieces:
        if out and _ENUMERATING.fullmatch(out[-1]) and piece[:1] in _LEVELS:
            out[-1] = f"{out[-1]}、{piece}"
        else:
            out.append(piece)
    return out


def _clean(name: str) -> str:
    """A name without spaces (justification and line wraps) or trailing punctuation."""
    return re.sub(r"\s+", "", name).strip(_TRAILING)
