"""The invitation as a Word file: uitnodiging.docx, for the municipality to edit and send.

In plain Dutch (B1: short sentences, common words, "je"): what the meeting is, why, for whom
(only the audiences that attend), when and where, the programme in short, how to register, what
is arranged for the participants (volunteers' fee, childcare, halal and vegetarian food, an
interpreter, a room for prayer) and who leads it. What the session does not say (a date, a
venue, a contact, the fee) is a highlighted placeholder in square brackets.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.shared import Pt

from ..dutch import join, long_date
from ..pack import Pack
from ..planner import Block, Daypart, clock
from ..text import Inline, Span
from . import Rendered
from . import wording as w
from .word_forms import (
    DATE_MISSING,
    VENUE_MISSING,
    FormDocument,
    day_text,
    keep_together,
    period,
    start_form,
)

KIND = "Uitnodiging"
FILE_KIND = "invitation"
FEE_MISSING = "[bedrag invullen]"
DEADLINE_MISSING = "[uiterste datum invullen]"
CONTACT_MISSING = "[naam en e-mailadres of telefoonnummer invullen]"
FACILITATORS_MISSING = "[namen van de begeleiders invullen]"
AGENDA_COLUMNS = ("Tijd", "Wat")
WELCOME_AND_BACKGROUND = "Welkom, en waarom samenwerken?"
NUMBERS = {1: "één", 2: "twee", 3: "drie", 4: "vier"}

# Who they are, in the words of the invitation: in a sentence, and in the list "voor wie".
GROUP_WORDS = {
    "professionals": "professionals",
    "informal": "vrijwilligers",
    "policy": "medewerkers van de gemeente",
}
FOR_WHOM = {
    "professionals": "Professionals die ouders helpen bij het opvoeden. Bijvoorbeeld van het "
                     "wijkteam, het CJG of de jeugdgezondheidszorg.",
    "informal": "Vrijwilligers en sleutelfiguren die ouders helpen in hun eigen gemeenschap. "
                "Bijvoorbeeld bij een vereniging of een stichting in de wijk.",
    "policy": "Medewerkers en bestuurders van de gemeente {municipality} die werken aan "
              "jeugd en gezin.",
}
KEY_FIGURE = "Een sleutelfiguur is iemand die mensen in de eigen gemeenschap kennen en vertrouwen."
# What each side brings: the strengths the toolkit names, in a short sentence.
STRENGTHS = {
    "informal": "Vrijwilligers kennen de ouders, hun taal en hun zorgen. Ouders vertrouwen hen.",
    "professionals": "Professionals hebben veel kennis. Ze kunnen hulp regelen als dat nodig is.",
    "policy": "De gemeente kan de samenwerking steunen en mogelijk maken.",
}
REGISTER_DETAILS = (
    "je naam en je organisatie;",
    "of je een tolk nodig hebt, en voor welke taal;",
    "of je kinderopvang nodig hebt, en voor hoeveel kinderen;",
    "of er eten is dat je niet mag of wilt eten.",
)
TITLES = {
    "wat": "Wat is het?",
    "waarom": "Waarom deze bijeenkomst?",
    "wie": "Voor wie?",
    "wanneer": "Wanneer en waar?",
    "programma": "Het programma",
    "aanmelden": "Aanmelden",
    "geregeld": "Wat regelen we voor je?",
    "begeleiding": "Wie leiden de bijeenkomst?",
}


def render(pack: Pack, path: Path) -> Rendered:
    """Write the invitation as .docx; returns its number of sections (Heading 1)."""
    doc = start_form(pack, KIND, subject(pack), 11, KIND)
    opening = doc.paragraph(f"De gemeente {pack.municipality} nodigt je uit voor een "
                            "bijeenkomst over hulp bij het opvoeden.")
    doc.rule(opening, pack.colour)
    _what(doc, pack)
    _why(doc, pack)
    _for_whom(doc, pack)
    _when_and_where(doc, pack)
    _programme(doc, pack)
    _register(doc, pack)
    _arranged(doc, pack)
    _facilitators(doc, pack)
    doc.paragraph("We hopen je te zien!").paragraph_format.space_before = Pt(12)
    doc.paragraph("Met vriendelijke groet,")
    doc.paragraph(f"Gemeente {pack.municipality}")
    # The facilitators and the greeting stay on one page.
    keep_together(doc, max(1, len(pack.facilitators)) + 4)
    target = Path(path)
    return Rendered(FILE_KIND, target, doc.save(target))


def subject(pack: Pack) -> str:
    """The invitation's subject (document properties)."""
    return (f"Uitnodiging voor de bijeenkomst in {pack.municipality} over samenwerking in "
            "opvoedondersteuning")


def groups_sentence(pack: Pack) -> str:
    """``Professionals, vrijwilligers en medewerkers van de gemeente``: who attends."""
    words = join([GROUP_WORDS[a] for a in pack.audience])
    return words[:1].upper() + words[1:]


def lead_in(doc: FormDocument, text: str) -> None:
    """A line that introduces a list, kept on the page of the list."""
    doc.paragraph(text).paragraph_format.keep_with_next = True


def _what(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["wat"], 1)
    days = len({d.day for d in pack.program.dayparts})
    count = len(pack.program.dayparts)
    length = ("één dagdeel" if count == 1 else f"{NUMBERS[count]} dagdelen" + (
        "" if days == 1 else f", verdeeld over {NUMBERS[days]} dagen"))
    doc.paragraph(f"Dit is een bijeenkomst over opvoeden en opgroeien in {pack.municipality}. "
                  f"{groups_sentence(pack)} ontmoeten elkaar. Jullie praten over de hulp aan "
                  f"ouders. En jullie maken samen afspraken. De bijeenkomst duurt {length}.")


def _why(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["waarom"], 1)
    doc.paragraph("Ouders hebben soms vragen over opvoeden. Dan zoeken ze hulp die bij hen "
                  "past. Die hulp werkt het best als iedereen goed samenwerkt.")
    present = [a for a in pack.audience if a in STRENGTHS]
    sides = {"professionals", "informal"}
    if len(present) > 1:
        doc.paragraph(" ".join(STRENGTHS[a] for a in present))
        doc.paragraph("In deze bijeenkomst leer je elkaar beter kennen. Je ontdekt wat de "
                      "ander goed kan. En jullie maken afspraken om samen te werken. Zo "
                      "krijgen ouders steun die bij hen past.")
        return
    others = join([GROUP_WORDS[a] for a in ("professionals", "informal")
                   if a in sides - set(present)])
    doc.paragraph(f"In deze bijeenkomst kijk je naar wat jij goed kunt. En naar wat "
                  f"{others} goed kunnen. Je bedenkt hoe jullie beter kunnen samenwerken. Zo "
                  "krijgen ouders steun die bij hen past.")


def _for_whom(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["wie"], 1)
    lead_in(doc, "De bijeenkomst is voor:")
    doc.bullets([FOR_WHOM[a].format(municipality=pack.municipality) for a in pack.audience])
    if "informal" in pack.audience:
        doc.paragraph(KEY_FIGURE)
    if not pack.participants_estimated:
        doc.paragraph(f"Er is plaats voor {pack.participants} mensen.")


def _when_and_where(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["wanneer"], 1)
    walk_in = clock(pack.program.dayparts[0].start - 15)
    facts = [*_dates_and_times(doc, pack),
             w.Fact("Inloop", (f"vanaf {walk_in} uur, met koffie en thee",)),
             w.Fact("Plaats", (pack.venue or doc.placeholder(VENUE_MISSING),))]
    doc.facts(facts, label_mm=25)
    keep_together(doc, len(facts))


def _dates_and_times(doc: FormDocument, pack: Pack) -> list[w.Fact]:
    """Date and time of every daypart; a missing date is a line of its own (a placeholder)."""
    dayparts = pack.program.dayparts
    days = sorted({d.day for d in dayparts})
    if pack.date and len(days) > 1:
        return [w.Fact("Wanneer", tuple(
            f"dagdeel {d.number} ({period(d)}): {day_text(d)}, van {clock(d.start)} tot "
            f"{clock(d.end)} uur" for d in dayparts))]
    if pack.date:
        dates: tuple[str, ...] = (day_text(dayparts[0]),)
    else:
        dates = tuple(doc.placeholder(DATE_MISSING if len(days) == 1
                                      else f"[datum van dag {day} invullen]") for day in days)
    if len(dayparts) == 1:
        return [w.Fact("Datum", dates), w.Fact("Tijd", (f"van {pack.first_start} tot "
                                                        f"{pack.last_end} uur",))]
    times = []
    for daypart in dayparts:
        day = f" (dag {daypart.day})" if len(days) > 1 else ""
        times.append(f"{period(daypart)}{day}: van {clock(daypart.start)} tot "
                     f"{clock(daypart.end)} uur")
        times += [f"lunch: van {clock(b.start)} tot {clock(b.end)} uur"
                  for b in daypart.blocks if b.kind == "lunch"]
    return [w.Fact("Datum" if len(dates) == 1 else "Data", dates), w.Fact("Tijd", tuple(times))]


def _programme(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["programma"], 1)
    several = len(pack.program.dayparts) > 1
    for daypart in pack.program.dayparts:
        if several:
            doc.heading(daypart_heading(pack, daypart), 2)
        rows = programme_rows(daypart.blocks)
        shaded = [n for n, (_, _, pause) in enumerate(rows, start=1) if pause]
        doc.table(AGENDA_COLUMNS, [(at, what) for at, what, _ in rows], (32, 138),
                  shade_rows=shaded, keep=True)


def programme_rows(blocks: Sequence[Block]) -> list[tuple[str, str, bool]]:
    """(time, what, is a pause) per line of the programme in short: the welcome and the
    background that follows it are one line."""
    rows: list[tuple[str, str, bool]] = []
    index = 0
    while index < len(blocks):
        block, end = blocks[index], blocks[index].end
        title = block.title
        if (block.kind == "welcome" and index + 1 < len(blocks)
                and blocks[index + 1].kind == "background"):
            title, end = WELCOME_AND_BACKGROUND, blocks[index + 1].end
            index += 1
        rows.append((f"{clock(block.start)}–{clock(end)}", title, w.is_pause(block)))
        index += 1
    return rows


def daypart_heading(pack: Pack, daypart: Daypart) -> str:
    """``Dagdeel 2: middag``, with the day when the meeting spans several days."""
    text = f"Dagdeel {daypart.number}: {period(daypart)}"
    if len({d.day for d in pack.program.dayparts}) == 1:
        return text
    return text + (f", {long_date(daypart.date)}" if daypart.date else f" (dag {daypart.day})")


def _register(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["aanmelden"], 1)
    contact = pack.contact
    deadline = doc.placeholder(DEADLINE_MISSING)
    if contact is None:
        doc.paragraph((Span("Wil je komen? Meld je dan aan vóór "), Span(deadline),
                       Span(". Dat kan bij "), Span(doc.placeholder(CONTACT_MISSING)),
                       Span(".")))
    else:
        ways = " of ".join(v for v in (contact.email, contact.phone) if v)
        doc.paragraph((Span("Wil je komen? Meld je dan aan vóór "), Span(deadline),
                       Span(f". Dat kan bij {contact.name}" + (f": {ways}." if ways else "."))))
    lead_in(doc, "Vertel bij je aanmelding:")
    doc.bullets(REGISTER_DETAILS)


def _arranged(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["geregeld"], 1)
    lunch = any(b.kind == "lunch" for b in pack.program.blocks())
    items: list[Inline] = []
    if "informal" in pack.audience:
        items.append((Span("Ben je vrijwilliger? Dan krijg je een vergoeding voor je tijd: "),
                      Span(doc.placeholder(FEE_MISSING)), Span(".")))
    items += [
        (Span("Er is eten en drinken. " + ("We eten samen een lunch. " if lunch else "") +
              "Al het eten is halal. Er is ook vegetarisch eten."),),
        (Span("Heb je oppas nodig voor je kinderen? Vraag dan bij je aanmelding om "
              "kinderopvang."),),
        (Span("Wil je liever in je eigen taal praten? Vraag dan bij je aanmelding om een "
              "tolk."),),
        (Span("Er is een rustige ruimte om te bidden."),),
        (Span("Na de bijeenkomst krijg je een verslag met de afspraken."),),
    ]
    doc.bullets(items)


def _facilitators(doc: FormDocument, pack: Pack) -> None:
    doc.heading(TITLES["begeleiding"], 1)
    if not pack.facilitators:
        doc.paragraph(doc.placeholder(FACILITATORS_MISSING))
        return
    lead_in(doc, "Deze mensen leiden de bijeenkomst:" if len(pack.facilitators) > 1
            else "Deze persoon leidt de bijeenkomst:")
    doc.bullets([p.name + (f" ({p.organisation})" if p.organisation else "")
                 for p in pack.facilitators])
