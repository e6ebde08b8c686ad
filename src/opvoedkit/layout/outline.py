"""The deck's outline: its arc of slides, drafted from the Pack and fitted to the template's
text frames, and the slide numbers each exercise is shown on (the handbook cites them).

Every word of the deck, speaker notes included, is decided here; the deck renderer only draws
the outline it is given.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..dutch import join, long_date, minutes_text
from ..geometry import Frame
from ..pack import BackgroundContent, ExerciseContent, Pack
from ..planner import Block, Daypart, clock
from ..text import Block as TextBlock
from ..text import Inline, ListBlock, Span, plain
from .fitting import SlideSpec, fit

READING_ID = "verder-lezen"


def _text(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _blocks_text(blocks: Sequence[TextBlock]) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            lines.extend(f"{n}. {plain(item)}" if block.ordered else f"- {plain(item)}"
                         for n, item in enumerate(block.items, start=1))
        else:
            lines.append(plain(block.spans))
    return "\n".join(lines)


def _items(label: str, items: Sequence[Inline]) -> str:
    return f"{label}\n" + "\n".join(f"- {plain(i)}" for i in items) if items else ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _person(name: str, organisation: str | None) -> str:
    return f"{name} ({organisation})" if organisation else name


def _daypart_name(daypart: Daypart, pack: Pack) -> str:
    """"ochtend", "middag" or "avond", with the date when the meeting spans several days."""
    hour = daypart.start // 60
    part = "ochtend" if hour < 12 else "middag" if hour < 18 else "avond"
    several_days = pack.program.dayparts[-1].day > 1
    if several_days and daypart.date:
        return f"{part} van {long_date(daypart.date)}"
    return f"{part} van dag {daypart.day}" if several_days else part


def _title_slide(pack: Pack) -> SlideSpec:
    when = ", ".join(x for x in (pack.date_text, f"{pack.first_start}–{pack.last_end}") if x)
    lines = [pack.municipality, " · ".join(x for x in (when, pack.venue) if x)]
    if pack.facilitators:
        lines.append("Begeleiding: " + join([_person(f.name, f.organisation)
                                             for f in pack.facilitators]))
    names = join([f.name for f in pack.facilitators])
    where = "" if pack.municipality in pack.title else f" in {pack.municipality}"
    notes = _text(
        f"Welkom bij ‘{pack.title}’{where}. Laat deze dia staan terwijl de deelnemers "
        f"binnenkomen. We beginnen om {pack.first_start} en eindigen om {pack.last_end}.",
        f"Heet iedereen welkom en stel {'jullie' if len(pack.facilitators) > 1 else 'je'} voor"
        + (f" ({names})" if names else "") + f". In de zaal: {pack.audience_text}. We "
        f"verwachten {pack.participants} deelnemers.",
        "Regel het praktische: toiletten, koffie, telefoons op stil, en wie er eerder weg moet.")
    return SlideSpec("title", pack.title, subtitle="\n".join(x for x in lines if x), notes=notes)


def _agenda_slides(pack: Pack, dayparts: Sequence[Daypart], title: str) -> Iterator[SlideSpec]:
    for daypart in dayparts:
        suffix = f": {_daypart_name(daypart, pack)}" if len(pack.program.dayparts) > 1 else ""
        lines = tuple((Span(f"{clock(b.start)}–{clock(b.end)}\t", bold=True), Span(b.title))
                      for b in daypart.blocks)
        breaks = [b for b in daypart.blocks if b.kind in ("break", "lunch")]
        notes = _text(
            f"Loop het programma kort door. Dit dagdeel loopt van {clock(daypart.start)} tot "
            f"{clock(daypart.end)}."
            + "".join(f" {b.title} om {clock(b.start)} ({b.minutes} minuten)." for b in breaks),
            "Programma:\n" + "\n".join(f"{clock(b.start)}–{clock(b.end)}  {b.title}"
                                       for b in daypart.blocks),
            "Vraag of er deelnemers eerder weg moeten, en houd daar rekening mee bij de "
            "afspraken aan het eind.")
        yield SlideSpec("agenda", title + suffix, bullets=lines, notes=notes, style="agenda")


def _background_slide(background: BackgroundContent, block: Block | None) -> SlideSpec:
    timing = (f"Tijd: de achtergrond hoort bij het blok {clock(block.start)}–{clock(block.end)} "
              f"({block.minutes} minuten voor alle achtergronddia's samen).") if block else ""
    return SlideSpec("content", background.title, bullets=background.slide,
                     notes=_text(timing, _blocks_text(background.text)))


def _exercise_slides(ex: ExerciseContent) -> Iterator[SlideSpec]:
    badge = f"{ex.minutes} min · {ex.group_label}"
    when = f"{ex.start}–{ex.end} ({minutes_text(ex.minutes)})"
    groups = _capital(ex.groups or ex.group_label)
    materials = ", ".join(f"{m.quantity} × {m.item}" for m in ex.materials)
    steps = "Stappen:\n" + "\n".join(
        f"{s.number}. {s.title} ({s.minutes} min): {plain(s.text)}" if s.title
        else f"{s.number}. {plain(s.text)}" for s in ex.steps)
    yield SlideSpec(
        "section", ex.title, exercise_id=ex.id,
        subtitle="\n".join([f"Oefening {ex.number} · {ex.part_label}",
                            f"{ex.start}–{ex.end} · {ex.minutes} minuten", groups]),
        notes=_text(f"Kondig oefening {ex.number} aan: {ex.title}. {when}, {groups.lower()}.",
                    "Doel: " + _blocks_text(ex.goal),
                    f"Zorg dat dit klaarligt: {materials}." if materials else ""))
    bullets = ex.slide or tuple((Span(f"{s.title} ({s.minutes} min)"),) for s in ex.steps)
    yield SlideSpec("exercise", ex.title, bullets=bullets, badge=badge, exercise_id=ex.id,
                    notes=_text(f"{ex.title}: {when}, {groups.lower()}.", steps,
                                _items("Tips voor een gemengde groep:", ex.tips)))
    if ex.debrief:
        yield SlideSpec(
            "content", "Bespreken", bullets=ex.debrief, exercise_id=ex.id,
            notes=_text(f"Nabespreking van ‘{ex.title}’. Stel de vragen één voor één en laat "
                        "om de beurt iemand van de formele en van de informele kant antwoorden. "
                        "Schrijf opvallende antwoorden op de flip-over. De oefening eindigt om "
                        f"{ex.end}.",
                        _items("Vragen:", ex.debrief)))


def _break_slide(block: Block) -> SlideSpec:
    return SlideSpec(
        "section", block.title,
        subtitle=f"{minutes_text(block.minutes)}\nWe gaan verder om {clock(block.end)}",
        notes=_text(f"{block.title} van {clock(block.start)} tot {clock(block.end)} "
                    f"({block.minutes} minuten). Zeg hardop hoe laat we verder gaan: "
                    f"{clock(block.end)}.",
                    "Laat de dia staan tijdens de pauze. Gebruik de tijd om materialen voor de "
                    "volgende oefening klaar te leggen."))


def _daypart_end(pack: Pack, daypart: Daypart, block: Block) -> SlideSpec:
    following = pack.program.dayparts[daypart.number]  # the next daypart exists here
    when = (f"op {long_date(following.date)} om {clock(following.start)}"
            if following.day != daypart.day and following.date else
            f"om {clock(following.start)}")
    bullets = ((Span("Wat neem je mee uit dit dagdeel?"),),
               (Span(f"We gaan verder {when}"),))
    return SlideSpec("closing", block.title, bullets=bullets, notes=_text(
        f"{block.title}: {clock(block.start)}–{clock(block.end)}. Vraag twee of drie "
        "deelnemers wat ze meenemen uit dit dagdeel. Noem wanneer we verder gaan.",
        "Hang de flip-overvellen van dit dagdeel zichtbaar op: ze komen straks terug."))


def _closing_slides(pack: Pack, block: Block | None,
                    reading: BackgroundContent | None) -> Iterator[SlideSpec]:
    closing = pack.texts["afsluiting"]
    timing = (f"Tijd: {clock(block.start)}–{clock(block.end)} ({block.minutes} minuten)."
              if block else "")
    yield SlideSpec("closing", "Afsluiting", bullets=closing.slide,
                    notes=_text(timing, _blocks_text(closing.body)))
    if reading:
        yield SlideSpec("content", reading.title, bullets=reading.slide,
                        notes=_text("Wijs op deze bronnen voor wie verder wil lezen; ze staan "
                                    "ook in de hand-out.", _blocks_text(reading.text)))
    yield _contact_slide(pack)


def _contact_slide(pack: Pack) -> SlideSpec:
    left: list[Inline] = []
    for person in pack.facilitators:
        left.append((Span(person.name, bold=True),))
        left.extend((Span(x),) for x in (person.organisation, person.email, person.phone) if x)
    right: list[Inline] = []
    if pack.contact:
        right.append((Span("Vragen na vandaag?", bold=True),))
        right.extend((Span(x),) for x in (pack.contact.name, pack.contact.email,
                                          pack.contact.phone) if x)
    if left and right:
        left.insert(0, (Span("Begeleiding", bold=True),))
    notes = _text("Laat zien bij wie de deelnemers na vandaag terechtkunnen, en bedank "
                  "iedereen voor de inzet.", f"Gemeente {pack.municipality}." if not right else "")
    if not left and not right:
        left = [(Span(f"Vragen? Neem contact op met de gemeente {pack.municipality}."),)]
    kind = "two-column" if left and right else "content"
    return SlideSpec(kind, "Contact", bullets=tuple(left or right),
                     right=tuple(right) if left else (), notes=notes, style="plain")


def _drafts(pack: Pack) -> Iterator[SlideSpec]:
    """The deck's arc, before fitting."""
    program = pack.program
    reading = next((b for b in pack.backgrounds if b.id == READING_ID), None)
    exercises = iter(pack.exercises)
    yield _title_slide(pack)
    goal = pack.texts["doel-bijeenkomst"]
    yield SlideSpec("content", "Doel van deze bijeenkomst", bullets=goal.slide,
                    notes=_blocks_text(goal.body) or "Vertel wat we vandaag willen bereiken.")
    yield from _agenda_slides(pack, program.dayparts, "Programma")
    final = None
    for daypart in program.dayparts:
        last = daypart.number == len(program.dayparts)
        for block in daypart.blocks:
            if block.kind == "welcome" and daypart.number > 1:
                yield from _agenda_slides(pack, [daypart], "Welkom terug")
            elif block.kind == "background":
                yield from (_background_slide(b, block) for b in pack.backgrounds
                            if b.id != READING_ID)
            elif block.kind == "exercise":
                yield from _exercise_slides(next(exercises))
            elif block.kind in ("break", "lunch"):
                yield _break_slide(block)
            elif block.kind == "closing" and not last:
                yield _daypart_end(pack, daypart, block)
            elif block.kind == "closing":
                final = block
    yield from _closing_slides(pack, final, reading)


def outline(pack: Pack, frames: Mapping[str, Frame]) -> list[SlideSpec]:
    """Every slide of the deck, in order, fitted to the template's text frames."""
    return [fitted for draft in _drafts(pack) for fitted in fit(draft, frames)]


def numbers(specs: Sequence[SlideSpec]) -> dict[str, list[int]]:
    """1-based slide numbers per exercise id."""
    found: dict[str, list[int]] = {}
    for number, spec in enumerate(specs, start=1):
        if spec.exercise_id:
            found.setdefault(spec.exercise_id, []).append(number)
    return found
