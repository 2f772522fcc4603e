"""Workload, briefs, overlap and overview: exact figures on the fixture and the real plan."""

from __future__ import annotations

from fenggong.plan.kinds import TownBasis
from fenggong.plan.model import Plan, Task, UnitKind
from fenggong.queries.brief import leader_brief, town_brief, unit_brief
from fenggong.queries.overlap import Party, overlap
from fenggong.queries.requests import By
from fenggong.queries.workload import (
    group_workload,
    leader_workload,
    overview,
    town_workload,
    unit_workload,
)


def loads(plan: Plan) -> list[tuple[str, int, int, int, int]]:
    result = unit_workload(plan, plan.tasks)
    return [(x.name, x.lead, x.co_lead, x.related, x.total) for x in result.units]


def test_unit_workload_fixture(mini: Plan) -> None:
    assert loads(mini) == [
        ("县发展改革局", 2, 1, 1, 3),
        ("县工信商务局", 3, 1, 0, 3),
        ("县教育局", 1, 0, 1, 2),
        ("县人力资源社会保障局", 0, 0, 1, 1),
        ("县委宣传部", 1, 0, 0, 1),
        ("市生态环境局测试分局", 0, 0, 1, 1),
    ]  # town governments are workload --by town's, or --kind town
    collectives = unit_workload(mini, mini.tasks).collectives
    assert [(x.name, x.total) for x in collectives] == [
        ("各镇政府", 2),
        ("县直有关单位", 1),
        ("相关镇政府", 1),
    ]


def test_unit_workload_kind_filter(mini: Plan) -> None:
    result = unit_workload(mini, mini.tasks, frozenset({UnitKind.TOWN}))
    assert [x.name for x in result.units] == ["东镇政府", "南镇政府", "西山镇政府"]
    assert result.collectives == ()


def test_unit_workload_real_plan(plan: Plan) -> None:
    top = loads(plan)[:6]
    assert top == [
        ("县财政局", 2, 1, 49, 51),
        ("县发展改革局", 11, 0, 35, 46),
        ("县住房城乡建设局", 9, 0, 36, 45),
        ("县自然资源局", 4, 0, 39, 43),
        ("县工信商务局", 12, 1, 22, 34),
        ("县农业农村局", 13, 3, 20, 33),
    ]
    by_name = {x[0]: x for x in loads(plan)}
    assert by_name["市生态环境局新兴分局"] == ("市生态环境局新兴分局", 2, 0, 25, 27)
    assert by_name["县委编办"] == ("县委编办", 0, 0, 6, 6)  # 县编委办 in task 91 counts here
    assert "新城镇政府" not in by_name
    towns = {
        x.name: (x.lead, x.related)
        for x in unit_workload(plan, plan.tasks, frozenset({UnitKind.TOWN})).units
    }
    assert towns["新城镇政府"] == (0, 12)
    assert towns["河头镇政府"] == (1, 0)
    collectives = unit_workload(plan, plan.tasks).collectives
    assert len(collectives) == 14
    assert [(x.name, x.total) for x in collectives[:2]] == [("各镇政府", 58), ("相关镇政府", 16)]


def test_workload_totals_add_up(plan: Plan) -> None:
    result = unit_workload(plan, plan.tasks)
    towns = unit_workload(plan, plan.tasks, frozenset({UnitKind.TOWN})).units
    everything = (*result.units, *result.collectives, *towns)
    assert sum(x.total for x in everything) == sum(len(t.units) for t in plan.tasks)
    assert sum(x.lead for x in everything) == sum(len(t.lead_units) for t in plan.tasks)
    assert sum(x.co_lead for x in everything) == sum(
        len(t.lead_units) for t in plan.tasks if len(t.lead_units) > 1
    )


def test_workload_of_filtered_tasks(plan: Plan) -> None:
    tasks = [t for t in plan.tasks if t.category == 4]
    assert loads_of(plan, tasks)[:3] == [
        ("县住房城乡建设局", 14),
        ("市生态环境局新兴分局", 13),
        ("县自然资源局", 9),
    ]


def loads_of(plan: Plan, tasks: list[Task]) -> list[tuple[str, int]]:
    return [(x.name, x.total) for x in unit_workload(plan, tasks).units]


def test_leader_workload(mini: Plan, plan: Plan) -> None:
    result = leader_workload(mini, mini.tasks)
    assert [(x.name, x.tasks, x.lead_units) for x in result] == [
        ("李四", 3, (("县工信商务局", 3), ("县发展改革局", 1))),
        ("张三", 2, (("县发展改革局", 2), ("县工信商务局", 1))),
        ("王五", 2, (("县教育局", 1), ("县委宣传部", 1))),
    ]
    real = {x.name: x for x in leader_workload(plan, plan.tasks)}
    assert real["李耀强"].tasks == 29
    assert real["李耀强"].lead_units[0] == ("县发展改革局", 11)
    assert real["刘彬"].lead_units == (
        ("市生态环境局新兴分局", 2),
        ("县政务服务数据管理局", 1),
        ("县市场监管局", 1),
        ("河头镇政府", 1),
    )
    assert sum(x.tasks for x in real.values()) == sum(len(t.leaders) for t in plan.tasks)


def test_town_workload(mini: Plan, plan: Plan) -> None:
    result = town_workload(mini, mini.tasks)
    # named, all towns, 相关镇 naming the town, mentioned only, 相关镇 (maybe)
    assert [(x.name, x.counts) for x in result] == [
        ("东镇", (1, 2, 1, 0, 0)),
        ("西山镇", (1, 2, 0, 0, 1)),
        ("南镇", (1, 2, 0, 0, 1)),
    ]
    real = {x.name: x for x in town_workload(plan, plan.tasks)}
    assert real["新城镇"].counts[:2] == (12, 58)
    assert real["新城镇"].certain == 70
    assert (
        real["大江镇"].count(TownBasis.NAMED),
        real["大江镇"].certain,
        real["大江镇"].total,
    ) == (0, 58, 74)
    # 22 (天堂镇高效奶牛养殖场) says 相关镇政府 and names 天堂: counted as the town's own.
    assert (
        real["天堂镇"].count(TownBasis.NAMED),
        real["天堂镇"].count(TownBasis.RELEVANT_MENTIONED),
    ) == (1, 1)
    assert real["天堂镇"].certain == 60
    # 22 and 40 name 太平.
    assert (
        real["太平镇"].count(TownBasis.RELEVANT_MENTIONED),
        real["太平镇"].count(TownBasis.RELEVANT_TOWNS),
    ) == (2, 14)


def test_group_workload(plan: Plan) -> None:
    categories = group_workload(plan, plan.tasks, By.CATEGORY)
    assert [(g.key, g.tasks) for g in categories] == [
        ("1", 17), ("2", 10), ("3", 15), ("4", 26), ("5", 10), ("6", 28), ("7", 14), ("8", 7),
    ]  # fmt: skip
    last = categories[-1]
    assert (last.lead_units, last.units) == (4, 6)
    sections = group_workload(plan, plan.tasks, By.SECTION)
    assert len(sections) == 28
    assert sum(g.tasks for g in sections) == 127
    assert [(g.key, g.tasks, g.lead_units) for g in sections if g.key == "3.3"] == [("3.3", 5, 1)]


def test_unit_brief_fixture(mini: Plan) -> None:
    brief = unit_brief(mini, "县发展改革局")
    assert brief.facts == (
        ("lead", "牵头", 2),
        ("co_lead", "其中共同牵头", 1),
        ("related", "配合", 1),
        ("total", "合计", 3),
        ("collective", "经由集合指称可能涉及", 0),
    )
    parts = {p.key: p for p in brief.parts}
    assert list(parts) == ["led", "supported", "partners", "leaders", "towns"]
    led = parts["led"].groups[0][1]
    assert [(t.id, t.note) for t in led] == [(1, ""), (2, "与县工信商务局共同牵头")]
    assert [(h, [t.id for t in ts]) for h, ts in parts["supported"].groups] == [("县教育局", [5])]
    assert parts["partners"].counts == (
        ("县工信商务局", 1),
        ("县人力资源社会保障局", 1),
        ("县教育局", 1),
        ("东镇政府", 1),
        ("南镇政府", 1),
    )
    assert parts["leaders"].counts == (("张三", 2), ("李四", 1), ("王五", 1))
    # 2 says 相关镇政府 and names 东镇.
    assert parts["towns"].counts == (("东镇", 3), ("南镇", 2), ("西山镇", 1))


def test_unit_brief_real(plan: Plan) -> None:
    brief = unit_brief(plan, "县住房城乡建设局")
    assert {k: v for k, _, v in brief.facts} == {
        "lead": 9,
        "co_lead": 0,
        "related": 36,
        "total": 45,
        "collective": 19,
    }
    parts = {p.key: p for p in brief.parts}
    assert [t.id for t in parts["led"].groups[0][1]] == [43, 45, 46, 47, 57, 62, 68, 102, 108]
    supported = dict(parts["supported"].groups)
    assert [t.id for t in supported["县发展改革局"]] == [8, 28, 44, 58, 60]
    assert sum(len(ts) for ts in supported.values()) >= 36
    assert parts["collective"].groups == ()  # ids only: a large plan decodes none of them
    collective = dict(parts["collective"].references)
    assert collective["县府直属各单位"] == (121, 122, 124, 125, 126, 127)
    assert 62 not in {i for ids in collective.values() for i in ids}


def test_leader_brief(plan: Plan) -> None:
    brief = leader_brief(plan, "刘彬")
    assert brief.facts == (("tasks", "任务", 5), ("lead_units", "牵头单位", 4))
    groups = dict(brief.parts[0].groups)
    assert [t.id for t in groups["市生态环境局新兴分局"]] == [55, 59]
    assert list(groups) == [
        "市生态环境局新兴分局",
        "县市场监管局",
        "县政务服务数据管理局",
        "河头镇政府",
    ]


def test_town_brief(mini: Plan, plan: Plan) -> None:
    brief = town_brief(mini, "东镇")
    assert {k: v for k, _, v in brief.facts} == {
        "named": 1,
        "all_towns": 2,
        "relevant_mentioned": 1,
        "mentioned": 0,
        "relevant_towns": 0,
    }
    parts = {p.key: p for p in brief.parts}
    assert list(parts) == ["named", "all_towns", "relevant_mentioned", "partners"]
    assert parts["partners"].counts == (
        ("县发展改革局", 3),
        ("县教育局", 2),
        ("县委宣传部", 1),
        ("县工信商务局", 1),
        ("县人力资源社会保障局", 1),
    )
    real = town_brief(plan, "河头镇")
    named = {p.key: p for p in real.parts}["named"].groups[0][1]
    assert [(t.id, t.note) for t in named] == [(64, "本镇牵头")]


def test_brief_carries_the_tasks_it_is_about(plan: Plan) -> None:
    """Each brief hands over the whole tasks its tables list (not the collectives'), once
    each, for their deadlines and lights."""
    for brief in (
        unit_brief(plan, "县住房城乡建设局"),
        leader_brief(plan, "刘彬"),
        town_brief(plan, "河头镇"),
    ):
        ids = [t.id for t in brief.tasks]
        assert len(ids) == len(set(ids)) > 1
        assert set(ids) == brief.task_ids()
        assert all(plan.task(t.id) == t for t in brief.tasks)


def test_overlap(mini: Plan, plan: Plan) -> None:
    parties = [Party(name="县发展改革局", is_town=False), Party(name="县工信商务局", is_town=False)]
    result = overlap(mini, parties)
    assert [(t.id, roles) for t, roles in result.rows] == [(2, ("lead", "lead"))]
    assert result.matrix == ((3, 1), (1, 3))
    town = overlap(mini, [parties[0], Party(name="东镇", is_town=True)])
    assert [(t.id, roles) for t, roles in town.rows] == [
        (1, ("lead", "all_towns")),
        (2, ("lead", "relevant_mentioned")),
        (5, ("related", "named")),
    ]
    real = overlap(plan, parties_of("县发展改革局", "县工信商务局"))
    assert [t.id for t, _ in real.rows] == [
        2,
        5,
        7,
        10,
        12,
        18,
        20,
        28,
        30,
        32,
        33,
        59,
        60,
        65,
        66,
        78,
        113,
    ]
    three = overlap(plan, parties_of("县发展改革局", "县工信商务局", "县住房城乡建设局"))
    assert [t.id for t, _ in three.rows] == [5, 12, 20, 28, 32, 33, 59, 60, 78, 113]
    any_two = overlap(
        plan, parties_of("县发展改革局", "县工信商务局", "县住房城乡建设局"), any_two=True
    )
    assert len(any_two.rows) > len(three.rows)
    assert any_two.matrix[0][0] == 46


def parties_of(*names: str) -> list[Party]:
    return [Party(name=n, is_town=False) for n in names]


def test_overview(plan: Plan) -> None:
    view = overview(plan)
    assert [c[2:] for c in view.categories] == [
        (4, 17),
        (3, 10),
        (3, 15),
        (3, 26),
        (3, 10),
        (5, 28),
        (3, 14),
        (4, 7),
    ]
    assert view.busiest_leads[:3] == (
        ("县农业农村局", 13),
        ("县工信商务局", 12),
        ("县发展改革局", 11),
    )
    assert view.leaders[0] == ("李耀强", 29)
    assert len(view.towns) == 12
