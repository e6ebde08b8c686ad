#!/bin/sh
# Extract the messages from the code, merge them into the Dutch catalogues and compile those.
#
#   scripts/update_translations.sh
#
# Then translate what is new or marked "fuzzy" in src/opvoedkit/locale/nl/LC_MESSAGES/*.po,
# run this script again (it compiles the .mo files that the package ships) and commit both.
# tests/test_i18n.py fails while a message has no translation or a .mo is out of date.
#
# Two catalogues: opvoedkit.po (our messages) and messages.po (Typer's own strings, such as
# "Missing command.", which Typer looks up with gettext in the default domain "messages").
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
LOCALE=src/opvoedkit/locale
POT="$(mktemp -d)"
trap 'rm -rf "$POT"' EXIT
pybabel() { "$PYTHON" -m babel.messages.frontend "$@"; }

catalogue() {  # domain, source paths…; LOCATION: file or never
    domain=$1
    shift
    pybabel extract --project=opvoedkit --add-location="$LOCATION" --sort-output --no-wrap \
        --add-comments=Translators: --output-file="$POT/$domain.pot" "$@"
    if [ -f "$LOCALE/nl/LC_MESSAGES/$domain.po" ]; then
        pybabel update --domain="$domain" --input-file="$POT/$domain.pot" \
            --output-dir="$LOCALE" --locale=nl --no-wrap --ignore-obsolete \
            --ignore-pot-creation-date
    else
        pybabel init --domain="$domain" --input-file="$POT/$domain.pot" \
            --output-dir="$LOCALE" --locale=nl --no-wrap
    fi
    pybabel compile --domain="$domain" --directory="$LOCALE" --locale=nl --statistics
}

LOCATION=file catalogue opvoedkit src/opvoedkit
TYPER="$("$PYTHON" -c 'import os, typer; print(os.path.dirname(typer.__file__))')"
LOCATION=never catalogue messages "$TYPER"  # never: no paths of this machine in the file
