"""Issue 6: every notebook runs top to bottom in a real Jupyter kernel."""
import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
pytestmark = pytest.mark.notebook


def execute(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def outputs(nb, kind):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if kind in o.get("data", {})]


def test_there_are_five_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01_deventer_escalation.ipynb",
                                           "02_albrandswaard_partners.ipynb",
                                           "03_model_your_organisation.ipynb",
                                           "04_organogram_snapshots.ipynb",
                                           "05_uw_eigen_formatie.ipynb"]


def test_the_dutch_notebook_says_its_answers_in_dutch():
    """A Dutch analyst's notebook: the import's log, the tables, the amounts
    and the report in Dutch, and the answer its text gives (at € 30.000 the
    team managers may no longer buy) is the one it shows."""
    nb = execute(ROOT / "notebooks" / "05_uw_eigen_formatie.ipynb")
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    assert "Vacante functies: 2 (F002, F004)" in text
    assert "Inkoop van €\xa030.000" in text and "hoe de organisatie zichzelf stuurt" in text
    tables = [o["data"]["text/html"] for o in outputs(nb, "text/html") if "<table" in
              o["data"]["text/html"]]
    assert any("financiële grens" in t and "€\xa025.000" in t for t in tables)
    at_30k = tables[-1]
    assert "Gemeentesecretaris" in at_30k and "Teammanager" not in at_30k


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("03")],
                         ids=lambda p: p.name)
def test_notebook_executes(path):
    nb = execute(path)
    # no stray warnings in what an analyst sees
    stderr = [o.get("text", "") for c in nb.cells if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not any("Warning" in t for t in stderr), stderr
    assert outputs(nb, "image/png"), "no chart"
    assert any("srcdoc" in o["data"]["text/html"] for o in outputs(nb, "text/html")), \
        "no inline graph"
    assert any("<table" in o["data"]["text/html"] for o in outputs(nb, "text/html")), \
        "no DataFrame"


@pytest.mark.neo4j
def test_model_your_organisation_pushes_to_the_database(bolt_env, store):
    nb = execute(ROOT / "notebooks" / "03_model_your_organisation.ipynb")
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    assert "round trip equal: True" in text
    assert "dd-typo" in text and "inverted" in text   # the error walk-through shows errors


def test_notebooks_are_committed_without_outputs():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), path.name
