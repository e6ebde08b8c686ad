"""The slide deck (presentatie.pptx): fitted SlideSpecs drawn into a template with python-pptx.

python-pptx is imported here only. The template's own slides are removed, its masters, fonts
and colours kept; the zip is written with fixed timestamps so equal input gives equal bytes.
Slides and notes slides after the first of their kind are copies of python-pptx's first, as the
same XML: python-pptx's own way walks the layout, the notes master and every part each time.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..dutch import join
from ..glyphs import ARABIC_FAMILY, script_runs
from ..memo import Memo
from ..pack import Pack
from ..resources import data_dir
from ..template_check import KindMatch, check_template
from ..text import Inline, Span
from . import Rendered, build_timestamp
from .slides import (
    BULLET_INDENT,
    EMU_PER_INCH,
    EMU_PER_PT,
    GAP,
    LINE,
    TITLE_LINE,
    SlideSpec,
    numbers,
    outline,
)
from .zipped import archive

DARK, LIGHT = "1F2A33", "FFFFFF"
DEFAULT_ACCENT = "0E6A7E"
LANGUAGE = "nl-NL"
ARABIC_LANGUAGE = "ar-SA"
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # fixed, for equal bytes
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P14_SECTIONS = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML
_ESCAPED = re.compile(r"[\x00-\x08\x0b-\x1f]")  # python-pptx writes these as _xHHHH_
_NOTES_PREFIX = "/ppt/notesSlides/notesSlide"
_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
            '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>opvoedkit</Application><Slides>{slides}</Slides>"
            "<Notes>{slides}</Notes></Properties>")


# The XML of slides and notes slides already made in this process: slides by (template version,
# badge colour, slide number, slide spec without its notes), notes slides by (template version,
# notes text); everything their XML depends on. A batch makes the same exercise slides for every
# municipality, mostly with the same notes.
_KNOWN_SLIDES: Memo[tuple[object, ...], bytes] = Memo(1_000)
_KNOWN_NOTES: Memo[tuple[object, ...], bytes] = Memo(1_000)


def default_template() -> Path:
    """Our own 16:9 template."""
    return data_dir("templates") / "deck" / "default.pptx"


@cache
def _template_bytes(path: str, stamp: tuple[int, int]) -> bytes:
    return Path(path).read_bytes()


def _version(path: Path) -> tuple[str, int, int]:
    """A template file version: its path, modification time and size."""
    info = path.stat()
    return str(path.resolve()), info.st_mtime_ns, info.st_size


def _read(path: Path) -> bytes:
    """A template's bytes, read once per process and file version."""
    where, modified, size = _version(path)
    return _template_bytes(where, (modified, size))


def _a(tag: str) -> str:
    return f"{{{_A}}}{tag}"


def luminance(colour: str) -> float:
    """Relative luminance of #RRGGBB (WCAG 2)."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _sub(parent: Any, tag: str, **attributes: str) -> Any:
    """A new child element (like lxml's SubElement)."""
    child = parent.makeelement(tag, attributes)
    parent.append(child)
    return child


def _add_runs(paragraph: Any, text: str, *, colour: str | None = None,
              **attributes: str) -> None:
    """Runs for ``text`` at the end of a paragraph element, in logical order (PowerPoint and
    LibreOffice shape and order Arabic themselves). Arabic runs get their language and the
    complex-script font, so that both pick a font that has the glyphs."""
    for piece, arabic in script_runs(_CONTROL.sub("", text)):
        run = _sub(paragraph, _a("r"))
        props = _sub(run, _a("rPr"), lang=ARABIC_LANGUAGE if arabic else LANGUAGE, **attributes)
        if colour:
            _sub(_sub(props, _a("solidFill")), _a("srgbClr"), val=colour)
        if arabic:  # after the fill: the schema fixes the order of rPr's children
            _sub(props, _a("cs"), typeface=ARABIC_FAMILY)
        _sub(run, _a("t")).text = piece


def _write(shape: Any, rows: Sequence[tuple[Inline, str]], size: int, *, line: float = LINE,
           tab: float = 0.0, colour: str | None = None, centred: bool = False) -> None:
    """Replace a shape's paragraphs (``shape``: a placeholder's p:sp): (spans, style) rows with
    exact spacing, so the text takes the height slides.py measured, whatever the template's
    paragraph settings."""
    body = shape.get_or_add_txBody()  # what python-pptx's text_frame gives
    for old in body.findall(_a("p")):
        body.remove(old)
    for index, (spans, style) in enumerate(rows or [((), "plain")]):
        paragraph = _sub(body, _a("p"))
        margin = round({"bullets": BULLET_INDENT, "agenda": tab}.get(style, 0.0) * EMU_PER_PT)
        props = _sub(paragraph, _a("pPr"), marL=str(margin), indent=str(-margin),
                     **({"algn": "ctr"} if centred else {}))
        _sub(_sub(props, _a("lnSpc")), _a("spcPts"), val=str(round(line * size * 100)))
        _sub(_sub(props, _a("spcBef")), _a("spcPts"),
             val=str(round(GAP * size * 100) if index else 0))
        if style == "bullets":
            _sub(props, _a("buFont"), typeface="Arial")
            _sub(props, _a("buChar"), char="•")
        else:
            _sub(props, _a("buNone"))
        if style == "agenda":
            _sub(_sub(props, _a("tabLst")), _a("tab"), pos=str(margin), algn="l")
        for span in spans:
            _add_runs(paragraph, span.text, colour=colour, sz=str(size * 100),
                      **({"b": "1"} if span.bold else {}), **({"i": "1"} if span.italic else {}))


# By template version, then layout number: the placeholders python-pptx cloned for the first
# slide of that layout made in this process, as (idx, p:sp) in order.
_FORMS: dict[tuple[str, int, int], dict[int, list[tuple[int, Any]]]] = {}


class _Slides:
    """The slides of one presentation. The first slide of each layout in a process is made by
    python-pptx's add_slide, which clones the layout's placeholders; later slides of that layout
    get copies of those clones (the same XML: a new slide starts empty), instead of python-pptx
    walking the layout again with an XPath query per placeholder property."""

    def __init__(self, prs: Any, template: tuple[str, int, int]) -> None:
        self._prs = prs
        if template not in _FORMS and len(_FORMS) > 32:  # bounded, for a batch of templates
            _FORMS.clear()
        self._forms = _FORMS.setdefault(template, {})
        self._numbers: dict[int, Any] = {}  # by layout: its slide number placeholder or None

    def add(self, index: int, layout: Any) -> tuple[Any, list[tuple[int, Any]]]:
        """A new slide on ``layout`` (number ``index`` in the template), with its placeholders
        as (idx, element) in order, like python-pptx's ``slide.placeholders``."""
        form = self._forms.get(index)
        if form is None:
            slide = self._prs.slides.add_slide(layout)
            placed = [(shape.placeholder_format.idx, shape._element)
                      for shape in slide.placeholders]
            self._forms[index] = [(idx, copy.deepcopy(element)) for idx, element in placed]
            return slide, placed
        rid, slide = self._prs.part.add_slide(layout)
        tree = slide.shapes._spTree
        placed = []
        for idx, element in form:
            placed.append((idx, copy.deepcopy(element)))
            tree.append(placed[-1][1])  # where add_placeholder puts it: the tree has no extLst
        self._list(rid)
        return slide, placed

    def add_known(self, layout: Any, blob: bytes) -> Any:
        """A new slide on ``layout`` whose XML is known already; returns its part (a plain
        python-pptx Part with that blob, related just as add_slide relates a slide)."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.package import Part
        from pptx.opc.packuri import PackURI

        ids = self._prs.slides._sldIdLst
        presentation = self._prs.part
        part = Part(PackURI(f"/ppt/slides/slide{len(ids) + 1}.xml"), CT.PML_SLIDE,
                    presentation.package, blob)
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        self._list(presentation.relate_to(part, RT.SLIDE))
        return part

    def _list(self, rid: str) -> None:
        """Add the slide related as ``rid`` to the slide list, with the id python-pptx's
        add_sldId gives (the highest in the list plus one, from 256) without searching the
        list: the template's slides are gone, and ours are added in order."""
        ids = self._prs.slides._sldIdLst
        ids._add_sldId(id=256 + len(ids), rId=rid)

    def number_placeholder(self, index: int, layout: Any) -> Any:
        """The layout's slide number placeholder, or None."""
        from pptx.enum.shapes import PP_PLACEHOLDER

        if index not in self._numbers:
            self._numbers[index] = next(
                (placeholder for placeholder in layout.placeholders
                 if placeholder.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)
        return self._numbers[index]


def _fill(placed: list[tuple[int, Any]], spec: SlideSpec, match: KindMatch,
          badge_colour: str | None) -> list[tuple[int, Any]]:
    """Put a spec's text into the slide's placeholders ((idx, element) in order) and drop the
    placeholders left empty; return those kept."""
    shapes: dict[int, Any] = {}
    for idx, element in placed:
        shapes.setdefault(idx, element)  # the first with an idx, as slide.placeholders[idx]
    used = {match.title}
    _write(shapes[match.title], [((Span(spec.title),), "plain")], spec.title_size,
           line=TITLE_LINE)
    body, style = shapes[match.bodies[0]], spec.style
    rows: list[tuple[Inline, str]] = [(b, style) for b in spec.bullets]
    if spec.subtitle:
        lines = spec.subtitle.split("\n")
        # The municipality, first under the title of the title slide, stands out.
        rows = [((Span(text, bold=spec.kind == "title" and i == 0),), "plain")
                for i, text in enumerate(lines)]
    if spec.badge and match.badge is not None:
        _write(shapes[match.badge], [((Span(spec.badge, bold=True),), "plain")],
               spec.badge_size, colour=badge_colour, centred=True)
        used.add(match.badge)
    elif spec.badge:
        rows.insert(0, ((Span(spec.badge, bold=True),), "plain"))
    if rows:
        _write(body, rows, spec.text_size, tab=spec.tab)
        used.add(match.bodies[0])
    if spec.right and len(match.bodies) > 1:
        _write(shapes[match.bodies[1]], [(r, style) for r in spec.right], spec.text_size)
        used.add(match.bodies[1])
    kept = []
    for idx, element in placed:
        if idx in used:
            kept.append((idx, element))
        else:
            element.getparent().remove(element)
    return kept


def _slide_number(slide: Any, placeholder: Any, kept: list[tuple[int, Any]],
                  number: int) -> None:
    """Show the slide number in a copy of the layout's slide number ``placeholder`` (the
    handbook cites it); ``kept``: the slide's other placeholders."""
    from pptx.oxml.ns import qn

    slide.shapes.clone_placeholder(placeholder)
    idx = placeholder.placeholder_format.idx
    # As slide.placeholders[idx]: the first placeholder with that idx, most likely the new
    # one, which python-pptx puts after the slide's other shapes.
    new = slide.shapes._spTree.findall(qn("p:sp"))[-1]
    shape = next((element for i, element in kept if i == idx), new)
    body = shape.get_or_add_txBody()
    for old in body.findall(_a("p")):
        body.remove(old)
    paragraph = body.makeelement(_a("p"), {})
    field = paragraph.makeelement(_a("fld"), {"id": SLIDE_NUMBER_FIELD, "type": "slidenum"})
    field.append(field.makeelement(_a("rPr"), {"lang": LANGUAGE}))
    field.append(field.makeelement(_a("t"), {}))
    field[-1].text = str(number)
    paragraph.append(field)
    body.append(paragraph)


class _Notes:
    """The notes slides of one presentation. The first is made by python-pptx (which also
    creates the notes master when the template has none); the others are copies of that first,
    still empty, notes slide, related just like python-pptx relates them. Their part names are
    counted here: python-pptx would walk every part of the package for each one."""

    def __init__(self) -> None:
        self._form: Any = None  # the empty notes slide (p:notes)
        self._body = 0  # the index of its body placeholder in p:spTree
        self._master: Any = None
        self._names: set[str] = set()

    def add(self, slide_part: Any, text: str) -> Any:
        """Give a slide its notes slide with ``text`` in the body placeholder; returns its
        part."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesSlidePart

        if self._form is None:
            notes = slide_part.notes_slide
            part = notes.part
            body = notes.notes_placeholder._element
            tree = body.getparent()
            self._form = copy.deepcopy(notes._element)
            self._body = tree.index(body)
            self._master = part.part_related_by(RT.NOTES_MASTER)
            self._names = {other.partname for other in part.package.iter_parts()
                           if other.partname.startswith(_NOTES_PREFIX)}
        else:
            element = copy.deepcopy(self._form)
            body = element.cSld.spTree[self._body]
            part = NotesSlidePart(PackURI(self._next_name()), CT.PML_NOTES_SLIDE,
                                  slide_part.package, element)
            self._relate(part, slide_part)
        _write_notes(body.txBody, text)
        return part

    @property
    def started(self) -> bool:
        """Whether python-pptx made the first notes slide (and the notes master) already."""
        return self._form is not None

    def add_known(self, slide_part: Any, blob: bytes) -> Any:
        """Give a slide a notes slide whose XML is known already; returns its part."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.package import Part
        from pptx.opc.packuri import PackURI

        part = Part(PackURI(self._next_name()), CT.PML_NOTES_SLIDE, slide_part.package, blob)
        self._relate(part, slide_part)
        return part

    def _next_name(self) -> str:
        """The part name python-pptx's next_partname would give: the highest free number up
        to one more than the notes slides already there."""
        for number in range(len(self._names) + 1, 0, -1):
            name = f"{_NOTES_PREFIX}{number}.xml"
            if name not in self._names:
                break
        self._names.add(name)
        return name

    def _relate(self, part: Any, slide_part: Any) -> None:
        """Relate a notes slide as python-pptx does: to the master, to its slide and back."""
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT

        part.relate_to(self._master, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)


def _write_notes(body: Any, text: str) -> None:
    """The notes text, a paragraph per line, as python-pptx's ``text_frame.text`` writes it
    (other control characters as _xHHHH_), in runs with a language (and font) per script."""
    for old in body.findall(_a("p")):
        body.remove(old)
    for line in _CONTROL.sub("", text).split("\n"):
        paragraph = _sub(body, _a("p"))
        if line:
            _add_runs(paragraph, _ESCAPED.sub(lambda m: f"_x{ord(m.group()):04X}_", line))


@cache
def _image_size(path: str, stamp: tuple[int, int]) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as image:
        return image.size


def _logo(prs: Any, slide: Any, path: Path, municipality: str) -> None:
    """The logo in the top right corner of the title slide, at most 2.6 × 1.0 in."""
    info = path.stat()
    width, height = _image_size(str(path), (info.st_mtime_ns, info.st_size))
    scale = min(2.6 * EMU_PER_INCH / width, 1.0 * EMU_PER_INCH / height)
    cx, cy = round(width * scale), round(height * scale)
    left = prs.slide_width - cx - round(0.6 * EMU_PER_INCH)
    picture = slide.shapes.add_picture(str(path), left, round(0.4 * EMU_PER_INCH), cx, cy)
    picture.name = "Logo"
    picture._element.nvPicPr.cNvPr.set("descr", f"Logo van {municipality}")


def _remove_slides(prs: Any) -> None:
    """Drop the template's own slides: the sldId, the relationship, and every other link to
    them (sections, custom shows, outline view), so that no part of them is saved."""
    part, ids = prs.part, prs.slides._sldIdLst
    removed = set()
    for slide_id in list(ids):
        removed.add(part.related_part(slide_id.rId))
        ids.remove(slide_id)
        part.drop_rel(slide_id.rId)
    if not removed:
        return
    root = part._element
    for element in root.findall(f"{{{root.nsmap['p']}}}custShowLst"):
        root.remove(element)
    for ext in root.iterfind(".//{*}ext"):
        if ext.get("uri") == _P14_SECTIONS:
            ext.getparent().remove(ext)
    for other in list(part.package.iter_parts()):
        dropped = {rid for rid, rel in other.rels.items()
                   if not rel.is_external and rel.target_part in removed}
        element = getattr(other, "_element", None)
        for rid in dropped:
            other.rels.pop(rid)
            for node in list(element.iter()) if element is not None else []:
                if node.get(f"{{{_R}}}id") == rid and node.getparent() is not None:
                    node.getparent().remove(node)


def _brand(prs: Any, colour: str | None) -> str:
    """Set our template's accent colour (theme accent1); return the badge text colour."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.oxml import serialize_part_xml
    from pptx.oxml import parse_xml

    accent = (colour or DEFAULT_ACCENT).lstrip("#").upper()
    if colour:
        theme = prs.slide_master.part.part_related_by(RT.THEME)
        root = parse_xml(theme.blob)
        for node in root.iterfind(f".//{_a('accent1')}/{_a('srgbClr')}"):
            node.set("val", accent)
        theme._blob = serialize_part_xml(root)
    # A light brand colour gets dark badge text: contrast stays at least 4.5:1.
    return LIGHT if contrast(accent, LIGHT) >= 4.5 else DARK


def _properties(prs: Any, pack: Pack, stamp: dt.datetime, slides: int) -> None:
    """Core and app properties: ours, not the template's or python-pptx's."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    props = prs.core_properties
    props.title = f"{pack.title} – {pack.municipality}"
    props.subject = "Bijeenkomst over formele en informele opvoedondersteuning"
    props.author = join([f.name for f in pack.facilitators]) or "opvoedkit"
    props.last_modified_by = "opvoedkit"
    props.keywords = f"opvoedondersteuning; samenwerking; {pack.municipality}"
    props.comments = f"Gemaakt met opvoedkit {pack.version}"
    props.category = "Presentatie"
    props.language = LANGUAGE
    props.identifier = props.content_status = props.version = ""
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    package = prs.part.package
    for rid, rel in list(package._rels.items()):  # python-pptx has no API for these parts
        if rel.reltype == RT.THUMBNAIL:  # a picture of the template's first slide
            package.drop_rel(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML.format(slides=slides).encode()


def _zip(entries: dict[str, bytes], stamp: dt.datetime) -> bytes:
    """A zip of ``entries`` with fixed entry times and attributes, [Content_Types].xml first."""
    when = max(stamp, dt.datetime(1980, 1, 1)).timetuple()[:6]  # zip dates start in 1980
    names = sorted(entries, key=lambda n: (n != "[Content_Types].xml", n))
    return archive(((name, entries[name]) for name in names), when)


class _Entries(dict[str, bytes]):
    """Stands in for python-pptx's zip writer: keeps each item's bytes under its zip name."""

    def write(self, uri: Any, blob: bytes) -> None:
        self[uri.membername] = blob


def _package(prs: Any) -> dict[str, bytes]:
    """Every item python-pptx's ``save`` would put in the zip, by name, without zipping: the
    zip is written once, by _zip, instead of compressed twice and read back once."""
    from pptx.opc.serialized import PackageWriter

    package = prs.part.package
    parts = tuple(package.iter_parts())
    writer = PackageWriter(io.BytesIO(), package._rels, parts)
    entries: Any = _Entries()  # python-pptx types this as its _PhysPkgWriter
    writer._write_content_types_stream(entries)
    writer._write_pkg_rels(entries)
    for part in parts:  # as writer._write_parts, with remembered relationship items
        entries.write(part.partname, part.blob)
        if part._rels:
            entries.write(part.partname.rels_uri, _rels_xml(part))
    return dict(entries)


# A part's relationships item (its .rels XML), by its name and relationships: most come back in
# every deck (a slide's to its layout and notes, a layout's to its master).
_KNOWN_RELS: Memo[tuple[object, ...], bytes] = Memo(2_000)


def _rels_xml(part: Any) -> bytes:
    """The XML of a part's relationships, as python-pptx writes it."""
    key = (part.partname, *((rId, rel.reltype, rel.is_external, rel.target_ref
                             if rel.is_external else rel.target_part.partname)
                            for rId, rel in part.rels.items()))
    xml = _KNOWN_RELS.get(key)
    if xml is None:
        xml = _KNOWN_RELS.put(key, part.rels.xml)
    return xml


def render(pack: Pack, path: Path) -> Rendered:
    """Write the deck for a pack to ``path``."""
    from pptx import Presentation

    template = pack.template or default_template()
    report = check_template(template)
    specs = outline(pack, report.frames())
    prs = Presentation(io.BytesIO(_read(template)))
    _remove_slides(prs)
    badge_colour = _brand(prs, pack.colour) if pack.template is None else None
    layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    version = _version(template)
    slides, notes = _Slides(prs, version), _Notes()
    made: list[tuple[Memo[tuple[object, ...], bytes], tuple[object, ...], Any]] = []
    for number, spec in enumerate(specs, start=1):
        match = report.match(spec.kind)
        layout = layouts[match.layout]
        # The title slide carries the logo (and the municipality): always made anew; and it is
        # the first, whose notes slide python-pptx makes (with the notes master), which needs
        # a python-pptx slide.
        slide_key = (version, badge_colour, number, dataclasses.replace(spec, notes=""))
        known = _KNOWN_SLIDES.get(slide_key) if spec.kind != "title" and notes.started \
            else None
        if known is not None:
            part = slides.add_known(layout, known)
        else:
            slide, placed = slides.add(match.layout, layout)
            kept = _fill(placed, spec, match, badge_colour)
            if spec.kind == "title" and pack.logo:
                _logo(prs, slide, pack.logo, pack.municipality)
            placeholder = slides.number_placeholder(match.layout, layout)
            if spec.kind != "title" and placeholder is not None:
                _slide_number(slide, placeholder, kept, number)
            part = slide.part
            if spec.kind != "title":
                made.append((_KNOWN_SLIDES, slide_key, part))
        notes_key = (version, spec.notes)
        known = _KNOWN_NOTES.get(notes_key) if notes.started else None
        if known is not None:
            notes.add_known(part, known)
        else:
            made.append((_KNOWN_NOTES, notes_key, notes.add(part, spec.notes)))
    stamp = build_timestamp(pack.date)
    _properties(prs, pack, stamp, len(specs))
    entries = _package(prs)
    path.write_bytes(_zip(entries, stamp))
    for known_xml, key, made_part in made:
        known_xml.put(key, entries[made_part.partname.membername])
    return Rendered("deck", path, len(specs), numbers(specs))
