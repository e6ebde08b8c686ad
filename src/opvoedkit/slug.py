"""Folder names for packs: lower-case ASCII, other scripts transliterated, never a path
separator or ``..``.

Transliteration is anyascii's (one well-kept table for every script), so ``Москва`` and
``Αθήνα`` get folders of their own (``moskva``, ``athina``) instead of sharing one.
"""

from __future__ import annotations

import re

from anyascii import anyascii


def slugify(name: str) -> str:
    """``'s-Hertogenbosch`` → ``s-hertogenbosch``; ``Bergen (L.)`` → ``bergen-l``."""
    ascii_text = anyascii(name).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:80].strip("-") or "pack"
