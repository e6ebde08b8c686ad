"""Plain-text columns for the terminal, without rich.

The commands people run most (``build``, ``list-exercises``) print small tables; rich costs
~20 ms of import for them, and wraps long paths onto a second line where they cannot be copied.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

GAP = "  "


def columns(rows: Sequence[Sequence[str]], align: str, *, wrap: int | None = None,
            width: int = 0, min_wrapped: int = 16) -> list[str]:
    """Rows as aligned lines: ``align`` has one ``l`` or ``r`` per column. Column ``wrap`` (an
    index) is wrapped so that the lines stay within ``width``, but never below ``min_wrapped``
    characters; its continuation lines leave the other columns empty."""
    widths = [max(len(row[index]) for row in rows) for index in range(len(align))]
    if wrap is not None and width:
        others = sum(w for index, w in enumerate(widths) if index != wrap)
        widths[wrap] = min(widths[wrap],
                           max(min_wrapped, width - others - len(GAP) * (len(align) - 1)))
    lines = []
    for row in rows:
        parts = [""] if wrap is None else (textwrap.wrap(row[wrap], widths[wrap]) or [""])
        for number, part in enumerate(parts):
            cells = list(row) if number == 0 else [""] * len(row)
            if wrap is not None:
                cells[wrap] = part
            lines.append(GAP.join(cell.rjust(w) if side == "r" else cell.ljust(w)
                                  for cell, w, side in zip(cells, widths, align, strict=True))
                         .rstrip())
    return lines
