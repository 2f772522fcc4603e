"""Text output formats (CSV, TSV, JSON, JSON Lines, Markdown, dataset TOML) as strings."""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from fenggong.kinds import Format, Role, TownBasis, UnitKind
from fenggong.model import Plan
from fenggong.query import TaskRow

#: Task columns: JSON key → the document's own column name.
TASK_COLUMNS = {
    "id": "序号",
    "category": "大类",
    "category_title": "大类名称",
    "section": "大项编号",
    "section_title": "大项",
    "text": "任务",
    "leaders": "责任领导",
    "lead_units": "牵头单位",
    "related_units": "相关责任单位",
    "role": "角色",
    "roles": "各单位角色",
    "town_basis": "依据",
    "town_bases": "各镇依据",
    "score": "相似度",
}
DEFAULT_TASK_COLUMNS = (
    "id",
    "category",
    "section",
    "section_title",
    "text",
    "leaders",
    "lead_units",
    "related_units",
)
#: Cell starts that a spreadsheet would run as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
JOINER = "、"


class Table(NamedTuple):
    """Rows of records and the columns to show, each as (key, Chinese header)."""

    columns: tuple[tuple[str, str], ...]
    records: tuple[dict[str, object], ...]


#: The terminal table leaves out what the section id already says.
TABLE_TASK_COLUMNS = ("id", "section", "text", "leaders", "lead_units", "related_units")


def task_columns(
    rows: Sequence[TaskRow], *, role: bool, basis: bool, terminal: bool = False
) -> tuple[str, ...]:
    """The default columns for task rows, plus the role/basis/score the filters add."""
    extra = []
    if role:
        extra.append("role")
    if basis:
        extra.append("town_basis")
    if any(r.score is not None for r in rows):
        extra.append("score")
    return (*(TABLE_TASK_COLUMNS if terminal else DEFAULT_TASK_COLUMNS), *extra)


def task_record(plan: Plan, row: TaskRow) -> dict[str, object]:
    """A task row as a JSON-ready record with stable English keys."""
    task = row.task
    section = plan.section(task.section)
    record: dict[str, object] = {
        "id": task.id,
        "category": task.category,
        "category_title": plan.category(task.category).title,
        "section": task.section,
        "section_title": section.title,
        "text": task.text,
        "leaders": list(task.leaders),
        "lead_units": list(task.lead_units),
        "related_units": list(task.related_units),
    }
    if row.roles:
        strongest = Role.LEAD if any(r is Role.LEAD for _, r in row.roles) else Role.RELATED
        record["role"] = str(strongest)
        record["roles"] = {unit: str(role) for unit, role in row.roles}
    if row.bases:
        record["town_basis"] = str(min((b for _, b in row.bases), key=_basis_rank))
        record["town_bases"] = {town: str(basis) for town, basis in row.bases}
    if row.score is not None:
        record["score"] = row.score
    return record


_ENUM_LABELS = {
    **{r.value: r.label for r in Role},
    **{b.value: b.label for b in TownBasis},
}
_KIND_LABELS = {k.value: k.label for k in UnitKind}


def _basis_rank(basis: TownBasis) -> int:
    return list(TownBasis).index(basis)


def display_value(key: str, value: object) -> str:
    """A record value as one cell of text (lists joined with 、, roles in Chinese)."""
    if value is None:
        return ""
    if key in ("role", "town_basis") or key.startswith("party"):
        return _ENUM_LABELS.get(str(value), str(value))
    if key == "kind" and isinstance(value, str):
        return _KIND_LABELS.get(value, value)
    if key == "roles" and isinstance(value, dict):
        return "；".join(f"{u}：{Role(r).label}" for u, r in value.items())
    if key == "town_bases" and isinstance(value, dict):
        return "；".join(f"{t}：{TownBasis(b).label}" for t, b in value.items())
    if key == "towns" and isinstance(value, dict):  # town → every basis, strongest first
        return "；".join(
            f"{t}（{JOINER.join(TownBasis(b).label for b in bases)}）" for t, bases in value.items()
        )
    if isinstance(value, dict):
        return JOINER.join(f"{k}（{v}）" for k, v in value.items())
    if isinstance(value, list):
        return JOINER.join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def task_table(
    plan: Plan, rows: Sequence[TaskRow], columns: Sequence[str], header_keys: bool = False
) -> Table:
    """Task rows as a `Table` with the chosen columns."""
    multi_role = any(len(r.roles) > 1 for r in rows)
    multi_town = any(len(r.bases) > 1 for r in rows)
    chosen = []
    for key in columns:
        chosen.append(key)
        # With several units or towns asked, also say which one has which role/basis.
        if key == "role" and multi_role:
            chosen.append("roles")
        if key == "town_basis" and multi_town:
            chosen.append("town_bases")
    return Table(
        columns=tuple((k, k if header_keys else TASK_COLUMNS[k]) for k in chosen),
        records=tuple(task_record(plan, r) for r in rows),
    )


def parse_columns(spec: str | None, default: Sequence[str]) -> tuple[str, ...]:
    """Task column keys from `--columns` (keys or Chinese headers, comma-separated)."""
    from fenggong.errors import UsageError

    if spec is None:
        return tuple(default)
    by_header = {v: k for k, v in TASK_COLUMNS.items()}
    out = []
    for raw in spec.replace("，", ",").split(","):
        name = raw.strip()
        key = name if name in TASK_COLUMNS else by_header.get(name)
        if key is None:
            keys = "、".join(TASK_COLUMNS)
            raise UsageError(f"未知的列「{name}」（可用：{keys}）")
        out.append(key)
    if not out:
        raise UsageError("--columns 至少要有一列")
    return tuple(out)


def neutralise(cell: str) -> str:
    """Stop a spreadsheet from running a cell as a formula (=, +, -, @, tab, CR)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def to_delimited(table: Table, delimiter: str = ",") -> str:
    """CSV (or TSV) with a header row; multi-valued cells joined with 、."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow([header for _, header in table.columns])
    for record in table.records:
        writer.writerow(
            [
                neutralise(display_value(key, record.get(key)))
                if not isinstance(record.get(key), int | float)
                else display_value(key, record.get(key))
                for key, _ in table.columns
            ]
        )
    return buffer.getvalue()


def json_text(data: object, *, ascii_only: bool = False) -> str:
    """Indented JSON with a final newline (dates as ISO strings)."""
    import json  # only the JSON outputs pay for it

    return json.dumps(data, ensure_ascii=ascii_only, indent=2, default=str) + "\n"


def to_json(table: Table, *, ascii_only: bool = False) -> str:
    """A JSON array of records (only the chosen columns, raw values)."""
    return json_text(_select(table), ascii_only=ascii_only)


def to_jsonl(table: Table, *, ascii_only: bool = False) -> str:
    """One JSON object per line."""
    import json

    return "".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in _select(table))


def _select(table: Table) -> list[dict[str, object]]:
    keys = [k for k, _ in table.columns]
    return [{k: r.get(k) for k in keys if k in r} for r in table.records]


def to_markdown(table: Table) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = [
        "| " + " | ".join(_md_cell(h) for _, h in table.columns) + " |",
        "|" + "|".join("---" for _ in table.columns) + "|",
    ]
    for record in table.records:
        cells = (_md_cell(display_value(k, record.get(k))) for k, _ in table.columns)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def render_text(table: Table, fmt: Format, *, ascii_only: bool = False) -> str:
    """The table in one of the text formats."""
    match fmt:
        case Format.CSV:
            return to_delimited(table, ",")
        case Format.TSV:
            return to_delimited(table, "\t")
        case Format.JSON:
            return to_json(table, ascii_only=ascii_only)
        case Format.JSONL:
            return to_jsonl(table, ascii_only=ascii_only)
        case Format.MD:
            return to_markdown(table)
        case Format.TABLE:
            raise ValueError("the table format is rendered by render.py")


# -- the whole dataset -----------------------------------------------------------------

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
    from fenggong.importer import registry_tables

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
    """The dataset document as TOML in the layout of `data/tasks.toml`."""
    import tomli_w

    plan = document.get("plan", {})
    assert isinstance(plan, dict)
    header = DATASET_HEADER.format(
        title=plan.get("title", ""), document_number=plan.get("document_number", "")
    )
    return header + "\n" + tomli_w.dumps(document)


def dataset_json(document: dict[str, object]) -> str:
    """The dataset document as JSON (dates as ISO strings)."""
    return json_text(document)
