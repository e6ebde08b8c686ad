"""What --help shows a user, in both languages, and the conventions around it: -q after the
command, shell completion, a Python API with real parameters."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import opvoedkit

from .test_i18n import opvoedkit as run

ORDER = ["init", "validate", "plan", "build", "batch", "list-exercises", "show-exercise",
         "schema", "check-template"]
LANGUAGES = {"nl": {"OPVOEDKIT_LANG": "nl"}, "en": {"OPVOEDKIT_LANG": "en"}}
HEADINGS = {"nl": ("Opdrachten:", "Voorbeelden:"), "en": ("Commands:", "Examples:")}
RAW = ["<list[Path]>", "<int range>", "[x>=1]", "(table)", "<path>", "<str>", "<int>",
       "[default:", "{", "}", "[required]", "no-strict", "no-force"]


def section(text: str, heading: str) -> list[str]:
    """The indented lines under a heading of a help page."""
    lines = text.split(f"\n{heading}\n", 1)[1].splitlines()
    end = next((i for i, line in enumerate(lines) if line and not line.startswith(" ")),
               len(lines))
    return [line for line in lines[:end] if line.strip()]


@pytest.fixture(scope="module", params=sorted(LANGUAGES))
def pages(request: pytest.FixtureRequest) -> tuple[str, dict[str, str]]:
    """(language, {command or "": its help page})."""
    language = request.param
    found = {name: run(*([name] if name else []), "--help", **LANGUAGES[language])
             for name in ["", *ORDER]}
    for result in found.values():
        assert result.returncode == 0, result.stderr
    return language, {name: result.stdout for name, result in found.items()}


def test_commands_come_in_the_order_a_user_meets_them(pages: tuple[str, dict[str, str]]
                                                      ) -> None:
    language, help_pages = pages
    rows = section(help_pages[""], HEADINGS[language][0])
    assert [row.split()[0] for row in rows if not row.startswith("   ")] == ORDER


def test_no_description_is_cut_short(pages: tuple[str, dict[str, str]]) -> None:
    language, help_pages = pages
    commands = " ".join(" ".join(section(help_pages[""], HEADINGS[language][0])).split())
    assert "..." not in commands and "…" not in commands
    assert ("diasoorten van opvoedkit." if language == "nl" else
            "onto opvoedkit's slide kinds.") in commands


def test_help_shows_words_not_types(pages: tuple[str, dict[str, str]]) -> None:
    language, help_pages = pages
    for name, text in help_pages.items():
        for raw in RAW:
            assert raw not in text, f"{name or 'opvoedkit'} --help shows {raw!r}"
    words = {"nl": ["opvoedkit build [OPTIES] BESTAND", "-o, --output MAP",
                    "-e, --exercises-dir MAP", "--only SOORTEN"],
             "en": ["opvoedkit build [OPTIONS] FILE", "-o, --output FOLDER",
                    "-e, --exercises-dir FOLDER", "--only KINDS"]}[language]
    for expected in words:
        assert expected in help_pages["build"]
    assert ("-j, --jobs AANTAL" if language == "nl" else "-j, --jobs NUMBER") in \
        help_pages["batch"]
    assert ("--max-minutes MINUTEN" if language == "nl" else "--max-minutes MINUTES") in \
        help_pages["list-exercises"]
    assert re.search(r"\[OPT(IE|ION)S\] \[(BESTAND|FILE)\]", help_pages["init"])


def test_every_command_has_an_example(pages: tuple[str, dict[str, str]]) -> None:
    language, help_pages = pages
    for name, text in help_pages.items():
        examples = section(text, HEADINGS[language][1])
        commands = [line.split() for line in examples if line.startswith("  opvoedkit ")]
        assert commands, f"{name or 'opvoedkit'} --help has no example"
        assert not name or all(words[1] == name for words in commands)


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_works_before_and_after_the_command(tmp_path: Path, where: str) -> None:
    session = tmp_path / "sessie.yaml"
    # krachtenveldanalyse is not written for the informal audience: a warning
    session.write_text("municipality: Ede\ndate: 2027-03-18\naudience: [informal]\nexercises: "
                       "[krachtenveldanalyse, kennismaken-wie-zit-er-aan-tafel, "
                       "stellingenspel, wat-staat-in-de-weg]\n", encoding="utf-8")
    out = tmp_path / "pakket"
    args = ["build", session, "-o", out, "--only", "calendar"]
    loud = run(*args, OPVOEDKIT_LANG="en")
    assert loud.returncode == 0, loud.stderr
    assert "warning: exercise `krachtenveldanalyse`" in loud.stderr and loud.stdout
    quiet = run(*(["-q", *args] if where == "before" else [*args, "-q"]), OPVOEDKIT_LANG="en")
    assert quiet.returncode == 0, quiet.stderr
    assert (quiet.stdout, quiet.stderr) == ("", "")
    assert (out / "bijeenkomst.ics").is_file()
    validate = run("validate", session, "--quiet", OPVOEDKIT_LANG="en")
    assert (validate.returncode, validate.stdout, validate.stderr) == (0, "", "")
    strict = run("validate", session, "--strict", "-q", OPVOEDKIT_LANG="en")
    assert strict.returncode == 2  # with --strict the warnings are errors, and errors show
    assert "krachtenveldanalyse" in strict.stderr


def test_quiet_still_says_when_an_edited_file_was_kept_aside(tmp_path: Path) -> None:
    session = tmp_path / "sessie.yaml"
    session.write_text("municipality: Ede\ndate: 2027-03-18\naudience: [professionals]\n"
                       "exercises: [kennismaken-wie-zit-er-aan-tafel, beeld-van-elkaar, "
                       "wat-staat-in-de-weg]\n", encoding="utf-8")
    out = tmp_path / "pakket"
    assert run("build", session, "-o", out, "--only", "calendar", "-q").returncode == 0
    calendar = out / "bijeenkomst.ics"
    calendar.write_bytes(calendar.read_bytes() + b"edited")
    again = run("build", session, "-o", out, "--only", "calendar", "--force", "-q",
                OPVOEDKIT_LANG="en")
    assert again.returncode == 0, again.stderr
    assert again.stdout == ""
    assert "kept aside: bijeenkomst.bewerkt-1.ics" in again.stderr


def test_a_quiet_batch_prints_only_the_rows_that_failed(tmp_path: Path) -> None:
    (tmp_path / "basis.yaml").write_text(
        "municipality: Ede\ndate: 2027-03-18\naudience: [professionals]\nexercises: "
        "[kennismaken-wie-zit-er-aan-tafel, beeld-van-elkaar, wat-staat-in-de-weg]\n",
        encoding="utf-8")
    batch = tmp_path / "gemeenten.yaml"
    batch.write_text("base: basis.yaml\nsessions:\n  - municipality: Ede\n"
                     "  - municipality: Epe\n    audience: [bakers]\n", encoding="utf-8")
    result = run("batch", batch, "-o", tmp_path / "out", "-j", "1", "--only", "calendar", "-q",
                 OPVOEDKIT_LANG="en")
    assert result.returncode == 1  # a row failed
    assert result.stdout == ""
    assert "gemeenten.yaml:5:" in result.stderr and "bakers" in result.stderr
    assert "[1/1]" not in result.stderr and "built" not in result.stderr
    assert (tmp_path / "out" / "ede" / "bijeenkomst.ics").is_file()


def test_debug_is_accepted_after_the_command_too() -> None:
    result = run("list-exercises", "--format", "xml", "--debug")
    assert result.returncode != 0
    assert "Traceback" in result.stderr  # --debug shows it


@pytest.mark.parametrize(("instruction", "expected"), [
    ("bash_source", "complete -o default -F _opvoedkit_completion opvoedkit"),
    ("source_bash", "complete -o default -F _opvoedkit_completion opvoedkit"),
    ("zsh_source", "#compdef opvoedkit"),
    ("fish_source", "complete --command opvoedkit"),
])
def test_shell_completion_prints_a_script(instruction: str, expected: str) -> None:
    result = run(_OPVOEDKIT_COMPLETE=instruction)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


def test_completion_completes_commands_and_options() -> None:
    commands = run(_OPVOEDKIT_COMPLETE="complete_bash", COMP_WORDS="opvoedkit bu",
                   COMP_CWORD="1")
    assert commands.stdout.split() == ["build"]
    options = run(_OPVOEDKIT_COMPLETE="complete_bash", COMP_WORDS="opvoedkit build x --for",
                  COMP_CWORD="3")
    assert options.stdout.split() == ["--force"]


def test_the_completion_options_are_there(pages: tuple[str, dict[str, str]]) -> None:
    _, help_pages = pages
    assert "--install-completion" in help_pages[""] and "--show-completion" in help_pages[""]


@pytest.mark.parametrize("name", [n for n in opvoedkit.__all__
                                  if callable(getattr(opvoedkit, n))])
def test_the_python_api_has_typed_keyword_parameters(name: str) -> None:
    function = getattr(opvoedkit, name)
    signature = inspect.signature(function)
    for parameter in signature.parameters.values():
        assert parameter.kind not in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL), name
        annotation = str(parameter.annotation)  # a string: from __future__ import annotations
        assert parameter.annotation is not parameter.empty and annotation != "Any", \
            f"{name}({parameter.name}) has no real type"
    assert signature.return_annotation is not signature.empty and function.__doc__
