"""The rules an exercise text must keep so that a facilitator can run it as printed.

Checked for every packaged exercise and background block (by the tests, and when the library is
read), and for a user's own exercises (``--exercises-dir``): read once, they are cached like the
packaged ones. Each rule comes from reading packs as a facilitator (CONTENT.md):

- no duration typed into prose: a text names ``{{ minutes }}``, ``{{ per_group | duur }}``;
- the debrief is a timed step;
- a round that grows with the group gives everyone at least a minute at the exercise's shortest
  length, for 8 to 40 participants, or says what to do instead;
- another exercise is named only when it is in the programme (``{% if 'id' in later %}``);
- who is in the room: no pairing or greeting of an audience that is absent, and a role for
  policy officers when they attend;
- a case's characters have alternative names, and those names are not in the text already;
- a prop that a step uses (dots, post-its, flip-over) is in the materials.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .bodytext import (
    TOO_SHORT,
    background_variables,
    exercise_variables,
    scale_minutes,
    split_steps,
    step_variables,
)
from .errors import Problem
from .i18n import _

if TYPE_CHECKING:
    from .library import Background, Exercise

_NUMBER = (r"\d+(?:[.,]\d+)?|een|één|anderhalve|twee|drie|vier|vijf|zes|zeven|acht|negen|tien"
           r"|elf|twaalf|dertien|veertien|vijftien|twintig|dertig|veertig|vijftig|zestig|paar"
           r"|halve|half|enkele|tweeënhalve|drieënhalve|vierenhalve|vijfenhalve")
_DURATION = re.compile(rf"(?<!\w)(?:{_NUMBER})\s*(?:-\s*)?(?:minuut|minuten|min\b|seconden|kwartier"
                       rf"|uur\b|uurtje)|(?<!\w)kwartier\b|\bhalfuur\b", re.I)
_STEP_MARK = re.compile(r"^\s*\d+\.\s*\*\*[^*]+\*\*\s*\(\d+\s*min\)", re.M)
_TAG = re.compile(r"{{.*?}}|{%.*?%}", re.S)
_CROSS = re.compile(r"\b(?:volgende|vorige|eerdere|komende|laatste|latere) oefening", re.I)
ROUND_PARTICIPANTS = (8, 20, 30, 40)

AUDIENCE_WORDS = {
    "professionals": r"\bprofessionals?\b|\bformele werkers?\b|\bformele deelnemers?\b",
    "informal": r"\binformele werkers?\b|\bvrijwilligers\b|\bsleutelfiguren\b"
                r"|\binformele deelnemers?\b",
    "policy": r"\bbeleidsmedewerkers?\b|\bbeleidsmakers?\b|\bambtena(?:a|ren)r?\b",
}
# Words that put people in this room: a sentence with one of them and an absent audience's name
# claims that audience is here ("Ben jij professional?", "zet een vrijwilliger bij elke groep").
ROOM_WORDS = re.compile(
    r"\b(?:tweetal\w*|drietal\w*|groep\w*|tafel\w*|koppel\w*|vandaag|aanwezig\w*|zaal"
    r"|ben je|ben jij|zit|zitten|ontmoeten|mix\w*|elke|iedere|welkom)\b", re.I)
MIXED = re.compile(r"\bgemengde?\b", re.I)
POLICY_ROLE = re.compile(r"\bbeleidsmedewerkers?\b", re.I)

# A prop named in a step or the preparation, and the material it needs (docs/exercise-format.md).
PROPS = {
    r"\b(?:plak)?stip(?:pen|jes?)?\b": "Plakstippen (vel)",
    r"\bpost-its?\b": "Post-its (blok)",
    r"\bflip-?overs?\b|\bflip-over-vel": "Flip-over-vel",
    r"\bstift(?:en)?\b": "Stiften (set)",
    r"\bcitaatkaart": "Citaatkaarten (set)",
    r"\bstellingenkaart": "Stellingenkaarten (set)",
    r"\brolkaart": "Rolkaarten (set)",
    r"\bwenskaart": "Wenskaart",
    r"\bevaluatieformulier": "Evaluatieformulier",
}
_SECTION_TITLES = {"goal": "Doel", "preparation": "Voorbereiding", "steps": "Stappen",
                   "debrief": "Nabespreking", "tips": "Tips voor een gemengde groep",
                   "worksheet": "Werkblad", "slide": "Dia", "text": "Toelichting",
                   "participants": "Voor deelnemers"}


class _Where:
    """Positions in one file: the line and column where a piece of text first occurs."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.replace("\r\n", "\n").split("\n")

    def problem(self, needle: str, message: str, hint: str = "", after: str = "") -> Problem:
        """A problem at the first line holding ``needle`` (after the heading ``after``)."""
        start = 0
        if after:
            start = next((n for n, line in enumerate(self.lines) if line.strip() == after), 0)
        for number in range(start, len(self.lines)):
            column = self.lines[number].find(needle) if needle else -1
            if column >= 0:
                return Problem(self.path, number + 1, column + 1, message, hint)
        return Problem(self.path, start + 1 if start else 0, 1 if start else 0, message, hint)


def _read(path: Any) -> str:
    try:
        return str(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""


def _literal_durations(key: str, source: str, where: _Where) -> list[Problem]:
    text = _TAG.sub(lambda m: " " * len(m.group()), source)
    if key == "steps":
        text = _STEP_MARK.sub(lambda m: " " * len(m.group()), text)
    problems = []
    for match in _DURATION.finditer(text):
        problems.append(where.problem(
            match.group(), _("`{heading}` types a duration (`{duration}`): a text must follow "
                             "the planned minutes").format(heading=f"## {_SECTION_TITLES[key]}",
                                                           duration=match.group()),
            _("write `{minutes}` (the step's minutes), `{per_group}` or `{per_person}` for a "
              "round, or leave the time to the plan").format(
                minutes="{{ minutes }} minuten", per_group="{{ per_group | duur }}",
                per_person="{{ per_person | duur }}"),
            after=f"## {_SECTION_TITLES[key]}"))
    return problems


def _audiences(written_for: Iterable[str]) -> list[tuple[str, ...]]:
    """Every room this text may meet: each audience set with someone it is written for (all
    seven for a background block, written for everyone)."""
    names = ("professionals", "informal", "policy")
    wanted = set(written_for) or set(names)
    return [c for n in range(1, 4) for c in itertools.combinations(names, n) if wanted & set(c)]


def _room_problems(rendered: Mapping[str, str], audience: Sequence[str], where: _Where,
                   facilitator: Sequence[str]) -> list[Problem]:
    problems = []
    absent = [a for a in AUDIENCE_WORDS if a not in audience]
    for key, text in rendered.items():
        for sentence in re.split(r"(?<=[.!?])[\"”’)]?\s+|\n", text):
            for name in absent:
                word = re.search(AUDIENCE_WORDS[name], sentence, re.I)
                if word and ROOM_WORDS.search(sentence):
                    problems.append(where.problem(
                        word.group(), _("`{heading}` puts {audience} in the room even when they "
                                        "are absent: “{sentence}”").format(
                            heading=f"## {_SECTION_TITLES[key]}", audience=name,
                            sentence=sentence.strip()[:90]),
                        _("wrap it in `{tags}` or say it for every room").format(
                            tags=f"{{% if {name} %}}…{{% endif %}}"),
                        after=f"## {_SECTION_TITLES[key]}"))
            if MIXED.search(sentence) and not {"professionals", "informal"} <= set(audience):
                problems.append(where.problem(
                    "gemengd", _("`{heading}` speaks of mixed groups, which a room without "
                                 "both professionals and informal workers cannot form").format(
                        heading=f"## {_SECTION_TITLES[key]}"),
                    _("wrap it in `{tags}`").format(
                        tags="{% if professionals and informal %}…{% endif %}"),
                    after=f"## {_SECTION_TITLES[key]}"))
    if "policy" in audience and facilitator and not any(
            POLICY_ROLE.search(rendered.get(k, "")) for k in facilitator):
        problems.append(where.problem(
            "", _("policy officers attend, but the preparation, steps and tips give them no "
                  "role"),
            _("add e.g. `{example}` to a step").format(
                example="{% if policy %}Beleidsmedewerkers doen mee als …{% endif %}")))
    return problems


def _distinct(problems: Iterable[Problem]) -> list[Problem]:
    seen: dict[tuple[int, int, str], Problem] = {}
    for problem in problems:
        seen.setdefault((problem.line, problem.column, problem.message.split("“")[0]), problem)
    return list(seen.values())


def check_exercise(exercise: Exercise, titles: Mapping[str, str]) -> list[Problem]:
    """Every rule above that ``exercise`` breaks; ``titles`` are the library's exercise titles
    (a text may not name another exercise unless it is in the programme)."""
    from .planner import group_split
    from .text import parse_markdown, plain, render

    meta, name = exercise.meta, str(exercise.source)
    where = _Where(name, _read(exercise.source))
    problems: list[Problem] = []
    for key, source in exercise.sections.items():
        problems += _literal_durations(key, source, where)
    if not any(step.title.casefold().startswith("nabespreking") for step in exercise.steps):
        problems.append(where.problem(
            "## Stappen", _("the debrief has no time: the steps have no step `{step}`").format(
                step="Nabespreking"),
            _("end with `{example}`").format(example="N. **Nabespreking** (5 min). Stel twee of "
                                                     "drie vragen uit de nabespreking …")))
    chunks = split_steps(exercise.sections.get("steps", ""))
    shortest = scale_minutes([s.minutes for s in exercise.steps], meta.minutes.min)
    for participants in ROUND_PARTICIPANTS:
        groups = group_split(meta.group_form, meta.group_size, participants)
        base = exercise_variables(
            municipality="Voorbeeldstad", audience=meta.audiences, participants=participants,
            groups=groups.count, group_size=max(groups.sizes), groups_text=groups.description,
            minutes=meta.minutes.min, earlier=(), later=(), titles=titles)
        for number, (chunk, minutes) in enumerate(zip(chunks, shortest, strict=False), start=1):
            if TOO_SHORT in render(chunk, step_variables(base, minutes)):
                problems.append(where.problem(
                    chunk.strip()[:20], _("step {number}: at the shortest length ({minutes} "
                                          "min) with {participants} participants ({groups}) a "
                                          "round gives less than a minute each").format(
                        number=number, minutes=meta.minutes.min, participants=participants,
                        groups=groups.description),
                    _("add `{example}` (or {variable})").format(
                        example="{% if per_group >= 1 %}…{% else %}Laat twee of drie groepen "
                                "kort vertellen.{% endif %}", variable="per_person"),
                    after="## Stappen"))
    others = names_of(titles, meta.id)
    facilitator = ("preparation", "steps", "tips")
    groups = group_split(meta.group_form, meta.group_size, 20)
    for audience in _audiences(meta.audiences):
        base = exercise_variables(
            municipality="Voorbeeldstad", audience=audience, participants=20,
            groups=groups.count, group_size=max(groups.sizes), groups_text=groups.description,
            minutes=meta.minutes.default, earlier=(), later=(), titles=titles)
        rendered = {}
        for key, source in exercise.sections.items():
            if key == "steps":
                text = "\n".join(render(c, step_variables(base, s.minutes))
                                 for c, s in zip(chunks, exercise.steps, strict=False))
            else:
                text = render(source, base)
            rendered[key] = "\n".join(plain(item) for block in parse_markdown(text)
                                     for item in _items(block))
        problems += _room_problems(rendered, audience, where, facilitator)
        if audience == ("professionals", "informal", "policy"):
            problems += _cross_references(rendered, others, where)
    problems += _character_problems(meta.characters, exercise.sections.values(), where)
    problems += _prop_problems(exercise, where)
    return _distinct(problems)


_PREPOSITIONS = frozenset({"van", "voor", "over", "met", "in", "op", "rond", "aan", "en"})
_ARTICLES = frozenset({"een", "de", "het"})


def names_of(titles: Mapping[str, str], own: str) -> dict[str, str]:
    """{how a text would name an exercise: its id}: the full title, and its head before the
    first preposition when that is two words or more ("Sociale kaart van de wijk" → "sociale
    kaart"), for every exercise but ``own``."""
    names = {}
    for exercise_id, title in titles.items():
        if exercise_id == own:
            continue
        names[title.casefold()] = exercise_id
        words = title.split(":")[0].casefold().split()
        while words and words[0] in _ARTICLES:
            words = words[1:]
        head = next((words[:n] for n, w in enumerate(words) if w in _PREPOSITIONS), words)
        if len(head) >= 2 and head[0] not in ("wat", "wie", "hoe") and head != words:
            names[" ".join(head)] = exercise_id
    return names


def _items(block: Any) -> list[Any]:
    return list(block.items) if hasattr(block, "items") else [block.spans]


def _cross_references(rendered: Mapping[str, str], others: Mapping[str, str],
                      where: _Where) -> list[Problem]:
    problems = []
    for key, text in rendered.items():
        folded = text.casefold()
        for title, other in others.items():
            if re.search(rf"(?<!\w){re.escape(title)}(?!\w)", folded):
                problems.append(where.problem(
                    "", _("`{heading}` names the exercise `{id}`, which may not be in the "
                          "programme").format(heading=f"## {_SECTION_TITLES[key]}", id=other),
                    _("write `{example}` (or `{variable}`)").format(
                        example=f"{{% if '{other}' in later %}}… {{{{ '{other}' | titel }}}} "
                                "…{% endif %}", variable="earlier"),
                    after=f"## {_SECTION_TITLES[key]}"))
        match = _CROSS.search(text)
        if match:
            problems.append(where.problem(
                match.group().split()[0], _("`{heading}` refers to “{words}” without knowing "
                                            "which exercise that is").format(
                    heading=f"## {_SECTION_TITLES[key]}", words=match.group()),
                _("write `{example}`").format(
                    example="{% if next %}In de volgende oefening, {{ next | titel }}, …"
                            "{% endif %}"),
                after=f"## {_SECTION_TITLES[key]}"))
    return problems


def _character_problems(characters: Sequence[Any], sources: Iterable[str],
                        where: _Where) -> list[Problem]:
    text = "\n".join(sources)
    problems = []
    for character in characters:
        if not re.search(rf"(?<!\w){re.escape(character.name)}(?!\w)", text):
            problems.append(where.problem(
                character.name, _("character `{name}` does not occur in the text").format(
                    name=character.name),
                _("remove it from `{field}`").format(field="characters")))
        for alternative in character.alternatives:
            if re.search(rf"(?<!\w){re.escape(alternative)}(?!\w)", text):
                problems.append(where.problem(
                    alternative, _("`{alternative}`, an alternative name for `{name}`, already "
                                   "occurs in the text").format(alternative=alternative,
                                                                name=character.name),
                    _("choose an alternative that nobody in the case has")))
    return problems


def _prop_problems(exercise: Exercise, where: _Where) -> list[Problem]:
    text = _TAG.sub(" ", exercise.sections.get("steps", "") + "\n"
                    + exercise.sections.get("preparation", ""))
    have = {m.item for m in exercise.meta.materials}
    problems = []
    for pattern, item in PROPS.items():
        match = re.search(pattern, text, re.I)
        if match and item not in have:
            problems.append(where.problem(
                match.group(), _("the steps use {words}, but the materials have no "
                                 "`{item}`").format(words=match.group(), item=item),
                _("add `{line}` (or {per})").format(
                    line=f"- {{item: {item}, quantity: 1, per: groep}}", per="deelnemer")))
    return problems


def check_background(background: Background, titles: Mapping[str, str]) -> list[Problem]:
    """The rules a background block breaks (durations, who is in the room, other exercises)."""
    from .text import parse_markdown, plain, render

    where = _Where(str(background.source), _read(background.source))
    problems: list[Problem] = []
    for key, source in background.sections.items():
        problems += _literal_durations(key, source, where)
    others = names_of(titles, "")
    for audience in _audiences(()):
        values = background_variables(municipality="Voorbeeldstad", audience=audience,
                                      participants=20)
        rendered = {key: "\n".join(plain(item) for block in parse_markdown(render(src, values))
                                  for item in _items(block))
                    for key, src in background.sections.items()}
        problems += _room_problems(rendered, audience, where, ())
        if audience == ("professionals", "informal", "policy"):
            problems += _cross_references(rendered, others, where)
    problems += _character_problems(background.meta.characters, background.sections.values(),
                                    where)
    return _distinct(problems)
