"""The loader: find the dataset, read it, and build the plan from the cache or through
validation. The only caller of `validate` and of `cache`."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from fenggong.errors import DatasetError
from fenggong.files import decode, read_bytes
from fenggong.plan.model import Plan

ENV_VAR = "FENGGONG_DATA"


def default_path() -> Path:
    """The dataset to use when none is named: $FENGGONG_DATA, else the bundled plan."""
    if env := os.environ.get(ENV_VAR):
        return Path(env)
    here = Path(__file__).resolve().parents[1]
    bundled = here / "data" / "tasks.toml"  # where the wheel puts it
    if bundled.is_file():
        return bundled
    # A source checkout (editable install) keeps the file at the repository root.
    return here.parents[1] / "data" / "tasks.toml"


def load_plan(path: Path | None = None) -> Plan:
    """Load and validate a dataset; raise `DatasetError` listing every problem.

    A file whose exact bytes were validated before comes from the cache (see `cache.py`).
    """
    plan, problems = check_file(path or default_path())
    if plan is None:
        raise DatasetError(tuple(problems))
    return plan


def check_file(path: Path) -> tuple[Plan | None, list[str]]:
    """The plan in a data file and every problem found in it (none when the plan is usable).

    `DatasetError` when the file cannot be read at all.
    """
    from fenggong.plan import cache
    from fenggong.plan.filedigest import file_digest
    from fenggong.plan.steps import long_step

    plan = cache.load_digest(file_digest(path), lambda: _validated(path).tasks)
    if plan is not None:
        return plan, []
    raw = read_bytes(path)
    with long_step(f"首次读取 {path.name}（之后从缓存读）"):
        plan, problems = _validate(raw, path)
        if problems or plan is None:
            return None, problems
        cache.store(raw, plan)
    return plan, []


def _validate(raw: bytes, path: Path) -> tuple[Plan | None, list[str]]:
    from fenggong.plan.validate import validate_text

    return validate_text(decode(raw, path), str(path))


def _validated(path: Path) -> Plan:
    """The plan read and checked afresh (a cache entry that failed its check on the way)."""
    plan, problems = _validate(read_bytes(path), path)
    if problems or plan is None:
        raise DatasetError(tuple(problems))
    return plan


def load_registry(path: Path) -> Plan:
    """Only the name registries (leaders, towns, units) of a dataset file, as a plan with
    no tasks."""
    plan, problems = _registry(decode(read_bytes(path), path), str(path))
    if problems or plan is None:
        raise DatasetError(tuple(problems) or (f"{path}：名录无法读取",))
    return plan


def _registry(text: str, source: str) -> tuple[Plan | None, list[str]]:
    """The registries of dataset text, checked as a plan with no tasks."""
    from fenggong.plan.parse import parse_document
    from fenggong.plan.validate import validate_document

    raw, problem = parse_document(text, source)
    if raw is None:
        return None, [problem]
    registry = {k: raw.get(k, []) for k in ("leaders", "towns", "units")}
    if "initials" in raw:  # carried into what `import` writes, with or without pypinyin
        registry["initials"] = raw["initials"]
    given = raw.get("plan")
    issuer = given.get("issuer") if isinstance(given, dict) else None
    meta = {**_EMPTY_META, **({"issuer": issuer} if isinstance(issuer, str) and issuer else {})}
    empty: dict[str, object] = {"categories": [], "sections": [], "tasks": []}
    return validate_document({"plan": meta, **empty, **registry}, source, text)


def check_document(document: dict[str, object]) -> list[str]:
    """What `check` would say of a document built in memory (`import` asks before it
    writes), each problem naming the entry, as there is no file yet."""
    from fenggong.plan.validate import validate_document

    return [p.removeprefix("：") for p in validate_document(document, "")[1]]


_EMPTY_META: dict[str, object] = {
    "title": "名录",
    "issuer": "-",
    "document_number": "-",
    "issued": dt.date(1970, 1, 1),
    "declared_categories": 0,
    "declared_sections": 0,
    "declared_tasks": 0,
}
