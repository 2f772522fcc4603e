"""What `fenggong check` will say of a document `import` is about to write: nothing, gaps
the source leaves that the review list names (a declared total not met, a task without a
lead unit: written, and said), or anything else (the importer made something check
refuses, such as a line break in a 序号: not written)."""

from __future__ import annotations

from fenggong.plan.load import check_document

#: Stands in for a missing lead unit while checking what else `check` would say.
_FILLER = "（待补）"


def verdict(document: dict[str, object]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(what keeps the document from being written, what `check` will say of it written)."""
    said = check_document(document)
    if not said:
        return (), ()
    rest = check_document(_gaps_filled(document))
    return (tuple(rest), ()) if rest else ((), tuple(said))


def _gaps_filled(document: dict[str, object]) -> dict[str, object]:
    """The document with the totals it declares set to those read and a stand-in for
    each missing lead unit: what is left is the importer's own doing."""
    plan, categories, sections, tasks, units = (
        document[k] for k in ("plan", "categories", "sections", "tasks", "units")
    )
    assert isinstance(plan, dict)
    assert isinstance(categories, list)
    assert isinstance(sections, list)
    assert isinstance(tasks, list)
    assert isinstance(units, list)
    under = [str(s.get("id", "")).split(".")[0] for s in sections if isinstance(s, dict)]
    counted = {
        "declared_categories": len(categories),
        "declared_sections": len(sections),
        "declared_tasks": len(tasks),
    }
    leadless = any(isinstance(t, dict) and t.get("lead_units") == [] for t in tasks)
    return {
        **document,
        "plan": {**plan, **counted},
        "categories": [
            {**c, "declared_sections": under.count(str(c.get("number")))}
            if isinstance(c, dict)
            else c
            for c in categories
        ],
        "units": [*units, {"name": _FILLER, "kind": "county"}] if leadless else units,
        "tasks": [
            {**t, "lead_units": [_FILLER]}
            if isinstance(t, dict) and t.get("lead_units") == []
            else t
            for t in tasks
        ],
    }
