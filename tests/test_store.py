"""Issue 4: the Neo4j store against a real Bolt server (ArcadeDB, or NEO4J_URI)."""
import json
import os
import signal
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

import orgmodel
from conftest import DATA, copy_data
from orgmodel.cli import cli
from orgmodel.errors import DatabaseError, OrgModelError
from orgmodel.escalation import RouteGraph, escalation_policy, route_graph
from orgmodel.layers import layering
from orgmodel.partners import partner_network
from orgmodel.span import span_of_control
from orgmodel.store import _route_rows, connect, log, organisations, pull, pull_model, push, run_query
from orgmodel.synth import chain, matrix

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
    again = push(store, deventer, force=True)
    assert (again["mode"], again["version"]) == ("unchanged", 1)
    # + the Organisation node and its history's first change set
    assert count_nodes(store) == first == deventer.graph.number_of_nodes() + 2
    edges = store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    # the derived route graph is replaced too, not added to
    derived = store.run("MATCH ()-[r:ESCALATES_TO]->() RETURN count(r) AS n")[0]["n"]
    assert derived == _stored_route_edges(deventer) > 0
    assert edges - derived == deventer.graph.number_of_edges()
    assert pull_model(store, "Deventer") == deventer


def _stored_route_edges(org) -> int:
    """The route steps a push stores as edges: all but the line steps."""
    return sum(not r.get("line") for rows in _route_rows(org).values() for r in rows)


def test_a_failing_late_batch_leaves_the_database_as_it_was(store, template_copy):
    v1 = orgmodel.load(template_copy)
    push(store, v1)
    # Plant a constraint violation: a node that already owns the uid the new
    # version's last role will claim.
    from orgmodel.store import uid
    store.run("CREATE (:Post {uid: $uid, org: 'squatter', id: 'squatter'})",
              uid=uid("Sample", "zz-late"))
    v2 = orgmodel.load(template_copy)
    v2.graph.nodes["tm"]["name"] = "Changed in v2"
    for i in range(30):
        v2.graph.add_node(f"r{i:02}", kind="Post", name=f"Role {i}", sphere="official")
    v2.graph.add_node("zz-late", kind="Post", name="Late", sphere="official")
    batches = []
    with pytest.raises(DatabaseError, match="rolled back"):
        push(store, v2, batch_size=5, progress=lambda done, total: batches.append(done),
             force=True)
    assert len(batches) > 5   # several batches had been written before the failure
    assert pull_model(store, "Sample") == v1
    assert store.run("MATCH (n:Post {org: 'squatter'}) RETURN count(n) AS n")[0]["n"] == 1


def test_two_organisations_side_by_side_one_replaced(store, deventer, albrandswaard):
    push(store, deventer)
    push(store, albrandswaard)
    smaller = orgmodel.load(DATA / "albrandswaard")
    smaller.graph.remove_node("citizens")
    push(store, smaller, force=True)
    assert pull_model(store, "Deventer") == deventer
    assert pull_model(store, "Albrandswaard") == smaller
    assert sorted(organisations(store)["name"]) == ["Albrandswaard", "Deventer"]


HOSTILE = ["O'Brien \"the boss\"", "back`tick`) DETACH DELETE n //", "a back\\slash\\n",
           "MATCH (n) DETACH DELETE n", "<img src=x onerror=alert(1)>", "$org {uid}"]


def test_hostile_names_round_trip_intact(store, template_copy, tmp_path):
    org = orgmodel.load(template_copy)
    for node, name in zip(["gd", "cd", "dd", "tm", "bpm", "team"], HOSTILE):
        org.graph.nodes[node]["name"] = name
    # (a name is one line, see test_bad_input; a note may have several)
    org.graph.nodes["dd"]["note"] = "two\nlines\r\nand\rthree"
    org.graph.add_node("it's `odd` id", kind="Topic", name="}{ RETURN 1 //", source="X-1")
    org.manifest["name"] = "Sample 'quoted' `org`"
    push(store, org)
    assert pull_model(store, org.manifest["name"]) == org
    assert count_nodes(store) == org.graph.number_of_nodes() + 2  # + Organisation, ChangeSet


def _routes_equal(store, model, query, via):
    """The routes Cypher finds equal those of the route graph, role by role."""
    rg = route_graph(model, via)
    # The plain line query follows REPORTS_TO from the posts; the stored route
    # graph (escalation_route) holds every step of the policy, roles' included.
    starts = [r for r in rg.starts() if query != "escalation"
              or model.graph.nodes[r]["kind"] == "Post"]
    expected = {(role, tuple(r.ids), r.outcome, tuple(sorted(b.id for b in r.blocked)))
                for role in starts for r in rg.routes(role, None)}
    params = {"route": via} if query == "escalation_route" else {}
    got = run_query(store, query, org=model.name, **params)
    found = {(r["from"], tuple(r["ids"]), r["outcome"], tuple(sorted(r["blocked"])))
             for r in got.to_dict("records")}
    assert found == expected, (via, sorted(found ^ expected)[:5])


def _layers_equal(store, model):
    # a flat organisation (Albrandswaard) has no line: both sides must say so
    lay = layering(model).frame.dropna(subset=["layer"])
    got = run_query(store, "layering", org=model.name)
    found = dict(zip(got["id"], got["layer"])) if len(got) else {}
    assert found == dict(zip(lay["id"], lay["layer"].astype(int)))


def _commission_loop():
    """A valid model whose commission route runs in a loop: a and b each carry
    out a commission the other gives."""
    from conftest import build
    org = build(["top", "a", "b"],
                [("a", "top", "REPORTS_TO"), ("b", "top", "REPORTS_TO"),
                 ("b", "c1", "COMMISSIONS", {"capacity": "official"}), ("c1", "a", "ASSIGNED_TO"),
                 ("a", "c2", "COMMISSIONS", {"capacity": "official"}), ("c2", "b", "ASSIGNED_TO")],
                [("c1", "Commission", {"source": "t", "commission_kind": "project"}),
                 ("c2", "Commission", {"source": "t", "commission_kind": "project"})],
                manifest={"name": "Commission loop",
                          "escalation": {"routes": {
                              "line": [{"edge": "REPORTS_TO"}],
                              "commission": [{"edge": "COMMISSIONS", "capacity": "official"},
                                             {"edge": "REPORTS_TO"}]}}})
    for _, d in org.graph.nodes(data=True):
        d.setdefault("source", "t")
    for _, _, d in org.graph.edges(data=True):
        d.setdefault("source", "t")
    return org


MODELS = {
    "deventer": lambda: orgmodel.load(DATA / "deventer"),
    "albrandswaard": lambda: orgmodel.load(DATA / "albrandswaard"),
    "deep chain": lambda: chain(120),             # deeper than round one's *0..50
    "dense matrix": lambda: matrix(8),            # 2^7 routes from the bottom
    "commission loop": _commission_loop,
    # vacant, external, job share, staff per grade, a line that starts after its date
    "template": lambda: orgmodel.load(DATA / "template"),
}


@pytest.mark.parametrize("which", list(MODELS))
def test_cypher_analyses_equal_networkx(store, which):
    model = MODELS[which]()
    push(store, model)
    policy = escalation_policy(model).routes
    if "line" in policy and {c.edge for c in policy["line"].climbs} == {"REPORTS_TO"}:
        _routes_equal(store, model, "escalation", "line")
    for via in escalation_policy(model).routes:
        _routes_equal(store, model, "escalation_route", via)
    _layers_equal(store, model)
    sp = span_of_control(model).frame
    got = run_query(store, "span", org=model.name)
    cols = ["id", "direct_reports", "mandates_given", "staff"]
    # a flat organisation has no managers: no rows (and no columns) from Cypher
    rows = got[cols].itertuples(index=False, name=None) if len(got) else ()
    assert sorted(rows) == sorted(sp[cols].itertuples(index=False, name=None))
    net = partner_network(model).partners
    got = run_query(store, "partners", org=model.name)
    assert {r["id"]: sorted(r["official_commissioners"]) for r in got.to_dict("records")} == \
        {r["id"]: sorted(filter(None, r["official_commissioners"].split("; ")))
         for r in net.to_dict("records")}


def test_cypher_line_routes_on_the_models_date(store, template_copy):
    # The template: a vacant post under a temporary line, an external superior
    # until 2026-12-31 and the move into the own line from 2027-01-01, and a
    # placeholder top post added here.  Cypher's line query and escalation_route
    # give the library's routes, on the model's date and on a later one.
    org = orgmodel.load(template_copy)
    org.graph.add_node("org-top", kind="Post", name="Sample municipality", sphere="official",
                       placeholder=True, evidence="assumed", note="the organisation itself")
    org.graph.add_edge("gd", "org-top", kind="REPORTS_TO", evidence="assumed", note="top")
    push(store, org)
    _routes_equal(store, org, "escalation", "line")
    _routes_equal(store, org, "escalation_route", "line")
    got = run_query(store, "escalation", org=org.name, role="fire").to_dict("records")
    assert [(r["ids"], r["outcome"]) for r in got] == [(["region-chief"], "external")]
    later = run_query(store, "escalation", org=org.name, role="fire", date="2027-02-01")
    assert [(r["ids"], r["outcome"]) for r in later.to_dict("records")] == [(["gd"], "top")]
    assert set(RouteGraph(org.on("2027-02-01"), "line").routes("fire").__next__().ids) == {"gd"}


def test_cypher_line_finds_a_loop_made_in_the_database(store):
    # A loop cannot come in through files (it does not validate), but someone
    # editing the shared database can make one: the queries must still agree.
    # r0 reports to r5: every role is on or below the loop, and gets no layer.
    push(store, chain(30, name="Looped chain"))
    store.run("MATCH (a:Post {org: $org, id: 'r0'}), (b:Post {org: $org, id: 'r5'}) "
              "CREATE (a)-[:REPORTS_TO {org: $org}]->(b)", org="Looped chain")
    model = chain(30, loop_at=5, name="Looped chain")
    assert layering(model).frame["layer"].isna().all()
    _routes_equal(store, model, "escalation", "line")
    _layers_equal(store, model)


@pytest.mark.parametrize("cmd", ["escalate --all", "escalate --all --via commission", "layers",
                                 "span", "partners", "check", "portfolios", "advice", "summary",
                                 "escalate tm-bb", "escalate tm-bb --via commission",
                                 "who-decides pijofach", "who-decides pijofach --role tm-bb"])
def test_analysis_commands_read_the_database_with_equal_results(bolt_env, store, cmd, tmp_path):
    runner = CliRunner()
    pushed = runner.invoke(cli, ["db", "push", "--org", str(copy_data(tmp_path, "deventer"))])
    assert pushed.exit_code == 0
    from_files = runner.invoke(cli, [*cmd.split(), "--org", str(DATA / "deventer"),
                                     "--format", "json"])
    from_db = runner.invoke(cli, [*cmd.split(), "--neo4j", "Deventer", "--format", "json"])
    assert from_files.exit_code == 0 and from_db.exit_code == 0, from_db.output
    assert json.loads(from_db.output) == json.loads(from_files.output)


def test_db_cli_push_status_query_pull(bolt_env, store, tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["db", "push", "--org", str(copy_data(tmp_path, "albrandswaard")),
                              "--force"])
    assert res.exit_code == 0 and "Pushed Albrandswaard as version 1 (new): 45 nodes" in res.output
    res = runner.invoke(cli, ["db", "status"])
    assert res.exit_code == 0 and "Albrandswaard" in res.output
    assert bolt_env["password"] not in res.output
    res = runner.invoke(cli, ["db", "query", "escalation_route", "--param", "org=Albrandswaard",
                              "--param", "route=mandate", "--param", "role=reg-kw",
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)[0]["ids"] == ["rol-opdrachtgever", "executive-board"]
    res = runner.invoke(cli, ["db", "query", "create_nodes"])
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


def test_push_and_pull_pause_the_cycle_collector_and_put_it_back(store, template_copy, tmp_path):
    """A push or pull pauses Python's cycle collector for its own call (twice
    as fast at 100,000 roles) and leaves it as it found it, also when refused:
    a notebook left without its collector would grow without bound."""
    import gc
    seen = []
    org = orgmodel.load(template_copy)
    assert gc.isenabled()
    push(store, org, progress=lambda done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen) and gc.isenabled()
    pull(store, org.name, tmp_path / "pulled")
    assert gc.isenabled()
    org.graph.add_edge("gd", "tm", kind="REPORTS_TO")
    with pytest.raises(orgmodel.ValidationError):
        push(store, org, force=True)
    assert gc.isenabled()
    with pytest.raises(OrgModelError):
        pull(store, "no such organisation", tmp_path / "none")
    assert gc.isenabled()
    gc.disable()
    try:
        pull(store, org.name, tmp_path / "again")
        assert not gc.isenabled()       # (off it was, off it stays)
    finally:
        gc.enable()


@pytest.mark.parametrize("change,message", [
    ({"password": "wrong-password-xyz"}, "wrong user name or password"),
    ({"database": "no_such_db"}, "database 'no_such_db' does not exist"),
    ({"uri": "bolt://127.0.0.1:1"}, "cannot reach a Neo4j server at bolt://127.0.0.1:1: is it "
     "running?"),
    # (a name that resolves to nothing is no server that is down: it said "is it running?")
    ({"uri": "bolt://no-such-host.invalid:7687"}, "cannot reach a Neo4j server at "
     "bolt://no-such-host.invalid:7687: no machine of that name is known"),
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


# --- issue 11: nothing lost, nothing mixed, nothing leaked ---------------------------------

def _status_counts(store, name):
    rows = organisations(store)
    row = rows[rows["name"] == name].to_dict("records")
    return (row[0]["nodes"], row[0]["edges"]) if row else None


@pytest.mark.parametrize("size", ["0", "-1"])
def test_push_refuses_a_batch_size_below_one(store, bolt_env, deventer, size, tmp_path):
    push(store, deventer)
    before = _status_counts(store, "Deventer"), count_nodes(store)
    res = CliRunner().invoke(cli, ["db", "push", "--org", str(copy_data(tmp_path, "deventer")),
                                   "--batch-size", size])
    assert res.exit_code == 2 and "--batch-size" in res.output
    with pytest.raises(orgmodel.OrgModelError, match="batch size"):
        push(store, deventer, batch_size=int(size))
    assert (_status_counts(store, "Deventer"), count_nodes(store)) == before
    assert pull_model(store, "Deventer") == deventer


def test_a_push_that_writes_too_little_is_rolled_back(store, deventer, monkeypatch):
    push(store, deventer)
    import orgmodel.store as st
    real = st._text

    def lossy(name):
        # A merge that silently writes nothing: the count check must catch it.
        return "UNWIND $rows AS row RETURN count(row) AS n" if name == "create_nodes" else real(name)
    monkeypatch.setattr(st, "_text", lossy)
    bigger = orgmodel.load(DATA / "deventer")
    bigger.graph.add_node("new", kind="Post", name="New", sphere="official")
    with pytest.raises(DatabaseError, match="rolled back"):
        push(store, bigger, force=True)
    monkeypatch.setattr(st, "_text", real)
    assert pull_model(store, "Deventer") == deventer


def test_pull_during_pushes_never_mixes_two_versions(store, bolt, template_copy):
    v1 = orgmodel.load(template_copy)
    v2 = orgmodel.load(template_copy)
    for _n, d in v2.graph.nodes(data=True):
        d["name"] = d["name"] + " v2"
    for i in range(40):
        v2.graph.add_node(f"x{i}", kind="Post", name=f"Extra {i}", sphere="official")
        v2.graph.add_edge(f"x{i}", "tm", kind="REPORTS_TO")
    push(store, v1)
    stop = threading.Event()
    errors = []

    def pusher():
        with connect(**bolt) as other:
            i = 0
            while not stop.is_set():
                try:
                    push(other, (v1, v2)[i % 2], batch_size=7, force=True)
                except Exception as exc:  # noqa: BLE001 - reported below
                    errors.append(exc)
                i += 1
    t = threading.Thread(target=pusher)
    t.start()
    try:
        seen = set()
        for _ in range(12):
            got = pull_model(store, "Sample")
            assert got == v1 or got == v2
            seen.add(got == v2)
    finally:
        stop.set()
        t.join()
    assert not errors, errors


def test_pull_refuses_to_write_what_does_not_validate(store, template_copy, tmp_path):
    push(store, orgmodel.load(template_copy))
    # Someone edits the database by hand and closes a loop in the line.
    store.run("MATCH (a:Post {org: 'Sample', id: 'gd'}), (b:Post {org: 'Sample', id: 'tm'}) "
              "CREATE (a)-[:REPORTS_TO {org: 'Sample', uid: 'hand', seq: 999}]->(b)")
    store.run("MATCH (o:Organisation {name: 'Sample'}) SET o.edges = o.edges + 1")
    out = tmp_path / "pulled"
    with pytest.raises(orgmodel.ValidationError, match="circle"):
        pull(store, "Sample", out)
    assert not out.exists()


def test_uids_cannot_clash_between_organisations(store, make):
    a = make(roles=["b:c", "x"], edges=[("b:c", "x", "REPORTS_TO")], manifest={"name": "A"})
    b = make(roles=["c", "y"], edges=[("c", "y", "REPORTS_TO")], manifest={"name": "A:b"})
    push(store, a)
    push(store, b)
    assert pull_model(store, "A") == a and pull_model(store, "A:b") == b


def test_concurrent_pushes_of_different_organisations_both_land(bolt, store, make):
    orgs = [make(roles=[f"r{i}" for i in range(60)],
                 edges=[(f"r{i}", f"r{i - 1}", "REPORTS_TO") for i in range(1, 60)],
                 manifest={"name": f"Org {k}"}) for k in range(2)]
    errors = []

    def go(org):
        try:
            with connect(**bolt) as s:
                push(s, org, batch_size=5)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
    threads = [threading.Thread(target=go, args=(o,)) for o in orgs]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors, errors
    for o in orgs:
        assert pull_model(store, o.name) == o


def test_concurrent_pushes_of_the_same_organisation_leave_one_whole(bolt, store, make):
    versions = [make(roles=[f"r{i}" for i in range(50 + 10 * k)],
                     edges=[(f"r{i}", "r0", "REPORTS_TO") for i in range(1, 50 + 10 * k)],
                     manifest={"name": "Same"}) for k in range(2)]
    errors = []

    def go(org):
        try:
            with connect(**bolt) as s:
                push(s, org, batch_size=5, force=True)
        except DatabaseError as exc:
            errors.append(str(exc))
    threads = [threading.Thread(target=go, args=(o,)) for o in versions]
    [t.start() for t in threads]
    [t.join() for t in threads]
    got = pull_model(store, "Same")
    assert got == versions[0] or got == versions[1]
    for msg in errors:     # a clash, if any, is one clear sentence
        assert "rolled back" in msg and "\n" not in msg


def test_two_first_pushes_of_one_organisation_at_once_land_one_whole(bolt, engine, store,
                                                                   make):
    """Two analysts push the same new organisation, each with posts of their
    own, into a fresh database at the same time: one lands whole, the other
    is refused in one sentence and nothing of it is written.  Each waits for
    the other after its first batch, for at most two seconds.  A first push
    makes the organisation's record at its start: on Neo4j the second waits
    for the first there and is told to pull what landed; ArcadeDB does not
    make it wait, and rolls back the one that commits second, which clashes
    on the record's name.  Made at the end, ArcadeDB could find the first's
    record committed and let both land (the organisation held 80 posts), and
    a push into nothing no longer counts the organisation again; into a
    fresh Neo4j, the second was told that an index already existed (both
    made the schema at once; "IF NOT EXISTS" looked before the other was
    done)."""
    if engine == "neo4j":         # (a fresh database: no schema yet)
        for rule in store.run("SHOW CONSTRAINTS YIELD name"):
            store.run(f"DROP CONSTRAINT `{rule['name']}`")
        for rule in store.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'"):
            store.run(f"DROP INDEX `{rule['name']}`")
    versions = [make(roles=[f"{p}{i}" for i in range(40)],
                     edges=[(f"{p}{i}", f"{p}0", "REPORTS_TO") for i in range(1, 40)],
                     manifest={"name": "Twice"}) for p in ("a", "b")]
    meet, errors = threading.Barrier(2), []

    def wait_for_the_other(done, _total):
        if done == 5:
            try:
                meet.wait(2)
            except threading.BrokenBarrierError:
                pass

    def go(org):
        try:
            with connect(**bolt) as s:
                push(s, org, batch_size=5, progress=wait_for_the_other)
        except OrgModelError as exc:
            errors.append(str(exc))
    threads = [threading.Thread(target=go, args=(o,)) for o in versions]
    [t.start() for t in threads]
    [t.join() for t in threads]
    got = pull_model(store, "Twice")
    assert got == versions[0] or got == versions[1]
    assert len(errors) == 1 and "\n" not in errors[0], errors
    said = ("is in the database at version 1, and this model was not pulled from it"
            if engine == "neo4j" else "rolled back, the database is unchanged by it")
    assert said in errors[0], errors
    assert list(log(store, "Twice")["version"]) == [1]


@pytest.mark.parametrize("query", ["create_nodes", "create_edges"])
def test_a_first_push_that_writes_less_than_the_model_is_rolled_back(
        store, sample, monkeypatch, query):
    """A first push checks what the server says it created against the
    model before it commits: a write that silently does nothing leaves
    nothing of the organisation, not even its record."""
    import orgmodel.store as st
    real = st._text
    monkeypatch.setattr(st, "_text", lambda name: "UNWIND $rows AS x RETURN count(x) AS n"
                        if name == query else real(name))
    with pytest.raises(DatabaseError, match="rolled back") as refused:
        push(store, sample)
    n, e = sample.graph.number_of_nodes(), sample.graph.number_of_edges()
    assert f"where the model holds {n} and {e}" in str(refused.value)
    assert store.run("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    monkeypatch.setattr(st, "_text", real)
    push(store, sample)
    assert pull_model(store, "Sample") == sample


def test_a_first_push_refuses_nodes_of_its_organisation_written_outside_it(store, sample):
    """Nodes that say they are the organisation's, with no record of it (a
    script's, a half-restored backup), would join it unseen: the first push
    names them and writes nothing."""
    store.run("CREATE (:Team {org: 'Sample', id: 'stray', uid: 'stray'})")
    with pytest.raises(DatabaseError, match="refused") as refused:
        push(store, sample)
    assert "1 Team node of Sample but no record" in str(refused.value)
    assert store.run("MATCH (n) RETURN count(n) AS n") == [{"n": 1}]


def test_db_query_passes_every_parameter(store, bolt_env, deventer, albrandswaard):
    push(store, deventer)
    push(store, albrandswaard)
    res = CliRunner().invoke(cli, ["db", "query", "count_nodes", "--param", "org=Deventer",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)[0]["nodes"] == deventer.graph.number_of_nodes()
    res = CliRunner().invoke(cli, ["db", "query", "span", "--param", "org=Deventer",
                                   "--param", "orgg=x"])
    assert res.exit_code == 1 and "takes no parameter 'orgg'" in res.output
    res = CliRunner().invoke(cli, ["db", "query", "span"])
    assert res.exit_code == 1 and "--param org=" in res.output
    # an organisation that is not there, or a date that is not one, is an
    # error: they gave an empty table and an answer for every date
    for query in ("span", "partners", "count_nodes"):
        res = CliRunner().invoke(cli, ["db", "query", query, "--param", "org=Nergens"])
        assert res.exit_code == 1, res.output
        assert "no organisation named 'Nergens' in the database (stored: " in res.output
    for date in ("x", "2020-13-01", "31-12-2020"):
        res = CliRunner().invoke(cli, ["db", "query", "layering", "--param", "org=Deventer",
                                       "--param", f"date={date}"])
        assert res.exit_code == 1 and f"'{date}' is not a date" in res.output, res.output
    res = CliRunner().invoke(cli, ["db", "query", "count_nodes", "--format", "json"])
    assert json.loads(res.output)[0]["nodes"] == (deventer.graph.number_of_nodes()
                                                  + albrandswaard.graph.number_of_nodes())
    # (and in Dutch, as every other message of the shared model)
    res = CliRunner().invoke(cli, ["db", "query", "span", "--param", "orgg=x", "--lang", "nl"])
    assert res.exit_code == 1 and "kent geen parameter 'orgg' (wel: " in res.output, res.output
    res = CliRunner().invoke(cli, ["db", "query", "span", "--lang", "nl"])
    assert res.exit_code == 1 and "query 'span' vraagt --param org=" in res.output, res.output
    res = CliRunner().invoke(cli, ["db", "query", "create_nodes", "--lang", "nl"])
    assert res.exit_code == 1 and "is geen query die hier kan draaien" in res.output, res.output


def test_db_query_accepts_a_role_name(store, deventer):
    push(store, deventer)
    by_name = run_query(store, "escalation", org="Deventer", role="Teammanager BDO")
    by_id = run_query(store, "escalation", org="Deventer",
                      role=deventer.find_role("Teammanager BDO"))
    assert len(by_name) > 0 and by_name.equals(by_id)


def test_hostile_names_survive_a_push_and_pull(store, template_copy):
    org = orgmodel.load(template_copy)
    org.graph.nodes["tm"]["name"] = "x'}) DETACH DELETE n //"
    org.graph.nodes["dd"]["name"] = "$org` MATCH (n) DETACH DELETE n"
    org.graph.nodes["cd"]["note"] = "\x1b]0;t\x07<script>alert(1)</script>"
    push(store, org)
    assert pull_model(store, "Sample") == org


def test_a_wrong_password_is_never_shown(bolt):
    with pytest.raises(DatabaseError) as info:
        connect(bolt["uri"], bolt["user"], "Wrong-Secret-99", bolt["database"])
    assert "Wrong-Secret-99" not in str(info.value)
    uri = bolt["uri"].replace("bolt://", f"bolt://{bolt['user']}:Wrong-Secret-99@")
    with pytest.raises(DatabaseError) as info:
        connect(uri, database=bolt["database"], password=None)
    assert "Wrong-Secret-99" not in str(info.value)


def test_credentials_in_the_address_are_used(bolt):
    uri = bolt["uri"].replace("bolt://", f"bolt://{bolt['user']}:{bolt['password']}@")
    with connect(uri, database=bolt["database"]) as s:
        assert s.run("RETURN 1 AS ok") == [{"ok": 1}]
        assert bolt["password"] not in repr(s) and bolt["password"] not in s.uri


def _serve(tmp_path, port, engine):
    env = {**os.environ, "NEO4J_PASSWORD": "test-password-1"}
    proc = subprocess.Popen([sys.executable, "-m", "orgmodel", "db", "serve", "--port", str(port),
                             "--engine", engine, "--root", str(tmp_path / "db")],
                            stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path,
                            start_new_session=True)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if " ready at bolt://" in line:
            break
    return proc, lines


@pytest.mark.parametrize("engine", ["neo4j", "arcadedb"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_db_serve_stops_cleanly_on_a_signal(tmp_path, sig, engine):
    from orgmodel.server import free_port
    proc, lines = _serve(tmp_path, free_port(), engine)
    assert proc.poll() is None, "".join(lines)
    proc.send_signal(sig)
    try:
        rest = proc.communicate(timeout=60)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the server did not stop on " + sig.name)
    assert proc.returncode == 0, rest
    assert "Server stopped." in rest
    assert not list(tmp_path.rglob("hs_err*"))


@pytest.mark.parametrize("engine", ["neo4j", "arcadedb"])
def test_db_serve_on_a_port_in_use_is_one_message(tmp_path, engine):
    """`db serve` on a port another program holds ran Neo4j for 20 s and
    then printed its Java stack trace (ArcadeDB its log and an error of
    its own); `--port 0` started a server on a port nobody knew. Both are
    one message, at once, exit 1 (2 for the option)."""
    import socket
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    env = {**os.environ, "NEO4J_PASSWORD": "test-password-1"}
    try:
        res = subprocess.run([sys.executable, "-m", "orgmodel", "db", "serve", "--port",
                              str(port), "--engine", engine, "--root", str(tmp_path / "db")],
                             capture_output=True, text=True, env=env, timeout=120)
    finally:
        taken.close()
    assert res.returncode == 1, res.stdout + res.stderr
    assert res.stderr.strip() == f"Error: cannot listen on 127.0.0.1, port {port}: the port is " \
        "in use (another server, or this one already running): stop it, or give another --port"
    assert "Exception" not in res.stdout + res.stderr
    res = subprocess.run([sys.executable, "-m", "orgmodel", "db", "serve", "--port", "0",
                          "--engine", engine, "--root", str(tmp_path / "db")],
                         capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 2 and "0 is not in the range 1<=x<=65535" in res.stderr


def test_neo4j_stopped_says_its_deepest_cause_in_one_line():
    # (the launcher's Java stack trace, as Neo4j prints it when it cannot start)
    from orgmodel.server import _stopped
    trace = ["Exception in thread \"main\" java.lang.RuntimeException: Error starting\n",
             "\tat org.neo4j.dbms.api.DatabaseManagementServiceBuilder.build(X.java:42)\n",
             "Caused by: org.neo4j.kernel.lifecycle.LifecycleException: Component failed\n",
             "Caused by: java.nio.file.AccessDeniedException: /srv/db/neo4j.lock\n",
             "\t... 10 more\n"]
    error = _stopped(1, trace)
    assert str(error) == "Neo4j stopped with exit code 1: AccessDeniedException: " \
        "/srv/db/neo4j.lock"
    assert "DatabaseManagementServiceBuilder" in str(error.__cause__)
    assert "last lines" not in str(_stopped(1, ["Killed\n"])) and \
        str(_stopped(1, ["Killed\n"])).endswith("Killed\n")


def test_diff_of_two_organisations_in_the_database(bolt_env, store, tmp_path):
    # Issue 15: diff --neo4j compares two organisation names in the database,
    # with the same answer as on files.
    from orgmodel.whatif import apply
    before = orgmodel.load(DATA / "deventer")
    after = apply(before, [{"close": "dd-bb", "reports": "superior"}])
    after.manifest["name"] = "Deventer to-be"
    orgmodel.save(after, tmp_path / "to-be")
    runner = CliRunner()
    for folder in (DATA / "deventer", tmp_path / "to-be"):
        assert runner.invoke(cli, ["db", "push", "--org", str(folder)]).exit_code == 0
    from_db = runner.invoke(cli, ["diff", "Deventer", "Deventer to-be", "--neo4j",
                                  "--format", "json"])
    from_files = runner.invoke(cli, ["diff", str(DATA / "deventer"), str(tmp_path / "to-be"),
                                     "--format", "json"])
    assert from_db.exit_code == 0, from_db.output
    assert json.loads(from_db.output) == json.loads(from_files.output)
    assert any(c["key"] == "dd-bb" and c["status"] == "closed"
               for c in json.loads(from_db.output))


def test_pull_shows_progress_on_a_terminal(bolt_env, store, tmp_path):
    from test_progress import _run_on_a_terminal
    res = CliRunner().invoke(cli, ["db", "push", "--org",
                                   str(copy_data(tmp_path, "albrandswaard"))])
    assert res.exit_code == 0, res.output
    code, term = _run_on_a_terminal(["db", "pull", "--org-name", "Albrandswaard", "--out",
                                     tmp_path / "a"])
    assert code == 0 and "Reading Albrandswaard from the database" in term and "100%" in term
    assert bolt_env["password"] not in term


def test_a_read_that_loses_a_record_to_a_push_is_tried_again(store, template_copy,
                                                             monkeypatch):
    # ArcadeDB reads without a snapshot: a record another client's push
    # deleted meanwhile fails the read ("Record #23:0 not found"), as in
    # test_pull_during_pushes_never_mixes_two_versions now and then.  That
    # is the organisation changing under the read: it is read again.
    from neo4j import exceptions

    from orgmodel import store as store_mod
    org = orgmodel.load(template_copy)
    push(store, org)
    real, calls = store_mod._read_all, []

    def losing(tx, name, fail=1):
        calls.append(name)
        if len(calls) <= fail:
            raise exceptions.DatabaseError("Record #23:0 not found")
        return real(tx, name)
    monkeypatch.setattr(store_mod, "_read_all", losing)
    assert pull_model(store, "Sample") == org and len(calls) == 2
    # Losing records on every attempt: it kept changing, said so.
    calls.clear()
    monkeypatch.setattr(store_mod, "_read_all", lambda tx, name: losing(tx, name, fail=99))
    with pytest.raises(orgmodel.OrgModelError, match="kept changing"):
        pull_model(store, "Sample", attempts=3)
    assert len(calls) == 3
    # Any other refusal is not a change: reported at once.
    calls.clear()

    def refused(tx, name):
        calls.append(name)
        raise exceptions.DatabaseError("disk full")
    monkeypatch.setattr(store_mod, "_read_all", refused)
    with pytest.raises(orgmodel.errors.DatabaseError, match="refused the request"):
        pull_model(store, "Sample")
    assert len(calls) == 1


def test_a_retried_push_starts_from_its_own_inputs(store, deventer, monkeypatch):
    # The driver runs a managed transaction's function again after a
    # transient error.  Here every push's function runs once in a
    # transaction that is rolled back, as a failed attempt is, then for real:
    # the second run must find its rows as they were (a retry once crashed
    # with KeyError: 'labels').
    import neo4j
    real = neo4j.Session.execute_write
    attempts = []

    def retried(self, work, *args, **kwargs):
        tx = self.begin_transaction()
        try:
            work(tx, *args, **kwargs)
            attempts.append("rolled back")
        finally:
            tx.rollback()
            tx.close()
        return real(self, work, *args, **kwargs)
    monkeypatch.setattr(neo4j.Session, "execute_write", retried)
    push(store, deventer)
    assert attempts == ["rolled back"]
    assert pull_model(store, "Deventer") == deventer
    derived = store.run("MATCH ()-[r:ESCALATES_TO]->() RETURN count(r) AS n")[0]["n"]
    assert derived == _stored_route_edges(deventer) > 0


def test_db_pull_onto_a_full_disk_leaves_nothing(bolt_env, store, full_disk):
    org = orgmodel.synthesize(2000, seed=1)
    push(store, org)
    out = full_disk / "pulled"
    res = CliRunner().invoke(cli, ["db", "pull", "--org-name", org.name, "--out", str(out)])
    assert res.exit_code == 1, res.output
    assert "the disk is full" in res.output and str(out) in res.output
    assert "Traceback" not in res.output and bolt_env["password"] not in res.output
    assert list(full_disk.iterdir()) == []
