"""Dutch wording that does not need a locale: dates, durations, lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def long_date(day: dt.date) -> str:
    """``donderdag 18 maart 2027``."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """``18 maart 2027``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def minutes_text(minutes: int) -> str:
    """``45 minuten``, ``1 uur``, ``1 uur en 30 minuten``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minuten"
    text = "1 uur" if hours == 1 else f"{hours} uur"
    return f"{text} en {rest} minuten" if rest else text


def join(items: Sequence[str]) -> str:
    """``a, b en c``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
