"""Where a plan's progress store lives (cheap: a brief asks whether there is one)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fenggong.plan.model import Plan
    from fenggong.progress.store import Store

ENV_VAR = "FENGGONG_LOG"


def log_for(plan: Plan, data: Path | None) -> Path:
    """The store of the plan read from `data` (None: the default data file): beside the
    user's own data file, or in the user's data folder for the bundled plan."""
    from fenggong.plan.load import default_path

    package = Path(__file__).resolve().parents[1]
    own = data or (None if default_path().resolve().is_relative_to(package) else default_path())
    return default_log(plan, own)


def default_log(plan: Plan, data: Path | None) -> Path:
    """Where the plan's store lives when none is named."""
    if env := os.environ.get(ENV_VAR):
        return Path(env)
    if data is not None:
        return data.with_name(f"{data.stem}.进展.sqlite")
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


def existing_store(plan: Plan, data: Path | None) -> Store | None:
    """The plan's store for a query that only reads it (deadlines, lights): None where none
    has been started (without loading SQLite), or where the one found is another plan's."""
    path = log_for(plan, data)
    if not path.is_file():
        return None
    from fenggong.errors import DatasetError
    from fenggong.progress.store import Store

    try:
        return Store(path, plan)
    except DatasetError:
        return None
