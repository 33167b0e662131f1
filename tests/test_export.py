"""Issue 5: the HTML export, in a real headless Chromium."""
from pathlib import Path

import pytest
from click.testing import CliRunner

import orgmodel
from orgmodel.cli import cli
from orgmodel.errors import OrgModelError
from orgmodel.formats.html import MAX_NODES, PHYSICS_LIMIT, ExportTooLargeError, to_pyvis, write_html

from browser import chromium_path, open_page
from conftest import DATA, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>"]

browser = pytest.mark.browser


def test_to_pyvis_counts_and_styles(deventer):
    net = to_pyvis(deventer)
    assert len(net.nodes) == deventer.graph.number_of_nodes()
    assert len(net.edges) == deventer.graph.number_of_edges()
    gd = next(n for n in net.nodes if n["id"] == "gd")
    assert gd["shape"] == "box" and "D-FS-V" in gd["title"]


def test_focus_depth_kinds_and_route(deventer):
    focus = to_pyvis(deventer, focus="cd-kossen", depth=1)
    ids = {n["id"] for n in focus.nodes}
    assert {"cd-kossen", "gd", "dd-io", "pf-kossen"} <= ids and "tm-io" not in ids   # two steps away
    line = to_pyvis(deventer, kinds=["Role"], edge_kinds=["REPORTS_TO"])
    assert {deventer.graph.nodes[n["id"]]["kind"] for n in line.nodes} == {"Role"}
    hot = to_pyvis(deventer, route="tm-orb")
    red = {(e["from"], e["to"]) for e in hot.edges if e["color"] == "#d62728"}
    # D-FS-V "tdl. ORB teams": straight to Jelle Arentsen, then the general director
    assert {("tm-orb", "cd-arentsen"), ("cd-arentsen", "gd")} <= red
    assert not any(u == "tm-orb" and v != "cd-arentsen" for u, v in red)


def test_focus_by_name_with_edge_kinds(deventer):
    net = to_pyvis(deventer, focus="Algemeen directeur", depth=1, edge_kinds=["REPORTS_TO"])
    ids = {n["id"] for n in net.nodes}
    assert "gd" in ids and "cd-kossen" in ids and "pf-kossen" not in ids
    with pytest.raises(OrgModelError, match="not among the kinds chosen"):
        to_pyvis(deventer, focus="gd", kinds=["Partner"], edge_kinds=["REPORTS_TO"])


def test_too_large_refuses_with_advice(make):
    org = make([f"r{i}" for i in range(MAX_NODES + 1)])
    with pytest.raises(ExportTooLargeError, match="--focus ROLE --depth N"):
        to_pyvis(org)


def test_physics_off_above_the_limit(make, tmp_path):
    org = make([f"r{i}" for i in range(PHYSICS_LIMIT + 1)])
    page = write_html(org, tmp_path / "big.html").read_text()
    assert '"physics": {"enabled": false' in page and "physics is switched off" in page


def test_cli_export_html(tmp_path):
    res = CliRunner().invoke(cli, ["export", "html", "--org", str(DATA / "albrandswaard"),
                                   "-o", str(tmp_path / "a.html"), "--kinds", "Role,Partner"])
    assert res.exit_code == 0 and (tmp_path / "a.html").is_file()
    res = CliRunner().invoke(cli, ["export", "html", "--org", str(DATA / "deventer"),
                                   "-o", str(tmp_path / "x.html"), "--focus", "nobody at all"])
    assert res.exit_code == 1 and "no role matches" in res.output


@browser
def test_deventer_page_in_chromium(deventer, tmp_path):
    assert chromium_path(), "chromium is not installed (scripts/ensure-chromium installs it)"
    page_file = write_html(deventer, tmp_path / "deventer.html")
    with open_page(page_file) as (page, seen):
        nodes = page.evaluate("window.orgmodelNetwork.body.data.nodes.length")
        edges = page.evaluate("window.orgmodelNetwork.body.data.edges.length")
        heading = page.inner_text("h1")
        page.wait_for_timeout(1500)   # let physics settle for the picture
        page.evaluate("() => window.orgmodelNetwork.fit()")
        page.wait_for_timeout(300)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "deventer-graph.png"))
    assert (nodes, edges) == (deventer.graph.number_of_nodes(), deventer.graph.number_of_edges())
    assert heading == "Deventer"
    assert seen["errors"] == []
    assert seen["requests"] == [page_file.resolve().as_uri()]
    assert (ARTIFACTS / "deventer-graph.png").stat().st_size > 10_000


@browser
def test_hostile_names_render_as_text(template_copy, tmp_path):
    org = orgmodel.load(template_copy)
    org.graph.nodes["tm"]["name"] = HOSTILE[0]
    org.graph.nodes["dd"]["name"] = HOSTILE[1]
    org.graph.nodes["cd"]["note"] = HOSTILE[0]
    org.manifest["name"] = HOSTILE[1]
    page_file = write_html(org, tmp_path / "hostile.html")
    with open_page(page_file) as (page, seen):
        heading = page.inner_text("h1")
        labels = page.evaluate("window.orgmodelNetwork.body.data.nodes.get().map(n => n.label)")
        # hover the hostile node to open its tooltip
        pos = page.evaluate("""() => { const n = window.orgmodelNetwork;
            const p = n.getPositions(['tm'])['tm']; return n.canvasToDOM(p); }""")
        box = page.locator("#graph").bounding_box()
        page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        page.wait_for_timeout(800)
        tooltip = page.evaluate("(document.querySelector('div.vis-tooltip') || {}).innerText || ''")
        images = page.evaluate("document.querySelectorAll('img').length")
        scripts = page.evaluate("document.querySelectorAll('script').length")
    assert heading == HOSTILE[1]
    assert set(HOSTILE) <= set(labels)
    assert HOSTILE[0] in tooltip
    assert images == 0 and scripts == 2
    assert seen["dialogs"] == [] and seen["errors"] == []
