"""Turning a Session into a timed Program: a pure function, no I/O, no clock.

The rules a facilitator would use are the constants below (documented in the README):
every daypart has a fixed opening, one break near its middle between two blocks, and an end;
exercises keep their order, and the planner stretches or shrinks them within their min/max
(in steps of five minutes) so that each daypart is filled exactly.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import InputError, Problem

if TYPE_CHECKING:  # the renderers import the program's classes without pydantic
    from .config import Session
    from .library import Exercise, Library

WELCOME_MINUTES = 15        # walk-in is before the start time; welcome + practical matters
BACKGROUND_MINUTES = 20     # background slides, first daypart only
RETURN_MINUTES = 10         # "welkom terug" at the start of a later daypart
BREAK_MINUTES = 15          # one break per daypart
LUNCH_MINUTES = 45          # between a morning and an afternoon daypart on the same day
CLOSING_MINUTES = 15        # agreements and evaluation, last daypart
DAYPART_END_MINUTES = 5     # short wrap-up at the end of an earlier daypart
UNDERFULL_WARNING = 20      # more unused minutes than this (at maximum lengths) is a warning
STEP = 5                    # stretching and shrinking go in five-minute steps
AFTERNOON_FROM = dt.time(12, 0)  # a session starting at or after this has one daypart per day
DEFAULT_PARTICIPANTS = 20   # group arithmetic when the session does not say

KINDS = ("welcome", "background", "exercise", "break", "lunch", "closing")


@dataclass(frozen=True)
class Groups:
    """How the participants split up for one exercise."""

    count: int
    sizes: tuple[int, ...]
    description: str


@dataclass(frozen=True)
class Block:
    """One slot in the agenda."""

    kind: str
    start: int            # minutes after midnight
    minutes: int
    title: str
    exercise_id: str | None = None
    group_form: str | None = None
    groups: Groups | None = None

    @property
    def end(self) -> int:
        """Minutes after midnight when the block ends."""
        return self.start + self.minutes


@dataclass(frozen=True)
class Daypart:
    """One dagdeel: blocks that fill exactly ``length`` minutes (plus lunch after it, if any)."""

    number: int
    day: int
    date: dt.date | None
    start: int
    length: int
    blocks: tuple[Block, ...]

    @property
    def end(self) -> int:
        """When the programme of this daypart ends (lunch excluded)."""
        return self.start + self.length


@dataclass(frozen=True)
class MaterialLine:
    """A material summed over the whole session."""

    item: str
    quantity: int
    used_in: tuple[str, ...]


@dataclass(frozen=True)
class Program:
    """The timed agenda over every daypart, plus warnings and summed materials."""

    dayparts: tuple[Daypart, ...]
    warnings: tuple[str, ...] = ()
    materials: tuple[MaterialLine, ...] = ()
    participants: int = DEFAULT_PARTICIPANTS
    participants_estimated: bool = True
    exercise_minutes: dict[str, int] = field(default_factory=dict)

    def blocks(self) -> list[Block]:
        """Every block of every daypart, in time order."""
        return [b for d in self.dayparts for b in d.blocks]


def clock(minutes: int) -> str:
    """Minutes after midnight as HH:MM."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def group_split(form: str, group_size: int | None, participants: int) -> Groups:
    """How many groups of which sizes an exercise needs for this many participants."""
    if form == "plenair":
        return Groups(1, (participants,), f"plenair, {participants} deelnemers")
    if form == "individueel":
        return Groups(participants, (1,) * participants, "ieder voor zich")
    size = {"tweetallen": 2, "drietallen": 3}.get(form, group_size or 4)
    count = max(1, round(participants / size))
    base, extra = divmod(participants, count)
    sizes = tuple(base + 1 if i < extra else base for i in range(count))
    label = {"tweetallen": "tweetallen", "drietallen": "drietallen"}.get(form, "groepen")
    if len(set(sizes)) == 1:
        text = f"{count} {label} van {sizes[0]}"
    else:
        big, small = max(sizes), min(sizes)
        text = (f"{count} {label}: {sizes.count(big)} van {big} en "
                f"{sizes.count(small)} van {small}")
    if count == 1 and form in ("tweetallen", "drietallen"):
        text = f"1 groep van {participants}"
    return Groups(count, sizes, text)


@dataclass
class _Item:
    exercise: Exercise
    fixed: int | None

    @property
    def low(self) -> int:
        return self.fixed or self.exercise.meta.minutes.min

    @property
    def default(self) -> int:
        return self.fixed or self.exercise.meta.minutes.default

    @property
    def high(self) -> int:
        return self.fixed or self.exercise.meta.minutes.max


def _overhead(number: int, total: int) -> int:
    opening = WELCOME_MINUTES + BACKGROUND_MINUTES if number == 1 else RETURN_MINUTES
    ending = CLOSING_MINUTES if number == total else DAYPART_END_MINUTES
    return opening + BREAK_MINUTES + ending


def _splits(count: int, parts: int) -> list[tuple[int, ...]]:
    """Every way to cut ``count`` ordered items into ``parts`` non-empty runs (cut indices)."""
    if parts > count:
        return []
    return [(0, *cuts, count) for cuts in itertools.combinations(range(1, count), parts - 1)]


def _fit(items: Sequence[_Item], available: int) -> list[int]:
    """Minutes per item summing to at most ``available``, as close to the defaults as allowed."""
    minutes = [i.default for i in items]
    delta = available - sum(minutes)
    while abs(delta) >= STEP:
        grow = delta > 0
        room = [(i.high - m) if grow else (m - i.low) for i, m in zip(items, minutes, strict=True)]
        if max(room, default=0) < STEP:
            break
        # Spread the change: pick the item with the most room relative to its length.
        index = max(range(len(items)), key=lambda k: (room[k] / max(minutes[k], 1), -k))
        minutes[index] += STEP if grow else -STEP
        delta += -STEP if grow else STEP
    return minutes


def _score(groups: Sequence[Sequence[_Item]], available: Sequence[int]) -> tuple[int, int, int]:
    """Lower is better: minutes that cannot fit, then minutes left empty, then drift from the
    usual lengths (so dayparts are balanced rather than one packed and one nearly empty)."""
    pairs = list(zip(groups, available, strict=True))
    over = sum(max(0, sum(i.low for i in g) - a) for g, a in pairs)
    empty = sum(max(0, a - sum(i.high for i in g)) for g, a in pairs)
    drift = sum(abs(a - sum(i.default for i in g)) for g, a in pairs)
    return (over, empty, drift)


def _available(dayparts: int, daypart_minutes: int) -> list[int]:
    """Minutes left for exercises in each daypart, after welcome, breaks and closing."""
    return [daypart_minutes - _overhead(n, dayparts) for n in range(1, dayparts + 1)]


def _best_groups(items: Sequence[_Item], available: Sequence[int]) -> list[list[_Item]]:
    """The exercises, in their order, cut into one run per daypart as well as they fit."""
    best = min(_splits(len(items), len(available)),
               key=lambda cuts: _score([items[a:b] for a, b in itertools.pairwise(cuts)],
                                       available))
    return [list(items[a:b]) for a, b in itertools.pairwise(best)]


def _fits(items: Sequence[_Item], available: Sequence[int]) -> bool:
    """Whether ``items`` fit these dayparts at their shortest (what the planner needs)."""
    if len(items) < len(available):
        return False
    groups = _best_groups(items, available)
    return all(sum(i.low for i in g) <= a for g, a in zip(groups, available, strict=True))


def _day_layout(session: Session) -> list[tuple[int, int]]:
    """(day index, start minute) for every daypart."""
    start = session.start.hour * 60 + session.start.minute
    per_day = 2 if session.start < AFTERNOON_FROM else 1
    layout = []
    for number in range(session.dayparts):
        day, slot = divmod(number, per_day)
        begin = start + slot * (session.daypart_minutes + LUNCH_MINUTES)
        layout.append((day, begin))
    return layout


def _day_date(session: Session, day: int) -> dt.date | None:
    if session.date is None:
        return None
    if day == 0:
        return session.date
    if day - 1 < len(session.dates):
        return session.dates[day - 1]
    return session.date + dt.timedelta(weeks=day)


def plan(session: Session, library: Library, *, session_file: str = "session") -> Program:
    """The timed program for a session; raises InputError if the exercises cannot fit."""
    problems: list[Problem] = []
    items: list[_Item] = []
    for ref in session.exercise_refs:
        exercise = library.get(ref.id)
        if exercise is None:
            problems.append(Problem(session_file, 0, 0, f"unknown exercise `{ref.id}`",
                                    library.suggest(ref.id)))
            continue
        items.append(_Item(exercise, ref.minutes))
    if problems:
        raise InputError(problems)
    total = session.dayparts
    available = _available(total, session.daypart_minutes)
    if len(items) < total:
        raise InputError.single(session_file, f"{total} dayparts need at least {total} "
                                f"exercises; the session has {len(items)}",
                                "add exercises or use fewer dayparts")
    groups = _best_groups(items, available)
    over = [sum(i.low for i in g) - a for g, a in zip(groups, available, strict=True)]
    if any(o > 0 for o in over):
        raise InputError(_overfull_problems(session_file, groups, available, over, session,
                                            items))

    participants = session.participants or DEFAULT_PARTICIPANTS
    warnings: list[str] = []
    dayparts: list[Daypart] = []
    layout = _day_layout(session)
    chosen_minutes: dict[str, int] = {}
    for number, (group, room) in enumerate(zip(groups, available, strict=True), start=1):
        minutes = _fit(group, room)
        chosen_minutes.update({i.exercise.id: m for i, m in zip(group, minutes, strict=True)})
        slack = room - sum(minutes)
        if slack > UNDERFULL_WARNING:
            warnings.append(_underfull_warning(number, slack, session, library, items))
        day, start = layout[number - 1]
        blocks = _daypart_blocks(number, total, start, group, minutes, slack, participants)
        end = blocks[-1].end
        if number < total and layout[number][0] == day:
            blocks.append(Block("lunch", end, LUNCH_MINUTES, "Lunch"))
        if end > 24 * 60:
            raise InputError([_past_midnight(session_file, number, end, session)])
        dayparts.append(Daypart(number, day + 1, _day_date(session, day), start,
                                session.daypart_minutes, tuple(blocks)))
    for item in items:
        if not set(item.exercise.meta.audiences) & set(session.audience):
            warnings.append(f"exercise `{item.exercise.id}` is written for "
                            f"{', '.join(item.exercise.meta.audiences)}, not for this audience "
                            f"({', '.join(session.audience)})")
    return Program(dayparts=tuple(dayparts), warnings=tuple(warnings),
                   materials=_materials(items, participants),
                   participants=participants,
                   participants_estimated=session.participants is None,
                   exercise_minutes=chosen_minutes)


def _past_midnight(session_file: str, number: int, end: int, session: Session) -> Problem:
    """Ending after midnight is fixed by an earlier start (every daypart of the day moves
    with it) or shorter dayparts, not by other exercises: the problem points at ``start``."""
    first = session.start.hour * 60 + session.start.minute
    latest = first - (end - 24 * 60)
    hint = (f'start at {clock(latest)} at the latest (start: "{clock(latest)}"), or make the '
            "dayparts shorter with daypart_minutes" if latest >= 0
            else "make the dayparts shorter with daypart_minutes")
    return Problem(session_file, 0, 0, f"daypart {number} would end after midnight "
                   f"({clock(end)})", hint, field=("start",))


def _daypart_blocks(number: int, total: int, start: int, group: Sequence[_Item],
                    minutes: Sequence[int], slack: int, participants: int) -> list[Block]:
    content: list[tuple[str, int, str, _Item | None]] = []
    if number == 1:
        content.append(("welcome", WELCOME_MINUTES, "Welkom en kennismaking met het programma",
                        None))
        content.append(("background", BACKGROUND_MINUTES, "Achtergrond: waarom samenwerken?",
                        None))
    else:
        content.append(("welcome", RETURN_MINUTES, "Welkom terug: terugblik en vooruitblik", None))
    for item, length in zip(group, minutes, strict=True):
        content.append(("exercise", length, item.exercise.title, item))
    if number == total:
        content.append(("closing", CLOSING_MINUTES + slack, "Afsluiting: afspraken en evaluatie",
                        None))
    else:
        content.append(("closing", DAYPART_END_MINUTES + slack, "Afronding van dit dagdeel",
                        None))
    # The break goes at the boundary between two blocks closest to the daypart's middle.
    length = sum(c[1] for c in content) + BREAK_MINUTES
    middle = start + length / 2
    best_index, best_distance, clock_at = 1, math.inf, start
    for index in range(1, len(content)):
        clock_at += content[index - 1][1]
        distance = abs(clock_at + BREAK_MINUTES / 2 - middle)
        if distance < best_distance:
            best_index, best_distance = index, distance
    content.insert(best_index, ("break", BREAK_MINUTES, "Pauze", None))
    blocks, at = [], start
    for kind, length_, title, entry in content:
        if entry is None:
            blocks.append(Block(kind, at, length_, title))
        else:
            meta = entry.exercise.meta
            blocks.append(Block(kind, at, length_, title, meta.id, meta.group_form,
                                group_split(meta.group_form, meta.group_size, participants)))
        at += length_
    return blocks


def _overfull_problems(session_file: str, groups: Sequence[Sequence[_Item]],
                       available: Sequence[int], over: Sequence[int], session: Session,
                       items: Sequence[_Item]) -> list[Problem]:
    """One problem per over-full daypart; the hint names whole changes, each checked by
    planning it, so that following any one of them makes the programme fit."""
    fixes = _complete_fixes(items, session)
    problems = []
    for number, (group, room, too_much) in enumerate(zip(groups, available, over, strict=True),
                                                     start=1):
        if too_much <= 0:
            continue
        problems.append(Problem(
            session_file, 0, 0,
            f"daypart {number} is {too_much} minutes over: its exercises need at least "
            f"{sum(i.low for i in group)} minutes, and {room} are left after welcome, break and "
            f"closing", "; or ".join(fixes) or "choose fewer or shorter exercises"))
    return problems


def _complete_fixes(items: Sequence[_Item], session: Session) -> list[str]:
    """Changes that each make the whole programme fit: the fewest dayparts more, the exercises
    to drop that take the fewest minutes (at most three), or freeing the fixed minutes."""
    fixes = []
    available = _available(session.dayparts, session.daypart_minutes)
    for dayparts in range(session.dayparts + 1, 5):
        if _fits(items, _available(dayparts, session.daypart_minutes)):
            fixes.append(f"use `dayparts: {dayparts}`")
            break
    candidates = []
    for size in range(1, 4):
        for drop in itertools.combinations(range(len(items)), size):
            kept = [item for n, item in enumerate(items) if n not in drop]
            if _fits(kept, available):
                candidates.append((sum(items[n].low for n in drop), size, drop))
        if candidates:
            break
    if candidates:
        minutes, _, drop = min(candidates)
        names = ", ".join(f"`{items[n].exercise.id}`" for n in drop)
        fixes.append(f"drop {names} ({minutes} min at the shortest)")
    if any(i.fixed for i in items) and _fits([_Item(i.exercise, None) for i in items],
                                             available):
        fixes.append("remove the fixed minutes of " + ", ".join(
            f"`{i.exercise.id}` ({i.fixed} min)" for i in items if i.fixed))
    return fixes


def _underfull_warning(number: int, slack: int, session: Session, library: Library,
                       chosen: Sequence[_Item]) -> str:
    taken = {i.exercise.id for i in chosen}
    # Those that fill the time best first: written for everyone present, then closest to the
    # free minutes at their usual length (not the alphabet's first three every time).
    present = set(session.audience)
    fits = [e.id for e in sorted(
        (e for e in library.exercises.values()
         if e.id not in taken and e.meta.minutes.min <= slack and set(e.meta.audiences) & present),
        key=lambda e: (not present <= set(e.meta.audiences),
                       abs(min(e.meta.minutes.max, slack) - slack), e.id))][:3]
    text = (f"daypart {number} has {slack} minutes unused even with every exercise at its "
            f"longest (they go to the closing block)")
    if fits:
        text += "; exercises that would fit: " + ", ".join(f"`{f}`" for f in fits)
    return text


IN_HANDOUT = frozenset({"Werkblad (hand-out)"})  # printed as part of the hand-out, not extra
# Things a person or group keeps all day: counted once (the most any exercise needs), not anew
# for every exercise ("Pen 140" for 28 people was five new pens each).
REUSABLE = frozenset({"Pen", "Stiften (set)", "Timer", "Afplakband (rol)", "Naamkaartje"})


def _materials(items: Sequence[_Item], participants: int) -> tuple[MaterialLine, ...]:
    totals: dict[str, int] = {}
    used: dict[str, list[str]] = {}
    for item in items:
        meta = item.exercise.meta
        groups = group_split(meta.group_form, meta.group_size, participants).count
        for material in meta.materials:
            if material.item in IN_HANDOUT:
                continue
            factor = {"deelnemer": participants, "groep": groups, "sessie": 1}[material.per]
            amount = material.quantity * factor
            # Per-session items (a map) and reusable ones are shared between exercises.
            if material.per == "sessie" or material.item in REUSABLE:
                totals[material.item] = max(totals.get(material.item, 0), amount)
            else:
                totals[material.item] = totals.get(material.item, 0) + amount
            used.setdefault(material.item, []).append(meta.title)
    return tuple(MaterialLine(name, totals[name], tuple(dict.fromkeys(used[name])))
                 for name in sorted(totals, key=str.lower))


def program_json(program: Program) -> dict[str, object]:
    """The plan as JSON-ready data (contract in DESIGN.md)."""
    return {
        "dayparts": [
            {
                "number": d.number,
                "day": d.day,
                "date": d.date.isoformat() if d.date else None,
                "start": clock(d.start),
                "end": clock(d.end),
                "blocks": [
                    {"start": clock(b.start), "end": clock(b.end), "kind": b.kind,
                     "id": b.exercise_id, "title": b.title, "minutes": b.minutes,
                     "group_form": b.group_form,
                     "groups": b.groups.description if b.groups else None}
                    for b in d.blocks
                ],
            }
            for d in program.dayparts
        ],
        "participants": program.participants,
        "warnings": list(program.warnings),
    }
