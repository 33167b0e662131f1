"""Span of control: how many posts, people and FTE each manager manages
directly, and how many mandates it gives.

Three counts, because real organisations publish all three and they differ:

* ``direct_reports``: posts reporting directly (vacant ones included);
* ``people``: the people holding those posts, plus staff counted per grade
  under the manager's own post (``Staff``, ``STAFF_OF``);
* ``fte``: their FTE, plus the staff's FTE.

Staff counted per grade are never direct reports: a director with 23 rows of
junior staff under the post has a span of 23 people, not 23 posts.
Thresholds come from ``span`` in ``org.yaml`` (``min``/``max``, compared with
the count ``by`` names: posts, people or fte; default posts) or the caller.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ._perf import paused
from .formation import is_post, post_figures
from .model import at_its_date

__all__ = ["Span", "span_of_control", "SPAN_COUNTS"]

#: What each span count counts, in one line (shown with the results).
SPAN_COUNTS = {
    "posts": "direct_reports counts the posts reporting directly to the manager, vacant "
             "ones included",
    "people": "people counts the holders of those posts plus the staff counted per grade "
              "under the manager's post",
    "fte": "fte adds up the FTE of those holders (the post's FTE when holders give none) "
           "and of that staff",
}
_COLUMN = {"posts": "direct_reports", "people": "people", "fte": "fte"}


@dataclass
class Span:
    """Result of :func:`span_of_control`.

    ``frame`` has one row per manager: ``id, name, direct_reports,
    vacant_reports, people, fte, staff, mandates_given, outside, reason``.
    ``distribution`` counts managers per number of direct reports.
    """

    frame: pd.DataFrame
    min: int | None
    max: int | None
    by: str = "posts"

    @property
    def distribution(self) -> pd.DataFrame:
        counts = self.frame["direct_reports"].value_counts().sort_index()
        return pd.DataFrame({"direct_reports": counts.index, "managers": counts.values})

    @property
    def outside(self) -> pd.DataFrame:
        return self.frame[self.frame["outside"]]

    def explain(self) -> list:
        """What each count counts, one line each, the one compared first."""
        return [SPAN_COUNTS[self.by]] + [v for k, v in SPAN_COUNTS.items() if k != self.by]

    def to_dict(self) -> dict:
        return {"min": self.min, "max": self.max, "by": self.by, "counts": self.explain(),
                "managers": self.frame.to_dict("records"),
                "distribution": self.distribution.to_dict("records")}


@at_its_date
@paused
def span_of_control(org, min=None, max=None, by=None,  # noqa: A002 - CLI names
                    posts=None) -> Span:
    """Direct reports, people, FTE and mandates per manager, flagging spans
    outside thresholds.  ``posts``: :func:`~orgmodel.formation.post_figures` already
    worked out (a diff passes its own).

    Examples
    --------
    >>> s = span_of_control(sample, max=1)
    >>> s.frame.set_index("id").loc["tm", ["direct_reports", "people", "staff"]].tolist()
    [0, 9, 9]
    >>> s.outside[["id", "direct_reports", "reason"]].to_dict("records")
    [{'id': 'cd', 'direct_reports': 2, 'reason': 'more than 1 direct reports'}, {'id': 'gd', 'direct_reports': 2, 'reason': 'more than 1 direct reports'}]
    """
    conf = org.settings("span", {}) or {}
    lo = min if min is not None else conf.get("min")
    hi = max if max is not None else conf.get("max")
    by = by or conf.get("by") or "posts"
    if by not in _COLUMN:
        raise ValueError(f"span by '{by}': use posts, people or fte")
    nodes = org.graph._node
    figures = post_figures(org) if posts is None else posts
    # (plain lists and dicts: at 1,000,000 posts, an index of strings costs
    # seconds to iterate and to look up in)
    ids = figures["id"].tolist()
    is_figured = set(ids)
    post_people = dict(zip(ids, figures["people"].tolist()))
    post_fte = {}
    holders_fte = {}
    for u, v, d in org.edges_by_kind("HOLDS")["HOLDS"]:
        if nodes[u].get("kind") == "Person" and "fte_min" in d:
            holders_fte[v] = holders_fte.get(v, 0.0) + d["fte_min"]
    # plain columns, not iterrows: a hundred thousand posts
    for r, vac, top in zip(ids, figures["vacant"].tolist(),
                           figures["fte_max"].tolist()):
        if vac:
            post_fte[r] = 0.0
        elif r in holders_fte:
            post_fte[r] = holders_fte[r]
        else:
            post_fte[r] = 0.0 if math.isnan(top) else top
    reports, vacant, people, fte, mandates = {}, {}, {}, {}, {}
    e = org.edges_by_kind("REPORTS_TO", "MANDATES")
    for u, v, _ in e["REPORTS_TO"]:
        if u not in is_figured:
            continue        # a political or external role is nobody's report here
        reports[v] = reports.get(v, 0) + 1
        vacant[v] = vacant.get(v, 0) + int(bool(nodes[u].get("vacant")))
        people[v] = people.get(v, 0) + int(post_people.get(u, 0))
        fte[v] = fte.get(v, 0.0) + post_fte.get(u, 0.0)
    for u, _, _ in e["MANDATES"]:
        mandates[u] = mandates.get(u, 0) + 1
    staff = dict(zip(ids, figures["staff"].tolist()))
    staff_fte = dict(zip(ids, figures["staff_fte"].tolist()))
    rows = []
    managers = set(reports) | set(mandates) | {r for r, n in staff.items() if n}
    for r in managers:
        if not is_post(nodes[r]):
            continue
        n = reports.get(r, 0)
        counts = {"direct_reports": n, "people": people.get(r, 0) + staff.get(r, 0),
                  "fte": round(fte.get(r, 0.0) + staff_fte.get(r, 0.0), 6)}
        x = counts[_COLUMN[by]]
        unit = {"posts": "direct reports", "people": "people", "fte": "FTE"}[by]
        reason = ""
        if lo is not None and x < lo:
            reason = f"fewer than {lo} {unit}"
        elif hi is not None and x > hi:
            reason = f"more than {hi} {unit}"
        rows.append({"id": r, "name": nodes[r].get("name", r), **counts,
                     "vacant_reports": vacant.get(r, 0), "staff": staff.get(r, 0),
                     "mandates_given": mandates.get(r, 0), "outside": bool(reason),
                     "reason": reason})
    frame = pd.DataFrame(rows, columns=["id", "name", "direct_reports", "vacant_reports",
                                        "people", "fte", "staff", "mandates_given", "outside",
                                        "reason"])
    key = _COLUMN[by]
    return Span(frame.sort_values([key, "id"], ascending=[False, True], ignore_index=True),
                lo, hi, by)
