"""The slide deck (presentatie.pptx): fitted SlideSpecs drawn into a template with python-pptx.

python-pptx is imported here only. The template's own slides are removed, its masters, fonts
and colours kept; the zip is rewritten with fixed timestamps so equal input gives equal bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..compose import Pack
from ..dutch import join
from ..glyphs import ARABIC_FAMILY, script_runs
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

DARK, LIGHT = "1F2A33", "FFFFFF"
DEFAULT_ACCENT = "0E6A7E"
LANGUAGE = "nl-NL"
ARABIC_LANGUAGE = "ar-SA"
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # fixed, for equal bytes
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P14_SECTIONS = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML
_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
            '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>opvoedkit</Application><Slides>{slides}</Slides>"
            "<Notes>{slides}</Notes></Properties>")


def default_template() -> Path:
    """Our own 16:9 template."""
    return data_dir("templates") / "deck" / "default.pptx"


@cache
def _template_bytes(path: str, stamp: tuple[int, int]) -> bytes:
    return Path(path).read_bytes()


def _read(path: Path) -> bytes:
    """A template's bytes, read once per process and file version."""
    info = path.stat()
    return _template_bytes(str(path.resolve()), (info.st_mtime_ns, info.st_size))


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
    """Replace a shape's paragraphs: (spans, style) rows with exact spacing, so the text takes
    the height slides.py measured, whatever the template's paragraph settings."""
    body = shape.text_frame._txBody
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


def _fill(slide: Any, spec: SlideSpec, match: KindMatch, badge_colour: str | None) -> None:
    """Put a spec's text into the slide's placeholders and drop the placeholders left empty."""
    used = {match.title}
    _write(slide.placeholders[match.title], [((Span(spec.title),), "plain")], spec.title_size,
           line=TITLE_LINE)
    body, style = slide.placeholders[match.bodies[0]], spec.style
    rows: list[tuple[Inline, str]] = [(b, style) for b in spec.bullets]
    if spec.subtitle:
        lines = spec.subtitle.split("\n")
        # The municipality, first under the title of the title slide, stands out.
        rows = [((Span(text, bold=spec.kind == "title" and i == 0),), "plain")
                for i, text in enumerate(lines)]
    if spec.badge and match.badge is not None:
        _write(slide.placeholders[match.badge], [((Span(spec.badge, bold=True),), "plain")],
               spec.badge_size, colour=badge_colour, centred=True)
        used.add(match.badge)
    elif spec.badge:
        rows.insert(0, ((Span(spec.badge, bold=True),), "plain"))
    if rows:
        _write(body, rows, spec.text_size, tab=spec.tab)
        used.add(match.bodies[0])
    if spec.right and len(match.bodies) > 1:
        _write(slide.placeholders[match.bodies[1]], [(r, style) for r in spec.right],
               spec.text_size)
        used.add(match.bodies[1])
    for placeholder in list(slide.placeholders):
        if placeholder.placeholder_format.idx not in used:
            placeholder._element.getparent().remove(placeholder._element)


def _slide_number(slide: Any, layout: Any, number: int) -> None:
    """Show the slide number where the layout has a place for it (the handbook cites it)."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            slide.shapes.clone_placeholder(placeholder)
            shape = slide.placeholders[placeholder.placeholder_format.idx]
            body = shape.text_frame._txBody
            for old in body.findall(_a("p")):
                body.remove(old)
            paragraph = body.makeelement(_a("p"), {})
            field = paragraph.makeelement(_a("fld"), {"id": SLIDE_NUMBER_FIELD,
                                                      "type": "slidenum"})
            field.append(field.makeelement(_a("rPr"), {"lang": LANGUAGE}))
            field.append(field.makeelement(_a("t"), {}))
            field[-1].text = str(number)
            paragraph.append(field)
            body.append(paragraph)
            return


def _notes(slide: Any, text: str) -> None:
    frame = slide.notes_slide.notes_text_frame
    frame.text = _CONTROL.sub("", text)
    for paragraph in frame.paragraphs:
        runs = paragraph._p.findall(_a("r"))
        line = "".join(run.findtext(_a("t")) or "" for run in runs)
        for run in runs:  # written again, with a language (and font) per script
            paragraph._p.remove(run)
        if line:
            _add_runs(paragraph._p, line)


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


def reproducible_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip with fixed entry times and attributes, [Content_Types].xml first."""
    when = max(stamp, dt.datetime(1980, 1, 1)).timetuple()[:6]  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name))
    return out.getvalue()


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
    for number, spec in enumerate(specs, start=1):
        match = report.match(spec.kind)
        layout = layouts[match.layout]
        slide = prs.slides.add_slide(layout)
        _fill(slide, spec, match, badge_colour)
        if spec.kind == "title" and pack.logo:
            _logo(prs, slide, pack.logo, pack.municipality)
        if spec.kind != "title":
            _slide_number(slide, layout, number)
        _notes(slide, spec.notes)
    stamp = build_timestamp(pack.date)
    _properties(prs, pack, stamp, len(specs))
    buffer = io.BytesIO()
    prs.save(buffer)
    path.write_bytes(reproducible_zip(buffer.getvalue(), stamp))
    return Rendered("deck", path, len(specs), numbers(specs))
