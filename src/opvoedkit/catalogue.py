"""The exercise catalogue as plain JSON-ready entries, for ``list-exercises``.

Every file is loaded and checked in full before it is listed. For the packaged library the
entries are then kept in the user's cache folder, keyed by a hash of opvoedkit's version and of
every packaged exercise file: while the key matches, list-exercises answers from the cache without
reading Markdown or YAML (~40 ms, a third of the command). Nothing is written by hand; a file
that cannot be read or written just means the library is loaded again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import UsageError
from .plaintext import columns
from .resources import data_dir, markdown_files
from .vocab import AUDIENCES, PARTS, THEMES

if TYPE_CHECKING:
    from .library import ExerciseMeta

Entry = dict[str, Any]
CACHE_FILE = "catalogue.json"


def entry(meta: ExerciseMeta) -> Entry:
    """An exercise's front matter as the JSON contract of list-exercises."""
    return {
        "id": meta.id,
        "title": meta.title,
        "part": meta.part,
        "toolkit_part": meta.toolkit_part,
        "minutes": {"min": meta.minutes.min, "default": meta.minutes.default,
                    "max": meta.minutes.max},
        "audiences": list(meta.audiences),
        "themes": list(meta.themes),
        "group_form": meta.group_form,
        "group_size": meta.group_size,
    }


def entries(exercises_dirs: Sequence[str | Path] = ()) -> list[Entry]:
    """Every exercise as an entry, the packaged ones first, then the user folders' in order."""
    key = None if exercises_dirs else packaged_key()
    if key is not None:
        cached = _read_cache(key)
        if cached is not None:
            return cached
    from .library import load_library

    found = [entry(e.meta) for e in load_library(exercises_dirs).exercises.values()]
    if key is not None:
        _write_cache(key, found)
    return found


def cache_dir() -> Path:
    """The user's cache folder for opvoedkit (``XDG_CACHE_HOME`` is honoured everywhere)."""
    if os.environ.get("XDG_CACHE_HOME"):
        base = Path(os.environ["XDG_CACHE_HOME"])
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path.home() / ".cache"
    return base / "opvoedkit"


def packaged_key() -> str | None:
    """sha256 of opvoedkit's version and every packaged exercise file (name and bytes)."""
    digest = hashlib.sha256(__version__.encode())
    try:
        for path in markdown_files(data_dir("exercises")):
            digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _read_cache(key: str) -> list[Entry] | None:
    try:
        stored = json.loads((cache_dir() / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    found = stored.get("entries")
    return found if isinstance(found, list) else None


def _write_cache(key: str, found: list[Entry]) -> None:
    """Write the cache atomically (another process may be reading it); never fail for it."""
    folder = cache_dir()
    temporary = folder / f".{CACHE_FILE}.{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps({"key": key, "entries": found}, ensure_ascii=False),
                             encoding="utf-8")
        os.replace(temporary, folder / CACHE_FILE)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def matches(entry: Entry, *, audience: str | None = None, theme: str | None = None,
            part: str | None = None, max_minutes: int | None = None) -> bool:
    """True if the entry passes every given filter."""
    return ((audience is None or audience in entry["audiences"])
            and (theme is None or theme in entry["themes"])
            and (part is None or entry["part"] == part)
            and (max_minutes is None or entry["minutes"]["min"] <= max_minutes))


def check_filters(audience: str | None, theme: str | None, part: str | None) -> None:
    """Reject filter values that can never match, naming the allowed ones."""
    for option, value, allowed in (("--audience", audience, AUDIENCES), ("--theme", theme, THEMES),
                                   ("--part", part, PARTS)):
        if value is not None and value not in allowed:
            raise UsageError(f"{option} {value!r} is not known; use one of: {', '.join(allowed)}")


_AUDIENCE_SHORT = {"professionals": "P", "informal": "I", "policy": "G"}
_FORM_SHORT = {"individueel": "indiv", "tweetallen": "2-tal", "drietallen": "3-tal",
               "subgroepen": "groep", "plenair": "plenair"}


def table(entries: Sequence[Entry], width: int) -> str:
    """The catalogue as a plain-text table ``width`` columns wide; long titles wrap.

    Plain text rather than a rich Table: list-exercises stays free of rich's ~20 ms import, and
    the lines are the same on a terminal, in a pipe and in a file.
    """
    rows = [(e["id"], e["title"], f"{e['minutes']['min']}–{e['minutes']['max']}",
             _FORM_SHORT[e["group_form"]],
             "".join(_AUDIENCE_SHORT[a] if a in e["audiences"] else "·" for a in AUDIENCES))
            for e in entries]
    header = ("id", "titel", "min", "vorm", "voor")
    lines = columns([header, *rows], "llrll", wrap=1, width=width)
    lines.append(f"{len(rows)} exercises · voor: P professionals, I informal, "
                 "G policy (gemeente)")
    return "\n".join(lines) + "\n"
