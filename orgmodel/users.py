"""Accounts of the web app (``orgmodel serve``): a name, a role and a password
hash each, beside the model.

Roles: ``viewer`` reads; ``editor`` also keeps drafts and applies them;
``admin`` also sees the accounts.  Passwords are hashed with Argon2id
(argon2-cffi) and never stored, printed or logged.  After
:data:`MAX_FAILURES` failed logins in a row an account is locked for
:data:`LOCK_SECONDS`.

The accounts of a folder live in its ``.orgmodel-users.json`` (keep it out of
version control: ``.gitignore`` has it), written all or nothing; those of an
organisation in Neo4j in the database, beside it (:class:`DatabaseUsers`:
``AppUser`` nodes, hashes only).

Examples
--------
>>> book = Users(tmp_path / ".orgmodel-users.json")
>>> book.add("anna", "editor", "a long passphrase")        # (a new account)
False
>>> book.check("anna", "a long passphrase")["role"]
'editor'
>>> book.check("anna", "wrong") is None
True
>>> book.add("anna", "viewer", "another passphrase")       # (replaced)
True
>>> book.role("anna")
'viewer'
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from .errors import InputError
from .i18n import N_, Message

__all__ = ["Users", "DatabaseUsers", "stamp", "ROLES", "USERS_FILE", "MAX_FAILURES", "LOCK_SECONDS",
           "MIN_PASSWORD"]

#: The roles, each allowed what the ones before it are.
ROLES = (N_("viewer"), N_("editor"), N_("admin"))
USERS_FILE = ".orgmodel-users.json"
MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
MIN_PASSWORD = 10


def _hasher():
    from argon2 import PasswordHasher
    return PasswordHasher()


def stamp(entry: dict) -> str:
    """A short digest of an account's password hash and of how many times
    its sessions were ended (``ended``), which a session keeps: setting the
    password anew (``users add`` of the name, even with the same password,
    as the hash has a new salt) or logging out (:meth:`Users.end_sessions`)
    changes it, and ends every session opened before, a copy of its cookie
    included. It says nothing of the password (the hash it digests is salted
    Argon2id, and never leaves the accounts).

    >>> stamp({"hash": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"})
    '5498e196c95c0e46'
    >>> stamp({"hash": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "ended": 1})
    '948c72543f335eb7'
    """
    import hashlib
    text = entry["hash"] + (f"#{entry['ended']}" if entry.get("ended") else "")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Users:
    """The accounts kept in one file (read anew on every call: two servers or
    a server and the command line may share it)."""

    def __init__(self, path):
        self.path = Path(path)

    def _read(self) -> dict:
        if not self.path.is_file():
            return {}
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))["users"]
        except (ValueError, KeyError, TypeError):
            raise InputError(Message("{path}: not an accounts file orgmodel can read",
                                       path=self.path)) from None

    def _write(self, users: dict) -> None:
        from ._staging import replace_text
        replace_text(self.path, json.dumps({"users": users}, indent=1, sort_keys=True))
        self.path.chmod(0o600)

    def names(self) -> list:
        return sorted(self._read())

    def roles(self) -> dict:
        """``{name: role}`` of every account, in one read."""
        return {n: e["role"] for n, e in self._read().items()}

    def stamped(self) -> dict:
        """``{name: (role, stamp)}`` of every account, in one read: the stamp
        (:func:`stamp`) changes with the password, so a session that keeps
        it ends when the password is set anew."""
        return {n: (e["role"], stamp(e)) for n, e in self._read().items()}

    def __len__(self) -> int:
        return len(self._read())

    def role(self, name: str) -> str | None:
        return self.roles().get(name)

    def add(self, name: str, role: str, password: str) -> bool:
        """Add an account, or replace one of that name (its role and password
        set anew, a lock lifted); True when it replaced one."""
        name = (name or "").strip()
        # (a control character in a name would be shown escaped wherever the
        # name is, in the history and the log: no one typed it on purpose)
        if not name or len(name) > 64 or any(c.isspace() or not c.isprintable() for c in name):
            raise InputError(Message("a user name is 1 to 64 characters, no spaces or control "
                                     "characters"))
        if role not in ROLES:
            raise InputError(Message("no role '{role}': choose {roles}", role=role,
                                     roles=", ".join(ROLES)))
        if len(password) < MIN_PASSWORD:
            raise InputError(Message("a password has {n} characters or more", n=MIN_PASSWORD))
        if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in password):
            # (no one can type it at the login: a line end or a tab from a file)
            raise InputError(Message("a password has no control characters (a line end or a "
                                     "tab, from a file?): no one could type it at the login"))
        users = self._read()
        replaced = name in users
        users[name] = {"role": role, "hash": _hasher().hash(password), "failures": 0,
                       "locked_until": 0}
        self._write(users)
        return replaced

    def end_sessions(self, name: str) -> None:
        """End every session of ``name`` (the web app's logout): a session
        keeps the account's :func:`stamp`, which this changes."""
        users = self._read()
        if name in users:
            users[name]["ended"] = int(users[name].get("ended") or 0) + 1
            self._write(users)

    def remove(self, name: str) -> None:
        users = self._read()
        if users.pop(name, None) is None:
            raise InputError(Message("no user '{name}'", name=name))
        self._write(users)

    def check(self, name: str, password: str) -> dict | None:
        """The account when ``password`` is right and it is not locked, else None.

        Which of the two was wrong is never said; a failure counts towards
        the lock-out even for a locked account."""
        from argon2.exceptions import InvalidHashError, VerificationError
        users = self._read()
        entry = users.get(name)
        if entry is None:
            _hasher().hash(password)        # as long as a real check takes
            return None
        now = time.time()
        ok = False
        if entry.get("locked_until", 0) <= now:
            try:
                ok = _hasher().verify(entry["hash"], password)
            except (VerificationError, InvalidHashError):
                ok = False
        if ok:
            entry["failures"] = 0
        else:
            entry["failures"] = entry.get("failures", 0) + 1
            if entry["failures"] >= MAX_FAILURES:
                entry["locked_until"] = now + LOCK_SECONDS
                entry["failures"] = 0
        self._write(users)
        return {"name": name, "role": entry["role"], "stamp": stamp(entry)} if ok else None

    def locked(self, name: str) -> bool:
        entry = self._read().get(name) or {}
        return entry.get("locked_until", 0) > time.time()


class DatabaseUsers(Users):
    """The accounts of an organisation in Neo4j, kept in the database
    (connection settings as :func:`orgmodel.store.connect`)."""

    def __init__(self, org: str, **connection):
        self.org, self.connection = org, connection
        self.path = Path(f"neo4j:{org}")
        #: The open connection (its driver keeps a pool), made on first use.
        self.store = None

    def _store(self):
        from .store import connect
        if self.store is None:
            self.store = connect(**self.connection)
        return self.store

    def _read(self) -> dict:
        from .store import cypher
        rows = self._store().run(cypher("read_accounts"), org=self.org)
        return {r["name"]: {"role": r["role"], "hash": r["hash"],
                            "failures": r["failures"] or 0,
                            "locked_until": r["locked_until"] or 0,
                            "ended": r["ended"] or 0} for r in rows}

    def _write(self, users: dict) -> None:
        from .store import cypher
        rows = [{"name": n, "ended": 0, **e} for n, e in users.items()]
        store = self._store()
        with store.driver.session(database=store.database) as session:
            session.execute_write(lambda tx: tx.run(cypher("write_accounts"), org=self.org,
                                                    rows=rows).consume())
