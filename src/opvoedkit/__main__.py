"""``python -m opvoedkit``."""

from opvoedkit.cli import main

main()
