"""The three plans in ../shared/plans2 in every form a user gets them — pasted text with
half- and full-width punctuation, CSV, and .docx/.xlsx laid out as an office makes an
attachment — imported on default flags and compared field by field with the hand-checked
expectations. Texts and names are compared after NFKC (the expectations write the
half-width ,:() that the full-width inputs spell ，：（）)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from fenggong.intake.readers import read_plan
from fenggong.plan.document import dataset_toml
from fenggong.plan.validate import validate_text
from tests.conftest import SHARED

PLANS2 = SHARED / "plans2"
INPUTS = {
    "dazhu-2016": ["table.txt", "table-fw.txt", "table.csv", "table.docx", "table.xlsx"],
    "guangzhou-2007": ["table.txt", "table-fw.txt"],
    "lishui-2023": ["table.txt", "table-fw.txt", "table.docx", "table.xlsx"],
}
CASES = [(name, file) for name, files in INPUTS.items() for file in files]
LEVELS = {"dazhu-2016": "county", "guangzhou-2007": "city", "lishui-2023": "city"}

pytestmark = pytest.mark.skipif(not PLANS2.is_dir(), reason=f"{PLANS2} is missing")


def folded(value: object) -> object:
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value)
    if isinstance(value, list):
        return [folded(v) for v in value]
    if isinstance(value, dict):
        return {k: folded(v) for k, v in value.items()}
    return value


def expected(name: str) -> dict[str, object]:
    return json.loads((PLANS2 / name / "expected.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize(("name", "file"), CASES)
def test_every_task_as_hand_checked(name: str, file: str) -> None:
    result, _ = read_plan(PLANS2 / name / file, None)
    want = expected(name)
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    assert [t["id"] for t in tasks] == [t["id"] for t in want["tasks"]]  # type: ignore[attr-defined]
    for task, wanted in zip(tasks, want["tasks"], strict=True):  # type: ignore[call-overload]
        for key in ("text", "leaders", "lead_units", "related_units"):
            assert folded(task[key]) == folded(wanted[key]), (task["id"], key)
        for column, value in wanted.get("extras", {}).items():
            assert folded(task["extras"][column]) == folded(value), (task["id"], column)
    plan = result.document["plan"]
    assert isinstance(plan, dict)
    assert plan["level"] == LEVELS[name]


@pytest.mark.parametrize(("name", "file"), CASES)
def test_each_import_passes_check(name: str, file: str) -> None:
    result, _ = read_plan(PLANS2 / name / file, None)
    assert (result.invalid, result.unchecked) == ((), ())  # import's own check agrees
    plan, problems = validate_text(dataset_toml(result.document), f"{name}.toml")
    assert problems == []
    assert plan is not None


@pytest.mark.parametrize("file", INPUTS["guangzhou-2007"])
def test_a_shared_prefix_is_expanded_and_listed_as_written(file: str) -> None:
    result, _ = read_plan(PLANS2 / "guangzhou-2007" / file, None)
    listed = [p for p in result.problems if "按名单开头的" in p]
    written = [
        (task["id"], name)
        for task in expected("guangzhou-2007")["tasks"]  # type: ignore[attr-defined]
        for key in ("lead_as_written", "related_as_written")
        for name in task.get(key, [])
        if not name.startswith("市")
    ]
    assert len(listed) == len(written) == 5
    for (task_id, name), line in zip(written, listed, strict=True):
        assert f"第 {task_id} 项" in line
        assert (
            f"中的「{name}」按名单开头的「市」读作「市{name}」（原文写作「{name}」），请核对"
            in line
        )


@pytest.mark.parametrize("file", ["table.docx", "table.xlsx"])
@pytest.mark.parametrize("name", ["dazhu-2016", "lishui-2023"])
def test_title_and_issuer_lines_above_the_table(name: str, file: str) -> None:
    result, layout = read_plan(PLANS2 / name / file, None)
    plan = result.document["plan"]
    assert isinstance(plan, dict)
    if name == "dazhu-2016":
        assert plan["title"] == "2016年民生实事目标任务分解表"
        assert plan["document_number"] == "竹府办〔2016〕20号"
        assert layout.startswith("表格（序号→序号，民生实事→任务，责任单位→相关责任单位")
    else:
        assert plan["title"] == "市政府工作报告重点工作责任分解（2023年）"
        assert plan["issuer"] == "丽水市人民政府"
        assert layout.startswith("表格（类别/大类→大类，类别/大项→大项，序号→序号，重点工作→任务")


@pytest.mark.parametrize("file", INPUTS["dazhu-2016"])
def test_the_continuation_row_joins_task_5(file: str) -> None:
    """Task 5 has a second sub-row (序号 and units merged down): one task, both texts."""
    result, _ = read_plan(PLANS2 / "dazhu-2016" / file, None)
    tasks = result.document["tasks"]
    assert isinstance(tasks, list)
    assert len(tasks) == 10
    five = tasks[4]
    assert five["text"] == "开工建设县老年养护楼。开工建设老年大学。"
    assert five["extras"]["完成时限"] == "5月底前动工 / 12月底前"
    assert five["lead_units"] == ["县民政局"]


def test_a_short_pasted_row_is_aligned_by_content_and_listed() -> None:
    result, _ = read_plan(PLANS2 / "dazhu-2016" / "table.txt", None)
    assert result.problems[0] == (
        "table.txt:11：这一行只有 2 列（表头 4 列，有合并单元格），按内容对齐："
        "「开工建设老年大学。」→民生实事、「12月底前」→完成时限，请核对"
    )


def test_paths_of_the_reference_files() -> None:
    for name, files in INPUTS.items():
        for file in files:
            assert Path(PLANS2 / name / file).is_file()
