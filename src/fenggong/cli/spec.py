"""What the fast path (`cli.fast`) knows about the everyday commands, compiled from Typer's
own declarations: the Click command tree Typer builds, walked once and kept in the cache
directory. Options are declared only in the Typer commands; whatever is added there flows
into the spec with the next compile, since the spec is keyed by the package version and a
digest of the cli sources (`cli.fast.spec_key`).

A command's spec: the module that defines it, and each parameter as a tuple

    (name, opts, secondary_opts, flag, multiple, nargs, value_type, python_type, default)

(`opts` empty for an argument)
with `value_type` Click's check of a typed value (("str",), ("int", min, max),
("choice", choices) or ("func", "module:function")), `python_type` Typer's conversion
after it (("enum", "module:Class"), ("path",) or None, and whether a list) and `default`
what Typer passes when the parameter is not given, as `encode` writes it. A parameter
the fast path cannot reproduce exactly has the value type None: a command line that
uses it goes to Typer. A command with anything Click would do on its own (callbacks,
environment variables, prompts) is left out whole.
"""

from enum import Enum
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import typer
from typer.main import get_params_convertors_ctx_param_name_from_function
from typer.utils import get_params_from_function

#: The everyday commands the fast path answers (anything else always goes to Typer).
FAST = (
    "tasks",
    "show",
    "brief",
    "workload",
    "overlap",
    "status",
    "units",
    "leaders",
    "towns",
    "sections",
)
Spec = dict[str, tuple[str, tuple[tuple[Any, ...], ...]]]


def compile_spec() -> Spec:
    """Each fast command's module and parameters, read from the Click tree Typer builds."""
    import importlib

    from fenggong.cli.app import COMMAND_MODULES, build_app

    group = typer.main.get_command(build_app(FAST))
    spec: Spec = {}
    for name in FAST:
        module = COMMAND_MODULES[name]
        callback = importlib.import_module(f"fenggong.cli.{module}").COMMANDS[name]
        params = _params(name, group.commands[name], callback)  # type: ignore[attr-defined]
        if params is not None:
            spec[name] = (module, params)
    return spec


def _params(name: str, command: Any, callback: Any) -> tuple[tuple[Any, ...], ...] | None:
    """The command's parameters, or None when Click would do more than parse them."""
    if command.context_settings or not command.allow_interspersed_args:
        return None
    annotations = {k: v.annotation for k, v in get_params_from_function(callback).items()}
    _, convertors, context = get_params_convertors_ctx_param_name_from_function(callback)
    if context is not None or set(annotations) != {p.name for p in command.params}:
        return None
    defaults = command.make_context(name, [], resilient_parsing=True).params
    params = []
    for p in command.params:
        if p.callback or p.envvar or not p.expose_value or getattr(p, "prompt", None):
            return None
        if p.is_eager or getattr(p, "count", False):
            return None
        default = defaults.get(p.name)
        if p.name in convertors:
            default = convertors[p.name](default)
        flag = bool(getattr(p, "is_flag", False))
        try:
            kept = encode(default)
        except TypeError:
            return None
        params.append(
            (
                p.name,
                tuple(p.opts) if p.param_type_name == "option" else (),
                tuple(p.secondary_opts),
                flag,
                bool(p.multiple),
                p.nargs,
                ("flag",) if flag and _is_bool(p.type) else _value_type(p.type),
                _python_type(annotations[p.name]),
                kept,
            )
        )
    return tuple(params)


def _is_bool(kind: Any) -> bool:
    return type(kind).__name__ == "BoolParamType"


def _value_type(kind: Any) -> tuple[Any, ...] | None:
    """How Click checks a value of this type, when the fast path can do it exactly."""
    match type(kind).__name__:
        case "StringParamType":
            return ("str",)
        case "IntParamType":
            return ("int", None, None)
        case "IntRange" if not (kind.clamp or kind.min_open or kind.max_open):
            return ("int", kind.min, kind.max)
        case "Choice" | "TyperChoice" if kind.case_sensitive and all(
            isinstance(c, str) for c in kind.choices
        ):
            return ("choice", tuple(kind.choices))
        case "FuncParamType" if kind.func.__module__.startswith("fenggong."):
            return ("func", f"{kind.func.__module__}:{kind.func.__qualname__}")
    return None


def _python_type(annotation: Any) -> tuple[Any, ...] | None:
    """Typer's conversion of Click's value: (kind, class, is a list), or None if unknown."""
    many = get_origin(annotation) is list
    if many:
        (annotation,) = get_args(annotation)
    if get_origin(annotation) in (Union, UnionType):
        inner = [a for a in get_args(annotation) if a is not NoneType]
        annotation = inner[0] if len(inner) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ("enum", f"{annotation.__module__}:{annotation.__qualname__}", many)
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return ("path", None, many)
    if annotation in (str, int, bool):
        return ("plain", None, many)
    return None


def encode(value: Any) -> Any:
    """A default as `marshal` can keep it: enums and paths tagged, lists as lists."""
    if isinstance(value, Enum):
        return ("enum", f"{type(value).__module__}:{type(value).__qualname__}", value.value)
    if isinstance(value, Path):
        return ("path", str(value))
    if isinstance(value, list):
        return ["list", *map(encode, value)]
    if value is None or isinstance(value, bool | int | str):
        return value
    raise TypeError(f"cannot keep a default of type {type(value).__name__}")
