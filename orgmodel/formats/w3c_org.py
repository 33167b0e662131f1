"""The W3C Organization Ontology (ORG, https://www.w3.org/TR/vocab-org/), as
Turtle or JSON-LD, read and written with rdflib.

What is mapped to ORG (for any tool that reads it):

============================  ==================================================
orgmodel                      ORG
============================  ==================================================
the organisation              ``org:FormalOrganization`` (``skos:prefLabel``)
Role                          ``org:Post`` (``skos:prefLabel``); ``org:postIn``
                              the organisation
Person                        ``foaf:Person`` (``foaf:name``)
Team                          ``org:OrganizationalUnit``
Body, Partner                 ``org:Organization``
REPORTS_TO                    ``org:reportsTo``
HOLDS (person → post)         ``org:heldBy`` and ``org:holds``
MEMBER_OF (team → team)       ``org:hasUnit`` and ``org:unitOf``
MEMBER_OF (post → team/body)  ``org:Membership`` (``org:member``,
                              ``org:organization``, ``org:role`` for a capacity)
============================  ==================================================

What ORG has no term for goes into a small orgmodel vocabulary,
``urn:orgmodel:vocab#`` (prefix ``om``): ``om:Staff``, ``om:Portfolio``,
``om:Topic``, ``om:Instrument``, ``om:Commission`` as classes; every edge kind
as a property (``om:mandates``, ``om:commissions``, ``om:covers`` ...); and,
so that a round trip loses nothing, every node and edge as a resource with
``om:id`` / ``om:kind`` / ``om:from`` / ``om:to`` and ``om:cells`` (its
attributes as the JSON object of its CSV cells), the organisation with
``om:manifest`` (its settings, the escalation policy included, as JSON).

A file without the ``om:`` resources (written by another tool) is read
through the ORG terms above: posts, people, units, organisations, reporting
lines, holders, units and memberships.

Examples
--------
>>> path = write_org(sample, tmp_path / "sample.ttl")
>>> read_org(path) == sample
True
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote, unquote

from ..errors import Problem, ValidationError
from ..write import to_tables
from ._tables import atomic_write, model_from_tables, table

__all__ = ["write_org", "read_org", "OM", "to_rdf"]

#: The orgmodel vocabulary for what ORG has no term for.
OM = "urn:orgmodel:vocab#"
_RDF_FORMAT = {"turtle": "turtle", "json-ld": "json-ld"}


def _ns():
    from rdflib import Namespace
    from rdflib.namespace import FOAF, RDF, SKOS
    return Namespace("http://www.w3.org/ns/org#"), Namespace(OM), FOAF, RDF, SKOS


def _base(org) -> str:
    return f"urn:orgmodel:{quote(org.name or 'organisation', safe='')}:"


def to_rdf(org):
    """The model as an rdflib ``Graph`` (ORG terms plus the ``om:`` records)."""
    from rdflib import BNode, Graph, Literal, URIRef
    ORG, om, FOAF, RDF, SKOS = _ns()
    manifest, nodes, edges = to_tables(org)
    base = _base(org)
    g = Graph()
    g.bind("org", ORG)
    g.bind("om", om)
    g.bind("foaf", FOAF)
    g.bind("skos", SKOS)
    me = URIRef(base + "organisation")
    g.add((me, RDF.type, ORG.FormalOrganization))
    g.add((me, SKOS.prefLabel, Literal(org.name)))
    g.add((me, om.manifest, Literal(json.dumps(manifest, ensure_ascii=False, default=str))))

    def node(i):
        return URIRef(base + "node/" + quote(i, safe=""))

    kinds = {}
    for seq, rec in enumerate(nodes.to_dict("records")):
        n, kind = node(rec["id"]), rec["kind"]
        kinds[rec["id"]] = kind
        g.add((n, om.id, Literal(rec["id"])))
        g.add((n, om.seq, Literal(seq)))
        g.add((n, om.kind, Literal(kind)))
        g.add((n, om.cells, Literal(json.dumps({k: v for k, v in rec.items() if v != ""},
                                                ensure_ascii=False))))
        label = FOAF.name if kind == "Person" else SKOS.prefLabel
        g.add((n, label, Literal(rec["name"])))
        cls = {"Role": ORG.Post, "Person": FOAF.Person, "Team": ORG.OrganizationalUnit,
               "Body": ORG.Organization, "Partner": ORG.Organization}.get(kind)
        g.add((n, RDF.type, cls if cls is not None else om[kind]))
        if kind in ("Body", "Partner"):
            g.add((n, RDF.type, om[kind]))
        if kind == "Role" and rec.get("external") != "true":
            g.add((n, ORG.postIn, me))
    for i, rec in enumerate(edges.to_dict("records")):
        u, v, kind = node(rec["from"]), node(rec["to"]), rec["kind"]
        e = URIRef(base + f"edge/{i}")
        g.add((e, RDF.type, om.Edge))
        g.add((e, om["from"], u))
        g.add((e, om.to, v))
        g.add((e, om.kind, Literal(kind)))
        g.add((e, om.seq, Literal(i)))
        g.add((e, om.cells, Literal(json.dumps({k: x for k, x in rec.items() if x != ""},
                                                ensure_ascii=False))))
        fk, tk = kinds.get(rec["from"]), kinds.get(rec["to"])
        if kind == "REPORTS_TO":
            g.add((u, ORG.reportsTo, v))
        elif kind == "HOLDS" and fk == "Person":
            g.add((v, ORG.heldBy, u))
            g.add((u, ORG.holds, v))
        elif kind == "MEMBER_OF" and fk == "Team" and tk == "Team":
            g.add((v, ORG.hasUnit, u))
            g.add((u, ORG.unitOf, v))
        elif kind == "MEMBER_OF" and fk == "Role":
            m = BNode()
            g.add((m, RDF.type, ORG.Membership))
            g.add((m, ORG.member, u))
            g.add((m, ORG.organization, v))
            if rec.get("capacity"):
                role = URIRef(base + "capacity/" + quote(rec["capacity"], safe=""))
                g.add((role, RDF.type, ORG.Role))
                g.add((role, SKOS.prefLabel, Literal(rec["capacity"])))
                g.add((m, ORG.role, role))
            if tk == "Team":
                g.add((u, ORG.postIn, v))
        else:
            g.add((u, om[kind.lower()], v))
    return g


def write_org(org, path, fmt="turtle") -> Path:
    """Write ``org`` as ORG Turtle (``fmt="turtle"``) or JSON-LD (``"json-ld"``)."""
    g = to_rdf(org)
    return atomic_write(path, lambda tmp: g.serialize(destination=str(tmp),
                                                      format=_RDF_FORMAT[fmt]))


def _local(uri) -> str:
    text = str(uri)
    return unquote(re.split(r"[/#:]", text.rstrip("/#"))[-1]) or text


def read_org(path, fmt=None):
    """Read an ORG file (Turtle or JSON-LD) into a model.

    Raises
    ------
    ValidationError
        A file that does not parse (with its line where rdflib gives one), or
        a model that breaks the contract.
    """
    from rdflib import Graph
    from rdflib.namespace import FOAF, RDF, SKOS
    ORG, om, _, _, _ = _ns()
    path = Path(path)
    label = path.name
    fmt = fmt or ("json-ld" if path.suffix.lower() in (".jsonld", ".json") else "turtle")
    g = Graph()
    try:
        g.parse(str(path), format=_RDF_FORMAT[fmt])
    except Exception as exc:   # rdflib raises parser-specific errors of many kinds
        m = re.search(r"line (\d+)", str(exc))
        msg = re.sub(r"\s+", " ", str(exc)).strip()[:300]
        raise ValidationError([Problem(label, int(m.group(1)) if m else None,
                                       f"is not valid {fmt}: {msg}")], where=str(path)) from None
    manifest = {}
    for _, _, text in g.triples((None, om.manifest, None)):
        try:
            manifest = json.loads(str(text))
        except ValueError:
            raise ValidationError([Problem(label, None, "om:manifest is not valid JSON")],
                                  where=str(path)) from None
    nodes, edges = [], []
    ids = {}
    for s, _, i in g.triples((None, om.id, None)):
        ids[s] = str(i)
    if ids:
        for s, i in ids.items():
            cells = g.value(s, om.cells)
            rec = json.loads(str(cells)) if cells is not None else {}
            rec.setdefault("id", i)
            rec.setdefault("kind", str(g.value(s, om.kind) or ""))
            nodes.append((_seq(g.value(s, om.seq)), rec))
        for e in g.subjects(RDF.type, om.Edge):
            cells = g.value(e, om.cells)
            rec = json.loads(str(cells)) if cells is not None else {}
            rec.setdefault("from", ids.get(g.value(e, om["from"]), ""))
            rec.setdefault("to", ids.get(g.value(e, om.to), ""))
            rec.setdefault("kind", str(g.value(e, om.kind) or ""))
            edges.append((_seq(g.value(e, om.seq)), rec))
        # the order they were written in
        nodes = [r for _, r in sorted(nodes, key=lambda x: x[0])]
        edges = [r for _, r in sorted(edges, key=lambda x: x[0])]
    else:
        nodes, edges = _from_org_terms(g, label)
        manifest = manifest or {"name": _org_name(g) or path.stem,
                                "sources": {"org": f"{label} (W3C ORG)"}}
    return model_from_tables(manifest, table(nodes), table(edges, ("from", "to", "kind")),
                             str(path), {"nodes.csv": f"{label} (nodes)",
                                         "edges.csv": f"{label} (edges)"})


def _seq(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1 << 62


def _org_name(g):
    from rdflib.namespace import RDF, SKOS
    ORG = _ns()[0]
    for s in g.subjects(RDF.type, ORG.FormalOrganization):
        name = g.value(s, SKOS.prefLabel)
        if name:
            return str(name)
    return None


def _from_org_terms(g, label):
    """Nodes and edges from plain ORG terms (a file another tool wrote)."""
    from rdflib.namespace import FOAF, RDF, RDFS, SKOS
    ORG = _ns()[0]
    nodes, edges, seen = [], [], {}
    src = {"source": "org", "evidence": "stated"}

    def name_of(s):
        for p in (SKOS.prefLabel, FOAF.name, RDFS.label):
            v = g.value(s, p)
            if v is not None:
                return str(v)
        return _local(s)

    def add(s, kind, **extra):
        if s in seen:
            return seen[s]
        i = _local(s)
        while i in seen.values():
            i += "_"
        seen[s] = i
        nodes.append({"id": i, "kind": kind, "name": name_of(s), **src, **extra})
        return i
    for s in g.subjects(RDF.type, ORG.Post):
        add(s, "Role", sphere="official")
    for s in g.subjects(RDF.type, FOAF.Person):
        add(s, "Person")
    for s in g.subjects(RDF.type, ORG.OrganizationalUnit):
        add(s, "Team", team_kind="unit")
    for cls in (ORG.Organization,):
        for s in g.subjects(RDF.type, cls):
            if s not in seen and (s, RDF.type, ORG.FormalOrganization) not in g:
                add(s, "Body", body_kind="board")
    for s, o in g.subject_objects(ORG.reportsTo):
        if s in seen and o in seen:
            edges.append({"from": seen[s], "to": seen[o], "kind": "REPORTS_TO", **src})
    held = set()
    for post, person in g.subject_objects(ORG.heldBy):
        held.add((person, post))
    for person, post in g.subject_objects(ORG.holds):
        held.add((person, post))
    for person, post in sorted(held):
        if person in seen and post in seen:
            edges.append({"from": seen[person], "to": seen[post], "kind": "HOLDS", **src})
    units = {(c, p) for p, c in g.subject_objects(ORG.hasUnit)} | \
        set(g.subject_objects(ORG.unitOf))
    for child, parent in sorted(units):
        if child in seen and parent in seen:
            edges.append({"from": seen[child], "to": seen[parent], "kind": "MEMBER_OF", **src})
    for m in g.subjects(RDF.type, ORG.Membership):
        who, where = g.value(m, ORG.member), g.value(m, ORG.organization)
        if who in seen and where in seen:
            role = g.value(m, ORG.role)
            cap = str(g.value(role, SKOS.prefLabel)) if role is not None and \
                g.value(role, SKOS.prefLabel) is not None else ""
            edges.append({"from": seen[who], "to": seen[where], "kind": "MEMBER_OF",
                          **({"capacity": cap} if cap else {}), **src})
    return nodes, edges
