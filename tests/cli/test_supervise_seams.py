"""The seams between the lights and the views that read them, run through the CLI as a
督查室 does: co-leads each by their own light, a corrected 已完成 that reopens nothing,
the period a notice picks, the 通报's wording, and usage messages as staff type options."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import pytest

from tests.conftest import Runner

GX, NY, WG = "县工信商务局", "县农业农村局", "县文广旅体局"


def by_unit(run: Runner, *args: str) -> dict[str, dict[str, int]]:
    result = run("status", "--by", "unit", "-f", "csv", *args)
    assert result.code == 0, result.err
    rows = csv.DictReader(io.StringIO(result.out.lstrip("\ufeff")))
    return {r["牵头单位"]: {c: int(r[c]) for c in "红黄蓝绿"} for r in rows}


def test_a_co_lead_on_time_is_not_counted_red_for_the_one_behind(run: Runner) -> None:
    # Task 2 is led by 工信, 农业农村 and 文广; 工信 reports all its twelve tasks on time,
    # 农业农村 reports task 2 滞后, 文广 nothing — two months running.
    mine = (2, 3, 5, 7, 12, 13, 14, 15, 16, 17, 18, 65)
    for month in ("2023-04", "2023-05"):
        for task in mine:
            ok = run("progress", str(task), "--status", "序时推进", "-m", "推进", "--unit", GX,
                     "--period", month)  # fmt: skip
            assert ok.code == 0, ok.err
        lag = run(
            "progress", "2", "--status", "滞后", "-m", "缺资金", "--unit", NY, "--period", month
        )
        assert lag.code == 0, lag.err
    tasks = run("status", "--by", "task", "-f", "json", "--as-of", "2023-06-05")
    task2 = next(t for t in json.loads(tasks.out)["tasks"] if t["id"] == 2)
    assert (task2["light"], task2["behind"]) == ("红", [NY, WG])  # the task itself is red …
    counts = by_unit(run, "--as-of", "2023-06-05")
    # … but 工信 reported everything on time: by unit, its own lights are all green …
    assert counts[GX] == {"红": 0, "黄": 0, "蓝": 0, "绿": 12}
    # … as remind has it (工信 gets no 催办), while the units behind count it red.
    assert counts[WG]["红"] == 7
    remind = run("remind", "--period", "2023-05", "--as-of", "2023-06-05")
    assert f"【催办】{GX}" not in remind.out
    assert f"【催办】{NY}" in remind.out


def test_a_missing_required_option_is_named_as_typed(run: Runner) -> None:
    # Click names a missing option by its parameter ("缺少status"): staff type "--status".
    result = run("progress", "57")
    assert (result.code, result.err) == (2, "fenggong: 缺少选项 --status（用 --help 查看用法）\n")


def test_notice_without_a_period_takes_the_as_of_days_period_as_status_does(
    run: Runner, tmp_path: Path
) -> None:
    # Ledgers went out for May and June; on 20 May the period is May in every view (the
    # notice once took the period by today's date: June, "as of 20 May").
    for month in ("2023-05", "2023-06"):
        out = str(tmp_path / f"{month}.xlsx")
        assert run("ledger", "--lead", "住建", "--period", month, "-o", out).code == 0
    notice = run("notice", "--as-of", "2023-05-20", "-f", "md")
    status = run("status", "--as-of", "2023-05-20", "-f", "md")
    assert "（报送期 2023-05，截至 2023-05-20）" in notice.out.splitlines()[0]
    assert "（报送期 2023-05，截至 2023-05-20）" in status.out.splitlines()[0]


def test_summary_and_remind_without_a_period_take_the_as_of_days_period(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ledgers went out for May and June; "today" is 20 May: the pack is May's, as the
    # notice's and the lights' are, as of the period's end.
    for month in ("2023-05", "2023-06"):
        out = str(tmp_path / f"{month}.xlsx")
        assert run("ledger", "--lead", "住建", "--period", month, "-o", out).code == 0
    monkeypatch.setenv("FENGGONG_TODAY", "2023-05-20")
    summary = json.loads(run("summary", "-f", "json").out)
    assert (summary["period"], summary["as_of"]) == ("2023-05", "2023-05-31")
    table = run("summary", "-f", "table").out
    assert table.splitlines()[0] == "2023年5月重点任务进展汇总（按牵头单位）"
    remind = run("remind").out
    assert remind.startswith(
        "【催办】县发展改革局：\n你单位牵头的以下11项重点任务尚未报送2023年5月"
    )
    # --as-of names the day: 2 June is in June's period, and the lights are as of that day.
    june = json.loads(run("summary", "--as-of", "2023-06-02", "-f", "json").out)
    assert (june["period"], june["as_of"]) == ("2023-06", "2023-06-02")
    remind = run("remind", "--as-of", "2023-06-02").out
    assert remind.startswith(
        "【催办】县发展改革局：\n你单位牵头的以下11项重点任务尚未报送2023年6月"
    )


def test_without_a_period_the_pack_says_why_there_is_none(run: Runner, tmp_path: Path) -> None:
    store = tmp_path / "进展.sqlite"  # the run fixture's
    for command in ("summary", "remind"):
        assert (run(command).code, run(command).err) == (
            2,
            f"fenggong: 还没有进展库（{store}）：先用 ledger 和 collect 或 progress 记入报送\n",
        )
    assert run("deadline", "57", "2023-06-30").code == 0  # a store, but no period in it
    for command in ("summary", "remind", "notice"):
        assert (run(command).code, run(command).err) == (
            2,
            "fenggong: 进展库里还没有报送期（没出过台账，也没记过报送）：先用 ledger 和 collect"
            " 或 progress 记入报送，或用 --period 指定，如 --period 2023-05\n",
        )
    out = str(tmp_path / "5月.xlsx")
    assert run("ledger", "--lead", "住建", "--period", "2023-05", "-o", out).code == 0
    for command in ("summary", "remind", "notice"):
        early = run(command, "--as-of", "2023-04-20")
        assert (early.code, early.err) == (
            2,
            "fenggong: 到 2023-04-20 还没有开始的报送期（最早的是 2023-05）：用 --as-of 或 --period"
            " 指定\n",
        )


def test_a_done_corrected_away_reopens_nothing(run: Runner) -> None:
    # 住建 sends 57 as 已完成 by mistake in April, corrects it (序时推进), then reports May.
    for status, month in (("已完成", "2023-04"), ("序时推进", "2023-04"), ("序时推进", "2023-05")):
        assert run("progress", "57", "--status", status, "-m", "进展", "--period", month).code == 0
    # 3 really was 已完成 in April and is reported 序时推进 in May: that one is reopened.
    for status, month in (("已完成", "2023-04"), ("序时推进", "2023-05")):
        assert run("progress", "3", "--status", status, "-m", "进展", "--period", month).code == 0
    tasks = run("status", "--by", "task", "-f", "json", "--as-of", "2023-05-31")
    reasons = {t["id"]: t["reason"] for t in json.loads(tasks.out)["tasks"]}
    assert reasons[57] == "序时推进"  # not "此前报过已完成": that report was corrected
    assert reasons[3] == "序时推进（此前报过已完成）"
    notice = run("notice", "--period", "2023-05", "--as-of", "2023-05-31", "-f", "md").out
    reopened = notice.split("四、此前报已完成、本期未完成的任务", 1)[1]
    assert "| 3 |" in reopened
    assert "| 57 |" not in reopened


def test_the_notice_quotes_the_plan_title_with_nested_marks(run: Runner, tmp_path: Path) -> None:
    # The plan's title holds 《政府工作报告》: quoted in 《》 it becomes 〈政府工作报告〉.
    assert run("progress", "57", "--status", "滞后", "-m", "进展", "--period", "2023-05").code == 0
    target = tmp_path / "通报.docx"
    assert (
        run("notice", "--period", "2023-05", "--issuer", "县委督查室", "-o", str(target)).code == 0
    )
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "根据《2023年县〈政府工作报告〉重点任务分工方案》（新府〔2023〕28号）要求" in text
    assert "《2023年县《" not in text
