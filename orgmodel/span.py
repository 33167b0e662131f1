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
from itertools import compress, repeat
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._nx import node_attrs
from .errors import InputError
from .formation import is_post, post_figures
from .i18n import N_, Message
from .model import at_its_date

if TYPE_CHECKING:  # names in annotations only
    from .model import OrgModel


__all__ = ["Span", "span_of_control", "SPAN_COUNTS", "thresholds", "span_view", "NO_SPAN"]

#: What the spans of an organisation without a manager are said as (the
#: report, `span` and the web app's page: a table of nothing said nothing).
NO_SPAN = N_("No post has a direct report in the line the data records: there is no span to "
             "count.")

#: What each span count counts, in one line (shown with the results).
SPAN_COUNTS = {
    "posts": N_("direct_reports counts the posts reporting directly to the manager, vacant "
                "ones included"),
    "people": N_("people counts the holders of those posts plus the staff counted per grade "
                 "under the manager's post whose number is given (staff_uncounted: groups "
                 "that give FTE only, whose people are not counted; and posts whose holder "
                 "is not recorded, which count none: people is then a lower bound)"),
    "fte": N_("fte adds up the FTE of those holders (the post's FTE when holders give none) "
              "and of that staff; a post that gives no FTE adds none, so fte is then a lower "
              "bound, and empty where no report gives one"),
}
_COLUMN = {"posts": "direct_reports", "people": "people", "fte": "fte"}
_FEWER = {"posts": N_("fewer than {n} direct reports"), "people": N_("fewer than {n} people"),
          "fte": N_("fewer than {n} FTE")}
_MORE = {"posts": N_("more than {n} direct reports"), "people": N_("more than {n} people"),
         "fte": N_("more than {n} FTE")}


@dataclass
class Span:
    """Result of :func:`span_of_control`.

    ``frame`` has one row per manager: ``id, name, direct_reports,
    vacant_reports, people, fte, staff, mandates_given, outside, reason``.
    ``distribution`` counts managers per number of direct reports.
    """

    frame: pd.DataFrame
    min: float | None
    max: float | None
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
                # (an FTE not recorded is null, not NaN, which JSON has not)
                "managers": self.frame.astype(object).where(self.frame.notna(), None)
                .to_dict("records"),
                "distribution": self.distribution.to_dict("records")}


def thresholds(org: OrgModel) -> tuple:
    """``(min, max)``: the span thresholds ``org.yaml`` sets (``span``), each
    None where it sets none."""
    conf = org.settings("span", {}) or {}
    return conf.get("min"), conf.get("max")


def span_view(frame, lo, hi):
    """The spans' rows as a reader is shown them (a terminal, a page): no
    columns ``outside`` and ``reason`` where no threshold is set, which said
    "no" and nothing on every row.  CSV and JSON keep them."""
    if lo is not None or hi is not None:
        return frame
    return frame.drop(columns=["outside", "reason"], errors="ignore")


@at_its_date
def span_of_control(org: OrgModel, min: float | None = None, max: float | None = None, by: str | None = None) -> Span:  # noqa: A002 - CLI names
    """Direct reports, people, FTE and mandates per manager, flagging spans
    outside thresholds.

    Examples
    --------
    >>> s = span_of_control(sample, max=1)
    >>> s.frame.set_index("id").loc["tm", ["direct_reports", "people", "staff"]].tolist()
    [0, 9, 9]
    >>> for row in s.outside[["id", "direct_reports", "reason"]].to_dict("records"):
    ...     print(row)
    {'id': 'cd', 'direct_reports': 2, 'reason': 'more than 1 direct reports'}
    {'id': 'gd', 'direct_reports': 2, 'reason': 'more than 1 direct reports'}
    """
    lo, hi, by = _limits(org, min, max, by)
    nodes = node_attrs(org.graph)
    figures = post_figures(org)
    sums = _sums_per_manager(org, figures, nodes)
    # (staff per grade sit under a few posts: only those are looked up)
    ids = figures["id"].tolist()
    staff, staff_fte, uncounted = ({ids[i]: x[i] for i in np.flatnonzero(x).tolist()}
                                   for x in (figures["staff"].tolist(),
                                             figures["staff_fte"].tolist(),
                                             figures["staff_uncounted"].tolist()))
    rows = []
    managers = set(sums["reports"]) | set(sums["mandates"]) | set(staff) | set(staff_fte)
    for r in managers:
        if not is_post(nodes[r]):
            continue
        reports, fte_unknown = sums["reports"].get(r, 0), sums["fte_unknown"].get(r, 0)
        # (a manager of no reports, of mandates only, has 0 FTE under it)
        fte_given = reports > fte_unknown or r in staff_fte or not reports
        counts = {"direct_reports": reports,
                  "people": int(sums["people"].get(r, 0)) + staff.get(r, 0),
                  # (no report gives an FTE: none is recorded, not 0)
                  "fte": round(sums["fte"].get(r, 0.0) + staff_fte.get(r, 0.0), 6)
                  if fte_given else math.nan}
        # (people under staff groups of no stated number, or in posts whose
        # holder is not recorded; FTE where a report gives none: the count is
        # a lower bound, so only "more than" can be said of it)
        at_least = (by == "people" and (uncounted.get(r, 0) > 0 or
                                        sums["unrecorded"].get(r, 0) > 0)) or \
            (by == "fte" and fte_unknown > 0)
        reason = _outside(counts[_COLUMN[by]], lo, hi, by, at_least) \
            if by != "fte" or fte_given else ""
        rows.append({"id": r, "name": nodes[r].get("name", r), **counts,
                     "vacant_reports": int(sums["vacant"].get(r, 0)), "staff": staff.get(r, 0),
                     "staff_uncounted": int(uncounted.get(r, 0)),
                     "mandates_given": sums["mandates"].get(r, 0), "outside": bool(reason),
                     "reason": reason})
    frame = pd.DataFrame(rows, columns=["id", "name", "direct_reports", "vacant_reports",
                                        "people", "fte", "staff", "staff_uncounted",
                                        "mandates_given", "outside", "reason"])
    key = _COLUMN[by]
    from ._order import natural_column
    return Span(frame.sort_values([key, "id"], ascending=[False, True], ignore_index=True,
                                  key=natural_column), lo, hi, by)


def _limits(org: OrgModel, min: float | None, max: float | None,  # noqa: A002 - CLI names
            by: str | None) -> tuple:
    """The span's thresholds and what it counts: those given, else the
    organisation's (``span`` in org.yaml), else posts; refused where they
    cannot be."""
    own_lo, own_hi = thresholds(org)
    lo = min if min is not None else own_lo
    hi = max if max is not None else own_hi
    by = by or (org.settings("span", {}) or {}).get("by") or "posts"
    if min is not None and max is not None and min > max:
        # (every manager would be flagged, as too narrow or too wide; the
        # settings' own pair is checked when org.yaml is read)
        raise InputError(Message("span: min ({min}) is larger than max ({max})", min=min,
                                 max=max))
    if by not in _COLUMN:
        raise InputError(Message("span by '{by}': use posts, people or fte", by=by))
    return lo, hi, by


def _outside(x: float, lo: float | None, hi: float | None, by: str,
             at_least: bool) -> Message | str:
    """Why a span of ``x`` is outside the thresholds, or "" where it is not
    (a lower bound, ``at_least``, is never too narrow)."""
    if lo is not None and x < lo and not at_least:
        return Message(_FEWER[by], n=lo)
    if hi is not None and x > hi:
        return Message(_MORE[by], n=hi)
    return ""


def _post_fte(org: OrgModel, figures: pd.DataFrame, pos: dict,
              nodes: dict) -> tuple[np.ndarray, np.ndarray]:
    """Each post's FTE in a span: its holders' (where they give theirs), 0 if
    vacant, else the post's own (its range's highest); and whether it is
    known (a post that gives none counts 0, and is not known)."""
    held, has = np.zeros(len(pos)), np.zeros(len(pos), dtype=bool)
    for u, v, d in org.edges_by_kind("HOLDS")["HOLDS"]:
        i = pos.get(v)
        if i is not None and nodes[u].get("kind") == "Person" and "fte_min" in d:
            held[i] += d["fte_min"]
            has[i] = True
    vacant_post = figures["vacant"].to_numpy(dtype=bool)
    top = figures["fte_max"].to_numpy(dtype=float)
    known = vacant_post | has | ~np.isnan(top)
    return np.where(vacant_post, 0.0, np.where(has, held, np.nan_to_num(top, nan=0.0))), known


def _sums_per_manager(org: OrgModel, figures: pd.DataFrame, nodes: dict) -> dict:
    """Per manager: its direct reports, those vacant, their people, those
    whose holder is not recorded, their FTE, and the mandates it gives."""
    # Sums per manager with numpy over integer positions: at 1,000,000
    # posts, four dict updates per reporting line cost seconds.  Each sum
    # adds in the order of the edges, from 0, as a loop would.
    ids = figures["id"].tolist()
    pos = {r: i for i, r in enumerate(ids)}
    post_fte, fte_known = _post_fte(org, figures, pos, nodes)
    vacant_post = figures["vacant"].to_numpy(dtype=bool)
    e = org.edges_by_kind("REPORTS_TO", "MANDATES")
    # (a political or external role is nobody's report here)
    line = e["REPORTS_TO"]
    at = np.fromiter(map(pos.get, map(itemgetter(0), line), repeat(-1)), dtype=np.int64,
                     count=len(line))
    kept = at >= 0
    above = list(compress(map(itemgetter(1), line), kept.tolist()))
    at = at[kept]
    bosses = list(dict.fromkeys(above))
    boss = {b: i for i, b in enumerate(bosses)}
    to = np.fromiter(map(boss.__getitem__, above), dtype=np.int64, count=len(above))

    def per_boss(weights=None):
        return dict(zip(bosses, np.bincount(to, weights, minlength=len(bosses)).tolist()))
    holders = figures["people"].to_numpy(dtype=float)
    mandates: dict = {}
    for u, _, _ in e["MANDATES"]:
        mandates[u] = mandates.get(u, 0) + 1
    return {"reports": per_boss(), "vacant": per_boss(vacant_post[at].astype(float)),
            "people": per_boss(holders[at]),
            # (reports neither vacant nor held by anyone the data names)
            "unrecorded": per_boss((~vacant_post & (holders == 0))[at].astype(float)),
            "fte": per_boss(post_fte[at]), "fte_unknown": per_boss((~fte_known)[at].astype(float)),
            "mandates": mandates}
