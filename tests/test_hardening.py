"""Issue 11: accepted input, inert output, nothing lost, nothing half-written.

Bad input has its own suite (test_bad_input.py); the database faults are
further down, against the real Bolt server the suite starts.
"""
import codecs
import csv
import io
import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import threading
import unicodedata

import pytest
from click.testing import CliRunner

import orgmodel
from conftest import DATA
from orgmodel.cli import cli

# --- what input is accepted ----------------------------------------------------------


def _copy(tmp_path, name="org"):
    d = tmp_path / name
    shutil.copytree(DATA / "template", d)
    return d


def _rewrite(d, f, sep=",", encoding="utf-8", bom=b""):
    rows = list(csv.reader(io.StringIO((d / f).read_text(encoding="utf-8"))))
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    (d / f).write_bytes(bom + buf.getvalue().encode(encoding))


@pytest.mark.parametrize("sep,encoding,bom", [
    (",", "utf-8", codecs.BOM_UTF8),          # Excel "CSV UTF-8"
    (";", "cp1252", b""),                      # Dutch-locale Excel "CSV"
    ("\t", "utf-16", b""),                     # Excel "Unicode text" (utf-16 writes a BOM)
    ("\t", "utf-8", b""),
    (";", "utf-8", b""),
], ids=["utf8-bom", "cp1252-semicolon", "utf16-tab", "utf8-tab", "utf8-semicolon"])
def test_spreadsheet_encodings_and_separators_read_the_same(tmp_path, sep, encoding, bom):
    plain = _copy(tmp_path, "plain")
    other = _copy(tmp_path, "other")
    for d in (plain, other):
        t = (d / "nodes.csv").read_text(encoding="utf-8")
        (d / "nodes.csv").write_text(t.replace("Alderman for youth", "Wethouder Çelik jeugd"),
                                     encoding="utf-8")
    for f in ("nodes.csv", "edges.csv"):
        _rewrite(other, f, sep, encoding, bom)
    a, b = orgmodel.load(plain), orgmodel.load(other)
    assert a.graph.nodes["alderman"]["name"] == "Wethouder Çelik jeugd"
    assert dict(a.graph.nodes(data=True)) == dict(b.graph.nodes(data=True))
    assert sorted(map(str, a.graph.edges(data=True))) == sorted(map(str, b.graph.edges(data=True)))


def test_headers_are_read_without_case_or_spaces(tmp_path):
    d = _copy(tmp_path)
    t = (d / "nodes.csv").read_text()
    (d / "nodes.csv").write_text(t.replace("id,kind,name,source,evidence,sphere,level,fte",
                                           "ID, Kind ,Name,source, Evidence,Sphere,level, FTE"))
    plain = orgmodel.load(DATA / "template")
    org = orgmodel.load(d)
    assert org.graph.nodes["tm"]["fte_max"] == plain.graph.nodes["tm"]["fte_max"] == 1.0
    assert org.graph.nodes["tm"]["evidence"] == "stated" and org.graph.nodes["gd"]["level"] == "concern"


def test_line_separators_inside_a_quoted_cell_are_text(tmp_path):
    d = _copy(tmp_path)
    t = (d / "nodes.csv").read_text()
    name = "Team\u2028manager\u2029with\x0cbreaks\x85"
    assert "\ntm,Role,Team manager Finance," in t
    (d / "nodes.csv").write_text(t.replace("Team manager Finance,", f'"{name}",'), encoding="utf-8")
    org = orgmodel.load(d)
    assert org.graph.nodes["tm"]["name"] == name.strip()


def test_names_in_another_unicode_normal_form_still_match(tmp_path):
    d = _copy(tmp_path)
    nfd = unicodedata.normalize("NFD", "Wethouder Çelik")
    t = (d / "nodes.csv").read_text()
    t = t.replace("Alderman for youth", nfd).replace("\nalderman,", "\nwéth,")
    (d / "nodes.csv").write_text(t, encoding="utf-8")
    e = (d / "edges.csv").read_text().replace("alderman,", unicodedata.normalize("NFD", "wéth") + ",")
    e = e.replace(",alderman,", "," + unicodedata.normalize("NFC", "wéth") + ",")
    (d / "edges.csv").write_text(e, encoding="utf-8")
    org = orgmodel.load(d)
    assert org.find_role("Wethouder Çelik") == unicodedata.normalize("NFC", "wéth")
    assert org.find_role(unicodedata.normalize("NFD", "wéth")) == unicodedata.normalize("NFC", "wéth")


# --- commands on valid but unusual organisations -------------------------------------

def _without_partners(tmp_path):
    d = _copy(tmp_path, "nopartners")
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
        assert "Partners hanging on one commissioner:" in res.output


@pytest.mark.parametrize("args,hint", [(["tm", "--meet", ""], "--meet"),
                                       (["", "--meet", "dd"], "ROLE"),
                                       (["  "], "ROLE")])
def test_an_empty_role_is_refused_not_ignored(args, hint):
    res = CliRunner().invoke(cli, ["escalate", *args, "--org", str(DATA / "template")])
    assert res.exit_code == 2 and hint in res.output and "is empty" in res.output


def test_synth_does_not_overwrite_an_organisation_without_force(tmp_path):
    d = _copy(tmp_path)
    before = (d / "nodes.csv").read_bytes()
    res = CliRunner().invoke(cli, ["synth", "--roles", "20", "--out", str(d)])
    assert res.exit_code == 2 and "--force" in res.output
    assert (d / "nodes.csv").read_bytes() == before
    res = CliRunner().invoke(cli, ["synth", "--roles", "20", "--out", str(d), "--force"])
    assert res.exit_code == 0 and (d / "nodes.csv").read_bytes() != before


def test_written_files_get_normal_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        res = CliRunner().invoke(cli, ["synth", "--roles", "20", "--out", str(tmp_path / "s")])
        assert res.exit_code == 0
        for f in ("org.yaml", "nodes.csv", "edges.csv"):
            assert stat.S_IMODE((tmp_path / "s" / f).stat().st_mode) == 0o644
        rep = orgmodel.write_report(orgmodel.load(DATA / "template"), tmp_path / "rep", html=False)
        assert stat.S_IMODE(rep.stat().st_mode) == 0o644
        assert stat.S_IMODE(rep.parent.stat().st_mode) == 0o755
    finally:
        os.umask(old)


# --- reports replace their folder as a whole -----------------------------------------

def test_a_report_over_an_older_one_keeps_none_of_its_files(tmp_path):
    out = tmp_path / "rep"
    orgmodel.write_report(orgmodel.load(DATA / "template"), out)
    assert (out / "escalation_commission.csv").exists() and (out / "graph.html").exists()
    d = _copy(tmp_path)
    y = (d / "org.yaml").read_text()
    y = y[:y.index("    commission:")] + y[y.index("layering:"):]
    (d / "org.yaml").write_text(y.replace("name: Sample", "name: Other"))
    orgmodel.write_report(orgmodel.load(d), out, html=False)
    assert not (out / "escalation_commission.csv").exists()
    assert not (out / "graph.html").exists()
    assert "# Other" in (out / "report.md").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org", "rep"]   # no leftovers


def test_a_report_never_replaces_a_folder_of_other_files(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    res = CliRunner().invoke(cli, ["report", "--org", str(DATA / "template"), "--out", str(out)])
    assert res.exit_code == 1 and "not an orgmodel report" in res.output
    assert (out / "thesis.docx").read_text() == "precious"
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]


def test_a_failing_report_leaves_the_earlier_one(tmp_path, monkeypatch):
    out = tmp_path / "rep"
    orgmodel.write_report(orgmodel.load(DATA / "template"), out, html=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    import orgmodel.report as report

    def boom(*a, **k):
        raise RuntimeError("disk full")
    monkeypatch.setattr(report, "portfolio_balance", boom)
    with pytest.raises(RuntimeError):
        orgmodel.write_report(orgmodel.load(DATA / "template"), out, html=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rep"]


# --- hostile names: inert in every output ----------------------------------------------

HOSTILE = {
    "html": "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "image": "![t](http://x/p.png)",
    "terminal": "Team\x1b]0;pwned\x07\x1b[2J\x1b[31mred\r\x9b31m",
    "link": "[click](javascript:alert(1))",
    "autolink": "<javascript:alert(1)>",
    "formula": "=HYPERLINK(\"http://x\",\"y\")",
    "plus": "+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "heading": "# Heading\n- list",
}


def _hostile_org(tmp_path):
    d = _copy(tmp_path, "hostile")
    # Names, notes and sources of rows, and every prose value of org.yaml.
    rows = list(csv.DictReader(open(d / "nodes.csv", encoding="utf-8")))
    names = iter(HOSTILE.values())
    for r in rows:
        v = next(names, None)
        if v is not None:
            r["name"] = v
            r["note"] = v
            # a valid citation before every ';'-separated part, then the hostile text
            r["source"] = "; ".join("X-1 " + part for part in v.split(";"))
    with open(d / "nodes.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    y = (d / "org.yaml").read_text()
    y = y.replace("name: Sample", f"name: {json.dumps(HOSTILE['html'] + HOSTILE['image'])}")
    y = y.replace("date: '2026-01-01'", "date: '2026-01-01'\ndescription: "
                  + json.dumps(HOSTILE["link"] + " " + HOSTILE["autolink"] + " " + HOSTILE["heading"]))
    y = re.sub(r'  X: ".*"', "  X: " + json.dumps(HOSTILE["image"] + HOSTILE["html"]), y)
    y = y.replace('rule: "next official level in the line"',
                  "rule: " + json.dumps(HOSTILE["html"] + HOSTILE["link"]))
    (d / "org.yaml").write_text(y, encoding="utf-8")
    # a target that puts hostile names in prose lines (below target, wide spans)
    y = (d / "org.yaml").read_text().replace("target_depth: 3", "target_depth: 1")
    (d / "org.yaml").write_text(y.replace("max: 8", "max: 0"), encoding="utf-8")
    return d


def _html_of(md_text):
    import markdown
    from markdown_it import MarkdownIt
    # Both renderers pass raw HTML through, as GitHub-style viewers may.
    return [MarkdownIt("commonmark", {"html": True}).enable("table").render(md_text),
            markdown.markdown(md_text, extensions=["tables"])]


def test_markdown_report_keeps_every_value_inert(tmp_path):
    d = _hostile_org(tmp_path)
    org = orgmodel.load(d)
    md = orgmodel.write_report(org, tmp_path / "rep", html=False).read_text()
    for html in _html_of(md):
        low = html.lower()
        # the only images are the report's own charts, with no attribute from a value
        assert not re.search(r"<img[^>]*(onerror|onload)", low)
        assert "<script" not in low and "javascript:" not in \
            re.sub(r"&[a-z#0-9]+;", "", " ".join(re.findall(r'(?:href|src)="([^"]*)"', low)))
        srcs = re.findall(r'src="([^"]*)"', low)
        assert all(re.fullmatch(r"chart[a-z0-9-]*\.svg", s) for s in srcs), srcs
        hrefs = re.findall(r'href="([^"]*)"', low)
        assert all(re.fullmatch(r"[a-z_]+\.csv|#[a-z-]+", h) for h in hrefs), hrefs
        assert "<h1" in low and low.count("<h1") == 1        # no heading from a value
    # the values are still there to read, as text
    assert "alert" in md and "\x1b" not in md


def test_every_csv_cell_is_neutralised_and_numbers_stay_numbers(tmp_path):
    d = _hostile_org(tmp_path)
    out = tmp_path / "rep"
    orgmodel.write_report(orgmodel.load(d), out, html=False)
    outputs = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.csv")}
    for cmd in (["escalate", "--all"], ["span"], ["layers"], ["partners"], ["check"],
                ["portfolios"], ["advice"], ["summary"]):
        res = CliRunner().invoke(cli, [*cmd, "--org", str(d), "--format", "csv"])
        assert res.exit_code == 0, res.output
        outputs[" ".join(cmd)] = res.output
    seen_formula = False
    for name, text in outputs.items():
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
                assert not (cell.startswith("-") and not re.fullmatch(r"-\d+(\.\d+)?", cell)), \
                    (name, cell)
                seen_formula |= cell.startswith("'=")
    assert seen_formula          # the hostile names did reach the CSVs
    span = list(csv.DictReader(io.StringIO(outputs["span.csv"])))
    assert span and all(re.fullmatch(r"\d+", r["direct_reports"]) for r in span)


@pytest.mark.parametrize("cells", [
    ["Team", "=1+1"], ["Team", "line\n=HYPERLINK(1)", "@x"], ["x"] * 50 + ["\tTAB"],
    ["Team", None, "+31"], ["-1", "-x", "Team"], ["ok", "fine"]])
def test_a_formula_among_plain_text_cells_is_caught(cells):
    # Columns of plain text skip the cell-by-cell pass: one formula anywhere
    # in a column must still send it through.
    import pandas as pd

    from orgmodel.escape import to_csv
    rows = list(csv.reader(io.StringIO(to_csv(pd.DataFrame({"name": cells})))))[1:]
    got = [r[0] for r in rows]
    for given, written in zip(cells, got):
        if given is None:
            assert written == ""
        elif given[:1] in ("=", "+", "-", "@", "\t") and \
                not re.fullmatch(r"[+-]\d+", given):          # a number stays a number
            assert written == "'" + given
        else:
            assert written == given


@pytest.mark.parametrize("cmd", [["escalate", "--all"], ["span"], ["layers"], ["check"],
                                 ["summary"], ["escalate", "--all", "--format", "json"],
                                 ["escalate", "no such role"]])
def test_terminal_output_shows_control_characters_escaped(tmp_path, cmd):
    d = _hostile_org(tmp_path)
    res = CliRunner().invoke(cli, [*cmd, "--org", str(d)])
    assert "\x1b" not in res.output and "\x07" not in res.output and "\x9b" not in res.output
    assert "\r" not in res.output
    if cmd != ["escalate", "no such role"]:
        assert res.exit_code == 0, res.output
    if cmd[0] in ("escalate", "span", "layers") and "no such role" not in cmd:
        # the name is there, its control characters visible as escapes
        assert "\\x1b" in res.output or "\\u001b" in res.output


def test_a_hostile_role_query_is_escaped_in_the_error(tmp_path):
    res = CliRunner().invoke(cli, ["escalate", "\x1b]0;x\x07", "--org", str(DATA / "template")])
    assert res.exit_code == 1 and "\x1b" not in res.output and "\\x1b" in res.output


# --- passwords ---------------------------------------------------------------------------

def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("debug", [False, True])
def test_a_password_in_the_address_is_never_shown(tmp_path, debug):
    uri = f"bolt://neo4j:TopSecret-42@127.0.0.1:{_closed_port()}"
    env = {**os.environ, "NEO4J_URI": uri}
    env.pop("NEO4J_PASSWORD", None)
    args = [sys.executable, "-m", "orgmodel", *(["--debug"] if debug else []), "db", "status"]
    res = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode != 0
    both = res.stdout + res.stderr
    assert "TopSecret-42" not in both
    assert "cannot reach" in both
    for bad in ("bolt://neo4j:TopSecret", "bolt://:TopSecret"):
        res = subprocess.run([sys.executable, "-m", "orgmodel", "db", "status", "--uri",
                              f"{bad}@x:notaport"], capture_output=True, text=True, env=env,
                             timeout=120)
        assert "TopSecret" not in res.stdout + res.stderr and res.returncode == 1


def test_a_port_that_accepts_but_never_answers_fails_with_a_clear_message():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    held = []
    threading.Thread(target=lambda: [held.append(srv.accept()) for _ in range(8)],
                     daemon=True).start()
    from orgmodel.errors import DatabaseError
    from orgmodel.store import TIMEOUT, connect
    with pytest.raises(DatabaseError, match="did not answer"):
        connect(f"bolt://127.0.0.1:{srv.getsockname()[1]}", "u", "p")
    assert TIMEOUT <= 15
    srv.close()


@pytest.mark.parametrize("cmd", [["layers", "--target", "0"], ["span", "--min", "-1"],
                                 ["span", "--max", "-3"], ["advice", "--threshold", "99"],
                                 ["advice", "--threshold", "0"],
                                 ["export", "html", "-o", "x.html", "--focus", "tm", "--depth", "-1"]])
def test_absurd_numbers_on_the_command_line_are_refused(cmd, tmp_path):
    res = CliRunner().invoke(cli, [*cmd, "--org", str(DATA / "template")])
    assert res.exit_code == 2 and "Invalid value" in res.output
    assert not (tmp_path / "x.html").exists()


def _run_on_a_terminal(args):
    """Run orgmodel with its standard error on a pseudo-terminal; what it wrote there."""
    import pty
    import subprocess
    import sys
    master, slave = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "orgmodel", *map(str, args)],
                          stdout=subprocess.PIPE, stderr=slave, timeout=300)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_progress_shows_on_a_terminal_and_nothing_on_a_pipe(tmp_path):
    import subprocess
    import sys
    code, term = _run_on_a_terminal(["report", "--org", DATA / "deventer", "--out",
                                     tmp_path / "r1"])
    assert code == 0
    assert "Writing the report of Deventer" in term and "100%" in term
    assert "Loading deventer" in term
    piped = subprocess.run([sys.executable, "-m", "orgmodel", "report", "--org",
                            str(DATA / "deventer"), "--out", str(tmp_path / "r2")],
                           capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0 and piped.stderr == ""


def test_export_convert_and_synth_show_progress_on_a_terminal(tmp_path):
    for args, label in (
            (["export", "graphml", "--org", DATA / "deventer", "-o", tmp_path / "d.graphml"],
             "Exporting d.graphml"),
            (["export", "html", "--org", DATA / "deventer", "-o", tmp_path / "d.html"],
             "Exporting d.html"),
            (["convert", DATA / "deventer", tmp_path / "d.xlsx"], "Exporting d.xlsx"),
            (["synth", "--roles", 500, "--out", tmp_path / "s"],
             "Writing a synthetic organisation of 500 roles")):
        code, term = _run_on_a_terminal(args)
        assert code == 0 and label in term and "100%" in term, (args, term)
