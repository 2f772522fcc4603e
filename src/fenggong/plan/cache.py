"""A cache of validated plans, so that every command after the first skips parsing and checking.

An entry is named by a digest of the data file's exact bytes and holds the plan built from
them (in `marshal` form, which loads in well under a millisecond), so an edited file is
always read and checked again. Nothing in the cache directory is trusted: an entry is used
only when it is a regular file whose checksum matches its content and whose recorded digest
matches the data, before `marshal` ever sees it; anything else is ignored. Entries are
private (0600 in a 0700 directory) and the oldest are removed beyond `KEEP`.

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
from typing import Any

from fenggong import __version__
from fenggong.plan.kinds import Covers, UnitKind
from fenggong.plan.model import Category, Leader, Plan, PlanMeta, Section, Task, Town, Unit

try:  # hashlib would load OpenSSL first: 1.8 ms of every run's start-up (docs/design.md)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the builtin module
    from hashlib import blake2b

#: Bump when the shape below changes.
SCHEMA = 7
#: How many entries (data files or versions of them) are kept.
KEEP = 16
#: Far above any entry (a 100,000-task plan's is about 40 MB).
MAX_ENTRY = 256 * 1024 * 1024
_MAGIC = b"FGCACHE\x04"
_DIGEST = 16
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
    return blake2b(data, digest_size=_DIGEST).digest()


def _entry(digest: bytes) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    tag = f"{__version__}-{SCHEMA}-py{sys.version_info[0]}{sys.version_info[1]}"
    return directory / f"{digest.hex()}-{tag}.bin"


def load(raw: bytes) -> Plan | None:
    """The plan cached for exactly these bytes, if there is a sound entry for them."""
    digest = _digest(raw)
    entry = _entry(digest)
    if entry is None:
        return None
    try:
        content = _read_regular(entry)
        if content is None or not content.startswith(_MAGIC):
            return None
        start = len(_MAGIC) + _DIGEST
        payload = content[start:]
        if _digest(payload) != content[len(_MAGIC) : start]:
            return None  # corrupt or altered: never handed to marshal
        stored, data = marshal.loads(payload)
        if stored != digest:
            return None
        plan = _from_data(data)
        os.utime(entry)  # recently used: evicted last
        return plan
    except Exception:  # a broken or foreign cache entry is simply not used
        return None


def _read_regular(path: Path) -> bytes | None:
    """The file's bytes if it is a regular file of sane size (never a FIFO or a link)."""
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read(MAX_ENTRY + 1)


def store(raw: bytes, plan: Plan) -> None:
    """Remember the plan built from these bytes (silently skipped if it cannot be written)."""
    digest = _digest(raw)
    entry = _entry(digest)
    if entry is None:
        return
    payload = marshal.dumps((digest, _to_data(plan)))
    content = _MAGIC + _digest(payload) + payload
    temp = entry.with_suffix(f".{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        temp.replace(entry)
        _evict(entry.parent)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def _evict(directory: Path) -> None:
    """Remove the least recently used entries beyond `KEEP`, and stale temporary files."""
    entries = []
    for path in directory.iterdir():
        info = path.lstat()
        if path.suffix == ".bin" and stat.S_ISREG(info.st_mode):
            entries.append((info.st_mtime, path))
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        path.unlink(missing_ok=True)


def _to_data(plan: Plan) -> _Data:
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
        tuple(
            (
                t.id,
                t.section,
                t.text,
                t.leaders,
                t.lead_units,
                t.related_units,
                t.number,
                t.extras,
                t.deadline.isoformat() if t.deadline else None,
            )
            for t in plan.tasks
        ),
        plan.initials,
    )


def _from_data(data: Any) -> Plan:
    """The plan from `_to_data`'s shape (typed Any: it is whatever marshal gave back)."""
    meta, categories, sections, leaders, towns, units, tasks, initials = data
    title, issuer, number, issued, n_categories, n_sections, n_tasks, excerpt, place, level = meta
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
        tasks=tuple(
            Task(
                id=i,
                section=s,
                text=x,
                leaders=lr,
                lead_units=lu,
                related_units=ru,
                number=n,
                extras=tuple(tuple(pair) for pair in e),
                deadline=dt.date.fromisoformat(d) if d else None,
            )
            for i, s, x, lr, lu, ru, n, e, d in tasks
        ),
        initials=tuple(tuple(pair) for pair in initials),
    )
