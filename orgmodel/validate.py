"""Validation: does an organisation folder keep the graph contract?

Second stage of the pipeline.  :func:`validate_folder` reports *every*
problem at once, each with file, row and a plain message; nothing is built
from a folder that has any.  :func:`validate_graph` applies the same checks to
a graph built in code (a notebook, the database, the synthesiser), by writing
it out as the same tables first, so there is one set of rules, not two.
"""
from __future__ import annotations

import difflib
import re

import networkx as nx
import pandas as pd

from . import schema
from .errors import Problem
from .read import EDGES, MANIFEST, NODES, RawOrg, read_folder, records

__all__ = ["validate_folder", "validate_tables", "validate_graph", "parse_fte",
           "parse_bool", "parse_cell"]

_NUM = r"\d+(?:[.,]\d+)?"
_FTE = re.compile(rf"^\s*({_NUM})\s*(?:[-–]\s*({_NUM}))?\s*$")
_TRUE = {"true", "yes", "ja", "1", "y", "x"}
_FALSE = {"false", "no", "nee", "0", "n", ""}


def parse_fte(text: str):
    """Parse an FTE cell such as ``"2-3"``, ``"1"`` or ``"0,5"``.

    Returns
    -------
    tuple of float
        ``(fte_min, fte_max)``.

    Raises
    ------
    ValueError
        When the text is not a number or a range, or the range is inverted.

    Examples
    --------
    >>> parse_fte("2-3"), parse_fte("1"), parse_fte("0,5")
    ((2.0, 3.0), (1.0, 1.0), (0.5, 0.5))
    >>> parse_fte("3-2")
    Traceback (most recent call last):
    ...
    ValueError: FTE range '3-2' is inverted: the first number must be the smaller
    """
    m = _FTE.match(text)
    if not m:
        raise ValueError(f"FTE '{text}' is not a number or a range like '2-3'")
    lo = float(m.group(1).replace(",", "."))
    hi = float(m.group(2).replace(",", ".")) if m.group(2) else lo
    if hi < lo:
        raise ValueError(f"FTE range '{text}' is inverted: the first number must be the smaller")
    return lo, hi


def parse_bool(text: str) -> bool:
    t = text.strip().lower()
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    raise ValueError(f"'{text}' is not yes/no (use true or false)")


def parse_cell(column: str, text: str):
    """Convert one non-empty cell to the type its column holds."""
    if column in schema.BOOL_COLUMNS:
        return parse_bool(text)
    if column in schema.FLOAT_COLUMNS:
        try:
            return float(text.replace(",", "."))
        except ValueError:
            raise ValueError(f"{column} '{text}' is not a number") from None
    if column in schema.LIST_COLUMNS:
        return [p.strip() for p in text.split(";") if p.strip()]
    return text


def _closest(word, options):
    near = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean '{near[0]}'?)" if near else ""


def _check_columns(df, file, required, problems) -> bool:
    missing = [c for c in required if c not in df.columns]
    if missing:
        problems.append(Problem(file, 1, "missing required column"
                                f"{'s' if len(missing) > 1 else ''}: {', '.join(missing)}"))
    dupes = sorted({c for c in df.columns if list(df.columns).count(c) > 1})
    if dupes:
        problems.append(Problem(file, 1, f"column named twice: {', '.join(dupes)}"))
    return not missing and not dupes


def _check_attrs(row, rowno, file, choices, problems):
    for col, text in row.items():
        if not text or col in ("id", "kind", "name", "source", "from", "to"):
            continue
        if col in choices and text not in choices[col]:
            problems.append(Problem(file, rowno, f"{col} '{text}' is not one of: "
                                    f"{', '.join(choices[col])}{_closest(text, choices[col])}"))
        elif col == "fte":
            try:
                parse_fte(text)
            except ValueError as exc:
                problems.append(Problem(file, rowno, str(exc)))
        elif col == "criteria":
            for c in parse_cell(col, text):
                if c not in schema.CRITERIA:
                    problems.append(Problem(file, rowno, f"criterion '{c}' is not one of the 13 "
                                            f"D-FS-VI criteria{_closest(c, schema.CRITERIA)}"))
        else:
            try:
                parse_cell(col, text)
            except ValueError as exc:
                problems.append(Problem(file, rowno, str(exc)))


def _check_nodes(nodes: pd.DataFrame, problems) -> dict:
    kinds = {}
    if not _check_columns(nodes, NODES, ("id", "kind", "name"), problems):
        return kinds
    first_row = {}
    for rowno, row in records(nodes):
        nid, kind = row["id"], row["kind"]
        if not nid:
            problems.append(Problem(NODES, rowno, "id is empty"))
        elif nid in first_row:
            problems.append(Problem(NODES, rowno, f"id '{nid}' is used twice "
                                    f"(also on row {first_row[nid]})"))
        else:
            first_row[nid] = rowno
        if not row["name"]:
            problems.append(Problem(NODES, rowno, f"node '{nid}' has no name"))
        spec = schema.NODE_KINDS.get(kind)
        if spec is None:
            problems.append(Problem(NODES, rowno, f"unknown node kind '{kind}'; use one of "
                                    f"{', '.join(schema.NODE_KINDS)}"
                                    f"{_closest(kind, schema.NODE_KINDS)}"))
            continue
        if nid and nid not in kinds:
            kinds[nid] = kind
        for col in spec.required:
            if not row.get(col):
                problems.append(Problem(NODES, rowno, f"{kind} '{nid}' needs a {col}"))
        _check_attrs(row, rowno, NODES, spec.choices, problems)
    return kinds


def _check_edges(edges: pd.DataFrame, kinds: dict, problems):
    if not _check_columns(edges, EDGES, ("from", "to", "kind"), problems):
        return
    line, line_rows = [], {}
    for rowno, row in records(edges):
        src, dst, kind = row["from"], row["to"], row["kind"]
        spec = schema.EDGE_KINDS.get(kind)
        if spec is None:
            problems.append(Problem(EDGES, rowno, f"unknown edge kind '{kind}'; use one of "
                                    f"{', '.join(schema.EDGE_KINDS)}"
                                    f"{_closest(kind, schema.EDGE_KINDS)}"))
        for end, nid in (("from", src), ("to", dst)):
            if not nid:
                problems.append(Problem(EDGES, rowno, f"'{end}' is empty"))
            elif nid not in kinds:
                problems.append(Problem(EDGES, rowno, f"'{end}' names '{nid}', which is not a "
                                        f"node in nodes.csv{_closest(nid, kinds)}"))
        if src and src == dst:
            problems.append(Problem(EDGES, rowno, f"'{src}' is joined to itself"))
        if spec is None:
            continue
        if src in kinds and dst in kinds and not schema.allowed(kind, kinds[src], kinds[dst]):
            problems.append(Problem(EDGES, rowno, f"{kind} cannot join a {kinds[src]} to a "
                                    f"{kinds[dst]}: it joins {'/'.join(sorted(spec.sources))} "
                                    f"to {'/'.join(sorted(spec.targets))}"))
        _check_attrs(row, rowno, EDGES, spec.choices, problems)
        if kind == "REPORTS_TO" and src and dst and src != dst:
            line.append((src, dst))
            line_rows.setdefault((src, dst), rowno)
    line = nx.DiGraph(line)
    if nx.is_directed_acyclic_graph(line):   # the usual case: skip the slower search
        return
    for comp in nx.strongly_connected_components(line):
        if len(comp) > 1:
            cyc = nx.find_cycle(line.subgraph(comp))
            rowno = min(line_rows[u, v] for u, v in cyc)
            path = " → ".join([u for u, _ in cyc] + [cyc[0][0]])
            problems.append(Problem(EDGES, rowno, f"REPORTS_TO goes round in a circle: {path}"))


def _check_manifest(manifest: dict, kinds: dict, problems):
    def bad(msg):
        problems.append(Problem(MANIFEST, None, msg))

    if not isinstance(manifest.get("name"), str) or not manifest.get("name", "").strip():
        bad("needs a 'name' (the organisation's name)")
    rules = manifest.get("rules", [])
    if not isinstance(rules, list):
        bad("'rules' must be a list such as [R1, R2]")
    else:
        for r in rules:
            if r not in schema.RULES:
                bad(f"rule '{r}' is unknown; known rules: {', '.join(schema.RULES)}")
    esc = manifest.get("escalation", {}) or {}
    if not isinstance(esc, dict):
        bad("'escalation' must be a set of settings")
        return
    for rid in esc.get("ends_at", []) or []:
        if kinds and kinds.get(rid) != "Role":
            bad(f"escalation.ends_at names '{rid}', which is not a role in nodes.csv")
    for sphere in esc.get("forbidden_spheres", []) or []:
        if sphere not in schema.SPHERES:
            bad(f"escalation.forbidden_spheres: '{sphere}' is not one of "
                f"{', '.join(schema.SPHERES)}")
    routes = esc.get("routes", {}) or {}
    if not isinstance(routes, dict):
        bad("escalation.routes must map a route name to a list of steps")
        return
    for name, steps in routes.items():
        if not isinstance(steps, list) or not steps:
            bad(f"escalation route '{name}' needs a list of steps")
            continue
        for i, step in enumerate(steps, 1):
            edge = step.get("edge") if isinstance(step, dict) else None
            if edge not in schema.CLIMBABLE:
                bad(f"escalation route '{name}', step {i}: edge must be one of "
                    f"{', '.join(schema.CLIMBABLE)}")
    for key in ("layering", "span"):
        val = manifest.get(key, {})
        if val is not None and not isinstance(val, dict):
            bad(f"'{key}' must be a set of settings")


def validate_tables(raw: RawOrg) -> list:
    """Every problem in already-read tables, reading problems included."""
    problems = list(raw.problems)
    # A table without columns was not read at all: its problem is already listed.
    kinds = _check_nodes(raw.nodes, problems) if len(raw.nodes.columns) else {}
    if len(raw.edges.columns):
        _check_edges(raw.edges, kinds, problems)
    _check_manifest(raw.manifest, kinds, problems)
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.message))


def validate_folder(path) -> list:
    """Every problem in an organisation folder; an empty list when it is valid.

    Examples
    --------
    >>> validate_folder(sample_dir)
    []
    """
    return validate_tables(read_folder(path))


def validate_graph(org) -> list:
    """Every way an :class:`~orgmodel.OrgModel` breaks the graph contract.

    Rows in the problems refer to the tables :func:`orgmodel.save` would write.

    Examples
    --------
    >>> sample.graph.add_edge("gd", "tm", kind="REPORTS_TO")
    0
    >>> [str(p) for p in validate_graph(sample)]  # doctest: +ELLIPSIS
    ['edges.csv, row ...: REPORTS_TO goes round in a circle: ...']
    """
    from .write import to_tables

    manifest, nodes, edges = to_tables(org)
    raw = RawOrg(path=org.path, manifest=manifest, nodes=nodes, edges=edges)
    return validate_tables(raw)
