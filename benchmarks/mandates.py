"""make bench (mandates): the register, who-decides and the Awb checks on a
synthetic organisation of 100,000 roles with 1,000 powers and 50,000
mandates, each step in a fresh process; written to benchmarks/mandates.md.

Targets (issue 16): the register under 10 s, who-decides for one power under
1 s, all mandate checks under 10 s.
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
TARGETS = {"register": 10.0, "who_decides": 1.0, "checks": 10.0}


def build(folder: Path, roles=100_000, powers=1_000, mandates=50_000, seed=0):
    """The synthetic organisation, with mandates down its line: each mandate
    passes one to three powers from a manager to a report, with a ceiling and
    ondermandaat allowed; the top is the competent body of every power."""
    import orgmodel
    rng = random.Random(seed)
    org = orgmodel.synthesize(roles, seed=seed)
    g = org.graph
    lines = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "REPORTS_TO"]
    top = next(v for _, v in lines if not any(
        d["kind"] == "REPORTS_TO" for _, _, d in g.out_edges(v, data=True)))
    org.manifest["powers"] = {f"p{i}": {"name": f"Power {i}", "body": top, "kind": "decision"}
                              for i in range(powers)}
    for sub, sup in rng.sample(lines, min(mandates, len(lines))):
        ps = rng.sample(range(powers), rng.randint(1, 3))
        g.add_edge(sup, sub, kind="MANDATES", powers=[f"p{i}" for i in ps],
                   mandate_kind="mandaat", submandate=True,
                   ceiling=float(rng.choice([10_000, 50_000, 100_000])),
                   source="synth", evidence="assumed", note="synthetic")
    orgmodel.save(org, folder)
    return top


STEP = r"""
import gc, json, sys, time
gc.disable()    # as the command line does (orgmodel._perf)
from pathlib import Path
import orgmodel
from orgmodel.mandates import register, who_decides, mandate_findings
what, folder = sys.argv[1], sys.argv[2]
org = orgmodel.load(folder)
t = time.perf_counter()
if what == "register":
    n = len(register(org))
elif what == "who_decides":
    n = len(who_decides(org, "p7", amount=20_000))
else:
    n = len(mandate_findings(org))
secs = time.perf_counter() - t
peak = next(int(l.split()[1]) / 1024 for l in Path("/proc/self/status").read_text().splitlines()
            if l.startswith("VmHWM:"))
print(json.dumps({"seconds": secs, "peak_mb": peak, "rows": n}))
"""


def main():
    WORK.mkdir(exist_ok=True)
    folder = WORK / "synth-mandates-100k"
    print("building 100k roles, 1,000 powers, 50,000 mandates ...", flush=True)
    build(folder)
    lines = ["# Mandates: register, who-decides, checks (`make bench`)", "",
             f"Measured {time.strftime('%Y-%m-%d')} by `benchmarks/mandates.py` on a synthetic "
             "organisation of 100,000 roles with 1,000 powers and 50,000 mandates; each step "
             "in a fresh process, the load not counted (peak = VmHWM, load included).", "",
             "| step | seconds | peak MB | rows | target | met |", "|---|---|---|---|---|---|"]
    for what, label in (("register", "the register (every power)"),
                        ("who_decides", "who-decides, one power, an amount"),
                        ("checks", "every Awb check on the mandates")):
        print(f"{label} ...", flush=True)
        res = subprocess.run([sys.executable, "-c", STEP, what, str(folder)],
                             capture_output=True, text=True)
        if res.returncode:
            lines.append(f"| {label} | failed: {res.stderr.strip().splitlines()[-1]} | | | | no |")
            continue
        r = json.loads(res.stdout.strip().splitlines()[-1])
        ok = r["seconds"] < TARGETS[what]
        lines.append(f"| {label} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | {r['rows']:,} | "
                     f"< {TARGETS[what]:g} s | {'yes' if ok else 'NO'} |")
    (HERE / "mandates.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
