"""Faults leave nothing behind (issue 34): a full disk is said in words and a
command that made its output folder removes it; a run killed with SIGKILL
leaves the old state or the new one, and its temporary files are removed by
the next run into the same folder (never those of a run still going).

The full disk is a real 64 KB tmpfs where the machine lets the suite mount
one (root, as CI is); elsewhere every file opened for writing under the
folder fails with ENOSPC once 64 KB have gone in, injected into Python's
file opening (``open``, ``io.open``, ``os.fdopen``).
"""
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import orgmodel
from conftest import DATA, run
from orgmodel._staging import clean_stale, temp_file


def _posts(tmp_path):
    p = tmp_path / "posts.csv"
    rows = ["id,reports_to,title,holder,fte", "1,,Director,Ann,1"]
    rows += [f"{i},1,Adviser {'x' * 300} {i},Person {i},1" for i in range(2, 400)]
    p.write_text("\n".join(rows) + "\n")
    return p


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """Two organisations of 2,000 roles: more than the small disk holds."""
    d = tmp_path_factory.mktemp("big")
    for seed in (1, 2):
        assert run("synth", "--roles", "2000", "--seed", seed, "--out", d / f"s{seed}").exit_code == 0
    return d


COMMANDS = {
    "import posts": lambda d, t, b: ["import", "posts", _posts(t), "--out", d / "imp" / "deeper"],
    "synth": lambda d, t, b: ["synth", "--roles", "400", "--out", d / "syn"],
    "whatif": lambda d, t, b: ["whatif", "--org", DATA / "deventer", "--changes",
                               _changes(t), "--out", d / "wi"],
    "diff --out": lambda d, t, b: ["diff", b / "s1", b / "s2", "--out", d / "diff"],
    "export archi": lambda d, t, b: ["export", "archi", "--org", b / "s1", "-o", d / "archi"],
    "convert to a folder": lambda d, t, b: ["convert", b / "s1", d / "conv"],
    "convert to a workbook": lambda d, t, b: ["convert", b / "s1", d / "d.xlsx"],
    "report": lambda d, t, b: ["report", "--org", b / "s1", "--out", d / "rep"],
}


def _changes(tmp_path):
    p = tmp_path / "changes.yaml"
    p.write_text("- close: dd-bb\n")
    return p


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_full_disk_is_said_in_words_and_leaves_nothing(full_disk, tmp_path, big, command):
    args = COMMANDS[command](full_disk, tmp_path, big)
    res = run(*args)
    assert res.exit_code == 1, res.output
    assert "the disk is full" in res.output and "Errno" not in res.output, res.output
    assert "Traceback" not in res.output
    assert str(full_disk) in res.output       # what could not be written
    assert "needed" in res.output             # and how much room it needed
    # the output folder the command made is gone, and no temporary file stays
    assert list(full_disk.iterdir()) == [], list(full_disk.rglob("*"))


def test_a_full_disk_leaves_an_existing_folder_as_it_was(full_disk, tmp_path):
    org = full_disk / "org"
    org.mkdir()
    for f in ("org.yaml", "nodes.csv", "edges.csv"):
        (org / f).write_bytes((DATA / "template" / f).read_bytes())
    before = {p.name: p.read_bytes() for p in org.iterdir()}
    res = run("synth", "--roles", "400", "--out", org, "--force")
    assert res.exit_code == 1 and "the disk is full" in res.output
    assert {p.name: p.read_bytes() for p in org.iterdir()} == before


def _wait_for(pattern_dir: Path, glob: str, proc, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = list(pattern_dir.glob(glob))
        if found:
            return found
        if proc.poll() is not None:
            return []
        time.sleep(0.02)
    return []


@pytest.mark.parametrize("what", ["report", "convert"])
def test_a_killed_run_leaves_the_old_state_and_the_next_run_clears_its_temp_files(tmp_path,
                                                                                   what):
    big = tmp_path / "big"
    assert run("synth", "--roles", "30000", "--out", big).exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    target = out / ("rep" if what == "report" else "big.xlsx")
    args = ["report", "--org", big, "--out", target] if what == "report" else \
        ["convert", big, target]
    cmd = [sys.executable, "-m", "orgmodel", *map(str, args)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    found = _wait_for(out, ".*.tmp", proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert found, "the writer made no temporary file beside its output before it ended"
    assert not target.exists()                  # never half: the old state (nothing)
    assert list(out.glob(".*.tmp"))             # the killed run's file stays ...
    small = run(*(["report", "--org", DATA / "template", "--out", target] if what == "report"
                  else ["convert", DATA / "template", target]))
    assert small.exit_code == 0, small.output
    assert not list(out.glob(".*.tmp"))         # ... until the next run into the folder
    assert target.exists()


def test_the_temp_files_of_a_running_writer_are_left_alone(tmp_path):
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        mine = tmp_path / f".nodes.csv.orgmodel-{alive.pid}-abcd1234.tmp"
        mine.write_text("being written")
        gone = tmp_path / ".edges.csv.orgmodel-999999999-abcd1234.tmp"
        gone.write_text("left by a killed run")
        stranger = tmp_path / ".nodes.csv.12.abcd1234.tmp"     # not a name orgmodel makes
        stranger.write_text("someone else's")
        fd, own = temp_file(tmp_path, "x.csv")
        os.close(fd)
        assert clean_stale(tmp_path) == 1
        assert mine.exists() and stranger.exists() and own.exists() and not gone.exists()
    finally:
        alive.kill()
        alive.wait()


def test_save_into_a_folder_clears_stale_temp_files(template_copy):
    stale = template_copy / ".nodes.csv.orgmodel-999999999-zz99zz99.tmp"
    stale.write_text("x")
    orgmodel.save(orgmodel.load(template_copy), template_copy)
    assert not stale.exists()


def test_a_full_disk_is_said_in_dutch(full_disk, big):
    """The full disk in the reader's language: it was English in a Dutch session."""
    res = run("synth", "--roles", "400", "--out", full_disk / "org", "--lang", "nl")
    assert res.exit_code == 1, res.output
    assert "niet geschreven, de schijf is vol (er was " in res.output, res.output
    assert "maak ruimte en probeer het opnieuw" in res.output
    said = res.output.replace(str(full_disk), "<map>")
    assert "disk" not in said and "Errno" not in said, said
    assert re.search(r"er was \d+,\d (KB|MB) nodig|er was [\d.]+ bytes nodig", said), said


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full is Linux's")
def test_output_to_a_full_disk_is_said_in_words(tmp_path):
    """A command's output redirected to a full disk said Python's own
    "[Errno 28] No space left on device", in English in a Dutch session."""
    with open("/dev/full", "w") as full:
        res = subprocess.run([sys.executable, "-m", "orgmodel", "--lang", "nl", "span",
                              "--org", str(DATA / "template")], stdout=full,
                             stderr=subprocess.PIPE, text=True)
    assert res.returncode == 1
    assert res.stderr.strip() == "Fout: de uitvoer kon niet worden geschreven: de schijf is vol"
