"""The dataset as answers: `export` (whole or filtered), `import`'s result, `check`'s verdict."""

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fenggong.plan.kinds import Covers, UnitKind
from fenggong.plan.model import Plan
from fenggong.present.answers.tasks import DATASET_COLUMNS, task_view
from fenggong.present.view import Answer, Column, Grid, Kind, View, plan_label
from fenggong.queries.filters import TaskRow

if TYPE_CHECKING:
    from fenggong.intake.assemble import ImportResult


def dataset_answer(plan: Plan, rows: Sequence[TaskRow], *, whole: bool) -> Answer:
    """The plan (`whole`) or the rows' tasks as a dataset of their own; CSV lists the tasks."""
    from fenggong.plan.document import dataset_document, subset_document

    view = _with_document_columns(task_view(plan, rows, DATASET_COLUMNS), rows)
    ids = [r.task.id for r in rows]
    document = dataset_document(plan) if whole else subset_document(plan, ids)
    return Answer(
        screen=Grid(view),
        records=view,
        document=document,
        title="任务",
        plan=plan_label(plan.meta),
        sheets=registry_sheets(document),
        repeated=("category_title", "section_title"),
    )


#: [plan] keys and their names in the 方案信息 sheet.
META_NAMES = {
    "title": "标题",
    "issuer": "发文机关",
    "document_number": "文号",
    "issued": "成文日期",
    "declared_categories": "声明的大类数",
    "declared_sections": "声明的大项数",
    "declared_tasks": "声明的任务数",
    "excerpt": "节选",
    "place": "地方",
    "level": "层级",
}


def registry_sheets(document: dict[str, object]) -> tuple[Grid, ...]:
    """The dataset's other tables as sheets a 督查室 can edit and bring back with import."""
    name, names = Column("name", "名称", Kind.NAME), Column("aliases", "简称和异写", Kind.NAMES)
    meta = document.get("plan")
    assert isinstance(meta, dict)
    found = document.get("initials")
    initials = found if isinstance(found, dict) else {}
    return tuple(
        Grid(View(tuple(columns), tuple(rows)), title=title)
        for title, columns, rows in (
            (
                "方案信息",
                (Column("key", "项目", Kind.NAME), Column("value", "内容", Kind.NAME)),
                [(label, _text(meta[key])) for key, label in META_NAMES.items() if key in meta],
            ),
            (
                "大类",
                (
                    Column("number", "编号", Kind.NUMBER),
                    name,
                    Column("sections", "声明的大项数", Kind.NUMBER),
                ),
                [
                    (c["number"], c["title"], c["declared_sections"])
                    for c in _rows(document, "categories")
                ],
            ),
            (
                "大项",
                (Column("id", "编号", Kind.NAME), name, Column("variants", "其他写法", Kind.NAMES)),
                [
                    (s["id"], s["title"], tuple(_list(s.get("variants"))))
                    for s in _rows(document, "sections")
                ],
            ),
            (
                "责任领导",
                (name, names),
                [(x["name"], tuple(_list(x.get("aliases")))) for x in _rows(document, "leaders")],
            ),
            (
                "单位",
                (
                    name,
                    Column("kind", "类别", Kind.CHOICE),
                    Column("covers", "覆盖的镇", Kind.CHOICE),
                    Column("hosted_by", "设在", Kind.NAME),
                    names,
                ),
                [
                    (
                        u["name"],
                        UnitKind(str(u["kind"])),
                        _covers(u.get("covers")),
                        u.get("hosted_by", ""),
                        tuple(_list(u.get("aliases"))),
                    )
                    for u in _rows(document, "units")
                ],
            ),
            (
                "镇",
                (name, names),
                [(t["name"], tuple(_list(t.get("aliases")))) for t in _rows(document, "towns")],
            ),
            (
                "拼音首字母",
                (Column("char", "字", Kind.NAME), Column("letters", "首字母", Kind.NAME)),
                list(initials.items()),
            ),
        )
    )


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _covers(value: object) -> Covers | None:
    return Covers(str(value)) if value else None


def _with_document_columns(view: View, rows: Sequence[TaskRow]) -> View:
    """The tasks' own numbers and extra columns after the dataset's, so that the CSV imports
    back to the same tasks."""
    extras = list(dict.fromkeys(name for r in rows for name, _ in r.task.extras))
    numbered = any(r.task.number for r in rows)
    due = any(r.task.deadline for r in rows)
    columns = (
        *view.columns,
        *((Column("number", "原文编号", Kind.NAME),) if numbered else ()),
        *((Column("deadline", "截止日期", Kind.NAME),) if due else ()),
        *(Column(name, name, Kind.NAME) for name in extras),
    )
    values = tuple(
        (
            *old,
            *((r.task.number,) if numbered else ()),
            *((r.task.deadline.isoformat() if r.task.deadline else "",) if due else ()),
            *(dict(r.task.extras).get(name, "") for name in extras),
        )
        for old, r in zip(view.rows, rows, strict=True)
    )
    return View(columns, values)


def imported_answer(document: dict[str, object]) -> Answer:
    """A dataset document read in by `import` (written as TOML)."""
    empty = View((), ())
    return Answer(screen=Grid(empty), records=None, document=document)


def check_summary(path: Path, plan: Plan) -> str:
    """The line `check` prints for a file without problems."""
    units = sum(1 for u in plan.units if u.kind is not UnitKind.TOWN)
    return (
        f"{path}：没有发现问题。{len(plan.categories)} 个大类、{len(plan.sections)} 个大项、"
        f"{len(plan.tasks)} 项任务；{units} 个单位（另有 {len(plan.towns)} 个镇政府）、"
        f"{len(plan.leaders)} 位责任领导、{len(plan.towns)} 个镇。"
    )


def written_line(result: "ImportResult", output: Path) -> str:
    """What `import -o` says once the file is written: how many tasks, what to review, and
    whether `check` will pass it as it is."""
    note = f"；{len(result.problems)} 处需要核对（见上）" if result.problems else ""
    if result.unchecked:
        return (
            f"已写入 {output}：{result.tasks} 项任务{note}。fenggong check {output} 还会报 "
            f"{len(result.unchecked)} 处（{result.unchecked[0]}{'等' if len(result.unchecked) > 1 else ''}），"
            "按需核对补上后才能使用"
        )
    return f"已写入 {output}：{result.tasks} 项任务{note}。请再运行 fenggong check {output}"


def import_summary(result: "ImportResult", layout: str) -> list[str]:
    """What `import --dry-run` says: the layout, each column's field, the counts, the names
    by guessed kind, and everything to review."""
    from collections import Counter

    from fenggong.plan.kinds import UnitKind as Kind
    from fenggong.plan.kinds import kind_label

    document = result.document
    tasks = _rows(document, "tasks")
    units = _rows(document, "units")
    about = document.get("plan")
    level = str(about.get("level", "")) if isinstance(about, dict) else ""
    # A city plan's own departments are 市直部门和机构, not 县直.
    kinds = Counter(kind_label(Kind(str(u.get("kind"))), level) for u in units)
    lines = [
        f"格式：{layout}",
        f"读到：{len(_rows(document, 'categories'))} 个大类、{len(_rows(document, 'sections'))} 个大项、"
        f"{len(tasks)} 项任务；{len(_rows(document, 'leaders'))} 位责任领导、"
        f"{len(units)} 个单位、{len(_rows(document, 'towns'))} 个镇（街道）",
        "单位类别（推测）：" + ("、".join(f"{k} {n} 个" for k, n in kinds.items()) or "（无）"),
    ]
    lines += [f"需核对：{p}" for p in result.problems]
    lines += [f"写不出：导入的结果通不过 fenggong check：{p}" for p in result.invalid]
    lines += [f"check 会报（补上后才能用）：{p}" for p in result.unchecked]
    lines.append("（--dry-run：什么也没有写）")
    return lines


def _rows(document: dict[str, object], key: str) -> list[dict[str, object]]:
    rows = document.get(key)
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []
