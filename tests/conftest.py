"""Shared fixtures: paths, a CLI runner, and session files written on the fly."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

# The suite compares English messages: English whatever the developer's locale. Set before
# anything imports opvoedkit's CLI (its help texts are translated at import) and before the
# first lookup (i18n caches the language per process); child processes inherit it, and
# tests/test_i18n.py gives its subprocesses their own language settings.
os.environ.setdefault("OPVOEDKIT_LANG", "en")

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The library cache goes to a folder of the test run, not the user's ~/.cache (child
    processes inherit it)."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
FIXTURES = ROOT / "tests" / "fixtures"
SESSIONS = FIXTURES / "sessions"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def run_cli() -> Callable[..., object]:
    """Invoke the opvoedkit CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    from opvoedkit.cli import app

    runner = CliRunner()

    def invoke(*args: str) -> object:
        return runner.invoke(app, [str(a) for a in args])

    return invoke


@pytest.fixture
def write_session(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a session YAML into tmp_path and return its path."""

    def write(text: str, name: str = "sessie.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, Path]]:
    """Every example rendered once with the default template (the deck tests share it)."""
    from .test_deck import EXAMPLES, example, render

    folder = tmp_path_factory.mktemp("decks")
    result = {}
    for name in EXAMPLES:
        pack = example(name)
        path = folder / f"{name}.pptx"
        render(pack, path)
        result[name] = (pack, path)
    return result
