"""Layering (R6, D-FS-V end): how many management layers the line has.

Deventer chose "minimal layering": concern (general director and corporate
directors), team-connecting (deputy directors), team (team managers).  A
layer is therefore counted per step down the official line, except that a
step between two roles of the same declared ``level`` stays in the same
layer (the general director and the corporate directors are both
*concern*).  A matrix role sits in its deepest layer.  Managers are official
roles with direct reports or a declared level; the organisation's depth is
the deepest manager's layer, compared with ``layering.target_depth``.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

__all__ = ["Layering", "layering"]


@dataclass
class Layering:
    """Result of :func:`layering`.

    Attributes
    ----------
    depth : int
        Number of management layers (0 for an organisation without managers).
    target : int or None
        ``layering.target_depth`` of ``org.yaml`` (or the argument).
    frame : DataFrame
        One row per official role: ``id, name, level, layer, manager,
        below_target``; ``layer`` is empty for roles caught in a REPORTS_TO loop.
    """

    depth: int
    target: int | None
    frame: pd.DataFrame

    @property
    def below_target(self) -> pd.DataFrame:
        return self.frame[self.frame["below_target"]]

    def to_dict(self) -> dict:
        return {"depth": self.depth, "target": self.target,
                "roles": self.frame.to_dict("records")}


def layering(org, target=None) -> Layering:
    """Each official role's management layer and the organisation's depth.

    Examples
    --------
    >>> lay = layering(sample)
    >>> lay.depth, lay.target
    (3, 3)
    >>> lay.frame.set_index("id").loc[["gd", "cd", "dd", "tm"], "layer"].tolist()
    [1, 1, 2, 3]
    """
    g = org.graph
    official = [r for r in org.ids("Role") if g.nodes[r].get("sphere") != "political"]
    ok = set(official)
    line = nx.DiGraph()
    line.add_nodes_from(official)
    line.add_edges_from((v, u) for u, v, d in g.edges(data=True)
                        if d["kind"] == "REPORTS_TO" and u in ok and v in ok)
    # line edges run superior -> subordinate, so a topological order is top-down.
    cyclic = set()
    for comp in nx.strongly_connected_components(line):
        if len(comp) > 1:
            cyclic |= comp
    acyclic = line.subgraph(n for n in line if n not in cyclic)
    layer = {}
    for n in nx.topological_sort(acyclic):
        sups = [s for s in acyclic.predecessors(n)]
        if not sups:
            layer[n] = 1
            continue
        lvl = g.nodes[n].get("level")
        layer[n] = max(layer[s] + (0 if lvl and g.nodes[s].get("level") == lvl else 1)
                       for s in sups)
    if target is None:
        target = (org.settings("layering", {}) or {}).get("target_depth")
    rows = []
    for n in official:
        manager = line.out_degree(n) > 0 or bool(g.nodes[n].get("level"))
        lay = layer.get(n)
        rows.append({"id": n, "name": org.label(n), "level": g.nodes[n].get("level", ""),
                     "layer": lay, "manager": manager,
                     "below_target": bool(manager and target and lay and lay > target)})
    frame = pd.DataFrame(rows, columns=["id", "name", "level", "layer", "manager",
                                        "below_target"])
    depth = int(max((r["layer"] for r in rows if r["manager"] and r["layer"]), default=0))
    return Layering(depth, target, frame)
