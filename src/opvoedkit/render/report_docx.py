"""The report template as a Word file: verslag-sjabloon.docx, for the facilitator to fill in.

Filled in already with what the pack knows: the meeting's data, the planned numbers per
audience (with an empty column for who came), the programme with who leads each part; then a
place per exercise for what came out of it (a grey hint and empty lines), the agreements table
of the closing, the evaluation, the follow-up meeting and to whom the report went.
"""

from __future__ import annotations

from pathlib import Path

from ..pack import ExerciseContent, Pack
from ..planner import clock
from . import Rendered
from . import wording as w
from .word_forms import (
    DATE_MISSING,
    HINT,
    VENUE_MISSING,
    FormDocument,
    day_text,
    keep_together,
    period,
    planned_mix,
    start_form,
    writing_box,
)

KIND = "Verslag"
FILE_KIND = "report-template"
WRITER_MISSING = "[naam invullen]"
AUDIENCE_NAMES = {"professionals": "Professionals",
                  "informal": "Informele werkers", "policy": "Gemeente"}
PARTICIPANT_COLUMNS = ("Wie", "Gepland", "Aanwezig")
PROGRAMME_COLUMNS = ("Tijd", "Onderdeel", "Leiding")
AGREEMENT_ROWS = 5
FOLLOW_UP_COLUMNS = ("Vervolgafspraak", "Invullen")
FOLLOW_UP_ROWS = ("Datum en tijd", "Plaats", "Wie nodigt uit", "Wie komen er",
                  "Wat bespreken we")
SENT_COLUMNS = ("Aan", "Verstuurd op", "Door")
EVALUATION_COLUMNS = ("Uit de evaluatieformulieren", "Invullen")
EVALUATION_ROWS = ("Aantal ingevulde formulieren", "Gemiddeld cijfer (1–10)",
                   "Wat leerden de deelnemers?", "Wat gaan ze doen?",
                   "Wat zeiden ze over de begeleiding?")
TITLES = {
    "gegevens": "Gegevens van de bijeenkomst",
    "deelnemers": "Deelnemers",
    "programma": "Programma",
    "oefeningen": "Wat kwam eruit?",
    "afspraken": "Afspraken",
    "evaluatie": "Evaluatie",
    "vervolg": "Vervolgafspraak",
    "verstuurd": "Verstuurd aan",
}
# What to write down after each exercise, by its part of the toolkit's arc.
PROMPTS = {
    "kennismaken": "Wat viel op bij het kennismaken? Wie kenden elkaar al, en wie nog niet?",
    "verkenning": "Welke beelden en welke krachten noemden de deelnemers, van de eigen kant en "
                  "van de andere kant? Wat verraste hen?",
    "visie": "Welke vormen van samenwerking en welke drempels kwamen naar voren? Waarover "
             "waren de deelnemers het eens, en waarover niet?",
    "opzetten": "Welk gezamenlijk doel en welke taken kozen de deelnemers? Wat is nodig om te "
                "beginnen? De afspraken zelf komen in de tabel bij ‘Afspraken’.",
    "afsluiten": "Wat gaven de deelnemers mee: wensen, reacties, vragen?",
}
PROMPT_END = "Schrijf ook opvallende uitspraken op, zonder namen."
INTRO = ("Vul dit verslag in tijdens of direct na de bijeenkomst, en stuur het binnen een week "
         "rond. Schrijf geen namen van ouders of gezinnen op. Vervang of wis de grijze regels.")
WRITING_LINES = 6


def render(pack: Pack, path: Path) -> Rendered:
    """Write the report template as .docx; returns its number of sections (Heading 1)."""
    doc = start_form(pack, KIND, subject(pack), 10.5, f"{KIND} (sjabloon)")
    intro = doc.hint(INTRO)
    doc.rule(intro, pack.colour)
    _data(doc, pack)
    _participants(doc, pack)
    _programme(doc, pack)
    _exercises(doc, pack)
    _agreements(doc, pack)
    _evaluation(doc)
    _follow_up(doc)
    _sent(doc, pack)
    target = Path(path)
    return Rendered(FILE_KIND, target, doc.save(target))


def subject(pack: Pack) -> str:
    """The report template's subject (document properties)."""
    return f"Verslag van de bijeenkomst in {pack.municipality}, om in te vullen"


def _data(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["gegevens"], 1)
    dayparts = pack.program.dayparts
    days = sorted({d.day for d in dayparts})
    if pack.date:
        dates = tuple(day_text(next(d for d in dayparts if d.day == day)) for day in days)
    else:
        dates = tuple(doc.placeholder(DATE_MISSING if len(days) == 1
                                      else f"[datum van dag {day} invullen]") for day in days)
    times = tuple(f"dagdeel {d.number} ({period(d)}" + (f", dag {d.day}" if len(days) > 1
                                                        else "")
                  + f"): {clock(d.start)}–{clock(d.end)}" for d in dayparts)
    facts = [
        w.Fact("Titel", (pack.title,)),
        w.Fact("Gemeente", (pack.municipality,)),
        w.Fact("Datum" if len(dates) == 1 else "Data", dates),
        w.Fact("Tijd", times if len(dayparts) > 1 else (f"{pack.first_start}–{pack.last_end}",)),
        w.Fact("Plaats", (pack.venue or doc.placeholder(VENUE_MISSING),)),
        w.Fact("Voor", (pack.audience_text,)),
        w.Fact(w.FACILITATION, tuple(w.person_text(p) for p in pack.facilitators)
               or (doc.placeholder("[namen invullen]"),)),
        w.Fact("Verslag door", (doc.placeholder(WRITER_MISSING),)),
    ]
    doc.facts(facts, label_mm=32)
    keep_together(doc, len(facts))


def _participants(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["deelnemers"], 2)
    mix = planned_mix(pack)
    rows = [(AUDIENCE_NAMES[a], str(mix[a]) if a in mix else "", "") for a in pack.audience]
    total = str(pack.participants) + (" (schatting)" if pack.participants_estimated else "")
    rows.append(("Totaal", total, ""))
    if not mix:
        doc.hint("Het sessiebestand noemt geen aantallen per groep. Vul ze in als je ze weet.")
    doc.table(PARTICIPANT_COLUMNS, rows, (80, 45, 45), keep=True)


def _programme(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["programma"], 1)
    several = len(pack.program.dayparts) > 1
    for daypart in pack.program.dayparts:
        if several:
            doc.heading(w.daypart_text(daypart), 2)
        rows = [(f"{clock(b.start)}–{clock(b.end)}", b.title, b.lead or "")
                for b in daypart.blocks]
        shaded = [n for n, block in enumerate(daypart.blocks, start=1) if w.is_pause(block)]
        doc.table(PROGRAMME_COLUMNS, rows, (26, 96, 48), shade_rows=shaded, keep=True)


def _exercises(doc: FormDocument, pack: Pack) -> None:
    # A page of its own: LibreOffice would keep this heading with its first line, but not
    # that line with the first exercise's box (see word_forms.writing_box).
    doc.heading(TITLES["oefeningen"], 1, new_page=True)
    doc.paragraph("Schrijf per oefening op wat eruit kwam. De grijze vragen helpen daarbij.")
    for ex in pack.exercises:
        _exercise(doc, ex)


def _exercise(doc: FormDocument, ex: ExerciseContent) -> None:
    doc.heading(ex.title, 2)
    when = f"{ex.start}–{ex.end} · {ex.group_label}"
    if ex.lead:
        when += f" · leiding: {ex.lead}"
    hint = f"{PROMPTS.get(ex.part, PROMPTS['visie'])} {PROMPT_END}"
    writing_box(doc, (("Kleine tekst", when), (HINT, hint)), WRITING_LINES, 52)


def _agreements(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["afspraken"], 1, new_page=True)
    doc.paragraph(w.AGREEMENTS_INTRO)
    note = absent_side_note(pack)
    if note:
        doc.hint(note)
    doc.table(w.AGREEMENT_COLUMNS, [("",) * len(w.AGREEMENT_COLUMNS)] * AGREEMENT_ROWS,
              (70, 36, 36, 28), heights_mm=16)


def absent_side_note(pack: Pack) -> str | None:
    """When the formal or the informal side is not in the room: who to ask afterwards."""
    # (side, its column, who to ask) for each side that is not in the room
    missing = [(side, column, whom) for side, column, audience, whom in (
        ("formele", w.AGREEMENT_COLUMNS[1], "professionals",
         "een professional van het wijkteam of het CJG"),
        ("informele", w.AGREEMENT_COLUMNS[2], "informal", "een vrijwilliger of sleutelfiguur"))
        if audience not in pack.audience]
    if not missing:
        return None
    if len(missing) == 2:
        return ("De formele en de informele kant waren er niet bij. Laat beide kolommen "
                "‘Wie’ staan: vraag na afloop aan beide kanten wie de afspraak oppakt.")
    side, column, whom = missing[0]
    return (f"De {side} kant was er niet bij. Laat de kolom ‘{column}’ toch staan: vraag na "
            f"afloop {whom} wie de afspraak oppakt, en vul de naam dan in.")


def _evaluation(doc: FormDocument) -> None:
    doc.heading(TITLES["evaluatie"], 1)
    doc.table(EVALUATION_COLUMNS, [(row, "") for row in EVALUATION_ROWS], (70, 100),
              heights_mm=12, keep=True)


def _follow_up(doc: FormDocument) -> None:
    doc.heading(TITLES["vervolg"], 1)
    doc.table(FOLLOW_UP_COLUMNS, [(row, "") for row in FOLLOW_UP_ROWS], (50, 120),
              heights_mm=9, keep=True)


def _sent(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["verstuurd"], 1)
    doc.hint("Zet de e-mailadressen in BCC, zodat niemand de adressen van anderen ziet.")
    rows = [("Alle deelnemers", "", ""), (f"Gemeente {pack.municipality}", "", ""),
            ("", "", ""), ("", "", "")]
    doc.table(SENT_COLUMNS, rows, (90, 40, 40), heights_mm=8, keep=True)
