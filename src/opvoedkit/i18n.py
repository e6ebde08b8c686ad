"""The language of the tool: Dutch for a Dutch locale, English otherwise (gettext catalogues).

Other modules mark their messages with ``_()`` (``ngettext`` for counts, ``N_()`` for strings
defined at import time and translated where they are shown)::

    from .i18n import _, ngettext

    raise UsageError(_("--format must be table or json, not {value!r}").format(value=value))

The language is chosen once per process, on the first lookup: ``OPVOEDKIT_LANG`` (``nl`` or
``en``) if set, else the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set (Dutch when
it starts with ``nl``), else on Windows the user's display language. The catalogues live in
``opvoedkit/locale/<lang>/LC_MESSAGES/``; ``scripts/update_translations.sh`` refreshes them.
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "opvoedkit"
# The gettext domain Typer's (and Click's) own strings are looked up in: gettext.gettext's default.
CLICK_DOMAIN = "messages"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "nl")
_LANG_DUTCH = 0x13  # the primary language id of Dutch in a Windows LANGID

_translation: gettext.NullTranslations | None = None


def language() -> str:
    """``"nl"`` or ``"en"``, from ``OPVOEDKIT_LANG`` or else the user's locale."""
    chosen = os.environ.get("OPVOEDKIT_LANG", "").strip().lower()[:2]
    if chosen in LANGUAGES:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):  # POSIX order: the first one set counts
        value = os.environ.get(name)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    if sys.platform == "win32":
        return _windows_language()
    return "en"


def _windows_language() -> str:
    """The Windows display language (what the user reads), else the locale's language."""
    if sys.platform == "win32":
        import ctypes
        import locale

        try:
            if ctypes.windll.kernel32.GetUserDefaultUILanguage() & 0x3FF == _LANG_DUTCH:
                return "nl"
        except (AttributeError, OSError):
            pass
        name = (locale.getlocale()[0] or "").lower()  # 'Dutch_Netherlands' or 'nl_NL'
        return "nl" if name.startswith(("nl", "dutch")) else "en"
    return "en"


def translation() -> gettext.NullTranslations:
    """The catalogue of the chosen language, read once (English needs none)."""
    global _translation
    if _translation is None:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language()],
                                           fallback=True)
    return _translation


def reset() -> None:
    """Forget the chosen language, so the next lookup reads the environment again (tests)."""
    global _translation
    _translation = None


def _(message: str) -> str:
    """``message`` in the user's language."""
    return translation().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form, for ``count``, in the user's language."""
    return translation().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet (module-level constants)."""
    return message


@contextmanager
def click_language() -> Iterator[None]:
    """Typer's own gettext lookups (domain ``messages``) in our language, while the CLI runs.

    ``gettext.gettext`` reads the language from the environment (``LANGUAGE`` first), so that
    is where ours is put; the previous value comes back afterwards.
    """
    bound = gettext.bindtextdomain(CLICK_DOMAIN)
    gettext.bindtextdomain(CLICK_DOMAIN, str(LOCALE_DIR))
    previous = os.environ.get("LANGUAGE")
    os.environ["LANGUAGE"] = language()
    try:
        yield
    finally:
        gettext.bindtextdomain(CLICK_DOMAIN, bound)
        if previous is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous
