"""The Dutch wording of the handbook and the hand-out, shared by their PDF and Word versions.

Section titles, labels, column headers and the fixed sentences live here once; each renderer
(reportlab for the PDFs, python-docx for the Word files) only draws them. Texts come back plain
(user strings exactly as typed, never escaped) or as styled spans (:data:`~opvoedkit.text.Inline`)
where a word is bold. No rendering library is imported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..dutch import long_date
from ..pack import ExerciseContent, Pack, Person, StepContent
from ..people import describe_tables
from ..planner import Block, Daypart, clock
from ..text import Inline, Span

HANDBOOK_KIND = "Handleiding voor de begeleider"
HANDOUT_KIND = "Hand-out voor deelnemers"
READING = "verder-lezen"   # the background block that becomes "Verder lezen" at the end

# The handbook's sections by anchor key (the PDF's bookmarks, the Word file's Heading 1).
HANDBOOK_TITLES = {
    "inhoud": "Inhoud",
    "gebruik": "Zo gebruik je deze handleiding",
    "overzicht": "De bijeenkomst in één oogopslag",
    "voorbereiding": "Voorbereiding",
    "achtergrond": "Achtergrond voor de begeleider",
    "draaiboek": "Draaiboek: wie doet wat",
    "begeleiden": "De dag begeleiden",
    "oefeningen": "Oefeningen",
    "afsluiting": "Afsluiting",
    "afspraken": "Afsprakenformulier",
    "verder-lezen": "Verder lezen",
    "contact": "Contact",
}
# The hand-out's headings by anchor key.
HANDOUT_TITLES = {
    "welkom": "Welkom",
    "programma": "Het programma",
    "uitleg": "Goed om te weten",
    "afspraken": "Onze afspraken",
    "lezen": "Meer lezen",
    "contact": "Vragen?",
}
GOAL = "Doel van de bijeenkomst"
ROOM = "Zaal"
PRINTING = "Printen"
MATERIALS = "Materialen"
AFTERWARDS = "Na afloop"
FACILITATION = "Begeleiding"
# An exercise's subheadings, in the order the handbook gives them.
EXERCISE_GOAL = "Doel"
EXERCISE_PREPARATION = "Voorbereiding"
EXERCISE_STEPS = "Stappen"
EXERCISE_DEBRIEF = "Nabespreking"
EXERCISE_TIPS = "Tips voor een gemengde groep"

AGENDA_COLUMNS = ("Tijd", "Onderdeel", "Min.", "Werkvorm en groepen")
RUNSHEET_COLUMNS = ("Tijd", "Onderdeel", "Leiding", "Ondersteuning", "Werkvorm")
RUNSHEET_INTRO = ("Wie leidt welk blok en wie ondersteunt. Hang het draaiboek (draaiboek.pdf, "
                  "A4 liggend) op een plek waar jullie het allebei zien.")
# The guidance texts (templates/texts) in the order of the day, with their headings; the two
# about later dayparts only when there are several.
GUIDANCE = (
    ("begeleiding-welkom", "Het welkom", False),
    ("begeleiding-achtergrond", "Het achtergrondblok", False),
    ("begeleiding-afronding-dagdeel", "Een dagdeel afronden", True),
    ("begeleiding-welkom-terug", "Welkom terug", True),
    ("begeleiding-afsluiting", "De afsluiting", False),
    ("begeleiding-zaal", "De zaal", False),
    ("begeleiding-groepsgrootte", "Meer of minder mensen dan gepland", False),
    ("begeleiding-zorgen-over-veiligheid", "Als iemand zich zorgen maakt over een kind", False),
    ("begeleiding-taal", "Taal", False),
    ("begeleiding-gastvrijheid", "Gastvrij en eerlijk", False),
)
MATERIAL_COLUMNS = ("", "Materiaal", "Aantal", "Bij oefening")
PRINT_COLUMNS = ("", "Wat printen", "Aantal", "Toelichting")
STEP_COLUMNS = ("Tijd", "Stap", "Min.")
AGREEMENT_COLUMNS = ("Wat", "Wie (formeel)", "Wie (informeel)", "Wanneer")
AGREEMENT_ROWS = 8
HANDOUT_AGENDA_COLUMNS = ("Tijd", "Wat")
HANDOUT_AGREEMENT_COLUMNS = ("Wat", "Wie", "Wanneer")
HANDOUT_AGREEMENT_ROWS = 5

BACKGROUND_INTRO = (
    "Deze achtergrond is voor jou als begeleider. Je gebruikt hem bij het blok "
    "‘Achtergrond’ aan het begin en als je tijdens de oefeningen iets wilt uitleggen. "
    "Deelnemers krijgen in hun hand-out een korte versie in eenvoudige taal.")
AFTERWARDS_ITEMS = (
    "Stuur binnen een week het verslag en de afspraken rond.",
    "Verwerk de evaluatieformulieren en deel de uitkomst met de gemeente.",
    "Bewaar of vernietig de presentielijst zoals op de lijst beloofd.",
)
AGREEMENTS_INTRO = ("Schrijf de afspraken tijdens de afsluiting op, hardop en voor iedereen "
                    "zichtbaar. Geef elke afspraak een eigenaar van de formele én van de "
                    "informele kant, en een datum.")
CONTACT_INTRO = "Vragen na de bijeenkomst gaan naar:"
HANDOUT_AGREEMENTS_INTRO = ("Aan het eind maken we samen afspraken. Schrijf ze hier op. Wat "
                            "gaan we doen? Wie doet het? Wanneer is het klaar?")
HANDOUT_CONTACT_INTRO = "Heb je nog een vraag? Neem dan contact op met:"


PAGE_OF = ("pagina ", " van ")   # "pagina 3 van 28": the words around the two numbers


@dataclass(frozen=True)
class Fact:
    """A labelled fact (cover, exercise): the label and its value, one string per line."""

    label: str
    lines: tuple[str, ...]


def handbook_subject(pack: Pack) -> str:
    """The handbook's subject (document properties)."""
    return f"Draaiboek voor de bijeenkomst in {pack.municipality}"


def handout_subject(pack: Pack) -> str:
    """The hand-out's subject (document properties)."""
    return f"Programma en werkbladen voor de bijeenkomst in {pack.municipality}"


def document_title(pack: Pack, kind: str) -> str:
    """A document's title (properties): ``Handleiding voor de begeleider: Title (Place)``, as
    the PDFs have it (render/pdf.py)."""
    return f"{kind}: {pack.title}" + (
        "" if pack.title_names_municipality else f" ({pack.municipality})")


def document_author(pack: Pack) -> str:
    """A document's author (properties): the facilitators, else the municipality."""
    return ", ".join(p.name for p in pack.facilitators) or f"gemeente {pack.municipality}"


def logo_text(owner: str) -> str:
    """A logo's alt text: whose logo it is, never its file name."""
    return f"Logo van {owner}"


def logo_owner(pack: Pack) -> str:
    """Whose logo a pack carries: the organisation running the meeting, else the
    municipality."""
    return next((f.organisation for f in pack.facilitators if f.organisation),
                pack.municipality)


def made_with(pack: Pack) -> str:
    """The cover's last line."""
    return f"Gemaakt met opvoedkit {pack.version}."


def daypart_text(daypart: Daypart) -> str:
    """``Dagdeel 2: donderdag 18 maart 2027, 13:30–17:00``."""
    day = long_date(daypart.date) if daypart.date else f"dag {daypart.day}"
    return f"Dagdeel {daypart.number}: {day}, {clock(daypart.start)}–{clock(daypart.end)}"


def participants_text(pack: Pack) -> str:
    """The head count, called an estimate when the session gives none."""
    if pack.participants_estimated:
        return (f"{pack.participants} (schatting: het sessiebestand noemt geen aantal; "
                "groepen en aantallen in deze handleiding gaan hiervan uit)")
    return f"{pack.participants} verwacht"


def person_text(person: Person) -> str:
    """``Name (organisation, e-mail, phone)`` as one string.

    One string: an Arabic name with an Arabic organisation then reads right to left as a
    whole, as in the deck, where PowerPoint orders the same line.
    """
    details = ", ".join(d for d in (person.organisation, person.email, person.phone) if d)
    return person.name + (f" ({details})" if details else "")


def cover_facts(pack: Pack) -> list[Fact]:
    """The facts on the handbook's cover."""
    facts = [Fact("Gemeente", (pack.municipality,))]
    if pack.date_text:
        facts.append(Fact("Datum", (pack.date_text,)))
    dayparts = pack.program.dayparts
    if len(dayparts) == 1:
        facts.append(Fact("Tijd", (f"{pack.first_start}–{pack.last_end}",)))
    else:
        facts.append(Fact(f"{len(dayparts)} dagdelen",
                          tuple(daypart_text(d) for d in dayparts)))
    if pack.venue:
        facts.append(Fact("Plaats", (pack.venue,)))
    facts.append(Fact("Voor", (pack.audience_text,)))
    facts.append(Fact("Deelnemers", (participants_text(pack),)))
    if pack.facilitators:
        facts.append(Fact(FACILITATION, tuple(person_text(p) for p in pack.facilitators)))
    return facts


def groups_line(pack: Pack) -> Inline:
    """Who the meeting is for and the head count the groups assume."""
    return (Span("Voor:", bold=True), Span(f" {pack.audience_text}. "),
            Span(f"Groepsindeling voor {pack.participants} deelnemers", bold=True),
            Span(" (schatting; pas de groepen ter plekke aan)."
                 if pack.participants_estimated else "."))


def programme_title(pack: Pack, daypart: Daypart) -> str:
    """The heading over one daypart's agenda in the handbook."""
    if len(pack.program.dayparts) > 1:
        return daypart_text(daypart)
    return f"Programma, {clock(daypart.start)}–{clock(daypart.end)}"


def agenda_row(block: Block, numbers: Mapping[str, int]) -> tuple[Inline, ...]:
    """One row of the handbook's agenda: time, part (an exercise bold, with its number),
    minutes, group form."""
    if block.exercise_id:
        title: Inline = (Span(f"{numbers.get(block.exercise_id, '')}. {block.title}",
                              bold=True),)
    else:
        title = (Span(block.title),)
    return ((Span(f"{clock(block.start)}–{clock(block.end)}"),), title,
            (Span(str(block.minutes)),),
            (Span(block.groups.description if block.groups else ""),))


def is_pause(block: Block) -> bool:
    """A break or lunch: shaded in the agendas."""
    return block.kind in ("break", "lunch")


def preparation_intro(pack: Pack) -> Inline:
    """When to arrive, and the head count every number assumes."""
    start = pack.program.dayparts[0].start
    basis = ((Span("een "), Span("geschat", bold=True), Span(" aantal van "))
             if pack.participants_estimated else ())
    return (Span(f"Kom uiterlijk om {clock(start - 45)} om de zaal in te richten; de inloop "
                 f"begint om {clock(start - 15)}. Alle aantallen gaan uit van "), *basis,
            Span(f"{pack.participants} deelnemers."))


def room_checklist(pack: Pack) -> list[str]:
    """What the room needs, as a checklist."""
    numbers = {ex.id: ex.number for ex in pack.exercises}
    tables = [b for b in pack.program.blocks()
              if b.groups and b.group_form in ("subgroepen", "drietallen")]
    biggest = max(tables, key=lambda b: b.groups.count if b.groups else 0, default=None)
    lunches = sorted({clock(b.start) for b in pack.program.blocks() if b.kind == "lunch"})
    room = [f"Een zaal voor {pack.participants} deelnemers en "
            f"{max(1, len(pack.facilitators))} begeleider(s), "
            "met stoelen in een open opstelling en ruimte om te staan en te lopen."]
    if biggest and biggest.groups and biggest.exercise_id:
        room.append(f"Tafels voor het werken in groepen: {biggest.groups.description} "
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
    return room


def material_rows(pack: Pack) -> list[tuple[str, int, str]]:
    """The materials list: (item, quantity, the exercises that use it)."""
    from .pdf import ranges  # reportlab-free itself, but it lives with the PDF helpers

    by_title = {ex.title: ex.number for ex in pack.exercises}
    return [(line.item, line.quantity, ranges([by_title[t] for t in line.used_in
                                                if t in by_title]))
            for line in pack.program.materials]


def print_rows(pack: Pack) -> list[tuple[str, int, str]]:
    """What to print, in the counts this session needs: (what, how many, note)."""
    from .pdf import day_dates, spare

    n = pack.participants
    copies, extra, days = n + spare(n), spare(n), len(day_dates(pack))
    return [
        ("Hand-out voor deelnemers", copies,
         f"één per deelnemer en {extra} reserve; enkelzijdig, dan is elk werkblad een los vel"),
        ("Evaluatieformulier", copies, "pagina 1 is de gewone versie, pagina 2 de versie "
         "met gezichtjes voor wie weinig leest; leg van beide een stapel neer"),
        ("Presentielijst", days, "één per bijeenkomstdag, met reserveregels"),
        *([("Materialen om te printen (materialen-printen.pdf)", 1,
            "kaarten, vellen en posters voor de oefeningen, al in de juiste aantallen; "
            "enkelzijdig; posters op A3; knip de kaarten langs de stippellijnen")]
          if any(ex.printables for ex in pack.exercises) else []),
        ("Naambordjes (naambordjes.pdf)", 1, "A4 liggend, enkelzijdig; vouw dubbel langs de "
         "stippellijn: voor elke begeleider één, plus blanco bordjes voor de deelnemers"),
        ("Draaiboek (draaiboek.pdf)", 2, "A4 liggend: één voor de muur, één voor de tafel"),
        ("Deze handleiding", max(1, len(pack.facilitators)), "één per begeleider"),
    ]


def guidance(pack: Pack) -> list[tuple[str, str]]:
    """(text name, heading) of the guidance texts this pack carries, in order."""
    several = len(pack.program.dayparts) > 1
    return [(name, title) for name, title, later in GUIDANCE
            if name in pack.texts and (several or not later)]


def runsheet_rows(pack: Pack) -> list[tuple[Block, tuple[str, ...]]]:
    """The draaiboek's rows: each block with time, title, lead, support and work form."""
    numbers = {ex.id: ex.number for ex in pack.exercises}
    rows: list[tuple[Block, tuple[str, ...]]] = []
    for block in pack.program.blocks():
        title = (f"{numbers[block.exercise_id]}. {block.title}"
                 if block.exercise_id in numbers else block.title)
        form = ""
        if block.exercise_id:
            label = next(ex.group_label for ex in pack.exercises if ex.id == block.exercise_id)
            form = label + (f" · {block.groups.description}" if block.groups else "")
        rows.append((block, (f"{clock(block.start)}–{clock(block.end)}", title,
                             block.lead or "", block.support or "", form)))
    return rows


def seating(ex: ExerciseContent) -> tuple[str, ...]:
    """Who sits at which table ("Tafels 1–3: 2 professionals, 1 informele werker"), then
    whether the groups stay or change."""
    return (*describe_tables(ex.tables), *((ex.regrouping,) if ex.regrouping else ()))


def writing_caption(ex: ExerciseContent) -> str:
    """The line above a worksheet's writing lines."""
    return f"Hier kun je schrijven (werkblad {ex.number})"


def exercise_title(ex: ExerciseContent) -> str:
    """``3. Stellingenspel``: the exercise's heading in the handbook."""
    return f"{ex.number}. {ex.title}"


def exercise_kicker(pack: Pack, ex: ExerciseContent) -> str:
    """The line above an exercise's heading: its part (and daypart)."""
    return f"Oefeningen · {ex.part_label}" + (
        f" · dagdeel {ex.daypart}" if len(pack.program.dayparts) > 1 else "")


def exercise_facts(pack: Pack, ex: ExerciseContent, slides: Mapping[str, list[int]] | None,
                   handout: Mapping[str, list[int]] | None) -> list[Fact]:
    """The facts under an exercise's heading: time, form, groups, materials, slides, sheet."""
    from .pdf import ranges  # reportlab-free itself, but it lives with the PDF helpers

    low, _, high = ex.minutes_range
    groups = ex.groups
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
    return [
        Fact("Tijd", (f"{ex.start}–{ex.end} · {ex.minutes} minuten (kan {low}–{high} minuten)",)),
        Fact("Werkvorm", (ex.group_label.capitalize(),)),
        Fact("Groepen", (groups,)),
        Fact("Materialen", tuple(f"{m.quantity} × {m.item}" for m in ex.materials) or ("geen",)),
        *([Fact("Printen", tuple(f"{p.copies} × {p.title} ({p.size}, uit materialen-printen.pdf)"
                                  for p in ex.printables))] if ex.printables else []),
        *([Fact("Leiding", (f"{ex.lead} leidt" + (f", {ex.support} ondersteunt"
                                                   if ex.support else ""),))]
          if ex.lead else []),
        *([Fact("Tafels", seating(ex))]
          if ex.tables or ex.regrouping else []),
        Fact("Dia's", (slide_text,)),
        Fact("Hand-out", (sheet,)),
    ]


def step_times(ex: ExerciseContent) -> list[tuple[str, StepContent]]:
    """Each step with the clock time it starts."""
    hours, minutes = ex.start.split(":")
    at = int(hours) * 60 + int(minutes)
    out = []
    for step in ex.steps:
        out.append((clock(at), step))
        at += step.minutes
    return out


def step_heading(step: StepContent) -> str:
    """``2. In tweetallen``: a step's title line."""
    return f"{step.number}. {step.title}"


def closing_line(pack: Pack) -> Inline:
    """The closing block's time and title, or nothing when the programme has none."""
    closing = [b for b in pack.program.dayparts[-1].blocks if b.kind == "closing"]
    if not closing:
        return ()
    block = closing[-1]
    return (Span(f"{clock(block.start)}–{clock(block.end)}", bold=True),
            Span(f" · {block.title} ({block.minutes} minuten)"))


def contact_fallback(pack: Pack) -> str:
    """Where questions go when the session names no contact."""
    return f"Vragen na de bijeenkomst gaan naar de gemeente {pack.municipality}."


def handout_when(pack: Pack, one_day: bool) -> str:
    """Date, time (for a one-day meeting) and venue on one line."""
    when = [pack.date_text, f"{pack.first_start}–{pack.last_end}" if one_day else None,
            pack.venue]
    return " · ".join(w for w in when if w)


def handout_daypart(daypart: Daypart) -> str:
    """``Dagdeel 2 · donderdag 18 maart 2027`` over a daypart's agenda in the hand-out."""
    day = long_date(daypart.date) if daypart.date else f"dag {daypart.day}"
    return f"Dagdeel {daypart.number} · {day}"


def worksheet_title(ex: ExerciseContent) -> str:
    """``Werkblad 3: Stellingenspel``."""
    return f"Werkblad {ex.number}: {ex.title}"


def worksheet_time(ex: ExerciseContent) -> str:
    """``10:15–10:55 · 40 minuten`` under a worksheet's title."""
    return f"{ex.start}–{ex.end} · {ex.minutes} minuten"


def handout_contacts(pack: Pack) -> list[tuple[str, ...]]:
    """Who participants may ask afterwards: (name, e-mail, phone) parts that are given."""
    people = [pack.contact] if pack.contact else [p for p in pack.facilitators
                                                 if p.email or p.phone]
    return [tuple(x for x in (p.name, p.email, p.phone) if x) for p in people]


def handout_no_contact(pack: Pack) -> str:
    """The hand-out's last line when nobody is named to contact."""
    return (f"Heb je nog een vraag? Stel die aan de begeleider, of neem contact op met de "
            f"gemeente {pack.municipality}.")

