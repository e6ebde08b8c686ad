"""Issue 14, "never crash on input": whatever a user writes, a wrong input is exit 2 with the
file, line and column, what is wrong and what to write instead — never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

import opvoedkit
from opvoedkit.errors import InputError

HEAD = "municipality: Ede\naudience: [professionals]\n"


def _fails(result: object, where: str, *fragments: str) -> str:
    """The stderr of a run that must be an input error at ``where`` naming ``fragments``."""
    assert result.exit_code == 2, result.stderr  # type: ignore[attr-defined]
    err: str = result.stderr  # type: ignore[attr-defined]
    assert "internal error" not in err and "Traceback" not in err
    assert f"{where}: " in err, err
    for fragment in fragments:
        assert fragment in err, err
    for pydantic_phrase in ("Input should", "validation error", "after validation"):
        assert pydantic_phrase not in err
    return err


@pytest.mark.parametrize(("written", "column"), [
    ("Beeld van elkaar", 5), ("Beeld-van-elkaar", 5), ("beeld_van_elkaar", 5),
    ("Een (nieuw) beeld van elkaar", 5), ("{id: Beeld van elkaar}", 10)])
def test_exercise_written_by_its_title_gets_the_id_to_write(run_cli, write_session,
                                                            written: str, column: int) -> None:
    path = write_session(HEAD + f"exercises:\n  - stellingenspel\n  - {written}\n")
    err = _fails(run_cli("validate", path), f"{path}:5:{column}", "is not an exercise id",
                 "write `beeld-van-elkaar`")
    assert err.count(f"{path}:5:") == 1  # one problem for the item, not one per union member


def test_empty_exercise_item(run_cli, write_session) -> None:
    path = write_session(HEAD + 'exercises:\n  - ""\n')
    _fails(run_cli("validate", path), f"{path}:4:5", "the exercise is empty",
           "opvoedkit list-exercises")


def test_exercise_as_a_number(run_cli, write_session) -> None:
    path = write_session(HEAD + "exercises:\n  - 5\n")
    _fails(run_cli("build", path, "-o", path.parent / "out"), f"{path}:4:5",
           "must be text, not a number")


def test_python_api_raises_input_error_not_pydantic(write_session, tmp_path: Path) -> None:
    path = write_session(HEAD + "exercises: [Beeld van elkaar]\n")
    for call in (lambda: opvoedkit.prepare(path), lambda: opvoedkit.build(path, tmp_path / "o"),
                 lambda: opvoedkit.load_session(path)):
        with pytest.raises(InputError) as caught:
            call()
        assert caught.value.problems[0].line == 3
