"""make bench (formats): import and export speed and peak memory, each in a
fresh process, written to benchmarks/formats.md.

* ``import posts`` of a synthetic 100,000-post CSV (a line of posts with
  holders, units, FTE and a junior file of 100,000 rows), and of a 10,000-row
  XLSX; targets: under 10 s and 1 GB, under 15 s.
* every export of a 100,000-role synthetic organisation; target: under 30 s.
* ``import posts`` of the same file with each superior given by its job
  title: refused, every row named with the post its title belongs to;
* ``import posts`` of one department of 13,000 rows in the September 2013
  layout (3,000 senior posts, 10,000 junior rows; the columns with no header
  the publishers' export leaves; the date in the file name): target 3 s; and
  a whole round of that layout, 150 organisations of the sizes a round has
  (most small, a few large), imported one after the other in one process:
  the total time and the peak memory.
"""
from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
TARGETS = {"import posts CSV 100k": (10.0, 1024), "import posts XLSX 10k": (15.0, None),
           "import posts 2013 13k": (3.0, None)}
#: The September 2013 layout: senior and junior headers as published, the
#: first column and one in the middle with no name (row numbers, a blank).
SENIOR_2013 = ["", "Post Unique Reference", "Name", "Grade", "Job Title", "Job/Team Function",
               "Parent Department", "Organisation", "Unit", "Contact Phone", "Contact E-mail",
               "Reports to Senior Post", "Salary Cost of Reports (£)", "FTE",
               "Actual Pay Floor (£)", "Actual Pay Ceiling (£)", "",
               "Professional/Occupational Group", "Notes", "Valid?"]
JUNIOR_2013 = ["", "Parent Department", "Organisation", "Unit", "Reporting Senior Post", "Grade",
               "Payscale Minimum (£)", "Payscale Maximum (£)", "Generic Job Title",
               "Number of Posts in FTE", "Professional/Occupational Group"]
EXPORT_TARGET = 30.0


def posts_csv(path: Path, n: int, seed=0):
    """A table of n posts: a tree of spans 3-12, units per branch, some job
    shares, vacancies and undisclosed holders; and n junior rows."""
    rng = random.Random(seed)
    rows, juniors = [], []
    for i in range(n):
        sup = "XX" if i == 0 else str(rng.randrange(i // 8, i))
        holder = rng.choice(["Vacant", "N/D", f"Person {i}", f"Person {i}", f"Person {i}"])
        rows.append([str(i), holder, f"G{rng.randrange(1, 8)}", f"Post {i}",
                     f"Unit {int(sup) // 50 if sup != 'XX' else 0}", sup,
                     rng.choice(["1", "1", "0.8", "0.5"])])
        juniors.append([f"Unit {i // 50}", str(i), f"B{rng.randrange(1, 4)}", "Officer",
                        str(rng.choice([1, 2, 3, 0.5]))])
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Post Unique Reference", "Name", "Grade (or equivalent)", "Job Title",
                    "Unit", "Reports to Senior Post", "FTE"])
        w.writerows(rows)
    junior = path.with_name(path.stem + "-junior.csv")
    with open(junior, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Unit", "Reporting Senior Post", "Grade", "Generic Job Title",
                    "Number of Posts in FTE"])
        w.writerows(juniors)
    return path, junior


def superiors_by_title(src: Path, path: Path) -> Path:
    """``src`` (see :func:`posts_csv`) with each superior given by its job
    title instead of its post id, as a hand-kept sheet names the manager."""
    with open(src, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    title = {r[0]: r[3] for r in rows[1:]}
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([rows[0]] + [r[:5] + [title.get(r[5], r[5])] + r[6:]
                                             for r in rows[1:]])
    return path


def shared_titles(path: Path, teams: int, size: int) -> Path:
    """A Dutch HR list of ``teams`` teams of ``size`` posts, each naming its
    manager by the job title every team's manager has (``Teamleider``):
    read by the post's unit (``--reports-to-by Functie``)."""
    rows = [["Functie", "Naam", "Fte", "Afdeling", "Leidinggevende"],
            ["Directeur", "Dirk de Directeur", "1", "Directie", ""]]
    for u in range(teams):
        rows.append(["Teamleider", f"Teamleider {u}", "1", f"Team {u}", "Directeur"])
        rows += [["Medewerker", f"Medewerker {u}-{k}", "1", f"Team {u}", "Teamleider"]
                 for k in range(size - 1)]
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return path


def posts_2013(folder: Path, name: str, senior: int, junior: int, seed=0) -> tuple:
    """One organisation's two files in the September 2013 layout, named as
    the publishers name them (``130930-<name>-senior.csv``)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    spath = folder / f"130930-{name}-senior.csv"
    jpath = folder / f"130930-{name}-junior.csv"
    with open(spath, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(SENIOR_2013)
        for i in range(senior):
            sup = "XX" if i == 0 else str(rng.randrange(i // 6, i) + 1)
            holder = rng.choice(["Vacant", "N/D", f"Person {i}", f"Person {i}", "Eliminated"]
                                if i else [f"Person {i}"])
            w.writerow([i, i + 1, holder, f"SCS{rng.randrange(1, 4)}", f"Post {i}", "Function",
                        "Dept", name, f"Unit {i // 40}", "N/D", "N/D", sup, "0", "1.0", "0",
                        "0", "", "Policy", "", "1"])
    with open(jpath, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(JUNIOR_2013)
        for i in range(junior):
            sup = rng.randrange(1, senior + 1)
            w.writerow([i, "Dept", name, f"Unit {(sup - 1) // 40}", sup,
                        f"B{rng.randrange(1, 4)}", "20000", "30000", "Officer",
                        rng.choice(["1.0", "1.0", "0.8", "0.5", "2.0"]), "Policy"])
    return spath, jpath


def round_2013(folder: Path, n=150, seed=0) -> list:
    """A round of ``n`` organisations: senior posts from a long-tailed
    distribution (a median of about 60, a few thousand at most), three junior
    rows per senior post."""
    rng = random.Random(seed)
    files = []
    for k in range(n):
        senior = max(5, min(4000, int(rng.lognormvariate(4.1, 1.2))))
        files.append(posts_2013(folder, f"org-{k:03d}", senior, 3 * senior, seed=k))
    return files


def posts_xlsx(path: Path, n: int):
    from openpyxl import Workbook
    src, _ = posts_csv(path.with_suffix(".csv"), n, seed=1)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("posts")
    with open(src, encoding="utf-8") as f:
        for row in csv.reader(f):
            ws.append(row)
    wb.save(path)
    return path


def posts_wide(path: Path, columns: int, rows: int = 50) -> Path:
    """A posts table of ``columns`` columns besides the schema's (an export
    of every field a system holds): CSV, or XLSX by its suffix."""
    header = ["Post Unique Reference", "Reports to Senior Post", "Job Title"] + \
        [f"Field {i}" for i in range(columns)]
    body = [[str(r), "XX" if r == 0 else "0", f"Post {r}"] + ["x"] * columns
            for r in range(rows)]
    if path.suffix == ".xlsx":
        from openpyxl import Workbook
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("posts")
        for row in [header, *body]:
            ws.append(row)
        wb.save(path)
    else:
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([header, *body])
    return path


STEP = r"""
import gc, json, sys, time
gc.disable()    # as the command line does (orgmodel._perf)
from pathlib import Path
what, args = sys.argv[1], json.loads(sys.argv[2])
import orgmodel
from orgmodel.formats.posts import import_posts
from orgmodel.formats import write_any
t = time.perf_counter()
if what == "import":
    # what `orgmodel import posts` does: read, validate, write the folder
    import shutil
    shutil.rmtree(args["out"], ignore_errors=True)
    n, e, log = import_posts(args["file"], args.get("junior"), args["out"],
                             **(args.get("options") or {"preset": "uk-organogram"}))
    extra = {"nodes": n}
elif what == "refuse":
    # a file refused whole: every row's superior named by its job title, each
    # problem said with what the name is (one index, not a search per row)
    from orgmodel.errors import ValidationError
    try:
        import_posts(args["file"], None, args["out"], preset="uk-organogram",
                     unknown_superior="error")
        extra = {"problems": 0}
    except ValidationError as e:
        extra = {"problems": len(e.problems)}
elif what == "round":
    # a whole round, one organisation after the other, as a script would
    import shutil
    rows = n = 0
    for k, (senior, junior) in enumerate(args["files"]):
        out = Path(args["out"]) / str(k)
        shutil.rmtree(out, ignore_errors=True)
        nodes, e, log = import_posts(senior, junior, out, preset="uk-organogram")
        n += nodes
        rows += sum(1 for _ in open(senior)) + sum(1 for _ in open(junior)) - 2
    extra = {"nodes": n, "rows": rows, "organisations": len(args["files"])}
else:
    org = orgmodel.load(args["org"])
    t = time.perf_counter()          # the export only, not the load
    write_any(org, args["out"], args.get("fmt"))
    extra = {}
secs = time.perf_counter() - t
peak = next(int(l.split()[1]) / 1024 for l in Path("/proc/self/status").read_text().splitlines()
            if l.startswith("VmHWM:"))
print(json.dumps({"seconds": secs, "peak_mb": peak, **extra}))
"""


def step(what, **args):
    res = subprocess.run([sys.executable, "-c", STEP, what, json.dumps(args)],
                         capture_output=True, text=True)
    if res.returncode != 0:
        return {"error": (res.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(res.stdout.strip().splitlines()[-1])


def main():
    import orgmodel
    WORK.mkdir(exist_ok=True)
    lines = ["# Formats: import and export (`make bench`)", "",
             f"Measured {time.strftime('%Y-%m-%d')} by `benchmarks/formats.py`, each step in "
             "a fresh process (peak = VmHWM).", "",
             "| step | seconds | peak MB | target | met |", "|---|---|---|---|---|"]
    csv_path, junior = posts_csv(WORK / "posts-100k.csv", 100_000)
    print("import posts CSV 100k ...", flush=True)
    r = step("import", file=str(csv_path), out=str(WORK / "imported-100k"))
    lines.append(_row("import posts CSV, 100k posts (read, validate, write the folder)", r,
                      *TARGETS["import posts CSV 100k"]))
    print("import posts CSV 100k with a 100k-row junior file ...", flush=True)
    r = step("import", file=str(csv_path), junior=str(junior), out=str(WORK / "imported-100kj"))
    lines.append(_row("the same with a junior file of 100k rows (no target)", r, 1e9, None))
    senior, junior = posts_2013(WORK / "round-one", "dept", 3_000, 10_000)
    print("import posts, one 13,000-row department of September 2013 ...", flush=True)
    r = step("import", file=str(senior), junior=str(junior), out=str(WORK / "imported-2013"))
    lines.append(_row("import posts, a 13,000-row department in the September 2013 layout "
                      "(3,000 senior posts, 10,000 junior rows)", r,
                      *TARGETS["import posts 2013 13k"]))
    titled = superiors_by_title(csv_path, WORK / "posts-100k-titled.csv")
    print("import posts CSV 100k, superiors named by job title (refused) ...", flush=True)
    r = step("refuse", file=str(titled), out=str(WORK / "refused-100k"))
    lines.append(_row(f"import posts CSV, 100k posts whose superiors are given by job title: "
                      f"refused, {r.get('problems', 0):,} rows named with the post each title "
                      "belongs to (no target)", r, 1e9, None))
    shared = shared_titles(WORK / "posts-shared-titles.csv", 2_000, 10)
    print("import posts CSV 20k, superiors by a title 2,000 teams' leaders share ...", flush=True)
    r = step("import", file=str(shared), out=str(WORK / "imported-shared"),
             options={"preset": "nl-hr", "row_ids": True, "reports_to_by": "Functie"})
    lines.append(_row("import posts CSV, 20,000 rows whose superior is the job title 2,000 "
                      "teams' leaders share, each read by the post's unit (no target)", r, 1e9,
                      None))
    files = round_2013(WORK / "round-2013")
    print(f"import posts, a whole round of {len(files)} organisations ...", flush=True)
    r = step("round", files=[[str(s), str(j)] for s, j in files], out=str(WORK / "round-out"))
    label = (f"a whole September 2013 round: {r.get('organisations', len(files))} "
             f"organisations, {r.get('rows', 0):,} rows, imported one after the other "
             "(no target)")
    lines.append(_row(label, r, 1e9, None))
    for suffix in (".csv", ".xlsx"):
        wide = posts_wide(WORK / f"posts-wide{suffix}", 8_000)
        print(f"import posts, 8,000 columns ({suffix}) ...", flush=True)
        r = step("import", file=str(wide), out=str(WORK / f"imported-wide{suffix[1:]}"))
        lines.append(_row(f"import posts {suffix[1:].upper()}, 50 posts of 8,003 columns (an "
                          "export of every field; no target)", r, 1e9, None))
    xlsx = posts_xlsx(WORK / "posts-10k.xlsx", 10_000)
    print("import posts XLSX 10k ...", flush=True)
    r = step("import", file=str(xlsx), out=str(WORK / "imported-10k"))
    lines.append(_row("import posts XLSX 10k (saved)", r, *TARGETS["import posts XLSX 10k"]))
    folder = WORK / "synth-formats-100k"
    orgmodel.save(orgmodel.synthesize(100_000, seed=0), folder)
    for name, target, fmt in (("xlsx", "m.xlsx", None), ("W3C ORG Turtle", "m.ttl", None),
                              ("W3C ORG JSON-LD", "m.jsonld", None),
                              ("GraphML", "m.graphml", None), ("GEXF", "m.gexf", None),
                              ("Archi CSV", "archi", "archi")):
        print(f"export {name} 100k ...", flush=True)
        r = step("export", org=str(folder), out=str(WORK / target), fmt=fmt)
        lines.append(_row(f"export {name}, 100k roles", r, EXPORT_TARGET, None))
    (HERE / "formats.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def _row(label, r, secs_target, mb_target):
    if "error" in r:
        return f"| {label} | failed: {r['error']} | | | no |"
    met = r["seconds"] < secs_target and (mb_target is None or r["peak_mb"] < mb_target)
    target = "" if secs_target >= 1e9 else \
        f"< {secs_target:g} s" + (f", < {mb_target} MB" if mb_target else "")
    if not target:
        return f"| {label} | {r['seconds']:.1f} | {r['peak_mb']:.0f} | | |"
    return f"| {label} | {r['seconds']:.1f} | {r['peak_mb']:.0f} | {target} | " \
           f"{'yes' if met else 'NO'} |"


if __name__ == "__main__":
    main()
