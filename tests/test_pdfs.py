"""The PDF renderers: handbook, handout, attendance list and evaluation form.

Every assertion reads the written PDF back (pypdf, qpdf, pdffonts), not the renderer's objects.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from opvoedkit.compose import compose
from opvoedkit.pack import Pack
from opvoedkit.planner import clock
from opvoedkit.preflight import prepare
from opvoedkit.render import build_timestamp, extras, handbook, handout
from opvoedkit.render.pdf import escape, missing_glyphs, spans_markup, styles
from opvoedkit.text import ListBlock, Span, plain

from .conftest import EXAMPLES

TRICKY = {
    "municipality": "'s-Hertogenbosch",
    "venue": "Stichting Kardeş & Co <b>zaal</b> {{ x }}",
    "title": "Samen <b>sterk</b> & {{ x }}",
    "facilitator": "İlknur Łukasz-Żak",
    "organisation": "Stichting Kardeş & Co",
    "second": "Gülşen Yıldız",
    "contact": "Ayşe Kılıç <i>& Co</i>",
}
TRICKY_SESSION = f"""\
municipality: "{TRICKY['municipality']}"
title: "{TRICKY['title']}"
date: 2027-03-18
start: "09:30"
audience: [professionals, informal]
participants: 13
venue: "{TRICKY['venue']}"
facilitators:
  - name: "{TRICKY['facilitator']}"
    organisation: "{TRICKY['organisation']}"
  - name: "{TRICKY['second']}"
    organisation: "<b>Wijkteam</b> {{{{ x }}}}"
contact:
  name: "{TRICKY['contact']}"
  email: ayse@example.nl
exercises: [kennismaken-wie-zit-er-aan-tafel, beeld-van-elkaar, kracht-van-de-ander,
            afspraken-voor-vervolg]
allow_slack: true
"""
FOUR_DAYPARTS = """\
municipality: Súdwest-Fryslân
date: 2027-09-14
start: "09:00"
dayparts: 4
audience: [professionals, informal, policy]
exercises: [kennismaken-netwerkkaart, verwachtingen-over-en-weer, stellingenspel,
            beeld-van-elkaar, kracht-van-de-ander, vormen-van-samenwerking,
            rollen-van-de-gemeente, wat-staat-in-de-weg, krachtenveldanalyse,
            kern-van-het-samen-doen, afspraken-voor-vervolg, wens-voor-de-toekomst]
allow_slack: true
"""
KINDS = ("handbook", "handout", "attendance", "evaluation")


def _flat(text: str) -> str:
    """Text with every run of whitespace as one space: line wrapping does not matter."""
    return " ".join(text.split())


class Rendered:
    """One pack rendered into a folder, with its pages' text."""

    def __init__(self, pack: Pack, folder: Path) -> None:
        self.pack, self.folder = pack, folder
        folder.mkdir(parents=True, exist_ok=True)
        self.handout = handout.render(pack, folder / "handout.pdf")
        self.handbook = handbook.render(pack, folder / "handbook.pdf",
                                        handout_pages=self.handout.anchors)
        self.attendance = extras.render_attendance(pack, folder / "attendance.pdf")
        self.evaluation = extras.render_evaluation(pack, folder / "evaluation.pdf")
        self.pages = {kind: [p.extract_text() for p in PdfReader(self.path(kind)).pages]
                      for kind in KINDS}

    def path(self, kind: str) -> Path:
        return self.folder / f"{kind}.pdf"

    def text(self, kind: str) -> str:
        return _flat(" ".join(self.pages[kind]))


def _pack(source: Path) -> Pack:
    return compose(prepare(source))  # every example must prepare: an error here is a failure


@pytest.fixture(scope="module")
def render_session(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Rendered]:
    """Render a named scenario once per module: an example file or a session written here."""
    cache: dict[str, Rendered] = {}
    written = {"tricky": TRICKY_SESSION, "four-dayparts": FOUR_DAYPARTS}

    def get(name: str) -> Rendered:
        if name not in cache:
            folder = tmp_path_factory.mktemp(name)
            cache[name] = Rendered(_pack(scenario_source(name, folder, written)),
                                   folder / "out")
        return cache[name]

    return get


def scenario_source(name: str, folder: Path, written: dict[str, str]) -> Path:
    """The session file of a scenario: one of ``written`` (saved into ``folder``, with the
    logo a session may name beside it), else the example of that name."""
    if name not in written:
        return EXAMPLES / f"{name}.yaml"
    source = folder / "sessie.yaml"
    source.write_text(written[name], encoding="utf-8")
    Image.new("RGB", (300, 120), "#0a5c8f").save(folder / "logo-gemeente.png")
    return source


# Session files only: a batch file in examples/ has `base:` and `sessions:` instead.
SCENARIOS = sorted(p.stem for p in EXAMPLES.glob("*.yaml")
                   if re.search(r"^municipality:", p.read_text(encoding="utf-8"), re.M))
SCENARIOS += ["tricky", "four-dayparts"]


def test_escape_keeps_markup_characters_literal() -> None:
    hostile = "<b>Kardeş</b> & {{ x }} &amp;"
    markup = spans_markup((Span(hostile), Span("vet", bold=True), Span("schuin", italic=True)))
    assert escape(hostile) == "&lt;b&gt;Kardeş&lt;/b&gt; &amp; {{ x }} &amp;amp;"
    assert markup.endswith("<b>vet</b><i>schuin</i>")
    paragraph = Paragraph(markup, styles()["body"])  # must not raise on the user's <b>
    assert paragraph.getPlainText() == hostile + "vetschuin"


def test_tricky_names_come_out_exactly_as_typed(render_session) -> None:
    out = render_session("tricky")
    handbook_text, handout_text = out.text("handbook"), out.text("handout")
    for value in TRICKY.values():
        assert value in handbook_text, value
    for key in ("municipality", "venue", "title", "contact"):
        assert TRICKY[key] in handout_text, key
    for kind in ("attendance", "evaluation"):
        assert TRICKY["municipality"] in out.text(kind)
    assert "<b>Wijkteam</b> {{ x }}" in handbook_text
    assert "&amp;" not in handbook_text + handout_text


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_exercise_title_is_in_both_pdfs(render_session, name: str) -> None:
    out = render_session(name)
    for ex in out.pack.exercises:
        assert ex.title in out.text("handbook"), ex.title
        assert ex.title in out.text("handout"), ex.title


@pytest.mark.parametrize("name", SCENARIOS)
def test_agenda_times_are_the_plans(render_session, name: str) -> None:
    out = render_session(name)
    blocks = out.pack.program.blocks()
    for kind in ("handbook", "handout"):
        text = out.text(kind)
        for block in blocks:
            row = f"{clock(block.start)}–{clock(block.end)} "
            assert row in text, (kind, row, block.title)
        # The agenda lists every slot once and in the plan's order.
        spans = re.findall(r"(\d\d:\d\d)–(\d\d:\d\d) (?!·)", text)
        planned = [(clock(b.start), clock(b.end)) for b in blocks]
        found = [s for s in spans if s in planned]
        assert found[:len(planned)] == planned, kind


@pytest.mark.parametrize("name", SCENARIOS)
def test_handout_has_no_facilitator_only_text(render_session, name: str) -> None:
    out = render_session(name)
    text = out.text("handout")
    for heading in ("Nabespreking", "Voorbereiding", "Stappen", "Tips voor een gemengde groep"):
        assert heading not in text
    for probe in facilitator_only(out.pack):
        assert probe not in text, probe


def facilitator_only(pack: Pack) -> list[str]:
    """The first 60 characters of every facilitator-only passage (tips, debrief, steps,
    preparation, backgrounds' text) that no worksheet repeats: none may reach a hand-out."""
    shared = _flat(" ".join(_plain_blocks(ex.worksheet) for ex in pack.exercises))
    secret: list[str] = []
    for ex in pack.exercises:
        secret += [plain(t) for t in ex.tips + ex.debrief]
        secret += [plain(s.text) for s in ex.steps]
        secret += [_plain_blocks(ex.preparation)]
    secret += [_plain_blocks(b.text) for b in pack.backgrounds]
    probes = [_flat(passage)[:60] for passage in secret]
    return [probe for probe in probes if len(probe) > 25 and probe not in shared]


def _plain_blocks(blocks: tuple) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, ListBlock):
            parts += [plain(item) for item in block.items]
        else:
            parts.append(plain(block.spans))
    return " ".join(parts)


def _fonts(reader: PdfReader) -> list[dict]:
    """Every font dictionary used on a page or inside a form XObject on it."""
    found = []

    def visit(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            found.append(font.get_object())
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                visit(xobject["/Resources"])

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded(render_session, kind: str) -> None:
    path = render_session("tricky").path(kind)
    fonts = _fonts(PdfReader(path))
    assert fonts
    for font in fonts:
        for part in font.get("/DescendantFonts", [font]):
            descriptor = part.get_object().get("/FontDescriptor")
            assert descriptor is not None, font.get("/BaseFont")
            assert "/FontFile2" in descriptor.get_object(), font.get("/BaseFont")
    if shutil.which("pdffonts"):
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), rows


@pytest.mark.parametrize("name", ["ochtend-twee-werelden", "four-dayparts", "tricky"])
def test_table_of_contents_points_where_sections_start(render_session, name: str) -> None:
    out = render_session(name)
    reader = PdfReader(out.path("handbook"))
    outline: dict[str, int] = {}

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                outline[item.title] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    lines = out.pages["handbook"][1].split("Inhoud", 1)[1].splitlines()
    entries, title = [], []
    for line in lines:
        if line.strip().isdigit():
            entries.append((" ".join(title), int(line)))
            title = []
        elif line.strip():
            title.append(line.strip())
    titles = [t for t, _ in entries]
    assert "Voorbereiding" in titles and "Afsluiting" in titles
    assert [f"{ex.number}. {ex.title}" for ex in out.pack.exercises] == \
        [t for t in titles if t[0].isdigit()]
    for title, page in entries:
        assert outline[title] == page, title
        assert _flat(title) in _flat(out.pages["handbook"][page - 1]), (title, page)
    starts = [page for _, page in entries]
    assert starts == sorted(starts)


def test_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    pack = _pack(EXAMPLES / "ochtend-twee-werelden.yaml")
    first, second = Rendered(pack, tmp_path / "a"), Rendered(pack, tmp_path / "b")
    for kind in KINDS:
        assert first.path(kind).read_bytes() == second.path(kind).read_bytes(), kind
    created = PdfReader(first.path("handbook")).metadata.creation_date
    assert created.replace(tzinfo=None) == build_timestamp(pack.date)


def test_paragraphs_split_over_pages_come_out_the_same_in_any_order(tmp_path: Path) -> None:
    # reportlab re-marks words cut at a soft hyphen or inside a long web address when it splits
    # a paragraph over two pages; a document made after others must not see that.
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from opvoedkit.render import pdf

    def render(first: str, gap: float, name: str) -> bytes:
        text = " ".join([first, "en", "samen\xadwerking", "<b>met</b>", "sleutel\xadfiguren"] * 60)
        doc = SimpleDocTemplate(str(tmp_path / name), invariant=1)
        doc.build([Spacer(1, gap), pdf.Paragraph(text, styles()["body"]),
                   pdf.Paragraph(text, styles()["cell"]), Spacer(1, gap / 2),
                   pdf.Paragraph(text.replace("<b>met</b>", "met"), styles()["plain"])])
        return (tmp_path / name).read_bytes()

    cases = [(first, gap) for first in ("opvoed\xadonder\xadsteu\xadning",
                                        "https://www.kis.nl/" + "samenwerking-" * 6)
             for gap in (500, 620, 380, 300)]
    alone = [render(first, gap, f"alone-{n}.pdf") for n, (first, gap) in enumerate(cases)]
    again = [render(first, gap, f"after-{n}.pdf") for n, (first, gap) in reversed(list(
        enumerate(cases)))]
    assert again[::-1] == alone


def test_a_paragraph_breaks_its_lines_once_per_width() -> None:
    from opvoedkit.render import pdf

    broken: list[object] = []

    class Counted(pdf.Paragraph):
        def breakLines(self, widths: list[float]) -> object:  # reportlab names it so
            broken.append(widths)
            return super().breakLines(widths)

    para = Counted("Samen sterk in de wijk, met sleutelfiguren. " * 8, styles()["body"])
    size = para.wrap(200, 1000)
    assert para.wrap(200, 50) == size and len(broken) == 1  # the height does not matter
    assert para.wrap(300, 1000) != size and len(broken) == 2
    para.drawOn(Canvas(io.BytesIO()), 0, 0)
    para.wrap(300, 1000)
    assert len(broken) == 2  # drawing leaves the lines as they were
    para.split(300, 30)
    para.wrap(300, 1000)
    assert len(broken) == 3  # a split may drop the lines: broken again
    fresh = pdf.Paragraph("Samen sterk in de wijk. " * 8, styles()["body"])
    assert fresh.split(300, 10) == []  # wraps first, then drops the lines: no room for one
    fresh.wrap(300, 1000)
    fresh.drawOn(Canvas(io.BytesIO()), 0, 0)  # has its lines again


def test_a_right_to_left_paragraph_breaks_its_lines_again_after_drawing() -> None:
    # reportlab reverses the words of a right-to-left line in place when it draws it.
    from reportlab.lib.styles import ParagraphStyle

    from opvoedkit.render import pdf

    style = ParagraphStyle("rtl", parent=styles()["body"], wordWrap="RTL")

    def drawn_twice(kind: type) -> bytes:
        out = io.BytesIO()
        canvas, para = Canvas(out, invariant=1), kind("een <b>twee</b> drie vier", style)
        for _ in range(2):
            para.wrapOn(canvas, 300, 100)
            para.drawOn(canvas, 50, 700)
            canvas.showPage()
        canvas.save()
        return out.getvalue()

    assert drawn_twice(pdf.Paragraph) == drawn_twice(Paragraph)


def test_our_paragraphs_draw_exactly_as_reportlabs(tmp_path: Path) -> None:
    # A table that measures, splits and draws its cells (a header row on every page, cells of
    # several flowables) and paragraphs split over pages at soft hyphens: same bytes as with
    # reportlab's own Paragraph.
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from opvoedkit.render import pdf

    def render(kind: type, name: str) -> bytes:
        text = "Samen\xadwerking met <b>sleutel\xadfiguren</b> en het wijk\xadteam. " * 9
        cell = styles()["cell"]
        rows: list[list[object]] = [[kind("Nr.", cell), kind("<b>Wie</b> en wat", cell)]]
        plain = text.replace("<b>", "").replace("</b>", "")
        shared = [kind("<b>Foto akkoord?</b> Mogen we foto's gebruiken?", styles()["small"]),
                  pdf.Box("ja", "nee")]  # the same flowables in every row, as on the slips
        rows += [[kind(str(n), cell), [kind(plain[:40 + n], cell), pdf.Ruled(1), *shared]]
                 for n in range(60)]
        doc = SimpleDocTemplate(str(tmp_path / name), invariant=1)
        doc.build([kind(text * 3, styles()["body"]), pdf.table(rows, [20 * mm, 120 * mm]),
                   kind(text * 4, styles()["plain"])])
        return (tmp_path / name).read_bytes()

    assert render(pdf.Paragraph, "ours.pdf") == render(Paragraph, "reportlab.pdf")
    assert len(PdfReader(tmp_path / "ours.pdf").pages) > 3


def test_repeated_cell_text_is_one_paragraph_drawn_in_every_cell(tmp_path: Path) -> None:
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from opvoedkit.render import pdf

    made = pdf.CellParagraphs()
    cell, bold = styles()["cell"], styles()["cellbold"]
    assert made("plenair", cell) is made("plenair", cell) is not made("plenair", bold)

    def render(kind: Callable[[str, object], object], name: str) -> bytes:
        names = ["Gülşen Yıldız", "", "Jan Jansen", "plenair, stoelen in een kring " * 2]
        rows = [[kind(names[(n + c) % 4], cell) for c in range(3)] for n in range(80)]
        doc = SimpleDocTemplate(str(tmp_path / name), invariant=1)
        doc.build([pdf.table(rows, [30 * mm, 50 * mm, 70 * mm])])  # over pages, 3 widths
        return (tmp_path / name).read_bytes()

    assert render(pdf.CellParagraphs(), "shared.pdf") == render(Paragraph, "fresh.pdf")


def test_each_document_numbers_its_own_characters(tmp_path: Path) -> None:
    # A document that meets é, ë and ‘ in another order gives them other codes ...
    from reportlab.platypus import SimpleDocTemplate

    from opvoedkit.render import pdf

    # ... and one that meets italics before bold gives the fonts other names (F2, F3).
    texts = ["Eén keer per week: café ‘De Brug’.", "<b>Geïnteresseerd?</b> Kom één keer.",
             "Plain ASCII only, twice.", "Zoë & Gülşen – <i>sleutelfiguren</i> – ë é ‘",
             "Some <b>bold</b> words.", "<i>Only italic</i> here."]
    orders = [[0, 1, 2, 3, 0, 2], [3, 1, 0, 2, 1], [2, 1, 3, 0, 3], [4, 5, 2], [5, 4, 2]]

    def render(order: list[int], name: str) -> bytes:
        doc = SimpleDocTemplate(str(tmp_path / name), invariant=1)
        bullet = pdf.bullets([texts[n] for n in order], styles()["body"])
        doc.build([pdf.Paragraph(texts[n], styles()["body"]) for n in order] + bullet)
        return (tmp_path / name).read_bytes()

    alone = [render(order, f"alone-{n}.pdf") for n, order in enumerate(orders)]
    again = [render(order, f"after-{n}.pdf") for n, order in reversed(list(enumerate(orders)))]
    assert again[::-1] == alone
    for n, order in enumerate(orders):  # and every text is there
        pages = PdfReader(tmp_path / f"alone-{n}.pdf").pages
        found = " ".join(page.extract_text() for page in pages)
        assert "twice" in found or 2 not in order


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
@pytest.mark.parametrize("kind", KINDS)
def test_qpdf_finds_no_errors(render_session, kind: str) -> None:
    result = subprocess.run(["qpdf", "--check", str(render_session("four-dayparts").path(kind))],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metadata_title_author_language_and_outline(render_session) -> None:
    out = render_session("tricky")
    reader = PdfReader(out.path("handbook"))
    meta = reader.metadata
    assert meta.title.startswith("Handleiding voor de begeleider: " + TRICKY["title"])
    assert TRICKY["facilitator"] in meta.author and meta.subject
    assert meta.creator == "opvoedkit"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    assert PdfReader(out.path("handout")).trailer["/Root"]["/Lang"] == "nl-NL"
    assert reader.outline, "the handbook has bookmarks"


@pytest.mark.parametrize("kind", ["handbook", "handout", "attendance", "evaluation"])
def test_every_pdf_is_iso_pdf_1_7_and_shows_its_title(render_session, kind: str) -> None:
    reader = PdfReader(render_session("tricky").path(kind))
    assert reader.pdf_header == "%PDF-1.7"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl-NL"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # a pypdf BooleanObject
    assert reader.metadata.title


@pytest.mark.parametrize("name", ["ochtend-twee-werelden", "four-dayparts"])
def test_extras_carry_municipality_date_and_enough_rows(render_session, name: str) -> None:
    out = render_session(name)
    pack = out.pack
    for kind in ("attendance", "evaluation"):
        assert pack.municipality in out.text(kind)
        assert pack.date_text and pack.date_text in out.text(kind)
    days = {d.day for d in pack.program.dayparts}
    numbers = [int(line) for page in out.pages["attendance"] for line in page.splitlines()
               if line.strip().isdigit()]
    assert numbers.count(1) == len(days)  # one list per meeting day
    assert max(numbers) >= pack.participants + 4
    assert set(range(1, pack.participants + 1)) <= set(numbers)
    attendance = out.text("attendance")
    for column in ("Naam", "Organisatie", "E-mail (optioneel)", "Foto akkoord", "Handtekening"):
        assert column in attendance
    # A column per side only for the sides present, and none when only one side comes.
    sides = {"professionals": "Formeel", "informal": "Informeel", "policy": "Gemeente"}
    first = out.pages["attendance"][0]
    header = first[first.index("Nr."):first.index("Handtekening")]
    for audience, label in sides.items():
        present = audience in pack.audience and len(pack.audience) > 1
        assert (label in header) == present, (label, header)
    # The privacy statement: who keeps the data, until when, and photo consent asked apart.
    assert f"gemeente {pack.municipality}" in attendance
    assert "bewaren de lijst tot en met" in attendance and "apart toestemming" in attendance


def test_evaluation_is_a_form_and_a_smiley_page(render_session) -> None:
    out = render_session("ochtend-twee-werelden")
    first, second = (_flat(p) for p in out.pages["evaluation"])
    assert len(out.pages["evaluation"]) == 2
    for question in ("Wat heb je geleerd?", "Wat ga je doen?", "Opmerkingen over de begeleiding"):
        assert question in first
    assert " ".join(str(n) for n in range(1, 11)) in first
    assert "Werd er naar jou geluisterd" in first and "Werd er naar jou geluisterd" in second
    assert "ja misschien nee" in second  # "Ga je er iets mee doen?" is not "goed / gaat wel"
    assert second.count("gaat wel") == 2 and not re.search(r"[\U0001F300-\U0001FAFF]", second)


@pytest.mark.parametrize("name", ["avond-sleutelfiguren", "four-dayparts"])
def test_handout_anchors_and_handbook_cross_references(render_session, name: str) -> None:
    out = render_session(name)
    for ex in out.pack.exercises:
        page = out.handout.anchors[ex.id][0]
        assert _flat(f"Werkblad {ex.number}: {ex.title}") in _flat(out.pages["handout"][page - 1])
        assert f"werkblad op pagina {page}" in out.text("handbook")


def test_handout_pages_laid_out_in_memory_are_the_written_ones(
        render_session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `--only handbook` cites handout pages without writing a handout anywhere.
    out = render_session("twee-dagdelen-met-gemeente")
    monkeypatch.chdir(tmp_path)
    assert handout.page_anchors(out.pack) == out.handout.anchors
    assert list(tmp_path.iterdir()) == []


def test_handbook_names_the_slides_it_is_given(tmp_path: Path) -> None:
    pack = _pack(EXAMPLES / "ochtend-twee-werelden.yaml")
    first = pack.exercises[0]
    handbook.render(pack, tmp_path / "h.pdf", slide_numbers={first.id: [7, 8, 9, 12]})
    assert "dia 7–9, 12" in _flat(" ".join(p.extract_text() for p in
                                           PdfReader(tmp_path / "h.pdf").pages))


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_empty_pages(render_session, name: str) -> None:
    out = render_session(name)
    running = {out.pack.municipality, "Handleiding voor de begeleider",
               "Hand-out voor deelnemers", "Presentielijst", "Evaluatieformulier"}
    for kind in KINDS:
        for number, page in enumerate(out.pages[kind], start=1):
            body = [line for line in page.splitlines() if line.strip()
                    and line.strip() not in running and not line.startswith("pagina ")
                    and out.pack.title not in line]
            assert body, f"{kind} page {number} is empty"


def test_estimated_participants_are_called_an_estimate(render_session) -> None:
    out = render_session("four-dayparts")
    assert out.pack.participants_estimated
    assert "schatting" in out.text("handbook")


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_font_has_every_character(render_session, name: str) -> None:
    pack = render_session(name).pack
    strings = [pack.municipality, pack.title, pack.venue or "", pack.date_text or ""]
    strings += [p.name + (p.organisation or "") for p in pack.facilitators]
    for ex in pack.exercises:
        strings += [ex.title, _plain_blocks(ex.goal + ex.preparation + ex.worksheet)]
        strings += [plain(t) for t in ex.tips + ex.debrief] + [plain(s.text) for s in ex.steps]
    assert not missing_glyphs(" ".join(strings))
    assert missing_glyphs("ok ☐ 😀") == {"☐", "😀"}
