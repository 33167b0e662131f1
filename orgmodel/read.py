"""Reading an organisation folder: ``org.yaml``, ``nodes.csv``, ``edges.csv``.

This is the first stage of the pipeline (read → validate → model).  It only
turns files into tables and notes what it could not read; judging the content
is :mod:`orgmodel.validate`'s job.  Cells are read as text, through pandas,
so that an id such as ``007`` stays ``007`` and empty cells stay empty.
"""
from __future__ import annotations

import csv
from io import StringIO
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .errors import Problem

__all__ = ["RawOrg", "read_folder", "records", "MANIFEST", "NODES", "EDGES"]

MANIFEST = "org.yaml"
NODES = "nodes.csv"
EDGES = "edges.csv"


@dataclass
class RawOrg:
    """The unjudged contents of an organisation folder."""

    path: Path
    manifest: dict = field(default_factory=dict)
    nodes: pd.DataFrame = field(default_factory=pd.DataFrame)
    edges: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list = field(default_factory=list)


def _read_csv(path: Path, problems: list) -> pd.DataFrame:
    if not path.is_file():
        problems.append(Problem(path.name, None, "file is missing"))
        return pd.DataFrame()
    try:
        # utf-8-sig: a CSV saved by Excel starts with a byte-order mark, which
        # would otherwise end up in the first column's name.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(path.name, None, f"is not UTF-8 text ({exc.reason}); "
                                "save it as 'CSV UTF-8' from the spreadsheet"))
        return pd.DataFrame()
    if not text.strip():
        problems.append(Problem(path.name, None, "file is empty: it needs at least a header row"))
        return pd.DataFrame()
    # Count fields per line ourselves first: pandas reports a ragged row with
    # a message that does not say which spreadsheet row it was.
    header_len = None
    for lineno, fields in enumerate(csv.reader(text.splitlines()), start=1):
        if header_len is None:
            header_len = len(fields)
        elif fields and len(fields) != header_len:
            problems.append(Problem(path.name, lineno,
                                    f"has {len(fields)} cells but the header has {header_len}"))
    if any(p.file == path.name for p in problems):
        return pd.DataFrame()
    try:
        # object, not pandas' string dtype: plain Python strings iterate
        # several times faster, and a 100k-role folder is iterated twice.
        df = pd.read_csv(StringIO(text), dtype=object, keep_default_na=False,
                         skip_blank_lines=True)
    except (pd.errors.ParserError, ValueError) as exc:  # pragma: no cover - csv already checked
        problems.append(Problem(path.name, None, f"cannot be read as CSV: {exc}"))
        return pd.DataFrame()
    df.columns = [str(c).strip() for c in df.columns]
    for col in df.columns:
        df[col] = [v.strip() for v in df[col].tolist()]
    # The spreadsheet row of each record: header is row 1.
    df.index = range(2, len(df) + 2)
    return df


def records(df: pd.DataFrame):
    """``(row number, {column: cell})`` for every row, fast (no pandas boxing)."""
    cols = list(df.columns)
    return zip(df.index.tolist(), (dict(zip(cols, vals))
                                   for vals in zip(*(df[c].tolist() for c in cols))))


def read_folder(path) -> RawOrg:
    """Read the three files of an organisation folder, noting every problem.

    Parameters
    ----------
    path : str or Path
        The organisation folder.

    Returns
    -------
    RawOrg
        Tables and manifest as read; ``problems`` lists what could not be read.

    Examples
    --------
    >>> raw = read_folder(sample_dir)
    >>> list(raw.nodes.columns[:3]), raw.problems
    (['id', 'kind', 'name'], [])
    """
    path = Path(path)
    raw = RawOrg(path=path)
    if not path.is_dir():
        raw.problems.append(Problem(str(path), None, "is not a folder"))
        return raw
    mpath = path / MANIFEST
    if not mpath.is_file():
        raw.problems.append(Problem(MANIFEST, None, "file is missing"))
    else:
        try:
            data = yaml.safe_load(mpath.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            reason = getattr(exc, "problem", None) or str(exc)
            raw.problems.append(Problem(MANIFEST, line, f"is not valid YAML: {reason}"))
            data = {}
        except UnicodeDecodeError:
            raw.problems.append(Problem(MANIFEST, None, "is not UTF-8 text"))
            data = {}
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raw.problems.append(Problem(MANIFEST, None,
                                        "must be a set of 'key: value' settings"))
            data = {}
        raw.manifest = data
    raw.nodes = _read_csv(path / NODES, raw.problems)
    raw.edges = _read_csv(path / EDGES, raw.problems)
    return raw
