"""The command line: parse arguments, call one library function per command, print the result.

Errors are mapped to messages and exit codes in one place (:func:`_run`).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .version import __version__

app = typer.Typer(
    name="opvoedkit",
    help="Build ready-to-use workshop packs for meetings on formal and informal parenting "
         "support.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

T = TypeVar("T")
_state = {"debug": False, "quiet": False}

ExercisesDir = Annotated[list[Path] | None, typer.Option(
    "--exercises-dir", "-e", help="Extra folder with exercises (adds or replaces by id); "
    "may be repeated.")]
TemplatesDir = Annotated[list[Path] | None, typer.Option(
    "--templates-dir", "-t", help="Folder with your own versions of the fixed texts "
    "(templates/texts/*.md); may be repeated.")]
# Default None rather than "table": Typer coerces every non-None value through a pydantic
# TypeAdapter, so a str default alone would import pydantic (~50 ms) on each plain call.
Format = Annotated[str | None, typer.Option("--format", "-f", help="table or json.",
                                            show_default="table")]


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _stdout() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def _run(action: Callable[[], T]) -> T:
    """Run a command body; map opvoedkit errors to messages and exit codes, never a traceback."""
    from .errors import EXIT_FAILURE, EXIT_INPUT, InputError, OpvoedkitError, exit_code

    try:
        return action()
    except InputError as exc:
        console = _stderr()
        for problem in exc.problems:
            console.print(problem.format(), markup=False)
        count = len(exc.problems)
        console.print(f"{count} problem{'s' if count != 1 else ''} found.", style="red",
                      markup=False)
        if _state["debug"]:
            raise
        raise typer.Exit(EXIT_INPUT) from None
    except OpvoedkitError as exc:
        _stderr().print(f"error: {exc}", style="red", markup=False)
        if _state["debug"]:
            raise
        raise typer.Exit(exit_code(exc)) from None
    except KeyboardInterrupt:
        _stderr().print("interrupted; nothing half-written was left behind.", markup=False)
        raise typer.Exit(130) from None
    except OSError as exc:  # the machine's, not ours: a full disk, a read-only folder, …
        where = f": {exc.filename}" if exc.filename else ""
        _stderr().print(f"error: {exc.strerror or exc}{where}", style="red", markup=False)
        if _state["debug"]:
            raise
        raise typer.Exit(EXIT_FAILURE) from None
    except (typer.Exit, SystemExit):
        raise
    except Exception as exc:  # a bug of ours: say so briefly, keep the traceback for --debug
        if _state["debug"]:
            raise
        _stderr().print(f"internal error: {type(exc).__name__}: {exc}\n"
                        "run again with --debug for details, and please report it.",
                        style="red", markup=False)
        raise typer.Exit(EXIT_FAILURE) from None


def _check_format(value: str | None) -> str:
    """The output format: table (the default) or json."""
    if value is None:
        return "table"
    if value not in ("table", "json"):
        from .errors import UsageError

        raise UsageError(f"--format must be table or json, not {value!r}")
    return value


def _whole_number(option: str, value: str | None) -> int | None:
    """A whole-number option, read here so that its message is ours, not a type library's."""
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit():
        from .errors import UsageError

        raise UsageError(f"Invalid value for '{option}': {value!r} is not a whole number "
                         "(for example 45)")
    return int(text)


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"opvoedkit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    _state["quiet"], _state["debug"] = quiet, debug


@app.command()
def validate(
    session: Annotated[Path, typer.Argument(help="The session file (.yaml).")],
    exercises_dir: ExercisesDir = None,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
) -> None:
    """Check a session file without rendering anything."""
    from .report import print_warnings, validation_summary

    def action() -> None:
        from .preflight import prepare

        prepared = prepare(session, exercises_dir or [])
        print_warnings(sys.stderr, prepared.program.warnings, strict=strict)
        if not _state["quiet"]:
            print(validation_summary(prepared))

    _run(action)


@app.command()
def plan(
    session: Annotated[Path, typer.Argument(help="The session file (.yaml).")],
    exercises_dir: ExercisesDir = None,
    format: Format = None,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
) -> None:
    """Show the timed agenda of a session."""

    def action() -> None:
        from .planner import program_json
        from .preflight import prepare
        from .report import print_plan, print_warnings

        chosen_format = _check_format(format)
        prepared = prepare(session, exercises_dir or [])
        print_warnings(sys.stderr, prepared.program.warnings, strict=strict)
        if chosen_format == "json":
            _print_json(program_json(prepared.program))
        else:
            print_plan(_stdout(), prepared)

    _run(action)


@app.command("list-exercises")
def list_exercises(
    audience: Annotated[str | None, typer.Option(help="professionals, informal or policy.")] = None,
    theme: Annotated[str | None, typer.Option(help="Only exercises with this theme.")] = None,
    part: Annotated[str | None, typer.Option(help="kennismaken, verkenning, visie, opzetten or "
                                                  "afsluiten.")] = None,
    max_minutes: Annotated[str | None, typer.Option(metavar="MINUTES", help="Only exercises "
                                                    "that can be done in this many minutes.")
                           ] = None,
    exercises_dir: ExercisesDir = None,
    format: Format = None,
) -> None:
    """List the exercise library."""

    def action() -> None:
        from .catalogue import check_filters, entries, matches, table

        chosen_format = _check_format(format)
        check_filters(audience, theme, part)
        limit = _whole_number("--max-minutes", max_minutes)
        chosen = [e for e in entries(exercises_dir or []) if matches(
            e, audience=audience, theme=theme, part=part, max_minutes=limit)]
        if chosen_format == "json":
            _print_json(chosen)
        else:
            sys.stdout.write(table(chosen, shutil.get_terminal_size().columns))

    _run(action)


@app.command("show-exercise")
def show_exercise(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="The exercise id.")],
    exercises_dir: ExercisesDir = None,
) -> None:
    """Show one exercise in full."""

    def action() -> None:
        from .library import load_library
        from .report import print_exercise

        print_exercise(_stdout(), load_library(exercises_dir or []), exercise_id)

    _run(action)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter file.")] = Path(
        "sessie.yaml"),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter session file."""

    def action() -> None:
        from .starter import write_starter

        written = write_starter(path, force=force)
        if not _state["quiet"]:
            _stdout().print(f"Wrote {', '.join(str(p) for p in written)}. Edit it, then run: "
                            f"opvoedkit validate {path}", markup=False)

    _run(action)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the session file."""

    def action() -> None:
        from .starter import session_schema

        _print_json(session_schema())

    _run(action)


@app.command()
def build(
    session: Annotated[Path, typer.Argument(help="The session file (.yaml).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Folder for the pack; "
                                                "default output/<municipality>.")] = None,
    exercises_dir: ExercisesDir = None,
    templates_dir: TemplatesDir = None,
    only: Annotated[str | None, typer.Option(help="Only these kinds, comma-separated: deck, "
                                             "handbook, handout, attendance, evaluation, "
                                             "calendar.")] = None,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
    force: Annotated[bool, typer.Option(help="Build into a pack folder that holds edited or "
                                        "added files: edited ones are kept aside under a new "
                                        "name, added ones left alone.")] = False,
) -> None:
    """Build the complete pack for one session."""

    def action() -> None:
        from .builder import build_pack, parse_only
        from .report import print_build, print_warnings

        kinds = parse_only(only)
        built = build_pack(
            session, output, exercises_dirs=exercises_dir or [],
            templates_dirs=templates_dir or [], only=kinds, strict=strict, force=force,
            on_prepared=lambda p: print_warnings(sys.stderr, p.program.warnings, strict=False))
        for name in built.kept_aside:  # said even with --quiet: a person's edit moved
            _stderr().print(f"kept aside: {name} (it had been changed after opvoedkit wrote "
                            "it; the new version has the original name)", markup=False)
        if not _state["quiet"]:
            print_build(sys.stdout, built.pack, built.rendered)

    _run(action)


@app.command()
def batch(
    batch_file: Annotated[Path, typer.Argument(metavar="BATCH", help="A batch file (.yaml or "
                                               ".csv).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the packs.")] = Path(
        "output"),
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Parallel workers; "
                                             "default: the number of cores.")] = None,
    keep_going: Annotated[bool, typer.Option("--keep-going/--fail-fast", help="Go on after a "
                                             "failed row, or stop at the first.")] = True,
    force: Annotated[bool, typer.Option(help="Rebuild rows whose inputs did not change.")] = False,
    base: Annotated[Path | None, typer.Option(help="Base session file for a CSV batch.")] = None,
    exercises_dir: ExercisesDir = None,
    templates_dir: TemplatesDir = None,
    only: Annotated[str | None, typer.Option(help="Only these kinds, comma-separated.")] = None,
    strict: Annotated[bool, typer.Option(help="Treat a row's warnings as errors: that row is "
                                              "not built.")] = False,
) -> None:
    """Build packs for many municipalities at once."""

    def action() -> None:
        from .batcher import batch as run_batch
        from .builder import parse_only
        from .errors import EXIT_FAILURE
        from .report import BatchProgress, print_batch_summary

        kinds = parse_only(only)
        with BatchProgress(_stdout(), _stderr(), quiet=bool(_state["quiet"])) as progress:
            report = run_batch(batch_file, output, jobs=jobs, fail_fast=not keep_going,
                               force=force, base=base, exercises_dirs=exercises_dir or [],
                               templates_dirs=templates_dir or [], only=kinds,
                               strict=strict, on_event=progress.event)
        if not _state["quiet"]:
            print_batch_summary(_stdout(), report, output)
        if report["totals"]["failed"]:
            raise typer.Exit(EXIT_FAILURE)

    _run(action)


@app.command("check-template")
def check_template(
    template: Annotated[Path, typer.Argument(metavar="FILE.pptx", help="A PowerPoint file.")],
) -> None:
    """Show how a municipality's .pptx template maps onto opvoedkit's slide kinds."""

    def action() -> None:
        from .template_check import check_template as check
        from .template_check import format_report

        _stdout().print(format_report(check(template)), markup=False)

    _run(action)


def main() -> None:
    """Entry point of the ``opvoedkit`` command."""
    if os.environ.get("NO_COLOR"):
        os.environ.setdefault("TERM", "dumb")
    # SIGTERM stops a build like Ctrl-C does: the hidden folder it renders into is removed.
    signal.signal(signal.SIGTERM, _terminated)
    app()


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
