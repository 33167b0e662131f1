"""Issue 14: real organisations in and out (posts import, workbooks, W3C ORG,
GraphML, GEXF, Archi CSV).

The UK organograms in tests/fixtures/uk-organograms are real published files
(Open Government Licence v3.0; see SOURCE.md there).  Every figure asserted
about them is computed from the raw files in the test itself.
"""
import csv
import math
import re
import shutil
import subprocess
import sys
from collections import defaultdict

import networkx as nx
import pytest

import orgmodel
from conftest import DATA, ROOT, run
from orgmodel.formats.posts import read_posts

UK = ROOT / "tests" / "fixtures" / "uk-organograms"
SNAPSHOTS = [(dep, date) for dep in ("cabinet_office", "department_of_health")
             for date in ("2011-03-31", "2011-09-30", "2013-09-30")]


def raw(dep, date):
    """The organogram as a reader of the files would count it."""
    with open(UK / f"{dep}-{date}-senior.csv", encoding="utf-8") as f:
        senior = [r for r in csv.DictReader(f)
                  if r["Name"].strip("'").casefold() != "eliminated"]
    with open(UK / f"{dep}-{date}-junior.csv", encoding="utf-8") as f:
        junior = list(csv.DictReader(f))
    by_id = defaultdict(list)
    for r in senior:
        by_id[r["Post Unique Reference"]].append(r)
    posts = {}
    for pid, rows in by_id.items():
        grade = lambda r: (r.get("Grade (or equivalent)") or r.get("Grade") or "").strip()  # noqa: E731
        alike = len({(r["Job Title"].strip().casefold(), r["Reports to Senior Post"].strip(),
                      grade(r).casefold()) for r in rows}) == 1
        if alike:
            posts[pid] = rows               # one post (a job share when on several rows)
        else:
            for r in rows:
                posts[f"{pid}~{id(r)}"] = [r]
    fte = lambda x: float(x) if x.strip() else 0.0   # noqa: E731
    # a top row named after the organisation is the organisation, not a post
    top = lambda r: r["Reports to Senior Post"].strip().upper() == "XX"   # noqa: E731
    placeholder = [r for r in senior if top(r) and r["Organisation"]
                   in (r["Job Title"], r["Name"])]
    return {
        "posts": len(posts),
        "vacant": sum(all(r["Name"].strip("'").casefold() == "vacant" for r in rows)
                      for rows in posts.values()),
        "tops": sorted(r["Post Unique Reference"] for r in senior if top(r)),
        "vacant_fte": sum(fte(r["FTE"]) for rows in posts.values()
                          if all(r["Name"].strip("'").casefold() == "vacant" for r in rows)
                          for r in rows),
        "fte": sum(fte(r["FTE"]) for r in senior if r not in placeholder)
        + sum(fte(r["Number of Posts in FTE"]) for r in junior),
        "staff_fte_per_unit": _sum_by(junior, "Unit", "Number of Posts in FTE"),
        "senior": senior, "junior": junior,
    }


def _sum_by(rows, key, value):
    out = defaultdict(float)
    for r in rows:
        out[r[key].strip()] += float(r[value])
    return dict(out)


def imported(dep, date):
    return read_posts(UK / f"{dep}-{date}-senior.csv", UK / f"{dep}-{date}-junior.csv",
                      preset="uk-organogram")


@pytest.mark.parametrize("dep,date", SNAPSHOTS)
def test_each_snapshot_imports_with_one_command_and_validates(tmp_path, dep, date):
    out = tmp_path / dep
    res = run("import", "posts", UK / f"{dep}-{date}-senior.csv", "--junior",
              UK / f"{dep}-{date}-junior.csv", "--preset", "uk-organogram", "--out", out)
    assert res.exit_code == 0, res.output
    assert "Tops (" in res.output and (out / "IMPORT.md").is_file()
    assert run("validate", "--org", out).exit_code == 0
    org = orgmodel.load(out)
    r = raw(dep, date)
    t = orgmodel.totals(org)
    placeholders = [n for n, d in org.graph.nodes(data=True) if d.get("placeholder")]
    assert t["posts"] + len(placeholders) == r["posts"]
    assert t["vacant"] == r["vacant"]
    tops = sorted(n for n in org.ids("Post") if not any(
        d["kind"] == "REPORTS_TO" for _, _, d in org.graph.out_edges(n, data=True))
        and not org.graph.nodes[n].get("external"))
    assert tops == r["tops"]
    assert math.isclose(t["total_fte_min"], r["fte"], abs_tol=1e-6)
    # the posts' FTE apart: held and vacant (vacant FTE was counted as held)
    assert math.isclose(t["vacant_fte_min"], r["vacant_fte"], abs_tol=1e-6)
    assert math.isclose(t["held_fte_min"] + t["vacant_fte_min"], t["fte_min"], abs_tol=1e-6)
    # the junior file gives FTE only: no headcount is made up (it read 191,893 "staff"
    # from a department's FTE rounded up per group)
    staff = [d for _, d in org.graph.nodes(data=True) if d.get("kind") == "Staff"]
    assert t["staff"] == 0 and t["staff_uncounted"] == len(staff) > 0
    assert all(d.get("count") is None for d in staff)
    units = orgmodel.formation(org, "unit").set_index("name")["staff_fte"]
    for unit, fte in r["staff_fte_per_unit"].items():
        assert math.isclose(units[unit], fte, abs_tol=1e-6), unit
    # every imported node and edge cites its file and line
    for _, d in org.graph.nodes(data=True):
        assert d["source"].startswith(("posts line", "junior line")), d
    for _, _, d in org.graph.edges(data=True):
        assert d["source"].startswith(("posts line", "junior line")), d


def test_span_by_posts_leaves_out_junior_staff_and_by_people_counts_them():
    org, _ = imported("department_of_health", "2011-09-30")
    r = raw("department_of_health", "2011-09-30")
    boss = "MD001"      # the Medical Director: senior reports and junior staff
    reports = [x for x in r["senior"] if x["Reports to Senior Post"] == boss]
    staff = [x for x in r["junior"] if x["Reporting Senior Post"] == boss]
    assert reports and staff
    posts = orgmodel.span_of_control(org).frame.set_index("id").loc[boss]
    assert posts["direct_reports"] == len({x["Post Unique Reference"] for x in reports})
    holders = sum(1 for x in reports if x["Name"].strip("'").casefold() != "vacant")
    # the junior file gives FTE, not people: no headcount is made up from it
    groups = {(x["Grade"], x["Generic Job Title"], x["Unit"]) for x in staff}
    assert posts["people"] == holders and posts["staff"] == 0
    assert posts["staff_uncounted"] == len(groups)
    # by FTE, the staff's FTE counts with the held reports' FTE
    held = {x["Post Unique Reference"]: float(x["FTE"]) for x in reports
            if x["Name"].strip("'").casefold() != "vacant"}
    fte = sum(float(x["Number of Posts in FTE"]) for x in staff)
    assert math.isclose(posts["fte"], sum(held.values()) + fte, abs_tol=1e-6)


def test_the_analyses_agree_with_a_reader_of_the_organogram(tmp_path):
    org, log = imported("department_of_health", "2011-09-30")
    r = raw("department_of_health", "2011-09-30")
    sup = {x["Post Unique Reference"]: x["Reports to Senior Post"] for x in r["senior"]}
    # REFPOST is the department itself: a placeholder top, not a post
    assert org.graph.nodes["REFPOST"]["placeholder"] is True
    assert [p for p, _ in log.placeholders] == ["REFPOST"]
    # a deputy director escalates up the 'Reports to' chain, to the post under REFPOST
    start = next(p for p, s in sup.items() if sup.get(s) not in (None, "XX", "REFPOST")
                 and sup.get(sup.get(s)) not in (None, "XX", "REFPOST"))
    chain, x = [], sup[start]
    while x != "REFPOST":
        chain.append(x)
        x = sup[x]
    rid, rg = orgmodel.escalate(org, start)
    assert [route.ids for route in rg.routes(rid)] == [chain]
    # layers: the longest chain of managers below the placeholder
    managers = {s for s in sup.values() if s in sup and s != "REFPOST"}
    depth = lambda p: 0 if sup[p] == "REFPOST" else 1 + depth(sup[p])  # noqa: E731
    assert orgmodel.layering(org).depth == max(depth(m) for m in managers) + 1
    # vacant posts are in the span counts as vacant reports
    vacant_boss = next(sup[p] for p in log.vacancies)
    assert orgmodel.span_of_control(org).frame.set_index("id").loc[
        vacant_boss, "vacant_reports"] >= 1
    out = tmp_path / "dh"
    orgmodel.save(org, out)
    res = run("report", "--org", out, "--out", tmp_path / "report")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "report" / "graph.html").stat().st_size > 10_000
    assert "Placeholder" in (tmp_path / "report" / "report.md").read_text() or \
        "placeholder" in (tmp_path / "report" / "report.md").read_text()
    res = run("export", "html", "--org", out, "-o", tmp_path / "g.html")
    assert res.exit_code == 0, res.output


def test_job_share_one_person_on_two_posts_and_split_ids(tmp_path):
    p = tmp_path / "posts.csv"
    p.write_text("id,reports_to,title,holder,fte,unit\n"
                 "1,,Director,Ann Bell,1,Board\n"
                 "2,1,Manager,Vacant,1,Ops\n"
                 "3,1,Analyst,Bo,0.5,Ops\n"
                 "3,1,Analyst,Cy,0.4,Ops\n"
                 "0,1,Adviser,Vacant,1,Ops\n"
                 "0,3,Clerk,Vacant,1,Ops\n"
                 "4,1,Deputy,Ann Bell,0.2,Ops\n"
                 "5,1,Gone,Eliminated,1,Ops\n")
    with pytest.raises(orgmodel.ValidationError, match="post id '0' is used for 2 different"):
        read_posts(p)
    org, log = read_posts(p, reused_ids="split")
    assert [(j[0], j[1], j[2]) for j in log.job_shares] == [("3", [4, 5], 0.9)]
    assert org.graph.nodes["3"]["fte_max"] == 0.9
    assert [i for i, _ in log.split_ids] == ["0"] and {"0~6", "0~7"} <= set(org.ids("Post"))
    assert [n for n, _ in log.people_on_several_posts] == ["Ann Bell"]
    assert log.skipped and "Eliminated" in log.skipped[0][2]
    posts = orgmodel.formation(org, "post").set_index("id")
    assert posts.loc["3", "people"] == 2 and posts.loc["2", "vacant"] == 1


def test_one_holder_twice_on_one_post_is_refused_with_both_rows(tmp_path):
    """The same person on two rows of one post (a row given twice, or two
    appointments): the import said so only through its own edges ("HOLDS
    ... twice, row 17" of edges the user never saw); now it names the file's
    rows, and writes nothing."""
    p = tmp_path / "posts.csv"
    p.write_text("id,reports_to,title,holder,fte,unit\n"
                 "1,,Director,Ann Bell,1,Board\n"
                 "3,1,Analyst,Bo,0.5,Ops\n"
                 "3,1,Analyst,bo,0.5,Ops\n", encoding="utf-8")
    res = run("import", "posts", p, "--out", tmp_path / "o")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert ("posts.csv, row 4: post 3 with holder 'bo' is on row 3 already: a row given "
            "twice") in res.output, res.output
    assert not (tmp_path / "o").exists()


def test_a_superior_outside_the_file_is_an_external_role_with_the_preset(tmp_path):
    senior = (UK / "cabinet_office-2011-03-31-senior.csv").read_text(encoding="utf-8")
    # Bruce Mann's superior becomes a post of another department
    lines = senior.splitlines(True)
    row = next(i for i, line in enumerate(lines) if line.startswith('"24",'))
    cells = next(csv.reader([lines[row]]))
    cells[10] = "HMT-7"
    buf = __import__("io").StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n").writerow(cells)
    lines[row] = buf.getvalue()
    f = tmp_path / "co-senior.csv"
    f.write_text("".join(lines), encoding="utf-8")
    org, log = read_posts(f, preset="uk-organogram")
    assert log.external == [("HMT-7", [row + 1])]
    assert org.graph.nodes["ext:HMT-7"]["external"] is True
    rid, rg = orgmodel.escalate(org, "24")
    assert [(r.ids, r.outcome) for r in rg.routes(rid)] == [(["ext:HMT-7"], "external")]
    # without the preset's rule it is an error naming the row
    out = tmp_path / "out"
    res = run("import", "posts", f, "--id", "Post Unique Reference", "--reports-to",
              "Reports to Senior Post", "--title", "Job Title", "--out", out)
    assert res.exit_code == 1 and f"row {row + 1}" in res.output and "HMT-7" in res.output
    assert "Traceback" not in res.output and not out.exists()


@pytest.mark.parametrize("case", ["missing column", "cycle", "unknown superior",
                                  "no nodes sheet", "malformed turtle", "archi without file",
                                  "a sheet of a text file",
                                  "json-ld context a number", "json-ld import a boolean"])
def test_broken_inputs_get_one_clear_message_and_nothing_written(tmp_path, case):
    out = tmp_path / "out"
    if case == "missing column":
        f = tmp_path / "p.csv"
        f.write_text("post,title\n1,Director\n")
        args = ["import", "posts", f, "--out", out]
        expect = ["p.csv", "has no column 'id'"]
    elif case == "a sheet of a text file":
        # (it was passed over: the user may have meant another file)
        f = tmp_path / "p.csv"
        f.write_text("id,reports_to,title\n1,,Top\n")
        args = ["import", "posts", f, "--sheet", "Formatie", "--out", out]
        expect = ["p.csv: is a text file, which has no sheets, and sheet 'Formatie' was given"]
    elif case == "cycle":
        f = tmp_path / "p.csv"
        f.write_text("id,reports_to,title\n1,,Top\n2,3,A\n3,2,B\n")
        args = ["import", "posts", f, "--out", out]
        expect = ["p.csv", "row 3", "circle"]
    elif case == "unknown superior":
        f = tmp_path / "p.csv"
        f.write_text("id,reports_to,title\n1,,Top\n2,9,A\n")
        args = ["import", "posts", f, "--out", out]
        expect = ["p.csv, row 3", "'9'"]
    elif case == "no nodes sheet":
        from openpyxl import Workbook
        wb = Workbook()
        wb.active.title = "Sheet1"
        wb.create_sheet("edges")        # (neither sheet: see test_bad_input's case)
        f = tmp_path / "m.xlsx"
        wb.save(f)
        args = ["convert", f, out]
        expect = ["m.xlsx", "no sheet 'nodes'"]
    elif case == "malformed turtle":
        f = tmp_path / "m.ttl"
        f.write_text("@prefix org: <http://www.w3.org/ns/org#> .\n\n<a> org:reportsTo <b\n")
        args = ["import", "org", f, "--out", out]
        # (the parser's reason, without its echo of the text as Python's bytes)
        expect = ["m.ttl, row 3: is not valid turtle: Bad syntax (unterminated URI "
                  "reference)\n"]
    elif case == "json-ld context a number":
        f = tmp_path / "m.jsonld"
        f.write_text('{"@context": [{"org": "http://www.w3.org/ns/org#"}, 5], "@id": "x"}')
        args = ["import", "org", f, "--out", out]
        expect = ["m.jsonld", "an @context holds 5 (int); a context is an object of term "
                  "definitions"]
    elif case == "json-ld import a boolean":
        f = tmp_path / "m.jsonld"
        f.write_text('{"@context": {"@import": true, "org": "http://www.w3.org/ns/org#"}, '
                     '"@id": "x"}')
        args = ["import", "org", f, "--out", out]
        expect = ["m.jsonld", "an @context holds true (bool)"]
    else:
        f = tmp_path / "archi"
        f.mkdir()
        (f / "elements.csv").write_text('"ID","Type","Name","Documentation"\n')
        args = ["import", "archi", f, "--out", out]
        expect = ["relations.csv", "is missing"]
    res = run(*args)
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    for text in expect:
        assert text in res.output, (text, res.output)
    assert not out.exists()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_known_format_read_without_its_preset_is_named(tmp_path, lang):
    """A Dutch HR export (or a UK organogram) imported without --preset:
    the refusal names the preset and the file's post id column, in the
    user's language, and nothing is written; a file of neither keeps the
    plain message, and --id given asks for no preset."""
    dutch = tmp_path / "formatie.csv"
    dutch.write_text("Overzicht formatie\n\nFunctienummer;Functie;Naam;Leidinggevende;FTE\n"
                     "F1;Directeur;Anna;;1\nF2;Hoofd;Bert;F1;0,8\n")
    uk = next((ROOT / "tests" / "fixtures" / "uk-organograms").glob("*-senior.csv"))
    words = {"en": ("read it with --preset", "is its post id there"),
             "nl": ("lees het met --preset", "is daar het functienummer")}[lang]
    for f, preset, column in ((dutch, "nl-hr", "Functienummer"),
                              (uk, "uk-organogram", "Post Unique Reference")):
        out = tmp_path / f"out-{preset}"
        res = run("--lang", lang, "import", "posts", f, "--out", out)
        assert res.exit_code == 1 and "Traceback" not in res.output, res.output
        assert f"{words[0]} {preset}" in res.output and f"'{column}' {words[1]}" in res.output
        assert not out.exists()
    plain = tmp_path / "plain.csv"
    plain.write_text("Code;Omschrijving\nA;B\n")
    res = run("import", "posts", plain, "--out", tmp_path / "p")
    assert res.exit_code == 1 and "--preset" not in res.output, res.output
    res = run("import", "posts", dutch, "--id", "Functienummer", "--out", tmp_path / "q")
    assert "--preset" not in res.output, res.output


def test_rows_an_organogram_marks_not_valid_are_read_and_named(tmp_path):
    """A Cabinet Office organogram's own validator marks a row it found wrong
    `Valid?` 0: such a row is read as any other (it is what was published),
    and the log names it; it was passed over in silence, its column listed
    as not read."""
    src = ROOT / "tests" / "fixtures" / "uk-organograms" / "cabinet_office-2013-09-30-senior.csv"
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    at = rows[0].index("Valid?")
    for r in rows[5:8]:
        r[at] = "0"
    rows[9][at], rows[10][at], rows[11][at] = "no", "?", "1.0"
    marked = tmp_path / "senior.csv"
    with open(marked, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    org, log = read_posts(src, preset="uk-organogram")
    org2, log2 = read_posts(marked, preset="uk-organogram")
    assert sorted(org2.graph.nodes) == sorted(org.graph.nodes)
    said = [str(m) for m in log2.decisions if "own check" in str(m)]
    assert said == ["senior.csv: 3 rows marked as failing the file's own check ('Valid?' 0), "
                    "read as any other row: 6–8",
                    # (a mark the validator does not write: whether the row passed, unsaid;
                    # 1.0 is a spreadsheet's 1)
                    "senior.csv: 2 rows with a mark in 'Valid?' that is neither 0 (failed the "
                    "file's own check) nor 1 (passed): 'no' (row 10), '?' (row 11); read as any "
                    "other row"], log2.decisions
    assert not any("own check" in str(m) for m in log.decisions)
    assert not any("valid" in c for c in log.unread_columns + log2.unread_columns)


def _organogram_with(tmp_path, column: str, cells: dict) -> tuple[list, object]:
    """The Cabinet Office's September 2013 senior file with ``cells``
    (``{row index: value}``, 1 the first post) written in ``column``: its
    rows, and the file written."""
    with open(UK / "cabinet_office-2013-09-30-senior.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    at = rows[0].index(column)
    for i, value in cells.items():
        rows[i][at] = value
    posts = tmp_path / "senior.csv"
    with open(posts, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return rows, posts


@pytest.mark.parametrize("word", ["Redacted", "Withheld", "Not Published", "Name withheld",
                                  "Undisclosed", "Non-disclosed", "Not provided",
                                  "(name not disclosed)"])
def test_a_name_an_organogram_does_not_publish_makes_no_person_of_that_name(tmp_path, word):
    """Publishers write a name they leave out in words of their own beside
    the schema's ``N/D``: each is a holder whose name is not disclosed, not a
    person "Not Published" holding every such post."""
    rows, posts = _organogram_with(tmp_path, "Name", dict.fromkeys(range(1, 4), word))
    org, log = read_posts(posts, preset="uk-organogram")
    held = [u for u, v, d in org.graph.edges(data=True) if d["kind"] == "HOLDS"
            and v in {r[rows[0].index("Post Unique Reference")] for r in rows[1:4]}]
    # (one placeholder per post, not one person of that name on the three)
    assert len(set(held)) == 3 and all(u.endswith(":undisclosed") for u in held), held
    assert all(org.graph.nodes[u]["name"] == "(name not disclosed)" for u in held)


@pytest.mark.parametrize("word", ["Post abolished", "Abolished", "Disestablished",
                                  "Post deleted"])
def test_a_post_a_publisher_calls_gone_in_its_own_words_is_gone(tmp_path, word):
    """Beside the schema's `Eliminated`: `Post abolished` in a holder's cell
    was a person "Post abolished" holding the post, counted in the
    formation; it is a post that is gone, as `Eliminated` is."""
    rows, posts = _organogram_with(tmp_path, "Name", {5: word})
    pid = rows[5][rows[0].index("Post Unique Reference")]
    org, log = read_posts(posts, preset="uk-organogram")
    assert pid not in org.graph and (5 + 1) in [row for _, row in log.eliminated]
    assert not [d for _, d in org.graph.nodes(data=True) if d.get("name") == word]


@pytest.mark.parametrize("word", ["Post vacant", "Currently vacant", "Position vacant",
                                  "Functie vacant", "Momenteel vacant"])
def test_a_vacancy_written_with_vacant_last_is_a_vacancy(tmp_path, word):
    """`Post vacant` in a holder's cell was a person "Post vacant" holding
    every such post, the posts not vacant; `Vacant post` was read right."""
    rows, posts = _organogram_with(tmp_path, "Name", dict.fromkeys(range(1, 3), word))
    pid = rows[0].index("Post Unique Reference")
    org, log = read_posts(posts, preset="uk-organogram")
    n = org.graph.nodes
    assert all(n[r[pid]].get("vacant") is True for r in rows[1:3])
    assert not [u for u, d in org.graph.nodes(data=True) if d["kind"] == "Person"
                and "vacant" in d["name"].casefold()]


def test_a_note_under_an_organogram_in_its_unnamed_column_is_shown(tmp_path):
    """The Cabinet Office's 2013 files have a first column with no name: a
    note or a source typed there under the table was "no post id"; the log
    shows its text, as it shows a heading's."""
    posts = tmp_path / "senior.csv"
    text = (UK / "cabinet_office-2013-09-30-senior.csv").read_text(encoding="utf-8")
    blank = "," * (text.splitlines()[0].count(","))
    posts.write_text(text + "\n" + "Source: Cabinet Office" + blank[1:] + ",\n" + blank + "\n",
                     encoding="utf-8")
    org, log = read_posts(posts, preset="uk-organogram")
    said = [str(why) for _, _, why in log.skipped if "no name" in str(why)]
    assert said == ["only a column with no name is filled in ('Source: Cabinet Office'): a "
                    "heading or a note, not a post"], log.skipped[-3:]
    import openpyxl
    wb = openpyxl.Workbook()
    for row in ([None, "Formatieplaats", "Functie", "Leidinggevende"], [1, "F1", "Directeur"],
                [2, "F2", "Adviseur", "F1"], ["Bron: AFAS, export 3-2-2026"]):
        wb.active.append(row)
    wb.save(tmp_path / "f.xlsx")
    org, log = read_posts(tmp_path / "f.xlsx", preset="nl-hr")
    assert [(row, str(why)) for _, row, why in log.skipped] == [(4, (
        "only a column with no name is filled in ('Bron: AFAS, export 3-2-2026'): a heading "
        "or a note, not a post"))]


def test_a_post_id_that_says_there_is_none_is_no_post_id(tmp_path):
    """A published organogram's `Post Unique Reference` of `N/A`, `XX` or
    `-` (and a Dutch export's `n.v.t.`) was a post of that id, and two of
    them one post reused; such a row has no post id, and is named so (but
    an id a row reports to is an id: see the test below)."""
    _, posts = _organogram_with(tmp_path, "Post Unique Reference",
                                dict(zip(range(50, 54), ("N/A", "XX", "-", "n/a"))))
    org, log = read_posts(posts, preset="uk-organogram")
    assert not {"N/A", "XX", "-", "n/a"} & set(org.graph.nodes)
    said = [(row, str(why)) for _, row, why in log.skipped if "says there is none" in str(why)]
    assert said == [(51, "its post id 'N/A' says there is none: no post id"),
                    (52, "its post id 'XX' says there is none: no post id"),
                    (53, "its post id '-' says there is none: no post id"),
                    (54, "its post id 'n/a' says there is none: no post id")]
    # (the same where the top reports to 'XX' in the same capitals: the
    # top's mark names no post; it made a post 'XX')
    with open(UK / "department_of_health-2013-09-30-senior.csv", encoding="utf-8",
              newline="") as f:
        rows = list(csv.reader(f))
    rows[7][rows[0].index("Post Unique Reference")] = "XX"
    with open(posts, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    org, log = read_posts(posts, preset="uk-organogram")
    assert "XX" not in org.graph
    assert (8, "its post id 'XX' says there is none: no post id") in [
        (row, str(why)) for _, row, why in log.skipped]
    dutch = tmp_path / "formatie.csv"
    dutch.write_text("Functienummer;Functie;Leidinggevende\n1;Directeur;\nn.v.t.;Adviseur;1\n",
                     encoding="utf-8")
    org, log = read_posts(dutch, preset="nl-hr")
    assert sorted(org.graph.nodes) == ["1"] and any(
        "'n.v.t.' says there is none" in str(why) for _, _, why in log.skipped)


def test_formulas_without_a_value_in_a_column_not_read_are_passed_over(tmp_path):
    """A workbook made by a program, not saved by a spreadsheet (the
    organogram template's `Valid?` column, a formula on each row): its
    formulas have no saved value. The whole import was refused for a column
    orgmodel does not read; it is read, and the cells said. A formula in a
    column read is still refused."""
    import openpyxl
    with open(UK / "department_of_health-2013-09-30-senior.csv", encoding="utf-8",
              newline="") as f:
        rows = list(csv.reader(f))
    at = rows[0].index("Valid?")
    wb = openpyxl.Workbook()
    for i, row in enumerate(rows):
        if i:
            row[at] = f'=IF(ISBLANK(B{i + 1}),"",1)'
        wb.active.append(row)
    wb.save(tmp_path / "senior.xlsx")
    org, log = read_posts(tmp_path / "senior.xlsx", preset="uk-organogram")
    plain, _ = read_posts(UK / "department_of_health-2013-09-30-senior.csv",
                          preset="uk-organogram")
    assert sorted(org.graph.nodes) == sorted(plain.graph.nodes)
    assert f"senior.xlsx: {len(rows) - 1} cells hold formulas with no saved value (the first " \
        "=IF(ISBLANK(B2),\"\",1), column 'Valid?', row 2), in columns not read: passed over" in [
            str(m) for m in log.decisions]
    # (and where its FTE is a formula without a value: refused, naming the cell)
    wb.active.cell(3, rows[0].index("FTE") + 1).value = "=1*1"
    wb.save(tmp_path / "fte.xlsx")
    with pytest.raises(orgmodel.ValidationError, match="holds a formula .=1.1. with no saved"):
        read_posts(tmp_path / "fte.xlsx", preset="uk-organogram")


def test_rows_of_several_organisations_are_said(tmp_path):
    """Two organisations' files run together (or a post of another body in
    a department's file, as the Cabinet Office's 2013 file has one of the
    DCLG) were read as one organisation, named after the most named, and
    nothing said so: the log names each organisation with its rows."""
    with open(UK / "department_of_health-2013-09-30-senior.csv", encoding="utf-8",
              newline="") as f:
        dh = list(csv.reader(f))
    with open(UK / "cabinet_office-2013-09-30-senior.csv", encoding="utf-8", newline="") as f:
        co = list(csv.reader(f))
    both = tmp_path / "both.csv"
    with open(both, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(dh + co[1:])
    org, log = read_posts(both, preset="uk-organogram")
    said = [str(m) for m in log.decisions if "organisation column" in str(m)]
    at = dh[0].index("Organisation")
    dclg = len(dh) + next(i for i, r in enumerate(co[1:], 1)
                          if r[at] == "Department for Communities and Local Government")
    assert len(said) == 1 and said[0].startswith(
        "the organisation column names 3 organisations: 'Cabinet Office' (") and said[0].endswith(
        f"'Department for Communities and Local Government' (row {dclg}); every row is read "
        "as a post of the model, named 'Cabinet Office'"), said
    assert "'Department of Health' (" in said[0] and org.name == "Cabinet Office"
    _, log = read_posts(UK / "department_of_health-2013-09-30-senior.csv",
                        preset="uk-organogram")
    assert not [m for m in log.decisions if "organisation column" in str(m)]


def test_people_not_in_a_post_are_no_posts(tmp_path):
    """The Cabinet Office's schema: "Individuals not in a post must have
    Post Unique Reference 0", on as many rows as there are such people. Two
    of them refused the whole file (an id used for two posts); one was a
    post '0' titled "Not in Post", counted in the formation. Each is left
    out and named, its FTE with the rows left out; a junior row whose senior
    post is 0 is left out saying why (not as a post of another file)."""
    rows, posts = _organogram_with(tmp_path, "Name", {})
    h = rows[0]
    top = next(r for r in rows[1:] if r[h.index("Reports to Senior Post")].upper() == "XX")
    for name, fte in (("Alice Smith", "1.00"), ("Carl Jones", "0.50"), ("N/D", "1.00")):
        extra = list(top)
        for column, value in (("Post Unique Reference", "0"), ("Name", name), ("FTE", fte),
                              ("Job Title", "Not in Post"), ("Organisation", "N/A"),
                              ("Reports to Senior Post", top[h.index("Post Unique Reference")])):
            extra[h.index(column)] = value
        rows.append(extra)
    with open(posts, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    junior = tmp_path / "junior.csv"
    with open(UK / "cabinet_office-2013-09-30-junior.csv", encoding="utf-8", newline="") as f:
        jrows = list(csv.reader(f))
    jrows[1][jrows[0].index("Reporting Senior Post")] = "0"
    with open(junior, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(jrows)
    org, log = read_posts(posts, junior, preset="uk-organogram")
    plain, plain_log = read_posts(UK / "cabinet_office-2013-09-30-senior.csv",
                                  UK / "cabinet_office-2013-09-30-junior.csv",
                                  preset="uk-organogram")
    assert "0" not in org.graph and not [d for _, d in org.graph.nodes(data=True)
                                         if d.get("name") in ("Alice Smith", "Carl Jones")]
    posts_of = [u for u, d in org.graph.nodes(data=True) if d["kind"] == "Post"]
    assert len(posts_of) == len([u for u, d in plain.graph.nodes(data=True)
                                 if d["kind"] == "Post"])
    said = [(row, str(why)) for _, row, why in log.skipped if "not in a post" in str(why)]
    assert said == [
        (len(rows) - 2, "post id '0' is the file's mark of a person not in a post (Alice Smith), "
                        "not a post"),
        (len(rows) - 1, "post id '0' is the file's mark of a person not in a post (Carl Jones), "
                        "not a post"),
        # (the name the schema asks for: N/D)
        (len(rows), "post id '0' is the file's mark of a person not in a post, not a post"),
        (2, "its senior post '0' is the posts file's mark of a person not in a post: no post "
            "to count it under")]
    jfte = float(jrows[1][jrows[0].index("Number of Posts in FTE")])
    assert log.left_out_fte == pytest.approx(plain_log.left_out_fte + 2.5 + jfte)
    # (one such row alone was a post of its own)
    _, one = _organogram_with(tmp_path, "Post Unique Reference", {5: "0"})
    org, log = read_posts(one, preset="uk-organogram")
    assert "0" not in org.graph
    # (but a vacancy of that id is a post without an id of its own, as
    # published files have them)
    rows, vacant = _organogram_with(tmp_path, "Name", {5: "Vacant"})
    rows[5][rows[0].index("Post Unique Reference")] = "0"
    with open(vacant, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    org, log = read_posts(vacant, preset="uk-organogram")
    assert org.graph.nodes["0"]["vacant"] is True


def test_an_afas_export_keyed_by_personnel_number_is_offered_its_key_and_read(tmp_path):
    """An AFAS-like export: a row per employee, keyed by `Medewerker` (a
    personnel number) which `Leidinggevende` names, the FTE as
    `Parttimepercentage`. The refusal (no post id column the preset knows)
    offered `--id` and `--row-ids` alike; it names the column the manager's
    cells name. With it, the percentages are the FTE."""
    rows = [["Medewerker", "Naam", "Functie", "Organisatorische eenheid", "Leidinggevende",
             "Parttimepercentage"],
            ["1001", "Jansen, P.", "Gemeentesecretaris", "Directie", "", "100"],
            ["1002", "Vries, A. de", "Teammanager Ruimte", "Ruimte", "1001", "88,89"],
            ["1003", "Bakker, J.", "Beleidsadviseur", "Ruimte", "1002", "50"]]
    posts = tmp_path / "afas.csv"
    posts.write_text("".join(";".join(r) + "\n" for r in rows), encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "o").exists()
    assert "has no column 'formatieplaats' for the post id" in res.output
    assert "'Medewerker' gives each row its own value, which 'Leidinggevende' names as the " \
        "superior: give --id 'Medewerker'" in res.output, res.output
    res = run("import", "posts", posts, "--preset", "nl-hr", "--id", "Medewerker",
              "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "FTE read from the percentages in 'Parttimepercentage'" in res.output
    n = orgmodel.load(tmp_path / "o").graph.nodes
    assert [n[p].get("fte_min") for p in ("1001", "1002", "1003")] == [1, 0.8889, 0.5]
    # (a file whose superiors are named by name is offered no key column)
    posts.write_text("Medewerker;Functie;Leidinggevende\nP. Jansen;Directeur;\n"
                     "A. de Vries;Teammanager;P. Jansen\nJ. Bakker;Adviseur;A. de Vries\n",
                     encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o2",
              "--lang", "en")
    assert res.exit_code == 1 and "give --id" not in res.output.split("; give the column")[1], \
        res.output


def test_a_w3c_org_file_of_another_tool_names_what_it_does_not_read(tmp_path):
    """A person's membership (no MEMBER_OF from a person in the contract)
    refused the whole file with a message about orgmodel's edges; sub-
    organisations and posts in units were dropped in silence, and so were
    org:headOf and a line to a post not in the file.  Now what maps is read,
    and the rest named."""
    f = tmp_path / "gemeente.ttl"
    f.write_text("""@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/> .
ex:gem a org:FormalOrganization ; skos:prefLabel "Gemeente X" .
ex:soc a org:OrganizationalUnit ; skos:prefLabel "Sociaal Domein" ; org:unitOf ex:gem .
ex:jeugd a org:OrganizationalUnit ; skos:prefLabel "Jeugd" ; org:subOrganizationOf ex:soc .
ex:p1 a org:Post ; skos:prefLabel "Directeur" ; org:postIn ex:soc .
ex:p2 a org:Post ; skos:prefLabel "Teamleider" ; org:reportsTo ex:p1 .
ex:jeugd org:hasPost ex:p2 .
ex:jan a foaf:Person ; foaf:name "Jan" ; org:holds ex:p2 ; org:headOf ex:jeugd .
ex:m1 a org:Membership ; org:member ex:jan ; org:organization ex:soc .
ex:p3 a org:Post ; skos:prefLabel "Adviseur" ; org:reportsTo ex:nobody .
ex:site a org:Site .
""", encoding="utf-8")
    out = tmp_path / "out"
    res = run("import", "org", f, "--out", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(out)
    # (Jan heads Jeugd and holds one post, the Teamleider's: that post leads
    # it, inferred; org:headOf was left out before a post could lead a team)
    assert sorted((u, v, d["kind"]) for u, v, d in org.graph.edges(data=True)) == [
        ("jan", "p2", "HOLDS"), ("jeugd", "soc", "MEMBER_OF"), ("p1", "soc", "MEMBER_OF"),
        ("p2", "jeugd", "LEADS"), ("p2", "jeugd", "MEMBER_OF"), ("p2", "p1", "REPORTS_TO")]
    leads = [d for u, v, d in org.edges("LEADS")][0]
    assert leads["evidence"] == "inferred" and "org:headOf: Jan heads it" in leads["note"]
    log = (out / "IMPORT.md").read_text(encoding="utf-8")
    for text in (res.output, log):
        assert "- Rows not used: 3:" in text
        assert ("gemeente.ttl: org:Membership from 'Jan' to 'Sociaal Domein' not read: orgmodel "
                "has no MEMBER_OF from a Person to a Team") in text
        assert ("org:reportsTo from 'Adviseur' to 'nobody' not read: an end is not a post, "
                "unit, organisation or person of the file") in text
        assert "org:headOf" not in text
        assert "gemeente.ttl: resources of class org:Site: 1 statement not read" in text
    assert org.manifest["import"]["rows_left_out"] == 3
    nl = run("import", "org", f, "--out", tmp_path / "nl", "--lang", "nl")
    assert "org:Site: 1 uitspraak niet gelezen" in nl.output
    # (the reason of a statement not read was English in Dutch output)
    assert "niet gelezen: orgmodel kent geen MEMBER_OF van een Person naar een Team" in nl.output
    # validate of the file itself says what it does not read ("valid" hid it)
    val = run("validate", "--org", f, "--lang", "en")
    assert val.exit_code == 0 and val.output.startswith(f"{f}: valid\n- Rows not used: 3:\n")
    assert "org:Membership from 'Jan' to 'Sociaal Domein' not read" in val.output
    # and summary counts it under its totals, as the report's first page does
    summ = run("summary", "--org", f, "--lang", "en").output
    assert summ.endswith("\nThe import: 3 rows of the source left out as it was read (orgmodel "
                         "import names them).\n"), summ
    assert "\nThe import: 3 rows of the files left out: see IMPORT.md beside the data.\n" in \
        run("summary", "--org", out, "--lang", "en").output
    # the report's first page says it, without the posts import's FTE
    assert run("report", "--org", out, "--out", tmp_path / "r").exit_code == 0
    assert "- **The import**: 3 rows of the files left out: see IMPORT.md beside the data." in \
        (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    # the question the tool opens with, of the unit: its head's post answers
    assert "Teamleider" in run("escalate", "Jeugd", "--org", out).output
    # a head who holds no post, or several, is named
    f.write_text(f.read_text(encoding="utf-8") + "ex:jan org:holds ex:p3 .\n"
                 "ex:piet a foaf:Person ; foaf:name \"Piet\" ; org:headOf ex:soc .\n",
                 encoding="utf-8")
    res = run("import", "org", f, "--out", tmp_path / "two", "--lang", "en")
    assert ("org:headOf from 'Jan' to 'Jeugd' not read: the head holds several posts: which "
            "leads the unit, the file does not say") in res.output
    assert ("org:headOf from 'Piet' to 'Sociaal Domein' not read: the head holds no post of "
            "the file: no post leads the unit") in res.output


def test_a_w3c_org_file_whose_units_are_typed_by_its_own_vocabulary_keeps_its_structure(
        tmp_path):
    """Published files type their units with classes of their own (Berlin's
    ``berorgs:Abteilung``, ``berorgs:Referat``), declared, here or in a
    vocabulary elsewhere, as kinds of org:Organization.  Such a file was read
    as people alone, every unit and every org:subOrganizationOf left out;
    and one typed org:Organization throughout as bodies with no structure.
    Now a class the file declares a kind of an ORG class is read as that
    class (RDFS), one it does not declare by the ORG ontology's domain and
    range of the terms the resource is used in (inferred, and the note says
    how), and organisations within one another are units."""
    f = tmp_path / "berlin.ttl"
    f.write_text("""@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix berorgs: <https://berlin.github.io/lod-vocabulary/berorgs/> .
@prefix ex: <https://example.berlin/> .
berorgs:Referat rdfs:subClassOf berorgs:Einheit .
berorgs:Einheit rdfs:subClassOf org:OrganizationalUnit .
ex:sen a berorgs:Senatsverwaltung ; skos:prefLabel "Senatsverwaltung für Gesundheit"@de .
ex:abt a berorgs:Abteilung ; skos:prefLabel "Abteilung I"@de ; org:subOrganizationOf ex:sen .
ex:ref a berorgs:Referat ; skos:prefLabel "Referat I A"@de ; org:subOrganizationOf ex:abt .
ex:al a org:Post ; skos:prefLabel "Abteilungsleitung"@de ; org:postIn ex:abt .
ex:odd skos:prefLabel "Odd" ; org:postIn ex:abt ; org:subOrganizationOf ex:abt .
ex:ref org:subOrganizationOf ex:ref .
ex:both a org:Post, org:Organization ; skos:prefLabel "Both" .
ex:abt org:hasUnit ex:ref .
ex:al org:heldBy ex:odd2 . ex:odd2 a org:Post ; skos:prefLabel "Odd post" .
""", encoding="utf-8")
    out = tmp_path / "out"
    res = run("import", "org", f, "--out", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(out)
    nodes = org.graph.nodes
    assert {n: nodes[n]["kind"] for n in nodes} == {
        "sen": "Team", "abt": "Team", "ref": "Team", "al": "Post", "odd2": "Post"}
    assert sorted((u, v, d["kind"]) for u, v, d in org.graph.edges(data=True)) == [
        ("abt", "sen", "MEMBER_OF"), ("al", "abt", "MEMBER_OF"), ("ref", "abt", "MEMBER_OF")]
    # (declared a kind of org:OrganizationalUnit, two steps up: stated)
    assert nodes["ref"]["evidence"] == "stated"
    assert "berorgs:Referat, which the file declares a kind of org:OrganizationalUnit" in \
        nodes["ref"]["note"]
    # (a class the file does not declare: the ORG ontology's range says it)
    assert nodes["sen"]["evidence"] == "inferred"
    assert ("of class berorgs:Senatsverwaltung, which the file does not declare: an "
            "org:Organization as the object of org:subOrganizationOf") in nodes["sen"]["note"]
    assert "read as a unit" in nodes["abt"]["note"]
    # a resource two terms make a post and an organisation is not guessed
    assert ("berlin.ttl: 'Odd' is an org:Organization as the subject of "
            "org:subOrganizationOf and an org:Post as the subject of org:postIn: the file "
            "does not say which; not read") in res.output
    assert "resources of class berorgs:" not in res.output
    assert "rdfs:subClassOf" not in res.output
    # (typed a post and an organisation: it was read as a post, in silence)
    assert ("'Both' is an org:Post by its type org:Post and an org:Organization by its type "
            "org:Organization: the file does not say which; not read") in res.output
    # (a post "held by" a post refused the whole file: a person holds a post)
    assert ("org:holds from 'Odd post' to 'Abteilungsleitung' not read: orgmodel has no HOLDS "
            "from a Post to a Post") in res.output
    # (one containment said by two terms, hasUnit beside subOrganizationOf,
    # refused the whole file as a MEMBER_OF given twice: it is one)
    # (a unit within itself refused the whole file: one statement is named)
    assert ("org:subOrganizationOf from 'Referat I A' to 'Referat I A' not read: it joins a "
            "resource to itself") in res.output
    nl = run("import", "org", f, "--out", tmp_path / "nl", "--lang", "nl")
    assert ("'Odd' is een org:Organization als onderwerp van org:subOrganizationOf en een "
            "org:Post als onderwerp van org:postIn: het bestand zegt niet welke; niet "
            "gelezen") in nl.output
    # the same units typed org:Organization: units, not bodies without structure
    plain = tmp_path / "plain.ttl"
    plain.write_text(re.sub(r"a berorgs:\w+", "a org:Organization", f.read_text(encoding="utf-8")),
                     encoding="utf-8")
    res = run("import", "org", plain, "--out", tmp_path / "plain", "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "plain")
    assert [n for n in org.graph if org.graph.nodes[n]["kind"] == "Body"] == []
    assert ("ref", "abt") in org.graph.edges and ("abt", "sen") in org.graph.edges
    assert org.graph.nodes["abt"]["evidence"] == "stated"


def test_a_w3c_org_line_between_people_is_the_line_of_their_posts(tmp_path):
    """HR exports write the line between people (``ex:bert org:reportsTo
    ex:anna``); orgmodel has lines between posts, so every such line was
    left out.  Where each person holds one post of the file, their posts
    report so (inferred, noted); a person of no post is named, and a line
    the posts' own statement gives already is not given twice."""
    f = tmp_path / "people.ttl"
    f.write_text("""@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/> .
ex:d a org:Post ; skos:prefLabel "Directeur" .
ex:t a org:Post ; skos:prefLabel "Teamleider" .
ex:m a org:Post ; skos:prefLabel "Medewerker" ; org:reportsTo ex:t .
ex:anna a foaf:Person ; foaf:name "Anna" ; org:holds ex:d .
ex:bert a foaf:Person ; foaf:name "Bert" ; org:holds ex:t ; org:reportsTo ex:anna .
ex:cees a foaf:Person ; foaf:name "Cees" ; org:holds ex:m ; org:reportsTo ex:bert .
ex:dirk a foaf:Person ; foaf:name "Dirk" ; org:reportsTo ex:bert .
""", encoding="utf-8")
    res = run("import", "org", f, "--out", tmp_path / "out", "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "out")
    lines = {(u, v): d for u, v, d in org.edges("REPORTS_TO")}
    assert set(lines) == {("t", "d"), ("m", "t")}
    assert lines[("t", "d")]["evidence"] == "inferred"
    assert "org:reportsTo: Bert reports to Anna" in lines[("t", "d")]["note"]
    assert lines[("m", "t")]["evidence"] == "stated"
    assert ("org:reportsTo from 'Cees' to 'Bert' not read: the line of the posts they hold is "
            "said already") in res.output
    assert ("org:reportsTo from 'Dirk' to 'Bert' not read: a person's line is their post's, "
            "and a person at its ends holds no post of the file, or several") in res.output
    assert "Directeur" in run("escalate", "Medewerker", "--org", tmp_path / "out").output


def _archi_model(folder, *relations):
    """An Archi model as a municipality keeps one: its organisation beside an
    application layer (as in GEMMA), exported by Archi."""
    folder.mkdir()
    (folder / "elements.csv").write_text(
        '"ID","Type","Name","Documentation","Specialization"\n'
        '"m","ArchimateModel","Gemeente","",""\n"a1","BusinessActor","Jan","",""\n'
        '"a2","BusinessRole","Teamleider","",""\n"c1","ApplicationComponent","Zaaksysteem",'
        '"",""\n"c2","ApplicationComponent","DMS","",""\n', encoding="utf-8")
    _archi_relations(folder, relations)
    return folder


def _archi_relations(folder, relations):
    """``relations.csv`` of ``(id, type, source, target)`` as Archi exports it."""
    (folder / "relations.csv").write_text(
        '"ID","Type","Name","Documentation","Source","Target","Specialization"\n' + "".join(
            f'"{i}","{kind}","","","{a}","{b}",""\n' for i, kind, a, b in relations),
        encoding="utf-8")


def test_an_archi_models_slips_are_cited_by_the_files_own_rows(tmp_path):
    """A relation of an element to itself refused a whole Archi model; it
    is named and left out.  A problem of the model the files make up (a
    line in a circle) was cited as " (relations), row 3", the row of the
    table read, which leaves out the relations not used: it is cited by
    relations.csv's own row."""
    src = _archi_model(tmp_path / "archi", ("r1", "FlowRelationship", "c1", "c2"),
                       ("r2", "ServingRelationship", "a2", "a2"),
                       ("r3", "CompositionRelationship", "a1", "a1"))
    res = run("import", "archi", src, "--out", tmp_path / "out", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "relations.csv, row 3: ServingRelationship r2 joins 'Teamleider' to itself" in \
        res.output
    assert "relations.csv, row 4: CompositionRelationship r3 joins 'Jan' to itself" in res.output
    (tmp_path / "archi" / "elements.csv").write_text(
        (tmp_path / "archi" / "elements.csv").read_text(encoding="utf-8")
        + '"a3","BusinessRole","Directeur","",""\n', encoding="utf-8")
    with open(tmp_path / "archi" / "relations.csv", "a", encoding="utf-8") as f:
        f.write('"r4","ServingRelationship","","","a2","a3",""\n'
                '"r5","ServingRelationship","","","a3","a2",""\n')
    res = run("import", "archi", src, "--out", tmp_path / "again", "--lang", "en")
    assert res.exit_code == 1
    assert "relations.csv, row 5: REPORTS_TO goes round in a circle" in res.output, res.output


def test_an_archi_export_without_elements_is_said_once(tmp_path):
    """elements.csv with only its header made every relation a problem of
    its own ("joins 'id-…', which is not in elements.csv", once per row),
    the cause unsaid."""
    src = _archi_model(tmp_path / "archi", ("r1", "FlowRelationship", "c1", "c2"))
    el = tmp_path / "archi" / "elements.csv"
    el.write_text(el.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    res = run("import", "archi", src, "--out", tmp_path / "out", "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "out").exists()
    assert res.output.splitlines()[1:] == [
        "  elements.csv: has no elements (only its header, or the model's own row): export the "
        "model again from Archi (File > Export > Model to CSV)"], res.output


def test_a_w3c_org_file_rdflib_warns_of_gets_only_orgmodels_message(tmp_path):
    """rdflib printed its own warning ("… does not look like a valid URI,
    trying to serialize this will break.") above orgmodel's message."""
    out = tmp_path / "d.ttl"
    assert run("export", "org", "--org", DATA / "template", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    out.write_text(text.replace("om:cells", "_:b1", 1), encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "orgmodel", "import", "org", str(out),
                          "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert "does not look like a valid URI" not in res.stdout + res.stderr
    # (and the edge whose om:cells it no longer reads is not left out in silence)
    assert res.returncode == 1 and not (tmp_path / "o").exists()
    assert res.stderr.splitlines() == [
        f"Error: {out}: 1 problem found",
        "  d.ttl: no om:cells for <urn:orgmodel:Sample:edge/0>, which every node and edge of a "
        "file orgmodel writes has: it would be left out (was the file changed by hand? write "
        "it again with 'orgmodel export org')"], res.stderr


def test_an_archi_model_with_other_layers_imports_its_organisation(tmp_path):
    """Elements of other ArchiMate layers and their relations are left out,
    each named (a relation between two applications refused the whole
    import, saying they were not in elements.csv); a relation to an element
    that is really not there is an error (it was left out in silence)."""
    src = _archi_model(tmp_path / "archi", ("r1", "AssignmentRelationship", "a1", "a2"),
                       ("r2", "FlowRelationship", "c1", "c2"),
                       ("r3", "ServingRelationship", "c1", "a2"),
                       ("r4", "TriggeringRelationship", "a1", "a2"))
    out = tmp_path / "out"
    res = run("import", "archi", src, "--out", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    log = (out / "IMPORT.md").read_text(encoding="utf-8")
    for text in (res.output, log):
        assert "- Rows not used: 5:" in text
        assert ("elements.csv, row 5: ApplicationComponent 'Zaaksysteem' is not of the "
                "organisation (another ArchiMate layer)") in text
        assert ("relations.csv, row 3: FlowRelationship r2 joins an element that is not of the "
                "organisation") in text
        assert ("relations.csv, row 5: TriggeringRelationship r4: orgmodel reads no edge from "
                "this kind of relation") in text
    org = orgmodel.load(out)
    assert org.manifest["import"] == {"log": "IMPORT.md", "rows_read": 9, "rows_left_out": 5}
    assert [(u, v, d["kind"]) for u, v, d in org.graph.edges(data=True)] == \
        [("a1", "a2", "HOLDS")]
    # convert says the same, and a folder target gets IMPORT.md; another format does not
    conv = run("convert", src, tmp_path / "cv", "--from", "archi", "--lang", "en")
    assert conv.exit_code == 0 and "- Rows not used: 5:" in conv.output
    assert (tmp_path / "cv" / "IMPORT.md").read_text(encoding="utf-8") == log
    conv = run("convert", src, tmp_path / "cv.xlsx", "--from", "archi", "--lang", "en")
    assert conv.exit_code == 0 and "FlowRelationship r2" in conv.output
    assert orgmodel.read_any(tmp_path / "cv.xlsx").manifest["import"] == \
        {"rows_read": 9, "rows_left_out": 5}
    # an end that is not in elements.csv: refused, naming it, nothing written
    bad = _archi_model(tmp_path / "bad", ("r1", "AssignmentRelationship", "a1", "zz"))
    res = run("import", "archi", bad, "--out", tmp_path / "o2", "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "o2").exists()
    assert "relations.csv, row 2: relation r1 joins 'zz', which is not in elements.csv" in \
        res.output
    # a model with nothing left out writes no IMPORT.md and no import: counts
    clean = _archi_model(tmp_path / "clean", ("r1", "AssignmentRelationship", "a1", "a2"))
    (clean / "elements.csv").write_text("\n".join(
        (clean / "elements.csv").read_text(encoding="utf-8").splitlines()[:4]) + "\n",
        encoding="utf-8")
    res = run("import", "archi", clean, "--out", tmp_path / "o3", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert not (tmp_path / "o3" / "IMPORT.md").exists()
    assert "import" not in orgmodel.load(tmp_path / "o3").manifest
    # the library does what the command does: read_any names, save writes the log
    left_out: list = []
    org = orgmodel.read_any(src, "archi", left_out)
    orgmodel.save(org, tmp_path / "lib", left_out, src, "nl")
    dutch = (tmp_path / "lib" / "IMPORT.md").read_text(encoding="utf-8")
    assert len(left_out) == 5 and "- Niet gebruikte regels: 5:" in dutch
    assert orgmodel.load(tmp_path / "lib").manifest["import"]["log"] == "IMPORT.md"


def test_an_archi_junction_is_named_as_one(tmp_path):
    """A junction (relations drawn through one point) was named "not of the
    organisation (another ArchiMate layer)", which it is not: the log says
    it joins relations, which are not followed through it."""
    src = _archi_model(tmp_path / "archi", ("r1", "AssignmentRelationship", "a1", "j1"),
                       ("r2", "AssignmentRelationship", "j1", "a2"))
    elements = src / "elements.csv"
    elements.write_text(elements.read_text(encoding="utf-8") + '"j1","Junction","","",""\n',
                        encoding="utf-8")
    res = run("import", "archi", src, "--out", tmp_path / "out", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("elements.csv, row 7: Junction '' joins relations, which are not followed through "
            "it") in res.output
    assert "Junction '' is not of the organisation" not in res.output


def test_an_archi_export_with_a_file_prefix(tmp_path):
    """Archi's CSV export asks for a file prefix (gemma-elements.csv ...):
    such a folder was refused as "elements.csv is missing". Its files are
    read and cited by their own names; two models in one folder are an
    error naming both, as which is meant the folder does not say."""
    src = _archi_model(tmp_path / "archi", ("r1", "AssignmentRelationship", "a1", "a2"),
                       ("r2", "FlowRelationship", "c1", "c2"))
    for name in ("elements.csv", "relations.csv"):
        (src / name).rename(src / f"gemma-{name}")
    res = run("import", "archi", src, "--out", tmp_path / "out", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "gemma-relations.csv, row 3: FlowRelationship r2 joins an element" in res.output
    org = orgmodel.load(tmp_path / "out")
    assert [(u, v, d["kind"]) for u, v, d in org.graph.edges(data=True)] == \
        [("a1", "a2", "HOLDS")]
    for name in ("elements.csv", "relations.csv"):
        shutil.copy(src / f"gemma-{name}", src / f"oud-{name}")
    res = run("import", "archi", src, "--out", tmp_path / "two", "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "two").exists()
    assert "holds the CSV files of 2 Archi models (gemma-elements.csv, oud-elements.csv)" in \
        res.output


@pytest.mark.parametrize("org_name", ["template", "deventer", "albrandswaard"])
@pytest.mark.parametrize("target", ["model.xlsx", "model.ttl", "model.jsonld", "archi-csv"])
def test_round_trips_are_exact(tmp_path, org_name, target):
    src = DATA / org_name
    mid = tmp_path / target
    extra = ["--to", "archi"] if target == "archi-csv" else []
    res = run("convert", src, mid, *extra)
    assert res.exit_code == 0, res.output
    back = tmp_path / "back"
    res = run("convert", mid, back, *(["--from", "archi"] if extra else []))
    assert res.exit_code == 0, res.output
    assert orgmodel.load(back) == orgmodel.load(src)
    # the analyses read the intermediate file directly too
    if target != "archi-csv":
        assert run("summary", "--org", mid).exit_code == 0


def test_workbook_errors_name_sheet_and_row(tmp_path):
    wb_path = tmp_path / "m.xlsx"
    assert run("convert", DATA / "template", wb_path).exit_code == 0
    from openpyxl import load_workbook
    wb = load_workbook(wb_path)
    ws = wb["edges"]
    ws.cell(row=4, column=2).value = "nobody"
    wb.save(wb_path)
    res = run("validate", "--org", wb_path)
    res = run("summary", "--org", wb_path)
    assert res.exit_code == 1 and "m.xlsx, sheet edges, row 4" in res.output, res.output
    # (a workbook has no nodes.csv: the message sent its reader looking for one)
    assert "'to' names 'nobody', which is not a node in m.xlsx, sheet nodes" in res.output
    nl = run("summary", "--org", wb_path, "--lang", "nl")
    assert "en dat is geen knooppunt in m.xlsx, blad nodes" in nl.output, nl.output


def test_a_formula_in_a_name_stays_text_in_the_workbook(tmp_path, template_copy):
    nodes = template_copy / "nodes.csv"
    nodes.write_text(nodes.read_text().replace("General director", '"=HYPERLINK(""x"")"'))
    wb_path = tmp_path / "m.xlsx"
    assert run("convert", template_copy, wb_path).exit_code == 0
    from openpyxl import load_workbook
    cell = next(c for row in load_workbook(wb_path)["nodes"].iter_rows() for c in row
                if c.value == '=HYPERLINK("x")')
    assert cell.data_type == "s"
    assert orgmodel.formats.read_any(wb_path) == orgmodel.load(template_copy)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_read_back_with_the_same_nodes_edges_and_attributes(tmp_path, fmt):
    org = orgmodel.load(DATA / "deventer")
    path = tmp_path / f"d.{fmt}"
    res = run("export", fmt, "--org", DATA / "deventer", "-o", path)
    assert res.exit_code == 0, res.output
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(g.nodes) == set(org.graph.nodes)
    assert g.number_of_edges() == org.graph.number_of_edges()
    from orgmodel.formats._flat import flat_value
    reserved = ("id", "label", "start", "end", "pid", "type", "weight", "viz", "key")
    for n, d in org.graph.nodes(data=True):
        got = g.nodes[n]
        for k, v in d.items():
            v = flat_value(v)
            if v is None:
                continue
            key = f"om_{k}" if fmt == "gexf" and k in reserved else k
            assert got[key] == v, (n, k, got.get(key), v)
    # types kept: booleans and numbers are not text
    tm = g.nodes["tm-orb"]
    edges = [d for u, v, d in g.edges(data=True) if u == "tm-orb" and d.get("kind") == "REPORTS_TO"]
    assert edges and edges[0]["temporary"] is True
    assert tm["name"] == "Teammanager(s) ORB teams"


#: The prefixes of a W3C ORG file of another tool.
ORG_PREFIXES = """@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def test_plain_w3c_org_from_another_tool_is_read_through_the_org_terms(tmp_path):
    f = tmp_path / "other.ttl"
    f.write_text(ORG_PREFIXES + """<urn:x:ceo> a org:Post ; skos:prefLabel "Chief executive" .
<urn:x:cfo> a org:Post ; skos:prefLabel "Finance director" ; org:reportsTo <urn:x:ceo> ;
    org:heldBy <urn:x:ann> .
<urn:x:ann> a foaf:Person ; foaf:name "Ann" .
<urn:x:fin> a org:OrganizationalUnit ; skos:prefLabel "Finance" ; org:unitOf <urn:x:corp> .
<urn:x:corp> a org:OrganizationalUnit ; skos:prefLabel "Corporate services" .
""")
    org = orgmodel.formats.read_any(f)
    assert org.graph.nodes["cfo"]["name"] == "Finance director"
    assert {(u, v, d["kind"]) for u, v, d in org.graph.edges(data=True)} == {
        ("cfo", "ceo", "REPORTS_TO"), ("ann", "cfo", "HOLDS"), ("fin", "corp", "MEMBER_OF")}


def test_a_w3c_org_posts_own_role_is_a_role_it_plays(tmp_path):
    """A post's ``org:role`` (the role its holder plays: *Teamleider* of the
    post *Teamleider Burgerzaken*) was left out in silence: ``org:role`` is
    read for memberships, so no line named it. It is a role the post plays
    (PLAYS), a node of its own; an ``org:role`` of a person is named as not
    read."""
    f = tmp_path / "other.ttl"
    f.write_text(ORG_PREFIXES + """<urn:x:hd> a org:Post ; skos:prefLabel "Afdelingshoofd" .
<urn:x:tl> a org:Post ; skos:prefLabel "Teamleider Burgerzaken" ; org:reportsTo <urn:x:hd> ;
    org:role <urn:x:teamleider> .
<urn:x:teamleider> a org:Role ; skos:prefLabel "Teamleider" .
<urn:x:ann> a foaf:Person ; foaf:name "Ann" ; org:role <urn:x:teamleider> .
""")
    out = tmp_path / "out"
    res = run("import", "org", f, "--out", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(out)
    assert org.graph.nodes["teamleider"]["kind"] == "Role"
    assert org.graph.nodes["teamleider"]["name"] == "Teamleider"
    assert {(u, v, d["kind"]) for u, v, d in org.graph.edges(data=True)} == {
        ("tl", "hd", "REPORTS_TO"), ("tl", "teamleider", "PLAYS")}
    assert ("other.ttl: org:role from 'Ann' to 'Teamleider' not read: orgmodel reads the role "
            "of a post or of a membership") in res.output
    assert "org:Role" not in res.output


OTHER_TOOL_DUTCH = """@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/gemeente/> .
ex:gem a org:FormalOrganization ; skos:prefLabel "Gemeente X"@nl, "Municipality X"@en .
ex:gs a org:Post ; skos:prefLabel "Gemeentesecretaris"@nl, "Town clerk"@en .
ex:tm a org:Post ; skos:prefLabel "Teammanager"@nl-NL ; org:reportsTo ex:gs ;
    org:heldBy [ a foaf:Person ; foaf:name "Anna de Vries" ] .
[] a org:Post ; skos:prefLabel "Beleidsadviseur"@nl ; org:reportsTo ex:tm .
"""


def test_a_dutch_w3c_org_file_of_another_tool(tmp_path):
    """Labels in Dutch and English were read as one of them, whichever came
    first; a blank node's id was random on every read, so two imports of the
    same file differed; and a problem cited "row 5" of a table the reader
    made, which is nowhere in a file of triples."""
    f = tmp_path / "gemeente.ttl"
    f.write_text(OTHER_TOOL_DUTCH)
    org = orgmodel.formats.read_any(f)
    again = orgmodel.formats.read_any(f)
    assert sorted(org.graph.nodes) == sorted(again.graph.nodes)
    assert set(orgmodel.diff(org, again).counts()["nodes"]) == {"unchanged"}
    gs = org.graph.nodes["gs"]
    assert (gs["name"], gs["name_nl"], gs["name_en"]) == ("Town clerk", "Gemeentesecretaris",
                                                          "Town clerk")
    assert org.graph.nodes["tm"]["name_nl"] == "Teammanager"       # (nl-NL is Dutch)
    line = {(u, v) for u, v, _ in org.edges("REPORTS_TO")}
    assert line == {("tm", "gs"), ("post:beleidsadviseur", "tm")}
    assert [v for u, v, _ in org.edges("HOLDS")] == ["tm"]
    assert [u for u, v, _ in org.edges("HOLDS")] == ["person:anna-de-vries"]
    # the Dutch report shows the Dutch names, the English one the English
    nl = (orgmodel.write_report(org, tmp_path / "nl", html=False, lang="nl")).read_text()
    en = (orgmodel.write_report(org, tmp_path / "en", html=False, lang="en")).read_text()
    assert "Gemeentesecretaris" in nl and "Gemeentesecretaris" not in en and "Town clerk" in en
    # a line in a circle is cited by the statement, not by a row of no file
    f.write_text(OTHER_TOOL_DUTCH + "ex:gs org:reportsTo ex:tm .\n")
    with pytest.raises(orgmodel.ValidationError) as exc:
        orgmodel.formats.read_any(f)
    (p,) = exc.value.problems
    assert p.file == "gemeente.ttl" and p.row is None
    assert str(p.message).startswith("ex:") and " org:reportsTo ex:" in str(p.message)
    assert "goes round in a circle" in str(p.message)


def test_import_refuses_to_overwrite_an_organisation(tmp_path):
    out = tmp_path / "out"
    shutil.copytree(DATA / "template", out)
    f = tmp_path / "p.csv"
    f.write_text("id,reports_to,title\n1,,Top\n")
    res = run("import", "posts", f, "--out", out)
    assert res.exit_code == 2 and "--force" in res.output
    assert orgmodel.load(out) == orgmodel.load(DATA / "template")
    assert run("import", "posts", f, "--out", out, "--force").exit_code == 0
    assert orgmodel.load(out).ids("Post") == ["1"]


def test_posts_from_a_workbook(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "Posts"
    ws.append(["Post", "Boss", "Title", "FTE"])
    ws.append([1, None, "Director", 1])
    ws.append([2, 1, "Manager", 0.8])
    f = tmp_path / "posts.xlsx"
    wb.save(f)
    res = run("import", "posts", f, "--id", "Post", "--reports-to", "Boss", "--out",
              tmp_path / "out")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "out")
    assert org.graph.nodes["2"]["fte_max"] == 0.8
    assert [(u, v) for u, v, _ in org.edges("REPORTS_TO")] == [("2", "1")]
    assert org.graph.nodes["2"]["source"] == "posts line 3"


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_large_models_are_streamed_and_still_round_trip(tmp_path, monkeypatch, fmt):
    # Above STREAM_ABOVE the files are written a triple (or a subject) at a
    # time; force that on Deventer and read it back.
    from orgmodel.formats import w3c_org
    monkeypatch.setattr(w3c_org, "STREAM_ABOVE", 0)
    org = orgmodel.load(DATA / "deventer")
    path = w3c_org.write_org(org, tmp_path / ("d.ttl" if fmt == "turtle" else "d.jsonld"), fmt)
    if fmt == "turtle":
        assert path.read_text(encoding="utf-8").count(" .\n") > 500
    assert w3c_org.read_org(path, fmt) == org


def test_the_preset_takes_a_later_years_column_names_and_a_quoted_top(tmp_path):
    # Later organograms say "Grade" where 2011 said "Grade (or equivalent)";
    # a top may be written in lower case; a placeholder top may carry the
    # organisation's name as its holder.
    f = tmp_path / "senior.csv"
    f.write_text('"Post Unique Reference","Name","Grade","Job Title","Organisation","Unit",'
                 '"Reports to Senior Post","FTE"\n'
                 '"ORG","Ministry of Examples","","Top","Ministry of Examples","Office","xx",""\n'
                 '"1","\'N/D\'","SCS3","Permanent Secretary","Ministry of Examples","Office",'
                 '"ORG","1"\n', encoding="utf-8")
    org, log = read_posts(f, preset="uk-organogram")
    assert org.graph.nodes["1"]["grade"] == "SCS3"
    assert [p for p, _ in log.placeholders] == ["ORG"] and log.undisclosed == 1
    assert orgmodel.layering(org).frame.set_index("id").loc["1", "layer"] == 1


def test_holder_values_written_other_ways(tmp_path):
    # Other departments write "VACANT", "Vacant post", "N/A", "N.D.", "Post eliminated".
    f = tmp_path / "p.csv"
    f.write_text("id,reports_to,title,holder\n1,,Top,Ann\n2,1,A,VACANT\n3,1,B,Vacant post\n"
                 "4,1,C,N/A\n5,1,D,N.D.\n6,1,E,Post eliminated\n7,1,F,Eliminated.\n")
    org, log = read_posts(f)
    assert log.vacancies == ["2", "3"] and log.undisclosed == 2
    assert [r for _, r, _ in log.skipped] == [7, 8]
    assert sorted(org.ids("Post")) == ["1", "2", "3", "4", "5"]


def test_a_superior_id_in_other_capitals_is_that_post(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("id,reports_to,title\nPS001,,Top\nD1,ps001,Director\n")
    org, log = read_posts(f)
    assert [(u, v) for u, v, _ in org.edges("REPORTS_TO")] == [("D1", "PS001")]
    assert any("read as post PS001" in d for d in log.decisions)


def _junior_edited(tmp_path, name, column, edit):
    """The published junior file ``name`` as ``tmp_path / "junior.csv"``, its
    ``column`` edited: ``{row: new cell}`` (rows counted after the header),
    or a function of every cell of it."""
    with open(UK / name, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    at = rows[0].index(column)
    for i, row in enumerate(rows[1:], start=1):
        if callable(edit):
            row[at] = edit(row[at])
        elif i in edit:
            row[at] = edit[i]
    junior = tmp_path / "junior.csv"
    with open(junior, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return junior


def test_junior_rows_without_a_senior_post_say_which(tmp_path):
    """A junior row whose senior post is empty was "its senior post '' is
    not in the posts file"; it gives none, said so; one naming a post not
    in the file is named as before."""
    junior = _junior_edited(tmp_path, "cabinet_office-2013-09-30-junior.csv",
                            "Reporting Senior Post", {1: "", 2: "99999", 3: "XX"})
    org, log = read_posts(UK / "cabinet_office-2013-09-30-senior.csv", junior=junior,
                          preset="uk-organogram")
    said = {row: str(why) for file, row, why in log.skipped if file == "junior.csv"}
    assert said[2] == "no senior post given" and \
        said[3] == "its senior post '99999' is not in the posts file", said
    # (a top's word for none, as the senior file writes it: it was "not in the posts file")
    assert said[4] == "no senior post given ('XX' says there is none)", said


def test_a_junior_file_given_as_the_posts_file_says_so(tmp_path):
    res = run("import", "posts", UK / "cabinet_office-2011-03-31-junior.csv", "--preset",
              "uk-organogram", "--out", tmp_path / "o")
    assert res.exit_code == 1 and "looks like a junior-staff file" in res.output
    assert "--junior" in res.output and not (tmp_path / "o").exists()


def test_one_workbook_with_senior_and_junior_sheets(tmp_path):
    # The published XLSX template keeps notes, senior posts and junior staff on
    # separate sheets: the import finds each by its columns.
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.title = "Notes"
    wb.active.append(["This workbook follows the organogram template"])
    for name, path in (("(final data) senior", "cabinet_office-2011-03-31-senior.csv"),
                       ("(final data) junior", "cabinet_office-2011-03-31-junior.csv")):
        ws = wb.create_sheet(name)
        with open(UK / path, encoding="utf-8") as f:
            for row in csv.reader(f):
                ws.append(row)
    book = tmp_path / "co.xlsx"
    wb.save(book)
    res = run("import", "posts", book, "--junior", book, "--preset", "uk-organogram",
              "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    from_xlsx = orgmodel.load(tmp_path / "o")
    from_csv, _ = imported("cabinet_office", "2011-03-31")
    assert orgmodel.totals(from_xlsx) == orgmodel.totals(from_csv)


@pytest.mark.parametrize("name", ["write_xlsx", "write_org", "write_graphml", "write_gexf",
                                  "write_html"])
def test_a_writer_takes_an_open_file_and_writes_what_it_writes_to_a_path(name, tmp_path, sample):
    import io
    writer = getattr(orgmodel, name)
    suffix = {"write_xlsx": ".xlsx", "write_org": ".ttl", "write_graphml": ".graphml",
              "write_gexf": ".gexf", "write_html": ".html"}[name]
    buf = io.BytesIO()
    assert writer(sample, buf) is buf
    on_disk = writer(sample, tmp_path / f"m{suffix}").read_bytes()
    if name in ("write_xlsx", "write_org"):
        # a workbook stamps its creation time, RDF numbers its blank nodes anew
        # each time: compare what they hold
        read = orgmodel.read_xlsx if name == "write_xlsx" else orgmodel.read_org
        (tmp_path / f"b{suffix}").write_bytes(buf.getvalue())
        a, b = read(tmp_path / f"m{suffix}"), read(tmp_path / f"b{suffix}")
        assert sorted(a.graph.nodes(data=True)) == sorted(b.graph.nodes(data=True))
        assert sorted(map(str, a.graph.edges(data=True))) == sorted(map(str, b.graph.edges(data=True)))
    else:
        assert buf.getvalue() == on_disk


def test_a_failing_writer_leaves_an_open_file_untouched(sample, monkeypatch):
    import io

    import networkx as nx

    def broken(g, path, **kw):
        path.write_text("half")
        raise OSError("disk full")
    monkeypatch.setattr(nx, "write_graphml", broken)
    buf = io.BytesIO()
    with pytest.raises(OSError):
        orgmodel.write_graphml(sample, buf)
    assert buf.getvalue() == b""


def test_the_september_2013_layout_is_read_as_published(tmp_path):
    # An unnamed first column (the spreadsheet's row numbers) and an unnamed
    # one in the middle: left out and said once, in CSV as in XLSX; the date
    # from the file's name; the junior staff of a post marked eliminated
    # (Department of Health, CNO017: 6 rows) counted under its superior,
    # and the log naming the post as eliminated, not "not in the posts file".
    senior = UK / "department_of_health-2013-09-30-senior.csv"
    junior = UK / "department_of_health-2013-09-30-junior.csv"
    res = run("import", "posts", senior, "--junior", junior, "--preset", "uk-organogram",
              "--out", tmp_path / "dh")
    assert res.exit_code == 0, res.output
    assert ("department_of_health-2013-09-30-senior.csv: columns 1, 17 have values but no "
            "name in the header: left out") in res.output
    assert ("department_of_health-2013-09-30-junior.csv: column 1 has values but no name in "
            "the header: left out") in res.output
    assert "The date 30 September 2013 is read from the file's name" in res.output
    with open(junior, encoding="utf-8") as f:
        under = [r for r in csv.DictReader(f) if r["Reporting Senior Post"] == "CNO017"]
    with open(senior, encoding="utf-8") as f:
        boss = next(r["Reports to Senior Post"] for r in csv.DictReader(f)
                    if r["Post Unique Reference"] == "CNO017")
    fte = sum(float(r["Number of Posts in FTE"]) for r in under)
    assert (f"The junior staff of post CNO017, which is marked eliminated ({len(under)} rows, "
            f"{fte:g} FTE), are counted under its superior {boss}") in res.output
    assert "'CNO017' is not in the posts file" not in res.output
    org = orgmodel.load(tmp_path / "dh")
    staff = sum(float(d["fte_min"]) for u, v, d in
                ((u, v, org.graph.nodes[u]) for u, v, e in org.graph.edges(data=True)
                 if e["kind"] == "STAFF_OF" and v == boss))
    assert staff >= fte
    # the same file as a workbook: the same columns left out, the same model
    import openpyxl
    book = tmp_path / "dh-senior.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    with open(senior, encoding="utf-8") as f:
        for row in csv.reader(f):
            ws.append(row)
    wb.save(book)
    res = run("import", "posts", book, "--junior", junior, "--preset", "uk-organogram",
              "--date", "2013-09-30", "--out", tmp_path / "dh-xlsx")
    assert res.exit_code == 0, res.output
    assert "dh-senior.xlsx: columns 1, 17 have values but no name" in res.output
    assert orgmodel.totals(orgmodel.load(tmp_path / "dh-xlsx")) == orgmodel.totals(org)


def test_an_xls_workbook_is_read_as_its_csv_files(tmp_path):
    # The departments filled in an Excel 97-2003 template: one .xls with a
    # senior and a junior sheet (made from the two published CSV files; see
    # SOURCE.md). It was refused with "save it as CSV UTF-8".
    xls = UK / "department_of_health-2013-09-30.xls"
    res = run("import", "posts", xls, "--junior", xls, "--preset", "uk-organogram",
              "--out", tmp_path / "x")
    assert res.exit_code == 0, res.output
    assert "The date 30 September 2013 is read from the file's name" in res.output
    csv_org = read_posts(UK / "department_of_health-2013-09-30-senior.csv",
                         UK / "department_of_health-2013-09-30-junior.csv",
                         preset="uk-organogram")[0]
    assert orgmodel.totals(orgmodel.load(tmp_path / "x")) == orgmodel.totals(csv_org)
    renamed = tmp_path / "not.xls"
    renamed.write_bytes((UK.parent.parent.parent / "data" / "template" / "nodes.csv").read_bytes())
    res = run("import", "posts", renamed, "--out", tmp_path / "y")
    assert res.exit_code == 1 and "is text, not the workbook its name says: a CSV file?" \
        in res.output
    broken = tmp_path / "broken.xls"
    broken.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 100)
    res = run("import", "posts", broken, "--out", tmp_path / "z")
    assert res.exit_code == 1 and "is not an Excel 97-2003 workbook (.xls) that can be read" \
        in res.output


def test_an_ods_workbook_is_read_as_its_xls_and_csv_files(tmp_path):
    """An OpenDocument spreadsheet (LibreOffice's own format, and the Dutch
    government's open standard for documents) was read as CSV text and
    refused.  The .xls above as LibreOffice saves it reads as the same
    organisation: the same nodes and edges, row for row."""
    ods = UK / "department_of_health-2013-09-30.ods"
    xls = UK / "department_of_health-2013-09-30.xls"
    for book in (ods, xls):
        res = run("import", "posts", book, "--junior", book, "--preset", "uk-organogram",
                  "--out", tmp_path / book.suffix[1:])
        assert res.exit_code == 0, res.output
    for table in ("nodes.csv", "edges.csv"):
        assert (tmp_path / "ods" / table).read_text(encoding="utf-8") == \
            (tmp_path / "xls" / table).read_text(encoding="utf-8")
    assert orgmodel.totals(orgmodel.load(tmp_path / "ods"))["posts"] == 163


@pytest.mark.parametrize("given,other,column", [("nl-hr", "uk-organogram",
                                                   "Post Unique Reference"),
                                                  ("uk-organogram", "nl-hr", "Formatieplaats")])
def test_a_file_read_with_the_other_preset_is_told_which(tmp_path, given, other, column):
    """A UK organogram read with `--preset nl-hr` (or a Dutch export with
    the UK preset) was refused for lacking the post id column, with `--id`
    and `--row-ids` offered: the file's own format is named."""
    if other == "uk-organogram":
        posts = UK / "cabinet_office-2013-09-30-senior.csv"
    else:
        posts = tmp_path / "formatie.csv"
        posts.write_text("Formatieplaats;Functie;Leidinggevende formatieplaats;FTE\n"
                         "F1;Directeur;;1\nF2;Adviseur;F1;0,8\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", given, "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "o").exists()
    assert f"for the post id of --preset {given}, and its columns are those of " in res.output
    assert f"'{column}' is its post id there; read it with --preset {other}" in res.output, \
        res.output


def test_an_organogram_whose_post_reference_is_named_otherwise_is_offered_it(tmp_path):
    """A department's file whose `Post Unique Reference` is headed `Post
    Reference`: the refusal named none of its columns; it offers the one
    its superiors' column names (a job share's two rows, the top's `XX` and
    a superior outside the file notwithstanding)."""
    text = (UK / "cabinet_office-2013-09-30-senior.csv").read_text(encoding="utf-8")
    posts = tmp_path / "senior.csv"
    posts.write_text(text.replace("Post Unique Reference", "Post Reference", 1),
                     encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "uk-organogram", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "o").exists()
    assert "'Post Reference' gives each row its own value, which 'Reports to Senior Post' " \
        "names as the superior: give --id 'Post Reference'" in res.output, res.output
    res = run("import", "posts", posts, "--preset", "uk-organogram", "--id", "Post Reference",
              "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output


def test_units_given_by_their_codes_beside_their_names_are_offered_the_names(tmp_path):
    """A Youforce-like export gives `Organisatie-eenheid` as a code (210)
    and its name beside it: the units were named 210 and 220, unsaid. The
    log offers the names' column, where each code has one name; where two
    codes share a name, it says why not (by name they would be one unit)."""
    rows = [["Formatieplaats", "Functie", "Organisatie-eenheid",
             "Omschrijving organisatie-eenheid", "Leidinggevende formatieplaats"],
            ["F1", "Gemeentesecretaris", "100", "Directie", ""],
            ["F2", "Teammanager Ruimte", "210", "Ruimte", "F1"],
            ["F3", "Beleidsadviseur", "210", "Ruimte", "F2"],
            ["F4", "Beleidsadviseur", "220", "Samenleving", "F1"]]
    posts = tmp_path / "yf.csv"

    def imported(out, *extra):
        posts.write_text("".join(";".join(r) + "\n" for r in rows), encoding="utf-8")
        res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / out,
                  "--lang", "en", *extra)
        assert res.exit_code == 0, res.output
        return res.output
    said = imported("codes")
    assert "Units named by the codes in 'Organisatie-eenheid' (100, 210, 220): 'Omschrijving " \
        "organisatie-eenheid' gives their names; give --unit 'Omschrijving " \
        "organisatie-eenheid' to name the units so" in said, said
    units = {d["name"] for _, d in orgmodel.load(tmp_path / "codes").graph.nodes(data=True)
             if d["kind"] == "Team"}
    assert units == {"100", "210", "220"}      # (as the file's unit column gives them)
    imported("names", "--unit", "Omschrijving organisatie-eenheid")
    units = {d["name"] for _, d in orgmodel.load(tmp_path / "names").graph.nodes(data=True)
             if d["kind"] == "Team"}
    assert units == {"Directie", "Ruimte", "Samenleving"}
    rows[4][3] = "Ruimte"
    said = imported("shared")
    assert "'Omschrijving organisatie-eenheid' gives names, but not one to each code" in said
    assert "give --unit" not in said


def test_a_hidden_column_is_named_in_the_log(tmp_path):
    """A column hidden in the workbook (an old unit's, a start date) was read
    or passed over as any other, unsaid: its reader does not see it, so the
    log names it, as it names hidden rows (hiding is not deleting). An
    .xlsx as openpyxl writes it, and the ODS fixture as LibreOffice would
    with its seventh column hidden."""
    import zipfile

    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["Functienummer", "Functie", "Leidinggevende", "Afdeling", "Afdeling (oud)",
                 "FTE"], ["F1", "Directeur", "", "Directie", "Staf", "1"],
                ["F2", "Adviseur", "F1", "Ruimte", "Beleid", "0,8"]):
        ws.append(row)
    ws.column_dimensions["E"].hidden = True
    wb.save(tmp_path / "f.xlsx")
    src = ROOT / "tests" / "fixtures" / "nl-hr" / "formatie-voorbeeld.ods"
    columns = '<table:table-column table:style-name="co1" table:number-columns-repeated="16384"'
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(tmp_path / "f.ods", "w") as out:
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename == "content.xml":
                text = data.decode("utf-8")
                assert columns in text
                data = text.replace(columns, (
                    '<table:table-column table:number-columns-repeated="6"/>'
                    '<table:table-column table:visibility="collapse"/>'
                    '<table:table-column table:number-columns-repeated="16377"'), 1).encode()
            out.writestr(item, data)
    for book, said in (("f.xlsx", "- f.xlsx: column 'Afdeling (oud)' is hidden "
                                  "in the workbook, and treated as any other column (hiding "
                                  "is not deleting)"),
                       ("f.ods", "column 'Ingangsdatum' is hidden in the workbook")):
        res = run("import", "posts", tmp_path / book, "--preset", "nl-hr", "--full-time", "36",
                  "--out", tmp_path / book.replace(".", "-"), "--lang", "en")
        assert res.exit_code == 0, res.output
        assert said in res.output, res.output
    res = run("import", "posts", src, "--preset", "nl-hr", "--full-time", "36",
              "--out", tmp_path / "plain", "--lang", "en")
    assert "is hidden in the workbook, and treated" not in res.output


def _ods_of(path, sheets: dict, hidden: str) -> None:
    """An ODS workbook of ``sheets`` (``{title: rows}``), the sheet
    ``hidden`` hidden as LibreOffice hides one (a table style that says
    ``table:display="false"``)."""
    import zipfile
    from xml.sax.saxutils import escape, quoteattr
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    styles = ('<office:automatic-styles><style:style style:name="ta1" style:family="table">'
              '<style:table-properties table:display="true"/></style:style>'
              '<style:style style:name="ta2" style:family="table">'
              '<style:table-properties table:display="false"/></style:style>'
              '</office:automatic-styles>')
    tables = "".join(
        f'<table:table table:name={quoteattr(title)} '
        f'table:style-name="{"ta2" if title == hidden else "ta1"}">' + "".join(
            "<table:table-row>" + "".join(
                f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p>'
                "</table:table-cell>" for v in row) + "</table:table-row>" for row in rows)
        + "</table:table>" for title, rows in sheets.items())
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", f"<office:document-content {ns}>{styles}<office:body>"
                   f"<office:spreadsheet>{tables}</office:spreadsheet></office:body>"
                   "</office:document-content>")


def test_a_hidden_sheet_is_named_hidden(tmp_path):
    """A workbook that keeps last year's formatie on a hidden sheet beside
    this year's was refused naming both sheets, one of which its reader
    cannot see among the tabs: the refusal says it is hidden. A hidden sheet
    that is read (given with --sheet, or the junior staff of an organogram
    workbook) is said, in .xlsx, .xls and .ods alike."""
    import openpyxl
    rows = [["Functienummer", "Functie", "Leidinggevende", "FTE"],
            ["F1", "Gemeentesecretaris", "", "1"], ["F2", "Teammanager", "F1", "1"]]
    wb = openpyxl.Workbook()
    wb.active.title = "Formatie 2026"
    for row in rows:
        wb.active.append(row)
    old = wb.create_sheet("Formatie 2025")
    for row in rows + [["F3", "Adviseur", "F2", "1"]]:
        old.append(row)
    old.sheet_state = "hidden"
    wb.save(tmp_path / "f.xlsx")
    _ods_of(tmp_path / "f.ods", {"Formatie 2025": rows + [["F3", "Adviseur", "F2", "1"]],
                                 "Formatie 2026": rows}, hidden="Formatie 2025")
    for book in ("f.xlsx", "f.ods"):
        res = run("import", "posts", tmp_path / book, "--preset", "nl-hr", "--lang", "en",
                  "--out", tmp_path / "o")
        assert res.exit_code == 1 and "'Formatie 2025' (hidden)" in res.output, res.output
        assert "'Formatie 2026' (hidden)" not in res.output
        res = run("import", "posts", tmp_path / book, "--preset", "nl-hr", "--lang", "en",
                  "--sheet", "Formatie 2025", "--out", tmp_path / book.replace(".", "-"))
        assert res.exit_code == 0, res.output
        assert (f"{book}, sheet Formatie 2025: the sheet is hidden in the workbook, and read as "
                "any other (hiding is not deleting)") in res.output
        res = run("import", "posts", tmp_path / book, "--preset", "nl-hr", "--lang", "en",
                  "--sheet", "Formatie 2026", "--out", tmp_path / (book + "-2026"))
        assert res.exit_code == 0 and "is hidden" not in res.output, res.output
    # (.xls: the Department of Health's workbook, its junior sheet hidden by
    # the flag of its sheet record, BOUNDSHEET's visibility byte)
    data = bytearray((UK / "department_of_health-2013-09-30.xls").read_bytes())
    at = data.index(b"(final data) junior-staff") - 12
    assert data[at:at + 2] == b"\x85\x00" and data[at + 8] == 0
    data[at + 8] = 1
    (tmp_path / "dh.xls").write_bytes(bytes(data))
    res = run("import", "posts", tmp_path / "dh.xls", "--preset", "uk-organogram", "--lang",
              "en", "--out", tmp_path / "dh")
    assert res.exit_code == 0, res.output
    assert ("dh.xls, sheet (final data) junior-staff: the sheet is hidden in the workbook, and "
            "read as any other") in res.output
    assert "senior-staff: the sheet is hidden" not in res.output


def test_a_dutch_ods_as_libreoffice_saves_it(tmp_path):
    """LibreOffice's XML as people keep a formatie: a unit merged over its
    posts' rows (covered cells), a hidden row, percentages, a date, repeated
    empty cells to the sheet's last column, a title with the date and a
    totals row: each read as in a workbook (see SOURCE.md)."""
    book = ROOT / "tests" / "fixtures" / "nl-hr" / "formatie-voorbeeld.ods"
    res = run("import", "posts", book, "--preset", "nl-hr", "--full-time", "36",
              "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    for said in ("cells C5:C7 are merged; their value 'Ruimte' is read in column 'Afdeling' "
                 "of each of rows 5–7", "row 7 is hidden in the workbook",
                 "The date 1 January 2026 is read from row 1 ('1 januari 2026')",
                 "The totals row ('Totaal', row 8) gives 2.3 FTE, and the post rows read hold "
                 "3.3 FTE: they differ",
                 "FTE written in hours in 1 cell ('36 uur', row 7): read over a full-time week "
                 "of 36 hours (--full-time)"):
        assert said in res.output
    org = orgmodel.load(tmp_path / "o")
    n = org.graph.nodes
    assert [n[p].get("fte_min") for p in ("F001", "F002", "F003", "F004")] == [1, 0.8, 0.5, 1]
    member = {u: v for u, v, d in org.graph.edges(data=True) if d["kind"] == "MEMBER_OF"}
    assert [member[p] for p in ("F002", "F003", "F004")] == ["unit:ruimte"] * 3
    assert n["F004"].get("vacant") is True and str(org.manifest["date"]) == "2026-01-01"
    people = {d["name"] for _, d in org.graph.nodes(data=True) if d["kind"] == "Person"}
    assert "Anna de Vries" in people and "Vacature" not in people


@pytest.mark.parametrize("source,named,said", [
    ("department_of_health-2013-09-30.xls", "senior.csv",
     "is an Excel 97-2003 workbook (.xls), not CSV text: give it the .xls extension, which "
     "orgmodel reads"),
    ("department_of_health-2013-09-30.ods", "senior.xlsx",
     "is an OpenDocument spreadsheet (.ods), not the Excel workbook (.xlsx) its name says: give "
     "it the .ods extension, which orgmodel reads"),
    ("department_of_health-2013-09-30.xls", "senior.ods",
     "is an Excel 97-2003 workbook (.xls), not the OpenDocument spreadsheet (.ods) its name "
     "says: give it the .xls extension, which orgmodel reads"),
    ("%PDF", "senior.csv", "is a PDF document, not CSV text: export the table itself (CSV or "
     "Excel) from the system that made it; orgmodel does not read a printed table"),
    ("%PDF", "senior.xlsx", "is a PDF document, not the Excel workbook (.xlsx) its name says"),
    ("gzip", "senior.csv", "is a compressed file (gzip), not CSV text: unpack it and give the "
     "file inside"),
    ("gzip", "senior.xls", "is a compressed file (gzip), not the Excel 97-2003 workbook (.xls) "
     "its name says: unpack it"),
    ("zip", "senior.xls", "is a zip archive, not the Excel 97-2003 workbook (.xls) its name "
     "says: unpack it"),
    ("zip", "senior.csv", "is a zip archive, not CSV text: unpack it"),
])
def test_a_posts_file_whose_name_is_not_its_kind_says_what_it_is(tmp_path, source, named, said):
    """A published organogram downloaded under another kind's name (a
    workbook as "CSV", a spreadsheet of one program's kind named as the
    other's), or a file that is no table (a PDF, one left compressed): its
    contents named, with what to do, before any column is looked for."""
    import gzip
    import zipfile
    csv_text = (UK / "department_of_health-2013-09-30-senior.csv").read_bytes()
    f = tmp_path / named
    if source == "%PDF":
        f.write_bytes(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    elif source == "gzip":
        f.write_bytes(gzip.compress(csv_text))
    elif source == "zip":
        with zipfile.ZipFile(f, "w") as z:
            z.writestr("senior.csv", csv_text)
    else:
        shutil.copy(UK / source, f)
    res = run("import", "posts", f, "--preset", "uk-organogram", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 1 and f"{named}: {said}" in res.output, res.output
    assert "Traceback" not in res.output and not (tmp_path / "o").exists()
    if source.endswith((".xls", ".ods")):
        # (named so, it is read)
        f.rename(f.with_suffix(source[-4:]))
        res = run("import", "posts", f.with_suffix(source[-4:]), "--preset", "uk-organogram",
                  "--out", tmp_path / "o", "--lang", "en")
        assert res.exit_code == 0 and (tmp_path / "o" / "nodes.csv").is_file(), res.output


def test_a_file_named_ods_that_is_none_says_what_it_is(tmp_path):
    """An .xlsx renamed .ods, a text document, a CSV file renamed, a
    spreadsheet whose XML would expand entities a billion times, one whose
    row is repeated a hundred million times: each said, not read as CSV text
    (nor expanded)."""
    import zipfile
    xlsx = tmp_path / "a.ods"
    orgmodel.write_xlsx(orgmodel.load(ROOT / "data" / "template"), tmp_path / "a.xlsx")
    (tmp_path / "a.xlsx").rename(xlsx)
    odt = tmp_path / "b.ods"
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    text = tmp_path / "c.ods"
    text.write_text("Formatieplaats;Functie\n1;Directeur\n", encoding="utf-8")
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    cells = "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p>'
                    '</table:table-cell>' for v in ("F2", "Adviseur", "F1"))
    repeated = tmp_path / "e.ods"  # (one row, a hundred million times: 2 KB of file)
    with zipfile.ZipFile(repeated, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", f'<office:document-content {ns}><office:body>'
                   '<office:spreadsheet><table:table table:name="S">'
                   f'<table:table-row table:number-rows-repeated="100000000">{cells}'
                   '</table:table-row></table:table></office:spreadsheet></office:body>'
                   '</office:document-content>')
    far = tmp_path / "f.ods"       # (a row after twenty million empty ones)
    with zipfile.ZipFile(far, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", f'<office:document-content {ns}><office:body>'
                   '<office:spreadsheet><table:table table:name="S">'
                   '<table:table-row table:number-rows-repeated="20000000"><table:table-cell/>'
                   f'</table:table-row><table:table-row>{cells}</table:table-row></table:table>'
                   '</office:spreadsheet></office:body></office:document-content>')
    bomb = tmp_path / "d.ods"      # (entities that would expand to a billion 'lol's)
    with zipfile.ZipFile(bomb, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "lol">'
                   + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                             for i in range(9))
                   + ']><d>&j;</d>')
    for f, said in ((xlsx, "is an Excel workbook (.xlsx), not the OpenDocument spreadsheet "
                           "(.ods) its name says: give it the .xlsx extension, which orgmodel "
                           "reads"),
                    (odt, "is a text document (Word or Writer), not the OpenDocument "
                          "spreadsheet (.ods) its name says: copy its table into a spreadsheet"),
                    (text, "is text, not the workbook its name says"),
                    (bomb, "is not an OpenDocument spreadsheet (.ods) that can be read"),
                    (repeated, "sheet 'S', row 1: one filled row repeated 100,000,000 times"),
                    (far, "sheet 'S', row 20,000,001: past the last row a sheet has")):
        res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o",
                  "--lang", "en")
        assert res.exit_code == 1 and f"{f.name}: {said}" in res.output, res.output
        assert "Traceback" not in res.output and not (tmp_path / "o").exists()


@pytest.mark.parametrize("name,date", [
    ("130930-Organogram-senior.csv", "2013-09-30"),
    ("20131002-senior.csv", "2013-10-02"),
    ("30-09-13-Cabinet-Office-senior.csv", "2013-09-30"),
    ("Cabinet-Office-30.09.2013-senior.csv", "2013-09-30"),
    ("011013-DH---Organogram-senior.csv", None),
])
def test_the_date_in_a_files_name(tmp_path, name, date):
    posts = tmp_path / name
    posts.write_bytes((UK / "cabinet_office-2011-03-31-senior.csv").read_bytes())
    res = run("import", "posts", posts, "--preset", "uk-organogram", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    assert org.manifest.get("date") == date
    if date is None:
        assert "which could be 13 October 2001 or 1 October 2013: no date is taken (give --date)" \
            in res.output


def test_what_an_import_leaves_out_is_on_the_reports_first_page(tmp_path):
    dep, date = "department_of_health", "2013-09-30"
    out = tmp_path / "dh"
    assert run("import", "posts", UK / f"{dep}-{date}-senior.csv", "--junior",
               UK / f"{dep}-{date}-junior.csv", "--preset", "uk-organogram",
               "--out", out).exit_code == 0
    counts = orgmodel.load(out).manifest["import"]
    with open(UK / f"{dep}-{date}-senior.csv", encoding="utf-8") as f:
        gone = sum(1 for r in csv.DictReader(f) if r["Name"].casefold() == "eliminated")
    assert counts["posts_eliminated"] == gone == 10
    records = 0
    for part in ("senior", "junior"):
        with open(UK / f"{dep}-{date}-{part}.csv", encoding="utf-8") as f:
            records += sum(1 for _ in csv.DictReader(f))
    assert counts["rows_read"] == records
    for lang, line in (("en", "- **The import**: 0 rows of the files left out (0 FTE), 0 cells "
                              "not used, 10 posts marked eliminated: see IMPORT.md"),
                       ("nl", "- **De import**: 0 regels van de bestanden niet gebruikt (0 fte), "
                              "0 cellen niet gebruikt, 10 functies als opgeheven gemarkeerd")):
        assert run("report", "--org", out, "--out", tmp_path / lang, "--lang", lang).exit_code == 0
        assert line in (tmp_path / lang / "report.md").read_text()


def test_one_row_left_out_is_said_in_the_singular_on_the_reports_first_page(tmp_path):
    # (it read "1 rows of the files left out ..., 1 cells not used")
    posts = tmp_path / "posts.csv"
    posts.write_text("id,reports_to,title,holder,fte\n1,,Director,Ann,1\n,1,Clerk,Bo,0.5\n"
                     "2,1,Adviser,Cy,lots\n")
    assert run("import", "posts", posts, "--out", tmp_path / "o").exit_code == 0
    for lang, line in (("en", "- **The import**: 1 row of the files left out (0.5 FTE), 1 cell "
                              "not used, 0 posts marked eliminated: see IMPORT.md"),
                       ("nl", "- **De import**: 1 regel van de bestanden niet gebruikt (0,5 fte), "
                              "1 cel niet gebruikt, 0 functies als opgeheven gemarkeerd")):
        assert run("report", "--org", tmp_path / "o", "--out", tmp_path / lang, "--lang",
                   lang).exit_code == 0
        assert line in (tmp_path / lang / "report.md").read_text(encoding="utf-8")


def test_strict_refuses_an_import_that_leaves_out_a_row(tmp_path):
    posts = tmp_path / "posts.csv"
    posts.write_text("id,reports_to,title,holder,fte\n1,,Director,Ann,1\n,1,Clerk,Bo,0.5\n"
                     "2,1,Adviser,Cy,lots\n")
    res = run("import", "posts", posts, "--out", tmp_path / "o", "--strict")
    assert res.exit_code == 1
    assert "2 problems found" in res.output
    assert "posts.csv, row 3: no post id" in res.output
    assert "posts.csv, row 4: FTE 'lots' is not a number: the post is kept without that FTE" \
        in res.output
    assert not (tmp_path / "o").exists()
    res = run("import", "posts", posts, "--out", tmp_path / "o")
    assert res.exit_code == 0
    counts = orgmodel.load(tmp_path / "o").manifest["import"]
    assert (counts["rows_left_out"], counts["fte_left_out"], counts["cells_not_used"]) == (1, 0.5, 1)


def test_a_post_id_used_for_two_posts_is_refused_or_split_on_request(tmp_path):
    # A department used one id for its Permanent Secretary and a regional
    # director: the posts under "them" lost their line in silence.
    posts = tmp_path / "posts.csv"
    posts.write_text("id,reports_to,title,holder,fte,grade\n"
                     "P1,,Permanent Secretary,Ann,1,SCS4\n"
                     "P1,D9,Regional Director,Bo,1,SCS2\n"
                     "D9,P1,Director-General,Cy,1,SCS3\n"
                     "S1,P1,Adviser,Di,1,G7\nS1,P1,Adviser,Ed,1,G6\n")
    res = run("import", "posts", posts, "--out", tmp_path / "o")
    assert res.exit_code == 1
    assert ("posts.csv, row 2: post id 'P1' is used for 2 different posts (row 2: Permanent "
            "Secretary, grade SCS4, reports to (nobody); row 3: Regional Director, grade SCS2, "
            "reports to D9)") in res.output
    # the same id on rows of another grade is no job share either
    assert "post id 'S1' is used for 2 different posts" in res.output
    assert not (tmp_path / "o").exists()
    res = run("import", "posts", posts, "--out", tmp_path / "o", "--split-reused-ids")
    assert res.exit_code == 0, res.output
    assert "P1 → P1~2, P1~3" in res.output and "S1 → S1~5, S1~6" in res.output
    assert "reports to 'P1', an id used for several different posts: the line is left out" \
        in res.output
    org = orgmodel.load(tmp_path / "o")
    assert {"P1~2", "P1~3", "S1~5", "S1~6"} <= set(org.graph)


def test_a_post_id_on_rows_of_two_units_is_no_job_share(tmp_path):
    """A job code ('Functiecode') on the rows of two units' heads was read as
    one post held by both, in the first row's unit: the other unit vanished
    ("1 unit") and nothing said so. Rows of one id in different units are
    different posts, refused as any reused id is, each row's unit said."""
    posts = tmp_path / "hr.csv"
    posts.write_text("Functiecode;Functienaam;Afdeling;Naam;Leidinggevende;Fte\n"
                     "F001;Afdelingshoofd;Ruimte;Anna de Vries;;1,0\n"
                     "F001;Afdelingshoofd;Werk;Bert Bos;;1,0\n"
                     "F002;Jurist;Werk;Els Smit;F001;0,5\n"
                     "F002;Jurist;Werk;Kees Bakker;F001;0,5\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 1 and not (tmp_path / "o").exists()
    assert ("hr.csv, regel 2: functie-id 'F001' wordt gebruikt voor 2 verschillende functies "
            "(regel 2: Afdelingshoofd, in Ruimte, valt onder (niemand); regel 3: Afdelingshoofd, "
            "in Werk, valt onder (niemand))") in res.output
    assert "'F002'" not in res.output       # (one unit, one post: a job share)
    assert "'Functiecode' kan een functiecode zijn die functies delen" in res.output
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--split-reused-ids")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    units = {org.graph.nodes[u]["name"] for p in ("F001~2", "F001~3")
             for _, u, k in org.graph.out_edges(p, data="kind") if k == "MEMBER_OF"}
    assert units == {"Ruimte", "Werk"}
    assert len([h for h in org.graph.predecessors("F002")
                if org.graph.nodes[h]["kind"] == "Person"]) == 2


def test_a_job_shares_cost_centres_are_all_kept(tmp_path):
    """A job share whose rows give two cost centres (a post financed from
    two) kept its first row's: the other was dropped in silence. Both are
    kept on the post, and the log says so."""
    posts = tmp_path / "hr.csv"
    posts.write_text("Formatieplaats;Functie;Afdeling;Medewerker;Leidinggevende functie;Fte;"
                     "Kostenplaats\nF1;Directeur;Directie;Anna;;1;KP100\n"
                     "F2;Adviseur;Directie;Piet;F1;0,5;KP100\n"
                     "F2;Adviseur;Directie;Kees;F1;0,5;KP200\n", encoding="utf-8")
    res = run("--lang", "en", "import", "posts", posts, "--preset", "nl-hr",
              "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert "Post F2 (rows 3, 4) gives 2 cost centres on its rows ('KP100', 'KP200'): all are " \
        "kept on the post" in res.output
    nodes = orgmodel.load(tmp_path / "o").graph.nodes
    assert (nodes["F2"]["cost_centre"], nodes["F1"]["cost_centre"]) == ("KP100; KP200", "KP100")


def test_not_in_post_is_a_vacancy_not_a_person(tmp_path):
    posts = tmp_path / "posts.csv"
    posts.write_text("id,reports_to,title,holder,fte\n1,,Director,Ann,1\n2,1,Adviser,Not in post,1\n")
    org, log = read_posts(posts)
    assert org.graph.nodes["2"]["vacant"] is True and log.vacancies == ["2"]
    assert not [n for n, d in org.graph.nodes(data=True) if d.get("name") == "Not in post"]


@pytest.mark.parametrize("dep", ["department_of_health", "cabinet_office"])
def test_holders_match_by_name_or_post_across_two_snapshots_not_by_row(dep):
    # 'N/D' holders were named after their row: a row that moved made the
    # same undisclosed holder of the same post look closed and re-added.
    from orgmodel.diff import diff
    (march, _), (sept, _) = imported(dep, "2011-03-31"), imported(dep, "2011-09-30")

    def undisclosed(date):
        with open(UK / f"{dep}-{date}-senior.csv", encoding="utf-8") as f:
            return {r["Post Unique Reference"] for r in csv.DictReader(f)
                    if r["Name"].strip().casefold() in ("n/d", "nd", "not disclosed", "")}
    kept = undisclosed("2011-03-31") & undisclosed("2011-09-30")
    kept &= {p for p in kept if p in march.graph and p in sept.graph}
    assert kept, "the two snapshots share posts whose holder is not disclosed"
    status = diff(march, sept).nodes.set_index("id")["status"]
    people = [f"person:{p}:undisclosed" for p in kept]
    assert all(status[p] != "added" and status[p] != "closed" for p in people)
    # a named holder is one person by name, whatever row she is on
    named = [n for n, d in sept.graph.nodes(data=True) if d.get("kind") == "Person"
             and n in march.graph and d["name"] != "(name not disclosed)"]
    assert named and all(status[n] != "added" for n in named)


@pytest.mark.parametrize("suffix", ["ttl", "jsonld"])
def test_a_w3c_org_export_is_the_same_file_on_every_run(tmp_path, suffix):
    """Its memberships were blank nodes named at random, and rdflib wrote
    JSON-LD's nodes in the order of a set: each run wrote another file of
    the same model (a diff of two exports showed changes where none were)."""
    import os
    import subprocess
    import sys
    files = []
    for seed in ("1", "2"):
        out = tmp_path / f"org-{seed}.{suffix}"
        subprocess.run([sys.executable, "-m", "orgmodel", "export", "org", "--org",
                        str(DATA / "deventer"), "--out", str(out)], check=True,
                       capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        files.append(out.read_bytes())
    assert files[0] == files[1]
    assert run("import", "org", tmp_path / f"org-1.{suffix}", "--out",
               tmp_path / "back").exit_code == 0
    assert orgmodel.load(tmp_path / "back") == orgmodel.load(DATA / "deventer")


def test_an_org_file_whose_label_has_a_line_break_is_refused_naming_it(tmp_path):
    """A label written over two lines (a Turtle long string) is named as one
    problem of the file, the break shown as ⏎, and nothing is written."""
    src = tmp_path / "g.ttl"
    src.write_text('@prefix org: <http://www.w3.org/ns/org#> .\n'
                   '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                   '@prefix ex: <http://example.org/> .\n'
                   'ex:gem a org:FormalOrganization ; skos:prefLabel "Gemeente X" .\n'
                   'ex:top a org:Post ; skos:prefLabel """Gemeente-\nsecretaris""" ;\n'
                   '    org:postIn ex:gem .\n', encoding="utf-8")
    out = tmp_path / "out"
    res = run("import", "org", src, "--out", out, "--lang", "en")
    assert res.exit_code == 1
    assert ("g.ttl: ex:top: the name 'Gemeente-⏎secretaris' is written on more than one "
            "line") in res.output, res.output
    assert not out.exists()


@pytest.mark.parametrize("none", ["n.v.t.", "NVT", "-", "geen"])
def test_a_superior_written_as_none_is_a_top(tmp_path, none):
    """A Dutch HR export writes 'n.v.t.' (not applicable) in the top post's
    superior cell: the import refused it as a superior not in the file, and
    with --unknown-superior external made a role called 'n.v.t.' the
    secretary's boss. It is a top, said; an id written so stays an id."""
    posts = tmp_path / "hr.csv"
    posts.write_text("Functienummer;Functie;Leidinggevende;Fte\n"
                     f"F1;Gemeentesecretaris;{none};1\nF2;Adviseur;F1;0,5\n", encoding="utf-8")
    for extra in ((), ("--unknown-superior", "external")):
        res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
                  "--force", *extra)
        assert res.exit_code == 0, res.output
        assert f"Functie F1 (regel 2) valt onder '{none}', wat zegt dat er geen leidinggevende is" \
            in res.output
        graph = orgmodel.load(tmp_path / "o").graph
        assert sorted(graph.nodes) == ["F1", "F2"]
        assert [v for _, v, k in graph.out_edges("F1", data="kind") if k == "REPORTS_TO"] == []
    posts.write_text("Functienummer;Functie;Leidinggevende;Fte\n"
                     "-;Gemeentesecretaris;;1\nF2;Adviseur;-;0,5\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o", "--force")
    assert res.exit_code == 0, res.output
    graph = orgmodel.load(tmp_path / "o").graph
    assert [v for _, v, k in graph.out_edges("F2", data="kind") if k == "REPORTS_TO"] == ["-"]


def test_a_holder_who_left_before_the_files_date_adds_no_fte_to_the_post(tmp_path):
    """Two rows of one post, the first holder gone by the file's date
    (Einddatum 31-12-2025) and the next giving no start date, were a job
    share: the post of 1 FTE counted 2 ("3 FTE in posts" for two posts of 1),
    and beside a 'Vacature' row it was not vacant. On the file's date the
    post's FTE is that of the rows held on it, said; without a date the
    rows are summed as before, said as a job share."""
    def imported(second, fte="1", *extra):
        posts = tmp_path / "hr.csv"
        posts.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie;Fte;"
                         "Ingangsdatum;Einddatum\nF1;Directeur;Anna;;1;1-1-2020;\n"
                         f"F2;Adviseur;Piet;F1;{fte};1-1-2021;31-12-2025\n"
                         f"F2;Adviseur;{second};F1;{fte};;\n", encoding="utf-8")
        res = run("--lang", "en", "import", "posts", posts, "--preset", "nl-hr",
                  "--out", tmp_path / "o", "--force", *extra)
        assert res.exit_code == 0, res.output
        return res.output, run("--lang", "en", "formation", "--org", tmp_path / "o").output

    said, formation = imported("Kees", "1", "--date", "2026-03-01")
    assert "Job shares (one post id on several rows alike): 0" in said
    assert "F2 on rows 3, 4 (held: 4)" in said
    org = orgmodel.load(tmp_path / "o")
    assert (org.graph.nodes["F2"]["fte_min"], org.graph.nodes["F2"]["fte_max"]) == (1, 1)
    assert "only row 4 holds it" in org.graph.nodes["F2"]["note"] or \
        "alleen regel 4" in org.graph.nodes["F2"]["note"]
    assert "2 FTE in posts (2 held, 0 vacant)" in formation, formation
    # (the one who stays is a vacancy: the post is vacant on the date)
    said, formation = imported("Vacature", "1", "--date", "2026-03-01")
    assert "Vacant posts: 1 (F2)" in said
    assert "2 FTE in posts (1 held, 1 vacant)" in formation, formation
    # (no date: who had left is not known, the rows are a job share, said)
    said, _ = imported("Kees", "0,5")
    assert "Job shares (one post id on several rows alike): 1" in said
    assert orgmodel.load(tmp_path / "o").graph.nodes["F2"]["fte_max"] == 1


def test_a_name_with_initials_beside_one_in_full_is_said(tmp_path):
    """'A. de Vries' on one post and 'Anna de Vries' on another were two
    people, and nothing said they may be one: the formation counted two. They
    stay two (the file does not say they are one), and the log names them;
    'B. de Vries' and initials nobody's full name starts with are not named."""
    posts = tmp_path / "hr.csv"
    posts.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie;Fte\n"
                     "F1;Directeur;Anna de Vries;;1\nF2;Adviseur;A. de Vries;F1;1\n"
                     "F3;Adviseur;J.P. Jansen;F1;1\nF4;Jurist;Jan Pieter Jansen;F1;1\n"
                     "F5;Jurist;B. de Vries;F1;1\nF6;Jurist;Mevr. K. Smit;F1;1\n"
                     "F7;Jurist;Karin Smit;F1;1\nF8;Jurist;P. Bakker;F1;1\n"
                     "F9;Jurist;Th. Dijk;F1;1\nF10;Jurist;Theo Dijk;F1;1\n", encoding="utf-8")
    res = run("--lang", "en", "import", "posts", posts, "--preset", "nl-hr",
              "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert ("4 names written with initials may be persons written in full on other posts: "
            "'A. de Vries' (F2) and 'Anna de Vries' (F1); 'J.P. Jansen' (F3) and 'Jan Pieter "
            "Jansen' (F4); 'Mevr. K. Smit' (F6) and 'Karin Smit' (F7); 'Th. Dijk' (F9) and "
            "'Theo Dijk' (F10); each kept as two people") in res.output
    assert "B. de Vries" not in res.output and "P. Bakker" not in res.output
    org = orgmodel.load(tmp_path / "o")
    assert len(org.ids("Person")) == 10


def test_a_name_written_surname_first_with_initials_is_said_too(tmp_path):
    """'Vries, A. de' (a name surname first, as many HR systems write it)
    beside 'Vries, Anna de' or 'Anna de Vries' was not compared."""
    posts = tmp_path / "hr.csv"
    posts.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie;Fte\n"
                     'F1;Directeur;"Vries, Anna de";;1\nF2;Adviseur;"Vries, A. de";F1;1\n'
                     "F3;Adviseur;Piet Jansen;F1;1\nF4;Jurist;\"Jansen, P.\";F1;1\n",
                     encoding="utf-8")
    res = run("--lang", "en", "import", "posts", posts, "--preset", "nl-hr",
              "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert ("2 names written with initials may be persons written in full on other posts: "
            "'Vries, A. de' (F2) and 'Vries, Anna de' (F1); 'Jansen, P.' (F4) and 'Piet "
            "Jansen' (F3); each kept as two people") in res.output, res.output
    assert len(orgmodel.load(tmp_path / "o").ids("Person")) == 4


@pytest.mark.parametrize("by", ["id", "holder"])
def test_a_superior_that_is_a_vacancy_is_said_not_taken_for_someone(tmp_path, by):
    """An employee whose manager's post is vacant ('Leidinggevende:
    Vacature') was refused as reporting to 'a holder of no post in the file'
    (or to a post id 'Vacature'), or, with --unknown-superior external, given
    a boss called Vacature. A vacancy names nobody: the line is left out,
    the cell named, the rest read."""
    posts = tmp_path / "hr.csv"
    sup = {"id": ("", "F1", "Vacature", "F1"), "holder": ("", "Anna de Vries", "Vacature",
                                                         "Anna de Vries")}[by]
    posts.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende;Fte\n"
                     f"F1;Directeur;Anna de Vries;{sup[0]};1\nF2;Teamleider;Vacature;{sup[1]};1\n"
                     f"F3;Adviseur;Piet Jansen;{sup[2]};1\nF4;Teamleider B;Vacature;{sup[3]};1\n",
                     encoding="utf-8")
    for extra in ((), ("--unknown-superior", "external")):
        res = run("--lang", "en", "import", "posts", posts, "--preset", "nl-hr",
                  "--reports-to-by", by, "--out", tmp_path / "o", "--force", *extra)
        assert res.exit_code == 0, res.output
        assert "row 4: reports to 'Vacature': a vacancy names nobody" in res.output
        graph = orgmodel.load(tmp_path / "o").graph
        assert [v for _, v, k in graph.out_edges("F3", data="kind") if k == "REPORTS_TO"] == []
        assert not [n for n, d in graph.nodes(data=True) if d.get("name") == "Vacature"]
    res = run("import", "posts", posts, "--preset", "nl-hr", "--reports-to-by", by,
              "--out", tmp_path / "s", "--strict")
    assert res.exit_code == 1 and not (tmp_path / "s").exists()


def test_a_sheet_named_in_another_case_is_offered(tmp_path):
    """`--sheet "ruimte "` of a workbook whose sheet is `Ruimte` listed the
    sheets only; the one meant is offered (and none where two could be)."""
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.title = "Ruimte"
    wb.active.append(["id", "reports_to", "title"])
    wb.active.append(["1", "", "Top"])
    wb.create_sheet("Totalen")
    wb.save(tmp_path / "p.xlsx")
    res = run("import", "posts", tmp_path / "p.xlsx", "--sheet", "ruimte ", "--out",
              tmp_path / "o")
    assert res.exit_code == 1
    assert "p.xlsx: has no sheet 'ruimte ' (sheets: Ruimte, Totalen); did you mean 'Ruimte'?" \
        in res.output, res.output
    res = run("import", "posts", tmp_path / "p.xlsx", "--sheet", "Formatie", "--out",
              tmp_path / "o")
    assert "has no sheet 'Formatie' (sheets: Ruimte, Totalen)\n" in res.output, res.output
    assert not (tmp_path / "o").exists()


def test_junior_rows_naming_their_senior_post_in_other_capitals_are_said(tmp_path):
    """A junior file whose senior posts are written in lower case
    ('rdd-009' for 'RDD-009') was read as those posts in silence, and its
    rows under an eliminated post were left out as not in the file; both
    are read as the post, said with a count."""
    src = UK / "department_of_health-2013-09-30-junior.csv"
    junior = _junior_edited(tmp_path, src.name, "Reporting Senior Post", str.lower)
    senior = UK / "department_of_health-2013-09-30-senior.csv"
    _, as_published = read_posts(senior, junior=src, preset="uk-organogram")
    org, log = read_posts(senior, junior=junior, preset="uk-organogram")
    assert (log.staff_groups, log.staff_fte) == (as_published.staff_groups,
                                                  as_published.staff_fte)
    assert not [r for f, r, _ in log.skipped if f == "junior.csv"]
    assert any(str(d).startswith("junior staff's senior posts written in other capitals "
                                 "('rdd-009' for RDD-009): read as that post (976 rows)")
               for d in log.decisions), log.decisions


def test_a_csv_file_in_windows_1252_shows_its_letters_around_the_first_one_outside_ascii(
        tmp_path):
    """The log showed the whole cell with the first letter outside ASCII
    (a 600-character job description of a UK organogram), and nothing
    when the only such letter was in the header (the '£' of 'Payscale
    Minimum (£)'); it shows the words around it, or the header."""
    for name in ("senior", "junior"):
        src = UK / f"department_of_health-2013-09-30-{name}.csv"
        (tmp_path / f"{name}.csv").write_bytes(
            src.read_text(encoding="utf-8").encode("cp1252"))
    res = run("import", "posts", tmp_path / "senior.csv", "--junior", tmp_path / "junior.csv",
              "--preset", "uk-organogram", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    said = [line for line in res.output.splitlines() if "read as Windows-1252" in line]
    assert said[0].endswith("row 3 reads '… policy makers - support DH’s wider roles across "
                            "…' in column 'Job/Team Function'; if that is not what the file "
                            "says, save it as 'CSV UTF-8' and import it again"), said
    assert "a column is headed 'Payscale Minimum (£)'" in said[1], said


def test_a_junior_row_with_no_fte_says_none_is_given(tmp_path):
    # (it said "FTE '' is not a number"; a cell that says something else is quoted as before)
    junior = _junior_edited(tmp_path, "cabinet_office-2013-09-30-junior.csv",
                            "Number of Posts in FTE", {1: "", 2: "N/A"})
    _, log = read_posts(UK / "cabinet_office-2013-09-30-senior.csv", junior=junior,
                        preset="uk-organogram")
    said = {row: str(why) for file, row, why in log.skipped if file == "junior.csv"}
    assert said == {2: "no FTE given", 3: "FTE 'N/A' is not a number"}, said


def test_a_superior_read_as_outside_the_organisation_says_what_it_may_be(tmp_path):
    """A UK organogram reads a superior not in the file as a role outside
    the organisation; where it is a post's id with its leading zeros
    dropped, or a post's job title, that was said nowhere (the line ended
    there). The log says it, as the refusal of a Dutch file does; a junior
    row left out for it says it too."""
    senior = tmp_path / "senior.csv"
    senior.write_text("Post Unique Reference,Name,Grade,Job Title,Unit,Reports to Senior Post,"
                      "FTE\n0001,Ann,SCS4,Permanent Secretary,Office,XX,1\n0002,Bob,SCS2,"
                      "Director,Office,0001,1\n0003,Cy,SCS1,Deputy Director,Office,2,1\n"
                      "0004,Di,SCS1,Deputy Director,Office,Director,1\n"
                      "0005,Ed,SCS1,Adviser,Office,Cabinet,1\n", encoding="utf-8")
    junior = tmp_path / "junior.csv"
    junior.write_text("Parent Department,Organisation,Unit,Reporting Senior Post,Grade,"
                      "Generic Job Title,Number of Posts in FTE\nD,D,Office,3,G7,Policy,3\n"
                      "D,D,Office,0003,G6,Policy,1\n", encoding="utf-8")
    res = run("import", "posts", senior, "--junior", junior, "--preset", "uk-organogram",
              "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert ("- '2' (row 4) is read as a role outside the organisation; '2' differs only in "
            "leading zeros from post 0002 (row 3): a number cell drops them (Excel does); give "
            "the ids as text in both columns") in res.output
    assert ("- 'Director' (row 5) is read as a role outside the organisation; 'Director' is "
            "the job title of post 0002 (row 3)") in res.output
    assert "'Cabinet' (row 6)" not in res.output      # (nothing in the file it may be)
    assert ("junior.csv, row 2: its senior post '3' is not in the posts file; '3' differs only "
            "in leading zeros from post 0003 (row 4)") in res.output
    assert "- Junior staff: 2 rows as 1 staff group under their senior posts, 1 FTE." \
        in res.output
    # (the lines are as they were: nothing is read as a post it may be)
    org = orgmodel.load(tmp_path / "o")
    assert [v for u, v, _ in org.edges("REPORTS_TO") if u == "0003"] == ["ext:2"]


def test_the_published_template_workbook_reads_its_junior_sheet_and_its_empty_rows_once(
        tmp_path):
    """The organogram template keeps senior posts and junior staff on sheets
    of one workbook, its check column filled down hundreds of empty rows.
    Imported without --junior, the junior staff were dropped in silence;
    the log listed each empty row on a line of its own (496 lines) and said
    them 'read as any other row'. The junior sheet is read, said; a run of
    rows left out for one reason is one line; the check names only rows
    that were read."""
    from openpyxl import Workbook
    wb = Workbook()
    senior = wb.active
    senior.title = "(final data) senior-staff"
    junior = wb.create_sheet("(final data) junior-staff")
    for ws, path, check in ((senior, "cabinet_office-2011-03-31-senior.csv", "Valid?"),
                            (junior, "cabinet_office-2011-03-31-junior.csv",
                             "Number of Posts in FTE")):
        with open(UK / path, encoding="utf-8") as f:
            rows = list(csv.reader(f))
        for row in rows:
            ws.append(row)
        at = rows[0].index(check) + 1
        for r in range(len(rows) + 1, len(rows) + 201):     # the template's empty rows
            ws.cell(row=r, column=at, value=0)
    book = tmp_path / "template.xlsx"
    wb.save(book)
    res = run("import", "posts", book, "--preset", "uk-organogram", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert ("The workbook's sheet '(final data) junior-staff' holds junior staff (its columns "
            "say so): read as the junior-staff file, as --junior would") in res.output
    from_csv, _ = imported("cabinet_office", "2011-03-31")
    assert orgmodel.totals(orgmodel.load(tmp_path / "o")) == orgmodel.totals(from_csv)
    n = len(senior["A"]) - 200
    assert (f"  - template.xlsx, sheet (final data) senior-staff, rows {n + 1}–{n + 200}: only "
            "column 'Valid?' is filled in ('0')") in res.output, res.output
    assert re.search(r"  - template\.xlsx, sheet \(final data\) junior-staff, rows \d+–\d+: no "
                     "senior post given", res.output), res.output
    assert "failing the file's own check" not in res.output
    assert len(res.output.splitlines()) < 60


def _styled_far(tmp_path, name, far_row):
    """A workbook of three posts whose sheet says it reaches XFD``far_row``
    (a cell styled there, as a sheet formatted down and across is saved)."""
    import zipfile

    from openpyxl import Workbook
    wb = Workbook()
    for row in (["Formatieplaats", "Functie", "Leidinggevende"], ["F1", "Directeur", None],
                ["F2", "Adviseur", "F1"]):
        wb.active.append(row)
    plain, book = tmp_path / "plain.xlsx", tmp_path / name
    wb.save(plain)
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]+"\s*/>',
                              f'<dimension ref="A1:XFD{far_row}"/>'.encode(), data)
                data = data.replace(b"</sheetData>", f'<row r="{far_row}"><c r="XFD{far_row}" '
                                    's="0"/></row></sheetData>'.encode())
            zout.writestr(item, data)
    return book


def test_a_sheet_that_says_it_reaches_its_last_cell_is_read_as_far_as_its_cells_go(tmp_path):
    """A cell styled at XFD1048576 (a sheet formatted to its end) made
    openpyxl pad each of a million rows to 16,384 cells: an import of three
    posts ran for hours. Each row is read as far as its own cells go."""
    from openpyxl import load_workbook

    from orgmodel.formats.xlsx import _rows
    wb = load_workbook(_styled_far(tmp_path, "near.xlsx", 300), read_only=True)
    rows = list(_rows(wb.active))
    assert [cells for _, cells in rows] == [["Formatieplaats", "Functie", "Leidinggevende"],
                                           ["F1", "Directeur"], ["F2", "Adviseur", "F1"]]
    wb.close()
    res = run("import", "posts", _styled_far(tmp_path, "far.xlsx", 1048576), "--preset",
              "nl-hr", "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    assert sorted(org.ids("Post")) == ["F1", "F2"] and ("F2", "F1") in {
        (u, v) for u, v, _ in org.edges("REPORTS_TO")}


def test_a_junior_file_of_another_organisation_is_refused(tmp_path):
    """The Cabinet Office's junior file given with the Department of
    Health's senior posts was imported with no junior staff at all, each of
    its 763 rows listed as left out: none names a post of the file. It is
    refused, naming both organisations, and nothing is written."""
    res = run("import", "posts", UK / "department_of_health-2013-09-30-senior.csv", "--junior",
              UK / "cabinet_office-2013-09-30-junior.csv", "--preset", "uk-organogram", "--out",
              tmp_path / "o")
    assert res.exit_code == 1 and not (tmp_path / "o").exists()
    assert ("cabinet_office-2013-09-30-junior.csv: none of its 763 rows names a senior post of "
            "department_of_health-2013-09-30-senior.csv: is it the junior-staff file of another "
            "organisation or date? (it names 'Cabinet Office'; the posts file, 'Department of "
            "Health')") in res.output, res.output


def test_an_archi_model_orgmodel_wrote_takes_what_was_added_in_archi(tmp_path):
    """The point of exporting to Archi is to go on modelling there: a role
    and its line added in Archi (no orgmodel properties) made the import
    fail with "KeyError: 'id'" (before: five problems, an empty id among
    them). Each added element and relation is read through its ArchiMate
    type, graded assumed (no source of the model says it), its note saying
    where it came from; an element of another layer is left out, named."""
    folder = tmp_path / "archi"
    assert run("export", "archi", "--org", DATA / "template", "-o", folder).exit_code == 0
    rows = (folder / "elements.csv").read_text(encoding="utf-8").splitlines()
    gd = next(r.split(",")[0] for r in rows if ',"General director",' in r)
    with open(folder / "elements.csv", "a", encoding="utf-8") as f:
        f.write('"new-1","BusinessRole","Nieuwe adviseur",""\n'
                '"app-1","ApplicationComponent","Zaaksysteem",""\n')
    with open(folder / "relations.csv", "a", encoding="utf-8") as f:
        f.write(f'"rel-new","ServingRelationship","","","new-1",{gd}\n')
    out = tmp_path / "out"
    res = run("import", "archi", folder, "--out", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "ApplicationComponent 'Zaaksysteem' is not of the organisation" in res.output
    org = orgmodel.load(out)
    node = org.graph.nodes["new-1"]
    assert (node["kind"], node["name"], node["evidence"], node.get("source")) == \
        ("Post", "Nieuwe adviseur", "assumed", None)
    assert node["note"] == f"added in Archi (elements.csv, row {len(rows) + 1}): no source of " \
        "the model says it"
    line = org.graph.edges["new-1", "gd", 0]
    assert (line["kind"], line["evidence"]) == ("REPORTS_TO", "assumed")
    assert len(org.graph) == len(orgmodel.load(DATA / "template").graph) + 1


def test_an_archi_model_of_units_keeps_them_units(tmp_path):
    """A municipality's own Archi model: units composed of units, a team
    assigned to its team leader's role, a collaboration aggregating the
    roles in it. The team assigned to a role was read as a person, and the
    composition of its unit then refused the whole model ("MEMBER_OF cannot
    join a Person to a Team"). A unit stays a unit, its assignment to a role
    is left out and named; the collaboration's roles are its members; a
    relation between elements orgmodel's edge does not join is left out,
    named, the rest read."""
    src = tmp_path / "archi"
    src.mkdir()
    (src / "elements.csv").write_text(
        '"ID","Type","Name","Documentation","Specialization"\n'
        '"m","ArchimateModel","Gemeente Test","",""\n'
        '"a1","BusinessActor","Gemeente Test","",""\n'
        '"a2","BusinessActor","Afdeling Publiekszaken","",""\n'
        '"a3","BusinessActor","Team Burgerzaken","",""\n'
        '"p1","BusinessActor","Jan de Vries","",""\n'
        '"r1","BusinessRole","Gemeentesecretaris","",""\n'
        '"r2","BusinessRole","Afdelingshoofd Publiekszaken","",""\n'
        '"r3","BusinessRole","Teamleider Burgerzaken","",""\n'
        '"c1","BusinessCollaboration","Directieteam","",""\n', encoding="utf-8")
    _archi_relations(src, [
        ("x1", "CompositionRelationship", "a1", "a2"), ("x2", "CompositionRelationship", "a2", "a3"),
        ("x3", "ServingRelationship", "r2", "r1"), ("x4", "ServingRelationship", "r3", "r2"),
        ("x5", "AssignmentRelationship", "a3", "r3"), ("x6", "AssignmentRelationship", "p1", "r1"),
        ("x7", "AggregationRelationship", "c1", "r1"), ("x8", "AggregationRelationship", "c1", "r2"),
        ("x9", "ServingRelationship", "a3", "a2")])
    out = tmp_path / "out"
    res = run("import", "archi", src, "--out", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("relations.csv, row 6: AssignmentRelationship x5 joins 'Team Burgerzaken' (Team) "
            "to 'Teamleider Burgerzaken' (Post), which orgmodel's HOLDS does not join") in \
        res.output
    assert ("relations.csv, row 10: ServingRelationship x9 joins 'Team Burgerzaken' (Team) to "
            "'Afdeling Publiekszaken' (Team), which orgmodel's REPORTS_TO does not join") in \
        res.output
    org = orgmodel.load(out)
    assert {n: org.graph.nodes[n]["kind"] for n in ("a1", "a2", "a3", "p1")} == \
        {"a1": "Team", "a2": "Team", "a3": "Team", "p1": "Person"}
    assert sorted((u, v, d["kind"]) for u, v, d in org.graph.edges(data=True)) == [
        ("a2", "a1", "MEMBER_OF"), ("a3", "a2", "MEMBER_OF"), ("p1", "r1", "HOLDS"),
        ("r1", "c1", "MEMBER_OF"), ("r2", "c1", "MEMBER_OF"), ("r2", "r1", "REPORTS_TO"),
        ("r3", "r2", "REPORTS_TO")]
