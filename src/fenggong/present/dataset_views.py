"""The dataset as answers: `export` (whole or filtered), `import`'s result, `check`'s verdict."""

from collections.abc import Sequence
from pathlib import Path

from fenggong.plan.kinds import UnitKind
from fenggong.plan.model import Plan
from fenggong.present.task_views import DATASET_COLUMNS, task_view
from fenggong.present.view import Answer, Grid
from fenggong.queries.filters import TaskRow


def dataset_answer(plan: Plan, rows: Sequence[TaskRow], *, whole: bool) -> Answer:
    """The plan (`whole`) or the rows' tasks as a dataset of their own; CSV lists the tasks."""
    from fenggong.plan.document import dataset_document, subset_document

    view = task_view(plan, rows, DATASET_COLUMNS)
    ids = [r.task.id for r in rows]
    document = dataset_document(plan) if whole else subset_document(plan, ids)
    return Answer(screen=Grid(view), records=view, document=document)


def imported_answer(document: dict[str, object]) -> Answer:
    """A dataset document read in by `import` (written as TOML)."""
    from fenggong.present.view import View

    empty = View((), ())
    return Answer(screen=Grid(empty), records=None, document=document)


def check_summary(path: Path, plan: Plan) -> str:
    """The line `check` prints for a file without problems."""
    units = sum(1 for u in plan.units if u.kind is not UnitKind.TOWN)
    return (
        f"{path}：没有发现问题。{len(plan.categories)} 个大类、{len(plan.sections)} 个大项、"
        f"{len(plan.tasks)} 项任务；{units} 个单位（另有 {len(plan.towns)} 个镇政府）、"
        f"{len(plan.leaders)} 位责任领导、{len(plan.towns)} 个镇。"
    )
