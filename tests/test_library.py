"""The exercise library: format checks, the content linter, list-exercises and show-exercise."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from opvoedkit.errors import InputError
from opvoedkit.library import (
    FACILITATOR_ONLY,
    SECTIONS,
    load_exercise,
    load_library,
    parse_steps,
)
from opvoedkit.text import ListBlock, Paragraph, parse_markdown, plain, render
from opvoedkit.vocab import PARTS

from .conftest import ROOT

LIBRARY = load_library()
EXERCISES = sorted(LIBRARY.exercises)
HOSTILE = "Stichting <b>Kardeş</b> & {{ 7*7 }}"
GOOD = ROOT / "exercises" / "wens-voor-de-toekomst.md"


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if re.search(r"\w", s)]


def _text_of(source: str) -> str:
    lines = []
    for block in parse_markdown(render(source, {"municipality": "Voorbeeldstad"})):
        if isinstance(block, Paragraph):
            lines.append(plain(block.spans))
        elif isinstance(block, ListBlock):
            lines += [plain(item) for item in block.items]
    return "\n".join(lines)


def test_at_least_eighteen_exercises_covering_every_part_and_audience() -> None:
    assert len(EXERCISES) >= 18
    metas = [LIBRARY.exercises[e].meta for e in EXERCISES]
    assert {m.toolkit_part for m in metas} >= set("ABCDEFG")
    assert {m.part for m in metas} == set(PARTS)
    for audience in ("professionals", "informal", "policy"):
        assert sum(audience in m.audiences for m in metas) >= 6, audience


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_content_linter(exercise_id: str) -> None:
    """Every exercise is complete, its timings add up and its participant text is B1."""
    exercise = LIBRARY.exercises[exercise_id]
    meta = exercise.meta
    for key, _ in SECTIONS:
        assert exercise.sections[key].strip(), key
    assert sum(step.minutes for step in exercise.steps) == meta.minutes.default
    assert all(step.title for step in exercise.steps)
    assert len(exercise.steps) >= 2
    assert all(m % 5 == 0 for m in (meta.minutes.min, meta.minutes.default, meta.minutes.max))
    debrief = _text_of(exercise.sections["debrief"]).splitlines()
    assert 3 <= len(debrief) <= 6
    slide = _text_of(exercise.sections["slide"]).splitlines()
    assert 2 <= len(slide) <= 5
    assert all(len(line) <= 60 for line in slide), slide
    worksheet = _text_of(exercise.sections["worksheet"])
    assert len(worksheet) > 40
    sentences = _sentences(worksheet)
    words = [len(s.split()) for s in sentences]
    assert sum(words) / len(words) <= 15, "average worksheet sentence over 15 words"
    assert max(words) <= 20, max(zip(words, sentences, strict=True))
    long_words = [w for w in re.findall(r"[A-Za-zÀ-ÿ-]+", worksheet) if len(w) > 20]
    assert not long_words
    if meta.worksheet.space == "table":
        assert meta.worksheet.columns


def test_every_body_renders_a_hostile_name_verbatim() -> None:
    for exercise_id in EXERCISES:
        exercise = LIBRARY.exercises[exercise_id]
        rendered = [_text_of_with(source) for source in exercise.sections.values()]
        assert any(HOSTILE in text for text in rendered), exercise_id
        assert "49" not in "".join(t.replace(HOSTILE, "") for t in rendered if "{{" in t)


def _text_of_with(source: str) -> str:
    lines = []
    for block in parse_markdown(render(source, {"municipality": HOSTILE})):
        items = block.items if isinstance(block, ListBlock) else (block.spans,)
        lines += [plain(item) for item in items]
    return "\n".join(lines)


def test_background_library_has_the_brochure_themes() -> None:
    ids = [b.meta.id for b in LIBRARY.backgrounds]
    assert ids[-1] == "verder-lezen"
    assert {"rol-van-de-gemeente", "ouders-bereiken", "kracht-van-beide-circuits"} <= set(ids)
    reading = next(b for b in LIBRARY.backgrounds if b.meta.id == "verder-lezen")
    for author in ("Distelbrink", "Pels", "Van der Klein", "Ponzoni"):
        assert author.lower() in reading.sections["text"].lower()


def _write_exercise(folder: Path, text: str, name: str = "mijn-oefening.md") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _good_text(**changes: str) -> str:
    text = GOOD.read_text(encoding="utf-8").replace("id: wens-voor-de-toekomst",
                                                    "id: mijn-oefening")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return text


def test_user_folder_adds_and_overrides_exercises(tmp_path: Path) -> None:
    folder = tmp_path / "eigen"
    _write_exercise(folder, _good_text())
    override = GOOD.read_text(encoding="utf-8").replace("title: Een wens voor de toekomst",
                                                        "title: Onze eigen wensronde")
    _write_exercise(folder, override, "wens-voor-de-toekomst.md")
    library = load_library([folder])
    assert "mijn-oefening" in library.exercises
    assert library.exercises["wens-voor-de-toekomst"].title == "Onze eigen wensronde"
    assert len(library.exercises) == len(EXERCISES) + 1


@pytest.mark.parametrize(("change", "line", "message"), [
    ({"part: afsluiten": "part: einde"}, 4, "`part`"),
    ({"group_form: plenair": "group_form: plenair\nkleur: rood"}, 8, "unknown field `kleur`"),
    ({"## Nabespreking": "## Nabesprekking"}, 0, "unknown section `## Nabesprekking`"),
    ({"{{ municipality }}": "{{ ''.__class__ }}"}, 0, "only `{{ variable }}` is allowed"),
    ({"{{ municipality }}": "{% for i in range(99999) %}x{% endfor %}"}, 0,
     "only `{{ variable }}`"),
    ({"---\nid": "id"}, 1, "must start with a line `---`"),
])
def test_broken_exercise_file_is_an_input_error_with_position(
        tmp_path: Path, change: dict[str, str], line: int, message: str) -> None:
    path = _write_exercise(tmp_path / "eigen", _good_text(**change))
    with pytest.raises(InputError) as caught:
        load_exercise(path)
    problem = caught.value.problems[0]
    assert problem.file == str(path)
    assert message in problem.message
    if line:
        assert problem.line == line
    else:
        assert problem.line > 10


def test_step_minutes_must_add_up(tmp_path: Path) -> None:
    path = _write_exercise(tmp_path / "eigen", _good_text(**{"(5 min)": "(6 min)"}))
    with pytest.raises(InputError) as caught:
        load_exercise(path)
    assert "the steps add up to" in caught.value.problems[0].message


def test_broken_user_file_exits_2_with_position(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "eigen"
    _write_exercise(folder, _good_text(**{"part: afsluiten": "part: [x"}))
    result = run_cli("list-exercises", "--exercises-dir", folder)
    assert result.exit_code == 2
    assert f"{folder / 'mijn-oefening.md'}:" in result.stderr


def test_list_exercises_json_contract(run_cli) -> None:
    result = run_cli("list-exercises", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data) >= 18
    for item in data:
        assert {"id", "title", "minutes", "audiences", "themes", "group_form"} <= set(item)
        assert set(item["minutes"]) == {"min", "default", "max"}


@pytest.mark.parametrize(("option", "value", "check"), [
    ("--audience", "policy", lambda e: "policy" in e["audiences"]),
    ("--theme", "gemeente", lambda e: "gemeente" in e["themes"]),
    ("--part", "afsluiten", lambda e: e["part"] == "afsluiten"),
    ("--max-minutes", "20", lambda e: e["minutes"]["min"] <= 20),
])
def test_filters_return_only_matches(run_cli, option: str, value: str, check) -> None:
    result = run_cli("list-exercises", option, value, "--format", "json")
    data = json.loads(result.stdout)
    assert data
    assert all(check(e) for e in data)
    assert len(data) < len(EXERCISES)


def test_unknown_filter_value_is_a_usage_error(run_cli) -> None:
    result = run_cli("list-exercises", "--audience", "ouders")
    assert result.exit_code == 2
    assert "professionals, informal, policy" in result.stderr


def test_table_fits_80_columns(run_cli) -> None:
    result = run_cli("list-exercises")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "kennismaken-wie-zit-er-aan-tafel" in result.stdout


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_show_exercise_renders_every_section(run_cli, exercise_id: str) -> None:
    result = run_cli("show-exercise", exercise_id)
    assert result.exit_code == 0
    for _, title in SECTIONS:
        assert title in result.stdout


def test_show_exercise_did_you_mean(run_cli) -> None:
    result = run_cli("show-exercise", "stellingspel")
    assert result.exit_code == 2
    assert "did you mean `stellingenspel`?" in result.stderr


def test_steps_parse_title_minutes_and_text() -> None:
    steps = parse_steps(parse_markdown("1. **Uitleg** (5 min). Vertel het doel.\n"
                                       "2. **Ronde** (10 min). Iedereen praat.\n"))
    assert [(t, m, plain(r)) for t, m, r in steps] == [("Uitleg", 5, "Vertel het doel."),
                                                     ("Ronde", 10, "Iedereen praat.")]


def test_facilitator_only_sections_are_named() -> None:
    assert set(FACILITATOR_ONLY) == {"preparation", "steps", "debrief", "tips"}


def test_catalogue_index_is_current() -> None:
    """exercises/index.json must match the files (run scripts/make_catalogue_index.py)."""
    from opvoedkit.catalogue import INDEX, build_index, exercise_entry, file_hashes
    from opvoedkit.library import index_payload
    from opvoedkit.resources import data_dir

    folder = data_dir("exercises")
    stored = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    fresh = build_index((exercise_entry(e) for e in LIBRARY.exercises.values()),
                        index_payload(LIBRARY))
    assert stored == json.loads(json.dumps(fresh)), "run scripts/make_catalogue_index.py"
    assert stored["files"] == file_hashes(folder)


def test_the_library_from_the_index_equals_the_library_from_the_files(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from opvoedkit import catalogue, library

    from_index = library._packaged_from_index()
    assert from_index is not None, "run scripts/make_catalogue_index.py"
    monkeypatch.setattr(catalogue, "load_index", lambda: None)
    library._load_library.cache_clear()
    try:
        from_files = library.load_library()
    finally:
        library._load_library.cache_clear()
    assert from_index[0] == from_files.exercises
    assert list(from_index[0]) == list(from_files.exercises)  # the same order
    assert from_index[1] == from_files.backgrounds


def test_changed_files_make_the_index_unused(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from opvoedkit import catalogue

    copy = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", copy)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    monkeypatch.setattr(catalogue, "data_dir", lambda name: tmp_path / name)
    assert catalogue._from_index() is not None
    path = copy / "stellingenspel.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert catalogue._from_index() is None
    assert sorted(e["id"] for e in catalogue.entries()) == EXERCISES


def test_a_changed_background_block_makes_the_index_unused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from opvoedkit import catalogue

    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    monkeypatch.setattr(catalogue, "data_dir", lambda name: tmp_path / name)
    assert catalogue.load_index() is not None
    block = next((tmp_path / "templates" / "background").glob("*.md"))
    block.write_text(block.read_text(encoding="utf-8").replace("## Dia", "## Dia\n", 1),
                     encoding="utf-8")
    assert catalogue.load_index() is None


def test_unprintable_character_in_a_body_is_located(tmp_path: Path) -> None:
    text = _good_text(**{"## Voorbereiding": "## Voorbereiding\n- Neem\tmee: taart 🎂 en koffie"})
    path = _write_exercise(tmp_path / "eigen", text)
    with pytest.raises(InputError) as caught:
        load_exercise(path)
    problem = caught.value.problems[0]
    line = text.split("\n").index("- Neem\tmee: taart 🎂 en koffie") + 1
    assert (problem.line, problem.column) == (line, 19)
    assert "'🎂' (U+1F382 BIRTHDAY CAKE) cannot be printed" in problem.message
