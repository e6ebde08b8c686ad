"""Two lanes for one build: a forked helper renders part of a pack while this process renders
the rest (part of the render stage; :mod:`opvoedkit.builder` decides what goes where).

Once a pack is composed and laid out, its documents no longer depend on one another, except that
the handbook cites the hand-out's pages (both go into the same lane). On a machine with two free
cores a build then takes the time of the longer lane instead of the sum.

The helper is a plain fork (``multiprocessing``'s public API) made after laying out: it inherits
the pack and the layout instead of receiving them pickled, writes its files into the same hidden
folder, and sends back only what the manifest needs (:class:`~opvoedkit.render.Rendered`).

* It ignores Ctrl-C (the terminal sends it to the whole process group; the main process decides)
  and asks Linux to be stopped when the main process dies, however it dies.
* When the main process stops early (an error in its own lane, Ctrl-C, SIGTERM), it stops the
  helper and waits for it before the hidden folder is removed: nothing writes into a folder
  that is being removed.
* An error in the helper reaches the main process as the same exception (file and position of
  an input error included), with the helper's traceback as a note for ``--debug``.

There is no helper (one lane, the same bytes) with ``OPVOEDKIT_LANES=1``, on one usable core,
off Linux (fork is Linux's cheap and safe case), or when another thread runs (forking a process
with threads can deadlock the child).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from .errors import RenderError
from .i18n import _
from .stopping import die_with_parent, usable_cores, watch_parent

T = TypeVar("T")


def available() -> bool:
    """True when a build may fork a helper lane here."""
    return (sys.platform.startswith("linux")
            and os.environ.get("OPVOEDKIT_LANES", "").strip() != "1"
            and threading.active_count() == 1
            and usable_cores() >= 2)


class Lane(Generic[T]):
    """A forked helper running ``work()``; :meth:`result` waits for what it returned."""

    def __init__(self, work: Callable[[], T]) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, send, os.getpid()),
                                        name="opvoedkit-lane", daemon=True)
        self._process.start()
        send.close()  # the helper holds the only sending end: its death reads as EOF

    def result(self) -> T:
        """What ``work()`` returned in the helper, or the exception it raised, raised here."""
        try:
            outcome, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise RenderError(_("a helper process stopped without finishing (exit code {code})"
                                ).format(code=self._process.exitcode)) from None
        self._process.join()
        if outcome == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def stop(self) -> None:
        """Stop the helper if it still runs, and wait until it has."""
        if self._process.exitcode is None:
            self._process.terminate()
        while True:
            try:
                self._process.join()
                break
            except KeyboardInterrupt:  # a second Ctrl-C while a stopped helper exits: wait on
                continue
        self._receive.close()


@contextlib.contextmanager
def lane(work: Callable[[], T]) -> Iterator[Lane[T]]:
    """Run ``work()`` in a helper for the time of the ``with``; however the block ends, the
    helper has ended when it is left."""
    helper = Lane(work)
    try:
        yield helper
    finally:
        helper.stop()


def _run(work: Callable[[], Any], send: Any, parent: int) -> None:
    """The helper's side: do the work, send back its result or its error, leave."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the main process removes what is half-made
    die_with_parent()
    if os.getppid() != parent:  # the main process died before we got this far
        os._exit(1)
    watch_parent(parent)  # in case the parent-death signal does not come (seen under load)
    try:
        message: tuple[str, Any] = ("ok", work())
    except BaseException as exc:  # every error goes back to the main process
        message = ("error", _portable(exc))
    send.send(message)
    send.close()


def _portable(exc: BaseException) -> BaseException:
    """``exc`` as it can cross to the main process: with the helper's traceback as a note, and
    as a RenderError with its text when it cannot be pickled."""
    exc.add_note(_("(in the helper process)") + "\n" + "".join(traceback.format_exception(exc)))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # any that does not survive the trip
        return RenderError(f"{type(exc).__name__}: {exc}")
    return exc
