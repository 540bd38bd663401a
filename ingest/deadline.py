"""A hard time limit on a block of work, for input that may be built to take forever."""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager


class Overtime(BaseException):
    """Raised when the time is up; a BaseException so that a parser's own `except Exception` cannot swallow it."""


@contextmanager
def time_limit(seconds: float):
    """Interrupt the block after `seconds` with Overtime (main thread only; elsewhere the block runs unbounded).

    Limits nest: an inner block gets at most the time its outer block has left, and the outer timer
    keeps running when the inner block ends.
    """
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def _stop(signum, frame):
        raise Overtime()

    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_left) if outer_left > 0 else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left > 0:
            # Never 0 (that would cancel it): an outer limit already spent fires at once.
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 0.001))
