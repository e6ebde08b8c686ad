"""pydantic's validation errors as problems at a position in a YAML file (``file:line:col``).

Shared by the session file (config.py) and the exercise files (library.py): reading an exercise
needs only this, not the session model and what it imports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .errors import Problem
from .i18n import _
from .yamlio import Located

Locator = Callable[[tuple[Any, ...], bool], tuple[str, int, int]]
Text = Callable[[Mapping[str, Any]], str]  # an error worded for people


def locator(located: Located) -> Locator:
    """Positions of values (or keys, when the flag is set) in one loaded YAML file."""
    return lambda path, key: (located.file, *located.position(path, key=key))


def pydantic_text(error: Mapping[str, Any]) -> str:
    """pydantic's own message for an error, without its "Value error, " prefix."""
    return str(error["msg"]).removeprefix("Value error, ")


def message(error: Mapping[str, Any], text: Text = pydantic_text) -> str:
    """One error as a line for people: the field's path, then ``text`` of what is wrong."""
    loc = error["loc"]
    if error["type"] == "extra_forbidden":
        return _("unknown field `{name}`").format(name=loc[-1])
    if error["type"] == "missing":
        return _("required field `{name}` is missing").format(name=loc[-1])
    where = ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in loc).replace(".[",
                                                                                         "[")
    return f"`{where}`: {text(error)}" if where else text(error)


def positioned(errors: Iterable[Mapping[str, Any]], locate: Located | Locator,
               hint: Text = lambda error: "", text: Text = pydantic_text) -> list[Problem]:
    """pydantic's error dicts (their ``loc`` already free of union-member tags) as positioned
    problems, one per distinct location; ``hint`` and ``text`` word them for one kind of file."""
    where = locator(locate) if isinstance(locate, Located) else locate
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if loc in seen:
            continue
        seen.add(loc)
        key = error["type"] == "extra_forbidden"
        # a missing field is reported at the mapping that lacks it
        file, line, column = where(loc[:-1] if error["type"] == "missing" else loc, key)
        problems.append(Problem(file, line, column, message(error, text), hint(error)))
    return problems
