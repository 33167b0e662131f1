"""orgmodel.write: saving a folder never leaves it half-written."""
import os
import stat

import pytest
from click.testing import CliRunner

import orgmodel
from conftest import DATA, copy_template
from orgmodel.cli import cli


def test_a_failed_save_leaves_the_old_folder(template_copy, monkeypatch):
    org = orgmodel.load(template_copy)
    before = {p.name: p.read_bytes() for p in template_copy.iterdir()}
    org.graph.nodes["tm"]["name"] = "Renamed"

    from orgmodel import write as writer
    real, calls = writer.csv_text, []

    def boom(frame):            # the second file fails, after the first is staged
        calls.append(frame)
        if len(calls) > 1:
            raise OSError("disk full")
        return real(frame)
    monkeypatch.setattr(writer, "csv_text", boom)
    with pytest.raises(OSError):
        orgmodel.save(org, template_copy)
    after = {p.name: p.read_bytes() for p in template_copy.iterdir()}
    assert after == before


def test_synth_does_not_overwrite_an_organisation_without_force(tmp_path):
    d = copy_template(tmp_path)
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
    d = copy_template(tmp_path)
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


def test_a_line_break_of_any_kind_inside_a_cell_survives_every_folder_writer(tmp_path):
    # A carriage return alone in a note (from a workbook, the database or
    # Python): the csv module leaves it bare when rows end in "\n", and the
    # folder written no longer reads back.  (A name is one line: see
    # test_bad_input.)
    from conftest import run
    org = orgmodel.load(DATA / "template")
    org.graph.nodes["tm"]["note"] = "Team\rmanager\r\nFinance"
    org.graph.nodes["gd"]["note"] = "one\rtwo"
    saved = orgmodel.save(org, tmp_path / "saved")
    assert orgmodel.validate_folder(saved) == []
    back = orgmodel.load(saved)
    assert back.graph.nodes["tm"]["note"] == "Team\rmanager\r\nFinance"
    assert back.graph.number_of_nodes() == org.graph.number_of_nodes()
    orgmodel.write_xlsx(org, tmp_path / "m.xlsx")
    res = run("convert", tmp_path / "m.xlsx", tmp_path / "back")
    assert res.exit_code == 0, res.output
    assert orgmodel.validate_folder(tmp_path / "back") == []
    assert orgmodel.load(tmp_path / "back").graph.nodes["gd"]["note"] == "one\rtwo"


def test_control_characters_never_break_a_writer(tmp_path):
    # A bell and a terminal escape in a name (pasted from a terminal, or a
    # workbook): XML formats refuse with the row, workbooks escape them as
    # Excel does and read them back.
    from conftest import run
    from orgmodel.errors import ValidationError
    org = orgmodel.load(DATA / "template")
    org.graph.nodes["tm"]["name"] = "Team\x07manager \x1b[31mFinance"
    for writer, what in ((orgmodel.write_graphml, "GraphML"), (orgmodel.write_gexf, "GEXF")):
        with pytest.raises(ValidationError) as exc:
            writer(org, tmp_path / f"x.{what.lower()}")
        assert str(exc.value.problems[0]) == (
            f"nodes.csv, row 7: name of 'tm' holds a control character (U+0007) that {what} "
            "(XML) cannot carry: remove it")
        assert not (tmp_path / f"x.{what.lower()}").exists()
    book = orgmodel.write_xlsx(org, tmp_path / "m.xlsx")
    assert orgmodel.read_xlsx(book).graph.nodes["tm"]["name"] == "Team\x07manager \x1b[31mFinance"
    saved = orgmodel.save(org, tmp_path / "org")
    res = run("mandates", "--org", saved, "-o", tmp_path / "reg.xlsx")
    assert res.exit_code == 0, res.output
    # a text that looks like Excel's escape reads back as itself
    org.graph.nodes["gd"]["name"] = "General _x000D_ director"
    assert orgmodel.read_xlsx(orgmodel.write_xlsx(org, tmp_path / "n.xlsx")) \
        .graph.nodes["gd"]["name"] == "General _x000D_ director"


def test_a_name_longer_than_graphviz_takes_keeps_the_chart(tmp_path):
    # Graphviz refuses a quoted string over 16,384 characters (the report
    # then had no chart), and passes control characters into SVG, which XML
    # forbids.
    import xml.dom.minidom

    from conftest import require
    require("dot", "scripts/ensure-graphviz installs Graphviz (make test runs it)")
    org = orgmodel.load(DATA / "template")
    org.graph.nodes["gd"]["name"] = "G" * 20_000
    org.graph.nodes["tm"]["name"] = "Team\x07manager \x1b[31mFinance"
    [path] = orgmodel.write_chart(org, tmp_path / "c.svg")
    svg = path.read_text()
    doc = xml.dom.minidom.parse(str(path))       # well-formed
    shown = "".join(t.firstChild.data for t in doc.getElementsByTagName("text") if t.firstChild)
    assert "G" * 199 + "…" in shown and "G" * 200 not in shown   # (over the box's lines)
    assert "\x1b" not in svg and "\x07" not in svg and "Team manager" in shown
    assert "[31mFinance" in shown


def test_export_archi_never_replaces_files_it_did_not_write(tmp_path):
    from conftest import run
    folder = tmp_path / "archi"
    folder.mkdir()
    (folder / "elements.csv").write_text("mine\n")
    for args in (["export", "archi", "--org", DATA / "template", "-o", folder],
                 ["convert", DATA / "template", folder, "--to", "archi"]):
        res = run(*args)
        assert res.exit_code == 2 and "already holds files of the same names (elements.csv); " \
            "add --force to replace them" in res.output, res.output
        assert (folder / "elements.csv").read_text() == "mine\n"
    assert run("export", "archi", "--org", DATA / "template", "-o", folder, "--force").exit_code == 0
    assert (folder / "elements.csv").read_text() != "mine\n"


@pytest.mark.parametrize("fmt,suffix", [("org", ".ttl"), ("org", ".jsonld"), ("graphml", ".graphml"),
                                        ("gexf", ".gexf")])
def test_exports_keep_the_dated_facts_as_convert_does(tmp_path, fmt, suffix):
    import networkx as nx

    from conftest import run
    whole = orgmodel.load(DATA / "template")
    on_its_date = whole.on()
    assert on_its_date.graph.number_of_edges() < whole.graph.number_of_edges()
    out = tmp_path / f"x{suffix}"
    assert run("export", fmt, "--org", DATA / "template", "-o", out).exit_code == 0
    if fmt == "org":
        assert orgmodel.read_any(out) == whole
    else:
        g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert g.number_of_edges() == whole.graph.number_of_edges()
    dated = tmp_path / f"d{suffix}"
    assert run("export", fmt, "--org", DATA / "template", "-o", dated, "--on",
               whole.date).exit_code == 0
    n = (orgmodel.read_any(dated).graph if fmt == "org" else
         (nx.read_graphml(dated) if fmt == "graphml" else nx.read_gexf(dated)))
    assert n.number_of_edges() == on_its_date.graph.number_of_edges()


def test_a_diff_that_cannot_draw_its_page_removes_an_earlier_page(tmp_path, monkeypatch):
    from orgmodel.formats import html
    d = orgmodel.diff(orgmodel.load(DATA / "deventer-2010"), orgmodel.load(DATA / "deventer"))
    written = orgmodel.write_diff(d, tmp_path / "d")
    assert (tmp_path / "d" / "diff.html").exists() and written["diff.html"] == tmp_path / "d" / "diff.html"

    def too_large(*a, **k):
        raise html.ExportTooLargeError("too many roles for one page")
    monkeypatch.setattr(html, "write_diff_html", too_large)
    written = orgmodel.write_diff(d, tmp_path / "d")
    assert written["diff.html"] == "too many roles for one page"
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["DIFF.md", "changes.csv",
                                                                  "changes.json"]
