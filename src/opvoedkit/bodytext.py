"""What an exercise or background text may say about this session: its variables and filters.

Exercise bodies are written once and run at many lengths, for many rooms. So a text never types
a duration, a group count or another exercise's name into its prose; it names a variable, and
the composer fills in this session's value (docs/exercise-format.md lists them):

- every section: ``municipality``; ``professionals``, ``informal``, ``policy`` (true when that
  audience attends); ``participants``, ``groups``, ``group_size``, ``groups_text``; ``minutes``
  (the exercise's planned minutes); ``earlier``, ``later`` (ids of the exercises before and after
  this one in the programme), ``previous``, ``next`` (the neighbouring ids, or empty);
- inside one step: ``minutes`` is that step's planned minutes, ``per_group`` its minutes divided
  by the number of groups (a report-back round), ``per_person`` divided by the people in a group
  (a turn each);
- filters: ``{{ per_group | duur }}`` writes minutes as Dutch ("anderhalve minuut");
  ``{{ 'kracht-van-de-ander' | titel }}`` writes an exercise's title.

A case's characters are renamed when a facilitator or contact shares their first name
(:func:`renames`), in the source, before anything is filled in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

EXERCISE_VARIABLES = frozenset({
    "municipality", "professionals", "informal", "policy", "participants", "groups",
    "group_size", "groups_text", "minutes", "earlier", "later", "previous", "next"})
STEP_VARIABLES = EXERCISE_VARIABLES | {"per_group", "per_person"}
BACKGROUND_VARIABLES = frozenset({"municipality", "professionals", "informal", "policy",
                                  "participants"})
FILTERS = frozenset({"duur", "titel"})
TOO_SHORT = "minder dan een minuut"  # what `duur` writes for a round that cannot fit

_WORDS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")
_STEP_START = re.compile(r"^\d+\.\s", re.M)


def duration(minutes: float) -> str:
    """Minutes as a facilitator says them, rounded down to half a minute: "anderhalve minuut",
    "drie minuten", "25 minuten"; below one minute :data:`TOO_SHORT`."""
    if minutes < 1:
        return TOO_SHORT
    whole, half = int(minutes), (minutes - int(minutes)) >= 0.5
    if whole > 10:
        return f"{whole} minuten"
    if not half:
        return f"{_WORDS[whole]} minuut" if whole == 1 else f"{_WORDS[whole]} minuten"
    if whole == 1:
        return "anderhalve minuut"
    word = _WORDS[whole]
    return f"{word}{'ënhalve' if word.endswith('e') else 'enhalve'} minuut"


def scale_minutes(minutes: Sequence[int], total: int) -> list[int]:
    """Scale step minutes to a new total, keeping whole minutes (largest remainder)."""
    current = sum(minutes)
    if current == total or not current:
        return list(minutes)
    raw = [m * total / current for m in minutes]
    result = [max(1, int(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    index = 0
    while sum(result) < total:
        result[order[index % len(order)]] += 1
        index += 1
    while sum(result) > total:
        biggest = max(range(len(result)), key=lambda i: result[i])
        result[biggest] -= 1
    return result


def exercise_variables(*, municipality: str, audience: Iterable[str], participants: int,
                       groups: int, group_size: int, groups_text: str, minutes: int,
                       earlier: Sequence[str], later: Sequence[str],
                       titles: Mapping[str, str]) -> dict[str, Any]:
    """The values every section of one exercise may use in this session."""
    present = set(audience)
    return {
        "municipality": municipality, "professionals": "professionals" in present,
        "informal": "informal" in present, "policy": "policy" in present,
        "participants": participants, "groups": groups, "group_size": group_size,
        "groups_text": groups_text, "minutes": minutes, "earlier": list(earlier),
        "later": list(later), "previous": earlier[-1] if earlier else "",
        "next": later[0] if later else "", "titles": dict(titles)}


def step_variables(base: Mapping[str, Any], minutes: int) -> dict[str, Any]:
    """The values one step may use: the exercise's, with this step's minutes and rounds."""
    return {**base, "minutes": minutes, "per_group": minutes / max(base["groups"], 1),
            "per_person": minutes / max(base["group_size"], 1)}


def background_variables(*, municipality: str, audience: Iterable[str],
                         participants: int) -> dict[str, Any]:
    """The values a background block may use."""
    present = set(audience)
    return {"municipality": municipality, "professionals": "professionals" in present,
            "informal": "informal" in present, "policy": "policy" in present,
            "participants": participants}


def split_steps(source: str) -> list[str]:
    """The source of the `Stappen` section cut into one chunk per numbered step (each chunk is
    rendered with its own step's minutes)."""
    starts = [m.start() for m in _STEP_START.finditer(source)]
    if not starts:
        return [source] if source.strip() else []
    return [source[a:b].rstrip() for a, b in zip(starts, [*starts[1:], len(source)],
                                                   strict=True)]


def first_name(name: str) -> str:
    """The comparable first name of a person: first word, case and accents folded."""
    word = name.strip().split()[0] if name.strip() else ""
    folded = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def renames(characters: Iterable[tuple[str, Sequence[str]]],
            people: Iterable[str]) -> dict[str, str]:
    """{character: new name} for every character who shares a first name with one of
    ``people``: the first alternative that nobody in the session or the case already has."""
    taken = {first_name(p) for p in people if p.strip()}
    cast = list(characters)
    in_case = {first_name(name) for name, _ in cast}
    result = {}
    for name, alternatives in cast:
        if first_name(name) not in taken:
            continue
        for alternative in alternatives:
            folded = first_name(alternative)
            if folded not in taken and folded not in in_case:
                result[name] = alternative
                in_case.add(folded)
                break
    return result


def apply_renames(source: str, mapping: Mapping[str, str]) -> str:
    """``source`` with each character's name (as a whole word) replaced."""
    for old, new in mapping.items():
        source = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, source)
    return source
