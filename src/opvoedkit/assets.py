"""Light checks of files a session refers to (logo, template), without rendering anything."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_LOGO_BYTES = 5_000_000
MAX_LOGO_PIXELS = 4000 * 4000
LOGO_FORMATS = {"PNG", "JPEG", "GIF"}

Verdict = tuple[str, str] | None


def check_logo(path: Path) -> Verdict:
    """None if ``path`` is a usable raster logo, else (what is wrong, what would be right)."""
    from PIL import Image

    if not path.is_file():
        return (f"file not found: {path}", "put the logo next to the session file, or fix the path")
    if path.stat().st_size > MAX_LOGO_BYTES:
        return (f"the logo is {path.stat().st_size:,} bytes; the limit is {MAX_LOGO_BYTES:,}",
                "save a smaller PNG, about 1000 pixels wide")
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
            if kind not in LOGO_FORMATS:
                return (f"the logo is a {kind} image", "use a PNG or JPEG file")
            if width * height > MAX_LOGO_PIXELS:
                return (f"the logo is {width} × {height} pixels; the limit is 4000 × 4000",
                        "save a smaller PNG, about 1000 pixels wide")
            image.verify()
    except Exception:  # Pillow raises many types for broken files
        return ("this file is not a readable image", "use a PNG or JPEG file")
    return None


def check_template(path: Path) -> Verdict:
    """None if ``path`` looks like a PowerPoint .pptx file, else (what is wrong, what is right)."""
    if not path.is_file():
        return (f"file not found: {path}", "put the template next to the session file, or fix "
                "the path")
    if path.suffix.lower() == ".potx":
        return ("a .potx template cannot be used directly",
                "open it in PowerPoint and save it as .pptx")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return ("this file is not a PowerPoint .pptx file (it is not a zip archive)",
                "save the template in PowerPoint as 'PowerPoint-presentatie (*.pptx)'")
    if "ppt/presentation.xml" not in names or "[Content_Types].xml" not in names:
        return ("this zip file is not a PowerPoint presentation",
                "save the template in PowerPoint as 'PowerPoint-presentatie (*.pptx)'")
    return None
