"""Property: any text a user types in a free-text field comes out in the deck and the handbook
exactly as typed, or is refused with an input error that names the character and the field."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvoedkit import build
from opvoedkit.errors import InputError
from opvoedkit.glyphs import printable

# Latin with accents (Dutch, Frisian, Turkish, Polish), Greek, Cyrillic, XML and Markdown
# specials, Jinja syntax, combining marks; and characters no bundled font has (emoji, CJK,
# Hebrew) and control characters, which must be refused clearly.
GOOD = list("abcXYZ 019'&<>\"*_#{}%|-") + list("éëïöüâçñÿĳ") + list("ğşıİĞŞłżźćńąęŁŻ") + \
    list("ΑβΓδωЖжЯя") + ["\u0301", "\u0308"]
BAD = ["😀", "中", "א", "\u0007"]
FIELDS = {
    "municipality": ("municipality",),
    "title": ("title",),
    "venue": ("venue",),
    "facilitator": ("facilitators", 0, "name"),
    "organisation": ("facilitators", 0, "organisation"),
}


def _session(values: dict[str, str]) -> dict[str, object]:
    return {
        "municipality": values["municipality"], "title": values["title"],
        "venue": values["venue"], "date": "2027-03-18", "audience": ["professionals"],
        "facilitators": [{"name": values["facilitator"],
                          "organisation": values["organisation"]}],
        "exercises": ["kennismaken-wie-zit-er-aan-tafel", "beeld-van-elkaar",
                      "wat-staat-in-de-weg"],
    }


def _squash(text: str) -> str:
    return "".join(text.split())


def _deck_text(path: Path) -> str:
    from pptx import Presentation

    parts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
    return "\n".join(parts)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages[:3])


def _text(alphabet: list[str]) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=1, max_size=18).filter(
        lambda s: s.strip() == s and s.strip() and s[0] not in "\u0301\u0308")


good_text = _text(GOOD)
any_text = st.one_of(good_text, _text(GOOD + BAD))
SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


@settings(max_examples=12, **SETTINGS)  # type: ignore[arg-type]
@given(values=st.fixed_dictionaries({name: good_text for name in FIELDS}))
def test_printable_text_comes_out_exactly(values: dict[str, str]) -> None:
    _check(values)


@settings(max_examples=40, **SETTINGS)  # type: ignore[arg-type]
@given(values=st.fixed_dictionaries({name: any_text for name in FIELDS}))
def test_unprintable_text_is_refused_naming_character_and_field(values: dict[str, str]) -> None:
    _check(values)


def _check(values: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        session = folder / "s.yaml"
        session.write_text(yaml.safe_dump(_session(values), allow_unicode=True),
                           encoding="utf-8")
        bad = {name: v for name, v in values.items()
               if any(not printable(c) or ord(c) < 32 for c in v)}
        try:
            build(session, folder / "out", only=("deck", "handbook"))
        except InputError as exc:
            assert bad, exc
            messages = "\n".join(p.message for p in exc.problems)
            for name in bad:
                field = FIELDS[name]
                label = field[0] if len(field) == 1 else f"{field[0]}[1].{field[2]}"
                assert f"`{label}`" in messages
            assert "cannot be printed" in messages or "control character" in messages
            assert not (folder / "out").exists()
            return
        assert not bad, f"accepted unprintable text: {bad}"
        deck = _squash(_deck_text(folder / "out" / "presentatie.pptx"))
        handbook = _squash(_pdf_text(folder / "out" / "handleiding-begeleider.pdf"))
        for name, value in values.items():
            assert _squash(value) in deck, (name, value)
            assert _squash(value) in handbook, (name, value)
