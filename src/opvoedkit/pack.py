"""The Pack: everything a pack says, as plain data, ready for the renderers.

Composed by compose.py; read by the layout stage and by every renderer. This module holds only
the data classes, so that a renderer (or the forked process that renders the PDFs) loads them
without pydantic, Jinja or Markdown parsing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .people import Table
from .planner import Program, clock
from .text import Block as TextBlock
from .text import Inline
from .version import __version__


def title_names(title: str, municipality: str) -> bool:
    """Whether ``title`` already says ``municipality`` (in any case)."""
    return municipality.casefold() in title.casefold()


@dataclass(frozen=True)
class StepContent:
    """One step with its minutes scaled to the planned length of the exercise."""

    number: int
    title: str
    minutes: int
    text: Inline


@dataclass(frozen=True)
class MaterialContent:
    """A material with the quantity for this session's group."""

    item: str
    quantity: int
    per: str


@dataclass(frozen=True)
class PrintableContent:
    """A card set, sheet or poster to print, in the number of copies this session needs."""

    exercise_id: str
    exercise_title: str
    kind: str           # cards, sheet or poster
    title: str
    copies: int         # sets of cards, sheets or posters in all
    items: tuple[str, ...]
    figure: str         # what a poster shows: circles, quadrant, grid, four, map, timeline
    size: str           # A4 or A3


@dataclass(frozen=True)
class ExerciseContent:
    """One exercise as it will be run in this session."""

    id: str
    number: int
    title: str
    part: str
    part_label: str
    toolkit_part: str | None
    minutes: int
    minutes_range: tuple[int, int, int]
    start: str
    end: str
    daypart: int
    group_form: str
    group_label: str
    groups: str
    materials: tuple[MaterialContent, ...]
    goal: tuple[TextBlock, ...]
    preparation: tuple[TextBlock, ...]
    steps: tuple[StepContent, ...]
    debrief: tuple[Inline, ...]
    tips: tuple[Inline, ...]
    worksheet: tuple[TextBlock, ...]
    worksheet_space: str
    worksheet_lines: int
    worksheet_columns: tuple[str, ...]
    worksheet_rows: int
    slide: tuple[Inline, ...]
    tables: tuple[Table, ...] = ()  # who sits at each table, when the session gives the mix
    regrouping: str = ""            # whether the groups stay as before or are new
    lead: str | None = None         # the facilitator who leads it
    support: str | None = None      # ... and who supports
    printables: tuple[PrintableContent, ...] = ()


@dataclass(frozen=True)
class BackgroundContent:
    """One background block as slide bullets, facilitator text and participant text."""

    id: str
    title: str
    slide: tuple[Inline, ...]
    text: tuple[TextBlock, ...]
    participants: tuple[TextBlock, ...]


@dataclass(frozen=True)
class FixedText:
    """A fixed text from templates/texts: slide bullets (may be empty) and body blocks."""

    slide: tuple[Inline, ...]
    body: tuple[TextBlock, ...]


@dataclass(frozen=True)
class Person:
    """A facilitator or contact."""

    name: str
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Pack:
    """Everything a pack says, ready for the renderers."""

    municipality: str
    slug: str
    title: str
    date: dt.date | None
    date_text: str | None
    venue: str | None
    audience: tuple[str, ...]
    audience_text: str
    participants: int
    participants_estimated: bool
    facilitators: tuple[Person, ...]
    contact: Person | None
    logo: Path | None
    colour: str | None
    template: Path | None
    program: Program
    exercises: tuple[ExerciseContent, ...]
    backgrounds: tuple[BackgroundContent, ...]
    texts: Mapping[str, FixedText]
    version: str = __version__

    @property
    def title_names_municipality(self) -> bool:
        """Whether the title already says the municipality ("… in 's-Hertogenbosch"): then a
        cover or calendar entry does not add it a second time."""
        return title_names(self.title, self.municipality)

    @property
    def full_title(self) -> str:
        """The title with the municipality, unless the title already names it."""
        if self.title_names_municipality:
            return self.title
        return f"{self.title} – {self.municipality}"

    @property
    def first_start(self) -> str:
        """Clock time the meeting starts."""
        return clock(self.program.dayparts[0].start)

    @property
    def last_end(self) -> str:
        """Clock time the meeting ends."""
        return clock(self.program.dayparts[-1].end)
