"""The facilitator handbook: handleiding-begeleider.pdf.

The table of contents has one line per section, known before layout, so its length never
depends on the page numbers; the numbers themselves are filled in after layout (see pdf.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from ..dutch import long_date
from ..pack import ExerciseContent, Pack, Person
from ..planner import Block, Daypart, clock
from . import Rendered
from .pdf import (
    RULE,
    WIDTH,
    Anchor,
    Box,
    PackDocument,
    blocks,
    bullets,
    colour,
    day_dates,
    escape,
    heading,
    later_page,
    ranges,
    spans_markup,
    spare,
    styles,
    table,
    writing_table,
)

KIND = "Handleiding voor de begeleider"
READING = "verder-lezen"   # the background block that becomes "Verder lezen" at the end
EXTRA = {"welcome", "background", "closing"}


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
                       subject=f"Draaiboek voor de bijeenkomst in {pack.municipality}")
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
    reading = next((b for b in pack.backgrounds if b.id == READING), None)
    parts = [
        _section("gebruik", "Zo gebruik je deze handleiding",
                 blocks(pack.texts["handleiding-gebruik"].body, s["body"])),
        _section("overzicht", "De bijeenkomst in één oogopslag", _at_a_glance(pack)),
        _section("voorbereiding", "Voorbereiding", _preparation(pack)),
        _section("achtergrond", "Achtergrond voor de begeleider", _backgrounds(pack)),
    ]
    for ex in pack.exercises:
        anchors: tuple[Anchor, ...] = (Anchor("oefeningen", "Oefeningen"),) if ex.number == 1 \
            else ()
        anchors += (Anchor(f"oefening-{ex.id}", f"{ex.number}. {ex.title}", 1),)
        parts.append(Section(anchors, _exercise(pack, ex, anchors, slides, handout)))
    parts += [
        _section("afsluiting", "Afsluiting", _closing(pack)),
        _section("afspraken", "Afsprakenformulier", _agreements()),
    ]
    if reading:
        parts.append(_section("verder-lezen", "Verder lezen", blocks(reading.text, s["body"])))
    parts.append(_section("contact", "Contact", _contact(pack), new_page=not reading))
    return parts


def _section(key: str, title: str, body: list[Flowable], new_page: bool = True) -> Section:
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
    facts: list[tuple[str, str]] = [("Gemeente", escape(pack.municipality))]
    if pack.date_text:
        facts.append(("Datum", escape(pack.date_text)))
    dayparts = pack.program.dayparts
    if len(dayparts) == 1:
        facts.append(("Tijd", f"{pack.first_start}–{pack.last_end}"))
    else:
        facts.append((f"{len(dayparts)} dagdelen",
                      "<br/>".join(escape(_daypart_text(d)) for d in dayparts)))
    if pack.venue:
        facts.append(("Plaats", escape(pack.venue)))
    facts.append(("Voor", escape(pack.audience_text)))
    facts.append(("Deelnemers", _participants_text(pack)))
    if pack.facilitators:
        facts.append(("Begeleiding", "<br/>".join(_person(p) for p in pack.facilitators)))
    rows = [[Paragraph(label, s["coverlabel"]), Paragraph(value, s["coverline"])]
            for label, value in facts]
    grid = table(rows, [38 * mm, WIDTH - 38 * mm], header=False, grid=False,
                 extra=[("LEFTPADDING", (0, 0), (-1, -1), 0)])
    out += [grid, Spacer(1, 20 * mm),
            Paragraph(f"Gemaakt met opvoedkit {escape(pack.version)}.", s["small"])]
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
    return [heading("Inhoud", "h1", Anchor("inhoud", "Inhoud")), grid]


def _daypart_text(daypart: Daypart) -> str:
    day = long_date(daypart.date) if daypart.date else f"dag {daypart.day}"
    return f"Dagdeel {daypart.number}: {day}, {clock(daypart.start)}–{clock(daypart.end)}"


def _participants_text(pack: Pack) -> str:
    if pack.participants_estimated:
        return (f"{pack.participants} (schatting: het sessiebestand noemt geen aantal; "
                "groepen en aantallen in deze handleiding gaan hiervan uit)")
    return f"{pack.participants} verwacht"


def _person(person: Person) -> str:
    details = ", ".join(d for d in (person.organisation, person.email, person.phone) if d)
    # Escaped as one string: an Arabic name with an Arabic organisation then reads right to
    # left as a whole, as in the deck, where PowerPoint orders the same line.
    return escape(person.name + (f" ({details})" if details else ""))


def _at_a_glance(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        heading("Doel van de bijeenkomst", "h2"),
        *blocks(pack.texts["doel-bijeenkomst"].body, s["body"]),
        Paragraph(f"<b>Voor:</b> {escape(pack.audience_text)}. <b>Groepsindeling voor "
                  f"{pack.participants} deelnemers</b>"
                  + (" (schatting; pas de groepen ter plekke aan)."
                     if pack.participants_estimated else "."), s["body"]),
    ]
    numbers = {ex.id: ex.number for ex in pack.exercises}
    for daypart in pack.program.dayparts:
        title = (_daypart_text(daypart) if len(pack.program.dayparts) > 1 else
                 f"Programma, {clock(daypart.start)}–{clock(daypart.end)}")
        rows: list[list[object]] = [[Paragraph(h, s["cellbold"]) for h in
                                     ("Tijd", "Onderdeel", "Min.", "Werkvorm en groepen")]]
        shaded = []
        for block in daypart.blocks:
            if block.kind in ("break", "lunch"):
                shaded.append(len(rows))
            rows.append(_agenda_row(block, numbers))
        # A daypart's agenda is short: keep it on one page rather than split it.
        out.append(KeepTogether([heading(title, "h2"), table(
            rows, [25 * mm, 82 * mm, 13 * mm, 50 * mm], shade_rows=shaded)]))
    return out


def _agenda_row(block: Block, numbers: Mapping[str, int]) -> list[object]:
    s = styles()
    title = escape(block.title)
    if block.exercise_id:
        title = f"<b>{numbers.get(block.exercise_id, '')}. {title}</b>"
    groups = escape(block.groups.description) if block.groups else ""
    return [Paragraph(f"{clock(block.start)}–{clock(block.end)}", s["cell"]),
            Paragraph(title, s["cell"]), Paragraph(str(block.minutes), s["cell"]),
            Paragraph(groups, s["cell"])]


def _checklist(items: Sequence[str]) -> Table:
    """Tick boxes in front of markup lines."""
    s = styles()
    return table([[Box(), Paragraph(item, s["body"])] for item in items], [8 * mm, WIDTH - 8 * mm],
                 header=False, grid=False, padding=2,
                 extra=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (0, -1), 4)])


def _preparation(pack: Pack) -> list[Flowable]:
    s = styles()
    n = pack.participants
    start = pack.program.dayparts[0].start
    numbers = {ex.id: ex.number for ex in pack.exercises}
    tables = [b for b in pack.program.blocks()
              if b.groups and b.group_form in ("subgroepen", "drietallen")]
    biggest = max(tables, key=lambda b: b.groups.count if b.groups else 0, default=None)
    lunches = sorted({clock(b.start) for b in pack.program.blocks() if b.kind == "lunch"})
    room = [f"Een zaal voor {n} deelnemers en {max(1, len(pack.facilitators))} begeleider(s), "
            "met stoelen in een open opstelling en ruimte om te staan en te lopen."]
    if biggest and biggest.groups and biggest.exercise_id:
        room.append(f"Tafels voor het werken in groepen: {escape(biggest.groups.description)} "
                    f"(oefening {numbers.get(biggest.exercise_id, '')}).")
    room += [
        "Beamer of groot scherm, laptop met de presentatie, verlengsnoer.",
        "Flip-over-standaard met papier; een plek aan de muur om vellen op te hangen.",
        "Koffie, thee en water bij binnenkomst en in de pauze." + (
            f" Lunch om {' en '.join(lunches)}." if lunches else ""),
        "Naamkaartjes, pennen en de presentielijst bij de ingang.",
        "Een toegankelijke zaal: zonder drempels, toiletten dichtbij, een rustig hoekje.",
        "Een doos of tafel bij de uitgang voor de evaluatieformulieren.",
    ]
    by_title = {ex.title: ex.number for ex in pack.exercises}
    materials: list[list[object]] = [[Paragraph(h, s["cellbold"]) for h in
                                      ("", "Materiaal", "Aantal", "Bij oefening")]]
    for line in pack.program.materials:
        used = ranges([by_title[t] for t in line.used_in if t in by_title])
        materials.append([Box(), Paragraph(escape(line.item), s["cell"]),
                          Paragraph(str(line.quantity), s["cell"]), Paragraph(used, s["cell"])])
    copies = n + spare(n)
    days = len(day_dates(pack))
    prints: list[list[object]] = [[Paragraph(h, s["cellbold"]) for h in
                                   ("", "Wat printen", "Aantal", "Toelichting")]]
    for what, count, note in (
        ("Hand-out voor deelnemers", copies,
         f"één per deelnemer en {spare(n)} reserve; enkelzijdig, dan is elk werkblad een los vel"),
        ("Evaluatieformulier", copies, "pagina 1 is de gewone versie, pagina 2 de versie "
         "met gezichtjes voor wie weinig leest; leg van beide een stapel neer"),
        ("Presentielijst", days, "één per bijeenkomstdag, met reserveregels"),
        ("Deze handleiding", max(1, len(pack.facilitators)), "één per begeleider"),
    ):
        prints.append([Box(), Paragraph(what, s["cell"]), Paragraph(str(count), s["cell"]),
                       Paragraph(note, s["cell"])])
    widths = [8 * mm, 62 * mm, 16 * mm, 84 * mm]
    basis = ("een <b>geschat</b> aantal van " if pack.participants_estimated else "") + str(n)
    return [
        Paragraph(f"Kom uiterlijk om {clock(start - 45)} om de zaal in te richten; de "
                  f"inloop begint om {clock(start - 15)}. Alle aantallen gaan uit van {basis} "
                  "deelnemers.", s["body"]),
        heading("Zaal", "h2"), _checklist(room),
        # Printing first: it is short and urgent; the long materials list may then break.
        KeepTogether([heading("Printen", "h2"), table(prints, widths)]),
        heading("Materialen", "h2"), table(materials, widths),
    ]


def _backgrounds(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(
        "Deze achtergrond is voor jou als begeleider. Je gebruikt hem bij het blok "
        "‘Achtergrond’ aan het begin en als je tijdens de oefeningen iets wilt uitleggen. "
        "Deelnemers krijgen in hun hand-out een korte versie in eenvoudige taal.", s["body"])]
    for background in pack.backgrounds:
        if background.id == READING:
            continue
        anchor = Anchor(f"achtergrond-{background.id}", background.title, 1)
        out += [heading(background.title, "h2", anchor), *blocks(background.text, s["body"])]
    return out


def _exercise(pack: Pack, ex: ExerciseContent, anchors: tuple[Anchor, ...],
              slides: Mapping[str, list[int]] | None,
              handout: Mapping[str, list[int]] | None) -> list[Flowable]:
    s = styles()
    kicker = f"Oefeningen · {ex.part_label}" + (
        f" · dagdeel {ex.daypart}" if len(pack.program.dayparts) > 1 else "")
    out: list[Flowable] = [Paragraph(escape(kicker), s["kicker"]),
                           heading(f"{ex.number}. {ex.title}", "h1", *anchors),
                           _facts(pack, ex, slides, handout)]
    if ex.goal:
        out += [heading("Doel", "h3"), *blocks(ex.goal, s["body"])]
    if ex.preparation:
        out += [heading("Voorbereiding", "h3"), *blocks(ex.preparation, s["body"])]
    if ex.steps:
        out += [heading("Stappen", "h3"), _steps(ex)]
    if ex.debrief:
        out += [heading("Nabespreking", "h3"), *bullets(ex.debrief, s["body"])]
    if ex.tips:
        out += [heading("Tips voor een gemengde groep", "h3"), *bullets(ex.tips, s["body"])]
    return out


def _facts(pack: Pack, ex: ExerciseContent, slides: Mapping[str, list[int]] | None,
           handout: Mapping[str, list[int]] | None) -> Table:
    s = styles()
    low, _, high = ex.minutes_range
    groups = escape(ex.groups)
    if pack.participants_estimated:
        groups += f" (bij een geschat aantal van {pack.participants} deelnemers)"
    if slides is None:
        slide_text = f"in de presentatie bij oefening {ex.number}"
    else:
        slide_text = f"dia {ranges(slides[ex.id])}" if slides.get(ex.id) else "geen eigen dia"
    if handout is None:
        sheet = f"werkblad {ex.number} in de hand-out"
    elif handout.get(ex.id):
        pages = handout[ex.id]
        sheet = f"werkblad op pagina {ranges(pages)}" if len(pages) == 1 else \
            f"werkblad op pagina's {ranges(pages)}"
    else:
        sheet = "geen werkblad"
    rows = [
        ("Tijd", f"{ex.start}–{ex.end} · {ex.minutes} minuten (kan {low}–{high} minuten)"),
        ("Werkvorm", escape(ex.group_label.capitalize())),
        ("Groepen", groups),
        ("Materialen", "<br/>".join(f"{m.quantity} × {escape(m.item)}" for m in ex.materials)
         or "geen"),
        ("Dia's", slide_text),
        ("Hand-out", sheet),
    ]
    return table([[Paragraph(k, s["cellbold"]), Paragraph(v, s["cell"])] for k, v in rows],
                 [30 * mm, WIDTH - 30 * mm], header=False)


def _steps(ex: ExerciseContent) -> Table:
    """Numbered steps with the clock time each starts and its minutes."""
    s = styles()
    hours, minutes = ex.start.split(":")
    at = int(hours) * 60 + int(minutes)
    rows: list[list[object]] = [[Paragraph(h, s["cellbold"]) for h in ("Tijd", "Stap", "Min.")]]
    for step in ex.steps:
        text = f"<b>{step.number}. {escape(step.title)}</b><br/>{spans_markup(step.text)}"
        rows.append([Paragraph(clock(at), s["cell"]), Paragraph(text, s["cell"]),
                     Paragraph(str(step.minutes), s["cell"])])
        at += step.minutes
    return table(rows, [16 * mm, WIDTH - 29 * mm, 13 * mm], split_in_row=True)


def _closing(pack: Pack) -> list[Flowable]:
    s = styles()
    closing = [b for b in pack.program.dayparts[-1].blocks if b.kind == "closing"]
    out: list[Flowable] = []
    if closing:
        block = closing[-1]
        out.append(Paragraph(f"<b>{clock(block.start)}–{clock(block.end)}</b> · "
                             f"{escape(block.title)} ({block.minutes} minuten)", s["body"]))
    out += blocks(pack.texts["afsluiting"].body, s["body"])
    out += [heading("Na afloop", "h2"), _checklist([
        "Stuur binnen een week het verslag en de afspraken rond.",
        "Verwerk de evaluatieformulieren en deel de uitkomst met de gemeente.",
        "Bewaar of vernietig de presentielijst zoals op de lijst beloofd.",
    ])]
    return out


def _agreements() -> list[Flowable]:
    s = styles()
    return [Paragraph("Schrijf de afspraken tijdens de afsluiting op, hardop en voor iedereen "
                      "zichtbaar. Geef elke afspraak een eigenaar van de formele én van de "
                      "informele kant, en een datum.", s["body"]), Spacer(1, 3 * mm),
            writing_table(("Wat", "Wie (formeel)", "Wie (informeel)", "Wanneer"), 8, WIDTH,
                          row_height=20 * mm)]


def _contact(pack: Pack) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = []
    if pack.contact:
        out += [Paragraph("Vragen na de bijeenkomst gaan naar:", s["body"]),
                Paragraph(_person(pack.contact), s["body"])]
    else:
        out.append(Paragraph(f"Vragen na de bijeenkomst gaan naar de gemeente "
                             f"{escape(pack.municipality)}.", s["body"]))
    if pack.facilitators:
        out += [heading("Begeleiding", "h2"),
                *bullets([_person(p) for p in pack.facilitators], s["body"])]
    return out
