"""From text tables (as a folder's CSVs hold them) to a validated model, for
every reader: the same validation as a folder, with problems naming the
reader's own file, sheet or line."""
from __future__ import annotations

import io
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import pandas as pd

from .._staging import clean_stale, no_space, temp_file
from ..errors import Problem, ValidationError
from ..model import OrgModel, from_tables
from ..read import NODES, RawOrg
from ..validate import nodes_named, validate_tables
from ..write import usual_mode

__all__ = ["model_from_tables", "check_tables", "atomic_write", "table", "slug", "cited_file"]


def table(rows: list, first=("id", "kind", "name"), start: int = 2) -> pd.DataFrame:
    """Rows of text cells (dicts) as a table indexed by row number."""
    cols = list(first) + sorted({k for r in rows for k in r} - set(first))
    # column by column: one list per column is several times cheaper than a
    # dict per row at hundreds of thousands of rows
    data = {c: ["" if (v := r.get(c)) is None else v if isinstance(v, str) else str(v)
                for r in rows] for c in cols}
    return pd.DataFrame(data, columns=cols, dtype=object,
                        index=range(start, start + len(rows)))


def check_tables(manifest: dict, nodes: pd.DataFrame, edges: pd.DataFrame, where: str,
                 labels: dict | None = None, problems=()) -> RawOrg:
    """Validate the tables as a folder's; the checked :class:`RawOrg`.

    ``labels`` renames the files in problems (``{"nodes.csv": "model.xlsx,
    sheet nodes"}``); ``problems`` found while reading come first.

    Raises
    ------
    ValidationError
        With every problem, the reader's own first.
    """
    raw = RawOrg(path=Path(where), manifest=manifest or {}, nodes=nodes, edges=edges)
    found = list(problems) + validate_tables(raw)
    if found:
        labels = labels or {}
        # (a message naming nodes.csv names the table the nodes came from)
        nodes = labels.get(NODES)
        found = [Problem(labels.get(p.file, p.file), p.row,
                         nodes_named(p.message, nodes) if nodes else p.message) for p in found]
        raise ValidationError(found, where=str(where))
    return raw


def model_from_tables(manifest: dict, nodes: pd.DataFrame, edges: pd.DataFrame, where: str,
                      labels: dict | None = None, problems=()) -> OrgModel:
    """Validate the tables as a folder's (:func:`check_tables`) and build the model."""
    raw = check_tables(manifest, nodes, edges, where, labels, problems)
    return from_tables(raw.manifest, raw.nodes, raw.edges)


def atomic_write(path, write):
    """Call ``write(tmp_path)`` and move the result to ``path`` only when it
    is complete, so a failure leaves no half-written file (or folder).

    ``path`` may also be an open file (binary, or text for a text format):
    the complete result is written into it, and it is returned.

    >>> import io
    >>> buf = io.BytesIO()
    >>> atomic_write(buf, lambda tmp: tmp.write_text("done")) is buf, buf.getvalue()
    (True, b'done')
    """
    if hasattr(path, "write"):
        return _into_file(path, write)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(path.parent)
    fd, tmp = temp_file(path.parent, path.name)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, usual_mode())
        os.replace(tmp, path)
    except OSError as exc:
        full = no_space(exc, path, tmp=tmp)
        tmp.unlink(missing_ok=True)
        raise full from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _into_file(file, write):
    # (the writers write to a path: the whole result is made in a temporary
    # folder first, so nothing reaches the file unless it is complete)
    suffix = Path(str(getattr(file, "name", ""))).suffix
    with tempfile.TemporaryDirectory(prefix="orgmodel-") as tmp_dir:
        tmp = Path(tmp_dir) / f"out{suffix}"
        write(tmp)
        data = tmp.read_bytes()
    if isinstance(file, io.TextIOBase):
        file.write(data.decode("utf-8"))
    else:
        file.write(data)
    return file


def cited_file(label: str) -> dict:
    """A file as a source the rows cite by line, in both languages."""
    # (plain text in both languages: it is written into org.yaml)
    return {"en": f"{label} (rows cited by line)",
            "nl": f"{label} (regels geciteerd per regelnummer)"}


def slug(text: str) -> str:
    """An id made from a name, its letters kept without their accents
    (``Financiën`` → ``financien``, not ``financi-n``)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                     if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "-", folded).strip("-")[:60] or "x"
