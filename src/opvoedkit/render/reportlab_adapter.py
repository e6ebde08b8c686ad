"""Every use of reportlab internals, one named function each.

reportlab has no public accessors for what a table or KeepTogether learnt while laying itself
out, or whether a frame is still empty; our page-break rules (pdf.Grid, pdf.KeepWithNext) need
them. Each function below says which private attribute it reads; tests/test_reportlab_adapter.py
tests each one, so an upgrade of reportlab that moves one fails there, by name. Tested with
reportlab 5.1.
"""

from __future__ import annotations

from typing import Any


def at_top_of_frame(flowable: Any) -> bool:
    """Whether the frame laying out ``flowable`` has nothing on it yet: reads the frame it sets
    on the flowable (``flowable._frame``) and that frame's ``_atTop``; False outside a frame."""
    frame = getattr(flowable, "_frame", None)
    return bool(getattr(frame, "_atTop", False))


def table_row_count(table: Any) -> int:
    """How many rows a Table (or a part reportlab split off one) holds: ``len(_cellvalues)``."""
    return len(table._cellvalues)


def table_row_heights(table: Any) -> list[float]:
    """The row heights a Table computed in its last wrap: ``_rowHeights``."""
    return list(table._rowHeights)


def kept_flowables(keep: Any) -> list[Any]:
    """The flowables a KeepTogether holds, in order: ``_content``."""
    return list(keep._content)


def kept_height(keep: Any) -> float:
    """The height of everything a KeepTogether holds, from its last wrap: ``_H``."""
    return float(keep._H)


def last_wrap(flowable: Any) -> tuple[float, float] | None:
    """The (width, height) a KeepTogether was last wrapped for (``_wrapInfo``), or None."""
    info = getattr(flowable, "_wrapInfo", None)
    return None if info is None else (info[0], info[1])
