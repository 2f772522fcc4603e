"""Rich renderables for the terminal. Nothing here prints; the CLI owns the console.

All data and user input go in as `Text`, never as markup, so `[bold]` in a name stays text.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

from fenggong.export import Table as DataTable
from fenggong.export import display_value
from fenggong.textnorm import find_folded

HIGHLIGHT = "bold reverse"
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


def _bar(value: int, peak: int, ascii_only: bool) -> Text:
    """A bar `value/peak` of BAR_WIDTH cells, in eighths where the console can draw them."""
    if peak <= 0 or value <= 0:
        return Text("")
    if ascii_only:
        return Text("#" * max(1, round(BAR_WIDTH * value / peak)), style="cyan")
    eighths = max(1, round(BAR_WIDTH * 8 * value / peak))
    full, rest = divmod(eighths, 8)
    return Text("█" * full + ("▏▎▍▌▋▊▉"[rest - 1] if rest else ""), style="cyan")


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


def task_details(blocks: Sequence[Sequence[tuple[str, str]]], ascii_only: bool = False) -> Group:
    """`show`: a label/value grid per task."""
    grids: list[RenderableType] = []
    for block in blocks:
        if grids:
            grids.append(Text(""))
        table = DataTable(
            columns=(("label", ""), ("value", "")),
            records=tuple({"label": label, "value": value} for label, value in block),
        )
        grids.append(GridTable(table, ascii_only=ascii_only, show_header=False))
    return Group(*grids)


class GridTable:
    """A table drawn line by line: names and figures on one line each, long text wrapped
    inside its column, Chinese text folded at any character.

    `rich.table.Table` measures, pads and wraps every cell through its generic layout, about
    60 µs a cell; our tables have hundreds of cells and only a few long ones, so this lays
    them out directly (with Rich's own `Text.wrap` for the long cells). A console too narrow
    for the columns' minimum widths gets `rich.table.Table` instead.
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
        keys = [key for key, _ in self.table.columns]
        cells = [[self._cell(k, r) for k in keys] for r in self.table.records]
        headers = [Text(header, style="bold") for _, header in self.table.columns]
        numeric = [_is_numeric(self.table, k) for k in keys]
        widths = self._widths(keys, headers, cells, numeric, options.max_width)
        bar_key = self.bar_key if len(widths) > len(keys) else None
        if self.title:
            yield Text(self.title, style="bold")
        if self.show_header:
            yield from self._row(console, headers, widths, numeric, None)
            full = _MARGIN + sum(widths) + _GAP * (len(widths) - 1)
            yield Text(" " + ("-" if self.ascii_only else "─") * (full - 1), no_wrap=True)
        values = [_number(r.get(bar_key)) if bar_key else 0 for r in self.table.records]
        peak = max(values, default=0)
        spaced = "text" in keys or not self.show_header  # rows of several lines read better apart
        for index, (row, value) in enumerate(zip(cells, values, strict=True)):
            if spaced and index:
                yield Text("")
            bar = _bar(value, peak, self.ascii_only) if bar_key else None
            yield from self._row(console, row, widths, numeric, bar)
        if self.caption:
            yield Text(self.caption)

    def _cell(self, key: str, record: dict[str, object]) -> Text:
        cell = Text(display_value(key, record.get(key)))
        if key == "text":
            for word in self.highlight:
                for start, end in find_folded(cell.plain, word):
                    cell.stylize(HIGHLIGHT, start, end)
        return cell

    def _widths(
        self,
        keys: Sequence[str],
        headers: Sequence[Text],
        cells: Sequence[Sequence[Text]],
        numeric: Sequence[bool],
        room: int,
    ) -> list[int]:
        """Column widths that fit `room` cells (plus one for the bar when it fits too)."""
        natural = [
            max([headers[i].cell_len, *(row[i].cell_len for row in cells)])
            for i in range(len(keys))
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
        gaps = _MARGIN + _GAP * (len(keys) - 1) + _MARGIN
        for bar, minimum in (
            ((BAR_WIDTH + _GAP) if self.bar_key else 0, preferred),
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

    @staticmethod
    def _row(
        console: Console,
        cells: Sequence[Text],
        widths: Sequence[int],
        numeric: Sequence[bool],
        bar: Text | None,
    ) -> RenderResult:
        """One table row: each cell wrapped in its width, lines side by side, as segments
        (cheaper for the console than a `Text` per line)."""
        columns: list[list[Text]] = [
            [cell] if cell.cell_len <= width else list(cell.wrap(console, width, overflow="fold"))
            for cell, width in zip(cells, widths, strict=False)
        ]
        if bar is not None:
            columns.append([bar])
        for n in range(max(len(lines) for lines in columns)):
            present = [i for i, lines in enumerate(columns) if n < len(lines) and lines[n].plain]
            last = present[-1] if present else -1
            segments = [Segment(" " * _MARGIN)]
            for index in range(last + 1):
                lines = columns[index]
                line = lines[n] if n < len(lines) else None
                width = widths[index] if index < len(widths) else 0
                pad = " " * (width - (line.cell_len if line is not None else 0))
                right = index < len(numeric) and numeric[index]
                if index:
                    segments.append(Segment(" " * _GAP))
                if right:
                    segments.append(Segment(pad))
                if line is not None:
                    segments.extend(_segments(console, line))
                if not right and index < last:
                    segments.append(Segment(pad))
            segments.append(Segment.line())
            yield from segments


def _segments(console: Console, text: Text) -> list[Segment]:
    """A one-line `Text` as segments; plain text skips Rich's span handling."""
    if not text.spans and not text.style:
        return [Segment(text.plain)]
    return list(text.render(console))


_MARGIN = 2
_GAP = 3


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
        items.append(Text(heading, style="bold"))
    if facts:
        items.append(Text(facts))
    for title, table in tables:
        items.append(Text(""))
        items.append(
            summary_table(
                table, title=title, ascii_only=ascii_only, bar_key=(bar_keys or {}).get(title)
            )
        )
    return Group(*items)
