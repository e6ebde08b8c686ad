"""render/reportlab_adapter.py: each use of reportlab internals, tested on its own.

An upgrade of reportlab that moves one of them fails here, by name, before any PDF test.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Table

from opvoedkit.render import reportlab_adapter as adapter


class _Probe(Flowable):  # type: ignore[misc]
    """A flowable that notes, when drawn, whether its frame was empty before it."""

    def __init__(self, seen: list[bool]) -> None:
        super().__init__()
        self.seen = seen

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.seen.append(adapter.at_top_of_frame(self))
        return 10, 10

    def draw(self) -> None:
        pass


def test_at_top_of_frame(tmp_path: Path) -> None:
    seen: list[bool] = []
    SimpleDocTemplate(str(tmp_path / "a.pdf")).build([_Probe(seen), _Probe(seen)])
    assert seen[0] is True and seen[-1] is False
    assert adapter.at_top_of_frame(_Probe([])) is False  # outside any frame


def test_table_rows_and_heights() -> None:
    table = Table([["a"], ["b"], ["c"]], rowHeights=[10, 20, 30])
    table.wrap(100, 1000)
    assert adapter.table_row_count(table) == 3
    assert adapter.table_row_heights(table) == [10, 20, 30]
    first, rest = table.split(100, 35)
    assert (adapter.table_row_count(first), adapter.table_row_count(rest)) == (2, 1)


def test_what_a_keep_together_holds() -> None:
    style = getSampleStyleSheet()["Normal"]
    parts: list[Any] = [Paragraph("een", style), Paragraph("twee", style)]
    keep = KeepTogether(parts)
    assert adapter.last_wrap(keep) is None
    keep.wrapOn(Canvas(io.BytesIO()), 200, 500)
    assert adapter.last_wrap(keep) == (200, 500)
    assert [p.text for p in adapter.kept_flowables(keep)] == ["een", "twee"]
    assert adapter.kept_height(keep) >= 2 * style.leading
