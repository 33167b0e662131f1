"""Issues 5 and 17: the interactive org chart page, in a real headless Chromium."""
import pytest
from browser import open_page
from click.testing import CliRunner

import orgmodel
from conftest import DATA, ROOT, run
from orgmodel.cli import cli
from orgmodel.errors import OrgModelError
from orgmodel.formats.html import (
    BLOCKED_COLOR,
    MAX_ROLES,
    ROUTE_COLOR,
    ExportTooLargeError,
    page_data,
    to_pyvis,
    write_html,
)

ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>"]

browser = pytest.mark.browser


def test_to_pyvis_counts_and_styles(deventer):
    net = to_pyvis(deventer)
    assert len(net.nodes) == deventer.graph.number_of_nodes()
    assert len(net.edges) == deventer.graph.number_of_edges()
    gd = next(n for n in net.nodes if n["id"] == "gd")
    assert gd["shape"] == "box" and "D-FS-V" in gd["title"] and gd["parent"] is None
    kossen = next(n for n in net.nodes if n["id"] == "cd-kossen")
    assert kossen["parent"] == "gd"


def test_focus_depth_kinds_and_route_steps(deventer):
    focus = to_pyvis(deventer, focus="cd-kossen", depth=1)
    ids = {n["id"] for n in focus.nodes}
    assert {"cd-kossen", "gd", "dd-io", "pf-kossen"} <= ids and "tm-io" not in ids   # two steps away
    line = to_pyvis(deventer, kinds=["Post"], edge_kinds=["REPORTS_TO"])
    assert {deventer.graph.nodes[n["id"]]["kind"] for n in line.nodes} == {"Post"}
    # D-FS-V "tdl. ORB teams": straight to Jelle Arentsen (who mandates the ORB team
    # manager), then the general director: the steps go up, in the route's direction
    steps = page_data(deventer)["routes"]["line"]["next"]
    assert [s[0] for s in steps["tm-orb"]] == ["cd-arentsen"]
    assert [s[0] for s in steps["cd-arentsen"]] == ["gd"]


def test_names_carry_their_id_only_where_they_repeat(make):
    org = make([("a", {"name": "Teammanager"}), ("b", {"name": "Teammanager"}),
                ("c", {"name": "Director"})], [("a", "c", "REPORTS_TO"), ("b", "c", "REPORTS_TO")])
    labels = {n["id"]: n["label"] for n in page_data(org)["nodes"]}
    assert labels == {"a": "Teammanager (a)", "b": "Teammanager (b)", "c": "Director"}


def test_focus_by_name_with_edge_kinds(deventer):
    net = to_pyvis(deventer, focus="Algemeen directeur", depth=1, edge_kinds=["REPORTS_TO"])
    ids = {n["id"] for n in net.nodes}
    assert "gd" in ids and "cd-kossen" in ids and "pf-kossen" not in ids
    with pytest.raises(OrgModelError, match="not among the kinds chosen"):
        to_pyvis(deventer, focus="gd", kinds=["Partner"], edge_kinds=["REPORTS_TO"])


def test_the_largest_page_is_drawn_more_is_refused_with_advice(make, tmp_path):
    # (25,000 roles: a municipality of 20,000 posts with room to spare)
    org = orgmodel.synthesize(MAX_ROLES)
    page = write_html(org, tmp_path / "big.html")
    assert page.stat().st_size > 1_000_000
    roles = [f"r{i}" for i in range(MAX_ROLES + 1)]
    with pytest.raises(ExportTooLargeError, match="--focus ROLE --depth N"):
        to_pyvis(make(roles))


def test_a_reporting_loop_still_gives_a_tree(make):
    org = make(["a", "b", "c"], [("a", "b", "REPORTS_TO"), ("b", "c", "REPORTS_TO"),
                                 ("c", "a", "REPORTS_TO")])
    parents = {n["id"]: n["parent"] for n in page_data(org)["nodes"]}
    assert sum(p is None for p in parents.values()) == 1      # one root, the rest under it


def test_cli_export_html(tmp_path):
    res = CliRunner().invoke(cli, ["export", "html", "--org", str(DATA / "albrandswaard"),
                                   "-o", str(tmp_path / "a.html"), "--kinds", "Post,Partner"])
    assert res.exit_code == 0 and (tmp_path / "a.html").is_file()
    res = CliRunner().invoke(cli, ["export", "html", "--org", str(DATA / "deventer"),
                                   "-o", str(tmp_path / "x.html"), "--focus", "nobody at all"])
    assert res.exit_code == 1 and "no role matches" in res.output


# --- in the browser -------------------------------------------------------------------

def _boxes(page):
    return page.evaluate("""() => { const n = window.orgmodelNetwork;
        return n.body.data.nodes.getIds().map(id => [id, n.getBoundingBox(id)]); }""")


def _click(page, node, double=False):
    pos = page.evaluate("""id => { const n = window.orgmodelNetwork;
        return n.canvasToDOM(n.getPositions([id])[id]); }""", node)
    box = page.locator("#graph").bounding_box()
    (page.mouse.dblclick if double else page.mouse.click)(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_timeout(150)


def _visible(page):
    """The roles on screen (a click also shows the clicked role's other nodes)."""
    return set(page.evaluate("window.orgchart.roles()"))


@browser
def test_deventer_whole_no_label_overlaps(deventer, tmp_path):
    page_file = write_html(deventer, tmp_path / "deventer.html")
    with open_page(page_file) as (page, seen):
        # Everything on: every level open, every kind and edge kind shown
        page.evaluate("window.orgchart.levels(99)")
        for box in page.locator("#filters input[type=checkbox]").all():
            box.check()
        boxes = _boxes(page)
        heading = page.inner_text("h1")
        page.evaluate("window.orgmodelNetwork.fit()")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "deventer-graph.png"))
    assert len(boxes) == deventer.on().graph.number_of_nodes()
    overlaps = [(a, b) for i, (a, p) in enumerate(boxes) for b, q in boxes[i + 1:]
                if p["left"] < q["right"] and q["left"] < p["right"]
                and p["top"] < q["bottom"] and q["top"] < p["bottom"]]
    assert overlaps == []
    assert heading == "Deventer"
    assert seen["errors"] == []
    assert seen["requests"] == [page_file.resolve().as_uri()]     # nothing fetched


@browser
def test_collapse_expand_search_and_route(deventer, tmp_path):
    page_file = write_html(deventer, tmp_path / "deventer.html")
    with open_page(page_file) as (page, seen):
        page.click("#fit")           # (the whole chart in sight: every node a click away)
        before = _visible(page)
        assert {"gd", "cd-kossen", "tm-io"} <= before        # 25 roles fit: all open
        _click(page, "gd", double=True)                       # collapse the general director
        collapsed = _visible(page)
        label = page.evaluate("window.orgmodelNetwork.body.data.nodes.get('gd').label")
        assert "gd" in collapsed and "cd-kossen" not in collapsed and "tm-io" not in collapsed
        assert "below" in label
        _click(page, "gd", double=True)                       # and open it again
        assert _visible(page) == before
        # search by part of a name, without accents or capitals
        _click(page, "gd", double=True)
        page.fill("#search", "houwelingen")
        hits = page.inner_text("#hits")
        page.press("#search", "Enter")
        page.locator("body[data-found='cd-vanhouwelingen']").wait_for(state="attached")
        assert "Van Houwelingen" in hits and "cd-vanhouwelingen" in _visible(page)
        # click a role: its route, step by step with the rule, drawn in the route's direction
        _click(page, "tm-orb")
        panel = page.inner_text("#panel")
        route = page.evaluate("""() => window.orgmodelNetwork.body.data.edges.get()
            .filter(e => e.id.startsWith('r|')).map(e => [e.from, e.to, e.color.color])""")
        mandate = page.evaluate("""() => window.orgmodelNetwork.body.data.edges.get()
            .filter(e => e.from === 'cd-arentsen' && e.to === 'tm-orb').map(e => e.color.color)""")
        arentsen = page.evaluate("window.orgmodelNetwork.body.data.nodes.get('cd-arentsen').color.border")
        # the route kind in the menu is the one whose steps are shown
        shown_kind = page.eval_on_selector("#p-route", "el => el.value")
        page.select_option("#p-route", "commission")
        commission = page.inner_text("#p-routes")
    assert shown_kind == "line"
    assert "Concerndirecteur Arentsen" in panel and "via REPORTS_TO" in panel and "ends: top" in panel
    assert "next official level in the line" in panel and "MANDATES" not in panel
    # tm-orb's mandate passes on no commissioning power: the commission route does
    # not climb it (and says it ends)
    assert "MANDATES" not in commission
    assert commission.strip() == ("No route: it has no next step: no superior, commission or "
                                  "body is recorded above it.")
    assert ["tm-orb", "cd-arentsen", ROUTE_COLOR] in route and ["cd-arentsen", "gd", ROUTE_COLOR] in route
    assert ROUTE_COLOR not in mandate          # the mandate itself keeps its own colour
    assert arentsen == ROUTE_COLOR
    assert seen["errors"] == [] and len(seen["requests"]) == 1


@browser
def test_a_blocked_step_to_a_political_role_is_drawn(make, tmp_path):
    org = make(["a", "b", ("alderman", {"sphere": "political", "name": "Alderman"})],
               [("a", "b", "REPORTS_TO"), ("b", "alderman", "REPORTS_TO")],
               manifest={"escalation": {"forbidden_spheres": ["political"]}})
    page_file = write_html(org, tmp_path / "blocked.html", route="a")
    with open_page(page_file) as (page, seen):
        page.locator("body[data-selected='a']").wait_for(state="attached")
        blocked = page.evaluate("""() => window.orgmodelNetwork.body.data.edges.get()
            .filter(e => e.id.startsWith('b|')).map(e => [e.from, e.to, e.color.color])""")
        panel = page.inner_text("#panel")
    assert blocked == [["b", "alderman", BLOCKED_COLOR]]
    assert ("ends: forbidden: can only go on to a sphere the policy forbids "
            "(blocked: Alderman)") in panel
    assert BLOCKED_COLOR != ROUTE_COLOR and seen["errors"] == []


@browser
def test_a_manager_with_a_thousand_reports_stays_readable(make, tmp_path):
    org = make(["boss"] + [f"r{i}" for i in range(1000)],
               [(f"r{i}", "boss", "REPORTS_TO") for i in range(1000)])
    with open_page(write_html(org, tmp_path / "wide.html")) as (page, seen):
        page.evaluate("window.orgchart.levels(1)")
        boxes = dict(_boxes(page))
    xs = {round(b["left"]) for b in boxes.values()}
    ys = {round(b["top"]) for b in boxes.values()}
    assert len(boxes) == 1001 and len(xs) <= 40 and len(ys) <= 40     # a block, not a row


@browser
def test_a_block_of_many_reports_is_drawn_without_a_curtain_of_lines(make, tmp_path):
    """A manager's thousands of reports, each with its own line to the one
    box above, were a grey curtain over the block (20,000 lines at 20,000
    reports). Past 200 reports a block is drawn without them; a selected
    report shows its own line; a block of fewer keeps its lines."""
    org = make(["boss", "small"] + [f"r{i}" for i in range(1000)] + [f"s{i}" for i in range(150)],
               [(f"r{i}", "boss", "REPORTS_TO") for i in range(1000)]
               + [("small", "boss", "REPORTS_TO")]
               + [(f"s{i}", "small", "REPORTS_TO") for i in range(150)])
    with open_page(write_html(org, tmp_path / "wide.html")) as (page, seen):
        page.evaluate("window.orgchart.levels(2)")
        lines = page.evaluate("window.orgchart.lines()")
        assert not [f for f, t in lines if t == "boss" and f.startswith("r")]
        assert len([f for f, t in lines if t == "small"]) == 150
        assert ["small", "boss"] in lines                     # (not a block's: its line kept)
        page.evaluate("window.orgchart.select('r7')")
        lines = page.evaluate("window.orgchart.lines()")
        # (its line, and its route's first step beside it)
        assert {f for f, t in lines if t == "boss" and f.startswith("r")} == {"r7"}
        assert not seen["errors"], seen["errors"]



@browser
def test_a_word_wider_than_its_box_is_broken_with_a_hyphen(make, tmp_path):
    """Dutch joins its words: "Programmaregisseur" was cut by vis-network
    anywhere and without a mark ("Programmaregisseu" over "r").  A word
    wider than its box is broken where the box ends, with a hyphen; every
    line of every label fits its box, and a short name is left as it is."""
    names = {"boss": "Begrotingsprogrammamanager Sociaal Domein",
             "r1": "Programmaregisseur", "r2": "Adviseur", "r3": "Coördinatorwijkteamsondersteuning"}
    org = make([(k, {"name": v}) for k, v in names.items()],
               [(r, "boss", "REPORTS_TO") for r in ("r1", "r2", "r3")])
    with open_page(write_html(org, tmp_path / "long.html")) as (page, seen):
        page.evaluate("window.orgchart.levels(2)")
        got = page.evaluate("""() => {
            const n = window.orgmodelNetwork, c = document.createElement("canvas").getContext("2d");
            const body = n.body.data.nodes;
            return body.getIds().map(id => {
                const node = n.body.nodes[id], font = node.options.font;
                c.font = font.size + "px " + font.face;
                const label = body.get(id).label;
                return [id, label, Math.max(...label.split(/[\\n ]/).map(w => c.measureText(w).width)),
                        node.shape.width];
            }); }""")
    assert seen["errors"] == []
    label = {i: text for i, text, _, _ in got}
    for i, text, widest, box in got:
        # (every word fits the box's text, its margin, 8 a side, outside it)
        assert widest <= box - 16, (i, text, widest, box)
        assert text.replace("-\n", "").replace("\n", " ").startswith(names[i]), text
    assert label["r2"] == "Adviseur"
    assert "-\n" in label["r1"] and "-\n" in label["boss"] and "-\n" in label["r3"]
    assert all(not line.startswith("-") for line in label["r3"].split("\n"))

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
        page.evaluate("window.orgchart.levels(99)")
        # (as text, a word wider than its box broken with a hyphen)
        labels = [lab.replace("-\n", "") for lab in page.evaluate(
            "window.orgmodelNetwork.body.data.nodes.get().map(n => n.label)")]
        # hover the hostile node to open its tooltip, click it for the panel, search it
        pos = page.evaluate("""() => { const n = window.orgmodelNetwork;
            const p = n.getPositions(['tm'])['tm']; return n.canvasToDOM(p); }""")
        box = page.locator("#graph").bounding_box()
        page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        page.wait_for_timeout(800)
        tooltip = page.evaluate("(document.querySelector('div.vis-tooltip') || {}).innerText || ''")
        _click(page, "tm")
        panel = page.inner_text("#p-name")
        page.fill("#search", "img")
        hits = page.inner_text("#hits")
        images = page.evaluate("document.querySelectorAll('img').length")
        scripts = page.evaluate("document.querySelectorAll('script').length")
    assert heading == HOSTILE[1]
    assert any(lab.startswith(HOSTILE[0]) for lab in labels)
    assert any(lab.startswith(HOSTILE[1]) for lab in labels)
    assert HOSTILE[0] in tooltip and panel == HOSTILE[0] and HOSTILE[0] in hits
    assert images == 0 and scripts == 3
    assert seen["dialogs"] == [] and seen["errors"] == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_panel_answers_for_the_selected_post(tmp_path, lang):
    # holder, grade, FTE, unit, the roles it plays, mandates and commissions,
    # and each route step with its marks; a role with no way on says why
    from browser import open_page

    from orgmodel.formats.html import write_html
    path = write_html(orgmodel.load(DATA / "template"), tmp_path / "g.html", lang=lang)
    words = {"en": ("held by", "Bo de Vries", "plays", "Budget holder (for Youth programme)",
                    "mandates received", "No route: it ends at a role that no post plays."),
             "nl": ("bekleed door", "Bo de Vries", "speelt", "Budget holder (voor Youth programme)",
                    "mandaten ontvangen",
                    "Geen route: het knooppunt eindigt bij een rol die geen functie speelt.")}[lang]
    with open_page(path) as (page, seen):
        page.evaluate("window.orgchart.select('bpm')")
        facts = page.inner_text("#p-facts")
        page.evaluate("window.orgchart.select('cd')")
        cd = page.inner_text("#p-facts")
        page.evaluate("window.orgchart.showKind('Role', true); window.orgchart.select('privacy')")
        privacy = page.inner_text("#p-routes")
        page.evaluate("window.orgchart.select('tm2')")
        tm2 = page.inner_text("#p-facts")
    assert words[0] in facts and words[1] in facts and words[2] in facts and words[3] in facts
    assert words[4] in cd and ("General director" in cd)
    assert privacy.strip() == words[5]
    # a vacant post says so first ("vacant" in both languages)
    assert tm2.startswith(f"{words[0]}\nvacant"), tm2


def _first_view(path):
    """The first view of a page: the labels' size on screen and the boxes of
    the nodes in sight, as the browser draws them."""
    from browser import open_page
    with open_page(path) as (page, seen):
        page.set_viewport_size({"width": 1400, "height": 900})
        page.evaluate("window.orgchartFirstView()")
        return page.evaluate("""() => {
            const n = window.orgmodelNetwork, s = n.getScale();
            const view = n.getViewPosition(), el = document.getElementById('graph');
            const w = el.clientWidth / 2 / s, h = el.clientHeight / 2 / s;
            const boxes = n.body.data.nodes.getIds().map(id => n.getBoundingBox(id))
              .filter(b => b.right > view.x - w && b.left < view.x + w &&
                           b.bottom > view.y - h && b.top < view.y + h);
            return {px: 13 * s, boxes: boxes};
        }""")


@pytest.mark.browser
@pytest.mark.parametrize("org", ["template", "deventer", "deventer-2010", "albrandswaard",
                                 "synth-50", "synth-600", "organogram", "synth-13000"])
def test_the_page_opens_readable(tmp_path, org):
    # labels at least 11 px at the first view, none overlapping, whatever the size
    from orgmodel.formats.html import write_html
    if org in ("template", "deventer", "deventer-2010", "albrandswaard"):
        model = orgmodel.load(DATA / org)
    elif org.startswith("synth-"):
        model = orgmodel.synthesize(int(org.split("-")[1]), seed=3)
    else:
        from orgmodel.formats.posts import read_posts
        uk = DATA.parent / "tests" / "fixtures" / "uk-organograms"
        model, _ = read_posts(uk / "department_of_health-2011-09-30-senior.csv",
                              uk / "department_of_health-2011-09-30-junior.csv",
                              preset="uk-organogram")
    view = _first_view(write_html(model, tmp_path / "g.html"))
    assert view["px"] >= 11, view["px"]
    boxes = view["boxes"]
    assert boxes, "nothing in sight"
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a["left"] < b["right"] and b["left"] < a["right"]
                and a["top"] < b["bottom"] and b["top"] < a["bottom"]]
    assert not overlaps, overlaps[:3]


@pytest.mark.graphviz
def test_a_municipalitys_chart_stacks_reports_instead_of_a_strip(tmp_path):
    # 52 posts drew one row of 40 boxes (3,502 x 441 pt); reports that manage
    # nobody now stand in columns under their manager, each hanging from a
    # line running down beside its column, and every line is drawn
    import re

    from orgmodel.formats.chart import chart_dot, write_chart
    org = orgmodel.synthesize(52, seed=1)
    for path in write_chart(org, tmp_path / "c.svg"):          # (pages that fit A4)
        w, h = map(float, re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"',
                                    path.read_text()).groups())
        assert 1 / 3 < w / h < 3, (path.name, w, h)
    dot = chart_dot(org)
    drawn = re.findall(r'"([^"]+)" -> "([^"]+)"(?! \[style=invis)', dot)
    up = {b: a for a, b in drawn}              # (each box and point: what it hangs from)

    def manager(x):
        x = up[x]
        while x.startswith("orgmodel:trunk:"):
            x = up[x]
        return x
    lines = {(u, v) for u, v, d in org.edges("REPORTS_TO")}
    assert {(u, manager(u)) for u, v in lines} == lines
    assert any(a.startswith("orgmodel:trunk:") for a, _ in drawn)   # some stacked


@pytest.mark.graphviz
def test_a_png_is_drawn_at_its_resolution_and_never_shrunk(tmp_path):
    import re
    import struct
    # at a stated resolution: the PNG is the chart's size in inches times the dpi
    svg = (tmp_path / "d.svg")
    assert run("chart", "--org", DATA / "deventer", "-o", svg).exit_code == 0
    w_pt = float(re.search(r'width="([\d.]+)pt"', svg.read_text()).group(1))
    png = tmp_path / "d.png"
    assert run("chart", "--org", DATA / "deventer", "-o", png, "--dpi", "150").exit_code == 0
    width = struct.unpack(">II", png.read_bytes()[16:24])[0]
    assert abs(width - w_pt / 72 * 150) < 0.02 * width, (width, w_pt)
    # a large organisation: pages that fit the paper, each a PNG at the resolution
    wide = tmp_path / "wide"
    orgmodel.save(orgmodel.synthesize(1000, seed=2), wide)
    res = run("chart", "--org", wide, "-o", tmp_path / "w.png", "--dpi", "300")
    assert res.exit_code == 0, res.output
    pages = sorted(tmp_path.glob("w*.png"))
    assert len(pages) > 1 and f"({len(pages)} pages)" in res.output
    # past the raster limit (a page at 3,000 dpi): a clear message, nothing
    # written (Graphviz shrank it in silence)
    from orgmodel.errors import OrgModelError
    with pytest.raises(OrgModelError, match=r"more than a PNG can hold \(32,767 a side\)"):
        orgmodel.write_chart(orgmodel.load(DATA / "deventer"), tmp_path / "x.png", dpi=3000)
    assert not (tmp_path / "x.png").exists()


def test_a_focused_page_is_the_same_on_every_run(tmp_path):
    """A focused page (a few nodes) was drawn in the order of a set of them,
    which Python orders anew in each process: the same command wrote another
    page each time.  Two processes with different hash seeds write the same."""
    import os
    import subprocess
    import sys
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"focus-{seed}.html"
        subprocess.run([sys.executable, "-m", "orgmodel", "export", "html", "--org",
                        str(DATA / "deventer"), "--focus", "cd-kossen", "--depth", "2",
                        "--edge-kinds", "REPORTS_TO,COMMISSIONS,MANDATES", "--out", str(out)],
                       check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
