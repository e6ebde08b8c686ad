"""Texts with `{{ name }}` placeholders are filled in without Jinja: exactly as Jinja fills them."""

from __future__ import annotations

from pathlib import Path

import pytest

from opvoedkit import text
from opvoedkit.text import check_template_source, render

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = sorted([*ROOT.glob("exercises/*.md"), *ROOT.glob("templates/*/*.md")])
VALUES = {"municipality": "Stichting <b>Kardeş</b> & {{ 7*7 }} *x* \\ [a](b)",
          "title": "'s-Hertogenbosch: {% if x %}", "dayparts": 2, "venue": ""}
SOURCES = [
    "In {{ municipality }} en {{municipality}} en {{   title   }}.\n",
    "Regels\r\nmet\rCR en CRLF: {{ municipality }}\r\n",
    "{{ dayparts }} dagdelen{{ venue }}, { los } en }{ en 100%",
    "Geen plaatsaanduiding, wel {accolades}.",
    "{{ municipality }}", "\n\n{{ title }}\n\n",
]
JINJA_ONLY = ["{% if venue %}{{ venue }}{% endif %}", "{{- municipality -}} x", "{# noot #}",
              "{{ municipality|upper }}", "{{{ municipality }}}", "{{ municipality }}}",
              "{{\tmunicipality }}", "{{ onbekend }}"]


def _jinja(source: str) -> str:
    return str(text._compiled(source).render(**VALUES))


@pytest.mark.parametrize("source", SOURCES + [p.read_text(encoding="utf-8") for p in PACKAGED],
                         ids=lambda s: s[:30])
def test_placeholders_come_out_as_jinja_makes_them(source: str) -> None:
    assert text._placeholders(source) is not None  # the fast path is taken
    assert render(source, VALUES) == _jinja(source)


@pytest.mark.parametrize("source", JINJA_ONLY)
def test_anything_else_is_left_to_jinja(source: str) -> None:
    assert text._placeholders(source) is None or not text._placeholders(source) <= VALUES.keys()


def test_the_check_still_names_an_unknown_variable_with_its_line() -> None:
    assert check_template_source("Welkom\nin {{ municipality }}", frozenset(VALUES)) is None
    fault = check_template_source("Welkom\nin {{ gemeente }}", frozenset(VALUES))
    assert fault is not None and fault[0] == 2 and "gemeente" in fault[1]
