"""Reading data files and writing output files: bytes in with a size cap, text decoded,
files written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from fenggong.errors import DatasetError, OutputError

#: Far above any real plan (the 2023 plan is 60 KB); stops a wrong file from hanging the tool.
MAX_BYTES = 20 * 1024 * 1024


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


def read_text(path: Path) -> str:
    """The file's text (a UTF-8 BOM is accepted); `DatasetError` if it cannot be read."""
    return decode(read_bytes(path), path)


def decode_any(raw: bytes) -> str:
    """Text as Windows tools save it: UTF-8 (with or without a BOM), else GB18030."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="strict")


def write_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write `text` (UTF-8) to `path` via a temporary file, so readers never see half a file."""
    if path.is_dir():
        raise OutputError(f"{path}：这是一个目录，不能写入")
    if not overwrite and path.exists():
        raise OutputError(f"{path}：文件已存在，加 --force 覆盖")
    import tempfile  # only writers pay for it (it imports random and hashlib)

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
