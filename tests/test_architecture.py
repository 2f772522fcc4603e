"""The package's shape: layers that import only downwards, no import cycle, small modules.

The import graph is read from the source with `ast`, lazy imports inside functions included,
so a cycle hidden in a function body is found as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "fenggong"
#: Each layer and the layers it may import from (the base modules are open to all).
LAYERS = {
    "cli": {"present", "queries", "intake", "progress", "plan"},
    "present": {"queries", "intake", "progress", "plan"},
    "intake": {"plan"},
    "queries": {"progress", "intake", "plan"},
    "progress": {"intake", "plan"},
    "plan": set(),
}
BASE = {
    "fenggong",
    "fenggong.clock",
    "fenggong.errors",
    "fenggong.files",
    "fenggong.sheetstyle",
    "fenggong.textnorm",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every fenggong module this file imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("fenggong"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fenggong"):
            module = node.module or ""
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                found.add(
                    candidate
                    if (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists()
                    or (PACKAGE.parent / candidate.replace(".", "/")).is_dir()
                    else module
                )
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: imports(path) & modules.keys() for name, path in modules.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle of imports as the list of modules on it, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (cycle := visit(start)) is not None:
            return cycle
    return None


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else None


def test_no_import_cycle() -> None:
    assert find_cycle(graph()) is None


def test_the_cycle_finder_finds_a_planted_cycle() -> None:
    edges = graph()
    edges["fenggong.plan.model"] = {*edges["fenggong.plan.model"], "fenggong.plan.load"}
    cycle = find_cycle(edges)
    assert cycle is not None
    assert cycle[0] == cycle[-1]


def test_imports_point_down_the_layers() -> None:
    wrong = []
    for module, targets in graph().items():
        own = layer(module)
        for target in targets:
            other = layer(target)
            if module == "fenggong.__main__" or target in BASE or other is None or other == own:
                continue
            if own is None or other not in LAYERS[own]:
                wrong.append(f"{module} → {target}")
    assert wrong == []


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.stem)
def test_module_is_small_and_says_what_it_is_for(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400
    if text.strip():
        assert ast.get_docstring(ast.parse(text)), f"{path.name} has no docstring"


def test_readme_code_layout_names_every_folder_and_only_real_paths() -> None:
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### 代码结构", 1)[1].split("\n## ", 1)[0]
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    for folder in folders - {"data"}:
        assert f"`{folder}/`" in section
    import re

    for name in re.findall(r"`([a-z_]+\.py)`", section):
        assert list(PACKAGE.rglob(name)), f"README names {name}, which does not exist"


def test_command_modules_do_not_import_each_other() -> None:
    # A feature lives below the CLI; commands share it from there, not from one another.
    # cli/app.py registers the commands; the option, language, tracking, error-guard and
    # fast-path helpers serve them.
    shared = {
        "fenggong.cli",
        "fenggong.cli.app",
        "fenggong.cli.options",
        "fenggong.cli.output_options",
        "fenggong.cli.language",
        "fenggong.cli.tracking",
        "fenggong.cli.guard",
        "fenggong.cli.spec",
        "fenggong.cli.fast",
        "fenggong.cli.pack_options",
    }
    edges = graph()
    wrong = [
        f"{module} → {target}"
        for module, targets in edges.items()
        if module.startswith("fenggong.cli.") and module not in shared
        for target in targets
        if target.startswith("fenggong.cli.") and target not in shared
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "init", sorted((PACKAGE / "present").rglob("__init__.py")), ids=lambda p: p.parent.name
)
def test_present_packages_import_nothing(init: Path) -> None:
    # `import fenggong.present.render.text` runs every __init__.py on the way: a re-export
    # there would load renderers (openpyxl, docx, Rich) on paths that never use them.
    tree = ast.parse(init.read_text(encoding="utf-8"))
    assert [type(node).__name__ for node in tree.body[1:]] == []
