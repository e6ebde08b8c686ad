"""The write stage: put a rendered pack into its folder without ever losing a person's file.

The one rule (SECURITY.md): opvoedkit removes or replaces only a file that the folder's own
``manifest.json`` lists with the checksum opvoedkit wrote. Everything else in the folder is
somebody's work:

- a listed file whose checksum differs was *edited*: without ``force`` the build stops and names
  it; with ``force`` it is kept aside as ``presentatie.bewerkt-1.pptx`` and the caller is told;
- a file the manifest does not list is *foreign*: without ``force`` the build stops and names it;
  with ``force`` it is left where it is, untouched;
- a folder that holds files but no manifest is not a pack folder at all, and neither is the
  current folder or the folder of the session file: those are refused, ``force`` or not.

Files are rendered into a hidden folder beside the target first; only when every file is there
are they moved in, one ``os.replace`` each (atomic per file, no copy), with the new manifest last.
While they move, a journal beside the manifest names both checksums of each file, so a build
killed half-way leaves a folder whose files are still recognised as opvoedkit's own.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RenderError, UsageError
from .i18n import _, ngettext

MANIFEST = "manifest.json"
JOURNAL = ".opvoedkit-journal.json"
_HOST = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]


def sha256(path: Path) -> str:
    """The hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Survey:
    """What an existing folder holds, sorted by what opvoedkit may do with each file."""

    ours: dict[str, str] = field(default_factory=dict)      # name → checksum it still has
    edited: list[str] = field(default_factory=list)         # listed, but changed since
    foreign: list[str] = field(default_factory=list)        # not listed (files and folders)
    municipality: str | None = None                         # whose pack the folder holds
    is_pack: bool = False                                   # has a manifest we can read


def _listed(folder: Path) -> tuple[dict[str, set[str]], str | None, bool]:
    """Checksums each name may have to count as ours (manifest, plus a journal left by a
    build that was killed while moving files in), the manifest's municipality, and whether
    there was a readable manifest or journal at all."""
    allowed: dict[str, set[str]] = {}
    municipality = None
    found = False
    for name in (MANIFEST, JOURNAL):
        try:
            data = json.loads((folder / name).read_text(encoding="utf-8"))
            files = data["files"]
            municipality = municipality or str(data.get("municipality") or "") or None
            for entry in files:
                path, checksum = entry["path"], entry["sha256"]
                if isinstance(path, str) and "/" not in path and isinstance(checksum, str):
                    allowed.setdefault(path, set()).add(checksum)
            found = True
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return allowed, municipality, found


def survey(folder: Path) -> Survey:
    """Sort the entries of ``folder`` (which may not exist) into ours, edited and foreign."""
    result = Survey()
    if not folder.is_dir():
        return result
    allowed, result.municipality, result.is_pack = _listed(folder)
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name in (MANIFEST, JOURNAL) and result.is_pack and entry.is_file():
            continue
        if name not in allowed or entry.is_symlink() or not entry.is_file():
            result.foreign.append(name)
            continue
        checksum = sha256(entry)
        if checksum in allowed[name]:
            result.ours[name] = checksum
        else:
            result.edited.append(name)
    return result


def _refuse_special(folder: Path, session_file: Path | None) -> None:
    """The current folder, a folder above it, and the session file's folder are never packs."""
    here = Path.cwd().resolve()
    if folder == here or folder in here.parents:
        raise UsageError(_("{folder} is the folder you are working in (or holds it); a pack "
                           "needs a folder of its own. Choose one with -o, for example "
                           "{example}").format(folder=folder, example="-o output/mijn-gemeente"))
    if session_file is not None and folder == session_file.resolve().parent:
        raise UsageError(_("{folder} holds the session file {file}; a pack needs a folder of "
                           "its own. Choose one with -o, for example {example}").format(
            folder=folder, file=session_file.name, example="-o output/mijn-gemeente"))


def check_target(folder: Path, municipality: str, *, force: bool,
                 session_file: Path | None = None) -> None:
    """Refuse a folder a pack may not go into (``folder`` is resolved). The check is made
    before rendering, so that a refusal costs nothing; :func:`commit` looks again."""
    _refuse_special(folder, session_file)
    if folder.exists() and not folder.is_dir():
        raise UsageError(_("{folder} is a file, not a folder; choose another name with -o"
                           ).format(folder=folder))
    for above in folder.parents:
        if above.exists() and not above.is_dir():
            raise RenderError(_("cannot make the folder {folder}: {above} is a file, not a "
                                "folder").format(folder=folder, above=above))
    found = survey(folder)
    if not found.is_pack and found.foreign:
        raise UsageError(_("{folder} holds files that are not an opvoedkit pack ({files}); "
                           "opvoedkit never replaces them, with or without --force. Choose an "
                           "empty or new folder with -o").format(folder=folder,
                                                                 files=_names(found.foreign)))
    if force:
        return
    if found.municipality and found.municipality != municipality:
        raise UsageError(_("{folder} holds the pack for {found}, not for {municipality}; "
                           "choose another folder with -o, or use --force to replace that pack"
                           ).format(folder=folder, found=found.municipality,
                                    municipality=municipality))
    said = []
    if found.edited:
        said.append(_("{files} changed after opvoedkit wrote it (a new build would replace "
                      "it; with --force it is kept aside under a new name)").format(
            files=_names(found.edited)))
    if found.foreign:
        said.append(_("it holds files opvoedkit did not write: {files} (with --force they are "
                      "left untouched)").format(files=_names(found.foreign)))
    if said:
        raise UsageError(_("{folder}: {problems}. Move them elsewhere first, or build again "
                           "with --force").format(folder=folder, problems="; ".join(said)))


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:5])
    if len(names) <= 5:
        return shown
    return ngettext("{names} and {count} more", "{names} and {count} more",
                    len(names) - 5).format(names=shown, count=len(names) - 5)


def scratch_for(folder: Path) -> Path:
    """A new hidden folder beside ``folder`` to render into (same file system, so the files can
    be moved in without copying). Its name says which process on which machine made it."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(folder)
    with _signals_held():  # a Ctrl-C now would leave a folder nobody knows the name of
        return Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-{_HOST}-{os.getpid()}-",
                                     dir=folder.parent))


def remove_scratch(folder: Path) -> None:
    """Remove this process's render folders beside ``folder`` whole, even when Ctrl-C is
    pressed meanwhile. Found by name, so one made a moment before the Ctrl-C goes too."""
    with _signals_held():
        for path in folder.parent.glob(f".{folder.name}.tmp-{_HOST}-{os.getpid()}-*"):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):  # someone else's process, or no way to know: keep
        return True
    return True


def clean_stale(folder: Path) -> None:
    """Remove hidden render folders that a killed build of this machine left beside ``folder``
    (SIGKILL cannot be cleaned up at the time). Their names are ours; another machine's are
    left alone (its process ids mean nothing here)."""
    for path in folder.parent.glob(f".{folder.name}.tmp-{_HOST}-*"):
        parts = path.name.rsplit("-", 2)
        if len(parts) == 3 and parts[1].isdigit() and not _alive(int(parts[1])):
            shutil.rmtree(path, ignore_errors=True)


def _kept_aside_name(folder: Path, name: str) -> str:
    stem, dot, suffix = name.partition(".")
    number = 1
    while True:
        candidate = f"{stem}.bewerkt-{number}{dot}{suffix}"
        if not (folder / candidate).exists():
            return candidate
        number += 1


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while files move in: the move is short, and it should finish
    whole rather than leave half of the old pack and half of the new one."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not \
            threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_json(path: Path, data: object) -> None:
    """Write ``data`` as indented UTF-8 JSON, atomically (a reader sees the old or the new)."""
    scratch = path.with_name(path.name + ".tmp")
    scratch.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(scratch, path)


def commit(scratch: Path, folder: Path, manifest: Mapping[str, Any]) -> list[str]:
    """Move the files of ``scratch`` (listed in ``manifest``) into ``folder``; remove our own
    files the new pack no longer has; keep aside what somebody else has at a name we write.
    Returns the names kept aside.

    The folder is surveyed again here (it was checked before rendering), so a file someone
    changed or added meanwhile is still never lost.
    """
    now = survey(folder)
    new_names = [entry["path"] for entry in manifest["files"]]
    kept: list[str] = []
    with _signals_held():
        folder.mkdir(parents=True, exist_ok=True)
        journal = {"municipality": manifest.get("municipality"),
                   "files": [*manifest["files"],
                             *({"path": n, "sha256": c} for n, c in now.ours.items())]}
        write_json(folder / JOURNAL, journal)
        for name in new_names:  # anything of somebody's at a name we write goes aside first
            if (folder / name).exists() and name not in now.ours:
                aside = _kept_aside_name(folder, name)
                os.replace(folder / name, folder / aside)
                kept.append(aside)
        for name in new_names:
            os.replace(scratch / name, folder / name)
        for name in now.ours:
            if name not in new_names:
                (folder / name).unlink(missing_ok=True)
        os.replace(scratch / MANIFEST, folder / MANIFEST)
        (folder / JOURNAL).unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)
    return kept
