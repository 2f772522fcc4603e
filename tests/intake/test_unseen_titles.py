"""Titles and unit lists of real plans fenggong had never seen (fixtures/unseen): a title
typed over two lines, a title named only by the notice's own title line, a report's name
quoted in the notice that is no title, units joined by 及."""

from __future__ import annotations

from pathlib import Path

from fenggong.intake.readers import read_plan

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "unseen"


def imported(path: Path) -> tuple[dict[str, object], list[str], str]:
    result, layout = read_plan(path, None)
    return result.document, list(result.problems), layout


def plan_of(document: dict[str, object]) -> dict[str, object]:
    plan = document["plan"]
    assert isinstance(plan, dict)
    return plan


def titles(document: dict[str, object], table: str) -> list[object]:
    rows = document[table]
    assert isinstance(rows, list)
    return [r["title"] for r in rows]


SPLIT_TITLE = """政府工作报告“十四五”时期

重点工作责任分解

1.聚焦不平衡不充分问题,加快构建发展格局。

牵头市领导:汤飞帆

责任单位:市发改委、市农业农村局

2.实施做大产业扩大税源行动。

牵头市领导:汤飞帆

责任单位:市发改委、市经信局
"""


def test_a_title_typed_over_two_lines_is_one_title(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(SPLIT_TITLE, encoding="utf-8")
    document, _, _ = imported(path)
    title = "政府工作报告“十四五”时期重点工作责任分解"
    assert plan_of(document)["title"] == title
    assert titles(document, "categories") == [title]
    tasks = document["tasks"]
    assert isinstance(tasks, list)
    assert [(t["id"], t["leaders"], t["lead_units"]) for t in tasks] == [
        (1, ["汤飞帆"], ["市发改委", "市农业农村局"]),
        (2, ["汤飞帆"], ["市发改委", "市经信局"]),
    ]


def test_quzhou_title_after_the_notice() -> None:
    document, problems, _ = imported(UNSEEN / "quzhou-2021.txt")
    plan = plan_of(document)
    assert (plan["title"], plan["issuer"], str(plan["issued"])) == (
        "政府工作报告“十四五”时期重点工作责任分解",
        "衢州市人民政府办公室",
        "2021-03-24",
    )
    assert titles(document, "categories") == ["政府工作报告“十四五”时期重点工作责任分解"]
    assert "没有找到方案的文号，请在 [plan] 中补上" in problems


def test_a_report_named_in_the_notice_is_no_title() -> None:
    """现将《政府工作报告》提出的…任务予以分解: the report the tasks come from, not the plan."""
    document, problems, _ = imported(UNSEEN / "xuchang-2020.txt")
    plan = plan_of(document)
    assert (plan["title"], plan["document_number"]) == ("未命名方案", "许政[2020]20号")
    assert "没有找到方案的标题、发文机关、成文日期，请在 [plan] 中补上" in problems


def test_the_notice_title_on_the_first_line_gives_title_and_issuer() -> None:
    document, problems, _ = imported(UNSEEN / "chuzhou-2020.txt")
    plan = plan_of(document)
    assert (plan["title"], plan["issuer"]) == ("2020年市政府重点工作及责任分解", "滁州市人民政府")
    assert "没有找到方案的文号、成文日期，请在 [plan] 中补上" in problems
    tasks = document["tasks"]
    assert isinstance(tasks, list)
    assert [(t["id"], t["leaders"], t["lead_units"]) for t in tasks] == [
        (1, ["金力"], ["市发展改革委"]),
        (2, ["金力"], ["市财政局"]),
        (3, ["金力"], ["市发展改革委"]),
    ]


def test_a_notice_title_naming_the_plan_in_quotes(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "某县人民政府办公室关于印发《某县2024年重点工作任务分工方案》的通知\n"
        "1.推进项目建设。\n牵头单位：县发改局\n",
        encoding="utf-8",
    )
    document, _, _ = imported(path)
    plan = plan_of(document)
    assert (plan["title"], plan["issuer"]) == (
        "某县2024年重点工作任务分工方案",
        "某县人民政府办公室",
    )
