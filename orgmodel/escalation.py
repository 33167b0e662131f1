"""Escalation routes: whom a role escalates a disagreement to, step by step.

Implements the escalation policy an organisation writes in its ``org.yaml``
(DOMAIN.md, "Escalation"): which edge kinds are climbed, in which order of
preference, which spheres may never be a target (R1, D-FS-VI bullet 6: never
the college or an alderman) and where a route ends.

A policy step climbs one edge kind:

* ``REPORTS_TO``: from a role to its superior;
* ``MANDATES``: from a mandatee back to whoever mandated it;
* ``COMMISSIONS``: from an assignee to the commissioners of the commission
  it carries out, filtered on edge attributes (``capacity``, ``delegated``).

At each role the first step (in the policy's order) that leads anywhere is
taken; when it leads to several roles (a matrix) the route branches, so a
role with two superiors gets every route.  A route ends with an outcome:
``top`` (an ``ends_at`` role, or the root of the line when none is given),
``forbidden`` (the next role is in a forbidden sphere), ``dead_end`` (nobody
to go to) or ``loop`` (the route comes back to a role on it).

All routes of all roles come from one pass over the graph: the routes above a
role are computed once, bottom-up over the strongly connected components, and
shared by every role below it.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import NamedTuple

import networkx as nx
import pandas as pd

from ._order import sinks_first
from ._perf import paused
from .errors import OrgModelError

__all__ = ["Policy", "Step", "Route", "Escalation", "escalation_policy", "escalation_routes",
           "escalate", "meet"]

OUTCOMES = ("top", "forbidden", "dead_end", "loop")

_DEFAULT_RULES = {
    "REPORTS_TO": "next level in the line",
    "MANDATES": "back to the mandator",
    "COMMISSIONS": "the commissioner of the assignee's commission",
}


@dataclass(frozen=True)
class Climb:
    """One step kind of a policy: climb ``edge`` where its attributes match."""

    edge: str
    filters: tuple = ()
    rule: str = ""

    def matches(self, attrs: dict) -> bool:
        # A missing yes/no attribute counts as "no": delegated is the exception.
        return all(attrs.get(k, False if isinstance(v, bool) else None) == v
                   for k, v in self.filters)


@dataclass
class Policy:
    """An organisation's escalation policy (``escalation`` in ``org.yaml``)."""

    routes: dict
    forbidden_spheres: tuple = ()
    ends_at: tuple = ()


def escalation_policy(org) -> Policy:
    """The policy in ``org.yaml``, or the plain line when there is none.

    Examples
    --------
    >>> p = escalation_policy(sample)
    >>> sorted(p.routes), p.forbidden_spheres, p.ends_at
    (['commission', 'line'], ('political',), ('gd',))
    """
    esc = org.settings("escalation", {}) or {}
    routes = {}
    for name, steps in (esc.get("routes") or {"line": [{"edge": "REPORTS_TO"}]}).items():
        routes[name] = tuple(
            Climb(s["edge"], tuple(sorted((k, v) for k, v in s.items() if k not in ("edge", "rule"))),
                  s.get("rule") or _DEFAULT_RULES.get(s["edge"], s["edge"]))
            for s in steps)
    return Policy(routes, tuple(esc.get("forbidden_spheres") or ()), tuple(esc.get("ends_at") or ()))


class Step(NamedTuple):
    """A role on a route, the edge kind it was reached by and the rule that chose it."""

    id: str
    via: str
    rule: str


class Route(NamedTuple):
    """The roles after the starting one, in order, and how the route ends.

    ``blocked_by`` is the role the route would have reached when the outcome
    is ``forbidden`` (it is not a step: the policy forbids going there).
    Routes are shared between the roles below a common superior: treat them
    as read-only.
    """

    steps: tuple
    outcome: str
    blocked_by: Step | None = None

    @property
    def ids(self):
        return [s.id for s in self.steps]


def _index(org):
    """The four adjacencies escalation climbs, from one pass over the edges."""
    up, mandators, assigned, commissioners = {}, {}, {}, {}
    e = org.edges_by_kind("REPORTS_TO", "MANDATES", "ASSIGNED_TO", "COMMISSIONS")
    for u, v, d in e["REPORTS_TO"]:
        up.setdefault(u, []).append((v, d))
    for u, v, d in e["MANDATES"]:
        mandators.setdefault(v, []).append((u, d))
    for u, v, _ in e["ASSIGNED_TO"]:
        assigned.setdefault(v, []).append(u)
    for u, v, d in e["COMMISSIONS"]:
        commissioners.setdefault(v, []).append((u, d))
    return up, mandators, assigned, commissioners


def _targets(org, policy, climbs):
    """Each role's chosen next roles: ``{role: ([Step ...], [forbidden Step ...])}``."""
    nodes = dict(org.graph.nodes(data=True))   # plain dict: cheaper lookups than the view
    up, mandators, assigned, commissioners = _index(org)
    forbidden = set(policy.forbidden_spheres)
    # Resolve each climb to its adjacency once, not once per role.
    plans = [(c, up if c.edge == "REPORTS_TO" else mandators if c.edge == "MANDATES" else None)
             for c in climbs]
    out = {}
    for r, rd in nodes.items():
        if rd.get("kind") != "Role":
            continue
        for climb, adj in plans:
            if adj is not None:
                cands = adj.get(r)
            else:
                cands = [x for c in assigned.get(r, ()) for x in commissioners.get(c, ())]
            if not cands:
                continue
            seen, ok, blocked = set(), [], []
            for v, d in cands:
                if v in seen or v == r:
                    continue
                vd = nodes[v]
                if vd.get("kind") != "Role" or (climb.filters and not climb.matches(d)):
                    continue
                seen.add(v)
                step = Step(v, climb.edge, climb.rule)
                (blocked if vd.get("sphere") in forbidden else ok).append(step)
            if ok or blocked:
                out[r] = (ok, blocked)
                break
    return out


class Escalation:
    """Every role's escalation routes along one route kind of the policy.

    Attributes
    ----------
    routes : dict
        ``{role id: [Route, ...]}``.
    via : str
        The route kind (``line``, ``commission`` ...).
    """

    def __init__(self, org, via, routes):
        self.org, self.via, self.routes = org, via, routes

    def _who(self, n) -> dict:
        d = self.org.graph.nodes[n]
        return {"id": n, "name": d.get("name", n), "kind": d.get("kind"),
                "sphere": d.get("sphere")}

    def _step(self, s: Step) -> dict:
        return {**self._who(s.id), "level": self.org.graph.nodes[s.id].get("level"),
                "via": s.via, "rule": s.rule}

    def record(self, role) -> dict:
        """The JSON object for one starting role: ``from`` and ``routes``."""
        routes = []
        for r in self.routes[role]:
            rec = {"steps": [self._step(s) for s in r.steps], "outcome": r.outcome}
            if r.blocked_by is not None:
                rec["blocked_by"] = self._step(r.blocked_by)
            routes.append(rec)
        return {"from": self._who(role), "via": self.via, "routes": routes}

    def to_records(self) -> list:
        return [self.record(r) for r in self.routes]

    def to_frame(self) -> pd.DataFrame:
        """One row per route: start, route number, the path as names, outcome."""
        rows = []
        # One dict of names: looking each up through the graph's node view
        # costs more than the rest of this table at 100k roles.
        label = {n: d.get("name", n) for n, d in self.org.graph.nodes(data=True)}.__getitem__
        for role, routes in self.routes.items():
            for i, r in enumerate(routes, 1):
                rows.append({"from": role, "from_name": label(role), "route": i,
                             "path": " → ".join(label(s.id) for s in r.steps),
                             "ids": " > ".join(r.ids), "outcome": r.outcome,
                             "blocked_by": r.blocked_by.id if r.blocked_by else ""})
        return pd.DataFrame(rows, columns=["from", "from_name", "route", "path", "ids",
                                           "outcome", "blocked_by"])


@paused
def escalation_routes(org, via="line", roles=None) -> Escalation:
    """Compute the escalation routes of every role (or of ``roles``) in one pass.

    Parameters
    ----------
    org : OrgModel
    via : str
        A route kind of the policy: ``line`` or ``commission`` for Deventer.
    roles : iterable of str, optional
        Starting roles; by default every role outside the forbidden spheres.

    Raises
    ------
    OrgModelError
        When ``via`` is not a route kind of the organisation's policy.

    Examples
    --------
    >>> esc = escalation_routes(sample)
    >>> [(r.ids, r.outcome) for r in esc.routes["tm"]]
    [(['dd', 'cd', 'gd'], 'top')]
    >>> [(r.ids, r.outcome) for r in escalation_routes(sample, "commission").routes["bpm"]]
    [(['dd', 'cd', 'gd'], 'top')]
    """
    policy = escalation_policy(org)
    if via not in policy.routes:
        raise OrgModelError(f"'{via}' is not an escalation route of {org.name or 'this model'}; "
                            f"its policy has: {', '.join(policy.routes)}")
    nxt = _targets(org, policy, policy.routes[via])
    ends = set(policy.ends_at)
    # Nobody to go to: the top of the line, unless the policy names where routes end.
    nowhere = "dead_end" if ends else "top"
    suffix = {}

    def expand(x, path, scc):
        """Routes above x; ``path``/``scc`` only matter inside a cycle."""
        if x in ends:
            return [Route((), "top")]
        ok, blocked = nxt.get(x, ((), ()))
        if not ok and not blocked:
            return [Route((), nowhere)]
        res = [Route((), "forbidden", b) for b in blocked]
        for s in ok:
            if s.id in path:
                res.append(Route((s,), "loop"))
            elif s.id in scc:
                res += [Route((s,) + r.steps, r.outcome, r.blocked_by)
                        for r in expand(s.id, path | {s.id}, scc)]
            else:
                res += [Route((s,) + r.steps, r.outcome, r.blocked_by) for r in suffix[s.id]]
        return res

    roles_all = org.ids("Role")
    succ = {r: [s.id for s in ok] for r, (ok, _) in nxt.items() if r not in ends}
    order, rest = sinks_first(roles_all, succ)
    for x in order:   # sinks first: the routes above x are known when x is reached
        suffix[x] = expand(x, frozenset({x}), frozenset())
    if rest:          # roles on or below a loop: the careful way, per component
        climb = nx.DiGraph()
        climb.add_nodes_from(rest)
        climb.add_edges_from((r, t) for r in rest for t in succ.get(r, ()) if t in climb)
        cond = nx.condensation(climb)
        for c in reversed(list(nx.topological_sort(cond))):
            members = cond.nodes[c]["members"]
            cyclic = len(members) > 1
            for x in members:
                suffix[x] = expand(x, frozenset({x}), members if cyclic else frozenset())

    forbidden = set(policy.forbidden_spheres)
    if roles is None:
        roles = [r for r in org.ids("Role") if org.graph.nodes[r].get("sphere") not in forbidden]
    routes = {r: suffix[r] for r in roles}
    return Escalation(org, via, routes)


def escalate(org, role: str, via="line") -> Escalation:
    """The routes of one role, given by id or name (case-insensitive).

    Raises
    ------
    UnknownRoleError
        When the name matches no role or several, with the closest candidates.
    """
    rid = org.find_role(role)
    return escalation_routes(org, via, roles=[rid])


def meet(org, a: str, b: str, via="line") -> dict:
    """Who decides when ``a`` and ``b`` disagree: the first role their routes share.

    The meeting role is the one nearest to both (fewest steps for the one
    further away, then fewest in all).  When one is on the other's route,
    that one is the meeting role.

    Examples
    --------
    >>> m = meet(sample, "tm", "bpm")
    >>> m["meet"]["id"], [s["id"] for s in m["path_a"]], [s["id"] for s in m["path_b"]]
    ('cd', ['dd', 'cd'], ['cd'])
    """
    ra, rb = org.find_role(a), org.find_role(b)
    esc = escalation_routes(org, via, roles=[ra, rb])

    def distances(role):
        best = {role: (0, ())}
        for r in esc.routes[role]:
            for i, s in enumerate(r.steps, 1):
                if s.id not in best or best[s.id][0] > i:
                    best[s.id] = (i, r.steps[:i])
        return best

    da, db = distances(ra), distances(rb)
    common = set(da) & set(db)
    result = {"a": esc._who(ra), "b": esc._who(rb), "via": via,
              "meet": None, "path_a": [], "path_b": []}
    if not common:
        return result
    m = min(common, key=lambda n: (max(da[n][0], db[n][0]), da[n][0] + db[n][0], n))
    result["meet"] = esc._who(m)
    result["path_a"] = [esc._step(s) for s in da[m][1]]
    result["path_b"] = [esc._step(s) for s in db[m][1]]
    return result
