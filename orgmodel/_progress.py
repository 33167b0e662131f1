"""Progress of long work on a terminal, and nothing anywhere else.

Library code marks its stages (``with task("Writing the report", 12) as step:
... step("routes")``); nothing is shown unless the command line switched bars
on (:func:`enable`, only when standard error is a terminal), so notebooks,
pipes, files and tests see no bar.  The bar is click's (a dependency already),
not a hand-written one.  Nested tasks run quietly inside the outer one.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager

_enabled = False
_depth = 0


def enable(on: bool = True):
    """Show bars from now on (the CLI calls this when stderr is a terminal)."""
    global _enabled
    _enabled = bool(on)


def _noop(_name=""):
    return None


@contextmanager
def task(label: str, total: int):
    """A bar of ``total`` stages labelled ``label``; yields ``step(name)``."""
    global _depth
    if not _enabled or _depth:
        _depth += 1
        try:
            yield _noop
        finally:
            _depth -= 1
        return
    import click

    from .escape import terminal
    label = terminal(label)           # a name from the data is shown inert
    _depth += 1
    try:
        with click.progressbar(length=total, label=label, file=sys.stderr,
                               show_eta=False, show_percent=True,
                               item_show_func=lambda x: x) as bar:
            def step(name=""):
                bar.update(1, terminal(name) if name else None)
            yield step
    finally:
        _depth -= 1
