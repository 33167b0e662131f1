"""Drafts of the web app: named what-ifs, kept beside the model until applied.

A draft holds the version it was started from (its *base*), who started it,
and its changes in :mod:`orgmodel.whatif`'s vocabulary (``close``, ``move``,
``add``, ``rename``, ``move_mandate``, ``move_commission`` ...).  Each change
is checked when it is added: a change the model refuses (an unknown post, a
line in a circle) is refused with the model's own message, and the draft
stays as it was.  Drafts live in ``.orgmodel-drafts/`` (one JSON file each,
written all or nothing), so they survive a restart.

Examples
--------
>>> book = Drafts(tmp_path)
>>> d = book.create("Merge finance", author="anna", base=0)
>>> book.add_change("Merge finance", {"close": "tm"}, sample)["changes"]
[{'close': 'tm'}]
>>> book.model(book.get("Merge finance"), sample).graph.has_node("tm")
False
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from .errors import InputError
from .i18n import Message
from .model import OrgModel

__all__ = ["Drafts", "DRAFTS_DIR"]

DRAFTS_DIR = ".orgmodel-drafts"
_NAME = re.compile(r"^[\w .-]{1,60}$")


def _slug(name: str) -> str:
    return re.sub(r"[^\w.-]", "_", name.strip())


class Drafts:
    """The drafts kept in ``home/.orgmodel-drafts``."""

    def __init__(self, home):
        self.dir = Path(home) / DRAFTS_DIR
        #: ``(key, base model, model)`` of the draft last worked out (its name,
        #: base version and changes): the page shown right after an edit is
        #: that model, which the edit has just made and checked (at 100,000
        #: roles a copy and its checks, half a second).  Any other draft, a
        #: changed one or another base model is worked out anew.
        self.last: tuple | None = None

    def _path(self, name: str) -> Path:
        return self.dir / f"{_slug(name)}.json"

    def names(self) -> list:
        if not self.dir.is_dir():
            return []
        return sorted(json.loads(p.read_text(encoding="utf-8"))["name"]
                      for p in self.dir.glob("*.json"))

    def get(self, name: str) -> dict:
        # (a name no draft can have is none, not a path to look up: a name
        # of 5,000 letters was the file system's "File name too long")
        if not _NAME.match(name.strip()):
            raise InputError(Message("no draft named '{name}'", name=name[:80]))
        path = self._path(name)
        if not path.is_file():
            raise InputError(Message("no draft named '{name}'", name=name))
        return json.loads(path.read_text(encoding="utf-8"))

    def _write(self, draft: dict) -> dict:
        from ._staging import replace_text
        self.dir.mkdir(exist_ok=True)
        replace_text(self._path(draft["name"]), json.dumps(draft, ensure_ascii=False, indent=1))
        return draft

    def create(self, name: str, author: str, base: int) -> dict:
        name = (name or "").strip()
        if not _NAME.match(name):
            raise InputError(Message("a draft's name is 1 to 60 letters, digits, spaces, '.', "
                                     "'-' or '_'"))
        if self._path(name).exists():
            other = json.loads(self._path(name).read_text(encoding="utf-8"))["name"]
            if other != name:       # ('a b' and 'a_b' are kept in one file)
                raise InputError(Message(
                    "there is a draft named '{other}' already, and a space and '_' are one in "
                    "a draft's name: choose another name", other=other))
            raise InputError(Message("there is a draft named '{name}' already", name=name))
        return self._write({"name": name, "author": author, "base": base, "changes": [],
                            "created": dt.datetime.now(dt.timezone.utc).isoformat(
                                timespec="seconds")})

    def model(self, draft: dict, base_model: OrgModel) -> OrgModel:
        """The draft's model: its changes made on ``base_model`` (its base
        version).  Shared with the next call for the same draft: not to be
        changed."""
        from .whatif import apply
        key = (draft["name"], draft["base"],
               json.dumps(draft["changes"], sort_keys=True, default=str))
        if self.last is not None and self.last[0] == key and self.last[1] is base_model:
            return self.last[2]
        model = apply(base_model, draft["changes"])
        self.last = (key, base_model, model)
        return model

    def add_change(self, name: str, change: dict, base_model: OrgModel) -> dict:
        """Add one change, when the model takes it (else its message, nothing kept)."""
        draft = self.get(name)
        trial = {**draft, "changes": draft["changes"] + [change]}
        self.model(trial, base_model)          # raises with the model's own message
        return self._write(trial)

    def remove_change(self, name: str, index: int) -> dict:
        draft = self.get(name)
        if not 0 <= index < len(draft["changes"]):
            raise InputError(Message("draft '{name}' has no change {n}", name=name, n=index + 1))
        del draft["changes"][index]
        return self._write(draft)

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)
