"""The plan cache: used only for identical bytes, ignored when broken, off on request."""

from __future__ import annotations

from pathlib import Path

import pytest

from fenggong.plan import cache
from fenggong.plan.load import load_plan
from fenggong.plan.model import Plan
from tests.conftest import DATA, MINI


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("FENGGONG_CACHE_DIR", str(directory))
    monkeypatch.delenv("FENGGONG_NO_CACHE", raising=False)
    return directory


def test_second_load_comes_from_the_cache_and_is_equal(cache_dir: Path, plan: Plan) -> None:
    raw = DATA.read_bytes()
    assert cache.load(raw) is None
    first = load_plan(DATA)
    assert len(list(cache_dir.iterdir())) == 1
    assert cache.load(raw) == first == plan
    assert load_plan(DATA) == plan


def test_an_edited_file_is_read_and_checked_again(cache_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(load_plan(path).tasks) == 6
    path.write_text(
        MINI.read_text(encoding="utf-8").replace("推动外贸企业参展", "推动外贸企业参会"),
        encoding="utf-8",
    )
    task = load_plan(path).task(4)
    assert task is not None
    assert task.text == "推动外贸企业参会。"


def test_a_broken_entry_is_ignored(cache_dir: Path) -> None:
    load_plan(MINI)
    (entry,) = cache_dir.iterdir()
    entry.write_bytes(b"garbage")
    assert cache.load(MINI.read_bytes()) is None
    assert len(load_plan(MINI).tasks) == 6


def test_invalid_files_are_never_cached(cache_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        MINI.read_text(encoding="utf-8").replace("declared_tasks = 6", "declared_tasks = 7"),
        encoding="utf-8",
    )
    with pytest.raises(Exception, match="声明共 7 个小项"):
        load_plan(path)
    assert not cache_dir.exists()


def test_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FENGGONG_NO_CACHE", "1")
    load_plan(MINI)
    assert not cache_dir.exists()


def test_unwritable_cache_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FENGGONG_CACHE_DIR", str(blocker / "cache"))
    assert len(load_plan(MINI).tasks) == 6
