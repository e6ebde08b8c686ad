"""The run sheet, the printables and the name tents: draaiboek.pdf, materialen-printen.pdf and
naambordjes.pdf, read back with pypdf (page sizes, text and where it stands) and qpdf.

The printables come from a user exercise folder made here: packaged exercises with cards,
sheets and posters of every kind and figure added to their front matter, so that the tests do
not depend on which printables the packaged exercises carry today.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from opvoedkit.compose import compose
from opvoedkit.pack import Pack, PrintableContent
from opvoedkit.preflight import prepare
from opvoedkit.render import build_timestamp, namecards, printables, runsheet
from opvoedkit.render.paper import fitted_size

from .conftest import EXAMPLES, ROOT

A4_PORTRAIT, A4_LANDSCAPE = (595, 842), (842, 595)
A3_PORTRAIT, A3_LANDSCAPE = (842, 1191), (1191, 842)
TRICKY = ("'s-Hertogenbosch", "Stichting Kardeş & Co", "Gülşen Yıldız", "İlknur Łukasz-Żak",
          "<b>Wijkteam</b> {{ x }}", "Samen <b>sterk</b> & {{ x }}")
ARABIC_NAME, ARABIC_ORGANISATION = "مريم الحسن", "جمعية الأمل"
LONG_WORD = "Samenwerkingsovereenkomstonderhandelingsbijeenkomstverslaglegging"
# Cards, sheets and posters of every kind and figure, added to packaged exercises by id.
PRINTABLES: dict[str, list[dict[str, Any]]] = {
    "stellingenspel": [{"kind": "cards", "title": "Stellingen", "per": "sessie", "copies": 2,
                        "items": [
        "Vrijwilligers die ouders helpen, moeten daar geld voor krijgen.",
        "Een migrantenorganisatie is vooral een brug tussen ouders en het wijkteam.",
        "Opvoeden leer je vooral van je eigen ouders.",
        "In {{ municipality }} weten ouders de weg naar het wijkteam.",
        "Kort.",
        "Een heel lange stelling " + "met veel woorden die samen " * 12 + "het einde halen.",
        f"{LONG_WORD} is een lang woord.",
        "Wie betaalt, bepaalt: als de gemeente geld geeft, mag zij zeggen wat er gebeurt.",
        "Een professional weet meer over opvoeden dan een ervaren vrijwilliger.",
        "Als een ouder geen hulp wil van het wijkteam, moet je dat accepteren.",
    ]}],
    "vormen-van-samenwerking": [
        {"kind": "poster", "title": "Twee assen, vier vormen", "per": "groep",
         "figure": "quadrant", "items": [
             "Formele kant", "Informele kant", "Eén gezin", "De gemeenschap",
             "Wijkcoach neemt een sleutelfiguur mee", "Vrijwilliger gaat mee naar het wijkteam",
             "CJG en zelforganisatie organiseren samen ouderavonden",
             "Vadergroep nodigt een jeugdverpleegkundige uit"]},
        {"kind": "cards", "title": "Voorbeeldkaarten", "per": "groep", "items": [
            "Een moeder gaat met de vrijwilliger naar het wijkteam.",
            "Het CJG geeft een ouderavond in de moskee.",
            "De vadergroep nodigt de wijkagent uit."]},
        {"kind": "cards", "title": "Vormkaarten", "per": "sessie", "items": [
            "Samen naar een gezin", "Samen een activiteit", "Elkaar doorverwijzen",
            "Samen beleid maken"]}],
    "rollen-van-de-gemeente": [
        {"kind": "poster", "title": "De vier rollen van de gemeente", "per": "sessie",
         "figure": "four", "items": [
             "Regievoerder: de gemeente brengt partijen bij elkaar.",
             "Samenwerkingspartner: de gemeente doet zelf mee.",
             "Financier: de gemeente betaalt het wijkteam.",
             "Gastheer: de gemeente zorgt voor een plek.",
             "Plak een stip bij de rol die de gemeente nu het meest speelt."]}],
    "wat-staat-in-de-weg": [
        {"kind": "sheet", "title": "Casus: Samira en de school", "per": "sessie", "copies": 3,
         "items": ["Samira woont sinds vier jaar in {{ municipality }}.",
                   "De school belt haar vaak. Ze begrijpt niet alles wat de mentor zegt.",
                   "Wat staat samenwerking hier in de weg?"]},
        {"kind": "poster", "title": "Krachtenveld", "per": "sessie", "figure": "grid",
         "items": ["Omhoog: invloed. Hoeveel kan deze partij beslissen?",
                   "Naar rechts: belang. Hoe belangrijk is steun aan ouders voor deze partij?",
                   "Veel invloed, weinig belang: warm maken.", "Veel invloed, veel belang: "
                   "samen optrekken.", "Weinig invloed, weinig belang: informeren.",
                   "Weinig invloed, veel belang: een stem geven."]}],
    "kennismaken-netwerkkaart": [
        {"kind": "poster", "title": "Netwerkkaart", "per": "sessie", "copies": 2,
         "figure": "circles", "items": ["Ik", "Dichtbij", "Soms", "Ver weg"]}],
    "kern-van-het-samen-doen": [
        {"kind": "poster", "title": "Tijdlijn van de casus", "per": "sessie",
         "figure": "timeline", "items": [
             "Herfst: de zoon begint te spijbelen.", "De mentor belt twee keer.",
             "School vraagt het wijkteam om hulp.", "Brief van het wijkteam.",
             "De wijkcoach belt; moeder neemt niet op.", "Moeder vraagt de vrijwilliger."]},
        {"kind": "poster", "title": "Sociale kaart van de wijk", "per": "sessie",
         "figure": "map", "items": ["Groen: formele steun", "Geel: informele steun",
                                    "Rood: wat ontbreekt"]}],
    "afspraken-voor-vervolg": [
        {"kind": "poster", "title": "Onze afspraken", "per": "sessie", "figure": "none",
         "items": ["Wat gaan we doen?", "Wie doet het?", "Wanneer is het klaar?"]}],
    "wens-voor-de-toekomst": [
        {"kind": "cards", "title": "Wenskaarten", "per": "deelnemer",
         "items": ["Mijn wens voor samen opvoeden in {{ municipality }}:"]}],
}
EXERCISES = ("kennismaken-netwerkkaart, verwachtingen-over-en-weer, stellingenspel, "
             "vormen-van-samenwerking, rollen-van-de-gemeente, wat-staat-in-de-weg, "
             "kern-van-het-samen-doen, afspraken-voor-vervolg, wens-voor-de-toekomst")
SESSION = f"""\
municipality: "'s-Hertogenbosch"
title: "Samen <b>sterk</b> & {{{{ x }}}}"
date: 2027-04-08
start: "09:00"
dayparts: 2
audience: [professionals, informal, policy]
participants: 21
venue: "Wijkcentrum De Helftheuvel"
facilitators:
  - name: "Gülşen Yıldız"
    organisation: "Stichting Kardeş & Co"
  - name: "{ARABIC_NAME}"
    organisation: "{ARABIC_ORGANISATION}"
  - name: "İlknur Łukasz-Żak"
    organisation: "<b>Wijkteam</b> {{{{ x }}}}"
exercises: [{EXERCISES}]
"""
TWO_DAYS = """\
municipality: Súdwest-Fryslân
date: 2027-09-14
start: "09:00"
dayparts: 4
audience: [professionals, informal, policy]
facilitators: [{name: Anneke Hoekstra}, {name: Mohammed El Amrani}]
allow_slack: true
exercises: [kennismaken-netwerkkaart, verwachtingen-over-en-weer, stellingenspel,
            beeld-van-elkaar, kracht-van-de-ander, vormen-van-samenwerking,
            rollen-van-de-gemeente, wat-staat-in-de-weg, krachtenveldanalyse,
            kern-van-het-samen-doen, afspraken-voor-vervolg, wens-voor-de-toekomst]
"""


def _flat(text: str) -> str:
    """Extracted text with presentation forms folded (NFKC) and whitespace runs as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _size(page: Any) -> tuple[int, int]:
    return round(float(page.mediabox.width)), round(float(page.mediabox.height))


def write_exercises(folder: Path) -> Path:
    """Packaged exercises with the printables above in their front matter, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for exercise_id, items in PRINTABLES.items():
        text = (ROOT / "exercises" / f"{exercise_id}.md").read_text(encoding="utf-8")
        head, _, body = text.removeprefix("---\n").partition("\n---\n")
        meta = yaml.safe_load(head)
        meta["printables"] = items
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
        (folder / f"{exercise_id}.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return folder


class Out:
    """The three PDFs of one pack, with each page's text."""

    def __init__(self, pack: Pack, folder: Path) -> None:
        self.pack, self.folder = pack, folder
        folder.mkdir(parents=True, exist_ok=True)
        self.run = runsheet.render(pack, folder / "draaiboek.pdf")
        self.prints = printables.render(pack, folder / "materialen-printen.pdf")
        self.tents = namecards.render(pack, folder / "naambordjes.pdf")
        self.readers = {name: PdfReader(folder / name) for name in
                        ("draaiboek.pdf", "materialen-printen.pdf", "naambordjes.pdf")}
        self.pages = {name: [_flat(p.extract_text()) for p in reader.pages]
                      for name, reader in self.readers.items()}

    def text(self, name: str) -> str:
        return " ".join(self.pages[name])


def _without_printables(pack: Pack) -> Pack:
    return dataclasses.replace(pack, exercises=tuple(
        dataclasses.replace(ex, printables=()) for ex in pack.exercises))


@pytest.fixture(scope="module")
def render(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Out]:
    """Render a named scenario once per module."""
    cache: dict[str, Out] = {}

    def pack_of(name: str, folder: Path) -> Pack:
        if name == "example":
            return compose(prepare(EXAMPLES / "twee-dagdelen-met-gemeente.yaml"))
        if name == "two-days":
            session = folder / "twee-dagen.yaml"
            session.write_text(TWO_DAYS, encoding="utf-8")
            return compose(prepare(session))
        session = folder / "sessie.yaml"
        session.write_text(SESSION, encoding="utf-8")
        if name == "alone":  # one facilitator: leads everything, nobody supports
            session = _one_facilitator(session)
        elif name == "nobody":
            session = _no_facilitators(session)
        pack = compose(prepare(session, [write_exercises(folder / "eigen")]))
        return _without_printables(pack) if name == "nothing" else pack

    def get(name: str) -> Out:
        if name not in cache:
            folder = tmp_path_factory.mktemp(name)
            cache[name] = Out(pack_of(name, folder), folder / "out")
        return cache[name]

    return get


def _one_facilitator(session: Path) -> Path:
    text = session.read_text(encoding="utf-8")
    start = text.index(f'  - name: "{ARABIC_NAME}"')
    end = text.index("exercises:")
    path = session.with_name("alleen.yaml")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def _no_facilitators(session: Path) -> Path:
    text = session.read_text(encoding="utf-8")
    start, end = text.index("facilitators:"), text.index("exercises:")
    path = session.with_name("niemand.yaml")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def _all(pack: Pack) -> list[PrintableContent]:
    return [p for ex in pack.exercises for p in ex.printables]


# --- the printables --------------------------------------------------------------------------

def test_the_scenario_has_every_kind_and_figure(render) -> None:
    items = _all(render("all").pack)
    assert {p.kind for p in items} == {"cards", "sheet", "poster"}
    assert {p.figure for p in items if p.kind == "poster"} == {
        "circles", "quadrant", "grid", "four", "map", "timeline", "none"}


def test_posters_are_on_a3_and_everything_else_on_a4(render) -> None:
    out = render("all")
    pages = out.readers["materialen-printen.pdf"].pages
    sizes = [_size(p) for p in pages]
    posters = [p for p in _all(out.pack) if p.kind == "poster"]
    assert sizes[0] == A4_PORTRAIT
    a3 = [s for s in sizes if s in (A3_PORTRAIT, A3_LANDSCAPE)]
    assert len(a3) == sum(p.copies for p in posters)
    assert set(sizes) - {A4_PORTRAIT, A3_PORTRAIT, A3_LANDSCAPE} == set()
    # The A3 pages come last, in one run: a print shop gets one range.
    first = sizes.index(a3[0])
    assert all(s in (A3_PORTRAIT, A3_LANDSCAPE) for s in sizes[first:])
    for poster in posters:
        found = [n for n, text in enumerate(out.pages["materialen-printen.pdf"])
                 if sizes[n] in (A3_PORTRAIT, A3_LANDSCAPE) and text.startswith(poster.title)]
        assert len(found) == poster.copies, poster.title
        upright = poster.figure in ("circles", "none")
        assert {sizes[n] for n in found} == {A3_PORTRAIT if upright else A3_LANDSCAPE}


def test_no_page_is_left_empty(render) -> None:
    reader = render("all").readers["materialen-printen.pdf"]
    for number, page in enumerate(reader.pages, start=1):
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        running = 4 if _size(page) == A4_PORTRAIT else 2  # header and footer, or footer
        assert len(lines) > running, number


def test_card_pages_hold_eight_cards_each_with_its_footer(render) -> None:
    out = render("all")
    pages = out.pages["materialen-printen.pdf"]
    cards = [p for p in _all(out.pack) if p.kind == "cards"]
    card_pages = [n for n, text in enumerate(pages) if re.search(r" · set \d+\b", text)]
    assert len(card_pages) == sum(-(-p.copies * len(p.items) // 8) for p in cards)
    text = " ".join(pages[n] for n in card_pages)
    for item in cards:
        twice = sum(p.exercise_id == item.exercise_id for p in cards) > 1
        footer = item.exercise_title + (f" · {item.title}" if twice else "")
        footers = re.findall(rf"{re.escape(footer)} · set (\d+)(?!\d)", text)
        assert len(footers) == item.copies * len(item.items), item.title
        assert {int(n) for n in footers} == set(range(1, item.copies + 1))
        for card in item.items:  # every card's text, whole (a word too long is broken)
            flat = _flat(card).replace(" ", "")
            assert text.replace(" ", "").count(flat) >= item.copies, card


def test_cards_are_cut_along_dashed_lines(render) -> None:
    out = render("all")
    reader = out.readers["materialen-printen.pdf"]
    page = next(reader.pages[n] for n, text in enumerate(out.pages["materialen-printen.pdf"])
                if " · set 1" in text)
    content = page.get_contents().get_data().decode("latin-1")
    assert re.search(r"\[3 2\.5\] 0 d", content)  # a dash pattern ...
    assert content.count(" l\n") + content.count(" l S") >= 3 + 5  # ... on the cut lines


def test_sheets_and_posters_carry_their_texts(render) -> None:
    out = render("all")
    pages = out.pages["materialen-printen.pdf"]
    for item in _all(out.pack):
        if item.kind == "cards":
            continue
        holding = [text for text in pages if item.title in text]
        assert len(holding) >= item.copies, item.title
        shown = " ".join(holding).lower().replace(":", "")
        for text in item.items:  # a poster shows "Label: explanation" as label over text
            assert _flat(text).lower().replace(":", "") in shown, (item.title, text)


def test_the_first_page_tells_what_to_print(render) -> None:
    out = render("all")
    first = out.pages["materialen-printen.pdf"][0]
    assert "Materialen om te printen" in first and "enkelzijdig" in first
    assert "knippen langs de stippellijnen" in first and "niet knippen" in first
    assert "A3" in first and "A4" in first
    for item in _all(out.pack):
        assert _flat(item.title) in first, item.title
    # Page ranges in the overview are where the items are.
    anchors = out.prints.anchors
    assert anchors["stellingenspel"] == [2, 3, 4]  # 2 sets of 10 cards: three pages
    assert "2–4" in first


def test_each_item_has_a_bookmark_where_it_starts(render) -> None:
    out = render("all")
    reader = out.readers["materialen-printen.pdf"]
    outline = {o.title: reader.get_destination_page_number(o) + 1 for o in reader.outline}
    assert outline.pop("Printoverzicht") == 1
    words = {"cards": "kaarten", "sheet": "blad", "poster": "poster"}
    starts = {f"{p.title} ({words[p.kind]})": p for p in _all(out.pack)}
    assert set(outline) == set(starts)
    for title, page in outline.items():
        assert page in out.prints.anchors[starts[title].exercise_id], title


def test_an_exercise_with_two_card_sets_names_the_set_on_each_card(render) -> None:
    text = render("all").text("materialen-printen.pdf")
    assert "Vormen van samenwerking · Voorbeeldkaarten · set 1" in text
    assert "Vormen van samenwerking · Vormkaarten · set 1" in text


def test_a_programme_without_printables_gets_one_page_saying_so(render) -> None:
    out = render("nothing")
    assert out.prints.count == 1
    assert "Voor dit programma hoeft niets extra geprint te worden." in \
        out.pages["materialen-printen.pdf"][0]


def test_user_strings_on_cards_and_posters_come_out_as_typed(tmp_path: Path, render) -> None:
    pack = render("nothing").pack
    first = pack.exercises[0]
    hostile = ("<b>vet</b> & {{ x }}", ARABIC_NAME, "Gülşen Yıldız · Łódź · İzmir", "&amp;")
    pack = dataclasses.replace(pack, exercises=(dataclasses.replace(first, printables=(
        PrintableContent(first.id, first.title, "cards", "<i>Kaart</i> & co", 1, hostile,
                         "none", "A4"),
        PrintableContent(first.id, first.title, "poster", "Poster <b>x</b>", 1,
                         ("Kardeş & Co", "<b>", ARABIC_ORGANISATION, "Ver weg"), "circles",
                         "A3"))), *pack.exercises[1:]))
    printables.render(pack, tmp_path / "p.pdf")
    text = " ".join(_flat(p.extract_text()) for p in PdfReader(tmp_path / "p.pdf").pages)
    for value in (*hostile, "<i>Kaart</i> & co", "Poster <b>x</b>", "Kardeş & Co",
                  ARABIC_ORGANISATION):
        assert value in text, value


def test_fitted_text_never_outgrows_its_box() -> None:
    from reportlab.platypus import Paragraph

    from opvoedkit.render.paper import _style
    from opvoedkit.render.pdf import escape

    texts = ("Kort.", "Een stelling van gemiddelde lengte over ouders en het wijkteam.",
             "woord " * 120, LONG_WORD)
    for text in texts:
        for width, height in ((200, 140), (120, 60), (400, 40)):
            found = fitted_size((text,), width, height, largest=18, smallest=6)
            if found is None:
                continue
            size, broken = found
            para = Paragraph(escape(text), _style(size, False, True, 1.22))
            assert para.wrap(width, height)[1] <= height + 0.01
            assert broken or para.minWidth() <= width + 0.01
    assert fitted_size(("Kort.",), 200, 140, largest=18, smallest=6) == (18, False)


def test_a_box_shown_again_in_a_document_is_laid_out_once_and_draws_the_same() -> None:
    # A PackCanvas keeps each document's text boxes (the copies of a card set show the same
    # boxes again); a plain canvas lays out every box afresh. Both draw the same bytes.
    import io

    from reportlab.pdfgen.canvas import Canvas

    from opvoedkit.render.paper import draw_text_box

    def drawn(keep: bool) -> tuple[bytes, int]:
        out = io.BytesIO()
        canvas = Canvas(out, invariant=1)
        if keep:
            canvas.text_boxes = {}
        for page in range(3):
            for n, text in enumerate(("Kort.", "woord " * 40, f"{LONG_WORD} {ARABIC_NAME}")):
                draw_text_box(canvas, [text, "onder"], 40 + page, 100 * n + 50, 200, 90,
                              largest=18, smallest=7, first_bold=True, valign="top")
            canvas.showPage()
        canvas.save()
        return out.getvalue(), len(getattr(canvas, "text_boxes", ()))

    assert drawn(True) == (drawn(False)[0], 3)


# --- the run sheet ---------------------------------------------------------------------------

def test_run_sheet_is_a4_landscape_with_every_block_lead_and_support(render) -> None:
    out = render("all")
    reader = out.readers["draaiboek.pdf"]
    assert {_size(p) for p in reader.pages} == {A4_LANDSCAPE}
    text = out.text("draaiboek.pdf")
    blocks = out.pack.program.blocks()
    for block in blocks:
        assert _flat(block.title) in text, block.title
        for person in (block.lead, block.support):
            if person:
                assert _flat(person) in text, person
    for column in ("Tijd", "Blok", "Leiding", "Ondersteuning", "Werkvorm", "Opstelling",
                   "Materialen"):
        assert all(column in page for page in out.pages["draaiboek.pdf"]), column
    for daypart in out.pack.program.dayparts:
        assert f"Dagdeel {daypart.number}: donderdag 8 april 2027" in text
    assert "in tweetallen · " in text and "koffie, thee en water klaar" in text
    assert "tafels voor " in text and "stoelen in paren" in text


def test_run_sheet_columns_are_as_wide_as_reportlab_draws_them() -> None:
    # A table with a SPAN draws each cell as wide as the difference of its column positions.
    from itertools import accumulate, pairwise

    widths = [21.5 * 2.8346, *(x * 700.17 / 0.81 for x in (0.12, 0.12, 0.17, 0.2, 0.2))]
    drawn = runsheet._as_drawn(widths)
    assert list(accumulate(drawn, initial=0.0)) == list(accumulate(widths, initial=0.0))
    assert drawn == [b - a for a, b in pairwise(accumulate(drawn, initial=0.0))]


def test_run_sheet_times_follow_the_plan(render) -> None:
    out = render("example")
    text = out.text("draaiboek.pdf")
    from opvoedkit.planner import clock

    found = re.findall(r"(\d\d:\d\d)–(\d\d:\d\d) \d+ min", text)
    assert found == [(clock(b.start), clock(b.end)) for b in out.pack.program.blocks()]


def test_each_meeting_day_has_its_own_sheets(render) -> None:
    out = render("two-days")
    days = {d.day: d for d in out.pack.program.dayparts}
    assert len(days) == 2
    pages = out.pages["draaiboek.pdf"]
    for page in pages:  # a page speaks of one day only (the footer names both dates)
        body = page.split("pagina ", 1)[1]
        found = {day for day, d in days.items()
                 if re.search(rf"Dagdeel \d: \w+ {d.date.day} ", body)}
        assert len(found) == 1, page[:200]


def test_a_day_that_nearly_fits_one_page_is_set_smaller(tmp_path: Path,
                                                        write_session) -> None:
    session = write_session("""\
municipality: Zwolle
dayparts: 1
daypart_minutes: 300
audience: [professionals, informal, policy]
facilitators: [{name: Anneke Hoekstra}]
allow_slack: true
exercises: [kennismaken-netwerkkaart, verwachtingen-over-en-weer, beeld-van-elkaar,
            vormen-van-samenwerking, rollen-van-de-gemeente, wat-staat-in-de-weg,
            kern-van-het-samen-doen]
""")
    pack = compose(prepare(session))
    assert runsheet.render(pack, tmp_path / "draaiboek.pdf").count == 1


def test_run_sheet_leaves_out_the_roles_nobody_has(render) -> None:
    alone, nobody = render("alone"), render("nobody")
    assert "Leiding" in alone.text("draaiboek.pdf")
    assert "Ondersteuning" not in alone.text("draaiboek.pdf")
    assert "Gülşen Yıldız" in alone.text("draaiboek.pdf")
    assert "Leiding" not in nobody.text("draaiboek.pdf")
    assert "Ondersteuning" not in nobody.text("draaiboek.pdf")


def test_breaks_and_lunch_are_shaded(render) -> None:
    reader = render("example").readers["draaiboek.pdf"]
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert ".952941 .917647 .843137 rg" in content  # #f3ead7, the pause fill


# --- the name tents --------------------------------------------------------------------------

def _placed(page: Any) -> list[tuple[str, float, float]]:
    """(text, matrix a, page y) of every text run on a page."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((unicodedata.normalize("NFKC", text).strip(), cm[0] * tm[0], y))

    page.extract_text(visitor_text=visit)
    return found


def test_name_tents_fold_with_the_name_upright_on_both_sides(render) -> None:
    out = render("all")
    reader = out.readers["naambordjes.pdf"]
    pack = out.pack
    assert len(reader.pages) == len(pack.facilitators) + pack.participants + 4
    assert {_size(p) for p in reader.pages} == {A4_LANDSCAPE}
    half = A4_LANDSCAPE[1] / 2
    for page, person in zip(reader.pages, pack.facilitators, strict=False):
        runs = [(a, y) for text, a, y in _placed(page) if text == person.name]
        assert len(runs) == 2, person.name
        assert any(a > 0 and y < half for a, y in runs)   # the lower half reads upright ...
        assert any(a < 0 and y > half for a, y in runs)   # ... the upper half is turned 180°
        assert _flat(page.extract_text()).count(_flat(person.organisation or "")) == 2
    blank = reader.pages[len(pack.facilitators):]
    assert all(_flat(p.extract_text()).count("Schrijf hier je naam") == 2 for p in blank)
    assert "vouwlijn" in _flat(blank[0].extract_text())
    outline = [(o.title, reader.get_destination_page_number(o)) for o in reader.outline]
    assert outline == [*((p.name, n) for n, p in enumerate(pack.facilitators)),
                       (f"Lege naambordjes ({pack.participants + 4})", len(pack.facilitators))]


def test_names_come_out_exactly_as_typed(render) -> None:
    out = render("all")
    for value in TRICKY:  # the tents name the meeting by its title only
        assert value in out.text("naambordjes.pdf") or value == "'s-Hertogenbosch", value
        assert value in out.text("draaiboek.pdf"), value
    for name in (ARABIC_NAME, ARABIC_ORGANISATION):
        assert name in out.text("naambordjes.pdf"), name
    assert ARABIC_NAME in out.text("draaiboek.pdf")
    assert "'s-Hertogenbosch" in out.text("materialen-printen.pdf")
    assert "&amp;" not in out.text("draaiboek.pdf") + out.text("naambordjes.pdf")


# --- all three -------------------------------------------------------------------------------

NAMES = ("draaiboek.pdf", "materialen-printen.pdf", "naambordjes.pdf")


@pytest.mark.parametrize("name", NAMES)
def test_metadata_language_and_pdf_version(render, name: str) -> None:
    out = render("all")
    reader = out.readers[name]
    assert reader.pdf_header == "%PDF-1.7"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    meta = reader.metadata
    assert meta.title and "Samen <b>sterk</b> & {{ x }}" in meta.title
    assert "Gülşen Yıldız" in meta.author and meta.subject and meta.creator == "opvoedkit"
    assert meta.creation_date.replace(tzinfo=None) == build_timestamp(out.pack.date)


def test_kinds_and_page_counts(render) -> None:
    out = render("all")
    assert (out.run.kind, out.prints.kind, out.tents.kind) == \
        ("run-sheet", "printables", "name-cards")
    for rendered, name in ((out.run, NAMES[0]), (out.prints, NAMES[1]), (out.tents, NAMES[2])):
        assert rendered.count == len(out.readers[name].pages)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
@pytest.mark.parametrize("name", NAMES)
def test_qpdf_finds_no_errors(render, name: str) -> None:
    result = subprocess.run(["qpdf", "--check", str(render("all").folder / name)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_same_input_gives_identical_bytes(render, tmp_path: Path) -> None:
    first = render("all")
    again = Out(first.pack, tmp_path / "again")
    for name in NAMES:
        assert (first.folder / name).read_bytes() == (again.folder / name).read_bytes(), name


@pytest.mark.parametrize("name", NAMES)
def test_every_font_is_embedded(render, name: str) -> None:
    from .test_pdfs import _fonts

    fonts = _fonts(render("all").readers[name])
    assert fonts
    for font in fonts:
        for part in font.get("/DescendantFonts", [font]):
            descriptor = part.get_object().get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object()
