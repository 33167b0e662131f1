"""Fixtures: the two source organisations, the template, and a builder for
small hand-made graphs (the awkward cases: matrix, loop, dead end ...)."""
import shutil
from pathlib import Path

import networkx as nx
import pytest

import orgmodel

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def deventer():
    return orgmodel.load(DATA / "deventer")


@pytest.fixture(scope="session")
def albrandswaard():
    return orgmodel.load(DATA / "albrandswaard")


@pytest.fixture
def template_copy(tmp_path):
    """A writable copy of data/template."""
    dst = tmp_path / "org"
    shutil.copytree(DATA / "template", dst)
    return dst


def build(roles=(), edges=(), nodes=(), manifest=None):
    """A small OrgModel: ``roles`` as ``id`` or ``(id, attrs)``; ``edges`` as
    ``(from, to, kind)`` or ``(from, to, kind, attrs)``; other ``nodes`` as
    ``(id, kind, attrs)``."""
    g = nx.MultiDiGraph()
    for r in roles:
        rid, attrs = (r, {}) if isinstance(r, str) else r
        g.add_node(rid, kind="Role", name=attrs.pop("name", rid.upper()),
                   **{"sphere": "official", **attrs})
    for nid, kind, attrs in nodes:
        g.add_node(nid, kind=kind, name=attrs.pop("name", nid), **attrs)
    for e in edges:
        u, v, kind, attrs = e if len(e) == 4 else (*e, {})
        g.add_edge(u, v, kind=kind, **attrs)
    return orgmodel.OrgModel(g, {"name": "Test", **(manifest or {})})


@pytest.fixture
def make():
    return build
