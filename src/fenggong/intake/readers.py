"""Readers of a plan's table — text extracted from the published document, or CSV — into
the rows that `assemble` turns into a dataset document."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from fenggong.errors import DatasetError, UsageError
from fenggong.files import MAX_BYTES, read_bytes
from fenggong.intake.assemble import ImportResult, finish
from fenggong.intake.layouts import FIELD_NAMES, Field
from fenggong.intake.names import Normaliser, Registry
from fenggong.intake.parsed import task_number
from fenggong.plan.model import Plan
from fenggong.textnorm import clean_name, clean_text, cn_number, find_control

_CATEGORY = re.compile(r"^([一二三四五六七八九十]+)、(.+?)[（(]\s*共\s*(\d+)\s*大项\s*[）)]\s*$")
_SECTION = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$")
_DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕\d+号$")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_TOTALS = re.compile(r"共\s*(\d+)\s*大类\s*、\s*(\d+)\s*大项\s*、\s*(\d+)\s*小项")
CSV_COLUMNS = ("序号", "任务", "责任领导", "牵头单位", "相关责任单位")


def parse_source_text(
    text: str, registry: Plan | None = None, source: str = "<input>"
) -> ImportResult:
    """Read the plan as extracted from the published document (tab-separated table rows)."""
    problems: list[str] = []
    reg = Registry.of(registry)
    norm = Normaliser(reg, problems, registry is not None)
    meta: dict[str, object] = {}
    categories: list[dict[str, object]] = []
    sections: list[dict[str, object]] = []
    tasks: list[dict[str, object]] = []
    section_id: str | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if "\t" not in raw:
            try:
                _read_meta_line(clean_text(line), meta)
            except ValueError:  # 2023年2月30日, or a number of 5,000 digits
                bad = clean_text(line)[:40]
                raise DatasetError((f"{source}:{lineno}：「{bad}」里的日期或数字不成立",)) from None
            continue
        cells = raw.split("\t")
        first = cells[0].strip()
        if "责任领导" in raw:
            continue
        if (match := _CATEGORY.match(first)) is not None:
            if (number := cn_number(match[1])) is None or len(match[3]) > 9:
                raise DatasetError((f"{source}:{lineno}：大类标题「{first[:40]}」的数字不成立",))
            categories.append(
                {
                    "number": number,
                    "title": clean_text(match[2]),
                    "declared_sections": int(match[3]),
                }
            )
            continue
        where = f"{source}:{lineno}"
        if len(cells) < 6 or not cells[1].strip().isdecimal():
            problems.append(
                f"{where}：这一行的列对不上（应为 大项、序号、任务、责任领导、牵头单位、相关责任单位）"
            )
            continue
        if first:
            section_id = _open_section(first, categories, sections, where, problems)
        if section_id is None:
            problems.append(f"{where}：第 {cells[1].strip()} 项之前没有大项标题")
            continue
        number = task_number(cells[1], where)
        tasks.append(_task(number, section_id, cells[2:6], norm, where, problems))
    return finish(meta, categories, sections, tasks, registry, norm, problems)


def parse_csv_text(
    text: str, registry: Plan | None = None, source: str = "<input>"
) -> ImportResult:
    """Read the plan's table saved as CSV from Word, WPS or Excel."""
    problems: list[str] = []
    reg = Registry.of(registry)
    norm = Normaliser(reg, problems, registry is not None)
    try:
        csv.field_size_limit(MAX_BYTES)
        rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    except csv.Error as exc:  # e.g. a NUL byte
        problems.append(f"{source}：不是能读的 CSV（{exc}）")
        return finish({}, [], [], [], registry, norm, problems)
    header = rows[0].keys() if rows else ()
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        problems.append(f"{source}：缺少列 {'、'.join(missing)}")
        return finish({}, [], [], [], registry, norm, problems)
    categories: list[dict[str, object]] = []
    sections: list[dict[str, object]] = []
    tasks: list[dict[str, object]] = []
    if "大类" not in header:
        categories.append({"number": 1, "title": "未分类", "declared_sections": 1})
        sections.append({"id": "1.1", "title": "未分类"})
        problems.append(f"{source}：没有「大类」「大项」列，全部任务归入 1.1「未分类」")
    section_id: str | None = "1.1" if "大类" not in header else None
    for lineno, row in enumerate(rows, start=2):
        where = f"{source}:{lineno}"
        if None in row or not (row.get("序号") or "").strip().isdecimal():
            problems.append(f"{where}：这一行的列对不上（序号应为数字，列数应与表头一致）")
            continue
        if "大类" in header and (row.get("大类") or "").strip():
            _open_category(row["大类"].strip(), categories)
        if "大项" in header and (row.get("大项") or "").strip():
            section_id = _open_section(row["大项"].strip(), categories, sections, where, problems)
        if section_id is None:
            problems.append(f"{where}：第 {row['序号'].strip()} 项之前没有大项")
            continue
        # A short row leaves its last cells None.
        cells = [row[key] or "" for key in ("任务", "责任领导", "牵头单位", "相关责任单位")]
        tasks.append(
            _task(task_number(row["序号"], where), section_id, cells, norm, where, problems)
        )
    return finish({}, categories, sections, tasks, registry, norm, problems)


def _read_meta_line(line: str, meta: dict[str, object]) -> None:
    if line.endswith("人民政府文件"):
        meta.setdefault("issuer", line.removesuffix("文件"))
    elif _DOC_NUMBER.match(line):
        meta.setdefault("document_number", line)
    elif line.endswith("分工方案") and "通知" not in line:
        meta.setdefault("title", line)
    elif (match := _DATE.match(line)) is not None:
        meta.setdefault("issued", dt.date(int(match[1]), int(match[2]), int(match[3])))
    elif (match := _TOTALS.search(line)) is not None:
        meta.setdefault("declared_categories", int(match[1]))
        meta.setdefault("declared_sections", int(match[2]))
        meta.setdefault("declared_tasks", int(match[3]))


def _open_category(cell: str, categories: list[dict[str, object]]) -> None:
    match = _CATEGORY.match(cell)
    title = clean_text(match[2]) if match else clean_text(cell)
    if categories and categories[-1]["title"] == title:
        return
    number = len(categories) + 1
    declared = int(match[3]) if match else 0
    categories.append({"number": number, "title": title, "declared_sections": declared})


def _open_section(
    cell: str,
    categories: list[dict[str, object]],
    sections: list[dict[str, object]],
    where: str,
    problems: list[str],
) -> str | None:
    """The id of the section a heading cell names, adding it on first sight."""
    if not categories:
        problems.append(f"{where}：大项「{clean_name(cell)}」之前没有大类标题")
        return None
    match = _SECTION.match(cell)
    if match is None:
        problems.append(f"{where}：看不懂大项标题「{clean_name(cell)}」")
        return None
    if (number := cn_number(match[1])) is None:
        problems.append(
            f"{where}：大项标题「{clean_name(cell)[:40]}」的序号「{match[1]}」不是数字，没有读入"
        )
        return None
    title = clean_name(match[2])
    section_id = f"{categories[-1]['number']}.{number}"
    for section in sections:
        if section["id"] == section_id:
            variants = section.get("variants", [])
            assert isinstance(variants, list)
            if title != section["title"] and title not in variants:
                section["variants"] = [*variants, title]
            return section_id
    sections.append({"id": section_id, "title": title})
    return section_id


def _task(
    task_id: int,
    section_id: str,
    cells: list[str],
    norm: Normaliser,
    where: str,
    problems: list[str],
) -> dict[str, object]:
    labels = ("任务", "责任领导", "牵头单位", "相关责任单位")
    for index, (label, value) in enumerate(zip(labels, cells, strict=True)):
        if (at := find_control(value)) is not None:
            code = f"U+{ord(value[at]):04X}"
            problems.append(f"{where}：第 {task_id} 项的「{label}」含有控制字符 {code}，已删去")
            cells[index] = _drop_controls(value)
        if not cells[index].strip() and label != "相关责任单位":
            problems.append(f"{where}：第 {task_id} 项的「{label}」是空的")
    text, leaders, lead, related = cells
    return {
        "id": task_id,
        "section": section_id,
        "text": clean_text(text),
        "leaders": norm.leaders(leaders, task_id),
        "lead_units": norm.lead_units(lead, task_id),
        "related_units": norm.related_units(related, task_id),
    }


def _drop_controls(text: str) -> str:
    """The text without control characters (tabs and line breaks become spaces)."""
    return "".join(
        " " if c in "\t\n\r" else c for c in text if c in "\t\n\r" or find_control(c) is None
    )


def read_plan(
    path: Path,
    registry: Plan | None,
    *,
    as_csv: bool | None = None,
    sheet: str | None = None,
    overrides: dict[str, Field] | None = None,
    registry_named: bool = True,
) -> tuple[ImportResult, str]:
    """A plan from a file as found, and the layout it was read as. Text in the layout of the
    新兴 document and CSV with its five columns keep their own readers (they reproduce the
    curated dataset exactly); anything else goes through layout recognition. A registry
    the user did not name applies only to a plan of the registry's own issuer."""
    from fenggong.intake.officefile import check_office_file, office_errors

    check_office_file(path)  # bounds before openpyxl or python-docx sees the file
    suffix = path.suffix.lower()
    if suffix in (".toml", ".json"):
        return _dataset(path), "fenggong 数据文件"
    book = None
    if suffix in (".xlsx", ".xlsm"):
        from fenggong.intake.workbook import open_workbook, read_dataset_workbook

        book = open_workbook(path, checked=True)  # checked above
        with office_errors(path):
            found = (
                read_dataset_workbook(book, str(path)) if sheet is None and not overrides else None
            )
        if found is not None:
            from dataclasses import replace

            from fenggong.intake.selfcheck import verdict

            invalid, gaps = verdict(found.document)  # the workbook as edited by hand
            found = replace(found, invalid=invalid, unchecked=gaps)
            return found, "fenggong 导出的工作簿（任务、方案信息、大类、大项、责任领导、单位、镇）"
    if suffix in (".txt", ".csv", "") and not overrides:
        from fenggong.intake.sources import decode_text

        text = decode_text(read_bytes(path), path)
        csv_file = as_csv if as_csv is not None else suffix == ".csv"
        if csv_file and _has_columns(text, CSV_COLUMNS):
            return parse_csv_text(
                text, registry, str(path)
            ), "CSV（序号、任务、责任领导、牵头单位、相关责任单位）"
        if not csv_file and _XINXING_HEADER.search(text):
            return parse_source_text(text, registry, str(path)), "新兴县方案原文的表格"
    from fenggong.intake.build import build
    from fenggong.intake.layouts import recognise
    from fenggong.intake.otherformats import read_any_file

    source = read_any_file(path, sheet=sheet, book=book)
    try:
        parsed = recognise(source, overrides)
    except UsageError as error:
        raise UsageError(f"{path}：{error.message}") from None
    notes = source.notes
    if registry is not None and not registry_named and not _same_issuer(parsed.title, registry):
        issuer = registry.meta.issuer
        notes += (
            f"方案不是「{issuer}」的，名称按原文保留、没有用它的名录；要用名录请加 --registry",
        )
        registry = None
    why = dict(parsed.why)
    fields = "，".join(
        f"{name}→{FIELD_NAMES[field]}" + (f"（{why[name]}）" if name in why else "")
        for name, field in parsed.mapping
    )
    return build(
        parsed, registry, notes
    ), f"{parsed.layout}（{fields}）" if fields else parsed.layout


def _dataset(path: Path) -> ImportResult:
    """A dataset as fenggong writes it (export's TOML or JSON), checked and read back."""
    from fenggong.errors import DatasetError
    from fenggong.plan.document import dataset_document
    from fenggong.plan.load import check_file

    plan, problems = check_file(path)
    if plan is None:
        raise DatasetError(tuple(problems))
    return ImportResult(document=dataset_document(plan), problems=())


def _same_issuer(title: str, registry: Plan) -> bool:
    place = registry.meta.issuer.removesuffix("人民政府")
    return len(place) >= 2 and place in title


#: The header row of the 新兴 document's table, as its text extraction gives it.
_XINXING_HEADER = re.compile(r"^[^\t\n]*\t[^\t\n]*\t责任领导\t牵头单位\t相关责任单位", re.M)


def _has_columns(text: str, columns: tuple[str, ...]) -> bool:
    first = text.removeprefix("\ufeff").split("\n", 1)[0]
    header = [h.strip() for h in first.split(",")]
    return all(c in header for c in columns) and len(header) == len(columns) + (
        "大类" in header
    ) + ("大项" in header)
