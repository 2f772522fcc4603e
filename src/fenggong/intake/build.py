"""Recognised rows → the dataset document: headings become categories and sections, cells
become names (the document's rules applied), ids follow the document's numbers, and every
guess goes on the list for review."""

from __future__ import annotations

import functools
import itertools
import re

from fenggong.intake.assemble import ImportResult, finish
from fenggong.intake.cells import Names, split_combined, split_leaders, split_units
from fenggong.intake.deadlines import DEADLINE_COLUMNS, deadline_of, plan_year
from fenggong.intake.grammar import bare_units, expand_prefix, level_of, role_word
from fenggong.intake.layouts import CATEGORY, PAREN_CN, Field, Parsed, Row
from fenggong.intake.names import Normaliser, Registry, expand_town_suffixes, town_of
from fenggong.intake.roles import field_of, labelled, sentence_roles
from fenggong.intake.unmapped import unmapped_units
from fenggong.plan.model import Plan, Town
from fenggong.textnorm import cn_number

#: The prefix of the plan's own departments, by level.
LEVEL_PREFIXES = {"province": "省", "city": "市", "county": "县", "district": "区"}


class _Headings:
    """Categories and sections as the rows meet them, numbered as the document does."""

    def __init__(self, fallback: str) -> None:
        self.fallback = fallback
        self.categories: list[dict[str, object]] = []
        self.sections: list[dict[str, object]] = []
        self._by_text: dict[str, int] = {}

    def section_of(self, row: Row) -> str:
        if (given := row.cells.get(Field.SECTION_ID)) and re.fullmatch(r"\d{1,3}\.\d{1,3}", given):
            return self._given(given, row)
        number = self._category(row.category)
        if row.section:
            match = PAREN_CN.match(row.section)
            title = match[2].strip() if match else row.section
            n = (cn_number(match[1]) or 0) if match else 0
        else:
            title, n = "", 0
        ids = [str(s["id"]) for s in self.sections if str(s["id"]).startswith(f"{number}.")]
        for section in self.sections:
            if section["id"] in ids and section["title"] == (title or self._title(number)):
                return str(section["id"])
        n = n if n and f"{number}.{n}" not in ids else len(ids) + 1
        section_id = f"{number}.{n}"
        self.sections.append({"id": section_id, "title": title or self._title(number)})
        for category in self.categories:
            if category["number"] == number:
                category["declared_sections"] = len(ids) + 1
        return section_id

    def _given(self, section_id: str, row: Row) -> str:
        """A section id as fenggong wrote it: kept, with its category's number."""
        number = int(section_id.split(".")[0])
        if not any(c["number"] == number for c in self.categories):
            title = row.category or self.fallback
            self.categories.append({"number": number, "title": title, "declared_sections": 0})
            self._by_text[title] = number
        if not any(s["id"] == section_id for s in self.sections):
            self.sections.append({"id": section_id, "title": row.section or self._title(number)})
            for category in self.categories:
                if category["number"] == number:
                    category["declared_sections"] = int(category["declared_sections"]) + 1  # type: ignore[call-overload]
        return section_id

    def _category(self, heading: str) -> int:
        key = heading or self.fallback
        if key in self._by_text:
            return self._by_text[key]
        match = CATEGORY.match(heading)
        title = match[2].strip() if match else key
        number = (cn_number(match[1]) or 0) if match else 0
        if not number or any(c["number"] == number for c in self.categories):
            number = len(self.categories) + 1
        self.categories.append({"number": number, "title": title, "declared_sections": 0})
        self._by_text[key] = number
        return number

    def _title(self, number: int) -> str:
        return next(str(c["title"]) for c in self.categories if c["number"] == number)


def build(parsed: Parsed, registry: Plan | None, notes: tuple[str, ...] = ()) -> ImportResult:
    """The dataset document of a recognised plan; names canonical only through `registry`."""
    problems = [*notes, *parsed.notes]
    reg = Registry.of(registry)
    norm = Normaliser(reg, problems, registry is not None)
    headings = _Headings(fallback=parsed.title or "未分类")
    ids = _ids(parsed.rows, problems)
    named = [_names(row, parsed, problems) for row in parsed.rows]
    bare = bare_units([lst for _, lead, related in named for lst in (lead, related)])
    bare |= reg.units.keys()
    tasks = []
    year = plan_year(parsed.title)
    for task_id, row, (leaders, lead, related) in zip(ids, parsed.rows, named, strict=True):
        _joined_by_ji(row, task_id, [lead, related], problems)
        lead = _expanded(lead, bare, row, task_id, problems)
        related = _expanded(related, bare, row, task_id, problems)
        leaders = [norm.canonical(n, reg.leaders, task_id) for n in leaders]
        norm.note_leaders(leaders)
        task: dict[str, object] = {
            "id": task_id,
            "section": headings.section_of(row),
            "text": row.text.strip(),
            "leaders": leaders,
            "lead_units": [
                norm.canonical(_government(n), reg.units, task_id)
                for n in expand_town_suffixes(lead, reg)
            ],
            "related_units": [
                norm.canonical(_government(n), reg.units, task_id)
                for n in expand_town_suffixes(related, reg)
            ],
        }
        if row.number and row.number != str(task_id):
            task["number"] = " ".join(row.number.split())  # a 序号 cell's line break: one line
        if row.extras:
            task["extras"] = dict(row.extras)
            due = next((v for k, v in row.extras if k in DEADLINE_COLUMNS), "")
            if (deadline := deadline_of(due, year)) is not None:
                task["deadline"] = deadline
        for name in [*lead, *related]:
            if word := role_word(name):
                problems.append(
                    f"{row.where}：第 {task_id} 项的单位名「{name}」含「{word}」，可能没有拆开，请核对"
                )
        if not lead:
            problems.append(f"{row.where}：第 {task_id} 项没有读到牵头单位")
        tasks.append(task)
    unmapped_units(parsed.rows, tasks, problems, parsed.cell_labels)
    meta = dict(parsed.meta)
    lead_names = [n for _, lead, _ in named for n in lead]
    level = level_of(str(meta.get("issuer", "")), parsed.title, lead_names) or level_of(
        "", parsed.title, [n for _, _, related in named for n in related]
    )
    level = level or guess_level(parsed)
    marks: dict[str, object] = {"level": level} if level else {}
    if ids and (ids[0] != 1 or ids[-1] != len(ids)):
        marks["excerpt"] = True
    return finish(
        meta,
        headings.categories,
        headings.sections,
        tasks,
        registry,
        norm,
        problems,
        level or "county",
        marks,
    )


def _expanded(
    names: list[str], bare: set[str], row: Row, task_id: int, problems: list[str]
) -> list[str]:
    """A list with its shared level prefix given to each bare name, each listed for review."""
    out, expanded = expand_prefix(names, bare)
    for name in expanded:
        problems.append(
            f"{row.where}：第 {task_id} 项「{'、'.join(names)}」中的「{name}」按名单开头的"
            f"「{out[0][0]}」读作「{out[0][0]}{name}」（原文写作「{name}」），请核对"
        )
    return out


def _joined_by_ji(row: Row, task_id: int, lists: list[list[str]], problems: list[str]) -> None:
    """Two names the cell joins by 及 (市级各有关部门及各县市区政府), read as two units: said."""
    fields = (Field.LEAD, Field.RELATED, Field.COMBINED)
    cells = re.sub(r"\s+", "", "、".join(row.cells.get(f, "") for f in fields))
    for names in lists:
        for first, second in itertools.pairwise(names):
            for joined in (f"{first}及{second}", f"{first}以及{second}"):
                if joined in cells:
                    problems.append(
                        f"{row.where}：第 {task_id} 项的「{joined}」按「及」读作两个单位"
                        f"「{first}」「{second}」，请核对"
                    )
                    break


@functools.lru_cache(maxsize=4096)
def _government(name: str) -> str:
    """A town government under the one name the model gives it (天堂镇人民政府 → 天堂镇政府)."""
    town = town_of(name)
    return Town(name=town).government if town is not None else name


def _names(row: Row, parsed: Parsed, problems: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Leaders, lead units and related units of a row, the document's rules applied."""
    cells = row.cells
    leaders_cell = cells.get(Field.LEADERS, "")
    leaders = split_leaders(leaders_cell).names if leaders_cell else ()
    if leaders_cell and len(leaders) > 1 and not re.search(r"[、，,；;]", leaders_cell):
        problems.append(
            f"{row.where}：「{leaders_cell}」读作 {'、'.join(leaders)}（字间空格、换行丢失），请核对"
        )
    if not leaders and row.heading_leader:
        leaders = (row.heading_leader,)
    if Field.COMBINED in cells and (pair := _combined(cells[Field.COMBINED])) is not None:
        lead, related = pair
    elif Field.LEAD in cells:
        lead, related = _lead_cell(cells[Field.LEAD])
        more = split_units(cells.get(Field.RELATED, ""))
        related = Names(related.names + more.names, related.open_list or more.open_list)
    else:
        cell = cells.get(Field.RELATED, "")
        listed = split_units(cell)
        roles = sentence_roles(cell) if not listed.each_leads else None
        if roles is not None:
            lead, related = split_units(roles.lead), split_units(roles.related)
        elif listed.each_leads:  # X、Y分别牵头: each leads
            lead, related = listed, Names(())
        elif listed.marked:  # X（牵头）、Y、Z
            rest = tuple(n for n in listed.names if n not in listed.marked)
            lead, related = Names(listed.marked), Names(rest, listed.open_list)
        elif parsed.first_leads or listed.first_leads:
            lead, related = Names(listed.names[:1]), Names(listed.names[1:], listed.open_list)
        else:  # every listed unit is responsible
            lead, related = listed, Names(())
    if lead.open_list or related.open_list:
        problems.append(f"{row.where}：单位名单用了「等」，名单不完整，请核对")
    return list(leaders), list(lead.names), list(related.names)


def _combined(cell: str) -> tuple[Names, Names] | None:
    """A 部门分工 cell: a sentence (X牵头，Y配合), or labelled lines (牵头单位：X / 配合单位：Y)."""
    if (pair := split_combined(cell)) is not None:
        return pair
    roles: dict[Field, list[str]] = {Field.LEAD: [], Field.RELATED: []}
    for label, value in labelled(cell):
        if (field := field_of(label)) in roles:
            roles[field].append(value)
    if not roles[Field.LEAD]:
        return None
    return split_units("、".join(roles[Field.LEAD])), split_units("、".join(roles[Field.RELATED]))


def _lead_cell(cell: str) -> tuple[Names, Names]:
    """A lead column's units; a sentence in it (X牵头，Y配合) gives both roles."""
    listed = split_units(cell)
    roles = sentence_roles(cell) if not listed.each_leads else None
    if roles is not None and roles.related:
        return split_units(roles.lead), split_units(roles.related)
    if roles is not None:
        return split_units(roles.lead), Names(())
    return listed, Names(())


def _ids(rows: tuple[Row, ...], problems: list[str]) -> list[int]:
    """The document's numbers as ids when they are whole numbers, each once; else 1, 2, …
    with each number changed listed for review."""
    numbers = [r.number for r in rows]
    if (
        numbers
        and all(n.isdecimal() and len(n) <= 6 for n in numbers)
        and len(set(numbers)) == len(numbers)
    ):
        ids = [int(n) for n in numbers]
        if ids[0] != 1:
            problems.append(f"序号从 {ids[0]} 开始：按方案的一部分导入（excerpt），不报缺少的序号")
        return ids
    renumbered = [
        f"{row.where}「{_shown(row.number) or '（无）'}」→ {n}"
        for n, row in enumerate(rows, start=1)
        if row.number != str(n)
    ]
    if numbers and any(numbers) and renumbered:
        shown = "；".join(renumbered[:10]) + ("…" if len(renumbered) > 10 else "")
        problems.append(
            f"序号不都是不重复的整数，任务按 1、2、… 重新编号（原序号记在「原文编号」）：{shown}"
        )
    return list(range(1, len(numbers) + 1))


def _shown(number: str) -> str:
    """A 序号 as quoted for review: a long one cut (a pasted cell can hold 20,000 characters)."""
    number = " ".join(number.split())
    return number if len(number) <= 12 else f"{number[:12]}…（{len(number)} 个字）"


def guess_level(parsed: Parsed) -> str:
    """province, city, county or district, from the names' prefixes and the title."""
    counts = dict.fromkeys(LEVEL_PREFIXES, 0)
    for row in parsed.rows:
        for cell in (row.cells.get(Field.LEAD, ""), row.cells.get(Field.COMBINED, "")):
            for level, prefix in LEVEL_PREFIXES.items():
                counts[level] += cell.startswith(prefix)
    best = max(counts, key=lambda k: counts[k])
    if counts[best]:
        return best
    headings = " ".join([parsed.title, *(r.category for r in parsed.rows)])
    for level, word in (
        ("city", "市长"),
        ("county", "县长"),
        ("district", "区长"),
        ("province", "省长"),
    ):
        if word in headings:
            return level
    return ""
