"""Light commands stay light: what they import.

No timings here (those are in benchmarks/run.py); these tests check the causes instead: a light
command that imports pydantic or rich again would be ~50 ms slower on every call.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from opvoedkit.catalogue import entries, table

# pydantic is not on the list: Typer itself converts option values through pydantic.
HEAVY = ("rich", "pptx", "reportlab", "jinja2", "markdown_it", "yaml")


def _imported(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run the CLI in a fresh process; return the result and the heavy packages it imported."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "opvoedkit", *args],
                         capture_output=True, text=True)
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
])
def test_light_commands_import_nothing_heavy(args: tuple[str, ...]) -> None:
    run, heavy = _imported(*args)
    assert run.returncode == 0, run.stderr[-2000:]
    assert heavy == set(), f"{' '.join(args)} imported {sorted(heavy)}"


def test_filters_arrive_converted() -> None:
    run, _ = _imported("list-exercises", "--max-minutes", " 20 ", "--format", "json")
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
    # The forked PDF renderer imports these while the parent still validates the session; if
    # they pulled in pydantic, Jinja or markdown-it, that head start would be lost.
    code = ("import sys, opvoedkit.render.handbook, opvoedkit.render.handout, "
            "opvoedkit.render.extras, opvoedkit.render.slides, opvoedkit.pack; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'pydantic', 'jinja2', 'markdown_it', 'yaml', 'pptx', 'rich'}))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
