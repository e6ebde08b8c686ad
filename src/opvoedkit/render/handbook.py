"""The facilitator handbook: handleiding-begeleider.pdf.

The table of contents has one line per section, known before layout, so its length never
depends on the page numbers; the numbers themselves are filled in after layout (see pdf.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from ..pack import ExerciseContent, Pack
from ..text import Inline
from . import Rendered
from . import wording as w
from .pdf import (
    RULE,
    WIDTH,
    Anchor,
    Box,
    CellParagraphs,
    PackDocument,
    Paragraph,
    blocks,
    bullets,
    colour,
    escape,
    heading,
    later_page,
    spans_markup,
    styles,
    table,
    writing_table,
)

KIND = w.HANDBOOK_KIND
READING = w.READING
TITLES = w.HANDBOOK_TITLES


@dataclass(frozen=True)
class Section:
    """Flowables that start on a new page (or not) under one or more table-of-contents lines."""

    anchors: tuple[Anchor, ...]
    flowables: list[Flowable]
    new_page: bool = True


def render(pack: Pack, path: str | Path, slide_numbers: dict[str, list[int]] | None = None,
           handout_pages: dict[str, list[int]] | None = None) -> Rendered:
    """Write the facilitator handbook; returns its page count."""
    doc = PackDocument(path, pack, kind=KIND, first="none",
                       subject=w.handbook_subject(pack))
    sections = _sections(pack, slide_numbers, handout_pages)
    story: list[Flowable] = [*_cover(pack), NextPageTemplate("body"), PageBreak(),
                             *_contents(doc, sections)]
    for section in sections:
        if section.new_page:
            story.append(PageBreak())
        story.extend(section.flowables)
    return Rendered("handbook", Path(path), doc.render(story))


def _sections(pack: Pack, slides: Mapping[str, list[int]] | None,
              handout: Mapping[str, list[int]] | None) -> list[Section]:
    """Every section in order; the table of contents is made from the same list."""
    s = styles()
    cells = CellParagraphs()  # a name, "Tijd", a fact's label: made once each
    reading = next((b for b in pack.backgrounds if b.id == READING), None)
    parts = [
        _section("gebruik", blocks(pack.texts["handleiding-gebruik"].body, s["body"])),
        _section("overzicht", _at_a_glance(pack, cells)),
        _section("draaiboek", _runsheet(pack, cells)),
        _section("voorbereiding", _preparation(pack)),
        _section("achtergrond", _backgrounds(pack)),
        _section("begeleiden", _guidance(pack)),
    ]
    for ex in pack.exercises:
        anchors: tuple[Anchor, ...] = (Anchor("oefeningen", TITLES["oefeningen"]),) \
            if ex.number == 1 else ()
        anchors += (Anchor(f"oefening-{ex.id}", w.exercise_title(ex), 1),)
        parts.append(Section(anchors, _exercise(pack, ex, anchors, slides, handout, cells)))
    parts += [_section("afsluiting", _closing(pack)), _section("afspraken", _agreements())]
    if reading:
        parts.append(_section("verder-lezen", blocks(reading.text, s["body"])))
    parts.append(_section("contact", _contact(pack), new_page=not reading))
    return parts


def _section(key: str, body: list[Flowable], new_page: bool = True) -> Section:
    title = TITLES[key]
    anchor = Anchor(key, title)
    return Section((anchor,), [heading(title, "h1", anchor), *body], new_page)


def _cover(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = []
    if pack.logo:
        out.append(_logo(pack.logo))
    out += [Spacer(1, 35 * mm if not pack.logo else 10 * mm),
            Paragraph(escape(KIND), s["kicker"]),
            Paragraph(escape(pack.title), s["cover"]),
            HRFlowable(width="100%", thickness=3, color=colour(pack.colour), spaceAfter=8 * mm)]
    rows = [[Paragraph(fact.label, s["coverlabel"]),
             Paragraph("<br/>".join(escape(line) for line in fact.lines), s["coverline"])]
            for fact in w.cover_facts(pack)]
    grid = table(rows, [38 * mm, WIDTH - 38 * mm], header=False, grid=False,
                 extra=[("LEFTPADDING", (0, 0), (-1, -1), 0)])
    out += [grid, Spacer(1, 20 * mm),
            Paragraph(escape(w.made_with(pack)), s["small"])]
    return out


def _logo(path: Path) -> Image:
    """The logo at most 50 × 25 mm, right-aligned, proportions kept."""
    width, height = ImageReader(str(path)).getSize()
    scale = min(50 * mm / width, 25 * mm / height)
    return Image(str(path), width * scale, height * scale, hAlign="RIGHT")


def _contents(doc: PackDocument, sections: Sequence[Section]) -> list[Flowable]:
    """The table of contents: titles link to their section, numbers are filled in later."""
    s = styles()
    rows = []
    for section in sections:
        for anchor in section.anchors:
            style = s["toc0"] if anchor.level == 0 else s["toc1"]
            title = f'<a href="#{anchor.key}">{escape(anchor.title)}</a>'
            rows.append([Paragraph(title, style), later_page(doc, anchor.key, 14 * mm)])
    grid = table(rows, [WIDTH - 16 * mm, 16 * mm], header=False, grid=False, padding=3,
                 extra=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE)])
    title = TITLES["inhoud"]
    return [heading(title, "h1", Anchor("inhoud", title)), grid]


def _cells(texts: Sequence[str | Inline], style: str,
           made: Callable[[str, ParagraphStyle], Flowable] = Paragraph) -> list[object]:
    """Table cells: plain strings (escaped here) or styled spans, made by ``made``."""
    s = styles()
    return [made(escape(text) if isinstance(text, str) else spans_markup(text), s[style])
            for text in texts]


def _at_a_glance(pack: Pack, cells: CellParagraphs) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        heading(w.GOAL, "h2"),
        *blocks(pack.texts["doel-bijeenkomst"].body, s["body"]),
        Paragraph(spans_markup(w.groups_line(pack)), s["body"]),
    ]
    numbers = {ex.id: ex.number for ex in pack.exercises}
    for daypart in pack.program.dayparts:
        rows: list[list[object]] = [_cells(w.AGENDA_COLUMNS, "cellbold", cells)]
        shaded = []
        for block in daypart.blocks:
            if w.is_pause(block):
                shaded.append(len(rows))
            rows.append(_cells(w.agenda_row(block, numbers), "cell", cells))
        # A daypart's agenda is short: keep it on one page rather than split it.
        out.append(KeepTogether([heading(w.programme_title(pack, daypart), "h2"), table(
            rows, [25 * mm, 82 * mm, 13 * mm, 50 * mm], shade_rows=shaded)]))
    return out


def _runsheet(pack: Pack, cells: CellParagraphs) -> list[Flowable]:
    """Block by block: time, part, who leads and supports, the work form."""
    s = styles()
    rows: list[list[object]] = [_cells(w.RUNSHEET_COLUMNS, "cellbold", cells)]
    shaded = []
    for block, texts in w.runsheet_rows(pack):
        if w.is_pause(block):
            shaded.append(len(rows))
        rows.append([cells(escape(c), s["cell"]) for c in texts])
    return [Paragraph(escape(w.RUNSHEET_INTRO), s["body"]),
            table(rows, [22 * mm, 52 * mm, 30 * mm, 30 * mm, 36 * mm], shade_rows=shaded)]


def _guidance(pack: Pack) -> list[Flowable]:
    """The guidance texts for the parts of the day around the exercises."""
    s = styles()
    out: list[Flowable] = []
    for name, title in w.guidance(pack):
        out += [heading(title, "h2"), *blocks(pack.texts[name].body, s["body"])]
    return out


def _checklist(items: Sequence[str]) -> Table:
    """Tick boxes in front of lines of plain text."""
    s = styles()
    return table([[Box(), Paragraph(escape(item), s["body"])] for item in items],
                 [8 * mm, WIDTH - 8 * mm],
                 header=False, grid=False, padding=2,
                 extra=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (0, -1), 4)])


def _preparation(pack: Pack) -> list[Flowable]:
    s = styles()
    materials: list[list[object]] = [_cells(w.MATERIAL_COLUMNS, "cellbold")]
    for item, quantity, used in w.material_rows(pack):
        materials.append([Box(), *_cells((item, str(quantity), used), "cell")])
    prints: list[list[object]] = [_cells(w.PRINT_COLUMNS, "cellbold")]
    for what, count, note in w.print_rows(pack):
        prints.append([Box(), *_cells((what, str(count), note), "cell")])
    widths = [8 * mm, 62 * mm, 16 * mm, 84 * mm]
    return [
        Paragraph(spans_markup(w.preparation_intro(pack)), s["body"]),
        heading(w.ROOM, "h2"), _checklist(w.room_checklist(pack)),
        # Printing first: it is short and urgent; the long materials list may then break.
        KeepTogether([heading(w.PRINTING, "h2"), table(prints, widths)]),
        heading(w.MATERIALS, "h2"), table(materials, widths),
    ]


def _backgrounds(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(w.BACKGROUND_INTRO, s["body"])]
    for background in pack.backgrounds:
        if background.id == READING:
            continue
        anchor = Anchor(f"achtergrond-{background.id}", background.title, 1)
        out += [heading(background.title, "h2", anchor), *blocks(background.text, s["body"])]
    return out


def _exercise(pack: Pack, ex: ExerciseContent, anchors: tuple[Anchor, ...],
              slides: Mapping[str, list[int]] | None,
              handout: Mapping[str, list[int]] | None,
              cells: CellParagraphs) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(escape(w.exercise_kicker(pack, ex)), s["kicker"]),
                           heading(w.exercise_title(ex), "h1", *anchors),
                           _facts(pack, ex, slides, handout, cells)]
    if ex.goal:
        out += [heading(w.EXERCISE_GOAL, "h3"), *blocks(ex.goal, s["body"])]
    if ex.preparation:
        out += [heading(w.EXERCISE_PREPARATION, "h3"), *blocks(ex.preparation, s["body"])]
    if ex.steps:
        out += [heading(w.EXERCISE_STEPS, "h3"), _steps(ex)]
    if ex.debrief:
        out += [heading(w.EXERCISE_DEBRIEF, "h3"), *bullets(ex.debrief, s["body"])]
    if ex.tips:
        out += [heading(w.EXERCISE_TIPS, "h3"), *bullets(ex.tips, s["body"])]
    return out


def _facts(pack: Pack, ex: ExerciseContent, slides: Mapping[str, list[int]] | None,
           handout: Mapping[str, list[int]] | None, cells: CellParagraphs) -> Table:
    s = styles()
    rows = [[cells(fact.label, s["cellbold"]),
             cells("<br/>".join(escape(line) for line in fact.lines), s["cell"])]
            for fact in w.exercise_facts(pack, ex, slides, handout)]
    return table(rows, [30 * mm, WIDTH - 30 * mm], header=False)


def _steps(ex: ExerciseContent) -> Table:
    """Numbered steps with the clock time each starts and its minutes."""
    s = styles()
    rows: list[list[object]] = [_cells(w.STEP_COLUMNS, "cellbold")]
    for at, step in w.step_times(ex):
        text = f"<b>{escape(w.step_heading(step))}</b><br/>{spans_markup(step.text)}"
        rows.append([Paragraph(at, s["cell"]), Paragraph(text, s["cell"]),
                     Paragraph(str(step.minutes), s["cell"])])
    return table(rows, [16 * mm, WIDTH - 29 * mm, 13 * mm], split_in_row=True)


def _closing(pack: Pack) -> list[Flowable]:
    s = styles()
    line = w.closing_line(pack)
    out: list[Flowable] = [Paragraph(spans_markup(line), s["body"])] if line else []
    out += blocks(pack.texts["afsluiting"].body, s["body"])
    return [*out, heading(w.AFTERWARDS, "h2"), _checklist(w.AFTERWARDS_ITEMS)]


def _agreements() -> list[Flowable]:
    s = styles()
    return [Paragraph(w.AGREEMENTS_INTRO, s["body"]), Spacer(1, 3 * mm),
            writing_table(w.AGREEMENT_COLUMNS, w.AGREEMENT_ROWS, WIDTH, row_height=20 * mm)]


def _contact(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = []
    if pack.contact:
        out += [Paragraph(w.CONTACT_INTRO, s["body"]),
                Paragraph(escape(w.person_text(pack.contact)), s["body"])]
    else:
        out.append(Paragraph(escape(w.contact_fallback(pack)), s["body"]))
    if pack.facilitators:
        out += [heading(w.FACILITATION, "h2"),
                *bullets([escape(w.person_text(p)) for p in pack.facilitators], s["body"])]
    return out
