"""The exercise library: format checks, the content linter, list-exercises and show-exercise."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest

from opvoedkit import catalogue, library, usercache
from opvoedkit.errors import InputError
from opvoedkit.library import (
    FACILITATOR_ONLY,
    SECTIONS,
    ExerciseMeta,
    GroupForm,
    Library,
    Part,
    Theme,
    load_exercise,
    load_library,
    parse_steps,
)
from opvoedkit.resources import library_sources
from opvoedkit.text import ListBlock, Paragraph, parse_markdown, plain, render
from opvoedkit.vocab import AUDIENCES, GROUP_FORM_LABELS, PARTS, THEMES

from .conftest import ROOT

LIBRARY = load_library()
EXERCISES = sorted(LIBRARY.exercises)
HOSTILE = "Stichting <b>Kardeş</b> & {{ 7*7 }}"
GOOD = ROOT / "exercises" / "wens-voor-de-toekomst.md"


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if re.search(r"\w", s)]


def _text_of(source: str) -> str:
    lines = []
    for block in parse_markdown(render(source, library.SAMPLE_STEP)):
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
    for block in parse_markdown(render(source, {**library.SAMPLE_STEP, "municipality": HOSTILE})):
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
    ({"{{ municipality }}": "{{ ''.__class__ }}"}, 0,
     "only `{{ variable }}` and `{% if %}` is allowed"),
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
    assert "{%" not in result.stdout and "{{" not in result.stdout  # conditions in words


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


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty user cache folder, and a process that has not loaded the library yet; returns
    where the cached library goes."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    library.forget_loaded()
    yield tmp_path / "cache" / "opvoedkit" / usercache.LIBRARY
    library.forget_loaded()


def _reload() -> Library:
    library.forget_loaded()
    return load_library()


def _refuse(*_: object) -> None:
    raise AssertionError("a file was read")


def test_a_cold_cache_is_filled_with_the_checked_library(
        cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load_library()
    assert json.loads(cache_file.read_text(encoding="utf-8"))["key"] == usercache.key_of(
        library_sources())
    monkeypatch.setattr(library, "load_exercise", _refuse)
    monkeypatch.setattr(library, "load_background", _refuse)
    cached = _reload()
    assert cached == fresh == LIBRARY
    assert list(cached.exercises) == list(fresh.exercises)  # the same order


def test_list_exercises_answers_from_the_cache_alone(cache_file: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cold = catalogue.entries()  # fills the cache
    monkeypatch.setattr(library, "load_library", _refuse)
    assert catalogue.entries() == cold == [catalogue.entry(e.meta.model_dump(mode="json"))
                                           for e in LIBRARY.exercises.values()]


def test_the_key_covers_the_files_the_checking_code_and_the_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = {p.name for p in library_sources()}
    packaged = [*(ROOT / "exercises").glob("*.md"), *(ROOT / "templates/background").glob("*.md")]
    assert {p.name for p in packaged if p.name != "README.md"} < names
    assert {"library.py", "text.py", "glyphs.py", "yamlio.py", "coverage.txt"} < names
    files = [tmp_path / "een.md", tmp_path / "twee.md"]
    for path in files:
        path.write_text("---\n", encoding="utf-8")
    keys = {usercache.key_of(files)}
    for path in files:
        path.write_text("---\n\n", encoding="utf-8")
        keys.add(usercache.key_of(files))
    monkeypatch.setattr(usercache, "__version__", "0.0.0")
    keys.add(usercache.key_of(files))
    files[0].unlink()
    assert usercache.key_of(files) is None
    assert len(keys) == 4


@pytest.mark.parametrize("stored", ['{"key": "stale", "exercises": [], "backgrounds": []}',
                                    "[1, 2]", "{bad json", '{"key": "KEY", "exercises": {}}'])
def test_a_stale_or_broken_cache_is_replaced(cache_file: Path, stored: str) -> None:
    cache_file.parent.mkdir(parents=True)
    key = usercache.key_of(library_sources())
    assert key is not None
    cache_file.write_text(stored.replace("KEY", key), encoding="utf-8")
    assert load_library() == LIBRARY
    assert json.loads(cache_file.read_text(encoding="utf-8"))["key"] == key
    assert sorted(e["id"] for e in catalogue.entries()) == EXERCISES


def test_an_unwritable_cache_folder_still_loads(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    try:
        assert _reload() == LIBRARY
        assert sorted(e["id"] for e in catalogue.entries()) == EXERCISES
    finally:
        library.forget_loaded()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_user_folders_are_never_cached(cache_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "eigen"
    _write_exercise(folder, _good_text())
    assert "mijn-oefening" in [e["id"] for e in catalogue.entries([folder])]
    cached = json.loads(cache_file.read_text(encoding="utf-8"))
    assert sorted(item["meta"]["id"] for item in cached["exercises"]) == EXERCISES


def test_front_matter_hints_name_the_fields_of_the_right_model(tmp_path: Path) -> None:
    text = _good_text(**{"group_form: plenair": "group_form: plenair\ngroup_sise: 4",
                         "space: ": "spaces: "})
    with pytest.raises(InputError) as caught:
        load_exercise(_write_exercise(tmp_path / "eigen", text))
    hints = {p.message: p.hint for p in caught.value.problems}
    assert hints["unknown field `group_sise`"] == "did you mean `group_size`?"
    assert hints["unknown field `spaces`"] == "did you mean `space`?"


def test_a_wrong_part_hint_lists_the_parts(tmp_path: Path) -> None:
    path = _write_exercise(tmp_path / "eigen", _good_text(**{"part: afsluiten": "part: einde"}))
    with pytest.raises(InputError) as caught:
        load_exercise(path)
    assert caught.value.problems[0].hint == "use one of: " + " or ".join(
        ", ".join(f"'{p}'" for p in PARTS).rsplit(", ", 1))


def test_unprintable_character_in_a_body_is_located(tmp_path: Path) -> None:
    text = _good_text(**{"## Voorbereiding": "## Voorbereiding\n- Neem\tmee: taart 🎂 en koffie"})
    path = _write_exercise(tmp_path / "eigen", text)
    with pytest.raises(InputError) as caught:
        load_exercise(path)
    problem = caught.value.problems[0]
    line = text.split("\n").index("- Neem\tmee: taart 🎂 en koffie") + 1
    assert (problem.line, problem.column) == (line, 19)
    assert "'🎂' (U+1F382 BIRTHDAY CAKE) cannot be printed" in problem.message


def test_the_plain_vocabularies_are_the_models_own() -> None:
    """vocab.py repeats the models' literals for the light commands: they must not drift."""
    meta = ExerciseMeta.model_fields
    assert get_args(Part) == PARTS
    assert get_args(Theme) == THEMES
    assert get_args(GroupForm) == tuple(GROUP_FORM_LABELS)
    assert get_args(get_args(meta["audiences"].annotation)[0]) == AUDIENCES
