"""The light rules as a decision table: every row of the README's table, co-leads,
corrections, a later period over an earlier one, the first period, quarters."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from fenggong.plan.model import Plan
from fenggong.progress.lights import Light, TaskLight, lights
from fenggong.progress.model import Deadline, Period, Report, Status, parse_period
from fenggong.progress.supervision import remind

GX, FG = "县工信商务局", "县发展改革局"
APR, MAY, JUN = Period(2024, 4), Period(2024, 5), Period(2024, 6)
S = Status


def r(task: int, unit: str, period: Period, status: Status) -> Report:
    return Report(task, unit, period, status, "进展")


def light_of(
    plan: Plan,
    task: int,
    reports: list[Report],
    *,
    period: Period = MAY,
    periods: tuple[Period, ...] = (APR, MAY),
    as_of: dt.date = dt.date(2024, 5, 31),
    deadline: dt.date | None = None,
) -> TaskLight:
    deadlines = {task: Deadline(task, deadline)} if deadline else {}
    (found,) = lights(
        plan, reports, deadlines, as_of=as_of, period=period, periods=periods,
        tasks=[t for t in plan.tasks if t.id == task],
    )  # fmt: skip
    return found


# Task 3 is led by 工信 alone; April and May exist (ledgers went out) unless said otherwise.
TABLE = [
    # (README row, reports, deadline, as_of, light, reason)
    (
        "绿：已报已完成（过了截止日期也绿）",
        [r(3, GX, MAY, S.DONE)],
        dt.date(2024, 5, 1),
        None,
        "绿",
        "已完成",
    ),
    (
        "红：已过截止日期",
        [r(3, GX, MAY, S.ON_TRACK)],
        dt.date(2024, 5, 20),
        None,
        "红",
        "已超期（截止 2024-05-20）",
    ),
    (
        "红：连续两期滞后",
        [r(3, GX, APR, S.LAGGING), r(3, GX, MAY, S.LAGGING)],
        None,
        None,
        "红",
        "连续两期滞后或未报送",
    ),
    ("红：连续两期未报送", [], None, None, "红", "连续两期滞后或未报送"),
    (
        "红：上期滞后、本期未报送",
        [r(3, GX, APR, S.LAGGING)],
        None,
        None,
        "红",
        "连续两期滞后或未报送",
    ),
    (
        "黄：本期滞后",
        [r(3, GX, APR, S.ON_TRACK), r(3, GX, MAY, S.LAGGING)],
        None,
        None,
        "黄",
        "2024-05 滞后",
    ),
    ("黄：本期未启动", [r(3, GX, MAY, S.NOT_STARTED)], None, None, "黄", "2024-05 未启动"),
    ("黄：本期未报送", [r(3, GX, APR, S.ON_TRACK)], None, None, "黄", "2024-05 未报送"),
    (
        "蓝：30 天内到期",
        [r(3, GX, MAY, S.ON_TRACK)],
        dt.date(2024, 6, 20),
        dt.date(2024, 6, 1),
        "蓝",
        "临近截止（2024-06-20）",
    ),
    ("绿：超序时", [r(3, GX, MAY, S.AHEAD)], None, None, "绿", "超序时"),
    ("绿：序时推进", [r(3, GX, MAY, S.ON_TRACK)], None, None, "绿", "序时推进"),
    ("绿：持续推进", [r(3, GX, MAY, S.ONGOING)], None, None, "绿", "持续推进"),
]


@pytest.mark.parametrize(
    ("reports", "deadline", "as_of", "light", "reason"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_the_readme_table(
    mini: Plan,
    reports: list[Report],
    deadline: dt.date | None,
    as_of: dt.date | None,
    light: str,
    reason: str,
) -> None:
    found = light_of(mini, 3, reports, deadline=deadline, as_of=as_of or dt.date(2024, 5, 31))
    assert (found.light.value, found.reason) == (light, reason)


def test_the_first_period_is_never_red_for_silence(mini: Plan) -> None:
    only_may = (MAY,)
    silent = light_of(mini, 3, [], periods=only_may)
    assert (silent.light, silent.reason) == (Light.YELLOW, "2024-05 未报送")
    lagging = light_of(mini, 3, [r(3, GX, MAY, S.LAGGING)], periods=only_may)
    assert (lagging.light, lagging.reason) == (Light.YELLOW, "2024-05 滞后")


def test_only_periods_that_exist_count_as_the_one_before(mini: Plan) -> None:
    # No ledger went out for April: March is the period before May.
    march = Period(2024, 3)
    reports = [r(3, GX, march, S.LAGGING), r(3, GX, MAY, S.LAGGING)]
    assert light_of(mini, 3, reports, periods=(march, MAY)).light is Light.RED
    fine_before = [r(3, GX, march, S.ON_TRACK), r(3, GX, MAY, S.LAGGING)]
    assert light_of(mini, 3, fine_before, periods=(march, MAY)).light is Light.YELLOW


@pytest.mark.parametrize(
    ("first", "second", "light", "status"),
    [
        (S.DONE, S.LAGGING, "黄", S.LAGGING),  # 已完成 by mistake, corrected: the correction counts
        (S.LAGGING, S.DONE, "绿", S.DONE),
    ],
)
def test_the_latest_report_of_a_period_wins(
    mini: Plan, first: Status, second: Status, light: str, status: Status
) -> None:
    reports = [r(3, GX, APR, S.ON_TRACK), r(3, GX, MAY, first), r(3, GX, MAY, second)]
    found = light_of(mini, 3, reports)
    assert (found.light.value, found.status) == (light, status)


def test_a_corrected_completion_past_its_deadline_is_red(mini: Plan) -> None:
    reports = [r(3, GX, MAY, S.DONE), r(3, GX, MAY, S.LAGGING)]
    found = light_of(mini, 3, reports, deadline=dt.date(2024, 5, 20))
    assert (found.light, found.reason) == (Light.RED, "已超期（截止 2024-05-20）")


def test_a_later_period_reopens_a_completion(mini: Plan) -> None:
    reports = [r(3, GX, APR, S.DONE), r(3, GX, MAY, S.ON_TRACK)]
    found = light_of(mini, 3, reports)
    assert (found.light, found.reason, found.status) == (
        Light.GREEN,
        "序时推进（此前报过已完成）",
        S.ON_TRACK,
    )
    assert found.reopened
    overdue = light_of(mini, 3, reports, deadline=dt.date(2024, 5, 20))
    assert overdue.light is Light.RED  # not sticky: the task is not done


def test_a_completion_counts_in_later_periods_without_a_new_report(mini: Plan) -> None:
    found = light_of(mini, 3, [r(3, GX, APR, S.DONE)])
    assert (found.light, found.reason, found.missing) == (Light.GREEN, "已完成", ())


def test_a_co_led_task_is_its_worst_lead_unit_whatever_the_order(mini: Plan) -> None:
    reports = [
        r(2, GX, APR, S.ON_TRACK),
        r(2, FG, APR, S.ON_TRACK),
        r(2, GX, MAY, S.ON_TRACK),
        r(2, FG, MAY, S.LAGGING),
    ]
    seen = set()
    for order in itertools.permutations(reports):
        found = light_of(mini, 2, list(order))
        seen.add((found.light, found.reason, found.status, found.behind))
    assert seen == {(Light.YELLOW, "县发展改革局：2024-05 滞后", S.LAGGING, (FG,))}


def test_a_co_lead_that_did_not_report_is_named(mini: Plan) -> None:
    found = light_of(
        mini, 2, [r(2, GX, APR, S.ON_TRACK), r(2, FG, APR, S.ON_TRACK), r(2, GX, MAY, S.ON_TRACK)]
    )
    assert (found.light, found.reason, found.missing) == (
        Light.YELLOW,
        "县发展改革局：2024-05 未报送",
        (FG,),
    )
    assert found.status is S.ON_TRACK
    # …and the 催办 list names it for this task.
    assert remind([found]) == {FG: [2]}


def test_a_co_led_task_is_done_when_every_lead_unit_is(mini: Plan) -> None:
    half = light_of(mini, 2, [r(2, GX, MAY, S.DONE), r(2, FG, MAY, S.ON_TRACK)], periods=(MAY,))
    assert (half.light, half.status) == (Light.GREEN, S.ON_TRACK)
    late = light_of(
        mini, 2, [r(2, GX, MAY, S.DONE), r(2, FG, MAY, S.ON_TRACK)], deadline=dt.date(2024, 5, 1)
    )
    assert (late.light, late.reason) == (
        Light.RED,
        "已超期（截止 2024-05-01），未完成：县发展改革局",
    )
    both = light_of(mini, 2, [r(2, GX, MAY, S.DONE), r(2, FG, MAY, S.DONE)])
    assert (both.light, both.reason) == (Light.GREEN, "已完成")


@pytest.mark.parametrize("text", ["2024-Q2", "2024年二季度", "2024年第二季度"])
def test_a_quarter_takes_each_units_latest_monthly_report(mini: Plan, text: str) -> None:
    quarter = parse_period(text)
    monthly = (Period(2024, m) for m in range(1, 7))
    reports = [r(3, GX, APR, S.LAGGING), r(3, GX, MAY, S.ON_TRACK), r(3, GX, JUN, S.AHEAD)]
    found = light_of(
        mini, 3, reports, period=quarter, periods=tuple(monthly), as_of=dt.date(2024, 6, 30)
    )
    assert (found.light, found.status) == (Light.GREEN, S.AHEAD)
    # A light resting on a month's 滞后 or 未启动 says which month: the quarter's last report
    # here is May's (June has none), and a co-lead's reason names its unit too.
    may = [r(2, GX, APR, S.ON_TRACK), r(2, GX, MAY, S.LAGGING), r(2, FG, JUN, S.NOT_STARTED)]
    found = light_of(mini, 2, may, period=quarter, periods=(APR, MAY), as_of=dt.date(2024, 6, 30))
    assert (found.light, found.reason) == (
        Light.YELLOW,
        "县工信商务局：2024-05 滞后；县发展改革局：2024-06 未启动",
    )
    # Nothing in the quarter: 黄 when the quarter before did not exist, 红 when it did.
    only_q2 = light_of(mini, 3, [], period=quarter, periods=(APR,), as_of=dt.date(2024, 6, 30))
    assert (only_q2.light, only_q2.reason) == (Light.YELLOW, "2024-Q2 未报送")
    after_q1 = light_of(
        mini, 3, [], period=quarter, periods=(Period(2024, 2), APR), as_of=dt.date(2024, 6, 30)
    )
    assert after_q1.light is Light.RED


def test_a_half_year(mini: Plan) -> None:
    half = parse_period("2024年上半年")
    assert (str(half), half.start, half.end) == (
        "2024-H1",
        dt.date(2024, 1, 1),
        dt.date(2024, 6, 30),
    )
    found = light_of(
        mini, 3, [r(3, GX, MAY, S.LAGGING)], period=half, periods=(MAY,), as_of=dt.date(2024, 6, 30)
    )
    # The reason names the month the light rests on, not the half-year.
    assert (found.light, found.reason) == (Light.YELLOW, "2024-05 滞后")


def test_without_any_period_only_deadlines_count(mini: Plan) -> None:
    (found,) = lights(mini, [], {}, as_of=dt.date(2024, 5, 1), period=None, tasks=[mini.tasks[2]])
    assert (found.light, found.reason, found.missing) == (Light.GREEN, "未到报送期", ())
