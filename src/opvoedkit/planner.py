"""Turning a Session into a timed Program: a pure function, no I/O, no clock.

The rules a facilitator would use live in timefit.py: every daypart has a fixed opening, one
break near its middle between two blocks, and an end; exercises keep their order, and the
planner stretches or shrinks them within their min/max (in steps of five minutes) so that each
daypart is filled exactly. Free time left over is an error unless the session allows it
(``allow_slack``); then it is a block of its own, never a swollen wrap-up.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .errors import InputError, Problem
from .i18n import _, ngettext
from .people import Table, allocate, assign_leads
from .timefit import (
    AFTERNOON_FROM,
    BACKGROUND_MINUTES,
    BREAK_MINUTES,
    CLOSING_MINUTES,
    DAYPART_END_MINUTES,
    DEFAULT_PARTICIPANTS,
    LUNCH_MINUTES,
    RETURN_MINUTES,
    WELCOME_MINUTES,
    Item,
    best_groups,
    exercise_room,
    extra_allowed,
    fit,
)
from .timefit import fits as fits_at_shortest

if TYPE_CHECKING:  # the renderers import the program's classes without pydantic
    from .config import Session
    from .library import Exercise, Library

KINDS = ("welcome", "background", "exercise", "break", "lunch", "closing")
FREE_TIME = "Vrije tijd / uitloop"  # a break-kind block: free time the session allows


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
    reason: str | None = None   # why `exercises: auto` chose it
    allocation: tuple[Table, ...] = ()  # who sits at each table, when the mix is known
    regrouping: str = ""        # whether the groups stay as before or are new, and why
    lead: str | None = None     # the facilitator who leads this block
    support: str | None = None  # ... and the one who supports

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
    while count > 1 and participants / count < 2:  # nobody works alone in a "pair"
        count -= 1
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


def _items(session: Session, library: Library, session_file: str) -> tuple[list[Item],
                                                                           dict[str, str]]:
    """The programme's exercises in order, and why each is there when opvoedkit chose it."""
    if session.wants_auto:
        from .autoplan import choose

        choices = choose(session, library, session_file)
        return ([Item(c.exercise, c.fixed) for c in choices],
                {c.exercise.id: c.reason for c in choices})
    problems: list[Problem] = []
    items: list[Item] = []
    for ref in session.exercise_refs:
        exercise = library.get(ref.id)
        if exercise is None:
            problems.append(Problem(session_file, 0, 0, _("unknown exercise `{id}`").format(
                id=ref.id), library.suggest(ref.id)))
            continue
        items.append(Item(exercise, ref.minutes))
    if problems:
        raise InputError(problems)
    return items, {}


def plan(session: Session, library: Library, *, session_file: str = "session") -> Program:
    """The timed program for a session; raises InputError if the exercises cannot fit, or
    leave a daypart with free time that the session does not allow."""
    items, reasons = _items(session, library, session_file)
    total = session.dayparts
    available = exercise_room(total, session.daypart_minutes)
    if len(items) < total:
        raise InputError.single(session_file, ngettext(
            "{total} daypart needs at least {total} exercise; the session has {count}",
            "{total} dayparts need at least {total} exercises; the session has {count}",
            total).format(total=total, count=len(items)),
            _("add exercises, use fewer dayparts, or write `{line}`").format(
                line="exercises: auto"))
    groups = best_groups(items, available)
    over = [sum(i.low for i in g) - a for g, a in zip(groups, available, strict=True)]
    if any(o > 0 for o in over):
        raise InputError(_overfull_problems(session_file, groups, available, over, session,
                                            items))
    fitted = [fit(group, room) for group, room in zip(groups, available, strict=True)]
    empty = [(n, room - sum(m)) for n, (m, room) in enumerate(zip(fitted, available,
                                                                   strict=True), start=1)
             if room - sum(m) > extra_allowed(n, total)]
    layout = _day_layout(session)
    late = [_past_midnight(session_file, number, start + session.daypart_minutes, session)
            for number, (_day, start) in enumerate(layout, start=1)
            if start + session.daypart_minutes > 24 * 60]
    if late:
        raise InputError(late[:1])
    if empty and not session.allow_slack:
        raise InputError([_underfull_problem(session_file, number, slack, session, library,
                                             items) for number, slack in empty])

    participants = session.head_count or DEFAULT_PARTICIPANTS
    warnings: list[str] = []
    dayparts: list[Daypart] = []
    chosen_minutes: dict[str, int] = {}
    for number, (group, room, minutes) in enumerate(zip(groups, available, fitted, strict=True),
                                                    start=1):
        chosen_minutes.update({i.exercise.id: m for i, m in zip(group, minutes, strict=True)})
        slack = room - sum(minutes)
        day, start = layout[number - 1]
        blocks = _daypart_blocks(number, total, start, group, minutes, slack, participants,
                                 reasons)
        end = blocks[-1].end
        if number < total and layout[number][0] == day:
            blocks.append(Block("lunch", end, LUNCH_MINUTES, "Lunch"))
        if end > 24 * 60:
            raise InputError([_past_midnight(session_file, number, end, session)])
        dayparts.append(Daypart(number, day + 1, _day_date(session, day), start,
                                session.daypart_minutes, tuple(blocks)))
    dayparts = _with_people(dayparts, session)
    for item in items:
        if not set(item.exercise.meta.audiences) & set(session.audience):
            warnings.append(_("exercise `{id}` is written for {written}, not for this audience "
                              "({audience})").format(
                id=item.exercise.id, written=", ".join(item.exercise.meta.audiences),
                audience=", ".join(session.audience)))
    return Program(dayparts=tuple(dayparts), warnings=tuple(warnings),
                   materials=_materials(items, participants),
                   participants=participants,
                   participants_estimated=session.head_count is None,
                   exercise_minutes=chosen_minutes)


def _with_people(dayparts: Sequence[Daypart], session: Session) -> list[Daypart]:
    """The dayparts with tables filled from the session's mix, a word on whether groups stay
    or change, and a lead and support for every block (people.py)."""
    blocks = [b for d in dayparts for b in d.blocks]
    chosen = {}
    leads = {ref.id: ref.lead for ref in session.exercise_refs if ref.lead}
    for index, block in enumerate(blocks):
        if block.exercise_id in leads:
            chosen[index] = leads[block.exercise_id]
    roles = assign_leads([b.kind for b in blocks], [f.name for f in session.facilitators],
                         chosen)
    mix = session.mix
    seen: dict[tuple[int, ...], str] = {}
    out: list[Block] = []
    for block, (lead, support) in zip(blocks, roles, strict=True):
        tables: tuple[Table, ...] = ()
        regrouping = ""
        if block.groups and block.groups.count > 1 and block.group_form != "individueel":
            tables = allocate(block.groups.sizes, mix) if mix else ()
            earlier = seen.get(block.groups.sizes)
            if earlier:
                regrouping = (f"Vaste groepen: dezelfde tafels als bij ‘{earlier}’, zodat het "
                              "vertrouwen van toen verder kan.")
            elif seen:  # the first groups of the day need no word on changing them
                regrouping = "Nieuwe groepen: verdeel opnieuw, zodat mensen anderen ontmoeten."
            seen.setdefault(block.groups.sizes, block.title)
        out.append(replace(block, allocation=tables, regrouping=regrouping, lead=lead,
                           support=support))
    result, at = [], 0
    for daypart in dayparts:
        count = len(daypart.blocks)
        result.append(replace(daypart, blocks=tuple(out[at:at + count])))
        at += count
    return result


def _past_midnight(session_file: str, number: int, end: int, session: Session) -> Problem:
    """Ending after midnight is fixed by an earlier start (every daypart of the day moves
    with it) or shorter dayparts, not by other exercises: the problem points at ``start``."""
    first = session.start.hour * 60 + session.start.minute
    latest = first - (end - 24 * 60)
    hint = (_('start at {time} at the latest ({line}), or make the dayparts shorter with '
              '{field}').format(time=clock(latest), line=f'start: "{clock(latest)}"',
                                field="daypart_minutes") if latest >= 0
            else _("make the dayparts shorter with {field}").format(field="daypart_minutes"))
    return Problem(session_file, 0, 0, _("daypart {number} would end after midnight "
                                         "({time})").format(number=number, time=clock(end)),
                   hint, field=("start",))


def _daypart_blocks(number: int, total: int, start: int, group: Sequence[Item],
                    minutes: Sequence[int], slack: int, participants: int,
                    reasons: Mapping[str, str]) -> list[Block]:
    content: list[tuple[str, int, str, Item | None]] = []
    if number == 1:
        content.append(("welcome", WELCOME_MINUTES, "Welkom en kennismaking met het programma",
                        None))
        content.append(("background", BACKGROUND_MINUTES, "Achtergrond: waarom samenwerken?",
                        None))
    else:
        content.append(("welcome", RETURN_MINUTES, "Welkom terug: terugblik en vooruitblik", None))
    for item, length in zip(group, minutes, strict=True):
        content.append(("exercise", length, item.exercise.title, item))
    # The end of a daypart absorbs a few free minutes; more is a block of its own, named for
    # what it is (only when the session allows free time: plan() refuses it otherwise).
    absorbed = min(slack, extra_allowed(number, total))
    if slack > absorbed:
        content.append(("break", slack - absorbed, FREE_TIME, None))
    if number == total:
        content.append(("closing", CLOSING_MINUTES + absorbed,
                        "Afsluiting: afspraken en evaluatie", None))
    else:
        content.append(("closing", DAYPART_END_MINUTES + absorbed, "Afronding van dit dagdeel",
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
                                group_split(meta.group_form, meta.group_size, participants),
                                reasons.get(meta.id)))
        at += length_
    return blocks


def _overfull_problems(session_file: str, groups: Sequence[Sequence[Item]],
                       available: Sequence[int], over: Sequence[int], session: Session,
                       items: Sequence[Item]) -> list[Problem]:
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
            _("daypart {number} is {over} minutes over: its exercises need at least {need} "
              "minutes, and {room} are left after welcome, break and closing").format(
                number=number, over=too_much, need=sum(i.low for i in group), room=room),
            _or(fixes) or _("choose fewer or shorter exercises")))
    return problems


def _complete_fixes(items: Sequence[Item], session: Session) -> list[str]:
    """Changes that each make the whole programme fit: the fewest dayparts more, the exercises
    to drop that take the fewest minutes (at most three), or freeing the fixed minutes."""
    fixes = []
    available = exercise_room(session.dayparts, session.daypart_minutes)

    def fits(kept: Sequence[Item], room: Sequence[int]) -> bool:
        # a fix may not trade an over-full daypart for one with free time
        return _clean(kept, room) or (session.allow_slack and fits_at_shortest(kept, room))

    for dayparts in range(session.dayparts + 1, 5):
        if fits(items, exercise_room(dayparts, session.daypart_minutes)):
            fixes.append(_("use `{line}`").format(line=f"dayparts: {dayparts}"))
            break
    candidates = []
    for size in range(1, 4):
        for drop in itertools.combinations(range(len(items)), size):
            kept = [item for n, item in enumerate(items) if n not in drop]
            if fits(kept, available):
                candidates.append((sum(items[n].low for n in drop), size, drop))
        if candidates:
            break
    if candidates:
        minutes, _size, drop = min(candidates)
        names = ", ".join(f"`{items[n].exercise.id}`" for n in drop)
        fixes.append(_("drop {ids} ({minutes} min at the shortest)").format(ids=names,
                                                                             minutes=minutes))
    if any(i.fixed for i in items) and fits([Item(i.exercise, None) for i in items],
                                             available):
        fixes.append(_("remove the fixed minutes of {exercises}").format(exercises=", ".join(
            _("`{id}` ({minutes} min)").format(id=i.exercise.id, minutes=i.fixed)
            for i in items if i.fixed)))
    return fixes


def _clean(items: Sequence[Item], room: Sequence[int]) -> bool:
    """Whether ``items`` fill these dayparts with no daypart over-full or left with free time."""
    if len(items) < len(room):
        return False
    runs = best_groups(items, room)
    return all(sum(i.low for i in run) <= r
               and r - sum(fit(run, r)) <= extra_allowed(n, len(room))
               for n, (run, r) in enumerate(zip(runs, room, strict=True), start=1))


def _underfull_problem(session_file: str, number: int, slack: int, session: Session,
                       library: Library, items: Sequence[Item]) -> Problem:
    """Free time in a daypart, with fixes that each make the whole programme fit (checked by
    planning it): an exercise that fills it and suits this point of the day and this
    audience, or shorter dayparts; or accepting the free time on purpose."""
    room = exercise_room(session.dayparts, session.daypart_minutes)
    runs = best_groups(items, room)
    at = sum(len(run) for run in runs[:number])  # insert after this daypart's exercises
    arc = [i.exercise.meta.part for i in runs[number - 1]]
    taken = {i.exercise.id for i in items}
    present = set(session.audience)
    order = ("kennismaken", "verkenning", "visie", "opzetten", "afsluiten")

    def suits(exercise: Exercise) -> tuple[int, bool, int, str]:
        distance = min(abs(order.index(exercise.meta.part) - order.index(p)) for p in arc)
        return (distance, not present <= set(exercise.meta.audiences),
                abs(exercise.meta.minutes.default - slack), exercise.id)

    if at and items[at - 1].exercise.meta.part in ("opzetten", "afsluiten"):
        at -= 1  # agreements stay the last thing of the daypart
    opened = any(i.exercise.meta.part == "kennismaken" for i in items)
    fillers = []
    for exercise in sorted((e for e in library.exercises.values() if e.id not in taken
                            and present & set(e.meta.audiences)
                            and "evaluatie" not in e.meta.themes
                            and not (opened and e.meta.part == "kennismaken")), key=suits):
        if _clean([*items[:at], Item(exercise, None), *items[at:]], room):
            fillers.append(exercise.id)
        if len(fillers) == 3:
            break
    fixes = []
    if fillers:
        ids = _(" or ").join(f"`{f}`" for f in fillers)
        fixes.append(_("add {ids} after `{id}`").format(ids=ids, id=items[at - 1].exercise.id)
                     if at else
                     _("add {ids} before `{id}`").format(ids=ids, id=items[0].exercise.id))
    if not session.wants_auto and _fills_with_auto(session, library):
        fixes.append(_("add `{item}` as the last exercise, so that opvoedkit fills the time "
                       "around your choices").format(item="auto"))
    for minutes in range(session.daypart_minutes - 5, 89, -5):
        if _clean(items, exercise_room(session.dayparts, minutes)):
            fixes.append(_("use `{line}`").format(line=f"daypart_minutes: {minutes}"))
            break
    fixes.append(_("write `{line}` to keep the free time on purpose").format(
        line="allow_slack: true"))
    return Problem(session_file, 0, 0, _("daypart {number} has {minutes} minutes left over even "
                                         "with every exercise at its longest").format(
        number=number, minutes=slack), _or(fixes))


def _fills_with_auto(session: Session, library: Library) -> bool:
    """Whether the session's own exercises followed by `auto` plan without a problem."""
    trial = session.model_copy(update={"exercises": [*session.exercises, "auto"]})
    try:
        plan(trial, library)
    except InputError:
        return False
    return True


def _or(fixes: Sequence[str]) -> str:
    """Alternative fixes in one hint: "use X; or drop Y"."""
    # Translators: the separator between alternative fixes in a hint ("use X; or drop Y")
    return _("; or ").join(fixes)


IN_HANDOUT = frozenset({"Werkblad (hand-out)"})  # printed as part of the hand-out, not extra
# Things a person or group keeps all day: counted once (the most any exercise needs), not anew
# for every exercise ("Pen 140" for 28 people was five new pens each).
REUSABLE = frozenset({"Pen", "Stiften (set)", "Timer", "Afplakband (rol)", "Naamkaartje"})


def _materials(items: Sequence[Item], participants: int) -> tuple[MaterialLine, ...]:
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
            # Reusable things (pens, a timer) are shared between exercises; the rest is used up.
            if material.item in REUSABLE:
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
                     "groups": b.groups.description if b.groups else None,
                     "allocation": [t.as_json() for t in b.allocation],
                     "lead": b.lead, "support": b.support,
                     **({"reason": b.reason} if b.reason else {})}
                    for b in d.blocks
                ],
            }
            for d in program.dayparts
        ],
        "participants": program.participants,
        "warnings": list(program.warnings),
    }
