"""A first look at a model: how many of each node and edge kind, how each
fact is known (its evidence grade), and the formation: posts, vacancies,
people, staff and FTE (as a range, since sources give some functions as
ranges such as "2-3").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from operator import methodcaller
from typing import TYPE_CHECKING

from ._nx import node_attrs, successors
from .formation import totals
from .i18n import N_, Listing, count
from .model import at_its_date
from .schema import EDGE_KINDS, GRADES, NODE_KINDS

if TYPE_CHECKING:  # names in annotations only
    from .model import OrgModel


__all__ = ["Summary", "summarize", "evidence_counts", "import_text"]


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


def _edge_dicts(g):
    """Every edge's attribute dict, straight from the adjacency (networkx's
    edge views cost several times more per edge at a million edges)."""
    return [d for nbrs in successors(g).values() for keyed in nbrs.values() for d in keyed.values()]


def _count(dicts, column, start) -> dict:
    # (Counter over a C-level map: a million dicts in a fifth of a second)
    c = dict(start)
    for k, n in Counter(map(methodcaller("get", column), dicts)).items():
        c[k] = c.get(k, 0) + n
    return c


def evidence_counts(org, edges=None) -> dict:
    """``{"nodes": {grade: n}, "edges": {grade: n}}``, with ``ungraded``
    (``edges``: every edge's attribute dict, if at hand).

    Examples
    --------
    >>> evidence_counts(sample)["edges"]
    {'stated': 42, 'inferred': 1, 'assumed': 3, 'ungraded': 1}
    """
    out = {}
    edges = _edge_dicts(org.graph) if edges is None else edges
    for what, items in (("nodes", node_attrs(org.graph).values()), ("edges", edges)):
        c = _count(items, "evidence", {g: 0 for g in (*GRADES, None)})
        # no grade and an empty one are both ungraded
        c["ungraded"] = c.pop(None, 0) + c.pop("", 0)
        out[what] = c
    return out


@at_its_date
def summarize(org: OrgModel) -> Summary:
    """Count nodes and edges per kind and grade, and add up the formation.

    Examples
    --------
    >>> s = summarize(sample)
    >>> s.nodes["Post"], (s.fte_min, s.fte_max), s.formation["vacant"]
    (10, (6.4, 6.4), 1)
    """
    every_edge = _edge_dicts(org.graph)
    nodes = _count(node_attrs(org.graph).values(), "kind", {k: 0 for k in NODE_KINDS})
    edges = _count(every_edge, "kind", {k: 0 for k in EDGE_KINDS})
    tot = totals(org)
    return Summary(org.name, nodes, edges, tot["fte_min"], tot["fte_max"],
                   tot["posts"] - tot["posts_without_fte"], evidence_counts(org, every_edge), tot)


def import_text(org, t) -> str:
    """What the import of ``org`` left out, from ``org.yaml``'s ``import:``,
    in the reader's language; ``""`` where it left nothing out (the report's
    first page and `summary` say it: a total is only as good as the rows
    behind it)."""
    imp = org.manifest.get("import") or {}
    if not (imp.get("rows_left_out") or imp.get("cells_not_used") or imp.get("posts_eliminated")):
        return ""
    rows = imp.get("rows_left_out", 0)
    if "fte_left_out" not in imp:      # (an import of another kind than posts)
        return (t(count(rows, N_("1 row of the files left out: see IMPORT.md beside the data."),
                        N_("{n} rows of the files left out: see IMPORT.md beside the data.")))
                if imp.get("log") else
                t(count(rows, N_("1 row of the source left out as it was read (orgmodel import "
                                 "names it)."),
                        N_("{n} rows of the source left out as it was read (orgmodel import "
                           "names them)."))))
    parts = Listing(", ", [
        count(rows, N_("1 row of the files left out ({fte} FTE)"),
              N_("{n} rows of the files left out ({fte} FTE)"), fte=imp.get("fte_left_out", 0)),
        count(imp.get("cells_not_used", 0), N_("1 cell not used"), N_("{n} cells not used")),
        count(imp.get("posts_eliminated", 0), N_("1 post marked eliminated"),
              N_("{n} posts marked eliminated"))])
    return t("{parts}: see IMPORT.md beside the data.", parts=parts)
