"""A 公文 laid out to GB/T 9704-2012 as a Word draft an office can edit: A4, 版心 156×225 mm
(天头 37 mm, 订口 28 mm), 22 lines of 28 characters (w:docGrid), title in 2号 方正小标宋简体
(宋体 where it is not installed), body in 3号仿宋 indented two characters, 一级标题 3号黑体 and
二级标题 3号楷体 (not bold), 署名 and 成文日期 on the right, page numbers "— N —" in 4号宋体
on the right of odd pages and the left of even ones. Plain paragraph styles only (no text
boxes), so the office can retype any of it. python-docx is imported only here."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from fenggong.present.docxparts import add_field, cell_len, east_asian
from fenggong.present.notice_text import Part

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

#: Page and 版心 in mm.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
#: 22 lines × 28 characters: line pitch in twips (225 mm / 22) and the character spacing
#: Word adds to a 16 pt character, in 1/4096 pt (156 mm / 28 = 15.793 pt).
LINE_PITCH, CHAR_SPACE = 579, -848
#: Character spacing that sets 28 3号 characters a line (15.75 pt each, 版心 442 pt wide).
CONDENSE_PT = -0.25
TITLE_FONT, TITLE_FALLBACK = "方正小标宋简体", "宋体"
BODY_FONT, H1_FONT, H2_FONT, PAGE_FONT = "仿宋", "黑体", "楷体", "宋体"
#: Sizes in points: 2号, 3号, 4号.
TITLE_PT, BODY_PT, PAGE_PT = 22, 16, 14
#: Characters of a title line (156 mm at 22 pt holds 20; two spare for wider fonts).
TITLE_CHARS = 18
#: Style names (ids) of the parts.
STYLES = {
    Part.DOC_NO: "公文文号",
    Part.TITLE: "公文标题",
    Part.TO: "主送机关",
    Part.BODY: "公文正文",
    Part.H1: "一级标题",
    Part.H2: "二级标题",
    Part.SIGN: "署名",
    Part.DATE: "成文日期",
}


def balanced_lines(text: str, chars: int = TITLE_CHARS) -> list[str]:
    """A title broken into lines of about equal width (digits count half), each break moved
    to the nearest word end (after 的, 于, 月, 》…) within three characters, so no line holds
    a word or two alone (GB/T 9704: 回行时要词意完整、排列对称)."""
    count = max(1, math.ceil(cell_len(text) / (chars * 2)))
    lines = []
    rest = text
    for left in range(count, 1, -1):
        size = cell_len(rest) / left
        at = 0
        while at < len(rest) and cell_len(rest[: at + 1]) <= size:
            at += 1
        near = [
            i
            for i in range(max(1, at - 3), min(len(rest) - 1, at + 3) + 1)
            if rest[i - 1] in _WORD_ENDS
        ]
        if near:
            at = min(near, key=lambda i: (abs(i - at), i))
        lines.append(rest[:at])
        rest = rest[at:]
    return [*lines, rest]


#: Characters a title line may end after without cutting a word.
_WORD_ENDS = frozenset("的于月年》）”、和及与况务")


def gongwen_docx(parts: Sequence[tuple[Part, str]]) -> bytes:
    """The paragraphs as a .docx 公文."""
    import docx

    document = docx.Document()
    _page(document)
    ids = _styles(document)
    date_len = next((len(t) for p, t in parts if p is Part.DATE), 0)
    previous: Paragraph | None = None
    for part, text in parts:
        if part is Part.TITLE:
            paragraph = document.add_paragraph()
            paragraph._p.style = ids[part]
            for n, line in enumerate(balanced_lines(text)):
                if n:
                    paragraph.add_run().add_break()
                paragraph.add_run(line)
            spacer = document.add_paragraph()  # a blank line between the title and 主送机关
            spacer._p.style = ids[Part.BODY]
            spacer.paragraph_format.first_line_indent = 0
            continue
        if part is Part.SIGN:
            if previous is not None:  # the 署名 never stands alone on a page
                previous.paragraph_format.keep_with_next = True
            _before_signature(document, ids)
        paragraph = document.add_paragraph(text)
        paragraph._p.style = ids[part]
        previous = paragraph
        if part is Part.SIGN:  # centred over the date, which stands four characters in
            _right_chars(paragraph, 4 + max(0, date_len - len(text)) / 2)
    _page_numbers(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document: Document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance = Mm(15)
    section.footer_distance = Mm(20)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # A line grid: LibreOffice sets each 3号 character on two cells of a character grid
    # pitched under 16 pt; the 28 characters come from the body's condensed spacing instead
    # (charSpace stays for Word's 页面设置 dialog).
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    _declare_fallback(document)


def _declare_fallback(document: Document) -> None:
    """Tell Word to set the title in 宋体 where 方正小标宋简体 is not installed (w:altName)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    part = document.part
    for rel in part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            table = rel.target_part
            element = parse_xml(table.blob)
            element.append(
                parse_xml(
                    f'<w:font {nsdecls("w")} w:name="{TITLE_FONT}"><w:altName w:val="{TITLE_FALLBACK}"/>'
                    '<w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/>'
                    "</w:font>"
                )
            )
            from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

            table._blob = etree.tostring(
                element, xml_declaration=True, encoding="UTF-8", standalone=True
            )
            return


def _styles(document: Document) -> dict[Part, str]:
    """The 公文's paragraph styles; each part's style id."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    _default_size(document)
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    east_asian(normal.element, BODY_FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    exact = Pt(LINE_PITCH / 20)
    specs = {
        Part.DOC_NO: (BODY_FONT, BODY_PT, WD_ALIGN_PARAGRAPH.CENTER, 0),
        Part.TITLE: (TITLE_FONT, TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER, 0),
        Part.TO: (BODY_FONT, BODY_PT, WD_ALIGN_PARAGRAPH.LEFT, 0),
        Part.BODY: (BODY_FONT, BODY_PT, WD_ALIGN_PARAGRAPH.JUSTIFY, 2),
        Part.H1: (H1_FONT, BODY_PT, WD_ALIGN_PARAGRAPH.LEFT, 2),
        Part.H2: (H2_FONT, BODY_PT, WD_ALIGN_PARAGRAPH.LEFT, 2),
        Part.SIGN: (BODY_FONT, BODY_PT, WD_ALIGN_PARAGRAPH.RIGHT, 0),
        Part.DATE: (BODY_FONT, BODY_PT, WD_ALIGN_PARAGRAPH.RIGHT, 0),
    }
    ids = {}
    for part, (font, size, align, indent) in specs.items():
        style = document.styles.add_style(STYLES[part], WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.bold = False
        east_asian(style.element, font)
        fmt = style.paragraph_format
        fmt.alignment = align
        # The title's lines are set at 2号's own spacing; everything else on the 22-line grid.
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(TITLE_PT * 1.5) if part is Part.TITLE else exact
        if indent:
            _indent_chars(style.element, indent)
        if part is not Part.TITLE:
            style.font.spacing = Pt(CONDENSE_PT)
        if part in (Part.H1, Part.H2, Part.TITLE, Part.SIGN):
            fmt.keep_with_next = True
        if part in (Part.TITLE, Part.DOC_NO):  # set by its own spacing, not the body's grid
            _no_grid(style.element)
        if part is Part.DATE:
            _right_chars(style, 4)
        ids[part] = str(style.style_id)
    return ids


def _default_size(document: Document) -> None:
    """The documents' default font size 3号: the character grid counts in it (LibreOffice
    reads the grid's pitch from the defaults, not from Normal)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    properties = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if properties is None:
        return
    for tag in ("w:sz", "w:szCs"):
        found = properties.find(qn(tag))
        if found is None:
            found = OxmlElement(tag)
            properties.append(found)
        found.set(qn("w:val"), str(BODY_PT * 2))


def _no_grid(element: object) -> None:
    """Leave a paragraph off the document grid (w:snapToGrid off)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = element.get_or_add_pPr()  # type: ignore[attr-defined]
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    properties.insert(0, snap)


def _indent_chars(element: object, chars: int) -> None:
    """首行缩进 in characters (w:firstLineChars), with the twips Word falls back on."""
    from docx.oxml.ns import qn

    properties = element.get_or_add_pPr()  # type: ignore[attr-defined]
    ind = properties.get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(chars * BODY_PT * 20))


def _right_chars(target: object, chars: float) -> None:
    """A right indent of so many characters."""
    from docx.shared import Pt

    fmt = target.paragraph_format  # type: ignore[attr-defined]
    fmt.right_indent = Pt(BODY_PT * chars)


def _before_signature(document: Document, ids: dict[Part, str]) -> None:
    """Two blank lines between the body and the 署名 (room for the seal), kept with it."""
    for _ in range(2):
        blank = document.add_paragraph()
        blank._p.style = ids[Part.TO]
        blank.paragraph_format.keep_with_next = True


def _page_numbers(document: Document) -> None:
    """ "— N —" in 4号宋体: right (one character in) on odd pages, left on even ones."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.left_indent = Pt(PAGE_PT) if align == WD_ALIGN_PARAGRAPH.LEFT else None
        fmt.right_indent = Pt(PAGE_PT) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
        paragraph.add_run("— ")
        add_field(paragraph, "PAGE")
        paragraph.add_run(" —")
        for run in paragraph.runs:
            run.font.size = Pt(PAGE_PT)
            east_asian(run._r, PAGE_FONT)
