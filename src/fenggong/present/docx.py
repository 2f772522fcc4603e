"""An answer as a Word document to print and hand out at a meeting: A4, the plan's title
and document number, what the document is about and the day it was made, the one-screen
summary first, then the tables with their header row repeated on every page; 仿宋 body and
黑体 headings set for East Asian text (Word falls back to a Western font unless the
w:eastAsia attribute is set). python-docx is imported only here."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from fenggong.present.view import Answer, Details, Grid, Kind, Report, View, cell_text

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.run import Run

BODY_FONT = "仿宋"
TABLE_FONT = "宋体"
HEADING_FONT = "黑体"
#: Sizes in points: 三号 title, 四号 headings, 小四 body, 五号 tables.
TITLE_PT, HEADING_PT, BODY_PT, TABLE_PT = 16, 14, 12, 10.5


def to_docx(answer: Answer, *, today: dt.date | None = None) -> bytes:
    """The answer as .docx bytes."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    _east_asian(document.styles["Normal"].element, BODY_FONT)
    document.styles["Normal"].font.size = Pt(BODY_PT)
    section = document.sections[0]
    wide = isinstance(answer.screen, Grid) or _widest(answer) > 5
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if wide else (Cm(21.0), Cm(29.7))
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    if answer.plan:
        _paragraph(
            document, answer.plan, HEADING_FONT, TITLE_PT, bold=True
        ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    subject = answer.title or "查询结果"
    made = (today or dt.date.today()).isoformat()
    _paragraph(
        document, f"{subject}（制表日期：{made}）", BODY_FONT, BODY_PT
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    match answer.screen:
        case Report():
            if answer.screen.heading:
                _paragraph(document, answer.screen.heading, HEADING_FONT, HEADING_PT, bold=True)
            if answer.screen.facts:
                _paragraph(document, answer.screen.facts, BODY_FONT, BODY_PT)
            for part in answer.screen.parts:
                if part.title:
                    _paragraph(document, part.title, HEADING_FONT, HEADING_PT, bold=True)
                _table(document, part.view)
        case Details():
            for block in answer.screen.blocks:
                rows = tuple(
                    (label, value if isinstance(value, str) else "、".join(value))
                    for label, value in block
                )
                _pairs(document, rows)
                _paragraph(document, "", BODY_FONT, BODY_PT)
        case Grid():
            if answer.screen.caption:
                _paragraph(document, answer.screen.caption, BODY_FONT, BODY_PT)
            _table(document, answer.screen.view)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _widest(answer: Answer) -> int:
    if isinstance(answer.screen, Report):
        return max((len(p.view.columns) for p in answer.screen.parts), default=0)
    return 0


def _paragraph(document: Document, text: str, font: str, size: float, *, bold: bool = False):  # type: ignore[no-untyped-def]
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    _font(run, font, size, bold=bold)
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def _table(document: Document, view: View) -> None:
    columns = view.columns
    table = document.add_table(rows=1, cols=max(len(columns), 1))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, column in zip(header.cells, columns, strict=False):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(column.header), HEADING_FONT, TABLE_PT, bold=True)
    for row in view.rows:
        cells = table.add_row().cells
        for cell, column, value in zip(cells, columns, row, strict=False):
            text = cell_text(column.kind, value)
            _font(cell.paragraphs[0].add_run(text), TABLE_FONT, TABLE_PT)
    _widths(table, view)


def _pairs(document: Document, rows: tuple[tuple[str, str], ...]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        left, right = table.add_row().cells
        _font(left.paragraphs[0].add_run(label), HEADING_FONT, TABLE_PT, bold=True)
        _font(right.paragraphs[0].add_run(value), TABLE_FONT, TABLE_PT)


def _widths(table: object, view: View) -> None:
    """The task text gets the room; numbers and codes stay narrow."""
    from docx.shared import Cm

    weights = [
        6 if c.kind is Kind.TEXT else 1 if c.kind is Kind.NUMBER else 2.5 for c in view.columns
    ]
    total = sum(weights) or 1
    for column, weight in zip(table.columns, weights, strict=False):  # type: ignore[attr-defined]
        width = Cm(25.0 * weight / total)
        for cell in column.cells:
            cell.width = width


def _repeat_as_header(row: object) -> None:
    """Mark a table row to repeat at the top of every page (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _font(run: Run, font: str, size: float, *, bold: bool = False) -> None:
    from docx.shared import Pt

    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    _east_asian(run._element, font)


def _east_asian(element: object, font: str) -> None:
    """Set the font Word uses for Chinese characters (w:rFonts w:eastAsia)."""
    from docx.oxml.ns import qn

    properties = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = properties.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:ascii"), font)
    fonts.set(qn("w:hAnsi"), font)
