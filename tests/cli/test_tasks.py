"""`fenggong tasks` and `show`: exact task ids per filter, formats, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from fenggong.plan.model import Plan
from tests.conftest import Runner


def ids_of(csv_text: str) -> list[int]:
    rows = list(csv.reader(io.StringIO(csv_text.removeprefix("\ufeff"))))
    assert rows[0][0] in ("序号", "id")
    return [int(r[0]) for r in rows[1:]]


# -- filters on the fixture plan -----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), [1, 2, 3, 4, 5, 6]),
        (("--lead", "工信"), [2, 3, 4]),
        (("--lead", "发改局", "--lead", "教育"), [1, 2, 5]),
        (("--unit", "发改"), [1, 2, 5]),
        (("--leader", "李四", "--leader", "王五"), [2, 3, 4, 5, 6]),
        (("--leader", "李四", "--leader", "王五", "--category", "1"), [2, 3, 4]),
        # Task 2 says 相关镇政府 and its text names 东镇: 东镇's task by default.
        (("--town", "东镇"), [1, 2, 5, 6]),
        (("--town", "东镇", "--basis", "relevant_mentioned"), [2]),
        (("--town", "南镇", "--basis", "relevant_towns"), [2]),
        (("--town", "东镇", "--all-bases"), [1, 2, 5, 6]),
        (("--town", "西杉"), [1, 3, 6]),
        (("--town", "东镇", "--town", "西山"), [1, 2, 3, 5, 6]),
        (("--keyword", "rcep"), [1]),
        (("--keyword", "宣 传"), [6]),
        (("--keyword", "外贸", "--keyword", "学校"), [3, 4, 5]),
        (("--category", "2"), [5, 6]),
        (("--section", "1.2"), [3, 4]),
        (("--section", "１．２"), [3, 4]),
        (("--section", "1.1", "--section", "2.1", "--unit", "教育"), [5, 6]),
    ],
)
def test_filters_on_fixture(run_mini: Runner, args: tuple[str, ...], expected: list[int]) -> None:
    result = run_mini("tasks", *args, "--format", "csv")
    assert result.code == 0, result.err
    assert ids_of(result.out) == expected


def test_abbreviation_is_announced_on_stderr(run_mini: Runner) -> None:
    result = run_mini("tasks", "--lead", "工信", "--format", "csv")
    assert result.err == "工信 → 县工信商务局\n"
    exact = run_mini("tasks", "--lead", "县工信商务局", "--format", "csv")
    assert exact.err == ""


def test_role_and_basis_columns(run_mini: Runner) -> None:
    result = run_mini("tasks", "--unit", "发改", "--town", "东镇", "--all-bases", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0][-2:] == ["角色", "依据"]
    assert [(r[0], r[-2], r[-1]) for r in rows[1:]] == [
        ("1", "牵头", "各镇"),
        ("2", "牵头", "相关镇(点到本镇)"),
        ("5", "配合", "点名"),
    ]


def test_several_units_give_each_role(run_mini: Runner) -> None:
    result = run_mini(
        "tasks", "--unit", "发改", "--unit", "人社", "--section", "1.1", "--format", "json"
    )
    data = json.loads(result.out)
    assert [(d["id"], d["role"], d["roles"]) for d in data] == [
        (1, "lead", {"县发展改革局": "lead"}),
        (2, "lead", {"县发展改革局": "lead", "县人力资源社会保障局": "related"}),
    ]


# -- filters on the real plan (checked against the source by hand) ---------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--lead", "工信"), [2, 3, 5, 7, 12, 13, 14, 15, 16, 17, 18, 65]),
        (("--leader", "徐广志"), [43, 45, 46, 47, 57, 62, 68, 102, 108]),
        (("--leader", "刘 彬"), [29, 30, 55, 59, 64]),
        # 22 says 相关镇政府 and names 天堂镇: its strongest basis (78 and 85 count as 各镇, 点名).
        (("--town", "天堂", "--basis", "relevant_mentioned"), [22]),
        (("--town", "天堂", "--basis", "mentioned"), []),
        (("--town", "天堂", "--basis", "named"), [85]),
        (("--town", "籓竹", "--basis", "named"), [85]),
        (("--town", "水台", "--basis", "named"), [7, 10, 24]),
        (("--town", "大江", "--basis", "named"), []),
        (
            ("--unit", "住建", "--category", "4"),
            [43, 44, 45, 46, 47, 50, 55, 56, 57, 58, 59, 60, 62, 68],
        ),
        (("--lead", "农业农村", "--leader", "伍树全", "--section", "5.3"), [74, 75, 77]),
        (("--keyword", "污水"), [57, 59]),
        (("--keyword", "ｒｃｅｐ"), [15]),
        (("--unit", "生态环境", "--lead", "工信"), [7, 65]),
        (("--lead", "乡村振兴局"), [48, 49]),
    ],
)
def test_filters_on_real_plan(run: Runner, args: tuple[str, ...], expected: list[int]) -> None:
    result = run("tasks", *args, "--format", "csv")
    if expected:
        assert result.code == 0, result.err
        assert ids_of(result.out) == expected
    else:
        assert (result.code, result.out) == (1, "")


def test_town_default_is_named_plus_all_towns(run: Runner) -> None:
    result = run("tasks", "--town", "新城", "--format", "csv")
    ids = ids_of(result.out)
    assert len(ids) == 58 + 12
    named = [27, 33, 43, 44, 45, 46, 47, 57, 63, 85, 90, 112]
    assert set(named) <= set(ids)


def test_dajiang_carries_every_all_towns_task(run: Runner) -> None:
    result = run("tasks", "--town", "大江镇", "--format", "csv")
    assert len(ids_of(result.out)) == 58


def test_no_filter_lists_all_127(run: Runner) -> None:
    assert ids_of(run("tasks", "--format", "csv").out) == list(range(1, 128))


def test_fuzzy_ranks_by_similarity(run: Runner) -> None:
    result = run("tasks", "-k", "污水", "--fuzzy", "--limit", "1", "--format", "json")
    data = json.loads(result.out)
    assert [d["score"] for d in data] == [100.0]  # --limit cuts the list
    spread = json.loads(run("tasks", "-k", "生活管网", "--fuzzy", "--format", "json").out)
    assert spread[0]["id"] == 57  # 生活污水管网: the characters in order, close together
    assert spread[0]["score"] >= spread[-1]["score"]


def test_fuzzy_finds_an_abbreviation_and_has_a_floor(run: Runner) -> None:
    found = json.loads(run("tasks", "-k", "三甲", "--fuzzy", "--format", "json").out)
    assert [(d["id"], d["score"]) for d in found] == [(85, 66.7)]  # 三级甲等
    nothing = run("tasks", "-k", "航天飞机", "--fuzzy")
    assert (nothing.code, nothing.out) == (1, "")
    assert (
        nothing.err == "fenggong: 「航天飞机」无可靠匹配（试试换个说法，或去掉 --fuzzy 按原文查）\n"
    )


def test_fuzzy_needs_keyword(run: Runner) -> None:
    result = run("tasks", "--fuzzy")
    assert (result.code, result.out) == (2, "")
    assert result.err == "fenggong: --fuzzy 需要配合 --keyword 使用\n"


# -- errors and exit codes ------------------------------------------------------------


def test_nothing_matched_exits_1_with_empty_stdout(run_mini: Runner) -> None:
    result = run_mini("tasks", "--lead", "教育", "--category", "1")
    assert (result.code, result.out) == (1, "")
    assert result.err == "教育 → 县教育局\nfenggong: 没有符合条件的任务\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--lead", ""), "单位名称不能为空"),
        (("--leader", "梁"), "「梁」可能指 3 个责任领导：梁志莲、梁雄伟、梁福慧；请写得更具体一些"),
        (("--town", "北京"), "未找到镇「北京」（运行 fenggong towns 查看全部）"),
        (("--category", "9"), "没有大类「9」（本方案共 8 个大类，编号 1–8，也可写 四 或大类名称）"),
        (
            ("--section", "3.9"),
            "没有大项「3.9」（编号形如 3.2 或 三（二），也可写大项名称；运行 fenggong sections 查看全部）",
        ),
        (("--columns", "id,owner"), None),
        (
            ("-o", "out.ods"),
            "无法从扩展名「.ods」判断格式（可用 .csv、.tsv、.txt、.json、.jsonl、.ndjson、.md、.markdown、.xlsx、.docx），请加 --format",
        ),
    ],
)
def test_usage_errors_exit_2(
    run: Runner, args: tuple[str, ...], message: str | None, tmp_cwd: Path
) -> None:
    result = run("tasks", *args)
    assert (result.code, result.out) == (2, "")
    assert result.err.count("\n") == 1
    if message is not None:
        assert result.err == f"fenggong: {message}\n"
    else:
        assert result.err.startswith("fenggong: 未知的列「owner」（可用：id、category")


def test_unknown_option(run: Runner) -> None:
    result = run("tasks", "--lead-unit", "工信")
    assert (result.code, result.out) == (2, "")
    assert (
        result.err
        == "fenggong: 没有这个选项：--lead-unit，是不是 --unit、--lead、--leader？（用 --help 查看用法）\n"
    )


def test_bad_option_value(run: Runner) -> None:
    result = run("workload", "--top", "x")
    assert (result.code, result.out) == (2, "")
    assert result.err == "fenggong: --top 的值「x」不对：应为整数\n"


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (("--category", "六"), [79]),
        (("--category", "第六大类"), [79]),
        (("--section", "六（一）"), [79, 80, 81]),
        (("--section", "优先稳保就业"), [79, 80, 81]),
        (("--section", "6（1）"), [79, 80, 81]),
    ],
)
def test_categories_and_sections_as_the_document_writes_them(
    run: Runner, args: tuple[str, ...], ids: list[int]
) -> None:
    result = run("tasks", *args, "--format", "json")
    assert result.code == 0, result.err
    assert [t["id"] for t in json.loads(result.out)][: len(ids)] == ids


def test_unknown_command(run: Runner) -> None:
    result = run("taks")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("fenggong: ")


# -- show ------------------------------------------------------------------------------


def test_show_one_task(run: Runner) -> None:
    result = run("show", "85", "--format", "json")
    (data,) = json.loads(result.out)
    assert data["id"] == 85
    assert data["section_title"] == "建设健康新兴"
    assert data["related_units"][-3:] == ["簕竹镇政府", "天堂镇政府", "新城镇政府"]
    # One task schema: the keys of `tasks` (town_bases as `tasks --town` gives them).
    tasks = json.loads(run("tasks", "--town", "新城", "--town", "天堂", "-f", "json").out)
    (same,) = [t for t in tasks if t["id"] == 85]
    assert set(data) == {*same} - {"town_basis"}
    assert data["town_bases"] == {"新城镇": "named", "簕竹镇": "named", "天堂镇": "named"}


def test_show_table_groups_related_units_by_kind(run: Runner) -> None:
    result = run("show", "106", "--format", "table")
    assert result.code == 0
    assert "配合：党群机关" in result.out
    assert "县委宣传部、县人武部" in result.out
    assert "配合：镇政府" not in result.out
    assert "配合：集合指称" in result.out
    lines = [line for line in result.out.splitlines() if "涉及的镇" in line]
    assert len(lines) == 1


def test_show_on_a_narrow_terminal_keeps_names_whole(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = run("show", "2", "--format", "table").out
    lines = [line.strip() for line in out.splitlines()]
    at = lines.index("牵头单位               县工信商务局、县农业农村局、")
    assert lines[at + 1] == "县文广旅体局"
    at = lines.index("配合：县直部门和机构   县发展改革局、县科技局、")
    assert lines[at + 1 : at + 3] == ["县市场监管局、", "县人力资源社会保障局、县金融办"]


def test_show_unknown_id(run: Runner) -> None:
    result = run("show", "128")
    assert (result.code, result.out) == (2, "")
    assert result.err == "fenggong: 没有第 128 项任务（本方案共 127 项，序号 1–127）\n"


def test_show_piped_defaults_to_markdown(run: Runner) -> None:
    result = run("show", "57")
    assert result.out.startswith("| 序号 | 大类 | 大类名称 | 大项编号 | 大项 | 任务 |")
    assert (
        "| 57 | 4 | 聚力补短板蓄优势，推进城镇建设提质提档 | 4.3 | 擦亮新兴生态底色 |" in result.out
    )
    assert result.out.rstrip().endswith("| 新城镇：点名 |")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("tasks", "住建"),
            "多余的参数：住建。要查牵头单位请写 --lead 住建，参与单位 --unit 住建，镇 --town 住建，"
            "领导 --leader 住建，关键词 -k 住建",
        ),
        (
            ("住建",),
            "没有「住建」这个命令（命令有：tasks、show、leaders、units、towns、sections、workload、"
            "brief、overlap、overview、import、export、check、deadline、progress、ledger、collect、status、"
            "notice、summary、remind）；要看某个单位、领导或镇，请写 fenggong brief 住建",
        ),
        (("show",), "缺少任务序号，如 fenggong show 57（用 --help 查看用法）"),
        (("show", "x"), "任务序号「x」看不懂：请写 57、57,58 或 57-60"),
        (
            ("show", "60-57"),
            "任务序号范围「60-57」不对：请写 57-60 这样从小到大、不超过 1000 项的范围",
        ),
        (
            ("workload", "--by", "x"),
            "--by 的值「x」不对：应为 unit、leader、town、category、section 之一",
        ),
    ],
)
def test_every_message_is_chinese_and_says_the_fix(
    run: Runner, args: tuple[str, ...], message: str
) -> None:
    result = run(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"fenggong: {message}\n"


@pytest.mark.parametrize(
    "ids", [("57-60",), ("57,58,59,60",), ("57", "58", "59", "60"), ("５７－６０",)]
)
def test_show_takes_ids_as_staff_write_them(run: Runner, ids: tuple[str, ...]) -> None:
    result = run("show", *ids, "--format", "json")
    assert result.code == 0, result.err
    assert [t["id"] for t in json.loads(result.out)] == [57, 58, 59, 60]


def test_each_basis_means_one_thing_in_every_command(run: Runner, plan: Plan) -> None:
    """towns, tasks --basis and brief count a town's tasks alike: each under its strongest
    basis."""
    from fenggong.plan.kinds import TownBasis

    towns = {r["name"]: r for r in json.loads(run("towns", "--format", "json").out)}
    for town in plan.towns:
        brief = json.loads(run("brief", town.name, "--format", "json").out)
        for basis in TownBasis:
            listed = run("tasks", "--town", town.name, "--basis", basis.value, "--format", "json")
            count = len(json.loads(listed.out)) if listed.code == 0 else 0
            assert towns[town.name][basis.value] == count == brief["facts"][basis.value], (
                town,
                basis,
            )


def test_a_town_answer_says_what_the_other_bases_would_add(run: Runner) -> None:
    result = run("tasks", "--town", "天堂", "--columns", "id,town_basis", "--format", "csv")
    assert result.code == 0
    assert (
        result.err
        == "天堂 → 天堂镇\n另有 15 项写的是“相关镇政府”（未点到本镇），加 --all-bases 一并查看\n"
    )
    rows = result.out.splitlines()
    assert len(rows) == 1 + 60
    assert "22,相关镇(点到本镇)" in rows
    table = run("tasks", "--town", "天堂", "--format", "table")
    assert table.out.rstrip().endswith(
        "共 60 项；另有 15 项写的是“相关镇政府”（未点到本镇），加 --all-bases 一并查看"
    )
    everything = run("tasks", "--town", "天堂", "--all-bases", "--format", "csv")
    assert everything.err == "天堂 → 天堂镇\n"
    assert len(everything.out.splitlines()) == 1 + 75


def test_a_unit_that_leads_nothing_says_where_it_co_operates(run: Runner) -> None:
    result = run("tasks", "--lead", "消防")
    assert (result.code, result.out) == (1, "")
    assert (
        result.err
        == "消防 → 县消防救援大队\nfenggong: 县消防救援大队没有牵头的任务，配合 2 项（用 --unit 县消防救援大队 查看）\n"
    )


def test_a_town_given_as_a_unit_is_asked_as_a_town(run: Runner) -> None:
    result = run("tasks", "--unit", "天堂", "--format", "csv")
    assert result.code == 0
    assert result.err.splitlines()[1] == (
        "天堂镇按镇查：含点名、各镇政府、相关镇政府且点到本镇的任务（只看点名的请写 --town 天堂镇 --basis named）"
    )
    assert len(result.out.splitlines()) == 1 + 60


def test_workload_by_unit_points_towns_to_by_town(run: Runner) -> None:
    result = run("workload", "--format", "csv")
    names = [line.split(",")[0] for line in result.out.splitlines()]
    assert "天堂镇政府" not in names
    assert "各镇政府" in names  # collective references are still listed apart
    table = run("workload", "--format", "table")
    assert "统计 127 项任务；镇的任务量请用 --by town 查看（含各镇政府的任务）" in table.out


def test_one_schema_for_a_task_in_every_command(run: Runner) -> None:
    """tasks, show and export describe a task with the same keys, types and headers."""
    listed = {t["id"]: t for t in json.loads(run("tasks", "--format", "json").out)}
    shown = json.loads(run("show", "57", "--format", "json").out)[0]
    # show adds each town the task involves, under the key `tasks --town` gives it
    assert shown.pop("town_bases") == {"新城镇": "named"}
    assert shown == listed[57]
    headers = [
        run(*args, "--format", "csv").out.splitlines()[0] for args in (("tasks",), ("show", "57"))
    ]
    assert headers[1].startswith(headers[0])
    exported = run("export", "--format", "csv").out.splitlines()[0]
    assert exported == headers[0]


def test_an_office_hosted_by_the_unit_asked(run: Runner) -> None:
    """县河长办 is set up in 县水务局 (河长制): said, and counted with --hosted."""
    result = run("tasks", "--lead", "水务", "--columns", "id", "--format", "csv")
    assert result.out.splitlines()[1:] == ["9", "26", "56"]
    assert (
        result.err == "水务 → 县水务局\n县河长办（设在县水务局）另牵头 1 项，加 --hosted 一并列出\n"
    )
    hosted = run("tasks", "--lead", "水务", "--hosted", "--columns", "id", "--format", "csv")
    assert hosted.out.splitlines()[1:] == ["9", "26", "52", "56"]


def test_keyword_also_finds_tasks_by_their_section_title(run: Runner) -> None:
    # 81 never says 就业 but sits under 优先稳保就业; the column says why it came up.
    result = run("tasks", "-k", "就业", "--columns", "id,section_title,matched_in", "-f", "csv")
    assert result.code == 0
    assert result.out.removeprefix("\ufeff").splitlines() == [
        "序号,大项,关键词出现在",
        "79,优先稳保就业,任务原文",
        "80,优先稳保就业,任务原文",
        "81,优先稳保就业,大项名称",
        "99,提升社保水平,任务原文",
    ]
    plain = run("tasks", "-k", "污水", "-f", "csv")
    assert "关键词出现在" not in plain.out.splitlines()[0]
