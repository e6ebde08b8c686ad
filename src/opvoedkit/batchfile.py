"""Batch files: a base session plus one row per municipality, as YAML or as CSV.

YAML: ``base:`` (a path to a session file, or the fields inline) and ``sessions:`` (a list of
field overrides). CSV: a header row of top-level fields (``branding.logo`` for nested ones), one
row per municipality, list fields separated by ``;`` — as Excel writes it in a Dutch locale (``;``
as delimiter, with or without BOM). Every row becomes a :class:`Row` that knows where each of its
values came from, so that problems point at ``FILE:LINE:COL``.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Session
from .errors import InputError, Problem
from .i18n import _
from .yamlio import Located, decode_spreadsheet, load_yaml, not_a_file, read_bytes, read_text

MAX_ROWS = 5000
MAX_CSV_BYTES = 5_000_000
MAX_COLUMNS = 60
LIST_FIELDS = {"audience", "exercises", "dates", "facilitators"}
PATH_FIELDS = (("branding", "logo"), ("branding", "template"))
FORMULA_START = ("=", "+", "@")
DATE_FIELDS = ("date", "dates")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")  # as Dutch Excel writes dates

Position = Callable[[tuple[str | int, ...]], tuple[str, int, int]]


@dataclass
class Row:
    """One municipality's session data (base merged with the row) and where it came from.

    ``problems`` are what is wrong with this row alone (a formula cell, a cell too many): the
    batch reports the row as failed with them, without validating it, and builds the others.
    """

    number: int
    data: dict[str, Any]
    base_dir: Path
    position: Position
    label: str
    problems: tuple[Problem, ...] = ()

    @property
    def municipality(self) -> str:
        """The municipality as typed, or a placeholder when the row has none."""
        value = self.data.get("municipality")
        return str(value) if value else f"row {self.number}"


class Rows(list[Row]):
    """The rows of a batch file, and ``notes`` for the person running it: how the file was read
    when that was a guess (a CSV in Windows-1252 rather than UTF-8)."""

    def __init__(self, rows: Iterable[Row] = (), notes: Iterable[str] = ()) -> None:
        super().__init__(rows)
        self.notes = list(notes)


def _merge(base: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """Row fields replace base fields; nested mappings (branding, contact) merge one level."""
    merged = dict(base)
    for key, value in row.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _rebase_paths(data: dict[str, Any], base_folder: Path, batch_folder: Path) -> dict[str, Any]:
    """Make the base session's file paths relative to the batch file's folder (where rows are
    resolved), so that the same containment rules apply to both."""
    branding = data.get("branding")
    if not isinstance(branding, dict) or base_folder == batch_folder:
        return data
    fixed = dict(branding)
    for _key, name in PATH_FIELDS:
        value = fixed.get(name)
        if isinstance(value, str) and not Path(value).is_absolute() and ".." not in Path(
                value).parts:
            fixed[name] = os.path.relpath(base_folder / value, batch_folder)
    return {**data, "branding": fixed}


def load_base(path: Path, batch_folder: Path) -> tuple[dict[str, Any], Position]:
    """The fields of a base session file, with paths rebased onto the batch file's folder."""
    located = load_yaml(read_text(path, what="base session file"), str(path))
    if located.data is not None and not isinstance(located.data, dict):
        line, column = located.position(())
        raise InputError.single(str(path), _("the base file must hold fields (`{example}`, "
                                             "`{other}`), not {shape}").format(
                                    example="municipality: …", other="audience: …",
                                    shape=_shape(located.data)),
                                _("write one `{line}` line per field, as in a session file"
                                  ).format(line="name: value"),
                                line=line, column=column)
    data = _rebase_paths(located.data or {}, path.resolve().parent, batch_folder)
    return data, lambda loc: (located.file, *located.position(loc))


def _shape(value: object) -> str:
    if value is None:
        return _("empty")
    return _("a list") if isinstance(value, list) else _("a single value")


def _base_from_yaml(located: Located, folder: Path) -> tuple[dict[str, Any], Position]:
    base = located.data.get("base") if isinstance(located.data, dict) else None
    if base is None:
        return {}, lambda loc: (located.file, *located.position(("base",)))
    if isinstance(base, str):
        from .assets import contained_path

        try:
            path = contained_path(folder, Path(base))
        except ValueError as exc:
            line, column = located.position(("base",))
            raise InputError.single(located.file, f"`base`: {exc}", _(
                "put the base session next to the batch file"), line=line,
                column=column) from None
        return load_base(path, folder)
    if isinstance(base, dict):
        return base, lambda loc: (located.file,
                                                           *located.position(("base", *loc)))
    line, column = located.position(("base",))
    raise InputError.single(located.file, _("`{field}` must be a path to a session file or the "
                                          "session fields themselves").format(field="base"),
                            line=line, column=column)


def read_yaml_batch(path: Path) -> list[Row]:
    """Rows from a YAML batch file."""
    located = load_yaml(read_text(path, what="batch file"), str(path))
    folder = path.resolve().parent
    if not isinstance(located.data, dict) or "sessions" not in located.data:
        raise InputError.single(str(path), _("a batch file needs `{sessions}` (a list of "
                                             "municipalities) and usually `{base}`").format(
                                    sessions="sessions:", base="base:"),
                                _("see {folder} for a batch file").format(folder="examples/"),
                                line=1, column=1)
    extra = set(located.data) - {"base", "sessions"}
    if extra:
        key = sorted(extra)[0]
        line, column = located.position((key,), key=True)
        raise InputError.single(str(path), _("unknown field `{name}` in a batch file").format(
                                    name=key),
                                _("a batch file has `{base}` and `{sessions}`").format(
                                    base="base:", sessions="sessions:"), line=line,
                                column=column)
    base, base_position = _base_from_yaml(located, folder)
    sessions = located.data["sessions"]
    if not isinstance(sessions, list) or not sessions:
        line, column = located.position(("sessions",))
        raise InputError.single(str(path), _("`{field}` must be a list with one item per "
                                             "municipality").format(field="sessions"),
                                line=line, column=column)
    if len(sessions) > MAX_ROWS:
        raise InputError.single(str(path), _("more than {count} sessions in one batch").format(
            count=MAX_ROWS))
    rows = []
    for index, entry in enumerate(sessions):
        item = entry if isinstance(entry, dict) else {}
        line, column = located.position(("sessions", index))
        problems = () if isinstance(entry, dict) else (Problem(
            str(path), line, column, _("session {number} must be `{line}` fields, not "
                                       "{shape}").format(number=index + 1, line="name: value",
                                                         shape=_shape(entry)),
            _("start the item with `{line}` and indent the other fields below it").format(
                line="- municipality: …")),)

        def position(loc: tuple[str | int, ...], index: int = index,
                     item: dict[str, Any] = item) -> tuple[str, int, int]:
            if loc and loc[0] in item:
                return (located.file, *located.position(("sessions", index, *loc)))
            if base and loc and loc[0] in base:
                return base_position(loc)
            return (located.file, *located.position(("sessions", index)))

        rows.append(Row(index + 1, _merge(base, item), folder, position,
                        f"{path.name}:{line}", problems))
    return rows


def _split_list(field: str, value: str) -> list[Any]:
    items = [part.strip() for part in value.split(";") if part.strip()]
    if field == "facilitators":
        people = []
        for item in items:
            name, _bar, organisation = item.partition("|")
            person = {"name": name.strip()}
            if organisation.strip():
                person["organisation"] = organisation.strip()
            people.append(person)
        return people
    if field == "exercises":
        refs: list[Any] = []
        for item in items:
            exercise_id, _eq, minutes = item.partition("=")
            refs.append({"id": exercise_id.strip(), "minutes": minutes.strip()} if minutes
                        else exercise_id.strip())
        return refs
    return items


def _csv_date(value: str) -> str | None:
    """A date cell in ISO form: ``8-4-2027`` (day-month-year, as Dutch Excel writes it) becomes
    ``2027-04-08``; other text is left for validation to judge. None: the day does not exist."""
    match = _DAY_MONTH_YEAR.match(value)
    if not match:
        return value
    day, month, year = map(int, match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _csv_dates(parsed: Any) -> tuple[Any, str | None]:
    """The date cell (or ``dates`` list) in ISO form, or the first day-month-year that does not
    exist."""
    for value in parsed if isinstance(parsed, list) else [parsed]:
        if _csv_date(value) is None:
            return parsed, value
    if isinstance(parsed, list):
        return [_csv_date(value) for value in parsed], None
    return _csv_date(parsed), None


def read_csv_batch(path: Path, base_path: Path | None = None) -> Rows:
    """Rows from a CSV batch file (optionally on top of a base session file)."""
    name = str(path)
    text, encoding = decode_spreadsheet(read_bytes(path, what="batch file", limit=MAX_CSV_BYTES,
                                                   hint=_("one row per municipality needs "
                                                          "far less")), name)
    notes = [] if encoding == "UTF-8" else [
        _("note: {file} is not UTF-8; read it as {encoding} (as Excel saves '{format}'); check "
          "that letters such as é and ú are right").format(
            file=path.name, encoding=encoding,
            format="CSV (gescheiden door lijstscheidingsteken)")]
    text = text.replace("\r\n", "\n")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        table = list(reader)
    except csv.Error as exc:
        raise InputError.single(name, _("CSV error: {error}").format(error=exc),
                                line=reader.line_num) from None
    table = [r for r in table if any(cell.strip() for cell in r)]
    if len(table) < 2:
        raise InputError.single(name, _("the CSV file needs a header row and at least one row"),
                                _("first row: {header}").format(
                                    header="municipality;audience;exercises;…"), line=1,
                                column=1)
    header = [cell.strip() for cell in table[0]]
    if len(header) > MAX_COLUMNS:
        raise InputError.single(name, _("the CSV file has {count} columns; the limit is "
                                        "{limit}").format(count=len(header), limit=MAX_COLUMNS),
                                _("one column per session field"), line=1,
                                column=1)
    if len(table) - 1 > MAX_ROWS:
        raise InputError.single(name, _("more than {count} rows in one batch").format(
            count=MAX_ROWS))
    known = set(Session.model_fields) | {f"branding.{f}" for f in ("logo", "colour", "template")}
    known |= {f"contact.{f}" for f in ("name", "email", "phone")}
    problems = []
    for column, field in enumerate(header, start=1):
        if field not in known:
            close = difflib.get_close_matches(field, sorted(known), n=1, cutoff=0.6)
            problems.append(Problem(name, 1, column, _("unknown column `{name}`").format(
                name=field), _("did you mean `{name}`?").format(name=close[0]) if close else
                _("columns are session fields, e.g. {fields}").format(
                    fields="municipality, exercises")))
    if problems:
        raise InputError(problems)
    folder = path.resolve().parent
    base: dict[str, Any] = {}
    base_position: Position = lambda loc: (name, 1, 1)  # noqa: E731
    if base_path is not None:
        base, base_position = load_base(base_path, folder)
    # Line numbers: count physical lines, since quoted cells may span lines.
    line_of_row = _row_lines(text, delimiter)
    rows = Rows(notes=notes)
    for number, cells in enumerate(table[1:], start=1):
        line = line_of_row[number] if number < len(line_of_row) else number + 1
        own: list[Problem] = []  # this row's problems: the other rows are built all the same
        if len(cells) > len(header):
            own.append(Problem(name, line, len(header) + 1, _(
                "this row has {cells} cells but the header has {columns} columns").format(
                cells=len(cells), columns=len(header)),
                _("put quotes around cells that contain the delimiter")))
        data: dict[str, Any] = {}
        columns: dict[str, int] = {}
        for column, (field, cell) in enumerate(zip(header, cells, strict=False), start=1):
            value = cell.strip()
            if "\n" in cell:  # rows after an open quote cannot be told apart: the whole file
                problems.append(Problem(name, line, column, _(
                    "this cell runs over several lines: is a quote ({quote}) not closed?").format(
                    quote='"'), _("close the quote, or remove it")))
                continue
            if not value:
                continue
            if value.startswith(FORMULA_START):
                own.append(Problem(name, line, column, _(
                    "cell `{field}` starts with `{character}`: it looks like a spreadsheet "
                    "formula").format(field=field, character=value[0]),
                    _("type the value itself, not a formula")))
                continue
            top, _dot, sub = field.partition(".")
            columns[top] = column
            parsed: Any = _split_list(top, value) if top in LIST_FIELDS else value
            if top in DATE_FIELDS:
                parsed, wrong = _csv_dates(parsed)
                if wrong is not None:
                    day, month, year = wrong.split("-")
                    own.append(Problem(name, line, column, _(
                        "`{field}`: {date} does not exist (read as day {day}, month {month}, "
                        "year {year})").format(field=top, date=wrong, day=int(day),
                                               month=int(month), year=year),
                        _("write the date as day-month-year, for example 8-4-2027, or as "
                          "2027-04-08")))
                    continue
            if sub:
                data.setdefault(top, {})[sub] = parsed
            else:
                data[top] = parsed

        def position(loc: tuple[str | int, ...], line: int = line,
                     columns: dict[str, int] = columns) -> tuple[str, int, int]:
            if loc and loc[0] in columns:
                return (name, line, columns[str(loc[0])])
            if base and loc and loc[0] in base:
                return base_position(loc)
            return (name, line, 1)

        rows.append(Row(number, _merge(base, data), folder, position, f"{path.name}:{line}",
                        tuple(own)))
    if problems:
        raise InputError(problems)
    return rows


def _row_lines(text: str, delimiter: str) -> list[int]:
    """The 1-based line on which each CSV record starts (index 0 = header)."""
    lines = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    start = 1
    for record in reader:
        if any(cell.strip() for cell in record):
            lines.append(start)
        start = reader.line_num + 1
    return lines


def read_batch(path: str | Path, base: str | Path | None = None, *,
               isolate_rows: bool = False) -> Rows:
    """Rows from a batch file, by its extension (.csv, else YAML); ``Rows.notes`` says how a
    CSV was read when it was not UTF-8.

    A problem of the whole file (not UTF-8, no header, an unknown column) raises InputError.
    A row's own problems (a formula cell, a cell too many) travel in ``Row.problems`` when
    ``isolate_rows`` is set, for the caller to report with that row and build the others;
    otherwise they raise too, so that a caller that does not look at them never builds them.
    """
    file = Path(path)
    problem = not_a_file(file)
    if problem:
        raise InputError.single(str(file), _("batch file {problem}").format(problem=problem)
                                if problem == "not found"
                                else _("the batch file is {problem}").format(problem=problem),
                                _("give the path of the batch file itself"))
    if file.suffix.lower() in (".csv", ".txt"):
        rows = read_csv_batch(file, Path(base) if base else None)
    else:
        rows = Rows(read_yaml_batch(file))
    own = [problem for row in rows for problem in row.problems]
    if own and not isolate_rows:
        raise InputError(own)
    return rows
