"""The participants' handout: hand-out-deelnemers.pdf, in plain Dutch (B1).

Only participant text goes in: welcome, agenda, the ``participants`` part of each background and
the worksheets. Preparation, steps, debrief questions, tips and the backgrounds' facilitator text
never do.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from ..dutch import long_date
from ..pack import ExerciseContent, Pack
from ..planner import clock
from . import Rendered
from .pdf import (
    WIDTH,
    Anchor,
    PackDocument,
    Ruled,
    blocks,
    bullets,
    colour,
    day_dates,
    escape,
    heading,
    styles,
    table,
    writing_table,
)

KIND = "Hand-out voor deelnemers"
READING = "verder-lezen"


def render(pack: Pack, path: str | Path) -> Rendered:
    """Write the handout; anchors give the page of each exercise's worksheet."""
    doc = _document(pack, path)
    pages = doc.render(_story(pack))
    return Rendered("handout", Path(path), pages, _anchors(pack, doc))


def page_anchors(pack: Pack) -> dict[str, list[int]]:
    """The page of each exercise's worksheet, from the handout laid out in memory: the
    handbook cites them when the handout itself is not among the files built."""
    doc = _document(pack, "")
    # PackDocument takes a path; reportlab writes to a file object just as well (its
    # `filename` may be one), so nothing touches the disk.
    doc.filename = io.BytesIO()
    doc.render(_story(pack))
    return _anchors(pack, doc)


def _document(pack: Pack, path: str | Path) -> PackDocument:
    return PackDocument(path, pack, kind=KIND, first="footer",
                        subject=f"Programma en werkbladen voor de bijeenkomst in "
                                f"{pack.municipality}")


def _story(pack: Pack) -> list[Flowable]:
    story: list[Flowable] = [*_welcome(pack), NextPageTemplate("body"), *_agenda(pack),
                             *_background(pack)]
    for ex in pack.exercises:
        story += [PageBreak(), *_worksheet(ex)]
    return [*story, PageBreak(), *_agreements(), *_reading_and_contact(pack)]


def _anchors(pack: Pack, doc: PackDocument) -> dict[str, list[int]]:
    return {ex.id: [doc.anchors[f"werkblad-{ex.id}"]] for ex in pack.exercises}


def _welcome(pack: Pack) -> list[Flowable]:
    s = styles()
    one_day = len(day_dates(pack)) == 1
    when = [pack.date_text, f"{pack.first_start}–{pack.last_end}" if one_day else None,
            pack.venue]
    return [
        Paragraph(escape(KIND), s["kicker"]),
        Paragraph(escape(pack.title), s["cover"]),
        Paragraph(escape(pack.municipality), s["coverline"]),
        Paragraph(escape(" · ".join(w for w in when if w)), s["coverline"]),
        HRFlowable(width="100%", thickness=3, color=colour(pack.colour), spaceBefore=4 * mm,
                   spaceAfter=6 * mm),
        heading("Welkom", "h1", Anchor("welkom", "Welkom")),
        *blocks(pack.texts["welkom-deelnemers"].body, s["plain"]),
    ]


def _agenda(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [heading("Het programma", "h2", Anchor("programma", "Het programma"))]
    several = len(pack.program.dayparts) > 1
    for daypart in pack.program.dayparts:
        group: list[Flowable] = []
        if several:
            day = long_date(daypart.date) if daypart.date else f"dag {daypart.day}"
            group.append(Paragraph(f"Dagdeel {daypart.number} · {day}", s["plainhead"]))
        rows = [[Paragraph("<b>Tijd</b>", s["plaincell"]), Paragraph("<b>Wat</b>",
                                                                      s["plaincell"])]]
        shaded = []
        for block in daypart.blocks:
            if block.kind in ("break", "lunch"):
                shaded.append(len(rows))
            rows.append([Paragraph(f"{clock(block.start)}–{clock(block.end)}", s["plaincell"]),
                         Paragraph(escape(block.title), s["plaincell"])])
        group += [table(rows, [32 * mm, WIDTH - 32 * mm], shade_rows=shaded), Spacer(1, 4 * mm)]
        out.append(KeepTogether(group))  # one daypart's agenda is never split over two pages
    return out


def _background(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [PageBreak(), heading("Goed om te weten", "h1",
                                                Anchor("uitleg", "Goed om te weten"))]
    for background in pack.backgrounds:
        if background.id != READING and background.participants:
            out += [heading(background.title, "h2"), *blocks(background.participants,
                                                             s["plain"])]
    return out


def _worksheet(ex: ExerciseContent) -> list[Flowable]:
    s = styles()
    title = f"Werkblad {ex.number}: {ex.title}"
    out: list[Flowable] = [
        heading(title, "h1", Anchor(f"werkblad-{ex.id}", title)),
        Paragraph(f"{ex.start}–{ex.end} · {ex.minutes} minuten", s["kicker"]),
        *blocks(ex.worksheet, s["plain"]),
    ]
    if ex.worksheet_space == "lines":
        out += [Spacer(1, 2 * mm), Ruled(ex.worksheet_lines)]
    elif ex.worksheet_space == "table" and ex.worksheet_columns:
        out += [Spacer(1, 2 * mm), writing_table(ex.worksheet_columns, ex.worksheet_rows, WIDTH,
                                                 row_height=22 * mm, style="plaincellbold")]
    return out


def _agreements() -> list[Flowable]:
    s = styles()
    return [
        heading("Onze afspraken", "h1", Anchor("afspraken", "Onze afspraken")),
        Paragraph("Aan het eind maken we samen afspraken. Schrijf ze hier op. Wat gaan we doen? "
                  "Wie doet het? Wanneer is het klaar?", s["plain"]),
        Spacer(1, 2 * mm),
        writing_table(("Wat", "Wie", "Wanneer"), 5, WIDTH, row_height=22 * mm,
                      style="plaincellbold"),
    ]


def _reading_and_contact(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = []
    reading = next((b for b in pack.backgrounds if b.id == READING), None)
    if reading and reading.participants:
        out += [heading("Meer lezen", "h2", Anchor("lezen", "Meer lezen")),
                *blocks(reading.participants, s["plain"])]
    out.append(heading("Vragen?", "h2", Anchor("contact", "Vragen?")))
    people = [pack.contact] if pack.contact else [p for p in pack.facilitators
                                                 if p.email or p.phone]
    if people:
        out.append(Paragraph("Heb je nog een vraag? Neem dan contact op met:", s["plain"]))
        out += bullets([", ".join(escape(x) for x in (p.name, p.email, p.phone) if x)
                        for p in people], s["plain"])
    else:
        out.append(Paragraph(f"Heb je nog een vraag? Stel die aan de begeleider, of neem "
                             f"contact op met de gemeente {escape(pack.municipality)}.",
                             s["plain"]))
    return out
