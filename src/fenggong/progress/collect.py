"""`collect` as a function: read every returned ledger it is given, record each good one
(in one write, each whole or not at all), and say of every other file why it was not — then the
催办 list. The CLI only prints the `Collected` it returns.

What a batch is: the files and folders named (a folder means the workbooks in it; a
pattern such as 台账/*.xlsx is expanded where the shell did not; Excel's ~$ lock files are
skipped). Its period is `period`, else the one most of its workbooks carry; a workbook of
another period is refused with its period named. Two different workbooks of one unit and
period are both refused, naming each other; byte-identical copies are recorded once; a
workbook recorded before records nothing again; an unfilled one is 未填报.
"""

from __future__ import annotations

import glob
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from fenggong import clock
from fenggong.errors import FenggongError
from fenggong.files import read_bytes
from fenggong.plan.steps import long_step
from fenggong.progress.ledger import Filled, read_ledger
from fenggong.progress.lights import due, lights
from fenggong.progress.location import open_store
from fenggong.progress.model import Period, Report, plan_key
from fenggong.progress.store import Workbook
from fenggong.progress.supervision import remind

if TYPE_CHECKING:
    from fenggong.plan.model import Plan
    from fenggong.progress.store import Store

#: Workbooks a folder holds: .xlsx, and the .xls/.et an older Excel or WPS saves.
WORKBOOKS = (".xlsx", ".xlsm")
OLD_FORMATS = (".xls", ".et")
_PATTERN = set("*?[")
_COPY = re.compile(r"副本|copy|[(（]\d+[)）]\s*$", re.IGNORECASE)


def _reason(exc: FenggongError, path: Path) -> str:
    """An error's message without the file name the list already shows."""
    return str(exc).removeprefix(f"{path}：").removeprefix(f"{path.name}：")


class Collected(NamedTuple):
    """What a `collect` did."""

    #: The store written to.
    store: Path
    #: The batch's period (None: no workbook could be read and none was asked for).
    period: Period | None
    #: What happened, in order: each recorded file, each correction, each note.
    notes: tuple[str, ...]
    #: Every mistake in a workbook that was refused for them (file, sheet, row).
    problems: tuple[str, ...]
    #: The files not recorded, each with one reason.
    refused: tuple[tuple[str, str], ...]
    #: How many workbooks were recorded now.
    recorded: int
    #: 催办: each lead unit that has not reported in the period → its task ids.
    remind: dict[str, list[int]]


def expand(arguments: Iterable[Path]) -> tuple[list[Path], list[str], list[tuple[str, str]]]:
    """The files a batch's arguments mean, the notes about them (lock files skipped), and
    the arguments that name nothing."""
    files: list[Path] = []
    notes: list[str] = []
    missing: list[tuple[str, str]] = []
    for argument in arguments:
        if argument.is_dir():
            found = sorted(
                p for p in argument.iterdir() if p.suffix.lower() in (*WORKBOOKS, *OLD_FORMATS)
            )
            if not found:
                missing.append((str(argument), "文件夹里没有台账（.xlsx、.xls、.et）"))
        elif not argument.exists() and _PATTERN & set(str(argument)):
            found = sorted(Path(p) for p in glob.glob(str(argument)) if Path(p).is_file())  # noqa: PTH207
            if not found:
                missing.append((str(argument), "没有符合这个模式的文件"))
        elif not argument.exists():
            missing.append((str(argument), "文件不存在"))
            continue
        else:
            found = [argument]
        for path in found:
            if path.name.startswith("~$"):
                notes.append(f"{path.name}：是 Excel/WPS 打开文件时留下的锁文件，跳过")
            elif path.resolve() not in {f.resolve() for f in files}:
                files.append(path)
    return files, notes, missing


class _Read(NamedTuple):
    path: Path
    digest: str
    filled: Filled


def collect(
    plan: Plan,
    arguments: Sequence[Path],
    *,
    data: Path | None = None,
    log: Path | None = None,
    period: Period | None = None,
) -> Collected:
    """Record the returned ledgers among `arguments` into the plan's store."""
    files, notes, refused = expand(arguments)
    problems: list[str] = []
    name = plan_key(plan)
    with open_store(plan, data, log) as store:
        deadlines = store.deadlines()

        def deadline_text(task_id: int) -> str:
            task = plan.task(task_id)
            return due(plan, task, deadlines).isoformat() if task is not None else ""

        readable: list[_Read] = []
        with long_step("收台账", len(files)) as advance:
            for path in files:
                advance(1)
                try:  # bounded: a FIFO or a device named .xlsx is refused, never read
                    content = read_bytes(path)
                except FenggongError as exc:
                    refused.append((path.name, _reason(exc, path)))
                    continue
                digest = hashlib.sha256(content).hexdigest()
                if (before := store.collected(digest)) is not None:
                    notes.append(
                        f"{path.name}：{before.recorded_at} 已作为「{before.name}」记入过，这次不再记"
                    )
                    continue
                try:
                    filled = read_ledger(path, plan, name, deadline_text, content=content)
                    readable.append(_Read(path, digest, filled))
                except FenggongError as exc:
                    refused.append((path.name, _reason(exc, path)))
        if any(r.filled.prefilled for r in readable):
            history = store.reports()
            readable = [_unprefill(r, history, notes) for r in readable]
        batch = period or _most_common(r.filled.period for r in readable)
        good = _sift(readable, batch, notes, problems, refused)
        recorded = _record(store, good, notes)
        task_lights = lights(
            plan,
            store.reports(),
            store.deadlines(),
            as_of=batch.end if batch else clock.today(),
            period=batch,
            periods=store.periods(),
        )
        path = store.path
    order = {f.name: i for i, f in enumerate(files)}
    refused.sort(key=lambda x: order.get(x[0], -1))
    return Collected(
        path,
        batch,
        tuple(notes),
        tuple(problems),
        tuple(refused),
        recorded,
        remind(task_lights) if batch is not None else {},
    )


def _unprefill(item: _Read, history: list[Report], notes: list[str]) -> _Read:
    """A ledger of an older fenggong without the rows left as prefilled: a row the same as
    the unit's last report before this period is no report for this period."""
    filled = item.filled
    if not filled.prefilled:
        return item
    last: dict[tuple[int, str], Report] = {}
    for report in sorted(history, key=lambda r: r.period.end):
        if report.period.end < filled.period.start:
            last[(report.task, report.unit)] = report
    kept = tuple(
        r
        for r in filled.reports
        if (before := last.get((r.task, r.unit))) is None or not _same(before, r)
    )
    if dropped := len(filled.reports) - len(kept):
        notes.append(
            f"{item.path.name}：旧版台账，{dropped} 项与上期报送完全相同（预填后没有改），不算本期报送"
        )
    return item._replace(filled=filled._replace(reports=kept))


def _most_common(periods: Iterable[Period]) -> Period | None:
    """The period most workbooks carry (the latest of those tied)."""
    counts = Counter(periods)
    return max(counts, key=lambda p: (counts[p], p.end), default=None)


def _sift(
    readable: list[_Read],
    batch: Period | None,
    notes: list[str],
    problems: list[str],
    refused: list[tuple[str, str]],
) -> list[_Read]:
    """The workbooks to record: of the batch's period, without mistakes, filled in, once
    each, and one per unit."""
    first: dict[str, Path] = {}
    by_unit: dict[tuple[str, Period], list[_Read]] = {}
    # Originals before what look like copies ("… - 副本", "(1)"), then by name: the same
    # file of identical ones is kept whatever the order they came in.
    for item in sorted(readable, key=lambda i: (bool(_COPY.search(i.path.stem)), i.path.name)):
        path, filled = item.path, item.filled
        if batch is not None and filled.period != batch:
            refused.append((path.name, f"这是 {filled.period} 的台账，不是本批 {batch} 的"))
        elif filled.problems:
            problems.extend(filled.problems)
            refused.append((path.name, f"有 {len(filled.problems)} 处要改（见上），整份没有记入"))
        elif not filled.reports:
            refused.append((path.name, f"未填报：{filled.unit}本期一项也没有填"))
        elif item.digest in first:
            notes.append(f"{path.name}：与 {first[item.digest].name} 完全相同，只记一次")
        else:
            first[item.digest] = path
            by_unit.setdefault((filled.unit, filled.period), []).append(item)
    good = []
    for (unit, when), items in by_unit.items():
        if len(items) == 1:
            good.append(items[0])
            continue
        names = "、".join(sorted(i.path.name for i in items))
        for item in items:
            refused.append(
                (
                    item.path.name,
                    f"{unit} {when} 交了内容不同的几份（{names}），都没有记入；请只留一份再收",
                )
            )
    return sorted(good, key=lambda i: readable.index(i))


def _record(store: Store, good: list[_Read], notes: list[str]) -> int:
    """Record the good workbooks in one write, each only with what is new or corrected,
    and with its digest; how many were recorded."""
    latest: dict[tuple[int, str, Period], Report] = {}
    for report in store.reports():
        latest[(report.task, report.unit, report.period)] = report
    books, said = [], []
    for item in good:
        filled, name, fresh, corrections = item.filled, item.path.name, [], []
        for report in filled.reports:
            key = (report.task, report.unit, report.period)
            before = latest.get(key)
            if before is not None and _same(before, report):
                continue
            if before is not None:
                corrections.append(
                    f"{name}：第 {report.task} 项 {report.period} 更正：{before.status.value}"
                    f" → {report.status.value}（以这次为准，原记录保留）"
                )
            fresh.append(report)
            latest[key] = report
        books.append(Workbook(tuple(fresh), name, item.digest, (filled.unit, filled.period)))
        said.append(corrections)
    recorded = 0
    for book, corrections, added in zip(books, said, store.add_workbooks(books), strict=True):
        unit, period = book.filed or ("", "")
        if added is None:
            notes.append(f"{book.source}：刚刚已由另一次 collect 记入，这次不再记")
            continue
        recorded += 1
        notes.extend(corrections)
        if added:
            notes.append(f"{book.source}：{unit} {period} 记入 {added} 条")
        else:
            notes.append(f"{book.source}：与已记入的内容相同，没有重复记")
    return recorded


def _same(a: Report, b: Report) -> bool:
    return (a.status, a.progress, a.problems, a.next_steps, a.reporter) == (
        b.status, b.progress, b.problems, b.next_steps, b.reporter,
    )  # fmt: skip
