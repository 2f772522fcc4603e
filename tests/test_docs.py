"""Docs that describe the code are checked against it (sqlite-utils' tests/test_docs.py):
docs/design.md names every module, both README parts name every command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fenggong.cli.app import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "fenggong"
DESIGN = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
CHINESE, ENGLISH = README.split("\n## English\n", 1)
MODULES = sorted(
    p.relative_to(PACKAGE).as_posix()
    for p in PACKAGE.rglob("*.py")
    if p.name != "__init__.py" and "__pycache__" not in p.parts
)


def layer_tree(picture: str | None = None) -> set[str]:
    """The modules the layer picture of docs/design.md names, as paths in the package: two
    spaces of indent per level, a folder's entries one level under it, at any depth."""
    block = picture or DESIGN.split("## The layers", 1)[1].split("```", 2)[1]
    named: set[str] = set()
    folders: list[str] = []  # folders[d - 1] is the folder open at depth d
    for line in block.splitlines():
        found = re.match(r"^( +)(\S+)", line)
        if found is None:
            continue
        depth, name = len(found[1]) // 2, found[2]
        if depth > len(folders) + 1 or not name.endswith(("/", ".py")):
            continue  # a description carried over to the next line
        del folders[depth - 1 :]
        if name.endswith("/"):
            folders.append(name)
        else:
            named.add("".join(folders) + name)
    return named


@pytest.mark.parametrize("module", MODULES)
def test_design_names_every_module(module: str) -> None:
    assert module in layer_tree(), f"docs/design.md does not name {module}"


def test_design_names_only_real_modules() -> None:
    assert layer_tree() - set(MODULES) == set()


def test_the_layer_picture_reads_nested_folders() -> None:
    picture = """
fenggong/
  errors.py    base
  present/     a layer
    view.py    on top
    render/    a package
      text.py  one format
      terminal/
        screen.py
    output.py  back on the layer
               render/xlsx.py named in a description
"""
    assert layer_tree(picture) == {
        "errors.py",
        "present/view.py",
        "present/render/text.py",
        "present/render/terminal/screen.py",
        "present/output.py",
    }


def test_the_layer_picture_has_every_folder() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    picture = DESIGN.split("Imports point down:", 1)[1].split("\n\n", 1)[0]
    assert [f for f in sorted(folders - {"data"}) if f"`{f}`" not in picture] == []


@pytest.mark.parametrize("command", list(COMMAND_MODULES))
def test_the_chinese_readme_shows_every_command(command: str) -> None:
    assert f"fenggong {command}" in CHINESE


@pytest.mark.parametrize("command", list(COMMAND_MODULES))
def test_the_english_readme_names_every_command(command: str) -> None:
    assert f"`{command}`" in ENGLISH or f"fenggong {command}" in ENGLISH
