"""Stopping a build or a batch: Ctrl-C, a second Ctrl-C, SIGTERM and SIGKILL.

Each test waits for an event (a hidden render folder appears, a line is printed, a pack is on
disk), never for a fixed time, so it holds on a loaded machine: it only asserts what must be
true whenever the signal lands. Processes run in a session of their own, so that workers left
behind can be found (Linux: /proc) and the test can wait until none remain.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import EXAMPLES

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="finding left-over workers needs Linux's /proc")
PATIENCE = 600.0  # seconds; only reached when something hangs


def _session_members(session: int) -> list[int]:
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == session and fields[0] != "Z":
                members.append(int(stat.parent.name))
    return members


def _until(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.01)


def _start(*args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "opvoedkit", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def _render_folders(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*tmp-*")] if folder.exists() else []


def _wait_for_line(process: subprocess.Popen[bytes], needle: bytes) -> bytes:
    """Read stdout and stderr until ``needle`` appears (or the process ends); return both."""
    seen = b""
    with selectors.DefaultSelector() as selector:
        assert process.stdout is not None and process.stderr is not None
        for stream in (process.stdout, process.stderr):
            os.set_blocking(stream.fileno(), False)
            selector.register(stream, selectors.EVENT_READ)
        deadline = time.monotonic() + PATIENCE
        while needle not in seen and selector.get_map():
            assert time.monotonic() < deadline, f"no {needle!r} in {seen[-2000:]!r}"
            for key, _ in selector.select(timeout=1):
                chunk = key.fileobj.read()  # type: ignore[union-attr]
                if not chunk:
                    selector.unregister(key.fileobj)
                seen += chunk or b""
        for stream in (process.stdout, process.stderr):
            os.set_blocking(stream.fileno(), True)
    return seen


def _finish(process: subprocess.Popen[bytes]) -> tuple[int, bytes]:
    out, err = process.communicate(timeout=PATIENCE)
    _until(lambda: not _session_members(process.pid), "the workers to end")
    return process.returncode, out + err


def _check_packs(out: Path) -> list[str]:
    """Every pack folder holds a whole pack: each file the manifest lists, as listed."""
    import hashlib

    complete = []
    for pack in sorted(p for p in out.iterdir() if p.is_dir()):
        manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["files"]:
            data = (pack / entry["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
        complete.append(pack.name)
    return complete


def _batch(tmp_path: Path, rows: int = 12) -> Path:
    lines = ["base:", "  audience: [professionals, informal]",
             "  exercises: [kennismaken-wie-zit-er-aan-tafel, beeld-van-elkaar]",
             "  allow_slack: true", "sessions:"]
    lines += [f"  - municipality: Plaats {n}" for n in range(rows)]
    path = tmp_path / "b.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ctrl_c_during_a_build_leaves_nothing_half_written(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    process = _start("build", EXAMPLES / "twee-dagdelen-met-gemeente.yaml", "-o", out)
    _until(lambda: _render_folders(tmp_path) or process.poll() is not None, "rendering")
    os.killpg(process.pid, signal.SIGINT)
    code, said = _finish(process)
    assert _render_folders(tmp_path) == [], said
    assert b"Traceback" not in said
    if code == 130:
        assert b"interrupted; nothing half-written" in said
        assert not out.exists() or _check_packs(tmp_path)
    else:  # finished before the signal
        assert code == 0, said
        _check_packs(tmp_path)


def test_ctrl_c_during_a_batch_finishes_the_packs_in_progress(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = _start("batch", _batch(tmp_path), "-o", out, "-j", "2")
    _wait_for_line(process, b"[1/12] ok")
    os.killpg(process.pid, signal.SIGINT)  # like Ctrl-C in a terminal: the whole group
    code, said = _finish(process)
    assert code == 130, said
    assert b"interrupted; nothing half-written" in said and b"Traceback" not in said
    assert _render_folders(out) == []
    on_disk = _check_packs(out)
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    assert sorted(r["slug"] for r in report["rows"] if r["status"] == "ok") == on_disk
    assert 1 <= len(on_disk) < 12
    again = _start("batch", tmp_path / "b.yaml", "-o", out, "-j", "2")
    code, said = _finish(again)
    assert code == 0, said
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    assert report["totals"] == {"ok": 12 - len(on_disk), "failed": 0, "skipped": len(on_disk)}


def test_a_second_ctrl_c_stops_the_workers_too(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = _start("batch", _batch(tmp_path, 30), "-o", out, "-j", "2")
    _until(lambda: _render_folders(out) or process.poll() is not None, "rendering")
    os.killpg(process.pid, signal.SIGINT)
    _wait_for_line(process, b"stopping")
    os.killpg(process.pid, signal.SIGINT)
    code, said = _finish(process)
    assert code == 130, said
    assert b"Traceback" not in said and b"RuntimeError" not in said
    assert _render_folders(out) == []
    _check_packs(out)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_workers_never_outlive_the_batch_and_a_rerun_skips_what_is_done(
        tmp_path: Path, how: signal.Signals) -> None:
    out = tmp_path / "out"
    # One light file per pack: the test is about processes, and 12 whole packs take minutes on
    # a busy machine.
    process = _start("batch", _batch(tmp_path), "-o", out, "-j", "2", "--only", "attendance")
    _wait_for_line(process, b"[2/12] ok")
    os.kill(process.pid, how)  # the main process only, as a service manager or `kill` does
    code, said = _finish(process)  # also waits until no worker is left in its session
    assert code != 0
    assert b"Traceback" not in said
    _until(lambda: not _render_folders(out) or how == signal.SIGKILL, "clean-up")
    done_before = _check_packs(out)
    state = json.loads((out / ".opvoedkit-batch-state.json").read_text(encoding="utf-8"))
    again = _start("batch", tmp_path / "b.yaml", "-o", out, "-j", "2", "--only", "attendance")
    code, said = _finish(again)
    assert code == 0, said
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    skipped = {r["slug"] for r in report["rows"] if r["status"] == "skipped"}
    assert set(state) <= skipped and len(skipped) >= 2
    assert set(done_before) >= skipped
    assert _render_folders(out) == []
    assert len(_check_packs(out)) == 12


def test_a_killed_build_is_cleaned_up_by_the_next_one(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    process = _start("build", EXAMPLES / "twee-dagdelen-met-gemeente.yaml", "-o", out)
    _until(lambda: _render_folders(tmp_path) or process.poll() is not None, "rendering")
    os.killpg(process.pid, signal.SIGKILL)  # no chance to clean up
    _finish(process)
    assert not out.exists() or _check_packs(tmp_path)  # never a half-written pack
    again = _start("build", EXAMPLES / "twee-dagdelen-met-gemeente.yaml", "-o", out)
    code, said = _finish(again)
    assert code == 0, said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


_CHILD = """
import sys, time
from opvoedkit.stopping import watch_parent
watch_parent(int(sys.argv[1]), 0.05)
print("ready", flush=True)
time.sleep(600)
"""
_PARENT = """
import os, subprocess, sys
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], str(os.getpid())],
                         stdout=subprocess.PIPE)
child.stdout.readline()  # the child watches us now
print(child.pid, flush=True)
os.pause()
"""


def test_a_worker_whose_parent_is_killed_leaves_even_without_pdeathsig() -> None:
    """watch_parent: the fallback when Linux's parent-death signal does not arrive."""
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, _CHILD], stdout=subprocess.PIPE)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait()

    def gone() -> bool:
        try:
            state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        return state == "Z"

    _until(gone, "the orphaned child to leave")


def _usable_cores() -> int:
    from opvoedkit.stopping import usable_cores

    return usable_cores()


@pytest.mark.skipif(_usable_cores() < 2, reason="one core: a build forks no helper lane")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_a_build_stopped_while_its_helper_renders_leaves_no_process(
        tmp_path: Path, stop: signal.Signals) -> None:
    """The helper lane (lanes.py) ends with the build, however the build is stopped."""
    out = tmp_path / "pack"
    process = _start("build", EXAMPLES / "twee-dagdelen-met-gemeente.yaml", "-o", out)
    _until(lambda: len(_session_members(process.pid)) > 1 or process.poll() is not None,
           "the helper lane to start")
    if stop == signal.SIGINT:
        os.killpg(process.pid, stop)  # Ctrl-C reaches the helper too; it leaves it to the build
    else:
        os.kill(process.pid, stop)  # the build alone
    code, said = _finish(process)  # waits until no process of the build is left
    assert b"Traceback" not in said
    assert not out.exists() or _check_packs(tmp_path)
    if stop != signal.SIGKILL:
        assert _render_folders(tmp_path) == [], said
        assert code in (0, 130), said
