"""The deck's outline: its arc of slides, drafted from the Pack and fitted to the template's
text frames, and the slide numbers each exercise is shown on (the handbook cites them).

Every word of the deck, speaker notes included, is decided here; the deck renderer only draws
the outline it is given.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from ..dutch import join, long_date, minutes_text
from ..geometry import BODY_PT, EMU_PER_INCH, EMU_PER_PT, GAP, LINE, Box, Frame
from ..pack import BackgroundContent, ExerciseContent, Pack, StepContent
from ..people import describe_tables
from ..planner import Block, Daypart, clock
from ..text import Block as TextBlock
from ..text import Inline, ListBlock, Span, plain
from .diagrams import (
    AgendaItem,
    Shapes,
    exercise_timeline,
    fitted,
    route_band,
    route_overview,
    stage_of,
    stages,
)
from .diagrams import agenda as agenda_timeline
from .diagrams import background as background_diagram
from .diagrams import data as diagram_data
from .diagrams import steps as step_list
from .fitting import SlideSpec, fit, fit_title
from .shapes import lines

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
    lines = [*([] if pack.title_names_municipality else [pack.municipality]),
             " · ".join(x for x in (when, pack.venue) if x)]
    if pack.facilitators:
        lines.append("Begeleiding: " + join([_person(f.name, f.organisation)
                                             for f in pack.facilitators]))
    names = join([f.name for f in pack.facilitators])
    where = "" if pack.title_names_municipality else f" in {pack.municipality}"
    notes = _text(
        f"Welkom bij ‘{pack.title}’{where}. Laat deze dia staan terwijl de deelnemers "
        f"binnenkomen. We beginnen om {pack.first_start} en eindigen om {pack.last_end}.",
        f"Heet iedereen welkom en stel {'jullie' if len(pack.facilitators) > 1 else 'je'} voor"
        + (f" ({names})" if names else "") + f". In de zaal: {pack.audience_text}. We "
        f"verwachten {pack.participants} deelnemers.",
        "Regel het praktische: toiletten, koffie, telefoons op stil, en wie er eerder weg moet.")
    return SlideSpec("title", pack.title, subtitle="\n".join(x for x in lines if x), notes=notes)


def _agenda_slides(pack: Pack, dayparts: Sequence[Daypart], title: str,
                   frames: Mapping[str, Frame]) -> Iterator[SlideSpec]:
    for daypart in dayparts:
        suffix = f": {_daypart_name(daypart, pack)}" if len(pack.program.dayparts) > 1 else ""
        lines_ = tuple((Span(f"{clock(b.start)}–{clock(b.end)}\t", bold=True), Span(b.title))
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
        # The day part as a timeline; as a list when its labels cannot fit.
        items = [AgendaItem(f"{clock(b.start)}–{clock(b.end)}", b.title, b.minutes,
                                     b.kind) for b in daypart.blocks]
        shapes = agenda_timeline(items, frames["agenda"].bodies[0])
        if shapes:
            yield SlideSpec("agenda", title + suffix, notes=notes, shapes=shapes)
        else:
            yield SlideSpec("agenda", title + suffix, bullets=lines_, notes=notes,
                            style="agenda")


def _route_slide(pack: Pack, frames: Mapping[str, Frame]) -> SlideSpec | None:
    """The route of the day: its stages with the exercises of this programme under each."""
    exercises = [(e.number, e.title, stage_of(e.id, e.part)) for e in pack.exercises]
    shapes = route_overview(exercises, frames["content"].bodies[0])
    if not shapes:
        return None
    route = stages()
    notes = _text(
        "Laat zien hoe de dag is opgebouwd: " + " → ".join(s.label for s in route) + ". Bij "
        "elke oefening zien de deelnemers op de dia waar we op de route zijn.",
        "\n".join(f"{s.label}: " + (", ".join(t for _, t, i in exercises if i == n)
                                      or "geen oefening vandaag")
                  for n, s in enumerate(route)))
    return SlideSpec("content", diagram_data()["route"]["title"], notes=notes, shapes=shapes)


def _background_slide(background: BackgroundContent, block: Block | None,
                      frames: Mapping[str, Frame]) -> SlideSpec:
    timing = (f"Tijd: de achtergrond hoort bij het blok {clock(block.start)}–{clock(block.end)} "
              f"({block.minutes} minuten voor alle achtergronddia's samen).") if block else ""
    drawn = background_diagram(background.id, frames["content"].bodies[0])
    if drawn:  # the diagram replaces the bullets; they stay in the notes
        title, shapes = drawn
        return SlideSpec("content", title, shapes=shapes,
                         notes=_text(timing, _items("Kern:", background.slide),
                                     _blocks_text(background.text)))
    return SlideSpec("content", background.title, bullets=background.slide,
                     notes=_text(timing, _blocks_text(background.text)))


def _route_band(frame: Frame, current: int) -> tuple[Box, Shapes] | None:
    """The route of the day along the bottom of a section slide's text frame, and the frame
    left above it for the text; None when the frame is too low for both."""
    body = frame.bodies[0]
    height = min(round(0.7 * EMU_PER_INCH), body.height * 3 // 10)
    gap = round(0.15 * EMU_PER_INCH)
    if body.height - height - gap < round(1.6 * EMU_PER_INCH):
        return None
    band = Box(body.left, body.top + body.height - height, body.width, height)
    shapes = route_band(current, band)
    if not shapes:
        return None
    return replace(body, height=body.height - height - gap), shapes


def _step_label(step: StepContent) -> str:
    """A step's title, or the first words of its text when it has none."""
    if step.title:
        return step.title
    words = plain(step.text).split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def _exercise_slides(ex: ExerciseContent, frames: Mapping[str, Frame],
                     count: int, pack_audience: Sequence[str]) -> Iterator[SlideSpec]:
    badge = f"{ex.minutes} min · {ex.group_label}"
    when = f"{ex.start}–{ex.end} ({minutes_text(ex.minutes)})"
    groups = _capital(ex.groups or ex.group_label)
    materials = ", ".join(f"{m.quantity} × {m.item}" for m in ex.materials)
    steps = "Stappen:\n" + "\n".join(
        f"{s.number}. {s.title} ({s.minutes} min): {plain(s.text)}" if s.title
        else f"{s.number}. {plain(s.text)}" for s in ex.steps)
    stage = stage_of(ex.id, ex.part)
    label = stages()[stage].label
    band = _route_band(frames["section"], stage)
    yield SlideSpec(
        "section", ex.title, exercise_id=ex.id,
        subtitle="\n".join([f"Oefening {ex.number} van {count} · {label}",
                            f"{ex.start}–{ex.end} · {ex.minutes} minuten", groups]),
        notes=_text(f"Kondig oefening {ex.number} aan: {ex.title}. {when}, {groups.lower()}.",
                    f"Op de route van vandaag: {label}.",
                    "Doel: " + _blocks_text(ex.goal),
                    f"Zorg dat dit klaarligt: {materials}." if materials else ""),
        shapes=band[1] if band else (), body=band[0] if band else None)
    exercise = frames["exercise"]
    bullets = ex.slide or tuple((Span(f"{s.title} ({s.minutes} min)"),) for s in ex.steps)
    tables = describe_tables(ex.tables)
    if tables and len(tables) <= 3:  # the set-up per table fits beside the text
        groups = "\n".join([groups, *tables])
    panel = _group_panel(exercise, groups)
    if panel is None:  # no column beside the text: the set-up opens the list
        bullets = ((Span(groups, bold=True),), *bullets)
    yield SlideSpec("exercise", f"Opdracht: {ex.title}", bullets=bullets, badge=badge,
                    exercise_id=ex.id,
                    shapes=panel or (),
                    notes=_text(f"{ex.title}: {when}, {groups.lower()}.",
                                " ".join(f"{t}." for t in tables), ex.regrouping, steps,
                                _items("Tips voor een gemengde groep:", ex.tips)))
    # A timed debrief as the last step is shown by the debrief's own slide, with its questions.
    last = ex.steps[-1] if ex.steps else None
    debrief_step = last if ex.debrief and len(ex.steps) > 1 and last is not None \
        and last.title.lower().startswith("nabespreking") else None
    if len(ex.steps) > 1:
        yield from _step_slides(ex, exercise, badge, skip_last=debrief_step is not None)
    drawn = exercise_timeline(ex.id, frames["content"].bodies[0])
    if drawn:
        yield SlideSpec("content", f"{ex.title}: {drawn[0].lower()}", shapes=drawn[1],
                        exercise_id=ex.id,
                        notes=_text("Gebruik deze tijdlijn bij de stap over wat samenwerking "
                                    "had opgeleverd. De gekleurde momenten zijn kansen: daar "
                                    "had samenwerking het verschil kunnen maken. Vraag de "
                                    "groepen eerst zelf de momenten te kiezen, en laat dan "
                                    "deze dia zien."))
    if ex.debrief:
        both = {"professionals", "informal"} <= set(pack_audience)
        time = (f" Je hebt er {debrief_step.minutes} minuten voor, tot {ex.end}."
                if debrief_step is not None else f" De oefening eindigt om {ex.end}.")
        notes = _text(f"Nabespreking van ‘{ex.title}’. Kies twee of drie vragen en laat "
                      + ("om de beurt iemand van de formele en van de informele kant "
                         "antwoorden" if both else "eerst iemand antwoorden die nog weinig "
                         "heeft gezegd")
                      + ". Schrijf opvallende antwoorden op de flip-over." + time,
                      _items("Vragen:", ex.debrief))
        if debrief_step is None:
            yield SlideSpec("content", f"Nabespreking: {ex.title}", bullets=ex.debrief,
                            exercise_id=ex.id, notes=notes)
        else:  # the exercise's last step: its badge, and which step it is, at what time
            total = len(ex.steps)
            now = _group_panel(exercise, f"Stap {total} van {total}",
                               f"{_clock_after(ex, total - 1)}–{ex.end}")
            yield SlideSpec("exercise", f"Nabespreking: {ex.title}", bullets=ex.debrief,
                            badge=badge, exercise_id=ex.id, shapes=now or (),
                            notes=_text(f"Stap {total} van {total}: {debrief_step.title} "
                                        f"({debrief_step.minutes} min)",
                                        plain(debrief_step.text), notes))


def _clock_after(ex: ExerciseContent, steps: int) -> str:
    """The clock time after an exercise's first ``steps`` steps."""
    hours, minutes = ex.start.split(":")
    return clock(int(hours) * 60 + int(minutes) + sum(s.minutes for s in ex.steps[:steps]))


def _group_panel(frame: Frame, *texts: str) -> Shapes | None:
    """Some lines (the group set-up, a step's clock times) in the column under the time
    badge, when the layout has one."""
    badge = frame.badge
    if badge is None or badge.left < frame.bodies[0].left + frame.bodies[0].width:
        return None
    top = badge.top + badge.height + round(0.15 * EMU_PER_INCH)
    bottom = frame.bodies[0].top + frame.bodies[0].height
    box = Box(badge.left, top, badge.width, min(bottom - top, round(1.8 * EMU_PER_INCH)))
    shape = fitted("roundRect", box, lines(*texts, bold_first=len(texts) > 1),
                            (20, 18, 16), fill="light", name="Groepen" if len(texts) == 1
                            else "Nu")
    return (shape,) if shape else None


def _step_slides(ex: ExerciseContent, frame: Frame, badge: str,
                 skip_last: bool = False) -> Iterator[SlideSpec]:
    """One slide per step (the last left to the debrief's slide, if asked): every step with
    its minutes, the current one highlighted."""
    area = frame.bodies[0]
    if frame.badge is None:  # the badge takes the first text line: the steps go below it
        room = round(BODY_PT[0] * (LINE + GAP) * EMU_PER_PT)
        area = replace(area, top=area.top + room, height=area.height - room)
    items = [(_step_label(s), s.minutes) for s in ex.steps]
    total = len(ex.steps)
    for index, step in enumerate(ex.steps[:-1] if skip_last else ex.steps):
        shapes = step_list(items, index, area)
        now = _group_panel(frame, f"Stap {step.number} van {total}",
                           f"{_clock_after(ex, index)}–{_clock_after(ex, index + 1)}")
        if shapes and now:
            shapes = shapes + now
        body = f"{step.number}. {step.title} ({step.minutes} min)" if step.title \
            else f"{step.number}. ({step.minutes} min)"
        notes = _text(f"Stap {step.number} van {total}: {body}", plain(step.text))
        title = f"{ex.title} (stap {step.number}/{total})"
        if shapes:
            yield SlideSpec("exercise", title, badge=badge, exercise_id=ex.id, notes=notes,
                            shapes=shapes)
        else:
            yield SlideSpec("exercise", title, badge=badge, exercise_id=ex.id, notes=notes,
                            bullets=tuple((Span(f"{n + 1}. {label} ({m} min)",
                                                bold=n == index),)
                                          for n, (label, m) in enumerate(items)))


def _break_slide(block: Block) -> SlideSpec:
    return SlideSpec(
        "section", f"{block.title} · {clock(block.start)}–{clock(block.end)}",
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
    lunch = any(b.kind == "lunch" for b in daypart.blocks)
    # With lunch next, its slide says when we go on: this one must not say it again.
    bullets = ((Span("Wat neem je mee uit dit dagdeel?"),),
               (Span("Eerst de lunch. Hang je flip-overvel op de muur.") if lunch
                else Span(f"We gaan verder {when}"),))
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


def _drafts(pack: Pack, frames: Mapping[str, Frame]) -> Iterator[SlideSpec]:
    """The deck's arc, before fitting."""
    program = pack.program
    reading = next((b for b in pack.backgrounds if b.id == READING_ID), None)
    exercises = iter(pack.exercises)
    yield _title_slide(pack)
    goal = pack.texts["doel-bijeenkomst"]
    yield SlideSpec("content", "Doel van deze bijeenkomst", bullets=goal.slide,
                    notes=_blocks_text(goal.body) or "Vertel wat we vandaag willen bereiken.")
    if pack.exercises and (route := _route_slide(pack, frames)):
        yield route
    yield from _agenda_slides(pack, program.dayparts, "Programma", frames)
    final = None
    shown: set[str] = set()
    for daypart in program.dayparts:
        last = daypart.number == len(program.dayparts)
        for block in daypart.blocks:
            if block.kind == "welcome" and daypart.number > 1:
                yield from _agenda_slides(pack, [daypart], "Welkom terug", frames)
            elif block.kind == "background":
                # A background block is shown once, however many blocks the plan has.
                for background in pack.backgrounds:
                    if background.id != READING_ID and background.id not in shown:
                        shown.add(background.id)
                        yield _background_slide(background, block, frames)
            elif block.kind == "exercise":
                yield from _exercise_slides(next(exercises), frames, len(pack.exercises),
                                            pack.audience)
            elif block.kind in ("break", "lunch"):
                yield _break_slide(block)
            elif block.kind == "closing" and not last:
                yield _daypart_end(pack, daypart, block)
            elif block.kind == "closing":
                final = block
    yield from _closing_slides(pack, final, reading)


def _unique_titles(specs: list[SlideSpec], frames: Mapping[str, Frame]) -> list[SlideSpec]:
    """Every title once: a title met before (an exercise run twice) gets a number."""
    seen: dict[str, int] = {}
    out = []
    for spec in specs:
        count = seen.get(spec.title, 0) + 1
        seen[spec.title] = count
        if count > 1:
            title, size = fit_title(f"{spec.title} ({count})", frames[spec.kind],
                                     spec.title_size)
            spec = replace(spec, title=title, title_size=size)
        out.append(spec)
    return out


def outline(pack: Pack, frames: Mapping[str, Frame]) -> list[SlideSpec]:
    """Every slide of the deck, in order, fitted to the template's text frames."""
    return _unique_titles([fitted for draft in _drafts(pack, frames)
                           for fitted in fit(draft, frames)], frames)


def numbers(specs: Sequence[SlideSpec]) -> dict[str, list[int]]:
    """1-based slide numbers per exercise id."""
    found: dict[str, list[int]] = {}
    for number, spec in enumerate(specs, start=1):
        if spec.exercise_id:
            found.setdefault(spec.exercise_id, []).append(number)
    return found
