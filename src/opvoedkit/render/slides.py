"""Moved: the deck's outline, its fitting and its geometry are the layout stage's
(:mod:`opvoedkit.layout`). These names stay importable here only for the template script
(scripts/make_deck_template.py) and a test that still use this path; new code imports layout.
"""

from __future__ import annotations

from ..geometry import (
    DEFAULT_FRAMES,
    DEFAULT_TITLE_PT,
    LAYOUT_NAMES,
    SLIDE_SIZE,
    TITLE_PT,
    Box,
)
from ..layout.fitting import text_width

__all__ = ["DEFAULT_FRAMES", "DEFAULT_TITLE_PT", "LAYOUT_NAMES", "SLIDE_SIZE", "TITLE_PT", "Box",
           "text_width"]
