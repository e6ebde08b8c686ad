"""Which characters the bundled fonts can print, so that a missing glyph is an input error that
names the character instead of an empty box in a printed document; and which of the two font
families (Noto Sans, Noto Sans Arabic) draws a piece of text.

The two families do not overlap in letters: Noto Sans has no Arabic, Noto Sans Arabic no Latin.
A character in one of the Arabic blocks is drawn with Noto Sans Arabic, everything else with
Noto Sans; coverage.txt guarantees that the chosen font has the glyph.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import _
from .resources import font_path

if TYPE_CHECKING:
    from arabic_reshaper import ArabicReshaper  # type: ignore[import-untyped]

ARABIC_FAMILY = "Noto Sans Arabic"
# Arabic, Arabic Supplement, Extended-B/-A, Presentation Forms-A and -B (not U+FEFF, a BOM).
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefe"
ARABIC = re.compile(f"[{_ARABIC}]")
# Text that needs the bidi algorithm: Arabic, or a control that turns text right-to-left.
RTL = re.compile(f"[{_ARABIC}\u200f\u202b\u202e\u2067]")
# An Arabic run: Arabic characters and the spaces between them (one font, one language).
ARABIC_RUN = re.compile(f"[{_ARABIC}]+(?:[ \u00a0]+[{_ARABIC}]+)*")


@cache
def _ranges() -> tuple[list[int], list[int]]:
    starts, ends = [], []
    text = (font_path("Regular").parent / "coverage.txt").read_text(encoding="ascii")
    for line in text.split():
        start, _dash, end = line.partition("-")
        starts.append(int(start, 16))
        ends.append(int(end, 16))
    return starts, ends


def printable(char: str) -> bool:
    """True if every style of one bundled family can draw ``char`` (see coverage.txt)."""
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


_USABLE: set[str] = set()  # characters already checked and fine (a small, bounded set)


class Unusable(ValueError):
    """A character that cannot be used: ``control`` tells a control character from one the
    fonts lack (what a hint matches on, not the translated message)."""

    def __init__(self, message: str, control: bool) -> None:
        super().__init__(message)
        self.control = control


def first_problem(text: str) -> str | None:
    """A message about the first character in ``text`` that cannot be used, or None."""
    found = first_unusable(text)
    return str(found) if found else None


def first_unusable(text: str) -> Unusable | None:
    """The first character in ``text`` that cannot be used, as an error to raise, or None.

    Every session field and exercise line passes through here: characters already found fine
    are skipped with one set difference, so the per-character checks run once per character.
    """
    if not set(text) - _USABLE:
        return None
    for char in text:
        if char in _USABLE:
            continue
        if unicodedata.category(char) == "Cc":
            return Unusable(_("the control character {character} is not allowed here").format(
                character=describe(char)), control=True)
        if not printable(char):
            return Unusable(_("the character {character} cannot be printed with opvoedkit's "
                              "fonts").format(character=describe(char)), control=False)
        _USABLE.add(char)
    return None


def arabic_font_path(bold: bool = False) -> Path:
    """The bundled Noto Sans Arabic TTF; it has no italics (italic text stays upright)."""
    return font_path("Regular").parent / f"NotoSansArabic-{'Bold' if bold else 'Regular'}.ttf"


def script_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is Arabic) runs, in logical order; Latin-only text is one run."""
    runs: list[tuple[str, bool]] = []
    end = 0
    for match in ARABIC_RUN.finditer(text):
        if match.start() > end:
            runs.append((text[end:match.start()], False))
        runs.append((match.group(), True))
        end = match.end()
    if end < len(text) or not runs:
        runs.append((text[end:], False))
    return runs


@cache
def _reshaper() -> ArabicReshaper:
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.reshaper_config import (  # type: ignore[import-untyped]
        default_config,
    )

    # Every setting given, so that no configuration file named in the environment changes the
    # output. Vowel marks are kept (the name as typed); only the mandatory lam-alef ligatures.
    config = {**default_config, "delete_harakat": False, "ARABIC LIGATURE ALLAH": False}
    return ArabicReshaper(configuration=config)


def shape(text: str) -> str:
    """Arabic letters in their joining forms (presentation forms), still in logical order.

    For renderers that draw characters one by one (reportlab, Pillow's basic layout): Noto Sans
    Arabic maps every presentation form to the same glyph its shaping rules would pick.
    """
    return _reshaper().reshape(text) if ARABIC.search(text) else text
