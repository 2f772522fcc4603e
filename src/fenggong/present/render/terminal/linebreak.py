"""Where to break Chinese text (with some Latin in it) into lines of a terminal column.

Chinese may break between any two characters, except that a line does not start with
closing punctuation (，。、）” …) nor end with opening punctuation (（“《 …); runs of Latin
letters and digits (RCEP, 5G, 30) stay whole; a list of names joined by 、 breaks after a 、
so that no name is cut in two. A piece too long for any line is cut where the line is full.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

#: Characters a line must not start with.
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—～%‰,.;:?!)]}")
#: Characters a line must not end with.
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
#: Latin characters that belong to one word or number (5.2%, 2023-2025, A/B).
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-/")

Span = tuple[int, int]


def break_lines(text: str, width: int, *, items: str | None = None) -> list[Span]:
    """`text` as lines of at most `width` cells, each as a (start, end) slice.

    `items` is the separator of a list (、): lines then break after it where they can.
    Spaces at a break are dropped. An empty text is one empty line.
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
            end = _better_break(text, start, end, items)
        lines.append((start, len(text[start:end].rstrip(" ")) + start))
        start = end
        while start < size and text[start] == " ":
            start += 1
    return lines or [(0, 0)]


def _better_break(text: str, start: int, end: int, items: str | None) -> int:
    """The break at or before `end` (the first character that did not fit) that reads best."""
    if text[end] == " ":
        return end
    if items is not None:
        after = text.rfind(items, start, end) + 1
        if after > start and text[end] != items:
            return after
        before = text.rfind(items, start, end - 1) + 1
        if before > start:
            return before
    if text[end - 1] in _WORD and text[end] in _WORD:
        word = end - 1
        while word > start and text[word - 1] in _WORD:
            word -= 1
        space = text.rfind(" ", start, end)
        if space > start:
            return space + 1
        if word > start:
            end = word
    cut = end
    while text[cut] in _NO_LINE_START or text[cut - 1] in _NO_LINE_END:
        cut -= 1
        if cut == start:  # punctuation all the way: cut where the line is full
            return end
    return cut
