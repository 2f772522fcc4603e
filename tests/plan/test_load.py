"""`load.py` and `fenggong check`: every kind of curator mistake, by exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from fenggong.errors import DatasetError
from fenggong.files import MAX_BYTES, read_text
from fenggong.plan.load import load_plan
from fenggong.plan.validate import validate_text
from tests.conftest import DATA, MINI, Runner

BASE = MINI.read_text(encoding="utf-8")


def problems_of(text: str) -> list[str]:
    plan, problems = validate_text(text, "x.toml")
    assert (plan is None) == bool(problems)
    return problems


def test_fixture_and_real_data_are_clean() -> None:
    assert problems_of(BASE) == []
    assert problems_of(DATA.read_text(encoding="utf-8")) == []


def test_the_loaded_plan_is_read_only_and_compares_by_content() -> None:
    plan = load_plan(MINI)
    with pytest.raises(AttributeError, match="read-only"):
        plan.tasks = ()  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        del plan.meta  # type: ignore[misc]
    with pytest.raises(AttributeError):
        plan.tasks[0].text = "改过"  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(plan)
    again = load_plan(MINI)
    assert again == plan
    assert again is not plan
    assert again != load_plan(DATA)
    assert repr(plan) == "Plan('测试方案', 6 tasks)"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            'id = 1\nsection = "1.1"',
            'id = 1\nowner = "x"\nsection = "1.1"',
            [
                "x.toml:98：第 1 项：未知的键「owner」（可用：id、section、text、leaders、lead_units、related_units、number、extras、deadline）"
            ],
            id="unknown-key",
        ),
        pytest.param(
            'id = 1\nsection = "1.1"\n',
            "id = 1\n",
            ["x.toml:96：第 1 项：缺少键「section」"],
            id="missing-key",
        ),
        pytest.param(
            'leaders = ["王五"]\nlead_units = ["县委宣传部"]',
            'leaders = "王五"\nlead_units = ["县委宣传部"]',
            ["x.toml:140：第 6 项：「leaders」应为数组，实际是字符串"],
            id="wrong-type",
        ),
        pytest.param(
            "id = 4\n",
            "id = 3\n",
            ["x.toml:120：第 3 项：任务序号 3 重复出现", "x.toml：缺少序号为 4 的任务"],
            id="duplicate-id",
        ),
        pytest.param(
            "id = 6\n",
            "id = 8\n",
            ["x.toml：缺少序号为 6、7 的任务"],
            id="missing-ids",
        ),
        pytest.param(
            'id = 4\nsection = "1.2"',
            'id = 4\nsection = "1.9"',
            ["x.toml:122：第 4 项：大项「1.9」不存在，是不是「1.1」？"],
            id="unknown-section",
        ),
        pytest.param(
            'lead_units = ["县教育局"]',
            'lead_units = ["县教育厅"]',
            ["x.toml:133：第 5 项：牵头单位「县教育厅」不在名录中，是不是「县教育局」？"],
            id="unknown-unit",
        ),
        pytest.param(
            'leaders = ["王五"]\nlead_units = ["县教育局"]',
            'leaders = ["王武"]\nlead_units = ["县教育局"]',
            ["x.toml:132：第 5 项：责任领导「王武」不在名录中，是不是「王五」？"],
            id="unknown-leader",
        ),
        pytest.param(
            '"东镇政府", "南镇政府"',
            '"东镇政府", "北镇政府"',
            ["x.toml:134：第 5 项：相关责任单位「北镇政府」不在名录中，是不是「东镇政府」？"],
            id="unknown-town",
        ),
        pytest.param(
            'aliases = ["工信局"]',
            'aliases = ["工信局", "发改局"]',
            ["x.toml:62：单位「县工信商务局」：别名「发改局」已属于单位「县发展改革局」"],
            id="alias-collision",
        ),
        pytest.param(
            'aliases = ["西杉镇"]',
            'aliases = ["东镇"]',
            [
                "x.toml:49：镇「西山镇」：别名「东镇」已属于镇「东镇」",
                "x.toml:49：镇「西山镇」：别名「东镇政府」已属于单位「东镇政府」",
            ],
            id="town-alias-collision",
        ),
        pytest.param(
            'related_units = ["县人力资源社会保障局", "相关镇政府"]',
            'related_units = ["人社局", "相关镇政府"]',
            [
                "x.toml:110：第 2 项：相关责任单位「人社局」是别名，请写规范名称「县人力资源社会保障局」"
            ],
            id="alias-used-in-task",
        ),
        pytest.param(
            "declared_tasks = 6",
            "declared_tasks = 7",
            ["x.toml:10：[plan]：声明共 7 个小项，数据中有 6 个"],
            id="declared-tasks",
        ),
        pytest.param(
            'title = "惠民生"\ndeclared_sections = 1',
            'title = "惠民生"\ndeclared_sections = 2',
            ["x.toml:20：第 2 大类：声明共 2 个大项，数据中有 1 个"],
            id="declared-sections",
        ),
        pytest.param(
            'kind = "party"',
            'kind = "partei"',
            [
                "x.toml:75：单位「县委宣传部」：未知的类别「partei」，应为 county、party、branch、enterprise、collective 之一"
            ],
            id="unknown-kind",
        ),
        pytest.param(
            'name = "县教育局"',
            'name = "县教育 局"',
            [
                "x.toml:70：单位「县教育 局」：名称「县教育 局」含有空白字符或为空",
                "x.toml:133：第 5 项：牵头单位「县教育局」不在名录中，是不是「县教育 局」？",
                "x.toml:142：第 6 项：相关责任单位「县教育局」不在名录中，是不是「县教育 局」？",
            ],
            id="whitespace-in-name",
        ),
        pytest.param(
            'lead_units = ["县委宣传部"]',
            "lead_units = []",
            ["x.toml:141：第 6 项：「lead_units」至少要有一个牵头单位"],
            id="no-lead-unit",
        ),
        pytest.param(
            'lead_units = ["县委宣传部"]',
            'lead_units = ["县委宣传部", "县委宣传部"]',
            ["x.toml:141：第 6 项：牵头单位「县委宣传部」重复列出"],
            id="unit-listed-twice",
        ),
        pytest.param(
            'id = "2.1"',
            'id = "二.1"',
            [
                "x.toml:32：大项 二.1：大项编号「二.1」应形如 3.2（大类.大项）",
                "x.toml:130：第 5 项：大项「2.1」不存在，是不是「1.1」？",
                "x.toml:138：第 6 项：大项「2.1」不存在，是不是「1.1」？",
                "x.toml:20：第 2 大类：声明共 1 个大项，数据中有 0 个",
            ],
            id="bad-section-id",
        ),
        pytest.param(
            'title = "稳增长"',
            'title = "稳增长',
            ["x.toml:14:13：TOML 语法错误：Illegal character '\\n'"],
            id="toml-syntax",
        ),
    ],
)
def test_each_mistake_is_reported_exactly(old: str, new: str, expected: list[str]) -> None:
    assert old in BASE
    assert problems_of(BASE.replace(old, new, 1)) == expected


def test_unknown_top_level_key() -> None:
    assert problems_of(BASE + "\n[extra]\nx = 1\n") == [
        "x.toml：未知的顶层键「extra」（应为 plan、categories、sections、leaders、towns、units、tasks、initials）"
    ]


def test_duplicate_unit() -> None:
    text = BASE + '\n[[units]]\nname = "县教育局"\nkind = "county"\n'
    assert problems_of(text) == ["x.toml:145：单位「县教育局」：与前面的同名单位重复"]


def test_all_problems_reported_in_one_run() -> None:
    text = BASE.replace('lead_units = ["县教育局"]', 'lead_units = ["县教育厅"]').replace(
        "declared_tasks = 6", "declared_tasks = 9"
    )
    assert len(problems_of(text)) == 2


def test_empty_file() -> None:
    assert problems_of("") == ["x.toml：文件是空的"]
    assert problems_of("  \n") == ["x.toml：文件是空的"]


def test_missing_tables() -> None:
    assert problems_of("x = 1\n") == [
        "x.toml：未知的顶层键「x」（应为 plan、categories、sections、leaders、towns、units、tasks、initials）",
        "x.toml：缺少 [plan] 表（方案标题、文号、声明的总数）",
        "x.toml：缺少 [[categories]] 表",
        "x.toml：缺少 [[sections]] 表",
        "x.toml：缺少 [[leaders]] 表",
        "x.toml：缺少 [[towns]] 表",
        "x.toml：缺少 [[units]] 表",
        "x.toml：缺少 [[tasks]] 表",
    ]


def test_bool_is_not_an_integer() -> None:
    assert problems_of(BASE.replace("id = 6\n", "id = true\n")) == [
        "x.toml:137：[[tasks]] 第 6 个：「id」应为整数，实际是布尔值"
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatasetError) as info:
        load_plan(tmp_path / "nope.toml")
    assert info.value.message == f"{tmp_path / 'nope.toml'}：数据文件不存在"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(DatasetError) as info:
        read_text(tmp_path)
    assert info.value.message == f"{tmp_path}：这是一个目录，不是数据文件"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes("# 注释\n".encode() + BASE.encode("gbk"))
    with pytest.raises(DatasetError) as info:
        read_text(path)
    assert info.value.message == f"{path}:5：不是 UTF-8 编码的文本，请以 UTF-8 保存"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    assert len(load_plan(path).tasks) == 6


def test_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(80 * 1024 * 1024)
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(DatasetError) as info:
        read_text(path)
    assert info.value.message == f"{path}：文件太大（80.0 MB，上限 64 MB），不像是分工方案数据"


def test_check_command_clean(run: Runner) -> None:
    result = run("check", str(DATA))
    assert result.code == 0
    assert result.out == (
        f"{DATA}：没有发现问题。8 个大类、28 个大项、127 项任务；"
        "79 个单位（另有 12 个镇政府）、11 位责任领导、12 个镇。\n"
    )


def test_check_command_lists_every_problem(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    text = BASE.replace('lead_units = ["县教育局"]', 'lead_units = ["县教育厅"]')
    path.write_text(text.replace("declared_tasks = 6", "declared_tasks = 9"), encoding="utf-8")
    result = run("check", str(path))
    assert result.code == 3
    # Entries first, in file order, then the declared totals that the entries contradict.
    assert result.out.splitlines() == [
        f"{path}:133：第 5 项：牵头单位「县教育厅」不在名录中，是不是「县教育局」？",
        f"{path}:10：[plan]：声明共 9 个小项，数据中有 6 个",
    ]
    assert result.err == f"fenggong: {path}：发现 2 个问题\n"


def test_bad_data_file_in_any_command_exits_3(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("x = [", encoding="utf-8")
    result = run("tasks", data=path)
    assert result.code == 3
    assert result.out == ""
    assert result.err == f"fenggong: {path}:1：TOML 语法错误：Invalid value\n"
    assert "Traceback" not in result.err


def test_missing_data_file_exits_3(run: Runner, tmp_path: Path) -> None:
    result = run("tasks", data=tmp_path / "none.toml")
    assert (result.code, result.out) == (3, "")
    assert result.err == f"fenggong: {tmp_path / 'none.toml'}：数据文件不存在\n"


BAD_FILES = {
    "empty": (b"", "：文件是空的"),
    "not-utf8": ("# 说明\n".encode("gbk"), ":1：不是 UTF-8 编码的文本，请以 UTF-8 保存"),
    "syntax": (b"[plan\n", ":1:6：TOML 语法错误：Expected ']' at the end of a table declaration"),
    "wrong-type": (
        BASE.replace("id = 6\n", 'id = "6"\n').encode(),
        ":137：第 6 项：「id」应为整数，实际是字符串",
    ),
    "missing-key": (
        BASE.replace('title = "稳增长"\n', "").encode(),
        ":12：第 1 大类：缺少键「title」",
    ),
    "unknown-key": (
        BASE.replace('title = "稳增长"\n', 'title = "稳增长"\ncolour = "red"\n').encode(),
        ":15：第 1 大类：未知的键「colour」（可用：number、title、declared_sections）",
    ),
    "duplicate-id": (
        BASE.replace("id = 4\n", "id = 3\n").encode(),
        ":120：第 3 项：任务序号 3 重复出现",
    ),
    "unknown-section": (
        BASE.replace('id = 4\nsection = "1.2"', 'id = 4\nsection = "9.9"').encode(),
        ":122：第 4 项：大项「9.9」不存在\n",
    ),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_every_command_reports_a_bad_data_file_in_one_line(
    run: Runner, tmp_path: Path, kind: str
) -> None:
    raw, message = BAD_FILES[kind]
    path = tmp_path / "bad.toml"
    path.write_bytes(raw)
    for args in (("tasks",), ("workload",), ("brief", "x")):
        result = run(*args, data=path)
        assert (result.code, result.out) == (3, ""), args
        assert result.err.count("\n") == 1
        assert result.err.startswith(f"fenggong: {path}{message}")
        assert "Traceback" not in result.err


def test_directory_and_huge_file_through_the_cli(run: Runner, tmp_path: Path) -> None:
    assert run("tasks", data=tmp_path).err == f"fenggong: {tmp_path}：这是一个目录，不是数据文件\n"
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(80 * 1024 * 1024)
    result = run("tasks", data=huge)
    assert result.code == 3
    assert result.err == f"fenggong: {huge}：文件太大（80.0 MB，上限 64 MB），不像是分工方案数据\n"


def test_initials_table_is_checked() -> None:
    text = BASE + '\n[initials]\n"县" = "x"\n"教育" = "jy"\n"局" = "J"\n'
    assert problems_of(text) == [
        "x.toml：[initials]：键「教育」应是单个汉字",
        'x.toml：[initials]：「局」的值应是小写拼音首字母，如 "x" 或 "zc"',
    ]
    plan, _ = validate_text(BASE + '\n[initials]\n"县" = "x"\n', "x.toml")
    assert plan is not None
    assert plan.initials == (("县", "x"),)


def test_a_generalised_plan_loads_and_round_trips(tmp_path: Path, run: Runner) -> None:
    """No leaders, 街道, the document's own numbers and extra columns, place and level."""
    text = (
        BASE.replace('leaders = ["李四"]', "leaders = []", 1)
        .replace("issued = 2024-01-02", 'issued = 2024-01-02\nplace = "测试区"\nlevel = "district"')
        .replace('[[towns]]\nname = "西山镇"', '[[towns]]\nname = "西山街道"')
        .replace('"西山镇政府"', '"西山街道办事处"')
        .replace(
            "id = 3\n",
            'id = 3\nnumber = "（三）"\nextras = { "完成时限" = "年底前", "指标要求" = "=1" }\n',
            1,
        )
    )
    path = tmp_path / "general.toml"
    path.write_text(text, encoding="utf-8")
    assert problems_of(text) == []
    plan = load_plan(path)
    task = plan.task(3)
    assert task is not None
    assert (task.number, task.extras) == ("（三）", (("完成时限", "年底前"), ("指标要求", "=1")))
    assert (plan.meta.place, plan.meta.level) == ("测试区", "district")
    assert [t.government for t in plan.towns] == ["东镇政府", "西山街道办事处", "南镇政府"]
    assert run("export", "-o", str(tmp_path / "again.toml"), data=path).code == 0
    assert load_plan(tmp_path / "again.toml") == plan
