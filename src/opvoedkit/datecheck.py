"""When not to plan: warnings for meeting days that clash with feasts, fasts and holidays.

This module owns the date check of issue 16: given the planned dayparts, it names each day that
falls in Ramadan, on Eid al-Fitr (Suikerfeest) or Eid al-Adha (Offerfeest), on a Dutch public
holiday, on Keti Koti, Diwali, Lunar New Year, Rosh Hashanah or Yom Kippur (or the evening
before those two), and each Friday daypart that overlaps the midday prayer. It only warns;
dayparts without a date are not checked.

Decisions:

* Calendars come from two maintained libraries, imported only when a dated daypart is checked
  (``validate``, ``plan`` and ``build`` import this module): ``holidays`` for the Netherlands
  (NL), Israel (IL: Rosh Hashanah, Yom Kippur), China (CN: the first day of the Spring Festival
  is Lunar New Year), and India (IN) and Suriname (SR) for Diwali; ``hijridate`` (the Umm
  al-Qura calendar) for Ramadan and both Eids. Nothing is downloaded. Holidays are looked up by
  their ``en_US`` names, always asked for explicitly (the library otherwise follows the locale).
* Islamic months begin with the sighting of the new moon, so the real day can differ from Umm
  al-Qura by a day either way (Turkish, Moroccan and Saudi announcements differ among
  themselves). The warnings say "about"; Ramadan is warned from the day before its Umm al-Qura
  start, and each Eid from the day before its Umm al-Qura date to two days after, so that the
  first two days of the feast are covered whichever day it starts. Outside the range that
  ``hijridate`` covers (1924 to November 2077) the Islamic check is skipped.
* Diwali is warned on both India's and Suriname's date (they can differ by a day; many Dutch
  Hindus have Surinamese roots). India's calendar in ``holidays`` stops in 2035, Suriname's
  does not.
* Keti Koti is 1 July by definition (the day of the abolition of slavery in Suriname and the
  Dutch Caribbean, 1863); it needs no calendar.
* 5 May: ``holidays`` lists Liberation Day (Bevrijdingsdag) as a public holiday only every five
  years, when it is a day off for most employees, and as an "optional" holiday in other years.
  Both are warned: it is a national day of festivals every year; the text says which it is.
* Dutch school holidays are not checked: ``holidays`` has no school calendar for the
  Netherlands, and we do not guess them.
* The Friday prayer (jumu'ah) follows the sun, not the clock: about 12:30 to 14:00 in winter
  time and an hour later, 13:30 to 15:00, in summer time (Europe/Amsterdam).
"""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .config import TIMEZONE
from .i18n import N_, _, language
from .planner import clock

if TYPE_CHECKING:
    from hijridate import Hijri
    from holidays import HolidayBase

    from .planner import Daypart, Program

# Weekday names in the user's language whatever the process locale (strftime("%A") follows
# LC_TIME): translated where they are used.
_WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
             N_("Saturday"), N_("Sunday"))
KETI_KOTI = (7, 1)  # month, day
PRAYER_WINTER = (12 * 60 + 30, 14 * 60)  # minutes after midnight, winter time (CET)
DST_SHIFT = 60  # in summer time (CEST) the prayer is an hour later on the clock
EVE_FROM = 16 * 60  # a daypart ending after this on the eve of a Jewish feast clashes with it
ISLAMIC_BEFORE = 1  # days before the Umm al-Qura date that may already be the feast
EID_AFTER = 2  # days after the first Umm al-Qura day of an Eid that are still warned
JEWISH_DAYS = {"Rosh Hashanah": "rosh-hashanah", "Yom Kippur": "yom-kippur"}


def date_warnings(program: Program) -> list[str]:
    """Warnings for the dates of the planned dayparts, in date order (none without dates)."""
    by_date: dict[dt.date, list[Daypart]] = {}
    for daypart in program.dayparts:
        if daypart.date is not None:
            by_date.setdefault(daypart.date, []).append(daypart)
    found: list[str] = []
    for day in sorted(by_date):
        found += day_warnings(day, by_date[day])
    return found


def day_warnings(day: dt.date, dayparts: Sequence[Daypart]) -> list[str]:
    """Warnings for one meeting day with the dayparts planned on it."""
    numbers = [d.number for d in dayparts]
    label = (_("daypart {number}").format(number=numbers[0]) if len(numbers) == 1
             else _("dayparts {numbers} and {last}").format(
                 numbers=", ".join(map(str, numbers[:-1])), last=numbers[-1]))
    when = _("{weekday} {date} ({dayparts})").format(weekday=_(_WEEKDAYS[day.weekday()]),
                                                     date=day.isoformat(), dayparts=label)
    found = _islamic_warnings(day, when)
    found += _dutch_warnings(day, when)
    if (day.month, day.day) == KETI_KOTI:
        found.append(_("{when} is Keti Koti (1 July), when the abolition of slavery is "
                       "commemorated and celebrated: many participants with Surinamese or "
                       "Caribbean roots take part in the commemorations and festivities; choose "
                       "another day").format(when=when))
    found += _feast_warnings(day, when, max(d.end for d in dayparts))
    if day.weekday() == 4:
        found += [_prayer_warning(day, d) for d in dayparts if _overlaps_prayer(day, d)]
    return found


def _islamic_warnings(day: dt.date, when: str) -> list[str]:
    """Ramadan, Eid al-Fitr and Eid al-Adha by the Umm al-Qura calendar, a day either way."""
    from hijridate import Gregorian, Hijri

    try:
        year = Gregorian.fromdate(day).to_hijri().year
        ramadan, fitr, adha = (_gregorian(Hijri(year, month, number))
                               for month, number in ((9, 1), (10, 1), (12, 10)))
    except OverflowError:  # outside 1924-2077, which hijridate covers
        return []
    before = dt.timedelta(days=ISLAMIC_BEFORE)
    after = dt.timedelta(days=EID_AFTER)
    if fitr - before <= day <= fitr + after:
        return [_("{when} falls on or next to Eid al-Fitr (Suikerfeest), the feast at the end "
                  "of Ramadan, expected about {date} (a day earlier or later depending on the "
                  "moon sighting): the feast lasts 2–3 days, and Muslim families celebrate and "
                  "visit each other; choose another day").format(when=when,
                                                                  date=fitr.isoformat())]
    if adha - before <= day <= adha + after:
        return [_("{when} falls on or next to Eid al-Adha (Offerfeest), expected about {date} "
                  "(a day earlier or later depending on the moon sighting): the feast lasts "
                  "3–4 days, and Muslim families celebrate and visit each other; choose "
                  "another day").format(when=when, date=adha.isoformat())]
    if ramadan - before <= day < fitr:
        last = fitr - dt.timedelta(days=1)
        return [_("{when} falls in Ramadan (about {first} to {last}; the exact days depend "
                  "on the moon sighting): many Muslim participants fast from dawn to sunset. Do "
                  "not centre the programme on lunch, offer drinks and food without pushing "
                  "them, and end well before sunset so that people can break the fast (iftar) "
                  "at home; opvoedkit does not know the sunset time, so check the local iftar "
                  "times").format(when=when, first=ramadan.isoformat(),
                                  last=last.isoformat())]
    return []


def _gregorian(hijri: Hijri) -> dt.date:
    """A hijridate date as a plain ``datetime.date``."""
    gregorian = hijri.to_gregorian()
    return dt.date(gregorian.year, gregorian.month, gregorian.day)


def _dutch_warnings(day: dt.date, when: str) -> list[str]:
    """Dutch public holidays, and Liberation Day in the years it is not a day off."""
    holiday = _dutch_holidays(day.year).get(day)
    if holiday is None:
        return []
    english, dutch, public = holiday
    name = dutch if language() == "nl" else f"{english} ({dutch})"
    if public:
        return [_("{when} is a Dutch public holiday, {holiday}: many participants are off work "
                  "or away, and venues may be closed; choose another day").format(
                    when=when, holiday=name)]
    return [_("{when} is {holiday}, a national holiday with festivals and commemorations, "
              "though a day off for most employees only every five years: many participants "
              "will be away; choose another day").format(when=when, holiday=name)]


FEAST_WARNINGS = {  # translated where they are used
    "diwali": N_("{when} is Diwali, the Hindu festival of lights (its date can differ by a day "
                 "between India and Suriname): an important day for Hindustani, Surinamese and "
                 "Indian families; choose another day"),
    "lunar-new-year": N_("{when} is Lunar New Year (Chinese New Year), when Chinese and other "
                         "East and Southeast Asian families celebrate together; choose another "
                         "day"),
    "rosh-hashanah": N_("{when} is Rosh Hashanah, the Jewish New Year (two days, from sunset "
                        "the evening before): observant Jewish participants do not work or "
                        "travel; choose another day"),
    "yom-kippur": N_("{when} is Yom Kippur (from sunset the evening before), the Jewish day of "
                     "atonement: observant Jewish participants fast and do not work; choose "
                     "another day"),
}


def _feast_warnings(day: dt.date, when: str, last_end: int) -> list[str]:
    """Diwali, Lunar New Year, Rosh Hashanah and Yom Kippur, and the eve of the Jewish two."""
    kinds = _feasts(day.year).get(day, ())
    found = [_(text).format(when=when) for kind, text in FEAST_WARNINGS.items() if kind in kinds]
    tomorrow = day + dt.timedelta(days=1)
    coming = _feasts(tomorrow.year).get(tomorrow, ())
    for name, kind in JEWISH_DAYS.items():
        if kind in coming and kind not in kinds and last_end > EVE_FROM:
            found.append(_("{when} is the eve of {feast}, which begins at sunset: a programme "
                           "that ends after {time} clashes with preparing for it; end earlier "
                           "or choose another day").format(when=when, feast=name,
                                                           time=clock(EVE_FROM)))
    return found


def _prayer_window(day: dt.date) -> tuple[int, int]:
    """The Friday prayer's span on the clock, in minutes after midnight, on ``day``."""
    noon = dt.datetime.combine(day, dt.time(12), ZoneInfo(TIMEZONE))
    shift = DST_SHIFT if noon.dst() else 0
    return PRAYER_WINTER[0] + shift, PRAYER_WINTER[1] + shift


def _overlaps_prayer(day: dt.date, daypart: Daypart) -> bool:
    """Whether the daypart's programme (lunch excluded) overlaps the Friday prayer."""
    begin, end = _prayer_window(day)
    return daypart.start < end and daypart.end > begin


def _prayer_warning(day: dt.date, daypart: Daypart) -> str:
    """The warning for a Friday daypart that overlaps the midday prayer."""
    begin, end = _prayer_window(day)
    season = _("summer time") if begin != PRAYER_WINTER[0] else _("winter time")
    return _("{weekday} {date} (daypart {number}, {start}–{end}) overlaps the Friday prayer "
             "(about {begin}–{until} in {season}): Muslim participants may want to go to the "
             "mosque; end before {begin}, start after {until}, or give a long break around the "
             "prayer").format(weekday=_(_WEEKDAYS[4]), date=day.isoformat(),
                              number=daypart.number, start=clock(daypart.start),
                              end=clock(daypart.end), begin=clock(begin), until=clock(end),
                              season=season)


def _country(code: str, year: int, language: str, categories: tuple[str, ...] = ("public",)
             ) -> HolidayBase:
    """One country's holidays for one year, named in ``language``, without library notices."""
    import holidays

    with warnings.catch_warnings():  # "available only from 2001 to 2035" is not for the user
        warnings.simplefilter("ignore")
        found: HolidayBase = holidays.country_holidays(code, years=year, language=language,
                                                       categories=categories)
    return found


@functools.cache
def _dutch_holidays(year: int) -> dict[dt.date, tuple[str, str, bool]]:
    """Each Dutch holiday of ``year``: (English name, Dutch name, whether a public holiday)."""
    both = ("public", "optional")
    english = _country("NL", year, "en_US", both)
    dutch = _country("NL", year, "nl", both)
    public = _country("NL", year, "en_US")
    return {day: (str(name), str(dutch[day]), day in public) for day, name in english.items()}


@functools.cache
def _feasts(year: int) -> dict[dt.date, frozenset[str]]:
    """The days of ``year`` that are Diwali, Lunar New Year, Rosh Hashanah or Yom Kippur."""
    kinds: dict[dt.date, set[str]] = {}
    israel = _country("IL", year, "en_US")
    for name, kind in JEWISH_DAYS.items():
        for day in israel.get_named(name, lookup="exact"):
            kinds.setdefault(day, set()).add(kind)
    for code in ("IN", "SR"):
        for day in _country(code, year, "en_US").get_named("Diwali", lookup="exact"):
            kinds.setdefault(day, set()).add("diwali")
    # China's Spring Festival holiday starts on Lunar New Year (observed days come later)
    spring = _country("CN", year, "en_US").get_named("Chinese New Year (Spring Festival)",
                                                    lookup="exact")
    if spring:
        kinds.setdefault(min(spring), set()).add("lunar-new-year")
    return {day: frozenset(found) for day, found in kinds.items()}
