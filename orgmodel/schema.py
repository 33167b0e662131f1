"""The graph contract: node kinds, edge kinds, what they may join, which
attributes they need.

Everything else in orgmodel (reading, validation, the Neo4j store, the HTML
export) reads this module, so the contract is written down once.  It follows
the model drawn from the sources (docs/domain.md), refined where the data demanded it:

* a ``Topic`` node kind holds portfolio items that are neither a team cluster
  nor a commission (operations fields, corporate themes);
* ``COMMISSIONS`` may start at a Partner (partners that award work
  themselves); R10 then checks that every commission still has a
  commissioner inside the municipality;
* model v2: vacant, external and placeholder posts, people holding posts
  with an FTE, ``Staff`` counted per grade under a post, collective
  ``Body`` nodes with members in a capacity, steering ``Instrument`` nodes,
  dated and temporary edges, portfolio coverage with exceptions, mandates
  naming their powers, and an evidence grade on every row;
* model v3: a ``Post`` (a *functie*: a position in the line, counted in
  formation, layers and spans) and a ``Role`` (a *rol*: a capacity a post,
  person or body plays, with powers, seats on bodies and commissions) are
  two kinds; ``PLAYS`` joins them, dated, graded and optionally scoped.

>>> sorted(EDGE_KINDS["REPORTS_TO"].sources)
['Post']
>>> allowed("HOLDS", "Post", "Portfolio")
True
>>> allowed("REPORTS_TO", "Role", "Post")
False
>>> allowed("PLAYS", "Post", "Role")
True
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import N_

__all__ = [
    "NODE_KINDS",
    "EDGE_KINDS",
    "NodeKind",
    "EdgeKind",
    "NODE_COLUMNS",
    "EDGE_COLUMNS",
    "SPHERES",
    "SCOPE_KINDS",
    "LEVELS",
    "PORTFOLIO_CATEGORIES",
    "GRADES",
    "MEMBER_CAPACITIES",
    "BODY_KINDS",
    "RULES",
    "CLIMBABLE",
    "MANIFEST_SCHEMA",
    "NODE_ATTRIBUTES",
    "EDGE_ATTRIBUTES",
    "RESERVED_COLUMNS",
    "RESERVED_EDGE_COLUMNS",
    "VOCABULARY_KEY",
    "DUTCH_KINDS",
    "allowed",
]

SPHERES = ("political", "official")
LEVELS = ("concern", "team-connecting", "team")
PORTFOLIO_CATEGORIES = (
    "programmatic",
    "team-connecting",
    "operations",
    "projects",
    "corporate theme",
)
#: How a fact is known (the ``evidence`` column of every row).
GRADES = ("stated", "inferred", "assumed")
#: In what capacity a member sits on a collective body.
MEMBER_CAPACITIES = ("chair", "member", "political commissioner", "official commissioner",
                     "delegated official commissioner", "assignee", "adviser", "secretary")
#: Awb 10:1 (mandaat), 10:12 (volmacht: private-law acts), machtiging (acts
#: that are not decisions).
MANDATE_KINDS = ("mandaat", "volmacht", "machtiging")
BODY_KINDS = ("board", "directorate", "consultation", "triangle", "committee")


@dataclass(frozen=True)
class NodeKind:
    name: str
    doc: str
    #: attribute -> allowed values (None = any text)
    choices: dict = field(default_factory=dict)
    required: tuple = ()


@dataclass(frozen=True)
class EdgeKind:
    name: str
    doc: str
    sources: frozenset
    targets: frozenset
    choices: dict = field(default_factory=dict)


NODE_KINDS = {
    k.name: k
    for k in [
        NodeKind("Post", "a post (functie): a position in the line, counted in formation, "
                 "layers and spans; political offices are posts of sphere political",
                 {"sphere": SPHERES, "level": LEVELS}, ("sphere",)),
        NodeKind("Role", "a role (rol): a capacity a post, person or body plays (PLAYS); it "
                 "has powers, sits on bodies, gives and carries out commissions",
                 {"sphere": SPHERES, "level": LEVELS}),
        NodeKind("Person", "someone holding one or more posts (HOLDS, with an FTE)"),
        NodeKind("Team", "a team, a cluster of teams, or an organisational unit",
                 {"team_kind": ("team", "cluster", "unit")}, ("team_kind",)),
        NodeKind("Body", "a collective body: board, directorate, consultation, triangle",
                 {"body_kind": BODY_KINDS}, ("body_kind",)),
        NodeKind("Staff", "staff not modelled one by one: a count and FTE per grade or job "
                 "title, under a role (STAFF_OF)"),
        NodeKind("Portfolio", "what a director holds: items in categories"),
        NodeKind("Topic", "a portfolio item that is an operations field or corporate theme"),
        NodeKind("Instrument", "a steering instrument (a plan, a budget, an agreement form)"),
        NodeKind("Partner", "an outside party that does work",
                 {"partner_kind": ("shared service", "market", "institution", "citizens",
                                   "regional body")}, ("partner_kind",)),
        NodeKind("Commission", "an opdracht: process, programme, agenda, project, development "
                 "task, budget programme, or an agreement with a partner",
                 {"commission_kind": ("process", "programme", "agenda", "project",
                                      "development task", "budget programme", "agreement")},
                 ("commission_kind",)),
    ]
}

_POST = frozenset({"Post"})
#: Who may act: a post, or a role (acting through the posts that play it).
_ACTOR = frozenset({"Post", "Role"})
#: What a role's play may be limited to (the ``scope`` column of PLAYS).
SCOPE_KINDS = ("Commission", "Body", "Portfolio", "Team", "Partner")
EDGE_KINDS = {
    k.name: k
    for k in [
        EdgeKind("REPORTS_TO", "the line: a post to its superior post", _POST, _POST),
        EdgeKind("PLAYS", "a post, person or body plays a role (dated; scope: the commission, "
                 "body, portfolio, team or partner it plays it for)",
                 frozenset({"Post", "Person", "Body"}), frozenset({"Role"})),
        EdgeKind("MANDATES", "a mandate: mandator to mandatee, naming its powers; a chain is "
                 "'doorgemandateerd' (ondermandaat)", _ACTOR, _ACTOR,
                 {"mandate_kind": MANDATE_KINDS}),
        EdgeKind("COMMISSIONS", "commissioner to commission",
                 frozenset({"Post", "Role", "Partner", "Body"}), frozenset({"Commission"}),
                 {"capacity": SPHERES}),
        EdgeKind("ASSIGNED_TO", "a commission to whoever carries it out",
                 frozenset({"Commission"}), frozenset({"Post", "Role", "Team", "Partner", "Body"})),
        EdgeKind("HOLDS", "a person holds a post (with an FTE); a post or role holds a "
                 "portfolio", frozenset({"Post", "Role", "Person"}),
                 frozenset({"Portfolio", "Post"})),
        EdgeKind("COVERS", "a portfolio covers an item (excludes/includes: exceptions)",
                 frozenset({"Portfolio"}),
                 frozenset({"Team", "Commission", "Topic", "Partner", "Staff", "Instrument"}),
                 {"category": PORTFOLIO_CATEGORIES}),
        EdgeKind("LEADS", "a post or role leads a team, cluster or body", _ACTOR,
                 frozenset({"Team", "Body"})),
        EdgeKind("MEMBER_OF", "a post or role in a team or body (with a capacity), a team in "
                 "a cluster or unit, staff in a unit",
                 frozenset({"Post", "Role", "Team", "Staff"}), frozenset({"Team", "Body"}),
                 {"capacity": MEMBER_CAPACITIES}),
        EdgeKind("STAFF_OF", "staff counted per grade under the post they work for",
                 frozenset({"Staff"}), _POST),
        EdgeKind("CONTRACTS", "a post or role of the municipality to a partner, through an "
                 "agreement", _ACTOR, frozenset({"Partner"})),
        EdgeKind("OWNS", "a post, role or body that sets or manages a steering instrument",
                 frozenset({"Post", "Role", "Body"}), frozenset({"Instrument"})),
    ]
}

#: The Dutch words of the sources (and of a Dutch user) for the node and
#: edge kinds, folded (lower case, no spaces or underscores): a kind typed in
#: Dutch is an error that names the kind meant, never read as it.
DUTCH_KINDS = {
    "functie": "Post", "formatieplaats": "Post", "rol": "Role", "persoon": "Person",
    "medewerker": "Person", "afdeling": "Team", "eenheid": "Team", "cluster": "Team",
    "orgaan": "Body", "overleg": "Body", "directie": "Body", "portefeuille": "Portfolio",
    "onderwerp": "Topic", "opdracht": "Commission", "programma": "Commission",
    "project": "Commission", "rapporteertaan": "REPORTS_TO", "valtonder": "REPORTS_TO",
    "leidinggevende": "REPORTS_TO", "speelt": "PLAYS", "mandateert": "MANDATES",
    "mandaat": "MANDATES", "geeftopdracht": "COMMISSIONS", "opdrachtgever": "COMMISSIONS",
    "opdrachtnemer": "ASSIGNED_TO", "bekleedt": "HOLDS", "leidt": "LEADS",
    "lidvan": "MEMBER_OF", "contract": "CONTRACTS", "beheert": "OWNS",
}


#: Columns of ``nodes.csv``: every file must have the first three.
#: Text on one line, not empty (a JSON Schema pattern: Python's ``re.search``;
#: ``\\Z``, as ``$`` would also match before a last line break).
ONE_LINE = r"\A[^\n\r\v\f\x85\u2028\u2029]*\S[^\n\r\v\f\x85\u2028\u2029]*\Z"

NODE_COLUMNS = ("id", "kind", "name", "source", "evidence")
#: Columns of ``edges.csv``: every file must have the first three.
EDGE_COLUMNS = ("from", "to", "kind", "source", "evidence")

#: A fact's bookkeeping: where it is cited from, how it is known, and why
#: (in Dutch too): not what it says, so no change of the organisation.
BOOKKEEPING = frozenset({"source", "evidence", "note", "note_nl"})
#: Columns whose text is converted on reading (everything else stays text).
BOOL_COLUMNS = ("executive", "delegated", "budget_holder", "vacant", "external", "placeholder",
                "temporary", "submandate", "consent", "count_unknown")
FLOAT_COLUMNS = ("budget", "ceiling")
#: An FTE as one number (not a range): the part of a held post that is
#: vacant (``vacant_fte``: rows of a vacancy beside its holders').
FTE_COLUMNS = ("vacant_fte",)
INT_COLUMNS = ("count",)
LIST_COLUMNS = ("criteria", "powers", "excludes", "includes", "capacities", "deputy", "scope",
                "appointed_by")
#: Dates as ``YYYY-MM-DD`` text (ISO dates compare as text).
DATE_COLUMNS = ("valid_from", "valid_to", "decision_date", "in_force")
#: List columns whose items are ids of nodes.
ID_LIST_COLUMNS = ("excludes", "includes", "deputy", "scope", "appointed_by")
#: List columns whose items come from a vocabulary ``org.yaml`` declares.
VOCABULARY_COLUMNS = {"criteria": "criteria", "powers": "powers", "capacities": "capacities"}

#: Every column of ``nodes.csv`` that orgmodel reads (docs/model.md lists
#: them).  Any other is an attribute of the user's own, kept as text, unless
#: its name is so near one of these that it may be meant for it
#: (``sourse``, ``bron``): then it is an error, as orgmodel does not guess.
NODE_ATTRIBUTES = frozenset(NODE_COLUMNS) | BOOKKEEPING | {
    "name_en", "name_nl", "sphere", "level", "fte", "grade", "vacant", "vacant_fte", "external",
    "organisation", "placeholder", "count", "count_unknown", "capacities", "appointed_by",
    "team_kind", "body_kind", "partner_kind", "commission_kind", "executive", "criteria",
    "budget", "cost_centre", "deputy", "valid_from", "valid_to"}
#: Every column of ``edges.csv`` that orgmodel reads (as above).
EDGE_ATTRIBUTES = frozenset(EDGE_COLUMNS) | BOOKKEEPING | {
    "temporary", "valid_from", "valid_to", "fte", "capacity", "delegated", "budget_holder",
    "category", "excludes", "includes", "powers", "within", "scope", "mandate_kind",
    "submandate", "ceiling", "instructions", "consent", "decision", "decision_ref",
    "decision_date", "published", "in_force", "signing"}


def allowed(edge_kind: str, source_kind: str, target_kind: str) -> bool:
    """Whether the schema lets an edge of ``edge_kind`` join these node kinds."""
    kind = EDGE_KINDS.get(edge_kind)
    return kind is not None and source_kind in kind.sources and target_kind in kind.targets

#: The governance rules orgmodel can check.  Which apply, and which passage
#: of its own sources states each, is the organisation's data (``rules`` in
#: ``org.yaml``): the code names no source.
RULES = {
    "R1": (N_("Escalate official disagreements never to the executive board or an alderman, "
           "always to the next official level"), ""),
    "R2": (N_("Every commission has a political commissioner and an official commissioner"), ""),
    "R3": (N_("No commission, no work"), ""),
    "R4": (N_("Official commissionership sits with a corporate director, who may delegate it "
           "down the line"), ""),
    "R5": (N_("The official commissioner holds the budget"), ""),
    "R6": (N_("Minimal layering: concern, team-connecting, team"), ""),
    "R7": (N_("Each alderman has, for each (sub)budget programme, exactly one official "
           "responsible for results"), ""),
    "R8": (N_("An executive commission is drawn up when a situation meets several of the "
           "criteria"), ""),
    "R9": (N_("Portfolios are tested yearly for balance across the corporate directors"), ""),
    "R10": (N_("Commissionership cannot be outsourced: the commissioner is always inside the "
            "municipality"), ""),
    "R11": (N_("Powers sit as low in the organisation as possible"), ""),
    "R12": (N_("Criteria decide whether a task stays in-house or goes to partners"), ""),
}

#: Relationship types the database holds beside the model's own: derived from
#: the model by a push, never read back by a pull.
DERIVED_EDGE_KINDS = {
    "ESCALATES_TO": "a role to its next step on an escalation route (property route: the "
                    "route kind; blocked: a candidate the policy forbids); a step that is "
                    "the role's one REPORTS_TO edge is not stored but marked on the role "
                    "(line_routes)",
}

#: Edge kinds an escalation policy may climb, and which way.
CLIMBABLE = {
    "REPORTS_TO": "from a post to its superior",
    "MANDATES": "from a mandatee back to its mandator",
    "COMMISSIONS": "from an assignee to the commissioners of its commission",
    "MEMBER_OF": "from a member to its body, or (from: body) from a body to its members",
    "PLAYS": "from a post to the roles it plays",
}

#: Node columns that a push uses for itself: a column by these names would be
#: overwritten in the database, so validation refuses it.
RESERVED_COLUMNS = ("org", "uid", "seq", "line_routes")
#: Edge columns a push uses for itself (``org`` and ``uid``: what an earlier
#: orgmodel stored on every edge, still read from a database it wrote).
RESERVED_EDGE_COLUMNS = ("org", "uid", "seq", "nth")

#: A text of the organisation's, in one language or per language
#: (``{nl: …, en: …}``: shown in the reader's language, else in English).
TEXT = {"anyOf": [{"type": "string"}, {
    "type": "object", "minProperties": 1, "propertyNames": {"enum": ["nl", "en"]},
    "additionalProperties": {"type": "string"}}]}

_CLIMB = {
    "type": "object", "required": ["edge"], "additionalProperties": False,
    "properties": {
        "edge": {"enum": list(CLIMBABLE)},
        "rule": TEXT,
        # Where the climbing node stands: on a COMMISSIONS climb the assignee
        # or a commissioner, on a MEMBER_OF climb the member or the body.
        "from": {"enum": ["assignee", "commissioner", "member", "body"]},
        "capacity": {"type": "string"},
        "delegated": {"type": "boolean"},
        "budget_holder": {"type": "boolean"},
        # MANDATES: only mandates that pass on this power (a declared power).
        "power": {"type": "string"},
        # Only these nodes may be reached by the climb.
        "to": {"type": "array", "items": {"type": "string"}, "minItems": 1,
               "uniqueItems": True},
    },
}

#: A step: one climb, or a list of climbs taken together (the route branches
#: over all the roles they lead to).
_STEP = {"anyOf": [_CLIMB, {"type": "array", "minItems": 1, "items": _CLIMB}]}

_STEPS = {"type": "array", "minItems": 1, "items": _STEP}

_SPHERE_LIST = {"type": "array", "items": {"enum": list(SPHERES)}, "uniqueItems": True}
_ROLE_LIST = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}

#: A route kind: its steps, or an object with the steps and its own settings.
_ROUTE_KIND = {"anyOf": [_STEPS, {
    "type": "object", "required": ["steps"], "additionalProperties": False,
    "properties": {
        "issue": {**TEXT, "description": "the kind of issue that goes this way"},
        "name": {**TEXT, "description": "what the route kind is called"},
        "steps": _STEPS,
        "forbidden_spheres": _SPHERE_LIST,
        "ends_at": _ROLE_LIST,
        "ends_in_spheres": _SPHERE_LIST,
    }}]}

#: A citation of the organisation's own sources, with an optional note.
_CITED = {"type": ["object", "null"], "additionalProperties": False,
          "properties": {"source": {"type": "string"}, "text": TEXT,
                         "note": {"type": "string"}}}


#: A key of a vocabulary the organisation declares (a power, criterion ...).
VOCABULARY_KEY = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$"


def _vocabulary(fields: dict) -> dict:
    """A vocabulary the organisation declares: key -> its text and source."""
    return {"type": "object",
            "propertyNames": {"type": "string", "pattern": VOCABULARY_KEY},
            "additionalProperties": {"anyOf": [{"type": "string"}, {
                "type": "object", "additionalProperties": False,
                "properties": {**fields, "source": {"type": "string"},
                               "note": {"type": "string"}}}]}}


#: The written schema of ``org.yaml`` (JSON Schema, checked with the
#: ``jsonschema`` library by :func:`orgmodel.validate_folder`).  Every key is
#: optional except ``name``; a key not listed here is an error, so a
#: misspelt ``spn:`` is reported instead of silently ignored.
MANIFEST_SCHEMA = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "propertyNames": {"type": "string"},
    "properties": {
        "name": {"type": "string", "pattern": ONE_LINE,
                 "description": "the organisation's name (also its name in Neo4j), on one "
                                "line"},
        "date": {"type": ["string", "date"],
                 "description": "the date the model describes"},
        "import": {"type": "object", "additionalProperties": False,
                   "description": "what an import left out (set by orgmodel import posts, "
                                  "import archi and import org)",
                   "properties": {"log": {"type": "string"},
                                  "rows_read": {"type": "integer", "minimum": 0},
                                  "rows_left_out": {"type": "integer", "minimum": 0},
                                  "fte_left_out": {"type": "number", "minimum": 0},
                                  "posts_eliminated": {"type": "integer", "minimum": 0},
                                  "cells_not_used": {"type": "integer", "minimum": 0},
                                  "post_ids": {"enum": ["rows"],
                                               "description": "the posts' ids are the row "
                                                              "numbers of the file (import "
                                                              "posts --row-ids): diff does not "
                                                              "match on them"}}},
        "locale": {"enum": ["nl", "en"],
                   "description": "how the cells write numbers and dates: nl (25.000; "
                                  "0,8; 31-12-2026) or en (25,000; 0.8)"},
        "description": TEXT,
        "language": {"enum": ["nl", "en"],
                     "description": "the language orgmodel writes its outputs in for this "
                                    "organisation (--lang and ORGMODEL_LANG override it)"},
        "sources": {"type": "object", "propertyNames": {"type": "string"},
                    "additionalProperties": TEXT,
                    "description": "source id -> what it is; rows cite these ids"},
        "rules": {"anyOf": [
            {"type": "array", "items": {"enum": list(RULES)}, "uniqueItems": True},
            {"type": "object", "propertyNames": {"enum": list(RULES)},
             "additionalProperties": _CITED}],
            "description": "the rules that apply, each with the passage that states it"},
        "powers": _vocabulary({"name": {"type": "string"}, "kind": {"type": "string"},
                               # the competent body (a role id: college, mayor, council)
                               "body": {"type": "string"},
                               "basis": {"type": "string"},
                               # Awb 10:3(2): some powers may not be mandated
                               "mandatable": {"type": "boolean"},
                               # the power that decides objections against this one
                               "objections": {"type": "string"}}),
        "criteria": _vocabulary({"text": TEXT, "set": {"type": "string"}}),
        "capacities": _vocabulary({"text": {"type": "string"}}),
        "principles": _vocabulary({"text": {"type": "string"}, "rule": {"enum": list(RULES)}}),
        "escalation": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "forbidden_spheres": _SPHERE_LIST,
                "ends_at": _ROLE_LIST,
                "routes": {"type": "object", "minProperties": 1,
                           # A route's name is a CLI choice (--via) and part
                           # of a file name in the report: a plain word.
                           "propertyNames": {"type": "string",
                                             "pattern": r"^[A-Za-z][A-Za-z0-9_-]{0,40}$"},
                           "additionalProperties": _ROUTE_KIND},
            },
        },
        "layering": {"type": ["object", "null"], "additionalProperties": False,
                     "properties": {"target_depth": {"type": "integer", "minimum": 1},
                                    # The source describes a flat organisation:
                                    # any line in the data is not its structure.
                                    "flat": {"type": "boolean"},
                                    "source": {"type": "string"},
                                    "note": {"type": "string"}}},
        "span": {"type": ["object", "null"], "additionalProperties": False,
                 "properties": {"min": {"type": "integer", "minimum": 0},
                                "max": {"type": "integer", "minimum": 0},
                                "by": {"enum": ["posts", "people", "fte"]}}},
        "executive_commission_threshold": {"type": "integer", "minimum": 1, "maximum": 13},
    },
}
