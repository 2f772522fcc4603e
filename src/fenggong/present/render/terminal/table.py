"""The terminal: results as Rich renderables drawn line by line. Nothing here prints; the
output layer owns the console.

All data and user input go out as plain segments, never as markup, so `[bold]` in a name
stays text, and with every control character escaped, so data cannot drive the terminal.
"""

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from fenggong.present.render.terminal.bars import bar_segment
from fenggong.present.render.terminal.layout import (
    CUT,
    GAP,
    LIST_NAMES,
    MARGIN,
    WHOLE,
    Cell,
    Needs,
    Spec,
    column_widths,
    needs,
)
from fenggong.present.render.terminal.linebreak import CLAUSES, break_lines
from fenggong.present.view import JOINER, Field, Grid, Kind, cell_text
from fenggong.textnorm import escape_controls, find_folded

if TYPE_CHECKING:
    from fenggong.present.view import View


def _text_cell(
    text: str,
    *,
    marks: tuple[tuple[int, int], ...] = (),
    items: str | None = None,
    style: Style | None = None,
) -> Cell:
    """A cell of `text`, control characters shown escaped (`marks` index the escaped text)."""
    text = escape_controls(text)
    return Cell(text, cell_len(text), marks, items, style)


#: Kinds drawn as lists that break after a 、.
_LISTS = frozenset({Kind.NAMES, Kind.COUNTS})
#: Kinds whose lines break after a 、，；： (names and labels, 名：标签；…).
_LABELS = frozenset({Kind.NAME, Kind.CHOICE, Kind.CHOICE_MAP})


class GridTable:
    """A table drawn line by line (faster than `rich.table`, docs/design.md): names and
    figures on one line each, long text broken the way Chinese is set (see `linebreak`);
    one field a line when the console is too narrow for the columns."""

    def __init__(
        self,
        specs: Sequence[Spec],
        headers: Sequence[Cell],
        rows: Sequence[Sequence[Cell]],
        *,
        text_column: int | None = None,
        title: str | None = None,
        caption: str | None = None,
        ascii_only: bool = False,
        bars: Sequence[int] | None = None,
        show_header: bool = True,
        spare_hint: str = "",
    ) -> None:
        self.specs = specs
        self.headers = headers
        self.rows = rows
        self.text_column = text_column
        self.title = title
        self.caption = caption
        self.ascii_only = ascii_only
        self.bars = bars
        self.show_header = show_header
        self.spare_hint = spare_hint
        self._needs: list[Needs] | None = None

    @classmethod
    def of(cls, grid: Grid, *, ascii_only: bool = False) -> "GridTable":
        """A view's table: each column laid out by its kind."""
        view: View = grid.view
        kinds = [c.kind for c in view.columns]
        text_column = next((i for i, k in enumerate(kinds) if k is Kind.TEXT), None)
        rows = []
        for row in view.rows:
            cells = []
            for index, (kind, value) in enumerate(zip(kinds, row, strict=True)):
                text = escape_controls(cell_text(kind, value))
                if index == text_column and grid.highlight:
                    marks = [span for word in grid.highlight for span in find_folded(text, word)]
                    cells.append(_text_cell(text, marks=tuple(sorted(marks))))
                else:
                    items = JOINER if kind in _LISTS else CLAUSES if kind in _LABELS else None
                    cells.append(_text_cell(text, items=items))
            rows.append(cells)
        bars = None
        if grid.bar is not None:
            at = view.columns.index(grid.bar)
            bars = [v if isinstance(v := r[at], int) else 0 for r in view.rows]
        return cls(
            [Spec(c.min_width, c.max_width, c.kind is Kind.NUMBER, c.spare) for c in view.columns],
            [_text_cell(c.header, style=_BOLD) for c in view.columns],
            rows,
            text_column=text_column,
            title=grid.title,
            caption=grid.caption,
            ascii_only=ascii_only,
            bars=bars,
            spare_hint=grid.spare_hint,
        )

    @classmethod
    def fields(cls, block: Sequence[Field], *, ascii_only: bool = False) -> "GridTable":
        """A label/value grid without a header (one task's details)."""
        rows = [
            [
                _text_cell(label),
                _text_cell(value)
                if isinstance(value, str)
                else _text_cell(JOINER.join(value), items=JOINER),
            ]
            for label, value in block
        ]
        headers = [_text_cell("", style=_BOLD)] * 2
        return cls([Spec(), Spec()], headers, rows, ascii_only=ascii_only, show_header=False)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = options.max_width
        numeric = [s.numeric for s in self.specs]
        lean = self._without_spare() if any(s.spare for s in self.specs) else None
        for level in (WHOLE, LIST_NAMES, CUT):
            widths = self._widths(room, level)
            if widths is not None:
                break
            # The spare columns give way before a name, a date or a list is cut.
            if lean and level != CUT and lean._widths(room, level):
                yield from lean.__rich_console__(console, options)
                return
        if widths is None:  # too narrow to read as a table: one field a line, nothing lost
            yield from self._stacked(room)
            return
        with_bars = self.bars is not None and len(widths) > len(self.specs)
        if self.title:
            yield from _paragraph(_text_cell(self.title, style=_BOLD), room)
        if self.show_header:
            yield from _row(self.headers, widths, numeric, None)
            full = MARGIN + sum(widths) + GAP * (len(widths) - 1)
            yield Segment(" " + ("-" if self.ascii_only else "─") * (full - 1))
            yield _NEW_LINE
        values = list(self.bars) if self.bars is not None and with_bars else [0] * len(self.rows)
        peak = max(values, default=0)
        # Rows of several lines read better apart.
        spaced = self.text_column is not None or not self.show_header
        for index, (row, value) in enumerate(zip(self.rows, values, strict=True)):
            if spaced and index:
                yield _NEW_LINE
            bar = bar_segment(value, peak, self.ascii_only, widths[-1]) if with_bars else None
            yield from _row(row, widths, numeric, bar)
        if self.caption:
            yield from _paragraph(_text_cell(self.caption), room)

    def _without_spare(self) -> "GridTable":
        """The table without its spare columns, with a caption saying which were left out."""
        keep = [i for i, s in enumerate(self.specs) if not s.spare]
        left_out = "、".join(self.headers[i].text for i, s in enumerate(self.specs) if s.spare)
        note = f"终端较窄，未显示“{left_out}”列；{self.spare_hint}"
        lean = GridTable(
            [self.specs[i] for i in keep],
            [self.headers[i] for i in keep],
            [[row[i] for i in keep] for row in self.rows],
            text_column=keep.index(self.text_column) if self.text_column in keep else None,
            title=self.title,
            caption=f"{self.caption}（{note}）" if self.caption else note,
            ascii_only=self.ascii_only,
            bars=self.bars,
            show_header=self.show_header,
            spare_hint=self.spare_hint,
        )
        measured = self._measured()
        lean._needs = [measured[i] for i in keep]
        return lean

    def _measured(self) -> list[Needs]:
        """What each column's cells need, measured on first use."""
        if self._needs is None:
            self._needs = [needs(self.rows, i) for i in range(len(self.specs))]
        return self._needs

    def _widths(self, room: int, level: int) -> list[int] | None:
        return column_widths(
            self.specs,
            self.headers,
            self._measured(),
            room,
            text_column=self.text_column,
            bars=self.bars is not None,
            level=level,
        )

    def _stacked(self, room: int) -> Iterator[Segment]:
        """Each row as lines of 字段：值 across the whole width (a narrow terminal)."""
        if self.title:
            yield from _paragraph(_text_cell(self.title, style=_BOLD), room)
        for index, row in enumerate(self.rows):
            if index:
                yield _NEW_LINE
            for header, cell in zip(self.headers, row, strict=True):
                if not cell.text and self.show_header:
                    continue
                label = f"{header.text}：" if header.text else ""
                marks = tuple((a + len(label), b + len(label)) for a, b in cell.marks)
                yield from _paragraph(
                    _text_cell(label + cell.text, marks=marks, items=cell.items), room
                )
        if self.caption:
            yield from _paragraph(_text_cell(self.caption), room)


def _row(
    cells: Sequence[Cell], widths: Sequence[int], numeric: Sequence[bool], bar: Segment | None
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
        plain = [" " * MARGIN]
        for index in range(last + 1):
            _, width, segments = line[index]
            pad = " " * (widths[index] - width)
            if index:
                plain.append(" " * GAP)
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


def _lines(cell: Cell, width: int) -> list[_Line]:
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


def _paragraph(cell: Cell, width: int) -> Iterator[Segment]:
    """A line of text outside the grid (a title, a caption), broken to fit the console."""
    for _, _, segments in _lines(cell, width):
        yield from segments
        yield _NEW_LINE


_NEW_LINE = Segment.line()
_HIGHLIGHT = Style(bold=True, reverse=True)
_BOLD = Style(bold=True)
