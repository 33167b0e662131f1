"""Issue 12: escalation as a route graph.

The route graph's answers are compared with a brute-force enumeration written
here independently (a plain depth-first search over the networkx graph,
following the same policy), on random small organisations with matrix lines,
political roles, commissions, mandates and loops; then the shapes that broke
round one (a dense matrix, a deep chain, a loop) and the Deventer policies.
"""
import csv
import json
import random
import shutil

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

import orgmodel
from conftest import DATA, build
from orgmodel.checks import check
from orgmodel.cli import cli
from orgmodel.escalation import escalate, escalation_load, meet, route_graph
from orgmodel.synth import chain, matrix

COMMISSION_POLICY = {
    "forbidden_spheres": ["political"],
    "routes": {
        "line": [{"edge": "REPORTS_TO", "rule": "line"}],
        "commission": [
            {"edge": "COMMISSIONS", "capacity": "official", "delegated": True},
            {"edge": "MANDATES"},
            [{"edge": "COMMISSIONS", "capacity": "official", "delegated": False},
             {"edge": "REPORTS_TO"}],
        ],
    },
}


# --- an independent brute force -----------------------------------------------------

def _next_roles(org, r, via):
    """The next roles of ``r`` by the policy, straight from the networkx graph."""
    g = org.graph
    spec = org.manifest["escalation"]
    steps = spec["routes"][via]
    forbidden = set(spec.get("forbidden_spheres") or ())
    if r in (spec.get("ends_at") or ()):
        return [], "top"
    blocked = False
    for step in steps:
        group = step if isinstance(step, list) else [step]
        ok = []
        for climb in group:
            flt = {k: v for k, v in climb.items() if k not in ("edge", "rule", "from")}

            def fits(d, flt=flt):
                return all(d.get(k, False if isinstance(v, bool) else None) == v
                           for k, v in flt.items())
            if climb["edge"] == "REPORTS_TO":
                cands = [v for _, v, d in g.out_edges(r, data=True)
                         if d["kind"] == "REPORTS_TO" and fits(d)]
            elif climb["edge"] == "MANDATES":
                cands = [u for u, _, d in g.in_edges(r, data=True)
                         if d["kind"] == "MANDATES" and fits(d)]
            else:
                coms = [c for c, _, d in g.in_edges(r, data=True) if d["kind"] == "ASSIGNED_TO"]
                cands = [u for c in coms for u, _, d in g.in_edges(c, data=True)
                         if d["kind"] == "COMMISSIONS" and fits(d) and u != r]
            for v in cands:
                if v == r or g.nodes[v]["kind"] != "Post":
                    continue
                if g.nodes[v].get("sphere") in forbidden:
                    blocked = True
                elif v not in ok:
                    ok.append(v)
        if ok:
            return ok, None
    return [], "forbidden" if blocked else ("dead_end" if spec.get("ends_at") else "top")


def brute_force(org, role, via):
    """Every route of ``role`` as (ids, outcome), by plain enumeration."""
    roles = [r for r in org.ids("Post")]
    nxt = {r: _next_roles(org, r, via) for r in roles}
    step_graph = nx.DiGraph()
    step_graph.add_nodes_from(roles)
    step_graph.add_edges_from((r, v) for r in roles for v in nxt[r][0])
    on_loop = {r for comp in nx.strongly_connected_components(step_graph) if len(comp) > 1
               for r in comp}
    routes = []

    def walk(x, path):
        if x in on_loop:
            routes.append((tuple(path), "loop"))
            return
        vs, out = nxt[x]
        if not vs:
            routes.append((tuple(path), out))
            return
        for v in vs:
            walk(v, path + [v])
    walk(role, [])
    return routes


def random_org(seed):
    rnd = random.Random(seed)
    n = rnd.randint(3, 12)
    roles = [(f"r{i}", {"sphere": "political" if rnd.random() < 0.12 else "official"})
             for i in range(n)]
    edges, nodes = [], []
    for i in range(1, n):
        for j in rnd.sample(range(n), rnd.choice([1, 1, 1, 2, 2, 3])):
            if j != i and (j < i or rnd.random() < 0.08):       # now and then a loop
                edges.append((f"r{i}", f"r{j}", "REPORTS_TO"))
    for _ in range(rnd.randint(0, 3)):
        a, b = rnd.sample(range(n), 2)
        edges.append((f"r{a}", f"r{b}", "MANDATES"))
    for k in range(rnd.randint(0, 3)):
        c = f"c{k}"
        nodes.append((c, "Commission", {}))
        for j in rnd.sample(range(n), min(n, rnd.randint(1, 2))):
            edges.append((f"r{j}", c, "COMMISSIONS",
                          {"capacity": "official", "delegated": rnd.random() < 0.4}))
        edges.append((c, f"r{rnd.randrange(n)}", "ASSIGNED_TO"))
    manifest = {"escalation": dict(COMMISSION_POLICY)}
    if rnd.random() < 0.5:
        manifest["escalation"]["ends_at"] = ["r0"]
    # roles are built with their spheres; edges may repeat: keep one of each
    seen, unique = set(), []
    for e in edges:
        key = (e[0], e[1], e[2])
        if key not in seen and e[0] != e[1]:
            seen.add(key)
            unique.append(e)
    return build(roles, unique, nodes, manifest)


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("via", ["line", "commission"])
def test_route_graph_equals_brute_force(seed, via):
    org = random_org(seed)
    rg = route_graph(org, via)
    for role in rg.starts():
        expected = brute_force(org, role, via)
        got = [(tuple(r.ids), r.outcome) for r in rg.routes(role, None)]
        assert sorted(got) == sorted(expected), role
        s = rg.summary(role)
        assert s.routes == len(expected)
        assert s.shortest == min(len(p) for p, _ in expected)
        assert s.longest == max(len(p) for p, _ in expected)
        assert rg.outcomes(role) == [o for o in ("top", "forbidden", "dead_end", "loop")
                                     if o in {out for _, out in expected}]
        tops = sorted({(p[-1] if p else role) for p, out in expected if out == "top"})
        assert rg.tops(role) == tops
        # shortest first, and a limit is a limit
        lengths = [len(r.steps) for r in rg.routes(role, None)]
        assert lengths == sorted(lengths)
        assert len(list(rg.routes(role, 1))) == 1
        # asked alone, the role gets the same answers
        rid, one = escalate(org, role, via)
        assert one.summary(rid) == s


@pytest.mark.parametrize("seed", range(40))
def test_escalation_load_equals_brute_force(seed):
    org = random_org(seed)
    rg = route_graph(org, "line")
    reached = {}
    for u in rg.starts():
        on_routes = {x for p, _ in brute_force(org, u, "line") for x in p}
        for x in on_routes - {u}:
            reached[x] = reached.get(x, 0) + 1
    load = escalation_load(org, "line")
    assert dict(zip(load["id"], load["reached_by"])) == reached
    ends = {r for r in rg.starts() if rg.end(r)} | set(rg._end)
    for row in load.itertuples():
        assert row.passing + row.ending == row.reached_by
        assert (row.ending > 0) == (row.id in ends)


# --- the shapes that broke round one ----------------------------------------------

def test_dense_matrix_has_two_to_the_24_routes_and_answers_at_once():
    org = matrix(25)
    rg = route_graph(org, "line")
    s = rg.summary("m24-0")
    assert (s.routes, s.shortest, s.longest) == (2 ** 24, 24, 24)
    assert rg.tops("m24-0") == ["m0-0", "m0-1"]
    shown = list(rg.routes("m24-0"))
    assert len(shown) == 20 and all(len(r.steps) == 24 for r in shown)
    assert len({tuple(r.ids) for r in shown}) == 20
    load = escalation_load(org).set_index("id")
    assert load.loc["m0-0", "reached_by"] == 48 and load.loc["m12-0", "reached_by"] == 24


def test_route_counts_are_exact_beyond_64_bits():
    rg = route_graph(matrix(70), "line")
    assert rg.summary("m69-1").routes == 2 ** 69
    res = CliRunner().invoke(cli, ["escalate", "--all", "--format", "json", "--org",
                                   str(_saved(matrix(70)))])
    rows = {r["id"]: r for r in json.loads(res.output)}
    assert rows["m69-1"]["routes"] == 2 ** 69


def _saved(org):
    import tempfile
    from pathlib import Path
    d = Path(tempfile.mkdtemp()) / "org"
    orgmodel.save(org, d)
    return d


def test_deep_chain_without_recursion_or_square_memory():
    org = chain(20_000)
    rid, rg = escalate(org, "r19999")
    assert rg.summary(rid).shortest == 19_999 and rg.tops(rid) == ["r0"]
    [r] = rg.routes(rid)
    assert len(r.steps) == 19_999 and r.steps[-1].id == "r0"
    load = escalation_load(org).set_index("id")
    assert load.loc["r0", "ending"] == 19_999 and load.loc["r1", "passing"] == 19_998


def test_one_role_touches_only_the_roles_above_it():
    org = chain(2_000)
    rid, rg = escalate(org, "r10")
    assert set(rg._next) == {f"r{i}" for i in range(11)}
    m = meet(org, "r10", "r7")
    assert m["meet"]["id"] == "r7" and [s["id"] for s in m["path_a"]] == ["r9", "r8", "r7"]


def test_a_loop_ends_routes_and_is_shown():
    org = chain(30, loop_at=5)          # r0 reports to r5: r0..r5 are a loop
    rg = route_graph(org, "line")
    [r] = rg.routes("r20")
    assert r.outcome == "loop" and r.ids[-1] == "r5"
    assert r.loop == ("r5", "r4", "r3", "r2", "r1", "r0", "r5")
    assert rg.loop("r3") == ("r0", "r1", "r2", "r3", "r4", "r5")
    rec = rg.route_record(r)
    assert [m["id"] for m in rec["loop"]] == ["r5", "r4", "r3", "r2", "r1", "r0", "r5"]
    # in files a REPORTS_TO loop does not validate; a route graph may still have
    # one through other edges (mandates, commissions), and says so
    res = CliRunner().invoke(cli, ["validate", "--org", str(_saved(org))])
    assert res.exit_code == 1 and "goes round in a circle" in res.output


# --- forbidden spheres per route kind ------------------------------------------------

def test_role_whose_only_superior_is_political():
    org = build(["a", "b", ("weth", {"sphere": "political"})],
                [("a", "b", "REPORTS_TO"), ("b", "weth", "REPORTS_TO")],
                manifest={"escalation": {"forbidden_spheres": ["political"]}})
    rg = route_graph(org)
    [r] = rg.routes("a")
    assert (r.ids, r.outcome, [b.id for b in r.blocked]) == (["b"], "forbidden", ["weth"])
    found = check(org, ["R1"])
    assert len(found) == 1 and "B can only go on to WETH (political)" in found["message"][0]
    assert "the line routes of 2 posts and roles end there" in found["message"][0]


def test_a_college_mandate_to_a_director_is_not_an_r1_finding(tmp_path):
    d = tmp_path / "deventer"
    shutil.copytree(DATA / "deventer", d)
    before = orgmodel.load(d)
    with open(d / "edges.csv", encoding="utf-8") as f:
        header = next(csv.reader(f))
    with open(d / "edges.csv", "a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, header).writerow({
            "from": "executive-board", "to": "cd-kossen", "kind": "MANDATES",
            "evidence": "assumed", "powers": "commissioning",
                "note": "every municipality mandates college powers"})
    org = orgmodel.load(d)
    assert check(org, ["R1"]).empty
    rg, rg0 = route_graph(org, "commission"), route_graph(before, "commission")
    for role in rg.starts():
        assert rg.summary(role) == rg0.summary(role), role
    # the mandator is named as a candidate the policy forbids
    assert [b.id for b in rg.blocked("cd-kossen")] == ["executive-board"]
    assert [s.id for s in rg.next("cd-kossen")] == ["concerndirectie"]


def test_deventer_d_b3_infeasibility_route():
    org = orgmodel.load(DATA / "deventer")
    rg = route_graph(org, "infeasible")
    assert rg.kind.forbidden_spheres == () and "D-B3" in rg.kind.issue
    # back to the programmatic director and the deputy director ...
    assert {s.id for s in rg.next("bpm")} == {"ao", "ao-adj"}
    # ... who take it to the political commissioner and/or the general director
    assert set(rg.tops("bpm")) == {"gd", "bo"}
    assert rg.outcomes("bpm") == ["top"]
    # not an official disagreement: no R1 finding, while the D-FS-VI routes stay official
    assert check(org, ["R1"]).empty
    official = route_graph(org, "commission")
    assert official.tops("bpm") == ["gd"]


def test_policy_route_kinds_are_validated(template_copy):
    import yaml
    y = template_copy / "org.yaml"
    manifest = yaml.safe_load(y.read_text())
    routes = manifest["escalation"]["routes"]
    routes["line"] = {"issue": "a test", "steps": [{"edge": "REPORTS_TO", "from": "commissioner"}]}
    y.write_text(yaml.safe_dump(manifest))
    res = CliRunner().invoke(cli, ["validate", "--org", str(template_copy)])
    assert res.exit_code == 1
    assert ("escalation.routes.line.steps[0]: 'from: commissioner' does not apply to a "
            "REPORTS_TO climb") in res.output
    routes["line"] = {"steps": [[{"edge": "REPORTS_TO", "capacty": "official"}]]}
    y.write_text(yaml.safe_dump(manifest))
    res = CliRunner().invoke(cli, ["validate", "--org", str(template_copy)])
    assert res.exit_code == 1
    assert "escalation.routes.line.steps[0][0]: unknown key 'capacty'" in res.output, res.output
    routes["line"] = {"steps": [{"edge": "REPORTS_TO"}], "ends_at": ["nobody"]}
    y.write_text(yaml.safe_dump(manifest))
    res = CliRunner().invoke(cli, ["validate", "--org", str(template_copy)])
    assert "escalation.routes.line.ends_at[0]: 'nobody' is not a post or role" in res.output


# --- the command line ---------------------------------------------------------------

def test_cli_all_is_one_row_per_role_and_paths_are_bounded(tmp_path):
    d = _saved(matrix(10))
    res = CliRunner().invoke(cli, ["escalate", "--all", "--org", str(d), "--format", "csv"])
    rows = pd.read_csv(pd.io.common.StringIO(res.output))
    assert len(rows) == 20 and rows.set_index("id").loc["m9-0", "routes"] == 2 ** 9
    res = CliRunner().invoke(cli, ["escalate", "--all", "--paths", "--max-routes", "3",
                                   "--org", str(d), "--format", "csv"])
    paths = pd.read_csv(pd.io.common.StringIO(res.output))
    assert paths.groupby("from").size().max() == 3
    res = CliRunner().invoke(cli, ["escalate", "m9-0", "--org", str(d)])
    assert "showing 20 of 512 routes" in res.output
    res = CliRunner().invoke(cli, ["escalate", "--load", "--org", str(d), "--format", "json"])
    load = {r["id"]: r for r in json.loads(res.output)}
    assert load["m0-0"]["ending"] == 18 and load["m5-1"]["passing"] == 8
    res = CliRunner().invoke(cli, ["escalate", "m9-0", "--paths", "--org", str(d)])
    assert res.exit_code == 2 and "--paths goes with --all" in res.output
