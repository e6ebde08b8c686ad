"""bijeenkomst.ics: one calendar event per daypart, in Europe/Amsterdam (RFC 5545)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..dutch import join
from ..pack import Pack
from . import Rendered, build_timestamp

TZID = "Europe/Amsterdam"


def _timezone() -> Any:
    """A compact VTIMEZONE for Europe/Amsterdam with the EU summer-time rules."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = Timezone()
    zone.add("tzid", TZID)
    # Summer time from the last Sunday of March 02:00, winter time from the last Sunday of
    # October 03:00 (EU rules since 1996).
    for kind, start, month, before, after, name in (
            (TimezoneDaylight, dt.datetime(1981, 3, 29, 2), 3, 1, 2, "CEST"),
            (TimezoneStandard, dt.datetime(1996, 10, 27, 3), 10, 2, 1, "CET")):
        rule = kind()
        rule.add("dtstart", start)
        rule.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        rule.add("tzoffsetfrom", dt.timedelta(hours=before))
        rule.add("tzoffsetto", dt.timedelta(hours=after))
        rule.add("tzname", name)
        zone.add_component(rule)
    return zone


def render(pack: Pack, path: Path) -> Rendered:
    """Write the calendar file; the pack must have a date."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//opvoedkit {pack.version}//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(_timezone())
    stamp = build_timestamp(pack.date).replace(tzinfo=dt.UTC)
    people = join([f.name for f in pack.facilitators])
    for daypart in pack.program.dayparts:
        if daypart.date is None:
            continue
        titles = [b.title for b in daypart.blocks if b.kind == "exercise"]
        start = dt.datetime.combine(daypart.date, dt.time(daypart.start // 60, daypart.start % 60))
        event = Event()
        event.add("uid", f"{pack.slug}-{daypart.date.isoformat()}-dagdeel-{daypart.number}"
                         "@opvoedkit")
        event.add("dtstamp", stamp)
        event.add("dtstart", start, parameters={"TZID": TZID})
        event.add("dtend", start + dt.timedelta(minutes=daypart.length),
                  parameters={"TZID": TZID})
        suffix = f" (dagdeel {daypart.number})" if len(pack.program.dayparts) > 1 else ""
        event.add("summary", f"{pack.full_title}{suffix}")
        if pack.venue:
            event.add("location", pack.venue)
        description = "Programma: " + "; ".join(titles) + "."
        if people:
            description += f"\nBegeleiding: {people}."
        event.add("description", description)
        calendar.add_component(event)
    path.write_bytes(calendar.to_ical())
    return Rendered("calendar", path, len(pack.program.dayparts))
