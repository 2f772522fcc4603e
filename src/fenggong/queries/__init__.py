"""Questions asked of a plan: pure functions from the model to typed results."""

from collections import Counter


def ranked(counter: Counter[str], limit: int | None = None) -> tuple[tuple[str, int], ...]:
    """Names by count, most first, ties in first-seen order."""
    return tuple(counter.most_common(limit))
