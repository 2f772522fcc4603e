"""Three months of 督办 on the real plan through the CLI (2023-04, -05, -06), with the
mistakes bureaus really make, a fixed --as-of, and the files in either order: the lights,
the 通报 and the 催办 lists follow the README's rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.conftest import Runner

ZJ, GX, NY, WG = "县住房城乡建设局", "县工信商务局", "县农业农村局", "县文广旅体局"
BAN, CZ, SW = "县政府办公室", "县财政局", "县水务局"


def fill(path: Path, rows: dict[int, tuple[str, str]]) -> None:
    """Fill a returned ledger: per task id, (本期进展情况, 状态)."""
    book = openpyxl.load_workbook(path)
    sheet = book["台账"]
    header = [c.value for c in sheet[2]]
    for row in sheet.iter_rows(min_row=3):
        if (entry := rows.get(int(str(row[0].value)))) is not None:
            row[header.index("本期进展情况")].value = entry[0]
            row[header.index("状态")].value = entry[1]
            row[header.index("填报人")].value = "经办人"
    book.save(path)


def month(
    run: Runner, root: Path, period: str, filled: dict[str, dict[int, tuple[str, str]]]
) -> Path:
    """Issue every unit's ledger for the period into a folder, and fill those given; the
    unfilled ones are removed except one (returned untouched)."""
    folder = root / period
    assert run("ledger", "--period", period, "--split-by", "unit", "-o", str(folder)).code == 0
    for unit, rows in filled.items():
        fill(folder / f"{unit}{period}台账.xlsx", rows)
    keep = {f"{u}{period}台账.xlsx" for u in (*filled, SW)}
    for path in folder.iterdir():
        if path.name not in keep:
            path.unlink()
    return folder


def lights(run: Runner, *args: str) -> dict[int, tuple[str, str, list[str]]]:
    result = run("status", "--by", "task", "-f", "json", *args)
    assert result.code == 0, result.err
    return {
        t["id"]: (t["light"], t["reason"], t["behind"]) for t in json.loads(result.out)["tasks"]
    }


def collect(run: Runner, folder: Path, reverse: bool, *extra: str) -> tuple[int, str, str]:
    files = sorted((str(p) for p in folder.iterdir()), reverse=reverse)
    result = run("collect", *files, *extra)
    return result.code, result.out, result.err


@pytest.mark.parametrize("reverse", [False, True], ids=["sorted", "reversed"])
def test_three_months(run: Runner, tmp_path: Path, reverse: bool) -> None:
    # April. 住建 sends 57 as 已完成 by mistake; 2 is co-led by 工信, 农业农村 and 文广.
    april = month(
        run,
        tmp_path,
        "2023-04",
        {
            ZJ: {57: ("已完工", "已完成"), 102: ("完工", "已完成")},
            GX: {2: ("选址", "序时推进"), 3: ("完成", "已完成")},
            NY: {2: ("资金未到", "滞后")},
            BAN: {23: ("推进", "序时推进")},
            CZ: {23: ("未拨付", "滞后")},
        },
    )
    code, out, err = collect(run, april, reverse)
    assert code == 3  # 水务's ledger came back untouched
    assert f"  {SW}2023-04台账.xlsx：未填报：{SW}本期一项也没有填\n" in err
    assert out.startswith("催办（2023-04 未报送，")
    assert f"{WG}：第 2、" in out  # a co-lead that did not report is named
    assert f"{SW}：第 " in out
    first = lights(run, "--as-of", "2023-04-30")
    # The first period: silence or one 滞后 is 黄, never 红 "连续两期".
    assert not [i for i, (light, *_) in first.items() if light == "红"]
    assert first[23] == ("黄", f"{CZ}：2023-04 滞后", [CZ])
    assert first[2] == ("黄", f"{NY}：2023-04 滞后；{WG}：2023-04 未报送", [NY, WG])

    # 住建 corrects 57: the correction wins.
    fixed = tmp_path / "住建更正.xlsx"
    shutil.copy(april / f"{ZJ}2023-04台账.xlsx", fixed)
    fill(fixed, {57: ("主体未完工", "滞后")})
    corrected = run("collect", str(fixed))
    code, err = corrected.code, corrected.err
    assert code == 0
    assert "住建更正.xlsx：第 57 项 2023-04 更正：已完成 → 滞后（以这次为准，原记录保留）\n" in err
    assert "县住房城乡建设局 2023-04 记入 1 条" in err  # 102 unchanged: not recorded again

    # May. A copy of 工信's workbook is in the folder, and an April workbook sent again.
    may = month(
        run,
        tmp_path,
        "2023-05",
        {
            ZJ: {57: ("仍未完工", "滞后"), 102: ("整改", "序时推进")},
            GX: {2: ("开工", "序时推进"), 3: ("二期", "序时推进")},
            NY: {2: ("仍缺资金", "滞后")},
            WG: {2: ("配合", "序时推进")},
            BAN: {23: ("推进", "超序时")},
            CZ: {23: ("已拨付", "序时推进")},
        },
    )
    shutil.copy(may / f"{GX}2023-05台账.xlsx", may / "工信 - 副本.xlsx")
    late = may / "住建四月.xlsx"
    shutil.copy(april / f"{ZJ}2023-04台账.xlsx", late)
    fill(late, {45: ("补报", "序时推进")})
    code, out, err = collect(run, may, reverse)
    assert code == 3
    assert "  住建四月.xlsx：这是 2023-04 的台账，不是本批 2023-05 的\n" in err
    assert f"工信 - 副本.xlsx：与 {GX}2023-05台账.xlsx 完全相同，只记一次\n" in err
    may_lights = lights(run, "--as-of", "2023-05-31")
    assert may_lights[57] == ("红", "连续两期滞后或未报送", [ZJ])
    assert may_lights[2] == ("红", f"{NY}：连续两期滞后或未报送", [NY])
    assert may_lights[23][0] == "绿"
    assert may_lights[3] == ("绿", "序时推进（此前报过已完成）", [])  # 已完成 is not sticky
    notice = run("notice", "--period", "2023-05", "--as-of", "2023-05-31", "-f", "md")
    assert notice.code == 0
    assert "报送期 2023-05，截至 2023-05-31" in notice.out.splitlines()[0]
    assert "| 57 |" in notice.out
    row57 = next(line for line in notice.out.splitlines() if line.startswith("| 57 |"))
    assert "连续两期滞后或未报送" in row57
    assert "已完成" not in row57
    assert "四、此前报已完成、本期未完成的任务（报送期 2023-05，截至 2023-05-31）" in notice.out
    assert f"| {SW} |" in notice.out  # 未报送, as in collect's 催办

    # June. The ledgers go out, then the 督查室 sets 57's deadline: the returned ledger
    # is still accepted (it is checked against what it was issued with).
    june = month(
        run,
        tmp_path,
        "2023-06",
        {ZJ: {57: ("仍未完工", "滞后"), 102: ("完工", "已完成")}, GX: {2: ("投产", "已完成")}},
    )
    assert run("deadline", "57", "6月15日").code == 0
    code, out, err = collect(run, june, reverse)
    assert "被改动" not in err
    assert f"{ZJ}2023-06台账.xlsx：{ZJ} 2023-06 记入 2 条" in err
    june_lights = lights(run, "--as-of", "2023-06-30")
    assert june_lights[57][:2] == ("红", "已超期（截止 2023-06-15）")
    assert june_lights[102][:2] == ("绿", "已完成")
    assert june_lights[2][0] == "红"  # 工信 finished, 农业农村 silent after 滞后
    assert NY in june_lights[2][2]

    # The quarter from the monthly reports: each unit's latest report within it.
    quarter = json.loads(
        run("status", "--period", "2023年二季度", "--as-of", "2023-06-30", "-f", "json").out
    )
    by_id = {t["id"]: t for t in quarter["tasks"]}
    assert quarter["period"] == "2023-Q2"
    assert (by_id[57]["status"], by_id[23]["status"], by_id[102]["status"]) == (
        "滞后",
        "序时推进",
        "已完成",
    )
    assert sum(t["status"] is None for t in quarter["tasks"]) < 127


def test_a_notice_with_no_reports_says_so(run: Runner) -> None:
    result = run("notice", "--period", "2023-05", "-f", "md")
    assert result.code == 0
    assert "注意：2023-05 还没有任何报送，各项按未报送计" in result.err
    assert result.out.splitlines()[0].endswith("——本期尚无报送")
    status = run("status", "--period", "2023-05", "--as-of", "2023-05-31", "-f", "md")
    assert "注意：2023-05 还没有任何报送，各项按未报送计" in status.err
    assert (
        status.out.splitlines()[0] == "## 督办亮灯（报送期 2023-05，截至 2023-05-31）——本期尚无报送"
    )


def test_a_co_led_task_one_unit_behind_one_silent_every_answer_agrees(
    run: Runner, tmp_path: Path
) -> None:
    # 2 is co-led by 工信 (finished its part), 农业农村 (滞后) and 文广 (silent); 24 by 文广
    # (finished) and 禅文化 (silent); 5 is 工信's alone.
    for task, unit, status in [
        (2, GX, "已完成"),
        (2, NY, "滞后"),
        (24, WG, "已完成"),
        (5, GX, "已完成"),
    ]:
        args = ("progress", str(task), "--status", status, "-m", "x", "--unit", unit)
        args += ("--period", "2023-05")
        assert run(*args).code == 0
    when = ("--period", "2023-05", "--as-of", "2023-05-31")
    tasks = {t["id"]: t for t in json.loads(run("status", "-f", "json", *when).out)["tasks"]}
    # Not finished overall: the JSON says 未报送 (null) as the table and the 通报 count it.
    assert (tasks[2]["status"], tasks[24]["status"], tasks[5]["status"]) == (None, None, "已完成")
    assert tasks[2]["missing"] == [WG]
    table = run("status", "--by", "task", "-f", "md", *when).out
    row2 = next(line for line in table.splitlines() if line.startswith("| 2 |"))
    assert "| 未报送 | 黄 |" in row2
    notice = run("notice", "-f", "md", *when).out
    assert "已报送 1 项、未报送 126 项" in notice
    path = tmp_path / "n.docx"
    assert run("notice", "-o", str(path), "--issuer", "县委督查室", *when).code == 0
    text = [p.text for p in docx.Document(str(path)).paragraphs]
    assert f"{GX}：第5项已完成，第2项（本单位牵头部分）已完成。" in text
    assert f"{WG}：第24项（本单位牵头部分）已完成。" in text


def test_the_notice_at_80_columns_keeps_its_headers_whole(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    for task, unit, status in [(2, NY, "滞后"), (57, ZJ, "滞后")]:
        args = ("progress", str(task), "--status", status, "-m", "x", "--unit", unit)
        assert run(*args, "--period", "2023-05").code == 0
    monkeypatch.setenv("COLUMNS", "80")
    out = run("notice", "--period", "2023-05", "--as-of", "2023-05-31", "-f", "table").out
    header = next(line for line in out.splitlines() if line.strip().startswith("序号"))
    # 落后单位 gives way (the reasons name those units) so that no name is cut, and says so.
    assert header.split() == ["序号", "任务", "牵头单位", "责任领导", "情况"]
    below = out.splitlines()[out.splitlines().index(header) + 1]
    assert below.strip().startswith("─")  # no header's tail on a line of its own
    assert "终端较窄，未显示“落后单位”列；加宽终端或写入文件（-o）可看到" in out
