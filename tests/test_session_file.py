"""The session file: every error class gets a position, a message and a hint; valid files load."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from opvoedkit.config import load_session
from opvoedkit.errors import InputError
from opvoedkit.preflight import prepare

from .conftest import SESSIONS

# scenario file → (line, column, fragment of the message, fragment of the hint)
INVALID = {
    "alias.yaml": (2, 8, "aliases", "write the value out"),
    "bad-colour.yaml": (5, 11, "#RRGGBB", ""),
    "bad-date.yaml": (2, 7, "this date does not exist", ""),
    "bad-time.yaml": (2, 8, "use HH:MM", ""),
    "date-far-future.yaml": (2, 7, "outside the dates opvoedkit plans for", "check the year"),
    "dates-out-of-order.yaml": (5, 5, "day 2 (2027-03-10) is before day 1 (2027-03-18)",
                                "list the meeting days in order"),
    "deep.yaml": (2, 39, "nested more than", ""),
    "duplicate-key.yaml": (3, 1, "duplicate key 'municipality' (first at line 1)", "remove one"),
    "empty.yaml": (1, 1, "the session file is empty", "opvoedkit init"),
    "exercise-by-title.yaml": (5, 5, "`Beeld van elkaar` is not an exercise id",
                               "write `beeld-van-elkaar`"),
    "list-root.yaml": (1, 1, "must be a list of `name: value` fields", ""),
    "missing-logo.yaml": (5, 9, "`branding.logo`: file not found", "put the logo"),
    "municipality-invisible.yaml": (1, 15, "empty once invisible characters", "type the text"),
    "not-utf8.yaml": (1, 17, "not valid UTF-8", "UTF-8"),
    "nul-byte.yaml": (1, 17, "NUL byte", ""),
    "overfull.yaml": (3, 1, "daypart 1 is 10 minutes over", "drop `kern-van-het-samen-doen`"),
    "python-tag.yaml": (1, 15, "is not allowed", "plain values"),
    "start-in-summer-time-gap.yaml": (3, 8, "02:30 does not exist on 2027-03-28",
                                      "start at 03:00 or later"),
    "syntax-error.yaml": (3, 10, "YAML syntax error", ""),
    "tabs.yaml": (3, 1, "YAML syntax error", "not tabs"),
    "unknown-exercise.yaml": (5, 5, "unknown exercise `stellingspel`", "`stellingenspel`"),
    "venue-bidi-override.yaml": (2, 8, "(U+202E RIGHT-TO-LEFT OVERRIDE)", "remove it"),
    # wrong-audience.yaml (`professional`) is accepted now, as a Dutch/English word (issue 20)
    "wrong-audience-misspelt.yaml": (2, 12, "`audience[1]`", "did you mean `professionals`?"),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_session_reports_position_message_and_hint(run_cli, name: str) -> None:
    line, column, message, hint = INVALID[name]
    result = run_cli("validate", SESSIONS / name)
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{SESSIONS / name}:{line}:{column}: "), first
    assert message in first
    assert hint in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_unknown_key_reports_every_problem_at_once(run_cli) -> None:
    result = run_cli("validate", SESSIONS / "unknown-key.yaml")
    assert result.exit_code == 2
    assert "unknown-key.yaml:2:1: unknown field `audiense`" in result.stderr
    assert "did you mean `audience`?" in result.stderr
    assert "unknown-key.yaml:1:1: required field `audience` is missing" in result.stderr
    assert "2 problems found." in result.stderr


def test_many_problems_are_all_listed(run_cli) -> None:
    result = run_cli("validate", SESSIONS / "many-problems.yaml")
    assert result.exit_code == 2
    assert ":2:11: `dayparts`" in result.stderr
    assert ":3:15: `participants`" in result.stderr
    assert "write a whole number" in result.stderr


def test_logo_and_template_are_checked_for_what_they_are(run_cli) -> None:
    result = run_cli("validate", SESSIONS / "not-an-image.yaml")
    assert result.exit_code == 2
    assert ":5:9: `branding.logo`: this file is not a readable image" in result.stderr
    assert ":6:13: `branding.template`: this file is not a PowerPoint .pptx file" in result.stderr


def test_unquoted_time_means_clock_time_not_sexagesimal() -> None:
    session, _ = load_session(SESSIONS / "unquoted-time.yaml")
    assert session.start == dt.time(9, 30)
    assert session.date == dt.date(2027, 3, 18)


def test_evening_start_without_quotes() -> None:
    session, _ = load_session(SESSIONS / "evening.yaml")
    assert session.start == dt.time(19, 0)


def test_bom_and_crlf_are_accepted() -> None:
    session, _ = load_session(SESSIONS / "bom-crlf.yaml")
    assert session.municipality == "Zwolle"


def test_tricky_names_round_trip_exactly() -> None:
    session, _ = load_session(SESSIONS / "tricky-names.yaml")
    assert session.municipality == "'s-Hertogenbosch"
    assert session.venue == "<b>Wijkcentrum</b> {{ x }} & co"
    assert [f.name for f in session.facilitators] == ["Gülşen Yıldız", "Łucja Żak"]
    assert session.facilitators[0].organisation == "Stichting Kardeş & Co"
    assert session.facilitators[1].organisation == "İnci Ağaç"


@pytest.mark.parametrize("name", ["Súdwest-Fryslân", "Noardeast-Fryslân", "Bergen (L.)",
                                  "Nuenen, Gerwen en Nederwetten"])
def test_frisian_and_punctuated_names_round_trip(write_session, name: str) -> None:
    path = write_session(f'municipality: "{name}"\naudience: [policy]\n'
                         "exercises: [kennismaken-wie-zit-er-aan-tafel, stellingenspel, "
                         "rollen-van-de-gemeente]\n")
    assert load_session(path)[0].municipality == name


def test_relative_paths_resolve_against_the_session_folder(tmp_path: Path, write_session) -> None:
    from PIL import Image

    (tmp_path / "img").mkdir()
    Image.new("RGB", (40, 20), "navy").save(tmp_path / "img" / "logo.png")
    path = write_session("municipality: Ede\naudience: [policy]\nexercises: "
                         "[kennismaken-wie-zit-er-aan-tafel, stellingenspel, "
                         "rollen-van-de-gemeente]\nbranding:\n  logo: img/logo.png\n")
    prepared = prepare(path)
    assert prepared.session.branding.logo == (tmp_path / "img" / "logo.png").resolve()


def test_huge_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("municipality: Zwolle\n" + "# padding\n" * 200_000, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_session(path)
    assert "the limit is 1,000,000" in str(caught.value)


def test_alias_bomb_is_refused_before_expansion(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
              for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_session(path)
    assert caught.value.problems[0].line == 2
    assert "aliases" in caught.value.problems[0].message


def test_yaml12_scalars(write_session) -> None:
    path = write_session("municipality: no\nparticipants: 010\naudience: [policy]\n"
                         "exercises: [stellingenspel]\n")
    session, _ = load_session(path)
    assert session.municipality == "no"
    assert session.participants == 10


def test_init_writes_a_file_that_validates(tmp_path: Path, run_cli) -> None:
    target = tmp_path / "s.yaml"
    assert run_cli("init", target).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert (tmp_path / "opvoedkit-sessie.schema.json").is_file()
    result = run_cli("validate", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("OK ")
    again = run_cli("init", target)
    assert again.exit_code == 2
    assert "--force" in again.stderr
    assert run_cli("init", target, "--force").exit_code == 0


def test_schema_is_draft07_with_descriptions(run_cli) -> None:
    import json

    result = run_cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in schema
    for name, field in schema["properties"].items():
        assert field.get("description"), name
    for model in schema["definitions"].values():
        for name, field in model.get("properties", {}).items():
            assert field.get("description"), name


def test_cli_import_does_not_load_renderers() -> None:
    code = ("import sys, opvoedkit.cli; heavy = [m for m in ('pptx', 'reportlab', 'pydantic', "
            "'jinja2', 'yaml', 'markdown_it') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_python_m_and_version() -> None:
    out = subprocess.run([sys.executable, "-m", "opvoedkit", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("opvoedkit ")


def test_no_traceback_from_a_subprocess_on_bad_input() -> None:
    out = subprocess.run([sys.executable, "-m", "opvoedkit", "validate",
                          str(SESSIONS / "python-tag.yaml")], capture_output=True, text=True)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "python-tag.yaml:1:15:" in out.stderr


def test_missing_session_file(run_cli, tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "session file not found" in result.stderr


def test_public_api_functions_are_not_shadowed_by_modules(tmp_path: Path) -> None:
    """`opvoedkit.build` must stay the function even after the CLI imported its modules."""
    import opvoedkit
    import opvoedkit.cli  # imports every stage module

    for name in opvoedkit.__all__:
        if name != "__version__":
            assert callable(getattr(opvoedkit, name)), name
    manifest = opvoedkit.build(SESSIONS / "minimal.yaml", tmp_path / "p", only=("calendar",
                                                                                "deck"))
    assert [f["kind"] for f in manifest["files"]] == ["deck"]
    assert opvoedkit.slugify("'s-Hertogenbosch") == "s-hertogenbosch"
