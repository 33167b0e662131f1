"""The partner network (A-2.2, A-4.2, A-5.2): which partners do the
municipality's work, under which commissions and agreements, who commissions
them, which roles share partners, and which roles broker between partners.

A role is tied to a partner when it commissions (in an official capacity) a
commission assigned to that partner, or contracts the partner directly
(``CONTRACTS``).  Brokerage is the betweenness centrality of a role in the
undirected role–partner graph: the regisseurs of A-5.2 ("verbinder",
"bruggenbouwer") should stand out.  A partner tied to a single official
commissioner hangs on that one person.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from ._centrality import betweenness
from .model import at_its_date

if TYPE_CHECKING:  # names in annotations only
    from .model import OrgModel


__all__ = ["PartnerNetwork", "partner_network"]


@dataclass
class PartnerNetwork:
    """Result of :func:`partner_network`.

    Attributes
    ----------
    partners : DataFrame
        Per partner: ``id, name, partner_kind, commissions, official_commissioners,
        political_commissioners, contracted_by, single_commissioner``.
    shared : DataFrame
        Pairs of roles that share partners: ``role_a, role_b, partners, shared``.
    brokerage : DataFrame
        Roles tied to partners, with ``partners`` (how many) and ``betweenness``.
    """

    partners: pd.DataFrame
    shared: pd.DataFrame
    brokerage: pd.DataFrame

    @property
    def single_commissioner(self) -> pd.DataFrame:
        # astype(bool): an empty object column would be read as a list of column names.
        return self.partners[self.partners["single_commissioner"].astype(bool)]

    def to_dict(self) -> dict:
        return {k: getattr(self, k).to_dict("records")
                for k in ("partners", "shared", "brokerage")}


def _join(items):
    return "; ".join(items)


@at_its_date
def partner_network(org: OrgModel) -> PartnerNetwork:
    """Partners, their commissioners, shared partners and brokerage.

    Examples
    --------
    >>> net = partner_network(sample)
    >>> net.partners[["id", "official_commissioners", "single_commissioner"]].to_dict("records")
    [{'id': 'welfare', 'official_commissioners': 'cd', 'single_commissioner': True}]
    """
    g = org.graph
    # One pass over the edges for all three kinds: at 100k roles each extra
    # pass costs more than the rest of the analysis.
    adj = org.adjacencies("ASSIGNED_TO", "COMMISSIONS", "CONTRACTS", reverse=True)
    assigned, commissioners, contracts = (adj["ASSIGNED_TO"], adj["COMMISSIONS"],
                                          adj["CONTRACTS"])
    rows, ties = [], nx.Graph()
    for p in org.ids("Partner"):
        comms = [c for c, _ in assigned.get(p, ())]
        official, political = [], []
        for c in comms:
            for who, d in commissioners.get(c, ()):
                if g.nodes[who].get("kind") != "Post":
                    continue
                bucket = political if d.get("capacity") == "political" else official
                if who not in bucket:
                    bucket.append(who)
        contractors = [r for r, _ in contracts.get(p, ())]
        for r in dict.fromkeys(official + contractors):
            ties.add_edge(("role", r), ("partner", p))
        rows.append({"id": p, "name": org.label(p), "partner_kind": g.nodes[p].get("partner_kind"),
                     "commissions": _join(org.label(c) for c in comms),
                     "official_commissioners": _join(official),
                     "political_commissioners": _join(political),
                     "contracted_by": _join(contractors),
                     "single_commissioner": len(set(official)) == 1})
    partners = pd.DataFrame(rows, columns=["id", "name", "partner_kind", "commissions",
                                           "official_commissioners", "political_commissioners",
                                           "contracted_by", "single_commissioner"])
    role_partners = {n[1]: {p[1] for p in ties[n]} for n in ties if n[0] == "role"}
    # Pairs come from each partner's own roles, not from all pairs of roles:
    # most roles share nothing, and all pairs grow with the square of them.
    common = {}
    for n in ties:
        if n[0] == "partner":
            for a, b in combinations(sorted(r for _, r in ties[n]), 2):
                common.setdefault((a, b), []).append(n[1])
    shared = pd.DataFrame(
        [{"role_a": a, "role_b": b, "partners": _join(sorted(ps)), "shared": len(ps)}
         for (a, b), ps in sorted(common.items())],
        columns=["role_a", "role_b", "partners", "shared"])
    bc = betweenness(ties)
    brokerage = pd.DataFrame(
        [{"id": r, "name": org.label(r), "partners": len(ps),
          "betweenness": round(bc.get(("role", r), 0.0), 4)}
         for r, ps in role_partners.items()],
        columns=["id", "name", "partners", "betweenness"])
    brokerage = brokerage.sort_values(["betweenness", "partners", "id"],
                                      ascending=[False, False, True], ignore_index=True)
    return PartnerNetwork(partners, shared, brokerage)
