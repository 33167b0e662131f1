"""A first look at a model: how many of each node and edge kind, and the
formation (total FTE) as a range, since A-5.4 gives some functions as ranges.
"""
from __future__ import annotations

from dataclasses import dataclass, asdict

from .schema import EDGE_KINDS, NODE_KINDS

__all__ = ["Summary", "summarize"]


@dataclass
class Summary:
    """Counts per kind and total FTE of an organisation.

    ``fte_min``/``fte_max`` add up the ``fte`` of every role that has one;
    ``roles_with_fte`` says how many did.
    """

    name: str
    nodes: dict
    edges: dict
    fte_min: float
    fte_max: float
    roles_with_fte: int

    def to_dict(self) -> dict:
        return asdict(self)


def summarize(org) -> Summary:
    """Count nodes and edges per kind and add up the formation.

    Examples
    --------
    >>> s = summarize(sample)
    >>> s.nodes["Role"], (s.fte_min, s.fte_max)
    (7, (4.0, 5.0))
    """
    nodes = {k: 0 for k in NODE_KINDS}
    for _, kind in org.graph.nodes(data="kind"):
        nodes[kind] = nodes.get(kind, 0) + 1
    edges = {k: 0 for k in EDGE_KINDS}
    for _, _, kind in org.graph.edges(data="kind"):
        edges[kind] = edges.get(kind, 0) + 1
    lo = hi = 0.0
    counted = 0
    for _, d in org.graph.nodes(data=True):
        if "fte_min" in d:
            lo += d["fte_min"]
            hi += d.get("fte_max", d["fte_min"])
            counted += 1
    return Summary(org.name, nodes, edges, round(lo, 6), round(hi, 6), counted)
