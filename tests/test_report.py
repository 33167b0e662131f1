"""Issue 17: the report for a director, in English and Dutch, as Markdown and HTML."""
import ast
import re

import pytest
from browser import chromium_path

import orgmodel
from conftest import DATA, ROOT
from conftest import run as cli_run
from orgmodel.checks import check
from orgmodel.i18n import messages
from orgmodel.report import _causes


def _labels(path):
    """Every literal label a module passes to its translator ``t``."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in ("t", "heading") and node.args and \
                isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            yield node.args[0].value


NL = {k for _, k in messages("nl")}


def test_every_label_has_its_dutch():
    labels = set(_labels(ROOT / "orgmodel" / "report.py")) | \
        set(_labels(ROOT / "orgmodel" / "figures.py"))
    assert len(labels) > 80
    assert sorted(labels - set(NL)) == []
    # and the labels filled in at run time: outcomes, grades, categories, what a table counts
    from orgmodel.escalation import OUTCOMES
    from orgmodel.schema import PORTFOLIO_CATEGORIES
    runtime = {*OUTCOMES, *PORTFOLIO_CATEGORIES, "stated", "inferred", "assumed", "ungraded",
               "levels", "steps", "posts", "people", "fte", "node", "edge", "rows", "units",
               "roles", "managers", "partners", "pairs", "mandate links", "commissions"}
    assert sorted(runtime - set(NL)) == []


def test_every_message_in_the_code_has_its_dutch():
    # Babel extracts every text the code marks for translation (t, heading,
    # N_, Message); each needs its Dutch in the gettext catalog
    from orgmodel._messages import extract
    found = extract()
    assert len(found) > 100
    nl = messages("nl")
    assert sorted(m for m in found if (None, m) not in nl) == []


def test_the_report_in_dutch_and_in_english(tmp_path):
    for lang, first, headings, header in (
            ("en", "## Summary", ("## Escalation routes", "## Span of control",
                                  "## Governance findings"), "| name | next |"),
            ("nl", "## Samenvatting", ("## Escalatieroutes", "## Managementlagen (R6)",
                                       "## Bevindingen over de sturing", "## Bestanden"),
             "| naam | volgende stap |")):
        res = cli_run("report", "--org", str(DATA / "deventer"), "--out", str(tmp_path / lang),
                      "--lang", lang)
        assert res.exit_code == 0, res.output
        md = (tmp_path / lang / "report.md").read_text()
        assert md[md.index("## "):].startswith(first)          # the summary comes first
        for h in headings:
            assert h in md, h
        assert header in md
    nl = (tmp_path / "nl" / "report.md").read_text()
    # the English labels are gone from the Dutch report (not the data's own words)
    for english in ("## Summary", "Who carries the escalations", "| name |", "posts (",
                    "Rules checked", "direct reports"):
        assert english not in nl, english
    assert "Wie de escalaties draagt" in nl and "directe ondergeschikten" in nl
    # the escalation tables count posts (functies) and roles (rollen), which the
    # sources tell apart: "Rollen naar uitkomst" counted the functies as rollen
    assert "Functies en rollen naar uitkomst van hun routes: top: 19" in nl
    assert "Naar wie elke functie of rol een kwestie brengt" in nl
    assert "Rollen naar uitkomst" not in nl and "van de meeste rollen" not in nl
    en = (tmp_path / "en" / "report.md").read_text()
    assert "Posts and roles by outcome of their routes: top: 19" in en
    svg = (tmp_path / "nl" / "chart-span.svg").read_text()
    assert "directe ondergeschikten" in svg and "leidinggevenden" in svg
    res = cli_run("report", "--org", str(DATA / "deventer"), "--out", str(tmp_path / "x"),
                  "--lang", "de")
    assert res.exit_code == 2 and "'de' is not one of" in res.output


def test_names_not_ids_and_ids_where_names_repeat(tmp_path, make):
    md = orgmodel.write_report(orgmodel.load(DATA / "deventer"), tmp_path / "d",
                               html=False).read_text()
    body = md.split("## Files", 1)[0]
    for ident in ("cd-vanhouwelingen", "pf-lantain", "| gd |", "cd-kossen"):
        assert ident not in body, ident
    assert "Portefeuille Lantain" in body and "Concerndirecteur Van Houwelingen" in body
    org = make([("a", {"name": "Teammanager"}), ("b", {"name": "Teammanager"}),
                ("c", {"name": "Director"})], [("a", "c", "REPORTS_TO"), ("b", "c", "REPORTS_TO")])
    md = orgmodel.write_report(org, tmp_path / "t", html=False).read_text()
    # (two posts of one name are told apart by their ids; the Markdown reads as written)
    assert "Teammanager (a)" in md and "Teammanager (b)" in md and "Director (c" not in md


def test_findings_grouped_by_cause(tmp_path):
    org = orgmodel.load(DATA / "deventer")
    found = check(org)
    groups = _causes(found)
    # every mandate is between officials of the municipality: no Awb 10:4
    assert [rule for rule, _, _ in groups if rule.startswith("Awb")] == []
    r2 = [(node, len(g)) for rule, node, g in groups if rule == "R2"]
    assert r2 == [(None, 14)]              # fourteen commissions, nothing in common
    assert sum(len(g) for _, _, g in groups) == len(found)
    md = orgmodel.write_report(org, tmp_path / "d", html=False).read_text()
    findings = md.split("## Governance findings", 1)[1]
    assert "14 findings" in findings


def test_charts_per_section(tmp_path):
    out = tmp_path / "d"
    md = orgmodel.write_report(orgmodel.load(DATA / "deventer"), out, html=False).read_text()
    for name in ("chart-span.svg", "chart-layers.svg", "chart-units.svg",
                 "chart-portfolios.svg", "chart-load-1.svg"):
        assert f"]({name})" in md, name
        assert (out / name).read_text().lstrip().startswith("<?xml")
    # three layers of managers (posts only: roles have no layer), 4 + 6 + 4,
    # drawn as the pyramid's bars
    layers = (out / "chart-layers.svg").read_text()
    assert all(f">{n}<" in layers for n in ("4", "6"))


def test_the_report_of_100k_roles_stays_small(tmp_path):
    org = orgmodel.synthesize(100_000, seed=0)
    md = orgmodel.write_report(org, tmp_path / "r", html=False)
    assert md.stat().st_size < 1_000_000
    assert (tmp_path / "r" / "report.html").stat().st_size < 2_000_000
    text = md.read_text()
    assert text[text.index("## "):].startswith("## Summary")


@pytest.mark.browser
def test_the_html_report_is_self_contained_and_inert(template_copy, tmp_path):
    org = orgmodel.load(template_copy)
    org.graph.nodes["tm"]["name"] = "<img src=x onerror=alert(1)>"
    org.manifest["name"] = "</title><script>alert(1)</script>"
    orgmodel.write_report(org, tmp_path / "r", lang="nl")
    page = tmp_path / "r" / "report.html"
    html = page.read_text()
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert re.findall(r'<img[^>]*src="([^":]*):', html) and \
        set(re.findall(r'<img[^>]*src="([^":]*):', html)) == {"data"}
    from browser import CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        pg = b.new_page()
        seen, dialogs = [], []
        pg.on("request", lambda r: seen.append(r.url))
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.goto(page.resolve().as_uri())
        drawn = pg.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
        count = pg.evaluate("document.images.length")
        heading = pg.inner_text("h2")
        pdf = pg.pdf()                   # prints to PDF from the browser
        b.close()
    assert seen == [page.resolve().as_uri()] and dialogs == []
    assert drawn and count >= 4 and heading == "Samenvatting"
    assert pdf[:4] == b"%PDF"


@pytest.mark.parametrize("depth", [12, 21, 5000])
def test_the_layer_chart_is_a_page_high_whatever_the_depth(depth):
    # 0.45 inch per layer drew a 100,000-deep line into a MemoryError; past
    # 20 layers (10 inches: an A4 page) the chart draws bands of layers instead.
    import xml.dom.minidom

    from orgmodel.figures import MAX_LAYERS, layer_pyramid
    from orgmodel.layers import layering
    from orgmodel.synth import chain
    svg = layer_pyramid(layering(chain(depth + 1)).frame)
    doc = xml.dom.minidom.parseString(svg)
    height = float(doc.documentElement.getAttribute("height").rstrip("pt"))
    width = -(-depth // MAX_LAYERS)           # layers per band
    bars = -(-depth // width)
    assert bars <= MAX_LAYERS
    assert height <= (0.45 * bars + 1) * 72 + 1
    labels = [t.firstChild.data for t in doc.getElementsByTagName("text") if t.firstChild
              and t.firstChild.data.startswith("layer")]
    assert len(labels) == bars, labels
    if depth > MAX_LAYERS:
        assert labels[0] == f"layers 1–{width:,}"
        assert labels[-1].endswith(f"–{depth:,}")



def test_bars_of_one_name_are_bars_of_their_own_and_dutch_writes_its_decimals():
    """Two units named "Beleid" (in two afdelingen) were one bar, drawn on
    one another, and two roles of one title in the load chart likewise; a
    Dutch chart wrote 0.5.  Each is a bar, told apart by its id, and the
    axis is in the language's notation."""
    import xml.dom.minidom

    import pandas as pd

    from orgmodel.figures import fte_chart, load_chart
    from orgmodel.i18n import translator
    units = pd.DataFrame({"id": ["u:r", "u:r/beleid", "u:s/beleid"],
                          "name": ["Ruimte", "Beleid", "Beleid"], "posts": [3, 2, 1],
                          "total_fte_max": [2.5, 1.5, 0.5]})
    load = pd.DataFrame({"id": ["tm1", "tm2"], "name": ["Teammanager", "Teammanager"],
                         "reached_by": [4, 3]})
    for svg in (fte_chart(units, translator("nl")), load_chart(load, translator("nl"))):
        doc = xml.dom.minidom.parseString(svg)
        bars = [p for p in doc.getElementsByTagName("g")
                if p.getAttribute("id").startswith("patch_")][1:]     # (the first: the axes)
        texts = [t.firstChild.data for t in doc.getElementsByTagName("text") if t.firstChild]
        named = [x for x in texts if x.startswith(("Beleid", "Teammanager"))]
        assert len(named) == 2 and len(set(named)) == 2, named
        assert len(bars) >= len(named) + (1 if "Ruimte" in texts else 0)
    texts = [t.firstChild.data for t in xml.dom.minidom.parseString(
        fte_chart(units, translator("nl"))).getElementsByTagName("text") if t.firstChild]
    assert "0,5" in texts and "0.5" not in texts
    texts = [t.firstChild.data for t in xml.dom.minidom.parseString(
        fte_chart(units, translator("en"))).getElementsByTagName("text") if t.firstChild]
    assert "0.5" in texts

def test_a_route_count_past_float_is_written_by_its_size():
    # A dense matrix of 2,060 roles has more routes than a float holds: the
    # report crashed turning the count into one.
    import pandas as pd

    from orgmodel.escape import markdown_table, to_csv
    frame = pd.DataFrame({"role": ["m1099-0"], "routes": [2 ** 1099]})
    assert "| m1099-0 | 6.79 × 10^330 |" in markdown_table(frame)
    assert str(2 ** 1099) in to_csv(frame)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_link_of_the_html_report_goes_somewhere(tmp_path, lang):
    # the summary's links and the table of contents point at heading ids
    orgmodel.write_report(orgmodel.load(DATA / "deventer"), tmp_path / "r", lang=lang)
    html = (tmp_path / "r" / "report.html").read_text()
    ids = set(re.findall(r'<h[1-6] id="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert len(links) >= 10 and links <= ids, sorted(links - ids)
    toc = re.search(r'<nav class="toc">(.*?)</nav>', html, re.S).group(1)
    assert len(re.findall("<li>", toc)) == len(re.findall("<h2 ", html))


@pytest.mark.browser
def test_the_html_report_prints_to_a4_a_section_a_page(tmp_path):
    from browser import CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    orgmodel.write_report(orgmodel.load(DATA / "deventer"), tmp_path / "r", lang="nl")
    page = tmp_path / "r" / "report.html"
    sections = len(re.findall("<h2 ", page.read_text()))
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        pg = b.new_page()
        pg.goto(page.resolve().as_uri())
        pdf = pg.pdf(prefer_css_page_size=True)
        b.close()
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(abs(float(w) - 595.92) < 2 and abs(float(h) - 842.88) < 2
                         for w, h in boxes), set(boxes)          # A4 portrait, in points
    # every section after the summary starts a page of its own
    assert len(boxes) >= sections, (len(boxes), sections)


@pytest.mark.browser
@pytest.mark.graphviz
def test_the_reports_org_chart_comes_in_pages_that_print_readable(tmp_path):
    # 600 posts: the chart's pages for the report's A4 column, each printed at
    # the column's width with its boxes' text at least 2 mm high
    from browser import CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    orgmodel.write_report(orgmodel.synthesize(600, seed=3), tmp_path / "r")
    md = (tmp_path / "r" / "report.md").read_text()
    pages = re.findall(r"!\[The org chart, page (\d+) of (\d+)\]\((chart(?:-\d+)?\.svg)\)", md)
    assert len(pages) > 1 and pages[0][2] == "chart.svg"
    assert "a box with a count says on which page" in md
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        pg = b.new_page(viewport={"width": 680, "height": 1000})   # (180 mm: A4's column)
        pg.emulate_media(media="print")
        pg.goto((tmp_path / "r" / "report.html").resolve().as_uri())
        sizes = pg.evaluate("""() => [...document.images]
            .filter(i => i.alt.startsWith('The org chart'))
            .map(i => ({shown: i.getBoundingClientRect().width, drawn: i.naturalWidth,
                        high: i.getBoundingClientRect().height}))""")
        b.close()
    assert len(sizes) == len(pages)
    for s in sizes:
        # (an SVG's natural width is its points as CSS pixels: 1 pt = 4/3 px)
        printed_mm = 10 * 25.4 / 72 * s["shown"] / s["drawn"]
        assert printed_mm >= 2.0, s
        assert s["high"] * 25.4 / 96 <= 241, s            # (no taller than the column)


def test_posts_whose_holders_the_sources_do_not_give_are_not_called_empty(tmp_path):
    """Albrandswaard's sources name no holder and no vacancy: its report said
    "16 posts (0 vacant), 0 people in post", a finding the sources do not
    make. It now says that who holds the posts is not recorded; an
    organisation whose sources name holders keeps its count."""
    res = cli_run("report", "--org", DATA / "albrandswaard", "--out", tmp_path / "a")
    assert res.exit_code == 0, res.output
    md = (tmp_path / "a" / "report.md").read_text(encoding="utf-8")
    assert "16 posts (who holds them, and which are vacant, is not recorded)," in md
    assert re.search(r"; who holds the posts, and which are vacant, is not recorded[.;]", md)
    assert "0 people in post" not in md and "(0 vacant)" not in md
    # the table per unit said "0 people, headcount 0" of the Regieteam's
    # eight posts: it now gives their holders as not recorded, and no
    # headcount, a range as one column
    lines = md.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("| Regieteam | 8 |"))
    header, regie = lines[at - 2], lines[at]
    row = dict(zip((c.strip() for c in header.strip("|").split("|")),
                   (c.strip() for c in regie.strip("|").split("|"))))
    assert (row["people"], row["unrecorded"], row["fte"], row["headcount"]) \
        == ("0", "8", "17–18", ""), row
    # with no line to chart, "(none)" was read into the list above it
    html = (tmp_path / "a" / "report.html").read_text(encoding="utf-8")
    assert html.count("<p><em>(none)</em></p>") >= 2
    assert not re.search(r"<li>[^<]*\s<em>\(none\)</em>", html)
    res = cli_run("report", "--org", DATA / "deventer", "--out", tmp_path / "d")
    md = (tmp_path / "d" / "report.md").read_text(encoding="utf-8")
    assert "8 posts (0 vacant), 4 people in post," in md and "is not recorded)" not in md
    # summary and formation say the same
    out = cli_run("summary", "--org", DATA / "albrandswaard").output
    assert "Formation: 16 posts, 27–29 FTE in posts over 16 posts with an FTE; who holds the " \
        "posts, and which are vacant, is not recorded" in out
    out = cli_run("formation", "--org", DATA / "albrandswaard").output
    # (no staff under the posts: the same range again "with staff" is not said)
    assert "In all: 16 posts; 27–29 FTE in posts; who holds the posts, " \
        "and which are vacant, is not recorded" in out and "held" not in out.splitlines()[-1]
    assert "(0 vacant), 4 people" in cli_run("formation", "--org", DATA / "deventer").output
    # no post gives an FTE: said so, not as "0 FTE over 0 posts with an FTE"
    # (and the four posts the sources name no holder of are not taken as held)
    # (and its one group of staff, DGB-personeel, of no number and no FTE:
    # counted nowhere, and then said as "0 FTE")
    assert "Formation: **8 posts** (0 vacant), no FTE given; 4 people in post; 4 posts whose " \
        "holder is not recorded (neither vacant nor held by anyone the data names); 1 group of " \
        "staff whose number and FTE the data does not give; and 9 more posts whose number is " \
        "not recorded" in md
    # no span thresholds: said so, not as "min none, max none"
    assert "No thresholds are set (span: min and max in org.yaml): no span is flagged" in md \
        and "min none" not in md
    out = cli_run("summary", "--org", DATA / "deventer").output
    assert "(0 vacant), no FTE given; 4 people in post" in out and "0 FTE" not in out


def test_a_post_holding_a_portfolio_is_not_a_holder_of_the_post(tmp_path):
    """The synthetic municipality's posts hold portfolios, but no person holds
    a post: its report said "(0 vacant), 0 people in post", because a post's
    HOLDS of its portfolio was counted as a holder."""
    org = orgmodel.synthesize(600, seed=3)
    holds = [(u, v) for u, v, d in org.graph.edges(data=True) if d.get("kind") == "HOLDS"]
    assert holds and all(org.graph.nodes[u]["kind"] == "Post" for u, _ in holds)
    assert not orgmodel.holders_recorded(org, orgmodel.totals(org))
    orgmodel.write_report(org, tmp_path / "r")
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert re.search(r"who holds the posts, and which are vacant, is not recorded[.;]", md)
    assert "0 people in post" not in md and "(0 vacant)" not in md
    # nor does the widest span count its people, nor the span table them
    assert re.search(r"the widest is [^\n]+ with \d+ direct reports[;.]", md)
    span = md.split("## Span of control", 1)[1].split("\n## ", 1)[0]
    assert "| name | direct reports | fte | mandates given | reason |" in span
    assert "people" not in span


def test_a_report_is_the_same_files_on_every_run(tmp_path):
    """Every file of a report is the same from two processes with different
    hash seeds (the charts' SVG ids were drawn from a random salt)."""
    import os
    import subprocess
    import sys
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-m", "orgmodel", "report", "--org",
                        str(DATA / "albrandswaard"), "--out", str(tmp_path / seed)],
                       check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1796256000"})
    files = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert any(f.endswith(".svg") for f in files)
    for name in files:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_a_report_with_no_rule_to_check_does_not_give_a_clean_bill(tmp_path):
    """Deventer in 2010 adopts no rule orgmodel checks (the source states its
    rules for the structure after it), and an imported formatie names none.
    Their reports said "Findings: none for the rules checked" and "the
    model keeps every rule checked": true of no rule, and read as a clean
    bill. They now say that no rule is checked, and why."""
    res = cli_run("report", "--org", DATA / "deventer-2010", "--out", tmp_path / "a",
                  "--lang", "en")
    assert res.exit_code == 0, res.output
    md = (tmp_path / "a" / "report.md").read_text(encoding="utf-8")
    assert "- **Findings**: no rule checked: org.yaml names none of the rules orgmodel checks " \
        "(`rules`)." in md
    assert "No rule of the organisation's is checked: org.yaml names none of the rules " \
        "orgmodel checks (`rules`: R1, " in md
    assert "keeps every rule checked" not in md and "none for the rules checked" not in md
    res = cli_run("report", "--org", DATA / "deventer", "--out", tmp_path / "b", "--lang", "en")
    md = (tmp_path / "b" / "report.md").read_text(encoding="utf-8")
    assert "no rule checked" not in md and "Rules checked: R1 (" in md


def test_sections_of_what_the_data_does_not_name_say_so(tmp_path):
    """A model without partners, portfolios or commissions (an imported
    formatie) had a report of empty tables and vacuous findings: "No partner
    hangs on a single commissioner", and an imbalance of 0, "every holder
    carries as many items", of no portfolio at all. Each section now says
    that the data names none; a model that has them keeps its sections."""
    res = cli_run("report", "--org", DATA / "deventer-2010", "--out", tmp_path / "a")
    assert res.exit_code == 0, res.output
    md = (tmp_path / "a" / "report.md").read_text(encoding="utf-8")
    for heading, said in (("## Partners", "The data names no partners."),
                          ("## Portfolio balance", "The data names no portfolios: there is no "
                                                   "balance to test."),
                          ("## Executive commissions", "The data names no commissions.")):
        section = md.split(heading, 1)[1].split("\n## ", 1)[0]
        assert section.strip() == said, section
    assert "Imbalance" not in md and "No partner hangs" not in md
    for command, said in (("portfolios", "The data names no portfolios: there is no balance "
                                         "to test."),
                          ("partners", "The data names no partners."),
                          ("advice", "The data names no commissions.")):
        out = cli_run(command, "--org", DATA / "deventer-2010").output
        assert out.strip() == said, (command, out)
    # (CSV keeps its header: a machine reads an empty table)
    assert cli_run("advice", "--org", DATA / "deventer-2010", "--format", "csv").output \
        .startswith("id,name,criteria_met")
    res = cli_run("report", "--org", DATA / "deventer", "--out", tmp_path / "d")
    md = (tmp_path / "d" / "report.md").read_text(encoding="utf-8")
    assert "Imbalance (coefficient of variation of the totals): **0.118**" in md
    assert "The data names no" not in md


def test_a_flat_organisations_layers_and_spans_say_so_without_empty_tables(tmp_path):
    """Albrandswaard records no line: its report's spans gave their counting
    rules, an empty table and an empty distribution, and its layers an
    empty table of managers. The spans say in one sentence that there is
    none to count; the layers keep their explanation. Where no threshold is
    set, the table of spans has no column of reasons."""
    res = cli_run("report", "--org", DATA / "albrandswaard", "--out", tmp_path / "a")
    assert res.exit_code == 0, res.output
    md = (tmp_path / "a" / "report.md").read_text(encoding="utf-8")
    spans = md.split("## Span of control", 1)[1].split("\n## ", 1)[0]
    assert spans.strip() == ("No post has a direct report in the line the data records: there "
                             "is no span to count."), spans
    layers = md.split("## Management layers", 1)[1].split("\n## ", 1)[0]
    assert "describes a flat organisation" in layers and "_(none)_" not in layers, layers
    res = cli_run("report", "--org", DATA / "deventer", "--out", tmp_path / "d")
    md = (tmp_path / "d" / "report.md").read_text(encoding="utf-8")
    head = next(x for x in md.split("## Span of control", 1)[1].splitlines()
                if x.startswith("| name |"))
    assert "reason" not in head and "direct reports" in head, head


def test_an_awb_finding_is_reported_where_org_yaml_names_no_rule(tmp_path):
    """The report of an organisation whose org.yaml names no rule said "no
    rule checked" and left out what the Awb's checks on its mandates found
    (a mandate to a vacant post without a deputy), which `check` showed.
    The report shows those findings, and names the Awb's checks among the
    rules checked."""
    f = tmp_path / "p.csv"
    f.write_text("id,reports_to,title,holder\nCE,,Chief Executive,Ann\nFD,CE,Finance Director,"
                 "Vacant\n", encoding="utf-8")
    org_dir = tmp_path / "o"
    assert cli_run("import", "posts", f, "--out", org_dir).exit_code == 0
    import pandas as pd
    edges = pd.read_csv(org_dir / "edges.csv", dtype=str, keep_default_na=False)
    edges = pd.concat([edges, pd.DataFrame([{"from": "CE", "to": "FD", "kind": "MANDATES",
                                             "evidence": "assumed", "powers": "budget",
                                             "note": "assumed for a test"}])]).fillna("")
    edges.to_csv(org_dir / "edges.csv", index=False)
    yaml_file = org_dir / "org.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(
        "rules: []\n", "rules: []\npowers:\n  budget: {name: Budget}\n"), encoding="utf-8")
    assert "[Awb 10:1] Finance Director is vacant" in cli_run("check", "--org", org_dir).output
    assert cli_run("report", "--org", org_dir, "--out", tmp_path / "r").exit_code == 0
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert "- **Findings**: 1: 1 × Awb 10:1" in md
    section = md.split("## Governance findings")[1]
    assert "Rules checked: the Awb's checks on mandates (10:1, 10:3, 10:4, 10:9)." in section
    assert "**Awb 10:1**: Finance Director is vacant and has no deputy" in section


@pytest.mark.parametrize("lang, kinds", [("en", ("market", "citizens")),
                                          ("nl", ("markt", "burgers"))])
def test_a_kind_that_is_also_an_id_is_said_as_a_kind(tmp_path, lang, kinds):
    # (Albrandswaard's partners of ids 'market' and 'citizens' have those
    # kinds: the table said "Marktpartijen | Marktpartijen", a node's name
    # where the schema's word for a kind of partner belongs)
    from orgmodel.report import write_report
    out = write_report(orgmodel.load(DATA / "albrandswaard"), tmp_path / "r", html=False,
                       lang=lang)
    text = out.read_text(encoding="utf-8") if out.is_file() else \
        (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert f"| Marktpartijen | {kinds[0]} |" in text
    assert f"| Burgers | {kinds[1]} |" in text
    assert "| Marktpartijen | Marktpartijen |" not in text
