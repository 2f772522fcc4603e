"""Reading data files and writing output files: bytes in with a size cap (bounded while
reading, regular files only), text decoded, files written whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from fenggong.errors import DatasetError, OutputError, UsageError, WriteFailed

if TYPE_CHECKING:
    from collections.abc import Iterator

#: Far above any real plan (the 2023 plan is 60 KB; 100,000 tasks are about 41 MB); stops a
#: wrong file from exhausting memory.
MAX_BYTES = 64 * 1024 * 1024
#: OS errors that mean the system, not the user's choice of path, failed the write.
_SYSTEM_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EROFS}


def read_bytes(path: Path) -> bytes:
    """The file's bytes; `DatasetError` if it is missing, not a regular file, unreadable or
    larger than `MAX_BYTES` (found while reading, so a device or a growing file is safe)."""
    chunks = list(read_chunks(path, MAX_BYTES + 1))
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_chunks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    """The file's bytes `size` at a time, with the checks of `read_bytes`: a caller that only
    hashes a large file never holds all of it."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise DatasetError((f"{path}：这是一个目录，不是数据文件",))
        if not stat.S_ISREG(info.st_mode):
            # A FIFO, a terminal or a device: opening it could block or never end.
            raise DatasetError((f"{path}：不是普通文件（管道或设备），请先保存为文件",))
        if info.st_size > MAX_BYTES:
            raise DatasetError((_too_big(path, info.st_size),))
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise DatasetError((f"{path}：数据文件不存在",)) from None
    except OSError as exc:
        raise DatasetError((f"{path}：无法读取（{exc.strerror or exc}）",)) from None
    except ValueError:  # a NUL byte in the name
        raise DatasetError((f"{_shown(path)}：文件名无效（含有空字符）",)) from None
    total = 0
    with os.fdopen(fd, "rb") as handle:
        while True:
            try:
                chunk = handle.read(size)
            except OSError as exc:
                raise DatasetError((f"{path}：无法读取（{exc.strerror or exc}）",)) from None
            if not chunk:
                return
            total += len(chunk)
            if total > MAX_BYTES:  # it grew after the size was checked
                raise DatasetError((_too_big(path, total),))
            yield chunk


def _too_big(path: Path, size: int) -> str:
    mb, limit = size / 1024 / 1024, MAX_BYTES // 1024 // 1024
    return f"{path}：文件太大（{mb:.1f} MB，上限 {limit} MB），不像是分工方案数据"


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


def output_target(path: Path, *, force: bool, reading: Path | None = None) -> Path:
    """Where writing `path` really goes (a symlink's target), refused when that is a
    directory, the data file being read, or an existing file without `force`."""
    if "\x00" in str(path):
        raise UsageError(f"{_shown(path)}：文件名无效（含有空字符）")
    try:
        target = path.resolve() if path.is_symlink() else path
        exists = target.exists()
        if target.is_dir():
            raise OutputError(f"{path}：这是一个目录，不能写入")
        same = reading is not None and exists and reading.exists() and target.samefile(reading)
    except ValueError:  # a NUL byte in the name
        raise UsageError(f"{_shown(path)}：文件名无效（含有空字符）") from None
    except OSError as exc:
        raise OutputError(f"{path}：无法写入（{exc.strerror or exc}）") from None
    if same:
        raise OutputError(f"{path}：这是正在读取的数据文件，不能写在它上面；请换一个文件名")
    if exists and not force:
        raise OutputError(f"{path}：文件已存在，加 --force 覆盖")
    return target


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8) to `path` via a temporary file, so readers never see half
    a file. A new file's mode follows the umask; a replaced file keeps its mode."""
    import tempfile  # only writers pay for it (it imports random and hashlib)

    try:
        if path.is_dir():
            raise OutputError(f"{path}：这是一个目录，不能写入")
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _new_file_mode()
    except ValueError:
        raise UsageError(f"{_shown(path)}：文件名无效（含有空字符）") from None
    directory = path.parent if str(path.parent) else Path()
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).chmod(mode)
        Path(temp).replace(path)
    except BaseException as exc:  # SIGTERM arrives as SystemExit: never leave the temp file
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from None
        raise


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_error(path: Path | str, exc: OSError) -> OutputError:
    message = f"{path}：无法写入（{exc.strerror or exc}）"
    return WriteFailed(message) if exc.errno in _SYSTEM_FAILURES else OutputError(message)


#: Streams `whole_writes` replaced, kept open.
_REPLACED: list[TextIO] = []


def whole_writes(stream: TextIO) -> TextIO:
    """`stream` (stdout) such that every write reaches the file whole or fails. Under
    PYTHONUNBUFFERED (`python -u`) the text layer writes straight into the raw file, and
    a short write there (a disk filling up, a slow pipe) silently drops the rest; a
    buffered writer loops over short writes and raises when nothing more can be written."""
    import io

    raw = getattr(stream, "buffer", None)
    if not isinstance(raw, io.RawIOBase) or not isinstance(stream, io.TextIOWrapper):
        return stream
    stream.flush()
    _REPLACED.append(stream)  # collected, it would close the file the new one writes to
    return io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=stream.line_buffering,
    )


def render_failed(error: Exception) -> WriteFailed | None:
    """Producing an output file's bytes failed for want of room: openpyxl writes each sheet
    to a temporary file first, and a full temporary folder fails there (lxml's
    `SerialisationError` "IO_ENOSPC", or an `OSError`). Its temporary files are removed
    (the process ends by `os._exit`, which skips openpyxl's own clean-up at exit); nothing
    was written to the output file, which is written whole only after rendering."""
    kind = type(error)
    lxml = kind.__name__ == "SerialisationError" and kind.__module__.startswith("lxml")
    # An OSError only while a sheet's temporary file exists: writing stdout fails otherwise.
    system = isinstance(error, OSError) and error.errno in _SYSTEM_FAILURES
    if not lxml and not (system and _remove_scratch()):
        return None
    _remove_scratch()
    import tempfile

    full = "ENOSPC" in str(error) or getattr(error, "errno", None) == errno.ENOSPC
    detail = "磁盘空间已满" if full else getattr(error, "strerror", None) or str(error)
    return WriteFailed(
        f"无法生成输出文件：临时文件夹 {tempfile.gettempdir()} 写入失败（{detail}），"
        "请腾出磁盘空间后重试；输出文件没有写入"
    )


def _remove_scratch() -> bool:
    """Remove the temporary sheet files openpyxl left behind; whether there were any."""
    import sys

    writer = sys.modules.get("openpyxl.worksheet._writer")
    left: list[str] = getattr(writer, "ALL_TEMP_FILES", [])
    found = bool(left)
    for name in list(left):
        with contextlib.suppress(OSError):
            Path(name).unlink()
        left.remove(name)
    return found


def stdout_failed(exc: OSError) -> OutputError:
    """Writing to standard output failed (a full disk behind `>`, a closed stdout)."""
    return (
        _write_error("标准输出", exc)
        if exc.errno != errno.EBADF
        else WriteFailed("标准输出已关闭，无法输出结果；请用 -o 写入文件")
    )


def _shown(path: Path) -> str:
    return str(path).replace("\x00", "\\x00")
