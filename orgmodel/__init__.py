"""orgmodel: model how an organisation steers itself, as a graph.

The package follows the stages data passes through: :mod:`~orgmodel.read` →
:mod:`~orgmodel.validate` → :mod:`~orgmodel.model` → the analyses
(:mod:`~orgmodel.escalation`, :mod:`~orgmodel.layers`, :mod:`~orgmodel.span`,
:mod:`~orgmodel.partners`, :mod:`~orgmodel.checks`, :mod:`~orgmodel.portfolios`,
:mod:`~orgmodel.advice`) → :mod:`~orgmodel.store` (Neo4j),
:mod:`~orgmodel.export` (HTML) and :mod:`~orgmodel.report`.  Everything a user
needs is importable from the top level.
"""
from .errors import (DatabaseError, OrgModelError, Problem, UnknownRoleError,  # noqa: F401
                     ValidationError)
from .schema import EDGE_KINDS, NODE_KINDS, RULES  # noqa: F401
from .read import read_folder  # noqa: F401
from .validate import validate_folder, validate_graph  # noqa: F401
from .model import OrgModel, load, from_tables  # noqa: F401
from .write import save  # noqa: F401
from .summary import Summary, summarize  # noqa: F401

__all__ = [n for n in dir() if not n.startswith("_") and n not in ("errors", "schema", "read", "validate", "model", "write", "summary")]
__version__ = "0.1.0"
