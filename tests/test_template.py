"""The template's posts and roles, and the answers a user reads from them.

data/template is what a new user copies: it must show a post playing two
roles, a role played by two posts in different scopes, a role nobody plays,
a mandate to a role and an escalation through a role, and answer questions
about them right.
"""
import shutil

import orgmodel
from conftest import DATA, edit, run
from orgmodel.diff import diff
from orgmodel.escalation import RouteGraph


def _players(org, role):
    return {(u, tuple(d.get("scope") or ())) for u, r, d in org.edges("PLAYS") if r == role}


def test_posts_and_roles_are_counted_apart(sample):
    assert len(sample.ids("Post")) == 10 and len(sample.ids("Role")) == 3
    # the formation counts official posts inside the organisation, never a role
    assert orgmodel.totals(sample)["posts"] == 7
    res = run("summary", "--org", DATA / "template")
    assert "Formation: 7 posts (1 vacant)" in res.output and "Role              3" in res.output


def test_a_post_plays_two_roles_and_a_role_has_two_players_in_two_scopes(sample):
    # the corporate director is the official commissioner of the youth programme
    # and the budget holder of the welfare grant
    assert {r for u, r, _ in sample.edges("PLAYS") if u == "cd"} == {"commissioner", "budget-holder"}
    assert _players(sample, "commissioner") == {("cd", ("youth",)), ("gd", ("fire-plan",))}
    assert _players(sample, "budget-holder") == {("bpm", ("youth",)), ("cd", ("grant",))}
    assert _players(sample, "privacy") == set()


def test_a_role_nobody_plays_ends_its_route_unplayed(sample):
    rg = RouteGraph(sample, "line")
    assert [(r.ids, r.outcome) for r in rg.routes("privacy")] == [([], "unplayed")]
    res = run("escalate", "privacy", "--org", DATA / "template")
    assert res.exit_code == 0 and "outcome: unplayed" in res.output


def test_an_escalation_through_a_role_goes_to_the_post_that_plays_it_in_that_scope(sample):
    # The fire safety plan's official commissioner is a role; the general
    # director plays it for that plan (the corporate director plays it for the
    # youth programme, and is not on this route).
    rg = RouteGraph(sample, "commission")
    routes = list(rg.routes("fire"))
    assert [r.ids for r in routes] == [["gd"]] and routes[0].outcome == "top"
    step = routes[0].steps[0]
    assert step.via == "PLAYS"
    assert "Official commissioner" in step.rule and "Fire safety plan" in step.rule
    # reached without a scope (the role's own route), it goes on at every
    # player, each step naming the scope it plays the role in
    rules = {r.ids[0]: r.steps[0].rule for r in rg.routes("commissioner")}
    assert set(rules) == {"cd", "gd"}
    assert "Youth programme" in rules["cd"] and "Fire safety plan" in rules["gd"]


def test_a_mandate_to_a_role_gives_its_power_to_the_post_that_plays_it(sample):
    who = orgmodel.who_decides(sample, "budget", amount=80000).set_index("post")
    assert who.loc["bpm", "through"] == "Budget holder for Youth programme"
    assert who.loc["bpm", "ceiling"] == 100000
    # the deputy's own budget mandate stops at 50,000
    assert "dd" not in who.index
    assert "bpm" not in orgmodel.who_decides(sample, "budget", amount=150000)["post"].tolist()
    ans = orgmodel.who_decides(sample, "budget", role="bpm")
    assert ans["may"] and "as Budget holder for Youth programme" in ans["why"]
    reg = orgmodel.register(sample, "budget").set_index("mandatee")
    assert "Budget programme manager (for Youth programme)" in reg.loc["budget-holder", "played_by"]
    # no competent body is recorded: no signing formula is made up
    assert reg.loc["budget-holder", "signing"] == "not recorded"


def test_the_template_has_no_findings(tmp_path):
    res = run("check", "--org", DATA / "template", "--strict")
    assert res.exit_code == 0, res.output
    assert "no findings" in res.output


def test_a_role_that_loses_its_player_is_named_in_the_diff(tmp_path):
    d = tmp_path / "to-be"
    shutil.copytree(DATA / "template", d)
    edit(d, "edges.csv", "gd,commissioner,PLAYS,X-6,stated,,,,,,,,,,,,,,,fire-plan\n", "")
    edit(d, "edges.csv", "cd,commissioner,PLAYS,X-3,stated,,,,,,,,,,,,,,,youth\n", "")
    edit(d, "edges.csv", "bpm,budget-holder,PLAYS,X-3,stated,,,,,,,,,,,,,,,youth\n", "")
    result = diff(orgmodel.load(DATA / "template"), orgmodel.load(d))
    roles = result.roles.set_index("id")
    assert roles.loc["commissioner", "status"] == "loses its player"
    assert roles.loc["budget-holder", "status"] == "loses a player"
    assert roles.loc["budget-holder", "after"] == "Corporate director (for Welfare grant)"
    assert result.broken()["roles"] == 1
    figures = result.figures.set_index("figure")
    assert figures.loc["roles_unplayed", "before"] == 1 and figures.loc["roles_unplayed", "after"] == 2
    md = result.markdown()
    assert "### Roles that lose a player" in md and "Roles: unchanged 3." in md
    out = tmp_path / "diff"
    res = run("diff", DATA / "template", d, "--out", out, "--fail-on", "roles")
    assert res.exit_code == 3, res.output
    assert "role,commissioner,Role,loses its player" in (out / "changes.csv").read_text()
