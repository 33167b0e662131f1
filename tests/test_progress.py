"""orgmodel._progress: progress on a terminal, nothing on a pipe."""
import os
import subprocess
import sys

from conftest import DATA


def _run_on_a_terminal(args):
    """Run orgmodel with its standard error on a pseudo-terminal; what it wrote there."""
    import pty
    master, slave = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "orgmodel", *map(str, args)],
                          stdout=subprocess.PIPE, stderr=slave, timeout=300)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_progress_shows_on_a_terminal_and_nothing_on_a_pipe(tmp_path):
    code, term = _run_on_a_terminal(["report", "--org", DATA / "deventer", "--out",
                                     tmp_path / "r1"])
    assert code == 0
    assert "Writing the report of Deventer" in term and "100%" in term
    assert "Loading deventer" in term
    piped = subprocess.run([sys.executable, "-m", "orgmodel", "report", "--org",
                            str(DATA / "deventer"), "--out", str(tmp_path / "r2")],
                           capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0 and piped.stderr == ""


def test_export_convert_and_synth_show_progress_on_a_terminal(tmp_path):
    for args, label in (
            (["export", "graphml", "--org", DATA / "deventer", "-o", tmp_path / "d.graphml"],
             "Exporting d.graphml"),
            (["export", "html", "--org", DATA / "deventer", "-o", tmp_path / "d.html"],
             "Exporting d.html"),
            (["convert", DATA / "deventer", tmp_path / "d.xlsx"], "Exporting d.xlsx"),
            (["synth", "--roles", 500, "--out", tmp_path / "s"],
             "Writing a synthetic organisation of 500 roles")):
        code, term = _run_on_a_terminal(args)
        assert code == 0 and label in term and "100%" in term, (args, term)
