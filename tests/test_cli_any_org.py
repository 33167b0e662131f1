"""`validate`, `summary` and `report` take a folder, a workbook or an ORG file
alike (issue 27); a broken workbook is named with its problem."""
from pathlib import Path

import pytest

from conftest import run

DEVENTER = Path(__file__).parent.parent / "data" / "deventer"


@pytest.mark.parametrize("suffix", ["", ".xlsx", ".ttl", ".jsonld"])
def test_every_reading_command_takes_each_kind_of_organisation(tmp_path, suffix):
    org = DEVENTER
    if suffix:
        org = tmp_path / f"deventer{suffix}"
        assert run("convert", DEVENTER, org).exit_code == 0
    res = run("validate", "--org", org)
    assert res.exit_code == 0 and res.output.strip().endswith("valid"), res.output
    res = run("summary", "--org", org)
    assert res.exit_code == 0 and "Deventer" in res.output, res.output
    res = run("report", "--org", org, "--out", tmp_path / "r")
    assert res.exit_code == 0, res.output
    assert "Deventer" in (tmp_path / "r" / "report.md").read_text(encoding="utf-8")


def test_a_workbook_that_is_not_one_is_named(tmp_path):
    bad = tmp_path / "t.xlsx"
    bad.write_text("not a workbook")
    res = run("validate", "--org", bad)
    assert res.exit_code != 0
    assert "t.xlsx" in res.output and "Traceback" not in res.output
    assert "is a file, not a folder" not in res.output
