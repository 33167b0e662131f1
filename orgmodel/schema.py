"""The graph contract: node kinds, edge kinds, what they may join, which
attributes they need.

Everything else in orgmodel (reading, validation, the Neo4j store, the HTML
export) reads this module, so the contract is written down once.  It follows
the model proposed in DOMAIN.md, refined where the data demanded it:

* a ``Topic`` node kind holds portfolio items that are neither a team cluster
  nor a commission (operations fields such as *Juridisch&Inkoop*, corporate
  themes such as *Risicomanagement*, D-FS-V);
* ``COMMISSIONS`` may start at a Partner, because A-4.2 has BAR partners award
  work to market parties themselves; R10 then checks that every commission
  still has a commissioner inside the municipality.

>>> sorted(EDGE_KINDS["REPORTS_TO"].sources)
['Role']
>>> allowed("HOLDS", "Role", "Portfolio")
True
>>> allowed("REPORTS_TO", "Partner", "Role")
False
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "NODE_KINDS",
    "EDGE_KINDS",
    "NodeKind",
    "EdgeKind",
    "NODE_COLUMNS",
    "EDGE_COLUMNS",
    "SPHERES",
    "LEVELS",
    "PORTFOLIO_CATEGORIES",
    "CRITERIA",
    "RULES",
    "CLIMBABLE",
    "MANIFEST_SCHEMA",
    "RESERVED_COLUMNS",
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

#: The thirteen D-FS-VI criteria for an executive commission (R8), by the
#: short key used in the ``criteria`` column.
CRITERIA = {
    "political_risk": "great political-administrative interest or risk",
    "social_impact": "great impact on society",
    "uncharted": "complex and uncharted field",
    "no_vision": "no vision or implementation framework yet",
    "central_steering": "need for central steering for internal/external coherence",
    "multidisciplinary": "multidisciplinary, crosses budget programmes, several interests",
    "unexpected_problem": "unexpected problem of strategic importance",
    "national_policy": "drastic change in national or other government policy",
    "new_unique": "new unique task with a new and unique result",
    "non_repeating": "non-repeating action or result",
    "time_budget_limited": "time and budget limited",
    "longer_than_year": "longer than one year",
    "uncertain_result": "uncertain result",
}


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
        NodeKind("Role", "a position; political bodies are roles of sphere political",
                 {"sphere": SPHERES, "level": LEVELS}, ("sphere",)),
        NodeKind("Person", "the holder of a role (optional)"),
        NodeKind("Team", "a team, or a cluster of teams",
                 {"team_kind": ("team", "cluster")}, ("team_kind",)),
        NodeKind("Portfolio", "what a corporate director holds (D-FS-V)"),
        NodeKind("Topic", "a portfolio item that is an operations field or corporate theme"),
        NodeKind("Partner", "an outside party that does work (A-2.2)",
                 {"partner_kind": ("shared service", "market", "institution", "citizens",
                                   "regional body")}, ("partner_kind",)),
        NodeKind("Commission", "an opdracht: process, programme, project, development task, "
                 "budget programme, or an agreement with a partner",
                 {"commission_kind": ("process", "programme", "project", "development task",
                                      "budget programme", "agreement")},
                 ("commission_kind",)),
    ]
}

_ROLE = frozenset({"Role"})
EDGE_KINDS = {
    k.name: k
    for k in [
        EdgeKind("REPORTS_TO", "the line: a role to its superior role", _ROLE, _ROLE),
        EdgeKind("MANDATES", "a mandate: mandator to mandatee; a chain is 'doorgemandateerd'",
                 _ROLE, _ROLE),
        EdgeKind("COMMISSIONS", "commissioner to commission", frozenset({"Role", "Partner"}),
                 frozenset({"Commission"}), {"capacity": SPHERES}),
        EdgeKind("ASSIGNED_TO", "a commission to whoever carries it out",
                 frozenset({"Commission"}), frozenset({"Role", "Team", "Partner"})),
        EdgeKind("HOLDS", "a role (or person) holds a portfolio or a role",
                 frozenset({"Role", "Person"}), frozenset({"Portfolio", "Role"})),
        EdgeKind("COVERS", "a portfolio covers an item",
                 frozenset({"Portfolio"}), frozenset({"Team", "Commission", "Topic", "Partner"}),
                 {"category": PORTFOLIO_CATEGORIES}),
        EdgeKind("LEADS", "a role leads a team or cluster", _ROLE, frozenset({"Team"})),
        EdgeKind("MEMBER_OF", "a role in a team, or a team in a cluster",
                 frozenset({"Role", "Team"}), frozenset({"Team"})),
        EdgeKind("CONTRACTS", "a role of the municipality to a partner, through an agreement",
                 _ROLE, frozenset({"Partner"})),
    ]
}

#: Columns of ``nodes.csv``: every file must have the first four.
NODE_COLUMNS = ("id", "kind", "name", "source")
#: Columns of ``edges.csv``: every file must have the first four.
EDGE_COLUMNS = ("from", "to", "kind", "source")

#: Columns whose text is converted on reading (everything else stays text).
BOOL_COLUMNS = ("executive", "delegated", "budget_holder", "assumed")
FLOAT_COLUMNS = ("budget",)
LIST_COLUMNS = ("criteria",)


def allowed(edge_kind: str, source_kind: str, target_kind: str) -> bool:
    """Whether the schema lets an edge of ``edge_kind`` join these node kinds."""
    kind = EDGE_KINDS.get(edge_kind)
    return bool(kind) and source_kind in kind.sources and target_kind in kind.targets

#: The governance rules orgmodel can check, with their source passages
#: (DOMAIN.md, "Rules the sources state").
RULES = {
    "R1": ("Escalate official disagreements never to the executive board or an alderman, "
           "always to the next official level", "D-FS-VI bullet 6"),
    "R2": ("Every commission has a political commissioner and an official commissioner",
           "D-FS-VI last bullet"),
    "R3": ("No commission, no work", "D-FS-VI bullet 5; A-2.2 principle 1"),
    "R4": ("Official commissionership sits with a corporate director, who may delegate it "
           "down the line", "D-FS-VII bullet 1"),
    "R5": ("The official commissioner holds the budget", "D-FS-VII bullet 2"),
    "R6": ("Minimal layering: concern, team-connecting, team", "D-FS-V end"),
    "R7": ("Each alderman has, for each (sub)budget programme, exactly one official "
           "responsible for results", "D-FS-III bullet 1"),
    "R8": ("An executive commission is drawn up when a situation meets several of the "
           "13 criteria", "D-FS-VI"),
    "R9": ("Portfolios are tested yearly for balance across the corporate directors", "D-FS-V"),
    "R10": ("Commissionership cannot be outsourced: the commissioner is always inside the "
            "municipality", "A-2.2 principle 4"),
}

#: Relationship types the database holds beside the model's own: derived from
#: the model by a push, never read back by a pull.
DERIVED_EDGE_KINDS = {
    "ESCALATES_TO": "a role to its next step on an escalation route (property route: the "
                    "route kind; blocked: a candidate the policy forbids)",
}

#: Edge kinds an escalation policy may climb, and which way.
CLIMBABLE = {
    "REPORTS_TO": "from a role to its superior",
    "MANDATES": "from a mandatee back to its mandator",
    "COMMISSIONS": "from an assignee to the commissioners of its commission",
}

#: Node columns that a push uses for itself: a column by these names would be
#: overwritten in the database, so validation refuses it.
RESERVED_COLUMNS = ("org", "uid", "seq")

_CLIMB = {
    "type": "object", "required": ["edge"], "additionalProperties": False,
    "properties": {
        "edge": {"enum": list(CLIMBABLE)},
        "rule": {"type": "string"},
        # Where the climbing role stands on a COMMISSIONS climb.
        "from": {"enum": ["assignee", "commissioner"]},
        "capacity": {"enum": list(SPHERES)},
        "delegated": {"type": "boolean"},
        "budget_holder": {"type": "boolean"},
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
        "issue": {"type": "string", "description": "the kind of issue that goes this way"},
        "steps": _STEPS,
        "forbidden_spheres": _SPHERE_LIST,
        "ends_at": _ROLE_LIST,
        "ends_in_spheres": _SPHERE_LIST,
    }}]}

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
        "name": {"type": "string", "pattern": r"\S",
                 "description": "the organisation's name (also its name in Neo4j)"},
        "date": {"type": ["string", "date"],
                 "description": "the date the model describes"},
        "description": {"type": "string"},
        "sources": {"type": "object", "propertyNames": {"type": "string"},
                    "additionalProperties": {"type": "string"},
                    "description": "source id -> what it is; rows cite these ids"},
        "rules": {"type": "array", "items": {"enum": list(RULES)}, "uniqueItems": True},
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
                     "properties": {"target_depth": {"type": "integer", "minimum": 1}}},
        "span": {"type": ["object", "null"], "additionalProperties": False,
                 "properties": {"min": {"type": "integer", "minimum": 0},
                                "max": {"type": "integer", "minimum": 0}}},
        "executive_commission_threshold": {"type": "integer", "minimum": 1, "maximum": 13},
    },
}
