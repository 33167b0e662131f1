"""orgmodel.model: a folder becomes a graph, and saving and loading it again gives the same graph."""
import shutil

import pytest
from click.testing import CliRunner

import orgmodel
from conftest import DATA
from orgmodel.cli import cli
from orgmodel.escalation import RouteGraph
from orgmodel.formation import formation, totals
from orgmodel.span import span_of_control


@pytest.mark.parametrize("folder", ["template", "deventer", "albrandswaard", "deventer-2010",
                                    "synthetic"])
def test_load_builds_the_graph_from_tables_builds(folder, tmp_path):
    # A load keeps the cells its validation converted instead of converting
    # them again: the graph must be the one from_tables builds from the tables.
    from orgmodel.read import read_folder
    if folder == "synthetic":
        orgmodel.save(orgmodel.synthesize(400, seed=2), tmp_path / "s")
        path = tmp_path / "s"
    else:
        path = DATA / folder
    raw = read_folder(path)
    slow = orgmodel.from_tables(raw.manifest, raw.nodes, raw.edges, path)
    fast = orgmodel.load(path)
    assert fast == slow
    assert list(fast.graph.edges(keys=True)) == list(slow.graph.edges(keys=True))
    # (and converted cells are there to compare: numbers, yes/no, lists)
    values = [v for _, d in fast.graph.nodes(data=True) for v in d.values()] + \
        [v for _, _, d in fast.graph.edges(data=True) for v in d.values()]
    assert any(not isinstance(v, str) for v in values)


@pytest.mark.parametrize("org", ["deventer", "albrandswaard", "template"])
def test_load_save_load_gives_an_equal_graph(org, tmp_path):
    first = orgmodel.load(DATA / org)
    orgmodel.save(first, tmp_path / org)
    again = orgmodel.load(tmp_path / org)
    assert again == first
    # and it is really the same data, not two empty models
    assert again.graph.number_of_edges() == first.graph.number_of_edges() > 10


# -- the template: a vacant post, a job share, an external superior, staff per grade

def test_vacant_post_job_share_external_superior_and_staff(sample):
    t = totals(sample)
    assert (t["posts"], t["vacant"], t["people"], t["staff"], t["staff_fte"]) == (7, 1, 3, 9, 7.6)
    posts = formation(sample, "post").set_index("id")
    assert posts.loc["tm", "people"] == 2 and posts.loc["tm2", "people"] == 0
    span = span_of_control(sample.on()).frame.set_index("id")
    # staff count in span by people and FTE, never as direct reports
    assert span.loc["tm", "direct_reports"] == 0 and span.loc["tm", "people"] == 9
    assert span.loc["gd", "vacant_reports"] == 1
    lay = orgmodel.layering(sample)
    assert "staff-fin-b" not in set(lay.frame["id"])
    # the external superior ends the route with its own outcome, until the move
    rg = RouteGraph(sample.on("2026-06-01"), "line")
    assert rg.end("region-chief") == "external" and rg.outcomes("fire") == ["external"]
    rg = RouteGraph(sample.on("2027-06-01"), "line")
    assert rg.tops("fire") == ["gd"]
    # a route ending at a vacant post says so
    rg = RouteGraph(sample.on(), "line")
    assert [s.temporary for s in rg.next("tm2")] == [True]


def test_route_ending_at_a_vacant_post(sample):
    sample.graph.nodes["gd"]["vacant"] = True
    rg = RouteGraph(sample.on(), "line")
    assert rg.outcomes("tm") == ["vacant"]


def test_analyses_from_python_look_at_the_models_date(sample):
    # The fire safety officer moves into the own line on 2027-01-01; the model
    # describes 2026-01-01, so only the superior in the safety region counts.
    assert sample.date == "2026-01-01"
    span = span_of_control(sample).frame.set_index("id")
    assert span.loc["gd", "direct_reports"] == 2               # cd and the vacant tm2
    later = span_of_control(sample.on("2027-06-01")).frame.set_index("id")
    assert later.loc["gd", "direct_reports"] == 3              # and fire
    below = formation(sample, "manager").set_index("id")
    assert below.loc["gd", "posts"] == formation(sample.on("2027-06-01"), "manager").set_index(
        "id").loc["gd", "posts"] - 1
    assert RouteGraph(sample, "line").outcomes("fire") == ["external"]
    # (so do the layers: a refactor once left layering reading every line)
    layer = orgmodel.layering(sample).frame.set_index("id")["layer"]
    assert layer.isna()["fire"] and not layer.isna()["tm"]
    assert orgmodel.layering(sample.on("2027-06-01")).frame.set_index("id").loc["fire", "layer"] == 2


def test_on_date_on_the_command_line():
    args = ["escalate", "fire", "--org", str(DATA / "template")]
    assert "outside the organisation" in CliRunner().invoke(cli, args).output
    later = CliRunner().invoke(cli, args + ["--on", "2027-02-01"]).output
    assert "General director" in later and "outside" not in later
    bad = CliRunner().invoke(cli, args + ["--on", "next week"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_migrate_a_version_1_folder(tmp_path):
    d = tmp_path / "v1"
    shutil.copytree(DATA / "template", d)
    text = (d / "nodes.csv").read_text().replace(
        "team,Team,Finance team,,assumed,", "team,Team,Finance team,assumption,,")
    (d / "nodes.csv").write_text(text)
    assert orgmodel.validate_folder(d)           # v1 style is refused, with the way out
    nl = tmp_path / "v1-nl"
    shutil.copytree(d, nl)
    res = CliRunner().invoke(cli, ["migrate", str(d), "--lang", "en"])
    assert res.exit_code == 0, res.output
    # (counts in the singular where there is one; the whole line in the reader's language)
    assert "1 row now 'assumed'; rows citing a source are ungraded" in res.output, res.output
    assert orgmodel.validate_folder(d) == []
    assert orgmodel.load(d).graph.nodes["team"]["evidence"] == "assumed"
    res = CliRunner().invoke(cli, ["migrate", str(nl), "--lang", "nl"])
    assert res.exit_code == 0, res.output
    assert ("1 regel nu 'assumed'; regels die een bron noemen zijn nog niet beoordeeld"
            in res.output), res.output


def test_a_placeholder_top_post_is_marked_and_left_out(make):
    # Published organograms often put the organisation itself at the top of the
    # tree: marked as a placeholder, it is neither a post nor a layer.
    org = make([("dept", {"placeholder": True, "name": "Department of Examples"}),
                ("perm-sec", {"fte": "1"}), ("dg", {"fte": "1"}), ("dir", {"fte": "1"})],
               [("perm-sec", "dept", "REPORTS_TO"), ("dg", "perm-sec", "REPORTS_TO"),
                ("dir", "dg", "REPORTS_TO")])
    lay = orgmodel.layering(org)
    assert lay.depth == 2           # perm-sec and dg manage; dir is no manager
    layers = lay.frame.set_index("id")["layer"]
    assert "dept" not in layers.index and layers["perm-sec"] == 1 and layers["dg"] == 2
    assert any("placeholder" in line and "Department of Examples" in line
               for line in lay.explanation)
    assert totals(org)["posts"] == 3
    # the line ends at the organisation's own top post, and the placeholder asks nothing
    rg = RouteGraph(org, None)
    assert rg.tops("dir") == ["perm-sec"] and "dept" not in rg.starts()


def test_a_matrix_post_counts_once_in_every_total_above_it(make):
    # tm reports to two directors, who both report to gd; a post below tm
    # reaches gd three ways, and still counts once there.
    org = make(["gd", "d1", "d2", "tm", "emp"],
               [("d1", "gd", "REPORTS_TO"), ("d2", "gd", "REPORTS_TO"),
                ("tm", "d1", "REPORTS_TO"), ("tm", "d2", "REPORTS_TO"),
                ("emp", "tm", "REPORTS_TO")])
    below = formation(org, "manager").set_index("id")["posts"]
    assert below.to_dict() == {"gd": 5, "d1": 3, "d2": 3, "tm": 2}
    assert totals(org)["posts"] == 5
    # FTE in tenths add up to what a reader adds up, not 0.30000000000000004
    for r in ("gd", "d1", "d2", "tm", "emp"):
        org.graph.nodes[r].update(fte_min=0.1, fte_max=0.1)
    fte = formation(org, "manager").set_index("id")["fte_max"]
    assert fte.to_dict() == {"gd": 0.5, "d1": 0.3, "d2": 0.3, "tm": 0.2}
