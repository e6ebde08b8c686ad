"""The helper lane of a build (lanes.py): same bytes as one lane, errors that arrive whole, and
a helper that has always ended when the main process goes on."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from opvoedkit import lanes
from opvoedkit.errors import InputError, Problem, RenderError

from .conftest import EXAMPLES

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the helper lane is forked, on Linux only")
PATIENCE = 600.0  # seconds; only reached when something hangs


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _until(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.01)


def test_the_work_runs_in_another_process_and_its_result_comes_back() -> None:
    with lanes.lane(lambda: (os.getpid(), {"a": [1, 2]})) as helper:
        pid, value = helper.result()
    assert pid != os.getpid()
    assert value == {"a": [1, 2]}
    assert not _alive(pid)


def _bad_input() -> None:
    raise InputError([Problem("sessie.yaml", 3, 7, "unknown key 'datum'", "write `date:`")])


def test_an_input_error_arrives_with_its_file_and_position() -> None:
    with pytest.raises(InputError) as caught, lanes.lane(_bad_input) as helper:
        helper.result()
    assert caught.value.problems == (
        Problem("sessie.yaml", 3, 7, "unknown key 'datum'", "write `date:`"),)
    assert any("_bad_input" in note for note in caught.value.__notes__)  # for --debug


class _Unpicklable(Exception):
    def __init__(self, a: int, b: int) -> None:  # pickling rebuilds it with one argument
        super().__init__(f"{a} and {b}")


def _raise_unpicklable() -> None:
    raise _Unpicklable(1, 2)


def test_an_error_that_cannot_be_pickled_arrives_as_a_render_error_with_its_text() -> None:
    with pytest.raises(RenderError, match=r"_Unpicklable: 1 and 2"), \
            lanes.lane(_raise_unpicklable) as helper:
        helper.result()


def test_a_helper_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(RenderError, match="exit code 3"), \
            lanes.lane(lambda: os._exit(3)) as helper:
        helper.result()


def test_leaving_early_stops_the_helper_first(tmp_path: Path) -> None:
    started = tmp_path / "started"

    def forever() -> None:
        started.write_text(str(os.getpid()))
        while True:
            time.sleep(1)

    with pytest.raises(KeyboardInterrupt), lanes.lane(forever):
        _until(started.exists, "the helper to start")
        pid = int(started.read_text())
        raise KeyboardInterrupt  # as Ctrl-C does while the main process renders its lane
    assert not _alive(pid)


def test_the_switch_and_the_threads_turn_lanes_off(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(lanes, "usable_cores", lambda: 2)
    assert lanes.available() == (threading.active_count() == 1)
    monkeypatch.setenv("OPVOEDKIT_LANES", "1")
    assert not lanes.available()
    monkeypatch.delenv("OPVOEDKIT_LANES")
    monkeypatch.setattr(lanes, "usable_cores", lambda: 1)
    assert not lanes.available()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        monkeypatch.setattr(lanes, "usable_cores", lambda: 2)
        assert not lanes.available()  # forking beside another thread can deadlock the child
    finally:
        stop.set()
        other.join()


def _build(out: Path, *, lanes_on: bool) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env["OPVOEDKIT_LANES"] = "2" if lanes_on else "1"
    return subprocess.run([sys.executable, "-m", "opvoedkit", "build",
                           str(EXAMPLES / "twee-dagdelen-met-gemeente.yaml"), "-o", str(out),
                           "-q"], env=env, capture_output=True, timeout=PATIENCE)


@pytest.mark.skipif(lanes.usable_cores() < 2, reason="one core: builds never fork a helper")
def test_two_lanes_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert _build(one, lanes_on=False).returncode == 0
    assert _build(two, lanes_on=True).returncode == 0
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir())
    assert len(names) == 14  # 13 documents and the manifest
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_a_build_renders_the_helper_kinds_in_the_helper(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from opvoedkit import builder
    from opvoedkit.compose import compose
    from opvoedkit.preflight import prepare

    pack = compose(prepare(EXAMPLES / "ochtend-twee-werelden.yaml", ()), ())
    real = lanes.lane
    record = tmp_path / "helper.json"

    def spy(work):  # type: ignore[no-untyped-def]
        def recorded():  # type: ignore[no-untyped-def]
            results = work()
            record.write_text(json.dumps({"pid": os.getpid(), "kinds": sorted(results)}))
            return results
        return real(recorded)

    monkeypatch.setattr(lanes, "lane", spy)
    monkeypatch.setattr(lanes, "available", lambda: True)  # also beside pytest's threads
    two = builder.write_pack(pack, tmp_path / "two", lanes=True).rendered
    helper = json.loads(record.read_text())
    assert helper["pid"] != os.getpid()
    assert helper["kinds"] == sorted(builder.HELPER_KINDS)
    record.unlink()
    one = builder.write_pack(pack, tmp_path / "one", lanes=False).rendered
    assert not record.exists()
    assert [r.kind for r in two] == [r.kind for r in one] == list(builder.KINDS)
    assert [(r.count, r.anchors) for r in two] == [(r.count, r.anchors) for r in one]
    for r in one:
        assert r.path.read_bytes() == (tmp_path / "two" / r.path.name).read_bytes(), r.kind


def test_a_helper_that_dies_during_a_build_fails_the_build_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from opvoedkit import builder
    from opvoedkit.compose import compose
    from opvoedkit.preflight import prepare

    pack = compose(prepare(EXAMPLES / "ochtend-twee-werelden.yaml", ()), ())
    real = lanes.lane
    monkeypatch.setattr(lanes, "lane", lambda work: real(lambda: os._exit(9)))
    monkeypatch.setattr(lanes, "available", lambda: True)
    with pytest.raises(RenderError) as caught:
        builder.write_pack(pack, tmp_path / "pack", lanes=True)
    assert str(caught.value).startswith(f"could not render the pack for {pack.municipality}: "
                                        "a helper process stopped without finishing")
    assert sorted(tmp_path.iterdir()) == []  # no pack, no hidden render folder
