"""Temporary files and folders beside a writer's output, and what a writer
leaves behind when it fails.

Every writer makes its output next to its final place and moves it in when
it is complete (a rename is atomic), so a run that is killed leaves the old
state or the new one, never half of each; it may still leave its temporary
file behind.  Their names carry the writing process's id
(``.nodes.csv.orgmodel-4242-k3j9x2ab.tmp``), so the next writer into the same folder
can tell one abandoned by a process that is gone from one that a running
process is still writing, and removes only the first.

A full disk is said in words: which file could not be written, how much
room it needed (as far as known) and how much there was.  A command that
made its output folder removes it again when it fails (:func:`output_folder`).

Examples
--------
>>> fd, tmp = temp_file(tmp_path, "nodes.csv")
>>> os.close(fd)
>>> tmp.name.startswith(f".nodes.csv.orgmodel-{os.getpid()}-"), tmp.name.endswith(".tmp")
(True, True)
>>> stale = tmp_path / ".nodes.csv.orgmodel-999999999-abcdefgh.tmp"
>>> _ = stale.write_text("left by a killed run")
>>> clean_stale(tmp_path)
1
>>> stale.exists(), tmp.exists()
(False, True)
"""
from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OrgModelError
from .i18n import N_, Figure, Message

__all__ = ["temp_file", "temp_dir", "clean_stale", "no_space", "output_folder", "DiskFullError",
           "os_error_words"]

#: A temporary name of this module: ``.NAME.orgmodel-PID-RANDOM.tmp``
#: (mkstemp's random part has no dots).
_TEMP = re.compile(r"^\..+\.orgmodel-(?P<pid>\d+)-[a-z0-9_]+\.tmp$")


class DiskFullError(OrgModelError, OSError):
    """A file could not be written: the device it goes to is full."""

    def __str__(self) -> str:
        return str(self.strerror)     # (not "[Errno 28] ...": the words say it)


def temp_file(folder, name: str) -> tuple[int, Path]:
    """An open temporary file for ``name`` in ``folder``: ``(fd, path)``."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.orgmodel-{os.getpid()}-",
                               suffix=".tmp")
    return fd, Path(tmp)


def temp_dir(folder, name: str) -> Path:
    """A new temporary folder for ``name`` in ``folder``."""
    return Path(tempfile.mkdtemp(dir=folder, prefix=f".{name}.orgmodel-{os.getpid()}-",
                                 suffix=".tmp"))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):     # gone, or never a process id
        return False
    except PermissionError:                         # another user's process
        return True
    return True


def clean_stale(folder) -> int:
    """Remove the temporary files and folders in ``folder`` that a process
    which no longer runs left behind; how many were removed.

    Only names this module makes are touched, and only when the process
    whose id they carry is gone (on this machine: a folder shared with
    another machine may hold a live writer's file whose id means nothing
    here, so such files are left alone unless that id is free here too).
    """
    folder = Path(folder)
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for entry in entries:
        m = _TEMP.match(entry.name)
        if not m or _alive(int(m.group("pid"))):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
        removed += 1
    return removed


def no_space(exc: OSError, target, need: int | None = None, tmp=None) -> OSError:
    """``exc`` as a :class:`DiskFullError` naming ``target`` and the room
    needed, when it is a full disk (or quota); ``exc`` itself otherwise.

    ``need``: the bytes the file needed, when known; else what the
    temporary file or folder ``tmp`` holds (what was written before the
    disk was full) is given as a lower bound.
    """
    if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
        return exc
    written = _bytes_in(Path(tmp)) if need is None and tmp is not None else 0
    if need is not None:
        needed = _size(need)
    elif written:
        needed = Message("more than the {size} written before the disk was full",
                         size=_size(written))
    else:
        needed = Message("more room than there was")
    return DiskFullError(errno.ENOSPC, Message(
        "{target}: not written, the disk is full (it needed {needed}); nothing of it was "
        "kept: make room and run again", target=target, needed=needed))


#: What the system says of a file, in words the reader's language has.
_OS_WORDS = {errno.ENOENT: N_("there is no such file or folder (nor, to write one, the folder "
                              "it goes in)"),
             errno.EACCES: N_("permission denied: the user running orgmodel may not read or "
                              "write there"),
             errno.EPERM: N_("permission denied: the user running orgmodel may not read or "
                             "write there"),
             errno.EROFS: N_("it is on a read-only file system"),
             errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
             errno.EISDIR: N_("is a folder, not a file"),
             # (a folder made where a file of that name is)
             errno.EEXIST: N_("is a file, where a folder is needed"),
             errno.ENAMETOOLONG: N_("the name is too long for the file system")}


def os_reason(exc: OSError) -> Message | str:
    """Why the system refused, without the path (said beside the file's
    name where a problem already names the file), in words the reader's
    language has where there are any.

    >>> import errno
    >>> os_reason(IsADirectoryError(errno.EISDIR, "Is a directory", "/srv/org.ttl"))
    'is a folder, not a file'
    """
    words = _OS_WORDS.get(exc.errno) if exc.errno is not None else None
    return Message(words) if words else str(exc.strerror or exc)


def os_error_words(exc: OSError) -> Message | None:
    """What a failed read or write says, naming the file the user gave
    (not the temporary file beside it that was being written), in words
    the reader's language has; None when the system's own words are all
    there is.

    >>> import errno
    >>> os_error_words(PermissionError(errno.EACCES, "Permission denied",
    ...                                "/srv/out/.report.md.orgmodel-42-ab12cd34.tmp"))
    '/srv/out/report.md: permission denied: the user running orgmodel may not read or write there'
    """
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) and not exc.filename:
        # (the output the command prints, redirected to a full disk)
        return Message("the output could not be written: the disk is full")
    words = _OS_WORDS.get(exc.errno) if exc.errno is not None else None
    if words is None or not exc.filename:
        return None
    path = Path(os.fsdecode(exc.filename))
    m = _TEMP.match(path.name)
    if m:
        path = path.with_name(path.name[1:m.start("pid") - len(".orgmodel-")])
    return Message("{path}: {reason}", path=str(path), reason=Message(words))


def _bytes_in(path: Path) -> int:
    """The size of a file, or of every file in a folder."""
    try:
        if path.is_dir():
            return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        return path.stat().st_size
    except OSError:
        return 0


def _size(n: float) -> Message:
    """``1234567`` → ``'1.2 MB'`` (in the reader's notation where it is shown).

    >>> _size(1234567), _size(12)
    ('1.2 MB', '12 bytes')
    """
    if n < 1024:
        return Message("{n} bytes", n=int(n))
    for unit in ("KB", "MB", "GB"):
        n /= 1024
        if n < 1024 or unit == "GB":
            break
    return Message("{n} {unit}", n=Figure(n, 1), unit=unit)


@contextlib.contextmanager
def output_folder(path) -> Iterator[Path]:
    """Make the folder ``path`` (and its missing parents) for a command's
    output, clear it of temporary files a killed run left, and remove what
    was made here if the command fails (a folder that was there stays, with
    what the command had not yet replaced in it)."""
    path = Path(path)
    made = None
    for parent in (path, *path.parents):
        if parent.exists():
            break
        made = parent
    path.mkdir(parents=True, exist_ok=True)
    clean_stale(path)
    try:
        yield path
    except BaseException:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
        raise


def replace_text(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` all or nothing: into a staged file beside
    it, which then replaces it."""
    data = text.encode("utf-8")
    fd, tmp = temp_file(target.parent, target.name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        raise no_space(exc, target, need=len(data)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
