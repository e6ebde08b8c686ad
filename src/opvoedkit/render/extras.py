"""Extras for the meeting itself: the attendance list and the evaluation form.

Both speak of this room: the attendance list has a column for each side that attends (none when
only one side does), and the evaluation form names one facilitator or several.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from ..dutch import long_date, short_date
from ..pack import Pack
from . import Rendered
from .pdf import (
    FONT,
    MARGIN,
    RULE,
    SHADE,
    TEXT,
    WIDTH,
    Anchor,
    Box,
    PackDocument,
    Paragraph,
    Ruled,
    day_dates,
    escape,
    heading,
    spare,
    styles,
    table,
)

# Landscape A4 body width; the columns below add up to it.
WIDE = 297 * mm - 2 * MARGIN
NUMBER_WIDTH, SIDE_WIDTH = 9 * mm, 22 * mm
# The sides of the meeting, in the order of the columns: column name, who ticks it.
SIDES = (("professionals", "Formeel", "je werkt als professional, bijvoorbeeld bij het "
                                      "wijkteam, het CJG of de jeugdgezondheidszorg"),
         ("informal", "Informeel", "je bent vrijwilliger of sleutelfiguur, of je bent actief in "
                                   "een zelforganisatie"),
         ("policy", "Gemeente", "je werkt bij de gemeente"))
SLIP_COLUMNS = 4
# Each smiley question with the three answers that fit it (happy, neutral, sad face).
SMILEY_QUESTIONS = (
    ("Hoe vond je de bijeenkomst?", ("goed", "gaat wel", "niet goed")),
    ("Heb je iets nieuws geleerd?", ("ja", "een beetje", "nee")),
    ("Ga je er iets mee doen?", ("ja", "misschien", "nee")),
    ("Werd er naar jou geluisterd, net zo goed als naar de anderen?",
     ("ja", "een beetje", "nee")),
)
MOODS = (1, 0, -1)


def attendance_rows(pack: Pack) -> int:
    """Rows per day: one per expected participant plus 20% spare, at least four spare."""
    return pack.participants + spare(pack.participants, percent=20, least=4)


def sides(pack: Pack) -> list[tuple[str, str]]:
    """(column name, who ticks it) for every side that attends; none when only one side does:
    a column that everyone ticks tells nothing."""
    present = [(name, who) for key, name, who in SIDES if key in pack.audience]
    return present if len(present) > 1 else []


def facilitator_word(pack: Pack) -> str:
    """"begeleider", or "begeleiders" when the session has more than one."""
    return "begeleiders" if len(pack.facilitators) > 1 else "begeleider"


def _where(pack: Pack, date: dt.date | None) -> str:
    """Title, municipality (unless the title names it), date and venue on one line."""
    town = None if pack.title_names_municipality else f"Gemeente {pack.municipality}"
    where = [town, long_date(date) if date else "datum: ____________", pack.venue]
    return f"<b>{escape(pack.title)}</b> · " + " · ".join(escape(w) for w in where if w)


def render_attendance(pack: Pack, path: str | Path) -> Rendered:
    """Write the attendance list (presentielijst), one section per meeting day, then the
    slips on which each participant writes an e-mail address and a photo choice apart."""
    doc = PackDocument(path, pack, kind="Presentielijst", wide=True, first="both",
                       subject=f"Presentielijst van de bijeenkomst in {pack.municipality}")
    story: list[Flowable] = []
    for index, (day, date) in enumerate(day_dates(pack)):
        if index:
            story.append(PageBreak())
        story += _attendance_day(pack, day, date)
    story += [PageBreak(), *_slips(pack)]
    return Rendered("attendance", Path(path), doc.render(story))


def _attendance_day(pack: Pack, day: int, date: dt.date | None) -> list[Flowable]:
    s = styles()
    present = sides(pack)
    rest = WIDE - NUMBER_WIDTH - SIDE_WIDTH * len(present)
    columns = [("Nr.", NUMBER_WIDTH), ("Naam", rest * 0.38), ("Organisatie", rest * 0.34),
               *((name, SIDE_WIDTH) for name, _ in present), ("Handtekening", rest * 0.28)]
    header: list[object] = [Paragraph(escape(name), s["cellcenter"]) for name, _ in columns]
    rows: list[list[object]] = [header]
    for number in range(1, attendance_rows(pack) + 1):
        rows.append([Paragraph(str(number), s["cell"]), "", "", *(Box() for _ in present), ""])
    extra: list[tuple[object, ...]] = [("VALIGN", (0, 1), (-1, -1), "MIDDLE")]
    if present:
        extra.append(("ALIGN", (3, 1), (2 + len(present), -1), "CENTER"))
    grid = table(rows, [w for _, w in columns], padding=3,
                 heights=[None] + [10 * mm] * (len(rows) - 1), extra=extra)
    title = "Presentielijst" + (f" (dag {day})" if len(day_dates(pack)) > 1 else "")
    out: list[Flowable] = [heading(title, "h1", Anchor(f"dag-{day}", title)),
                           Paragraph(_where(pack, date), s["body"]), _privacy(pack, date)]
    if present:
        choices = [f"<b>{name.lower()}</b> ({who})" for name, who in present]
        out.append(Paragraph("Kruis aan wat bij je past: " + ", ".join(choices[:-1])
                             + f" of {choices[-1]}.", s["small"]))
    return [*out, grid]


def _privacy(pack: Pack, date: dt.date | None) -> Flowable:
    """The AVG statement: why, by whom, how long; e-mail and photo consent asked apart, on a
    slip that nobody else reads."""
    s = styles()
    town = escape(pack.municipality)
    until = f"tot en met {short_date(_year_later(date))}" if date else \
        "tot een jaar na de bijeenkomst"
    contact = escape(pack.contact.name) if pack.contact else f"de gemeente {town}"
    text = (
        f"<b>Waarom deze lijst?</b> De gemeente {town} wil weten wie er bij deze bijeenkomst "
        "was. Zo houden we ons ook aan de privacywet (AVG): we vragen alleen wat nodig is. "
        f"<b>Wie gebruikt je gegevens?</b> Alleen de gemeente {town} en de "
        f"{facilitator_word(pack)} van deze bijeenkomst. We geven ze aan niemand anders. "
        f"<b>Hoe lang?</b> We bewaren de lijst {until}, net als de strookjes, en "
        "vernietigen ze daarna. "
        "<b>E-mail en foto's:</b> je e-mailadres en je keuze over foto's schrijf je niet op "
        "deze lijst, want die hoeft niemand anders te lezen. Daarvoor krijg je een los "
        "strookje. Daarop vragen we apart toestemming voor foto's. Zonder ja gebruiken we geen "
        "foto waar jij op staat. Je e-mailadres is niet verplicht: schrijf het op als je het "
        "verslag en de afspraken wilt krijgen. "
        f"<b>Vragen, of je gegevens laten verwijderen?</b> Neem contact op met {contact}.")
    return table([[Paragraph(text, s["small"])]], [WIDE], header=False, grid=False,
                 extra=[("BACKGROUND", (0, 0), (-1, -1), SHADE)])


def _slips(pack: Pack) -> list[Flowable]:
    """Slips to cut apart, at least one per row of the list (whole rows of them): name,
    optional e-mail, photo consent."""
    s = styles()
    count = attendance_rows(pack)
    width = WIDE / SLIP_COLUMNS
    word = facilitator_word(pack)

    # One slip's flowables in every cell: a table wraps and draws a cell's flowables one
    # cell after the other, and all cells are as wide, so they need not be made (and their
    # markup parsed) 32 times.
    slip: list[Flowable] = [
        Paragraph("<b>Naam</b>", s["cell"]), Ruled(1, gap=5.5 * mm),
        Paragraph("<b>E-mail (optioneel)</b>, voor het verslag", s["cell"]),
        Ruled(1, gap=5.5 * mm), Spacer(1, 1.5 * mm),
        Paragraph("<b>Foto akkoord?</b> Mogen we foto's gebruiken waar jij op staat?",
                  s["cell"]), Spacer(1, 1.5 * mm), Box("ja", "nee"),
        Spacer(1, 1.5 * mm),
        Paragraph(f"Vouw dubbel, geef aan de {word}.", s["small"]),
    ]
    rows = [[list(slip) for _ in range(SLIP_COLUMNS)]
            for _ in range(-(-count // SLIP_COLUMNS))]
    grid = table(rows, [width] * SLIP_COLUMNS, header=False, grid=False, padding=2.5 * mm,
                 extra=[("GRID", (0, 0), (-1, -1), 0.6, RULE, None, (3, 2)),
                        ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return [heading("Strookjes: e-mail en foto's", "h1", Anchor("strookjes", "Strookjes")),
            Paragraph(f"Voor de {word}: knip de strookjes los en geef "
                      "iedereen er één bij de presentielijst. Bewaar de ingevulde strookjes "
                      "apart van de lijst, op een plek waar anderen ze niet lezen.", s["small"]),
            grid]


def _year_later(date: dt.date) -> dt.date:
    try:
        return date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year + 1, day=28)


def render_evaluation(pack: Pack, path: str | Path) -> Rendered:
    """Write the evaluation form: a one-page form, then a smiley version for low literacy."""
    s = styles()
    doc = PackDocument(path, pack, kind="Evaluatieformulier", first="both",
                       subject=f"Evaluatie van de bijeenkomst in {pack.municipality}")
    town = None if pack.title_names_municipality else pack.municipality
    when = " · ".join(escape(x) for x in (pack.title, town, pack.date_text) if x)
    word = facilitator_word(pack)
    story: list[Flowable] = [
        heading("Wat vond je van de bijeenkomst?", "h1", Anchor("formulier", "Formulier")),
        Paragraph(when, s["kicker"]),
        Paragraph("Het invullen gaat snel. Je naam hoeft er niet op.", s["plain"]),
        Paragraph("Welk cijfer geef je deze bijeenkomst?", s["question"]),
        Paragraph("Zet een kruisje: 1 is heel slecht, 10 is heel goed.", s["plain"]),
        _Marks(),
    ]
    for question in ("Wat heb je geleerd?", "Wat ga je doen?"):
        story += [Paragraph(question, s["question"]), Ruled(3, gap=9 * mm)]
    story += [Paragraph("Werd er naar jou geluisterd, net zo goed als naar de anderen?",
                        s["question"]),
              Box("ja", "een beetje", "nee", size=5 * mm, font_size=12),
              Spacer(1, 2 * mm),
              Paragraph("Wil je vertellen waarom?", s["plain"]), Ruled(2, gap=9 * mm),
              Paragraph("Opmerkingen over de begeleiding", s["question"]),
              Ruled(3, gap=9 * mm)]
    story += [Spacer(1, 2 * mm), Paragraph("Dank je wel! Stop het formulier in de doos of geef het "
                                           f"aan de {word}.", s["plain"]),
              PageBreak(),
              heading("Hoe vond je het?", "h1", Anchor("gezichtjes", "Met gezichtjes")),
              Paragraph(when, s["kicker"]),
              Paragraph("Zet een rondje om het gezichtje dat past.", s["plain"])]
    for question, answers in (*SMILEY_QUESTIONS,
                              (f"Hoe vond je de {word}?", ("goed", "gaat wel", "niet goed"))):
        story += [Paragraph(question, s["question"]), _Faces(answers)]
    return Rendered("evaluation", Path(path), doc.render(story))


class _Canvasing(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A fixed-size drawing made with canvas calls: reportlab.graphics costs ~50 ms to import."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.width, self.height = WIDTH, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height


class _Marks(_Canvasing):
    """Ten numbered boxes for a mark from 1 to 10."""

    SIZE, GAP = 11 * mm, 4 * mm

    def __init__(self) -> None:
        super().__init__(self.SIZE + 7 * mm)

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(TEXT)
        canvas.setFillColor(TEXT)
        canvas.setLineWidth(1)
        canvas.setFont(FONT, 11)
        for number in range(1, 11):
            x = (number - 1) * (self.SIZE + self.GAP)
            canvas.rect(x, 0, self.SIZE, self.SIZE, stroke=1, fill=0)
            canvas.drawCentredString(x + self.SIZE / 2, self.SIZE + 2 * mm, str(number))


class _Faces(_Canvasing):
    """Three drawn faces (happy, neutral, sad), each with the answer it stands for under it,
    to circle one."""

    RADIUS, STEP = 10 * mm, 55 * mm

    def __init__(self, answers: tuple[str, str, str]) -> None:
        super().__init__(2 * self.RADIUS + 11 * mm)
        self.answers = answers

    def draw(self) -> None:
        canvas, radius = self.canv, self.RADIUS
        canvas.setStrokeColor(TEXT)
        canvas.setFillColor(TEXT)
        canvas.setLineWidth(1.6)
        canvas.setFont(FONT, 12)
        for index, (word, mood) in enumerate(zip(self.answers, MOODS, strict=True)):
            cx, cy = 16 * mm + index * self.STEP, 9 * mm + radius
            canvas.circle(cx, cy, radius, stroke=1, fill=0)
            for side in (-1, 1):
                canvas.circle(cx + side * radius * 0.35, cy + radius * 0.3, radius * 0.1,
                              stroke=0, fill=1)
            # The mouth is a parabola: corners up for a smile, down for a frown, flat between.
            mouth = canvas.beginPath()
            for k in range(13):
                t = -1 + k / 6
                x = cx + t * radius * 0.5
                y = cy - radius * 0.38 - mood * radius * 0.22 * (1 - t * t)
                mouth.lineTo(x, y) if k else mouth.moveTo(x, y)
            canvas.drawPath(mouth, stroke=1, fill=0)
            canvas.drawCentredString(cx, 1 * mm, word)
