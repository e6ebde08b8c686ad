"""The layout stage: what the documents of one pack say about each other, before any is drawn.

load → plan → compose → **lay out** → render → write. Layout owns the slide geometry
(``opvoedkit.geometry``, a module apart so that validation can import it without this stage),
fitting text to it (``fitting``), and the deck's outline with the slide numbers of every
exercise (``outline``): the deck renderer draws this outline and the handbook cites its
numbers, so both read one :class:`Layout`, computed once per pack. It reads the Pack and the
template's text frames (``template_check.frames_for`` reads those from the .pptx); it imports
no renderer, python-pptx or reportlab.

The hand-out's page numbers, which the handbook cites too, are the one reference laid out by
its renderer: only reportlab knows where its pages break (``render.handout.page_anchors``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..geometry import Frame
from ..pack import Pack
from .fitting import SlideSpec
from .outline import numbers, outline

__all__ = ["Layout", "SlideSpec", "lay_out"]


@dataclass(frozen=True)
class Layout:
    """One pack laid out: the deck's fitted slides, and the slide numbers (1-based) each
    exercise is shown on."""

    slides: tuple[SlideSpec, ...]
    slide_numbers: dict[str, list[int]]


def lay_out(pack: Pack, frames: Mapping[str, Frame]) -> Layout:
    """Lay a pack out on the text frames of its template."""
    slides = tuple(outline(pack, frames))
    return Layout(slides, numbers(slides))
