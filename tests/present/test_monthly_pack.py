"""The 督查室's monthly pack read back as its readers get it: the 进展汇总 workbook, the 通报 as a
GB/T 9704 公文, the 催办通知, leader packs — contents and the layout facts that make them
print right (margins, fonts, grid, page numbers, borders, row heights, fills)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.shared import Length

from fenggong.sheetstyle import lines_in
from tests.cli.test_supervise import fill
from tests.conftest import Runner

#: (task, unit, period, status, progress, problems, next steps)
REPORTS = [
    (1, "发改", "2024-04", "序时推进", "完成选址", "", ""),
    (2, "工信", "2024-04", "滞后", "手续未办", "", ""),
    (2, "发改", "2024-04", "序时推进", "配合选址", "", ""),
    (3, "工信", "2024-04", "滞后", "未开工", "", ""),
    (5, "教育", "2024-04", "序时推进", "完成设计", "", ""),
    (1, "发改", "2024-05", "已完成", "已全部完成", "", ""),
    (2, "工信", "2024-05", "滞后", "手续仍未办结", "用地未落实", "协调县自然资源局"),
    (2, "发改", "2024-05", "超序时", "提前完成招商", "", ""),
    (4, "工信", "2024-05", "序时推进", "参加广交会", "", ""),
]


@pytest.fixture
def month(run_mini: Runner, tmp_cwd: Path) -> Runner:
    """The fixture plan with two months of reports: in May 3, 5 and 6 are not reported."""
    for task, unit, period, status, said, problem, step in REPORTS:
        args = ["progress", str(task), "--status", status, "--unit", unit, "--period", period]
        args += ["-m", said, "--problem", problem, "--next", step, "--by", "张三"]
        result = run_mini(*args)
        assert result.code == 0, result.err
    return run_mini


def cells(sheet: object) -> list[list[object]]:
    return [[c.value for c in row] for row in sheet.iter_rows()]  # type: ignore[attr-defined]


def test_summary_json_has_each_units_latest_report_and_light(month: Runner) -> None:
    result = month("summary", "--period", "2024-05", "-f", "json")
    assert result.code == 0, result.err
    lines = json.loads(result.out)["lines"]
    got = [(x["task"], x["unit"], x["period"], x["status"], x["light"]) for x in lines]
    assert got == [
        (1, "县发展改革局", "2024-05", "已完成", "绿"),
        # Each lead unit its own light: 工信 滞后 two periods running, 发改 ahead.
        (2, "县发展改革局", "2024-05", "超序时", "绿"),
        (2, "县工信商务局", "2024-05", "滞后", "红"),
        (3, "县工信商务局", "2024-04", "滞后", "红"),
        (4, "县工信商务局", "2024-05", "序时推进", "绿"),
        (5, "县教育局", "2024-04", "序时推进", "黄"),
        (6, "县委宣传部", None, None, "红"),
    ]
    second = lines[2]
    assert (second["problems"], second["next_steps"], second["reporter"]) == (
        "用地未落实",
        "协调县自然资源局",
        "张三",
    )


def test_summary_by_leader_lists_a_task_under_each_leader(month: Runner) -> None:
    result = month("summary", "--period", "2024-05", "--by", "leader", "-f", "csv")
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out)))[1:]
    assert [(r[0], r[1]) for r in rows] == [
        ("张三", "1"),
        ("张三", "2"),
        ("张三", "2"),
        ("李四", "2"),
        ("李四", "2"),
        ("李四", "3"),
        ("李四", "4"),
        ("王五", "5"),
        ("王五", "6"),
    ]


def test_summary_xlsx_prints_right(month: Runner, tmp_cwd: Path) -> None:
    result = month("summary", "--period", "2024-05", "-o", "汇总.xlsx")
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(tmp_cwd / "汇总.xlsx")
    assert book.sheetnames == ["2024年5月重点任务进展汇总（按牵头单位）", "历史"]
    sheet = book.worksheets[0]
    rows = cells(sheet)
    assert rows[1] == [
        "牵头单位",
        "序号",
        "任务",
        "灯",
        "状态及亮灯原因",
        "本期进展情况",
        "存在问题",
        "下一步措施",
        "填报人及记入时间",
    ]
    assert [r[:2] for r in rows[2:9]] == [
        ["县发展改革局", 1],
        ["县发展改革局", 2],
        ["县工信商务局", 2],
        ["县工信商务局", 3],
        ["县工信商务局", 4],
        ["县教育局", 5],
        ["县委宣传部", 6],
    ]
    assert rows[5][4] == "滞后（2024-04 报）；连续两期滞后或未报送"
    assert rows[8][4] == "未报送；连续两期滞后或未报送"  # why red, not just 未报送
    # A single name's header (up to 8 characters) stays on one line: no 填报人及记入时/间.
    for column, header in (("E", "状态及亮灯原因"), ("I", "填报人及记入时间")):
        assert lines_in(header, sheet.column_dimensions[column].width) == 1, header
    assert rows[-1][0].startswith("图例：红灯")  # the legend under the table
    table = list(sheet.iter_rows(min_row=2, max_row=9))
    for row in table:
        for cell in row:
            assert cell.border.left.style == "thin", cell.coordinate
            assert cell.border.bottom.style == "thin", cell.coordinate
            assert cell.alignment.vertical == "top", cell.coordinate
            assert cell.font.name in ("宋体", "黑体"), cell.coordinate
            assert cell.font.size >= 9
    assert [c.font.name for c in table[0]] == ["黑体"] * 9
    assert sheet["A1"].font.name == "黑体"
    assert any(str(r) == "A1:I1" for r in sheet.merged_cells.ranges)  # the title never clipped
    assert all(sheet.row_dimensions[r].height for r in range(1, 10))
    long = next(r for r in range(3, 10) if sheet.cell(r, 6).value == "手续仍未办结")
    assert sheet.row_dimensions[long].height >= sheet.row_dimensions[3].height
    fills = {sheet.cell(r, 4).value: sheet.cell(r, 4).fill.fgColor.rgb for r in range(3, 10)}
    assert fills == {"绿": "00A9D18E", "黄": "00FFE066", "红": "00FF8A8A"}
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert sheet.page_setup.orientation == "landscape"
    assert 11 * sheet.page_setup.scale / 100 >= 9
    history = cells(book["历史"])
    assert history[1] == ["序号", "任务", "牵头单位", "2024年4月", "2024年5月"]
    assert history[3][2:] == ["县工信商务局", "滞后", "滞后"]
    assert history[4][2:] == ["县发展改革局", "序时推进", "超序时"]
    assert history[8][2:] == ["县委宣传部", None, None]


def test_summary_split_by_leader_writes_a_file_each(month: Runner, tmp_cwd: Path) -> None:
    result = month("summary", "--period", "2024-05", "--split-by", "leader", "-o", "领导")
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_cwd / "领导").iterdir()) == sorted(
        f"{n}2024-05进展汇总.xlsx" for n in ("张三", "李四", "王五")
    )
    sheet = openpyxl.load_workbook(tmp_cwd / "领导" / "王五2024-05进展汇总.xlsx").worksheets[0]
    assert [r[1] for r in cells(sheet)[2:4]] == [5, 6]
    again = month("summary", "--period", "2024-05", "--split-by", "leader", "-o", "领导")
    assert again.code == 2  # nothing overwritten without --force
    assert "文件已存在，加 --force 覆盖" in again.err


def test_summary_without_a_store_says_what_to_do(run_mini: Runner, tmp_cwd: Path) -> None:
    result = run_mini("summary", "--period", "2024-05")
    assert result.code == 2
    assert "还没有进展库" in result.err
    assert "collect" in result.err


def notice_file(month: Runner, tmp_cwd: Path, *extra: str) -> docx.document.Document:
    args = ("notice", "--period", "2024-05", "--as-of", "2024-06-05", "-o", "通报.docx")
    result = month(*args, "--issuer", "测试县委督查室", *extra)
    assert result.code == 0, result.err
    return docx.Document(str(tmp_cwd / "通报.docx"))


def style_font(paragraph: object) -> tuple[str | None, float | None, bool | None]:
    """A paragraph's East Asian font, size (pt) and bold, through its style chain."""
    style = paragraph.style  # type: ignore[attr-defined]
    font = size = bold = None
    while style is not None:
        properties = style.element.rPr
        if font is None and properties is not None and properties.rFonts is not None:
            font = properties.rFonts.get(qn("w:eastAsia"))
        if size is None and style.font.size is not None:
            size = style.font.size.pt
        if bold is None and style.font.bold is not None:
            bold = style.font.bold
        style = style.base_style
    return font, size, bold


def test_notice_is_a_gongwen(month: Runner, tmp_cwd: Path) -> None:
    document = notice_file(month, tmp_cwd, "--doc-no", "测督〔2024〕5号", "--date", "2024-06-05")
    section = document.sections[0]
    assert [round(Length(x).mm) for x in (section.page_width, section.page_height)] == [210, 297]
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [37, 35]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [28, 26]
    wide = section.page_width - section.left_margin - section.right_margin
    high = section.page_height - section.top_margin - section.bottom_margin
    assert [round(Length(x).mm) for x in (wide, high)] == [156, 225]  # 版心
    grid = section._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:linePitch")), grid.get(qn("w:charSpace"))) == ("579", "-848")
    texts = [p.text for p in document.paragraphs]
    assert texts[:4] == ["测督〔2024〕5号", "", "关于2024年5月重点任务\n落实情况的督查通报", ""]
    assert texts[4] == "各牵头单位："
    title = document.paragraphs[2]
    assert style_font(title) == ("方正小标宋简体", 22, False)
    assert title.style.paragraph_format.alignment == 1  # centred
    body = document.paragraphs[5]
    assert style_font(body) == ("仿宋", 16, False)
    indent = body.style.element.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"
    heads = [p for p in document.paragraphs if p.style.name == "一级标题"]
    assert [p.text for p in heads] == [
        "一、总体情况",
        "二、工作成效",
        "三、滞后和超期的任务",
        "四、未按时报送的单位",
        "五、下一步要求",
    ]
    assert style_font(heads[0]) == ("黑体", 16, False)
    assert all(p.style.paragraph_format.keep_with_next for p in heads)
    assert "县发展改革局：第1项已完成，第2项（本单位牵头部分）超序时推进。" in texts
    behind = next(t for t in texts if t.startswith("1. 第2项"))
    assert "存在问题：用地未落实。下一步措施：协调县自然资源局。" in behind
    assert any(t.startswith("截至2024年6月5日，以下单位未报送2024年5月进展情况：") for t in texts)
    assert texts[-2:] == ["测试县委督查室", "2024年6月5日"]
    assert document.paragraphs[-1].style.paragraph_format.alignment == 2  # right
    table = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    )
    assert '<w:altName w:val="宋体"/>' in table.blob.decode()


def test_notice_page_numbers_alternate_sides(month: Runner, tmp_cwd: Path) -> None:
    document = notice_file(month, tmp_cwd)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align in ((section.footer, 2), (section.even_page_footer, 0)):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        xml = paragraph._p.xml
        assert "PAGE" in "".join(paragraph._p.itertext())
        assert 'w:fldCharType="begin"' in xml
        assert 'w:fldCharType="end"' in xml
        assert paragraph.text.startswith("— ")
        assert paragraph.text.endswith(" —")
        assert {r.font.size.pt for r in paragraph.runs} == {14}


def test_notice_without_issuer_leaves_a_visible_blank(month: Runner, tmp_cwd: Path) -> None:
    args = ("notice", "--period", "2024-05", "--as-of", "2024-06-05", "-o", "n.docx")
    result = month(*args)
    assert result.code == 0
    assert "署名处留了「（发文机关署名）」待填" in result.err
    assert docx.Document(str(tmp_cwd / "n.docx")).paragraphs[-2].text == "（发文机关署名）"


def test_notice_split_by_leader(month: Runner, tmp_cwd: Path) -> None:
    args = ("notice", "--period", "2024-05", "--as-of", "2024-06-05", "--split-by", "leader")
    result = month(*args, "--issuer", "督查室", "-o", "通报")
    assert result.code == 0, result.err
    names = sorted(p.name for p in (tmp_cwd / "通报").iterdir())
    assert names == sorted(f"{n}2024-05督查通报.docx" for n in ("张三", "李四", "王五"))
    texts = [
        p.text for p in docx.Document(str(tmp_cwd / "通报" / "王五2024-05督查通报.docx")).paragraphs
    ]
    assert texts[0] == "关于2024年5月重点任务落实情况\n（王五同志分管）的督查通报"
    assert any("纳入督查的重点任务共2项" in t for t in texts)


def test_remind_writes_a_notice_per_unit(month: Runner, tmp_cwd: Path) -> None:
    args = ("remind", "--period", "2024-05", "--as-of", "2024-06-05", "--by-date", "2024-06-08")
    result = month(*args, "--issuer", "督查室", "-o", "催办")
    assert result.code == 0, result.err
    names = sorted(p.name for p in (tmp_cwd / "催办").iterdir())
    assert names == sorted(
        f"{u}2024-05催办通知.docx" for u in ("县工信商务局", "县教育局", "县委宣传部")
    )
    document = docx.Document(str(tmp_cwd / "催办" / "县工信商务局2024-05催办通知.docx"))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == [
        "关于报送2024年5月\n重点任务进展情况的催办通知",
        "县工信商务局：",
        "你单位牵头的以下1项重点任务尚未报送2024年5月进展情况：",
        "1. 第3项：=SUM(A1)稳定外贸，不是公式。",
        "你单位牵头的以下1项重点任务进度滞后或已超期：",
        "1. 第2项：建设东镇产业园，引进企业。（2024年5月滞后）",
        "请于2024年6月8日前通过工作台账报送2024年5月进展情况，滞后和超期的任务写明存在问题和下一步措施。",
        "督查室",
        "2024年6月5日",
    ]
    footer = document.sections[0].footer.paragraphs[0]
    assert "PAGE" in "".join(footer._p.itertext())


def test_remind_as_text_to_paste(month: Runner) -> None:
    result = month("remind", "--period", "2024-05", "--as-of", "2024-06-05", "-f", "md")
    assert result.code == 0, result.err
    blocks = result.out.split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [
        "【催办】县工信商务局：",
        "【催办】县教育局：",
        "【催办】县委宣传部：",
    ]
    assert blocks[1].splitlines()[1:] == [
        "你单位牵头的以下1项重点任务尚未报送2024年5月进展情况：",
        "1. 第5项：新建学校，改善办学条件。",
        "请尽快通过工作台账报送2024年5月进展情况。",
    ]


def test_every_table_cell_of_a_workbook_is_bordered_top_aligned_and_named(
    run_mini: Runner, tmp_cwd: Path
) -> None:
    assert run_mini("deadline", "1", "2024-06-30").code == 0
    for args in (("tasks",), ("export",), ("status", "--as-of", "2024-06-01")):
        name = f"{args[0]}.xlsx"
        result = run_mini(*args, "-o", name)
        assert result.code == 0, result.err
        for sheet in openpyxl.load_workbook(tmp_cwd / name).worksheets:
            assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页", (name, sheet.title)
            width = sheet.max_column
            for row in sheet.iter_rows(min_row=2, max_col=width):
                if row[0].value is None or str(row[0].value).startswith("图例"):
                    continue
                for cell in row:
                    assert cell.border.top.style == "thin", (name, cell.coordinate)
                    assert cell.alignment.vertical == "top", (name, cell.coordinate)
                    assert cell.font.name in ("宋体", "黑体"), (name, cell.coordinate)
                assert sheet.row_dimensions[row[0].row].height
    tasks = openpyxl.load_workbook(tmp_cwd / "tasks.xlsx").active
    header = [c.value for c in tasks[2]]
    due = tasks.cell(3, header.index("截止日期") + 1)
    assert due.is_date
    assert due.value.date().isoformat() == "2024-06-30"
    assert due.number_format == "yyyy-mm-dd"


def test_the_ledger_prints_with_page_numbers(run_mini: Runner, tmp_cwd: Path) -> None:
    args = ("ledger", "--lead", "工信", "--period", "2024-05", "-o", "台账.xlsx")
    assert run_mini(*args).code == 0
    sheet = openpyxl.load_workbook(tmp_cwd / "台账.xlsx")["台账"]
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert sheet["B3"].border.left.style == "thin"
    assert sheet["B3"].font.name == "宋体"
    assert sheet["A3"].alignment.vertical == "top"
    assert sheet["E2"].value == "完成时限"
    assert sheet["E3"].is_date  # a date Excel filters and sorts by …
    assert sheet["E3"].number_format == "yyyy-mm-dd"
    fill(tmp_cwd / "台账.xlsx", {3: ("已开工", "序时推进", "张三")})
    done = run_mini("collect", "台账.xlsx")  # … and collect still reads it as the plan's
    assert done.code == 0, done.err
    assert sum(sheet.column_dimensions[c].width for c in "ABCDEFGHIJKL") <= 106


def test_word_tables_keep_names_whole_and_rows_unsplit(run: Runner, tmp_cwd: Path) -> None:
    assert run("tasks", "--lead", "住建", "-o", "住建.docx").code == 0
    document = docx.Document(str(tmp_cwd / "住建.docx"))
    footer = document.sections[0].footer.paragraphs[0]
    assert "PAGE" in "".join(footer._p.itertext())
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    units = header.index("牵头单位")
    width_cm = table.columns[units].width.cm
    assert width_cm >= len("县住房城乡建设局") * 10.5 * 0.0353  # the longest name fits a line
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert all(
        table.columns[i].width.cm >= min(len(h), 4) * 10.5 * 0.0353 for i, h in enumerate(header)
    )  # no header one character a line
    assert all(
        "\n" not in name for row in table.rows[1:] for name in row.cells[units].text.split("、")
    )


def pdf_of(files: list[Path], folder: Path) -> dict[str, list[str]]:
    """Each file rendered by LibreOffice, as the text of its pages."""
    import shutil
    import subprocess

    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) is not installed")
    profile = folder / "lo-profile"
    folder.mkdir(parents=True, exist_ok=True)
    # Render with CJK fonts where the office's names (宋体, 黑体, 仿宋…) would be.
    aliases = "".join(
        f"<alias><family>{name}</family><prefer><family>{font}</family></prefer></alias>"
        for name, font in (
            ("宋体", "Noto Serif CJK SC"),
            ("仿宋", "Noto Serif CJK SC"),
            ("楷体", "Noto Serif CJK SC"),
            ("方正小标宋简体", "Noto Serif CJK SC"),
            ("黑体", "Noto Sans CJK SC"),
        )
    )
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf'
        f"</include>{aliases}</fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )
    pages = {}
    for file in files:
        pdf = folder / (file.stem + ".pdf")
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        pages[file.name] = text.split("\f")[:-1]
    return pages


def test_libreoffice_prints_each_kind_of_file(month: Runner, run: Runner, tmp_cwd: Path) -> None:
    period = ("--period", "2024-05", "--as-of", "2024-06-05")
    for args in (
        ("summary", *period, "-o", "汇总.xlsx"),
        ("notice", *period, "--issuer", "督查室", "-o", "通报.docx"),
        ("remind", *period, "--issuer", "督查室", "-o", "催办"),
        ("ledger", "--lead", "工信", "--period", "2024-06", "-o", "台账.xlsx"),
        ("tasks", "-o", "任务.docx"),
        ("tasks", "-o", "任务.xlsx"),
    ):
        assert month(*args).code == 0, args
    assert run("brief", "住建", "-o", "住建.docx").code == 0  # the real plan's title, portrait
    remind = tmp_cwd / "催办" / "县教育局2024-05催办通知.docx"
    names = ["汇总.xlsx", "通报.docx", "台账.xlsx", "任务.docx", "任务.xlsx", "住建.docx"]
    pages = pdf_of([*(tmp_cwd / n for n in names), remind], tmp_cwd / "pdf")
    assert len(pages[remind.name]) == 1  # a 催办通知 is one page
    assert 1 <= len(pages["通报.docx"]) <= 3
    # Every column prints on the first page (nothing spills onto a page of its own).
    assert "填报人" in pages["汇总.xlsx"][0]  # the last column's header
    assert "填报人" in pages["台账.xlsx"][0]
    assert "相关责任单位" in pages["任务.xlsx"][0]
    assert re.search(r"第\s*1\s*页\s*共\s*\d+\s*页", pages["汇总.xlsx"][0])
    assert re.search(r"—\s*1\s*—", pages["通报.docx"][0])
    for name, texts in pages.items():
        lines = [line.strip() for page in texts for line in page.splitlines()]
        assert "号）" not in lines, name  # no title leaves 号） alone on a line


def test_show_lists_the_reports_period_by_period(month: Runner) -> None:
    result = month("show", "2", "-f", "table")
    assert result.code == 0, result.err
    out = " ".join(result.out.split())
    assert out.index("2024-04 县发展改革局 序时推进；进展：配合选址（张三，") < out.index(
        "2024-04 县工信商务局 滞后；进展：手续未办（张三，"
    )
    assert (
        "2024-05 县工信商务局 滞后；进展：手续仍未办结；存在问题：用地未落实；"
        "下一步措施：协调县自然资源局（张三，"
    ) in out
    assert "尚无报送" in " ".join(month("show", "6", "-f", "table").out.split())


def test_a_gongwen_holds_any_text() -> None:
    from fenggong.present.answers.notice import Part
    from fenggong.present.render.gongwen import gongwen_docx

    data = gongwen_docx(
        [
            (Part.TITLE, "关于\x1b测试的通报"),
            (Part.BODY, "a<b>&\x07c"),
            (Part.SIGN, "督查室"),
            (Part.DATE, "2023年6月5日"),
        ]
    )
    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    assert [p.text for p in paragraphs] == [
        "关于测试的通报",
        "",
        "a<b>&c",
        "",
        "",
        "督查室",
        "2023年6月5日",
    ]
    assert paragraphs[2].paragraph_format.keep_with_next  # the last words go with the 署名
    assert round(paragraphs[5].paragraph_format.right_indent.pt) == 16 * (4 + 3)  # over the date


def test_status_split_by_leader_writes_each_leader_their_lights(
    month: Runner, tmp_cwd: Path
) -> None:
    args = ("status", "--period", "2024-05", "--as-of", "2024-06-05", "--by", "task")
    result = month(*args, "--split-by", "leader", "-o", "亮灯", "-f", "csv")
    assert result.code == 0, result.err
    assert "已写出 3 份分管领导亮灯表" in result.err
    folder = tmp_cwd / "亮灯"
    names = ("张三", "李四", "王五")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}2024-05亮灯.csv" for n in names)
    # 王五 leads the oversight of tasks 5 and 6 only: the same lights as the whole plan's.
    whole = month(*args, "-f", "json")
    lit = {x["id"]: x["light"] for x in json.loads(whole.out)["tasks"]}
    mine = (folder / "王五2024-05亮灯.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(mine)))
    ids = {int(r[0]) for r in rows if r and r[0].isdecimal()}
    assert (lit[5], lit[6]) == ("黄", "红")  # 5 not reported in May; 6 never reported
    assert ids == {5, 6}
    assert "张三" not in mine  # and none of another leader's tasks
    other = (folder / "张三2024-05亮灯.csv").read_text(encoding="utf-8-sig")
    assert ids.isdisjoint(
        int(r[0]) for r in csv.reader(io.StringIO(other)) if r and r[0].isdecimal()
    )


def _reported(run: Runner, rows: list[tuple[int, str, str, str]]) -> Runner:
    for task, unit, period, status in rows:
        args = ("progress", str(task), "--status", status, "--unit", unit, "--period", period)
        result = run(*args, "-m", "进展", "--by", "张三")
        assert result.code == 0, result.err
    return run


def test_a_co_lead_that_did_not_report_leaves_the_task_unreported_in_every_format(
    run_mini: Runner, tmp_cwd: Path
) -> None:
    # May: task 2's co-lead 发改 did not report (工信 did: 滞后); 3, 5 and 6 nobody did.
    run = _reported(
        run_mini,
        [
            (1, "发改", "2024-05", "已完成"),
            (2, "工信", "2024-05", "滞后"),
            (4, "工信", "2024-05", "序时推进"),
        ],
    )
    args = ("notice", "--period", "2024-05", "--as-of", "2024-06-05")
    md = run(*args, "-f", "md")
    assert md.code == 0, md.err
    assert "已报送 2 项、未报送 4 项" in md.out
    assert run(*args, "-o", "n.docx").code == 0
    text = "".join(p.text for p in docx.Document(str(tmp_cwd / "n.docx")).paragraphs)
    assert "已报送2项，未报送4项" in text
    assert "未报送4项" in text.split("按报送状态：")[1]  # the status counts say the same


def test_the_gongwen_lists_a_task_reopened_after_its_done(run_mini: Runner, tmp_cwd: Path) -> None:
    run = _reported(
        run_mini, [(1, "发改", "2024-04", "已完成"), (1, "发改", "2024-05", "序时推进")]
    )
    args = ("notice", "--period", "2024-05", "--as-of", "2024-06-05", "-o", "n.docx")
    assert run(*args).code == 0
    text = "".join(p.text for p in docx.Document(str(tmp_cwd / "n.docx")).paragraphs)
    assert (
        "以下任务此前报送已完成，2024年5月报送未完成，按未完成督办：第1项（县发展改革局）。" in text
    )


def test_show_as_of_a_day_lists_only_the_reports_begun_by_then(month: Runner) -> None:
    shown = month("show", "2", "--as-of", "2024-04-20", "-f", "table")  # on screen
    assert shown.code == 0, shown.err
    assert "2024-04 县工信商务局" in shown.out
    assert "2024-05" not in shown.out  # May's reports came after the day asked about
    assert "2024-05 县工信商务局" in month("show", "2", "--as-of", "2024-06-05", "-f", "table").out


def test_a_brief_as_of_a_day_says_so_in_the_document(run_mini: Runner, tmp_cwd: Path) -> None:
    assert run_mini("brief", "工信", "--as-of", "2024-06-05", "-o", "b.docx").code == 0
    texts = [p.text for p in docx.Document(str(tmp_cwd / "b.docx")).paragraphs]
    assert any("截至 2024-06-05，制表日期：" in t for t in texts)
    assert run_mini("brief", "工信", "-o", "c.docx").code == 0
    plain = [p.text for p in docx.Document(str(tmp_cwd / "c.docx")).paragraphs]
    assert not any("截至" in t for t in plain)


@pytest.mark.parametrize("period", ["2024-05", "2024-Q2"])
def test_tasks_by_light_for_a_period_agree_with_status(month: Runner, period: str) -> None:
    day = ("--as-of", "2024-06-05", "--period", period)
    whole = month("status", *day, "--by", "task", "-f", "json")
    assert whole.code == 0, whole.err
    lit = {x["id"]: x["light"] for x in json.loads(whole.out)["tasks"]}
    for light in ("红", "黄"):
        found = month("tasks", "--light", light, *day, "--columns", "序号", "-f", "csv")
        ids = {int(r) for r in found.out.split()[1:]}
        assert ids == {i for i, x in lit.items() if x == light}, (light, found.err)


def test_no_task_of_a_light_in_a_named_period_says_which_period(month: Runner) -> None:
    day = ("--as-of", "2024-06-05", "--period", "2024-Q2")
    result = month("tasks", "--light", "蓝", *day)
    assert (result.code, result.out) == (1, "")
    assert "和报送期 2024-Q2 算" in result.err


def test_a_quarter_names_the_month_each_light_rests_on(month: Runner, tmp_cwd: Path) -> None:
    # In 2024-Q2 each unit's last report in the quarter counts: 工信 reported task 2 滞后 in
    # April and May, task 3 滞后 in April only; 宣传部 nothing. The 督查室 reads which month.
    args = ("--period", "2024-Q2", "--as-of", "2024-06-30")
    status = json.loads(month("status", "--by", "task", *args, "-f", "json").out)
    assert [(t["id"], t["light"], t["reason"]) for t in status["tasks"]] == [
        (1, "绿", "已完成"),
        (2, "黄", "县工信商务局：2024-05 滞后"),
        (3, "黄", "2024-04 滞后"),
        (4, "绿", "序时推进"),
        (5, "绿", "序时推进"),
        (6, "黄", "2024-Q2 未报送"),
    ]
    notice = month("notice", *args, "-f", "md").out  # the same words as status
    assert (
        "| 2 | 建设东镇产业园，引进企业。 | 县工信商务局、县发展改革局 | 张三、李四 "
        "| 县工信商务局：2024-05 滞后 | 县工信商务局 |"
    ) in notice
    assert "| 3 | =SUM(A1)稳定外贸，不是公式。 | 县工信商务局 | 李四 | 2024-04 滞后 |" in notice
    assert month("notice", *args, "--issuer", "测试县委督查室", "-o", "通报.docx").code == 0
    texts = [p.text for p in docx.Document(str(tmp_cwd / "通报.docx")).paragraphs]
    assert [t for t in texts if t[:4] in ("1. 第", "2. 第")] == [
        "1. 第2项：建设东镇产业园，引进企业（牵头单位：县工信商务局、县发展改革局；责任领导："
        "张三、李四）。县工信商务局：2024年5月滞后。存在问题：用地未落实。"
        "下一步措施：协调县自然资源局。",
        "2. 第3项：=SUM(A1)稳定外贸，不是公式（牵头单位：县工信商务局；责任领导：李四）。"
        "2024年4月滞后。未填写存在问题。",
    ]
    summary = list(csv.reader(io.StringIO(month("summary", *args, "-f", "csv").out)))
    assert [(r[0], r[1], r[3], r[4]) for r in summary[1:]] == [
        ("县发展改革局", "1", "绿", "已完成（2024-05 报）"),
        ("县发展改革局", "2", "绿", "超序时（2024-05 报）"),
        ("县工信商务局", "2", "黄", "滞后（2024-05 报）"),
        ("县工信商务局", "3", "黄", "滞后（2024-04 报）"),
        ("县工信商务局", "4", "绿", "序时推进（2024-05 报）"),
        ("县教育局", "5", "绿", "序时推进（2024-04 报）"),
        ("县委宣传部", "6", "黄", "未报送"),
    ]
    remind = month("remind", *args).out
    assert "1. 第2项：建设东镇产业园，引进企业。（2024年5月滞后）\n" in remind
    assert "2. 第3项：=SUM(A1)稳定外贸，不是公式。（2024年4月滞后）\n" in remind


def test_a_gongwen_writes_a_deadline_as_a_day(month: Runner, tmp_cwd: Path) -> None:
    # Deadlines in the 通报's own month: 2024-05-20 is a day, not 2024年5月-20.
    for task in ("4", "5"):
        assert month("deadline", task, "2024-05-20").code == 0
    args = ("notice", "--period", "2024-05", "--as-of", "2024-06-05", "-o", "通报.docx")
    assert month(*args, "--issuer", "测试县委督查室").code == 0
    texts = [p.text for p in docx.Document(str(tmp_cwd / "通报.docx")).paragraphs]
    (overdue,) = [t for t in texts if t.startswith("2. 第5项")]
    assert overdue.endswith(
        "（牵头单位：县教育局；责任领导：王五）。已超期（截止 2024年5月20日）。未填写存在问题。"
    )
    remind = month("remind", "--period", "2024-05", "--as-of", "2024-06-05").out
    assert "2. 第4项：推动外贸企业参展。（已超期（截止 2024年5月20日））\n" in remind
