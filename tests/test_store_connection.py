"""orgmodel.store, connecting: a password is never shown, a port that never answers
fails with a clear message (no server needed)."""
import os
import socket
import subprocess
import sys
import threading

import pytest


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("password", ["TopSecret-42", "p@ss:w0rd/Seg#ment@TopSecret-42"],
                         ids=["plain", "with @ / # and :"])
@pytest.mark.parametrize("debug", [False, True])
def test_a_password_in_the_address_is_never_shown(tmp_path, debug, password):
    # (a password holding "@", "/" or "#" unencoded: the address is parsed
    # up to its last "@" before anything quotes it)
    uri = f"bolt://neo4j:{password}@127.0.0.1:{_closed_port()}"
    env = {**os.environ, "NEO4J_URI": uri}
    env.pop("NEO4J_PASSWORD", None)
    args = [sys.executable, "-m", "orgmodel", *(["--debug"] if debug else []), "db", "status"]
    res = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode != 0
    both = res.stdout + res.stderr
    assert "TopSecret-42" not in both and "w0rd" not in both
    assert "cannot reach" in both
    for bad in ("bolt://neo4j:TopSecret", "bolt://:TopSecret"):
        res = subprocess.run([sys.executable, "-m", "orgmodel", "db", "status", "--uri",
                              f"{bad}@x:notaport"], capture_output=True, text=True, env=env,
                             timeout=120)
        assert "TopSecret" not in res.stdout + res.stderr and res.returncode == 1


def test_a_port_that_accepts_but_never_answers_fails_with_a_clear_message():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    held = []
    threading.Thread(target=lambda: [held.append(srv.accept()) for _ in range(8)],
                     daemon=True).start()
    from orgmodel.errors import DatabaseError
    from orgmodel.store import TIMEOUT, connect
    with pytest.raises(DatabaseError, match="did not answer"):
        connect(f"bolt://127.0.0.1:{srv.getsockname()[1]}", "u", "p")
    assert TIMEOUT <= 15
    srv.close()
