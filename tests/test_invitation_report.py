"""The invitation (uitnodiging.docx) and the report template (verslag-sjabloon.docx).

Packs are built through the public API (prepare, compose) and both files read back with
python-docx and as XML: Word's own heading styles, nl-NL, placeholders where the session says
nothing, only the audiences that attend, names exactly as typed, the agreements table with a
repeating header row, equal bytes on a rebuild; LibreOffice Writer turns both into PDF with
their text intact.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader

from opvoedkit.compose import compose
from opvoedkit.pack import Pack
from opvoedkit.preflight import prepare
from opvoedkit.render import build_timestamp, invitation, report_docx

from .conftest import EXAMPLES
from .docx_reading import W
from .docx_reading import all_text as _all_text
from .docx_reading import headings as _headings
from .docx_reading import parts as _parts
from .docx_reading import text as _text

ARABIC = "مريم"
NAMES = {
    "municipality": "'s-Hertogenbosch",
    "title": "Samen <b>sterk</b> & {{ x }}",
    "venue": "Buurthuis Łódź <b>zaal</b> {{ x }}",
    "turkish": "Gülşen Yıldız",
    "organisation": "Stichting Kardeş & Co",
    "arabic": ARABIC,
    "arabic_organisation": "مؤسسة مريم للأسرة",
}
NAMES_SESSION = f"""\
municipality: "{NAMES['municipality']}"
title: "{NAMES['title']}"
date: 2027-03-18
start: "09:30"
audience: [professionals, informal]
participants: {{professionals: 8, informal: 6}}
venue: "{NAMES['venue']}"
facilitators:
  - name: "{NAMES['turkish']}"
    organisation: "{NAMES['organisation']}"
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
# No date, venue, contact or facilitators; volunteers only, in the evening.
UNDATED_SESSION = """\
municipality: "'s-Hertogenbosch"
start: "19:00"
daypart_minutes: 150
audience: [informal]
exercises: [kennismaken-wie-zit-er-aan-tafel, sociale-kaart-van-de-wijk,
            {id: wens-voor-de-toekomst, minutes: 15}]
"""
FULL_DAY = "twee-dagdelen-met-gemeente"
SCENARIOS = (FULL_DAY, "names", "undated")
AGREEMENT_HEADER = ["Wat", "Wie (formeel)", "Wie (informeel)", "Wanneer"]
INVITATION_HEADINGS = ["Wat is het?", "Waarom deze bijeenkomst?", "Voor wie?",
                       "Wanneer en waar?", "Het programma", "Aanmelden",
                       "Wat regelen we voor je?", "Wie leiden de bijeenkomst?"]
REPORT_HEADINGS = ["Gegevens van de bijeenkomst", "Programma", "Wat kwam eruit?", "Afspraken",
                   "Evaluatie", "Vervolgafspraak", "Verstuurd aan"]


@dataclass
class Built:
    """One pack's invitation and report template."""

    pack: Pack
    invitation: Path
    report: Path
    counts: tuple[int, int]

    def docx(self, which: str) -> Any:
        return Document(str(self.invitation if which == "invitation" else self.report))

    def path(self, which: str) -> Path:
        return self.invitation if which == "invitation" else self.report


def _render(pack: Pack, folder: Path) -> Built:
    folder.mkdir(parents=True, exist_ok=True)
    one = invitation.render(pack, folder / "uitnodiging.docx")
    two = report_docx.render(pack, folder / "verslag-sjabloon.docx")
    assert (one.kind, two.kind) == ("invitation", "report-template")
    return Built(pack, one.path, two.path, (one.count, two.count))


def _pack(name: str, folder: Path) -> Pack:
    written = {"names": NAMES_SESSION, "undated": UNDATED_SESSION}
    if name not in written:
        return compose(prepare(EXAMPLES / f"{name}.yaml"))
    source = folder / "sessie.yaml"
    source.write_text(written[name], encoding="utf-8")
    Image.new("RGB", (300, 120), "#0a5c8f").save(folder / "logo-gemeente.png")
    return compose(prepare(source))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """Render a named scenario once per module."""
    cache: dict[str, Built] = {}

    def get(name: str) -> Built:
        if name not in cache:
            folder = tmp_path_factory.mktemp(name)
            cache[name] = _render(_pack(name, folder), folder / "out")
        return cache[name]

    return get


# --- reading back ---------------------------------------------------------------------------


def _document(path: Path) -> Any:
    return dict(_parts(path))["word/document.xml"]


def _style_id(node: Any) -> str | None:
    style = node.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def _section(path: Path, title: str) -> list[Any]:
    """The body's paragraphs and tables after the heading ``title`` up to the next heading of
    the same or a higher level."""
    body = list(_document(path).find(f"{W}body"))
    levels = {f"Heading{n}": n for n in (1, 2, 3)}
    start = next(i for i, node in enumerate(body) if _style_id(node) in levels
                 and _text(node) == title)
    level = levels[_style_id(body[start]) or ""]
    out = []
    for node in body[start + 1:]:
        if levels.get(_style_id(node) or "", 9) <= level:
            break
        out.append(node)
    return out


def _section_text(path: Path, title: str) -> str:
    return "\n".join(_text(p) for node in _section(path, title) for p in node.iter(f"{W}p"))


def _rows(table: Any) -> list[list[str]]:
    """The cell texts of a table (python-docx), row by row."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- both files -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", SCENARIOS)
def test_headings_use_words_own_heading_styles(built: Callable[[str], Built],
                                               name: str) -> None:
    out = built(name)
    invite, report = _headings(out.docx("invitation")), _headings(out.docx("report"))
    assert [t for level, t in invite if level == 1] == INVITATION_HEADINGS
    assert [t for level, t in report if level == 1] == REPORT_HEADINGS
    assert out.counts == (len(INVITATION_HEADINGS), len(REPORT_HEADINGS))
    for doc in (out.docx("invitation"), out.docx("report")):
        headings = [p for p in doc.paragraphs if p.style.name.startswith("Heading")]
        assert headings and all(p.style.builtin for p in headings)
        assert {p.style.name for p in headings} <= {"Heading 1", "Heading 2"}
    several = len(out.pack.program.dayparts) > 1
    assert bool([t for level, t in invite if level == 2]) == several


@pytest.mark.parametrize("which", ["invitation", "report"])
def test_language_is_dutch_everywhere(built: Callable[[str], Built], which: str) -> None:
    path = built("names").path(which)
    parts = dict(_parts(path))
    styles = parts["word/styles.xml"]
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == "nl-NL" and default.get(f"{W}bidi") == "ar-SA"
    for style in styles.iter(f"{W}style"):  # our own styles (Invulhulp) too
        if style.get(f"{W}type") in ("paragraph", "character"):
            assert style.find(f"{W}rPr/{W}lang").get(f"{W}val") == "nl-NL", \
                style.get(f"{W}styleId")
    for name, root in parts.items():
        for lang in root.iter(f"{W}lang"):
            assert lang.get(f"{W}val") in (None, "nl-NL"), name
    assert Document(str(path)).core_properties.language == "nl-NL"


def test_names_come_out_exactly_as_typed(built: Callable[[str], Built]) -> None:
    out = built("names")
    for which in ("invitation", "report"):
        text = _all_text(out.path(which))
        for key, value in NAMES.items():
            assert value in text, (which, key)
        assert "&amp;" not in text and "&lt;" not in text
    assert "Dat kan bij " + ARABIC in _all_text(out.invitation)  # the contact, as typed


@pytest.mark.parametrize("which", ["invitation", "report"])
def test_arabic_runs_are_right_to_left(built: Callable[[str], Built], which: str) -> None:
    document = _document(built("names").path(which))
    arabic = re.compile("[\u0600-\u06ff]")
    runs = [r for r in document.iter(f"{W}r") if arabic.search(_text(r))]
    assert ARABIC in {_text(r) for r in runs}
    for run in runs:
        assert run.find(f"{W}rPr/{W}rtl") is not None, _text(run)
        assert run.find(f"{W}rPr/{W}lang").get(f"{W}bidi") == "ar-SA"
        assert not re.search("[A-Za-z]", _text(run))
    for run in document.iter(f"{W}r"):
        if not arabic.search(_text(run)):
            assert run.find(f"{W}rPr/{W}rtl") is None


@pytest.mark.parametrize("which", ["invitation", "report"])
def test_properties_are_ours(built: Callable[[str], Built], which: str) -> None:
    out = built("names")
    props = out.docx(which).core_properties
    word = "Uitnodiging" if which == "invitation" else "Verslag"
    assert props.title == f"{word} – {out.pack.full_title}"
    assert NAMES["title"] in props.title and NAMES["municipality"] in props.subject
    assert NAMES["turkish"] in props.author and ARABIC in props.author
    stamp = build_timestamp(out.pack.date)
    assert props.created == props.modified == stamp.replace(tzinfo=dt.UTC)
    assert props.last_modified_by == "opvoedkit" and props.category == word
    with zipfile.ZipFile(out.path(which)) as archive:
        everything = b"".join(archive.read(n) for n in archive.namelist())
    assert b"python-docx" not in everything and b"Macintosh" not in everything


def test_rebuilding_gives_identical_bytes(tmp_path: Path) -> None:
    pack = compose(prepare(EXAMPLES / f"{FULL_DAY}.yaml"))
    first = _render(pack, tmp_path / "a")
    time.sleep(1.1)  # a different wall-clock second must not matter
    second = _render(pack, tmp_path / "b")
    for one, other in ((first.invitation, second.invitation), (first.report, second.report)):
        assert one.read_bytes() == other.read_bytes(), one.name
        with zipfile.ZipFile(one) as archive:
            stamps = {info.date_time for info in archive.infolist()}
            assert archive.namelist()[0] == "[Content_Types].xml"
        assert stamps == {build_timestamp(pack.date).timetuple()[:6]}


def test_placeholders_stand_where_the_session_says_nothing(
        built: Callable[[str], Built]) -> None:
    out = built("undated")
    invite, report = _all_text(out.invitation), _all_text(out.report)
    for text in (invite, report):
        assert "[datum invullen]" in text and "[plaats invullen]" in text
    assert "[naam en e-mailadres of telefoonnummer invullen]" in invite
    assert "[namen van de begeleiders invullen]" in invite
    for path in (out.invitation, out.report):  # highlighted, so that none is sent unfilled
        marked = {_text(r) for r in _document(path).iter(f"{W}r")
                  if r.find(f"{W}rPr/{W}highlight") is not None}
        assert "[datum invullen]" in marked and "[plaats invullen]" in marked
        assert all(m.startswith("[") and m.endswith("]") for m in marked), marked
    dated = built(FULL_DAY)
    for path in (dated.invitation, dated.report):
        text = _all_text(path)
        assert "[datum invullen]" not in text and "[plaats invullen]" not in text
        assert dated.pack.date_text and dated.pack.date_text in text
        assert dated.pack.venue and dated.pack.venue in text


# --- the invitation -------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "present", "absent"), [
    (FULL_DAY, ("Professionals", "Vrijwilligers", "gemeente Súdwest-Fryslân"), ()),
    ("names", ("Professionals", "Vrijwilligers"), ("gemeente",)),
    ("undated", ("Vrijwilligers",), ("Professionals", "gemeente")),
])
def test_for_whom_names_only_the_audiences_present(built: Callable[[str], Built], name: str,
                                                   present: tuple[str, ...],
                                                   absent: tuple[str, ...]) -> None:
    out = built(name)
    section = _section_text(out.invitation, "Voor wie?")
    for word in present:
        assert word in section, word
    for word in absent:
        assert word not in section, word
    bullets = [n for n in _section(out.invitation, "Voor wie?")
               if n.find(f"{W}pPr/{W}numPr") is not None or _style_id(n) == "ListBullet"]
    assert len(bullets) == len(out.pack.audience)
    # The volunteers' fee only when volunteers come.
    assert ("vergoeding" in _all_text(out.invitation)) == ("informal" in out.pack.audience)


def test_invitation_says_when_where_and_the_programme(built: Callable[[str], Built]) -> None:
    out = built(FULL_DAY)
    pack = out.pack
    when = _flat(_section_text(out.invitation, "Wanneer en waar?"))
    assert pack.date_text and pack.date_text in when and pack.venue and pack.venue in when
    for daypart in pack.program.dayparts:
        start, end = (f"{m // 60:02d}:{m % 60:02d}" for m in (daypart.start, daypart.end))
        assert f"van {start} tot {end} uur" in when
    assert pack.first_start == "09:00" and "lunch: van 12:30 tot 13:15 uur" in when
    assert "vanaf 08:45 uur" in when
    tables = out.docx("invitation").tables
    assert len(tables) == len(pack.program.dayparts)
    rows = [row for table in tables for row in _rows(table)[1:]]
    for ex in pack.exercises:
        assert [f"{ex.start}–{ex.end}", ex.title] in rows, ex.title
    assert any(what == "Pauze" for _, what in rows) and any(what == "Lunch" for _, what in rows)
    for table in tables:
        assert table._tbl.findall(f"{W}tr")[0].find(f"{W}trPr/{W}tblHeader") is not None


def test_invitation_tells_how_to_register_and_what_is_arranged(
        built: Callable[[str], Built]) -> None:
    out = built(FULL_DAY)
    contact = out.pack.contact
    assert contact and contact.email and contact.phone
    register = _flat(_section_text(out.invitation, "Aanmelden"))
    for value in (contact.name, contact.email, contact.phone, "[uiterste datum invullen]"):
        assert value in register, value
    arranged = _section_text(out.invitation, "Wat regelen we voor je?")
    for word in ("vergoeding", "[bedrag invullen]", "kinderopvang", "halal", "vegetarisch",
                 "tolk", "bidden", "lunch"):
        assert word in arranged, word
    leaders = _section_text(out.invitation, "Wie leiden de bijeenkomst?")
    for person in out.pack.facilitators:
        assert f"{person.name} ({person.organisation})" in leaders
    why = _section_text(out.invitation, "Waarom deze bijeenkomst?")
    assert "elkaar beter kennen" in why and "afspraken" in why and "steun die bij hen past" \
        in why
    one_side = _section_text(built("undated").invitation, "Waarom deze bijeenkomst?")
    assert "professionals" in one_side and "elkaar beter kennen" not in one_side


def test_invitation_is_plain_dutch(built: Callable[[str], Built]) -> None:
    """B1: short sentences, "je", none of the words the content brief asks to avoid."""
    for name in SCENARIOS:
        out = built(name)
        text = _flat(_all_text(out.invitation))
        for word in ("u ", "uw ", "gelijkwaardigheid", "intermediair", "regievoerder",
                     "casushouder", "instantie", "incidentmethode"):
            assert f" {word}" not in f" {text.lower()}", (name, word)
        for paragraph in out.docx("invitation").paragraphs:
            if "\t" in paragraph.text:  # labelled facts, not sentences
                continue
            plain = paragraph.text.replace(out.pack.municipality, "X").replace(
                out.pack.title, "X")
            for sentence in re.split(r"(?<=[.?!])\s+", plain):
                assert len(sentence.split()) <= 15, sentence
        assert " je " in text


# --- the report template --------------------------------------------------------------------

@pytest.mark.parametrize("name", SCENARIOS)
def test_report_has_a_box_per_exercise_with_a_grey_hint(built: Callable[[str], Built],
                                                        name: str) -> None:
    out = built(name)
    headings = _headings(out.docx("report"))
    titles = [t for level, t in headings if level == 2 and t in
              {ex.title for ex in out.pack.exercises}]
    assert titles == [ex.title for ex in out.pack.exercises]
    doc = out.docx("report")
    hint = doc.styles["Invulhulp"]
    assert hint.font.italic and str(hint.font.color.rgb) == "5A5A5A"
    for ex in out.pack.exercises:
        section = _section(out.report, ex.title)
        assert [n.tag for n in section] == [f"{W}tbl"], ex.title  # the box, nothing loose
        row = section[0].find(f"{W}tr")
        assert row.find(f"{W}trPr/{W}cantSplit") is not None
        paragraphs = row.findall(f"{W}tc/{W}p")
        styles = [_style_id(p) for p in paragraphs]
        assert "Invulhulp" in styles, ex.title
        assert ex.start in _text(paragraphs[0]) and (ex.lead or "") in _text(paragraphs[0])
        empty = [p for p in paragraphs if not _text(p)]
        assert len(empty) >= 5, ex.title


def test_agreements_table_has_a_repeating_header_and_five_empty_rows(
        built: Callable[[str], Built]) -> None:
    for name in SCENARIOS:
        out = built(name)
        tables = [t for t in out.docx("report").tables if _rows(t)[0] == AGREEMENT_HEADER]
        assert len(tables) == 1, name
        table = tables[0]
        rows = table._tbl.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
        assert len(rows) == 6 and all(not _text(row) for row in rows[1:])
        section = _section(out.report, "Afspraken")
        assert any(node.tag == f"{W}tbl" for node in section)


@pytest.mark.parametrize(("name", "note"), [
    (FULL_DAY, None), ("names", None),
    ("undated", "De formele kant was er niet bij. Laat de kolom ‘Wie (formeel)’ toch staan"),
])
def test_a_missing_side_keeps_its_column_and_is_asked_afterwards(
        built: Callable[[str], Built], name: str, note: str | None) -> None:
    text = _flat(_section_text(built(name).report, "Afspraken"))
    if note is None:
        assert "was er niet bij" not in text and "waren er niet bij" not in text
    else:
        assert note in text and "na afloop" in text


def test_report_is_filled_in_with_the_meetings_data(built: Callable[[str], Built]) -> None:
    out = built("names")
    pack = out.pack
    data = _flat(_section_text(out.report, "Gegevens van de bijeenkomst"))
    for value in (pack.title, pack.municipality, pack.date_text or "", NAMES["venue"],
                  NAMES["turkish"], NAMES["organisation"], pack.audience_text):
        assert _flat(value) in data, value
    doc = out.docx("report")
    people = next(t for t in doc.tables if _rows(t)[0] == ["Wie", "Gepland", "Aanwezig"])
    assert _rows(people)[1:] == [["Professionals", "8", ""], ["Informele werkers", "6", ""],
                                 ["Totaal", "14", ""]]
    programme = [t for t in doc.tables if _rows(t)[0] == ["Tijd", "Onderdeel", "Leiding"]]
    assert len(programme) == len(pack.program.dayparts)
    rows = [row for table in programme for row in _rows(table)[1:]]
    blocks = pack.program.blocks()
    assert len(rows) == len(blocks)
    for row, block in zip(rows, blocks, strict=True):
        assert row[1] == block.title and row[2] == (block.lead or "")
    for title in ("Vervolgafspraak", "Verstuurd aan"):
        assert any(node.tag == f"{W}tbl" for node in _section(out.report, title)), title
    estimated = built(FULL_DAY)
    people = next(t for t in estimated.docx("report").tables
                  if _rows(t)[0] == ["Wie", "Gepland", "Aanwezig"])
    assert [r[0] for r in _rows(people)[1:]] == ["Professionals", "Informele werkers",
                                                 "Gemeente", "Totaal"]
    assert _rows(people)[-1][1] == "30"


# --- LibreOffice ----------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_writer_prints_both_with_their_text(built: Callable[[str], Built],
                                                        tmp_path: Path) -> None:
    for name in ("names", "undated"):
        out = built(name)
        target = tmp_path / name
        profile = (tmp_path / f"lo-profile-{name}").as_uri()
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(target),
                        str(out.invitation), str(out.report)],
                       check=True, capture_output=True, timeout=240)
        for docx in (out.invitation, out.report):
            pages = PdfReader(target / docx.with_suffix(".pdf").name).pages
            text = _flat(" ".join(page.extract_text() for page in pages))
            assert out.pack.municipality in text and _flat(out.pack.title) in text
            assert re.search(rf"pagina {len(pages)} van {len(pages)}", text), docx.name
            headings = INVITATION_HEADINGS if docx == out.invitation else REPORT_HEADINGS
            for heading in headings:
                assert heading in text, (docx.name, heading)
            for ex in out.pack.exercises:
                assert _flat(ex.title) in text, (docx.name, ex.title)
            if name == "names":
                assert NAMES["venue"] in text and NAMES["turkish"] in text
                assert NAMES["organisation"] in text
            else:
                assert "[datum invullen]" in text and "[plaats invullen]" in text
        invite = len(PdfReader(target / "uitnodiging.pdf").pages)
        assert invite == 2, (name, invite)  # a one-daypart invitation is a letter of 2 pages
        report = _flat(" ".join(p.extract_text() for p in
                                PdfReader(target / "verslag-sjabloon.pdf").pages))
        assert all(column in report for column in AGREEMENT_HEADER)


def test_highlighted_are_the_placeholder_runs_of_body_and_tables_not_the_header(
        built: Callable[[str], Built], tmp_path: Path) -> None:
    from opvoedkit.render.word_forms import FormDocument

    doc = FormDocument(built(FULL_DAY).pack, kind="[soort]", title="t", subject="s", size=11,
                       first="footer")
    doc.paragraph("[soort]")  # the same text as the header's: only this one is marked
    doc.table(("Kop",), [("[later]",)], (170,))
    doc.paragraph("[later] en meer")
    doc.placeholder("[soort]")
    doc.placeholder("[later]")  # after the runs were written: marked all the same
    doc.save(tmp_path / "form.docx")
    marked = [_text(r) for name, root in _parts(tmp_path / "form.docx")
              for r in root.iter(f"{W}r") if r.find(f"{W}rPr/{W}highlight") is not None]
    assert sorted(marked) == ["[later]", "[soort]"]
