"""The registry listings and the workload summaries as views."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never

from fenggong.plan.kinds import TownBasis, UnitKind
from fenggong.plan.model import Plan
from fenggong.present.answers.tasks import SECTION, SECTION_TITLE
from fenggong.present.view import Answer, Column, Grid, Kind, Report, View, plan_label
from fenggong.queries.requests import By

if TYPE_CHECKING:
    from fenggong.queries.workload import TownLoad, UnitWorkload, Workload

NAME = Column("name", "名称", Kind.NAME)
TASKS = Column("tasks", "任务数", Kind.NUMBER)
ALIASES = Column("aliases", "简称和异写", Kind.NAMES)
KIND = Column("kind", "类别", Kind.CHOICE)
LEAD = Column("lead", "牵头", Kind.NUMBER)
RELATED = Column("related", "配合", Kind.NUMBER)
TOTAL = Column("total", "合计", Kind.NUMBER)


def _listing(plan: Plan, view: View, title: str) -> Answer:
    screen = Grid(view, title=title, caption=f"共 {len(view.rows)} 个")
    return Answer(screen=screen, records=view, title=title, plan=plan_label(plan.meta))


# -- the registries ----------------------------------------------------------------------


def leaders_answer(plan: Plan) -> Answer:
    """`leaders`: each leader and the tasks they oversee."""
    from fenggong.queries.listing import leader_counts

    columns = (NAME._replace(header="责任领导"), TASKS)
    rows = tuple((r.name, r.total) for r in leader_counts(plan))
    return _listing(plan, View(columns, rows), "责任领导")


def units_answer(plan: Plan, kinds: frozenset[UnitKind] | None) -> Answer:
    """`units`: each unit with kind, short names and task counts."""
    from fenggong.queries.listing import unit_counts

    columns = (NAME._replace(header="单位"), KIND, ALIASES, LEAD, RELATED, TOTAL)
    rows = tuple(
        (r.name, UnitKind(r.detail), r.aliases, r.lead, r.related, r.total)
        for r in unit_counts(plan, kinds)
    )
    return _listing(plan, View(columns, rows), "单位")


BASIS_COLUMNS = tuple(Column(b.value, b.label, Kind.NUMBER) for b in TownBasis)
CERTAIN = Column("certain", "确定承担", Kind.NUMBER)


def towns_answer(plan: Plan) -> Answer:
    """`towns`: each town with its tasks per basis (the same count as `workload --by town`)."""
    from fenggong.queries.workload import town_workload

    columns = (
        NAME._replace(header="镇"),
        ALIASES._replace(header="异写"),
        *BASIS_COLUMNS,
        TOTAL._replace(header="确定承担"),
    )
    rows = tuple(
        (x.name, plan.town(x.name).aliases, *_by_basis(x), x.certain)
        for x in town_workload(plan, plan.tasks)
    )
    streets = bool(plan.towns) and all(t.suffix == "街道" for t in plan.towns)
    return _listing(plan, View(columns, rows), "街道" if streets else "镇")


def _by_basis(load: "TownLoad") -> tuple[int, ...]:
    return load.counts


def sections_answer(plan: Plan) -> Answer:
    """`sections`: every section with its category and task count."""
    from fenggong.queries.listing import section_counts

    columns = (SECTION, SECTION_TITLE, Column("category_title", "大类", Kind.NAME), TASKS)
    rows = tuple(
        (r.name, r.detail, plan.category(int(r.name.split(".")[0])).title, r.total)
        for r in section_counts(plan)
    )
    return _listing(plan, View(columns, rows), "大项")


# -- workload --------------------------------------------------------------------------


def workload_answer(plan: Plan, summary: "Workload", counted: int) -> Answer:
    """`workload`: one table (units: ranked units, then collective references apart)."""
    from fenggong.queries.workload import GroupWorkload, LeaderWorkload, TownWorkload, UnitWorkload

    facts = f"统计 {counted} 项任务"
    if isinstance(summary, UnitWorkload):
        facts += "；镇的任务量请用 --by town 查看（含各镇政府的任务）"
    parts: tuple[Grid, ...]
    match summary:
        case UnitWorkload():
            view = unit_workload_view(summary)
            split = len(summary.units)
            parts = (
                Grid(view.take(0, split), title="单位", bar=TOTAL),
                Grid(view.take(split), title="集合指称（不计入排名）", bar=TOTAL),
            )
            parts = tuple(p for p in parts if p.view.rows)
        case LeaderWorkload():
            view = View(
                (
                    NAME._replace(header="责任领导"),
                    TASKS,
                    Column("lead_units", "牵头单位（任务数）", Kind.COUNTS),
                ),
                tuple((x.name, x.tasks, dict(x.lead_units)) for x in summary.loads),
            )
            parts = (Grid(view, bar=TASKS),)
        case TownWorkload():
            view = town_workload_view(summary.loads)
            parts = (Grid(view, bar=CERTAIN),)
        case GroupWorkload():
            noun = "大类" if summary.by is By.CATEGORY else "大项"
            columns = (
                Column("key", f"{noun}编号", Kind.NAME),
                Column("title", noun, Kind.NAME),
                TASKS,
                Column("lead_units", "牵头单位数", Kind.NUMBER),
                Column("units", "参与单位数", Kind.NUMBER),
            )
            rows = tuple((x.key, x.title, x.tasks, x.lead_units, x.units) for x in summary.loads)
            view = View(columns, rows)
            parts = (Grid(view, bar=TASKS),)
        case _:
            assert_never(summary)
    label = {
        By.UNIT: "单位",
        By.LEADER: "责任领导",
        By.TOWN: "镇",
        By.CATEGORY: "大类",
        By.SECTION: "大项",
    }
    by = (
        By.UNIT
        if isinstance(summary, UnitWorkload)
        else By.LEADER
        if isinstance(summary, LeaderWorkload)
        else By.TOWN
        if isinstance(summary, TownWorkload)
        else summary.by
    )
    return Answer(
        screen=Report(None, facts, parts),
        records=view,
        title=f"工作量（按{label[by]}）",
        plan=plan_label(plan.meta),
    )


def unit_workload_view(load: "UnitWorkload") -> View:
    """Real units ranked, then collective references."""
    columns = (
        NAME._replace(header="单位"),
        KIND,
        LEAD,
        Column("co_lead", "其中共同牵头", Kind.NUMBER),
        RELATED,
        TOTAL,
    )
    rows = tuple(
        (x.name, x.kind, x.lead, x.co_lead, x.related, x.total)
        for x in (*load.units, *load.collectives)
    )
    return View(columns, rows)


def town_workload_view(loads: Sequence["TownLoad"]) -> View:
    """Tasks per town by basis (each task once, under its strongest basis)."""
    columns = (NAME._replace(header="镇"), *BASIS_COLUMNS, CERTAIN, TOTAL)
    return View(columns, tuple((x.name, *_by_basis(x), x.certain, x.total) for x in loads))
