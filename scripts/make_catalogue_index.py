"""Write exercises/index.json: the checked packaged library, for ``list-exercises`` and builds.

Run after adding or editing a packaged exercise or background block:
``python scripts/make_catalogue_index.py``. It reads and checks every file in full (a broken
file stops it with the usual file:line message).
"""

from __future__ import annotations

import json

from opvoedkit import catalogue
from opvoedkit.catalogue import INDEX, build_index, exercise_entry
from opvoedkit.library import index_payload, load_library
from opvoedkit.resources import data_dir


def main() -> None:
    """Load the packaged library in full and write its index."""
    folder = data_dir("exercises")
    catalogue.load_index = lambda: None  # never build the index from itself
    packaged = load_library()
    index = build_index((exercise_entry(e) for e in packaged.exercises.values()),
                        index_payload(packaged))
    (folder / INDEX).write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n",
                                encoding="utf-8")
    print(f"{len(index['exercises'])} exercises indexed in {folder / INDEX}")


if __name__ == "__main__":
    main()
