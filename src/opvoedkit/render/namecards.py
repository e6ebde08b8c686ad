"""Name tents: naambordjes.pdf, one folded A4 (landscape) per person.

The sheet folds in half along its long middle line; the name (and organisation, smaller) is on
both halves, the upper half turned 180°, so that it reads upright on both sides of the standing
tent. One tent per facilitator, then blank ones with a writing line for the participants: as
many as expected, plus spares.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..pack import Pack, Person
from . import Rendered
from .paper import DASH, FullPage, draw_text_box
from .pdf import BOTTOM, FONT, MARGIN, MUTED, RULE, PackDocument, fit

KIND = "Naambordjes"
SPARE = 4                    # blank tents beyond the expected participants
PAGE_W, PAGE_H = landscape(A4)
HALF = PAGE_H / 2            # the fold
SIDE = 18 * mm               # text keeps this far from the left and right edges
EDGE = 12 * mm               # ... and from the outer edge of each half (the table)


def render(pack: Pack, path: Path) -> Rendered:
    """Write naambordjes.pdf: a tent per facilitator, then blank tents for participants."""
    doc = PackDocument(path, pack, kind=KIND, wide=True, first="none",
                       subject=f"Naambordjes voor de bijeenkomst in {pack.municipality}")
    return Rendered("name-cards", Path(path), doc.render(tents(pack)))


def blank_count(pack: Pack) -> int:
    """Blank tents: one per expected participant, plus spares."""
    return pack.participants + SPARE


def tents(pack: Pack) -> list[Flowable]:
    """One page per tent, the facilitators' first; a bookmark for each facilitator's tent and
    one for the first blank tent."""
    footer = pack.full_title
    people: list[Person | None] = [*pack.facilitators, *[None] * blank_count(pack)]
    marks = [p.name for p in pack.facilitators] + [f"Lege naambordjes ({blank_count(pack)})"]
    return [FullPage(partial(_tent, person=person, footer=footer), (MARGIN, BOTTOM),
                     partial(_bookmark, key=f"tent-{index}", title=marks[index])
                     if index < len(marks) else None)
            for index, person in enumerate(people)]


def _bookmark(canv: Canvas, key: str, title: str) -> None:
    canv.bookmarkHorizontal(key, 0, PAGE_H)
    canv.addOutlineEntry(title, key, 0)


def _tent(canv: Canvas, person: Person | None, footer: str) -> None:
    """Both halves and the fold line; the upper half is the lower one turned 180°."""
    _half(canv, person, footer)
    canv.saveState()
    canv.translate(PAGE_W, PAGE_H)
    canv.rotate(180)
    _half(canv, person, footer)
    canv.restoreState()
    _fold(canv)


def _half(canv: Canvas, person: Person | None, footer: str) -> None:
    """The lower half, as it reads when the tent stands: its top edge is the fold."""
    width = PAGE_W - 2 * SIDE
    if person is None:
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        line_y = EDGE + 42 * mm
        canv.line(SIDE + 20 * mm, line_y, PAGE_W - SIDE - 20 * mm, line_y)
        canv.setFillColor(MUTED)
        canv.setFont(FONT, 7)
        canv.drawCentredString(PAGE_W / 2, line_y - 4 * mm, "Schrijf hier je naam")
        canv.restoreState()
    else:
        name_box = (SIDE, EDGE + 36 * mm, width, 44 * mm)
        draw_text_box(canv, [person.name], *name_box, largest=60, smallest=20, bold=True,
                      leading=1.12)
        if person.organisation:
            draw_text_box(canv, [person.organisation], SIDE, EDGE + 14 * mm, width, 20 * mm,
                          largest=22, smallest=10, leading=1.15)
    canv.saveState()
    canv.setFillColor(MUTED)
    canv.setFont(FONT, 7.5)
    canv.drawCentredString(PAGE_W / 2, EDGE, fit(footer, 7.5, width))
    canv.restoreState()


def _fold(canv: Canvas) -> None:
    """The dashed fold line along the long middle, with a tiny hint at its start."""
    canv.saveState()
    canv.setStrokeColor(MUTED)
    canv.setLineWidth(0.5)
    canv.setDash(*DASH)
    canv.line(8 * mm, HALF, PAGE_W - 8 * mm, HALF)
    canv.setFillColor(MUTED)
    canv.setFont(FONT, 6)
    canv.drawString(10 * mm, HALF + 1.5 * mm, "vouwlijn: vouw dubbel, tekst naar buiten")
    canv.restoreState()
