"""Doctest namespace: every docstring example may use ``orgmodel``, ``nx``,
``pd``, ``load``, ``sample`` (a fresh copy of ``data/template``), ``sample_dir``
and ``tmp_path``, as networkx's conftest injects ``nx``."""
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import orgmodel

SAMPLE_DIR = Path(__file__).parent / "data" / "template"


@pytest.fixture(autouse=True)
def _doctest_names(request, tmp_path):
    ns = request.getfixturevalue("doctest_namespace")
    ns.update(orgmodel=orgmodel, nx=nx, pd=pd, load=orgmodel.load, save=orgmodel.save,
              sample=orgmodel.load(SAMPLE_DIR), sample_dir=SAMPLE_DIR, tmp_path=tmp_path)
    ns.update({name: getattr(orgmodel, name) for name in orgmodel.__all__}
              if hasattr(orgmodel, "__all__") else {})
