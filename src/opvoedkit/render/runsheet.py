"""The run sheet for the wall: draaiboek.pdf, A4 landscape, one table for the whole programme.

Block by block, with a heading row for each daypart: the clock times, the block, who leads and
who supports, the work form and groups, how the room is set up for it, and the materials at
hand. Breaks and lunch are shaded; the header row repeats on every page.
"""

from __future__ import annotations

from functools import cache
from itertools import accumulate, pairwise
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from ..pack import ExerciseContent, Pack
from ..planner import FREE_TIME, IN_HANDOUT, Block, Daypart, clock
from ..vocab import GROUP_FORM_LABELS
from . import Rendered
from . import wording as w
from .pdf import (
    ACCENT,
    BOTTOM,
    MARGIN,
    TOP,
    Anchor,
    CellParagraphs,
    PackDocument,
    Paragraph,
    escape,
    heading,
    styles,
    table,
)

KIND = "Draaiboek"
WIDE = 297 * mm - 2 * MARGIN  # body width of a landscape page
PAUSE = colors.HexColor("#f3ead7")  # breaks and lunch: a warm light fill, plain on grey print
# How the room is set up for each work form; drietallen and subgroepen need their table count.
SETUP = {
    "plenair": "stoelen in een kring of in rijen naar het scherm",
    "tweetallen": "stoelen in paren, verspreid door de zaal",
    "individueel": "ieder aan een tafel",
}
SETUP_BY_KIND = {
    "welcome": "stoelen in rijen naar het scherm",
    "background": "stoelen in rijen naar het scherm",
    "closing": "stoelen in een kring of in rijen naar het scherm",
    "break": "koffie, thee en water klaar",
    "lunch": "lunch, koffie, thee en water klaar; tafels vrij om te eten",
}
# Columns: header, share of the width left after the time column.
COLUMNS = (("blok", 0.22), ("leiding", 0.12), ("ondersteuning", 0.12), ("werkvorm", 0.17),
           ("opstelling", 0.17), ("materialen", 0.20))
TIME_WIDTH = 22 * mm
SIZES = (8.5, 8, 7.5)  # cell text; smaller only when that keeps a day on one page


def render(pack: Pack, path: Path) -> Rendered:
    """Write draaiboek.pdf: the whole programme block by block, for the wall."""
    doc = PackDocument(path, pack, kind=KIND, wide=True, first="both",
                       subject=f"Draaiboek van de bijeenkomst in {pack.municipality}: wie, wat, "
                               "waar, per blok")
    return Rendered("run-sheet", Path(path), doc.render(_story(pack)))


def columns(pack: Pack) -> list[str]:
    """The columns this run sheet has: no lead column without facilitators, no support
    column when nobody supports (a single facilitator leads everything)."""
    blocks = pack.program.blocks()
    shown = ["tijd"]
    for name, _ in COLUMNS:
        if name == "leiding" and not any(b.lead for b in blocks):
            continue
        if name == "ondersteuning" and not any(b.support for b in blocks):
            continue
        shown.append(name)
    return shown


@cache
def _styles(size: float = 8.5) -> dict[str, ParagraphStyle]:
    """Cells a little smaller than the handbook's, so that a day fits on few pages."""
    leading = size * 1.27
    return {"cell": ParagraphStyle(f"runcell-{size}", parent=styles()["cell"], fontSize=size,
                                   leading=leading),
            "head": ParagraphStyle(f"runhead-{size}", parent=styles()["cellbold"],
                                   fontSize=size, leading=leading),
            "day": ParagraphStyle(f"runday-{size}", parent=styles()["cellbold"],
                                  fontSize=size + 1, leading=leading + 1.5,
                                  textColor=colors.white)}


def _story(pack: Pack) -> list[Flowable]:
    """The heading, then one table per daypart: the column names and the daypart's heading
    repeat on every page, a daypart never starts with fewer than two blocks at a page's foot,
    and each meeting day after the first starts on a new page (a sheet per day on the wall).
    A day that would just run onto a second page is set a little smaller, to stay on one."""
    cells = CellParagraphs()  # a lead's name, "plenair", an empty cell: made once each
    story: list[Flowable] = [heading(f"{KIND}: {pack.title}", "h2", Anchor("draaiboek", KIND)),
                             Paragraph(_facts(pack), styles()["small"])]
    days: dict[int, list[Daypart]] = {}
    for daypart in pack.program.dayparts:
        days.setdefault(daypart.day, []).append(daypart)
    room = A4[0] - TOP - BOTTOM  # the body height of a landscape page
    for index, dayparts in enumerate(days.values()):
        if index:
            story.append(PageBreak())
        above = sum(f.wrap(WIDE, room)[1] + f.getSpaceAfter() for f in story) if not index \
            else 0.0
        story += _fitted_tables(pack, dayparts, room - above, cells)
    return story + _seating(pack)


def _seating(pack: Pack) -> list[Flowable]:
    """Who sits at which table, per exercise, on a page of its own to lay by the door (only
    when the session gives the numbers per audience)."""
    grouped = [ex for ex in pack.exercises if ex.tables]
    if not grouped:
        return []
    s = styles()
    out: list[Flowable] = [PageBreak(), heading("Tafelindeling", "h2",
                                                Anchor("tafelindeling", "Tafelindeling")),
                           Paragraph(escape("Per oefening: hoeveel mensen van elke kant aan "
                                            "elke tafel zitten. Zet de tafelnummers op de "
                                            "tafels."), s["small"])]
    rows: list[list[object]] = [[Paragraph(escape(h), s["cellbold"])
                                 for h in ("Tijd", "Oefening", "Tafels")]]
    for ex in grouped:
        lines = w.seating(ex)
        rows.append([Paragraph(escape(f"{ex.start}–{ex.end}"), s["cell"]),
                     Paragraph(escape(w.exercise_title(ex)), s["cellbold"]),
                     Paragraph("<br/>".join(escape(line) for line in lines), s["cell"])])
    out.append(table(rows, [TIME_WIDTH, 0.3 * (WIDE - TIME_WIDTH), 0.7 * (WIDE - TIME_WIDTH)]))
    return out


def _fitted_tables(pack: Pack, dayparts: list[Daypart], room: float,
                   cells: CellParagraphs) -> list[Flowable]:
    """A day's tables at the largest of :data:`SIZES` that keeps them within ``room``, or at
    the largest size when not even the smallest does (the day then takes more pages)."""
    def measured(size: float) -> tuple[list[Flowable], float]:
        tables = [_table(pack, daypart, size, cells) for daypart in dayparts]
        height = sum(t.wrap(WIDE, room)[1] + t.getSpaceAfter() for t in tables)
        return tables, height - tables[-1].getSpaceAfter()  # no space after the last

    largest, height = measured(SIZES[0])
    # Text takes height about as the square of its size: a day far too tall at the largest
    # size will not fit at the smallest either, and is not set again to find out.
    if height <= room or height > room * (SIZES[0] / SIZES[-1]) ** 2 * 1.15:
        return largest
    for size in SIZES[1:]:
        tables, height = measured(size)
        if height <= room:
            return tables
    return largest


def _table(pack: Pack, daypart: Daypart, size: float, made: CellParagraphs) -> Flowable:
    """One daypart's table, the column names and the daypart's heading as header rows."""
    s = _styles(size)
    shown = columns(pack)
    shares = dict(COLUMNS)
    total = sum(shares[c] for c in shown[1:])
    widths = _as_drawn([TIME_WIDTH] + [(WIDE - TIME_WIDTH) * shares[c] / total
                                       for c in shown[1:]])
    exercises = {ex.id: ex for ex in pack.exercises}
    rows: list[list[object]] = [
        [made(escape(c.capitalize()), s["head"]) for c in shown],
        [Paragraph(escape(w.daypart_text(daypart)), s["day"])] + [""] * (len(shown) - 1)]
    extra: list[tuple[object, ...]] = [("SPAN", (0, 1), (-1, 1)),
                                       ("BACKGROUND", (0, 1), (-1, 1), ACCENT)]
    for block in daypart.blocks:
        if block.kind in ("break", "lunch"):
            extra.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), PAUSE))
        cells = _cells(pack, block, exercises.get(block.exercise_id or ""), size, made)
        rows.append([cells[c] for c in shown])
    grid = table(rows, widths, padding=3, extra=extra, space_after=4 * mm)
    grid.repeatRows = 2  # the daypart's heading row repeats with the column names
    return grid


def _as_drawn(widths: list[float]) -> list[float]:
    """Column widths as reportlab draws the cells of a table with a SPAN: as differences of
    the column positions (running sums of the widths), which can be a rounding off the widths
    themselves. Given these, a cell's paragraphs are measured at the width they are drawn at,
    and broken into lines once (pdf.Paragraph) instead of again for drawing. The positions,
    and so every line of the grid, stay the same."""
    positions = list(accumulate(widths, initial=0.0))
    return [right - left for left, right in pairwise(positions)]


def _facts(pack: Pack) -> str:
    """Where and when, how many, and who facilitates, on one line (escaped markup)."""
    town = None if pack.title_names_municipality else pack.municipality
    parts = [town, pack.date_text, pack.venue,
             f"{pack.participants} deelnemers" + (" (schatting)"
                                                   if pack.participants_estimated else "")]
    text = " · ".join(escape(p) for p in parts if p)
    if pack.facilitators:  # each person on their own: an Arabic name reads right to left
        text += " · begeleiding: " + "; ".join(escape(w.person_text(p))
                                               for p in pack.facilitators)
    return text


def _cells(pack: Pack, block: Block, ex: ExerciseContent | None, size: float,
           made: CellParagraphs) -> dict[str, object]:
    """One row's cells by column name."""
    pause = block.kind in ("break", "lunch")
    cell = _styles(size)["cell"]
    title = f"{ex.number}. {block.title}" if ex else block.title
    when = (f"<b>{clock(block.start)}–{clock(block.end)}</b><br/>"
            f"<font size={size - 1} color='#5a5a5a'>{block.minutes} min</font>")
    return {
        "tijd": made(when, cell),
        "blok": made(f"<i>{escape(title)}</i>" if pause else
                     f"<b>{escape(title)}</b>" if ex else escape(title), cell),
        "leiding": made(escape(block.lead or ""), cell),
        "ondersteuning": made(escape(block.support or ""), cell),
        "werkvorm": made(escape(work_form(block)), cell),
        "opstelling": made(escape(setup(block)), cell),
        "materialen": made(escape(materials(pack, block, ex)), cell),
    }


def work_form(block: Block) -> str:
    """``in tweetallen · 14 tweetallen van 2 · nieuwe groepen``; plenary for the blocks
    everybody follows together, nothing for a break."""
    if block.kind in ("break", "lunch"):
        return ""
    form = block.group_form or "plenair"
    label = GROUP_FORM_LABELS.get(form, form)
    groups = block.groups.description if block.groups else ""
    groups = groups.removeprefix("plenair, ")  # "plenair · 30 deelnemers", not twice
    parts = [label, groups]
    if block.regrouping:  # "Nieuwe groepen: verdeel opnieuw, …" → "nieuwe groepen"
        parts.append(block.regrouping.split(":", 1)[0].lower())
    return " · ".join(p for p in parts if p)


def setup(block: Block) -> str:
    """How the room is set up for this block."""
    if block.kind != "exercise":
        if block.kind == "break" and block.title == FREE_TIME:
            return "zoals het vorige blok; koffie, thee en water klaar"
        return SETUP_BY_KIND.get(block.kind, "")
    form = block.group_form or "plenair"
    if form in SETUP:
        return SETUP[form]
    count = block.groups.count if block.groups else 1
    return f"tafels voor {count} groepen" if count > 1 else "één tafel voor de hele groep"


def materials(pack: Pack, block: Block, ex: ExerciseContent | None) -> str:
    """What the block needs at hand, short: an exercise's materials with their counts, the
    lists and name tents at the start of a day, the evaluation forms at the very end."""
    if ex is not None:  # the worksheets come with the hand-out, handed out at the start
        return ", ".join(f"{m.quantity} × {m.item}" for m in ex.materials
                         if m.item not in IN_HANDOUT)
    if block.kind == "welcome" and _opens_day(pack, block):
        return "presentielijst, naambordjes, pennen, hand-outs"
    if block.kind == "closing" and block is pack.program.blocks()[-1]:
        return "evaluatieformulieren, een doos om ze in te doen"
    return ""


def _opens_day(pack: Pack, block: Block) -> bool:
    """Whether ``block`` is the first of its meeting day."""
    firsts: dict[int, Block | None] = {}
    for daypart in pack.program.dayparts:
        firsts.setdefault(daypart.day, daypart.blocks[0] if daypart.blocks else None)
    return any(block is first for first in firsts.values())
