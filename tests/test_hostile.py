"""Hostile input: every case in tests/fixtures/hostile/ ends with a clear input error (exit 2),
a position where there is one, no traceback, quickly, and nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, FIXTURES

HOSTILE = FIXTURES / "hostile"
SESSION = EXAMPLES / "ochtend-twee-werelden.yaml"

# session file → (line, column or 0 when the fault has no position, fragment of the message)
SESSIONS = {
    "syntax-unclosed-bracket.yaml": (3, 10, "YAML syntax error"),
    "syntax-bad-indent.yaml": (2, 11, "YAML syntax error"),
    "syntax-colon-in-value.yaml": (2, 12, "mapping values are not allowed"),
    "syntax-unclosed-quote.yaml": (1, 15, "the quote \" that opens here is never closed"),
    "type-municipality-list.yaml": (1, 15, "`municipality`"),
    "type-dayparts-text.yaml": (2, 11, "`dayparts`"),
    "type-dayparts-zero.yaml": (2, 11, "`dayparts`"),
    "type-audience-number.yaml": (2, 11, "`audience`"),  # one word is a list of one now
    "type-audience-empty.yaml": (2, 11, "`audience`"),
    "type-exercises-mapping.yaml": (4, 3, "`exercises`"),
    "type-exercise-minutes-text.yaml": (5, 14, "`exercises[1].minutes`"),
    "type-facilitators-string.yaml": (3, 15, "`facilitators`"),
    "type-facilitator-unknown-key.yaml": (4, 5, "unknown field `naam`"),
    "type-branding-list.yaml": (3, 11, "`branding`"),
    "type-date-number.yaml": (2, 7, "`date`"),
    "type-start-number.yaml": (2, 8, "`start`"),
    "type-start-25h.yaml": (2, 8, "`start`"),
    "type-participants-negative.yaml": (2, 15, "`participants`"),
    "type-municipality-empty.yaml": (1, 15, "`municipality`"),
    "type-municipality-too-long.yaml": (1, 15, "`municipality`"),
    "alias.yaml": (2, 8, "aliases"),
    "alias-bomb.yaml": (2, 10, "aliases"),
    "deep-flow.yaml": (2, 39, "nested more than"),
    "deep-block.yaml": (34, 65, "nested more than"),
    "duplicate-nested-key.yaml": (5, 3, "duplicate key 'colour'"),
    "nul-byte.yaml": (1, 16, "NUL byte"),
    "invalid-utf8.yaml": (1, 16, "not valid UTF-8"),
    "utf16.yaml": (1, 1, "not valid UTF-8"),
    "emoji.yaml": (1, 15, "cannot be printed"),
    "control-char.yaml": (1, 15, "control character"),
    "tabs.yaml": (3, 1, "YAML syntax error"),
    "python-tag.yaml": (1, 15, "is not allowed"),
    "include-tag.yaml": (1, 15, "is not allowed"),
    "binary-tag.yaml": (1, 15, "is not allowed"),
    "merge-key.yaml": (4, 3, "merge keys"),
    "list-root.yaml": (1, 1, "must be a list of `name: value` fields"),
    "scalar-root.yaml": (1, 1, "must be a list of `name: value` fields"),
    "empty.yaml": (1, 1, "empty"),
    "comments-only.yaml": (1, 1, "empty"),
    "path-parent.yaml": (5, 9, "may not leave the session file's folder"),
    "path-absolute.yaml": (5, 13, "not an absolute path"),
    "path-symlink.yaml": (5, 9, "symbolic link"),
    "logo-not-image.yaml": (5, 9, "not a readable image"),
    "logo-huge.yaml": (5, 9, "the limit is 4000 × 4000"),
    "logo-truncated.yaml": (5, 9, "not a readable image"),
    "logo-svg.yaml": (5, 9, "not a readable image"),
    "template-other-zip.yaml": (5, 13, "not a PowerPoint presentation"),
    "template-truncated.yaml": (5, 13, "not a PowerPoint .pptx file"),
    "template-not-zip.yaml": (5, 13, "not a PowerPoint .pptx file"),
    "template-docx.yaml": (5, 13, "not a PowerPoint presentation"),
    "template-broken-xml.yaml": (5, 13, "cannot read this PowerPoint file"),
}

# exercise folder → (line or 0, fragment of the message)
EXERCISE_DIRS = {
    "exercises-broken-front-matter": (5, "YAML syntax error"),
    "exercises-jinja-attribute": (18, "only `{{ variable }}` and `{% if %}` is allowed"),
    "exercises-jinja-loop": (18, "only `{{ variable }}` and `{% if %}` is allowed"),
    "exercises-alias": (3, "aliases"),
    "exercises-symlink": (0, "symbolic links"),
    "exercises-unclosed": (1, "not closed"),
}

# batch file → (line, column, fragment); a problem of one row (csv-formula.csv,
# csv-too-many-cells.csv) fails that row alone: see test_input_errors.py
# Accepted since issue 20, kept as plain inputs: csv-invalid-utf8.csv (a Windows-1252 CSV, as
# Dutch Excel saves it) and type-audience-string.yaml (one audience without brackets).
BATCHES = {
    "csv-not-utf8-nor-cp1252.csv": (2, 2, "not valid UTF-8, nor Windows-1252"),
    "csv-header-only.csv": (1, 1, "at least one row"),
    "csv-unbalanced-quote.csv": (2, 1, "is a quote (\") not closed?"),
    "batch-base-escape.yaml": (1, 7, "may not leave"),
}

TEMPLATE_DIRS = {
    "templates-loop": "only `{{ variable }}` and `{% if %}` is allowed",
    "templates-attribute": "only `{{ variable }}` and `{% if %}` is allowed",
}


@pytest.fixture(autouse=True)
def _symlinks() -> None:
    """Git may check symlinks out as plain files: make sure the link cases are real links."""
    for link, target in ((HOSTILE / "link-to-outside.png", "/etc/hostname"),
                         (HOSTILE / "exercises-symlink" / "mijn-oefening.md", "/etc/passwd")):
        if not link.is_symlink():
            link.unlink(missing_ok=True)
            os.symlink(target, link)


def _run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI; a hang (an alias bomb expanding, a pipe read forever) ends the test after
    ten minutes instead of holding the run: a guard, not a speed target."""
    return subprocess.run([sys.executable, "-m", "opvoedkit", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def _assert_clean(done: subprocess.CompletedProcess[str], tmp_path: Path, code: int = 2) -> None:
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "nothing may be written"
    assert not Path("/tmp/opvoedkit-pwned").exists()


@pytest.mark.parametrize("name", sorted(SESSIONS))
def test_hostile_session(name: str, tmp_path: Path) -> None:
    line, column, message = SESSIONS[name]
    path = HOSTILE / name
    done = _run("build", path, "-o", tmp_path / "out", cwd=tmp_path)
    _assert_clean(done, tmp_path)
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"{path}:{line}:{column}: "), first
    assert message in done.stderr


def test_every_case_has_its_fixture_and_every_fixture_a_case() -> None:
    cases = {*SESSIONS, *EXERCISE_DIRS, *BATCHES, *TEMPLATE_DIRS}
    on_disk = {p.name for p in HOSTILE.iterdir()}
    assert cases <= on_disk, sorted(cases - on_disk)
    # the rest are files that a case refers to (a logo, a template, a base session)
    referring = "".join((HOSTILE / c).read_text(encoding="utf-8", errors="replace")
                        for c in cases if (HOSTILE / c).is_file())
    referring += Path(__file__).read_text(encoding="utf-8")
    assert sorted(n for n in on_disk - cases if n not in referring) == []


@pytest.mark.parametrize("folder", sorted(EXERCISE_DIRS))
def test_hostile_exercise_folder(folder: str, tmp_path: Path) -> None:
    line, message = EXERCISE_DIRS[folder]
    done = _run("build", SESSION, "--exercises-dir", HOSTILE / folder, "-o",
                         tmp_path / "out", cwd=tmp_path)
    _assert_clean(done, tmp_path)
    file = HOSTILE / folder / "mijn-oefening.md"
    assert message in done.stderr
    if line:
        assert f"{file}:{line}:" in done.stderr
    else:
        assert str(file) in done.stderr


@pytest.mark.parametrize("name", sorted(BATCHES))
def test_hostile_batch(name: str, tmp_path: Path) -> None:
    line, column, message = BATCHES[name]
    done = _run("batch", HOSTILE / name, "-o", tmp_path / "out", cwd=tmp_path)
    _assert_clean(done, tmp_path)
    assert message in done.stderr
    if line:
        assert f"{HOSTILE / name}:{line}:{column}:" in done.stderr


def test_csv_with_ten_thousand_columns(tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    source.write_text(";".join(f"kolom{i}" for i in range(10_000)) + "\n" + "x;" * 9999 + "x\n",
                      encoding="utf-8")
    done = _run("batch", source, "-o", tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 2
    assert "10000 columns; the limit is 60" in done.stderr
    assert not (tmp_path / "out").exists()


def test_huge_session_file(tmp_path: Path) -> None:
    source = tmp_path / "huge.yaml"
    source.write_text("municipality: Ede\nvenue: '" + "x" * 2_000_000 + "'\n", encoding="utf-8")
    done = _run("validate", source, cwd=tmp_path)
    assert done.returncode == 2
    assert f"{source}:1:1: session file is 2,000,028 bytes" in done.stderr


@pytest.mark.parametrize("folder", sorted(TEMPLATE_DIRS))
def test_hostile_text_templates(folder: str, tmp_path: Path) -> None:
    done = _run("build", SESSION, "--templates-dir", HOSTILE / folder, "-o",
                         tmp_path / "out", cwd=tmp_path)
    _assert_clean(done, tmp_path)
    assert f"{HOSTILE / folder / 'doel-bijeenkomst.md'}:2:1:" in done.stderr
    assert TEMPLATE_DIRS[folder] in done.stderr


def test_bom_and_crlf_session_is_accepted(tmp_path: Path) -> None:
    done = _run("validate", HOSTILE / "bom-crlf.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
