"""Native shapes of a slide diagram: where each goes, what it says, at which size, in which
colour role. Decided here (layout stage), drawn by render/deck.py as editable PowerPoint
autoshapes, text boxes and connectors.

Text in a shape is measured like every other text of the deck (``fitting.fits``) against the
shape's text rectangle: the box less what its preset geometry keeps free (an ellipse writes in
its inner square), less the insets.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..geometry import Box
from ..text import Inline, Span

# Colour roles; the renderer turns them into theme colours of the template (or the brand
# colour) and picks dark or light text by contrast.
ACCENT, LIGHT, PLAIN, MUTED, NONE = "accent", "light", "plain", "muted", "none"
TEXT_SIZES = (24, 22, 20, 18, 16, 14)  # a shape's text shrinks this far
# Of a box, the part an ellipse writes in (PowerPoint's preset text rectangle: the inscribed
# square's corners at 45 degrees, 0.1464 of the width and height in from each side).
ELLIPSE_INSET = 0.1464
ROUND_INSET = 0.16667 * 0.29289  # roundRect's default corner: adj 16667, text inset 0.29289


@dataclass(frozen=True)
class Shape:
    """One native shape: a preset geometry (``rect``, ``roundRect``, ``ellipse``), a text box
    (``text``) or a connector (``line``, from the box's top left to its bottom right corner)."""

    geometry: str
    box: Box
    paras: tuple[Inline, ...] = ()
    size: int = 18
    fill: str = NONE
    outline: str = NONE
    align: str = "ctr"               # l or ctr
    anchor: str = "ctr"              # t or ctr
    arrow: bool = False              # a connector's end is an arrow head
    dashed: bool = False
    name: str = ""

    @property
    def text(self) -> str:
        """All text of the shape, paragraphs on lines."""
        return "\n".join("".join(s.text for s in p) for p in self.paras)


def text_box(geometry: str, box: Box) -> Box:
    """The part of a shape's box its text is set in (before the insets)."""
    if geometry == "ellipse":
        dx, dy = round(box.width * ELLIPSE_INSET), round(box.height * ELLIPSE_INSET)
    elif geometry == "roundRect":
        dx = dy = round(min(box.width, box.height) * ROUND_INSET)
    else:
        return box
    return Box(box.left + dx, box.top + dy, box.width - 2 * dx, box.height - 2 * dy)


def lines(*texts: str, bold_first: bool = False) -> tuple[Inline, ...]:
    """Paragraphs from plain strings, the first bold if asked."""
    return tuple((Span(t, bold=bold_first and i == 0),) for i, t in enumerate(texts) if t)
