"""Reorganisation: what changes between an as-is and a to-be model, and what
the change does to who decides.

:func:`diff` matches nodes on ``id`` (or a key column) and classifies each as
added, closed, moved (a new superior or unit), changed (which attributes) or
unchanged; edges by kind likewise.  Beside the figures (posts, people, FTE,
staff per unit and in total; layer and span distributions) it works out the
**governance impact**: roles whose escalation route changes, routes that
newly end forbidden, in a dead end, a loop or at a vacant post, escalation
load moved, mandates orphaned or broken (the Awb checks of
:mod:`orgmodel.mandates` on the to-be model), commissions that lose a
political or official commissioner, roles that lose a post (person, body)
that plays them, and rule findings added and resolved.  Posts and roles are
counted apart.

Two models matched on ids that share ``org.yaml`` and differ in few nodes
(a draft's edit, one day's snapshot; at most :data:`NEAR_SHARE` of them) are
compared near the change: only the roles whose routes in the as-is model
reach a node whose next steps differ are compared, the escalation load is
the as-is model's with those roles' routes taken out and put back, and the
node and edge rows of everything else are the as-is model's own (worked out
once while its analysis block lasts).  Every table is the same as the
comparison of everything (tested); at 100,000 roles a one-post edit is
compared in under half the time.

:meth:`Diff.markdown` is the report an advisor reads (the impact first),
:meth:`Diff.changes` the change list with stable keys, :meth:`Diff.broken`
what ``orgmodel diff --fail-on`` tests.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._nx import differing, node_attrs, predecessors, successors, within
from .errors import InputError
from .escape import markdown as _md
from .escape import markdown_table
from .i18n import N_, Column, Listing, Message, Sentence, count, said
from .model import remembered
from .schema import BOOKKEEPING, BOOL_COLUMNS

if TYPE_CHECKING:  # names in annotations only
    from ._types import PathLike
    from .model import OrgModel


__all__ = ["Diff", "diff", "write_diff", "FAIL_ON", "BAD_OUTCOMES", "NEAR_SHARE", "ROUTE_VIEW_OWN"]

#: Outcomes that mean a route no longer reaches where it should.
BAD_OUTCOMES = ("forbidden", "dead_end", "loop", "vacant")
#: What ``--fail-on`` may name.
FAIL_ON = ("routes", "mandates", "findings", "commissions", "roles")


@dataclass
class Diff:
    """The comparison of two models; every table a DataFrame."""

    before: OrgModel
    after: OrgModel
    nodes: pd.DataFrame
    edges: pd.DataFrame
    figures: pd.DataFrame
    units: pd.DataFrame
    layers: pd.DataFrame
    spans: pd.DataFrame
    routes: pd.DataFrame
    load: pd.DataFrame
    mandates: pd.DataFrame
    commissions: pd.DataFrame
    findings: pd.DataFrame
    notes: list = field(default_factory=list)
    #: Roles that lose a player: ``id, name, before, after, status``.
    roles: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["id", "name", "before", "after", "status"]))
    #: What an as-is node's id is in the to-be model (matched on the key).
    to_b: dict = field(default_factory=dict)
    #: The change script's name when the to-be model is a what-if of the
    #: as-is (``whatif``): the two then share their name and date, and the
    #: title says the script instead.
    what_if: str = ""

    def counts(self) -> dict:
        """How many nodes and edges of each status."""
        return {"nodes": self.nodes["status"].value_counts().to_dict(),
                "edges": self.edges["status"].value_counts().to_dict()}

    def broken(self) -> dict:
        """What the change breaks, per ``--fail-on`` category."""
        return {"routes": int(self.routes["newly_bad"].sum()) if len(self.routes) else 0,
                "mandates": len(self.mandates),
                "findings": int((self.findings["status"] == "added").sum())
                if len(self.findings) else 0,
                "commissions": len(self.commissions),
                "roles": int((self.roles["status"] == UNPLAYED).sum())}

    def changes(self) -> pd.DataFrame:
        """The change list: ``section, key, kind, status, detail``; ``key`` is
        stable (a node's id, an edge's ``from|kind|to``, a role and route kind)."""
        rows = []
        for r in self.nodes[self.nodes["status"] != "unchanged"].to_dict("records"):
            rows.append({"section": "node", "key": r["id"], "kind": r["kind"],
                         "status": r["status"], "detail": r["detail"]})
        for r in self.edges[self.edges["status"] != "unchanged"].to_dict("records"):
            rows.append({"section": "edge", "key": f"{r['from']}|{r['kind']}|{r['to']}",
                         "kind": r["kind"], "status": r["status"], "detail": r["detail"]})
        for r in self.routes.to_dict("records"):
            rows.append({"section": "route", "key": f"{r['role']}|{r['via']}", "kind": r["via"],
                         "status": Message("newly {outcome}", outcome=_outcomes(
                             _newly_bad(r["outcome_before"], r["outcome_after"])))
                         if r["newly_bad"] else Message("changed"),
                         "detail": Message("{a} → {b}; top {c} → {d}", a=r["next_before_name"],
                                           b=r["next_after_name"], c=r["top_before_name"],
                                           d=r["top_after_name"])})
        for r in self.mandates.to_dict("records"):
            rows.append({"section": "mandate", "key": r["key"], "kind": "MANDATES",
                         "status": r["problem"], "detail": r["detail"]})
        for r in self.commissions.to_dict("records"):
            rows.append({"section": "commission", "key": r["id"], "kind": "Commission",
                         "status": Message("loses {capacity} commissioner",
                                           capacity=Message(r["capacity"])),
                         "detail": Message("{a} → {b}", a=r["before"],
                                           b=r["after"] or Message("nobody"))})
        for r in self.roles.to_dict("records"):
            rows.append({"section": "role", "key": r["id"], "kind": "Role",
                         "status": Message(r["status"]),
                         "detail": Message("{a} → {b}", a=r["before"],
                                           b=r["after"] or Message("nobody"))})
        for r in self.findings.to_dict("records"):
            rows.append({"section": "finding", "key": f"{r['rule']}|{r['message']}",
                         "kind": r["rule"], "status": r["status"], "detail": r["message"]})
        return pd.DataFrame(rows, columns=["section", "key", "kind", "status", "detail"])

    def holders_view(self) -> pd.DataFrame:
        """The posts of both models whose holders changed (``id, name,
        before, after``: the holders' names), as their HOLDS edges say on
        each model's date: one who left and one who followed, a vacancy
        filled."""
        e = self.edges[self.edges["kind"].eq("HOLDS")]
        gone = set(self.nodes.loc[self.nodes["status"].isin(["added", "closed"]), "id"])
        changed = [p for p in dict.fromkeys(e.loc[e["status"].isin(["added", "removed"]), "to"])
                   if p not in gone and p in self.after.graph]
        e = e[e["to"].isin(changed)]
        # (grouped once: a reorganisation may change the holders of thousands)
        before = e[e["status"].ne("added")].groupby("to")["from"].agg(list)
        after = e[e["status"].ne("removed")].groupby("to")["from"].agg(list)
        was = {v: k for k, v in self.to_b.items()}
        rows = [{"id": post, "name": self.after.graph.nodes[post].get("name", post),
                 "before": self._people(before.get(post, []),
                                        self.before.graph.nodes.get(was.get(post, post), {})),
                 "after": self._people(after.get(post, []), self.after.graph.nodes[post])}
                for post in changed]
        return pd.DataFrame(rows, columns=["id", "name", "before", "after"])

    def _people(self, ids, post: dict) -> str | Message:
        """The names of the people ``ids`` (to-be ids, or as-is ones of people
        the to-be model no longer has) who hold ``post``; with none, whether
        it is vacant or whom it is held by is not recorded."""
        names = [(self.after if i in self.after.graph else self.before).graph.nodes[i].get(
            "name", i) for i in dict.fromkeys(ids)]
        if names:
            return ", ".join(names)
        return Message("vacant") if post.get("vacant") else Message("not recorded")

    def union(self):
        """``(model, status, added, removed)``: both versions in one graph (the
        to-be one plus closed nodes and removed edges), each node's status, and
        the ``(from, kind, to)`` of the edges added and removed; for drawing."""
        import networkx as nx

        from .model import OrgModel
        a, b = self.before, self.after
        status = self.nodes.set_index("id")["status"].to_dict()
        g = nx.MultiDiGraph()
        g.add_nodes_from(b.graph.nodes(data=True))
        g.add_nodes_from((n, d) for n, d in a.graph.nodes(data=True)
                         if status.get(n) == "closed")
        g.add_edges_from(b.graph.edges(data=True))
        by = {s: {(r["from"], r["kind"], r["to"]) for r in self.edges.to_dict("records")
                  if r["status"] == s} for s in ("added", "removed")}
        g.add_edges_from((u, v, d) for u, v, d in a.graph.edges(data=True)
                         if (u, d["kind"], v) in by["removed"] and u in g and v in g)
        return OrgModel(g, dict(b.manifest), None), status, by["added"], by["removed"]

    def routes_view(self) -> pd.DataFrame:
        """The routes that change as a reader sees them (``DIFF.md``, the web
        app's draft): the role, the route kind, the next steps, tops and
        outcomes before and after, by name (an id beside a name that
        repeats), those that newly end badly first."""
        shared = _names_shared(self.before, self.after)
        return (_ids_beside_repeats(self.routes, self.after, shared, "role_name", "role")
                .sort_values("newly_bad", ascending=False, kind="stable")
                [["role_name", "via", "next_before_name", "next_after_name", "top_before_name",
                  "top_after_name", "outcome_before", "outcome_after"]]
                .rename(columns=lambda c: c.removesuffix("_name")))

    def figures_view(self, t) -> pd.DataFrame:
        """The figures before and after, each named in ``t``'s language (a
        :class:`~orgmodel.i18n.Translator`) as a column of that name is."""
        return self.figures.assign(figure=self.figures["figure"].map(t.column))

    def _node_counts(self, t) -> str:
        """Posts, roles and the other nodes, each by status."""
        parts = []
        for label, mask in ((N_("Posts"), self.nodes["kind"] == "Post"),
                            (N_("Roles"), self.nodes["kind"] == "Role"),
                            (N_("Other nodes"), ~self.nodes["kind"].isin(["Post", "Role"]))):
            of = self.nodes[mask]["status"].value_counts()
            parts.append(f"{t(label)}: " + (", ".join(f"{t.value(k)} {t.number(v)}"
                                                      for k, v in sorted(of.items()))
                                            or t("none")) + ".")
        return " ".join(parts)

    def markdown(self, lang: str = "en") -> str:
        """The report for an advisor, in ``lang``: the impact first, then
        what changed."""
        from .i18n import translator
        t = translator(lang)
        a, b = self.before, self.after

        def name(o):
            return _md(o.name) + (f" ({_md(t.date(str(o.date)))})" if o.date else "")
        md = ["# " + (t("What the change script {script} changes in {a}", script=_md(self.what_if),
                         a=name(a)) if self.what_if
                       else t("What changes from {a} to {b}", a=name(a), b=name(b))), ""]
        # (the names to tell apart by id in the tables below)
        shared = _names_shared(a, b)
        md += self._impact_md(t, lang) + self._impact_tables_md(t, shared)
        md += self._changes_md(t, shared)
        return "\n".join(md)

    def _impact_md(self, t, lang: str) -> list:
        """What the change does to who decides, in counts, and how the facts
        of each model are known."""
        from .i18n import translator
        br = self.broken()
        resolved = int((self.findings["status"] == "resolved").sum()) if len(self.findings) else 0
        md = ["## " + t("What the change does to who decides"), ""]
        # (the count after its label: "1 mandates" reads wrong in both languages)
        vacant = int(self.routes["newly_vacant_next"].sum()) if len(self.routes) else 0
        md += ["- " + t("Escalation routes that newly end badly (forbidden, dead end, loop or a "
                        "vacant post): **{n}**; posts and roles whose routes change in all: {m}.",
                        n=br["routes"], m=len(self.routes)),
               "- " + t("Escalation routes whose next step is newly a vacant post (the route "
                        "goes on past it; the issue meets no one there): **{n}**.", n=vacant),
               "- " + t("Mandates orphaned or broken: **{n}**.", n=br["mandates"]),
               "- " + t("Commissions that lose a political or official commissioner: **{n}**.",
                        n=br["commissions"]),
               "- " + t("Roles that lose the last post that plays them: **{n}**; roles that lose "
                        "a player in all: {m}.", n=br["roles"], m=len(self.roles)),
               "- " + t("Rule findings added: **{n}**; resolved: {m}.", n=br["findings"],
                        m=resolved)]
        # (the data's values in a note made inert, the note's own words as
        # they are: "(nodes and edges)" was written "\(nodes and edges\)")
        inert = translator(lang, inert=_md)
        # (each a sentence of its own, as the lines above: "How the as-is ...")
        return md + [f"- {inert(Sentence(n))}" for n in self.notes]

    def _impact_tables_md(self, t, shared) -> list:
        """The routes, loads, mandates, commissions, roles and findings the
        change moves, a table each (where there are any)."""
        md = []
        if len(self.routes):
            md += ["", "### " + t("Escalation routes that change"), "",
                   markdown_table(t.frame(self.routes_view(), own=ROUTE_VIEW_OWN))]
        if len(self.load):
            md += ["", "### " + t("Escalation load moved"), "",
                   _md_table(t, _ids_beside_repeats(self.load.head(15), self.after, shared),
                             ["name", "via", "reached_by_before", "reached_by_after", "change"])]
        for frame, title, columns in (
                (self.mandates, N_("Mandates orphaned or broken"), ["problem", "detail", "rule"]),
                (self.commissions, N_("Commissions that lose a commissioner"),
                 ["name", "capacity", "before", "after"]),
                (self.roles, N_("Roles that lose a player"), ["name", "status", "before", "after"]),
                (self.findings, N_("Rule findings added and resolved"),
                 ["status", "rule", "message"])):
            if len(frame):
                md += ["", "### " + t(title), "", _md_table(t, frame, columns)]
        return md

    def _changes_md(self, t, shared) -> list:
        """What changes: the counts, the nodes added, closed, moved or changed,
        the holders, and the units, layers and spans before and after."""
        b, c = self.after, self.counts()
        md = ["", "## " + t("What changes"), "",
              self._node_counts(t),
              "", t("Edges") + ": " + ", ".join(f"{t.value(k)} {t.number(v)}"
                                                for k, v in sorted(c["edges"].items())) + ".",
              "", _md_table(t, self.figures_view(t)), ""]
        moved = self.nodes[self.nodes["status"].isin(["added", "closed", "moved", "changed"])]
        md += ["### " + t("Posts, roles and other nodes added, closed, moved or changed"), "",
               _md_table(t, _ids_beside_repeats(moved.head(200), b, shared),
                         ["status", "kind", "name", "detail"])]
        if len(moved) > 200:
            md.append("\n" + t("… and {n} more in the change list.", n=len(moved) - 200))
        holders = self.holders_view()
        if len(holders):
            md += ["", "### " + t("Posts whose holders change"), "",
                   _md_table(t, _ids_beside_repeats(holders.head(200), b, shared),
                             ["name", "before", "after"])]
            if len(holders) > 200:
                md.append("\n" + t("… and {n} more in the change list.", n=len(holders) - 200))
        return md + ["", "### " + t("Per unit"), "", _md_table(t, self.units), "",
                     "### " + t("Management layers (posts per layer)"), "",
                     _md_table(t, self.layers), "",
                     "### " + t("Span of control (managers per number of direct reports)"), "",
                     _md_table(t, self.spans), ""]


def _where_posts_moved(nodes: pd.DataFrame, a, b) -> pd.DataFrame:
    """``nodes`` with the detail of each team closed or added saying where
    the nodes that moved out of it went, or where those that moved into it
    came from, as their own rows say (a team moved to another afdeling is
    one closed and one added, its posts moved from the one to the other)."""
    teams = nodes["kind"].eq("Team")
    closed = teams & nodes["status"].eq("closed")
    added = teams & nodes["status"].eq("added")
    if not (closed.any() or added.any()):
        return nodes
    out_of: dict = {}
    into: dict = {}
    moved = nodes[nodes["status"].eq("moved")]
    for was, now in zip(moved["unit_before"], moved["unit_after"]):
        for u in filter(None, was.split("; ")):
            for v in filter(None, now.split("; ")):
                out_of.setdefault(u, Counter())[v] += 1
                into.setdefault(v, Counter())[u] += 1
    detail = list(nodes["detail"])
    for i, (nid, gone, new) in enumerate(zip(nodes["id"], closed, added)):
        if gone and nid in out_of:
            detail[i] = Listing("; ", [count(n, N_("{n} of its members moved to {unit}"),
                                             N_("{n} of its members moved to {unit}"),
                                             unit=_told_apart(a, {nid}, b, {v})[1])
                                       for v, n in sorted(out_of[nid].items())])
        elif new and nid in into:
            detail[i] = Listing("; ", [count(n, N_("{n} member moved here from {unit}"),
                                             N_("{n} members moved here from {unit}"),
                                             unit=_told_apart(a, {u}, b, {nid})[0])
                                       for u, n in sorted(into[nid].items())])
    return nodes.assign(detail=detail)


def _ids_beside_repeats(rows: pd.DataFrame, b, shared: tuple, name: str = "name",
                        key: str = "id") -> pd.DataFrame:
    """``rows`` with each name (column ``name``) set beside its id (column
    ``key``) where the name does not tell the node: where more than one of
    the rows has it (a team moved to another afdeling is closed under one id
    and added under another), or more than one node of the row's model
    (``shared``: the names each model has more than once, see
    :func:`_names_shared`; the as-is model's for a node closed or not in
    ``b``): a closed "Team 2" is one of seven, one per afdeling, and a
    "Teamleider" whose escalation load moved one of dozens.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("u:a/2", name="Team 2"); g.add_node("u:b/2", name="Team 2")
    >>> org = OrgModel(g, {"name": "x"})
    >>> rows = pd.DataFrame({"id": ["u:a/2"], "name": ["Team 2"], "status": ["closed"]})
    >>> list(map(str, _ids_beside_repeats(rows, org, _names_shared(org, org))["name"]))
    ['Team 2 (u:a/2)']
    """
    shown = rows[name].map(str)
    in_b = rows["status"].ne("closed") if "status" in rows else rows[key].map(b.graph.__contains__)
    twice = shown.duplicated(keep=False)
    repeated = [r or x in shared[side] for r, x, side in zip(twice, shown, in_b)]
    if not any(repeated):
        return rows
    named = [Message("{name} ({id})", name=n, id=i) if r else n
             for n, i, r in zip(rows[name], rows[key], repeated)]
    return rows.assign(**{name: named})


def _md_table(t, frame, columns=None) -> str:
    """``frame`` (its ``columns``) as a Markdown table in ``t``'s words, or
    "(none)" in them (markdown_table's own is English)."""
    if frame is None or frame.empty:
        return t("_(none)_")
    return markdown_table(t.frame(frame[columns] if columns else frame))


def _names_shared(*orgs) -> tuple:
    """Per model, the names more than one of its nodes has."""
    def shared(org) -> set:
        seen = Counter(str(d.get("name")) for d in node_attrs(org.graph).values())
        return {n for n, k in seen.items() if k > 1}
    return tuple(map(shared, orgs))


def _edges_of(org, kind, only=None) -> list:
    """``(from, to)`` of the edges of ``kind`` (from the nodes ``only``, when given)."""
    if only is None:
        return [(u, v) for u, v, _ in org.edges(kind)]
    succ = successors(org.graph)
    return [(u, v) for u in only for v, keyed in succ.get(u, {}).items()
            if any(d["kind"] == kind for d in keyed.values())]


def _superiors(org, only=None):
    """``{post: its superiors}`` (of the nodes ``only``, when given)."""
    out: dict = {}
    for u, v in _edges_of(org, "REPORTS_TO", only):
        out.setdefault(u, set()).add(v)
    return out


def _units(org, only=None):
    """``{node: the teams it is a member of}`` (of the nodes ``only``, when given)."""
    nodes, out = node_attrs(org.graph), {}
    for u, v in _edges_of(org, "MEMBER_OF", only):
        if nodes[v].get("kind") == "Team":
            out.setdefault(u, set()).add(v)
    return out


def _keyed(org, key, side: str = "", keyless: list | None = None):
    """``{key value: id}`` (ids themselves when ``key`` is ``id``).

    A node without a value for ``key`` is matched on its id, and counted in
    ``keyless``; a value two nodes share is an error naming it, as matching
    would keep one of them and drop the other in silence.
    """
    if key in (None, "id"):
        return {n: n for n in org.graph.nodes}
    out: dict = {}
    repeated: dict = {}
    for n, d in org.graph.nodes(data=True):
        k = _key_value(d, key)
        if k is None:
            out[("id", n)] = n
            if keyless is not None:
                keyless.append(n)
            continue
        if k in out:
            repeated.setdefault(k, [out[k]]).append(n)
        out[k] = n
    if repeated:
        shown = "; ".join(f"'{k}' ({', '.join(map(str, ids[:3]))}"
                          f"{', ...' if len(ids) > 3 else ''})"
                          for k, ids in list(repeated.items())[:5])
        # (a column the nodes have, to break the ties: an imported post has a
        # grade, and no unit of its own)
        found = dict(key=key, n=len(repeated), side=_side(side), shown=shown,
                     wider="" if "," in key else Message(
                         ", or add a second column that breaks the ties (--key {key},grade)",
                         key=key))
        raise InputError(
            Message("--key {key}: {n} values of the {side} model name more than one node, so "
                    "nodes cannot be matched on it: {shown}; choose a key whose values "
                    "differ{wider}", found)
            if len(repeated) > 1 else
            Message("--key {key}: {n} value of the {side} model names more than one node, so "
                    "nodes cannot be matched on it: {shown}; choose a key whose values "
                    "differ{wider}", found))
    return out


def _key_value(d: dict, key: str) -> str | None:
    """A node's value for ``key`` (``a,b``: both columns, joined), or None
    when it has none."""
    parts = [str(d.get(k, "") if d.get(k) is not None else "").strip() for k in key.split(",")]
    if not any(parts):
        return None
    return parts[0] if len(parts) == 1 else " | ".join(parts)


#: What a diff proposes to match posts on when few match on the key used.
_CANDIDATE_KEYS = ("id", "name", "name,grade", "name,organisation")


def _post_keys(org, key) -> dict | None:
    """``{key value: post}`` over the posts, or None when a value repeats or
    the key is missing on some post."""
    from .formation import is_post
    out: dict = {}
    for n, d in org.graph.nodes(data=True):
        if not is_post(d):
            continue
        k = n if key == "id" else _key_value(d, key)
        if k is None or k in out:
            return None
        out[k] = n
    return out


def _match_rate(a, b, key) -> list:
    """A note when fewer than half the posts match on ``key`` (ids renumbered
    between two snapshots), proposing the key that matches most."""
    key = key or "id"
    ka, kb = _as_is(a, ("post keys", key), lambda: _post_keys(a, key)), _post_keys(b, key)
    if not ka or not kb:
        return []
    matched = len(ka.keys() & kb.keys())
    smaller = min(len(ka), len(kb))
    if matched * 2 >= smaller:
        return []
    best = None
    for cand in _CANDIDATE_KEYS:
        if cand == key:
            continue
        ca, cb = _post_keys(a, cand), _post_keys(b, cand)
        if ca and cb and len(ca.keys() & cb.keys()) > max(matched, best[1] if best else 0):
            best = (cand, len(ca.keys() & cb.keys()))
    if best:
        return [Message("only {n} of {total} posts match on '{key}': the two sides may number "
                        "their posts differently; --key {best} would match {m}", n=matched,
                        total=smaller, key=key, best=best[0], m=best[1])]
    return [Message("only {n} of {total} posts match on '{key}': the two sides may number their "
                    "posts differently", n=matched, total=smaller, key=key)]


def _check_key(a, b, key) -> None:
    """A key some node of each side has; not the id of a side whose post ids
    are its file's row numbers (``import posts --row-ids``)."""
    if key in (None, "id"):
        rows = [side for side, o in (("as-is", a), ("to-be", b))
                if (o.manifest.get("import") or {}).get("post_ids") == "rows"]
        if rows:
            # (row 5 of one export and row 5 of the next are no one post:
            # matched on them, every post after a new row would "move")
            raise InputError(Message(
                N_("the {side} model's post ids are the row numbers of the file it was "
                   "imported from (import posts --row-ids), which do not follow a post from one "
                   "file to the next: match the posts on what they have, with --key name (or "
                   "name,grade)") if len(rows) == 1 else
                N_("both models' post ids are the row numbers of the files they were imported "
                   "from (import posts --row-ids), which do not follow a post from one file to "
                   "the next: match the posts on what they have, with --key name (or "
                   "name,grade)"), side=_side(rows[0])))
        return
    for side, o in (("as-is", a), ("to-be", b)):
        for k in key.split(","):
            if not any(str(d.get(k, "")).strip() for _, d in o.graph.nodes(data=True)):
                raise InputError(Message("--key {key}: no node of the {side} model has a "
                                         "'{k}', so nothing can be matched on it", key=key,
                                         side=_side(side), k=k))


def _side(side: str):
    """``as-is`` or ``to-be``, as a word of the reader's language."""
    return Message("as-is") if side == "as-is" else Message("to-be")


def _named(org, ids, with_ids: bool = False) -> str:
    """``ids`` of ``org`` as a reader reads them: their names, in id order
    (``with_ids``: each with its id)."""
    return "; ".join(f"{org.label(i)} ({i})" if with_ids else org.label(i)
                     for i in sorted(ids or ()))


def _told_apart(a, ids_a, b, ids_b) -> tuple:
    """The names of ``ids_a`` (of ``a``) and ``ids_b`` (of ``b``), each
    with its ids when the two read the same: a team moved to another
    afdeling keeps its name ("Team Advies → Team Advies" said nothing).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("unit:a/advies", name="Team Advies", kind="Team")
    >>> g.add_node("unit:b/advies", name="Team Advies", kind="Team")
    >>> org = OrgModel(g, {"name": "x"})
    >>> _told_apart(org, {"unit:a/advies"}, org, {"unit:b/advies"})
    ('Team Advies (unit:a/advies)', 'Team Advies (unit:b/advies)')
    """
    was, now = _named(a, ids_a), _named(b, ids_b)
    if was and was == now:
        return (_named(a, ids_a, with_ids=True), _named(b, ids_b, with_ids=True))
    return was, now


_NODE_COLUMNS = ["id", "kind", "name", "status", "detail", "superior_before",
                 "superior_after", "unit_before", "unit_after"]
_EDGE_COLUMNS = ["from", "kind", "to", "status", "detail"]


def _nodes(a, b, key, keyless, touched: set | None = None):
    """The node table and ``to_b`` (as-is id → to-be id).  With ``touched``
    (the only nodes that differ, matched on ids), the rows of the others
    are the as-is model's own, worked out once per model (see
    :func:`_unchanged`)."""
    ka, kb = _keyed(a, key, "as-is", keyless[0]), _keyed(b, key, "to-be", keyless[1])
    # what an id of one side is on the other (through the key)
    to_b = {ka[k]: kb[k] for k in ka.keys() & kb.keys()}
    if touched is None:
        sides = (_superiors(a), _superiors(b), _units(a), _units(b))
        rows = [_node_row(k, ka, kb, a, b, sides, to_b)
                for k in list(ka) + [k for k in kb if k not in ka]]
        return pd.DataFrame(rows, columns=_NODE_COLUMNS), to_b
    # (a row also reads its neighbours: a team that is no longer one moves its members)
    near = within([a.graph, b.graph], touched, 1)
    sides = (_superiors(a, near), _superiors(b, near), _units(a, near), _units(b, near))
    same, where = _unchanged(a)
    rows = list(same["nodes"])
    for n in near:
        if n in where["nodes"]:
            rows[where["nodes"][n]] = _node_row(n, ka, kb, a, b, sides, to_b)
    rows += [_node_row(n, ka, kb, a, b, sides, to_b) for n in kb if n not in ka]
    return pd.DataFrame(rows, columns=_NODE_COLUMNS), to_b


def _node_row(k, ka, kb, a, b, sides, to_b) -> dict:
    """The row of the node matched on ``k``: its status and what moved or changed."""
    sup_a, sup_b, unit_a, unit_b = sides
    ia, ib = ka.get(k), kb.get(k)
    da = a.graph.nodes[ia] if ia is not None else None
    db = b.graph.nodes[ib] if ib is not None else None
    d = db if db is not None else (da or {})     # (one side has it)
    row = {"id": ib if ib is not None else ia, "kind": d.get("kind"), "name": d.get("name"),
           "superior_before": "; ".join(sorted(sup_a.get(ia, ()))) if ia else "",
           "superior_after": "; ".join(sorted(sup_b.get(ib, ()))) if ib else "",
           "unit_before": "; ".join(sorted(unit_a.get(ia, ()))) if ia else "",
           "unit_after": "; ".join(sorted(unit_b.get(ib, ()))) if ib else ""}
    if da is None:
        row.update(status="added", detail="")
    elif db is None:
        row.update(status="closed", detail="")
    else:
        mapped_sup = {to_b.get(x, x) for x in sup_a.get(ia, ())}
        mapped_unit = {to_b.get(x, x) for x in unit_a.get(ia, ())}
        moves = []
        none = Message("none")
        # (the detail a reader reads: names; the columns keep the ids)
        if mapped_sup != sup_b.get(ib, set()):
            was, now = _told_apart(a, sup_a.get(ia), b, sup_b.get(ib))
            moves.append(Message("superior {a} → {b}", a=was or none, b=now or none))
        if mapped_unit != unit_b.get(ib, set()):
            was, now = _told_apart(a, unit_a.get(ia), b, unit_b.get(ib))
            moves.append(Message("unit {a} → {b}", a=was or none, b=now or none))
        attrs = sorted(k2 for k2 in (da.keys() | db.keys())
                       if k2 not in BOOKKEEPING and da.get(k2) != db.get(k2))
        if moves:
            # (what changed besides, from and to, as of a node that did not move)
            row.update(status="moved", detail=Listing("; ", moves + (
                [_changed(attrs, da, db)] if attrs else [])))
        elif attrs:
            row.update(status="changed", detail=_changed(attrs, da, db))
        else:
            row.update(status="unchanged", detail="")
    return row


def _changed(attrs, da: dict, db: dict) -> Message:
    """What changed of a node or edge: each attribute (named as its column
    is in the reader's language) from its value to its new one.

    >>> from orgmodel.i18n import translator
    >>> m = _changed(["fte", "name"], {"name": "Hoofd", "fte": 1.0}, {"name": "Chef", "fte": 0.8})
    >>> translator("en")(m)
    "changed: fte 1 → 0.8, name 'Hoofd' → 'Chef'"
    >>> translator("nl")(m)
    "gewijzigd: fte 1 → 0,8, naam 'Hoofd' → 'Chef'"
    >>> translator("nl")(_changed(["fte_max", "fte_min", "grade"],
    ...                           {"fte_min": 0.67, "fte_max": 0.67, "grade": "7"},
    ...                           {"fte_min": 0.5, "fte_max": 1.0, "grade": "8"}))
    "gewijzigd: fte 0,67 → 0,5–1, schaal '7' → '8'"
    """
    if "fte_min" in attrs or "fte_max" in attrs:
        # (a post's FTE is one number, or a range: said once, not as its two
        # ends, "fte (max) 0,67 → 0,89, fte (min) 0,67 → 0,89")
        attrs = ["fte" if x == "fte_max" else x for x in attrs if x != "fte_min"]
        if "fte" not in attrs:
            attrs.append("fte")
        da, db = {**da, "fte": _fte_shown(da)}, {**db, "fte": _fte_shown(db)}
    return Message("changed: {what}", what=Listing(", ", (
        Message("{attribute} {was} → {now}", attribute=Column(x), was=_value_shown(_yes_no(x, da)),
                now=_value_shown(_yes_no(x, db))) for x in attrs)))


def _yes_no(column: str, d: dict):
    """``d``'s value of ``column``; a yes/no column that is empty as no
    (``vacant True → none`` said of a vacancy filled), but ``delegated``,
    whose emptiness means something else (see :mod:`orgmodel.escalation`)."""
    value = d.get(column)
    if value is None and column in BOOL_COLUMNS and column != "delegated":
        return False
    return value


def _fte_shown(d: dict):
    """A node's FTE as one value: its number, or its range (``1–2``), or
    None when it gives none."""
    lo, hi = d.get("fte_min"), d.get("fte_max")
    if lo is None or (isinstance(lo, float) and math.isnan(lo)):
        return None
    return lo if lo == hi else Message("{lo}–{hi}", lo=lo, hi=hi)


def _value_shown(value):
    """A value of the data in a change's detail: a text quoted, nothing as
    ``none``, a number, a date or a yes/no as the reader's language writes
    it (see :meth:`orgmodel.i18n.Translator.format`)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Message("none")
    if isinstance(value, (list, tuple, set, frozenset)):
        return Message("'{v}'", v=", ".join(map(str, sorted(value, key=str))))
    if isinstance(value, Message):          # (a value worked out: an FTE's range)
        return value
    if isinstance(value, str):
        return Message("'{v}'", v=value)
    return value


def _as_is(a, name, work):
    """``work()``, a result of the as-is model ``a`` alone, remembered while
    ``a``'s analysis block lasts: a server compares its model with draft after
    draft (at 100,000 roles its layers, spans, figures and findings were a
    third of each comparison)."""
    return remembered(a, ("diff", name), work)


def _unchanged(a) -> tuple:
    """``({"nodes": rows, "edges": rows}, {"nodes": {id: i}, "edges": {key: i}})``:
    the node and edge rows of ``a`` compared with itself (every one
    unchanged), remembered while ``a``'s analysis block lasts (a model a
    server keeps, whose drafts it compares again and again)."""
    def work():
        ids = {n: n for n in a.graph.nodes}
        sides = (_superiors(a),) * 2 + (_units(a),) * 2
        nodes = [_node_row(n, ids, ids, a, a, sides, ids) for n in ids]
        edges = [_edge_row(k, ds, ds) for k, ds in _edge_index(a).items()]
        return ({"nodes": nodes, "edges": edges},
                {"nodes": {r["id"]: i for i, r in enumerate(nodes)},
                 "edges": {(r["from"], r["kind"], r["to"]): i for i, r in enumerate(edges)}})
    return _as_is(a, "unchanged", work)


def _edge_index(org, mapping=None) -> dict:
    """``{(from, kind, to): [attrs, ...]}``, ids through ``mapping``."""
    out: dict = {}
    for u, v, d in org.edges():
        k = ((mapping or {}).get(u, u), d["kind"], (mapping or {}).get(v, v))
        out.setdefault(k, []).append(d)
    return out


def _edges(a, b, to_b, touched: set | None = None):
    """The edge table; with ``touched`` (see :func:`_nodes`) only the edges
    of the touched nodes are compared."""
    if touched is None:
        ea, eb = _edge_index(a, to_b), _edge_index(b)
        rows = [_edge_row(k, ea.get(k, []), eb.get(k, []))
                for k in list(ea) + [k for k in eb if k not in ea]]
        return pd.DataFrame(rows, columns=_EDGE_COLUMNS)
    same, where = _unchanged(a)
    rows, at = list(same["edges"]), where["edges"]

    def of(org, u, kind, v):
        return [d for d in successors(org.graph).get(u, {}).get(v, {}).values()
                if d["kind"] == kind]
    keys: set = set()
    for org in (a, b):
        succ, pred = successors(org.graph), predecessors(org.graph)
        for n in touched:
            keys.update((n, d["kind"], v) for v, ds in succ.get(n, {}).items() for d in ds.values())
            keys.update((u, d["kind"], n) for u, ds in pred.get(n, {}).items() for d in ds.values())
    for k in keys:
        if k in at:
            rows[at[k]] = _edge_row(k, of(a, *k), of(b, *k))
    # new edges, in the to-be model's order (each starts at a touched node:
    # the node whose edges changed)
    new = [k for u in node_attrs(b.graph) if u in touched
           for v, ds in successors(b.graph)[u].items() for k in
           dict.fromkeys((u, d["kind"], v) for d in ds.values()) if k not in at]
    rows += [_edge_row(k, [], of(b, *k)) for k in new]
    return pd.DataFrame(rows, columns=_EDGE_COLUMNS)


def _edge_row(k, la: list, lb: list) -> dict:
    """The row of the edges ``k`` (from, kind, to): as-is ``la``, to-be ``lb``."""
    u, kind, v = k
    status, detail = "unchanged", ""
    if not la:
        status = "added"
    elif not lb:
        status = "removed"
    elif la != lb:          # equal lists need no closer look (the common case)
        if sorted(map(_edge_key, la)) != sorted(map(_edge_key, lb)):
            status = "changed"
            if len(la) == len(lb) == 1:
                attrs = sorted(x for x in la[0].keys() | lb[0].keys()
                               if x not in BOOKKEEPING and la[0].get(x) != lb[0].get(x))
                detail = _changed(attrs, la[0], lb[0])
            else:
                detail = _several_changed(la, lb)
    return {"from": u, "kind": kind, "to": v, "status": status, "detail": detail}


def _edge_key(d: dict) -> str:
    """An edge's attributes but the bookkeeping, as one comparable text."""
    return repr(sorted((x, y) for x, y in d.items() if x not in BOOKKEEPING))


#: What says how an edge is known, not what it is: not what tells two
#: edges of one kind between two nodes apart.
_PROVENANCE = frozenset({"kind", "source", "evidence", "note", "note_nl"})


def _several_changed(la: list, lb: list) -> Message:
    """What changed of several edges of one kind between two nodes (two
    mandates of other powers, one of them moved): those that went and those
    that came, each by what it says.  It said nothing (an empty detail).

    >>> from orgmodel.i18n import translator
    >>> a = [{"powers": ["leading"]}, {"powers": ["budget"], "ceiling": 50000.0}]
    >>> translator("en")(_several_changed(a, a[:1]))
    "gone: ceiling 50,000, powers 'budget'"
    """
    ka, kb = {_edge_key(d): d for d in la}, {_edge_key(d): d for d in lb}
    went = [d for k, d in ka.items() if k not in kb]
    came = [d for k, d in kb.items() if k not in ka]
    parts = [Message(text, edges=Listing("; ", [_edge_said(d) for d in ds]))
             for text, ds in ((N_("gone: {edges}"), went), (N_("new: {edges}"), came)) if ds]
    return Listing("; ", parts)


def _edge_said(d: dict) -> Message:
    """An edge by what it says (its attributes but how it is known)."""
    shown = [x for x in sorted(d) if x not in BOOKKEEPING and x not in _PROVENANCE]
    if not shown:
        return Message("as before, how it is known changed")
    return Listing(", ", (Message("{attribute} {value}", attribute=Column(x),
                                  value=_value_shown(d[x])) for x in shown))


#: The figures that are FTE (not recorded in a model that gives none).
_FTE_FIGURES = frozenset({"fte_min", "fte_max", "held_fte_min", "held_fte_max",
                          "vacant_fte_min", "vacant_fte_max", "staff_fte",
                          "unrecorded_fte_min", "unrecorded_fte_max"})


def _figures(a, b, to_b: dict):
    from .formation import formation, gives_fte, totals
    ta, tb = _as_is(a, "totals", lambda: totals(a)), totals(b)
    fte = ["fte_min", "fte_max", "held_fte_min", "held_fte_max", "vacant_fte_min",
           "vacant_fte_max"]
    # (a figure neither model records is left out, not shown as 0: Deventer's
    # sources give no FTE and no staff, and "fte 0 → 0" read as none at all)
    fte_given = gives_fte(ta) or gives_fte(tb)
    keys = ["posts", "posts_count_unknown", "vacant", "people"]
    if any(x["staff"] or x["staff_uncounted"] or x["staff_fte"] for x in (ta, tb)):
        keys += ["staff", "staff_fte"] if fte_given else ["staff"]
        # (groups of staff whose number is not given: "staff 0 → 0" said
        # nothing of the one the to-be names)
        keys += ["staff_uncounted"] if ta["staff_uncounted"] or tb["staff_uncounted"] else []
    keys += fte if fte_given else []
    if ta["posts_without_fte"] or tb["posts_without_fte"]:
        keys.append("posts_without_fte")
    if ta["unrecorded"] or tb["unrecorded"]:
        # (the FTE of posts whose holder is not recorded is neither held nor
        # vacant: shown where there is any, so that the parts add up)
        keys += ["unrecorded"] + (["unrecorded_fte_min", "unrecorded_fte_max"] if fte_given
                                  else [])
    # (an FTE of a model that gives none is not recorded, not 0: "fte 0 →
    # 6.4" read as posts of no FTE given one)
    shown = [[x[k] if gives_fte(x) or k not in _FTE_FIGURES else None for k in keys]
             for x in (ta, tb)]
    figures = pd.DataFrame([{"figure": k, "before": was, "after": now,
                             "change": None if was is None or now is None else
                             round(now - was, 6)} for k, was, now in zip(keys, *shown)]
                           + _figures_roles(a, b))
    return figures, _unit_figures(_as_is(a, "units", lambda: formation(a, "unit")),
                                  formation(b, "unit"), to_b)


def _unit_figures(fa, fb, to_b: dict) -> pd.DataFrame:
    """The units whose figures change, before and after, matched as the
    nodes are (``to_b``: as-is id → to-be id), not by name: two teams of one
    name in two afdelingen were joined into each other's figures.  A name
    that two rows share is told apart by the unit's id."""
    # (no FTE in either model: no column of it, which said "0 → 0" of every
    # unit of an organisation whose sources give none)
    cols = ["posts", "people", "staff"] + (
        ["total_fte_max"] if fa["total_fte_max"].notna().any()
        or fb["total_fte_max"].notna().any() else [])
    fa = fa.assign(unit=[to_b.get(i, i) for i in fa["id"]]).set_index("unit")
    fb = fb.set_index("id")
    units = fa[cols].add_suffix("_before").join(fb[cols].add_suffix("_after"), how="outer")
    # a unit on one side only has nothing on the other (0); a unit's FTE
    # its formation does not give (a post of it gives none) stays empty
    for side, present in (("before", fa.index), ("after", fb.index)):
        units.loc[~units.index.isin(present), [f"{c}_{side}" for c in cols]] = 0
    a, b = (units[[f"{c}_{side}" for c in cols]].to_numpy(dtype=float)
            for side in ("before", "after"))
    changed = ((a != b) & ~(np.isnan(a) & np.isnan(b))).any(axis=1)
    units = units[changed]
    names = fb["name"].combine_first(fa["name"]).reindex(units.index)
    repeated = names.duplicated(keep=False)
    shown = [f"{n} ({i})" if twice else n for i, n, twice in zip(units.index, names, repeated)]
    units.insert(0, "name", shown)
    from ._order import natural_column
    return units.sort_values("name", kind="stable", key=natural_column).reset_index(drop=True)


def _distributions(a, b, touched: set | None = None):
    """Posts per layer and managers per span, before and after; with
    ``touched`` (the only nodes that differ), the to-be layers near them."""
    from .layers import layering, layers_near
    from .span import span_of_control

    def layer_counts(layer):
        return pd.Series(layer, name="layer").dropna().astype(int).value_counts()
    la = _as_is(a, "layer counts", lambda: layer_counts(layering(a).frame["layer"]))
    near = layers_near(a, b, touched) if touched is not None else None
    lb = layer_counts(layering(b).frame["layer"] if near is None else
                      pd.array(list(near.values()), dtype=object))
    layers = pd.DataFrame({"before": la, "after": lb}).fillna(0).astype(int)
    layers = layers.rename_axis("layer").reset_index().sort_values("layer")

    fa = _as_is(a, "spans", lambda: span_of_control(a).frame)
    fb = span_of_control(b).frame
    spans = pd.DataFrame({"posts_before": fa["direct_reports"].value_counts(),
                          "posts_after": fb["direct_reports"].value_counts(),
                          "people_before": fa["people"].value_counts(),
                          "people_after": fb["people"].value_counts()}).fillna(0).astype(int)
    spans = spans.rename_axis("reports").reset_index().sort_values("reports")
    return layers, spans


def _namer(b, a, touched: set | None = None):
    """``name(ids)``: the names of to-be ids (as-is ids of closed nodes), a
    name that several nodes of either side share followed by the id.  With
    ``touched`` (the only nodes that differ), the as-is names, counted once
    while ``a``'s analysis block lasts, and the touched ones of ``b``."""
    from collections import Counter
    attrs = [node_attrs(b.graph), node_attrs(a.graph)]

    def named(n, ids):
        return {(n[x].get("name"), x) for x in ids if n[x].get("name")}
    if touched is None:
        seen = Counter(name for name, _ in named(attrs[0], attrs[0]) | named(attrs[1], attrs[1]))
        more: Counter = Counter()
    else:
        pairs = _as_is(a, "name pairs", lambda: named(attrs[1], attrs[1]))
        seen = _as_is(a, "names", lambda: Counter(name for name, _ in pairs))
        more = Counter(name for name, x in named(attrs[0], touched & attrs[0].keys())
                       if (name, x) not in pairs)

    def one(x):
        d = next((n[x] for n in attrs if x in n), {})
        name = d.get("name")
        return x if not name else name if seen[name] + more[name] == 1 else f"{name} ({x})"
    return lambda ids: ", ".join(map(one, ids)) or Message("none")


def _route_near(a, b, ra, rb, touched: set) -> set:
    """The nodes whose routes may differ between ``a`` and ``b`` when only
    the nodes ``touched`` differ: those whose route in ``a`` reaches a node
    whose next steps differ (and ``touched`` themselves).  A route that
    reaches none of them is the same step by step in both."""
    from .escalation import ROUTE_REACH
    na, nb = node_attrs(a.graph), node_attrs(b.graph)
    moved = set()
    for n in within([a.graph, b.graph], touched, ROUTE_REACH):
        if n in touched or n not in na or n not in nb:
            moved.add(n)
        elif na[n].get("kind") in ("Post", "Role", "Body") and (
                ra.next(n) != rb.next(n) or ra.blocked(n) != rb.blocked(n)):
            moved.add(n)
    preceding = _as_is(a, ("route preceding", ra.via), ra.preceding)
    up, todo = set(moved), list(moved)
    while todo:
        for p in preceding.get(todo.pop(), ()):
            if p not in up:
                up.add(p)
                todo.append(p)
    return up


def _load_near(a, ra, rb, near: set) -> pd.Series:
    """``reached_by`` of ``b``'s escalation load (as :func:`escalation_load`
    orders it), from ``a``'s: only the roles ``near`` can route otherwise."""
    from .escalation import escalation_load
    fa = escalation_load(a, ra.via)
    reached = dict(zip(fa["id"].tolist(), fa["reached_by"].tolist()))
    starts_a, starts_b = set(ra.starts()), set(rb.starts())
    for s in near:
        if s in starts_a:
            for x in ra.upset(s) - {s}:
                reached[x] -= 1
        if s in starts_b:
            rb.summary(s)             # (its loops found before its routes are walked)
            for x in rb.upset(s) - {s}:
                reached[x] = reached.get(x, 0) + 1
    from ._order import natural_key
    kept = sorted(((x, n) for x, n in reached.items() if n > 0),
                  key=lambda t: (-t[1], natural_key(t[0])))
    return pd.Series([n for _, n in kept], index=pd.Index([x for x, _ in kept], name="id"),
                     name="reached_by", dtype=fa["reached_by"].dtype)


def _routes(a, b, to_b, touched: set | None = None, kept: dict | None = None):
    """Route changes and load moved; the ids of the next steps and tops,
    and their names (``*_name``) for a reader.  With ``touched`` (the only
    nodes that differ, matched on their ids), only the roles whose routes
    can reach them are compared, and ``kept`` receives, per route kind,
    ``b``'s route graph (worked out where asked), those roles and ``b``'s
    load, for the rule findings to reuse."""
    from .escalation import RouteGraph, escalation_load, escalation_policy, route_graph
    pa, pb = escalation_policy(a), escalation_policy(b)
    rows, loads = [], []
    nb, na_ = node_attrs(b.graph), node_attrs(a.graph)
    names = _namer(b, a, touched)
    from_b = {y: x for x, y in to_b.items()}
    for via in [v for v in pb.routes if v in pa.routes]:
        ra = route_graph(a, via)
        if touched is None:
            rb = route_graph(b, via)
            roles = rb.starts()
            lb = escalation_load(b, via).set_index("id")["reached_by"]
        else:
            rb = RouteGraph(b, via)         # (worked out only where asked)
            near = _route_near(a, b, ra, rb, touched)
            roles = [r for r in rb.starts() if r in near]
            lb = _load_near(a, ra, rb, near)
            if kept is not None:
                kept[via] = (rb, near, lb)
        for role in roles:
            src = from_b.get(role)
            if src is None:
                continue
            na = sorted(to_b.get(s.id, s.id) for s in ra.next(src))
            nb_ = sorted(s.id for s in rb.next(role))
            ta = sorted(to_b.get(t, t) for t in ra.tops(src))
            tb = sorted(rb.tops(role))
            oa, ob = sorted(ra.outcomes(src)), sorted(rb.outcomes(role))
            # (a next step that is a vacant post: the route goes on past it,
            # but the issue meets no one there; a post vacated is a change)
            va = {to_b.get(s.id, s.id) for s in ra.next(src) if na_[s.id].get("vacant")}
            vb = {s for s in nb_ if nb[s].get("vacant")}
            if (na, ta, oa, va) == (nb_, tb, ob, vb):
                continue
            newly = _newly_bad(oa, ob)
            rows.append({"role": role, "role_name": nb[role].get("name", role), "via": via,
                         "next_before": _ids(na), "next_after": _ids(nb_),
                         "top_before": _ids(ta), "top_after": _ids(tb),
                         "outcome_before": _outcomes(oa), "outcome_after": _outcomes(ob),
                         "newly_bad": bool(newly), "newly_vacant_next": bool(vb - va),
                         "next_before_name": _marked(names, na, va),
                         "next_after_name": _marked(names, nb_, vb),
                         "top_before_name": names(ta), "top_after_name": names(tb)})
        la = escalation_load(a, via).set_index("id")["reached_by"]
        la.index = [to_b.get(x, x) for x in la.index]
        both = pd.DataFrame({"reached_by_before": la, "reached_by_after": lb}).fillna(0)
        both = both.astype(int)
        both["change"] = both["reached_by_after"] - both["reached_by_before"]
        both = both[both["change"] != 0]
        for rid, r in both.iterrows():
            d = nb.get(rid) or a.graph.nodes.get(rid, {})
            loads.append({"id": rid, "name": d.get("name", rid), "via": via,
                          "level": d.get("level", ""), **r.to_dict()})
    routes = pd.DataFrame(rows, columns=["role", "role_name", "via", "next_before", "next_after",
                                         "top_before", "top_after", "outcome_before",
                                         "outcome_after", "newly_bad", "newly_vacant_next",
                                         "next_before_name",
                                         "next_after_name", "top_before_name",
                                         "top_after_name"])
    load = pd.DataFrame(loads, columns=["id", "name", "via", "level", "reached_by_before",
                                        "reached_by_after", "change"])
    if len(load):
        load = load.reindex(load["change"].abs().sort_values(ascending=False).index)
    return routes, load


def _marked(names, ids: list, vacant: set):
    """The names of a route's next steps (see :func:`_namer`), a vacant
    post's said so."""
    if not vacant:
        return names(ids)
    return Listing(", ", [Message("{name} (vacant)", name=names([x])) if x in vacant
                          else names([x]) for x in ids])


def _ids(ids: list) -> str:
    """Ids of a route's steps or tops in a cell: ``none`` (said in the
    reader's language) when there are none."""
    return ", ".join(ids) or Message("none")


def _outcomes(outcomes: list) -> Listing:
    """A route's outcomes in a cell, each said in the reader's language
    (``verboden, top``; the cell reads ``forbidden, top`` in English)."""
    return Listing(", ", [Message(o) for o in outcomes])


def _newly_bad(before, after) -> list:
    """The bad outcomes a route has after and had not before (outcomes as
    lists, or as the cells :func:`_outcomes` writes)."""
    def split(o):
        return set(o.split(", ")) if isinstance(o, str) else set(o)
    return sorted(split(after) - split(before) & set(BAD_OUTCOMES))


#: The columns of :meth:`Diff.routes_view` that hold the data's names.
ROUTE_VIEW_OWN = ("role", "next_before", "next_after", "top_before", "top_after")

#: Why a mandate of the as-is model does not hold in the to-be model.
_GONE = {("mandator", "closed"): N_("mandator closed"), ("mandatee", "closed"): N_("mandatee closed"),
         ("mandator", "vacant"): N_("mandator vacant"), ("mandatee", "vacant"): N_("mandatee vacant")}


def _mandates(a, b, to_b, awb):
    """Mandates of the as-is model whose mandator or mandatee is closed or
    vacant in the to-be model, and the Awb findings the change adds; ``awb``
    keeps each side's Awb findings for the rule findings to reuse."""
    from .mandates import mandate_findings
    awb["a"], awb["b"] = mandate_findings(a), mandate_findings(b)
    nb = node_attrs(b.graph)
    vocab = a.vocabulary("powers")
    new = None          # (worked out at the first closed end: most changes close none)
    rows = []
    for u, v, d in a.edges("MANDATES"):
        u2, v2 = to_b.get(u), to_b.get(v)
        for who, x in (("mandator", u2), ("mandatee", v2)):
            orig = u if who == "mandator" else v
            if x is None and new is None:
                new = _new_mandates(a, b, to_b)
            if x is None and _taken_over(new, u2, v2, d.get("powers") or ()):
                continue        # (a merge: the other end gives or holds it now)
            if x is None:
                problem, state = Message(_GONE[who, "closed"]), Message("closed")
            elif nb[x].get("vacant") and not nb[x].get("deputy"):
                problem, state = Message(_GONE[who, "vacant"]), Message("vacant")
            else:
                continue
            rows.append({"key": f"{u}|MANDATES|{v}", "problem": problem, "rule": "",
                         "detail": Message("the mandate from {a} to {b} ({powers}): {who} is "
                                           "{state} in the to-be model", a=a.label(u),
                                           b=a.label(v), powers="; ".join(
                                               (vocab.get(p) or {}).get("name") or p
                                               for p in d.get("powers") or ())
                                           or Message("no powers named"), who=a.label(orig),
                                           state=state)})
    fa = {f.message for f in awb["a"]}
    for f in awb["b"]:
        if f.message not in fa:
            rows.append({"key": "|".join(f.nodes), "problem": Message("breaks an Awb rule"),
                         "rule": f.rule, "detail": f.message})
    return pd.DataFrame(rows, columns=["key", "problem", "rule", "detail"])


def _new_mandates(a, b, to_b) -> dict:
    """``{(mandator, mandatee): (new as a whole, powers new)}`` of the to-be
    model's mandates that the as-is model did not give between those two
    (ids of the to-be model)."""
    before: dict = {}
    for u, v, d in a.edges("MANDATES"):
        before.setdefault((to_b.get(u), to_b.get(v)), set()).update(d.get("powers") or ())
    new: dict = {}
    for u, v, d in b.edges("MANDATES"):
        powers = set(d.get("powers") or ()) - before.get((u, v), set())
        if (u, v) not in before or powers:
            whole, had = new.get((u, v), ((u, v) not in before, set()))
            new[u, v] = (whole, had | powers)
    return new


def _taken_over(new: dict, mandator, mandatee, powers) -> bool:
    """Whether a mandate whose one end is closed (``None``) went to another
    post with the other end: the mandator now gives all its powers to a post
    it did not give them before (a merge moves the closed mandatee's mandates
    to the post it is merged into), or the mandatee now has them from
    another. Such a mandate is moved, not orphaned; a mandate of no powers
    named is moved only by a mandate new as a whole."""
    want = set(powers)
    for (u, v), (whole, given) in new.items():
        if (mandatee is None and u == mandator is not None) or \
                (mandator is None and v == mandatee is not None):
            if (want and want <= given) or (not want and whole):
                return True
    return False


def _commissions(a, b, to_b):
    def who(org):
        out = {}
        for u, c, d in org.edges("COMMISSIONS"):
            if d.get("capacity"):
                out.setdefault((c, d["capacity"]), set()).add(u)
        return out
    wa, wb = who(a), who(b)
    rows = []
    for (c, cap), us in wa.items():
        c2 = to_b.get(c)
        if c2 is None:
            continue            # a closed commission is in the node list
        after = wb.get((c2, cap), set())
        if not after:
            rows.append({"id": c2, "name": b.label(c2), "capacity": cap,
                         "before": ", ".join(sorted(a.label(u) for u in us)),
                         "after": ""})
    return pd.DataFrame(rows, columns=["id", "name", "capacity", "before", "after"])


#: A role's status in :attr:`Diff.roles` when nobody plays it any more.
UNPLAYED = "loses its player"


def _players(org, to=None) -> dict:
    """``{role: {(player, scope ids): how a reader sees it}}``, ids through
    ``to`` (as-is → to-be; a closed node keeps its id)."""
    def m(x):
        return to.get(x, x) if to is not None else x
    out: dict = {}
    for u, r, d in org.edges("PLAYS"):
        scope = d.get("scope") or ()
        text = Message("{post} (for {scope})", post=org.label(u), scope=", ".join(
            org.label(x) for x in scope)) if scope else org.label(u)
        out.setdefault(m(r), {})[(m(u), tuple(sorted(m(x) for x in scope)))] = text
    return out


def _roles(a, b, to_b):
    """Roles of both models that lose a player (a closed role is in the node
    list): who played it before and after, by name and scope."""
    pa, pb = _players(a, to_b), _players(b)
    rows = []
    for r, before in sorted(pa.items()):
        if r not in b.graph or b.graph.nodes[r].get("kind") != "Role":
            continue
        after = pb.get(r, {})
        if set(before) - set(after):
            rows.append({"id": r, "name": b.label(r),
                         "before": Listing("; ", sorted(before.values(), key=str)),
                         "after": Listing("; ", sorted(after.values(), key=str)),
                         "status": UNPLAYED if not after else "loses a player"})
    return pd.DataFrame(rows, columns=["id", "name", "before", "after", "status"])


def _figures_roles(a, b) -> list:
    """The roles and the roles nobody plays, before and after."""
    def counts(org):
        roles = org.ids("Role")
        played = {r for _, r, _ in org.edges("PLAYS")}
        return len(roles), sum(1 for r in roles if r not in played)
    (ra, ua), (rb, ub) = counts(a), counts(b)
    return [{"figure": "roles", "before": ra, "after": rb, "change": rb - ra},
            {"figure": "roles_unplayed", "before": ua, "after": ub, "change": ub - ua}]


def _findings(a, b, awb, near: dict | None = None):
    """Findings added and resolved; ``near``: what :func:`_routes` kept of
    the routes near a small change (R1 is then worked out there only)."""
    from .checks import check
    fa = _as_is(a, "findings", lambda: check(a, awb=False))
    fb = check(b, awb=False, found=_r1_near(a, b, near) if near else None)
    ka = set(zip(fa["rule"], fa["message"])) | {(f.rule, f.message) for f in awb["a"]}
    kb = set(zip(fb["rule"], fb["message"])) | {(f.rule, f.message) for f in awb["b"]}
    rows = [{"status": "added", "rule": r, "message": m} for r, m in sorted(kb - ka)]
    rows += [{"status": "resolved", "rule": r, "message": m} for r, m in sorted(ka - kb)]
    return pd.DataFrame(rows, columns=["status", "rule", "message"])
def _r1_near(a, b, near: dict) -> dict | None:
    """``{"R1": findings}`` of ``b``, from ``a``'s and the routes near a small
    change: a role whose route reaches no node whose next steps differ ends
    as it did in ``a``, so only the roles stuck in ``a`` and those near the
    change are looked at in ``b``.  None when ``b`` has a route kind ``a``
    has not (worked out whole then)."""
    from .checks import r1_findings
    from .escalation import escalation_policy, route_graph
    vias = escalation_policy(b).routes
    if any(via not in near for via in vias):
        return None
    found = []
    for via in vias:
        rb, moved, lb = near[via]
        ra = route_graph(a, via)
        starts_a, starts_b = set(ra.starts()), set(rb.starts())
        was = {r for r, out in ra._end.items() if out == "forbidden" and r in starts_a}
        stuck = [r for r in was | moved if r in starts_b and rb.end(r) == "forbidden"]
        found += r1_findings(b, via, rb, stuck, lb.to_dict())
    return {"R1": found}


def diff(before: OrgModel, after: OrgModel, key: str | None = None) -> Diff:
    """Compare an as-is model with a to-be model.

    Parameters
    ----------
    before, after : OrgModel
        Each is compared as it stands on its own date.
    key : str, optional
        Match nodes on this attribute instead of ``id`` (a post number, a name).

    Examples
    --------
    >>> from orgmodel.whatif import apply
    >>> d = diff(sample, apply(sample, [{"close": "dd", "reports": "superior"}]))
    >>> d.nodes.set_index("id").loc[["dd", "tm"], "status"].tolist()
    ['closed', 'moved']
    >>> d.broken()["mandates"] > 0
    True
    """
    from ._progress import task
    a, b = before.on(), after.on()
    # (each side's figures per post, route graphs and loads are worked out once
    # and shared by the totals, spans, routes and checks that need them)
    with task("Comparing", 7) as step, a.analysis(), b.analysis():
        return _diff(a, b, key, step)


#: Up to what share of the nodes a change may touch for the routes to be
#: compared near it only (past it, comparing every route is as quick).
NEAR_SHARE = 0.1


def _few_touched(a, b, key) -> set | None:
    """The nodes that differ between the two models, when they are matched
    on their ids, share org.yaml (the route policy) and few differ (a draft's
    edit, a snapshot's day); else None."""
    if key not in (None, "id") or a.manifest != b.manifest:
        return None
    touched = differing(a.graph, b.graph)
    return touched if len(touched) <= NEAR_SHARE * max(len(a.graph), 1) else None


def _diff(a, b, key, step) -> Diff:
    _check_key(a, b, key)
    keyless: tuple[list, list] = ([], [])
    touched = _few_touched(a, b, key)
    nodes, to_b = _nodes(a, b, key, keyless, touched)
    nodes = _where_posts_moved(nodes, a, b)
    edges = _edges(a, b, to_b, touched)
    step("nodes and edges")
    figures, units = _figures(a, b, to_b)
    step("figures")
    layers, spans = _distributions(a, b, touched)
    step("layers and spans")
    near: dict = {}
    routes, load = _routes(a, b, to_b, touched, near)
    step("escalation routes")
    notes = []
    notes += _match_rate(a, b, key)
    if key not in (None, "id"):
        notes.append(Message("nodes matched on '{key}'", key=key))
        if keyless[0] or keyless[1]:
            notes.append(Message("{a} of the as-is model and {b} of the to-be model have no "
                                 "'{key}': they are matched on their id",
                                 a=count(len(keyless[0]), N_("{n} node"), N_("{n} nodes")),
                                 b=len(keyless[1]), key=key))
    from .checks import applicable_rules
    from .summary import evidence_counts
    ra, rb = list(applicable_rules(a)), list(applicable_rules(b))
    if ra != rb:
        notes.append(Message("the as-is model adopts {a}, the to-be model {b}: findings of a "
                             "rule only one side adopts count as added or resolved",
                             a=", ".join(ra) or Message("no rules"),
                             b=", ".join(rb) or Message("no rules")))
    for side, o in ((N_("how the as-is facts are known (nodes and edges): {grades}"), a),
                    (N_("how the to-be facts are known (nodes and edges): {grades}"), b)):
        ev = _as_is(a, "evidence", lambda: evidence_counts(a)) if o is a else evidence_counts(o)
        notes.append(Message(side, grades=Listing(", ", [
            Message("{grade} {n}", grade=Message(g), n=ev["nodes"][g] + ev["edges"][g])
            for g in ev["nodes"]])))
    awb = {}
    mandates = _mandates(a, b, to_b, awb)
    step("mandates")
    commissions = _commissions(a, b, to_b)
    roles = _roles(a, b, to_b)
    step("commissions")
    findings = _findings(a, b, awb, near)
    step("rule findings")
    return Diff(a, b, nodes, edges, figures, units, layers, spans, routes, load, mandates,
                commissions, findings, notes, roles, to_b)


def write_diff(d: Diff, folder: PathLike, lang: str = "en") -> dict:
    """Write a comparison into ``folder``: ``DIFF.md``, ``diff.html``,
    ``changes.csv`` and ``changes.json``, each whole or not at all.  In
    Dutch (``lang="nl"``) the report, the page and the change list's columns
    and texts are Dutch; ``changes.json`` is for programs and stays as it is.

    Returns
    -------
    dict
        File name -> the :class:`~pathlib.Path` written, or, where a file
        was not written (a page too large to draw), the reason as text.

    Examples
    --------
    >>> d = diff(sample, sample)
    >>> sorted(write_diff(d, tmp_path / "d"))
    ['DIFF.md', 'changes.csv', 'changes.json', 'diff.html']
    """
    import json
    import os
    import shutil
    from pathlib import Path

    from ._staging import clean_stale, no_space, temp_dir
    from .escape import sheet_csv
    from .formats.html import ExportTooLargeError, write_diff_html
    from .i18n import translator
    from .write import usual_mode
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # Every file is made in a staging folder first and moved in when all are
    # complete; a page too large to draw also takes away the page of an
    # earlier diff written here, which would no longer match DIFF.md.
    clean_stale(folder)
    stage = temp_dir(folder, "diff")
    written: dict = {}
    try:
        try:
            write_diff_html(d, stage / "diff.html", lang=lang)
        except ExportTooLargeError as exc:
            written["diff.html"] = said(exc)    # (a Message: said in the reader's language)
        (stage / "DIFF.md").write_text(d.markdown(lang), encoding="utf-8")
        changes = d.changes()
        sheet_csv(translator(lang).frame(changes, own=("key", "detail_own")) if lang != "en"
                  else changes, stage / "changes.csv", lang)
        (stage / "changes.json").write_text(json.dumps(changes.to_dict("records"),
                                                       ensure_ascii=False, indent=1),
                                            encoding="utf-8")
        for name in ("diff.html", "DIFF.md", "changes.csv", "changes.json"):
            if (stage / name).exists():
                os.chmod(stage / name, usual_mode())
                os.replace(stage / name, folder / name)
                written[name] = folder / name
            else:
                (folder / name).unlink(missing_ok=True)
    except OSError as exc:
        raise no_space(exc, folder, tmp=stage) from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return written
