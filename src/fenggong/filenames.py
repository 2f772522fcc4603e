"""Names from the data (a unit, a leader) as file names, and a set of files written into one
folder all or none.

A name such as `../逃逸局`, `C:x`, `CON`, `NUL.` or one with a zero-width space must never
decide where a file lands: `safe_file_name` turns it into one plain name that is legal on
Windows, macOS and Linux, and `unique_file_names` keeps two names that a file system folds
together (`./县甲局` and `县甲局`, `A局` and `a局`) apart. `write_files` then checks that every
target lies directly in the folder before anything is written, writes temporary files,
and renames them all into place — or, on any failure, puts back what was there."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from fenggong.errors import OutputError, UsageError

#: The longest file name written, in UTF-8 bytes (file systems allow 255; archives and
#: synced folders on Windows choke long before).
MAX_NAME_BYTES = 120
#: Characters Windows refuses in a name, and both path separators.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
#: Windows device names: `CON`, `NUL.txt`, `com1.xlsx` all open the device.
_RESERVED = re.compile(
    r"^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(COM|LPT)[0-9¹²³])(\s*$|\s*\.)", re.IGNORECASE
)


def _visible(char: str) -> str:
    """A character as it may stand in a file name: controls, format characters (zero-width
    space, bidi controls, BOM), line separators and private-use characters dropped; any
    other space becomes a plain space."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return ""
    if category == "Zs":
        return " "
    return char


def safe_file_name(name: str, suffix: str = "") -> str:
    """`name` + `suffix` as one plain file name: no separators or characters Windows
    refuses (each becomes `_`), no invisible characters, no leading dots (hidden files,
    `..`), no trailing dots or spaces, not a Windows device name, at most `MAX_NAME_BYTES`
    bytes of UTF-8 (the name is cut, never the suffix). `suffix` is the program's own
    (e.g. `.xlsx`)."""
    text = "".join(_visible(c) for c in unicodedata.normalize("NFC", name))
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r" {2,}", " ", text).lstrip(". ").rstrip(". ")
    if not text:
        text = "_"
    if _RESERVED.match(text):
        text = "_" + text
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    if len(text.encode("utf-8")) > room:
        text = text.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(". ") or "_"
    return text + suffix


def collision_key(file_name: str) -> str:
    """What a case-insensitive, normalising file system (Windows, macOS) compares."""
    return unicodedata.normalize("NFKC", file_name).casefold()


def unique_file_names(names: Sequence[str], suffix: str = "") -> list[str]:
    """`safe_file_name` of each name; a name that would land on an earlier one's file (also
    after case folding) gets （2）, （3）… before the suffix."""
    out: list[str] = []
    taken: set[str] = set()
    for name in names:
        candidate = safe_file_name(name, suffix)
        number = 1
        while collision_key(candidate) in taken:
            number += 1
            mark = f"（{number}）{suffix}"
            base = safe_file_name(name)
            room = MAX_NAME_BYTES - len(mark.encode("utf-8"))
            base = base.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(". ") or "_"
            candidate = base + mark
        taken.add(collision_key(candidate))
        out.append(candidate)
    return out


def directly_in(folder: Path, file_name: str) -> Path:
    """`folder / file_name`, refused unless the name is one plain component of the folder
    (no separator, not `.` or `..`, not absolute, no drive)."""
    separators = {os.sep, "/", "\\"} | ({os.altsep} if os.altsep else set())
    target = folder / file_name
    if (
        not file_name
        or file_name in (".", "..")
        or any(s in file_name for s in separators)
        or "\x00" in file_name
        or target.parent != folder
        or Path(file_name).is_absolute()
        or Path(file_name).drive
    ):
        raise OutputError(
            f"{folder}：文件名「{file_name!r}」会写到文件夹之外，已停止，什么都没有写"
        )
    return target


def write_split(
    folder: Path,
    files: Sequence[tuple[str, bytes]],
    suffix: str,
    *,
    force: bool,
    reading: Path | None = None,
) -> list[Path]:
    """One file per (name, bytes) in `folder`: each name made a safe, unique file name with
    `suffix`, then `write_files`."""
    names = unique_file_names([name for name, _ in files], suffix)
    return write_files(
        folder,
        [(n, d) for n, (_, d) in zip(names, files, strict=True)],
        force=force,
        reading=reading,
    )


def write_files(
    folder: Path, files: Sequence[tuple[str, bytes]], *, force: bool, reading: Path | None = None
) -> list[Path]:
    """Write each (file name, bytes) directly into `folder` (created if missing), all or none:
    every target is checked first (inside the folder, not a directory, not the data file
    `reading`, not existing unless `force`); then temporary files are written and renamed
    into place; a failure part way puts every replaced file back and removes the new ones.
    Returns the paths written."""
    from fenggong.files import _write_error as write_error

    keys = [collision_key(name) for name, _ in files]
    if len(set(keys)) != len(keys):
        raise OutputError(f"{folder}：有两个文件名只差大小写或写法，会互相覆盖，已停止")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise OutputError(f"{folder}：不是文件夹，不能写入")
        targets = [directly_in(folder, name) for name, _ in files]
        for target in targets:
            _check_target(target, force=force, reading=reading)
    except ValueError:
        raise UsageError(f"{folder}：文件夹名无效（含有空字符）") from None
    except OSError as exc:
        raise write_error(folder, exc) from None
    temps: list[Path] = []
    backups: list[tuple[Path, Path]] = []  # (backup, target)
    placed: list[Path] = []
    try:
        for (_, data), target in zip(files, targets, strict=True):
            temps.append(_temp_copy(target, data))
        for temp, target in zip(temps, targets, strict=True):
            if target.exists() or target.is_symlink():
                backup = target.with_name(f".{target.name}.{os.getpid()}.bak")
                target.rename(backup)  # the link or file itself, never what a link points to
                backups.append((backup, target))
            temp.rename(target)
            placed.append(target)
    except BaseException as exc:  # SIGTERM arrives as SystemExit: leave the folder as it was
        for target in placed:
            target.unlink(missing_ok=True)
        for backup, target in reversed(backups):
            backup.rename(target)
        for temp in temps:
            temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise write_error(folder, exc) from None
        raise
    for backup, _ in backups:
        backup.unlink(missing_ok=True)
    return targets


def _check_target(target: Path, *, force: bool, reading: Path | None) -> None:
    if not (target.is_symlink() or target.exists()):
        return
    info = target.lstat()
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{target}：这是一个目录，不能写入")
    if reading is not None and reading.exists() and os.path.samestat(info, reading.stat()):
        raise OutputError(f"{target}：这是正在读取的数据文件，不能写在它上面")
    if not force:
        raise OutputError(f"{target}：文件已存在，加 --force 覆盖（什么都没有写）")


def _temp_copy(target: Path, data: bytes) -> Path:
    """`data` in a temporary file beside `target`, flushed to disk."""
    import tempfile

    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).chmod(_new_file_mode())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
