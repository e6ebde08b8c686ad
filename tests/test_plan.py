"""The planner: contiguous blocks fill each daypart exactly; breaks fall between blocks."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvoedkit.config import Session
from opvoedkit.errors import InputError
from opvoedkit.library import load_library
from opvoedkit.planner import (
    BREAK_MINUTES,
    LUNCH_MINUTES,
    Program,
    clock,
    group_split,
    plan,
    program_json,
)

from .conftest import EXAMPLES

LIBRARY = load_library()
IDS = sorted(LIBRARY.exercises)


def _session(**fields) -> Session:
    data = {"municipality": "Ede", "audience": ["professionals", "informal"]} | fields
    return Session.model_validate(data)


def _check_invariants(program: Program, session: Session) -> None:
    for daypart in program.dayparts:
        blocks = [b for b in daypart.blocks if b.kind != "lunch"]
        assert blocks[0].start == daypart.start
        for before, after in itertools.pairwise(blocks):
            assert before.end == after.start  # contiguous, never overlapping
        assert sum(b.minutes for b in blocks) == session.daypart_minutes
        assert [b.title for b in blocks].count("Pauze") == 1
        assert blocks[-1].kind == "closing"
        assert all(b.minutes > 0 for b in daypart.blocks)
    first = program.dayparts[0].blocks
    assert [b.kind for b in first[:2]] == ["welcome", "background"]
    chosen = [b.exercise_id for b in program.blocks() if b.kind == "exercise"]
    assert chosen == [r.id for r in session.exercise_refs]  # order kept, none split or lost
    for block in program.blocks():
        if block.kind == "exercise":
            ref = next(r for r in session.exercise_refs if r.id == block.exercise_id)
            minutes = LIBRARY.exercises[block.exercise_id].meta.minutes
            if ref.minutes:
                assert block.minutes == ref.minutes
            else:
                assert minutes.min <= block.minutes <= minutes.max


def test_one_morning() -> None:
    session = _session(start="09:30", exercises=["kennismaken-wie-zit-er-aan-tafel",
                                                 "beeld-van-elkaar", "kracht-van-de-ander",
                                                 "afspraken-voor-vervolg"])
    program = plan(session, LIBRARY)
    _check_invariants(program, session)
    assert clock(program.dayparts[0].start) == "09:30"
    assert clock(program.dayparts[0].end) == "13:00"


def test_evening_start() -> None:
    session = _session(start="19:00", daypart_minutes=150,
                       exercises=["kennismaken-wie-zit-er-aan-tafel", "afspraken-voor-vervolg"])
    program = plan(session, LIBRARY)
    _check_invariants(program, session)
    assert clock(program.dayparts[0].end) == "21:30"


@pytest.mark.parametrize("dayparts", [1, 2, 3, 4])
def test_one_to_four_dayparts(dayparts: int) -> None:
    exercises = IDS[: dayparts * 3]
    session = _session(dayparts=dayparts, exercises=exercises, date="2027-03-18",
                       allow_slack=True)
    program = plan(session, LIBRARY)
    _check_invariants(program, session)
    assert len(program.dayparts) == dayparts
    lunches = [b for b in program.blocks() if b.kind == "lunch"]
    assert len(lunches) == dayparts // 2  # morning + afternoon on each day
    for lunch in lunches:
        assert lunch.minutes == LUNCH_MINUTES
    if dayparts >= 2:
        morning, afternoon = program.dayparts[:2]
        assert afternoon.start == morning.end + LUNCH_MINUTES
        assert afternoon.date == morning.date == dt.date(2027, 3, 18)
    if dayparts >= 3:
        assert program.dayparts[2].date == dt.date(2027, 3, 25)


def test_override_is_kept_exactly() -> None:
    session = _session(exercises=["kennismaken-wie-zit-er-aan-tafel",
                                  {"id": "stellingenspel", "minutes": 55}, "wat-staat-in-de-weg"])
    program = plan(session, LIBRARY)
    _check_invariants(program, session)
    block = next(b for b in program.blocks() if b.exercise_id == "stellingenspel")
    assert block.minutes == 55


def test_shrinks_within_minimum_to_fit() -> None:
    ids = ["kennismaken-wie-zit-er-aan-tafel", "beeld-van-elkaar", "kracht-van-de-ander",
           "afspraken-voor-vervolg"]
    default_total = sum(LIBRARY.exercises[i].meta.minutes.default for i in ids)
    session = _session(exercises=ids, daypart_minutes=180)
    program = plan(session, LIBRARY)
    _check_invariants(program, session)
    planned = sum(b.minutes for b in program.blocks() if b.kind == "exercise")
    assert planned < default_total


def test_stretches_within_maximum_to_fill() -> None:
    ids = ["kennismaken-wie-zit-er-aan-tafel", "stellingenspel", "wat-staat-in-de-weg"]
    session = _session(exercises=ids)
    program = plan(session, LIBRARY)
    _check_invariants(program, session)
    planned = sum(b.minutes for b in program.blocks() if b.kind == "exercise")
    assert planned > sum(LIBRARY.exercises[i].meta.minutes.default for i in ids)


def test_overfull_names_minutes_and_suggestions() -> None:
    session = _session(exercises=["casusbespreking", "kracht-van-de-ander",
                                  "kern-van-het-samen-doen", "rollenspel-eerste-gesprek"])
    with pytest.raises(InputError) as caught:
        plan(session, LIBRARY)
    problem = caught.value.problems[0]
    assert "daypart 1 is 10 minutes over" in problem.message
    assert "drop `kern-van-het-samen-doen` (35 min at the shortest)" in problem.hint
    # two dayparts would leave the second one nearly empty: not a fix, so not offered
    assert "dayparts: 2" not in problem.hint


def test_underfull_is_an_error_unless_free_time_is_allowed() -> None:
    with pytest.raises(InputError) as caught:
        plan(_session(exercises=["wens-voor-de-toekomst"]), LIBRARY)
    assert "minutes left over" in caught.value.problems[0].message
    session = _session(exercises=["wens-voor-de-toekomst"], allow_slack=True)
    program = plan(session, LIBRARY)
    _check_invariants(program, session)
    assert program.warnings == ()


def test_audience_mismatch_is_a_warning() -> None:
    session = _session(audience=["informal"], exercises=["krachtenveldanalyse",
                                                         "kennismaken-wie-zit-er-aan-tafel",
                                                         "stellingenspel", "wat-staat-in-de-weg"])
    program = plan(session, LIBRARY)
    assert any("krachtenveldanalyse" in w and "not for this audience" in w
               for w in program.warnings)


def test_break_sits_between_blocks_near_the_middle() -> None:
    session = _session(exercises=["kennismaken-wie-zit-er-aan-tafel", "beeld-van-elkaar",
                                  "kracht-van-de-ander", "afspraken-voor-vervolg"])
    daypart = plan(session, LIBRARY).dayparts[0]
    pause = next(b for b in daypart.blocks if b.kind == "break")
    middle = daypart.start + daypart.length / 2
    assert abs(pause.start + BREAK_MINUTES / 2 - middle) <= 45


@pytest.mark.parametrize(("form", "size", "people", "count", "sizes"), [
    ("tweetallen", None, 24, 12, {2}),
    ("tweetallen", None, 25, 12, {2, 3}),
    ("drietallen", None, 16, 5, {3, 4}),
    ("subgroepen", 5, 30, 6, {5}),
    ("plenair", None, 18, 1, {18}),
])
def test_group_arithmetic(form: str, size: int | None, people: int, count: int,
                          sizes: set[int]) -> None:
    groups = group_split(form, size, people)
    assert groups.count == count
    assert set(groups.sizes) == sizes
    assert sum(groups.sizes) == people


def test_materials_are_summed_with_quantities() -> None:
    session = _session(participants=24, exercises=["kennismaken-wie-zit-er-aan-tafel",
                                                   "beeld-van-elkaar", "wens-voor-de-toekomst"],
                       allow_slack=True)
    program = plan(session, LIBRARY)
    lines = {m.item: m for m in program.materials}
    assert lines
    wish = next(m for m in LIBRARY.exercises["wens-voor-de-toekomst"].meta.materials
                if m.per == "deelnemer")
    assert lines[wish.item].quantity >= 24 * wish.quantity


def test_plan_json_contract(run_cli) -> None:
    result = run_cli("plan", EXAMPLES / "twee-dagdelen-met-gemeente.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    kinds = {"welcome", "background", "exercise", "break", "lunch", "closing"}
    assert len(data["dayparts"]) == 2
    for daypart in data["dayparts"]:
        for block in daypart["blocks"]:
            assert block["kind"] in kinds
            assert len(block["start"]) == len(block["end"]) == 5
            assert {"id", "title"} <= set(block)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")
                                           if "batch" not in p.name))
def test_examples_plan_cleanly(run_cli, example: str) -> None:
    result = run_cli("plan", EXAMPLES / example)
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr


def test_plan_table_shows_times(run_cli) -> None:
    result = run_cli("plan", EXAMPLES / "ochtend-twee-werelden.yaml")
    assert "09:30–09:45" in result.stdout
    assert "Pauze" in result.stdout


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_sessions_keep_the_invariants(data: st.DataObject) -> None:
    dayparts = data.draw(st.integers(1, 4))
    chosen = data.draw(st.lists(st.sampled_from(IDS), min_size=dayparts, max_size=12,
                                unique=True))
    refs: list[object] = []
    for exercise_id in chosen:
        if data.draw(st.booleans()) and data.draw(st.booleans()):
            refs.append({"id": exercise_id, "minutes": data.draw(st.sampled_from([15, 30, 45]))})
        else:
            refs.append(exercise_id)
    session = _session(dayparts=dayparts, exercises=refs,
                       start=data.draw(st.sampled_from(["08:30", "09:00", "13:00", "19:00"])),
                       daypart_minutes=data.draw(st.sampled_from([150, 180, 210, 240])),
                       participants=data.draw(st.integers(2, 80)))
    try:
        program = plan(session, LIBRARY)
    except InputError as exc:
        assert any("over" in p.message or "midnight" in p.message for p in exc.problems)
        return
    _check_invariants(program, session)
    assert program_json(program)["dayparts"]


def test_past_midnight_points_at_start_and_its_hint_fixes_it(write_session, run_cli) -> None:
    text = ('municipality: Ede\nstart: "22:00"\naudience: [informal]\ndaypart_minutes: 150\n'
            "exercises: [kennismaken-wie-zit-er-aan-tafel, afspraken-voor-vervolg]\n")
    late = write_session(text)
    result = run_cli("validate", late)
    assert result.exit_code == 2
    assert f"{late}:2:8: daypart 1 would end after midnight (00:30)" in result.stderr
    assert 'start: "21:30"' in result.stderr
    fixed = write_session(text.replace('"22:00"', '"21:30"'), "fixed.yaml")
    assert run_cli("validate", fixed).exit_code == 0


_OVERFULL = [
    "exercises: [casusbespreking, kracht-van-de-ander, kern-van-het-samen-doen, "
    "rollenspel-eerste-gesprek]\n",
    "exercises: [kennismaken-netwerkkaart, casusbespreking, kracht-van-de-ander, "
    "kern-van-het-samen-doen, rollenspel-eerste-gesprek, stellingenspel, "
    "afspraken-voor-vervolg]\n",
    "dayparts: 2\nexercises: [kennismaken-netwerkkaart, casusbespreking, "
    "{id: kracht-van-de-ander, minutes: 90}, kern-van-het-samen-doen, rollenspel-eerste-gesprek, "
    "stellingenspel, krachtenveldanalyse, sociale-kaart-van-de-wijk, afspraken-voor-vervolg]\n",
]


@pytest.mark.parametrize("exercises", _OVERFULL)
def test_each_fix_an_overfull_hint_names_makes_the_programme_fit(write_session, run_cli,
                                                                 exercises: str) -> None:
    import re

    head = "municipality: Zwolle\naudience: [professionals, informal]\n"
    result = run_cli("validate", write_session(head + exercises))
    assert result.exit_code == 2, result.stderr
    hint = result.stderr.split("hint: ", 1)[1].splitlines()[0]
    fixes = hint.split("; or ")
    assert fixes
    for fix in fixes:
        text = head + exercises
        if dayparts := re.fullmatch(r"use `dayparts: (\d)`", fix):
            text = re.sub(r"dayparts: \d\n", "", text) + f"dayparts: {dayparts[1]}\n"
        elif fix.startswith("drop "):
            for name in re.findall(r"`([a-z-]+)`", fix):
                text = re.sub(rf"(\{{id: {name}, minutes: \d+\}}|{name}), ?", "", text)
                text = text.replace(f", {name}]", "]")
        elif fix.startswith("remove the fixed minutes"):
            text = re.sub(r"\{id: ([a-z-]+), minutes: \d+\}", r"\1", text)
        else:
            raise AssertionError(f"a fix the test cannot apply: {fix}")
        again = run_cli("validate", write_session(text, "fixed.yaml"))
        assert again.exit_code == 0, (fix, text, again.stderr)
