"""Tasks as views: the task columns (one definition for every command that shows tasks),
`--columns`, and the answers of `tasks` and `show`."""

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from fenggong.errors import UsageError
from fenggong.plan.kinds import Role, TownBasis
from fenggong.plan.model import Plan, Task
from fenggong.present.view import Answer, Column, Details, Field, Grid, Kind, View, plan_label

if TYPE_CHECKING:
    from fenggong.queries.filters import TaskFilter, TaskRow
    from fenggong.queries.listing import TaskDetail


class Facts(NamedTuple):
    """Everything a task column can show about one task row."""

    task: Task
    row: "TaskRow"
    category_title: str
    section_title: str


# The columns shared by every table of tasks; brief and overlap tables reuse them.
ID = Column("id", "序号", Kind.NUMBER)
CATEGORY = Column("category", "大类", Kind.NUMBER)
CATEGORY_TITLE = Column("category_title", "大类名称", Kind.NAME)
SECTION = Column("section", "大项编号", Kind.NAME)
SECTION_TITLE = Column("section_title", "大项", Kind.NAME, max_width=16)
TEXT = Column("text", "任务", Kind.TEXT, min_width=16)
LEADERS = Column("leaders", "责任领导", Kind.NAMES, min_width=6, max_width=14)
LEAD_UNITS = Column("lead_units", "牵头单位", Kind.NAMES, min_width=12, max_width=16)
RELATED_UNITS = Column("related_units", "相关责任单位", Kind.NAMES, min_width=12, max_width=28)
ROLE = Column("role", "角色", Kind.CHOICE)
ROLES = Column("roles", "各单位角色", Kind.CHOICE_MAP)
TOWN_BASIS = Column("town_basis", "依据", Kind.CHOICE, min_width=6)
TOWN_BASES = Column("town_bases", "各镇依据", Kind.CHOICE_MAP)
SCORE = Column("score", "相似度", Kind.NUMBER)
MATCHED = Column("matched_in", "关键词出现在", Kind.NAME)
DEADLINE = Column("deadline", "截止日期", Kind.NAME, min_width=10)
#: A task's light and why (tasks, status, summary: one definition).
LIGHT = Column("light", "灯", Kind.NAME)
REASON = Column("reason", "原因", Kind.NAME)
#: A task's progress (`--columns 灯,原因,本期状态`), from the progress store.
PROGRESS_COLUMNS = (
    LIGHT,
    REASON,
    Column("progress_status", "本期状态", Kind.NAME),
    Column("deadline_source", "截止依据", Kind.NAME),
)


def _strongest_role(f: Facts) -> Role | None:
    if not f.row.roles:
        return None
    return Role.LEAD if any(r is Role.LEAD for _, r in f.row.roles) else Role.RELATED


def _strongest_basis(f: Facts) -> TownBasis | None:
    order = list(TownBasis)
    return min((b for _, b in f.row.bases), key=order.index) if f.row.bases else None


#: Each task column and how to read its value; `--columns` names them by key or header.
TASK_COLUMNS: dict[str, tuple[Column, Callable[[Facts], object]]] = {
    c.key: (c, get)
    for c, get in (
        (ID, lambda f: f.task.id),
        (CATEGORY, lambda f: f.task.category),
        (CATEGORY_TITLE, lambda f: f.category_title),
        (SECTION, lambda f: f.task.section),
        (SECTION_TITLE, lambda f: f.section_title),
        (TEXT, lambda f: f.task.text),
        (LEADERS, lambda f: f.task.leaders),
        (LEAD_UNITS, lambda f: f.task.lead_units),
        (RELATED_UNITS, lambda f: f.task.related_units),
        (ROLE, _strongest_role),
        (ROLES, lambda f: dict(f.row.roles)),
        (TOWN_BASIS, _strongest_basis),
        (TOWN_BASES, lambda f: dict(f.row.bases)),
        (SCORE, lambda f: f.row.score),
        (MATCHED, lambda f: "大项名称" if f.row.by_section else "任务原文"),
        (DEADLINE, lambda f: f.task.deadline.isoformat() if f.task.deadline else ""),
        *(
            (c, lambda f, i=i: f.row.progress[i] if f.row.progress else "")
            for i, c in enumerate(PROGRESS_COLUMNS)
        ),
    )
}
#: What every task record shows after its id and category.
BODY = (SECTION, SECTION_TITLE, TEXT, LEADERS, LEAD_UNITS, RELATED_UNITS)
#: What files get by default; the terminal leaves out what the section id already says.
FILE_COLUMNS = (ID, CATEGORY, CATEGORY_TITLE, *BODY)
TERMINAL_COLUMNS = (ID, SECTION._replace(spare=True), TEXT, LEADERS, LEAD_UNITS, RELATED_UNITS)
#: The columns of `export --format csv`: the same as any file of tasks (one schema).
DATASET_COLUMNS = FILE_COLUMNS


def default_columns(
    rows: Sequence["TaskRow"], *, role: bool, basis: bool, terminal: bool
) -> tuple[Column, ...]:
    """The default columns for task rows, plus the role/basis/score the filters add."""
    extra = []
    if role:
        extra.append(ROLE)
    if basis:
        extra.append(TOWN_BASIS)
    if any(r.score is not None for r in rows):
        extra.append(SCORE)
    if any(r.by_section for r in rows):
        extra.append(MATCHED)
    if any(r.task.deadline for r in rows):
        extra.append(DEADLINE)
    if any(r.progress for r in rows):  # filtered by progress: the light, why, and (with the
        if DEADLINE in extra:  # deadlines in force, --overdue/--due-before) their source
            extra.append(PROGRESS_COLUMNS[-1])
        extra += PROGRESS_COLUMNS[:2]
    return (*(TERMINAL_COLUMNS if terminal else FILE_COLUMNS), *extra)


def parse_columns(spec: str | None, default: Sequence[Column]) -> tuple[Column, ...]:
    """The columns `--columns` names (keys or Chinese headers, comma-separated)."""
    if spec is None:
        return tuple(default)
    by_header = {c.header: c for c, _ in TASK_COLUMNS.values()}
    out = []
    for raw in spec.replace("，", ",").split(","):
        name = raw.strip()
        column = TASK_COLUMNS[name][0] if name in TASK_COLUMNS else by_header.get(name)
        if column is None:
            raise UsageError(f"未知的列「{name}」（可用：{'、'.join(TASK_COLUMNS)}）")
        out.append(column)
    if not out:
        raise UsageError("--columns 至少要有一列")
    return tuple(out)


def task_view(plan: Plan, rows: Sequence["TaskRow"], columns: Sequence[Column]) -> View:
    """Task rows as a view with the chosen columns (with several units or towns asked, the
    role or basis column is followed by one that says which has which)."""
    multi_role = any(len(r.roles) > 1 for r in rows)
    multi_town = any(len(r.bases) > 1 for r in rows)
    chosen: list[Column] = []
    for column in columns:
        chosen.append(column)
        if column is ROLE and multi_role:
            chosen.append(ROLES)
        if column is TOWN_BASIS and multi_town:
            chosen.append(TOWN_BASES)
    getters = [TASK_COLUMNS[c.key][1] for c in chosen]
    facts = (
        Facts(
            task=r.task,
            row=r,
            category_title=plan.category(r.task.category).title,
            section_title=plan.section(r.task.section).title,
        )
        for r in rows
    )
    return View(tuple(chosen), tuple(tuple(get(f) for get in getters) for f in facts))


def tasks_answer(
    plan: Plan,
    rows: Sequence["TaskRow"],
    columns: Sequence[Column],
    *,
    header_keys: bool = False,
    highlight: Sequence[str] = (),
    title: str = "任务",
    others: Mapping[TownBasis, int] | None = None,
) -> Answer:
    """`tasks`: the rows in the chosen columns, counted under the table, and for a town
    question what the other bases would add."""
    view = task_view(plan, rows, columns)
    if header_keys:
        view = view.with_key_headers()
    note = other_bases_note(others or {})
    caption = f"共 {len(rows)} 项" + (f"；{note}" if note else "")
    hint = "加宽终端或用 --columns 指定要看的列"
    screen = Grid(view, caption=caption, highlight=tuple(highlight), spare_hint=hint)
    return Answer(screen=screen, records=view, title=title, plan=plan_label(plan.meta), note=note)


_OTHER_WORDS = {
    TownBasis.NAMED: "点名本镇",
    TownBasis.ALL_TOWNS: "写的是“各镇政府”",
    TownBasis.RELEVANT_MENTIONED: "写的是“相关镇政府”且原文点到本镇",
    TownBasis.MENTIONED: "只在原文中提到本镇",
    TownBasis.RELEVANT_TOWNS: "写的是“相关镇政府”（未点到本镇）",
}


def other_bases_note(others: Mapping[TownBasis, int]) -> str:
    """另有 15 项写的是“相关镇政府”…，加 --all-bases 查看 (or "" when none)."""
    parts = [f"{others[b]} 项{_OTHER_WORDS[b]}" for b in TownBasis if others.get(b)]
    return f"另有 {'，'.join(parts)}，加 --all-bases 一并查看" if parts else ""


def question_title(flt: "TaskFilter") -> str:
    """What a filter asks, as a title: 县工信商务局牵头的任务, 全部任务."""
    parts = []
    if flt.lead_units:
        parts.append("、".join(flt.lead_units) + "牵头")
    if flt.units:
        parts.append("、".join(flt.units) + "参与")
    if flt.towns:
        parts.append("、".join(flt.towns))
    if flt.leaders:
        parts.append("、".join(flt.leaders) + "分管")
    if flt.categories:
        parts.append("第" + "、".join(map(str, flt.categories)) + "大类")
    if flt.sections:
        parts.append("大项" + "、".join(flt.sections))
    if flt.keywords:
        parts.append("含“" + "、".join(flt.keywords) + "”")
    return "，".join(parts) + "的任务" if parts else "全部任务"


# -- show ------------------------------------------------------------------------------

#: `show` in files: the task columns of `tasks`, with each town the task involves under
#: `town_bases` (its strongest basis, as a town question counts it: one task schema), and
#: with a progress store each task's light.
PROGRESS = Column("progress", "进展", Kind.NAME)
DETAIL_COLUMNS = (*FILE_COLUMNS, TOWN_BASES)


def details_answer(
    plan: Plan, details: Sequence["TaskDetail"], progress: Mapping[int, str] | None = None
) -> Answer:
    """`show`: a label/value block per task on screen; one record per task in files (with
    the deadline where a task has one, and with a progress store each task's light)."""
    due = any(d.task.deadline for d in details)
    lit = progress or {}
    records = View(
        (*DETAIL_COLUMNS, *((DEADLINE,) if due else ()), *((PROGRESS,) if lit else ())),
        tuple(
            (
                d.task.id,
                d.task.category,
                d.category_title,
                d.task.section,
                d.section_title,
                d.task.text,
                d.task.leaders,
                d.task.lead_units,
                d.task.related_units,
                {town: bases[0] for town, bases in d.towns},
                *((d.task.deadline.isoformat() if d.task.deadline else "",) if due else ()),
                *((lit.get(d.task.id, ""),) if lit else ()),
            )
            for d in details
        ),
    )
    ids = "、".join(str(d.task.id) for d in details)
    return Answer(
        screen=Details(
            tuple(
                (*_fields(d), *((("进展", lit[d.task.id]),) if d.task.id in lit else ()))
                for d in details
            )
        ),
        records=records,
        title=f"第 {ids} 项任务",
        plan=plan_label(plan.meta),
    )


def _fields(d: "TaskDetail") -> tuple[Field, ...]:
    t = d.task
    block: list[Field] = [
        ("序号", str(t.id)),
        ("大类", f"{t.category}. {d.category_title}"),
        ("大项", f"{t.section} {d.section_title}"),
        *((("原文编号", t.number),) if t.number else ()),
        ("任务", t.text),
        ("责任领导", t.leaders or "（方案未列）"),
        ("牵头单位", t.lead_units),
    ]
    block += [(f"配合：{label}", names) for label, names in d.related_by_kind]
    if not d.related_by_kind:
        block.append(("相关责任单位", "（无）"))
    # One basis a town, the strongest: a task counts once per town everywhere.
    towns = "；".join(f"{town}（{bases[0].label}）" for town, bases in d.towns)
    block.append(("涉及的镇", towns or "（无）"))
    block += list(t.extras)
    if t.deadline is not None:
        block.append(("截止日期", t.deadline.isoformat()))
    return tuple(block)
