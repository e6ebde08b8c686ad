"""Which characters the bundled fonts can print, so that a missing glyph is an input error that
names the character instead of an empty box in a printed document."""

from __future__ import annotations

import bisect
import unicodedata
from functools import cache

from .resources import font_path


@cache
def _ranges() -> tuple[list[int], list[int]]:
    starts, ends = [], []
    text = (font_path("Regular").parent / "coverage.txt").read_text(encoding="ascii")
    for line in text.split():
        start, _, end = line.partition("-")
        starts.append(int(start, 16))
        ends.append(int(end, 16))
    return starts, ends


def printable(char: str) -> bool:
    """True if every bundled style can draw ``char``."""
    point = ord(char)
    starts, ends = _ranges()
    index = bisect.bisect_right(starts, point) - 1
    return index >= 0 and point <= ends[index]


def describe(char: str) -> str:
    """``'😀' (U+1F600 GRINNING FACE)``."""
    name = unicodedata.name(char, "")
    shown = char if unicodedata.category(char)[0] not in "CZ" else ""
    label = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    return f"'{shown}' ({label})" if shown else f"({label})"


def first_problem(text: str) -> str | None:
    """A message about the first character in ``text`` that cannot be used, or None."""
    for char in text:
        if unicodedata.category(char) == "Cc":
            return f"the control character {describe(char)} is not allowed here"
        if not printable(char):
            return f"the character {describe(char)} cannot be printed with opvoedkit's fonts"
    return None
