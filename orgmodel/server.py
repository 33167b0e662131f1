"""A local Bolt server, of one of two engines:

``neo4j``
    Neo4j 5.26 Community, embedded by a small launcher (``orgmodel/launcher``:
    a ``pom.xml`` and one Java class) that Maven builds, once, into orgmodel's
    cache folder.  Needs Java 17 and Maven; the user is ``neo4j``.  The
    default where both are there.
``arcadedb``
    ArcadeDB with its Neo4j-Bolt plugin, from the PyPI package
    ``arcadedb-embedded`` (which ships its own Java runtime); the user is
    ``root``.

``orgmodel db serve`` and the test suite start them the same way.  Run as
``python -m orgmodel.server --engine neo4j --port 7687 --root DIR``; the
password comes from the environment variable ``NEO4J_PASSWORD`` (never from
the command line, where other users could read it in ``ps``).  It prints
``READY bolt://host:port`` on stdout once the driver can connect.  Both
listen on 127.0.0.1 only.
"""
from __future__ import annotations

import argparse
import errno
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from importlib import resources
from pathlib import Path

from ._staging import os_reason
from .errors import InputError, OrgModelError
from .i18n import Listing, Message

__all__ = ["serve", "free_port", "listening_socket", "DEFAULT_PASSWORD", "ENGINES", "default_engine",
           "build_launcher", "launcher_command", "USERS"]

#: The server engines ``serve`` can start.
ENGINES = ("neo4j", "arcadedb")
#: The user each engine's local server has.
USERS = {"neo4j": "neo4j", "arcadedb": "root"}
#: The Neo4j the launcher embeds (its pom.xml says the same).
NEO4J_VERSION = "5.26.30"

#: The local server's password when NEO4J_PASSWORD is not set (documented in
#: the README; the local server only listens on the loopback interface).
DEFAULT_PASSWORD = "orgmodel-local"


def free_port() -> int:
    """A TCP port on the loopback interface that nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def default_engine() -> str:
    """``neo4j`` where Java and Maven are on the PATH, else ``arcadedb``."""
    return "neo4j" if shutil.which("java") and shutil.which("mvn") else "arcadedb"


def cache_dir() -> Path:
    """Where the built launcher lives: ``$ORGMODEL_CACHE``, else ``~/.cache/orgmodel``;
    one folder per version of its sources (an edited launcher is built anew)."""
    base = os.environ.get("ORGMODEL_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "orgmodel")
    sources = resources.files("orgmodel").joinpath("launcher")
    digest = hashlib.sha256()
    for part in (("pom.xml",), ("src", "main", "java", "orgmodel", "Launcher.java")):
        digest.update(sources.joinpath(*part).read_bytes())
    return Path(base) / f"neo4j-launcher-{NEO4J_VERSION}-{digest.hexdigest()[:12]}"


def build_launcher(quiet: bool = True) -> Path:
    """Build the Neo4j launcher with Maven (once; later calls find it built).

    Returns the folder holding ``classes/`` and ``lib/``.

    Raises
    ------
    OrgModelError
        When Java or Maven is missing, or the build fails (with Maven's last lines).
    """
    out = cache_dir()
    if (out / "classes" / "orgmodel" / "Launcher.class").exists() and (out / "lib").is_dir():
        return out
    for tool in ("java", "mvn"):
        if not shutil.which(tool):
            raise OrgModelError(Message("the neo4j engine needs Java 17 and Maven, and '{tool}' "
                                        "is not on the PATH (install them, or use --engine "
                                        "arcadedb)", tool=tool))
    pom = resources.files("orgmodel").joinpath("launcher", "pom.xml")
    cmd = ["mvn", "-B", "-f", str(pom), "package", f"-Dlauncher.out={out}"]
    if quiet:
        cmd.insert(1, "-q")
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise OrgModelError(Message("Maven could not build the Neo4j launcher:\n{tail}", tail=tail))
    return out


def launcher_command(port: int, root: str) -> list:
    """The command that runs Neo4j on ``port`` with its data in ``root``; its
    Java heap is ``$ORGMODEL_NEO4J_HEAP`` (default ``4g``: a push of 100,000
    roles is one transaction of about 2 GB)."""
    out = build_launcher()
    classpath = os.pathsep.join([str(out / "classes"), str(out / "lib" / "*")])
    heap = os.environ.get("ORGMODEL_NEO4J_HEAP") or "4g"
    # (the options Neo4j's own start script gives its JVM: without the
    # add-opens its page cache falls back to a slower way of reaching memory;
    # the initial heap is the whole heap, as Neo4j's operations manual
    # recommends, since growing it costs full collections: measured, a
    # first push on a server just started 28 s instead of 29-32 s, the bare
    # write 6.4-8.3 s instead of 10.0-10.6 s; the heap's pages are only
    # taken from the machine as they are used)
    return ["java", f"-Xms{heap}", f"-Xmx{heap}", "-XX:+UseG1GC", "-XX:+DisableExplicitGC",
            "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "-cp", classpath, "orgmodel.Launcher", str(port), os.path.abspath(root)]


def serve_neo4j(port: int, root: str, password: str, ready=None,
                stop: threading.Event | None = None):
    """Run Neo4j in a child JVM until ``stop`` is set (or this process is stopped)."""
    if len(password) < 8:
        raise OrgModelError(Message("Neo4j needs a password of 8 characters or more (NEO4J_PASSWORD)"))
    os.makedirs(root, exist_ok=True)
    proc = subprocess.Popen(launcher_command(port, root), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "NEO4J_PASSWORD": password})
    stop = stop or threading.Event()
    asked = _stop_signals()
    seen: list = []

    def follow():
        for line in proc.stdout:
            seen.append(line)
            if line.startswith("READY bolt://") and ready:
                ready(line.split(None, 1)[1].strip())
        stop.set()
    threading.Thread(target=follow, daemon=True).start()
    try:
        _wait_until(stop, asked)
    finally:
        if proc.poll() is None:
            proc.terminate()    # the launcher's shutdown hook closes the database
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
    if proc.returncode not in (0, 130, 143, -2, -15):   # (stopped by a signal: as asked)
        raise _stopped(proc.returncode, seen)


def _java_cause(line: str) -> str:
    """A Java stack trace's "Caused by" line as a reader wants it: the
    exception's own name, without its package, and its message.

    >>> _java_cause("Caused by: java.nio.file.AccessDeniedException: /srv/db/neo4j.lock")
    'AccessDeniedException: /srv/db/neo4j.lock'
    """
    name, _, message = line.removeprefix("Caused by: ").strip().partition(": ")
    return name.rsplit(".", 1)[-1] + (": " + message if message else "")


def _stopped(code: int, lines: list) -> OrgModelError:
    """Why Neo4j stopped, from the lines it printed: the deepest cause of a
    Java stack trace in one line (the whole trace with ``--debug``), else
    its last lines."""
    causes = [_java_cause(line) for line in lines if line.startswith("Caused by: ")]
    tail = "".join(lines[-15:])
    if not causes:
        return OrgModelError(Message("Neo4j stopped with exit code {code}:\n{tail}", code=code,
                                     tail=tail))
    error = OrgModelError(Message("Neo4j stopped with exit code {code}: {cause}", code=code,
                                  cause=causes[-1]))
    error.__cause__ = RuntimeError("".join(lines[-60:]))
    return error


def listening_socket(host: str, port: int):
    """A socket bound to ``host`` and ``port`` (as uvicorn binds one, and
    the Bolt servers theirs), or an :class:`InputError` saying why not: the
    port in use, one the user may not take, an address not this machine's.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family=family, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        why = {errno.EADDRINUSE: Message("the port is in use (another server, or this one "
                                         "already running): stop it, or give another --port"),
               errno.EACCES: Message("this user may not listen on it (a port under 1024 "
                                     "needs root): give another --port")}.get(
            exc.errno or 0, Message("{host} is no address of this machine: give another --host",
                               host=host) if exc.errno in (errno.EADDRNOTAVAIL, None) or
            isinstance(exc, socket.gaierror) else os_reason(exc))
        raise InputError(Message("cannot listen on {host}, port {port}: {why}", host=host,
                                 port=str(port), why=why)) from None
    sock.set_inheritable(True)
    return sock


def serve(port: int, root: str, database: str, password: str, http_port: int | None = None,
          ready=None, stop: threading.Event | None = None, engine: str = "arcadedb"):
    """Start a Bolt server of ``engine`` and block until ``stop`` is set (or killed).

    Neo4j Community has one database of its own (``neo4j``): ``database``
    names ArcadeDB's only.
    """
    # (a port in use is one message now, not the engine's stack trace after
    # its start: the socket is let go at once, for the server to take)
    listening_socket("127.0.0.1", port).close()
    if engine == "neo4j":
        return serve_neo4j(port, root, password, ready, stop)
    if engine != "arcadedb":
        raise OrgModelError(Message("no server engine '{engine}' (choose {engines})", engine=engine,
                                    engines=Listing(" or ", ENGINES)))
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
    asked = _stop_signals()
    if ready:
        ready(f"bolt://127.0.0.1:{port}")
    try:
        _wait_until(stop, asked)
    finally:
        server.stop()


def _stop_signals() -> list:
    """Have Ctrl+C and SIGTERM ask for an orderly stop: the list returned
    gets the signal.  The handler takes no lock: one that set a
    ``threading.Event`` ran, now and then, while the main thread held that
    event's lock inside ``Event.wait`` and waited for itself, and the server
    never stopped (a ``Lock`` is not re-entrant; 3 stops in 8 hung)."""
    asked: list = []
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda signum, _frame: asked.append(signum))
    return asked


def _wait_until(stop: threading.Event, asked: list) -> None:
    """Until ``stop`` is set (by a thread) or a signal is in ``asked`` (see
    :func:`_stop_signals`): a sleep between looks, in which the signal
    handlers get their turn, and a look at the event that takes no lock."""
    while not asked and not stop.is_set():
        time.sleep(0.2)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m orgmodel.server", description=__doc__)
    ap.add_argument("--engine", choices=ENGINES, default=None)
    ap.add_argument("--build", action="store_true", help="only build the Neo4j launcher")
    ap.add_argument("--port", type=int, default=7687)
    ap.add_argument("--root", default="./orgmodel-db")
    ap.add_argument("--database", default="orgmodel")
    args = ap.parse_args(argv)
    if args.build:
        print(build_launcher(quiet=False))
        return
    stop = threading.Event()
    password = os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD
    serve(args.port, args.root, args.database, password,
          ready=lambda uri: print(f"READY {uri}", flush=True), stop=stop,
          engine=args.engine or default_engine())
    sys.exit(0)


if __name__ == "__main__":
    main()
