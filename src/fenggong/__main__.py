"""The `fenggong` script and `python -m fenggong`."""

import gc
import os
import sys

try:  # the `signal` module builds enums at import: 0.3 ms of every run (docs/design.md)
    import _signal as signal  # type: ignore[import-not-found]  # no stub: a builtin module
except ImportError:  # pragma: no cover - an interpreter without the builtin module
    import signal


def run() -> None:
    """Run the CLI as the one-shot process it is: with the cyclic garbage collector off,
    which would only slow a short run down (docs/design.md); Ctrl-C at any moment, even
    while modules load, ends it with 130 and SIGTERM with 143, removing temporary files."""
    gc.disable()
    signal.signal(signal.SIGTERM, _terminated)
    _reopen_closed_streams()
    try:
        from fenggong.cli.app import main

        main()
    except KeyboardInterrupt:
        _stop(130, "fenggong: 已中断")


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(143)  # unwinds, so `write_atomic` removes its temporary file


def _reopen_closed_streams() -> None:
    """A closed stdout or stderr (`>&-`) becomes one that fails on write (stdout: the
    command then says so and exits 74) or discards (stderr: the exit code still tells)."""
    if sys.stdout is None:
        sys.stdout = _Closed()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115, PTH123


class _Closed:
    """Standard output that was closed before fenggong started."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(9, "Bad file descriptor")  # errno.EBADF

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(9, "Bad file descriptor")


def _stop(code: int, message: str) -> None:
    try:
        if sys.stderr is not None:
            sys.stderr.write(message + "\n")
    except OSError:
        pass
    raise SystemExit(code)


if __name__ == "__main__":
    run()
