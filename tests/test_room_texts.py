"""Texts about who is in the room follow the session's audience (issue 15).

A pack is built through the public API for an informal-only room and for a room with all three
sides, and the hand-out, attendance list and evaluation form are read back with pypdf: no
document greets or lists a side that is absent, the evaluation form speaks of one facilitator or
several, asks whether people were heard as equals, and gives each smiley question answers that
fit it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from opvoedkit import build
from opvoedkit.builder import FILE_NAMES

MUNICIPALITY = "'s-Hertogenbosch"
SESSION = f"""\
municipality: "{MUNICIPALITY}"
title: "Samen sterk voor ouders in {MUNICIPALITY}"
date: 2027-03-16
start: "09:00"
dayparts: 1
participants: 20
audience: [{{audience}}]
facilitators: [{{facilitators}}]
exercises: [kennismaken-wie-zit-er-aan-tafel, verwachtingen-over-en-weer, afspraken-voor-vervolg]
"""
TWO = "{name: Fatima Amrani}, {name: Jan de Vries}"
ONE = "{name: Fatima Amrani}"
EQUALS = "Werd er naar jou geluisterd, net zo goed als naar de anderen?"


class Pack:
    """One built pack: each PDF's pages as text, every run of whitespace one space."""

    def __init__(self, folder: Path) -> None:
        self.pages = {kind: [" ".join((page.extract_text() or "").split())
                             for page in PdfReader(folder / FILE_NAMES[kind]).pages]
                      for kind in ("handout", "attendance", "evaluation", "handbook")}

    def text(self, kind: str) -> str:
        return " ".join(self.pages[kind])

    def list_pages(self) -> list[str]:
        """The attendance list's own pages (not the slips for e-mail and photos)."""
        return [page for page in self.pages["attendance"] if "Handtekening" in page]

    def header(self) -> str:
        """The attendance list's column header: from "Nr." up to "Handtekening"."""
        found = re.search(r"Nr\. Naam .*?Handtekening", self.list_pages()[0])
        assert found, self.list_pages()[0]
        return found.group()


Builder = Callable[..., Pack]  # built(audience, facilitators=TWO)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    cache: dict[tuple[str, str], Pack] = {}

    def get(audience: str, facilitators: str = TWO) -> Pack:
        if (audience, facilitators) not in cache:
            folder = tmp_path_factory.mktemp("room")
            session = folder / "sessie.yaml"
            session.write_text(SESSION.format(audience=audience, facilitators=facilitators),
                               encoding="utf-8")
            build(session, folder / "pack")
            cache[audience, facilitators] = Pack(folder / "pack")
        return cache[audience, facilitators]

    return get


def test_an_informal_only_room_claims_no_professionals_or_municipality(built: Builder) -> None:
    pack = built("informal")
    handout = pack.text("handout")
    assert "Vandaag zijn vrijwilligers" in handout
    assert not re.search(r"ontmoeten[^.]*professionals|professionals[^.]*ontmoeten", handout)
    assert "medewerkers van de gemeente elkaar" not in handout
    # One side only: no side columns at all, and no line asking which side you are on.
    header = pack.header()
    for column in ("Formeel", "Informeel", "Gemeente"):
        assert column not in header, header
    assert "Formeel" not in pack.text("attendance") and "Kruis aan" not in pack.text("attendance")
    assert "professional" not in pack.text("evaluation").casefold()


def test_a_full_room_lists_and_greets_every_side(built: Builder) -> None:
    pack = built("professionals, informal, policy")
    assert "Vandaag ontmoeten professionals, vrijwilligers en medewerkers van de gemeente" \
        in pack.text("handout")
    header = pack.header()
    assert [c for c in ("Formeel", "Informeel", "Gemeente") if c in header] == \
        ["Formeel", "Informeel", "Gemeente"]
    assert "Kruis aan wat bij je past" in pack.text("attendance")


def test_two_sides_list_only_those_two(built: Builder) -> None:
    header = built("professionals, informal").header()
    assert "Formeel" in header and "Informeel" in header and "Gemeente" not in header


def test_nobody_reads_other_peoples_email_or_photo_choice_on_the_list(built: Builder) -> None:
    pack = built("professionals, informal, policy")
    header = pack.header()
    assert "E-mail" not in header and "Foto" not in header, header
    for page in pack.list_pages():
        assert "E-mail (optioneel)" not in page and "Foto akkoord" not in page
    slips = [page for page in pack.pages["attendance"] if page not in pack.list_pages()]
    assert slips and all("E-mail (optioneel)" in p and "Foto akkoord" in p for p in slips)
    assert "AVG" in pack.text("attendance") and "apart toestemming" in pack.text("attendance")


def _answers(page: str, question: str) -> str:
    """The words printed under one smiley question: the lower-case words up to the next
    question (every question starts with a capital)."""
    after = page.split(question, 1)[1]
    found = re.match(r"[^A-Z]*", after)
    return found.group().strip() if found else ""


def test_the_evaluation_form_fits_this_session(built: Builder) -> None:
    pack = built("informal")
    form, smileys = pack.pages["evaluation"]
    for page in (form, smileys):
        assert EQUALS in page
        assert "begeleiders" in page
    answers = _answers(smileys, "Ga je er iets mee doen?")
    assert "gaat wel" not in answers and "goed" not in answers, answers
    assert answers == "ja misschien nee", answers
    assert "Hoe vond je de begeleiders?" in smileys


def test_one_facilitator_is_not_called_begeleiders(built: Builder) -> None:
    pack = built("informal", ONE)
    assert "begeleiders" not in pack.text("evaluation")
    assert "Hoe vond je de begeleider?" in pack.pages["evaluation"][1]


def test_a_title_that_names_the_municipality_is_not_followed_by_it(built: Builder) -> None:
    pack = built("professionals, informal, policy")
    twice = f"{MUNICIPALITY} in {MUNICIPALITY}"
    assert twice not in pack.text("handbook")
    assert f"{MUNICIPALITY} · Gemeente {MUNICIPALITY}" not in pack.text("attendance")
