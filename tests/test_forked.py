"""The forked child that renders the deck beside the PDFs: results, errors, and clean-up."""

from __future__ import annotations

import os
import threading
import time

import pytest

from opvoedkit import forked
from opvoedkit.forked import Forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


def test_the_childs_value_comes_back() -> None:
    with Forked(lambda: {"pid": os.getpid(), "text": "Gülşen Yıldız"}) as child:
        answer = child.result()
    assert answer["pid"] != os.getpid()
    assert answer["text"] == "Gülşen Yıldız"


def test_the_childs_exception_is_raised_here_with_its_traceback() -> None:
    def fails() -> None:
        raise OSError("disk full")

    with Forked(fails) as child, pytest.raises(OSError, match="disk full") as caught:
        child.result()
    assert "in the forked renderer" in "\n".join(caught.value.__notes__)
    assert "fails" in "\n".join(caught.value.__notes__)


def test_an_exception_that_cannot_travel_arrives_as_its_text() -> None:
    class Local(Exception):  # defined in a function: pickle cannot find it
        pass

    def fails() -> None:
        raise Local("kapot")

    with Forked(fails) as child, pytest.raises(RuntimeError, match="Local: kapot"):
        child.result()


def test_a_child_that_dies_is_reported() -> None:
    with Forked(lambda: os._exit(3)) as child, pytest.raises(RuntimeError,
                                                              match="exit status 3"):
        child.result()


def test_leaving_early_stops_the_child() -> None:
    with Forked(lambda: time.sleep(60)) as child:
        pid = child._pid
        assert pid is not None
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
