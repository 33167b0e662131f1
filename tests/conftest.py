"""Fixtures: the two source organisations, the template, and a builder for
small hand-made graphs (the awkward cases: matrix, loop, dead end ...)."""
import builtins
import errno
import io
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import networkx as nx
import pytest

import orgmodel

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

#: Set by CI (.ci/run): a test that would be skipped fails instead, so a tool
#: missing on the CI machine can never pass unnoticed.
NO_SKIP = os.environ.get("ORGMODEL_NO_SKIP") == "1"


def run(*args):
    """The command line, in-process: ``run("validate", "--org", folder)``."""
    from click.testing import CliRunner

    from orgmodel.cli import cli
    return CliRunner().invoke(cli, [str(a) for a in args])


def copy_template(tmp_path, name="org"):
    """A writable copy of data/template at ``tmp_path/name``."""
    d = tmp_path / name
    shutil.copytree(DATA / "template", d)
    return d


def copy_data(tmp_path, org):
    """A writable copy of data/ORG (a push records its version in the folder)."""
    d = tmp_path / f"copy-{org}"
    if not d.exists():
        shutil.copytree(DATA / org, d)
    return d


def edit(folder, file, old, new):
    """Replace the first ``old`` in ``folder/file`` by ``new`` (``old`` must be there)."""
    p = folder / file
    text = p.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def require(program: str, how: str, *others: str) -> str:
    """The path of ``program`` (or of one of ``others``, its other names); the
    test is skipped, naming ``how`` to install it, when it is absent (and fails
    under ORGMODEL_NO_SKIP=1)."""
    for name in (program, *others):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip(f"{program} is not installed: {how}")


#: The tools a mark needs: (program, how to install it, its other names).
TOOLS = {
    "browser": ("chromium", "scripts/ensure-chromium installs it (make test runs it)",
                "chromium-browser"),
    "graphviz": ("dot", "scripts/ensure-graphviz installs Graphviz (make test runs it)"),
    "cypher_lint": ("node", "scripts/ensure-cypher-lint installs Node and the linter "
                    "(make test runs it)"),
}


def pytest_runtest_setup(item):
    for mark, (program, how, *others) in TOOLS.items():
        if item.get_closest_marker(mark):
            require(program, how, *others)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if NO_SKIP and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped, and ORGMODEL_NO_SKIP=1 (CI) allows no skip: {reason}"


@pytest.fixture(scope="session")
def deventer():
    return orgmodel.load(DATA / "deventer")


@pytest.fixture(scope="session")
def albrandswaard():
    return orgmodel.load(DATA / "albrandswaard")


@pytest.fixture
def template_copy(tmp_path):
    """A writable copy of data/template."""
    return copy_template(tmp_path)


def build(roles=(), edges=(), nodes=(), manifest=None):
    """A small OrgModel: ``roles`` as ``id`` or ``(id, attrs)``; ``edges`` as
    ``(from, to, kind)`` or ``(from, to, kind, attrs)``; other ``nodes`` as
    ``(id, kind, attrs)``."""
    g = nx.MultiDiGraph()
    for r in roles:
        rid, attrs = (r, {}) if isinstance(r, str) else r
        g.add_node(rid, kind="Post", name=attrs.pop("name", rid.upper()),
                   **{"sphere": "official", **attrs})
    for nid, kind, attrs in nodes:
        g.add_node(nid, kind=kind, name=attrs.pop("name", nid), **attrs)
    for e in edges:
        u, v, kind, attrs = e if len(e) == 4 else (*e, {})
        g.add_edge(u, v, kind=kind, **attrs)
    return orgmodel.OrgModel(g, {"name": "Test", **(manifest or {})})


@pytest.fixture
def make():
    return build


# --- a real Bolt server ------------------------------------------------------------

def start_server(root, engine, password=None, port=None):
    """Start a Bolt server of ``engine`` (neo4j or arcadedb) in a child process
    (own JVM); returns the process and its connection settings."""
    from orgmodel.server import USERS, free_port
    port = port or free_port()
    password = password or secrets.token_urlsafe(16)
    database = "orgmodel_test" if engine == "arcadedb" else None
    env = {**os.environ, "NEO4J_PASSWORD": password}
    proc = subprocess.Popen([sys.executable, "-m", "orgmodel.server", "--engine", engine,
                             "--port", str(port), "--root", str(root),
                             "--database", database or "neo4j"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    seen, ready = [], threading.Event()

    def reader():
        for line in proc.stdout:
            seen.append(line)
            if re.search(r"READY bolt://", line):
                ready.set()
    threading.Thread(target=reader, daemon=True).start()
    deadline = time.time() + 180
    while not ready.wait(0.5):
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            pytest.fail(f"the local {engine} server did not start:\n" + "".join(seen[-30:]))
    return proc, {"uri": f"bolt://127.0.0.1:{port}", "user": USERS[engine],
                  "password": password, "database": database}


def stop_server(proc):
    proc.terminate()
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()


#: The engines every store test runs on: the suite's own Neo4j 5 and ArcadeDB,
#: and the server at NEO4J_URI when it is set.
ENGINES = ["neo4j", "arcadedb"] + (["NEO4J_URI"] if os.environ.get("NEO4J_URI") else [])
#: Those that are Neo4j (for what only Neo4j has: EXPLAIN plans, SHOW INDEXES).
NEO4J_ONLY = [e for e in ENGINES if e != "arcadedb"]


@pytest.fixture(scope="session", params=ENGINES)
def bolt(request, tmp_path_factory):
    """Connection settings of a real, empty Bolt server, one per engine
    (test ids name it): Neo4j 5.26 Community, which the suite starts through
    its launcher; ArcadeDB with its Bolt plugin; and a real Neo4j at
    NEO4J_URI when that is set.  It refuses a database that holds data it did
    not put there, and empties it after each test.
    """
    from orgmodel.store import connect
    proc = None
    if request.param == "NEO4J_URI":
        params = {"uri": os.environ["NEO4J_URI"], "user": os.environ.get("NEO4J_USER", "neo4j"),
                  "password": os.environ.get("NEO4J_PASSWORD"),
                  "database": os.environ.get("NEO4J_DATABASE")}
    else:
        proc, params = start_server(tmp_path_factory.mktemp(request.param), request.param)
    with connect(**params) as store:
        held = store.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
    if held:
        if proc:
            stop_server(proc)
        pytest.fail(f"refusing to test against {params['uri']}: its database holds {held} "
                    "nodes this test suite did not put there")
    yield params
    if proc:
        stop_server(proc)


@pytest.fixture
def engine(request, bolt):
    """The engine of the test's server: ``neo4j`` (also for NEO4J_URI) or ``arcadedb``."""
    name = request.node.callspec.params["bolt"]
    return "neo4j" if name == "NEO4J_URI" else name


@pytest.fixture
def store(bolt):
    from orgmodel.store import connect
    with connect(**bolt) as s:
        yield s
        s.run("MATCH (n) DETACH DELETE n")


@pytest.fixture
def bolt_env(bolt, monkeypatch):
    """The NEO4J_* variables of the test server, for CLI tests."""
    for key, value in (("NEO4J_URI", bolt["uri"]), ("NEO4J_USER", bolt["user"]),
                       ("NEO4J_PASSWORD", bolt["password"]),
                       ("NEO4J_DATABASE", bolt["database"])):
        if value:
            monkeypatch.setenv(key, value)
    return bolt


@pytest.fixture
def sample():
    """A fresh copy of the template organisation (tests may change it)."""
    return orgmodel.load(DATA / "template")


# --- a full disk (issue 34) ---------------------------------------------------------

BUDGET = 64 * 1024


class _Limited:
    """A file whose writes fail with ENOSPC once the shared budget is spent."""

    def __init__(self, f, budget):
        self._f, self._budget = f, budget

    def write(self, data):
        self._budget[0] -= len(data)
        if self._budget[0] < 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._f.write(data)

    def __getattr__(self, name):
        return getattr(self._f, name)

    def __iter__(self):
        return iter(self._f)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._f.close()


def _inject(monkeypatch, folder: Path):
    budget = [BUDGET]
    real_open, real_io_open, real_fdopen = builtins.open, io.open, os.fdopen

    def inside(file):
        try:
            return Path(os.fspath(file)).resolve().is_relative_to(folder.resolve())
        except TypeError:
            return False

    def limited(opener):
        def go(file, mode="r", *args, **kwargs):
            f = opener(file, mode, *args, **kwargs)
            writing = any(c in str(mode) for c in "wax+")
            return _Limited(f, budget) if writing and inside(file) else f
        return go

    def fdopen(fd, mode="r", *args, **kwargs):
        f = real_fdopen(fd, mode, *args, **kwargs)
        path = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else ""
        return _Limited(f, budget) if "w" in mode and inside(path) else f
    monkeypatch.setattr(builtins, "open", limited(real_open))
    monkeypatch.setattr(io, "open", limited(real_io_open))
    monkeypatch.setattr(os, "fdopen", fdopen)


@pytest.fixture
def full_disk(tmp_path, monkeypatch):
    """A folder on a device with 64 KB of room."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={BUDGET}", "tmpfs", str(mnt)],
        capture_output=True).returncode == 0
    if not mounted:
        _inject(monkeypatch, mnt)
    yield mnt
    if mounted:
        # (lazily: a file a failed writer still holds open must not fail the test here)
        subprocess.run(["umount", "-l", str(mnt)], check=True)
