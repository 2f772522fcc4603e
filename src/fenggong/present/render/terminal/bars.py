"""The bars beside a workload table's counts (cells of █ in eighths, or # in ASCII)."""

from rich.segment import Segment
from rich.style import Style

#: How wide a bar is where the console has room.
BAR_WIDTH = 24
#: The narrowest bar still worth drawing: a narrow console narrows the bar before names.
BAR_MIN = 8
_BAR = Style(color="cyan")


def bar_segment(value: int, peak: int, ascii_only: bool, width: int = BAR_WIDTH) -> Segment:
    """A bar `value/peak` of `width` cells, in eighths where the console can draw them."""
    if peak <= 0 or value <= 0:
        return Segment("")
    if ascii_only:
        return Segment("#" * max(1, round(width * value / peak)), _BAR)
    eighths = max(1, round(width * 8 * value / peak))
    full, rest = divmod(eighths, 8)
    return Segment("█" * full + ("▏▎▍▌▋▊▉"[rest - 1] if rest else ""), _BAR)
