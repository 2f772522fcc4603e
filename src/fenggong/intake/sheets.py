"""An .xlsx file's sheets as rows of values, exactly as openpyxl's normal mode gives them
(rows 1 to the last used, each as wide as the widest, the other cells of a merged range
empty), with the merged ranges, but without making a cell object of each cell.

openpyxl's read-only mode streams rows but drops the merged ranges, so its own sheet parser
is run here directly: one pass gives both. What the normal mode does beyond the parser is
done here too (a merged range's cells count in the extent), except where it reads more
than the sheet: a hyperlink gives an empty cell its target as value and a comment makes a
cell, so a sheet with hyperlinks is read again in the normal mode, and a workbook with
comments is loaded in it from the start. tests/intake/test_sheets.py holds both modes
equal; the time it saves is in docs/design.md."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, NamedTuple

# Imported only when an .xlsx is read (intake.workbook imports this module then).
import openpyxl
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.child import INVALID_TITLE_REGEX
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._reader import WorkSheetParser

#: The relationship that ties a sheet to its comments (openpyxl.xml.constants.COMMENTS_NS).
_COMMENTS = b"/relationships/comments"

Area = tuple[int, int, int, int]


class Sheet(NamedTuple):
    """One sheet's values, as openpyxl's normal mode gives them."""

    #: The sheet's name.
    title: str
    #: Rows 1 to the last used, each as wide as the widest (None where nothing is); none at
    #: all for a sheet without a cell.
    rows: tuple[tuple[object, ...], ...]
    #: Merged ranges as (first row, first column, last row, last column), 1-based, sorted.
    merged: tuple[Area, ...]


class Book:
    """A workbook's sheets by name, each read when first asked for, once."""

    def __init__(self, raw: bytes, *, streamed: bool) -> None:
        self._raw = raw
        self._read: dict[str, Sheet] = {}
        self._whole: Workbook | None = None
        self._parts: _Parts | None = _Parts.of(raw) if streamed else None
        if self._parts is not None:
            #: Every sheet's name (chart sheets too), in the workbook's order.
            self.sheetnames = [name for name, _ in self._parts.sheets]
            #: The worksheets' names (sheets of cells).
            self.worksheets = [name for name, part in self._parts.sheets if part]
        else:
            whole = self._loaded_whole()
            self.sheetnames = list(whole.sheetnames)
            self.worksheets = [sheet.title for sheet in whole.worksheets]

    def __getitem__(self, name: str) -> Sheet:
        """The sheet of that name (`KeyError` if none)."""
        if name not in self._read:
            self._read[name] = self._sheet(name)
        return self._read[name]

    def _sheet(self, name: str) -> Sheet:
        if self._parts is not None and (part := dict(self._parts.sheets)[name]):
            sheet = _streamed(self._parts, name, part)
            if sheet is not None:
                return sheet
        return _loaded(self._loaded_whole()[name])  # a chart sheet: refused there

    def _loaded_whole(self) -> Workbook:
        if self._whole is None:
            self._whole = openpyxl.load_workbook(io.BytesIO(self._raw), data_only=True)
        return self._whole


class _Finder(ExcelReader):
    """openpyxl's workbook reader, finding the sheets instead of opening them."""

    def find(self) -> None:
        """What `read` does for the cells (strings, the workbook, the styles' date formats),
        then the sheets' names and parts."""
        self.read_manifest()
        self.read_strings()
        self.read_workbook()
        apply_stylesheet(self.archive, self.wb)
        #: Each sheet's name and part ("" for a chart sheet), in the workbook's order.
        self.found: list[tuple[str, str]] = []
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files:
                part = "" if "chartsheet" in str(rel.Type) else str(rel.target)
                self.found.append((str(sheet.name), part))


class _Parts:
    """The workbook read as openpyxl reads it (strings, styles, sheet names), each sheet
    found but not opened: openpyxl's read-only mode opens every sheet to learn its size,
    a whole pass over a sheet that does not state it (as openpyxl itself writes them)."""

    def __init__(self, reader: _Finder) -> None:
        self.reader = reader
        #: Each sheet's name and part ("" for a chart sheet), in the workbook's order.
        self.sheets = reader.found

    @classmethod
    def of(cls, raw: bytes) -> _Parts | None:
        """The parts, or None where the normal mode would change or refuse a sheet's name
        (empty, over 31 characters, a character it refuses, twice in any case)."""
        reader = _Finder(io.BytesIO(raw), read_only=True, data_only=True)
        reader.find()
        names = [name for name, _ in reader.found]
        if len({n.lower() for n in names}) < len(names) or not all(
            0 < len(n) <= 31 and not INVALID_TITLE_REGEX.search(n) for n in names
        ):
            return None
        return cls(reader)


def open_book(raw: bytes) -> Book:
    """The workbook in `raw` (an .xlsx file's bytes, checked already), its sheets unread;
    what openpyxl raises on a malformed file is for the caller to turn into an error."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as package:  # a comment makes a cell
        comments = any(
            _COMMENTS in package.read(entry)
            for entry in package.namelist()
            if entry.endswith(".rels")
        )
    return Book(raw, streamed=not comments)


def read_book(path: Path) -> Book:
    """`open_book` of the file at `path` (read within the size cap)."""
    from fenggong.files import read_bytes

    return open_book(read_bytes(path))


def _streamed(parts: _Parts, name: str, part: str) -> Sheet | None:
    """A sheet through openpyxl's sheet parser (what its read-only rows come from, with the
    same strings and date formats), or None for a sheet with hyperlinks."""
    reader = parts.reader
    book: Any = reader.wb  # the date formats, read from its styles, have no public name
    cells: dict[int, dict[int, object]] = {}
    with reader.archive.open(part) as source:
        parser = WorkSheetParser(
            source,
            reader.shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for _, row in parser.parse():
            for cell in row:
                cells.setdefault(cell["row"], {})[cell["column"]] = cell["value"]
    if parser.hyperlinks.hyperlink:
        return None
    areas = parser.merged_cells.mergeCell if parser.merged_cells else ()
    merged = tuple(sorted(_area(str(area.ref)) for area in areas))
    for top, left, bottom, right in merged:  # the normal mode empties all but the first
        for r in range(top, bottom + 1):
            row = cells.setdefault(r, {})
            for c in range(left, right + 1):
                row[c] = None if (r, c) != (top, left) else row.get(c)
    last_column = max((max(row) for row in cells.values() if row), default=0)
    last_row = max((r for r, row in cells.items() if row), default=0)
    empty = (None,) * last_column
    columns = range(1, last_column + 1)
    rows = tuple(
        tuple(map(values.get, columns)) if (values := cells.get(r)) else empty
        for r in range(1, last_row + 1)
    )
    return Sheet(name, rows, merged)


def _area(ref: str) -> Area:
    left, top, right, bottom = range_boundaries(ref)
    if left is None or top is None or right is None or bottom is None:
        raise ValueError(f"merged range {ref!r} is not a block of cells")
    return top, left, bottom, right


def _loaded(sheet: Any) -> Sheet:
    """A sheet of a workbook loaded whole (the normal mode)."""
    merged = tuple(
        sorted((a.min_row, a.min_col, a.max_row, a.max_col) for a in sheet.merged_cells.ranges)
    )
    return Sheet(sheet.title, tuple(sheet.iter_rows(values_only=True)), merged)
