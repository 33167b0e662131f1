"""Issue 4: the Neo4j store against a real Bolt server (ArcadeDB, or NEO4J_URI)."""
import json

import pytest
from click.testing import CliRunner

import orgmodel
from orgmodel.cli import cli
from orgmodel.errors import DatabaseError
from orgmodel.escalation import escalation_routes
from orgmodel.layers import layering
from orgmodel.partners import partner_network
from orgmodel.span import span_of_control
from orgmodel.store import connect, organisations, pull, pull_model, push, run_query

from conftest import DATA

pytestmark = pytest.mark.neo4j


def count_nodes(store):
    return store.run("MATCH (n) RETURN count(n) AS n")[0]["n"]


@pytest.mark.parametrize("org", ["deventer", "albrandswaard"])
def test_round_trip_files_database_files(store, org, tmp_path):
    model = orgmodel.load(DATA / org)
    push(store, model)
    out = pull(store, model.name, tmp_path / org)
    assert orgmodel.load(out) == model
    # the rebuilt folder holds the same rows
    for f in ("nodes.csv", "edges.csv"):
        assert len((out / f).read_text().splitlines()) == len((DATA / org / f).read_text().splitlines())


def test_push_is_idempotent(store, deventer):
    push(store, deventer)
    first = count_nodes(store)
    push(store, deventer)
    assert count_nodes(store) == first == deventer.graph.number_of_nodes() + 1  # + Organisation
    edges = store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    assert edges == deventer.graph.number_of_edges()
    assert pull_model(store, "Deventer") == deventer


def test_a_failing_late_batch_leaves_the_database_as_it_was(store, template_copy):
    v1 = orgmodel.load(template_copy)
    push(store, v1)
    # Plant a constraint violation: a node that already owns the uid the new
    # version's last role will claim.
    from orgmodel.store import uid
    store.run("CREATE (:Role {uid: $uid, org: 'squatter', id: 'squatter'})",
              uid=uid("Sample", "zz-late"))
    v2 = orgmodel.load(template_copy)
    v2.graph.nodes["tm"]["name"] = "Changed in v2"
    for i in range(30):
        v2.graph.add_node(f"r{i:02}", kind="Role", name=f"Role {i}", sphere="official")
    v2.graph.add_node("zz-late", kind="Role", name="Late", sphere="official")
    batches = []
    with pytest.raises(DatabaseError, match="rolled back"):
        push(store, v2, batch_size=5, progress=lambda done, total: batches.append(done))
    assert len(batches) > 5   # several batches had been written before the failure
    assert pull_model(store, "Sample") == v1
    assert store.run("MATCH (n:Role {org: 'squatter'}) RETURN count(n) AS n")[0]["n"] == 1


def test_two_organisations_side_by_side_one_replaced(store, deventer, albrandswaard):
    push(store, deventer)
    push(store, albrandswaard)
    smaller = orgmodel.load(DATA / "albrandswaard")
    smaller.graph.remove_node("citizens")
    push(store, smaller)
    assert pull_model(store, "Deventer") == deventer
    assert pull_model(store, "Albrandswaard") == smaller
    assert sorted(organisations(store)["name"]) == ["Albrandswaard", "Deventer"]


HOSTILE = ["O'Brien \"the boss\"", "back`tick`) DETACH DELETE n //", "two\nlines",
           "MATCH (n) DETACH DELETE n", "<img src=x onerror=alert(1)>", "$org {uid}"]


def test_hostile_names_round_trip_intact(store, template_copy, tmp_path):
    org = orgmodel.load(template_copy)
    for node, name in zip(["gd", "cd", "dd", "tm", "bpm", "team"], HOSTILE):
        org.graph.nodes[node]["name"] = name
    org.graph.add_node("it's `odd` id", kind="Topic", name="}{ RETURN 1 //", source="x")
    org.manifest["name"] = "Sample 'quoted' `org`"
    push(store, org)
    assert pull_model(store, org.manifest["name"]) == org
    assert count_nodes(store) == org.graph.number_of_nodes() + 1


@pytest.mark.parametrize("org", ["deventer", "albrandswaard"])
def test_cypher_analyses_equal_networkx(store, org):
    model = orgmodel.load(DATA / org)
    push(store, model)
    esc = escalation_routes(model, "line")
    expected = {(role, tuple(r.ids), r.outcome) for role, rs in esc.routes.items() for r in rs}
    got = run_query(store, "escalation", org=model.name)
    assert {(r["from"], tuple(r["ids"]), r["outcome"]) for r in got.to_dict("records")} == expected
    lay = layering(model).frame.dropna(subset=["layer"])
    got = run_query(store, "layering", org=model.name)
    assert dict(zip(got["id"], got["layer"])) == dict(zip(lay["id"], lay["layer"].astype(int)))
    sp = span_of_control(model).frame
    got = run_query(store, "span", org=model.name)
    assert sorted(zip(got["id"], got["direct_reports"], got["mandates_given"])) == \
        sorted(zip(sp["id"], sp["direct_reports"], sp["mandates_given"]))
    net = partner_network(model).partners
    got = run_query(store, "partners", org=model.name)
    assert {r["id"]: sorted(r["official_commissioners"]) for r in got.to_dict("records")} == \
        {r["id"]: sorted(filter(None, r["official_commissioners"].split("; ")))
         for r in net.to_dict("records")}


@pytest.mark.parametrize("cmd", ["escalate --all", "escalate --all --via commission", "layers",
                                 "span", "partners", "check", "portfolios", "advice", "summary"])
def test_analysis_commands_read_the_database_with_equal_results(bolt_env, store, cmd):
    runner = CliRunner()
    assert runner.invoke(cli, ["db", "push", "--org", str(DATA / "deventer")]).exit_code == 0
    from_files = runner.invoke(cli, [*cmd.split(), "--org", str(DATA / "deventer"),
                                     "--format", "json"])
    from_db = runner.invoke(cli, [*cmd.split(), "--neo4j", "Deventer", "--format", "json"])
    assert from_files.exit_code == 0 and from_db.exit_code == 0, from_db.output
    assert json.loads(from_db.output) == json.loads(from_files.output)


def test_db_cli_push_status_query_pull(bolt_env, store, tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["db", "push", "--org", str(DATA / "albrandswaard")])
    assert res.exit_code == 0 and "Pushed Albrandswaard: 32 nodes" in res.output
    res = runner.invoke(cli, ["db", "status"])
    assert res.exit_code == 0 and "Albrandswaard" in res.output
    assert bolt_env["password"] not in res.output
    res = runner.invoke(cli, ["db", "query", "escalation", "--param", "org=Albrandswaard",
                              "--param", "role=reg-kw", "--format", "json"])
    assert res.exit_code == 0
    assert json.loads(res.output)[0]["ids"] == ["coord-regie", "gemsec"]
    res = runner.invoke(cli, ["db", "query", "merge_nodes"])
    assert res.exit_code == 1 and "not a query that can be run here" in res.output
    res = runner.invoke(cli, ["db", "pull", "--org-name", "Albrandswaard", "--out",
                              str(tmp_path / "a")])
    assert res.exit_code == 0
    assert orgmodel.load(tmp_path / "a") == orgmodel.load(DATA / "albrandswaard")
    res = runner.invoke(cli, ["db", "pull", "--org-name", "Nowhere", "--out", str(tmp_path / "b")])
    assert res.exit_code == 1 and "no organisation named 'Nowhere'" in res.output


def test_invalid_model_is_not_pushed(store, template_copy):
    org = orgmodel.load(template_copy)
    org.graph.add_edge("gd", "tm", kind="REPORTS_TO")
    with pytest.raises(orgmodel.ValidationError, match="circle"):
        push(store, org)
    assert count_nodes(store) == 0


@pytest.mark.parametrize("change,message", [
    ({"password": "wrong-password-xyz"}, "wrong user name or password"),
    ({"database": "no_such_db"}, "database 'no_such_db' does not exist"),
    ({"uri": "bolt://127.0.0.1:1"}, "cannot reach a Neo4j server at bolt://127.0.0.1:1"),
    ({"uri": "http://127.0.0.1:1"}, "is not a usable Neo4j address"),
])
def test_connection_errors_are_one_clear_line(bolt, change, message):
    params = {**bolt, **change}
    with pytest.raises(DatabaseError, match=message):
        connect(**params)
    env = {"NEO4J_URI": params["uri"], "NEO4J_USER": params["user"],
           "NEO4J_PASSWORD": params["password"], "NEO4J_DATABASE": params["database"] or ""}
    res = CliRunner().invoke(cli, ["db", "status"], env=env)
    assert res.exit_code == 1
    assert message in res.output and "Traceback" not in res.output
    assert params["password"] not in res.output
    assert len(res.output.strip().splitlines()) == 1
