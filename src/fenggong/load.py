"""Find and read the dataset and build the model: from the cache when the file's bytes were
checked before, else through `validate.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

from fenggong.errors import DatasetError
from fenggong.model import Plan

ENV_VAR = "FENGGONG_DATA"
#: Far above any real plan (the 2023 plan is 60 KB); stops a wrong file from hanging the tool.
MAX_BYTES = 20 * 1024 * 1024


def default_path() -> Path:
    """The dataset to use when none is named: $FENGGONG_DATA, else the bundled plan."""
    if env := os.environ.get(ENV_VAR):
        return Path(env)
    here = Path(__file__).resolve().parent
    bundled = here / "data" / "tasks.toml"  # where the wheel puts it
    if bundled.is_file():
        return bundled
    # A source checkout (editable install) keeps the file at the repository root.
    return here.parents[1] / "data" / "tasks.toml"


def load_plan(path: Path | None = None) -> Plan:
    """Load and validate a dataset; raise `DatasetError` listing every problem.

    A file whose exact bytes were validated before comes from the cache (see `cache.py`).
    """
    from fenggong import cache

    path = path or default_path()
    raw = read_bytes(path)
    plan = cache.load(raw)
    if plan is not None:
        return plan
    from fenggong.validate import validate_text

    plan, problems = validate_text(decode(raw, path), str(path))
    if problems or plan is None:
        raise DatasetError(tuple(problems))
    cache.store(raw, plan)
    return plan


def read_text(path: Path) -> str:
    """The file's text (a UTF-8 BOM is accepted); `DatasetError` if it cannot be read."""
    return decode(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    """The file's bytes; `DatasetError` if it is missing, a directory, unreadable or huge."""
    try:
        if path.is_dir():
            raise DatasetError((f"{path}：这是一个目录，不是数据文件",))
        size = path.stat().st_size
        if size > MAX_BYTES:
            mb = size / 1024 / 1024
            raise DatasetError(
                (
                    f"{path}：文件太大（{mb:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB），不像是分工方案数据",
                )
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise DatasetError((f"{path}：数据文件不存在",)) from None
    except OSError as exc:
        raise DatasetError((f"{path}：无法读取（{exc.strerror or exc}）",)) from None


def decode(raw: bytes, path: Path) -> str:
    """Bytes of a data file as text: UTF-8, with or without a BOM."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DatasetError((f"{path}:{line}：不是 UTF-8 编码的文本，请以 UTF-8 保存",)) from None
