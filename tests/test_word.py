"""The Word versions of handbook and hand-out (handleiding-begeleider.docx,
hand-out-deelnemers.docx).

Every assertion reads the written .docx back (python-docx, and the XML of the package), and
compares with the PDFs rendered from the same pack (pypdf); one test has LibreOffice Writer turn
both into PDF, as a reader or a municipality's website would.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from lxml import etree
from pypdf import PdfReader

from opvoedkit.builder import FILE_NAMES, build_pack
from opvoedkit.layout import lay_out
from opvoedkit.pack import Pack
from opvoedkit.render import build_timestamp, handbook, handbook_docx, handout, handout_docx
from opvoedkit.template_check import frames_for

from .conftest import EXAMPLES
from .docx_reading import W
from .docx_reading import all_text as _all_text
from .docx_reading import headings as _headings
from .docx_reading import parts as _parts
from .docx_reading import text as _text
from .test_pdfs import (
    FOUR_DAYPARTS,
    SCENARIOS,
    TRICKY,
    TRICKY_SESSION,
    _flat,
    _pack,
    facilitator_only,
    scenario_source,
)

ARABIC = "مريم"
ARABIC_ORGANISATION = "مؤسسة مريم للأسرة"
NAMES = {
    "municipality": "'s-Hertogenbosch",
    "venue": "Buurthuis Łódź <b>zaal</b> {{ x }}",
    "title": "Samen <b>sterk</b> & {{ x }}",
    "turkish": "Gülşen Yıldız",
    "organisation": "Stichting Kardeş & Co",
    "polish": "Łucja Żak-Ślęzak",
    "polish_organisation": "Fundacja Źródło, Gdańsk",
    "arabic": ARABIC,
    "arabic_organisation": ARABIC_ORGANISATION,
}
NAMES_SESSION = f"""\
municipality: "{NAMES['municipality']}"
title: "{NAMES['title']}"
date: 2027-03-18
start: "09:30"
audience: [professionals, informal]
participants: 14
venue: "{NAMES['venue']}"
facilitators:
  - name: "{NAMES['turkish']}"
    organisation: "{NAMES['organisation']}"
  - name: "{NAMES['polish']}"
    organisation: "{NAMES['polish_organisation']}"
  - name: "{NAMES['arabic']}"
    organisation: "{NAMES['arabic_organisation']}"
contact:
  name: "{NAMES['arabic']}"
  email: mariam@example.nl
branding:
  logo: logo-gemeente.png
exercises: [kennismaken-wie-zit-er-aan-tafel, beeld-van-elkaar, wat-staat-in-de-weg,
            afspraken-voor-vervolg]
"""


class Built:
    """One pack as handbook and hand-out, in Word and in PDF, from the same Pack."""

    def __init__(self, pack: Pack, folder: Path) -> None:
        self.pack, self.folder = pack, folder
        folder.mkdir(parents=True, exist_ok=True)
        layout = lay_out(pack, frames_for(pack.template))
        self.handbook_docx = handbook_docx.render(pack, folder / FILE_NAMES["handbook-docx"],
                                                  layout.slide_numbers).path
        self.handout_docx = handout_docx.render(pack, folder / FILE_NAMES["handout-docx"]).path
        pages = handout.render(pack, folder / FILE_NAMES["handout"]).anchors
        self.handbook_pdf = handbook.render(pack, folder / FILE_NAMES["handbook"],
                                            slide_numbers=layout.slide_numbers,
                                            handout_pages=pages).path
        self.handout_pdf = folder / FILE_NAMES["handout"]

    def docx(self, kind: str) -> Any:
        return Document(str(self.handbook_docx if kind == "handbook" else self.handout_docx))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """Render a named scenario once per module: an example file or a session written here."""
    cache: dict[str, Built] = {}
    written = {"tricky": TRICKY_SESSION, "four-dayparts": FOUR_DAYPARTS,
               "names": NAMES_SESSION}

    def get(name: str) -> Built:
        if name not in cache:
            folder = tmp_path_factory.mktemp(name)
            cache[name] = Built(_pack(scenario_source(name, folder, written)), folder / "out")
        return cache[name]

    return get


def _outline(path: Path) -> list[tuple[int, str]]:
    """(level, title) of the PDF's bookmarks, level 0 at the top."""
    out: list[tuple[int, str]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title))

    walk(PdfReader(path).outline, 0)
    return out


@pytest.mark.parametrize("name", ["ochtend-twee-werelden", "twee-dagdelen-met-gemeente",
                                  "tricky", "names"])
def test_headings_follow_the_handbook_pdfs_outline(built: Callable[[str], Built],
                                                   name: str) -> None:
    out = built(name)
    outline = _outline(out.handbook_pdf)
    headings = _headings(out.docx("handbook"))
    # The contents' own title is Word's TOC Heading, so that the contents do not list it.
    assert (0, "Inhoud") in outline and all(t != "Inhoud" for _, t in headings)
    bookmarks = [(level + 1, title) for level, title in outline if title != "Inhoud"]
    assert [h for h in headings if h[0] == 1] == [b for b in bookmarks if b[0] == 1]
    assert [h for h in headings if h in set(bookmarks)] == bookmarks
    # No level is skipped on the way down (a screen reader's outline).
    levels = [level for level, _ in headings]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels))
    doc = out.docx("handbook")
    assert any(p.style.name == "TOC Heading" and p.text == "Inhoud" for p in doc.paragraphs)
    codes = [n.text for n in doc.element.body.iter(f"{W}instrText")]
    assert any(code.strip().startswith("TOC ") for code in codes)


@pytest.mark.parametrize("name", [*SCENARIOS, "names"])
def test_every_exercise_title_is_a_heading(built: Callable[[str], Built], name: str) -> None:
    out = built(name)
    book, sheets = _headings(out.docx("handbook")), _headings(out.docx("handout"))
    for ex in out.pack.exercises:
        assert (2, f"{ex.number}. {ex.title}") in book, ex.title
        assert (1, f"Werkblad {ex.number}: {ex.title}") in sheets, ex.title
    for level, _ in sheets:
        assert level in (1, 2)


def test_each_exercise_and_worksheet_starts_a_page(built: Callable[[str], Built]) -> None:
    out = built("twee-dagdelen-met-gemeente")
    doc = out.docx("handbook")
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style.name == "Heading 2" and re.match(r"\d+\. ", paragraph.text):
            number = int(paragraph.text.split(".")[0])
            kicker = paragraphs[index - 1]  # "Oefeningen · Deel 1 …" above the heading
            assert kicker.style.name == "Subtitle"
            starts = kicker.paragraph_format.page_break_before or (
                number == 1 and paragraphs[index - 2].paragraph_format.page_break_before)
            assert starts, paragraph.text
    for paragraph in out.docx("handout").paragraphs:
        if paragraph.text.startswith("Werkblad "):
            assert paragraph.paragraph_format.page_break_before, paragraph.text


@pytest.mark.parametrize("kind", ["handbook", "handout"])
def test_tables_have_a_repeating_header_row(built: Callable[[str], Built], kind: str) -> None:
    doc = built("twee-dagdelen-met-gemeente").docx(kind)
    assert len(doc.tables) >= (4 if kind == "handout" else 8)
    for table in doc.tables:
        rows = table._tbl.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
        header = [cell.text for cell in table.rows[0].cells]
        assert [h for h in header if h], header
        for cell in table.rows[0].cells:
            assert all(run.bold for run in cell.paragraphs[0].runs)


def test_worksheets_have_their_writing_space(built: Callable[[str], Built]) -> None:
    out = built("twee-dagdelen-met-gemeente")
    doc = out.docx("handout")
    body = list(doc.element.body)
    sections = [index for index, node in enumerate(body) if node.tag == f"{W}p" and
                node.find(f"{W}pPr/{W}pStyle[@{W}val='Heading1']") is not None]
    starts = {_text(body[index]): index for index in sections}
    ends = [*sections, len(body)]
    checked = {"lines": 0, "table": 0}
    for ex in out.pack.exercises:
        start = starts[f"Werkblad {ex.number}: {ex.title}"]
        sheet = body[start:ends[ends.index(start) + 1]]
        ruled = [n for n in sheet if n.tag == f"{W}p" and n.find(f"{W}pPr/{W}pBdr/{W}bottom")
                 is not None and not _text(n)]
        tables = [n for n in sheet if n.tag == f"{W}tbl"]
        if ex.worksheet_space == "lines":
            assert len(ruled) == ex.worksheet_lines and not tables, ex.id
            for line in ruled:  # a fixed height to write in
                spacing = line.find(f"{W}pPr/{W}spacing")
                assert spacing.get(f"{W}lineRule") == "exact", ex.id
        elif ex.worksheet_space == "table" and ex.worksheet_columns:
            assert len(tables) == 1 and not ruled, ex.id
            rows = tables[0].findall(f"{W}tr")
            assert [_text(c) for c in rows[0].findall(f"{W}tc")] == \
                list(ex.worksheet_columns), ex.id
            assert len(rows) == 1 + ex.worksheet_rows
            assert all(not _text(row) for row in rows[1:])
        checked[ex.worksheet_space] = checked.get(ex.worksheet_space, 0) + 1
    assert checked["lines"] and checked["table"], checked


@pytest.mark.parametrize("kind", ["handbook", "handout"])
def test_language_is_dutch_everywhere(built: Callable[[str], Built], kind: str) -> None:
    out = built("names")
    path = out.handbook_docx if kind == "handbook" else out.handout_docx
    parts = dict(_parts(path))
    styles = parts["word/styles.xml"]
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == "nl-NL" and default.get(f"{W}bidi") == "ar-SA"
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}type") in ("paragraph", "character"):
            assert style.find(f"{W}rPr/{W}lang").get(f"{W}val") == "nl-NL"
    for name, root in parts.items():  # no run says another language
        for lang in root.iter(f"{W}lang"):
            assert lang.get(f"{W}val") in (None, "nl-NL"), name
    assert Document(str(path)).core_properties.language == "nl-NL"


def test_names_come_out_exactly_as_typed(built: Callable[[str], Built]) -> None:
    out = built("names")
    book, sheets = _all_text(out.handbook_docx), _all_text(out.handout_docx)
    for key, value in NAMES.items():
        assert value in book, key
    for key in ("municipality", "venue", "title", "arabic"):
        assert NAMES[key] in sheets, key
    assert "&amp;" not in book + sheets and "&lt;" not in book + sheets


def test_tricky_names_come_out_exactly_as_typed(built: Callable[[str], Built]) -> None:
    out = built("tricky")
    book, sheets = _all_text(out.handbook_docx), _all_text(out.handout_docx)
    for value in TRICKY.values():
        assert value in book, value
    for key in ("municipality", "venue", "title", "contact"):
        assert TRICKY[key] in sheets, key
    assert "<b>Wijkteam</b> {{ x }}" in book


@pytest.mark.parametrize("kind", ["handbook", "handout"])
def test_arabic_runs_are_right_to_left(built: Callable[[str], Built], kind: str) -> None:
    out = built("names")
    path = out.handbook_docx if kind == "handbook" else out.handout_docx
    document = dict(_parts(path))["word/document.xml"]
    arabic = re.compile("[\u0600-\u06ff]")
    runs = [r for r in document.iter(f"{W}r") if arabic.search(_text(r))]
    assert runs
    for run in runs:
        assert run.find(f"{W}rPr/{W}rtl") is not None, _text(run)
        assert run.find(f"{W}rPr/{W}lang").get(f"{W}bidi") == "ar-SA"
        assert not re.search("[A-Za-z]", _text(run))  # Latin stays in left-to-right runs
    texts = {_text(r) for r in runs}
    assert ARABIC in texts
    if kind == "handbook":
        assert ARABIC_ORGANISATION in texts
    for run in document.iter(f"{W}r"):
        if not arabic.search(_text(run)):
            assert run.find(f"{W}rPr/{W}rtl") is None


def test_logo_has_alt_text_that_says_whose_it_is(built: Callable[[str], Built]) -> None:
    doc = built("names").docx("handbook")
    pictures = doc.inline_shapes
    assert len(pictures) == 1
    described = pictures[0]._inline.docPr
    assert described.get("descr") == f"Logo van {NAMES['organisation']}"
    assert not re.search(r"\.(png|jpe?g|gif)$", described.get("descr"), re.I)
    xml = etree.tostring(doc.element).decode()
    assert "logo-gemeente" not in xml
    assert pictures[0].width <= 50 * 36000 + 1 and pictures[0].height <= 25 * 36000 + 1


def test_no_loose_text_boxes(built: Callable[[str], Built]) -> None:
    out = built("names")
    for path in (out.handbook_docx, out.handout_docx):
        for _name, root in _parts(path):
            for tag in ("txbxContent", "textbox", "txbx", "framePr"):
                assert not list(root.iter(f"{{*}}{tag}")), (path.name, tag)


@pytest.mark.parametrize("kind", ["handbook", "handout"])
def test_footer_numbers_pages_and_header_names_the_document(built: Callable[[str], Built],
                                                            kind: str) -> None:
    out = built("ochtend-twee-werelden")
    doc = out.docx(kind)
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    footer = section.footer._element
    codes = [n.text.strip() for n in footer.iter(f"{W}instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    assert "pagina" in _text(footer) and out.pack.title in _text(footer)
    header = _text(section.header._element)
    assert out.pack.municipality in header
    assert ("Handleiding" if kind == "handbook" else "Hand-out") in header
    first = section.first_page_footer._element
    assert bool(list(first.iter(f"{W}instrText"))) == (kind == "handout")  # a cover: none
    assert abs(section.page_width.mm - 210) < 0.1 and abs(section.page_height.mm - 297) < 0.1


@pytest.mark.parametrize("kind", ["handbook", "handout"])
def test_properties_are_ours(built: Callable[[str], Built], kind: str) -> None:
    out = built("names")
    path = out.handbook_docx if kind == "handbook" else out.handout_docx
    props = Document(str(path)).core_properties
    stamp = build_timestamp(out.pack.date)
    assert props.title.startswith(("Handleiding voor de begeleider: ",
                                   "Hand-out voor deelnemers: "))
    assert NAMES["title"] in props.title and props.subject
    assert NAMES["turkish"] in props.author
    assert props.created == props.modified == stamp.replace(tzinfo=dt.UTC)
    assert props.last_modified_by == "opvoedkit"
    with zipfile.ZipFile(path) as archive:
        everything = b"".join(archive.read(n) for n in archive.namelist())
        app = archive.read("docProps/app.xml")
        names = archive.namelist()
    assert b"python-docx" not in everything and b"Macintosh" not in everything
    assert b"<Application>opvoedkit</Application>" in app
    assert not any("thumbnail" in n or "customXml" in n for n in names)


def test_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    pack = _pack(EXAMPLES / "ochtend-twee-werelden.yaml")
    first = Built(pack, tmp_path / "a")
    time.sleep(1.1)  # a different wall-clock second must not matter
    second = Built(pack, tmp_path / "b")
    for one, other in ((first.handbook_docx, second.handbook_docx),
                       (first.handout_docx, second.handout_docx)):
        assert one.read_bytes() == other.read_bytes(), one.name
        with zipfile.ZipFile(one) as archive:
            stamps = {info.date_time for info in archive.infolist()}
            assert archive.namelist()[0] == "[Content_Types].xml"
        assert stamps == {build_timestamp(pack.date).timetuple()[:6]}


def test_handout_has_no_facilitator_only_text(built: Callable[[str], Built]) -> None:
    out = built("twee-dagdelen-met-gemeente")
    text = _flat(_all_text(out.handout_docx))
    for heading in ("Nabespreking", "Stappen", "Tips voor een gemengde groep"):
        assert heading not in text
    for probe in facilitator_only(out.pack):
        assert probe not in text, probe


def test_word_and_pdf_say_the_same(built: Callable[[str], Built]) -> None:
    """Same wording: every line of the PDF hand-out's agenda and every handbook heading."""
    out = built("ochtend-twee-werelden")
    pdf = _flat(" ".join(p.extract_text() for p in PdfReader(out.handbook_pdf).pages))
    for _, title in _headings(out.docx("handbook")):
        assert _flat(title) in pdf, title
    sheets = _flat(" ".join(p.extract_text() for p in PdfReader(out.handout_pdf).pages))
    for _, title in _headings(out.docx("handout")):
        assert _flat(title) in sheets, title


def test_build_writes_both_word_files_and_only_picks_them(tmp_path: Path) -> None:
    session = EXAMPLES / "ochtend-twee-werelden.yaml"
    everything = build_pack(session, tmp_path / "alles")
    kinds = [f["kind"] for f in everything.manifest["files"]]
    assert {"handbook-docx", "handout-docx"} <= set(kinds)
    only = build_pack(session, tmp_path / "word", only=("handbook-docx", "handout-docx"))
    assert sorted(p.name for p in (tmp_path / "word").iterdir()) == \
        ["hand-out-deelnemers.docx", "handleiding-begeleider.docx", "manifest.json"]
    for entry in only.manifest["files"]:
        assert (tmp_path / "word" / entry["path"]).read_bytes() == \
            (tmp_path / "alles" / entry["path"]).read_bytes()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_writer_opens_both_and_prints_every_exercise(
        built: Callable[[str], Built], tmp_path: Path) -> None:
    out = built("names")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(out.handbook_docx), str(out.handout_docx)],
                   check=True, capture_output=True, timeout=240)
    for docx, pdf in ((out.handbook_docx, out.handbook_pdf), (out.handout_docx,
                                                              out.handout_pdf)):
        converted = PdfReader(tmp_path / docx.with_suffix(".pdf").name)
        ours = len(PdfReader(pdf).pages)
        pages = len(converted.pages)
        # Other fonts and other page breaks, but the same document: never half, never double.
        assert ours * 0.6 <= pages <= ours * 1.6, (docx.name, pages, ours)
        text = _flat(" ".join(p.extract_text() for p in converted.pages))
        for ex in out.pack.exercises:
            assert _flat(ex.title) in text, (docx.name, ex.title)
        assert NAMES["municipality"] in text and NAMES["venue"] in text
        assert re.search(rf"pagina {pages} van {pages}", text), docx.name  # the fields work


def test_runs_hold_the_same_xml_as_python_docx_writes_for_the_text() -> None:
    from opvoedkit.render.word import _text_run

    text = " voor\taf \nna\r\n\tslot "
    doc = Document()
    ours, theirs = doc.add_paragraph(), doc.add_paragraph()
    _text_run(ours, text)
    theirs.add_run(text)
    _text_run(ours, "")
    theirs.add_run("")
    mine, python_docx = (etree.tostring(p._p) for p in (ours, theirs))
    assert mine == python_docx and mine.count(b"<w:br/>") == 3
