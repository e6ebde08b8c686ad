"""Run one function in a forked child process while the parent goes on; collect its result.

Used by a single ``opvoedkit build`` to render the PDFs and the calendar on the second core. The
child is forked before the session is even read: while the parent validates, plans and
composes, the child loads reportlab, the fonts and the renderers (``warm``). Then the parent
sends the composed pack and renders the deck itself; the other files' details come back when
both are done. Values travel pickled through two pipes.

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

A = TypeVar("A")
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


class Forked(Generic[A, T]):
    """A child process that runs ``warm()``, waits for :meth:`send`, then runs ``function``
    on what was sent; :meth:`result` waits for the answer.

    The child ignores Ctrl-C: the parent receives it too, and stops the child in :meth:`close`
    before it cleans up, so nothing is written after the cleanup. Always call :meth:`close`
    (``with`` does), also when the parent fails before it sends anything.
    """

    def __init__(self, function: Callable[[A], T], *,
                 warm: Callable[[], object] = lambda: None) -> None:
        to_child, self._send = os.pipe()
        self._read, from_child = os.pipe()
        # A pack pickles to 50-200 kB. With room for all of it, send() returns while the child
        # is still warming up; otherwise (not Linux, or a huge pack) send() waits for it.
        with contextlib.suppress(ImportError, AttributeError, OSError):
            import fcntl

            fcntl.fcntl(self._send, fcntl.F_SETPIPE_SZ, 1 << 20)
        for stream in (sys.stdout, sys.stderr):  # nothing buffered may be printed twice
            stream.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(self._send)
            os.close(self._read)
            _child(function, warm, to_child, from_child)
        os.close(to_child)
        os.close(from_child)
        self._pid: int | None = pid

    def send(self, value: A) -> None:
        """Give the child its input (once)."""
        _write_all(self._send, pickle.dumps(value))
        os.close(self._send)
        self._send = -1

    def result(self) -> T:
        """The function's return value; its exception is raised here, with the child's
        traceback as a note."""
        data = _read_all(self._read)
        status = self._reap()
        if not data:
            raise RuntimeError(f"the child process ended without an answer ({_describe(status)})")
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        result: T = value
        return result

    def close(self) -> None:
        """Stop the child if it still runs, and release the pipes."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGTERM)
            self._reap()
        for fd in (self._send, self._read):
            if fd >= 0:
                os.close(fd)
        self._send = self._read = -1

    def _reap(self) -> int:
        pid, self._pid = self._pid, None
        if pid is None:
            return 0
        return os.waitpid(pid, 0)[1]

    def __enter__(self) -> Forked[A, T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _child(function: Callable[[A], T], warm: Callable[[], object], inbox: int,
           outbox: int) -> None:
    """Run in the child: warm up, wait for the input, answer (True, value) or (False,
    exception), then leave at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    code = 0
    try:
        try:
            warm()
            data = _read_all(inbox)
            if not data:  # the parent gave up before sending (say, an invalid session)
                os._exit(0)
            payload = pickle.dumps((True, function(pickle.loads(data))))
        except BaseException as exc:  # everything goes back to the parent
            exc.add_note("in the forked renderer:\n" + traceback.format_exc().rstrip())
            try:
                payload = pickle.dumps((False, exc))
            except Exception:  # an exception that cannot be pickled: send its text
                payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        _write_all(outbox, payload)
    except BaseException:  # the parent sees the missing answer
        code = 1
    finally:
        os._exit(code)  # no atexit, no flushing of the parent's buffers, no cleanup of its files


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
