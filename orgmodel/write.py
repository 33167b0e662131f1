"""Saving a model to the folder layout it was read from.

``load → save → load`` gives an equal model.  Files are written next to their
final place and moved in only when all three are complete, so an interrupted
save never leaves a folder half old and half new.
"""
from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import yaml

from ._staging import clean_stale, no_space, temp_file
from .escape import markdown_prose
from .notation import number_text
from .read import EDGES, MANIFEST, NODES
from .schema import EDGE_COLUMNS, NODE_COLUMNS

if TYPE_CHECKING:  # names in annotations only
    from ._types import PathLike
    from .model import OrgModel


__all__ = ["save", "write_tables", "to_tables", "tables_of", "format_fte", "usual_mode", "left_out_lines"]


def usual_mode(directory: bool = False) -> int:
    """The mode a new file (or folder) gets under the user's umask.

    ``tempfile`` makes private ones (0600, 0700); written data is meant to be
    shared like any other file.
    """
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


def format_fte(lo, hi) -> str:
    """``(2.0, 3.0)`` → ``'2-3'``; ``(1.0, 1.0)`` → ``'1'``."""
    if lo == hi:
        return number_text(lo)
    return f"{number_text(lo)}-{number_text(hi)}"


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return "" if value is None else str(value)


def _table(rows, first_cols) -> pd.DataFrame:
    """The text cells of ``rows`` (``(first cells, attributes)`` pairs) as a
    frame: ``first_cols`` in order, then every other attribute's column,
    sorted; a cell a row has no value for is empty."""
    cols: dict = {c: [] for c in first_cols}
    n = 0
    # (filled column by column in one pass: a frame from a list of dicts, or
    # a dict per row, took most of a 100,000-role model's validation)
    for head, d in rows:
        for k, v in (*head, *d.items()):
            if k == "fte_min":
                k, v = "fte", format_fte(v, d.get("fte_max", v))
            elif k == "fte_max":
                continue
            elif type(v) is not str:
                v = _cell(v)
            col = cols.get(k)
            if col is None:
                col = cols[k] = []
            col.extend([""] * (n - len(col)))
            if len(col) > n:        # (a second value of the row's: the later one)
                col[n] = v
            else:
                col.append(v)
        n += 1
    for col in cols.values():
        col.extend([""] * (n - len(col)))
    order = list(first_cols) + sorted(set(cols) - set(first_cols))
    return pd.DataFrame({c: cols[c] for c in order}, columns=order, index=range(2, n + 2))


def to_tables(org):
    """The manifest and the node and edge tables of ``org``, as text cells."""
    return tables_of(org.manifest, org.graph.nodes(data=True), org.graph.edges(data=True))


def tables_of(manifest: dict, nodes, edges):
    """:func:`to_tables` of a model given as rows (see
    :func:`orgmodel.versions.snapshot_of`)."""
    nodes = (((("id", n),), d) for n, d in nodes)
    edges = (((("from", u), ("to", v)), d) for u, v, d in edges)
    return (dict(manifest), _table(nodes, NODE_COLUMNS), _table(edges, EDGE_COLUMNS))


def save(org: OrgModel, path: PathLike, left_out: list | None = None,
         source: PathLike | None = None, lang: str | None = None) -> Path:
    """Write ``org`` as ``org.yaml``, ``nodes.csv`` and ``edges.csv`` in ``path``.

    ``left_out``: what the reader of ``source`` did not read (see
    :func:`orgmodel.formats.read_any`); when there is any, ``IMPORT.md``
    names each (see :func:`left_out_lines`, in ``lang``, by default the
    organisation's language) and ``org.yaml``'s ``import:`` names it.

    Examples
    --------
    >>> out = save(sample, tmp_path / "copy")
    >>> load(out) == sample
    True
    """
    from .i18n import translator
    manifest, nodes, edges = to_tables(org)
    lines = left_out_lines(source or path, left_out)
    if not lines:
        return write_tables(manifest, nodes, edges, path)
    manifest["import"] = {"log": "IMPORT.md", **manifest.get("import", {})}
    t = translator(lang or org.manifest.get("language") or "en", inert=markdown_prose)
    return write_tables(manifest, nodes, edges, path,
                        extra={"IMPORT.md": "\n".join(map(t, lines)) + "\n"})


def left_out_lines(source: PathLike, left_out: list | None) -> list:
    """``IMPORT.md`` of what a reader left out of ``source`` (``left_out``:
    :class:`~orgmodel.errors.Problem` s), as message lines: a heading, a
    blank line, the count, then one line each; none when nothing was.

    >>> from orgmodel.errors import Problem
    >>> [str(x) for x in left_out_lines("m.ttl", [Problem("m.ttl", None, "not read")])]
    ['# Import of m.ttl', '', '- Rows not used: 1:', '  - m.ttl: not read']
    """
    from .i18n import Message
    if not left_out:
        return []
    return [Message("# Import of {v}", v=Path(source).name), "",
            Message("- Rows not used: {v}", v=len(left_out)) + ":"] + [
        Message("  - {f}, row {r}: {why}", f=p.file, r=p.row, why=p.message) if p.row is not None
        else Message("  - {f}: {why}", f=p.file, why=p.message) for p in left_out]


#: What makes a cell need quotes: the separator, the quote, and a line break
#: of either kind (the csv module, with rows ending in "\n", leaves a lone
#: "\r" bare, and a reader then splits the row on it).
_SPECIAL = re.compile(r'[,"\r\n]')


def csv_text(frame: pd.DataFrame) -> str:
    r"""``frame`` as the text of a CSV file: a header, one line per row ending
    in ``"\n"``, a cell quoted when it holds a separator, a quote or any line
    break; an empty or missing cell written as nothing.

    >>> csv_text(pd.DataFrame({"id": ["a", "b"], "name": ["Team\rmanager", 'say "hi", ok']}))
    'id,name\na,"Team\rmanager"\nb,"say ""hi"", ok"\n'
    """
    lines = [",".join(map(_csv_cell, frame.columns))]
    # (column by column, as lists: iterating a frame's rows boxed each of a
    # 100,000-role model's 2.8 million cells, and quoting was looked for in
    # each; most columns need none, seen in one search of the whole column)
    columns = [_csv_cells(frame.iloc[:, i].tolist()) for i in range(frame.shape[1])]
    lines += [",".join(row) for row in zip(*columns)]
    return "\n".join(lines) + "\n"


def _csv_cell(value) -> str:
    """One cell of :func:`csv_text`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value)
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if _SPECIAL.search(text) else text


def _csv_cells(values: list) -> list:
    """A column's cells of :func:`csv_text`: the values themselves when they
    are all text that needs no quotes."""
    if all(type(v) is str for v in values) and not _SPECIAL.search("\x1f".join(values)):
        return values
    return [_csv_cell(v) for v in values]


def write_tables(manifest, nodes, edges, path, extra: dict | None = None) -> Path:
    """Write the three files from tables of text cells, all or nothing.

    With ``manifest=None`` the folder's ``org.yaml`` (and its comments) is
    left as it is.  ``extra``: more files (name -> text) that belong with
    the tables (an import's ``IMPORT.md``), written with them.
    """
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    clean_stale(path)
    mode = usual_mode()
    staged = []
    texts = [(NODES, csv_text(nodes)), (EDGES, csv_text(edges))]
    if manifest is not None:
        texts.insert(0, (MANIFEST, yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False)))
    texts += list((extra or {}).items())
    try:
        for name, text in texts:
            data = text.encode("utf-8")
            fd, tmp = temp_file(path, name)
            staged.append((tmp, path / name))
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
            except OSError as exc:
                raise no_space(exc, path / name, need=len(data)) from None
            os.chmod(tmp, mode)
        for tmp, final in staged:
            os.replace(tmp, final)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return path
