"""The one place a command's failures become a Chinese line on stderr and an exit code,
for both the Typer path (`cli.app.main`) and the fast path (`cli.fast`). No Typer here:
the fast path must not import it."""

import os
import sys
from collections.abc import Callable
from typing import NoReturn

from fenggong.errors import ExitCode, FenggongError, PipeClosed
from fenggong.present.output import say

#: What the caller knows about an exception the guard does not: (code, message) or None.
Known = Callable[[Exception], tuple[ExitCode, str] | None]


def _unknown(error: Exception) -> tuple[ExitCode, str] | None:
    return None


def finish(call: Callable[[], object], known: Known = _unknown) -> NoReturn:
    """Run a command and exit with its code; every known failure becomes one line on
    stderr and its documented code, a reader that went away a quiet 0, anything else 70."""
    try:
        try:
            code = call()
        except FenggongError as error:
            fail(error.exit_code, error.message)
        except KeyboardInterrupt:
            fail(ExitCode.INTERRUPTED, "已中断")
        except (BrokenPipeError, PipeClosed):
            raise
        except Exception as error:
            from fenggong.files import render_failed

            if (failed := render_failed(error)) is not None:
                fail(failed.exit_code, failed.message)
            if (failure := known(error)) is not None:
                fail(*failure)
            if os.environ.get("FENGGONG_DEBUG"):
                raise
            fail(
                ExitCode.INTERNAL,
                f"内部错误（{type(error).__name__}: {error}），请把这条信息和命令报告给维护者；"
                "设置 FENGGONG_DEBUG=1 可看到详情",
            )
        if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C into a returned 130
            fail(ExitCode.INTERRUPTED, "已中断")
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            from fenggong.files import stdout_failed

            fail(ExitCode.OUTPUT_FAILED, stdout_failed(exc).message)
    except (BrokenPipeError, PipeClosed):
        # The reader (head, less) went away: stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        _discard(1)
        raise SystemExit(int(ExitCode.OK)) from None
    raise SystemExit(int(code) if isinstance(code, int) else 0)


def fail(code: ExitCode, message: str) -> NoReturn:
    """Say what went wrong and exit with its code."""
    say(f"fenggong: {message}")
    # A stream that failed would fail again when Python flushes it at exit (exit 120).
    for stream, fd in ((sys.stdout, 1), (sys.stderr, 2)):
        try:
            os.fstat(fd)
            stream.flush()
        except (OSError, ValueError):
            _discard(fd)
    raise SystemExit(int(code))


def _discard(fd: int) -> None:
    """Point a file descriptor at the null device, so nothing more fails on it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    if devnull != fd:  # a closed `fd` is the lowest free number: open() may return it
        os.dup2(devnull, fd)
        os.close(devnull)
