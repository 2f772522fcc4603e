"""Excel and Word files as a clerk gets them, opened with the libraries their users' files
are read by: contents in order, and the properties that save fixing them by hand."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from fenggong.plan.model import Plan
from tests.conftest import MINI, Runner


def workbook(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


def test_tasks_xlsx_has_every_task_in_order_and_the_clerks_settings(
    run: Runner, tmp_cwd: Path, plan: Plan
) -> None:
    result = run("tasks", "--lead", "工信", "-o", "工信.xlsx")
    assert (result.code, result.out) == (0, "")
    book = workbook(tmp_cwd / "工信.xlsx")
    assert book.sheetnames == ["县工信商务局牵头的任务"]
    sheet = book.active
    assert sheet is not None
    assert (
        sheet["A1"].value
        # Too long for one line: the plan goes on a line of its own, never broken anywhere.
        == "县工信商务局牵头的任务\n（2023年县《政府工作报告》重点任务分工方案（新府〔2023〕28号））"
    )
    header = [c.value for c in sheet[2]]
    assert header == [
        "序号",
        "大类",
        "大类名称",
        "大项编号",
        "大项",
        "任务",
        "责任领导",
        "牵头单位",
        "相关责任单位",
    ]
    ids = [row[0].value for row in sheet.iter_rows(min_row=3)]
    assert ids == [2, 3, 5, 7, 12, 13, 14, 15, 16, 17, 18, 65]
    assert all(isinstance(i, int) for i in ids)
    task = plan.task(2)
    assert task is not None
    assert sheet["F3"].value == task.text
    assert sheet["H3"].value == "、".join(task.lead_units)
    assert all(c.font.bold for c in sheet[2])
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:I14"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4  # 9: A4
    # Printed at full size (no shrinking under 9 pt): the columns fit A4 landscape …
    assert not (sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage)
    scale = sheet.page_setup.scale
    assert 11 * scale / 100 >= 9  # 11 pt type never printed under 9 pt …
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHI"]
    assert sum(widths) * scale / 100 <= 106  # … and the table fits the page's width
    assert 24 <= sheet.column_dimensions["F"].width <= 60  # long task text narrowed …
    assert sheet["F3"].alignment.wrap_text  # … and wrapped
    assert sheet.column_dimensions["A"].width < 10
    assert 10 < sheet.column_dimensions["H"].width <= 40  # names fitted, CJK counted double


def test_a_cell_that_looks_like_a_formula_is_stored_as_text(
    run_mini: Runner, tmp_cwd: Path
) -> None:
    assert run_mini("tasks", "-o", "all.xlsx").code == 0
    sheet = workbook(tmp_cwd / "all.xlsx").active
    assert sheet is not None
    cell = next(c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=SUM"))
    assert cell.value == "=SUM(A1)稳定外贸，不是公式。"
    assert cell.data_type == "s"


def test_brief_xlsx_has_one_sheet_per_part(run: Runner, tmp_cwd: Path) -> None:
    assert run("brief", "住建", "-o", "住建.xlsx").code == 0
    names = workbook(tmp_cwd / "住建.xlsx").sheetnames
    assert names[:2] == ["摘要（括号内为任务数）", "牵头的任务"]
    summary = workbook(tmp_cwd / "住建.xlsx")[names[0]]
    rows = [[c.value for c in row] for row in summary.iter_rows()]
    first = rows[[r[0] for r in rows].index("项目") + 1]
    assert first[0] == "可邀请的单位"
    assert str(first[1]).startswith("县自然资源局（29）、县发展改革局（27）、县财政局（18）")
    assert all(len(n) <= 31 for n in names)
    assert len(set(names)) == len(names)


def test_every_table_command_writes_xlsx(run: Runner, tmp_cwd: Path) -> None:
    for args in (
        ("show", "57"),
        ("units",),
        ("leaders",),
        ("towns",),
        ("sections",),
        ("workload",),
        ("overlap", "发改", "工信"),
        ("overview",),
        ("export",),
    ):
        target = tmp_cwd / f"{args[0]}.xlsx"
        result = run(*args, "-o", str(target))
        assert result.code == 0, (args, result.err)
        assert workbook(target).sheetnames


def test_binary_output_is_never_written_to_a_terminal(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    result = run("tasks", "--lead", "工信", "--format", "xlsx")
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(
        "fenggong: xlsx 是二进制文件，不能显示在终端上；请加 -o 文件名.xlsx（或通过管道交给别的程序）\n"
    )


def test_a_pipe_gets_the_workbook(tmp_path: Path) -> None:
    from tests.conftest import run_process

    proc = run_process(["tasks", "--lead", "工信", "--format", "xlsx"])
    assert proc.returncode == 0, proc.stderr.decode()
    book = openpyxl.load_workbook(io.BytesIO(proc.stdout))
    assert book.sheetnames == ["县工信商务局牵头的任务"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-f", "csv", "-o", "x.xlsx"), "--format csv 与 -o x.xlsx 的扩展名不一致；请只用其中一个"),
        (("-f", "xlsx", "-o", "x.csv"), "--format xlsx 与 -o x.csv 的扩展名不一致；请只用其中一个"),
        (("-f", "docx", "-o", "x.txt"), "--format docx 与 -o x.txt 的扩展名不一致；请只用其中一个"),
    ],
)
def test_format_and_extension_that_disagree_are_refused(
    run: Runner, tmp_cwd: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("tasks", "--lead", "工信", *args)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(f"fenggong: {message}\n")
    assert list(tmp_cwd.iterdir()) == []


def test_office_files_follow_the_umask(run: Runner, tmp_cwd: Path) -> None:
    old = os.umask(0o022)
    try:
        assert run("tasks", "-o", "a.xlsx").code == 0
        assert run("brief", "住建", "-o", "b.docx").code == 0
    finally:
        os.umask(old)
    for name in ("a.xlsx", "b.docx"):
        assert stat.S_IMODE((tmp_cwd / name).stat().st_mode) == 0o644


def east_asian(paragraph: object) -> str | None:
    """The East Asian font a paragraph's text is set in, through its style."""
    style = paragraph.style  # type: ignore[attr-defined]
    while style is not None:
        properties = style.element.rPr
        if properties is not None and properties.rFonts is not None:
            found = properties.rFonts.get(qn("w:eastAsia"))
            if found:
                return str(found)
        style = style.base_style
    return None


def test_brief_docx_for_the_meeting(run: Runner, tmp_cwd: Path, plan: Plan) -> None:
    assert run("brief", "住建", "-o", "住建.docx").code == 0
    document = docx.Document(str(tmp_cwd / "住建.docx"))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) in (21.0, 29.7)
    assert {round(section.page_width.cm, 1), round(section.page_height.cm, 1)} == {21.0, 29.7}
    texts = [p.text for p in document.paragraphs]
    # The 文号 on a line of its own: never 号） alone on the next.
    assert texts[0] == "2023年县《政府工作报告》重点任务分工方案\n（新府〔2023〕28号）"
    assert texts[1].startswith("县住房城乡建设局（单位）工作简报（制表日期：")
    assert texts[2] == "县住房城乡建设局（单位）工作简报"
    assert texts[3].startswith("牵头 9 项；")  # the summary comes before the tables
    assert east_asian(document.paragraphs[0]) == "黑体"
    assert east_asian(document.paragraphs[2]) == "黑体"
    assert east_asian(document.paragraphs[3]) == "仿宋"
    summary = document.tables[0]
    assert [c.text for c in summary.columns[0].cells] == [
        "项目",
        "可邀请的单位",
        "对口领导",
        "涉及的镇",
    ]
    first = document.tables[1]
    assert [c.text for c in first.rows[0].cells] == [
        "序号",
        "任务",
        "责任领导",
        "牵头单位",
        "相关责任单位",
    ]
    header = first.rows[0]._tr.trPr
    assert header is not None
    assert header.find(qn("w:tblHeader")) is not None
    led = [t.id for t in plan.tasks if "县住房城乡建设局" in t.lead_units]
    assert [int(r.cells[0].text) for r in first.rows[1:]] == led
    assert east_asian(first.rows[1].cells[1].paragraphs[0]) == "宋体"
    assert east_asian(first.rows[0].cells[1].paragraphs[0]) == "黑体"


def test_tasks_docx_is_a_landscape_task_table(run: Runner, tmp_cwd: Path) -> None:
    assert run("tasks", "--lead", "工信", "-o", "工信.docx").code == 0
    document = docx.Document(str(tmp_cwd / "工信.docx"))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[0]
    assert [int(r.cells[0].text) for r in table.rows[1:]] == [
        2,
        3,
        5,
        7,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
        65,
    ]


def test_show_and_overlap_docx(run: Runner, tmp_cwd: Path) -> None:
    assert run("show", "57", "-o", "57.docx").code == 0
    document = docx.Document(str(tmp_cwd / "57.docx"))
    labels = [r.cells[0].text for r in document.tables[0].rows]
    assert labels[:4] == ["序号", "大类", "大项", "任务"]
    assert run("overlap", "发改", "工信", "-o", "ov.docx").code == 0
    assert docx.Document(str(tmp_cwd / "ov.docx")).tables


def test_the_mini_plan_in_word(run_mini: Runner, tmp_cwd: Path) -> None:
    assert run_mini("tasks", "-o", "m.docx").code == 0
    assert MINI.exists()


def test_an_exported_workbook_imports_back_to_the_same_dataset(run: Runner, tmp_cwd: Path) -> None:
    from tests.conftest import DATA

    assert run("export", "-o", "plan.xlsx").code == 0
    assert workbook(tmp_cwd / "plan.xlsx").sheetnames == [
        "任务", "方案信息", "大类", "大项", "责任领导", "单位", "镇", "拼音首字母",
    ]  # fmt: skip
    result = run("import", "plan.xlsx", "-o", "back.toml")
    assert result.code == 0, result.err
    assert (tmp_cwd / "back.toml").read_bytes() == DATA.read_bytes()


def test_a_clerks_edit_in_the_workbook_comes_back(run: Runner, tmp_cwd: Path) -> None:
    from fenggong.plan.load import load_plan

    assert run("export", "-o", "plan.xlsx").code == 0
    book = workbook(tmp_cwd / "plan.xlsx")
    sheet = book["任务"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == 57)
    header = [c.value for c in sheet[2]]
    assert header[:4] == ["序号", "大类", "大项编号", "任务"]  # titles live on their own sheets
    row[header.index("任务")].value = "新的任务表述。"
    book.save(tmp_cwd / "plan.xlsx")
    assert run("import", "plan.xlsx", "-o", "back.toml").code == 0
    task = load_plan(tmp_cwd / "back.toml").task(57)
    assert task is not None
    assert task.text == "新的任务表述。"
