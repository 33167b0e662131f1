"""Every CLI command has help text and is in the README; the README's promises hold."""
import re

import click
import pytest

import orgmodel
from conftest import ROOT
from orgmodel.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        path = (*prefix, name)
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path)


@pytest.mark.parametrize("path,cmd", list(_commands(cli)), ids=lambda x: " ".join(x)
                         if isinstance(x, tuple) else "")
def test_command_has_help_and_is_documented(path, cmd):
    assert cmd.help and len(cmd.help) > 20, f"{' '.join(path)} has no help text"
    assert f"orgmodel {' '.join(path)}" in README or \
        (len(path) == 1 and re.search(rf"`{path[0]}`", README)), \
        f"'orgmodel {' '.join(path)}' is not in the README"
    for p in cmd.params:
        if isinstance(p, click.Option) and not p.hidden:
            assert p.help, f"{' '.join(path)} {p.opts[0]} has no help text"


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert re.search(r"^make demo\b", first_block, re.M)
    assert re.search(r"^make test\b", first_block, re.M)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_schema_is_documented():
    for kind in orgmodel.NODE_KINDS:
        assert f"| {kind} |" in README
    for kind in orgmodel.EDGE_KINDS:
        assert f"| {kind} |" in README
    from orgmodel import schema
    for grade in schema.GRADES:
        assert f"`{grade}`" in README
    for column in (schema.BOOL_COLUMNS + schema.INT_COLUMNS + schema.LIST_COLUMNS
                   + schema.DATE_COLUMNS):
        assert f"`{column}`" in README, column
    for key in schema.MANIFEST_SCHEMA["properties"]:
        assert f"`{key}" in README, key


def test_cypher_files_ship_inside_the_package():
    from importlib import resources
    files = {p.name for p in resources.files("orgmodel").joinpath("cypher").iterdir()}
    assert {"escalation.cypher", "merge_nodes.cypher", "merge_edges.cypher"} <= files
    assert (ROOT / "cypher" / "escalation.cypher").is_file()
    for f in files:
        text = resources.files("orgmodel").joinpath("cypher", f).read_text()
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
        # one query a file: a single statement, no ';' separating several
        assert code.strip().count(";") == 0, f


def test_every_public_name_has_a_docstring():
    for name in orgmodel.__all__:
        obj = getattr(orgmodel, name)
        if callable(obj) and not isinstance(obj, type(orgmodel.NODE_KINDS)):
            assert obj.__doc__, name
