"""render/pptx_adapter.py: each use of python-pptx internals, tested on its own.

An upgrade of python-pptx that moves one of them fails here, by name, before any deck test.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

from opvoedkit.render import pptx_adapter as adapter


def _saved(prs: object) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    prs.save(buffer)  # type: ignore[attr-defined]
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def _with_slides(count: int) -> object:
    prs = Presentation()
    for number in range(count):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"OUDE DIA {number}"
        slide.notes_slide.notes_text_frame.text = "OUDE NOTITIES"
    return prs


def test_element_is_the_xml_behind_shapes_frames_and_paragraphs() -> None:
    prs = _with_slides(1)
    title = prs.slides[0].shapes.title  # type: ignore[attr-defined]
    assert adapter.element(title).tag.endswith("}sp")
    assert adapter.element(title.text_frame).tag.endswith("}txBody")
    assert adapter.element(title.text_frame.paragraphs[0]).tag.endswith("}p")
    tree = adapter.element(prs.slides[0].shapes)  # type: ignore[attr-defined]
    assert tree.tag.endswith("}spTree") and adapter.element(title) in list(tree)


def test_remove_slides_leaves_no_part_of_them() -> None:
    prs = _with_slides(3)
    assert adapter.remove_slides(prs) == 3
    assert len(prs.slides) == 0  # type: ignore[attr-defined]
    with _saved(prs) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(n) for n in names)
    assert not any(n.startswith(("ppt/slides/", "ppt/notesSlides/")) for n in names)
    assert b"OUDE DIA" not in everything and b"OUDE NOTITIES" not in everything
    assert adapter.remove_slides(prs) == 0


def test_slides_added_after_removal_are_numbered_from_one() -> None:
    prs = _with_slides(2)
    adapter.remove_slides(prs)
    prs.slides.add_slide(prs.slide_layouts[0])  # type: ignore[attr-defined]
    with _saved(prs) as archive:
        assert [n for n in archive.namelist() if n.startswith("ppt/slides/slide")] == \
            ["ppt/slides/slide1.xml"]


def test_drop_template_extras_drops_thumbnail_macros_and_external_links() -> None:
    prs = Presentation()
    package = prs.part.package
    thumbnail = any(rel.reltype == RT.THUMBNAIL for rel in package.iter_rels())
    layout = prs.slide_layouts[0]
    rid = layout.part.relate_to("https://example.org/", RT.HYPERLINK, is_external=True)
    title = next(iter(layout.placeholders))
    link = adapter.element(title).nvSpPr.cNvPr.get_or_add_hlinkClick()
    link.rId = rid
    vba = prs.part.relate_to(prs.part.package.part_related_by(RT.CORE_PROPERTIES),
                             adapter.VBA_PROJECT)  # any part will do as the target
    prs.part._content_type = CT.PML_PRES_MACRO_MAIN  # as python-pptx loads a .pptm
    vars(prs.part).pop("content_type", None)
    dropped = adapter.drop_template_extras(prs)
    assert "https://example.org/" in dropped
    assert len(dropped) == 2 + thumbnail
    assert vba not in prs.part.rels
    assert prs.part.content_type == CT.PML_PRESENTATION_MAIN
    with _saved(prs) as archive:
        everything = b"".join(archive.read(n) for n in archive.namelist())
    assert b"example.org" not in everything and b"hlinkClick" not in everything
    assert b"macroEnabled" not in everything and b"vbaProject" not in everything
    assert Presentation(io.BytesIO(_bytes(prs))).slide_layouts[0].name == layout.name


def _bytes(prs: object) -> bytes:
    buffer = io.BytesIO()
    prs.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_alt_text_is_set_on_a_picture(tmp_path: Path) -> None:
    Image.new("RGB", (40, 10), "#0a5c8f").save(tmp_path / "logo.png")
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    picture = slide.shapes.add_picture(str(tmp_path / "logo.png"), 0, 0, Inches(1))
    assert adapter.alt_text(picture) == "logo.png"  # python-pptx's default: the file name
    adapter.set_alt_text(picture, "Logo van Zwolle")
    assert adapter.alt_text(picture) == "Logo van Zwolle"
    read = Presentation(io.BytesIO(_bytes(prs))).slides[0].shapes[0]
    assert adapter.alt_text(read) == "Logo van Zwolle"


def test_xml_roots_gives_the_parts_of_some_content_types() -> None:
    prs = _with_slides(1)
    assert prs.slides[0].notes_slide  # type: ignore[attr-defined]  # makes the notes master
    kinds = frozenset({CT.PML_SLIDE_LAYOUT, CT.PML_NOTES_MASTER})
    roots = adapter.xml_roots(prs, kinds)
    assert len(roots) == len(prs.slide_layouts) + 1  # type: ignore[attr-defined]
    assert {r.tag.rsplit("}", 1)[1] for r in roots} == {"sldLayout", "notesMaster"}
    roots[-1].set("marker", "1")  # the live element: a change is saved
    assert any(b'marker="1"' in _saved(prs).read(n) for n in _saved(prs).namelist())


def test_an_idx_set_in_a_layouts_xml_is_what_python_pptx_reads_and_clones() -> None:
    # template_check.number_placeholders sets p:ph/@idx through the layout's private _element
    # (python-pptx has no API to change an idx); validation may not import this module, so it
    # lives there, and is pinned here with the other internals.
    from opvoedkit.template_check import number_placeholders

    prs = Presentation()
    layout = prs.slide_layouts[1]
    body = adapter.element(list(layout.placeholders)[1]).xpath("./p:nvSpPr/p:nvPr/p:ph")[0]
    del body.attrib["idx"]  # as LibreOffice writes it: title and body both idx 0
    assert [p.placeholder_format.idx for p in layout.placeholders][:2] == [0, 0]
    assert number_placeholders(prs)
    new = body.get("idx")
    assert [p.placeholder_format.idx for p in layout.placeholders][:2] == [0, int(new)]
    slide = prs.slides.add_slide(layout)
    assert sorted(p.placeholder_format.idx for p in slide.placeholders) == [0, int(new)]
    assert slide.placeholders[int(new)].top == list(layout.placeholders)[1].top
