"""Texts are filled in by the sandboxed Jinja environment only: user values come out as data."""

from __future__ import annotations

from pathlib import Path

import pytest

from opvoedkit.text import check_template_source, markdown_escape, render

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = sorted([*ROOT.glob("exercises/*.md"), *ROOT.glob("templates/*/*.md")])
VALUES = {"municipality": "Stichting <b>Kardeş</b> & {{ 7*7 }} *x* \\ [a](b)",
          "title": "'s-Hertogenbosch: {% if x %}", "dayparts": 2, "venue": ""}


def test_user_values_are_data_not_templates() -> None:
    out = render("In {{ municipality }} en {{title}}.\n", VALUES)
    assert out == (f"In {markdown_escape(VALUES['municipality'])} en "
                   f"{markdown_escape(VALUES['title'])}.\n")
    assert "49" not in out  # {{ 7*7 }} in a value is never evaluated


def test_line_ends_come_out_as_newlines() -> None:
    assert render("Regels\r\nmet\rCR: {{ dayparts }}\r\n", VALUES) == "Regels\nmet\nCR: 2\n"


def test_text_without_braces_is_returned_as_it_is() -> None:
    assert render("Geen plaatsaanduiding.\r\n", VALUES) == "Geen plaatsaanduiding.\r\n"


@pytest.mark.parametrize("path", PACKAGED, ids=lambda p: p.name)
def test_packaged_texts_fill_in_without_leftover_braces(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    allowed = frozenset(VALUES) | {"date", "start", "participants"}
    fault = check_template_source(source, allowed, conditions=True)
    if fault is None and "{{" in source:
        values = dict.fromkeys(allowed, "X") | VALUES
        assert "{{" not in render(source, values).replace(markdown_escape("{{"), "")


@pytest.mark.parametrize("source", ["{% for x in y %}{% endfor %}", "{{ municipality.upper }}",
                                    "{{ municipality|upper }}", "{{ range(9) }}"])
def test_the_check_rejects_anything_but_variables(source: str) -> None:
    fault = check_template_source(source, frozenset(VALUES))
    assert fault is not None and fault[0] == 1


def test_the_check_names_an_unknown_variable_with_its_line() -> None:
    assert check_template_source("Welkom\nin {{ municipality }}", frozenset(VALUES)) is None
    fault = check_template_source("Welkom\nin {{ gemeente }}", frozenset(VALUES))
    assert fault is not None and fault[0] == 2 and "gemeente" in fault[1]


def test_conditions_only_where_allowed() -> None:
    source = "{% if venue %}in {{ venue }}{% endif %}"
    assert check_template_source(source, frozenset(VALUES), conditions=True) is None
    assert check_template_source(source, frozenset(VALUES)) is not None
    assert render(source, VALUES) == ""
