"""Light commands stay light: what they import.

No timings here (those are in benchmarks/run.py); these tests check the causes instead: a light
command that imports rich, YAML or Markdown again would be 10 to 50 ms slower on every call.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from opvoedkit.catalogue import entries, table

# pydantic is not on the list: Typer itself converts option values through pydantic. Babel only
# makes the catalogues (scripts/update_translations.sh); at run time gettext reads them.
HEAVY = ("rich", "pptx", "reportlab", "jinja2", "markdown_it", "yaml", "babel")


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose catalogue cache list-exercises has filled (as after its first run)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path_factory.mktemp("cache")))
    subprocess.run([sys.executable, "-m", "opvoedkit", "list-exercises"], env=env, check=True,
                   capture_output=True)
    return env


def _imported(env: dict[str, str], *args: str) -> tuple[subprocess.CompletedProcess[str],
                                                        set[str]]:
    """Run the CLI in a fresh process; return the result and the heavy packages it imported."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "opvoedkit", *args],
                         capture_output=True, text=True, env=env)
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0]
             for line in run.stderr.splitlines() if line.startswith("import time:")}
    return run, names & set(HEAVY)


@pytest.mark.parametrize("args", [
    ("--help",),
    ("--version",),
    ("list-exercises",),
    ("list-exercises", "--audience", "policy", "--theme", "gemeente", "--max-minutes", "45",
     "--format", "json"),
    ("list-exercises", "--help"),
    ("build", "--help"),
    ("batch", "--help"),
])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_light_commands_import_nothing_heavy(warm_cache: dict[str, str],
                                            args: tuple[str, ...], language: str) -> None:
    run, heavy = _imported(dict(warm_cache, OPVOEDKIT_LANG=language), *args)
    assert run.returncode == 0, run.stderr[-2000:]
    assert heavy == set(), f"{' '.join(args)} imported {sorted(heavy)}"


def test_a_usage_error_imports_nothing_heavy(warm_cache: dict[str, str]) -> None:
    run, heavy = _imported(dict(warm_cache, OPVOEDKIT_LANG="nl"), "build", "x.yaml", "--forc")
    assert run.returncode == 2 and "Onbekende optie: --forc" in run.stderr
    assert heavy == set(), f"a usage error imported {sorted(heavy)}"


def test_a_cold_cache_is_filled_from_the_files(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    run, heavy = _imported(env, "list-exercises", "--format", "json")
    assert run.returncode == 0, run.stderr[-2000:]
    assert {"yaml", "markdown_it"} <= heavy  # every file read and checked in full
    cached = json.loads((tmp_path / "opvoedkit" / "library.json").read_text(encoding="utf-8"))
    assert [item["meta"]["id"] for item in cached["exercises"]] == [
        e["id"] for e in json.loads(run.stdout)]


def test_filters_arrive_converted(warm_cache: dict[str, str]) -> None:
    run, _ = _imported(warm_cache, "list-exercises", "--max-minutes", " 20 ", "--format", "json")
    data = json.loads(run.stdout)
    assert data and all(e["minutes"]["min"] <= 20 for e in data)


@pytest.mark.parametrize(("value", "message"), [
    ("abc", "'abc' is not a whole number"),
    ("2.5", "'2.5' is not a whole number"),
    ("", "'' is not a whole number"),
])
def test_a_bad_number_is_a_usage_error(run_cli, value: str, message: str) -> None:
    result = run_cli("list-exercises", "--max-minutes", value)
    assert result.exit_code == 2
    assert "Invalid value for '--max-minutes'" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_repeated_paths_arrive_as_paths(run_cli, tmp_path: Path) -> None:
    first, second = tmp_path / "een", tmp_path / "twee"
    first.mkdir()
    second.mkdir()
    result = run_cli("list-exercises", "-e", first, "-e", second, "--format", "json")
    assert result.exit_code == 0, result.stderr
    missing = run_cli("list-exercises", "-e", tmp_path / "weg")
    assert missing.exit_code == 2
    assert f"{tmp_path / 'weg'}: exercise folder not found" in missing.stderr


@pytest.mark.parametrize("width", [80, 100, 200])
def test_table_fits_the_width_and_keeps_every_title(width: int) -> None:
    chosen = entries()
    text = table(chosen, width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert lines[0].split() == ["id", "titel", "min", "vorm", "voor"]
    titles: dict[str, list[str]] = {}  # id -> words of the title column, over wrapped lines
    current = ""
    for line in lines[1:-1]:
        if line.startswith(" "):
            titles[current] += line.split()
        else:
            current, *words = line.split()
            titles[current] = words[:-3]  # minus min, vorm, voor
    assert {e["id"]: e["title"].split() for e in chosen} == titles
    assert lines[-1].startswith(f"{len(chosen)} exercises")
    if width == 200:  # wide enough: one line per exercise
        assert len(lines) == len(chosen) + 2


def test_renderers_need_only_the_pack_model() -> None:
    # A batch worker's renderers work from the pack and its layout alone: the session model,
    # Jinja and markdown-it belong to the stages before, and python-pptx only to the deck.
    code = ("import sys, opvoedkit.render.handbook, opvoedkit.render.handout, "
            "opvoedkit.render.extras, opvoedkit.layout, opvoedkit.pack; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'pydantic', 'jinja2', 'markdown_it', 'yaml', 'pptx', 'rich'}))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
