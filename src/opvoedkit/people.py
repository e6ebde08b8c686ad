"""Who sits with whom and who leads what: group compositions and facilitator roles.

Pure functions of the plan (planner.py calls them). Groups are as mixed as the numbers allow:
people are dealt over the tables one audience after another, so each audience is spread evenly
and a pair or group holds two audiences whenever there are enough of the smaller ones. Leading
goes round: with two or more facilitators every block gets a lead and a support, the lead
changes hands from block to block, each facilitator leads at least one exercise when there are
enough, and an exercise may name its own lead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

AUDIENCE_ORDER = ("professionals", "informal", "policy")
LED = ("welcome", "background", "exercise", "closing")  # blocks someone leads (not breaks)


@dataclass(frozen=True)
class Table:
    """One group: its size and how many of each audience sit in it."""

    size: int
    counts: tuple[tuple[str, int], ...]

    def count(self, audience: str) -> int:
        """How many of ``audience`` sit at this table."""
        return dict(self.counts).get(audience, 0)

    def as_json(self) -> dict[str, int]:
        """{"size": 4, "professionals": 2, …} (the plan JSON's allocation item)."""
        return {"size": self.size, **{a: n for a, n in self.counts}}


def allocate(sizes: Sequence[int], mix: Mapping[str, int]) -> tuple[Table, ...]:
    """Tables of these sizes filled from ``mix`` (people per audience), as mixed as possible:
    everyone is dealt round the tables in turn, one audience after another."""
    people = [a for a in AUDIENCE_ORDER for _ in range(mix.get(a, 0))]
    if not people or not sizes or sum(sizes) != len(people):
        return ()
    seats: list[list[str]] = [[] for _ in sizes]
    table = 0
    for person in people:
        while len(seats[table]) >= sizes[table]:
            table = (table + 1) % len(sizes)
        seats[table].append(person)
        table = (table + 1) % len(sizes)
    return tuple(Table(len(s), tuple((a, s.count(a)) for a in AUDIENCE_ORDER if a in s))
                 for s in seats)


def assign_leads(kinds: Sequence[str], facilitators: Sequence[str],
                 chosen: Mapping[int, str]) -> list[tuple[str | None, str | None]]:
    """(lead, support) for each block kind in order; ``chosen`` maps a block's index to the
    lead the session names for it. Breaks and lunch get (None, None)."""
    if not facilitators:
        return [(None, None)] * len(kinds)
    if len(facilitators) == 1:
        return [(facilitators[0], None) if k in LED else (None, None) for k in kinds]
    exercises = [i for i, k in enumerate(kinds) if k == "exercise"]
    leads: dict[int, str] = dict(chosen)
    free = [i for i in exercises if i not in chosen]
    # exercises round the facilitators, starting with whoever leads fewest so far
    load = {f: sum(1 for i in chosen.values() if i == f) for f in facilitators}
    for index in free:
        person = min(facilitators, key=lambda f: (load[f], facilitators.index(f)))
        leads[index] = person
        load[person] += 1
    previous = facilitators[0]
    result: list[tuple[str | None, str | None]] = []
    for index, kind in enumerate(kinds):
        if kind not in LED:
            result.append((None, None))
            continue
        lead = leads.get(index)
        if lead is None:  # welcome, background, closing: the hands change between blocks
            lead = facilitators[0] if kind == "welcome" and index == 0 else next(
                f for f in facilitators if f != previous)
        support = next(f for f in [*facilitators[facilitators.index(lead) + 1:], *facilitators]
                       if f != lead)
        result.append((lead, support))
        previous = lead
    return result


def describe_tables(tables: Sequence[Table]) -> tuple[str, ...]:
    """Who sits at which table, runs of equal tables together ("Tafels 1–3: 2 professionals,
    1 informele werker")."""
    names = {"professionals": ("professional", "professionals"),
             "informal": ("informele werker", "informele werkers"),
             "policy": ("beleidsmedewerker", "beleidsmedewerkers")}
    runs: list[tuple[int, int, str]] = []
    for number, table in enumerate(tables, start=1):
        text = ", ".join(f"{n} {names[a][0] if n == 1 else names[a][1]}" for a, n in table.counts)
        if runs and runs[-1][2] == text and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number, text)
        else:
            runs.append((number, number, text))
    return tuple((f"Tafel {first}" if first == last else f"Tafels {first}–{last}") + f": {text}"
                 for first, last, text in runs)
