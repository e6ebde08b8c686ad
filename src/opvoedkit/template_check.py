"""How a PowerPoint template's layouts serve our slide kinds.

Layout and placeholder names depend on the language of the PowerPoint that saved the template, so
a kind finds its layout by name (Dutch or English), else by the layout's built-in type (the same
in every language), else by the placeholders it has; a kind with no layout of its own borrows
another's. ``opvoedkit check-template`` prints the result; the layout stage fits text to the
frames it finds, and the deck renderer fills the placeholders it names. The geometry it speaks
in is the layout stage's; nothing here imports a renderer.

Two things are put right in memory, here for validation and the deck alike (the deck renderer
calls the same functions, so both see one template): a .potx (or .ppsx) gets the main content
type of a .pptx, which is all python-pptx needs to open it (``template_bytes``), and placeholders
that share an idx, as LibreOffice saves them (no idx at all: title and text both idx 0), are
numbered apart (``number_placeholders``), so that no shape is both title and text.
"""

from __future__ import annotations

import io
import re
import textwrap
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol

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
from .i18n import N_, _, ngettext

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
# In order of preference: LibreOffice types its title slide `tx`, PowerPoint its text slide.
LAYOUT_TYPES = {"title": ("title",), "section": ("secHead",), "content": ("obj", "tx"),
                "two-column": ("twoObj", "twoTxTwoObj")}
FALLBACK = {"title": "section", "section": "content", "two-column": "content",
            "exercise": "content", "agenda": "content", "closing": "content"}
BADGE_NAMES = frozenset({"tijd", "badge", "time", "duur"})
TITLE_TYPES = frozenset({"TITLE", "CENTER_TITLE"})
_TITLE_PH = frozenset({"title", "ctrTitle"})  # the same, as the `type` of a p:ph element
_CT = "application/vnd.openxmlformats-officedocument.presentationml."
_CT_MACRO = "application/vnd.ms-powerpoint."
# The main content type of a template or slide show, and of the presentation it otherwise is.
MAIN_TYPES = {f"{_CT}template.main+xml": f"{_CT}presentation.main+xml",
              f"{_CT}slideshow.main+xml": f"{_CT}presentation.main+xml",
              f"{_CT_MACRO}template.macroEnabled.main+xml":
                  f"{_CT_MACRO}presentation.macroEnabled.main+xml",
              f"{_CT_MACRO}slideshow.macroEnabled.main+xml":
                  f"{_CT_MACRO}presentation.macroEnabled.main+xml"}
TEXT_TYPES = frozenset({"BODY", "OBJECT", "SUBTITLE"})
SCHEME = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
          "accent6", "hlink", "folHlink")
MIN_CONTRAST = 4.5  # WCAG AA for normal text
# The pairs of theme colours the deck sets text in: (text, background, what it is).
CONTRAST_PAIRS = (("dk1", "lt1", N_("text ({text}) on the slide background ({background})")),
                  ("dk2", "lt1", N_("secondary text ({text}) on the slide background "
                                    "({background})")),
                  ("dk1", "lt2", N_("text ({text}) in light diagram shapes ({background})")))
# How a layout was found: data (tests and code read it), translated where it is printed.
BY_NAME, BY_TYPE, BY_PLACEHOLDERS = N_("by name"), N_("by layout type"), N_("by placeholders")
BORROWED = N_("borrowed from {layout}")


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
    notes: tuple[str, ...] = ()  # what was put right in memory, or left unused, and why

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
                    problems.append(_("{what}: {colour} on {background} has a contrast of "
                                      "{ratio}, below {minimum}").format(
                        what=_(what).format(text=text, background=background),
                        colour=f"#{found[text]}", background=f"#{found[background]}",
                        ratio=f"{ratio:.1f}:1", minimum=f"{MIN_CONTRAST}:1"))
        if "accent1" in found and "dk1" in found and "lt1" in found:
            best = max(contrast(found["accent1"], found[c]) for c in ("dk1", "lt1"))
            if best < MIN_CONTRAST:
                problems.append(_("text on the accent colour ({colour}), badges and diagrams: "
                                  "at best {ratio}, below {minimum}").format(
                    colour=f"accent1 #{found['accent1']}", ratio=f"{best:.1f}:1",
                    minimum=f"{MIN_CONTRAST}:1"))
        return problems

    def match(self, kind: str) -> KindMatch:
        """The match for one slide kind."""
        return next(m for m in self.matches if m.kind == kind)

    @property
    def missing(self) -> tuple[str, ...]:
        """Kinds without a layout of their own (they borrow another kind's layout)."""
        return tuple(m.kind for m in self.matches if m.how.startswith(BORROWED.split("{")[0]))

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
    return (([p for p in texts if p.type != "SUBTITLE"] or texts)[0].idx,)


def _by_type(kind: str, usable: list[LayoutInfo]) -> LayoutInfo | None:
    """The first layout of the kind's built-in types, in order of preference; for any kind but
    the title a layout with a text body (LibreOffice types its title slide like a text slide)."""
    for wanted in LAYOUT_TYPES.get(kind, ()):
        for lay in usable:
            if lay.type == wanted and (kind == "title" or any(p.type != "SUBTITLE"
                                                              for p in lay.texts())):
                return lay
    return None


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
    found = next(((lay, BY_NAME) for lay in usable if _norm(lay.name) in NAMES[kind]), None)
    if found is None and (layout := _by_type(kind, usable)):
        found = (layout, BY_TYPE)
    if found is None and (layout := _by_placeholders(kind, usable)):
        found = (layout, BY_PLACEHOLDERS)
    if found is None:
        borrowed = _match(FALLBACK[kind], layouts) if kind in FALLBACK else None
        if borrowed is None:
            return None
        return KindMatch(kind, borrowed.layout, borrowed.layout_name,
                         BORROWED.format(layout=repr(LAYOUT_NAMES[borrowed.kind])),
                         borrowed.title,
                         borrowed.bodies[:1])
    layout, how = found
    title = layout.title()
    assert title is not None  # usable layouts have one
    badge = layout.badge() if kind == "exercise" else None
    bodies = _bodies(kind, layout)
    assert title.idx not in bodies  # placeholders are numbered apart: one role per shape
    return KindMatch(kind, layout.index, layout.name, how, title.idx, bodies,
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
    """What is wrong with ``path`` as a .pptx or .potx, seen from its zip directory alone
    (cheap, no pptx import), and what would be right; None if it looks like one."""
    save_as = _("save the template in PowerPoint as '{format}'").format(
        format="PowerPoint-presentatie (*.pptx)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return (_("this file is not a PowerPoint .pptx file (nor a .potx: it is not a zip "
                  "archive)"), save_as)
    names = {info.filename for info in infos}
    if "ppt/presentation.xml" not in names or "[Content_Types].xml" not in names:
        return (_("this zip file is not a PowerPoint presentation"), save_as)
    smaller = _("use a template without videos, or save a copy with fewer slides and pictures")
    if len(infos) > MAX_TEMPLATE_ENTRIES:
        return (_("the template holds {count} parts; the limit is {limit}").format(
            count=f"{len(infos):,}", limit=f"{MAX_TEMPLATE_ENTRIES:,}"), smaller)
    if sum(info.file_size for info in infos) > MAX_TEMPLATE_UNPACKED:
        return (_("the template unpacks to more than {size}").format(size="100 MB"), smaller)
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_TEMPLATE_XML_PART:
            return (_("the template's part {part} unpacks to {size} MB; real ones stay under "
                      "1 MB").format(part=info.filename, size=info.file_size // 1_000_000),
                    smaller)
    return None


def as_presentation(data: bytes) -> bytes:
    """A template's zip with the main content type of a .pptx when it has a .potx's, a
    .ppsx's or their macro-enabled kinds' (all python-pptx refuses of them); else ``data``
    itself. Only ``[Content_Types].xml`` changes; the parts are stored uncompressed, as they
    are only read again (the deck is written compressed)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml").decode("utf-8")
        changed = re.sub(r"""(ContentType\s*=\s*["'])([^"']+)(["'])""",
                         lambda m: m[1] + MAIN_TYPES.get(m[2], m[2]) + m[3], types)
        if changed == types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
            for info in source.infolist():
                body = (changed.encode("utf-8") if info.filename == "[Content_Types].xml"
                        else source.read(info))
                target.writestr(info.filename, body)
    return out.getvalue()


@lru_cache(maxsize=4)
def _bytes(path: str, stamp: tuple[int, int]) -> bytes:
    return as_presentation(Path(path).read_bytes())


def template_bytes(path: Path) -> bytes:
    """A template's bytes as python-pptx opens them (see ``as_presentation``), read once per
    process and file version. Call it on a template ``check_template`` accepted: the zip limits
    are checked there, before anything is unpacked."""
    info = path.stat()
    return _bytes(str(path.resolve()), (info.st_mtime_ns, info.st_size))


_PH = "./p:cSld/p:spTree/*/*[1]/p:nvPr/p:ph"  # a layout's placeholders, from its XML


def number_placeholders(presentation: Any) -> tuple[str, ...]:
    """Give each placeholder of a layout an idx of its own, where some share one (LibreOffice
    writes no idx, so title and text are all idx 0); returns what it did, for the report.

    A title keeps its idx, so the slide's title is the title; the others get the next free
    numbers, in the order of the layout. A second title placeholder is never used as text:
    it is numbered apart, and left empty on the slides. Deterministic, so validation and the
    deck, each on its own copy, number alike. Reads the layouts' XML (python-pptx's private
    ``_element``): python-pptx has no API to change an idx."""
    shared, notes = [], []
    for master in presentation.slide_masters:
        for layout in master.slide_layouts:
            found = layout._element.xpath(_PH)
            titles = [ph for ph in found if ph.get("type") in _TITLE_PH]
            ordered = titles + [ph for ph in found if ph not in titles]
            free = 1 + max((int(ph.get("idx", "0")) for ph in found), default=0)
            seen: set[str] = set()
            for ph in ordered:
                if ph.get("idx", "0") in seen:
                    ph.set("idx", str(free))
                    free += 1
                    if layout.name not in shared:
                        shared.append(layout.name)
                seen.add(ph.get("idx", "0"))
            if len(titles) > 1:
                name = titles[0].xpath("string(../../p:cNvPr/@name)")
                notes.append(_("layout {layout!r} has {count} title placeholders: {name!r} "
                               "holds the title, the others stay empty").format(
                    layout=layout.name, count=len(titles), name=name))
    if shared:
        notes.insert(0, ngettext(
            "placeholders share an idx, as LibreOffice saves them, in {count} layout "
            "({layouts}): they are numbered apart, each title keeping its own, so that title "
            "and text are never one shape (the idx numbers above are these)",
            "placeholders share an idx, as LibreOffice saves them, in {count} layouts "
            "({layouts}): they are numbered apart, each title keeping its own, so that title "
            "and text are never one shape (the idx numbers above are these)",
            len(shared)).format(count=len(shared), layouts=", ".join(map(repr, shared))))
    return tuple(notes)


@cache
def _check(path: str, stamp: tuple[int, int]) -> TemplateReport:
    problem = _zip_problem(Path(path))
    if problem:
        raise InputError.single(path, *problem)
    if stamp[1] > MAX_TEMPLATE_BYTES:
        raise InputError.single(path, _("the template is {size} bytes; the limit is {limit}"
                                        ).format(size=f"{stamp[1]:,}",
                                                 limit=f"{MAX_TEMPLATE_BYTES:,}"),
                                _("remove pictures and videos from it"))
    from pptx import Presentation  # only now: the zip directory is known to be sane

    try:
        presentation = Presentation(io.BytesIO(template_bytes(Path(path))))
        notes = number_placeholders(presentation)
        every = [lay for master in presentation.slide_masters for lay in master.slide_layouts]
        layouts = tuple(_layout_info(i, layout) for i, layout in enumerate(every))
    except Exception as exc:  # python-pptx raises many types for damaged files
        raise InputError.single(path, _("cannot read this PowerPoint file ({error})").format(
                                    error=exc),
                                _("open it in PowerPoint and save it again as .pptx")) from None
    matches = [_match(kind, layouts) for kind in LAYOUT_KINDS]
    if any(m is None for m in matches):
        raise InputError.single(path, _("no slide layout has both a title and a text "
                                        "placeholder"),
                                _("add a '{layout}' layout in the slide master").format(
                                    layout="Title and Content"))
    return TemplateReport(Path(path), int(presentation.slide_width or 0),
                          int(presentation.slide_height or 0),
                          _fonts(presentation), len(presentation.slides), layouts,
                          tuple(m for m in matches if m is not None), _colours(presentation),
                          notes)


def check_template(path: str | Path) -> TemplateReport:
    """Read a template's layouts and map our slide kinds onto them (cached per file version)."""
    from .yamlio import not_a_file

    path = Path(path).resolve()
    problem = not_a_file(path)
    if problem:
        raise InputError.single(path, _("file not found: {path}").format(path=path)
                                if problem == "not found"
                                else _("{path} is {problem}").format(path=path, problem=problem),
                                _("check the path of the template"))
    info = path.stat()
    return _check(str(path), (info.st_mtime_ns, info.st_size))


class _Branding(Protocol):
    """What template_warnings reads of a session's branding."""

    @property
    def template(self) -> Path | None:
        """The user's template, if any."""

    @property
    def colour(self) -> str | None:
        """The brand colour as #RRGGBB, if any."""


class _Branded(Protocol):
    """A session, as far as template_warnings reads it."""

    @property
    def branding(self) -> _Branding:
        """The session's branding."""


def template_warnings(session: _Branded) -> list[str]:
    """What the deck will not do with the session's branding, for validate and build to show:
    where a brand colour is not used on a user's template, and text on the brand colour that
    would be hard to read. A template that cannot be read gives none: check_files reports it."""
    colour, template = session.branding.colour, session.branding.template
    if not colour:
        return []
    found = []
    # On our template dark or light text, on a user's their dk1 or lt1: whichever contrasts
    # more (as render/deck.py picks it).
    texts = ("1F2A33", "FFFFFF")
    if template is not None:
        try:
            report = check_template(template)
        except InputError:
            return []
        texts = (report.colour("dk1", texts[0]), report.colour("lt1", texts[1]))
        if report.match("exercise").badge is not None:
            found.append(_("{field} {colour} is used on your template for the diagrams and "
                           "the time badges; the template's own theme colours stay for titles, "
                           "text, bullets, backgrounds and its own accent shapes").format(
                field="branding.colour", colour=colour))
        else:
            found.append(_("{field} {colour} is used on your template for the diagrams only "
                           "(its exercise layout has no badge placeholder); the template's own "
                           "theme colours stay for titles, text, bullets, backgrounds and its "
                           "own accent shapes").format(field="branding.colour", colour=colour))
    best = max(contrast(colour.lstrip("#"), text) for text in texts)
    if best < MIN_CONTRAST:
        found.append(_("{field} {colour}: text on it (time badges, diagrams) has a contrast of "
                       "at best {ratio}, below {minimum} (WCAG); choose a darker or a lighter "
                       "colour").format(field="branding.colour", colour=colour,
                                        ratio=f"{best:.1f}:1", minimum=f"{MIN_CONTRAST}:1"))
    return found


def frames_for(template: Path | None) -> Mapping[str, Frame]:
    """The text frames of our default template (known without reading it), or of a user's."""
    if template is None:
        return DEFAULT_FRAMES
    return check_template(template).frames()


def format_report(report: TemplateReport) -> str:
    """The report as plain text for the terminal."""
    width, height = report.width / EMU_PER_INCH, report.height / EMU_PER_INCH
    ratio = "16:9" if abs(width / height - 16 / 9) < 0.01 else f"{width / height:.2f}:1"
    slides = (_("Slides in the template: {count} (left out of the deck)") if report.slides
              else _("Slides in the template: {count}")).format(count=report.slides)
    lines = [_("Template: {path}").format(path=report.path),
             _("Slide size: {width} × {height} in ({ratio})").format(
                 width=f"{width:.2f}", height=f"{height:.2f}", ratio=ratio),
             _("Theme fonts: {title} (titles), {text} (text)").format(title=report.fonts[0],
                                                                      text=report.fonts[1]),
             slides, "", _("Layouts:")]
    for layout in report.layouts:
        lines.append("  " + _("{number}. {name} (type {type})").format(
            number=layout.index + 1, name=layout.name, type=layout.type))
        lines.extend(f"       idx {p.idx:<3} {p.type:<14} {p.name}" for p in layout.placeholders)
    lines += ["", _("Slide kinds:")]
    for match in report.matches:
        parts = [_("title idx {idx}").format(idx=match.title),
                 _("text idx {idx}").format(idx=", ".join(map(str, match.bodies)))]
        if match.kind == "exercise":
            parts.append(_("badge idx {idx}").format(idx=match.badge) if match.badge is not None
                         else _("no badge: time on the first text line"))
        lines.append(f"  {match.kind:<11} → {match.layout_name!r} ({_how(match.how)})")
        lines.append(" " * 16 + ", ".join(parts))
    if report.notes:
        lines += ["", _("Notes (in memory only; the template file is not changed):")]
        lines.extend(textwrap.fill(n, 78, initial_indent="  - ", subsequent_indent="    ")
                     for n in report.notes)
    warnings = report.warnings()
    if warnings:
        lines += ["", _("Warnings (contrast, WCAG):")]
        lines.extend(textwrap.fill(w, 78, initial_indent="  - ", subsequent_indent="    ")
                     for w in warnings)
    if report.missing:
        advice = _("Missing: no layout of their own for {kinds}. Add layouts named {names} to "
                   "use your own.").format(kinds=", ".join(report.missing), names=", ".join(
                       repr(LAYOUT_NAMES[k]) for k in report.missing))
        lines += ["", *textwrap.wrap(advice, 78)]
    return "\n".join(lines)


def _how(how: str) -> str:
    """How a layout was found (data in English), in the user's language."""
    prefix = BORROWED.split("{")[0]
    if how.startswith(prefix):
        return _(BORROWED).format(layout=how.removeprefix(prefix))
    return _(how)
