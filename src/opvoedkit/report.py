"""What the terminal shows: tables and summaries. No pipeline logic here.

``build`` and ``validate`` print plain text (see plaintext.py); the richer views (plan, show-
exercise, batch progress) import rich when they run, so the common commands never pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .errors import InputError, Problem, UsageError
from .i18n import _, ngettext
from .plaintext import columns
from .vocab import GROUP_FORM_LABELS

if TYPE_CHECKING:
    from rich.console import Console

    from .library import Library
    from .pack import Pack
    from .preflight import Prepared
    from .render import Rendered


# What a body's variables stand for, shown by show-exercise where a pack has the session's value
# (in Dutch in either language: it stands inside the exercise's Dutch text)
PLACEHOLDERS = {"municipality": "[gemeente]"}
_EXPRESSION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)  # {{ x }}, {{ 'id' | titel }}


def _placeholder(expression: str) -> str:
    """What ``{{ expression }}`` shows before a session gives it a value: its variable or
    literal, without the filters."""
    head = expression.split("|", 1)[0].strip()
    if len(head) >= 2 and head[0] == head[-1] and head[0] in "'\"":
        return f"[{head[1:-1]}]"
    return PLACEHOLDERS.get(head, f"[{head}]")


_CONDITION = re.compile(r"\{%-?\s*(if|elif|else|endif)\b\s*(.*?)\s*-?%\}", re.DOTALL)
# How a condition reads in the Dutch text it stands in (show-exercise has no session yet).
_CONDITION_WORDS = (
    (re.compile(r"'([a-z0-9-]+)' in later"), r"‘\1’ komt later"),
    (re.compile(r"'([a-z0-9-]+)' in earlier"), r"‘\1’ was eerder"),
    (re.compile(r"\bnot\b"), "niet"), (re.compile(r"\band\b"), "en"),
    (re.compile(r"\bor\b"), "of"),
    (re.compile(r"\bprofessionals\b"), "professionals aanwezig"),
    (re.compile(r"\binformal\b"), "informele werkers aanwezig"),
    (re.compile(r"\bpolicy\b"), "beleidsmedewerkers aanwezig"),
    (re.compile(r"\bnext\b"), "er komt nog een oefening"),
)


def _condition(match: re.Match[str]) -> str:
    """``{% if policy %}`` as ``[als beleidsmedewerkers aanwezig:]``, and so on."""
    kind, text = match[1], match[2]
    for pattern, words in _CONDITION_WORDS:
        text = pattern.sub(words, text)
    return {"if": f"[als {text}:] ", "elif": f" [of als {text}:] ", "else": " [anders:] ",
            "endif": " [/]"}[kind]


def readable(body: str) -> str:
    """Exercise text with ``{{ municipality }}`` shown as ``[gemeente]`` and its conditions in
    words (``[als beleidsmedewerkers aanwezig:] … [anders:] … [/]``): the values come from the
    session file, so there are none to show yet."""
    return _CONDITION.sub(_condition, _EXPRESSION.sub(lambda m: _placeholder(m[1]), body))


def print_exercise(console: Console, library: Library, exercise_id: str) -> None:
    """One exercise in full, as Markdown."""
    from rich.markdown import Markdown

    from .library import SECTIONS

    exercise = library.get(exercise_id)
    if exercise is None:
        raise InputError([Problem(_("exercise"), 0, 0, _("unknown exercise `{id}`").format(
            id=exercise_id), library.suggest(exercise_id))])
    meta = exercise.meta
    form = GROUP_FORM_LABELS[meta.group_form]
    part, time, shape, audiences, themes, materials = (
        _("part"), _("time"), _("form"), _("for"), _("themes"), _("Materials:"))
    head = [f"# {meta.title}", "",
            f"**id** `{meta.id}` · **{part}** {meta.part}"
            + (f" (toolkit {meta.toolkit_part})" if meta.toolkit_part else "")
            + f" · **{time}** "
            + _("{default} min ({min}–{max})").format(default=meta.minutes.default,
                                                     min=meta.minutes.min, max=meta.minutes.max)
            + f" · **{shape}** "
            + (_("{form} of {size}").format(form=form, size=meta.group_size)
               if meta.group_size else form),
            "", f"**{audiences}** " + ", ".join(meta.audiences) + f" · **{themes}** "
            + ", ".join(meta.themes), ""]
    if meta.materials:
        head.append(f"**{materials}** " + "; ".join(
            _("{quantity}× {item} per {per}").format(quantity=m.quantity, item=m.item,
                                                     per=m.per) for m in meta.materials))
    body = []
    for key, title in SECTIONS:
        body += [f"## {title}", "", readable(exercise.sections[key]), ""]
    console.print(Markdown("\n".join([*head, "", *body])))


def validation_summary(prepared: Prepared) -> str:
    """``OK`` plus one line that says what the session amounts to."""
    from .planner import clock

    session, program = prepared.session, prepared.program
    first, last = program.dayparts[0], program.dayparts[-1]
    count = sum(1 for b in program.blocks() if b.kind == "exercise")
    date = _(" on {date}").format(date=session.date.isoformat()) if session.date else ""
    dayparts = ngettext("{count} daypart", "{count} dayparts", session.dayparts).format(
        count=session.dayparts)
    exercises = ngettext("{count} exercise", "{count} exercises", count).format(count=count)
    people = ngettext("{count} participant", "{count} participants",
                      program.participants).format(count=program.participants)
    estimate = _(" (estimate)") if program.participants_estimated else ""
    return (f"OK {prepared.path}: {session.municipality}{date}, {dayparts} "
            f"{clock(first.start)}–{clock(last.end)}, {exercises}, {people}{estimate}")


def print_warnings(stream: TextIO, warnings: Sequence[str], *, strict: bool,
                   quiet: bool = False) -> None:
    """Warnings (for stderr); with --strict they are errors, and --quiet leaves out the rest."""
    if quiet and not strict:
        return
    for warning in warnings:
        stream.write(_("warning: {warning}").format(warning=warning) + "\n")
    if strict and warnings:
        raise UsageError(ngettext("{count} warning and --strict was given",
                                  "{count} warnings and --strict was given",
                                  len(warnings)).format(count=len(warnings)))


def _size(count: int) -> str:
    return f"{count / 1024:.0f} kB" if count < 1024 * 1024 else f"{count / 1024 / 1024:.1f} MB"


def print_build(stream: TextIO, pack: Pack, rendered: Sequence[Rendered]) -> None:
    """What a build wrote: one line per file, then where and when."""
    rows = [(_("file"), "", _("size"))]
    for item in rendered:
        if item.kind == "deck":
            count = ngettext("{count} slide", "{count} slides", item.count)
        elif item.kind == "calendar":
            count = ngettext("{count} event", "{count} events", item.count)
        elif item.path.suffix == ".docx":  # Word lays out its own pages: count the sections
            count = ngettext("{count} section", "{count} sections", item.count)
        else:
            count = ngettext("{count} page", "{count} pages", item.count)
        rows.append((item.path.name, count.format(count=item.count),
                     _size(item.path.stat().st_size)))
    folder = rendered[0].path.parent if rendered else ""
    when = f"{pack.date_text}, " if pack.date_text else ""
    stream.write("\n".join(columns(rows, "lrr")) + "\n" + _(
        "Pack for {municipality} ({when}{start}–{end}) written to {folder}").format(
        municipality=pack.municipality, when=when, start=pack.first_start,
        end=pack.last_end, folder=folder) + "\n")


def print_plan(console: Console, prepared: Prepared) -> None:
    """The agenda as one table per daypart."""
    from rich.table import Table

    from .planner import clock

    program = prepared.program
    for daypart in program.dayparts:
        when = (daypart.date.strftime("%d-%m-%Y") if daypart.date else
                _("day {day}").format(day=daypart.day))
        table = Table(title=_("Daypart {number} · {when} · {start}–{end}").format(
                      number=daypart.number, when=when, start=clock(daypart.start),
                      end=clock(daypart.end)), title_justify="left",
                      box=None, header_style="bold", pad_edge=False)
        table.add_column(_("time"), no_wrap=True)
        table.add_column(_("item"), overflow="fold")
        table.add_column(_("min"), justify="right")
        table.add_column(_("groups"), overflow="fold")
        leads = len(prepared.session.facilitators) > 1
        if leads:
            table.add_column(_("lead"), overflow="fold")
        for block in daypart.blocks:
            cells = [f"{clock(block.start)}–{clock(block.end)}", block.title,
                     str(block.minutes), block.groups.description if block.groups else ""]
            table.add_row(*cells, *([block.lead or ""] if leads else []))
        console.print(table)
        console.print()
    reasons = [(b.title, b.reason) for b in program.blocks() if b.reason]
    if reasons:
        console.print(_("Why these exercises:"), markup=False)
        from .autoplan import describe_reason

        for title, reason in reasons:
            console.print(f"  {title}: {describe_reason(reason)}", markup=False,
                          highlight=False, soft_wrap=True)
        console.print()
    total = sum(b.minutes for b in program.blocks() if b.kind == "exercise")
    estimate = _(" (estimate: set `participants`)") if program.participants_estimated else ""
    console.print(ngettext("{minutes} minutes of exercises over {count} daypart; "
                           "{participants} participants{estimate}.",
                           "{minutes} minutes of exercises over {count} dayparts; "
                           "{participants} participants{estimate}.",
                           len(program.dayparts)).format(
                  minutes=total, count=len(program.dayparts),
                  participants=program.participants, estimate=estimate), markup=False)


class BatchProgress:
    """A progress bar on a terminal; plain lines otherwise (pipes, CI, NO_COLOR logs)."""

    def __init__(self, out: Console, err: Console, *, quiet: bool, strict: bool = False) -> None:
        self.out, self.err, self.quiet, self.strict = out, err, quiet, strict
        self.bar: Any = None
        self.task: Any = None
        self.done = 0
        self.failed = 0
        self.total = 0

    def __enter__(self) -> BatchProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def event(self, kind: str, data: dict[str, Any]) -> None:
        """Receive one event from ``opvoedkit.batcher.batch``."""
        if kind == "invalid":
            for problem in data["problems"]:
                self.err.print(problem.format(), markup=False)
            return
        if kind == "note" and self.quiet and not self.strict:
            return  # warnings and remarks; --quiet prints only errors (with --strict, warnings are)
        if kind in ("note", "stopping"):
            message = data.get("message") or _("stopping: the packs in progress are finished "
                                               "first; press Ctrl-C again to stop them too")
            (self.bar.console if self.bar is not None else self.err).print(message, markup=False)
            return
        if kind == "start":
            self.total = data["to_build"]
            if not self.quiet and self.out.is_terminal and self.total:
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeRemainingColumn,
                )

                self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                    MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                                    TimeRemainingColumn(), TextColumn("{task.fields[failed]}"),
                                    console=self.out)
                self.task = self.bar.add_task(_("packs"), total=self.total, rate="", failed="")
                self.bar.start()
            return
        self.done += 1
        self.failed += data["status"] == "failed"
        if self.bar is not None:
            elapsed = self.bar.tasks[0].elapsed or 0.0
            rate = f"{self.done / elapsed:.1f}/s" if elapsed else ""
            failed = _("{count} failed").format(count=self.failed)
            self.bar.update(self.task, advance=1, rate=rate,
                            failed=f"[red]{failed}[/]" if self.failed else "")
            if data["status"] == "failed":
                self.bar.console.print(_("failed: {municipality}: {error}").format(
                    municipality=data["municipality"], error=data["error"]), markup=False)
        elif not self.quiet:
            line = f"[{self.done}/{self.total}] {data['status']} {data['slug']}"
            line += f" ({data['seconds']:.1f} s)" if data["status"] == "ok" else ""
            line += f": {data['error']}" if data["error"] else ""
            self.out.print(line, markup=False, highlight=False)
        elif data["status"] == "failed":  # --quiet still prints errors
            self.err.print(_("failed: {municipality}: {error}").format(
                municipality=data["municipality"], error=data["error"]), markup=False)


def print_batch_summary(console: Console, report: dict[str, Any], folder: object) -> None:
    """Totals and the failed rows."""
    from rich.table import Table

    totals = report["totals"]
    failed = [r for r in report["rows"] if r["status"] == "failed"]
    if failed:
        table = Table(title=_("Failed rows"), title_justify="left", box=None,
                      header_style="bold")
        table.add_column(_("municipality"), no_wrap=True)
        table.add_column(_("reason"), overflow="fold")
        for row in failed:
            table.add_row(row["municipality"], row["error"] or "")
        console.print(table)
    console.print(_("{ok} built, {skipped} unchanged (skipped), {failed} failed. "
                    "Report: {folder}/batch-report.json").format(
                  ok=totals["ok"], skipped=totals["skipped"], failed=totals["failed"],
                  folder=folder), markup=False)
