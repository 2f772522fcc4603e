"""The one resolver for leaders, units and towns: each step and each error."""

from __future__ import annotations

import pytest

from fenggong.errors import AmbiguousName, NameNotFound
from fenggong.plan.model import Plan
from fenggong.queries.resolve import EntityKind, Step, brief_entities, resolve, resolve_all


def one(plan: Plan, kind: str, query: str) -> tuple[str, Step]:
    found = resolve_all(plan, EntityKind(kind), [query])[0]
    return found.name, found.step


@pytest.mark.parametrize(
    ("kind", "query", "name", "step"),
    [
        ("unit", "县工信商务局", "县工信商务局", Step.EXACT),
        ("unit", "工信局", "县工信商务局", Step.ALIAS),
        ("unit", "住建局", "县住房城乡建设局", Step.ALIAS),
        ("unit", "籓竹镇政府", "簕竹镇政府", Step.ALIAS),
        ("unit", "县工信商务局 ", "县工信商务局", Step.NORMALISED),
        ("unit", "工信", "县工信商务局", Step.SUBSTRING),
        ("unit", "发改", "县发展改革局", Step.SUBSTRING),
        ("unit", "卫健", "县卫生健康局", Step.SUBSTRING),
        ("unit", "生态环境", "市生态环境局新兴分局", Step.SUBSTRING),
        ("unit", "人社", "县人力资源社会保障局", Step.SUBSTRING),
        ("unit", "住建", "县住房城乡建设局", Step.SUBSTRING),
        ("unit", "人力社保", "县人力资源社会保障局", Step.SUBSEQUENCE),
        ("unit", "住房建设", "县住房城乡建设局", Step.SUBSEQUENCE),
        ("unit", "水台镇", "水台镇政府", Step.SUBSTRING),
        ("leader", "刘 彬", "刘彬", Step.NORMALISED),
        ("leader", "李耀强", "李耀强", Step.EXACT),
        ("town", "籓竹", "簕竹镇", Step.SUBSTRING),
        ("town", "天堂", "天堂镇", Step.ALIAS),
        ("town", "新城镇政府", "新城镇", Step.ALIAS),
        ("town", "水台镇", "水台镇", Step.EXACT),
    ],
)
def test_lookup_steps(plan: Plan, kind: str, query: str, name: str, step: Step) -> None:
    assert one(plan, kind, query) == (name, step)


def test_full_width_and_case_fold(mini: Plan) -> None:
    assert one(mini, "unit", "县工信商务局") == ("县工信商务局", Step.EXACT)
    assert one(mini, "unit", "县工信 商务局") == ("县工信商务局", Step.NORMALISED)


def test_ambiguous_lists_candidates(plan: Plan) -> None:
    with pytest.raises(AmbiguousName) as info:
        resolve_all(plan, EntityKind.LEADER, ["梁"])
    assert (
        info.value.message == "「梁」可能指 3 个责任领导：梁志莲、梁雄伟、梁福慧；请写得更具体一些"
    )
    assert info.value.candidates == ("梁志莲", "梁雄伟", "梁福慧")


def test_ambiguous_long_list_is_cut(plan: Plan) -> None:
    with pytest.raises(AmbiguousName) as info:
        resolve_all(plan, EntityKind.UNIT, ["县"])
    assert info.value.message.startswith("「县」可能指 72 个单位：县发展改革局、县工信商务局、")
    assert info.value.message.endswith("县水务局等；请写得更具体一些")


def test_not_found_suggests_closest(plan: Plan) -> None:
    with pytest.raises(NameNotFound) as info:
        resolve_all(plan, EntityKind.UNIT, ["县工信商务厅"])
    assert info.value.message == (
        "未找到单位「县工信商务厅」，是不是：县工信商务局、县水务局、县信访局？"
        "（运行 fenggong units 查看全部）"
    )


def test_not_found_without_suggestion(plan: Plan) -> None:
    with pytest.raises(NameNotFound) as info:
        resolve_all(plan, EntityKind.LEADER, ["zzz"])
    assert info.value.message == "未找到责任领导「zzz」（运行 fenggong leaders 查看全部）"


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_empty_name_is_unknown(plan: Plan, query: str) -> None:
    with pytest.raises(NameNotFound) as info:
        resolve_all(plan, EntityKind.TOWN, [query])
    assert info.value.message == "镇名称不能为空"


def test_brief_resolves_across_kinds(plan: Plan) -> None:
    pool = brief_entities(plan)
    assert resolve("住建", pool, "名称").entity.kind is EntityKind.UNIT
    assert resolve("李耀强", pool, "名称").entity.kind is EntityKind.LEADER
    assert resolve("天堂", pool, "名称").entity.kind is EntityKind.TOWN
    with pytest.raises(AmbiguousName) as info:
        resolve("河", pool, "名称")
    assert info.value.message == (
        "「河」可能指 3 个名称：河头镇（镇）、县河长办（单位）、"
        "县全面推行河长制工作领导小组成员单位（单位）；请写得更具体一些"
    )


@pytest.mark.parametrize(
    ("kind", "query", "name", "step"),
    [
        ("unit", "gxsw", "县工信商务局", Step.INITIALS_PART),
        ("unit", "xgxswj", "县工信商务局", Step.INITIALS),
        ("unit", "rsj", "县人力资源社会保障局", Step.INITIALS),  # 人社局
        ("unit", "hzb", "县河长办", Step.INITIALS),  # 河长办; 长 read zhǎng
        ("unit", "rmyh", "人民银行新兴县支行", Step.INITIALS),  # 人民银行; 行 read háng
        ("unit", "GXSW", "县工信商务局", Step.INITIALS_PART),
        ("leader", "lyq", "李耀强", Step.INITIALS),
        ("town", "tt", "天堂镇", Step.INITIALS),  # 天堂
        ("unit", "rmyhxx", "人民银行新兴县支行", Step.INITIALS_PART),
    ],
)
def test_pinyin_initials(plan: Plan, kind: str, query: str, name: str, step: Step) -> None:
    assert one(plan, kind, query) == (name, step)


def test_pinyin_initials_ambiguous(plan: Plan) -> None:
    with pytest.raises(AmbiguousName) as info:
        resolve_all(plan, EntityKind.TOWN, ["lz"])
    assert info.value.message == "「lz」可能指 2 个镇：簕竹镇、六祖镇；请写得更具体一些"


def test_every_registered_name_has_initials(plan: Plan) -> None:
    spelled = [
        plan.letters(n) for n in (*(u.name for u in plan.units), *(x.name for x in plan.leaders))
    ]
    assert all(spelled)


def test_completion_by_initials_and_part(monkeypatch: pytest.MonkeyPatch) -> None:
    from fenggong.cli.completion import candidates
    from tests.conftest import DATA

    monkeypatch.setenv("FENGGONG_DATA", str(DATA))
    assert candidates("unit", "gxsw") == ["县工信商务局"]
    assert candidates("leader", "耀") == ["李耀强"]
    assert "县河长办" in candidates("unit", "河长")


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("环保局", "市生态环境局新兴分局"),
        ("环保", "市生态环境局新兴分局"),  # the real unit, not 县循环经济环保项目…成员单位
        ("国土局", "县自然资源局"),
        ("规划局", "县自然资源局"),
        ("水利局", "县水务局"),
        ("发改委", "县发展改革局"),
        ("信访", "县信访局"),  # not 县信访工作联席会议成员单位
        ("天堂镇人民政府", "天堂镇政府"),
    ],
)
def test_former_and_everyday_names(plan: Plan, query: str, name: str) -> None:
    (found,) = resolve_all(plan, EntityKind.UNIT, [query])
    assert found.name == name


@pytest.mark.parametrize("query", ["住建，发改", "住建、发改", "住建,发改"])
def test_a_list_as_staff_write_it(plan: Plan, query: str) -> None:
    assert [f.name for f in resolve_all(plan, EntityKind.UNIT, [query])] == [
        "县住房城乡建设局",
        "县发展改革局",
    ]
