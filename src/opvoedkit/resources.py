"""Where the packaged data lives: inside the wheel, or at the root of a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``exercises`` or ``templates``: force-included in a wheel as ``_data/NAME``;
    in an editable install or a checkout, the folder at the repository root."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"opvoedkit's {name} folder is missing; reinstall opvoedkit")


def markdown_files(folder: Path) -> list[Path]:
    """The ``.md`` files of a folder in name order, without its README."""
    return sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")


# The code that reads and checks the packaged library: when it changes, the files are checked anew.
_LIBRARY_CODE = ("library.py", "text.py", "glyphs.py", "yamlio.py", "positions.py",
                 "bodytext.py", "contentcheck.py")


def library_sources() -> list[Path]:
    """What the checked packaged library depends on, for its cache key: every packaged exercise
    file and background block, the code that checks them, and the fonts' coverage list."""
    return [*markdown_files(data_dir("exercises")),
            *markdown_files(data_dir("templates") / "background"),
            *(_PACKAGE / name for name in _LIBRARY_CODE), _PACKAGE / "fonts" / "coverage.txt"]


def font_path(style: str) -> Path:
    """A bundled Noto Sans TTF: style is Regular, Bold, Italic or BoldItalic."""
    return _PACKAGE / "fonts" / f"NotoSans-{style}.ttf"
