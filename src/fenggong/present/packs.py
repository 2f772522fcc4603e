"""A pack of files written into one folder (a file per unit or per leader): every name made
safe, every target checked before the first is written, so a refused pack leaves nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from fenggong.errors import UsageError

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def safe_name(name: str) -> str:
    """A file name every system accepts, from a unit's or leader's name.

    Local stand-in: to be replaced by the safe-file-name function engineer hostile adds to
    files.py once it is merged."""
    cleaned = _UNSAFE.sub("_", name).strip(" .") or "_"
    return cleaned[:100]


def write_pack(
    folder: Path, files: Sequence[tuple[str, str | bytes]], *, force: bool, reading: Path
) -> list[Path]:
    """Write the files into `folder` (created if need be), all or none: every target is
    checked (exists without --force, two files of the same name) before any is written.

    Local stand-in for the write-all-or-none function engineer hostile adds to files.py."""
    from fenggong.files import output_target, write_atomic

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}：不是文件夹；写一组文件时 -o 要给文件夹")
    paths = [folder / safe_name(name) for name, _ in files]
    seen: set[Path] = set()
    for path in paths:
        if path in seen:
            raise UsageError(f"{path.name}：两份文件同名，请检查单位或领导名称")
        seen.add(path)
    folder.mkdir(parents=True, exist_ok=True)
    targets = [output_target(path, force=force, reading=reading) for path in paths]
    for target, (_, data) in zip(targets, files, strict=True):
        write_atomic(target, data)
    return paths
