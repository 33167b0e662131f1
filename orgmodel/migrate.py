"""Migration of a version-1 organisation folder to the model v2 contract.

Version 1 said "assumed" by writing ``assumption`` in the ``source`` column;
version 2 grades every row in an ``evidence`` column (``stated``,
``inferred``, ``assumed``).  :func:`migrate` rewrites such rows as
``evidence: assumed`` with an empty source, keeping the note (a row without
one gets a note asking for the reason, since ``assumed`` needs one).  Rows
that cite a source are left *ungraded*: whether the passage states the fact
or only supports an inference is for a reader of the source to decide, not
for a program; ``summary`` counts them as ungraded until someone does.
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
    """Rewrite the tables of ``raw`` in place; ``{file: rows changed}``."""
    changed = {}
    for name, df in ((NODES, raw.nodes), (EDGES, raw.edges)):
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
        changed[name] = int(v1.sum())
    return changed


def migrate(path: PathLike, out: PathLike | None = None) -> dict:
    """Migrate the folder ``path`` (into ``out``, default in place).

    Returns ``{file: rows changed}``.  The result is validated before
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
