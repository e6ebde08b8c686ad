"""Many packs: validate every row first, then build each with the same ``write_pack`` as
``opvoedkit build``, in a process pool, with progress, per-row isolation and a report.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import __version__
from .batchfile import Row, read_batch
from .builder import KINDS, MANIFEST, write_pack
from .compose import compose
from .config import Session, validation_problems
from .errors import InputError, Problem
from .library import load_library
from .preflight import prepare_session, raw_exercise_problems
from .resources import data_dir
from .slug import slugify

REPORT = "batch-report.json"
STATE = ".opvoedkit-batch-state.json"


@dataclass(frozen=True)
class Task:
    """What a worker needs to build one row: plain, picklable data."""

    number: int
    municipality: str
    slug: str
    data: dict[str, Any]
    base_dir: str
    out_dir: str
    kinds: tuple[str, ...]
    exercises_dirs: tuple[str, ...]
    templates_dirs: tuple[str, ...]
    fingerprint: str


def _row_locator(row: Row) -> Callable[[tuple[Any, ...], bool], tuple[str, int, int]]:
    return lambda path, key: row.position(tuple(path))


def _validate(row: Row, exercises_dirs: Sequence[str]) -> tuple[Session | None, list[Problem]]:
    """Validate one row as completely as ``opvoedkit validate`` would."""
    try:
        session = Session.model_validate(row.data, context={"base": row.base_dir})
    except ValidationError as exc:
        problems = validation_problems(exc, _row_locator(row))
        problems += raw_exercise_problems(row.data, _row_locator(row),
                                          load_library(exercises_dirs))
        return None, sorted(problems, key=lambda p: (p.line, p.column))
    try:
        prepare_session(session, _row_locator(row), load_library(exercises_dirs),
                        Path(row.label))
    except InputError as exc:
        return session, list(exc.problems)
    return session, []


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
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return all((folder / f["path"]).stat().st_size == f["bytes"] for f in manifest["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return False


def run_task(task: Task) -> dict[str, Any]:
    """Build one row (in a worker process); never raises for a row's own failure."""
    started = time.perf_counter()
    try:
        session = Session.model_validate(task.data, context={"base": task.base_dir})
        prepared = prepare_session(session, lambda path, key: (task.municipality, 0, 0),
                                   load_library(task.exercises_dirs), Path(task.municipality))
        pack = compose(prepared, task.templates_dirs)
        write_pack(pack, Path(task.out_dir) / task.slug, task.kinds, force=True)
        status, error = "ok", None
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # one row's failure must not stop the batch
        status, error = "failed", _one_line(exc)
    seconds = round(time.perf_counter() - started, 3)
    return {"number": task.number, "status": status, "error": error, "seconds": seconds}


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return "; ".join(p.format().replace("\n    hint: ", " (") + (")" if p.hint else "")
                         for p in exc.problems)
    return f"{type(exc).__name__}: {exc}" if not str(exc).startswith("could not") else str(exc)


def _warm_worker(exercises_dirs: tuple[str, ...]) -> None:
    """Load the library, fonts and renderers once per worker, not once per row.

    Workers ignore Ctrl-C: the terminal sends it to the whole process group, and a worker
    interrupted mid-import prints a traceback. The main process stops handing out rows and
    waits for the packs in progress, which finish whole.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_library(exercises_dirs)
    from .render import deck, handbook, handout  # noqa: F401  (imports are the warm-up)


def batch(batch_path: str | Path, out_dir: str | Path | None = None, *, jobs: int | None = None,
          fail_fast: bool = False, force: bool = False, base: str | Path | None = None,
          exercises_dirs: Sequence[str | Path] = (), templates_dirs: Sequence[str | Path] = (),
          only: Sequence[str] = KINDS,
          on_event: Callable[[str, dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Build a pack per row of a batch file into ``out_dir/<slug>/``; returns the report.

    ``on_event(kind, data)`` is called with ``("start", {"total"})``, ``("row", row_report)``
    and ``("invalid", {"row", "problems"})`` for progress display.
    """
    notify = on_event or (lambda kind, data: None)
    target = Path(out_dir) if out_dir is not None else Path("output")
    dirs = tuple(str(Path(d).resolve()) for d in exercises_dirs)
    tdirs = tuple(str(Path(d).resolve()) for d in templates_dirs)
    rows = read_batch(batch_path, base)
    library = load_library(dirs)
    library_hash = _hash_tree([*library.folders, data_dir("templates"), *map(Path, tdirs)])

    reports: dict[int, dict[str, Any]] = {}
    tasks: list[Task] = []
    slugs: dict[str, Row] = {}
    duplicate_problems = []
    for row in rows:
        slug = slugify(row.municipality)
        if slug in slugs:
            file, line, column = row.position(("municipality",))
            duplicate_problems.append(Problem(
                file, line, column, f"`{row.municipality}` gives the folder name `{slug}`, like "
                f"`{slugs[slug].municipality}` ({slugs[slug].label})",
                "every municipality needs its own row; make the names differ"))
        slugs.setdefault(slug, row)
    if duplicate_problems:
        raise InputError(duplicate_problems)

    state_path = target / STATE
    try:
        state: dict[str, str] = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    hashes: dict[str, str] = {}
    for row in rows:
        slug = slugify(row.municipality)
        report = {"municipality": row.municipality, "slug": slug, "status": "failed",
                  "error": None, "seconds": 0.0, "manifest": None}
        reports[row.number] = report
        session, problems = _validate(row, dirs)
        if problems or session is None:
            report["error"] = _one_line(InputError(problems))
            notify("invalid", {"row": report, "problems": problems})
            continue
        hashes[slug] = _input_hash(session, only, library_hash)
        if not force and state.get(slug) == hashes[slug] and _pack_intact(target / slug):
            report.update(status="skipped", manifest=f"{slug}/{MANIFEST}")
            continue
        tasks.append(Task(row.number, row.municipality, slug, row.data, str(row.base_dir),
                          str(target.resolve()), tuple(only), dirs, tdirs, hashes[slug]))

    target.mkdir(parents=True, exist_ok=True)
    notify("start", {"total": len(rows), "to_build": len(tasks)})
    by_number = {task.number: task for task in tasks}
    try:
        for result in _execute(tasks, jobs, fail_fast, dirs):
            task = by_number[result["number"]]
            report = reports[task.number]
            report.update(status=result["status"], error=result["error"],
                          seconds=result["seconds"])
            if result["status"] == "ok":
                report["manifest"] = f"{task.slug}/{MANIFEST}"
                state[task.slug] = task.fingerprint
            else:
                state.pop(task.slug, None)
            notify("row", report)
    finally:
        for task in tasks:
            report = reports[task.number]
            if report["status"] == "failed" and report["error"] is None:
                report.update(status="skipped", error="not built (stopped early)")
        final = _write_report(target, [reports[r.number] for r in rows], state)
    return final


def _execute(tasks: list[Task], jobs: int | None, fail_fast: bool,
             dirs: tuple[str, ...]) -> Any:
    """Yield each task's result as it finishes; in-process when one job suffices."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(tasks) or 1))
    if workers == 1:
        for task in tasks:
            result = run_task(task)
            yield result
            if fail_fast and result["status"] == "failed":
                return
        return
    pending: set[Future[dict[str, Any]]] = set()
    queue = iter(tasks)
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm_worker,
                             initargs=(dirs,)) as pool:
        try:
            # Keep only a few tasks in flight, so that --fail-fast and Ctrl-C stop quickly.
            # Workers are started by these first submits: ignore Ctrl-C meanwhile, so that
            # they are born ignoring it (see _warm_worker).
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                for task in queue:
                    pending.add(pool.submit(run_task, task))
                    if len(pending) >= workers * 2:
                        break
            finally:
                signal.signal(signal.SIGINT, previous)
            stop = False
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    result = future.result()
                    yield result
                    if fail_fast and result["status"] == "failed":
                        stop = True
                if not stop:
                    for task in queue:
                        pending.add(pool.submit(run_task, task))
                        if len(pending) >= workers * 2:
                            break
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _write_report(target: Path, rows: list[dict[str, Any]], state: dict[str, str]
                  ) -> dict[str, Any]:
    totals = {status: sum(r["status"] == status for r in rows)
              for status in ("ok", "failed", "skipped")}
    report = {"rows": rows, "totals": totals}
    target.mkdir(parents=True, exist_ok=True)
    for path, data in ((target / REPORT, report), (target / STATE, state)):
        scratch = path.with_name(path.name + ".tmp")
        scratch.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")
        scratch.replace(path)
    return report
