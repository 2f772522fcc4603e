"""Where to break Chinese text (with some Latin in it) into lines of a terminal column.

Chinese may break between any two characters, except that a line does not start with
closing punctuation (，。、）” …) nor end with opening punctuation (（“《 …); runs of Latin
letters and digits (RCEP, 5G, 30, 2023-06-30) stay whole; a list of names joined by 、, or
names and labels joined by 、，；：, breaks after a separator so that no name is cut in two.
A piece too long for any line is cut where the line is full.
"""

from __future__ import annotations

from functools import cache

from rich.cells import cell_len, get_character_cell_size

#: Separators of the names and clauses in a cell of names or labels (县工信商务局：滞后；…):
#: a line breaks after one, or before the opening bracket (2023-12-31（年底）); after a
#: label's colon only for want of those, and at a space (2023-05 / 未报送) last.
CLAUSES = "、，；：（ "
#: Characters a line must not start with.
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—～%‰,.;:?!)]}")
#: Characters a line must not end with.
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
#: Latin characters that belong to one word or number (5.2%, 2023-2025, A/B).
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-/")

Span = tuple[int, int]


def break_lines(text: str, width: int, *, items: str | None = None) -> list[Span]:
    """`text` as lines of at most `width` cells, each as a (start, end) slice.

    `items` are the separators of a list (、, or CLAUSES): lines then break after one (before
    an opening bracket) where they can. Spaces at a break are dropped. An empty text is one
    empty line.
    """
    if cell_len(text) <= width:
        return [(0, len(text))]
    width = max(width, 2)  # room for one Chinese character
    lines: list[Span] = []
    start, size = 0, len(text)
    while start < size:
        used, end = 0, start
        while end < size:
            used += get_character_cell_size(text[end])
            if used > width:
                break
            end += 1
        if end < size:
            end = _better_break(text, start, end, items, width)
        lines.append((start, len(text[start:end].rstrip(" ")) + start))
        start = end
        while start < size and text[start] == " ":
            start += 1
    return lines or [(0, 0)]


def _better_break(text: str, start: int, end: int, items: str | None, width: int) -> int:
    """The break at or before `end` (the first character that did not fit) that reads best:
    after the line's last separator, else the last place that cuts no word and leaves no
    punctuation where it must not stand, else where the line is full."""
    if text[end] == " ":
        return end
    for group in _groups(items) if items else ():
        if (cut := _at_separator(text, start, end, group, width)) > start:
            return cut
    for cut in range(end, start, -1):
        if _may_break(text, cut):
            return cut
    return end


@cache
def _groups(items: str) -> tuple[str, ...]:
    """The separators in the order a line may end at them: a label's colon (which binds it
    to what follows) only for want of the others (县工信商务局：连续两期滞后；/ 县文广旅体局：
    未报送), and a space inside a clause last (黄：/ 2023-06 未启动, not 黄：2023-06 / 未启动)."""
    weak = tuple(c for c in "： " if c in items)
    strong = "".join(c for c in items if c not in weak)
    return (strong, *weak) if strong else weak


def _at_separator(text: str, start: int, end: int, items: str, width: int) -> int:
    """The last break in text[start:end] at one of `items` (`start` when there is none):
    after a separator, or before an opening bracket whose words then fit on the next line
    (else a space inside them is the better break: 已超期（截止 / 2023-06-30）)."""
    best = start
    for separator in items:
        opening = separator in _NO_LINE_END
        limit = end + 1 if opening else end
        while (at := text.rfind(separator, start + (not opening), limit)) > start - opening:
            cut = at if opening else at + 1
            if cut <= best:
                break
            if opening:
                rest = [len(text)] + [i for s in items if (i := text.find(s, cut + 1)) > 0]
                fits = cell_len(text[cut : min(rest) + 1]) <= width
                ok = fits and text[cut - 1] not in _NO_LINE_END
            else:
                ok = text[cut] not in _NO_LINE_START
            if ok:
                best = cut
                break
            limit = at
    return best


def _may_break(text: str, cut: int) -> bool:
    """Whether a line may end before `text[cut]`."""
    before, after = text[cut - 1], text[cut]
    if before == " " or after == " ":
        return True
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return False
    return not (before in _WORD and after in _WORD)


def pieces(text: str, items: str) -> list[str]:
    """The parts of `text` a line break keeps whole when it can: each name or clause with the
    separator after it (which stays on its line), split at spaces and before an opening
    bracket of `items` too."""
    out, start = [], 0
    for index, char in enumerate(text):
        if char in items and char in _NO_LINE_END:
            out.append(text[start:index])
            start = index
        elif char in items or char == " ":
            out.append(text[start : index + 1].rstrip(" "))
            start = index + 1
    out.append(text[start:])
    return [p for p in out if p]


def longest_word(text: str) -> int:
    """The width of the longest run of Latin letters and digits (a date, a number)."""
    longest = run = 0
    for char in text:
        run = run + 1 if char in _WORD else 0
        longest = max(longest, run)
    return longest
