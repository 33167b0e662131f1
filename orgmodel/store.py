"""The Neo4j store: push a model to a database, pull it back, and run the
analysis queries of ``cypher/`` on it, through the official ``neo4j`` driver.

Every query lives in a ``.cypher`` file of the package (one query a file),
read once by :func:`cypher`.  Values always travel as ``$parameters``.  Labels
and relationship types cannot be parameters in Cypher, so a few files carry
``{label}``/``{type}`` slots, and :func:`cypher` fills them only with names
from :mod:`orgmodel.schema`'s vocabulary: nothing a user typed ever becomes
Cypher text.

Nodes carry ``org`` (the organisation's name), ``id`` and ``uid`` (``org:id``,
unique per label), so organisations live side by side.  A push runs in one
transaction: it removes the organisation's earlier push, then writes nodes and
edges in ``UNWIND $rows AS row MERGE ...`` batches, and commits only when every
batch succeeded; any failure rolls everything back.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
import pandas as pd

from .errors import DatabaseError, OrgModelError, ValidationError
from .model import OrgModel
from .schema import EDGE_KINDS, NODE_KINDS
from .validate import validate_graph

__all__ = ["Store", "connect", "cypher", "push", "pull", "pull_model", "run_query",
           "organisations", "QUERIES", "DEFAULT_URI", "DEFAULT_USER"]

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
#: Queries ``orgmodel db query NAME`` may run: reads and analyses, never writes.
QUERIES = ("escalation", "layering", "span", "partners", "organisations", "count_nodes")
_SLOTS = {"label": set(NODE_KINDS), "src": set(NODE_KINDS), "dst": set(NODE_KINDS),
          "type": set(EDGE_KINDS)}
_RESERVED = ("org", "uid", "seq", "id")
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@lru_cache(maxsize=None)
def _text(name: str) -> str:
    try:
        return resources.files("orgmodel").joinpath("cypher", f"{name}.cypher").read_text(
            encoding="utf-8")
    except FileNotFoundError:
        raise OrgModelError(f"no Cypher query named '{name}'") from None


def cypher(name: str, **slots) -> str:
    """The text of ``cypher/NAME.cypher``, with schema names in its slots.

    Raises
    ------
    OrgModelError
        When a slot value is not a node kind or edge kind of the schema.

    Examples
    --------
    >>> print(cypher("delete_nodes", label="Role").splitlines()[-2])
    MATCH (n:Role {org: $org})
    >>> cypher("delete_nodes", label="Role) DETACH DELETE (m")
    Traceback (most recent call last):
    ...
    orgmodel.errors.OrgModelError: 'Role) DETACH DELETE (m' is not a label of the schema
    """
    for slot, value in slots.items():
        if value not in _SLOTS.get(slot, ()):
            raise OrgModelError(f"'{value}' is not a {'relationship type' if slot == 'type' else 'label'} of the schema")
    text = _text(name)
    for slot, value in slots.items():
        text = text.replace("{" + slot + "}", value)
    return text


class Store:
    """An open connection to one database of a Neo4j (or Bolt) server."""

    def __init__(self, driver, database, uri, user):
        self.driver, self.database, self.uri, self.user = driver, database, uri, user

    def run(self, query: str, **params) -> list:
        """Run one read query (auto-commit) and return its records as dicts."""
        records, _, _ = self.driver.execute_query(query, params, database_=self.database)
        return [r.data() for r in records]

    def close(self):
        self.driver.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        # Never the password.
        return f"Store({self.uri!r}, user={self.user!r}, database={self.database!r})"


def _explain(exc, uri, user, database) -> DatabaseError:
    from neo4j import exceptions as e
    code = getattr(exc, "code", "") or ""
    if isinstance(exc, e.AuthError) or "Unauthorized" in code or "Security" in code:
        return DatabaseError(f"the server at {uri} refused user '{user}': wrong user name "
                             "or password (NEO4J_USER / NEO4J_PASSWORD)")
    if "DatabaseNotFound" in code or "does not exist" in str(exc):
        return DatabaseError(f"database '{database}' does not exist on {uri} (NEO4J_DATABASE)")
    if isinstance(exc, (e.ServiceUnavailable, OSError)):
        return DatabaseError(f"cannot reach a Neo4j server at {uri}: is it running? "
                             "(start a local one with 'orgmodel db serve')")
    if isinstance(exc, (e.ConfigurationError, ValueError)):
        return _bad_address(uri)
    msg = getattr(exc, "message", None) or str(exc)
    return DatabaseError(f"the server at {uri} refused the request: {msg.splitlines()[0]}")


def _bad_address(uri) -> DatabaseError:
    return DatabaseError(f"'{uri}' is not a usable Neo4j address (use bolt://host:port "
                         "or neo4j://host:port)")


def connect(uri=None, user=None, password=None, database=None) -> Store:
    """Open a :class:`Store`; arguments default to ``NEO4J_URI``, ``NEO4J_USER``,
    ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``.

    Raises
    ------
    DatabaseError
        One clear sentence when the server is down, the password wrong or the
        database unknown.  The password never appears in it.
    """
    from neo4j import GraphDatabase
    from neo4j import exceptions as e

    uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
    user = user or os.environ.get("NEO4J_USER") or DEFAULT_USER
    password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
    database = database or os.environ.get("NEO4J_DATABASE") or None
    if uri.split("://", 1)[0] not in _SCHEMES:
        raise _bad_address(uri)
    if not password:
        raise DatabaseError("no password: set NEO4J_PASSWORD (or --password)")
    try:
        driver = GraphDatabase.driver(uri, auth=(user, password), connection_timeout=10)
    except (e.ConfigurationError, ValueError) as exc:
        raise _explain(exc, uri, user, database) from None
    store = Store(driver, database, uri, user)
    try:
        driver.verify_connectivity()
        store.run("RETURN 1 AS ok")
    except (e.Neo4jError, e.DriverError, OSError) as exc:
        driver.close()
        raise _explain(exc, uri, user, database) from None
    return store


def ensure_schema(store: Store):
    """Create the uniqueness constraints and indexes (idempotent)."""
    store.run(cypher("schema_organisation_constraint"))
    for label in NODE_KINDS:
        store.run(cypher("schema_uid_constraint", label=label))
        store.run(cypher("schema_org_index", label=label))
        store.run(cypher("schema_org_id_index", label=label))


def _value(v):
    # Neo4j properties are primitives or lists of them; tuples become lists.
    return list(v) if isinstance(v, tuple) else v


def _batches(rows, size):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _rows(org: OrgModel):
    """The node rows per label and edge rows per (type, from label, to label) of a push."""
    name = org.name
    nodes_by_label, edges_by_key = {}, {}
    for seq, (n, d) in enumerate(org.graph.nodes(data=True)):
        props = {k: _value(v) for k, v in d.items() if k != "kind"}
        props.update(org=name, id=n, uid=f"{name}:{n}", seq=seq)
        nodes_by_label.setdefault(d["kind"], []).append(
            {"org": name, "id": n, "props": props})
    kinds = dict(org.graph.nodes(data="kind"))
    for seq, (u, v, d) in enumerate(org.graph.edges(data=True)):
        props = {k: _value(x) for k, x in d.items() if k != "kind"}
        props.update(org=name, uid=f"{name}:e{seq}", seq=seq)
        edges_by_key.setdefault((d["kind"], kinds[u], kinds[v]), []).append(
            {"src": f"{name}:{u}", "dst": f"{name}:{v}", "uid": props["uid"], "props": props})
    return nodes_by_label, edges_by_key


def push(store: Store, org: OrgModel, batch_size: int = 1000, progress=None) -> dict:
    """Write ``org`` to the database, replacing an earlier push of the same name.

    Idempotent and all-or-nothing: everything happens in one transaction, so a
    failure in any batch leaves the database as it was before the push.

    Parameters
    ----------
    batch_size : int
        Rows per ``UNWIND`` statement.
    progress : callable, optional
        Called as ``progress(rows_done, rows_total)`` after each batch.

    Returns
    -------
    dict
        ``{"organisation", "nodes", "edges"}`` written.
    """
    from neo4j import exceptions as e

    if not org.name:
        raise OrgModelError("the model has no name: set 'name' in org.yaml")
    problems = validate_graph(org)
    if problems:
        raise ValidationError(problems, where=f"{org.name} (not pushed)")
    name = org.name
    nodes_by_label, edges_by_key = _rows(org)
    total = org.graph.number_of_nodes() + org.graph.number_of_edges()
    done = 0
    size = batch_size
    try:
        ensure_schema(store)
        with store.driver.session(database=store.database) as session:
            tx = session.begin_transaction()
            try:
                for label in NODE_KINDS:
                    tx.run(cypher("delete_nodes", label=label), org=name).consume()
                tx.run(cypher("delete_organisation"), org=name).consume()
                for label, rows in nodes_by_label.items():
                    q = cypher("merge_nodes", label=label)
                    for batch in _batches(rows, size):
                        tx.run(q, rows=batch).consume()
                        done += len(batch)
                        if progress:
                            progress(done, total)
                for (kind, src, dst), rows in edges_by_key.items():
                    q = cypher("merge_edges", type=kind, src=src, dst=dst)
                    for batch in _batches(rows, size):
                        tx.run(q, rows=batch).consume()
                        done += len(batch)
                        if progress:
                            progress(done, total)
                tx.run(cypher("merge_organisation"), org=name,
                       manifest=json.dumps(org.manifest, ensure_ascii=False, default=str),
                       pushed_at=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
                       nodes=org.graph.number_of_nodes(),
                       edges=org.graph.number_of_edges()).consume()
                tx.commit()
            except BaseException:
                if tx.closed() is False:
                    tx.rollback()
                raise
    except (e.Neo4jError, e.DriverError) as exc:
        raise DatabaseError(f"push of {name} failed and was rolled back, the database is "
                            f"unchanged: {getattr(exc, 'message', None) or exc}") from None
    return {"organisation": name, "nodes": org.graph.number_of_nodes(),
            "edges": org.graph.number_of_edges()}


def organisations(store: Store) -> pd.DataFrame:
    """The organisations stored in the database."""
    return pd.DataFrame(store.run(cypher("organisations")),
                        columns=["name", "nodes", "edges", "pushed_at"])


def _manifest(store: Store, name) -> dict | None:
    """The org.yaml of a pushed organisation, or None when there is none by that name."""
    found = store.run(cypher("read_organisation"), org=name)
    return json.loads(found[0]["manifest"] or "{}") if found else None


def pull_model(store: Store, name: str) -> OrgModel:
    """Read organisation ``name`` back from the database as an :class:`OrgModel`."""
    manifest = _manifest(store, name)
    if manifest is None:
        known = ", ".join(organisations(store)["name"]) or "none"
        raise OrgModelError(f"no organisation named '{name}' in the database "
                            f"(stored: {known})")
    nodes = []
    for label in NODE_KINDS:
        for rec in store.run(cypher("read_nodes", label=label), org=name):
            p = rec["props"]
            nodes.append((p.get("seq", 0), p["id"], label,
                          {k: v for k, v in p.items() if k not in _RESERVED}))
    edges = []
    for kind, spec in EDGE_KINDS.items():
        for src in sorted(spec.sources):
            for rec in store.run(cypher("read_edges", type=kind, src=src), org=name):
                p = rec["props"]
                edges.append((p.get("seq", 0), rec["src"], rec["dst"], kind,
                              {k: v for k, v in p.items() if k not in ("org", "uid", "seq")}))
    g = nx.MultiDiGraph()
    for _, nid, label, attrs in sorted(nodes, key=lambda t: t[0]):
        g.add_node(nid, **_node_attrs(label, attrs))
    for _, u, v, kind, attrs in sorted(edges, key=lambda t: t[0]):
        g.add_edge(u, v, kind=kind, **attrs)
    return OrgModel(g, manifest)


def _node_attrs(label, attrs):
    # Keep the attribute order of a freshly loaded model: kind, name, source first.
    out = {"kind": label}
    for k in ("name", "source"):
        if k in attrs:
            out[k] = attrs[k]
    out.update((k, v) for k, v in attrs.items() if k not in out)
    return out


def pull(store: Store, name: str, out_dir) -> Path:
    """Rebuild the data folder of organisation ``name`` in ``out_dir``."""
    from .write import save
    return save(pull_model(store, name), out_dir)


def run_query(store: Store, name: str, **params) -> pd.DataFrame:
    """Run a read or analysis query of ``cypher/`` by name.

    Parameters default so that ``escalation`` runs with the organisation's own
    policy when only ``org`` is given.
    """
    if name not in QUERIES:
        raise OrgModelError(f"'{name}' is not a query that can be run here; choose one of: "
                            f"{', '.join(QUERIES)}")
    if name == "escalation":
        params.setdefault("role", None)
        if "forbidden" not in params or "ends_at" not in params:
            esc = (_manifest(store, params.get("org")) or {}).get("escalation") or {}
            params.setdefault("forbidden", list(esc.get("forbidden_spheres") or []))
            params.setdefault("ends_at", list(esc.get("ends_at") or []))
    from neo4j import exceptions as e
    try:
        return pd.DataFrame(store.run(cypher(name), **params))
    except (e.Neo4jError, e.DriverError) as exc:   # one line, not a driver traceback
        raise _explain(exc, store.uri, store.user, store.database) from None
