"""Write src/opvoedkit/fonts/coverage.txt: the code points every bundled text font can print.

Run after adding or changing a font: ``python scripts/make_font_coverage.py``. opvoedkit reads the
ranges at validation time, so a character no font can show is an input error that names it,
never an empty box in a printed document.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFile

FONTS = Path(__file__).resolve().parent.parent / "src" / "opvoedkit" / "fonts"
# A code point is printable if every style of SOME family has it. Noto Sans Arabic has no
# italics: italic Arabic is drawn upright (the renderers map italic to Regular, bold italic to
# Bold), so its two styles are all it needs.
FAMILIES = [["NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
             "NotoSans-BoldItalic.ttf"],
            ["NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"]]


def _ranges(points: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    return ranges


def main() -> None:
    """Every style of a family must have the glyph; families add up."""
    covered: set[int] = set()
    for family in FAMILIES:
        styles = [set(TTFontFile(str(FONTS / name)).charToGlyph) for name in family]
        covered |= set.intersection(*styles)
    printable = sorted(p for p in covered if p >= 0x20)
    lines = [f"{a:04X}-{b:04X}" for a, b in _ranges(printable)]
    (FONTS / "coverage.txt").write_text("\n".join(lines) + "\n", encoding="ascii")
    print(f"{len(printable)} code points in {len(lines)} ranges")


if __name__ == "__main__":
    main()
