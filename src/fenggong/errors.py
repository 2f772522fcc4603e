"""Typed errors and exit codes. `cli/app.py` turns each error into one line on stderr and an
exit code, in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes."""

    OK = 0
    NO_MATCH = 1
    USAGE = 2
    BAD_DATA = 3
    #: A bug in fenggong (sysexits EX_SOFTWARE): never a usage error.
    INTERNAL = 70
    #: Output could not be written: a full disk, a device error (sysexits EX_IOERR).
    OUTPUT_FAILED = 74
    INTERRUPTED = 130


class FenggongError(Exception):
    """Base of every error the CLI reports as a message instead of a traceback."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(FenggongError):
    """The command line asks for something that cannot be done."""


class NameNotFound(FenggongError):
    """A leader, unit or town name matches nothing."""


class AmbiguousName(FenggongError):
    """A name matches several entries and the user must say which."""

    def __init__(self, message: str, candidates: tuple[str, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


class NoMatch(FenggongError):
    """A query ran fine but found nothing (exit 1, like grep)."""

    exit_code = ExitCode.NO_MATCH


class DatasetError(FenggongError):
    """The data file cannot be used. `problems` lists every one found, one line each."""

    exit_code = ExitCode.BAD_DATA

    def __init__(self, problems: tuple[str, ...]) -> None:
        count = f"（另有 {len(problems) - 1} 个问题，运行 fenggong check 查看）"
        super().__init__(problems[0] + (count if len(problems) > 1 else ""))
        self.problems = problems


class OutputError(FenggongError):
    """An output file cannot be written where the user asked (a directory, an existing file)."""


class WriteFailed(OutputError):
    """The system failed to write the output (full disk, device error)."""

    exit_code = ExitCode.OUTPUT_FAILED


class PipeClosed(Exception):
    """The reader of stdout went away while we were writing (not a failure: exit 0)."""
