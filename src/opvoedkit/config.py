"""The session file: read it with positions, validate it into a typed :class:`Session`.

The contract for the fields lives in DESIGN.md. Every field carries a description, which is what
``opvoedkit schema`` prints and what editors show while someone types.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, TypeGuard

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .errors import InputError, Problem, ProblemCollector
from .i18n import N_, _
from .positions import Locator, positioned
from .vocab import AUDIENCES, THEMES, Theme
from .yamlio import Located, YamlFloat, load_yaml, read_text

Audience = Literal["professionals", "informal", "policy"]
DEFAULT_START = dt.time(9, 0)
DEFAULT_DAYPART_MINUTES = 210
# 09:30, 9:30, 9.30 (also 9:30:00, as Excel writes a time cell); 9.5 or 9.3 is not clear
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::00)?$", re.ASCII)
_UNCLEAR_TIME = re.compile(r"^\d{1,2}[:.,]\d$")
_TIME_PATTERN = r"^\s*([01]?[0-9]|2[0-3])[:.][0-5][0-9](:00)?\s*$"
# The words people write for the audience ids, in Dutch and English, lower case: the ids stay
# the contract (plan JSON, manifest), these are only ways to type them.
AUDIENCE_WORDS = {
    **{word: "professionals" for word in ("professionals", "professional", "professionele",
                                          "formeel", "formele")},
    **{word: "informal" for word in ("informal", "informeel", "informele", "vrijwilligers",
                                     "vrijwilliger", "sleutelfiguren", "sleutelfiguur")},
    **{word: "policy" for word in ("policy", "gemeente", "beleid", "beleidsmedewerkers",
                                   "beleidsmedewerker")},
}
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID_PATTERN = "[a-z0-9][a-z0-9-]*"
_ID = re.compile(rf"^{_ID_PATTERN}$")
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
TIMEZONE = "Europe/Amsterdam"
# Characters that reorder the text around them (bidi embeddings, overrides and isolates): echoed
# to a terminal or printed, they make a name read differently from what was typed.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\u2028\u2029\x85]")
# A correct line for each field, shown in hints ("write it as  date: 2027-03-18").
EXAMPLES = {
    "municipality": "\"'s-Hertogenbosch\"", "title": "Samen sterk in opvoedondersteuning",
    "date": "2027-03-18", "dates": "[2027-03-25, 2027-04-01]", "start": '"09:30"',
    "dayparts": "2", "daypart_minutes": "210", "audience": "[professionals, informal]",
    "participants": "24", "facilitators": "[{name: Gülşen Yıldız}]",
    "venue": "Wijkcentrum De Helftheuvel", "name": "Gülşen Yıldız",
    "organisation": "Stichting Kardeş & Co", "email": "naam@gemeente.nl",
    "phone": "073 123 45 67", "exercises": "[kennismaken-netwerkkaart, stellingenspel]",
    "id": "stellingenspel", "minutes": "40", "lead": "Gülşen Yıldız",
    "themes": "[netwerk, drempels]",
    "allow_slack": "true", "logo": "logo.png", "template": "huisstijl.pptx",
    "colour": '"#0a5c8f"', "contact": "{name: Wijkteam Noord, email: wijkteam@gemeente.nl}",
    "branding": '{logo: logo.png, colour: "#0a5c8f"}',
}


def input_error(message: str, hint: str = "", at: tuple[str | int, ...] = ()) -> Exception:
    """A validation error in our own words: ``hint`` is shown under it, ``at`` extends the
    error's location (a model-level check that is about one field or list item)."""
    return PydanticCustomError("opvoedkit", "{message}", {"message": message, "hint": hint,
                                                          "at": at})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _printable(value: str) -> str:
    """One line of text as typed, refusing what would print or echo differently: control and
    reordering characters, line breaks, characters the fonts lack, and nothing but invisibles."""
    from .glyphs import describe, first_unusable

    bidi = _BIDI_CONTROLS.search(value)
    if bidi:
        raise input_error(
            _("the direction control character {character} is not allowed here").format(
                character=describe(bidi[0])),
            _("remove it (retype the text, or paste it as plain text); right-to-left names "
              "such as {example} need no control characters").format(example="مريم"))
    line_break = _LINE_BREAKS.search(value)
    if line_break:
        raise input_error(_("the line break {character} is not allowed here").format(
            character=describe(line_break[0])), _("remove it; write the text on one line"))
    problem = first_unusable(value)
    if problem:
        raise problem
    if not any(unicodedata.category(c)[0] not in "CZ" for c in value):
        raise input_error(_("the text is empty once invisible characters (such as U+200B ZERO "
                            "WIDTH SPACE) are removed"), _("type the text itself"))
    return value


# What `_printable` refuses, as far as a JSON Schema pattern can say it: control characters,
# reordering characters and line breaks anywhere, and text of nothing but spaces.
_REFUSED = r"\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_ONE_LINE_PATTERN = rf"^[^{_REFUSED}]*[^\s{_REFUSED}][^{_REFUSED}]*$"


def _line_schema(max_length: int) -> WithJsonSchema:
    """The JSON Schema of a line of text of at most ``max_length`` characters."""
    return WithJsonSchema({"type": "string", "minLength": 1, "maxLength": max_length,
                           "pattern": _ONE_LINE_PATTERN})


_ONE_LINE = AfterValidator(_printable)
Text = Annotated[str, Field(min_length=1, max_length=200), _ONE_LINE, _line_schema(200)]
Venue = Annotated[str, Field(min_length=1, max_length=150), _ONE_LINE, _line_schema(150)]
Name = Annotated[str, Field(min_length=1, max_length=100), _ONE_LINE, _line_schema(100)]
Municipality = Annotated[str, Field(min_length=1, max_length=80), _ONE_LINE, _line_schema(80)]


def _not_true_false(value: Any) -> Any:
    """A number must not be true/false (pydantic would read `dayparts: true` as 1)."""
    return str(value).lower() if isinstance(value, bool) else value


def _digits(low: int, high: int) -> str:
    """A pattern for the whole numbers ``low``..``high`` written as text ("12", as a CSV cell
    or a quoted YAML value has them), which validation reads as numbers too."""
    return r"^\s*\+?0*(" + "|".join(str(n) for n in range(high, low - 1, -1)) + r")\s*$"


def _whole_schema(low: int, high: int) -> dict[str, Any]:
    """The JSON Schema of a whole number from ``low`` to ``high``: a number, or its digits."""
    return {"anyOf": [{"type": "integer", "minimum": low, "maximum": high},
                      {"type": "string", "pattern": _digits(low, high)}]}


_NUMBER = BeforeValidator(_not_true_false)
Dayparts = Annotated[int, Field(ge=1, le=4), _NUMBER, WithJsonSchema(_whole_schema(1, 4))]
DaypartMinutes = Annotated[int, Field(ge=90, le=300), _NUMBER,
                           WithJsonSchema(_whole_schema(90, 300))]
Minutes = Annotated[int, Field(ge=5, le=240), _NUMBER, WithJsonSchema(_whole_schema(5, 240))]
HeadCount = Annotated[int, Field(ge=2, le=500), _NUMBER, WithJsonSchema(_whole_schema(2, 500))]
AudienceCount = Annotated[int, Field(ge=0, le=500), _NUMBER,
                          WithJsonSchema(_whole_schema(0, 500))]


def is_exercise_id(value: object) -> TypeGuard[str]:
    """True for text shaped like an exercise id (whether or not the catalogue has it)."""
    return isinstance(value, str) and _ID.match(value) is not None


def _exercise_id(value: str, info: ValidationInfo) -> str:
    """An exercise id as the catalogue lists it; for anything else, the id to write instead."""
    if is_exercise_id(value):
        return value
    library = (info.context or {}).get("library")
    hint = _("write the id as `opvoedkit list-exercises` shows it, for example `{id}`").format(
        id="stellingenspel")
    if library is not None and value.strip():
        found = library_id(value, library)
        hint = _("write `{id}`").format(id=found) if found else library.suggest(_slug(value))
    if not value.strip():
        raise input_error(_("the exercise is empty"), hint)
    raise input_error(_("`{value}` is not an exercise id (an id has lower-case letters, digits "
                        "and hyphens only)").format(value=value), hint)


def _slug(text: str) -> str:
    from .slug import slugify

    return slugify(text)


def library_id(text: str, library: Any) -> str | None:
    """The id of the exercise that ``text`` names by its id written otherwise or by its title."""
    wanted = _slug(text)
    for exercise in library.exercises.values():
        if wanted in (exercise.id, _slug(exercise.title)):
            return str(exercise.id)
    return None


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.date) or value is None:
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(_("this date does not exist; use YYYY-MM-DD")) from None
    raise ValueError(_("use a date as YYYY-MM-DD, for example {date}").format(date="2027-03-18"))


def _date_in_range(value: dt.date | None) -> dt.date | None:
    if value is not None and not FIRST_DATE <= value <= LAST_DATE:
        raise input_error(_("{date} is outside the dates opvoedkit plans for ({first} to "
                            "{last})").format(date=value.isoformat(),
                                              first=FIRST_DATE.isoformat(),
                                              last=LAST_DATE.isoformat()),
                          _("check the year; a date is written like {date}").format(
                              date="2027-03-18"))
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date), AfterValidator(_date_in_range),
                 WithJsonSchema({"type": "string", "format": "date",
                                 "pattern": r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}$"})]


def _audiences(value: Any) -> Any:
    """Audience ids from the words people write: one word or a list, Dutch or English, in any
    case (``audience: vrijwilligers`` is ``[informal]``)."""
    if isinstance(value, str) and value.strip():
        value = [value]
    if isinstance(value, list):
        return [AUDIENCE_WORDS.get(item.strip().lower(), item) if isinstance(item, str) else item
                for item in value]
    return value


def _any_case(word: str) -> str:
    """A regular expression for ``word`` in any case (JSON Schema patterns have no flags)."""
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


# pydantic's words for true and false, in any case (`allow_slack: ja` is not one of them)
_TRUE_FALSE = ("true", "false", "yes", "no", "on", "off", "y", "n", "t", "f", "1", "0")
YesNo = Annotated[bool, WithJsonSchema({"anyOf": [
    {"type": "boolean"}, {"enum": [0, 1]},
    {"type": "string", "pattern": "^(" + "|".join(map(_any_case, _TRUE_FALSE)) + ")$"}]})]
_AUDIENCE_WORD = {"type": "string", "pattern": r"^\s*(" + "|".join(
    map(_any_case, sorted(AUDIENCE_WORDS))) + r")\s*$"}
_AUDIENCE_ITEM = {"anyOf": [{"enum": list(AUDIENCES)}, _AUDIENCE_WORD]}
Audiences = Annotated[
    list[Audience], BeforeValidator(_audiences),
    WithJsonSchema({"anyOf": [_AUDIENCE_ITEM, {"type": "array", "items": _AUDIENCE_ITEM,
                                                "minItems": 1, "uniqueItems": True}]})]


def _mix(value: Any) -> Any:
    """`participants: {formeel: 12, vrijwilligers: 10}`: the audience words of the keys as ids."""
    if isinstance(value, dict):
        if not value:
            raise input_error(_("there are no numbers between the braces {braces}").format(
                braces="{}"), _("write the number of people, for example  {line}").format(
                    line="participants: 24"))
        return {AUDIENCE_WORDS.get(k.strip().lower(), k) if isinstance(k, str) else k: v
                for k, v in value.items()}
    return value


Mix = Annotated[dict[Audience, AudienceCount], BeforeValidator(_mix)]
_Count = Annotated[
    Annotated[HeadCount, Tag("Count")] | Annotated[Mix, Tag("PerAudience")],
    Discriminator(lambda value: "PerAudience" if isinstance(value, dict) else "Count")]
Participants = Annotated[
    _Count | None,
    WithJsonSchema({"anyOf": [
        *_whole_schema(2, 500)["anyOf"],
        {"type": "object", "minProperties": 1, "propertyNames": _AUDIENCE_WORD,
         "additionalProperties": _whole_schema(0, 500)},
        {"type": "null"}]})]


def _clock(hour: int) -> dict[str, Any]:
    """``start: 9.30`` unquoted is the number 9.3: the hour, then up to 59 hundredths."""
    return {"minimum": hour, "maximum": hour + 0.59}


# The schema cannot tell 9.30 (half past nine) from 9.3 (unclear): both are the number 9.3.
StartTime = Annotated[dt.time, WithJsonSchema({"anyOf": [
    {"type": "string", "pattern": _TIME_PATTERN},
    {"type": "number", "anyOf": [_clock(hour) for hour in range(24)]}]})]
ExerciseId = Annotated[str, AfterValidator(_exercise_id)]
AUTO = "auto"  # `exercises: auto`, or an item `auto` among fixed choices
_AUTO_WORD = "[aA][uU][tT][oO]"  # `auto` in any case, as _auto_list reads it


def _auto_list(value: Any) -> Any:
    """`exercises: auto` is the list [auto]; `auto` may appear once in a list."""
    if isinstance(value, str) and value.strip().lower() == AUTO:
        return [AUTO]
    if isinstance(value, list):
        value = [AUTO if isinstance(v, str) and v.strip().lower() == AUTO else v for v in value]
        if value.count(AUTO) > 1:
            raise input_error(_("`auto` appears more than once in exercises"),
                              _("write `auto` once: it fills all the time the fixed choices "
                                "leave"))
    return value


class Facilitator(_Model):
    """A person who leads the meeting."""

    name: Name = Field(description=N_("Full name, as it should appear on the cover and title "
                                      "slide."))
    organisation: Venue | None = Field(None, description=N_("Organisation the facilitator works "
                                                            "for."))
    email: Name | None = Field(None, description=N_("E-mail address for questions after the "
                                                    "meeting."))
    phone: Name | None = Field(None, description=N_("Telephone number for questions."))


class Contact(_Model):
    """Who participants can contact after the meeting."""

    name: Name = Field(description=N_("Name of the contact person or team."))
    email: Name | None = Field(None, description=N_("E-mail address."))
    phone: Name | None = Field(None, description=N_("Telephone number."))


class ExerciseRef(_Model):
    """An exercise chosen for the session, optionally with its own length."""

    id: ExerciseId = Field(description=N_("Exercise id, as listed by `opvoedkit list-exercises`."))
    minutes: Minutes | None = Field(None,
                                description=N_("Fixed length in minutes; the planner keeps it as "
                                               "is."))
    lead: Name | None = Field(None, description=N_("The facilitator who leads this exercise (one "
                              "of `facilitators`)."))


# An exercise item is an id or {id, minutes}; the discriminator picks one, so that a wrong item
# gets one error about what it is, not one per member of the union.
ExerciseItem = Annotated[
    Annotated[ExerciseId, Tag("str")] | Annotated[ExerciseRef, Tag("ExerciseRef")],
    Discriminator(lambda value: "ExerciseRef" if isinstance(value, dict | ExerciseRef)
                  else "str")]


Exercises = Annotated[
    list[ExerciseItem], Field(min_length=1), BeforeValidator(_auto_list),
    WithJsonSchema({"anyOf": [
        {"type": "string", "pattern": rf"^\s*{_AUTO_WORD}\s*$"},
        {"type": "array", "minItems": 1, "items": {"anyOf": [
            {"type": "string", "pattern": rf"^\s*({_ID_PATTERN}|{_AUTO_WORD})\s*$"},
            {"type": "object", "required": ["id"], "additionalProperties": False,
             "properties": {"id": {"type": "string", "pattern": rf"^\s*{_ID_PATTERN}\s*$"},
                            "minutes": _whole_schema(5, 240),
                            "lead": {"type": "string", "minLength": 1, "maxLength": 100,
                                     "pattern": _ONE_LINE_PATTERN}}}]}}]})]


FileName = Annotated[Path, WithJsonSchema({"type": "string", "minLength": 1})]
Colour = Annotated[str, WithJsonSchema({"type": "string",
                                        "pattern": r"^\s*#[0-9a-fA-F]{6}\s*$"})]


class Branding(_Model):
    """The municipality's own look."""

    template: FileName | None = Field(None, description=N_("A .pptx whose slide layouts the deck "
                                      "uses (relative to the session file)."))
    logo: FileName | None = Field(None, description=N_("A PNG or JPEG logo for the title slide and "
                                  "covers (relative to the session file)."))
    colour: Colour | None = Field(None, description=N_("Accent colour as #RRGGBB, for example "
                                  "#0a5c8f."))

    @field_validator("template", "logo", mode="after")
    @classmethod
    def _resolve(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        from .assets import contained_path

        base = (info.context or {}).get("base")
        if value is None or base is None:
            return value
        if "\0" in str(value):
            raise ValueError(_("the path contains a NUL character"))
        try:
            return contained_path(Path(base), value)
        except OSError as exc:  # a name too long for the file system, a folder we may not read
            raise ValueError(_("cannot use this path: {reason}").format(
                reason=exc.strerror)) from None

    @field_validator("colour")
    @classmethod
    def _colour(cls, value: str | None) -> str | None:
        if value is not None and not _COLOUR.match(value):
            raise ValueError(_("use a colour as #RRGGBB, for example {colour} (with "
                               "quotes)").format(colour='"#0a5c8f"'))
        return value.lower() if value else value


class Session(_Model):
    """One meeting in one municipality: what opvoedkit plans and renders a pack for."""

    municipality: Municipality = Field(description=N_("Name of the municipality, exactly as it "
                                       "should be printed, for example 's-Hertogenbosch."))
    title: Text | None = Field(None, description=N_("Title of the meeting; default: 'Samen sterk "
                                                    "in "
                               "opvoedondersteuning'."))
    date: Date | None = Field(None, description=N_("Date of the (first) meeting day, as "
                              "YYYY-MM-DD, between 2000 and 2099."))
    dates: list[Date] = Field(default_factory=list, description=N_("Dates of further meeting "
                                 "days (when the dayparts do not fit on one day); default: a "
                                 "week apart."))
    start: StartTime = Field(DEFAULT_START, description=N_("Start time as HH:MM (or H.MM), for "
                             "example 09:30 or 19:00; default 09:00."),
                             json_schema_extra={"default": "09:00"})
    dayparts: Dayparts = Field(1, description=N_("Number of dayparts (dagdelen), 1 to 4."))
    daypart_minutes: DaypartMinutes = Field(DEFAULT_DAYPART_MINUTES,
                                 description=N_("Programme minutes per daypart; default 210."))
    audience: Audiences = Field(min_length=1, description=N_("Who attends: professionals, "
                                "informal and/or policy (or in Dutch: professionele, informele, "
                                "vrijwilligers, gemeente, beleid …); one, or a list."))
    participants: Participants = Field(None, description=N_("Expected number of participants, "
                                       "for groups, materials and copies; or the number per "
                                       "audience, for example {professionals: 12, informal: "
                                       "10}, so that every group is mixed."))
    venue: Venue | None = Field(None, description=N_("Where the meeting takes place."))
    facilitators: list[Facilitator] = Field(default_factory=list, description=N_("Who leads the "
                                            "meeting."))
    contact: Contact | None = Field(None, description=N_("Contact for participants after the "
                                                         "meeting."))
    exercises: Exercises = Field(description=N_("Exercises in the order they are done: an id, or "
                                 "{id, minutes}; `auto` lets opvoedkit choose them, alone or as "
                                 "an item that fills the time around fixed choices."))
    themes: list[Theme] = Field(default_factory=list, description=N_("Themes that `exercises: "
                                                                     "auto` "
                                "favours, for example [netwerk, drempels]."))
    allow_slack: YesNo = Field(False, description=N_("Accept free time at the end of a daypart (it "
                              "becomes a block 'Vrije tijd / uitloop'), instead of an error."))
    branding: Branding = Field(default_factory=Branding,
                               description=N_("Logo, colour and template."))

    @field_validator("start", mode="before")
    @classmethod
    def _start(cls, value: Any) -> Any:
        if isinstance(value, dt.time):
            return value
        # start: 9.30 unquoted is a float in YAML: its text says 9.30, which the float cannot
        text = value.text if isinstance(value, YamlFloat) else value
        if not isinstance(text, str):
            raise ValueError(_("{value} is not a time; use HH:MM, for example 09:30").format(
                value=_kind(value)))
        text = text.strip()
        if _UNCLEAR_TIME.match(text):
            raise ValueError(_("`{value}` is not a clear time (9.5 could be 09:05, 09:30 or "
                               "09:50); write the minutes with two digits, as HH:MM").format(
                                   value=text))
        match = _TIME.match(text)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValueError(_("{value} is not a time; use HH:MM, for example 09:30").format(
                value=_kind(text)))
        return dt.time(int(match[1]), int(match[2]))

    @field_validator("audience")
    @classmethod
    def _unique_audience(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError(_("each audience may be named once"))
        return value

    @model_validator(mode="after")
    def _people(self) -> Session:
        """Numbers per audience only for audiences that attend; a lead who is a facilitator."""
        for name in self.mix:
            if name not in self.audience:
                raise input_error(_("`participants` counts {audience}, but `audience` does not "
                                    "list them").format(audience=name),
                                  _("add {audience} to audience, or remove it here").format(
                                      audience=name), at=("participants", name))
        if self.mix and sum(self.mix.values()) < 2:
            raise input_error(_("`participants` adds up to fewer than 2 people"),
                              _("write the number of each audience, for example  {line}").format(
                                  line="participants: {professionals: 12, informal: 10}"),
                              at=("participants",))
        names = [f.name for f in self.facilitators]
        for index, item in enumerate(self.exercises):
            lead = getattr(item, "lead", None)
            if lead is not None and lead not in names:
                close = difflib.get_close_matches(lead, names, n=1, cutoff=0.6)
                if close:
                    hint = _("write `{name}`").format(name=close[0])
                elif names:
                    hint = _("write the name of one of the facilitators: {names}").format(
                        names=", ".join(names))
                else:
                    hint = _("add the facilitators first, for example  {line}").format(
                        line=f"facilitators: {EXAMPLES['facilitators']}")
                raise input_error(_("`{name}` leads this exercise, but is not one of the "
                                    "facilitators").format(name=lead), hint,
                                  at=("exercises", index, "lead"))
        return self

    @model_validator(mode="after")
    def _days(self) -> Session:
        """Meeting days in order, each after the one before; a start time that exists."""
        if self.dates and self.date is None:
            raise input_error(_("`dates` lists the further meeting days, but `date` (the first "
                                "day) is missing"), _("add  {line}").format(
                                    line="date: 2027-03-18"), at=("dates",))
        days = [d for d in (self.date, *self.dates) if d is not None]
        offset = 1 if self.date is not None else 0
        for index in range(1, len(days)):
            if days[index] <= days[index - 1]:
                same = days[index] == days[index - 1]
                message = (_("day {day} ({date}) is the same day as day {before} ({before_date})")
                           if same else
                           _("day {day} ({date}) is before day {before} ({before_date})"))
                raise input_error(
                    message.format(day=index + 1, date=days[index].isoformat(), before=index,
                                   before_date=days[index - 1].isoformat()),
                    _("list the meeting days in order, each after the one before, for example  "
                      "{first}  and  {further}").format(first="date: 2027-03-18",
                                                        further="dates: [2027-03-25]"),
                    at=("dates", index - offset))
        for day in days:
            if not _exists(day, self.start):
                raise input_error(
                    _("{time} does not exist on {date}: the clocks go from 02:00 to 03:00 that "
                      "night (summer time starts)").format(time=f"{self.start:%H:%M}",
                                                           date=day.isoformat()),
                    _("start at 03:00 or later, for example  {line}").format(
                        line='start: "09:30"'),
                    at=("start",) if "start" in self.model_fields_set else ("date",))
        return self

    @property
    def exercise_refs(self) -> list[ExerciseRef]:
        """The chosen exercises, each as an ExerciseRef (`auto` left out)."""
        return [ExerciseRef.model_construct(id=e, minutes=None) if isinstance(e, str) else e
                for e in self.exercises if e != AUTO]

    @property
    def head_count(self) -> int | None:
        """How many people attend: the number, or the sum of the numbers per audience."""
        if isinstance(self.participants, dict):
            return sum(self.participants.values())
        return self.participants

    @property
    def mix(self) -> dict[str, int]:
        """How many of each audience attend, when the session says (else empty)."""
        return {str(k): v for k, v in self.participants.items()} if isinstance(
            self.participants, dict) else {}

    @property
    def wants_auto(self) -> bool:
        """Whether opvoedkit chooses (some of) the exercises."""
        return AUTO in self.exercises


def _exists(day: dt.date, time: dt.time) -> bool:
    """False for a wall-clock time skipped when summer time starts in the Netherlands."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo(TIMEZONE)
    except ZoneInfoNotFoundError:  # no time zone data (Windows without the tzdata package)
        return True
    local = dt.datetime.combine(day, time, tzinfo=zone)
    return local.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == local.replace(
        tzinfo=None)


def _kind(value: Any) -> str:
    """What a wrong value is, in the words of someone who typed YAML."""
    if value is None or value == "":
        return _("an empty value")
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("`name: value` fields")
    return f"`{value}`"


def _field(loc: tuple[Any, ...]) -> str:
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else ""


def _line(loc: tuple[Any, ...]) -> str:
    """A correct line for the field at ``loc`` (``date: 2027-03-18``), or "" if we have none."""
    name = _field(loc)
    return f"{name}: {EXAMPLES[name]}" if name in EXAMPLES else ""


def _example(loc: tuple[Any, ...]) -> str:
    """``write it as  date: 2027-03-18`` for the field at ``loc``, if we know an example."""
    line = _line(loc)
    return _("write it as  {line}").format(line=line) if line else ""


def _plain(error: Mapping[str, Any]) -> str:
    """pydantic's message for one error, in plain words about the value that was typed."""
    kind, ctx, got = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "opvoedkit":
        return str(ctx["message"])
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error" and _field(error["loc"]) == "themes":
        return _("{kind} is not one of the themes: {themes}").format(
            kind=_kind(got), themes=", ".join(THEMES))
    template = _WORDS.get(kind)
    if template is not None:
        return _(template).format_map(_Known({**ctx, "got": got, "kind": _kind(got),
                                              "length": len(str(got)),
                                              "audiences": ", ".join(AUDIENCES)}))
    # an error type we have not worded: pydantic's sentence would be English and technical
    return _("{kind} cannot be used here").format(kind=_kind(got))


class _Known(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


_WHOLE = N_("this must be a whole number, not {kind}")
_FIELDS = N_("this must be `name: value` fields, not {kind}")
_FILE = N_("this must be a file name, not {kind}")
_YES_NO = N_("this must be true or false, not {kind}")
# pydantic's error types in our words: {kind} is what was typed ("a list", "`twee`"), the rest
# comes from the error's context (its limits)
_WORDS = {
    "int_parsing": _WHOLE, "int_type": _WHOLE, "int_from_float": _WHOLE,
    "finite_number": _WHOLE,
    "greater_than_equal": N_("{got} is too small; it must be at least {ge}"),
    "greater_than": N_("{got} is too small; it must be more than {gt}"),
    "less_than_equal": N_("{got} is too large; it must be at most {le}"),
    "less_than": N_("{got} is too large; it must be less than {lt}"),
    "string_too_short": N_("this is empty"),
    "string_too_long": N_("this is {length} characters long; the limit is {max_length}"),
    "string_type": N_("this must be text, not {kind}"),
    "list_type": N_("this must be a list, not {kind}"),
    "too_short": N_("the list is empty; it needs at least one item"),
    "too_long": N_("the list has {actual_length} items; the limit is {max_length}"),
    "literal_error": N_("{kind} is not one of: {audiences}"),
    "model_type": _FIELDS, "model_attributes_type": _FIELDS, "dict_type": _FIELDS,
    "path_type": _FILE, "path_parsing": _FILE,
    "bool_parsing": _YES_NO, "bool_type": _YES_NO,
}
_NUMBER_ERRORS = ("int_parsing", "int_type", "int_from_float", "finite_number")


def _hint_for(error: Mapping[str, Any], model_at_loc: type[BaseModel] | None,
              csv: bool = False) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "opvoedkit":
        return str(error["ctx"]["hint"])
    if kind == "extra_forbidden" and model_at_loc is not None:
        name = str(loc[-1])
        close = difflib.get_close_matches(name, list(model_at_loc.model_fields), n=1, cutoff=0.6)
        if close:
            return _("did you mean `{name}`?").format(name=close[0])
        return _("allowed here: {names}").format(names=", ".join(model_at_loc.model_fields))
    if kind == "missing":
        name = str(loc[-1])
        if csv and len(loc) == 1:  # a CSV row has columns, and the batch may have a base
            return _("add a column {name}, or give a base session with --base").format(name=name)
        if name in EXAMPLES:
            return _("add  {line}").format(line=f"{name}: {EXAMPLES[name]}")
        return _("add `{name}:`").format(name=name)
    if csv and kind == "value_error" and _field(loc) in ("date", "dates"):
        return _("write the date as day-month-year, for example 8-4-2027, or as 2027-04-08")
    if kind == "literal_error" and _field(loc) == "themes":
        return _("write it as  {line}").format(line=_line(loc))
    if kind == "literal_error":
        return _audience_hint(str(error.get("input")), loc)
    if kind in _NUMBER_ERRORS:
        return _("write a whole number, for example  {line}").format(
            line=_line(loc) or "dayparts: 2")
    if kind in ("list_type", "too_short"):
        if _line(loc):
            return _("write a list, one item per line starting with '- ', or  {line}").format(
                line=_line(loc))
        return _("write a list, one item per line starting with '- '")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if _line(loc):
            return _("write the fields indented below this key, one `name: value` per line, or "
                     " {line}").format(line=_line(loc))
        return _("write the fields indented below this key, one `name: value` per line")
    from .assets import PathRefused
    from .glyphs import Unusable

    cause = (error.get("ctx") or {}).get("error")  # the exception a validator raised
    if isinstance(cause, Unusable) and not cause.control:
        return _("remove it or write it in letters; the fonts cover Latin (with accents, "
                 "Turkish, Polish, Frisian …), Greek, Cyrillic and Arabic")
    if isinstance(cause, PathRefused):
        return _("put the file in the session file's folder (or a folder inside it)")
    if isinstance(cause, Unusable):
        return _("remove it; write the text on one line")
    if kind == "string_type" and _line(loc):
        return _("write plain text; put quotes around it if it looks like a number or date, for "
                 "example  {line}").format(line=_line(loc))
    if kind == "string_type":
        return _("write plain text; put quotes around it if it looks like a number or date")
    return _example(loc)


def _audience_hint(typed: str, loc: tuple[Any, ...]) -> str:
    """The audience word that was meant, the words there are, and a correct line."""
    close = difflib.get_close_matches(typed.strip().lower(), list(AUDIENCE_WORDS), n=1,
                                      cutoff=0.6)
    words = ", ".join(AUDIENCES)
    dutch = "professionele, vrijwilligers, gemeente"
    line = ("participants: {professionals: 12, informal: 10}" if loc[:1] == ("participants",)
            else f"audience: {EXAMPLES['audience']}")
    if not close:
        return _("use one of: {words}, or a Dutch word such as {dutch}, as in  {line}").format(
            words=words, dutch=dutch, line=line)
    word, audience = close[0], AUDIENCE_WORDS[close[0]]
    meant = f"`{word}`" + (f" ({audience})" if word != audience else "")
    return _("did you mean {meant}? use one of: {words}, or a Dutch word such as {dutch}, as in "
             " {line}").format(meant=meant, words=words, dutch=dutch, line=line)


_SUBMODELS: dict[str, type[BaseModel]] = {
    "facilitators": Facilitator, "contact": Contact, "branding": Branding,
    "exercises": ExerciseRef,
}


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model that owns the last key of ``loc``, to suggest its field names."""
    names = [p for p in loc[:-1] if isinstance(p, str)]
    if not names:
        return Session
    return _SUBMODELS.get(names[0]) if len(names) == 1 else None


def _clean_loc(error: Mapping[str, Any]) -> tuple[str | int, ...]:
    """The error's location without pydantic's union-member tags (``str``, ``ExerciseRef``),
    extended by where a check of ours says the fault is."""
    loc = tuple(p for p in error["loc"]
                if p not in ("str", "ExerciseRef", "Count", "PerAudience", "[key]"))
    return loc + tuple((error.get("ctx") or {}).get("at", ()))


def validation_problems(exc: ValidationError, locate: Located | Locator) -> list[Problem]:
    """Turn pydantic's errors into positioned problems, one per distinct location."""
    errors = [{**raw, "loc": _clean_loc(raw)} for raw in exc.errors(include_url=False)]
    file = locate.file if isinstance(locate, Located) else locate((), False)[0]
    csv = file.lower().endswith((".csv", ".txt"))  # a row of a CSV batch
    return positioned(errors, locate, text=_plain,
                      hint=lambda error: _hint_for(error, _model_at(error["loc"]), csv))


def validate_session(data: Any, base_dir: Path, locate: Located | Locator,
                     library: Any = None) -> Session:
    """Validate plain data into a Session, or raise one InputError listing every problem: the
    one door from data to a Session, so that no pydantic error reaches a caller. With the
    ``library``, an exercise written by its title gets the id to write instead."""
    try:
        return Session.model_validate(data, context={"base": base_dir, "library": library})
    except ValidationError as exc:
        raise InputError(validation_problems(exc, locate)) from None


def parse_session(located: Located, base_dir: Path, library: Any = None) -> Session:
    """Validate already-loaded YAML data into a Session, reporting every problem at once."""
    if located.data is None:
        raise InputError.single(located.file, _("the session file is empty"),
                                _("run `opvoedkit init` for a starter file"), line=1, column=1)
    if not isinstance(located.data, dict):
        line, column = located.position(())
        raise InputError.single(located.file, _("the session file must be a list of `name: "
                                                "value` fields, starting with `municipality:`"),
                                _("see `opvoedkit init` for an example"), line=line,
                                column=column)
    return validate_session(located.data, base_dir, located, library)


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
