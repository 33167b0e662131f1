"""The mandate register: who may decide what on the organisation's behalf.

A power (``powers`` in ``org.yaml``) has a competent body (``body``: the
college, the mayor, the council, as a role id), a legal ``basis``, a
``kind``, whether the law lets it be mandated (``mandatable``, Awb 10:3(2))
and the power that decides objections against it (``objections``).  A
MANDATES edge passes powers from mandator to mandatee: ``powers``,
``mandate_kind`` (mandaat, volmacht, machtiging), ``submandate`` (whether
ondermandaat is allowed, Awb 10:9), ``ceiling`` (an amount; ``none`` where
the source states there is none; empty where it records none), ``instructions``
(Awb 10:6), ``valid_from``/``valid_to``, and the granting decision: its
name or number (``decision``, ``decision_ref``), its date (``decision_date``),
where it was published (``published``: the Gemeenteblad and its number, the
vindplaats) and the date it took effect (``in_force``); ``consent`` records the
consent Awb 10:4 asks for a mandate to someone outside the mandator's
organisation.  A role's
``deputy`` names its deputies.  Ondermandaat is a chain of such edges.

* :func:`register`: per power, every link of every chain from the competent
  body down to posts, with holders, deputies, the ceiling that applies
  (the lowest on the chain), instructions, validity, the decision and the
  signing formula.
* :func:`who_decides`: the posts that may exercise a power (for an amount,
  on a date), each with its chain; for one role, yes or no and why.
* :func:`mandate_findings`: the checks of the Awb on the register (used by
  :func:`orgmodel.check`).

Where the sources name no competent body, legal basis, decision or ceiling,
the register says "not recorded" and invents none: a chain with a link whose
ceiling is not recorded is not taken to allow every amount.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ._nx import node_attrs
from .errors import InputError, OrgModelError
from .i18n import N_, Amount, Listing, Message
from .model import at_its_date
from .notation import NO_CEILING
from .powers import find_power

if TYPE_CHECKING:  # names in annotations only
    from pathlib import Path

    from ._types import PathLike
    from .model import OrgModel


#: What a register without a mandate is said as (its file, the report,
#: `mandates` and the web app's page).
NO_MANDATE = N_("No mandate names a declared power.")

__all__ = ["register", "who_decides", "mandate_findings", "write_register", "AWB", "NO_MANDATE",
           "REGISTER_COLUMNS", "REGISTER_SHOWN"]

#: The articles of the Algemene wet bestuursrecht each check cites.
AWB = {
    "vacant": "Awb 10:1",
    "broken": "Awb 10:1",
    "submandate": "Awb 10:9",
    "not_mandatable": "Awb 10:3(2)",
    "objections": "Awb 10:3(3)",
    "consent": "Awb 10:4",
    "ceiling": "Awb 10:9",
    "cycle": "Awb 10:1",
}

REGISTER_COLUMNS = ["power", "power_name", "body", "body_name", "basis", "depth", "mandator",
                    "mandator_name", "mandatee", "mandatee_name", "played_by", "holders",
                    "deputies", "mandate_kind", "submandate", "ceiling", "ceiling_applies",
                    "instructions", "within", "valid_from", "valid_to", "temporary", "decision",
                    "decision_date", "published", "in_force", "chain", "signing", "evidence",
                    "note", "note_nl", "source"]
#: The register's columns a reader looks at first (the report's table, the
#: web app's page): the rest are in the CSV.
REGISTER_SHOWN = ["power_name", "body_name", "chain", "holders", "ceiling_applies", "valid_to",
                  "decision", "signing", "evidence"]


@dataclass
class _Link:
    mandator: str
    mandatee: str
    attrs: dict


def _index(org, only=None):
    """``({power: [_Link]}, {post: [holder names]}, {role: [(player, scope)]})``
    in one pass over the edges; ``only`` keeps the links of one power."""
    g = org.graph
    e = org.edges_by_kind("MANDATES", "HOLDS", "PLAYS")
    links, holders, players = {}, {}, {}
    for u, v, d in e["MANDATES"]:
        for p in d.get("powers") or ():
            if only is None or p == only:
                links.setdefault(p, []).append(_Link(u, v, d))
    for u, v, _d in e["HOLDS"]:
        if node_attrs(g)[u].get("kind") == "Person":
            holders.setdefault(v, []).append(node_attrs(g)[u].get("name", u))
    for u, v, d in e["PLAYS"]:
        players.setdefault(v, []).append((u, tuple(d.get("scope") or ())))
    return links, holders, players


def _for(name, scope) -> str:
    """' for Z, W': the scope a role is played in, or ''."""
    return Message(" for {scope}", scope=", ".join(name(x) for x in scope)) if scope else ""


def _played(name, players, role) -> str:
    """Who plays ``role``, as the register says it: 'X; Y (for Z)'."""
    return Listing("; ", [
        Message("{name} (for {scope})", name=name(u), scope=", ".join(name(x) for x in scope))
        if scope else name(u) for u, scope in players.get(role, ())]) \
        if players.get(role) else ""


def _links(org) -> dict:
    """``{power: [_Link]}`` for every power a mandate names."""
    return _index(org)[0]


def _ceiling(d) -> float | None:
    """A mandate's ceiling to compare amounts with: ``inf`` where the source
    states there is none, ``None`` where it records none."""
    c = d.get("ceiling")
    if c is None or (isinstance(c, float) and math.isnan(c)) or c == "":
        return None
    return math.inf if c == NO_CEILING else float(c)


def shown_ceiling(cap: float | None, bound: float = math.inf):
    """A ceiling as a table shows it: the amount, "no ceiling" (``inf``), or
    "not recorded" (``None``), with ``bound`` when that is an amount (the
    lowest ceiling recorded on its chain: the one that applies is at most that).

    >>> shown_ceiling(25000.0), shown_ceiling(math.inf), shown_ceiling(None)
    (25000.0, 'no ceiling', 'not recorded')
    >>> shown_ceiling(None, 50000.0)
    'not recorded (at most 50,000)'
    """
    if cap is None:
        return Message("not recorded") if bound == math.inf else \
            Message("not recorded (at most {amount})", amount=Amount(bound))
    return Message("no ceiling") if cap == math.inf else cap


def _chains(org, power, links, body):
    """``(depth, link, path, applies, bound)`` for every link reached from a
    root of the power's chains, depth-first; a root is the competent body,
    or a mandator no mandate for the power reaches.  ``bound`` is the lowest
    ceiling recorded on the chain (``inf``: none lower than no ceiling);
    ``applies`` is that, or ``None`` when a link records no ceiling (the
    ceiling that applies is then not recorded: at most ``bound``)."""
    below, has_parent = {}, set()
    for link in links:
        below.setdefault(link.mandator, []).append(link)
        has_parent.add(link.mandatee)
    roots = [body] if body and body in below else []
    roots += sorted(m for m in below if m not in has_parent and m != body)
    out, seen = [], set()
    for root in roots:
        stack = [(root, 1, (root,), math.inf, True)]
        while stack:
            node, depth, path, bound, known = stack.pop()
            for link in reversed(below.get(node, ())):
                if link.mandatee in path:
                    continue                      # a cycle: reported by the checks
                c = _ceiling(link.attrs)
                lowest, all_known = (bound, False) if c is None else (min(bound, c), known)
                key = (link.mandator, link.mandatee, id(link.attrs))
                if key in seen:
                    continue
                seen.add(key)
                out.append((depth, link, path + (link.mandatee,),
                            lowest if all_known else None, lowest))
                stack.append((link.mandatee, depth + 1, path + (link.mandatee,), lowest,
                              all_known))
    return out


def _power_info(org, power):
    spec = org.vocabulary("powers").get(power, {})
    body = spec.get("body") or ""
    return spec, body


@at_its_date
def register(org: OrgModel, power: str | None = None) -> pd.DataFrame:
    """The mandate register: one row per link of every chain, per power.

    Parameters
    ----------
    power : str, optional
        A power's id or name; every power when omitted.

    Returns
    -------
    DataFrame
        :data:`REGISTER_COLUMNS`; ``chain`` names the posts from the root down,
        ``played_by`` the posts that play a mandatee that is a role,
        ``ceiling`` is the link's (an amount, "no ceiling" where the source
        states there is none, "not recorded"), ``ceiling_applies`` the lowest
        on the chain ("not recorded" where a link records none: at most the
        lowest that others record), ``signing`` the
        formula a decision under the mandate is signed with, as the data
        records it (the register's *ondertekening*; "not recorded" when it
        does not: a municipality sets its own).

    Examples
    --------
    >>> reg = register(sample, "budget")
    >>> for row in reg[["mandator", "mandatee", "depth", "ceiling_applies"]].to_dict("records"):
    ...     print(row)
    {'mandator': 'gd', 'mandatee': 'budget-holder', 'depth': 1, 'ceiling_applies': 100000.0}
    {'mandator': 'gd', 'mandatee': 'cd', 'depth': 1, 'ceiling_applies': 'not recorded'}
    {'mandator': 'cd', 'mandatee': 'dd', 'depth': 2, 'ceiling_applies': 'not recorded (at most 50,000)'}
    >>> reg.loc[0, "played_by"]
    'Corporate director (for Welfare grant); Budget programme manager (for Youth programme)'
    """
    index = _index(org, find_power(org, power) if power else None)
    return _register_frame(_register_rows(org, power, index))


def _register_frame(rows: list) -> pd.DataFrame:
    """The register's rows as its table (without their private keys)."""
    frame = pd.DataFrame(rows, columns=REGISTER_COLUMNS)
    return frame.astype({"ceiling": object, "ceiling_applies": object}).where(
        frame.notna(), None) if len(frame) else frame


def _register_rows(org, power, index) -> list:
    """The register's rows, each with the ceilings of its chain as numbers
    too (``_applies``, ``_bound``: see :func:`_chains`) for
    :func:`who_decides` to compare an amount with."""
    links, holders, players = index
    vocab = org.vocabulary("powers")
    powers = [find_power(org, power)] if power else \
        list(dict.fromkeys(list(vocab) + sorted(links)))
    nodes = node_attrs(org.graph)
    def name(n) -> str:
        return nodes.get(n, {}).get("name", n) if n else ""
    rows = []
    for p in powers:
        spec, body = _power_info(org, p)
        for depth, link, path, applies, bound in _chains(org, p, links.get(p, ()), body):
            d = link.attrs
            rows.append({
                "power": p, "power_name": spec.get("text", p), "body": body,
                "body_name": name(body) if body else Message("not recorded"),
                "basis": spec.get("basis") or Message("not recorded"), "depth": depth,
                "mandator": link.mandator, "mandator_name": name(link.mandator),
                "mandatee": link.mandatee, "mandatee_name": name(link.mandatee),
                "played_by": _played(name, players, link.mandatee) or (
                    Message("no one recorded") if nodes[link.mandatee].get("kind") == "Role"
                    else ""),
                "holders": "; ".join(holders.get(link.mandatee, [])) or
                           (Message("vacant") if nodes[link.mandatee].get("vacant") else ""),
                "deputies": "; ".join(name(x) for x in nodes[link.mandatee].get("deputy") or ()),
                "mandate_kind": d.get("mandate_kind", ""),
                "submandate": bool(d.get("submandate", False)),
                "ceiling": shown_ceiling(_ceiling(d)),
                "ceiling_applies": shown_ceiling(applies, bound),
                "_applies": applies, "_bound": bound,
                "instructions": d.get("instructions", ""), "within": d.get("within", ""),
                "valid_from": d.get("valid_from", ""), "valid_to": d.get("valid_to", ""),
                "temporary": bool(d.get("temporary", False)),
                "decision": "; ".join(x for x in (d.get("decision", ""),
                                                  d.get("decision_ref", "")) if x)
                            or Message("not recorded"),
                "decision_date": d.get("decision_date") or Message("not recorded"),
                "published": d.get("published") or Message("not recorded"),
                "in_force": d.get("in_force") or Message("not recorded"),
                "chain": " → ".join(name(x) for x in path),
                # (the formula a municipality signs with is its own, set in
                # its mandaatbesluit: Awb 10:10 asks only that the decision
                # name the body, which body_name gives; none is made up)
                "signing": d.get("signing") or Message("not recorded"),
                "evidence": d.get("evidence", "") or "ungraded", "note": d.get("note", ""),
                "note_nl": d.get("note_nl", ""),
                "source": d.get("source", ""),
            })
    return rows


@at_its_date
def who_decides(org: OrgModel, power: str | None, amount: float | None = None, role: str | None = None) -> dict:
    """Who may exercise ``power`` (for ``amount``), each with its chain.

    A post that plays a role has the role's powers (within the role's scope):
    its row says ``through`` which role.

    Returns
    -------
    DataFrame or dict
        Without ``role``: ``post, post_name, through, holders, chain,
        ceiling, warnings``, the competent body first; ``ceiling`` is the
        lowest on the chain, "no ceiling", or "not recorded" (a mandate on
        the chain records none); ``warnings`` names what ``check`` finds on
        a link of the post's chain (Awb 10:1, 10:9 ...).  With ``role``:
        ``{"role", "may", "why", "warnings"}``, ``may`` None when it turns on
        a ceiling that is not recorded.

        With an ``amount``, a post whose chain records a lower ceiling is
        left out (``role``: no); one whose chain has a mandate with no
        ceiling recorded stays, its ceiling "not recorded": the sources do
        not say whether it may (``role``: may None).

    Examples
    --------
    >>> who_decides(sample, "budget")["post"].tolist()
    ['gd', 'budget-holder', 'cd', 'dd', 'bpm']
    >>> print(who_decides(sample, "budget", role="bpm")["why"])  # doctest: +NORMALIZE_WHITESPACE
    yes: General director → Budget holder → played by Budget programme manager for
    Youth programme (as Budget holder for Youth programme) (ceiling 100,000)
    >>> who_decides(sample, "budget", role="tm")["may"]
    False
    >>> print(who_decides(sample, "budget", amount=20000, role="dd")["why"])  # doctest: +NORMALIZE_WHITESPACE
    not recorded: a mandate on its chain (General director → Corporate director → Deputy
    director) records no ceiling, and the ceiling that applies is at most 50,000
    >>> who_decides(sample, "budget", amount=-5)
    Traceback (most recent call last):
    ...
    orgmodel.errors.InputError: an amount is 0 or more, not -5
    """
    if amount is not None and not amount >= 0:
        # (a negative amount is under every ceiling: each post would "may")
        raise InputError(Message("an amount is 0 or more, not {amount}", amount=Amount(amount)))
    p = find_power(org, power)
    spec, body = _power_info(org, p)
    index = _index(org, p)
    reg_rows = _register_rows(org, p, index)
    reg = _register_frame(reg_rows)
    nodes = node_attrs(org.graph)
    holders, players = index[1], index[2]
    roots = [body] if body else list(dict.fromkeys(reg.loc[reg["depth"] == 1, "mandator"]))
    rows = _root_rows(roots, bool(body), nodes, holders)
    mandated, why_not = _mandatee_rows(reg_rows, p, spec.get("mandatable", True), amount)
    rows += mandated
    rows += _through_roles(rows, players, nodes, holders, why_not, set(roots))
    frame = pd.DataFrame(rows, columns=["post", "post_name", "through", "holders", "chain",
                                        "ceiling"])
    frame = frame.drop_duplicates("post", ignore_index=True)
    frame["warnings"] = _warnings(org, reg, players, frame["post"].tolist())
    if role is None:
        return frame
    rid = org.find_role(role, teams=True)     # (a team: may its leader?)
    hit = frame[frame["post"] == rid]
    if len(hit):
        row = next(r for r in rows if r["post"] == rid)
        warned = hit["warnings"].iloc[0]
        may, why = _may(row, amount)
        return {"role": rid, "may": may, "why": why,
                "warnings": list(warned.items) if warned else []}
    why = why_not.get(rid) or Message("no mandate for {power} reaches {post}", power=p,
                                      post=nodes[rid].get("name", rid))
    return {"role": rid, "may": False, "why": Message("no: {why}", why=why), "warnings": []}


def _root_rows(roots: list, body: bool, nodes: dict, holders: dict) -> list:
    """The rows of who holds the power itself: the competent body, or
    (where the data names none) each first mandator."""
    return [{"post": root, "post_name": nodes[root].get("name", root), "through": "",
             "holders": "; ".join(holders.get(root, [])),
             "chain": Message("competent body") if body else
             Message("holds it (who gave it the power is not recorded)"),
             "ceiling": None, "_root": True, "_applies": None, "_bound": math.inf}
            for root in roots]


def _mandatee_rows(reg_rows: list, power: str, mandatable: bool,
                   amount: float | None) -> tuple[list, dict]:
    """The rows of the posts a mandate reaches that may decide (for
    ``amount``), and why each of the others may not (post -> why)."""
    rows, why_not = [], {}
    for r in reg_rows:
        if not mandatable:
            why_not[r["mandatee"]] = Message("{power} may not be mandated (Awb 10:3(2))",
                                             power=power)
        elif amount is not None and amount > r["_bound"]:
            why_not[r["mandatee"]] = Message("the ceiling on its chain is {amount}",
                                             amount=Amount(r["_bound"]))
        else:
            rows.append({"post": r["mandatee"], "post_name": r["mandatee_name"], "through": "",
                         "holders": r["holders"], "chain": r["chain"],
                         "ceiling": r["ceiling_applies"], "_applies": r["_applies"],
                         "_bound": r["_bound"]})
    return rows, why_not


def _may(row: dict, amount: float | None) -> tuple:
    """``(may, why)`` of a post :func:`who_decides` lists: yes, with the
    ceiling of its chain; or, for an ``amount``, None where a mandate on the
    chain records no ceiling (the sources leave open whether it may)."""
    chain, applies, bound = row["chain"], row["_applies"], row["_bound"]
    through = Message(" (as {through})", through=row["through"]) if row["through"] else ""
    if row.get("_root"):                  # (the power is its own: no mandate, no ceiling)
        return True, Message("yes: {chain}", chain=chain) + through
    if applies is None and amount is not None:
        return None, Message(N_("not recorded: a mandate on its chain ({chain}) records no ceiling")
                             if bound == math.inf else
                             N_("not recorded: a mandate on its chain ({chain}) records no "
                                "ceiling, and the ceiling that applies is at most {amount}"),
                             chain=chain, amount=Amount(bound) if bound != math.inf else "")
    ceiling = (Message(" (ceiling not recorded)") if applies is None else
               Message(" (no ceiling)") if applies == math.inf else
               Message(" (ceiling {amount})", amount=Amount(applies)))
    return True, Message("yes: {chain}", chain=chain) + through + ceiling


def _warnings(org, reg, players, posts) -> list:
    """Per post, the findings of :func:`mandate_findings` on a link of the
    chain its answer rests on (a broken chain, an ondermandaat not allowed, a
    ceiling raised, a vacant mandatee ...): a ``Listing`` of them, or ''."""
    found = [f for f in mandate_findings(org) if len(f.nodes) >= 2]
    if not found:
        return [""] * len(posts)
    up: dict = {}
    for m, e in zip(reg["mandator"], reg["mandatee"]):
        up.setdefault(e, m)
    for role, plays in players.items():
        for player, _scope in plays:
            up.setdefault(player, role)
    out = []
    for post in posts:
        path, x = {post}, post
        while x in up and up[x] not in path:
            x = up[x]
            path.add(x)
        hits = [Message("{rule}: {message}", rule=f.rule, message=f.message) for f in found
                if set(f.nodes) <= path]
        out.append(Listing("; ", hits) if hits else "")
    return out


def _through_roles(rows, players, nodes, holders, why_not, roots) -> list:
    """The posts (people, bodies) that play a role that may exercise the
    power: a row each, saying through which role and for what scope."""
    def name(n) -> str:
        return nodes.get(n, {}).get("name", n)
    out = []
    for r in rows:
        for player, scope in players.get(r["post"], ()):
            within = _for(name, scope)
            out.append({"post": player, "post_name": name(player),
                        "through": Message("{role}{within}", role=name(r["post"]),
                                           within=within),
                        "holders": "; ".join(holders.get(player, [])),
                        "chain": Message("{chain} → played by {player}{within}",
                                         chain=(name(r["post"]) if r["post"] in roots
                                                and not r["through"] else r["chain"]),
                                         player=name(player), within=within),
                        "ceiling": r["ceiling"], "_root": r.get("_root", False),
                        "_applies": r["_applies"], "_bound": r["_bound"]})
    for role, why in list(why_not.items()):
        for player, _scope in players.get(role, ()):
            why_not.setdefault(player, Message("{why} (as {role})", why=why, role=name(role)))
    return out


@dataclass
class MandateFinding:
    rule: str
    message: str
    nodes: list


@at_its_date
def mandate_findings(org: OrgModel) -> list:
    """The Awb's checks on the mandates: every :class:`MandateFinding`.

    * a mandate to a vacant post without a deputy (Awb 10:1);
    * a link whose mandator holds no valid mandate for the power and is not
      its competent body: the chain is broken (a post closed, a mandate
      expired or not yet valid) (Awb 10:1);
    * ondermandaat where the parent mandate does not allow it (Awb 10:9);
    * an ondermandaat ceiling above its parent's (Awb 10:9);
    * a power that may not be mandated on a mandate (Awb 10:3(2));
    * one post holding mandates both for a power and for the objections
      against it (Awb 10:3(3), worded as a risk: who took which decision is
      not recorded);
    * a mandate to a post outside the mandator's organisation (an external
      post, or another ``organisation``) without recorded consent (Awb 10:4;
      a mandate between officials of one organisation needs none);
    * a cycle of mandates for one power (Awb 10:1).
    """
    checks = _MandateChecks(org)
    out = []
    for p, ls in _links(org).items():
        out += checks.of_power(p, ls)
    return out + checks.objections()


class _MandateChecks:
    """The Awb's checks on the mandates, power by power.  What they have
    said (a vacant post, a mandatee outside: once each) and the powers each
    post holds under a mandate (for the check of objections, made last) are
    kept in sight."""

    def __init__(self, org: OrgModel):
        self.nodes = node_attrs(org.graph)
        self.vocab = org.vocabulary("powers")
        self.holds: dict = {}          # post -> powers it exercises under a mandate
        self.seen_vacant: set = set()
        self.seen_consent: set = set()

    def name(self, n) -> str:
        return self.nodes.get(n, {}).get("name", n)

    def of_power(self, p: str, ls: list) -> list:
        """The findings on the mandates ``ls`` of power ``p``."""
        spec = self.vocab.get(p, {})
        text, body = spec.get("text", p), spec.get("body") or ""
        incoming: dict = {}
        for link in ls:
            incoming.setdefault(link.mandatee, []).append(link)
            self.holds.setdefault(link.mandatee, set()).add(p)
        out = []
        if spec.get("mandatable") is False:
            out += [self.not_mandatable(link, text) for link in ls]
        for link in ls:
            parents = incoming.get(link.mandator, [])
            out += self.vacant(link)
            out += self.broken(link, parents, body, text)
            for parent in parents:
                out += self.under_parent(link, parent, text)
            out += self.consent(link)
        return out + self.cycle(ls, text)

    def not_mandatable(self, link, text: str) -> MandateFinding:
        """A power the law does not allow to be mandated, mandated (10:3(2))."""
        return MandateFinding(AWB["not_mandatable"], Message(
            "{a} mandates {power} to {b}, a power the law does not allow to be mandated",
            a=self.name(link.mandator), power=text, b=self.name(link.mandatee)),
            [link.mandator, link.mandatee])

    def vacant(self, link) -> list:
        """A mandate to a vacant post without a deputy (10:1), once a post."""
        u, v = link.mandator, link.mandatee
        if not self.nodes[v].get("vacant") or self.nodes[v].get("deputy") or \
                v in self.seen_vacant:
            return []
        self.seen_vacant.add(v)
        return [MandateFinding(AWB["vacant"], Message(
            "{b} is vacant and has no deputy, but holds a mandate from {a}", b=self.name(v),
            a=self.name(u)), [u, v])]

    def broken(self, link, parents: list, body: str, text: str) -> list:
        """A mandator that is not the competent body and holds no valid
        mandate for the power: the chain is broken (10:1)."""
        u, v = link.mandator, link.mandatee
        if not body or u == body or parents:
            return []
        return [MandateFinding(AWB["broken"], Message(
            "{a} passes on {power} to {b} but holds no valid mandate for it from "
            "{body}: the chain is broken (a post closed, or a mandate expired or not "
            "yet valid)", a=self.name(u), power=text, b=self.name(v),
            body=self.name(body)), [u, v])]

    def under_parent(self, link, parent, text: str) -> list:
        """An ondermandaat the parent mandate does not allow, or whose
        ceiling is above the parent's (10:9)."""
        u, v = link.mandator, link.mandatee
        out = []
        if not parent.attrs.get("submandate"):
            out.append(MandateFinding(AWB["submandate"], Message(
                "{a} passes on {power} to {b} (ondermandaat), but the mandate from "
                "{c} does not allow ondermandaat", a=self.name(u), power=text,
                b=self.name(v), c=self.name(parent.mandator)), [parent.mandator, u, v]))
        pc, c = _ceiling(parent.attrs), _ceiling(link.attrs)
        if pc is not None and pc != math.inf and (c is None or c > pc):
            out.append(MandateFinding(AWB["ceiling"], Message(
                N_("the ondermandaat of {power} from {a} to {b} records no ceiling, "
                   "under the {parent} of the mandate {a} holds") if c is None else
                N_("the ondermandaat of {power} from {a} to {b} has no ceiling, above "
                   "the {parent} of the mandate {a} holds") if c == math.inf else
                N_("the ondermandaat of {power} from {a} to {b} has a ceiling of "
                   "{amount}, above the {parent} of the mandate {a} holds"),
                power=text, a=self.name(u), b=self.name(v),
                amount=Amount(c) if c not in (None, math.inf) else "",
                parent=Amount(pc)),
                [parent.mandator, u, v]))
        return out

    def consent(self, link) -> list:
        """A mandatee outside the mandator's organisation with no consent
        recorded (10:4), once a pair."""
        u, v = link.mandator, link.mandatee
        outside = _outside(self.nodes[u], self.nodes[v])
        if not outside or link.attrs.get("consent") or (u, v) in self.seen_consent:
            return []
        self.seen_consent.add((u, v))
        return [MandateFinding(AWB["consent"], Message(
            "{a} mandates {b}, who works outside {a}'s organisation ({outside}), and "
            "no consent of the mandatee (and of whoever it works under) is recorded",
            a=self.name(u), b=self.name(v), outside=outside), [u, v])]

    def cycle(self, ls: list, text: str) -> list:
        """The mandates of one power in a circle (10:1)."""
        succ: dict = {}
        for link in ls:
            succ.setdefault(link.mandator, set()).add(link.mandatee)
        cyc = _cycle(succ)
        if not cyc:
            return []
        return [MandateFinding(AWB["cycle"], Message(
            "the mandates for {power} run in a circle: {circle}", power=text,
            circle=" → ".join(self.name(x) for x in cyc + [cyc[0]])), list(cyc))]

    def objections(self) -> list:
        """Posts holding mandates both for a power and for the objections
        against it (10:3(3)), of every power checked so far."""
        out = []
        for post, ps in self.holds.items():
            for p in ps:
                q = self.vocab.get(p, {}).get("objections")
                if q and q in ps:
                    # The model knows who holds both mandates, not who took which
                    # decision: a risk, not a breach.
                    out.append(MandateFinding(AWB["objections"], Message(
                        "{post} holds mandates both for {power} and for the objections against "
                        "those decisions ({objections}): whoever took a decision may not decide "
                        "the objection against it, so another holder must; the model does not "
                        "record who took which decision", post=self.name(post),
                        power=self.vocab[p].get("text", p),
                        objections=self.vocab[q].get("text", q)),
                        [post]))
        return out


def _outside(mandator: dict, mandatee: dict) -> str:
    """Why the mandatee works outside the mandator's organisation (Awb 10:4),
    or "" when the model records it inside: an external post, or another
    ``organisation`` than the mandator's."""
    if mandatee.get("external") and not mandator.get("external"):
        return (Message("an external post of {organisation}",
                        organisation=mandatee["organisation"])
                if mandatee.get("organisation") else Message("an external post"))
    a, b = mandator.get("organisation"), mandatee.get("organisation")
    if a and b and a != b:
        return Message("{b}, not {a}", a=a, b=b)
    return ""


def _cycle(succ: dict) -> list:
    """The roles of one circle of mandates, or ``[]`` (a plain depth-first
    search: a thousand powers' small graphs cost less than as networkx graphs)."""
    color = {}

    def visit(start):
        stack = [(start, iter(sorted(succ.get(start, ()))))]
        color[start] = 1
        path = [start]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                color[node] = 2
                stack.pop()
                path.pop()
                continue
            if color.get(nxt) == 1:
                return path[path.index(nxt):]
            if nxt not in color:
                color[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(sorted(succ.get(nxt, ())))))
        return None
    for n in sorted(succ):
        if n not in color:
            found = visit(n)
            if found:
                return found
    return []


#: The register's columns in the Markdown version, in reading order.
_SHOWN = ["power_name", "body_name", "basis", "chain", "played_by", "holders", "deputies",
          "mandate_kind", "ceiling_applies", "instructions", "valid_from", "valid_to", "decision",
          "decision_date", "published", "in_force", "signing", "evidence"]


def write_register(reg: pd.DataFrame, path: PathLike, org: OrgModel | None = None,
                   lang: str = "en") -> Path:
    """Write the register as Markdown (``.md``), CSV (``.csv``) or a workbook
    (``.xlsx``), every value inert; the file appears only when complete.
    In Dutch (``lang="nl"``) it has the columns a *mandaatregister* uses
    (bevoegdheid, mandaatgever, gemandateerde, ondermandaat, financiële
    grens, mandaatbesluit, datum besluit, vindplaats, inwerkingtreding ...)
    and Dutch notation."""
    from pathlib import Path

    from .escape import markdown, markdown_table, sheet_csv
    from .formats._tables import atomic_write
    from .i18n import translator
    t = translator(lang)
    path = Path(path)
    suffix = path.suffix.lower()
    if lang != "en":
        # (a register's CSV or workbook is read back: its citations as the
        # data writes them; its Markdown is only read by a person)
        reg = t.frame(reg, citations=suffix == ".md")
    if suffix == ".csv":
        return atomic_write(path, lambda tmp: sheet_csv(reg, tmp, lang))
    if suffix == ".md":
        title = "# " + t("Mandate register") + (f": {markdown(org.name)}" if org is not None
                                                 else "")
        shown = [t.column(c) for c in _SHOWN] if lang != "en" else _SHOWN
        text = "\n".join([title, "", markdown_table(reg, shown) if len(reg) else
                          t(NO_MANDATE), ""])
        return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    if suffix == ".xlsx":
        def write(tmp):
            from openpyxl import Workbook

            from .formats.xlsx import save_workbook, text_cell
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("register")
            ws.append(list(reg.columns))
            for row in reg.itertuples(index=False, name=None):
                ws.append([text_cell(ws, "" if v is None or (isinstance(v, float) and
                                                             math.isnan(v)) else v)
                           for v in row])
            save_workbook(wb, tmp)
        return atomic_write(path, write)
    raise OrgModelError(Message("{path}: write the register as .md, .csv or .xlsx", path=path))
