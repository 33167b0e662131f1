"""A model's graph with plain attribute values, for formats that hold only
text, numbers and booleans per attribute (GraphML, GEXF)."""
from __future__ import annotations

import math
import re

import networkx as nx

from ..errors import Problem, ValidationError
from ..i18n import Message

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


#: What XML 1.0 cannot carry at all, not even as a character reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_problems(org, what: str) -> list:
    """Every text of ``org`` that XML cannot carry, as a problem naming the
    row ``save`` would write it on."""
    problems = []

    def look(file, row, owner, d):
        for k, v in (("id", owner), *d.items()):
            for text in (v if isinstance(v, (list, tuple)) else [v]):
                m = _NOT_XML.search(text) if isinstance(text, str) else None
                if m:
                    problems.append(Problem(file, row, Message(
                        "{k} of {owner} holds a control character ({char}) that {format} (XML) "
                        "cannot carry: remove it", k=k, owner=repr(owner),
                        char="U+%04X" % ord(m.group()), format=what)))
                    return
    for row, (n, d) in enumerate(org.graph.nodes(data=True), start=2):
        look("nodes.csv", row, n, d)
    for row, (u, v, d) in enumerate(org.graph.edges(data=True), start=2):
        look("edges.csv", row, f"{u} → {v}", d)
    return problems


def flat_graph(org, reserved=(), graph_attrs=True, xml: str | None = None) -> nx.MultiDiGraph:
    """A copy of ``org.graph`` with flat values; attribute names in
    ``reserved`` get the prefix ``om_`` (the format uses them itself).

    ``xml``: the name of an XML format the graph is for; a text it cannot
    carry (a control character) is then a :class:`ValidationError` naming
    each row, rather than a file no reader can open.
    """
    if xml:
        problems = _xml_problems(org, xml)
        if problems:
            raise ValidationError(problems, where=f"{org.name}: cannot be written as {xml}")
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
