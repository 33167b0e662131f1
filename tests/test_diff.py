"""Issue 15: compare as-is and to-be, try changes, and what they do to who decides."""
import csv
import json

import pandas as pd
import pytest

import orgmodel
from conftest import DATA, ROOT, build, copy_template, edit, run
from orgmodel.cli import BROKEN_EXIT
from orgmodel.diff import diff
from orgmodel.formats.posts import read_posts
from orgmodel.whatif import apply

UK = ROOT / "tests" / "fixtures" / "uk-organograms"
LINE = {"escalation": {"forbidden_spheres": ["political"], "ends_at": ["top"],
                       "routes": {"line": [{"edge": "REPORTS_TO"}]}}}


def small(make, **extra):
    """top ← a ← x; top ← b ← y; an alderman beside; a commission of a and the
    alderman; a mandate top → a → x."""
    return make(
        ["top", "a", "b", "x", "y", ("alderman", {"sphere": "political"})],
        [("a", "top", "REPORTS_TO"), ("b", "top", "REPORTS_TO"), ("x", "a", "REPORTS_TO"),
         ("y", "b", "REPORTS_TO"), ("x", "team1", "MEMBER_OF"), ("y", "team2", "MEMBER_OF"),
         ("alderman", "c1", "COMMISSIONS", {"capacity": "political"}),
         ("a", "c1", "COMMISSIONS", {"capacity": "official"}), ("c1", "x", "ASSIGNED_TO"),
         ("top", "a", "MANDATES", {"powers": ["grant"], "submandate": True}),
         ("a", "x", "MANDATES", {"powers": ["grant"]})],
        nodes=[("team1", "Team", {"team_kind": "team"}), ("team2", "Team", {"team_kind": "team"}),
               ("c1", "Commission", {"commission_kind": "project"})],
        manifest={**LINE, "rules": ["R1", "R2"], "powers": {
            "grant": {"name": "Grant", "objections": "objection"},
            "objection": {"name": "Objections"}}, **extra})


def test_every_node_and_edge_class(make):
    before = small(make)
    after = apply(before, [{"move": "x", "to": "b"}, {"move": "y", "unit": "team1"},
                           {"add": {"id": "z", "kind": "Post", "name": "Z", "reports_to": "b"}}])
    after.graph.nodes["b"]["grade"] = "B2"
    after.graph.remove_node("team2")
    d = diff(before, after)
    status = d.nodes.set_index("id")["status"]
    assert status["x"] == "moved" and status["y"] == "moved" and status["z"] == "added"
    assert status["team2"] == "closed" and status["b"] == "changed" and status["a"] == "unchanged"
    assert "grade" in d.nodes.set_index("id").loc["b", "detail"]
    # (the detail names the superiors; the superior_before/after columns keep their ids)
    assert "superior A → B" in d.nodes.set_index("id").loc["x", "detail"]
    assert d.nodes.set_index("id").loc["x", ["superior_before", "superior_after"]].tolist() == ["a", "b"]
    edges = {(r["from"], r["kind"], r["to"]): r["status"] for r in d.edges.to_dict("records")}
    assert edges[("x", "REPORTS_TO", "a")] == "removed"
    assert edges[("x", "REPORTS_TO", "b")] == "added"
    assert edges[("a", "REPORTS_TO", "top")] == "unchanged"
    figures = d.figures.set_index("figure")
    assert (figures.loc["posts", "before"], figures.loc["posts", "after"]) == (5, 6)
    # the change list has stable keys
    keys = set(d.changes()["key"])
    assert {"x", "z", "x|REPORTS_TO|b", "x|line"} <= keys


def test_a_closed_post_orphans_its_mandate_and_loses_a_commissioner(make):
    before = small(make)
    d = diff(before, apply(before, [{"close": "a", "reports": "superior"}]))
    probs = set(zip(d.mandates["key"], d.mandates["problem"]))
    assert ("top|MANDATES|a", "mandatee closed") in probs
    assert ("a|MANDATES|x", "mandator closed") in probs
    assert d.commissions.to_dict("records") == [
        {"id": "c1", "name": "c1", "capacity": "official", "before": "A", "after": ""}]
    assert ("added", "R2") in set(zip(d.findings["status"], d.findings["rule"]))
    # x now reports to top: its route changes but still ends well
    r = d.routes.set_index("role").loc["x"]
    assert (r["next_before"], r["next_after"], bool(r["newly_bad"])) == ("a", "top", False)
    # the counts after their labels, in both languages ("1 mandates" read wrong)
    assert "- Commissions that lose a political or official commissioner: **1**." in d.markdown()
    assert "- Opdrachten die een bestuurlijk of ambtelijk opdrachtgever verliezen: **1**." in \
        d.markdown("nl")


def test_a_merge_moves_the_merged_posts_mandate_and_a_close_orphans_it():
    # Deventer: the team managers of Begeleiden en beheren merged into those
    # of Besturen en ontwikkelen: dd-bb's mandate to tm-bb goes to tm-bo, so
    # nothing is orphaned (it read "mandatee closed", one of the change's
    # "mandates orphaned or broken"); closed instead, it is orphaned.
    before = orgmodel.load(DATA / "deventer")
    merged = diff(before, apply(before, [{"merge": ["tm-bo", "tm-bb"]}]))
    assert "dd-bb|MANDATES|tm-bb" not in set(merged.mandates["key"])
    assert merged.broken()["mandates"] == 0
    assert ("dd-bb", "tm-bo") in {(u, v) for u, v, _ in
                                  apply(before, [{"merge": ["tm-bo", "tm-bb"]}]).edges("MANDATES")}
    closed = diff(before, apply(before, [{"close": "tm-bb"}]))
    assert ("dd-bb|MANDATES|tm-bb", "mandatee closed") in set(
        zip(closed.mandates["key"], closed.mandates["problem"]))
    # a merge of the mandator: its mandate now comes from the post it is merged into
    up = diff(before, apply(before, [{"merge": ["dd-bo", "dd-bb"]}]))
    assert not {"dd-bb|MANDATES|tm-bb", "cd-vanhouwelingen|MANDATES|dd-bb"} & set(
        up.mandates["key"])


def test_a_move_that_sends_a_route_to_a_political_role(make, tmp_path):
    before = small(make)
    after = apply(before, [{"move": "y", "to": "alderman"}])
    d = diff(before, after)
    r = d.routes.set_index("role").loc["y"]
    assert r["outcome_after"] == "forbidden" and bool(r["newly_bad"])
    assert d.broken()["routes"] == 1
    assert ("added", "R1") in set(zip(d.findings["status"], d.findings["rule"]))
    orgmodel.save(before, tmp_path / "a")
    orgmodel.save(after, tmp_path / "b")
    res = run("diff", tmp_path / "a", tmp_path / "b", "--fail-on", "routes")
    assert res.exit_code == BROKEN_EXIT and "newly end badly" in res.output
    assert run("diff", tmp_path / "a", tmp_path / "b", "--fail-on", "commissions").exit_code == 0


def test_a_merge_that_decides_on_a_power_and_its_objections(make):
    before = small(make)
    before.graph.add_edge("top", "b", kind="MANDATES", powers=["objection"])
    d = diff(before, apply(before, [{"merge": ["a", "b"]}]))
    added = d.findings[d.findings["status"] == "added"]
    assert "Awb 10:3(3)" in set(added["rule"])
    assert any("A holds mandates both for Grant and for the objections" in m for m in added["message"])
    assert d.broken()["findings"] >= 1


def test_whatif_cli_writes_the_to_be_folder_and_its_diff(tmp_path):
    script = tmp_path / "changes.yaml"
    script.write_text("- close: dd-bb\n  reports: superior\n- move: tm-orb\n  to: cd-arentsen\n"
                      "- merge: [dd-io, dd-ed]\n"
                      "- add: {id: dd-new, kind: Post, name: Adjunct-directeur Nieuw, "
                      "reports_to: gd}\n")
    out = tmp_path / "to-be"
    res = run("whatif", "--org", DATA / "deventer", "--changes", script, "--out", out)
    assert res.exit_code == 0, res.output
    to_be = orgmodel.load(out)
    assert "dd-bb" not in to_be.graph and "dd-new" in to_be.graph
    assert to_be.graph.nodes["dd-new"]["evidence"] == "assumed"
    changes = json.loads((out / "changes.json").read_text())
    assert {"section": "node", "key": "dd-bb", "kind": "Post", "status": "closed",
            "detail": ""} in changes
    assert "## What the change does to who decides" in (out / "DIFF.md").read_text()
    # D-FS-V's Begeleiden & beheren team managers lose their delegated commissioner
    assert any(c["section"] == "mandate" and c["key"] == "dd-bb|MANDATES|tm-bb"
               for c in changes)


@pytest.mark.parametrize("script,message", [
    ("- close: nobody\n", "change 1 (close: nobody): 'nobody' is not a post"),
    ("- move: tm-orb\n  to: cd-arentsen\n- move: tm-orb\n  to: cd-arentzen\n",
     "change 2 (move: tm-orb, to: cd-arentzen): 'cd-arentzen' is not a superior of Deventer "
     "(did you mean 'cd-arentsen'?)"),
    ("- shut: dd-bb\n", "change 1 (shut: dd-bb): give exactly one of close, move"),
    ("- close: dd-bb\n  report: none\n",
     "change 1 (close: dd-bb, report: none): unknown key 'report' for close (did you mean "
     "'reports'?)"),
    ("- add: {id: x, name: X}\n", "change 1 (add: {id: x, name: X}): add needs a kind "
     "(kind: Post)"),
    ("- add: {id: x, kind: Post}\n", "add needs a name"),
    ("- add: {id: x, nmae: X}\n", "change 1 (add: {id: x, nmae: X}): add: unknown key "
     "'nmae' (did you mean 'name'?)"),
    ("- close:\n", "change 1 (close:): close names nothing: write 'close: ID'"),
    ("- close: yes\n", "change 1 (close: true): a post is named by its id, and YAML read this "
     "one as true: write an id of such a word in quotes ('yes')"),
    ("- move_mandate: {from: gd, too: cd}\n", "move_mandate: unknown key 'too' (did you mean "
     "'to'?)"),
    # the validation problem of the result names the change that caused it,
    # not a row of an internal table
    ("- move: tm-orb\n  to: dd-bb\n- move: gd\n  to: tm-orb\n",
     "change 2 (move: gd, to: tm-orb): the model it makes breaks the model's rules: REPORTS_TO "
     "goes round in a circle"),
    ("- close: dd-bb\n  reports: keep\n", "'dd-bb' has 1 report: with 'reports: keep' it "
     "would report to a closed post"),
    ("- close: gd\n  reports: keep\n", "'gd' has 5 reports: with 'reports: keep' they would "
     "report to a closed post"),
    ("close: dd-bb\n", "must be a YAML list of changes"),
    # an empty or a mapping value where an id belongs, a link without a kind
    # and an unknown key of unlink were each said as 'None' or Python's dict
    ("- unlink: {a: 1}\n", "change 1 (unlink: {a: 1}): unlink: unknown key 'a' (known: kind, "
     "from, to, powers)"),
    # (powers withdraw part of a mandate: of another edge, or not given, refused)
    ("- unlink: {kind: REPORTS_TO, from: tm-bb, to: dd-bb, powers: budget}\n",
     "unlink: powers are a mandate's (kind: MANDATES), not a REPORTS_TO edge's"),
    ("- unlink: {kind: MANDATES, from: cd-kossen, to: dd-io, powers: 5}\n",
     "no mandate from 'cd-kossen' to 'dd-io' gives 5 (its powers: "),
    ("- unlink: {kind: MANDATES, from: cd-kossen, to: dd-io, powers: regie}\n",
     "no mandate from 'cd-kossen' to 'dd-io' gives regie (its powers: budget, content, "
     "general-management, leading, pijofach)"),
    ("- link: {from: gd, to: cd-kossen}\n", "a link needs a kind (kind: REPORTS_TO"),
    ("- move_commission: {commission: ag-jeugd, from: , to: gd}\n",
     "change 1 (move_commission: {commission: ag-jeugd, from:, to: gd}): a node is missing "
     "here: give its id"),
    ("- move_mandate: {from: gd, to: {a: 1}}\n", "'{a: 1}' is no id: a node is named by its id"),
    ("- close: dd-bb\n  reports:\n", "reports: '' must be superior, keep or none"),
    # a change script written with Dutch words, or a verb mistyped: what it
    # may be meant for (the words were refused without it)
    ("- sluit: dd-bb\n", "(got: sluit) ('sluit' is 'close' in a change script)"),
    ("- clsoe: dd-bb\n", "(got: clsoe) (did you mean 'close'?)"),
    ("- close: dd-bb\n  reports: bovenliggende\n", "reports: 'bovenliggende' must be superior, "
     "keep or none ('bovenliggende' is 'superior' in a change script)"),
    ("- move: tm-orb\n  naar: gd\n", "unknown key 'naar' for move ('naar' is 'to' in a change "
     "script); move takes to, unit"),
    ("- move: tm-orb\n  to: [oops\n", "is not valid YAML"),
    # a post a change before took away: that change, not a typo (it was
    # "'dd-bb' is not a post of Deventer (did you mean 'dd-bo'?)")
    ("- close: dd-bb\n- close: dd-bb\n", "change 2 (close: dd-bb): 'dd-bb' was closed by "
     "change 1\n"),
    ("- merge: [dd-io, dd-ed]\n- move: dd-ed\n  to: gd\n", "change 2 (move: dd-ed, to: gd): "
     "'dd-ed' was merged into 'dd-io' by change 1\n"),
])
def test_whatif_errors_name_the_change(tmp_path, script, message):
    f = tmp_path / "c.yaml"
    f.write_text(script)
    out = tmp_path / "out"
    res = run("whatif", "--org", DATA / "deventer", "--changes", f, "--out", out)
    assert res.exit_code == 1 and message in res.output, res.output
    assert "Traceback" not in res.output and not out.exists()


def _raw(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("dep", ["department_of_health", "cabinet_office"])
def test_uk_snapshots_diff_cleanly(dep, tmp_path):
    files = {d: (UK / f"{dep}-{d}-senior.csv", UK / f"{dep}-{d}-junior.csv")
             for d in ("2011-03-31", "2011-09-30")}
    march, _ = read_posts(*files["2011-03-31"], preset="uk-organogram")
    sept, _ = read_posts(*files["2011-09-30"], preset="uk-organogram")
    d = diff(march, sept)
    # from the raw files: posts present in one snapshot only, Eliminated rows, superiors
    rm, rs = _raw(files["2011-03-31"][0]), _raw(files["2011-09-30"][0])
    gone = {r["Post Unique Reference"] for r in rs if r["Name"].strip("'").casefold() ==
            "eliminated"}
    ids_m = {r["Post Unique Reference"] for r in rm} - {
        r["Post Unique Reference"] for r in rm if r["Name"].strip("'").casefold() == "eliminated"}
    ids_s = {r["Post Unique Reference"] for r in rs} - gone
    sup_m = {r["Post Unique Reference"]: r["Reports to Senior Post"] for r in rm}
    sup_s = {r["Post Unique Reference"]: r["Reports to Senior Post"] for r in rs}
    # a unit written in other capitals is the same unit ("HUMAN RESOURCES")
    unit_m = {r["Post Unique Reference"]: r["Unit"].casefold() for r in rm}
    unit_s = {r["Post Unique Reference"]: r["Unit"].casefold() for r in rs}
    roles = d.nodes[d.nodes["kind"] == "Post"].set_index("id")
    roles = roles[~roles.index.str.startswith("ext:")]
    assert set(roles.index[roles["status"] == "closed"]) == ids_m - ids_s
    assert set(roles.index[roles["status"] == "added"]) == ids_s - ids_m
    top = lambda s: "" if s == "XX" else s  # noqa: E731
    moved = {i for i in ids_m & ids_s if top(sup_m[i]) != top(sup_s[i]) or unit_m[i] != unit_s[i]}
    assert set(roles.index[roles["status"] == "moved"]) == moved
    for i in gone & ids_m:              # marked Eliminated in September: closed
        assert roles.loc[i, "status"] == "closed"
    fig = d.figures.set_index("figure")
    assert fig.loc["posts", "before"] == orgmodel.totals(march)["posts"]
    assert fig.loc["posts", "after"] == orgmodel.totals(sept)["posts"]
    # and the command line, with the change list
    orgmodel.save(march, tmp_path / "m")
    orgmodel.save(sept, tmp_path / "s")
    res = run("diff", tmp_path / "m", tmp_path / "s", "--out", tmp_path / "d", "--format", "csv")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "d" / "DIFF.md").is_file() and (tmp_path / "d" / "changes.csv").is_file()


def test_change_events_in_w3c_org(tmp_path):
    import rdflib
    march = tmp_path / "m"
    sept = tmp_path / "s"
    for day, out in (("2011-03-31", march), ("2011-09-30", sept)):
        res = run("import", "posts", UK / f"cabinet_office-{day}-senior.csv", "--preset",
                  "uk-organogram", "--out", out)
        assert res.exit_code == 0, res.output
    events = tmp_path / "events.ttl"
    res = run("diff", march, sept, "--events", events, "--format", "json")
    assert res.exit_code == 0, res.output
    g = rdflib.Graph().parse(events)
    ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
    evs = set(g.subjects(rdflib.RDF.type, ORG.ChangeEvent))
    d = diff(orgmodel.load(march), orgmodel.load(sept))
    units = d.nodes[(d.nodes["kind"] == "Team") & (d.nodes["status"] != "unchanged")]
    assert len(evs) == len(units) + 1          # one per unit changed, one for the whole
    added = units[units["status"] == "added"]["id"].tolist()
    assert added, "the September file has units March does not"
    ev = next(e for e in evs if str(e).endswith(rdflib.term.URIRef(added[0]).replace(":", "%3A")))
    assert g.value(ev, ORG.originalOrganization) is None
    assert g.value(ev, ORG.resultingOrganization) is not None
    assert str(g.value(ev, rdflib.namespace.DCTERMS.date)) == "2011-09-30"


def test_deventer_before_and_after_operatie_dubbelslag_tells_the_story():
    # D-FS-I: the units are abolished, a concerndirectie and an adjunct-directie
    # introduced; the old line is assumed, and the diff says how the facts are known.
    before, after = orgmodel.load(DATA / "deventer-2010"), orgmodel.load(DATA / "deventer")
    assert before.graph.nodes["eenheden"]["evidence"] == "stated"
    assert before.graph.nodes["em"]["evidence"] == "assumed"
    d = diff(before, after)
    status = d.nodes.set_index("id")["status"]
    assert status["eenheden"] == "closed" and status["em"] == "closed"
    assert {status["concerndirectie"], status["adjunct-directie"]} == {"added"}
    assert {status[x] for x in ("dd-bo", "dd-bb", "dd-ed", "dd-io")} == {"added"}
    routes = d.routes.set_index("role")
    # D-FS-V and its legend: the ORB teams straight to Arentsen, BDO to the general director
    assert routes.loc["tm-orb", "next_after"] == "cd-arentsen"
    assert routes.loc["tm-bdo", "next_after"] == "gd"
    assert routes.loc["tm-io", "next_before"] == "em" and routes.loc["tm-io", "next_after"] == "dd-io"
    # posts and roles apart: 8 posts of a known number after (the algemeen
    # directeur, 3 concerndirecteuren, 4 adjunct-directeuren), not "22 posts"
    fig = d.figures.set_index("figure")
    assert (fig.loc["posts", "before"], fig.loc["posts", "after"]) == (1, 8)
    assert (fig.loc["posts_count_unknown", "before"], fig.loc["posts_count_unknown", "after"]) == (7, 9)
    assert (fig.loc["roles", "before"], fig.loc["roles", "after"]) == (0, 9)
    md = d.markdown()
    assert "Roles: added 9." in md
    assert "How the as-is facts are known" in md and "assumed 16" in md
    assert "The as-is model adopts no rules" in md


def test_the_diff_page_marks_the_changes(tmp_path, make):
    before = small(make)
    after = apply(before, [{"close": "a", "reports": "superior"}, {"move": "y", "to": "alderman"},
                           {"add": {"id": "z", "kind": "Post", "name": "Z", "reports_to": "b"}}])
    from orgmodel.formats.html import DIFF_COLORS, diff_network, write_diff_html
    d = diff(before, after)
    union, net = diff_network(d)
    nodes = {n["id"]: n for n in net.nodes}
    assert set(nodes) == set(before.graph) | set(after.graph)      # closed posts stay drawn
    assert nodes["a"]["color"]["border"] == DIFF_COLORS["closed"]
    assert nodes["z"]["color"]["border"] == DIFF_COLORS["added"]
    assert nodes["y"]["color"]["border"] == DIFF_COLORS["bad route"]   # newly forbidden
    removed = [e for e in net.edges if e["title"].startswith("REMOVED")]
    assert ("x", "a") in {(e["from"], e["to"]) for e in removed}
    page = write_diff_html(d, tmp_path / "d.html").read_text()
    for label in ("added (border)", "closed (border)", "route newly ends badly", "removed edge"):
        assert label in page


def test_moving_a_mandate_and_a_commission(tmp_path):
    script = tmp_path / "c.yaml"
    script.write_text("- move_mandate: {from: cd-kossen, to: dd-io, mandator: gd}\n"
                      "- move_commission: {commission: ag-jeugd, from: cd-kossen, "
                      "to: cd-arentsen}\n")
    out = tmp_path / "out"
    res = run("whatif", "--org", DATA / "deventer", "--changes", script, "--out", out)
    assert res.exit_code == 0, res.output
    org = orgmodel.load(out)
    kinds = {(u, v): d["kind"] for u, v, d in org.edges("MANDATES")}
    assert ("gd", "dd-io") in kinds and ("cd-kossen", "dd-io") not in kinds
    commissioners = {u for u, v, _ in org.edges("COMMISSIONS") if v == "ag-jeugd"}
    assert "cd-arentsen" in commissioners and "cd-kossen" not in commissioners
    changes = json.loads((out / "changes.json").read_text())
    assert any(c["key"] == "gd|MANDATES|dd-io" and c["status"] == "added" for c in changes)
    # a what-if shares the organisation's name and date: its title says the script
    # (it read "What changes from Deventer (21 June 2011) to Deventer (21 June 2011)")
    title = (out / "DIFF.md").read_text().splitlines()[0]
    assert title == "# What the change script c.yaml changes in Deventer (21 June 2011)", title
    assert "what the change script c.yaml changes in Deventer" in (out / "diff.html").read_text()


def test_moving_and_withdrawing_some_of_a_mandates_powers(tmp_path):
    """A mandate moved or withdrawn whole, whatever powers were meant: the
    director's hr could not be given to another post without its leading
    and budget. With ``powers``, those move (their ceiling with them) or go,
    and the mandate keeps the others, graded assumed."""
    from orgmodel.whatif import apply
    org = orgmodel.load(DATA / "template")
    new = apply(org, [{"move_mandate": {"from": "gd", "to": "cd", "mandatee": "dd",
                                        "powers": "hr"}},
                      {"move_mandate": {"from": "cd", "to": "dd", "mandatee": "tm",
                                        "powers": ["budget"]}},
                      {"unlink": {"kind": "MANDATES", "from": "gd", "to": "cd",
                                  "powers": "budget"}}])
    given = sorted((u, v, d["powers"], d.get("ceiling"), d["evidence"])
                   for u, v, d in new.edges("MANDATES") if u in ("gd", "cd"))
    assert given == [("cd", "dd", ["leading"], None, "stated"),
                     ("cd", "tm", ["budget"], 50000.0, "assumed"),
                     ("gd", "budget-holder", ["budget"], 100000.0, "stated"),
                     ("gd", "cd", ["leading"], None, "assumed"),
                     ("gd", "dd", ["hr"], None, "assumed")]
    # (the diff said one of two mandates between two posts gone as "changed",
    # and nothing more: it says which went)
    from orgmodel.diff import diff
    rows = diff(org, new).changes().set_index("key")
    assert rows.loc["cd|MANDATES|dd", "detail"] == \
        "gone: ceiling 50,000, mandate kind 'mandaat', powers 'budget'"
    assert rows.loc["gd|MANDATES|cd", "detail"] == \
        "changed: powers 'budget, hr, leading' → 'leading'"


def test_a_closed_posts_staff_go_to_its_superior_and_stay_counted(tmp_path):
    """Closing a post left its staff groups under no post: the totals (and
    the diff's figures) lost its 9 staff while the unit's table still
    counted them. They go with its reports to its superior (graded
    assumed, noted); with ``reports: none`` they stay in their unit under
    no post, and the totals count them there as the unit does."""
    from orgmodel.formation import formation, totals
    from orgmodel.whatif import apply
    org = orgmodel.load(DATA / "template")
    new = apply(org, [{"close": "tm"}])
    staff = sorted((u, v, d["evidence"], d["note"]) for u, v, d in new.edges("STAFF_OF"))
    assert staff == [("staff-fin-b", "dd", "assumed", "what-if: tm closed"),
                     ("staff-fin-c", "dd", "assumed", "what-if: tm closed")]
    assert (totals(new)["staff"], totals(new)["staff_fte"]) == (9, 7.6)
    alone = apply(org, [{"close": "tm", "reports": "none"}])
    assert not alone.edges("STAFF_OF")
    units = formation(alone, "unit").set_index("id")
    assert (totals(alone)["staff"], totals(alone)["staff_fte"]) == \
        (units.loc["cluster", "staff"], units.loc["cluster", "staff_fte"]) == (9, 7.6)


def test_a_diffs_units_say_no_fte_where_the_data_gives_none():
    """The per-unit table of a diff said "total fte max 0 → 0" of every unit
    of Deventer, whose sources give no FTE; and 0 of a unit whose formation
    leaves its FTE empty (a post of it gives none). No column where neither
    model gives an FTE; an FTE not given stays empty; a unit on one side
    only has 0 on the other."""
    from orgmodel.diff import diff
    units = diff(orgmodel.load(DATA / "deventer-2010"), orgmodel.load(DATA / "deventer")).units
    assert not [c for c in units.columns if "total_fte" in c] and len(units) > 5
    org = orgmodel.load(DATA / "template")
    new = apply(org, [{"add": {"id": "x", "kind": "Post", "name": "New", "reports_to": "tm",
                               "unit": "team"}}])
    row = diff(org, new).units.set_index("name").loc["Finance team"]
    assert (row["posts_before"], row["posts_after"]) == (1, 2)
    assert row["total_fte_max_before"] == 8.6 and pd.isna(row["total_fte_max_after"])
    # (a model that gives no FTE at all: its FTE figures not recorded, not
    # 0, and no change worked out: "fte 6.4 → 0, -6.4")
    bare = orgmodel.OrgModel(org.graph.copy(), dict(org.manifest))
    for d in [*bare.graph.nodes.values(), *(d for _, _, d in bare.graph.edges(data=True))]:
        for key in ("fte_min", "fte_max"):
            d.pop(key, None)
    figures = diff(org, bare).figures.set_index("figure")
    assert figures.loc["fte_max", "before"] == 6.4
    assert figures.loc["fte_max", ["after", "change"]].isna().all()
    assert figures.loc["posts_without_fte", "after"] == 7


def _svg(path):
    import xml.etree.ElementTree as ET
    return ET.parse(path).getroot()


@pytest.mark.graphviz
def test_static_chart_of_the_line_and_of_a_diff(tmp_path, make):
    out = tmp_path / "t.svg"
    res = run("chart", "--org", DATA / "template", "-o", out, "--route", "tm")
    assert res.exit_code == 0, res.output
    text = out.read_text()
    root = _svg(out)              # a well-formed SVG
    assert root.tag.endswith("svg")
    # (a name wrapped over lines of at most 24 characters, as the box shows it)
    assert ">Team manager Customer<" in text and ">contact (vacant)<" in text
    assert "Safety region" in text                  # the external superior and its organisation
    assert 'stroke="#d62728"' in text               # tm's route highlighted
    from orgmodel.formats.chart import chart_dot
    dot = chart_dot(orgmodel.load(DATA / "template"))
    assert '"gd" -> "tm2" [style=dashed]' in dot    # a temporary line: dashed, still the tree
    # a diff: added green, closed grey and dashed, a newly forbidden route red
    before = small(make)
    after = apply(before, [{"close": "a", "reports": "superior"}, {"move": "y", "to": "alderman"},
                           {"add": {"id": "z", "kind": "Post", "name": "Z", "reports_to": "b"}}])
    dot = chart_dot(after, diff=diff(before, after))
    assert '"z" [label="Z", color="#2ca02c"' in dot
    assert '"a" [label="A", color="#7f7f7f"' in dot and "dashed" in dot
    assert '"y" [label="Y", color="#d62728"' in dot
    res = run("diff", DATA / "deventer-2010", DATA / "deventer", "--chart", tmp_path / "d.pdf",
              "--format", "json")
    assert res.exit_code == 0 and (tmp_path / "d.pdf").read_bytes()[:4] == b"%PDF"


def test_hostile_names_stay_text_in_the_chart(tmp_path, template_copy):
    nodes = template_copy / "nodes.csv"
    nodes.write_text(nodes.read_text().replace(
        "General director", '"<script>alert(1)</script> \\N ""q"" ]; evil [label=x"'))
    out = tmp_path / "c.svg"
    assert run("chart", "--org", template_copy, "-o", out).exit_code == 0
    root = _svg(out)
    assert not any(el.tag.endswith("script") for el in root.iter())
    # the name is text, whole over its box's lines
    shown = "".join(el.text or "" for el in root.iter() if el.tag.endswith("text"))
    assert '<script>alert(1)</script>\\N"q"];evil[label=x' in shown.replace(" ", "")


def test_chart_units_nest_and_a_focus_keeps_the_neighbourhood(tmp_path):
    from orgmodel.formats.chart import chart_dot
    dev = orgmodel.load(DATA / "deventer")
    dot = chart_dot(dev)
    # D-FS-V: the team managers' teams inside their cluster's box
    cluster = dot.index('label="Begeleiden en beheren"')
    inner = dot.index('label="Teams van Begeleiden en beheren"')
    assert cluster < inner < dot.index("}", inner)
    focus = chart_dot(dev, focus="cd-kossen", depth=1)
    drawn = {line.split(" [")[0].strip().strip('"') for line in focus.splitlines()
             if line.strip().startswith('"') and "->" not in line and "[label" in line}
    assert drawn == {"cd-kossen", "gd", "dd-io"}


def test_a_large_line_is_refused_whole_and_drawn_around_a_focus(monkeypatch):
    from orgmodel.errors import OrgModelError
    from orgmodel.formats import chart
    from orgmodel.formats.chart import chart_dot
    monkeypatch.setattr(chart, "MAX_POSTS", 3000)      # (25,000 posts: a slow synthesis)
    org = orgmodel.synthesize(3500, seed=1)
    with pytest.raises(OrgModelError, match=r"more than 3,000 posts.*--focus ROLE --depth N"):
        chart_dot(org)
    # the part a user then asks for is drawn: the director, its superior and reports
    director = next(r for r, d in org.graph.nodes(data=True)
                    if d.get("kind") == "Post" and d.get("level") == "team-connecting")
    part = chart_dot(org, focus=director, depth=1)
    drawn = {line.split(" [")[0].strip().strip('"') for line in part.splitlines()
             if line.strip().startswith('"') and "->" not in line and "[label" in line
             and "shape=point" not in line}
    reports = {u for u, v, d in org.graph.in_edges(director, data=True) if d["kind"] == "REPORTS_TO"}
    assert director in drawn and reports and reports <= drawn and len(drawn) < 3000


def test_renumbered_posts_are_said_and_a_key_that_matches_is_proposed(tmp_path):
    # Two snapshots whose ids were all renumbered used to diff with no word
    # that nothing matched ("0 roles' routes change").
    rows = [("Director", "", "Ann", "S4"), ("Manager A", "1", "Bo", "S3"),
            ("Manager B", "1", "Cy", "S3"), ("Adviser", "2", "Di", "G7"),
            ("Adviser", "3", "Ed", "G6")]
    for side, base in (("a", 0), ("b", 100)):
        lines = ["id,reports_to,title,holder,fte,grade"]
        for i, (title, sup, holder, grade) in enumerate(rows, start=1):
            up = str(int(sup) + base) if sup else ""
            lines.append(f"{i + base},{up},{title},{holder},1,{grade}")
        (tmp_path / f"{side}.csv").write_text("\n".join(lines) + "\n")
        assert run("import", "posts", tmp_path / f"{side}.csv", "--out",
                   tmp_path / side).exit_code == 0
    res = run("diff", tmp_path / "a", tmp_path / "b")
    assert res.exit_code == 0, res.output
    assert ("Only 0 of 5 posts match on 'id': the two sides may number their posts "
            "differently; --key name,grade would match 5") in res.output
    # a second column breaks the ties of a repeated name
    res = run("diff", tmp_path / "a", tmp_path / "b", "--key", "name")
    assert res.exit_code == 1 and "'Adviser' (4, 5)" in res.output \
        and "--key name,grade" in res.output
    # (the hint names a column the posts have: an imported post has no unit)
    res = run("diff", tmp_path / "a", tmp_path / "b", "--key", "name,grade", "--format", "json")
    assert res.exit_code == 0, res.output
    changes = json.loads(res.output)
    assert not [c for c in changes if c["section"] == "node"
                and c["status"] in ("added", "closed")], changes
    res = run("diff", tmp_path / "a", tmp_path / "b", "--format", "json")
    assert len([c for c in json.loads(res.output) if c["section"] == "node"
                and c["kind"] == "Post" and c["status"] == "added"]) == 5


def test_the_note_on_nodes_without_the_key_counts_one_in_the_singular(tmp_path):
    # one holder without a grade on the as-is side, two nodes on the to-be
    # side (the second post's holder cell is empty: no person)
    for side, rows in (("a", ["1,,Director,Ann,1,S4"]),
                       ("b", ["1,,Director,Ann,1,S4", "2,1,Manager A,,1,"])):
        (tmp_path / f"{side}.csv").write_text("id,reports_to,title,holder,fte,grade\n"
                                              + "\n".join(rows) + "\n")
        assert run("import", "posts", tmp_path / f"{side}.csv", "--out",
                   tmp_path / side).exit_code == 0
    for lang, said in (("en", "1 node of the as-is model and 2 of the to-be model have no "
                              "'grade': they are matched on their id"),
                       ("nl", "1 knooppunt van het huidige model en 2 van het nieuwe model "
                              "hebben geen 'grade'")):
        res = run("--lang", lang, "diff", tmp_path / "a", tmp_path / "b", "--key", "grade")
        assert res.exit_code == 0 and said in res.output, res.output


@pytest.mark.browser
def test_the_diff_page_says_what_changed_for_the_selected_post(tmp_path):
    from browser import open_page

    from orgmodel.formats.html import write_diff_html
    before = orgmodel.load(DATA / "template")
    after = apply(before, [{"close": "dd", "reports": "superior"}])
    path = write_diff_html(diff(before, after), tmp_path / "d.html", lang="nl")
    with open_page(path) as (page, seen):
        page.evaluate("window.orgchart.select('tm')")
        tm = page.inner_text("#p-changes")
        page.evaluate("window.orgchart.select('gd')")
        hidden = page.evaluate("document.getElementById('p-changes').hidden")
    # the team manager moved from the closed deputy to the corporate director
    assert tm.startswith("verplaatst: leidinggevende Deputy director → Corporate director"), tm
    assert "route lijn: volgende stap Deputy director → Corporate director" in tm, tm
    assert hidden            # the general director did not change


# -- a diff near the change equals the whole comparison -----------------------

FRAMES = ("nodes", "edges", "figures", "units", "layers", "spans", "routes", "load", "mandates",
          "commissions", "findings", "roles")


def _edits(org):
    """Edits a draft makes, picked from the model itself: each a what-if
    script, or a function that changes a copy of the model directly."""
    g = org.graph
    kind = dict(g.nodes(data="kind"))
    line = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "REPORTS_TO"]
    reports = {}
    for u, v in line:
        reports.setdefault(v, []).append(u)
    managers = [m for m in reports if any(u in reports for u in reports[m])]
    leaves = [u for u, _ in line if u not in reports and kind[u] == "Post"]
    middle = managers[len(managers) // 2] if managers else None
    other = next((m for m in managers if m != middle), None)
    teams = [n for n, k in kind.items() if k == "Team"]
    mandates = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "MANDATES"]
    edits = [[{"rename": leaves[0], "name": "Renamed"}] if leaves else None,
             [{"close": middle}] if middle else None,
             [{"move": leaves[-1], "to": other}] if leaves and other else None,
             [{"add": {"id": "new-post", "kind": "Post", "name": "New", "reports_to": middle}}]
             if middle else None,
             [{"move": leaves[0], "unit": teams[-1]}] if leaves and teams else None,
             [{"unlink": {"kind": "MANDATES", "from": mandates[0][0], "to": mandates[0][1]}}]
             if mandates else None,
             [{"close": leaves[1], "reports": "none"}] if len(leaves) > 1 else None]
    posts = [n for n, k in kind.items() if k == "Post"]
    edits.append([{"rename": posts[-1], "name": "Another name"}])
    if leaves and other and len(leaves) > 1:   # a route to a name two posts now share
        edits.append([{"move": leaves[-1], "to": other},
                      {"rename": leaves[0], "name": g.nodes[other]["name"]}])
    # the post an R1 finding names as the only way on (its name is in the finding)
    from orgmodel.checks import check
    stuck = check(org, rules=["R1"])["nodes"].tolist()
    if stuck:
        edits.append([{"rename": stuck[0][-1], "name": "Renamed council"}])
    for edge in ("PLAYS", "COMMISSIONS"):     # a role no longer played, a commissioner gone
        u, v = next(((u, v) for u, v, d in g.edges(data=True) if d["kind"] == edge), (0, 0))
        edits.append([{"unlink": {"kind": edge, "from": u, "to": v}}] if u else None)
    edits = [e for e in edits if e]

    def vacant(m):
        m.graph.nodes[middle]["vacant"] = True

    def political(m):
        m.graph.nodes[middle]["sphere"] = "political"

    def team_no_more(m):
        m.graph.nodes[teams[0]]["kind"] = "Body"

    # a post at the top with one report: made political, that report leaves
    # the top out of the line (a change beside it, not below it)
    from orgmodel.formation import is_post
    lone = [m for m, rs in reports.items() if len(rs) == 1 and is_post(g.nodes[rs[0]])
            and is_post(g.nodes[m]) and not any(u == m for u, _ in line)]

    def lone_report_political(m):
        m.graph.nodes[reports[lone[0]][0]]["sphere"] = "political"
    return (edits + ([vacant, political] if middle else []) + ([team_no_more] if teams else [])
            + ([lone_report_political] if lone else []))


@pytest.mark.parametrize("name", ["template", "deventer", "deventer-2010", "albrandswaard",
                                  "synthetic"])
def test_a_diff_near_a_small_change_equals_the_whole_comparison(name, monkeypatch):
    """A draft's diff compares only near its change (the rows of the rest,
    the routes that cannot reach it): every table equals the comparison of
    every node, edge and route."""
    import importlib
    module = importlib.import_module("orgmodel.diff")
    base = orgmodel.synthesize(600, seed=3) if name == "synthetic" else orgmodel.load(DATA / name)
    # (near the change however much of a small model it touches)
    monkeypatch.setattr(module, "NEAR_SHARE", 1.0)
    compared = 0
    with base.analysis():            # (as a server keeps its model's)
        for edit in _edits(base):
            try:
                after = apply(base, edit) if isinstance(edit, list) else apply(base, [])
            except orgmodel.OrgModelError:
                continue             # an edit this model refuses
            if callable(edit):
                edit(after)
            near = diff(base, after)
            assert module._few_touched(base.on(), after.on(), None) is not None, edit
            with monkeypatch.context() as m:
                m.setattr(module, "_few_touched", lambda *a: None)
                whole = diff(base, after)
            # and what the block remembered of the as-is model is what a
            # comparison outside any block works out afresh
            fresh = diff(apply(base, []), after)
            for frame in FRAMES:
                pd.testing.assert_frame_equal(getattr(near, frame), getattr(whole, frame),
                                              obj=f"{frame} after {edit}")
                pd.testing.assert_frame_equal(getattr(near, frame), getattr(fresh, frame),
                                              obj=f"{frame} after {edit}, afresh")
            assert near.notes == whole.notes == fresh.notes
            assert near.changes().equals(whole.changes())
            compared += 1
    assert compared >= 5


def _layers_case(levels=False):
    """A line with a top of one report beside a deeper one, and a post apart."""
    lv = (lambda x: {"level": x}) if levels else (lambda x: {})
    roles = [("top", lv("concern")), ("only", lv("team-connecting")), ("boss", lv("concern")),
             ("mid", lv("team-connecting")),
             ("mid2", lv("team-connecting")), ("low", lv("team")), ("low2", lv("team")),
             ("apart", lv("team"))]
    edges = [("only", "top", "REPORTS_TO"), ("mid", "boss", "REPORTS_TO"),
             ("mid2", "mid", "REPORTS_TO"), ("low", "mid2", "REPORTS_TO"),
             ("low2", "mid", "REPORTS_TO")]
    return build(roles, edges)


LAYER_EDITS = {
    "a lone top's report made political":
        lambda g: g.nodes["only"].update(sphere="political"),
    "a branch moved up": lambda g: (g.remove_edge("mid2", "mid"),
                                    g.add_edge("mid2", "boss", kind="REPORTS_TO")),
    "a post apart put in the line": lambda g: g.add_edge("apart", "low", kind="REPORTS_TO"),
    "a middle post closed": lambda g: g.remove_node("mid"),
    "a level changed": lambda g: g.nodes["mid2"].update(level="concern"),
    "a new post under the deepest": lambda g: (
        g.add_node("new", kind="Post", name="New", sphere="official"),
        g.add_edge("new", "low", kind="REPORTS_TO")),
}


@pytest.mark.parametrize("levels", [False, True], ids=["steps", "levels"])
@pytest.mark.parametrize("what", list(LAYER_EDITS))
def test_layers_near_a_change_equal_the_whole_layering(what, levels):
    """The layers a draft's diff works out near its change are those of the
    whole layering, for changes beside the change as well as below it (a top
    whose only report leaves the line is a top no more)."""
    import importlib
    layers = importlib.import_module("orgmodel.layers")
    from orgmodel._nx import differing
    base = _layers_case(levels)
    with base.analysis():
        after = apply(base, [])
        LAYER_EDITS[what](after.graph)
        near = layers.layers_near(base, after, differing(base.graph, after.graph))
        frame = layers.layering(after).frame
        if what == "a level changed" and not levels:
            assert near is None     # (the first level declared: every layer by levels now)
            return
        assert near == dict(zip(frame["id"], frame["layer"]))


def test_a_what_if_on_a_model_that_breaks_the_rules_says_so(make):
    """Changes made on a model that does not validate name the model, not a
    change (with no changes at all there was an IndexError)."""
    broken = make(["a", ("b", {"sphere": "nowhere"})], [("a", "b", "REPORTS_TO")])
    for changes in ([], [{"rename": "a", "name": "A"}]):
        with pytest.raises(orgmodel.OrgModelError, match="start from breaks the model's rules "
                           "already: .*sphere 'nowhere'"):
            apply(broken, changes)


def test_a_draft_being_analysed_names_the_change_that_breaks_it():
    """Inside an analysis block (the web app's model) each change is checked
    near itself: the change that closes a circle is still the one named, and
    with the same words as outside a block."""
    base = orgmodel.load(DATA / "deventer")
    changes = [{"move": "tm-orb", "to": "dd-bb"}, {"rename": "dd-bb", "name": "Renamed"},
               {"move": "gd", "to": "tm-orb"}]
    with pytest.raises(orgmodel.OrgModelError) as outside:
        apply(base, changes)
    with base.analysis(), pytest.raises(orgmodel.OrgModelError) as inside:
        apply(base, changes)
    assert str(inside.value) == str(outside.value)
    assert str(inside.value).startswith("change 3 (move: gd, to: tm-orb): the model it makes "
                                        "breaks the model's rules: REPORTS_TO goes round")


def test_a_notes_own_words_are_not_escaped_its_values_are():
    from orgmodel.i18n import Message
    d = diff(orgmodel.load(DATA / "deventer-2010"), orgmodel.load(DATA / "deventer"))
    d.notes.append(Message("nodes matched on '{key}'", key="*code* [x](y)"))
    # (each note a sentence, as the lines above it: a capital in either language)
    for lang, words in (("en", "How the as-is facts are known (nodes and edges): stated 1"),
                        ("nl", "Hoe de feiten van het huidige model bekend zijn (knooppunten en "
                               "relaties): vermeld 1")):
        md = d.markdown(lang)
        assert f"- {words}," in md
        assert "'\\*code\\* \\[x\\](y)'" in md
    assert "- Nodes matched on '\\*code\\* \\[x\\](y)'" in d.markdown("en")


def test_a_team_that_moves_to_another_afdeling_keeps_its_figures_apart(tmp_path):
    """Two teams 'Advies', in two afdelingen, one post moving from the first
    to the second.  The per-unit table joined units by name: each 'Advies'
    row took both teams' figures (the emptied one showed 1 → 2).  Units are
    matched as nodes are, and a name two rows share is told apart by the
    unit's id; the post's move names both (it read 'Advies → Advies')."""
    head = "Formatieplaats;Functie;Leidinggevende functie;Afdeling;Team\nF1;Directeur;;Directie;\n"
    sides = {}
    for side, (f2, day) in {"a": ("Ruimte", "2026-01-01"), "b": ("Sociaal", "2026-02-01")}.items():
        path = tmp_path / f"{side}.csv"
        path.write_text(head + f"F2;Adviseur;F1;{f2};Advies\nF3;Jurist;F1;Sociaal;Advies\n",
                        encoding="utf-8")
        sides[side] = tmp_path / side.upper()
        res = run("import", "posts", path, "--preset", "nl-hr", "--unit", "Afdeling", "--unit",
                  "Team", "--name", "X", "--date", day, "--out", sides[side], "--lang", "en")
        assert res.exit_code == 0, res.output
    d = diff(orgmodel.load(sides["a"]), orgmodel.load(sides["b"]))
    units = d.units.set_index("name")
    assert units.loc["Advies (unit:ruimte/advies)", ["posts_before", "posts_after"]].tolist() \
        == [1, 0]
    assert units.loc["Advies (unit:sociaal/advies)", ["posts_before", "posts_after"]].tolist() \
        == [1, 2]
    assert units.loc["Sociaal", ["posts_before", "posts_after"]].tolist() == [1, 2]
    moved = d.nodes.set_index("id").loc["F2"]
    assert moved["status"] == "moved"
    assert str(moved["detail"]) == ("unit Advies (unit:ruimte/advies) → Advies "
                                    "(unit:sociaal/advies)"), moved["detail"]


def test_a_dutch_diff_names_what_changed_in_dutch_and_tells_repeated_names_apart(tmp_path):
    """A reorganisation of two HR exports read in Dutch: a post renamed said
    'gewijzigd: name ...' (the attribute's English key, the FTE as Python
    wrote it: 1.0), the team that moved afdeling was 'Vergunningen' closed
    and 'Vergunningen' added, a post moved and one closed were both
    'Vergunningverlener', and a fall in the escalation load read '\\-3'.
    The team closed and the one added now say where the members went."""
    head = "Formatieplaats;Functie;Medewerker;Leidinggevende functie;Afdeling;Team;FTE\n"
    rows = {"a": ["F1;Secretaris;Anna;;Directie;;1", "F2;Hoofd Ruimte;Bert;F1;Ruimte;;1",
                  "F3;Hoofd Samenleving;Carla;F1;Samenleving;;1",
                  "F4;Teamleider;Dirk;F2;Ruimte;Vergunningen;1",
                  "F5;Vergunningverlener;Eva;F4;Ruimte;Vergunningen;0,8",
                  "F6;Vergunningverlener;Vacature;F4;Ruimte;Vergunningen;1"],
            "b": ["F1;Secretaris;Anna;;Directie;;1", "F2;Hoofd Fysiek Domein;Bert;F1;Ruimte;;0,9",
                  "F3;Hoofd Samenleving;Carla;F1;Samenleving;;1",
                  "F4;Teamleider;Dirk;F3;Samenleving;Vergunningen;1",
                  "F5;Vergunningverlener;Eva;F4;Samenleving;Vergunningen;0,8"]}
    for side, lines in rows.items():
        (tmp_path / f"{side}.csv").write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
        res = run("import", "posts", tmp_path / f"{side}.csv", "--preset", "nl-hr", "--unit",
                  "Afdeling", "--unit", "Team", "--name", "X", "--out", tmp_path / side)
        assert res.exit_code == 0, res.output
    res = run("diff", tmp_path / "a", tmp_path / "b")
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    # (the post's FTE once, not as its two ends "fte (max) 1 → 0,9, fte (min) 1 → 0,9")
    assert "| gewijzigd | functie | Hoofd Fysiek Domein | gewijzigd: fte 1 → 0,9, naam 'Hoofd " \
        "Ruimte' → 'Hoofd Fysiek Domein' |" in lines, res.output
    # (and where the team's members went, as their own rows say)
    assert "| opgeheven | team | Vergunningen (unit:ruimte/vergunningen) | 2 van de leden " \
        "verplaatst naar Vergunningen (unit:samenleving/vergunningen) |" in lines, res.output
    assert "| toegevoegd | team | Vergunningen (unit:samenleving/vergunningen) | 2 leden " \
        "hierheen verplaatst uit Vergunningen (unit:ruimte/vergunningen) |" in lines
    assert "| opgeheven | functie | Vergunningverlener (F6) |  |" in lines
    assert any(x.startswith("| verplaatst | functie | Vergunningverlener (F5) |") for x in lines)
    assert any(x.startswith("| Hoofd Fysiek Domein | lijn |") and x.endswith("| -3 |")
               for x in lines), res.output
    assert "\\-" not in res.output and "name" not in res.output


def test_a_closed_team_of_a_name_other_teams_have_is_named_with_its_id(tmp_path):
    """Seven afdelingen with a 'Team 2' each: the one closed was listed as
    'Team 2' alone (no other row of the change list had the name), which
    does not say which."""
    head = "Formatieplaats;Functie;Leidinggevende functie;Afdeling;Team\nF1;Directeur;;Directie;\n"
    rows = {"a": "F2;Adviseur;F1;Ruimte;Team 2\nF3;Jurist;F1;Sociaal;Team 2\n",
            "b": "F3;Jurist;F1;Sociaal;Team 2\n"}
    for side, body in rows.items():
        (tmp_path / f"{side}.csv").write_text(head + body, encoding="utf-8")
        res = run("import", "posts", tmp_path / f"{side}.csv", "--preset", "nl-hr", "--unit",
                  "Afdeling", "--unit", "Team", "--name", "X", "--out", tmp_path / side)
        assert res.exit_code == 0, res.output
    res = run("diff", tmp_path / "a", tmp_path / "b")
    assert res.exit_code == 0, res.output
    assert "| opgeheven | team | Team 2 (unit:ruimte/team-2) |" in res.output, res.output
    assert "| opgeheven | functie | Adviseur |" in res.output


def test_the_escalation_load_of_posts_of_one_name_is_told_apart(tmp_path):
    """A report moved from one 'Teamleider' to another: the load table had
    two rows 'Teamleider', one up and one down, and did not say which."""
    head = "Formatieplaats;Functie;Leidinggevende functie\nF1;Directeur;\nF2;Teamleider;F1\n" \
        "F3;Teamleider;F1\n"
    for side, sup in (("a", "F2"), ("b", "F3")):
        (tmp_path / f"{side}.csv").write_text(head + f"F4;Adviseur;{sup}\n", encoding="utf-8")
        res = run("import", "posts", tmp_path / f"{side}.csv", "--preset", "nl-hr", "--name", "X",
                  "--out", tmp_path / side, "--lang", "en")
        assert res.exit_code == 0, res.output
    res = run("diff", tmp_path / "a", tmp_path / "b", "--lang", "en")
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert "| Teamleider (F2) | line | 1 | 0 | -1 |" in lines, res.output
    assert "| Teamleider (F3) | line | 0 | 1 | 1 |" in lines
    assert any(x.startswith("| Adviseur | line | Teamleider (F2) |") for x in lines)


@pytest.mark.parametrize("locale, text, ceiling", [
    ("nl", "25.000", 25_000.0), ("nl", "€ 1,5 miljoen", 1_500_000.0), ("en", "25,000", 25_000.0),
    ("nl", "onbeperkt", "none"), (None, "none", "none")])
def test_a_ceiling_typed_in_a_change_is_read_as_the_organisation_writes_numbers(
        make, locale, text, ceiling):
    # (the web app's link form passes the text as typed: '25.000' in a Dutch
    # organisation was read as 25)
    powers = {"powers": {"budget": {"name": "Budget"}}}
    org = make(["gd", "cd"], [("cd", "gd", "REPORTS_TO")],
               manifest={**powers, **({"locale": locale} if locale else {})})
    after = apply(org, [{"link": {"kind": "MANDATES", "from": "gd", "to": "cd",
                                  "powers": "budget", "ceiling": text}}])
    [d] = [d for _, _, d in after.graph.out_edges("gd", data=True) if d["kind"] == "MANDATES"]
    assert d["ceiling"] == ceiling


@pytest.mark.parametrize("value, said", [
    ("veel", "ceiling 'veel' names no amount"), ("-5", "is negative"),
    (float("inf"), "is not a number of 0 or more"), (True, "is not a number of 0 or more")])
def test_a_ceiling_in_a_change_that_is_no_amount_is_refused(make, value, said):
    org = make(["gd", "cd"], [("cd", "gd", "REPORTS_TO")],
               manifest={"powers": {"budget": {"name": "Budget"}}})
    with pytest.raises(orgmodel.OrgModelError, match=said):
        apply(org, [{"link": {"kind": "MANDATES", "from": "gd", "to": "cd",
                              "powers": "budget", "ceiling": value}}])


def test_a_change_script_names_posts_and_amounts_as_the_organisation_writes_them(tmp_path):
    """An HR file's posts are numbers (`1003`, `00123`): a change script
    naming them was read by YAML as numbers, `00123` as the octal 83, and
    refused ("'1.003' is geen functie (bedoelt u '1003'?)"); a Dutch
    ceiling `25.000` was read as 25. They are read as a cell of the folder
    is."""
    hr = tmp_path / "hr.csv"
    hr.write_text("Functienummer;Functie;Leidinggevende;Fte\n00100;Gemeentesecretaris;;1\n"
                  "1002;Afdelingshoofd;00100;1\n1003;Medewerker;1002;0,8\n"
                  "1005;Beleidsadviseur;1002;1\n", encoding="utf-8")
    assert run("import", "posts", hr, "--preset", "nl-hr", "--out", tmp_path / "org"
               ).exit_code == 0
    org = tmp_path / "org"
    with (org / "org.yaml").open("a", encoding="utf-8") as f:
        f.write("powers:\n  budget: {name: Budget}\n")
    script = tmp_path / "c.yaml"
    script.write_text("- close: 1003\n- move: 1005\n  to: 00100\n"
                      "- link: {kind: MANDATES, from: 00100, to: 1002, powers: budget, "
                      "ceiling: 25.000}\n", encoding="utf-8")
    res = run("--lang", "nl", "whatif", "--org", org, "--changes", script,
              "--out", tmp_path / "tobe")
    assert res.exit_code == 0, res.output
    after = orgmodel.load(tmp_path / "tobe").graph
    assert "1003" not in after and "00100" in after
    assert [v for _, v, d in after.out_edges("1005", data=True)
            if d["kind"] == "REPORTS_TO"] == ["00100"]
    [d] = [d for _, _, d in after.out_edges("00100", data=True) if d["kind"] == "MANDATES"]
    assert d["ceiling"] == 25_000.0
    assert apply(orgmodel.load(org), [{"close": 1003}]).graph.has_node("1002")


def test_a_post_a_change_adds_counts_with_its_fte(make):
    """`add: {..., fte: 0,5}` kept the cell as text on the new post: the
    to-be's figures (the diff, a draft's pages) counted it as a post with
    no FTE, while the folder written counted 0.5."""
    org = make(["gd"], manifest={"locale": "nl"})
    after = apply(org, [{"add": {"id": "a", "kind": "Post", "name": "A", "reports_to": "gd",
                                 "fte": "0,5"}},
                        {"add": {"id": "b", "kind": "Post", "name": "B", "reports_to": "gd",
                                 "fte": "1-2", "vacant": True}}])
    assert (after.graph.nodes["a"]["fte_min"], after.graph.nodes["b"]["fte_max"]) == (0.5, 2.0)
    assert after.graph.nodes["b"]["vacant"] is True
    totals = orgmodel.totals(after)
    assert (totals["fte_min"], totals["fte_max"]) == (1.5, 2.5), totals
    with pytest.raises(orgmodel.OrgModelError, match="change 1 .*add: FTE 'veel' is not a "
                                                     "number or a range"):
        apply(org, [{"add": {"id": "c", "kind": "Post", "name": "C", "fte": "veel"}}])


def test_the_posts_whose_holders_change_are_listed_by_name(make):
    """One who left and one who followed on a post (an HR export's two
    snapshots) showed in the diff's Markdown only as "edges: added 1,
    removed 1" and the new person added: who held which post before and
    after was not there. The report lists each post whose holders change,
    with "vacant" or "not recorded" where nobody holds it, and with the
    post's id beside a name two posts share."""
    from orgmodel.i18n import translator
    def org(holds):
        # (fresh attributes each time: make takes the names out of them)
        posts = ["top", ("a", {"name": "Adviseur"}), ("b", {"name": "Adviseur"}),
                 ("c", {"name": "Controller"}), ("d", {"name": "Directeur"})]
        people = [(p, "Person", {"name": n}) for p, n in (
            ("eva", "Eva Kok"), ("jan", "Jan Smit"), ("piet", "Piet Bakker"))]
        line = [(p, "top", "REPORTS_TO") for p in "abcd"]
        return make(posts, line + [(u, v, "HOLDS") for u, v in holds], nodes=people)
    before = org([("eva", "a"), ("piet", "c")])
    after = org([("jan", "a"), ("piet", "b"), ("jan", "d")])
    after.graph.nodes["c"]["vacant"] = True
    d = diff(before, after)
    t = translator("en")
    rows = {r["id"]: (r["name"], t(r["before"]), t(r["after"]))
            for r in d.holders_view().to_dict("records")}
    assert rows == {"a": ("Adviseur", "Eva Kok", "Jan Smit"),
                    "c": ("Controller", "Piet Bakker", "vacant"),
                    "b": ("Adviseur", "not recorded", "Piet Bakker"),
                    "d": ("Directeur", "not recorded", "Jan Smit")}
    md = d.markdown("nl")
    assert ("### Functies waarvan de bekleders wisselen\n\n| naam | voor | na |\n|---|---|---|\n"
            "| Adviseur (a) | Eva Kok | Jan Smit |\n| Controller | Piet Bakker | vacant |\n"
            "| Directeur | niet vastgelegd | Jan Smit |\n"
            "| Adviseur (b) | niet vastgelegd | Piet Bakker |") in md, md
    assert "bekleders wisselen" not in diff(before, before).markdown("nl")


def test_a_next_step_newly_vacant_is_said_of_the_routes_it_meets(tmp_path):
    # (the deputy director's post vacated: the team manager's line route
    # still reaches the top past it, and the diff said nothing of it; its
    # next step meets no one now)
    a, b = copy_template(tmp_path, "a"), copy_template(tmp_path, "b")
    edit(b, "nodes.csv", "dd,Post,Deputy director,X-2,stated,official,team-connecting,1,,",
         "dd,Post,Deputy director,X-2,stated,official,team-connecting,1,true,")
    d = diff(orgmodel.load(a), orgmodel.load(b))
    changed = d.routes.set_index(["role", "via"])
    assert bool(changed.loc[("tm", "line"), "newly_vacant_next"])
    assert str(changed.loc[("tm", "line"), "next_after_name"]) == "Deputy director (vacant)"
    assert str(changed.loc[("tm", "line"), "next_before_name"]) == "Deputy director"
    assert not changed["newly_bad"].any()
    md = d.markdown("en")
    assert "Escalation routes whose next step is newly a vacant post (the route goes on past " \
        "it; the issue meets no one there): **3**." in md
    nl = d.markdown("nl")
    assert "Deputy director (vacant)" in nl and "de kwestie treft daar niemand): **3**" in nl


def test_a_moved_post_that_changed_too_says_from_what_to_what(tmp_path):
    # (a moved post said "changed: vacant", without from and to, where a
    # post that did not move says "changed: vacant yes → no")
    a, b = copy_template(tmp_path, "a"), copy_template(tmp_path, "b")
    edit(b, "nodes.csv", "bpm,Post,Budget programme manager,X-3,stated,official,,0.4,,,,G7,",
         "bpm,Post,Budget programme manager,X-3,stated,official,,0.4,,,,G9,")
    edit(b, "edges.csv", "bpm,cd,REPORTS_TO,", "bpm,dd,REPORTS_TO,")
    d = diff(orgmodel.load(a), orgmodel.load(b))
    row = d.nodes.set_index("id").loc["bpm"]
    from orgmodel.i18n import translator
    assert row["status"] == "moved"
    before = orgmodel.load(a).graph.nodes["bpm"].get("grade")
    assert translator("en")(row["detail"]) == \
        f"superior Corporate director → Deputy director; changed: grade '{before}' → 'G9'"
    assert translator("nl")(row["detail"]).endswith(f"gewijzigd: schaal '{before}' → 'G9'")


def test_a_whatif_holder_given_or_taken_makes_the_post_held_or_vacant():
    # (a holder linked to the vacant tm2 left it vacant, held and vacant at
    # once, counted vacant with no one in it; the general director's only
    # holder unlinked left the post neither held nor vacant: "not recorded")
    sample = orgmodel.load(DATA / "template")
    held = apply(sample, [{"add": {"id": "p-new", "kind": "Person", "name": "New Person"}},
                          {"link": {"kind": "HOLDS", "from": "p-new", "to": "tm2"}}])
    tm2 = held.graph.nodes["tm2"]
    assert not tm2.get("vacant") and tm2["evidence"] == "stated"
    assert tm2["note"].endswith("what-if: kind: HOLDS, from: p-new, to: tm2 linked")
    from orgmodel.formation import totals
    assert totals(held)["vacant"] == totals(sample)["vacant"] - 1
    assert totals(held)["people"] == totals(sample)["people"] + 1
    gone = apply(sample, [{"unlink": {"kind": "HOLDS", "from": "p-gd", "to": "gd"}}])
    assert gone.graph.nodes["gd"].get("vacant") is True
    # a job share that loses one of its two holders is still held
    share = apply(sample, [{"unlink": {"kind": "HOLDS", "from": "p-ann", "to": "tm"}}])
    assert not share.graph.nodes["tm"].get("vacant")
    d = diff(sample, gone)
    assert "changed: vacant no → yes" in d.markdown("en")
    # a holder who left before the model's date does not hold it on that date
    import copy
    left = copy.deepcopy(sample)
    left.graph.add_edge("p-ann", "gd", kind="HOLDS", valid_to="2000-12-31", evidence="assumed",
                    note="a holder before")
    gone = apply(left, [{"unlink": {"kind": "HOLDS", "from": "p-gd", "to": "gd"}}])
    assert gone.graph.nodes["gd"].get("vacant") is True


def test_a_whatif_holder_who_starts_later_leaves_the_post_vacant_on_its_date():
    # (link took no dates: a successor appointed from a later day could not
    # be tried, and any holder linked filled the post on the model's date)
    sample = orgmodel.load(DATA / "template")
    later = apply(sample, [{"add": {"id": "p-new", "kind": "Person", "name": "New Person"}},
                           {"link": {"kind": "HOLDS", "from": "p-new", "to": "tm2",
                                     "valid_from": "2099-01-01"}}])
    assert later.graph.nodes["tm2"]["vacant"] is True
    held = [d for u, _, d in later.graph.in_edges("tm2", data=True) if u == "p-new"]
    assert held and held[0]["valid_from"] == "2099-01-01"
    assert later.on("2099-06-30").graph.has_edge("p-new", "tm2")
    with pytest.raises(orgmodel.errors.OrgModelError, match="is after valid_to"):
        apply(sample, [{"link": {"kind": "HOLDS", "from": "p-gd", "to": "tm2",
                                 "valid_from": "2099-01-01", "valid_to": "2098-01-01"}}])


def test_the_documented_change_script_runs_on_deventer():
    # (its seventh change withdrew a mandate its fifth had moved away: a
    # user who copied the script met "there is no MANDATES edge")
    import yaml
    text = (ROOT / "docs" / "questions.md").read_text(encoding="utf-8")
    start = text.index("- close: dd-bb")
    script = yaml.safe_load(text[start:text.index("```", start)])
    assert len(script) >= 9
    new = apply(orgmodel.load(DATA / "deventer"), script)
    assert "dd-bb" not in new.graph and new.graph.nodes["gd"].get("vacant") is True
