"""Users' templates as they come: a .potx, a template saved by LibreOffice (whose placeholders
share idx 0), and the brand colour on a template of one's own."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT

from opvoedkit.assets import check_template as validate_template
from opvoedkit.compose import compose
from opvoedkit.config import load_session
from opvoedkit.errors import InputError
from opvoedkit.geometry import contrast
from opvoedkit.pack import Pack
from opvoedkit.preflight import prepare
from opvoedkit.render import pptx_adapter as adapter
from opvoedkit.render.deck import default_template
from opvoedkit.template_check import (
    MAIN_TYPES,
    as_presentation,
    check_template,
    format_report,
    number_placeholders,
    template_warnings,
)

from .test_deck import laid_out, make_user_template, render, write_session

TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
NO_SOFFICE = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice is not installed")
TITLES = ("TITLE", "CENTER_TITLE")


def rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of a zip with each entry's bytes passed through ``change(name, data)``."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as out:
        for info in original.infolist():
            out.writestr(info, change(info.filename, original.read(info)))
    return target


def to_potx(source: Path, target: Path) -> Path:
    """``source`` as PowerPoint saves a template: only the main content type differs."""
    def change(name: str, data: bytes) -> bytes:
        if name != "[Content_Types].xml":
            return data
        changed = data.replace(CT.PML_PRESENTATION_MAIN.encode(), TEMPLATE_MAIN.encode())
        assert changed != data
        return changed

    return rewrite(source, target, change)


def main_type(path: Path) -> str:
    """The content type of a package's ppt/presentation.xml."""
    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml").decode()
    found = re.search(r'PartName="/ppt/presentation.xml" ContentType="([^"]+)"', types)
    assert found
    return found[1]


def libreoffice(sources: list[Path], folder: Path, kind: str) -> list[Path]:
    """``sources`` opened and saved by LibreOffice Impress as ``kind`` (pptx or potx)."""
    profile = (folder / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", kind, "--outdir", str(folder), *map(str, sources)],
                   check=True, capture_output=True, timeout=240)
    return [folder / f"{source.stem}.{kind}" for source in sources]


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Our template and python-pptx's, saved by LibreOffice as .pptx, and ours as .potx."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("libreoffice")
    ours = shutil.copy(default_template(), folder / "ours.pptx")
    theirs = folder / "python-pptx.pptx"
    Presentation().save(str(theirs))
    sources = [Path(ours), theirs]
    saved = folder / "saved"
    pptx = libreoffice(sources, saved, "pptx")
    potx = libreoffice(sources[:1], saved, "potx")
    return {"ours": pptx[0], "python-pptx": pptx[1], "ours-potx": potx[0]}


def deck_for(folder: Path, template: Path, **branding: str) -> tuple[Pack, Path]:
    """A pack on ``template`` (copied next to its session file) and its deck."""
    shutil.copy(template, folder / f"huisstijl{template.suffix}")
    session = write_session(folder, branding={"template": f"huisstijl{template.suffix}",
                                              **branding})
    pack = compose(prepare(session))
    path = folder / "deck.pptx"
    render(pack, path)
    return pack, path


def assert_titles_kept(pack: Pack, path: Path) -> None:
    """Every slide has its title in its one title placeholder, and no text shape doubles as
    title: no placeholder idx twice on a slide, the body in its own box."""
    specs = laid_out(pack).slides
    prs = Presentation(str(path))
    assert len(prs.slides) == len(specs)
    for number, (slide, spec) in enumerate(zip(prs.slides, specs, strict=True), start=1):
        placeholders = list(slide.placeholders)
        idx = [p.placeholder_format.idx for p in placeholders]
        assert len(idx) == len(set(idx)), (number, idx)
        titles = [p for p in placeholders if p.placeholder_format.type.name in TITLES]
        assert [t.text_frame.text for t in titles] == [spec.title], number
        assert slide.shapes.title.text_frame.text == spec.title
        title = titles[0]
        for other in placeholders:
            if other is not title and other.has_text_frame and other.text_frame.text:
                assert other.placeholder_format.type.name not in TITLES
                assert (other.left, other.top) != (title.left, title.top), number
        if spec.bullets:
            text = "\n".join(p.text_frame.text for p in placeholders if p is not title)
            assert "".join(s.text for s in spec.bullets[0]) in text, number


def without_idx(source: Path, target: Path) -> Path:
    """``source`` with the layouts' placeholders written as LibreOffice writes them: no idx,
    except on date, footer and slide number."""
    def change(name: str, data: bytes) -> bytes:
        if not re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", name):
            return data
        text = data.decode()
        return re.sub(r'(<p:ph(?![^>]*type="(?:dt|ftr|sldNum)")[^>]*?) idx="\d+"', r"\1",
                      text).encode()

    return rewrite(source, target, change)


# --- .potx -----------------------------------------------------------------------------------

def test_as_presentation_changes_the_main_content_type_only(tmp_path: Path) -> None:
    pptx = default_template().read_bytes()
    assert as_presentation(pptx) is pptx  # a .pptx is left as it is
    potx = to_potx(default_template(), tmp_path / "sjabloon.potx")
    opened = tmp_path / "opened.pptx"
    opened.write_bytes(as_presentation(potx.read_bytes()))
    assert main_type(potx) == TEMPLATE_MAIN
    assert main_type(opened) == CT.PML_PRESENTATION_MAIN
    with zipfile.ZipFile(potx) as before, zipfile.ZipFile(opened) as after:
        assert before.namelist() == after.namelist()
        assert [n for n in before.namelist() if before.read(n) != after.read(n)] == \
            ["[Content_Types].xml"]
    # Macro-enabled templates and slide shows become the presentations they otherwise are.
    assert MAIN_TYPES["application/vnd.ms-powerpoint.template.macroEnabled.main+xml"] == \
        CT.PML_PRES_MACRO_MAIN
    assert MAIN_TYPES[CT.PML_SLIDESHOW_MAIN] == CT.PML_PRESENTATION_MAIN
    assert set(MAIN_TYPES.values()) <= {CT.PML_PRESENTATION_MAIN, CT.PML_PRES_MACRO_MAIN}


def test_python_pptx_still_refuses_a_potx(tmp_path: Path) -> None:
    # Why as_presentation exists; if python-pptx learns to open one, it can go.
    potx = to_potx(default_template(), tmp_path / "sjabloon.potx")
    with pytest.raises(ValueError, match="not a PowerPoint file"):
        Presentation(str(potx))


def test_a_potx_is_checked_validated_and_built_like_its_pptx(tmp_path: Path) -> None:
    potx = to_potx(default_template(), tmp_path / "sjabloon.potx")
    report = check_template(potx)
    assert report.matches == check_template(default_template()).matches
    assert report.frames() == check_template(default_template()).frames()
    assert validate_template(potx) is None
    pack, path = deck_for(tmp_path, potx)
    assert main_type(path) == CT.PML_PRESENTATION_MAIN  # the deck is a .pptx
    prs = Presentation(str(path))
    assert prs.slides[0].slide_layout.name == "Titel"
    assert {s.slide_layout.name for s in prs.slides} >= {"Sectie", "Inhoud", "Oefening"}
    assert_titles_kept(pack, path)
    first = path.read_bytes()
    render(pack, path)
    assert path.read_bytes() == first


def test_the_cli_takes_a_potx(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    potx = to_potx(default_template(), tmp_path / "huisstijl.potx")
    shown = run_cli("check-template", potx)
    assert shown.exit_code == 0, shown.output
    assert "Slide kinds:" in shown.output and "'Oefening' (by name)" in shown.output
    session = write_session(tmp_path, branding={"template": "huisstijl.potx"})
    checked = run_cli("validate", session)
    assert checked.exit_code == 0, checked.output
    built = run_cli("build", session, "-o", tmp_path / "pakket", "--only", "deck", "--quiet")
    assert built.exit_code == 0, built.output
    assert main_type(tmp_path / "pakket" / "presentatie.pptx") == CT.PML_PRESENTATION_MAIN


def test_a_damaged_potx_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "kapot.potx"
    path.write_bytes(b"PK\x03\x04broken")
    with pytest.raises(InputError) as caught:
        check_template(path)
    assert ".potx" in caught.value.problems[0].message


@NO_SOFFICE
def test_a_potx_saved_by_libreoffice(saved_by_libreoffice: dict[str, Path],
                                     tmp_path: Path) -> None:
    potx = saved_by_libreoffice["ours-potx"]
    assert main_type(potx) == TEMPLATE_MAIN
    assert validate_template(potx) is None
    pack, path = deck_for(tmp_path, potx)
    assert main_type(path) == CT.PML_PRESENTATION_MAIN
    assert_titles_kept(pack, path)


# --- placeholders that share an idx (LibreOffice) ----------------------------------------------

def test_placeholders_without_idx_are_numbered_apart(tmp_path: Path) -> None:
    template = without_idx(make_user_template(tmp_path / "nl.pptx", old_slides=0),
                           tmp_path / "zonder-idx.pptx")
    prs = Presentation(str(template))
    content = prs.slide_layouts[1]
    assert [p.placeholder_format.idx for p in content.placeholders][:2] == [0, 0]  # the trap
    notes = number_placeholders(prs)
    assert len(notes) == 1 and "LibreOffice" in notes[0] and "'Titel en object'" in notes[0]
    for layout in prs.slide_layouts:
        idx = [p.placeholder_format.idx for p in layout.placeholders]
        assert len(idx) == len(set(idx)), layout.name
        for placeholder in layout.placeholders:  # a title keeps idx 0
            if placeholder.placeholder_format.type.name in TITLES:
                assert placeholder.placeholder_format.idx == 0
    assert number_placeholders(prs) == ()  # numbered once, nothing left to do

    report = check_template(template)
    for match in report.matches:
        assert match.title == 0 and 0 not in match.bodies, match
    assert report.match("two-column").bodies[0] != report.match("two-column").bodies[1]
    assert "LibreOffice" in format_report(report)


def test_a_deck_on_placeholders_without_idx_keeps_every_title(tmp_path: Path) -> None:
    template = without_idx(make_user_template(tmp_path / "nl.pptx", old_slides=0),
                           tmp_path / "zonder-idx.pptx")
    pack, path = deck_for(tmp_path, template)
    assert_titles_kept(pack, path)
    prs = Presentation(str(path))
    assert prs.slides[0].slide_layout.name == "Titeldia"
    # The subtitle holds the municipality, in the layout's subtitle box.
    subtitle = next(p for p in prs.slides[0].placeholders
                    if p.placeholder_format.type.name == "SUBTITLE")
    assert subtitle.text_frame.paragraphs[0].text == "'s-Hertogenbosch"
    layout_box = next(p for p in prs.slides[0].slide_layout.placeholders
                      if p.placeholder_format.type.name == "SUBTITLE")
    assert (subtitle.top, subtitle.height) == (layout_box.top, layout_box.height)


def test_a_second_title_placeholder_is_never_the_text(tmp_path: Path) -> None:
    source = make_user_template(tmp_path / "nl.pptx", old_slides=0)

    def change(name: str, data: bytes) -> bytes:  # the body of 'Titel en object' typed title
        if name != "ppt/slideLayouts/slideLayout2.xml":
            return data
        return data.replace(b'<p:ph idx="1"/>', b'<p:ph type="title"/>')

    template = rewrite(source, tmp_path / "twee-titels.pptx", change)
    report = check_template(template)
    assert any("2 title placeholders" in n and "'Titel en object'" in n for n in report.notes)
    assert report.match("content").layout_name != "Titel en object"
    pack, path = deck_for(tmp_path, template)
    assert_titles_kept(pack, path)


@NO_SOFFICE
@pytest.mark.parametrize("name", ["ours", "python-pptx"])
def test_a_template_saved_by_libreoffice(saved_by_libreoffice: dict[str, Path], name: str,
                                         tmp_path: Path) -> None:
    template = saved_by_libreoffice[name]
    prs = Presentation(str(template))  # the trap, as python-pptx sees it
    shared = [lay.name for lay in prs.slide_layouts
              if [p.placeholder_format.idx for p in lay.placeholders].count(0) > 1]
    assert shared
    report = check_template(template)
    assert report.notes and "LibreOffice" in report.notes[0]
    for match in report.matches:
        layout = report.layouts[match.layout]
        types = {p.idx: p.type for p in layout.placeholders}
        assert types[match.title] in TITLES, match
        assert match.title not in match.bodies, match
        assert all(types[i] not in TITLES for i in match.bodies), match
    # A text slide is not set on the title slide (LibreOffice types its title slide `tx`).
    assert report.match("content").layout_name == "Title, Content"
    assert report.match("title").layout_name == "Title Slide"
    assert report.match("two-column").layout_name == "Title, 2 Content"
    text = format_report(report)
    assert "Notes" in text and "LibreOffice" in text
    assert validate_template(template) is None

    pack, path = deck_for(tmp_path, template, colour="#7a1f5c")
    assert_titles_kept(pack, path)
    first = path.read_bytes()
    render(pack, path)
    assert path.read_bytes() == first


# --- branding.colour on a user's template --------------------------------------------------

def badges(path: Path) -> list[Any]:
    """The time badges of a deck on our template: its badge placeholder, by idx."""
    badge = check_template(default_template()).match("exercise").badge
    prs = Presentation(str(path))
    return [p for slide in prs.slides for p in slide.placeholders
            if p.placeholder_format.idx == badge]


def test_the_brand_colour_fills_the_badges_on_a_users_template(tmp_path: Path) -> None:
    # Our own template used as a municipality's: it has a badge placeholder.
    _, plain = deck_for(tmp_path, default_template())
    assert badges(plain) and all(b.fill.type is None for b in badges(plain))  # the layout's
    _, path = deck_for(tmp_path, default_template(), colour="#7a1f5c")
    found = badges(path)
    assert found
    for badge in found:
        assert str(badge.fill.fore_color.rgb) == "7A1F5C"
        colours = set(re.findall(r'srgbClr val="([0-9A-F]{6})"',
                                 adapter.element(badge).xml))
        text = colours - {"7A1F5C"}
        assert text and all(contrast(c, "7A1F5C") >= 4.5 for c in text)
    with zipfile.ZipFile(path) as deck, zipfile.ZipFile(default_template()) as original:
        # The user's theme stays theirs: its accent is not the brand colour.
        assert deck.read("ppt/theme/theme1.xml") == original.read("ppt/theme/theme1.xml")


def test_template_warnings_say_where_the_brand_colour_is_not_used(tmp_path: Path) -> None:
    shutil.copy(default_template(), tmp_path / "met-badge.pptx")
    make_user_template(tmp_path / "zonder-badge.pptx", old_slides=0)

    def warnings(**branding: str) -> list[str]:
        session, _ = load_session(write_session(tmp_path, branding=branding))
        return template_warnings(session)

    assert warnings() == []
    assert warnings(template="met-badge.pptx") == []
    assert warnings(colour="#7a1f5c") == []  # our template takes it everywhere
    [with_badge] = warnings(template="met-badge.pptx", colour="#7a1f5c")
    assert with_badge.startswith("branding.colour #7a1f5c is used on your template for the "
                                 "diagrams and the time badges;")
    assert "titles, text, bullets, backgrounds" in with_badge
    [without_badge] = warnings(template="zonder-badge.pptx", colour="#7a1f5c")
    assert "diagrams only" in without_badge and "no badge placeholder" in without_badge
    # Grey: neither dark nor light text on it reaches 4.5:1.
    [grey] = warnings(colour="#808080")
    assert "contrast of at best" in grey and "below 4.5:1" in grey
    assert len(warnings(template="met-badge.pptx", colour="#808080")) == 2


def test_template_warnings_leave_a_broken_template_to_check_files(tmp_path: Path) -> None:
    (tmp_path / "kapot.pptx").write_bytes(b"not a zip")
    session, _ = load_session(write_session(tmp_path, branding={"template": "kapot.pptx",
                                                                "colour": "#7a1f5c"}))
    assert template_warnings(session) == []
