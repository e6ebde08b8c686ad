"""Program + Library + texts → one :class:`Pack`: everything the renderers share.

Every renderer reads the same Pack; none re-plans, re-reads YAML or looks at the clock. All text
here is final Dutch, with user strings already in place as plain data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .bodytext import (
    apply_renames,
    background_variables,
    exercise_variables,
    renames,
    scale_minutes,
    split_steps,
    step_variables,
)
from .config import Session
from .dutch import join, long_date
from .errors import InputError
from .library import Exercise, Library, parse_steps
from .pack import (
    BackgroundContent,
    ExerciseContent,
    FixedText,
    MaterialContent,
    Pack,
    Person,
    PrintableContent,
    StepContent,
    title_names,
)
from .planner import Block, Program, clock
from .preflight import Prepared
from .resources import data_dir
from .slug import slugify
from .text import Block as TextBlock
from .text import (
    Inline,
    ListBlock,
    Paragraph,
    check_template_source,
    parse_markdown,
    render,
    sections,
)
from .vocab import AUDIENCE_LABELS, GROUP_FORM_LABELS, PART_LABELS

DEFAULT_TITLE = "Samen sterk in opvoedondersteuning"
TEXT_NAMES = ("doel-bijeenkomst", "handleiding-gebruik", "welkom-deelnemers", "afsluiting",
              "begeleiding-welkom", "begeleiding-achtergrond", "begeleiding-afronding-dagdeel",
              "begeleiding-welkom-terug", "begeleiding-afsluiting", "begeleiding-zaal",
              "begeleiding-groepsgrootte", "begeleiding-zorgen-over-veiligheid",
              "begeleiding-taal", "begeleiding-gastvrijheid")


def _bullets(blocks: Sequence[TextBlock]) -> tuple[Inline, ...]:
    """The items of every list in some blocks (paragraphs count as one item each)."""
    items: list[Inline] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            items.extend(block.items)
        elif isinstance(block, Paragraph) and block.spans:
            items.append(block.spans)
    return tuple(items)


def _exercise(exercise: Exercise, block: Block, number: int, daypart: int,
              variables: Mapping[str, Any], names: Mapping[str, str]) -> ExerciseContent:
    """One exercise as run in this session: every text filled with this session's values, each
    step with its own planned minutes."""
    meta = exercise.meta
    groups = block.groups
    sources = {key: apply_renames(source, names) for key, source in exercise.sections.items()}
    parsed = {key: parse_markdown(render(source, variables))
              for key, source in sources.items() if key != "steps"}
    scaled = scale_minutes([s.minutes for s in exercise.steps], block.minutes)
    steps = []
    for index, (chunk, minutes) in enumerate(zip(split_steps(sources["steps"]), scaled,
                                                 strict=True), start=1):
        rendered = parse_steps(parse_markdown(render(chunk, step_variables(variables, minutes))))
        title, _, text = rendered[0]
        steps.append(StepContent(index, title, minutes, text))
    materials = []
    for material in meta.materials:
        factor = {"deelnemer": sum(groups.sizes) if groups else 1,
                  "groep": groups.count if groups else 1, "sessie": 1}[material.per]
        materials.append(MaterialContent(material.item, material.quantity * factor, material.per))
    sheet = meta.worksheet
    return ExerciseContent(
        id=meta.id, number=number, title=meta.title, part=meta.part,
        part_label=PART_LABELS[meta.part], toolkit_part=meta.toolkit_part,
        minutes=block.minutes,
        minutes_range=(meta.minutes.min, meta.minutes.default, meta.minutes.max),
        start=clock(block.start), end=clock(block.end), daypart=daypart,
        group_form=meta.group_form, group_label=GROUP_FORM_LABELS[meta.group_form],
        groups=groups.description if groups else "", materials=tuple(materials),
        goal=parsed["goal"], preparation=parsed["preparation"], steps=tuple(steps),
        debrief=_bullets(parsed["debrief"]), tips=_bullets(parsed["tips"]),
        worksheet=parsed["worksheet"], worksheet_space=sheet.space,
        worksheet_lines=sheet.lines, worksheet_columns=tuple(sheet.columns),
        worksheet_rows=sheet.rows, slide=_bullets(parsed["slide"]), tables=block.allocation,
        regrouping=block.regrouping, lead=block.lead, support=block.support,
        printables=_printables(exercise, groups.count if groups else 1,
                               sum(groups.sizes) if groups else 1, variables, names))


def _printables(exercise: Exercise, groups: int, participants: int,
                variables: Mapping[str, Any], names: Mapping[str, str]
                ) -> tuple[PrintableContent, ...]:
    """The exercise's cards, sheets and posters, filled in and counted for this session."""
    out = []
    for item in exercise.meta.printables:
        factor = {"deelnemer": participants, "groep": groups, "sessie": 1}[item.per]
        texts = tuple(plain_text(render(apply_renames(text, names), variables))
                      for text in item.items)
        out.append(PrintableContent(exercise.id, exercise.title, item.kind, item.title,
                                    item.copies * factor, texts, item.figure,
                                    "A3" if item.kind == "poster" else "A4"))
    return tuple(out)


def plain_text(markdown: str) -> str:
    """Markdown source as the plain text a card shows (emphasis dropped, escapes undone)."""
    return " ".join("".join(span.text for span in item) for block in parse_markdown(markdown)
                    for item in (block.items if isinstance(block, ListBlock) else (block.spans,)))


def _exercise_values(session: Session, block: Block, minutes: int, order: Sequence[str],
                     titles: Mapping[str, str]) -> dict[str, Any]:
    """The values an exercise's texts may use in this session (bodytext.py)."""
    groups = block.groups
    place = order.index(block.exercise_id or "")
    participants = sum(groups.sizes) if groups else 0
    return exercise_variables(
        municipality=session.municipality, audience=session.audience,
        participants=participants, groups=groups.count if groups else 1,
        group_size=max(groups.sizes) if groups else participants,
        groups_text=groups.description if groups else "", minutes=minutes,
        earlier=order[:place], later=order[place + 1:], titles=titles)


def character_names(library: Library, session: Session, order: Sequence[str]) -> dict[str, str]:
    """{case character: the name used instead} for characters who share a first name with a
    facilitator or the contact person; the same in every document."""
    people = [f.name for f in session.facilitators]
    if session.contact:
        people.append(session.contact.name)
    cast = [(c.name, c.alternatives) for exercise_id in order
            for c in library.exercises[exercise_id].meta.characters]
    cast += [(c.name, c.alternatives) for b in library.backgrounds for c in b.meta.characters]
    return renames(cast, people)


def _fixed_text(name: str, template_dirs: Sequence[Path],
                variables: Mapping[str, Any]) -> FixedText:
    """A fixed text from the first template folder that has it (user folders first)."""
    for folder in (*template_dirs, data_dir("templates") / "texts"):
        path = folder / f"{name}.md"
        if path.is_file():
            break
    from .yamlio import read_text

    source = read_text(path, what="text template")
    fault = check_template_source(source, frozenset(variables), conditions=True)
    if fault:
        raise InputError.single(str(path), fault[1], "allowed variables: "
                                + ", ".join(sorted(variables)), line=fault[0], column=1)
    try:
        rendered = render(source, variables)
    except Exception as exc:  # a user template that fails is an input error, not a crash
        raise InputError.single(str(path), f"template error: {exc}",
                                "check the {{ }} expressions in this file") from None
    parts = {title: body for title, _, body in sections(rendered)}
    return FixedText(slide=_bullets(parse_markdown(parts.get("Dia", ""))),
                     body=parse_markdown(parts.get("Tekst", rendered if not parts else "")))


def variables_for(session: Session, program: Program) -> dict[str, Any]:
    """The values fixed texts may use: user strings as data, never as templates."""
    return {
        "municipality": session.municipality,
        "title": session.title or DEFAULT_TITLE,
        "date": long_date(session.date) if session.date else "",
        "venue": session.venue or "",
        "dayparts": session.dayparts,
        "participants": program.participants,
        "audience": join([AUDIENCE_LABELS[a] for a in session.audience]),
        "title_names_municipality": title_names(session.title or DEFAULT_TITLE,
                                                session.municipality),
        "professionals": "professionals" in session.audience,
        "informal": "informal" in session.audience,
        "policy": "policy" in session.audience,
        "facilitators": join([f.name for f in session.facilitators]),
        "start": clock(program.dayparts[0].start),
        "end": clock(program.dayparts[-1].end),
    }


def compose(prepared: Prepared, template_dirs: Sequence[str | Path] = ()) -> Pack:
    """The Pack for a prepared session."""
    session, program, library = prepared.session, prepared.program, prepared.library
    variables = variables_for(session, program)
    order = [b.exercise_id for b in program.blocks() if b.kind == "exercise" and b.exercise_id]
    titles = {exercise_id: library.exercises[exercise_id].title for exercise_id in order}
    names = character_names(library, session, order)
    exercises: list[ExerciseContent] = []
    for daypart in program.dayparts:
        for block in daypart.blocks:
            if block.kind == "exercise" and block.exercise_id:
                exercise = library.exercises[block.exercise_id]
                values = _exercise_values(session, block, block.minutes, order, titles)
                exercises.append(_exercise(exercise, block, len(exercises) + 1, daypart.number,
                                           values, names))
    backgrounds = []
    background_values = background_variables(
        municipality=session.municipality, audience=session.audience,
        participants=program.participants)
    for background in library.backgrounds:
        parsed = {key: parse_markdown(render(apply_renames(src, names), background_values))
                  for key, src in background.sections.items()}
        backgrounds.append(BackgroundContent(background.meta.id, background.meta.title,
                                             _bullets(parsed["slide"]), parsed["text"],
                                             parsed["participants"]))
    folders = [Path(d) for d in template_dirs]
    texts = {name: _fixed_text(name, folders, variables) for name in TEXT_NAMES}
    contact = session.contact
    return Pack(
        municipality=session.municipality, slug=slugify(session.municipality),
        title=session.title or DEFAULT_TITLE, date=session.date,
        date_text=long_date(session.date) if session.date else None, venue=session.venue,
        audience=tuple(session.audience),
        audience_text=variables["audience"], participants=program.participants,
        participants_estimated=program.participants_estimated,
        facilitators=tuple(Person(f.name, f.organisation, f.email, f.phone)
                           for f in session.facilitators),
        contact=Person(contact.name, None, contact.email, contact.phone) if contact else None,
        logo=session.branding.logo, colour=session.branding.colour,
        template=session.branding.template, program=program, exercises=tuple(exercises),
        backgrounds=tuple(backgrounds), texts=texts)
