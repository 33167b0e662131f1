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

import unicodedata

import networkx as nx

from .errors import OrgModelError
from .escalation import RouteGraph, Step, escalation_policy
from .model import OrgModel
from .schema import RESERVED_EDGE_COLUMNS

__all__ = ["StoredRoutes", "escalate", "find_role", "find_team", "mandate_model", "partner_model",
           "who_decides"]

#: Properties a push adds to every node (not the model's).
_BOOKKEEPING = ("org", "uid", "seq", "line_routes")


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
    """A post's or role's id from its id or name, found by the database (a
    team's id or whole name: the post that leads it, as
    :meth:`OrgModel.find_role` finds it with ``teams``)."""
    return _find(store, org_name, query)[0]


def find_team(store, org_name: str, query: str) -> dict | None:
    """The team (``id``, ``name``) whose id or whole name ``query`` is, where
    no post or role has that id or name (see :meth:`OrgModel.find_team`);
    ``None`` where none has."""
    from .store import cypher
    text = unicodedata.normalize("NFC", query).strip()
    teams = list(store.run(cypher("find_team"), org=org_name, text=text))
    if not teams:
        return None
    model = OrgModel(_candidates(store.run(cypher("find_role"), org=org_name, text=text),
                                 teams), {"name": org_name})
    team = model.find_team(query)
    return None if team is None else {"id": team, "name": model.label(team)}


def _find(store, org_name: str, query: str) -> tuple:
    """``(id, label)`` of a post or role given by its id, name or a part of
    its name, as :meth:`OrgModel.find_role` finds it in a model: an exact id
    by the key's index; else among the posts and roles whose id or name
    holds it; and when none matches, among all of them, to name the
    closest."""
    from .errors import UnknownRoleError
    from .model import as_query
    from .store import cypher, uid
    query = unicodedata.normalize("NFC", as_query(query))
    key = uid(org_name, query)
    for label in ("Post", "Role"):
        for rec in store.run(cypher("find_role_by_uid", label=label), uid=key):
            return rec["id"], rec["kind"]
    text = query.strip()
    teams = list(store.run(cypher("find_team"), org=org_name, text=text))
    people = list(store.run(cypher("find_person"), org=org_name, text=text))
    try:
        return _among(store.run(cypher("find_role"), org=org_name, text=text), org_name, query,
                      teams, people)
    except UnknownRoleError as exc:
        if exc.ambiguous:
            raise
    return _among(store.run(cypher("role_names"), org=org_name), org_name, query, teams, people)


def _among(records, org_name: str, query: str, teams=(), people=()) -> tuple:
    """``(id, label)`` of the one of ``records`` (posts and roles) that
    ``query`` names, found as in a model (see :meth:`OrgModel.find_role`;
    ``teams``: the rows of find_team.cypher, a team standing for its leader;
    ``people``: those of find_person.cypher, a person's name said as one)."""
    g = _candidates(records, teams, people)
    rid = OrgModel(g, {"name": org_name}).find_role(query, teams=True)
    return rid, g.nodes[rid]["kind"]


def _candidates(records, teams=(), people=()) -> nx.MultiDiGraph:
    """A graph of the posts and roles ``records`` name, of the teams of
    find_team.cypher's rows with the posts that lead them, and of the
    people of find_person.cypher's with the posts and roles they hold."""
    g = nx.MultiDiGraph()
    for rec in records:
        g.add_node(rec["id"], kind=rec["kind"], name=rec["name"] or rec["id"])
    for rec in teams:
        g.add_node(rec["id"], kind="Team", name=rec["name"] or rec["id"])
        _joined(g, rec["leader"], rec["leader_kind"], rec["leader_name"], rec["id"], "LEADS")
    for rec in people:
        g.add_node(rec["id"], kind="Person", name=rec["name"] or rec["id"])
        _joined(g, rec["id"], "Person", rec["name"], rec["held"], "HOLDS", rec["held_kind"],
                rec["held_name"])
    return g


def _joined(g, a, a_kind, a_name, b, kind, b_kind=None, b_name=None) -> None:
    """The edge ``a`` → ``b`` of ``kind`` in ``g``, with the end not in it
    yet (a post leading a team, a post a person holds); none when either
    end is null (an OPTIONAL MATCH that found none)."""
    if a is None or b is None:
        return
    for node, node_kind, name in ((a, a_kind, a_name), (b, b_kind, b_name)):
        if node not in g:
            g.add_node(node, kind=node_kind, name=name or node)
    g.add_edge(a, b, kind=kind)


def escalate(store, org_name: str, role: str, via: str | None = None) -> tuple:
    """``(role id, StoredRoutes)``: one role's routes, as
    :func:`orgmodel.escalation.escalate` gives them on the whole model."""
    from .store import _line_params, cypher, manifest_of, uid
    manifest = manifest_of(store, org_name)
    kind = escalation_policy(OrgModel(nx.MultiDiGraph(), manifest)).route(via, org_name)
    rid, label = _find(store, org_name, role)
    nodes, steps = {}, {}
    for rec in store.run(cypher("route_closure", label=label), uid=uid(org_name, rid),
                         route=kind.name, **_line_params(kind)):
        nodes[rec["id"]] = _attrs(rec["kind"], rec["props"])
        rows = steps[rec["id"]] = []
        for st in sorted(rec["steps"], key=lambda st: st["rank"] or 0):
            nodes.setdefault(st["to"], _attrs(st["kind"], st["props"]))
            rows.append((Step(st["to"], st["via"], st["rule"], bool(st["temporary"])),
                         bool(st["blocked"])))
    rg = StoredRoutes(kind, nodes, steps)
    rg.summary(rid)
    return rid, rg


def _edge(rec):
    props = {k: v for k, v in rec["props"].items() if k not in RESERVED_EDGE_COLUMNS}
    return rec["src"], rec["dst"], props


def mandate_model(store, org_name: str) -> OrgModel:
    """The part of ``org_name`` who-decides and the mandate register rest on:
    every mandate, every role played, who holds the posts they name, and the
    nodes they name (deputies, scopes, competent bodies), read by Cypher
    without the rest of the organisation."""
    from .schema import NODE_KINDS
    from .store import cypher, manifest_of
    manifest = manifest_of(store, org_name)
    edges, kinds = _edges_of(store, org_name, ("MANDATES", "PLAYS"))
    by_label: dict = {}
    for n, label in kinds.items():
        by_label.setdefault(label, []).append(n)
    for label, ids in by_label.items():
        for rec in store.run(cypher("holders_of", label=label), org=org_name, ids=ids):
            kinds[rec["src"]] = rec["src_kind"]
            edges.append(("HOLDS", rec))
    nodes = _nodes_by_id(store, org_name, kinds)
    # what those nodes name: deputies, the scopes roles are played in, bodies
    named = {x for d in nodes.values() for x in (d.get("deputy") or ())}
    named |= {x for kind, rec in edges if kind == "PLAYS" for x in rec["props"].get("scope") or ()}
    named |= {str(p.get("body")) for p in (manifest.get("powers") or {}).values()
              if isinstance(p, dict) and p.get("body")}
    named -= set(nodes)
    if named:
        found = {}
        for label in NODE_KINDS:
            found.update(_nodes_by_id(store, org_name, dict.fromkeys(named, label)))
        nodes.update(found)
    return _part(manifest, nodes, edges)


def partner_model(store, org_name: str) -> OrgModel:
    """The part of ``org_name`` the partner network rests on: every partner,
    the commissions assigned to them, who commissions those and who
    contracts a partner, read by Cypher without the rest of the organisation
    (:func:`orgmodel.partners.partner_network` answers on it as on the whole)."""
    from .store import cypher, manifest_of
    manifest = manifest_of(store, org_name)
    edges, kinds = _edges_of(store, org_name, ("ASSIGNED_TO", "CONTRACTS"))
    assigned = {rec["src"] for kind, rec in edges if kind == "ASSIGNED_TO"}
    # (only the commissions of partners: most of a municipality's have none)
    more, more_kinds = _edges_of(store, org_name, ("COMMISSIONS",))
    edges += [(kind, rec) for kind, rec in more if rec["dst"] in assigned]
    ends = {x for _, rec in edges for x in (rec["src"], rec["dst"])}
    kinds.update({n: label for n, label in more_kinds.items() if n in ends})
    # every partner, also one nobody commissions or contracts (read whole here)
    partners = {props["id"]: _entry("Partner", props) for props in
                store.run(cypher("read_nodes", label="Partner"), org=org_name)[0]["rows"]}
    nodes = _nodes_by_id(store, org_name,
                         {n: label for n, label in kinds.items() if n not in partners})
    return _part(manifest, {**nodes, **partners}, edges)


def _edges_of(store, org_name: str, kinds_of_edge) -> tuple:
    """``([(kind, record)], {id: label})``: the edges of those kinds and the
    labels of their ends."""
    from .store import cypher
    edges, kinds = [], {}
    for kind in kinds_of_edge:
        for rec in store.run(cypher("edges_of_kind", type=kind), org=org_name):
            kinds[rec["src"]], kinds[rec["dst"]] = rec["src_kind"], rec["dst_kind"]
            edges.append((kind, rec))
    return edges, kinds


def _part(manifest: dict, nodes: dict, edges: list) -> OrgModel:
    """A model of the nodes and edges read, in the order they were pushed."""
    g = nx.MultiDiGraph()
    for n, attrs in sorted(nodes.items(), key=lambda item: item[1].pop("_seq", 0)):
        g.add_node(n, **attrs)
    for kind, rec in edges:
        u, v, props = _edge(rec)
        g.add_edge(u, v, kind=kind, **props)
    return OrgModel(g, manifest)


def _nodes_by_id(store, org_name, kinds: dict) -> dict:
    """``{id: attributes}`` of the nodes ``kinds`` names (``{id: label}``)."""
    from .store import cypher
    by_label: dict = {}
    for n, label in kinds.items():
        by_label.setdefault(label, []).append(n)
    out = {}
    for label, ids in by_label.items():
        for rec in store.run(cypher("nodes_by_id", label=label), org=org_name, ids=ids):
            out[rec["props"]["id"]] = _entry(label, rec["props"])
    return out


def _entry(label: str, props: dict) -> dict:
    """A stored node's attributes in the model, with ``_seq``, its place in
    the push (for :func:`_part`)."""
    attrs = _attrs(label, props)
    attrs["_seq"] = props.get("seq", 0)
    return {k: v for k, v in attrs.items() if k != "id"}


def who_decides(store, org_name: str, power: str, amount: float | None = None,
                role: str | None = None, part: OrgModel | None = None):
    """:func:`orgmodel.mandates.who_decides` on :func:`mandate_model`: the
    same answer, without reading the whole organisation.  ``part``: that
    model when the caller has read it already (read here when ``None``)."""
    from .mandates import who_decides as answer
    if part is None:
        part = mandate_model(store, org_name)
    if role is not None:
        rid, label = _find(store, org_name, role)
        if rid not in part.graph:        # a post no chain names: "no", and why
            part.graph.add_node(rid, **_nodes_by_id(store, org_name, {rid: label})[rid])
        role = rid
    return answer(part, power, amount=amount, role=role)

