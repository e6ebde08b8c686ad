#!/usr/bin/env bash
# Run the tests at both ends of the version ranges in pyproject.toml for the libraries whose
# internals we touch (render/pptx_adapter.py, render/reportlab_adapter.py,
# render/docx_adapter.py). Run it before you
# widen a range, and when a new release of python-pptx or reportlab comes out.
#   bash scripts/check_pins.sh            # both ends
#   bash scripts/check_pins.sh lowest     # one end
set -euo pipefail
cd "$(dirname "$0")/.."
LOWEST=("python-pptx==1.0.2" "reportlab==4.2.0" "python-docx==1.2.0")
ends=("${@:-lowest highest}")
for end in ${ends[@]}; do
  venv=$(mktemp -d)/venv
  python3 -m venv "$venv"
  if [ "$end" = lowest ]; then
    "$venv/bin/pip" install -q -e ".[test]" "${LOWEST[@]}"
  else
    "$venv/bin/pip" install -q --upgrade -e ".[test]"
  fi
  echo "== $end: $("$venv/bin/pip" freeze | grep -iE "^(python-pptx|reportlab|python-docx)==" | tr '\n' ' ')"
  "$venv/bin/python" -m pytest -q -p no:cacheprovider
  rm -rf "$(dirname "$venv")"
done
