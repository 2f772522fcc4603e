"""Word and Excel files checked before openpyxl or python-docx sees them, so a small hostile
file cannot take minutes or gigabytes: a regular file within the size cap, a ZIP whose
entries are counted and decompressed as a stream against a running limit (bad CRCs found
here), the compression ratio checked, every XML part well formed and without a DTD (no
entity bombs, no external entities), and the table's extent within caps far beyond any
real plan or 台账 (rows, columns, merged area for .xlsx; rows, paragraphs, gridSpan for
.docx; the longest text). Whatever is over a cap, or what the parsers reject later
(`office_errors`), is a `DatasetError` (exit 3) naming the file and what is wrong."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from fenggong.errors import DatasetError
from fenggong.files import read_bytes

#: The suffixes checked here (ZIP packages of XML parts).
OFFICE_SUFFIXES = (".xlsx", ".xlsm", ".docx")
#: Caps (the README's import section lists them). A county plan has a few hundred tasks
#: (under 20,000 cells); bench/import_office.py's 10,000 tasks × 6 columns are within them.
#: A file just under them still imports in about 2 s: openpyxl and python-docx make an
#: object of every cell in the used range and of every merged cell.
MAX_ENTRIES = 5_000
MAX_PART = 64 * 1024 * 1024  # one part, uncompressed
MAX_TOTAL = 256 * 1024 * 1024  # all parts, uncompressed
MAX_RATIO = 500  # uncompressed ÷ compressed, for parts over 1 MB (XML: 10-100)
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_AREA = 250_000  # rows × columns of a sheet's used range; cells of all tables
MAX_MERGED = 50_000  # cells covered by merged ranges (openpyxl makes an object of each)
MAX_PARAGRAPHS = 200_000
MAX_TEXT = 1_000_000  # characters in one run of text (a cell is cut at 20,000 anyway)
_CHUNK = 1 << 16
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SHEET_TAGS = re.compile(rb"<(?:[\w.-]+:)?(row|c|mergeCell|dimension)\b([^>]*)>")
_DOCX_TAGS = re.compile(rb"<(?:[\w.-]+:)?(p\b|tr\b|tc\b|grid)")
_SPANS = re.compile(
    rb'<(?:[\w.-]+:)?(gridSpan|gridBefore|gridAfter)\b[^>]*?\s(?:[\w.-]+:)?val="(\d+)"'
)
_REFS = re.compile(rb'<(?:[\w.-]+:)?(?:(row)|c)\b(?:[^>]*?\sr="([A-Za-z]{0,4})(\d+)")?')
_AREA_TAGS = re.compile(rb"<(?:[\w.-]+:)?(mergeCell|dimension)\b([^>]*)>")
_ROW = re.compile(rb'(?:^|\s)r="(\d+)"')
_REF = re.compile(rb'(?:^|\s)r="([A-Za-z]{1,4})(\d+)"')
_RANGE = re.compile(rb'(?:^|\s)ref="\$?([A-Za-z]{1,4})\$?(\d+)(?::\$?([A-Za-z]{1,4})\$?(\d+))?"')


class _Refused(Exception):
    """A cap was passed; `args[0]` says which, in Chinese."""


def check_office_file(path: Path, as_suffix: str | None = None) -> None:
    """Refuse `path` (exit 3) unless it is an .xlsx/.xlsm/.docx (or, with `as_suffix`, read
    as one) within every cap; other suffixes pass untouched."""
    suffix = as_suffix or path.suffix.lower()
    if suffix not in OFFICE_SUFFIXES:
        return
    raw = read_bytes(path)  # a regular file within the size cap, opened without blocking
    kind = f" {suffix} 文件"
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            _check_package(package, suffix)
    except _Refused as refused:
        raise DatasetError(
            (f"{path}：{refused.args[0]}，不像是分工方案或台账，没有读入",)
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError) as exc:
        raise DatasetError(
            (f"{path}：不是能读的{kind}（压缩包损坏：{short_error(exc)}）",)
        ) from None
    except (NotImplementedError, RuntimeError) as exc:  # an unknown method, a password
        raise DatasetError((f"{path}：不是能读的{kind}（{short_error(exc)}）",)) from None


@contextlib.contextmanager
def office_errors(path: Path) -> Iterator[None]:
    """Turn what openpyxl, python-docx or lxml raise on a malformed file (a missing part, a
    bad index, XML that is not what they expect) into a `DatasetError` naming the file."""
    from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

    try:
        yield
    except (
        zipfile.BadZipFile,
        zlib.error,
        KeyError,
        IndexError,
        ValueError,
        TypeError,
        AttributeError,
        EOFError,
        etree.LxmlError,
        *_library_errors(),
    ) as exc:
        what = path.suffix.lower() if path.suffix.lower() in OFFICE_SUFFIXES else ".docx"
        raise DatasetError((f"{path}：不是能读的 {what} 文件（{short_error(exc)}）",)) from None


def _library_errors() -> tuple[type[Exception], ...]:
    errors: list[type[Exception]] = []
    with contextlib.suppress(ImportError):
        from docx.opc.exceptions import OpcError

        errors.append(OpcError)
    with contextlib.suppress(ImportError):
        from openpyxl.utils.exceptions import InvalidFileException, ReadOnlyWorkbookException

        errors += [InvalidFileException, ReadOnlyWorkbookException]
    return tuple(errors)


def short_error(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return text if len(text) <= 160 else text[:160] + "…"


def _check_package(package: zipfile.ZipFile, suffix: str) -> None:
    entries = package.infolist()
    if len(entries) > MAX_ENTRIES:
        raise _Refused(f"压缩包里有 {len(entries)} 个部件（上限 {MAX_ENTRIES}）")
    declared = 0
    for entry in entries:
        declared += entry.file_size
        if entry.file_size > MAX_PART or declared > MAX_TOTAL:
            raise _Refused(_too_big(entry.filename, max(entry.file_size, declared)))
        _check_ratio(entry, entry.file_size)
    total = 0
    for entry in entries:
        name = entry.filename.lower()
        scan: _Scan | None = None
        if suffix == ".docx" and name == "word/document.xml":
            scan = _DocxScan()
        elif suffix != ".docx" and re.fullmatch(r"xl/worksheets/[^/]+\.xml", name):
            scan = _SheetScan(entry.filename)
        total += _read_part(package, entry, name.endswith((".xml", ".rels", ".vml")), scan)
        if total > MAX_TOTAL:
            raise _Refused(_too_big("全部部件", total))


def _too_big(part: str, size: int) -> str:
    limit = (MAX_PART if part != "全部部件" else MAX_TOTAL) // 1024 // 1024
    return f"{part} 解压后有 {size / 1024 / 1024:.0f} MB 以上（上限 {limit} MB）"


def _check_ratio(entry: zipfile.ZipInfo, size: int) -> None:
    if size > 1024 * 1024 and size > MAX_RATIO * max(entry.compress_size, 1):
        ratio = size // max(entry.compress_size, 1)
        raise _Refused(
            f"{entry.filename} 的压缩比 {ratio}:1 异常（上限 {MAX_RATIO}:1，像是压缩炸弹）"
        )


class _Scan:
    """Counts kept while a part streams by."""

    def feed(self, chunk: bytes) -> None:
        raise NotImplementedError


def _read_part(
    package: zipfile.ZipFile, entry: zipfile.ZipInfo, xml: bool, scan: _Scan | None
) -> int:
    """Decompress one part as a stream (its CRC checked at the end), never more than
    `MAX_PART`; an XML part is checked for a DTD and fed to a parser that builds nothing."""
    from lxml import etree

    parser = (
        etree.XMLParser(target=_Nothing(), resolve_entities=False, no_network=True, huge_tree=False)
        if xml
        else None
    )
    size = tail_text = 0
    overlap = b""
    with package.open(entry) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > MAX_PART:
                raise _Refused(_too_big(entry.filename, size))
            _check_ratio(entry, size)
            if parser is None:
                continue
            if size == len(chunk) and chunk.startswith(
                (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
            ):
                raise _Refused(f"{entry.filename} 不是 UTF-8 编码的 XML")
            if _DTD.search(overlap + chunk):
                raise _Refused(f"{entry.filename} 含有 DTD/实体声明（可能是实体炸弹或外部实体）")
            tail_text = _text_run(chunk, tail_text, entry.filename)
            if scan is not None:
                scan.feed(chunk)
            overlap = chunk[-16:]
            try:
                parser.feed(chunk)
            except etree.XMLSyntaxError as exc:
                raise _Refused(f"{entry.filename} 不是完好的 XML（{short_error(exc)}）") from None
    if parser is not None:
        try:
            parser.close()
        except etree.XMLSyntaxError as exc:
            raise _Refused(f"{entry.filename} 不是完好的 XML（{short_error(exc)}）") from None
    return size


def _text_run(chunk: bytes, before: int, part: str) -> int:
    """The length of text running on at the chunk's end; refused past `MAX_TEXT`."""
    first = chunk.find(b"<")
    if first == -1:
        before += len(chunk)
    elif before + first > MAX_TEXT:  # (a chunk is far shorter than MAX_TEXT)
        before = MAX_TEXT + 1
    else:
        before = len(chunk) - chunk.rfind(b"<") - 1
    if before > MAX_TEXT:
        raise _Refused(f"{part} 里有一段超过 {MAX_TEXT} 字节的文字")
    return before


class _Nothing:
    """An lxml parser target that keeps nothing: the part is only checked to be XML."""

    def close(self) -> None:
        return None


class _Tokens:
    """Tags matched across chunk boundaries: a tag cut by a chunk's end waits for the next."""

    def __init__(self, pattern: re.Pattern[bytes]) -> None:
        self.pattern = pattern
        self.rest = b""

    def whole(self, chunk: bytes) -> bytes:
        """The chunk up to its last complete tag (the rest is kept for the next one)."""
        data = self.rest + chunk
        cut = data.rfind(b"<")
        if cut != -1 and data.find(b">", cut) == -1:
            data, self.rest = data[:cut], data[cut:]
        else:
            self.rest = b""
        return data

    def __call__(self, chunk: bytes) -> Iterator[tuple[bytes, bytes]]:
        for match in self.pattern.finditer(self.whole(chunk)):
            yield match[1], match[2]


def _no_huge_numbers(numbers: tuple[bytes, ...] | list[bytes], part: str) -> None:
    """Refuse a row number, span or reference of more than 9 digits (parsers would loop
    up to it)."""
    if numbers and max(map(len, numbers)) > 9:
        raise _Refused(f"{part} 里有 {max(map(len, numbers))} 位的行号或跨度")


def column_number(letters: bytes) -> int:
    """A → 1, Z → 26, AA → 27, XFD → 16384."""
    number = 0
    for char in letters.upper():
        number = number * 26 + char - 64
    return number


class _SheetScan(_Scan):
    """A worksheet's extent as openpyxl will see it: the last row and column any cell or
    merged range reaches (a cell without `r` follows the one before), and the merged area."""

    def __init__(self, part: str) -> None:
        self.part, self.tokens = part, _Tokens(_SHEET_TAGS)
        self.row = self.column = self.max_row = self.max_column = self.merged = 0

    def feed(self, chunk: bytes) -> None:
        data = self.tokens.whole(chunk)
        found = _REFS.findall(data)  # (b"row" or b"", column letters, row number)
        rows = [number for row, _, number in found if row]
        cells = [(letters, number) for row, letters, number in found if not row and letters]
        if all(number for _, _, number in found):
            # Every row and cell says where it is (as Excel and WPS write them): the extent
            # in a few C-speed passes; merged ranges and the dimension below.
            if cells:
                letters, numbers = zip(*cells, strict=True)
                _no_huge_numbers(numbers, self.part)
                last = max(set(letters), key=lambda c: (len(c), c.upper()))
                self._reach(max(map(int, numbers)), column_number(last))
                self.row, self.column = int(numbers[-1]), column_number(letters[-1])
            if rows:
                _no_huge_numbers(rows, self.part)
                self._reach(max(map(int, rows)), 1)
                self.row = int(rows[-1])
            if b"mergeCell" in data or b"dimension" in data:
                self._scan(_AREA_TAGS.finditer(data))
        else:
            self._scan(_SHEET_TAGS.finditer(data))

    def _scan(self, tags: Iterator[re.Match[bytes]]) -> None:
        for tag, attributes in ((m[1], m[2]) for m in tags):
            _no_huge_numbers(re.findall(rb"\d+", attributes), self.part)
            if tag == b"row":
                found = _ROW.search(attributes)
                self.row = int(found[1]) if found else self.row + 1
                self.column = 0
                self._reach(self.row, 1)
            elif tag == b"c":
                ref = _REF.search(attributes)
                if ref:
                    self.row, self.column = int(ref[2]), column_number(ref[1])
                else:
                    self.column += 1
                self._reach(self.row, self.column)
            elif (area := _RANGE.search(attributes)) is not None:
                top, left = int(area[2]), column_number(area[1])
                bottom = int(area[4]) if area[4] else top
                right = column_number(area[3]) if area[3] else left
                self._reach(max(top, bottom), max(left, right))
                if tag == b"mergeCell":
                    self.merged += (abs(bottom - top) + 1) * (abs(right - left) + 1)
                    if self.merged > MAX_MERGED:
                        raise _Refused(
                            f"{self.part} 的合并单元格共有 {self.merged} 格以上（上限 {MAX_MERGED}）"
                        )

    def _reach(self, row: int, column: int) -> None:
        self.max_row, self.max_column = max(self.max_row, row), max(self.max_column, column)
        if self.max_row > MAX_ROWS:
            raise _Refused(f"{self.part} 用到第 {self.max_row} 行（上限 {MAX_ROWS} 行）")
        if self.max_column > MAX_COLUMNS:
            raise _Refused(f"{self.part} 用到第 {self.max_column} 列（上限 {MAX_COLUMNS} 列）")
        if self.max_row * self.max_column > MAX_AREA:
            area = f"{self.max_row} 行 × {self.max_column} 列"
            raise _Refused(f"{self.part} 的表格范围有 {area}（上限 {MAX_AREA} 格）")


class _DocxScan(_Scan):
    """The body's paragraphs, table rows and grid cells (a cell spanning N columns is N, as
    python-docx expands it)."""

    def __init__(self) -> None:
        self.tokens = _Tokens(_DOCX_TAGS)
        self.paragraphs = self.rows = self.cells = 0

    def feed(self, chunk: bytes) -> None:
        data = self.tokens.whole(chunk)
        tags = _DOCX_TAGS.findall(data)
        self.paragraphs += tags.count(b"p")
        self.rows += tags.count(b"tr")
        self.cells += tags.count(b"tc")
        for tag, value in _SPANS.findall(data) if b"grid" in tags else ():
            _no_huge_numbers((value,), "word/document.xml")
            span = int(value)
            if span > MAX_COLUMNS:
                raise _Refused(f"word/document.xml 里有单元格横跨 {span} 列（上限 {MAX_COLUMNS}）")
            self.cells += span - 1 if tag == b"gridSpan" else span
        if self.paragraphs > MAX_PARAGRAPHS:
            raise _Refused(
                f"word/document.xml 有 {self.paragraphs} 段以上（上限 {MAX_PARAGRAPHS}）"
            )
        if self.rows > MAX_ROWS:
            raise _Refused(f"word/document.xml 的表格有 {self.rows} 行以上（上限 {MAX_ROWS}）")
        if self.cells > MAX_AREA:
            raise _Refused(f"word/document.xml 的表格有 {self.cells} 格以上（上限 {MAX_AREA}）")
