"""Folder names for packs: lower-case ASCII, accents folded, never a path separator or ``..``."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae",
                       "œ": "oe", "Œ": "oe", "ß": "ss", "đ": "d", "Đ": "d", "þ": "th"})


def slugify(name: str) -> str:
    """``'s-Hertogenbosch`` → ``s-hertogenbosch``; ``Bergen (L.)`` → ``bergen-l``."""
    folded = unicodedata.normalize("NFKD", name.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:80].strip("-") or "pack"
