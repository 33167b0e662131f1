"""Issue 32: the shared model on a real Neo4j 5 (and ArcadeDB): pushes that
write only what changed, refuse a conflicting one, and keep the history."""
import json
import re
import threading

import pytest
from click.testing import CliRunner
from test_store import _routes_equal

import orgmodel
from conftest import DATA, NEO4J_ONLY, copy_data, start_server, stop_server
from orgmodel.cli import cli
from orgmodel.errors import ConflictError, DatabaseError
from orgmodel.escalation import escalation_policy
from orgmodel.i18n import translator
from orgmodel.store import BASE_FILE, Base, connect, log, pull, pull_model, push

pytestmark = pytest.mark.neo4j


def _pulled(store, tmp_path, name, folder):
    out = pull(store, name, tmp_path / folder)
    return out, orgmodel.load(out), Base.read(out)


def _rename(org, node, name):
    org.graph.nodes[node]["name"] = name
    return org


def test_two_clients_change_different_posts_and_both_land(store, template_copy, tmp_path):
    push(store, orgmodel.load(template_copy), message="first")
    _, mine, my_base = _pulled(store, tmp_path, "Sample", "anna")
    _, theirs, their_base = _pulled(store, tmp_path, "Sample", "bram")
    first = push(store, _rename(mine, "tm", "Team lead (Anna)"), base=my_base)
    second = push(store, _rename(theirs, "dd", "Director (Bram)"), base=their_base)
    assert (first["mode"], first["version"], first["changed"]) == ("changed", 2, 1)
    assert (second["mode"], second["version"], second.get("theirs")) == ("changed", 3, [2])
    now = pull_model(store, "Sample")
    assert now.graph.nodes["tm"]["name"] == "Team lead (Anna)"
    assert now.graph.nodes["dd"]["name"] == "Director (Bram)"
    # everything else as it was
    original = orgmodel.load(template_copy)
    for node in ("tm", "dd"):
        now.graph.nodes[node]["name"] = original.graph.nodes[node]["name"]
    assert now == original


def test_two_clients_change_the_same_post_one_is_refused_nothing_of_it_written(
        store, template_copy, tmp_path):
    push(store, orgmodel.load(template_copy))
    _, mine, my_base = _pulled(store, tmp_path, "Sample", "anna")
    _, theirs, their_base = _pulled(store, tmp_path, "Sample", "bram")
    push(store, _rename(mine, "tm", "Team lead (Anna)"), base=my_base, message="Anna's")
    theirs = _rename(theirs, "tm", "Team lead (Bram)")
    theirs.graph.nodes["dd"]["name"] = "Director (Bram)"     # and one change elsewhere
    with pytest.raises(ConflictError) as refused:
        push(store, theirs, base=their_base)
    assert [(c[0], c[1]) for c in refused.value.conflicts] == [("node", "tm")]
    said = str(refused.value)
    assert "tm (yours: changed; theirs: changed)" in said and "version 1" in said
    now = pull_model(store, "Sample")
    assert now.graph.nodes["tm"]["name"] == "Team lead (Anna)"
    assert now.graph.nodes["dd"]["name"] == orgmodel.load(template_copy).graph.nodes["dd"]["name"]
    # the refused push left the history as it was
    assert list(log(store, "Sample")["version"]) == [2, 1]


def test_a_removed_post_and_a_new_line_to_it_conflict_or_fail_validation(
        store, template_copy, tmp_path):
    push(store, orgmodel.load(template_copy))
    _, mine, my_base = _pulled(store, tmp_path, "Sample", "anna")
    _, theirs, their_base = _pulled(store, tmp_path, "Sample", "bram")
    leaf = next(n for n in mine.graph if mine.graph.nodes[n]["kind"] == "Post"
                and mine.graph.in_degree(n) == 0)
    mine.graph.remove_node(leaf)
    push(store, mine, base=my_base)
    theirs.graph.add_node("new", kind="Post", name="New post", sphere="official", source="X-1")
    theirs.graph.add_edge(leaf, "new", kind="REPORTS_TO", source="X-1")
    # Each side's changes are fine alone; together an edge would hang from a
    # removed post: never written.
    with pytest.raises(orgmodel.OrgModelError):
        push(store, theirs, base=their_base)
    assert "new" not in pull_model(store, "Sample").graph


def test_history_lists_each_push_and_reads_back_any_version(store, template_copy, tmp_path,
                                                           bolt):
    v1 = orgmodel.load(template_copy)
    push(store, v1, message="the start")
    folder, v2, base = _pulled(store, tmp_path, "Sample", "work")
    _rename(v2, "tm", "Renamed")
    v2.graph.add_node("extra", kind="Post", name="Extra", sphere="official", source="X-1")
    v2.graph.add_edge("extra", "tm", kind="REPORTS_TO", source="X-1")
    push(store, v2, base=base, message="rename and add")
    history = log(store, "Sample")
    assert list(history["version"]) == [2, 1]
    assert list(history["message"]) == ["rename and add", "the start"]
    assert set(history["user"]) == {bolt["user"]}
    row = history.iloc[0]
    assert (row["added"], row["changed"], row["removed"]) == (2, 1, 0)
    assert pull_model(store, "Sample", version=1) == v1
    assert pull_model(store, "Sample", version=2) == v2
    with pytest.raises(orgmodel.OrgModelError, match="no version 3"):
        pull_model(store, "Sample", version=3)
    # --at: the version that held at a moment
    at_v1 = history.iloc[1]["at"]
    assert pull_model(store, "Sample", at=at_v1) == v1
    with pytest.raises(orgmodel.OrgModelError, match="no version from") as before:
        pull_model(store, "Sample", at="2000-01-01T00:00:00.000+00:00")
    # (the moment as a reader writes it, not as an ISO instant)
    assert translator("nl")(before.value.args[0]) == \
        "Sample heeft geen versie van 1 januari 2000, 00:00 UTC of eerder (zie db log)"


def test_a_pull_then_push_without_changes_writes_nothing(store, deventer, tmp_path):
    push(store, deventer)
    _, again, base = _pulled(store, tmp_path, "Deventer", "d")
    res = push(store, again, base=base)
    assert (res["mode"], res["version"]) == ("unchanged", 1)
    assert list(log(store, "Deventer")["version"]) == [1]


def test_the_cli_pull_edit_push_log_and_diff_of_versions(bolt_env, store, tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["db", "push", "--org", str(copy_data(tmp_path, "albrandswaard")),
                              "-m", "start"])
    assert res.exit_code == 0, res.output
    folder = tmp_path / "a"
    res = runner.invoke(cli, ["db", "pull", "Albrandswaard", "--out", str(folder)])
    assert res.exit_code == 0, res.output
    assert (folder / BASE_FILE).is_file()
    nodes = (folder / "nodes.csv").read_text(encoding="utf-8")
    edited = nodes.replace("citizens,", "citizens,", 1)
    org = orgmodel.load(folder)
    victim = next(n for n in org.graph if org.graph.nodes[n]["kind"] == "Post")
    org.graph.nodes[victim]["name"] = "Changed by the CLI test"
    orgmodel.save(org, folder)
    assert edited
    res = runner.invoke(cli, ["db", "push", "--org", str(folder), "--message", "renamed one"])
    assert res.exit_code == 0 and "as version 2: 0 added, 1 changed, 0 removed" in res.output
    res = runner.invoke(cli, ["db", "log", "Albrandswaard", "--format", "json"])
    rows = json.loads(res.output)
    assert [r["version"] for r in rows] == [2, 1] and rows[0]["message"] == "renamed one"
    res = runner.invoke(cli, ["db", "log", "Albrandswaard", "--version", "2", "--format", "json"])
    assert json.loads(res.output) == [{"section": "node", "key": victim, "kind": "Post",
                                       "status": "changed", "detail": "changed: name"}]
    # the history and the status as a Dutch reader reads them (their columns
    # were English, and the push's message was headed "bevinding", a finding)
    res = runner.invoke(cli, ["db", "log", "Albrandswaard", "--lang", "nl"])
    head = res.output.splitlines()[0].split()
    assert head == ["versie", "tijdstip", "gebruiker", "toelichting", "toegevoegd", "gewijzigd",
                    "verwijderd", "geforceerd"], res.output
    assert "renamed one" in res.output and " nee" in res.output
    # (a push's time as a Dutch reader reads it: 5 december 2026, 17:18:24 UTC)
    assert re.search(r" \d{1,2} [a-z]+ \d{4}, \d\d:\d\d(?::\d\d)? UTC ", res.output), res.output
    assert not re.search(r"\d{4}-\d\d-\d\dT", res.output), res.output
    res = runner.invoke(cli, ["db", "log", "Albrandswaard", "--version", "2", "--lang", "nl"])
    assert f"knooppunt {victim}" in " ".join(res.output.split()), res.output
    # (the attribute named as its column is: it was the model's English key)
    assert "gewijzigd: naam" in res.output and "changed" not in res.output, res.output
    # a first push keeps no list of its changes: said, not an empty table
    res = runner.invoke(cli, ["db", "log", "Albrandswaard", "--version", "1"])
    assert res.exit_code == 0 and "version 1 of Albrandswaard keeps no list of its changes: a " \
        "first push" in res.output, res.output
    res = runner.invoke(cli, ["db", "status", "--lang", "nl"])
    assert res.output.startswith("Verbonden met ") and "gepusht op" in res.output, res.output
    assert "Connected" not in res.output and "pushed" not in res.output
    res = runner.invoke(cli, ["diff", "Albrandswaard@1", "Albrandswaard@2", "--neo4j",
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    changed = [c for c in json.loads(res.output) if c["section"] == "node"]
    assert [(c["key"], c["status"]) for c in changed] == [(victim, "changed")]
    res = runner.invoke(cli, ["db", "pull", "Albrandswaard", "--version", "1", "--out",
                              str(tmp_path / "old")])
    assert res.exit_code == 0
    assert orgmodel.load(tmp_path / "old") == orgmodel.load(DATA / "albrandswaard")
    # a folder that was never pulled does not overwrite the shared model
    fresh = copy_data(tmp_path / "fresh", "albrandswaard")
    res = runner.invoke(cli, ["db", "push", "--org", str(fresh)])
    assert res.exit_code == 1 and "not pulled from it" in res.output
    assert "Traceback" not in res.output
    res = runner.invoke(cli, ["db", "pull", "Albrandswaard", "--version", "9", "--out",
                              str(tmp_path / "none")])
    assert res.exit_code == 1 and "no version 9" in res.output
    assert not (tmp_path / "none").exists()
    # --at as a Dutch reader writes a date (the history shows it so); one
    # that is none is refused saying how to write it
    import datetime as dt
    today = dt.datetime.now(dt.timezone.utc).date()
    res = runner.invoke(cli, ["db", "pull", "Albrandswaard", "--at", today.strftime("%d-%m-%Y"),
                              "--lang", "nl", "--out", str(tmp_path / "today")])
    assert res.exit_code == 0, res.output
    assert orgmodel.load(tmp_path / "today").graph.nodes[victim]["name"] == \
        "Changed by the CLI test"
    # (and so does diff's NAME@DATE)
    res = runner.invoke(cli, ["diff", "Albrandswaard@1", "Albrandswaard@"
                              + today.strftime("%d-%m-%Y"), "--neo4j", "--lang", "nl",
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    assert [c["key"] for c in json.loads(res.output) if c["section"] == "node"] == [victim]
    res = runner.invoke(cli, ["diff", "Albrandswaard@1", "Albrandswaard@gisteren", "--neo4j",
                              "--lang", "nl"])
    assert res.exit_code == 2 and "na '@' komt een versie (een nummer uit db log) of een datum " \
        "(JJJJ-MM-DD, 31-12-2026 of 31 december 2026)" in res.output, res.output
    res = runner.invoke(cli, ["db", "pull", "Albrandswaard", "--at", "31-02-2026", "--lang", "nl",
                              "--out", str(tmp_path / "never")])
    assert res.exit_code == 2 and "'31-02-2026' is geen datum (JJJJ-MM-DD, 31-12-2026 of 31 " \
        "december 2026)" in res.output, res.output
    assert not (tmp_path / "never").exists()


def test_the_cli_merges_others_changes_into_the_folder(bolt_env, store, tmp_path):
    runner = CliRunner()
    first = runner.invoke(cli, ["db", "push", "--org", str(copy_data(tmp_path, "deventer"))])
    assert first.exit_code == 0
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        assert runner.invoke(cli, ["db", "pull", "Deventer", "--out", str(folder)]).exit_code == 0
    for folder, node, name in ((a, "gd", "Gemeentesecretaris (a)"),
                               (b, "dd-bb", "Directeur (b)")):
        org = orgmodel.load(folder)
        org.graph.nodes[node]["name"] = name
        orgmodel.save(org, folder)
    assert runner.invoke(cli, ["db", "push", "--org", str(a)]).exit_code == 0
    res = runner.invoke(cli, ["db", "push", "--org", str(b)])
    assert res.exit_code == 0 and "Kept the changes of version 2," in res.output
    merged = orgmodel.load(b)
    assert merged.graph.nodes["gd"]["name"] == "Gemeentesecretaris (a)"
    assert merged.graph.nodes["dd-bb"]["name"] == "Directeur (b)"
    assert merged == pull_model(store, "Deventer")
    # and b's next push starts from there: nothing more to write
    res = runner.invoke(cli, ["db", "push", "--org", str(b)])
    assert res.exit_code == 0 and "unchanged" in res.output


def test_a_refused_push_and_the_shared_models_other_errors_are_said_in_dutch(
        bolt_env, store, tmp_path, monkeypatch):
    """A Dutch analyst whose push clashes with a colleague's reads why, and
    what to do, in Dutch; so too an organisation or version that is not
    there, and a wrong password (which is never shown)."""
    runner = CliRunner()
    assert runner.invoke(cli, ["db", "push", "--org", str(copy_data(tmp_path, "deventer"))]
                         ).exit_code == 0
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        assert runner.invoke(cli, ["db", "pull", "Deventer", "--out", str(folder)]).exit_code == 0
        org = orgmodel.load(folder)
        org.graph.nodes["gd"]["name"] = f"Gemeentesecretaris ({folder.name})"
        orgmodel.save(org, folder)
    assert runner.invoke(cli, ["db", "push", "--org", str(a)]).exit_code == 0
    res = runner.invoke(cli, ["db", "push", "--org", str(b), "--lang", "nl"])
    assert res.exit_code == 1, res.output
    assert ("push van Deventer geweigerd, er is niets geschreven: het gedeelde model ging van "
            "versie 1 (die u ophaalde) naar 2, en 1 plek is aan beide kanten gewijzigd: gd (van "
            "u: gewijzigd; van hen: gewijzigd). Haal de nieuwe versie op (db pull --force)"
            ) in res.output, res.output
    monkeypatch.setenv("ORGMODEL_LANG", "nl")
    said = [(["db", "pull", "Nergens", "--out", str(tmp_path / "n")],
             "geen organisatie met de naam 'Nergens' in de database (opgeslagen: Deventer)"),
            (["db", "pull", "Deventer", "--version", "9", "--out", str(tmp_path / "n")],
             "Deventer heeft geen versie 9: de versies zijn 1 tot en met 2 (zie db log)"),
            (["db", "push", "--org", str(copy_data(tmp_path / "vers", "deventer"))],
             "Deventer staat in de database op versie 2, en dit model is daar niet uit "
             "opgehaald")]
    for args, dutch in said:
        res = runner.invoke(cli, args)
        assert res.exit_code == 1 and dutch in res.output, res.output
        assert not [w for w in ("refused", "yours", "no organisation", "version", "pulled")
                    if w in res.output], res.output
    monkeypatch.setenv("NEO4J_PASSWORD", "Verkeerd-Geheim-7")
    res = runner.invoke(cli, ["db", "log", "Deventer"])
    assert res.exit_code == 1 and "Verkeerd-Geheim-7" not in res.output
    assert "weigert gebruiker" in res.output and "verkeerde gebruikersnaam of wachtwoord" \
        in res.output, res.output


def test_two_clients_pushing_at_once_both_land_when_apart(bolt, store, template_copy, tmp_path):
    push(store, orgmodel.load(template_copy))
    edits = []
    for who, node in (("anna", "tm"), ("bram", "dd")):
        _, org, base = _pulled(store, tmp_path, "Sample", who)
        edits.append((_rename(org, node, f"Changed by {who}"), base))
    errors, barrier = [], threading.Barrier(2)

    def go(org, base):
        try:
            with connect(**bolt) as s:
                barrier.wait()
                push(s, org, base=base, batch_size=2)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
    threads = [threading.Thread(target=go, args=edit) for edit in edits]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors, errors
    now = pull_model(store, "Sample")
    assert now.graph.nodes["tm"]["name"] == "Changed by anna"
    assert now.graph.nodes["dd"]["name"] == "Changed by bram"
    assert list(log(store, "Sample")["version"]) == [3, 2, 1]


def _seeks(plan) -> list:
    """The index seeks of an EXPLAIN plan: ``operator: details`` of each."""
    found = []
    if "IndexSeek" in plan.get("operatorType", "") or "IndexScan" in plan.get(
            "operatorType", ""):
        found.append(f"{plan['operatorType']}: {plan['args'].get('Details', '')}")
    for child in plan.get("children", []):
        found += _seeks(child)
    return found


@pytest.mark.parametrize("name,slots,index", [
    ("set_nodes", {"label": "Post"}, "n:Post(uid)"),
    ("delete_nodes_by_uid", {"label": "Role"}, "n:Role(uid)"),
    ("route_closure", {"label": "Post"}, "s:Post(uid)"),
    ("find_role", {}, ":Post(org)"),
    ("find_person", {}, "n:Person(org)"),
    ("find_role_by_uid", {"label": "Role"}, "n:Role(uid)"),
    ("create_edges", {"type": "REPORTS_TO", "src": "Post", "dst": "Post"}, ":Post(uid)"),
    ("set_edges", {"type": "MANDATES", "src": "Post"}, ":Post(uid)"),
    ("read_nodes", {"label": "Post"}, "n:Post(org)"),
    ("read_change_sets", {}, "c:ChangeSet(org, version)"),
    ("check_nodes", {"label": "Post"}, "n:Post(uid)"),
    ("check_edges", {"type": "REPORTS_TO", "src": "Post"}, ":Post(uid)"),
    ("lock_organisation", {}, "o:Organisation(name)"),
], ids=lambda v: v if isinstance(v, str) and "(" not in v else None)
@pytest.mark.parametrize("bolt", NEO4J_ONLY, indirect=True)   # (EXPLAIN plans are Neo4j's)
def test_the_queries_use_the_constraints_and_indexes(store, deventer, name, slots, index):
    from orgmodel.store import cypher, query_parameters
    push(store, deventer)      # (a push creates the constraints and indexes when missing)
    constraints = {r["name"] for r in store.run("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {"Post_uid", "Role_uid", "Organisation_name"} <= constraints
    row = {"uid": "x", "src": "x", "dst": "x", "org": "x", "id": "x", "props": {}}
    params = {k: ([row] if k == "rows" else ["x"] if k in ("ids", "uids") else
                  1 if k in ("since", "version") else "x") for k in query_parameters(name)}
    with store.driver.session(database=store.database) as s:
        plan = s.run("EXPLAIN " + cypher(name, **slots), **params).consume().plan
    seeks = _seeks(plan)
    assert any(index in seek for seek in seeks), seeks


@pytest.mark.parametrize("bolt", NEO4J_ONLY, indirect=True)   # (SHOW is Neo4j's)
def test_a_push_makes_the_schema_rules_that_are_missing(store, deventer):
    """A push creates only the constraints and indexes the database lacks
    (it ran all 35 commands every time): one dropped is there again after
    the next push, and the others are left as they were."""
    push(store, deventer)
    store.run("DROP CONSTRAINT Role_uid")
    store.run("DROP INDEX Post_org_id")
    before = {r["name"] for r in store.run("SHOW INDEXES YIELD name RETURN name")}
    assert not {"Role_uid", "Post_org_id"} & before
    push(store, orgmodel.OrgModel(deventer.graph.copy(),
                                  {**deventer.manifest, "name": "Deventer again"}))
    constraints = {r["name"] for r in store.run("SHOW CONSTRAINTS YIELD name RETURN name")}
    after = {r["name"] for r in store.run("SHOW INDEXES YIELD name RETURN name")}
    assert "Role_uid" in constraints and after == before | {"Role_uid", "Post_org_id"}


def test_the_history_survives_a_restart(tmp_path_factory, template_copy, tmp_path):
    root = tmp_path_factory.mktemp("neo4j-restart")
    proc, params = start_server(root, "neo4j")
    try:
        with connect(**params) as s:
            push(s, orgmodel.load(template_copy), message="before the restart")
            _, org, base = _pulled(s, tmp_path, "Sample", "x")
            push(s, _rename(org, "tm", "Renamed"), base=base, message="second")
    finally:
        stop_server(proc)
    proc, params = start_server(root, "neo4j", password=params["password"])
    try:
        with connect(**params) as s:
            history = log(s, "Sample")
            assert list(history["message"]) == ["second", "before the restart"]
            assert pull_model(s, "Sample", version=1) == orgmodel.load(template_copy)
            assert pull_model(s, "Sample").graph.nodes["tm"]["name"] == "Renamed"
    finally:
        stop_server(proc)


@pytest.mark.parametrize("folder", ["template", "deventer", "albrandswaard"])
def test_one_roles_route_read_from_the_database_equals_the_whole_models(store, folder):
    from orgmodel.escalation import escalation_policy, route_graph
    from orgmodel.indb import escalate as in_database
    org = orgmodel.load(DATA / folder)
    push(store, org)

    def answer(rid, rg):
        return json.dumps({**rg.record(rid), "paths": [rg.route_record(r)
                                                       for r in rg.routes(rid, None)]},
                          default=str, sort_keys=True)
    asked = 0
    for via in escalation_policy(org).routes:
        whole = route_graph(org, via)
        for rid in whole.starts():
            got_id, stored = in_database(store, org.name, rid, via)
            assert got_id == rid
            assert answer(rid, stored) == answer(rid, whole), (via, rid)
            # read without the rest: only the nodes its routes reach
            assert set(stored._nodes) <= set(org.graph)
            asked += 1
    assert asked >= 20


def test_escalate_with_neo4j_reads_only_the_routes(bolt_env, store, tmp_path):
    org = orgmodel.synthesize(3000, seed=2)
    push(store, org)
    leaf = next(n for n in org.graph if org.graph.nodes[n]["kind"] == "Post"
                and org.graph.in_degree(n) == 0 and org.graph.out_degree(n) > 0)
    runner = CliRunner()
    from_db = runner.invoke(cli, ["escalate", leaf, "--neo4j", org.name, "--format", "json"])
    folder = orgmodel.save(org, tmp_path / "o")
    from_files = runner.invoke(cli, ["escalate", leaf, "--org", str(folder), "--format", "json"])
    assert from_db.exit_code == 0, from_db.output
    assert json.loads(from_db.output) == json.loads(from_files.output)
    from orgmodel.indb import escalate as in_database
    _, stored = in_database(store, org.name, leaf)
    assert len(stored._nodes) < org.graph.number_of_nodes() / 20
    # a name works as on files; an unknown one is one clear message
    bad = runner.invoke(cli, ["escalate", "No such post", "--neo4j", org.name])
    assert bad.exit_code == 1 and "No such post" in bad.output and "Traceback" not in bad.output


def test_a_role_is_found_in_the_database_as_in_the_model(store, deventer):
    """A role given by a part of its name ('kossen'), its id in other case,
    or a near miss was found in a model and not in the database (which
    matched an exact id or whole name only: 'no role matches', with no
    closest).  The database now finds each as the model does, and says the
    same when several or none match."""
    from orgmodel.errors import UnknownRoleError
    from orgmodel.indb import find_role
    push(store, deventer)
    # (and a person's name, or id, said as a person's with the post they hold)
    queries = ["cd-kossen", "CD-KOSSEN", "Teammanager BDO", "teammanager bdo", "kossen",
               "Concerndirecteur Kos", "teammanager", "Teammanagr BDO", "xyzzy", "ssen",
               "Marcel Kossen", "marcel kossen", "p-kossen"]
    for query in queries:
        try:
            expected = deventer.find_role(query)
        except UnknownRoleError as exc:
            with pytest.raises(UnknownRoleError) as got:
                find_role(store, "Deventer", query)
            assert str(got.value) == str(exc), query
            continue
        assert find_role(store, "Deventer", query) == expected, query
    assert deventer.find_role("kossen") == "cd-kossen"


def test_a_team_is_found_in_the_database_as_in_the_model(bolt_env, store, deventer):
    """A team given where a role is asked for (escalate --neo4j, who-decides
    --role) stands for the post that leads it, in the database as in the
    model; the command says which team it was."""
    from orgmodel.indb import find_role, find_team
    push(store, deventer)
    for query in ("Teams van Intern ondersteunen", "TEAMS-ED", "ORB teams", "cl-io"):
        assert find_role(store, "Deventer", query) == deventer.find_role(query, teams=True)
        expected = deventer.find_team(query)
        got = find_team(store, "Deventer", query)
        assert (got and got["id"]) == expected, query
    assert find_team(store, "Deventer", "tm-io") is None
    res = CliRunner().invoke(cli, ["escalate", "Teams van Intern ondersteunen", "--neo4j",
                                   "Deventer"])
    assert res.exit_code == 0 and "the team Teams van Intern ondersteunen (teams-io) " \
        "escalates through the post that leads it" in res.output, res.output


@pytest.mark.parametrize("folder", ["template", "deventer", "albrandswaard"])
def test_who_decides_read_from_the_database_equals_the_whole_models(store, folder):
    from orgmodel.indb import mandate_model
    from orgmodel.indb import who_decides as in_database
    from orgmodel.mandates import who_decides
    org = orgmodel.load(DATA / folder)
    push(store, org)

    def same(a, b):
        def plain(x):
            return json.dumps(x.to_dict("records") if hasattr(x, "to_dict") else x,
                              default=str, sort_keys=True)
        return plain(a) == plain(b)
    powers = list(org.vocabulary("powers"))
    assert powers
    posts = [n for n in org.graph if org.graph.nodes[n]["kind"] in ("Post", "Role")]
    for power in powers:
        for amount in (None, 1.0, 50_000.0, 10**9):
            assert same(in_database(store, org.name, power, amount),
                        who_decides(org, power, amount=amount)), (power, amount)
        for rid in posts:
            assert same(in_database(store, org.name, power, role=rid),
                        who_decides(org, power, role=rid)), (power, rid)
    # without the rest: fewer nodes than the organisation has
    assert mandate_model(store, org.name).graph.number_of_nodes() < org.graph.number_of_nodes()


@pytest.mark.parametrize("folder", ["template", "deventer", "albrandswaard", "synthetic"])
def test_partners_read_from_the_database_equal_the_whole_models(bolt_env, store, folder, tmp_path):
    """``partners --neo4j`` reads the partners, their commissions and who
    commissions or contracts them, not the whole organisation, and answers
    as on the files: the same tables, the same brokerage."""
    from orgmodel.indb import partner_model
    org = (orgmodel.synthesize(3000, seed=5) if folder == "synthetic"
           else orgmodel.load(DATA / folder))
    if folder == "template":
        # a contract that ended before the model's date counts on neither side
        partner = org.ids("Partner")[0]
        org.graph.add_edge("gd", partner, kind="CONTRACTS", valid_to="2020-12-31")
    push(store, org)
    files = orgmodel.save(org, tmp_path / "o")
    runner = CliRunner()
    for fmt in ("json", "table", "csv"):
        from_db = runner.invoke(cli, ["partners", "--neo4j", org.name, "--format", fmt])
        from_files = runner.invoke(cli, ["partners", "--org", str(files), "--format", fmt])
        assert from_db.exit_code == 0, from_db.output
        assert from_db.output == from_files.output, fmt
    net = json.loads(runner.invoke(cli, ["partners", "--neo4j", org.name,
                                         "--format", "json"]).output)
    assert net["partners"]
    # (in Deventer's and Albrandswaard's files no post commissions a partner
    # officially: nobody brokers there)
    assert bool(net["brokerage"]) == (folder in ("template", "synthetic"))
    part = partner_model(store, org.name)
    assert part.graph.number_of_nodes() < org.graph.number_of_nodes()
    bad = runner.invoke(cli, ["partners", "--neo4j", "No such organisation"])
    assert bad.exit_code == 1 and "No such organisation" in bad.output
    assert "Traceback" not in bad.output


def _stored_steps(store, name):
    """The route steps stored as edges, and the line marks of the nodes whose
    one step is their REPORTS_TO edge (stored as no edge)."""
    rows = store.run("MATCH (a {org: $org})-[r:ESCALATES_TO]->(b) RETURN a.uid AS src, "
                     "b.uid AS dst, r.route AS route, r.via AS via, r.rule AS rule, "
                     "r.blocked AS blocked, r.temporary AS temporary, r.rank AS rank", org=name)
    marks = store.run("MATCH (a {org: $org}) WHERE a.line_routes IS NOT NULL "
                      "RETURN a.uid AS src, a.line_routes AS line_routes", org=name)
    return sorted(json.dumps(r, sort_keys=True) for r in rows + marks)


def _derived_steps(org):
    from orgmodel.store import _line_marks, _route_rows
    derived = _route_rows(org)
    return sorted([json.dumps({"src": r["src"], "dst": r["dst"], "route": via, "via": r["via"],
                               "rule": r["rule"], "blocked": r["blocked"],
                               "temporary": r["temporary"], "rank": r["rank"]}, sort_keys=True)
                   for via, rows in derived.items() for r in rows if not r.get("line")]
                  + [json.dumps({"line_routes": v, "src": k}, sort_keys=True)
                     for k, v in _line_marks(derived).items()])


@pytest.mark.parametrize("folder", ["template", "deventer"])
def test_incremental_pushes_keep_the_stored_route_steps_exact(store, folder, tmp_path):
    org = orgmodel.load(DATA / folder)
    push(store, org)
    assert _stored_steps(store, org.name) == _derived_steps(org)
    line = [(u, v) for u, v, d in org.graph.edges(data=True) if d["kind"] == "REPORTS_TO"]
    sources = {u for u, _ in line}
    top = next(v for _, v in line if v not in sources)
    mover, old_boss = next((u, v) for u, v in line if v != top)
    middle = next(v for u, v in line if v not in (top, old_boss) and v in sources)
    roles = [n for n in org.graph if org.graph.nodes[n]["kind"] == "Role"]

    def move(m):     # a post moves to report to the top
        m.graph.remove_edge(mover, old_boss)
        m.graph.add_edge(mover, top, kind="REPORTS_TO", source="X-1")
    edits = [
        move,
        lambda m: m.graph.nodes[middle].__setitem__("sphere", "political"),
        lambda m: m.graph.nodes[roles[0]].__setitem__("name", "Renamed role") if roles
        else m.graph.nodes[middle].__setitem__("name", "Renamed"),
        lambda m: m.graph.nodes[old_boss].__setitem__("vacant", True),
        lambda m: m.graph.add_edge(mover, middle, kind="REPORTS_TO", source="X-1",
                                   line="matrix"),
        # every post renamed (no step reads a post's name: none written again),
        # and a node roles are played in renamed (its name is in the steps' rules)
        lambda m: [m.graph.nodes[p].__setitem__("name", f"Renamed {p}") for p in m.graph
                   if m.graph.nodes[p]["kind"] == "Post"],
        lambda m: [m.graph.nodes[x].__setitem__("name", f"Scope {x}") for x in scopes],
    ]
    scopes = {x for _, _, d in org.graph.edges(data=True) if d["kind"] == "PLAYS"
              for x in d.get("scope") or ()}
    pushed, seen = 0, {tuple(_derived_steps(org))}
    for i, edit in enumerate(edits):
        _, model, base = _pulled(store, tmp_path, org.name, f"step{i}")
        edit(model)
        if orgmodel.validate_graph(model):
            continue       # an edit the model refuses is not pushed
        push(store, model, base=base)
        assert _stored_steps(store, org.name) == _derived_steps(model), i
        # ... and the routes the database walks are the library's
        for via in escalation_policy(model).routes:
            _routes_equal(store, model, "escalation_route", via)
        pushed += 1
        seen.add(tuple(_derived_steps(model)))
    assert pushed >= 3 and len(seen) >= 2     # the edits did move route steps


def test_a_push_from_a_pulled_folder_is_refused_as_the_whole_would_be(store, template_copy,
                                                                      tmp_path):
    """A push on the version it was pulled at validates the part near its
    change (the rest is that version, validated when read), and refuses what
    validating the whole refuses, naming the problem, nothing written: a
    circle closed far above the change, a node removed that rows nobody
    touched name (two roles played in its scope)."""
    push(store, orgmodel.load(template_copy))
    breaking = [("circle", lambda m: m.graph.add_edge("gd", "tm", kind="REPORTS_TO"),
                 "circle"),
                ("named", lambda m: m.graph.remove_node("youth"), "youth")]
    for what, edit, problem in breaking:
        _, model, base = _pulled(store, tmp_path, "Sample", what)
        edit(model)
        whole = [str(p) for p in orgmodel.validate_graph(model)]
        assert any(problem in p for p in whole), whole
        with pytest.raises(orgmodel.ValidationError, match=problem) as refused:
            push(store, model, base=base)
        assert [str(p) for p in refused.value.problems] == whole
    assert list(log(store, "Sample")["version"]) == [1]
    _, model, base = _pulled(store, tmp_path, "Sample", "fine")
    model.graph.nodes["youth"]["name"] = "Jeugd"
    assert push(store, model, base=base)["version"] == 2


def test_a_post_that_becomes_a_role_keeps_its_edges_changed_or_not(store, template_copy,
                                                                      tmp_path):
    push(store, orgmodel.load(template_copy))
    _, model, base = _pulled(store, tmp_path, "Sample", "relabel")
    model.graph.nodes["alderman"]["kind"] = "Role"
    u, v, k = next(iter(model.graph.edges("alderman", keys=True)))
    model.graph.edges[u, v, k]["note"] = "changed with the node's kind"
    push(store, model, base=base)
    assert pull_model(store, "Sample") == model
    assert _stored_steps(store, "Sample") == _derived_steps(model)


def _db_hits(plan) -> int:
    return plan.get("dbHits", 0) + sum(_db_hits(c) for c in plan.get("children", []))


def test_a_first_push_leaves_the_planner_statistics_of_what_it_wrote(tmp_path_factory):
    """Right after a first push into a fresh Neo4j the indexes' statistics
    still said "empty": who-decides' look-up of the holders planned as a
    walk over every post of the organisation per id (17 s at 100,000 roles,
    for a minute or so, 0.6 s once Neo4j had sampled its indexes again).  A
    push has them sampled again: the look-up reads some tens of records per id."""
    from orgmodel.store import cypher
    org = orgmodel.synthesize(3000, seed=1)
    ids = sorted({v for u, v, d in org.graph.edges(data=True) if d["kind"] == "MANDATES"})
    proc, params = start_server(tmp_path_factory.mktemp("neo4j-statistics"), "neo4j")
    try:
        with connect(**params) as s:
            push(s, org)
            with s.driver.session() as session:
                plan = session.run("PROFILE " + cypher("holders_of", label="Post"),
                                   org=org.name, ids=ids).consume().profile
    finally:
        stop_server(proc)
    # (measured: about 30 records per id; 6,000 before, every post of the organisation)
    assert len(ids) > 20 and _db_hits(plan) < 100 * len(ids), (_db_hits(plan), len(ids))


def _add_post(org, node, boss):
    org.graph.add_node(node, kind="Post", name=f"Post {node}", sphere="official")
    org.graph.add_edge(node, boss, kind="REPORTS_TO")
    return org


@pytest.mark.parametrize("query,edit,wrong", [
    ("create_nodes", lambda org: _add_post(org, "new", "tm"), "node new: 0 where 1"),
    ("create_edges", lambda org: _add_post(org, "new", "tm"), "edge "),
    ("delete_nodes_by_uid", lambda org: org.graph.remove_node("extra"), "node extra: 1 where 0"),
    ("delete_edges_by_uid", lambda org: org.graph.remove_edge("extra", "tm"), "edge "),
])
def test_an_incremental_push_that_writes_other_than_it_should_is_rolled_back(
        store, template_copy, tmp_path, monkeypatch, query, edit, wrong):
    """An incremental push reads back what it added and removed before it
    commits (not the whole organisation, as a first push counts it): a write
    that silently does nothing is caught, and nothing of the push lands."""
    import orgmodel.store as st
    push(store, _add_post(orgmodel.load(template_copy), "extra", "tm"))
    _, org, base = _pulled(store, tmp_path, "Sample", "lossy")
    before = pull_model(store, "Sample")
    edit(org)
    real = st._text
    key = "uids" if query == "delete_nodes_by_uid" else "rows"
    monkeypatch.setattr(st, "_text", lambda name: f"UNWIND ${key} AS x RETURN count(x) AS n"
                        if name == query else real(name))
    with pytest.raises(DatabaseError, match="rolled back") as refused:
        push(store, org, base=base)
    assert wrong in str(refused.value) and "\n" not in str(refused.value)
    monkeypatch.setattr(st, "_text", real)
    assert pull_model(store, "Sample") == before
    assert list(log(store, "Sample")["version"]) == [1]
    assert push(store, org, base=base)["version"] == 2      # and it lands when written
    assert pull_model(store, "Sample") == org


def test_edges_stored_with_their_keys_by_an_earlier_orgmodel_are_still_found(
        store, template_copy, tmp_path):
    """An earlier orgmodel kept ``org`` and the edge's key (``uid``) on every
    edge and no ``nth``: a push changes and removes such edges, two parallel
    mandates among them, as it does its own, and they lose both when changed."""
    from orgmodel.store import _nth, uid
    from orgmodel.versions import snapshot
    org = orgmodel.load(template_copy)
    push(store, org)
    for key, (kind, u, v, _) in snapshot(org).edges.items():
        done = store.run(
            f"MATCH (a {{uid: $src}})-[r:{kind}]->(b {{uid: $dst}}) "
            "WHERE coalesce(r.nth, 0) = $nth SET r.org = 'Sample', r.uid = $uid REMOVE r.nth "
            "RETURN count(r) AS n", src=uid("Sample", u), dst=uid("Sample", v), nth=_nth(key),
            uid=uid("Sample", key))
        assert done == [{"n": 1}], key
    assert pull_model(store, "Sample") == org
    _, model, base = _pulled(store, tmp_path, "Sample", "old-edges")
    g = model.graph
    parallel = [k for k, d in g["cd"]["dd"].items() if d["kind"] == "MANDATES"]
    assert len(parallel) == 2
    g["cd"]["dd"][parallel[1]]["note"] = "changed: the second of two mandates"
    g.remove_edge("gd", "budget-holder")
    push(store, model, base=base)
    assert pull_model(store, "Sample") == model
    left = store.run("MATCH (:Post {uid: $src})-[r:MANDATES]->(:Post {uid: $dst}) "
                     "RETURN r.uid AS uid, r.nth AS nth, r.note AS note ORDER BY r.seq",
                     src=uid("Sample", "cd"), dst=uid("Sample", "dd"))
    assert [x["note"] for x in left][1] == "changed: the second of two mandates"
    assert left[1]["uid"] is None and left[1]["nth"] == 1       # written anew
    assert left[0]["uid"] is not None                           # untouched
