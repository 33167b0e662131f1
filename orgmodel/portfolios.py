"""Portfolios: their balance (R9), and the line they imply.

Balance: the load of a portfolio holder is the number of items its portfolio
covers, per category (programmatic, team-connecting, operations, projects,
corporate theme), and the teams it covers, counted through the clusters it
covers with their exceptions.  The imbalance is the coefficient of variation
of the totals (standard deviation / mean): 0 when every holder carries as
many items, growing as the load spreads unevenly.

The line a portfolio table implies (:func:`portfolio_line`): a team's
manager answers to the leader of the cluster the team sits in, who answers
to the holder of the portfolio that covers the cluster, unless the coverage
``excludes`` the team; a portfolio that covers a team directly (often
``temporary``: temporary direct management) makes its holder the team
manager's superior.  Set beside the REPORTS_TO edges it shows where the
modelled line departs from the portfolios.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ._nx import node_attrs
from .i18n import N_, Message
from .model import at_its_date
from .schema import PORTFOLIO_CATEGORIES

if TYPE_CHECKING:  # names in annotations only
    from .model import OrgModel


__all__ = ["PortfolioBalance", "portfolio_balance", "portfolio_line", "covered_teams"]


@dataclass
class PortfolioBalance:
    """``frame``: one row per holder with counts per category and ``total``;
    ``imbalance``: coefficient of variation of the totals (0 = balanced)."""

    frame: pd.DataFrame
    imbalance: float

    def to_dict(self) -> dict:
        return {"imbalance": self.imbalance, "holders": self.frame.to_dict("records")}


@at_its_date
def portfolio_balance(org: OrgModel) -> PortfolioBalance:
    """Items per category for each portfolio holder, and the imbalance.

    Examples
    --------
    >>> pb = portfolio_balance(sample)
    >>> for row in pb.frame[["holder", "programmatic", "team-connecting", "teams", "total"]].to_dict("records"):
    ...     print(row)
    {'holder': 'cd', 'programmatic': 1, 'team-connecting': 1, 'teams': 1, 'total': 2}
    {'holder': 'gd', 'programmatic': 0, 'team-connecting': 1, 'teams': 1, 'total': 1}
    """
    teams = covered_teams(org)
    holders = org.adjacency("HOLDS", reverse=True)
    covers = org.adjacency("COVERS")
    rows = []
    for pf in org.ids("Portfolio"):
        counts = {c: 0 for c in PORTFOLIO_CATEGORIES}
        for _, d in covers.get(pf, ()):
            cat = d.get("category", "uncategorised")
            counts[cat] = counts.get(cat, 0) + 1
        holder = next((h for h, _ in holders.get(pf, ())
                       if org.graph.nodes[h].get("kind") == "Post"), "")
        rows.append({"holder": holder, "holder_name": org.label(holder) if holder else "",
                     "portfolio": pf, "portfolio_name": org.label(pf), **counts, "teams": len(teams.get(pf, ())),
                     "total": sum(counts.values())})
    frame = pd.DataFrame(rows, columns=["holder", "holder_name", "portfolio", "portfolio_name",
                                        *PORTFOLIO_CATEGORIES, "teams", "total"]).fillna(0)
    totals = frame["total"]
    mean = totals.mean() if len(totals) else 0
    imbalance = round(float(totals.std(ddof=0) / mean), 4) if mean else 0.0
    return PortfolioBalance(frame, imbalance)


def _cluster_members(org):
    members = {}
    for u, v, _ in org.edges("MEMBER_OF"):
        if org.graph.nodes[u].get("kind") == "Team" and org.graph.nodes[v].get("kind") == "Team":
            members.setdefault(v, []).append(u)
    return members


@at_its_date
def covered_teams(org) -> dict:
    """``{portfolio: {team: temporary}}``: the teams each portfolio covers,
    directly or through a cluster (minus the coverage's ``excludes``, plus
    its ``includes`` where they are teams).

    Examples
    --------
    >>> covered_teams(sample)
    {'pf': {'team': False}, 'pf-gd': {'team2': True}}
    """
    members = _cluster_members(org)
    out = {}
    for pf, item, d in org.edges("COVERS"):
        if org.graph.nodes[item].get("kind") != "Team":
            continue
        temp = bool(d.get("temporary") or d.get("valid_to"))
        got = out.setdefault(pf, {})
        skip = set(d.get("excludes") or ())
        if org.graph.nodes[item].get("team_kind") == "cluster":
            for t in members.get(item, ()):
                if t not in skip:
                    got.setdefault(t, temp)
        else:
            got.setdefault(item, temp)
        for extra in d.get("includes") or ():
            if org.graph.nodes.get(extra, {}).get("kind") == "Team":
                got.setdefault(extra, temp)
    return out


@at_its_date
def portfolio_line(org: OrgModel) -> pd.DataFrame:
    """The superior the portfolios imply for every team and cluster leader,
    beside the line the model has.

    Returns
    -------
    DataFrame
        ``role, name, leads, implied, implied_name, temporary, basis, line,
        agrees``: ``implied`` is the superior the portfolios imply (empty when
        they imply none), ``basis`` says why, ``line`` lists the role's
        REPORTS_TO superiors.

    Examples
    --------
    >>> pl = portfolio_line(sample).set_index("role")
    >>> pl.loc["tm2", "implied"], bool(pl.loc["tm2", "temporary"]), bool(pl.loc["tm2", "agrees"])
    ('gd', True, True)
    >>> pl.loc["tm", ["implied", "basis"]].tolist()
    ['dd', 'team in cluster Support cluster, covered by Portfolio of the corporate director']
    """
    cov = _Coverage(org)
    line: dict = {}
    leaders = {r for rs in cov.leader.values() for r in rs}
    for u, v, _ in org.edges("REPORTS_TO"):
        if u in leaders:           # (the line of the leaders only, not of every post)
            line.setdefault(u, []).append(v)
    rows = []
    # Without portfolios held by roles, the portfolios imply no line at all.
    for team, leads in (cov.leader.items() if cov.holder else ()):
        implied, temp, basis = cov.implied(team)
        for role in leads:
            sups = line.get(role, [])
            rows.append({"role": role, "name": org.label(role), "leads": team,
                         "implied": implied, "implied_name": org.label(implied) if implied else "",
                         "temporary": temp, "basis": basis, "line": "; ".join(sups),
                         "agrees": bool(implied) and implied in sups})
    return pd.DataFrame(rows, columns=["role", "name", "leads", "implied", "implied_name",
                                       "temporary", "basis", "line", "agrees"])


class _Coverage:
    """What the portfolios cover, read once: each portfolio's holder (a
    post), each team's leaders, each item's portfolios (with the COVERS
    edge's attributes) and the clusters each team is in."""

    def __init__(self, org: OrgModel):
        self.org = org
        nodes = node_attrs(org.graph)
        self.holder: dict = {}
        self.leader: dict = {}
        self.cover: dict = {}          # item -> [(portfolio, attrs)]
        self.clusters: dict = {}
        for u, v, _ in org.edges("HOLDS"):
            if nodes[u].get("kind") == "Post" and nodes[v].get("kind") == "Portfolio":
                self.holder.setdefault(v, u)
        for u, v, _ in org.edges("LEADS"):
            if nodes[v].get("kind") == "Team":
                self.leader.setdefault(v, []).append(u)
        for pf, item, d in org.edges("COVERS"):
            self.cover.setdefault(item, []).append((pf, d))
        for u, v, _ in org.edges("MEMBER_OF"):
            if nodes[u].get("kind") == "Team" and nodes[v].get("kind") == "Team":
                self.clusters.setdefault(u, []).append(v)

    def held(self, item) -> list:
        """The portfolios that cover ``item`` and that a post holds."""
        return [(pf, d) for pf, d in self.cover.get(item, ()) if pf in self.holder]

    def implied(self, team) -> tuple:
        """``(superior, temporary, basis)`` the portfolios imply for the
        leader of ``team``: a portfolio that covers it directly, the
        cluster's own, or the leader of the covered cluster it is in."""
        org = self.org
        direct = self.held(team)
        if direct:
            pf, d = direct[0]
            temp = bool(d.get("temporary") or d.get("valid_to"))
            return self.holder[pf], temp, Message(
                N_("covered directly by {pf} (temporary)") if temp else
                N_("covered directly by {pf}"), pf=org.label(pf))
        if org.graph.nodes[team].get("team_kind") == "cluster":
            # (the holder of a portfolio covering it: none held, as direct above)
            return "", False, Message("no portfolio covers this cluster")
        basis: Message | str = ""
        for c in self.clusters.get(team, ()):
            cov = self.held(c)
            if any(team in (d.get("excludes") or ()) for _, d in cov):
                basis = Message("excluded from {c}'s coverage and covered by no portfolio",
                                c=org.label(c))
                continue
            if cov and self.leader.get(c):
                return self.leader[c][0], False, Message(
                    "team in cluster {c}, covered by {pf}", c=org.label(c),
                    pf=org.label(cov[0][0]))
        return "", False, basis or Message("in no covered cluster")
