"""orgmodel.cli: exit codes, no traceback without --debug, the table output, python -m orgmodel."""
import csv
import subprocess
import sys

import pytest
from click.testing import CliRunner

import orgmodel
from conftest import DATA, ROOT, copy_template, edit, run
from orgmodel.cli import cli, main


def test_main_has_no_traceback_without_debug_and_one_with_it(template_copy, capsys):
    edit(template_copy, "nodes.csv", "tm,Post,Team manager Finance", "tm,Rol,Team manager Finance")
    with pytest.raises(SystemExit) as exit_:
        main(["summary", "--org", str(template_copy)])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "unknown node kind 'Rol'" in err and "Traceback" not in err
    with pytest.raises(orgmodel.ValidationError):
        main(["summary", "--org", str(template_copy), "--debug"])


def test_an_unexpected_failure_is_one_line_in_the_users_language(template_copy, capsys,
                                                                  monkeypatch):
    # a fault of orgmodel's own: one line, in Dutch when Dutch is asked for
    def broken(org):
        raise RuntimeError("stuk")
    monkeypatch.setattr("orgmodel.summary.summarize", broken)
    for lang, said in (("nl", "Fout: RuntimeError: stuk (voer het opnieuw uit met --debug "
                               "voor de details)"),
                       ("en", "Error: RuntimeError: stuk (run again with --debug for details)")):
        with pytest.raises(SystemExit) as exit_:
            main(["summary", "--org", str(template_copy), "--lang", lang])
        err = capsys.readouterr().err
        assert exit_.value.code == 1 and err.strip() == said, err
    with pytest.raises(RuntimeError):
        main(["summary", "--org", str(template_copy), "--debug"])


def test_summary_table_counts(deventer):
    s = orgmodel.summarize(deventer)
    assert s.nodes["Person"] == 4 and s.nodes["Portfolio"] == 4
    res = run(*["summary", "--org", str(DATA / "deventer")])
    assert res.exit_code == 0 and "Portfolio" in res.output


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "orgmodel", "validate", "--org",
                          str(DATA / "albrandswaard")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def _without_partners(tmp_path):
    d = copy_template(tmp_path, "nopartners")
    nodes = [r for r in csv.DictReader(open(d / "nodes.csv")) if r["kind"] != "Partner"]
    ids = {r["id"] for r in nodes}
    edges = [r for r in csv.DictReader(open(d / "edges.csv")) if r["from"] in ids and r["to"] in ids]
    for f, rows in (("nodes.csv", nodes), ("edges.csv", edges)):
        with open(d / f, "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    return d


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_partners_on_an_organisation_without_partners(tmp_path, fmt):
    d = _without_partners(tmp_path)
    res = CliRunner().invoke(cli, ["partners", "--org", str(d), "--format", fmt])
    assert res.exit_code == 0, res.output
    if fmt == "table":
        # (it printed four empty tables, the last "Partners hanging on one
        # commissioner": one line now says that there are none)
        assert res.output.strip() == "The data names no partners.", res.output


@pytest.mark.parametrize("args,hint", [(["tm", "--meet", ""], "--meet"),
                                       (["", "--meet", "dd"], "ROLE"),
                                       (["  "], "ROLE")])
def test_an_empty_role_is_refused_not_ignored(args, hint):
    res = CliRunner().invoke(cli, ["escalate", *args, "--org", str(DATA / "template")])
    assert res.exit_code == 2 and hint in res.output and "is empty" in res.output


@pytest.mark.parametrize("cmd,option", [
    (["import", "posts", "{posts}", "--out", ""], "'--out'"),
    (["import", "posts", "", "--out", "{tmp}/o"], "'POSTS_FILE'"),
    (["summary", "--org", ""], "'--org'"),
    (["report", "--org", "{org}", "--out", " "], "'--out'"),
    (["chart", "--org", "{org}", "-o", ""], "'-o' / '--out'"),
])
def test_an_empty_path_is_refused_not_read_as_the_current_folder(cmd, option, tmp_path,
                                                               monkeypatch):
    """``--out "$DIR"`` with the variable unset: an empty path is the
    current folder to Python, and the import wrote its tables there (the
    summary read it as the organisation). It is refused, naming the option,
    and nothing is written."""
    posts = tmp_path / "posts.csv"
    posts.write_text("id,reports_to,title\n1,,Director\n", encoding="utf-8")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    args = [a.format(posts=posts, tmp=tmp_path, org=DATA / "template") for a in cmd]
    res = CliRunner().invoke(cli, [*args, "--lang", "en"])
    assert res.exit_code == 2, res.output
    assert f"Invalid value for {option}: '" in res.output and "' is empty: give a file or " \
        "folder" in res.output, res.output
    assert list(here.iterdir()) == [] and not (tmp_path / "o").exists()


@pytest.mark.parametrize("name", ["x\x1b[31mred", "anna\u202e", "bo\x00b", "an na"])
def test_a_user_name_with_a_control_character_is_refused(tmp_path, name):
    """A user name with an escape sequence, a direction mark or a NUL was
    added (and shown escaped ever after, in the history and the log); it is
    refused, as a name with a space was, and no account is written."""
    org = copy_template(tmp_path)
    res = CliRunner().invoke(cli, ["users", "add", name, "--role", "editor", "--org", str(org),
                                   "--lang", "en"], input="a-long-enough-pass\n" * 2)
    assert res.exit_code == 1, res.output
    assert "a user name is 1 to 64 characters, no spaces or control characters" in res.output
    assert not (org / ".orgmodel-users.json").exists()


def test_a_password_read_from_a_windows_file_is_the_one_typed_at_the_login(tmp_path):
    """A password piped from a file saved on Windows ('...\\r\\n') kept its
    '\\r': the account was added, and no one could log in with the password
    typed. The line end is no part of it; a tab in it is refused."""
    from orgmodel.users import Users
    org = copy_template(tmp_path)
    res = CliRunner().invoke(cli, ["users", "add", "kim", "--role", "viewer", "--org", str(org),
                                   "--lang", "en"], input="a-long-enough-pass\r\n")
    assert res.exit_code == 0, res.output
    assert Users(org / ".orgmodel-users.json").check("kim", "a-long-enough-pass") is not None
    res = CliRunner().invoke(cli, ["users", "add", "bo", "--role", "viewer", "--org", str(org),
                                   "--lang", "en"], input="a-long\tenough-pass\n")
    assert res.exit_code == 1 and "a password has no control characters" in res.output
    assert Users(org / ".orgmodel-users.json").role("bo") is None


@pytest.mark.parametrize("cmd", [["layers", "--target", "0"], ["span", "--min", "-1"],
                                 ["span", "--max", "-3"], ["advice", "--threshold", "99"],
                                 ["advice", "--threshold", "0"],
                                 ["export", "html", "-o", "x.html", "--focus", "tm", "--depth", "-1"]])
def test_absurd_numbers_on_the_command_line_are_refused(cmd, tmp_path):
    res = CliRunner().invoke(cli, [*cmd, "--org", str(DATA / "template")])
    assert res.exit_code == 2 and "Invalid value" in res.output
    assert not (tmp_path / "x.html").exists()


def test_the_formation_table_fits_a_terminal():
    """`formation` printed 20 columns (each range's two ends, and staff and
    unrecorded columns of zeros): a line of 250 characters. The table now
    shows a range as one column and those columns only where a row has one,
    as the web app does; CSV keeps every column."""
    out = run("formation", "--org", str(DATA / "albrandswaard")).output
    table = out.split("\n\n")[0].splitlines()
    assert max(map(len, table)) <= 120, table[0]
    assert "17–18" in table[1] and "staff" not in table[0] and "fte min" not in table[0]
    csv_out = run("formation", "--org", str(DATA / "albrandswaard"), "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("id,name,posts,vacant,people,fte_min,fte_max,")
    # (staff are shown where the organisation has them)
    assert "staff fte" in run("formation", "--org", str(DATA / "template")).output.splitlines()[0]


def test_staff_given_by_fte_only_are_shown_per_unit(tmp_path):
    """A UK organogram's junior staff give FTE, not a number of people: the
    table per unit (terminal, web app, report) hid their FTE and the total
    with them, as it showed the staff's columns only where a unit counts
    people; the Cabinet Office's units showed 1 FTE each where its junior
    files give hundreds. They are shown where a unit has staff FTE."""
    uk = ROOT / "tests" / "fixtures" / "uk-organograms"
    out = tmp_path / "co"
    assert run("import", "posts", uk / "cabinet_office-2011-03-31-senior.csv", "--junior",
               uk / "cabinet_office-2011-03-31-junior.csv", "--preset", "uk-organogram",
               "--out", out).exit_code == 0
    org = orgmodel.load(out)
    from orgmodel.formation import formation, formation_view
    from orgmodel.i18n import translator
    full = formation(org, "unit")
    shown = formation_view(full, translator("en"))
    assert {"staff_fte", "total_fte"} <= set(shown.columns) and "staff" not in shown.columns
    assert full["staff_fte"].sum() > 0
    assert shown["staff_fte"].sum() == pytest.approx(full["staff_fte"].sum())
    header = run("formation", "--org", out).output.splitlines()[0]
    assert "staff fte" in header and "total fte" in header


def test_a_units_empty_fte_is_explained_and_no_fte_at_all_is_no_column(tmp_path):
    """A unit some of whose posts give no FTE had an empty FTE (unknown, as
    a sum of unknowns), and nothing said why: the Cabinet Office's
    Efficiency and Reform Group, 91 posts, 12 of them without an FTE. The
    posts without an FTE are counted per row. An organisation whose data
    gives no FTE at all (Deventer) had columns of FTE empty or 0 on every
    row: they are left out of the table (CSV keeps them)."""
    uk = ROOT / "tests" / "fixtures" / "uk-organograms"
    out = tmp_path / "co"
    assert run("import", "posts", uk / "cabinet_office-2011-03-31-senior.csv", "--junior",
               uk / "cabinet_office-2011-03-31-junior.csv", "--preset", "uk-organogram",
               "--out", out).exit_code == 0
    from orgmodel.formation import formation
    f = formation(orgmodel.load(out), "unit").set_index("name")
    erg = f.loc["Efficiency and Reform Group"]
    assert (erg["posts"], erg["posts_without_fte"]) == (91, 12) and erg["fte_min"] != erg["fte_min"]
    assert f["posts_without_fte"].max() <= f["posts"].max()
    assert "posts without fte" in run("formation", "--org", out).output.splitlines()[0]
    header = run("formation", "--org", DATA / "deventer").output.splitlines()[0]
    assert "fte" not in header and "posts" in header, header
    assert "posts_without_fte" in run("formation", "--org", DATA / "deventer", "--format",
                                      "csv").output.splitlines()[0]


def test_the_formation_says_fte_with_staff_only_where_there_is_staff():
    """The last line said "27-29 FTE in posts; 27-29 FTE with staff" of an
    organisation with no staff under its posts: the same amount twice, the
    second read as the FTE of people beside "who holds the posts is not
    recorded". It is said where staff add to it, and a range is written
    with an en dash, as the table, the report and the web app write it."""
    last = run("formation", "--org", str(DATA / "albrandswaard")).output.splitlines()[-1]
    assert "27–29 FTE in posts;" in last and "with staff" not in last, last
    last = run("formation", "--org", str(DATA / "template")).output.splitlines()[-1]
    posts = float(last.split(" FTE in posts")[0].rsplit(" ", 1)[1])
    staffed = float(last.split(" FTE with staff")[0].rsplit(" ", 1)[1])
    assert staffed > posts, last


def test_no_column_of_no_below_a_target_that_is_not_set():
    """`layers` showed a column "below target: no" on every row, and `span`
    columns "outside: no" and an empty reason, where no target or threshold
    is set; CSV keeps every column."""
    layers = run("layers", "--org", str(DATA / "deventer-2010")).output.splitlines()
    header = next(line for line in layers if line.lstrip().startswith("id "))
    assert "below target" not in header and "manager" in header, header
    assert "below_target" in run("layers", "--org", str(DATA / "deventer-2010"), "--format",
                                 "csv").output.splitlines()[0]
    assert "below target" in run("layers", "--org", str(DATA / "deventer-2010"), "--target",
                                 "2").output
    span = run("span", "--org", str(DATA / "deventer")).output.splitlines()[0]
    assert "outside" not in span and "reason" not in span, span
    span = run("span", "--org", str(DATA / "deventer"), "--max", "1").output.splitlines()[0]
    assert "outside" in span and "reason" in span, span


def _posts_folder(tmp_path, rows="CE,,Chief Executive\nFD,CE,Finance Director\n",
                  header="id,reports_to,title"):
    """An organisation folder imported from a list of posts (by default two:
    a chief executive and one report), named ``p`` after its file."""
    f = tmp_path / "p.csv"
    f.write_text(f"{header}\n{rows}", encoding="utf-8")
    assert run("import", "posts", f, "--out", tmp_path / "o").exit_code == 0
    return tmp_path / "o"


def test_one_management_layer_is_said_in_the_singular(tmp_path):
    """An organisation of one manager and its reports (the Defence Support
    Group's senior file) had "1 management layers" in `layers` and the
    report, and "1 managementlagen" in Dutch."""
    _posts_folder(tmp_path, "CE,,Chief Executive\nFD,CE,Finance Director\nHR,CE,HR Director\n")
    assert run("layers", "--org", tmp_path / "o").output.startswith(
        "p: 1 management layer by steps")
    assert ": 1 managementlaag, geteld naar stappen" in run(
        "--lang", "nl", "layers", "--org", tmp_path / "o").output
    assert run("report", "--org", tmp_path / "o", "--out", tmp_path / "r").exit_code == 0
    assert "**1** management layer by steps;" in (tmp_path / "r" / "report.md").read_text(
        encoding="utf-8")


def test_a_formation_by_unit_of_posts_without_units_says_so(tmp_path):
    """A list of posts without units gave `formation` "(nothing to show)"
    above its totals: it says the data names no units, and how to see the
    formation per manager or post."""
    _posts_folder(tmp_path, "CE,,Chief Executive,1\nFD,CE,Finance Director,1\n",
                  "id,reports_to,title,fte")
    out = run("formation", "--org", tmp_path / "o").output
    assert out.startswith("The data names no units: --by manager or --by post") and \
        "nothing to show" not in out
    assert "Chief Executive" in run("formation", "--org", tmp_path / "o", "--by", "post").output


def test_a_register_without_mandates_says_so(tmp_path):
    """`mandates` of an organisation without mandates printed "(nothing to
    show)"; it says that no mandate names a declared power (or the power
    asked for)."""
    _posts_folder(tmp_path)
    assert run("mandates", "--org", tmp_path / "o").output == \
        "No mandate names a declared power.\n"
    yaml_file = tmp_path / "o" / "org.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8")
                         + "powers:\n  budget: {name: Budget}\n", encoding="utf-8")
    assert run("mandates", "--org", tmp_path / "o", "--power", "budget").output == \
        "No mandate names the power budget.\n"
    assert run("mandates", "--org", tmp_path / "o", "--format", "json").output.strip() == "[]"


def test_powers_held_by_nobody_says_why(tmp_path):
    """`powers` printed "(nothing to show)" where the organisation declares
    no powers, or no mandate passes one on (within the text asked for)."""
    _posts_folder(tmp_path)
    assert run("powers", "--org", tmp_path / "o").output == \
        "The organisation declares no powers ('powers' in org.yaml).\n"
    assert run("powers", "--org", DATA / "deventer", "--within", "xyz").output == \
        "No mandate whose 'within' mentions 'xyz' passes on a declared power.\n"
    assert run("--lang", "nl", "powers", "budget", "--org", DATA / "deventer", "--within",
               "xyz").output == "Geen mandaat waarvan 'within' 'xyz' noemt, geeft de " \
                                "bevoegdheid budget door.\n"
    assert run("powers", "--org", DATA / "deventer", "--within", "xyz", "--format",
               "json").output.strip() == "[]"


def test_the_spans_of_a_flat_organisation_are_one_sentence():
    """`span` of a flat organisation (Albrandswaard) printed "(no managers)",
    the rules of the columns of a table it did not show, and an empty
    distribution; it says in one sentence that there is no span to count,
    as the report does."""
    out = run("span", "--org", DATA / "albrandswaard").output
    assert out == ("No post has a direct report in the line the data records: there is no "
                   "span to count.\n")


def test_an_organisation_of_units_without_posts_says_what_it_cannot_count(tmp_path):
    """A W3C ORG file of units alone (Berlin's Abteilungen and Referate) is
    an organisation without a post.  `layers` said "0 management layers ...
    from the top post" over "(nothing to show)", `escalate --all` "(nothing
    to show)", and the report "0 FTE" of FTE nobody gave; each says why in
    one sentence."""
    f = tmp_path / "units.ttl"
    f.write_text("""@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:x:sen> a org:Organization ; skos:prefLabel "Senatsverwaltung" .
<urn:x:abt> a org:Organization ; skos:prefLabel "Abteilung I" ; org:subOrganizationOf <urn:x:sen> .
""", encoding="utf-8")
    org = tmp_path / "o"
    assert run("import", "org", f, "--out", org).exit_code == 0
    assert run("layers", "--org", org).output == (
        "The data records no post: there are no management layers to count.\n")
    assert run("escalate", "--all", "--org", org).output == (
        "The data records no post or role: there is no route to follow.\n")
    assert run("report", "--org", org, "--out", tmp_path / "r").exit_code == 0
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert "0 people in post, no FTE given;" in md
    assert "- **Layers**: The data records no post: there are no management layers to count." \
        in md
    assert "_(none)_" not in md.split("## Escalation routes")[1].split("## ")[0]
    # the static chart was its title alone: said instead, and no file written
    res = run("chart", "--org", org, "--out", tmp_path / "c.svg")
    assert res.exit_code == 1 and "records no post outside the political sphere: an org " \
        "chart draws the line of posts, and there is none to draw" in res.output
    assert not (tmp_path / "c.svg").exists()
    assert "No org chart: units records no post" in md


def test_check_of_an_organisation_without_rules_says_what_it_checked(tmp_path):
    """`check` of an organisation whose org.yaml names no rule said "rules
    checked: none; and the Awb's checks on mandates": it says that only the
    Awb's checks ran, and why."""
    _posts_folder(tmp_path)
    last = run("check", "--org", tmp_path / "o").output.splitlines()[-1]
    assert last == ("rules checked: only the Awb's checks on mandates (10:1, 10:3, 10:4, 10:9); "
                    "org.yaml names none of the rules orgmodel checks ('rules')")
    only = run("check", "--org", DATA / "deventer", "--rule", "awb").output.splitlines()[-1]
    assert only == "rules checked: only the Awb's checks on mandates (10:1, 10:3, 10:4, 10:9)"


def test_a_part_of_the_partners_with_nothing_in_it_says_none():
    """`partners` put "(nothing to show)" under each heading of a part with
    nothing in it (Deventer's one partner: no shared roles, no brokerage);
    each says "none"."""
    out = run("partners", "--org", DATA / "deventer").output
    assert "nothing to show" not in out
    assert "Roles sharing partners:\n  none\n" in out


def test_a_register_of_one_link_is_said_in_the_singular(tmp_path):
    """`mandates -o` of one mandate link said "Register of 1 mandate links"."""
    out = run("mandates", "--org", DATA / "deventer", "--power", "commissioning", "-o",
              tmp_path / "r.csv").output
    assert out.startswith("Register of 1 mandate link written to "), out


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_output_into_a_reader_that_went_away_says_nothing(lang):
    """`orgmodel import posts … | head -1` ended with `Fout: [Errno 32]
    Broken pipe` on the terminal: the reader had gone, and a Unix tool then
    says nothing. The pipe here is closed before the command writes."""
    import os
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "orgmodel", "layers", "--org",
                               str(DATA / "deventer"), "--lang", lang],
                              stdout=write, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write)
    assert done.stderr == "", done.stderr
    assert done.returncode == 1


@pytest.mark.parametrize("args, lang, said", [
    (["span", "{org}"], "en", "Error: '{org}' is given without its option: the organisation is "
                              "given as --org {org}"),
    (["export", "html", "{org}", "-o", "{out}"], "nl",
     "Fout: '{org}' staat er zonder optie: de organisatie geeft u op als --org {org}"),
])
def test_an_organisation_given_without_org_is_named_with_it(tmp_path, args, lang, said):
    """`orgmodel span data/deventer` said only "Got unexpected extra
    argument"; it says how the folder is given."""
    org, out = str(DATA / "template"), str(tmp_path / "x.html")
    res = run("--lang", lang, *[a.format(org=org, out=out) for a in args])
    assert res.exit_code == 2
    assert res.output.splitlines()[-1] == said.format(org=org)
    # (another stray word is click's own error, as before)
    res = run("span", "--org", org, "extra")
    assert res.output.splitlines()[-1] == "Error: Got unexpected extra argument (extra)"


@pytest.mark.parametrize("sides", [("Deventer", "Deventer@abc"), ("Deventer@0", "Deventer")])
def test_a_mistyped_version_of_a_diff_is_said_before_the_server_is_asked(monkeypatch, sides):
    """`diff Deventer Deventer@abc --neo4j` without a password said "no
    password" (or, with one, that no server answered), the version's typo
    unsaid until both were put right; each side's version is read first."""
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    res = run("diff", *sides, "--neo4j")
    assert res.exit_code == 2, res.output
    wrong = [s for s in sides if "@" in s][0]
    assert res.output.splitlines()[-1] == (
        f"Error: Invalid value: '{wrong}': after '@' comes a version (a number from db log) "
        "or a date (YYYY-MM-DD or 31 December 2026)")


@pytest.mark.parametrize("args, said", [
    (["escalate", "a", "--on", "2026-13-01"],
     "Error: Invalid value for '--on': '2026-13-01' is not a date that exists"),
    (["--lang", "nl", "report", "--out", "{out}", "--on", "31-31-2026"],
     "Fout: Ongeldige waarde voor '--on': '31-31-2026' is een datum die niet bestaat"),
    (["who-decides", "x", "--amount", "abc"],
     "Error: Invalid value for --amount: 'abc' is not a number"),
    (["--lang", "nl", "who-decides", "x", "--amount", "-5"],
     "Fout: Ongeldige waarde voor --amount: een bedrag is 0 of meer"),
])
def test_a_date_or_amount_no_notation_reads_is_said_before_the_server_is_asked(
        tmp_path, monkeypatch, args, said):
    """`--on 31-31-2026` or `--amount abc` with `--neo4j` said "no password"
    (or that no server answered): a date or amount is read in the
    organisation's notation, so it waited for the organisation. One that no
    notation reads is refused at once; one that some notation reads still
    waits (`31-12-2026` is Dutch: read by a Dutch organisation)."""
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    res = run(*[a.format(out=tmp_path / "r") for a in args], "--neo4j", "X")
    assert res.exit_code == 2, res.output
    assert res.output.splitlines()[-1] == said
    assert not (tmp_path / "r").exists()
    res = run("report", "--out", tmp_path / "r", "--on", "31-12-2026", "--neo4j", "X")
    assert res.output.splitlines()[-1] == "Error: no password: set NEO4J_PASSWORD (or --password)"


@pytest.mark.parametrize("args, said", [
    (["report", "--out", "{file}"], "Invalid value for --out: {file} is a file: give a folder "
                                    "for the report"),
    (["report", "--out", "{file}/r"], "{file}: is a file, where a folder is needed"),
    (["export", "html", "-o", "{file}/x.html"], "{file}: is a file, where a folder is needed"),
    (["export", "html", "-o", "{tmp}/x.html", "--kinds", "Post,Nope"],
     "Invalid value for --kinds: 'Nope' is not a node kind (Post, Role, Person, Team, Body, "
     "Staff, Portfolio, Topic, Instrument, Partner, Commission)"),
    (["export", "org", "-o", "{tmp}/x.txt"], "Invalid value for --out: give a .ttl or .jsonld "
                                             "file"),
    (["chart", "-o", "{tmp}/x.jpg"], "Invalid value for --out: x.jpg: a chart is .svg, .png, "
                                     ".pdf or .dot"),
    (["mandates", "-o", "{tmp}/x.txt"], "Invalid value for --out: {tmp}/x.txt: write the "
                                        "register as .md, .csv or .xlsx"),
    (["check", "--rule", "R99"], "Invalid value for --rule: no check for rule R99; checkable "
                                 "rules: R1, R2, R3, R4, R5, R7, R10"),
    (["diff", "X", "Y", "--events", "{tmp}/e.txt"], "Invalid value for --events: give a .ttl "
                                                    "or .jsonld file"),
    (["diff", "X", "Y", "--chart", "{tmp}/c.jpg"], "Invalid value for --chart: c.jpg: a chart "
                                                   "is .svg, .png, .pdf or .dot"),
    (["diff", "X", "Y", "--out", "{file}/d"], "{file}: is a file, where a folder is needed"),
])
def test_an_option_wrong_by_itself_is_said_before_the_model_is_read(tmp_path, monkeypatch,
                                                                    args, said):
    """An output under a file, of a kind the command does not write, or a
    rule with no check, was refused only once the model was read: with
    `--neo4j`, after "no password", or after a pull of the whole model. Each
    is refused first, and nothing is written (a value no option takes is a
    usage error, exit status 2; a file where a folder must go, 1, as when
    the folder is made)."""
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    where = dict(file=tmp_path / "notes.txt", tmp=tmp_path)
    source = ["--neo4j"] if args[0] == "diff" else ["--neo4j", "X"]
    res = run(*[a.format(**where) for a in args], *source)
    assert res.exit_code == (2 if said.startswith("Invalid value") else 1), res.output
    assert res.output.splitlines()[-1] == "Error: " + said.format(**where)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("args", [
    ["db", "pull", "X", "--out", "{file}/p"],
    ["whatif", "--org", "{template}", "--changes", "{changes}", "--out", "{file}/w"],
    ["convert", "{ttl}", "{file}/x.xlsx"],
    ["import", "org", "{ttl}", "--out", "{file}/o"],
])
def test_an_output_under_a_file_is_said_before_anything_is_read(tmp_path, monkeypatch, args):
    """A folder or file to write under a file was refused by the file system
    once the source was read (or the server asked: `db pull` said "no
    password" first); it is said first, naming the file in the way."""
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("- close: nothing\n", encoding="utf-8")
    (tmp_path / "x.ttl").write_text("not turtle at all\n", encoding="utf-8")
    where = dict(file=tmp_path / "notes.txt", template=DATA / "template",
                 changes=tmp_path / "c.yaml", ttl=tmp_path / "x.ttl")
    res = run(*[a.format(**where) for a in args])
    assert res.exit_code == 1, res.output
    assert res.output.splitlines()[-1] == \
        f"Error: {tmp_path / 'notes.txt'}: is a file, where a folder is needed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml", "notes.txt", "x.ttl"]
