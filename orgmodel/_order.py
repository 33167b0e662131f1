"""Topological order on plain adjacency dicts.

networkx views are convenient but slow at 100k roles; the analyses that walk
the line in order (escalation, layering) use this instead.  Kahn's algorithm:
nodes come out sinks-first; nodes on or above a cycle never do, and are
returned apart so the caller can treat them (rarely) the slow, careful way.
"""
from __future__ import annotations

from collections import deque


def sinks_first(nodes, succ):
    """``(order, rest)``: ``order`` lists nodes after all their successors;
    ``rest`` holds the nodes that lie on a cycle or lead into one."""
    pending = {n: len(succ.get(n, ())) for n in nodes}
    pred = {}
    for n in nodes:
        for m in succ.get(n, ()):
            pred.setdefault(m, []).append(n)
    queue = deque(n for n, k in pending.items() if k == 0)
    order = []
    while queue:
        n = queue.popleft()
        order.append(n)
        for p in pred.get(n, ()):
            pending[p] -= 1
            if pending[p] == 0:
                queue.append(p)
    done = set(order)
    rest = [n for n in nodes if n not in done]
    return order, rest
