"""Every use of python-pptx internals, one named function each.

python-pptx has no public API for removing slides, for a picture's alt text, for dropping parts
of a template (thumbnail, macros, external links) or for text formatting beyond its API. Each
function below says which private thing it touches; tests/test_pptx_adapter.py tests each one, so an
upgrade of python-pptx that moves one fails there, by name. Tested with python-pptx 1.0.2.
"""

from __future__ import annotations

from typing import Any

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
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
