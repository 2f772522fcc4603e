"""The plan ⇄ the dataset document: TOML/JSON-ready data in the schema of `data/tasks.toml`,
and its text as `export` and `import` write it."""

from collections.abc import Iterable

from fenggong.plan.kinds import UnitKind
from fenggong.plan.model import Plan

DATASET_HEADER = """\
# fenggong 数据文件：{title}（{document_number}）
#
# 结构：[plan] 方案信息与声明的总数；[[categories]] 大类；[[sections]] 大项（id 形如 "3.2"，
# variants 是分页后重复出现时的其他写法）；[[leaders]]、[[towns]]、[[units]] 是名录，
# aliases 记录原文的异写和常用简称；镇政府（某某镇政府）由 [[towns]] 自动生成。
# [[tasks]] 每项一条：序号、所属大项、任务原文、责任领导、牵头单位、相关责任单位（原文顺序、规范名称）。
# [initials] 名称用字的拼音首字母（gxsw → 县工信商务局），由 fenggong import 借助 pypinyin 生成。
# 规范化：去掉提取时混入的空格，重新拼合被换行拆开的名称，展开"水台、稔村镇政府"这类共用后缀。
# 修改后请运行：fenggong check
"""


def dataset_document(plan: Plan, tasks: Iterable[int] | None = None) -> dict[str, object]:
    """The plan (or some of its tasks) as TOML/JSON-ready data in the dataset schema."""
    chosen = set(tasks) if tasks is not None else None
    meta = plan.meta
    return {
        "plan": {
            "title": meta.title,
            "issuer": meta.issuer,
            "document_number": meta.document_number,
            "issued": meta.issued,
            "declared_categories": meta.declared_categories,
            "declared_sections": meta.declared_sections,
            "declared_tasks": meta.declared_tasks,
            **({"excerpt": True} if meta.excerpt else {}),
            **({"place": meta.place} if meta.place else {}),
            **({"level": meta.level} if meta.level else {}),
        },
        "categories": [
            {"number": c.number, "title": c.title, "declared_sections": c.declared_sections}
            for c in plan.categories
        ],
        "sections": [
            {"id": s.id, "title": s.title, **({"variants": list(s.variants)} if s.variants else {})}
            for s in plan.sections
        ],
        **registry_tables(plan),
        "tasks": [
            {
                "id": t.id,
                "section": t.section,
                "text": t.text,
                "leaders": list(t.leaders),
                "lead_units": list(t.lead_units),
                "related_units": list(t.related_units),
                **({"number": t.number} if t.number else {}),
                **({"extras": dict(t.extras)} if t.extras else {}),
                **({"deadline": t.deadline} if t.deadline else {}),
            }
            for t in plan.tasks
            if chosen is None or t.id in chosen
        ],
        **({"initials": dict(plan.initials)} if plan.initials else {}),
    }


def subset_document(plan: Plan, task_ids: Iterable[int]) -> dict[str, object]:
    """Some tasks as a dataset of their own: only their categories and sections, totals
    declared for the subset, so the file loads and passes `check` like any plan."""
    document = dataset_document(plan, task_ids)
    tasks = document["tasks"]
    assert isinstance(tasks, list)
    used_sections = {t["section"] for t in tasks}
    sections = [s for s in plan.sections if s.id in used_sections]
    categories = [c for c in plan.categories if any(s.category == c.number for s in sections)]
    document["sections"] = [
        {"id": s.id, "title": s.title, **({"variants": list(s.variants)} if s.variants else {})}
        for s in sections
    ]
    document["categories"] = [
        {
            "number": c.number,
            "title": c.title,
            "declared_sections": sum(1 for s in sections if s.category == c.number),
        }
        for c in categories
    ]
    meta = document["plan"]
    assert isinstance(meta, dict)
    meta.update(
        excerpt=True,
        declared_categories=len(categories),
        declared_sections=len(sections),
        declared_tasks=len(tasks),
    )
    return document


def dataset_toml(document: dict[str, object]) -> str:
    """The dataset document as TOML in the layout of `data/tasks.toml` (tomli-w's)."""
    from fenggong.plan.tomltext import dumps

    plan = document.get("plan", {})
    assert isinstance(plan, dict)
    header = DATASET_HEADER.format(
        title=plan.get("title", ""), document_number=plan.get("document_number", "")
    )
    return header + "\n" + dumps(document)


def registry_tables(plan: Plan) -> dict[str, list[dict[str, object]]]:
    """The plan's registries as TOML-ready tables (town governments are derived, so omitted)."""
    leaders: list[dict[str, object]] = []
    for leader in plan.leaders:
        leaders.append({"name": leader.name, **_aliases(leader.aliases)})
    towns: list[dict[str, object]] = []
    for town in plan.towns:
        towns.append({"name": town.name, **_aliases(town.aliases)})
    units: list[dict[str, object]] = []
    for unit in plan.units:
        if unit.kind is UnitKind.TOWN:
            continue
        row: dict[str, object] = {"name": unit.name, "kind": str(unit.kind)}
        if unit.covers is not None:
            row["covers"] = str(unit.covers)
        if unit.hosted_by is not None:
            row["hosted_by"] = unit.hosted_by
        units.append(row | _aliases(unit.aliases))
    return {"leaders": leaders, "towns": towns, "units": units}


def _aliases(aliases: tuple[str, ...]) -> dict[str, object]:
    return {"aliases": list(aliases)} if aliases else {}
