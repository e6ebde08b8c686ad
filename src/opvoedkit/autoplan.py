"""Choosing a programme (`exercises: auto`): which exercises, in which order, and why.

A pure function of the session and the library, so the same session always gets the same
programme. The choice follows the toolkit's arc — getting to know each other first, then
exploring (verkenning) and a shared vision (visie), and setting up the cooperation (opzetten)
with agreements at the end; the closing block does the evaluation. On the way it keeps:

- only exercises written for someone who attends, none of the closing exercises (the closing
  block evaluates), one introduction, and no two that do the same thing (same part of the arc,
  same work form, same main theme);
- variety: no three plenary exercises in a row, and no plenary exercise straight after lunch;
- every daypart filled to within the few minutes its end may absorb, by stretching and
  shrinking within each exercise's min/max (timefit.py).

Fixed choices around an `auto` item stay where they are; `auto` fills the time between them.
Exercises for the favoured ``themes`` come first, then the toolkit's own parts A–G.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InputError
from .i18n import N_, _
from .timefit import Item, best_groups, exercise_room, extra_allowed
from .vocab import PART_LABELS

if TYPE_CHECKING:
    from .config import Session
    from .library import Exercise, Library

ARC = {"kennismaken": 0, "verkenning": 1, "visie": 2, "opzetten": 3}
# The reasons are data: the plan JSON keeps them in English; describe_reason() translates them
# where they are printed.
FIXED = N_("chosen in the session file")
OPENS = N_("opens the meeting: people get to know each other")
ENDS = N_("ends the programme with agreements to act on")
FAVOURED = N_("favoured theme {themes}")
TOOLKIT_PART = N_("toolkit part {part}")
_SEPARATOR = "; "


@dataclass(frozen=True)
class Choice:
    """One exercise of the programme, with its fixed minutes (if any) and why it is there."""

    exercise: Exercise
    fixed: int | None
    reason: str


def _family(exercise: Exercise) -> tuple[str, ...]:
    """Exercises of one family do the same thing: only one of them is chosen."""
    meta = exercise.meta
    if meta.part == "kennismaken":
        return (meta.part,)
    return (meta.part, meta.group_form, meta.themes[0])


def _priority(exercise: Exercise, session: Session) -> tuple[int, int, int, str]:
    meta = exercise.meta
    favoured = len(set(meta.themes) & set(session.themes))
    everyone = set(session.audience) <= set(meta.audiences)
    return (-favoured, meta.toolkit_part is None, not everyone, meta.id)


def _reason(exercise: Exercise, session: Session, role: str) -> str:
    meta = exercise.meta
    parts = [role] if role else [PART_LABELS[meta.part]]
    favoured = [t for t in meta.themes if t in session.themes]
    if favoured:
        parts.append(FAVOURED.format(themes=", ".join(favoured)))
    if meta.toolkit_part:
        parts.append(TOOLKIT_PART.format(part=meta.toolkit_part))
    return _SEPARATOR.join(parts)


def describe_reason(reason: str) -> str:
    """A reason as stored in the plan (English), in the user's language."""
    prefixes = [(template, template.split("{")[0]) for template in (FAVOURED, TOOLKIT_PART)]
    out = []
    for part in reason.split(_SEPARATOR):
        for template, prefix in prefixes:
            if part.startswith(prefix):
                name = "themes" if template == FAVOURED else "part"
                out.append(_(template).format(**{name: part.removeprefix(prefix)}))
                break
        else:
            out.append(_(part) if part in (FIXED, OPENS, ENDS) else part)
    return _SEPARATOR.join(out)


def _in_arc(chosen: Sequence[Choice], before: int, after: int) -> list[Choice]:
    """Fixed choices stay in place; the chosen ones between them follow the arc."""
    head, middle, tail = (chosen[:before], chosen[before:len(chosen) - after],
                          chosen[len(chosen) - after:])
    ordered = sorted(middle, key=lambda c: (ARC[c.exercise.meta.part], c.exercise.meta.id))
    varied = _varied(ordered)
    # agreements close the programme: the exercise about them goes last
    last = [c for c in varied if c.exercise.meta.part == "opzetten"
            and "afspraken" in c.exercise.meta.themes]
    return [*head, *[c for c in varied if c not in last], *last, *tail]


def _varied(choices: list[Choice]) -> list[Choice]:
    """Within each part of the arc, plenary exercises between the others, not in a row."""
    out: list[Choice] = []
    for part in ARC:
        group = [c for c in choices if c.exercise.meta.part == part]
        active = [c for c in group if c.exercise.meta.group_form != "plenair"]
        plenary = [c for c in group if c.exercise.meta.group_form == "plenair"]
        while active or plenary:
            if active:
                out.append(active.pop(0))
            if plenary:
                out.append(plenary.pop(0))
    return out


def _items(choices: Sequence[Choice]) -> list[Item]:
    return [Item(c.exercise, c.fixed) for c in choices]


def _runs(choices: Sequence[Choice], session: Session) -> list[list[Item]] | None:
    room = exercise_room(session.dayparts, session.daypart_minutes)
    if len(choices) < len(room):
        return None
    return best_groups(_items(choices), room)


def _fits_so_far(choices: Sequence[Choice], session: Session, strict: bool) -> bool:
    """No daypart needs more than it has; once the time is filled, the programme is varied."""
    room = exercise_room(session.dayparts, session.daypart_minutes)
    if sum(c.exercise.meta.minutes.min if c.fixed is None else c.fixed
           for c in choices) > sum(room):
        return False
    runs = _runs(choices, session)
    if runs is None:
        return True
    if any(sum(i.low for i in run) > r for run, r in zip(runs, room, strict=True)):
        return False
    return not filled(choices, session) or _lively(_runs(_enliven(choices, session), session)
                                                   or [], session, strict)


def _usual(choices: Sequence[Choice]) -> int:
    return sum(c.exercise.meta.minutes.default if c.fixed is None else c.fixed for c in choices)


def _lively(runs: Sequence[Sequence[Item]], session: Session, after_lunch: bool) -> bool:
    """No three plenary exercises in a row, and (``after_lunch``) none straight after lunch."""
    for number, run in enumerate(runs):
        forms = [i.exercise.meta.group_form == "plenair" for i in run]
        if any(all(forms[k:k + 3]) for k in range(len(forms) - 2)):
            return False
        if after_lunch and _after_lunch(number, session) and forms and forms[0]:
            return False
    return True


def _after_lunch(index: int, session: Session) -> bool:
    """Whether daypart ``index`` (0-based) starts after lunch, on a day of two dayparts."""
    return session.start.hour < 12 and index % 2 == 1


def _enliven(choices: Sequence[Choice], session: Session) -> list[Choice]:
    """The same choices, with an active exercise first after lunch where one of the same part
    of the arc can move there (chosen ones move; fixed ones stay)."""
    runs = _runs(choices, session)
    if runs is None:
        return list(choices)
    out: list[Choice] = []
    at = 0
    for number, run in enumerate(runs):
        part = list(choices[at:at + len(run)])
        at += len(run)
        movable = [k for k, c in enumerate(part) if c.reason != FIXED]
        plenary = [c.exercise.meta.group_form == "plenair" for c in part]
        if _after_lunch(number, session) and plenary and plenary[0] and 0 in movable:
            swap = next((k for k in movable if not plenary[k]
                         and part[k].exercise.meta.part == part[0].exercise.meta.part), None)
            if swap is not None:
                part.insert(0, part.pop(swap))
        out += part
    return out


def filled(choices: Sequence[Choice], session: Session) -> bool:
    """Every daypart can be filled to within what its end may absorb."""
    runs = _runs(choices, session)
    if runs is None:
        return False
    room = exercise_room(session.dayparts, session.daypart_minutes)
    return all(sum(i.low for i in run) <= r <= sum(i.high for i in run)
               + extra_allowed(n, len(room))
               for n, (run, r) in enumerate(zip(runs, room, strict=True), start=1))


def choose(session: Session, library: Library, session_file: str = "session") -> list[Choice]:
    """The programme for a session with `auto` among its exercises; an InputError when the
    library cannot fill the time for this audience. An active exercise after lunch is asked
    first; when the library cannot give one, only three plenary ones in a row are avoided."""
    programme = _attempt(session, library, strict=True)
    if not filled(programme, session):
        programme = _attempt(session, library, strict=False)
    if not filled(programme, session):
        raise InputError.single(session_file, *_cannot_fill(programme, session))
    return programme


def _attempt(session: Session, library: Library, strict: bool) -> list[Choice]:
    """One greedy pass: the opening, the agreements, then exercises by priority until the
    dayparts are full at about their usual lengths."""
    place = list(session.exercises).index("auto")
    fixed = [library.exercises[ref.id] for ref in session.exercise_refs
             if ref.id in library.exercises]
    minutes = {ref.id: ref.minutes for ref in session.exercise_refs}
    before = [Choice(e, minutes[e.id], FIXED) for e in fixed[:place]]
    after = [Choice(e, minutes[e.id], FIXED) for e in fixed[place:]]
    present = set(session.audience)
    used = {_family(e) for e in fixed}
    pool = sorted((e for e in library.exercises.values()
                   if e.meta.part in ARC and present & set(e.meta.audiences)
                   and e.id not in minutes and _family(e) not in used),
                  key=lambda e: _priority(e, session))
    chosen: list[Choice] = []

    def arranged(extra: Sequence[Choice] = ()) -> list[Choice]:
        return _in_arc([*before, *chosen, *extra, *after], len(before), len(after))

    def take(exercise: Exercise, role: str) -> bool:
        trial = arranged([Choice(exercise, None, _reason(exercise, session, role))])
        if _family(exercise) in used or not _fits_so_far(trial, session, strict):
            return False
        chosen.append(trial[[c.exercise for c in trial].index(exercise)])
        used.add(_family(exercise))
        return True

    if not before:
        # the shortest introduction leaves the most time for the core of the meeting
        opening = sorted((e for e in pool if e.meta.part == "kennismaken"),
                         key=lambda e: (e.meta.minutes.default, _priority(e, session)))
        next((e for e in opening if take(e, OPENS)), None)
    if not any(e.meta.part == "opzetten" for e in fixed[place:]):
        ending = sorted((e for e in pool if e.meta.part == "opzetten"),
                        key=lambda e: ("afspraken" not in e.meta.themes, _priority(e, session)))
        next((e for e in ending if take(e, ENDS)),
             None)
    room = sum(exercise_room(session.dayparts, session.daypart_minutes))
    for exercise in pool:  # more exercises near their usual length, not a few stretched
        if filled(arranged(), session) and _usual(arranged()) >= room:
            break
        take(exercise, "")
    return _enliven(arranged(), session)


def _cannot_fill(programme: Sequence[Choice], session: Session) -> tuple[str, str]:
    """What to say when the library cannot fill the dayparts for this audience."""
    room = sum(exercise_room(session.dayparts, session.daypart_minutes))
    longest = sum(c.exercise.meta.minutes.max if c.fixed is None else c.fixed
                  for c in programme)
    for dayparts in range(session.dayparts - 1, 0, -1):
        if sum(exercise_room(dayparts, session.daypart_minutes)) <= longest:
            return (_("`{line}` found {minutes} minutes of exercises for this audience "
                      "({audience}), but the dayparts leave {room}").format(
                        line="exercises: auto", minutes=longest,
                        audience=", ".join(session.audience), room=room),
                    _("use `{line}`, or choose some exercises yourself").format(
                        line=f"dayparts: {dayparts}"))
    return (_("`{line}` found {minutes} minutes of exercises for this audience, but the "
              "dayparts leave {room}").format(line="exercises: auto", minutes=longest,
                                              room=room),
            _("use shorter `{field}`, or choose the exercises yourself").format(
                field="daypart_minutes"))
