"""Fidelity of data/tasks.toml to the published plan (新府〔2023〕28号)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fenggong.plan.model import Covers, Plan, UnitKind
from tests.conftest import SOURCE


def test_plan_metadata(plan: Plan) -> None:
    meta = plan.meta
    assert meta.title == "2023年县《政府工作报告》重点任务分工方案"
    assert meta.issuer == "新兴县人民政府"
    assert meta.document_number == "新府〔2023〕28号"
    assert meta.issued == dt.date(2023, 3, 16)
    assert (meta.declared_categories, meta.declared_sections, meta.declared_tasks) == (8, 28, 127)


def test_totals(plan: Plan) -> None:
    assert len(plan.categories) == 8
    assert len(plan.sections) == 28
    assert [t.id for t in plan.tasks] == list(range(1, 128))
    section_ids = {s.id for s in plan.sections}
    assert all(t.section in section_ids for t in plan.tasks)


def test_sections_per_category_match_declared(plan: Plan) -> None:
    declared = {c.number: c.declared_sections for c in plan.categories}
    assert declared == {1: 4, 2: 3, 3: 3, 4: 3, 5: 3, 6: 5, 7: 3, 8: 4}
    for category in plan.categories:
        actual = [s for s in plan.sections if s.category == category.number]
        assert len(actual) == category.declared_sections


def test_tasks_per_section(plan: Plan) -> None:
    per_section = {s.id: [t.id for t in plan.tasks if t.section == s.id] for s in plan.sections}
    assert per_section["1.1"] == [1, 2, 3, 4]
    assert per_section["1.4"] == [15, 16, 17]
    assert per_section["3.2"] == [32, 33, 34, 35, 36, 37]
    assert per_section["4.3"] == list(range(51, 69))
    assert per_section["6.5"] == list(range(99, 107))
    assert per_section["8.4"] == [126, 127]


def test_category_titles(plan: Plan) -> None:
    assert plan.category(1).title == "聚力固根基稳增长，推进经济运行向上向好"
    assert plan.category(8).title == "聚力铸忠诚践初心，推动担当履职善作善成"


def test_repeated_heading_after_page_break_is_one_section(plan: Plan) -> None:
    section = plan.section("1.4")
    assert section.title == "千方百计稳定外贸外资"
    assert section.variants == ("千方百计稳外贸外资",)
    assert [t.id for t in plan.tasks if t.section == "1.4"] == [15, 16, 17]


# (id, section, leaders, lead units, related units) typed by hand from the source table.
SPOT_CHECKS = [
    (1, "1.1", ["李耀强"], ["县发展改革局"], ["各镇政府", "县直有关单位"]),
    (
        2,
        "1.1",
        ["伍树全", "梁志莲", "陈冠鸿", "梁雄伟"],
        ["县工信商务局", "县农业农村局", "县文广旅体局"],
        [
            "县委组织部",
            "县发展改革局",
            "县科技局",
            "县市场监管局",
            "县人力资源社会保障局",
            "县金融办",
        ],
    ),
    (
        7,
        "1.2",
        ["梁雄伟"],
        ["县工信商务局"],
        ["县发展改革局", "市生态环境局新兴分局", "水台镇政府", "稔村镇政府"],
    ),
    (
        16,
        "1.4",
        ["梁雄伟"],
        ["县工信商务局"],
        ["县市场监管局", "县财政局", "县公安局", "县外事局", "县金融办"],
    ),
    (
        17,
        "1.4",
        ["梁雄伟"],
        ["县工信商务局"],
        ["县市场监管局", "县财政局", "县公安局", "县外事局", "相关镇政府"],
    ),
    (
        19,
        "2.1",
        ["梁雄伟"],
        ["县自然资源局"],
        ["新成工业园管委会", "县土储中心", "相关镇政府"],
    ),
    (
        23,
        "2.2",
        ["李耀强"],
        ["县政府办公室", "县财政局"],
        ["县委组织部", "县委编办", "县人力资源社会保障局", "县农业农村局", "各镇政府"],
    ),
    (
        24,
        "2.3",
        ["梁志莲"],
        ["县文广旅体局", "广东禅文化创意产业园区服务中心"],
        ["县住房城乡建设局", "县民族宗教局", "六祖镇政府", "水台镇政府"],
    ),
    (
        27,
        "2.3",
        ["梁雄伟"],
        ["县自然资源局"],
        [
            "县发展改革局",
            "县财政局",
            "县水务局",
            "县林业局",
            "县国资事务中心",
            "市生态环境局新兴分局",
            "车岗镇政府",
            "新城镇政府",
        ],
    ),
    (29, "3.1", ["刘彬"], ["县政务服务数据管理局"], ["各镇政府", "县直有关单位"]),
    (31, "3.1", ["李耀强"], ["县发展改革局"], ["县社会信用体系建设工作联席会议成员单位"]),
    (
        33,
        "3.2",
        ["梁雄伟"],
        ["新成工业园管委会"],
        [
            "县发展改革局",
            "县工信商务局",
            "县自然资源局",
            "县住房城乡建设局",
            "市生态环境局新兴分局",
            "新城镇政府",
            "东成镇政府",
            "稔村镇政府",
        ],
    ),
    (42, "3.3", ["梁福慧"], ["县交通运输局"], ["县财政局", "县国资事务中心"]),
    (
        48,
        "4.2",
        ["伍树全", "陈冠鸿"],
        ["县乡村振兴局", "县农业农村局"],
        ["县美丽圩镇创建领导小组成员单位"],
    ),
    (
        55,
        "4.3",
        ["刘彬"],
        ["市生态环境局新兴分局"],
        [
            "县农业农村局",
            "县自然资源局",
            "县公安局",
            "县交通运输局",
            "县住房城乡建设局",
            "县河长办",
            "县水务局",
            "县卫生健康局",
            "县国资事务中心",
            "新成工业园管委会",
            "各镇政府",
        ],
    ),
    (64, "4.3", ["刘彬"], ["河头镇政府"], ["县发展改革局", "市生态环境局新兴分局"]),
    (
        70,
        "5.1",
        ["伍树全", "陈冠鸿"],
        ["县农业农村局"],
        [
            "县工信商务局",
            "县住房城乡建设局",
            "县自然资源局",
            "县市场监管局",
            "新成工业园管委会",
            "市生态环境局新兴分局",
        ],
    ),
    (
        72,
        "5.2",
        ["伍树全", "陈冠鸿"],
        ["县农业农村局"],
        ["县委宣传部", "县工信商务局", "县文广旅体局", "太平镇政府", "六祖镇政府", "里洞镇政府"],
    ),
    (
        78,
        "5.3",
        ["伍树全"],
        ["县供销社"],
        [
            "县发展改革局",
            "县财政局",
            "县住房城乡建设局",
            "县农业农村局",
            "县工信商务局",
            "县市场监管局",
            "县政务服务数据管理局",
            "县乡村振兴局",
            "各镇政府",
        ],
    ),
    (84, "6.2", ["伍树全"], ["县防控办"], ["各镇政府", "县直各单位"]),
    (
        85,
        "6.2",
        ["梁志莲"],
        ["县卫生健康局"],
        [
            "县财政局",
            "县发展改革局",
            "县国资事务中心",
            "县人力资源社会保障局",
            "县疾控中心",
            "县文广旅体局",
            "县自然资源局",
            "簕竹镇政府",
            "天堂镇政府",
            "新城镇政府",
        ],
    ),
    (
        91,
        "6.3",
        ["梁福慧"],
        ["县教育局"],
        ["县委组织部", "县委编办", "县人力资源社会保障局", "县财政局"],
    ),
    (96, "6.4", ["冯海燕"], ["县委组织部", "县总工会"], ["县财政局"]),
    (99, "6.5", ["李耀强"], ["县人力资源社会保障局"], ["县社保基金管理局", "县税务局"]),
    (
        102,
        "6.5",
        ["徐广志"],
        ["县住房城乡建设局"],
        [
            "县发展改革局",
            "县财政局",
            "县人力资源社会保障局",
            "县自然资源局",
            "县国资事务中心",
            "市住房公积金管理中心新兴管理部",
            "人民银行新兴县支行",
        ],
    ),
    (
        105,
        "6.5",
        ["陈冠鸿"],
        ["县民政局"],
        ["县财政局", "团县委", "县残联", "县文明办", "各镇政府"],
    ),
    (
        106,
        "6.5",
        ["陈冠鸿"],
        ["县退役军人事务局"],
        [
            "县委宣传部",
            "县人武部",
            "县交通运输局",
            "县文广旅体局",
            "县人力资源社会保障局",
            "县财政局",
            "县卫生健康局",
            "县医保局",
            "县教育局",
            "各镇政府",
        ],
    ),
    (
        110,
        "7.1",
        ["赵婷婷"],
        ["县委宣传部"],
        [
            "县委组织部",
            "县委统战部",
            "县委政法委",
            "县委国安办",
            "县公安局",
            "县教育局",
            "县文广旅体局",
            "各镇政府",
        ],
    ),
    (116, "7.3", ["王志洪"], ["县公安局"], ["县委政法委", "县禁毒办", "县信访局", "各镇政府"]),
    (120, "7.3", ["王志洪"], ["县信访局"], ["各镇政府", "县信访工作联席会议成员单位"]),
    (121, "8.1", ["李耀强"], ["县政府办公室"], ["各镇政府", "县府直属各单位"]),
    (
        123,
        "8.2",
        ["王志洪"],
        ["县司法局"],
        ["县委编办", "县委政法委", "县财政局", "各行政执法部门", "各镇政府"],
    ),
    (125, "8.3", ["李耀强"], ["县政府办公室", "县直机关工委"], ["各镇政府", "县府直属各单位"]),
    (127, "8.4", ["李耀强"], ["县财政局"], ["各镇政府", "县府直属各单位"]),
]


@pytest.mark.parametrize(("task_id", "section", "leaders", "lead", "related"), SPOT_CHECKS)
def test_spot_check_against_source(
    plan: Plan, task_id: int, section: str, leaders: list[str], lead: list[str], related: list[str]
) -> None:
    task = plan.task(task_id)
    assert task is not None
    assert task.section == section
    assert list(task.leaders) == leaders
    assert list(task.lead_units) == lead
    assert list(task.related_units) == related


def test_spot_checks_cover_every_category_of_the_plan(plan: Plan) -> None:
    checked = {task.category for i, *_ in SPOT_CHECKS if (task := plan.task(i)) is not None}
    assert checked == {c.number for c in plan.categories}
    assert len(plan.categories) == 8


def test_every_multi_lead_and_multi_leader_task(plan: Plan) -> None:
    multi_lead = {t.id: list(t.lead_units) for t in plan.tasks if len(t.lead_units) > 1}
    assert multi_lead == {
        2: ["县工信商务局", "县农业农村局", "县文广旅体局"],
        23: ["县政府办公室", "县财政局"],
        24: ["县文广旅体局", "广东禅文化创意产业园区服务中心"],
        48: ["县乡村振兴局", "县农业农村局"],
        49: ["县乡村振兴局", "县农业农村局"],
        96: ["县委组织部", "县总工会"],
        125: ["县政府办公室", "县直机关工委"],
    }
    multi_leader = {t.id: list(t.leaders) for t in plan.tasks if len(t.leaders) > 1}
    pair = ["伍树全", "陈冠鸿"]
    assert multi_leader == {
        2: ["伍树全", "梁志莲", "陈冠鸿", "梁雄伟"],
        **dict.fromkeys((21, 22, 48, 49, 69, 70, 71, 72, 73, 74, 75, 77), pair),
    }


TEXTS = {
    1: "落实落细国家和省、市、县稳经济一揽子政策措施。",
    4: "加快推动筠诚和瑞、凌丰家品、通力定造、祥利科技等企业上市发展，年内实现不少于1家企业上市。",
    15: "用好RCEP等政策红利，支持和鼓励外贸企业“组团出海”交伙伴拓市场抢订单。",
    54: "完成1.82万亩高质量水源林更新造林、新造林抚育任务。",
    56: "加强新兴江及廻龙河等5条支流治理。",
    57: "确保县生活垃圾无害化处理场（二期）、县城东部生活污水管网建设项目建成使用。",
    84: "落实新型冠状病毒感染“乙类乙管”。",
    102: "加强保障性住房供给。",
    127: "带头过“紧日子”，严格执行政府采购内控制度，确保非刚性非重点支出“只减不增”，兜牢兜实基层“三保”底线。",
}


@pytest.mark.parametrize(("task_id", "text"), TEXTS.items())
def test_text_is_the_source_minus_stray_spaces(plan: Plan, task_id: int, text: str) -> None:
    task = plan.task(task_id)
    assert task is not None
    assert task.text == text


def test_every_task_text_appears_in_the_source(plan: Plan) -> None:
    source = re.sub(r"\s+", "", SOURCE.read_text(encoding="utf-8"))
    missing = [t.id for t in plan.tasks if re.sub(r"\s+", "", t.text) not in source]
    assert missing == []


def test_leaders(plan: Plan) -> None:
    counts = {x.name: sum(x.name in t.leaders for t in plan.tasks) for x in plan.leaders}
    assert counts == {
        "李耀强": 29,
        "伍树全": 19,
        "梁志莲": 13,
        "陈冠鸿": 22,
        "梁雄伟": 23,
        "刘彬": 5,
        "梁福慧": 13,
        "冯海燕": 2,
        "徐广志": 9,
        "赵婷婷": 3,
        "王志洪": 4,
    }


def test_towns(plan: Plan) -> None:
    assert [t.name for t in plan.towns] == [
        "新城镇", "簕竹镇", "太平镇", "六祖镇", "东成镇", "稔村镇",
        "车岗镇", "水台镇", "天堂镇", "河头镇", "里洞镇", "大江镇",
    ]  # fmt: skip
    assert plan.town("簕竹镇").aliases == ("籓竹镇",)
    named = {u for t in plan.tasks for u, _ in t.units if plan.unit(u).kind is UnitKind.TOWN}
    assert len(named) == 11
    assert "大江镇政府" not in named


def test_variants_are_aliases_of_one_canonical_unit(plan: Plan) -> None:
    assert "县编委办" in plan.unit("县委编办").aliases
    assert "新成工业园区管委会" in plan.unit("新成工业园管委会").aliases
    assert "籓竹镇政府" in plan.unit("簕竹镇政府").aliases
    used = {u for t in plan.tasks for u, _ in t.units}
    assert not used & {"县编委办", "新成工业园区管委会", "籓竹镇政府"}


def test_every_name_used_is_registered_and_clean(plan: Plan) -> None:
    leaders = {x.name for x in plan.leaders}
    units = {u.name for u in plan.units}
    for task in plan.tasks:
        assert set(task.leaders) <= leaders, task.id
        assert {u for u, _ in task.units} <= units, task.id
    names = [*leaders, *units, *(a for u in plan.units for a in u.aliases)]
    assert [n for n in names if re.search(r"\s", n)] == []


def test_collectives_cover_towns(plan: Plan) -> None:
    assert plan.unit("各镇政府").covers is Covers.ALL_TOWNS
    assert plan.unit("相关镇政府").covers is Covers.RELEVANT_TOWNS
    all_towns = [t.id for t in plan.tasks if "各镇政府" in t.related_units]
    relevant = [t.id for t in plan.tasks if "相关镇政府" in t.related_units]
    assert len(all_towns) == 58
    assert relevant == [6, 17, 18, 19, 20, 22, 32, 38, 39, 40, 41, 65, 69, 76, 113, 114]


def test_unit_kinds(plan: Plan) -> None:
    kinds = {u.name: u.kind for u in plan.units}
    assert kinds["县委组织部"] is UnitKind.PARTY
    assert kinds["市生态环境局新兴分局"] is UnitKind.BRANCH
    assert kinds["新兴供电局"] is UnitKind.ENTERPRISE
    assert kinds["人民银行新兴县支行"] is UnitKind.ENTERPRISE
    assert kinds["新城镇政府"] is UnitKind.TOWN
    assert kinds["县全面推行河长制工作领导小组成员单位"] is UnitKind.COLLECTIVE
    assert sum(k is UnitKind.COLLECTIVE for k in kinds.values()) == 14


def test_short_names_staff_use(plan: Plan) -> None:
    short = {a: u.name for u in plan.units for a in u.aliases}
    assert short["工信局"] == "县工信商务局"
    assert short["人社局"] == "县人力资源社会保障局"
    assert short["住建局"] == "县住房城乡建设局"
    assert short["发改局"] == "县发展改革局"
    assert short["卫健局"] == "县卫生健康局"
    assert short["政数局"] == "县政务服务数据管理局"
    assert short["生态环境局"] == "市生态环境局新兴分局"


def test_data_equals_source_cells_but_for_the_documented_normalisations(plan: Plan) -> None:
    """Independent of the importer: compare each row's cells with whitespace removed."""
    rows = {}
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 6 and cells[1].strip().isdigit():
            rows[int(cells[1])] = [re.sub(r"\s", "", c) for c in cells]
    assert sorted(rows) == list(range(1, 128))
    differences = {}
    for task in plan.tasks:
        cells = rows[task.id]
        assert cells[2] == re.sub(r"\s", "", task.text), task.id
        assert cells[3] == "".join(task.leaders), task.id
        assert cells[4] == "".join(task.lead_units), task.id
        related = cells[5].replace("，", "、")  # the source separates towns with a comma
        if related != "、".join(task.related_units):
            differences[task.id] = related
    # Shared 镇政府 suffixes expanded, and three variants spelled canonically.
    assert {i: d.split("、")[-3:] for i, d in differences.items()} == {
        7: ["市生态环境局新兴分局", "水台", "稔村镇政府"],
        24: ["县民族宗教局", "六祖", "水台镇政府"],
        27: ["市生态环境局新兴分局", "车岗", "新城镇政府"],
        33: ["新城", "东成", "稔村镇政府"],
        70: ["县市场监管局", "新成工业园区管委会", "市生态环境局新兴分局"],
        72: ["太平镇", "六祖镇", "里洞镇政府"],
        85: ["籓竹镇", "天堂镇", "新城镇政府"],
        91: ["县编委办", "县人力资源社会保障局", "县财政局"],
    }
