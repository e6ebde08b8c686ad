"""The session file: read it with positions, validate it into a typed :class:`Session`.

The contract for the fields lives in DESIGN.md. Every field carries a description, which is what
``opvoedkit schema`` prints and what editors show while someone types.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .errors import InputError, Problem, ProblemCollector
from .vocab import AUDIENCES
from .yamlio import Located, load_yaml, read_text

Audience = Literal["professionals", "informal", "policy"]
DEFAULT_START = dt.time(9, 0)
DEFAULT_DAYPART_MINUTES = 210
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _printable(value: str) -> str:
    from .glyphs import first_problem

    problem = first_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Text = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_printable)]


class Facilitator(_Model):
    """A person who leads the meeting."""

    name: Text = Field(description="Full name, as it should appear on the cover and title slide.")
    organisation: Text | None = Field(None, description="Organisation the facilitator works for.")
    email: Text | None = Field(None, description="E-mail address for questions after the meeting.")
    phone: Text | None = Field(None, description="Telephone number for questions.")


class Contact(_Model):
    """Who participants can contact after the meeting."""

    name: Text = Field(description="Name of the contact person or team.")
    email: Text | None = Field(None, description="E-mail address.")
    phone: Text | None = Field(None, description="Telephone number.")


class ExerciseRef(_Model):
    """An exercise chosen for the session, optionally with its own length."""

    id: str = Field(description="Exercise id, as listed by `opvoedkit list-exercises`.")
    minutes: int | None = Field(None, ge=5, le=240,
                                description="Fixed length in minutes; the planner keeps it as is.")

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("an exercise id has lower-case letters, digits and hyphens only")
        return value


class Branding(_Model):
    """The municipality's own look."""

    template: Path | None = Field(None, description="A .pptx whose slide layouts the deck uses "
                                  "(relative to the session file).")
    logo: Path | None = Field(None, description="A PNG or JPEG logo for the title slide and covers "
                              "(relative to the session file).")
    colour: str | None = Field(None, description="Accent colour as #RRGGBB, for example #0a5c8f.")

    @field_validator("template", "logo", mode="after")
    @classmethod
    def _resolve(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        from .assets import contained_path

        base = (info.context or {}).get("base")
        if value is None or base is None:
            return value
        return contained_path(Path(base), value)

    @field_validator("colour")
    @classmethod
    def _colour(cls, value: str | None) -> str | None:
        if value is not None and not _COLOUR.match(value):
            raise ValueError("use a colour as #RRGGBB, for example \"#0a5c8f\" (with quotes)")
        return value.lower() if value else value


class Session(_Model):
    """One meeting in one municipality: what opvoedkit plans and renders a pack for."""

    municipality: Text = Field(description="Name of the municipality, exactly as it should be "
                               "printed, for example 's-Hertogenbosch.")
    title: Text | None = Field(None, description="Title of the meeting; default: 'Samen sterk in "
                               "opvoedondersteuning'.")
    date: dt.date | None = Field(None, description="Date of the (first) meeting day, as "
                                 "YYYY-MM-DD.")
    dates: list[dt.date] = Field(default_factory=list, description="Dates of further meeting "
                                 "days (when the dayparts do not fit on one day); default: a "
                                 "week apart.")
    start: dt.time = Field(DEFAULT_START, description="Start time as HH:MM, for example 09:30 or "
                           "19:00; default 09:00.")
    dayparts: int = Field(1, ge=1, le=4, description="Number of dayparts (dagdelen), 1 to 4.")
    daypart_minutes: int = Field(DEFAULT_DAYPART_MINUTES, ge=90, le=300,
                                 description="Programme minutes per daypart; default 210.")
    audience: list[Audience] = Field(min_length=1, description="Who attends: professionals, "
                                     "informal and/or policy.")
    participants: int | None = Field(None, ge=2, le=500, description="Expected number of "
                                     "participants, for groups, materials and copies.")
    venue: Text | None = Field(None, description="Where the meeting takes place.")
    facilitators: list[Facilitator] = Field(default_factory=list, description="Who leads the "
                                            "meeting.")
    contact: Contact | None = Field(None, description="Contact for participants after the meeting.")
    exercises: list[str | ExerciseRef] = Field(min_length=1, description="Exercises in the order "
                                               "they are done: an id, or {id, minutes}.")
    branding: Branding = Field(default_factory=Branding, description="Logo, colour and template.")

    @field_validator("start", mode="before")
    @classmethod
    def _start(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = _TIME.match(value.strip())
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                raise ValueError("use HH:MM, for example 09:30")
            return dt.time(int(match[1]), int(match[2]))
        if isinstance(value, dt.time):
            return value
        raise ValueError("use HH:MM, for example 09:30")

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if isinstance(value, dt.date) or value is None:
            return value
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError("this date does not exist; use YYYY-MM-DD") from None
        raise ValueError("use a date as YYYY-MM-DD, for example 2027-03-18")

    @field_validator("audience")
    @classmethod
    def _unique_audience(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("each audience may be named once")
        return value

    @property
    def exercise_refs(self) -> list[ExerciseRef]:
        """The chosen exercises, each as an ExerciseRef."""
        return [ExerciseRef(id=e, minutes=None) if isinstance(e, str) else e
                for e in self.exercises]


def _hint_for(error: dict[str, Any], model_at_loc: type[BaseModel] | None) -> str:
    kind = error["type"]
    if kind == "extra_forbidden" and model_at_loc is not None:
        name = str(error["loc"][-1])
        close = difflib.get_close_matches(name, list(model_at_loc.model_fields), n=1, cutoff=0.6)
        if close:
            return f"did you mean `{close[0]}`?"
        return "allowed here: " + ", ".join(model_at_loc.model_fields)
    if kind == "missing":
        return f"add `{error['loc'][-1]}:` to the file"
    if kind == "literal_error":
        got = str(error.get("input"))
        close = difflib.get_close_matches(got, AUDIENCES, n=1, cutoff=0.5)
        return (f"did you mean `{close[0]}`? " if close else "") + "use one of: " + ", ".join(
            AUDIENCES)
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "write a whole number, for example 2"
    if kind in ("list_type",):
        return "write a list, one item per line starting with '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "write the fields indented below this key, one `name: value` per line"
    if "cannot be printed" in str(error.get("msg", "")):
        return ("remove it or write it in letters; the fonts cover Latin (with accents, "
                "Turkish, Polish, Frisian …), Greek, Cyrillic and Arabic")
    if "session file's folder" in str(error.get("msg", "")) or "symbolic link" in str(
            error.get("msg", "")):
        return "put the file in the session file's folder (or a folder inside it)"
    if "control character" in str(error.get("msg", "")):
        return "remove it; write the text on one line"
    if kind in ("string_type",):
        return "write plain text; put quotes around it if it looks like a number or date"
    return ""


_SUBMODELS: dict[str, type[BaseModel]] = {
    "facilitators": Facilitator, "contact": Contact, "branding": Branding,
    "exercises": ExerciseRef,
}


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model that owns the last key of ``loc``, to suggest its field names."""
    names = [p for p in _clean_loc(loc)[:-1] if isinstance(p, str)]
    if not names:
        return Session
    return _SUBMODELS.get(names[0]) if len(names) == 1 else None


def _clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union-member tags (``str``, ``ExerciseRef``) from an error location."""
    return tuple(p for p in loc if p not in ("str", "ExerciseRef"))


def _message(error: dict[str, Any]) -> str:
    loc = _clean_loc(error["loc"])
    where = ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in loc).replace(".[",
                                                                                         "[")
    text = str(error["msg"])
    if text.startswith("Value error, "):
        text = text[len("Value error, "):]
    if error["type"] == "extra_forbidden":
        return f"unknown field `{loc[-1]}`"
    if error["type"] == "missing":
        return f"required field `{loc[-1]}` is missing"
    return f"`{where}`: {text}" if where else text


Locator = Callable[[tuple[Any, ...], bool], tuple[str, int, int]]


def locator(located: Located) -> Locator:
    """Positions of values (or keys, when the flag is set) in one loaded YAML file."""
    return lambda path, key: (located.file, *located.position(path, key=key))


def validation_problems(exc: ValidationError, locate: Located | Locator) -> list[Problem]:
    """Turn pydantic's errors into positioned problems, one per distinct location."""
    where = locator(locate) if isinstance(locate, Located) else locate
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for error in exc.errors():
        loc = _clean_loc(error["loc"])
        # A union (str | ExerciseRef) reports one error per member: keep the most useful one.
        if loc in seen:
            continue
        if error["type"] in ("string_type",) and loc[:1] == ("exercises",):
            continue
        seen.add(loc)
        key = error["type"] == "extra_forbidden"
        path = loc if key else (loc if error["type"] != "missing" else loc[:-1])
        file, line, column = where(path, key)
        problems.append(Problem(file, line, column, _message(dict(error, loc=loc)),
                                _hint_for(dict(error), _model_at(error["loc"]))))
    return problems


def parse_session(located: Located, base_dir: Path) -> Session:
    """Validate already-loaded YAML data into a Session, reporting every problem at once."""
    if located.data is None:
        raise InputError.single(located.file, "the session file is empty",
                                "run `opvoedkit init` for a starter file", line=1, column=1)
    if not isinstance(located.data, dict):
        line, column = located.position(())
        raise InputError.single(located.file, "the session file must be a list of `name: value` "
                                "fields, starting with `municipality:`",
                                "see `opvoedkit init` for an example", line=line, column=column)
    try:
        return Session.model_validate(located.data, context={"base": base_dir})
    except ValidationError as exc:
        raise InputError(validation_problems(exc, located)) from None


def load_session(path: str | Path) -> tuple[Session, Located]:
    """Read and validate a session file; the Located data keeps positions for later checks."""
    file = Path(path)
    located = load_yaml(read_text(file, what="session file"), str(file))
    return parse_session(located, file.resolve().parent), located


def check_files(session: Session, locate: Locator) -> list[Problem]:
    """Referenced files exist and are what they claim to be: a raster image, a .pptx."""
    from .assets import check_logo, check_template

    collector = ProblemCollector()
    for name, checker in (("logo", check_logo), ("template", check_template)):
        path = getattr(session.branding, name)
        if path is None:
            continue
        message = checker(path)
        if message:
            file, line, column = locate(("branding", name), False)
            collector.add(file, line, column, f"`branding.{name}`: {message[0]}", message[1])
    return collector.problems
