"""Every role word offices use, inline forms, list grammar and pasted tables with merged
cells — one rule per test — plus a property test (derandomized) that shuffles the order
of roles, the way they are written and the numbering style."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fenggong.intake.readers import read_plan

PLAN = "某县2024年重点工作任务分工方案\n一、稳住经济大盘\n"


def tasks_of(
    tmp_path: Path, body: str, name: str = "plan.txt"
) -> tuple[list[dict[str, object]], list[str]]:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    result, _ = read_plan(path, None)
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    return tasks, list(result.problems)


def roles(task: dict[str, object]) -> tuple[object, object, object]:
    return task["leaders"], task["lead_units"], task["related_units"]


@pytest.mark.parametrize(
    ("line", "lead", "related"),
    [
        (
            "推进项目建设。（县发改局、县财政局主办，县自然资源局协办）",
            ["县发改局", "县财政局"],
            ["县自然资源局"],
        ),
        ("稳定外贸。（县商务局、县发改局等负责）", ["县商务局", "县发改局"], []),
        (
            "抓好粮食生产。(县农业农村局牵头，县财政局、各镇政府配合)",
            ["县农业农村局"],
            ["县财政局", "各镇政府"],
        ),
        ("改善人居环境。[县住建局牵头]", ["县住建局"], []),
        ("发展民营经济。（县工信局、县市场监管局分别牵头）", ["县工信局", "县市场监管局"], []),
        ("加强就业。（牵头单位：县人社局；配合单位：县财政局）", ["县人社局"], ["县财政局"]),
        ("加强就业。（配合单位：县财政局；牵头单位：县人社局）", ["县人社局"], ["县财政局"]),
    ],
)
def test_inline_role_notes(tmp_path: Path, line: str, lead: list[str], related: list[str]) -> None:
    tasks, _ = tasks_of(tmp_path, f"{PLAN}1、{line}\n")
    assert [(t["text"], t["lead_units"], t["related_units"]) for t in tasks] == [
        (line[: line.index("。") + 1], lead, related)
    ]


def test_labels_run_on_in_one_line(tmp_path: Path) -> None:
    tasks, _ = tasks_of(
        tmp_path,
        f"{PLAN}1.加强就业。\n牵头领导：张三 责任单位：县人社局 配合单位：县财政局、县教育局\n",
    )
    assert roles(tasks[0]) == (["张三"], ["县人社局"], ["县财政局", "县教育局"])


def test_responsible_beside_cooperating_leads(tmp_path: Path) -> None:
    """责任单位 and 配合单位 without 牵头单位: 责任单位 leads, 配合 are related."""
    tasks, _ = tasks_of(
        tmp_path,
        "序号,任务,责任单位,协同配合单位\n1,建设园区。,县发改局,县财政局、县商务局\n",
        "p.csv",
    )
    assert roles(tasks[0]) == ([], ["县发改局"], ["县财政局", "县商务局"])
    path = tmp_path / "p.csv"
    _, layout = read_plan(path, None)
    assert "责任单位→牵头单位（有「协同配合单位」、没有牵头单位，由它牵头）" in layout


@pytest.mark.parametrize(
    ("header", "lead", "related"),
    [
        ("主要责任单位,参与单位", ["县发改局"], ["县财政局"]),
        ("主办单位,协办单位", ["县发改局"], ["县财政局"]),
        ("牵头单位,责任单位", ["县发改局"], ["县财政局"]),
        ("牵头单位,配合单位", ["县发改局"], ["县财政局"]),
    ],
)
def test_role_headers(tmp_path: Path, header: str, lead: list[str], related: list[str]) -> None:
    tasks, _ = tasks_of(
        tmp_path, f"序号,工作任务,{header}\n1,建设园区。,县发改局,县财政局\n", "p.csv"
    )
    assert roles(tasks[0]) == ([], lead, related)


def test_a_project_name_and_its_content_make_the_text(tmp_path: Path) -> None:
    tasks, _ = tasks_of(
        tmp_path,
        "序号,项目名称,主要内容,责任单位\n1,城区道路改造,改造道路5条。,县住建局\n",
        "p.csv",
    )
    assert tasks[0]["text"] == "城区道路改造：改造道路5条。"
    assert tasks[0]["lead_units"] == ["县住建局"]


def test_etc_before_a_separator_is_stripped_and_listed(tmp_path: Path) -> None:
    tasks, problems = tasks_of(
        tmp_path,
        "序号,任务,牵头单位,配合单位\n1,建设园区。,县发改局,县财政局等，县商务局\n",
        "p.csv",
    )
    assert tasks[0]["related_units"] == ["县财政局", "县商务局"]
    assert "p.csv:2：单位名单用了「等」，名单不完整，请核对" in problems


def test_a_role_word_left_in_a_name_is_listed(tmp_path: Path) -> None:
    tasks, problems = tasks_of(
        tmp_path, "序号,任务,牵头单位,配合单位\n1,建设园区。,县发改局,县财政局协调\n", "p.csv"
    )
    assert tasks[0]["related_units"] == ["县财政局协调"]
    tasks, problems = tasks_of(
        tmp_path, "序号,任务,牵头单位,配合单位\n1,建设园区。,县发改局,县财政局负责资金\n", "p.csv"
    )
    assert (
        "p.csv:2：第 1 项的单位名「县财政局负责资金」含「负责」，可能没有拆开，请核对" in problems
    )


def test_a_unit_column_left_unmapped_is_named(tmp_path: Path) -> None:
    _, problems = tasks_of(tmp_path, "序号,任务,牵头单位,承办\n1,建设园区。,,县财政局\n", "p.csv")
    assert (
        "第 1 项的牵头单位是空的，而「承办」列（放在其他列）写的像是单位名：要按牵头单位读入请加 --map 承办=牵头单位"
        in problems
    )


def test_a_bare_name_that_is_a_unit_of_the_plan_keeps_its_name(tmp_path: Path) -> None:
    tasks, problems = tasks_of(
        tmp_path,
        "序号,任务,牵头单位,配合单位\n1,甲。,市发改委,财政局\n2,乙。,财政局,市商务局\n",
        "p.csv",
    )
    assert tasks[0]["related_units"] == ["财政局"]
    assert not [p for p in problems if "读作" in p]


# Pasted tables with merged cells.


def test_a_category_row_in_a_pasted_table_is_a_heading(tmp_path: Path) -> None:
    tasks, problems = tasks_of(
        tmp_path,
        "序号\t任务\t牵头单位\n一、稳住经济大盘\n1\t甲。\t县发改局\n二、保障民生\n2\t乙。\t县民政局\n",
    )
    assert [t["section"] for t in tasks] == ["1.1", "2.1"]
    assert not [p for p in problems if "plan.txt" in p]


def test_a_line_break_in_a_pasted_cell_keeps_the_row(tmp_path: Path) -> None:
    tasks, problems = tasks_of(
        tmp_path,
        "序号\t任务\t牵头单位\t完成时限\n1\t甲。\t县发改局\n县财政局\t年底前\n2\t乙。\t县民政局\t6月底前\n",
    )
    assert [(t["lead_units"], t["extras"]) for t in tasks] == [
        (["县发改局", "县财政局"], {"完成时限": "年底前"}),
        (["县民政局"], {"完成时限": "6月底前"}),
    ]
    assert problems[:1] == ["未指定名录（--registry）：3 个单位的类别是推测的，请核对"]


def test_a_short_pasted_row_is_aligned_by_content(tmp_path: Path) -> None:
    tasks, problems = tasks_of(
        tmp_path,
        "序号\t任务\t责任领导\t牵头单位\t完成时限\n1\t甲。\t张三\t县发改局\t年底前\n2\t乙。\t县民政局\t年底前\n",
    )
    assert roles(tasks[1]) == (["张三"], ["县民政局"], [])
    assert tasks[1]["extras"] == {"完成时限": "年底前"}
    assert problems[0] == (
        "plan.txt:3：这一行只有 4 列（表头 5 列，有合并单元格），按内容对齐："
        "「2」→序号、「乙。」→任务、「县民政局」→牵头单位、「年底前」→完成时限，请核对"
    )


def test_a_short_row_that_cannot_be_aligned_is_listed(tmp_path: Path) -> None:
    _, problems = tasks_of(
        tmp_path, "序号\t任务\t牵头单位\t完成时限\n1\t甲。\t县发改局\t年底前\n2\t年底前\t乙。\n"
    )
    assert problems[0] == "plan.txt:3：这一行只有 3 列（表头 4 列），对不准，按位置读入，请核对"


# Property: the roles come out the same however they are ordered, written and numbered.

UNITS = ["县发改局", "县财政局", "县商务局", "县民政局", "县住建局", "县教育局", "县水务局"]
LEADERS = ["张三", "李四", "王五"]
NUMBERING = ["{n}、", "{n}.", "{n}．", "（{n}）", "({n})"]


@st.composite
def task_lines(draw: st.DrawFn, n: int) -> tuple[str, tuple[list[str], list[str], list[str]]]:
    lead = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=2, unique=True))
    related = draw(
        st.lists(st.sampled_from([u for u in UNITS if u not in lead]), max_size=3, unique=True)
    )
    leaders = draw(st.lists(st.sampled_from(LEADERS), max_size=2, unique=True))
    number = draw(st.sampled_from(NUMBERING)).format(n=n)
    parts = [("牵头单位", "、".join(lead))]
    parts += [("配合单位", "、".join(related))] if related else []
    parts += [("责任领导", "、".join(leaders))] if leaders else []
    parts = draw(st.permutations(parts))
    style = draw(st.sampled_from(["lines", "one line", "note", "sentence"]))
    text = f"第{n}项工作要抓好。"
    if style == "lines":
        body = f"{number}{text}\n" + "\n".join(f"{k}：{v}" for k, v in parts)
    elif style == "one line":
        body = f"{number}{text}\n" + " ".join(f"{k}：{v}" for k, v in parts)
    elif style == "note":
        body = f"{number}{text}（{'；'.join(f'{k}：{v}' for k, v in parts)}）"
    else:
        leaders = []
        said = [f"{'、'.join(lead)}{draw(st.sampled_from(['牵头', '主办', '负责']))}"]
        said += (
            [f"{'、'.join(related)}{draw(st.sampled_from(['配合', '协办', '参与']))}"]
            if related
            else []
        )
        body = f"{number}{text}（{'，'.join(said)}）"
    return body, (leaders, lead, related)


@st.composite
def plans(draw: st.DrawFn) -> list[tuple[str, tuple[list[str], list[str], list[str]]]]:
    count = draw(st.integers(min_value=1, max_value=6))
    return [draw(task_lines(n)) for n in range(1, count + 1)]


@settings(derandomize=True, max_examples=60, deadline=None)
@given(plans())
def test_roles_survive_any_order_wording_and_numbering(
    plan: list[tuple[str, tuple[list[str], list[str], list[str]]]],
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        body = PLAN + "\n".join(b for b, _ in plan) + "\n"
        tasks, _ = tasks_of(Path(folder), body)
    assert [t["id"] for t in tasks] == list(range(1, len(plan) + 1))
    assert [roles(t) for t in tasks] == [want for _, want in plan]
    assert all(t["text"].startswith(f"第{t['id']}项") for t in tasks)  # type: ignore[union-attr]


def test_a_unit_marked_as_leading_in_the_list(tmp_path: Path) -> None:
    tasks, _ = tasks_of(
        tmp_path, f"{PLAN}1.建设园区。\n责任单位：县财政局、县发改局（牵头）、县商务局\n"
    )
    assert roles(tasks[0]) == ([], ["县发改局"], ["县财政局", "县商务局"])


def test_a_leader_merged_down_in_a_pasted_table(tmp_path: Path) -> None:
    tasks, problems = tasks_of(
        tmp_path,
        "序号\t工作任务\t责任领导\t牵头单位\t配合单位\t完成时限\n"
        "1\t甲。\t张三\t县发改局\t县财政局\t年底前\n"
        "2\t乙。\t县商务局\t县财政局\t6月底前\n",
    )
    assert roles(tasks[1]) == (["张三"], ["县商务局"], ["县财政局"])
    assert "plan.txt:3：「责任领导」沿用上一项的「张三」（合并单元格），请核对" in problems


def test_later_units_that_share_the_work_are_related(tmp_path: Path) -> None:
    tasks, _ = tasks_of(
        tmp_path,
        f"{PLAN}1.扩大有效投资。（省发展改革委牵头，省财政厅、省商务厅等按职责分工负责）\n",
    )
    assert roles(tasks[0]) == ([], ["省发展改革委"], ["省财政厅", "省商务厅"])


def test_a_heading_row_numbered_in_the_number_column(tmp_path: Path) -> None:
    tasks, _ = tasks_of(
        tmp_path,
        "序号,工作任务,牵头单位\n一,稳住经济大盘,稳住经济大盘\n1,甲。,县发改局\n（一）,扩大投资,\n2,乙。,县财政局\n",
        "p.csv",
    )
    assert [(t["id"], t["section"]) for t in tasks] == [(1, "1.1"), (2, "1.2")]


def test_a_pasted_header_with_its_parent_written_once(tmp_path: Path) -> None:
    tasks, _ = tasks_of(
        tmp_path,
        "序号\t重点任务\t责任分工\t完成时限\n牵头单位\t配合单位\n1\t甲。\t县发改局\t县财政局\t年底前\n",
    )
    assert [(roles(t), t["extras"]) for t in tasks] == [
        (([], ["县发改局"], ["县财政局"]), {"完成时限": "年底前"})
    ]


def test_a_note_of_unit_names_alone(tmp_path: Path) -> None:
    tasks, _ = tasks_of(
        tmp_path,
        f"{PLAN}1.生产总值增长6%。（县发改局、县统计局）\n2.推进试点（试行）。（县财政局）\n",
    )
    assert [(t["text"], t["lead_units"]) for t in tasks] == [
        ("生产总值增长6%。", ["县发改局", "县统计局"]),
        ("推进试点（试行）。", ["县财政局"]),
    ]


def test_labels_after_the_text_on_the_task_line(tmp_path: Path) -> None:
    tasks, _ = tasks_of(
        tmp_path,
        f"{PLAN}1.新建幼儿园3所。责任单位：县教育局 配合单位：县财政局\n2.新建公园。牵头单位：县住建局\n",
    )
    assert [(t["text"], roles(t)) for t in tasks] == [
        ("新建幼儿园3所。", ([], ["县教育局"], ["县财政局"])),
        ("新建公园。", ([], ["县住建局"], [])),
    ]


@pytest.mark.parametrize(
    "rule", ["列第一位的为牵头单位", "排在第一位的为牵头单位", "排名第一的单位为牵头单位"]
)
def test_the_first_listed_rule_as_plans_word_it(tmp_path: Path, rule: str) -> None:
    tasks, _ = tasks_of(
        tmp_path,
        f"某县2024年重点工作任务分工方案（{rule}）\n{PLAN[PLAN.index(chr(10)) + 1 :]}1.建设园区。\n责任单位：县发改局、县财政局\n",
    )
    assert roles(tasks[0]) == ([], ["县发改局"], ["县财政局"])
