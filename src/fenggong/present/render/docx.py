"""An answer as a Word document to print and hand out at a meeting: A4, the plan's title
and document number, what the document is about and the day it was made, the one-screen
summary first, then the tables with their header row repeated on every page; 仿宋 body and
黑体 headings set for East Asian text (Word falls back to a Western font unless the
w:eastAsia attribute is set). python-docx is imported only here.

Fonts live in styles set once (no run carries fonts of its own): a brief has hundreds of
cells, and formatting each run cost as much as writing the document (docs/design.md)."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from fenggong import clock
from fenggong.present.render.docxparts import (
    east_asian,
    packed_names,
    page_footer,
    row_property,
    set_widths,
    split_title,
    widths_cm,
)
from fenggong.present.view import Answer, Details, Grid, Kind, Report, View, cell_text

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

BODY_FONT = "仿宋"
TABLE_FONT = "宋体"
HEADING_FONT = "黑体"
#: Sizes in points: 三号 title, 四号 headings, 小四 body, 五号 tables.
TITLE_PT, HEADING_PT, BODY_PT, TABLE_PT = 16, 14, 12, 10.5
#: The document's styles. Normal is the table text, most of a document's text.
TITLE, HEADING, BODY, HEADER = "方案标题", "小标题", "正文", "表头"


def to_docx(answer: Answer, *, today: dt.date | None = None) -> bytes:
    """The answer as .docx bytes."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document = docx.Document()
    ids = _styles(document)

    def paragraph(text: str, style: str) -> Paragraph:
        """A paragraph in a style, by the style's id (a lookup by name costs ~1 ms)."""
        added = document.add_paragraph(text)
        added._p.style = ids[style]
        return added

    section = document.sections[0]
    wide = isinstance(answer.screen, Grid) or _widest(answer) > 5
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if wide else (Cm(21.0), Cm(29.7))
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    page_footer(section)
    if answer.plan:
        name, number = split_title(answer.plan)
        title = paragraph(name, TITLE)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if number:  # the 文号 on a line of its own, never 号） alone on the next
            title.add_run().add_break()
            title.add_run(number)
    made = (today or clock.today()).isoformat()
    dated = f"截至 {answer.as_of}，" if answer.as_of else ""
    subtitle = f"{answer.title or '查询结果'}（{dated}制表日期：{made}）"
    paragraph(subtitle, BODY).alignment = WD_ALIGN_PARAGRAPH.CENTER
    usable = 29.7 - 4.0 if wide else 21.0 - 4.0  # cm between the margins
    match answer.screen:
        case Report():
            if answer.screen.heading:
                paragraph(answer.screen.heading, HEADING)
            if answer.screen.facts:
                paragraph(answer.screen.facts, BODY)
            for part in answer.screen.parts:
                if part.title:
                    paragraph(part.title, HEADING)
                _table(document, part.view, usable, ids)
        case Details():
            for block in answer.screen.blocks:
                _pairs(document, block, usable, ids)
                paragraph("", BODY)
        case Grid():
            if answer.screen.caption:
                paragraph(answer.screen.caption, BODY)
            _table(document, answer.screen.view, usable, ids)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _styles(document: Document) -> dict[str, str]:
    """Set the document's styles; each style's id, by name."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.size = Pt(TABLE_PT)
    east_asian(normal.element, TABLE_FONT)
    for name, font, size, bold in (
        (TITLE, HEADING_FONT, TITLE_PT, True),
        (HEADING, HEADING_FONT, HEADING_PT, True),
        (BODY, BODY_FONT, BODY_PT, False),
        (HEADER, HEADING_FONT, TABLE_PT, True),
    ):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.bold = bold
        east_asian(style.element, font)
        if name != HEADER:
            style.paragraph_format.space_after = Pt(6)
        if name in (TITLE, HEADING):  # never left at a page's foot without what follows
            style.paragraph_format.keep_with_next = True
    names = (TITLE, HEADING, BODY, HEADER, "Table Grid")
    return {name: str(document.styles[name].style_id) for name in names}


def _widest(answer: Answer) -> int:
    if isinstance(answer.screen, Report):
        return max((len(p.view.columns) for p in answer.screen.parts), default=0)
    return 0


def _table(document: Document, view: View, usable_cm: float, ids: dict[str, str]) -> None:
    columns = view.columns
    table = document.add_table(rows=1, cols=max(len(columns), 1))
    table._tbl.tblStyle_val = ids["Table Grid"]
    widths = widths_cm(view, usable_cm, TABLE_PT)
    set_widths(table, widths)
    header = table.rows[0]
    row_property(header, "tblHeader")
    row_property(header, "cantSplit")
    for cell, column in zip(header.cells, columns, strict=False):
        paragraph = cell.paragraphs[0]
        paragraph._p.style = ids[HEADER]
        paragraph.add_run(column.header)
    kinds = [c.kind for c in columns]
    for row in view.rows:
        added = table.add_row()
        row_property(added, "cantSplit")
        for cell, kind, width, value in zip(added.cells, kinds, widths, row, strict=False):
            if kind is Kind.NAMES and isinstance(value, tuple) and len(value) > 1:
                cell.text = packed_names([str(v) for v in value], width, TABLE_PT)
            else:
                cell.text = cell_text(kind, value)


def _pairs(
    document: Document,
    block: tuple[tuple[str, str | tuple[str, ...]], ...],
    usable_cm: float,
    ids: dict[str, str],
) -> None:
    table = document.add_table(rows=0, cols=2)
    table._tbl.tblStyle_val = ids["Table Grid"]
    label_cm = max((len(label) for label, _ in block), default=2) * TABLE_PT * 0.0353 + 0.4
    set_widths(table, (label_cm, usable_cm - label_cm))
    for label, value in block:
        added = table.add_row()
        row_property(added, "cantSplit")
        left, right = added.cells
        left.paragraphs[0]._p.style = ids[HEADER]
        left.paragraphs[0].add_run(label)
        right.text = value if isinstance(value, str) else "、".join(value)
