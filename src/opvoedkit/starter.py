"""``opvoedkit init`` and ``opvoedkit schema``: a starter session file and its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import UsageError
from .i18n import N_, _

SCHEMA_NAME = "opvoedkit-sessie.schema.json"

STARTER = f"""\
# yaml-language-server: $schema={SCHEMA_NAME}
# Sessiebestand voor opvoedkit. Pas de waarden aan en controleer met:
#   opvoedkit validate <dit bestand>
# Regels die met # beginnen zijn uitleg; opvoedkit slaat ze over.

# Naam van de gemeente, precies zoals die gedrukt moet worden.
municipality: Voorbeeldstad

# Datum van de (eerste) bijeenkomst, als JJJJ-MM-DD. Weglaten mag.
date: 2027-03-18

# Begintijd als UU:MM (9:30 en 9.30 mogen ook). Een avondbijeenkomst begint
# bijvoorbeeld om 19:00.
start: 09:30

# Aantal dagdelen (1 tot 4). Een dagdeel heeft 210 minuten programma.
dayparts: 1

# Wie komen er? professionals (wijkteam, CJG), informal (zelforganisaties,
# sleutelfiguren, vrijwilligers) en/of policy (gemeente). Nederlandse woorden
# mogen ook: formeel, informeel, vrijwilligers, gemeente, beleid.
audience: [professionals, informal]

# Verwacht aantal deelnemers: bepaalt groepen, materialen en kopieën. Weet je
# hoeveel er van elke kant komen, schrijf dan bijvoorbeeld
#   participants: {{professionals: 10, informal: 10}}
# dan maakt opvoedkit elke groep zo gemengd als de aantallen toelaten.
participants: 20

# Waar vindt de bijeenkomst plaats?
venue: Wijkcentrum De Brug

# Wie leidt de bijeenkomst? Met twee begeleiders verdeelt opvoedkit wie welk
# blok leidt en wie ondersteunt.
facilitators:
  - name: Naam Begeleider
    organisation: Naam Organisatie

# De oefeningen. Met `auto` kiest opvoedkit ze zelf: passend bij wie er komen
# en hoe lang de dagdelen zijn, in de volgorde van de toolkit (kennismaken,
# verkennen, visie, samen opzetten, afspraken). `opvoedkit plan` laat zien
# waarom elke oefening erin staat. Zelf kiezen mag ook (zie: opvoedkit
# list-exercises), bijvoorbeeld:
#   exercises: [kennismaken-wie-zit-er-aan-tafel, auto, afspraken-voor-vervolg]
# Een oefening met een vaste duur of een eigen begeleider schrijf je zo:
#   - {{id: stellingenspel, minutes: 30, lead: Naam Begeleider}}
exercises: auto

# Thema's die `auto` voorrang geeft (weglaten mag), bijvoorbeeld:
# themes: [netwerk, drempels]

# Eigen huisstijl (weglaten mag). Paden zijn relatief aan dit bestand.
# branding:
#   logo: logo.png
#   colour: "#0a5c8f"
#   template: huisstijl.pptx
"""


# The models' docstrings, which pydantic makes their descriptions: marked here for translation
# (the fields' descriptions are marked where they are defined, in config.py).
_MODEL_DESCRIPTIONS = (
    N_("One meeting in one municipality: what opvoedkit plans and renders a pack for."),
    N_("A person who leads the meeting."), N_("Who participants can contact after the meeting."),
    N_("The municipality's own look."),
)


def session_schema() -> dict[str, Any]:
    """The JSON Schema of the session file, draft-07 compatible, a description on every field
    in the user's language (what an editor shows while someone types)."""
    from .config import Session

    schema = Session.model_json_schema(mode="validation")
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = "opvoedkit session file"
    result: dict[str, Any] = _draft07(schema)
    return result


def _draft07(node: Any) -> Any:
    """Rename 2020-12 ``$defs`` to draft-07 ``definitions`` and fix the references; descriptions
    in the user's language."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$defs":
                out["definitions"] = _draft07(value)
            elif key == "$ref" and isinstance(value, str):
                out[key] = value.replace("#/$defs/", "#/definitions/")
            elif key == "description" and isinstance(value, str):
                out[key] = _(value)
            else:
                out[key] = _draft07(value)
        return out
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    return node


def write_starter(path: Path, *, force: bool = False) -> list[Path]:
    """Write the starter file (and its schema next to it); refuse to overwrite without force."""
    if path.exists() and not force:
        raise UsageError(_("{path} already exists; use --force to overwrite it").format(
            path=path))
    if path.parent and not path.parent.exists():
        raise UsageError(_("folder {folder} does not exist").format(folder=path.parent))
    path.write_text(STARTER, encoding="utf-8")
    written = [path]
    schema_path = path.parent / SCHEMA_NAME
    if force or not schema_path.exists():
        schema_path.write_text(json.dumps(session_schema(), ensure_ascii=False, indent=2) + "\n",
                               encoding="utf-8")
        written.append(schema_path)
    return written
