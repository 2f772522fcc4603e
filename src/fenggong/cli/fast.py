"""The everyday commands answered without importing Typer (about half of a run's time).

The command line is parsed with a spec compiled from Typer's own declarations
(`cli.spec`, kept in the cache directory), and the very function Typer would call is
called with the very values Typer would pass it, through the same error handling
(`cli.guard`). The command's module is imported with a stand-in for `typer` whose
`Option(...)` and `Argument(...)` are inert: they only annotate parameters, which
matters to Typer alone (anything else asked of the stand-in is Typer's own). Anything the spec does not cover exactly (an unknown option,
`--help`, completion, a value Click would reject or that needs a conversion the spec does
not know) returns before anything is written, and `cli.app.main` (Typer) takes over.
"""

import importlib
import marshal
import os
import sys
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fenggong import __version__

try:  # hashlib would load OpenSSL first (docs/design.md)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the builtin module
    from hashlib import blake2b

_MAGIC = b"FGSPEC01"
_HERE = Path(__file__).resolve().parent
_Param = tuple[Any, ...]


def answer(argv: Sequence[str]) -> None:
    """Run the command line when the spec covers all of it: exits (SystemExit) as
    `cli.app.main` would. Returns, having written nothing, when Typer must do it."""
    args = list(argv)
    if not args or args[0][:1] == "-" or any("_COMPLETE" in name for name in os.environ):
        return
    command = (load_spec() or {}).get(args[0])
    if command is None:
        return
    module, params = command
    given = parse(params, args[1:])
    if given is None:
        return
    before, stand_in = set(sys.modules), "typer" not in sys.modules
    if stand_in:
        sys.modules["typer"] = _StandIn("typer")
    try:
        call = _bind(args[0], module, params, given)
        if call is None:
            return
        from fenggong.cli.guard import finish

        finish(call)
    finally:
        if stand_in:  # leave no module built with the stand-in behind
            if isinstance(sys.modules.get("typer"), _StandIn):
                del sys.modules["typer"]
            for name in set(sys.modules) - before:
                if name.startswith("fenggong.cli."):
                    del sys.modules[name]


def parse(params: Sequence[_Param], args: Sequence[str]) -> dict[str, Any] | None:
    """The values given on the command line, checked as Click checks them, by parameter
    name; None for anything Click might read differently."""
    options: dict[str, tuple[_Param, bool]] = {}
    for p in params:
        options.update(dict.fromkeys(p[1], (p, True)))
        options.update(dict.fromkeys(p[2], (p, False)))
    given: dict[str, Any] = {}
    positional: list[str] = []
    rest = iter(args)
    for token in rest:
        if token[:1] != "-":
            positional.append(token)
            continue
        opt, eq, value = token.partition("=") if token[:2] == "--" else (token[:2], "", token[2:])
        if opt not in options or (token[:2] != "--" and "=" in token):
            return None  # unknown, `--`, `-`, `--help`, clusters: Typer says what it means
        p, on = options[opt]
        name, flag, multiple = p[0], p[3], p[4]
        if flag:
            if eq or value:
                return None
            given[name] = on
            continue
        if not (eq or value):
            following = next(rest, None)
            if following is None:
                return None
            value = following
        if value[:1] == "-" or not _valid(p[6], value):
            return None
        given[name] = [*given.get(name, ()), value] if multiple else value
    arguments = [p for p in params if not p[1]]
    if not arguments:
        return given if not positional else None
    if len(arguments) > 1 or not all(_valid(arguments[0][6], v) for v in positional):
        return None
    name, nargs = arguments[0][0], arguments[0][5]
    if nargs == -1 and positional:
        given[name] = positional
    elif nargs == 1 and len(positional) == 1:
        given[name] = positional[0]
    else:
        return None  # missing or extra: Typer says so
    return given


def _valid(kind: tuple[Any, ...] | None, value: str) -> bool:
    """Whether Click would take this value as it is (`func` types are tried later)."""
    if kind is None:
        return False
    if kind[0] == "int":
        try:
            number = int(value)
        except ValueError:
            return False
        return (kind[1] is None or number >= kind[1]) and (kind[2] is None or number <= kind[2])
    if kind[0] == "choice":
        return value in kind[1]
    return kind[0] in ("str", "func")


def _bind(
    name: str, module: str, params: Sequence[_Param], given: dict[str, Any]
) -> Callable[[], object] | None:
    """The call Typer would make, or None (nothing written) if a value fails to convert."""
    try:
        command = importlib.import_module(f"fenggong.cli.{module}").COMMANDS[name]
        values = {}
        for p in params:
            if p[0] not in given:
                values[p[0]] = decode(p[8])
                continue
            if p[7] is None:
                return None
            value = given[p[0]]
            if p[6][0] == "func":
                check = _attribute(p[6][1])
                value = [check(v) for v in value] if isinstance(value, list) else check(value)
            values[p[0]] = _python(p[7], value)
    except Exception:
        return None
    return lambda: command(**values)


def _python(kind: tuple[Any, ...], value: Any) -> Any:
    """Typer's conversion of Click's value (an enum member, a path, a list)."""
    convert: Callable[[Any], Any]
    if kind[0] == "enum":
        convert = _attribute(kind[1])
    elif kind[0] == "path":
        convert = _path
    else:
        return list(value) if kind[2] else value
    return [convert(v) for v in value] if kind[2] else convert(value)


def _path(value: Any) -> Path:
    return value if isinstance(value, Path) else Path(value)


def _attribute(reference: str) -> Any:
    module, _, name = reference.partition(":")
    if not module.startswith("fenggong."):
        raise ValueError(reference)
    found: Any = importlib.import_module(module)
    for part in name.split("."):
        found = getattr(found, part)
    return found


def decode(value: Any) -> Any:
    """A default as `cli.spec.encode` kept it."""
    if isinstance(value, tuple):
        return _attribute(value[1])(value[2]) if value[0] == "enum" else Path(value[1])
    if isinstance(value, list):
        return [decode(v) for v in value[1:]]
    return value


class _Inert:
    """What `typer.Option(...)` and `typer.Argument(...)` are while the fast path runs."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        return None


class _StandIn(types.ModuleType):
    """`typer` while the fast path runs: declarations are inert; anything else a module
    asks of it (an exception class, say) is Typer's own, imported then."""

    #: Read by `cli.output_options.for_typer`: no command signature is built for Typer.
    inert = True

    def __getattr__(self, name: str) -> Any:
        if name in ("Option", "Argument"):
            return _Inert
        if sys.modules.get("typer") is self:
            del sys.modules["typer"]
        return getattr(importlib.import_module("typer"), name)


# -- the spec, kept in the cache directory ----------------------------------------------


def spec_key() -> str:
    """The package version and a digest of the cli sources the spec was compiled from."""
    hasher = blake2b(digest_size=12)
    for path in sorted(_HERE.iterdir()):
        if path.suffix == ".py":
            hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{__version__}-py{sys.version_info[0]}{sys.version_info[1]}-{hasher.hexdigest()}"


def _depends(spec: dict[str, Any]) -> bytes:
    """A digest of the modules outside cli/ the spec names (enums, value checks)."""
    names = set()
    for _, params in spec.values():
        for p in params:
            for ref in (p[6], p[7], p[8]):
                if isinstance(ref, tuple) and len(ref) > 1 and isinstance(ref[1], str):
                    names.add(ref[1].partition(":")[0])
    hasher = blake2b(digest_size=12)
    root = _HERE.parent
    for module in sorted(names):
        if module.startswith("fenggong."):
            path = root.joinpath(*module.split(".")[1:]).with_suffix(".py")
            hasher.update(module.encode() + b"\0" + path.read_bytes())
    return hasher.digest()


def load_spec() -> dict[str, Any] | None:
    """The spec for these sources, compiled (importing Typer) when there is none yet."""
    from fenggong.plan.cache import cache_dir

    directory = cache_dir()
    if directory is None:
        return None
    path = directory / f"spec-{spec_key()}.marshal"
    try:
        content = path.read_bytes()
        body = content[len(_MAGIC) + 16 :]
        if (
            content[: len(_MAGIC)] == _MAGIC
            and blake2b(body, digest_size=16).digest() == (content[len(_MAGIC) : len(_MAGIC) + 16])
        ):
            depends, spec = marshal.loads(body)
            if depends == _depends(spec):
                return spec  # type: ignore[no-any-return]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    from fenggong.cli.spec import compile_spec

    spec = compile_spec()
    body = marshal.dumps((_depends(spec), spec))
    temp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp.write_bytes(_MAGIC + blake2b(body, digest_size=16).digest() + body)
        temp.replace(path)
        for old in directory.iterdir():  # specs of sources since changed
            if old.name.startswith("spec-") and old != path:
                old.unlink(missing_ok=True)
    except OSError:
        temp.unlink(missing_ok=True)
    return spec
