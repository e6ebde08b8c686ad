"""Fitting slide text: every title and list measured against its text frame, shrunk in steps
or continued on a next slide, so that a fit here is a fit in PowerPoint and LibreOffice.

Pure: no python-pptx here. Text is measured with Pillow on the bundled Noto Sans, which is wider
than the Arial the deck asks for, so a fit here is a fit on any machine. Arabic runs are measured
shaped, in the bundled Noto Sans Arabic that the deck names as their complex-script font. Lines
get an exact spacing (``LINE`` × size) in the deck, so heights measured here are the heights
drawn there.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ..geometry import (
    BADGE_PT,
    BODY_PT,
    BULLET_INDENT,
    DEFAULT_TITLE_PT,
    EMU_PER_PT,
    FIXED_PT,
    GAP,
    LINE,
    MIN_TITLE_PT,
    TITLE_LINE,
    TITLE_PT,
    Box,
    Frame,
)
from ..glyphs import ARABIC, arabic_font_path, script_runs, shape
from ..text import Inline, Span, plain
from .shapes import Shape

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

TIME_SAMPLE = "00:00–00:00"     # the widest clock range, for the agenda's time column
CONTINUED = " (vervolg)"
_REF = 200                      # Pillow measures at this size; widths scale linearly


@dataclass(frozen=True)
class SlideSpec:
    """One slide, fitted: what it says and at which sizes."""

    kind: str                              # a layout kind, see LAYOUT_KINDS
    title: str
    subtitle: str = ""                     # lines separated by "\n" (title and section slides)
    bullets: tuple[Inline, ...] = ()
    notes: str = ""
    exercise_id: str | None = None
    badge: str = ""                        # e.g. "45 min · in tweetallen"
    right: tuple[Inline, ...] = ()         # second column of a two-column slide
    style: str = "bullets"                 # how bullets look: bullets, plain or agenda
    title_size: int = DEFAULT_TITLE_PT
    text_size: int = BODY_PT[0]
    badge_size: int = BADGE_PT[0]
    tab: float = 0.0                       # agenda: width of the time column in pt
    shapes: tuple[Shape, ...] = ()         # a diagram of native shapes (layout/diagrams.py)
    body: Box | None = None                # the text frame moved or shrunk to make room for it


# --- measuring -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Word:
    spans: Inline
    width: float  # em
    space: float  # em, the space after the word


@cache
def _font(bold: bool, italic: bool) -> FreeTypeFont:
    # Pillow is imported on first use: planning a deck must not slow down `opvoedkit --help`.
    from PIL import ImageFont

    from ..resources import font_path

    style = ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"
    return ImageFont.truetype(str(font_path(style)), _REF,
                              layout_engine=ImageFont.Layout.BASIC)


def load_fonts() -> None:
    """Read the fonts text is measured with now, rather than when the first text is."""
    for bold in (False, True):
        for italic in (False, True):
            _font(bold, italic)


@cache
def _arabic_font(bold: bool) -> FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(arabic_font_path(bold)), _REF,
                              layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=1 << 12)
def _advance(char: str, bold: bool, italic: bool) -> float:
    return float(_font(bold, italic).getlength(char))


@lru_cache(maxsize=1 << 16)
def _em(text: str, bold: bool, italic: bool) -> float:
    if text.isascii() or not ARABIC.search(text):  # the fast path
        # Per character: Pillow's basic layout has no kerning, so a word is exactly the sum of
        # its letters' advances (tests/test_deck.py checks it on the whole library), and a
        # letter is measured once instead of in every word (545 words: 24 -> 2 ms).
        return sum(_advance(char, bold, italic) for char in text) / _REF
    # Arabic is measured in its joining forms (their widths, not the isolated letters'); it has
    # no italics.
    return sum(float(_arabic_font(bold).getlength(shape(piece)) if arabic
                     else _font(bold, italic).getlength(piece))
               for piece, arabic in script_runs(text)) / _REF


@lru_cache(maxsize=1 << 12)
def _words(inline: Inline) -> tuple[_Word, ...]:
    """The words of some spans, each keeping its styled pieces, with widths in em."""
    words: list[_Word] = []
    pieces: list[Span] = []
    width = 0.0
    for span in inline:
        for index, piece in enumerate(span.text.split(" ")):
            if index:  # a space ends the word before it
                space = _em(" ", span.bold, span.italic)
                if pieces:
                    words.append(_Word(tuple(pieces), width, space))
                    pieces, width = [], 0.0
                elif words:
                    words[-1] = replace(words[-1], space=words[-1].space + space)
            if piece:
                pieces.append(Span(piece, span.bold, span.italic))
                width += _em(piece, span.bold, span.italic)
    if pieces:
        words.append(_Word(tuple(pieces), width, 0.0))
    return tuple(words)


def _wrap(words: Sequence[_Word], width: float) -> tuple[list[int], int]:
    """Greedy line breaking at spaces: the word index each line starts with, and the extra
    lines that words wider than a line take (they are broken between letters)."""
    starts, extra, used = [0], 0, 0.0
    for index, word in enumerate(words):
        if used and used + word.width > width:
            starts.append(index)
            used = 0.0
        if word.width > width:
            extra += math.ceil(word.width / width) - 1
            used = width  # whatever follows starts a new line
        used += word.width + word.space
    return starts, extra


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of text in pt."""
    return _em(text, bold, False) * size


def _indent(style: str, size: float) -> float:
    if style == "agenda":
        return agenda_tab(size)
    return BULLET_INDENT if style == "bullets" else 0.0


def agenda_tab(size: float) -> float:
    """Width in pt of the agenda's time column (hanging indent and tab stop)."""
    return text_width(TIME_SAMPLE, size, bold=True) + 0.8 * size


def _body(inline: Inline, style: str) -> Inline:
    # An agenda line is (time span, title spans...): only the title wraps, after the tab.
    return inline[1:] if style == "agenda" else inline


def _lines(inline: Inline, width: float, size: float, style: str) -> int:
    starts, extra = _wrap(_words(_body(inline, style)), (width - _indent(style, size)) / size)
    return len(starts) + extra


def _height(paras: Sequence[Inline], width: float, size: float, style: str) -> float:
    if not paras:
        return 0.0
    lines = sum(_lines(p, width, size, style) for p in paras)
    return size * (LINE * lines + GAP * (len(paras) - 1))


def fits(paras: Sequence[Inline], box: Box, size: float, style: str) -> bool:
    """Whether paragraphs fit in a box at a size."""
    width, height = box.area()
    return _height(paras, width, size, style) <= height


def words_fit(paras: Sequence[Inline], box: Box, size: float, share: float = 1.0) -> bool:
    """Whether every word fits in ``share`` of a line of a box at a size (a shape's text must
    not break inside a word, as ``fits`` allows for text that cannot move)."""
    width = box.area()[0] * share
    return all(word.width * size <= width for para in paras for word in _words(para))


def title_fits(title: str, box: Box, size: float, caps: bool = False) -> bool:
    """Whether a (bold) title fits in a box at a size."""
    width, height = box.area()
    title = title.upper() if caps else title
    starts, extra = _wrap(_words((Span(title, bold=True),)), width / size)
    return (len(starts) + extra) * size * TITLE_LINE <= height


# --- fitting ---------------------------------------------------------------------------------

def fit_title(title: str, frame: Frame, largest: int) -> tuple[str, int]:
    """Shrink a title in steps of 2 pt down to MIN_TITLE_PT; shorten it only if even that fails."""
    box, caps = frame.title, frame.caps
    for size in range(largest, MIN_TITLE_PT - 1, -2):
        if title_fits(title, box, size, caps):
            return title, size
    words = title.split(" ")
    while len(words) > 1 and not title_fits(" ".join(words) + "…", box, MIN_TITLE_PT, caps):
        words.pop()
    return " ".join(words) + "…", MIN_TITLE_PT


def _fit_fixed(paras: Sequence[Inline], box: Box, style: str,
               sizes: Sequence[int] = FIXED_PT) -> tuple[tuple[Inline, ...], int]:
    """Text that stays on its slide: shrink; if even the smallest size fails, drop trailing
    paragraphs (put the least important last), then shorten the last words."""
    kept = list(paras)
    while True:
        for size in sizes:
            if fits(kept, box, size, style):
                return tuple(kept), size
        if len(kept) > 1:
            kept.pop()
            continue
        words = list(_words(kept[0]))
        while len(words) > 1 and not fits([(*_join(words), Span("…"))], box, sizes[-1], style):
            words.pop()
        return ((*_join(words), Span("…")),), sizes[-1]


def _join(words: Sequence[_Word]) -> Inline:
    """Spans again from words, joined by plain spaces, neighbours of one style merged."""
    merged: list[Span] = []
    for index, word in enumerate(words):
        for span in ((Span(" "),) if index else ()) + word.spans:
            last = merged[-1] if merged else None
            if last and (last.bold, last.italic) == (span.bold, span.italic):
                merged[-1] = Span(last.text + span.text, span.bold, span.italic)
            else:
                merged.append(span)
    return tuple(merged)


def _split_long(inline: Inline, width: float, height: float, size: float,
                style: str) -> list[Inline]:
    """A paragraph taller than a whole text box, cut at line breaks into pieces that fit."""
    words = _words(_body(inline, style))
    starts, extra = _wrap(words, (width - _indent(style, size)) / size)
    per_piece = max(1, int(height / (size * LINE)))
    if len(starts) + extra <= per_piece or style == "agenda":
        return [inline]
    cuts = [*starts[::per_piece], len(words)]
    return [_join(words[a:b]) for a, b in itertools.pairwise(cuts) if a < b]


def _pack(heights: Sequence[float], capacity: float, gap: float) -> list[tuple[int, int]]:
    """Greedy runs of paragraphs whose heights (plus gaps) stay within capacity."""
    runs, start, used = [], 0, 0.0
    for index, height in enumerate(heights):
        if index > start and used + gap + height > capacity:
            runs.append((start, index))
            start, used = index, 0.0
        used += (gap if index > start else 0.0) + height
    runs.append((start, len(heights)))
    return runs


def _paginate(paras: Sequence[Inline], box: Box, style: str, size: int) -> list[tuple[Inline, ...]]:
    """Paragraphs over as few slides as needed at a size, balanced so that the last is not a
    lonely line."""
    width, height = box.area()
    pieces = [p for para in paras for p in _split_long(para, width, height, size, style)]
    heights = [_height([p], width, size, style) for p in pieces]
    gap = GAP * size
    count = len(_pack(heights, height, gap))
    low, high = max(heights, default=0.0), height
    for _ in range(24):  # the smallest capacity that still needs no more slides
        middle = (low + high) / 2
        if len(_pack(heights, middle, gap)) <= count:
            high = middle
        else:
            low = middle
    return [tuple(pieces[a:b]) for a, b in _pack(heights, high, gap)]


def _fit_list(paras: Sequence[Inline], box: Box,
              style: str) -> list[tuple[tuple[Inline, ...], int]]:
    """A list on one slide at the largest size that fits, else over continuation slides."""
    for size in BODY_PT:
        if fits(paras, box, size, style):
            return [(tuple(paras), size)]
    count = len(_paginate(paras, box, style, BODY_PT[-1]))
    for size in BODY_PT:  # the largest size that needs no more slides than the smallest
        pages = _paginate(paras, box, style, size)
        if len(pages) <= count:
            return [(page, size) for page in pages]
    raise AssertionError("unreachable: the smallest size always paginates")


def fit(spec: SlideSpec, frames: Mapping[str, Frame]) -> list[SlideSpec]:
    """One drafted slide → one or more fitted slides."""
    frame = frames[spec.kind]
    title, title_size = fit_title(spec.title, frame, TITLE_PT.get(spec.kind, DEFAULT_TITLE_PT))
    spec = replace(spec, title=title, title_size=title_size)
    body = spec.body or frame.bodies[0]
    if spec.badge:
        badge_size = _fit_fixed([(Span(spec.badge, bold=True),)],
                                frame.badge or body, "plain", BADGE_PT)[1]
        spec = replace(spec, badge_size=badge_size)
        if frame.badge is None:  # the badge becomes the first line of the text: keep it room
            body = replace(body, height=body.height - round(BODY_PT[0] * (LINE + GAP) * EMU_PER_PT))
    if spec.subtitle:
        lines = tuple((Span(line),) for line in spec.subtitle.split("\n"))
        kept, size = _fit_fixed(lines, body, "plain")
        return [replace(spec, subtitle="\n".join(plain(k) for k in kept), text_size=size)]
    if spec.right:
        if len(frame.bodies) < 2:  # a template without two columns: one after the other
            spec = replace(spec, bullets=spec.bullets + spec.right, right=())
        else:
            left, left_size = _fit_fixed(spec.bullets, body, spec.style)
            right, right_size = _fit_fixed(spec.right, frame.bodies[1], spec.style)
            return [replace(spec, bullets=left, right=right,
                            text_size=min(left_size, right_size))]
    pages = _fit_list(spec.bullets, body, spec.style) if spec.bullets else [((), BODY_PT[0])]
    fitted = []
    for number, (page, size) in enumerate(pages):
        # Two pages: "(vervolg)"; more: "(2/3)", so that every continuation has its own title.
        more = f" ({number + 1}/{len(pages)})" if len(pages) > 2 else CONTINUED
        title = spec.title + (more if number else "")
        if number:
            title, title_size = fit_title(title, frame, spec.title_size)
        tab = agenda_tab(size) if spec.style == "agenda" else 0.0
        fitted.append(replace(spec, title=title, title_size=title_size, bullets=page,
                              text_size=size, tab=tab))
    return fitted
