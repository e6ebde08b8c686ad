"""One pack end to end: prepare, compose, render into a temporary folder, then move into place.

A build is all-or-nothing: files are rendered into a hidden folder beside the target and swapped
in only when every file succeeded, so an error or Ctrl-C leaves an older pack untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import InputError, Problem, RenderError, UsageError
from .pack import Pack
from .planner import program_json
from .render import Rendered

if TYPE_CHECKING:
    from .preflight import Prepared

KINDS = ("deck", "handbook", "handout", "attendance", "evaluation", "calendar")
FILE_NAMES = {
    "deck": "presentatie.pptx",
    "handbook": "handleiding-begeleider.pdf",
    "handout": "hand-out-deelnemers.pdf",
    "attendance": "presentielijst.pdf",
    "evaluation": "evaluatieformulier.pdf",
    "calendar": "bijeenkomst.ics",
}
MANIFEST = "manifest.json"
PDF_KINDS = ("handout", "attendance", "evaluation", "handbook")


def parse_only(text: str | None) -> tuple[str, ...]:
    """``--only deck,handbook`` → the kinds, checked against the known ones."""
    if not text:
        return KINDS
    chosen = tuple(dict.fromkeys(k.strip() for k in text.split(",") if k.strip()))
    unknown = [k for k in chosen if k not in KINDS]
    if unknown or not chosen:
        raise UsageError(f"--only: unknown kind {', '.join(unknown) or '(none)'}; "
                         f"use any of: {', '.join(KINDS)}")
    return chosen


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _render_all(pack: Pack, folder: Path, kinds: Sequence[str]) -> list[Rendered]:
    """Render the chosen kinds into ``folder``, in the order of :data:`KINDS`."""
    results = {}
    if "deck" in kinds:
        from .render import deck

        results["deck"] = deck.render(pack, folder / FILE_NAMES["deck"])
    results |= _render_documents(pack, folder, kinds)
    return [results[k] for k in KINDS if k in results]


def _render_documents(pack: Pack, folder: Path, kinds: Sequence[str]) -> dict[str, Rendered]:
    """The PDFs and the calendar among ``kinds``; the handbook cites deck slides and handout
    pages."""
    results = {}
    if "calendar" in kinds and pack.date is not None:
        from .render import calendar

        results["calendar"] = calendar.render(pack, folder / FILE_NAMES["calendar"])
    if not any(kind in PDF_KINDS for kind in kinds):
        return results  # the calendar alone needs nothing of reportlab
    from .render import extras, handbook, handout, slides

    if "handout" in kinds:
        results["handout"] = handout.render(pack, folder / FILE_NAMES["handout"])
    if "attendance" in kinds:
        results["attendance"] = extras.render_attendance(pack, folder / FILE_NAMES["attendance"])
    if "evaluation" in kinds:
        results["evaluation"] = extras.render_evaluation(pack, folder / FILE_NAMES["evaluation"])
    if "handbook" in kinds:
        pages = results["handout"].anchors if "handout" in results else None
        if pages is None:  # the handbook cites handout pages: lay the handout out aside
            with tempfile.TemporaryDirectory() as scratch:
                pages = handout.render(pack, Path(scratch) / "h.pdf").anchors
        results["handbook"] = handbook.render(pack, folder / FILE_NAMES["handbook"],
                                              slide_numbers=slides.slide_numbers(pack),
                                              handout_pages=pages)
    return results


def manifest_for(pack: Pack, rendered: Iterable[Rendered], folder: Path) -> dict[str, Any]:
    """The manifest (contract in DESIGN.md)."""
    files = []
    for item in rendered:
        path = folder / item.path.name
        files.append({"kind": item.kind, "path": item.path.name, "bytes": path.stat().st_size,
                      "sha256": _sha256(path)})
    return {"version": __version__, "municipality": pack.municipality, "slug": pack.slug,
            "files": files, "program": program_json(pack.program)}


def _owned(folder: Path) -> bool:
    """True if every file in ``folder`` was written by an earlier opvoedkit build."""
    entries = {p.name for p in folder.iterdir()}
    if not entries:
        return True
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        listed = {f["path"] for f in manifest["files"]} | {MANIFEST}
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return entries <= listed


def write_pack(pack: Pack, out_dir: Path, kinds: Sequence[str] = KINDS, *,
               force: bool = False) -> tuple[dict[str, Any], list[Rendered]]:
    """Render a composed pack into ``out_dir`` atomically; returns manifest and file details."""
    out_dir = out_dir.resolve()
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir} exists and is not a folder")
    if out_dir.is_dir() and not force and not _owned(out_dir):
        raise UsageError(f"{out_dir} holds files opvoedkit did not write; use --force to replace "
                         "the folder, or choose another with -o")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale(out_dir)
    scratch = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-{os.getpid()}-",
                                    dir=out_dir.parent))
    try:
        try:
            rendered = _render_all(pack, scratch, kinds)
        except (InputError, UsageError):
            raise
        except Exception as exc:
            raise RenderError(f"could not render the pack for {pack.municipality}: "
                              f"{type(exc).__name__}: {exc}") from exc
        manifest = manifest_for(pack, rendered, scratch)
        (scratch / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
        _swap_into_place(scratch, out_dir)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return manifest, [Rendered(r.kind, out_dir / r.path.name, r.count, r.anchors)
                      for r in rendered]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: leave its folders alone
        return True
    return True


def _clean_stale(out_dir: Path) -> None:
    """Remove what a killed build left beside ``out_dir`` (SIGKILL cannot be cleaned up at the
    time). If it died between its two renames, the old pack is put back first."""
    stale: dict[str, list[Path]] = {"tmp": [], "old": []}
    for kind in stale:
        for path in out_dir.parent.glob(f".{out_dir.name}.{kind}-*"):
            pid = path.name.split("-")[-2] if path.name.count("-") >= 2 else ""
            if pid.isdigit() and not _alive(int(pid)):
                stale[kind].append(path)
    if not out_dir.exists() and len(stale["old"]) == 1:
        stale["old"][0].rename(out_dir)
        stale["old"] = []
    for path in stale["tmp"] + stale["old"]:
        shutil.rmtree(path, ignore_errors=True)


def _swap_into_place(scratch: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by ``scratch`` with two renames; the old pack is removed last."""
    if not out_dir.exists():
        scratch.rename(out_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-{os.getpid()}-",
                                dir=out_dir.parent))
    old.rmdir()
    out_dir.rename(old)
    try:
        scratch.rename(out_dir)
    except BaseException:
        old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def strict_check(prepared: Prepared) -> None:
    """With --strict, warnings are input errors."""
    warnings = prepared.program.warnings
    if warnings:
        raise InputError([Problem(str(prepared.path), 0, 0, f"warning (--strict): {w}")
                          for w in warnings])


def default_out_dir(pack: Pack) -> Path:
    """``output/<slug>`` in the current folder."""
    return Path("output") / pack.slug


def build_pack(session_path: str | Path, out_dir: str | Path | None = None, *,
               exercises_dirs: Sequence[str | Path] = (),
               templates_dirs: Sequence[str | Path] = (), only: Sequence[str] = KINDS,
               strict: bool = False, force: bool = False, prepared: Prepared | None = None,
               on_prepared: Callable[[Prepared], object] | None = None,
               ) -> tuple[Pack, dict[str, Any], list[Rendered]]:
    """Build one pack from a session file; returns the pack, its manifest and file details.

    ``on_prepared`` sees the validated session and its plan before anything is rendered (the
    CLI prints the warnings there).
    """
    from .compose import compose
    from .preflight import prepare

    prepared = prepared or prepare(session_path, exercises_dirs)
    if on_prepared is not None:
        on_prepared(prepared)
    if strict:
        strict_check(prepared)
    pack = compose(prepared, templates_dirs)
    target = Path(out_dir) if out_dir is not None else default_out_dir(pack)
    manifest, rendered = write_pack(pack, target, only, force=force)
    return pack, manifest, rendered


def build(session_path: str | Path, out_dir: str | Path | None = None,
          **options: Any) -> dict[str, Any]:
    """Build one pack from a session file; returns its manifest (the public API)."""
    return build_pack(session_path, out_dir, **options)[1]
