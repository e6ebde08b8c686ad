"""The editor's view (issue 20): `opvoedkit schema`, run through a real JSON Schema validator,
accepts what `opvoedkit validate` accepts and refuses what it refuses.

YAML is read for the validator as opvoedkit reads it (YAML 1.2 scalars), so that `start: 09:30`
unquoted is the text 09:30, as an editor's YAML server sees it too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from opvoedkit.config import parse_session
from opvoedkit.errors import InputError
from opvoedkit.yamlio import load_yaml

from .conftest import EXAMPLES, SESSIONS

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extras")

# The fixtures that are meant to load: every other one is about a mistake.
GOOD_FIXTURES = ["minimal.yaml", "evening.yaml", "bom-crlf.yaml", "tricky-names.yaml",
                 "unquoted-time.yaml", "wrong-audience.yaml"]
# Mistakes that the file's shape shows, so an editor can underline them as you type.
BAD_FIXTURES = ["unknown-key.yaml", "bad-colour.yaml", "bad-date.yaml", "bad-time.yaml",
                "date-far-future.yaml", "many-problems.yaml", "wrong-audience-misspelt.yaml",
                "exercise-by-title.yaml", "venue-bidi-override.yaml", "list-root.yaml"]
BASE = {"municipality": "Ede", "date": "2027-03-18", "audience": "[policy]", "exercises": "auto"}


@pytest.fixture(scope="module")
def validator() -> Any:
    """A draft-07 validator of `opvoedkit schema`'s output, with format checking on."""
    from typer.testing import CliRunner

    from opvoedkit.cli import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema,
                                      format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def _data(text: str) -> Any:
    return load_yaml(text.lstrip("\ufeff"), "sessie.yaml").data


def _schema_errors(validator: Any, text: str) -> list[str]:
    return [error.message for error in validator.iter_errors(_data(text))]


def _validate_accepts(text: str) -> bool:
    """Whether the session model takes ``text`` (without the catalogue and the files)."""
    try:
        parse_session(load_yaml(text, "sessie.yaml"), Path("."))
    except InputError:
        return False
    return True


def _session(**fields: str) -> str:
    """A session file of BASE with ``fields`` replaced or added (a value None-ed out by "")."""
    merged = {**BASE, **fields}
    return "".join(f"{name}: {value}\n" for name, value in merged.items())


def _session_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.startswith("batch-"))


def test_the_schema_has_no_time_format_and_names_every_field(validator: Any) -> None:
    text = json.dumps(validator.schema)
    assert '"format": "time"' not in text  # validators read it as RFC 3339 (09:30:00Z)
    assert '"format": "path"' not in text  # not a JSON Schema format: strict validators refuse it
    from opvoedkit.config import Session

    assert set(validator.schema["properties"]) == set(Session.model_fields)


@pytest.mark.parametrize("path", _session_files(), ids=lambda p: p.name)
def test_every_example_passes_the_schema(validator: Any, path: Path) -> None:
    assert _schema_errors(validator, path.read_text(encoding="utf-8")) == []


def test_the_examples_are_all_here() -> None:
    assert len(_session_files()) >= 4


def test_the_starter_file_passes_the_schema(validator: Any, run_cli, tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "sessie.yaml")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "sessie.yaml").read_text(encoding="utf-8")
    assert "start: 09:30" in text  # unquoted: the schema must read it as a time, not a number
    assert _schema_errors(validator, text) == []
    written = json.loads((tmp_path / "opvoedkit-sessie.schema.json").read_text(encoding="utf-8"))
    assert written == validator.schema


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_good_fixtures_pass_the_schema(validator: Any, name: str) -> None:
    text = (SESSIONS / name).read_text(encoding="utf-8")
    assert _validate_accepts(text.lstrip("\ufeff"))
    assert _schema_errors(validator, text) == []


@pytest.mark.parametrize("name", BAD_FIXTURES)
def test_bad_fixtures_fail_the_schema(validator: Any, name: str) -> None:
    assert _schema_errors(validator, (SESSIONS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("fields", "fragment"), [
    ({"audiense": "[policy]"}, "Additional properties are not allowed ('audiense'"),
    ({"dayparts": "9"}, "is not valid under any of the given schemas"),
    ({"start": '"25:00"'}, "'25:00' is not valid under any of the given schemas"),
    ({"audience": "[iedereen]"}, "is not valid under any of the given schemas"),
    ({"exercises": "[]"}, "is not valid under any of the given schemas"),
])
def test_wrong_files_fail_the_schema(validator: Any, fields: dict[str, str],
                                     fragment: str) -> None:
    text = _session(**fields)
    assert not _validate_accepts(text)
    errors = _schema_errors(validator, text)
    assert errors and any(fragment in e for e in errors), errors


# One field at a time, written the way people write it: the schema's verdict is validate's.
VARIANTS = [
    ("municipality", v) for v in ("Ede", "\"'s-Hertogenbosch\"", '""', '"   "', "12",
                                  '"Ede\\u202eX"', '"Ede\\nNoord"', "[Ede]", "x" * 81)
] + [
    ("title", v) for v in ("Samen sterk", "", '""', "x" * 201, "{a: b}")
] + [
    ("date", v) for v in ("2027-03-18", "", "2027-13-45", "2027-02-30", "morgen", "20270318",
                          "1999-12-31", "2100-01-01", "18-03-2027", "2027-3-18")
] + [
    ("dates", v) for v in ("[2027-03-25]", "[2027-02-30]", "2027-03-25", "[]")
] + [
    ("start", v) for v in ("09:30", "9:30", "9.30", '"9.30"', "19.00", '"9:30:00"', "19:00",
                           '"25:00"', "9.75", '"9:60"', "half tien", "", "24.00", "23.59",
                           "0.00", "-1.00", "[9:30]")
] + [
    ("dayparts", v) for v in ("1", "4", "0", "9", "twee", "1.5", '"2"', "true", "", "2.0",
                              "[2]")
] + [
    ("daypart_minutes", v) for v in ("90", "300", "89", "900", '"150"', "uur")
] + [
    ("audience", v) for v in ("[professionals, vrijwilligers]", "[formeel]", "informal",
                              "Vrijwilligers", "[iedereen]", "iedereen", "[]", '""',
                              "[policy, policy]", "[Gemeente, informeel, formele]", "5")
] + [
    ("participants", v) for v in ("20", "ongeveer 20", "1", "501", '"20"', "",
                                  "{policy: 12}", "{policy: 2}", "{beleid: 3}",
                                  "{ouders: 3}", "{policy: -1}", "{policy: veel}", "{}",
                                  "[12, 10]", "true")
] + [
    ("venue", v) for v in ("Wijkcentrum De Brug", "", '""', "x" * 151, "[a, b]")
] + [
    ("facilitators", v) for v in ("[{name: Gülşen Yıldız}]", "[{name: A, organisation: B, "
                                  "email: a@b.nl, phone: 06 12}]", "[{organisation: B}]",
                                  "[Jan]", "Jan", "[]", "[{name: A, telefoon: 06}]",
                                  "[{name: A, phone: 0612345678}]", "[{name: ''}]")
] + [
    ("contact", v) for v in ("{name: Team}", "", "Jan", "{email: a@b.nl}", "{name: 5}",
                             "{name: Jan, mail: x}")
] + [
    ("exercises", v) for v in ("auto", "AUTO", "[auto]", "[stellingenspel, auto]", "[]",
                               "stellingenspel", "[Beeld van elkaar]", "[5]",
                               "[{id: stellingenspel, minutes: 40}]",
                               "[{id: stellingenspel, minutes: 4}]",
                               "[{id: stellingenspel, minuten: 40}]", "[{minutes: 40}]",
                               '[{id: stellingenspel, minutes: "40"}]', "[{id: Stellingen}]",
                               '[""]', "[{id: stellingenspel, minutes: twintig}]")
] + [
    ("themes", v) for v in ("[netwerk, drempels]", "[]", "netwerk", "[Netwerk]", "[ouders]")
] + [
    ("allow_slack", v) for v in ("true", "false", "yes", "no", "ja", "1", "2", '"true"', "")
] + [
    ("branding", v) for v in ('{colour: "#0a5c8f"}', "{colour: 0a5c8f}", '{colour: "#0A5C8F"}',
                              '{colour: "#0a5c8"}', "{logo: logo.png}", "{logo: 5}",
                              "{template: huisstijl.pptx}", "{kleur: rood}", "", "logo.png",
                              "{}")
]


@pytest.mark.parametrize(("field", "value"), VARIANTS, ids=lambda v: str(v)[:40])
def test_the_schema_accepts_exactly_what_validate_accepts(validator: Any, field: str,
                                                          value: str) -> None:
    text = _session(**{field: value})
    accepted = _validate_accepts(text)
    errors = _schema_errors(validator, text)
    assert accepted == (not errors), (text, accepted, errors)


# What only validate can see: other fields, the catalogue, the files, the calendar. An editor
# lets these through; `opvoedkit validate` explains them.
BEYOND_THE_SCHEMA = [
    {"audience": "[formeel, professionals]"},  # the same audience in two words
    {"participants": "{informal: 5}"},  # an audience that does not attend
    {"participants": "{policy: 1}"},  # fewer than 2 people in all
    {"exercises": "[auto, auto]"},
    {"exercises": "[{id: stellingenspel, lead: Jan}]"},  # not one of the facilitators
    {"date": "", "dates": "[2027-03-25]"},  # further days without a first day
    {"dates": "[2027-03-11]"},  # out of order
    {"date": "2027-03-28", "start": "02:30"},  # the hour summer time skips
    {"start": "9.3"},  # unquoted, it is the number 9.3: the schema cannot see the 0 of 9.30
    {"municipality": '"\\u200b"'},  # only invisible characters
]


@pytest.mark.parametrize("fields", BEYOND_THE_SCHEMA, ids=str)
def test_what_the_schema_cannot_see_is_left_to_validate(validator: Any,
                                                        fields: dict[str, str]) -> None:
    text = _session(**fields)
    assert _schema_errors(validator, text) == []
    assert not _validate_accepts(text)


def _descriptions(node: Any, path: str = "") -> dict[str, str]:
    """Every description in a schema, by where it stands."""
    found: dict[str, str] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                found[path] = value
            else:
                found |= _descriptions(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found |= _descriptions(item, f"{path}/{index}")
    return found


def test_the_schema_describes_the_fields_in_the_users_language(validator: Any) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")} | {"OPVOEDKIT_LANG": "nl"}
    done = subprocess.run([sys.executable, "-m", "opvoedkit", "schema"], capture_output=True,
                          text=True, env=env, check=True)
    dutch = json.loads(done.stdout)
    english = _descriptions(validator.schema)
    assert set(_descriptions(dutch)) == set(english) and len(english) >= 30
    untranslated = {where: text for where, text in _descriptions(dutch).items()
                    if text == english[where]}
    assert not untranslated
    assert dutch["properties"]["start"]["description"].startswith("Begintijd als UU:MM")
    import copy

    schema = copy.deepcopy(validator.schema)
    for where in english:  # the rest of the schema is the same in both languages
        _drop(dutch, where)
        _drop(schema, where)
    assert dutch == schema


def _drop(schema: Any, where: str) -> None:
    """Remove the description at ``where`` (a path from _descriptions)."""
    node = schema
    for part in where.split("/")[1:]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node.pop("description", None)
