"""The deck as a projected, accessible deck (issues 18 and 19): native diagrams whose text fits
their shapes, in the template's colours; a visual agenda; exercises to click through; unique
titles, reading order, alt text, a language on every run, readable contrast."""

from __future__ import annotations

import collections
import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree  # type: ignore[import-untyped]
from PIL import Image
from pptx import Presentation

from opvoedkit.compose import compose
from opvoedkit.geometry import DEFAULT_FRAMES, EMU_PER_PT, INSET_Y, TITLE_LINE, Box, contrast
from opvoedkit.layout.fitting import fits, title_fits, words_fit
from opvoedkit.layout.shapes import text_box
from opvoedkit.pack import Pack
from opvoedkit.preflight import prepare
from opvoedkit.render.deck import default_template
from opvoedkit.render.pptx_adapter import alt_text, element
from opvoedkit.template_check import check_template, format_report
from opvoedkit.text import Span

from .test_deck import (
    EXAMPLES,
    laid_out,
    make_user_template,
    render,
    write_session,
)

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
FULL_DAY = "twee-dagdelen-met-gemeente"


def drawn_shapes(slide: Any) -> list[Any]:
    """The shapes of a slide that are not placeholders and carry text."""
    return [s for s in slide.shapes if not s.is_placeholder and s.has_text_frame
            and s.text_frame.text.strip()]


def geometry(shape: Any) -> str:
    """A shape's preset geometry, "text" for a text box."""
    found = element(shape).xpath("./p:spPr/a:prstGeom/@prst")
    return str(found[0]) if found else "text"


def paragraphs(shape: Any) -> tuple[list[tuple[Span, ...]], int]:
    """A shape's text as spans per paragraph, and its one text size in pt."""
    paras, sizes = [], set()
    for paragraph in element(shape.text_frame).findall(f"{A}p"):
        spans = []
        for run in paragraph.findall(f"{A}r"):
            props = run.find(f"{A}rPr")
            sizes.add(int(props.get("sz")) // 100)
            spans.append(Span(run.findtext(f"{A}t") or "", props.get("b") == "1",
                              props.get("i") == "1"))
        paras.append(tuple(spans))
    assert len(sizes) == 1, shape.name
    return paras, sizes.pop()


def slide_xml(path: Path) -> list[str]:
    """The XML of every slide part, in slide order."""
    with zipfile.ZipFile(path) as archive:
        names = sorted((n for n in archive.namelist()
                        if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[0]))
        return [archive.read(n).decode() for n in names]


# --- diagrams ----------------------------------------------------------------------------------

def test_a_full_day_has_six_or_more_diagram_slides(decks: dict[str, tuple[Pack, Path]]) -> None:
    _, path = decks[FULL_DAY]
    slides = Presentation(str(path)).slides
    diagrams = [s for s in slides if len(drawn_shapes(s)) >= 4]
    assert len(diagrams) >= 6
    titles = {s.shapes.title.text for s in diagrams}
    assert {"De kracht van beide circuits", "De vier rollen van de gemeente",
            "Twee assen, vier vormen", "De route van vandaag", "Programma: ochtend"} <= titles


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_shapes_text_fits_its_shape(decks: dict[str, tuple[Pack, Path]],
                                          name: str) -> None:
    _, path = decks[name]
    assert shapes_fitted(path) > 20


def shapes_fitted(path: Path) -> int:
    """Check that the text of every diagram shape of a deck fits it; return how many."""
    prs = Presentation(str(path))
    checked = 0
    for number, slide in enumerate(prs.slides, start=1):
        for shape in drawn_shapes(slide):
            paras, size = paragraphs(shape)
            box = text_box(geometry(shape), Box(shape.left, shape.top, shape.width,
                                                shape.height))
            assert fits(paras, box, size, "plain"), (number, shape.name, shape.text_frame.text)
            assert words_fit(paras, box, size), (number, shape.name)
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (number, shape.name)
            checked += 1
    return checked


def test_the_circuits_show_expertise_on_both_sides(decks: dict[str, tuple[Pack, Path]]) -> None:
    _, path = decks[FULL_DAY]
    slide = next(s for s in Presentation(str(path)).slides
                 if s.shapes.title.text == "De kracht van beide circuits")
    text = "\n".join(s.text_frame.text for s in drawn_shapes(slide))
    for strength in ("Vertrouwen van ouders", "Zelfde taal en achtergrond", "dilemma's",
                     "gemeenschap", "Specialistische kennis", "doorverwijzen", "Middelen"):
        assert strength in text
    # Its bullets are not lost: they stay in the notes.
    assert "Formeel: mandaat om te handelen" in slide.notes_slide.notes_text_frame.text


def test_the_four_roles_and_the_two_axes(decks: dict[str, tuple[Pack, Path]]) -> None:
    _, path = decks[FULL_DAY]
    slides = {s.shapes.title.text: s for s in Presentation(str(path)).slides}
    roles = "\n".join(s.text_frame.text for s in drawn_shapes(slides["De vier rollen van de "
                                                                       "gemeente"]))
    for role in ("Regievoerder", "Samenwerkingspartner", "Financier", "Gastheer"):
        assert role in roles
    axes = [s.text_frame.text for s in drawn_shapes(slides["Twee assen, vier vormen"])]
    assert len(axes) == 8  # two columns, two rows, four forms
    assert any("formele" in t for t in axes) and any("informele" in t for t in axes)
    assert any("gezin" in t for t in axes) and any("gemeenschap" in t for t in axes)


def test_each_section_slide_shows_the_route_with_its_stage_highlighted(
        decks: dict[str, tuple[Pack, Path]]) -> None:
    pack, path = decks[FULL_DAY]
    slides = Presentation(str(path)).slides
    numbers = laid_out(pack).slide_numbers
    stages = ["Verkennen", "Visie", "Samen opzetten", "Afspraken"]
    seen = []
    for exercise in pack.exercises:
        section = slides[numbers[exercise.id][0] - 1]
        route = [s for s in section.shapes if s.name.startswith(("Fase", "Huidige fase"))]
        assert [s.text_frame.text for s in route] == stages
        current = [s.text_frame.text for s in route if s.name.startswith("Huidige fase")]
        assert len(current) == 1
        label = section.placeholders[1].text_frame.paragraphs[0].text
        # One label format for every exercise ("Oefening 1 · Kennismaken" was the odd one).
        assert label == f"Oefening {exercise.number} van {len(pack.exercises)} · {current[0]}"
        seen.append(stages.index(current[0]))
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 3


def test_the_agenda_is_a_timeline_in_proportion_to_the_minutes(
        decks: dict[str, tuple[Pack, Path]]) -> None:
    pack, path = decks[FULL_DAY]
    slides = [s for s in Presentation(str(path)).slides
              if s.shapes.title.text.startswith("Programma")]
    assert len(slides) == len(pack.program.dayparts)
    for slide, daypart in zip(slides, pack.program.dayparts, strict=True):
        blocks = [s for s in slide.shapes if s.name.startswith(("Blok", "Pauze"))]
        assert len(blocks) == len(daypart.blocks)
        total = sum(b.minutes for b in daypart.blocks)
        height = sum(s.height for s in blocks)
        for shape, block in zip(blocks, daypart.blocks, strict=True):
            assert abs(shape.height - height * block.minutes / total) <= 2
            # Breaks and lunch look different: a light block with a dashed outline.
            assert shape.name.startswith("Pauze") == (block.kind in ("break", "lunch"))
        labels = [s for s in slide.shapes if s.name.startswith("Tijd en onderdeel")]
        for label in labels:  # readable at the back of the room
            assert paragraphs(label)[1] >= 18
        assert labels[0].top >= blocks[0].top - Box.inches(0, 0, 0, 0.3).height


def test_the_facilitator_clicks_through_the_steps(decks: dict[str, tuple[Pack, Path]]) -> None:
    pack, path = decks[FULL_DAY]
    slides = Presentation(str(path)).slides
    numbers = laid_out(pack).slide_numbers
    for exercise in pack.exercises:
        shown = [slides[n - 1] for n in numbers[exercise.id]]
        first = shown[1]  # the section slide, then the exercise's first instruction slide
        texts = "\n".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
        assert exercise.groups.lower() in texts.lower(), exercise.id
        steps = [s for s in shown if "(stap " in s.shapes.title.text]
        total = len(exercise.steps)
        debrief = exercise.steps[-1].title.startswith("Nabespreking")
        # A timed debrief as the last step: its slide is the one with the questions.
        assert len(steps) == total - debrief, exercise.id
        if debrief:
            last = next(s for s in shown if s.shapes.title.text.startswith("Nabespreking"))
            assert shown[-1].shapes.title.text.startswith("Nabespreking")  # or its continuation
            assert f"Stap {total} van {total}" in "\n".join(
                x.text_frame.text for x in last.shapes if x.has_text_frame)
        for index, slide in enumerate(steps):
            step = exercise.steps[index]
            assert slide.shapes.title.text.endswith(f"(stap {step.number}/{total})")
            active = [s for s in slide.shapes if s.name.startswith("Huidige stap")]
            assert active[0].text_frame.text.startswith(f"{step.number}. ")
            assert active[1].text_frame.text == f"{step.minutes} min"
            assert all(s.text_frame.paragraphs[0].runs[0].font.bold for s in active)
            listed = [s.text_frame.text for s in slide.shapes if s.name.startswith("Stap")]
            assert len(listed) == 2 * (total - 1)


def test_the_case_has_its_timeline(tmp_path: Path) -> None:
    session = write_session(tmp_path, exercises=["kennismaken-wie-zit-er-aan-tafel",
                                                 "casusbespreking", "afspraken-voor-vervolg"])
    pack = compose(prepare(session))
    path = tmp_path / "deck.pptx"
    render(pack, path)
    slide = next(s for s in Presentation(str(path)).slides
                 if s.shapes.title.text.endswith("tijdlijn van de casus"))
    moments = [s for s in slide.shapes if s.name.startswith(("Kans", "Moment"))
               and s.has_text_frame and s.text_frame.text]
    chances = [s for s in moments if s.name.startswith("Kans")]
    assert len(moments) >= 5 and 1 <= len(chances) < len(moments)
    # Roles, not names: the case's names may change, the timeline stays true.
    assert "Hanan" not in "".join(s.text_frame.text for s in moments)


# --- colours -----------------------------------------------------------------------------------

def accent_fills(path: Path) -> set[str]:
    """How the accent-filled diagram shapes of a deck give their colour."""
    found = set()
    for xml in slide_xml(path):
        root = etree.fromstring(xml.encode())
        for shape in root.iter("{http://schemas.openxmlformats.org/presentationml/2006/main}sp"):
            name = shape.find(".//{*}cNvPr").get("name")
            if name.startswith(("Huidige", "Circuit", "As-label")):
                fill = shape.find(f"./{{*}}spPr/{A}solidFill")
                colour = fill[0]
                found.add(f"{etree.QName(colour).localname}:{colour.get('val')}")
    return found


def test_diagrams_take_the_brand_colour(tmp_path: Path) -> None:
    session = write_session(tmp_path, branding={"colour": "#7a1f5c"})
    path = tmp_path / "deck.pptx"
    render(compose(prepare(session)), path)
    assert accent_fills(path) == {"schemeClr:accent1"}
    with zipfile.ZipFile(path) as archive:
        theme = archive.read("ppt/theme/theme1.xml").decode()
    assert re.search(r'<a:accent1><a:srgbClr val="7A1F5C"/>', theme)
    # Text on the brand colour is light, at 4.5:1 at least.
    assert contrast("7A1F5C", "FFFFFF") >= 4.5
    assert any('val="FFFFFF"' in xml and "Huidige" in xml for xml in slide_xml(path))


def test_diagrams_take_a_user_templates_theme_and_its_brand_colour(tmp_path: Path) -> None:
    make_user_template(tmp_path / "huisstijl.pptx")
    session = write_session(tmp_path, branding={"template": "huisstijl.pptx"})
    path = tmp_path / "deck.pptx"
    render(compose(prepare(session)), path)
    assert accent_fills(path) == {"schemeClr:accent1"}  # the template's own accent
    report = check_template(tmp_path / "huisstijl.pptx")
    # Office's accent1 (4F81BD) takes black text (5.3:1); white would be 3.9:1.
    assert report.colour("accent1") == "4F81BD"
    dark = report.colour("dk1")
    assert contrast(dark, "4F81BD") >= 4.5
    assert any(f'val="{dark}"' in xml and "Huidige" in xml for xml in slide_xml(path))
    prs = Presentation(str(path))
    assert sum(len(drawn_shapes(s)) >= 4 for s in prs.slides) >= 4
    assert shapes_fitted(path) > 20  # inside the template's own 4:3 slide, text inside

    branded = write_session(tmp_path, branding={"template": "huisstijl.pptx",
                                                "colour": "#7a1f5c"})
    render(compose(prepare(branded)), path)
    assert accent_fills(path) == {"srgbClr:7A1F5C"}  # their theme stays theirs


def test_our_templates_text_colours_contrast_enough() -> None:
    report = check_template(default_template())
    assert report.warnings() == []
    pairs = [("dk1", "lt1"), ("dk2", "lt1"), ("dk1", "lt2"), ("lt1", "accent1")]
    for text, ground in pairs:
        assert contrast(report.colour(text), report.colour(ground)) >= 4.5, (text, ground)


def test_check_template_warns_about_low_contrast(tmp_path: Path) -> None:
    source = make_user_template(tmp_path / "plain.pptx", old_slides=0)
    pale = tmp_path / "bleek.pptx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(pale, "w") as out:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "ppt/theme/theme1.xml":
                data = re.sub(rb'(<a:dk1>)<a:sysClr[^>]*/>', rb'\1<a:srgbClr val="AAAAAA"/>',
                              data)
            out.writestr(info, data)
    report = check_template(pale)
    assert report.colour("dk1") == "AAAAAA"
    assert any("dk1" in w and "below 4.5:1" in w for w in report.warnings())
    assert "Warnings (contrast, WCAG):" in format_report(report)


# --- accessibility ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", EXAMPLES)
def test_titles_are_unique_and_no_two_slides_are_the_same(
        decks: dict[str, tuple[Pack, Path]], name: str) -> None:
    _, path = decks[name]
    slides = list(Presentation(str(path)).slides)
    titles = [s.shapes.title.text for s in slides]
    assert [t for t, n in collections.Counter(titles).items() if n > 1] == []
    contents = [(s.shapes.title.text,
                 tuple(x.text_frame.text for x in s.shapes if x.has_text_frame),
                 s.notes_slide.notes_text_frame.text) for s in slides]
    assert len(set(contents)) == len(contents)


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_two_slides_in_a_row_say_when_we_go_on(decks: dict[str, tuple[Pack, Path]],
                                                  name: str) -> None:
    _, path = decks[name]
    saying = [any("We gaan verder" in x.text_frame.text for x in s.shapes if x.has_text_frame)
              for s in Presentation(str(path)).slides]
    assert not any(a and b for a, b in itertools.pairwise(saying))


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_title_wraps_because_of_the_badge(decks: dict[str, tuple[Pack, Path]],
                                             name: str) -> None:
    pack, _ = decks[name]
    exercise, content = DEFAULT_FRAMES["exercise"], DEFAULT_FRAMES["content"]
    assert exercise.title == content.title  # the badge no longer takes the title's width
    assert exercise.badge is not None
    assert exercise.badge.top >= exercise.title.top + exercise.title.height
    # Aligned: the badge's top is the text's top, its right edge the title's.
    assert exercise.badge.top == exercise.bodies[0].top
    assert exercise.badge.left + exercise.badge.width == content.title.left + content.title.width
    for spec in laid_out(pack).slides:
        if spec.kind != "exercise":
            continue
        one_line = round((spec.title_size * TITLE_LINE + 2 * INSET_Y) * EMU_PER_PT) + 1
        wide = Box(0, 0, content.title.width, one_line)
        narrow = Box(0, 0, exercise.title.width, one_line)
        assert title_fits(spec.title, narrow, spec.title_size) == \
            title_fits(spec.title, wide, spec.title_size), spec.title


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_title_is_read_first(decks: dict[str, tuple[Pack, Path]], name: str) -> None:
    _, path = decks[name]
    for slide in Presentation(str(path)).slides:
        first = next(iter(slide.shapes))
        assert first.is_placeholder and first == slide.shapes.title


def test_user_template_slides_are_read_title_first(tmp_path: Path) -> None:
    template = make_user_template(tmp_path / "huisstijl.pptx", old_slides=0)
    prs = Presentation(str(template))
    layout = prs.slide_layouts[1]  # its title put after its body, as some templates have
    title = element(next(p for p in layout.placeholders if p.placeholder_format.idx == 0))
    tree = title.getparent()
    tree.remove(title)
    tree.append(title)
    prs.save(str(template))
    session = write_session(tmp_path, branding={"template": "huisstijl.pptx"})
    path = tmp_path / "deck.pptx"
    render(compose(prepare(session)), path)
    for slide in Presentation(str(path)).slides:
        assert next(iter(slide.shapes)) == slide.shapes.title


def test_pictures_have_alt_text_that_is_no_file_name(tmp_path: Path) -> None:
    Image.new("RGB", (300, 100), "#0a5c8f").save(tmp_path / "logo-gemeente.png")
    session = write_session(tmp_path, branding={"logo": "logo-gemeente.png"}, facilitators=[])
    path = tmp_path / "deck.pptx"
    render(compose(prepare(session)), path)
    pictures = [s for slide in Presentation(str(path)).slides for s in slide.shapes
                if s.shape_type == 13]
    assert pictures
    for picture in pictures:
        text = alt_text(picture) or ""
        assert text == "Logo van 's-Hertogenbosch"
        assert not re.search(r"\.(png|jpe?g|gif|svg|emf|wmf)$", text, re.IGNORECASE)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_run_has_a_language(decks: dict[str, tuple[Pack, Path]], name: str) -> None:
    _, path = decks[name]
    with zipfile.ZipFile(path) as archive:
        parts = [archive.read(n) for n in archive.namelist() if n.endswith(".xml")
                 and n.startswith(("ppt/slides/", "ppt/notesSlides/", "ppt/slideLayouts/",
                                   "ppt/slideMasters/", "ppt/notesMasters/"))]
    runs = 0
    for xml in parts:
        for run in etree.fromstring(xml).iter(f"{A}r", f"{A}fld"):
            props = run.find(f"{A}rPr")
            assert props is not None and props.get("lang") in ("nl-NL", "ar-SA")
            runs += 1
    assert runs > 500


def test_a_title_met_before_gets_a_number() -> None:
    from opvoedkit.layout.fitting import SlideSpec
    from opvoedkit.layout.outline import _unique_titles

    specs = [SlideSpec("content", "Bespreken"), SlideSpec("content", "Anders"),
             SlideSpec("content", "Bespreken"), SlideSpec("section", "Bespreken")]
    titles = [s.title for s in _unique_titles(specs, DEFAULT_FRAMES)]
    assert titles == ["Bespreken", "Anders", "Bespreken (2)", "Bespreken (3)"]
