"""render/docx_adapter.py: each use of python-docx internals, tested on its own.

An upgrade of python-docx that moves one of them fails here, by name, before any Word test.
Every test saves the document and reads the XML back.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from lxml import etree
from PIL import Image

from opvoedkit.render import docx_adapter as adapter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _saved(doc: Any) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    doc.save(buffer)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def _xml(doc: Any, name: str = "word/document.xml") -> Any:
    with _saved(doc) as archive:
        return etree.fromstring(archive.read(name))


def test_element_is_the_xml_behind_paragraphs_runs_and_tables() -> None:
    doc = Document()
    paragraph = doc.add_paragraph("tekst")
    table = doc.add_table(rows=1, cols=1)
    assert adapter.element(paragraph).tag == f"{W}p"
    assert adapter.element(paragraph.runs[0]).tag == f"{W}r"
    assert adapter.element(table).tag == f"{W}tbl"
    assert adapter.element(table.rows[0]).tag == f"{W}tr"


def test_language_goes_into_the_defaults_and_every_style() -> None:
    doc = Document()
    adapter.set_language(doc, "nl-NL", "ar-SA")
    styles = _xml(doc, "word/styles.xml")
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == "nl-NL" and default.get(f"{W}bidi") == "ar-SA"
    assert default.get(f"{W}eastAsia") is None
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}type") in ("paragraph", "character"):
            lang = style.find(f"{W}rPr/{W}lang")
            assert lang is not None and lang.get(f"{W}val") == "nl-NL", style.get(f"{W}styleId")
    settings = _xml(doc, "word/settings.xml")
    assert settings.find(f"{W}themeFontLang").get(f"{W}val") == "nl-NL"


def test_fonts_replace_the_theme_fonts() -> None:
    doc = Document()
    adapter.set_fonts(doc, "Arial", "Arial")
    styles = _xml(doc, "word/styles.xml")
    for fonts in styles.iter(f"{W}rFonts"):
        assert not any(name.endswith("Theme") or name.endswith("theme") for name in fonts.attrib)
        assert fonts.get(f"{W}ascii") == "Arial"


def test_right_to_left_runs_carry_rtl_and_an_arabic_language() -> None:
    doc = Document()
    run = doc.add_paragraph().add_run("مريم")
    run.bold = True
    adapter.set_right_to_left(run, "ar-SA")
    adapter.set_complex_bold(run, True, False)
    rpr = _xml(doc).find(f".//{W}r/{W}rPr")
    tags = [child.tag.removeprefix(W) for child in rpr]
    assert tags == ["b", "bCs", "rtl", "lang"]  # the schema's order
    assert rpr.find(f"{W}lang").get(f"{W}bidi") == "ar-SA"


def test_header_rows_repeat_and_cells_are_shaded() -> None:
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    adapter.repeat_header(table.rows[0])
    adapter.keep_row_together(table.rows[1])
    adapter.shade(table.rows[0].cells[0], "E9EFF2")
    adapter.table_borders(table, "9AA5AB", 4)
    root = _xml(doc)
    first, second = root.findall(f".//{W}tr")
    assert first.find(f"{W}trPr/{W}tblHeader") is not None
    assert second.find(f"{W}trPr/{W}tblHeader") is None
    assert second.find(f"{W}trPr/{W}cantSplit") is not None
    assert first.find(f".//{W}tcPr/{W}shd").get(f"{W}fill") == "E9EFF2"
    borders = root.find(f".//{W}tblPr/{W}tblBorders")
    assert {b.tag.removeprefix(W) for b in borders} == {"top", "left", "bottom", "right",
                                                         "insideH", "insideV"}


def test_fields_bookmarks_and_internal_links() -> None:
    doc = Document()
    toc = doc.add_paragraph()
    adapter.begin_field(toc, 'TOC \\o "1-2"')
    link = adapter.add_internal_link(toc, "_001_doel")
    adapter.move_runs([toc.add_run("Doel")], link)
    adapter.add_field(toc, "PAGEREF _001_doel \\h", "", into=link)
    adapter.end_field(toc)
    heading = doc.add_paragraph("Doel", style="Heading 1")
    adapter.add_bookmark(heading, "_001_doel", 1)
    footer = doc.add_paragraph()
    adapter.add_field(footer, "PAGE", "1")
    root = _xml(doc)
    kinds = [node.get(f"{W}fldCharType") for node in root.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "begin", "separate", "end", "end",
                     "begin", "separate", "end"]
    codes = [node.text.strip() for node in root.iter(f"{W}instrText")]
    assert codes == ['TOC \\o "1-2"', "PAGEREF _001_doel \\h", "PAGE"]
    hyperlink = root.find(f".//{W}hyperlink")
    assert hyperlink.get(f"{W}anchor") == "_001_doel"
    assert "".join(t.text for t in hyperlink.iter(f"{W}t")) == "Doel"
    start = root.find(f".//{W}bookmarkStart")
    assert start.get(f"{W}name") == "_001_doel" and start.getparent().find(f"{W}pPr") is not None
    assert adapter.next_paragraph(toc).text == "Doel"
    assert adapter.next_paragraph(footer) is None


def test_paragraph_borders_and_clearing_a_style_border() -> None:
    doc = Document()
    paragraph = doc.add_paragraph(style="Heading 1")
    paragraph.paragraph_format.keep_with_next = True
    adapter.paragraph_border(paragraph, "bottom", "between", colour="9AA5AB", size=4)
    adapter.clear_borders(doc.styles["Title"])
    ppr = _xml(doc).find(f".//{W}pPr")
    tags = [child.tag.removeprefix(W) for child in ppr]
    assert tags.index("pBdr") > tags.index("keepNext")  # schema order
    assert {b.tag.removeprefix(W) for b in ppr.find(f"{W}pBdr")} == {"bottom", "between"}
    title = next(s for s in _xml(doc, "word/styles.xml").iter(f"{W}style")
             if s.get(f"{W}styleId") == "Title")
    assert title.find(f"{W}pPr/{W}pBdr") is None


def test_each_numbered_list_starts_at_one() -> None:
    doc = Document()
    lists = []
    for _ in range(2):
        first = doc.add_paragraph("een", style="List Number")
        number = adapter.restart_numbering(doc, first)
        adapter.continue_numbering(doc.add_paragraph("twee", style="List Number"), number)
        lists.append(number)
    assert lists[0] != lists[1]
    numbering = _xml(doc, "word/numbering.xml")
    for number in lists:
        num = next(n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") == str(number))
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
    used = [p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
            for p in _xml(doc).iter(f"{W}p")]
    assert used == [str(lists[0])] * 2 + [str(lists[1])] * 2


def test_alt_text_replaces_the_file_name(tmp_path: Path) -> None:
    Image.new("RGB", (40, 20), "#0a5c8f").save(tmp_path / "logo-gemeente.png")
    doc = Document()
    picture = doc.add_paragraph().add_run().add_picture(str(tmp_path / "logo-gemeente.png"))
    adapter.set_alt_text(picture, "Logo van Stichting Kardeş & Co", "Logo")
    assert adapter.alt_text(picture) == "Logo van Stichting Kardeş & Co"
    root = _xml(doc)
    doc_pr = root.find(".//{*}docPr")
    assert doc_pr.get("descr") == "Logo van Stichting Kardeş & Co"
    assert doc_pr.get("name") == "Logo"
    assert b"logo-gemeente" not in etree.tostring(root)


def test_template_parts_styles_and_app_properties() -> None:
    doc = Document()
    dropped = adapter.drop_template_parts(doc)
    assert any("thumbnail" in target for target in dropped)
    removed = adapter.keep_styles(doc, ["Heading1", "ListNumber"])
    assert removed > 100
    adapter.set_app_properties(doc, b'<?xml version="1.0"?><Properties xmlns="http://schemas'
                                    b'.openxmlformats.org/officeDocument/2006/extended-'
                                    b'properties"><Application>opvoedkit</Application>'
                                    b'</Properties>')
    adapter.settings_flag(doc, "w:updateFields")
    with _saved(doc) as archive:
        names = archive.namelist()
        app = archive.read("docProps/app.xml")
        settings = etree.fromstring(archive.read("word/settings.xml"))
    assert not any("thumbnail" in n or "customXml" in n or "stylesWithEffects" in n
                   for n in names)
    assert b"opvoedkit" in app and b"Macintosh" not in app
    kept = {s.style_id for s in Document(_buffer(doc)).styles}
    assert {"Heading1", "Normal", "ListNumber"} <= kept  # Normal: what Heading 1 is based on
    assert "LightShading" not in kept
    tags = [child.tag.removeprefix(W) for child in settings]
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"
    # The schema's order: after the tab stops, before compat, rsids and the list separator.
    assert tags.index("defaultTabStop") < tags.index("updateFields") < tags.index("compat")
    assert tags.index("updateFields") < tags.index("listSeparator")


def _buffer(doc: Any) -> io.BytesIO:
    buffer = io.BytesIO()
    doc.save(buffer)
    buffer.seek(0)
    return buffer
