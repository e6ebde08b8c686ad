"""One pack end to end: prepare (load, plan), compose, lay out, render into a hidden folder,
then write: move the files into place (packfolder.py).

A build is all-or-nothing: files are rendered into a hidden folder beside the target and moved
in only when every file succeeded, so an error or Ctrl-C leaves an older pack untouched. What may
be replaced in the target is decided in one place, :mod:`opvoedkit.packfolder`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, Problem, RenderError, UsageError
from .i18n import _
from .pack import Pack
from .packfolder import (
    MANIFEST,
    check_target,
    commit,
    remove_scratch,
    scratch_for,
    sha256,
    write_json,
)
from .planner import program_json
from .render import Rendered
from .version import __version__

if TYPE_CHECKING:
    from .layout import Layout
    from .preflight import Prepared

KINDS = ("deck", "handbook", "handout", "attendance", "evaluation", "calendar",
         "handbook-docx", "handout-docx", "run-sheet", "printables", "name-cards", "invitation",
         "report-template")
FILE_NAMES = {
    "deck": "presentatie.pptx",
    "handbook": "handleiding-begeleider.pdf",
    "handout": "hand-out-deelnemers.pdf",
    "handbook-docx": "handleiding-begeleider.docx",
    "handout-docx": "hand-out-deelnemers.docx",
    "attendance": "presentielijst.pdf",
    "evaluation": "evaluatieformulier.pdf",
    "calendar": "bijeenkomst.ics",
    "run-sheet": "draaiboek.pdf",
    "printables": "materialen-printen.pdf",
    "name-cards": "naambordjes.pdf",
    "invitation": "uitnodiging.docx",
    "report-template": "verslag-sjabloon.docx",
}
# Files made from the pack alone (no layout, no other file): kind → module in render/.
FROM_PACK = {"run-sheet": "runsheet", "printables": "printables", "name-cards": "namecards",
             "invitation": "invitation", "report-template": "report_docx"}
PDF_KINDS = ("handout", "attendance", "evaluation", "handbook")
WORD_KINDS = ("handbook-docx", "handout-docx")
NEEDS_LAYOUT = ("deck", "handbook", "handbook-docx")  # they cite or draw the deck's slides


def parse_only(text: str | None) -> tuple[str, ...]:
    """``--only deck,handbook`` → the kinds, checked against the known ones."""
    if not text:
        return KINDS
    chosen = tuple(dict.fromkeys(k.strip() for k in text.split(",") if k.strip()))
    unknown = [k for k in chosen if k not in KINDS]
    if unknown or not chosen:
        raise UsageError(_("{option}: unknown kind {kinds}; use any of: {allowed}").format(
            option="--only", kinds=", ".join(unknown) or _("(none)"), allowed=", ".join(KINDS)))
    return chosen


# What a helper lane renders (lanes.py) while the main process renders the rest, when a second
# core is free: the handbook with the hand-out it cites, both Word versions and the attendance
# list, about half of a pack's rendering time; the deck, the longest single file, stays here.
HELPER_KINDS = ("handbook", "handout", "handbook-docx", "handout-docx", "attendance")


def _render_all(pack: Pack, folder: Path, kinds: Sequence[str], *,
                lanes: bool = True) -> list[Rendered]:
    """Lay the pack out (once), then render the chosen kinds into ``folder``: the deck draws the
    layout's outline, the handbooks cite its slide numbers. With ``lanes`` and a free core, a
    helper renders :data:`HELPER_KINDS` meanwhile (the same files, byte for byte)."""
    layout = None
    if any(kind in NEEDS_LAYOUT for kind in kinds):  # the others need no layout: skip measuring
        from .layout import lay_out
        from .template_check import frames_for

        layout = lay_out(pack, frames_for(pack.template))
    chosen = [kind for kind in KINDS if kind in kinds]
    helped = [kind for kind in chosen if kind in HELPER_KINDS]
    own = [kind for kind in chosen if kind not in HELPER_KINDS]
    if not (lanes and helped and own and _lanes_available()):
        results = _render_kinds(pack, folder, chosen, layout)
    else:
        from .lanes import lane

        with lane(lambda: _render_kinds(pack, folder, helped, layout)) as helper:
            results = _render_kinds(pack, folder, own, layout)
            results |= helper.result()
    return [results[k] for k in KINDS if k in results]


def _lanes_available() -> bool:
    from .lanes import available

    return available()


def _render_kinds(pack: Pack, folder: Path, kinds: Sequence[str],
                  layout: Layout | None) -> dict[str, Rendered]:
    """Render ``kinds`` into ``folder``, one after the other."""
    results = {}
    if "deck" in kinds:
        from .render import deck

        assert layout is not None
        results["deck"] = deck.render(pack, folder / FILE_NAMES["deck"], layout)
    results |= _render_documents(pack, folder, kinds, layout)
    results |= _render_word(pack, folder, kinds, layout)
    for kind, module in FROM_PACK.items():
        if kind in kinds:
            renderer = importlib.import_module(f"{__package__}.render.{module}")
            results[kind] = renderer.render(pack, folder / FILE_NAMES[kind])
    return results


def _render_word(pack: Pack, folder: Path, kinds: Sequence[str],
                 layout: Layout | None) -> dict[str, Rendered]:
    """The Word versions of handbook and hand-out among ``kinds``, from the same pack; the
    handbook cites the deck's slides, and worksheets by number (Word's pages are its own)."""
    results = {}
    if "handbook-docx" in kinds:
        from .render import handbook_docx

        assert layout is not None  # _render_all lays out whenever this handbook is chosen
        results["handbook-docx"] = handbook_docx.render(
            pack, folder / FILE_NAMES["handbook-docx"], slide_numbers=layout.slide_numbers)
    if "handout-docx" in kinds:
        from .render import handout_docx

        results["handout-docx"] = handout_docx.render(pack, folder / FILE_NAMES["handout-docx"])
    return results


def _render_documents(pack: Pack, folder: Path, kinds: Sequence[str],
                      layout: Layout | None) -> dict[str, Rendered]:
    """The PDFs and the calendar among ``kinds``; the handbook cites deck slides (from the
    layout) and handout pages (from the handout, rendered first or laid out in memory)."""
    results = {}
    if "calendar" in kinds and pack.date is not None:
        from .render import calendar

        results["calendar"] = calendar.render(pack, folder / FILE_NAMES["calendar"])
    if not any(kind in PDF_KINDS for kind in kinds):
        return results  # the calendar alone needs nothing of reportlab
    from .render import extras, handbook, handout

    if "handout" in kinds:
        results["handout"] = handout.render(pack, folder / FILE_NAMES["handout"])
    if "attendance" in kinds:
        results["attendance"] = extras.render_attendance(pack, folder / FILE_NAMES["attendance"])
    if "evaluation" in kinds:
        results["evaluation"] = extras.render_evaluation(pack, folder / FILE_NAMES["evaluation"])
    if "handbook" in kinds:
        assert layout is not None  # _render_all lays out whenever the handbook is chosen
        pages = (results["handout"].anchors if "handout" in results
                 else handout.page_anchors(pack))
        results["handbook"] = handbook.render(pack, folder / FILE_NAMES["handbook"],
                                              slide_numbers=layout.slide_numbers,
                                              handout_pages=pages)
    return results


def manifest_for(pack: Pack, rendered: Iterable[Rendered], folder: Path) -> dict[str, Any]:
    """The manifest (contract in DESIGN.md)."""
    files = []
    for item in rendered:
        path = folder / item.path.name
        files.append({"kind": item.kind, "path": item.path.name, "bytes": path.stat().st_size,
                      "sha256": sha256(path)})
    return {"version": __version__, "municipality": pack.municipality, "slug": pack.slug,
            "files": files, "program": program_json(pack.program)}


@dataclass(frozen=True)
class Built:
    """One pack as written: its content, manifest, files, and the names of files somebody had
    edited that were kept aside (``presentatie.bewerkt-1.pptx``) instead of being replaced."""

    pack: Pack
    manifest: dict[str, Any]
    rendered: list[Rendered]
    kept_aside: list[str]


def write_pack(pack: Pack, out_dir: Path, kinds: Sequence[str] = KINDS, *,
               force: bool = False, session_file: Path | None = None,
               lanes: bool = True) -> Built:
    """Render a composed pack into ``out_dir``: all files first into a hidden folder beside
    it, then moved in (packfolder.py says what may be replaced, and never more). ``lanes``
    lets a helper process render part of it when a core is free (a batch has its own)."""
    out_dir = out_dir.resolve()
    check_target(out_dir, pack.municipality, force=force, session_file=session_file)
    try:
        try:
            scratch = scratch_for(out_dir)
            rendered = _render_all(pack, scratch, kinds, lanes=lanes)
        except (InputError, UsageError):
            raise
        except OSError as exc:
            raise RenderError(_("could not write the pack into {folder}: {error}").format(
                folder=out_dir.parent, error=exc.strerror or exc)) from exc
        except Exception as exc:
            said = str(exc) if isinstance(exc, RenderError) else f"{type(exc).__name__}: {exc}"
            raise RenderError(_("could not render the pack for {municipality}: {error}").format(
                municipality=pack.municipality, error=said)) from exc
        manifest = manifest_for(pack, rendered, scratch)
        write_json(scratch / MANIFEST, manifest)
        kept = commit(scratch, out_dir, manifest)
    except BaseException:
        remove_scratch(out_dir)
        raise
    return Built(pack, manifest, [Rendered(r.kind, out_dir / r.path.name, r.count, r.anchors)
                                  for r in rendered], kept)


def strict_check(prepared: Prepared) -> None:
    """With --strict, warnings are input errors."""
    warnings = prepared.program.warnings
    if warnings:
        raise InputError([Problem(str(prepared.path), 0, 0, _("warning ({option}): {warning}"
                                                              ).format(option="--strict",
                                                                       warning=w))
                          for w in warnings])


def default_out_dir(pack: Pack) -> Path:
    """``output/<slug>`` in the current folder."""
    return Path("output") / pack.slug


def build_pack(session_path: str | Path, out_dir: str | Path | None = None, *,
               exercises_dirs: Sequence[str | Path] = (),
               templates_dirs: Sequence[str | Path] = (), only: Sequence[str] = KINDS,
               strict: bool = False, force: bool = False, prepared: Prepared | None = None,
               on_prepared: Callable[[Prepared], object] | None = None,
               lanes: bool = True) -> Built:
    """Build one pack from a session file (or a session already ``prepared``).

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
    return write_pack(pack, target, only, force=force, session_file=prepared.path,
                      lanes=lanes)
