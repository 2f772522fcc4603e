"""Today's date, the one place fenggong reads the clock: `FENGGONG_TODAY=2023-06-20` sets
it for a whole run (tests and anyone re-running a month as it was), like `--as-of`."""

import datetime as dt
import os

from fenggong.errors import UsageError

ENV_VAR = "FENGGONG_TODAY"


def today() -> dt.date:
    """The day lights, deadlines and default periods are counted from."""
    given = os.environ.get(ENV_VAR)
    if not given:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        raise UsageError(f"环境变量 {ENV_VAR}「{given}」应写成 YYYY-MM-DD，如 2023-06-30") from None
