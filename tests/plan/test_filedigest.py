"""A large data file's digest remembered by its stat: used only while the file is unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fenggong import files
from fenggong.plan import filedigest
from fenggong.plan.cache import chunks_digest
from fenggong.plan.load import load_plan
from tests.conftest import MINI


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache directory where every file counts as large and long settled."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("FENGGONG_CACHE_DIR", str(directory))
    monkeypatch.delenv("FENGGONG_NO_CACHE", raising=False)
    monkeypatch.setattr(filedigest, "REMEMBER_FROM", 0)
    monkeypatch.setattr(filedigest, "SETTLED", -(10**18))
    return directory


def _note_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.digest")) if directory.exists() else []


def _unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, size: int = 0) -> None:
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr(files, "read_chunks", refuse)


def test_an_unchanged_file_is_not_read_again(
    notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(MINI.read_bytes())
    digest = filedigest.file_digest(path)
    assert digest == chunks_digest((MINI.read_bytes(),))
    (note,) = _note_files(notes)
    assert note.read_bytes() == digest
    assert note.stat().st_mode & 0o777 == 0o600
    _unreadable(monkeypatch)
    assert filedigest.file_digest(path) == digest


def test_a_file_rewritten_in_place_with_its_old_size_and_time_is_read_again(
    notes: Path, tmp_path: Path
) -> None:
    path = tmp_path / "plan.toml"
    text = MINI.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert len(load_plan(path).tasks) == 6
    before = path.stat()
    edited = text.replace("推动外贸企业参展", "推动外贸企业参会")
    assert len(edited.encode()) == before.st_size
    with path.open("r+b") as handle:  # the same inode, the same size
        handle.write(edited.encode())
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the old time put back
    assert filedigest.file_digest(path) == chunks_digest((edited.encode(),))
    task = load_plan(path).task(4)
    assert task is not None
    assert task.text == "推动外贸企业参会。"


def test_a_file_replaced_by_another_is_read_again(notes: Path, tmp_path: Path) -> None:
    path, other = tmp_path / "plan.toml", tmp_path / "other.toml"
    path.write_bytes(MINI.read_bytes())
    filedigest.file_digest(path)
    edited = MINI.read_bytes().replace("参展".encode(), "参会".encode())
    other.write_bytes(edited)
    os.utime(other, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
    other.replace(path)  # as an editor saves: a new file under the old name
    assert filedigest.file_digest(path) == chunks_digest((edited,))


def test_a_file_changed_moments_ago_is_not_remembered(
    notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filedigest, "SETTLED", 10**18)  # "moments" longer than any test
    path = tmp_path / "plan.toml"
    path.write_bytes(MINI.read_bytes())
    filedigest.file_digest(path)
    assert _note_files(notes) == []


def test_a_small_file_is_always_read(
    notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filedigest, "REMEMBER_FROM", MINI.stat().st_size + 1)
    filedigest.file_digest(MINI)
    assert _note_files(notes) == []


def test_no_note_when_the_cache_is_off(
    notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FENGGONG_NO_CACHE", "1")
    path = tmp_path / "plan.toml"
    path.write_bytes(MINI.read_bytes())
    filedigest.file_digest(path)
    assert not notes.exists()


@pytest.mark.parametrize("damage", ["short", "long", "directory", "link"])
def test_a_damaged_note_is_ignored(notes: Path, tmp_path: Path, damage: str) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(MINI.read_bytes())
    digest = filedigest.file_digest(path)
    (note,) = _note_files(notes)
    note.unlink()
    if damage == "short":
        note.write_bytes(b"\x00" * 8)
    elif damage == "long":
        note.write_bytes(b"\x00" * 32)
    elif damage == "directory":
        note.mkdir()
    else:
        forged = "x" * len(digest)  # a link's own size is its target's length: 16 here too
        (notes / forged).write_bytes(b"\x00" * len(digest))
        note.symlink_to(forged)
    assert filedigest.file_digest(path) == digest


def test_old_notes_are_removed(
    notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filedigest, "KEEP_NOTES", 3)
    for n in range(5):
        path = tmp_path / f"plan{n}.toml"
        path.write_bytes(MINI.read_bytes())
        filedigest.file_digest(path)
    assert len(_note_files(notes)) == 3


def test_a_missing_file_still_gives_the_loader_s_error(notes: Path, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="数据文件不存在"):
        filedigest.file_digest(tmp_path / "gone.toml")


def test_a_file_written_while_it_is_read_is_not_remembered(
    notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(MINI.read_bytes())
    real = files.read_chunks

    def written_meanwhile(where: Path, size: int = 1 << 20) -> object:
        yield from real(where, size)
        where.write_bytes(MINI.read_bytes() + b"\n")

    monkeypatch.setattr(files, "read_chunks", written_meanwhile)
    filedigest.file_digest(path)
    assert _note_files(notes) == []
