"""`exercises: auto`: a programme that fits the time and the people, and no empty blocks."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from opvoedkit.config import validate_session
from opvoedkit.errors import InputError
from opvoedkit.library import load_library
from opvoedkit.planner import FREE_TIME, Program, plan
from opvoedkit.timefit import CLOSING_MAX, DAYPART_END_MAX

LIBRARY = load_library()
AUDIENCES = [list(c) for n in (1, 2, 3)
             for c in itertools.combinations(("professionals", "informal", "policy"), n)]
STARTS = {"09:00": 210, "13:00": 210, "19:00": 150}


def _session(**fields: Any) -> Any:
    data = {"municipality": "Proefstad", "audience": ["professionals", "informal"],
            "exercises": "auto", **fields}
    return validate_session(data, Path("."), lambda *_: ("sessie.yaml", 0, 0))


def _programme(program: Program) -> list[str]:
    return [b.exercise_id or "" for b in program.blocks() if b.kind == "exercise"]


CASES = [(a, d, s) for a in AUDIENCES for d in (1, 2, 3, 4) for s in STARTS]
# The library has 580 minutes of exercises for policy officers alone: not two full days.
TOO_FEW = [(["policy"], 4, "09:00"), (["policy"], 4, "13:00")]


@pytest.mark.parametrize(("audience", "dayparts", "start"),
                         [c for c in CASES if c not in TOO_FEW],
                         ids=lambda v: ",".join(v) if isinstance(v, list) else str(v))
def test_auto_fills_every_daypart_along_the_arc(audience: list[str], dayparts: int,
                                                 start: str) -> None:
    session = _session(audience=audience, dayparts=dayparts, start=start,
                       daypart_minutes=STARTS[start])
    program = plan(session, LIBRARY)
    ids = _programme(program)
    metas = [LIBRARY.exercises[i].meta for i in ids]
    assert metas[0].part == "kennismaken"
    assert metas[-1].part == "opzetten" and "afspraken" in metas[-1].themes
    assert len(set(ids)) == len(ids)
    assert all(set(m.audiences) & set(audience) for m in metas)
    assert [m.part for m in metas] == sorted(
        (m.part for m in metas),
        key=("kennismaken", "verkenning", "visie", "opzetten").index)
    for daypart in program.dayparts:
        ending = next(b for b in daypart.blocks if b.kind == "closing")
        limit = CLOSING_MAX if daypart.number == dayparts else DAYPART_END_MAX
        assert ending.minutes <= limit
        assert not any(b.title == FREE_TIME for b in daypart.blocks)
        forms = [b.group_form == "plenair" for b in daypart.blocks if b.kind == "exercise"]
        assert not any(all(forms[k:k + 3]) for k in range(len(forms) - 2)), ids
    assert plan(session, LIBRARY) == program  # the same session, the same programme


@pytest.mark.parametrize(("audience", "dayparts", "start"), TOO_FEW)
def test_auto_says_plainly_when_the_library_cannot_fill_the_days(audience: list[str],
                                                                  dayparts: int,
                                                                  start: str) -> None:
    with pytest.raises(InputError) as caught:
        plan(_session(audience=audience, dayparts=dayparts, start=start), LIBRARY)
    [problem] = caught.value.problems
    assert "use `dayparts: 3`" in problem.hint
    fixed = plan(_session(audience=audience, dayparts=3, start=start), LIBRARY)
    assert len(fixed.dayparts) == 3


def test_auto_around_fixed_choices_keeps_them_in_place() -> None:
    session = _session(exercises=["over-de-streep", "auto", "wens-voor-de-toekomst"],
                       dayparts=2)
    ids = _programme(plan(session, LIBRARY))
    assert ids[0] == "over-de-streep" and ids[-1] == "wens-voor-de-toekomst"
    assert len(ids) >= 4
    assert not any(LIBRARY.exercises[i].meta.part == "kennismaken" for i in ids[1:])


def test_favoured_themes_come_first() -> None:
    plain = _programme(plan(_session(), LIBRARY))
    themed = _programme(plan(_session(themes=["netwerk"]), LIBRARY))
    assert plain != themed
    assert any("netwerk" in LIBRARY.exercises[i].meta.themes for i in themed[1:-1])


def test_plan_says_why_each_exercise_is_there(write_session: Callable[..., Path],
                                              run_cli: Callable[..., object]) -> None:
    path = write_session("municipality: Proefstad\naudience: [informal, policy]\n"
                         "dayparts: 2\nexercises: auto\n")
    result = run_cli("plan", str(path), "--format", "json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    blocks = [b for d in json.loads(result.output)["dayparts"]  # type: ignore[attr-defined]
              for b in d["blocks"] if b["kind"] == "exercise"]
    assert all(b["reason"] for b in blocks)
    assert "opens the meeting" in blocks[0]["reason"]


# --- no empty blocks ---------------------------------------------------------------------------

def test_an_evening_with_free_time_is_an_error_with_fixes_that_fix() -> None:
    exercises = ["kennismaken-wie-zit-er-aan-tafel", "stellingenspel", "afspraken-voor-vervolg"]
    session = _session(exercises=exercises, start="19:00", daypart_minutes=240)
    with pytest.raises(InputError) as caught:
        plan(session, LIBRARY)
    [problem] = caught.value.problems
    assert "minutes left over" in problem.message
    assert "allow_slack: true" in problem.hint
    fixes = problem.hint.split("; or ")
    added = next(f for f in fixes if f.startswith("add ") and " after `" in f)
    filler = added.split("`")[1]
    after = added.split("after `")[1].split("`")[0]
    place = exercises.index(after) + 1
    plan(_session(exercises=[*exercises[:place], filler, *exercises[place:]], start="19:00",
                  daypart_minutes=240), LIBRARY)
    minutes = int(next(f for f in fixes if "daypart_minutes" in f).split(": ")[1].rstrip("`"))
    plan(_session(exercises=exercises, start="19:00", daypart_minutes=minutes), LIBRARY)
    assert any("add `auto` as the last exercise" in f for f in fixes)
    plan(_session(exercises=[*exercises, "auto"], start="19:00", daypart_minutes=240), LIBRARY)


def test_allow_slack_makes_free_time_a_block_of_its_own() -> None:
    session = _session(exercises=["kennismaken-wie-zit-er-aan-tafel", "afspraken-voor-vervolg"],
                       allow_slack=True)
    program = plan(session, LIBRARY)
    [daypart] = program.dayparts
    closing = next(b for b in daypart.blocks if b.kind == "closing")
    free = [b for b in daypart.blocks if b.title == FREE_TIME]
    assert closing.minutes <= CLOSING_MAX
    assert free and free[0].kind == "break" and free[0].minutes > 0
    assert sum(b.minutes for b in daypart.blocks) == daypart.length
