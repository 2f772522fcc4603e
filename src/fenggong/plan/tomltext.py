"""TOML text exactly as tomli-w writes it (`tomli_w.dumps` with its defaults: strings on one
line, arrays one item a line indented by four spaces, an array of tables inline only when
every table fits a line), in a fraction of its time on a plan of thousands of tasks: the
same rules, with text that needs no escape written as it is and keys formatted once.
A string to escape, a bool, a float, a time… is written by tomli-w itself.
tests/plan/test_tomltext.py holds the two equal; the time saved is in docs/design.md."""

import datetime as dt
import re
from collections.abc import Mapping

#: What a TOML basic string must escape (tomli-w's ILLEGAL_BASIC_STR_CHARS).
_ESCAPE = re.compile(r'["\\\x00-\x08\x0a-\x1f\x7f]')
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
#: tomli-w's longest inline table line (MAX_LINE_LENGTH) and its indent.
_MAX_LINE = 100
_INDENT = "    "
#: Types of values that are never a table (checked before the slower Mapping check).
_PLAIN = frozenset({str, int, bool, float, list, tuple, dt.date, dt.datetime})


def dumps(document: Mapping[str, object]) -> str:
    """`tomli_w.dumps(document)`, the same text."""
    out: list[str] = []
    _Writer(out).table(document, "", inside_aot=False)
    return "".join(out)


class _Writer:
    def __init__(self, out: list[str]) -> None:
        self.out = out
        self.keys: dict[str, str] = {}
        #: Inline tables rendered, by the table's id (as tomli-w caches them).
        self.inline: dict[int, str] = {}

    def table(self, table: Mapping[str, object], name: str, *, inside_aot: bool) -> None:
        out = self.out
        yielded = False
        literals: list[str] = []
        tables: list[tuple[str, Mapping[str, object], bool]] = []
        for k, v in table.items():
            kind = type(v)
            if kind is str or kind is int or (isinstance(v, list) and (not v or type(v[0]) is str)):
                # Most values: a literal, quickly (a list opening with a string is no table).
                literals.append(f"{self.key(k)} = {self.literal(v, 0)}\n")
            elif kind is dict or (kind not in _PLAIN and isinstance(v, Mapping)):
                assert isinstance(v, Mapping)
                tables.append((k, v, False))
            elif (
                isinstance(v, list | tuple)
                and v
                and all(type(t) is dict or isinstance(t, Mapping) for t in v)
                and not all(self.fits_inline(t) for t in v)
            ):
                tables.extend((k, t, True) for t in v)
            else:
                literals.append(f"{self.key(k)} = {self.literal(v, 0)}\n")
        if inside_aot or (name and (literals or not tables)):
            yielded = True
            out.append(f"[[{name}]]\n" if inside_aot else f"[{name}]\n")
        if literals:
            yielded = True
            out += literals
        for k, v, in_aot in tables:
            if yielded:
                out.append("\n")
            else:
                yielded = True
            part = self.key(k)
            self.table(v, f"{name}.{part}" if name else part, inside_aot=in_aot)

    def key(self, part: str) -> str:
        found = self.keys.get(part)
        if found is None:
            bare = isinstance(part, str) and _BARE_KEY.fullmatch(part)
            found = part if bare else _by_tomli_w(part, key=True)
            self.keys[part] = found
        return found

    def literal(self, value: object, nest: int) -> str:
        # In tomli-w's order of checks; a str is never any of the types before it there.
        if type(value) is str or isinstance(value, str):
            return '"' + value + '"' if _ESCAPE.search(value) is None else _by_tomli_w(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float | dt.date):  # a datetime is a date
            return str(value)
        if isinstance(value, list | tuple):
            if not value:
                return "[]"
            indent = _INDENT * (1 + nest)
            try:  # names, mostly: strings needing no escape
                joined = "".join(value)  # a TypeError if not all are text
            except TypeError:
                joined = "\\"
            if _ESCAPE.search(joined) is None:
                items = f'",\n{indent}"'.join(value)
                return f'[\n{indent}"{items}",\n{_INDENT * nest}]'
            items = ",\n".join(indent + self.literal(item, nest + 1) for item in value)
            return f"[\n{items},\n{_INDENT * nest}]"
        if isinstance(value, Mapping):
            return self.inline_table(value)
        return _by_tomli_w(value)

    def inline_table(self, table: Mapping[str, object]) -> str:
        found = self.inline.get(id(table))
        if found is None:
            found = (
                "{ "
                + ", ".join(f"{self.key(k)} = {self.literal(v, 0)}" for k, v in table.items())
                + " }"
                if table
                else "{}"
            )
            self.inline[id(table)] = found
        return found

    def fits_inline(self, table: Mapping[str, object]) -> bool:
        rendered = f"{_INDENT}{self.inline_table(table)},"
        return len(rendered) <= _MAX_LINE and "\n" not in rendered


def _by_tomli_w(value: object, *, key: bool = False) -> str:
    """A key, or a value that is not an array or a table, as tomli-w writes it (raising its
    errors for what TOML cannot hold)."""
    import tomli_w

    if key:
        return tomli_w.dumps({value: 0})[: -len(" = 0\n")]  # type: ignore[dict-item]
    return tomli_w.dumps({"v": value})[len("v = ") : -1]
