"""Errors a user can cause, and how they reach the terminal.

Every mistake in a file a user wrote is an :class:`InputError` carrying one or more
:class:`Problem` rows (file, line, column, message, hint). The CLI maps the error classes to
exit codes in one place (:func:`exit_code`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .i18n import _

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INPUT = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, at one position (1-based line and column; 0 = unknown)."""

    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    field: tuple[str | int, ...] = ()  # where in the session it lies, when line is not known yet

    def format(self) -> str:
        """Render as ``FILE:LINE:COL: message`` plus an indented hint line."""
        where = visible(self.file)
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {visible(self.message)}"
        if self.hint:
            text += "\n    " + _("hint: {hint}").format(hint=visible(self.hint))
        return text


def visible(text: str) -> str:
    """``text`` with control, format and separator characters written as ``\\u202e``: a
    message echoes what a user typed, and a terminal must not act on it (reorder the line,
    clear the screen, start a new line)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in "\n\t" or unicodedata.category(c) == "Zs" else
                   (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
                   for c in text)


class OpvoedkitError(Exception):
    """Base class of every error opvoedkit raises on purpose."""


class InputError(OpvoedkitError):
    """Raised when a session, batch, exercise or template file is wrong (exit code 2)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def __reduce__(self) -> tuple[type[InputError], tuple[tuple[Problem, ...]], dict[str, Any]]:
        # Pickled with its problems (a build's helper lane sends errors to the main process);
        # the default would rebuild it from the joined message text.
        return type(self), (self.problems,), self.__dict__

    @classmethod
    def single(cls, file: str | Path, message: str, hint: str = "", line: int = 0,
               column: int = 0) -> InputError:
        """One problem, built in one call."""
        return cls([Problem(str(file), line, column, message, hint)])


class UsageError(OpvoedkitError):
    """Raised when a command is called in a way that cannot work (exit code 2)."""


class RenderError(OpvoedkitError):
    """Raised when an output document cannot be produced although the input was valid (exit 1)."""


class ProblemCollector:
    """Gathers problems so that a loader can report all of them at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str | Path, line: int, column: int, message: str, hint: str = "") -> None:
        """Record one problem."""
        self.problems.append(Problem(str(file), line, column, message, hint))

    def raise_if_any(self) -> None:
        """Raise one InputError holding every recorded problem, sorted by position."""
        if self.problems:
            ordered = sorted(self.problems, key=lambda p: (p.file, p.line, p.column))
            raise InputError(ordered)


def exit_code(error: BaseException) -> int:
    """The process exit code for an error (contract in DESIGN.md)."""
    if isinstance(error, InputError | UsageError):
        return EXIT_INPUT
    return EXIT_FAILURE
