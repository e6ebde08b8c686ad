"""opvoedkit: workshop packs for meetings on formal and informal parenting support.

The public API, used by the CLI itself (heavy modules are imported on first use)::

    from opvoedkit import load_session, load_library, plan, build, batch
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .version import __version__

__all__ = ["__version__", "batch", "build", "load_library", "load_session", "plan", "prepare",
           "slugify"]

if TYPE_CHECKING:
    from .config import Session
    from .library import Library
    from .planner import Program
    from .preflight import Prepared


def slugify(name: str) -> str:
    """The folder name for a municipality: ``'s-Hertogenbosch`` → ``s-hertogenbosch``."""
    from .slug import slugify as _slugify

    return _slugify(name)


def load_session(path: str | Path) -> Session:
    """Read and validate a session file (raises :class:`opvoedkit.errors.InputError`)."""
    from .config import load_session as _load

    return _load(path)[0]


def load_library(dirs: Sequence[str | Path] = ()) -> Library:
    """The packaged exercise catalogue plus the exercises in ``dirs`` (later ones win by id)."""
    from .library import load_library as _load

    return _load(dirs)


def plan(session: Session, library: Library) -> Program:
    """The timed agenda for a session."""
    from .planner import plan as _plan

    return _plan(session, library)


def prepare(path: str | Path, exercises_dirs: Sequence[str | Path] = ()) -> Prepared:
    """Every check ``build`` makes before rendering; returns session, library and program."""
    from .preflight import prepare as _prepare

    return _prepare(path, exercises_dirs)


def build(session_path: str | Path, out_dir: str | Path | None = None, *,
          exercises_dirs: Sequence[str | Path] = (),
          templates_dirs: Sequence[str | Path] = (), only: Sequence[str] | None = None,
          strict: bool = False, force: bool = False) -> dict[str, Any]:
    """Build one pack from a session file and return its manifest.

    ``out_dir`` defaults to ``output/<slug>``; ``only`` picks kinds (``"deck"``, ``"handbook"``,
    …; default all); ``strict`` turns warnings into errors; ``force`` builds into a pack folder
    that holds edited or added files (edited ones are kept aside, added ones left alone; nothing
    of anybody's is deleted). Raises :class:`opvoedkit.errors.InputError` for a wrong session.
    """
    from .builder import KINDS, build_pack

    return build_pack(session_path, out_dir, exercises_dirs=list(exercises_dirs),
                      templates_dirs=list(templates_dirs), only=tuple(only or KINDS),
                      strict=strict, force=force).manifest


def batch(batch_path: str | Path, out_dir: str | Path | None = None, *,
          jobs: int | None = None, fail_fast: bool = False, force: bool = False,
          base: str | Path | None = None,
          exercises_dirs: Sequence[str | Path] = (),
          templates_dirs: Sequence[str | Path] = (),
          only: Sequence[str] | None = None, strict: bool = False) -> dict[str, Any]:
    """Build one pack per row of a batch file into ``out_dir/<slug>/`` (default ``output``) and
    return the batch report (the contents of ``batch-report.json``).

    ``jobs`` parallel workers (default and at most: the cores); ``fail_fast`` stops at the first
    wrong row; ``force`` rebuilds rows whose inputs did not change; ``base`` is the base session
    for a CSV batch; ``strict`` fails rows that have warnings. Ctrl-C finishes the packs in
    progress, writes the report and raises KeyboardInterrupt.
    """
    from .batcher import batch as _batch
    from .builder import KINDS

    return _batch(batch_path, out_dir, jobs=jobs, fail_fast=fail_fast, force=force, base=base,
                  exercises_dirs=list(exercises_dirs), templates_dirs=list(templates_dirs),
                  only=tuple(only or KINDS), strict=strict)
