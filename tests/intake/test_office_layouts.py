"""Attachments laid out as offices make them, built here with python-docx and openpyxl, one
layout at a time: a two-row header (责任分工 over 牵头单位/配合单位), a table split by a page
break with its header repeated, header rows typed again in a sheet, a category row merged
across the table, cells merged down (大类, leader, unit), a continuation row without 序号,
and the 附件/title/文号 lines above the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from fenggong.intake.readers import read_plan

PARENT = ["序号", "重点任务", "责任领导", "责任分工", "责任分工", "完成时限"]
CHILD = ["序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时限"]
TASKS = [
    ["1", "推进重点项目建设。", "张三", "市发改委", "市财政局", "年底前"],
    ["2", "稳定外贸外资。", "张三", "市商务局", "市发改委", "6月底前"],
    ["3", "抓好粮食生产。", "李四", "市农业农村局", "各县（市、区）政府", "持续推进"],
    ["4", "改善农村人居环境。", "李四", "市农业农村局", "市住建局", "年底前"],
]


def docx_two_row_header(path: Path, *, split: bool = False) -> None:
    """附件 1 / title / 文号 above a table with a two-row header (责任分工 merged over its
    two children, the others merged down); with `split`, tasks 3-4 in a second table after
    a page break, its header repeated."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for line in ("附件 1", "某市2024年重点工作任务分工方案", "某府办〔2024〕5号"):
        document.add_paragraph(line)
    parts = [TASKS[:2], TASKS[2:]] if split else [TASKS]
    for number, part in enumerate(parts):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        table = document.add_table(rows=2 + len(part), cols=len(CHILD))
        for c, (parent, child) in enumerate(zip(PARENT, CHILD, strict=True)):
            table.cell(0, c).text = parent
            if parent != child:
                table.cell(1, c).text = child
        for c in (0, 1, 2, 5):  # merged down over both header rows
            table.cell(0, c).merge(table.cell(1, c))
        table.cell(0, 3).merge(table.cell(0, 4)).text = "责任分工"
        for r, row in enumerate(part, start=2):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    document.save(str(path))


def check(tasks: list[dict[str, object]]) -> None:
    assert [t["id"] for t in tasks] == [1, 2, 3, 4]
    assert [t["text"] for t in tasks] == [row[1] for row in TASKS]
    assert [t["leaders"] for t in tasks] == [[row[2]] for row in TASKS]
    assert [t["lead_units"] for t in tasks] == [[row[3]] for row in TASKS]
    assert [t["related_units"] for t in tasks] == [[row[4]] for row in TASKS]
    assert [t["extras"] for t in tasks] == [{"完成时限": row[5]} for row in TASKS]


@pytest.mark.parametrize("split", [False, True])
def test_a_two_row_header_docx_and_its_page_split(tmp_path: Path, split: bool) -> None:
    path = tmp_path / "plan.docx"
    docx_two_row_header(path, split=split)
    result, layout = read_plan(path, None)
    check(result.document["tasks"])  # type: ignore[arg-type]
    assert layout == (
        "表格（序号→序号，重点任务→任务，责任领导→责任领导，责任分工/牵头单位→牵头单位，"
        "责任分工/配合单位→相关责任单位，完成时限→其他列）"
    )
    plan = result.document["plan"]
    assert isinstance(plan, dict)
    assert (plan["title"], plan["document_number"], plan["level"]) == (
        "某市2024年重点工作任务分工方案",
        "某府办〔2024〕5号",
        "city",
    )
    kinds = {u["name"]: u["kind"] for u in result.document["units"]}  # type: ignore[attr-defined]
    assert kinds["市发改委"] == "county"  # a city plan's own department, not 上级派驻


def xlsx_sheet(path: Path) -> None:
    """Title rows merged across, a two-row header typed again for page 2, a category row
    merged across the table, 大类 and leader merged down, a continuation row, an empty row."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["附件"])
    sheet.append(["某市2024年重点工作任务分工方案"])
    sheet.merge_cells("A2:F2")
    header = [PARENT, CHILD]
    for row in header:
        sheet.append(row)
    sheet.merge_cells("D3:E3")
    sheet.append(["一、稳住经济大盘"])
    sheet.merge_cells("A5:F5")  # the category row spans the table
    sheet.append(TASKS[0])
    sheet.append(TASKS[1])
    sheet.append(["", "加快外贸新业态发展。", "", "", "市商务局", "年底前"])  # continues task 2
    for row in header:  # page 2's header rows typed again
        sheet.append(row)
    sheet.append(["二、保障改善民生"])
    sheet.merge_cells("A11:F11")
    sheet.append(TASKS[2])
    sheet.append(["4", TASKS[3][1], None, TASKS[3][3], TASKS[3][4], TASKS[3][5]])
    sheet.merge_cells("C12:C13")  # one leader for two tasks, merged down
    sheet.append([])
    book.save(path)


def test_an_office_sheet(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    xlsx_sheet(path)
    result, _ = read_plan(path, None)
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    assert [t["id"] for t in tasks] == [1, 2, 3, 4]
    assert tasks[1]["text"] == "稳定外贸外资。加快外贸新业态发展。"
    assert tasks[1]["related_units"] == ["市发改委", "市商务局"]
    assert tasks[1]["extras"] == {"完成时限": "6月底前 / 年底前"}
    assert tasks[3]["leaders"] == ["李四"]
    categories = [c["title"] for c in result.document["categories"]]  # type: ignore[attr-defined]
    assert categories == ["稳住经济大盘", "保障改善民生"]
    assert [t["section"] for t in tasks] == ["1.1", "1.1", "2.1", "2.1"]
    plan = result.document["plan"]
    assert isinstance(plan, dict)
    assert plan["title"] == "某市2024年重点工作任务分工方案"
    assert not [p for p in result.problems if "第" in p and "行" in p]


def test_an_xlsx_is_opened_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl.reader.excel import ExcelReader

    path = tmp_path / "plan.xlsx"
    xlsx_sheet(path)
    calls: list[object] = []
    init = ExcelReader.__init__

    def counting(self: ExcelReader, *args: object, **kwargs: object) -> None:
        calls.append(args)  # openpyxl reads every workbook through one of these
        init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ExcelReader, "__init__", counting)
    read_plan(path, None)
    assert len(calls) == 1


def test_renumbered_ids_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "序号,任务,牵头单位\n1,甲。,县发改局\n2,乙。,县财政局\n2,丙。,县财政局\n二,丁。,县商务局\n",
        encoding="utf-8",
    )
    result, _ = read_plan(path, None)
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    # 2 twice in a row is one task merged down (its continuation); 二 is not a number.
    assert [(t["id"], t["text"], t.get("number")) for t in tasks] == [
        (1, "甲。", None),
        (2, "乙。丙。", None),
        (3, "丁。", "二"),
    ]
    assert (
        "plan.csv:4：序号「2」与上一行相同（合并单元格），读作第 2 项的续行，请核对"
        in result.problems
    )
    assert (
        "序号不都是不重复的整数，任务按 1、2、… 重新编号（原序号记在「原文编号」）：plan.csv:5「二」→ 3"
        in (result.problems)
    )


def test_a_row_without_text_is_listed_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "序号,任务,牵头单位\n1,甲。,县发改局\n2,,县财政局\n3,丙。,县商务局\n", encoding="utf-8"
    )
    result, _ = read_plan(path, None)
    assert "plan.csv:3：这一行没有任务内容，没有读入（2、县财政局）" in result.problems


def test_the_notice_above_the_attachment_is_not_its_title(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in (
        "某县人民政府办公室文件",
        "某府办〔2024〕3号",
        "关于印发《某县2024年重点工作任务分工方案》的通知",
        "各镇人民政府，县直各单位：现将《某县2024年重点工作任务分工方案》印发给你们，请认真贯彻落实。",
        "2024年3月1日",
        "附件 1",
        "某县2024年重点工作任务分工表",
    ):
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["序号", "工作任务", "牵头单位"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["1", "推进项目建设。", "县发改局"]):
        table.cell(1, c).text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    result, _ = read_plan(path, None)
    plan = result.document["plan"]
    assert isinstance(plan, dict)
    assert (plan["title"], plan["issuer"], plan["document_number"], str(plan["issued"])) == (
        "某县2024年重点工作任务分工表",
        "某县人民政府办公室",
        "某府办〔2024〕3号",
        "2024-03-01",
    )


def test_an_attachment_line_is_not_the_title(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["附件1"], ["某县2024年民生项目计划"], ["序号", "项目名称", "责任单位"]):
        sheet.append(row)
    sheet.append([1, "新建公园。", "县住建局"])
    book.save(tmp_path / "plan.xlsx")
    result, _ = read_plan(tmp_path / "plan.xlsx", None)
    plan = result.document["plan"]
    assert isinstance(plan, dict)
    assert plan["title"] == "某县2024年民生项目计划"


def test_rows_of_a_plan_that_numbers_none_stay_tasks(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("序号,任务,牵头单位\n,甲。,县发改局\n,乙。,县财政局\n", encoding="utf-8")
    result, _ = read_plan(path, None)
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    assert [(t["id"], t["text"]) for t in tasks] == [(1, "甲。"), (2, "乙。")]


def test_a_continuation_row_with_only_a_unit(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "序号,任务,牵头单位,配合单位\n1,甲。,县发改局,县财政局\n,,,县商务局\n2,乙。,县民政局,\n",
        encoding="utf-8",
    )
    result, _ = read_plan(path, None)
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    assert [(t["id"], t["related_units"]) for t in tasks] == [
        (1, ["县财政局", "县商务局"]),
        (2, []),
    ]


def test_a_table_that_is_not_read_is_listed(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某县2024年重点工作任务分工方案")
    first = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["序号", "工作任务", "牵头单位"]):
        first.cell(0, c).text = text
    for c, text in enumerate(["1", "推进项目建设。", "县发改局"]):
        first.cell(1, c).text = text
    document.add_paragraph("附表：联系人")
    second = document.add_table(rows=2, cols=2)
    for r, row in enumerate([["单位", "联系人"], ["县发改局", "张三"]]):
        for c, text in enumerate(row):
            second.cell(r, c).text = text
    document.save(str(tmp_path / "plan.docx"))
    result, _ = read_plan(tmp_path / "plan.docx", None)
    assert "plan.docx 表 2 第 1 行：这个表格（2 行）认不出表头，没有读入，请核对" in result.problems


def test_a_second_sheet_of_tasks_is_listed(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    for title in ("一、稳增长", "二、惠民生"):
        sheet = book.create_sheet(title)
        sheet.append(["序号", "工作任务", "牵头单位"])
        sheet.append([1, "推进项目建设。", "县发改局"])
    del book["Sheet"]
    book.save(tmp_path / "plan.xlsx")
    result, _ = read_plan(tmp_path / "plan.xlsx", None)
    assert (
        "plan.xlsx：工作表「二、惠民生」没有读入（要读它请加 --sheet 二、惠民生）"
        in result.problems
    )


def test_a_blank_leader_under_a_named_one_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "序号,任务,责任领导,牵头单位\n1,甲。,张三,县发改局\n2,乙。,,县财政局\n", encoding="utf-8"
    )
    result, _ = read_plan(path, None)
    assert (
        "plan.csv:3：「责任领导」是空的（上一项是「张三」），若是合并单元格另存后丢了，请补上"
        in result.problems
    )
