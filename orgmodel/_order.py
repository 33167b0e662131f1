"""Topological order on plain adjacency dicts.

networkx views are convenient but slow at 100k roles; the analyses that walk
the line in order (escalation, layering) use this instead.  Kahn's algorithm:
nodes come out sinks-first; nodes on or above a cycle never do, and are
returned apart so the caller can treat them (rarely) the slow, careful way.
"""
from __future__ import annotations


def sinks_first(nodes, succ):
    """``(order, rest)``: ``order`` lists nodes (each given once) after all
    their successors; ``rest`` holds the nodes that lie on a cycle or lead
    into one."""
    # One pass sets up the counts (nodes without successors go straight into
    # the order), and the order itself serves as the queue: at a million
    # posts, a sixth less than a deque and a count looked up for every node.
    pending, pred, order = {}, {}, []
    for n in nodes:
        above = succ.get(n)
        if not above:
            order.append(n)
            continue
        pending[n] = len(above)
        for m in above:
            waiting = pred.get(m)
            if waiting is None:
                pred[m] = [n]
            else:
                waiting.append(n)
    i = 0
    while i < len(order):
        waiting = pred.get(order[i])
        i += 1
        if waiting:
            for p in waiting:
                k = pending[p] - 1
                pending[p] = k
                if not k:
                    order.append(p)
    done = set(order) if len(order) < len(nodes) else None
    rest = [n for n in nodes if n not in done] if done is not None else []
    return order, rest
