"""The exercise catalogue and the background library: Markdown files with YAML front matter.

The packaged ``exercises/`` folder comes first; user folders (``--exercises-dir``) add exercises or
replace one by id. A broken file is an input error with its file and line, like a session file.
The packaged library, once read and checked, is kept in the user's cache folder while its files
are unchanged (usercache.py); user folders are read every time.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import usercache
from .bodytext import (
    BACKGROUND_VARIABLES,
    EXERCISE_VARIABLES,
    FILTERS,
    STEP_VARIABLES,
    background_variables,
    exercise_variables,
    split_steps,
    step_variables,
)
from .errors import InputError, Problem
from .i18n import _
from .positions import Text, positioned
from .resources import data_dir, library_sources, markdown_files
from .text import Block, ListBlock, Span, check_template_source, parse_markdown, plain, sections
from .vocab import Theme
from .yamlio import Located, load_yaml, read_text

Part = Literal["kennismaken", "verkenning", "visie", "opzetten", "afsluiten"]
GroupForm = Literal["individueel", "tweetallen", "drietallen", "subgroepen", "plenair"]
Per = Literal["deelnemer", "groep", "sessie"]

SECTIONS: tuple[tuple[str, str], ...] = (
    ("goal", "Doel"),
    ("preparation", "Voorbereiding"),
    ("steps", "Stappen"),
    ("debrief", "Nabespreking"),
    ("tips", "Tips voor een gemengde groep"),
    ("worksheet", "Werkblad"),
    ("slide", "Dia"),
)
FACILITATOR_ONLY = ("preparation", "steps", "debrief", "tips")
BACKGROUND_SECTIONS: tuple[tuple[str, str], ...] = (
    ("slide", "Dia"), ("text", "Toelichting"), ("participants", "Voor deelnemers"))
_STEP = re.compile(r"^\s*(?P<title>.+?)\s*\((?P<minutes>\d+)\s*min\)\s*[.:]?\s*(?P<rest>.*)$", re.S)
L = TypeVar("L")
# The values a text is checked with at load time (any session's values would do).
SAMPLE = exercise_variables(
    municipality="Voorbeeldstad", audience=("professionals", "informal", "policy"),
    participants=20, groups=5, group_size=4, groups_text="5 groepen van 4", minutes=30,
    earlier=(), later=(), titles={})
SAMPLE_STEP = step_variables(SAMPLE, 5)
SAMPLE_BACKGROUND = background_variables(
    municipality="Voorbeeldstad", audience=("professionals", "informal", "policy"),
    participants=20)


class _Meta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Minutes(_Meta):
    """How long an exercise takes: shortest workable, usual, longest useful."""

    min: int = Field(ge=5, le=240)
    default: int = Field(ge=5, le=240)
    max: int = Field(ge=5, le=240)

    @model_validator(mode="after")
    def _ordered(self) -> Minutes:
        if not self.min <= self.default <= self.max:
            raise ValueError(_("minutes need {rule}").format(rule="min ≤ default ≤ max"))
        return self


class Material(_Meta):
    """Something the facilitator brings, with how many."""

    item: Annotated[str, Field(min_length=1, max_length=60)]
    quantity: int = Field(1, ge=1, le=100)
    per: Per = "sessie"


class Worksheet(_Meta):
    """The writing space on the participant worksheet."""

    space: Literal["lines", "table", "none"] = "lines"
    lines: int = Field(6, ge=1, le=30)
    columns: list[Annotated[str, Field(min_length=1, max_length=30)]] = Field(
        default_factory=list, max_length=5)
    rows: int = Field(4, ge=1, le=20)


class Character(_Meta):
    """A person in a case, with names to use instead when someone in the session has theirs."""

    name: Annotated[str, Field(min_length=1, max_length=40)]
    alternatives: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        min_length=2, max_length=8)


class Printable(_Meta):
    """A card set, sheet or poster an exercise needs, printed in materialen-printen.pdf."""

    kind: Literal["cards", "sheet", "poster"]
    title: Annotated[str, Field(min_length=1, max_length=60)]
    copies: int = Field(1, ge=1, le=50)
    per: Per = "groep"
    items: list[Annotated[str, Field(min_length=1, max_length=600)]] = Field(
        default_factory=list, max_length=60)
    figure: Literal["none", "circles", "quadrant", "grid", "four", "map", "timeline"] = "none"

    @model_validator(mode="after")
    def _content(self) -> Printable:
        if self.kind == "cards" and not self.items:
            raise ValueError(_("{kind} need `{field}`: the text of each card").format(
                kind="cards", field="items"))
        return self


class ExerciseMeta(_Meta):
    """Front matter of an exercise file (see docs/exercise-format.md)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
    title: Annotated[str, Field(min_length=1, max_length=60)]
    part: Part
    toolkit_part: Literal["A", "B", "C", "D", "E", "F", "G"] | None = None
    minutes: Minutes
    group_form: GroupForm
    group_size: int | None = Field(None, ge=2, le=12)
    audiences: list[Literal["professionals", "informal", "policy"]] = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)
    materials: list[Material]
    worksheet: Worksheet
    characters: list[Character] = Field(default_factory=list, max_length=20)
    printables: list[Printable] = Field(default_factory=list, max_length=10)

    @model_validator(mode="after")
    def _group_size(self) -> ExerciseMeta:
        if self.group_form == "subgroepen" and self.group_size is None:
            raise ValueError(_("{field} `{value}` needs `{needed}` (people per subgroup)").format(
                field="group_form", value="subgroepen", needed="group_size"))
        return self


_SUBMODELS: dict[str, type[_Meta]] = {"minutes": Minutes, "materials": Material,
                                       "worksheet": Worksheet, "characters": Character,
                                       "printables": Printable}


class BackgroundMeta(_Meta):
    """Front matter of a background block."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
    title: Annotated[str, Field(min_length=1, max_length=60)]
    order: int = Field(ge=0, le=1000)
    characters: list[Character] = Field(default_factory=list, max_length=20)


@dataclass(frozen=True)
class Step:
    """One numbered step of an exercise."""

    title: str
    minutes: int


@dataclass(frozen=True)
class Exercise:
    """One exercise: metadata, its raw Markdown sections and the parsed step timings."""

    meta: ExerciseMeta
    sections: dict[str, str]
    steps: tuple[Step, ...]
    source: Path

    @property
    def id(self) -> str:
        """Shortcut for ``meta.id``."""
        return self.meta.id

    @property
    def title(self) -> str:
        """Shortcut for ``meta.title``."""
        return self.meta.title


@dataclass(frozen=True)
class Background:
    """One background block for deck, handbook and handout."""

    meta: BackgroundMeta
    sections: dict[str, str]
    source: Path


@dataclass(frozen=True)
class Library:
    """Every exercise by id, and the background blocks in order."""

    exercises: dict[str, Exercise]
    backgrounds: tuple[Background, ...] = ()
    folders: tuple[Path, ...] = field(default_factory=tuple)

    def get(self, exercise_id: str) -> Exercise | None:
        """The exercise with this id, or None."""
        return self.exercises.get(exercise_id)

    def suggest(self, exercise_id: str) -> str:
        """A "did you mean" hint for an unknown id."""
        ids = list(self.exercises)
        close = difflib.get_close_matches(exercise_id, ids, n=2, cutoff=0.5)
        if not close:
            close = [i for i in ids if exercise_id in i or i in exercise_id][:2]
        if close:
            return _("did you mean {ids}?").format(ids=_(" or ").join(f"`{c}`" for c in close))
        return _("see `{command}` for the ids").format(command="opvoedkit list-exercises")


def _split_front_matter(text: str, name: str) -> tuple[str, str, int]:
    """(front matter, body, line number where the body starts)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise InputError.single(name, _("the file must start with a line `{line}` and front "
                                        "matter").format(line="---"),
                                _("see {file}").format(file="docs/exercise-format.md"), line=1,
                                column=1)
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    raise InputError.single(name, _("the front matter is not closed with a line `{line}`").format(
        line="---"), _("add a line `{line}` after the metadata").format(line="---"), line=1,
        column=1)


def _parse_meta(model: type[_Meta], located: Located) -> _Meta:
    if not isinstance(located.data, dict):
        raise InputError.single(located.file, _("the front matter must be `{line}` lines").format(
                                    line="key: value"),
                                line=2, column=1)
    try:
        return model.model_validate(located.data)
    except ValidationError as exc:
        raise InputError(positioned(exc.errors(), located, _hint(model))) from None


def _hint(model: type[_Meta]) -> Text:
    """How to mend a front-matter error of ``model``: the fields or values allowed there."""

    def hint(error: Mapping[str, Any]) -> str:
        loc, kind = error["loc"], error["type"]
        if kind == "extra_forbidden":
            owner = _SUBMODELS.get(next((p for p in loc[:-1] if isinstance(p, str)), ""), model)
            fields = list(owner.model_fields)
            close = difflib.get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
            return (_("did you mean `{name}`?").format(name=close[0]) if close
                    else _("allowed here: {names}").format(names=", ".join(fields)))
        if kind == "missing":
            return _("add `{name}:` to the front matter").format(name=loc[-1])
        if kind == "literal_error":
            return _("use one of: {values}").format(
                values=str(error.get("ctx", {}).get("expected", "")))
        return ""

    return hint


def _check_sections(found: list[tuple[str, int, str]], expected: Sequence[tuple[str, str]],
                    name: str, offset: int, problems: list[Problem],
                    allowed: Mapping[str, frozenset[str]]) -> dict[str, str]:
    titles = [title for _, title in expected]
    result: dict[str, str] = {}
    order = []
    for title, line, body in found:
        if title not in titles:
            close = difflib.get_close_matches(title, titles, n=1, cutoff=0.5)
            hint = (_("did you mean `{heading}`?").format(heading=f"## {close[0]}") if close
                    else _("sections: {titles}").format(titles=", ".join(titles)))
            what = (_("unknown section `{heading}`").format(heading=f"## {title}") if title
                    else _("text before the first section"))
            problems.append(Problem(name, line + offset - 1, 1, what, hint))
            continue
        key = dict((t, k) for k, t in expected)[title]
        if key in result:
            problems.append(Problem(name, line + offset - 1, 1, _(
                "section `{heading}` twice").format(heading=f"## {title}")))
            continue
        if not body.strip():
            problems.append(Problem(name, line + offset - 1, 1, _(
                "section `{heading}` is empty").format(heading=f"## {title}")))
        result[key] = body
        order.append(key)
        template = check_template_source(body, allowed[key], conditions=True, filters=FILTERS)
        if template:
            problems.append(Problem(name, line + offset + template[0] - 1, 1, template[1]))
        glyph = _unprintable(body)
        if glyph:
            problems.append(Problem(name, line + offset + glyph[0] - 1, glyph[1], glyph[2]))
    for key, title in expected:
        if key not in result:
            problems.append(Problem(name, offset, 1, _("section `{heading}` is missing").format(
                heading=f"## {title}"), _("sections, in order: {titles}").format(
                titles=", ".join(titles))))
    if not problems and order != [k for k, _ in expected]:
        problems.append(Problem(name, offset, 1, _("sections are not in the usual order"),
                                _("order: {titles}").format(titles=", ".join(titles))))
    return result


def _unprintable(body: str) -> tuple[int, int, str] | None:
    """(line within the section, column, message) of the first character no font can print."""
    from .glyphs import first_problem

    for number, text in enumerate(body.replace("\t", " ").split("\n"), start=1):
        problem = first_problem(text)
        if problem:
            column = next(i for i, c in enumerate(text, start=1) if first_problem(c))
            return (number, column, problem)
    return None


def parse_steps(blocks: Iterable[Block]) -> list[tuple[str, int, tuple[Span, ...]]]:
    """Steps from the `Stappen` section: (title, minutes, the text after the title)."""
    steps = []
    for block in blocks:
        if not isinstance(block, ListBlock) or not block.ordered:
            continue
        for item in block.items:
            title_spans = [s for s in item[:1] if s.bold]
            text = plain(item)
            match = _STEP.match(text)
            if not match:
                steps.append(("", 0, item))
                continue
            title = title_spans[0].text.strip() if title_spans else match["title"]
            rest = item[1:] if title_spans else (Span(match["rest"]),)
            rest_text = plain(rest)
            cleaned = re.sub(r"^\s*\(\d+\s*min\)\s*[.:]?\s*", "", rest_text)
            if cleaned != rest_text:
                rest = _strip_prefix(rest, len(rest_text) - len(cleaned))
            steps.append((title, int(match["minutes"]), rest))
    return steps


def _strip_prefix(spans: tuple[Span, ...], count: int) -> tuple[Span, ...]:
    out: list[Span] = []
    for span in spans:
        if count >= len(span.text):
            count -= len(span.text)
            continue
        out.append(Span(span.text[count:], span.bold, span.italic))
        count = 0
    return tuple(out)


def _read_document(path: Path, what: str, model: type[_Meta]) -> tuple[_Meta, str, int]:
    """(validated front matter, body, line where the body starts) of a Markdown file."""
    name = str(path)
    front, body, offset = _split_front_matter(read_text(path, what=what), name)
    return _parse_meta(model, load_yaml(front, name, line_offset=1)), body, offset


def load_exercise(path: Path) -> Exercise:
    """Read, check and return one exercise file."""
    name = str(path)
    meta, body, offset = _read_document(path, "exercise file", ExerciseMeta)
    assert isinstance(meta, ExerciseMeta)
    problems: list[Problem] = []
    if meta.id != path.stem:
        problems.append(Problem(name, 2, 1, _("id `{id}` differs from the file name").format(
            id=meta.id), _("name the file `{file}` or set `{line}`").format(
            file=f"{meta.id}.md", line=f"id: {path.stem}")))
    found = sections(body)
    allowed = {key: STEP_VARIABLES if key == "steps" else EXERCISE_VARIABLES
               for key, _ in SECTIONS}
    parts = _check_sections(found, SECTIONS, name, offset, problems, allowed)
    steps: list[Step] = []
    if "steps" in parts and not problems:
        from .text import render

        line = next(line for title, line, _ in found if title == "Stappen") + offset - 1
        for chunk in split_steps(parts["steps"]):
            fault = check_template_source(chunk, STEP_VARIABLES, conditions=True,
                                          filters=FILTERS)
            if fault:  # a `{% if %}` that opens in one step and closes in another
                problems.append(Problem(name, line, 1, _("step `{step}…`: {problem}").format(
                    step=chunk[:30], problem=fault[1]), _(
                    "open and close every `{tag}` within one step").format(tag="{% if %}")))
        if problems:
            raise InputError(problems)
        parsed = parse_steps(parse_markdown(render(parts["steps"], SAMPLE_STEP)))
        if not parsed:
            problems.append(Problem(name, line, 1, _("`{heading}` needs a numbered list").format(
                                        heading="## Stappen"),
                                    "1. **Uitleg** (5 min). …"))
        for index, (title, minutes, _line) in enumerate(parsed, start=1):
            if not minutes:
                problems.append(Problem(name, line, 1, _("step {number} has no minutes").format(
                    number=index), _("start every step with `{example}`").format(
                    example="**Title** (N min).")))
            steps.append(Step(title, minutes))
        total = sum(s.minutes for s in steps)
        if parsed and all(s.minutes for s in steps) and total != meta.minutes.default:
            problems.append(Problem(name, line, 1, _("the steps add up to {total} minutes, but "
                                                     "{field} is {default}").format(
                total=total, field="minutes.default", default=meta.minutes.default),
                _("make the step minutes add up to the default")))
    if problems:
        raise InputError(problems)
    return Exercise(meta=meta, sections=parts, steps=tuple(steps), source=path)


def load_background(path: Path) -> Background:
    """Read, check and return one background block."""
    name = str(path)
    meta, body, offset = _read_document(path, "background file", BackgroundMeta)
    assert isinstance(meta, BackgroundMeta)
    problems: list[Problem] = []
    parts = _check_sections(sections(body), BACKGROUND_SECTIONS, name, offset, problems,
                            {key: BACKGROUND_VARIABLES for key, _ in BACKGROUND_SECTIONS})
    if problems:
        raise InputError(problems)
    return Background(meta=meta, sections=parts, source=path)


def _files(folder: Path) -> list[Path]:
    """The .md files of a folder; a symbolic link is an error (it could point anywhere)."""
    files = markdown_files(folder)
    links = [p for p in files if p.is_symlink()]
    if links:
        raise InputError([Problem(str(p), 0, 0, _("exercise files may not be symbolic links"),
                                  _("copy the file itself into the folder")) for p in links])
    return [p for p in files if p.is_file()]


def _load_all(paths: Iterable[Path], loader: Callable[[Path], L]) -> list[L]:
    """Every file loaded, or every problem of every file at once."""
    loaded: list[L] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(loader(path))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return loaded


def load_library(extra_dirs: Sequence[str | Path] = ()) -> Library:
    """The packaged catalogue plus user folders (later folders override earlier ones by id)."""
    return _load_library(tuple(Path(d).resolve() for d in extra_dirs))


def forget_loaded() -> None:
    """Forget the libraries loaded in this process: the next load reads the files again (a
    long-running caller whose exercise files changed; tests)."""
    _load_library.cache_clear()


@cache
def _load_library(extra: tuple[Path, ...]) -> Library:
    for folder in extra:
        if not folder.is_dir():
            raise InputError.single(str(folder), _("exercise folder not found"),
                                    _("pass an existing folder to {option}").format(
                                        option="--exercises-dir"))
    exercises, backgrounds = _packaged()
    for folder in extra:
        exercises |= {e.id: e for e in _load_all(_files(folder), load_exercise)}
    return Library(exercises=exercises, backgrounds=backgrounds,
                   folders=(data_dir("exercises"), *extra))


def _packaged() -> tuple[dict[str, Exercise], tuple[Background, ...]]:
    """The packaged exercises and background blocks: from the cache while it matches their
    files, else read and checked in full (and then cached)."""
    key = usercache.key_of(library_sources())
    stored = usercache.read(usercache.LIBRARY, key) if key else None
    if stored is not None:
        with contextlib.suppress(KeyError, TypeError, ValueError):  # not what we wrote
            return _from_cache(stored)
    exercises = {e.id: e for e in _load_all(_files(data_dir("exercises")), load_exercise)}
    loaded = _load_all(_files(data_dir("templates") / "background"), load_background)
    backgrounds = tuple(sorted(loaded, key=lambda b: (b.meta.order, b.meta.id)))
    if key:
        usercache.write(usercache.LIBRARY, key, {
            "exercises": [{"file": e.source.name, "meta": e.meta.model_dump(mode="json"),
                           "sections": e.sections, "steps": [[s.title, s.minutes] for s in e.steps]}
                          for e in exercises.values()],
            "backgrounds": [{"file": b.source.name, "meta": b.meta.model_dump(mode="json"),
                             "sections": b.sections} for b in backgrounds]})
    return exercises, backgrounds


def _from_cache(stored: dict[str, Any]) -> tuple[dict[str, Exercise], tuple[Background, ...]]:
    """The packaged library from the cache document (its metadata validated again)."""
    folder, background_folder = data_dir("exercises"), data_dir("templates") / "background"
    exercises = {}
    for item in stored["exercises"]:
        meta = ExerciseMeta.model_validate(item["meta"])
        exercises[meta.id] = Exercise(meta=meta, sections=dict(item["sections"]),
                                      steps=tuple(Step(t, m) for t, m in item["steps"]),
                                      source=folder / item["file"])
    backgrounds = tuple(Background(meta=BackgroundMeta.model_validate(item["meta"]),
                                   sections=dict(item["sections"]),
                                   source=background_folder / item["file"])
                        for item in stored["backgrounds"])
    return exercises, backgrounds
