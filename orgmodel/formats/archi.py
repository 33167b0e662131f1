"""Archi's CSV files (``elements.csv``, ``relations.csv``, ``properties.csv``,
as *File > Import > CSV Data Into Selected Model* reads them), so a model can
be placed beside the municipal reference architecture (GEMMA) in Archi.

The mapping to ArchiMate:

=====================  =============================================
orgmodel               ArchiMate (Archi type)
=====================  =============================================
Post, Role             Business Role (``BusinessRole``)
Person, Team, Staff,   Business Actor (``BusinessActor``)
Partner
Body                   Business Collaboration (``BusinessCollaboration``)
Commission             Contract (an agreement) or Business Object
Portfolio, Topic,      Business Object (``BusinessObject``)
Instrument
HOLDS person → post    Assignment (the actor is assigned to the role)
REPORTS_TO             Serving (the post serves its superior)
MEMBER_OF team → team  Composition, from the cluster or unit to the team
                       (read: Composition or Aggregation, whole to part)
any other edge         Association, named after the edge kind
=====================  =============================================

Every element and relation carries its orgmodel id, kind and attributes as
properties (``orgmodel:id``, ``orgmodel:kind``, one per column), and the
model its settings (``orgmodel:settings``, JSON), so reading the files back
gives the same model.  Files from Archi without those properties are read
through the types above.  A value that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, tab or CR) is written with a
leading ``'``, which the reader takes off again.

Examples
--------
>>> folder = write_archi(sample, tmp_path / "archi")
>>> sorted(p.name for p in folder.iterdir())
['elements.csv', 'properties.csv', 'relations.csv']
>>> read_archi(folder) == sample
True
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schema
from .._staging import clean_stale, no_space, temp_dir
from ..errors import Problem, ValidationError
from ..i18n import LANGS, N_, Message, text_of, translator
from ..read import read_table
from ..write import to_tables, usual_mode
from ._tables import model_from_tables, table

if TYPE_CHECKING:  # names in annotations only
    from .._types import PathLike
    from ..model import OrgModel


__all__ = ["write_archi", "read_archi", "ELEMENT_TYPES", "FILES"]

FILES = ("elements.csv", "relations.csv", "properties.csv")

#: orgmodel node kind -> Archi element type.
ELEMENT_TYPES = {"Post": "BusinessRole", "Role": "BusinessRole", "Person": "BusinessActor", "Team": "BusinessActor",
                 "Staff": "BusinessActor", "Partner": "BusinessActor",
                 "Body": "BusinessCollaboration", "Commission": "BusinessObject",
                 "Portfolio": "BusinessObject", "Topic": "BusinessObject",
                 "Instrument": "BusinessObject"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")


def _out(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def _in(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def _archi_id(*parts) -> str:
    return "id-" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:24]


def _relation_type(kind, fk, tk):
    if kind == "HOLDS" and fk == "Person":
        return "AssignmentRelationship", False
    if kind == "REPORTS_TO":
        return "ServingRelationship", False
    if kind == "MEMBER_OF" and fk == "Team" and tk == "Team":
        return "CompositionRelationship", True       # whole → part
    return "AssociationRelationship", False


def write_archi(org: OrgModel, folder: PathLike) -> Path:
    """Write the three CSV files into ``folder``; they appear together, only
    when all three are complete."""
    manifest, nodes, edges = to_tables(org)
    folder = Path(folder)
    model_id = _archi_id("model", org.name)
    ids, kinds = {}, {}
    elements = [[model_id, "ArchimateModel", org.name, str(text_of(manifest.get("description", "")))]]
    props = [[model_id, "orgmodel:settings", json.dumps(manifest, ensure_ascii=False,
                                                        default=str)]]
    for rec in nodes.to_dict("records"):
        eid = ids[rec["id"]] = _archi_id("node", org.name, rec["id"])
        kinds[rec["id"]] = rec["kind"]
        typ = ELEMENT_TYPES[rec["kind"]]
        if rec["kind"] == "Commission" and rec.get("commission_kind") == "agreement":
            typ = "Contract"
        elements.append([eid, typ, rec["name"], rec.get("note", "")])
        props += [[eid, f"orgmodel:{k}" if k in ("id", "kind") else k, v]
                  for k, v in rec.items() if v != ""]
    relations = []
    for i, rec in enumerate(edges.to_dict("records")):
        rid = _archi_id("edge", org.name, str(i))
        typ, reverse = _relation_type(rec["kind"], kinds[rec["from"]], kinds[rec["to"]])
        src, dst = ids[rec["from"]], ids[rec["to"]]
        if reverse:
            src, dst = dst, src
        name = "" if typ != "AssociationRelationship" else rec["kind"]
        relations.append([rid, typ, name, rec.get("note", ""), src, dst])
        props += [[rid, f"orgmodel:{k}" if k in ("from", "to", "kind") else k, v]
                  for k, v in rec.items() if v != ""]
    tables = {"elements.csv": (["ID", "Type", "Name", "Documentation"], elements),
              "relations.csv": (["ID", "Type", "Name", "Documentation", "Source", "Target"],
                                relations),
              "properties.csv": (["ID", "Key", "Value"], props)}
    folder.mkdir(parents=True, exist_ok=True)
    clean_stale(folder)
    stage = temp_dir(folder, "archi")
    try:
        for name, (header, rows) in tables.items():
            buf = io.StringIO()
            w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
            w.writerow(header)
            w.writerows([[_out(str(c)) for c in row] for row in rows])
            data = buf.getvalue().encode("utf-8")
            try:
                (stage / name).write_bytes(data)
            except OSError as exc:
                raise no_space(exc, folder / name, need=len(data)) from None
            os.chmod(stage / name, usual_mode())
        for name in tables:
            os.replace(stage / name, folder / name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return folder


#: What an ArchiMate element of a file not written by orgmodel becomes.
_ELEMENT_KINDS = {"BusinessRole": "Post", "BusinessActor": "Team",
                  "BusinessCollaboration": "Body", "Contract": "Commission",
                  "BusinessObject": "Topic"}
_ELEMENT_DEFAULTS = {"Post": {"sphere": "official"}, "Team": {"team_kind": "unit"},
                     "Body": {"body_kind": "board"},
                     "Commission": {"commission_kind": "agreement"}}
#: What an ArchiMate relationship of such a file becomes.  (Aggregation is
#: a whole and its parts as composition is: a collaboration aggregates the
#: roles that take part in it, a unit the posts in it.)
_RELATION_KINDS = {"ServingRelationship": "REPORTS_TO", "AssignmentRelationship": "HOLDS",
                   "CompositionRelationship": "MEMBER_OF",
                   "AggregationRelationship": "MEMBER_OF"}
#: The relationships read from the whole to its part.
_WHOLE_TO_PART = ("CompositionRelationship", "AggregationRelationship")


def read_archi(folder: PathLike, left_out: list | None = None) -> OrgModel:
    """Read Archi CSV files from ``folder`` into a model.

    Elements of other ArchiMate layers (an application, a node) and the
    relations that are not the organisation's are left out: each is added
    to ``left_out`` as a :class:`~orgmodel.errors.Problem` (file, row, why),
    and ``org.yaml``'s ``import:`` counts them.

    Raises
    ------
    ValidationError
        A missing file or column, a property of an unknown id, a relation
        between unknown elements, or a model that breaks the contract.
    """
    folder = Path(folder)
    prefix = _prefix(folder)
    el, rel, prop = _archi_frames(folder, prefix)
    problems: list = []
    props, prop_rows = _properties(prop)
    manifest, elements = _model_element(folder, el, props, prop_rows, problems)
    # a folder orgmodel wrote carries its own ids and kinds as properties
    ours = any("orgmodel:id" in props.get(i, {}) for i in elements)
    unused: list = []
    # (an element added in Archi since orgmodel wrote the model is noted in
    # the model's language)
    lang = str(manifest.get("language")) if manifest.get("language") in LANGS else "en"
    nodes, by_archi = _archi_nodes(elements, props, ours, unused, lang)
    if not ours:
        _people_from_assignments(rel, by_archi, nodes)
    edges = _archi_edges(rel, props, elements, by_archi, {n["id"]: n for n in nodes}, ours,
                         problems, unused, lang)
    # (the files' own rows, for a problem of the model they make up: the
    # tables read leave out what was not used, so their rows are not the files')
    rows = {prefix + "elements.csv": [r.pop("@row") for r in nodes],
            prefix + "relations.csv": [r.pop("@row") for r in edges]}
    problems, unused = _prefixed(problems, prefix), _prefixed(unused, prefix)
    if problems:
        raise ValidationError(problems, where=str(folder))
    if unused:
        manifest["import"] = {"rows_read": len(el) + len(rel),
                              "rows_left_out": len(unused)}
    if left_out is not None:
        left_out.extend(unused)
    try:
        return model_from_tables(manifest, table(nodes), table(edges, ("from", "to", "kind")),
                                 str(folder), {"nodes.csv": prefix + "elements.csv",
                                               "edges.csv": prefix + "relations.csv"})
    except ValidationError as exc:
        raise ValidationError([_file_row(p, rows) for p in exc.problems],
                              where=exc.where) from None


def _file_row(p: Problem, rows: dict) -> Problem:
    """``p`` of a row of a table read from the files, cited by the file's
    own row (the tables hold only the rows used)."""
    found = rows.get(p.file)
    if found is not None and p.row is not None and 2 <= p.row < len(found) + 2:
        return replace(p, row=found[p.row - 2])
    return p


def _prefix(folder: Path) -> str:
    """The file prefix the export was given (Archi's export asks for one:
    ``gemma-elements.csv``), ``""`` for none; several are an error, as which
    model is meant the folder does not say."""
    if (folder / "elements.csv").is_file() or not folder.is_dir():
        return ""
    found = sorted(p.name[:-len("elements.csv")] for p in folder.glob("*elements.csv")
                   if (folder / (p.name[:-len("elements.csv")] + "relations.csv")).is_file())
    if len(found) > 1:
        raise ValidationError([Problem(str(folder), None, Message(
            "holds the CSV files of {n} Archi models ({prefixes}): give a folder with one",
            n=len(found), prefixes=", ".join(f"{p}elements.csv" for p in found)))],
            where=str(folder))
    return found[0] if found else ""


def _prefixed(problems: list, prefix: str) -> list:
    """``problems`` citing the files by their names with ``prefix``."""
    return [replace(p, file=prefix + p.file) if p.file in FILES else p for p in problems]


def _archi_frames(folder: Path, prefix: str):
    """elements.csv, relations.csv and properties.csv (None when absent), or
    every problem reading them."""
    problems: list = []
    frames = {}
    for name, cols in (("elements.csv", ("id", "type", "name")),
                       ("relations.csv", ("id", "type", "source", "target")),
                       ("properties.csv", ("id", "key", "value"))):
        path = folder / (prefix + name)
        if not path.is_file():
            if name == "properties.csv":
                frames[name] = None
                continue
            problems.append(Problem(str(path), None, N_(
                "is missing: Archi's CSV export writes elements.csv, relations.csv and "
                "properties.csv")))
            continue
        df = read_table(path, problems, prefix + name)
        if df is None:
            continue
        missing = [c for c in cols if c not in df.columns]
        if missing:
            problems.append(Problem(name, 1, Message("has no column {columns}", columns=", ".join(
                map(repr, missing)))))
            continue
        if name == "elements.csv" and not (df["type"] != "ArchimateModel").any():
            # (said once: each relation's "joins an element not in elements.csv"
            # follows from it)
            problems.append(Problem(prefix + name, None, N_(
                "has no elements (only its header, or the model's own row): export the "
                "model again from Archi (File > Export > Model to CSV)")))
            continue
        frames[name] = df
    if problems:
        raise ValidationError(problems, where=str(folder))
    return frames["elements.csv"], frames["relations.csv"], frames["properties.csv"]


def _properties(prop) -> tuple[dict, dict]:
    """Each id's properties, and the row of its first."""
    props: dict = {}
    prop_rows: dict = {}
    if prop is not None:
        for rowno, r in zip(prop.index.tolist(), prop.to_dict("records")):
            props.setdefault(r["id"], {})[_in(r["key"])] = _in(r["value"])
            prop_rows.setdefault(r["id"], rowno)
    return props, prop_rows


def _model_element(folder: Path, el, props, prop_rows, problems) -> tuple[dict, dict]:
    """The manifest (from the ArchimateModel element) and the other elements."""
    manifest: dict = {}
    elements = {}
    for rowno, r in zip(el.index.tolist(), el.to_dict("records")):
        if r["type"] != "ArchimateModel":
            elements[r["id"]] = (rowno, r)
            continue
        p = props.get(r["id"], {})
        if "orgmodel:settings" in p:
            try:
                manifest = json.loads(p["orgmodel:settings"])
            except ValueError:
                problems.append(Problem("properties.csv", prop_rows.get(r["id"]),
                                        N_("orgmodel:settings is not valid JSON")))
        else:
            manifest = _manifest(_in(r["name"]) or folder.name, folder)
    # (a file that has no model row, as a tool other than Archi may write)
    return manifest or _manifest(folder.name, folder), elements


def _manifest(name: str, folder: Path) -> dict:
    return {"name": name, "sources": {"archi": f"{folder.name} (Archi CSV)"}}


def _archi_nodes(elements: dict, props: dict, ours: bool, unused: list,
                 lang: str = "en") -> tuple[list, dict]:
    """The nodes, and each element id's node id; an element of another
    layer is added to ``unused``."""
    nodes, by_archi = [], {}
    for eid, (rowno, r) in elements.items():
        p = props.get(eid, {})
        if ours and "orgmodel:id" in p:
            rec = {k[9:] if k in ("orgmodel:id", "orgmodel:kind") else k: v for k, v in p.items()}
        else:
            kind = _ELEMENT_KINDS.get(r["type"])
            if kind is None:        # other ArchiMate layers: not an organisation's
                unused.append(Problem("elements.csv", rowno, Message(
                    "{type} '{name}' joins relations, which are not followed through it",
                    type=r["type"], name=_in(r["name"])) if "junction" in r["type"].casefold()
                    else Message(
                    "{type} '{name}' is not of the organisation (another ArchiMate layer)",
                    type=r["type"], name=_in(r["name"]))))
                continue
            rec = {"id": eid, "kind": kind, "name": _in(r["name"]),
                   **_how_known(ours, "elements.csv", rowno, lang),
                   **_ELEMENT_DEFAULTS.get(kind, {})}
        by_archi[eid] = rec.get("id", eid)
        nodes.append({**rec, "@row": rowno})
    return nodes, by_archi


def _archi_edges(rel, props, elements, by_archi, nodes: dict, ours: bool, problems,
                 unused, lang: str = "en") -> list:
    """The edges; a relation to an element not in elements.csv is a problem,
    one to an element of another layer, or of a type with no meaning here,
    is added to ``unused`` (``nodes``: each node read, by its id)."""
    edges = []
    for rowno, r in zip(rel.index.tolist(), rel.to_dict("records")):
        p = props.get(r["id"], {})
        missing = [e for e in (r["source"], r["target"]) if e not in elements]
        if missing:
            problems.append(Problem("relations.csv", rowno, Message(
                "relation {id} joins '{end}', which is not in elements.csv",
                id=r["id"], end=missing[0])))
            continue
        if r["source"] not in by_archi or r["target"] not in by_archi:
            if ours:
                problems.append(Problem("relations.csv", rowno, Message(
                    "relation {id} joins elements that are not in elements.csv", id=r["id"])))
            else:
                unused.append(Problem("relations.csv", rowno, Message(
                    "{type} {id} joins an element that is not of the organisation",
                    type=r["type"], id=r["id"])))
            continue
        if not ours and r["source"] == r["target"]:
            # (an element composed of itself: a slip of the model, which one
            # relation need not cost the whole import)
            unused.append(Problem("relations.csv", rowno, Message(
                "{type} {id} joins '{name}' to itself", type=r["type"], id=r["id"],
                name=_in(elements[r["source"]][1]["name"]))))
            continue
        if ours and "orgmodel:kind" in p:
            rec = {k[9:] if k in ("orgmodel:from", "orgmodel:to", "orgmodel:kind") else k: v
                   for k, v in p.items()}
        else:
            rec, why = _foreign_edge(r, by_archi, nodes)
            if why:
                unused.append(Problem("relations.csv", rowno, why))
                continue
            rec.update(_how_known(ours, "relations.csv", rowno, lang))
        edges.append({**rec, "@row": rowno})
    return edges


def _foreign_edge(r: dict, by_archi: dict, nodes: dict) -> tuple[dict, Message | None]:
    """The edge a relation of a file from Archi makes, or why it makes none:
    a kind of relation orgmodel reads no edge from, or one between elements
    its edge does not join (a unit serving a unit, an actor composed of a
    person): such a relation is left out, named, not the whole model
    refused (``nodes``: each node by its id)."""
    kind = _RELATION_KINDS.get(r["type"]) or \
        (_in(r["name"]) if _in(r.get("name", "")).isupper() else None)
    if kind is None or kind not in schema.EDGE_KINDS:
        return {}, Message("{type} {id}: orgmodel reads no edge from this kind of relation",
                           type=r["type"], id=r["id"])
    src, dst = by_archi[r["source"]], by_archi[r["target"]]
    if r["type"] in _WHOLE_TO_PART:
        src, dst = dst, src
    edge, a, b = schema.EDGE_KINDS[kind], nodes[src], nodes[dst]
    if a["kind"] not in edge.sources or b["kind"] not in edge.targets:
        return {}, Message(
            "{type} {id} joins '{a}' ({ak}) to '{b}' ({bk}), which orgmodel's {kind} does not "
            "join", type=r["type"], id=r["id"], a=a["name"], ak=a["kind"], b=b["name"],
            bk=b["kind"], kind=kind)
    return {"from": src, "to": dst, "kind": kind}, None


def _how_known(ours: bool, file: str, rowno, lang: str = "en") -> dict:
    """How an element or relation read through its ArchiMate type is known:
    in a file of another tool, stated by it (``source: archi``); in a model
    orgmodel wrote, one added in Archi since, which no source of the model
    says: assumed, its note (in the model's language) saying where it came
    from."""
    if not ours:
        return {"source": "archi", "evidence": "stated"}
    return {"evidence": "assumed", "note": translator(lang)(Message(
        "added in Archi ({file}, row {row}): no source of the model says it", file=file,
        row=rowno))}


def _people_from_assignments(rel, by_archi, nodes):
    """In a file from Archi, an actor assigned to a role is a person, but
    not one composed of actors or in one (a unit: a team assigned to a
    role stays a team, and its assignment is left out, named)."""
    records = rel.to_dict("records")
    teams = {n["id"] for n in nodes if n["kind"] == "Team"}
    units = {e for r in records if r["type"] in _WHOLE_TO_PART
             and r["source"] in teams and r["target"] in teams and r["source"] != r["target"]
             for e in (r["source"], r["target"])}
    actors = {r["source"] for r in records
              if r["type"] == "AssignmentRelationship"} - units
    for rec in nodes:
        if rec["id"] in actors and rec["kind"] == "Team":
            rec["kind"] = "Person"
            rec.pop("team_kind", None)
