"""make bench, issue 17: the interactive org chart in headless Chromium, the
static chart, and the report of 100,000 and 1,000,000 roles; written to
benchmarks/page.md.

- Page: write the page of a synthetic organisation, open it in Debian's
  Chromium, and read the page's own clock: milliseconds from navigation start
  until vis-network first draws (``firstDrawMs``); then type a name into the
  search box and press Enter, timed until the role is found, opened and
  selected; then open one more level.
- Static chart: ``orgmodel chart`` (the whole command) of 1,000 roles, and of
  a 20,000-post municipality (the overview and a page per part), to a PDF on
  A4 and A3 and to SVG pages (Graphviz dot, pypdf for the sheets).
- Report: ``orgmodel report`` (load + every analysis + Markdown + HTML +
  charts) in a fresh process, its peak memory that process's VmHWM.
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))

from run import machine  # noqa: E402


def page_figures(n):
    from browser import open_page

    import orgmodel
    org = orgmodel.synthesize(n, seed=0)
    path = WORK / f"orgchart-{n}.html"
    t = time.perf_counter()
    orgmodel.write_html(org, path)
    write = time.perf_counter() - t
    target = f"STAFF {int(n * 0.69)}"
    with open_page(path, timeout_ms=120_000) as (page, seen):
        first = page.evaluate("window.orgchart.firstDrawMs")
        shown = int(page.evaluate("document.body.dataset.visible"))
        t0 = page.evaluate("performance.now()")
        page.fill("#search", target)
        page.press("#search", "Enter")
        page.wait_for_function("() => document.body.dataset.found", timeout=60_000)
        found = page.evaluate("performance.now()") - t0
        t0 = page.evaluate("performance.now()")
        page.click("#more")
        more = page.evaluate("performance.now()") - t0
        errors = list(seen["errors"])
    return {"roles": n, "write_s": write, "mb": path.stat().st_size / 1e6, "first_ms": first,
            "shown": shown, "search_ms": found, "more_ms": more, "errors": errors,
            "target": target}


def flat_folder(n) -> Path:
    """An organisation of one post with ``n`` reports (a manager of a pool,
    a register of everyone under the director), imported from a posts file
    as a user's would be."""
    folder = WORK / f"flat-{n}"
    if not (folder / "nodes.csv").exists():
        posts = WORK / f"flat-{n}.csv"
        posts.write_text("id,reports_to,title,unit\n0,,Director,Directorate\n" + "".join(
            f"{i},0,Officer {i % 50},Team {i % 40}\n" for i in range(1, n + 1)),
            encoding="utf-8")
        subprocess.run([sys.executable, "-m", "orgmodel", "import", "posts", str(posts),
                        "--out", str(folder), "--force"], check=True, capture_output=True)
    return folder


def chart_figures(n, out, paper, shape="municipality"):
    """``orgmodel chart`` of ``n`` synthetic roles into ``out`` on ``paper``:
    the whole command's seconds and the pages it says it wrote."""
    folder = WORK / f"chart-{n}" if shape == "municipality" else flat_folder(n)
    if not (folder / "nodes.csv").exists():
        subprocess.run([sys.executable, "-m", "orgmodel", "synth", "--roles", str(n), "--out",
                        str(folder), "--force"], check=True, capture_output=True)
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "orgmodel", "chart", "--org", str(folder), "-o",
                          str(WORK / f"chart-{shape}-{n}-{paper}{out}"), "--paper", paper],
                         check=True, capture_output=True, text=True)
    said = res.stdout.strip().rsplit("(", 1)
    pages = int(said[1].split()[0]) if len(said) == 2 else 1
    return {"roles": n, "out": out, "paper": paper, "s": time.perf_counter() - t,
            "pages": pages, "shape": shape}


LOAD = """
import gc, json, sys, time, orgmodel
gc.disable()    # as the command line does (orgmodel._perf)
t = time.perf_counter()
orgmodel.load(sys.argv[1])
print(json.dumps({"load_s": time.perf_counter() - t}))
"""

# The command as a user runs it (the CLI's own entry point, in a process of
# its own), then that process's peak memory as the kernel counts it.  Its
# time is the whole process's, start to exit, as a user's watch sees it.
COMMAND = """
import json, sys
from orgmodel._perf import paused_gc
from orgmodel.cli import cli
with paused_gc():   # as orgmodel.cli.main does
    cli.main(sys.argv[1:], prog_name="orgmodel", standalone_mode=False)
peak = next(int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"peak_mb": peak}))
"""


def report_figures(n):
    """``orgmodel report`` of ``n`` synthetic roles: time and peak memory of
    the whole command, and, in a process of its own, how long loading takes."""
    folder = WORK / f"synth-{n}"
    if not (folder / "nodes.csv").exists():
        subprocess.run([sys.executable, "-m", "orgmodel", "synth", "--roles", str(n), "--out",
                        str(folder), "--force"], check=True, capture_output=True)
    out = WORK / f"report-{n}"
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-c", COMMAND, "report", "--org", str(folder),
                          "--out", str(out)], capture_output=True, text=True)
    total = time.perf_counter() - t
    if res.returncode:
        return {"roles": n, "error": (res.stderr.strip().splitlines() or ["?"])[-1]}
    r = json.loads(res.stdout.strip().splitlines()[-1])
    r["total_s"] = total
    loaded = subprocess.run([sys.executable, "-c", LOAD, str(folder)], capture_output=True,
                            text=True, check=True)
    r.update(json.loads(loaded.stdout.strip().splitlines()[-1]))
    r.update(roles=n, md_kb=(out / "report.md").stat().st_size / 1024,
             html_kb=(out / "report.html").stat().st_size / 1024)
    return r


def main():
    WORK.mkdir(exist_ok=True)
    pages = [page_figures(n) for n in (1_000, 10_000, 20_000)]
    charts = [chart_figures(n, out, paper) for n in (1_000, 20_000)
              for out, paper in ((".pdf", "a4"), (".pdf", "a3"), (".svg", "a4"))]
    # (the other shape of a real organisation: one manager with thousands of
    # reports, beside the municipality of as many posts)
    charts += [chart_figures(20_000, ".pdf", "a4", shape="flat")]
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    reports = [report_figures(n) for n in sizes]
    lines = ["# Benchmarks of issue 17: the org chart page, the static chart, the report", "",
             f"- Date: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}",
             f"- Machine: {machine()}",
             "- Synthetic organisations from `orgmodel synth --seed 0`; one run each.", "",
             "## Interactive org chart (headless Chromium)", "",
             "| roles | page | written in | first drawn | roles on screen | search answered "
             "| one more level |", "|---|---|---|---|---|---|---|"]
    for p in pages:
        lines.append(f"| {p['roles']:,} | {p['mb']:.1f} MB | {p['write_s']:.2f} s | "
                     f"{p['first_ms']:.0f} ms | {p['shown']:,} | {p['search_ms']:.0f} ms "
                     f"(`{p['target']}`) | {p['more_ms']:.0f} ms |")
    lines += ["", "First drawn: the page's own clock from navigation start to vis-network's "
              "first drawing. Search: typing the name and Enter, until the role is found, its "
              "line opened and it is selected with its routes.", "",
              "## Static chart", "",
              "| roles | shape | written to | paper | pages | whole command |",
              "|---|---|---|---|---|---|"]
    lines += [f"| {c['roles']:,} | {'one post with every other under it' if c['shape'] == 'flat' else c['shape']} | "
              f"{c['out']} | {c['paper'].upper()} | {c['pages']:,} | {c['s']:.1f} s |"
              for c in charts]
    lines += ["", "## Report", "",
              "| roles | `orgmodel report` | loading alone | peak memory | report.md | "
              "report.html |", "|---|---|---|---|---|---|"]
    for r in reports:
        if "error" in r:
            lines.append(f"| {r['roles']:,} | failed: {r['error'][:80]} | | | | |")
            continue
        lines.append(f"| {r['roles']:,} | {r['total_s']:.1f} s | {r['load_s']:.1f} s | "
                     f"{r['peak_mb']:,.0f} MB | {r['md_kb']:,.0f} KB | {r['html_kb']:,.0f} KB |")
    lines += ["", "`orgmodel report`: the whole process, start to exit (Python, imports, "
              "loading, every analysis, the CSVs, Markdown, HTML and charts). Loading alone: "
              "`orgmodel.load` in a process of its own. Peak memory: the report process's "
              "VmHWM."]
    worst = {n: max(c["s"] for c in charts if c["roles"] == n) for n in (1_000, 20_000)}
    targets = [("page of 20,000 roles first drawn ≤ 2 s", pages[2]["first_ms"] <= 2000,
                f"{pages[2]['first_ms']:.0f} ms"),
               ("search of 20,000 roles answered ≤ 0.5 s", pages[2]["search_ms"] <= 500,
                f"{pages[2]['search_ms']:.0f} ms"),
               ("static chart of 1,000 roles ≤ 5 s (slowest kind)", worst[1_000] <= 5,
                f"{worst[1_000]:.1f} s"),
               ("static chart of 20,000 roles, overview and a page per part ≤ 60 s "
                "(slowest kind)", worst[20_000] <= 60, f"{worst[20_000]:.1f} s")]
    for r in reports:
        if "error" in r:
            continue
        if r["roles"] == 100_000:
            targets += [("report of 100,000 roles < 20 s", r["total_s"] < 20,
                         f"{r['total_s']:.1f} s"),
                        ("report.md of 100,000 roles < 1 MB", r["md_kb"] < 1024,
                         f"{r['md_kb']:,.0f} KB")]
        if r["roles"] == 1_000_000:
            targets += [("report of 1,000,000 roles < 90 s", r["total_s"] < 90,
                         f"{r['total_s']:.1f} s"),
                        ("… and < 4 GB", r["peak_mb"] < 4096, f"{r['peak_mb']:,.0f} MB")]
    lines += ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, ok, value in targets]
    errors = [e for p in pages for e in p["errors"]]
    lines += ["", f"Console errors on the pages: {len(errors)}.", ""]
    (HERE / "page.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
