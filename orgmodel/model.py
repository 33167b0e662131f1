"""The organisation model: an :class:`OrgModel` around a networkx MultiDiGraph.

Third stage of the pipeline.  Nodes are keyed by their ``id`` and carry
``kind``, ``name`` and any attributes of :mod:`orgmodel.schema`; edges carry
``kind`` and their attributes.  A MultiDiGraph, because two roles may be
joined by several edges (a reporting line *and* a mandate), and a role may
have two superiors (a matrix organisation).

:func:`load` is the one way in from files: it reads, validates and only then
builds, so a folder with any problem is never half-loaded.
"""
from __future__ import annotations

import difflib
from contextlib import contextmanager
from functools import wraps
import unicodedata
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import pandas as pd

from ._perf import paused
from .errors import UnknownRoleError, ValidationError
from .read import read_folder, records
from .validate import parse_cell, parse_fte, validate_tables

__all__ = ["OrgModel", "load", "from_tables", "at_its_date", "edge_index", "display_names"]


class OrgModel:
    """An organisation as a graph, with its manifest settings.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        Nodes keyed by id, each with ``kind`` and ``name``; edges with ``kind``.
    manifest : dict
        The settings of ``org.yaml`` (name, sources, escalation policy, ...).
    path : Path, optional
        The folder it was read from.

    Examples
    --------
    >>> sample.name
    'Sample'
    >>> sorted(sample.ids("Role"))[:3]
    ['alderman', 'bpm', 'cd']
    >>> sample.find_role("Team manager Finance")
    'tm'
    """

    def __init__(self, graph=None, manifest=None, path=None):
        self.graph = graph if graph is not None else nx.MultiDiGraph()
        self.manifest = dict(manifest or {})
        self.path = Path(path) if path else None

    @property
    def name(self) -> str:
        return self.manifest.get("name", "")

    def settings(self, key, default=None):
        """A manifest setting, or ``default`` when absent."""
        value = self.manifest.get(key)
        return default if value is None else value

    def vocabulary(self, name) -> dict:
        """A vocabulary ``org.yaml`` declares (``powers``, ``criteria`` ...):
        ``{key: {"text": ..., "source": ..., ...}}``; a plain string value
        becomes its ``text``.

        Examples
        --------
        >>> sorted(sample.vocabulary("powers"))[:2]
        ['budget', 'hr']
        """
        out = {}
        for key, value in (self.manifest.get(name) or {}).items():
            out[str(key)] = dict(value) if isinstance(value, dict) else {"text": value}
            out[str(key)].setdefault("text", out[str(key)].get("name", str(key)))
        return out

    @property
    def date(self) -> str | None:
        """The date the model describes (``date`` in ``org.yaml``), as ``YYYY-MM-DD``."""
        d = self.manifest.get("date")
        return str(d) if d else None

    def on(self, date=None) -> "OrgModel":
        """The model as it stands on ``date``: nodes and edges outside their
        ``valid_from``/``valid_to`` left out (with their edges).

        ``date`` defaults to the model's own ``date``; without either the
        model is returned as it is.  Dates are ``YYYY-MM-DD``.

        Examples
        --------
        >>> sample.on("2025-01-01").graph.number_of_edges() < sample.graph.number_of_edges()
        True
        """
        date = str(date) if date else self.date
        if not date:
            return self
        _check_date(date)
        g = self.graph
        # Most models carry no validity dates at all: one quick pass says so.
        if not any("valid_from" in d or "valid_to" in d for d in g._node.values()) and \
                not any("valid_from" in d or "valid_to" in d
                        for nbrs in g._adj.values() for keyed in nbrs.values()
                        for d in keyed.values()):
            return self._dated(date)

        def valid(d):
            return (d.get("valid_from", "") or "") <= date and \
                (not d.get("valid_to") or date <= d["valid_to"])

        if all(valid(d) for _, d in g.nodes(data=True)) and \
                all(valid(d) for _, _, d in g.edges(data=True)):
            return self._dated(date)
        h = nx.MultiDiGraph()
        h.add_nodes_from((n, d) for n, d in g.nodes(data=True) if valid(d))
        h.add_edges_from((u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True)
                         if valid(d) and u in h and v in h)
        return OrgModel(h, {**self.manifest, "date": date}, self.path)

    def _dated(self, date) -> "OrgModel":
        """This model (the same graph) as of ``date``: a later ``on()`` keeps it."""
        if date == self.date:
            return self
        return OrgModel(self.graph, {**self.manifest, "date": date}, self.path)

    def ids(self, kind=None):
        """Node ids, optionally of one kind, in the graph's order."""
        if kind is None:
            return list(self.graph._node)
        # (several analyses ask for the same kind: inside an edge_index block
        # the list is found once)
        return list(remembered(self, ("ids", kind), lambda: [
            n for n, d in self.graph._node.items() if d.get("kind") == kind]))

    def edges(self, kind=None):
        """``(from, to, attrs)`` of every edge, optionally of one kind."""
        idx = _EDGE_INDEX.get(id(self.graph))
        if idx is not None and kind is not None:
            return list(idx.get(kind, ()))
        return [(u, v, d) for u, v, d in self.graph.edges(data=True)
                if kind is None or d["kind"] == kind]

    def edges_by_kind(self, *kinds) -> dict:
        """``{kind: [(from, to, attrs), ...]}`` for the given edge kinds, in one pass.

        Analyses at 100k roles go through this rather than networkx views,
        which cost several times more per edge.
        """
        idx = _EDGE_INDEX.get(id(self.graph))
        if idx is not None:
            return {k: list(idx.get(k, ())) for k in kinds}
        out = {k: [] for k in kinds}
        get = out.get
        for u, nbrs in self.graph.adjacency():
            for v, keyed in nbrs.items():
                for d in keyed.values():
                    bucket = get(d["kind"])
                    if bucket is not None:
                        bucket.append((u, v, d))
        return out

    def adjacency(self, kind, reverse=False) -> dict:
        """``{node: [(other, edge attrs), ...]}`` for edges of one kind.

        Forward maps an edge's start to its ends; ``reverse=True`` maps ends to
        starts.  Built in one pass over the edges.
        """
        return self.adjacencies(kind, reverse=reverse)[kind]

    def adjacencies(self, *kinds, reverse=False) -> dict:
        """``{kind: adjacency}`` (see :meth:`adjacency`) for several kinds, in one pass."""
        out = {}
        for kind, edges in self.edges_by_kind(*kinds).items():
            adj = out[kind] = {}
            for u, v, d in edges:
                a, b = (v, u) if reverse else (u, v)
                adj.setdefault(a, []).append((b, d))
        return out

    def label(self, node) -> str:
        return self.graph.nodes[node].get("name", node)

    def find_role(self, query: str) -> str:
        """The id of the role whose id or name matches ``query``.

        Matching ignores case.  An exact id wins over a name.

        Raises
        ------
        UnknownRoleError
            When nothing matches (listing the closest roles) or several do.
        """
        roles = self.ids("Role")
        # Files are read in Unicode NFC; a query typed in NFD still matches.
        query = unicodedata.normalize("NFC", query)
        if query in roles:
            return query
        q = query.strip().casefold()
        by_id = [r for r in roles if r.casefold() == q]
        if len(by_id) == 1:
            return by_id[0]
        by_name = [r for r in roles if self.label(r).casefold() == q]
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            raise UnknownRoleError(query, [(r, self.label(r)) for r in by_name], ambiguous=True)
        partial = [r for r in roles if q and q in self.label(r).casefold()]
        if len(partial) == 1:
            return partial[0]
        if len(partial) > 1:
            raise UnknownRoleError(query, [(r, self.label(r)) for r in partial[:8]],
                                   ambiguous=True)
        names = {self.label(r).casefold(): r for r in roles}
        near = difflib.get_close_matches(q, list(names) + [r.casefold() for r in roles], n=5,
                                         cutoff=0.4)
        cands = []
        for n in near:
            rid = names.get(n) or next(r for r in roles if r.casefold() == n)
            if rid not in [c[0] for c in cands]:
                cands.append((rid, self.label(rid)))
        raise UnknownRoleError(query, cands)

    def nodes_frame(self, kind=None) -> pd.DataFrame:
        """Nodes as a DataFrame, one row each, indexed by id."""
        rows = [{"id": n, **d} for n, d in self.graph.nodes(data=True)
                if kind is None or d["kind"] == kind]
        return pd.DataFrame(rows).set_index("id") if rows else pd.DataFrame()

    def __eq__(self, other) -> bool:
        if not isinstance(other, OrgModel):
            return NotImplemented
        return (self.manifest == other.manifest
                and dict(self.graph.nodes(data=True)) == dict(other.graph.nodes(data=True))
                and _edge_multiset(self.graph) == _edge_multiset(other.graph))

    def __repr__(self) -> str:
        return (f"OrgModel({self.name!r}, {self.graph.number_of_nodes()} nodes, "
                f"{self.graph.number_of_edges()} edges)")


def _check_date(text):
    import datetime as _dt
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date: write it as YYYY-MM-DD") from None


def _edge_multiset(g):
    return sorted((u, v, sorted((k, repr(x)) for k, x in d.items()))
                  for u, v, d in g.edges(data=True))


def _attrs(row: dict, skip) -> dict:
    out = {}
    for col, text in row.items():
        if col in skip or text == "":
            continue
        if col == "fte":
            out["fte_min"], out["fte_max"] = parse_fte(text)
        else:
            out[col] = parse_cell(col, text)
    return out


def at_its_date(func):
    """Decorator for an analysis: run it on the model as it stands on its own
    ``date`` (:meth:`OrgModel.on`), so an edge that ended before that date or
    starts after it never counts, from Python as on the command line."""
    @wraps(func)
    def wrapper(org, *args, **kwargs):
        return func(org.on() if isinstance(org, OrgModel) else org, *args, **kwargs)
    return wrapper


def from_tables(manifest: dict, nodes: pd.DataFrame, edges: pd.DataFrame, path=None) -> OrgModel:
    """Build an :class:`OrgModel` from tables already validated."""
    g = nx.MultiDiGraph()
    for _, row in records(nodes):
        g.add_node(row["id"], **_attrs(row, {"id"}))
    for _, row in records(edges):
        g.add_edge(row["from"], row["to"], **_attrs(row, {"from", "to"}))
    return OrgModel(g, manifest, path)


def _graph_of(nodes: list, edges: list) -> nx.MultiDiGraph:
    """The graph of validated rows: ``(id, attrs)`` and ``(from, to, attrs)``,
    ids unique and every edge's ends among them (the validation saw to it).

    Filled in as networkx's own ``add_node``/``add_edge`` do, without their
    checks per call (a node's adjacency dicts, one key dict shared by both
    ends of a pair, keys counted up from 0): 1,000,000 nodes and 1,200,000
    edges take 3.7 s instead of 9.7 s.  The attribute dicts are taken over.
    """
    g = nx.MultiDiGraph()
    node, succ, pred = g._node, g._succ, g._pred
    new = g.adjlist_inner_dict_factory
    for n, attrs in nodes:
        node[n] = attrs
        succ[n] = new()
        pred[n] = new()
    for u, v, attrs in edges:
        out = succ[u]
        keys = out.get(v)
        if keys is None:
            keys = out[v] = pred[v][u] = g.edge_key_dict_factory()
            keys[0] = attrs
        else:
            k = len(keys)
            while k in keys:
                k += 1
            keys[k] = attrs
    return g


@paused
def load(path) -> OrgModel:
    """Read, validate and build the organisation in folder ``path``.

    Raises
    ------
    ValidationError
        Carrying every problem found; nothing is built when there is any.

    Examples
    --------
    >>> org = load(sample_dir)
    >>> org.graph.number_of_nodes() > 0
    True
    """
    from ._progress import task
    with task(f"Loading {Path(path).name}", 3) as step:
        raw = read_folder(path)
        step("read")
        built = {}
        problems = validate_tables(raw, built)
        step("validated")
        if problems:
            raise ValidationError(problems, where=str(path))
        # The validation converted every cell already: the graph takes them as
        # they are (at 1,000,000 roles, converting again took a quarter of a load).
        org = OrgModel(_graph_of(built["nodes"], built["edges"]), raw.manifest, path)
        step("built")
    return org


def display_names(g) -> "Mapping":
    """Each node's name, with its id added where two nodes share the name.

    A read-only mapping from node id to name, each worked out when asked: a
    report of a million roles names a few thousand of them.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("tm-a", name="Teammanager"); g.add_node("tm-b", name="Teammanager")
    >>> g.add_node("gd", name="Algemeen directeur")
    >>> dict(display_names(g))
    {'tm-a': 'Teammanager (tm-a)', 'tm-b': 'Teammanager (tm-b)', 'gd': 'Algemeen directeur'}
    """
    return _DisplayNames(g)


class _DisplayNames(Mapping):
    def __init__(self, g):
        self._nodes = g._node
        self._seen = Counter(str(d.get("name", n)) for n, d in self._nodes.items())

    def __getitem__(self, n):
        x = str(self._nodes[n].get("name", n))
        return f"{x} ({n})" if self._seen[x] > 1 else x

    def __iter__(self):
        return iter(self._nodes)

    def __len__(self):
        return len(self._nodes)


#: Edges per kind of a graph that nothing changes for a while (see
#: :func:`edge_index`), keyed by the graph's id.
_EDGE_INDEX = {}


@contextmanager
def edge_index(org):
    """While the block runs, ``org``'s edges are looked up per kind from one
    index instead of a pass over every edge per call: a report asks some thirty
    times (measured: 7.6 of 46 s of a 200,000-role report under the profiler).
    The graph must not change inside the block.

    Examples
    --------
    >>> with edge_index(sample):
    ...     inside = sample.edges("REPORTS_TO")
    >>> inside == sample.edges("REPORTS_TO")
    True
    """
    key = id(org.graph)
    if key in _EDGE_INDEX:          # already indexed by an outer block
        yield org
        return
    idx = {}
    for u, nbrs in org.graph._succ.items():      # (not the views: a million edges)
        for v, keyed in nbrs.items():
            for d in keyed.values():
                kind = d["kind"]
                bucket = idx.get(kind)
                if bucket is None:
                    bucket = idx[kind] = []
                bucket.append((u, v, d))
    _EDGE_INDEX[key] = idx
    _MEMO[key] = {}
    try:
        yield org
    finally:
        _EDGE_INDEX.pop(key, None)
        _MEMO.pop(key, None)


#: Results worked out once while a graph is indexed (see :func:`remembered`).
_MEMO = {}


def remembered(org, name, work):
    """``work()``, worked out once per ``name`` (any hashable key) while
    ``org``'s graph is inside an :func:`edge_index` block (several analyses
    of a report walk the same line in the same order), and every time outside
    one.  The result is shared: callers must not change it."""
    memo = _MEMO.get(id(org.graph))
    if memo is None:
        return work()
    if name not in memo:
        memo[name] = work()
    return memo[name]
