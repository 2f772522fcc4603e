"""Validate a dataset (TOML, or JSON as `export` writes it) and build the model.

Validation collects every problem before reporting, each naming the file, the line where
it can be found and the entry it concerns. It lives apart from `load.py` because most runs
load a plan from the cache and never need it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from fenggong.errors import DatasetError
from fenggong.kinds import Covers, UnitKind
from fenggong.load import decode, read_bytes
from fenggong.model import (
    Category,
    Leader,
    Plan,
    PlanMeta,
    Section,
    Task,
    Town,
    Unit,
)

_T = TypeVar("_T")
_SECTION_ID = re.compile(r"^[1-9]\d*\.[1-9]\d*$")
_SPACE = re.compile(r"\s")

#: Each table's keys: name → (expected type, required).
_FieldSpec = dict[str, tuple[type | tuple[type, ...], bool]]
_PLAN: _FieldSpec = {
    "title": (str, True),
    "issuer": (str, True),
    "document_number": (str, True),
    "issued": (dt.date, True),
    "declared_categories": (int, True),
    "declared_sections": (int, True),
    "declared_tasks": (int, True),
    "excerpt": (bool, False),
}
_CATEGORY: _FieldSpec = {
    "number": (int, True),
    "title": (str, True),
    "declared_sections": (int, True),
}
_SECTION: _FieldSpec = {"id": (str, True), "title": (str, True), "variants": (list, False)}
_LEADER: _FieldSpec = {"name": (str, True), "aliases": (list, False)}
_TOWN: _FieldSpec = {"name": (str, True), "aliases": (list, False)}
_UNIT: _FieldSpec = {
    "name": (str, True),
    "kind": (str, True),
    "aliases": (list, False),
    "covers": (str, False),
}
_TASK: _FieldSpec = {
    "id": (int, True),
    "section": (str, True),
    "text": (str, True),
    "leaders": (list, True),
    "lead_units": (list, True),
    "related_units": (list, True),
}
_TABLES = ("categories", "sections", "leaders", "towns", "units", "tasks")
_TYPE_NAMES = {
    str: "字符串",
    int: "整数",
    bool: "布尔值",
    dt.date: "日期",
    list: "数组",
    dict: "表",
}


def validate_text(text: str, source: str = "<data>") -> tuple[Plan | None, list[str]]:
    """Parse and validate dataset text (TOML, or JSON for a `.json` source).

    Returns the plan (None if unusable) and every problem found.
    """
    if not text.strip():
        return None, [f"{source}：文件是空的"]
    raw, problem = _parse(text, source)
    if raw is None:
        return None, [problem]
    checker = _Checker(source, text)
    plan = checker.build(raw)
    return (plan if not checker.problems else None), checker.problems


def _parse(text: str, source: str) -> tuple[dict[str, object] | None, str]:
    """The raw document, or None and a one-line problem."""
    if source.lower().endswith(".json"):
        import json

        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            return None, f"{source}:{exc.lineno}:{exc.colno}：JSON 语法错误：{exc.msg}"
        if not isinstance(raw, dict):
            return None, f"{source}：JSON 的顶层应是一个对象"
        plan = raw.get("plan")
        if isinstance(plan, dict) and isinstance(plan.get("issued"), str):
            try:
                plan["issued"] = dt.date.fromisoformat(plan["issued"])
            except ValueError:
                return None, f"{source}：[plan] 的 issued「{plan['issued']}」不是 YYYY-MM-DD 日期"
        return raw, ""
    import tomllib

    try:
        return tomllib.loads(text), ""
    except tomllib.TOMLDecodeError as exc:
        place = _toml_error_place(str(exc), text)
        return None, f"{source}{place}：TOML 语法错误：{_toml_error_text(exc)}"


def read_registry(path: Path) -> Plan:
    """Load only the name registries (leaders, towns, units) of a dataset file."""
    text = decode(read_bytes(path), path)
    raw, problem = _parse(text, str(path))
    if raw is None:
        raise DatasetError((problem,))
    registry = {k: raw.get(k, []) for k in ("leaders", "towns", "units")}
    checker = _Checker(str(path), text)
    plan = checker.build(
        {
            "plan": {**_EMPTY_META},
            "categories": [],
            "sections": [],
            "tasks": [],
            **registry,
        }
    )
    if checker.problems or plan is None:
        raise DatasetError(tuple(checker.problems) or (f"{path}：名录无法读取",))
    return plan


_EMPTY_META: dict[str, object] = {
    "title": "名录",
    "issuer": "-",
    "document_number": "-",
    "issued": dt.date(1970, 1, 1),
    "declared_categories": 0,
    "declared_sections": 0,
    "declared_tasks": 0,
}


def _toml_error_place(message: str, text: str) -> str:
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if match:
        return f":{match[1]}:{match[2]}"
    return f":{len(text.splitlines()) or 1}" if "end of document" in message else ""


def _toml_error_text(exc: ValueError) -> str:
    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))


class _Locator:
    """Finds the line of an array-of-tables entry or of a key inside it."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        pattern = re.compile(r"^\s*\[\[\s*([A-Za-z_]+)\s*\]\]")
        inline = re.compile(r"^([A-Za-z_]+)\s*=\s*\[")
        array: str | None = None
        for number, line in enumerate(self.lines, start=1):
            if (match := pattern.match(line)) is not None:
                self.headers.setdefault(match[1], []).append(number)
            elif re.match(r"^\s*\[\s*plan\s*\]", line):
                self.headers.setdefault("plan", []).append(number)
            elif (match := inline.match(line)) is not None:
                array = match[1]
            elif array is not None and line.lstrip().startswith("{"):
                # An array of inline tables, one table a line, as tomli-w writes short ones.
                self.headers.setdefault(array, []).append(number)
            elif line.startswith("]"):
                array = None

    def line(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        found = self.headers.get(table, [])
        position = 0 if index is None else index
        if position >= len(found):
            return None
        start = found[position]
        if key is None or "{" in self.lines[start - 1]:
            return start
        key_pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if line.lstrip().startswith("["):
                break
            if key_pattern.match(line):
                return number
        return start


@dataclass(frozen=True, slots=True)
class _Entry:
    """One table of the file and how to name it in messages."""

    table: str
    index: int | None
    label: str
    data: dict[str, object]


class _Checker:
    """Validates the raw TOML data, collecting problems, and builds the plan."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.text = text
        self._locator: _Locator | None = None
        self.problems: list[str] = []

    def report(self, entry: _Entry | None, message: str, key: str | None = None) -> None:
        line = None
        if entry is not None:
            if self._locator is None:  # built on the first problem: clean files never pay
                self._locator = _Locator(self.text)
            line = self._locator.line(entry.table, entry.index, key)
        place = f"{self.source}:{line}" if line else self.source
        label = f"{entry.label}：" if entry is not None else ""
        self.problems.append(f"{place}：{label}{message}")

    def build(self, raw: dict[str, object]) -> Plan | None:
        for key in raw:
            if key not in ("plan", "initials") and key not in _TABLES:
                known = "、".join(("plan", *_TABLES, "initials"))
                self.report(None, f"未知的顶层键「{key}」（应为 {known}）")
        meta = self._meta(raw.get("plan"))
        initials = self._initials(raw.get("initials", {}))
        tables = {name: self._entries(raw, name) for name in _TABLES}
        categories = _built(tables["categories"], self._category)
        sections = _built(tables["sections"], self._section)
        leaders = _built(tables["leaders"], self._leader)
        towns = _built(tables["towns"], self._town)
        units = _built(tables["units"], self._unit)
        units += [
            (
                entry,
                Unit(
                    name=t.government,
                    kind=UnitKind.TOWN,
                    aliases=tuple(f"{a}政府" for a in t.aliases),
                    town=t.name,
                ),
            )
            for entry, t in towns
        ]
        tasks = _built(tables["tasks"], self._task)
        self._unique(categories, lambda c: c.number, "大类编号")
        self._unique(sections, lambda s: s.id, "大项编号")
        self._unique(tasks, lambda t: t.id, "任务序号")
        for pairs, noun in ((leaders, "责任领导"), (towns, "镇"), (units, "单位")):
            self._check_names(pairs, noun)
        self._check_sections(sections, [c for _, c in categories])
        self._check_tasks(
            tasks, [s for _, s in sections], [x for _, x in leaders], [u for _, u in units]
        )
        if meta is not None:
            self._check_totals(meta, tables)
        if meta is None or self.problems:
            return None
        return Plan(
            meta=meta,
            categories=tuple(c for _, c in categories),
            sections=tuple(s for _, s in sections),
            leaders=tuple(x for _, x in leaders),
            towns=tuple(t for _, t in towns),
            units=tuple(u for _, u in units),
            tasks=tuple(t for _, t in tasks),
            initials=initials,
        )

    # -- structure -------------------------------------------------------------------

    def _entries(self, raw: dict[str, object], name: str) -> list[_Entry]:
        value = raw.get(name)
        if value is None:
            self.report(None, f"缺少 [[{name}]] 表")
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.report(None, f"「{name}」应写成 [[{name}]] 表的数组")
            return []
        entries = []
        for index, data in enumerate(value):
            label = _entry_label(name, index, data)
            entries.append(_Entry(name, index, label, data))
        return entries

    def _fields(self, entry: _Entry, spec: _FieldSpec) -> bool:
        """Check keys and types of one table; True when it can be built."""
        ok = True
        for key in entry.data:
            if key not in spec:
                known = "、".join(spec)
                self.report(entry, f"未知的键「{key}」（可用：{known}）", key)
                ok = False
        for key, (expected, required) in spec.items():
            if key not in entry.data:
                if required:
                    self.report(entry, f"缺少键「{key}」")
                    ok = False
                continue
            value = entry.data[key]
            if not _is_type(value, expected):
                want = (
                    _TYPE_NAMES.get(expected, str(expected)) if isinstance(expected, type) else ""
                )
                got = _TYPE_NAMES.get(type(value), type(value).__name__)
                self.report(entry, f"「{key}」应为{want}，实际是{got}", key)
                ok = False
            elif expected is list and not all(isinstance(v, str) for v in value):  # type: ignore[attr-defined]
                self.report(entry, f"「{key}」应为字符串数组", key)
                ok = False
            elif isinstance(value, str) and not value.strip():
                self.report(entry, f"「{key}」是空的", key)
                ok = False
        return ok

    def _meta(self, raw: object) -> PlanMeta | None:
        if not isinstance(raw, dict):
            self.report(None, "缺少 [plan] 表（方案标题、文号、声明的总数）")
            return None
        entry = _Entry("plan", None, "[plan]", raw)
        if not self._fields(entry, _PLAN):
            return None
        return PlanMeta(**raw)  # keys and types checked above

    def _initials(self, raw: object) -> tuple[tuple[str, str], ...]:
        """The optional [initials] table: one character → its pinyin initials (a–z)."""
        if not isinstance(raw, dict):
            self.report(None, '「initials」应写成 [initials] 表（字 = "拼音首字母"）')
            return ()
        out = []
        for char, letters in raw.items():
            if len(char) != 1:
                self.report(None, f"[initials]：键「{char}」应是单个汉字")
            elif not isinstance(letters, str) or not re.fullmatch(r"[a-z]+", letters):
                self.report(None, f'[initials]：「{char}」的值应是小写拼音首字母，如 "x" 或 "zc"')
            else:
                out.append((char, letters))
        return tuple(out)

    def _category(self, entry: _Entry) -> Category | None:
        return Category(**entry.data) if self._fields(entry, _CATEGORY) else None  # type: ignore[arg-type]

    def _section(self, entry: _Entry) -> Section | None:
        if not self._fields(entry, _SECTION):
            return None
        data = entry.data
        if not _SECTION_ID.match(str(data["id"])):
            self.report(entry, f"大项编号「{data['id']}」应形如 3.2（大类.大项）", "id")
            return None
        return Section(
            id=str(data["id"]), title=str(data["title"]), variants=_strings(data, "variants")
        )

    def _leader(self, entry: _Entry) -> Leader | None:
        if not self._fields(entry, _LEADER):
            return None
        return Leader(name=str(entry.data["name"]), aliases=_strings(entry.data, "aliases"))

    def _town(self, entry: _Entry) -> Town | None:
        if not self._fields(entry, _TOWN):
            return None
        name = str(entry.data["name"])
        if not name.endswith("镇"):
            self.report(entry, f"镇名「{name}」应以「镇」结尾", "name")
            return None
        return Town(name=name, aliases=_strings(entry.data, "aliases"))

    def _unit(self, entry: _Entry) -> Unit | None:
        if not self._fields(entry, _UNIT):
            return None
        data = entry.data
        kinds = [k.value for k in UnitKind if k is not UnitKind.TOWN]
        kind = UnitKind.COUNTY
        if data["kind"] in kinds:
            kind = UnitKind(str(data["kind"]))
        else:
            hint = "（镇政府由 [[towns]] 生成，不必列在这里）" if data["kind"] == "town" else ""
            self.report(
                entry, f"未知的类别「{data['kind']}」，应为 {'、'.join(kinds)} 之一{hint}", "kind"
            )
            # Still register the name so the tasks using it are not reported as well.
        covers = data.get("covers")
        if covers is not None and covers not in [c.value for c in Covers]:
            self.report(
                entry, f"未知的 covers「{covers}」，应为 all_towns 或 relevant_towns", "covers"
            )
            return None
        return Unit(
            name=str(data["name"]),
            kind=kind,
            aliases=_strings(data, "aliases"),
            covers=Covers(str(covers)) if covers is not None else None,
        )

    def _task(self, entry: _Entry) -> Task | None:
        if not self._fields(entry, _TASK):
            return None
        data = entry.data
        task_id = data["id"]
        assert isinstance(task_id, int)
        if task_id < 1:
            self.report(entry, f"序号 {task_id} 应为正整数", "id")
            return None
        return Task(
            id=task_id,
            section=str(data["section"]),
            text=str(data["text"]),
            leaders=_strings(data, "leaders"),
            lead_units=_strings(data, "lead_units"),
            related_units=_strings(data, "related_units"),
        )

    # -- cross references ------------------------------------------------------------

    def _unique(
        self, pairs: list[tuple[_Entry, _T]], key: Callable[[_T], object], label: str
    ) -> None:
        seen: set[object] = set()
        for entry, item in pairs:
            value = key(item)
            if value in seen:
                self.report(entry, f"{label} {value} 重复出现")
            seen.add(value)

    def _check_names(self, pairs: Sequence[tuple[_Entry, Leader | Town | Unit]], noun: str) -> None:
        """Names and aliases must be clean and mean exactly one thing within their registry."""
        owner: dict[str, str] = {}
        for entry, item in pairs:
            for position, spelling in enumerate((item.name, *item.aliases)):
                key = "name" if position == 0 else "aliases"
                what = "名称" if position == 0 else "别名"
                if _SPACE.search(spelling) or not spelling:
                    self.report(entry, f"{what}「{spelling}」含有空白字符或为空", key)
                other = owner.get(spelling)
                if other is None:
                    owner[spelling] = item.name
                elif other != item.name:
                    self.report(entry, f"{what}「{spelling}」已属于{noun}「{other}」", key)
                elif position == 0:
                    self.report(entry, f"与前面的同名{noun}重复", key)
                else:
                    self.report(entry, f"别名「{spelling}」与本{noun}的名称或别名重复", key)

    def _check_sections(
        self, sections: list[tuple[_Entry, Section]], categories: list[Category]
    ) -> None:
        numbers = {c.number for c in categories}
        for entry, section in sections:
            if section.category not in numbers:
                self.report(
                    entry, f"大项 {section.id} 所属的第 {section.category} 大类不存在", "id"
                )

    def _check_tasks(
        self,
        tasks: list[tuple[_Entry, Task]],
        sections: list[Section],
        leaders: list[Leader],
        units: list[Unit],
    ) -> None:
        section_ids = {s.id for s in sections}
        leader_names = _spellings(leaders)
        unit_names = _spellings(units)
        for entry, task in tasks:
            if task.section not in section_ids:
                hint = _suggest(task.section, sorted(section_ids))
                self.report(entry, f"大项「{task.section}」不存在{hint}", "section")
            for key, names, known, noun in (
                ("leaders", task.leaders, leader_names, "责任领导"),
                ("lead_units", task.lead_units, unit_names, "牵头单位"),
                ("related_units", task.related_units, unit_names, "相关责任单位"),
            ):
                if not names and key != "related_units":
                    self.report(entry, f"「{key}」至少要有一个{noun}", key)
                self._check_refs(entry, key, names, known, noun)

    def _check_refs(
        self,
        entry: _Entry,
        key: str,
        names: tuple[str, ...],
        known: dict[str, str],
        noun: str,
    ) -> None:
        seen: set[str] = set()
        for name in names:
            if name in seen:
                self.report(entry, f"{noun}「{name}」重复列出", key)
            seen.add(name)
            if name in known and known[name] != name:
                self.report(entry, f"{noun}「{name}」是别名，请写规范名称「{known[name]}」", key)
            elif name not in known:
                self.report(
                    entry, f"{noun}「{name}」不在名录中{_suggest(name, sorted(known))}", key
                )

    def _check_totals(self, meta: PlanMeta, tables: dict[str, list[_Entry]]) -> None:
        """Declared totals against the entries as written (built or not, to avoid echoes)."""
        plan = _Entry("plan", None, "[plan]", {})
        for key, declared, table, noun in (
            ("declared_categories", meta.declared_categories, "categories", "大类"),
            ("declared_sections", meta.declared_sections, "sections", "大项"),
            ("declared_tasks", meta.declared_tasks, "tasks", "小项"),
        ):
            actual = len(tables[table])
            if declared != actual:
                self.report(plan, f"声明共 {declared} 个{noun}，数据中有 {actual} 个", key)
        ids = {e.data.get("id") for e in tables["tasks"]}
        top = max((i for i in ids if isinstance(i, int)), default=0)
        missing = [i for i in range(1, top + 1) if i not in ids]
        if missing and not meta.excerpt:
            self.report(None, f"缺少序号为 {'、'.join(map(str, missing))} 的任务")
        for entry in tables["categories"]:
            number, want = entry.data.get("number"), entry.data.get("declared_sections")
            if not isinstance(want, int) or not isinstance(number, int):
                continue
            prefix = f"{number}."
            count = sum(
                1 for s in tables["sections"] if str(s.data.get("id", "")).startswith(prefix)
            )
            if count != want:
                self.report(
                    entry, f"声明共 {want} 个大项，数据中有 {count} 个", "declared_sections"
                )


def _is_type(value: object, expected: type | tuple[type, ...]) -> bool:
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return isinstance(value, expected)


def _strings(data: dict[str, object], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    assert isinstance(value, list)
    return tuple(str(v) for v in value)


def _spellings(items: Iterable[Leader | Unit]) -> dict[str, str]:
    """Every name and alias → the canonical name."""
    out: dict[str, str] = {}
    for item in items:
        for alias in item.aliases:
            out.setdefault(alias, item.name)
        out[item.name] = item.name
    return out


def _suggest(name: str, choices: list[str]) -> str:
    from rapidfuzz import process

    best = process.extractOne(name, choices, score_cutoff=50)
    return f"，是不是「{best[0]}」？" if best else ""


_LABELS = {
    "categories": ("number", "第 {} 大类"),
    "sections": ("id", "大项 {}"),
    "leaders": ("name", "责任领导「{}」"),
    "towns": ("name", "镇「{}」"),
    "units": ("name", "单位「{}」"),
    "tasks": ("id", "第 {} 项"),
}


def _entry_label(table: str, index: int, data: dict[str, object]) -> str:
    key, template = _LABELS[table]
    value = data.get(key)
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return template.format(value)
    return f"[[{table}]] 第 {index + 1} 个"


def _built(entries: list[_Entry], build: Callable[[_Entry], _T | None]) -> list[tuple[_Entry, _T]]:
    """The entries that could be built, each with its object."""
    pairs = []
    for entry in entries:
        item = build(entry)
        if item is not None:
            pairs.append((entry, item))
    return pairs
