"""Issue 14, "never crash on input": whatever a user writes, a wrong input is exit 2 with the
file, line and column, what is wrong and what to write instead — never an internal error."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

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
           "must be text, not `5`")


def test_python_api_raises_input_error_not_pydantic(write_session, tmp_path: Path) -> None:
    path = write_session(HEAD + "exercises: [Beeld van elkaar]\n")
    for call in (lambda: opvoedkit.prepare(path), lambda: opvoedkit.build(path, tmp_path / "o"),
                 lambda: opvoedkit.load_session(path)):
        with pytest.raises(InputError) as caught:
            call()
        assert caught.value.problems[0].line == 3


EXERCISES = "exercises: auto\n"


@pytest.mark.parametrize(("lines", "where"), [
    ("date: 9999-12-31\n", "2:7"),
    ("date: 1999-12-31\n", "2:7"),
    ("date: 2027-03-18\ndayparts: 4\ndates: [2027-03-25, 9999-01-01]\n", "4:21"),
])
def test_dates_outside_the_planned_range(run_cli, write_session, tmp_path: Path, lines: str,
                                         where: str) -> None:
    path = write_session("municipality: Ede\n" + lines + "audience: [policy]\n" + EXERCISES)
    _fails(run_cli("build", path, "-o", tmp_path / "out"), f"{path}:{where}",
           "outside the dates opvoedkit plans for (2000-01-01 to 2099-12-31)", "2027-03-18")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("dates", "where", "message"), [
    ("dates:\n  - 2027-03-10\n", "6:5", "day 2 (2027-03-10) is before day 1 (2027-03-18)"),
    ("dates:\n  - 2027-03-25\n  - 2027-03-25\n", "7:5",
     "day 3 (2027-03-25) is the same day as day 2 (2027-03-25)"),
    ("dates:\n  - 2027-03-18\n", "6:5", "day 2 (2027-03-18) is the same day as day 1"),
])
def test_meeting_days_must_be_in_order(run_cli, write_session, dates: str, where: str,
                                       message: str) -> None:
    path = write_session(HEAD + "date: 2027-03-18\ndayparts: 4\n" + dates + EXERCISES)
    _fails(run_cli("validate", path), f"{path}:{where}", message, "list the meeting days in order")


def test_further_days_without_a_first_day(run_cli, write_session) -> None:
    path = write_session(HEAD + "dates: [2027-03-25]\n" + EXERCISES)
    _fails(run_cli("validate", path), f"{path}:3:8", "`date` (the first day) is missing",
           "add  date: 2027-03-18")


@pytest.mark.parametrize(("start", "where"), [("start: 02:30\n", "4:8"), ("", "3:7")])
def test_start_time_that_does_not_exist_on_the_summer_time_night(run_cli, write_session,
                                                                 start: str, where: str) -> None:
    midnight = "" if start else "start: '00:00'\n"
    path = write_session(HEAD + "date: 2027-03-28\n" + (start or midnight) + EXERCISES)
    if not start:  # 00:00 exists: only the skipped hour is refused
        assert run_cli("validate", path).exit_code == 0
        return
    _fails(run_cli("validate", path), f"{path}:{where}", "02:30 does not exist on 2027-03-28",
           "start at 03:00 or later")


@pytest.mark.parametrize(("value", "message"), [
    ('"\\u200b"', "empty once invisible characters"),
    ('"\\u200b\\u2060\\u00a0"', "empty once invisible characters"),
    ('"Ede\\u202egnikrow"', "direction control character (U+202E RIGHT-TO-LEFT OVERRIDE)"),
    ('"\\u2066Ede\\u2069"', "(U+2066 LEFT-TO-RIGHT ISOLATE)"),
    ('"Ede\\u2028Noord"', "the line break (U+2028 LINE SEPARATOR)"),
    ('"Ede\\u2029Noord"', "(U+2029 PARAGRAPH SEPARATOR)"),
])
def test_invisible_and_reordering_characters_are_refused(run_cli, write_session, value: str,
                                                         message: str) -> None:
    path = write_session(f"municipality: {value}\naudience: [policy]\n" + EXERCISES)
    err = _fails(run_cli("validate", path), f"{path}:1:15", "`municipality`", message)
    assert not any(c in err for c in "\u202e\u2066\u2069\u2028\u2029\u200b")


@pytest.mark.parametrize(("field", "where"), [
    ("venue: {}", "4:8"), ("title: {}", "4:8"), ("facilitators:\n  - name: {}", "5:11"),
    ("contact:\n  name: {}", "5:9")])
def test_bidi_controls_are_refused_in_every_text_field(run_cli, write_session, field: str,
                                                       where: str) -> None:
    path = write_session(HEAD + EXERCISES + field.format('"Zaal \\u202b3"') + "\n")
    _fails(run_cli("validate", path), f"{path}:{where}", "U+202B RIGHT-TO-LEFT EMBEDDING")


def test_echoed_input_cannot_reach_the_terminal_raw(run_cli, write_session) -> None:
    path = write_session('municipality: Ede\naudience: ["\\u202epolicy"]\n' + EXERCISES)
    err = _fails(run_cli("validate", path), f"{path}:2:12", "\\u202epolicy")
    assert "\u202e" not in err


@pytest.mark.parametrize(("field", "limit", "where"), [
    ("municipality", 80, "1:15"), ("title", 200, "2:8"), ("venue", 150, "2:8")])
def test_one_line_fields_have_a_length_limit(run_cli, write_session, field: str, limit: int,
                                             where: str) -> None:
    text = "municipality: Ede\n" if field != "municipality" else ""
    path = write_session(text + f"{field}: {'x' * (limit + 1)}\naudience: [policy]\n" + EXERCISES)
    _fails(run_cli("validate", path), f"{path}:{where}",
           f"is {limit + 1} characters long; the limit is {limit}", f"write it as  {field}: ")


def test_names_have_a_length_limit(run_cli, write_session) -> None:
    path = write_session(HEAD + EXERCISES + f"facilitators:\n  - name: {'x' * 101}\n")
    _fails(run_cli("validate", path), f"{path}:5:11", "`facilitators[1].name`",
           "the limit is 100", "write it as  name: Gülşen Yıldız")


@pytest.mark.parametrize("name", ["'s-Hertogenbosch", "Stichting Kardeş & Co", "Gülşen Yıldız",
                                  "مريم", "<b>", "{{ x }}", "Bergen op\u00a0Zoom"])
def test_names_are_kept_exactly_as_typed(write_session, name: str) -> None:
    quoted = '"' + name + '"'
    path = write_session(f"municipality: {quoted}\nvenue: {quoted}\naudience: [policy]\n"
                         + EXERCISES + f"facilitators:\n  - name: {quoted}\n")
    session = opvoedkit.load_session(path)
    assert session.municipality == session.venue == session.facilitators[0].name == name


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def _opvoedkit(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A run in its own process, with a timeout: a named pipe must not make it wait."""
    return subprocess.run([sys.executable, "-m", "opvoedkit", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


@needs_fifo
@pytest.mark.parametrize("command", ["validate", "build", "plan"])
def test_session_file_that_is_a_named_pipe(tmp_path: Path, command: str) -> None:
    os.mkfifo(tmp_path / "sessie.yaml")
    done = _opvoedkit(command, "sessie.yaml", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "sessie.yaml: session file is a named pipe (FIFO), not a file" in done.stderr
    assert "give the path of the file itself" in done.stderr


@pytest.mark.parametrize(("path", "kind"), [("/dev/null", "a device"), (".", "a folder")])
def test_session_file_that_is_a_device_or_folder(run_cli, path: str, kind: str) -> None:
    _fails(run_cli("validate", path), f"{path}", f"session file is {kind}, not a file")


@needs_fifo
@pytest.mark.parametrize("field", ["logo", "template"])
def test_logo_or_template_that_is_a_named_pipe(tmp_path: Path, field: str) -> None:
    os.mkfifo(tmp_path / "pijp")
    (tmp_path / "sessie.yaml").write_text(HEAD + EXERCISES + f"branding:\n  {field}: pijp\n",
                                          encoding="utf-8")
    done = _opvoedkit("build", "sessie.yaml", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert f"sessie.yaml:5:{5 + len(field)}: `branding.{field}`: " in done.stderr
    assert "is a named pipe (FIFO), not a file" in done.stderr
    assert not (tmp_path / "out").exists()


def _batch_on_base(folder: Path, kind: str) -> tuple[str, ...]:
    """A one-row batch file of ``kind`` (csv, yaml) on the base session ``basis.yaml``; returns
    the arguments to `opvoedkit batch`."""
    if kind == "csv":
        (folder / "rijen.csv").write_text("municipality\nEde\n", encoding="utf-8")
        return ("rijen.csv", "--base", "basis.yaml")
    (folder / "rijen.yaml").write_text("base: basis.yaml\nsessions:\n  - municipality: Ede\n",
                                       encoding="utf-8")
    return ("rijen.yaml",)


@needs_fifo
@pytest.mark.parametrize(("pipe", "message"), [
    ("rijen.csv", "rijen.csv: the batch file is a named pipe (FIFO), not a file"),
    ("rijen.yaml", "rijen.yaml: the batch file is a named pipe (FIFO), not a file"),
    ("basis.yaml", "basis.yaml: base session file is a named pipe (FIFO), not a file")])
@pytest.mark.parametrize("kind", ["csv", "yaml"])
def test_batch_or_base_file_that_is_a_named_pipe(tmp_path: Path, pipe: str, message: str,
                                                 kind: str) -> None:
    os.mkfifo(tmp_path / pipe)
    args = (pipe,) if pipe.startswith("rijen") else _batch_on_base(tmp_path, kind)
    done = _opvoedkit("batch", *args, "-o", "out", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr


def _png_with_broken_pixels(path: Path) -> None:
    """A PNG whose chunks and checksums are all valid, but whose zlib data is not."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", b"\x78\x9c" + b"\xff" * 50) + chunk(b"IEND", b""))


def _truncated_jpeg(path: Path) -> None:
    from PIL import Image

    Image.effect_noise((300, 300), 80).convert("RGB").save(path, "JPEG")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.mark.parametrize("make", [_png_with_broken_pixels, _truncated_jpeg])
def test_logo_that_validate_accepted_but_build_could_not_decode(run_cli, tmp_path: Path,
                                                                make: Any) -> None:
    make(tmp_path / "logo.png")
    path = tmp_path / "sessie.yaml"
    path.write_text(HEAD + EXERCISES + "branding:\n  logo: logo.png\n", encoding="utf-8")
    for command in (("validate", path), ("build", path, "-o", tmp_path / "out")):
        _fails(run_cli(*command), f"{path}:5:9", "`branding.logo`: the logo's pixel data is "
               "damaged", "save it again as PNG")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("text", "shape"), [("- municipality: Ede\n- audience: [policy]\n",
                                              "a list"), ("Ede\n", "a single value")])
@pytest.mark.parametrize("batch", ["csv", "yaml"])
def test_base_file_that_is_not_fields(run_cli, tmp_path: Path, text: str, shape: str,
                                      batch: str) -> None:
    (tmp_path / "basis.yaml").write_text(text, encoding="utf-8")
    args = [tmp_path / a if a.endswith(("csv", "yaml")) else a
            for a in _batch_on_base(tmp_path, batch)]
    _fails(run_cli("batch", *args, "-o", tmp_path / "out"), "basis.yaml:1:1",
           f"the base file must hold fields (`municipality: …`, `audience: …`), not {shape}",
           "one `name: value` line per field")
    assert not (tmp_path / "out").exists()


ROWS = ("municipality;audience;exercises;venue\n"
        "Ede;policy;auto;Zaal 1\n"
        'Zwolle;policy;auto;"=HYPERLINK(""http://x"")"\n'
        "Assen;policy;auto;Zaal;extra\n"
        "Emmen;policy;auto;Zaal 2\n")


def test_csv_row_problems_stay_with_their_row(tmp_path: Path) -> None:
    from opvoedkit.batchfile import read_batch

    path = tmp_path / "rijen.csv"
    path.write_text(ROWS, encoding="utf-8")
    rows = read_batch(path, isolate_rows=True)
    assert [r.municipality for r in rows] == ["Ede", "Zwolle", "Assen", "Emmen"]
    assert [len(r.problems) for r in rows] == [0, 1, 1, 0]
    formula, extra = rows[1].problems[0], rows[2].problems[0]
    assert (formula.line, formula.column) == (3, 4)
    assert "looks like a spreadsheet formula" in formula.message
    assert (extra.line, extra.column) == (4, 5)
    assert "this row has 5 cells but the header has 4 columns" in extra.message
    assert "venue" not in rows[1].data  # the formula is never used as a value


def test_yaml_session_that_is_not_fields_stays_with_its_row(tmp_path: Path) -> None:
    from opvoedkit.batchfile import read_batch

    path = tmp_path / "rijen.yaml"
    path.write_text("base:\n  audience: [policy]\n  exercises: [auto]\nsessions:\n"
                    "  - municipality: Ede\n  - Zwolle\n  - municipality: Emmen\n",
                    encoding="utf-8")
    rows = read_batch(path, isolate_rows=True)
    assert [len(r.problems) for r in rows] == [0, 1, 0]
    problem = rows[1].problems[0]
    assert (problem.line, problem.column) == (6, 5)
    assert "session 2 must be `name: value` fields, not a single value" in problem.message


def test_row_problems_stop_a_caller_that_does_not_isolate_rows(tmp_path: Path) -> None:
    from opvoedkit.batchfile import read_batch

    path = tmp_path / "rijen.csv"
    path.write_text(ROWS, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_batch(path)
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, 4), (4, 5)]


HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


@pytest.mark.parametrize(("name", "where", "message"), [
    ("rijen.csv", "3:4", "looks like a spreadsheet formula"),
    ("csv-formula.csv", "2:1", "looks like a spreadsheet formula"),
    ("csv-too-many-cells.csv", "2:4", "the header has 3 columns")])
def test_a_bad_csv_row_fails_alone_and_the_others_are_built(run_cli, tmp_path: Path, name: str,
                                                            where: str, message: str) -> None:
    import json

    path = tmp_path / name
    path.write_bytes(ROWS.encode() if name == "rijen.csv" else (HOSTILE / name).read_bytes())
    out = tmp_path / "out"
    result = run_cli("batch", path, "-o", out, "-j", "1", "--only", "calendar")
    assert result.exit_code == 1, result.stderr
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    failed = [r for r in report["rows"] if r["status"] == "failed"]
    assert f"{path}:{where}: " in failed[0]["error"] and message in failed[0]["error"]
    if name == "rijen.csv":
        assert report["totals"] == {"ok": 2, "failed": 2, "skipped": 0}
        assert {r["municipality"] for r in failed} == {"Zwolle", "Assen"}


@pytest.mark.parametrize(("line", "message"), [
    ("dayparts: 1e400", "`dayparts`: this must be a whole number, not `inf`"),
    ("dayparts: 1.5", "`dayparts`: this must be a whole number, not `1.5`"),
    ("dayparts: 0", "`dayparts`: 0 is too small; it must be at least 1"),
    ("daypart_minutes: 900", "`daypart_minutes`: 900 is too large; it must be at most 300"),
    ("audience: []", "`audience`: the list is empty; it needs at least one item"),
    ("contact: Jan", "`contact`: this must be `name: value` fields, not `Jan`"),
    ('branding: {logo: "a\\0b"}', "`branding.logo`: the path contains a NUL character"),
])
def test_type_errors_in_plain_words_with_a_correct_line(run_cli, write_session, line: str,
                                                        message: str) -> None:
    field, _, value = line.partition(": ")
    fields = {"municipality": "Ede", "audience": "[policy]", "exercises": "[beeld-van-elkaar]",
              "allow_slack": "true", field: value}
    path = write_session("".join(f"{name}: {text}\n" for name, text in fields.items()))
    row = list(fields).index(field) + 1
    column = len(field) + 3 if field != "branding" else len("branding: {logo: ") + 1
    hint = "" if field in ("contact", "branding") else f"{field}: "
    _fails(run_cli("validate", path), f"{path}:{row}:{column}", message, hint)
