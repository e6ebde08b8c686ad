"""The layout stage: one outline per pack, drawn by the deck and cited by the handbook; and the
import rules that keep the stages in order (no circles, no import from a later stage)."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from pptx import Presentation

from opvoedkit.builder import build_pack
from opvoedkit.compose import compose
from opvoedkit.geometry import DEFAULT_FRAMES
from opvoedkit.layout import Layout, lay_out
from opvoedkit.pack import Pack
from opvoedkit.preflight import prepare
from opvoedkit.render import deck, handout

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "opvoedkit"


def example(name: str) -> Pack:
    """The pack of one example session."""
    return compose(prepare(ROOT / "examples" / f"{name}.yaml"))


def test_slide_numbers_are_where_the_outline_shows_each_exercise() -> None:
    pack = example("twee-dagdelen-met-gemeente")
    layout = lay_out(pack, DEFAULT_FRAMES)
    assert set(layout.slide_numbers) == {e.id for e in pack.exercises}
    for exercise_id, numbers in layout.slide_numbers.items():
        assert numbers == [i for i, s in enumerate(layout.slides, start=1)
                           if s.exercise_id == exercise_id]
        assert layout.slides[numbers[0] - 1].kind == "section"


def test_the_deck_draws_the_layout_it_is_given(tmp_path: Path) -> None:
    pack = example("ochtend-twee-werelden")
    layout = lay_out(pack, DEFAULT_FRAMES)
    first = dataclasses.replace(layout.slides[0], title="Een andere titel")
    changed = Layout((first, *layout.slides[1:]), layout.slide_numbers)
    rendered = deck.render(pack, tmp_path / "presentatie.pptx", changed)
    slides = Presentation(str(rendered.path)).slides
    assert len(slides) == len(layout.slides) == rendered.count
    assert slides[0].shapes.title.text == "Een andere titel"
    assert rendered.anchors == layout.slide_numbers


def test_only_handbook_cites_the_same_pages_without_writing_a_handout(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = ROOT / "examples" / "ochtend-twee-werelden.yaml"
    full = build_pack(session, tmp_path / "full")
    written = {r.kind: r.path.read_bytes() for r in full.rendered}

    def no_file(*args: object) -> None:
        raise AssertionError("the handout was written to a file")

    monkeypatch.setattr(handout, "render", no_file)
    alone = build_pack(session, tmp_path / "alone", only=("handbook",))
    assert [r.kind for r in alone.rendered] == ["handbook"]
    assert alone.rendered[0].path.read_bytes() == written["handbook"]
    assert sorted(p.name for p in (tmp_path / "alone").iterdir()) == \
        ["handleiding-begeleider.pdf", "manifest.json"]


# --- the import rules ------------------------------------------------------------------------

def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every import of every module of the package, at any depth (functions and TYPE_CHECKING
    blocks too: a circle of lazy imports is still a circle), as module names of the package."""
    files = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")
                base = base[:len(base) - node.level + 1] if node.level else []
                target = ".".join([*base, *(node.module or "").split(".")]).strip(".")
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        graph[name] = {m for m in found if m in files and m not in (name, "opvoedkit")}
    return graph


def _circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle, or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(name: str) -> list[str]:
        state[name] = 1
        path.append(name)
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                return [*path[path.index(other):], other]
            if other not in state and (found := visit(other)):
                return found
        state[name] = 2
        path.pop()
        return []

    for name in sorted(graph):
        if name not in state and (found := visit(name)):
            return found
    return []


def test_no_import_circles() -> None:
    # `opvoedkit` itself (the public API's lazy imports of every stage) is left out: it is the
    # top, and every module may take __version__ from it.
    assert _circle(_imports()) == []


def test_layout_and_validation_import_no_renderer() -> None:
    graph = _imports()
    assert graph["opvoedkit.geometry"] == set()  # the ground floor: validation imports it
    for name in ("opvoedkit.template_check", "opvoedkit.assets", "opvoedkit.config",
                 *(m for m in graph if m.startswith("opvoedkit.layout"))):
        assert not {m for m in graph[name] if m.startswith("opvoedkit.render")}, name
