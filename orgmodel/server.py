"""A local Bolt server for people without Neo4j: ArcadeDB with its Neo4j-Bolt
plugin, from the PyPI package ``arcadedb-embedded`` (which ships its own Java
runtime).  ``orgmodel db serve`` and the test suite start it the same way.

Run as ``python -m orgmodel.server --port 7687 --root DIR --database NAME``;
the root password comes from the environment variable ``NEO4J_PASSWORD`` (never
from the command line, where other users could read it in ``ps``).  It prints
``READY bolt://host:port`` on stdout once the driver can connect.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import threading

__all__ = ["serve", "free_port", "DEFAULT_PASSWORD"]

#: The local server's password when NEO4J_PASSWORD is not set (documented in
#: the README; the local server only listens on the loopback interface).
DEFAULT_PASSWORD = "orgmodel-local"


def free_port() -> int:
    """A TCP port on the loopback interface that nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(port: int, root: str, database: str, password: str, http_port: int | None = None,
          ready=None, stop: threading.Event | None = None):
    """Start ArcadeDB with the Bolt plugin and block until ``stop`` is set (or killed)."""
    try:
        import arcadedb_embedded as arcadedb
    except ImportError as exc:  # pragma: no cover - dev extra
        raise SystemExit("the local server needs the 'arcadedb-embedded' package: "
                         "pip install arcadedb-embedded") from exc
    root = os.path.abspath(root)
    os.makedirs(root, exist_ok=True)
    # ArcadeDB writes its log/ folder into the working directory: keep it in
    # the server's root, not wherever the user happened to start it.  serve()
    # blocks for the life of the process, so moving there harms nobody.
    os.chdir(root)
    server = arcadedb.create_server(
        root_path=root, root_password=password,
        config={"http_port": http_port or free_port(), "host": "127.0.0.1",
                "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
                "bolt_port": port})
    server.start()
    try:
        server.create_database(database)
    except Exception:  # noqa: BLE001 - already there from an earlier run
        server.get_database(database)
    stop = stop or threading.Event()
    # Ctrl+C and SIGTERM ask for an orderly stop (server, then the Java
    # runtime).  The handlers go in only now: starting the JVM replaces
    # whatever handlers were there, and the JVM's own end the process under
    # the running server, which crashes writing an hs_err log.
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
    if ready:
        ready(f"bolt://127.0.0.1:{port}")
    try:
        # A timed wait, so that the signal handlers get their turn.
        while not stop.wait(0.2):
            pass
    finally:
        server.stop()


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m orgmodel.server", description=__doc__)
    ap.add_argument("--port", type=int, default=7687)
    ap.add_argument("--root", default="./orgmodel-db")
    ap.add_argument("--database", default="orgmodel")
    args = ap.parse_args(argv)
    stop = threading.Event()
    password = os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD
    serve(args.port, args.root, args.database, password,
          ready=lambda uri: print(f"READY {uri}", flush=True), stop=stop)
    sys.exit(0)


if __name__ == "__main__":
    main()
