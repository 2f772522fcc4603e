"""Rich renderables for the terminal. Nothing here prints; the CLI owns the console.

All data and user input go out as plain segments, never as markup, so `[bold]` in a name
stays text.
"""

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style

from fenggong.export import JOINER, display_value
from fenggong.export import Table as DataTable
from fenggong.linebreak import break_lines
from fenggong.textnorm import find_folded

#: Caps (in cells; a Chinese character is two) so one long list cannot squeeze the task text.
_MAX_WIDTH = {"related_units": 28, "lead_units": 16, "leaders": 14, "section_title": 16}
_MIN_WIDTH = {
    "text": 16,
    "section": 4,
    "role": 4,
    "town_basis": 6,
    "leaders": 6,
    "lead_units": 12,
    "related_units": 12,
}


def _is_numeric(table: DataTable, key: str) -> bool:
    """Columns of numbers are right-aligned and never wrapped."""
    values = [r.get(key) for r in table.records]
    return bool(values) and all(isinstance(v, int | float) for v in values)


BAR_WIDTH = 24


def _number(value: object) -> int:
    return value if isinstance(value, int) else 0


def _bar(value: int, peak: int, ascii_only: bool) -> Segment:
    """A bar `value/peak` of BAR_WIDTH cells, in eighths where the console can draw them."""
    if peak <= 0 or value <= 0:
        return Segment("")
    if ascii_only:
        return Segment("#" * max(1, round(BAR_WIDTH * value / peak)), _BAR)
    eighths = max(1, round(BAR_WIDTH * 8 * value / peak))
    full, rest = divmod(eighths, 8)
    return Segment("█" * full + ("▏▎▍▌▋▊▉"[rest - 1] if rest else ""), _BAR)


def task_listing(
    table: DataTable,
    *,
    count: int,
    highlight: Sequence[str] = (),
    ascii_only: bool = False,
    note: str | None = None,
) -> RenderableType:
    """The `tasks` table with a footer that gives the count."""
    caption = f"共 {count} 项" + (f"；{note}" if note else "")
    return GridTable(table, caption=caption, highlight=highlight, ascii_only=ascii_only)


def task_details(
    blocks: Sequence[Sequence[tuple[str, str | list[str]]]], ascii_only: bool = False
) -> Group:
    """`show`: a label/value grid per task."""
    grids: list[RenderableType] = []
    for block in blocks:
        if grids:
            grids.append(Paragraph(""))
        table = DataTable(
            columns=(("label", ""), ("value", "")),
            records=tuple({"label": label, "value": value} for label, value in block),
        )
        grids.append(GridTable(table, ascii_only=ascii_only, show_header=False))
    return Group(*grids)


class _Cell(NamedTuple):
    """One table cell's text and how to draw it."""

    text: str
    #: Width of the text in cells.
    width: int
    #: Highlighted (start, end) ranges of the text.
    marks: tuple[tuple[int, int], ...] = ()
    #: The separator of a list of names (lines break after it), or None.
    items: str | None = None
    style: Style | None = None


def _text_cell(
    text: str,
    *,
    marks: tuple[tuple[int, int], ...] = (),
    items: str | None = None,
    style: Style | None = None,
) -> _Cell:
    return _Cell(text, cell_len(text), marks, items, style)


class GridTable:
    """A table drawn line by line: names and figures on one line each, long text broken
    inside its column the way Chinese is set (see `linebreak`).

    `rich.table.Table` measures, pads and wraps every cell through its generic layout, about
    60 µs a cell; our tables have hundreds of cells and only a few long ones, so this lays
    them out directly as segments. A console too narrow for even the narrowest columns crops
    the lines.
    """

    def __init__(
        self,
        table: DataTable,
        *,
        title: str | None = None,
        caption: str | None = None,
        highlight: Sequence[str] = (),
        ascii_only: bool = False,
        bar_key: str | None = None,
        show_header: bool = True,
    ) -> None:
        self.table = table
        self.show_header = show_header
        self.title = title
        self.caption = caption
        self.highlight = highlight
        self.ascii_only = ascii_only
        self.bar_key = bar_key

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = options.max_width
        keys = [key for key, _ in self.table.columns]
        cells = [[self._cell(k, r) for k in keys] for r in self.table.records]
        headers = [_text_cell(header, style=_BOLD) for _, header in self.table.columns]
        numeric = [_is_numeric(self.table, k) for k in keys]
        widths = self._widths(keys, headers, cells, numeric, room)
        bar_key = self.bar_key if len(widths) > len(keys) else None
        if self.title:
            yield from _paragraph(_text_cell(self.title, style=_BOLD), room)
        if self.show_header:
            yield from _row(headers, widths, numeric, None)
            full = _MARGIN + sum(widths) + _GAP * (len(widths) - 1)
            yield Segment(" " + ("-" if self.ascii_only else "─") * (full - 1))
            yield _NEW_LINE
        values = [_number(r.get(bar_key)) if bar_key else 0 for r in self.table.records]
        peak = max(values, default=0)
        spaced = "text" in keys or not self.show_header  # rows of several lines read better apart
        for index, (row, value) in enumerate(zip(cells, values, strict=True)):
            if spaced and index:
                yield _NEW_LINE
            bar = _bar(value, peak, self.ascii_only) if bar_key else None
            yield from _row(row, widths, numeric, bar)
        if self.caption:
            yield from _paragraph(_text_cell(self.caption), room)

    def _cell(self, key: str, record: dict[str, object]) -> _Cell:
        value = record.get(key)
        text = display_value(key, value)
        if key == "text" and self.highlight:
            marks = [span for word in self.highlight for span in find_folded(text, word)]
            return _text_cell(text, marks=tuple(sorted(marks)))
        return _text_cell(text, items=JOINER if isinstance(value, list) else None)

    def _widths(
        self,
        keys: Sequence[str],
        headers: Sequence[_Cell],
        cells: Sequence[Sequence[_Cell]],
        numeric: Sequence[bool],
        room: int,
    ) -> list[int]:
        """Column widths that fit `room` cells (plus one for the bar when it fits too)."""
        natural = [
            max([headers[i].width, *(row[i].width for row in cells)]) for i in range(len(keys))
        ]
        # The task text, or else the widest column of names, takes whatever the others leave.
        wordy = [i for i in range(len(keys)) if not numeric[i]]
        flexible = (
            keys.index("text")
            if "text" in keys
            else max(wordy, key=lambda i: natural[i], default=None)
        )
        widths = [
            w if numeric[i] or i == flexible else min(w, _MAX_WIDTH.get(keys[i], w))
            for i, w in enumerate(natural)
        ]
        preferred = [
            w if numeric[i] else min(w, _MIN_WIDTH.get(keys[i], 4)) for i, w in enumerate(widths)
        ]
        hard = [w if numeric[i] else min(w, 4) for i, w in enumerate(widths)]
        # Where the console allows, the task text gets a quarter of it and no header is
        # broken: lists of names read well in a narrow column, a long task does not.
        roomy = [max(m, headers[i].width) if i != flexible else m for i, m in enumerate(preferred)]
        if "text" in keys and flexible is not None:
            roomy[flexible] = max(preferred[flexible], min(natural[flexible], room // 4))
        gaps = _MARGIN + _GAP * (len(keys) - 1) + _MARGIN
        bar_room = (BAR_WIDTH + _GAP) if self.bar_key else 0
        for bar, minimum in (
            (bar_room, roomy),
            (bar_room, preferred),
            (0, preferred),
            (0, hard),
        ):
            space = room - gaps - bar
            if sum(minimum) > space:
                continue
            if flexible is not None:
                others = sum(widths) - widths[flexible]
                widths[flexible] = max(minimum[flexible], min(natural[flexible], space - others))
            while sum(widths) > space:  # shrink the widest wrappable column one cell at a time
                candidates = [i for i in range(len(keys)) if widths[i] > minimum[i]]
                widest = max(candidates, key=lambda i: widths[i] - minimum[i])
                widths[widest] -= 1
            return widths + ([BAR_WIDTH] if bar else [])
        return hard  # narrower than any sensible table: the console crops the lines


def _row(
    cells: Sequence[_Cell], widths: Sequence[int], numeric: Sequence[bool], bar: Segment | None
) -> Iterator[Segment]:
    """One table row: each cell broken into lines of its column, the lines side by side.

    Unstyled pieces of a line (margin, padding, plain cells) go out joined as one segment:
    the console handles each segment on its own, so a dozen pieces cost it a dozen times one.
    """
    columns = [_lines(cell, width) for cell, width in zip(cells, widths, strict=False)]
    rights = list(numeric[: len(columns)])
    widths = list(widths[: len(columns)])
    if bar is not None:
        columns.append([(bar.text, cell_len(bar.text), [bar])])
        rights.append(False)
        widths.append(0)
    for n in range(max(map(len, columns))):
        line = [lines[n] if n < len(lines) else _NO_LINE for lines in columns]
        last = max((i for i, (text, _, _) in enumerate(line) if text), default=-1)
        plain = [" " * _MARGIN]
        for index in range(last + 1):
            _, width, segments = line[index]
            pad = " " * (widths[index] - width)
            if index:
                plain.append(" " * _GAP)
            if rights[index]:
                plain.append(pad)
            for segment in segments:
                if segment.style is None:
                    plain.append(segment.text)
                else:
                    yield Segment("".join(plain))
                    yield segment
                    plain = []
            if not rights[index] and index < last:
                plain.append(pad)
        plain.append("\n")
        yield Segment("".join(plain))


#: A line of a cell: its text, its width and its segments.
_Line = tuple[str, int, list[Segment]]
_NO_LINE: _Line = ("", 0, [])


def _lines(cell: _Cell, width: int) -> list[_Line]:
    """The cell's lines in a column `width` cells wide."""
    if not cell.marks and cell.width <= width:
        return [(cell.text, cell.width, [Segment(cell.text, cell.style)])]
    out: list[_Line] = []
    for start, end in break_lines(cell.text, width, items=cell.items):
        plain = cell.text[start:end]
        if not cell.marks:
            out.append((plain, cell_len(plain), [Segment(plain, cell.style)]))
            continue
        segments = []
        at = start
        for mark_start, mark_end in cell.marks:
            mark_start, mark_end = max(mark_start, at), min(mark_end, end)
            if mark_start >= mark_end:
                continue
            if mark_start > at:
                segments.append(Segment(cell.text[at:mark_start], cell.style))
            segments.append(Segment(cell.text[mark_start:mark_end], _HIGHLIGHT))
            at = mark_end
        if at < end:
            segments.append(Segment(cell.text[at:end], cell.style))
        out.append((plain, cell_len(plain), segments))
    return out


class Paragraph:
    """A line of text outside a table, broken to fit the console ("" for a blank line)."""

    def __init__(self, text: str, *, bold: bool = False) -> None:
        self.cell = _text_cell(text, style=_BOLD if bold else None)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from _paragraph(self.cell, options.max_width)


def _paragraph(cell: _Cell, width: int) -> Iterator[Segment]:
    """A line of text outside the grid (a title, a caption), broken to fit the console."""
    for _, _, segments in _lines(cell, width):
        yield from segments
        yield _NEW_LINE


_MARGIN = 2
_GAP = 3
_NEW_LINE = Segment.line()
_HIGHLIGHT = Style(bold=True, reverse=True)
_BAR = Style(color="cyan")
_BOLD = Style(bold=True)


def summary_table(
    table: DataTable,
    *,
    title: str | None = None,
    caption: str | None = None,
    ascii_only: bool = False,
    bar_key: str | None = None,
) -> RenderableType:
    """Any table of records, as a `GridTable`."""
    return GridTable(table, title=title, caption=caption, ascii_only=ascii_only, bar_key=bar_key)


def titled_tables(
    tables: Sequence[tuple[str, DataTable]],
    *,
    heading: str | None = None,
    facts: str | None = None,
    ascii_only: bool = False,
    bar_keys: dict[str, str] | None = None,
) -> Group:
    """Several tables under their titles (overview, brief parts, overlap)."""
    items: list[RenderableType] = []
    if heading:
        items.append(Paragraph(heading, bold=True))
    if facts:
        items.append(Paragraph(facts))
    for title, table in tables:
        items.append(Paragraph(""))
        items.append(
            summary_table(
                table, title=title, ascii_only=ascii_only, bar_key=(bar_keys or {}).get(title)
            )
        )
    return Group(*items)
