"""Column widths of the terminal table: the roomiest layout that fits the console, from
every header and name whole and the task text a quarter of the room, down to every column
at its narrowest; the table (`table.py`) draws them."""

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style

from fenggong.present.render.terminal.bars import BAR_MIN, BAR_WIDTH
from fenggong.present.render.terminal.linebreak import longest_word, pieces
from fenggong.present.view import JOINER

#: Single names (a unit, a date, a label) up to this many cells are kept whole.
WHOLE_NAME = 20
#: How far a layout may go: names and dates whole, lists of names whole, or anything cut.
WHOLE, LIST_NAMES, CUT = range(3)
#: The space left of the table, and between columns.
MARGIN = 2
GAP = 3


class Cell(NamedTuple):
    """One table cell's text and how to draw it."""

    text: str
    #: Width of the text in cells.
    width: int
    #: Highlighted (start, end) ranges of the text.
    marks: tuple[tuple[int, int], ...] = ()
    #: The separators of its names (lines break after one): 、 in a list, CLAUSES in names
    #: and labels (县工信商务局：滞后；…); None in free text.
    items: str | None = None
    style: Style | None = None


class Spec(NamedTuple):
    """How a column may be laid out."""

    min_width: int = 4
    max_width: int | None = None
    #: Numbers are right-aligned and never wrapped.
    numeric: bool = False
    #: Left out, with a note, where names would otherwise be cut (`Column.spare`).
    spare: bool = False


class Needs(NamedTuple):
    """What a column's cells need, measured once per table (its widths are tried often)."""

    #: The widest cell.
    widest: int
    #: Whether any cell is a list of names (those are kept whole up to the column's width).
    listed: bool
    #: The widths of the names of its lists, each with the 、 after it but the last.
    list_names: frozenset[int]
    #: The widths of its other names: a label's parts (县工信商务局：), a free-text cell.
    names: frozenset[int]
    #: The longest date, number or Latin word.
    word: int


def needs(cells: Sequence[Sequence[Cell]], column: int) -> Needs:
    """What the column's cells need (each distinct text measured once)."""
    joiner = cell_len(JOINER)
    widest, listed, word = 0, False, 0
    list_names: set[int] = set()
    names: set[int] = set()
    seen: set[str] = set()
    for row in cells:
        cell = row[column]
        widest = max(widest, cell.width)
        if cell.text in seen:
            continue
        seen.add(cell.text)
        if cell.width < 2 * len(cell.text):  # wide characters only have no Latin word
            word = max(word, longest_word(cell.text))
        if cell.items == JOINER:
            listed = True
            parts = cell.text.split(JOINER)
            list_names.update(cell_len(n) + joiner for n in parts[:-1])
            list_names.add(cell_len(parts[-1]))
        elif cell.items and (" " in cell.text or any(c in cell.text for c in cell.items)):
            names.update(map(cell_len, pieces(cell.text, cell.items)))
        else:
            names.add(cell.width)
    return Needs(widest, listed, frozenset(list_names), frozenset(names), word)


def column_widths(
    specs: Sequence[Spec],
    headers: Sequence[Cell],
    columns: Sequence[Needs],
    room: int,
    *,
    text_column: int | None,
    bars: bool,
    level: int = CUT,
) -> list[int] | None:
    """Column widths that fit `room` cells (plus one for the bar when it fits too);
    None when even the narrowest readable columns do not fit: at `WHOLE`, with every
    name and date whole that its column can hold; at `LIST_NAMES`, every name of a list
    and every date; at `CUT`, every date and number where the column can hold it."""
    count = len(specs)
    numeric = [s.numeric for s in specs]
    natural = [max(headers[i].width, columns[i].widest) for i in range(count)]
    # The task text, or else the widest column of names, takes whatever the others leave.
    wordy = [i for i in range(count) if not numeric[i]]
    flexible = (
        text_column
        if text_column is not None
        else max(wordy, key=lambda i: natural[i], default=None)
    )
    capped = [
        w if numeric[i] or i == flexible else min(w, specs[i].max_width or w)
        for i, w in enumerate(natural)
    ]
    # A column may grow past its widest (max_width) to hold a name whole where there is room
    # (县人力资源社会保障局 in a column of 16).
    names = [
        0 if numeric[i] or i == flexible else _longest_name(columns[i], WHOLE_NAME + 2)
        for i in range(count)
    ]
    widths = [max(w, min(natural[i], names[i])) for i, w in enumerate(capped)]
    preferred = [w if numeric[i] else min(w, specs[i].min_width) for i, w in enumerate(widths)]
    # Dates and numbers are not cut where the column can hold them (a task's text keeps
    # its minimum: its numbers are short, a long run of Latin letters may break).
    for i in range(count):
        if not numeric[i] and i != text_column:
            preferred[i] = max(preferred[i], min(widths[i], columns[i].word))
    # Lists of names stay whole (they break only after a 、) where the column can hold
    # the longest name.
    longest = [_longest_name(columns[i], capped[i]) for i in range(count)]
    lists = [
        min(widths[i], max(p, longest[i])) if columns[i].listed else p
        for i, p in enumerate(preferred)
    ]
    # …and, where they fit too, short headers (责任领导) and single names (a unit, a date).
    whole = [
        p
        if numeric[i] or i == text_column
        else min(widths[i], max(p, longest[i], min(headers[i].width, 8)))
        for i, p in enumerate(lists)
    ]
    # Where the console allows, the task text gets a quarter of it and no header is
    # broken: lists of names read well in a narrow column, a long task does not.
    roomy = [
        max(m, headers[i].width, names[i]) if i != flexible else m for i, m in enumerate(whole)
    ]
    if text_column is not None and flexible is not None:
        roomy[flexible] = max(preferred[flexible], min(natural[flexible], room // 4))
    gaps = MARGIN + GAP * (count - 1) + MARGIN
    # A narrow console takes room from the bar before it breaks a name.
    narrow = max(BAR_MIN, min(BAR_WIDTH, room - gaps - GAP - sum(whole)))
    bar = BAR_WIDTH if bars else 0
    stages = [(bar, roomy), (bar, whole), *([(narrow, whole)] if bars else [])]
    stages += [(0, whole), *[(0, m) for m in (lists, preferred)][:level]]
    for bar, minimum in stages:
        space = room - gaps - (bar + GAP if bar else 0)
        if sum(minimum) > space:
            continue
        if flexible is not None:
            others = sum(widths) - widths[flexible]
            widths[flexible] = max(minimum[flexible], min(natural[flexible], space - others))
        # Shrink the widest wrappable column one cell at a time: first where no name needs
        # the room, then from names past the column's widest, then down to the minimum.
        keep = [max(m, w) for m, w in zip(minimum, whole, strict=True)]
        floors = [
            [max(k, min(n, w)) for k, n, w in zip(keep, names, widths, strict=True)],
            keep,
            minimum,
        ]
        while sum(widths) > space:
            floor = next(f for f in floors if any(w > x for w, x in zip(widths, f, strict=True)))
            candidates = [i for i in range(count) if widths[i] > floor[i]]
            widest = max(candidates, key=lambda i: widths[i] - floor[i])
            widths[widest] -= 1
        return widths + ([bar] if bar else [])
    return None


def _longest_name(column: Needs, cap: int) -> int:
    """The width the column's longest name needs (a separator after it stays on its line, so
    it counts), among the names a column `cap` wide can hold at all: each name of a list;
    in names and labels each part between separators (县工信商务局：), and in free text the
    cell, kept whole up to WHOLE_NAME cells."""
    limit = min(cap, WHOLE_NAME)
    return max(
        max((w for w in column.list_names if w <= cap), default=0),
        max((w for w in column.names if w <= limit), default=0),
    )
