"""Query results shaped as `Table`s of records, shared by the Rich and text outputs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from fenggong.export import Table, json_text, to_markdown
from fenggong.kinds import By, TownBasis, UnitKind

if TYPE_CHECKING:
    from fenggong.brief import Brief, BriefTask
    from fenggong.listing import TaskDetail
    from fenggong.model import Plan
    from fenggong.overlap import Overlap
    from fenggong.workload import GroupLoad, LeaderLoad, Overview, TownLoad, UnitWorkload


def leaders_table(plan: Plan) -> Table:
    """`leaders`: each leader and the tasks they oversee."""
    from fenggong.listing import leader_counts

    rows = leader_counts(plan)
    return Table(
        columns=(("name", "责任领导"), ("tasks", "任务数")),
        records=tuple({"name": r.name, "tasks": r.total} for r in rows),
    )


def units_table(plan: Plan, kinds: frozenset[UnitKind] | None) -> Table:
    """`units`: each unit with kind, short names and task counts."""
    from fenggong.listing import unit_counts

    rows = unit_counts(plan, kinds)
    return Table(
        columns=(
            ("name", "单位"),
            ("kind", "类别"),
            ("aliases", "简称和异写"),
            ("lead", "牵头"),
            ("related", "配合"),
            ("total", "合计"),
        ),
        records=tuple(
            {
                "name": r.name,
                "kind": r.detail,  # the kind's value; shown as its Chinese label
                "aliases": list(r.aliases),
                "lead": r.lead,
                "related": r.related,
                "total": r.total,
            }
            for r in rows
        ),
    )


def towns_table(plan: Plan) -> Table:
    """`towns`: each town with its tasks per basis (the same count as `workload --by town`)."""
    from fenggong.workload import town_workload

    basis_columns = tuple((b.value, b.label) for b in TownBasis)
    return Table(
        columns=(("name", "镇"), ("aliases", "异写"), *basis_columns, ("total", "点名+各镇")),
        records=tuple(
            {
                "name": load.name,
                "aliases": list(plan.town(load.name).aliases),
                "named": load.named,
                "all_towns": load.all_towns,
                "mentioned": load.mentioned,
                "relevant_towns": load.relevant_towns,
                "total": load.certain,
            }
            for load in town_workload(plan, plan.tasks)
        ),
    )


def sections_table(plan: Plan) -> Table:
    """`sections`: every section with its category and task count."""
    from fenggong.listing import section_counts

    rows = section_counts(plan)
    return Table(
        columns=(
            ("section", "大项编号"),
            ("section_title", "大项"),
            ("category_title", "大类"),
            ("tasks", "任务数"),
        ),
        records=tuple(
            {
                "section": r.name,
                "section_title": r.detail,
                "category_title": plan.category(int(r.name.split(".")[0])).title,
                "tasks": r.total,
            }
            for r in rows
        ),
    )


def detail_blocks(details: Sequence[TaskDetail]) -> list[list[tuple[str, str | list[str]]]]:
    """`show` as label/value pairs per task (lists of names as lists)."""
    blocks = []
    for d in details:
        t = d.task
        block: list[tuple[str, str | list[str]]] = [
            ("序号", str(t.id)),
            ("大类", f"{t.category}. {d.category_title}"),
            ("大项", f"{t.section} {d.section_title}"),
            ("任务", t.text),
            ("责任领导", list(t.leaders)),
            ("牵头单位", list(t.lead_units)),
        ]
        for label, names in d.related_by_kind:
            block.append((f"配合：{label}", list(names)))
        if not d.related_by_kind:
            block.append(("相关责任单位", "（无）"))
        towns = "；".join(
            f"{town}（{'、'.join(b.label for b in bases)}）" for town, bases in d.towns
        )
        block.append(("涉及的镇", towns or "（无）"))
        blocks.append(block)
    return blocks


def detail_table(plan: Plan, details: Sequence[TaskDetail]) -> Table:
    """`show` as records for CSV/JSON/Markdown."""
    return Table(
        columns=(
            ("id", "序号"),
            ("category_title", "大类"),
            ("section", "大项编号"),
            ("section_title", "大项"),
            ("text", "任务"),
            ("leaders", "责任领导"),
            ("lead_units", "牵头单位"),
            ("related_units", "相关责任单位"),
            ("towns", "涉及的镇"),
        ),
        records=tuple(
            {
                "id": d.task.id,
                "category": d.task.category,
                "category_title": d.category_title,
                "section": d.task.section,
                "section_title": d.section_title,
                "text": d.task.text,
                "leaders": list(d.task.leaders),
                "lead_units": list(d.task.lead_units),
                "related_units": list(d.task.related_units),
                "towns": {town: [str(b) for b in bases] for town, bases in d.towns},
            }
            for d in details
        ),
    )


# -- workload, brief, overlap, overview ------------------------------------------------


def unit_workload_table(load: UnitWorkload, top: int | None) -> Table:
    """`workload --by unit`: real units ranked (cut at `top`), then collective references."""
    units = load.units[:top] if top else load.units
    return Table(
        columns=(
            ("name", "单位"),
            ("kind", "类别"),
            ("lead", "牵头"),
            ("co_lead", "其中共同牵头"),
            ("related", "配合"),
            ("total", "合计"),
        ),
        records=tuple(
            {
                "name": x.name,
                "kind": x.kind.value,
                "lead": x.lead,
                "co_lead": x.co_lead,
                "related": x.related,
                "total": x.total,
            }
            for x in (*units, *load.collectives)
        ),
    )


def leader_workload_table(loads: Sequence[LeaderLoad]) -> Table:
    """`workload --by leader`: tasks per leader and the lead units under each."""
    return Table(
        columns=(("name", "责任领导"), ("tasks", "任务数"), ("lead_units", "牵头单位（任务数）")),
        records=tuple(
            {"name": x.name, "tasks": x.tasks, "lead_units": dict(x.lead_units)} for x in loads
        ),
    )


def town_workload_table(loads: Sequence[TownLoad]) -> Table:
    """`workload --by town`: tasks per town by basis (each task once, strongest basis)."""
    return Table(
        columns=(
            ("name", "镇"),
            ("named", TownBasis.NAMED.label),
            ("all_towns", TownBasis.ALL_TOWNS.label),
            ("mentioned", TownBasis.MENTIONED.label),
            ("relevant_towns", TownBasis.RELEVANT_TOWNS.label),
            ("certain", "点名+各镇"),
            ("total", "合计"),
        ),
        records=tuple(
            {
                "name": x.name,
                "named": x.named,
                "all_towns": x.all_towns,
                "mentioned": x.mentioned,
                "relevant_towns": x.relevant_towns,
                "certain": x.certain,
                "total": x.total,
            }
            for x in loads
        ),
    )


def group_workload_table(loads: Sequence[GroupLoad], by: By) -> Table:
    """`workload --by category|section`."""
    noun = "大类" if by is By.CATEGORY else "大项"
    return Table(
        columns=(
            ("key", f"{noun}编号"),
            ("title", noun),
            ("tasks", "任务数"),
            ("lead_units", "牵头单位数"),
            ("units", "参与单位数"),
        ),
        records=tuple(
            {
                "key": x.key,
                "title": x.title,
                "tasks": x.tasks,
                "lead_units": x.lead_units,
                "units": x.units,
            }
            for x in loads
        ),
    )


#: The column each workload table's bar follows.
BAR_KEYS = {
    By.UNIT: "total",
    By.LEADER: "tasks",
    By.TOWN: "certain",
    By.CATEGORY: "tasks",
    By.SECTION: "tasks",
}

_BRIEF_KINDS = {"unit": "单位", "leader": "责任领导", "town": "镇"}


def brief_heading(brief: Brief) -> str:
    """The title line of a brief."""
    return f"{brief.name}（{_BRIEF_KINDS[brief.kind]}）工作简报"


def brief_facts(brief: Brief) -> str:
    """The headline figures on one line."""
    return "；".join(f"{label} {value} 项" for _, label, value in brief.facts)


def brief_task_table(tasks: Sequence[BriefTask]) -> Table:
    """A group of brief tasks as a table."""
    with_note = any(t.note for t in tasks)
    columns = [
        ("id", "序号"),
        ("text", "任务"),
        ("leaders", "责任领导"),
        ("lead_units", "牵头单位"),
    ]
    if with_note:
        columns.append(("note", "备注"))
    return Table(
        columns=tuple(columns),
        records=tuple(_brief_record(t) for t in tasks),
    )


def _brief_record(task: BriefTask) -> dict[str, object]:
    return {
        "id": task.id,
        "text": task.text,
        "leaders": list(task.leaders),
        "lead_units": list(task.lead_units),
        "note": task.note,
    }


def counts_table(counts: Sequence[tuple[str, int]], noun: str = "名称") -> Table:
    """Ranked names as a two-column table."""
    return Table(
        columns=(("name", noun), ("tasks", "任务数")),
        records=tuple({"name": n, "tasks": c} for n, c in counts),
    )


def brief_tables(brief: Brief) -> list[tuple[str, Table]]:
    """The brief's parts as titled tables (collective references compacted to task ids)."""
    tables: list[tuple[str, Table]] = []
    for part in brief.parts:
        if part.key == "collective":
            tables.append((part.title, collective_table(part.groups)))
            continue
        for heading, tasks in part.groups:
            title = f"{part.title}：{heading}（{len(tasks)} 项）" if heading else part.title
            tables.append((title, brief_task_table(tasks)))
        if part.counts:
            tables.append((part.title, counts_table(part.counts)))
    return tables


def collective_table(groups: Sequence[tuple[str, Sequence[BriefTask]]]) -> Table:
    """One row per collective reference: how many tasks and which."""
    return Table(
        columns=(("name", "集合指称"), ("tasks", "任务数"), ("ids", "任务序号")),
        records=tuple(
            {"name": name, "tasks": len(tasks), "ids": [str(t.id) for t in tasks]}
            for name, tasks in groups
        ),
    )


def brief_markdown(brief: Brief) -> str:
    """The brief as Markdown for pasting into minutes."""
    lines = [f"## {brief_heading(brief)}", "", brief_facts(brief), ""]
    for title, table in brief_tables(brief):
        lines += [f"### {title}", "", to_markdown(table)]
    return "\n".join(lines).rstrip("\n") + "\n"


def brief_json(brief: Brief) -> str:
    """The brief as JSON with stable English keys."""
    data = {
        "kind": brief.kind,
        "name": brief.name,
        "facts": {key: value for key, _, value in brief.facts},
        "parts": [
            {
                "key": part.key,
                "title": part.title,
                "groups": [
                    {
                        "heading": heading,
                        "tasks": [_brief_record(t) for t in tasks],
                    }
                    for heading, tasks in part.groups
                ],
                "counts": [{"name": n, "tasks": c} for n, c in part.counts],
            }
            for part in brief.parts
        ],
    }
    return json_text(data)


def overlap_table(result: Overlap) -> Table:
    """Shared tasks with one role/basis column per party."""
    columns = [
        ("id", "序号"),
        ("section", "大项编号"),
        ("text", "任务"),
        ("lead_units", "牵头单位"),
    ]
    columns += [(f"party{i}", p.name) for i, p in enumerate(result.parties)]
    return Table(
        columns=tuple(columns),
        records=tuple(
            {
                "id": task.id,
                "section": task.section,
                "text": task.text,
                "lead_units": list(task.lead_units),
                **{f"party{i}": role for i, role in enumerate(roles)},
            }
            for task, roles in result.rows
        ),
    )


def overlap_matrix_table(result: Overlap) -> Table:
    """How many tasks each pair of parties shares (the diagonal: each party's own total)."""
    names = [p.name for p in result.parties]
    return Table(
        columns=(("name", ""), *((f"m{j}", name) for j, name in enumerate(names))),
        records=tuple(
            {"name": name, **{f"m{j}": n for j, n in enumerate(row)}}
            for name, row in zip(names, result.matrix, strict=True)
        ),
    )


def overlap_json(result: Overlap) -> str:
    """Shared tasks and the pair matrix as JSON."""
    names = [p.name for p in result.parties]
    data = {
        "parties": [{"name": p.name, "is_town": p.is_town} for p in result.parties],
        "tasks": [
            {
                "id": task.id,
                "section": task.section,
                "text": task.text,
                "lead_units": list(task.lead_units),
                "roles": {n: r for n, r in zip(names, roles, strict=True) if r},
            }
            for task, roles in result.rows
        ],
        "pairs": [
            {"a": names[i], "b": names[j], "tasks": result.matrix[i][j]}
            for i in range(len(names))
            for j in range(i + 1, len(names))
        ],
    }
    return json_text(data)


def overview_tables(view: Overview) -> list[tuple[str, Table]]:
    """The overview as titled tables."""
    return [
        (
            "各大类",
            Table(
                columns=(
                    ("number", "编号"),
                    ("title", "大类"),
                    ("sections", "大项数"),
                    ("tasks", "任务数"),
                ),
                records=tuple(
                    {"number": n, "title": t, "sections": s, "tasks": k}
                    for n, t, s, k in view.categories
                ),
            ),
        ),
        ("牵头任务最多的单位", counts_table(view.busiest_leads, "单位")),
        ("各责任领导", counts_table(view.leaders, "责任领导")),
        ("各镇", town_workload_table(view.towns)),
    ]


def overview_json(view: Overview) -> str:
    """The overview as JSON."""
    data = {
        "categories": [
            {"number": n, "title": t, "sections": s, "tasks": k} for n, t, s, k in view.categories
        ],
        "busiest_lead_units": [{"name": n, "tasks": c} for n, c in view.busiest_leads],
        "leaders": [{"name": n, "tasks": c} for n, c in view.leaders],
        "towns": [dict(r) for r in town_workload_table(view.towns).records],
    }
    return json_text(data)


def overview_markdown(view: Overview, title: str) -> str:
    """The overview as Markdown."""
    parts = [f"## {title}", ""]
    for heading, table in overview_tables(view):
        parts += [f"### {heading}", "", to_markdown(table)]
    return "\n".join(parts).rstrip("\n") + "\n"
