"""Versions of a shared model: a model as keyed rows (a :class:`Snapshot`),
the change set between two, and applying or undoing one.

The shared model in Neo4j moves from version to version by change sets.  A
push sends only the change set between the version it was pulled at (its
*base*) and the folder as it is now; the database keeps every change set, so
that an earlier version is the current one with the later change sets undone.

Each node is keyed by its id, each edge by its ends, kind and place among the
edges of the same ends and kind (:func:`edge_key`); the organisation's
``org.yaml`` is one more key.  Two change sets *conflict* when they touch a
key in common (:func:`conflicts`).

Examples
--------
>>> before = snapshot(sample)
>>> after = snapshot(sample)
>>> after.nodes["gd"] = ("Post", {**after.nodes["gd"][1], "name": "Chief executive"})
>>> ops = changes(before, after)
>>> [(op["what"], op["key"]) for op in ops]
[('node', 'gd')]
>>> undo(after, ops).nodes["gd"] == before.nodes["gd"]
True
>>> events(ops)[0]["detail"]
'changed: name'
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import networkx as nx

from .i18n import Listing, Message
from .model import OrgModel

__all__ = ["Snapshot", "snapshot", "snapshot_of", "to_model", "edge_key", "json_key", "changes", "apply", "undo",
           "touched_by", "conflicts", "both_changed", "events", "MANIFEST"]

#: The key of the organisation's own settings (org.yaml) in a change set.
MANIFEST = "org.yaml"


@dataclass
class Snapshot:
    """A model as keyed rows, in the model's order.

    ``nodes``: ``{id: (label, properties)}``; ``edges``: ``{key: (kind, from,
    to, properties)}``; ``manifest``: the organisation's ``org.yaml``.
    """

    manifest: dict = field(default_factory=dict)
    nodes: dict = field(default_factory=dict)
    edges: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"manifest": self.manifest,
                "nodes": [[k, label, props] for k, (label, props) in self.nodes.items()],
                "edges": [[k, *row] for k, row in self.edges.items()]}

    @classmethod
    def from_json(cls, data: dict) -> Snapshot:
        return cls(data.get("manifest") or {},
                   {k: (label, props) for k, label, props in data["nodes"]},
                   {k: (kind, u, v, props) for k, kind, u, v, props in data["edges"]})


#: A string as JSON writes it (with ensure_ascii=False).
_quoted = json.encoder.encode_basestring


def json_key(*parts) -> str:
    """The JSON text of a list of ``parts`` (``json.dumps``, ``ensure_ascii``
    off), written directly when they are strings and whole numbers: a push
    of 100,000 roles makes near a million keys, and ``json.dumps``'s
    generic walk was most of their cost.

    Examples
    --------
    >>> json_key("a", 'b"c', 0) == json.dumps(["a", 'b"c', 0], ensure_ascii=False)
    True
    """
    out = []
    for p in parts:
        if type(p) is str:
            out.append(_quoted(p))
        elif type(p) is int:            # (not a bool: JSON writes it as true / false)
            out.append(str(p))
        else:
            return json.dumps(list(parts), ensure_ascii=False)
    return "[" + ", ".join(out) + "]"


def edge_key(u: str, kind: str, v: str, nth: int = 0) -> str:
    """The key of the ``nth`` edge of ``kind`` from ``u`` to ``v`` (JSON, so that
    no id can make two keys equal).

    Examples
    --------
    >>> edge_key("a", "REPORTS_TO", "b")
    '["a", "REPORTS_TO", "b", 0]'
    """
    return json_key(u, kind, v, nth)


def snapshot(org: OrgModel) -> Snapshot:
    """The keyed rows of ``org`` (properties as a database stores them: a
    tuple as a list)."""
    return snapshot_of(org.manifest, org.graph.nodes(data=True), org.graph.edges(data=True))


def snapshot_of(manifest: dict, nodes, edges) -> Snapshot:
    """The :func:`snapshot` of a model given as rows, in its order: ``nodes``
    as ``(id, attributes)``, ``edges`` as ``(from, to, attributes)``, the
    attributes with their ``kind`` (a pull reads them so, and needs no
    graph to write a folder).

    >>> snap = snapshot_of(sample.manifest, sample.graph.nodes(data=True),
    ...                    sample.graph.edges(data=True))
    >>> (len(snap.nodes), len(snap.edges)) == (len(sample.graph), sample.graph.size())
    True
    """
    # (tuples tested inline, not by a call per value: one call per property
    # of 200,000 nodes and edges was most of a snapshot's time)
    keyed_nodes = {n: (d["kind"], {k: list(v) if type(v) is tuple else v
                                   for k, v in d.items() if k != "kind"})
                   for n, d in nodes}
    keyed_edges: dict = {}
    seen: dict = {}
    for u, v, d in edges:
        nth = seen[u, d["kind"], v] = seen.get((u, d["kind"], v), -1) + 1
        keyed_edges[edge_key(u, d["kind"], v, nth)] = (
            d["kind"], u, v, {k: list(x) if type(x) is tuple else x
                              for k, x in d.items() if k != "kind"})
    return Snapshot(dict(manifest), keyed_nodes, keyed_edges)


def to_model(snap: Snapshot) -> OrgModel:
    """The :class:`OrgModel` of a snapshot (not validated)."""
    g = nx.MultiDiGraph()
    for n, (label, props) in snap.nodes.items():
        # kind, name and source first, as a freshly loaded model has them
        attrs = {"kind": label, **{k: props[k] for k in ("name", "source") if k in props}}
        attrs.update((k, v) for k, v in props.items() if k not in attrs)
        g.add_node(n, **attrs)
    for kind, u, v, props in snap.edges.values():
        g.add_edge(u, v, kind=kind, **props)
    return OrgModel(g, dict(snap.manifest))


def changes(before: Snapshot, after: Snapshot) -> list:
    """The change set from ``before`` to ``after``: one operation per key that
    differs, ``{"what": "node"|"edge"|"manifest", "key", "before", "after"}``
    (``before`` is None for an addition, ``after`` for a removal)."""
    ops: list[dict] = []
    if before.manifest != after.manifest:
        ops.append({"what": "manifest", "key": MANIFEST, "before": before.manifest,
                    "after": after.manifest})
    for what, a, b in (("node", before.nodes, after.nodes), ("edge", before.edges, after.edges)):
        for key in [*a, *(k for k in b if k not in a)]:
            old, new = a.get(key), b.get(key)
            if old != new:
                op: dict = {"what": what, "key": key,
                            "before": None if old is None else list(old),
                            "after": None if new is None else list(new)}
                ops.append(op)
    return ops


def touched_by(ops: list) -> tuple[set, set]:
    """The nodes a change set touches (each node added, removed or changed,
    and both ends of each edge added, removed or changed) and, of them, the
    nodes added: what :func:`orgmodel.revalidate.valid_after_change` needs.

    Examples
    --------
    >>> after = snapshot(sample)
    >>> after.edges[edge_key("tm", "REPORTS_TO", "gd", 1)] = ("REPORTS_TO", "tm", "gd", {})
    >>> touched, added = touched_by(changes(snapshot(sample), after))
    >>> sorted(touched), added
    (['gd', 'tm'], set())
    """
    touched: set = set()
    added: set = set()
    for op in ops:
        if op["what"] == "node":
            touched.add(op["key"])
            if op["before"] is None:
                added.add(op["key"])
        elif op["what"] == "edge":
            for row in (op["before"], op["after"]):
                if row is not None:
                    touched.update(row[1:3])
    return touched, added


def _patched(snap: Snapshot, ops: list, side: str) -> Snapshot:
    out = Snapshot(dict(snap.manifest), dict(snap.nodes), dict(snap.edges))
    for op in ops:
        value = op[side]
        if op["what"] == "manifest":
            out.manifest = dict(value or {})
            continue
        table = out.nodes if op["what"] == "node" else out.edges
        if value is None:
            table.pop(op["key"], None)
        else:
            table[op["key"]] = tuple(value)
    return out


def apply(snap: Snapshot, ops: list) -> Snapshot:
    """``snap`` with the change set ``ops`` made (a new snapshot)."""
    return _patched(snap, ops, "after")


def undo(snap: Snapshot, ops: list) -> Snapshot:
    """``snap`` with the change set ``ops`` taken back (a new snapshot)."""
    return _patched(snap, list(reversed(ops)), "before")


def conflicts(ours: list, theirs: list) -> list:
    """The keys both change sets touch, with what each side did, in a stable order:
    ``[(what, key, our change, their change)]`` (changes: added, removed, changed)."""
    def status(op):
        return "added" if op["before"] is None else "removed" if op["after"] is None \
            else "changed"
    mine = {(op["what"], op["key"]): status(op) for op in ours}
    seen: dict = {}
    for op in theirs:    # the last of their changes to a key is what the key holds now
        if (op["what"], op["key"]) in mine:
            seen[op["what"], op["key"]] = status(op)
    return [(what, key, mine[what, key], theirs_did)
            for (what, key), theirs_did in sorted(seen.items())]


def describe(what: str, key: str) -> str:
    """A key in words: a node's id, an edge as ``from -KIND-> to``, or org.yaml.

    Examples
    --------
    >>> describe("edge", edge_key("a", "REPORTS_TO", "b"))
    'a -REPORTS_TO-> b'
    """
    if what != "edge":
        return key
    u, kind, v, nth = json.loads(key)
    return f"{u} -{kind}-> {v}" + (f" (#{nth + 1})" if nth else "")


def both_changed(clash: list) -> Message:
    """The places :func:`conflicts` found, in words (the first ten), as a
    message shown in the reader's language.

    Examples
    --------
    >>> both_changed([("node", "tm", "changed", "removed")])
    '1 place was changed on both sides: tm (yours: changed; theirs: removed)'
    >>> from orgmodel.i18n import translator
    >>> translator("nl")(both_changed([("node", "tm", "changed", "removed")]))
    '1 plek is aan beide kanten gewijzigd: tm (van u: gewijzigd; van hen: verwijderd)'
    """
    shown: Message = Listing("; ", [
        Message("{place} (yours: {ours}; theirs: {theirs})", place=describe(what, key),
                ours=Message(ours), theirs=Message(theirs))
        for what, key, ours, theirs in clash[:10]])
    if len(clash) > 10:
        shown = shown + Message(", and {n} more", n=len(clash) - 10)
    if len(clash) == 1:
        return Message("1 place was changed on both sides: {places}", places=shown)
    return Message("{n} places were changed on both sides: {places}", n=len(clash),
                   places=shown)


def events(ops: list) -> list:
    """A change set as the diff's change events: ``section, key, kind, status,
    detail`` (``key``: a node's id, an edge's ``from|kind|to``), as
    :meth:`orgmodel.Diff.changes` gives them for nodes and edges."""
    out = []
    for op in ops:
        old, new = op["before"], op["after"]
        status = "added" if old is None else "removed" if new is None else "changed"
        detail = ""
        if status == "changed":
            a, b = (old, new) if op["what"] == "manifest" else (old[-1], new[-1])
            names = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
            if op["what"] == "node" and old[0] != new[0]:
                names.insert(0, "kind")
            detail = "changed: " + ", ".join(names)
        if op["what"] == "manifest":
            out.append({"section": "manifest", "key": MANIFEST, "kind": "Organisation",
                        "status": status, "detail": detail})
            continue
        row = new or old
        if op["what"] == "node":
            out.append({"section": "node", "key": op["key"], "kind": row[0], "status": status,
                        "detail": detail})
        else:
            kind, u, v = row[0], row[1], row[2]
            out.append({"section": "edge", "key": f"{u}|{kind}|{v}", "kind": kind,
                        "status": status, "detail": detail})
    return out
