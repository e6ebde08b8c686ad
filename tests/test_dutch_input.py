"""Input as Dutch policy officers write it (issue 20): an Excel CSV in Windows-1252 with
day-month-year dates, audiences in Dutch, times as 9.30, and messages in their terms."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from opvoedkit.batchfile import read_batch

from .conftest import FIXTURES

EXERCISES = "exercises: [kennismaken-wie-zit-er-aan-tafel, beeld-van-elkaar, wat-staat-in-de-weg]\n"
EXCEL_NOTE = ("note: regio-cp1252.csv is not UTF-8; read it as Windows-1252 (as Excel saves "
              "'CSV (gescheiden door lijstscheidingsteken)'); check that letters such as é and ú "
              "are right")


def _fails(result: object, *lines: str, code: int = 2) -> str:
    """The stderr of a refused run, which must hold each of ``lines`` and no traceback."""
    assert result.exit_code == code, result.stderr  # type: ignore[attr-defined]
    err: str = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in err and "Input should" not in err
    for line in lines:
        assert line in err, err
    return err


def _start(run_cli, path: Path) -> str:
    result = run_cli("plan", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return str(json.loads(result.stdout)["dayparts"][0]["blocks"][0]["start"])


def test_excel_csv_in_windows_1252_builds_with_its_accents_and_dates(run_cli,
                                                                     tmp_path: Path) -> None:
    batch = tmp_path / "regio-cp1252.csv"
    shutil.copy(FIXTURES / "excel" / "regio-cp1252.csv", batch)
    result = run_cli("batch", batch, "-o", tmp_path / "out", "--only", "calendar")
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((tmp_path / "out" / "sudwest-fryslan" / "manifest.json").read_text(
        encoding="utf-8"))
    assert manifest["municipality"] == "Súdwest-Fryslân"
    day = manifest["program"]["dayparts"][0]
    assert (day["date"], day["start"]) == ("2027-04-08", "09:30")  # 8-4-2027, 9.30
    assert read_batch(batch).notes == [EXCEL_NOTE]
    assert EXCEL_NOTE in result.stderr  # the batch says how it read the file


def test_utf8_csv_gets_no_encoding_note(tmp_path: Path) -> None:
    batch = tmp_path / "regio.csv"
    for raw in ("municipality;audience;exercises\nSúdwest;policy;auto\n",
                "\ufeffmunicipality;audience;exercises\nSúdwest;policy;auto\n"):
        batch.write_text(raw, encoding="utf-8")
        rows = read_batch(batch)
        assert (rows.notes, rows[0].data["municipality"]) == ([], "Súdwest")


def test_csv_neither_utf8_nor_windows_1252_is_refused(run_cli, tmp_path: Path) -> None:
    batch = FIXTURES / "hostile" / "csv-not-utf8-nor-cp1252.csv"
    _fails(run_cli("batch", batch, "-o", tmp_path / "out"),
           f"{batch}:2:2: the file is not valid UTF-8, nor Windows-1252 (byte 0x81)",
           "hint: save it from Excel as 'CSV UTF-8 (door komma's gescheiden)'")


@pytest.mark.parametrize(("cell", "iso"), [("8-4-2027", "2027-04-08"),
                                           ("08-04-2027", "2027-04-08"),
                                           ("2027-04-08", "2027-04-08")])
def test_csv_date_cells_day_month_year(tmp_path: Path, cell: str, iso: str) -> None:
    batch = tmp_path / "regio.csv"
    batch.write_text(f"municipality;audience;exercises;date\nEde;policy;auto;{cell}\n",
                     encoding="utf-8")
    assert read_batch(batch)[0].data["date"] == iso


@pytest.mark.parametrize(("cell", "message"), [
    ("31-2-2027", "`date`: 31-2-2027 does not exist (read as day 31, month 2, year 2027)"),
    ("8 april 2027", "`date`: use a date as YYYY-MM-DD, for example 2027-03-18"),
])
def test_csv_date_that_cannot_be_read_gets_a_spreadsheet_hint(run_cli, tmp_path: Path,
                                                               cell: str, message: str) -> None:
    batch = tmp_path / "regio.csv"
    batch.write_text(f"municipality;audience;exercises;date\nEde;policy;auto;"
                     f"{cell}\n", encoding="utf-8")
    _fails(run_cli("batch", batch, "-o", tmp_path / "out"), f"{batch}:2:4: {message}",
           "hint: write the date as day-month-year, for example 8-4-2027, or as 2027-04-08",
           code=1)


@pytest.mark.parametrize(("typed", "ids"), [
    ("[professionals, vrijwilligers]", ["professionals", "informal"]),
    ("[Formeel, Informeel, Gemeente]", ["professionals", "informal", "policy"]),
    ("[professionele, sleutelfiguren, beleidsmedewerkers]",
     ["professionals", "informal", "policy"]),
    ("[PROFESSIONAL, vrijwilliger, beleid]", ["professionals", "informal", "policy"]),
    ("informal", ["informal"]),
    ("vrijwilligers", ["informal"]),
])
def test_audience_in_dutch_words_and_as_one_value(run_cli, write_session, typed: str,
                                                  ids: list[str]) -> None:
    from opvoedkit import load_session

    path = write_session(f"municipality: Ede\naudience: {typed}\n" + EXERCISES)
    result = run_cli("validate", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"OK {path}: Ede, 1 daypart 09:00–")
    assert load_session(path).audience == ids  # the ids stay the contract


def test_audience_misspelt_in_dutch_suggests_the_word(run_cli, write_session) -> None:
    path = write_session("municipality: Ede\naudience: [policy, vrijwiligers]\n" + EXERCISES)
    _fails(run_cli("validate", path),
           f"{path}:2:20: `audience[2]`: `vrijwiligers` is not one of: professionals, informal, "
           "policy",
           "hint: did you mean `vrijwilligers` (informal)? use one of: professionals, informal, "
           "policy, or a Dutch word such as professionele, vrijwilligers, gemeente")


def test_audience_named_twice_in_two_languages(run_cli, write_session) -> None:
    path = write_session("municipality: Ede\naudience: [formeel, professionals]\n" + EXERCISES)
    _fails(run_cli("validate", path), f"{path}:2:11: `audience`: each audience may be named once")


@pytest.mark.parametrize("typed", ["9.30", "9:30", '"9.30"', "09:30", '"09:30"', "'9:30'",
                                   '"9:30:00"'])
def test_start_time_forms_mean_half_past_nine(run_cli, write_session, typed: str) -> None:
    path = write_session(f"municipality: Ede\nstart: {typed}\naudience: [policy]\n" + EXERCISES)
    assert _start(run_cli, path) == "09:30"


def test_start_19_00_unquoted_with_a_dot(run_cli, write_session) -> None:
    path = write_session("municipality: Ede\nstart: 19.00\naudience: [policy]\n" + EXERCISES)
    assert _start(run_cli, path) == "19:00"


@pytest.mark.parametrize("typed", ["9.5", '"9.5"', "9.3", "9,5"])
def test_start_time_that_is_not_clear_is_refused(run_cli, write_session, typed: str) -> None:
    path = write_session(f"municipality: Ede\nstart: {typed}\naudience: [policy]\n" + EXERCISES)
    shown = typed.strip('"')
    _fails(run_cli("validate", path),
           f"{path}:2:8: `start`: `{shown}` is not a clear time (9.5 could be 09:05, 09:30 or "
           "09:50); write the minutes with two digits, as HH:MM",
           'hint: write it as  start: "09:30"')


def test_csv_without_base_names_the_missing_column(run_cli, tmp_path: Path) -> None:
    batch = tmp_path / "regio.csv"
    batch.write_text("municipality;exercises\nEde;beeld-van-elkaar\n", encoding="utf-8")
    _fails(run_cli("batch", batch, "-o", tmp_path / "out"),
           f"{batch}:2:1: required field `audience` is missing",
           "hint: add a column audience, or give a base session with --base", code=1)


def test_session_file_without_audience_keeps_its_yaml_hint(run_cli, write_session) -> None:
    path = write_session("municipality: Ede\n" + EXERCISES)
    _fails(run_cli("validate", path), "required field `audience` is missing",
           "hint: add  audience: [professionals, informal]")


def test_show_exercise_shows_a_placeholder_for_the_municipality(run_cli) -> None:
    result = run_cli("show-exercise", "beeld-van-elkaar")
    assert result.exit_code == 0, result.stderr
    assert "Wat kunnen we in [gemeente] doen" in " ".join(result.stdout.split())
    assert "{{" not in result.stdout


def test_schema_accepts_what_validate_accepts(run_cli) -> None:
    result = run_cli("schema")
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    assert '"format": "time"' not in result.stdout  # validators read it as RFC 3339 (09:30:00Z)
    start = schema["properties"]["start"]
    assert start["default"] == "09:00"
    text, number = start["anyOf"]
    assert (text["type"], number["type"]) == ("string", "number")  # 9.30 unquoted is a number
    for typed in ("09:30", "9:30", "9.30", "19:00", "9:30:00"):
        assert re.match(text["pattern"], typed), typed
    for typed in ("9.5", "25:00", "half tien", "9:60"):
        assert not re.match(text["pattern"], typed), typed
    one, many = schema["properties"]["audience"]["anyOf"]
    assert many["type"] == "array" and many["items"] == one and many["minItems"] == 1
    ids, words = one["anyOf"]
    assert ids["enum"] == ["professionals", "informal", "policy"]
    for typed in ("Vrijwilligers", "formeel", "GEMEENTE", "informal"):
        assert re.match(words["pattern"], typed), typed
    assert not re.match(words["pattern"], "ouders")
