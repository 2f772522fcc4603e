"""A sheet's rows written into the workbook openpyxl saved, as the XML openpyxl writes for
styled cells: each `<row>` with its height, each `<c>` with its coordinate, its named
style's index and its type, text inline (never a formula), numbers and dates as numbers. openpyxl writes everything else (the styles, widths, views, merged ranges, page
setup) into a workbook whose sheets have no rows; here the rows go into them as the file is
copied. Making, styling and writing a cell object costs openpyxl far more than the cell's
text (docs/design.md); tests/present/render/test_xlsxrows.py holds the XML equal to
openpyxl's own, byte for byte."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from typing import IO, NamedTuple

# Imported only when a workbook is written (present/render/xlsx.py imports this module then).
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import WINDOWS_EPOCH, to_excel
from openpyxl.utils.exceptions import IllegalCharacterError

Value = str | int | float | dt.date
#: What openpyxl's write-only sheet holds where the rows go.
_EMPTY = b"<sheetData></sheetData>"
#: Rows encoded and written at a time.
_BATCH = 2_000


class SheetRows(NamedTuple):
    """A sheet's rows: each row's height in points (None: the default), values, and the
    names of their cell styles (rows alike share one tuple: a 100,000-row sheet has a few)."""

    heights: list[float | None]
    values: list[list[Value]]
    styles: list[tuple[str, ...]]

    def cells(self, row: int) -> list[tuple[Value, str]]:
        """A row's cells (0-based row), each a value and its style's name."""
        return list(zip(self.values[row], self.styles[row], strict=True))


def styles_in_order(sheets: Iterable[SheetRows]) -> list[str]:
    """The cell styles the sheets use, in the order openpyxl numbers them (first use)."""
    shapes = (shape for sheet in sheets for shape in dict.fromkeys(sheet.styles))
    return list(dict.fromkeys(style for shape in shapes for style in shape))


def with_rows(skeleton: bytes, sheets: dict[str, SheetRows], ids: dict[str, int]) -> bytes:
    """The workbook saved by openpyxl (`skeleton`), each sheet part named in `sheets` given
    its rows; `ids` numbers the cell styles as openpyxl registered them."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(skeleton)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry)
            copy = zipfile.ZipInfo(entry.filename, entry.date_time)
            copy.compress_type, copy.external_attr = entry.compress_type, entry.external_attr
            rows = sheets.get(entry.filename)
            if rows is None:
                target.writestr(copy, data)
                continue
            before, after = data.split(_EMPTY)
            # The used range, as openpyxl's normal mode states it (readers size sheets by it).
            width = max((len(shape) for shape in rows.styles), default=0)
            height = max((n for n, values in enumerate(rows.values, 1) if values), default=1)
            last = f"{get_column_letter(max(width, 1))}{height}"
            used = f'<dimension ref="A1:{last}"/>'
            before = before.replace(b"</sheetPr>", b"</sheetPr>" + used.encode(), 1)
            with target.open(copy, "w") as stream:
                stream.write(before + b"<sheetData>")
                write_rows(stream, rows, ids)
                stream.write(b"</sheetData>" + after)
    return out.getvalue()


def write_rows(stream: IO[bytes], rows: SheetRows, ids: dict[str, int]) -> None:
    """The rows' XML (what goes inside `<sheetData>`), as openpyxl writes it: ASCII, other
    characters as character references."""
    width = max((len(shape) for shape in rows.styles), default=0)
    letters = [get_column_letter(c) for c in range(1, width + 1)]
    styles = {name: f'" s="{number}" t=' for name, number in ids.items()}
    batch: list[str] = []
    lines = zip(rows.heights, rows.values, rows.styles, strict=True)
    for index, (height, values, shape) in enumerate(lines):
        number = index + 1
        if height is None and not values:
            continue  # a blank line: nothing written (the next row's number says where)
        if height is None:
            batch.append(f'<row r="{number}">')
        else:
            batch.append(f'<row r="{number}" ht="{_number(height)}" customHeight="1">')
        for letter, value, style in zip(letters, values, shape, strict=False):
            batch.append(f'<c r="{letter}{number}{styles[style]}{_content(value)}')
        batch.append("</row>")
        if number % _BATCH == 0:
            stream.write("".join(batch).encode("ascii", "xmlcharrefreplace"))
            batch.clear()
    stream.write("".join(batch).encode("ascii", "xmlcharrefreplace"))


def _content(value: Value) -> str:
    """A cell's type attribute and content, through its closing tag."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dt.date):  # an Excel serial number (openpyxl writes no ISO dates)
        serial = to_excel(value, WINDOWS_EPOCH)  # type: ignore[no-untyped-call]  # no stub
        return f'"n"><v>{_number(serial)}</v></c>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'"n"><v>{_number(value)}</v></c>'
    raise TypeError(f"no cell is written of {value!r}")


def _text(value: str) -> str:
    """Text as openpyxl checks it (cut at 32,767 characters, refused with a character XML
    cannot hold) and lxml escapes it (a carriage return too); spaces at either end kept."""
    value = value[:32767]
    if not value:
        return '"inlineStr"></c>'
    if ILLEGAL_CHARACTERS_RE.search(value) is not None:
        raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
    space = ' xml:space="preserve"' if value != value.strip() else ""
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        value = (
            value.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\r", "&#13;")
        )
    return f'"inlineStr"><is><t{space}>{value}</t></is></c>'


def _number(value: float) -> str:
    """A number as openpyxl writes it (`safe_string`: 16 significant digits)."""
    return str(safe_string(value))
