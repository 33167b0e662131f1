"""The state one import of a posts file builds, seen by each of its stages
(:mod:`._columns` reads the table and finds its columns,
:mod:`orgmodel.formats.posts` builds the posts, :mod:`._holders` their
holders, :mod:`._line` their line); what it decides,
as its log (:class:`ImportLog`, the import's ``IMPORT.md``); and the
helpers each stage uses: a cell's text, an FTE as this file writes it, a
row's citation, a column's name as the file writes it, a text in the
organisation's own words."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ..errors import Problem
from ..i18n import N_, Figure, Listing, Message, Sentence, count, translator
from ._fte import read_fte

if TYPE_CHECKING:  # names in annotations only
    from pathlib import Path

    from ._presets import Columns, Preset
    from ._words import HolderWords

__all__ = ["ImportState", "ImportLog", "cell", "first_and_count"]


def cell(row, column) -> str:
    """The text of ``row``'s cell in ``column`` (none: empty), stripped.

    >>> cell({"fte": " 0,8 "}, "fte"), cell({"fte": None}, "fte"), cell({}, None)
    ('0,8', '', '')
    """
    return (row.get(column) or "").strip() if column else ""


#: The count a line of the log gives beside its first example (see
#: :func:`first_and_count`), by the name it has in the line.
_COUNTED = {"lines": (N_("{n} line"), N_("{n} lines")), "cells": (N_("{n} cell"), N_("{n} cells")),
            "rows": (N_("{n} row"), N_("{n} rows"))}


def first_and_count(text: str, examples: list, counted: str) -> Message:
    """A reading made of several cells, said once (``text``): its first
    example as ``{v}``, and how many as ``{lines}``, ``{cells}`` or ``{rows}``
    (``counted``).

    >>> str(first_and_count("read '{v}' ({cells})", ["a", "b"], "cells"))
    "read 'a' (2 cells)"
    """
    one, many = _COUNTED[counted]
    return Message(text, {"v": examples[0], counted: count(len(examples), one, many)})


#: The log's line of holders not named, in a format whose schema asks for a
#: name or a word (the Cabinet Office's ``N/D``, which publishers also write
#: as ``Redacted`` or ``Withheld``).
_UNDISCLOSED = N_("- Holders whose name is not disclosed (N/D, Redacted, Withheld ... or "
                  "empty): {undisclosed}.")


@dataclass
class ImportLog:
    """What the import found in the files and what it decided."""

    files: list = field(default_factory=list)
    posts: int = 0
    rows: int = 0
    tops: list = field(default_factory=list)             # (post id, title)
    placeholders: list = field(default_factory=list)     # (post id, title)
    vacancies: list = field(default_factory=list)        # post ids
    undisclosed: int = 0
    empty_undisclosed: bool = False     # an empty holder cell counted among them
    hired: int = 0              # of the undisclosed: hired, not named (Inhuur, Interim)
    job_shares: list = field(default_factory=list)       # (post id, rows, fte)
    #: (post id, rows) of posts whose rows' holders held them one after another
    successions: list = field(default_factory=list)
    #: (post id, rows, rows held) of posts some of whose rows' holders left
    #: before the file's date, or start after it
    held_on_date: list = field(default_factory=list)
    #: (post id, rows, fte) of posts held on some rows and vacant on others
    partly_vacant: list = field(default_factory=list)
    split_ids: list = field(default_factory=list)        # (raw id, [new ids])
    external: list = field(default_factory=list)         # (superior id, rows)
    people_on_several_posts: list = field(default_factory=list)  # (name, post ids)
    staff_rows: int = 0
    staff_groups: int = 0
    staff_fte: float = 0.0
    units: int = 0
    skipped: list = field(default_factory=list)          # (file, row, why)
    cells: list = field(default_factory=list)            # (file, row, why): row kept
    columns: list = field(default_factory=list)          # (what, column read for it)
    unread_columns: list = field(default_factory=list)   # columns with values not read
    headers: dict = field(default_factory=dict)          # column -> as the file writes it
    eliminated: list = field(default_factory=list)       # (file, row) of posts marked gone
    left_out_fte: float = 0.0                            # FTE of the rows left out
    decisions: list = field(default_factory=list)        # free sentences

    def warnings(self) -> list:
        """What the import could not use, as problems (file, row, why): the
        rows left out (a post marked eliminated is not one: it is gone) and
        the cells not used; ``--strict`` refuses an import that has any."""
        gone = set(self.eliminated)
        return [Problem(f, r, why) for f, r, why in self.skipped if (f, r) not in gone] + \
            [Problem(f, r, why) for f, r, why in self.cells]

    def counts(self) -> dict:
        """What the organisation's ``org.yaml`` keeps of the import (``import:``),
        for the report's summary."""
        return {"log": "IMPORT.md", "rows_read": self.rows + self.staff_rows,
                "rows_left_out": len(self.skipped) - len(self.eliminated),
                "fte_left_out": round(self.left_out_fte, 6),
                "posts_eliminated": len(self.eliminated), "cells_not_used": len(self.cells)}

    def lines(self) -> list:
        """The log as Markdown lines, for the terminal and ``IMPORT.md``."""
        return [*self._read_lines(), *self._holder_lines(), *self._post_lines(),
                *self._rest_lines()]

    def _read_lines(self) -> list:
        """The log's head: the columns read and not, the rows, posts and
        units read, the tops and the vacancies."""
        out = [Message("# Import of {v}", v=', '.join(self.files)), ""]
        # (each column as the file writes it: what the user gives again)
        shown = self.headers.get
        if self.columns:
            out.append(Message("- Columns read: {columns}.", columns=Listing("; ", [
                Message("{what} from '{c}'", what=Message(what), c=shown(c, c))
                for what, c in self.columns])))
        if self.unread_columns:
            out.append(Message(
                "- Columns not read: {columns} (a column that holds what orgmodel reads under "
                "another name is given with --id, --reports-to, --title, --holder, --unit, --fte, "
                "--hours or --grade).",
                columns=", ".join(f"'{shown(c, c)}'" for c in self.unread_columns)))
        out += [Message("- {rows} read: {posts}, {units}.",
                        rows=count(self.rows, N_("{n} row"), N_("{n} rows")),
                        posts=count(self.posts, N_("{n} post"), N_("{n} posts")),
                        units=count(self.units, N_("{n} unit"), N_("{n} units"))),
               Message("- Tops ({n}): {tops}.", n=len(self.tops),
                       tops=", ".join(f"{i} ({t})" for i, t in self.tops) or Message("none"))]
        if self.placeholders:
            out.append(Message("- Placeholder top posts (named after the organisation; not a "
                               "post, not a layer): {v}.",
                               v=", ".join(f"{i} ({t})" for i, t in self.placeholders)))
        out.append(Message("- Vacant posts: {v}", v=len(self.vacancies))
                   + (f" ({', '.join(self.vacancies[:20])}"
                      + (" …" if len(self.vacancies) > 20 else "") + ")" if self.vacancies
                      else "") + ".")
        return out

    def _holder_lines(self) -> list:
        """The holders whose name is not given, and those hired."""
        out = []
        unnamed = _UNDISCLOSED if self.empty_undisclosed else \
            N_("- Holders whose name is not given (N/D, N.N., onbekend ...): {undisclosed}.")
        out.append(Message(unnamed, undisclosed=self.undisclosed))
        if self.hired:
            out.append(Message(
                "- Of them hired and not named ('Inhuur', 'Interim', 'Extern' ...: a person "
                "each, not one person of that name): {n}.", n=self.hired))
        return out

    def _post_lines(self) -> list:
        """The posts on several rows: job shares, holders one after another
        or on the file's date, partly vacant, ids reused."""
        out = []
        out.append(Message(
            "- Job shares (one post id on several rows alike): {v}",
            v=len(self.job_shares))
                   # (a Listing, not str.join: each part stays translatable)
                   + Listing("", [Message(N_("; {i} on rows {v}, FTE not given") if f is None
                                          else N_("; {i} on rows {v}, {f} FTE"),
                                          i=i, v=', '.join(map(str, r)), f=f)
                                  for i, r, f in self.job_shares]) + ".")
        if self.successions:
            out.append(Message(
                "- Posts held one after another on several rows (each holder's period ends "
                "before the next one's starts): {v}, not job shares; the post's FTE is its "
                "latest row's, not summed: {posts}.", v=len(self.successions), posts=Listing(
                    "; ", [Message("{i} on rows {v}", i=i, v=", ".join(map(str, r)))
                           for i, r in self.successions[:10]]
                    + (["…"] if len(self.successions) > 10 else []))))
        if self.held_on_date:
            out.append(Message(
                "- Posts on several rows some of whose holders left before the file's date, or "
                "start after it: {v}, not job shares; the post's FTE is that of the rows held on "
                "that date, not every row's summed: {posts}.", v=len(self.held_on_date),
                posts=Listing("; ", [Message("{i} on rows {v} (held: {h})", i=i,
                                             v=", ".join(map(str, r)), h=", ".join(map(str, h)))
                                     for i, r, h in self.held_on_date[:10]]
                              + (["…"] if len(self.held_on_date) > 10 else []))))
        if self.partly_vacant:
            out.append(Message(
                "- Posts held on some rows and vacant on others: {v}. Each is held, and its "
                "vacant part (vacant_fte) is counted as vacant in the formation: the vacant "
                "rows' FTE, or, beside a column of the holders' own FTE, the post's FTE past "
                "its holders'; where the file does not give that part (a vacant row without "
                "an FTE, a holder's own FTE not given), the post is counted as held with its "
                "whole FTE. Its note names the vacant rows.", v=Listing("; ", [
                    Message("{i} (vacant on row {r}, {f} FTE)", i=i, r=", ".join(map(str, r)),
                            f=f) if part else
                    Message("{i} (vacant on row {r}, {f} FTE; counted as held)", i=i,
                            r=", ".join(map(str, r)), f=f)
                    for i, r, f, part in self.partly_vacant])))
        if self.split_ids:
            out.append(Message("- Post ids reused for different posts (--split-reused-ids: each "
                               "row its own post, lines to the id left out): {v}.",
                               v="; ".join(f"{i} → {', '.join(n)}" for i, n in self.split_ids)))
        return out

    def _rest_lines(self) -> list:
        """Superiors outside the file, people on several posts, the junior
        staff, the decisions, and the rows and cells not used."""
        out = []
        out.append(Message(
            "- Superiors not in the file (external roles): {v}",
            v=len(self.external))
                   + Listing("", [Message(N_("; {s} (rows {r})") if len(r) > 1 else
                                          N_("; {s} (row {r})"), s=s, r=", ".join(map(str, r)))
                                  for s, r in self.external])
                   + ".")
        if self.people_on_several_posts:
            out.append(Message("- One name on several posts (read as one person): {v}.",
                               v="; ".join(f"{n}: {', '.join(p)}" for n, p in
                                           self.people_on_several_posts)))
        if self.staff_rows:
            out.append(Message(
                "- Junior staff: {rows} as {groups} under their senior posts, {staff_fte} FTE.",
                rows=count(self.staff_rows, N_("{n} row"), N_("{n} rows")),
                groups=count(self.staff_groups, N_("{n} staff group"), N_("{n} staff groups")),
                staff_fte=self.staff_fte))
        # (a decision is a Message: said in the log's language, not made text here)
        out += [Message("- {decision}", decision=Sentence(d)) for d in self.decisions]
        out.append(Message("- Rows not used: {v}", v=len(self.skipped))
                   + ("" if not self.skipped else ":"))
        out += listed(self.skipped)
        if self.cells:
            out.append(Message("- Cells not used (the row is kept): {v}:", v=len(self.cells)))
            out += listed(self.cells)
        return out


def listed(rows: list) -> list:
    """The log's lines of rows left out (or cells not used), ``(file, row,
    why)`` each: one line per row, but a run of rows one after another left
    out for the same reason (a template's empty rows, a block of notes) is
    one line naming its rows.

    >>> [str(m) for m in listed([("f.csv", 3, "x"), ("f.csv", 4, "x"), ("f.csv", 6, "x")])]
    ['  - f.csv, rows 3–4: x', '  - f.csv, row 6: x']
    """
    runs: list = []
    for f, r, why in rows:
        last = runs[-1] if runs else None
        if last and last[0] == f and isinstance(r, int) and last[1][-1] == r - 1 and \
                str(last[2]) == str(why):
            last[1].append(r)
        else:
            runs.append((f, [r], why))
    return [Message("  - {f}, row {r}: {why}", f=f, r=r[0], why=why) if len(r) == 1 else
            Message("  - {f}, rows {rows}: {why}", f=f, rows="–".join(map(str, (r[0], r[-1]))),
                    why=why)
            for f, r, why in runs]


class ImportState:
    """What one import has read and built so far, as its stages share it
    (made by :class:`orgmodel.formats.posts._Import`; the names below are
    its attributes the stages of other modules read and write)."""

    path: Path
    preset: Preset
    cols: Columns
    label: Any                      # the file's name (and sheet) in messages
    org_name: str                   # the organisation the files are of
    log: ImportLog
    rule: str                       # an unknown superior: "error" or "external"
    nodes: list[dict]
    edges: list[dict]
    posts: dict[str, list]          # post id -> [(row, cells, holder)]
    rows: dict                      # raw id -> its rows
    by_raw: dict[str, str]          # raw id -> post id (when unambiguous)
    folded: dict                    # an id in capitals -> the post id
    people: dict[str, tuple[str, list]]     # name -> (person id, [posts])
    person_name: dict               # person id -> the name its first cell writes
    written_otherwise: dict         # person id -> the other ways its cells write the name
    person_ids: set[str]
    line_sup: dict[str, str]        # post -> its one superior
    line_rows: dict[str, int]
    external: dict[str, list]
    unknown: list
    held_by: dict | None
    key_name: Any
    by_name: int
    shared_keys: list               # (post, superior's cell, [posts], row) of a shared key
    by_unit: list                   # superiors' cells read by the post's unit
    units: dict[str, str]           # unit id -> its name (a path of names)
    with_title: list
    with_holder: list
    name_forms: dict                # how a manager's name was written -> [cells]
    untitled: dict | None           # holders' names without titles -> posts
    tails: dict | None              # the ends of holders' names -> (words before, name)
    decimal_ids: list
    several_holders: list
    empty_holders: list
    no_unit: list                   # posts whose unit cells are empty
    periods: list                   # (post, its dates) of each holder given a date
    no_dates: dict                  # date column -> its cells that say there is none
    date_orders: dict               # date column -> how it writes a date of numbers
    occupied: dict                  # posts their occupied FTE read (see occupancy)
    and_in_holder: list
    shared_holder_ftes: list
    words: HolderWords              # what a holder's cell says by the preset's words
    jcols: Columns                  # the junior-staff file's
    asked: set                      # the columns the user named (must be there)
    line: bool                      # False: the file gives no reporting lines
    row_ids: bool                   # True: the file gives no post ids (rows are)
    unit_headings: bool             # True: a heading row names its posts' unit
    fill_ditto: bool                # True: a ditto mark is the cell above it
    sup_by_id: bool                 # True: the superior column gives post ids
    df: Any                         # the file's table (a DataFrame of text cells)
    c_check: str | None             # the column of the file's own check (Valid?)
    c_id: str | None                # the columns of what the file gives ...
    c_sup: str | None
    c_second: str | None            # a second superior's (--second-line)
    c_roles: str | None             # the roles a post plays (--roles)
    c_title: str | None
    c_holder: str | None
    c_name_parts: list
    c_holder_fte: str | None
    c_unit: str | None
    c_units: list                   # the columns of a unit's levels, widest first
    c_path: str | None              # the unit column read as paths
    path_sep: str                   # between the parts of its paths
    c_fte: str | None
    c_grade: str | None
    c_org: str | None
    c_cost: str | None
    c_start: str | None
    c_end: str | None
    locale: str | None
    language: str
    citations: tuple
    week: float | None
    #: the file's date (ISO text), when known before the posts are read
    on: str | None
    hours: bool
    percent: bool
    sources: dict                   # org.yaml's sources: the files cited
    eliminated: dict[str, str]      # a gone post's id -> its superior's
    #: a cell of several FTE, each holder's share (see posts._Import.shares)
    shares: Callable[..., Any]
    #: the id of a unit, made on first sight (see posts._Import.unit_of)
    unit_of: Callable[..., Any]

    def fte(self, text: str, one_post: bool = True, holders: int = 1):
        """A cell of the FTE column as :func:`read_fte` reads it in this file."""
        return read_fte(text, self.locale, one_post, self.week, self.hours, self.percent, holders)

    def in_own_words(self, message) -> str:
        """A text orgmodel writes into the data (a placeholder's name, a
        note) in the organisation's language: Dutch for a Dutch export, as
        its report and chart are (the language is its org.yaml's)."""
        return translator(self.language)(message)

    def figures(self, **values) -> dict:
        """Numbers for :meth:`in_own_words`: in Dutch notation for a Dutch
        export, as plain as Python writes them otherwise (``1234.5``)."""
        if self.language == "nl":
            return {k: Figure(v) if isinstance(v, float) else v for k, v in values.items()}
        return {k: format(v, "g") if isinstance(v, float) else str(v) for k, v in values.items()}

    def shown(self, column: str) -> str:
        """A column's name as the file writes it (``Uren per week``, not the
        ``uren_per_week`` it is read under)."""
        return self.log.headers.get(column, column)

    def cite(self, rows, src="posts") -> str:
        """The citation of a row (or of rows, ``3, 5``) of the file ``src``
        (a source of ``org.yaml``), in the organisation's language: ``posts
        line 12``, ``functies regel 12``."""
        many = isinstance(rows, (list, tuple)) and len(rows) > 1
        text = ", ".join(map(str, rows)) if isinstance(rows, (list, tuple)) else rows
        return (self.citations[1] if many else self.citations[0]).format(
            src=self.source_key(src), rows=text)

    def source_key(self, src: str) -> str:
        """The key under which ``org.yaml`` declares the file ``src`` (posts,
        junior), in the organisation's language: a Dutch report lists its
        sources and cites their rows in Dutch (``functies regel 12``)."""
        return _SOURCE_KEYS.get(src, src) if self.language == "nl" else src

    def declared_sources(self) -> dict:
        """``org.yaml``'s sources: each file read, by its key (see
        :meth:`source_key`)."""
        return {self.source_key(k): v for k, v in self.sources.items()}


#: The keys of an import's files in a Dutch organisation's ``org.yaml``.
_SOURCE_KEYS = {"posts": "functies", "junior": "medewerkers"}
