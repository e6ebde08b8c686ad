"""Many packs: validate and plan every row once, then build each with the same ``build_pack``
as ``opvoedkit build``, in a process pool, with progress, per-row isolation and a report.

A re-run skips every row whose pack is complete and whose inputs did not change (the state file
is written after each pack, so this holds after a kill too). Stopping is in stopping.py.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .batchfile import Row, read_batch
from .builder import KINDS, build_pack, strict_check
from .config import Session
from .errors import InputError, Problem, RenderError, visible
from .i18n import _
from .library import Library, load_library
from .packfolder import MANIFEST, clean_stale, survey, write_json
from .planner import Program
from .preflight import Prepared, prepare_data
from .resources import data_dir
from .slug import slugify
from .stopping import StopRequests, die_with_parent, usable_cores, watch_parent
from .version import __version__

REPORT = "batch-report.json"
STATE = ".opvoedkit-batch-state.json"


@dataclass(frozen=True)
class Options:
    """What every row of one batch is built with."""

    out_dir: str
    kinds: tuple[str, ...]
    exercises_dirs: tuple[str, ...]
    templates_dirs: tuple[str, ...]
    force: bool


@dataclass(frozen=True)
class Task:
    """What a worker needs to build one row: the row's validated session and its plan (both
    small and picklable); the worker adds the library it loaded once."""

    number: int
    slug: str
    session: Session
    program: Program
    label: str
    options: Options


def _row_locator(row: Row) -> Callable[[tuple[Any, ...], bool], tuple[str, int, int]]:
    return lambda path, key: row.position(tuple(path))


def _validate(row: Row, library: Library) -> tuple[Prepared | None, list[Problem]]:
    """Validate and plan one row exactly as ``opvoedkit validate`` would; once per row."""
    try:
        return prepare_data(row.data, row.base_dir, _row_locator(row), library,
                            Path(row.label)), []
    except InputError as exc:
        return None, list(exc.problems)


def _hash_tree(folders: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _file_hash(path: Path | None) -> str:
    if path is None or not path.is_file():
        return ""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _input_hash(session: Session, kinds: Sequence[str], library_hash: str) -> str:
    """Everything a pack depends on: the session, its files, the library, templates, version."""
    payload = json.dumps([session.model_dump(mode="json"), list(kinds), library_hash,
                          _file_hash(session.branding.logo),
                          _file_hash(session.branding.template), __version__],
                         sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _pack_intact(folder: Path) -> bool:
    """True when ``folder`` holds a whole pack, every file as opvoedkit wrote it."""
    found = survey(folder)
    if not found.is_pack or found.edited:
        return False
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return all(entry["path"] in found.ours for entry in manifest["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return False


def run_task(task: Task) -> dict[str, Any]:
    """Build one row (in a worker process) with the same ``build_pack`` as ``opvoedkit build``;
    never raises for a row's own failure."""
    started = time.perf_counter()
    options = task.options
    try:
        prepared = Prepared(task.session, load_library(options.exercises_dirs), task.program,
                            Path(task.label))
        build_pack(task.label, Path(options.out_dir) / task.slug, prepared=prepared,
                   templates_dirs=options.templates_dirs, only=options.kinds,
                   force=options.force, lanes=False)  # the pool uses the cores
        status, error = "ok", None
    except Exception as exc:  # one row's failure must not stop the batch
        status, error = "failed", _one_line(exc)
    except SystemExit as exc:  # SIGTERM (see _leave): the pack has cleaned up while unwinding
        if multiprocessing.parent_process() is None:
            raise  # not a pool worker: a library caller's process goes on as it likes
        os._exit(exc.code if isinstance(exc.code, int) else 1)  # the pool would carry on
    return {"number": task.number, "status": status, "error": error,
            "seconds": round(time.perf_counter() - started, 3)}


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return "; ".join(replace(p, hint="").format() + (f" ({visible(p.hint)})" if p.hint else "")
                         for p in exc.problems)
    return str(exc) if isinstance(exc, RenderError) else f"{type(exc).__name__}: {exc}"


def _worker_start(parent: int, exercises_dirs: tuple[str, ...]) -> None:
    """Set up a pool worker: it ignores Ctrl-C (the terminal sends it to the whole process
    group; the main process decides what stops), cleans up and leaves on SIGTERM, and gets
    SIGTERM when the main process dies, however it dies. Then it loads the library once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)
    die_with_parent()
    if os.getppid() != parent:  # the main process died before we got this far
        raise SystemExit(0)
    watch_parent(parent)
    load_library(exercises_dirs)


def _leave(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds: the pack being written removes its scratch folder


def batch(batch_path: str | Path, out_dir: str | Path | None = None, *, jobs: int | None = None,
          fail_fast: bool = False, force: bool = False, base: str | Path | None = None,
          exercises_dirs: Sequence[str | Path] = (), templates_dirs: Sequence[str | Path] = (),
          only: Sequence[str] = KINDS, strict: bool = False,
          on_event: Callable[[str, dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Build a pack per row of a batch file into ``out_dir/<slug>/``; returns the report.

    Every row's warnings (those ``opvoedkit validate`` gives) go into the report and to
    ``on_event`` as notes; with ``strict`` a row with warnings fails instead of being built.

    ``on_event(kind, data)`` is called with ``("start", {"total", "to_build", "workers"})``,
    ``("row", row_report)``, ``("invalid", {"row", "problems"})``, ``("note", {"message"})``
    and ``("stopping", {})`` for progress display. Ctrl-C finishes the packs in progress and
    stops (a second Ctrl-C stops those too); either way the report is written and
    KeyboardInterrupt raised. ``force`` rebuilds unchanged rows, and builds into pack folders
    that hold edited or added files as ``opvoedkit build --force`` does (nothing is deleted).
    """
    notify = on_event or (lambda kind, data: None)
    target = Path(out_dir) if out_dir is not None else Path("output")
    dirs = tuple(str(Path(d).resolve()) for d in exercises_dirs)
    tdirs = tuple(str(Path(d).resolve()) for d in templates_dirs)
    rows = read_batch(batch_path, base, isolate_rows=True)
    for message in rows.notes:  # e.g. a CSV read as Windows-1252, not UTF-8
        notify("note", {"message": message})
    library = load_library(dirs)
    library_hash = _hash_tree([*library.folders, data_dir("templates"), *map(Path, tdirs)])
    slugs = _folder_names(rows)

    state_path = target / STATE
    try:
        state: dict[str, str] = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    options = Options(str(target.resolve()), tuple(only), dirs, tdirs, force)
    reports: dict[int, dict[str, Any]] = {}
    tasks: list[Task] = []
    fingerprints: dict[int, str] = {}
    invalid = False
    for row in rows:
        slug = slugs[row.number]
        report: dict[str, Any] = {"municipality": row.municipality, "slug": slug,
                                  "status": "failed", "error": None, "warnings": [],
                                  "seconds": 0.0, "manifest": None}
        reports[row.number] = report
        problems = list(row.problems)  # a formula cell, a cell too many: not validated at all
        prepared = None
        if not problems:
            prepared, problems = _validate(row, library)
        if problems or prepared is None:
            report["error"] = _one_line(InputError(problems))
            notify("invalid", {"row": report, "problems": problems})
            invalid = True
            continue
        report["warnings"] = list(prepared.program.warnings)
        for warning in report["warnings"]:
            notify("note", {"message": _("warning: {row}: {warning}").format(row=row.label,
                                                                              warning=warning)})
        if strict and report["warnings"]:
            try:
                strict_check(prepared)  # the same refusal as `opvoedkit build --strict`
            except InputError as exc:
                report["error"] = _one_line(exc)
            invalid = True
            continue
        fingerprints[row.number] = _input_hash(prepared.session, only, library_hash)
        if not force and state.get(slug) == fingerprints[row.number] \
                and _pack_intact(target / slug):
            report.update(status="skipped", manifest=f"{slug}/{MANIFEST}")
            continue
        tasks.append(Task(row.number, slug, prepared.session, prepared.program, row.label,
                          options))

    stopped = fail_fast and invalid  # --fail-fast: an invalid row stops the batch before any
    workers = min(jobs or usable_cores(), usable_cores(), len(tasks) or 1)
    if jobs and jobs > workers and len(tasks) > workers:
        notify("note", {"message": _("using {workers} parallel workers, not {jobs}: this "
                                     "machine has {cores} cores").format(
            workers=workers, jobs=jobs, cores=usable_cores())})
    target.mkdir(parents=True, exist_ok=True)
    notify("start", {"total": len(rows), "to_build": 0 if stopped else len(tasks),
                     "workers": workers})
    stop = StopRequests()
    try:
        with stop.listening():
            for result in ([] if stopped else _execute(tasks, workers, fail_fast, dirs, stop,
                                                       notify)):
                number = result["number"]
                report = reports[number]
                report.update(status=result["status"], error=result["error"],
                              seconds=result["seconds"])
                if result["status"] == "ok":
                    report["manifest"] = f"{report['slug']}/{MANIFEST}"
                    state[report["slug"]] = fingerprints[number]
                else:
                    state.pop(report["slug"], None)
                write_json(target / STATE, state)  # a re-run after a kill skips this pack
                notify("row", report)
    finally:
        reason = (_("not built: stopped at the first failed row ({option})").format(
            option="--fail-fast") if not stop.stopping else _("not built: the batch was stopped"))
        for task in tasks:
            report = reports[task.number]
            if report["status"] == "failed" and report["error"] is None:
                report.update(status="skipped", error=reason)
        for task in tasks:  # what a worker killed mid-pack could not remove itself
            clean_stale(target.resolve() / task.slug)
        final = _write_report(target, [reports[r.number] for r in rows], state)
    if stop.stopping:
        raise KeyboardInterrupt
    return final


def _folder_names(rows: Sequence[Row]) -> dict[int, str]:
    """Each row's folder name: the municipality's slug, and the date after it when the same
    municipality has several rows (two rounds in one place are normal)."""
    by_slug: dict[str, list[Row]] = {}
    for row in rows:
        by_slug.setdefault(slugify(row.municipality), []).append(row)
    names: dict[int, str] = {}
    problems = []
    for slug, group in by_slug.items():
        dates = [str(row.data.get("date") or "") for row in group]
        if len(group) == 1:
            names[group[0].number] = slug
        elif all(dates) and len(set(dates)) == len(dates):
            names |= {row.number: f"{slug}-{date}" for row, date in zip(group, dates, strict=True)}
        else:
            first = group[0]
            for row in group[1:]:
                file, line, column = row.position(("municipality",))
                problems.append(Problem(
                    file, line, column, _("`{municipality}` gives the folder name `{slug}`, like "
                                          "`{first}` ({row}), on the same date or without one"
                                          ).format(municipality=row.municipality, slug=slug,
                                                   first=first.municipality, row=first.label),
                    _("give each round of the same municipality its own date ({line}), or make "
                      "the names differ").format(line="date: 2027-03-18")))
    if problems:
        raise InputError(problems)
    return names


def _execute(tasks: list[Task], workers: int, fail_fast: bool, dirs: tuple[str, ...],
             stop: StopRequests, notify: Callable[[str, dict[str, Any]], None],
             ) -> Iterator[dict[str, Any]]:
    """Yield each task's result as it finishes; in this process when one worker suffices."""
    if workers == 1:
        stop.raise_when_urgent = True  # nothing but our own code runs here: safe to raise
        for task in tasks:
            if stop.stopping:
                return
            result = run_task(task)
            yield result
            if fail_fast and result["status"] == "failed":
                return
        return
    before = set(multiprocessing.active_children())
    pending: set[Future[dict[str, Any]]] = set()
    queue = iter(tasks)
    failed = stopping_said = terminated = False
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_start,
                             initargs=(os.getpid(), dirs)) as pool:
        while True:
            # One pack per worker at a time: a stop waits for no queued pack, and nothing
            # needs cancelling.
            while not (stop.stopping or failed) and len(pending) < workers and (
                    next_task := next(queue, None)) is not None:
                pending.add(pool.submit(run_task, next_task))
            if not pending:
                return
            if stop.stopping and not stopping_said:
                stopping_said = True
                notify("stopping", {})
            if stop.urgent and not terminated:
                terminated = True
                for child in set(multiprocessing.active_children()) - before:
                    child.terminate()  # SIGTERM: the worker removes its scratch folder
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    result = future.result()
                except (BrokenProcessPool, SystemExit):
                    continue  # a worker stopped by the second Ctrl-C or SIGTERM (run_task
                    # catches every row's own failure: only a stop reaches this far)
                yield result
                failed = failed or (fail_fast and result["status"] == "failed")


def _write_report(target: Path, rows: list[dict[str, Any]], state: dict[str, str]
                  ) -> dict[str, Any]:
    totals = {status: sum(r["status"] == status for r in rows)
              for status in ("ok", "failed", "skipped")}
    report = {"rows": rows, "totals": totals}
    target.mkdir(parents=True, exist_ok=True)
    write_json(target / REPORT, report)
    write_json(target / STATE, state)
    return report
