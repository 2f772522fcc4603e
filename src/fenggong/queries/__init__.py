"""Questions asked of a plan: pure functions from the model to typed results."""

from collections import Counter


def ranked(counter: Counter[str], limit: int | None = None) -> tuple[tuple[str, int], ...]:
    """Names by count, most first, ties in first-seen order; the names tied with the last
    one kept are kept too (a top 10 of which five more lead 4 tasks lists them all)."""
    ordered = counter.most_common()
    if limit is None or limit >= len(ordered):
        return tuple(ordered)
    last = ordered[limit - 1][1]
    return tuple(item for n, item in enumerate(ordered) if n < limit or item[1] == last)
