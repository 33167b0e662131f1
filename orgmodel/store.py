"""The Neo4j store: push a model to a database, pull it back, and run the
analysis queries of ``cypher/`` on it, through the official ``neo4j`` driver.

Every query lives in a ``.cypher`` file of the package (one query a file),
read once by :func:`cypher`.  Values always travel as ``$parameters``.  Labels
and relationship types cannot be parameters in Cypher, so a few files carry
``{label}``/``{type}`` slots, and :func:`cypher` fills them only with names
from :mod:`orgmodel.schema`'s vocabulary: nothing a user typed ever becomes
Cypher text.

Nodes carry ``org`` (the organisation's name), ``id`` and ``uid`` (the JSON
text of ``[org, id]``, unique per label: unambiguous whatever either holds), so
organisations live side by side.  A push runs in one managed transaction (the
driver retries it on transient errors such as a deadlock with another push):
it removes the organisation's earlier push, writes nodes and edges in
``UNWIND $rows AS row MERGE ...`` batches, counts what it wrote, and commits
only when the counts are right; any failure rolls everything back.  Each push
leaves a fresh ``push_id`` on the organisation's node; a pull reads in one
transaction and checks that stamp before and after, so it never mixes two
pushes, and it validates what it read before writing anything.

Passwords: a ``user:password@`` in the address is taken out before the driver
sees it, and no message ever holds it (:func:`orgmodel.escape.redact`).
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import uuid
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit, urlunsplit

import networkx as nx
import pandas as pd

from ._nx import node_attrs
from .errors import DatabaseError, OrgModelError, ValidationError
from .escape import redact
from .model import OrgModel
from .schema import EDGE_KINDS, NODE_KINDS
from .validate import validate_graph

if TYPE_CHECKING:  # names in annotations only
    from collections.abc import Callable

    from ._types import PathLike


__all__ = ["Store", "connect", "cypher", "push", "pull", "pull_model", "run_query",
           "organisations", "QUERIES", "DEFAULT_URI", "DEFAULT_USER"]

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
#: Queries ``orgmodel db query NAME`` may run: reads and analyses, never writes.
QUERIES = ("escalation", "escalation_route", "layering", "span", "partners", "organisations",
           "count_nodes")
_SLOTS = {"label": set(NODE_KINDS), "src": set(NODE_KINDS), "dst": set(NODE_KINDS),
          "type": set(EDGE_KINDS)}
_RESERVED = ("org", "uid", "seq", "id")
#: Seconds to wait for a server that accepts a connection but does not answer
#: (documented in the README), and to wait for a free connection.
TIMEOUT = 10.0


def uid(org: str, key: str) -> str:
    """The database-wide unique key of a node (or edge) of an organisation.

    Examples
    --------
    >>> uid("A", "b:c") == uid("A:b", "c")
    False
    """
    return json.dumps([org, key], ensure_ascii=False)
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
    >>> print(cypher("delete_nodes", label="Post").splitlines()[-2])
    MATCH (n:Post {org: $org})
    >>> cypher("delete_nodes", label="Post) DETACH DELETE (m")
    Traceback (most recent call last):
    ...
    orgmodel.errors.OrgModelError: 'Post) DETACH DELETE (m' is not a label of the schema
    """
    for slot, value in slots.items():
        if value not in _SLOTS.get(slot, ()):
            what = "relationship type" if slot == "type" else "label"
            raise OrgModelError(f"'{value}' is not a {what} of the schema")
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
    err = _explain_raw(exc, uri, user, database)
    return DatabaseError(redact(str(err), os.environ.get("NEO4J_PASSWORD", "")))


def _explain_raw(exc, uri, user, database) -> DatabaseError:
    from neo4j import exceptions as e
    code = getattr(exc, "code", "") or ""
    if isinstance(exc, e.AuthError) or "Unauthorized" in code or "Security" in code:
        return DatabaseError(f"the server at {uri} refused user '{user}': wrong user name "
                             "or password (NEO4J_USER / NEO4J_PASSWORD)")
    if "DatabaseNotFound" in code or "does not exist" in str(exc):
        return DatabaseError(f"database '{database}' does not exist on {uri} (NEO4J_DATABASE)")
    if "handshake" in str(exc) or "deadline" in str(exc).lower():
        return DatabaseError(f"something at {uri} accepted the connection but did not answer "
                             f"as a Neo4j (Bolt) server within {TIMEOUT:g} s: is the port right?")
    if isinstance(exc, (e.ServiceUnavailable, OSError)):
        return DatabaseError(f"cannot reach a Neo4j server at {uri}: is it running? "
                             "(start a local one with 'orgmodel db serve')")
    if isinstance(exc, e.SessionExpired) or "timed out" in str(exc).lower() or \
            "timeout" in type(exc).__name__.lower():
        return DatabaseError(f"the server at {uri} did not answer within {TIMEOUT:g} s: is it a "
                             "Neo4j (Bolt) server, and is it busy?")
    if isinstance(exc, (e.ConfigurationError, ValueError)):
        return _bad_address(uri)
    msg = getattr(exc, "message", None) or str(exc)
    return DatabaseError(f"the server at {uri} refused the request: {msg.splitlines()[0]}")


def _bad_address(uri) -> DatabaseError:
    return DatabaseError(f"'{redact(uri)}' is not a usable Neo4j address (use bolt://host:port "
                         "or neo4j://host:port)")


def _split_address(uri: str):
    """``(address without credentials, user, password)`` from a connection address.

    Examples
    --------
    >>> _split_address("bolt://neo4j:s%40cret@db:7687")
    ('bolt://db:7687', 'neo4j', 's@cret')
    >>> _split_address("neo4j://db")
    ('neo4j://db', None, None)
    >>> _split_address("bolt://root:p@ss:w0rd/Seg#ment@127.0.0.1:1")
    ('bolt://127.0.0.1:1', 'root', 'p@ss:w0rd/Seg#ment')
    """
    # The credentials are taken off first, up to the last "@" (a host has
    # none): a password may hold "@", "/" or "#" unencoded, which would
    # make the rest of the address (and any message quoting it) wrong.
    m = re.match(r"(?s)^([A-Za-z][A-Za-z0-9+.-]*://)(.*)@([^@]*)$", uri)
    user = password = None
    if m:
        scheme, creds, rest = m.groups()
        name, sep, secret = creds.partition(":")
        user, password = unquote(name) or None, unquote(secret) if sep else None
        uri = scheme + rest
    try:
        parts = urlsplit(uri)
        parts.port   # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise _bad_address(uri) from None
    return urlunsplit(parts), user, password


def connect(uri: str | None = None, user: str | None = None, password: str | None = None,
            database: str | None = None) -> Store:
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
    # Credentials written into the address are taken out here, so that the
    # address shown in messages, and handed to the driver, holds no secret.
    uri, uri_user, uri_password = _split_address(uri)
    user = user or uri_user or os.environ.get("NEO4J_USER") or DEFAULT_USER
    if password is None:
        password = uri_password if uri_password is not None else os.environ.get("NEO4J_PASSWORD")
    database = database or os.environ.get("NEO4J_DATABASE") or None
    if uri.split("://", 1)[0] not in _SCHEMES:
        raise _bad_address(uri)
    if not password:
        raise DatabaseError("no password: set NEO4J_PASSWORD (or --password)")
    try:
        driver = GraphDatabase.driver(uri, auth=(user, password),
                                      connection_timeout=TIMEOUT,
                                      connection_acquisition_timeout=TIMEOUT,
                                      max_transaction_retry_time=TIMEOUT)
    except (e.ConfigurationError, ValueError) as exc:
        raise DatabaseError(redact(str(_explain(exc, uri, user, database)), password)) from None
    store = Store(driver, database, uri, user)
    try:
        driver.verify_connectivity()
        store.run("RETURN 1 AS ok")
    except (e.Neo4jError, e.DriverError, OSError) as exc:
        driver.close()
        raise DatabaseError(redact(str(_explain(exc, uri, user, database)), password)) from None
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
        props.update(org=name, id=n, uid=uid(name, n), seq=seq)
        nodes_by_label.setdefault(d["kind"], []).append(
            {"org": name, "id": n, "props": props})
    kinds = dict(org.graph.nodes(data="kind"))
    for seq, (u, v, d) in enumerate(org.graph.edges(data=True)):
        props = {k: _value(x) for k, x in d.items() if k != "kind"}
        props.update(org=name, uid=uid(name, f"edge {seq}"), seq=seq)
        edges_by_key.setdefault((d["kind"], kinds[u], kinds[v]), []).append(
            {"src": uid(name, u), "dst": uid(name, v), "uid": props["uid"], "props": props})
    return nodes_by_label, edges_by_key


def _by_labels(rows: list) -> dict:
    """Route rows grouped by the labels of their ends, each row without them."""
    out: dict = {}
    for row in rows:
        out.setdefault(row["labels"], []).append({k: v for k, v in row.items() if k != "labels"})
    return out


def _route_rows(org: OrgModel) -> dict:
    """``{route kind: [ESCALATES_TO rows]}``: each role's next steps and blocked candidates."""
    from .escalation import escalation_policy, route_graph
    name, out = org.name, {}
    for via in escalation_policy(org).routes:
        rg = route_graph(org, via)
        rows = out[via] = []
        kind = node_attrs(org.graph)
        for r in rg._next:
            for s in rg.next(r):
                rows.append({"src": uid(name, r), "dst": uid(name, s.id), "via": s.via,
                             "rule": s.rule, "blocked": False,
                             "labels": (kind[r]["kind"], kind[s.id]["kind"])})
            for s in rg.blocked(r):
                rows.append({"src": uid(name, r), "dst": uid(name, s.id), "via": s.via,
                             "rule": s.rule, "blocked": True,
                             "labels": (kind[r]["kind"], kind[s.id]["kind"])})
    return out


def push(store: Store, org: OrgModel, batch_size: int = 1000, progress: Callable | None = None) -> dict:  # noqa: C901 - one write transaction whose steps share it and its counts
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

    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise OrgModelError(f"batch size must be a whole number of 1 or more, not {batch_size!r}")
    if not org.name:
        raise OrgModelError("the model has no name: set 'name' in org.yaml")
    problems = validate_graph(org)
    if problems:
        raise ValidationError(problems, where=f"{org.name} (not pushed)")
    name = org.name
    nodes_by_label, edges_by_key = _rows(org)
    # (grouped here, once: the transaction function below may run again
    # when the driver retries it, and must find its inputs as they were)
    route_groups = {route: _by_labels(rows) for route, rows in _route_rows(org).items()}
    n_nodes, n_edges = org.graph.number_of_nodes(), org.graph.number_of_edges()
    total = n_nodes + n_edges

    def work(tx):
        done = 0
        for label in NODE_KINDS:
            tx.run(cypher("delete_nodes", label=label), org=name).consume()
        tx.run(cypher("delete_organisation"), org=name).consume()
        for label, rows in nodes_by_label.items():
            q = cypher("merge_nodes", label=label)
            for batch in _batches(rows, batch_size):
                tx.run(q, rows=batch).consume()
                done += len(batch)
                if progress:
                    progress(done, total)
        for (kind, src, dst), rows in edges_by_key.items():
            q = cypher("merge_edges", type=kind, src=src, dst=dst)
            for batch in _batches(rows, batch_size):
                tx.run(q, rows=batch).consume()
                done += len(batch)
                if progress:
                    progress(done, total)
        # Count what is there now, before committing: a push that wrote less
        # than the model holds must not replace the earlier one.
        found = {"nodes": 0, "edges": 0}
        for label in NODE_KINDS:
            rec = tx.run(cypher("count_label", label=label), org=name).single()
            found["nodes"] += rec["nodes"]
            found["edges"] += rec["edges"]
        if (found["nodes"], found["edges"]) != (n_nodes, n_edges):
            raise DatabaseError(f"push of {name} was rolled back, the database is unchanged "
                                f"by it: it counted {found['nodes']} nodes and {found['edges']} "
                                f"edges where it wrote {n_nodes} and {n_edges} (is another push "
                                "of the same organisation running? push again when it is done)")
        # The route graph of every route kind, derived from the policy, for
        # the escalation_route query (written after the count: it is not model data).
        for route, by_labels in route_groups.items():
            for (src, dst), group in by_labels.items():
                q = cypher("merge_route_edges", src=src, dst=dst)
                for batch in _batches(group, batch_size):
                    tx.run(q, org=name, route=route, rows=batch).consume()
        tx.run(cypher("merge_organisation"), org=name,
               manifest=json.dumps(org.manifest, ensure_ascii=False, default=str),
               pushed_at=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
               push_id=uuid.uuid4().hex, nodes=n_nodes, edges=n_edges).consume()

    try:
        ensure_schema(store)
        with store.driver.session(database=store.database) as session:
            # A managed transaction: the driver retries it on transient errors.
            session.execute_write(work)
    except e.ConstraintError as exc:
        raise DatabaseError(f"push of {name} was rolled back, the database is unchanged by it: "
                            "a node it wrote clashed with one already there, usually another "
                            "push of the same organisation running at the same time; push "
                            f"again ({getattr(exc, 'message', None) or exc})") from None
    except (e.Neo4jError, e.DriverError) as exc:
        raise DatabaseError(f"push of {name} failed and was rolled back, the database is "
                            f"unchanged: {getattr(exc, 'message', None) or exc}") from None
    return {"organisation": name, "nodes": n_nodes, "edges": n_edges}


def organisations(store: Store) -> pd.DataFrame:
    """The organisations stored in the database."""
    return pd.DataFrame(store.run(cypher("organisations")),
                        columns=["name", "nodes", "edges", "pushed_at"])


def _manifest(store: Store, name) -> dict | None:
    """The org.yaml of a pushed organisation, or None when there is none by that name."""
    found = store.run(cypher("read_organisation"), org=name)
    return json.loads(found[0]["manifest"] or "{}") if found else None


def _read_all(tx, name):
    """Everything of organisation ``name``, read in transaction ``tx``."""
    def stamp():
        rec = tx.run(cypher("read_organisation"), org=name).single()
        return dict(rec) if rec else None

    before = stamp()
    if before is None:
        return None, None, None, None
    nodes = []
    for label in NODE_KINDS:
        for rec in tx.run(cypher("read_nodes", label=label), org=name):
            p = rec["props"]
            nodes.append((p.get("seq", 0), p["id"], label,
                          {k: v for k, v in p.items() if k not in _RESERVED}))
    edges = []
    for kind, spec in EDGE_KINDS.items():
        for src in sorted(spec.sources):
            for rec in tx.run(cypher("read_edges", type=kind, src=src), org=name):
                p = rec["props"]
                edges.append((p.get("seq", 0), rec["src"], rec["dst"], kind,
                              {k: v for k, v in p.items() if k not in ("org", "uid", "seq")}))
    return before, stamp(), nodes, edges


def pull_model(store: Store, name: str, attempts: int = 3) -> OrgModel:
    """Read organisation ``name`` back from the database as an :class:`OrgModel`.

    Everything is read in one transaction, and the push stamp is compared
    before and after: when another client pushed the same organisation
    meanwhile, the read is tried again (``attempts`` times).  The model is
    validated before it is returned.

    Raises
    ------
    OrgModelError
        When there is no organisation by that name, or it kept changing.
    ValidationError
        When what the database holds breaks the graph contract.
    """
    from neo4j import exceptions as e

    from ._progress import task
    with task(f"Reading {name} from the database", 3) as step:
        return _pull_model(store, name, attempts, e, step)


#: How a server says that a record it was reading has gone: another client
#: deleted it meanwhile (ArcadeDB reads without a snapshot of its own).
_GONE = re.compile(r"Record #\d+:\d+ not found")


def _changed_under_read(exc) -> bool:
    """Whether a failed read failed because another client changed the data
    while it ran (then it is tried again, as when the push stamps differ)."""
    return any(_GONE.search(str(text or "")) for text in (getattr(exc, "message", None), exc))


def _pull_model(store, name, attempts, e, step):
    for _ in range(max(1, attempts)):
        try:
            with store.driver.session(database=store.database) as session:
                before, after, nodes, edges = session.execute_read(_read_all, name)
        except (e.Neo4jError, e.DriverError) as exc:
            if _changed_under_read(exc):
                continue
            raise _explain(exc, store.uri, store.user, store.database) from None
        if before is None:
            known = ", ".join(organisations(store)["name"]) or "none"
            raise OrgModelError(f"no organisation named '{name}' in the database "
                                f"(stored: {known})")
        if before == after and (len(nodes), len(edges)) == (before["nodes"], before["edges"]):
            break
    else:
        raise OrgModelError(f"'{name}' kept changing while it was read (other clients are "
                            "pushing it); try again when they are done")
    step("read")
    manifest = json.loads(before["manifest"] or "{}")
    g = nx.MultiDiGraph()
    for _, nid, label, attrs in sorted(nodes, key=lambda row: row[0]):
        g.add_node(nid, **_node_attrs(label, attrs))
    for _, u, v, kind, attrs in sorted(edges, key=lambda row: row[0]):
        g.add_edge(u, v, kind=kind, **attrs)
    org = OrgModel(g, manifest)
    step("built")
    problems = validate_graph(org)
    if problems:
        raise ValidationError(problems, where=f"{name} as read from the database (nothing "
                              "written)")
    step("validated")
    return org


def _node_attrs(label, attrs):
    # Keep the attribute order of a freshly loaded model: kind, name, source first.
    out = {"kind": label}
    for k in ("name", "source"):
        if k in attrs:
            out[k] = attrs[k]
    out.update((k, v) for k, v in attrs.items() if k not in out)
    return out


def pull(store: Store, name: str, out_dir: PathLike) -> Path:
    """Rebuild the data folder of organisation ``name`` in ``out_dir``.

    Nothing is written unless what was read validates.
    """
    from .write import save
    return save(pull_model(store, name), out_dir)


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def query_parameters(name: str) -> list:
    """The ``$parameters`` query ``name`` takes, in order of first use.

    Examples
    --------
    >>> query_parameters("span")
    ['org', 'date']
    """
    text = "\n".join(line for line in _text(name).splitlines()
                     if not line.lstrip().startswith("//"))
    return list(dict.fromkeys(_PARAM.findall(text)))


def run_query(store: Store, name: str, **params) -> pd.DataFrame:
    """Run a read or analysis query of ``cypher/`` by name.

    Every parameter given must be one the query takes (a parameter it would
    ignore is an error, not a silently wrong answer).  ``escalation`` runs
    with the organisation's own policy when only ``org`` is given, and its
    ``role`` may be an id or a name, as in :meth:`OrgModel.find_role`.
    """
    if name not in QUERIES:
        raise OrgModelError(f"'{name}' is not a query that can be run here; choose one of: "
                            f"{', '.join(QUERIES)}")
    takes = query_parameters(name)
    unknown = [k for k in params if k not in takes]
    if unknown:
        raise OrgModelError(f"query '{name}' takes no parameter {', '.join(map(repr, unknown))} "
                            f"(it takes: {', '.join(takes) or 'none'})")
    routes = name in ("escalation", "escalation_route")
    if name in ("span", "layering") and "date" not in params:
        # the model's own date, as the library's analyses use it
        manifest = _manifest(store, params.get("org"))
        params["date"] = str(manifest["date"]) if manifest and manifest.get("date") else None
    optional = {"role", "forbidden", "ends_at", "end_spheres", "date"} if routes else \
        ({"org"} if name == "count_nodes" else set())
    missing = [k for k in takes if k not in params and k not in optional]
    if missing:
        raise OrgModelError(f"query '{name}' needs {', '.join(f'--param {k}=...' for k in missing)}")
    if name == "count_nodes":
        params.setdefault("org", None)
    if routes:
        params.setdefault("role", None)
        if not {"forbidden", "ends_at", "end_spheres"} <= set(params) or \
                ("date" in takes and "date" not in params):
            # The route kind's own settings, as the library reads them from org.yaml.
            from .escalation import escalation_policy
            manifest = _manifest(store, params.get("org"))
            if manifest is None:
                raise OrgModelError(f"there is no organisation '{params.get('org')}' in the "
                                    "database (see 'orgmodel db status')")
            policy = escalation_policy(OrgModel(nx.MultiDiGraph(), manifest))
            if "route" in params or "line" in policy.routes:
                kind = policy.route(params.get("route", "line"), params.get("org"))
            else:
                # the line query of an organisation whose policy has no line kind:
                # the policy's own defaults
                from .escalation import RouteKind
                kind = RouteKind("line", (), policy.forbidden_spheres, policy.ends_at)
            params.setdefault("forbidden", list(kind.forbidden_spheres))
            params.setdefault("ends_at", list(kind.ends_at))
            params.setdefault("end_spheres", list(kind.ends_in_spheres))
            if "date" in takes:
                # the model's own date, as the library's analyses use it
                params.setdefault("date", str(manifest["date"]) if manifest.get("date")
                                  else None)
        if params["role"] is not None:
            params["role"] = _find_role(store, params["org"], str(params["role"]))
    from neo4j import exceptions as e
    try:
        return pd.DataFrame(store.run(cypher(name), **params))
    except (e.Neo4jError, e.DriverError) as exc:   # one line, not a driver traceback
        raise _explain(exc, store.uri, store.user, store.database) from None


def _find_role(store: Store, org_name: str, query: str) -> str:
    """A role's id from its id or name, as the library matches them."""
    g = nx.MultiDiGraph()
    for rec in store.run(cypher("read_roles"), org=org_name):
        g.add_node(rec["id"], kind="Post", name=rec["name"] or rec["id"])
    return OrgModel(g, {"name": org_name}).find_role(query)
