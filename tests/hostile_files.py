"""A hostile corpus of Word and Excel files, built byte by byte: a far-away cell, a merge
bomb, a gridSpan bomb, a part inflating 1.5 MB → 1.5 GB, a bad CRC, garbage XML, an entity
bomb, an external entity, a missing part, a bad shared-string index, a vMerge continuing
on the first row — and the honest files they are variations of (a small plan that imports).

ZIPs are written by hand (`zip_bytes`) so a part may be precompressed (the bomb is one
1 MB deflate block repeated) or carry a wrong CRC."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from xml.sax.saxutils import escape

PLAN_ROWS = (
    ("序号", "任务", "责任领导", "牵头单位", "相关责任单位"),
    ("1", "扩大有效投资，推进重点项目建设。", "张三", "县发展改革局", "县工信商务局"),
    ("2", "建设产业园，引进企业。", "李四", "县工信商务局", "县发展改革局"),
)
_CONTENT_TYPES_XLSX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{target}"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="分工" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "{dimension}<sheetData>{rows}</sheetData>{merges}</worksheet>"
)
_SHARED = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>{text}</t></si></sst>'
)
_CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body>{body}</w:body></w:document>"
)


def zip_bytes(parts: dict[str, bytes], *, bad_crc: str | None = None) -> bytes:
    """A ZIP of deflated parts; a value that is a `Bomb` is written precompressed."""
    local, central = bytearray(), bytearray()
    for name, data in parts.items():
        if isinstance(data, Bomb):
            packed, size, crc = data.packed, data.size, data.crc
        else:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed, size, crc = packer.compress(data) + packer.flush(), len(data), zlib.crc32(data)
        if name == bad_crc:
            crc ^= 0xFFFF
        encoded = name.encode("utf-8")
        offset = len(local)
        header = (20, 0x800, 8, 0, 0x21, crc, len(packed), size, len(encoded))
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", *header, 0) + encoded + packed
        central += (
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *header, 0, 0, 0, 0, 0, offset) + encoded
        )
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central), len(local), 0
    )
    return bytes(local + central + end)


class Bomb(bytes):
    """`size` zero bytes as one deflate stream: a 1 MB block of zeros flushed, repeated."""

    packed: bytes
    size: int
    crc: int

    def __new__(cls, megabytes: int) -> Bomb:
        block = bytes(1 << 20)
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        packer.compress(block)
        first = packer.flush(zlib.Z_FULL_FLUSH)
        again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
        assert first == again  # after a full flush the same block packs the same
        self = super().__new__(cls, b"")
        self.packed = first + again * (megabytes - 1) + packer.flush()
        self.size = megabytes << 20
        crc = 0
        for _ in range(megabytes):
            crc = zlib.crc32(block, crc)
        self.crc = crc
        return self


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def sheet_xml(
    rows: tuple[tuple[str, ...], ...] = PLAN_ROWS,
    *,
    extra_cells: str = "",
    merges: str = "",
    dimension: str = "",
) -> bytes:
    body = "".join(
        f'<row r="{r}">'
        + "".join(_cell(f"{chr(65 + c)}{r}", text) for c, text in enumerate(row))
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    return _SHEET.format(
        dimension=f'<dimension ref="{dimension}"/>' if dimension else "",
        rows=body + extra_cells,
        merges=f"<mergeCells>{merges}</mergeCells>" if merges else "",
    ).encode("utf-8")


def xlsx(sheet: bytes | None = None, extra: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """The parts of a small workbook holding the plan table (or `sheet`), plus `extra`."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES_XLSX.encode(),
        "_rels/.rels": _ROOT_RELS.format(target="xl/workbook.xml").encode(),
        "xl/workbook.xml": _WORKBOOK.encode(),
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS.encode(),
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(),
        "xl/sharedStrings.xml": _SHARED.format(text="任务").encode(),
    }
    return parts | (extra or {})


def docx(body: str | None = None) -> dict[str, bytes]:
    """The parts of a small Word file holding the plan table (or `body`)."""
    if body is None:
        rows = "".join(
            "<w:tr>"
            + "".join(f"<w:tc><w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p></w:tc>" for t in row)
            + "</w:tr>"
            for row in PLAN_ROWS
        )
        body = f"<w:p><w:r><w:t>测试县重点任务分工方案</w:t></w:r></w:p><w:tbl>{rows}</w:tbl>"
    return {
        "[Content_Types].xml": _CONTENT_TYPES_DOCX.encode(),
        "_rels/.rels": _ROOT_RELS.format(target="word/document.xml").encode(),
        "word/document.xml": _DOCUMENT.format(body=body).encode("utf-8"),
    }


_BOMB_DTD = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)
_XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


_FAR = _cell("XFD1048576", "远")
_PLAIN_SHEET = sheet_xml()
#: Hostile workbooks by name (built when called), each a file `import` and `collect` must
#: refuse (exit 3).
XLSX_CASES: dict[str, Callable[[], bytes]] = {
    "far-cell": lambda: zip_bytes(xlsx(sheet_xml(extra_cells=f'<row r="1048576">{_FAR}</row>'))),
    "far-cell-unnumbered": lambda: zip_bytes(
        xlsx(sheet_xml(extra_cells='<row r="9">' + "<c><v>1</v></c>" * 1_001 + "</row>"))
    ),
    "far-cell-prefixed": lambda: zip_bytes(
        xlsx(
            _PLAIN_SHEET.replace(
                b"</sheetData>",
                b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
                b' r="1048576"><x:c r="A1048576"><x:v>1</x:v></x:c></x:row></sheetData>',
            )
        )
    ),
    "huge-row-number": lambda: zip_bytes(
        xlsx(sheet_xml(extra_cells=f'<row r="{"9" * 20}"><c r="A{"9" * 20}"><v>1</v></c></row>'))
    ),
    "far-dimension": lambda: zip_bytes(xlsx(sheet_xml(dimension="A1:XFD1048576"))),
    "merge-bomb": lambda: zip_bytes(xlsx(sheet_xml(merges='<mergeCell ref="A4:XFD1048576"/>'))),
    "merge-many": lambda: zip_bytes(xlsx(sheet_xml(merges='<mergeCell ref="A4:J1000"/>' * 200))),
    "inflating-part": lambda: zip_bytes(xlsx(extra={"xl/media/image1.bin": Bomb(1500)})),
    "large-part": lambda: zip_bytes(xlsx(extra={"xl/media/image1.bin": _mixed(70)})),
    "ratio-bomb": lambda: zip_bytes(xlsx(extra={"xl/media/image1.bin": Bomb(50)})),
    "inflating-sheet": lambda: zip_bytes(
        xlsx(_PLAIN_SHEET.replace(b"<sheetData>", b"<sheetData>" + b" " * (80 << 20)))
    ),
    "bad-crc": lambda: zip_bytes(xlsx(), bad_crc="xl/worksheets/sheet1.xml"),
    "garbage-xml": lambda: zip_bytes(xlsx(b"<worksheet><sheetData><row><c></sheetData>")),
    "entity-bomb": lambda: zip_bytes(
        xlsx(
            _PLAIN_SHEET.replace(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', _BOMB_DTD.encode()
            )
        )
    ),
    "xxe": lambda: zip_bytes(
        xlsx(
            _XXE.encode()
            + _PLAIN_SHEET[_PLAIN_SHEET.index(b"<worksheet") :].replace(
                b"\xe4\xbb\xbb\xe5\x8a\xa1", b"&xxe;"
            )
        )
    ),
    "missing-part": lambda: zip_bytes(
        {k: v for k, v in xlsx().items() if k != "xl/worksheets/sheet1.xml"}
    ),
    "bad-shared-index": lambda: zip_bytes(
        xlsx(
            _PLAIN_SHEET.replace(
                b"</sheetData>", b'<row r="9"><c r="A9" t="s"><v>99</v></c></row></sheetData>'
            )
        )
    ),
    "not-a-zip": lambda: b"PK\x03\x04 this is not a zip file" * 10,
    "long-text": lambda: zip_bytes(
        xlsx(extra={"xl/sharedStrings.xml": _SHARED.format(text=_hanzi(1_100_000)).encode()})
    ),
}


_SPAN = '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_VMERGE = (
    "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>"
    "<w:p/></w:tc></w:tr></w:tbl>"
)


def _rows() -> str:
    return "".join(
        f"<w:tr><w:tc><w:p><w:r><w:t>{_hanzi(3, n)}</w:t></w:r></w:p></w:tc></w:tr>"
        for n in range(100_001)
    )


_PLAIN_DOCUMENT = docx()["word/document.xml"]
#: Hostile Word files by name (built when called), each a file `import` must refuse.
DOCX_CASES: dict[str, Callable[[], bytes]] = {
    "gridspan-bomb": lambda: zip_bytes(docx(_SPAN)),
    "gridspan-huge-number": lambda: zip_bytes(docx(_SPAN.replace("100000000", "9" * 20))),
    "gridspan-prefixed": lambda: zip_bytes(
        docx(
            _SPAN.replace("<w:gridSpan w:val", f'<q:gridSpan xmlns:q="{_W}" q:val').replace(
                "100000000", "5000"
            )
        )
    ),
    "many-rows": lambda: zip_bytes(docx(f"<w:tbl>{_rows()}</w:tbl>")),
    "many-paragraphs": lambda: zip_bytes(
        docx("".join(f"<w:p><w:r><w:t>{_hanzi(3, n)}</w:t></w:r></w:p>" for n in range(200_001)))
    ),
    "inflating-part": lambda: zip_bytes(docx() | {"word/media/image1.bin": Bomb(1500)}),
    "bad-crc": lambda: zip_bytes(docx(), bad_crc="word/document.xml"),
    "garbage-xml": lambda: zip_bytes(docx() | {"word/document.xml": b"<w:document><w:body><w:p>"}),
    "entity-bomb": lambda: zip_bytes(
        docx()
        | {
            "word/document.xml": _PLAIN_DOCUMENT.replace(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', _BOMB_DTD.encode()
            )
        }
    ),
    "xxe": lambda: zip_bytes(
        docx()
        | {
            "word/document.xml": _XXE.encode()
            + _PLAIN_DOCUMENT[_PLAIN_DOCUMENT.index(b"<w:document") :].replace(
                "任务".encode(), b"&xxe;"
            )
        }
    ),
    "missing-part": lambda: zip_bytes(
        {k: v for k, v in docx().items() if k != "word/document.xml"}
    ),
    "vmerge-first-row": lambda: zip_bytes(docx(_VMERGE)),
}


def _mixed(megabytes: int) -> bytes:
    """Bytes that compress about 30:1: under the ratio cap, over the size cap."""
    import random

    rng = random.Random(7)
    return b"".join(rng.randbytes(32) + bytes(992) for _ in range(megabytes << 10))


def _hanzi(count: int, seed: int = 7) -> str:
    """`count` Chinese characters in no pattern zlib finds (text that does not compress)."""
    state = seed * 2654435761 % 2**32
    out = []
    for _ in range(count):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(chr(0x4E00 + state % 20_000))
    return "".join(out)


#: Unit names that must not decide where a per-unit file lands.
HOSTILE_UNITS = (
    "../逃逸局",
    "/abs局",
    "县发改局/县粮食局",
    "..\\..\\县乙局",
    "CON",
    "NUL.",
    "C:x局",
    "县甲局",
    "./县甲局",
    "县\u200b丙局",
    ".县丁局",
)


def plan_with_units(names: tuple[str, ...]) -> str:
    """A dataset (TOML) whose task n is led by the n-th name: it passes `check`."""
    import json

    lines = [
        '[plan]\ntitle = "测试方案"\nissuer = "测试县人民政府"\ndocument_number = "测府〔2024〕1号"',
        f"issued = 2024-01-02\ndeclared_categories = 1\ndeclared_sections = 1\ndeclared_tasks = {len(names)}",
        '[[categories]]\nnumber = 1\ntitle = "稳增长"\ndeclared_sections = 1',
        '[[sections]]\nid = "1.1"\ntitle = "扩大投资"',
        '[[towns]]\nname = "东镇"',
        '[[leaders]]\nname = "张三"',
    ]
    for name in names:
        lines.append(f'[[units]]\nname = {json.dumps(name, ensure_ascii=False)}\nkind = "county"')
    for number, name in enumerate(names, start=1):
        lead = json.dumps(name, ensure_ascii=False)
        lines.append(
            f'[[tasks]]\nid = {number}\nsection = "1.1"\ntext = "任务{number}。"\n'
            f'leaders = ["张三"]\nlead_units = [{lead}]\nrelated_units = []'
        )
    return "\n\n".join(lines) + "\n"
