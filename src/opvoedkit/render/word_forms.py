"""Building blocks of the Word files to fill in (invitation and report template) that
render/word.py does not have yet: a document title of their own, a grey hint style, highlighted
placeholders, a box to write in, smaller headings, and a few facts about the programme
(dayparts by name, the planned mix).

Everything else (styles, nl-NL, header and footer, tables, saving) comes from
:class:`~opvoedkit.render.word.WordDocument`; nothing here is copied from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ..dutch import long_date
from ..pack import Pack
from ..planner import Daypart
from ..text import Span
from ..vocab import AUDIENCES
from . import docx_adapter as adapter
from .deck import shorten
from .word import MUTED, RULE, WIDTH_MM, WordDocument

HINT = "Invulhulp"    # our paragraph style for a grey, italic hint on what to write
DATE_MISSING = "[datum invullen]"
VENUE_MISSING = "[plaats invullen]"


class FormDocument(WordDocument):
    """A WordDocument with a title property of its own and the grey hint style."""

    def __init__(self, pack: Pack, *, kind: str, title: str, subject: str, size: float,
                 first: str) -> None:
        """``title`` is the document's title in its properties (``Uitnodiging – …``)."""
        self._title = title
        self._placeholders: set[str] = set()
        self._written: list[tuple[Any, str]] | None = None  # not the header's and footer's
        super().__init__(pack, kind=kind, subject=subject, size=size, first=first)
        self._written = []

    def _more_styles(self) -> None:
        """The grey hint style (before the base class writes the language into every style)."""
        hint = self.doc.styles.add_style(HINT, WD_STYLE_TYPE.PARAGRAPH)
        hint.base_style = self.style("Normal")
        hint.quick_style = True
        hint.font.italic = True
        hint.font.color.rgb = RGBColor.from_string(MUTED)
        hint.paragraph_format.space_after = Pt(4)
        hint.paragraph_format.keep_with_next = True

    def hint(self, text: str) -> Paragraph:
        """A grey, italic line that says what to write (the writer replaces or deletes it)."""
        return self.paragraph(text, HINT)

    def placeholder(self, text: str) -> str:
        """Remember ``text`` as a placeholder to highlight on saving; returns it."""
        self._placeholders.add(text)
        return text

    def _properties(self, stamp: dt.datetime) -> None:
        """The base class's properties, with our own title."""
        super()._properties(stamp)
        self.doc.core_properties.title = shorten(self._title)

    def save(self, path: Path) -> int:
        """Highlight the placeholders, then save as the base class does."""
        self._highlight()
        return super().save(path)

    def _wrote(self, run: Any, text: str) -> None:
        """Remember the runs of the body and its tables, to highlight on saving."""
        if self._written is not None:
            self._written.append((run, text))

    def _highlight(self) -> None:
        """Every run of the body (and its tables) that is exactly a placeholder gets a yellow
        background, so that nobody sends the file with one left in it. (Its runs as written:
        reading every run's text back from the document took a tenth of the report's time.)"""
        for run, text in self._written or ():
            if text in self._placeholders:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def start_form(pack: Pack, kind: str, subject: str, size: float, kicker: str) -> FormDocument:
    """A form's first lines: the document titled "<kind> – <title>", the compact headings, the
    logo, the kicker and the meeting's title."""
    doc = FormDocument(pack, kind=kind, title=f"{kind} – {pack.full_title}", subject=subject,
                       size=size, first="footer")
    compact(doc)
    if pack.logo:
        doc.logo(pack.logo)
    doc.kicker(kicker)
    doc.paragraph(pack.title, "Title")
    return doc


def compact(doc: FormDocument) -> None:
    """Smaller title and headings than the handbook's: these are letters and forms, not
    books."""
    doc.style("Title").font.size = Pt(24)
    for name, size, before in (("Heading 1", 15, 12), ("Heading 2", 12, 8)):
        style = doc.style(name)
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(3)


def writing_box(doc: WordDocument, notes: Sequence[tuple[str, str]], lines: int,
                height_mm: float) -> Any:
    """A box to write in: a one-cell table that never splits, holding ``notes`` ((style,
    text): what it is about, a grey hint) and ``lines`` empty lines to type on.

    A box rather than a heading, hint and ruled lines kept together: LibreOffice (7.4) keeps
    a paragraph with the next one, but not a chain of them, so the heading and hint of an
    exercise were left at the foot of a page with their lines on the next. A heading is kept
    with a table in Word and LibreOffice alike.
    """
    table = doc.doc.add_table(rows=1, cols=1)
    table.style = doc.style("Table Grid")
    adapter.table_borders(table, RULE, size=4)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    row = table.rows[0]
    row.height, row.height_rule = Mm(height_mm), WD_ROW_HEIGHT_RULE.AT_LEAST
    adapter.keep_row_together(row)
    cell = row.cells[0]
    cell.width = table.columns[0].width = Mm(WIDTH_MM)
    first = True
    for style, text in notes:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.style = doc.style(style)
        doc.runs(paragraph, (Span(text),))
        first = False
    for _ in range(lines):  # Normal: no style to set (python-docx would look for it)
        if not first:
            cell.add_paragraph()
        first = False
    return table


def keep_together(doc: WordDocument, count: int) -> None:
    """Keep the last ``count`` paragraphs (facts, say) on one page with each other."""
    for paragraph in doc.doc.paragraphs[-count:-1]:
        paragraph.paragraph_format.keep_with_next = True


def period(daypart: Daypart) -> str:
    """``ochtend``, ``middag`` or ``avond``: when a daypart starts."""
    if daypart.start < 12 * 60:
        return "ochtend"
    return "middag" if daypart.start < 17 * 60 else "avond"


def day_text(daypart: Daypart) -> str:
    """The daypart's date in words, or the placeholder when the session has none."""
    return long_date(daypart.date) if daypart.date else DATE_MISSING


def planned_mix(pack: Pack) -> dict[str, int]:
    """How many of each audience the plan expects, when the session gives the numbers per
    audience (then every mixed exercise's tables add up to them); else empty."""
    for ex in pack.exercises:
        if ex.tables:
            totals = dict.fromkeys(AUDIENCES, 0)
            for table in ex.tables:
                for audience, count in table.counts:
                    totals[audience] = totals.get(audience, 0) + count
            if sum(totals.values()) == pack.participants:
                return {a: n for a, n in totals.items() if a in pack.audience}
    return {}
