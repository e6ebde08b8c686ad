"""Arabic-script user text: shaped and right-to-left in the PDFs, as typed in the deck.

Facilitators of migrant self-organisations may write their names and organisations in Arabic,
mixed with Latin. Emoji, Hebrew and CJK stay refused with an error that names the character.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from opvoedkit import build
from opvoedkit.glyphs import ARABIC, arabic_font_path, printable, shape
from opvoedkit.render.pdf import missing_glyphs, visual

NAME = "محمد العمراني"
ORGANISATION = "مؤسسة الجسر"
MIXED = "Stichting الجسر & Co"
TITLE = f"Samen opvoeden met {ORGANISATION}"
CONTACT = "فاطمة الزهراء"
SESSION = f"""\
municipality: Zwolle
title: {TITLE}
date: 2027-03-18
audience: [policy, informal]
participants: 18
venue: Wijkcentrum De Pol
exercises: [stellingenspel, rollen-van-de-gemeente]
allow_slack: true
facilitators:
  - name: {NAME}
    organisation: {ORGANISATION}
  - name: Anneke Hoekstra
    organisation: {MIXED}
contact:
  name: {CONTACT}
  email: f.zahra@example.nl
"""
PDFS = ("handleiding-begeleider.pdf", "hand-out-deelnemers.pdf", "presentielijst.pdf",
        "evaluatieformulier.pdf")
_MIRROR = str.maketrans("()«»", ")(»«")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pack of a session with Arabic names, built once for this module."""
    folder = tmp_path_factory.mktemp("rtl")
    session = folder / "sessie.yaml"
    session.write_text(SESSION, encoding="utf-8")
    build(session, folder / "out")
    return folder / "out"


def _logical(text: str) -> str:
    """Extracted PDF text with Arabic presentation forms folded back to letters (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def _page_fonts(page: Any) -> set[str]:
    fonts = page["/Resources"].get("/Font", {})
    return {str(fonts[key].get_object()["/BaseFont"]).split("+")[-1] for key in fonts}


# --- validation -------------------------------------------------------------------------------

def test_arabic_is_printable_but_emoji_hebrew_and_cjk_are_not() -> None:
    assert all(printable(c) for c in NAME + ORGANISATION + "،؟٠١٢ﻻ")
    assert not any(printable(c) for c in "😀א中")


@pytest.mark.parametrize("text, shown", [("Ede 🎉", "'🎉' (U+1F389 PARTY POPPER)"),
                                         ("מרים", "'מ' (U+05DE HEBREW LETTER MEM)")])
def test_unprintable_name_fails_validation_naming_the_character(
        run_cli: Callable[..., Any], write_session: Callable[[str], Path], text: str,
        shown: str) -> None:
    path = write_session(SESSION.replace(f"name: {NAME}", f"name: {text}"))
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert shown in result.stderr
    assert "`facilitators[1].name`" in result.stderr
    assert "cannot be printed" in result.stderr


# --- shaping and order for reportlab ----------------------------------------------------------

def test_shaping_picks_the_joining_forms() -> None:
    # meem initial, hah medial, meem medial, dal final: joined, not four isolated letters
    assert shape("محمد") == "\ufee3\ufea4\ufee4\ufeaa"
    assert shape("لا") == "\ufefb"  # the mandatory lam-alef ligature


def test_latin_text_takes_the_fast_path() -> None:
    text = "Stichting Kardeş & Co (Súdwest-Fryslân)"
    assert visual(text) is text


@pytest.mark.parametrize("text", [NAME, f"{NAME} ({ORGANISATION})", "مؤسسة «الجسر» للتعليم"])
def test_arabic_reads_right_to_left_with_mirrored_brackets(text: str) -> None:
    # All-Arabic text is drawn reversed, and brackets and quotes inside it mirrored.
    assert _logical(visual(text)) == text[::-1].translate(_MIRROR)


def test_latin_around_arabic_stays_in_place() -> None:
    assert _logical(visual(MIXED)) == "Stichting رسجلا & Co"
    assert _logical(visual("Wijkcentrum (الجسر)")) == "Wijkcentrum (رسجلا)"
    assert _logical(visual("الجسر 2024")) == "2024 رسجلا"  # numbers read left to right


def test_an_arabic_run_is_never_broken_over_two_lines() -> None:
    assert "\u00a0" in visual(NAME) and " " not in visual(NAME)
    assert visual(MIXED).startswith("Stichting ")


def test_every_form_shaping_can_produce_is_in_both_arabic_fonts() -> None:
    from arabic_reshaper.letters import LETTERS_ARABIC
    from reportlab.pdfbase.ttfonts import TTFontFile

    forms = {ord(f) for letter, variants in LETTERS_ARABIC.items() if printable(letter)
             for f in variants if f} | set(range(0xFEF5, 0xFEFD))  # and the lam-alefs
    for bold in (False, True):
        assert forms <= set(TTFontFile(str(arabic_font_path(bold))).charToGlyph)


def test_coverage_matches_the_font_each_character_is_drawn_with() -> None:
    # A printable Arabic character is in both Arabic styles, any other in all Noto Sans styles:
    # what reportlab draws is never a .notdef box.
    ranges = [line.split("-") for line in
              (arabic_font_path().parent / "coverage.txt").read_text(encoding="ascii").split()]
    points = [chr(p) for start, end in ranges for p in range(int(start, 16), int(end, 16) + 1)]
    assert any(ARABIC.match(c) for c in points)
    assert not missing_glyphs("".join(points))
    assert not missing_glyphs(visual(f"{TITLE} {NAME} ({ORGANISATION}) {MIXED}"))


# --- the PDFs ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PDFS)
def test_pdfs_embed_the_arabic_font_where_arabic_is_shown(pack: Path, name: str) -> None:
    first = PdfReader(pack / name).pages[0]
    assert "NotoSansArabic-Regular" in _page_fonts(first)  # the title, in the footer at least


def test_bold_arabic_uses_the_bold_arabic_font(pack: Path) -> None:
    # The handbook's cover title is bold; <b> and bold styles reach the Arabic runs too.
    assert {"NotoSansArabic-Bold", "NotoSansArabic-Regular"} <= _page_fonts(
        PdfReader(pack / "handleiding-begeleider.pdf").pages[0])


def test_latin_only_pages_do_not_embed_the_arabic_font(tmp_path: Path) -> None:
    session = tmp_path / "latin.yaml"
    session.write_text(SESSION.replace(TITLE, "Samen opvoeden").replace(NAME, "Mohammed")
                       .replace(ORGANISATION, "De Brug").replace(MIXED, "Stichting & Co")
                       .replace(CONTACT, "Fatima"), encoding="utf-8")
    build(session, tmp_path / "out", only=("handbook",))
    reader = PdfReader(tmp_path / "out" / "handleiding-begeleider.pdf")
    assert not any("NotoSansArabic" in f for page in reader.pages for f in _page_fonts(page))


def test_extracted_text_gives_back_names_and_latin_parts(pack: Path) -> None:
    # pypdf puts right-to-left runs back in logical order; presentation forms fold back to
    # letters under NFKC. Brackets next to an Arabic run may land on the wrong side, so whole
    # runs and the Latin parts are compared.
    cover = _logical(PdfReader(pack / "handleiding-begeleider.pdf").pages[0].extract_text())
    for text in (NAME, ORGANISATION, MIXED, "Anneke Hoekstra", "Wijkcentrum De Pol", "Zwolle"):
        assert text in cover
    handbook = _logical("".join(p.extract_text() for p in
                                PdfReader(pack / "handleiding-begeleider.pdf").pages))
    assert CONTACT in handbook and "f.zahra@example.nl" in handbook
    attendance = _logical(PdfReader(pack / "presentielijst.pdf").pages[0].extract_text())
    assert TITLE in attendance and CONTACT in attendance


# --- the deck ---------------------------------------------------------------------------------

def _paragraphs(path: Path) -> list[Any]:
    from pptx import Presentation

    return [paragraph for slide in Presentation(str(path)).slides for shape in slide.shapes
            if shape.has_text_frame for paragraph in shape.text_frame.paragraphs]


def test_deck_keeps_the_strings_as_typed(pack: Path) -> None:
    texts = [p.text for p in _paragraphs(pack / "presentatie.pptx")]
    for text in (NAME, ORGANISATION, MIXED, CONTACT, TITLE):
        assert text in texts  # the contact slide has one field per paragraph
    assert any(f"{NAME} ({ORGANISATION})" in t for t in texts)  # the title slide


def test_deck_marks_arabic_runs_with_language_and_font(pack: Path) -> None:
    runs = [run for p in _paragraphs(pack / "presentatie.pptx") for run in p.runs]
    arabic = [run for run in runs if ARABIC.search(run.text)]
    assert arabic and all(ARABIC.search(run.text) for run in arabic)
    for run in arabic:
        props = run._r.rPr
        assert props.get("lang") == "ar-SA"
        assert props.find(f"{{{props.nsmap['a']}}}cs").get("typeface") == "Noto Sans Arabic"
    latin = [run for run in runs if run.text.strip() and not ARABIC.search(run.text)]
    assert all(run._r.rPr.get("lang") == "nl-NL" for run in latin)
    assert "Stichting " in [run.text for run in runs]  # the mixed name: one run per script


def test_deck_measures_arabic_in_the_arabic_font() -> None:
    from PIL import ImageFont

    from opvoedkit.layout.fitting import text_width

    def width(path: Path, text: str) -> float:
        font = ImageFont.truetype(str(path), 100, layout_engine=ImageFont.Layout.BASIC)
        return float(font.getlength(text)) / 100 * 24

    measured = text_width(ORGANISATION, 24, bold=True)
    assert measured == pytest.approx(width(arabic_font_path(bold=True), shape(ORGANISATION)),
                                      rel=0.01)
    # Noto Sans has no Arabic: measured there, the text would be a row of empty boxes.
    boxes = width(arabic_font_path().parent / "NotoSans-Bold.ttf", ORGANISATION)
    assert measured != pytest.approx(boxes, rel=0.01)


def test_a_session_written_only_in_arabic_builds(tmp_path: Path) -> None:
    # Issue 14: a municipality and title in Arabic alone ended the build with
    # "KeyError: <weakref … PDFDocument>": a font was asked for codes in a document it had
    # drawn nothing in yet.
    session = tmp_path / "sessie.yaml"
    session.write_text('municipality: "الجسر"\ntitle: "مؤسسة الجسر"\naudience: [informal]\n'
                       "exercises: [stellingenspel]\nallow_slack: true\n", encoding="utf-8")
    manifest = build(session, tmp_path / "out")
    kinds = {entry["kind"] for entry in manifest["files"]}
    assert {"deck", "handbook", "handout"} <= kinds
    for name in PDFS:
        reader = PdfReader(tmp_path / "out" / name)
        text = _logical(" ".join(page.extract_text() for page in reader.pages))
        assert "الجسر" in text or "رسجلا" in text, name  # shaped, in display order
        assert any("NotoSansArabic" in font for page in reader.pages
                   for font in _page_fonts(page)), name
