"""Issue 20, "speak the user's language": every field of the session file, written wrongly, gets a
plain sentence about that field and a hint with a correct line for it — in Dutch or English;
YAML syntax errors are reported where the mistake is, not at the end of the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from opvoedkit.config import (
    EXAMPLES,
    Branding,
    Contact,
    ExerciseRef,
    Facilitator,
    Session,
    parse_session,
)
from opvoedkit.errors import InputError, Problem
from opvoedkit.yamlio import load_yaml

PYDANTIC_PHRASES = ("Input should", "validation error", "after validation", "errors.pydantic.dev",
                    "unable to parse", "unable to interpret", "String should", "List should",
                    "Value error")
BASE = {"municipality": "Ede", "date": "2027-03-18", "audience": "[policy]", "exercises": "auto"}
# Values of the wrong type for one field or another: each field gets those it refuses.
WRONG = ["[a, b]", "{x: 1}", "twee", "0", "true", "''", "-5", "2027-13-45", "99999", "9.5"]
# Where a field of a nested model stands in a session file, given its line `name: value`.
NESTED: dict[str, tuple[type[BaseModel], str]] = {
    "facilitators": (Facilitator, "facilitators:\n  - name: Jan\n    {line}\n"),
    "contact": (Contact, "contact:\n  name: Jan\n  {line}\n"),
    "branding": (Branding, "branding:\n  {line}\n"),
    "exercises": (ExerciseRef, "exercises:\n  - id: stellingenspel\n    {line}\n"),
}


def _file(fields: dict[str, str], nested: str = "") -> str:
    return "".join(f"{name}: {value}\n" for name, value in fields.items()) + nested


def _problems(text: str) -> list[Problem]:
    """The problems `opvoedkit validate` reports for ``text`` (without the catalogue)."""
    try:
        parse_session(load_yaml(text, "sessie.yaml"), Path("."))
    except InputError as exc:
        return exc.problems
    return []


def _cases() -> list[tuple[str, str, str]]:
    """(field as the message names it, YAML file, wrong value) for every field of the schema."""
    cases = []
    for name in Session.model_fields:
        for value in WRONG:
            cases.append((name, _file({**BASE, name: value}), value))
    for parent, (model, layout) in NESTED.items():
        for name in model.model_fields:
            for value in WRONG:
                rest = {k: v for k, v in BASE.items() if k != parent}
                if name in ("name", "id"):  # the first line of the item is the field itself
                    nested = layout.split("\n")[0] + "\n" + layout.split("\n")[1].split(":")[0] \
                        + f": {value}\n"
                else:
                    nested = layout.format(line=f"{name}: {value}")
                cases.append((f"{parent}.{name}", _file(rest, nested), value))
    return cases


# Other correct lines a hint may give (checked in test_every_example_line_in_a_hint_is_correct).
ALSO_CORRECT = {"participants": ("participants: {professionals: 12, informal: 10}",),
                "id": ("as `opvoedkit list-exercises` shows it, for example `stellingenspel`",)}
CROSS_FIELD = ("leads this exercise", "`participants` counts", "`audience` does not list")


@pytest.mark.parametrize(("field", "text", "value"), _cases(), ids=lambda v: str(v)[:30])
def test_every_field_written_wrongly_gets_a_plain_message_and_a_correct_line(
        field: str, text: str, value: str) -> None:
    problems = _problems(text)
    if not problems:
        return  # this value is fine for this field (a name may be `twee`)
    leaf = field.rsplit(".", 1)[-1]
    for problem in problems:
        shown = problem.message + " " + problem.hint
        for phrase in PYDANTIC_PHRASES:
            assert phrase not in shown, shown
        if any(check in problem.message for check in CROSS_FIELD):
            continue  # about another field: see test_cross_field_hints
        if problem.message.startswith("unknown field"):
            assert problem.hint.startswith("allowed here: "), shown
            continue
        if problem.message.startswith("required field"):
            assert problem.hint.startswith("add  "), shown
            continue
        assert problem.message.startswith("`"), shown  # it names the field
        lines = [f"{leaf}: {EXAMPLES[leaf]}", *ALSO_CORRECT.get(leaf, ())]
        assert any(line in problem.hint for line in lines), shown


@pytest.mark.parametrize("field", sorted(EXAMPLES))
def test_every_example_line_in_a_hint_is_correct(field: str) -> None:
    example = EXAMPLES[field]
    for parent, (model, layout) in NESTED.items():
        if field in model.model_fields and field not in Session.model_fields:
            rest = {k: v for k, v in BASE.items() if k != parent}
            extra = {"facilitators": "[{name: Gülşen Yıldız}]"} if field == "lead" else {}
            if field in ("name", "id"):
                nested = layout.split("\n")[0] + "\n" + layout.split("\n")[1].split(":")[0] \
                    + f": {example}\n"
            else:
                nested = layout.format(line=f"{field}: {example}")
            assert _problems(_file({**rest, **extra}, nested)) == [], field
            return
    fields = {**BASE, field: example}
    if field == "branding":
        return  # names files; the check that they exist is test_session_file's
    if field in ("date", "dates"):
        fields.update(date="2027-03-18", dates="[2027-03-25, 2027-04-01]", dayparts="3")
    if field == "audience" or field == "participants":
        fields["audience"] = "[professionals, informal]"
    assert _problems(_file(fields)) == [], field


@pytest.mark.parametrize(("line", "message", "hint"), [
    ("dayparts: twee", "`dayparts`: this must be a whole number, not `twee`",
     "write a whole number, for example  dayparts: 2"),
    ("dayparts: 0", "`dayparts`: 0 is too small; it must be at least 1",
     "write it as  dayparts: 2"),
    ("dayparts: true", "`dayparts`: this must be a whole number, not `true`",
     "write a whole number, for example  dayparts: 2"),
    ("exercises: []", "`exercises`: the list is empty; it needs at least one item",
     "write a list, one item per line starting with '- ', or  exercises: "
     "[kennismaken-netwerkkaart, stellingenspel]"),
    ('municipality: ""', "`municipality`: this is empty",
     "write it as  municipality: \"'s-Hertogenbosch\""),
    ("date: 2027-13-45", "`date`: this date does not exist; use YYYY-MM-DD",
     "write it as  date: 2027-03-18"),
    ("date: morgen", "`date`: use a date as YYYY-MM-DD, for example 2027-03-18",
     "write it as  date: 2027-03-18"),
    ("participants: ongeveer 20", "`participants`: this must be a whole number, not "
     "`ongeveer 20`", "write a whole number, for example  participants: 24"),
    ("allow_slack: ja", "`allow_slack`: this must be true or false, not `ja`",
     "write it as  allow_slack: true"),
    ("themes: [ouders]", "`themes[1]`: `ouders` is not one of the themes: kennismaken, "
     "beeldvorming, verwachtingen, krachten, rollen, gelijkwaardigheid, drempels, "
     "samenwerkingsvormen, netwerk, gemeente, afspraken, evaluatie",
     "write it as  themes: [netwerk, drempels]"),
    ("start: 25:00", "`start`: `25:00` is not a time; use HH:MM, for example 09:30",
     'write it as  start: "09:30"'),
    ("contact: Jan", "`contact`: this must be `name: value` fields, not `Jan`",
     "write the fields indented below this key, one `name: value` per line, or  contact: "
     "{name: Wijkteam Noord, email: wijkteam@gemeente.nl}"),
    ("participants: {}", "`participants`: there are no numbers between the braces {}",
     "write the number of people, for example  participants: 24"),
    ("participants: {ouders: 3}", "`participants.ouders`: `ouders` is not one of: "
     "professionals, informal, policy", "use one of: professionals, informal, policy, or a "
     "Dutch word such as professionele, vrijwilligers, gemeente, as in  participants: "
     "{professionals: 12, informal: 10}"),
])
def test_the_issues_stumbles_in_plain_words(line: str, message: str, hint: str) -> None:
    field, _, value = line.partition(": ")
    problems = _problems(_file({**BASE, field: value}))
    assert [(p.message, p.hint) for p in problems] == [(message, hint)]


def test_cross_field_hints_give_a_line_too() -> None:
    problems = _problems(_file({**BASE, "exercises": "[{id: stellingenspel, lead: Jan}]"}))
    assert [(p.message, p.hint) for p in problems] == [(
        "`exercises[1].lead`: `Jan` leads this exercise, but is not one of the facilitators",
        "add the facilitators first, for example  facilitators: [{name: Gülşen Yıldız}]")]


# --- Positions: YAML syntax errors where the mistake is -------------------------------------

TAIL = "audience: [policy]\nexercises: auto\n"


@pytest.mark.parametrize(("text", "where", "message", "hint"), [
    ('municipality: Ede\ntitle: "Samen sterk\n' + TAIL, (2, 8),
     'YAML syntax error: the quote " that opens here is never closed',
     'put " at the end of the text too, for example  title: "Samen sterk"'),
    ("municipality: 's-Gravenhage\n" + TAIL, (1, 15),
     "YAML syntax error: the quote ' that opens here is never closed",
     "put ' at the end of the text too; a name that starts with ' (such as 's-Gravenhage) goes "
     "between double quotes:  municipality: \"'s-Gravenhage\""),
    ("municipality: 's-Gravenhage\nvenue: Zaal 't Hoekje\n" + TAIL, (1, 15),
     "YAML syntax error: the quote ' that opens here closes only on line 2",
     "put ' at the end of the text too; a name that starts with ' (such as 's-Gravenhage) goes "
     "between double quotes:  municipality: \"'s-Gravenhage\""),
    ("municipality: Ede\naudience: [policy]\nexercises:\n  - stellingenspel\n"
     "  beeld-van-elkaar\n  - wat-staat-in-de-weg\n", (5, 3),
     "YAML syntax error: could not find expected ':'",
     "put '- ' before it, as on the other items:  - beeld-van-elkaar"),
    ("municipality: Ede\nexercises:\n  - stellingenspel\n  beeld-van-elkaar\n"
     "audience: [policy]\n", (4, 3), "YAML syntax error: could not find expected ':'",
     "put '- ' before it, as on the other items:  - beeld-van-elkaar"),
    ("municipality: Ede\naudience: [professionals\nexercises: auto\n", (3, 10),
     "YAML syntax error: expected ',' or ']', but found ':'",
     "close the [ that opens on line 2 with ]"),
    ("municipality: Ede\nbranding: {logo: logo.png\n" + TAIL, (3, 9),
     "YAML syntax error: expected ',' or '}', but found ':'",
     "close the { that opens on line 2 with }"),
    ("municipality: Ede\n" + TAIL + "venue: Zaal\n  beeld-van-elkaar\n  kleur\n", None, "", ""),
])
def test_syntax_errors_are_reported_where_the_mistake_is(
        text: str, where: tuple[int, int] | None, message: str, hint: str) -> None:
    if where is None:  # a plain value may go on over lines: that is not a syntax error
        assert load_yaml(text, "sessie.yaml").data["venue"] == "Zaal beeld-van-elkaar kleur"
        return
    with pytest.raises(InputError) as caught:
        load_yaml(text, "sessie.yaml")
    [problem] = caught.value.problems
    assert ((problem.line, problem.column), problem.message, problem.hint) == (
        where, message, hint)


def test_a_quote_at_the_very_end_is_reported_where_it_opens() -> None:
    with pytest.raises(InputError) as caught:
        load_yaml("municipality: Ede\n" + TAIL + 'venue: "', "sessie.yaml")
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (4, 8)


# --- Dutch and English: the issue's stumbles, through the CLI ---------------------------------

COMMAND = [sys.executable, "-c",
           "import sys; from opvoedkit.cli import main; sys.argv[0] = 'opvoedkit'; main()"]
LANGUAGE_VARIABLES = ("OPVOEDKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def opvoedkit(language: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh process in ``language`` (the language is chosen once per process)."""
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES}
    return subprocess.run([*COMMAND, *map(str, args)], capture_output=True, text=True,
                          env=env | {"OPVOEDKIT_LANG": language})


@pytest.fixture
def session(tmp_path: Path) -> Any:
    """Write a session file of ``text`` and return its path."""
    def write(text: str) -> Path:
        path = tmp_path / "sessie.yaml"
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("audience", ["[professionals, vrijwilligers]", "formeel",
                                      "[Formeel, informeel]", "informal"])
def test_audience_words_work_in_both_languages(session: Any, language: str,
                                               audience: str) -> None:
    path = session(f"municipality: Ede\naudience: {audience}\nparticipants: 12\n"
                   "exercises: auto\n")
    result = opvoedkit(language, "validate", path)
    assert (result.returncode, result.stderr) == (0, "")
    daypart = "1 dagdeel" if language == "nl" else "1 daypart"
    assert result.stdout.startswith(f"OK {path}: Ede, {daypart} 09:00–12:30, ")


@pytest.mark.parametrize(("audience", "ids"), [
    ("[professionals, vrijwilligers]", ["professionals", "informal"]),
    ("formeel", ["professionals"]), ("[Formeel, informeel]", ["professionals", "informal"]),
    ("informal", ["informal"])])
def test_the_words_mean_the_audience_ids(session: Any, audience: str, ids: list[str]) -> None:
    from opvoedkit import load_session

    path = session(f"municipality: Ede\naudience: {audience}\nexercises: auto\n")
    assert load_session(path).audience == ids


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("start", ["9.30", "9:30", '"9.30"', "09:30"])
def test_start_written_as_people_write_it_means_half_past_nine(session: Any, language: str,
                                                                start: str) -> None:
    path = session(f"municipality: Ede\nstart: {start}\naudience: [policy]\nexercises: auto\n")
    result = opvoedkit(language, "plan", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["dayparts"][0]["blocks"][0]["start"] == "09:30"


STUMBLES = {
    "dayparts: twee": (
        "4:11: `dayparts`: dit moet een heel getal zijn, niet `twee`",
        "    tip: schrijf een heel getal, bijvoorbeeld  dayparts: 2",
        "4:11: `dayparts`: this must be a whole number, not `twee`",
        "    hint: write a whole number, for example  dayparts: 2"),
    "participants: ongeveer 20": (
        "4:15: `participants`: dit moet een heel getal zijn, niet `ongeveer 20`",
        "    tip: schrijf een heel getal, bijvoorbeeld  participants: 24",
        "4:15: `participants`: this must be a whole number, not `ongeveer 20`",
        "    hint: write a whole number, for example  participants: 24"),
    "exercises: []": (
        "3:12: `exercises`: de lijst is leeg; er moet minstens één item in",
        "    tip: schrijf een lijst, één item per regel, beginnend met '- ', of  exercises: "
        "[kennismaken-netwerkkaart, stellingenspel]",
        "3:12: `exercises`: the list is empty; it needs at least one item",
        "    hint: write a list, one item per line starting with '- ', or  exercises: "
        "[kennismaken-netwerkkaart, stellingenspel]"),
    "date: morgen": (
        "4:7: `date`: schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2027-03-18",
        "    tip: schrijf het als  date: 2027-03-18",
        "4:7: `date`: use a date as YYYY-MM-DD, for example 2027-03-18",
        "    hint: write it as  date: 2027-03-18"),
    "audience: [iedereen]": (
        "3:12: `audience[1]`: `iedereen` is geen doelgroep; kies uit: professionals, informal, "
        "policy",
        "    tip: gebruik professionals, informal, policy, of een Nederlands woord zoals "
        "professionele, vrijwilligers, gemeente, zoals in  audience: [professionals, informal]",
        "3:12: `audience[1]`: `iedereen` is not one of: professionals, informal, policy",
        "    hint: use one of: professionals, informal, policy, or a Dutch word such as "
        "professionele, vrijwilligers, gemeente, as in  audience: [professionals, informal]"),
    'title: "Samen sterk': (
        "4:8: YAML-fout: het aanhalingsteken \" dat hier begint, wordt nergens gesloten",
        '    tip: zet " ook aan het eind van de tekst, bijvoorbeeld  title: "Samen sterk"',
        '4:8: YAML syntax error: the quote " that opens here is never closed',
        '    hint: put " at the end of the text too, for example  title: "Samen sterk"'),
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("line", sorted(STUMBLES))
def test_the_issues_stumbles_in_both_languages(session: Any, language: str, line: str) -> None:
    field = line.split(":")[0]
    base = {"municipality": "Ede", "audience": "[policy]", "exercises": "auto"}
    path = session("".join(f"{name}: {value}\n" for name, value in base.items()
                           if name != field) + line + "\n")  # the stumble comes last
    result = opvoedkit(language, "validate", path)
    dutch_message, dutch_hint, english_message, english_hint = STUMBLES[line]
    message, hint = (dutch_message, dutch_hint) if language == "nl" else (english_message,
                                                                          english_hint)
    found = "1 probleem gevonden." if language == "nl" else "1 problem found."
    assert result.returncode == 2
    assert result.stderr == f"{path}:{message}\n{hint}\n{found}\n"
