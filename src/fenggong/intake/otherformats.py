"""The other files offices send, read into the same blocks as .docx/.xlsx: `.xls` and WPS
`.et` through xlrd, `.doc` and `.wps` converted to .docx by LibreOffice (when `soffice` is
on PATH), a PDF with a text layer through pdfplumber (the `[pdf]` extra). Every Office
file is checked by `officefile` first and read with its errors turned into exit 3.
xlrd, pdfplumber and LibreOffice are used only when such a file is read."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fenggong.errors import DatasetError, UsageError
from fenggong.files import read_bytes
from fenggong.intake.officefile import MAX_AREA, check_office_file, office_errors, short_error
from fenggong.intake.sources import MAX_CELL, Block, Line, Source, Table, read_source_file
from fenggong.textnorm import clean_text, find_control

if TYPE_CHECKING:
    from openpyxl import Workbook

    from fenggong.intake.sheets import Book

#: How long LibreOffice may take to convert one file (it starts in about 5 s).
CONVERT_SECONDS = 60
#: Pages of a PDF read at most (a province's plan has about 100).
MAX_PAGES = 300
#: The largest .xls/.et read: xlrd holds every cell of a sheet, about 100 bytes each (a
#: 1,000-task plan saved as .xls is under 1 MB).
MAX_XLS_BYTES = 16 * 1024 * 1024
#: How a Word or WPS document starts: an OLE compound file, RTF, a .docx renamed, a web page.
_WORD_STARTS = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"{\\rtf",
    b"PK\x03\x04",
    b"<",
    b"\xef\xbb\xbf<",
)
_SAVE_AS = {
    ".doc": "请在 WPS 或 Word 中「另存为」.docx 后再导入",
    ".wps": "请在 WPS 中「另存为」.docx 后再导入",
}


def read_any_file(path: Path, *, sheet: str | None = None, book: Book | None = None) -> Source:
    """The blocks of any file `import` reads: the other formats here, the rest through
    `read_source_file`, every parser error a `DatasetError` naming the file."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et") and _is_zip(path):  # an .xlsx renamed, as web systems do
        check_office_file(path, ".xlsx")
        with _named(path, ".xlsx") as copy, office_errors(path):
            source = without_controls(read_source_file(copy, sheet=sheet))
        note = f"{path.name} 其实是 .xlsx 文件，已按 .xlsx 读取"
        return source._replace(notes=(note, *source.notes))
    if suffix in (".xls", ".et"):
        title, rows = xls_rows(path, sheet)
        places = tuple(f"{path.name} {title} 第 {n} 行" for n in range(1, len(rows) + 1))
        return without_controls(Source((Table(tuple(rows), places),)))
    if suffix in (".doc", ".wps"):
        with converted(path, "docx") as docx_path:
            check_office_file(docx_path)
            with office_errors(path):
                source = without_controls(read_source_file(docx_path))
        note = f"{path.name} 已用 LibreOffice 转为 .docx 后读取（位置按转换后的文件）"
        return source._replace(notes=(note, *source.notes))
    if suffix == ".pdf":
        return without_controls(pdf_source(path))
    with office_errors(path):
        return without_controls(read_source_file(path, sheet=sheet, book=book))


def without_controls(source: Source) -> Source:
    """The blocks with control characters, C1 controls and bidi overrides dropped (a line
    break or tab inside a cell is kept), each change listed for review as pasted text's."""
    notes: list[str] = []

    def clean(text: str, where: str) -> str:
        if (at := find_control(text.replace("\n", " ").replace("\t", " "))) is None:
            return text
        notes.append(f"{where}：含有控制字符 U+{ord(text[at]):04X}，已删去")
        return "".join(c for c in text if c in "\n\t" or find_control(c) is None)

    blocks: list[Block] = []
    for block in source.blocks:
        if isinstance(block, Line):
            blocks.append(block._replace(text=clean(block.text, block.where)))
        else:
            rows = [
                tuple(clean(cell, where) for cell in row)
                for row, where in zip(block.rows, block.places, strict=True)
            ]
            blocks.append(block._replace(rows=tuple(rows)))
    if not notes:
        return source
    return Source(tuple(blocks), (*source.notes, *notes))


# -- .xls and .et ------------------------------------------------------------------------


def _xlrd() -> Any:
    """xlrd, imported on first use (it has no type information)."""
    try:
        import xlrd  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a dependency of fenggong
        raise UsageError("读取 .xls/.et 需要 xlrd：pip install xlrd") from None
    return xlrd


def _xlrd_book(path: Path) -> Any:
    xlrd = _xlrd()
    raw = read_bytes(path)
    if len(raw) > MAX_XLS_BYTES:
        size, cap = len(raw) / 1024 / 1024, MAX_XLS_BYTES // 1024 // 1024
        raise DatasetError((f"{path}：文件太大（{size:.1f} MB，.xls 上限 {cap} MB），没有读入",))
    try:
        return xlrd.open_workbook(file_contents=raw, formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct.error, …
        hint = "；若是 WPS 表格，请另存为 .xlsx 后再导入" if path.suffix.lower() == ".et" else ""
        if raw.lstrip()[:1] == b"<":
            hint = "；这是网页（HTML）格式的表格，请在 Excel 或 WPS 中打开后另存为 .xlsx"
        raise DatasetError(
            (f"{path}：不是能读的 Excel 97-2003 文件（{short_error(exc)}）{hint}",)
        ) from None


def xls_rows(path: Path, sheet: str | None) -> tuple[str, list[tuple[str, ...]]]:
    """The first sheet (or `sheet`) of an .xls/.et as rows of text, merged cells taking
    their top-left value, as the .xlsx reader gives them; and the sheet's name."""
    xlrd = _xlrd()
    book = _xlrd_book(path)
    names = book.sheet_names()
    if sheet is not None and sheet not in names:
        raise UsageError(f"{path}：没有名为「{sheet}」的工作表（有：{'、'.join(names)}）")
    try:
        ws = book.sheet_by_name(sheet) if sheet is not None else book.sheet_by_index(0)
        if ws.nrows * ws.ncols > MAX_AREA:
            area = f"{ws.nrows} 行 × {ws.ncols} 列"
            raise DatasetError((f"{path}：表格范围有 {area}（上限 {MAX_AREA} 格），没有读入",))
        merged: dict[tuple[int, int], tuple[int, int]] = {}
        covered = 0
        for top, bottom, left, right in ws.merged_cells:
            covered += max(bottom - top, 0) * max(right - left, 0)
            if covered > MAX_AREA:
                raise DatasetError((f"{path}：合并单元格超过 {MAX_AREA} 格，没有读入",))
            for r in range(top, min(bottom, ws.nrows)):
                for c in range(left, min(right, ws.ncols)):
                    merged[(r, c)] = (top, left)
        rows = [
            tuple(
                _xls_text(book, ws.cell(*merged.get((r, c), (r, c))))[:MAX_CELL]
                for c in range(ws.ncols)
            )
            for r in range(ws.nrows)
        ]
    except (xlrd.XLRDError, IndexError, ValueError, KeyError) as exc:
        raise DatasetError(
            (f"{path}：不是能读的 Excel 97-2003 文件（{short_error(exc)}）",)
        ) from None
    return ws.name, rows


def _xls_text(book: Any, cell: Any) -> str:
    xlrd = _xlrd()
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            day: dt.datetime = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return f"{cell.value}"
        return day.date().isoformat() if day.time() == dt.time() else day.isoformat(" ")
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return str(int(cell.value))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return ""
    return f"{cell.value}"


def open_ledger_book(path: Path) -> Workbook:
    """A 台账 workbook for `collect`: an .xlsx checked and loaded, or an .xls/.et saved by
    an older Excel or WPS, copied sheet by sheet (values only) into an openpyxl workbook."""
    import openpyxl

    if path.suffix.lower() not in (".xls", ".et"):
        check_office_file(path)
        with office_errors(path):
            return openpyxl.load_workbook(path, data_only=True)
    if _is_zip(path):  # a 台账 saved back as .xlsx under an .xls name
        check_office_file(path, ".xlsx")
        with office_errors(path):
            return openpyxl.load_workbook(io.BytesIO(read_bytes(path)), data_only=True)
    old = _xlrd_book(path)
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for index, name in enumerate(old.sheet_names()):
        _, rows = xls_rows(path, name)
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        if old.sheet_by_index(index).visibility:
            sheet.sheet_state = "hidden"
    return book


def _is_zip(path: Path) -> bool:
    return read_bytes(path).startswith(b"PK\x03\x04")


@contextlib.contextmanager
def _named(path: Path, suffix: str) -> Iterator[Path]:
    """A copy of `path` under the same name with `suffix`, in a temporary folder."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="fenggong-") as folder:
        copy = Path(folder) / f"{path.stem}{suffix}"
        copy.write_bytes(read_bytes(path))
        yield copy


# -- .doc and .wps -----------------------------------------------------------------------


@contextlib.contextmanager
def converted(path: Path, to: str) -> Iterator[Path]:
    """`path` converted by LibreOffice (`soffice --headless --convert-to`) into a temporary
    folder, removed afterwards; `UsageError` with the 另存为 hint when soffice is missing."""
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    hint = _SAVE_AS.get(path.suffix.lower(), "请另存为 .docx 后再导入")
    # A regular file within the size cap that starts as a Word file, whether or not
    # LibreOffice is here (a pipe named .doc is refused as one on every machine).
    start = read_bytes(path)[:8]
    if not start.startswith(_WORD_STARTS):  # LibreOffice would read anything else as text
        raise DatasetError((f"{path}：不是 Word/WPS 文档（文件开头不对），{hint}",))
    if soffice is None:
        raise UsageError(f"{path}：不能直接读取 {path.suffix} 文件，{hint}（或安装 LibreOffice）")
    with tempfile.TemporaryDirectory(prefix="fenggong-convert-") as folder:
        source = Path(folder) / f"source{path.suffix.lower()}"
        shutil.copyfile(path, source)
        profile = Path(folder, "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        command += ["--convert-to", to, "--outdir", folder, str(source)]
        try:
            subprocess.run(
                command,
                capture_output=True,
                timeout=CONVERT_SECONDS,
                check=False,
                env={**os.environ, "HOME": folder},
            )
        except subprocess.TimeoutExpired:
            raise DatasetError(
                (f"{path}：LibreOffice {CONVERT_SECONDS} 秒内没有转换完，{hint}",)
            ) from None
        except OSError as exc:
            raise UsageError(f"{path}：无法运行 LibreOffice（{exc}），{hint}") from None
        result = Path(folder) / f"source.{to}"
        if not result.is_file():
            raise DatasetError((f"{path}：LibreOffice 转换不了这个文件（文件可能已损坏），{hint}",))
        named = result.with_name(f"{path.stem}.{to}")
        result.rename(named)
        yield named


# -- PDF -----------------------------------------------------------------------------------


def pdf_source(path: Path) -> Source:
    """A PDF with a text layer: each page's tables (by their ruling lines) and the lines of
    text outside them, in reading order; a scanned PDF (no text at all) is refused."""
    try:
        import pdfplumber
    except ImportError:
        raise UsageError(
            f'{path}：读取 PDF 需要 pdfplumber：pip install "fenggong[pdf]"；'
            "或者用原始的 Word/Excel 文件"
        ) from None
    raw = read_bytes(path)
    blocks: list[Block] = []
    characters = 0
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise DatasetError(
                    (f"{path}：有 {len(pdf.pages)} 页（上限 {MAX_PAGES}），没有读入",)
                )
            for number, page in enumerate(pdf.pages, start=1):
                characters += len(page.chars)
                blocks += _pdf_page(page, f"{path.name} 第 {number} 页")
    except DatasetError:
        raise
    except Exception as exc:  # pdfminer raises its own PDFSyntaxError, PSEOF, …
        raise DatasetError((f"{path}：不是能读的 PDF 文件（{short_error(exc)}）",)) from None
    if not characters:
        raise DatasetError(
            (f"{path}：这个 PDF 没有文字层（是扫描件），请先用 OCR 识别成文字或 Word 后再导入",)
        )
    return Source(tuple(blocks))


def _pdf_page(page: Any, where: str) -> list[Block]:
    tables = page.find_tables()
    placed: list[tuple[float, Block]] = []
    for number, table in enumerate(tables, start=1):
        rows = [tuple(_unwrap(c or "")[:MAX_CELL] for c in row) for row in table.extract()]
        places = tuple(f"{where}表 {number} 第 {n} 行" for n in range(1, len(rows) + 1))
        placed.append((table.bbox[1], Table(tuple(rows), places)))
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, float]) -> bool:
        x, top = (
            (obj.get("x0", 0) + obj.get("x1", 0)) / 2,
            (obj.get("top", 0) + obj.get("bottom", 0)) / 2,
        )
        return not any(b[0] <= x <= b[2] and b[1] <= top <= b[3] for b in boxes)

    text = page.filter(outside) if boxes else page
    for number, line in enumerate(text.extract_text_lines(), start=1):
        if line["text"].strip():
            placed.append(
                (line["top"], Line(line["text"].strip()[:MAX_CELL], f"{where}第 {number} 行"))
            )
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _unwrap(cell: str) -> str:
    """A PDF cell's text with the page's line wraps undone (a wrap inside Chinese text is
    no gap; between Latin words it is a space)."""
    return clean_text(cell).replace("\n", " ") if "\n" in cell else cell
