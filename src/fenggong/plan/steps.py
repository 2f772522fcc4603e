"""Long steps, as code below the presentation layer reports them.

A loop that may run for seconds says so with `long_step(label, total)` and calls what it
yields once per item; `present.output_steps` draws it (a transient bar on a terminal's stderr,
nothing otherwise) once the command installs it. Until then, and in tests that call the
layers directly, a step costs one function call and shows nothing.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

#: Called once per item done (with how many, usually 1).
Advance = Callable[[int], None]
#: What draws a step: its label and total (None: unknown) → a context yielding `Advance`.
Drawer = Callable[[str, "int | None"], AbstractContextManager[Advance]]

_drawer: Drawer | None = None


def _ignore(done: int = 1) -> None:
    return None


@contextmanager
def _quiet(label: str, total: int | None) -> Iterator[Advance]:
    yield _ignore


def long_step(label: str, total: int | None = None) -> AbstractContextManager[Advance]:
    """A step that may take seconds: shown by the installed drawer, if any."""
    return (_drawer or _quiet)(label, total)


def draw_with(drawer: Drawer | None) -> None:
    """Install what draws long steps (`present.output_steps.install`), or None for nothing."""
    global _drawer
    _drawer = drawer
