"""A pack of files written into one folder (a file per unit or per leader), through
`fenggong.filenames`: every name made a safe, unique file name, every target checked to lie
directly in the folder, all written or none."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def write_pack(
    folder: Path,
    files: Sequence[tuple[str, str | bytes]],
    *,
    force: bool,
    reading: Path | None,
) -> list[Path]:
    """Write each (file name, content) into `folder`, all or none; text as UTF-8."""
    from fenggong.filenames import write_split

    if not files:
        return []
    suffix = Path(files[0][0]).suffix
    return write_split(
        folder,
        [
            (name.removesuffix(suffix), data.encode() if isinstance(data, str) else data)
            for name, data in files
        ],
        suffix,
        force=force,
        reading=reading,
    )
