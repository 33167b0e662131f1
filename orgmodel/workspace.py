"""The model a team works on together: a folder, or an organisation in Neo4j,
with its versions, its history and conflict-checked changes.

A :class:`Workspace` gives the model as it is now (:meth:`current`) and at any
version (:meth:`at`), lists the history (:meth:`history`) and applies a
changed model made from an earlier version (:meth:`apply`): what changed
since that version is written, what others applied meanwhile is kept, and
when both changed the same node, edge or org.yaml it is refused
(:class:`~orgmodel.errors.ConflictError`), nothing written.

A folder keeps its history beside it in ``.orgmodel-history.json`` (each
version's change set, as :mod:`orgmodel.versions` makes them); version 0 is
the folder as it was before its first change through orgmodel.  Neo4j keeps
its own (:func:`orgmodel.store.log`).

Examples
--------
>>> import shutil
>>> folder = shutil.copytree(sample_dir, tmp_path / "org")
>>> ws = FolderWorkspace(folder)
>>> org, version = ws.current()
>>> org.graph.nodes["tm"]["name"] = "Team lead"
>>> ws.apply(org, version, user="anna", message="a better name")
1
>>> ws.history()[["version", "user", "message"]].to_dict("records")
[{'version': 1, 'user': 'anna', 'message': 'a better name'}]
>>> ws.at(0).graph.nodes["tm"]["name"]
'Team manager Finance'
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .errors import ConflictError, OrgModelError, ValidationError
from .i18n import Message
from .model import OrgModel
from .versions import apply as apply_changes
from .versions import both_changed, changes, conflicts, events, snapshot, to_model, undo

__all__ = ["Workspace", "FolderWorkspace", "Neo4jWorkspace", "HISTORY_FILE", "HISTORY_COLUMNS"]

HISTORY_FILE = ".orgmodel-history.json"
HISTORY_COLUMNS = ["version", "at", "user", "message", "added", "changed", "removed"]


def _counts(ops) -> dict:
    out = {"added": 0, "changed": 0, "removed": 0}
    for e in events(ops):
        if e["section"] != "manifest":
            out[e["status"]] += 1
    return out


def conflict_message(where: str, base: int, head: int, clash: list) -> Message:
    """The one sentence a refused change gets: where both sides changed."""
    return Message("{where}: refused, nothing written: the model moved from version {base} "
                   "(the one this change was made from) to {head}, and {places}",
                   where=where, base=str(base), head=str(head), places=both_changed(clash))


def _shared(org: OrgModel) -> OrgModel:
    """``org`` with an analysis context of its own kept open (its
    ``context``): the current model is shared and read-only, so what the
    analyses work out for it (route graphs, loads, findings) holds until it
    is read again, and every page and draft diff after the first reuses it."""
    from .model import Analysis
    org.context = Analysis(org.graph)
    return org


def _undone(snap, entries: list, version: int):
    """``snap`` with the change sets after ``version`` taken back, newest first."""
    for entry in reversed(entries):
        if entry["version"] > version:
            snap = undo(snap, entry["patch"])
    return snap


class Workspace:
    """What the web app serves: see the module's text."""

    name = ""

    def current(self) -> tuple:
        """``(model, version)`` as it is now."""
        raise NotImplementedError

    def title(self) -> str:
        """What a page's title names: the organisation."""
        return self.name

    def at(self, version: int) -> OrgModel:
        raise NotImplementedError

    def history(self) -> pd.DataFrame:
        raise NotImplementedError

    def apply(self, model: OrgModel, base: int, user: str, message: str = "") -> int:
        raise NotImplementedError


class FolderWorkspace(Workspace):
    """A data folder, with its history in ``.orgmodel-history.json``."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.name = str(self.folder)
        #: The model last read and the stamp of the files it was read from
        #: (their sizes and times): read again only when they changed.
        self.loaded: tuple | None = None

    def _stamp(self) -> tuple:
        stamps = []
        for name in ("org.yaml", "nodes.csv", "edges.csv", HISTORY_FILE):
            try:
                st = (self.folder / name).stat()
                stamps.append((name, st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                stamps.append((name, None, None))
        return tuple(stamps)

    def _entries(self) -> list:
        path = self.folder / HISTORY_FILE
        if not path.is_file():
            return []
        try:
            return json.loads(path.read_text(encoding="utf-8"))["versions"]
        except (ValueError, KeyError, TypeError):
            raise OrgModelError(Message("{path}: not a history orgmodel can read", path=path)) from None

    @contextmanager
    def _locked(self):
        """One change at a time (another server or process on the same folder waits)."""
        with open(self.folder / ".orgmodel-lock", "a") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def current(self) -> tuple:
        """``(model, version)``; the model is shared by the callers until the
        folder changes: treat it as read-only (:meth:`at` gives a copy)."""
        from .formats import read_any as load
        stamp = self._stamp()
        if self.loaded is None or self.loaded[0] != stamp:
            entries = self._entries()
            self.loaded = (stamp, _shared(load(self.folder)),
                           entries[-1]["version"] if entries else 0)
        return self.loaded[1], self.loaded[2]

    def title(self) -> str:
        """The organisation's name in the model last read (the folder's
        path before one is read): a browser's tab names the organisation,
        not where its files are."""
        return (self.loaded[1].name if self.loaded else "") or self.name

    def at(self, version: int) -> OrgModel:
        org, head = self.current()
        if not 0 <= version <= head:
            raise OrgModelError(Message("no version {version}: the versions are 0 to {head}",
                                        version=str(version), head=str(head)))
        # (a copy even of the current version: the caller may change it)
        return to_model(_undone(snapshot(org), self._entries(), version))

    def history(self) -> pd.DataFrame:
        rows = [{k: e.get(k) for k in HISTORY_COLUMNS} for e in reversed(self._entries())]
        return pd.DataFrame(rows, columns=HISTORY_COLUMNS)

    def apply(self, model: OrgModel, base: int, user: str, message: str = "") -> int:
        """Write ``model`` (made from version ``base``) as the next version."""
        from .formats import read_any
        from .revalidate import validate_graph
        from .write import to_tables, write_tables
        with self._locked():
            # (read anew under the lock: another process may have written, and
            # the model current() shares may have been changed by its caller)
            entries = self._entries()
            now, head = read_any(self.folder), (entries[-1]["version"] if entries else 0)
            if not 0 <= base <= head:
                raise OrgModelError(Message("no version {version}: the versions are 0 to {head}",
                                            version=str(base), head=str(head)))
            base_model = to_model(_undone(snapshot(now), entries, base))
            ours = changes(snapshot(base_model), snapshot(model))
            theirs = [op for e in entries if e["version"] > base for op in e["patch"]]
            clash = conflicts(ours, theirs)
            if clash:
                raise ConflictError(conflict_message(self.name, base, head, clash), clash)
            before = snapshot(now)
            after = apply_changes(before, ours)
            ops = changes(before, after)
            if not ops:
                return head
            merged = to_model(after)
            problems = validate_graph(merged)
            if problems:
                raise ValidationError(problems, where=f"{self.name} (nothing written)")
            version = head + 1
            entries.append({"version": version, "user": user, "message": message or "",
                            "at": dt.datetime.now(dt.timezone.utc).isoformat(
                                timespec="milliseconds"),
                            "base": base, **_counts(ops), "patch": ops})
            manifest, nodes, edges = to_tables(merged)
            # (the folder's own org.yaml, with its comments, stays unless it changed)
            keep_yaml = before.manifest == after.manifest
            write_tables(None if keep_yaml else manifest, nodes, edges, self.folder,
                         extra={HISTORY_FILE: json.dumps({"versions": entries},
                                                         ensure_ascii=False, default=str)})
            return version


class Neo4jWorkspace(Workspace):
    """An organisation in Neo4j (connection settings as :func:`orgmodel.store.connect`)."""

    def __init__(self, name: str, **connection):
        self.name, self.connection = name, connection
        #: The model last read and the push stamp it was read at: read again
        #: only when someone pushed since (one small query per call).
        self.loaded: tuple | None = None
        #: The open connection (its driver keeps a pool), made on first use.
        self.store = None

    def _store(self):
        from .store import connect
        if self.store is None:
            self.store = connect(**self.connection)
        return self.store

    def current(self) -> tuple:
        """``(model, version)``; shared by the callers until the next push:
        treat it as read-only (:meth:`at` gives a copy)."""
        from .store import cypher, pull_versioned
        store = self._store()
        found = store.run(cypher("read_organisation"), org=self.name)
        stamp = found[0]["push_id"] if found else None
        if self.loaded is None or stamp is None or self.loaded[0] != stamp:
            org, base = pull_versioned(store, self.name)
            self.loaded = (stamp, _shared(org), base.version if base else 0)
        return self.loaded[1], self.loaded[2]

    def at(self, version: int) -> OrgModel:
        from .store import pull_model
        return pull_model(self._store(), self.name, version=version)

    def history(self) -> pd.DataFrame:
        from .store import log
        return log(self._store(), self.name)[HISTORY_COLUMNS]

    def apply(self, model: OrgModel, base: int, user: str, message: str = "") -> int:
        from .store import Base, pull_versioned, push
        store = self._store()
        _, head = pull_versioned(store, self.name, version=base)
        res = push(store, model, base=Base(self.name, head.lineage, base, head.snapshot),
                   message=message, user=user)
        return res["version"]
