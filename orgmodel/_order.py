"""Topological order on plain adjacency dicts, and the order a reader
expects of names with numbers in them (:func:`natural_key`).

networkx views are convenient but slow at 100k roles; the analyses that walk
the line in order (escalation, layering) use this instead.  Nodes come out
sinks-first; nodes on or above a cycle never do, and are returned apart so the
caller can treat them (rarely) the slow, careful way.
"""
from __future__ import annotations

import re


def sinks_first(nodes, succ):
    """``(order, rest)``: ``order`` lists nodes (each given once) after all
    their successors; ``rest`` holds the nodes that lie on a cycle or lead
    into one.

    Examples
    --------
    >>> sinks_first(["tm", "dd", "gd"], {"tm": ["dd"], "dd": ["gd"]})
    (['gd', 'dd', 'tm'], [])
    >>> sinks_first(["a", "b", "c"], {"a": ["b"], "b": ["a"], "c": ["a"]})
    ([], ['a', 'b', 'c'])
    """
    # A depth-first walk up from each node, finishing a node after its
    # successors: a node whose one successor is finished already (most posts,
    # read top-down) costs two set lookups.  At a million posts this takes
    # half the time of Kahn's algorithm, which counts and lists every node's
    # predecessors first.  A cycle, or a successor outside ``nodes``, hands
    # the whole question to Kahn's algorithm, which says which nodes it holds.
    if not isinstance(nodes, (list, tuple)):
        nodes = list(nodes)
    member = set(nodes)
    done, busy, order = set(), set(), []
    for n in nodes:
        if n in done:
            continue
        above = succ.get(n)
        if not above or (len(above) == 1 and above[0] in done):
            done.add(n)
            order.append(n)
            continue
        stack, pending = [n], [iter(above)]
        busy.add(n)
        while stack:
            for m in pending[-1]:
                if m in done:
                    continue
                if m in busy or m not in member:
                    return _kahn(nodes, succ)
                up = succ.get(m)
                if up:
                    busy.add(m)
                    stack.append(m)
                    pending.append(iter(up))
                    break
                done.add(m)
                order.append(m)
            else:
                v = stack.pop()
                pending.pop()
                busy.discard(v)
                done.add(v)
                order.append(v)
    return order, []


def _kahn(nodes, succ):
    """:func:`sinks_first` by Kahn's algorithm, which leaves out the nodes on
    or under a cycle."""
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


def forest_sums(parent, amounts):
    """``amounts`` (one row per node) with each node's row added to every
    node above it in a forest; ``parent`` gives each node's parent's row,
    -1 at a root.

    A node's depth comes from pointer jumping (a few numpy steps however
    deep the forest), then the rows go up one level at a time, deepest
    first: a million nodes ten levels deep take ten numpy steps.  Each sum
    adds the rows below in their order.

    Examples
    --------
    >>> import numpy as np
    >>> forest_sums(np.array([-1, 0, 1, 1]), np.array([1, 1, 1, 1])).tolist()
    [4, 3, 1, 1]
    """
    import numpy as np
    total = np.array(amounts, copy=True)
    depth, hop = (parent >= 0).astype(np.int64), parent.copy()
    while True:
        live = np.flatnonzero(hop >= 0)
        if not len(live):
            break
        depth[live] += depth[hop[live]]
        hop[live] = hop[hop[live]]
    for k in range(int(depth.max(initial=0)), 0, -1):
        kids = np.flatnonzero(depth == k)
        np.add.at(total, parent[kids], total[kids])
    return total


_DIGITS = re.compile(r"[0-9]+")


def natural_key(x) -> str:
    """A sort key that orders the numbers in ids and names as numbers
    (``P2`` before ``P10``, ``Team 9`` before ``Team 10``), letters without
    regard to case, and ties by the text itself, so that the order is total.
    (A text, not a tuple: pandas sorts a column of them as fast as the ids.)

    >>> sorted(["P10", "P2", "p1", "P1", "Team 10", "Team 9"], key=natural_key)
    ['P1', 'p1', 'P2', 'P10', 'Team 9', 'Team 10']
    >>> sorted(["1001", "999", "F001", "F01"], key=natural_key)
    ['999', '1001', 'F001', 'F01']
    """
    text = str(x)
    return _DIGITS.sub(lambda m: m.group().zfill(20), text.casefold()) + "\0" + text


def natural_column(column):
    """A ``key`` for :meth:`pandas.DataFrame.sort_values`: a column of text
    (ids, names) in :func:`natural_key` order, any other as it is.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"n": [1, 1, 2], "id": ["P10", "P2", "P1"]})
    >>> df.sort_values(["n", "id"], key=natural_column)["id"].tolist()
    ['P2', 'P10', 'P1']
    """
    from pandas.api.types import is_string_dtype
    return column.map(natural_key) if is_string_dtype(column) else column
