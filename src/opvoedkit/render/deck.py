"""The slide deck (presentatie.pptx): the layout stage's outline drawn into a template with
python-pptx.

Every slide's text and size is decided by the layout (opvoedkit.layout); this module only draws it.

python-pptx is imported here only, and used through its public API; what it has no API for
goes through pptx_adapter. The template's own slides, thumbnail, macros and external links are
dropped, its masters, fonts and colours kept; python-pptx saves the deck, and the zip is then
written again with fixed timestamps, so equal input gives equal bytes.
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

from ..dutch import join
from ..geometry import (
    BULLET_INDENT,
    EMU_PER_INCH,
    EMU_PER_PT,
    GAP,
    INSET_X,
    INSET_Y,
    LINE,
    TITLE_LINE,
    contrast,
    luminance,
)
from ..glyphs import ARABIC_FAMILY, script_runs
from ..layout import Layout, SlideSpec
from ..layout.shapes import Shape
from ..pack import Pack
from ..resources import data_dir
from ..template_check import KindMatch, TemplateReport, check_template
from ..text import Inline, Span
from . import Rendered, build_timestamp
from . import pptx_adapter as adapter

__all__ = ["contrast", "default_template", "luminance", "render", "reproducible_zip", "shorten"]

DARK, LIGHT = "1F2A33", "FFFFFF"
DEFAULT_ACCENT = "0E6A7E"
LANGUAGE = "nl-NL"
ARABIC_LANGUAGE = "ar-SA"
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # fixed, for equal bytes
PROPERTY_LIMIT = 255  # python-pptx refuses longer core properties (title, author, ...)
ZIP_FIRST = dt.datetime(1980, 1, 1)  # the range a zip entry's date can hold
ZIP_LAST = dt.datetime(2107, 12, 31, 23, 59, 58)
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
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
    the height the layout measured, whatever the template's paragraph settings."""
    body = adapter.element(shape.text_frame)
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
        if spec.body is not None:  # the text frame made room for a diagram
            body.left, body.top, body.width, body.height = (spec.body.left, spec.body.top,
                                                            spec.body.width, spec.body.height)
        _write(body, rows, spec.text_size, tab=spec.tab)
        used.add(match.bodies[0])
    if spec.right and len(match.bodies) > 1:
        _write(slide.placeholders[match.bodies[1]], [(r, style) for r in spec.right],
               spec.text_size)
        used.add(match.bodies[1])
    for placeholder in list(slide.placeholders):
        if placeholder.placeholder_format.idx not in used:
            shape = adapter.element(placeholder)
            shape.getparent().remove(shape)
    # Reading order is the order of the shape tree: the title first, whatever the layout's.
    title = adapter.element(slide.placeholders[match.title])
    tree = title.getparent()
    tree.remove(title)
    tree.insert(2, title)  # after the tree's own nvGrpSpPr and grpSpPr


class _Palette:
    """The template's theme colours (the brand colour as accent when set), as the fills and
    text colours of diagram shapes: text dark or light, whichever contrasts more."""

    def __init__(self, report: TemplateReport, brand: str | None, user_template: bool) -> None:
        self.accent = (brand or report.colour("accent1", DEFAULT_ACCENT)).lstrip("#").upper()
        # Our template takes the brand colour into its theme; a user's theme stays theirs.
        self.brand = self.accent if brand and user_template else None
        self.dark = report.colour("dk1", DARK)
        self.light = report.colour("lt1", LIGHT)
        self.fills = {"accent": self.accent, "light": report.colour("lt2", "EDF2F4"),
                      "plain": self.light, "muted": report.colour("dk2", "3C4A55"),
                      "none": self.light}

    def text(self, fill: str) -> str:
        """The text colour for a fill role."""
        ground = self.fills[fill]
        return max((self.dark, self.light), key=lambda c: contrast(c, ground))

    def paint(self, fill: Any, role: str) -> None:
        """Fill (or line colour) ``fill`` with a colour role, as a theme colour if it is one."""
        from pptx.dml.color import RGBColor
        from pptx.enum.dml import MSO_THEME_COLOR

        if role == "accent" and self.brand:
            fill.rgb = RGBColor.from_string(self.brand)  # type: ignore[no-untyped-call]
            return
        fill.theme_color = {"accent": MSO_THEME_COLOR.ACCENT_1,
                            "light": MSO_THEME_COLOR.BACKGROUND_2,
                            "plain": MSO_THEME_COLOR.BACKGROUND_1,
                            "muted": MSO_THEME_COLOR.TEXT_2}[role]


def _draw(slide: Any, shapes: Sequence[Shape], palette: _Palette) -> None:
    """A diagram's native shapes, in order: editable autoshapes, text boxes and connectors."""
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Pt

    presets = {"rect": MSO_SHAPE.RECTANGLE, "roundRect": MSO_SHAPE.ROUNDED_RECTANGLE,
               "ellipse": MSO_SHAPE.OVAL}
    for index, item in enumerate(shapes, start=1):
        box = item.box
        if item.geometry == "line":
            line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, box.left, box.top,
                                              box.left + box.width, box.top + box.height)
            line.name = f"{item.name} {index}"
            palette.paint(line.line.color, item.outline if item.outline != "none" else "muted")
            line.line.width = Pt(2)
            if item.arrow:
                adapter.arrow_head(line)
            continue
        if item.geometry == "text":
            shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
        else:
            shape = slide.shapes.add_shape(presets[item.geometry], box.left, box.top,
                                           box.width, box.height)
            adapter.drop_style(shape)  # the theme's shadow and font colour are not ours
            if item.fill == "none":
                shape.fill.background()
            else:
                shape.fill.solid()
                palette.paint(shape.fill.fore_color, item.fill)
            if item.outline == "none":
                shape.line.fill.background()
            else:
                palette.paint(shape.line.color, item.outline)
                shape.line.width = Pt(1.5)
                if item.dashed:
                    from pptx.enum.dml import MSO_LINE_DASH_STYLE

                    shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        shape.name = f"{item.name} {index}"
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = None
        frame.margin_left = frame.margin_right = Pt(INSET_X)
        frame.margin_top = frame.margin_bottom = Pt(INSET_Y)
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE if item.anchor == "ctr" else MSO_ANCHOR.TOP
        if item.paras:
            _write(shape, [(p, "plain") for p in item.paras], item.size,
                   colour=palette.text(item.fill), centred=item.align == "ctr")


def _dutch_masters(prs: Any) -> None:
    """Every run and default of the masters, layouts and notes master in Dutch (python-pptx's
    notes master and many templates say en-US); Arabic runs keep their language."""
    from pptx.opc.constants import CONTENT_TYPE as CT

    kinds = frozenset({CT.PML_SLIDE_MASTER, CT.PML_SLIDE_LAYOUT, CT.PML_NOTES_MASTER})
    for root in adapter.xml_roots(prs, kinds):
        for node in root.iter(_a("rPr"), _a("endParaRPr"), _a("defRPr")):
            if node.get("lang") != ARABIC_LANGUAGE:
                node.set("lang", LANGUAGE)


def _slide_number(slide: Any, layout: Any, number: int) -> None:
    """Show the slide number where the layout has a place for it (the handbook cites it)."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            slide.shapes.clone_placeholder(placeholder)
            shape = slide.placeholders[placeholder.placeholder_format.idx]
            body = adapter.element(shape.text_frame)
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
    """The speaker notes, a paragraph per line, each run with its script's language (and
    font); python-pptx makes the notes slide (and a notes master if the template has none)."""
    frame = slide.notes_slide.notes_text_frame
    frame.text = _CONTROL.sub("", text)
    for paragraph in frame.paragraphs:
        element = adapter.element(paragraph)
        runs = element.findall(_a("r"))
        line = "".join(run.findtext(_a("t")) or "" for run in runs)
        for run in runs:  # written again, with a language (and font) per script
            element.remove(run)
        if line:
            _add_runs(element, line)


@cache
def _image_size(path: str, stamp: tuple[int, int]) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as image:
        return image.size


def _logo(prs: Any, slide: Any, path: Path, owner: str) -> None:
    """The logo in the top right corner of the title slide, at most 2.6 × 1.0 in, with alt
    text that says whose logo it is (python-pptx would give its file name)."""
    info = path.stat()
    width, height = _image_size(str(path), (info.st_mtime_ns, info.st_size))
    scale = min(2.6 * EMU_PER_INCH / width, 1.0 * EMU_PER_INCH / height)
    cx, cy = round(width * scale), round(height * scale)
    left = prs.slide_width - cx - round(0.6 * EMU_PER_INCH)
    picture = slide.shapes.add_picture(str(path), left, round(0.4 * EMU_PER_INCH), cx, cy)
    picture.name = "Logo"
    adapter.set_alt_text(picture, f"Logo van {owner}")


def _brand(prs: Any, colour: str | None) -> str:
    """Set our template's accent colour (theme accent1); return the badge text colour."""
    from lxml import etree  # type: ignore[import-untyped]  # python-pptx builds on lxml
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    accent = (colour or DEFAULT_ACCENT).lstrip("#").upper()
    if colour:
        theme = prs.slide_master.part.part_related_by(RT.THEME)
        parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
        root = etree.fromstring(theme.blob, parser)
        for node in root.iterfind(f".//{_a('accent1')}/{_a('srgbClr')}"):
            node.set("val", accent)
        theme.blob = etree.tostring(root, encoding="UTF-8", standalone=True)
    # A light brand colour gets dark badge text: contrast stays at least 4.5:1.
    return LIGHT if contrast(accent, LIGHT) >= 4.5 else DARK


def shorten(text: str, limit: int = PROPERTY_LIMIT) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut.strip():
        cut = cut[:cut.rstrip().rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def _properties(prs: Any, pack: Pack, stamp: dt.datetime, slides: int) -> None:
    """Core and app properties: ours, not the template's or python-pptx's. Long names are
    shortened (the properties hold 255 characters); the slides keep the full text."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    props = prs.core_properties
    props.title = shorten(f"{pack.title} – {pack.municipality}")
    props.subject = "Bijeenkomst over formele en informele opvoedondersteuning"
    props.author = shorten(join([f.name for f in pack.facilitators]) or "opvoedkit")
    props.last_modified_by = "opvoedkit"
    props.keywords = shorten(f"opvoedondersteuning; samenwerking; {pack.municipality}")
    props.comments = f"Gemaakt met opvoedkit {pack.version}"
    props.category = "Presentatie"
    props.language = LANGUAGE
    props.identifier = props.content_status = props.version = ""
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    try:
        app = prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    except KeyError:  # a template without app.xml: python-pptx writes none either
        return
    app.blob = _APP_XML.format(slides=slides).encode()


def reproducible_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip with fixed entry times and attributes, [Content_Types].xml first. Entry
    dates are kept inside what a zip can hold (1980 to 2107)."""
    when = min(max(stamp, ZIP_FIRST), ZIP_LAST).timetuple()[:6]
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


def render(pack: Pack, path: Path, layout: Layout) -> Rendered:
    """Write the deck for a pack, as laid out on its template's frames, to ``path``."""
    from pptx import Presentation

    template = pack.template or default_template()
    report = check_template(template)
    specs = layout.slides
    prs = Presentation(io.BytesIO(_read(template)))
    adapter.remove_slides(prs)
    adapter.drop_template_extras(prs)
    badge_colour = _brand(prs, pack.colour) if pack.template is None else None
    slide_layouts = [lay for master in prs.slide_masters for lay in master.slide_layouts]
    # The logo is the organisation's that runs the meeting, when the session names one.
    owner = next((f.organisation for f in pack.facilitators if f.organisation),
                 pack.municipality)
    palette = _Palette(report, pack.colour, pack.template is not None)
    for number, spec in enumerate(specs, start=1):
        match = report.match(spec.kind)
        slide_layout = slide_layouts[match.layout]
        slide = prs.slides.add_slide(slide_layout)
        _fill(slide, spec, match, badge_colour)
        _draw(slide, spec.shapes, palette)
        if spec.kind == "title" and pack.logo:
            _logo(prs, slide, pack.logo, owner)
        if spec.kind != "title":
            _slide_number(slide, slide_layout, number)
        _notes(slide, spec.notes)
    _dutch_masters(prs)
    stamp = build_timestamp(pack.date)
    _properties(prs, pack, stamp, len(specs))
    buffer = io.BytesIO()
    prs.save(buffer)
    path.write_bytes(reproducible_zip(buffer.getvalue(), stamp))
    return Rendered("deck", path, len(specs), layout.slide_numbers)
