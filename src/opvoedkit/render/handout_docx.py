"""The participants' hand-out as a Word file: hand-out-deelnemers.docx, to edit or publish.

The same content and words as the PDF (render/handout.py, wording from render/wording.py), in
plain Dutch and larger type: welcome, agenda, the backgrounds' participant text and a worksheet
per exercise, each on a page of its own with its writing space. No facilitator-only text.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Mm

from ..pack import ExerciseContent, Pack
from ..planner import clock
from ..text import Span
from . import Rendered
from . import wording as w
from .word import WordDocument

TITLES = w.HANDOUT_TITLES


def render(pack: Pack, path: str | Path) -> Rendered:
    """Write the hand-out as .docx; returns its number of sections (Heading 1)."""
    from .pdf import day_dates  # reportlab-free itself, but it lives with the PDF helpers

    doc = WordDocument(pack, kind=w.HANDOUT_KIND, subject=w.handout_subject(pack), size=12,
                       first="footer")
    doc.kicker(w.HANDOUT_KIND)
    doc.paragraph(pack.title, "Title")
    if not pack.title_names_municipality:
        doc.paragraph(pack.municipality, "Normal").paragraph_format.space_after = Mm(0)
    when = doc.paragraph(w.handout_when(pack, len(day_dates(pack)) == 1))
    doc.rule(when, pack.colour)
    _heading(doc, "welkom", 1)
    doc.blocks(pack.texts["welkom-deelnemers"].body)
    _agenda(doc, pack)
    _heading(doc, "uitleg", 1, new_page=True)
    for background in pack.backgrounds:
        if background.id != w.READING and background.participants:
            doc.heading(background.title, 2)
            doc.blocks(background.participants)
    for ex in pack.exercises:
        _worksheet(doc, ex)
    _heading(doc, "afspraken", 1, new_page=True)
    doc.paragraph(w.HANDOUT_AGREEMENTS_INTRO)
    doc.writing_table(w.HANDOUT_AGREEMENT_COLUMNS, w.HANDOUT_AGREEMENT_ROWS, 22)
    reading = next((b for b in pack.backgrounds if b.id == w.READING), None)
    if reading and reading.participants:
        _heading(doc, "lezen", 2)
        doc.blocks(reading.participants)
    _heading(doc, "contact", 2)
    people = w.handout_contacts(pack)
    if people:
        doc.paragraph(w.HANDOUT_CONTACT_INTRO)
        doc.bullets([", ".join(parts) for parts in people])
    else:
        doc.paragraph(w.handout_no_contact(pack))
    target = Path(path)
    return Rendered("handout-docx", target, doc.save(target))


def _heading(doc: WordDocument, key: str, level: int, *, new_page: bool = False) -> None:
    doc.heading(TITLES[key], level, bookmark=key, new_page=new_page)


def _agenda(doc: WordDocument, pack: Pack) -> None:
    _heading(doc, "programma", 2)
    several = len(pack.program.dayparts) > 1
    for daypart in pack.program.dayparts:
        if several:
            line = doc.paragraph((Span(w.handout_daypart(daypart), bold=True),))
            line.paragraph_format.keep_with_next = True
        rows = [(f"{clock(b.start)}–{clock(b.end)}", b.title) for b in daypart.blocks]
        shaded = [n for n, block in enumerate(daypart.blocks, start=1) if w.is_pause(block)]
        doc.table(w.HANDOUT_AGENDA_COLUMNS, rows, (32, 138), shade_rows=shaded, keep=True)


def _worksheet(doc: WordDocument, ex: ExerciseContent) -> None:
    doc.heading(w.worksheet_title(ex), 1, bookmark=f"werkblad-{ex.id}", new_page=True)
    doc.kicker(w.worksheet_time(ex))
    doc.blocks(ex.worksheet)
    if ex.worksheet_space == "lines":
        doc.ruled(ex.worksheet_lines)
    elif ex.worksheet_space == "table" and ex.worksheet_columns:
        doc.writing_table(ex.worksheet_columns, ex.worksheet_rows, 22)
