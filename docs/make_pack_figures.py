"""Regenerate the README's pictures of the monthly pack (进展汇总, a leader's pack, a 催办通知,
the 通报) from the tool itself: a progress store filled with a fixed, made-up April and May
for the shipped plan, the commands the README shows, then LibreOffice and pdftoppm for
the first page of each file. Needs `soffice` and `pdftoppm` (Debian: libreoffice-calc-nogui,
libreoffice-writer-nogui, fonts-noto-cjk, poppler-utils).

python docs/make_pack_figures.py
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from fenggong.plan.load import load_plan
from fenggong.progress.model import Period, Report, Status
from fenggong.progress.store import Store

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
#: Each made-up report's status, weighted as a month of a real plan tends to run.
STATUSES = [Status.ON_TRACK] * 12 + [Status.AHEAD] * 2 + [Status.LAGGING] * 3 + [Status.DONE]
SAID = {
    Status.ON_TRACK: ("按计划推进，已完成阶段目标。", "", "继续按序时推进。"),
    Status.AHEAD: ("提前完成本阶段目标。", "", "巩固成效，做好收尾。"),
    Status.LAGGING: ("前期手续尚未办结。", "用地、资金未落实。", "协调相关部门加快办理。"),
    Status.DONE: ("已全部完成。", "", ""),
}


def fill(store_path: Path) -> None:
    """April and May for the shipped plan: most units report, some lag, a few stay silent."""
    plan = load_plan(ROOT / "data" / "tasks.toml")
    chance = random.Random(2023)
    reports = []
    for period in (Period(2023, 4), Period(2023, 5)):
        for task in plan.tasks:
            for unit in task.lead_units:
                if chance.random() < 0.08:  # this unit did not report
                    continue
                status = chance.choice(STATUSES)
                progress, problems, steps = SAID[status]
                reports.append(
                    Report(task.id, unit, period, status, progress, problems, steps, "张三")
                )
    with Store(store_path, plan) as store:
        store.add_reports(reports, "docs/make_pack_figures.py")


def run(*args: str, env: dict[str, str], cwd: Path) -> None:
    subprocess.run([sys.executable, "-m", "fenggong", *args], env=env, cwd=cwd, check=True)


def first_page(path: Path, name: str, work: Path) -> None:
    """The file's first page as docs/img/<name>.png (50 dpi)."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(path)],
        check=True,
        capture_output=True,
    )
    pdf = work / (path.stem + ".pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(OUT / name)],
        check=True,
    )  # fmt: skip


def main() -> None:
    work = Path(tempfile.mkdtemp())
    try:
        env = dict(os.environ, FENGGONG_LOG=str(work / "进展.sqlite"))
        fill(work / "进展.sqlite")
        run("summary", "--period", "2023-05", "-o", "5月进展汇总.xlsx", env=env, cwd=work)
        run("summary", "--period", "2023-05", "--split-by", "leader", "-o", "分管领导", env=env,
            cwd=work)  # fmt: skip
        run("remind", "--period", "2023-05", "--by-date", "2023-06-08", "--as-of", "2023-06-05",
            "--issuer", "县委督查室", "-o", "催办", env=env, cwd=work)  # fmt: skip
        run("notice", "--period", "2023-05", "--as-of", "2023-06-05", "--issuer", "县委督查室",
            "--doc-no", "新督通〔2023〕5号", "-o", "5月督查通报.docx", env=env, cwd=work)  # fmt: skip
        first_page(work / "5月进展汇总.xlsx", "summary", work)
        first_page(sorted((work / "分管领导").iterdir())[0], "leader-pack", work)
        first_page(sorted((work / "催办").iterdir())[0], "remind", work)
        first_page(work / "5月督查通报.docx", "notice", work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
