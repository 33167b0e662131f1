"""Issue 16: the mandate register, who may decide, and the Awb's checks."""
import pandas as pd
import pytest

import orgmodel
from conftest import DATA, run
from orgmodel.mandates import mandate_findings, register, who_decides

COLLEGE = ("college", {"sphere": "political", "name": "College van B&W"})
POWERS = {"powers": {
    "grant": {"name": "Subsidie verlenen", "body": "college", "kind": "decision",
              "objections": "objection"},
    "objection": {"name": "Beslissen op bezwaar", "body": "college"},
    "bylaw": {"name": "Algemeen verbindend voorschrift", "body": "college",
              "mandatable": False},
}}


def mandate(u, v, powers, **attrs):
    return (u, v, "MANDATES", {"powers": powers, "mandate_kind": "mandaat", **attrs})


def chain3(make, **extra):
    """college → gd → cd → dd for 'grant', ceilings 100k, 50k, 10k."""
    roles = [COLLEGE, "gd", "cd", "dd", ("p", {"name": "Someone"})]
    edges = [("cd", "gd", "REPORTS_TO"), ("dd", "cd", "REPORTS_TO"),
             mandate("college", "gd", ["grant"], ceiling=100_000.0, submandate=True,
                     decision="Mandaatbesluit 2026", decision_date="2026-01-15"),
             mandate("gd", "cd", ["grant"], ceiling=50_000.0, submandate=True),
             mandate("cd", "dd", ["grant"], ceiling=10_000.0,
                     signing="Burgemeester en wethouders, namens dezen, de teamleider")]
    return make(roles, edges, manifest={**POWERS, **extra})


def rules_of(org):
    return sorted({f.rule for f in mandate_findings(org)})


# --- the register and who-decides -----------------------------------------------------

def test_an_ondermandaat_chain_three_deep_with_ceilings(make):
    org = chain3(make)
    reg = register(org, "grant")
    assert reg[["mandatee", "depth", "ceiling_applies"]].values.tolist() == [
        ["gd", 1, 100_000.0], ["cd", 2, 50_000.0], ["dd", 3, 10_000.0]]
    assert reg["chain"].iloc[2] == "College van B&W → GD → CD → DD"
    # (the formula the data records; none made up where it records none: a
    # municipality's mandaatbesluit sets its own, Awb 10:10 only asks that
    # the body be named)
    assert reg["signing"].tolist() == ["not recorded", "not recorded",
                                       "Burgemeester en wethouders, namens dezen, de teamleider"]
    assert (reg["decision"].iloc[0], reg["decision_date"].iloc[0]) == ("Mandaatbesluit 2026", "2026-01-15")
    assert reg["published"].iloc[0] == "not recorded" and reg["in_force"].iloc[0] == "not recorded"
    assert reg["decision"].iloc[1] == "not recorded" and reg["basis"].iloc[0] == "not recorded"
    who = who_decides(org, "grant", amount=20_000)
    assert who["post"].tolist() == ["college", "gd", "cd"]
    assert who_decides(org, "Subsidie verlenen", amount=5_000)["post"].tolist()[-1] == "dd"
    no = who_decides(org, "grant", amount=20_000, role="dd")
    assert not no["may"] and "ceiling on its chain is 10,000" in no["why"]
    yes = who_decides(org, "grant", amount=20_000, role="CD")
    assert yes["may"] and "College van B&W → GD → CD" in yes["why"]
    assert rules_of(org) == []


def test_a_ceiling_a_lower_link_raises_is_the_parents_and_a_finding(make):
    org = chain3(make)
    org.graph["cd"]["dd"][0]["ceiling"] = 80_000.0     # the cd → dd mandate
    assert register(org, "grant")["ceiling_applies"].tolist() == [100_000.0, 50_000.0, 50_000.0]
    [f] = mandate_findings(org)
    assert f.rule == "Awb 10:9" and "80,000, above the 50,000" in f.message
    # who-decides still answers, and warns that the chain passes the flagged link
    answer = who_decides(org, "grant", role="dd")
    assert answer["may"] and [str(w) for w in answer["warnings"]] == [f"Awb 10:9: {f.message}"]
    assert who_decides(org, "grant", role="cd")["warnings"] == []     # above the link
    rows = who_decides(org, "grant").set_index("post")["warnings"]
    assert rows["dd"] and not rows["cd"]


def test_a_ceiling_not_recorded_is_not_taken_for_no_ceiling(make):
    """A mandate whose source records no ceiling does not allow every amount:
    who-decides for an amount says it is not recorded (the post stays, its
    ceiling 'not recorded'; for one role, may None), at most the lowest
    ceiling others record on the chain; a ceiling the source states there is
    none of ('none') allows any amount.  (The Deventer and Albrandswaard
    sources name no amount: every answer for an amount used to be yes.)"""
    org = chain3(make)
    del org.graph["gd"]["cd"][0]["ceiling"]            # gd → cd: nothing recorded
    reg = register(org, "grant").set_index("mandatee")
    assert reg.loc["cd", "ceiling"] == "not recorded"
    assert reg.loc["cd", "ceiling_applies"] == "not recorded (at most 100,000)"
    assert reg.loc["dd", "ceiling_applies"] == "not recorded (at most 10,000)"
    who = who_decides(org, "grant", amount=20_000).set_index("post")
    assert who.index.tolist() == ["college", "gd", "cd"]  # dd: 10,000 is recorded below
    assert who.loc["cd", "ceiling"] == "not recorded (at most 100,000)"
    open_ = who_decides(org, "grant", amount=20_000, role="cd")
    assert open_["may"] is None
    assert str(open_["why"]).startswith("not recorded: a mandate on its chain (")
    assert str(open_["why"]).endswith(" → GD → CD) records no ceiling, and the ceiling that "
                                      "applies is at most 100,000")
    over = who_decides(org, "grant", amount=200_000, role="cd")
    assert over["may"] is False and "ceiling on its chain is 100,000" in over["why"]
    # without an amount it may, and says the ceiling is not recorded
    assert str(who_decides(org, "grant", role="cd")["why"]).endswith("(ceiling not recorded)")
    # stated: no ceiling on either link above cd
    org.graph["gd"]["cd"][0]["ceiling"] = "none"
    org.graph["college"]["gd"][0]["ceiling"] = "none"
    yes = who_decides(org, "grant", amount=10 ** 9, role="cd")
    assert yes["may"] is True and str(yes["why"]).endswith("(no ceiling)")
    assert register(org, "grant").set_index("mandatee").loc["cd", "ceiling_applies"] == \
        "no ceiling"


def test_an_ondermandaat_without_a_ceiling_under_a_parents_is_said_as_it_is(make):
    org = chain3(make)
    del org.graph["cd"]["dd"][0]["ceiling"]
    [f] = mandate_findings(org)
    assert f.rule == "Awb 10:9" and "records no ceiling, under the 50,000" in f.message
    org.graph["cd"]["dd"][0]["ceiling"] = "none"
    [f] = mandate_findings(org)
    assert "has no ceiling, above the 50,000" in f.message


def test_a_ceiling_the_source_states_there_is_none_of_round_trips_a_folder(tmp_path):
    """``onbeperkt`` (or ``none``) in edges.csv: stated, no ceiling; saved as
    ``none`` and read back so; an empty cell stays empty."""
    import shutil
    folder = tmp_path / "t"
    shutil.copytree(DATA / "template", folder)
    text = (folder / "edges.csv").read_text(encoding="utf-8")
    row = "gd,cd,MANDATES,X-2,stated,,,,,,leading;budget;hr,,,,,mandaat,true,,,"
    assert row in text
    (folder / "edges.csv").write_text(text.replace(
        row, "gd,cd,MANDATES,X-2,stated,,,,,,leading;budget;hr,,,,,mandaat,true,Onbeperkt,,"),
        encoding="utf-8")
    org = orgmodel.load(folder)
    assert org.graph["gd"]["cd"][0]["ceiling"] == "none"
    orgmodel.save(org, tmp_path / "again")
    again = orgmodel.load(tmp_path / "again")
    assert again.graph["gd"]["cd"][0]["ceiling"] == "none"
    assert "ceiling" not in again.graph["cd"]["dd"][0]          # (empty: not recorded)
    res = run("who-decides", "budget", "--org", tmp_path / "again", "--amount", "1000000",
              "--role", "cd", "--lang", "nl")
    assert res.exit_code == 0 and res.output.startswith("ja: ") and "(geen financiële grens)" in res.output


def test_who_decides_for_an_amount_in_dutch_where_no_ceiling_is_recorded(tmp_path):
    res = run("who-decides", "commissioning", "--org", DATA / "deventer", "--amount", "1000",
              "--role", "dd-bb", "--lang", "nl")
    assert res.exit_code == 0, res.output
    assert res.output.startswith("niet vastgelegd: voor een mandaat in de keten (")
    assert "is geen financiële grens vastgelegd" in res.output


def test_deventer_register_and_who_decides_for_pijofach_and_budget(deventer):
    reg = register(deventer, "pijofach")
    # D-B1: the concerndirecteuren, adjunct-directeuren and teammanagers; the sources
    # name no competent body, legal basis or mandate decision
    assert set(reg["mandatee"]) >= {"cd-arentsen", "cd-kossen", "cd-vanhouwelingen",
                                     "dd-bo", "dd-bb", "dd-ed", "dd-io", "tm-io", "tm-orb"}
    assert (reg["body_name"] == "not recorded").all() and (reg["decision"] == "not recorded").all()
    row = reg[reg["mandatee"] == "tm-io"].iloc[0]
    assert row["chain"] == ("Algemeen directeur → Concerndirecteur Kossen → Adjunct-directeur "
                            "Intern ondersteunen → Teammanagers Intern ondersteunen")
    who = who_decides(deventer, "pijofach")
    assert who["post"].iloc[0] == "gd" and "not recorded" in who["chain"].iloc[0]
    assert who_decides(deventer, "PIJOFACH-bevoegdheden", role="tm-io")["may"]
    # delegated budget responsibility within a programme (D-B2): no team manager
    budget = register(deventer, "budget")
    within = budget[budget["mandatee"].isin(["bpm", "pom", "pm", "pl"])]
    assert set(within["mandator"]) == {"ao"}
    assert not who_decides(deventer, "budget", role="tm-io")["may"]


def test_albrandswaard_register_names_the_college_and_says_what_is_not_recorded(albrandswaard):
    reg = register(albrandswaard, "budget")
    # one mandate, to the role the seven regisseurs play
    assert reg["mandatee"].tolist() == ["rol-opdrachtgever"]
    assert reg["played_by"].iloc[0].count(";") == 6 and "regisseur kennis" in reg["played_by"].iloc[0]
    assert (reg["body_name"] == "College van B&W").all()
    assert (reg["basis"] == "not recorded").all() and (reg["mandate_kind"] == "mandaat").all()
    assert (reg["signing"] == "not recorded").all()       # (A gives no formula)
    assert (reg["evidence"] == "assumed").all()


# --- every Awb check on a small organisation ------------------------------------------

def test_vacant_post_without_a_deputy(make):
    org = chain3(make)
    org.graph.nodes["dd"]["vacant"] = True
    f = [x for x in mandate_findings(org) if x.rule == "Awb 10:1"]
    assert len(f) == 1 and "DD is vacant and has no deputy" in f[0].message
    org.graph.nodes["dd"]["deputy"] = ["cd"]
    assert rules_of(org) == []


def test_a_closed_post_or_an_expired_mandate_breaks_the_chain(make):
    org = chain3(make)
    org.graph.remove_node("gd")                       # the post is closed in a to-be model
    [f] = mandate_findings(org)
    assert f.rule == "Awb 10:1" and "CD passes on Subsidie verlenen to DD" in f.message
    assert "chain is broken" in f.message
    org = chain3(make, date="2027-01-01")
    org.graph["college"]["gd"][0]["valid_to"] = "2026-12-31"     # expired
    assert rules_of(org) == ["Awb 10:1"]
    assert rules_of(org.on("2026-06-01")) == []


def test_ondermandaat_the_parent_does_not_allow(make):
    org = chain3(make)
    org.graph["gd"]["cd"][0]["submandate"] = False
    [f] = mandate_findings(org)
    assert f.rule == "Awb 10:9" and "does not allow ondermandaat" in f.message


def test_a_power_that_may_not_be_mandated(make):
    org = make([COLLEGE, "gd"], [mandate("college", "gd", ["bylaw"])], manifest=POWERS)
    [f] = mandate_findings(org)
    assert f.rule == "Awb 10:3(2)" and "does not allow to be mandated" in f.message
    assert who_decides(org, "bylaw")["post"].tolist() == ["college"]


def test_one_post_deciding_a_power_and_the_objections_against_it(make):
    org = chain3(make)
    org.graph.add_edge("college", "gd", kind="MANDATES", powers=["objection"])
    [f] = mandate_findings(org)
    assert f.rule == "Awb 10:3(3)" and "GD holds mandates both for Subsidie verlenen and for the " \
        "objections" in f.message


def test_a_mandate_outside_the_organisation_needs_recorded_consent(make):
    org = make([COLLEGE, "gd", "other"],
               [mandate("college", "gd", ["grant"], submandate=True),
                mandate("gd", "other", ["grant"])], manifest=POWERS)
    # between officials of one organisation, outside the line or not: no 10:4
    assert rules_of(org) == []
    org.graph.nodes["other"]["external"] = True
    org.graph.nodes["other"]["organisation"] = "Regio"
    [f] = mandate_findings(org)
    assert f.rule == "Awb 10:4" and "OTHER, who works outside GD's organisation" in f.message
    assert "Regio" in f.message
    org.graph["gd"]["other"][0]["consent"] = True
    assert rules_of(org) == []


def test_a_cycle_of_mandates(make):
    org = make(["a", "b"], [mandate("a", "b", ["grant"], submandate=True),
                            mandate("b", "a", ["grant"], submandate=True),
                            ("b", "a", "REPORTS_TO")], manifest=POWERS)
    assert "Awb 10:1" in rules_of(org)
    assert any("run in a circle" in f.message for f in mandate_findings(org))


# --- the command line and the report --------------------------------------------------

def test_check_reports_awb_findings_with_the_article(template_copy):
    edges = template_copy / "edges.csv"
    text = edges.read_text()
    # the cd → dd leading mandate no longer allows ondermandaat; dd passes it on to tm
    text = text.replace("cd,dd,MANDATES,X-2,stated,,,,,,leading,,,,,mandaat,true,,",
                        "cd,dd,MANDATES,X-2,stated,,,,,,leading,,,,,mandaat,false,,")
    edges.write_text(text)
    res = run("check", "--org", template_copy, "--rule", "awb", "--strict")
    assert res.exit_code == 1 and "[Awb 10:9]" in res.output, res.output
    assert "[R" not in res.output
    res = run("check", "--org", template_copy, "--format", "json")
    assert '"source": "Awb 10:9"' in res.output


@pytest.mark.parametrize("suffix", [".md", ".csv", ".xlsx"])
def test_the_register_in_markdown_csv_and_xlsx(tmp_path, suffix):
    out = tmp_path / f"register{suffix}"
    res = run("mandates", "--org", DATA / "albrandswaard", "-o", out)
    assert res.exit_code == 0 and out.is_file(), res.output
    if suffix == ".csv":
        assert len(pd.read_csv(out)) == len(register(orgmodel.load(DATA / "albrandswaard")))
    if suffix == ".md":
        text = out.read_text()
        assert "(Gemandateerd) opdrachtgever" in text and "namens" not in text
        assert "regisseur kennis & welzijn" in text      # who plays the role
    if suffix == ".xlsx":
        from openpyxl import load_workbook
        assert load_workbook(out)["register"].max_row == 6      # 5 powers, 1 mandate


def test_who_decides_on_the_command_line():
    res = run("who-decides", "budget", "--org", DATA / "template", "--amount", "60000",
              "--role", "dd")
    assert res.exit_code == 0 and res.output.startswith("no: the ceiling on its chain is 50,000")
    res = run("who-decides", "budget", "--org", DATA / "template", "--format", "json")
    assert res.exit_code == 0 and '"post": "dd"' in res.output
    res = run("who-decides", "nothing", "--org", DATA / "template")
    assert res.exit_code == 1 and "is not a power Sample declares" in res.output
    # the refusal names each power by its name too, not by its id alone
    assert "budget (Budget responsibility); hr (Personnel powers)" in res.output
    # an amount past any number (Python reads 1e400 as infinity) is refused,
    # not answered as if every ceiling were below it
    res = run("who-decides", "budget", "--org", DATA / "template", "--amount", "1e400")
    assert res.exit_code == 2 and "'1e400' is too large a number" in res.output


def test_a_power_is_found_by_a_part_of_its_name_that_names_one():
    # as a role is: "begroting" finds Begrotingsverantwoordelijkheid; a part
    # two powers' names hold is refused with both, in the user's language
    org = DATA / "deventer"
    whole = run("who-decides", "budget", "--org", org, "--format", "json").output
    for text in ("begroting", "BEGROTINGSVERANTWOORDELIJKHEID", "Budget"):
        res = run("who-decides", text, "--org", org, "--format", "json")
        assert res.exit_code == 0 and res.output == whole, (text, res.output)
    assert run("powers", "begroting", "--org", org).exit_code == 0
    for lang, said in (("en", "'verantwoordelijk' names 2 powers of Deventer: content "
                              "(Inhoudelijke (beleids)verantwoordelijkheid); budget "
                              "(Begrotingsverantwoordelijkheid); give the id of one"),
                       ("nl", "'verantwoordelijk' noemt 2 bevoegdheden van Deventer: content")):
        res = run("--lang", lang, "who-decides", "verantwoordelijk", "--org", org)
        assert res.exit_code == 1 and said in res.output, res.output
    res = run("who-decides", " ", "--org", org)
    assert res.exit_code == 1 and "no power given: give one that Deventer declares (leading " \
        "(Leiding" in res.output, res.output


def test_the_report_has_the_register(tmp_path):
    res = run("report", "--org", DATA / "albrandswaard", "--out", tmp_path / "r")
    assert res.exit_code == 0, res.output
    md = (tmp_path / "r" / "report.md").read_text()
    assert "The mandate register" in md and "College van B&W → (Gemandateerd) opdrachtgever" in md
    assert (tmp_path / "r" / "mandates.csv").is_file()
