"""Writing output files whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fenggong.errors import OutputError


def write_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write `text` (UTF-8) to `path` via a temporary file, so readers never see half a file."""
    if path.is_dir():
        raise OutputError(f"{path}：这是一个目录，不能写入")
    if not overwrite and path.exists():
        raise OutputError(f"{path}：文件已存在，加 --force 覆盖")
    directory = path.parent if str(path.parent) else Path()
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}：无法写入（{exc.strerror or exc}）") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        Path(temp).replace(path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}：无法写入（{exc.strerror or exc}）") from None
        raise
