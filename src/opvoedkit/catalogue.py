"""The exercise catalogue as plain JSON-ready entries, for ``list-exercises``; and the index.

``exercises/index.json`` holds the packaged library, already checked, with a hash of every
exercise and background file: the catalogue entries, and each file's metadata, sections and
step timings. While every hash still matches, ``list-exercises`` answers from the index without
parsing Markdown or importing pydantic, and a build takes the packaged library from it instead
of reading and checking 27 Markdown files (see library.py). Regenerate the index with
``python scripts/make_catalogue_index.py`` after editing exercises or background blocks (a test
fails while it is stale; a stale index is never used).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import UsageError
from .plaintext import columns
from .resources import data_dir
from .vocab import AUDIENCES, PARTS, THEMES

if TYPE_CHECKING:
    from .library import Exercise

INDEX = "index.json"
Entry = dict[str, Any]


def exercise_entry(exercise: Exercise) -> Entry:
    """An exercise as the JSON contract of list-exercises."""
    meta = exercise.meta
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


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every exercise file in a folder, by file name."""
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.glob("*.md")) if path.name.lower() != "readme.md"}


def _hashes() -> dict[str, dict[str, str]]:
    return {"files": file_hashes(data_dir("exercises")),
            "background_files": file_hashes(data_dir("templates") / "background")}


def build_index(entries: Iterable[Entry], library: dict[str, Any]) -> dict[str, Any]:
    """The index document (written by scripts/make_catalogue_index.py); ``library`` is
    :func:`opvoedkit.library.index_payload` of the packaged library."""
    return {"version": __version__, **_hashes(), "exercises": list(entries), "library": library}


def load_index() -> dict[str, Any] | None:
    """The index, if it is there and every packaged file still has the hash it was made from."""
    try:
        index: dict[str, Any] = json.loads(
            (data_dir("exercises") / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    hashes = _hashes()
    if index.get("version") != __version__ or any(index.get(k) != v for k, v in hashes.items()):
        return None
    return index


def _from_index() -> list[Entry] | None:
    index = load_index()
    if index is None:
        return None
    entries: list[Entry] = index["exercises"]
    return entries


def entries(exercises_dirs: Sequence[str | Path] = ()) -> list[Entry]:
    """Every exercise as an entry: from the index when it is current, else from the files."""
    if not exercises_dirs:
        cached = _from_index()
        if cached is not None:
            return cached
    from .library import load_library

    return [exercise_entry(e) for e in load_library(exercises_dirs).exercises.values()]


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
