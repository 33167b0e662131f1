"""Issue 3: escalation routes, layers, span, partners, checks, portfolios, advice."""
import json
import math

import pandas as pd
import pytest

import orgmodel
from conftest import DATA, run
from orgmodel.advice import executive_commission_advice
from orgmodel.checks import check
from orgmodel.escalation import escalate, escalation_routes, meet
from orgmodel.layers import layering
from orgmodel.partners import partner_network
from orgmodel.portfolios import portfolio_balance
from orgmodel.span import span_of_control

LINE = {"escalation": {"forbidden_spheres": ["political"],
                       "routes": {"line": [{"edge": "REPORTS_TO"}]}}}


def routes_of(rg, role):
    return [(r.ids, r.outcome) for r in rg.routes(role, None)]


# --- the Deventer routes, checked against the sources -------------------------------

def _team_managers(org):
    """Team-level roles that lead a team (not D-B3's generic triangle role)."""
    leads = {u for u, _, _ in org.edges("LEADS")}
    return [r for r in org.ids("Post") if org.graph.nodes[r].get("level") == "team" and r in leads]


def test_every_deventer_team_manager_reaches_the_general_director_officially(deventer):
    # D-FS-VI bullet 6: official disagreements go up the official line, never to
    # the college; every line ends at the general director (the exact route of
    # each team manager, from D-FS-V and its legend, is in test_data_sources).
    g = deventer.graph
    esc = escalation_routes(deventer, "line")
    tms = _team_managers(deventer)
    assert len(tms) >= 6
    for tm in tms:
        routes = list(esc.routes(tm, None))
        assert routes, tm
        for r in routes:
            assert r.outcome == "top" and r.ids[-1] == "gd", (tm, r)
            assert all(g.nodes[s]["sphere"] == "official" for s in r.ids), r.ids


def test_no_deventer_route_has_a_political_role(deventer):
    for via in ("line", "commission"):
        rg = escalation_routes(deventer, via)
        for role in rg.starts():
            assert "forbidden" not in rg.outcomes(role), role


def test_albrandswaard_partners_and_their_commissioners(albrandswaard):
    # the college is the commissioner of the regieorganisatie; the text
    # pairs no regisseur with a partner, so no official commissioner is named and
    # no regisseur is a broker between partners.
    net = partner_network(albrandswaard)
    partners = net.partners.set_index("id")
    assert set(partners.index) == {"bar", "swa", "sport", "market", "citizens"}
    named = partners.drop("market")            # names no agreement with the market
    assert (named["political_commissioners"] == "executive-board").all()
    assert (partners["official_commissioners"] == "").all()
    assert partners.loc["market", "commissions"] == ""
    assert net.brokerage.empty


def test_albrandswaard_has_only_the_mandate_route(albrandswaard):
    # flat, no reporting lines; a regisseur answers to the college that
    # mandated it (A-2.2; item 9).
    rg = escalation_routes(albrandswaard)
    assert rg.via == "mandate"
    # the regisseur acts as (gemandateerd) opdrachtgever, a role the college mandates
    assert routes_of(rg, "reg-kw") == [(["rol-opdrachtgever", "executive-board"], "top")]
    with pytest.raises(orgmodel.OrgModelError, match="its policy has: mandate"):
        escalation_routes(albrandswaard, "line")


# --- hand-built awkward graphs ------------------------------------------------------

def test_matrix_role_gets_every_route(make):
    org = make(["a", "b", "c", "top"], [("a", "b", "REPORTS_TO"), ("a", "c", "REPORTS_TO"),
                                        ("b", "top", "REPORTS_TO"), ("c", "top", "REPORTS_TO")],
               manifest={"escalation": {"ends_at": ["top"]}})
    assert routes_of(escalation_routes(org), "a") == [(["b", "top"], "top"), (["c", "top"], "top")]


def test_loop_is_a_finding_not_a_crash(make):
    org = make(["a", "b", "c"], [("a", "b", "REPORTS_TO"), ("b", "c", "REPORTS_TO"),
                                 ("c", "b", "REPORTS_TO")])
    esc = escalation_routes(org)
    # a route ends at the first role of the loop it reaches, and shows the way round
    assert [(r.ids, r.outcome, r.loop) for r in esc.routes("a")] == [
        (["b"], "loop", ("b", "c", "b"))]
    assert [(r.ids, r.outcome, r.loop) for r in esc.routes("c")] == [
        ([], "loop", ("c", "b", "c"))]
    assert esc.summary("a").routes == 1 and esc.outcomes("a") == ["loop"]
    assert layering(org).frame.set_index("id").loc["b", "layer"] is None or \
        pd.isna(layering(org).frame.set_index("id").loc["b", "layer"])


def test_dead_end_when_the_line_stops_below_the_top(make):
    org = make(["a", "b", "top"], [("a", "b", "REPORTS_TO")],
               manifest={"escalation": {"ends_at": ["top"]}})
    assert routes_of(escalation_routes(org), "a") == [(["b"], "dead_end")]


def test_only_superior_political_is_forbidden(make):
    org = make(["a", ("alderman", {"sphere": "political"})], [("a", "alderman", "REPORTS_TO")],
               manifest=LINE)
    esc = escalation_routes(org)
    [r] = esc.routes("a")
    assert r.outcome == "forbidden" and [b.id for b in r.blocked] == ["alderman"] and r.steps == ()
    assert "alderman" not in esc.starts()  # political roles are not starting points
    rec = esc.record("a")
    assert rec["blocked"][0]["sphere"] == "political" and rec["outcomes"] == ["forbidden"]
    found = check(org, ["R1"])
    assert list(found["rule"]) == ["R1"] and "alderman".upper() in found["message"][0]
    assert found["source"][0] == ""      # an organisation that cites no source for R1
    cited = make(["a", ("alderman", {"sphere": "political"})], [("a", "alderman", "REPORTS_TO")],
                 manifest={**LINE, "rules": {"R1": {"source": "X-5"}}})
    assert check(cited)["source"].tolist() == ["X-5"]


def test_empty_organisation(make):
    org = make()
    assert escalation_routes(org).starts() == []
    assert escalation_routes(org).to_frame().empty
    assert layering(org).depth == 0
    assert span_of_control(org).frame.empty
    assert partner_network(org).partners.empty
    assert check(org).empty
    assert portfolio_balance(org).imbalance == 0.0
    assert executive_commission_advice(org).empty


def test_unknown_route_kind_is_a_clear_error(make):
    with pytest.raises(orgmodel.OrgModelError, match="'sideways' is not an escalation route"):
        escalation_routes(make(["a"]), "sideways")


def test_one_pass_equals_one_search_per_role(deventer):
    every = escalation_routes(deventer, "line")
    for role in every.starts():
        rid, one = escalate(deventer, role)
        assert routes_of(one, rid) == routes_of(every, role)
        assert one.summary(rid) == every.summary(role)


def test_meet_finds_who_decides(deventer):
    m = meet(deventer, "Teammanagers Intern ondersteunen", "tm-bb")
    assert m["meet"]["id"] == "gd"
    assert [s["id"] for s in m["path_a"]] == ["dd-io", "cd-kossen", "gd"]
    # the ORB teams are temporarily under Jelle Arentsen, who also holds Extern dienstverlenen
    m2 = meet(deventer, "tm-ed", "tm-orb")
    assert m2["meet"]["id"] == "cd-arentsen"
    assert [s["id"] for s in m2["path_b"]] == ["cd-arentsen"]


def test_layers_count_same_level_as_one_layer(deventer, albrandswaard, make):
    lay = layering(deventer)
    assert (lay.depth, lay.target) == (3, 3)  # R6: concern, team-connecting, team
    assert lay.below_target.empty
    deep = make(["a", "b", "c", "d"], [("b", "a", "REPORTS_TO"), ("c", "b", "REPORTS_TO"),
                                       ("d", "c", "REPORTS_TO")])
    lay = layering(deep, target=2)
    assert lay.depth == 3   # d has no reports and no level: not a manager
    assert list(lay.below_target["id"]) == ["c"]


def test_matrix_role_sits_in_its_deepest_layer(make):
    org = make(["top", "mid", "x"], [("mid", "top", "REPORTS_TO"), ("x", "top", "REPORTS_TO"),
                                     ("x", "mid", "REPORTS_TO")])
    assert layering(org).frame.set_index("id").loc["x", "layer"] == 3


def test_span_thresholds_from_settings_and_arguments(make):
    org = make(["m", "a", "b", "c"], [("a", "m", "REPORTS_TO"), ("b", "m", "REPORTS_TO"),
                                      ("c", "m", "REPORTS_TO"), ("m", "a", "MANDATES")],
               manifest={"span": {"max": 2}})
    s = span_of_control(org)
    assert s.outside.to_dict("records")[0]["reason"] == "more than 2 direct reports"
    assert span_of_control(org, max=5).outside.empty
    assert span_of_control(org, min=4).outside["id"].tolist() == ["m"]
    # (a minimum above the maximum asked for flagged every manager)
    with pytest.raises(orgmodel.errors.InputError, match=r"span: min \(4\) is larger than max"):
        span_of_control(org, min=4, max=3)
    assert s.distribution.to_dict("records") == [{"direct_reports": 3, "managers": 1}]


def test_a_span_by_fte_where_reports_give_none_is_not_recorded(make):
    """A span by FTE counted a report that gives no FTE as 0: every manager
    of an organisation whose sources give no FTE (Deventer) was flagged
    "fewer than 5 FTE". Where no report gives one, the FTE is not recorded
    (empty; null in JSON) and not compared; where some give none, it is a
    lower bound, never too narrow, but still too wide."""
    org = make(["m", "n", "a", "b", "c", "d"],
               [("a", "m", "REPORTS_TO"), ("b", "m", "REPORTS_TO"), ("c", "n", "REPORTS_TO"),
                ("d", "n", "REPORTS_TO")],
               nodes=[("a", "Post", {"fte_min": 0.8, "fte_max": 0.8}),
                      ("c", "Post", {"fte_min": 0.5, "fte_max": 0.5}),
                      ("d", "Post", {"fte_min": 1.0, "fte_max": 1.0})])
    s = span_of_control(org, min=5, by="fte").frame.set_index("id")
    assert s.loc["m", "fte"] == 0.8 and s.loc["n", "fte"] == 1.5
    assert s.loc["m", "reason"] == "" and s.loc["n", "reason"] == "fewer than 5 FTE"
    assert span_of_control(org, max=0.5, by="fte").frame.set_index("id").loc[
        "m", "reason"] == "more than 0.5 FTE"
    none = make(["m", "a", "g"], [("a", "m", "REPORTS_TO"), ("g", "m", "MANDATES")])
    frame = span_of_control(none, min=5, by="fte").frame.set_index("id")
    assert math.isnan(frame.loc["m", "fte"]) and not frame.loc["m", "outside"]
    # (a post that gives mandates and has no reports: 0 FTE under it, known)
    assert frame.loc["g", "fte"] == 0.0 and frame.loc["g", "reason"] == "fewer than 5 FTE"
    assert span_of_control(none).to_dict()["managers"][0]["fte"] is None


def test_partner_single_commissioner_and_sharing(make):
    org = make(["r1", "r2", ("pol", {"sphere": "political"})],
               [("r1", "c1", "COMMISSIONS", {"capacity": "official"}),
                ("pol", "c1", "COMMISSIONS", {"capacity": "political"}),
                ("c1", "p1", "ASSIGNED_TO"), ("r2", "p1", "CONTRACTS"), ("r2", "p2", "CONTRACTS")],
               nodes=[("c1", "Commission", {"commission_kind": "agreement"}),
                      ("p1", "Partner", {"partner_kind": "market"}),
                      ("p2", "Partner", {"partner_kind": "market"})])
    net = partner_network(org)
    assert net.shared.to_dict("records") == [{"role_a": "r1", "role_b": "r2", "partners": "p1",
                                              "shared": 1}]
    assert net.brokerage.iloc[0]["id"] == "r2"   # r2 bridges p1 and p2
    assert list(net.single_commissioner["id"]) == ["p1"]
    found = check(org, ["R3"])
    # r2 contracts both partners but commissions neither: no commission, no work
    assert sorted(found["message"]) == [f"R2 contracts {p} without a commission it gives to "
                                        "that partner" for p in ("p1", "p2")]


@pytest.mark.parametrize("graph", [
    "partners", "star", "two parts", "long chain", "tree", "random", "tiny"])
def test_brokerage_is_networkx_betweenness(graph):
    # The report's brokerage walks many sources at once (or hands long chains
    # to networkx): the numbers must be networkx's, whatever the shape.
    import networkx as nx

    from orgmodel._centrality import betweenness
    g = {"partners": lambda: nx.relabel_nodes(
            nx.bipartite.random_graph(60, 12, 0.08, seed=3),
            lambda i: ("role", i) if i < 60 else ("partner", i)),
         "star": lambda: nx.star_graph(40),
         "two parts": lambda: nx.disjoint_union(nx.karate_club_graph(), nx.cycle_graph(9)),
         "long chain": lambda: nx.path_graph(400),
         "tree": lambda: nx.balanced_tree(3, 5),
         "random": lambda: nx.gnp_random_graph(200, 0.03, seed=1),
         "tiny": lambda: nx.path_graph(2)}[graph]()
    ours, theirs = betweenness(g, batch=7), nx.betweenness_centrality(g)
    assert ours.keys() == theirs.keys()
    assert all(abs(ours[k] - theirs[k]) < 1e-12 for k in theirs)
    assert max(theirs.values()) > 0 or graph == "tiny"


@pytest.mark.parametrize("rule,edges,expected", [
    ("R2", [("pol", "c", "COMMISSIONS", {"capacity": "political"})], "no official commissioner"),
    ("R3", [], "has no commissioner"),
    ("R4", [("m", "c", "COMMISSIONS", {"capacity": "official", "budget_holder": True})],
     "is not a corporate director"),
    ("R4", [("cd", "c", "COMMISSIONS", {"capacity": "official", "budget_holder": True}),
            ("m", "c", "COMMISSIONS", {"capacity": "official", "delegated": True})],
     "without a mandate"),
    ("R5", [("cd", "c", "COMMISSIONS", {"capacity": "official"}),
            ("m", "c", "COMMISSIONS", {"capacity": "official", "delegated": True,
                                       "budget_holder": True})], "does not hold its budget"),
    ("R10", [("p", "c", "COMMISSIONS", {"capacity": "official"})], "only from outside"),
])
def test_each_rule_finds_its_defect(make, rule, edges, expected):
    org = make(["m", ("cd", {"level": "concern"}), ("pol", {"sphere": "political"})], edges,
               nodes=[("c", "Commission", {"commission_kind": "project"}),
                      ("p", "Partner", {"partner_kind": "market"})])
    found = check(org, [rule])
    assert any(expected in m for m in found["message"]), found
    assert (found["source"] == orgmodel.RULES[rule][1]).all()


def test_r7_one_official_per_alderman_and_budget_programme(make):
    org = make([("cd1", {"level": "concern"}), ("cd2", {"level": "concern"}),
                ("w", {"sphere": "political"})],
               [("w", "bp", "COMMISSIONS", {"capacity": "political"}),
                ("cd1", "bp", "COMMISSIONS", {"capacity": "official"}),
                ("cd2", "bp", "COMMISSIONS", {"capacity": "official"})],
               nodes=[("bp", "Commission", {"commission_kind": "budget programme"})])
    assert "has 2 officials responsible" in check(org, ["R7"])["message"][0]


def test_source_organisations_findings_are_what_the_sources_leave_open(deventer, albrandswaard):
    # Deventer's sources name no political commissioner for any item of the
    # portfolio table (D-FS-V); R2 (D-FS-VI last bullet) asks for one.  Every
    # finding is that, and nothing else.
    found = check(deventer, awb=False)
    items = [c for c in deventer.ids("Commission") if deventer.graph.nodes[c].get(
        "commission_kind") != "budget programme"]
    assert set(found["rule"]) == {"R2"}
    assert len(found) == len(items) == 14
    assert (found["source"] == "D-FS-VI last bullet").all()
    assert all("no political commissioner" in m for m in found["message"])
    # Albrandswaard: the college commissions everything; nothing to report.
    assert check(albrandswaard).empty


def test_portfolio_balance_deventer(deventer):
    pb = portfolio_balance(deventer)
    assert set(pb.frame["holder"]) == {"gd", "cd-arentsen", "cd-kossen", "cd-vanhouwelingen"}
    row = pb.frame.set_index("holder").loc["cd-kossen"]
    assert (row["programmatic"], row["team-connecting"], row["projects"]) == (2, 1, 1)
    assert 0 < pb.imbalance < 1


def test_executive_commission_advice_threshold(sample, deventer, albrandswaard):
    adv = executive_commission_advice(sample).set_index("id")
    assert adv.loc["youth", "criteria_met"] == 2 and adv.loc["youth", "verdict"] == "consistent"
    assert executive_commission_advice(sample, threshold=2).set_index("id").loc[
        "youth", "verdict"] == "advised, not marked executive"
    # a source that does not say which criteria a commission meets decides nothing
    assert adv.loc["grant", "verdict"].startswith("not assessed")
    assert executive_commission_advice(deventer)["verdict"].str.startswith(
        "not assessed: the criteria it meets").all()
    assert executive_commission_advice(albrandswaard)["verdict"].str.contains(
        "declares no criteria for executive commissions").all()


# --- CLI -------------------------------------------------------------------------

def test_escalate_json_shape(deventer):
    # D-B3: a WAT-question that cannot be done goes back to the programmatic
    # director and the deputy director, then to the portfolio holder or via the
    # concerndirectie to the general director.
    res = run("escalate", "Begrotingsprogrammamanager", "--via", "infeasible",
                  "--org", str(DATA / "deventer"), "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["id"] == "bpm" and data["routes"] == 5 and len(data["paths"]) == 5
    assert {n["id"] for n in data["next"]} == {"ao", "ao-adj"}
    assert (data["shortest"], data["longest"], data["outcomes"]) == (2, 4, ["top"])
    assert {t["id"] for t in data["tops"]} == {"gd", "bo"}
    step = data["paths"][0]["steps"][0]
    assert {"id", "name", "kind", "sphere", "via", "rule", "temporary", "vacant",
            "external"} <= set(step)
    assert step["via"] == "COMMISSIONS" and data["paths"][0]["outcome"] == "top"
    assert [s["id"] for s in data["paths"][2]["steps"]] == ["ao", "concerndirectie", "gd"]


def test_escalate_table_says_why_each_step(deventer):
    res = run("escalate", "tm-orb", "--org", str(DATA / "deventer"))
    assert res.exit_code == 0, res.output
    assert "tm-orb), line route" in res.output
    assert "outcome: top; reaches Algemeen directeur; 2 steps; 1 route" in res.output
    # D-FS-V "tdl. ORB teams": temporary direct management by Jelle Arentsen
    assert ("→ Concerndirecteur Arentsen   [REPORTS_TO: next official level in the line "
            "(D-FS-VI bullet 6; D-B3 Realisatie); temporary]") in res.output


def test_escalate_all_lists_every_role():
    res = run("escalate", "--all", "--org", str(DATA / "deventer"), "--format", "json",
                  "--via", "commission")
    data = json.loads(res.output)
    assert res.exit_code == 0 and isinstance(data, list)
    assert {d["id"] for d in data} >= {"bpm", "tm-orb", "gd"}
    # one row per role, not one per route
    assert len(data) == len({d["id"] for d in data})
    bpm = next(d for d in data if d["id"] == "bpm")
    assert bpm == {"id": "bpm", "name": "Begrotingsprogrammamanager", "next": ["ao-adj"],
                   "shortest": 4, "longest": 4, "tops": ["gd"], "outcomes": ["top"],
                   "routes": 1}


def test_escalate_unknown_and_ambiguous_role():
    res = run("escalate", "teammanger orb", "--org", str(DATA / "deventer"))
    assert res.exit_code == 1 and "no role matches" in res.output and "tm-orb" in res.output
    res = run("escalate", "teammanager", "--org", str(DATA / "deventer"))
    assert res.exit_code == 1 and "matches several roles" in res.output


def test_a_part_of_a_name_matches_from_the_start_of_a_word():
    """'gs' (no role's id) gave the routes of Begrotingsprogrammamanager,
    whose name holds the letters, as if it had been asked for.  A part of a
    name matches from a word's start only; inside a word it is no match."""
    res = run("escalate", "gs", "--org", str(DATA / "deventer"))
    assert res.exit_code == 1 and "no role matches 'gs'" in res.output, res.output
    assert "Begrotingsprogrammamanager" not in res.output
    res = run("escalate", "kossen", "--org", str(DATA / "deventer"))
    assert res.exit_code == 0 and res.output.startswith("Concerndirecteur Kossen (cd-kossen)")


def test_escalate_meet_cli():
    res = run("escalate", "tm-io", "--meet", "tm-bb", "--org", str(DATA / "deventer"))
    assert res.exit_code == 0 and "meet at Algemeen directeur" in res.output, res.output


def test_escalate_defaults_to_the_policys_first_route_kind():
    res = run("escalate", "reg-kw", "--org", str(DATA / "albrandswaard"))
    assert res.exit_code == 0, res.output
    assert "mandate route" in res.output and "→ College van B&W   [MANDATES" in res.output


@pytest.mark.parametrize("cmd", ["layers", "span", "partners", "check", "portfolios", "advice",
                                 "escalate --all"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_analysis_commands_all_formats(cmd, fmt):
    res = run(*cmd.split(), "--org", str(DATA / "albrandswaard"), "--format", fmt)
    assert res.exit_code == 0, res.output
    if fmt == "json":
        json.loads(res.output)
    if fmt == "csv":
        assert "," in res.output.splitlines()[0]


def test_check_strict_exit_code(template_copy):
    assert run("check", "--org", str(template_copy), "--strict").exit_code == 0
    edges = template_copy / "edges.csv"
    text = edges.read_text()
    row = next(line for line in text.splitlines(True) if line.startswith("alderman,youth,"))
    edges.write_text(text.replace(row, ""))
    res = run("check", "--org", str(template_copy), "--strict")
    assert res.exit_code == 1 and "[R2]" in res.output and "(X-5)" in res.output


@pytest.mark.graphviz
def test_report_on_both_organisations(tmp_path):
    routes = {"deventer": ("line", "commission", "infeasible"), "albrandswaard": ("mandate",)}
    for org in ("deventer", "albrandswaard"):
        res = run("report", "--org", str(DATA / org), "--out", str(tmp_path / org))
        assert res.exit_code == 0, res.output
        md = (tmp_path / org / "report.md").read_text()
        for section in ("## Escalation routes", "## Management layers", "## Span of control",
                        "## Partners", "## Governance findings", "## Portfolio balance",
                        "## How the facts are known", "## Powers and mandates"):
            assert section in md
        for csv in ("layers", "span", "partners", "findings", "advice", "formation_units",
                    "powers") + tuple(f"escalation_{via}" for via in routes[org]):
            assert (tmp_path / org / f"{csv}.csv").is_file(), csv
        assert (tmp_path / org / "graph.html").is_file()
        # the static org chart (Graphviz, installed by make test) is embedded
        assert (tmp_path / org / "chart.svg").read_text().lstrip().startswith("<?xml")
        assert "](chart.svg)" in md
    md = (tmp_path / "albrandswaard" / "report.md").read_text()
    assert "27–29 FTE" in md and "describes a flat organisation" in md
    # R6 and R9 are Deventer's rules, not Albrandswaard's
    assert "## Management layers\n" in md and "(R6)" not in md and "(R9)" not in md
    assert "## Management layers (R6)" in (tmp_path / "deventer" / "report.md").read_text()
    lines = pd.read_csv(tmp_path / "deventer" / "escalation_line.csv").set_index("id")
    assert (lines.loc[["tm-bo", "tm-bb", "tm-ed", "tm-io", "tm-orb", "tm-bdo"], "outcomes"]
            == "top").all()
    load = pd.read_csv(tmp_path / "deventer" / "escalation_load_line.csv").set_index("id")
    # every post of the line but the general director's own ends there
    # every post of the line but his own (13), and the roles of the triangles and
    # the roles their players take up the line (ao, ao-adj, bpm, ar, tm)
    assert load.loc["gd", "ending"] == 18
    # dd-io and tm-io, and the roles whose players (Kossen plays ao) go through him:
    # ao, ao-adj (played by dd-io), and bpm, ar and tm through the triangles
    assert load.loc["cd-kossen", "passing"] == 7
    # dd-ed, tm-ed and tm-orb (tdl.), and the same five roles through him
    assert load.loc["cd-arentsen", "passing"] == 8


def test_a_large_report_shows_the_first_rows_and_points_to_the_csvs(tmp_path):
    from orgmodel.report import TOP_ROWS
    org = orgmodel.synthesize(3000, seed=0)
    md_path = orgmodel.write_report(org, tmp_path / "r")
    md = md_path.read_text()
    assert f"_The first {TOP_ROWS} of" in md and "[span.csv](span.csv)" in md
    assert md_path.stat().st_size < 150_000
    span = pd.read_csv(tmp_path / "r" / "span.csv")
    assert len(span) > TOP_ROWS                 # every manager is in the CSV
    # the widest spans are the ones shown
    widest = span["direct_reports"].max()
    table = md.split("## Span of control", 1)[1].split("_The first", 1)[0]
    assert f"| {widest} |" in table


def test_the_report_opens_with_a_summary(tmp_path):
    res = run("report", "--org", str(DATA / "deventer"), "--out", str(tmp_path / "d"))
    assert res.exit_code == 0, res.output
    md = (tmp_path / "d" / "report.md").read_text()
    first = md.index("## ")
    assert md[first:].startswith("## Summary")
    summary = md.split("## Summary", 1)[1].split("\n## ", 1)[0]
    found = check(orgmodel.load(DATA / "deventer"))
    assert f"**Findings**: {len(found)}:" in summary
    assert "14 × R2 (D-FS-VI last bullet)" in summary
    assert "no FTE given" in summary          # the sources give none: not "0 FTE"
    assert "Algemeen directeur (the routes of 18 posts and roles)" in summary
    res = run("report", "--org", str(DATA / "albrandswaard"), "--out", str(tmp_path / "a"))
    md = (tmp_path / "a" / "report.md").read_text()
    assert "27–29 FTE" in md.split("## Summary", 1)[1].split("\n## ", 1)[0]
    assert "the source describes a flat organisation" in md


@pytest.mark.parametrize("shape", ["tree read top-down", "tree read bottom-up", "matrix",
                                   "loop", "under a loop", "successor elsewhere"])
def test_the_order_of_the_line_is_networkx_topological_order(shape):
    # Layering, formation and the validation's loop check walk the line in
    # this order: every node after its successors (its superiors), and the
    # nodes on or under a loop apart, as networkx finds them.
    import random

    import networkx as nx

    from orgmodel._order import sinks_first
    rnd = random.Random(7)
    tree = nx.bfs_tree(nx.balanced_tree(3, 5), 0)
    edges = [(v, u) for u, v in tree.edges()]          # each post up to its superior
    if shape == "matrix":
        edges += [(v, rnd.randrange(v)) for v in rnd.sample(range(10, 364), 40)]
    if shape in ("loop", "under a loop"):
        edges.append((1, 40))                          # 40 lies under 1: a loop
    if shape == "under a loop":
        edges.append((400, 363))
    nodes = sorted({n for e in edges for n in e})
    if shape == "tree read bottom-up":
        nodes.reverse()
    if shape == "successor elsewhere":
        nodes.remove(0)                                # the top is not among the nodes
    succ = {}
    for u, v in edges:
        succ.setdefault(u, []).append(v)
    order, rest = sinks_first(nodes, succ)
    g = nx.DiGraph(edges)
    g.remove_nodes_from([n for n in g if n not in nodes])
    if shape in ("loop", "under a loop", "successor elsewhere"):
        cyclic = set().union(*(c for c in nx.strongly_connected_components(g) if len(c) > 1))
        below = set().union(*(nx.ancestors(g, c) | {c} for c in cyclic)) if cyclic else set()
        if shape == "successor elsewhere":
            below = set(nx.ancestors(nx.DiGraph(edges), 0)) & set(nodes)
        assert set(rest) == below and below
        assert set(order) == set(nodes) - below
    else:
        assert rest == [] and sorted(order) == sorted(nodes)
    place = {n: i for i, n in enumerate(order)}
    assert all(place[v] < place[u] for u, v in edges if u in place and v in place)


def test_criteria_met_not_recorded_is_not_zero(sample, deventer, albrandswaard, tmp_path):
    """A commission whose criteria are not recorded was counted as meeting 0
    of them (Deventer's fifteen, in the table, the CSV and the report); the
    count is empty there, and a report whose commissions are none of them
    assessed says so in a sentence instead of a table of empty rows."""
    adv = executive_commission_advice(sample).set_index("id")
    assert adv.loc["youth", "criteria_met"] == 2 and pd.isna(adv.loc["grant", "criteria_met"])
    for org in (deventer, albrandswaard):
        assert executive_commission_advice(org)["criteria_met"].isna().all()
    out = run("advice", "--org", DATA / "deventer", "--format", "json").output
    assert json.loads(out)[0]["criteria_met"] is None
    assert run("--lang", "nl", "report", "--org", DATA / "deventer", "--out",
               tmp_path / "r").exit_code == 0
    r8 = (tmp_path / "r" / "report.md").read_text(encoding="utf-8").split("(R8)")[1][:400]
    assert "Van geen van de 15 opdrachten is vastgelegd aan welke criteria ze voldoet" in r8
    assert "|" not in r8.split("##")[0]


def test_two_teams_escalate_through_the_posts_that_lead_them(deventer, sample):
    """'When two teams disagree, whom do they escalate to?' was answered for
    posts and roles only: a team's name was 'no role matches'. A team, by
    its id or whole name, stands for the post that leads it, and says so; a
    post's own id or name wins; a team no post leads, or several, is said."""
    import networkx as nx

    from orgmodel.errors import OrgModelError, UnknownRoleError
    m = meet(deventer, "Teams van Intern ondersteunen", "teams-ed")
    assert (m["a"]["id"], m["b"]["id"], m["meet"]["id"]) == ("tm-io", "tm-ed", "gd")
    assert m["a"]["team"] == {"id": "teams-io", "name": "Teams van Intern ondersteunen"}
    assert escalate(deventer, "ORB teams")[0] == "tm-orb"
    assert "team" not in meet(deventer, "tm-io", "tm-ed")["a"]
    # (outside escalation, a team is no role: a mandate is a post's)
    with pytest.raises(UnknownRoleError):
        deventer.find_role("teams-io")
    g = sample.graph.copy()
    g.remove_edges_from([(u, v, k) for u, v, k, d in g.edges(keys=True, data=True)
                         if d["kind"] == "LEADS" and v == "team"])
    nobody = orgmodel.OrgModel(g, dict(sample.manifest))
    with pytest.raises(OrgModelError, match="Finance team is a team, and the data records no "
                                            "post that leads it"):
        escalate(nobody, "Finance team")
    g.add_edge("tm", "team", kind="LEADS")
    g.add_edge("tm2", "team", kind="LEADS")
    two = orgmodel.OrgModel(nx.MultiDiGraph(g), dict(sample.manifest))
    with pytest.raises(OrgModelError, match=r"led by several posts: tm \(Team manager "
                                            r"Finance\), tm2"):
        meet(two, "Finance team", "bpm")
    out = run("--lang", "nl", "escalate", "Teams van Intern ondersteunen", "--meet",
              "Teams van Extern dienstverlenen", "--org", DATA / "deventer").output
    assert out.startswith("Teams van Intern ondersteunen (geleid door Teammanagers Intern "
                          "ondersteunen) en Teams van Extern dienstverlenen"), out
    one = run("escalate", "team-orb", "--org", DATA / "deventer", "--format", "json").output
    assert json.loads(one)["team"] == {"id": "team-orb", "name": "ORB teams"}
    may = run("who-decides", "budget", "--role", "teams-io", "--org", DATA / "deventer").output
    assert may.splitlines() == [
        "the team Teams van Intern ondersteunen (teams-io), through the post that leads it:",
        "no: no mandate for budget reaches Teammanagers Intern ondersteunen"], may


def test_a_portfolio_is_named_by_its_name(deventer, tmp_path):
    """The portfolio balance named each portfolio by its id (`pf-lantain`)
    in the table and the report; its name is beside it, and the report
    shows the name alone."""
    pb = portfolio_balance(deventer).frame.set_index("holder")
    assert pb.loc["gd", ["portfolio", "portfolio_name"]].tolist() == [
        "pf-lantain", "Portefeuille Lantain"]
    assert run("--lang", "nl", "report", "--org", DATA / "deventer", "--out",
               tmp_path / "r").exit_code == 0
    r9 = (tmp_path / "r" / "report.md").read_text(encoding="utf-8").split("(R9)")[1][:900]
    assert "| Algemeen directeur | Portefeuille Lantain | 2 |" in r9 and "pf-lantain" not in r9


def test_units_of_as_many_posts_come_in_the_order_a_reader_counts(tmp_path):
    # Team 1, Team 10, Team 11, Team 12, Team 2 ... read as a jumble
    lines = ["id,reports_to,title,unit", "T,,Director,Top"] + [
        f"P{i},T,Caseworker {i},Team {i}" for i in range(1, 13)]
    (tmp_path / "posts.csv").write_text("\n".join(lines) + "\n")
    orgmodel.import_posts(tmp_path / "posts.csv", out=tmp_path / "org")
    names = orgmodel.formation(orgmodel.load(tmp_path / "org"), by="unit")["name"].tolist()
    assert names[:12] == [f"Team {i}" for i in range(1, 13)], names


def test_a_post_numbered_as_an_hr_file_numbers_it_is_found_by_its_number(make):
    """A notebook's ids come from pandas as numbers (1003, or 1003.0 in a
    column with a gap): `escalate(org, 1003)` failed with Python's
    TypeError; the number names the post it is the id of."""
    from orgmodel.errors import OrgModelError
    org = make(["1001", "1003"], [("1003", "1001", "REPORTS_TO")])
    for query in (1003, 1003.0, "1003"):
        assert escalate(org, query)[0] == "1003"
        assert org.find_role(query) == "1003"
    with pytest.raises(OrgModelError, match="named by its id or name, not None"):
        org.find_role(None)


def test_a_persons_name_is_answered_with_the_post_they_hold(tmp_path):
    """`escalate "Marcel Kossen"` (whom does Marcel escalate to?) was "no
    role matches" with roles whose names look alike; a person's name is
    said to be a person's, with the post to ask by, in any command that
    takes a role (a person holding nothing is said so too)."""
    res = run("escalate", "Marcel Kossen", "--org", str(DATA / "deventer"))
    assert res.exit_code == 1, res.output
    assert res.output.strip().splitlines()[-1] == (
        "Error: 'Marcel Kossen' is a person, not a post or role: ask by the post they hold, "
        "cd-kossen (Concerndirecteur Kossen)")
    res = run("who-decides", "budget", "--role", "marcel kossen", "--org",
              str(DATA / "deventer"), "--lang", "nl")
    assert "'Marcel Kossen' is een persoon, geen functie of rol: vraag naar de functie die deze " \
        "persoon bekleedt, cd-kossen (Concerndirecteur Kossen)" in res.output, res.output
    import shutil

    import pandas as pd
    folder = tmp_path / "deventer"
    shutil.copytree(DATA / "deventer", folder)
    edges = pd.read_csv(folder / "edges.csv", dtype=str, keep_default_na=False)
    edges[~((edges["from"] == "p-kossen") & (edges["kind"] == "HOLDS"))].to_csv(
        folder / "edges.csv", index=False)
    res = run("escalate", "Marcel Kossen", "--org", folder)
    assert "'Marcel Kossen' is a person, not a post or role, and holds none on the model's " \
        "date" in res.output, res.output


def test_a_next_step_two_posts_share_a_name_with_is_told_apart(make, tmp_path):
    """Two teams each have a post named "Teamleider": the escalation table
    (the report's, its CSV, `escalate --all` and its routes) named each
    adviser's next step "Teamleider", and the reader could not tell whose.
    A step, a top and a route's steps carry the id where names repeat, as
    the table's own first column does; so do `escalate ROLE` and `--meet`
    ("Adviseur and Adviseur meet at GS")."""
    org = make(["gs", ("ah-a", {"name": "Afdelingshoofd Ruimte"}),
                ("ah-b", {"name": "Afdelingshoofd Zorg"}),
                ("tl-a", {"name": "Teamleider"}), ("tl-b", {"name": "Teamleider"}),
                ("adv-a", {"name": "Adviseur"}), ("adv-b", {"name": "Adviseur"})],
               [("ah-a", "gs", "REPORTS_TO"), ("ah-b", "gs", "REPORTS_TO"),
                ("tl-a", "ah-a", "REPORTS_TO"), ("tl-b", "ah-b", "REPORTS_TO"),
                ("adv-a", "tl-a", "REPORTS_TO"), ("adv-b", "tl-b", "REPORTS_TO")])
    rg = escalation_routes(org)
    rows = rg.to_frame().set_index("id")
    assert rows.loc["adv-a", "next"] == "Teamleider (tl-a)"
    assert rows.loc["adv-b", "next"] == "Teamleider (tl-b)"
    # (a name no other node has is as it was)
    assert rows.loc["tl-a", "next"] == "Afdelingshoofd Ruimte" and rows.loc["adv-a", "tops"] == "GS"
    paths = rg.paths_frame().set_index("from")
    assert paths.loc["adv-b", "path"] == "Teamleider (tl-b) → Afdelingshoofd Zorg → GS"
    orgmodel.save(org, tmp_path / "o")
    res = run("escalate", "--all", "--org", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0 and "Teamleider (tl-a)" in res.output, res.output
    res = run("report", "--org", tmp_path / "o", "--out", tmp_path / "r", "--lang", "en")
    assert res.exit_code == 0, res.output
    md = (tmp_path / "r" / "report.md").read_text("utf-8")
    assert "| Adviseur (adv-a) | Teamleider (tl-a) |" in md, md
    res = run("escalate", "adv-a", "--meet", "adv-b", "--org", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[:2] == [
        "Adviseur (adv-a) and Adviseur (adv-b) meet at GS",
        "  Adviseur (adv-a): Teamleider (tl-a) → Afdelingshoofd Ruimte → GS"], res.output
    res = run("escalate", "adv-b", "--org", tmp_path / "o", "--lang", "en")
    assert "→ Teamleider (tl-b)   [REPORTS_TO" in res.output, res.output
