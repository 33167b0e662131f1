"""Reading a file never reaches the network.

A JSON-LD document may name its ``@context`` by URL, and rdflib fetches such a
context when it parses the document: an untrusted file could make orgmodel
send a request anywhere (or reveal that it was opened).  Two guards:

* :func:`remote_contexts` finds every context a JSON-LD document names rather
  than writes out, so that the reader can refuse the file with a clear message
  before any parser sees it;
* :func:`offline` is a block in which any attempt of this thread to open a
  network connection or resolve a host name fails (through Python's audit
  hooks, which see every ``urllib`` request and every socket), whatever
  library makes it.  The hook is added to the process once, on first use, and
  does nothing outside an ``offline()`` block.

>>> remote_contexts({"@context": ["https://example.org/ctx.jsonld", {"x": "y"}]})
['https://example.org/ctx.jsonld']
>>> import urllib.request
>>> with offline():
...     urllib.request.urlopen("http://127.0.0.1:9/")
Traceback (most recent call last):
...
orgmodel._offline.NetworkRefused: orgmodel reads files without the network; this one asked for http://127.0.0.1:9/
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import OrgModelError

__all__ = ["NetworkRefused", "offline", "remote_contexts"]

#: The audit events of a request leaving the machine (or a name looked up).
_EVENTS = frozenset({"urllib.Request", "socket.connect", "socket.getaddrinfo",
                     "socket.gethostbyname", "socket.gethostbyaddr", "http.client.connect"})
_state = threading.local()
_hooked = threading.Lock()
_HOOK_ADDED: list = []          # (a list so that the module says whether it has been added)


class NetworkRefused(OrgModelError):
    """Something asked for the network while orgmodel was reading a file."""


def _audit(event: str, args: tuple) -> None:
    if event in _EVENTS and _depth():
        # (urllib.Request: the URL first; socket.connect: the socket, then the
        # address; http.client.connect: the connection, host and port)
        what = args[1] if event == "socket.connect" else \
            ":".join(map(str, args[1:])) if event == "http.client.connect" else args[0]
        raise NetworkRefused(f"orgmodel reads files without the network; this one asked for {what}")


def _depth() -> int:
    return getattr(_state, "depth", 0)


@contextmanager
def offline() -> Iterator[None]:
    """A block in which this thread cannot reach the network."""
    with _hooked:
        if not _HOOK_ADDED:
            sys.addaudithook(_audit)
            _HOOK_ADDED.append(True)
    _state.depth = _depth() + 1
    try:
        yield
    finally:
        _state.depth -= 1


def context_values(document):
    """Every value ``document`` (parsed JSON-LD) gives as an ``@context`` or
    ``@import`` (each item of a list on its own), at any depth.  Walked
    without recursion, so that a deeply nested file cannot exhaust the stack.

    >>> doc = {"@context": ["https://x/c", {"@import": "y"}], "a": [{"@context": 1}]}
    >>> list(context_values(doc))
    ['https://x/c', {'@import': 'y'}, 1, 'y']
    """
    todo = [document]
    while todo:
        item = todo.pop()
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key in ("@context", "@import"):
                    for ref in value if isinstance(value, list) else [value]:
                        yield ref
                        if not isinstance(ref, str):
                            todo.append(ref)
                else:
                    todo.append(value)


def remote_contexts(document) -> list[str]:
    """Every context ``document`` (parsed JSON-LD) names by reference instead
    of writing it out: a string ``@context`` or ``@import``, at any depth."""
    return [ref for ref in context_values(document) if isinstance(ref, str)]
