"""`opvoedkit build`: the whole pack, all-or-nothing, reproducible, with a manifest that tells the
truth about the files."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from opvoedkit import build
from opvoedkit.builder import FILE_NAMES, KINDS

from .conftest import EXAMPLES, SESSIONS

EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.startswith(("batch",
                                                                                      "basis")))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_builds_with_a_truthful_manifest(tmp_path: Path, example: Path) -> None:
    out = tmp_path / "pack"
    manifest = build(example, out)
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == manifest
    assert set(manifest) == {"version", "municipality", "slug", "files", "program"}
    kinds = [f["kind"] for f in manifest["files"]]
    assert set(KINDS) == set(kinds)
    for entry in manifest["files"]:
        data = (out / entry["path"]).read_bytes()
        assert set(entry) == {"kind", "path", "bytes", "sha256"}
        assert entry["path"] == FILE_NAMES[entry["kind"]]
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert sorted(p.name for p in out.iterdir()) == sorted([*FILE_NAMES.values(),
                                                            "manifest.json"])
    assert manifest["program"]["dayparts"][0]["blocks"][0]["kind"] == "welcome"
    assert not list(tmp_path.glob(".*tmp-*"))


def test_rebuilding_gives_identical_bytes(tmp_path: Path) -> None:
    example = EXAMPLES / "ochtend-twee-werelden.yaml"
    build(example, tmp_path / "a")
    time.sleep(1.1)  # a different wall-clock second must not matter
    build(example, tmp_path / "b")
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")


def test_rebuild_into_the_same_folder_replaces_it(tmp_path: Path) -> None:
    example = EXAMPLES / "ochtend-twee-werelden.yaml"
    build(example, tmp_path / "pack")
    first = _snapshot(tmp_path / "pack")
    build(example, tmp_path / "pack")
    assert _snapshot(tmp_path / "pack") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


@pytest.mark.parametrize("module", ["handbook", "deck"])
def test_failing_render_leaves_the_old_pack_and_no_temporary_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    import importlib

    from opvoedkit.errors import RenderError

    example = EXAMPLES / "ochtend-twee-werelden.yaml"
    build(example, tmp_path / "pack")
    before = _snapshot(tmp_path / "pack")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(importlib.import_module(f"opvoedkit.render.{module}"), "render", broken)
    with pytest.raises(RenderError) as caught:
        build(example, tmp_path / "pack")
    assert "disk full" in str(caught.value)
    assert _snapshot(tmp_path / "pack") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


_BUILD_EACH = ("import sys\nfrom opvoedkit import build\n"
               "for session, out in zip(sys.argv[1::2], sys.argv[2::2]):\n"
               "    build(session, out)\n")


def test_packs_built_one_after_another_equal_packs_built_alone(tmp_path: Path) -> None:
    """A batch worker builds pack after pack, and the renderers remember what they worked out
    before (line breaks, font subsets, parsed text); nothing remembered may change a file."""
    import concurrent.futures
    import json as json_

    from opvoedkit.batchfile import read_batch

    from .test_rtl import SESSION as ARABIC

    sessions = [*EXAMPLE_FILES, SESSIONS / "tricky-names.yaml", tmp_path / "arabisch.yaml"]
    sessions[-1].write_text(ARABIC, encoding="utf-8")
    for row in read_batch(EXAMPLES / "batch-regio.yaml", None)[::2]:  # same texts, other names
        sessions.append(tmp_path / f"rij-{row.number}.yaml")
        sessions[-1].write_text(json_.dumps(row.data, ensure_ascii=False), encoding="utf-8")

    def run(pairs: list[tuple[Path, Path]]) -> None:
        args = [str(part) for pair in pairs for part in pair]
        done = subprocess.run([sys.executable, "-c", _BUILD_EACH, *args], capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr

    alone = [[(s, tmp_path / "alone" / str(n))] for n, s in enumerate(sessions)]
    # One process builds them all, then the first again: every pack is built after others.
    together = [(s, tmp_path / "together" / str(n)) for n, s in enumerate(sessions)]
    together.append((sessions[0], tmp_path / "together" / "again"))
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        list(pool.map(run, [*alone, together]))
    assert _snapshot(tmp_path / "together" / "again") == _snapshot(tmp_path / "alone" / "0")
    for n in range(len(sessions)):
        assert _snapshot(tmp_path / "together" / str(n)) == \
            _snapshot(tmp_path / "alone" / str(n)), sessions[n].name


def test_corrupt_logo_is_an_input_error_and_writes_nothing(tmp_path: Path, run_cli) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    session = tmp_path / "s.yaml"
    session.write_text((SESSIONS / "minimal.yaml").read_text(encoding="utf-8")
                       + "branding:\n  logo: logo.png\n", encoding="utf-8")
    result = run_cli("build", session, "-o", tmp_path / "pack")
    assert result.exit_code == 2
    assert "s.yaml:5:9: `branding.logo`" in result.stderr
    assert not (tmp_path / "pack").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logo.png", "s.yaml"]


def test_only_renders_a_subset(tmp_path: Path, run_cli) -> None:
    result = run_cli("build", EXAMPLES / "ochtend-twee-werelden.yaml", "-o", tmp_path / "p",
                     "--only", "handbook,calendar")
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((tmp_path / "p" / "manifest.json").read_text(encoding="utf-8"))
    assert [f["kind"] for f in manifest["files"]] == ["handbook", "calendar"]
    assert "handleiding-begeleider.pdf" in result.stdout
    bad = run_cli("build", EXAMPLES / "ochtend-twee-werelden.yaml", "--only", "poster")
    assert bad.exit_code == 2


def test_no_calendar_without_a_date(tmp_path: Path) -> None:
    manifest = build(SESSIONS / "minimal.yaml", tmp_path / "p")
    assert "calendar" not in [f["kind"] for f in manifest["files"]]


def test_strict_turns_warnings_into_errors(tmp_path: Path, run_cli, write_session) -> None:
    session = write_session("municipality: Ede\naudience: [informal]\n"
                            "exercises: [krachtenveldanalyse, auto]\n")
    assert run_cli("build", session, "-o", tmp_path / "a", "--only", "deck").exit_code == 0
    strict = run_cli("build", session, "-o", tmp_path / "b", "--strict")
    assert strict.exit_code == 2
    assert "not for this audience" in strict.stderr
    assert not (tmp_path / "b").exists()


def test_extras_open_and_carry_municipality_and_date(tmp_path: Path) -> None:
    from icalendar import Calendar
    from pypdf import PdfReader

    example = EXAMPLES / "twee-dagdelen-met-gemeente.yaml"
    build(example, tmp_path / "p")
    for name in ("presentielijst.pdf", "evaluatieformulier.pdf"):
        text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "p" / name).pages)
        assert "Súdwest-Fryslân" in text, name
        assert "8 april 2027" in text, name
    calendar = Calendar.from_ical((tmp_path / "p" / "bijeenkomst.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    assert all("Súdwest-Fryslân" in str(e["SUMMARY"]) for e in events)
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts[0].isoformat() == "2027-04-08T09:00:00+02:00"
    assert starts[1].isoformat() == "2027-04-08T13:15:00+02:00"
    assert len({str(e["UID"]) for e in events}) == 2
    assert next(iter(calendar.walk("VTIMEZONE")))["TZID"] == "Europe/Amsterdam"


def test_cli_build_prints_a_summary(tmp_path: Path, run_cli) -> None:
    result = run_cli("build", EXAMPLES / "avond-sleutelfiguren.yaml", "-o", tmp_path / "p")
    assert result.exit_code == 0, result.stderr
    assert "presentatie.pptx" in result.stdout
    assert "slides" in result.stdout
    assert "19:00–21:30" in result.stdout


def test_default_output_folder_is_output_slug(tmp_path: Path) -> None:
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-m", "opvoedkit", "build",
                          str(EXAMPLES / "ochtend-twee-werelden.yaml"), "--only", "calendar"],
                         cwd=tmp_path, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "output" / "s-hertogenbosch" / "bijeenkomst.ics").is_file()


def test_the_readme_python_example_runs_as_written(tmp_path: Path) -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using opvoedkit from Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "examples").mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        (tmp_path / "examples" / example.name).write_bytes(example.read_bytes())
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    assert "Súdwest-Fryslân" in run.stdout
    assert (tmp_path / "output" / "regio" / "bergen-l" / "manifest.json").is_file()
