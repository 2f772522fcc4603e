"""The digest that names a data file's cache entry, remembered for a large file by its stat.

Hashing a 41 MB plan costs a warm query some 80 ms, a tenth of its run. So for a file of
`REMEMBER_FROM` bytes or more the digest is kept in a small note in the cache directory,
named by everything the system reports about the file's identity and last change (path,
device, inode, size, modification and status-change times in nanoseconds). On POSIX any
write to the file moves its status-change time, which no program can set back; on Windows
(where that field is the creation time) a write moves the modification time, and an
editor's save makes a new file. So an edited file never finds its old note and is hashed
afresh. A note is written only for a file last changed more than `SETTLED` ago and the
same after it was read: a write within the clock tick of the hashing would otherwise
leave the times as they were (git's "racily clean" problem). A note is trusted as little
as an entry: a regular file of exactly a digest's size, or it is ignored.
"""

from __future__ import annotations

import stat
import time
from pathlib import Path

from fenggong.plan.cache import DIGEST_SIZE, cache_dir, chunks_digest, write_private

#: From this size on a file's digest is remembered (below it, hashing costs under 10 ms).
REMEMBER_FROM = 4 * 1024 * 1024
#: How long a file must have been left alone before its digest is remembered, in ns.
SETTLED = 3 * 1_000_000_000
#: How many notes are kept (the oldest removed beyond).
KEEP_NOTES = 64
_SUFFIX = ".digest"


def file_digest(path: Path) -> bytes:
    """The digest of a data file's bytes, read a piece at a time (a large plan is never held
    whole just to look up its entry), or remembered from an earlier run for a large file
    unchanged since; `DatasetError` as `read_bytes` gives it."""
    note = _note(path)
    if note is not None and (known := _read_note(note)) is not None:
        return known
    from fenggong.files import read_chunks

    digest = chunks_digest(read_chunks(path))
    if note is not None and note == _note(path) and _settled(path):
        write_private(note, digest, KEEP_NOTES)
    return digest


def _note(path: Path) -> Path | None:
    """Where a large regular file's digest is remembered, named by its identity and last
    change; None for a small file, when caching is off or the file cannot be looked at."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        info = path.stat()
        where = str(path.absolute())
    except (OSError, ValueError):
        return None  # reading it will give the error in words
    if not stat.S_ISREG(info.st_mode) or info.st_size < REMEMBER_FROM:
        return None
    identity = (where, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    name = chunks_digest((repr(identity).encode("utf-8", "surrogatepass"),)).hex()
    return directory / f"{name}{_SUFFIX}"


def _settled(path: Path) -> bool:
    """Whether the file was last changed long enough ago for its times to tell a later write."""
    try:
        info = path.stat()
    except OSError:
        return False
    return time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > SETTLED


def _read_note(note: Path) -> bytes | None:
    try:
        info = note.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size != DIGEST_SIZE:
            return None
        content = note.read_bytes()
    except OSError:
        return None
    return content if len(content) == DIGEST_SIZE else None
