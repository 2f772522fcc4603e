"""Turn a plan's table (extracted text or CSV) into a dataset document, normalised as the
curated `data/tasks.toml` is, and list everything that needed a guess."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fenggong.kinds import UnitKind
from fenggong.model import Plan
from fenggong.textnorm import clean_name, clean_text

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CATEGORY = re.compile(r"^([一二三四五六七八九十]+)、(.+?)[（(]\s*共\s*(\d+)\s*大项\s*[）)]\s*$")
_SECTION = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$")
_DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕\d+号$")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_TOTALS = re.compile(r"共\s*(\d+)\s*大类\s*、\s*(\d+)\s*大项\s*、\s*(\d+)\s*小项")
_SEPARATORS = re.compile(r"[、，,;；]")
_UNIT_ENDINGS = (
    "局", "办", "室", "部", "委", "中心", "会", "队", "社", "政府", "行", "司", "院", "联", "位", "门",
)  # fmt: skip
CSV_COLUMNS = ("序号", "任务", "责任领导", "牵头单位", "相关责任单位")


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12 (the numbers a plan's headings use)."""
    if text.startswith("十"):
        return 10 + (_CN_DIGITS.get(text[1:], 0) if len(text) > 1 else 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS[tens] * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS[text]


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """The dataset document (as TOML-ready data) and what the importer could not settle."""

    document: dict[str, object]
    problems: tuple[str, ...]


@dataclass(slots=True)
class _Registry:
    """Canonical names reachable from every known spelling."""

    leaders: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    towns: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: Plan | None) -> _Registry:
        reg = cls()
        if plan is None:
            return reg
        for leader in plan.leaders:
            for name in (leader.name, *leader.aliases):
                reg.leaders[name] = leader.name
        for unit in plan.units:
            for name in (unit.name, *unit.aliases):
                reg.units[name] = unit.name
        for town in plan.towns:
            for name in (town.name, *town.aliases, town.short):
                reg.towns[name] = town.name
        return reg


def join_fragments(
    tokens: list[str], known: Callable[[str], bool], complete: Callable[[str], bool]
) -> list[str]:
    """Rejoin names that a line wrap split into several tokens.

    Prefers the longest run of tokens that forms a known name; otherwise extends a
    fragment until it looks complete.
    """
    out: list[str] = []
    i = 0
    while i < len(tokens):
        best: tuple[int, str] | None = None
        joined = ""
        for j in range(i, len(tokens)):
            joined += tokens[j]
            if known(joined):
                best = (j, joined)
        if best is None:
            j, joined = i, tokens[i]
            while not complete(joined) and j + 1 < len(tokens) and not known(tokens[j + 1]):
                j += 1
                joined += tokens[j]
            best = (j, joined)
        out.append(best[1])
        i = best[0] + 1
    return out


def _looks_like_unit(name: str) -> bool:
    return name.endswith(_UNIT_ENDINGS)


def _looks_like_bare_town(piece: str, reg: _Registry) -> bool:
    if piece in reg.towns or f"{piece}镇" in reg.towns:
        return True
    return not _looks_like_unit(piece) and len(piece.removesuffix("镇")) in (2, 3)


def expand_town_suffixes(pieces: list[str], reg: _Registry) -> list[str]:
    """水台、稔村镇政府 → 水台镇政府、稔村镇政府: a shared 镇政府 belongs to each town before it."""
    out = list(pieces)
    for end, piece in enumerate(pieces):
        stem = piece.removesuffix("镇政府")
        if stem == piece or stem in ("各", "相关", ""):
            continue
        start = end
        while start > 0 and _looks_like_bare_town(pieces[start - 1], reg):
            start -= 1
        for k in range(start, end):
            out[k] = f"{pieces[k].removesuffix('镇')}镇政府"
    return out


class _Normaliser:
    """Splits and canonicalises name cells, collecting what it could not place."""

    def __init__(self, reg: _Registry, problems: list[str], use_registry: bool) -> None:
        self.reg = reg
        self.problems = problems
        self.use_registry = use_registry
        #: Names the registry does not know, with the tasks that use them.
        self.unknown: dict[str, list[int]] = {}
        self.unknown_leaders: list[str] = []

    def leaders(self, cell: str, task_id: int) -> list[str]:
        tokens = [t for t in re.split(r"[\s、，,]+", cell) if t]
        names = join_fragments(tokens, self.reg.leaders.__contains__, lambda s: len(s) >= 2)
        for name in names:
            if (
                self.use_registry
                and name not in self.reg.leaders
                and name not in self.unknown_leaders
            ):
                self.unknown_leaders.append(name)
        return [self._canonical(n, self.reg.leaders, task_id) for n in names]

    def lead_units(self, cell: str, task_id: int) -> list[str]:
        tokens = [t for t in re.split(r"[\s、，,]+", cell) if t]
        names = join_fragments(tokens, self.reg.units.__contains__, _looks_like_unit)
        names = expand_town_suffixes(names, self.reg)
        return [self._canonical(n, self.reg.units, task_id) for n in names]

    def related_units(self, cell: str, task_id: int) -> list[str]:
        pieces = [clean_name(p) for p in _SEPARATORS.split(cell)]
        pieces = expand_town_suffixes([p for p in pieces if p], self.reg)
        return [self._canonical(n, self.reg.units, task_id) for n in pieces]

    def _canonical(self, name: str, names: dict[str, str], task_id: int) -> str:
        if name in names:
            return names[name]
        if self.use_registry:
            self.unknown.setdefault(name, []).append(task_id)
        return name

    def report_unknown(self, known: Iterable[str]) -> None:
        from rapidfuzz import process

        choices = sorted(set(known))
        for name, task_ids in self.unknown.items():
            ids = "、".join(str(i) for i in task_ids)
            close = [c for c, _, _ in process.extract(name, choices, limit=3, score_cutoff=50)]
            hint = f"，最接近的：{'、'.join(close)}" if close else ""
            if name in self.unknown_leaders:
                added = "已作为新的责任领导加入名录"
            elif _is_town_government(name):
                added = "已作为新的镇加入名录"
            else:
                added = f"已按「{_guess_kind(name).label}」加入名录"
            self.problems.append(f"第 {ids} 项：「{name}」不在名录中{hint}；{added}，请核对")


def parse_source_text(
    text: str, registry: Plan | None = None, source: str = "<input>"
) -> ImportResult:
    """Read the plan as extracted from the published document (tab-separated table rows)."""
    problems: list[str] = []
    reg = _Registry.of(registry)
    norm = _Normaliser(reg, problems, registry is not None)
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
            _read_meta_line(clean_text(line), meta)
            continue
        cells = raw.split("\t")
        first = cells[0].strip()
        if "责任领导" in raw:
            continue
        if (match := _CATEGORY.match(first)) is not None:
            categories.append(
                {
                    "number": cn_number(match[1]),
                    "title": clean_text(match[2]),
                    "declared_sections": int(match[3]),
                }
            )
            continue
        where = f"{source}:{lineno}"
        if len(cells) < 6 or not cells[1].strip().isdigit():
            problems.append(
                f"{where}：这一行的列对不上（应为 大项、序号、任务、责任领导、牵头单位、相关责任单位）"
            )
            continue
        if first:
            section_id = _open_section(first, categories, sections, where, problems)
        if section_id is None:
            problems.append(f"{where}：第 {cells[1].strip()} 项之前没有大项标题")
            continue
        tasks.append(_task(int(cells[1]), section_id, cells[2:6], norm, where, problems))
    return _finish(meta, categories, sections, tasks, registry, norm, problems)


def parse_csv_text(
    text: str, registry: Plan | None = None, source: str = "<input>"
) -> ImportResult:
    """Read the plan's table saved as CSV from Word, WPS or Excel."""
    problems: list[str] = []
    reg = _Registry.of(registry)
    norm = _Normaliser(reg, problems, registry is not None)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    header = rows[0].keys() if rows else ()
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        problems.append(f"{source}：缺少列 {'、'.join(missing)}")
        return _finish({}, [], [], [], registry, norm, problems)
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
        if None in row or not (row.get("序号") or "").strip().isdigit():
            problems.append(f"{where}：这一行的列对不上（序号应为数字，列数应与表头一致）")
            continue
        if "大类" in header and (row.get("大类") or "").strip():
            _open_category(row["大类"].strip(), categories)
        if "大项" in header and (row.get("大项") or "").strip():
            section_id = _open_section(row["大项"].strip(), categories, sections, where, problems)
        if section_id is None:
            problems.append(f"{where}：第 {row['序号'].strip()} 项之前没有大项")
            continue
        cells = [row["任务"], row["责任领导"], row["牵头单位"], row["相关责任单位"]]
        tasks.append(_task(int(row["序号"]), section_id, cells, norm, where, problems))
    return _finish({}, categories, sections, tasks, registry, norm, problems)


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
    title = clean_name(match[2])
    section_id = f"{categories[-1]['number']}.{cn_number(match[1])}"
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
    norm: _Normaliser,
    where: str,
    problems: list[str],
) -> dict[str, object]:
    text, leaders, lead, related = cells
    for label, value in (("任务", text), ("责任领导", leaders), ("牵头单位", lead)):
        if not value.strip():
            problems.append(f"{where}：第 {task_id} 项的「{label}」是空的")
    return {
        "id": task_id,
        "section": section_id,
        "text": clean_text(text),
        "leaders": norm.leaders(leaders, task_id),
        "lead_units": norm.lead_units(lead, task_id),
        "related_units": norm.related_units(related, task_id),
    }


def _finish(
    meta: dict[str, object],
    categories: list[dict[str, object]],
    sections: list[dict[str, object]],
    tasks: list[dict[str, object]],
    registry: Plan | None,
    norm: _Normaliser,
    problems: list[str],
) -> ImportResult:
    if registry is not None:
        norm.report_unknown(norm.reg.units.keys() | norm.reg.leaders.keys())
    _check_counts(meta, categories, sections, tasks, problems)
    registries = _registries(registry, tasks, problems, norm)
    plan_meta = {
        "title": meta.get("title", "未命名方案"),
        "issuer": meta.get("issuer", "未知"),
        "document_number": meta.get("document_number", "未知"),
        "issued": meta.get("issued", dt.date(1970, 1, 1)),
        "declared_categories": meta.get("declared_categories", len(categories)),
        "declared_sections": meta.get("declared_sections", len(sections)),
        "declared_tasks": meta.get("declared_tasks", len(tasks)),
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
    return ImportResult(document=document, problems=tuple(problems))


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
    registry: Plan | None, tasks: list[dict[str, object]], problems: list[str], norm: _Normaliser
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
            if _is_town_government(name):
                tables["towns"].append({"name": name.removesuffix("政府")})
            else:
                tables["units"].append({"name": name, "kind": str(_guess_kind(name))})
        return tables
    leaders: dict[str, None] = {}
    units: dict[str, None] = {}
    for task in tasks:
        for key, into in (("leaders", leaders), ("lead_units", units), ("related_units", units)):
            names = task[key]
            assert isinstance(names, list)
            into.update(dict.fromkeys(names))
    towns = [u.removesuffix("政府") for u in units if _is_town_government(u)]
    unit_rows: list[dict[str, object]] = [
        {"name": u, "kind": str(_guess_kind(u))} for u in units if not _is_town_government(u)
    ]
    for row in unit_rows:
        if row["name"] in ("各镇政府", "相关镇政府"):
            row["covers"] = "all_towns" if row["name"] == "各镇政府" else "relevant_towns"
    if unit_rows:
        problems.append(f"未指定名录（--registry）：{len(unit_rows)} 个单位的类别是推测的，请核对")
    return {
        "leaders": [{"name": n} for n in leaders],
        "towns": [{"name": t} for t in towns],
        "units": unit_rows,
    }


def _is_town_government(name: str) -> bool:
    return name.endswith("镇政府") and name not in ("各镇政府", "相关镇政府")


def _guess_kind(name: str) -> UnitKind:
    if name.startswith(("各", "相关")) or "成员单位" in name or "有关单位" in name:
        return UnitKind.COLLECTIVE
    if name.startswith(("县委", "团县委")) or name.endswith(("工委", "总工会")):
        return UnitKind.PARTY
    if name.startswith("市") or name.endswith(("税务局", "气象局")):
        return UnitKind.BRANCH
    if name.endswith(("公司", "支行", "供电局")):
        return UnitKind.ENTERPRISE
    return UnitKind.COUNTY


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
        units.append(row | _aliases(unit.aliases))
    return {"leaders": leaders, "towns": towns, "units": units}


def initials_for(names: Iterable[str], known: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Pinyin initials for the characters of `names` that `known` lacks, and those still
    missing. Uses pypinyin (the optional `pinyin` extra) when installed, reading each
    character in its name so that 河长 gives z and 银行 gives h."""
    missing = list(dict.fromkeys(c for n in names for c in n if _is_cjk(c) and c not in known))
    if not missing:
        return {}, []
    try:
        from pypinyin import Style, pinyin
    except ImportError:
        return {}, missing
    wanted = set(missing)
    found: dict[str, str] = {}
    for name in names:
        for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", name):
            # A run of Chinese characters gets one reading each, read in context.
            for char, (syllable, *_) in zip(
                run, pinyin(run, style=Style.FIRST_LETTER), strict=True
            ):
                if char in wanted and syllable[:1].isascii() and syllable[:1].isalpha():
                    letters = found.get(char, "")
                    if syllable[0] not in letters:
                        found[char] = letters + syllable[0]
    return found, [c for c in missing if c not in found]


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _aliases(aliases: tuple[str, ...]) -> dict[str, object]:
    return {"aliases": list(aliases)} if aliases else {}


def read_source(path: Path) -> str:
    """An import source as text: UTF-8 (with or without BOM), or GB18030 as Windows saves it."""
    from fenggong.errors import FenggongError
    from fenggong.load import read_text

    try:
        return read_text(path)
    except FenggongError as error:
        if "UTF-8" not in error.message:
            raise
    return path.read_bytes().decode("gb18030", errors="strict")
