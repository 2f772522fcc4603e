"""Progress on long work: a transient bar on stderr, only when a step turns out long.

`long_work(label, total)` wraps a step and yields `advance(n)`. When stderr is not a
terminal it does nothing at all. On a terminal a timer waits `AFTER` seconds: a step that
ends sooner writes nothing (no bar, no carriage return, no cursor movement) and never
imports `rich.progress`; a longer one then shows Rich's bar (erased when the step ends),
or under NO_COLOR or TERM=dumb one plain line saying what is being done. Lines other
code writes to stderr meanwhile are printed above the bar.
"""

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from fenggong.plan.steps import Advance, draw_with

#: Seconds a step runs before it is shown.
AFTER = 1.0
_T = TypeVar("_T")


def install() -> None:
    """Draw the long steps the layers below report (`plan.steps.long_step`)."""
    draw_with(long_work)


def _ignore(done: int = 1) -> None:
    return None


@contextmanager
def long_work(label: str, total: int | None = None) -> Iterator[Advance]:
    """A step that may take seconds, shown once it has taken `AFTER` of them."""
    stream = sys.stderr
    if stream is None or not _is_terminal(stream):
        yield _ignore
        return
    import threading

    shown = _Shown(label, total, stream)
    timer = threading.Timer(AFTER, shown.start)
    timer.daemon = True
    timer.start()
    try:
        yield shown.advance
    finally:
        timer.cancel()
        shown.stop()


def each(items: Sequence[_T], label: str) -> Iterator[_T]:
    """The items in turn, counted as one long step (a loop over files, units)."""
    with long_work(label, len(items)) as advance:
        for item in items:
            yield item
            advance(1)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (OSError, ValueError):
        return False


class _Shown:
    """A step's count, and its bar once the step turned out long."""

    def __init__(self, label: str, total: int | None, stream: Any) -> None:
        import threading

        self.label, self.total, self.stream = label, total, stream
        self.done = 0
        self.bar: Any = None
        self.task: Any = None
        self.lock = threading.Lock()
        self.ended = False

    def advance(self, done: int = 1) -> None:
        self.done += done
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done)

    def start(self) -> None:
        with self.lock:
            if self.ended:
                return
            plain = "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"
            if plain:
                try:
                    self.stream.write(f"{self.label}……\n")
                    self.stream.flush()
                except (OSError, ValueError):
                    pass
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            columns = [TextColumn("{task.description}"), BarColumn()]
            if self.total is not None:
                columns.append(MofNCompleteColumn())
            bar = Progress(
                *columns,
                TimeElapsedColumn(),
                console=Console(file=self.stream, highlight=False),
                transient=True,
                redirect_stdout=False,
            )
            self.task = bar.add_task(self.label, total=self.total, completed=self.done)
            bar.start()
            self.bar = bar

    def stop(self) -> None:
        with self.lock:
            self.ended = True
            if self.bar is not None:
                self.bar.stop()
                self.bar = None
