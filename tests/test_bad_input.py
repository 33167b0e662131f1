"""Issue 11: every bad input gets one clear message naming the file, the row
(or key path) and the problem, the real cause first; exit 1; no traceback; no
follow-on noise; nothing written.

Each case breaks a copy of data/template in one way, as a new user or a
spreadsheet would, and runs ``orgmodel report`` on it (the command that
writes the most), then ``orgmodel validate``.
"""
import codecs
import csv
import gzip
import io
import os
import re
import shlex
import shutil

import pytest
from click.testing import CliRunner

import orgmodel
from conftest import DATA
from conftest import run as cli_run
from orgmodel.cli import cli

# --- helpers that break a folder ------------------------------------------------

def text(d, f):
    return (d / f).read_text(encoding="utf-8")


def write(d, f, t):
    (d / f).write_text(t, encoding="utf-8")


def replace(f, old, new):
    def go(d):
        t = text(d, f)
        assert old in t, (f, old)
        write(d, f, t.replace(old, new, 1))
    return go


def append(f, line):
    def go(d):
        write(d, f, text(d, f).rstrip("\n") + "\n" + line + "\n")
    return go


def set_cell(f, row_id, column, value):
    """Set one cell (adding the column when it is missing)."""
    import csv
    import io

    def go(d):
        rows = list(csv.reader(io.StringIO(text(d, f))))
        if column not in rows[0]:
            rows[0].append(column)
            for r in rows[1:]:
                r.append("")
        i = rows[0].index(column)
        hit = [r for r in rows[1:] if r[0] == row_id]
        assert hit, row_id
        hit[0][i] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        write(d, f, out.getvalue())
    return go


def header(f, old, new):
    def go(d):
        lines = text(d, f).split("\n")
        cells = lines[0].split(",")
        cells[cells.index(old)] = new
        lines[0] = ",".join(cells)
        write(d, f, "\n".join(lines))
    return go


def remove(f):
    return lambda d: (d / f).unlink()


def folder_instead(f):
    def go(d):
        (d / f).unlink()
        (d / f).mkdir()
    return go


def raw_bytes(f, data):
    return lambda d: (d / f).write_bytes(data)


def _zip_of(*names) -> bytes:
    """A zip archive holding ``names`` (empty), as bytes."""
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, "")
    return buf.getvalue()


def yaml_key(line_old, line_new):
    return replace("org.yaml", line_old, line_new)


def big_then(f, bad_line):
    """Many good rows, then a bad one deep in the file."""
    def go(d):
        lines = [text(d, f).rstrip("\n")]
        lines += [f"r{i:05},Post,Role {i},X-2,,official,team,1,,,,,,,,,,," for i in range(3000)]
        lines.append(bad_line)
        write(d, f, "\n".join(lines) + "\n")
    return go


N = "nodes.csv"
E = "edges.csv"
Y = "org.yaml"

# (id, how to break it, where the first problem is, what it says)
CASES = [
    # the folder and the files themselves
    ("nodes missing", remove(N), "nodes.csv", "file is missing"),
    ("edges missing", remove(E), "edges.csv", "file is missing"),
    ("org.yaml missing", remove(Y), "org.yaml", "file is missing"),
    ("nodes is a folder", folder_instead(N), "nodes.csv", "is a folder, not a file"),
    ("org.yaml is a folder", folder_instead(Y), "org.yaml", "is a folder, not a file"),
    ("nodes empty", raw_bytes(N, b""), "nodes.csv", "file is empty"),
    ("nodes blank lines only", raw_bytes(N, b"\n\n  \n"), "nodes.csv", "file is empty"),
    ("edges empty", raw_bytes(E, b""), "edges.csv", "file is empty"),
    ("nodes is a workbook", raw_bytes(N, _zip_of("xl/workbook.xml")), "nodes.csv",
     "is an Excel workbook (.xlsx), not CSV text: save it as 'CSV UTF-8'"),
    ("nodes is an archive", raw_bytes(N, b"PK\x03\x04" + b"\x00" * 50), "nodes.csv",
     "is a zip archive, not CSV text: unpack it and give the file inside"),
    ("nodes is a PDF", raw_bytes(N, b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "nodes.csv",
     "is a PDF document, not CSV text: export the table itself"),
    ("nodes is compressed", raw_bytes(N, gzip.compress(b"id,kind,name\n")), "nodes.csv",
     "is a compressed file (gzip), not CSV text: unpack it"),
    ("nodes is a web page", raw_bytes(N, b"\n<!DOCTYPE html>\n<html><body>Log in</body></html>"),
     "nodes.csv", "is a web page (HTML), not CSV text: the address gave a page (a login, an "
     "error, a viewer) instead of the file; download the file itself"),
    ("nodes has NUL bytes", raw_bytes(N, b"id,kind,name\n\x00\x00x,Post,y\n"), "nodes.csv",
     "NUL bytes"),
    ("org.yaml is binary", raw_bytes(Y, b"\x00\x01\x02name"), "org.yaml", "NUL bytes"),
    ("broken utf-16", raw_bytes(N, codecs.BOM_UTF16_LE + b"i\x00d\x00\x00\xd8"), "nodes.csv",
     "UTF-16"),
    # (it said "is not a text file (it contains NUL bytes)")
    ("utf-16 without its mark", raw_bytes(N, "id,kind,name\r\nx,Post,Jeugd\r\n".encode(
        "utf-16-le")), "nodes.csv", "is UTF-16 text without the byte-order mark that says so"),
    # the CSV structure
    ("ragged row, extra cell", replace(N, "SCS3,,,,,,,", "SCS3,,,,,,,,x"),
     "nodes.csv, row 4", "has 20 cells but the header has 19"),
    ("ragged row, missing cells", replace(N, "cd,Post,Corporate director,X-1,stated,official,concern,1,,,,SCS2,,,,,,,",
                                          "cd,Post,Corporate director"),
     "nodes.csv, row 5", "has 3 cells but the header has 19"),
    ("unterminated quote deep in a large file",
     big_then(N, 'zz,Post,"Never closed,X-1,,official,team,1,,,,,,,,,,,'),
     "nodes.csv, row 3030", "never closed"),
    ("text after a closing quote", replace(N, "Team manager", '"Team" manager'),
     "nodes.csv, row 7", "text after a closing quote"),
    ("cell over the field limit", replace(N, "Team manager", '"' + "x" * 140000 + '"'),
     "nodes.csv, row 7", "cell longer than"),
    ("edges ragged", replace(E, "cd,gd,REPORTS_TO,X-1,stated,,,,,,,,,,,,,,,\n",
                             "cd,gd,REPORTS_TO,X-1,stated,,,,,,,,,,,,,,,,x\n"),
     "edges.csv, row 2", "cells but the header has"),
    # a header one column off: every row under it the same width, and
    # that width not the header's (it was each row's problem, 28 times, or
    # only the rows whose last cell is filled)
    ("header without a column's name", replace(N, "id,kind,name,", "id,kind,"),
     "nodes.csv, row 1", "the header has 18 columns and every row under it 19 (28 rows): is "
     "a column's name missing from the header?"),
    ("header with a column too many", replace(N, "id,kind,name,", "id,kind,name,title,"),
     "nodes.csv, row 1", "the header has 20 columns and every row under it 19 (28 rows): is "
     "a column too many in the header, or a separator missing in every row?"),
    # columns
    ("renamed id header", header(N, "id", "ident"), "nodes.csv, row 1",
     "missing required column: id"),
    ("missing kind column", header(N, "kind", "sort"), "nodes.csv, row 1",
     "missing required column: kind"),
    ("missing name column", header(N, "name", "naam"), "nodes.csv, row 1",
     "missing required column: name"),
    ("column named twice", header(N, "note", "level"), "nodes.csv, row 1",
     "column 'level' appears twice"),
    ("columns differing in case", header(N, "note", "FTE"), "nodes.csv, row 1",
     "column 'fte' appears twice"),
    ("columns differing in spaces", header(N, "note", " sphere "), "nodes.csv, row 1",
     "column 'sphere' appears twice"),
    ("reserved column org", header(N, "organisation", "org"), "nodes.csv, row 1",
     "column org is reserved for orgmodel's own use"),
    ("reserved columns org and uid", lambda d: (header(N, "organisation", "org")(d),
                                                header(N, "grade", "uid")(d)),
     "nodes.csv, row 1", "columns org, uid are reserved for orgmodel's own use"),
    ("missing id and kind columns", lambda d: (header(N, "id", "ident")(d),
                                               header(N, "kind", "sort")(d)),
     "nodes.csv, row 1", "missing required columns: id, kind"),
    ("reserved column uid", header(N, "organisation", "UID"), "nodes.csv, row 1", "reserved"),
    ("reserved column line_routes", header(N, "organisation", "line_routes"), "nodes.csv, row 1",
     "reserved"),
    ("reserved edge column seq", header(E, "excludes", "seq"), "edges.csv, row 1", "reserved"),
    ("reserved edge column nth", header(E, "category", "nth"), "edges.csv, row 1", "reserved"),
    ("values under a nameless column", lambda d: (header(N, "note", "")(d),
                                                  set_cell(N, "tm", "", "x")(d)),
     "nodes.csv, row 1", "has values but no name"),
    ("edges missing from column", header(E, "from", "van"), "edges.csv, row 1",
     "missing required column: from"),
    ("edges column twice", header(E, "valid_to", "Valid_From"), "edges.csv, row 1",
     "column 'valid_from' appears twice"),
    # node rows
    # The edges of the row without an id do name a node that is not there: they
    # are listed too, after the cause.
    ("empty id", replace(N, "bpm,Post,", ",Post,"), "nodes.csv, row 9", "id is empty", 5),
    ("duplicate id", replace(N, "bpm,Post,", "tm,Post,"), "nodes.csv, row 9",
     "id 'tm' is used twice", 5),
    ("ids differing in case", replace(N, "bpm,Post,", "TM,Post,"), "nodes.csv, row 9",
     "only in upper and lower case", 5),
    ("unknown node kind", replace(N, "bpm,Post,", "bpm,Rol,"), "nodes.csv, row 9",
     "unknown node kind 'Rol'"),
    ("role without sphere", set_cell(N, "bpm", "sphere", ""), "nodes.csv, row 9",
     "needs a sphere"),
    ("deputy not a node", set_cell(N, "bpm", "deputy", "tm; nobody"), "nodes.csv, row 9",
     "deputy names 'nobody', which is not a node in nodes.csv"),
    ("bad sphere", set_cell(N, "bpm", "sphere", "civil"), "nodes.csv, row 9",
     "sphere 'civil' is not one of"),
    ("bad level", set_cell(N, "bpm", "level", "top"), "nodes.csv, row 9",
     "level 'top' is not one of"),
    ("fte not a number", set_cell(N, "tm", "fte", "two"), "nodes.csv, row 7",
     "FTE 'two' is not a number"),
    ("fte range inverted", set_cell(N, "tm", "fte", "3-2"), "nodes.csv, row 7", "inverted"),
    # (a negative FTE was said to be no number at all)
    ("fte negative", set_cell(N, "tm", "fte", "-0.5"), "nodes.csv, row 7",
     "FTE '-0.5' is negative: an FTE is 0 or more"),
    ("team_kind bad", set_cell(N, "team", "team_kind", "squad"), "nodes.csv, row 18",
     "team_kind 'squad'"),
    ("unknown criterion", set_cell(N, "youth", "criteria", "political_risk;urgent"),
     "nodes.csv, row 23", "criteria 'urgent' is not declared"),
    ("budget NaN", set_cell(N, "youth", "budget", "NaN"), "nodes.csv, row 23",
     "not a finite number"),
    ("budget inf", set_cell(N, "youth", "budget", "inf"), "nodes.csv, row 23",
     "not a finite number"),
    ("budget text", set_cell(N, "youth", "budget", "a lot"), "nodes.csv, row 23",
     "budget 'a lot' is not a number"),
    ("executive not yes/no", set_cell(N, "youth", "executive", "maybe"), "nodes.csv, row 23",
     "'maybe' is not yes/no"),
    ("node without name", set_cell(N, "bpm", "name", ""), "nodes.csv, row 9", "has no name"),
    ("row number after blank lines", lambda d: write(d, N, text(d, N).replace(
        "\ngd,", "\n\n\ngd,").replace("General director,X-1,stated,official,concern,1",
                                      "General director,X-1,stated,official,concern,one")),
     "nodes.csv, row 6", "FTE 'one'"),
    # edge rows
    ("unknown edge kind", replace(E, "cd,gd,REPORTS_TO", "cd,gd,REPORT_TO"), "edges.csv, row 2",
     "unknown edge kind 'REPORT_TO'"),
    ("edge from unknown node", replace(E, "cd,gd,REPORTS_TO", "cx,gd,REPORTS_TO"),
     "edges.csv, row 2", "'from' names 'cx', which is not a node"),
    ("edge to unknown node", replace(E, "cd,gd,REPORTS_TO", "cd,gx,REPORTS_TO"),
     "edges.csv, row 2", "'to' names 'gx'"),
    ("edge from empty", replace(E, "cd,gd,REPORTS_TO", ",gd,REPORTS_TO"), "edges.csv, row 2",
     "'from' is empty"),
    ("edge joins itself", replace(E, "cd,gd,REPORTS_TO", "cd,cd,REPORTS_TO"),
     "edges.csv, row 2", "joined to itself"),
    ("edge between wrong kinds", replace(E, "cd,gd,REPORTS_TO", "team,gd,REPORTS_TO"),
     "edges.csv, row 2", "REPORTS_TO cannot join a Team to a Post"),
    ("reporting cycle", replace(E, "cd,gd,REPORTS_TO", "cd,tm,REPORTS_TO"),
     "edges.csv, row 2", "goes round in a circle"),
    ("duplicate edge", append(E, "tm,dd,REPORTS_TO,X-9,stated,,,,,,,,,,,,,,,"), "edges.csv, row 49",
     "given twice"),
    ("capacity bad", append(E, "cd,youth,COMMISSIONS,X-3,stated,civil,,,,,,,,,,,,,,"), "edges.csv, row 49",
     "capacity 'civil'"),
    ("delegated not yes/no", append(E, "dd,youth,COMMISSIONS,X-3,stated,official,perhaps,,,,,,,,,,,,,"),
     "edges.csv, row 49", "'perhaps' is not yes/no"),
    ("category bad", replace(E, "team-connecting,,", "team connecting,,"), "edges.csv, row 20",
     "category 'team connecting'"),
    # org.yaml
    ("yaml syntax", yaml_key("name: Sample", "name: [Sample"), "org.yaml, row", "not valid YAML"),
    ("yaml a list", raw_bytes(Y, b"- name\n- other\n"), "org.yaml", "'key: value' settings"),
    ("misspelt key", yaml_key("span:", "spn:"), "org.yaml", "unknown key 'spn' (did you mean 'span'?)"),
    # (a language written as a reader names it: its code offered)
    ("language in capitals", yaml_key("name: Sample", "name: Sample\nlanguage: NL"), "org.yaml",
     "language: 'NL' is not one of: nl, en; write it 'nl'"),
    ("language by its name", yaml_key("name: Sample", "name: Sample\nlanguage: Nederlands"),
     "org.yaml", "language: 'Nederlands' is not one of: nl, en; write it 'nl'"),
    ("locale with a region", yaml_key("name: Sample", "name: Sample\nlocale: nl_NL"), "org.yaml",
     "locale: 'nl_NL' is not one of: nl, en; write it 'nl'"),
    ("target_depth three", yaml_key("target_depth: 3", "target_depth: three"), "org.yaml",
     "layering.target_depth: must be a whole number"),
    ("span max eight", yaml_key("max: 8", "max: eight"), "org.yaml",
     "span.max: must be a whole number"),
    ("rules nested list", yaml_key("  R1: {source: X-5}", "  R1: [X-5]"), "org.yaml",
     "rules.R1: must be a set of"),
    ("ends_at as a string", yaml_key("ends_at: [gd]", "ends_at: gd"), "org.yaml",
     "escalation.ends_at: must be a list"),
    ("name a number", yaml_key("name: Sample", "name: 123"), "org.yaml", "name: must be text"),
    ("name missing", yaml_key("name: Sample", "title: Sample"), "org.yaml", "needs a 'name'", 2),
    ("delegated quoted", yaml_key("delegated: true,", 'delegated: "true",'), "org.yaml",
     "escalation.routes.commission[0].delegated: must be true or false"),
    ("unknown route filter", yaml_key("capacity: official, delegated: true,",
                                      "capacty: official, delegated: true,"),
     "org.yaml", "escalation.routes.commission[0]: unknown key 'capacty'"),
    ("route edge not climbable", yaml_key("- edge: REPORTS_TO", "- edge: HOLDS"), "org.yaml",
     "escalation.routes.line[0].edge: 'HOLDS' is not one of"),
    ("forbidden sphere unknown", yaml_key("forbidden_spheres: [political]",
                                          "forbidden_spheres: [politics]"),
     "org.yaml", "escalation.forbidden_spheres[0]: 'politics' is not one of"),
    ("duplicate yaml key", yaml_key("date: '2026-01-01'", "date: '2026-01-01'\nname: Other"),
     "org.yaml, row", "key 'name' is given twice"),
    ("absurd nesting", lambda d: write(d, Y, text(d, Y) + "deep: " + "[" * 200 + "]" * 200 + "\n"),
     "org.yaml, row", "nested more than"),
    ("yaml alias", lambda d: write(d, Y, text(d, Y).replace(
        "layering:", "layering: &a\n  target_depth: 3\nfoo: *a\nlayering2:")),
     "org.yaml, row", "aliases"),
    ("ends_at not a role", yaml_key("ends_at: [gd]", "ends_at: [team]"), "org.yaml",
     "escalation.ends_at[0]: 'team' is not a post or role"),
    ("span min above max", yaml_key("max: 8", "max: 8\n  min: 9"), "org.yaml",
     "span: min (9) is larger than max (8)"),
    ("route name with a path", yaml_key("    line:", "    ../../x:"), "org.yaml",
     "is not a usable name"),
    ("threshold out of range", yaml_key("executive_commission_threshold: 3",
                                        "executive_commission_threshold: 20"),
     "org.yaml", "must be at most 13"),
    ("unknown rule", yaml_key("  R1: {source: X-5}", "  R99: {source: X-5}"), "org.yaml",
     "rules: unknown rule 'R99'"),
    # a value of org.yaml is shown as the file writes it, not as Python does
    ("route edge a list", yaml_key("- edge: REPORTS_TO", "- edge: [REPORTS_TO, MANDATES]"),
     "org.yaml", "escalation.routes.line[0].edge: [REPORTS_TO, MANDATES] is not one of"),
    ("target_depth a list", yaml_key("target_depth: 3", "target_depth: [three, four]"), "org.yaml",
     "layering.target_depth: must be a whole number, not [three, four]"),
    ("span max empty", yaml_key("max: 8", "max:"), "org.yaml",
     "span.max: must be a whole number, not empty"),
    ("date with no such day", yaml_key("date: '2026-01-01'", "date: '2026-02-30'"), "org.yaml",
     "date: '2026-02-30' is not a date that exists"),
    # issue 34: what validation let through and an analysis then tripped on,
    # or said in a way that hid the cause
    ("nodes header only", lambda d: write(d, N, text(d, N).split("\n")[0] + "\n"), "nodes.csv",
     "has a header but no rows: an organisation needs at least one node"),
    ("budget negative", set_cell(N, "youth", "budget", "-5"), "nodes.csv, row 23",
     "budget '-5' is negative: an amount is 0 or more"),
    ("ceiling negative", replace(E, "leading;budget;hr,,,,,mandaat,true,,",
                                 "leading;budget;hr,,,,,mandaat,true,-100,"),
     "edges.csv, row 29", "ceiling '-100' is negative: an amount is 0 or more"),
    # (Python reads 1e400 as infinity: it was taken for no ceiling at all)
    ("ceiling past any number", replace(E, "leading;budget;hr,,,,,mandaat,true,,",
                                        "leading;budget;hr,,,,,mandaat,true," + "9" * 400 + ","),
     "edges.csv, row 29", "ceiling '" + "9" * 400 + "' is too large a number"),
    # (a spreadsheet's way of showing a number too long for its column)
    ("ceiling in scientific notation", replace(E, "leading;budget;hr,,,,,mandaat,true,,",
                                               "leading;budget;hr,,,,,mandaat,true,1e400,"),
     "edges.csv, row 29", "ceiling '1e400' is written in scientific notation"),
    ("deputy is the node itself", set_cell(N, "bpm", "deputy", "bpm"), "nodes.csv, row 9",
     "deputy names 'bpm', the node itself: a deputy is another node"),
    ("fte in other digits", set_cell(N, "tm", "fte", "\u0661"), "nodes.csv, row 7",
     "FTE '\u0661' is not a number or a range like '2-3'"),
    ("budget in other digits", set_cell(N, "youth", "budget", "\u0665\u0660"),
     "nodes.csv, row 23", "budget '\u0665\u0660' is not a number"),
    ("budget with an underscore", set_cell(N, "youth", "budget", "1_000"), "nodes.csv, row 23",
     "budget '1_000' is not a number"),
    ("edge names an id but for a space", replace(E, "cd,gd,REPORTS_TO", "cd,g d,REPORTS_TO"),
     "edges.csv, row 2", "'to' names 'g d', which is not a node in nodes.csv; node 'gd' "
     "differs from it only in spaces (an id is matched exactly)"),
    ("column fte_min", set_cell(N, "tm", "fte_min", "lots"), "nodes.csv, row 1",
     "column 'fte_min' is orgmodel's own: write the FTE in the 'fte' column"),
    ("column fte_max", set_cell(N, "tm", "fte_max", "2"), "nodes.csv, row 1",
     "column 'fte_max' is orgmodel's own"),
    ("date not a date", yaml_key("date: '2026-01-01'", "date: 'soon'"), "org.yaml",
     "date: 'soon' is not a date: write it as YYYY-MM-DD"),
    ("date impossible", yaml_key("date: '2026-01-01'", "date: '2026-13-01'"), "org.yaml",
     "date: '2026-13-01' is not a date"),
    # (unquoted, YAML reads it as a date: Python's "day is out of range for
    # month" came out, with no file or line)
    ("date impossible unquoted", yaml_key("date: '2026-01-01'", "date: 2026-02-30"),
     "org.yaml, row 4", "'2026-02-30' is not a date that exists"),
    ("nodes is a pipe", lambda d: ((d / N).unlink(), os.mkfifo(d / N)), "nodes.csv",
     "is not an ordinary file (a pipe, socket or device): orgmodel reads files"),
    ("edges is a device", lambda d: ((d / E).unlink(), (d / E).symlink_to("/dev/null")),
     "edges.csv", "is not an ordinary file (a pipe, socket or device)"),
    # (the mandates naming the key are listed after it)
    ("power key not usable", yaml_key("  hr: {name:", "  HR pow: {name:"), "org.yaml",
     "powers: 'HR pow' is not a usable name: use a word of letters, digits, '-', '_' and '.' "
     "(the data's cells name it)", 2),
]


@pytest.fixture
def broken(tmp_path):
    def make(how):
        d = tmp_path / "org"
        shutil.copytree(DATA / "template", d)
        how(d)
        return d
    return make


def test_there_are_at_least_sixty_kinds():
    assert len(CASES) >= 60
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("how,where,message,count",
                         [(*c[1:4], c[4] if len(c) > 4 else 1) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_input_gets_one_clear_message_and_nothing_written(broken, tmp_path, how, where,
                                                              message, count):
    d = broken(how)
    out = tmp_path / "report"
    res = CliRunner().invoke(cli, ["report", "--org", str(d), "--out", str(out)])
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output and res.exception is None or \
        isinstance(res.exception, SystemExit)
    lines = [ln.strip() for ln in res.output.splitlines() if ln.strip()]
    # "Error: <folder>: N problems found", then one problem per line.
    assert lines[0].startswith("Error:")
    first = lines[1] if "problem" in lines[0] and "found" in lines[0] else lines[0]
    assert first.startswith(where) or first.startswith("Error: " + where) or where in first, \
        res.output[:2000]
    assert message in first, res.output[:2000]
    # No follow-on noise: the one cause, not a cascade of consequences.
    assert f"{count} problem{'s' if count > 1 else ''} found" in lines[0], res.output[:2000]
    assert not out.exists() and not any(p.name.startswith(".report") for p in tmp_path.iterdir())
    # validate says the same, first.
    res = CliRunner().invoke(cli, ["validate", "--org", str(d)])
    assert res.exit_code == 1 and message in res.output


@pytest.mark.parametrize("case", ["missing folder", "file as folder"])
def test_a_folder_that_is_not_one(tmp_path, case):
    target = tmp_path / "nope"
    if case == "file as folder":
        target.write_text("x")
    res = CliRunner().invoke(cli, ["summary", "--org", str(target)])
    assert res.exit_code == 1
    assert ("does not exist" if case == "missing folder" else "is a file, not a folder") \
        in res.output
    assert "1 problem found" in res.output


@pytest.mark.parametrize("command", [["validate"], ["summary"], ["escalate", "gd"],
                                     ["who-decides", "budget"]])
def test_a_folder_name_too_long_for_the_file_system_is_said_of_it(tmp_path, command):
    # (a name of 300 letters: the file system refuses to look it up at all;
    # it was a traceback before the command started, or said of a file in it)
    target = tmp_path / ("a" * 300)
    res = CliRunner().invoke(cli, [*command, "--org", str(target)])
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.output
    assert f"{target}: the name is too long for the file system" in res.output
    assert "elements.csv" not in res.output


@pytest.mark.parametrize("name, fmt", [("org.ttl", []), ("org", ["--from", "turtle"])])
def test_a_folder_read_as_turtle_says_it_is_a_folder(tmp_path, name, fmt):
    # (it said "is not valid turtle: [Errno 21] Is a directory: '/tmp/...'",
    # Python's words for the parser's failure)
    folder = tmp_path / name
    folder.mkdir()
    res = CliRunner().invoke(cli, ["convert", str(folder), str(tmp_path / "out"), *fmt])
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.exception
    assert f"{name}: is a folder, not a file" in res.output
    assert "Errno" not in res.output and "not valid turtle" not in res.output
    assert not (tmp_path / "out").exists()


def test_the_same_bad_cell_on_many_rows_is_named_on_each(template_copy):
    # Validation judges each distinct cell once: every row that holds it must
    # still get its own problem, with its own row number.
    import pandas as pd

    from orgmodel.errors import ValidationError
    nodes = pd.read_csv(template_copy / "nodes.csv", dtype=str, keep_default_na=False)
    rows = nodes.index[nodes["kind"] == "Post"][:3]
    nodes.loc[rows, "vacant"] = "perhaps"
    nodes.loc[rows[:2], "evidence"] = "rumoured"
    nodes.to_csv(template_copy / "nodes.csv", index=False)
    with pytest.raises(ValidationError) as exc:
        orgmodel.load(template_copy)
    found = [(p.row, p.message) for p in exc.value.problems]
    assert [r for r, m in found if "'perhaps' is not yes/no" in m] == [int(r) + 2 for r in rows]
    assert [r for r, m in found if "evidence 'rumoured'" in m] == [int(r) + 2 for r in rows[:2]]


# --- files that are not folders: ORG files, workbooks, posts tables, diffs (issue 34) --------

def _workbook(tmp, edit=None, name="org.xlsx"):
    """data/template as a workbook, changed by ``edit(openpyxl workbook)``."""
    import openpyxl
    path = tmp / name
    orgmodel.write_xlsx(orgmodel.load(DATA / "template"), path)
    if edit:
        wb = openpyxl.load_workbook(path)
        edit(wb)
        wb.save(path)
    return path


def _formulas(wb):
    ws = wb["nodes"]
    col = [c.value for c in ws[1]].index("fte") + 1
    for row in range(2, 15):
        ws.cell(row, col).value = "=1*1"         # openpyxl saves no value for a formula


def _bomb(tmp):
    import zipfile
    src, path = _workbook(tmp, name="src.xlsx"), tmp / "bomb.xlsx"
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename.endswith("sheet1.xml"):
                data = data.replace(b"</sheetData>", b"<row r='9999'><c r='A9999' t='inlineStr'>"
                                    b"<is><t>" + b"x" * (20 * 2**20) + b"</t></is></c></row>"
                                    b"</sheetData>")
            b.writestr(info.filename, data)
    return path


def _ole(tmp, encrypted):
    path = tmp / "old.xlsx"
    body = b"\0" * 512 + ("EncryptedPackage".encode("utf-16-le") if encrypted else b"Workbook")
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + body + b"\0" * 512)
    return path


def _file(name, content):
    def make(tmp):
        p = tmp / name
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return p
    return make


def _posts(text):
    return lambda tmp: ["import", "posts", _file("posts.csv", text)(tmp), "--out", tmp / "out"]


def _summary(make):
    return lambda tmp: ["summary", "--org", make(tmp)]


_TTL = "@prefix org: <http://www.w3.org/ns/org#> .\n@prefix ex: <http://example.org/> .\n"

# (id, the command on the bad file, where the message points, what it says)
FILE_CASES = [
    ("turtle without an organisation", _summary(_file("e.ttl", _TTL + "ex:a ex:b ex:c .\n")),
     "e.ttl", "holds no organisation: none of its 1 statements names an org:Post, "
     "org:OrganizationalUnit, org:Organization or foaf:Person"),
    ("empty turtle", _summary(_file("e.ttl", _TTL)), "e.ttl", "holds no organisation"),
    ("turtle that is a web page", _summary(_file("w.ttl", "<!doctype html><html></html>")),
     "w.ttl", "is a web page (HTML), not the Turtle file its name says: the address gave a page"),
    ("json-ld that is compressed", _summary(_file("g.jsonld", gzip.compress(b"{}"))),
     "g.jsonld", "is a compressed file (gzip), not the JSON-LD file its name says: unpack it"),
    ("json-ld without an organisation", _summary(_file("e.jsonld", "{}")), "e.jsonld",
     "holds no organisation"),
    ("turtle nested thousands deep", _summary(_file(
        "d.ttl", _TTL + "ex:a ex:b " + "(" * 5000 + ")" * 5000 + " .\n")), "d.ttl",
     "is nested too deeply to read as turtle"),
    ("xls saved as xlsx", _summary(lambda t: _ole(t, False)), "old.xlsx",
     "is an Excel 97-2003 workbook (.xls), not the Excel workbook (.xlsx) its name says: save "
     "it as an Excel workbook (.xlsx)"),
    ("password-protected workbook", _summary(lambda t: _ole(t, True)), "old.xlsx",
     "is protected with a password: open it in Excel or LibreOffice, remove the password"),
    ("workbook that is not a zip", _summary(_file("x.xlsx", b"\x00\x13\x87garbage")), "x.xlsx",
     "is not an Excel workbook (.xlsx): it is not a zip archive, as a workbook is"),
    ("workbook that is a csv", _summary(_file("x.xlsx", b"id,kind,name\n")), "x.xlsx",
     "is text, not the workbook its name says: a CSV file? give it the .csv extension"),
    ("workbook zip bomb", _summary(_bomb), "bomb.xlsx",
     "has a part (xl/worksheets/sheet1.xml) that expands"),
    ("formulas without saved values", _summary(lambda t: _workbook(t, _formulas)),
     "org.xlsx, sheet nodes, row 2", "cell K2 holds a formula (=1*1) with no saved value "
     "(and 12 more cells): orgmodel reads the values a spreadsheet program saved"),
    ("posts header only", _posts("id,reports_to,title,holder,fte\n"), "posts.csv",
     "has a header but no rows: there is no post to import"),
    ("posts every row left out", _posts("id,reports_to,title,holder,fte\n,,Director,Ann,1\n"
                                        ",1,Clerk,Bo,1\n"), "posts.csv",
     "none of its 2 rows became a post (row 2: no post id; row 3: no post id)"),
    ("posts formula", lambda t: ["import", "posts", _posts_workbook(t), "--out", t / "out"],
     # (a workbook of one sheet: its rows are named as the log names them)
     "posts.xlsx, row 2", "cell E2 holds a formula (=0.5*2) with no saved value"),
    ("posts file is a pipe", lambda t: ["import", "posts", _fifo(t / "posts.csv"), "--out",
                                        t / "out"], "posts.csv",
     "is not an ordinary file (a pipe, socket or device): orgmodel reads files"),
    ("output folder under a file", lambda t: [
        "import", "posts", _file("posts.csv", "id,reports_to,title\n1,,Director\n")(t),
        "--out", _file("a-file", "")(t) / "out"], "a-file",
     "is a file, where a folder is needed"),
    ("report into a folder the system refuses", lambda t: [
        "report", "--org", DATA / "template", "--out", _file("a-file", "")(t) / "report"],
     "a-file", "is a file, where a folder is needed"),
    ("a workbook of posts given as a model", _summary(lambda t: _posts_workbook(t)), "posts.xlsx",
     "is not an organisation workbook: it has no sheets 'nodes' and 'edges' (its sheets: "
     "'Sheet'); a table of posts, one row per post, is read with orgmodel import posts FILE "
     "--out FOLDER"),
    ("a table of posts given as a model", _summary(_file("posts.csv", "id,title\n1,Director\n")),
     "posts.csv", "a single .csv file is not an organisation (use a folder, .xlsx"),
    ("a folder of posts given as a model",
     _summary(lambda t: _file("posts.csv", "id,title\n1,Director\n")(t).parent),
     "is not an organisation folder: it has none of org.yaml, nodes.csv and edges.csv (it holds: "
     "posts.csv); a table of posts", "import posts FILE --out FOLDER"),
    ("an empty folder given as a model", _summary(lambda t: t), "is an empty folder",
     "give the organisation's folder (with org.yaml, nodes.csv and edges.csv)"),
    ("posts workbook header only", lambda t: ["import", "posts", _posts_workbook(t, rows=False),
                                              "--out", t / "out"], "posts.xlsx",
     "has a header but no rows: there is no post to import"),
    ("workbook settings formula", _summary(lambda t: _workbook(t, _settings_formula)),
     "org.xlsx, sheet settings, row 2", "cell B2 holds a formula (=A1) with no saved value"),
    ("workbook too large for the limit", lambda t: ["summary", "--org", _workbook(t)],
     "org.xlsx", "when read, more than the limit of 0 MB (raise it with "
     "ORGMODEL_MAX_WORKBOOK_MB)"),
    ("diff key no node has", lambda t: ["diff", DATA / "template", DATA / "template", "--key",
                                        "nonexistent", "--out", t / "out"], "Error: --key",
     "--key nonexistent: no node of the as-is model has a 'nonexistent', so nothing can be "
     "matched on it"),
    ("diff key repeated", lambda t: ["diff", DATA / "template", DATA / "template", "--key",
                                     "evidence", "--out", t / "out"], "Error: --key",
     "--key evidence: 1 value of the as-is model names more than one node, so nodes cannot "
     "be matched on it: 'stated' (council, alderman, gd, ...); choose a key whose values "
     "differ"),
]


def _posts_workbook(tmp, rows=True):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "reports_to", "title", "holder", "fte"])
    if rows:
        ws.append([1, None, "Director", "Ann", "=0.5*2"])
    path = tmp / "posts.xlsx"
    wb.save(path)
    return path


def _fifo(path):
    os.mkfifo(path)
    return path


def _settings_formula(wb):
    ws = wb["settings"]
    ws.cell(2, 2).value = "=A1"


@pytest.mark.parametrize("make,where,message", [c[1:] for c in FILE_CASES],
                         ids=[c[0] for c in FILE_CASES])
def test_a_bad_file_gets_one_clear_message(tmp_path, make, where, message, monkeypatch,
                                           request):
    if "too large" in request.node.name:
        monkeypatch.setenv("ORGMODEL_MAX_WORKBOOK_MB", "0.01")
    args = make(tmp_path)
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output and (res.exception is None
                                              or isinstance(res.exception, SystemExit))
    lines = [ln.strip() for ln in res.output.splitlines() if ln.strip()]
    first = lines[1] if "problem" in lines[0] and "found" in lines[0] else lines[0]
    assert where in first and message in first, res.output[:2000]
    if "problem" in lines[0]:
        assert "1 problem found" in lines[0], res.output[:2000]
    assert not (tmp_path / "out").exists()


def test_there_are_cases_for_files_too():
    assert len(FILE_CASES) >= 14 and len({c[0] for c in FILE_CASES}) == len(FILE_CASES)


def test_an_import_says_which_cells_it_did_not_use(tmp_path):
    # A negative FTE was listed under "rows not used" while its post was kept;
    # a post without a title was named in silence.
    posts = tmp_path / "posts.csv"
    posts.write_text("id,reports_to,title,holder,fte\n1,,Director,Ann,1\n2,1,,Bo,1\n"
                     "3,1,Clerk,Cy,-1\n4,1,Adviser,Di,\u0661\n")
    res = CliRunner().invoke(cli, ["import", "posts", str(posts), "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    log = (tmp_path / "o" / "IMPORT.md").read_text()
    assert "- Rows not used: 0\n" in log
    assert ("- Cells not used (the row is kept): 3:\n"
            "  - posts.csv, row 3: post 2 has no job title: it is named 'Post 2'\n"
            "  - posts.csv, row 4: FTE '-1' is negative: the post is kept without that FTE\n"
            "  - posts.csv, row 5: FTE '\u0661' is not a number: the post is kept without that "
            "FTE\n") in log
    assert log.strip() in res.output           # and said on the terminal
    org = orgmodel.load(tmp_path / "o")
    assert org.graph.nodes["3"].get("fte_min") is None and org.graph.nodes["2"]["name"] == "Post 2"


# --- limits on rows and cell length (issue 30, item 6) ------------------------------------

def _long_name(wb):
    wb["nodes"].cell(5, 3).value = "x" * 300


@pytest.mark.parametrize("case,env,make,where,message", [
    ("rows, a folder", {"ORGMODEL_MAX_ROWS": "10"}, lambda t: ["validate", "--org", DATA / "template"],
     "nodes.csv, row 12", "has more than 10 rows: raise the limit with ORGMODEL_MAX_ROWS"),
    ("rows, a workbook", {"ORGMODEL_MAX_ROWS": "10"}, lambda t: ["validate", "--org", _workbook(t)],
     "org.xlsx, sheet nodes, row 12", "has more than 10 rows"),
    ("cell, a workbook", {"ORGMODEL_MAX_CELL": "200"},
     lambda t: ["validate", "--org", _workbook(t, _long_name)],
     "org.xlsx, sheet nodes, row 5", "has a cell (column C) of 300 characters, more than the limit of 200"),
    ("cell, a folder", {"ORGMODEL_MAX_CELL": "20"}, lambda t: ["validate", "--org", DATA / "template"],
     "nodes.csv, row", "has a cell longer than 20 characters"),
    ("rows, an import", {"ORGMODEL_MAX_ROWS": "2"},
     lambda t: ["import", "posts", _file("posts.csv", "id,reports_to,title\n1,,A\n2,1,B\n3,1,C\n")(t),
                "--out", t / "out"],
     "posts.csv, row 4", "has more than 2 rows"),
    ("limit not a number", {"ORGMODEL_MAX_ROWS": "many"}, lambda t: ["validate", "--org", DATA / "template"],
     "ORGMODEL_MAX_ROWS='many'", "is not a number"),
], ids=lambda x: x if isinstance(x, str) and len(x) < 30 and " " in x or x == "" else None)
def test_a_file_past_a_limit_is_refused_naming_the_limit(tmp_path, monkeypatch, case, env, make,
                                                         where, message):
    args = [str(a) for a in make(tmp_path)]       # (the files made within the limits)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    assert where in res.output and message in res.output, res.output[:2000]
    assert not (tmp_path / "out").exists()


def test_within_the_limits_the_same_files_are_read(tmp_path, monkeypatch):
    # the limits are the only reason: raised, the same files pass
    book = _workbook(tmp_path, _long_name)
    monkeypatch.setenv("ORGMODEL_MAX_ROWS", "100")
    monkeypatch.setenv("ORGMODEL_MAX_CELL", "400")
    for org in (DATA / "template", book):
        res = CliRunner().invoke(cli, ["validate", "--org", str(org)])
        assert res.exit_code == 0, res.output


@pytest.mark.parametrize("name, content, said", [
    ("export.xls", b"<html><body><table><tr><td>Formatieplaats</td></tr></table></body></html>",
     "is a web page (HTML), not the workbook its name says"),
    ("export.xls", b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:'
     b'spreadsheet">', "is an XML Spreadsheet 2003, not the workbook its name says"),
    ("posts.xlsx", "Formatieplaats;Functie\n1;Directeur\n".encode("utf-16"),
     "is text, not the workbook its name says: a CSV file? give it the .csv extension"),
    ("posts.xls", b"Formatieplaats\tFunctie\n1\tDirecteur\n",
     "is text, not the workbook its name says"),
])
def test_a_file_named_as_a_workbook_that_is_text_says_what_it_is(tmp_path, name, content, said):
    """Many systems' "Excel" export is a web page or an XML Spreadsheet 2003
    named .xls, and a CSV file is often renamed: the refusal said "not a zip
    archive" or quoted xlrd ("Expected BOF record; found b'<html><b'")."""
    f = tmp_path / name
    f.write_bytes(content)
    res = cli_run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o",
                  "--lang", "en")
    assert res.exit_code == 1 and said in res.output, res.output
    assert "BOF" not in res.output and "Traceback" not in res.output
    assert not (tmp_path / "o").exists()


def test_one_more_formula_cell_is_one_cell():
    """"(and 1 more cells)", "(en nog 1 cellen)": one is one cell."""
    from orgmodel.formats.xlsx import _unsaved_problem
    from orgmodel.i18n import translator
    p = _unsaved_problem("f.xlsx", [(3, 5, "=0.4*2"), (4, 5, "=E3/2")])
    assert "(and 1 more cell):" in p.message, p.message
    assert "(en nog 1 cel):" in translator("nl")(p.message)
    p = _unsaved_problem("f.xlsx", [(3, 5, "=1"), (4, 5, "=2"), (5, 5, "=3")])
    assert "(and 2 more cells):" in p.message and \
        "(en nog 2 cellen):" in translator("nl")(p.message)


def _wrapped_posts(tmp_path, suffix):
    """A posts file with a job title written on two lines in its cell
    (Alt+Enter in Excel), a unit on two with spaces around and a holder with
    a tab."""
    rows = [["id", "titel", "afdeling", "leidinggevende", "fte", "naam"],
            ["1", "Gemeente-\nsecretaris", "Directie", "", "1", "Piet\tJansen"],
            ["2", "Hoofd", "Ruimte \n Wonen", "1", "0,8", "Vacature"]]
    path = tmp_path / f"formatie.{suffix}"
    if suffix == "xlsx":
        import openpyxl
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(path)
    else:
        with open(path, "w", newline="", encoding="utf-8") as f:
            csv.writer(f, delimiter=";").writerows(rows)
    return path


def _import_formatie(path, out, lang: str):
    """``import posts`` of a small formatie file of the columns ``id``,
    ``titel``, ``leidinggevende`` and ``naam``, into ``out``."""
    return cli_run("import", "posts", path, "--out", out, "--id", "id", "--reports-to",
                   "leidinggevende", "--title", "titel", "--holder", "naam", "--lang", lang)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_cell_written_on_two_lines_is_read_as_one_and_said(tmp_path, suffix):
    """A title, a name or a unit wrapped in its cell was read with its line
    break: the import's own summary and every command's output after it
    broke the line inside the name (``bereikt Gemeente-`` and, on the next
    line, ``secretaris``)."""
    out = tmp_path / "org"
    res = cli_run("import", "posts", _wrapped_posts(tmp_path, suffix), "--out", out,
                  "--id", "id", "--reports-to", "leidinggevende", "--title", "titel",
                  "--unit", "afdeling", "--fte", "fte", "--holder", "naam", "--locale", "nl",
                  "--lang", "nl")
    assert res.exit_code == 0, res.output
    assert ("3 cellen op meer dan één regel geschreven (de eerste 'Gemeente- secretaris', "
            "regel 2): elk gelezen als één regel") in res.output
    assert "regeleinde" in (out / "IMPORT.md").read_text(encoding="utf-8")
    org = orgmodel.load(out)
    names = {d["name"] for _, d in org.graph.nodes(data=True)}
    assert {"Gemeente- secretaris", "Piet Jansen", "Ruimte Wonen"} <= names, names
    res = cli_run("escalate", "2", "--org", out, "--lang", "nl")
    assert res.exit_code == 0, res.output
    assert "bereikt Gemeente- secretaris" in res.output
    assert not any(line.startswith("secretaris") for line in res.output.splitlines())


def test_a_name_or_id_on_two_lines_is_refused_and_shown_on_one(template_copy):
    """A folder's node whose name or id has a line break is named as a
    problem; the problems it has besides show it on one line too (``Post
    'p⏎2' needs a sphere`` read as two problems, the second ``2' needs a
    sphere``)."""
    nodes = template_copy / "nodes.csv"
    with open(nodes, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("name")] = "Raad van\nde gemeente"
    rows.append(["p\n2", "Post", "Hoofd"] + [""] * (len(rows[0]) - 3))
    with open(nodes, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    res = cli_run("validate", "--org", template_copy, "--lang", "en")
    assert res.exit_code == 1
    assert ("nodes.csv, row 2: the name 'Raad van⏎de gemeente' is written on more than one "
            "line (a line break shown here as ⏎): write it on one line") in res.output
    assert "the id 'p⏎2' is written on more than one line" in res.output
    assert "Post 'p⏎2' needs a sphere" in res.output
    assert not any(line.startswith("2'") for line in res.output.splitlines()), res.output


def test_a_holders_cell_on_two_lines_is_refused_as_one_or_two_people(tmp_path):
    """``Piet⏎Jansen`` is one name wrapped, ``Piet Jansen⏎Anna de Vries``
    two people: a holder's cell on two lines is not guessed at, and nothing
    is written."""
    path = tmp_path / "formatie.csv"
    path.write_text('id;titel;leidinggevende;naam\n1;Directeur;;"Piet Jansen\nAnna de Vries"\n',
                    encoding="utf-8")
    out = tmp_path / "org"
    res = _import_formatie(path, out, "en")
    assert res.exit_code == 1
    assert ("formatie.csv, row 2: the holder's cell 'Piet Jansen⏎Anna de Vries' is written on "
            "more than one line") in res.output, res.output
    assert "Traceback" not in res.output and not out.exists()


@pytest.mark.parametrize("cell, first, second", [
    ("Bram Jansen, Eva Kok", "Bram Jansen", "Eva Kok"),
    ("A. de Vries, B. Jansen", "A. de Vries", "B. Jansen"),
    # (two names written surname first, each with its initials)
    ("Jansen, P., Kok, E.", "Jansen, P.", "Kok, E."),
    ("Vries, A.J. de, Kok, Th.", "Vries, A.J. de", "Kok, Th.")])
def test_a_holders_cell_of_two_names_between_commas_is_refused(tmp_path, cell, first, second):
    """``Bram Jansen, Eva Kok`` and ``Jansen, P., Kok, E.`` were each
    imported as one person of that name (a job share of two made one
    person, in silence); read as two, ``Boer Jansen, Anna Maria`` would be.
    Which it is is not guessed: refused, nothing written."""
    path = tmp_path / "formatie.csv"
    path.write_text(f'id;titel;leidinggevende;naam\n1;Directeur;;"{cell}"\n',
                    encoding="utf-8")
    out = tmp_path / "org"
    res = _import_formatie(path, out, "en")
    assert res.exit_code == 1
    assert (f"formatie.csv, row 2: the holder's cell '{cell}' may name several people between "
            f"commas ('{first}', '{second}'), or one written surname first") in res.output
    assert "Traceback" not in res.output and not out.exists()


@pytest.mark.parametrize("cell, name", [
    ("Jansen, Piet", "Jansen, Piet"), ("Vries, Anna de", "Vries, Anna de"),
    ("Vries van der, A.", "Vries van der, A."), ("Jansen-de Vries, Anna Maria",
                                                 "Jansen-de Vries, Anna Maria"),
    ("de Boer, Jan Piet", "de Boer, Jan Piet"), ("Anna de Vries, MBA", "Anna de Vries, MBA"),
    ("John Smith, KCB, CVO", "John Smith, KCB, CVO"),
    ("Vries van der, A.J., MBA", "Vries van der, A.J., MBA")])
def test_one_name_with_a_comma_is_one_holder(tmp_path, cell, name):
    path = tmp_path / "formatie.csv"
    path.write_text(f'id;titel;leidinggevende;naam\n1;Directeur;;"{cell}"\n',
                    encoding="utf-8")
    out = tmp_path / "org"
    res = _import_formatie(path, out, "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(out)
    assert [d["name"] for _, d in org.graph.nodes(data=True) if d["kind"] == "Person"] == [name]


def test_the_organisations_name_on_two_lines_is_refused(template_copy):
    """org.yaml's name is every page's title and every output's first line:
    on two lines (``name: "Sample\\nGemeente"``) it broke them (``Sample``,
    then ``Gemeente: 3 management layers``)."""
    y = template_copy / "org.yaml"
    y.write_text(re.sub(r"(?m)^name: .*$", 'name: "Sample\\\\nGemeente"',
                        y.read_text(encoding="utf-8")), encoding="utf-8")
    res = cli_run("validate", "--org", template_copy, "--lang", "en")
    assert res.exit_code == 1
    assert ("org.yaml: name: is written on more than one line ('Sample⏎Gemeente', a line "
            "break shown here as ⏎)") in res.output, res.output
    res = cli_run("layers", "--org", template_copy, "--lang", "nl")
    assert res.exit_code == 1 and "name: staat op meer dan één regel" in res.output, res.output


@pytest.mark.parametrize("column", ["id", "leidinggevende"])
def test_an_id_a_spreadsheet_made_a_date_is_refused(tmp_path, column):
    """An id typed as ``1-2`` is 1 February in Excel: it was imported as the
    post ``2026-02-01`` (or a superior of that id, not in the file), in
    silence on the post's own row."""
    import datetime

    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "titel", "leidinggevende", "naam"])
    ws.append(["1-1", "Directeur", None, "Anna de Vries"])
    feb = datetime.datetime(2026, 2, 1)
    ws.append([feb if column == "id" else "1-2", "Hoofd", "1-1", "Bert Jansen"])
    ws.append(["1-3", "Medewerker", feb if column != "id" else "1-2", "Carla Smit"])
    path = tmp_path / "formatie.xlsx"
    wb.save(path)
    out = tmp_path / "org"
    res = _import_formatie(path, out, "en")
    assert res.exit_code == 1, res.output
    what, row = ("post id", 3) if column == "id" else ("superior", 4)
    assert (f"formatie.xlsx, row {row}: the {what} in column '{column}' is a date in the "
            "workbook (1 February 2026)") in res.output, res.output
    assert "Traceback" not in res.output and not out.exists()


def test_a_title_above_the_table_on_two_lines_is_one_line_of_the_log(tmp_path):
    """A title above the header row written on two lines in its cell was
    printed as two lines of the import's log, the second looking like a
    line of its own."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["Formatieoverzicht\ngemeente X"], [], ["id", "titel", "leidinggevende", "naam"],
                ["1", "Directeur", None, "Anna de Vries"], ["2", "Hoofd", "1", "Bert Jansen"]):
        ws.append(row)
    path = tmp_path / "formatie.xlsx"
    wb.save(path)
    res = cli_run("import", "posts", path, "--out", tmp_path / "org", "--id", "id",
                  "--reports-to", "leidinggevende", "--title", "titel", "--holder", "naam",
                  "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "above the header row: 'Formatieoverzicht⏎gemeente X'" in res.output, res.output
    assert not any(line.startswith("gemeente X") for line in res.output.splitlines())


def test_an_id_a_spreadsheet_made_a_date_in_a_saved_csv_is_refused(tmp_path):
    """The CSV a spreadsheet saves writes such a date as it shows it
    (``1-feb`` for ``1-2`` in a Dutch Excel): the superior ``1-feb`` was no
    post of the file, with no word of how it came to be so."""
    path = tmp_path / "formatie.csv"
    path.write_text("id;titel;leidinggevende;naam\n1-1;Directeur;;Anna de Vries\n"
                    "1-feb;Hoofd;1-1;Bert Jansen\n1-3;Medewerker;1-feb;Carla Smit\n",
                    encoding="utf-8")
    out = tmp_path / "org"
    res = _import_formatie(path, out, "nl")
    assert res.exit_code == 1, res.output
    assert ("formatie.csv, regel 3: functie-id in kolom 'id' is '1-feb', zoals een spreadsheet "
            "een datum toont") in res.output, res.output
    assert not out.exists()


def test_an_id_a_spreadsheet_rounded_is_refused(tmp_path):
    """A personnel number or post id of 12 digits that a spreadsheet wrote
    as ``1,23457E+11`` was taken for the id: two such ids could have become
    one, and none is the id of any other file."""
    path = tmp_path / "formatie.csv"
    path.write_text("id;titel;leidinggevende;naam\n1,23457E+11;Directeur;;Anna de Vries\n"
                    "2,34567E+11;Hoofd;1,23457E+11;Bert Jansen\n", encoding="utf-8")
    out = tmp_path / "org"
    res = _import_formatie(path, out, "en")
    assert res.exit_code == 1, res.output
    assert ("formatie.csv, row 2: the post id in column 'id' is '1,23457E+11', as a "
            "spreadsheet writes a long number it rounded") in res.output, res.output
    assert not out.exists()


def test_an_fte_a_spreadsheet_made_a_date_says_so(tmp_path):
    """``1/2`` typed in an FTE cell is 1 February (or 2 January) in Excel:
    the cell was said to be 'not a number', which reads wrong to whoever
    typed a half."""
    import datetime

    import openpyxl
    wb = openpyxl.Workbook()
    for row in (["id", "titel", "leidinggevende", "fte", "naam"],
                ["1", "Directeur", None, 1, "Anna de Vries"],
                ["2", "Hoofd", "1", datetime.datetime(2026, 1, 2), "Bert Jansen"]):
        wb.active.append(row)
    path = tmp_path / "formatie.xlsx"
    wb.save(path)
    res = cli_run("import", "posts", path, "--out", tmp_path / "org", "--id", "id",
                  "--reports-to", "leidinggevende", "--title", "titel", "--fte", "fte",
                  "--holder", "naam", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("formatie.xlsx, row 3: FTE '2026-01-02' is a date in the workbook: a spreadsheet "
            "makes a date of a fraction typed as 1/2 or 4/5") in res.output, res.output


def _as_excel_texts(text: str, columns=(0,)) -> str:
    """A CSV's text with the cells of ``columns`` written as an exporter
    writes a text for a spreadsheet to keep (``="F001"``)."""
    lines = text.splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(";")
        out.append(";".join(f'="{c}"' if i in columns and c else c
                            for i, c in enumerate(cells)))
    return "\n".join(out) + "\n"


def test_cells_an_exporter_wrote_as_formulas_of_text_are_read_as_their_text(tmp_path):
    """`="F001"`, as exports write an id for Excel to keep as text (its
    leading zeros, a dash not made a date), was imported as the post
    `="F001"` (and its superior `="F001"` as that id too), in silence."""
    sample = (orgmodel.__path__[0] + "/../docs/samples/formatie-voorbeeld.csv")
    path = tmp_path / "export.csv"
    path.write_text(_as_excel_texts(open(sample, encoding="utf-8").read(), (0, 2, 3)),
                    encoding="utf-8")
    assert '="F002";Teammanager Financiën;="Vacature";="F001";' in path.read_text("utf-8")
    out = tmp_path / "org"
    res = cli_run("import", "posts", path, "--preset", "nl-hr", "--out", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("export.csv: 20 cells are written as formulas of their text (the first '=\"F001\"' "
            "in column 'Formatieplaats', row 2), as an exporter writes them for a spreadsheet to "
            "keep them as text: each read as its text") in res.output
    org = orgmodel.load(out)
    assert sorted(org.ids("Post")) == ["F001", "F002", "F003", "F004", "F005", "F006"]
    assert org.graph.has_edge("F002", "F001") and org.graph.nodes["F002"].get("vacant")
    # (the junior file and a mandate register are read alike)
    junior = tmp_path / "junior.csv"
    junior.write_text('reports_to;title;grade;fte\n="F003";Medewerker;8;2\n',
                      encoding="utf-8")
    res = cli_run("import", "posts", path, "--junior", junior, "--preset", "nl-hr",
                  "--out", tmp_path / "org2", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "junior.csv: a cell is written as a formula of its text" in res.output
    register = tmp_path / "register.csv"
    register.write_text("Bevoegdheid;Mandaatgever;Gemandateerde;Financiële grens\n"
                        'Inkoop;="F001";="F005";€ 25.000\n', encoding="utf-8")
    res = cli_run("import", "mandates", register, "--org", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    assert orgmodel.load(out).graph.has_edge("F001", "F005")


def _import_hr(tmp_path, name: str, text: str):
    """``import posts --preset nl-hr --lang en`` of a file ``name`` of
    ``text``: ``(result, the folder it writes)``."""
    path, out = tmp_path / name, tmp_path / "org"
    path.write_text(text, encoding="utf-8")
    return cli_run("import", "posts", path, "--preset", "nl-hr", "--out", out, "--lang", "en"), out


def test_post_ids_apart_only_in_case_are_refused_on_the_files_rows(tmp_path):
    """`F002` and `f002` in a posts file were refused by the validation of
    the tables the import made, named as `case.csv (as imported nodes),
    row 8`: a row of no file the user has (the file has five)."""
    res, out = _import_hr(tmp_path, "case.csv",
                          "Formatieplaats;Functie;Medewerker;Leidinggevende functie\n"
                          "F001;Gemeentesecretaris;Anna de Vries;\n"
                          "F002;Teammanager;Bram Jansen;F001\nf002;Adviseur;Kees Bos;F001\n"
                          "F003;Adviseur;Eva Kok;f002\n")
    assert res.exit_code == 1
    assert ("case.csv, row 4: post id 'f002' differs from post id 'F002' (row 3) only in upper "
            "and lower case") in res.output, res.output
    assert "as imported" not in res.output and not out.exists()


def test_a_post_id_a_unit_or_person_would_have_is_left_to_the_post(tmp_path):
    """A post whose id is the one the import gives a unit or a person
    (`unit:directie`, `person:bram-jansen`) was joined to itself, refused
    as `coll.csv (as imported edges), row 2` (a row of no file the user has)."""
    res, out = _import_hr(tmp_path, "coll.csv",
                          "Formatieplaats;Functie;Medewerker;Leidinggevende functie;"
                          "Organisatie-eenheid\nunit:directie;Gemeentesecretaris;Anna de Vries;;"
                          "Directie\nperson:bram-jansen;Teammanager;Bram Jansen;unit:directie;"
                          "Financiën\n")
    assert res.exit_code == 0, res.output
    assert ("The unit 'Directie' would have the id of post unit:directie: it is unit:directie-2"
            in res.output)
    org = orgmodel.load(out)
    kinds = {n: d["kind"] for n, d in org.graph.nodes(data=True)}
    assert kinds["unit:directie"] == kinds["person:bram-jansen"] == "Post"
    assert org.graph.has_edge("person:bram-jansen", "unit:directie")
    assert {d["name"] for n, d in org.graph.nodes(data=True) if d["kind"] == "Person"} == \
        {"Anna de Vries", "Bram Jansen"}


def test_a_superior_column_of_yes_and_no_is_refused_as_such(tmp_path):
    """A formatie list's `Leidinggevende` column marking whether a post leads
    (`Ja`, `Nee`) was read as superiors: each post reported to a post `Ja`
    not in the file, and the message advised reading `Ja` as a post outside
    the organisation (--unknown-superior external)."""
    res, out = _import_hr(tmp_path, "jn.csv",
                          "Formatieplaats;Functie;Medewerker;Leidinggevende\n"
                          "F001;Gemeentesecretaris;Anna de Vries;Ja\n"
                          "F002;Teammanager;Bram Jansen;Ja\nF003;Adviseur;Kees Bos;Nee\n")
    path = tmp_path / "jn.csv"
    assert res.exit_code == 1
    assert ("jn.csv: the superior's column 'Leidinggevende' says only yes or no ('Ja', 'Nee'): "
            "whether a post leads, not whom it reports to") in res.output, res.output
    assert "--unknown-superior" not in res.output and not out.exists()
    res = cli_run("import", "posts", path, "--preset", "nl-hr", "--out", out, "--no-line",
                  "--lang", "en")
    assert res.exit_code == 0, res.output


@pytest.mark.parametrize("fte", ["1e308", "1E+03", "2,5E-01"])
def test_an_fte_in_scientific_notation_is_a_cell_not_used(tmp_path, fte):
    """`1e308` on a vacant post's row was read as an FTE, written to the
    folder as `1e+308`, and the import refused by the validation of its own
    tables (`(as imported nodes), row 5: FTE '1e+308' is not a number`);
    `1E+03` was read as the shares `1E` and `03`."""
    sample = (orgmodel.__path__[0] + "/../docs/samples/formatie-voorbeeld.csv")
    text = open(sample, encoding="utf-8").read().replace(";0,5;10;", f";{fte};10;", 1)
    path = tmp_path / "sci.csv"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "org"
    res = cli_run("import", "posts", path, "--preset", "nl-hr", "--out", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    assert (f"sci.csv, row 5: FTE '{fte}' is written in scientific notation (as a spreadsheet "
            "shows a number too long for its column): the post is kept without that FTE") \
        in res.output
    nodes = orgmodel.load(out).graph.nodes
    assert "fte_min" in nodes["F003"] and "fte_min" not in nodes["F004"]


def test_an_english_hr_export_is_refused_offering_every_option_it_needs(tmp_path):
    # (it asked for --id, then for --reports-to, then read no title, holder
    # or unit: three runs to learn what one refusal can say)
    f = tmp_path / "staff.csv"
    f.write_text("Employee ID,Employee Name,Job Title,Manager ID,Department,FTE\n"
                 "1001,Ann Top,Chief Executive,,Executive,1\n"
                 "1002,Bo Mid,Director of Finance,1001,Finance,1\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["import", "posts", str(f), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1 and not (tmp_path / "o").exists()
    offered = re.search(r"its columns may be read with (.*?) \(which column", res.output)
    assert offered, res.output
    options = offered.group(1)
    assert options == ("--id 'Employee ID' --reports-to 'Manager ID' --title 'Job Title' "
                       "--holder 'Employee Name' --unit 'Department'")
    res = CliRunner().invoke(cli, ["import", "posts", str(f), "--out", str(tmp_path / "o"),
                                   *shlex.split(options)])
    assert res.exit_code == 0, res.output
    nodes = (tmp_path / "o" / "nodes.csv").read_text(encoding="utf-8")
    assert "1002,Post,Director of Finance" in nodes and "Ann Top" in nodes
