"""Pausing Python's cycle collector while a command runs: the one place it is done.

Building 100k routes or rows allocates millions of small tuples and dicts;
each allocation burst triggers a cycle-collection pass that walks every
live object, which at 100k roles costs more than the analysis itself
(measured: escalation 2.0 s → 0.8 s).  The structures orgmodel builds hold no
reference cycles, so plain reference counting frees them.

The library's functions leave the collector alone (a notebook's collector is
its owner's business); the command line (:func:`orgmodel.cli.main`) and the
benchmarks' steps run under :func:`paused_gc`, and so can a script:

>>> import gc
>>> with paused_gc():
...     gc.isenabled()
False
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names in annotations only
    from collections.abc import Iterator



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
