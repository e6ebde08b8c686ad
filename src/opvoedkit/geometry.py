"""Slide geometry: the slide, its layout kinds, the text frames of our template, type sizes,
and the contrast of colours (WCAG), which validation checks too.

The layout stage's (opvoedkit.layout fits text to these frames), kept in a module of its own
that imports nothing of opvoedkit: validation (template_check, reached from the session loader)
speaks of boxes and frames too, and must not pull in the pack, the plan or a renderer.
"""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_INCH = 914_400
EMU_PER_PT = 12_700
SLIDE_SIZE = (12_192_000, 6_858_000)  # 13.333 × 7.5 in, 16:9

LAYOUT_KINDS = ("title", "section", "content", "two-column", "exercise", "agenda", "closing")
LAYOUT_NAMES = {"title": "Titel", "section": "Sectie", "content": "Inhoud",
                "two-column": "Twee kolommen", "exercise": "Oefening", "agenda": "Agenda",
                "closing": "Afsluiting"}

TITLE_PT = {"title": 44, "section": 40}  # other kinds: DEFAULT_TITLE_PT
DEFAULT_TITLE_PT = 36
MIN_TITLE_PT = 24
BODY_PT = (24, 22, 20)          # a list shrinks this far, then continues on a next slide
FIXED_PT = (24, 22, 20, 18)     # text that cannot move to another slide shrinks to 18 at most
BADGE_PT = (18, 16, 14)
LINE = 1.2                      # exact line spacing of body text, × font size
TITLE_LINE = 1.1                # exact line spacing of titles
GAP = 0.4                       # space before a paragraph (not the first), × font size
INSET_X, INSET_Y = 7.2, 3.6     # text frame insets in pt (the OOXML defaults)
SLACK = 2.0                     # pt kept free at the right edge, against rounding
BULLET_INDENT = 27.0            # pt: hanging indent of bulleted paragraphs (0.375 in)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide in EMU."""

    left: int
    top: int
    width: int
    height: int

    @classmethod
    def inches(cls, left: float, top: float, width: float, height: float) -> Box:
        """A box given in inches."""
        return cls(*(round(v * EMU_PER_INCH) for v in (left, top, width, height)))

    def area(self) -> tuple[float, float]:
        """Width and height in pt available to text, after the insets."""
        return (self.width / EMU_PER_PT - 2 * INSET_X - SLACK,
                self.height / EMU_PER_PT - 2 * INSET_Y)


@dataclass(frozen=True)
class Frame:
    """Where one layout kind puts its text: title, text placeholders, time badge."""

    title: Box
    bodies: tuple[Box, ...]
    badge: Box | None = None
    caps: bool = False  # the template sets titles in capitals, which are wider


_TITLE = Box.inches(0.75, 0.45, 11.83, 1.35)
_BODY = Box.inches(0.75, 2.15, 11.83, 4.55)
# The frames of our own template (scripts/make_deck_template.py draws it from these).
DEFAULT_FRAMES: dict[str, Frame] = {
    "title": Frame(Box.inches(1.1, 1.55, 11.4, 2.45), (Box.inches(1.1, 4.3, 11.4, 2.5),)),
    "section": Frame(Box.inches(1.1, 1.3, 11.4, 2.4), (Box.inches(1.1, 4.0, 11.4, 2.6),)),
    "content": Frame(_TITLE, (_BODY,)),
    "two-column": Frame(_TITLE, (Box.inches(0.75, 2.15, 5.75, 4.55),
                                 Box.inches(6.83, 2.15, 5.75, 4.55))),
    # The time badge heads a column right of the text, level with its first line, so that the
    # title keeps the slide's whole width (a badge beside the title made titles wrap).
    "exercise": Frame(_TITLE, (Box.inches(0.75, 2.15, 8.0, 4.55),),
                      Box.inches(9.08, 2.15, 3.5, 0.6)),
    "agenda": Frame(_TITLE, (_BODY,)),
    "closing": Frame(_TITLE, (_BODY,)),
}


def luminance(colour: str) -> float:
    """Relative luminance of #RRGGBB (WCAG 2)."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)
