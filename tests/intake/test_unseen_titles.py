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


JI = (
    "1.全面实施行政许可事项清单管理。(市政府办公室、市行政审批制度改革工作领导小组办公室牵头,"
    "市级各有关部门及各县市区政府按职责分工负责)\n"
    "2.持续深化相对集中行政许可权改革。(市政府办公室牵头,市级各有关部门及各县市区政府按职责分工负责)\n"
)


def test_units_joined_by_ji_are_two_collective_references(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(JI, encoding="utf-8")
    document, problems, layout = imported(path)
    tasks = document["tasks"]
    assert isinstance(tasks, list)
    assert [(t["id"], t["lead_units"], t["related_units"]) for t in tasks] == [
        (1, ["市政府办公室", "市行政审批制度改革工作领导小组办公室"], ["市级各有关部门", "各县市区政府"]),
        (2, ["市政府办公室"], ["市级各有关部门", "各县市区政府"]),
    ]  # fmt: skip
    kinds = {u["name"]: u["kind"] for u in document["units"]}  # type: ignore[attr-defined]
    assert (kinds["市级各有关部门"], kinds["各县市区政府"]) == ("collective", "collective")
    assert layout == (
        "段落（牵头→牵头单位，按职责分工负责→相关责任单位（跟在「牵头」后面，算相关责任单位））"
    )
    assert problems[:2] == [
        f"plan.txt:{n}：第 {n} 项的「市级各有关部门及各县市区政府」按「及」读作两个单位"
        "「市级各有关部门」「各县市区政府」，请核对"
        for n in (1, 2)
    ]


def test_xianyang_real_plan_units_joined_by_ji() -> None:
    document, _, _ = imported(UNSEEN / "xianyang-2022.txt")
    tasks = document["tasks"]
    assert isinstance(tasks, list)
    assert [(t["id"], t["lead_units"], t["related_units"]) for t in tasks] == [
        (1, ["市政府办公室", "市行政审批制度改革工作领导小组办公室"], ["市级各有关部门", "各县市区政府"]),
    ]  # fmt: skip
    assert plan_of(document)["title"] == "咸阳市2022年深化“放管服”改革优化营商环境工作要点"
    assert titles(document, "categories") == ["坚持系统集成,推动审批全链条优化"]


def test_a_name_holding_ji_stays_whole(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "序号,任务,牵头单位,配合单位\n"
        "1,建设保障房。,市住房保障及房产管理局,市场监管局及其派出机构\n"
        "2,治理河道。,市水利局以及市生态环境局,市财政局\n",
        encoding="utf-8",
    )
    document, problems, _ = imported(path)
    tasks = document["tasks"]
    assert isinstance(tasks, list)
    assert [(t["lead_units"], t["related_units"]) for t in tasks] == [
        (["市住房保障及房产管理局"], ["市场监管局及其派出机构"]),
        (["市水利局", "市生态环境局"], ["市财政局"]),
    ]
    assert [p for p in problems if "按「及」" in p] == [
        "plan.csv:3：第 2 项的「市水利局以及市生态环境局」按「及」读作两个单位"
        "「市水利局」「市生态环境局」，请核对"
    ]
