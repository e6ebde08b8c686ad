"""Shared building blocks of the Word files (handbook and hand-out as .docx): styles, language,
header and footer, text with Arabic runs, tables, worksheets, properties and reproducible saving.

python-docx is imported here and in the two Word renderers only, and used through its public
API; what it has no API for goes through docx_adapter. Headings use Word's built-in styles
(Heading 1–3, shown as Kop 1–3 in Dutch Word), so the navigation pane and a table of contents
work; nothing is put in a loose text box.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ..glyphs import script_runs
from ..pack import Pack
from ..text import Block, Inline, ListBlock, Span
from . import build_timestamp, wording
from . import docx_adapter as adapter
from .deck import reproducible_zip, shorten

LANGUAGE = "nl-NL"
ARABIC_LANGUAGE = "ar-SA"
# Arial is on every machine with Word (with Arabic letters on Windows and macOS); LibreOffice
# draws it with the metric-compatible Liberation Sans, so the pages break alike.
FONT = "Arial"
TEXT, MUTED, ACCENT = "1A1A1A", "5A5A5A", "0B4F6C"   # the PDFs' colours (render/pdf.py)
RULE, SHADE, LIGHT = "9AA5AB", "E9EFF2", "F4F6F7"
WIDTH_MM = 170.0           # body width: A4 with 20 mm margins, as the PDFs
BOX = "☐"                  # a tick box in front of checklist items and materials
# The template's styles we use (by id; with what they are based on); the rest are dropped.
STYLES = ("Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid", "Header",
          "Footer", "Heading1", "Heading2", "Heading3", "Title", "Subtitle", "ListBullet",
          "ListNumber", "TOCHeading", "Strong", "Emphasis")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML
_BREAKS = re.compile(r"([\t\n\r])")
_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
            '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>opvoedkit</Application><DocSecurity>0</DocSecurity></Properties>")


class WordDocument:
    """A Word document with our styles, page, header and footer, and helpers that add text."""

    def __init__(self, pack: Pack, *, kind: str, subject: str, size: float,
                 first: str) -> None:
        """``size`` is the body text's point size; ``first`` what the first page shows of the
        running header and footer: ``none`` (a cover) or ``footer``."""
        self.pack, self.kind, self.subject = pack, kind, subject
        self.doc: Any = Document()
        self.size = size
        self._bookmarks: dict[str, str] = {}   # anchor key → Word bookmark name
        self._headings: list[tuple[str, str, int]] = []  # (text, key, level) of levels 1–2
        self._contents: Paragraph | None = None
        self._style_cache: dict[str, Any] = {}
        self._sections = 0
        self._first = True         # nothing on the page yet: no page break before
        self._after_table = False  # the next paragraph needs room above it
        adapter.drop_template_parts(self.doc)
        self._styles()
        self._page(first)

    # --- set-up ---------------------------------------------------------------------------

    def _styles(self) -> None:
        """Fonts, language, sizes and colours of the styles we use."""
        doc, size = self.doc, self.size
        adapter.keep_styles(doc, STYLES)
        adapter.set_fonts(doc, FONT, FONT)
        style = self.style
        normal = style("Normal")
        normal.font.size = Pt(size)
        normal.font.color.rgb = RGBColor.from_string(TEXT)
        normal.paragraph_format.space_after = Pt(size * 0.5)
        normal.paragraph_format.line_spacing = 1.2
        for level, (points, before) in enumerate(((19, 0), (13.5, 10), (11, 8)), start=1):
            heading = style(f"Heading {level}")  # the PDFs' h1, h2, h3
            heading.font.size = Pt(points)
            heading.font.bold = True
            heading.font.italic = False
            heading.font.color.rgb = RGBColor.from_string(ACCENT)
            heading.paragraph_format.space_before = Pt(before)
            heading.paragraph_format.space_after = Pt(6 if level == 1 else 3)
            heading.paragraph_format.keep_with_next = True
        title = style("Title")
        adapter.clear_borders(title)  # the template's line under it; ours is the brand colour
        title.font.size = Pt(28)
        title.font.bold = True
        title.font.color.rgb = RGBColor.from_string(ACCENT)
        title.paragraph_format.space_after = Pt(14)
        kicker = style("Subtitle")  # the small line above a title or exercise
        kicker.font.size = Pt(11)
        kicker.font.bold = True
        kicker.font.italic = kicker.font.cs_italic = False  # the template's is italic
        kicker.font.color.rgb = RGBColor.from_string(MUTED)
        kicker.paragraph_format.space_after = Pt(4)
        kicker.paragraph_format.keep_with_next = True
        toc_heading = style("TOC Heading")
        toc_heading.font.size = Pt(19)
        toc_heading.font.color.rgb = RGBColor.from_string(ACCENT)
        for level in (1, 2):
            toc = self._style(f"toc {level}", "Normal")
            toc.font.bold = level == 1
            toc.paragraph_format.left_indent = Mm(8 * (level - 1))
            toc.paragraph_format.space_after = Pt(2)
            toc.paragraph_format.tab_stops.add_tab_stop(Mm(WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT,
                                                        WD_TAB_LEADER.DOTS)
        cell = self._style("Tabeltekst", "Normal")
        cell.font.size = Pt(size - 1 if size <= 10 else size - 0.5)
        cell.paragraph_format.space_after = Pt(0)
        cell.paragraph_format.line_spacing = 1.1
        small = self._style("Kleine tekst", "Normal")
        small.font.size = Pt(8.5)
        small.font.color.rgb = RGBColor.from_string(MUTED)
        for name in ("Header", "Footer"):
            style(name).paragraph_format.tab_stops.clear_all()  # the template's, for Letter
            style(name).font.size = Pt(8)
            style(name).font.color.rgb = RGBColor.from_string(MUTED)
        for name in ("List Bullet", "List Number"):
            style(name).paragraph_format.space_after = Pt(2)
        self._more_styles()
        # Last, so that our own styles say it too (every run inherits it from its style).
        adapter.set_language(doc, LANGUAGE, ARABIC_LANGUAGE)

    def _more_styles(self) -> None:
        """Styles of a subclass's own, made before the language is written into all."""

    def style(self, name: str) -> Any:
        """A style by name, looked up once (python-docx searches every style each time)."""
        if name not in self._style_cache:
            self._style_cache[name] = self.doc.styles[name]
        return self._style_cache[name]

    def _style(self, name: str, base: str) -> Any:
        """A paragraph style of ours (made once), based on ``base``."""
        try:
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        except ValueError:  # there is one of that name already
            return self.style(name)
        style.base_style = self.style(base)
        style.quick_style = True
        return style

    def _page(self, first: str) -> None:
        """A4 portrait, the PDFs' margins; running header (kind, municipality) and footer
        (title and date, "pagina X van Y") on every page but, when ``first`` says so, the
        first."""
        section = self.doc.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(27)
        section.header_distance, section.footer_distance = Mm(14), Mm(14)
        section.different_first_page_header_footer = True
        self._header(section.header)
        self._footer(section.footer)
        if first == "footer":
            self._footer(section.first_page_footer)
        section.first_page_header.is_linked_to_previous = False
        if first == "none":
            section.first_page_footer.is_linked_to_previous = False

    def _header(self, header: Any) -> None:
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
        self.runs(paragraph, (Span(self.kind), Span("\t"), Span(self.pack.municipality)))
        brand = (self.pack.colour or ACCENT).lstrip("#").upper()
        adapter.paragraph_border(paragraph, "bottom", colour=brand, size=6, space=3)

    def _footer(self, footer: Any) -> None:
        from .pdf import dates_text  # reportlab-free itself, but it lives with the PDF helpers

        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
        line = " · ".join(x for x in (self.pack.title, dates_text(self.pack)) if x)
        before, between = wording.PAGE_OF
        self.runs(paragraph, (Span(line), Span("\t" + before)))
        adapter.add_field(paragraph, "PAGE", "1")
        self.runs(paragraph, (Span(between),))
        adapter.add_field(paragraph, "NUMPAGES", "1")

    # --- text ---------------------------------------------------------------------------

    def runs(self, paragraph: Paragraph, spans: Iterable[Span]) -> Paragraph:
        """Runs for styled spans, exactly as typed; Arabic pieces as right-to-left runs in
        Arabic, the rest in the document's Dutch (inherited from the styles)."""
        for span in spans:
            text = _CONTROL.sub("", span.text)
            for piece, arabic in script_runs(text):
                run = _text_run(paragraph, piece)
                self._wrote(run, piece)
                if span.bold:
                    run.bold = True
                if span.italic:
                    run.italic = True
                if arabic:
                    adapter.set_right_to_left(run, ARABIC_LANGUAGE)
                    adapter.set_complex_bold(run, span.bold, span.italic)
        return paragraph

    def _wrote(self, run: Any, text: str) -> None:
        """Called with every run that :meth:`runs` adds, and its text (for subclasses)."""

    def add(self, style: str = "Normal", *, new_page: bool = False) -> Paragraph:
        """An empty paragraph at the end of the document, with room above it after a table."""
        # Normal needs no style reference (and python-docx looks through every style for one).
        paragraph: Paragraph = self.doc.add_paragraph(
            style=None if style == "Normal" else self.style(style))
        if new_page:
            self._break_before(paragraph)
        elif self._after_table:
            paragraph.paragraph_format.space_before = Pt(8)
        self._after_table = False
        return paragraph

    def paragraph(self, content: str | Inline = "", style: str = "Normal", *,
                  new_page: bool = False) -> Paragraph:
        """A paragraph of plain text or styled spans."""
        return self.runs(self.add(style, new_page=new_page), _spans(content))

    def _break_before(self, paragraph: Paragraph) -> None:
        """Start a new page at ``paragraph`` (not before the document's first one)."""
        if not self._first:
            paragraph.paragraph_format.page_break_before = True

    def heading(self, text: str, level: int, *, bookmark: str | None = None,
                new_page: bool = False) -> Paragraph:
        """A heading in Word's own Heading ``level`` style, optionally a bookmark target."""
        paragraph = self.paragraph(text, f"Heading {level}", new_page=new_page)
        if level == 1:
            self._sections += 1
        if level <= 2:  # in the table of contents: a link target
            bookmark = bookmark or f"kop-{len(self._headings) + 1}"
            self._headings.append((text, bookmark, level))
        if bookmark:
            name = self.bookmark_name(bookmark)
            adapter.add_bookmark(paragraph, name, list(self._bookmarks).index(bookmark) + 1)
        self._first = False
        return paragraph

    def kicker(self, text: str, *, new_page: bool = False) -> Paragraph:
        """The small grey line above a title or an exercise's heading."""
        paragraph = self.paragraph(text, "Subtitle", new_page=new_page)
        self._first = False
        return paragraph

    def rule(self, paragraph: Paragraph, colour: str | None) -> None:
        """A thick line in the brand colour under an (empty) paragraph, as under the PDFs'
        titles."""
        brand = (colour or ACCENT).lstrip("#").upper()
        adapter.paragraph_border(paragraph, "bottom", colour=brand, size=24, space=1)
        paragraph.paragraph_format.space_after = Pt(18)

    def blocks(self, items: Iterable[Block]) -> None:
        """Paragraphs and lists of the text model."""
        for block in items:
            if isinstance(block, ListBlock):
                self.bullets(block.items, ordered=block.ordered)
            elif block.spans:
                self.paragraph(block.spans)

    def bullets(self, items: Sequence[Inline | str], *, ordered: bool = False) -> None:
        """A bulleted list, or a numbered one that starts at 1."""
        number = None
        for item in items:
            paragraph = self.paragraph(item, "List Number" if ordered else "List Bullet")
            if ordered:
                if number is None:
                    number = adapter.restart_numbering(self.doc, paragraph)
                else:
                    adapter.continue_numbering(paragraph, number)

    def facts(self, facts: Sequence[Any], *, label_mm: float = 30) -> None:
        """Labelled facts (:class:`~opvoedkit.render.wording.Fact`): the label bold, the value
        after a tab, each further line under the first."""
        for fact in facts:
            paragraph = self.add()
            form = paragraph.paragraph_format
            form.left_indent, form.first_line_indent = Mm(label_mm), Mm(-label_mm)
            form.tab_stops.add_tab_stop(Mm(label_mm))
            form.space_after = Pt(3)
            form.keep_together = True
            spans = [Span(fact.label, bold=True), Span("\t")]
            for index, line in enumerate(fact.lines):
                spans += [Span("\n")] if index else []
                spans.append(Span(line))
            self.runs(paragraph, spans)

    def checklist(self, items: Iterable[str]) -> None:
        """Lines with a tick box in front."""
        for item in items:
            paragraph = self.add()
            form = paragraph.paragraph_format
            form.left_indent, form.first_line_indent = Mm(7), Mm(-7)
            form.tab_stops.add_tab_stop(Mm(7))
            form.space_after = Pt(2)
            self.runs(paragraph, (Span(BOX), Span("\t"), Span(item)))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str | Inline]],
              widths_mm: Sequence[float], *, shade_rows: Sequence[int] = (),
              heights_mm: float | None = None, style: str = "Tabeltekst",
              keep: bool = False) -> Any:
        """A grid with a shaded header row that Word repeats on every page; ``shade_rows``
        count the header as row 0; rows never break inside when ``heights_mm`` is given;
        ``keep`` keeps a short table on one page."""
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        adapter.table_borders(table, RULE, size=4)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        everything: list[Sequence[str | Inline]] = [header, *rows]
        for index, content in enumerate(everything):
            row = table.rows[index]
            if index == 0:
                adapter.repeat_header(row)
            elif heights_mm:
                row.height = Mm(heights_mm)
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
                adapter.keep_row_together(row)
            for cell, text, width in zip(row.cells, content, widths_mm, strict=True):
                cell.width = Mm(width)
                paragraph = cell.paragraphs[0]
                paragraph.style = self.style(style)
                spans = _spans(text)
                if index == 0:
                    spans = tuple(Span(s.text, bold=True, italic=s.italic) for s in spans)
                    adapter.shade(cell, SHADE)
                elif index in shade_rows:
                    adapter.shade(cell, LIGHT)
                self.runs(paragraph, spans)
                if index == 0 or (keep and index < len(rows)):  # never a header row alone
                    paragraph.paragraph_format.keep_with_next = True
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        self._after_table = True
        return table

    def writing_table(self, columns: Sequence[str], rows: int, height_mm: float) -> Any:
        """A table with a header of column names and empty rows to write in."""
        count = max(1, len(columns))
        return self.table(list(columns) or [""], [[""] * count for _ in range(rows)],
                          [WIDTH_MM / count] * count, heights_mm=height_mm)

    def ruled(self, count: int, gap_mm: float = 9.5) -> None:
        """Empty lines to write on: paragraphs of a fixed height, each ruled at the bottom."""
        for index in range(count):
            paragraph = self.add()
            form = paragraph.paragraph_format
            form.line_spacing = Mm(gap_mm)
            form.space_before = form.space_after = Pt(0)
            form.keep_with_next = index < count - 1 and index < 2  # never a lone first line
            adapter.paragraph_border(paragraph, "bottom", "between", colour=RULE, size=4,
                                     space=0)

    def contents(self, title: str) -> None:
        """The place of the table of contents: its title in Word's TOC Heading style (which is
        not itself in the contents); the field follows when the document is saved."""
        self._contents = self.paragraph(title, "TOC Heading", new_page=True)
        self._first = False

    def _fill_contents(self) -> None:
        """A table-of-contents field (TOC, headings 1–2) after the contents' title, its last
        result every heading of levels 1–2 as a link to it; Word fills in the page numbers
        when the field is updated (F9, or on printing)."""
        if self._contents is None or not self._headings:
            return
        anchor = adapter.next_paragraph(self._contents)
        assert anchor is not None  # the contents' title is followed by the first section
        for index, (text, bookmark, level) in enumerate(self._headings):
            paragraph = anchor.insert_paragraph_before(style=self.style(f"toc {level}"))
            if index == 0:
                adapter.begin_field(paragraph, 'TOC \\o "1-2" \\h \\z \\u')
            link = adapter.add_internal_link(paragraph, self.bookmark_name(bookmark))
            before = len(paragraph.runs)
            self.runs(paragraph, (Span(text), Span("\t")))
            adapter.move_runs(paragraph.runs[before:], link)
            # The page number, as Word's own contents write it; LibreOffice computes it on
            # opening, Word when the field is updated (F9, printing, or the question whether
            # to update fields that updateFields makes it ask).
            adapter.add_field(paragraph, f"PAGEREF {self.bookmark_name(bookmark)} \\h", "",
                              into=link)
            if index == len(self._headings) - 1:
                adapter.end_field(paragraph)

    def logo(self, path: Path) -> None:
        """The logo at most 50 × 25 mm, right-aligned, with alt text that says whose it is."""
        from PIL import Image

        with Image.open(path) as image:
            width, height = image.size
        scale = min(50 / width, 25 / height)
        paragraph = self.add()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        picture = paragraph.add_run().add_picture(str(path), width=Mm(width * scale),
                                                  height=Mm(height * scale))
        adapter.set_alt_text(picture, wording.logo_text(wording.logo_owner(self.pack)), "Logo")

    def bookmark_name(self, key: str) -> str:
        """The Word bookmark for an anchor key: hidden (a leading underscore), unique, at most
        40 letters, digits and underscores, as Word allows."""
        if key not in self._bookmarks:
            slug = re.sub(r"[^A-Za-z0-9]", "_", key)
            self._bookmarks[key] = f"_{len(self._bookmarks) + 1:03d}_{slug}"[:40]
        return self._bookmarks[key]

    # --- saving ---------------------------------------------------------------------------

    def save(self, path: Path) -> int:
        """Properties, then the file with fixed zip dates; returns the number of sections
        (Heading 1), as a Word file has no page count of its own."""
        stamp = build_timestamp(self.pack.date)
        if self._contents is not None:
            self._fill_contents()
            adapter.settings_flag(self.doc, "w:updateFields")
        self._properties(stamp)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        path.write_bytes(reproducible_zip(buffer.getvalue(), stamp))
        return self._sections

    def _properties(self, stamp: dt.datetime) -> None:
        """Core and app properties: ours, none of python-docx's template."""
        pack = self.pack
        props = self.doc.core_properties
        props.title = shorten(wording.document_title(pack, self.kind))
        props.subject = shorten(self.subject)
        props.author = shorten(wording.document_author(pack))
        props.last_modified_by = "opvoedkit"
        props.keywords = shorten(f"opvoedondersteuning; {self.kind}; {pack.municipality}")
        props.comments = wording.made_with(pack)
        props.category = self.kind
        props.language = LANGUAGE
        props.identifier = props.content_status = props.version = ""
        props.created = props.modified = props.last_printed = stamp
        props.revision = 1
        adapter.set_app_properties(self.doc, _APP_XML.encode())


def _text_run(paragraph: Paragraph, text: str) -> Any:
    """``paragraph.add_run(text)`` without its letter-by-letter loop: the same text, tab and
    line-break elements, written a piece at a time."""
    run = paragraph.add_run()
    for piece in _BREAKS.split(text):
        if piece == "\t":
            run.add_tab()
        elif piece in ("\n", "\r"):
            run.add_break()
        elif piece:
            run.add_text(piece)
    return run


def _spans(content: str | Inline) -> Inline:
    return (Span(content),) if isinstance(content, str) else content
