"""A model's graph with plain attribute values, for formats that hold only
text, numbers and booleans per attribute (GraphML, GEXF)."""
from __future__ import annotations

import math

import networkx as nx

__all__ = ["flat_graph", "flat_value"]


def flat_value(value):
    """A value a plain format can hold, or ``None`` to leave it out: lists
    joined with ``;``, missing numbers dropped, everything else as it is."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, set)):
        return ";".join(map(str, value)) if value else None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def flat_graph(org, reserved=(), graph_attrs=True) -> nx.MultiDiGraph:
    """A copy of ``org.graph`` with flat values; attribute names in
    ``reserved`` get the prefix ``om_`` (the format uses them itself)."""
    def clean(d):
        out = {}
        for k, v in d.items():
            v = flat_value(v)
            if v is not None:
                out[f"om_{k}" if k in reserved else k] = v
        return out
    g = nx.MultiDiGraph()
    if graph_attrs:
        g.graph.update({k: v for k, v in (("name", org.name), ("date", org.date)) if v})
    g.add_nodes_from((n, clean(d)) for n, d in org.graph.nodes(data=True))
    g.add_edges_from((u, v, k, clean(d)) for u, v, k, d in org.graph.edges(keys=True, data=True))
    return g
