"""The five real plans in ../shared/plans, as a user has them (pasted text and CSV with the
document's own headers), imported field by field against the hand-checked expectations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fenggong.intake.readers import read_plan
from fenggong.plan.document import dataset_toml
from fenggong.plan.load import load_plan
from fenggong.plan.validate import validate_text
from tests.conftest import SHARED, Runner

PLANS = SHARED / "plans"
pytestmark = pytest.mark.shared
NAMES = ["guangdong-2021", "jiayu-2021", "lishan-2023", "nanling-2024", "tongxiang-2020"]
LAYOUTS = {
    "guangdong-2021": "段落",
    "jiayu-2021": "段落",
    "lishan-2023": "段落",
    "nanling-2024": "表格",
    "tongxiang-2020": "段落",
}


def expected(name: str) -> dict[str, object]:
    return json.loads((PLANS / name / "expected.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("file", ["table.txt", "table.csv"])
@pytest.mark.parametrize("name", NAMES)
def test_every_task_as_hand_checked(name: str, file: str) -> None:
    result, layout = read_plan(PLANS / name / file, None)
    assert layout.split("（")[0] == (LAYOUTS[name] if file == "table.txt" else "表格")
    want = expected(name)
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    assert len(tasks) == want["true_task_count_in_input"]
    categories = {c["number"]: c["title"] for c in result.document["categories"]}  # type: ignore[union-attr, index]
    for task, wanted in zip(tasks, want["tasks"], strict=True):  # type: ignore[call-overload]
        assert task["id"] == wanted["id"]
        assert task["text"] == wanted["text"]
        assert task["leaders"] == wanted["leaders"]
        assert task["lead_units"] == wanted["lead_units"]
        assert task["related_units"] == wanted["related_units"]
        assert task.get("number", "") == wanted.get("doc_number", "")
        category = categories[int(str(task["section"]).split(".")[0])]
        assert str(wanted["category"]).endswith(category) if wanted["category"] else True


@pytest.mark.parametrize("file", ["table.txt", "table.csv"])
@pytest.mark.parametrize("name", NAMES)
def test_each_import_passes_check(name: str, file: str) -> None:
    result, _ = read_plan(PLANS / name / file, None)
    assert (result.invalid, result.unchecked) == ((), ())  # import's own check agrees
    plan, problems = validate_text(dataset_toml(result.document), f"{name}.toml")
    assert problems == []
    assert plan is not None


def test_names_of_other_places_are_kept_as_written(run: Runner, tmp_cwd: Path) -> None:
    """桐乡's 财政局 must not become 新兴's 县财政局: the bundled registry is 新兴's."""
    result = run("import", str(PLANS / "tongxiang-2020" / "table.txt"), "-o", "tx.toml")
    assert result.code == 0
    assert (
        "需核对：方案不是「新兴县人民政府」的，名称按原文保留、没有用它的名录；要用名录请加 --registry\n"
        in result.err
    )
    plan = load_plan(tmp_cwd / "tx.toml")
    assert plan.tasks[0].lead_units == ("财政局",)
    assert "县财政局" not in {u.name for u in plan.units}


def test_town_governments_streets_and_levels(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "plan.csv").write_text(
        "序号,任务,牵头单位,责任单位\n"
        '1,建设园区。,区发改局,"立山街道办事处、各街道、市生态环境局、区委宣传部"\n'
        '2,招商引资。,"滁州经开区、中新苏滁高新区管委会","天堂镇人民政府"\n',
        encoding="utf-8",
    )
    assert run("import", "plan.csv", "-o", "plan.toml").code == 0
    plan = load_plan(tmp_cwd / "plan.toml")
    assert plan.meta.level == "district"
    assert [t.name for t in plan.towns] == ["立山街道", "天堂镇"]
    task = plan.task(2)
    assert task is not None
    assert task.lead_units == ("滁州经开区管委会", "中新苏滁高新区管委会")
    assert task.related_units == ("天堂镇政府",)
    kinds = {u.name: u.kind.value for u in plan.units}
    assert kinds["市生态环境局"] == "branch"
    assert kinds["区委宣传部"] == "party"
    assert kinds["区发改局"] == "county"
    assert plan.unit("各街道").covers is not None
    listed = run("towns", "--format", "table", data=tmp_cwd / "plan.toml")
    assert listed.out.splitlines()[0] == "镇"
