"""A workbook as `export -o plan.xlsx` writes it (任务 plus 方案信息, 大类, 大项, 责任领导, 单位,
镇, 拼音首字母), edited by a 督查室 and brought back: the dataset it holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from fenggong.intake.assemble import ImportResult
from fenggong.intake.cells import split_units
from fenggong.intake.parsed import task_number
from fenggong.plan.kinds import OWN_UNITS, Covers, UnitKind

if TYPE_CHECKING:
    from fenggong.intake.sheets import Book, Sheet

#: The sheets that make a workbook fenggong's own.
SHEETS = ("任务", "方案信息", "大类", "大项", "责任领导", "单位", "镇")
_META = {
    "标题": "title",
    "发文机关": "issuer",
    "文号": "document_number",
    "成文日期": "issued",
    "声明的大类数": "declared_categories",
    "声明的大项数": "declared_sections",
    "声明的任务数": "declared_tasks",
    "节选": "excerpt",
    "地方": "place",
    "层级": "level",
}
_TASK_COLUMNS = (
    "序号",
    "大类",
    "大类名称",
    "大项编号",
    "大项",
    "任务",
    "责任领导",
    "牵头单位",
    "相关责任单位",
)
_KINDS = (
    {k.label: k.value for k in UnitKind}
    | {k.value: k.value for k in UnitKind}
    | dict.fromkeys(OWN_UNITS.values(), UnitKind.COUNTY.value)  # a city plan's 市直…
)
_COVERS = {c.label: c.value for c in Covers} | {c.value: c.value for c in Covers}


def is_dataset_workbook(sheetnames: list[str]) -> bool:
    """True for a workbook with every sheet an export writes."""
    return all(name in sheetnames for name in SHEETS)


def open_workbook(path: Path, *, checked: bool = False) -> Book:
    """The .xlsx file opened (once per import: the sheet names and the cells come from the
    same load; each sheet is read when first asked for, under the caller's `office_errors`);
    `DatasetError` when openpyxl cannot read it. `checked`: the caller has already passed
    the file through `check_office_file` (it reads every part: not twice)."""
    import zipfile

    from fenggong.errors import DatasetError, UsageError

    try:
        import openpyxl  # noqa: F401  # the sheets are read by it
    except ImportError:  # pragma: no cover - a dependency of fenggong
        raise UsageError("读取 .xlsx 需要 openpyxl：pip install openpyxl") from None
    from fenggong.intake.officefile import check_office_file, office_errors
    from fenggong.intake.sheets import read_book

    if not checked:
        check_office_file(path)  # bounds before openpyxl sees the file
    try:
        with office_errors(path):
            return read_book(path)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DatasetError((f"{path}：不是能读的 .xlsx 文件（{exc}）",)) from None


def read_dataset_workbook(book: Book | Path, source: str = "") -> ImportResult | None:
    """The dataset in an exported workbook (opened already, or a path to open), or None
    when it is not one; `source` names the file in what is refused."""
    if isinstance(book, Path):
        book = open_workbook(book)
    if not is_dataset_workbook(book.sheetnames):
        return None
    problems: list[str] = []
    meta: dict[str, object] = {}
    for label, value in _records(book["方案信息"], problems):
        key = _META.get(label)
        if key is not None:
            meta[key] = _meta_value(key, value)
    document: dict[str, object] = {
        "plan": meta,
        "categories": [
            {"number": int(n), "title": t, "declared_sections": int(d)}
            for n, t, d in _records(book["大类"], problems)
        ],
        "sections": [
            {"id": i, "title": t, **({"variants": _names(v)} if v else {})}
            for i, t, v in _records(book["大项"], problems)
        ],
        "leaders": [_named(n, a) for n, a in _records(book["责任领导"], problems)],
        "towns": [_named(n, a) for n, a in _records(book["镇"], problems)],
        "units": [
            {
                "name": n,
                "kind": _KINDS.get(k, k),
                **({"covers": _COVERS.get(c, c)} if c else {}),
                **({"hosted_by": h} if h else {}),
                **({"aliases": _names(a)} if a else {}),
            }
            for n, k, c, h, a in _records(book["单位"], problems)
        ],
        "tasks": _tasks(book["任务"], problems, source),
    }
    if "拼音首字母" in book.sheetnames:
        initials = {
            row[0]: row[1] for row in _records(book["拼音首字母"], problems) if len(row) > 1
        }
        if initials:
            document["initials"] = initials
    return ImportResult(document=document, problems=tuple(problems))


def _records(sheet: Sheet, problems: list[str]) -> list[tuple[str, ...]]:
    """The sheet's rows below its title and header, as text."""
    out = []
    for row in sheet.rows[2:]:
        cells = tuple(
            ""
            if v is None
            else str(int(v))
            if isinstance(v, float) and v.is_integer()
            else v.date().isoformat()  # a date cell (截止日期) as the text it was written from
            if isinstance(v, dt.datetime)
            else str(v)
            for v in row
        )
        if any(c.strip() for c in cells):
            out.append(tuple(c.strip() for c in cells))
    return out


def _tasks(sheet: Sheet, problems: list[str], source: str) -> list[dict[str, object]]:
    header = [str(v or "").strip() for v in sheet.rows[1]] if len(sheet.rows) > 1 else []
    tasks = []
    for number, row in enumerate(_records(sheet, problems), start=3):
        cell = dict(zip(header, row, strict=False))
        if not cell.get("序号", "").isdecimal():
            problems.append(
                f"{sheet.title} 第 {number} 行：序号「{cell.get('序号', '')}」不是数字，跳过"
            )
            continue
        task: dict[str, object] = {
            "id": task_number(cell["序号"], f"{source} {sheet.title} 第 {number} 行".lstrip()),
            "section": cell.get("大项编号", ""),
            "text": cell.get("任务", "").removeprefix("'"),
            "leaders": _names(cell.get("责任领导", "")),
            "lead_units": _names(cell.get("牵头单位", "")),
            "related_units": _names(cell.get("相关责任单位", "")),
        }
        if cell.get("原文编号"):
            task["number"] = cell["原文编号"]
        if due := cell.get("截止日期"):
            try:
                task["deadline"] = dt.date.fromisoformat(due)
            except ValueError:
                problems.append(
                    f"{sheet.title} 第 {number} 行：截止日期「{due}」不是 YYYY-MM-DD 日期，没有读入"
                )
        extras = {
            k: v
            for k, v in cell.items()
            if k not in (*_TASK_COLUMNS, "原文编号", "截止日期") and k and v
        }
        if extras:
            task["extras"] = extras
        tasks.append(task)
    return tasks


def _names(cell: str) -> list[str]:
    return list(split_units(cell).names) if cell else []


def _named(name: str, aliases: str) -> dict[str, object]:
    return {"name": name, **({"aliases": _names(aliases)} if aliases else {})}


def _meta_value(key: str, value: str) -> object:
    if key == "issued":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if key.startswith("declared_"):
        return int(value) if value.isdecimal() else value
    if key == "excerpt":
        return value == "是"
    return value
