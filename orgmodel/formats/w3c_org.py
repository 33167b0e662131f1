"""The W3C Organization Ontology (ORG, https://www.w3.org/TR/vocab-org/), as
Turtle or JSON-LD, read and written with rdflib.

What is mapped to ORG (for any tool that reads it):

============================  ==================================================
orgmodel                      ORG
============================  ==================================================
the organisation              ``org:FormalOrganization`` (``skos:prefLabel``)
Post                          ``org:Post`` (``skos:prefLabel``); ``org:postIn``
                              the organisation
Person                        ``foaf:Person`` (``foaf:name``)
Team                          ``org:OrganizationalUnit``
Body, Partner                 ``org:Organization``
REPORTS_TO                    ``org:reportsTo``
HOLDS (person → post)         ``org:heldBy`` and ``org:holds``
MEMBER_OF (team → team)       ``org:hasUnit`` and ``org:unitOf``
MEMBER_OF (post → team/body)  ``org:Membership`` (``org:member``,
                              ``org:organization``, ``org:role`` for a capacity)
PLAYS (post → role), read     a post's ``org:role`` (the ``org:Role`` a node)
============================  ==================================================

What ORG has no term for goes into a small orgmodel vocabulary,
``urn:orgmodel:vocab#`` (prefix ``om``): ``om:Staff``, ``om:Portfolio``,
``om:Topic``, ``om:Instrument``, ``om:Commission`` as classes; every edge kind
as a property (``om:mandates``, ``om:commissions``, ``om:covers`` ...); and,
so that a round trip loses nothing, every node and edge (an ``om:Edge``)
with ``om:cells``: its CSV cells (id, kind, from, to and every attribute) and
its place in the file (``@seq``) as a JSON object; the organisation with
``om:manifest`` (its settings, the escalation policy included, as JSON).
Above :data:`STREAM_ABOVE` nodes and edges, Turtle is written one triple a
line (N-Triples, which Turtle readers read) and JSON-LD in expanded form.

A file without the ``om:`` resources (written by another tool) is read
through the ORG terms above: posts, people, units, organisations, reporting
lines, holders, units and memberships; a resource typed with a class of the
file's own vocabulary is read by what :mod:`._org_classes` makes of it, and
an organisation within another is a unit (a Team).

Examples
--------
>>> path = write_org(sample, tmp_path / "sample.ttl")
>>> read_org(path) == sample
True
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from .._filekind import named_otherwise
from .._offline import NetworkRefused, context_values, offline, remote_contexts
from ..errors import Problem, ValidationError
from ..i18n import N_, Listing, Message
from ..schema import EDGE_KINDS
from ..write import to_tables
from ._org_classes import FORMAL, ORGANIZATION, PERSON, POST, UNIT, classify, subclasses
from ._tables import atomic_write, model_from_tables, slug, table

if TYPE_CHECKING:  # names in annotations only
    from .._types import PathLike, PathOrFile
    from ..model import OrgModel


__all__ = ["write_org", "read_org", "OM", "to_rdf", "triples", "STREAM_ABOVE", "change_events",
           "write_change_events"]

#: The orgmodel vocabulary for what ORG has no term for.
OM = "urn:orgmodel:vocab#"
_RDF_FORMAT = {"turtle": "turtle", "json-ld": "json-ld"}


def _ns():
    from rdflib import Namespace
    from rdflib.namespace import FOAF, RDF, SKOS
    return Namespace("http://www.w3.org/ns/org#"), Namespace(OM), FOAF, RDF, SKOS


def _base(org) -> str:
    return f"urn:orgmodel:{quote(org.name or 'organisation', safe='')}:"


def triples(org):
    """Every triple of the model: ORG terms plus the ``om:`` records."""
    from rdflib import BNode, Literal, URIRef
    ORG, om, FOAF, RDF, SKOS = _ns()
    manifest, nodes, edges = to_tables(org)
    base = _base(org)
    me = URIRef(base + "organisation")
    yield me, RDF.type, ORG.FormalOrganization
    yield me, SKOS.prefLabel, Literal(org.name)
    yield me, om.manifest, Literal(json.dumps(manifest, ensure_ascii=False, default=str))

    def cells(rec, seq):
        # the row's cells, and its place in the file (so a round trip keeps the order)
        return Literal(json.dumps({"@seq": seq, **{k: v for k, v in rec.items() if v != ""}},
                                  ensure_ascii=False))
    node = {}
    kinds = {}
    classes = {"Post": (ORG.Post,), "Person": (FOAF.Person,),
               "Team": (ORG.OrganizationalUnit,), "Body": (ORG.Organization, om.Body),
               "Partner": (ORG.Organization, om.Partner)}
    for seq, rec in enumerate(nodes.to_dict("records")):
        kind = rec["kind"]
        n = node[rec["id"]] = URIRef(base + "node/" + quote(rec["id"], safe=""))
        kinds[rec["id"]] = kind
        for cls in classes.get(kind, (om[kind],)):
            yield n, RDF.type, cls
        yield n, (FOAF.name if kind == "Person" else SKOS.prefLabel), Literal(rec["name"])
        yield n, om.cells, cells(rec, seq)
        if kind == "Post" and rec.get("external") != "true":
            yield n, ORG.postIn, me
    capacities = set()
    for i, rec in enumerate(edges.to_dict("records")):
        u, v, kind = node[rec["from"]], node[rec["to"]], rec["kind"]
        e = URIRef(base + f"edge/{i}")
        yield e, RDF.type, om.Edge
        yield e, om.cells, cells(rec, i)
        fk, tk = kinds.get(rec["from"]), kinds.get(rec["to"])
        if kind == "REPORTS_TO":
            yield u, ORG.reportsTo, v
        elif kind == "HOLDS" and fk == "Person":
            yield v, ORG.heldBy, u
            yield u, ORG.holds, v
        elif kind == "MEMBER_OF" and fk == "Team" and tk == "Team":
            yield v, ORG.hasUnit, u
            yield u, ORG.unitOf, v
        elif kind == "MEMBER_OF" and fk == "Post":
            m = BNode(f"membership{i}")       # (named by its edge: the same file on every run)
            yield m, RDF.type, ORG.Membership
            yield m, ORG.member, u
            yield m, ORG.organization, v
            if rec.get("capacity"):
                role = URIRef(base + "capacity/" + quote(rec["capacity"], safe=""))
                if role not in capacities:
                    capacities.add(role)
                    yield role, RDF.type, ORG.Role
                    yield role, SKOS.prefLabel, Literal(rec["capacity"])
                yield m, ORG.role, role
            if tk == "Team":
                yield u, ORG.postIn, v
        else:
            yield u, om[kind.lower()], v


def _graph(triples_):
    """An rdflib ``Graph`` of ``triples_``, with the usual prefixes bound."""
    from rdflib import Graph
    from rdflib.namespace import DCTERMS
    ORG, om, FOAF, _, SKOS = _ns()
    g = Graph()
    for prefix, ns in (("org", ORG), ("om", om), ("foaf", FOAF), ("skos", SKOS),
                       ("dct", DCTERMS)):
        g.bind(prefix, ns)
    for t in triples_:
        g.add(t)
    return g


def to_rdf(org):
    """The model as an rdflib ``Graph`` (ORG terms plus the ``om:`` records)."""
    return _graph(triples(org))


#: Above this many nodes and edges the files are streamed (N-Triples lines,
#: which are Turtle too; expanded JSON-LD) instead of laid out by rdflib's
#: serialisers, which need minutes and gigabytes at 100k roles.
STREAM_ABOVE = 20_000


def write_org(org: OrgModel, path: PathOrFile, fmt: str = "turtle") -> Path:
    """Write ``org`` as ORG Turtle (``fmt="turtle"``) or JSON-LD (``"json-ld"``)."""
    size = org.graph.number_of_nodes() + org.graph.number_of_edges()
    if size <= STREAM_ABOVE:
        g = to_rdf(org)
        if fmt == "json-ld":
            text = _in_order(g.serialize(format=_RDF_FORMAT[fmt]))
            return atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
        return atomic_write(path, lambda tmp: g.serialize(destination=str(tmp),
                                                          format=_RDF_FORMAT[fmt]))
    return atomic_write(path, lambda tmp: (_stream_turtle if fmt == "turtle"
                                           else _stream_jsonld)(org, tmp))


def _in_order(text: str) -> str:
    """rdflib's JSON-LD with its nodes in the order of their ids and each
    property's values in one order: rdflib writes them in the order of a set,
    which changes from one run to the next (Turtle it sorts itself).

    >>> text = _in_order('[{"@id": "b", "p": [{"@value": "2"}, {"@value": "1"}]}, {"@id": "a"}]')
    >>> [(n["@id"], n.get("p")) for n in json.loads(text)]
    [('a', None), ('b', [{'@value': '1'}, {'@value': '2'}])]
    """
    def key(x) -> str:
        return json.dumps(x, sort_keys=True, ensure_ascii=False)
    nodes = json.loads(text)
    for node in nodes:
        for k, v in node.items():
            if isinstance(v, list):
                node[k] = sorted(v, key=key)
    return json.dumps(sorted(nodes, key=lambda n: n.get("@id", "")), ensure_ascii=False,
                      indent=2) + "\n"


def _stream_turtle(org, tmp):
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("# W3C ORG and orgmodel (urn:orgmodel:vocab#), one triple a line\n")
        f.writelines(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples(org))


def _stream_jsonld(org, tmp):
    from rdflib import BNode, Literal
    RDF = _ns()[3]

    def term(o):
        if isinstance(o, Literal):
            return {"@value": str(o)}
        return {"@id": o.n3() if isinstance(o, BNode) else str(o)}
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("[")
        first, current, obj = True, None, None
        for s, p, o in triples(org):
            if s != current:
                if obj is not None:
                    f.write(("" if first else ",\n") + json.dumps(obj, ensure_ascii=False))
                    first = False
                current = s
                obj = {"@id": s.n3() if isinstance(s, BNode) else str(s)}
            if p == RDF.type:
                obj.setdefault("@type", []).append(str(o))
            else:
                obj.setdefault(str(p), []).append(term(o))
        if obj is not None:
            f.write(("" if first else ",\n") + json.dumps(obj, ensure_ascii=False))
        f.write("]\n")


def _local(uri) -> str:
    text = str(uri)
    return unquote(re.split(r"[/#:]", text.rstrip("/#"))[-1]) or text


def _check_kind(path: Path, fmt: str, label: str) -> None:
    """A file whose contents are another kind than its format's (a web page,
    a PDF, a compressed file) refused, naming it (see
    :func:`orgmodel._filekind.named_otherwise`)."""
    other = named_otherwise(path, ".jsonld" if fmt == "json-ld" else ".ttl") \
        if path.is_file() else None
    if other:
        raise ValidationError([Problem(label, None, other)], where=str(path))


def _check_jsonld(path: Path, label: str) -> None:
    """A JSON-LD file is one JSON object (or a list of them) whose contexts
    are written out in it: orgmodel fetches nothing a file names."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except RecursionError:
        raise ValidationError([Problem(label, None, N_("is nested too deeply to read as JSON-LD"))],
                              where=str(path)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise ValidationError([Problem(label, line, Message("is not valid JSON: {reason}",
                                                            reason=str(exc)))],
                              where=str(path)) from None
    if not isinstance(doc, (dict, list)) or (isinstance(doc, list) and not all(
            isinstance(d, dict) for d in doc)):
        raise ValidationError([Problem(label, None, Message(
            "is not a JSON-LD document: it must be a JSON object (or a list of objects), not "
            "{type}", type=type(doc).__name__))], where=str(path))
    odd = _odd_context(doc)
    if odd is not None:
        raise ValidationError([Problem(label, None, Message(
            "is not a JSON-LD document that can be read: an @context holds {v} ({type}); a "
            "context is an object of term definitions, or a list of them",
            v=json.dumps(odd)[:60], type=type(odd).__name__))], where=str(path))
    remote = remote_contexts(doc)
    if remote:
        raise ValidationError([Problem(label, None, Message(
            "names its @context by address ({address} and {n} more): orgmodel never fetches "
            "anything over the network, so write the context out in the file",
            address=remote[0], n=len(remote) - 1) if len(remote) > 1 else Message(
            "names its @context by address ({address}): orgmodel never fetches anything over "
            "the network, so write the context out in the file", address=remote[0]))],
            where=str(path))


def _odd_context(document):
    """The first value of an ``@context`` or ``@import`` (or an item of its
    list) that no context can be (a number, a boolean: rdflib fails on it
    with a Python error of its own), or None."""
    return next((ref for ref in context_values(document)
                 if ref is not None and not isinstance(ref, (str, dict))), None)


@contextmanager
def _quiet(logger: str) -> Iterator[None]:
    """The library logger ``logger`` says nothing while inside."""
    log = logging.getLogger(logger)
    before = log.disabled
    log.disabled = True
    try:
        yield
    finally:
        log.disabled = before


def read_org(path: PathLike, fmt: str | None = None, left_out: list | None = None) -> OrgModel:
    """Read an ORG file (Turtle or JSON-LD) into a model.

    A file of another tool is read through the ORG terms; what it says that
    the model does not take is added to ``left_out`` as
    :class:`~orgmodel.errors.Problem` s and counted in ``org.yaml``'s
    ``import:``.

    Raises
    ------
    ValidationError
        A file that does not parse (with its line where rdflib gives one), or
        a model that breaks the contract.
    """
    path = Path(path)
    label = path.name
    fmt = fmt or ("json-ld" if path.suffix.lower() in (".jsonld", ".json") else "turtle")
    _check_kind(path, fmt, label)
    if fmt == "json-ld":
        _check_jsonld(path, label)
    g = _parsed(path, fmt, label)
    manifest = _manifest_of(g, label, path)
    terms = None        # (the statements read, of a file of another tool)
    records = list(g.subject_objects(_ns()[1].cells))
    if records:
        nodes, edges = _from_records(g, records, label, path)
    else:
        unused: list = []
        nodes, edges, terms, manifest = _from_terms(g, label, path, manifest, unused)
        if left_out is not None:
            left_out.extend(unused)
    try:
        return model_from_tables(manifest, table(nodes), table(edges, ("from", "to", "kind")),
                                 str(path), {"nodes.csv": f"{label} (nodes)",
                                             "edges.csv": f"{label} (edges)"})
    except ValidationError as exc:
        if terms is None:
            raise
        raise _cited(exc, label, terms) from None


def _parsed(path: Path, fmt: str, label: str):
    """The file's RDF graph, or refused naming why it does not parse (with
    its line where rdflib gives one)."""
    from rdflib import Graph
    g = Graph()
    try:
        # (a parser must never fetch what a file names; rdflib's warnings
        # of an IRI it reads anyway, printed before the import's own
        # message, are kept from the reader: the id is checked as any is)
        with offline(), _quiet("rdflib.term"):
            g.parse(str(path), format=_RDF_FORMAT[fmt])
    except NetworkRefused as exc:
        raise ValidationError([Problem(label, None, str(exc))], where=str(path)) from None
    except OSError as exc:
        # (a folder, a name too long, no permission: the file system's
        # words, as every reader says them, not the parser's echo of them)
        from .._staging import os_reason
        raise ValidationError([Problem(label, None, os_reason(exc))],
                              where=str(path)) from None
    except RecursionError:
        raise ValidationError([Problem(label, None, Message(
            "is nested too deeply to read as {format} (lists or blank nodes inside one another, "
            "thousands deep)", format=fmt))], where=str(path)) from None
    except Exception as exc:   # rdflib raises parser-specific errors of many kinds
        m = re.search(r"line (\d+)", str(exc))
        msg = re.sub(r"\s+", " ", str(exc)).strip()
        # (the line is the problem's row; the parser's echo of the text
        # around it is Python's bytes, b'...', to no reader's use)
        msg = re.sub(r"\s+at \^ in: .*$", "", re.sub(r"^at line \d+ of <[^>]*>:\s*", "", msg))
        msg = msg[:300]
        raise ValidationError([Problem(label, int(m.group(1)) if m else None, Message(
            "is not valid {format}: {reason}", format=fmt, reason=msg))],
            where=str(path)) from None
    return g


def _manifest_of(g, label: str, path: Path) -> dict:
    """The organisation's settings a file orgmodel wrote keeps (``om:manifest``),
    or none."""
    manifest = {}
    for _, _, text in g.triples((None, _ns()[1].manifest, None)):
        try:
            manifest = json.loads(str(text))
        except ValueError:
            raise ValidationError([Problem(label, None, N_("om:manifest is not valid JSON"))],
                                  where=str(path)) from None
    return manifest


def _from_records(g, records: list, label: str, path: Path) -> tuple[list, list]:
    """The nodes and edges of a file orgmodel wrote, from the cells each
    record keeps, in the order they were written."""
    from rdflib.namespace import RDF
    om = _ns()[1]
    nodes, edges = [], []
    _check_records(g, label, path, {s_ for s_, _ in records})
    for s_, cells in records:
        try:
            rec = json.loads(str(cells))
        except ValueError:
            raise ValidationError([Problem(label, None, Message(
                "om:cells of {subject} is not valid JSON", subject=str(s_)))],
                where=str(path)) from None
        seq = rec.pop("@seq", 1 << 62)
        target = edges if (s_, RDF.type, om.Edge) in g else nodes
        target.append((seq, rec))
    return ([r for _, r in sorted(nodes, key=lambda x: x[0])],
            [r for _, r in sorted(edges, key=lambda x: x[0])])


def _from_terms(g, label: str, path: Path, manifest: dict, unused: list) -> tuple:
    """``(nodes, edges, terms, manifest)`` of a file another tool wrote, read
    through the ORG terms; what it says that is not read is added to
    ``unused`` and counted in the manifest's ``import:``."""
    classed, clashes = classify(g, lambda term: _short(g, term))
    itself = [r for r, c in classed.items() if c.cls == FORMAL]
    nodes, edges, terms = _from_org_terms(g, label, (classed, clashes, itself), unused)
    if not nodes:
        raise ValidationError([Problem(label, None, Message(
            "holds no organisation: none of its {n} statements names an org:Post, "
            "org:OrganizationalUnit, org:Organization or foaf:Person", n=len(g)))],
            where=str(path))
    manifest = manifest or {"name": _org_name(g, itself) or path.stem,
                            "sources": {"org": f"{label} (W3C ORG)"}}
    if unused:
        # (statements, as the lines of a file: those of one term counted once each)
        manifest["import"] = {"rows_read": len(g), "rows_left_out": sum(
            p.message.values.get("n", 1) for p in unused)}
    return nodes, edges, terms, manifest


def _check_records(g, label: str, path: Path, recorded: set) -> None:
    """In a file orgmodel wrote, every edge (``om:Edge``) and every node (a
    subject named with ``skos:prefLabel`` or ``foaf:name``, but the
    organisation and the capacities) carries ``om:cells``: one without it (a line
    changed by hand, another tool's addition) would be left out in silence,
    so it is refused, naming it."""
    ORG, om, FOAF, RDF, SKOS = _ns()
    named = {s_ for p in (SKOS.prefLabel, FOAF.name) for s_ in g.subjects(p, None)}
    edges = set(g.subjects(RDF.type, om.Edge))
    mine = set(g.subjects(om.manifest, None))
    # (a capacity, an org:Role, is written from the edges that name it)
    capacities = set(g.subjects(RDF.type, ORG.Role)) - set(g.subjects(RDF.type, om.Role))
    bare = sorted(map(str, (named | edges) - recorded - mine - capacities))
    if bare:
        raise ValidationError([Problem(label, None, Message(
            "no om:cells for {what}, which every node and edge of a file orgmodel writes "
            "has: it would be left out (was the file changed by hand? write it again with "
            "'orgmodel export org')", what=Listing(", ", [f"<{s_}>" for s_ in bare[:5]])
            + ("" if len(bare) <= 5 else Message(" and {n} more", n=len(bare) - 5))))],
            where=str(path))


def _org_name(g, itself):
    from rdflib.namespace import SKOS
    for s in itself:
        name = _name(_labels(g, s, (SKOS.prefLabel,)))
        if name:
            return name
    return None


#: The ORG terms a file of another tool is read through (with the names:
#: skos:prefLabel, foaf:name, rdfs:label); every other statement is named as
#: not read.
_READ_TERMS = ("reportsTo", "heldBy", "holds", "hasUnit", "unitOf", "subOrganizationOf",
               "hasSubOrganization", "postIn", "hasPost", "member", "organization", "role",
               "memberOf", "hasMember", "headOf")


def _from_org_terms(g, label, classes, left_out: list | None = None):
    """Nodes and edges from plain ORG terms (a file another tool wrote);
    what is not read is added to ``left_out`` (see :func:`_not_read`).

    ``classes`` is what :func:`~orgmodel.formats._org_classes.classify`
    found (each resource's class, the resources whose class the file says
    two ways) and the resources that are the organisation itself."""
    r = _TermReading(g, classes)
    r.add_resources()
    held, posts_of = r.holdings()
    _lines(g, posts_of, r.kinds, r.edge, r.skipped, r.name_of)
    for person, post in sorted(held):
        r.edge("org:holds", person, post, "HOLDS")
    _heads(g, posts_of, r.seen, r.edge, r.skipped, r.name_of, r.itself)
    r.add_containments()
    r.add_memberships()
    r.add_post_roles()
    if left_out is not None:
        left_out.extend(r.left_out(label))
    return r.nodes, r.edges, (r.terms, r.edge_terms)


class _TermReading:
    """One reading of a graph's plain ORG terms: the nodes and edges made
    so far, the resource each node is made of (``seen``: resource -> id;
    ``kinds``: resource -> kind), the statement each cites, and the
    statements read but not used (``skipped``: term, why, subject, object)."""

    #: what every node and edge read from the terms says of how it is known
    SRC = {"source": "org", "evidence": "stated"}

    def __init__(self, g, classes):
        self.g = g
        self.classed, self.clashes, self.itself = classes
        self.nodes: list = []
        self.edges: list = []
        self.seen: dict = {}
        self.kinds: dict = {}
        self.terms: list = []       # the statement of each node (see _cited)
        self.edge_terms: list = []  # the same, of each edge
        self.skipped: list = []

    def name_of(self, s):
        return _name(_labels(self.g, s)) or _local(s)

    def add(self, s, kind, **extra):
        """The node of resource ``s`` (made a ``kind`` the first time)."""
        from rdflib import BNode
        if s in self.seen:
            return self.seen[s]
        labels = _labels(self.g, s)
        # (a blank node's own label is random on every read: it is named
        # after its kind and name instead, the same on every import)
        i = f"{kind.lower()}:{slug(_name(labels) or 'unnamed')}" if isinstance(s, BNode) \
            else _local(s)
        while i in self.seen.values():
            i += "_"
        self.seen[s], self.kinds[s] = i, kind
        # (a name in Dutch and in English: the report in each language shows its own)
        names = {f"name_{lang}": text for lang, text in labels.items() if lang in ("en", "nl")}
        self.nodes.append({"id": i, "kind": kind, "name": self.name_of(s), **names,
                           **self.SRC, **extra})
        self.terms.append(_statement(self.g, s))
        return i

    def edge(self, term, u, v, kind, **extra) -> None:
        """An edge of ``kind`` from ``u`` to ``v`` where both are read and
        the graph contract lets it join them; else said as not used."""
        if u not in self.seen or v not in self.seen:
            if v not in self.itself:
                self.skipped.append((term, N_("an end is not a post, unit, organisation or "
                                              "person of the file"), u, v))
            return
        if u == v:
            # (a unit within itself, a post reporting to itself: a slip of the
            # file, which one statement need not cost the whole import)
            self.skipped.append((term, N_("it joins a resource to itself"), u, v))
            return
        ek = EDGE_KINDS[kind]
        a, b = self.kinds.get(u), self.kinds.get(v)
        # (a post is held by a person alone: the contract's HOLDS of a post
        # or role is of a portfolio, and one post "held by" another refused
        # the whole file)
        if a not in ek.sources or b not in ek.targets or \
                (kind == "HOLDS" and b == "Post" and a != "Person"):
            self.skipped.append((term, Message("orgmodel has no {kind} from a {a} to a {b}",
                                               kind=kind, a=a, b=b), u, v))
            return
        self.edges.append({"from": self.seen[u], "to": self.seen[v], "kind": kind,
                           **self.SRC, **extra})
        self.edge_terms.append(f"{_statement(self.g, u)} {term} {_statement(self.g, v)}")

    def add_resources(self) -> None:
        """A node of each post, person, unit and organisation, in that order."""
        within = _within(self.g)
        for cls, kind, extra in ((POST, "Post", {"sphere": "official"}), (PERSON, "Person", {}),
                                 (UNIT, "Team", {"team_kind": "unit"}),
                                 (ORGANIZATION, None, {})):
            for s, c in self.classed.items():
                if c.cls != cls:
                    continue
                # (an organisation inside another, or with others inside it, is a
                # unit of the structure: MEMBER_OF joins teams; else a body)
                unit = kind is None and s in within
                node_kind = kind or ("Team" if unit else "Body")
                if kind is None:
                    extra = {"team_kind": "unit"} if unit else {"body_kind": "board"}
                self.add(s, node_kind, **extra, **_how_known(self.g, s, c, unit))

    def holdings(self) -> tuple[set, dict]:
        """The (person, post) pairs the file states either way round, and
        each person's posts among them."""
        ORG = _ns()[0]
        held = {(person, post) for post, person in self.g.subject_objects(ORG.heldBy)} | \
            set(self.g.subject_objects(ORG.holds))
        posts_of: dict = {}
        for person, post in held:
            if person in self.seen and self.kinds.get(post) == "Post":
                posts_of.setdefault(person, []).append(post)
        return held, posts_of

    def add_containments(self) -> None:
        """A MEMBER_OF for each unit, sub-organisation, post or member in
        another, whichever way round the file states it."""
        g, ORG = self.g, _ns()[0]
        inside = {(c, p, "org:unitOf") for p, c in g.subject_objects(ORG.hasUnit)} | \
            {(c, p, "org:unitOf") for c, p in g.subject_objects(ORG.unitOf)} | \
            {(c, p, "org:subOrganizationOf")
             for p, c in g.subject_objects(ORG.hasSubOrganization)} | \
            {(c, p, "org:subOrganizationOf") for c, p in g.subject_objects(ORG.subOrganizationOf)} | \
            {(c, p, "org:postIn") for p, c in g.subject_objects(ORG.hasPost)} | \
            {(c, p, "org:postIn") for c, p in g.subject_objects(ORG.postIn)} | \
            {(c, p, "org:memberOf") for p, c in g.subject_objects(ORG.hasMember)} | \
            {(c, p, "org:memberOf") for c, p in g.subject_objects(ORG.memberOf)}
        joined: set = set()
        for child, parent, term in sorted(inside):
            # (two terms of one containment, `unitOf` and `subOrganizationOf`,
            # are one MEMBER_OF: given twice, the whole file was refused)
            if (child, parent) not in joined:
                joined.add((child, parent))
                self.edge(term, child, parent, "MEMBER_OF")

    def add_memberships(self) -> None:
        """A MEMBER_OF for each ``org:Membership``, with its role's label as
        the capacity."""
        from rdflib.namespace import RDF, SKOS
        g, ORG = self.g, _ns()[0]
        for m in g.subjects(RDF.type, ORG.Membership):
            who, where = g.value(m, ORG.member), g.value(m, ORG.organization)
            role = g.value(m, ORG.role)
            cap = g.value(role, SKOS.prefLabel) if role is not None else None
            self.edge("org:Membership", who, where, "MEMBER_OF",
                      **({"capacity": str(cap)} if cap is not None and str(cap) else {}))

    def add_post_roles(self) -> None:
        """A post's ``org:role`` (what its holder does, apart from the
        post: *Teamleider* of the post *Teamleider Burgerzaken*): a role
        the post plays (PLAYS), the role a node of its own.  ``org:role``
        of a resource neither a post nor a membership is named, not read."""
        from rdflib.namespace import RDF
        g, ORG = self.g, _ns()[0]
        memberships = set(g.subjects(RDF.type, ORG.Membership))
        for s, role in sorted(g.subject_objects(ORG.role)):
            if s in memberships:
                continue
            if self.kinds.get(s) != "Post":
                self.skipped.append(("org:role", N_("orgmodel reads the role of a post or of "
                                                    "a membership"), s, role))
                continue
            self.add(role, "Role")
            self.edge("org:role", s, role, "PLAYS")

    def left_out(self, label) -> list:
        """Problems naming what the file says that was not read: resources
        of two classes, and the statements skipped or of terms not known."""
        out = [Problem(label, None, Message(
            "'{name}' is an org:{a} {used_a} and an org:{b} {used_b}: the file does not "
            "say which; not read", name=self.name_of(r), a=x.cls, used_a=_used(x), b=y.cls,
            used_b=_used(y)))
            for r, x, y in self.clashes]
        return out + _not_read(self.g, label, self.skipped, self.name_of,
                               _types_read(self.g, self.classed, self.seen))


def _lines(g, posts_of, kinds, edge, skipped, name_of) -> None:
    """``org:reportsTo``.  Between posts, a line; between people (as HR
    exports write it), in orgmodel a person holds a post and posts report:
    the posts they hold, where each holds one alone, are inferred to report
    so.  A person who holds no post of the file, or several, is named."""
    ORG = _ns()[0]
    pairs = sorted(g.subject_objects(ORG.reportsTo))
    people = [(s, o) for s, o in pairs if "Person" in (kinds.get(s), kinds.get(o))]
    done = set(pairs) - set(people)
    for s, o in pairs:
        if (s, o) in done:
            edge("org:reportsTo", s, o, "REPORTS_TO")
    for s, o in people:
        ends = [posts_of.get(x, []) if kinds.get(x) == "Person" else [x] for x in (s, o)]
        if any(len(e) != 1 for e in ends) or (ends[0][0], ends[1][0]) in done:
            skipped.append(("org:reportsTo", N_(
                "a person's line is their post's, and a person at its ends holds no post of "
                "the file, or several: which post reports, the file does not say")
                if any(len(e) != 1 for e in ends) else
                N_("the line of the posts they hold is said already"), s, o))
            continue
        done.add((ends[0][0], ends[1][0]))
        edge("org:reportsTo", ends[0][0], ends[1][0], "REPORTS_TO", evidence="inferred",
             note=f"org:reportsTo: {name_of(s)} reports to {name_of(o)}, and each holds this "
                  "post alone in the file")


def _heads(g, posts_of, seen, edge, skipped, name_of, itself) -> None:
    """``org:headOf``: a person heads a unit.  In orgmodel a post leads a
    team (LEADS); the post a head holds, where they hold one alone, is
    inferred to lead it.  A head who holds no post of the file, or several,
    is named: which post leads, the file does not say."""
    ORG = _ns()[0]
    for person, unit in sorted(g.subject_objects(ORG.headOf)):
        theirs = posts_of.get(person, [])
        if len(theirs) != 1 or unit not in seen:
            skipped.append(("org:headOf", N_("the organisation itself is led by its top post, "
                                             "not by a post that leads a unit") if unit in itself
                            else N_("an end is not a post, unit, organisation or person of the "
                                    "file") if unit not in seen else
                            N_("the head holds no post of the file: no post leads the unit")
                            if not theirs else
                            N_("the head holds several posts: which leads the unit, the file "
                               "does not say"), person, unit))
            continue
        edge("org:headOf", theirs[0], unit, "LEADS", evidence="inferred",
             note=f"org:headOf: {name_of(person)} heads it, and holds this post alone in the file")


def _used(c) -> Message:
    """Where a resource is used that makes it of class ``c``: ``as the
    object of org:subOrganizationOf``, ``by its type org:Post``."""
    if not c.end:           # (typed with it, or with a class of it)
        return Message("by its type {name}", name=c.via)
    return Message(N_("as the subject of {term}") if c.end == "subject" else
                   N_("as the object of {term}"), term=c.via)


def _within(g) -> set:
    """The resources at either end of a statement that one organisation is
    inside another (``org:subOrganizationOf``, ``org:unitOf`` and their
    inverses)."""
    ORG = _ns()[0]
    return {r for term in ("subOrganizationOf", "hasSubOrganization", "unitOf", "hasUnit")
            for pair in g.subject_objects(ORG[term]) for r in pair}


def _how_known(g, s, c, unit: bool) -> dict:
    """The note (and, for a class the ORG ontology implies, the evidence)
    of a node read as class ``c``: a reader of the model sees why a
    ``berorgs:Referat`` is a team."""
    from rdflib.namespace import RDF
    notes = []
    if c.how == "subclass":
        notes.append(f"of class {c.via}, which the file declares a kind of org:{c.cls}")
    elif c.how == "term":
        types = ", ".join(sorted(_short(g, t) for t in g.objects(s, RDF.type)))
        notes.append((f"of class {types}, which the file does not declare: " if types else
                      "of no class in the file: ") +
                     f"an org:{c.cls} as the {c.end} of {c.via} (W3C ORG)")
    if unit:
        notes.append("read as a unit: an organisation within another, or with others within it")
    out = {"note": "; ".join(notes)} if notes else {}
    return {**out, "evidence": "inferred"} if c.how == "term" else out


def _types_read(g, classed: dict, seen: dict) -> set:
    """The ``rdf:type`` and ``rdfs:subClassOf`` statements the nodes read
    were read by (not to be named as left out)."""
    from rdflib.namespace import RDF, RDFS
    subs = subclasses(g)
    out = {(s, RDFS.subClassOf, o) for s, o in g.subject_objects(RDFS.subClassOf) if s in subs}
    for s, c in classed.items():
        if (s in seen or c.cls == FORMAL) and c.how != "typed":
            out |= {(s, RDF.type, o) for o in g.objects(s, RDF.type)
                    if c.how == "term" or o in subs}
    # (an org:Role a post plays is a node: its type was read)
    return out | {(s, RDF.type, _ns()[0].Role) for s in seen}


def _labels(g, s, terms=None) -> dict:
    """``{language: label}`` of ``s`` by the first naming term that has any
    (``terms``; default skos:prefLabel, foaf:name, rdfs:label; ``""``: a
    label without a language)."""
    from rdflib.namespace import FOAF, RDFS, SKOS
    for p in terms or (SKOS.prefLabel, FOAF.name, RDFS.label):
        found: dict = {}
        for v in g.objects(s, p):
            found.setdefault((getattr(v, "language", None) or "").split("-")[0].casefold(),
                             str(v))
        if found:
            return found
    return {}


def _name(labels: dict) -> str:
    """The name of a node from its labels by language: the one without a
    language, else the English, else the Dutch, else the first.

    >>> _name({"nl": "Teammanager", "en": "Team manager"}), _name({"de": "Leiter"}), _name({})
    ('Team manager', 'Leiter', '')
    """
    for lang in ("", "en", "nl"):
        if lang in labels:
            return labels[lang]
    return labels[min(labels)] if labels else ""


def _statement(g, term) -> str:
    """A resource as the file writes it (``ex:tm``, ``<http://...>``; a
    blank node by its label): what a problem cites, a file of triples
    having no rows."""
    from rdflib import BNode
    if isinstance(term, BNode):
        return f"[{_name(_labels(g, term))}]"
    return _short(g, term)


def _cited(exc: ValidationError, label: str, terms: tuple) -> ValidationError:
    """``exc`` with each problem of a row of the tables read from a file of
    another tool cited by the statement it was read from (the rows are the
    reader's, not the file's)."""
    node_terms, edge_terms = terms
    of = {f"{label} (nodes)": node_terms, f"{label} (edges)": edge_terms}
    problems = []
    for p in exc.problems:
        found = of.get(p.file)
        if found is not None and p.row is not None and 2 <= p.row < len(found) + 2:
            p = Problem(label, None, Message("{statement}: {problem}",
                                             statement=found[p.row - 2], problem=p.message))
        elif found is not None:
            p = Problem(label, None, p.message)
        problems.append(p)
    return ValidationError(problems, where=exc.where)


def _not_read(g, label, skipped: list, name_of, read: set | frozenset = frozenset()) -> list:
    """What a file of another tool says that the model does not take, as
    :class:`~orgmodel.errors.Problem` s: each statement of a term read
    that could not be used (with why), and per term or class never read,
    how many statements use it."""
    from rdflib.namespace import FOAF, RDF, RDFS, SKOS
    ORG = _ns()[0]
    # (a why that is a Message already keeps its id: Message() of it would
    # take its English as the id, and a Dutch reader got English)
    out = [Problem(label, None, Message("{term} from '{a}' to '{b}' not read: {why}", term=term,
                                        a=name_of(u) if u is not None else "?",
                                        b=name_of(v) if v is not None else "?",
                                        why=why if isinstance(why, Message) else Message(why)))
           for term, why, u, v in skipped]
    used = {ORG[t] for t in _READ_TERMS} | {SKOS.prefLabel, FOAF.name, RDFS.label, RDF.type}
    kept = {ORG.Post, FOAF.Person, ORG.OrganizationalUnit, ORG.Organization,
            ORG.FormalOrganization, ORG.Membership}
    counts: dict = {}
    for s, p, o in g:
        if (s, p, o) in read:
            continue
        if p not in used:
            counts[_short(g, p)] = counts.get(_short(g, p), 0) + 1
        elif p == RDF.type and o not in kept:
            key = Message("resources of class {c}", c=_short(g, o))
            counts[key] = counts.get(key, 0) + 1
    out += [Problem(label, None, Message(
        N_("{term}: {n} statements not read (orgmodel has no node or edge for them)") if n != 1
        else N_("{term}: 1 statement not read (orgmodel has no node or edge for it)"),
        term=term, n=n)) for term, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))]
    return out


def _short(g, uri) -> str:
    """A term as its file's prefixes write it (``org:headOf``), else whole."""
    try:
        return g.namespace_manager.normalizeUri(uri)
    except Exception:       # (rdflib refuses some IRIs a prefix cannot write)
        return str(uri)


def change_events(d):
    """The triples of a diff as W3C ORG ``org:ChangeEvent`` records: one for
    the organisation as a whole (the as-is organisation to the to-be one) and
    one per unit (Team) added, closed, moved or changed, with its original
    and resulting unit (the IRIs of each side's ORG export) and the dates."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF, SKOS, XSD
    ORG, om, _, _, _ = _ns()
    a, b = d.before, d.after
    ba, bb = _base(a), _base(b)
    base = f"urn:orgmodel:change:{quote(a.name or 'a', safe='')}:{quote(a.date or '', safe='')}:" \
           f"{quote(b.name or 'b', safe='')}:{quote(b.date or '', safe='')}:"

    def event(key, label, original, resulting):
        e = URIRef(base + quote(key, safe=""))
        yield e, RDF.type, ORG.ChangeEvent
        yield e, SKOS.prefLabel, Literal(label)
        if original is not None:
            yield e, ORG.originalOrganization, original
        if resulting is not None:
            yield e, ORG.resultingOrganization, resulting
        if b.date:
            yield e, DCTERMS.date, Literal(b.date, datatype=XSD.date)
        if a.date:
            yield e, om.originalDate, Literal(a.date, datatype=XSD.date)
    yield from event("organisation", f"{a.name} to {b.name}", URIRef(ba + "organisation"),
                     URIRef(bb + "organisation"))
    units = d.nodes[(d.nodes["kind"] == "Team") & (d.nodes["status"] != "unchanged")]
    for r in units.to_dict("records"):
        i = r["id"]
        original = None if r["status"] == "added" else URIRef(ba + "node/" + quote(i, safe=""))
        resulting = None if r["status"] == "closed" else URIRef(bb + "node/" + quote(i, safe=""))
        label = f"{r['name']}: {r['status']}" + (f" ({r['detail']})" if r["detail"] else "")
        yield from event(f"unit/{i}", label, original, resulting)


def write_change_events(d, path, fmt="turtle") -> Path:
    """Write :func:`change_events` of a diff as Turtle or JSON-LD."""
    g = _graph(change_events(d))
    return atomic_write(path, lambda tmp: g.serialize(destination=str(tmp),
                                                      format=_RDF_FORMAT[fmt]))
