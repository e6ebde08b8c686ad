"""The deck's diagrams, laid out as native shapes inside a template's text area.

Every diagram is drawn from data (``templates/diagrams.yaml``) or from the plan, in fractions of
the area it is given, so it scales to any slide size; text is fitted to each shape with the
deck's own measuring. A builder returns None when its text cannot fit even at the smallest size:
the slide then shows its text as a list, as before.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..geometry import EMU_PER_PT, INSET_Y, LINE, Box
from ..resources import data_dir
from ..text import Inline, Span
from .fitting import fits, words_fit
from .shapes import ACCENT, LIGHT, MUTED, NONE, PLAIN, TEXT_SIZES, Shape, lines, text_box

Shapes = tuple[Shape, ...]
AGENDA_SIZES = (24, 22, 20, 18)   # agenda labels: clock times stay readable at the back
LABEL_GAP = 0.25                  # × size, between two agenda labels
BREAK_KINDS = ("break", "lunch")
# A word takes at most this share of a shape's line: a template's font may be wider than the
# one we measure with where it is missing (LibreOffice draws DejaVu Sans, 13 % wider than
# Noto Sans, for a Calibri it lacks), and a word broken in two is the worst of overflows.
WORD_SHARE = 0.88


@cache
def data() -> dict[str, Any]:
    """templates/diagrams.yaml, read once."""
    import yaml

    path = data_dir("templates") / "diagrams.yaml"
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict), path
    return loaded


def fitted(geometry: str, box: Box, paras: Sequence[Inline],
           sizes: Sequence[int] = TEXT_SIZES, **attributes: object) -> Shape | None:
    """A shape whose text fits its box at the largest of ``sizes``; None when none does."""
    area = text_box(geometry, box)
    for size in sizes:
        if fits(paras, area, size, "plain") and words_fit(paras, area, size, WORD_SHARE):
            return Shape(geometry, box, tuple(paras), size, **attributes)  # type: ignore[arg-type]
    return None


def largest_common(geometry: str, boxes: Sequence[Box], texts: Sequence[Sequence[Inline]],
                   sizes: Sequence[int] = TEXT_SIZES) -> int | None:
    """The largest size at which every text fits its box (a row of shapes reads evenly)."""
    for size in sizes:
        if all(fits(list(t), text_box(geometry, b), size, "plain")
               and words_fit(list(t), text_box(geometry, b), size, WORD_SHARE)
               for b, t in zip(boxes, texts, strict=True)):
            return size
    return None


def _part(area: Box, x: float, y: float, w: float, h: float) -> Box:
    """A box given in fractions of ``area``."""
    return Box(area.left + round(area.width * x), area.top + round(area.height * y),
               round(area.width * w), round(area.height * h))


def _line(x1: int, y1: int, x2: int, y2: int, *, arrow: bool = True,
          outline: str = MUTED, name: str = "Verbinding") -> Shape:
    return Shape("line", Box(x1, y1, x2 - x1, y2 - y1), outline=outline, arrow=arrow, name=name)


def _same_size(geometry: str, boxes: Sequence[Box], texts: Sequence[tuple[Inline, ...]],
               sizes: Sequence[int] = (24, 22, 20, 18, 16, 14), **attributes: Any) -> Shapes | None:
    """One shape per box, all at the largest size at which every text fits."""
    size = largest_common(geometry, boxes, texts, sizes)
    if size is None:
        return None
    return tuple(Shape(geometry, box, text, size, **attributes)
                 for box, text in zip(boxes, texts, strict=True))


def _join(*groups: Shapes | Shape | None) -> Shapes | None:
    """All shapes of some groups, or None when one group could not be laid out."""
    out: list[Shape] = []
    for group in groups:
        if group is None:
            return None
        out.extend((group,) if isinstance(group, Shape) else group)
    return tuple(out)


# --- background diagrams -----------------------------------------------------------------------

def circuits(spec: dict[str, Any], area: Box) -> Shapes | None:
    """Two circuits side by side, what each brings, and what they reach together between them."""
    sides = spec["sides"]
    count = max(len(side["strengths"]) for side in sides)
    column, middle = 0.39, 0.16
    gap = (1 - 2 * column - middle) / 2
    head, space = 0.22, 0.03
    item = (1 - head - space * count) / count
    heads, items = [], []
    for index, side in enumerate(sides):
        x = 0.0 if index == 0 else 1 - column
        heads.append((_part(area, x, 0, column, head), lines(side["label"], side["who"],
                                                             bold_first=True)))
        for row, strength in enumerate(side["strengths"]):
            y = head + space + row * (item + space)
            items.append((_part(area, x, y, column, item), lines(strength)))
    centre = _part(area, column + gap, 0.3, middle, 0.4)
    together = fitted("roundRect", centre, lines(spec["middle"]), fill=PLAIN, outline=ACCENT,
                      name="Samen")
    mid_y = centre.top + centre.height // 2
    left_edge = heads[0][0].left + heads[0][0].width
    right_edge = heads[1][0].left
    arrows = (_line(left_edge, mid_y, centre.left, mid_y),
              _line(right_edge, mid_y, centre.left + centre.width, mid_y))
    return _join(_same_size("roundRect", *zip(*heads, strict=True), fill=ACCENT, name="Circuit"),
                 _same_size("roundRect", *zip(*items, strict=True), fill=LIGHT, name="Kracht"),
                 together, arrows)


def roles(spec: dict[str, Any], area: Box) -> Shapes | None:
    """The municipality's four roles around it, a four-part figure, with a line below."""
    column, centre_w, footer = 0.35, 0.24, 0.14
    row_h = (1 - footer - 0.06) / 2 - 0.03
    boxes, texts = [], []
    for index, role in enumerate(spec["roles"][:4]):
        x = 0.0 if index % 2 == 0 else 1 - column
        y = 0.0 if index < 2 else row_h + 0.06
        boxes.append(_part(area, x, y, column, row_h))
        texts.append(lines(role["label"], role["text"], bold_first=True))
    # A circle in the middle: as wide as it is high, in EMU.
    side = min(round(area.width * centre_w), round(area.height * (2 * row_h + 0.06)))
    middle_y = area.top + round(area.height * (row_h + 0.03))
    circle = Box(area.left + area.width // 2 - side // 2, middle_y - side // 2, side, side)
    centre = fitted("ellipse", circle, lines(spec["centre"], bold_first=True), fill=ACCENT,
                    name="Gemeente")
    spokes = []
    for box in boxes:
        inner_x = box.left + box.width if box.left < circle.left else box.left
        y = box.top + box.height // 2
        towards = circle.left if inner_x < circle.left else circle.left + circle.width
        spokes.append(_line(towards, middle_y + (y - middle_y) // 3, inner_x, y, arrow=False))
    bottom = fitted("text", _part(area, 0, 1 - footer, 1, footer), lines(spec["footer"],
                    bold_first=True), name="Onderschrift")
    return _join(_same_size("roundRect", boxes, texts, fill=LIGHT, name="Rol"), centre,
                 tuple(spokes), bottom)


def quadrant(spec: dict[str, Any], area: Box) -> Shapes | None:
    """Two axes, four forms: starting point (columns) × who the support is for (rows)."""
    label_w, label_h, gap = 0.2, 0.2, 0.02
    cell_w, cell_h = (1 - label_w - 2 * gap) / 2, (1 - label_h - 2 * gap) / 2
    heads = [(_part(area, label_w + gap + c * (cell_w + gap), 0, cell_w, label_h),
              lines(text, bold_first=True)) for c, text in enumerate(spec["columns"])]
    sides = [(_part(area, 0, label_h + gap + r * (cell_h + gap), label_w, cell_h),
              lines(text, bold_first=True)) for r, text in enumerate(spec["rows"])]
    cells = [(_part(area, label_w + gap + c * (cell_w + gap), label_h + gap + r * (cell_h + gap),
                    cell_w, cell_h), lines(text))
             for r, row in enumerate(spec["cells"]) for c, text in enumerate(row)]
    # The two axes cross between the cells.
    x_mid = area.left + round(area.width * (label_w + gap + cell_w + gap / 2))
    y_mid = area.top + round(area.height * (label_h + gap + cell_h + gap / 2))
    top = area.top + round(area.height * label_h)
    left = area.left + round(area.width * label_w)
    axes = (_line(x_mid, top, x_mid, area.top + area.height, arrow=False, outline=ACCENT,
                  name="As"),
            _line(left, y_mid, area.left + area.width, y_mid, arrow=False, outline=ACCENT,
                  name="As"))
    return _join(axes,
                 _same_size("roundRect", *zip(*heads, *sides, strict=True), fill=ACCENT,
                            name="As-label"),
                 _same_size("roundRect", *zip(*cells, strict=True), fill=LIGHT,
                            name="Vorm"))


BACKGROUNDS = {"circuits": circuits, "roles": roles, "quadrant": quadrant}


def background(background_id: str, area: Box) -> tuple[str, Shapes] | None:
    """The title and shapes of a background block's diagram, if it has one that fits."""
    spec = data()["backgrounds"].get(background_id)
    if spec is None:
        return None
    shapes = BACKGROUNDS[spec["kind"]](spec, area)
    return (spec["title"], shapes) if shapes else None


# --- the route of the day ------------------------------------------------------------------------

@dataclass(frozen=True)
class Stage:
    """One stage of the route of the day."""

    label: str
    parts: tuple[str, ...]
    exercises: tuple[str, ...]


def stages() -> tuple[Stage, ...]:
    """The route's stages, in order."""
    return tuple(Stage(s["label"], tuple(s.get("parts", ())), tuple(s.get("exercises", ())))
                 for s in data()["route"]["stages"])


def stage_of(exercise_id: str, part: str) -> int:
    """Index of the stage an exercise belongs to."""
    found = stages()
    for index, stage in enumerate(found):
        if exercise_id in stage.exercises:
            return index
    return next((i for i, s in enumerate(found) if part in s.parts), 0)


def route_band(current: int, box: Box) -> Shapes | None:
    """The stages in a row joined by arrows, the current one highlighted."""
    found = stages()
    arrow = 0.05
    width = (1 - arrow * (len(found) - 1)) / len(found)
    boxes = [_part(box, i * (width + arrow), 0, width, 1) for i in range(len(found))]
    texts = [lines(s.label, bold_first=True) for s in found]
    size = largest_common("roundRect", boxes, texts, (20, 18, 16, 14))
    if size is None:
        return None
    shapes = [Shape("roundRect", b, t, size, fill=ACCENT if i == current else LIGHT,
                    name="Huidige fase" if i == current else "Fase")
              for i, (b, t) in enumerate(zip(boxes, texts, strict=True))]
    y = box.top + box.height // 2
    shapes += [_line(a.left + a.width, y, b.left, y) for a, b in itertools.pairwise(boxes)]
    return tuple(shapes)


def route_overview(exercises: Sequence[tuple[int, str, int]], area: Box) -> Shapes | None:
    """The stages as columns with the day's exercises (number, title, stage) under each."""
    found = stages()
    arrow = 0.03
    width = (1 - arrow * (len(found) - 1)) / len(found)
    head = 0.13
    per_stage = [[(n, t) for n, t, s in exercises if s == i] for i in range(len(found))]
    count = max(1, *(len(p) for p in per_stage))
    space = 0.02
    item = (1 - head - space * count) / count
    heads, boxes, texts = [], [], []
    for index in range(len(found)):
        x = index * (width + arrow)
        heads.append(_part(area, x, 0, width, head))
        for row, (number, title) in enumerate(per_stage[index]):
            boxes.append(_part(area, x, head + space + row * (item + space), width, item))
            texts.append(lines(f"{number}. {title}"))
    y = area.top + round(area.height * head / 2)
    arrows = tuple(_line(a.left + a.width, y, b.left, y) for a, b in itertools.pairwise(heads))
    return _join(_same_size("roundRect", heads, [lines(s.label, bold_first=True) for s in found],
                            (24, 22, 20, 18, 16, 14), fill=ACCENT, name="Fase"),
                 arrows,
                 _same_size("roundRect", boxes, texts, (20, 18, 16, 14, 12), fill=LIGHT,
                            name="Oefening") if boxes else ())


# --- the visual agenda ---------------------------------------------------------------------------

@dataclass(frozen=True)
class AgendaItem:
    """One block of the agenda as the timeline shows it."""

    times: str       # "09:35–10:15"
    title: str
    minutes: int
    kind: str


def agenda(items: Sequence[AgendaItem], area: Box) -> Shapes | None:
    """A day part as a timeline: a bar whose blocks are as long as their minutes (breaks and
    lunch set apart), each labelled with its clock times and title on its right (on two lines
    if need be), joined to its block by a line when labels had to move apart."""
    total = sum(i.minutes for i in items)
    if not items or total <= 0:
        return None
    bar_w = round(area.width * 0.09)
    label_left = area.left + bar_w + round(area.width * 0.05)
    label_w = area.left + area.width - label_left
    for size in AGENDA_SIZES:
        gap = round(LABEL_GAP * size * EMU_PER_PT)
        heights = [_label_height(_agenda_line(i), label_w, size) for i in items]
        if all(heights) and sum(heights) + gap * (len(items) - 1) <= area.height:
            break
    else:
        return None
    # The bar: each block's height in proportion to its minutes.
    scale = area.height / total
    segments, top, elapsed = [], area.top, 0
    for item in items:
        elapsed += item.minutes
        bottom = area.top + round(scale * elapsed)
        segments.append(Box(area.left, top, bar_w, bottom - top))
        top = bottom
    # Labels centred on their block, then moved apart (down, then up from the bottom).
    tops: list[int] = []
    for segment, height in zip(segments, heights, strict=True):
        wanted = segment.top + segment.height // 2 - height // 2
        below = tops[-1] + heights[len(tops) - 1] + gap if tops else area.top
        tops.append(max(wanted, area.top, below))
    limit = area.top + area.height
    for index in range(len(tops) - 1, -1, -1):
        tops[index] = min(tops[index], limit - heights[index])
        limit = tops[index] - gap
    shapes: list[Shape] = []
    for item, segment in zip(items, segments, strict=True):
        pause = item.kind in BREAK_KINDS
        inside = fitted("rect", segment, lines(f"{item.minutes}′"), (size, 18, 16, 14))
        shapes.append(Shape("rect", segment, inside.paras if inside else (),
                            inside.size if inside else size,
                            fill=LIGHT if pause else ACCENT if item.kind == "exercise" else MUTED,
                            outline=MUTED if pause else PLAIN, dashed=pause,
                            name="Pauze" if pause else "Blok"))
    for item, segment, top, height in zip(items, segments, tops, heights, strict=True):
        shapes.append(Shape("text", Box(label_left, top, label_w, height),
                            (_agenda_line(item),), size, align="l",
                            name="Tijd en onderdeel"))
        shapes.append(_line(segment.left + segment.width, segment.top + segment.height // 2,
                            label_left, top + height // 2, arrow=False, name="Wijzer"))
    return tuple(shapes)


def _label_height(para: Inline, width: int, size: int) -> int:
    """The height of a text box that holds an agenda label in one line, else in two; 0 when
    it needs more."""
    for count in (1, 2):
        height = round((count * size * LINE + 2 * INSET_Y) * EMU_PER_PT) + 1
        box = Box(0, 0, width, height)
        if fits([para], box, size, "plain") and words_fit([para], box, size, WORD_SHARE):
            return height
    return 0


def _agenda_line(item: AgendaItem) -> Inline:
    pause = item.kind in BREAK_KINDS
    return (Span(item.times, bold=True), Span("   "), Span(item.title, italic=pause))



# --- an exercise's steps and a case's timeline ----------------------------------------------------

def steps(items: Sequence[tuple[str, int]], active: int, area: Box) -> Shapes | None:
    """An exercise's steps (label, minutes) as a column of boxes, the active one highlighted."""
    count = len(items)
    if not count:
        return None
    space = 0.03 if count < 8 else 0.015
    height = min(0.2, (1 - space * (count - 1)) / count)
    minutes_w = 0.18
    boxes, texts, clocks = [], [], []
    for index, (label, minutes) in enumerate(items):
        y = index * (height + space)
        boxes.append(_part(area, 0, y, 1 - minutes_w - 0.02, height))
        texts.append(lines(f"{index + 1}. {label}", bold_first=index == active))
        clocks.append((_part(area, 1 - minutes_w, y, minutes_w, height),
                       lines(f"{minutes} min", bold_first=index == active)))
    size = largest_common("roundRect", boxes + [c[0] for c in clocks],
                          texts + [c[1] for c in clocks], (24, 22, 20, 18, 16))
    if size is None:
        return None
    shapes = []
    for index, (box, text, (clock_box, clock)) in enumerate(zip(boxes, texts, clocks,
                                                                strict=True)):
        now = index == active
        name = "Huidige stap" if now else "Stap"
        shapes.append(Shape("roundRect", box, text, size, fill=ACCENT if now else LIGHT,
                            align="l", name=name))
        shapes.append(Shape("roundRect", clock_box, clock, size,
                            fill=ACCENT if now else LIGHT, name=f"{name}: minuten"))
    return tuple(shapes)


def timeline(spec: dict[str, Any], area: Box) -> Shapes | None:
    """A case as moments along a time arrow, boxes alternating above and below it; the moments
    where cooperation could have changed things are highlighted, with a legend."""
    moments = spec["moments"]
    count = len(moments)
    legend_h, axis_y = 0.12, 0.5
    width = 1 / ((count - 1) * 0.55 + 1)
    box_h = 0.28
    shapes: list[Shape] = []
    boxes, texts, fills = [], [], []
    for index, moment in enumerate(moments):
        x = index * width * 0.55
        above = index % 2 == 0
        y = axis_y - 0.06 - box_h if above else axis_y + 0.06
        boxes.append(_part(area, x, y * (1 - legend_h), width, box_h * (1 - legend_h)))
        texts.append(lines(moment["when"], moment["text"], bold_first=True))
        fills.append(ACCENT if moment.get("kans") else LIGHT)
    size = largest_common("roundRect", boxes, texts, (20, 18, 16, 14))
    if size is None:
        return None
    axis = area.top + round(area.height * axis_y * (1 - legend_h))
    shapes.append(_line(area.left, axis, area.left + area.width, axis, outline=ACCENT,
                        name="Tijdlijn"))
    for box, text, fill in zip(boxes, texts, fills, strict=True):
        x = box.left + box.width // 2
        edge = box.top + box.height if box.top < axis else box.top
        shapes.append(_line(x, edge, x, axis, arrow=False, name="Moment"))
        shapes.append(Shape("roundRect", box, text, size, fill=fill,
                            name="Kans" if fill == ACCENT else "Moment"))
    legend_box = _part(area, 0, 1 - legend_h, 0.04, legend_h * 0.6)
    shapes.append(Shape("roundRect", legend_box, (), size, fill=ACCENT, name="Legenda"))
    note = fitted("text", _part(area, 0.05, 1 - legend_h, 0.95, legend_h),
                  lines(spec["legend"]), (size, 18, 16, 14), align="l", anchor="t",
                  name="Legenda")
    return _join(tuple(shapes), note)


def exercise_timeline(exercise_id: str, area: Box) -> tuple[str, Shapes] | None:
    """The title and shapes of an exercise's case timeline, if it has one that fits."""
    spec = data().get("timelines", {}).get(exercise_id)
    if spec is None:
        return None
    shapes = timeline(spec, area)
    return (spec["title"], shapes) if shapes else None


__all__ = [
    "NONE",
    "AgendaItem",
    "agenda",
    "background",
    "exercise_timeline",
    "route_band",
    "route_overview",
    "stage_of",
    "stages",
    "steps",
]
