"""A first look at a model: how many of each node and edge kind, how each
fact is known (its evidence grade), and the formation: posts, vacancies,
people, staff and FTE (as a range, since sources give some functions as
ranges such as "2-3").
"""
from __future__ import annotations

from dataclasses import dataclass, asdict, field

from .formation import totals
from .schema import EDGE_KINDS, GRADES, NODE_KINDS
from .model import at_its_date

__all__ = ["Summary", "summarize", "evidence_counts"]


@dataclass
class Summary:
    """Counts per kind, evidence grades and the formation of an organisation.

    ``fte_min``/``fte_max`` add up the formation of every post with a known
    FTE (``roles_with_fte`` of them); ``formation`` has the full figures of
    :func:`orgmodel.formation.totals`; ``evidence`` counts nodes and edges per
    grade (``ungraded`` where the row gives none).
    """

    name: str
    nodes: dict
    edges: dict
    fte_min: float
    fte_max: float
    roles_with_fte: int
    evidence: dict = field(default_factory=dict)
    formation: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def evidence_counts(org) -> dict:
    """``{"nodes": {grade: n}, "edges": {grade: n}}``, with ``ungraded``.

    Examples
    --------
    >>> evidence_counts(sample)["edges"]
    {'stated': 34, 'inferred': 1, 'assumed': 3, 'ungraded': 1}
    """
    out = {}
    for what, items in (("nodes", (d for _, d in org.graph.nodes(data=True))),
                        ("edges", (d for _, _, d in org.graph.edges(data=True)))):
        c = {g: 0 for g in (*GRADES, "ungraded")}
        for d in items:
            g = d.get("evidence") or "ungraded"
            c[g] = c.get(g, 0) + 1
        out[what] = c
    return out


@at_its_date
def summarize(org, posts=None) -> Summary:
    """Count nodes and edges per kind and grade, and add up the formation
    (``posts``: :func:`~orgmodel.formation.post_figures` already worked out, if
    at hand).

    Examples
    --------
    >>> s = summarize(sample)
    >>> s.nodes["Role"], (s.fte_min, s.fte_max), s.formation["vacant"]
    (10, (6.4, 6.4), 1)
    """
    nodes = {k: 0 for k in NODE_KINDS}
    for _, kind in org.graph.nodes(data="kind"):
        nodes[kind] = nodes.get(kind, 0) + 1
    edges = {k: 0 for k in EDGE_KINDS}
    for _, _, kind in org.graph.edges(data="kind"):
        edges[kind] = edges.get(kind, 0) + 1
    t = totals(org, posts)
    return Summary(org.name, nodes, edges, t["fte_min"], t["fte_max"],
                   t["posts"] - t["posts_without_fte"], evidence_counts(org), t)
