"""A plan read in → the dataset document: registries (the given one plus new names, or all
guessed), declared totals checked, pinyin initials, and the list of what needs review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fenggong.errors import DatasetError
from fenggong.intake.names import (
    Normaliser,
    covers_of,
    guess_kind,
    initials_for,
    is_town_government,
    town_of,
)
from fenggong.intake.selfcheck import verdict
from fenggong.plan.document import registry_tables
from fenggong.plan.model import Plan


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """The dataset document (as TOML-ready data) and what the importer could not settle."""

    document: dict[str, object]
    problems: tuple[str, ...]
    #: What `fenggong check` would say of the document as written: it is not written.
    invalid: tuple[str, ...] = ()
    #: What `check` will say of the written document because the source leaves a gap (a
    #: declared total not met, a task without a lead unit): written, and said.
    unchecked: tuple[str, ...] = ()

    @property
    def tasks(self) -> int:
        """How many tasks were read."""
        tasks = self.document.get("tasks")
        return len(tasks) if isinstance(tasks, list) else 0

    def refuse_invalid(self, source: object) -> None:
        """`DatasetError` (exit 3, one line) when the document would fail `check`."""
        if self.invalid:
            more = (
                f"（共 {len(self.invalid)} 处，加 --dry-run 全部列出）"
                if len(self.invalid) > 1
                else ""
            )
            raise DatasetError(
                (f"{source}：导入的结果通不过 fenggong check，没有写出：{self.invalid[0]}{more}",)
            )


def finish(
    meta: dict[str, object],
    categories: list[dict[str, object]],
    sections: list[dict[str, object]],
    tasks: list[dict[str, object]],
    registry: Plan | None,
    norm: Normaliser,
    problems: list[str],
    level: str = "county",
    marks: dict[str, object] | None = None,
) -> ImportResult:
    """The document of what was read (`marks`: [plan] keys known only to the reader, such
    as level and excerpt), with what needs review and what `check` will say of it."""
    if registry is not None:
        norm.report_unknown(norm.reg.units.keys() | norm.reg.leaders.keys())
    _check_counts(meta, categories, sections, tasks, problems)
    registries = _registries(registry, tasks, problems, norm, level)
    plan_meta = {
        "title": meta.get("title", "未命名方案"),
        "issuer": meta.get("issuer", "未知"),
        "document_number": meta.get("document_number", "未知"),
        "issued": meta.get("issued", dt.date(1970, 1, 1)),
        "declared_categories": meta.get("declared_categories", len(categories)),
        "declared_sections": meta.get("declared_sections", len(sections)),
        "declared_tasks": meta.get("declared_tasks", len(tasks)),
        **(marks or {}),
    }
    missing = [_META_LABELS[k] for k in _META_LABELS if k not in meta]
    if missing and (categories or tasks):
        problems.append(f"没有找到方案的{'、'.join(missing)}，请在 [plan] 中补上")
    known = dict(registry.initials) if registry is not None else {}
    names = [str(row["name"]) for rows in registries.values() for row in rows]
    names += [str(a) for rows in registries.values() for row in rows for a in _listed(row)]
    new, missing = initials_for(names, known)
    if missing:
        problems.append(
            f"{len(missing)} 个字没有拼音首字母（{''.join(missing[:10])}{'…' if len(missing) > 10 else ''}），"
            "拼音缩写查不到含这些字的名称；"
            "安装 pypinyin 后重新导入即可补上"
        )
    document: dict[str, object] = {
        "plan": plan_meta,
        "categories": categories,
        "sections": sections,
        **registries,
        "tasks": tasks,
    }
    if known or new:
        document["initials"] = known | new
    invalid, gaps = verdict(document) if tasks else ((), ())
    return ImportResult(
        document=document, problems=tuple(problems), invalid=invalid, unchecked=gaps
    )


_META_LABELS = {
    "title": "标题",
    "issuer": "发文机关",
    "document_number": "文号",
    "issued": "成文日期",
}


def _listed(row: dict[str, object]) -> list[object]:
    aliases = row.get("aliases", [])
    return aliases if isinstance(aliases, list) else []


def _check_counts(
    meta: dict[str, object],
    categories: list[dict[str, object]],
    sections: list[dict[str, object]],
    tasks: list[dict[str, object]],
    problems: list[str],
) -> None:
    declared = (
        ("大类", meta.get("declared_categories"), len(categories)),
        ("大项", meta.get("declared_sections"), len(sections)),
        ("小项", meta.get("declared_tasks"), len(tasks)),
    )
    for label, want, got in declared:
        if want is not None and want != got:
            problems.append(f"文件声明共 {want} 个{label}，实际读到 {got} 个")
    for category in categories:
        got = sum(1 for s in sections if str(s["id"]).split(".")[0] == str(category["number"]))
        want = category["declared_sections"]
        if want and want != got:
            problems.append(f"第 {category['number']} 大类声明共 {want} 大项，实际读到 {got} 个")
    ids = [t["id"] for t in tasks]
    seen: set[object] = set()
    for task_id in ids:
        if task_id in seen:
            problems.append(f"序号 {task_id} 出现了不止一次")
        seen.add(task_id)


def _registries(
    registry: Plan | None,
    tasks: list[dict[str, object]],
    problems: list[str],
    norm: Normaliser,
    level: str,
) -> dict[str, list[dict[str, object]]]:
    """The registries of the output: the given registry's plus what is new, or all guessed.

    New names are added with a guessed kind (and reported), so the output loads and
    `fenggong check` passes once the curator has reviewed them.
    """
    if registry is not None:
        tables = registry_tables(registry)
        tables["leaders"] += [{"name": n} for n in norm.unknown_leaders]
        for name in norm.unknown:
            if name in norm.unknown_leaders:
                continue
            if is_town_government(name):
                tables["towns"].append({"name": town_of(name)})
            else:
                tables["units"].append({"name": name, "kind": str(guess_kind(name, level))})
        return tables
    leaders: dict[str, None] = {}
    units: dict[str, None] = {}
    for task in tasks:
        for key, into in (("leaders", leaders), ("lead_units", units), ("related_units", units)):
            names = task[key]
            assert isinstance(names, list)
            into.update(dict.fromkeys(names))
    towns = [town for u in units if (town := town_of(u)) is not None]
    unit_rows: list[dict[str, object]] = [
        {"name": u, "kind": str(guess_kind(u, level))} for u in units if not is_town_government(u)
    ]
    for row in unit_rows:
        if row["kind"] == "collective" and (covers := covers_of(str(row["name"]))) is not None:
            row["covers"] = covers
    if unit_rows:
        problems.append(f"未指定名录（--registry）：{len(unit_rows)} 个单位的类别是推测的，请核对")
    return {
        "leaders": [{"name": n} for n in leaders],
        "towns": [{"name": t} for t in towns],
        "units": unit_rows,
    }
