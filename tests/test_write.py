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
    # A carriage return alone in a name (from a workbook, the database or
    # Python): the csv module leaves it bare when rows end in "\n", and the
    # folder written no longer reads back.
    import orgmodel
    from conftest import DATA, run
    org = orgmodel.load(DATA / "template")
    org.graph.nodes["tm"]["name"] = "Team\rmanager\r\nFinance"
    org.graph.nodes["gd"]["note"] = "one\rtwo"
    saved = orgmodel.save(org, tmp_path / "saved")
    assert orgmodel.validate_folder(saved) == []
    back = orgmodel.load(saved)
    assert back.graph.nodes["tm"]["name"] == "Team\rmanager\r\nFinance"
    assert back.graph.number_of_nodes() == org.graph.number_of_nodes()
    orgmodel.write_xlsx(org, tmp_path / "m.xlsx")
    res = run("convert", tmp_path / "m.xlsx", tmp_path / "back")
    assert res.exit_code == 0, res.output
    assert orgmodel.validate_folder(tmp_path / "back") == []
    assert orgmodel.load(tmp_path / "back").graph.nodes["gd"]["note"] == "one\rtwo"
