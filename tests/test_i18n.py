"""The tool speaks Dutch to a Dutch locale and English otherwise; the catalogues are complete.

The language is chosen once per process (help texts are made when cli.py is imported), so the
CLI runs here as a subprocess with the environment under test.
"""

from __future__ import annotations

import io
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from opvoedkit import i18n

from .conftest import ROOT, SESSIONS

babel = pytest.importorskip("babel", reason="Babel is in the test extras")
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

PACKAGE = ROOT / "src" / "opvoedkit"
CATALOGUES = PACKAGE / "locale" / "nl" / "LC_MESSAGES"
LANGUAGE_VARIABLES = ("OPVOEDKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# As the installed `opvoedkit` command runs (python -m would call itself "python -m opvoedkit")
COMMAND = [sys.executable, "-c",
           "import sys; from opvoedkit.cli import main; sys.argv[0] = 'opvoedkit'; main()"]


def environment(**variables: str) -> dict[str, str]:
    """os.environ without any language setting, plus ``variables``."""
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES}
    return env | variables


def opvoedkit(*args: str | Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh process with only these language settings."""
    return subprocess.run([*COMMAND, *map(str, args)],
                          capture_output=True, text=True, env=environment(**variables))


def catalogue(domain: str) -> object:
    """The Dutch catalogue of a gettext domain, as Babel reads it."""
    with (CATALOGUES / f"{domain}.po").open("rb") as handle:
        return read_po(handle)


def fields(text: str) -> set[str]:
    """The ``{placeholders}`` of a message."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


DUTCH = [{"OPVOEDKIT_LANG": "nl"}, {"LANG": "nl_NL.UTF-8"}, {"LC_ALL": "nl_BE.UTF-8"},
         {"LANG": "en_US.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"},
         {"LANG": "C.UTF-8", "OPVOEDKIT_LANG": "NL"}]
ENGLISH = [{}, {"LANG": "C.UTF-8"}, {"LANG": "en_US.UTF-8"}, {"LANG": "de_DE.UTF-8"},
           {"LANG": "nl_NL.UTF-8", "OPVOEDKIT_LANG": "en"},
           {"LANG": "nl_NL.UTF-8", "LC_ALL": "C"}]  # LC_ALL counts before LANG


@pytest.mark.parametrize("variables", DUTCH + ENGLISH, ids=str)
def test_the_language_follows_the_environment(monkeypatch: pytest.MonkeyPatch,
                                              variables: dict[str, str]) -> None:
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert i18n.language() == ("nl" if variables in DUTCH else "en")


@pytest.mark.parametrize(("name", "expected"), [(("Dutch_Netherlands", "1252"), "nl"),
                                                (("nl_NL", "cp1252"), "nl"),
                                                (("English_United Kingdom", "1252"), "en"),
                                                ((None, None), "en")])
def test_windows_without_variables_reads_the_locale(monkeypatch: pytest.MonkeyPatch,
                                                    name: tuple[str | None, str | None],
                                                    expected: str) -> None:
    import locale

    for variable in LANGUAGE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")  # no ctypes.windll here: the locale decides
    monkeypatch.setattr(locale, "getlocale", lambda *args: name)
    assert i18n.language() == expected


@pytest.mark.parametrize("variables", [{"OPVOEDKIT_LANG": "nl"}, {"LANG": "nl_NL.UTF-8"}],
                         ids=str)
def test_help_is_dutch_for_a_dutch_locale(variables: dict[str, str]) -> None:
    result = opvoedkit("--help", **variables)
    assert result.returncode == 0, result.stderr
    for dutch in ("Gebruik: opvoedkit [OPTIES] OPDRACHT", "Opties:", "Opdrachten:",
                  "Voorbeelden:", "Toon deze hulp en stop.", "Toon alleen fouten.",
                  "Maak het complete pakket voor één bijeenkomst."):
        assert dutch in result.stdout
    build = opvoedkit("build", "--help", **variables).stdout
    assert "Gebruik: opvoedkit build [OPTIES] BESTAND" in build
    assert "Argumenten:" in build and "-o, --output MAP" in build


@pytest.mark.parametrize("variables", [{"LANG": "C.UTF-8"}, {"LANG": "en_US.UTF-8"}, {}],
                         ids=str)
def test_help_is_english_otherwise(variables: dict[str, str]) -> None:
    result = opvoedkit("--help", **variables)
    assert result.returncode == 0, result.stderr
    for english in ("Usage: opvoedkit [OPTIONS] COMMAND", "Options:", "Commands:",
                    "Examples:", "Show this message and exit.", "Print only errors.",
                    "Build the complete pack for one session."):
        assert english in result.stdout
    assert "Gebruik" not in result.stdout and "Opties" not in result.stdout


def test_an_input_error_has_dutch_labels_in_dutch() -> None:
    dutch = opvoedkit("validate", SESSIONS / "unknown-key.yaml", LANG="nl_NL.UTF-8")
    english = opvoedkit("validate", SESSIONS / "unknown-key.yaml", LANG="C.UTF-8")
    assert dutch.returncode == english.returncode == 2
    assert "unknown-key.yaml:2:1: " in dutch.stderr
    assert "\n    tip: " in dutch.stderr and "hint:" not in dutch.stderr
    assert dutch.stderr.rstrip().endswith("2 problemen gevonden.")
    assert "\n    hint: " in english.stderr
    assert english.stderr.rstrip().endswith("2 problems found.")


@pytest.mark.parametrize(("args", "dutch", "english"), [
    (("build", "s.yaml", "--forc"), "Fout: Onbekende optie: --forc (bedoel je --force?)",
     "Error: No such option: --forc (did you mean --force?)"),
    (("build",), "Fout: Argument 'BESTAND' ontbreekt.", "Error: Missing argument 'FILE'."),
    (("build", "a.yaml", "b.yaml"), "Fout: Onverwacht extra argument: b.yaml",
     "Error: Unexpected extra argument: b.yaml"),
    (("biuld",), "Fout: Onbekende opdracht 'biuld'. Bedoel je 'build'?",
     "Error: No such command 'biuld'. Did you mean 'build'?"),
    (("build", "s.yaml", "-o"), "Fout: Optie '-o' heeft een waarde nodig.",
     "Error: Option '-o' needs a value."),
    # Typer's own string, looked up with gettext in the "messages" domain
    (("-q",), "Fout: Opdracht ontbreekt.", "Error: Missing command."),
])
def test_usage_errors_speak_the_users_language(args: tuple[str, ...], dutch: str,
                                               english: str) -> None:
    nl = opvoedkit(*args, OPVOEDKIT_LANG="nl")
    en = opvoedkit(*args, OPVOEDKIT_LANG="en")
    assert nl.returncode == en.returncode == 2
    assert dutch in nl.stderr and english in en.stderr
    if args != ("build", "s.yaml", "-o"):  # Click gives that one no usage line
        assert "Gebruik: opvoedkit" in nl.stderr and "voor hulp." in nl.stderr
    assert "Traceback" not in nl.stderr + en.stderr


def test_the_cli_leaves_the_language_environment_as_it_was(run_cli,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.setenv("LANGUAGE", "fr:de")
    assert run_cli("--version").exit_code == 0
    assert os.environ["LANGUAGE"] == "fr:de"


@pytest.mark.parametrize("domain", ["opvoedkit", "messages"])
def test_the_shipped_mo_is_compiled_from_the_po(domain: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(domain))
    assert (CATALOGUES / f"{domain}.mo").read_bytes() == compiled.getvalue(), \
        "run scripts/update_translations.sh"


def test_every_message_in_the_code_has_a_dutch_translation() -> None:
    dutch = catalogue("opvoedkit")
    found = {message if isinstance(message, str) else message[0]: (path, line)
             for path, line, message, _comments, _context in extract_from_dir(str(PACKAGE))}
    assert found, "no messages extracted"
    missing = [f"{path}:{line}: {msgid!r}" for msgid, (path, line) in found.items()
               if not (entry := dutch.get(msgid)) or not entry.string or entry.fuzzy]
    assert not missing, "untranslated (run scripts/update_translations.sh):\n" + "\n".join(
        missing)


@pytest.mark.parametrize("domain", ["opvoedkit", "messages"])
def test_translations_keep_the_placeholders(domain: str) -> None:
    for entry in catalogue(domain):
        if not entry.id:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        for text in strings:
            assert text, f"{entry.id!r} has no translation"
            assert fields(text) == fields(ids[-1]), f"{entry.id!r} → {text!r}"


def test_no_translation_hides_inside_an_f_string() -> None:
    # Babel does not look inside f-strings: an _() there would never reach the catalogue.
    hidden = [f"{path.relative_to(ROOT)}:{number}" for path in PACKAGE.rglob("*.py")
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if re.search(r"\{\s*(_|ngettext)\(", line)]
    assert not hidden, hidden
