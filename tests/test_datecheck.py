"""The date check: meeting days on feasts, fasts and holidays warn; an ordinary day does not.

The expected dates below are the published ones, typed here, not read from the libraries that
datecheck uses. Sources: Islamic dates as announced or forecast by the Umm al-Qura calendar and
Diyanet (Turkey), which differ from local moon sightings by a day at most; Rosh Hashanah and
Yom Kippur as in any Jewish calendar (checked against pyluach); Lunar New Year as in the
Chinese calendar (checked against lunardate); Diwali as India's gazetted date; Dutch holidays
as listed by the Rijksoverheid (Easter checked against the Gregorian computus).
"""

from __future__ import annotations

import datetime as dt
import socket
import warnings

import pytest

from opvoedkit.config import Session
from opvoedkit.datecheck import date_warnings
from opvoedkit.library import load_library
from opvoedkit.planner import Program, clock, plan

LIBRARY = load_library()
MORNING = ["kennismaken-wie-zit-er-aan-tafel", "beeld-van-elkaar", "kracht-van-de-ander",
           "afspraken-voor-vervolg"]
SHORT = ["kennismaken-wie-zit-er-aan-tafel", "wens-voor-de-toekomst"]

RAMADAN_STARTS = ["2025-03-01", "2026-02-18", "2027-02-08", "2028-01-28", "2029-01-16",
                  "2030-01-05"]
EID_AL_FITR = ["2025-03-30", "2026-03-20", "2027-03-09", "2028-02-26", "2029-02-14",
               "2030-02-04"]
EID_AL_ADHA = ["2025-06-06", "2026-05-27", "2027-05-16", "2028-05-05", "2029-04-24",
               "2030-04-13"]
DIWALI = ["2025-10-20", "2026-11-08", "2027-10-29", "2028-10-17", "2029-11-05", "2030-10-26"]
LUNAR_NEW_YEAR = ["2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13",
                  "2030-02-03"]
ROSH_HASHANAH = ["2025-09-23", "2025-09-24", "2026-09-12", "2026-09-13", "2027-10-02",
                 "2027-10-03", "2028-09-21", "2028-09-22", "2029-09-10", "2029-09-11",
                 "2030-09-28", "2030-09-29"]
YOM_KIPPUR = ["2025-10-02", "2026-09-21", "2027-10-11", "2028-09-30", "2029-09-19",
              "2030-10-07"]
DUTCH_HOLIDAYS = {
    "2025-04-26": "Koningsdag",  # the 27th is a Sunday
    "2026-04-27": "Koningsdag",
    "2027-04-27": "Koningsdag",
    "2025-05-29": "Hemelvaartsdag",
    "2026-05-14": "Hemelvaartsdag",
    "2027-05-06": "Hemelvaartsdag",
    "2030-05-30": "Hemelvaartsdag",
    "2025-06-09": "Tweede pinksterdag",
    "2027-05-17": "Tweede pinksterdag",
    "2029-05-21": "Tweede pinksterdag",
    "2027-03-29": "Tweede paasdag",
    "2028-04-17": "Tweede paasdag",
    "2026-12-25": "Eerste kerstdag",
    "2028-12-26": "Tweede kerstdag",
    "2030-01-01": "Nieuwjaarsdag",
    "2025-05-05": "Bevrijdingsdag",  # a day off in lustrum years
    "2027-05-05": "Bevrijdingsdag",  # and a national holiday in the others
}


def _program(date: str, start: str = "09:30", minutes: int = 210, dayparts: int = 1,
             dates: tuple[str, ...] = ()) -> Program:
    """A real plan for a session on ``date``, as the CLI would make it."""
    session = Session.model_validate({
        "municipality": "Ede", "audience": ["professionals", "informal"], "date": date,
        "dates": list(dates), "start": start, "daypart_minutes": minutes,
        "dayparts": dayparts, "exercises": MORNING if minutes > 180 else SHORT,
        "allow_slack": True})
    return plan(session, LIBRARY)


def _warnings_on(date: str, start: str = "09:30", minutes: int = 210) -> str:
    """Every date warning for one daypart on ``date``, as one text."""
    return "\n".join(date_warnings(_program(date, start, minutes)))


def _days(first: str, count: int) -> list[str]:
    start = dt.date.fromisoformat(first)
    return [(start + dt.timedelta(days=n)).isoformat() for n in range(count)]


@pytest.mark.parametrize("date", _days("2027-02-08", 7))
def test_first_week_of_ramadan_2027(date: str) -> None:
    text = _warnings_on(date)
    assert "falls in Ramadan (about 2027-02-08 to 2027-03-08" in text
    assert "lunch" in text and "before sunset" in text and "iftar" in text


@pytest.mark.parametrize("date", RAMADAN_STARTS)
def test_ramadan_start_2025_to_2030(date: str) -> None:
    following = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
    assert "Ramadan" in _warnings_on(date)
    assert "Ramadan" in _warnings_on(following)  # where the moon is sighted a day later


@pytest.mark.parametrize("date", EID_AL_FITR)
def test_eid_al_fitr_first_two_days(date: str) -> None:
    second = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
    for day in (date, second):
        text = _warnings_on(day)
        assert "Eid al-Fitr (Suikerfeest)" in text
        assert "about" in text and "2–3 days" in text


def test_suikerfeest_2027_either_day() -> None:
    # published as 9 March 2027 (Umm al-Qura, Diyanet) or 10 March 2027 (moon sighting)
    for day in ("2027-03-09", "2027-03-10", "2027-03-11"):
        assert "Suikerfeest" in _warnings_on(day)


def test_a_day_early_is_warned_too() -> None:
    # where the new moon is sighted a day earlier than forecast (the documented tolerance)
    assert "Ramadan" in _warnings_on("2027-02-07")
    assert "Suikerfeest" in _warnings_on("2027-03-08")
    assert "Offerfeest" in _warnings_on("2027-05-15")
    assert _warnings_on("2027-02-06").count("Ramadan") == 0  # two days early is not


@pytest.mark.parametrize("date", EID_AL_ADHA)
def test_eid_al_adha_first_two_days(date: str) -> None:
    second = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
    for day in (date, second):
        assert "Eid al-Adha (Offerfeest)" in _warnings_on(day)


def test_a_day_with_two_reasons_names_both() -> None:
    # Whit Monday 2027 is also the second day of Eid al-Adha
    text = _warnings_on("2027-05-17")
    assert "Offerfeest" in text and "Tweede pinksterdag" in text


@pytest.mark.parametrize("date", sorted(DUTCH_HOLIDAYS))
def test_dutch_holidays(date: str) -> None:
    assert f"({DUTCH_HOLIDAYS[date]})" in _warnings_on(date)


def test_liberation_day_says_whether_it_is_a_day_off() -> None:
    assert "a Dutch public holiday, Liberation Day (Bevrijdingsdag)" in _warnings_on("2025-05-05")
    assert "only every five years" in _warnings_on("2027-05-05")


def test_kings_day_moves_off_sunday() -> None:
    assert _warnings_on("2025-04-27") == ""  # Koningsdag 2025 was Saturday 26 April


@pytest.mark.parametrize("year", range(2025, 2031))
def test_keti_koti(year: int) -> None:
    assert "Keti Koti (1 July)" in _warnings_on(f"{year}-07-01")


@pytest.mark.parametrize(("dates", "name"), [
    (DIWALI, "is Diwali"), (LUNAR_NEW_YEAR, "is Lunar New Year (Chinese New Year)"),
    (ROSH_HASHANAH, "is Rosh Hashanah"), (YOM_KIPPUR, "is Yom Kippur")])
def test_feasts_2025_to_2030(dates: list[str], name: str) -> None:
    missing = [date for date in dates if name not in _warnings_on(date)]
    assert missing == []


def test_evening_before_yom_kippur() -> None:
    assert "the eve of Yom Kippur" in _warnings_on("2027-10-10", "19:00", 150)
    assert _warnings_on("2027-10-10", "09:30") == ""  # the morning is free


def test_friday_afternoon_overlaps_the_prayer() -> None:
    program = _program("2027-03-19", "13:00")
    assert [clock(program.dayparts[0].start), clock(program.dayparts[0].end)] == ["13:00",
                                                                                  "16:30"]
    (warning,) = date_warnings(program)
    assert "overlaps the Friday prayer (about 12:30–14:00 in winter time)" in warning
    assert "daypart 1, 13:00–16:30" in warning


def test_friday_morning_does_not() -> None:
    program = _program("2027-03-19", "09:00", 180)
    assert clock(program.dayparts[0].end) == "12:00"
    assert date_warnings(program) == []


def test_friday_prayer_is_an_hour_later_in_summer_time() -> None:
    assert "13:30–15:00 in summer time" in _warnings_on("2027-06-25", "14:00")
    assert _warnings_on("2027-03-19", "14:00") == ""  # winter: the prayer is over at 14:00


def test_ordinary_tuesday_is_silent() -> None:
    assert date_warnings(_program("2027-03-16", "09:30")) == []


def test_only_the_day_that_clashes_is_named() -> None:
    program = _program("2027-02-02", "13:00", dayparts=2, dates=("2027-02-09",))
    found = date_warnings(program)
    assert len(found) == 1
    assert found[0].startswith("Tuesday 2027-02-09 (daypart 2) falls in Ramadan")


def test_morning_and_afternoon_on_one_day_warn_once() -> None:
    found = date_warnings(_program("2027-10-11", "09:00", dayparts=2))
    assert len(found) == 1
    assert "(dayparts 1 and 2) is Yom Kippur" in found[0]


def test_no_date_no_warnings() -> None:
    session = Session.model_validate({"municipality": "Ede", "audience": ["informal"],
                                      "exercises": MORNING})
    assert date_warnings(plan(session, LIBRARY)) == []


def test_beyond_the_calendars_it_stays_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the date check opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # holidays' "only available until 2035" stays inside
        late = [_warnings_on(date) for date in ("2040-11-04", "2078-09-01", "2099-12-31")]
    assert all(isinstance(text, str) for text in late)  # India's list ends, hijridate's too
