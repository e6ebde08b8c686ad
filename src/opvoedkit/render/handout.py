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
    Spacer,
)

from ..pack import ExerciseContent, Pack
from ..planner import clock
from . import Rendered
from . import wording as w
from .pdf import (
    WIDTH,
    Anchor,
    PackDocument,
    Paragraph,
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

KIND = w.HANDOUT_KIND
READING = w.READING
TITLES = w.HANDOUT_TITLES


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
                        subject=w.handout_subject(pack))


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
    return [
        Paragraph(escape(KIND), s["kicker"]),
        Paragraph(escape(pack.title), s["cover"]),
        *([] if pack.title_names_municipality else
          [Paragraph(escape(pack.municipality), s["coverline"])]),
        Paragraph(escape(w.handout_when(pack, one_day)), s["coverline"]),
        HRFlowable(width="100%", thickness=3, color=colour(pack.colour), spaceBefore=4 * mm,
                   spaceAfter=6 * mm),
        _heading("welkom", "h1"),
        *blocks(pack.texts["welkom-deelnemers"].body, s["plain"]),
    ]


def _agenda(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [_heading("programma", "h2")]
    several = len(pack.program.dayparts) > 1
    for daypart in pack.program.dayparts:
        group: list[Flowable] = []
        if several:
            group.append(Paragraph(escape(w.handout_daypart(daypart)), s["plainhead"]))
        rows = [[Paragraph(f"<b>{escape(column)}</b>", s["plaincell"])
                 for column in w.HANDOUT_AGENDA_COLUMNS]]
        shaded = []
        for block in daypart.blocks:
            if w.is_pause(block):
                shaded.append(len(rows))
            rows.append([Paragraph(f"{clock(block.start)}–{clock(block.end)}", s["plaincell"]),
                         Paragraph(escape(block.title), s["plaincell"])])
        group += [table(rows, [32 * mm, WIDTH - 32 * mm], shade_rows=shaded), Spacer(1, 4 * mm)]
        out.append(KeepTogether(group))  # one daypart's agenda is never split over two pages
    return out


def _background(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [PageBreak(), _heading("uitleg", "h1")]
    for background in pack.backgrounds:
        if background.id != READING and background.participants:
            out += [heading(background.title, "h2"), *blocks(background.participants,
                                                             s["plain"])]
    return out


def _worksheet(ex: ExerciseContent) -> list[Flowable]:
    s = styles()
    title = w.worksheet_title(ex)
    out: list[Flowable] = [
        heading(title, "h1", Anchor(f"werkblad-{ex.id}", title)),
        Paragraph(escape(w.worksheet_time(ex)), s["kicker"]),
        *blocks(ex.worksheet, s["plain"]),
    ]
    if ex.worksheet_space == "lines":
        # The caption travels with the lines: lines that move to the next page say whose they are.
        caption = Paragraph(escape(w.writing_caption(ex)), s["kicker"])
        out += [Spacer(1, 2 * mm), KeepTogether([caption, Ruled(ex.worksheet_lines)])]
    elif ex.worksheet_space == "table" and ex.worksheet_columns:
        out += [Spacer(1, 2 * mm), writing_table(ex.worksheet_columns, ex.worksheet_rows, WIDTH,
                                                 row_height=22 * mm, style="plaincellbold")]
    return out


def _agreements() -> list[Flowable]:
    s = styles()
    return [
        _heading("afspraken", "h1"),
        Paragraph(w.HANDOUT_AGREEMENTS_INTRO, s["plain"]),
        Spacer(1, 2 * mm),
        writing_table(w.HANDOUT_AGREEMENT_COLUMNS, w.HANDOUT_AGREEMENT_ROWS, WIDTH,
                      row_height=22 * mm, style="plaincellbold"),
    ]


def _reading_and_contact(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = []
    reading = next((b for b in pack.backgrounds if b.id == READING), None)
    if reading and reading.participants:
        out += [_heading("lezen", "h2"), *blocks(reading.participants, s["plain"])]
    out.append(_heading("contact", "h2"))
    people = w.handout_contacts(pack)
    if people:
        out.append(Paragraph(w.HANDOUT_CONTACT_INTRO, s["plain"]))
        out += bullets([", ".join(escape(x) for x in parts) for parts in people], s["plain"])
    else:
        out.append(Paragraph(escape(w.handout_no_contact(pack)), s["plain"]))
    return out


def _heading(key: str, style: str) -> Flowable:
    """A heading of the hand-out, with its bookmark."""
    return heading(TITLES[key], style, Anchor(key, TITLES[key]))
