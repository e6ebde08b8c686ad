"""The fixed vocabularies of sessions and exercises (contract ids and their Dutch labels).

A module of plain constants, so that light commands (list-exercises) can check options without
importing pydantic.
"""

from __future__ import annotations

from typing import Literal, get_args

Theme = Literal["kennismaken", "beeldvorming", "verwachtingen", "krachten", "rollen",
                "gelijkwaardigheid", "drempels", "samenwerkingsvormen", "netwerk", "gemeente",
                "afspraken", "evaluatie"]

AUDIENCES: tuple[str, ...] = ("professionals", "informal", "policy")
AUDIENCE_LABELS = {
    "professionals": "professionals (wijkteam, CJG, jeugdgezondheidszorg)",
    "informal": "informele werkers (zelforganisaties, sleutelfiguren, vrijwilligers)",
    "policy": "gemeente (beleid, bestuur)",
}
PARTS: tuple[str, ...] = ("kennismaken", "verkenning", "visie", "opzetten", "afsluiten")
PART_LABELS = {
    "kennismaken": "Kennismaken",
    "verkenning": "Deel 1 · Verkenning",
    "visie": "Deel 2 · Visie op samenwerking",
    "opzetten": "Deel 3 · Opzetten van samenwerking",
    "afsluiten": "Afsluiting",
}
GROUP_FORM_LABELS = {
    "individueel": "individueel", "tweetallen": "in tweetallen", "drietallen": "in drietallen",
    "subgroepen": "in subgroepen", "plenair": "plenair",
}
THEMES: tuple[str, ...] = get_args(Theme)
