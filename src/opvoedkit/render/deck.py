"""The slide deck (presentatie.pptx): the layout stage's outline drawn into a template with
python-pptx.

Every slide's text and size is decided by the layout (opvoedkit.layout); this module only draws it.

python-pptx is imported here only, and used through its public API; what it has no API for
goes through pptx_adapter. The template's own slides, thumbnail, macros and external links are
dropped, its masters, fonts and colours kept; python-pptx saves the deck, and the zip is then
written again with fixed timestamps, so equal input gives equal bytes. A template is opened as
template_check opens it: a .potx as the .pptx it otherwise is, placeholders that share an idx
(LibreOffice) numbered apart. On a user's template the brand colour fills the diagrams' accent
shapes and the time badges; the rest keeps the template's theme (template_warnings says so).
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
from ..template_check import (
    KindMatch,
    TemplateReport,
    check_template,
    number_placeholders,
    template_bytes,
)
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
_P_CNVPR = "{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML
_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
            '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>opvoedkit</Application><Slides>{slides}</Slides>"
            "<Notes>{slides}</Notes></Properties>")


def default_template() -> Path:
    """Our own 16:9 template."""
    return data_dir("templates") / "deck" / "default.pptx"


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
    _write_body(adapter.element(shape.text_frame), rows, size, line=line, tab=tab,
                colour=colour, centred=centred)


def _write_body(body: Any, rows: Sequence[tuple[Inline, str]], size: int, *,
                line: float = LINE, tab: float = 0.0, colour: str | None = None,
                centred: bool = False) -> None:
    """Replace the paragraphs of a ``p:txBody`` element (see ``_write``)."""
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


def _fill(slide: Any, spec: SlideSpec, match: KindMatch, badge_colour: str | None,
          badge_fill: str | None = None) -> None:
    """Put a spec's text into the slide's placeholders and drop the placeholders left empty;
    a badge gets ``badge_fill`` (the brand colour on a user's template) if given."""
    # Each placeholder looked up once (python-pptx's slide.placeholders[idx] reads every
    # placeholder's idx on each lookup); the first with an idx is the one [idx] gives.
    shapes = [(p.placeholder_format.idx, p) for p in slide.placeholders]
    placeholders: dict[int, Any] = {}
    for idx, placeholder in shapes:
        placeholders.setdefault(idx, placeholder)
    used = {match.title}
    _write(placeholders[match.title], [((Span(spec.title),), "plain")], spec.title_size,
           line=TITLE_LINE)
    body, style = placeholders[match.bodies[0]], spec.style
    rows: list[tuple[Inline, str]] = [(b, style) for b in spec.bullets]
    if spec.subtitle:
        lines = spec.subtitle.split("\n")
        # The municipality, first under the title of the title slide, stands out.
        rows = [((Span(text, bold=spec.kind == "title" and i == 0),), "plain")
                for i, text in enumerate(lines)]
    if spec.badge and match.badge is not None:
        badge = placeholders[match.badge]
        _write(badge, [((Span(spec.badge, bold=True),), "plain")], spec.badge_size,
               colour=badge_colour, centred=True)
        if badge_fill:
            from pptx.dml.color import RGBColor

            badge.fill.solid()
            badge.fill.fore_color.rgb = RGBColor(*bytes.fromhex(badge_fill))  # type: ignore[no-untyped-call]
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
        _write(placeholders[match.bodies[1]], [(r, style) for r in spec.right],
               spec.text_size)
        used.add(match.bodies[1])
    for idx, placeholder in shapes:
        if idx not in used:
            shape = adapter.element(placeholder)
            shape.getparent().remove(shape)
    # Reading order is the order of the shape tree: the title first, whatever the layout's.
    title = adapter.element(placeholders[match.title])
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
        # Worked out once: a diagram asks for every shape with text.
        self.texts = {fill: max((self.dark, self.light), key=lambda c: contrast(c, ground))
                      for fill, ground in self.fills.items()}

    def text(self, fill: str) -> str:
        """The text colour for a fill role."""
        return self.texts[fill]

    def colour(self, role: str) -> str:
        """A colour role as DrawingML: the theme's colour (so that a change of theme recolours
        the diagram), or the brand colour on a user's template."""
        if role == "accent" and self.brand:
            return f'<a:srgbClr val="{self.brand}"/>'
        scheme = {"accent": "accent1", "light": "bg2", "plain": "bg1", "muted": "tx2"}[role]
        return f'<a:schemeClr val="{scheme}"/>'


_PRESETS = {"rect": "rect", "roundRect": "roundRect", "ellipse": "ellipse", "text": "rect"}
_NS = f'xmlns:a="{_A}" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'


def _xfrm(left: int, top: int, width: int, height: int) -> str:
    flips = (' flipH="1"' if width < 0 else "") + (' flipV="1"' if height < 0 else "")
    return (f'<a:xfrm{flips}><a:off x="{min(left, left + width)}" '
            f'y="{min(top, top + height)}"/><a:ext cx="{abs(width)}" cy="{abs(height)}"/>'
            "</a:xfrm>")


def _shape_xml(item: Shape, shape_id: int, palette: _Palette) -> str:
    """One diagram shape as PresentationML: an autoshape, a text box or a connector."""
    from xml.sax.saxutils import quoteattr

    box, name = item.box, quoteattr(f"{item.name} {shape_id}")
    geometry = _xfrm(box.left, box.top, box.width, box.height)
    if item.geometry == "line":
        head = '<a:tailEnd type="triangle" w="med" len="med"/>' if item.arrow else ""
        role = item.outline if item.outline != "none" else "muted"
        return (f'<p:cxnSp {_NS}><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name={name}/>'
                "<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>"
                f'<p:spPr>{geometry}<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
                f'<a:ln w="25400"><a:solidFill>{palette.colour(role)}</a:solidFill>{head}'
                "</a:ln></p:spPr></p:cxnSp>")
    fill = ("<a:noFill/>" if item.fill == "none" or item.geometry == "text"
            else f"<a:solidFill>{palette.colour(item.fill)}</a:solidFill>")
    dash = '<a:prstDash val="dash"/>' if item.dashed else ""
    outline = ("<a:ln><a:noFill/></a:ln>" if item.outline == "none" else
               f'<a:ln w="19050"><a:solidFill>{palette.colour(item.outline)}</a:solidFill>'
               f"{dash}</a:ln>")
    text_box = ' txBox="1"' if item.geometry == "text" else ""
    anchor = "ctr" if item.anchor == "ctr" else "t"
    inset_x, inset_y = round(INSET_X * EMU_PER_PT), round(INSET_Y * EMU_PER_PT)
    return (f'<p:sp {_NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name={name}/>'
            f"<p:cNvSpPr{text_box}/><p:nvPr/></p:nvSpPr>"
            f'<p:spPr>{geometry}<a:prstGeom prst="{_PRESETS[item.geometry]}"><a:avLst/>'
            f"</a:prstGeom>{fill}{outline}</p:spPr>"
            f'<p:txBody><a:bodyPr wrap="square" lIns="{inset_x}" tIns="{inset_y}" '
            f'rIns="{inset_x}" bIns="{inset_y}" rtlCol="0" anchor="{anchor}"><a:noAutofit/>'
            "</a:bodyPr><a:lstStyle/></p:txBody></p:sp>")


def _next_shape_id(tree: Any) -> int:
    """One more than the highest shape id (``//p:cNvPr/@id``) in a slide's XML, read without
    compiling that XPath for every slide."""
    ids = (node.get("id") for node in tree.getroottree().iter(_P_CNVPR))
    return 1 + max((int(v) for v in ids if v is not None), default=1)


def _draw(slide: Any, shapes: Sequence[Shape], palette: _Palette) -> None:
    """A diagram's native shapes, in order after the placeholders: editable autoshapes, text
    boxes and connectors. Written as XML into the slide's shape tree (python-pptx's add_shape
    looks for a free shape id among all shapes on every call: 2 of 3 s of a full-day deck)."""
    from pptx.oxml import parse_xml

    if not shapes:
        return
    tree = adapter.element(slide.shapes)
    next_id = _next_shape_id(tree)
    for number, item in enumerate(shapes):
        element = parse_xml(_shape_xml(item, next_id + number, palette))
        if item.paras:
            _write_body(element.find(f"{{{element.nsmap['p']}}}txBody"),
                        [(p, "plain") for p in item.paras], item.size,
                        colour=palette.text(item.fill), centred=item.align == "ctr")
        tree.append(element)


def _dutch_masters(prs: Any) -> None:
    """Every run and default of the masters, layouts and notes master in Dutch (python-pptx's
    notes master and many templates say en-US); Arabic runs keep their language."""
    from pptx.opc.constants import CONTENT_TYPE as CT

    kinds = frozenset({CT.PML_SLIDE_MASTER, CT.PML_SLIDE_LAYOUT, CT.PML_NOTES_MASTER})
    for root in adapter.xml_roots(prs, kinds):
        for node in root.iter(_a("rPr"), _a("endParaRPr"), _a("defRPr")):
            if node.get("lang") != ARABIC_LANGUAGE:
                node.set("lang", LANGUAGE)


def _number_place(layout: Any) -> dict[str, str] | None:
    """The ``p:ph`` attributes of a layout's slide number placeholder, if it has one."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            found = adapter.element(placeholder).xpath("./p:nvSpPr/p:nvPr/p:ph")
            return {str(k): str(v) for k, v in found[0].attrib.items()}
    return None


def _slide_number(slide: Any, place: dict[str, str], number: int) -> None:
    """Show the slide number where the layout has a place for it (the handbook cites it): a
    placeholder that inherits the layout's position, holding a slide number field. Written as
    XML (python-pptx's clone_placeholder searched every shape for a free id)."""
    from xml.sax.saxutils import quoteattr

    from pptx.oxml import parse_xml

    tree = adapter.element(slide.shapes)
    shape_id = _next_shape_id(tree)
    ph = " ".join(f"{k}={quoteattr(v)}" for k, v in place.items())
    tree.append(parse_xml(
        f'<p:sp {_NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="Dianummer {shape_id}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>"
        f'<a:lstStyle/><a:p><a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum">'
        f'<a:rPr lang="{LANGUAGE}"/><a:t>{number}</a:t></a:fld></a:p></p:txBody></p:sp>'))


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
    props.title = shorten(pack.full_title)
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
    # A .potx opens as the .pptx it otherwise is; placeholders numbered as check_template
    # numbered them (LibreOffice's share idx 0), so the report's idx numbers name them here.
    prs = Presentation(io.BytesIO(template_bytes(template)))
    number_placeholders(prs)
    adapter.remove_slides(prs)
    adapter.drop_template_extras(prs)
    badge_colour = _brand(prs, pack.colour) if pack.template is None else None
    slide_layouts = [lay for master in prs.slide_masters for lay in master.slide_layouts]
    # The logo is the organisation's that runs the meeting, when the session names one.
    owner = next((f.organisation for f in pack.facilitators if f.organisation),
                 pack.municipality)
    palette = _Palette(report, pack.colour, pack.template is not None)
    # On a user's template the brand colour fills the badges as it does the diagrams' accent
    # shapes (their theme stays theirs); template_check.template_warnings says so.
    badge_fill = palette.brand
    if badge_fill:
        badge_colour = palette.text("accent")
    places: dict[int, dict[str, str] | None] = {}
    for number, spec in enumerate(specs, start=1):
        match = report.match(spec.kind)
        slide_layout = slide_layouts[match.layout]
        slide = prs.slides.add_slide(slide_layout)
        _fill(slide, spec, match, badge_colour, badge_fill)
        _draw(slide, spec.shapes, palette)
        if spec.kind == "title" and pack.logo:
            _logo(prs, slide, pack.logo, owner)
        if match.layout not in places:
            places[match.layout] = _number_place(slide_layout)
        if spec.kind != "title" and (place := places[match.layout]):
            _slide_number(slide, place, number)
        _notes(slide, spec.notes)
    _dutch_masters(prs)
    stamp = build_timestamp(pack.date)
    _properties(prs, pack, stamp, len(specs))
    buffer = io.BytesIO()
    prs.save(buffer)
    path.write_bytes(reproducible_zip(buffer.getvalue(), stamp))
    return Rendered("deck", path, len(specs), layout.slide_numbers)
