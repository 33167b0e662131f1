"""GraphML for yEd, Cytoscape and other graph tools: every node and edge with
its attributes, lists joined with ``;``, missing values left out, numbers and
booleans typed.  ``nx.write_graphml(org.graph)`` itself fails on list
attributes (mandate powers, criteria); this writer does not.

Examples
--------
>>> import networkx as nx
>>> g = nx.read_graphml(write_graphml(sample, tmp_path / "s.graphml"))
>>> g.nodes["gd"]["name"], g.number_of_edges() == sample.graph.number_of_edges()
('General director', True)
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from ._flat import flat_graph
from ._tables import atomic_write

if TYPE_CHECKING:  # names in annotations only
    from .._types import PathOrFile
    from ..model import OrgModel


__all__ = ["write_graphml", "graphml_graph"]


def graphml_graph(org) -> nx.MultiDiGraph:
    """The graph as written: flat values, each node's ``name`` also as ``label``
    (yEd shows it)."""
    g = flat_graph(org, xml="GraphML")
    for _, d in g.nodes(data=True):
        d.setdefault("label", d.get("name", ""))
    return g


def write_graphml(org: OrgModel, path: PathOrFile) -> Path:
    """Write ``org`` as GraphML; the file appears only when complete."""
    g = graphml_graph(org)
    return atomic_write(path, lambda tmp: nx.write_graphml(g, tmp, named_key_ids=True))
