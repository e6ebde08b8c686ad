"""The messages of the planner, the checks and the batch speak Dutch to a Dutch user.

Each case runs the CLI twice in a fresh process (the language is chosen once per process):
with ``OPVOEDKIT_LANG=nl`` it must say the Dutch text, with ``=en`` the English one. Data in
the messages (ids, YAML lines, field names) stays as typed in both.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SESSIONS
from .test_content import GOOD

LANGUAGE_VARIABLES = ("OPVOEDKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
COMMAND = [sys.executable, "-c",
           "import sys; from opvoedkit.cli import main; sys.argv[0] = 'opvoedkit'; main()"]


def opvoedkit(language: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh process in ``language`` (no other language setting)."""
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES}
    return subprocess.run([*COMMAND, *map(str, args)], capture_output=True, text=True,
                          env=env | {"OPVOEDKIT_LANG": language})


def both(*args: str | Path) -> tuple[str, str]:
    """The output (stdout and stderr) in Dutch and in English."""
    nl, en = opvoedkit("nl", *args), opvoedkit("en", *args)
    assert nl.returncode == en.returncode, (nl.stderr, en.stderr)
    assert "Traceback" not in nl.stderr + en.stderr
    return nl.stdout + nl.stderr, en.stdout + en.stderr


def session(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sessie.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_over_full_daypart() -> None:
    dutch, english = both("validate", SESSIONS / "overfull.yaml")
    assert "dagdeel 1 is 10 minuten te lang" in dutch
    assert "tip: laat `kern-van-het-samen-doen` weg (35 min op z'n kortst)" in dutch
    assert "daypart 1 is 10 minutes over" in english
    assert "hint: drop `kern-van-het-samen-doen` (35 min at the shortest)" in english
    assert "minutes over" not in dutch


def test_free_time_in_a_daypart(tmp_path: Path) -> None:
    path = session(tmp_path, "municipality: Proefstad\naudience: [professionals, informal]\n"
                             "exercises: [wens-voor-de-toekomst]\n")
    dutch, english = both("validate", path)
    assert "dagdeel 1 houdt 120 minuten over" in dutch
    assert "schrijf `allow_slack: true` als je de vrije tijd bewust wilt houden" in dutch
    assert "; of " in dutch and "; or " not in dutch
    assert "daypart 1 has 120 minutes left over" in english
    assert "write `allow_slack: true` to keep the free time on purpose" in english


def test_an_unknown_exercise() -> None:
    dutch, english = both("validate", SESSIONS / "unknown-exercise.yaml")
    assert "onbekende oefening `stellingspel`" in dutch
    assert "bedoel je `stellingenspel`?" in dutch
    assert "unknown exercise `stellingspel`" in english
    assert "did you mean `stellingenspel`?" in english


def test_a_bad_batch_row(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text('municipality;audience;exercises\n=HYPERLINK("x");policy;auto\n',
                    encoding="utf-8")
    nl = opvoedkit("nl", "batch", path, "-o", tmp_path / "nl")
    en = opvoedkit("en", "batch", path, "-o", tmp_path / "en")
    assert nl.returncode == en.returncode == 1
    assert "b.csv:2:1: cel `municipality` begint met `=`: dat lijkt op een formule" in nl.stderr
    assert "tip: typ de waarde zelf, geen formule" in nl.stderr
    assert "b.csv:2:1: cell `municipality` starts with `=`: it looks like a spreadsheet " \
           "formula" in en.stderr
    # the report holds the message of the row in the user's language, the same fields in both
    dutch, english = (json.loads((tmp_path / lang / "batch-report.json").read_text("utf-8"))
                      for lang in ("nl", "en"))
    assert "(typ de waarde zelf, geen formule)" in dutch["rows"][0]["error"]
    assert "(type the value itself, not a formula)" in english["rows"][0]["error"]
    assert dutch["totals"] == english["totals"]


def test_a_duration_typed_into_a_users_exercise(tmp_path: Path) -> None:
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "proef.md").write_text(GOOD.replace("De groepen praten.",
                                                  "Na vijf minuten wissel je."),
                                     encoding="utf-8")
    path = session(tmp_path, "municipality: Proefstad\naudience: [informal]\n"
                             "allow_slack: true\nexercises: [proef]\n")
    dutch, english = both("validate", path, "--exercises-dir", folder)
    assert "`## Stappen` noemt een vaste tijd (`vijf minuten`)" in dutch
    assert "schrijf `{{ minutes }} minuten` (de minuten van de stap)" in dutch
    assert "`## Stappen` types a duration (`vijf minuten`)" in english
    assert "write `{{ minutes }} minuten` (the step's minutes)" in english


def test_a_date_in_ramadan(tmp_path: Path) -> None:
    path = session(tmp_path, "municipality: Voorbeeldstad\naudience: [professionals]\n"
                             "date: 2027-02-10\nexercises: [auto]\n")
    dutch, english = both("validate", path)
    assert "waarschuwing: woensdag 2027-02-10 (dagdeel 1) valt in de ramadan (ongeveer " \
           "2027-02-08 tot 2027-03-08" in dutch
    assert "Ramadan" not in dutch
    assert "warning: Wednesday 2027-02-10 (daypart 1) falls in Ramadan (about 2027-02-08 " \
           "to 2027-03-08" in english


def test_the_reasons_are_english_data_and_printed_in_dutch(tmp_path: Path) -> None:
    path = session(tmp_path, "municipality: Voorbeeldstad\naudience: [professionals]\n"
                             "exercises: [auto]\n")
    dutch, english = both("plan", path)
    assert "opent de bijeenkomst: mensen leren elkaar kennen" in dutch
    assert "opens the meeting: people get to know each other" in english
    nl, en = opvoedkit("nl", "plan", path, "--format", "json"), opvoedkit("en", "plan", path,
                                                                           "--format", "json")
    assert nl.returncode == en.returncode == 0
    assert json.loads(nl.stdout) == json.loads(en.stdout)
    assert "opens the meeting" in nl.stdout


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dutch_block_titles_stay_dutch(tmp_path: Path, language: str) -> None:
    path = session(tmp_path, "municipality: Voorbeeldstad\naudience: [professionals]\n"
                             "exercises: [auto]\n")
    result = opvoedkit(language, "plan", path)
    assert result.returncode == 0, result.stderr
    assert "Pauze" in result.stdout
