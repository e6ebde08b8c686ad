"""Renderers: one output each, all reading the same :class:`~opvoedkit.pack.Pack`.

The render stage comes after the layout stage (:mod:`opvoedkit.layout`): the deck draws the
layout's outline and the handbook cites its slide numbers; renderers may import layout, layout
never imports a renderer.

Heavy libraries (python-pptx, reportlab) are imported inside the renderer modules only, so the
CLI starts fast.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Rendered:
    """What a renderer wrote: the file, its manifest kind, and its page or slide count.

    ``anchors`` maps an exercise id to the page (PDF) or slide numbers (deck) where it starts,
    so that the handbook can point at them.
    """

    kind: str
    path: Path
    count: int
    anchors: dict[str, list[int]] = field(default_factory=dict)


def build_timestamp(date: dt.date | None) -> dt.datetime:
    """The one timestamp written into files: SOURCE_DATE_EPOCH, else the session date, else a
    fixed date. Never the clock, so the same input gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    if date is not None:
        return dt.datetime(date.year, date.month, date.day, 8, 0, 0)
    return dt.datetime(2017, 1, 1, 8, 0, 0)
