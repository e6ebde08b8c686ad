"""Light checks of files a session refers to (logo, template), without rendering anything.

The template itself is read by template_check, which knows the layouts and the zip limits.
"""

from __future__ import annotations

from pathlib import Path

from .i18n import _

MAX_LOGO_BYTES = 5_000_000
MAX_LOGO_PIXELS = 4000 * 4000
LOGO_FORMATS = {"PNG", "JPEG", "GIF"}

Verdict = tuple[str, str] | None


class PathRefused(ValueError):
    """A path that leaves the session file's folder (the hint matches on this class)."""


def contained_path(folder: Path, relative: Path) -> Path:
    """``folder / relative``, refusing absolute paths, ``..`` and symbolic links.

    A session file may come by e-mail: it must not make opvoedkit read (and put into a pack)
    a file from elsewhere on the machine.
    """
    if relative.is_absolute() or relative.drive:
        raise PathRefused(_("use a path relative to the session file's folder, not an absolute "
                            "path"))
    if ".." in relative.parts:
        raise PathRefused(_("the path may not leave the session file's folder (no `{part}`)"
                            ).format(part=".."))
    current = folder
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            raise PathRefused(_("`{name}` is a symbolic link; copy the file itself into the "
                                "folder").format(name=part))
    return current.resolve()


def _not_a_file(path: Path, hint: str) -> Verdict:
    """None for a regular file; a named pipe would make any reader wait forever."""
    from .yamlio import not_a_file

    problem = not_a_file(path)
    if problem == "not found":
        return (_("file not found: {path}").format(path=path), hint)
    if problem:
        return (_("{path} is {problem}").format(path=path, problem=problem),
                _("give the path of the file itself"))
    return None


def check_logo(path: Path) -> Verdict:
    """None if ``path`` is a usable raster logo, else (what is wrong, what would be right)."""
    from PIL import Image

    problem = _not_a_file(path, _("put the logo next to the session file, or fix the path"))
    if problem:
        return problem
    if path.stat().st_size > MAX_LOGO_BYTES:
        return (_("the logo is {size} bytes; the limit is {limit}").format(
                    size=f"{path.stat().st_size:,}", limit=f"{MAX_LOGO_BYTES:,}"),
                _("save a smaller PNG, about 1000 pixels wide"))
    too_big = (_("the logo has too many pixels; the limit is {limit}").format(
                   limit="4000 × 4000"), _("save a smaller PNG, about 1000 pixels wide"))
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
            if kind not in LOGO_FORMATS:
                return (_("the logo is a {kind} image").format(kind=kind),
                        _("use a PNG or JPEG file"))
            if width * height > MAX_LOGO_PIXELS:
                return (_("the logo is {size} pixels; the limit is {limit}").format(
                            size=f"{width} × {height}", limit="4000 × 4000"), too_big[1])
            image.verify()  # checks the chunks, but decodes no pixel data
    except Image.DecompressionBombError:  # so large that Pillow refuses even to open it
        return too_big
    except Exception:  # Pillow raises many types for broken files
        return (_("this file is not a readable image"), _("use a PNG or JPEG file"))
    try:
        with Image.open(path) as image:  # verify() leaves an image unusable: open it again
            image.load()  # decode every pixel, as the renderers will (within the limit above)
    except Exception as exc:
        return (_("the logo's pixel data is damaged ({error})").format(
                    error=str(exc).strip() or type(exc).__name__),
                _("open the logo in an image editor and save it again as PNG"))
    return None


def check_template(path: Path) -> Verdict:
    """None if ``path`` is a PowerPoint file (.pptx, or a .potx) the deck can use, else (what
    is wrong, what is right). template_check reads it: its zip directory first (cheap, against
    zip bombs), then the layouts, which is what shows truncated parts and broken XML."""
    from .errors import InputError
    from .template_check import check_template as inspect

    problem = _not_a_file(path, _("put the template next to the session file, or fix the "
                                  "path"))
    if problem:
        return problem
    try:
        inspect(path)
    except InputError as exc:
        return (exc.problems[0].message, exc.problems[0].hint)
    return None
