"""Which class of the W3C Organization Ontology each resource of a file of
another tool is, so that :mod:`~orgmodel.formats.w3c_org` can read it.

Published files seldom type their resources with ORG's own classes: a
city's units are ``berorgs:Abteilung`` or ``berorgs:Referat``, declared
(in the file or in a vocabulary elsewhere) as subclasses of
``org:Organization``, and tied together by ``org:subOrganizationOf``.  A
resource's class is, in this order:

1. the ORG (or FOAF) class it is typed with;
2. a class of the file that the file declares a subclass of one
   (``rdfs:subClassOf``, through any number of steps): RDFS says it is of
   that class too;
3. else what the ORG ontology says of the terms it is used in: the object
   of ``org:subOrganizationOf`` is an ``org:Organization``, the subject of
   ``org:postIn`` an ``org:Post`` (their ``rdfs:domain`` and
   ``rdfs:range``).  The node says it is inferred, and how.

A resource two terms give different classes (a post by ``org:postIn`` and
an organisation by ``org:subOrganizationOf``) is given none: which it is,
the file does not say, and nothing is guessed.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Classed", "classify", "POST", "PERSON", "UNIT", "ORGANIZATION", "FORMAL"]

#: The classes a resource can be read as (ORG's local names; Person is FOAF's).
POST, PERSON, UNIT, ORGANIZATION, FORMAL = (
    "Post", "Person", "OrganizationalUnit", "Organization", "FormalOrganization")

#: A class that is a kind of another (ORG: both organisations' subclasses).
_BROADER = {UNIT: ORGANIZATION, FORMAL: ORGANIZATION}

#: The ORG ontology's ``rdfs:domain`` and ``rdfs:range`` of the terms read
#: (``None``: an agent or a membership, which says no class orgmodel reads).
#: ``org:unitOf``'s range is a FormalOrganization; it is read as an
#: organisation, a node of its own: that it is the file's organisation
#: itself, only the file's own ``a org:FormalOrganization`` says.
DOMAIN_RANGE = {
    "subOrganizationOf": (ORGANIZATION, ORGANIZATION),
    "hasSubOrganization": (ORGANIZATION, ORGANIZATION),
    "unitOf": (UNIT, ORGANIZATION),
    "hasUnit": (ORGANIZATION, UNIT),
    "postIn": (POST, ORGANIZATION),
    "hasPost": (ORGANIZATION, POST),
    "heldBy": (POST, None),
    "holds": (None, POST),
    "headOf": (PERSON, ORGANIZATION),
    "memberOf": (None, ORGANIZATION),
    "hasMember": (ORGANIZATION, None),
    "organization": (None, ORGANIZATION),
}


@dataclass(frozen=True)
class Classed:
    """A resource's class and how the file says it.

    ``how`` is ``"typed"`` (``a org:Post``), ``"subclass"`` (``a
    berorgs:Referat``, a subclass of ``org:Organization`` in the file) or
    ``"term"``; ``via`` is the class or the term as the file writes it,
    ``end`` the end of the term the resource is at (``"object"``).
    """

    cls: str
    how: str
    via: str
    end: str = ""           # (of a term: the "subject" or the "object")


def _bases(g) -> dict:
    from rdflib.namespace import FOAF
    org = _org()
    return {org[c]: c for c in (POST, UNIT, ORGANIZATION, FORMAL)} | {FOAF.Person: PERSON}


def _org():
    from rdflib import Namespace
    return Namespace("http://www.w3.org/ns/org#")


def subclasses(g) -> dict:
    """``{class: ORG class}`` for each class the file declares, through
    ``rdfs:subClassOf`` in any number of steps, a subclass of an ORG class
    (the narrowest, where it reaches more than one).

    A circle of subclasses ends where it began.
    """
    from rdflib.namespace import RDFS
    out: dict = {}
    for base, cls in sorted(_bases(g).items(), key=lambda kv: kv[1] in _BROADER.values()):
        todo, seen = [base], {base}
        while todo:
            for sub in g.subjects(RDFS.subClassOf, todo.pop()):
                if sub not in seen:
                    seen.add(sub)
                    out.setdefault(sub, cls)
                    todo.append(sub)
    return out


def _narrower(a: str, b: str) -> str | None:
    """The class of a resource said to be ``a`` and ``b``: the narrower
    where one is a kind of the other, else ``None`` (they disagree)."""
    if a == b or _BROADER.get(a) == b:
        return a
    if _BROADER.get(b) == a:
        return b
    return None


def classify(g, short) -> tuple:
    """``({resource: Classed}, [(resource, Classed, Classed)])``: each
    resource's class, and the resources two terms give classes that
    disagree (left unclassed).  ``short`` writes a term as the file does."""
    from rdflib import Literal
    from rdflib.namespace import RDF
    bases, subs = _bases(g), subclasses(g)
    found: dict = {}
    clashes: list = []
    for s, o in g.subject_objects(RDF.type):
        if o not in bases and o not in subs:
            continue
        cls, how = (bases[o], "typed") if o in bases else (subs[o], "subclass")
        now, said = found.get(s), Classed(cls, how, short(o))
        if now is not None and how == now.how and _narrower(now.cls, cls) is None:
            clashes.append((s, now, said))      # (typed a post and an organisation)
        # (typed as a unit and as an organisation: a unit, the narrower)
        elif now is None or (now.how != "typed" and how == "typed") or \
                (_narrower(now.cls, cls) == cls and how == now.how):
            found[s] = said
    org = _org()
    by_term: dict = {}
    for term, ends in DOMAIN_RANGE.items():
        for s, o in g.subject_objects(org[term]):
            for end, res, cls in zip(("subject", "object"), (s, o), ends):
                if cls is None or isinstance(res, Literal) or res in found:
                    continue
                said = Classed(cls, "term", f"org:{term}", end)
                now = by_term.get(res)
                if now is None:
                    by_term[res] = said
                elif (narrow := _narrower(now.cls, cls)) is None:
                    clashes.append((res, now, said))
                elif narrow != now.cls:
                    by_term[res] = said
    clashed = {res for res, _, _ in clashes}
    found.update({res: c for res, c in by_term.items() if res not in clashed})
    found = {res: c for res, c in found.items() if res not in clashed}
    return found, [c for i, c in enumerate(clashes) if c[0] not in {x[0] for x in clashes[:i]}]
