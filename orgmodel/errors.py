"""The one exception family of orgmodel.

Every error the library raises on purpose is an :class:`OrgModelError`.  Where
the input is at fault the class also subclasses :class:`ValueError`, so code
that already catches ``ValueError`` keeps working.  A :class:`ValidationError`
carries *every* problem found in an organisation folder, each a
:class:`Problem` that names the file, the row and what is wrong in words a
policy advisor understands.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from .escape import breaks_shown

__all__ = [
    "OrgModelError",
    "Problem",
    "ValidationError",
    "UnknownRoleError",
    "DatabaseError",
    "InputError",
    "ConflictError",
]


class OrgModelError(Exception):
    """Base class of every error orgmodel raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an organisation folder.

    Attributes
    ----------
    file : str
        The file, relative to the organisation folder (``nodes.csv``).
    row : int or None
        The row as a spreadsheet shows it (the header is row 1), or the line
        of a YAML file; ``None`` when the problem is about the whole file.
    message : str
        What is wrong, in plain words.
    """

    file: str
    row: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, row {self.row}"
        return breaks_shown(f"{where}: {self.message}")

    def render(self, t) -> str:
        """The problem in the language of the translator ``t``
        (:func:`orgmodel.i18n.translator`), on one line: a line break a
        value of the data brings into it shown as ``⏎``, so that it cannot
        read as a problem of its own in a list of them.

        >>> from orgmodel.i18n import translator
        >>> Problem("nodes.csv", 3, "Post 'p\\n2' needs a sphere").render(translator("en"))
        "nodes.csv, row 3: Post 'p⏎2' needs a sphere"
        """
        # (a file may be named by a message: "register.xlsx, sheet nodes")
        where = t.format(self.file) if self.row is None else t("{file}, row {row}",
                                                               file=self.file, row=str(self.row))
        return breaks_shown(f"{where}: {t(self.message)}")

    def to_dict(self) -> dict:
        return asdict(self)


#: A ValidationError's message shows this many problems; ``problems`` holds all.
MAX_SHOWN = 50


class ValidationError(OrgModelError, ValueError):
    """An organisation folder (or graph) breaks the schema.

    ``problems`` holds every :class:`Problem` found, not only the first.
    """

    def __init__(self, problems, where: str = ""):
        # Kept in the order given: validation lists the real cause first.
        self.problems = list(problems)
        self.where = where
        head = f"{where}: " if where else ""
        count = len(self.problems)
        lines = [f"{head}{count} problem{'s' if count != 1 else ''} found"]
        lines += [f"  {p}" for p in self.problems[:MAX_SHOWN]]
        # (`validate --format csv` lists them all for a folder; an import's
        # file is not one)
        self.folder = bool(where) and Path(str(where)).is_dir()
        if count > MAX_SHOWN:
            lines.append(f"  ... and {count - MAX_SHOWN} more" + (
                " (orgmodel validate --format csv lists them all)" if self.folder else ""))
        super().__init__("\n".join(lines))

    def render(self, t) -> str:
        """The error in the language of the translator ``t``: the count, and
        each problem (the first :data:`MAX_SHOWN`)."""
        head = f"{self.where}: " if self.where else ""
        count = len(self.problems)
        lines = [head + (t("1 problem found") if count == 1 else
                         t("{n} problems found", n=count))]
        lines += [f"  {p.render(t)}" for p in self.problems[:MAX_SHOWN]]
        if count > MAX_SHOWN:
            lines.append("  " + (t("... and {n} more (orgmodel validate --format csv lists them "
                                   "all)", n=count - MAX_SHOWN) if self.folder else
                                 t("... and {n} more", n=count - MAX_SHOWN)))
        return "\n".join(lines)


class UnknownRoleError(OrgModelError, ValueError):
    """A role name or id matches no role, or more than one.

    ``candidates``: ``(id, name)`` of the roles it may mean; ``message``:
    what to say (the model says it in words a translator knows, see
    :meth:`orgmodel.OrgModel.find_role`), by default that no role matches.
    """

    def __init__(self, query: str, candidates, ambiguous: bool = False, message=None):
        self.query = query
        self.candidates = list(candidates)
        self.ambiguous = ambiguous
        super().__init__(message if message is not None else f"no role matches '{query}'")


class InputError(OrgModelError, ValueError):
    """A value given to orgmodel cannot be used: a date that is no date, an
    unknown choice (``span_of_control(by="x")``), text where a number belongs.

    >>> try:
    ...     orgmodel.span_of_control(sample, by="x")
    ... except orgmodel.OrgModelError as err:
    ...     print(type(err).__name__, err)
    InputError span by 'x': use posts, people or fte
    """


class DatabaseError(OrgModelError):
    """The Neo4j server cannot be reached or refuses the request."""


class ConflictError(DatabaseError):
    """A push refused because the shared model changed since it was pulled, in
    the same places: ``conflicts`` lists them as ``(what, key, ours, theirs)``."""

    def __init__(self, message: str, conflicts: list | None = None):
        super().__init__(message)
        self.conflicts = list(conflicts or [])
