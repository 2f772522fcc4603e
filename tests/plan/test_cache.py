"""The plan cache: used only for identical bytes, ignored when broken, off on request."""

from __future__ import annotations

from pathlib import Path

import pytest

from fenggong.plan import cache, lazy  # lazy imported now: its own loading uses marshal
from fenggong.plan.load import load_plan
from fenggong.plan.model import Plan
from tests.conftest import DATA, MINI, Runner


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


def _entry_of(cache_dir: Path) -> Path:
    (entry,) = (p for p in cache_dir.iterdir() if p.suffix == ".bin")
    return entry


def test_entries_are_private_and_hold_no_copy_of_the_data(cache_dir: Path) -> None:
    load_plan(MINI)
    entry = _entry_of(cache_dir)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    assert entry.stat().st_mode & 0o777 == 0o600
    assert MINI.read_bytes()[:200] not in entry.read_bytes()


def test_every_altered_byte_of_an_entry_is_refused_before_it_is_unmarshalled(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_plan(MINI)
    entry = _entry_of(cache_dir)
    good = entry.read_bytes()
    unmarshalled: list[bytes] = []
    real = cache.marshal.loads
    monkeypatch.setattr(cache.marshal, "loads", lambda b: unmarshalled.append(b) or real(b))
    raw = MINI.read_bytes()
    for at in range(0, len(good), max(1, len(good) // 300)):
        entry.write_bytes(good[:at] + bytes([good[at] ^ 0x41]) + good[at + 1 :])
        assert cache.load(raw) is None
    for size in (0, 5, 83, len(good) - 1):
        entry.write_bytes(good[:size])
        assert cache.load(raw) is None
    # marshal saw only parts that were checked and intact (the head, before the records)
    assert unmarshalled
    assert all(bytes(part) in good for part in unmarshalled)
    entry.write_bytes(good)
    assert cache.load(raw) == load_plan(MINI)


def test_a_fifo_or_a_link_in_place_of_an_entry_is_ignored(cache_dir: Path, tmp_path: Path) -> None:
    import os

    load_plan(MINI)
    entry = _entry_of(cache_dir)
    entry.unlink()
    os.mkfifo(entry)  # opening it for reading would block for ever
    assert cache.load(MINI.read_bytes()) is None
    entry.unlink()
    target = tmp_path / "elsewhere.bin"
    target.write_bytes(b"x")
    entry.symlink_to(target)
    assert cache.load(MINI.read_bytes()) is None
    assert len(load_plan(MINI).tasks) == 6


def test_old_entries_are_evicted(cache_dir: Path, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    for n in range(cache.KEEP + 5):
        path = tmp_path / f"plan{n}.toml"
        path.write_text(text.replace("推动外贸企业参展", f"推动外贸企业参展{n}"), encoding="utf-8")
        load_plan(path)
    assert len([p for p in cache_dir.iterdir() if p.suffix == ".bin"]) == cache.KEEP


def test_check_fills_the_cache(run: Runner, cache_dir: Path) -> None:
    assert run("check", str(MINI)).code == 0
    assert cache.load(MINI.read_bytes()) is not None


# -- a large plan: tasks decoded as a query uses them -----------------------------------


@pytest.fixture
def large(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every plan read back the way a plan of 100,000 tasks is (see `lazy.py`)."""
    monkeypatch.setattr(cache, "LAZY_FROM", 0)
    return cache_dir


def _unmarshalled(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every blob `marshal.loads` is given from now on (the head, then each task decoded)."""
    seen: list[bytes] = []
    real = cache.marshal.loads
    monkeypatch.setattr(cache.marshal, "loads", lambda b: seen.append(bytes(b)) or real(b))
    return seen


def test_a_large_plan_reads_only_the_tasks_a_query_needs(
    large: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_plan(DATA)
    decoded = _unmarshalled(monkeypatch)
    loaded = load_plan(DATA)
    assert isinstance(loaded.tasks, lazy.LazyTasks)
    assert len(decoded) == 1  # the head only
    led = [t.id for t in loaded.candidates(lead_units=["县工信商务局"])]
    assert led == [t.id for t in plan.tasks if "县工信商务局" in t.lead_units]
    assert len(decoded) == 1 + len(led)
    both = loaded.candidates(units=["县财政局"], leaders=["李耀强"])
    assert [t.id for t in both] == [
        t.id for t in plan.tasks if "李耀强" in t.leaders and t.role_of("县财政局") is not None
    ]
    assert loaded.task(57) == plan.task(57)
    assert loaded.task(999) is None
    assert loaded == plan  # every task, decoded in full, as validated


def test_a_large_plan_counts_units_and_briefs_from_its_indexes(
    large: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fenggong.queries.brief import unit_brief
    from fenggong.queries.requests import By
    from fenggong.queries.workload import summarise

    load_plan(DATA)
    loaded = load_plan(DATA)
    decoded = _unmarshalled(monkeypatch)
    assert summarise(loaded, loaded.tasks, By.UNIT) == summarise(plan, plan.tasks, By.UNIT)
    assert decoded == []  # not one task: the counts come from the indexes
    brief = unit_brief(loaded, "县工信商务局")
    assert brief == unit_brief(plan, "县工信商务局")
    listed = {t.id for part in brief.parts for _, tasks in part.groups for t in tasks}
    pointed = {i for part in brief.parts for _, ids in part.references for i in ids}
    assert len(decoded) == len(listed) == 34  # decoded: only the tasks it lists in full
    assert len(pointed) == 20  # a collective reference's tasks: their ids, from the index
    assert not pointed & listed


def test_a_large_plan_gives_the_ids_naming_a_unit_from_its_index(
    large: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_plan(DATA)
    loaded = load_plan(DATA)
    decoded = _unmarshalled(monkeypatch)
    for unit in ("县财政局", "县直各单位", "各镇政府", "县工信商务局"):
        expected = [t.id for t in plan.tasks if t.role_of(unit) is not None]
        assert expected  # every one of them is named somewhere
        assert list(loaded.ids_naming(unit)) == plan.ids_naming(unit) == expected
    assert loaded.ids_naming("不存在的单位") == plan.ids_naming("不存在的单位") == []
    assert decoded == []


@pytest.mark.parametrize(
    "args",
    [
        ("tasks", "--lead", "工信", "-f", "csv"),
        ("tasks", "--unit", "财政", "--leader", "李耀强", "-f", "json"),
        ("tasks", "--town", "天堂", "-f", "csv"),
        ("tasks", "-k", "就业", "-f", "csv"),
        ("show", "57", "22", "-f", "json"),
        ("workload", "--by", "town", "-f", "csv"),
        ("workload", "--by", "unit", "-f", "csv"),
        ("workload", "--by", "unit", "--kind", "party", "--top", "3", "-f", "json"),
        ("workload", "--by", "unit", "--lead", "工信", "-f", "csv"),
        ("brief", "住建", "-f", "md"),
        ("brief", "工信", "-f", "json"),
        ("brief", "县委宣传部", "-f", "md"),
        ("overview", "-f", "json"),
    ],
)
def test_a_large_plan_answers_as_a_small_one(
    run: Runner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    whole = run(*args)
    run("check")
    monkeypatch.setattr(cache, "LAZY_FROM", 0)
    assert run(*args) == whole


def test_an_altered_record_of_a_large_plan_is_read_from_the_data_instead(
    large: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_plan(DATA)
    entry = _entry_of(large)
    good = entry.read_bytes()
    text = "确保县生活垃圾无害化处理场".encode()
    at = good.index(text)  # inside task 57's record
    entry.write_bytes(good[:at] + "确保县生活垃圾有害化处理场".encode() + good[at + len(text) :])
    unmarshalled: list[bytes] = []
    real = cache.marshal.loads
    monkeypatch.setattr(cache.marshal, "loads", lambda b: unmarshalled.append(bytes(b)) or real(b))
    loaded = load_plan(DATA)
    assert loaded.task(57) == plan.task(57)
    assert all(part in good for part in unmarshalled)
    assert [t.text for t in loaded.tasks] == [t.text for t in plan.tasks]
