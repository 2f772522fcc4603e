"""A plan's file as found → blocks of paragraphs and tables, whatever it came as: text
pasted from a web page, CSV, a Word .docx or an Excel .xlsx. python-docx and openpyxl are
imported only when such a file is read."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from fenggong.errors import DatasetError, UsageError
from fenggong.files import MAX_BYTES, read_bytes

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from fenggong.intake.sheets import Book, Sheet

#: Formats nothing reads, and what to do instead (.doc, .wps, .xls, .et and .pdf are read
#: in `otherformats`, which sends only what it does not read itself here).
_SAVE_AS = {
    ".ofd": "OFD 读不出表格结构：请用原始的 Word/Excel 文件，或把表格复制到 .txt 文件后再导入",
}
#: Longest cell kept as it is; a longer one is cut and listed for review.
MAX_CELL = 20_000


class Line(NamedTuple):
    """A paragraph (or a line of pasted text) and where it stands."""

    text: str
    where: str


class Table(NamedTuple):
    """Rows of cells (merged cells filled in), each row with where it stands."""

    rows: tuple[tuple[str, ...], ...]
    places: tuple[str, ...]


Block = Line | Table


class Source(NamedTuple):
    """A file read into blocks, in document order, with what reading it had to change."""

    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = ()


def read_source_file(path: Path, *, sheet: str | None = None, book: Book | None = None) -> Source:
    """The file's blocks, by its extension; `UsageError` for a format to save as another.
    An .xlsx already opened (`book`) is not opened again."""
    suffix = path.suffix.lower()
    if suffix in _SAVE_AS:
        raise UsageError(f"{path}：不能直接读取 {suffix} 文件，{_SAVE_AS[suffix]}")
    if suffix == ".docx":
        return _docx(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, sheet, book)
    text = decode_text(read_bytes(path), path)
    if suffix == ".csv":
        return _csv(text, path.name)
    return pasted_text(text, path.name)


def decode_text(raw: bytes, path: Path) -> str:
    """Text as Windows tools save it: UTF-8 (with or without a BOM), UTF-16 with a BOM
    (Excel's 「Unicode 文本」), else GB18030."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DatasetError((f"{path}：不是 UTF-8、UTF-16 或 GB18030 编码的文本，请另存为 UTF-8",))


def pasted_text(text: str, name: str) -> Source:
    """Text copied from a page or a document: lines with tabs are table rows."""
    blocks: list[Block] = []
    rows: list[tuple[str, ...]] = []
    places: list[str] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        where = f"{name}:{number}"
        if "\t" in line or (rows and line.strip() and _table_goes_on(lines, number)):
            # A line without a tab between table rows is a cell's own line or a heading.
            rows.append(tuple(line.split("\t")))
            places.append(where)
            continue
        if rows:
            blocks.append(Table(tuple(rows), tuple(places)))
            rows, places = [], []
        if line.strip():
            blocks.append(Line(line.strip(), where))
    if rows:
        blocks.append(Table(tuple(rows), tuple(places)))
    return _cut(Source(tuple(blocks)))


def _table_goes_on(lines: list[str], after: int) -> bool:
    """True when the next line with text (after line number `after`) is a table row."""
    following = next((line for line in lines[after:] if line.strip()), "")
    return "\t" in following


def csv_rows(text: str) -> list[list[str]]:
    """CSV rows; a cell may be as long as the file (Python's csv stops at 128 KB)."""
    import csv
    import io

    csv.field_size_limit(MAX_BYTES)
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def _csv(text: str, name: str) -> Source:
    import csv

    try:
        rows = csv_rows(text)
    except csv.Error as exc:
        raise UsageError(f"{name}：不是能读的 CSV（{exc}）") from None
    places = tuple(f"{name}:{n}" for n in range(1, len(rows) + 1))
    return _cut(Source((Table(tuple(tuple(r) for r in rows), places),)))


def _cut(source: Source) -> Source:
    """Cells over `MAX_CELL` characters cut, each listed for review."""
    notes: list[str] = list(source.notes)
    blocks: list[Block] = []
    for block in source.blocks:
        if isinstance(block, Line):
            if len(block.text) > MAX_CELL:
                notes.append(f"{block.where}：这一段超过 {MAX_CELL} 字，只取了前 {MAX_CELL} 字")
                block = block._replace(text=block.text[:MAX_CELL])
            blocks.append(block)
            continue
        rows = []
        for row, where in zip(block.rows, block.places, strict=True):
            if any(len(c) > MAX_CELL for c in row):
                notes.append(f"{where}：有单元格超过 {MAX_CELL} 字，只取了前 {MAX_CELL} 字")
            rows.append(tuple(c[:MAX_CELL] for c in row))
        blocks.append(Table(tuple(rows), block.places))
    return Source(tuple(blocks), tuple(notes))


def open_docx(path: Path) -> DocxDocument:
    """The .docx file opened; `DatasetError` when python-docx cannot read it."""
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - a dependency of fenggong
        raise UsageError("读取 .docx 需要 python-docx：pip install python-docx") from None
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DatasetError((f"{path}：不是能读的 .docx 文件（{exc}）",)) from None


def _docx(path: Path) -> Source:
    """Paragraphs and tables of a Word file in body order; a vertically merged cell repeats
    its text in every row it spans, a line break inside a cell stays a line break."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    document = open_docx(path)
    blocks: list[Block] = []
    paragraph_no = table_no = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            paragraph_no += 1
            if item.text.strip():
                blocks.append(Line(item.text.strip(), f"{path.name} 第 {paragraph_no} 段"))
        elif isinstance(item, DocxTable):
            table_no += 1
            rows = [tuple(_cell(c.text) for c in row.cells) for row in item.rows]
            places = tuple(f"{path.name} 表 {table_no} 第 {n} 行" for n in range(1, len(rows) + 1))
            blocks.append(Table(tuple(rows), places))
    return Source(tuple(blocks))


def _xlsx(path: Path, sheet: str | None, book: Book | None) -> Source:
    """The first sheet (or `sheet`) as a table; merged cells take their top-left value."""
    from fenggong.intake.workbook import open_workbook

    book = book if book is not None else open_workbook(path)
    if sheet is not None and sheet not in book.sheetnames:
        raise UsageError(f"{path}：没有名为「{sheet}」的工作表（有：{'、'.join(book.sheetnames)}）")
    ws = book[sheet if sheet is not None else book.worksheets[0]]
    merged: dict[tuple[int, int], str] = {}
    for top, left, bottom, right in ws.merged:
        text = _cell(_text(ws.rows[top - 1][left - 1]))
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                merged[(r, c)] = text
    rows = [[_cell(_text(v)) for v in row] for row in ws.rows]
    for (r, c), text in merged.items():
        rows[r - 1][c - 1] = text
    places = tuple(f"{path.name} {ws.title} 第 {n} 行" for n in range(1, len(rows) + 1))
    notes = tuple(
        f"{path.name}：工作表「{other}」没有读入（要读它请加 --sheet {other}）"
        for other in book.worksheets
        if other != ws.title and _filled_rows(book[other]) > 1
    )
    return Source((Table(tuple(tuple(r) for r in rows), places),), notes)


def _filled_rows(sheet: Sheet) -> int:
    """How many rows of a sheet hold anything (counted up to 2)."""
    count = 0
    for row in sheet.rows:
        count += any(v is not None and str(v).strip() for v in row)
        if count > 1:
            break
    return count


def _text(value: object) -> str:
    if value is None:
        return ""
    if type(value) is str:  # most cells: nothing to convert
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell(text: str) -> str:
    return text[:MAX_CELL]
