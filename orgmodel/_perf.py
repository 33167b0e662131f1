"""Pausing Python's cycle collector while a command runs: the one place it is done.

Building 100k routes or rows allocates millions of small tuples and dicts;
each allocation burst triggers a cycle-collection pass that walks every
live object, which at 100k roles costs more than the analysis itself
(measured: escalation 2.0 s → 0.8 s).  The structures orgmodel builds hold no
reference cycles, so plain reference counting frees them.

The library's analyses leave the collector alone (a notebook's collector is
its owner's business); the command line (:func:`orgmodel.cli.main`) and the
benchmarks' steps run under :func:`paused_gc`, and so can a script.  The
database's push and pull (:mod:`orgmodel.store`) pause it for their own call
(:func:`pausing_gc`) and put it back as it was: each moves a whole
organisation's rows in one call, and with the collector on a pull of 100,000
roles took twice as long (measured: 8.9 s against 4.0 s).

>>> import gc
>>> with paused_gc():
...     gc.isenabled()
False
"""
from __future__ import annotations

import functools
import gc
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names in annotations only
    from collections.abc import Callable, Iterator



@contextmanager
def paused_gc() -> Iterator[None]:
    """Switch the cycle collector off for the block, back on (if it was on) after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pausing_gc(fn: Callable) -> Callable:
    """``fn``, run under :func:`paused_gc` at each call.

    >>> import gc
    >>> pausing_gc(gc.isenabled)(), gc.isenabled()
    (False, True)
    """
    @functools.wraps(fn)
    def run(*args, **kwargs):
        with paused_gc():
            return fn(*args, **kwargs)
    return run


@contextmanager
def collecting() -> Iterator[None]:
    """Switch the cycle collector on for the block, back off (if it was off) after.

    For what runs for days inside a command, the web app's server: its
    requests leave cycles (exceptions with their tracebacks, the event loop's
    tasks) that only the collector frees.

    >>> with paused_gc():
    ...     with collecting():
    ...         gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()
