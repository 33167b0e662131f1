"""The commands whose outputs must not change while the code is reshaped.

Each entry is a command line (``{org}`` is replaced by every data folder and
synthetic organisation of :data:`ORGS`) and the files it writes under
``{out}``.  ``python -m tests.golden.commands --update`` records the outputs'
SHA-256 in ``outputs.json``; ``tests/test_outputs_unchanged.py`` re-runs every
command and compares.  Regenerate only when a change of output is intended,
and say so in the commit.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
ORGS = ["data/deventer", "data/deventer-2010", "data/albrandswaard", "synth:municipality",
        "synth:matrix"]

COMMANDS = [
    "summary --org {org}",
    "summary --org {org} --format json",
    "layers --org {org}",
    "span --org {org} --format csv",
    "formation --org {org}",
    "escalate --all --org {org} --format csv",
    "escalate --load --org {org}",
    "check --org {org} --format json",
    "partners --org {org}",
    "portfolios --org {org}",
    "advice --org {org}",
    "mandates --org {org} --format csv",
    "validate --org {org}",
    "export html --org {org} --out {out}/graph.html",
    "export graphml --org {org} --out {out}/g.graphml",
    "convert {org} {out}/copy.xlsx",
    "report --org {org} --out {out}/report --lang nl",
]
DIFFS = [("data/deventer-2010", "data/deventer")]

#: The day the outputs say they were written (``SOURCE_DATE_EPOCH``,
#: 2026-12-03 UTC, the day they were recorded): a page or report written on
#: another day is otherwise the same.
STAMP = "1796256000"

#: Parts of an output that change on every run (a build stamp, a temp path).
VOLATILE = [re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?"),
            re.compile(rb"/tmp/[^\s\"'<)]*"),
            # matplotlib names each SVG clip path by a random hash
            re.compile(rb"(?<=[#\"])p[0-9a-f]{10}(?=[)\"])")]
#: matplotlib's SVG coordinates and glyph order move with what the process
#: drew before; of its charts the texts (its comments) and colours are compared.
SVG = re.compile(rb"<svg.*?</svg>", re.S)
SEEN = re.compile(rb"<!-- .*? -->|fill: #[0-9a-f]{6}")


EMBEDDED = re.compile(rb"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")


def _decoded(m: re.Match) -> bytes:
    import base64
    return base64.b64decode(m.group(1))


def digest(data: bytes) -> str:
    data = EMBEDDED.sub(_decoded, data)
    for pat in VOLATILE:
        data = pat.sub(b"<volatile>", data)
    data = SVG.sub(lambda m: b"\n".join(SEEN.findall(m.group(0)))
                   if b"Matplotlib" in m.group(0) else m.group(0), data)
    return hashlib.sha256(data).hexdigest()


def _masked(data: bytes, tmp: Path) -> bytes:
    """``data`` with the run's temp folder and the checkout's path named, not spelt."""
    return data.replace(str(tmp).encode(), b"<tmp>").replace(str(ROOT).encode(), b"<root>")


def synth_org(spec: str, tmp: Path, invoke) -> str:
    shape = spec.split(":", 1)[1]
    folder = tmp / f"synth-{shape}"
    if not folder.exists():
        invoke(["synth", "--roles", "300", "--shape", shape, "--seed", "7", "--out", str(folder)])
    return str(folder)


def run_all(tmp: Path, invoke) -> dict[str, str]:
    """Every command of :data:`COMMANDS` on every org: ``{label: sha256}``.

    ``invoke(args) -> (exit_code, output_bytes)`` runs one command line."""
    results: dict[str, str] = {}
    for org in ORGS:
        path = synth_org(org, tmp, invoke) if org.startswith("synth:") else str(ROOT / org)
        for i, cmd in enumerate(COMMANDS):
            out = tmp / f"out-{org.replace('/', '_').replace(':', '_')}-{i}"
            args = cmd.format(org=path, out=out).split()
            code, text = invoke(args)
            label = f"{org} :: {cmd}"
            results[label] = f"exit {code} " + digest(_masked(text, tmp))
            for f in sorted(out.rglob("*")) if out.exists() else []:
                if f.is_file() and f.suffix != ".xlsx":
                    results[f"{label} :: {f.relative_to(out)}"] = digest(
                        _masked(f.read_bytes(), tmp))
    for a, b in DIFFS:
        out = tmp / "diff-out"
        code, text = invoke(["diff", str(ROOT / a), str(ROOT / b), "--out", str(out)])
        label = f"diff {a} {b}"
        results[label] = f"exit {code} " + digest(_masked(text, tmp))
        for f in sorted(out.rglob("*")):
            results[f"{label} :: {f.name}"] = digest(f.read_bytes())
    return results


def click_invoke(args):
    from click.testing import CliRunner

    from orgmodel.cli import cli
    res = CliRunner().invoke(cli, args, catch_exceptions=False)
    return res.exit_code, res.stdout_bytes + res.stderr_bytes


if __name__ == "__main__":
    import os
    import tempfile
    os.environ["SOURCE_DATE_EPOCH"] = STAMP
    with tempfile.TemporaryDirectory() as d:
        found = run_all(Path(d), click_invoke)
    target = HERE / "outputs.json"
    if "--update" in sys.argv:
        target.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
        print(f"{len(found)} outputs recorded in {target}")
    else:
        old = json.loads(target.read_text())
        bad = [k for k in sorted(set(old) | set(found)) if old.get(k) != found.get(k)]
        print("\n".join(bad) or "all equal")
