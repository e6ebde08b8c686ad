"""Fitting exercises into dayparts: how many minutes each daypart leaves for exercises, how a
run of exercises is cut over the dayparts, and how each is stretched or shrunk to fill them.

Shared by the planner (which times a programme) and autoplan (which chooses one). The rules a
facilitator would use are the constants below (documented in the README): every daypart has a
fixed opening, one break near its middle, and an end; exercises keep their order and change
length in steps of five minutes within their min/max.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .library import Exercise

WELCOME_MINUTES = 15        # walk-in is before the start time; welcome + practical matters
BACKGROUND_MINUTES = 20     # background slides, first daypart only
RETURN_MINUTES = 10         # "welkom terug" at the start of a later daypart
BREAK_MINUTES = 15          # one break per daypart
LUNCH_MINUTES = 45          # between a morning and an afternoon daypart on the same day
CLOSING_MINUTES = 15        # agreements and evaluation, last daypart
DAYPART_END_MINUTES = 5     # short wrap-up at the end of an earlier daypart
DAYPART_END_MAX = 10        # ... which never grows past this (no 55-minute "wrap-up")
CLOSING_MAX = 20            # nor the closing past this; more free time is an error
UNDERFULL_WARNING = 20      # more unused minutes than this (at maximum lengths) is a warning
STEP = 5                    # stretching and shrinking go in five-minute steps
AFTERNOON_FROM = dt.time(12, 0)  # a session starting at or after this has one daypart per day
DEFAULT_PARTICIPANTS = 20   # group arithmetic when the session does not say


@dataclass
class Item:
    """An exercise in the programme, with the minutes the session fixes for it (if any)."""

    exercise: Exercise
    fixed: int | None

    @property
    def low(self) -> int:
        """Its shortest length."""
        return self.fixed or self.exercise.meta.minutes.min

    @property
    def default(self) -> int:
        """Its usual length."""
        return self.fixed or self.exercise.meta.minutes.default

    @property
    def high(self) -> int:
        """Its longest length."""
        return self.fixed or self.exercise.meta.minutes.max


def overhead(number: int, total: int) -> int:
    """Minutes of daypart ``number`` (of ``total``) that are not exercises."""
    opening = WELCOME_MINUTES + BACKGROUND_MINUTES if number == 1 else RETURN_MINUTES
    ending = CLOSING_MINUTES if number == total else DAYPART_END_MINUTES
    return opening + BREAK_MINUTES + ending


def _splits(count: int, parts: int) -> list[tuple[int, ...]]:
    """Every way to cut ``count`` ordered items into ``parts`` non-empty runs (cut indices)."""
    if parts > count:
        return []
    return [(0, *cuts, count) for cuts in itertools.combinations(range(1, count), parts - 1)]


def fit(items: Sequence[Item], available: int) -> list[int]:
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


def _score(groups: Sequence[Sequence[Item]], available: Sequence[int]) -> tuple[int, int, int]:
    """Lower is better: minutes that cannot fit, then minutes left empty, then drift from the
    usual lengths (so dayparts are balanced rather than one packed and one nearly empty)."""
    pairs = list(zip(groups, available, strict=True))
    over = sum(max(0, sum(i.low for i in g) - a) for g, a in pairs)
    empty = sum(max(0, a - sum(i.high for i in g)) for g, a in pairs)
    drift = sum(abs(a - sum(i.default for i in g)) for g, a in pairs)
    return (over, empty, drift)


def exercise_room(dayparts: int, daypart_minutes: int) -> list[int]:
    """Minutes left for exercises in each daypart, after welcome, breaks and closing."""
    return [daypart_minutes - overhead(n, dayparts) for n in range(1, dayparts + 1)]


def best_groups(items: Sequence[Item], available: Sequence[int]) -> list[list[Item]]:
    """The exercises, in their order, cut into one run per daypart as well as they fit."""
    best = min(_splits(len(items), len(available)),
               key=lambda cuts: _score([items[a:b] for a, b in itertools.pairwise(cuts)],
                                       available))
    return [list(items[a:b]) for a, b in itertools.pairwise(best)]


def fits(items: Sequence[Item], available: Sequence[int]) -> bool:
    """Whether ``items`` fit these dayparts at their shortest (what the planner needs)."""
    if len(items) < len(available):
        return False
    groups = best_groups(items, available)
    return all(sum(i.low for i in g) <= a for g, a in zip(groups, available, strict=True))


def extra_allowed(number: int, total: int) -> int:
    """Free minutes the end of daypart ``number`` may absorb before it counts as empty."""
    return (CLOSING_MAX - CLOSING_MINUTES if number == total
            else DAYPART_END_MAX - DAYPART_END_MINUTES)
