"""make bench (reorganisation): a diff of two 100,000-role synthetic
organisations that differ in 5% of posts (closures, moves, additions), and a
what-if of 100 changes on one; each in a fresh process, written to
benchmarks/diff.md.  Targets (issue 15): the diff under 15 s and 2 GB,
governance impact included; the what-if under 10 s.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"


def changes(org, share=0.05, seed=1, n=None):
    """Closures, moves and additions on ``share`` of the posts (or ``n`` changes)."""
    rng = random.Random(seed)
    g = org.graph
    sups = {u: v for u, v, d in g.edges(data=True) if d["kind"] == "REPORTS_TO"}
    posts = sorted(sups)
    count = n or int(len(posts) * share)
    picked = rng.sample(posts, count)
    managers = sorted(set(sups.values()))
    out, closed = [], set()
    for i, p in enumerate(picked):
        kind = i % 3
        if kind == 0 and sups[p] not in closed:
            out.append({"close": p, "reports": "superior"})
            closed.add(p)
        elif kind == 1:
            to = rng.choice(managers)
            if to not in closed and to != p:
                out.append({"move": p, "to": to})
        else:
            sup = rng.choice(managers)
            if sup not in closed:
                out.append({"add": {"id": f"new-{i}", "kind": "Post", "name": f"New post {i}",
                                     "reports_to": sup}})
    # moves into closed posts or circles would be refused: keep the safe ones
    return [c for c in out if not ("move" in c and (c["to"] in closed or c["move"] in closed))]


STEP = r"""
import gc, json, sys, time
gc.disable()    # as the command line does (orgmodel._perf)
from pathlib import Path
import orgmodel
from orgmodel.diff import diff
from orgmodel.whatif import apply, read_changes
what, a, b = sys.argv[1], sys.argv[2], sys.argv[3]
before = orgmodel.load(a)
if what == "diff":
    after = orgmodel.load(b)
    t = time.perf_counter()
    d = diff(before, after)
    d.markdown(); d.changes()
    extra = {"broken": d.broken(), "changed_nodes": int((d.nodes["status"] != "unchanged").sum())}
else:
    t = time.perf_counter()
    apply(before, read_changes(b))
    extra = {}
secs = time.perf_counter() - t
peak = next(int(l.split()[1]) / 1024 for l in Path("/proc/self/status").read_text().splitlines()
            if l.startswith("VmHWM:"))
print(json.dumps({"seconds": secs, "peak_mb": peak, **extra}))
"""


def main():
    import yaml

    import orgmodel
    from orgmodel.whatif import apply
    WORK.mkdir(exist_ok=True)
    org = orgmodel.synthesize(100_000, seed=0)
    a, b = WORK / "diff-as-is", WORK / "diff-to-be"
    orgmodel.save(org, a)
    print("making the to-be organisation (5% of posts changed) ...", flush=True)
    orgmodel.save(apply(org, changes(org)), b)
    script = WORK / "whatif-100.yaml"
    script.write_text(yaml.safe_dump(changes(org, n=150, seed=2)[:100]))
    lines = ["# Reorganisation: diff and what-if (`make bench`)", "",
             f"Measured {time.strftime('%Y-%m-%d')} by `benchmarks/diff.py`: 100,000 synthetic "
             "roles, the to-be with 5% of posts closed, moved or added; each step in a fresh "
             "process, loading the folders not counted (peak = VmHWM, loading included).", "",
             "| step | seconds | peak MB | target | met |", "|---|---|---|---|---|"]
    for what, target, label, other in (
            ("diff", 15.0, "diff with governance impact, report and change list", b),
            ("whatif", 10.0, "what-if of 100 changes", script)):
        print(label, "...", flush=True)
        res = subprocess.run([sys.executable, "-c", STEP, what, str(a), str(other)],
                             capture_output=True, text=True)
        if res.returncode:
            lines.append(f"| {label} | failed: {res.stderr.strip().splitlines()[-1]} | | | no |")
            continue
        r = json.loads(res.stdout.strip().splitlines()[-1])
        ok = r["seconds"] < target and (what != "diff" or r["peak_mb"] < 2048)
        extra = f" ({r['changed_nodes']:,} nodes changed)" if "changed_nodes" in r else ""
        lines.append(f"| {label}{extra} | {r['seconds']:.1f} | {r['peak_mb']:.0f} | "
                     f"< {target:g} s" + (", < 2 GB" if what == "diff" else "") +
                     f" | {'yes' if ok else 'NO'} |")
    (HERE / "diff.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
