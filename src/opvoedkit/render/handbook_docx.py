"""The facilitator handbook as a Word file: handleiding-begeleider.docx, to edit or publish.

The same sections, in the same order and words, as the PDF (render/handbook.py, wording from
render/wording.py). Headings follow the PDF's bookmarks: a bookmark of level 0 is Heading 1, one
of level 1 (a background, an exercise) Heading 2; the subheadings below them are Heading 2
(under a section) or Heading 3 (under an exercise). The contents are a TOC field.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..pack import ExerciseContent, Pack
from ..text import Span
from . import Rendered
from . import wording as w
from .word import BOX, WordDocument

TITLES = w.HANDBOOK_TITLES


def render(pack: Pack, path: str | Path,
           slide_numbers: Mapping[str, list[int]] | None = None) -> Rendered:
    """Write the handbook as .docx; returns its number of sections (Heading 1).

    The Word file's pages are not the PDF's, so it names a worksheet by its number ("werkblad 3
    in de hand-out"), not by a page; slides are the deck's, so their numbers are given.
    """
    doc = WordDocument(pack, kind=w.HANDBOOK_KIND, subject=w.handbook_subject(pack), size=10,
                       first="none")
    _cover(doc, pack)
    doc.contents(TITLES["inhoud"])
    _section(doc, "gebruik")
    doc.blocks(pack.texts["handleiding-gebruik"].body)
    _section(doc, "overzicht")
    _at_a_glance(doc, pack)
    _section(doc, "draaiboek")
    doc.paragraph(w.RUNSHEET_INTRO)
    runsheet = w.runsheet_rows(pack)
    doc.table(w.RUNSHEET_COLUMNS, [cells for _, cells in runsheet], (22, 52, 30, 30, 36),
              shade_rows=[n for n, (block, _) in enumerate(runsheet, start=1)
                          if w.is_pause(block)])
    _section(doc, "voorbereiding")
    _preparation(doc, pack)
    _section(doc, "achtergrond")
    _backgrounds(doc, pack)
    _section(doc, "begeleiden")
    for name, title in w.guidance(pack):
        doc.heading(title, 2)
        doc.blocks(pack.texts[name].body)
    for ex in pack.exercises:
        if ex.number == 1:
            _section(doc, "oefeningen")
        _exercise(doc, pack, ex, slide_numbers)
    _section(doc, "afsluiting")
    _closing(doc, pack)
    _section(doc, "afspraken")
    doc.paragraph(w.AGREEMENTS_INTRO)
    doc.writing_table(w.AGREEMENT_COLUMNS, w.AGREEMENT_ROWS, 20)
    reading = next((b for b in pack.backgrounds if b.id == w.READING), None)
    if reading:
        _section(doc, "verder-lezen")
        doc.blocks(reading.text)
    _section(doc, "contact", new_page=not reading)
    _contact(doc, pack)
    target = Path(path)
    return Rendered("handbook-docx", target, doc.save(target))


def _section(doc: WordDocument, key: str, *, new_page: bool = True) -> None:
    doc.heading(TITLES[key], 1, bookmark=key, new_page=new_page)


def _cover(doc: WordDocument, pack: Pack) -> None:
    from docx.shared import Mm

    if pack.logo:
        doc.logo(pack.logo)
    kicker = doc.kicker(w.HANDBOOK_KIND)
    kicker.paragraph_format.space_before = Mm(10 if pack.logo else 35)
    doc.paragraph(pack.title, "Title")
    rule = doc.paragraph()
    doc.rule(rule, pack.colour)
    doc.facts(w.cover_facts(pack), label_mm=38)
    made = doc.paragraph(w.made_with(pack), "Kleine tekst")
    made.paragraph_format.space_before = Mm(20)


def _at_a_glance(doc: WordDocument, pack: Pack) -> None:
    doc.heading(w.GOAL, 2)
    doc.blocks(pack.texts["doel-bijeenkomst"].body)
    doc.paragraph(w.groups_line(pack))
    numbers = {ex.id: ex.number for ex in pack.exercises}
    for daypart in pack.program.dayparts:
        doc.heading(w.programme_title(pack, daypart), 2)
        rows = [w.agenda_row(block, numbers) for block in daypart.blocks]
        shaded = [n for n, block in enumerate(daypart.blocks, start=1) if w.is_pause(block)]
        doc.table(w.AGENDA_COLUMNS, rows, (25, 82, 13, 50), shade_rows=shaded, keep=True)


def _preparation(doc: WordDocument, pack: Pack) -> None:
    doc.paragraph(w.preparation_intro(pack))
    doc.heading(w.ROOM, 2)
    doc.checklist(w.room_checklist(pack))
    widths = (8, 62, 16, 84)
    doc.heading(w.PRINTING, 2)
    doc.table(w.PRINT_COLUMNS, [(BOX, what, str(count), note)
                                for what, count, note in w.print_rows(pack)], widths, keep=True)
    doc.heading(w.MATERIALS, 2)
    doc.table(w.MATERIAL_COLUMNS, [(BOX, item, str(quantity), used)
                                   for item, quantity, used in w.material_rows(pack)], widths)


def _backgrounds(doc: WordDocument, pack: Pack) -> None:
    doc.paragraph(w.BACKGROUND_INTRO)
    for background in pack.backgrounds:
        if background.id == w.READING:
            continue
        doc.heading(background.title, 2, bookmark=f"achtergrond-{background.id}")
        doc.blocks(background.text)


def _exercise(doc: WordDocument, pack: Pack, ex: ExerciseContent,
              slides: Mapping[str, list[int]] | None) -> None:
    doc.kicker(w.exercise_kicker(pack, ex), new_page=ex.number > 1)
    doc.heading(w.exercise_title(ex), 2, bookmark=f"oefening-{ex.id}")
    doc.facts(w.exercise_facts(pack, ex, slides, None))
    for title, text in ((w.EXERCISE_GOAL, ex.goal), (w.EXERCISE_PREPARATION, ex.preparation)):
        if text:
            doc.heading(title, 3)
            doc.blocks(text)
    if ex.steps:
        doc.heading(w.EXERCISE_STEPS, 3)
        rows = [(at, (Span(w.step_heading(step), bold=True), Span("\n"), *step.text),
                 str(step.minutes)) for at, step in w.step_times(ex)]
        doc.table(w.STEP_COLUMNS, rows, (16, 141, 13))
    for title, items in ((w.EXERCISE_DEBRIEF, ex.debrief), (w.EXERCISE_TIPS, ex.tips)):
        if items:
            doc.heading(title, 3)
            doc.bullets(items)


def _closing(doc: WordDocument, pack: Pack) -> None:
    line = w.closing_line(pack)
    if line:
        doc.paragraph(line)
    doc.blocks(pack.texts["afsluiting"].body)
    doc.heading(w.AFTERWARDS, 2)
    doc.checklist(w.AFTERWARDS_ITEMS)


def _contact(doc: WordDocument, pack: Pack) -> None:
    if pack.contact:
        doc.paragraph(w.CONTACT_INTRO)
        doc.paragraph(w.person_text(pack.contact))
    else:
        doc.paragraph(w.contact_fallback(pack))
    if pack.facilitators:
        doc.heading(w.FACILITATION, 2)
        doc.bullets([w.person_text(p) for p in pack.facilitators])
