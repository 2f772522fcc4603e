"""Rich renderables for the terminal. Nothing here prints; the CLI owns the console.

All data and user input go in as `Text`, never as markup, so `[bold]` in a name stays text.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from fenggong.export import Table as DataTable
from fenggong.export import display_value
from fenggong.textnorm import find_folded

HIGHLIGHT = "bold reverse"
#: Columns that hold long Chinese text and should take the spare width.
_WIDE = {"text": 1}
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


def box_style(ascii_only: bool) -> box.Box:
    """Box characters: ASCII for consoles that draw line characters double-width."""
    return box.ASCII if ascii_only else box.SIMPLE_HEAD


def data_table(
    table: DataTable,
    *,
    title: str | None = None,
    caption: str | None = None,
    highlight: Sequence[str] = (),
    ascii_only: bool = False,
    expand: bool = False,
    bar_key: str | None = None,
) -> Table:
    """A Rich table of records; long Chinese cells fold inside their column.

    With `bar_key`, a last column draws that number as a bar, so big loads stand out.
    """
    keys = {key for key, _ in table.columns}
    out = Table(
        title=Text(title) if title else None,
        caption=Text(caption) if caption else None,
        box=box_style(ascii_only),
        show_lines="text" in keys,
        expand=expand,
        header_style="bold",
        title_justify="left",
        caption_justify="left",
    )
    for key, header in table.columns:
        numeric = _is_numeric(table, key)
        out.add_column(
            Text(header),
            overflow="fold",
            ratio=_WIDE.get(key) or (1 if _holds_mappings(table, key) else None),
            justify="right" if numeric else "left",
            no_wrap=numeric,
            min_width=_MIN_WIDTH.get(key, 4),
            max_width=_MAX_WIDTH.get(key),
        )
    peak = max((_number(r.get(bar_key)) for r in table.records), default=0) if bar_key else 0
    if bar_key:
        out.add_column(Text(""), no_wrap=True, overflow="crop", min_width=4)
    for record in table.records:
        cells = []
        for key, _ in table.columns:
            cell = Text(display_value(key, record.get(key)))
            if key == "text":
                for word in highlight:
                    for start, end in find_folded(cell.plain, word):
                        cell.stylize(HIGHLIGHT, start, end)
            cells.append(cell)
        if bar_key:
            cells.append(_bar(_number(record.get(bar_key)), peak, ascii_only))
        out.add_row(*cells)
    return out


BAR_WIDTH = 24


def _holds_mappings(table: DataTable, key: str) -> bool:
    """Columns of name→count mappings are long lists; they take the spare width."""
    return any(isinstance(r.get(key), dict) for r in table.records)


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
    return data_table(
        table, caption=caption, highlight=highlight, ascii_only=ascii_only, expand=True
    )


def task_details(blocks: Sequence[Sequence[tuple[str, str]]], ascii_only: bool = False) -> Group:
    """`show`: one two-column panel per task (label, value)."""
    tables = []
    for block in blocks:
        grid = Table(box=box_style(ascii_only), show_header=False, show_lines=True, expand=False)
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold", ratio=1)
        for label, value in block:
            grid.add_row(Text(label), Text(value))
        tables.append(grid)
    return Group(*tables)


class LineTable:
    """A table whose cells each fit on one line (names and numbers), drawn row by row.

    `rich.table.Table` measures, pads and wraps every cell, about 60 µs a cell, and a
    workload table has hundreds. When every row fits the console this draws the same
    columns as plain lines in a fraction of the time; otherwise it hands over to
    `data_table`, which wraps.
    """

    def __init__(
        self,
        table: DataTable,
        *,
        title: str | None = None,
        caption: str | None = None,
        ascii_only: bool = False,
        bar_key: str | None = None,
    ) -> None:
        self.table = table
        self.title = title
        self.caption = caption
        self.ascii_only = ascii_only
        self.bar_key = bar_key

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        keys = [key for key, _ in self.table.columns]
        rows = [[display_value(k, r.get(k)) for k in keys] for r in self.table.records]
        headers = [header for _, header in self.table.columns]
        widths = [
            max([cell_len(headers[i]), *(cell_len(row[i]) for row in rows)])
            for i in range(len(keys))
        ]
        bar_key = self.bar_key
        plain = _MARGIN + sum(widths) + _GAP * (len(keys) - 1) + _MARGIN
        width = plain + (BAR_WIDTH + _GAP if bar_key else 0)
        if width > options.max_width:
            bar_key, width = None, plain  # bars are the first thing a narrow console loses
        if width > options.max_width:
            yield data_table(
                self.table, title=self.title, caption=self.caption, ascii_only=self.ascii_only
            )
            return
        if self.title:
            yield Text(self.title)
        numeric = [_is_numeric(self.table, k) for k in keys]
        yield Text(self._line(numeric, headers, widths), style="bold")
        yield Text(" " + ("-" if self.ascii_only else "─") * (width - 2))  # under the header
        values = [_number(r.get(bar_key)) if bar_key else 0 for r in self.table.records]
        peak = max(values, default=0)
        for value, row in zip(values, rows, strict=True):
            line = Text(self._line(numeric, row, widths))
            if bar_key:
                line.append(" " * _GAP)
                line.append_text(_bar(value, peak, self.ascii_only))
            yield line
        if self.caption:
            yield Text(self.caption)

    @staticmethod
    def _line(numeric: Sequence[bool], cells: Sequence[str], widths: Sequence[int]) -> str:
        parts = []
        for right, cell, width in zip(numeric, cells, widths, strict=True):
            pad = " " * (width - cell_len(cell))
            parts.append(pad + cell if right else cell + pad)
        return " " * _MARGIN + (" " * _GAP).join(parts)


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
    """Tables of names and figures as `LineTable`; anything with task text as a Rich table."""
    if any(key == "text" for key, _ in table.columns):
        return data_table(
            table, title=title, caption=caption, ascii_only=ascii_only, bar_key=bar_key, expand=True
        )
    return LineTable(table, title=title, caption=caption, ascii_only=ascii_only, bar_key=bar_key)


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
