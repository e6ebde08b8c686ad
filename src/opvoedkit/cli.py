"""The command line: parse arguments, call one library function per command, print the result.

Errors are mapped to messages and exit codes in one place (:func:`_run`); Click's own usage
errors and help layout are put into the user's language by :class:`Group` and :class:`Command`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from .i18n import _, click_language, ngettext
from .version import __version__

T = TypeVar("T")
_state = {"debug": False, "quiet": False}


# --- Help pages and usage errors in the user's language -------------------------------------
# Typer's copy of Click writes "Usage:", "Error:", "No such option" and the help option's text
# as plain strings (only Typer's own strings go through gettext, see i18n.click_language). So
# the help layout is written here, through Click's public extension points (a Command class's
# format_* methods), and usage errors are shown by Group.main from their type and fields.

def _help_text(param: Any) -> str:
    """An option's help; Typer's own options get ours, in the user's language."""
    own = {"help": _("Show this message and exit."),
           "install_completion": _("Install shell completion for the current shell."),
           "show_completion": _("Show the shell completion script, to copy it or install it "
                                "yourself.")}
    return own.get(param.name, "") or str(getattr(param, "help", "") or "")


def _format_params(command: Any, ctx: Any, formatter: Any) -> None:
    """Arguments and options with words for their values: ``-o, --output MAP``."""
    arguments, options = [], []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if isinstance(param, TyperArgument):
            arguments.append((param.metavar or (param.name or "").upper(), _help_text(param)))
        elif isinstance(param, TyperOption):
            names = ", ".join(sorted(param.opts, key=lambda o: o.startswith("--")))
            if param.secondary_opts:
                names += " / " + ", ".join(param.secondary_opts)
            if not param.is_flag:
                names += " " + (param.metavar or _("TEXT"))
            options.append((names, _help_text(param)))
    for title, rows in ((_("Arguments"), arguments), (_("Options"), options)):
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


def _format_usage(command: Any, ctx: Any, formatter: Any) -> None:
    """``Usage: opvoedkit build [OPTIONS] FILE``, in the user's language."""
    formatter.write_usage(ctx.command_path, " ".join(command.collect_usage_pieces(ctx)),
                          prefix=_("Usage: "))


def _format_examples(command: Any, formatter: Any) -> None:
    """The examples (the epilog): each command line as it is typed, what it does below it."""
    if command.epilog:
        with formatter.section(_("Examples")):
            for line in command.epilog.splitlines():
                typed, what = line.split("\t", 1)
                formatter.write(" " * formatter.current_indent + typed + "\n")
                with formatter.indentation():
                    formatter.write_text(what)


def _examples(*examples: tuple[str, str]) -> str:
    """The epilog of a command: (command line, what it does) pairs."""
    return "\n".join(f"{line}\t{what}" for line, what in examples)


class Command(TyperCommand):
    """A command whose help and usage line are in the user's language."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS] FILE [FOLDER]``: required arguments bare, optional ones in brackets."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = param.metavar or (param.name or "").upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        """The usage line."""
        _format_usage(self, ctx, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """Arguments and options."""
        _format_params(self, ctx, formatter)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        """Examples."""
        _format_examples(self, formatter)


class Group(TyperGroup):
    """The ``opvoedkit`` command: help, usage errors and completion as a user expects them."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        """The usage line."""
        _format_usage(self, ctx, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """Options, then the commands in the order a user meets them, each described in full."""
        _format_params(self, ctx, formatter)
        rows = [(name, (command.help or "").split("\n\n")[0])
                for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        """Examples."""
        _format_examples(self, formatter)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The subcommand; a misspelt one is a usage error that suggests the nearest names."""
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None \
                and not ctx.resilient_parsing:
            from difflib import get_close_matches

            from .errors import visible

            message = _("No such command '{name}'.").format(name=visible(args[0]))
            close = get_close_matches(args[0], self.list_commands(ctx))
            if close:
                message += " " + _("Did you mean {names}?").format(
                    names=", ".join(f"'{name}'" for name in close))
            ctx.fail(message)
        return super().resolve_command(ctx, args)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        """Run the CLI; usage errors are printed here, in the user's language."""
        _accept_click_completion_style(complete_var or "_OPVOEDKIT_COMPLETE")
        with click_language():
            if not standalone_mode:
                return super().main(args, prog_name, complete_var, standalone_mode,
                                    windows_expand_args, **extra)
            try:
                result = super().main(args, prog_name, complete_var, False,
                                      windows_expand_args, **extra)
            except Exception as exc:
                code = _show_click_error(exc)
                if code is None:
                    raise
                sys.exit(code)
            sys.exit(result if type(result) is int else 0)


def _accept_click_completion_style(variable: str) -> None:
    """Accept Click's ``bash_source`` as well as Typer's ``source_bash`` for completion."""
    shell, _sep, instruction = os.environ.get(variable, "").partition("_")
    if shell in ("bash", "zsh", "fish", "powershell", "pwsh") and \
            instruction in ("source", "complete"):
        os.environ[variable] = f"{instruction}_{shell}"


def _param_hint(exc: Any) -> str:
    """``'FILE'`` or ``'-o' / '--output'``: the parameter a usage error is about."""
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if hint is None and isinstance(param, TyperArgument):
        hint = param.metavar or (param.name or "").upper()
    elif hint is None and isinstance(param, TyperOption):
        hint = list(param.opts)
    if hint is None:
        return ""
    return " / ".join(f"'{h}'" for h in ([hint] if isinstance(hint, str) else hint))


def _usage_message(exc: Any, kinds: set[str]) -> str:
    """A usage error's message in the user's language, from its type and fields."""
    from .errors import visible

    message = str(getattr(exc, "message", "") or "")
    if "NoSuchOption" in kinds:
        option = visible(exc.option_name)
        if exc.possibilities:
            return _("No such option: {option} (did you mean {names}?)").format(
                option=option, names=", ".join(sorted(exc.possibilities)))
        return _("No such option: {option}").format(option=option)
    if "MissingParameter" in kinds:
        if isinstance(exc.param, TyperOption) or exc.param_type == "option":
            return _("Missing option {name}.").format(name=_param_hint(exc))
        return _("Missing argument {name}.").format(name=_param_hint(exc))
    if "BadParameter" in kinds:
        return _("Invalid value for {name}: {message}").format(name=_param_hint(exc),
                                                              message=message)
    if (found := re.fullmatch(r"Option '(.+)' requires (?:an argument|\d+ arguments)\.",
                              message)):
        return _("Option '{option}' needs a value.").format(option=found[1])
    if (found := re.fullmatch(r"Option '(.+)' does not take a value\.", message)):
        return _("Option '{option}' does not take a value.").format(option=found[1])
    if (found := re.fullmatch(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", message)):
        return ngettext("Unexpected extra argument: {arguments}",
                        "Unexpected extra arguments: {arguments}",
                        len(found[1].split())).format(arguments=found[1])
    return str(exc.format_message())


def _show_click_error(exc: Exception) -> int | None:
    """Print a Click usage error or abort as Click would, in the user's language; its exit code.

    None when ``exc`` is not one of Click's (Typer's copy of Click or Click itself)."""
    kinds = {cls.__name__ for cls in type(exc).__mro__}
    ctx = getattr(exc, "ctx", None)
    if "Abort" in kinds:
        typer.echo(_("Aborted!"), err=True)
        return 1
    if "ClickException" not in kinds:
        return None
    if "NoArgsIsHelpError" in kinds:
        typer.echo(exc.format_message(), err=True)  # type: ignore[attr-defined]
        return int(getattr(exc, "exit_code", 2))
    lines = []
    if "UsageError" in kinds and ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_("Try '{command} --help' for help.").format(
                command=ctx.command_path))
        lines.append("")
    message = (_usage_message(exc, kinds) if "UsageError" in kinds else
               str(exc.format_message()))  # type: ignore[attr-defined]
    lines.append(_("Error: {message}").format(message=message))
    typer.echo("\n".join(lines), err=True)
    return int(getattr(exc, "exit_code", 1))


# --- The commands ---------------------------------------------------------------------------

app = typer.Typer(
    name="opvoedkit",
    cls=Group,
    help=_("Build ready-to-use workshop packs for meetings on formal and informal parenting "
           "support."),
    epilog=_examples(
        ("opvoedkit init sessie.yaml", _("write a starter session file to fill in")),
        ("opvoedkit validate sessie.yaml", _("check it")),
        ("opvoedkit build sessie.yaml", _("build the pack into output/<municipality>")),
        ("opvoedkit build --help", _("help on one command"))),
    options_metavar=_("[OPTIONS]"),
    subcommand_metavar=_("COMMAND [ARGUMENTS]..."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

ExercisesDir = Annotated[list[Path] | None, typer.Option(
    "--exercises-dir", "-e", metavar=_("FOLDER"), help=_(
        "Extra folder with exercises (adds or replaces by id); may be repeated."))]
TemplatesDir = Annotated[list[Path] | None, typer.Option(
    "--templates-dir", "-t", metavar=_("FOLDER"), help=_(
        "Folder with your own versions of the fixed texts (templates/texts/*.md); may be "
        "repeated."))]
# Default None rather than "table": Typer coerces every non-None value through a pydantic
# TypeAdapter, so a str default alone would import pydantic (~50 ms) on each plain call.
Format = Annotated[str | None, typer.Option(
    "--format", "-f", metavar="table|json", help=_("table (the default) or json."))]
Strict = Annotated[bool, typer.Option("--strict", help=_("Treat warnings as errors."))]
Only = Annotated[str | None, typer.Option(
    "--only", metavar=_("KINDS"), help=_(
        "Only these kinds, comma-separated: deck, handbook, handout, attendance, evaluation, "
        "calendar."))]
# -q and --debug are accepted before and after the command: opvoedkit -q build … and
# opvoedkit build … -q do the same.
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help=_("Print only errors."))]
Debug = Annotated[bool, typer.Option("--debug", help=_("Show tracebacks."))]
SessionFile = Annotated[Path, typer.Argument(metavar=_("FILE"), show_default=False,
                                             help=_("The session file (.yaml)."))]


def _command(name: str, help: str, *examples: tuple[str, str]
             ) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command with its help and examples."""
    return app.command(name, cls=Command, help=help, epilog=_examples(*examples),
                       options_metavar=_("[OPTIONS]"))


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _stdout() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def _run(action: Callable[[], T], quiet: bool = False, debug: bool = False) -> T:
    """Run a command body; map opvoedkit errors to messages and exit codes, never a traceback.

    ``quiet`` and ``debug`` are the command's own -q and --debug (given after it)."""
    from .errors import EXIT_FAILURE, EXIT_INPUT, InputError, OpvoedkitError, exit_code

    _state["quiet"] = bool(_state["quiet"] or quiet)
    _state["debug"] = bool(_state["debug"] or debug)
    try:
        return action()
    except InputError as exc:
        console = _stderr()
        for problem in exc.problems:
            console.print(problem.format(), markup=False)
        count = len(exc.problems)
        console.print(ngettext("{count} problem found.", "{count} problems found.",
                               count).format(count=count), style="red", markup=False)
        if _state["debug"]:
            raise
        raise typer.Exit(EXIT_INPUT) from None
    except OpvoedkitError as exc:
        _stderr().print(_("error: {message}").format(message=exc), style="red", markup=False)
        if _state["debug"]:
            raise
        raise typer.Exit(exit_code(exc)) from None
    except KeyboardInterrupt:
        _stderr().print(_("interrupted; nothing half-written was left behind."), markup=False)
        raise typer.Exit(130) from None
    except OSError as exc:  # the machine's, not ours: a full disk, a read-only folder, …
        where = f": {exc.filename}" if exc.filename else ""
        _stderr().print(_("error: {message}").format(message=f"{exc.strerror or exc}{where}"),
                        style="red", markup=False)
        if _state["debug"]:
            raise
        raise typer.Exit(EXIT_FAILURE) from None
    except (typer.Exit, SystemExit):
        raise
    except Exception as exc:  # a bug of ours: say so briefly, keep the traceback for --debug
        if _state["debug"]:
            raise
        _stderr().print(_("internal error: {error}\nrun again with --debug for details, and "
                          "please report it.").format(error=f"{type(exc).__name__}: {exc}"),
                        style="red", markup=False)
        raise typer.Exit(EXIT_FAILURE) from None


def _check_format(value: str | None) -> str:
    """The output format: table (the default) or json."""
    if value is None:
        return "table"
    if value not in ("table", "json"):
        from .errors import UsageError

        raise UsageError(_("--format must be table or json, not {value!r}").format(
            value=value))
    return value


def _whole_number(option: str, value: str | None, minimum: int = 0,
                  example: int = 45) -> int | None:
    """A whole-number option, read here so that its message is ours, not a type library's."""
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit():
        from .errors import UsageError

        raise UsageError(_("Invalid value for '{option}': {value!r} is not a whole number "
                           "(for example {example})").format(option=option, value=value,
                                                             example=example))
    if int(text) < minimum:
        from .errors import UsageError

        raise UsageError(_("Invalid value for '{option}': {value!r}; give {minimum} or "
                           "more").format(option=option, value=value, minimum=minimum))
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
                                          help=_("Show the version and exit."))] = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    _state["quiet"], _state["debug"] = quiet, debug


# The commands in the order a user meets them: start a file, check it, look at the agenda,
# build one pack, build many; then the catalogue and the tools around it.

@_command("init", _("Write a commented starter session file."),
          ("opvoedkit init", _("write sessie.yaml in this folder")),
          ("opvoedkit init utrecht.yaml --force", _("write utrecht.yaml, also if it exists")))
def init(
    path: Annotated[Path, typer.Argument(metavar=_("FILE"), show_default=False, help=_(
        "Where to write the starter file; default sessie.yaml."))] = Path("sessie.yaml"),
    force: Annotated[bool, typer.Option("--force", help=_("Overwrite an existing file."))
                     ] = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Write a commented starter session file."""

    def action() -> None:
        from .starter import write_starter

        written = write_starter(path, force=force)
        if not _state["quiet"]:
            _stdout().print(_("Wrote {files}. Edit it, then run: opvoedkit validate {path}")
                            .format(files=", ".join(str(p) for p in written), path=path),
                            markup=False)

    _run(action, quiet, debug)


@_command("validate", _("Check a session file without rendering anything."),
          ("opvoedkit validate sessie.yaml", _("every check a build makes")),
          ("opvoedkit validate sessie.yaml --strict", _("warnings count as errors (exit 2)")))
def validate(
    session: SessionFile,
    exercises_dir: ExercisesDir = None,
    strict: Strict = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Check a session file without rendering anything."""
    from .report import print_warnings, validation_summary

    def action() -> None:
        from .preflight import prepare

        prepared = prepare(session, exercises_dir or [])
        print_warnings(sys.stderr, prepared.program.warnings, strict=strict,
                       quiet=bool(_state["quiet"]))
        if not _state["quiet"]:
            print(validation_summary(prepared))

    _run(action, quiet, debug)


@_command("plan", _("Show the timed agenda of a session."),
          ("opvoedkit plan sessie.yaml", _("the agenda as a table")),
          ("opvoedkit plan sessie.yaml --format json", _("the agenda as JSON, for scripts")))
def plan(
    session: SessionFile,
    exercises_dir: ExercisesDir = None,
    format: Format = None,
    strict: Strict = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Show the timed agenda of a session."""

    def action() -> None:
        from .planner import program_json
        from .preflight import prepare
        from .report import print_plan, print_warnings

        chosen_format = _check_format(format)
        prepared = prepare(session, exercises_dir or [])
        print_warnings(sys.stderr, prepared.program.warnings, strict=strict,
                       quiet=bool(_state["quiet"]))
        if chosen_format == "json":
            _print_json(program_json(prepared.program))
        else:
            print_plan(_stdout(), prepared)

    _run(action, quiet, debug)


@_command("build", _("Build the complete pack for one session."),
          ("opvoedkit build sessie.yaml", _("the pack into output/<municipality>")),
          ("opvoedkit build sessie.yaml -o pakket --only deck,handbook",
           _("only the slides and the handbook, into the folder pakket")))
def build(
    session: SessionFile,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar=_("FOLDER"), help=_(
            "Folder for the pack; default output/<municipality>."))] = None,
    exercises_dir: ExercisesDir = None,
    templates_dir: TemplatesDir = None,
    only: Only = None,
    strict: Strict = False,
    force: Annotated[bool, typer.Option("--force", help=_(
        "Build into a pack folder that holds edited or added files: edited ones are kept "
        "aside under a new name, added ones left alone."))] = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Build the complete pack for one session."""

    def action() -> None:
        from .builder import build_pack, parse_only
        from .report import print_build, print_warnings

        kinds = parse_only(only)
        built = build_pack(
            session, output, exercises_dirs=exercises_dir or [],
            templates_dirs=templates_dir or [], only=kinds, strict=strict, force=force,
            on_prepared=lambda p: print_warnings(sys.stderr, p.program.warnings, strict=False,
                                                 quiet=bool(_state["quiet"])))
        for name in built.kept_aside:  # said even with --quiet: a person's edit moved
            _stderr().print(_("kept aside: {name} (it had been changed after opvoedkit wrote "
                              "it; the new version has the original name)").format(name=name),
                            markup=False)
        if not _state["quiet"]:
            print_build(sys.stdout, built.pack, built.rendered)

    _run(action, quiet, debug)


@_command("batch", _("Build packs for many municipalities at once."),
          ("opvoedkit batch gemeenten.yaml", _("one pack per row, into output/<municipality>")),
          ("opvoedkit batch gemeenten.csv --base sessie.yaml -j 2",
           _("rows from Excel on a base session, two at a time")))
def batch(
    batch_file: Annotated[Path, typer.Argument(metavar=_("FILE"), show_default=False, help=_(
        "A batch file (.yaml or .csv)."))],
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar=_("FOLDER"), show_default=False, help=_(
            "Folder for the packs; default output."))] = Path("output"),
    jobs: Annotated[str | None, typer.Option(
        "--jobs", "-j", metavar=_("NUMBER"), help=_(
            "Packs built at the same time; default: the number of cores."))] = None,
    keep_going: Annotated[bool, typer.Option(
        "--keep-going/--fail-fast", show_default=False, help=_(
            "Go on after a failed row (the default), or stop at the first."))] = True,
    force: Annotated[bool, typer.Option("--force", help=_(
        "Rebuild rows whose inputs did not change."))] = False,
    base: Annotated[Path | None, typer.Option("--base", metavar=_("FILE"), help=_(
        "Base session file for a CSV batch."))] = None,
    exercises_dir: ExercisesDir = None,
    templates_dir: TemplatesDir = None,
    only: Only = None,
    strict: Annotated[bool, typer.Option("--strict", help=_(
        "Treat a row's warnings as errors: that row is not built."))] = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Build packs for many municipalities at once."""

    def action() -> None:
        from .batcher import batch as run_batch
        from .builder import parse_only
        from .errors import EXIT_FAILURE
        from .report import BatchProgress, print_batch_summary

        kinds = parse_only(only)
        workers = _whole_number("--jobs", jobs, minimum=1, example=2)
        with BatchProgress(_stdout(), _stderr(), quiet=bool(_state["quiet"]),
                           strict=strict) as progress:
            report = run_batch(batch_file, output, jobs=workers, fail_fast=not keep_going,
                               force=force, base=base, exercises_dirs=exercises_dir or [],
                               templates_dirs=templates_dir or [], only=kinds,
                               strict=strict, on_event=progress.event)
        if not _state["quiet"]:
            print_batch_summary(_stdout(), report, output)
        if report["totals"]["failed"]:
            raise typer.Exit(EXIT_FAILURE)

    _run(action, quiet, debug)


@_command("list-exercises", _("List the exercise library."),
          ("opvoedkit list-exercises --audience informal --max-minutes 30",
           _("exercises for key figures and volunteers that fit in half an hour")),
          ("opvoedkit list-exercises --format json", _("the whole catalogue as JSON")))
def list_exercises(
    audience: Annotated[str | None, typer.Option(metavar=_("AUDIENCE"), help=_(
        "professionals, informal or policy."))] = None,
    theme: Annotated[str | None, typer.Option(metavar=_("THEME"), help=_(
        "Only exercises with this theme."))] = None,
    part: Annotated[str | None, typer.Option(metavar=_("PART"), help=_(
        "kennismaken, verkenning, visie, opzetten or afsluiten."))] = None,
    max_minutes: Annotated[str | None, typer.Option(metavar=_("MINUTES"), help=_(
        "Only exercises that can be done in this many minutes."))] = None,
    exercises_dir: ExercisesDir = None,
    format: Format = None,
    quiet: Quiet = False,
    debug: Debug = False,
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

    _run(action, quiet, debug)


@_command("show-exercise", _("Show one exercise in full."),
          ("opvoedkit show-exercise stellingenspel", _("goal, steps and tips of one exercise")))
def show_exercise(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", show_default=False, help=_(
        "The exercise id, as list-exercises shows it."))],
    exercises_dir: ExercisesDir = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Show one exercise in full."""

    def action() -> None:
        from .library import load_library
        from .report import print_exercise

        print_exercise(_stdout(), load_library(exercises_dir or []), exercise_id)

    _run(action, quiet, debug)


@_command("schema", _("Print the JSON Schema of the session file."),
          ("opvoedkit schema > sessie.schema.json",
           _("for an editor that checks YAML as you type")))
def schema(quiet: Quiet = False, debug: Debug = False) -> None:
    """Print the JSON Schema of the session file."""

    def action() -> None:
        from .starter import session_schema

        _print_json(session_schema())

    _run(action, quiet, debug)


@_command("check-template",
          _("Show how a municipality's .pptx template maps onto opvoedkit's slide kinds."),
          ("opvoedkit check-template huisstijl.pptx",
           _("which layouts the deck will use, and what is missing")))
def check_template(
    template: Annotated[Path, typer.Argument(metavar=_("FILE.pptx"), show_default=False,
                                             help=_("A PowerPoint file."))],
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Show how a municipality's .pptx template maps onto opvoedkit's slide kinds."""

    def action() -> None:
        from .template_check import check_template as check
        from .template_check import format_report

        _stdout().print(format_report(check(template)), markup=False)

    _run(action, quiet, debug)


def main() -> None:
    """Entry point of the ``opvoedkit`` command."""
    if os.environ.get("NO_COLOR"):
        os.environ.setdefault("TERM", "dumb")
    # SIGTERM stops a build like Ctrl-C does: the hidden folder it renders into is removed.
    signal.signal(signal.SIGTERM, _terminated)
    app()


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
