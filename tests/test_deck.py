"""The slide deck: what the .pptx says, how text is fitted, templates, reproducibility."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

from opvoedkit.compose import compose
from opvoedkit.errors import InputError
from opvoedkit.geometry import BODY_PT, DEFAULT_FRAMES, MIN_TITLE_PT
from opvoedkit.layout import Layout, SlideSpec, lay_out
from opvoedkit.layout.fitting import fits, title_fits
from opvoedkit.library import load_library
from opvoedkit.pack import Pack
from opvoedkit.planner import clock
from opvoedkit.preflight import prepare
from opvoedkit.render import Rendered, build_timestamp
from opvoedkit.render.deck import contrast, default_template, shorten
from opvoedkit.render.deck import render as draw
from opvoedkit.render.pptx_adapter import alt_text
from opvoedkit.template_check import check_template, format_report, frames_for
from opvoedkit.text import Span

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("ochtend-twee-werelden", "twee-dagdelen-met-gemeente", "avond-sleutelfiguren")
LONG_MUNICIPALITY = "Súdwest-Fryslân & 's-Hertogenbosch <b>{{ x }}</b> Żółć-Kadış"
DUTCH_NAMES = ["Titeldia", "Titel en object", "Sectiekop", "Twee objecten", "Vergelijking",
               "Alleen titel", "Leeg", "Inhoud met bijschrift", "Afbeelding met bijschrift",
               "Titel en verticale tekst", "Verticale titel en tekst"]


def example(name: str) -> Pack:
    """The pack of one example session."""
    return compose(prepare(ROOT / "examples" / f"{name}.yaml"))


def laid_out(pack: Pack) -> Layout:
    """The pack laid out on its template's frames, as the builder does."""
    return lay_out(pack, frames_for(pack.template))


def render(pack: Pack, path: Path) -> Rendered:
    """The deck as the builder makes it: laid out, then drawn."""
    return draw(pack, path, laid_out(pack))


def texts(slide) -> str:  # type: ignore[no-untyped-def]
    """All text on a slide, shapes in order, one shape per line."""
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def write_session(folder: Path, **fields: object) -> Path:
    """A session file with sensible defaults, overridden by ``fields``."""
    session: dict[str, object] = {
        "municipality": "'s-Hertogenbosch", "date": "2027-03-18", "start": "09:30",
        "dayparts": 1, "audience": ["professionals", "informal"], "participants": 24,
        "venue": "Wijkcentrum <b>{{ x }}</b>",
        "facilitators": [{"name": "Gülşen Yıldız", "organisation": "Stichting Kardeş & Co"}],
        "contact": {"name": "Team Jeugd", "email": "jeugd@example.nl"},
        "exercises": ["kennismaken-wie-zit-er-aan-tafel", "beeld-van-elkaar",
                      "kracht-van-de-ander", "afspraken-voor-vervolg"],
    }
    session.update(fields)
    path = folder / "sessie.yaml"
    path.write_text(yaml.safe_dump(session, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def make_user_template(path: Path, *, old_slides: int = 2) -> Path:
    """python-pptx's own 4:3 template with Dutch layout names and some slides of its own."""
    prs = Presentation()
    for layout, name in zip(prs.slide_layouts, DUTCH_NAMES, strict=True):
        layout.name = name
    for number in range(old_slides):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"OUDE DIA {number}"
        slide.notes_slide.notes_text_frame.text = "OUDE NOTITIES"
    prs.save(str(path))
    return path


def longest_exercises() -> list[str]:
    """The exercise with the most slide and debrief text, and the one with the longest title."""
    exercises = load_library().exercises.values()
    most_text = max(exercises, key=lambda e: len(e.sections["slide"] + e.sections["debrief"]))
    longest_title = max(exercises, key=lambda e: len(e.title))
    return list(dict.fromkeys([most_text.id, longest_title.id]))


# --- what the deck says ----------------------------------------------------------------------

def test_title_slide_carries_the_municipality_exactly(decks: dict[str, tuple[Pack, Path]]) -> None:
    pack, path = decks["ochtend-twee-werelden"]
    first = Presentation(str(path)).slides[0]
    lines = texts(first).splitlines()
    assert "'s-Hertogenbosch" in lines
    assert pack.title in lines
    assert first.slide_layout.name == "Titel"


def test_user_strings_come_out_as_typed(tmp_path: Path) -> None:
    session = write_session(tmp_path, municipality="'s-Hertogenbosch <b>{{ x }}</b>")
    path = tmp_path / "deck.pptx"
    render(compose(prepare(session)), path)
    slides = Presentation(str(path)).slides
    title = texts(slides[0])
    assert "'s-Hertogenbosch <b>{{ x }}</b>" in title.splitlines()
    assert "Wijkcentrum <b>{{ x }}</b>" in title
    assert "Gülşen Yıldız (Stichting Kardeş & Co)" in title
    contact = texts(slides[len(slides) - 1])
    assert "Gülşen Yıldız" in contact and "Stichting Kardeş & Co" in contact


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_exercise_has_its_slides(decks: dict[str, tuple[Pack, Path]], name: str) -> None:
    pack, path = decks[name]
    slides = list(Presentation(str(path)).slides)
    titles = [s.shapes.title.text for s in slides if s.shapes.title is not None]
    numbers = laid_out(pack).slide_numbers
    for exercise in pack.exercises:
        assert exercise.title in titles
        section, instruction = numbers[exercise.id][:2]
        assert slides[section - 1].shapes.title.text == exercise.title
        assert slides[section - 1].slide_layout.name == "Sectie"
        assert slides[instruction - 1].slide_layout.name == "Oefening"
        assert f"{exercise.minutes} min · {exercise.group_label}" in texts(slides[instruction - 1])


def test_agenda_times_are_the_plans(decks: dict[str, tuple[Pack, Path]]) -> None:
    pack, path = decks["twee-dagdelen-met-gemeente"]
    agenda = [s for s in Presentation(str(path)).slides
              if s.slide_layout.name == "Agenda" and s.shapes.title.text.startswith("Programma")]
    shown = [pair for s in agenda for pair in re.findall(r"(\d\d:\d\d)–(\d\d:\d\d)", texts(s))]
    planned = [(clock(b.start), clock(b.end)) for b in pack.program.blocks()]
    assert len(agenda) == len(pack.program.dayparts)
    assert shown == planned


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_slide_has_notes(decks: dict[str, tuple[Pack, Path]], name: str) -> None:
    _, path = decks[name]
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        assert slide.has_notes_slide, number
        assert slide.notes_slide.notes_text_frame.text.strip(), number


def test_exercise_notes_give_steps_with_minutes_and_tips(
        decks: dict[str, tuple[Pack, Path]]) -> None:
    pack, path = decks["ochtend-twee-werelden"]
    slides = Presentation(str(path)).slides
    exercise = pack.exercises[1]
    instruction = laid_out(pack).slide_numbers[exercise.id][1]
    notes = slides[instruction - 1].notes_slide.notes_text_frame.text
    for step in exercise.steps:
        assert f"{step.number}. {step.title} ({step.minutes} min)" in notes
    assert "Tips voor een gemengde groep" in notes


def test_deck_is_16_to_9_with_dutch_properties(decks: dict[str, tuple[Pack, Path]]) -> None:
    pack, path = decks["ochtend-twee-werelden"]
    prs = Presentation(str(path))
    assert (prs.slide_width, prs.slide_height) == (Emu(12_192_000), Emu(6_858_000))
    props = prs.core_properties
    assert props.language == "nl-NL"
    assert props.author == "Gülşen Yıldız en Pieter de Vries"
    assert props.title == f"{pack.title} – 's-Hertogenbosch"
    assert props.created == props.modified == build_timestamp(pack.date)
    assert props.revision == 1
    assert "python-pptx" not in (props.comments or "")


@pytest.mark.parametrize("name", EXAMPLES)
def test_notes_are_real_notes_slides(decks: dict[str, tuple[Pack, Path]], name: str) -> None:
    """Each slide has its own notes slide part, linked both ways and to the one notes master,
    declared in the content types, its text in the body placeholder."""
    _, path = decks[name]
    prs = Presentation(str(path))
    master = prs.part.part_related_by(RT.NOTES_MASTER)
    names = set()
    for slide in prs.slides:
        notes_part = slide.part.part_related_by(RT.NOTES_SLIDE)
        assert notes_part.content_type == CT.PML_NOTES_SLIDE
        assert notes_part.part_related_by(RT.NOTES_MASTER) is master
        assert notes_part.part_related_by(RT.SLIDE) is slide.part
        body = slide.notes_slide.notes_placeholder
        assert body is not None and body.text_frame.text.strip()
        names.add(str(notes_part.partname))
    assert names == {f"/ppt/notesSlides/notesSlide{n}.xml" for n in range(1, len(prs.slides) + 1)}
    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml").decode()
        listed = set(archive.namelist())
    for name in names:
        assert f'PartName="{name}" ContentType="{CT.PML_NOTES_SLIDE}"' in types
        assert name.lstrip("/") in listed


def test_rendered_reports_count_and_anchors(tmp_path: Path) -> None:
    pack = example("ochtend-twee-werelden")
    rendered = render(pack, tmp_path / "presentatie.pptx")
    assert rendered.kind == "deck"
    assert rendered.count == len(Presentation(str(rendered.path)).slides)
    assert rendered.anchors == laid_out(pack).slide_numbers
    assert set(rendered.anchors) == {e.id for e in pack.exercises}


def test_logo_with_alt_text_and_light_brand_colour(tmp_path: Path) -> None:
    Image.new("RGB", (400, 100), "#f2c94c").save(tmp_path / "logo.png")
    session = write_session(tmp_path, branding={"logo": "logo.png", "colour": "#f2c94c"})
    path = tmp_path / "deck.pptx"
    render(compose(prepare(session)), path)
    prs = Presentation(str(path))
    pictures = [s for s in prs.slides[0].shapes if s.shape_type == 13]  # PICTURE
    assert len(pictures) == 1
    # Whose logo it is, not its file name (python-pptx's default): the organisation running
    # the meeting, else the municipality.
    assert alt_text(pictures[0]) == "Logo van Stichting Kardeş & Co"
    assert pictures[0].left + pictures[0].width <= prs.slide_width
    with zipfile.ZipFile(path) as archive:
        theme = archive.read("ppt/theme/theme1.xml").decode()
        exercise_slides = [archive.read(n).decode() for n in archive.namelist()
                           if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert 'val="F2C94C"' in theme
    # Yellow is light: the badge text must be dark to keep 4.5:1.
    assert any('val="1F2A33"' in xml for xml in exercise_slides)
    assert contrast("1F2A33", "F2C94C") >= 4.5


def test_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    pack = example("ochtend-twee-werelden")
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    render(pack, first)
    render(pack, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {build_timestamp(pack.date).timetuple()[:6]}


# --- user templates --------------------------------------------------------------------------

def test_user_template_layouts_are_used_and_its_slides_removed(tmp_path: Path) -> None:
    template = make_user_template(tmp_path / "huisstijl.pptx")
    session = write_session(tmp_path, branding={"template": "huisstijl.pptx"})
    pack = compose(prepare(session))
    path = tmp_path / "deck.pptx"
    rendered = render(pack, path)
    prs = Presentation(str(path))
    used = [s.slide_layout.name for s in prs.slides]
    assert set(used) <= set(DUTCH_NAMES)
    assert used[0] == "Titeldia"
    assert {"Sectiekop", "Titel en object", "Twee objecten"} <= set(used)
    assert prs.slide_width == Presentation(str(template)).slide_width  # its own 4:3 size
    assert rendered.count == len(prs.slides)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(n) for n in names)
    assert b"OUDE DIA" not in everything and b"OUDE NOTITIES" not in everything
    slide_parts = [n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert len(slide_parts) == len(prs.slides)
    # Without a badge placeholder the time goes on the first line of the text.
    exercise = pack.exercises[0]
    instruction = prs.slides[rendered.anchors[exercise.id][1] - 1]
    body = next(s for s in instruction.placeholders if s.placeholder_format.idx == 1)
    assert body.text_frame.paragraphs[0].text == f"{exercise.minutes} min · {exercise.group_label}"


def test_check_template_maps_names_types_and_borrows(tmp_path: Path) -> None:
    dutch = check_template(make_user_template(tmp_path / "nl.pptx", old_slides=1))
    assert dutch.match("title").layout_name == "Titeldia"
    assert dutch.match("section").how == "by name"
    assert dutch.match("two-column").bodies == (1, 2)
    assert set(dutch.missing) == {"exercise", "agenda", "closing"}
    assert dutch.slides == 1

    prs = Presentation()  # English names, then names nobody could guess: the layout type decides
    english = tmp_path / "en.pptx"
    prs.save(str(english))
    assert check_template(english).match("content").layout_name == "Title and Content"
    for number, layout in enumerate(prs.slide_layouts):
        layout.name = f"Ontwerp {number}"
    odd = tmp_path / "odd.pptx"
    prs.save(str(odd))
    report = check_template(odd)
    assert report.match("section").how == "by layout type"
    assert report.match("section").layout_name == "Ontwerp 2"
    text = format_report(report)
    assert "Ontwerp 2" in text and "Missing:" in text and "(4:3)" not in text


def test_default_template_has_our_layouts_and_frames() -> None:
    report = check_template(default_template())
    assert [lay.name for lay in report.layouts] == ["Titel", "Sectie", "Inhoud",
                                                  "Twee kolommen", "Oefening", "Agenda",
                                                  "Afsluiting"]
    assert all(m.how == "by name" for m in report.matches)
    assert report.match("exercise").badge is not None
    assert report.frames() == DEFAULT_FRAMES  # the script and the fitter agree
    assert report.fonts == ("Arial", "Arial")
    assert "(16:9)" in format_report(report)


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken"])
def test_check_template_rejects_a_file_that_is_no_pptx(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kapot.pptx"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        check_template(path)
    problem = caught.value.problems[0]
    assert problem.file == str(path.resolve())
    assert problem.hint


def test_check_template_rejects_a_zip_without_presentation(tmp_path: Path) -> None:
    path = tmp_path / "leeg.pptx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError) as caught:
        check_template(path)
    assert "not a PowerPoint presentation" in caught.value.problems[0].message


# --- fitting ---------------------------------------------------------------------------------

def assert_fitted(specs: Sequence[SlideSpec]) -> None:
    """Every title and text fits its frame, at sizes within the limits."""
    for spec in specs:
        frame = DEFAULT_FRAMES[spec.kind]
        body = spec.body or frame.bodies[0]  # a diagram may take part of the frame
        assert spec.title_size >= MIN_TITLE_PT and spec.text_size >= 18, spec
        assert title_fits(spec.title, frame.title, spec.title_size), spec.title
        if spec.subtitle:
            lines = [(Span(line),) for line in spec.subtitle.split("\n")]
            assert fits(lines, body, spec.text_size, "plain"), spec.title
        assert fits(spec.bullets, body, spec.text_size, spec.style), spec.title
        if spec.right:
            assert fits(spec.right, frame.bodies[1], spec.text_size, spec.style), spec.title


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_text_fits_its_frame(name: str) -> None:
    assert_fitted(laid_out(example(name)).slides)


def test_a_long_list_continues_on_a_next_slide() -> None:
    pack = example("ochtend-twee-werelden")
    first = pack.exercises[0]
    long_list = first.slide * 6 + ((Span("Een heel lang punt " * 40),),)
    pack = dataclasses.replace(pack, exercises=(dataclasses.replace(first, slide=long_list),
                                                *pack.exercises[1:]))
    specs = laid_out(pack).slides
    heading = f"Opdracht: {first.title}"
    pages = [s for s in specs if s.exercise_id == first.id and s.title.startswith(heading)]
    assert len(pages) >= 3
    assert pages[0].title == heading
    # More than two pages are numbered, so that every continuation has a title of its own.
    assert [p.title for p in pages[1:]] == [f"{heading} ({n}/{len(pages)})"
                                            for n in range(2, len(pages) + 1)]
    assert all(p.badge for p in pages)
    assert all(p.text_size >= BODY_PT[-1] for p in pages)
    shown = "".join(s.text for p in pages for b in p.bullets for s in b)
    assert shown.replace(" ", "") == "".join(
        s.text for b in long_list for s in b).replace(" ", "")  # nothing lost, nothing doubled
    assert_fitted(specs)
    assert laid_out(pack).slide_numbers[first.id] == [i for i, s in enumerate(specs, 1)
                                             if s.exercise_id == first.id]


def test_long_titles_and_names_shrink_but_stay_inside(tmp_path: Path) -> None:
    session = write_session(tmp_path, municipality=LONG_MUNICIPALITY, title="Lang " * 39 + "x")
    specs = laid_out(compose(prepare(session))).slides
    assert specs[0].title == "Lang " * 39 + "x" and specs[0].title_size < 44
    assert specs[0].subtitle.split("\n")[0] == LONG_MUNICIPALITY
    assert_fitted(specs)


# --- LibreOffice: what a real renderer draws ---------------------------------------------------

def lengthened_exercise(folder: Path, exercise_id: str) -> Path:
    """A user exercise folder overriding one exercise with a much longer slide text."""
    source = load_library().exercises[exercise_id].source.read_text(encoding="utf-8")
    extra = "".join(f"\n- Extra punt {n}: praat in je groep door over wat je hebt gezien en "
                    "gehoord, en schrijf het op" for n in range(1, 13))
    folder.mkdir()
    (folder / f"{exercise_id}.md").write_text(source.rstrip() + extra + "\n", encoding="utf-8")
    return folder


def text_outside(pdf: Path, bottom: float) -> list[str]:
    """Text drawn outside the page, or (slide numbers aside) below ``bottom`` pt from the top."""
    from pypdf import PdfReader

    from opvoedkit.layout.fitting import text_width

    problems = []
    for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text, cm, tm, font, size, number=number, width=width, height=height):  # type: ignore[no-untyped-def]
            if not text.strip():
                return
            scale = abs(tm[3] * cm[3]) or 1.0
            x, y, points = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], size * scale
            right = x + text_width(text.strip(), points)
            across = x >= 0 and right <= width + 1
            inside = across and y - 0.3 * points >= 0 and y + points <= height
            low = height - y > bottom and not text.strip().isdigit()
            if not inside or low:
                problems.append(f"page {number}: {text.strip()[:40]!r} at ({x:.0f}, {y:.0f})")

        page.extract_text(visitor_text=visit)
    return problems


def text_outside_shapes(pdf: Path, deck: Path) -> list[str]:
    """Text of a diagram shape that LibreOffice drew outside that shape: each piece of text is
    looked for in the shapes whose text holds it, and must start and end inside one of them
    (Liberation Sans, which LibreOffice draws for Arial, is narrower than the Noto Sans that
    measures here: 0.9 of the measured width must fit)."""
    from pypdf import PdfReader

    from opvoedkit.layout.fitting import text_width

    prs = Presentation(str(deck))
    pages = PdfReader(str(pdf)).pages
    scale = float(pages[0].mediabox.width) / (prs.slide_width / 12_700)  # pt per slide pt
    problems = []
    for number, (page, slide) in enumerate(zip(pages, prs.slides, strict=True), start=1):
        height = float(page.mediabox.height)
        boxes = [(x.text_frame.text, x.left / 12_700 * scale, x.top / 12_700 * scale,
                  (x.left + x.width) / 12_700 * scale, (x.top + x.height) / 12_700 * scale)
                 for x in slide.shapes if not x.is_placeholder and x.has_text_frame
                 and x.text_frame.text.strip()]

        def visit(text, cm, tm, font, size, number=number, boxes=boxes, height=height):  # type: ignore[no-untyped-def]
            piece = text.strip()
            holders = [b for b in boxes if piece and not piece.isdigit() and piece in b[0]]
            if not holders:
                return
            points = size * (abs(tm[3] * cm[3]) or 1.0)
            x, baseline = tm[4] * cm[0] + cm[4], height - (tm[5] * cm[3] + cm[5])
            right = x + 0.9 * text_width(piece, points)
            if not any(left - 2 <= x and right <= end + 2 and top - 2 <= baseline - 0.7 * points
                       and baseline <= bottom + 2 for _, left, top, end, bottom in holders):
                problems.append(f"page {number}: {piece[:40]!r} at ({x:.0f}, {baseline:.0f})")

        page.extract_text(visitor_text=visit)
    return problems


def filling(folder: Path, chosen: list[str], extra: Sequence[Path] = ()) -> list[str]:
    """``chosen``, then as many other exercises as the planner needs to fill the daypart."""
    others = [e for e in ("afspraken-voor-vervolg", "kracht-van-de-ander", "beeld-van-elkaar",
                          "wens-voor-de-toekomst") if e not in chosen]
    for count in range(len(others) + 1):
        exercises = chosen + others[:count]
        try:
            prepare(write_session(folder, exercises=exercises), list(extra))
        except InputError:
            continue
        return exercises
    raise AssertionError("no programme fills the daypart")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_draws_every_character_inside_the_slides(tmp_path: Path) -> None:
    chosen = longest_exercises()
    folder = lengthened_exercise(tmp_path / "oefeningen", chosen[0])
    make_user_template(tmp_path / "huisstijl.pptx")
    chosen = filling(tmp_path, chosen, [folder])
    decks = []
    for name, branding in (("standaard", {}), ("huisstijl", {"template": "huisstijl.pptx"})):
        session = write_session(tmp_path, municipality=LONG_MUNICIPALITY, exercises=chosen,
                                branding=branding)
        assert len(LONG_MUNICIPALITY) == 60
        pack = compose(prepare(session, [folder]))
        decks.append(render(pack, tmp_path / f"{name}.pptx").path)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, decks)],
                   check=True, capture_output=True, timeout=180)
    standard, user = tmp_path / "standaard.pdf", tmp_path / "huisstijl.pdf"
    # Our template's text boxes end 6.7 in from the top; only the slide number is lower.
    assert text_outside(standard, bottom=6.75 * 72) == []
    assert text_outside(user, bottom=7.5 * 72) == []
    assert text_outside_shapes(standard, decks[0]) == []  # and inside their own shapes
    from pypdf import PdfReader

    for pdf, deck in ((standard, decks[0]), (user, decks[1])):
        pages = PdfReader(str(pdf)).pages
        assert len(pages) == len(Presentation(str(deck)).slides)
        title_page = re.sub(r"\s+", "", pages[0].extract_text())
        assert re.sub(r"\s+", "", LONG_MUNICIPALITY) in title_page
        assert any(re.search(r"\(vervolg\)|\(\d+/\d+\)", p.extract_text()) for p in pages)
        # The checks cover the diagrams: agenda, background figures, route, steps.
        drawn = [s for s in Presentation(str(deck)).slides
                 if sum(1 for x in s.shapes if not x.is_placeholder and x.has_text_frame
                        and x.text_frame.text.strip()) >= 4]
        assert len(drawn) >= 6


@pytest.mark.parametrize(("bold", "italic"), [(False, False), (True, False), (False, True),
                                              (True, True)])
def test_a_word_measures_as_the_sum_of_its_letters(bold: bool, italic: bool) -> None:
    # fitting._em adds letter advances; that is only right while Pillow's basic layout applies
    # no kerning and no shaping. Every word of the library and fixed texts is checked.
    from opvoedkit.glyphs import ARABIC
    from opvoedkit.layout.fitting import _REF, _em, _font
    from opvoedkit.resources import data_dir

    sources = [*data_dir("exercises").glob("*.md"), *data_dir("templates").rglob("*.md")]
    words = {word for path in sources for word in path.read_text(encoding="utf-8").split()
             if not ARABIC.search(word)}
    words |= {"Gülşen", "Yıldız", "Kardeş", "'s-Hertogenbosch", "AVATAR", "Wöłfçhën", "ffi"}
    assert len(words) > 2000
    font = _font(bold, italic)
    wrong = [w for w in sorted(words) if _em(w, bold, italic) != font.getlength(w) / _REF]
    assert wrong == []


# --- crashes of issue 14 ---------------------------------------------------------------------

def _dated(pack: Pack, date: dt.date) -> Pack:
    """``pack`` moved to ``date`` (past the session loader, which keeps dates sensible)."""
    dayparts = tuple(dataclasses.replace(d, date=date + dt.timedelta(days=d.day - 1))
                     if date.year < 9999 else dataclasses.replace(d, date=date)
                     for d in pack.program.dayparts)
    return dataclasses.replace(pack, date=date, date_text=date.isoformat(),
                               program=dataclasses.replace(pack.program, dayparts=dayparts))


@pytest.mark.parametrize("date", [dt.date(1980, 1, 1), dt.date(2107, 12, 31)])
def test_every_renderer_takes_any_date_a_zip_can_hold(tmp_path: Path, date: dt.date) -> None:
    from opvoedkit.render import calendar, extras, handbook, handout

    pack = _dated(example("ochtend-twee-werelden"), date)
    render(pack, tmp_path / "deck.pptx")
    handbook.render(pack, tmp_path / "handbook.pdf")
    handout.render(pack, tmp_path / "handout.pdf")
    extras.render_attendance(pack, tmp_path / "attendance.pdf")
    extras.render_evaluation(pack, tmp_path / "evaluation.pdf")
    calendar.render(pack, tmp_path / "bijeenkomst.ics")
    with zipfile.ZipFile(tmp_path / "deck.pptx") as archive:
        assert {i.date_time[:3] for i in archive.infolist()} == {(date.year, date.month, date.day)}
    assert Presentation(str(tmp_path / "deck.pptx")).core_properties.created.year == date.year


def test_a_date_beyond_2107_is_stamped_as_the_last_a_zip_can_hold(tmp_path: Path) -> None:
    # Issue 14: `date: 9999-12-31` ended the build with "ushort format requires …".
    pack = _dated(example("ochtend-twee-werelden"), dt.date(9999, 12, 31))
    render(pack, tmp_path / "deck.pptx")
    with zipfile.ZipFile(tmp_path / "deck.pptx") as archive:
        assert {i.date_time for i in archive.infolist()} == {(2107, 12, 31, 23, 59, 58)}


def test_long_names_are_shortened_in_the_properties_only(tmp_path: Path) -> None:
    # Issue 14: fields each short enough but together over 255 characters (python-pptx's limit
    # for a core property) ended the build.
    title = ("Samen opvoeden in de wijk: formele en informele steun " * 4)[:200].strip()
    municipality = "Gemeente " + "Nuenen, Gerwen en Nederwetten-Zuid " * 2
    names = [{"name": f"{first} van den Berg-Oosterhuis de Vries", "organisation": "Wijkteam"}
             for first in ("Anna Maria Johanna", "Pieter Jan Willem", "Gülşen Yıldız", "Łucja",
                           "Mohammed Amrani", "Fatima", "Johannes")]
    session = write_session(tmp_path, title=title, municipality=municipality[:57].strip(),
                            facilitators=names)
    pack = compose(prepare(session))
    render(pack, tmp_path / "deck.pptx")
    prs = Presentation(str(tmp_path / "deck.pptx"))
    props = prs.core_properties
    for value in (props.title, props.author, props.keywords, props.subject):
        assert len(value) <= 255
    assert props.title.endswith("…") and props.author.endswith("…")
    assert props.title.startswith(title[:100])
    assert title.split()[-1] in texts(prs.slides[0]).split()  # the slide keeps all of it


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("kort", 10, "kort"), ("een twee drie vier", 12, "een twee…"),
    ("eenheelerglangwoord", 8, "eenheel…"), ("een, twee drie", 10, "een…")])
def test_shorten_cuts_at_a_word_with_an_ellipsis(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def _with_macros_and_links(source: Path, target: Path) -> Path:
    """``source`` as a macro-enabled template with a VBA project, an external hyperlink on
    its first layout and an externally linked picture on its master."""
    external = 'TargetMode="External"'
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as out:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(CT.PML_PRESENTATION_MAIN.encode(),
                                    CT.PML_PRES_MACRO_MAIN.encode())
                data = data.replace(b"<Default ", b'<Default Extension="bin" ContentType='
                                    b'"application/vnd.ms-office.vbaProject"/><Default ', 1)
            elif info.filename == "ppt/_rels/presentation.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
                    b'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'))
            elif info.filename == "ppt/slideLayouts/_rels/slideLayout1.xml.rels":
                data = data.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdWeb" Type="{RT.HYPERLINK}" '
                    f'Target="https://example.org/macro" {external}/></Relationships>').encode())
            elif info.filename == "ppt/slideLayouts/slideLayout1.xml":
                link = (b'<a:hlinkClick xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/'
                        b'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                        b'relationships" r:id="rIdWeb"/>')
                data = re.sub(rb"(<p:cNvPr [^>]*?)/>", rb"\1>" + link + rb"</p:cNvPr>", data,
                              count=1)
                assert b"rIdWeb" in data
            out.writestr(info, data)
        out.writestr("ppt/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a macro")
    return target


def test_template_macros_and_external_links_are_not_copied(tmp_path: Path) -> None:
    template = _with_macros_and_links(make_user_template(tmp_path / "plain.pptx"),
                                      tmp_path / "huisstijl.pptx")
    with zipfile.ZipFile(template) as archive:  # the template does carry them
        assert "ppt/vbaProject.bin" in archive.namelist()
    session = write_session(tmp_path, branding={"template": "huisstijl.pptx"})
    path = tmp_path / "deck.pptx"
    render(compose(prepare(session)), path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(n) for n in names)
        types = archive.read("[Content_Types].xml")
    assert "ppt/vbaProject.bin" not in names
    assert b"vbaProject" not in everything and b"macroEnabled" not in types
    assert b"External" not in everything and b"example.org" not in everything
    assert len(Presentation(str(path)).slides) > 3
