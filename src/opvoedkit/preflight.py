"""Everything ``build`` checks before it renders: session, exercises, files and the fit.

``validate``, ``plan``, ``build`` and every batch row go through :func:`prepare_session`, so
they agree on what is wrong with a session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .config import (
    AUTO,
    ExerciseRef,
    Session,
    check_files,
    is_exercise_id,
    parse_session,
    validate_session,
)
from .errors import InputError, Problem
from .i18n import _
from .library import Library, load_library
from .planner import Program, plan
from .positions import Locator, locator
from .yamlio import load_yaml, read_text


@dataclass(frozen=True)
class Prepared:
    """A session that passed every check, with its library and its timed program."""

    session: Session
    library: Library
    program: Program
    path: Path


def check_exercise_ids(session: Session, locate: Locator, library: Library) -> list[Problem]:
    """Every chosen exercise exists (an unknown id gets a "did you mean") and is chosen once."""
    problems = []
    seen: dict[str, int] = {}
    for index, item in enumerate(session.exercises):
        if item == AUTO:
            continue
        ref = ExerciseRef.model_construct(id=item, minutes=None) if isinstance(item, str) else item
        is_ref = not isinstance(item, str)
        path: tuple[str | int, ...] = ("exercises", index, "id") if is_ref else ("exercises", index)
        file, line, column = locate(path, False)
        if library.get(ref.id) is None:
            problems.append(Problem(file, line, column, _("unknown exercise `{id}`").format(
                id=ref.id), library.suggest(ref.id)))
        elif ref.id in seen:
            problems.append(Problem(file, line, column,
                                    _("exercise `{id}` is chosen twice (first as number "
                                      "{number})").format(id=ref.id, number=seen[ref.id] + 1),
                                    _("remove one of the two")))
        seen.setdefault(ref.id, index)
    return problems


def raw_exercise_problems(data: object, locate: Locator, library: Library) -> list[Problem]:
    """Unknown exercise ids in data that failed validation, so that one run reports them too."""
    exercises = data.get("exercises") if isinstance(data, dict) else None
    if not isinstance(exercises, list):
        return []
    problems = []
    for index, entry in enumerate(exercises):
        is_ref = isinstance(entry, dict)
        exercise_id = entry.get("id") if isinstance(entry, dict) else entry
        # an id of the wrong shape is reported by validation, with the id to write instead
        if (is_exercise_id(exercise_id) and exercise_id != AUTO
                and library.get(exercise_id) is None):
            file, line, column = locate(("exercises", index, "id") if is_ref
                                        else ("exercises", index), False)
            problems.append(Problem(file, line, column, _("unknown exercise `{id}`").format(
                id=exercise_id), library.suggest(exercise_id)))
    return problems


def check_own_exercises(library: Library) -> list[Problem]:
    """The content rules (contentcheck.py) for the exercises of a user's own folders; the
    packaged ones keep them by test."""
    checked = _CHECKED.get(library.folders)
    if checked is not None and checked[0] is library:  # a batch checks once, not every row
        return checked[1]
    packaged = library.folders[0] if library.folders else None
    own = [e for e in library.exercises.values() if e.source.parent != packaged]
    problems = []
    if own:
        from .contentcheck import check_exercise

        titles = {e.id: e.title for e in library.exercises.values()}
        problems = [p for exercise in own for p in check_exercise(exercise, titles)]
    _CHECKED[library.folders] = (library, problems)
    return problems


# The problems found in the library last loaded from these folders (a library read again after
# forget_loaded() is another object, and is checked again).
_CHECKED: dict[tuple[Path, ...], tuple[Library, list[Problem]]] = {}


def prepare_session(session: Session, locate: Locator, library: Library,
                    path: Path) -> Prepared:
    """Checks after a session has been validated: exercise ids, referenced files, the fit."""
    problems = check_exercise_ids(session, locate, library) + check_files(session, locate)
    problems += check_own_exercises(library)
    if problems:
        raise InputError(problems)
    try:
        program = plan(session, library, session_file=str(path))
    except InputError as exc:  # the planner's problems name a field, not a position
        raise InputError([p if p.line else _located(p, locate) for p in exc.problems]) from None
    program = _with_date_warnings(program)
    if session.branding.colour:  # where a brand colour is (not) used, and its contrast
        from .template_check import template_warnings

        found = template_warnings(session)
        program = replace(program, warnings=(*program.warnings, *found))
    return Prepared(session, library, program, path)


def _with_date_warnings(program: Program) -> Program:
    """The program with a warning for each meeting day that clashes with a feast, a fast or a
    holiday (datecheck.py): a warning, which ``--strict`` makes an error."""
    if all(d.date is None for d in program.dayparts):
        return program
    from .datecheck import date_warnings

    found = date_warnings(program)
    return replace(program, warnings=(*program.warnings, *found)) if found else program


def _located(problem: Problem, locate: Locator) -> Problem:
    """``problem`` at the position of its field in the session (``exercises`` by default)."""
    field = problem.field or ("exercises",)
    file, line, column = locate(field, field == ("exercises",))
    return replace(problem, file=file, line=line, column=column)


def _with_exercise_problems(error: InputError, data: object, locate: Locator,
                            library: Library) -> InputError:
    extra = raw_exercise_problems(data, locate, library)
    return InputError(sorted([*error.problems, *extra], key=lambda p: (p.line, p.column)))


def prepare_data(data: object, base_dir: Path, locate: Locator, library: Library,
                 path: Path) -> Prepared:
    """Validate and plan session data that did not come from one file (a batch row)."""
    try:
        session = validate_session(data, base_dir, locate, library)
    except InputError as exc:
        raise _with_exercise_problems(exc, data, locate, library) from None
    return prepare_session(session, locate, library, path)


def prepare(session_path: str | Path, exercises_dirs: Sequence[str | Path] = ()) -> Prepared:
    """Load, validate and plan one session file; raises InputError listing every problem."""
    path = Path(session_path)
    library = load_library(exercises_dirs)
    located = load_yaml(read_text(path, what="session file"), str(path))
    try:
        session = parse_session(located, path.resolve().parent, library)
    except InputError as exc:
        raise _with_exercise_problems(exc, located.data, locator(located), library) from None
    return prepare_session(session, locator(located), library, path)
