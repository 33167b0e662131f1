"""The graph contract checked again on a built model: the whole of it
(:func:`validate_graph`), or only the part near what a change touched, when
the model it changed was valid (:func:`valid_near` for a draft in the web
app, :func:`valid_after_change` for a push).  The contract itself, and the
validation of a folder's tables, are :mod:`orgmodel.validate`'s."""
from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from . import schema
from .read import RawOrg
from .validate import validate_tables

if TYPE_CHECKING:  # names in annotations only
    from .model import OrgModel

__all__ = ["validate_graph", "valid_near", "valid_after_change", "own_problems", "NEAR_SHARE"]


def validate_graph(org: OrgModel) -> list:
    """Every way an :class:`~orgmodel.OrgModel` breaks the graph contract.

    Rows in the problems refer to the tables :func:`orgmodel.save` would write.

    Examples
    --------
    >>> sample.graph.add_edge("gd", "tm", kind="REPORTS_TO")
    0
    >>> [str(p) for p in validate_graph(sample)]  # doctest: +ELLIPSIS
    ['edges.csv, row ...: REPORTS_TO goes round in a circle: ...']
    """
    from .write import to_tables

    manifest, nodes, edges = to_tables(org)
    raw = RawOrg(path=org.path, manifest=manifest, nodes=nodes, edges=edges)
    return validate_tables(raw)


#: Up to what share of a model's nodes a change may touch for
#: :func:`valid_near` to validate the part near it (past it, the whole).
NEAR_SHARE = 0.1


def valid_near(before: OrgModel, after: OrgModel) -> bool:
    """Whether ``after`` is shown to keep the graph contract from ``before``
    (valid, its own validation remembered in its analysis block) and the
    part of ``after`` near what differs.

    ``False`` says only that it was not shown: validate ``after`` whole (it
    may be valid).  ``True`` means :func:`validate_graph` of ``after`` finds
    nothing.  Why the part suffices, ``before`` being valid: every problem
    sits on a row or in org.yaml (the same on both sides here); a row neither
    touched nor naming a touched node is the row ``before`` has, with its ends
    and the nodes it names as they were; the part holds the touched nodes,
    every edge at them with its other end, the line above them (a circle a
    change closes runs through a changed edge, so up from a touched node),
    the rows that name a touched node in a list cell (a deputy, a scope),
    every node those rows or org.yaml name, and a new id is compared with
    every id of ``before`` (upper and lower case alike).

    Examples
    --------
    >>> from orgmodel.whatif import apply
    >>> with sample.analysis():
    ...     valid_near(sample, apply(sample, [{"rename": "tm", "name": "Team lead"}]))
    True
    >>> valid_near(sample, apply(sample, [{"rename": "tm", "name": "Team lead"}]))
    False
    """
    from ._nx import differing
    from .model import remembered

    if before.context is None or dict(before.manifest) != dict(after.manifest):
        return False
    ga, gb = before.graph, after.graph
    touched = differing(ga, gb)
    if len(touched) > NEAR_SHARE * max(len(ga), 1):
        return False
    if own_problems(before):
        return False
    folded = remembered(before, "ids folded", lambda: {str(n).casefold() for n in ga})
    added = {n for n in touched if n in gb and n not in ga}
    return _valid_part(after, touched, added, folded,
                       remembered(before, "named by", lambda: _named_by(ga)))


def valid_after_change(after: OrgModel, touched: set, added: set) -> bool:
    """Whether ``after`` is shown to keep the graph contract, knowing that it
    differs from a valid model with the same org.yaml only at the nodes
    ``touched``: every node added, removed or changed and both ends of every
    edge added, removed or changed (a push's change set from the version it
    was pulled at, see :func:`orgmodel.versions.touched_by`); ``added``, the
    nodes added.  As :func:`valid_near`, without the valid model at hand:
    ``False`` says only that it was not shown (validate ``after`` whole),
    ``True`` that :func:`validate_graph` of ``after`` finds nothing.

    Examples
    --------
    >>> valid_after_change(sample, {"tm"}, set())
    True
    >>> sample.graph.nodes["tm"]["name"] = ""
    >>> valid_after_change(sample, {"tm"}, set())
    False
    """
    g = after.graph
    if len(touched) > NEAR_SHARE * max(len(g), 1):
        return False
    folded = {str(n).casefold() for n in g if n not in added}
    return _valid_part(after, touched, added, folded, _named_by(g))


def _valid_part(after: OrgModel, touched: set, added: set, folded: set, named_by: dict) -> bool:
    """Whether the part of ``after`` near ``touched`` validates, no node
    ``added`` having an id that another has (``folded``: the others' ids,
    case folded), as an id differing only in case is a problem of the
    whole; ``named_by``: which rows name each id (:func:`_named_by`)."""
    from .model import OrgModel

    if any(str(n).casefold() in folded for n in added):
        return False
    part = _near_part(after, touched, named_by)
    return not validate_graph(OrgModel(part, after.manifest, after.path))


def own_problems(org: OrgModel) -> list:
    """:func:`validate_graph` of ``org``, worked out once while its analysis
    block lasts (every draft made on it starts from it)."""
    from .model import remembered
    return remembered(org, "problems", lambda: validate_graph(org))


def _near_part(after: OrgModel, touched: set, named_by: dict):
    """The part of ``after``'s graph :func:`valid_near` validates."""
    from ._nx import node_attrs, predecessors, successors

    gb = after.graph
    nb, succ, pred = node_attrs(gb), successors(gb), predecessors(gb)
    nodes = {n for n in touched if n in nb}
    edges = {(n, v, k) for n in nodes for v, keyed in succ[n].items() for k in keyed}
    edges |= {(u, n, k) for n in nodes for u, keyed in pred[n].items() for k in keyed}
    todo, above = list(nodes), set(nodes)
    while todo:                                    # the line above the touched nodes
        u = todo.pop()
        for v, keyed in succ[u].items():
            for k, d in keyed.items():
                if d.get("kind") == "REPORTS_TO":
                    edges.add((u, v, k))
                    if v not in above:
                        above.add(v)
                        todo.append(v)
    for n in touched:
        for ref in named_by.get(n, ()):
            if isinstance(ref, tuple):
                if gb.has_edge(*ref):
                    edges.add(ref)
            elif ref in nb:
                nodes.add(ref)
    nodes |= {u for u, _, _ in edges} | {v for _, v, _ in edges}
    nodes |= {x for x in _strings(after.manifest) if x in nb}
    for u, v, k in edges:
        nodes |= {x for x in _named(succ[u][v][k]) if x in nb}
    todo = list(nodes)
    while todo:                                    # and the nodes their rows name
        for x in _named(nb[todo.pop()]):
            if x in nb and x not in nodes:
                nodes.add(x)
                todo.append(x)
    part = nx.MultiDiGraph()
    part.add_nodes_from((n, nb[n]) for n in nb if n in nodes)   # (in the model's order)
    part.add_edges_from((u, v, k, succ[u][v][k]) for u, v, k in edges)
    return part


def _named(attrs: dict) -> list:
    """The ids a node's or edge's list cells name (a deputy, a scope ...)."""
    out: list = []
    for col in schema.ID_LIST_COLUMNS:
        value = attrs.get(col)
        if isinstance(value, str):
            out.append(value)
        elif value:
            out.extend(str(x) for x in value)
    return out


def _named_by(g) -> dict:
    """``{id: [node, or (from, to, key) of an edge, whose list cells name it]}``."""
    out: dict = {}
    for n, d in g.nodes(data=True):
        for x in _named(d):
            out.setdefault(x, []).append(n)
    for u, v, k, d in g.edges(keys=True, data=True):
        for x in _named(d):
            out.setdefault(x, []).append((u, v, k))
    return out


def _strings(value) -> set:
    """Every text in ``value`` (org.yaml's settings), however deep."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*map(_strings, value.keys()), *map(_strings, value.values()))
    if isinstance(value, (list, tuple, set)):
        return set().union(*map(_strings, value))
    return set()
