"""orgmodel: model how an organisation steers itself, as a graph.

The package follows the stages data passes through: :mod:`~orgmodel.read` →
:mod:`~orgmodel.validate` → :mod:`~orgmodel.model` → the analyses
(:mod:`~orgmodel.escalation`, :mod:`~orgmodel.layers`, :mod:`~orgmodel.span`,
:mod:`~orgmodel.partners`, :mod:`~orgmodel.checks`, :mod:`~orgmodel.portfolios`,
:mod:`~orgmodel.advice`, :mod:`~orgmodel.formation`, :mod:`~orgmodel.powers`) → :mod:`~orgmodel.store` (Neo4j),
:mod:`~orgmodel.formats` (HTML and every other format) and :mod:`~orgmodel.report`.  Everything a user
needs is importable from the top level.
"""
from .errors import (DatabaseError, OrgModelError, Problem, UnknownRoleError,
                     ValidationError)
from .schema import EDGE_KINDS, NODE_KINDS, RULES
from .read import read_folder
from .validate import validate_folder, validate_graph
from .model import OrgModel, from_tables, load
from .write import save
from .summary import Summary, summarize
from .escalation import (RouteGraph, escalate, escalation_load, escalation_policy,
                         escalation_routes, meet, route_graph)
from .layers import layering
from .span import span_of_control
from .partners import partner_network
from .checks import applicable_rules, check
from .portfolios import portfolio_balance, portfolio_line
from .formation import formation, totals
from .powers import power_holders
from .migrate import migrate
from .advice import executive_commission_advice
from .formats.html import show, to_pyvis, write_html
from .report import write_report
from .synth import synthesize

__all__ = [
    "OrgModelError", "ValidationError", "UnknownRoleError", "DatabaseError", "Problem",
    "NODE_KINDS", "EDGE_KINDS", "RULES",
    "read_folder", "validate_folder", "validate_graph", "OrgModel", "load", "from_tables",
    "save", "Summary", "summarize",
    "escalation_routes", "escalate", "escalation_policy", "meet", "route_graph", "RouteGraph",
    "escalation_load", "layering",
    "span_of_control", "partner_network", "check", "applicable_rules", "portfolio_balance",
    "portfolio_line", "executive_commission_advice", "formation", "totals", "power_holders",
    "migrate",
    "to_pyvis", "write_html", "show", "write_report", "synthesize",
]
__version__ = "0.1.0"
