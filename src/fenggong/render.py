"""Rich renderables for the terminal. Nothing here prints; the CLI owns the console.

All data and user input go in as `Text`, never as markup, so `[bold]` in a name stays text.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
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
_NUMERIC = {"id", "category", "score", "lead", "co_lead", "related", "total", "tasks"}


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
) -> Table:
    """A Rich table of records; long Chinese cells fold inside their column."""
    out = Table(
        title=Text(title) if title else None,
        caption=Text(caption) if caption else None,
        box=box_style(ascii_only),
        show_lines=True,
        expand=expand,
        header_style="bold",
        title_justify="left",
        caption_justify="left",
    )
    for key, header in table.columns:
        out.add_column(
            Text(header),
            overflow="fold",
            ratio=_WIDE.get(key),
            justify="right" if key in _NUMERIC else "left",
            no_wrap=key in _NUMERIC,
            min_width=_MIN_WIDTH.get(key, 4),
            max_width=_MAX_WIDTH.get(key),
        )
    for record in table.records:
        cells = []
        for key, _ in table.columns:
            cell = Text(display_value(key, record.get(key)))
            if key == "text":
                for word in highlight:
                    for start, end in find_folded(cell.plain, word):
                        cell.stylize(HIGHLIGHT, start, end)
            cells.append(cell)
        out.add_row(*cells)
    return out


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
