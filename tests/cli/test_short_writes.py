"""Every stdout write complete or exit 74, also under PYTHONUNBUFFERED=1 (containers, CI),
where the text layer writes straight into the file: stdout is a file that can take only
10,000 bytes (RLIMIT_FSIZE, with SIGXFSZ ignored, so the write after the short one fails
with EFBIG as on a full disk)."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import subprocess_env

LIMIT = 10_000


def _small_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize(
    "args",
    [
        ("tasks", "-f", "csv"),
        ("tasks", "-f", "md"),
        ("tasks", "-f", "table"),
        ("export", "-f", "json"),
        ("show", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "-f", "json"),
    ],
    ids=lambda a: " ".join(a[:3]) if isinstance(a, tuple) else a,
)
def test_output_that_does_not_fit_is_exit_74_not_a_silent_cut(
    tmp_path: Path, args: tuple[str, ...], unbuffered: str
) -> None:
    out = tmp_path / "out"
    with out.open("wb") as stdout:
        result = subprocess.run(
            [sys.executable, "-m", "fenggong", *args],
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=subprocess_env(PYTHONUNBUFFERED=unbuffered, COLUMNS="100"),
            preexec_fn=_small_disk,
            timeout=60,
            check=False,
        )
    err = result.stderr.decode()
    assert result.returncode == 74, err
    assert err == "fenggong: 标准输出：无法写入（File too large）\n"
    assert out.stat().st_size == LIMIT


def test_output_that_fits_is_written_whole_under_pythonunbuffered(tmp_path: Path) -> None:
    whole = subprocess.run(
        [sys.executable, "-m", "fenggong", "export", "-f", "json"],
        capture_output=True,
        env=subprocess_env(),
        timeout=60,
        check=True,
    ).stdout
    out = tmp_path / "out"
    with out.open("wb") as stdout:
        result = subprocess.run(
            [sys.executable, "-m", "fenggong", "export", "-f", "json"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=subprocess_env(PYTHONUNBUFFERED="1"),
            timeout=60,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == whole
