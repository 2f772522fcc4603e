"""Where a plan's progress store lives (cheap: a brief asks whether there is one)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fenggong.plan.model import Plan

ENV_VAR = "FENGGONG_LOG"


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


def plan_key(plan: Plan) -> str:
    """What identifies a plan in its store and its ledgers."""
    return f"{plan.meta.title}（{plan.meta.document_number}）"
