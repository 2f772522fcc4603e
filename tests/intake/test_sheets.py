"""intake/sheets.py reads a sheet through openpyxl's parser alone, without cell objects: the
rows and merged ranges must be those openpyxl's normal mode gives, for sheets as openpyxl,
Excel and other tools write them (gaps, merges past the last value, a merged range's other
cells holding values, rows and cells without a reference, hyperlinks, comments)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from fenggong.intake.sheets import Book, Sheet, open_book

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def package(*sheets: str, extra: dict[str, str] | None = None) -> bytes:
    """A minimal .xlsx of these worksheets' XML (their <sheetData> and what follows it)."""
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for n in range(1, len(sheets) + 1)
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_REL.replace("officeDocument/2006/relationships", "package/2006/relationships")}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            + "".join(
                f'<sheet name="表{n}" sheetId="{n}" r:id="rId{n}"/>'
                for n in range(1, len(sheets) + 1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, len(sheets) + 1)
            )
            + "</Relationships>"
        ),
        **{
            f"xl/worksheets/sheet{n}.xml": f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">{body}'
            "</worksheet>"
            for n, body in enumerate(sheets, start=1)
        },
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, text in files.items():
            out.writestr(name, text)
    return buffer.getvalue()


def both(raw: bytes) -> list[tuple[Sheet, Sheet]]:
    """Each sheet read as intake reads it and as openpyxl's normal mode gives it."""
    streamed, loaded = open_book(raw), Book(raw, streamed=False)
    assert streamed.sheetnames == loaded.sheetnames
    return [(streamed[name], loaded[name]) for name in loaded.worksheets]


def inline(ref: str | None, text: str) -> str:
    at = f' r="{ref}"' if ref else ""
    return f'<c{at} t="inlineStr"><is><t>{text}</t></is></c>'


def test_a_sheet_as_excel_writes_it_reads_as_the_normal_mode_gives_it() -> None:
    sheet = (
        "<sheetData>"
        f'<row r="1">{inline("A1", "标题")}</row>'
        f'<row r="3">{inline("A3", "一、大类")}<c r="B3" t="s"/><c r="D3"/></row>'
        f'<row r="4"><c r="A4"><v>1</v></c>{inline("B4", "任务")}{inline("C4", "盖住的")}</row>'
        '<row r="6"><c r="B6"><v>45000</v></c><c r="C6" t="b"><v>1</v></c></row>'
        "</sheetData>"
        '<mergeCells count="3"><mergeCell ref="A3:C3"/><mergeCell ref="B4:C5"/>'
        '<mergeCell ref="E8:F9"/></mergeCells>'
    )
    for streamed, loaded in both(package(sheet)):
        assert streamed == loaded
    streamed = open_book(package(sheet))["表1"]
    assert len(streamed.rows) == 9  # the merged E8:F9 past the last value counts
    assert streamed.rows[3] == (1, "任务", None, None, None, None)  # C4 under B4's range
    assert streamed.merged == ((3, 1, 3, 3), (4, 2, 5, 3), (8, 5, 9, 6))


def test_rows_and_cells_without_a_reference_follow_the_one_before() -> None:
    sheet = (
        "<sheetData>"
        f"<row>{inline(None, 'a')}{inline(None, 'b')}</row>"
        f'<row r="3">{inline(None, "c")}{inline("D3", "d")}{inline(None, "e")}</row>'
        f"<row>{inline(None, 'f')}</row>"
        "</sheetData>"
    )
    (streamed, loaded), *_ = both(package(sheet))
    assert streamed == loaded
    assert streamed.rows[2] == ("c", None, None, "d", "e")


def test_empty_sheets_and_a_sheet_of_merged_cells_only() -> None:
    empty = "<sheetData/>"
    rows_only = '<sheetData><row r="2"/><row r="5" ht="30" customHeight="1"/></sheetData>'
    merged_only = '<sheetData/><mergeCells count="1"><mergeCell ref="B2:C3"/></mergeCells>'
    pairs = both(package(empty, rows_only, merged_only))
    for streamed, loaded in pairs:
        assert streamed == loaded
    assert [p[0].rows for p in pairs[:2]] == [(), ()]
    assert pairs[2][0].rows == ((None,) * 3,) * 3


def test_hyperlinks_and_comments_are_read_as_the_normal_mode_reads_them() -> None:
    # A hyperlink gives an empty cell the link's place as its value; a comment makes a cell.
    linked = (
        f'<sheetData><row r="1">{inline("A1", "x")}</row></sheetData>'
        '<hyperlinks><hyperlink ref="C4" location="表1!A1" display="看"/></hyperlinks>'
    )
    (streamed, loaded), *_ = both(package(linked))
    assert streamed == loaded
    assert streamed.rows[3][2] == "表1!A1"
    noted = f'<sheetData><row r="1">{inline("A1", "x")}</row></sheetData>'
    comments = {
        "xl/worksheets/_rels/sheet1.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/comments" Target="../comments1.xml"/>'
            "</Relationships>"
        ),
        "xl/comments1.xml": (
            f'<comments xmlns="{_MAIN}"><authors><author>审核</author></authors><commentList>'
            '<comment ref="D5" authorId="0"><text><t>请核对</t></text></comment>'
            "</commentList></comments>"
        ),
    }
    (streamed, loaded), *_ = both(package(noted, extra=comments))
    assert streamed == loaded
    assert len(streamed.rows) == 5


def test_a_workbook_openpyxl_writes_reads_alike_in_both_modes() -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "任务", "完成时限", None, "备注"])
    sheet.append([1, "推进重点项目", dt.datetime(2024, 6, 30), 2.5, True])
    sheet["G9"].border = openpyxl.styles.Border(top=openpyxl.styles.Side(style="thin"))
    sheet.merge_cells("A4:B6")
    book.create_sheet("空")
    buffer = io.BytesIO()
    book.save(buffer)
    for streamed, loaded in both(buffer.getvalue()):
        assert streamed == loaded
    assert open_book(buffer.getvalue())["Sheet"].rows[1][2] == dt.datetime(2024, 6, 30)


@st.composite
def sheets(draw: st.DrawFn) -> str:
    """A sheet of values here and there, and merged ranges (overlapping ones excepted)."""
    spots = draw(
        st.dictionaries(
            st.tuples(st.integers(1, 12), st.integers(1, 6)),
            st.one_of(st.none(), st.integers(-5, 99), st.sampled_from(["", "牵头", " x "])),
            max_size=30,
        )
    )
    rows: dict[int, list[str]] = {}
    for (r, c), value in sorted(spots.items()):
        ref = f"{'ABCDEF'[c - 1]}{r}"
        cell = (
            f'<c r="{ref}"/>'
            if value is None
            else f'<c r="{ref}"><v>{value}</v></c>'
            if isinstance(value, int)
            else inline(ref, value)
        )
        rows.setdefault(r, []).append(cell)
    taken: set[tuple[int, int]] = set()
    merges = []
    for top, left, height, width in draw(
        st.lists(
            st.tuples(st.integers(1, 14), st.integers(1, 7), st.integers(1, 3), st.integers(1, 3)),
            max_size=4,
        )
    ):
        area = {(r, c) for r in range(top, top + height) for c in range(left, left + width)}
        if len(area) > 1 and not area & taken:
            taken |= area
            last = f"{'ABCDEFGHIJ'[left + width - 2]}{top + height - 1}"
            merges.append(f'<mergeCell ref="{"ABCDEFG"[left - 1]}{top}:{last}"/>')
    data = "".join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in sorted(rows.items()))
    merged = f"<mergeCells>{''.join(merges)}</mergeCells>" if merges else ""
    return f"<sheetData>{data}</sheetData>{merged}"


@settings(max_examples=150, deadline=None)
@given(sheets())
def test_any_sheet_of_values_and_merges_reads_as_the_normal_mode_gives_it(sheet: str) -> None:
    (streamed, loaded), *_ = both(package(sheet))
    assert streamed == loaded
