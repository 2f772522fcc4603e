"""Query results shaped as `Table`s of records, shared by the Rich and text outputs."""

from __future__ import annotations

from collections.abc import Sequence

from fenggong.export import Table
from fenggong.model import Plan, TownBasis, UnitKind
from fenggong.query import TaskDetail, leader_counts, section_counts, town_counts, unit_counts


def leaders_table(plan: Plan) -> Table:
    """`leaders`: each leader and the tasks they oversee."""
    rows = leader_counts(plan)
    return Table(
        columns=(("name", "责任领导"), ("tasks", "任务数")),
        records=tuple({"name": r.name, "tasks": r.total} for r in rows),
    )


def units_table(plan: Plan, kinds: frozenset[UnitKind] | None) -> Table:
    """`units`: each unit with kind, short names and task counts."""
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
                "kind": r.detail,
                "aliases": list(r.aliases),
                "lead": r.lead,
                "related": r.related,
                "total": r.total,
            }
            for r in rows
        ),
    )


def towns_table(plan: Plan) -> Table:
    """`towns`: each town with its tasks per basis."""
    rows = town_counts(plan)
    basis_columns = tuple((b.value, b.label) for b in TownBasis)
    return Table(
        columns=(("name", "镇"), ("aliases", "异写"), *basis_columns, ("total", "点名+各镇")),
        records=tuple(
            {"name": r.name, "aliases": list(r.aliases), **r.extra, "total": r.total} for r in rows
        ),
    )


def sections_table(plan: Plan) -> Table:
    """`sections`: every section with its category and task count."""
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


def detail_blocks(details: Sequence[TaskDetail]) -> list[list[tuple[str, str]]]:
    """`show` as label/value pairs per task."""
    blocks = []
    for d in details:
        t = d.task
        block = [
            ("序号", str(t.id)),
            ("大类", f"{t.category}. {d.category_title}"),
            ("大项", f"{t.section} {d.section_title}"),
            ("任务", t.text),
            ("责任领导", "、".join(t.leaders)),
            ("牵头单位", "、".join(t.lead_units)),
        ]
        for label, names in d.related_by_kind:
            block.append((f"配合：{label}", "、".join(names)))
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
                "towns": [f"{town}：{bases[0].label}" for town, bases in d.towns],
            }
            for d in details
        ),
    )
