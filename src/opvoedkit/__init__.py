"""opvoedkit: workshop packs for meetings on formal and informal parenting support.

The public API, used by the CLI itself (heavy modules are imported on first use)::

    from opvoedkit import load_session, load_library, plan, build, batch
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# A literal, not importlib.metadata: the lookup costs ~25 ms at every start (hatch reads it here).
__version__ = "0.1.0"

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


def load_session(path: Any) -> Session:
    """Read and validate a session file (raises opvoedkit.errors.InputError)."""
    from .config import load_session as _load

    return _load(path)[0]


def load_library(dirs: Any = ()) -> Library:
    """The packaged exercise catalogue plus user folders."""
    from .library import load_library as _load

    return _load(dirs)


def plan(session: Session, library: Library) -> Program:
    """The timed agenda for a session."""
    from .planner import plan as _plan

    return _plan(session, library)


def prepare(path: Any, exercises_dirs: Any = ()) -> Prepared:
    """Every check ``build`` makes before rendering; returns session, library and program."""
    from .preflight import prepare as _prepare

    return _prepare(path, exercises_dirs)


def build(session_path: Any, out_dir: Any = None, **options: Any) -> dict[str, Any]:
    """Build one pack; returns its manifest."""
    from .builder import build as _build

    return _build(session_path, out_dir, **options)


def batch(batch_path: Any, out_dir: Any = None, **options: Any) -> dict[str, Any]:
    """Build one pack per row of a batch file; returns the batch report."""
    from .batcher import batch as _batch

    return _batch(batch_path, out_dir, **options)
