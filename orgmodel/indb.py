"""Answers read from the shared model without the rest of the organisation.

One role's escalation route is local: a push stores every role's next steps
as ``ESCALATES_TO`` edges (worked out by the same :class:`RouteGraph` as on
files), so the route of one role needs only the role, what its steps reach,
and those nodes' own steps.  :func:`escalate` reads exactly that with one
Cypher query (``route_closure``) and answers with a :class:`StoredRoutes`, a
:class:`RouteGraph` whose next steps come from the database instead of being
worked out: its records, routes and figures are the library's own.
"""
from __future__ import annotations

import networkx as nx

from .errors import OrgModelError
from .escalation import RouteGraph, Step, escalation_policy
from .model import OrgModel

__all__ = ["StoredRoutes", "escalate", "find_role"]

#: Properties a push adds to every node (not the model's).
_BOOKKEEPING = ("org", "uid", "seq")


def _attrs(kind: str, props: dict) -> dict:
    return {"kind": kind, **{k: v for k, v in props.items() if k not in _BOOKKEEPING}}


class StoredRoutes(RouteGraph):
    """A :class:`RouteGraph` over the next steps a push stored.

    Parameters
    ----------
    kind : RouteKind
        The route kind (from the organisation's policy).
    nodes : dict
        ``{id: attributes}`` of every node the routes reach.
    steps : dict
        ``{id: [(Step, blocked)]}``: each node's stored next steps.
    """

    def __init__(self, kind, nodes: dict, steps: dict):  # noqa: D107 - see the class
        # (RouteGraph's own __init__ reads a whole model: not called on purpose)
        self.org, self.kind, self.via = None, kind, kind.name
        self._nodes = nodes
        self._forbidden = frozenset(kind.forbidden_spheres)
        self._ends = frozenset(kind.ends_at)
        self._end_spheres = frozenset(kind.ends_in_spheres)
        self._nowhere = "dead_end" if (self._ends or self._end_spheres) else "top"
        self._next, self._blocked, self._end, self._loop = {}, {}, {}, {}
        self._summary, self._below, self._order, self._ends_cache = {}, {}, [], {}
        self._steps, self._built, self._starts = {}, True, []
        for n, rows in steps.items():
            ok = tuple(s for s, blocked in rows if not blocked)
            bad = tuple(s for s, blocked in rows if blocked)
            self._next[n] = ok
            if bad:
                self._blocked[n] = bad
            if not ok:
                self._end[n] = self._stored_end(n, bad)

    def _stored_end(self, n, blocked) -> str:
        """How a route ends at ``n`` (as :meth:`RouteGraph._work_out` says it)."""
        me = self._nodes[n]
        if me.get("external"):
            return "external"
        if n in self._ends or me.get("sphere") in self._end_spheres:
            return "vacant" if me.get("vacant") else "top"
        return ("forbidden" if blocked else "vacant" if me.get("vacant")
                else "unplayed" if me.get("kind") == "Role" else self._nowhere)

    def _work_out(self, r):
        raise OrgModelError(f"'{r}' is not on the routes read from the database")


def find_role(store, org_name: str, query: str) -> str:
    """A post's or role's id from its id or name, found by the database."""
    from .store import cypher
    found = store.run(cypher("find_role"), org=org_name, text=query)
    g = nx.MultiDiGraph()
    for rec in found:
        g.add_node(rec["id"], kind=rec["kind"], name=rec["name"] or rec["id"])
    return OrgModel(g, {"name": org_name}).find_role(query)


def escalate(store, org_name: str, role: str, via: str | None = None) -> tuple:
    """``(role id, StoredRoutes)``: one role's routes, as
    :func:`orgmodel.escalation.escalate` gives them on the whole model."""
    from .store import _manifest, cypher
    manifest = _manifest(store, org_name)
    if manifest is None:
        raise OrgModelError(f"no organisation named '{org_name}' in the database")
    kind = escalation_policy(OrgModel(nx.MultiDiGraph(), manifest)).route(via, org_name)
    rid = find_role(store, org_name, role)
    nodes, steps = {}, {}
    for rec in store.run(cypher("route_closure"), org=org_name, role=rid, route=kind.name):
        nodes[rec["id"]] = _attrs(rec["kind"], rec["props"])
        rows = steps[rec["id"]] = []
        for st in sorted(rec["steps"], key=lambda st: st["rank"] or 0):
            nodes.setdefault(st["to"], _attrs(st["kind"], st["props"]))
            rows.append((Step(st["to"], st["via"], st["rule"], bool(st["temporary"])),
                         bool(st["blocked"])))
    rg = StoredRoutes(kind, nodes, steps)
    rg.summary(rid)
    return rid, rg
