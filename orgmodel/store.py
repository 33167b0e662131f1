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
organisations live side by side, and :data:`LINE_ROUTES`, the route kinds
along which their one next step is their line (stored as no edge of its own).
A push runs in one managed transaction (the
driver retries it on transient errors such as a deadlock with another push):
it writes what changed since the version the model was pulled at in
``UNWIND $rows AS row ...`` batches, checks what it wrote (a first push counts
the whole organisation; a later one reads back each node and edge it added,
changed or removed), and commits only when that is right; any failure rolls
everything back.  Each push
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
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit, urlunsplit

import networkx as nx
import pandas as pd

from ._nx import node_attrs, successors, within
from ._perf import pausing_gc
from .errors import ConflictError, DatabaseError, OrgModelError, ValidationError
from .escape import redact
from .i18n import N_, Column, Listing, Message, Moment, count
from .model import OrgModel
from .notation import iso_date
from .read import RawOrg
from .revalidate import valid_after_change, validate_graph
from .schema import BOOKKEEPING, EDGE_KINDS, NODE_KINDS, RESERVED_EDGE_COLUMNS
from .validate import validate_tables
from .versions import (
    Snapshot,
    apply,
    both_changed,
    changes,
    conflicts,
    events,
    json_key,
    snapshot,
    snapshot_of,
    to_model,
    touched_by,
    undo,
)

if TYPE_CHECKING:  # names in annotations only
    from collections.abc import Callable

    from ._types import PathLike


__all__ = ["Store", "connect", "cypher", "push", "pull", "pull_model", "pull_versioned",
           "run_query", "organisations", "manifest_of", "log", "change_events", "Base", "BASE_FILE",
           "QUERIES", "DEFAULT_URI", "DEFAULT_USER"]

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
#: Queries ``orgmodel db query NAME`` may run: reads and analyses, never writes.
QUERIES = ("escalation", "escalation_route", "layering", "span", "partners", "organisations",
           "count_nodes")
_SLOTS = {"label": set(NODE_KINDS), "src": set(NODE_KINDS), "dst": set(NODE_KINDS),
          "type": set(EDGE_KINDS)}
_RESERVED = ("org", "uid", "seq", "id", "line_routes")
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
    return json_key(org, key)
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


def _explain(exc, uri, user, database, password: str = "") -> DatabaseError:
    err = _explain_raw(exc, uri, user, database)
    return DatabaseError(_redacted(err.args[0], os.environ.get("NEO4J_PASSWORD", ""), password))


def _redacted(message: Message, *secrets: str) -> Message:
    """``message`` with no password in its values (see :func:`redact`); its
    texts hold none, and it stays a message to show in the reader's language."""
    return Message(message.text, {k: redact(v, *secrets) if isinstance(v, str) else v
                                  for k, v in message.values.items()})


def _explain_raw(exc, uri, user, database) -> DatabaseError:
    from neo4j import exceptions as e
    code = getattr(exc, "code", "") or ""
    if isinstance(exc, e.AuthError) or "Unauthorized" in code or "Security" in code:
        return DatabaseError(Message("the server at {uri} refused user '{user}': wrong user name "
                                     "or password (NEO4J_USER / NEO4J_PASSWORD)",
                                     uri=uri, user=user))
    if "DatabaseNotFound" in code or "does not exist" in str(exc):
        return DatabaseError(Message("database '{database}' does not exist on {uri} "
                                     "(NEO4J_DATABASE)", database=database, uri=uri))
    if "handshake" in str(exc) or "deadline" in str(exc).lower():
        return DatabaseError(Message("something at {uri} accepted the connection but did not "
                                     "answer as a Neo4j (Bolt) server within {seconds} s: is the "
                                     "port right?", uri=uri, seconds=round(TIMEOUT)))
    if isinstance(exc, (e.ServiceUnavailable, OSError)) and _unknown_host(exc):
        return DatabaseError(Message("cannot reach a Neo4j server at {uri}: no machine of that "
                                     "name is known (is the name right, and is this machine "
                                     "on the network that knows it?)", uri=uri))
    if isinstance(exc, (e.ServiceUnavailable, OSError)):
        return DatabaseError(Message("cannot reach a Neo4j server at {uri}: is it running? "
                                     "(start a local one with 'orgmodel db serve')", uri=uri))
    if isinstance(exc, e.SessionExpired) or "timed out" in str(exc).lower() or \
            "timeout" in type(exc).__name__.lower():
        return DatabaseError(Message("the server at {uri} did not answer within {seconds} s: "
                                     "is it a Neo4j (Bolt) server, and is it busy?",
                                     uri=uri, seconds=round(TIMEOUT)))
    if isinstance(exc, (e.ConfigurationError, ValueError)):
        return _bad_address(uri)
    return DatabaseError(Message("the server at {uri} refused the request: {reason}",
                                 uri=uri, reason=_server_words(exc)))


def _unknown_host(exc) -> bool:
    """Whether the address's host name resolved to nothing (a typo, or a
    name only another network knows), not a server that is down."""
    import socket
    while exc is not None:
        if isinstance(exc, socket.gaierror) or "DNS resolve" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _server_words(exc) -> str:
    r"""What the server said of an error, in one line of its own words.

    ArcadeDB appends the query's text (and its comments) to its message:
    a message shown to the user names the cause, not orgmodel's Cypher.

    >>> _server_words(ValueError("Duplicated key [Twice] on 'Organisation' (// Sets the "
    ...                         "record\nMERGE (o:Organisation {name: $org})"))
    "Duplicated key [Twice] on 'Organisation'"
    >>> _server_words(ValueError("no route to bolt://db.example:7687\nmore"))
    'no route to bolt://db.example:7687'
    """
    text = str(getattr(exc, "message", None) or exc).strip()
    first = text.splitlines()[0] if text else ""
    return re.split(r"\s+\(?//", first, maxsplit=1)[0].strip()


def _bad_address(uri) -> DatabaseError:
    return DatabaseError(Message("'{uri}' is not a usable Neo4j address (use bolt://host:port "
                                 "or neo4j://host:port)", uri=redact(uri)))


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
        raise DatabaseError(Message("no password: set NEO4J_PASSWORD (or --password)"))
    try:
        # (notifications off: Neo4j warns of every relationship type a
        # model does not use yet, which says nothing to the user)
        driver = GraphDatabase.driver(uri, auth=(user, password),
                                      notifications_min_severity="OFF",
                                      connection_timeout=TIMEOUT,
                                      connection_acquisition_timeout=TIMEOUT,
                                      max_transaction_retry_time=TIMEOUT)
    except (e.ConfigurationError, ValueError) as exc:
        raise _explain(exc, uri, user, database, password) from None
    store = Store(driver, database, uri, user)
    try:
        driver.verify_connectivity()
        store.run("RETURN 1 AS ok")
    except (e.Neo4jError, e.DriverError, OSError) as exc:
        driver.close()
        raise _explain(exc, uri, user, database, password) from None
    return store


def ensure_schema(store: Store):
    """Create the uniqueness constraints and indexes the database lacks
    (idempotent)."""
    queries = [cypher("schema_organisation_constraint"), cypher("schema_change_set_index")]
    for label in NODE_KINDS:
        queries += [cypher(q, label=label) for q in
                    ("schema_uid_constraint", "schema_org_index", "schema_org_id_index")]
    there = _schema_names(store)
    # (one session for all: a schema command runs in a transaction of its own)
    with store.driver.session(database=store.database) as session:
        for query in queries:
            made = _SCHEMA_NAME.search(query)
            if made is None or made.groups() not in there:
                _schema_command(session, query)


#: The kind and name of the rule a schema command creates.
_SCHEMA_NAME = re.compile(r"CREATE (CONSTRAINT|INDEX) (\w+) IF NOT EXISTS")


def _schema_names(store: Store) -> set:
    """``{(CONSTRAINT|INDEX, name)}`` of the schema rules the database has;
    empty where it cannot say (ArcadeDB has no SHOW): every command is then
    run, as each makes its rule only if it is not there."""
    from neo4j import exceptions as e
    try:
        return {(kind, rec["name"]) for kind, query in (("CONSTRAINT", "schema_constraint_names"),
                                                        ("INDEX", "schema_index_names"))
                for rec in store.run(cypher(query))}
    except e.Neo4jError:
        return set()


def _schema_command(session, query: str, attempts: int = 5) -> None:
    """Run one schema command, again when the server refuses it for a while.
    Two first pushes into a fresh Neo4j create the same constraints at once:
    it ends one of them as a deadlock (a transient error, which the driver
    retries only in transactions it manages), or says that the other has
    just made it ("IF NOT EXISTS" looked before the other was done), which is
    what the command is for."""
    from neo4j import exceptions as e
    for attempt in range(attempts):
        try:
            session.run(query).consume()
            return
        except e.TransientError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1 * (attempt + 1))
        except e.ClientError as exc:
            if exc.code not in _MADE_MEANWHILE:
                raise
            return


#: What Neo4j says when a schema rule a command makes IF NOT EXISTS was made
#: by another transaction while it ran.
_MADE_MEANWHILE = frozenset({"Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
                             "Neo.ClientError.Schema.IndexAlreadyExists",
                             "Neo.ClientError.Schema.ConstraintAlreadyExists"})


def _batches(rows, size):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _by_labels(rows: list) -> dict:
    """Route rows grouped by the labels of their ends, each row without them."""
    out: dict = {}
    for row in rows:
        out.setdefault(row["labels"], []).append({k: v for k, v in row.items() if k != "labels"})
    return out


def _route_rows(org: OrgModel, near: set | None = None) -> dict:
    """``{route kind: [ESCALATES_TO rows]}``: the next steps and blocked
    candidates of every role a route starts from and of every body (what the
    stored route graph holds); with ``near``, of those among ``near`` only.
    A node whose one step is its line (see :data:`LINE_ROUTES`) has one row
    ``{"src", "line": True, "labels"}`` instead of its step."""
    from .escalation import RouteGraph, escalation_policy
    name, out = org.name, {}
    kind = node_attrs(org.graph)
    for via, route_kind in escalation_policy(org).routes.items():
        # (lazy: only the nodes asked about are worked out)
        rg = RouteGraph(org, via)
        starts = set(rg.starts())
        rule = _line_rule(route_kind)
        rows = out[via] = []
        for r in (sorted(near) if near is not None else kind):
            if r not in kind or not (r in starts or kind[r].get("kind") == "Body"):
                continue
            nxt, bad = rg.next(r), rg.blocked(r)
            if rule is not None and not bad and len(nxt) == 1 and _lined(org, r, nxt[0], rule):
                rows.append({"src": uid(name, r), "line": True, "labels": (kind[r]["kind"], "")})
                continue
            # (rank: the steps' order, which a read of one role's routes keeps)
            for blocked, steps in ((False, nxt), (True, bad)):
                for rank, s in enumerate(steps):
                    rows.append({"src": uid(name, r), "dst": uid(name, s.id), "via": s.via,
                                 "rule": str(s.rule), "blocked": blocked,
                                 "temporary": s.temporary, "rank": rank,
                                 "labels": (kind[r]["kind"], kind[s.id]["kind"])})
    return out


#: The node property that lists (as ``,line,commission,``) the route kinds
#: along which the node's one next step is its one line: the one REPORTS_TO
#: edge it has in the stored model, under the rule of the route kind's first
#: REPORTS_TO climb, not temporary, nothing blocked.  Such steps, 98 in 100 of
#: them at 100,000 roles, are not stored as ESCALATES_TO edges (a first push
#: wrote twice as many edges as the model holds); the queries follow that
#: REPORTS_TO edge instead.  Every other step is stored as it is derived.
LINE_ROUTES = "line_routes"


def _line_rule(kind) -> str | None:
    """The rule a line step of route kind ``kind`` names (its first
    REPORTS_TO climb's); None when no step of it can be a line step (a route
    kind whose name holds the separator is stored step by step)."""
    if "," in kind.name:
        return None
    return next((str(c.rule) for c in kind.climbs if c.edge == "REPORTS_TO"), None)


def _line_params(kind) -> dict:
    """The ``$line`` and ``$line_rule`` of the queries that walk route kind
    ``kind``'s steps (``$line`` null: no node is marked for it)."""
    rule = _line_rule(kind)
    return {"line": f",{kind.name}," if rule is not None else None, "line_rule": rule}


def _lined(org: OrgModel, r, step, rule: str) -> bool:
    """Whether ``step``, ``r``'s only one, is ``r``'s line: along its one
    REPORTS_TO edge in the stored model (every date's), under ``rule``."""
    if step.via != "REPORTS_TO" or step.temporary or str(step.rule) != rule:
        return False
    ups = [v for v, keyed in successors(org.graph)[r].items()
           for d in keyed.values() if d.get("kind") == "REPORTS_TO"]
    return ups == [step.id]


def _line_marks(rows_by_via: dict) -> dict:
    """``{uid: ",line,commission,"}``: the nodes whose steps along some route
    kinds are their line, from :func:`_route_rows`."""
    marks: dict = {}
    for via, rows in rows_by_via.items():
        for row in rows:
            if row.get("line"):
                marks.setdefault(row["src"], []).append(via)
    return {k: "," + ",".join(sorted(v)) + "," for k, v in marks.items()}


#: Node properties no route step reads: a step's rule names only roles and
#: the scopes roles are played in (see :func:`_route_inert`).
_ROUTE_INERT = BOOKKEEPING | {"name", "fte", "grade"}


def _scopes(org: OrgModel, ops: list) -> set:
    """The nodes some role is played in (a PLAYS edge's ``scope``), in
    ``org`` or before the change set ``ops``."""
    found = {x for _, _, d in org.edges("PLAYS") for x in (d.get("scope") or ())}
    for op in ops:
        if op["what"] == "edge" and op["before"] is not None and op["before"][0] == "PLAYS":
            found.update(op["before"][3].get("scope") or ())
    return found


def _route_inert(op: dict, scoped: set) -> bool:
    """Whether a node's change leaves every route step as it was: only
    :data:`_ROUTE_INERT` properties changed, of a node that is no role and no
    scope (whose names a step's rule says).  A rename of 1,000 posts made the
    push work out the steps of nearly every node (those within four edges)."""
    if op["what"] != "node" or op["before"] is None or op["after"] is None:
        return False
    (kind_a, a), (kind_b, b) = op["before"], op["after"]
    if kind_a != kind_b or kind_a == "Role" or op["key"] in scoped:
        return False
    return {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)} <= _ROUTE_INERT


def _reworked(after: OrgModel, ops: list) -> set | None:
    """The nodes whose route steps a change set ``ops`` may have changed: those
    near a change (None, every node, for a change to org.yaml, which holds the
    policy)."""
    if any(op["what"] == "manifest" for op in ops):
        return None
    scoped = _scopes(after, ops)
    keys = {op["key"] for op in ops if op["what"] == "node" and not _route_inert(op, scoped)}
    gone: dict = {}          # (the edges it removes: the previous model's too)
    for op in ops:
        if op["what"] == "edge":
            row = op["after"] or op["before"]
            keys.update((row[1], row[2]))
            if op["before"] is not None:
                gone.setdefault(op["before"][1], set()).add(op["before"][2])
                gone.setdefault(op["before"][2], set()).add(op["before"][1])
    from .escalation import ROUTE_REACH
    return within([after.graph], keys, ROUTE_REACH, gone)


def _stored_route_rows(tx, org: OrgModel, nodes) -> dict:
    """``{route kind: [rows]}``: the steps stored from ``nodes`` (of ``org``),
    as :func:`_route_rows` words them, each node's in the order it does."""
    kind, name = node_attrs(org.graph), org.name
    by_label: dict = {}
    for n in nodes:
        if n in kind:
            by_label.setdefault(kind[n]["kind"], []).append(uid(name, n))
    out: dict = {}
    for label, uids in by_label.items():
        for batch in _batches(sorted(uids), 20_000):
            for rec in tx.run(cypher("read_route_steps", src=label), uids=batch):
                out.setdefault(rec["route"], []).append(
                    {"src": rec["src"], "dst": rec["dst"], "via": rec["via"], "rule": rec["rule"],
                     "blocked": rec["blocked"], "temporary": rec["temporary"],
                     "rank": rec["rank"], "labels": (label, rec["dst_label"])})
            for rec in tx.run(cypher("read_line_routes", src=label), uids=batch):
                for via in filter(None, rec["routes"].split(",")):
                    out.setdefault(via, []).append({"src": rec["src"], "line": True,
                                                    "labels": (label, "")})
    for rows in out.values():
        rows.sort(key=lambda r: (r["src"], r.get("blocked", False), r.get("rank", 0)))
    return out


def _route_changes(tx, after: OrgModel, ops: list | None = None,
                   derived: dict | None = None) -> tuple:
    """``({route kind: (rows to write, {label: [uids whose steps go first]})},
    {label: [{"uid", "routes"}]})``: only the nodes whose next steps as
    ``after`` derives them differ from those stored (read in ``tx``, after the
    push's own writes), and the line marks (:data:`LINE_ROUTES`) that change
    with them; with the change set ``ops``, only the nodes near a change are
    worked out.  No ``ops``: nothing is stored yet (a first push), every step
    is new, and its nodes were written with their marks (``derived``: the
    steps, worked out before)."""
    near = None if ops is None else _reworked(after, ops)
    old = {} if ops is None else _stored_route_rows(
        tx, after, after.graph if near is None else near)
    new = derived if derived is not None else _route_rows(after, near)
    out, moved = {}, {}
    for via in old.keys() | new.keys():
        a, b = _by_src(old.get(via, [])), _by_src(new.get(via, []))
        stale = [k for k in a if a[k] != b.get(k)]
        fresh = [row for k in b if b[k] != a.get(k) for row in b[k]]
        drop: dict = {}
        for k in stale:
            drop.setdefault(a[k][0]["labels"][0], []).append(k)
        out[via] = ([row for row in fresh if not row.get("line")], drop)
        for k in set(stale) | {row["src"] for row in fresh}:
            moved[k] = (a.get(k) or b[k])[0]["labels"][0]
    marks: dict = {}
    if ops is not None:
        was, now = _line_marks(old), _line_marks(new)
        for key, label in moved.items():
            if was.get(key) != now.get(key):
                marks.setdefault(label, []).append({"uid": key, "routes": now.get(key)})
    return out, marks


def _by_src(rows) -> dict:
    group: dict = {}
    for row in rows:
        group.setdefault(row["src"], []).append(row)
    return group


@dataclass
class Base:
    """What a folder was pulled from: organisation, its lineage (the
    database's own id of it), version, and the snapshot read then."""

    organisation: str
    lineage: str
    version: int
    snapshot: Snapshot

    def to_text(self) -> str:
        return json.dumps({"organisation": self.organisation, "lineage": self.lineage,
                           "version": self.version, "snapshot": self.snapshot.to_json()},
                          ensure_ascii=False, default=str)

    @classmethod
    def read(cls, folder: PathLike) -> Base | None:
        """The base recorded in ``folder`` (``.orgmodel-base.json``), or None."""
        path = Path(folder) / BASE_FILE
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(data["organisation"], data["lineage"], int(data["version"]),
                       Snapshot.from_json(data["snapshot"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise OrgModelError(Message("{path}: not a record of a pull that orgmodel can "
                                        "read ({reason}); pull again, or push with --force",
                                        path=str(path), reason=str(exc))) from None


#: The file in a pulled folder that records what it was pulled from.
BASE_FILE = ".orgmodel-base.json"


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


def _status(op) -> str:
    return "added" if op["before"] is None else "removed" if op["after"] is None else "changed"


class _Writer:
    """The writes of one push inside its transaction: the change set ``ops``
    from ``before`` to ``after``, in batches."""

    def __init__(self, tx, name, before: Snapshot, after: Snapshot, batch_size, progress,
                 seq_next, marks: dict):
        self.tx, self.name, self.before, self.after = tx, name, before, after
        self.batch_size, self.progress, self.seq = batch_size, progress, seq_next
        self.marks = marks      # {uid: line marks} of the nodes it creates
        self.done = self.total = 0
        # (what the server says the model's writes created: a first push's check)
        self.created = {"nodes": 0, "edges": 0}

    def run(self, query, rows, key="rows", counted=True, **params):
        for batch in _batches(rows, self.batch_size):
            made = self.tx.run(query, **{key: batch}, **params).consume().counters
            if counted:
                self.created["nodes"] += made.nodes_created
                self.created["edges"] += made.relationships_created
                self.done += len(batch)
                if self.progress:
                    self.progress(self.done, self.total)

    def node_props(self, node_id, props, seq):
        key = uid(self.name, node_id)
        mark = self.marks.get(key) if seq is not None else None
        return {**props, "org": self.name, "id": node_id, "uid": key,
                **({"seq": seq} if seq is not None else {}),
                **({LINE_ROUTES: mark} if mark else {})}

    def edge_row(self, key, kind, u, v, props, seq=None):
        nth = _nth(key)
        props = {**props, **({"seq": seq} if seq is not None else {}),
                 **({"nth": nth} if nth else {})}
        return {"src": uid(self.name, u), "dst": uid(self.name, v), "uid": uid(self.name, key),
                "nth": nth, "props": props}

    def write(self, ops):
        """Deletes first (edges, then nodes), then changes, then additions.  An
        edge's key holds its ends and kind, so a changed edge kept them."""
        self.total = len(ops)
        nodes = [op for op in ops if op["what"] == "node"]
        edges = [op for op in ops if op["what"] == "edge"]
        relabelled = {op["key"] for op in nodes if op["before"] and op["after"]
                      and op["before"][0] != op["after"][0]}

        def touches_relabelled(row) -> bool:
            return row[1] in relabelled or row[2] in relabelled
        gone_edges = [op for op in edges if op["after"] is None]
        kept = [op for op in edges if op["before"] is not None and op["after"] is not None
                and not touches_relabelled(op["after"])]
        fresh = [op for op in edges if op["before"] is None
                 and not touches_relabelled(op["after"])]
        # A node that changes kind is written anew (its old one goes with its
        # edges), and every edge it has now with it.
        fresh += [{"what": "edge", "key": k, "before": None, "after": list(row)}
                  for k, row in self.after.edges.items() if touches_relabelled(row)]
        self._grouped_edges(gone_edges, "before", "delete_edges_by_uid", seq=False)
        by_label: dict = {}
        for op in nodes:
            if op["after"] is None or op["key"] in relabelled:
                by_label.setdefault(op["before"][0], []).append(uid(self.name, op["key"]))
        for label, uids in by_label.items():
            self.run(cypher("delete_nodes_by_uid", label=label), uids, key="uids")
        self._nodes([op for op in nodes if op["before"] is not None and op["after"] is not None
                     and op["key"] not in relabelled], "set_nodes", seq=False)
        self._nodes([op for op in nodes if op["before"] is None or op["key"] in relabelled],
                    "create_nodes", seq=True)
        self._grouped_edges(kept, "after", "set_edges", seq=False)
        self._grouped_edges(fresh, "after", "create_edges", seq=True)

    def _nodes(self, ops, query, seq):
        by_label: dict = {}
        for op in ops:
            label, props = op["after"]
            row_seq = self._next() if seq else None
            by_label.setdefault(label, []).append(
                {"org": self.name, "id": op["key"], "uid": uid(self.name, op["key"]),
                 "props": self.node_props(op["key"], props, row_seq)})
        for label, rows in by_label.items():
            self.run(cypher(query, label=label), rows)

    def _grouped_edges(self, ops, side, query, seq):
        groups: dict = {}
        for op in ops:
            kind, u, v, props = op[side]
            snap = self.after if side == "after" else self.before
            src, dst = snap.nodes[u][0], snap.nodes[v][0]
            groups.setdefault((kind, src, dst), []).append(
                self.edge_row(op["key"], kind, u, v, props, self._next() if seq else None))
        for (kind, src, dst), rows in groups.items():
            slots = {"type": kind, "src": src}
            if query == "create_edges":
                slots["dst"] = dst
            self.run(cypher(query, **slots), rows)

    def _next(self) -> int:
        self.seq += 1
        return self.seq - 1


def _nth(key: str) -> int:
    """An edge's place among the edges of its kind between the same two nodes:
    the last item of its key (``["a", "REPORTS_TO", "b", 0]``).  An edge is
    stored with its model's properties, ``seq`` and, when not 0, ``nth``: its
    start node, kind, end node and ``nth`` find it (its key's text on every
    edge, and ``org``, cost a first push of 100,000 roles 0.6 to 0.8 s)."""
    return int(key[key.rindex(",") + 1:-1])


def _read_snapshot(tx, name) -> Snapshot:
    """The organisation as the database holds it now (read in ``tx``)."""
    head, _, nodes, edges = _read_all(tx, name)
    manifest = json.loads(head["manifest"] or "{}") if head else {}
    return snapshot_of(manifest, *_rows_of(nodes, edges))


def _rows_of(nodes, edges) -> tuple[list, list]:
    """The rows read, in the model's order: ``(id, attributes)`` and ``(from,
    to, attributes)``, the attributes as a loaded model has them."""
    return ([(nid, _node_attrs(label, attrs))
             for _, nid, label, attrs in sorted(nodes, key=lambda row: row[0])],
            [(u, v, {"kind": kind, **attrs})
             for _, u, v, kind, attrs in sorted(edges, key=lambda row: row[0])])


def _model_from_rows(manifest, nodes, edges) -> OrgModel:
    g = nx.MultiDiGraph()
    # (the ..._from forms: a call with keywords per node and edge was a
    # second of a 100,000-role pull)
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return OrgModel(g, manifest)


def _conflict_message(name, base, head, clash) -> Message:
    return Message("push of {name} refused, nothing written: the shared model moved from "
                   "version {base} (the one you pulled) to {head}, and {places}. Pull the new "
                   "version (db pull --force), make your change there and push again; or push "
                   "--force to overwrite theirs", name=name, base=str(base), head=str(head),
                   places=both_changed(clash))


@pausing_gc
def push(store: Store, org: OrgModel, batch_size: int = 1000,
         progress: Callable | None = None, base: Base | None = None, force: bool = False,
         message: str | None = None, user: str | None = None, validated: bool = False) -> dict:
    """Write ``org`` to the database as a new version of the shared model.

    Only what changed is written: against ``base`` (the version the folder was
    pulled at, see :func:`pull`), with the changes others pushed since then
    kept; refused with :class:`ConflictError`, nothing written, when they
    changed the same node, edge or ``org.yaml``.  ``force`` writes ``org`` over
    whatever the database holds.  A first push creates the organisation.
    Everything happens in one transaction: a failure leaves the database as it
    was.  Python's cycle collector is paused while it runs, and put back as
    it was (see :mod:`orgmodel._perf`).  Every push that changes something adds a change set to the history
    (its version, the database user (or ``user``, who asked an app that
    pushes for them), the time, ``message``, the changes).

    ``org`` is validated first (refused with :class:`ValidationError`,
    nothing written), unless ``validated`` says that the caller has just
    done so and not changed it since (``db push``: the folder it reads is
    validated as it is read; validating again took 1 to 2.5 s at 100,000
    roles).  With a ``base`` (validated when it was pulled), the part of
    ``org`` near what changed since is validated, and the whole only when
    that part does not show it valid, or org.yaml changed (see
    :func:`orgmodel.revalidate.valid_after_change`).  Merged with changes
    others pushed, it is validated again always.

    Returns
    -------
    dict
        ``organisation``, ``nodes``, ``edges``, ``version``, ``mode``
        (created, changed, unchanged, replaced), ``added``, ``changed``,
        ``removed``, ``theirs`` (versions by others merged in), ``snapshot``
        (the model as now stored) and ``base`` (the :class:`Base` it is now).
    """
    from neo4j import exceptions as e

    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise OrgModelError(f"batch size must be a whole number of 1 or more, not {batch_size!r}")
    if not org.name:
        raise OrgModelError(Message("the model has no name: set 'name' in org.yaml"))
    run = _Push(store, org, base, force=force, message=message, user=user,
                batch_size=batch_size, progress=progress)
    run.validate(validated)
    try:
        ensure_schema(store)
        with store.driver.session(database=store.database) as session:
            # A managed transaction: the driver retries it on transient errors.
            session.execute_write(run.work)
    except e.ConstraintError as exc:
        raise DatabaseError(Message(
            "push of {name} was rolled back, the database is unchanged by it: a node it wrote "
            "clashed with one already there, usually another push of the same organisation "
            "running at the same time; push again ({reason})", name=org.name,
            reason=_server_words(exc))) from None
    except (e.Neo4jError, e.DriverError) as exc:
        raise DatabaseError(Message(
            "push of {name} failed and was rolled back, the database is unchanged: {reason}",
            name=org.name, reason=_server_words(exc))) from None
    return run.outcome()


class _Push:
    """One push of ``org`` (see :func:`push`): what it is based on, the
    transaction that merges, writes and records it (:meth:`work`, which the
    driver runs again whole on a transient error), and what it returns."""

    def __init__(self, store: Store, org: OrgModel, base: Base | None, *, force: bool,
                 message: str | None, user: str | None, batch_size: int,
                 progress: Callable | None):
        self.store, self.org, self.name = store, org, org.name
        self.force, self.message, self.user = force, message, user
        self.batch_size, self.progress = batch_size, progress
        self.ours_snap = snapshot(org)
        self.base = base if base is not None and base.organisation == org.name else None
        # (what changed since the base: what a push on it writes, and where a
        # problem can be, the base having been valid when it was read)
        self.ours = changes(self.base.snapshot, self.ours_snap) if self.base else None
        self.result: dict = {}

    def validate(self, validated: bool) -> None:
        """Refuse the model, nothing written, when it breaks the contract
        (near its change when it has a base; not at all when ``validated``)."""
        problems = [] if validated or _valid_change(self.org, self.ours) else \
            validate_graph(self.org)
        if problems:
            raise ValidationError(problems, where=f"{self.name} (not pushed)")

    def work(self, tx) -> None:
        """The transaction: lock the organisation, merge, write, record."""
        self.result.clear()
        push_id = uuid.uuid4().hex
        head = tx.run(cypher("lock_organisation"), org=self.name, push_id=push_id).single()
        before, mode, seq_next, theirs = self.start(tx, head)
        ours = self.ours or []          # (a push based on a version has them: "changed")
        after = apply(before, ours) if mode == "changed" else self.ours_snap
        # (with nothing of theirs, what changes is ours: not compared again)
        ops = ours if mode == "changed" and not theirs else changes(before, after)
        merged = self.merged(after, mode, theirs)
        counts = {s: sum(_status(op) == s for op in ops if op["what"] != "manifest")
                  for s in ("added", "changed", "removed")}
        version = head["version"]
        new_version = (version or 0) + (1 if ops or mode == "created" else 0)
        self.result.update(organisation=self.name, nodes=len(after.nodes),
                           edges=len(after.edges), version=new_version,
                           mode=mode if ops else "unchanged", snapshot=after, **counts)
        if not ops and mode != "created":
            return
        seq = self.write(tx, before, merged, ops, seq_next, after)
        self.record(tx, head, push_id, mode, after, ops, counts, new_version, seq)

    def start(self, tx, head) -> tuple:
        """``(before, mode, seq_next, theirs)``: what the database holds that
        this push starts from (nothing for a new organisation, all of it with
        ``force``, else the base with the changes others pushed since), and
        how; refused when it was not pulled from the database, or changed
        what others changed since."""
        name, version = self.name, head["version"]
        if head["new"]:                        # a new organisation
            return Snapshot(), "created", 0, []
        if version is None:                    # pushed by an orgmodel without history
            if not self.force:
                raise OrgModelError(Message("{name} in the database has no history yet "
                                            "(pushed by an earlier orgmodel): push --force once "
                                            "to start it", name=name))
            for label in NODE_KINDS:
                tx.run(cypher("delete_nodes", label=label), org=name).consume()
            return Snapshot(), "replaced", 0, []
        if self.force:
            return _read_snapshot(tx, name), "replaced", head["seq_next"], []
        base = self.base
        if base is None or base.lineage != head["lineage"]:
            raise OrgModelError(Message(
                "{name} is in the database at version {version}, and this model was not "
                "pulled from it: pull it (db pull), make your changes there and push them; "
                "or push --force to replace it", name=name, version=str(version)))
        theirs: list = []
        for rec in tx.run(cypher("read_change_sets"), org=name, since=base.version):
            theirs.extend(json.loads(rec["patch"] or "[]"))
            self.result.setdefault("theirs", []).append(rec["version"])
        clash = conflicts(self.ours or [], theirs)
        if clash:
            raise ConflictError(_conflict_message(name, base.version, version, clash), clash)
        return apply(base.snapshot, theirs), "changed", head["seq_next"], theirs

    def merged(self, after: Snapshot, mode: str, theirs: list) -> OrgModel:
        """The model this push stores: the one given, or, with changes others
        pushed merged in, the merge, validated again."""
        if mode != "changed" or not theirs:
            return self.org
        merged = to_model(after)
        found = validate_graph(merged)
        if found:
            raise ValidationError(found, where=f"{self.name}: your changes with those pushed "
                                  "since you pulled (nothing written)")
        return merged

    def write(self, tx, before: Snapshot, merged: OrgModel, ops: list, seq_next,
              after: Snapshot) -> int:
        """Write ``ops`` and the route steps they change; the next sequence
        number of what it created."""
        # (a first push writes each node with its line marks: its steps first)
        derived = _route_rows(merged) if not before.nodes else None
        writer = _Writer(tx, self.name, before, after, self.batch_size, self.progress,
                         seq_next or 0, _line_marks(derived) if derived else {})
        if not before.nodes:
            _check_none_there(tx, self.name)
        writer.write(ops)
        _check_written(tx, self.name, ops, before, after, writer.created)
        # (a first push has nothing stored to compare: every step is new)
        _write_routes(writer, merged, None if not before.nodes else ops, derived)
        return writer.seq

    def record(self, tx, head, push_id: str, mode: str, after: Snapshot, ops: list,
               counts: dict, new_version: int, seq: int) -> None:
        """The organisation's new version, and its change set in the history."""
        at, version = _now(), head["version"]
        lineage = head["lineage"] or uuid.uuid4().hex
        tx.run(cypher("set_organisation"), org=self.name,
               manifest=json.dumps(after.manifest, ensure_ascii=False, default=str),
               pushed_at=at, push_id=push_id, nodes=len(after.nodes), edges=len(after.edges),
               version=new_version, lineage=lineage, seq_next=seq).consume()
        # A first push keeps no copy of what it wrote: undoing it leaves nothing.
        keep = mode != "created" and version is not None
        base = self.base
        tx.run(cypher("create_change_set"), org=self.name, version=new_version,
               base=base.version if base and mode == "changed" else version,
               user=self.user or self.store.user,
               at=at, message=self.message, forced=mode == "replaced",
               events=json.dumps(events(ops) if keep else [], ensure_ascii=False, default=str),
               patch=json.dumps(ops if keep else [], ensure_ascii=False, default=str),
               **counts).consume()
        self.result["lineage"] = lineage

    def outcome(self) -> dict:
        """What :func:`push` returns, the indexes it outdated sampled again."""
        result = self.result
        if result.get("mode") != "unchanged":
            _resample(self.store)
        if "lineage" not in result and self.base is not None:
            result["lineage"] = self.base.lineage
        result["base"] = Base(self.name, result.get("lineage", ""), result["version"],
                              result["snapshot"])
        return result


def _valid_change(org: OrgModel, ours: list | None) -> bool:
    """Whether ``org`` is shown valid from its change set ``ours`` since the
    version it was pulled at (which was validated when read, and is the rest
    of ``org``): the part near the change validated, not the whole
    (:func:`orgmodel.revalidate.valid_after_change`; a push of 1% of 100,000
    roles validated the whole in 1.5 to 2 s).  A change to org.yaml, or none
    known, is not shown so: the whole is validated."""
    if ours is None or any(op["what"] == "manifest" for op in ours):
        return False
    return valid_after_change(org, *touched_by(ours))


def _write_routes(writer: _Writer, after: OrgModel, ops: list | None, derived) -> None:
    """Write the route steps and line marks that differ from those stored
    (see :func:`_route_changes`)."""
    steps, marks = _route_changes(writer.tx, after, ops, derived)
    for via, (fresh, drop) in steps.items():
        for label, uids in drop.items():
            writer.run(cypher("delete_route_edges", src=label), uids, key="uids",
                       counted=False, route=via)
        for (src, dst), group in _by_labels(fresh).items():
            writer.run(cypher("merge_route_edges", src=src, dst=dst), group, counted=False,
                       org=writer.name, route=via)
    for label, rows in marks.items():
        writer.run(cypher("set_line_routes", label=label), rows, counted=False)


def _resample(store: Store) -> None:
    """Have the indexes a push outdated sampled again (see the query's text):
    the queries after it are planned on what it wrote.  A server without the
    procedure (ArcadeDB) plans otherwise, and is left as it is."""
    from neo4j import exceptions as e
    try:
        store.run(cypher("resample_indexes"))
    except e.Neo4jError:
        pass


def _check_none_there(tx, name):
    """Before a first push (or one that replaces an organisation pushed
    without history) writes: nothing of ``name`` is in the database, so that
    what it creates is all the organisation holds."""
    for label in NODE_KINDS:
        rec = tx.run(cypher("count_label", label=label), org=name).single()
        if rec["nodes"]:
            raise DatabaseError(Message(
                "push of {name} refused, the database is unchanged by it: it holds {nodes} of "
                "{name} but no record of the organisation (written outside orgmodel?); remove "
                "them, or push under another name", name=name,
                nodes=count(rec["nodes"], N_("{n} {label} node"), N_("{n} {label} nodes"),
                            label=label)))


def _check_created(name, created: dict, n_nodes, n_edges):
    """A push into nothing (see :func:`_check_none_there`) created as many
    nodes and edges as the model holds, as the server counted its writes: a
    push that leaves other than the model holds must not land.  (Counting
    them again in the database took a first push of 100,000 roles 0.7 to 2 s.)"""
    if (created["nodes"], created["edges"]) != (n_nodes, n_edges):
        raise DatabaseError(Message(
            "push of {name} was rolled back, the database is unchanged by it: it wrote "
            "{nodes} nodes and {edges} edges where the model holds {n_nodes} and {n_edges}",
            name=name, nodes=created["nodes"], edges=created["edges"], n_nodes=n_nodes,
            n_edges=n_edges))


def _check_written(tx, name, ops, before: Snapshot, after: Snapshot, created: dict):
    """Read back what an incremental push wrote, before committing: every node
    and edge it added, changed or removed (and every edge of a node that
    changed kind, written anew) is there once, or not at all, as ``after``
    holds it.  The rest of the organisation it did not touch; counting all of
    it took a quarter of a 100,000-role push of 1%.  A push into nothing
    checks what the server says it ``created`` (see :func:`_check_created`)."""
    if not before.nodes:
        _check_created(name, created, len(after.nodes), len(after.edges))
        return
    nodes: dict = {}
    touched = set()
    for op in ops:
        if op["what"] != "node":
            continue
        key, old, new = op["key"], op["before"], op["after"]
        if new is not None:
            nodes.setdefault(new[0], []).append({"key": key, "uid": uid(name, key), "n": 1})
        if old is not None and (new is None or old[0] != new[0]):
            nodes.setdefault(old[0], []).append({"key": key, "uid": uid(name, key), "n": 0})
            touched.add(key)
    edges: dict = {}
    keys = {op["key"] for op in ops if op["what"] == "edge"}
    if touched:
        keys |= {k for k, row in after.edges.items() if row[1] in touched or row[2] in touched}
    for key in keys:
        row, n = (after.edges[key], 1) if key in after.edges else (before.edges[key], 0)
        snap = after if n else before
        edges.setdefault((row[0], snap.nodes[row[1]][0]), []).append(
            {"key": key, "uid": uid(name, key), "src": uid(name, row[1]),
             "dst": uid(name, row[2]), "nth": _nth(key), "n": n})
    wrong = [("node", rec) for label, rows in nodes.items()
             for rec in tx.run(cypher("check_nodes", label=label), rows=rows)]
    wrong += [("edge", rec) for (kind, src), rows in edges.items()
              for rec in tx.run(cypher("check_edges", type=kind, src=src), rows=rows)]
    if wrong:
        shown = "; ".join(f"{what} {rec['key']}: {rec['found']} where {rec['expected']} "
                          "belongs" for what, rec in wrong[:3])
        raise DatabaseError(Message(
            "push of {name} was rolled back, the database is unchanged by it: {n} of the nodes "
            "and edges it wrote are not as the model holds them ({shown}; is another push of "
            "the same organisation running? push again when it is done)", name=name,
            n=len(wrong), shown=shown))


def organisations(store: Store) -> pd.DataFrame:
    """The organisations stored in the database."""
    return pd.DataFrame(store.run(cypher("organisations")),
                        columns=["name", "version", "nodes", "edges", "pushed_at"])


def _manifest(store: Store, name) -> dict | None:
    """The org.yaml of a pushed organisation, or None when there is none by that name."""
    found = store.run(cypher("read_organisation"), org=name)
    return json.loads(found[0]["manifest"] or "{}") if found else None


def manifest_of(store: Store, name) -> dict:
    """The org.yaml of pushed organisation ``name``.

    Raises
    ------
    OrgModelError
        When there is none by that name (naming those there are).
    """
    manifest = _manifest(store, name)
    if manifest is None:
        raise _no_organisation(store, name)
    return manifest


def _no_organisation(store: Store, name) -> OrgModelError:
    known = ", ".join(organisations(store)["name"]) or Message("none")
    return OrgModelError(Message("no organisation named '{name}' in the database "
                                 "(stored: {known})", name=name, known=known))


class _Moved(Exception):
    """A read saw a record that another client was changing (tried again)."""


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
        for p in tx.run(cypher("read_nodes", label=label), org=name).single()["rows"]:
            if "id" not in p:     # deleted by another transaction while read
                raise _Moved
            nodes.append((p.get("seq", 0), p["id"], label,
                          {k: v for k, v in p.items() if k not in _RESERVED}))
    edges = []
    for src, types in _EDGE_TYPES_FROM.items():
        rows = tx.run(cypher("read_edges", src=src), org=name, types=types).single()["rows"]
        for frm, to, kind, p in rows:
            if frm is None or to is None:
                raise _Moved
            edges.append((p.get("seq", 0), frm, to, kind,
                          {k: x for k, x in p.items() if k not in RESERVED_EDGE_COLUMNS}))
    return before, stamp(), nodes, edges


#: ``{label: [edge types]}``: the types of the model's edges from nodes of
#: each label (a pull reads them per label, see read_edges.cypher); the
#: route steps a push adds (``ESCALATES_TO``) are no edge of the model.
_EDGE_TYPES_FROM = {src: sorted(k for k, spec in EDGE_KINDS.items() if src in spec.sources)
                    for src in sorted({s for spec in EDGE_KINDS.values() for s in spec.sources})}


def pull_model(store: Store, name: str, attempts: int = 3, version: int | None = None,
               at: str | None = None) -> OrgModel:
    """Read organisation ``name`` back from the database as an :class:`OrgModel`.

    Everything is read in one transaction, and the push stamp is compared
    before and after: when another client pushed the same organisation
    meanwhile, the read is tried again (``attempts`` times).  The model is
    validated before it is returned; Python's cycle collector is paused
    while it is read (see :mod:`orgmodel._perf`).  ``version`` (a number from
    :func:`log`) or ``at`` (an ISO date or time: the version that held then)
    reads an earlier version.

    Raises
    ------
    OrgModelError
        When there is no organisation by that name, or it kept changing.
    ValidationError
        When what the database holds breaks the graph contract.
    """
    return pull_versioned(store, name, attempts, version, at)[0]


def pull_versioned(store: Store, name: str, attempts: int = 3, version: int | None = None,
                   at: str | None = None) -> tuple:
    """``(model, Base)``: :func:`pull_model`, with what a later push needs to know
    of the version read."""
    return _read_model(store, name, attempts, version, at)


@pausing_gc
def _read_model(store, name, attempts, version, at, kept=None):
    """:func:`pull_versioned`; ``kept`` receives ``base`` and the ``tables``
    the model was validated on (what :func:`pull` writes)."""
    from neo4j import exceptions as e

    from ._progress import task
    with task(f"Reading {name} from the database", 3) as step:
        return _pull_model(store, name, attempts, e, step, version, at, kept)


#: How a server says that a record it was reading has gone: another client
#: deleted it meanwhile (ArcadeDB reads without a snapshot of its own).
_GONE = re.compile(r"Record #\d+:\d+ not found")


def _changed_under_read(exc) -> bool:
    """Whether a failed read failed because another client changed the data
    while it ran (then it is tried again, as when the push stamps differ)."""
    return isinstance(exc, _Moved) or any(
        _GONE.search(str(text or "")) for text in (getattr(exc, "message", None), exc))


def _read_versioned(tx, name, version, at):
    """The current model's rows and the change sets to undo to reach ``version``."""
    before, after, nodes, edges = _read_all(tx, name)
    if before is None:
        return before, after, nodes, edges, None, []
    head = before.get("version")
    if at is not None:
        found = tx.run(cypher("version_at"), org=name, at=at).single()
        version = found["version"] if found else None
        if version is None:
            raise OrgModelError(Message("{name} has no version from {at} or before (see db log)",
                                        name=name, at=Moment(str(at))))
    if version is not None and (head is None or not 1 <= version <= head):
        raise OrgModelError(Message("{name} has no version {version}: its versions are 1 to "
                                    "{head} (see db log)", name=name, version=str(version),
                                    head=str(head or 0)))
    undo_ops = []
    if version is not None and version < head:
        for rec in tx.run(cypher("read_change_sets"), org=name, since=version):
            undo_ops.append(json.loads(rec["patch"] or "[]"))
    return before, after, nodes, edges, version or head, undo_ops


def _pull_model(store, name, attempts, e, step, version=None, at=None, kept=None):
    for _ in range(max(1, attempts)):
        try:
            # (records in batches of 20,000: the driver's 1,000 cost a round
            # trip each, a second at 100,000 roles)
            with store.driver.session(database=store.database, fetch_size=20_000) as session:
                before, after, nodes, edges, read_version, undo_ops = session.execute_read(
                    _read_versioned, name, version, at)
        except (e.Neo4jError, e.DriverError, _Moved) as exc:
            if _changed_under_read(exc):
                continue
            raise _explain(exc, store.uri, store.user, store.database) from None
        if before is None:
            raise _no_organisation(store, name)
        if before == after and (len(nodes), len(edges)) == (before["nodes"], before["edges"]):
            break
    else:
        raise OrgModelError(Message("'{name}' kept changing while it was read (other "
                                    "clients are pushing it); try again when they are done",
                                    name=name))
    step("read")
    manifest = json.loads(before["manifest"] or "{}")
    rows = _rows_of(nodes, edges)
    snap = snapshot_of(manifest, *rows)
    for ops in reversed(undo_ops):
        snap = undo(snap, ops)
    org = None
    if undo_ops:
        org = to_model(snap)
        manifest = org.manifest
        rows = (list(org.graph.nodes(data=True)), list(org.graph.edges(data=True)))
    elif kept is None:      # (a pull into a folder writes the rows: it needs no graph)
        org = _model_from_rows(manifest, *rows)
    step("built")
    from .write import tables_of
    tables = tables_of(manifest, *rows)
    problems = validate_tables(RawOrg(path=None, manifest=tables[0], nodes=tables[1],
                                      edges=tables[2]))
    if problems:
        raise ValidationError(problems, where=f"{name} as read from the database (nothing "
                              "written)")
    step("validated")
    base = Base(name, before.get("lineage") or "", read_version or 0, snap) \
        if before.get("version") else None
    if kept is not None:       # (what pull writes: the tables validated here)
        kept.update(base=base, tables=tables)
    return org, base


def _node_attrs(label, attrs):
    # Keep the attribute order of a freshly loaded model: kind, name, source first.
    out = {"kind": label}
    for k in ("name", "source"):
        if k in attrs:
            out[k] = attrs[k]
    out.update((k, v) for k, v in attrs.items() if k not in out)
    return out


@pausing_gc
def pull(store: Store, name: str, out_dir: PathLike, version: int | None = None,
         at: str | None = None) -> Path:
    """Rebuild the data folder of organisation ``name`` in ``out_dir``, with a
    record of the version read (``.orgmodel-base.json``), so that a later
    :func:`push` of the folder writes only what changed and keeps what others
    pushed meanwhile.

    Nothing is written unless what was read validates.  Python's cycle
    collector is paused while it runs, and put back as it was (as for
    :func:`pull_model`; see :mod:`orgmodel._perf`).
    """
    from .write import write_tables
    kept: dict = {}
    _read_model(store, name, 3, version, at, kept)
    base = kept["base"]
    # (the tables the read was validated on are the ones written)
    manifest, nodes, edges = kept["tables"]
    path = write_tables(manifest, nodes, edges, out_dir,
                        extra={BASE_FILE: base.to_text()} if base else None)
    if base is None:    # (an organisation without history yet: no record of an old pull)
        (path / BASE_FILE).unlink(missing_ok=True)
    return path


def log(store: Store, name: str) -> pd.DataFrame:
    """The history of organisation ``name``: one row per push that changed it,
    newest first: ``version, at, user, message, added, changed, removed,
    forced``."""
    manifest_of(store, name)
    cols = ["version", "at", "user", "message", "added", "changed", "removed", "forced"]
    return pd.DataFrame(store.run(cypher("change_log"), org=name), columns=cols + ["base"])[cols]


def change_events(store: Store, name: str, version: int) -> pd.DataFrame:
    """The changes of one version of ``name``, as the diff's change events."""
    found = store.run(cypher("change_events"), org=name, version=version)
    if not found:
        raise OrgModelError(Message("{name} has no version {version} (see db log)",
                                    name=name, version=str(version)))
    rows = json.loads(found[0]["events"] or "[]")
    for row in rows:     # (stored as text: the diff's words again, for the reader's language)
        if str(row.get("detail", "")).startswith("changed: "):
            names = row["detail"][len("changed: "):].split(", ")
            row["detail"] = Message("changed: {what}", what=Listing(", ", map(Column, names)))
    return pd.DataFrame(rows, columns=["section", "key", "kind", "status", "detail"])


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
        raise OrgModelError(Message("'{name}' is not a query that can be run here; choose one "
                                    "of: {queries}", name=name, queries=", ".join(QUERIES)))
    takes = query_parameters(name)
    unknown = [k for k in params if k not in takes]
    if unknown:
        raise OrgModelError(Message("query '{name}' takes no parameter {unknown} (it takes: "
                                    "{takes})", name=name, unknown=", ".join(map(repr, unknown)),
                                    takes=", ".join(takes) or Message("none")))
    routes = name in ("escalation", "escalation_route")
    optional = {"role", "forbidden", "ends_at", "end_spheres", "date", "line"} if routes else \
        ({"org"} if name == "count_nodes" else {"date"} if name in ("span", "layering") else set())
    missing = [k for k in takes if k not in params and k not in optional]
    if missing:
        raise OrgModelError(Message("query '{name}' needs {params}", name=name,
                                    params=", ".join(f"--param {k}=..." for k in missing)))
    # (an organisation that is not there is an error, not an empty answer)
    manifest = manifest_of(store, params.get("org")) if "org" in takes and (
        name != "count_nodes" or params.get("org") is not None) else {}
    if "date" in params:
        # (a text that is not a date would be compared as text: a wrong answer in silence)
        params["date"] = None if params["date"] is None else iso_date(str(params["date"]).strip())
    elif name in ("span", "layering"):
        # the model's own date, as the library's analyses use it
        params["date"] = str(manifest["date"]) if manifest.get("date") else None
    if name == "count_nodes":
        params.setdefault("org", None)
    if routes:
        params.setdefault("role", None)
        if not {"forbidden", "ends_at", "end_spheres"} <= set(params) or \
                any(k in takes and k not in params for k in ("date", "line")):
            # The route kind's own settings, as the library reads them from org.yaml.
            from .escalation import escalation_policy
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
            if "line" in takes:
                params.setdefault("line", _line_params(kind)["line"])
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
