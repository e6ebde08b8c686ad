"""Reading a .docx back in tests: its XML parts, the visible text and the headings."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def text(node: Any) -> str:
    """The visible text under an XML node: its w:t, tabs and breaks (not field codes)."""
    parts = []
    for item in node.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if item.tag == f"{W}t":
            parts.append(item.text or "")
        elif item.getparent().tag == f"{W}r":  # a tab stop's definition is no text
            parts.append("\t" if item.tag == f"{W}tab" else "\n")
    return "".join(parts)


def parts(path: Path) -> Iterator[tuple[str, Any]]:
    """(name, XML root) of every XML part of a .docx."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                yield name, etree.fromstring(archive.read(name))


def all_text(path: Path) -> str:
    """Every paragraph's text of body, tables, headers and footers, one line each."""
    return "\n".join(text(p) for name, root in parts(path)
                     if name.startswith("word/") and name.endswith(".xml")
                     for p in root.iter(f"{W}p"))


def headings(doc: Any) -> list[tuple[int, str]]:
    """(level, text) of every paragraph of a python-docx Document in a Heading style."""
    out = []
    for paragraph in doc.paragraphs:
        match = re.fullmatch(r"Heading (\d)", paragraph.style.name)
        if match:
            out.append((int(match.group(1)), text(paragraph._p)))
    return out
