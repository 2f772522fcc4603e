"""The terminal: results as Rich renderables drawn line by line. Nothing here prints; the
output layer owns the console.

All data and user input go out as plain segments, never as markup, so `[bold]` in a name
stays text, and with every control character escaped, so data cannot drive the terminal.
"""

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from fenggong.present.render.terminal.bars import BAR_MIN, BAR_WIDTH, bar_segment
from fenggong.present.render.terminal.linebreak import break_lines
from fenggong.present.view import JOINER, Field, Grid, Kind, cell_text
from fenggong.textnorm import escape_controls, find_folded

if TYPE_CHECKING:
    from fenggong.present.view import View


#: Single names (a unit, a date, a label) up to this many cells are kept whole.
WHOLE_NAME = 20


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
    """A cell of `text`, control characters shown escaped (`marks` index the escaped text)."""
    text = escape_controls(text)
    return _Cell(text, cell_len(text), marks, items, style)


class _Spec(NamedTuple):
    """How a column may be laid out."""

    min_width: int = 4
    max_width: int | None = None
    #: Numbers are right-aligned and never wrapped.
    numeric: bool = False
    #: Left out, with a note, where names would otherwise be cut (`Column.spare`).
    spare: bool = False


#: Kinds drawn as lists that break after a 、.
_LISTS = frozenset({Kind.NAMES, Kind.COUNTS})


class GridTable:
    """A table drawn line by line (faster than `rich.table`, docs/design.md): names and
    figures on one line each, long text broken the way Chinese is set (see `linebreak`);
    one field a line when the console is too narrow for the columns."""

    def __init__(
        self,
        specs: Sequence[_Spec],
        headers: Sequence[_Cell],
        rows: Sequence[Sequence[_Cell]],
        *,
        text_column: int | None = None,
        title: str | None = None,
        caption: str | None = None,
        ascii_only: bool = False,
        bars: Sequence[int] | None = None,
        show_header: bool = True,
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
                    cells.append(_text_cell(text, items=JOINER if kind in _LISTS else None))
            rows.append(cells)
        bars = None
        if grid.bar is not None:
            at = view.columns.index(grid.bar)
            bars = [v if isinstance(v := r[at], int) else 0 for r in view.rows]
        return cls(
            [_Spec(c.min_width, c.max_width, c.kind is Kind.NUMBER, c.spare) for c in view.columns],
            [_text_cell(c.header, style=_BOLD) for c in view.columns],
            rows,
            text_column=text_column,
            title=grid.title,
            caption=grid.caption,
            ascii_only=ascii_only,
            bars=bars,
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
        return cls([_Spec(), _Spec()], headers, rows, ascii_only=ascii_only, show_header=False)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = options.max_width
        numeric = [s.numeric for s in self.specs]
        spare = any(s.spare for s in self.specs)
        widths = self._widths(self.headers, self.rows, room, names_whole=spare)
        if widths is None and spare:
            # Without its codes the table may keep every name whole; else cut names.
            lean = self._without_spare()
            if lean._widths(lean.headers, lean.rows, room, names_whole=True) is not None:
                yield from lean.__rich_console__(console, options)
                return
            widths = self._widths(self.headers, self.rows, room)
        if widths is None:  # too narrow to read as a table: one field a line, nothing lost
            yield from self._stacked(room)
            return
        with_bars = self.bars is not None and len(widths) > len(self.specs)
        if self.title:
            yield from _paragraph(_text_cell(self.title, style=_BOLD), room)
        if self.show_header:
            yield from _row(self.headers, widths, numeric, None)
            full = _MARGIN + sum(widths) + _GAP * (len(widths) - 1)
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
        note = f"终端较窄，未显示“{left_out}”列；加宽终端或用 --columns 指定要看的列"
        return GridTable(
            [self.specs[i] for i in keep],
            [self.headers[i] for i in keep],
            [[row[i] for i in keep] for row in self.rows],
            text_column=keep.index(self.text_column) if self.text_column in keep else None,
            title=self.title,
            caption=f"{self.caption}（{note}）" if self.caption else note,
            ascii_only=self.ascii_only,
            bars=self.bars,
            show_header=self.show_header,
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

    def _widths(
        self,
        headers: Sequence[_Cell],
        cells: Sequence[Sequence[_Cell]],
        room: int,
        *,
        names_whole: bool = False,
    ) -> list[int] | None:
        """Column widths that fit `room` cells (plus one for the bar when it fits too);
        None when even the narrowest readable columns do not fit (or, with `names_whole`,
        when they do not fit with every name whole that its column can hold)."""
        specs = self.specs
        count = len(specs)
        numeric = [s.numeric for s in specs]
        natural = [max([headers[i].width, *(row[i].width for row in cells)]) for i in range(count)]
        # The task text, or else the widest column of names, takes whatever the others leave.
        wordy = [i for i in range(count) if not numeric[i]]
        flexible = (
            self.text_column
            if self.text_column is not None
            else max(wordy, key=lambda i: natural[i], default=None)
        )
        widths = [
            w if numeric[i] or i == flexible else min(w, specs[i].max_width or w)
            for i, w in enumerate(natural)
        ]
        preferred = [w if numeric[i] else min(w, specs[i].min_width) for i, w in enumerate(widths)]
        # Lists of names stay whole (they break only after a 、) where the column can hold
        # the longest name.
        longest = [_longest_name(cells, i, widths[i]) for i in range(count)]
        lists = [
            min(widths[i], max(p, longest[i])) if any(row[i].items for row in cells) else p
            for i, p in enumerate(preferred)
        ]
        # …and, where they fit too, short headers (责任领导) and single names (a unit, a date).
        whole = [
            p
            if numeric[i] or i == self.text_column
            else min(widths[i], max(p, longest[i], min(headers[i].width, 8)))
            for i, p in enumerate(lists)
        ]
        # Where the console allows, the task text gets a quarter of it and no header is
        # broken: lists of names read well in a narrow column, a long task does not.
        roomy = [max(m, headers[i].width) if i != flexible else m for i, m in enumerate(whole)]
        if self.text_column is not None and flexible is not None:
            roomy[flexible] = max(preferred[flexible], min(natural[flexible], room // 4))
        gaps = _MARGIN + _GAP * (count - 1) + _MARGIN
        bars = self.bars is not None
        # A narrow console takes room from the bar before it breaks a name.
        narrow = max(BAR_MIN, min(BAR_WIDTH, room - gaps - _GAP - sum(whole)))
        bar = BAR_WIDTH if bars else 0
        stages = [(bar, roomy), (bar, whole), *([(narrow, whole)] if bars else [])]
        stages += [(0, whole), (0, lists)]
        if not names_whole:
            stages.append((0, preferred))
        for bar, minimum in stages:
            space = room - gaps - (bar + _GAP if bar else 0)
            if sum(minimum) > space:
                continue
            if flexible is not None:
                others = sum(widths) - widths[flexible]
                widths[flexible] = max(minimum[flexible], min(natural[flexible], space - others))
            while sum(widths) > space:  # shrink the widest wrappable column one cell at a time
                candidates = [i for i in range(count) if widths[i] > minimum[i]]
                widest = max(candidates, key=lambda i: widths[i] - minimum[i])
                widths[widest] -= 1
            return widths + ([bar] if bar else [])
        return None


def _longest_name(cells: Sequence[Sequence[_Cell]], column: int, cap: int) -> int:
    """The width the column's longest name needs (a 、 after it stays on its line, so it
    counts), among the names a column `cap` wide can hold at all; a cell that is not a
    list is one name, kept whole up to WHOLE_NAME cells."""
    joiner = cell_len(JOINER)
    longest = 0
    for row in cells:
        cell = row[column]
        if not cell.items:
            if longest < cell.width <= min(cap, WHOLE_NAME):
                longest = cell.width
            continue
        names = cell.text.split(JOINER)
        for n, name in enumerate(names):
            need = cell_len(name) + (joiner if n < len(names) - 1 else 0)
            if longest < need <= cap:
                longest = need
    return longest


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
_BOLD = Style(bold=True)
