"""Exercise texts a facilitator can run as printed: the content check, and packs that hold.

The check (contentcheck.py) runs over every packaged exercise and background block here, and over
a user's folder whenever it is read; the tests below show it catches each pattern a facilitator
found in a real pack. The pack tests compose exercises at their shortest, usual and longest
length and read what comes out.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from opvoedkit.bodytext import duration
from opvoedkit.compose import compose
from opvoedkit.contentcheck import _DURATION, check_background, check_exercise
from opvoedkit.library import load_exercise, load_library
from opvoedkit.planner import REUSABLE, group_split
from opvoedkit.preflight import prepare

from .conftest import ROOT

LIBRARY = load_library()
TITLES = {e.id: e.title for e in LIBRARY.exercises.values()}
EXERCISES = sorted(LIBRARY.exercises)
BACKGROUNDS = [b.meta.id for b in LIBRARY.backgrounds]


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_packaged_exercise_keeps_the_rules(exercise_id: str) -> None:
    problems = check_exercise(LIBRARY.exercises[exercise_id], TITLES)
    assert not problems, "\n".join(p.format() for p in problems)


@pytest.mark.parametrize("background_id", BACKGROUNDS)
def test_every_background_block_keeps_the_rules(background_id: str) -> None:
    background = next(b for b in LIBRARY.backgrounds if b.meta.id == background_id)
    problems = check_background(background, TITLES)
    assert not problems, "\n".join(p.format() for p in problems)


GOOD = """---
id: proef
title: Proefoefening
part: verkenning
minutes: {min: 20, default: 30, max: 40}
group_form: subgroepen
group_size: 4
audiences: [professionals, informal]
themes: [krachten]
materials:
  - {item: Flip-over-vel, quantity: 1, per: groep}
worksheet: {space: lines, lines: 4}
---

## Doel
Elke groep weet wat de ander goed kan.

## Voorbereiding
- Hang per groep een flip-over-vel op.

## Stappen
1. **Uitleg** (5 min). Leg de opdracht uit.
2. **Praten** (15 min). De groepen praten. Kondig aan wanneer de tijd bijna om is.
3. **Nabespreking** (10 min). Stel twee vragen uit de nabespreking.{% if policy %} Vraag de
   beleidsmedewerkers wat de gemeente kan doen.{% endif %}

## Nabespreking
- Wat viel op?
- Wat neem je mee?
- Wat doe je morgen anders?

## Tips voor een gemengde groep
- Laat eerst iemand aan het woord die nog weinig zei.

## Werkblad
Schrijf op wat de ander goed kan.

## Dia
- Wat kan de ander goed?
- Schrijf het op
"""


def _problems(tmp_path: Path, old: str = "", new: str = "") -> list[str]:
    """The content check's messages for the GOOD exercise with ``old`` replaced by ``new``."""
    assert old in GOOD
    path = tmp_path / "proef.md"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    return [p.message for p in check_exercise(load_exercise(path), TITLES)]


def test_the_good_example_passes(tmp_path: Path) -> None:
    assert _problems(tmp_path) == []


@pytest.mark.parametrize("prose", [
    "Kondig na acht minuten aan dat er nog twee minuten zijn.",
    "Na vijf minuten wissel je.",
    "Iedereen mag drie minuten vertellen, daarna een minuut vragen.",
    "Neem er een kwartier voor.",
    "Elke groep vertelt in anderhalve minuut wat ze vond.",
    "Geef de groepen 10 min.",
])
def test_a_duration_typed_into_prose_is_refused(tmp_path: Path, prose: str) -> None:
    found = _problems(tmp_path, "De groepen praten.", prose)
    assert any("types a duration" in m for m in found), found


def test_a_duration_from_the_plan_is_allowed(tmp_path: Path) -> None:
    assert _problems(tmp_path, "De groepen praten.",
                     "De groepen praten {{ minutes }} minuten.") == []


def test_a_debrief_without_time_is_refused(tmp_path: Path) -> None:
    found = _problems(tmp_path, "3. **Nabespreking** (10 min)", "3. **Afronden** (10 min)")
    assert any("debrief has no time" in m for m in found)


def test_a_round_that_cannot_fit_is_refused_and_a_fallback_is_accepted(tmp_path: Path) -> None:
    # 40 participants are 10 groups: the 5-minute first step is 3 minutes at the shortest
    # length (20 of 30), less than a minute per group.
    found = _problems(tmp_path, "Leg de opdracht uit.",
                      "Elke groep vertelt in {{ per_group | duur }} wat ze wil doen.")
    assert any("less than a minute each" in m for m in found), found
    fallback = ("{% if per_group >= 1 %}Elke groep vertelt in {{ per_group | duur }} wat ze "
                "wil doen.{% else %}Laat twee of drie groepen kort vertellen.{% endif %}")
    assert _problems(tmp_path, "Leg de opdracht uit.", fallback) == []


@pytest.mark.parametrize("prose", [
    "In de volgende oefening kijken we naar wat de ander juist goed kan.",
    "Hang de sociale kaart, obstakels en krachten op.",
    "Dit komt terug in een oefening over de sociale kaart.",
    "Verwijs naar De kracht van de ander.",
])
def test_a_reference_to_an_exercise_not_in_the_programme_is_refused(tmp_path: Path,
                                                                      prose: str) -> None:
    found = _problems(tmp_path, "Leg de opdracht uit.", prose)
    assert any("names the exercise" in m or "without knowing which" in m for m in found), found


def test_a_guarded_reference_is_accepted(tmp_path: Path) -> None:
    guarded = ("{% if 'kracht-van-de-ander' in later %}Straks, in "
               "{{ 'kracht-van-de-ander' | titel }}, kijken we verder.{% endif %}")
    assert _problems(tmp_path, "Leg de opdracht uit.", guarded) == []


@pytest.mark.parametrize(("old", "new"), [
    ("Leg de opdracht uit.",
     "Vandaag ontmoeten professionals, vrijwilligers en de gemeente elkaar."),
    ("Leg de opdracht uit.", "Maak tweetallen: een formele werker met een informele werker."),
    ("Schrijf op wat de ander goed kan.", "Ben jij professional? Schrijf op wat je mist."),
    ("Leg de opdracht uit.", "Maak gemengde groepen."),
])
def test_a_text_that_ignores_who_is_in_the_room_is_refused(tmp_path: Path, old: str,
                                                            new: str) -> None:
    found = _problems(tmp_path, old, new)
    assert any("in the room" in m or "mixed groups" in m for m in found), found


def test_policy_officers_need_a_role(tmp_path: Path) -> None:
    found = _problems(tmp_path, "{% if policy %} Vraag de\n   beleidsmedewerkers wat de "
                      "gemeente kan doen.{% endif %}", "")
    assert any("give them no role" in m for m in found)


def test_a_prop_the_steps_use_must_be_in_the_materials(tmp_path: Path) -> None:
    found = _problems(tmp_path, "De groepen praten.", "Iedereen plakt drie stippen.")
    assert any("Plakstippen (vel)" in m for m in found)


def test_a_character_needs_alternatives_that_are_not_in_the_text(tmp_path: Path) -> None:
    text = GOOD.replace("worksheet: {space: lines, lines: 4}",
                        "worksheet: {space: lines, lines: 4}\n"
                        "characters: [{name: Fatima, alternatives: [Samira, Hanan]}]").replace(
        "Leg de opdracht uit.", "Vertel over Fatima en haar buurvrouw Samira.")
    path = tmp_path / "proef.md"
    path.write_text(text, encoding="utf-8")
    found = [p.message for p in check_exercise(load_exercise(path), TITLES)]
    assert any("`Samira`, an alternative name" in m for m in found)


def test_validate_checks_a_users_own_exercises(tmp_path: Path,
                                               write_session: Callable[..., Path],
                                               run_cli: Callable[..., object]) -> None:
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "proef.md").write_text(GOOD.replace("De groepen praten.",
                                                  "Na vijf minuten wissel je."),
                                     encoding="utf-8")
    session = write_session("municipality: Proefstad\naudience: [informal]\nallow_slack: true\n"
                            "exercises: [proef]\n")
    result = run_cli("validate", str(session), "--exercises-dir", str(folder))
    assert result.exit_code == 2  # type: ignore[attr-defined]
    line = GOOD.split("\n").index(next(x for x in GOOD.split("\n") if "De groepen praten" in x))
    assert f"proef.md:{line + 1}:" in result.output  # type: ignore[attr-defined]
    assert "types a duration (`vijf minuten`)" in result.output  # type: ignore[attr-defined]


# --- packs that hold -------------------------------------------------------------------------

def _durations(text: str) -> list[str]:
    return [m.group() for m in _DURATION.finditer(text)]


@pytest.mark.parametrize(("exercise_id", "length"), [
    (e, n) for e in EXERCISES for n in ("min", "default", "max")])
def test_every_duration_in_the_steps_follows_the_planned_minutes(
        exercise_id: str, length: str, write_session: Callable[..., Path]) -> None:
    exercise = LIBRARY.exercises[exercise_id]
    minutes = getattr(exercise.meta.minutes, length)
    session = write_session(f"""municipality: Proefstad
dayparts: 1
daypart_minutes: 300
participants: 28
audience: [professionals, informal, policy]
exercises:
  - {{id: {exercise_id}, minutes: {minutes}}}
allow_slack: true
""")
    pack = compose(prepare(session))
    [content] = pack.exercises
    assert content.minutes == minutes
    assert sum(step.minutes for step in content.steps) == minutes
    assert content.steps[-1].title.startswith("Nabespreking") or any(
        s.title.startswith("Nabespreking") for s in content.steps)
    groups = group_split(exercise.meta.group_form, exercise.meta.group_size, 28)
    for step in content.steps:
        allowed = {duration(step.minutes), f"{step.minutes} minuten",
                   duration(step.minutes / groups.count),
                   duration(step.minutes / max(groups.sizes))}
        text = "".join(span.text for span in step.text)
        for found in _durations(text):
            assert found in allowed, (step.title, found, allowed)


def _pack_text(pack_dir: Path) -> dict[str, str]:
    deck = Presentation(str(pack_dir / "presentatie.pptx"))
    slides = []
    for slide in deck.slides:
        slides += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            slides.append(slide.notes_slide.notes_text_frame.text)
    text = {"deck": "\n".join(slides)}
    for name in ("handleiding-begeleider.pdf", "hand-out-deelnemers.pdf"):
        reader = PdfReader(str(pack_dir / name))
        text[name] = "\n".join(page.extract_text() for page in reader.pages)
    return {key: re.sub(r"\s+", " ", value) for key, value in text.items()}


SAMPLE_SESSIONS = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", [p for p in SAMPLE_SESSIONS if "batch" not in p.name],
                         ids=lambda p: p.stem)
def test_texts_name_only_exercises_in_the_programme(example: Path) -> None:
    pack = compose(prepare(example))
    chosen = {e.id for e in pack.exercises}
    text = " ".join("".join(s.text for s in item) for e in pack.exercises
                    for item in (*e.tips, *e.debrief, *(st.text for st in e.steps)))
    for other in set(EXERCISES) - chosen:
        assert LIBRARY.exercises[other].title.casefold() not in text.casefold(), other


def test_an_informal_only_pack_does_not_claim_others_are_present(
        write_session: Callable[..., Path], tmp_path: Path, run_cli: Callable[..., object]
) -> None:
    ids = [e for e in EXERCISES if "informal" in LIBRARY.exercises[e].meta.audiences][:6]
    session = write_session("municipality: Proefstad\ndayparts: 2\nparticipants: 16\n"
                            "audience: [informal]\nallow_slack: true\nexercises: ["
                            + ", ".join(ids) + "]\n")
    pack = compose(prepare(session))
    claims = re.compile(r"(formele werker|professional|beleidsmedewerker)[^.]*"
                        r"(tweetal|drietal|groep|tafel|ontmoeten|ben je|ben jij)", re.I)
    for exercise in pack.exercises:
        for item in (*exercise.tips, *(st.text for st in exercise.steps)):
            line = "".join(s.text for s in item)
            assert not claims.search(line), (exercise.id, line)


def test_a_facilitator_named_like_a_case_character_renames_it_everywhere(
        write_session: Callable[..., Path], tmp_path: Path, run_cli: Callable[..., object]
) -> None:
    with_cast = [e for e in EXERCISES if LIBRARY.exercises[e].meta.characters]
    assert with_cast, "no packaged exercise names its case characters"
    exercise = LIBRARY.exercises[with_cast[0]]
    character = exercise.meta.characters[0]
    session = write_session(f"""municipality: Proefstad
participants: 20
audience: [professionals, informal]
facilitators: [{{name: {character.name} Yıldız}}, {{name: Jan de Vries}}]
allow_slack: true
exercises: [{exercise.id}]
""")
    result = run_cli("build", str(session), "-o", str(tmp_path / "pack"))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    text = _pack_text(tmp_path / "pack")
    new = character.alternatives[0]
    for name, body in text.items():
        assert re.search(rf"\b{new}\b", body), (name, new)
        without_cover = body.replace(f"{character.name} Yıldız", "")
        assert not re.search(rf"\b{character.name}\b", without_cover), name


def test_materials_totals_equal_what_the_chosen_exercises_ask() -> None:
    for example in [p for p in SAMPLE_SESSIONS if "batch" not in p.name]:
        pack = compose(prepare(example))
        expected: dict[str, int] = {}
        for material in itertools.chain.from_iterable(e.materials for e in pack.exercises):
            if material.item == "Werkblad (hand-out)":
                continue
            if material.item in REUSABLE:
                expected[material.item] = max(expected.get(material.item, 0), material.quantity)
            else:
                expected[material.item] = expected.get(material.item, 0) + material.quantity
        assert {m.item: m.quantity for m in pack.program.materials} == expected, example.name


def test_reusable_things_are_counted_once_for_the_day() -> None:
    pack = compose(prepare(ROOT / "examples" / "twee-dagdelen-met-gemeente.yaml"))
    totals = {m.item: m.quantity for m in pack.program.materials}
    pens = [m.quantity for e in pack.exercises for m in e.materials if m.item == "Pen"]
    assert len(pens) >= 2, "the example should use pens in two exercises"
    assert totals["Pen"] == max(pens) == pack.participants
