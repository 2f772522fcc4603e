"""Pieces every Word document fenggong writes shares so it prints right: page numbers as
PAGE fields in the footer, table rows that never split across pages, header rows repeated,
column widths from the content, and East Asian fonts on styles. python-docx is imported only
inside the functions."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from fenggong.present.view import JOINER, Column, Kind, View, cell_text

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph


def cell_len(text: str) -> int:
    """Columns the text takes: two for a Chinese (wide) character, one for the rest (rich's
    own measure costs the Word path an import of rich)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


#: Widest a name column gets, in characters, before a long name wraps.
NAME_CAP = 10
#: Room a cell's padding takes, in cm.
PADDING_CM = 0.55


def add_field(paragraph: Paragraph, instruction: str, shown: str = "1") -> None:
    """A field (PAGE, NUMPAGES) in the paragraph, showing `shown` until Word updates it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> object:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    for part in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()
        if part == "instr":
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        elif part == "text":
            run.text = shown
        else:
            run._r.append(char(part))


def page_footer(section: object, *, before: str = "第 ", after: str = " 页") -> Paragraph:
    """A centred page number in the section's footer: 第 N 页."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph: Paragraph = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(before)
    add_field(paragraph, "PAGE")
    paragraph.add_run(after)
    return paragraph


def row_property(row: object, name: str) -> None:
    """Set a row property: w:cantSplit (never split across pages) or w:tblHeader (repeat at
    the top of every page)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    marker = OxmlElement(f"w:{name}")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def east_asian(element: object, font: str) -> None:
    """Set the font Word uses for Chinese characters (w:rFonts w:eastAsia), and for the rest."""
    from docx.oxml.ns import qn

    properties = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = properties.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:ascii"), font)
    fonts.set(qn("w:hAnsi"), font)


def widths_cm(view: View, usable_cm: float, font_pt: float) -> list[float]:
    """Column widths from the content: a column as wide as its widest cell (a list of names:
    its longest name; capped), its header never broken inside a short word, and the task
    text taking the rest; when that leaves the text too little room, titles and codes wrap
    first, then lists of names down to their longest name."""
    half = font_pt * 0.0353 / 2  # cm a half-width character takes
    columns = view.columns
    natural: list[float] = []
    floors: list[float] = []
    for index, column in enumerate(columns):
        header = min(cell_len(column.header), 8)
        widest = max((_widest(column, row[index]) for row in view.rows), default=0)
        widest += 2 if column.kind is Kind.NAMES else 0  # room for the 、 after a name
        cap = 120 if column.kind is Kind.TEXT else NAME_CAP * 2
        natural.append(max(header, min(widest, cap)) * half + PADDING_CM)
        # A unit's name stays whole (up to the cap); a title or code may wrap.
        keep = min(widest, NAME_CAP * 2) if column.kind is Kind.NAMES else 0
        floors.append(max(header, keep) * half + PADDING_CM)
    free = [i for i, c in enumerate(columns) if c.kind is Kind.TEXT]
    fixed = [i for i in range(len(columns)) if i not in free]
    room = usable_cm - sum(natural[i] for i in fixed)
    text_floor = 8.0 if free else 0.0
    if room < text_floor * len(free):  # too wide: the fixed columns give way to their floors
        spare = sum(natural[i] - floors[i] for i in fixed) or 1.0
        cut = min(text_floor * len(free) - room, spare)
        for i in fixed:
            natural[i] -= cut * (natural[i] - floors[i]) / spare
        room = usable_cm - sum(natural[i] for i in fixed)
    if free:  # several free texts share the room as their content does
        wanted = sum(natural[i] for i in free) or 1.0
        shares = {i: natural[i] / wanted for i in free}
        for i in free:
            natural[i] = max(room * shares[i], floors[i], 2.0)
    else:  # no free text: spread what is left over the columns
        extra = (usable_cm - sum(natural)) / max(len(columns), 1)
        natural = [w + max(extra, 0.0) for w in natural]
    return natural


def packed_names(names: Sequence[str], width_cm: float, font_pt: float) -> str:
    """Names joined with 、, a line break between two names wherever the next would not fit
    on the line (so no name breaks inside)."""
    room = max(2, int((width_cm - PADDING_CM) / (font_pt * 0.0353 / 2)) - 2)
    lines: list[str] = []
    line = ""
    for index, name in enumerate(names):
        piece = name + (JOINER if index < len(names) - 1 else "")
        if line and cell_len(line + piece) > room and cell_len(line + name) > room:
            lines.append(line)
            line = ""
        line += piece
    return "\n".join([*lines, line])


def _widest(column: Column, value: object) -> int:
    if column.kind is Kind.NAMES and isinstance(value, list | tuple):
        return max((cell_len(str(v)) for v in value), default=0)
    text = cell_text(column.kind, value)
    if column.kind is Kind.NAMES:
        return max((cell_len(n) for n in text.split(JOINER)), default=0)
    return cell_len(text)


def set_widths(table: Table, widths: Sequence[float]) -> None:
    """Fix the table's grid and its first row to the widths; rows added afterwards take
    their cells' widths from the grid (Word reads the cells', LibreOffice the grid's)."""
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)
    for row in table.rows[:1]:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def split_title(title: str) -> tuple[str, str]:
    """A plan's title and its document number (新府〔2023〕28号), for the number to go on a
    line of its own instead of breaking anywhere."""
    if title.endswith("号）") and "（" in title:
        head, number = title.rsplit("（", 1)
        return head, "（" + number
    return title, ""
