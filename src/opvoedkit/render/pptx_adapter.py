"""Every use of python-pptx internals, one named function each.

python-pptx has no public API for removing slides, for a picture's alt text, for dropping parts
of a template (thumbnail, macros, external links) or for text formatting beyond its API; nor
for adding slides and notes slides, finding placeholders or writing the package without costs
that grow with every slide (searches of all parts, relationships, ids and shapes, an XPath
compiled per lookup): slide_maker, notes_slide_maker, placeholder_elements and package_files
make what its public API makes, faster. Each function below says which private thing it
touches; tests/test_pptx_adapter.py tests each one (the faster ones against what python-pptx
itself makes), so an upgrade of python-pptx that moves one fails there, by name. Tested with
python-pptx 1.0.2.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_P14_SECTIONS = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
_HYPERLINKS = ("hlinkClick", "hlinkHover", "hlinkMouseOver")
VBA_PROJECT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


def element(proxy: Any) -> Any:
    """The lxml element behind a python-pptx shape, text frame, paragraph or a slide's shape
    collection (its ``p:spTree``), the private ``_element``, for what python-pptx has no API
    for: exact indents, bullet characters, tab stops, complex-script fonts, slide number
    fields, removing a placeholder, reading order, diagram shapes written as XML."""
    return proxy._element


def remove_slides(prs: Any) -> int:
    """Remove every slide of ``prs`` with everything that points at it (sections, custom
    shows, other parts' relationships); returns how many. Touches ``prs.slides._sldIdLst``,
    ``Part.drop_rel``, ``Part.rels`` and the presentation part's ``_element``."""
    part, ids = prs.part, prs.slides._sldIdLst
    removed = set()
    for slide_id in list(ids):
        removed.add(part.related_part(slide_id.rId))
        ids.remove(slide_id)
        part.drop_rel(slide_id.rId)
    if not removed:
        return 0
    root = part._element
    for node in root.findall(f"{{{root.nsmap['p']}}}custShowLst"):
        root.remove(node)
    for ext in root.iterfind(".//{*}ext"):
        if ext.get("uri") == _P14_SECTIONS:
            ext.getparent().remove(ext)
    for other in list(part.package.iter_parts()):
        dropped = [rid for rid, rel in other.rels.items()
                   if not rel.is_external and rel.target_part in removed]
        for rid in dropped:
            other.rels.pop(rid)
            _unlink(other, rid, remove=True)
    return len(removed)


def drop_template_extras(prs: Any) -> list[str]:
    """Drop what a template may carry that our decks never do: its thumbnail (a picture of its
    first slide), its macros (``vbaProject.bin``; the package becomes a plain presentation
    again) and every external relationship (links to files and web pages outside the deck);
    returns their targets. Touches ``OpcPackage._rels``, ``Part._content_type`` (and the
    value its lazy ``content_type`` cached) and part elements (``_element``), to unlink the
    ``r:`` references."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    package = prs.part.package
    dropped = []
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            dropped.append(rel.target_ref)
            package._rels.pop(rid)
    for part in list(package.iter_parts()):
        for rid, rel in list(part.rels.items()):
            if rel.is_external or rel.reltype == VBA_PROJECT:
                dropped.append(rel.target_ref)
                part.rels.pop(rid)
                _unlink(part, rid, remove=False)
    if prs.part.content_type == CT.PML_PRES_MACRO_MAIN:
        prs.part._content_type = CT.PML_PRESENTATION_MAIN
        vars(prs.part).pop("content_type", None)
    return dropped


def _unlink(part: Any, rid: str, *, remove: bool) -> None:
    """Drop the references to relationship ``rid`` in a part's XML (if it has XML): hyperlinks
    (and, with ``remove``, any element) go; elsewhere the ``r:`` attribute alone goes."""
    root = getattr(part, "_element", None)
    if root is None:
        return
    for node in list(root.iter()):
        names = [name for name, value in node.attrib.items()
                 if value == rid and name.startswith(f"{{{_R}}}")]
        if not names or node.getparent() is None:
            continue
        if remove or node.tag.rsplit("}", 1)[-1] in _HYPERLINKS:
            node.getparent().remove(node)
        else:
            for name in names:
                del node.attrib[name]


def set_alt_text(shape: Any, text: str) -> None:
    """Set a shape's alt text, the ``descr`` of its ``p:cNvPr`` (reached through the private
    ``_element``); python-pptx writes a picture's file name there."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def alt_text(shape: Any) -> str | None:
    """A shape's alt text (``descr`` of its ``p:cNvPr``, through ``_element``)."""
    value = shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    return None if value is None else str(value)


def xml_roots(prs: Any, content_types: frozenset[str]) -> list[Any]:
    """The XML root elements (each part's private ``_element``) of the parts of ``prs`` with
    one of the content types, e.g. masters and layouts, whose text python-pptx has no API for."""
    return [part._element for part in prs.part.package.iter_parts()
            if part.content_type in content_types and getattr(part, "_element", None) is not None]


def notes_slide_maker(prs: Any) -> Callable[[Any], Any]:
    """A function that gives a new slide of ``prs`` its notes slide and returns it, the same
    part python-pptx's ``slide.notes_slide`` makes, without its two costs that grow with the
    deck: a search of every part of the package for a free part name (the names taken are read
    once, on the first call, and each one made is added), and placeholders cloned from the notes
    master one by one (the first notes slide's, still empty, are copied; they come out the same
    for every notes slide, its shape ids counted within it). Touches ``NotesSlidePart`` (made
    as its private ``_add_notes_slide_part`` makes it) and the first notes slide's ``_element``.
    Valid for one deck while only this function adds notes slides to it."""
    from copy import deepcopy

    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import NotesSlidePart

    template = "/ppt/notesSlides/notesSlide%d.xml"
    taken: set[str] = set()
    blank: list[Any] = []

    def make(slide: Any) -> Any:
        package = slide.part.package
        if not blank:  # python-pptx's own way, once; what it made is the model for the rest
            notes = slide.notes_slide
            prefix = template.split("%", 1)[0]
            taken.update(str(part.partname) for part in package.iter_parts()
                         if part.partname.startswith(prefix))
            blank.append(deepcopy(notes.part._element))
            return notes
        # As OpcPackage.next_partname picks it: the highest free number up to one past the count.
        number = next(n for n in range(len(taken) + 1, 0, -1) if template % n not in taken)
        partname = template % number
        taken.add(partname)
        part = NotesSlidePart(PackURI(partname), CT.PML_NOTES_SLIDE, package, deepcopy(blank[0]))
        part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return slide.notes_slide

    return make


def slide_maker(prs: Any) -> Callable[[Any], Any]:
    """A function that adds a slide on a layout to ``prs`` and returns it, the same slide, part
    and relationships python-pptx's ``prs.slides.add_slide`` makes, without its two costs that
    grow with the deck: the layout's placeholders cloned one by one (each searching the slide
    for a free shape id; the first slide's on each layout, still empty, are copied instead:
    they come out the same for every slide on that layout) and a search of every slide id for
    the highest (read once, then counted on), and a search of all the presentation's
    relationships for one to the new slide. Touches ``SlidePart`` (made as its ``new`` makes
    it), slides' ``_element``, ``prs.slides._sldIdLst`` and its ``_add_sldId``, and the
    presentation part's ``rels._add_relationship``. Valid for one deck while only this
    function adds slides to it."""
    from copy import deepcopy

    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import SlidePart

    ids = prs.slides._sldIdLst
    highest = [max([255, *(int(s.id) for s in ids.sldId_lst)])]
    blanks: dict[Any, Any] = {}  # layout part -> the empty slide python-pptx made on it

    def make(layout: Any) -> Any:
        if layout.part not in blanks or highest[0] >= 2147483647:  # python-pptx's own way
            slide = prs.slides.add_slide(layout)
            highest[0] = max(highest[0], int(ids.sldId_lst[-1].id))
            blanks.setdefault(layout.part, deepcopy(slide.part._element))
            return slide
        partname = PackURI(f"/ppt/slides/slide{len(ids) + 1}.xml")
        part = SlidePart(partname, CT.PML_SLIDE, prs.part.package, deepcopy(blanks[layout.part]))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        highest[0] += 1
        # relate_to, without its search of all the presentation's relationships (one per
        # slide) for one to this new part: there is none.
        ids._add_sldId(id=highest[0], rId=prs.part.rels._add_relationship(RT.SLIDE, part))
        return part.slide

    return make


def package_files(prs: Any) -> dict[str, bytes]:
    """The files ``prs.save`` would write into the .pptx, by name in the zip and in its
    order: the content types and the package's relationships as python-pptx's own
    ``PackageWriter`` writes them (its private ``_write_content_types_stream`` and
    ``_write_pkg_rels``, and ``OpcPackage._rels``), then each part (``part.blob``) with its
    relationships (``_relationships_xml``), as its ``_write_parts`` does; for a caller that
    writes the zip itself, so the parts are not compressed twice."""
    from pptx.opc.serialized import PackageWriter

    files: dict[str, bytes] = {}

    class _Files:  # what PackageWriter asks of its physical writer
        def write(self, pack_uri: Any, blob: bytes) -> None:
            files[pack_uri.membername] = blob

    package = prs.part.package
    parts = tuple(package.iter_parts())
    writer = PackageWriter("", package._rels, parts)
    target: Any = _Files()
    writer._write_content_types_stream(target)
    writer._write_pkg_rels(target)
    for part in parts:
        files[part.partname.membername] = part.blob
        if part._rels:
            files[part.partname.rels_uri.membername] = _relationships_xml(part.rels)
    return files


def _relationships_xml(rels: Any) -> bytes:
    """What python-pptx's ``rels.xml`` serializes (a part's .rels file: its relationships
    in rId order, numbers as numbers), parsed from one XML text where python-pptx parses an
    element for every relationship (a tenth of a deck's time)."""
    from xml.sax.saxutils import escape

    from lxml import etree  # type: ignore[import-untyped]  # python-pptx builds on lxml
    from pptx.oxml import parse_xml

    def value(text: str) -> str:  # as an attribute value that parses back to ``text``
        return escape(text, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})

    order = sorted((int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid)
                   for rid in rels)
    items = []
    for _, rid in order:
        rel = rels[rid]
        mode = ' TargetMode="External"' if rel.is_external else ""
        items.append(f'<Relationship Id="{value(rel.rId)}" Type="{value(rel.reltype)}" '
                     f'Target="{value(rel.target_ref)}"{mode}/>')
    root = parse_xml(f'<Relationships xmlns="{_PR}">{"".join(items)}</Relationships>')
    return bytes(etree.tostring(root, encoding="UTF-8", standalone=True))


def placeholder_elements(slide: Any) -> list[tuple[int, str, Any]]:
    """(idx, type, element) of each placeholder on a slide, notes slide or slide layout, in
    shape-tree order: the shapes iterating its ``placeholders`` gives, with their
    ``placeholder_format.idx`` and ``p:ph`` type as written ("obj", python-pptx's default,
    if none), each ``p:ph`` found once by lxml's ``find`` where python-pptx evaluates an
    XPath expression three or four times per shape (a sixth of a deck's time). Reads the
    shape tree's ``_element`` and its ``iter_shape_elms`` (the children python-pptx counts
    as shapes)."""
    ns = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    found = []
    for shape in slide.shapes._element.iter_shape_elms():
        # python-pptx's ph: ./*[1]/p:nvPr/p:ph, the first element child's nvPr's ph
        first = next((child for child in shape if isinstance(child.tag, str)), None)
        ph = None if first is None else first.find(f"{ns}nvPr/{ns}ph")
        if ph is not None:
            found.append((int(ph.get("idx", "0")), ph.get("type", "obj"), shape))
    return found
