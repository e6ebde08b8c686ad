"""Extras for the meeting itself: the attendance list and the evaluation form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from ..dutch import long_date, short_date
from ..pack import Pack
from . import Rendered
from .pdf import (
    FONT,
    MARGIN,
    SHADE,
    TEXT,
    WIDTH,
    Anchor,
    Box,
    PackDocument,
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
COLUMNS = (("Nr.", 9), ("Naam", 44), ("Organisatie", 40), ("Formeel", 19), ("Informeel", 19),
           ("Gemeente", 19), ("E-mail (optioneel)", 48), ("Foto akkoord", 25),
           ("Handtekening", 34))
FACES = (("goed", 1), ("gaat wel", 0), ("niet goed", -1))


def attendance_rows(pack: Pack) -> int:
    """Rows per day: one per expected participant plus 20% spare, at least four spare."""
    return pack.participants + spare(pack.participants, percent=20, least=4)


def render_attendance(pack: Pack, path: str | Path) -> Rendered:
    """Write the attendance list (presentielijst), one section per meeting day."""
    doc = PackDocument(path, pack, kind="Presentielijst", wide=True, first="both",
                       subject=f"Presentielijst van de bijeenkomst in {pack.municipality}")
    story: list[Flowable] = []
    for index, (day, date) in enumerate(day_dates(pack)):
        if index:
            story.append(PageBreak())
        story += _attendance_day(pack, day, date)
    return Rendered("attendance", Path(path), doc.render(story))


def _attendance_day(pack: Pack, day: int, date: dt.date | None) -> list[Flowable]:
    s = styles()
    where = [f"Gemeente {pack.municipality}", long_date(date) if date else "datum: ____________",
             pack.venue]
    header: list[object] = [Paragraph(escape(name), s["cellcenter"]) for name, _ in COLUMNS]
    rows: list[list[object]] = [header]
    for number in range(1, attendance_rows(pack) + 1):
        rows.append([Paragraph(str(number), s["cell"]), "", "", Box(), Box(), Box(), "",
                     Box("ja", "nee"), ""])
    grid = table(rows, [w * mm for _, w in COLUMNS], padding=3,
                 heights=[None] + [10 * mm] * (len(rows) - 1),
                 extra=[("ALIGN", (3, 1), (5, -1), "CENTER"), ("VALIGN", (0, 1), (-1, -1),
                                                                  "MIDDLE")])
    title = "Presentielijst" + (f" (dag {day})" if len(day_dates(pack)) > 1 else "")
    return [heading(title, "h1", Anchor(f"dag-{day}", title)),
            Paragraph(f"<b>{escape(pack.title)}</b> · "
                      + " · ".join(escape(w) for w in where if w), s["body"]),
            _privacy(pack, date),
            Paragraph("Kruis aan wat bij je past: <b>formeel</b> (je werkt als professional), "
                      "<b>informeel</b> (vrijwilliger, sleutelfiguur, zelforganisatie) of "
                      "<b>gemeente</b>.", s["small"]), grid]


def _privacy(pack: Pack, date: dt.date | None) -> Flowable:
    """The AVG statement: why, by whom, how long; photo consent asked separately."""
    s = styles()
    town = escape(pack.municipality)
    until = f"tot en met {short_date(_year_later(date))}" if date else \
        "tot een jaar na de bijeenkomst"
    contact = escape(pack.contact.name) if pack.contact else f"de gemeente {town}"
    text = (
        f"<b>Waarom deze lijst?</b> De gemeente {town} wil weten wie er bij deze bijeenkomst "
        "was, en het verslag en de afspraken naar je kunnen sturen. Je e-mailadres invullen is "
        f"niet verplicht. <b>Wie gebruikt je gegevens?</b> Alleen de gemeente {town} en de "
        "begeleiders van deze bijeenkomst; we geven ze aan niemand anders. <b>Hoe lang?</b> We "
        f"bewaren de lijst {until} en vernietigen hem daarna. <b>Foto's:</b> daarvoor vragen "
        "we apart toestemming. Kruis bij ‘Foto akkoord’ ja of nee aan; zonder ja gebruiken we "
        f"geen foto waar jij op staat. <b>Vragen, of je gegevens laten verwijderen?</b> Neem "
        f"contact op met {contact}.")
    return table([[Paragraph(text, s["small"])]], [WIDE], header=False, grid=False,
                 extra=[("BACKGROUND", (0, 0), (-1, -1), SHADE)])


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
    town = None if pack.municipality in pack.title else pack.municipality
    when = " · ".join(escape(x) for x in (pack.title, town, pack.date_text) if x)
    story: list[Flowable] = [
        heading("Wat vond je van de bijeenkomst?", "h1", Anchor("formulier", "Formulier")),
        Paragraph(when, s["kicker"]),
        Paragraph("Dit formulier invullen kost één minuut. Je naam hoeft er niet op.",
                  s["plain"]),
        Paragraph("Welk cijfer geef je deze bijeenkomst?", s["question"]),
        Paragraph("Zet een kruisje: 1 is heel slecht, 10 is heel goed.", s["plain"]),
        _Marks(),
    ]
    for question in ("Wat heb je geleerd?", "Wat ga je doen?",
                     "Opmerkingen over de begeleiding"):
        story += [Paragraph(question, s["question"]), Ruled(4, gap=10 * mm)]
    story += [Spacer(1, 4 * mm), Paragraph("Dank je wel! Stop het formulier in de doos of geef het "
                                           "aan de begeleider.", s["plain"]),
              PageBreak(),
              heading("Hoe vond je het?", "h1", Anchor("gezichtjes", "Met gezichtjes")),
              Paragraph(when, s["kicker"]),
              Paragraph("Zet een rondje om het gezichtje dat past.", s["plain"])]
    for question in ("Hoe vond je de bijeenkomst?", "Heb je iets nieuws geleerd?",
                     "Ga je er iets mee doen?", "Hoe vond je de begeleider?"):
        story += [Paragraph(question, s["question"]), _Faces()]
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
    """Three drawn faces (happy, neutral, sad) with a word under each, to circle one."""

    RADIUS, STEP = 11 * mm, 55 * mm

    def __init__(self) -> None:
        super().__init__(2 * self.RADIUS + 12 * mm)

    def draw(self) -> None:
        canvas, radius = self.canv, self.RADIUS
        canvas.setStrokeColor(TEXT)
        canvas.setFillColor(TEXT)
        canvas.setLineWidth(1.6)
        canvas.setFont(FONT, 12)
        for index, (word, mood) in enumerate(FACES):
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
