"""Coerce plain command-line values (text, whole numbers, paths) without pydantic.

Typer 0.29 coerces every option value through a pydantic ``TypeAdapter``, so any command
with an option imports pydantic (~50 ms) before it starts, even ``list-exercises``, which
otherwise needs nothing of pydantic. :func:`install` wraps Typer's ``build_runtime_param`` so
that ``str``, ``int``, ``bool`` and ``Path`` options, and lists of them, without a custom
parser, range or path type get a small conversion of our own (paths then pass Typer's own
existence and permission checks, which need no pydantic once the value is a ``Path``); every
other annotation still goes to Typer. Typer's ``BadParameter`` is raised for bad values, so
errors print as before: ``Invalid value for '--max-minutes': 'abc' is not a whole number.``

This leans on Typer's private layout (``typer.core.build_runtime_param`` and
``typer._coercion.RuntimeParam``). When a Typer release moves them, :func:`install` returns
``False`` and changes nothing: the command line keeps working, only slower.
``tests/test_cli_startup.py`` fails in that case, so the upgrade is noticed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args, get_origin

_TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "off", ""})


def _plain_leaf(annotation: Any) -> type | None:
    """``str``, ``int``, ``bool`` or ``Path`` when the annotation is exactly one of them."""
    return annotation if annotation in (str, int, bool, Path) else None


def _unconstrained(info: Any) -> bool:
    """True when the option has no custom parser, range or path type to honour."""
    try:
        return (all(getattr(info, name) is None for name in ("parser", "min", "max", "path_type"))
                and not info.clamp)
    except AttributeError:
        return False


def _convert(kind: type, value: Any) -> Any:
    """One value as typed on the command line, converted; ValueError when it cannot be."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise ValueError(value)
    if kind is int:
        if isinstance(value, bool):
            raise ValueError(value)
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not text.lstrip("+-").isdigit():
            raise ValueError(value)
        return int(text)
    if kind is Path:
        return value if isinstance(value, Path) else Path(value)
    return str(value)


def install() -> bool:
    """Route plain options around pydantic; False (and nothing changed) if Typer differs."""
    try:
        from typer import _coercion, core
        from typer._click.exceptions import BadParameter
        from typer._param_types import coerce_cli_path
    except ImportError:
        return False
    original = getattr(core, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if original is None or base is None or getattr(original, "opvoedkit_plain", False):
        return original is not None and base is not None

    class PlainRuntimeParam(base):  # type: ignore[misc, valid-type]
        """Converts to ``kind``, element-wise for lists, and raises Typer's BadParameter."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            annotation: Any = self.annotation
            many = get_origin(annotation) is list
            kind = get_args(annotation)[0] if many else annotation
            items = list(value) if many and isinstance(value, (list, tuple)) else [value]
            converted = []
            for item in items:
                try:
                    one = _convert(kind, item)
                except ValueError:
                    expected = {int: "a whole number", bool: "true or false"}.get(
                        kind, f"a valid {kind.__name__}")
                    raise BadParameter(f"{item!r} is not {expected}.", ctx=ctx,
                                       param=param) from None
                if kind is Path:  # Typer's own checks (exists, readable, ...) on a ready Path
                    one = coerce_cli_path(one, self.parameter_info, path_type=Path,
                                          param=param, ctx=ctx)
                converted.append(one)
            return converted if many else converted[0]

    def build_runtime_param(descriptor: Any) -> Any:
        annotation = getattr(descriptor, "annotation", None)
        info = getattr(descriptor, "parameter_info", None)
        many = get_origin(annotation) is list
        leaf = _plain_leaf(get_args(annotation)[0] if many and get_args(annotation)
                           else annotation)
        if (leaf is not None and getattr(descriptor, "file_annotation", True) is None
                and _unconstrained(info)):
            return PlainRuntimeParam(annotation=annotation, parameter_info=info)
        return original(descriptor)

    build_runtime_param.opvoedkit_plain = True  # type: ignore[attr-defined]
    setattr(core, "build_runtime_param", build_runtime_param)  # noqa: B010 (private name)
    return True
