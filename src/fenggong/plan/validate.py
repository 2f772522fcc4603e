"""Validate dataset text and build the model: a pure function, text in → plan or problems.

Every problem is collected before reporting, each naming the file, the line where it can
be found and the entry it concerns. Only `load.py` calls it (most runs use the cache).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from fenggong.plan.kinds import Covers, UnitKind
from fenggong.plan.model import (
    TOWN_SUFFIXES,
    Category,
    Leader,
    Plan,
    PlanMeta,
    Section,
    Task,
    Town,
    Unit,
)
from fenggong.plan.parse import Locator, parse_document
from fenggong.plan.schema import (
    CATEGORY,
    LEADER,
    PLAN,
    SECTION,
    TABLES,
    TASK,
    TOWN,
    UNIT,
    Entry,
    FieldSpec,
    built,
    entry_label,
    field_problems,
    parse_initials,
    spellings_index,
    strings,
    suggest,
)
from fenggong.textnorm import escape_controls

_T = TypeVar("_T")
_SECTION_ID = re.compile(r"^[1-9]\d{0,2}\.[1-9]\d{0,2}$")
#: The largest task number a plan may use: far above any real plan, small enough to count.
MAX_TASK_ID = 1_000_000
#: How many missing task numbers a problem lists before it says how many more.
_LISTED = 20
_SPACE = re.compile(r"\s")


def validate_text(text: str, source: str = "<data>") -> tuple[Plan | None, list[str]]:
    """Parse and validate dataset text (TOML, or JSON for a `.json` source).

    Returns the plan (None if unusable) and every problem found.
    """
    if not text.strip():
        return None, [f"{source}：文件是空的"]
    raw, problem = parse_document(text, source)
    return validate_document(raw, source, text) if raw is not None else (None, [problem])


def validate_document(
    raw: dict[str, object], source: str, text: str = ""
) -> tuple[Plan | None, list[str]]:
    """A document already read, or built (what `import` is about to write); `text`, when
    there is one, says on which line each entry stands."""
    checker = _Checker(source, text)
    plan = checker.build(raw)
    return (plan if not checker.problems else None), checker.problems


class _Checker:
    """Validates the raw TOML data, collecting problems, and builds the plan."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.text = text
        self._locator: Locator | None = None
        self.problems: list[str] = []

    def report(self, entry: Entry | None, message: str, key: str | None = None) -> None:
        line = None
        if entry is not None:
            if self._locator is None:  # built on the first problem: clean files never pay
                self._locator = Locator(self.text)
            line = self._locator.line(entry.table, entry.index, key)
        place = f"{self.source}:{line}" if line else self.source
        label = f"{entry.label}：" if entry is not None else ""
        # A name or key from the file may hold control characters: never print them raw.
        self.problems.append(escape_controls(f"{place}：{label}{message}"))

    def build(self, raw: dict[str, object]) -> Plan | None:
        for key in raw:
            if key not in ("plan", "initials") and key not in TABLES:
                known = "、".join(("plan", *TABLES, "initials"))
                self.report(None, f"未知的顶层键「{key}」（应为 {known}）")
        meta = self._meta(raw.get("plan"))
        initials, problems = parse_initials(raw.get("initials", {}))
        for problem in problems:
            self.report(None, problem)
        tables = {name: self._entries(raw, name) for name in TABLES}
        categories = built(tables["categories"], self._category)
        sections = built(tables["sections"], self._section)
        leaders = built(tables["leaders"], self._leader)
        towns = built(tables["towns"], self._town)
        units = built(tables["units"], self._unit)
        units += [
            (
                entry,
                Unit(
                    name=t.government,
                    kind=UnitKind.TOWN,
                    aliases=tuple(Town(name=a).government for a in t.aliases),
                ),
            )
            for entry, t in towns
        ]
        tasks = built(tables["tasks"], self._task)
        self._unique(categories, lambda c: c.number, "大类编号")
        self._unique(sections, lambda s: s.id, "大项编号")
        self._unique(tasks, lambda t: t.id, "任务序号")
        for pairs, noun in ((leaders, "责任领导"), (towns, "镇"), (units, "单位")):
            self._check_names(pairs, noun)
        self._check_sections(sections, [c for _, c in categories])
        names = {u.name for _, u in units}
        for entry, unit in units:
            if unit.hosted_by is not None and unit.hosted_by not in names:
                self.report(entry, f"hosted_by「{unit.hosted_by}」不在名录中", "hosted_by")
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

    def _entries(self, raw: dict[str, object], name: str) -> list[Entry]:
        value = raw.get(name)
        if value is None:
            self.report(None, f"缺少 [[{name}]] 表")
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.report(None, f"「{name}」应写成 [[{name}]] 表的数组")
            return []
        entries = []
        for index, data in enumerate(value):
            label = entry_label(name, index, data)
            entries.append(Entry(name, index, label, data))
        return entries

    def _fields(self, entry: Entry, spec: FieldSpec) -> bool:
        """Report the entry's key and type problems; True when it can be built."""
        problems = field_problems(entry, spec)
        for message, key in problems:
            self.report(entry, message, key)
        return not problems

    def _meta(self, raw: object) -> PlanMeta | None:
        if not isinstance(raw, dict):
            self.report(None, "缺少 [plan] 表（方案标题、文号、声明的总数）")
            return None
        entry = Entry("plan", None, "[plan]", raw)
        if not self._fields(entry, PLAN):
            return None
        return PlanMeta(**raw)  # keys and types checked above

    def _category(self, entry: Entry) -> Category | None:
        return Category(**entry.data) if self._fields(entry, CATEGORY) else None  # type: ignore[arg-type]

    def _section(self, entry: Entry) -> Section | None:
        if not self._fields(entry, SECTION):
            return None
        data = entry.data
        if not _SECTION_ID.match(str(data["id"])):
            self.report(entry, f"大项编号「{data['id']}」应形如 3.2（大类.大项）", "id")
            return None
        return Section(
            id=str(data["id"]), title=str(data["title"]), variants=strings(data, "variants")
        )

    def _leader(self, entry: Entry) -> Leader | None:
        if not self._fields(entry, LEADER):
            return None
        return Leader(name=str(entry.data["name"]), aliases=strings(entry.data, "aliases"))

    def _town(self, entry: Entry) -> Town | None:
        if not self._fields(entry, TOWN):
            return None
        name = str(entry.data["name"])
        if not name.endswith(tuple(TOWN_SUFFIXES)):
            self.report(entry, f"镇名「{name}」应以「镇」「乡」或「街道」结尾", "name")
            return None
        return Town(name=name, aliases=strings(entry.data, "aliases"))

    def _unit(self, entry: Entry) -> Unit | None:
        if not self._fields(entry, UNIT):
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
        hosted = data.get("hosted_by")
        return Unit(
            name=str(data["name"]),
            kind=kind,
            aliases=strings(data, "aliases"),
            covers=Covers(str(covers)) if covers is not None else None,
            hosted_by=str(hosted) if hosted is not None else None,
        )

    def _task(self, entry: Entry) -> Task | None:
        if not self._fields(entry, TASK):
            return None
        data = entry.data
        task_id = data["id"]
        assert isinstance(task_id, int)
        if not 1 <= task_id <= MAX_TASK_ID:
            self.report(entry, f"序号 {task_id} 应在 1 到 {MAX_TASK_ID} 之间", "id")
            return None
        extras = data.get("extras", {})
        assert isinstance(extras, dict)
        if not all(isinstance(v, str) for v in extras.values()):
            self.report(entry, '「extras」的每一项都应是字符串，如 完成时限 = "年底前"', "extras")
            return None
        return Task(
            id=task_id,
            section=str(data["section"]),
            text=str(data["text"]),
            leaders=strings(data, "leaders"),
            lead_units=strings(data, "lead_units"),
            related_units=strings(data, "related_units"),
            number=str(data.get("number", "")),
            extras=tuple((str(k), str(v)) for k, v in extras.items()),
            deadline=deadline if isinstance(deadline := data.get("deadline"), dt.date) else None,
        )

    # -- cross references ------------------------------------------------------------

    def _unique(
        self, pairs: list[tuple[Entry, _T]], key: Callable[[_T], object], label: str
    ) -> None:
        seen: set[object] = set()
        for entry, item in pairs:
            value = key(item)
            if value in seen:
                self.report(entry, f"{label} {value} 重复出现")
            seen.add(value)

    def _check_names(self, pairs: Sequence[tuple[Entry, Leader | Town | Unit]], noun: str) -> None:
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
        self, sections: list[tuple[Entry, Section]], categories: list[Category]
    ) -> None:
        numbers = {c.number for c in categories}
        for entry, section in sections:
            if section.category not in numbers:
                self.report(
                    entry, f"大项 {section.id} 所属的第 {section.category} 大类不存在", "id"
                )

    def _check_tasks(
        self,
        tasks: list[tuple[Entry, Task]],
        sections: list[Section],
        leaders: list[Leader],
        units: list[Unit],
    ) -> None:
        section_ids = {s.id for s in sections}
        leader_names = spellings_index(leaders)
        unit_names = spellings_index(units)
        for entry, task in tasks:
            if task.section not in section_ids:
                hint = suggest(task.section, sorted(section_ids))
                self.report(entry, f"大项「{task.section}」不存在{hint}", "section")
            for key, names, known, noun in (
                ("leaders", task.leaders, leader_names, "责任领导"),
                ("lead_units", task.lead_units, unit_names, "牵头单位"),
                ("related_units", task.related_units, unit_names, "相关责任单位"),
            ):
                if not names and key == "lead_units":
                    self.report(entry, f"「{key}」至少要有一个{noun}", key)
                self._check_refs(entry, key, names, known, noun)

    def _check_refs(
        self,
        entry: Entry,
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
                self.report(entry, f"{noun}「{name}」不在名录中{suggest(name, sorted(known))}", key)

    def _check_totals(self, meta: PlanMeta, tables: dict[str, list[Entry]]) -> None:
        """Declared totals against the entries as written (built or not, to avoid echoes)."""
        plan = Entry("plan", None, "[plan]", {})
        for key, declared, table, noun in (
            ("declared_categories", meta.declared_categories, "categories", "大类"),
            ("declared_sections", meta.declared_sections, "sections", "大项"),
            ("declared_tasks", meta.declared_tasks, "tasks", "小项"),
        ):
            actual = len(tables[table])
            if declared != actual:
                self.report(plan, f"声明共 {declared} 个{noun}，数据中有 {actual} 个", key)
        ids = {e.data.get("id") for e in tables["tasks"]}
        top = max((i for i in ids if isinstance(i, int) and i <= MAX_TASK_ID), default=0)
        if not meta.excerpt and (missing := [i for i in range(1, top + 1) if i not in ids]):
            listed = "、".join(map(str, missing[:_LISTED]))
            more = f" 等 {len(missing)} 个" if len(missing) > _LISTED else ""
            self.report(None, f"缺少序号为 {listed}{more} 的任务")
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
