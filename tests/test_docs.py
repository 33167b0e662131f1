"""The docs site builds with warnings as errors and names every CLI command and
public name; every command has help text; the README's promises hold."""
import html
import os
import re
import shlex
import shutil
import subprocess
import sys

import click
import pytest

import orgmodel
from conftest import ROOT, run
from orgmodel.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
# the contract is on the model page, the mandates' columns with the mandates
MODEL = "\n".join((ROOT / "docs" / page).read_text(encoding="utf-8")
                  for page in ("model.md", "questions.md"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The docs site, built as `make docs` builds it (strict: a warning fails)."""
    out = tmp_path_factory.mktemp("site")
    res = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                          "--site-dir", str(out)], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert res.returncode == 0, res.stderr[-3000:]
    return out


def _text(site, page):
    return html.unescape((site / page / "index.html").read_text(encoding="utf-8"))


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        path = (*prefix, name)
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path)


@pytest.mark.parametrize("path,cmd", list(_commands(cli)), ids=lambda x: " ".join(x)
                         if isinstance(x, tuple) else "")
def test_command_has_help_and_is_in_the_cli_reference(path, cmd, site):
    assert cmd.help and len(cmd.help) > 20, f"{' '.join(path)} has no help text"
    page = _text(site, "reference/cli")
    assert f"orgmodel {' '.join(path)}" in page, f"'orgmodel {' '.join(path)}' is not on the site"
    for p in cmd.params:
        if isinstance(p, click.Option) and not p.hidden:
            assert p.opts[-1] in page, f"{' '.join(path)} {p.opts[-1]} is not on the site"
    for p in cmd.params:
        if isinstance(p, click.Option) and not p.hidden:
            assert p.help, f"{' '.join(path)} {p.opts[0]} has no help text"


def test_every_public_name_is_in_the_api_reference(site):
    page = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    missing = [n for n in orgmodel.__all__ if not re.search(
        rf'id="orgmodel\.[\w.]+\.{orgmodel._RENAMED.get(n, n)}"', page)]
    assert not missing, f"not in docs/reference/api.md: {missing} (run scripts/api-page)"


def test_api_page_is_current():
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "api-page"), "--check"])
    assert res.returncode == 0, "docs/reference/api.md is stale: run scripts/api-page"


def test_readme_is_short_and_its_links_resolve():
    assert len(README.splitlines()) < 250
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert re.search(r"^make demo\b", first_block, re.M)
    assert re.search(r"^make test\b", first_block, re.M)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_schema_is_documented():
    for kind in orgmodel.NODE_KINDS:
        assert f"| {kind} |" in MODEL
    for kind in orgmodel.EDGE_KINDS:
        assert f"| {kind} |" in MODEL
    from orgmodel import schema
    for grade in schema.GRADES:
        assert f"`{grade}`" in MODEL
    for column in (schema.BOOL_COLUMNS + schema.INT_COLUMNS + schema.LIST_COLUMNS
                   + schema.DATE_COLUMNS):
        assert f"`{column}`" in MODEL, column
    for key in schema.MANIFEST_SCHEMA["properties"]:
        assert f"`{key}" in MODEL, key


def test_cypher_files_ship_inside_the_package():
    from importlib import resources
    files = {p.name for p in resources.files("orgmodel").joinpath("cypher").iterdir()}
    assert {"escalation.cypher", "create_nodes.cypher", "create_edges.cypher"} <= files
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


def test_no_table_row_of_the_docs_is_shown_as_text(site):
    # a paragraph set between a table's rows ends the table: the rows after it
    # show as a paragraph of pipes (as two pages did)
    stray = []
    for page in site.rglob("index.html"):
        for para in re.findall(r"<p>(.*?)</p>", page.read_text(encoding="utf-8"), re.S):
            if re.search(r"(?:^|\n)\|.*\|\s*(?:\n|$)", para):
                stray.append(f"{page.parent.relative_to(site)}: {para[:80]}")
    assert not stray, stray


#: Commands of the docs that need a server or a person at the keyboard.
_NOT_RUN_HERE = {"serve", "db", "users"}


def _documented_commands():
    """``(page, args)`` of each ``orgmodel`` command in the shell blocks of
    the README and the docs, in their order, a line continued with ``\\``
    joined."""
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for block in re.findall(r"```(?:sh|bash|console)\n(.*?)```", page.read_text("utf-8"),
                                re.S):
            for line in re.sub(r"\\\n\s*", " ", block).splitlines():
                line = re.sub(r"\s+#.*", "", line).strip().removeprefix("$ ")
                if line.startswith("orgmodel "):
                    yield page.relative_to(ROOT), shlex.split(line)[1:]


def _inputs(args) -> list:
    """The files and folders a command reads (not those it writes)."""
    return [a for before, a in zip(["", *args], args)
            if ("/" in a or re.search(r"\.(csv|xlsx|xls|ods|ttl|jsonld|yaml)$", a))
            and before not in ("--out", "-o")]


def test_the_documented_commands_run(tmp_path, monkeypatch):
    # every command of the README and the docs on the repository's own data
    # (and on what an earlier command of the page wrote) runs as the page
    # says: a renamed option or command fails here; a command on the
    # reader's own file (formatie.xlsx, --org DIR) is not run
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs" / "samples", tmp_path / "docs" / "samples")
    monkeypatch.chdir(tmp_path)
    ran = []
    for page, args in _documented_commands():
        reads = _inputs(args)
        if args[0] in _NOT_RUN_HERE or not reads or not all(map(os.path.exists, reads)):
            continue
        res = run(*args)
        assert res.exit_code == 0, (page, args, res.output[-2000:])
        ran.append((str(page), args[0]))
    # (the README's tour and the import of the docs' samples at least)
    assert sum(page == "README.md" for page, _ in ran) >= 10, ran
    assert ("docs/importing.md", "import") in ran, ran


@pytest.mark.parametrize("page", ["README.md", "docs/python.md"])
def test_the_documented_python_runs(page, tmp_path, monkeypatch):
    # each Python block of the page, run in order on a copy of the data, as
    # a reader pastes it into a notebook
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / page).read_text("utf-8"), re.S)
    assert blocks
    names: dict = {}
    for block in blocks:
        exec(compile(block, page, "exec"), names)       # (the docs' own code)
