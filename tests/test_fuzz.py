"""Fuzzing the parsers: whatever the input, the result is a value or an InputError — never
another exception, never a hang. FUZZ_EXAMPLES raises the count for a long run."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvoedkit.batchfile import read_csv_batch
from opvoedkit.config import parse_session
from opvoedkit.errors import InputError
from opvoedkit.library import load_exercise
from opvoedkit.yamlio import decode_text, load_yaml

from .conftest import ROOT

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FIELDS = ["municipality", "date", "start", "dayparts", "audience", "participants", "venue",
          "facilitators", "exercises", "branding", "title", "contact", "daypart_minutes"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False), st.text(max_size=20))
KEYS = [*FIELDS, "id", "minutes", "name", "logo"]
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)), max_leaves=12)


@FUZZ
@given(text=st.text(max_size=300))
def test_loader_on_arbitrary_text(text: str) -> None:
    try:
        parse_session(load_yaml(text, "fuzz.yaml"), Path("."))
    except InputError as exc:
        assert all(p.file == "fuzz.yaml" for p in exc.problems)


@FUZZ
@given(raw=st.binary(max_size=200))
def test_decoder_on_arbitrary_bytes(raw: bytes) -> None:
    with contextlib.suppress(InputError):
        load_yaml(decode_text(raw, "fuzz.yaml"), "fuzz.yaml")


@FUZZ
@given(document=st.dictionaries(st.sampled_from(FIELDS), values, max_size=8))
def test_loader_on_structured_documents(document: dict[str, object]) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        parse_session(load_yaml(text, "fuzz.yaml"), Path("."))
    except InputError as exc:
        assert exc.problems


SOURCE = (ROOT / "exercises" / "stellingenspel.md").read_text(encoding="utf-8").split("\n")


@FUZZ
@given(data=st.data())
def test_exercise_parser_on_mutated_files(data: st.DataObject, tmp_path_factory) -> None:
    lines = list(SOURCE)
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "insert", "garble"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "insert":
            lines.insert(index, data.draw(st.text(max_size=40)))
        else:
            line = lines[index]
            cut = data.draw(st.integers(0, len(line)))
            lines[index] = line[:cut] + data.draw(st.text(max_size=5)) + line[cut:]
    path = tmp_path_factory.mktemp("fuzz") / "stellingenspel.md"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        load_exercise(path)
    except InputError as exc:
        assert all(p.file == str(path) for p in exc.problems)


@FUZZ
@given(text=st.text(max_size=300))
def test_csv_reader_on_arbitrary_text(text: str, tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("csv") / "b.csv"
    path.write_text("municipality;audience;exercises\n" + text, encoding="utf-8",
                    errors="surrogatepass")
    with contextlib.suppress(InputError):
        read_csv_batch(path)
