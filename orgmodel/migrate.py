"""Migration of version-1 and version-2 organisation folders to the model v3
contract.

Version 1 said "assumed" by writing ``assumption`` in the ``source`` column;
version 2 grades every row in an ``evidence`` column (``stated``,
``inferred``, ``assumed``).  :func:`migrate` rewrites such rows as
``evidence: assumed`` with an empty source, keeping the note (a row without
one gets a note asking for the reason, since ``assumed`` needs one).  Rows
that cite a source are left *ungraded*: whether the passage states the fact
or only supports an inference is for a reader of the source to decide, not
for a program; ``summary`` counts them as ungraded until someone does.

Version 2 had one kind, ``Role``, for posts and the roles they play; version
3 has ``Post`` and ``Role`` joined by ``PLAYS``.  A v2 ``Role`` is a post,
unless v2 made it a role: another role "held" it (``HOLDS`` from a Role to a
Role).  That node stays a ``Role`` and the edge becomes ``PLAYS``.  Nothing
else is guessed: a v2 role that nothing marks as a role stays a post, and a
reader who knows it is a role changes its kind and adds who plays it.  A
folder that has a ``Post`` or a ``PLAYS`` edge is v3 already, and its kinds
are left alone.

Examples
--------
>>> import pandas as pd
>>> from orgmodel.read import RawOrg
>>> nodes = pd.DataFrame({"id": ["gd", "ao"], "kind": ["Role", "Role"], "name": ["GD", "AO"]})
>>> edges = pd.DataFrame({"from": ["gd"], "to": ["ao"], "kind": ["HOLDS"]})
>>> raw = RawOrg(path=None, manifest={"name": "x"}, nodes=nodes, edges=edges)
>>> migrate_tables(raw)
{'posts': 1, 'plays': 1, 'assumed': 0}
>>> raw.nodes["kind"].tolist(), raw.edges["kind"].tolist()
(['Post', 'Role'], ['PLAYS'])
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ValidationError
from .read import EDGES, NODES, read_folder
from .validate import validate_tables
from .write import write_tables

if TYPE_CHECKING:  # names in annotations only
    from ._types import PathLike


__all__ = ["migrate", "migrate_tables"]

_ASK = "assumed in version 1 of this data: say why it is there"


def migrate_tables(raw) -> dict:
    """Rewrite the tables of ``raw`` in place.

    Returns how many rows changed: ``posts`` (v2 roles now posts), ``plays``
    (v2 HOLDS between roles now PLAYS) and ``assumed`` (v1 ``assumption``
    rows now graded ``assumed``).
    """
    changed = _roles_to_posts(raw)
    changed["assumed"] = 0
    for _name, df in ((NODES, raw.nodes), (EDGES, raw.edges)):
        if df is None or "source" not in df.columns:
            continue
        if "evidence" not in df.columns:
            df["evidence"] = ""
        if "note" not in df.columns:
            df["note"] = ""
        v1 = df["source"].str.strip().str.casefold() == "assumption"
        df.loc[v1, "evidence"] = "assumed"
        df.loc[v1, "source"] = ""
        df.loc[v1 & (df["note"] == ""), "note"] = _ASK
        changed["assumed"] += int(v1.sum())
    return changed


def _roles_to_posts(raw) -> dict:
    """Model v2 → v3: a Role becomes a Post unless a role 'holds' it; that
    HOLDS becomes PLAYS.  ``{"posts": n, "plays": n}``."""
    nodes, edges = raw.nodes, raw.edges
    if nodes is None or "kind" not in nodes.columns or _is_v3(nodes, edges):
        return {"posts": 0, "plays": 0}
    kind = dict(zip(nodes["id"], nodes["kind"]))
    plays = None
    if edges is not None and {"from", "to", "kind"} <= set(edges.columns):
        plays = (edges["kind"] == "HOLDS") & edges["from"].map(kind).eq("Role") \
            & edges["to"].map(kind).eq("Role")
    played = set(edges.loc[plays, "to"]) if plays is not None else set()
    posts = nodes["kind"].eq("Role") & ~nodes["id"].isin(played)
    nodes.loc[posts, "kind"] = "Post"
    if plays is not None:
        edges.loc[plays, "kind"] = "PLAYS"
    return {"posts": int(posts.sum()), "plays": 0 if plays is None else int(plays.sum())}


def _is_v3(nodes, edges) -> bool:
    """A folder with a Post or a PLAYS edge is v3 already: its roles are
    roles (migrating it again changes nothing)."""
    return bool(nodes["kind"].eq("Post").any()) or (
        edges is not None and "kind" in edges.columns and bool(edges["kind"].eq("PLAYS").any()))


def migrate(path: PathLike, out: PathLike | None = None) -> dict:
    """Migrate the folder ``path`` (into ``out``, default in place).

    Returns the rows changed (see :func:`migrate_tables`).  The result is validated before
    anything is written, so a folder is never left half migrated.

    Raises
    ------
    ValidationError
        When the migrated folder still breaks the contract (nothing written).
    """
    raw = read_folder(path)
    if raw.problems:
        raise ValidationError(raw.problems, where=str(path))
    changed = migrate_tables(raw)
    problems = validate_tables(raw)
    if problems:
        raise ValidationError(problems, where=str(path))
    if out is not None and Path(out) != Path(path):
        import shutil
        Path(out).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(path) / "org.yaml", Path(out) / "org.yaml")
    write_tables(None, raw.nodes, raw.edges, Path(out or path))
    return changed
