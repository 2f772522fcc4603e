"""`import` (source text or CSV → dataset TOML) and `export` (dataset → TOML/JSON/CSV)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fenggong.intake.names import join_fragments
from fenggong.intake.readers import parse_csv_text, parse_source_text
from fenggong.plan.document import dataset_toml
from fenggong.plan.load import load_plan
from fenggong.plan.load import load_registry as read_registry
from fenggong.plan.model import Plan
from fenggong.plan.validate import validate_text
from tests.conftest import DATA, MINI, SOURCE, Runner, run_process, subprocess_env

T = "\t"


def row(section: str, task_id: int, text: str, leaders: str, lead: str, related: str) -> str:
    return T.join([section, str(task_id), text, leaders, lead, related]) + "\n"


HEADER = "测试县人民政府文件\n\n测府〔2024〕1号\n\n2024 年县重点任务分工方案\n\n测试县人民政府\n\n2024年1月2日\n\n梳理出共 2 大类、3 大项、6 小项。\n\n"
TABLE_HEAD = "重点任务" + T + T + "责任领导" + T + "牵头单位" + T + "相关责任单位" + T + "\n"
SMALL = (
    HEADER
    + TABLE_HEAD
    + "一、稳增长（共 2 大项）" + T * 5 + "\n"
    + row("（一） 扩大 投资", 1, "扩大有效投资，推进 ＲＣＥＰ 项目。", "张三", "县发展改革局", "各镇政府，县直有关单位")
    + row("", 2, "建设东镇产业园，引进 企业。", "张 三 李四", "县工信商务局 县发展 改革局", "县人力资源 社会保障局，相关镇政府")
    + "\n" + TABLE_HEAD
    + row("(二) 稳定 外贸", 3, "=SUM(A1) 稳定外贸，不是公式。", "李四", "县工信商务局", "市生态环境局测试 分局，西杉镇政府")
    + "\n" + TABLE_HEAD
    + row("(二) 稳 外贸", 4, "推动外贸企业参展。", "李四", "工信局", "")
    + "二、惠民生（共 1 大项）" + T * 5 + "\n"
    + row("（一） 办好 教育", 5, "新建学校，改善办学条件。", "王五", "县教育局", "发改局，东、南镇政府")
    + row("", 6, "加强[bold]宣传[/]教育。", "王五", "县委宣传部", "县教育局，各镇政府")
)  # fmt: skip


@pytest.fixture(scope="module")
def registry() -> Plan:
    return read_registry(MINI)


def test_import_reproduces_the_curated_dataset_exactly(plan: Plan) -> None:
    result = parse_source_text(SOURCE.read_text(encoding="utf-8"), read_registry(DATA), str(SOURCE))
    assert result.problems == ()
    assert dataset_toml(result.document) == DATA.read_text(encoding="utf-8")
    imported, problems = validate_text(dataset_toml(result.document), "imported.toml")
    assert problems == []
    assert imported == plan


def test_import_small_table_applies_every_normalisation(registry: Plan, mini: Plan) -> None:
    result = parse_source_text(SMALL, registry, "small.txt")
    assert result.problems == ()
    plan, problems = validate_text(dataset_toml(result.document), "small.toml")
    assert problems == []
    assert plan is not None
    assert plan.tasks == mini.tasks
    assert plan.sections == mini.sections  # 稳外贸 after the page break is the same section
    assert plan.meta.title == "2024年县重点任务分工方案"
    assert plan.meta.document_number == "测府〔2024〕1号"


def test_import_reports_unknown_names_and_adds_them(registry: Plan) -> None:
    text = SMALL.replace("县委宣传部", "县委宣传科").replace("\t王五\t县教育局", "\t王六\t县教育局")
    result = parse_source_text(text, registry, "small.txt")
    assert result.problems == (
        "第 5 项：「王六」不在名录中，最接近的：王五；已作为新的责任领导加入名录，请核对",
        "第 6 项：「县委宣传科」不在名录中，最接近的：县委宣传部；已按「党群机关」加入名录，请核对",
    )
    _, problems = validate_text(dataset_toml(result.document), "x.toml")
    assert problems == []


def test_import_reports_misaligned_rows_and_totals(registry: Plan) -> None:
    text = SMALL.replace(
        row("", 6, "加强[bold]宣传[/]教育。", "王五", "县委宣传部", "县教育局，各镇政府"),
        "\t6\t只有三列\n",
    )
    result = parse_source_text(text, registry, "small.txt")
    assert result.problems == (
        "small.txt:25：这一行的列对不上（应为 大项、序号、任务、责任领导、牵头单位、相关责任单位）",
        "文件声明共 6 个小项，实际读到 5 个",
    )


def test_import_reports_declared_sections_and_duplicates(registry: Plan) -> None:
    text = SMALL.replace("一、稳增长（共 2 大项）", "一、稳增长（共 3 大项）").replace(
        "\t4\t", "\t3\t"
    )
    result = parse_source_text(text, registry, "small.txt")
    assert result.problems == (
        "第 1 大类声明共 3 大项，实际读到 2 个",
        "序号 3 出现了不止一次",
    )


def test_join_fragments() -> None:
    known = {"县人力资源社会保障局", "市生态环境局新兴分局", "刘彬"}.__contains__

    def unit_like(s: str) -> bool:
        return s.endswith(("局", "办"))

    assert join_fragments(["县人力资源", "社会保障局"], known, unit_like) == [
        "县人力资源社会保障局"
    ]
    assert join_fragments(["市生态环境局", "新兴分局"], known, unit_like) == [
        "市生态环境局新兴分局"
    ]
    assert join_fragments(["县住房城乡建", "设局", "县财政局"], known, unit_like) == [
        "县住房城乡建设局",
        "县财政局",
    ]
    assert join_fragments(["刘", "彬"], known, lambda s: len(s) >= 2) == ["刘彬"]


CSV = (
    "序号,大类,大项,任务,责任领导,牵头单位,相关责任单位\n"
    "1,一、稳增长（共 2 大项）,（一）扩大投资,扩大有效投资，推进ＲＣＥＰ项目。,张三,县发展改革局,各镇政府，县直有关单位\n"
    "2,,,建设东镇产业园，引进企业。,张三 李四,县工信商务局 县发展改革局,县人力资源社会保障局，相关镇政府\n"
)


def test_import_csv(registry: Plan) -> None:
    result = parse_csv_text(CSV, registry, "plan.csv")
    sections = result.document["sections"]
    assert sections == [{"id": "1.1", "title": "扩大投资"}]
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    assert tasks[1]["lead_units"] == ["县工信商务局", "县发展改革局"]
    assert result.problems == (
        "第 1 大类声明共 2 大项，实际读到 1 个",
        "没有找到方案的标题、发文机关、文号、成文日期，请在 [plan] 中补上",
    )


def test_import_csv_without_category_columns(registry: Plan) -> None:
    text = "\ufeff序号,任务,责任领导,牵头单位,相关责任单位\n1,扩大投资。,张三,发改局,\n"
    result = parse_csv_text(text, registry, "plan.csv")
    assert result.problems == (
        "plan.csv：没有「大类」「大项」列，全部任务归入 1.1「未分类」",
        "没有找到方案的标题、发文机关、文号、成文日期，请在 [plan] 中补上",
    )
    _, problems = validate_text(dataset_toml(result.document), "x.toml")
    assert problems == []


def test_import_csv_missing_columns(registry: Plan) -> None:
    result = parse_csv_text("序号,任务\n1,x\n", registry, "plan.csv")
    assert result.problems == ("plan.csv：缺少列 责任领导、牵头单位、相关责任单位",)


# -- the command -----------------------------------------------------------------------


def test_import_command_writes_whole_file(run: Runner, tmp_cwd: Path) -> None:
    result = run("import", str(SOURCE), "-o", "plan.toml")
    assert result.code == 0
    assert (tmp_cwd / "plan.toml").read_text(encoding="utf-8") == DATA.read_text(encoding="utf-8")
    assert result.err == "已写入 plan.toml：127 项任务。请再运行 fenggong check plan.toml\n"
    assert [p.name for p in tmp_cwd.iterdir()] == ["plan.toml"]  # no temporary left behind


def test_import_never_overwrites_without_force(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "plan.toml").write_text("keep me", encoding="utf-8")
    result = run("import", str(SOURCE), "-o", "plan.toml")
    assert (result.code, result.out) == (2, "")
    assert result.err == "fenggong: plan.toml：文件已存在，加 --force 覆盖\n"
    assert (tmp_cwd / "plan.toml").read_text(encoding="utf-8") == "keep me"
    assert run("import", str(SOURCE), "-o", "plan.toml", "--force").code == 0
    assert (tmp_cwd / "plan.toml").read_text(encoding="utf-8") == DATA.read_text(encoding="utf-8")


def test_failed_import_leaves_no_file(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "empty.txt").write_text("no table here\n", encoding="utf-8")
    result = run("import", "empty.txt", "-o", "plan.toml")
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        "fenggong: empty.txt：认不出方案的格式：找的是带「任务」「牵头单位」「责任单位」等表头的表格，"
        "或「1.任务」后跟「牵头单位：…」的段落；文件开头是：「no table here」"
    )
    assert not (tmp_cwd / "plan.toml").exists()


def test_interrupted_write_leaves_old_file_untouched(
    run: Runner, tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_cwd / "plan.toml").write_text("old", encoding="utf-8")
    real_fdopen = os.fdopen

    class Interrupted:
        """A file that takes a little text, then the user presses Ctrl-C."""

        def __init__(self, fd: int) -> None:
            self.handle = real_fdopen(fd, "wb")

        def __enter__(self) -> Interrupted:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[:100])
            raise KeyboardInterrupt

    def fdopen(fd: int, mode: str = "r", *args: object, **kwargs: object) -> object:
        return Interrupted(fd) if "w" in mode else real_fdopen(fd, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "fdopen", fdopen)
    result = run("import", str(SOURCE), "-o", "plan.toml", "--force")
    monkeypatch.undo()
    assert result.code == 130
    assert result.err == "fenggong: 已中断\n"
    assert (tmp_cwd / "plan.toml").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_cwd.iterdir()) == ["plan.toml"]


def test_import_gb18030_csv(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "plan.csv").write_bytes(CSV.encode("gb18030"))
    result = run("import", "plan.csv", "-o", "plan.toml", "--registry", str(MINI))
    assert result.code == 0
    assert "扩大有效投资" in (tmp_cwd / "plan.toml").read_text(encoding="utf-8")


# -- export ----------------------------------------------------------------------------


def test_export_toml_round_trip(run: Runner, tmp_cwd: Path, plan: Plan) -> None:
    assert run("export", "-o", "a.toml").code == 0
    assert load_plan(tmp_cwd / "a.toml") == plan
    assert (tmp_cwd / "a.toml").read_bytes() == DATA.read_bytes()


def test_export_json_round_trip(run: Runner, tmp_cwd: Path, plan: Plan) -> None:
    assert run("export", "--format", "json", "-o", "a.json").code == 0
    assert load_plan(tmp_cwd / "a.json") == plan
    assert run("check", "a.json").code == 0


@pytest.mark.parametrize("fmt", ["toml", "json", "csv"])
def test_exports_are_the_same_in_processes_with_other_hash_seeds(fmt: str) -> None:
    """Set and dict order must not leak into a file: two runs with different string hashes."""
    outputs = [
        run_process(
            ["export", "--format", fmt],
            env=subprocess_env(PYTHONHASHSEED=seed, FENGGONG_NO_CACHE="1"),
        )
        for seed in ("1", "2")
    ]
    assert [o.returncode for o in outputs] == [0, 0]
    assert outputs[0].stdout == outputs[1].stdout
    assert len(outputs[0].stdout) > 10_000


def test_filtered_export_is_a_valid_excerpt(run: Runner, tmp_cwd: Path) -> None:
    assert run("export", "--lead", "工信", "-o", "gx.toml").code == 0
    excerpt = load_plan(tmp_cwd / "gx.toml")
    assert [t.id for t in excerpt.tasks] == [2, 3, 5, 7, 12, 13, 14, 15, 16, 17, 18, 65]
    assert excerpt.meta.excerpt
    assert [s.id for s in excerpt.sections] == ["1.1", "1.2", "1.3", "1.4", "2.1", "4.3"]


def test_export_csv_has_bom_and_all_columns(run: Runner, tmp_cwd: Path) -> None:
    assert run("export", "-o", "all.csv").code == 0
    raw = (tmp_cwd / "all.csv").read_bytes()
    assert raw.startswith(
        "\ufeff序号,大类,大类名称,大项编号,大项,任务,责任领导,牵头单位,相关责任单位".encode()
    )
    assert raw.decode("utf-8-sig").count("\n") == 128


def test_json_data_file_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"plan": ', encoding="utf-8")
    _, problems = validate_text(path.read_text(encoding="utf-8"), str(path))
    assert problems == [f"{path}:1:10：JSON 语法错误：Expecting value"]


def test_import_computes_initials_of_new_names(registry: Plan) -> None:
    text = SMALL.replace("县委宣传部", "县委网信办")
    result = parse_source_text(text, registry, "small.txt")
    initials = result.document["initials"]
    assert isinstance(initials, dict)
    assert {c: initials[c] for c in "县委网信办"} == {
        "县": "x",
        "委": "w",
        "网": "w",
        "信": "x",
        "办": "b",
    }


def test_import_without_pypinyin_says_what_is_missing(
    registry: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pypinyin", None)
    result = parse_source_text(SMALL.replace("县委宣传部", "县委网信办"), registry, "small.txt")
    assert result.problems[-1] == (
        "55 个字没有拼音首字母（张三李四王五东镇西山…），拼音缩写查不到含这些字的名称；"
        "安装 pypinyin 后重新导入即可补上"
    )


def test_import_missing_source_and_unknown_export_extension(run: Runner, tmp_cwd: Path) -> None:
    missing = run("import", "none.txt", "-o", "plan.toml")
    assert (missing.code, missing.out) == (3, "")
    assert missing.err == "fenggong: none.txt：数据文件不存在\n"
    assert not (tmp_cwd / "plan.toml").exists()
    xlsx = run("export", "-o", "plan.ods")
    assert (xlsx.code, xlsx.out) == (2, "")
    assert (
        xlsx.err
        == "fenggong: 无法从扩展名「.ods」判断格式（可用 .toml、.json、.csv、.xlsx），请加 --format\n"
    )


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_export_then_import_is_the_same_dataset(run: Runner, tmp_cwd: Path, fmt: str) -> None:
    assert run("export", "-o", f"plan.{fmt}").code == 0
    assert run("import", f"plan.{fmt}", "-o", "again.toml").code == 0
    assert (tmp_cwd / "again.toml").read_bytes() == DATA.read_bytes()


def test_export_csv_imports_back_to_the_same_tasks(run: Runner, tmp_cwd: Path, plan: Plan) -> None:
    assert run("export", "-o", "plan.csv").code == 0
    result = run("import", "plan.csv", "-o", "again.toml", "--registry", str(DATA))
    assert result.code == 0, result.err
    again = load_plan(tmp_cwd / "again.toml")
    assert again.tasks == plan.tasks
    assert [(s.id, s.title) for s in again.sections] == [(s.id, s.title) for s in plan.sections]
    assert [c.title for c in again.categories] == [c.title for c in plan.categories]
    assert again.units == plan.units


def test_export_csv_keeps_numbers_and_extra_columns(run: Runner, tmp_cwd: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "id = 3\n", 'id = 3\nnumber = "（三）"\nextras = { "完成时限" = "年底前" }\n', 1
    )
    (tmp_cwd / "mine.toml").write_text(text, encoding="utf-8")
    assert run("export", "-o", "mine.csv", data=tmp_cwd / "mine.toml").code == 0
    header = (tmp_cwd / "mine.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.endswith(",原文编号,完成时限")
    result = run("import", "mine.csv", "-o", "back.toml", "--registry", str(tmp_cwd / "mine.toml"))
    assert result.code == 0, result.err
    back = load_plan(tmp_cwd / "back.toml")
    task = back.task(3)
    assert task is not None
    assert (task.number, task.extras) == ("（三）", (("完成时限", "年底前"),))
    assert back.tasks == load_plan(tmp_cwd / "mine.toml").tasks


def test_a_declared_total_not_met_is_written_for_check_to_repeat(registry: Plan) -> None:
    """The count the source declares stays in the file (the guard against lost tasks):
    written, with what `check` will say; only the importer's own faults stop the write."""
    text = SMALL.replace(
        row("", 6, "加强[bold]宣传[/]教育。", "王五", "县委宣传部", "县教育局，各镇政府"), ""
    )
    result = parse_source_text(text, registry, "small.txt")
    assert result.problems == ("文件声明共 6 个小项，实际读到 5 个",)
    assert result.invalid == ()
    assert result.unchecked == ("[plan]：声明共 6 个小项，数据中有 5 个",)
