"""The forked helper that renders the PDFs beside the deck: input, results, errors, clean-up."""

from __future__ import annotations

import os
import threading
import time

import pytest

from opvoedkit import forked
from opvoedkit.forked import Forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


def test_the_input_goes_over_and_the_value_comes_back() -> None:
    with Forked(lambda name: {"pid": os.getpid(), "text": name.upper()}) as child:
        child.send("Gülşen Yıldız & <b> {{ x }}")
        answer = child.result()
    assert answer["pid"] != os.getpid()
    assert answer["text"] == "GÜLŞEN YILDIZ & <B> {{ X }}"


def test_a_large_input_is_sent_while_the_child_still_warms_up() -> None:
    # send() must not wait for the child's warm-up (the parent has its own work to do).
    with Forked(len, warm=lambda: time.sleep(1.0)) as child:
        started = time.monotonic()
        child.send(b"x" * 300_000)
        sent_after = time.monotonic() - started
        assert child.result() == 300_000
    assert sent_after < 0.9


def test_the_childs_exception_is_raised_here_with_its_traceback() -> None:
    def fails(_: object) -> None:
        raise OSError("disk full")

    with Forked(fails) as child, pytest.raises(OSError, match="disk full") as caught:
        child.send(None)
        child.result()
    assert "in the forked renderer" in "\n".join(caught.value.__notes__)
    assert "fails" in "\n".join(caught.value.__notes__)


def test_a_failing_warm_up_is_reported_like_a_failing_job() -> None:
    def warm() -> None:
        raise ImportError("no reportlab")

    with Forked(str, warm=warm) as child, pytest.raises(ImportError, match="no reportlab"):
        child.send(1)
        child.result()


def test_an_exception_that_cannot_travel_arrives_as_its_text() -> None:
    class Local(Exception):  # defined in a function: pickle cannot find it
        pass

    def fails(_: object) -> None:
        raise Local("kapot")

    with Forked(fails) as child, pytest.raises(RuntimeError, match="Local: kapot"):
        child.send(None)
        child.result()


def test_a_child_that_dies_is_reported() -> None:
    with Forked(lambda _: os._exit(3)) as child, pytest.raises(RuntimeError,
                                                                match="exit status 3"):
        child.send(None)
        child.result()


@pytest.mark.parametrize("sent", [False, True])
def test_leaving_early_stops_the_child(sent: bool) -> None:
    with Forked(lambda _: time.sleep(60), warm=lambda: time.sleep(0.2)) as child:
        pid = child._pid
        assert pid is not None
        if sent:  # the parent failed after sending (say, rendering the deck)
            child.send(None)
    with pytest.raises(ChildProcessError):  # reaped: no such child any more
        os.waitpid(pid, os.WNOHANG)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert forked.available() is False
    finally:
        stop.set()
        thread.join()
