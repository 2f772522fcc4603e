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
    while modules load, ends it with 130 and SIGTERM with 143, removing temporary files.

    Once the command has written, closed and flushed everything, the process ends at once
    (`os._exit`): tearing the interpreter down (freeing every object, every module) would
    cost a sixth of an everyday run and change nothing the user sees. Only here, never in
    `cli.app.main`, which tests call in-process."""
    gc.disable()
    signal.signal(signal.SIGTERM, _terminated)
    _reopen_closed_streams()
    if _is_terminal(sys.stderr):  # long steps show a bar there (nothing imported otherwise)
        from fenggong.present.output_steps import install

        install()
    code: object = 0
    try:
        try:
            from fenggong.cli.fast import answer

            answer(sys.argv[1:])  # the everyday commands, without importing Typer
            from fenggong.cli.app import main

            main()
        except KeyboardInterrupt:
            _stop(130, "fenggong: 已中断")
    except SystemExit as stop:
        code = stop.code
    os._exit(_flushed(code))


def _flushed(code: object) -> int:
    """The exit status once stdout and stderr are flushed: a stdout that cannot take what
    is left in it turns success into 74 (output failed), as `cli.app.main` does."""
    status = code if isinstance(code, int) else 0 if code is None else 1
    if not isinstance(code, int | None):
        _say(str(code))
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader went away (head, less): not a failure, as in `cli.app.main`
    except (OSError, ValueError) as exc:
        from fenggong.errors import ExitCode
        from fenggong.files import stdout_failed

        if isinstance(exc, OSError):
            _say(f"fenggong: {stdout_failed(exc).message}")
        status = status or int(ExitCode.OUTPUT_FAILED)
    try:  # noqa: SIM105 - contextlib is one import more on every run
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # as `present.output.say`: a lost note is not a failed answer
    return status


def _say(message: str) -> None:
    if sys.stderr is None:
        return
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


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
    _say(message)
    raise SystemExit(code)


if __name__ == "__main__":
    run()
