"""How a batch stops: Ctrl-C and SIGTERM as requests the main loop reads, and workers that
never outlive the main process.

A signal handler that raises (Python's default for Ctrl-C) can strike inside the process pool's
own locks and threads; there it leaves hung threads and broken locks behind. So while a batch
runs, the handlers only count: the main loop looks at the count between packs and decides.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator


class StopRequests:
    """Counts Ctrl-C presses; a SIGTERM counts as an urgent stop (no packs are finished)."""

    def __init__(self) -> None:
        self.presses = 0
        self.terminated = False
        self.raise_when_urgent = False  # set where no library's threads or locks can be hit

    @property
    def stopping(self) -> bool:
        """Start no more packs."""
        return self.presses > 0 or self.terminated

    @property
    def urgent(self) -> bool:
        """Stop the packs in progress too (a second Ctrl-C, or SIGTERM)."""
        return self.presses > 1 or self.terminated

    def _on_signal(self, signum: int, frame: object) -> None:
        if signum == signal.SIGTERM:
            self.terminated = True
        else:
            self.presses += 1
        if self.urgent and self.raise_when_urgent:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def listening(self) -> Iterator[StopRequests]:
        """Count SIGINT and SIGTERM instead of raising, for the time of the ``with`` (in the
        main thread only: elsewhere signals cannot be handled, and nothing changes)."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = {sig: signal.signal(sig, self._on_signal)
                    for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield self
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def die_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent dies (also by SIGKILL). Elsewhere
    there is no such request; the pool then notices the lost parent on its own, later."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)


def watch_parent(parent: int, interval: float = 1.0) -> None:
    """A fallback for :func:`die_with_parent`: a daemon thread that looks every ``interval``
    seconds whether the parent is still ``parent``, and if not sends this process SIGTERM (its
    usual way out, with clean-up), then leaves for good. Under heavy load a worker was seen to
    outlive a killed batch, blocked on the pool's queue that it holds both ends of."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(10 * interval)  # the SIGTERM handler unwinds the pack in progress
        os._exit(128 + signal.SIGTERM)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
