"""Shared basics of the PDF renderers: fonts, styles, escaping, the page template and helpers.

Only the PDF renderers import this module, so the CLI never pays for reportlab.

Page numbers that are only known at the end ("pagina 3 van 28", the page numbers in a table of
contents) are drawn as references to PDF form XObjects that are defined after the last page. A
PDF may use a form before it defines it, so every document is laid out in a single pass: no
``multiBuild``, no second build to learn the page count.

Arabic in user text (names of self-organisations and key figures) is shaped and put in display
order by :func:`escape`, and drawn with Noto Sans Arabic by the fonts themselves (``_WithArabic``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as _Paragraph

from ..dutch import join, short_date
from ..glyphs import ARABIC, RTL, arabic_font_path, script_runs, shape
from ..pack import Pack
from ..resources import font_path
from ..text import Block, Inline, ListBlock
from . import build_timestamp, reportlab_adapter

FONT = "NotoSans"
BOLD = "NotoSans-Bold"
ARABIC_FONT = "NotoSansArabic"  # draws the Arabic runs of the Noto Sans styles (see _WithArabic)
ARABIC_BOLD = "NotoSansArabic-Bold"
MARGIN = 20 * mm           # left and right; every mark stays at least 18 mm from the edge
WIDTH = A4[0] - 2 * MARGIN  # body width of a portrait page
HEADER_Y = 20 * mm         # baseline of the running header, measured from the top edge
FOOTER_Y = 19 * mm         # baseline of the running footer, measured from the bottom edge
TOP = 27 * mm              # the body frame starts below the header ...
BOTTOM = 27 * mm           # ... and ends above the footer
TEXT = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5a5a5a")
ACCENT = colors.HexColor("#0b4f6c")   # headings: dark enough to read on any printer
RULE = colors.HexColor("#9aa5ab")
SHADE = colors.HexColor("#e9eff2")
LIGHT = colors.HexColor("#f4f6f7")


class _WithArabic(TTFont):  # type: ignore[misc]  # reportlab has no type hints
    """A Noto Sans style that draws Arabic runs with its Noto Sans Arabic partner.

    reportlab has no glyph fallback; this adds one through the dynamic-font protocol that
    reportlab.pdfbase.ttfonts documents (``splitString`` and ``getSubsetInternalName``, which
    canvas and Paragraph use for every TrueType font): the partner's subsets get numbers from
    ``_PARTNER`` up. Paragraph markup, <b>/<i> and the canvas then need nothing special for
    Arabic.
    """

    _PARTNER = 1 << 16

    def __init__(self, name: str, path: Path, bold: bool) -> None:
        super().__init__(name, str(path))
        self._bold = bold

    @property
    def partner(self) -> TTFont:
        return _arabic(self._bold)

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> Any:
        if text.isascii() or not ARABIC.search(text):
            return super().stringWidth(text, size, encoding)
        return sum(self.partner.stringWidth(piece, size) if arabic
                   else super(_WithArabic, self).stringWidth(piece, size, encoding)
                   for piece, arabic in script_runs(text))

    def splitString(self, text: str, doc: Any,
                    encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        if text.isascii() or not ARABIC.search(text):
            return list(super().splitString(text, doc, encoding))
        chunks: list[tuple[int, bytes]] = []
        for piece, arabic in script_runs(text):
            if arabic:
                chunks += [(self._PARTNER + subset, data)
                           for subset, data in self.partner.splitString(piece, doc)]
            else:
                chunks += super().splitString(piece, doc, encoding)
        return chunks

    def getSubsetInternalName(self, subset: int, doc: Any) -> str:
        if subset >= self._PARTNER:
            return str(self.partner.getSubsetInternalName(subset - self._PARTNER, doc))
        return str(super().getSubsetInternalName(subset, doc))


class Paragraph(_Paragraph):  # type: ignore[misc]  # reportlab has no type hints
    """reportlab's Paragraph that breaks its lines once per width, not at every wrap.

    A table wraps each Paragraph in its cells when it measures itself, again when a frame
    splits it and again just before it draws the cell; a KeepTogether wraps what it holds, then
    the frame wraps it once more. Breaking lines is the dearest step of a PDF (a third of the
    handbook), and its result depends only on the width (reportlab's ``Paragraph.wrap``), so a
    second wrap at the same width returns the size of the first and keeps its lines. Drawing
    reads the lines without changing them, so one Paragraph may be drawn several times (a
    header row on every page, one slip in every cell). A split forgets the width: it may drop
    the lines. So does drawing a right-to-left paragraph (``wordWrap="RTL"``, which ours never
    are: see :func:`visual`): reportlab reverses its words in place.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None  # (width, size) while lines hold

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._wrapped and self._wrapped[0] == available_width:
            return self._wrapped[1]
        width, height = super().wrap(available_width, available_height)
        self._wrapped = available_width, (width, height)
        return width, height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = list(super().split(available_width, available_height))
        self._wrapped = None  # after: reportlab's split may wrap first, then drop the lines
        return parts

    def draw(self) -> None:
        super().draw()
        if self.style.wordWrap == "RTL":
            self._wrapped = None


class CellParagraphs:
    """Paragraphs for table cells whose text repeats in a document (names, "plenair", empty
    cells), made once each: one Paragraph parsed and broken into lines once, drawn in every
    cell that shows it (a table wraps each cell's flowables just before it draws them).

    Only for tables that never split a row: a split re-marks a paragraph's words in place.
    """

    def __init__(self) -> None:
        self._made: dict[tuple[str, int], Paragraph] = {}

    def __call__(self, text: str, style: ParagraphStyle) -> Paragraph:
        """The Paragraph of markup ``text`` in ``style``."""
        key = text, id(style)  # the Paragraph holds on to its style: the id stays its own
        if key not in self._made:
            self._made[key] = Paragraph(text, style)
        return self._made[key]


# Streams are stored binary, not ASCII85-encoded: ~8 % smaller files and ~5 % faster packs. The
# PDFs are files, never 7-bit mail bodies, so the encoding bought nothing. (Process-wide, and
# opvoedkit is the only user of reportlab in its process.)
rl_config.useA85 = 0


@cache
def _arabic(bold: bool) -> TTFont:
    """Noto Sans Arabic, read and registered on first use: most packs have no Arabic, and
    reading a font costs ~6 ms."""
    font = TTFont(ARABIC_BOLD if bold else ARABIC_FONT, str(arabic_font_path(bold=bold)))
    pdfmetrics.registerFont(font)
    return font


@cache
def register_fonts() -> str:
    """Register the bundled Noto Sans family, each style with its Noto Sans Arabic partner,
    once per process; returns the family name."""
    # Arabic has no italics: italic Arabic is drawn upright.
    for name, style, bold in ((FONT, "Regular", False), (BOLD, "Bold", True),
                              (f"{FONT}-Italic", "Italic", False),
                              (f"{FONT}-BoldItalic", "BoldItalic", True)):
        pdfmetrics.registerFont(_WithArabic(name, font_path(style), bold))
    # Without the family mapping <b> and <i> silently stay regular.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=f"{FONT}-Italic",
                                  boldItalic=f"{FONT}-BoldItalic")
    return FONT


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` that the font chosen for them cannot draw (reportlab would print
    empty boxes): Arabic ones in Noto Sans Arabic, all others in Noto Sans."""
    register_fonts()
    latin = pdfmetrics.getFont(FONT).face.charToGlyph
    arabic = _arabic(False).face.charToGlyph
    return {ch for ch in text
            if not ch.isspace() and ord(ch) not in (arabic if ARABIC.match(ch) else latin)}


# --- right-to-left text ----------------------------------------------------------------------
# reportlab draws characters left to right, one glyph each. Text with Arabic is therefore shaped
# (joining forms) and put in display order here, field by field: each user string is ordered on
# its own, as if isolated, inside the left-to-right Dutch line around it.

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {closing: opening for opening, closing in _OPEN.items()}
# Bracket pairs that no bundled font can print, so never in the text: unique stand-ins that make
# each pair findable after reordering (see _visual).
_STAND_INS = ("〈〉", "《》", "「」", "『』", "【】", "〔〕", "〖〗",
              "〘〙", "〚〛", "（）", "［］", "｛｝", "｟｠", "｢｣")
_MIRRORED = "()[]{}<>«»‹›"
_MIRROR = str.maketrans(_MIRRORED, ")(][}{><»«›‹")


def _pairs(text: Sequence[str]) -> list[tuple[int, int]]:
    """Positions of matching ()[]{} pairs, found as the bidi algorithm finds them (BD16)."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        if char in _OPEN:
            stack.append(index)
        elif char in _CLOSE:
            for depth in range(len(stack) - 1, -1, -1):
                if text[stack[depth]] == _CLOSE[char]:
                    pairs.append((stack[depth], index))
                    del stack[depth:]
                    break
    return pairs


def _inside_rtl(text: Sequence[str], index: int, brackets: dict[int, bool]) -> bool:
    """Whether the nearest strong characters on both sides of ``text[index]`` are right-to-left
    (rule N1): Arabic letters, or brackets that their pairing made right-to-left."""
    def side(indices: range) -> bool:
        for at in indices:
            if at in brackets:
                return brackets[at]
            if text[at].isalpha():
                return bool(ARABIC.match(text[at]))
        return False  # the edge of the field: the left-to-right line around it

    return side(range(index - 1, -1, -1)) and side(range(index + 1, len(text)))


@lru_cache(maxsize=4096)
def _visual(text: str) -> str:
    """``text`` shaped and in display order for a left-to-right line (Unicode bidi algorithm).

    python-bidi orders but does not mirror (rule L4): a bracket in a right-to-left run must show
    its mirror image. So each bracket pair first becomes a unique stand-in pair; a pair that
    comes out closing-before-opening was reversed, and is mirrored. Other mirrored characters
    (« », < >) are mirrored where Arabic letters surround them, as rule N1 resolves them.
    Spaces inside an Arabic run become no-break spaces: the run is never split over two lines,
    where its words would read in the wrong order (the algorithm orders single lines).
    """
    from bidi import get_display  # type: ignore[import-untyped]

    shaped = list(shape(text))
    pairs = _pairs(shaped)[:len(_STAND_INS)]
    marked = shaped.copy()
    for (start, end), stand_in in zip(pairs, _STAND_INS, strict=False):
        marked[start], marked[end] = stand_in[0], stand_in[1]
    ordered = list(get_display("".join(marked), base_dir="L"))
    brackets: dict[int, bool] = {}  # position → whether the pair was reversed
    for (start, end), stand_in in zip(pairs, _STAND_INS, strict=False):
        left, right = ordered.index(stand_in[0]), ordered.index(stand_in[1])
        flipped = right < left
        for at, char in ((left, shaped[start]), (right, shaped[end])):
            ordered[at] = char.translate(_MIRROR) if flipped else char
            brackets[at] = flipped
    for index, char in enumerate(ordered):
        if char in _MIRRORED and index not in brackets and _inside_rtl(ordered, index, brackets):
            ordered[index] = char.translate(_MIRROR)
    return "".join(piece.replace(" ", "\u00a0") if arabic else piece
                   for piece, arabic in script_runs("".join(ordered)))


def visual(text: str) -> str:
    """A user string as reportlab must draw it: Arabic shaped and in right-to-left order.

    Text without right-to-left characters comes back unchanged, at the cost of one regex search.
    """
    return _visual(text) if RTL.search(text) else text


def escape(value: object) -> str:
    """A user string as literal Paragraph text: ``<b>`` stays visible, ``&`` stays ``&``;
    Arabic is shaped and ordered (see :func:`visual`)."""
    text = visual("" if value is None else str(value))
    # As xml.sax.saxutils.escape, whose import pulls in urllib.request and http (~25 ms).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def spans_markup(spans: Inline) -> str:
    """Styled spans as Paragraph markup, the text escaped inside <b>/<i>."""
    parts = []
    for span in spans:
        text = escape(span.text)
        if span.italic:
            text = f"<i>{text}</i>"
        if span.bold:
            text = f"<b>{text}</b>"
        parts.append(text)
    return "".join(parts)


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Every paragraph style, built once per process."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, textColor=TEXT,
                          spaceAfter=5)

    def make(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    heading = {"fontName": BOLD, "textColor": ACCENT, "keepWithNext": 1}
    return {
        "body": base,
        # Participants' text is larger: B1 readers and reading glasses both benefit.
        "plain": make("plain", fontSize=12, leading=17, spaceAfter=7),
        "small": make("small", fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=3),
        "cell": make("cell", fontSize=9, leading=12, spaceAfter=0),
        "cellbold": make("cellbold", fontName=BOLD, fontSize=9, leading=12, spaceAfter=0),
        "cellcenter": make("cellcenter", fontName=BOLD, fontSize=8.5, leading=11, spaceAfter=0,
                           alignment=TA_CENTER),
        "plaincell": make("plaincell", fontSize=11.5, leading=15, spaceAfter=0),
        "plainhead": make("plainhead", fontName=BOLD, fontSize=12, leading=17, spaceBefore=4,
                          spaceAfter=4, keepWithNext=1),
        "plaincellbold": make("plaincellbold", fontName=BOLD, fontSize=11.5, leading=15,
                              spaceAfter=0),
        "h1": make("h1", fontSize=19, leading=24, spaceAfter=8, **heading),
        "h2": make("h2", fontSize=13.5, leading=18, spaceBefore=10, spaceAfter=4, **heading),
        "h3": make("h3", fontSize=11, leading=15, spaceBefore=8, spaceAfter=3, **heading),
        "kicker": make("kicker", fontName=BOLD, fontSize=11, leading=15, textColor=MUTED,
                       spaceAfter=4, keepWithNext=1),
        "cover": make("cover", fontName=BOLD, fontSize=28, leading=34, textColor=ACCENT,
                      spaceAfter=14),
        "coverline": make("coverline", fontSize=12, leading=17, spaceAfter=0),
        "coverlabel": make("coverlabel", fontName=BOLD, fontSize=10, leading=17,
                           textColor=MUTED, spaceAfter=0),
        "toc0": make("toc0", fontName=BOLD, fontSize=11, leading=15, spaceAfter=0),
        "toc1": make("toc1", fontSize=10, leading=13.5, spaceAfter=0, leftIndent=8 * mm),
        "question": make("question", fontName=BOLD, fontSize=14, leading=19, spaceBefore=10,
                         spaceAfter=4, keepWithNext=1),
    }


def colour(value: str | None) -> colors.Color:
    """The municipality's colour for rules and bands, or our accent."""
    return colors.HexColor(value) if value else ACCENT


def fit(text: str, size: float, width: float, font: str = FONT) -> str:
    """``text`` cut with an ellipsis so it fits ``width`` (for one-line headers and footers),
    ready to draw (see :func:`visual`)."""
    if pdfmetrics.stringWidth(visual(text), font, size) <= width:
        return visual(text)
    while text and pdfmetrics.stringWidth(visual(text + "…"), font, size) > width:
        text = text[:-1]
    return visual(text.rstrip() + "…")


def blocks(items: Iterable[Block], style: ParagraphStyle) -> list[Flowable]:
    """Paragraphs and lists from the text model as flowables."""
    out: list[Flowable] = []
    for block in items:
        if isinstance(block, ListBlock):
            out += bullets(block.items, style, ordered=block.ordered)
        elif block.spans:
            out.append(Paragraph(spans_markup(block.spans), style))
    return out


@cache
def _item_style(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-item", parent=style, spaceAfter=2,
                          leftIndent=style.fontSize * 1.7, bulletIndent=style.fontSize * 0.3,
                          bulletFontName=FONT, bulletFontSize=style.fontSize)


def bullets(items: Sequence[Inline | str], style: ParagraphStyle, *,
            ordered: bool = False) -> list[Flowable]:
    """A bulleted or numbered list; items are spans, or markup strings already escaped.

    One Paragraph per item (not a ListFlowable): a heading's keepWithNext then holds on to the
    first item, and long lists break between items.
    """
    item_style = _item_style(style)
    out: list[Flowable] = []
    for number, item in enumerate(items, start=1):
        text = item if isinstance(item, str) else spans_markup(item)
        out.append(Paragraph(text, item_style, bulletText=f"{number}." if ordered else "•"))
    if out:
        out[-1].spaceAfter = style.spaceAfter  # read by getSpaceAfter: the list ends as a block
    return out


def table(rows: list[list[Any]], widths: Sequence[float], *, header: bool = True,
          grid: bool = True, shade_rows: Sequence[int] = (), padding: float = 4,
          heights: Sequence[float | None] | None = None, split_in_row: bool = False,
          extra: Sequence[tuple[Any, ...]] = (), space_after: float = 2 * mm) -> Table:
    """A table in our fonts; by default a grid with a shaded header repeated on every page.

    ``split_in_row`` lets a very tall row continue on the next page instead of failing;
    ``extra`` style commands go last, so they win.
    """
    commands: list[tuple[Any, ...]] = [
        # Tables set a cell font even for Paragraph cells: without this, Helvetica (not
        # embedded) ends up in the file.
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding - 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding + 1),
    ]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, RULE))
    if grid and header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    commands += [("BACKGROUND", (0, r), (-1, r), LIGHT) for r in shade_rows]
    commands += extra
    return Grid(rows, colWidths=list(widths), rowHeights=list(heights) if heights else None,
                repeatRows=1 if header else 0, style=TableStyle(commands), hAlign="LEFT",
                splitInRow=int(split_in_row), spaceAfter=space_after)


class Grid(Table):  # type: ignore[misc]  # reportlab has no type hints
    """A Table that, split over two pages, leaves at least two rows on each side."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = list(super().split(available_width, available_height))
        if len(parts) != 2 or self.splitInRow:
            return parts
        taken = reportlab_adapter.table_row_count(parts[0])
        if taken - self.repeatRows < 2 and not reportlab_adapter.at_top_of_frame(self):
            return []  # a lone row under the header: start the table on the next page
        short = 2 - (reportlab_adapter.table_row_count(self) - taken)
        if short > 0 and taken - short - self.repeatRows >= 2:
            # A lone last row on the next page: move one more row with it.
            heights = reportlab_adapter.table_row_heights(self)
            height = sum(heights[:taken - short]) + 0.1
            return list(super().split(available_width, height))
        return parts


def writing_table(columns: Sequence[str], rows: int, width: float, *,
                  row_height: float = 14 * mm, style: str = "cellbold") -> Table:
    """A table with a header of column names and empty rows to write in."""
    sheet = styles()
    count = max(1, len(columns))
    header: list[object] = [Paragraph(escape(c), sheet[style]) for c in columns] or [""]
    return table([header] + [[""] * count for _ in range(rows)], [width / count] * count,
                 heights=[None] + [row_height] * rows)


class Ruled(Flowable):  # type: ignore[misc]
    """Ruled lines to write on, on one page: near a page end it keeps the lines that fit
    (at least three), so a worksheet does not spill two lines onto a page of their own."""

    def __init__(self, count: int, gap: float = 9.5 * mm) -> None:
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.gap

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fits = int(available_height // self.gap)
        return [Ruled(fits, self.gap)] if fits >= min(3, self.count) else []

    def draw(self) -> None:
        canv = self.canv
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        for index in range(self.count):
            canv.line(0, index * self.gap, self.width, index * self.gap)


class Box(Flowable):  # type: ignore[misc]
    """Empty tick boxes side by side, each with an optional label to its right."""

    def __init__(self, *labels: str, size: float = 4 * mm, font_size: float = 8.5) -> None:
        super().__init__()
        self.labels, self.size, self.font_size = labels or ("",), size, font_size

    def _label_width(self, label: str) -> float:
        return pdfmetrics.stringWidth(label, FONT, self.font_size) + 1.5 * mm if label else 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        gaps = 3 * mm * (len(self.labels) - 1)
        self.width = sum(self.size + self._label_width(x) for x in self.labels) + gaps
        return self.width, self.size

    def draw(self) -> None:
        canv = self.canv
        canv.setStrokeColor(TEXT)
        canv.setFillColor(TEXT)
        canv.setLineWidth(0.7)
        canv.setFont(FONT, self.font_size)
        x = 0.0
        for label in self.labels:
            canv.rect(x, 0, self.size, self.size)
            if label:
                canv.drawString(x + self.size + 1.5 * mm, self.size / 2 - self.font_size * 0.35,
                                label)
            x += self.size + self._label_width(label) + 3 * mm


class Later(Flowable):  # type: ignore[misc]
    """Text known only at the end of the build (a page number), right-aligned in its box."""

    def __init__(self, name: str, width: float, font_size: float = 10) -> None:
        super().__init__()
        self.name, self.width, self.font_size = name, width, font_size
        self.height = font_size * 1.35

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(self.width, self.height - self.font_size)
        self.canv.doForm(self.name)
        self.canv.restoreState()


@dataclass(frozen=True)
class Anchor:
    """A place the outline (bookmarks) and the table of contents point at."""

    key: str
    title: str
    level: int = 0


class Heading(Paragraph):
    """A heading that sets its bookmarks and records its page when it is drawn."""

    def __init__(self, text: str | None, style: ParagraphStyle, *anchors: Anchor,
                 **kwargs: Any) -> None:
        super().__init__(text, style, **kwargs)
        self.anchors = anchors

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = list(super().split(available_width, available_height))
        if parts:  # a long heading split over two frames keeps its anchors on the first part
            parts[0].anchors = self.anchors
        return parts

    def draw(self) -> None:
        super().draw()
        canv = self.canv
        for anchor in self.anchors:
            canv.bookmarkHorizontal(anchor.key, 0, self.height + 4)
            canv.addOutlineEntry(anchor.title, anchor.key, anchor.level)
            canv.document.anchors[anchor.key] = canv.getPageNumber()  # a PackCanvas


def heading(text: str, style: str, *anchors: Anchor) -> Heading:
    """A Heading from plain text (escaped here) in one of the named styles."""
    return Heading(escape(text), styles()[style], *anchors)


class KeepWithNext(KeepTogether):  # type: ignore[misc]
    """What keepWithNext builds: headings stay with the *start* of what follows.

    reportlab's KeepTogether moves a heading and a long list or table to the next page whenever
    they do not fit together, leaving half a page empty; here they move only when not even the
    first lines of what follows fit under the heading.
    """

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if reportlab_adapter.last_wrap(self) != (available_width, available_height):
            self.wrap(available_width, available_height)
        content = reportlab_adapter.kept_flowables(self)
        *heads, last = content
        if available_height >= reportlab_adapter.kept_height(self) or not heads:
            return content
        used = sum(f.wrapOn(self.canv, available_width, available_height)[1]
                   + f.getSpaceBefore() + f.getSpaceAfter() for f in heads)
        room = available_height - used - last.getSpaceBefore()
        last.wrapOn(self.canv, available_width, room)
        if room > 0 and last.split(available_width, room):
            return content
        return list(super().split(available_width, available_height))


class PackDocument(BaseDocTemplate):  # type: ignore[misc]
    """A4 with running header and footer, fixed metadata and late page numbers.

    The first page may leave out the header (a cover, a handout's title block) or both.
    """

    def __init__(self, path: str | Path, pack: Pack, *, kind: str, subject: str,
                 wide: bool = False, first: str = "footer") -> None:
        register_fonts()
        author = ", ".join(p.name for p in pack.facilitators) or f"gemeente {pack.municipality}"
        super().__init__(
            str(path), pagesize=landscape(A4) if wide else A4,
            leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP, bottomMargin=BOTTOM,
            title=f"{kind}: {pack.title}" + (
                "" if pack.title_names_municipality else f" ({pack.municipality})"),
            author=author,
            subject=subject, creator="opvoedkit", keywords=["opvoedondersteuning", kind],
            invariant=1, lang="nl-NL", initialFontName=FONT, initialFontSize=10,
            displayDocTitle=1, pageCompression=1, keepTogetherClass=KeepWithNext)
        self.pack, self.kind = pack, kind
        self.anchors: dict[str, int] = {}
        self.late: dict[str, tuple[Callable[[], str], float]] = {}  # name → (text, size)
        self.page_count = 0
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("first", [frame], onPage=lambda c, d: self._decorate(c, first)),
            PageTemplate("body", [frame], onPage=lambda c, d: self._decorate(c, "both")),
        ])

    def beforeDocument(self) -> None:
        """Fix the creation date to the build timestamp and open the outline in viewers."""
        stamp = build_timestamp(self.pack.date)
        fixed = stamp.strftime("D:%Y%m%d%H%M%S+00'00'")
        self.canv.setDateFormatter(lambda *_: fixed)
        self.canv.showOutline()

    def afterPage(self) -> None:
        """Count pages (the last count is the total)."""
        self.page_count = self.canv.getPageNumber()

    def _decorate(self, canv: Canvas, parts: str) -> None:
        """Running header (kind, municipality) and footer (date, "pagina X van Y")."""
        if parts == "none":
            return
        width, height = self.pagesize
        right = width - MARGIN
        page = canv.getPageNumber()
        canv.saveState()
        canv.setFont(FONT, 8)
        canv.setFillColor(MUTED)
        if parts == "both":
            half = (right - MARGIN) / 2 - 4 * mm
            canv.drawString(MARGIN, height - HEADER_Y, fit(self.kind, 8, half))
            canv.drawRightString(right, height - HEADER_Y, fit(self.pack.municipality, 8, half))
            canv.setStrokeColor(colour(self.pack.colour))
            canv.setLineWidth(0.8)
            canv.line(MARGIN, height - HEADER_Y - 2.5 * mm, right, height - HEADER_Y - 2.5 * mm)
        footer = " · ".join(x for x in (self.pack.title, dates_text(self.pack)) if x)
        canv.drawString(MARGIN, FOOTER_Y, fit(footer, 8, right - MARGIN - 40 * mm))
        name = f"pagina-{page}"
        self.late[name] = (lambda: f"pagina {page} van {self.page_count}", 8)
        canv.translate(right, FOOTER_Y)
        canv.doForm(name)
        canv.restoreState()

    def render(self, story: list[Flowable]) -> int:
        """Lay out the story in one pass, define the late texts, save; returns the page count."""
        self.build(story, canvasmaker=partial(PackCanvas, document=self))
        return self.page_count

    def define_late(self, canv: Canvas) -> None:
        """Draw the texts known only now (page numbers) into their forms."""
        for name, (text, size) in self.late.items():
            # Generous bounding box: the text is right-aligned at the form's origin.
            canv.beginForm(name, lowerx=-400, lowery=-6, upperx=2, uppery=24)
            canv.setFillColor(MUTED if size < 10 else TEXT)
            canv.setFont(FONT, size)
            canv.drawRightString(0, 0, text())
            canv.endForm()


PDF_VERSION = (1, 7)


class PackCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """The canvas a PackDocument builds on (reportlab's ``canvasmaker``): it knows its
    document, where headings record their pages, and has the document define its late texts
    just before it saves (the forms they fill are used on pages drawn before). It writes ISO
    PDF 1.7 (ISO 32000-1), which the Dutch government's "pas toe of leg uit" list asks for,
    instead of reportlab's default 1.4."""

    def __init__(self, *args: Any, document: PackDocument, **kwargs: Any) -> None:
        super().__init__(*args, pdfVersion=PDF_VERSION, **kwargs)
        self.document = document
        # Text fitted into boxes, by what it shows and where (see paper.draw_text_box): a
        # card set's copies and a poster's copies show the same boxes again.
        self.text_boxes: dict[tuple[Any, ...], Any] = {}

    def save(self) -> None:
        self.document.define_late(self)
        super().save()


def later_page(doc: PackDocument, key: str, width: float) -> Later:
    """A right-aligned page number for the anchor ``key``, filled in after layout."""
    name = f"toc-{key}"
    doc.late[name] = (lambda: str(doc.anchors[key]), 10)
    return Later(name, width, 10)


def ranges(numbers: Sequence[int]) -> str:
    """``[3, 4, 5, 8]`` → ``3–5, 8``."""
    ordered = sorted(set(numbers))
    parts, start = [], 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        first, last = ordered[start], ordered[end]
        parts.append(str(first) if first == last else f"{first}–{last}")
        start = end + 1
    return ", ".join(parts)


def spare(count: int, percent: int = 10, least: int = 2) -> int:
    """Spare copies or rows: ``percent`` of ``count`` rounded up, at least ``least``."""
    return max(least, -(-count * percent // 100))


def dates_text(pack: Pack) -> str | None:
    """The meeting's date, or every meeting day's date when it spans several days."""
    dates = [date for _, date in day_dates(pack) if date]
    if len(dates) <= 1:
        return pack.date_text
    return join([short_date(date) for date in dates])


def day_dates(pack: Pack) -> list[tuple[int, dt.date | None]]:
    """(day number, date) for every meeting day of the session."""
    seen: dict[int, dt.date | None] = {}
    for daypart in pack.program.dayparts:
        seen.setdefault(daypart.day, daypart.date)
    return list(seen.items())
