"""The built wheel carries the dataset and answers a query from outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("fenggong-*.whl")
    return built


def test_wheel_contains_the_dataset_and_type_marker(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read("fenggong/data/tasks.toml") == DATA.read_bytes()
    assert "fenggong/py.typed" in names
    (entry_points,) = [n for n in names if n.endswith("entry_points.txt")]
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read(entry_points).decode() == (
            "[console_scripts]\nfenggong = fenggong.__main__:run\n"
        )


def test_installed_wheel_answers_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys; sys.path.insert(0, sys.argv.pop(1));"
        "import fenggong; assert fenggong.__file__.startswith(sys.path[0]), fenggong.__file__;"
        "from fenggong.__main__ import run; run()"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "FENGGONG_NO_CACHE": "1"}
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(target),
            "tasks",
            "--lead",
            "工信",
            "--format",
            "csv",
            "--columns",
            "id",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode().split() == [
        "序号",
        "2",
        "3",
        "5",
        "7",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "65",
    ]


def test_the_entry_point_switches_the_collector_off_before_loading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    import fenggong.cli.app
    from fenggong.__main__ import run

    seen: list[bool] = []
    ended: list[int] = []
    monkeypatch.setattr(fenggong.cli.app, "main", lambda: seen.append(gc.isenabled()))
    monkeypatch.setattr(sys, "argv", ["fenggong"])
    monkeypatch.setattr(os, "_exit", ended.append)  # the real entry point ends the process
    try:
        run()
    finally:
        gc.enable()
    assert (seen, ended) == ([False], [0])


HEAVY = ("openpyxl", "docx", "rapidfuzz", "tomli_w", "hashlib", "json", "csv", "rich")


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["tasks", "--lead", "县工信商务局", "--format", "csv"], {"csv"}),
        (["brief", "县住房城乡建设局", "--format", "md"], set()),
        (["check"], set()),
        (
            ["tasks", "--lead", "县工信商务局", "-o", "{tmp}/x.xlsx"],
            {"openpyxl", "rich", "hashlib"},
        ),
        (["brief", "县住房城乡建设局", "-o", "{tmp}/x.docx"], {"docx", "hashlib", "rich"}),
    ],
)
def test_heavy_modules_load_only_on_the_paths_that_need_them(
    tmp_path: Path, args: list[str], allowed: set[str]
) -> None:
    """Start-up stays fast: Excel, Word, fuzzy matching and the like load only where used."""
    # run() ends the process with os._exit once everything is flushed: list the modules
    # loaded at that moment.
    code = (
        "import os, sys; from fenggong.__main__ import run; sys.argv = ['fenggong', *sys.argv[1:]]\n"
        "os._exit = lambda code: None  # the entry point ends the process: look before it does\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    proc = run_process_code(code, [a.replace("{tmp}", str(tmp_path)) for a in args])
    loaded = set(eval(proc.stderr.decode().strip().splitlines()[-1]))
    assert loaded <= allowed, loaded - allowed


def run_process_code(code: str, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    from tests.conftest import subprocess_env

    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=subprocess_env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
