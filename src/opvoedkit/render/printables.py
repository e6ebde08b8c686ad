"""What to print for the exercises: materialen-printen.pdf, with a printing overview first.

Every card set, sheet and poster of every exercise in the programme, in the copies the session
needs: cards eight to an A4 page with dashed cut lines and a footer that names the exercise and
the set; sheets on A4; posters on A3 pages at the end, each drawing the figure it names.

What a poster's ``items`` mean, by figure (items beyond these are printed beside the figure).
An item written as ``Label: explanation`` shows its label large and the explanation under it.

- ``circles``: with four items or more, the centre (the family, "Ik") and then the three rings
  from the inside out (dichtbij, soms, ver weg); with fewer, only rings, round "Het gezin".
- ``quadrant``: with eight or more items, the ends of the axes (left, right, bottom, top), then
  the quadrants (top left, top right, bottom left, bottom right); with six or seven, the
  horizontal and the vertical axis, then the quadrants; with fewer, only the quadrants.
- ``grid``: the vertical axis (influence), the horizontal axis (interest), then the four cells
  (top left, top right, bottom left, bottom right).
- ``four``: the four parts (the municipality's four roles).
- ``map``: an empty frame; every item is a line of the legend.
- ``timeline``: every item is a moment, left to right.
- ``none``: every item is a paragraph of large text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from ..pack import Pack, PrintableContent
from . import Rendered
from .paper import FullPage, cut_lines, draw_text_box, line_size
from .pdf import (
    ACCENT,
    BOTTOM,
    FONT,
    MARGIN,
    MUTED,
    SHADE,
    TEXT,
    TOP,
    WIDTH,
    Anchor,
    Later,
    PackDocument,
    Paragraph,
    escape,
    fit,
    heading,
    ranges,
    styles,
    table,
)

KIND = "Materialen om te printen"
NOTHING = "Voor dit programma hoeft niets extra geprint te worden."
COLUMNS, ROWS = 2, 4                      # cards per A4 page: 2 × 4
PER_PAGE = COLUMNS * ROWS
CARD_W, CARD_H = WIDTH / COLUMNS, (A4[1] - TOP - BOTTOM) / ROWS
CARD_PAD, CARD_FOOT = 5 * mm, 5 * mm
POSTER_EDGE = 15 * mm                     # posters keep this far from the paper's edge
PORTRAIT_FIGURES = ("circles", "none")    # round or textual: upright A3; the rest lies down
KIND_WORDS = {"cards": "kaarten", "sheet": "blad", "poster": "poster"}
Box = tuple[float, float, float, float]   # x, y, width, height on the page


def render(pack: Pack, path: Path) -> Rendered:
    """Write materialen-printen.pdf: the printing overview, then cards, sheets and posters."""
    doc = PackDocument(path, pack, kind=KIND, first="both",
                       subject=f"Kaarten, bladen en posters voor de bijeenkomst in "
                               f"{pack.municipality}")
    doc.addPageTemplates([_poster_template("a3", A3),
                          _poster_template("a3-wide", landscape(A3))])
    pages: dict[int, list[int]] = {}
    count = doc.render(_story(pack, doc, pages))
    anchors: dict[str, list[int]] = {}
    for index, item in enumerate(printables(pack)):
        anchors.setdefault(item.exercise_id, []).extend(pages.get(index, []))
    return Rendered("printables", Path(path), count,
                    {key: sorted(set(found)) for key, found in anchors.items()})


def printables(pack: Pack) -> list[PrintableContent]:
    """Everything to print, in print order: the A4 items (cards, sheets) in the order of the
    programme, then the A3 posters, so that one run of each paper size prints them all."""
    items = [p for ex in pack.exercises for p in ex.printables
             if p.copies > 0 and (p.items or p.kind != "cards")]  # never an empty page
    return [p for p in items if p.kind != "poster"] + [p for p in items if p.kind == "poster"]


def card_pages(item: PrintableContent) -> int:
    """A4 pages a card set takes in all its copies."""
    return -(-item.copies * len(item.items) // PER_PAGE)


def _story(pack: Pack, doc: PackDocument, pages: dict[int, list[int]]) -> list[Flowable]:
    items = printables(pack)
    s = styles()
    story: list[Flowable] = [heading(KIND, "h1", Anchor("overzicht", "Printoverzicht"))]
    if not items:
        return [*story, Paragraph(NOTHING, s["plain"])]
    story += _overview(pack, items, doc, pages)
    titles = _card_titles(items)
    for index, item in enumerate(items):
        record = _recorder(pages, index, item)
        if item.kind == "cards":
            story += [PageBreak(), *_cards(item, titles[index], record)]
        elif item.kind == "sheet":
            story += _sheets(pack, item, index, pages)
        else:
            wide = item.figure not in PORTRAIT_FIGURES
            story.append(NextPageTemplate("a3-wide" if wide else "a3"))
            for copy in range(1, item.copies + 1):
                story += [PageBreak(), _poster(pack, item, copy, wide, doc, record)]
    return story


def _recorder(pages: dict[int, list[int]], index: int,
              item: PrintableContent) -> Callable[[Canvas], None]:
    """A callback for the first drawing on each page of ``item``: notes the page, and on the
    first page sets a bookmark for it."""
    top = (A3[1] if item.figure in PORTRAIT_FIGURES else A3[0]) if item.kind == "poster" \
        else A4[1]

    def record(canv: Canvas) -> None:
        found = pages.setdefault(index, [])
        if not found:
            key = f"printable-{index}"
            canv.bookmarkHorizontal(key, 0, top)
            canv.addOutlineEntry(f"{item.title} ({KIND_WORDS[item.kind]})", key, 0)
        found.append(canv.getPageNumber())
    return record


# --- the overview ----------------------------------------------------------------------------

def _overview(pack: Pack, items: Sequence[PrintableContent], doc: PackDocument,
              pages: dict[int, list[int]]) -> list[Flowable]:
    s = styles()
    numbers = {ex.id: ex.number for ex in pack.exercises}
    posters = any(i.kind == "poster" for i in items)
    intro = ("Print dit bestand <b>enkelzijdig</b>, in kleur of zwart-wit. Kaarten knip je los "
             "langs de stippellijnen; elke kaart zegt onderaan bij welke oefening en welke set "
             "hij hoort, zodat je een stapel weer kunt sorteren.")
    if posters:
        intro += (" De posters staan achteraan, op <b>A3</b>: print die pagina's apart op A3, "
                  "of laat ze afdrukken bij een copyshop.")
    head = ["Wat", "Bij oefening", "Aantal", "Papier", "Printen", "Pagina's"]
    widths = [0.21, 0.23, 0.17, 0.09, 0.19, 0.11]
    rows: list[list[object]] = [[Paragraph(h, s["cellbold"]) for h in head]]
    for index, item in enumerate(items):
        name = f"pages-{index}"
        doc.late[name] = (partial(_page_range, pages, index), 9)
        rows.append([
            Paragraph(f"<b>{escape(item.title)}</b><br/>{KIND_WORDS[item.kind]}", s["cell"]),
            Paragraph(escape(f"{numbers.get(item.exercise_id, '?')}. {item.exercise_title}"),
                      s["cell"]),
            Paragraph(escape(_amount(item)), s["cell"]),
            Paragraph("A3" if item.kind == "poster" else "A4", s["cell"]),
            Paragraph(escape(_how(item)), s["cell"]),
            Later(name, WIDTH * widths[-1] - 8, 9),
        ])
    return [Paragraph(intro, s["body"]),
            table(rows, [WIDTH * w for w in widths], padding=3),
            Spacer(1, 2 * mm),
            Paragraph("De aantallen gaan uit van "
                      f"{pack.participants} deelnemers"
                      + (" (een schatting)." if pack.participants_estimated else ".")
                      + " Ze staan al in dit bestand: print elke pagina één keer.",
                      s["small"])]


def _page_range(pages: dict[int, list[int]], index: int) -> str:
    """``3–5``: the pages an item was drawn on."""
    return ranges(pages.get(index, []))


def _amount(item: PrintableContent) -> str:
    """``2 sets van 10 kaarten (3 vellen)``, ``8 exemplaren``, ``1 poster``."""
    if item.kind == "cards":
        sheets = card_pages(item)
        paper = f"({sheets} {'vel' if sheets == 1 else 'vellen'})"
        if len(item.items) == 1:
            return f"{item.copies} {'kaart' if item.copies == 1 else 'kaarten'} {paper}"
        sets = "1 set" if item.copies == 1 else f"{item.copies} sets"
        return f"{sets} van {len(item.items)} kaarten {paper}"
    if item.kind == "poster":
        return "1 poster" if item.copies == 1 else f"{item.copies} posters"
    return "1 exemplaar" if item.copies == 1 else f"{item.copies} exemplaren"


def _how(item: PrintableContent) -> str:
    """How to print it: single-sided, paper, and whether to cut."""
    if item.kind == "cards":
        return "enkelzijdig; knippen langs de stippellijnen"
    if item.kind == "poster":
        return "enkelzijdig op A3; niet knippen; ophangen"
    return "enkelzijdig; niet knippen"


# --- cards -----------------------------------------------------------------------------------

def _card_titles(items: Sequence[PrintableContent]) -> list[str]:
    """The footer of each item's cards: the exercise, and the set's own title when the
    exercise has more than one card set."""
    per_exercise: dict[str, int] = {}
    for item in items:
        if item.kind == "cards":
            per_exercise[item.exercise_id] = per_exercise.get(item.exercise_id, 0) + 1
    return [item.exercise_title + (f" · {item.title}"
                                   if per_exercise.get(item.exercise_id, 0) > 1 else "")
            for item in items]


def _cards(item: PrintableContent, footer: str,
           record: Callable[[Canvas], None]) -> list[Flowable]:
    """Full A4 pages of cards, set after set."""
    cards = [(text, copy) for copy in range(1, item.copies + 1) for text in item.items]
    pages = [cards[at:at + PER_PAGE] for at in range(0, len(cards), PER_PAGE)]
    return [FullPage(partial(_card_page, cards=chunk, footer=footer), (MARGIN, BOTTOM), record)
            for chunk in pages]


def _card_page(canv: Canvas, cards: Sequence[tuple[str, int]], footer: str) -> None:
    """Up to eight cards in two columns, with dashed cut lines round every card."""
    top = A4[1] - TOP
    rows = -(-len(cards) // COLUMNS)
    for index, (text, copy) in enumerate(cards):
        row, column = divmod(index, COLUMNS)
        x, y = MARGIN + column * CARD_W, top - (row + 1) * CARD_H
        inner = CARD_W - 2 * CARD_PAD
        draw_text_box(canv, [text], x + CARD_PAD, y + CARD_FOOT + CARD_PAD * 0.6, inner,
                      CARD_H - CARD_FOOT - CARD_PAD * 1.6, largest=18, smallest=7)
        label = f"{footer} · set {copy}"
        size = line_size(label, inner, largest=7, smallest=5)
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setFont(FONT, size)
        canv.drawCentredString(x + CARD_W / 2, y + CARD_FOOT * 0.6, fit(label, size, inner))
        canv.restoreState()
    columns = min(COLUMNS, len(cards))
    cut_lines(canv, [MARGIN + c * CARD_W for c in range(columns + 1)],
              [top - r * CARD_H for r in range(rows + 1)])


# --- sheets ----------------------------------------------------------------------------------

class _Mark(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """Takes no room; notes the page it lands on (the overview's page column)."""

    def __init__(self, found: list[int]) -> None:
        super().__init__()
        self.found = found

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.found.append(self.canv.getPageNumber())


def _sheets(pack: Pack, item: PrintableContent, index: int,
            pages: dict[int, list[int]]) -> list[Flowable]:
    """Each copy on pages of its own: a line naming the exercise, the title, the items."""
    s = styles()
    found = pages.setdefault(index, [])
    numbers = {ex.id: ex.number for ex in pack.exercises}
    out: list[Flowable] = []
    for copy in range(1, item.copies + 1):
        kicker = f"Bij oefening {numbers.get(item.exercise_id, '?')}: {item.exercise_title}"
        if item.copies > 1:
            kicker += f" · exemplaar {copy} van {item.copies}"
        anchors = (Anchor(f"printable-{index}", f"{item.title} ({KIND_WORDS[item.kind]})"),) \
            if copy == 1 else ()
        out += [PageBreak(), _Mark(found), Paragraph(escape(kicker), s["kicker"]),
                heading(item.title, "h1", *anchors),
                *(Paragraph(escape(text), s["plain"]) for text in item.items), _Mark(found)]
    return out


# --- posters ---------------------------------------------------------------------------------

def _poster_template(name: str, size: tuple[float, float]) -> PageTemplate:
    """An A3 page whose one frame is the whole sheet: the poster draws everything itself."""
    frame = Frame(0, 0, size[0], size[1], id=name, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    return PageTemplate(name, [frame], pagesize=size)


def _poster(pack: Pack, item: PrintableContent, copy: int, wide: bool, doc: PackDocument,
            record: Callable[[Canvas], None]) -> FullPage:
    width, height = landscape(A3) if wide else A3
    numbers = {ex.id: ex.number for ex in pack.exercises}

    def draw(canv: Canvas) -> None:
        edge = POSTER_EDGE
        inner = width - 2 * edge
        draw_text_box(canv, [item.title], edge, height - edge - 24 * mm, inner, 24 * mm,
                      largest=44, smallest=18, bold=True)
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setFont(FONT, 12)
        canv.drawCentredString(width / 2, height - edge - 31 * mm, fit(
            f"Bij oefening {numbers.get(item.exercise_id, '?')}: {item.exercise_title}", 12,
            inner))
        footer = f"{item.exercise_title} · {item.title}" + (
            f" · poster {copy} van {item.copies}" if item.copies > 1 else "")
        canv.setFont(FONT, 8)
        canv.drawString(edge, edge - 6 * mm, fit(footer, 8, inner - 40 * mm))
        page = canv.getPageNumber()
        name = f"a3-pagina-{page}"
        doc.late[name] = (lambda: f"pagina {page} van {doc.page_count}", 8)
        canv.saveState()
        canv.translate(width - edge, edge - 6 * mm)
        canv.doForm(name)
        canv.restoreState()
        canv.restoreState()
        area = (edge, edge + 2 * mm, inner, height - 2 * edge - 40 * mm)
        draw_figure(canv, item.figure, item.items, area, wide)

    return FullPage(draw, (0, 0), record)


def draw_figure(canv: Canvas, figure: str, items: Sequence[str], area: Box,
                wide: bool) -> None:
    """The poster's figure in ``area``, with the items it does not use as text beside it
    (to the right of a landscape poster, under an upright one)."""
    takes, paint = FIGURES.get(figure, (_takes_all, _none))
    taken = takes(items)
    rest = list(items[taken:])
    x, y, w, h = area
    if rest and figure != "none":
        if wide:
            side = w * 0.26
            draw_text_box(canv, rest, x + w - side, y, side, h, largest=20, smallest=8,
                          centred=False)
            area = (x, y, w - side - 10 * mm, h)
        else:
            low = h * 0.22
            draw_text_box(canv, rest, x, y, w, low, largest=20, smallest=8, centred=False)
            area = (x, y + low + 8 * mm, w, h - low - 8 * mm)
    paint(canv, list(items[:taken]), area)


def _stroke(canv: Canvas, width: float = 1.6) -> None:
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(width)


def _arrow(canv: Canvas, x1: float, y1: float, x2: float, y2: float, *,
           both: bool = False) -> None:
    """A line with a filled arrowhead at (x2, y2), and at (x1, y1) too when ``both``."""
    canv.line(x1, y1, x2, y2)
    ends = [(x1, y1, x2, y2)] + ([(x2, y2, x1, y1)] if both else [])
    for ax, ay, bx, by in ends:
        angle = math.atan2(by - ay, bx - ax)
        size = 5 * mm
        path = canv.beginPath()
        path.moveTo(bx, by)
        for turn in (2.7, -2.7):
            path.lineTo(bx + size * math.cos(angle + turn), by + size * math.sin(angle + turn))
        path.close()
        canv.setFillColor(ACCENT)
        canv.drawPath(path, stroke=0, fill=1)


def _takes_all(items: Sequence[str]) -> int:
    return len(items)


def _none(canv: Canvas, items: list[str], area: Box) -> None:
    """The items as large text."""
    draw_text_box(canv, items, *area, largest=40, smallest=12, centred=False, gap=0.6)


def _circles(canv: Canvas, items: list[str], area: Box) -> None:
    """Three rings round a small centre circle: who is close to the family, who further off."""
    x, y, w, h = area
    radius = min(w, h) / 2
    cx, cy = x + w / 2, y + h / 2
    radii = [radius * f for f in (0.2, 0.47, 0.74, 1.0)]
    canv.saveState()
    _stroke(canv, 1.8)
    for r in reversed(radii[1:]):
        canv.setFillColor("white")
        canv.circle(cx, cy, r, stroke=1, fill=1)
    canv.setFillColor(SHADE)
    canv.circle(cx, cy, radii[0], stroke=1, fill=1)
    canv.restoreState()
    centre, rings = (items[0], items[1:4]) if len(items) >= 4 else ("Het gezin", items[:3])
    for ring, label in enumerate(rings):
        inner, outer = radii[ring], radii[ring + 1]
        tall = (outer - inner) * 0.55
        bottom = inner + (outer - inner - tall) / 2
        half = math.sqrt(max(outer ** 2 - (bottom + tall) ** 2, 0)) * 0.9
        draw_text_box(canv, [label], cx - half, cy + bottom, 2 * half, tall, largest=30,
                      smallest=9, bold=True)
    side = radii[0] * 1.35
    draw_text_box(canv, [centre], cx - side / 2, cy - side / 2, side, side, largest=24,
                  smallest=8, bold=True)


def _takes_circles(items: Sequence[str]) -> int:
    return min(len(items), 4)


def _quadrant(canv: Canvas, items: list[str], area: Box) -> None:
    """Two axes crossing in the middle, with the ends labelled, and four named quadrants."""
    if len(items) >= 8:
        ends, names = items[:4], items[4:8]
    elif len(items) >= 6:
        ends, names = ["", items[0], "", items[1]], items[2:6]
    else:
        ends, names = ["", "", "", ""], items[:4]
    x, y, w, h = area
    side, cap = (w * 0.14, h * 0.09) if any(ends) else (0.0, 0.0)
    left, right, bottom, top = x + side, x + w - side, y + cap, y + h - cap
    cx, cy = (left + right) / 2, (bottom + top) / 2
    canv.saveState()
    _stroke(canv, 2.2)
    _arrow(canv, left, cy, right, cy, both=True)
    _arrow(canv, cx, bottom, cx, top, both=True)
    canv.restoreState()
    gap = 3 * mm
    labels = [(x, cy - h * 0.1, side - gap, h * 0.2), (right + gap, cy - h * 0.1, side - gap,
                                                        h * 0.2),
              (cx - w * 0.2, y, w * 0.4, cap - gap), (cx - w * 0.2, top + gap, w * 0.4,
                                                      cap - gap)]
    for text, box in zip(ends, labels, strict=True):
        if text:
            draw_text_box(canv, [text], *box, largest=24, smallest=9, bold=True)
    qw, qh = (right - left) / 2, (top - bottom) / 2
    spots = [(left, top - qh * 0.3), (cx, top - qh * 0.3), (left, bottom),
             (cx, bottom)]
    for text, (qx, qy) in zip(names, spots, strict=False):
        draw_text_box(canv, [text], qx + qw * 0.08, qy + gap, qw * 0.84, qh * 0.3 - 2 * gap,
                      largest=30, smallest=10, bold=True, colour=ACCENT)


def _takes_quadrant(items: Sequence[str]) -> int:
    return 8 if len(items) >= 8 else 6 if len(items) >= 6 else min(len(items), 4)


def _grid(canv: Canvas, items: list[str], area: Box) -> None:
    """Influence against interest: two axes from low to high, each explained along its side,
    and four cells to place the parties in."""
    up = items[0] if items else "Invloed"
    across = items[1] if len(items) > 1 else "Belang"
    names = items[2:6]
    x, y, w, h = area
    band = 36 * mm
    left, bottom = x + band, y + band
    right, top = x + w, y + h
    cx, cy = (left + right) / 2, (bottom + top) / 2
    canv.saveState()
    _stroke(canv, 1)
    canv.setDash(4, 3)
    canv.line(cx, bottom, cx, top)
    canv.line(left, cy, right, cy)
    canv.setDash()
    _stroke(canv, 2.2)
    _arrow(canv, left, bottom, right, bottom)
    _arrow(canv, left, bottom, left, top)
    canv.restoreState()
    _ends(canv, left, bottom - 6 * mm, right - 8 * mm)
    draw_text_box(canv, _sentence(across), left + 30 * mm, y, right - left - 60 * mm,
                  band - 4 * mm, largest=18, smallest=8, first_bold=True)
    canv.saveState()
    canv.translate(left, bottom)
    canv.rotate(90)  # the vertical axis's text reads from bottom to top, left of the axis
    length = top - bottom
    _ends(canv, 0, 2 * mm, length - 8 * mm)
    draw_text_box(canv, _sentence(up), 30 * mm, 4 * mm, length - 60 * mm, band - 4 * mm,
                  largest=18, smallest=8, first_bold=True)
    canv.restoreState()
    qw, qh = (right - left) / 2, (top - bottom) / 2
    for index, text in enumerate(names):
        row, column = divmod(index, 2)
        qx, qy = left + column * qw, cy + (0 if row == 0 else -qh)
        draw_text_box(canv, _split(text), qx + 6 * mm, qy + qh * 0.62, qw - 12 * mm,
                      qh * 0.34, largest=24, smallest=9, first_bold=True, colour=ACCENT)


def _ends(canv: Canvas, start: float, y: float, end: float) -> None:
    """"weinig" at the foot of an axis, "veel" at its head."""
    canv.saveState()
    canv.setFillColor(MUTED)
    canv.setFont(FONT, 12)
    canv.drawString(start + 2 * mm, y, "weinig")
    canv.drawRightString(end, y, "veel")
    canv.restoreState()


def _takes_grid(items: Sequence[str]) -> int:
    return min(len(items), 6)


def _four(canv: Canvas, items: list[str], area: Box) -> None:
    """Four equal parts, each headed by its name with its explanation under it, and room
    below for post-its and dots."""
    x, y, w, h = area
    gap = 8 * mm
    pw, ph = (w - gap) / 2, (h - gap) / 2
    band = min(ph * 0.2, 24 * mm)
    for index in range(4):
        row, column = divmod(index, 2)
        px, py = x + column * (pw + gap), y + (1 - row) * (ph + gap)
        canv.saveState()
        _stroke(canv, 1.8)
        canv.setFillColor(SHADE)
        canv.rect(px, py + ph - band, pw, band, stroke=0, fill=1)
        canv.rect(px, py, pw, ph, stroke=1, fill=0)
        canv.restoreState()
        if index >= len(items):
            continue
        label, *rest = _split(items[index])
        draw_text_box(canv, [label], px + 4 * mm, py + ph - band + 2 * mm, pw - 8 * mm,
                      band - 4 * mm, largest=30, smallest=9, bold=True)
        if rest:
            draw_text_box(canv, rest, px + 6 * mm, py + ph * 0.45, pw - 12 * mm,
                          ph * 0.55 - band - 4 * mm, largest=18, smallest=8, centred=False,
                          valign="top")


def _sentence(text: str) -> list[str]:
    """A short first sentence (an axis's name) apart from the explanation after it."""
    first, stop, rest = text.partition(". ")
    if stop and rest and len(first) <= 40:
        return [first + ".", rest]
    return _split(text)


def _split(text: str) -> list[str]:
    """``Label: explanation`` as [label, explanation]; other text as it is."""
    label, colon, rest = text.partition(": ")
    if colon and rest and len(label) <= 40:
        return [label, rest[:1].upper() + rest[1:]]
    return [text]


def _takes_four(items: Sequence[str]) -> int:
    return min(len(items), 4)


def _map(canv: Canvas, items: list[str], area: Box) -> None:
    """A large empty frame to draw the neighbourhood in, the legend beside it."""
    x, y, w, h = area
    legend = w * 0.24 if items else 0.0
    canv.saveState()
    _stroke(canv, 2)
    canv.rect(x, y, w - legend - (8 * mm if items else 0), h, stroke=1, fill=0)
    canv.restoreState()
    if not items:
        return
    lx = x + w - legend
    canv.saveState()
    canv.setFillColor(TEXT)
    canv.setFont(FONT, 20)
    canv.drawString(lx, y + h - 8 * mm, "Legenda")
    canv.restoreState()
    row = min(28 * mm, (h - 16 * mm) / len(items))
    square = min(10 * mm, row * 0.6)
    for index, text in enumerate(items):
        top = y + h - 16 * mm - index * row
        canv.saveState()
        _stroke(canv, 1.2)
        canv.rect(lx, top - square, square, square, stroke=1, fill=0)
        canv.restoreState()
        draw_text_box(canv, [text], lx + square + 4 * mm, top - row + 2 * mm,
                      legend - square - 4 * mm, row - 3 * mm, largest=18, smallest=7,
                      centred=False, valign="top")


def _timeline(canv: Canvas, items: list[str], area: Box) -> None:
    """A line from left to right with the moments on it, labels above and below in turn."""
    x, y, w, h = area
    cy = y + h / 2
    moments = items or [""] * 5
    step = (w - 20 * mm) / len(moments)
    canv.saveState()
    _stroke(canv, 2.4)
    _arrow(canv, x, cy, x + w, cy)
    canv.restoreState()
    label_w, label_h = min(step * 1.85, w * 0.4), h / 2 - 14 * mm
    for index, text in enumerate(moments):
        mx = x + step * (index + 0.5)
        above = index % 2 == 0
        canv.saveState()
        _stroke(canv, 1)
        canv.line(mx, cy, mx, cy + (10 * mm if above else -10 * mm))
        canv.setFillColor(ACCENT)
        canv.circle(mx, cy, 3 * mm, stroke=0, fill=1)
        canv.restoreState()
        if text:
            top = cy + 12 * mm if above else cy - 12 * mm - label_h
            # at the ends the label narrows rather than leave the area or meet its neighbour
            left, right = max(mx - label_w / 2, x), min(mx + label_w / 2, x + w)
            draw_text_box(canv, [text], left, top, right - left, label_h,
                          largest=28, smallest=8, valign="bottom" if above else "top")


FIGURES: dict[str, tuple[Callable[[Sequence[str]], int],
                         Callable[[Canvas, list[str], Box], None]]] = {
    "none": (_takes_all, _none),
    "circles": (_takes_circles, _circles),
    "quadrant": (_takes_quadrant, _quadrant),
    "grid": (_takes_grid, _grid),
    "four": (_takes_four, _four),
    "map": (_takes_all, _map),
    "timeline": (_takes_all, _timeline),
}
