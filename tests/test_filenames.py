"""Names from the data as file names, and a set of files written into one folder all or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from fenggong.errors import OutputError
from fenggong.filenames import (
    MAX_NAME_BYTES,
    directly_in,
    safe_file_name,
    unique_file_names,
    write_files,
    write_split,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("县住建局", "县住建局.xlsx"),
        ("../逃逸局", "_逃逸局.xlsx"),
        ("..\\..\\逃逸局", "_.._逃逸局.xlsx"),
        ("/abs", "_abs.xlsx"),
        ("县发改局/县粮食局", "县发改局_县粮食局.xlsx"),
        ("C:x", "C_x.xlsx"),
        ("CON", "_CON.xlsx"),
        ("con", "_con.xlsx"),
        ("NUL.", "_NUL.xlsx"),
        ("NUL.2024-05台账", "_NUL.2024-05台账.xlsx"),
        ("COM1 ", "_COM1.xlsx"),
        ("LPT9.txt", "_LPT9.txt.xlsx"),
        ("CONSOLE", "CONSOLE.xlsx"),
        (".hidden", "hidden.xlsx"),
        ("..", "_.xlsx"),
        ("", "_.xlsx"),
        ("县\u200b乙局", "县乙局.xlsx"),
        ("县\u202e乙局\u2066", "县乙局.xlsx"),
        ("县\x1b]0;x\x07局", "县]0;x局.xlsx"),
        ("县乙局. . ", "县乙局.xlsx"),
        ("县\u3000乙局", "县 乙局.xlsx"),
        ('a<b>c:"d|e?f*', "a_b_c__d_e_f_.xlsx"),
    ],
)
def test_a_name_becomes_one_plain_file_name(name: str, expected: str) -> None:
    assert safe_file_name(name, ".xlsx") == expected


def test_a_long_name_is_cut_to_the_byte_limit_keeping_the_suffix() -> None:
    name = safe_file_name("局" * 200, "2024-05台账.xlsx")
    assert name.endswith("2024-05台账.xlsx")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.startswith("局" * 30)


def test_names_a_file_system_folds_together_get_a_number() -> None:
    names = ["县甲局", "./县甲局", "_县甲局", "A局", "a局", "Ａ局", "县甲局"]
    assert unique_file_names(names, ".xlsx") == [
        "县甲局.xlsx",
        "_县甲局.xlsx",
        "_县甲局（2）.xlsx",
        "A局.xlsx",
        "a局（2）.xlsx",
        "Ａ局（3）.xlsx",
        "县甲局（2）.xlsx",
    ]


def test_a_long_name_that_collides_stays_within_the_limit() -> None:
    out = unique_file_names(["局" * 200, "局" * 201], ".xlsx")
    assert len(set(out)) == 2
    assert all(len(n.encode("utf-8")) <= MAX_NAME_BYTES for n in out)


@pytest.mark.parametrize("name", ["../x.xlsx", "/abs.xlsx", "a/b.xlsx", "..", ".", "", "a\\b"])
def test_a_target_outside_the_folder_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError, match="文件夹之外"):
        directly_in(tmp_path, name)


def test_write_files_refuses_an_unsafe_name_before_writing_anything(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="文件夹之外"):
        write_files(out, [("a.xlsx", b"a"), ("../x.xlsx", b"x")], force=True)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["out"]


def test_existing_files_need_force_and_nothing_is_written_without_it(tmp_path: Path) -> None:
    (tmp_path / "b.xlsx").write_bytes(b"old")
    with pytest.raises(OutputError, match="--force"):
        write_files(tmp_path, [("a.xlsx", b"a"), ("b.xlsx", b"b")], force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx"]
    written = write_files(tmp_path, [("a.xlsx", b"a"), ("b.xlsx", b"b")], force=True)
    assert [p.name for p in written] == ["a.xlsx", "b.xlsx"]
    assert (tmp_path / "b.xlsx").read_bytes() == b"b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]


def test_a_failure_part_way_puts_the_folder_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "b.xlsx").write_bytes(b"old b")
    (tmp_path / "other.txt").write_bytes(b"keep")
    real_rename = Path.rename
    calls = []

    def failing(self: Path, target: Path) -> Path:
        calls.append(self)
        if Path(target).name == "c.xlsx":
            raise OSError(28, "No space left on device")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    files = [("a.xlsx", b"a"), ("b.xlsx", b"b"), ("c.xlsx", b"c")]
    with pytest.raises(OutputError) as caught:
        write_files(tmp_path, files, force=True)
    assert caught.value.exit_code == 74
    monkeypatch.setattr(Path, "rename", real_rename)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx", "other.txt"]
    assert (tmp_path / "b.xlsx").read_bytes() == b"old b"


def test_a_symlink_in_the_folder_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.xlsx"
    outside.write_bytes(b"precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.xlsx").symlink_to(outside)
    write_files(out, [("a.xlsx", b"new")], force=True)
    assert outside.read_bytes() == b"precious"
    assert not (out / "a.xlsx").is_symlink()
    assert (out / "a.xlsx").read_bytes() == b"new"


def test_write_split_names_each_file_safely(tmp_path: Path) -> None:
    written = write_split(
        tmp_path / "out", [("../x", b"1"), ("x", b"2"), ("./x", b"3")], ".xlsx", force=False
    )
    assert [p.name for p in written] == ["_x.xlsx", "x.xlsx", "_x（2）.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
