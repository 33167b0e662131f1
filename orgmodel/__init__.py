"""orgmodel: model how an organisation steers itself, as a graph.

The package follows the stages data passes through: :mod:`~orgmodel.read` →
:mod:`~orgmodel.validate` → :mod:`~orgmodel.model` → the analyses
(:mod:`~orgmodel.escalation`, :mod:`~orgmodel.layers`, :mod:`~orgmodel.span`,
:mod:`~orgmodel.partners`, :mod:`~orgmodel.checks`, :mod:`~orgmodel.portfolios`,
:mod:`~orgmodel.advice`, :mod:`~orgmodel.formation`, :mod:`~orgmodel.powers`,
:mod:`~orgmodel.mandates`, :mod:`~orgmodel.diff`, :mod:`~orgmodel.whatif`) →
:mod:`~orgmodel.store` (Neo4j), :mod:`~orgmodel.formats` (every file format,
the interactive page and the static chart) and :mod:`~orgmodel.report`.

Everything a user needs is importable from the top level.  The names are
loaded when first used (PEP 562), so ``import orgmodel`` and the command line
start at once and a command pays only for the modules it uses.
"""
from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from .errors import (
    ConflictError,
    DatabaseError,
    InputError,
    OrgModelError,
    Problem,
    UnknownRoleError,
    ValidationError,
)

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_WHERE = {
    "NODE_KINDS": "schema", "EDGE_KINDS": "schema", "RULES": "schema",
    "read_folder": "read",
    "validate_folder": "validate", "validate_graph": "revalidate",
    "OrgModel": "model", "Analysis": "model", "load": "model", "from_tables": "model",
    "save": "write", "left_out_lines": "write",
    "Summary": "summary", "summarize": "summary",
    "RouteGraph": "escalation", "Escalation": "escalation", "escalate": "escalation", "escalation_load": "escalation",
    "escalation_policy": "escalation", "escalation_routes": "escalation", "meet": "escalation",
    "route_graph": "escalation",
    "layering": "layers",
    "span_of_control": "span",
    "partner_network": "partners",
    "applicable_rules": "checks", "check": "checks",
    "portfolio_balance": "portfolios", "portfolio_line": "portfolios",
    "formation": "formation", "totals": "formation", "post_figures": "formation",
    "holders_recorded": "formation",
    "power_holders": "powers",
    "migrate": "migrate",
    "executive_commission_advice": "advice",
    "register": "mandates", "who_decides": "mandates", "mandate_findings": "mandates",
    "write_register": "mandates",
    "Diff": "diff", "diff": "diff", "write_diff": "diff",
    "apply_changes": "whatif", "read_changes": "whatif",
    "Store": "store", "connect": "store", "push": "store", "pull": "store",
    "pull_model": "store", "run_query": "store", "organisations": "store",
    "read_any": "formats", "write_any": "formats", "FORMATS": "formats", "Format": "formats",
    "read_xlsx": "formats.xlsx", "write_xlsx": "formats.xlsx",
    "read_org": "formats.w3c_org", "write_org": "formats.w3c_org",
    "read_archi": "formats.archi", "write_archi": "formats.archi",
    "write_graphml": "formats.graphml", "write_gexf": "formats.gexf",
    "read_posts": "formats.posts", "import_posts": "formats.posts",
    "import_register": "formats.register", "read_register": "formats.register",
    "show": "formats.html", "to_pyvis": "formats.html", "write_html": "formats.html",
    "chart_dot": "formats.chart", "chart_pages": "formats.chart",
    "write_chart": "formats.chart",
    "write_report": "report",
    "synthesize": "synth",
    "paused_gc": "_perf",
    "parse_number": "notation", "parse_date": "notation", "parse_ceiling": "notation",
}
#: Where the public name differs from the module's own.
_RENAMED = {"apply_changes": "apply"}

__all__ = ["OrgModelError", "ValidationError", "UnknownRoleError", "DatabaseError", "InputError",
           "ConflictError", "Problem",
           *_WHERE]


def __getattr__(name: str) -> Any:
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'orgmodel' has no attribute '{name}'") from None
    value = getattr(importlib.import_module(f".{module}", __name__), _RENAMED.get(name, name))
    globals()[name] = value  # looked up once; later reads are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package module: importing a submodule that shares its name with a
    public function (``orgmodel.formation``, ``diff``, ``migrate``) must not
    put the module where the function is (the import system sets the
    attribute on the package; the function is what users call)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _WHERE and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


if TYPE_CHECKING:  # for type checkers and editors: the same names, eagerly
    from ._perf import paused_gc
    from .advice import executive_commission_advice
    from .checks import applicable_rules, check
    from .diff import Diff, diff, write_diff
    from .escalation import (
        Escalation,
        RouteGraph,
        escalate,
        escalation_load,
        escalation_policy,
        escalation_routes,
        meet,
        route_graph,
    )
    from .formation import formation, holders_recorded, post_figures, totals
    from .formats import FORMATS, Format, read_any, write_any
    from .formats.archi import read_archi, write_archi
    from .formats.chart import chart_dot, chart_pages, write_chart
    from .formats.gexf import write_gexf
    from .formats.graphml import write_graphml
    from .formats.html import show, to_pyvis, write_html
    from .formats.posts import import_posts, read_posts
    from .formats.register import import_register, read_register
    from .formats.w3c_org import read_org, write_org
    from .formats.xlsx import read_xlsx, write_xlsx
    from .layers import layering
    from .mandates import mandate_findings, register, who_decides, write_register
    from .migrate import migrate
    from .model import Analysis, OrgModel, from_tables, load
    from .notation import parse_ceiling, parse_date, parse_number
    from .partners import partner_network
    from .portfolios import portfolio_balance, portfolio_line
    from .powers import power_holders
    from .read import read_folder
    from .report import write_report
    from .revalidate import validate_graph
    from .schema import EDGE_KINDS, NODE_KINDS, RULES
    from .span import span_of_control
    from .store import Store, connect, organisations, pull, pull_model, push, run_query
    from .summary import Summary, summarize
    from .synth import synthesize
    from .validate import validate_folder
    from .whatif import apply as apply_changes
    from .whatif import read_changes
    from .write import left_out_lines, save
