"""A 公文 laid out to GB/T 9704-2012 as a Word draft an office can edit: A4, 版心 156×225 mm
(天头 37 mm, 订口 28 mm), 22 lines of 28 characters (w:docGrid), title in 2号 方正小标宋简体
(宋体 where it is not installed), body in 3号仿宋 indented two characters, 一级标题 3号黑体 and
二级标题 3号楷体 (not bold), 署名 and 成文日期 on the right, page numbers "— N —" in 4号宋体
on the right of odd pages and the left of even ones. Plain paragraph styles only (no text
boxes), so the office can retype any of it. python-docx is imported only here."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from fenggong.present.answers.notice import Part
from fenggong.present.render.docxparts import add_field, cell_len, east_asian

if TYPE_CHECKING:
    from docx.document import Document

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
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    _page(document)
    ids = _styles(document)
    date_len = next((len(t) for p, t in parts if p is Part.DATE), 0)
    # The body as one piece of XML: python-docx's per-paragraph calls cost more than the
    # rest of writing the 公文.
    body: list[str] = []
    for part, text in parts:
        style = ids[part]
        if part is Part.TITLE:
            lines = "<w:r><w:br/></w:r>".join(_run(line) for line in balanced_lines(text))
            body.append(_paragraph(style, lines))
            body.append(_paragraph(ids[Part.TO], ""))  # a blank line before 主送机关
            continue
        if part is Part.SIGN:
            if body:  # the 署名 never stands alone on a page: the last paragraph goes with it
                body[-1] = body[-1].replace("<w:pPr>", "<w:pPr><w:keepNext/>", 1)
            # Two blank lines (room for the seal), kept with the 署名.
            body += [_paragraph(ids[Part.TO], "", "<w:keepNext/>")] * 2
            # Centred over the date, which stands four characters in.
            right = round((4 + max(0, date_len - len(text)) / 2) * BODY_PT * 20)
            body.append(_paragraph(style, _run(text), f'<w:ind w:right="{right}"/>'))
            continue
        body.append(_paragraph(style, _run(text)))
        if part is Part.DOC_NO:  # a blank line between the 文号 and the title
            body.append(_paragraph(ids[Part.TO], ""))
    element = parse_xml(f"<w:body {nsdecls('w')}>{''.join(body)}</w:body>")
    anchor = document.element.body.sectPr
    for paragraph in list(element):
        anchor.addprevious(paragraph)
    _page_numbers(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _run(text: str) -> str:
    """A run of text, escaped by hand (xml.sax.saxutils would import urllib and http: a
    third of the 公文's own time); characters XML cannot hold (control characters) are left
    out."""
    text = _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _paragraph(style: str, runs: str, extra: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>{runs}</w:p>'


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
    """The 公文's paragraph styles, written as XML in one go (python-docx's style calls cost
    more than the rest of the document); each part's style id."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    _default_size(document)
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    east_asian(normal.element, BODY_FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    specs = {  # font, size, alignment, first-line indent in characters
        Part.DOC_NO: (BODY_FONT, BODY_PT, "center", 0),
        Part.TITLE: (TITLE_FONT, TITLE_PT, "center", 0),
        Part.TO: (BODY_FONT, BODY_PT, "left", 0),
        Part.BODY: (BODY_FONT, BODY_PT, "both", 2),
        Part.H1: (H1_FONT, BODY_PT, "left", 2),
        Part.H2: (H2_FONT, BODY_PT, "left", 2),
        Part.SIGN: (BODY_FONT, BODY_PT, "right", 0),
        Part.DATE: (BODY_FONT, BODY_PT, "right", 0),
    }
    ids = {}
    root = document.styles.element
    for number, (part, (font, size, align, indent)) in enumerate(specs.items(), start=1):
        ids[part] = style_id = f"Gongwen{number}"
        keep = "<w:keepNext/>" if part in (Part.H1, Part.H2, Part.TITLE, Part.SIGN) else ""
        # The title and 文号 are set by their own spacing, off the body's 22-line grid.
        off_grid = part in (Part.TITLE, Part.DOC_NO)
        snap = '<w:snapToGrid w:val="0"/>' if off_grid else ""
        line = TITLE_PT * 30 if part is Part.TITLE else LINE_PITCH
        ind = (
            f'<w:ind w:firstLineChars="{indent * 100}" w:firstLine="{indent * BODY_PT * 20}"/>'
            if indent
            else f'<w:ind w:right="{4 * BODY_PT * 20}"/>'
            if part is Part.DATE
            else ""
        )
        spacing = "" if part is Part.TITLE else f'<w:spacing w:val="{round(CONDENSE_PT * 20)}"/>'
        root.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1"'
                f' w:styleId="{style_id}"><w:name w:val="{STYLES[part]}"/>'
                '<w:basedOn w:val="Normal"/><w:qFormat/>'
                f"<w:pPr>{keep}{snap}"
                f'<w:spacing w:line="{line}" w:lineRule="exact"/>{ind}<w:jc w:val="{align}"/>'
                f'</w:pPr><w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"/>'
                f'<w:b w:val="0"/><w:bCs w:val="0"/>{spacing}<w:sz w:val="{size * 2}"/>'
                f'<w:szCs w:val="{size * 2}"/></w:rPr></w:style>'
            )
        )
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
