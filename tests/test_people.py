"""Who sits with whom and who leads what (issue 16 parts 1 and 2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from opvoedkit.people import allocate, assign_leads
from opvoedkit.planner import group_split

MIXES = [
    {"professionals": 12, "informal": 10, "policy": 6},
    {"professionals": 20, "informal": 4},
    {"professionals": 3, "informal": 3, "policy": 1},
    {"informal": 9, "policy": 9},
    {"professionals": 1, "informal": 15},
]


@pytest.mark.parametrize("mix", MIXES, ids=lambda m: "-".join(f"{k[:4]}{v}" for k, v in m.items()))
@pytest.mark.parametrize(("form", "size"), [("tweetallen", None), ("drietallen", None),
                                            ("subgroepen", 4), ("subgroepen", 6)])
def test_every_group_is_as_mixed_as_the_numbers_allow(mix: dict[str, int], form: str,
                                                      size: int | None) -> None:
    people = sum(mix.values())
    groups = group_split(form, size, people)
    tables = allocate(groups.sizes, mix)
    assert [t.size for t in tables] == list(groups.sizes)
    assert sum(t.size for t in tables) == people
    for audience, count in mix.items():
        assert sum(t.count(audience) for t in tables) == count
    # A group of one audience only exists when that audience outnumbers what the others can
    # spread over the groups: at most (groups - people from the other audiences) of them.
    single = [t for t in tables if len(t.counts) == 1]
    biggest = max(mix.values())
    others = people - biggest
    assert len(single) <= max(0, len(tables) - others)


def test_two_facilitators_share_the_lead_and_a_named_lead_is_kept() -> None:
    kinds = ["welcome", "background", "exercise", "exercise", "break", "exercise", "closing"]
    roles = assign_leads(kinds, ["Gülşen Yıldız", "Jan de Vries"], {3: "Gülşen Yıldız"})
    exercise_leads = [roles[i][0] for i, k in enumerate(kinds) if k == "exercise"]
    assert set(exercise_leads) == {"Gülşen Yıldız", "Jan de Vries"}
    assert roles[3][0] == "Gülşen Yıldız"
    assert roles[4] == (None, None)
    for lead, support in roles:
        assert lead != support or lead is None
    welcome, background = roles[0][0], roles[1][0]
    assert welcome != background  # the hands change between blocks of different kinds


def test_one_facilitator_leads_everything_alone() -> None:
    roles = assign_leads(["welcome", "exercise", "break", "closing"], ["Mariam"], {})
    assert roles == [("Mariam", None), ("Mariam", None), (None, None), ("Mariam", None)]


def test_the_plan_json_carries_allocation_lead_and_support(write_session: Callable[..., Path],
                                                           run_cli: Callable[..., object]) -> None:
    path = write_session("""municipality: Proefstad
dayparts: 2
participants: {professionals: 12, informal: 10, policy: 6}
audience: [professionals, informal, policy]
facilitators: [{name: Gülşen Yıldız}, {name: Jan de Vries}]
exercises: [kennismaken-wie-zit-er-aan-tafel, {id: beeld-van-elkaar, lead: Jan de Vries}, auto]
""")
    result = run_cli("plan", str(path), "--format", "json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    plan = json.loads(result.output)  # type: ignore[attr-defined]
    blocks = [b for d in plan["dayparts"] for b in d["blocks"]]
    exercises = [b for b in blocks if b["kind"] == "exercise"]
    assert {b["lead"] for b in exercises} == {"Gülşen Yıldız", "Jan de Vries"}
    assert [b["lead"] for b in exercises if b["id"] == "beeld-van-elkaar"] == ["Jan de Vries"]
    assert all(b["lead"] and b["support"] and b["lead"] != b["support"] for b in blocks
               if b["kind"] in ("welcome", "background", "exercise", "closing"))
    grouped = [b for b in exercises if b["group_form"] != "plenair"]
    assert grouped
    for block in grouped:
        assert sum(t["size"] for t in block["allocation"]) == 28
        assert all(len([k for k in t if k != "size"]) >= 2 for t in block["allocation"])


def test_a_lead_who_is_not_a_facilitator_is_an_input_error(write_session: Callable[..., Path],
                                                           run_cli: Callable[..., object]) -> None:
    path = write_session("""municipality: Proefstad
audience: [informal]
facilitators: [{name: Gülşen Yıldız}]
exercises:
  - id: stellingenspel
    lead: Gulsen Yildiz
""")
    result = run_cli("validate", str(path))
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "sessie.yaml:6:11:" in result.output  # type: ignore[attr-defined]
    assert "write `Gülşen Yıldız`" in result.output  # type: ignore[attr-defined]


def test_participants_per_audience_must_attend(write_session: Callable[..., Path],
                                               run_cli: Callable[..., object]) -> None:
    path = write_session("municipality: Proefstad\naudience: [informal]\n"
                         "participants: {informeel: 10, gemeente: 2}\nexercises: auto\n")
    result = run_cli("validate", str(path))
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "counts policy, but `audience` does not list them" in result.output  # type: ignore


NEW_KINDS = ("run-sheet", "printables", "name-cards", "invitation", "report-template")


def test_the_day_around_the_exercises_is_in_the_pack(write_session: Callable[..., Path],
                                                     run_cli: Callable[..., object],
                                                     tmp_path: Path) -> None:
    """The five files of issue 16 through `build --only`: listed, opened, the same on rebuild."""
    from docx import Document
    from pypdf import PdfReader

    path = write_session("""municipality: "'s-Hertogenbosch"
date: 2027-03-16
dayparts: 2
participants: {professionals: 12, informal: 10, policy: 6}
audience: [professionals, informal, policy]
facilitators: [{name: Gülşen Yıldız, organisation: Stichting Kardeş & Co}, {name: Jan de Vries}]
exercises: [kennismaken-wie-zit-er-aan-tafel, beeld-van-elkaar, auto]
""")
    packs = []
    for name in ("a", "b"):
        result = run_cli("build", str(path), "-o", str(tmp_path / name), "--only",
                         ",".join(NEW_KINDS))
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
        packs.append(tmp_path / name)
    manifest = json.loads((packs[0] / "manifest.json").read_text(encoding="utf-8"))
    assert [f["kind"] for f in manifest["files"]] == list(NEW_KINDS)
    for entry in manifest["files"]:
        assert (packs[0] / entry["path"]).read_bytes() == (packs[1] / entry["path"]).read_bytes()
    run_sheet = PdfReader(str(packs[0] / "draaiboek.pdf"))
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in run_sheet.pages)
    text = " ".join(p.extract_text() for p in run_sheet.pages)
    assert "Tafelindeling" in text and "Gülşen Yıldız" in text
    assert "1 professional, 1 informele werker" in text
    printables = PdfReader(str(packs[0] / "materialen-printen.pdf"))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in printables.pages}
    assert {(842, 1191), (1191, 842)} & sizes  # A3 posters, upright or landscape
    tents = " ".join(p.extract_text() for p in PdfReader(str(packs[0] / "naambordjes.pdf")).pages)
    assert tents.count("Jan de Vries") >= 2  # both halves of the folded tent
    report = Document(str(packs[0] / "verslag-sjabloon.docx"))
    headings = [p.text for p in report.paragraphs if p.style.name.startswith("Heading")]
    assert "Een (nieuw) beeld van elkaar" in " ".join(headings)
    agreements = [t for t in report.tables
                  if [c.text for c in t.rows[0].cells][:2] == ["Wat", "Wie (formeel)"]]
    assert agreements and "w:tblHeader" in agreements[0].rows[0]._tr.xml  # a repeating header
    invitation = Document(str(packs[0] / "uitnodiging.docx"))
    assert "'s-Hertogenbosch" in " ".join(p.text for p in invitation.paragraphs)
