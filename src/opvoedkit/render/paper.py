"""Drawing on paper that is cut, folded or hung: text fitted into a box, cut and fold lines,
and a flowable that hands a whole page to a drawing function.

Shared by the printables (cards, posters) and the name tents. Text is measured with reportlab's
own metrics (stringWidth, Paragraph.wrap) and shrunk until it fits; it never runs over its box.
User strings are escaped and put in display order here (pdf.escape, pdf.visual).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Literal

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from .pdf import BOLD, FONT, MUTED, TEXT, Paragraph, escape, register_fonts, visual

Draw = Callable[[Canvas], None]
VAlign = Literal["top", "middle", "bottom"]
DASH = (3, 2.5)  # on, off in points: a cut or fold line


@lru_cache(maxsize=64)
def _style(size: float, bold: bool, centred: bool, leading: float) -> ParagraphStyle:
    register_fonts()
    return ParagraphStyle(f"fit-{size}-{bold}-{centred}", fontName=BOLD if bold else FONT,
                          fontSize=size, leading=size * leading, textColor=TEXT,
                          alignment=TA_CENTER if centred else TA_LEFT, spaceAfter=0,
                          spaceBefore=0)


@lru_cache(maxsize=4096)
def fitted_size(texts: tuple[str, ...], width: float, height: float, *, largest: float,
                smallest: float, bold: bool = False, centred: bool = True,
                leading: float = 1.22, gap: float = 0.4,
                first_bold: bool = False) -> tuple[float, bool] | None:
    """The largest size (half-point steps) at which these paragraphs, one under the other with
    ``gap`` × size between them, fit ``width`` × ``height``, and whether that needs a word
    broken over two lines: first with every word whole, then with words wider than the box
    broken; None when not even ``smallest`` fits."""
    for whole in (True, False):
        size = largest
        while size >= smallest:
            if _fits(texts, width, height, size, bold, centred, leading, gap,
                     whole_words=whole, first_bold=first_bold):
                return size, not whole
            size -= 0.5
    return None


def _fits(texts: Sequence[str], width: float, height: float, size: float, bold: bool,
          centred: bool, leading: float, gap: float, whole_words: bool = True,
          first_bold: bool = False) -> bool:
    used = gap * size * (len(texts) - 1)
    for index, text in enumerate(texts):
        para = Paragraph(escape(text), _style(size, bold or (first_bold and index == 0),
                                              centred, leading))
        used += para.wrap(width, height)[1]
        if (whole_words and para.minWidth() > width + 0.01) or used > height + 0.01:
            return False
    return True


def draw_text_box(canv: Canvas, texts: Sequence[str], x: float, y: float, width: float,
                  height: float, *, largest: float, smallest: float, bold: bool = False,
                  centred: bool = True, valign: VAlign = "middle", leading: float = 1.22,
                  gap: float = 0.4, colour: Any = TEXT, first_bold: bool = False) -> float:
    """Draw plain user texts as paragraphs inside the box with its lower left at (x, y), at the
    largest size that fits, set to the box's ``valign`` (top, middle or bottom); returns the
    size used. ``first_bold`` sets the first paragraph in bold (a label over its text).

    Text that does not fit even at ``smallest`` is cut off with an ellipsis, word by word, at
    that size: it still never leaves the box. On a PackCanvas a box shown again in the same
    document (every copy of a card set or poster) is drawn with the paragraphs made for it
    the first time: they are parsed and broken into lines once.
    """
    texts = tuple(t for t in texts if t)
    if not texts or width <= 0 or height <= 0:
        return 0.0
    key = (texts, width, height, largest, smallest, bold, centred, leading, gap, colour,
           first_bold)
    boxes = getattr(canv, "text_boxes", None)  # a PackCanvas: the boxes of this document
    laid = boxes.get(key) if boxes is not None else None
    if laid is None:
        laid = _laid_out(texts, width, height, largest=largest, smallest=smallest, bold=bold,
                         centred=centred, leading=leading, gap=gap, colour=colour,
                         first_bold=first_bold)
        if boxes is not None:
            boxes[key] = laid
    size, paras = laid
    heights = [p.wrap(width, height)[1] for p in paras]  # lines broken once (pdf.Paragraph)
    total = sum(heights) + gap * size * (len(paras) - 1)
    top = {"top": y + height, "bottom": y + total}.get(valign, y + (height + total) / 2)
    for para, tall in zip(paras, heights, strict=True):
        top -= tall
        para.drawOn(canv, x, top)
        top -= gap * size
    return size


def _laid_out(texts: tuple[str, ...], width: float, height: float, *, largest: float,
              smallest: float, bold: bool, centred: bool, leading: float, gap: float,
              colour: Any, first_bold: bool) -> tuple[float, list[Paragraph]]:
    """The size that fits and the paragraphs to draw at it (see :func:`draw_text_box`)."""
    found = fitted_size(texts, width, height, largest=largest, smallest=smallest, bold=bold,
                        centred=centred, leading=leading, gap=gap, first_bold=first_bold)
    if found is None:
        size = smallest
        texts = _shortened(texts, width, height, size, bold, centred, leading, gap, first_bold)
    else:
        size = found[0]
    return size, [Paragraph(escape(text), ParagraphStyle(
        "box", parent=_style(size, bold or (first_bold and index == 0), centred, leading),
        textColor=colour)) for index, text in enumerate(texts)]


def _shortened(texts: tuple[str, ...], width: float, height: float, size: float, bold: bool,
               centred: bool, leading: float, gap: float,
               first_bold: bool) -> tuple[str, ...]:
    """The texts cut word by word from the end, with an ellipsis, until they fit; a word
    wider than the box is broken over lines (Paragraph's splitLongWords)."""
    paras = [t.split() for t in texts]
    while paras:
        kept = tuple(" ".join(words) for words in paras)
        if _fits(kept, width, height, size, bold, centred, leading, gap, whole_words=False,
                 first_bold=first_bold):
            return kept
        paras[-1].pop()
        if not paras[-1]:
            paras.pop()
        if paras:
            paras[-1][-1] = paras[-1][-1].rstrip("…") + "…"
    return ()


def line_size(text: str, width: float, *, largest: float, smallest: float,
              font: str = FONT) -> float:
    """The largest size (half-point steps, at least ``smallest``) at which one line of
    ``text`` fits ``width``."""
    shown = visual(text)
    measured = pdfmetrics.stringWidth(shown, font, largest)
    if measured <= width:
        return largest
    size = max(smallest, int(largest * width / measured * 2) / 2)
    while size > smallest and pdfmetrics.stringWidth(shown, font, size) > width:
        size -= 0.5
    return size


def cut_lines(canv: Canvas, xs: Sequence[float], ys: Sequence[float]) -> None:
    """Dashed lines along every x (from the lowest y to the highest) and every y."""
    canv.saveState()
    canv.setStrokeColor(MUTED)
    canv.setLineWidth(0.5)
    canv.setDash(*DASH)
    for x in xs:
        canv.line(x, min(ys), x, max(ys))
    for y in ys:
        canv.line(min(xs), y, max(xs), y)
    canv.restoreState()


class FullPage(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A flowable that fills its frame and lets ``draw`` draw in page coordinates.

    ``origin`` is where the frame's lower left corner lies on the page; ``on_draw`` runs just
    before ``draw``, with the canvas (to note the page number, set a bookmark).
    """

    def __init__(self, draw: Draw, origin: tuple[float, float],
                 on_draw: Callable[[Canvas], None] | None = None) -> None:
        super().__init__()
        self._paint, self.origin, self.on_draw = draw, origin, on_draw

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height
        return available_width, available_height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.translate(-self.origin[0], -self.origin[1])
        if self.on_draw:
            self.on_draw(canv)
        self._paint(canv)
        canv.restoreState()
