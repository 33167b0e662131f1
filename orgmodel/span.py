"""Span of control: how many roles report to each manager, and how many
mandates each gives (D-FS-VII's *doorgemandateerd* chain, A-1.3 item 9).

Thresholds come from ``span`` in ``org.yaml`` (``min``/``max``) or from the
caller; the sources set none, so by default nothing is flagged.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ._perf import paused

__all__ = ["Span", "span_of_control"]


@dataclass
class Span:
    """Result of :func:`span_of_control`.

    ``frame`` has one row per official role with direct reports or mandates
    given: ``id, name, direct_reports, mandates_given, outside, reason``.
    ``distribution`` counts managers per number of direct reports.
    """

    frame: pd.DataFrame
    min: int | None
    max: int | None

    @property
    def distribution(self) -> pd.DataFrame:
        counts = self.frame["direct_reports"].value_counts().sort_index()
        return pd.DataFrame({"direct_reports": counts.index, "managers": counts.values})

    @property
    def outside(self) -> pd.DataFrame:
        return self.frame[self.frame["outside"]]

    def to_dict(self) -> dict:
        return {"min": self.min, "max": self.max, "managers": self.frame.to_dict("records"),
                "distribution": self.distribution.to_dict("records")}


@paused
def span_of_control(org, min=None, max=None) -> Span:  # noqa: A002 - CLI names
    """Direct reports and mandates per manager, flagging spans outside thresholds.

    Examples
    --------
    >>> s = span_of_control(sample, max=1)
    >>> s.outside[["id", "direct_reports", "mandates_given", "reason"]].to_dict("records")
    [{'id': 'cd', 'direct_reports': 2, 'mandates_given': 1, 'reason': 'more than 1 direct reports'}]
    """
    conf = org.settings("span", {}) or {}
    lo = min if min is not None else conf.get("min")
    hi = max if max is not None else conf.get("max")
    nodes = dict(org.graph.nodes(data=True))
    reports, mandates = {}, {}
    e = org.edges_by_kind("REPORTS_TO", "MANDATES")
    for _, v, _ in e["REPORTS_TO"]:
        reports[v] = reports.get(v, 0) + 1
    for u, _, _ in e["MANDATES"]:
        mandates[u] = mandates.get(u, 0) + 1
    rows = []
    for r in set(reports) | set(mandates):
        if nodes[r].get("kind") != "Role" or nodes[r].get("sphere") == "political":
            continue
        n, m = reports.get(r, 0), mandates.get(r, 0)
        reason = ""
        if lo is not None and n < lo:
            reason = f"fewer than {lo} direct reports"
        elif hi is not None and n > hi:
            reason = f"more than {hi} direct reports"
        rows.append({"id": r, "name": nodes[r].get("name", r), "direct_reports": n, "mandates_given": m,
                     "outside": bool(reason), "reason": reason})
    frame = pd.DataFrame(rows, columns=["id", "name", "direct_reports", "mandates_given",
                                        "outside", "reason"])
    return Span(frame.sort_values(["direct_reports", "id"], ascending=[False, True],
                                  ignore_index=True), lo, hi)
