"""A JSON file in the user's cache folder, valid while the files it was made from are unchanged.

The packaged library is kept here once it has been read and checked (see library.py), so that a
build or ``list-exercises`` need not parse and check 27 Markdown files again (~45 ms). Nothing
here is written by hand: a missing, stale, broken or unwritable cache only means the files are
read again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .version import __version__

LIBRARY = "library.json"  # the packaged library, written by library.py


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


def key_of(files: Iterable[Path]) -> str | None:
    """sha256 of opvoedkit's version and of the files' names and bytes; None if one is gone.
    (Reading ~200 kB costs ~1 ms; file times would miss a copy that keeps them.)"""
    digest = hashlib.sha256(__version__.encode())
    try:
        for path in files:
            digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def read(name: str, key: str) -> dict[str, Any] | None:
    """The document stored under ``name``, if it was stored with this key."""
    try:
        stored = json.loads((cache_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    return stored


def write(name: str, key: str, document: dict[str, Any]) -> None:
    """Store the document with its key, atomically (another process may be reading it); a
    cache folder that cannot be written is no error."""
    folder = cache_dir()
    temporary = folder / f".{name}.{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps({**document, "key": key}, ensure_ascii=False),
                             encoding="utf-8")
        os.replace(temporary, folder / name)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
