"""A cache of validated plans, so that every command after the first skips parsing and checking.

An entry holds the data file's exact bytes and the plan built from them (in `marshal`
form, which loads in well under a millisecond). It is used only when the file's bytes are
identical, so an edited file is always read and checked again. Anything wrong with the
cache (missing, unreadable, corrupt, from another fenggong or Python) is ignored.

`FENGGONG_CACHE_DIR` moves the cache; `FENGGONG_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from fenggong import __version__
from fenggong.plan.kinds import Covers, UnitKind
from fenggong.plan.model import Category, Leader, Plan, PlanMeta, Section, Task, Town, Unit

#: Bump when the shape below changes.
SCHEMA = 3
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


def _entry(raw: bytes) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    tag = f"{__version__}-{SCHEMA}-py{sys.version_info[0]}{sys.version_info[1]}"
    return directory / f"{len(raw)}-{zlib.crc32(raw):08x}-{zlib.adler32(raw):08x}-{tag}.bin"


def load(raw: bytes) -> Plan | None:
    """The plan cached for exactly these bytes, if there is one."""
    entry = _entry(raw)
    if entry is None:
        return None
    try:
        stored, data = marshal.loads(entry.read_bytes())
        if stored != raw:
            return None
        return _from_data(data)
    except Exception:  # a broken or foreign cache entry is simply not used
        return None


def store(raw: bytes, plan: Plan) -> None:
    """Remember the plan built from these bytes (silently skipped if it cannot be written)."""
    entry = _entry(raw)
    if entry is None:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temp = entry.with_suffix(f".{os.getpid()}.tmp")
        temp.write_bytes(marshal.dumps((raw, _to_data(plan))))
        temp.replace(entry)
    except OSError:
        return


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
        ),
        tuple((c.number, c.title, c.declared_sections) for c in plan.categories),
        tuple((s.id, s.title, s.variants) for s in plan.sections),
        tuple((x.name, x.aliases) for x in plan.leaders),
        tuple((t.name, t.aliases) for t in plan.towns),
        tuple(
            (u.name, u.kind.value, u.aliases, u.covers.value if u.covers else None)
            for u in plan.units
        ),
        tuple(
            (t.id, t.section, t.text, t.leaders, t.lead_units, t.related_units) for t in plan.tasks
        ),
        plan.initials,
    )


def _from_data(data: Any) -> Plan:
    """The plan from `_to_data`'s shape (typed Any: it is whatever marshal gave back)."""
    meta, categories, sections, leaders, towns, units, tasks, initials = data
    title, issuer, number, issued, n_categories, n_sections, n_tasks, excerpt = meta
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
        ),
        categories=tuple(
            Category(number=n, title=t, declared_sections=d) for n, t, d in categories
        ),
        sections=tuple(Section(id=i, title=t, variants=v) for i, t, v in sections),
        leaders=tuple(Leader(name=n, aliases=a) for n, a in leaders),
        towns=tuple(Town(name=n, aliases=a) for n, a in towns),
        units=tuple(
            Unit(name=n, kind=UnitKind(k), aliases=a, covers=Covers(c) if c else None)
            for n, k, a, c in units
        ),
        tasks=tuple(
            Task(id=i, section=s, text=x, leaders=lr, lead_units=lu, related_units=ru)
            for i, s, x, lr, lu, ru in tasks
        ),
        initials=tuple(tuple(pair) for pair in initials),
    )
