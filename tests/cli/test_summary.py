"""`workload`, `brief`, `overlap`, `overview` and the listing commands through the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import Runner


def test_workload_unit_json_keys_and_order(run_mini: Runner) -> None:
    data = json.loads(run_mini("workload", "--format", "json").out)
    assert data[0] == {
        "name": "县发展改革局",
        "kind": "county",
        "lead": 2,
        "co_lead": 1,
        "related": 1,
        "total": 3,
    }
    names = [d["name"] for d in data]
    assert names[-3:] == ["各镇政府", "县直有关单位", "相关镇政府"]  # collectives kept apart, last


def test_workload_top_cuts_units_not_collectives(run_mini: Runner) -> None:
    result = run_mini("workload", "--top", "2", "--format", "csv")
    assert result.out == (
        "单位,类别,牵头,其中共同牵头,配合,合计\n"
        "县发展改革局,县直部门和机构,2,1,1,3\n"
        "县工信商务局,县直部门和机构,3,1,0,3\n"
        "各镇政府,集合指称,0,0,2,2\n"
        "县直有关单位,集合指称,0,0,1,1\n"
        "相关镇政府,集合指称,0,0,1,1\n"
    )


def test_workload_with_filter(run: Runner) -> None:
    result = run("workload", "--category", "4", "--top", "3", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.out)))
    assert [(r[0], r[-1]) for r in rows[1:4]] == [
        ("县住房城乡建设局", "14"),
        ("市生态环境局新兴分局", "13"),
        ("县自然资源局", "9"),
    ]


def test_workload_kind(run: Runner) -> None:
    result = run("workload", "--kind", "party", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[1] == ["县委组织部", "党群机关", "2", "1", "7", "9"]
    assert {r[1] for r in rows[1:]} == {"党群机关"}


@pytest.mark.parametrize(
    ("by", "header", "first"),
    [
        ("leader", "责任领导,任务数,牵头单位（任务数）", "李耀强,29,县发展改革局（11）、"),
        (
            "town",
            "镇,点名,各镇,相关镇(点到本镇),文中提及,相关镇(可能),确定承担,合计",
            "新城镇,12,58,0,0,16,70,86",
        ),
        (
            "category",
            "大类编号,大类,任务数,牵头单位数,参与单位数",
            "1,聚力固根基稳增长，推进经济运行向上向好,17,6,26",
        ),
        ("section", "大项编号,大项,任务数,牵头单位数,参与单位数", "1.1,千方百计稳住市场主体,4,5,"),
    ],
)
def test_workload_by(run: Runner, by: str, header: str, first: str) -> None:
    lines = run("workload", "--by", by, "--format", "csv").out.splitlines()
    assert lines[0] == header
    assert lines[1].startswith(first)


def test_workload_table_has_bars(run: Runner) -> None:
    result = run("workload", "--top", "3", "--format", "table")
    assert result.code == 0
    assert "统计 127 项任务" in result.out
    assert "集合指称（不计入排名）" in result.out
    first = next(line for line in result.out.splitlines() if "县财政局" in line)
    assert "█" * 24 in first
    ascii_table = run("workload", "--top", "3", "--format", "table", "--ascii").out
    assert "#" * 24 in ascii_table
    assert "█" not in ascii_table


def test_workload_nothing_matched(run: Runner) -> None:
    result = run("workload", "--lead", "县林长办", "--keyword", "不存在的词")
    assert (result.code, result.out) == (1, "")


def test_brief_markdown(run_mini: Runner) -> None:
    result = run_mini("brief", "发改", "--format", "md")
    assert result.code == 0
    assert result.err == "发改 → 县发展改革局\n"
    assert result.out.startswith(
        "## 县发展改革局（单位）工作简报\n\n"
        "牵头 2 项；其中共同牵头 1 项；配合 1 项；合计 3 项；经由集合指称可能涉及 0 项\n\n"
        "### 摘要（括号内为任务数）\n\n"
        "| 项目 | 内容 |\n"
        "|---|---|\n"
        "| 可邀请的单位 | 县工信商务局（1）、县人力资源社会保障局（1）、"
        "县教育局（1）、东镇政府（1）、南镇政府（1） |\n"
        "| 对口领导 | 张三（2）、李四（1）、王五（1） |\n"
        "| 涉及的镇 | 东镇（3）、南镇（2）、西山镇（1） |\n\n"
        "### 牵头的任务\n\n"
        "| 序号 | 任务 | 责任领导 | 牵头单位 | 相关责任单位 | 备注 |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | 扩大有效投资，推进ＲＣＥＰ项目。 | 张三 | 县发展改革局 | 各镇政府、县直有关单位 |  |\n"
        "| 2 | 建设东镇产业园，引进企业。 | 张三、李四 | 县工信商务局、县发展改革局 | "
        "县人力资源社会保障局、相关镇政府 | 与县工信商务局共同牵头 |\n"
    )
    assert "### 配合的任务（按牵头单位）：县教育局（1 项）\n" in result.out


def test_brief_json(run: Runner) -> None:
    data = json.loads(run("brief", "天堂", "--format", "json").out)
    assert data["kind"] == "town"
    assert data["name"] == "天堂镇"
    assert data["facts"] == {
        "named": 1,
        "all_towns": 58,
        "relevant_mentioned": 1,
        "mentioned": 0,
        "relevant_towns": 15,
    }
    parts = {p["key"]: p for p in data["parts"]}
    assert [t["id"] for t in parts["named"]["groups"][0]["tasks"]] == [85]
    assert [t["id"] for t in parts["relevant_mentioned"]["groups"][0]["tasks"]] == [22]
    # 78 is a task for every town that names 天堂镇: marked among them.
    notes = {t["id"]: t["note"] for t in parts["all_towns"]["groups"][0]["tasks"]}
    assert notes[78] == "原文点到本镇"
    assert "mentioned" not in parts


def test_brief_leader_table(run: Runner) -> None:
    result = run("brief", "李耀强", "--format", "table")
    assert result.code == 0
    assert result.out.splitlines()[0] == "李耀强（责任领导）工作简报"
    assert "分管的任务（按牵头单位）：县发展改革局（11 项）" in result.out


def test_brief_default_when_piped_is_markdown(run_mini: Runner) -> None:
    assert run_mini("brief", "李四").out.startswith("## 李四（责任领导）工作简报")


def test_brief_ambiguous_across_kinds(run_mini: Runner) -> None:
    result = run_mini("brief", "镇")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "fenggong: 「镇」可能指 5 个单位、领导或镇：东镇（镇）、西山镇（镇）、南镇（镇）、"
        "各镇政府（单位）、相关镇政府（单位）；请写得更具体一些\n"
    )


def test_brief_rejects_csv(run_mini: Runner) -> None:
    result = run_mini("brief", "东镇", "--format", "csv")
    assert (result.code, result.out) == (2, "")
    assert result.err == "fenggong: 这个命令只支持 table、md、json、xlsx、docx 格式，不支持 csv\n"


def test_overlap_csv(run_mini: Runner) -> None:
    result = run_mini("overlap", "发改", "工信", "--format", "csv")
    assert result.out == (
        "序号,大项编号,任务,牵头单位,县发展改革局,县工信商务局\n"
        "2,1.1,建设东镇产业园，引进企业。,县工信商务局、县发展改革局,牵头,牵头\n"
    )


def test_overlap_with_town_and_any(run_mini: Runner) -> None:
    result = run_mini("overlap", "发改", "东镇", "教育", "--any", "--format", "json")
    data = json.loads(result.out)
    assert [(t["id"], t["roles"]) for t in data["tasks"]] == [
        (1, {"县发展改革局": "lead", "东镇": "all_towns"}),
        (2, {"县发展改革局": "lead", "东镇": "relevant_mentioned"}),
        (5, {"县发展改革局": "related", "东镇": "named", "县教育局": "lead"}),
        (6, {"东镇": "all_towns", "县教育局": "related"}),
    ]
    assert data["pairs"] == [
        {"a": "县发展改革局", "b": "东镇", "tasks": 3},
        {"a": "县发展改革局", "b": "县教育局", "tasks": 1},
        {"a": "东镇", "b": "县教育局", "tasks": 2},
    ]


def test_overlap_table_has_matrix(run: Runner) -> None:
    result = run("overlap", "发改", "工信", "--format", "table")
    assert "共同涉及的任务（17 项）" in result.out
    assert "两两共同涉及的任务数" in result.out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("发改",), 2, "overlap 至少需要两个单位或镇"),
        (("发改", "发改局"), 2, "overlap 的名称有重复"),
        (("河头", "县林长办"), 1, "这些单位没有共同涉及的任务"),
    ],
)
def test_overlap_errors(run: Runner, args: tuple[str, ...], code: int, message: str) -> None:
    result = run("overlap", *args)
    assert (result.code, result.out) == (code, "")
    assert result.err.splitlines()[-1] == f"fenggong: {message}"


def test_overview_is_the_default_command(run: Runner) -> None:
    bare = run()
    assert bare.code == 0
    assert bare.out == run("overview").out
    assert bare.out.startswith("## 2023年县《政府工作报告》重点任务分工方案\n\n### 各大类\n")


def test_overview_json(run: Runner) -> None:
    data = json.loads(run("overview", "--format", "json").out)
    assert data["categories"][3] == {
        "number": 4,
        "title": "聚力补短板蓄优势，推进城镇建设提质提档",
        "sections": 3,
        "tasks": 26,
    }
    assert data["busiest_lead_units"][0] == {"name": "县农业农村局", "tasks": 13}
    assert len(data["leaders"]) == 11
    assert data["towns"][0]["name"] == "新城镇"


def test_overview_table(run: Runner) -> None:
    out = run("overview", "--format", "table").out
    assert out.splitlines()[0] == "2023年县《政府工作报告》重点任务分工方案（新府〔2023〕28号）"
    assert "牵头任务最多的单位" in out


# -- the listings users discover names with --------------------------------------------


def test_leaders_listing(run: Runner) -> None:
    lines = run("leaders", "--format", "csv").out.splitlines()
    assert lines[:3] == ["责任领导,任务数", "李耀强,29", "伍树全,19"]
    assert len(lines) == 12


def test_units_listing_with_kind(run: Runner) -> None:
    lines = run("units", "--kind", "enterprise", "--format", "csv").out.splitlines()
    assert lines == [
        "单位,类别,简称和异写,牵头,配合,合计",
        "新兴供电局,企业和银行,供电局,0,5,5",
        "邮政新兴县分公司,企业和银行,邮政公司,0,1,1",
        "人民银行新兴县支行,企业和银行,人民银行、人行,0,3,3",
    ]


def test_towns_listing(run: Runner) -> None:
    lines = run("towns", "--format", "csv").out.splitlines()
    assert lines[0] == "镇,异写,点名,各镇,相关镇(点到本镇),文中提及,相关镇(可能),确定承担"
    assert lines[2] == "簕竹镇,籓竹镇,1,58,0,0,16,59"
    assert len(lines) == 13


def test_sections_listing(run: Runner) -> None:
    lines = run("sections", "--format", "csv").out.splitlines()
    assert lines[1] == "1.1,千方百计稳住市场主体,聚力固根基稳增长，推进经济运行向上向好,4"
    assert len(lines) == 29


@pytest.mark.parametrize(
    "command",
    [
        "tasks",
        "show",
        "leaders",
        "units",
        "towns",
        "sections",
        "workload",
        "brief",
        "overlap",
        "overview",
        "check",
    ],
)
def test_every_command_has_chinese_help_with_example(run: Runner, command: str) -> None:
    result = run(command, "--help")
    assert result.code == 0
    assert "例：" in result.out
    assert f"fenggong {command}" in result.out


def test_version(run: Runner) -> None:
    from fenggong import __version__
    from tests.conftest import DATA

    # The run fixture names the data through FENGGONG_DATA, as a user with their own copy would.
    assert run("--version").out == (
        f"fenggong {__version__}\n数据：{DATA}（换用自己的文件：--data 文件 或环境变量 FENGGONG_DATA）\n"
    )


def test_main_help_documents_exit_codes(run: Runner) -> None:
    out = run("--help").out
    assert "退出码" in out
    assert "130" in out


def test_brief_lists_collective_references_compactly(run: Runner) -> None:
    out = run("brief", "住建", "--format", "md").out
    assert "### 可能经由集合指称涉及的任务\n\n| 集合指称 | 任务数 | 任务序号 |" in out
    assert "| 县府直属各单位 | 6 | 121、122、124、125、126、127 |" in out


def test_brief_of_a_leader_lists_a_co_led_task_once(run: Runner) -> None:
    data = json.loads(run("brief", "李耀强", "--format", "json").out)
    ids = [t["id"] for p in data["parts"] for g in p["groups"] for t in g["tasks"]]
    assert len(ids) == len(set(ids)) == data["facts"]["tasks"]
    md = run("brief", "李耀强", "--format", "md").out
    assert "；牵头单位 " in md.splitlines()[2]
    assert md.splitlines()[2].endswith(" 个")


def test_collective_references_apply_to_the_kinds_they_name(run: Runner) -> None:
    """县府直属各单位 is the government's departments: not a party organ or a power company."""
    facts = {
        unit: json.loads(run("brief", unit, "--format", "json").out)["facts"]["collective"]
        for unit in ("县财政局", "县委宣传部", "新兴供电局")
    }
    assert facts["县财政局"] > facts["县委宣传部"] > facts["新兴供电局"]
    groups = json.loads(run("brief", "新兴供电局", "--format", "json").out)
    names = [g["heading"] for p in groups["parts"] if p["key"] == "collective" for g in p["groups"]]
    assert not any("县府直属" in n or "县直" in n or "行政执法" in n for n in names)
