"""Defects an audit found importing real plans fenggong had never seen, one test each: the
pasted table whose unit cell went on with 省牵头单位:X (a task lost), a header with a
bracketed remark, a leader named by a （一） heading, a table in two parts — plus the
杭州 plan itself in every form (fixtures/unseen/hangzhou-2021), task by task; and the
safety net: import never writes what check refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from fenggong.intake.readers import read_plan
from tests.conftest import Runner

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "unseen"
HANGZHOU = UNSEEN / "hangzhou-2021"
T1 = "加强粮食和重要农产品保障,严格保护永久基本农田和810万亩粮食生产功能区,稳定杭嘉湖平原等优势产区粮食综合生产能力,大力推广应用优质高产良种和先进适用技术,实现“藏粮于地”“藏粮于技”,确保粮食播种面积稳步提升、产量在120亿斤以上,猪肉自给率提高并稳定在70%左右,端好浙江人的“饭碗”和“餐盘”。"
T2 = "深入实施消费新政,提升传统消费,培育新型消费,持续打响“浙里来消费”品牌,推进现代流通体系建设,加快培育国际消费中心城市,建设数字生活服务强省,到2025年,社会消费品零售总额达到3.5万亿元,居民消费率达到42%。"
T3 = "大力推进杭州城西科创大走廊建设。"
U3 = [
    "杭州城西科创产业集聚区管委会",
    "市科技局",
    "市发改委",
    "市经信局",
    "市规划和自然资源局",
    "市人力社保局",
    "市地方金融监管局",
    "市教育局",
    "市建委",
]


def imported(
    tmp_path: Path, text: str, name: str = "plan.txt", **options: object
) -> tuple[dict[str, object], list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read(path, **options)


def read(path: Path, **options: object) -> tuple[dict[str, object], list[str]]:
    result, _ = read_plan(path, None, **options)  # type: ignore[arg-type]
    return result.document, list(result.problems)


def tasks(document: dict[str, object]) -> list[tuple[object, ...]]:
    """Each task as (id, section, text, leaders, lead units, related units, extras)."""
    rows = document["tasks"]
    assert isinstance(rows, list)
    return [
        (
            t["id"],
            t["section"],
            t["text"],
            t["leaders"],
            t["lead_units"],
            t["related_units"],
            t.get("extras", {}),
        )
        for t in rows
    ]


def titles(document: dict[str, object], table: str) -> list[object]:
    rows = document[table]
    assert isinstance(rows, list)
    return [r["title"] for r in rows]


LOST_TASK = (
    "序号\t重点工作任务\t责任单位\n"
    "(一)王宏副市长牵头重点工作\n"
    "1\t任务甲。\t市农业农村局、市商务局\n"
    "省牵头单位:省农业农村厅\n"
    "(二)胡伟副市长牵头重点工作\n"
    "2\t任务乙。\t市商务局、市发改委\n"
    "省牵头单位:省商务厅\n"
)


def test_a_cell_going_on_with_a_province_lead_loses_no_task(tmp_path: Path) -> None:
    """The task after 省牵头单位:X and its heading were dropped without a word; the line
    belongs to the task above, kept under its own label and said for review."""
    document, problems = imported(tmp_path, LOST_TASK)
    assert tasks(document) == [
        (1, "1.1", "任务甲。", ["王宏"], ["市农业农村局", "市商务局"], [], {"省牵头单位": "省农业农村厅"}),
        (2, "1.2", "任务乙。", ["胡伟"], ["市商务局", "市发改委"], [], {"省牵头单位": "省商务厅"}),
    ]  # fmt: skip
    assert titles(document, "sections") == ["王宏副市长牵头重点工作", "胡伟副市长牵头重点工作"]
    assert problems[:2] == [
        "plan.txt:3：第 1 项「责任单位」格里另起一行的「省牵头单位：省农业农村厅」记在其他列"
        "「省牵头单位」（show、export 可见），没有算作本方案的牵头或相关单位，请核对",
        "plan.txt:6：第 2 项「责任单位」格里另起一行的「省牵头单位：省商务厅」记在其他列"
        "「省牵头单位」（show、export 可见），没有算作本方案的牵头或相关单位，请核对",
    ]
    assert not any("放在其他列" in p for p in problems)  # said once, by its own line


def test_an_in_cell_label_between_rows_is_no_category(tmp_path: Path) -> None:
    document, _ = imported(
        tmp_path,
        "序号\t重点工作任务\t责任单位\n"
        "1\t任务甲。\t市农业农村局、市商务局\n"
        "省牵头单位:省农业农村厅\n"
        "2\t任务乙。\t市商务局、市发改委\n"
        "3\t任务丙。\t市教育局\n",
    )
    assert titles(document, "categories") == ["未分类"]
    assert [(t[0], t[4], t[6]) for t in tasks(document)] == [
        (1, ["市农业农村局", "市商务局"], {"省牵头单位": "省农业农村厅"}),
        (2, ["市商务局", "市发改委"], {}),
        (3, ["市教育局"], {}),
    ]


def test_a_units_cell_going_on_on_its_own_line_stays_in_the_task(tmp_path: Path) -> None:
    document, _ = imported(
        tmp_path,
        "序号\t任务\t责任单位\n1\t任务甲。\t市农业农村局\n市商务局\n2\t任务乙。\t市教育局\n",
    )
    assert titles(document, "categories") == ["未分类"]
    assert [(t[0], t[4]) for t in tasks(document)] == [
        (1, ["市农业农村局", "市商务局"]),
        (2, ["市教育局"]),
    ]


@pytest.mark.parametrize(
    "header", ["重点工作任务(杭州市2项配合工作)", "重点工作任务（杭州市2项配合工作）"]
)
def test_a_header_with_a_bracketed_remark_is_read_by_its_head_word(
    tmp_path: Path, header: str
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        f"序号\t{header}\t责任单位\n1\t任务甲。\t市农业农村局\n2\t任务乙。\t市商务局\n",
        encoding="utf-8",
    )
    result, layout = read_plan(path, None)
    assert layout.startswith(f"表格（序号→序号，{header}→任务，责任单位→相关责任单位")
    assert [(t[0], t[2], t[4]) for t in tasks(result.document)] == [
        (1, "任务甲。", ["市农业农村局"]),
        (2, "任务乙。", ["市商务局"]),
    ]


@pytest.mark.parametrize("heading", ["(一)", "（一）", "一、"])
def test_a_leader_named_by_a_heading_leads_the_tasks_under_it(tmp_path: Path, heading: str) -> None:
    second = heading.replace("一", "二")
    table = (
        "序号\t重点工作任务\t责任单位\n"
        f"{heading}王宏副市长牵头重点工作\n1\t任务甲。\t市农业农村局\n"
        f"{second}胡伟常务副市长牵头重点工作\n2\t任务乙。\t市商务局\n"
    )
    paragraphs = (
        "一、重点工作\n"
        f"{heading}王宏副市长牵头重点工作\n1.任务甲。\n责任单位：市农业农村局\n"
        f"{second}胡伟常务副市长牵头重点工作\n2.任务乙。\n责任单位：市商务局\n"
    )
    for text in (table, paragraphs):
        document, _ = imported(tmp_path, text)
        assert [(t[0], t[3]) for t in tasks(document)] == [(1, ["王宏"]), (2, ["胡伟"])]


TWO_PARTS = (
    "一、第一部分\n"
    "序号\t重点工作任务\t责任单位\n1\t任务甲。\t市农业农村局\n2\t任务乙。\t市商务局\n"
    "二、第二部分\n"
    "序号\t重点工作任务\t责任单位\n1\t任务丙。\t市教育局\n2\t任务丁。\t市建委\n"
)


@pytest.mark.parametrize("star", ["", "*"])
def test_a_pasted_table_in_two_parts(tmp_path: Path, star: str) -> None:
    """The header typed again after 二、… was read as a task numbered 「二、第二部分\\n序号」."""
    document, problems = imported(tmp_path, TWO_PARTS.replace("1\t任务丙", f"1{star}\t任务丙"))
    assert titles(document, "categories") == ["第一部分", "第二部分"]
    assert [(t[0], t[1], t[2], t[4]) for t in tasks(document)] == [
        (1, "1.1", "任务甲。", ["市农业农村局"]),
        (2, "1.1", "任务乙。", ["市商务局"]),
        (3, "2.1", "任务丙。", ["市教育局"]),
        (4, "2.1", "任务丁。", ["市建委"]),
    ]
    numbers = document["tasks"]
    assert isinstance(numbers, list)
    assert [t.get("number") for t in numbers] == [None, None, f"1{star}", "2"]
    assert problems[0] == (
        "序号不都是不重复的整数，任务按 1、2、… 重新编号（原序号记在「原文编号」）："
        f"plan.txt:7「1{star}」→ 3；plan.txt:8「2」→ 4"
    )


def _two_tables(path: Path, *, merged_row: bool) -> None:
    """A Word file: 一、 heading, a table, 二、 heading, the same header in a second table."""
    import docx

    document = docx.Document()
    for part, (task, unit) in enumerate((("任务甲。", "市农业农村局"), ("任务乙。", "市教育局"))):
        document.add_paragraph(("一、第一部分", "二、第二部分")[part])
        table = document.add_table(rows=1, cols=3)
        for cell, text in zip(
            table.rows[0].cells, ("序号", "重点工作任务", "责任单位"), strict=True
        ):
            cell.text = text
        if part and merged_row:
            cells = table.add_row().cells
            cells[0].merge(cells[2]).text = "(一)戴建平常务副市长牵头重点工作"
        for cell, text in zip(table.add_row().cells, ("1", task, unit), strict=True):
            cell.text = text
    document.save(str(path))


@pytest.mark.parametrize("merged_row", [False, True])
def test_a_word_table_going_on_after_a_heading_with_its_header_again(
    tmp_path: Path, merged_row: bool
) -> None:
    path = tmp_path / "plan.docx"
    _two_tables(path, merged_row=merged_row)
    document, problems = read(path)
    assert titles(document, "categories") == ["第一部分", "第二部分"]
    assert [(t[0], t[2], t[3], t[4]) for t in tasks(document)] == [
        (1, "任务甲。", [], ["市农业农村局"]),
        (2, "任务乙。", ["戴建平"] if merged_row else [], ["市教育局"]),
    ]
    assert not any("认不出表头" in p for p in problems)


HANGZHOU_FILES = [
    "table.txt",
    "table.xlsx",
    "table.docx",
    "header-plain.txt",
    "header-plain.xlsx",
    "header-plain.docx",
]


@pytest.mark.parametrize("file", HANGZHOU_FILES)
def test_hangzhou_every_task_in_every_form(file: str) -> None:
    document, problems = read(HANGZHOU / file)
    assert titles(document, "categories") == [
        "省政府工作报告“十四五”时期重点工作涉杭任务责任分解",
        "省政府工作报告2021年重点工作涉杭任务责任分解",
    ]
    assert titles(document, "sections") == [
        "王宏副市长牵头重点工作",
        "胡伟副市长牵头重点工作",
        "戴建平常务副市长牵头重点工作",
    ]
    assert tasks(document) == [
        (1, "1.1", T1, ["王宏"], ["市农业农村局", "市规划和自然资源局", "市商务局(市粮食和物资储备局)"], [], {"省牵头单位": "省农业农村厅"}),
        (2, "1.2", T2, ["胡伟"], ["市商务局", "市发改委"], [], {"省牵头单位": "省商务厅"}),
        (3, "2.1", T3, ["戴建平"], U3, [], {}),
    ]  # fmt: skip
    plan = document["plan"]
    assert isinstance(plan, dict)
    assert plan["title"] == "2021年省政府工作报告重点工作涉杭任务和市政府工作报告重点工作责任分解"
    renumbered = [p for p in problems if p.startswith("序号不都是")]
    assert len(renumbered) == 1
    assert renumbered[0].endswith("「1*」→ 3")


def test_lines_after_the_table_that_read_as_tasks_are_listed(tmp_path: Path) -> None:
    document, problems = imported(
        tmp_path,
        "序号\t任务\t责任单位\n1\t任务甲。\t市农业农村局\n\n抄送：市委办公室\n3.任务丙。\n四、其他\n",
    )
    assert [t[0] for t in tasks(document)] == [1]
    assert [p for p in problems if "表格之后" in p] == [
        "plan.txt:5：表格之后的「3.任务丙。」没有读入，请核对",
        "plan.txt:6：表格之后的「四、其他」没有读入，请核对",
    ]


def test_a_line_break_in_a_number_cell_is_written_on_one_line(tmp_path: Path) -> None:
    """The 序号 「二、第二部分\n序号」 was written as it was, and `check` refused the file."""
    document, problems = imported(
        tmp_path,
        '序号,任务,责任单位\n"1\n（一）",任务甲。,市发改委\n2,任务乙。,市财政局\n',
        "p.csv",
    )
    rows = document["tasks"]
    assert isinstance(rows, list)
    assert [t.get("number") for t in rows] == ["1 （一）", None]
    assert problems[0] == (
        "序号不都是不重复的整数，任务按 1、2、… 重新编号（原序号记在「原文编号」）："
        "p.csv:2「1 （一）」→ 1"
    )


def _corrupting(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader defect planted: the first task's 序号 keeps a line break."""
    import fenggong.intake.build as build

    finish = build.finish

    def corrupt(*args: object, **kwargs: object) -> object:
        tasks = args[3]
        assert isinstance(tasks, list)
        tasks[0]["number"] = "二、第二部分\n序号"
        return finish(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "finish", corrupt)


def test_import_never_writes_what_check_refuses(
    run: Runner, tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_cwd / "plan.txt").write_text(TWO_PARTS, encoding="utf-8")
    assert run("import", "plan.txt", "-o", "good.toml", "--no-registry").code == 0
    assert run("check", "good.toml").code == 0
    _corrupting(monkeypatch)
    result = run("import", "plan.txt", "-o", "plan.toml", "--no-registry")
    assert result.code == 3
    assert not (tmp_cwd / "plan.toml").exists()
    assert result.err.splitlines()[-1] == (
        "fenggong: plan.txt：导入的结果通不过 fenggong check，没有写出：第 1 项：「number」"
        "含有控制字符 U+000A（第 7 个字符），请删去"
    )
    dry = run("import", "plan.txt", "--dry-run", "--no-registry")
    assert dry.code == 0
    assert (
        "写不出：导入的结果通不过 fenggong check：第 1 项：「number」含有控制字符 U+000A"
        "（第 7 个字符），请删去"
    ) in dry.out.splitlines()


def test_an_unreadable_sheet_is_quoted_row_by_row_each_cell_once(tmp_path: Path) -> None:
    """A title merged across the columns was quoted as 「2021年…责任分解\\t202」."""
    import openpyxl

    from fenggong.errors import UsageError

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2021年省政府工作报告重点工作涉杭任务和市政府工作报告重点工作责任分解"])
    sheet.merge_cells("A1:C1")
    sheet.append(["编码", "内容说明", "备注"])
    sheet.append(["1", "甲", "乙"])
    book.save(tmp_path / "plan.xlsx")
    with pytest.raises(UsageError) as raised:
        read_plan(tmp_path / "plan.xlsx", None)
    assert raised.value.message.endswith(
        "文件开头是：「2021年省政府工作报告重点工作涉杭任务和市政府工作报告重点工作责任分解」"
        " / 「编码 | 内容说明 | 备注」 / 「1 | 甲 | 乙」"
    )


def test_a_gap_the_source_leaves_is_written_and_said_check_will_report_it(
    run: Runner, tmp_cwd: Path
) -> None:
    """A task without a lead unit: the file is written (to be completed by hand), and the
    import says `check` will report it until then."""
    (tmp_cwd / "plan.csv").write_text(
        "序号,任务,牵头单位\n1,任务甲。,市发改委\n2,任务乙。,\n", encoding="utf-8"
    )
    result = run("import", "plan.csv", "-o", "plan.toml", "--no-registry")
    assert result.code == 0
    assert (tmp_cwd / "plan.toml").is_file()
    assert "需核对：plan.csv:3：第 2 项没有读到牵头单位" in result.err.splitlines()
    assert result.err.splitlines()[-1] == (
        "已写入 plan.toml：2 项任务；3 处需要核对（见上）。fenggong check plan.toml 还会报 1 处"
        "（第 2 项：「lead_units」至少要有一个牵头单位），按需核对补上后才能使用"
    )
    checked = run("check", "plan.toml")
    assert checked.code == 3
    assert "第 2 项：「lead_units」至少要有一个牵头单位" in checked.out
    dry = run("import", "plan.csv", "--dry-run", "--no-registry")
    assert "check 会报（补上后才能用）：第 2 项：「lead_units」至少要有一个牵头单位" in dry.out


def test_a_combined_cell_of_labelled_lines(tmp_path: Path) -> None:
    document, _ = imported(
        tmp_path,
        '序号,任务,部门分工\n1,任务甲。,"牵头单位：市发改委\n配合单位：市财政局、市商务局"\n',
        "p.csv",
    )
    assert [t[4:6] for t in tasks(document)] == [(["市发改委"], ["市财政局", "市商务局"])]


def test_a_row_without_number_under_a_new_heading_is_a_task_of_its_own(tmp_path: Path) -> None:
    document, _ = imported(
        tmp_path,
        "序号\t任务\t责任单位\n一、第一部分\n1\t任务甲。\t市发改委\n二、第二部分\n\t任务乙。\t市财政局\n",
    )
    assert [(t[0], t[1], t[2], t[4]) for t in tasks(document)] == [
        (1, "1.1", "任务甲。", ["市发改委"]),
        (2, "2.1", "任务乙。", ["市财政局"]),
    ]


def test_a_leader_labelled_in_a_unit_cell_is_said_as_a_leader(tmp_path: Path) -> None:
    document, problems = imported(
        tmp_path, "序号\t任务\t责任单位\n1\t任务甲。\t市发改委\n分管领导:张三\n"
    )
    assert [(t[3], t[4], t[6]) for t in tasks(document)] == [
        ([], ["市发改委"], {"分管领导": "张三"})
    ]
    assert problems[0] == (
        "plan.txt:2：第 1 项「责任单位」格里另起一行的「分管领导：张三」记在其他列「分管领导」"
        "（show、export 可见），没有算作本方案的责任领导，请核对"
    )


def test_a_second_table_with_its_own_header_after_text_is_said(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    first = document.add_table(rows=2, cols=3)
    for cell, text in zip(first.rows[0].cells, ("序号", "任务", "责任单位"), strict=True):
        cell.text = text
    for cell, text in zip(first.rows[1].cells, ("1", "任务甲。", "市发改委"), strict=True):
        cell.text = text
    document.add_paragraph("以下为市政府民生实事项目。")
    second = document.add_table(rows=2, cols=4)
    for cell, text in zip(
        second.rows[0].cells, ("序号", "项目名称", "责任单位", "完成时限"), strict=True
    ):
        cell.text = text
    for cell, text in zip(
        second.rows[1].cells, ("1", "新建公园。", "市住建局", "年底"), strict=True
    ):
        cell.text = text
    document.save(str(tmp_path / "plan.docx"))
    _, problems = read(tmp_path / "plan.docx")
    assert (
        "plan.docx 表 2 第 1 行：这个表格（2 行）与读入的表格列数不同或之间隔着正文，没有读入，请核对"
        in problems
    )


def test_a_heading_row_with_no_task_under_it_is_said(tmp_path: Path) -> None:
    document, problems = imported(
        tmp_path, "序号\t任务\t责任单位\n一、经济发展\n二、民生保障\n1\t任务甲。\t市发改委\n"
    )
    assert titles(document, "categories") == ["民生保障"]
    assert "plan.txt:2：「一、经济发展」读作标题，下面没有任务，没有读入，请核对" in problems


def test_an_exported_workbook_edited_by_hand_is_checked_before_it_is_written(
    run: Runner, tmp_cwd: Path
) -> None:
    import openpyxl

    from tests.conftest import MINI

    assert run("export", "-f", "xlsx", "-o", "plan.xlsx", data=MINI).code == 0
    book = openpyxl.load_workbook(tmp_cwd / "plan.xlsx")
    header = [c.value for c in book["任务"][2]]  # under the sheet's title row
    book["任务"].cell(3, header.index("牵头单位") + 1).value = "县不存在局"
    book.save(tmp_cwd / "plan.xlsx")
    result = run("import", "plan.xlsx", "-o", "plan.toml", data=None)
    assert result.code == 3
    assert not (tmp_cwd / "plan.toml").exists()
    assert result.err.splitlines()[-1].startswith(
        "fenggong: plan.xlsx：导入的结果通不过 fenggong check，没有写出：第 1 项："
        "牵头单位「县不存在局」不在名录中"
    )
