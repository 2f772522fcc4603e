"""present/render/xlsxrows.py writes a workbook's rows as the XML openpyxl's write-only mode
writes for the same cells, byte for byte: the rows of real answers (the export with its
registries; a table with numbers, dates, wrapped text, lights and their legend), and any
text, number or date a cell may hold."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from fenggong import sheetstyle
from fenggong.plan.model import Plan
from fenggong.present.answers.dataset import dataset_answer
from fenggong.present.render import xlsx, xlsxrows
from fenggong.present.render.xlsxrows import SheetRows, Value
from fenggong.present.view import Answer, Column, Grid, Kind, View
from fenggong.queries.filters import TaskRow

_ROWS = re.compile(rb"<sheetData>.*</sheetData>|<sheetData/>", re.DOTALL)


def openpyxl_rows(sheets: list[SheetRows]) -> list[bytes]:
    """Each sheet's <sheetData> as openpyxl writes the same cells (as fenggong wrote them
    before): a styled cell each, text as text, the heights on the rows."""
    book = openpyxl.Workbook()
    sheetstyle.add_styles(book)
    made = []
    for rows in sheets:
        sheet = book.create_sheet()
        for number, height in enumerate(rows.heights, start=1):
            if height is not None:
                sheet.row_dimensions[number].height = height
            for column, (value, style) in enumerate(rows.cells(number - 1), start=1):
                cell = sheet.cell(number, column, value)
                if isinstance(value, str):
                    cell.data_type = "s"
                cell.style = style
        made.append(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return [_rows(package.read(sheet.path[1:])) for sheet in made]


def _rows(xml: bytes) -> bytes:
    found = _ROWS.search(xml)
    assert found is not None
    return found[0]


def written(answer: Answer, monkeypatch: pytest.MonkeyPatch) -> tuple[list[SheetRows], bytes]:
    """The rows fenggong lays out for the answer, and the workbook it writes."""
    laid_out: list[SheetRows] = []
    fill = xlsx._fill

    def keeping(*args: object, **kwargs: object) -> SheetRows:
        rows = fill(*args, **kwargs)  # type: ignore[arg-type]
        laid_out.append(rows)
        return rows

    monkeypatch.setattr(xlsx, "_fill", keeping)
    return laid_out, xlsx.to_xlsx(answer)


def assert_rows_as_openpyxl_writes(answer: Answer, monkeypatch: pytest.MonkeyPatch) -> None:
    laid_out, book = written(answer, monkeypatch)
    with zipfile.ZipFile(io.BytesIO(book)) as package:
        ours = [
            _rows(package.read(f"xl/worksheets/sheet{n}.xml")) for n in range(1, 1 + len(laid_out))
        ]
    assert ours == openpyxl_rows(laid_out)


def test_the_export_is_written_as_openpyxl_writes_it(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [TaskRow(t) for t in plan.tasks]
    answer = dataset_answer(plan, rows, whole=True)
    assert_rows_as_openpyxl_writes(answer, monkeypatch)


def test_numbers_dates_wrapped_text_and_lights_are_written_as_openpyxl_writes_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    columns = (
        Column("id", "序号", Kind.NUMBER),
        Column("due", "完成时限", Kind.NAME),
        Column("text", "任务", Kind.TEXT),
        Column("units", "牵头单位", Kind.NAMES),
        Column("light", "亮灯", Kind.NAME),
    )
    records = View(
        columns,
        (
            (1, "2023-06-30", "推进重点项目建设。" * 12, ("县发改局", "县财政局"), "红"),
            (2.5, "6月底前", "第一行\n第二行 ", (), "绿"),
            (3, "", " a<b>&c\r", ("县<商务>局",), ""),
        ),
    )
    extra = Grid(View((Column("name", "名称", Kind.NAME),), (("甲",), ("乙",))), title="附表")
    answer = Answer(
        screen=records, records=records, title="亮灯", plan="某方案", sheets=(extra,), note="注"
    )
    laid_out, _ = written(answer, monkeypatch)
    assert [len(rows.values) for rows in laid_out] == [2 + 3 + 2, 2 + 2]  # the legend, below
    assert laid_out[0].cells(2)[1] == (dt.date(2023, 6, 30), sheetstyle.DATE)
    assert_rows_as_openpyxl_writes(answer, monkeypatch)


_TEXT = st.text(
    st.one_of(
        st.sampled_from("&<>\"' \t\n\r字、🀄\u2028\x7f\x85\ufeff"), st.characters(codec="utf-8")
    ).filter(lambda c: not re.match(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", c)),
    max_size=20,
)
_VALUE: st.SearchStrategy[Value] = st.one_of(
    _TEXT,
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1900, 3, 1), dt.date(2099, 12, 31)),
)
_STYLES = st.sampled_from([sheetstyle.BODY, sheetstyle.NUMBER, sheetstyle.HEADER])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.floats(1, 400)),
            st.lists(st.tuples(_VALUE, _STYLES), max_size=5),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_cell_is_written_as_openpyxl_writes_it(
    rows: list[tuple[float | None, list[tuple[Value, str]]]],
) -> None:
    sheet = SheetRows(
        [h for h, _ in rows],
        [[v for v, _ in cells] for _, cells in rows],
        [tuple(s for _, s in cells) for _, cells in rows],
    )
    ids = {style: n for n, style in enumerate(xlsxrows.styles_in_order([sheet]), start=1)}
    stream = io.BytesIO()
    xlsxrows.write_rows(stream, sheet, ids)
    assert b"<sheetData>" + stream.getvalue() + b"</sheetData>" == openpyxl_rows([sheet])[0]


def test_a_character_a_sheet_cannot_hold_is_refused_as_openpyxl_refuses_it() -> None:
    sheet = SheetRows([None], [["a\x01b"]], [(sheetstyle.BODY,)])
    with pytest.raises(IllegalCharacterError):
        openpyxl_rows([sheet])
    with pytest.raises(IllegalCharacterError):
        xlsxrows.write_rows(io.BytesIO(), sheet, {sheetstyle.BODY: 1})
