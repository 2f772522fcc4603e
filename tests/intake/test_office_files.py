"""Plans as Word and Excel attachments, built here with python-docx and openpyxl: merged
cells, line breaks inside cells, letter-spaced headers, extra columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fenggong.intake.readers import read_plan
from fenggong.plan.load import load_plan
from tests.conftest import SHARED, Runner

HEADER = ["序 号", "任 务 名 称", "分管\n领导", "牵头部门", "配合单位", "完成时限"]
ROWS = [
    ["一、稳住经济大盘", "", "", "", "", ""],
    ["1", "推进重点项目建设。", "张三\n李四", "县发改局", "县财政局、县自然资源局", "年底前"],
    ["2", "=SUM(A1)稳定外贸。", "张三", "县发改局", "县商务局等", "6月底前"],
    ["3", "抓好粮食生产。", "王五", "县农业农村局", "各镇人民政府", "持续推进"],
]


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某县2024年重点任务分工方案")
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(1, len(HEADER) - 1))  # the heading row spans the table
    lead = table.cell(2, 3).merge(table.cell(3, 3))  # one lead unit for two tasks
    lead.text = "县发改局"
    document.save(str(path))


def make_xlsx(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "分工"
    sheet.append(["某县2024年重点任务分工方案"])
    sheet.append(["大 类", *HEADER])
    for row in ROWS[1:]:
        sheet.append(["一、稳住经济大盘", int(row[0]), *row[1:]])
    formula_like = sheet["C4"]
    formula_like.value = ROWS[2][1]
    formula_like.data_type = "s"  # typed in as text, as a clerk's cell would be
    sheet.merge_cells("A3:A5")  # the category column merged down
    sheet.merge_cells("E3:E4")  # one lead unit for two tasks
    book.create_sheet("说明").append(["这一页不是任务"])
    book.save(path)


def check_tasks(tasks: list[dict[str, object]]) -> None:
    assert [t["id"] for t in tasks] == [1, 2, 3]
    assert [t["text"] for t in tasks] == [
        "推进重点项目建设。",
        "=SUM(A1)稳定外贸。",
        "抓好粮食生产。",
    ]
    assert [t["leaders"] for t in tasks] == [["张三", "李四"], ["张三"], ["王五"]]
    assert [t["lead_units"] for t in tasks] == [["县发改局"], ["县发改局"], ["县农业农村局"]]
    assert [t["related_units"] for t in tasks] == [
        ["县财政局", "县自然资源局"],
        ["县商务局"],
        ["各镇人民政府"],
    ]
    assert [t["extras"] for t in tasks] == [
        {"完成时限": "年底前"},
        {"完成时限": "6月底前"},
        {"完成时限": "持续推进"},
    ]


def test_docx_table_with_merged_cells_and_line_breaks(tmp_path: Path) -> None:
    make_docx(tmp_path / "plan.docx")
    result, layout = read_plan(tmp_path / "plan.docx", None)
    assert (
        layout
        == "表格（序号→序号，任务名称→任务，分管领导→责任领导，牵头部门→牵头单位，配合单位→相关责任单位，完成时限→其他列）"
    )
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    check_tasks(tasks)
    assert result.document["categories"] == [
        {"number": 1, "title": "稳住经济大盘", "declared_sections": 1}
    ]
    assert any("县商务局等" in p or "「等」" in p for p in result.problems)


def test_xlsx_first_sheet_with_merged_cells(tmp_path: Path) -> None:
    make_xlsx(tmp_path / "plan.xlsx")
    result, layout = read_plan(tmp_path / "plan.xlsx", None)
    assert layout.startswith("表格（大类→大类，序号→序号，任务名称→任务，")
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    check_tasks(tasks)


def test_xlsx_sheet_by_name(run: Runner, tmp_cwd: Path) -> None:
    make_xlsx(tmp_cwd / "plan.xlsx")
    result = run("import", "plan.xlsx", "--sheet", "没有这页")
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(
        "fenggong: plan.xlsx：没有名为「没有这页」的工作表（有：分工、说明）\n"
    )


def test_an_office_import_passes_check_through_the_cli(run: Runner, tmp_cwd: Path) -> None:
    make_docx(tmp_cwd / "plan.docx")
    result = run("import", "plan.docx", "-o", "plan.toml")
    assert result.code == 0, result.err
    assert run("check", "plan.toml").code == 0
    shown = run("show", "2", "--format", "md", data=tmp_cwd / "plan.toml")
    assert shown.code == 0


@pytest.mark.parametrize(
    ("suffix", "advice"),
    [
        # .doc, .wps, .et, .xls and .pdf are read now: tests/intake/test_other_formats.py
        (
            ".ofd",
            "OFD 读不出表格结构：请用原始的 Word/Excel 文件，或把表格复制到 .txt 文件后再导入",
        ),
    ],
)
def test_formats_to_save_as_another_get_one_line(
    run: Runner, tmp_cwd: Path, suffix: str, advice: str
) -> None:
    (tmp_cwd / f"plan{suffix}").write_bytes(b"\xd0\xcf\x11\xe0")
    result = run("import", f"plan{suffix}")
    assert (result.code, result.out) == (2, "")
    assert result.err == f"fenggong: plan{suffix}：不能直接读取 {suffix} 文件，{advice}\n"


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_corrupt_office_file_is_bad_data(run: Runner, tmp_cwd: Path, suffix: str) -> None:
    (tmp_cwd / f"plan{suffix}").write_bytes(b"PK\x03\x04 not really a zip")
    result = run("import", f"plan{suffix}")
    assert (result.code, result.out) == (3, "")
    assert result.err.startswith(f"fenggong: plan{suffix}：不是能读的 {suffix} 文件（")


@pytest.mark.shared
def test_utf16_text_as_excel_saves_unicode_text(tmp_path: Path) -> None:
    source = SHARED / "plans" / "nanling-2024" / "table.txt"
    path = tmp_path / "plan.txt"
    path.write_bytes(source.read_text(encoding="utf-8").encode("utf-16"))
    result, _ = read_plan(path, None)
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    assert [t["id"] for t in tasks] == [80, 81]


def test_dry_run_says_what_was_found_and_writes_nothing(run: Runner, tmp_cwd: Path) -> None:
    make_docx(tmp_cwd / "plan.docx")
    result = run("import", "plan.docx", "--dry-run", "-o", "plan.toml")
    assert result.code == 0
    assert result.out.splitlines()[:3] == [
        "格式：表格（序号→序号，任务名称→任务，分管领导→责任领导，牵头部门→牵头单位，配合单位→相关责任单位，完成时限→其他列）",
        "读到：1 个大类、1 个大项、3 项任务；3 位责任领导、6 个单位、0 个镇（街道）",
        "单位类别（推测）：县直部门和机构 5 个、集合指称 1 个",
    ]
    assert result.out.splitlines()[-1] == "（--dry-run：什么也没有写）"
    assert not (tmp_cwd / "plan.toml").exists()


def test_map_overrides_a_column(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "plan.csv").write_text(
        "序号,工作要点,主抓领导,主办,协办\n1,推进重点项目建设。,张三,县发改局,县财政局\n",
        encoding="utf-8",
    )
    assert run("import", "plan.csv", "--dry-run").code == 2
    result = run(
        "import",
        "plan.csv",
        "--map",
        "工作要点=任务",
        "--map",
        "主办=牵头单位",
        "--map",
        "协办=相关责任单位",
        "--dry-run",
    )
    assert result.code == 0, result.err
    assert result.out.startswith(
        "格式：表格（序号→序号，工作要点→任务，主抓领导→责任领导，主办→牵头单位，协办→相关责任单位）\n"
    )


def test_map_with_an_unknown_field_is_refused(run: Runner, tmp_cwd: Path) -> None:
    make_docx(tmp_cwd / "plan.docx")
    result = run("import", "plan.docx", "--map", "分管领导=领导人")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "fenggong: --map「分管领导=领导人」应写成 表头=字段，字段是 序号、任务、责任领导、牵头单位、"
        "相关责任单位、部门分工、大类、大项、大项编号、原文编号、其他列 之一\n"
    )


def test_deadlines_are_parsed_where_the_column_names_one(run: Runner, tmp_cwd: Path) -> None:
    make_docx(tmp_cwd / "plan.docx")
    assert run("import", "plan.docx", "-o", "plan.toml").code == 0
    plan = load_plan(tmp_cwd / "plan.toml")
    assert [t.deadline for t in plan.tasks] == [dt.date(2024, 12, 31), dt.date(2024, 6, 30), None]
    shown = run("show", "2", "--format", "table", data=tmp_cwd / "plan.toml")
    lines = [line.split() for line in shown.out.splitlines() if line.strip()]
    assert ["完成时限", "6月底前"] in lines
    assert ["截止日期", "2024-06-30"] in lines


@pytest.mark.parametrize(
    ("text", "year", "date"),
    [
        ("年底前", 2024, dt.date(2024, 12, 31)),
        ("6月底前", 2024, dt.date(2024, 6, 30)),
        ("2月底", 2024, dt.date(2024, 2, 29)),
        ("三季度末", 2023, dt.date(2023, 9, 30)),
        ("上半年", 2023, dt.date(2023, 6, 30)),
        ("2023年5月15日前", None, dt.date(2023, 5, 15)),
        ("2023年2月30日前", 2023, None),
        ("持续推进", 2024, None),
        ("长期", 2024, None),
        ("年底前", None, None),
    ],
)
def test_deadline_of(text: str, year: int | None, date: dt.date | None) -> None:
    from fenggong.intake.deadlines import deadline_of

    assert deadline_of(text, year) == date
