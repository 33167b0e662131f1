"""Governance checks: the rules an organisation adopted, applied to its model.

One registry, :data:`CHECKS`, maps a rule id to its check.  Which rules
apply, and the passage of its own sources that states each, is the
organisation's data (``rules`` in ``org.yaml``): a rule an organisation never
adopted is not checked, and a rule without a citation is reported in plain
words.  Each finding names the rule, the nodes involved, the citation, and
which of the facts it rests on are not stated by a source (inferred,
assumed or ungraded), so a reader knows what the finding stands on.

* R1: no escalation route has to go into a forbidden sphere, on every route
  kind of the policy (each kind its own spheres).
* R2: every commission has a political and an official commissioner.
* R3: no commission, no work: every commission has a commissioner, and every
  contract with a partner rests on a commission the contracting role gives.
* R4: the official commissioner is a corporate director (level ``concern``);
  a delegated one is mandated, down the line, by it.
* R5: the official commissioner holds the budget.
* R7: for each budget programme, each alderman has exactly one official
  responsible.
* R10: every commission has a commissioner inside the organisation.

Beside the rules an organisation adopts, the checks of the Algemene wet
bestuursrecht on its mandates (:mod:`orgmodel.mandates`) always apply; their
findings cite the article (``Awb 10:9``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from ._nx import predecessors, successors
from .errors import OrgModelError
from .i18n import N_, Listing, Message
from .model import at_its_date
from .schema import RULES

if TYPE_CHECKING:  # names in annotations only
    from .model import OrgModel


__all__ = ["Finding", "CHECKS", "FINDING_COLUMNS", "check", "applicable_rules"]


#: The columns of :func:`check`'s findings.
FINDING_COLUMNS = ["rule", "message", "nodes", "source", "not_stated"]


@dataclass
class Finding:
    """One rule broken: which rule, the nodes involved, what, and the rule's source."""

    rule: str
    message: str
    nodes: list = field(default_factory=list)
    source: str = ""
    not_stated: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _commissioners(org, c):
    # (the adjacency itself, in the order of in_edges: the views cost more
    # than the walk for fifty thousand commissions)
    return [(u, d) for u, keyed in predecessors(org.graph)[c].items() for d in keyed.values()
            if d["kind"] == "COMMISSIONS"]


def _inside(org, node) -> bool:
    """A post or role of the municipality itself (not a partner, not external)."""
    d = org.graph.nodes[node]
    return d.get("kind") in ("Post", "Role") and not d.get("external")


def _players(node, scope, plays) -> list:
    """Who plays the role ``node`` for ``scope`` (a commission): the players
    whose PLAYS names that scope or none; all of them when none does
    (``plays``: each role's players, :meth:`OrgModel.adjacency` reversed)."""
    every = [(u, d.get("scope") or ()) for u, d in plays.get(node, ())]
    here = [u for u, sc in every if not sc or scope in sc]
    return here or [u for u, _ in every]


def _concern(org, node, scope, plays) -> bool:
    """At the concern level, or a role that only concern-level posts play
    for ``scope``."""
    d = org.graph.nodes[node]
    if d.get("level") == "concern":
        return True
    players = _players(node, scope, plays)
    return d.get("kind") == "Role" and bool(players) and all(
        org.graph.nodes[u].get("level") == "concern" for u in players)


def check_r1(org):
    """One finding per role where routes can only go on into a forbidden
    sphere, with the number of roles whose routes end there (the route graphs
    and loads a report works out are shared through its analysis block)."""
    from .escalation import escalation_load, escalation_policy, route_graph
    found = []
    for via in escalation_policy(org).routes:
        rg = route_graph(org, via)
        starts = set(rg.starts())      # roles of a forbidden sphere are on no route
        stuck = [r for r, out in rg._end.items() if out == "forbidden" and r in starts]
        if stuck:
            frame = escalation_load(org, via)
            found += r1_findings(org, via, rg, stuck,
                                 frame.set_index("id")["reached_by"].to_dict())
    return found


def r1_findings(org, via, rg, stuck, load: dict) -> list:
    """R1's findings of route kind ``via`` for the roles ``stuck`` (whose
    routes in ``rg`` can only go on into a forbidden sphere), in id order;
    ``load``: how many roles' routes reach each role."""
    found = []
    for r in sorted(stuck):
        blocked = rg.blocked(r)
        spheres = [org.graph.nodes[b.id].get("sphere") or "" for b in blocked]
        names = Listing(N_(" or "), [
            Message("{name} ({sphere})", name=org.label(b.id), sphere=Message(sphere))
            for b, sphere in zip(blocked, spheres)])
        n = load.get(r, 0) + 1
        found.append(Finding("R1", Message(
            N_("the {via} route of {post} can only go on to {names}; the {via} routes of "
               "{n} posts and roles end there") if n != 1 else
            N_("the {via} route of {post} can only go on to {names}; its own route ends "
               "there"),
            via=Message(via), post=org.label(r), names=names, n=n),
            [r] + [b.id for b in blocked]))
    return found


def check_r2(org):
    found = []
    for c in org.ids("Commission"):
        caps = {d.get("capacity") for u, d in _commissioners(org, c) if _inside(org, u)}
        missing = [cap for cap in ("political", "official") if cap not in caps]
        if missing:
            text = {("political",): N_("no political commissioner of commission {c} is "
                                       "recorded: the data's sources do not name one"),
                    ("official",): N_("no official commissioner of commission {c} is "
                                      "recorded: the data's sources do not name one"),
                    ("political", "official"): N_("no political and no official commissioner "
                                                  "of commission {c} is recorded: the data's "
                                                  "sources do not name one")}[tuple(missing)]
            found.append(Finding("R2", Message(text, c=org.label(c)), [c]))
    return found


def check_r3(org):
    found = []
    for c in org.ids("Commission"):
        if not _commissioners(org, c):
            found.append(Finding("R3", Message("{c} has no commissioner: work without a "
                                               "commission", c=org.label(c)), [c]))
    assigned = org.adjacency("ASSIGNED_TO", reverse=True)
    for role, partner, _ in org.edges("CONTRACTS"):
        backed = any(u == role for c, _ in assigned.get(partner, ())
                     for u, _ in _commissioners(org, c))
        if not backed:
            found.append(Finding("R3", Message("{post} contracts {partner} without a "
                                               "commission it gives to that partner",
                                               post=org.label(role), partner=org.label(partner)),
                                 [role, partner]))
    return found


def check_r4(org):
    found = []
    mandates = nx.DiGraph((u, v) for u, v, _ in org.edges("MANDATES"))
    plays = org.adjacency("PLAYS", reverse=True)
    for c in org.ids("Commission"):
        official = [(u, d) for u, d in _commissioners(org, c)
                    if d.get("capacity") == "official" and _inside(org, u)]
        heads = [u for u, d in official if not d.get("delegated")]
        for u in heads:
            if not _concern(org, u, c, plays):
                found.append(Finding("R4", Message(
                    "the official commissioner of {c}, {post}, is not a corporate director",
                    c=org.label(c), post=org.label(u)), [c, u]))
        # (a mandate from the post that plays the commissioner's role counts)
        mandators = heads + [p for h in heads for p in _players(h, c, plays)]
        for u, d in official:
            if d.get("delegated") and not any(
                    h in mandates and u in mandates and nx.has_path(mandates, h, u)
                    for h in mandators):
                found.append(Finding("R4", Message(
                    "{post} is delegated official commissioner of {c} without a mandate from "
                    "its official commissioner", post=org.label(u), c=org.label(c)), [c, u]))
    return found


def check_r5(org):
    found = []
    for c in org.ids("Commission"):
        cs = _commissioners(org, c)
        holders = [u for u, d in cs if d.get("budget_holder")]
        heads = [u for u, d in cs if d.get("capacity") == "official" and not d.get("delegated")
                 and _inside(org, u)]
        if heads and not set(holders) & set(heads):
            found.append(Finding("R5", Message("the official commissioner of {c} does not "
                                               "hold its budget", c=org.label(c)), [c] + heads))
        for u in holders:
            if u not in heads:
                found.append(Finding("R5", Message(
                    "{post} holds the budget of {c} without being its official commissioner",
                    post=org.label(u), c=org.label(c)), [c, u]))
    return found


def check_r7(org):
    found = []
    for c in org.ids("Commission"):
        if org.graph.nodes[c].get("commission_kind") != "budget programme":
            continue
        cs = _commissioners(org, c)
        officials = sorted({u for u, d in cs if d.get("capacity") == "official"
                            and not d.get("delegated") and _inside(org, u)})
        for a in sorted({u for u, d in cs if d.get("capacity") == "political"}):
            if len(officials) != 1:
                found.append(Finding("R7", Message(
                    "{post} has {n} officials responsible for {c}, not exactly one",
                    post=org.label(a), n=len(officials), c=org.label(c)), [a, c] + officials))
    return found


def check_r10(org):
    found = []
    for c in org.ids("Commission"):
        cs = _commissioners(org, c)
        if cs and not any(_inside(org, u) for u, _ in cs):
            found.append(Finding("R10", Message(
                "{c} is commissioned only from outside the municipality: {who}", c=org.label(c),
                who=", ".join(org.label(u) for u, _ in cs)), [c] + [u for u, _ in cs]))
    return found


#: The rule registry: rule id -> check function(org) -> [Finding].
CHECKS = {"R1": check_r1, "R2": check_r2, "R3": check_r3, "R4": check_r4, "R5": check_r5,
          "R7": check_r7, "R10": check_r10}


def applicable_rules(org: OrgModel) -> dict:
    """``{rule: {"text", "source", "note"}}`` for the rules ``org.yaml`` adopts.

    ``rules`` may list ids (no citation) or map each id to its citation.
    Without ``rules`` every checkable rule applies, uncited.

    Examples
    --------
    >>> applicable_rules(sample)["R1"]["source"]
    'X-5'
    """
    declared = org.settings("rules")
    if declared is None:
        declared = list(CHECKS)
    if isinstance(declared, dict):
        items = [(r, spec or {}) for r, spec in declared.items()]
    else:
        items = [(r, {}) for r in declared]
    return {r: {"text": spec.get("text") or RULES.get(r, ("",))[0],
                "source": spec.get("source", ""), "note": spec.get("note", "")}
            for r, spec in items}


def _not_stated(org, ids) -> list:
    """The facts among ``ids`` (and the edges between them) a source does not state."""
    g, out = org.graph, []
    present = [n for n in ids if n in g]
    for n in present:
        grade = g.nodes[n].get("evidence") or "ungraded"
        if grade != "stated":
            out.append(Message("{name} ({grade})", name=org.label(n), grade=Message(grade)))
    inside = set(present)
    for u in present:
        for v, keyed in successors(g)[u].items():
            if v in inside:
                for d in keyed.values():
                    grade = d.get("evidence") or "ungraded"
                    if grade != "stated":
                        out.append(Message("{kind} {a} → {b} ({grade})", kind=Message(d["kind"]),
                                           a=org.label(u), b=org.label(v),
                                           grade=Message(grade)))
    return out


@at_its_date
def check(org: OrgModel, rules: list[str] | None = None, awb: bool | None = None,
          found: dict | None = None) -> pd.DataFrame:
    """Run the governance checks and return every finding.

    Parameters
    ----------
    rules : list of str, optional
        Rule ids; by default the checkable ``rules`` of ``org.yaml`` (all
        checks if absent).
    awb : bool, optional
        Also run the Algemene wet bestuursrecht's checks on the mandates
        (:func:`orgmodel.mandates.mandate_findings`); by default when no
        ``rules`` are given.
    found : dict, optional
        ``{rule: [Finding]}``: the findings of some rules, already worked out
        (a comparison works out R1 near a small change, from the as-is
        model's); the other rules are run.

    Returns
    -------
    DataFrame
        ``rule, message, nodes, source, not_stated``, one row per finding;
        ``source`` is the organisation's citation of the rule.

    Examples
    --------
    >>> check(sample).empty
    True
    >>> sample.graph.remove_edge("alderman", "youth")
    >>> print(*check(sample)[["rule", "message"]].iloc[0], sep=": ")
    R2: no political commissioner of commission Youth programme is recorded: the data's sources do not name one
    """
    cited = applicable_rules(org)
    if awb is None:
        awb = rules is None
    if rules is None:
        rules = [r for r in cited if r in CHECKS]
    unknown = [r for r in rules if r not in CHECKS]
    if unknown:
        raise OrgModelError(Message("no check for rule {rules}; checkable rules: {checkable}",
                                    rules=", ".join(unknown), checkable=", ".join(CHECKS)))
    rows = []
    for r in rules:
        for f in (found[r] if found and r in found else CHECKS[r](org)):
            f.source = cited.get(r, {}).get("source", "")
            f.not_stated = _not_stated(org, f.nodes)
            rows.append(f.to_dict())
    if awb:
        # The law applies whatever the organisation adopts: its article is the citation.
        from .mandates import mandate_findings
        for m in mandate_findings(org):
            rows.append(Finding(m.rule, m.message, m.nodes, m.rule,
                                _not_stated(org, m.nodes)).to_dict())
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)
