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

import pandas as pd

from ._order import sinks_first
from ._perf import paused

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


@paused
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
    nodes = dict(org.graph.nodes(data=True))
    official = [r for r, d in nodes.items()
                if d.get("kind") == "Role" and d.get("sphere") != "political"]
    ok = set(official)
    sups, reports = {}, {}
    for u, v, d in org.edges_by_kind("REPORTS_TO")["REPORTS_TO"]:
        if u in ok and v in ok:
            sups.setdefault(u, []).append(v)
            reports[v] = reports.get(v, 0) + 1
    # sinks first on the "reports to" direction = top-down; roles in a loop get no layer
    order, _ = sinks_first(official, sups)
    layer = {}
    for n in order:
        above = sups.get(n)
        if not above:
            layer[n] = 1
            continue
        lvl = nodes[n].get("level")
        layer[n] = max(layer[s] + (0 if lvl and nodes[s].get("level") == lvl else 1)
                       for s in above)
    if target is None:
        target = (org.settings("layering", {}) or {}).get("target_depth")
    # Built column by column: a list of 100k row dicts costs more than the analysis.
    levels = [nodes[n].get("level", "") for n in official]
    manager = [reports.get(n, 0) > 0 or bool(lv) for n, lv in zip(official, levels)]
    lays = [layer.get(n) for n in official]
    below = [bool(m and target and ly and ly > target) for m, ly in zip(manager, lays)]
    frame = pd.DataFrame({"id": official, "name": [nodes[n].get("name", n) for n in official],
                          "level": levels, "layer": pd.array(lays, dtype=object),
                          "manager": manager, "below_target": below},
                         columns=["id", "name", "level", "layer", "manager", "below_target"])
    depth = int(max((ly for m, ly in zip(manager, lays) if m and ly), default=0))
    return Layering(depth, target, frame)
