"""Run one function in a forked child process while the parent goes on; collect its result.

Used by a single ``opvoedkit build`` to render the deck on the second core while the PDFs are
rendered on the first. The child is a copy of the parent (no re-import, no pickling of the
pack); only its return value or exception travels back, pickled, through a pipe.

Forking is only safe in a process with one thread, and only useful with a spare core;
:func:`available` says whether both hold. Library callers and batch workers never fork.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def available() -> bool:
    """True on a POSIX system with more than one usable core and no other threads running."""
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores > 1


class Forked(Generic[T]):
    """``function()`` running in a child process; :meth:`result` waits for it.

    The child ignores Ctrl-C: the parent receives it too, and stops the child in :meth:`close`
    before it cleans up, so nothing is written after the cleanup. Always call :meth:`close`
    (``with`` does), also when the parent fails.
    """

    def __init__(self, function: Callable[[], T]) -> None:
        read, write = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # nothing buffered may be printed twice
            stream.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read)
            _child(function, write)
        os.close(write)
        self._pid: int | None = pid
        self._read = read

    def result(self) -> T:
        """The function's return value; its exception is raised here, with the child's
        traceback as a note."""
        chunks = []
        while chunk := os.read(self._read, 1 << 16):
            chunks.append(chunk)
        status = self._reap()
        if not chunks:
            raise RuntimeError(f"the child process ended without an answer ({_describe(status)})")
        ok, value = pickle.loads(b"".join(chunks))
        if not ok:
            raise value
        result: T = value
        return result

    def close(self) -> None:
        """Stop the child if it still runs, and release the pipe."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGTERM)
            self._reap()
        os.close(self._read)
        self._read = -1

    def _reap(self) -> int:
        pid, self._pid = self._pid, None
        if pid is None:
            return 0
        return os.waitpid(pid, 0)[1]

    def __enter__(self) -> Forked[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._read >= 0:
            self.close()


def _child(function: Callable[[], T], write: int) -> None:
    """Run in the child: answer (ok, value) or (False, exception), then leave at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    code = 0
    try:
        try:
            payload = pickle.dumps((True, function()))
        except BaseException as exc:  # everything goes back to the parent
            exc.add_note("in the forked renderer:\n" + traceback.format_exc().rstrip())
            try:
                payload = pickle.dumps((False, exc))
            except Exception:  # an exception that cannot be pickled: send its text
                payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(payload)
        while view:
            view = view[os.write(write, view):]
    except BaseException:  # the parent sees the missing answer
        code = 1
    finally:
        os._exit(code)  # no atexit, no flushing of the parent's buffers, no cleanup of its files


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
