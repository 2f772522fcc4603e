"""Shared fixtures: the real dataset, the tiny fixture plan, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from fenggong.cli.app import main
from fenggong.plan.load import load_plan
from fenggong.plan.model import Plan

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.toml"
SOURCE = ROOT / "data" / "source" / "xinxing-2023-key-tasks.txt"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini.toml"
#: The project's shared reference folder (real plans), beside the repository in a checkout
#: and in CI; FENGGONG_SHARED points elsewhere.
SHARED = Path(os.environ.get("FENGGONG_SHARED") or ROOT.parent / "shared")


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the plan cache of the whole run in a temporary folder, not the user's home."""
    os.environ["FENGGONG_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    # …and the progress store too (by default it would sit beside data/tasks.toml).
    os.environ["FENGGONG_LOG"] = str(tmp_path_factory.mktemp("progress") / "进展.sqlite")


@pytest.fixture(autouse=True)
def _no_process_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    """`fenggong.__main__.run` ends its process with `os._exit`: called in-process it would
    end the whole test run, silently and with 0. A test that means to call it patches this."""

    def refuse(code: int) -> None:
        raise AssertionError(f"os._exit({code}) in the test process; patch os._exit first")

    monkeypatch.setattr(os, "_exit", refuse)


@pytest.fixture(scope="session")
def plan() -> Plan:
    """The curated 2023 plan."""
    return load_plan(DATA)


@pytest.fixture(scope="session")
def mini() -> Plan:
    """The tiny fixture plan."""
    return load_plan(MINI)


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Runner = Callable[..., Result]


@pytest.fixture
def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Runner:
    """Run the CLI in-process on the real data (or `data=`), returning code, stdout, stderr."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("FENGGONG_LOG", str(tmp_path / "进展.sqlite"))
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FENGGONG_DATA", raising=False)

    def invoke(*args: str, data: Path | None = DATA) -> Result:
        argv = list(args)
        if data is not None:
            monkeypatch.setenv("FENGGONG_DATA", str(data))
        code = 0
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def run_mini(run: Runner) -> Runner:
    """Like `run`, on the fixture plan."""

    def invoke(*args: str) -> Result:
        return run(*args, data=MINI)

    return invoke


def subprocess_env(**extra: str) -> dict[str, str]:
    """An environment for running fenggong as a real process."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "NO_COLOR")}
    env.update({"FENGGONG_DATA": str(DATA), "PYTHONIOENCODING": "utf-8", **extra})
    return env


def run_process(
    args: list[str], env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """fenggong as a separate process (python -m fenggong)."""
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "fenggong", *args],
        env=env or subprocess_env(),
        capture_output=True,
        timeout=60,
        check=False,
        **kwargs,
    )


@pytest.fixture
def tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside its own temporary directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
