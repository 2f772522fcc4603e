"""A cache of validated plans, so that every command after the first skips parsing and checking.

An entry is named by a digest of the data file's exact bytes, so an edited file is always
read and checked again. It holds a head (the plan without its tasks, and for the tasks
their offsets, checksums and indexes from names to positions) and then each task as its
own `marshal` record. A small plan is checked and decoded whole; one of `LAZY_FROM` tasks
or more is decoded as a query uses it (`lazy.py`), so 100,000 tasks cost a query only the
tasks it reads. Nothing in the cache directory is trusted: the head is used only when it
is a regular file's and its checksum matches and its recorded digest matches the data,
and a record only when its own checksum matches, before `marshal` ever sees either;
anything else is ignored (a failed record: the tasks are read from the data file). Entries
are private (0600 in a 0700 directory) and the oldest are removed beyond `KEEP`.

`FENGGONG_CACHE_DIR` moves the cache; `FENGGONG_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from fenggong import __version__
from fenggong.plan.kinds import Covers, UnitKind
from fenggong.plan.model import Category, Leader, Plan, PlanMeta, Section, Task, Town, Unit

if TYPE_CHECKING:
    import mmap
    from collections.abc import Callable, Iterable, Sequence

    #: An entry's bytes, read or mapped (slices of either are bytes).
    Buffer = bytes | mmap.mmap
    #: All the tasks, read and checked afresh from the data file.
    Rebuild = Callable[[], Sequence[Task]]

try:  # hashlib would load OpenSSL first: 1.8 ms of every run's start-up (docs/design.md)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the builtin module
    from hashlib import blake2b

#: Bump when the shape below changes.
SCHEMA = 9
#: How many entries (data files or versions of them) are kept.
KEEP = 16
#: Far above any entry (a 100,000-task plan's is about 26 MB).
MAX_ENTRY = 256 * 1024 * 1024
_MAGIC = b"FGCACHE\x05"
DIGEST_SIZE = 16
_Data = tuple[Any, ...]


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("FENGGONG_NO_CACHE"):
        return None
    if configured := os.environ.get("FENGGONG_CACHE_DIR"):
        return Path(configured)
    if sys.platform == "win32" and (local := os.environ.get("LOCALAPPDATA")):
        return Path(local) / "fenggong" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fenggong"


def _digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=DIGEST_SIZE).digest()


def _entry(digest: bytes) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    tag = f"{__version__}-{SCHEMA}-py{sys.version_info[0]}{sys.version_info[1]}"
    return directory / f"{digest.hex()}-{tag}.bin"


def chunks_digest(chunks: Iterable[bytes]) -> bytes:
    """The digest of bytes given a piece at a time, as `load_digest` wants it (see
    `filedigest.py`: a large plan is never held whole just to look up its entry)."""
    hasher = blake2b(digest_size=DIGEST_SIZE)
    for chunk in chunks:
        hasher.update(chunk)
    return hasher.digest()


def load(raw: bytes, rebuild: Rebuild | None = None) -> Plan | None:
    """The plan cached for exactly these bytes, if there is a sound entry for them."""
    return load_digest(_digest(raw), rebuild)


def load_digest(digest: bytes, rebuild: Rebuild | None = None) -> Plan | None:
    """The plan cached for the data file with this digest, if there is a sound entry.

    A large plan's tasks are checked and decoded as they are used; should one fail its
    check, `rebuild` gives them all from the data file instead.
    """
    entry = _entry(digest)
    if entry is None:
        return None
    try:
        content = _read_regular(entry)
        if content is None or content[: len(_MAGIC)] != _MAGIC:
            return None
        size = int.from_bytes(content[_HEAD - 8 : _HEAD], "little")
        head = content[_HEAD : _HEAD + size]
        if len(head) != size or _digest(head) != content[len(_MAGIC) : _HEAD - 8]:
            return None  # corrupt or altered: never handed to marshal
        stored, data, names, count, offsets, checks, area_digest, ids, indexes = marshal.loads(head)
        if stored != digest:
            return None
        base = _HEAD + size
        ends = memoryview(offsets).cast("Q")
        if len(content) != base + (ends[-1] if count else 0):
            return None
        plan = _from_data(
            data,
            names,
            count,
            _Records(content, base, ends, checks),
            ids,
            indexes,
            area_digest,
            rebuild,
        )
        if plan is not None:
            os.utime(entry)  # recently used: evicted last
        return plan
    except Exception:  # a broken or foreign cache entry is simply not used
        return None


#: The entry's fixed start: magic, the head's checksum, the head's length.
_HEAD = 8 + 16 + 8
#: Plans from this many tasks on are decoded as used (see `lazy.py`); smaller ones whole.
LAZY_FROM = 5000
#: Above this size an entry is mapped, not read: a query touches only what it needs.
_MAP_FROM = 4 * 1024 * 1024


class _Records:
    """The task records of an entry, each checked against its digest before decoding."""

    def __init__(self, content: Buffer, base: int, ends: memoryview, checks: bytes) -> None:
        self.content, self.base, self.ends, self.checks = content, base, ends, checks

    def area(self) -> bytes:
        return self.content[self.base :]

    def record(self, position: int) -> Any | None:
        start = self.ends[position - 1] if position else 0
        blob = self.content[self.base + start : self.base + self.ends[position]]
        at = position * _CHECK
        if _check(blob) != self.checks[at : at + _CHECK]:
            return None
        return marshal.loads(blob)


_CHECK = 8


def _check(blob: Buffer) -> bytes:
    return blake2b(blob, digest_size=_CHECK).digest()


def _read_regular(path: Path) -> Buffer | None:
    """The file's bytes if it is a regular file of sane size (never a FIFO or a link); a
    large one mapped into memory rather than read."""
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if info.st_size >= _MAP_FROM:
            import mmap

            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return handle.read(MAX_ENTRY + 1)


def store(raw: bytes, plan: Plan) -> None:
    """Remember the plan built from these bytes (silently skipped if it cannot be written)."""
    digest = _digest(raw)
    entry = _entry(digest)
    if entry is None:
        return
    write_private(entry, _encode(digest, plan), KEEP)


def write_private(path: Path, content: bytes, keep: int) -> None:
    """Write a file of the cache directory whole (a private temporary file renamed into
    place), then remove the least recently used files of its suffix beyond `keep`; silently
    skipped when the directory cannot be written."""
    temp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        temp.replace(path)
        found = []
        for other in path.parent.iterdir():
            info = other.lstat()
            if other.suffix == path.suffix and stat.S_ISREG(info.st_mode):
                found.append((info.st_mtime, other))
        for _, old in sorted(found, reverse=True)[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def _encode(digest: bytes, plan: Plan) -> bytes:
    """The entry: a head (the plan without its tasks, the tasks' offsets and checksums, and
    indexes from names to task positions) and then each task as its own record. Names in
    records are numbers into one table, so each name is one string in memory."""
    from array import array

    names: dict[str, int] = {}

    def number(name: str) -> int:
        return names.setdefault(name, len(names))

    records, ends, checks, ids = [], array("Q"), bytearray(), array("q")
    lead: dict[str, list[int]] = {}
    involved: dict[str, list[int]] = {}
    leaders: dict[str, list[int]] = {}
    co_lead: dict[str, int] = {}
    for position, t in enumerate(plan.tasks):
        record = marshal.dumps(
            (
                t.id,
                number(t.section),
                t.text,
                tuple(map(number, t.leaders)),
                tuple(map(number, t.lead_units)),
                tuple(map(number, t.related_units)),
                t.number,
                t.extras,
                t.deadline.isoformat() if t.deadline else None,
            )
        )
        records.append(record)
        ends.append((ends[-1] if ends else 0) + len(record))
        checks += _check(record)
        ids.append(t.id)
        for unit in t.lead_units:
            lead.setdefault(unit, []).append(position)
            co_lead[unit] = co_lead.get(unit, 0) + (len(t.lead_units) > 1)
        for unit in dict.fromkeys((*t.lead_units, *t.related_units)):
            involved.setdefault(unit, []).append(position)
        for leader in t.leaders:
            leaders.setdefault(leader, []).append(position)
    area = b"".join(records)

    def packed(index: dict[str, list[int]]) -> dict[str, bytes]:
        return {name: array("I", positions).tobytes() for name, positions in index.items()}

    head = marshal.dumps(
        (
            digest,
            _head_data(plan),
            tuple(names),
            len(records),
            ends.tobytes(),
            bytes(checks),
            _digest(area),
            ids.tobytes(),
            (packed(lead), packed(involved), packed(leaders), co_lead),
        )
    )
    return _MAGIC + _digest(head) + len(head).to_bytes(8, "little") + head + area


def _head_data(plan: Plan) -> _Data:
    meta = plan.meta
    return (
        (
            meta.title,
            meta.issuer,
            meta.document_number,
            meta.issued.isoformat(),
            meta.declared_categories,
            meta.declared_sections,
            meta.declared_tasks,
            meta.excerpt,
            meta.place,
            meta.level,
        ),
        tuple((c.number, c.title, c.declared_sections) for c in plan.categories),
        tuple((s.id, s.title, s.variants) for s in plan.sections),
        tuple((x.name, x.aliases) for x in plan.leaders),
        tuple((t.name, t.aliases) for t in plan.towns),
        tuple(
            (u.name, u.kind.value, u.aliases, u.covers.value if u.covers else None, u.hosted_by)
            for u in plan.units
        ),
        plan.initials,
    )


def _positions(index: dict[str, bytes]) -> dict[str, Sequence[int]]:
    return {name: memoryview(positions).cast("I") for name, positions in index.items()}


def _from_data(
    data: Any,
    names: tuple[str, ...],
    count: int,
    records: _Records,
    ids: bytes,
    indexes: Any,
    area_digest: bytes,
    rebuild: Rebuild | None,
) -> Plan | None:
    """The plan from `_encode`'s shape (typed Any: it is whatever marshal gave back); None
    when a small plan's records fail their check."""
    meta, categories, sections, leaders, towns, units, initials = data
    title, issuer, number, issued, n_categories, n_sections, n_tasks, excerpt, place, level = meta

    def task(position: int) -> Task | None:
        record = records.record(position)
        if record is None:
            return None
        i, s, x, lr, lu, ru, n, e, d = record
        name = names.__getitem__
        # Task's fields in order, built as a tuple is (its keyword `__new__` is a third of
        # decoding a task; a large brief decodes 42,552).
        return tuple.__new__(
            Task,
            (
                i,
                name(s),
                x,
                tuple(map(name, lr)),
                tuple(map(name, lu)),
                tuple(map(name, ru)),
                n,
                tuple(map(tuple, e)) if e else (),
                dt.date.fromisoformat(d) if d else None,
            ),
        )

    store = None
    if count < LAZY_FROM:
        if _digest(records.area()) != area_digest:
            return None  # checked whole before any record is unmarshalled
        tasks: Sequence[Task] = tuple(cast("Task", task(p)) for p in range(count))
    else:
        from fenggong.plan.lazy import LazyTasks

        lead, involved, by_leader = (_positions(index) for index in indexes[:3])
        store = LazyTasks(
            count, task, memoryview(ids).cast("q"), (lead, involved, by_leader), rebuild, indexes[3]
        )
        tasks = store
    return Plan(
        meta=PlanMeta(
            title=title,
            issuer=issuer,
            document_number=number,
            issued=dt.date.fromisoformat(issued),
            declared_categories=n_categories,
            declared_sections=n_sections,
            declared_tasks=n_tasks,
            excerpt=excerpt,
            place=place,
            level=level,
        ),
        categories=tuple(
            Category(number=n, title=t, declared_sections=d) for n, t, d in categories
        ),
        sections=tuple(Section(id=i, title=t, variants=v) for i, t, v in sections),
        leaders=tuple(Leader(name=n, aliases=a) for n, a in leaders),
        towns=tuple(Town(name=n, aliases=a) for n, a in towns),
        units=tuple(
            Unit(name=n, kind=UnitKind(k), aliases=a, covers=Covers(c) if c else None, hosted_by=h)
            for n, k, a, c, h in units
        ),
        tasks=tasks,
        initials=tuple(tuple(pair) for pair in initials),
        store=store,
    )
