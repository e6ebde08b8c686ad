"""Write exercises/index.json, the fast catalogue behind ``opvoedkit list-exercises``.

Run after adding or editing a packaged exercise: ``python scripts/make_catalogue_index.py``.
"""

from __future__ import annotations

import json

from opvoedkit.catalogue import INDEX, build_index, exercise_entry
from opvoedkit.library import load_library
from opvoedkit.resources import data_dir


def main() -> None:
    """Load the packaged library in full and write its index."""
    folder = data_dir("exercises")
    library = load_library()
    index = build_index(folder, (exercise_entry(e) for e in library.exercises.values()))
    (folder / INDEX).write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n",
                                encoding="utf-8")
    print(f"{len(index['exercises'])} exercises indexed in {folder / INDEX}")


if __name__ == "__main__":
    main()
