"""The 督办 cycle through the CLI: ledger out, filled as a clerk fills it (mistakes too),
collected, then the lights and the 通报 — with exact figures."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import MINI, Runner, subprocess_env


@pytest.fixture
def log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "进展.sqlite"
    monkeypatch.setenv("FENGGONG_LOG", str(path))
    return path


def fill(
    path: Path, rows: dict[int, tuple[str, str, str]], *, changes: dict[str, str] | None = None
) -> None:
    """Fill a ledger as a clerk does: per task id, (本期进展情况, 状态, 填报人)."""
    book = openpyxl.load_workbook(path)
    sheet = book["台账"]
    header = [c.value for c in sheet[2]]
    for row in sheet.iter_rows(min_row=3):
        task_id = row[0].value
        if task_id in rows:
            progress, status, reporter = rows[task_id]
            row[header.index("本期进展情况")].value = progress
            row[header.index("状态")].value = status
            row[header.index("填报人")].value = reporter
    for cell, value in (changes or {}).items():
        sheet[cell].value = value
    book.save(path)


def reports(log: Path) -> int:
    with closing(sqlite3.connect(log)) as db, db:
        try:
            return int(db.execute("SELECT count(*) FROM reports").fetchone()[0])
        except sqlite3.OperationalError:  # killed before the store was made: nothing in it
            return 0


def test_the_monthly_cycle(run_mini: Runner, tmp_cwd: Path, log: Path) -> None:
    # April: 工信 reports 2 on track and 3 lagging, leaves 4 empty.
    assert run_mini("ledger", "--lead", "工信", "--period", "2024-04", "-o", "工信4.xlsx").code == 0
    fill(
        tmp_cwd / "工信4.xlsx",
        {2: ("完成选址", "序时推进", "张三"), 3: ("手续未办", "滞后", "张三")},
    )
    april = run_mini("collect", "工信4.xlsx")
    assert april.code == 0, april.err
    assert "工信4.xlsx：县工信商务局 2024-04 记入 2 条" in april.err
    assert reports(log) == 2

    # May: the ledger shows April's reports read-only and leaves this period's columns empty.
    assert run_mini("ledger", "--lead", "工信", "--period", "2024-05", "-o", "工信5.xlsx").code == 0
    sheet = openpyxl.load_workbook(tmp_cwd / "工信5.xlsx")["台账"]
    assert [c.value for c in sheet[2]][5:8] == ["上期状态", "上期进展情况", "本期进展情况"]
    assert [r[:1] + r[5:] for r in sheet.iter_rows(min_row=3, values_only=True)] == [
        (2, "序时推进\n2024-04", "完成选址", None, None, None, None, None),
        (3, "滞后\n2024-04", "手续未办", None, None, None, None, None),
        (4, None, None, None, None, None, None, None),
    ]
    fill(
        tmp_cwd / "工信5.xlsx",
        {
            2: ("已投产", "已完成", "张三"),
            3: ("仍在协调", "滞后", "张三"),
            4: ("", "未启动", "李四"),
        },
    )

    # A copy with mistakes: a status typed by hand, a locked cell changed.
    (tmp_cwd / "工信5错.xlsx").write_bytes((tmp_cwd / "工信5.xlsx").read_bytes())
    fill(tmp_cwd / "工信5错.xlsx", {3: ("仍在协调", "差不多", "张三")}, changes={"B5": "改了任务"})
    wrong = run_mini("collect", "工信5错.xlsx")
    assert wrong.code == 3
    assert (
        "需核对：工信5错.xlsx 台账 第 4 行：状态「差不多」不在规定的几种之内（已完成、超序时、序时推进、滞后、未启动、持续推进）\n"
        in wrong.err
    )
    assert (
        "需核对：工信5错.xlsx 台账 第 5 行：锁定的列「任务」被改动了（只能填后面几列）\n"
        in wrong.err
    )
    assert "  工信5错.xlsx：有 2 处要改（见上），整份没有记入\n" in wrong.err
    assert reports(log) == 2  # nothing of that file

    assert run_mini("ledger", "--lead", "发改", "--period", "2024-05", "-o", "发改5.xlsx").code == 0
    fill(tmp_cwd / "发改5.xlsx", {1: ("开工", "序时推进", "王五")})
    may = run_mini("collect", "工信5.xlsx", "发改5.xlsx")
    assert may.code == 0, may.err
    assert reports(log) == 6
    assert (
        may.out
        == "催办（2024-05 未报送，3 个单位）：\n县发展改革局：第 2 项\n县教育局：第 5 项\n县委宣传部：第 6 项\n"
    )

    # The same workbook again records nothing and says so.
    again = run_mini("collect", "发改5.xlsx")
    assert again.code == 0
    assert "发改5.xlsx：" in again.err
    assert "已作为「发改5.xlsx」记入过，这次不再记\n" in again.err
    assert reports(log) == 6

    assert run_mini("deadline", "5", "2024-05-20").code == 0
    lights = json.loads(run_mini("status", "--as-of", "2024-06-01", "--format", "json").out)
    assert lights["period"] == "2024-05"
    assert lights["counts"] == {"红": 4, "黄": 1, "蓝": 0, "绿": 1}
    assert [(t["id"], t["light"], t["reason"]) for t in lights["tasks"]] == [
        (1, "绿", "序时推进"),
        (
            2,
            "红",
            "县发展改革局：连续两期滞后或未报送",
        ),  # 工信 finished, its co-lead never reported
        (3, "红", "连续两期滞后或未报送"),
        (4, "黄", "2024-05 未启动"),
        (5, "红", "已超期（截止 2024-05-20）"),
        (6, "红", "连续两期滞后或未报送"),
    ]
    by_unit = run_mini("status", "--as-of", "2024-06-01", "--format", "csv").out.splitlines()
    assert by_unit[0] == "牵头单位,红,黄,蓝,绿,合计"
    # By unit each counts its own light: 工信 finished task 2, its co-lead's red is not 工信's.
    assert "县工信商务局,1,1,0,1,3" in by_unit
    assert "县发展改革局,1,0,0,1,2" in by_unit

    notice = run_mini("notice", "--period", "2024-05", "--as-of", "2024-06-01", "--format", "md")
    assert notice.code == 0
    assert (
        "本期（2024-05）共 6 项任务，已报送 3 项、未报送 3 项；滞后或超期 4 项，涉及 4 个牵头单位。"
        in notice.out
    )
    assert "| 县教育局 | 5 |" in notice.out
    assert run_mini("notice", "--period", "2024-05", "-o", "通报.docx").code == 0
    assert (tmp_cwd / "通报.docx").exists()


def test_a_deadline_soon_is_blue_and_a_terminal_report_counts(run_mini: Runner, log: Path) -> None:
    assert run_mini("deadline", "1", "2024-06-20").code == 0
    assert (
        run_mini("progress", "1", "--status", "序时推进", "-m", "开工", "--period", "2024-05").code
        == 0
    )
    lights = json.loads(
        run_mini("status", "--as-of", "2024-06-01", "--by", "task", "--format", "json").out
    )
    first = lights["tasks"][0]
    assert (first["light"], first["reason"]) == ("蓝", "临近截止（2024-06-20）")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("progress", "1", "--status", "差不多"),
            "状态「差不多」不在规定的几种之内（已完成、超序时、序时推进、滞后、未启动、持续推进）",
        ),
        (("progress", "1", "--status", "滞后"), "状态为「滞后」时要用 -m 写本期进展情况"),
        (("progress", "99", "--status", "滞后", "-m", "x"), "没有第 99 项任务（本方案共 6 项）"),
        (
            ("deadline", "1", "2024-02-30"),
            "截止日期「2024-02-30」的日 30 不对（2024 年 2 月只有 29 天）",
        ),
        (("deadline", "1", "2024-13-01"), "截止日期「2024-13-01」的月份 13 不对（应为 1–12）"),
        (
            ("deadline", "1", "下周"),
            "截止日期「下周」看不懂：可写 2023-06-30、2023/6/30、2023.6.30、2023年6月30日、6月30日、6月底、三季度末、年底",
        ),
        (
            ("deadline", "1", "2020-01-01"),
            "截止日期 2020-01-01 不在方案的 2024 年内；确实要这样，加 --force",
        ),
        (
            ("ledger", "--lead", "工信", "--period", "2024-13", "-o", "x.xlsx"),
            "报送期「2024-13」看不懂：按月写 2023-05，按季写 2023-Q2（或 2023年二季度），半年写 2023-H1（或 2023年上半年）",
        ),
        (
            ("ledger", "--lead", "工信", "--period", "2025-01", "-o", "x.xlsx"),
            "报送期 2025-01 不在方案的 2024 年内；确实要这样，加 --force",
        ),
        (
            ("progress", "1", "--status", "滞后", "-m", "x"),
            "还没有出过台账，请用 --period 写报送期，如 --period 2023-05",
        ),
    ],
)
def test_bad_reports_are_one_line(
    run_mini: Runner, log: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_mini(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(f"fenggong: {message}\n")


def test_workbooks_that_are_not_this_plans_ledger(
    run_mini: Runner, run: Runner, tmp_cwd: Path, log: Path
) -> None:
    plain = openpyxl.Workbook()
    plain.save(tmp_cwd / "plain.xlsx")
    result = run_mini("collect", "plain.xlsx")
    assert (result.code, result.out) == (3, "")
    assert (
        "  plain.xlsx：这不是 fenggong 发出的台账（没有「台账」和「台账信息」工作表）\n"
        in result.err
    )
    assert result.err.endswith("fenggong: 1 份没有记入（原因见上），改好后再 collect 这几份\n")
    (tmp_cwd / "bad.xlsx").write_bytes(b"PK\x03\x04 broken")
    assert run_mini("collect", "bad.xlsx").code == 3
    real_log = str(tmp_cwd / "real.sqlite")
    assert (
        run(
            "ledger", "--lead", "工信", "--period", "2023-05", "-o", "real.xlsx", "--log", real_log
        ).code
        == 0
    )
    other = run_mini("collect", "real.xlsx")
    assert other.code == 3
    assert (
        "  real.xlsx：这是「2023年县《政府工作报告》重点任务分工方案（新府〔2023〕28号）」的台账，不是当前方案「测试方案（测府〔2024〕1号）」的\n"
        in other.err
    )
    assert run_mini("ledger", "--lead", "工信", "--period", "2024-05", "-o", "m.xlsx").code == 0
    period = run_mini("collect", "m.xlsx", "--period", "2024-06")
    assert "  m.xlsx：这是 2024-05 的台账，不是本批 2024-06 的\n" in period.err
    assert reports(log) == 0


def _ledger(tmp: Path, name: str, lead: str) -> Path:
    env = subprocess_env(FENGGONG_DATA=str(MINI))
    path = tmp / name
    subprocess.run(
        [sys.executable, "-m", "fenggong", "ledger", "--lead", lead, "--period", "2024-05", "-o", str(path)],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    return path


def test_two_clerks_collecting_at_once_lose_nothing(tmp_path: Path) -> None:
    log = tmp_path / "进展.sqlite"
    env = subprocess_env(FENGGONG_DATA=str(MINI), FENGGONG_LOG=str(log))
    gx = _ledger(tmp_path, "gx.xlsx", "工信")
    fill(gx, {2: ("a", "序时推进", "张"), 3: ("b", "滞后", "张"), 4: ("c", "序时推进", "张")})
    fg = _ledger(tmp_path, "fg.xlsx", "发改")
    fill(fg, {1: ("d", "序时推进", "王"), 2: ("e", "序时推进", "王")})
    procs = [
        subprocess.Popen([sys.executable, "-m", "fenggong", "collect", str(f)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for f in (gx, fg, gx, fg)
    ]  # fmt: skip
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0, 0]
    assert reports(log) == 3 + 2  # each workbook once, whoever recorded it


#: Runs fenggong killed (kill -9) at a chosen moment of a store write: before it begins,
#: with the rows written but not committed, or just after the commit. Every run the same.
_KILL_AT = """
import contextlib, os, signal, sys
from fenggong.progress import store
moment = sys.argv[1]
original = store.Store._transaction
@contextlib.contextmanager
def hooked(self):
    if moment == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    with original(self) as db:
        yield db
        if moment == "inside":
            os.kill(os.getpid(), signal.SIGKILL)
    if moment == "after":
        os.kill(os.getpid(), signal.SIGKILL)
store.Store._transaction = hooked
sys.argv = ["fenggong", *sys.argv[2:]]
from fenggong.__main__ import run
run()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
# The correction changes one report (task 2: 序时推进 → 滞后); only that one is recorded.
@pytest.mark.parametrize(("moment", "added"), [("before", 0), ("inside", 0), ("after", 1)])
def test_kill_9_leaves_the_store_before_or_after_a_whole_file(
    tmp_path: Path, moment: str, added: int
) -> None:
    log = tmp_path / "进展.sqlite"
    env = subprocess_env(FENGGONG_DATA=str(MINI), FENGGONG_LOG=str(log))
    gx = _ledger(tmp_path, "gx.xlsx", "工信")
    fill(gx, {2: ("a", "序时推进", "张"), 3: ("b", "滞后", "张"), 4: ("c", "序时推进", "张")})
    assert run_mini_process(env, "collect", str(gx)).returncode == 0
    # A correction (a file already recorded would record nothing, and open no write).
    fixed = _ledger(tmp_path, "gx改.xlsx", "工信")
    fill(fixed, {2: ("a", "滞后", "张"), 3: ("b", "滞后", "张"), 4: ("c", "序时推进", "张")})
    proc = subprocess.run(
        [sys.executable, "-c", _KILL_AT, moment, "collect", str(fixed)],
        env=env, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL
    assert reports(log) == 3 + added


def run_mini_process(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "fenggong", *args],
        env=env, capture_output=True, timeout=60, check=False,
    )  # fmt: skip


def test_a_ledger_for_every_lead_unit(run_mini: Runner, tmp_cwd: Path, log: Path) -> None:
    result = run_mini("ledger", "--period", "2024-05", "--split-by", "unit", "-o", "台账")
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_cwd / "台账").iterdir()) == [
        "县发展改革局2024-05台账.xlsx",
        "县委宣传部2024-05台账.xlsx",
        "县工信商务局2024-05台账.xlsx",
        "县教育局2024-05台账.xlsx",
    ]
    assert result.err.endswith("已写出 4 份台账（报送期 2024-05），在 台账\n")
    many = run_mini("ledger", "--period", "2024-05", "-o", "one.xlsx")
    assert many.code == 2
    assert many.err.endswith(
        "fenggong: 台账一个单位一个文件：只写一个 --lead，或加 --split-by unit -o 文件夹/\n"
    )


@pytest.mark.parametrize(
    ("by", "header"), [("leader", "责任领导"), ("town", "镇"), ("unit", "牵头单位")]
)
def test_status_by_group(run_mini: Runner, log: Path, by: str, header: str) -> None:
    result = run_mini("status", "--by", by, "--as-of", "2024-03-01", "--format", "csv")
    assert result.code == 0
    assert result.out.splitlines()[0] == f"{header},红,黄,蓝,绿,合计"


def test_tasks_filtered_by_progress(run_mini: Runner, log: Path) -> None:
    assert (
        run_mini("progress", "1", "--status", "已完成", "-m", "完工", "--period", "2024-05").code
        == 0
    )
    assert (
        run_mini("progress", "3", "--status", "滞后", "-m", "未动", "--period", "2024-05").code == 0
    )
    assert run_mini("deadline", "5", "2024-05-20").code == 0

    def ids(*args: str) -> list[int]:
        result = run_mini("tasks", *args, "--as-of", "2025-01-10", "--format", "json")
        return [t["id"] for t in json.loads(result.out)] if result.code == 0 else []

    assert ids("--status", "滞后") == [3]
    assert ids("--status", "已完成") == [1]
    assert ids("--due-before", "2024-06-01") == [5]
    # Long past the test plan's year: every task not done is overdue and red.
    assert ids("--overdue") == [2, 3, 4, 5, 6]
    assert ids("--light", "红") == [2, 3, 4, 5, 6]
    assert ids("--light", "绿", "--lead", "发改") == [1]
    bad = run_mini("tasks", "--light", "紫")
    assert (bad.code, bad.err) == (
        2,
        "fenggong: --light 的值「紫」不对：应为 红、黄、蓝、绿 之一\n",
    )


def test_check_validates_the_progress_store(run_mini: Runner, log: Path) -> None:
    assert (
        run_mini("progress", "3", "--status", "滞后", "-m", "未动", "--period", "2024-05").code == 0
    )
    assert run_mini("check", str(MINI)).code == 0
    with closing(sqlite3.connect(log)) as db, db:  # as if edited by hand outside fenggong
        db.execute(
            "INSERT INTO reports (task, unit, period, status, recorded_at, source) VALUES (99, '县教育局', '2024-13', '差', 'x', 'x')"
        )
        db.execute(
            "INSERT INTO reports (task, unit, period, status, recorded_at, source) VALUES (5, '县财政局', '2024-05', '滞后', 'x', 'x')"
        )
    result = run_mini("check", str(MINI))
    assert result.code == 3
    assert result.out.splitlines() == [
        f"{log}：第 2 条报送：没有第 99 项任务",
        f"{log}：第 2 条报送：报送期「2024-13」或状态「差」不对",
        f"{log}：第 3 条报送：县财政局不是第 5 项的牵头单位",
    ]
    assert result.err == f"fenggong: {log}：进展库有 3 个问题\n"


def test_a_brief_shows_progress_when_there_is_a_store(run_mini: Runner, log: Path) -> None:
    plain = run_mini("brief", "工信", "--format", "md").out
    assert "进展" not in plain
    assert (
        run_mini("progress", "3", "--status", "滞后", "-m", "未动", "--period", "2024-05").code == 0
    )
    md = run_mini("brief", "工信", "--format", "md").out
    assert "。进展：红灯 3 项" in md.splitlines()[2]
    assert "| 3 | =SUM(A1)稳定外贸，不是公式。 |" in md
    assert "| 红：已超期（截止 2024-12-31） |" in md


def test_a_brief_summary_gives_the_deadlines_of_its_tasks(run: Runner, log: Path) -> None:
    plain = run("brief", "住建", "--as-of", "2023-06-20", "--format", "md").out
    assert "完成时限" not in plain
    for task, day in (("43", "2023-06-30"), ("57", "2023-07-15"), ("80", "2023-12-31")):
        assert run("deadline", task, day).code == 0
    assert run("deadline", "102", "2023-05-01").code == 0
    md = run("brief", "住建", "--as-of", "2023-06-20", "--format", "md").out
    # 80 is 人社's task, so 住建's brief leaves it out; 45 has no deadline.
    assert md.splitlines()[2].endswith(
        "。完成时限：已过时限 1 项（序号 102），30 天内到期 2 项（序号 43、57）"
    )
    later = run("brief", "住建", "--as-of", "2023-05-01", "--format", "md").out
    assert later.splitlines()[2].endswith("。完成时限：30 天内到期 1 项（序号 102），其后到期 2 项")
    document = json.loads(run("brief", "住建", "--as-of", "2023-06-20", "-f", "json").out)
    assert document["deadlines"] == {"overdue": [102], "within_30_days": [43, 57], "later": []}
    assert run("brief", "住建", "--as-of", "6月20日", "--format", "md").out == md
    bad = run("brief", "住建", "--as-of", "2023-02-30")
    assert bad.code == 2
    assert bad.err == "fenggong: --as-of「2023-02-30」的日 30 不对（2023 年 2 月只有 28 天）\n"


def test_a_deadline_the_office_sets_shows_in_show_and_in_task_tables(
    run: Runner, log: Path
) -> None:
    assert "截止日期" not in run("tasks", "--lead", "住建", "-f", "csv").out.splitlines()[0]
    assert run("deadline", "57", "2023-06-30").code == 0
    shown = json.loads(run("show", "57", "-f", "json").out)[0]
    assert shown["deadline"] == "2023-06-30"
    assert "截止日期" in run("show", "57", "-f", "md").out
    table = run("tasks", "--lead", "住建", "-f", "csv").out.splitlines()
    assert table[0].endswith(",截止日期")
    assert [line.rsplit(",", 1)[1] for line in table[1:]].count("2023-06-30") == 1
    chosen = run("tasks", "--lead", "住建", "--columns", "id,deadline", "-f", "csv").out
    assert "57,2023-06-30" in chosen.splitlines()
    assert "截止日期" not in run("tasks", "--lead", "工信", "-f", "csv").out.splitlines()[0]


def test_another_plans_store_does_not_stop_a_query(
    run: Runner, run_mini: Runner, log: Path
) -> None:
    assert run_mini("deadline", "1", "2024-06-20").code == 0  # the store is the mini plan's
    assert run("tasks", "--lead", "工信", "--columns", "id", "-f", "csv").code == 0
    assert run("show", "57", "-f", "json").code == 0
    assert run("brief", "住建", "-f", "md").code == 0
    refused = run("status")  # a 督办 command says which store it found
    assert refused.code == 3
    assert "不是当前方案的" in refused.err


@pytest.mark.parametrize(("period", "status"), [("2024-13", "滞后"), ("2024-05", "差")])
def test_a_report_edited_by_hand_is_left_out_of_the_lights(
    run_mini: Runner, log: Path, period: str, status: str
) -> None:
    assert (
        run_mini("progress", "3", "--status", "序时推进", "-m", "开工", "--period", "2024-05").code
        == 0
    )
    with closing(sqlite3.connect(log)) as db, db:  # as if edited by hand outside fenggong
        db.execute(
            "INSERT INTO reports (task, unit, period, status, recorded_at, source)"
            f" VALUES (3, '县工信商务局', '{period}', '{status}', 'x', 'x')"
        )
    result = run_mini("status", "--by", "task", "--as-of", "2024-06-01", "--format", "json")
    assert result.code == 0
    lights = {t["id"]: t["status"] for t in json.loads(result.out)["tasks"]}
    assert lights[3] == "序时推进"  # the broken row counts for nothing; check names it
    assert run_mini("check", str(MINI)).code == 3


def test_check_and_the_writers_agree_on_the_store(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "my.toml"
    data.write_bytes(MINI.read_bytes())
    monkeypatch.delenv("FENGGONG_LOG")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    recorded = run("progress", "3", "--status", "滞后", "-m", "x", "--period", "2024-05", data=data)
    assert recorded.code == 0
    store = tmp_path / "my.进展.sqlite"
    assert f"进展库：{store}" in recorded.err
    with closing(sqlite3.connect(store)) as db, db:  # as if edited by hand outside fenggong
        db.execute(
            "INSERT INTO reports (task, unit, period, status, recorded_at, source) VALUES (99, '县教育局', '2024-05', '滞后', 'x', 'x')"
        )
    assert run("check", data=data).err == f"fenggong: {store}：进展库有 1 个问题\n"
    assert run("check", str(data), data=data).err == f"fenggong: {store}：进展库有 1 个问题\n"


@pytest.mark.parametrize(
    "args",
    [
        ("tasks", "--light", "红"),
        ("tasks", "--status", "滞后"),
        ("tasks", "--overdue"),
        ("tasks", "--due-before", "2024-07-01"),
        ("brief", "工信"),
        ("show", "3"),
        ("status",),
    ],
)
def test_reading_never_creates_a_store(run_mini: Runner, log: Path, args: tuple[str, ...]) -> None:
    result = run_mini(*args, "--as-of", "2024-06-01") if args[0] != "show" else run_mini(*args)
    assert result.code in (0, 1), result.err
    assert not log.exists()


def test_tasks_read_the_store_named_by_log(run_mini: Runner, tmp_path: Path, log: Path) -> None:
    other = str(tmp_path / "other.sqlite")
    assert (
        run_mini(
            "progress", "3", "--status", "滞后", "-m", "x", "--period", "2024-05", "--log", other
        ).code
        == 0
    )
    lagging = run_mini(
        "tasks", "--status", "滞后", "--log", other, "--as-of", "2024-06-01", "-f", "csv"
    )
    assert [line.split(",")[0] for line in lagging.out.splitlines()[1:]] == ["3"]
    assert run_mini("tasks", "--status", "滞后", "--as-of", "2024-06-01").code == 1


def test_a_brief_leaves_completed_tasks_out_of_the_overdue(run: Runner, log: Path) -> None:
    assert run("deadline", "102", "2023-05-01").code == 0
    assert run("deadline", "43", "2023-05-01").code == 0
    before = run("brief", "住建", "--as-of", "2023-06-20", "--format", "md").out
    assert "已过时限 2 项（序号 43、102）" in before.splitlines()[2]
    done = ("progress", "102", "--status", "已完成", "-m", "完工", "--period", "2023-05")
    assert run(*done).code == 0
    after = run("brief", "住建", "--as-of", "2023-06-20", "--format", "md").out
    assert "已过时限 1 项（序号 43）" in after.splitlines()[2]


def test_task_tables_and_show_give_the_light(run_mini: Runner, tmp_cwd: Path, log: Path) -> None:
    record = ("progress", "3", "--status", "滞后", "-m", "未动", "--period", "2024-05")
    assert run_mini(*record).code == 0
    table = run_mini(
        "tasks",
        "--lead",
        "工信",
        "--columns",
        "序号,灯,原因,本期状态",
        "--as-of",
        "2024-06-01",
        "-f",
        "csv",
    )
    assert table.out.splitlines() == [
        "序号,灯,原因,本期状态",
        "2,黄,县工信商务局：2024-05 未报送；县发展改革局：2024-05 未报送,未报送",
        "3,黄,2024-05 滞后,滞后",
        "4,黄,2024-05 未报送,未报送",
    ]
    shown = run_mini("show", "3", "--as-of", "2024-06-01", "-f", "md").out
    assert "黄：2024-05 滞后" in shown
    # --overdue shows the deadline in force and where it comes from: the plan's year end
    # where none was set.
    assert run_mini("deadline", "4", "2024-06-30").code == 0
    overdue = run_mini("tasks", "--overdue", "--as-of", "2025-01-10", "-f", "csv").out.splitlines()
    assert overdue[0].endswith(",截止日期,截止依据,灯,原因")
    assert [line.rsplit(",", 4)[1:] for line in overdue[1:3]] == [
        ["2024-12-31", "年底", "红", "已超期（截止 2024-12-31）"],
        [
            "2024-12-31",
            "年底",
            "红",
            "已超期（截止 2024-12-31），未完成：县工信商务局、县发展改革局",
        ],
    ]
    assert overdue[4].rsplit(",", 4)[1:3] == ["2024-06-30", "督查室"]
    # Filtered by light, the table says why and which lead unit is behind.
    yellow = run_mini("tasks", "--light", "黄", "--as-of", "2024-06-01", "-f", "csv").out
    assert yellow.splitlines()[0].endswith(",灯,原因")
    assert "黄,县工信商务局：2024-05 未报送；县发展改革局：2024-05 未报送" in yellow


def test_deadlines_listed_cleared_and_read_in_bulk(
    run_mini: Runner, tmp_cwd: Path, log: Path
) -> None:
    assert run_mini("deadline", "5", "6月底").code == 0
    assert run_mini("deadline", "1", "三季度末").code == 0
    listed = run_mini("deadline", "--list").out.splitlines()
    assert listed[0] == "序号\t截止日期\t来源\t记入时间"  # the columns are named
    assert [line.split("\t")[:2] for line in listed[1:]] == [
        ["1", "2024-09-30"],
        ["5", "2024-06-30"],
    ]
    cleared = run_mini("deadline", "5", "--clear")
    assert cleared.err.startswith("已记入：第 5 项取消督查室定的截止日期")
    assert [line.split("\t")[0] for line in run_mini("deadline", "--list").out.splitlines()] == [
        "序号",
        "1",
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (("序号", "任务", "完成时限"), (2, "x", "2024/7/1"), (3, "y", "2024年8月15日")):
        sheet.append(row)
    book.save(tmp_cwd / "时限.xlsx")
    assert run_mini("deadline", "--from", "时限.xlsx").code == 0
    assert [line.split("\t")[:2] for line in run_mini("deadline", "--list").out.splitlines()] == [
        ["序号", "截止日期"],
        ["1", "2024-09-30"],
        ["2", "2024-07-01"],
        ["3", "2024-08-15"],
    ]
    sheet.append((99, "z", "2024-02-30"))
    book.save(tmp_cwd / "错.xlsx")
    wrong = run_mini("deadline", "--from", "错.xlsx")
    assert wrong.code == 3
    assert "错.xlsx 第 4 行：没有第 99 项任务" in wrong.err


def test_progress_without_a_period_takes_the_latest_ledgers(
    run_mini: Runner, tmp_cwd: Path, log: Path
) -> None:
    assert run_mini("ledger", "--lead", "工信", "--period", "2024-05", "-o", "m.xlsx").code == 0
    recorded = run_mini("progress", "3", "--status", "滞后", "-m", "x")
    assert recorded.code == 0
    assert "报送期按最近出的台账算：2024-05" in recorded.err
    assert "已记入：第 3 项 2024-05 滞后" in recorded.err


def test_what_is_written_into_the_store_cannot_break_it(
    run_mini: Runner, tmp_cwd: Path, log: Path
) -> None:
    far = run_mini("progress", "3", "--status", "滞后", "-m", "x", "--period", "9999-12", "--force")
    assert (far.code, far.err) == (
        2,
        "fenggong: 报送期「9999-12」的年份 9999 不对（应在 2000–2099 年之间）\n",
    )
    hostile = (
        "progress",
        "3",
        "--status",
        "滞后",
        "-m",
        "\x1b]0;x\x07推进\r\n第二行",
        "--period",
        "2024-05",
    )
    assert run_mini(*hostile).code == 0
    with closing(sqlite3.connect(log)) as db, db:
        assert db.execute("SELECT progress FROM reports").fetchone() == ("]0;x推进\n第二行",)
    assert run_mini("ledger", "--lead", "工信", "--period", "2024-06", "-o", "j.xlsx").code == 0
    # A ledger whose hidden sheet was edited to another year is refused before anything is stored.
    book = openpyxl.load_workbook(tmp_cwd / "j.xlsx")
    book["台账信息"]["B2"] = "2099-06"
    book.save(tmp_cwd / "j.xlsx")
    fill(tmp_cwd / "j.xlsx", {3: ("推进", "序时推进", "张三")})
    refused = run_mini("collect", "j.xlsx")
    assert refused.code == 3
    assert "  j.xlsx：台账的报送期 2099-06 不在方案的 2024 年内\n" in refused.err
    assert reports(log) == 1


@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("notice", "--period", "2024-05"),
        ("progress", "3", "--status", "滞后", "-m", "x", "--period", "2024-05"),
        ("deadline", "3", "2024-06-30"),
        ("tasks", "--light", "红"),
    ],
)
def test_a_damaged_store_is_one_line_and_exit_3(
    run_mini: Runner, log: Path, args: tuple[str, ...]
) -> None:
    log.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = run_mini(*args)
    if args[0] == "tasks":  # a query answers without progress
        assert result.code in (0, 1)
        return
    assert result.code == 3
    assert result.err.startswith(f"fenggong: {log}：进展库")
    assert result.err.count("\n") == 1
