"""make bench (start-up): how long the command line takes to start, as whole
processes in the same run, against the floors of the libraries it cannot do
without; written to benchmarks/startup.md.

- ``orgmodel --help`` against ``python -c "import click"``: target within 3×.
- ``orgmodel escalate tm-bb --org data/deventer`` against
  ``python -c "import networkx, pandas, click, yaml"``: target within 1.5×.

Each command runs ROUNDS times, the two of a pair alternating so that both see
the same machine; the median of each is compared.
"""
from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ROUNDS = 11
ORGMODEL = [sys.executable, "-m", "orgmodel"]
PAIRS = [
    ("orgmodel --help", ORGMODEL + ["--help"],
     'python -c "import click"', [sys.executable, "-c", "import click"], 3.0),
    ("orgmodel escalate tm-bb --org data/deventer",
     ORGMODEL + ["escalate", "tm-bb", "--org", "data/deventer"],
     'python -c "import networkx, pandas, click, yaml"',
     [sys.executable, "-c", "import networkx, pandas, click, yaml"], 1.5),
]


def seconds(cmd) -> float:
    """Wall-clock time of one whole process, start to exit."""
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(cmd, floor) -> tuple[float, float]:
    seconds(cmd), seconds(floor)          # warm the file cache first
    times = {"cmd": [], "floor": []}
    for _ in range(ROUNDS):
        times["cmd"].append(seconds(cmd))
        times["floor"].append(seconds(floor))
    return statistics.median(times["cmd"]), statistics.median(times["floor"])


def main():
    lines = ["## Start-up", "",
             f"Whole processes, median of {ROUNDS} alternating runs each, in one run of "
             f"`make bench` on {platform.machine()} with Python {platform.python_version()} "
             f"({time.strftime('%Y-%m-%d')}).", "",
             "| command | seconds | floor | seconds | ratio | target | met |",
             "|---|---|---|---|---|---|---|"]
    for name, cmd, floor_name, floor, target in PAIRS:
        t, f = measure(cmd, floor)
        ratio = t / f
        lines.append(f"| `{name}` | {t:.2f} | `{floor_name}` | {f:.2f} | {ratio:.2f}× | "
                     f"{target:g}× | {'yes' if ratio <= target else 'no'} |")
        print(lines[-1])
    (HERE / "startup.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
