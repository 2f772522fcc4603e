"""The label of a plan's own departments follows the plan's level (issue 21): 市直 in a
city plan, 区直 in a district's, 县直 in a county's and in the curated plan (no level)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fenggong.plan.kinds import UnitKind, kind_label
from fenggong.plan.load import load_plan
from fenggong.queries.listing import describe_task
from tests.conftest import MINI, Runner


@pytest.mark.parametrize(
    ("level", "label"),
    [
        ("city", "市直部门和机构"),
        ("district", "区直部门和机构"),
        ("county", "县直部门和机构"),
        ("province", "省直部门和机构"),
        ("", "县直部门和机构"),
    ],
)
def test_own_departments_are_named_by_the_plan_level(level: str, label: str) -> None:
    assert kind_label(UnitKind.COUNTY, level) == label
    assert kind_label(UnitKind.BRANCH, level) == "上级派驻单位"


def test_show_groups_a_city_plan_departments_as_city_ones(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        'issuer = "测试县人民政府"', 'issuer = "测试市人民政府"\nlevel = "city"'
    )
    (tmp_path / "city.toml").write_text(text, encoding="utf-8")
    city = load_plan(tmp_path / "city.toml")
    assert describe_task(city, city.task(2)).related_by_kind == (
        ("市直部门和机构", ("县人力资源社会保障局",)),
        ("集合指称", ("相关镇政府",)),
    )
    county = load_plan(MINI)
    assert describe_task(county, county.task(2)).related_by_kind[0][0] == "县直部门和机构"


def test_an_exported_workbook_with_city_labels_reads_back(run: Runner, tmp_cwd: Path) -> None:
    import openpyxl

    assert run("export", "-f", "xlsx", "-o", "plan.xlsx", data=MINI).code == 0
    book = openpyxl.load_workbook(tmp_cwd / "plan.xlsx")
    sheet = book["单位"]
    assert (sheet["A3"].value, sheet["B3"].value) == ("县发展改革局", "县直部门和机构")
    sheet["B3"].value = "市直部门和机构"
    book.save(tmp_cwd / "plan.xlsx")
    result = run("import", "plan.xlsx", "-o", "plan.toml", data=None)
    assert result.code == 0, result.err
    assert load_plan(tmp_cwd / "plan.toml").unit("县发展改革局").kind is UnitKind.COUNTY


def test_import_dry_run_names_a_city_plans_own_departments(run: Runner, tmp_cwd: Path) -> None:
    (tmp_cwd / "plan.txt").write_text(
        "广州市人民政府\n1.推进产业园建设。（牵头单位：市发改委；配合单位：市财政局）\n",
        encoding="utf-8",
    )
    result = run("import", "plan.txt", "--dry-run", data=None)
    assert result.code == 0, result.err
    assert "单位类别（推测）：市直部门和机构 2 个" in result.out + result.err
