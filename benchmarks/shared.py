"""make bench: the shared model at 100,000 roles on both engines, in one run:
Neo4j 5.26 Community (orgmodel's launcher) and ArcadeDB, each on loopback,
each started here the way the test suite starts it.  Writes
benchmarks/shared.md.

Measured per engine: a push into an empty database on the server just
started, a pull, an incremental push of 1% changed posts (library call, and
the whole `db push` command minus the command line's start-up), one role's
route with `--neo4j` (read from the stored route steps) and `who-decides
--neo4j` (which reads the organisation once), each whole command minus
start-up; then a second and a third organisation of the same size pushed on
the server the run has warmed (a team's server runs for weeks), called
with Python's cycle collector on (as from a notebook: the push pauses it for
its own call) and under ``paused_gc`` (as `db push`); and, as the floor of what the server
needs, as many bare nodes and relationships written in one transaction, on
the server the run has warmed and on one just started.

The commands run as an installed orgmodel runs them: with its modules'
bytecode compiled (``pip install`` compiles it; this machine sets
PYTHONDONTWRITEBYTECODE, under which an editable install compiles every
module again on each command, 0.06 s of a `who-decides`).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work" / "shared"
sys.path.insert(0, str(ROOT / "tests"))

TARGETS = {"push_empty": 10.0, "incremental_push": 3.0, "pull": 10.0, "route_cli": 0.5,
           "who_decides_cli": 0.5}
LABELS = {"push_empty": "push into an empty database, the server just started (as `db push` "
                        "runs it: collector paused, the model validated as it was read)",
          "pull": "pull (the first read of the organisation since the server started)",
          "pull_again": "the same pull again, at once (the server's read warmed by the first)",
          "incremental_push": "incremental push, 1% of posts changed (library)",
          "incremental_push_cli": "the same as `db push --org DIR` (command minus start-up)",
          "route_cli": "`escalate ROLE --neo4j` (command minus start-up)",
          "route_library": "one role's route from the stored steps (library)",
          "who_decides_cli": "`who-decides POWER --neo4j` (command minus start-up)",
          "push_warm": "push of a second organisation of the same size, on the server the "
                       "work above warmed (called as from a notebook, collector on: the push "
                       "pauses it itself)",
          "push_warm_paused": "the same, a third, as `db push` runs it",
          "floor": "the server alone: as many bare nodes and relationships, one transaction",
          "floor_cold": "the same, the server just started (another start of it)",
          "speed_start": "the machine's own speed: the model validated in Python, at the "
                         "engine's start",
          "speed_end": "the same, at its end"}


def _timed(fn):
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def _commands(args, env, startup: float, runs: int = 5) -> list:
    """``runs`` runs of a read-only command, each minus the start-up (one run
    moves by a tenth of a second with what the server is doing after the
    pushes, and the first on a server plans the command's queries)."""
    return [_command(args, env) - startup for _ in range(runs)]


def _compiled() -> None:
    """Compile orgmodel's modules to bytecode once, as ``pip install`` does
    (the commands are timed as a user's installed orgmodel runs them)."""
    import compileall
    if not compileall.compile_dir(ROOT / "orgmodel", quiet=1):
        raise SystemExit("orgmodel's modules did not compile")


def _command(args, env) -> float:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "orgmodel", *args], capture_output=True,
                          text=True, env=env)
    took = time.perf_counter() - t
    if done.returncode:
        raise SystemExit(f"orgmodel {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return took


def measure(engine: str, n: int, folder: Path) -> dict:
    import orgmodel
    from conftest import start_server, stop_server
    from orgmodel import paused_gc
    from orgmodel.indb import escalate
    from orgmodel.store import Base, connect, pull, push
    root = WORK / engine
    shutil.rmtree(root, ignore_errors=True)
    proc, bolt = start_server(root, engine)
    env = {**os.environ, "NEO4J_URI": bolt["uri"], "NEO4J_USER": bolt["user"],
           "NEO4J_PASSWORD": bolt["password"], "NEO4J_DATABASE": bolt["database"] or ""}
    out: dict = {}
    try:
        org = orgmodel.load(folder)
        out["speed_start"] = _speed(org)
        with connect(**bolt) as store:
            # (as `db push` runs it: Python's cycle collector paused, the
            # model validated as it was read; called as from a notebook, see
            # push_warm)
            with paused_gc():
                out["push_empty"], _ = _timed(lambda: push(store, org, validated=True))
            work = WORK / f"pulled-{engine}"
            shutil.rmtree(work, ignore_errors=True)
            out["pull"], _ = _timed(lambda: pull(store, org.name, work))
            shutil.rmtree(work, ignore_errors=True)
            out["pull_again"], _ = _timed(lambda: pull(store, org.name, work))
            pulled, base = orgmodel.load(work), Base.read(work)
            posts = [p for p in pulled.graph if pulled.graph.nodes[p]["kind"] == "Post"]
            for p in posts[:: 100]:
                pulled.graph.nodes[p]["name"] += " (changed)"
            out["changed_posts"] = len(posts[:: 100])
            out["incremental_push"], res = _timed(lambda: push(store, pulled, base=base))
            assert res["changed"] == out["changed_posts"], res
            # the command: a second 1% in the pulled folder, pushed by `db push`
            shutil.rmtree(work, ignore_errors=True)
            pull(store, org.name, work)
            again = orgmodel.load(work)
            for p in posts[50:: 100]:
                again.graph.nodes[p]["name"] += " (changed again)"
            orgmodel.save(again, work)
            startup = min(_command(["--help"], env) for _ in range(3))
            out["startup"] = startup
            out["incremental_push_cli"] = _command(["db", "push", "--org", str(work)],
                                                   env) - startup
            leaf = _deepest(org)
            out["route_role"] = leaf
            out["route_library"], _ = _timed(lambda: escalate(store, org.name, leaf))
            out["route_cli_runs"] = _commands(["escalate", leaf, "--neo4j", org.name],
                                              env, startup)
            out["who_decides_cli_runs"] = _commands(["who-decides", "budget", "--neo4j",
                                                     org.name, "--amount", "1000"], env, startup)
            out["route_cli"] = statistics.median(out["route_cli_runs"])
            out["who_decides_cli"] = statistics.median(out["who_decides_cli_runs"])
            stored = _stored_counts(store)
            # (a second and a third organisation of the same size, new to the
            # database, on the server the work above has warmed)
            out["push_warm"], _ = _timed(lambda: push(store, _renamed(org, "second")))
            with paused_gc():
                out["push_warm_paused"], _ = _timed(
                    lambda: push(store, _renamed(org, "third"), validated=True))
            out["floor"], _ = _timed(lambda: _bare(store, *stored))
            out["stored"] = stored
    finally:
        stop_server(proc)
    out["floor_cold"] = _cold_floor(engine, *out["stored"])
    out["speed_end"] = _speed(org)
    return out


def _speed(org) -> float:
    """The same Python work timed at an engine's start and end: this
    machine's speed has been seen to halve for minutes within one run, and a
    figure is to be read beside the speed it was measured at."""
    from orgmodel import paused_gc
    from orgmodel.revalidate import validate_graph
    with paused_gc():
        took, _ = _timed(lambda: validate_graph(org))
    return took


def _cold_floor(engine: str, nodes: int, rels: int) -> float:
    """The bare write (see :func:`_bare`) on the server just started: what
    the server needs for the first push's nodes and relationships before
    orgmodel adds anything."""
    from conftest import start_server, stop_server
    from orgmodel.store import connect
    root = WORK / f"{engine}-cold"
    shutil.rmtree(root, ignore_errors=True)
    proc, bolt = start_server(root, engine)
    try:
        with connect(**bolt) as store:
            took, _ = _timed(lambda: _bare(store, nodes, rels))
    finally:
        stop_server(proc)
    return took


def _deepest(org) -> str:
    """The post with the longest line above it (its route is the longest to
    read; the first post without reports was a political one whose route
    ends where it starts)."""
    up = {u: v for u, v, d in org.graph.edges(data=True) if d["kind"] == "REPORTS_TO"}

    def depth(p):
        n = 0
        while p in up:
            p, n = up[p], n + 1
        return n
    return max(sorted(up), key=depth)


def _stored_counts(store) -> tuple:
    """Nodes and relationships in the database (the organisation's own, its
    route steps and its history)."""
    nodes = store.run("MATCH (n) RETURN count(n) AS c")[0]["c"]
    rels = store.run("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]
    return nodes, rels


def _renamed(org, suffix: str):
    """The same organisation under another name (a new one to the database)."""
    org.manifest["name"] = f"{org.manifest['name'].split(' (')[0]} ({suffix})"
    return org


def _bare(store, nodes: int, rels: int, batch: int = 10_000) -> None:
    """What the server needs for as many nodes and relationships as a push
    writes (into the database holding the organisations above), with nothing
    orgmodel adds: one property per node (its key, under
    the same kind of uniqueness constraint), none per relationship, each
    relationship between two nodes found by that key, one transaction."""
    store.run("CREATE CONSTRAINT Bare_key IF NOT EXISTS FOR (n:Bare) REQUIRE n.key IS UNIQUE")
    with store.driver.session(database=store.database) as session:
        with session.begin_transaction() as tx:
            for i in range(0, nodes, batch):
                tx.run("UNWIND $keys AS k CREATE (:Bare {key: k})",
                       keys=list(range(i, min(i + batch, nodes)))).consume()
            for i in range(0, rels, batch):
                pairs = [[j % nodes, (j * 7 + 1) % nodes] for j in range(i, min(i + batch, rels))]
                tx.run("UNWIND $pairs AS p MATCH (a:Bare {key: p[0]}) MATCH (b:Bare {key: p[1]}) "
                       "CREATE (a)-[:BARE]->(b)", pairs=pairs).consume()
            tx.commit()


def write(path: Path, n: int, results: dict):
    from run import machine
    lines = ["# The shared model at 100,000 roles: Neo4j 5 and ArcadeDB", "",
             f"Measured by `benchmarks/shared.py` (`make bench`) on {machine()}, "
             f"{n:,} roles (`orgmodel synth`), both servers on loopback, in one run.", "",
             "| | target | " + " | ".join(results) + " |",
             "|---|---|" + "---|" * len(results)]
    for key, label in LABELS.items():
        cells = []
        for engine in results:
            v = results[engine].get(key)
            cells.append("—" if v is None else f"{v:.2f} s")
        target = f"≤ {TARGETS[key]:g} s" if key in TARGETS else ""
        lines.append(f"| {label} | {target} | " + " | ".join(cells) + " |")
    for engine, r in results.items():
        lines.append("")
        runs = [", ".join(f"{x:.2f}" for x in r.get(key, ())) or "—"
                for key in ("route_cli_runs", "who_decides_cli_runs")]
        lines.append(f"{engine}: {r.get('changed_posts', 0):,} posts changed; the command "
                     f"line's start-up ({r.get('startup', 0):.2f} s) is taken off each command; "
                     f"`escalate` is of `{r.get('route_role')}` (the post with the longest "
                     "line above it); `escalate` and `who-decides` are the median of five runs "
                     f"(`escalate` {runs[0]} s; `who-decides` {runs[1]} s; the first on the "
                     "server plans their queries), orgmodel's modules compiled to bytecode "
                     "first as `pip install` does; the database held {:,} nodes and {:,} "
                     "relationships after the first push and the two incremental ones (the "
                     "bare write: as many).".format(*r.get("stored", (0, 0))))
    lines += ["", "Ratios in this run (ArcadeDB / Neo4j):", ""]
    if len(results) == 2:
        a, b = results.get("arcadedb", {}), results.get("neo4j", {})
        for key, label in LABELS.items():
            if a.get(key) and b.get(key):
                lines.append(f"- {label}: {a[key] / b[key]:.1f}×")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def with_a_power(org):
    """The synthetic organisation with one declared power on its mandates, so
    that who-decides has something to answer (a benchmark's model, not data:
    synth's mandates name no power)."""
    org.manifest["powers"] = {"budget": {"name": "Budget", "body": "gd"}}
    for _u, _v, d in org.graph.edges(data=True):
        if d["kind"] == "MANDATES":
            d["powers"] = ["budget"]
    return org


def main():
    import orgmodel
    ap = argparse.ArgumentParser()
    ap.add_argument("--roles", type=int, default=100_000)
    ap.add_argument("--engines", default="neo4j,arcadedb")
    ap.add_argument("--out", default=str(HERE / "shared.md"))
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    folder = WORK / f"synth-{args.roles}-powers"
    if not folder.exists():
        orgmodel.save(with_a_power(orgmodel.synthesize(args.roles, seed=0)), folder)
    _compiled()
    results = {}
    for engine in args.engines.split(","):
        print(f"{engine} ...", flush=True)
        results[engine] = measure(engine, args.roles, folder)
        print(json.dumps(results[engine]), flush=True)
    write(Path(args.out), args.roles, results)


if __name__ == "__main__":
    main()
