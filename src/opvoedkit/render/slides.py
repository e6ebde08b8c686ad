"""Slide planning: the deck as a list of :class:`SlideSpec`, with every text measured to fit.

Pure: no python-pptx here. Text is measured with Pillow on the bundled Noto Sans, which is wider
than the Arial the deck asks for, so a fit here is a fit on any machine. Arabic runs are measured
shaped, in the bundled Noto Sans Arabic that the deck names as their complex-script font. Lines
get an exact spacing (``LINE`` × size) in the deck, so heights measured here are the heights
drawn there.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..dutch import join, long_date, minutes_text
from ..glyphs import ARABIC, arabic_font_path, script_runs, shape
from ..pack import BackgroundContent, ExerciseContent, Pack
from ..planner import Block, Daypart, clock
from ..text import Block as TextBlock
from ..text import Inline, ListBlock, Span, plain

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

EMU_PER_INCH = 914_400
EMU_PER_PT = 12_700
SLIDE_SIZE = (12_192_000, 6_858_000)  # 13.333 × 7.5 in, 16:9

LAYOUT_KINDS = ("title", "section", "content", "two-column", "exercise", "agenda", "closing")
LAYOUT_NAMES = {"title": "Titel", "section": "Sectie", "content": "Inhoud",
                "two-column": "Twee kolommen", "exercise": "Oefening", "agenda": "Agenda",
                "closing": "Afsluiting"}

TITLE_PT = {"title": 44, "section": 40}  # other kinds: DEFAULT_TITLE_PT
DEFAULT_TITLE_PT = 36
MIN_TITLE_PT = 24
BODY_PT = (24, 22, 20)          # a list shrinks this far, then continues on a next slide
FIXED_PT = (24, 22, 20, 18)     # text that cannot move to another slide shrinks to 18 at most
BADGE_PT = (18, 16, 14)
LINE = 1.2                      # exact line spacing of body text, × font size
TITLE_LINE = 1.1                # exact line spacing of titles
GAP = 0.4                       # space before a paragraph (not the first), × font size
INSET_X, INSET_Y = 7.2, 3.6     # text frame insets in pt (the OOXML defaults)
SLACK = 2.0                     # pt kept free at the right edge, against rounding
BULLET_INDENT = 27.0            # pt: hanging indent of bulleted paragraphs (0.375 in)
TIME_SAMPLE = "00:00–00:00"     # the widest clock range, for the agenda's time column
CONTINUED = " (vervolg)"
READING_ID = "verder-lezen"
_REF = 200                      # Pillow measures at this size; widths scale linearly


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide in EMU."""

    left: int
    top: int
    width: int
    height: int

    @classmethod
    def inches(cls, left: float, top: float, width: float, height: float) -> Box:
        """A box given in inches."""
        return cls(*(round(v * EMU_PER_INCH) for v in (left, top, width, height)))

    def area(self) -> tuple[float, float]:
        """Width and height in pt available to text, after the insets."""
        return (self.width / EMU_PER_PT - 2 * INSET_X - SLACK,
                self.height / EMU_PER_PT - 2 * INSET_Y)


@dataclass(frozen=True)
class Frame:
    """Where one layout kind puts its text: title, text placeholders, time badge."""

    title: Box
    bodies: tuple[Box, ...]
    badge: Box | None = None
    caps: bool = False  # the template sets titles in capitals, which are wider


_TITLE = Box.inches(0.75, 0.45, 11.83, 1.35)
_BODY = Box.inches(0.75, 2.15, 11.83, 4.55)
DEFAULT_FRAMES: dict[str, Frame] = {
    "title": Frame(Box.inches(1.1, 1.55, 11.4, 2.45), (Box.inches(1.1, 4.3, 11.4, 2.5),)),
    "section": Frame(Box.inches(1.1, 1.3, 11.4, 2.4), (Box.inches(1.1, 4.0, 11.4, 2.6),)),
    "content": Frame(_TITLE, (_BODY,)),
    "two-column": Frame(_TITLE, (Box.inches(0.75, 2.15, 5.75, 4.55),
                                 Box.inches(6.83, 2.15, 5.75, 4.55))),
    "exercise": Frame(Box.inches(0.75, 0.45, 8.0, 1.35), (_BODY,),
                      Box.inches(9.08, 1.12, 3.5, 0.6)),
    "agenda": Frame(_TITLE, (_BODY,)),
    "closing": Frame(_TITLE, (_BODY,)),
}


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


def title_fits(title: str, box: Box, size: float, caps: bool = False) -> bool:
    """Whether a (bold) title fits in a box at a size."""
    width, height = box.area()
    title = title.upper() if caps else title
    starts, extra = _wrap(_words((Span(title, bold=True),)), width / size)
    return (len(starts) + extra) * size * TITLE_LINE <= height


# --- fitting ---------------------------------------------------------------------------------

def _fit_title(title: str, frame: Frame, largest: int) -> tuple[str, int]:
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


def _fit(spec: SlideSpec, frames: Mapping[str, Frame]) -> list[SlideSpec]:
    """One drafted slide → one or more fitted slides."""
    frame = frames[spec.kind]
    title, title_size = _fit_title(spec.title, frame, TITLE_PT.get(spec.kind, DEFAULT_TITLE_PT))
    spec = replace(spec, title=title, title_size=title_size)
    body = frame.bodies[0]
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
        title = spec.title + (CONTINUED if number else "")
        if number:
            title, title_size = _fit_title(title, frame, spec.title_size)
        tab = agenda_tab(size) if spec.style == "agenda" else 0.0
        fitted.append(replace(spec, title=title, title_size=title_size, bullets=page,
                              text_size=size, tab=tab))
    return fitted


# --- the deck's arc --------------------------------------------------------------------------

def _text(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _blocks_text(blocks: Sequence[TextBlock]) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            lines.extend(f"{n}. {plain(item)}" if block.ordered else f"- {plain(item)}"
                         for n, item in enumerate(block.items, start=1))
        else:
            lines.append(plain(block.spans))
    return "\n".join(lines)


def _items(label: str, items: Sequence[Inline]) -> str:
    return f"{label}\n" + "\n".join(f"- {plain(i)}" for i in items) if items else ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _person(name: str, organisation: str | None) -> str:
    return f"{name} ({organisation})" if organisation else name


def _daypart_name(daypart: Daypart, pack: Pack) -> str:
    """"ochtend", "middag" or "avond", with the date when the meeting spans several days."""
    hour = daypart.start // 60
    part = "ochtend" if hour < 12 else "middag" if hour < 18 else "avond"
    several_days = pack.program.dayparts[-1].day > 1
    if several_days and daypart.date:
        return f"{part} van {long_date(daypart.date)}"
    return f"{part} van dag {daypart.day}" if several_days else part


def _title_slide(pack: Pack) -> SlideSpec:
    when = ", ".join(x for x in (pack.date_text, f"{pack.first_start}–{pack.last_end}") if x)
    lines = [pack.municipality, " · ".join(x for x in (when, pack.venue) if x)]
    if pack.facilitators:
        lines.append("Begeleiding: " + join([_person(f.name, f.organisation)
                                             for f in pack.facilitators]))
    names = join([f.name for f in pack.facilitators])
    where = "" if pack.municipality in pack.title else f" in {pack.municipality}"
    notes = _text(
        f"Welkom bij ‘{pack.title}’{where}. Laat deze dia staan terwijl de deelnemers "
        f"binnenkomen. We beginnen om {pack.first_start} en eindigen om {pack.last_end}.",
        f"Heet iedereen welkom en stel {'jullie' if len(pack.facilitators) > 1 else 'je'} voor"
        + (f" ({names})" if names else "") + f". In de zaal: {pack.audience_text}. We "
        f"verwachten {pack.participants} deelnemers.",
        "Regel het praktische: toiletten, koffie, telefoons op stil, en wie er eerder weg moet.")
    return SlideSpec("title", pack.title, subtitle="\n".join(x for x in lines if x), notes=notes)


def _agenda_slides(pack: Pack, dayparts: Sequence[Daypart], title: str) -> Iterator[SlideSpec]:
    for daypart in dayparts:
        suffix = f": {_daypart_name(daypart, pack)}" if len(pack.program.dayparts) > 1 else ""
        lines = tuple((Span(f"{clock(b.start)}–{clock(b.end)}\t", bold=True), Span(b.title))
                      for b in daypart.blocks)
        breaks = [b for b in daypart.blocks if b.kind in ("break", "lunch")]
        notes = _text(
            f"Loop het programma kort door. Dit dagdeel loopt van {clock(daypart.start)} tot "
            f"{clock(daypart.end)}."
            + "".join(f" {b.title} om {clock(b.start)} ({b.minutes} minuten)." for b in breaks),
            "Programma:\n" + "\n".join(f"{clock(b.start)}–{clock(b.end)}  {b.title}"
                                       for b in daypart.blocks),
            "Vraag of er deelnemers eerder weg moeten, en houd daar rekening mee bij de "
            "afspraken aan het eind.")
        yield SlideSpec("agenda", title + suffix, bullets=lines, notes=notes, style="agenda")


def _background_slide(background: BackgroundContent, block: Block | None) -> SlideSpec:
    timing = (f"Tijd: de achtergrond hoort bij het blok {clock(block.start)}–{clock(block.end)} "
              f"({block.minutes} minuten voor alle achtergronddia's samen).") if block else ""
    return SlideSpec("content", background.title, bullets=background.slide,
                     notes=_text(timing, _blocks_text(background.text)))


def _exercise_slides(ex: ExerciseContent) -> Iterator[SlideSpec]:
    badge = f"{ex.minutes} min · {ex.group_label}"
    when = f"{ex.start}–{ex.end} ({minutes_text(ex.minutes)})"
    groups = _capital(ex.groups or ex.group_label)
    materials = ", ".join(f"{m.quantity} × {m.item}" for m in ex.materials)
    steps = "Stappen:\n" + "\n".join(
        f"{s.number}. {s.title} ({s.minutes} min): {plain(s.text)}" if s.title
        else f"{s.number}. {plain(s.text)}" for s in ex.steps)
    yield SlideSpec(
        "section", ex.title, exercise_id=ex.id,
        subtitle="\n".join([f"Oefening {ex.number} · {ex.part_label}",
                            f"{ex.start}–{ex.end} · {ex.minutes} minuten", groups]),
        notes=_text(f"Kondig oefening {ex.number} aan: {ex.title}. {when}, {groups.lower()}.",
                    "Doel: " + _blocks_text(ex.goal),
                    f"Zorg dat dit klaarligt: {materials}." if materials else ""))
    bullets = ex.slide or tuple((Span(f"{s.title} ({s.minutes} min)"),) for s in ex.steps)
    yield SlideSpec("exercise", ex.title, bullets=bullets, badge=badge, exercise_id=ex.id,
                    notes=_text(f"{ex.title}: {when}, {groups.lower()}.", steps,
                                _items("Tips voor een gemengde groep:", ex.tips)))
    if ex.debrief:
        yield SlideSpec(
            "content", "Bespreken", bullets=ex.debrief, exercise_id=ex.id,
            notes=_text(f"Nabespreking van ‘{ex.title}’. Stel de vragen één voor één en laat "
                        "om de beurt iemand van de formele en van de informele kant antwoorden. "
                        "Schrijf opvallende antwoorden op de flip-over. De oefening eindigt om "
                        f"{ex.end}.",
                        _items("Vragen:", ex.debrief)))


def _break_slide(block: Block) -> SlideSpec:
    return SlideSpec(
        "section", block.title,
        subtitle=f"{minutes_text(block.minutes)}\nWe gaan verder om {clock(block.end)}",
        notes=_text(f"{block.title} van {clock(block.start)} tot {clock(block.end)} "
                    f"({block.minutes} minuten). Zeg hardop hoe laat we verder gaan: "
                    f"{clock(block.end)}.",
                    "Laat de dia staan tijdens de pauze. Gebruik de tijd om materialen voor de "
                    "volgende oefening klaar te leggen."))


def _daypart_end(pack: Pack, daypart: Daypart, block: Block) -> SlideSpec:
    following = pack.program.dayparts[daypart.number]  # the next daypart exists here
    when = (f"op {long_date(following.date)} om {clock(following.start)}"
            if following.day != daypart.day and following.date else
            f"om {clock(following.start)}")
    bullets = ((Span("Wat neem je mee uit dit dagdeel?"),),
               (Span(f"We gaan verder {when}"),))
    return SlideSpec("closing", block.title, bullets=bullets, notes=_text(
        f"{block.title}: {clock(block.start)}–{clock(block.end)}. Vraag twee of drie "
        "deelnemers wat ze meenemen uit dit dagdeel. Noem wanneer we verder gaan.",
        "Hang de flip-overvellen van dit dagdeel zichtbaar op: ze komen straks terug."))


def _closing_slides(pack: Pack, block: Block | None,
                    reading: BackgroundContent | None) -> Iterator[SlideSpec]:
    closing = pack.texts["afsluiting"]
    timing = (f"Tijd: {clock(block.start)}–{clock(block.end)} ({block.minutes} minuten)."
              if block else "")
    yield SlideSpec("closing", "Afsluiting", bullets=closing.slide,
                    notes=_text(timing, _blocks_text(closing.body)))
    if reading:
        yield SlideSpec("content", reading.title, bullets=reading.slide,
                        notes=_text("Wijs op deze bronnen voor wie verder wil lezen; ze staan "
                                    "ook in de hand-out.", _blocks_text(reading.text)))
    yield _contact_slide(pack)


def _contact_slide(pack: Pack) -> SlideSpec:
    left: list[Inline] = []
    for person in pack.facilitators:
        left.append((Span(person.name, bold=True),))
        left.extend((Span(x),) for x in (person.organisation, person.email, person.phone) if x)
    right: list[Inline] = []
    if pack.contact:
        right.append((Span("Vragen na vandaag?", bold=True),))
        right.extend((Span(x),) for x in (pack.contact.name, pack.contact.email,
                                          pack.contact.phone) if x)
    if left and right:
        left.insert(0, (Span("Begeleiding", bold=True),))
    notes = _text("Laat zien bij wie de deelnemers na vandaag terechtkunnen, en bedank "
                  "iedereen voor de inzet.", f"Gemeente {pack.municipality}." if not right else "")
    if not left and not right:
        left = [(Span(f"Vragen? Neem contact op met de gemeente {pack.municipality}."),)]
    kind = "two-column" if left and right else "content"
    return SlideSpec(kind, "Contact", bullets=tuple(left or right),
                     right=tuple(right) if left else (), notes=notes, style="plain")


def _drafts(pack: Pack) -> Iterator[SlideSpec]:
    """The deck's arc, before fitting."""
    program = pack.program
    reading = next((b for b in pack.backgrounds if b.id == READING_ID), None)
    exercises = iter(pack.exercises)
    yield _title_slide(pack)
    goal = pack.texts["doel-bijeenkomst"]
    yield SlideSpec("content", "Doel van deze bijeenkomst", bullets=goal.slide,
                    notes=_blocks_text(goal.body) or "Vertel wat we vandaag willen bereiken.")
    yield from _agenda_slides(pack, program.dayparts, "Programma")
    final = None
    for daypart in program.dayparts:
        last = daypart.number == len(program.dayparts)
        for block in daypart.blocks:
            if block.kind == "welcome" and daypart.number > 1:
                yield from _agenda_slides(pack, [daypart], "Welkom terug")
            elif block.kind == "background":
                yield from (_background_slide(b, block) for b in pack.backgrounds
                            if b.id != READING_ID)
            elif block.kind == "exercise":
                yield from _exercise_slides(next(exercises))
            elif block.kind in ("break", "lunch"):
                yield _break_slide(block)
            elif block.kind == "closing" and not last:
                yield _daypart_end(pack, daypart, block)
            elif block.kind == "closing":
                final = block
    yield from _closing_slides(pack, final, reading)


def frames_for(template: Path | None) -> Mapping[str, Frame]:
    """The text frames of our default template, or those of a user's template."""
    if template is None:
        return DEFAULT_FRAMES
    from ..template_check import check_template  # reads the .pptx, so only when needed

    return check_template(template).frames()


def outline(pack: Pack, frames: Mapping[str, Frame] | None = None) -> list[SlideSpec]:
    """Every slide of the deck, in order, fitted to the template's text frames."""
    frames = frames if frames is not None else frames_for(pack.template)
    return [fitted for draft in _drafts(pack) for fitted in _fit(draft, frames)]


def numbers(specs: Sequence[SlideSpec]) -> dict[str, list[int]]:
    """1-based slide numbers per exercise id."""
    found: dict[str, list[int]] = {}
    for number, spec in enumerate(specs, start=1):
        if spec.exercise_id:
            found.setdefault(spec.exercise_id, []).append(number)
    return found


def slide_numbers(pack: Pack) -> dict[str, list[int]]:
    """1-based slide numbers of every exercise, for the handbook to cite."""
    return numbers(outline(pack))
