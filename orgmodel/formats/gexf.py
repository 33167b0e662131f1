"""GEXF for Gephi: every node and edge with its attributes, lists joined with
``;``, missing values left out, numbers and booleans typed.  Names GEXF uses
itself (``id``, ``label``, ``start``, ``end``, ``pid``, ``type``, ``weight``,
``viz``, ``key``) get the prefix ``om_``; a node's ``name`` is its label, an
edge's ``kind`` its label.

Examples
--------
>>> import networkx as nx
>>> g = nx.read_gexf(write_gexf(sample, tmp_path / "s.gexf"))
>>> g.nodes["gd"]["label"], g.number_of_edges() == sample.graph.number_of_edges()
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


__all__ = ["write_gexf", "gexf_graph", "RESERVED"]

#: Attribute names the GEXF writer of networkx takes for itself.
RESERVED = ("id", "label", "start", "end", "pid", "type", "weight", "viz", "key")


def gexf_graph(org) -> nx.MultiDiGraph:
    """The graph as written: flat values, reserved names prefixed, labels set."""
    g = flat_graph(org, RESERVED, xml="GEXF")
    for _, d in g.nodes(data=True):
        d["label"] = d.get("name", "")
    for _, _, d in g.edges(data=True):
        d["label"] = d.get("kind", "")
    return g


def write_gexf(org: OrgModel, path: PathOrFile) -> Path:
    """Write ``org`` as GEXF 1.2; the file appears only when complete."""
    g = gexf_graph(org)
    return atomic_write(path, lambda tmp: nx.write_gexf(g, tmp))
