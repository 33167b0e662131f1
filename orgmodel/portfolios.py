"""Portfolio balance (R9, D-FS-V): the corporate board's portfolios are
tested yearly for balance.  The load of a portfolio holder is the number of
items its portfolio covers, per category (programmatic, team-connecting,
operations, projects, corporate theme).  The imbalance is the coefficient
of variation of the totals (standard deviation / mean): 0 when every holder
carries as many items, growing as the load spreads unevenly.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .schema import PORTFOLIO_CATEGORIES

__all__ = ["PortfolioBalance", "portfolio_balance"]


@dataclass
class PortfolioBalance:
    """``frame``: one row per holder with counts per category and ``total``;
    ``imbalance``: coefficient of variation of the totals (0 = balanced)."""

    frame: pd.DataFrame
    imbalance: float

    def to_dict(self) -> dict:
        return {"imbalance": self.imbalance, "holders": self.frame.to_dict("records")}


def portfolio_balance(org) -> PortfolioBalance:
    """Items per category for each portfolio holder, and the imbalance.

    Examples
    --------
    >>> pb = portfolio_balance(sample)
    >>> pb.frame[["holder", "programmatic", "team-connecting", "total"]].to_dict("records")
    [{'holder': 'cd', 'programmatic': 1, 'team-connecting': 1, 'total': 2}]
    >>> pb.imbalance
    0.0
    """
    holders = org.adjacency("HOLDS", reverse=True)
    covers = org.adjacency("COVERS")
    rows = []
    for pf in org.ids("Portfolio"):
        counts = {c: 0 for c in PORTFOLIO_CATEGORIES}
        for _, d in covers.get(pf, ()):
            cat = d.get("category", "uncategorised")
            counts[cat] = counts.get(cat, 0) + 1
        holder = next((h for h, _ in holders.get(pf, ())
                       if org.graph.nodes[h].get("kind") == "Role"), "")
        rows.append({"holder": holder, "holder_name": org.label(holder) if holder else "",
                     "portfolio": pf, **counts, "total": sum(counts.values())})
    frame = pd.DataFrame(rows, columns=["holder", "holder_name", "portfolio",
                                        *PORTFOLIO_CATEGORIES, "total"]).fillna(0)
    totals = frame["total"]
    mean = totals.mean() if len(totals) else 0
    imbalance = round(float(totals.std(ddof=0) / mean), 4) if mean else 0.0
    return PortfolioBalance(frame, imbalance)
