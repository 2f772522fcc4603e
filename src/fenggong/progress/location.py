"""Where a plan's progress store lives, and the two ways to open it: `open_store` for the
commands that write (creates it), `read_store` for every command that only reads (never
creates a file; cheap when there is none)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fenggong.plan.model import Plan
    from fenggong.progress.store import Store

ENV_VAR = "FENGGONG_LOG"


def store_path(plan: Plan, data: Path | None, log: Path | None = None) -> Path:
    """The store of the plan read from `data` (None: the default data file): `log`, else
    $FENGGONG_LOG, else beside the user's own data file (plan.toml → plan.进展.sqlite),
    else — for the bundled plan — in the user's data folder. Every command asks here."""
    if log is not None:
        return log
    if env := os.environ.get(ENV_VAR):
        return Path(env)
    from fenggong.plan.load import default_path

    package = Path(__file__).resolve().parents[1]
    source = data or default_path()
    if not source.resolve().is_relative_to(package):
        return source.with_name(f"{source.stem}.进展.sqlite")
    if sys.platform == "win32" and (base := os.environ.get("APPDATA")):
        folder = Path(base) / "fenggong"
    else:
        folder = (
            Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "fenggong"
        )
    key = "".join(
        c for c in (plan.meta.document_number or plan.meta.title) if c not in '\\/:*?"<>|'
    )
    return folder / f"{key}.进展.sqlite"


def open_store(plan: Plan, data: Path | None, log: Path | None = None) -> Store:
    """The plan's store for a command that writes to it (created where there is none)."""
    from fenggong.progress.store import Store

    return Store(store_path(plan, data, log), plan)


def read_store(
    plan: Plan, data: Path | None, log: Path | None = None, *, strict: bool = False
) -> Store | None:
    """The plan's store opened read-only, or None where none has been started (without
    loading SQLite). Another plan's store: `DatasetError` when `strict` (督办 commands say
    so), else None (a query answers without progress)."""
    path = store_path(plan, data, log)
    if not path.is_file():
        if strict and log is not None:
            from fenggong.errors import DatasetError

            raise DatasetError((f"{path}：没有这个进展库",))
        return None
    from fenggong.errors import DatasetError
    from fenggong.progress.store import Store

    try:
        return Store(path, plan, readonly=True)
    except DatasetError:
        if strict:
            raise
        return None
