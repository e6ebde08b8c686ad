"""The exercise catalogue as plain JSON-ready entries, for ``list-exercises``.

Every file is read and checked in full before it is listed. While the cached packaged library
(usercache.py) matches its files, the packaged exercises are listed from the cache alone: no
Markdown, YAML or exercise models are loaded then (~40 ms, a third of the command).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from . import usercache
from .errors import UsageError
from .i18n import _, ngettext
from .plaintext import columns
from .resources import library_sources
from .vocab import AUDIENCES, PARTS, THEMES

Entry = dict[str, Any]
FIELDS = ("id", "title", "part", "toolkit_part", "minutes", "audiences", "themes", "group_form",
          "group_size")


def entry(meta: Mapping[str, Any]) -> Entry:
    """An exercise's front matter (as JSON data) as the JSON contract of list-exercises."""
    return {name: meta[name] for name in FIELDS}


def entries(exercises_dirs: Sequence[str | Path] = ()) -> list[Entry]:
    """Every exercise as an entry, the packaged ones first, then the user folders' in order."""
    cached = None if exercises_dirs else _cached()
    if cached is not None:
        return cached
    from .library import load_library

    return [entry(e.meta.model_dump(mode="json"))
            for e in load_library(exercises_dirs).exercises.values()]


def _cached() -> list[Entry] | None:
    """The packaged exercises' entries from the cached library, if it matches their files."""
    key = usercache.key_of(library_sources())
    stored = usercache.read(usercache.LIBRARY, key) if key else None
    try:
        return None if stored is None else [entry(item["meta"]) for item in stored["exercises"]]
    except (KeyError, TypeError):  # not what library.py writes
        return None


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
            raise UsageError(_("{option} {value!r} is not known; use one of: {allowed}").format(
                option=option, value=value, allowed=", ".join(allowed)))


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
    lines.append(ngettext("{count} exercise · {legend}", "{count} exercises · {legend}",
                          len(rows)).format(count=len(rows), legend="voor: P professionals, "
                                                                    "I informal, G policy "
                                                                    "(gemeente)"))
    return "\n".join(lines) + "\n"
