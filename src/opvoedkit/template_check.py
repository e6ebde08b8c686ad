"""How a PowerPoint template's layouts serve our slide kinds.

Layout and placeholder names depend on the language of the PowerPoint that saved the template, so
a kind finds its layout by name (Dutch or English), else by the layout's built-in type (the same
in every language), else by the placeholders it has; a kind with no layout of its own borrows
another's. ``opvoedkit check-template`` prints the result; the layout stage fits text to the
frames it finds, and the deck renderer fills the placeholders it names. The geometry it speaks
in is the layout stage's; nothing here imports a renderer.
"""

from __future__ import annotations

import re
import textwrap
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError
from .geometry import (
    DEFAULT_FRAMES,
    EMU_PER_INCH,
    LAYOUT_KINDS,
    LAYOUT_NAMES,
    Box,
    Frame,
    contrast,
)

MAX_TEMPLATE_BYTES = 50_000_000
# A real template unpacks to a few MB, its XML parts to well under 1 MB each. These limits are
# far beyond that and far below what a zip bomb needs (298 kB that unpack to 190 MB of XML
# took python-pptx 51 s and 4.6 GB); the zip directory is checked before anything is parsed.
MAX_TEMPLATE_UNPACKED = 100_000_000
MAX_TEMPLATE_XML_PART = 10_000_000
MAX_TEMPLATE_ENTRIES = 5_000
NAMES: dict[str, frozenset[str]] = {
    "title": frozenset({"titel", "title slide", "titeldia", "titelslide", "titelpagina",
                        "title", "voorblad"}),
    "section": frozenset({"sectie", "section header", "sectiekop", "section", "tussenblad",
                          "hoofdstuk"}),
    "content": frozenset({"inhoud", "title and content", "titel en object", "titel en inhoud",
                          "content", "tekst"}),
    "two-column": frozenset({"twee kolommen", "two content", "twee objecten", "two columns",
                             "2 kolommen"}),
    "exercise": frozenset({"oefening", "exercise", "opdracht", "werkvorm"}),
    "agenda": frozenset({"agenda", "programma", "program"}),
    "closing": frozenset({"afsluiting", "closing", "slot", "einde", "end"}),
}
# The `type` attribute PowerPoint writes on its built-in layouts, whatever their name.
LAYOUT_TYPES = {"title": ("title",), "section": ("secHead",), "content": ("obj", "tx"),
                "two-column": ("twoObj", "twoTxTwoObj")}
FALLBACK = {"title": "section", "section": "content", "two-column": "content",
            "exercise": "content", "agenda": "content", "closing": "content"}
BADGE_NAMES = frozenset({"tijd", "badge", "time", "duur"})
TITLE_TYPES = frozenset({"TITLE", "CENTER_TITLE"})
TEXT_TYPES = frozenset({"BODY", "OBJECT", "SUBTITLE"})
SCHEME = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
          "accent6", "hlink", "folHlink")
MIN_CONTRAST = 4.5  # WCAG AA for normal text
# The pairs of theme colours the deck sets text in: (text, background, what it is).
CONTRAST_PAIRS = (("dk1", "lt1", "text (dk1) on the slide background (lt1)"),
                  ("dk2", "lt1", "secondary text (dk2) on the slide background (lt1)"),
                  ("dk1", "lt2", "text (dk1) in light diagram shapes (lt2)"))


@dataclass(frozen=True)
class PlaceholderInfo:
    """One placeholder of a layout; box is None when neither layout nor master places it."""

    idx: int
    type: str
    name: str
    box: Box | None
    caps: bool = False  # text set in capitals (cap="all" or "small")


@dataclass(frozen=True)
class LayoutInfo:
    """One slide layout: position over all masters, name, built-in type and placeholders."""

    index: int
    name: str
    type: str
    placeholders: tuple[PlaceholderInfo, ...]

    def title(self) -> PlaceholderInfo | None:
        """The title placeholder, if any."""
        return next((p for p in self.placeholders if p.type in TITLE_TYPES and p.box), None)

    def badge(self) -> PlaceholderInfo | None:
        """A placeholder meant for the time badge (by name), if any."""
        return next((p for p in self.placeholders if p.box and _norm(p.name) in BADGE_NAMES),
                    None)

    def texts(self) -> list[PlaceholderInfo]:
        """Text placeholders other than title and badge, largest first."""
        badge = self.badge()
        found = [p for p in self.placeholders if p.type in TEXT_TYPES and p.box and p != badge]
        return sorted(found, key=lambda p: -_size(p))


@dataclass(frozen=True)
class KindMatch:
    """The layout one slide kind uses, found how, and which placeholders (by idx) it fills."""

    kind: str
    layout: int
    layout_name: str
    how: str
    title: int
    bodies: tuple[int, ...]
    badge: int | None = None


@dataclass(frozen=True)
class TemplateReport:
    """What a template offers and how our slide kinds map onto it."""

    path: Path
    width: int
    height: int
    fonts: tuple[str, str]
    slides: int
    layouts: tuple[LayoutInfo, ...]
    matches: tuple[KindMatch, ...]
    colours: tuple[tuple[str, str], ...] = ()  # theme colour slot → RRGGBB

    def colour(self, slot: str, default: str = "000000") -> str:
        """A theme colour as RRGGBB."""
        return dict(self.colours).get(slot, default)

    def warnings(self) -> list[str]:
        """Theme colours whose text would be hard to read: contrast below 4.5:1 (WCAG)."""
        found = dict(self.colours)
        problems = []
        for text, background, what in CONTRAST_PAIRS:
            if text in found and background in found:
                ratio = contrast(found[text], found[background])
                if ratio < MIN_CONTRAST:
                    problems.append(f"{what}: #{found[text]} on #{found[background]} has a "
                                    f"contrast of {ratio:.1f}:1, below {MIN_CONTRAST}:1")
        if "accent1" in found and "dk1" in found and "lt1" in found:
            best = max(contrast(found["accent1"], found[c]) for c in ("dk1", "lt1"))
            if best < MIN_CONTRAST:
                problems.append(f"text on the accent colour (accent1 #{found['accent1']}), "
                                f"badges and diagrams: at best {best:.1f}:1, below "
                                f"{MIN_CONTRAST}:1")
        return problems

    def match(self, kind: str) -> KindMatch:
        """The match for one slide kind."""
        return next(m for m in self.matches if m.kind == kind)

    @property
    def missing(self) -> tuple[str, ...]:
        """Kinds without a layout of their own (they borrow another kind's layout)."""
        return tuple(m.kind for m in self.matches if m.how.startswith("borrowed"))

    def frames(self) -> dict[str, Frame]:
        """Text frames per slide kind, for fitting text to this template."""
        frames = {}
        for match in self.matches:
            boxes = {p.idx: p.box for p in self.layouts[match.layout].placeholders if p.box}
            caps = any(p.caps for p in self.layouts[match.layout].placeholders
                       if p.idx == match.title)
            frames[match.kind] = Frame(boxes[match.title],
                                       tuple(boxes[i] for i in match.bodies),
                                       boxes[match.badge] if match.badge is not None else None,
                                       caps)
        return frames


def _norm(name: str) -> str:
    # PowerPoint names a copied layout "1_Title Slide"; compare without that prefix.
    return re.sub(r"^\d+_", "", name.strip().lower())


def _size(p: PlaceholderInfo) -> int:
    return p.box.width * p.box.height if p.box else 0


_CAP = "./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/@cap"


def _layout_info(index: int, layout: Any) -> LayoutInfo:
    # Titles are often set in capitals by the layout, or by the master's title style.
    master = layout.slide_master._element
    master_caps = master.xpath("./p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/@cap")
    placeholders = []
    for shape in layout.placeholders:
        fmt = shape.placeholder_format
        kind = fmt.type.name if fmt.type else "OBJECT"
        sizes = (shape.left, shape.top, shape.width, shape.height)  # inherited from the master
        box = Box(*sizes) if all(v is not None for v in sizes) else None
        cap = shape._element.xpath(_CAP) or (master_caps if kind in TITLE_TYPES else [])
        placeholders.append(PlaceholderInfo(fmt.idx, kind, shape.name, box,
                                            bool(cap) and cap[0] != "none"))
    kind = layout._element.get("type", "cust")  # python-pptx does not expose the layout type
    return LayoutInfo(index, layout.name, kind, tuple(placeholders))


def _bodies(kind: str, layout: LayoutInfo) -> tuple[int, ...]:
    texts = layout.texts()
    if kind == "two-column":
        return tuple(p.idx for p in sorted(texts[:2], key=lambda p: p.box.left if p.box else 0))
    if kind == "title":
        subtitle = [p for p in texts if p.type == "SUBTITLE"]
        return ((subtitle or texts)[0].idx,)
    return (texts[0].idx,)


def _by_placeholders(kind: str, usable: list[LayoutInfo]) -> LayoutInfo | None:
    if kind == "title":
        return next((lay for lay in usable if any(p.type in ("CENTER_TITLE", "SUBTITLE")
                                                  for p in lay.placeholders)), None)
    if kind == "content":  # the layout with the largest body or object placeholder
        bodies = [lay for lay in usable if any(p.type != "SUBTITLE" for p in lay.texts())]
        return max(bodies, key=lambda lay: _size(lay.texts()[0]), default=None)
    if kind == "two-column":
        return usable[0] if usable else None
    return None


def _match(kind: str, layouts: tuple[LayoutInfo, ...]) -> KindMatch | None:
    need = 2 if kind == "two-column" else 1
    usable = [lay for lay in layouts if lay.title() and len(lay.texts()) >= need]
    found = (next(((lay, "by name") for lay in usable if _norm(lay.name) in NAMES[kind]), None)
             or next(((lay, "by layout type") for lay in usable
                      if lay.type in LAYOUT_TYPES.get(kind, ())), None))
    if found is None and (layout := _by_placeholders(kind, usable)):
        found = (layout, "by placeholders")
    if found is None:
        borrowed = _match(FALLBACK[kind], layouts) if kind in FALLBACK else None
        if borrowed is None:
            return None
        return KindMatch(kind, borrowed.layout, borrowed.layout_name,
                         f"borrowed from {LAYOUT_NAMES[borrowed.kind]!r}", borrowed.title,
                         borrowed.bodies[:1])
    layout, how = found
    title = layout.title()
    assert title is not None  # usable layouts have one
    badge = layout.badge() if kind == "exercise" else None
    return KindMatch(kind, layout.index, layout.name, how, title.idx, _bodies(kind, layout),
                     badge.idx if badge else None)


def _colours(presentation: Any) -> tuple[tuple[str, str], ...]:
    """The theme's colour scheme as (slot, RRGGBB); system colours by their last value."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml

    try:
        theme = parse_xml(presentation.slide_master.part.part_related_by(RT.THEME).blob)
    except Exception:  # no readable theme: no colours to check
        return ()
    found = []
    for slot in SCHEME:
        value = theme.xpath(f"string((//a:clrScheme/a:{slot}/a:srgbClr/@val"
                            f" | //a:clrScheme/a:{slot}/a:sysClr/@lastClr)[1])")
        if re.fullmatch(r"[0-9A-Fa-f]{6}", value or ""):
            found.append((slot, value.upper()))
    return tuple(found)


def _fonts(presentation: Any) -> tuple[str, str]:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml

    try:
        theme = parse_xml(presentation.slide_master.part.part_related_by(RT.THEME).blob)
    except Exception:  # a template without a readable theme still works; fonts are just unknown
        return ("?", "?")
    # python-pptx's xpath() knows the a: prefix.
    found = [theme.xpath(f"string(//a:{name}/a:latin/@typeface)")
             for name in ("majorFont", "minorFont")]
    return (found[0] or "?", found[1] or "?")


def _zip_problem(path: Path) -> tuple[str, str] | None:
    """What is wrong with ``path`` as a .pptx, seen from its zip directory alone (cheap, no
    pptx import), and what would be right; None if it looks like one."""
    if path.suffix.lower() == ".potx":
        return ("a .potx template cannot be used directly",
                "open it in PowerPoint and save it as .pptx")
    save_as = "save the template in PowerPoint as 'PowerPoint-presentatie (*.pptx)'"
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return ("this file is not a PowerPoint .pptx file (it is not a zip archive)", save_as)
    names = {info.filename for info in infos}
    if "ppt/presentation.xml" not in names or "[Content_Types].xml" not in names:
        return ("this zip file is not a PowerPoint presentation", save_as)
    smaller = "use a template without videos, or save a copy with fewer slides and pictures"
    if len(infos) > MAX_TEMPLATE_ENTRIES:
        return (f"the template holds {len(infos):,} parts; the limit is "
                f"{MAX_TEMPLATE_ENTRIES:,}", smaller)
    if sum(info.file_size for info in infos) > MAX_TEMPLATE_UNPACKED:
        return ("the template unpacks to more than 100 MB", smaller)
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_TEMPLATE_XML_PART:
            return (f"the template's part {info.filename} unpacks to "
                    f"{info.file_size // 1_000_000} MB; real ones stay under 1 MB", smaller)
    return None


@cache
def _check(path: str, stamp: tuple[int, int]) -> TemplateReport:
    problem = _zip_problem(Path(path))
    if problem:
        raise InputError.single(path, *problem)
    if stamp[1] > MAX_TEMPLATE_BYTES:
        raise InputError.single(path, f"the template is {stamp[1]:,} bytes; the limit is "
                                f"{MAX_TEMPLATE_BYTES:,}", "remove pictures and videos from it")
    from pptx import Presentation  # only now: the zip directory is known to be sane

    try:
        presentation = Presentation(path)
        every = [lay for master in presentation.slide_masters for lay in master.slide_layouts]
        layouts = tuple(_layout_info(i, layout) for i, layout in enumerate(every))
    except Exception as exc:  # python-pptx raises many types for damaged files
        raise InputError.single(path, f"cannot read this PowerPoint file ({exc})",
                                "open it in PowerPoint and save it again as .pptx") from None
    matches = [_match(kind, layouts) for kind in LAYOUT_KINDS]
    if any(m is None for m in matches):
        raise InputError.single(path, "no slide layout has both a title and a text placeholder",
                                "add a 'Title and Content' layout in the slide master")
    return TemplateReport(Path(path), int(presentation.slide_width or 0),
                          int(presentation.slide_height or 0),
                          _fonts(presentation), len(presentation.slides), layouts,
                          tuple(m for m in matches if m is not None), _colours(presentation))


def check_template(path: str | Path) -> TemplateReport:
    """Read a template's layouts and map our slide kinds onto them (cached per file version)."""
    from .yamlio import not_a_file

    path = Path(path).resolve()
    problem = not_a_file(path)
    if problem:
        raise InputError.single(path, f"file not found: {path}" if problem == "not found"
                                else f"{path} is {problem}", "check the path of the template")
    info = path.stat()
    return _check(str(path), (info.st_mtime_ns, info.st_size))


def frames_for(template: Path | None) -> Mapping[str, Frame]:
    """The text frames of our default template (known without reading it), or of a user's."""
    if template is None:
        return DEFAULT_FRAMES
    return check_template(template).frames()


def format_report(report: TemplateReport) -> str:
    """The report as plain text for the terminal."""
    width, height = report.width / EMU_PER_INCH, report.height / EMU_PER_INCH
    ratio = "16:9" if abs(width / height - 16 / 9) < 0.01 else f"{width / height:.2f}:1"
    lines = [f"Template: {report.path}",
             f"Slide size: {width:.2f} × {height:.2f} in ({ratio})",
             f"Theme fonts: {report.fonts[0]} (titles), {report.fonts[1]} (text)",
             f"Slides in the template: {report.slides}"
             + (" (left out of the deck)" if report.slides else ""), "", "Layouts:"]
    for layout in report.layouts:
        lines.append(f"  {layout.index + 1}. {layout.name} (type {layout.type})")
        lines.extend(f"       idx {p.idx:<3} {p.type:<14} {p.name}" for p in layout.placeholders)
    lines += ["", "Slide kinds:"]
    for match in report.matches:
        parts = [f"title idx {match.title}", "text idx " + ", ".join(map(str, match.bodies))]
        if match.kind == "exercise":
            parts.append(f"badge idx {match.badge}" if match.badge is not None
                         else "no badge: time on the first text line")
        lines.append(f"  {match.kind:<11} → {match.layout_name!r} ({match.how})")
        lines.append(" " * 16 + ", ".join(parts))
    warnings = report.warnings()
    if warnings:
        lines += ["", "Warnings (contrast, WCAG):"]
        lines.extend(textwrap.fill(w, 78, initial_indent="  - ", subsequent_indent="    ")
                     for w in warnings)
    if report.missing:
        advice = ("Missing: no layout of their own for " + ", ".join(report.missing)
                  + ". Add layouts named " + ", ".join(repr(LAYOUT_NAMES[k]) for k in
                                                       report.missing) + " to use your own.")
        lines += ["", *textwrap.wrap(advice, 78)]
    return "\n".join(lines)
