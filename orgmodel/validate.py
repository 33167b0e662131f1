"""Validation: does an organisation folder keep the graph contract?

Second stage of the pipeline.  :func:`validate_folder` reports *every*
problem at once, each with file, row and a plain message; nothing is built
from a folder that has any.  :func:`orgmodel.revalidate.validate_graph`
applies the same checks to a graph built in code (a notebook, the database,
the synthesiser), by writing it out as the same tables first, so there is one
set of rules, not two.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import itertools
import operator
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from . import schema
from ._order import sinks_first
from .errors import InputError, Problem
from .escape import LINE_BREAK, breaks_shown
from .i18n import N_, Column, Listing, Message, said, translator
from .notation import (
    LOCALES,
    NO_CEILING,
    flow_text,
    iso_date,
    number_text,
    parse_ceiling,
    parse_date,
    parse_number,
    says_no_ceiling,
)
from .read import EDGES, MANIFEST, NODES, RawOrg, read_folder

if TYPE_CHECKING:  # names in annotations only
    from ._types import PathLike


#: The optional modules jsonschema's format checkers import when present.
#: orgmodel's schema checks no string ``format``, and importing them is most of
#: a command's start-up: rfc3987_syntax compiles a grammar (1.9 s), isoduration
#: pulls in arrow (50 ms), the rest some 50 ms more.
_FORMAT_PLUGINS = ("rfc3987_syntax", "rfc3987", "isoduration", "webcolors", "rfc3986_validator",
                   "rfc3339_validator", "fqdn", "idna", "jsonpointer", "uri_template")


def _import_jsonschema():
    """jsonschema, without its format plugins.

    Each plugin is kept out of this one import (jsonschema skips a module it
    cannot import) and put back after it, so a later import elsewhere finds it.
    """
    hidden = [m for m in _FORMAT_PLUGINS if m not in sys.modules]
    for m in hidden:
        sys.modules[m] = None
    try:
        import jsonschema
    finally:
        for m in hidden:
            del sys.modules[m]
    return jsonschema


__all__ = ["validate_folder", "validate_tables", "parse_fte", "parse_bool", "parse_cell"]

# (ASCII digits only: float() also takes "١"; grouped thousands allowed, as
# the locale reads them)
_NUM = r"[0-9]+(?:[.,][0-9]+)*"
_FTE = re.compile(rf"^\s*({_NUM})\s*(?:[-–]\s*({_NUM}))?\s*$")
# (WAAR and ONWAAR: what a Dutch Excel writes of a true/false cell in the
# CSV it saves)
_TRUE = {"true", "yes", "ja", "1", "y", "x", "waar"}
_FALSE = {"false", "no", "nee", "0", "n", "", "onwaar"}


def parse_fte(text: str, locale: str | None = None):
    """Parse an FTE cell such as ``"2-3"``, ``"1"`` or ``"0,5"``.

    Each number is read under ``locale`` (see :mod:`orgmodel.notation`).

    Returns
    -------
    tuple of float
        ``(fte_min, fte_max)``.

    Raises
    ------
    InputError
        When the text is not a number or a range, or the range is inverted.

    Examples
    --------
    >>> parse_fte("2-3"), parse_fte("1"), parse_fte("0,5"), parse_fte("0,5-1", "nl")
    ((2.0, 3.0), (1.0, 1.0), (0.5, 0.5), (0.5, 1.0))
    >>> parse_fte("3-2")
    Traceback (most recent call last):
    ...
    orgmodel.errors.InputError: FTE range '3-2' is inverted: the first number must be the smaller
    >>> parse_fte("-0.5")
    Traceback (most recent call last):
    ...
    orgmodel.errors.InputError: FTE '-0.5' is negative: an FTE is 0 or more
    """
    m = _FTE.match(text)
    if not m and _FTE.match(text.strip().removeprefix("-")):
        raise InputError(Message("FTE '{text_}' is negative: an FTE is 0 or more", text_=text))
    if not m:
        raise InputError(Message(
            "FTE '{text_}' is not a number or a range like '2-3'",
            text_=text))
    try:
        lo = parse_number(m.group(1), locale)
        hi = parse_number(m.group(2), locale) if m.group(2) else lo
    except InputError as exc:
        raise InputError(Message("FTE {exc}", exc=said(exc))) from None
    if hi < lo:
        raise InputError(Message(
            "FTE range '{text_}' is inverted: the first number must be the smaller",
            text_=text))
    return lo, hi


def parse_bool(text: str) -> bool:
    """A yes or no as a cell writes it.

    >>> parse_bool("ja"), parse_bool("ONWAAR"), parse_bool("TRUE")
    (True, False, True)
    """
    t = text.strip().lower()
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    raise InputError(Message("'{text_}' is not yes/no (write yes or no, or true or false)",
                             text_=text))


_NOT_FINITE = {"nan", "inf", "-inf", "+inf", "infinity", "-infinity"}


def _fte_number(column: str, text: str, locale: str | None) -> float:
    """A cell of an FTE given as one number (``vacant_fte``), not a range."""
    try:
        lo, hi = parse_fte(text, locale)
    except InputError:
        raise InputError(Message("{column} '{text_}' is not a number",
                                 column=column, text_=text)) from None
    if lo != hi:
        raise InputError(Message("{column} '{text_}' is a range: give the part as one number",
                                 column=column, text_=text))
    return lo


def parse_cell(column: str, text: str, locale: str | None = None):
    """Convert one non-empty cell to the type its column holds; numbers and
    dates are read under ``locale`` (see :mod:`orgmodel.notation`).

    >>> parse_cell("ceiling", "25.000", "nl"), parse_cell("valid_from", "1-7-2026", "nl")
    (25000.0, '2026-07-01')
    >>> parse_cell("ceiling", "onbeperkt")     # (stated: no ceiling; an empty cell records none)
    'none'
    """
    if column in schema.BOOL_COLUMNS:
        return parse_bool(text)
    if column == "ceiling" and says_no_ceiling(text):
        return NO_CEILING
    if column in schema.FLOAT_COLUMNS:
        if text.strip().lower() in _NOT_FINITE:
            raise InputError(Message(
                "{column} '{text_}' is not a finite number",
                column=column, text_=text))
        try:
            value = (parse_ceiling(text, locale) if column == "ceiling" else
                     parse_number(text, locale, amount=True))
        except InputError as exc:
            raise InputError(Message(
                "{column} {exc}",
                column=column, exc=said(exc))) from None
        if value < 0:
            raise InputError(Message(
                "{column} '{text_}' is negative: an amount is 0 or more",
                column=column, text_=text))
        return value
    if column in schema.FTE_COLUMNS:
        return _fte_number(column, text, locale)
    if column in schema.INT_COLUMNS:
        try:
            value = parse_number(text, locale)
        except InputError:
            raise InputError(Message(
                "{column} '{text_}' is not a whole number",
                column=column, text_=text)) from None
        if not value.is_integer() or value < 0:
            raise InputError(Message(
                "{column} '{text_}' is not a whole number of 0 or more",
                column=column, text_=text))
        return int(value)
    if column in schema.DATE_COLUMNS:
        try:
            return parse_date(text, locale)
        except InputError as exc:
            raise InputError(Message(
                "{column} {exc}",
                column=column, exc=said(exc))) from None
    if column in schema.LIST_COLUMNS:
        return [p.strip() for p in text.split(";") if p.strip()]
    return text


_SPACE = re.compile(r"\s+")
#: A key org.yaml may declare (a power, criterion, capacity).
_KEY = re.compile(schema.VOCABULARY_KEY)


def _closest(word, options):
    """The option ``word`` may mean, as a hint: the same but for case or a
    region (``NL``, ``nl_NL`` for ``nl``), a language's name for its code
    (``Dutch``, ``Nederlands``), else the closest spelling.

    >>> [str(_closest(w, ["nl", "en"])) for w in ("NL", "nl_NL", "Nederlands", "english")]
    ["; write it 'nl'", "; write it 'nl'", "; write it 'nl'", "; write it 'en'"]
    >>> str(_closest("poost", ["post", "role"])), _closest("zzz", ["post"])
    (" (did you mean 'post'?)", '')
    """
    options = list(options)
    by_fold = {o.casefold(): o for o in options}
    folded = word.strip().casefold()
    for key in (folded, re.split(r"[_-]", folded)[0], _LANGUAGE_NAMES.get(folded)):
        if key in by_fold:
            return Message("; write it '{near}'", near=by_fold[key])
    near = difflib.get_close_matches(word, options, n=1)
    return Message(" (did you mean '{near}'?)", near=near[0]) if near else ""


#: A language's name, as one may write it where its code is asked for.
_LANGUAGE_NAMES = {"dutch": "nl", "nederlands": "nl", "nederland": "nl", "english": "en",
                   "engels": "en"}


def _fold(name: str) -> str:
    """A Dutch word as its tables are looked up: no case, spaces, ``_`` or ``-``."""
    return re.sub(r"[\s_()-]+", "", name.casefold())


def _kind_meant(word: str, known) -> Message | str:
    """The kind ``word`` may mean: its Dutch name (:data:`schema.DUTCH_KINDS`),
    else the closest spelling."""
    meant = schema.DUTCH_KINDS.get(_fold(word))
    if meant in known:
        return Message(" ('{word}' is '{meant}' in orgmodel's data)", word=word, meant=meant)
    return _closest(word, known)


def _check_columns(df, file, required, known: frozenset, problems) -> bool:
    """The table has the ``required`` columns, each once, and no column that
    may be meant for one of ``known`` it lacks (:func:`_meant_columns`);
    whether its rows can be checked."""
    header_row = df.attrs.get("header_row", 1)
    meant = _meant_columns(df, known)
    missing = [c for c in required if c not in df.columns]
    if missing:
        hints = [Message(" (column '{name}' may be meant for '{c}': rename it)", name=name, c=c)
                 for name, c in meant.items() if c in missing]
        problems.append(Problem(file, header_row, Message(
            N_("missing required column: {v2}") if len(missing) == 1 else
            N_("missing required columns: {v2}"), v2=', '.join(missing)) + Listing("", hints)))
    for name, c in meant.items():
        if c not in missing:
            problems.append(Problem(file, header_row, Message(
                "column '{name}' is not one orgmodel reads, and the table has no column "
                "'{meant}', which it may be meant for: rename it '{meant}', or, for an "
                "attribute of your own, give it a name further from it", name=name, meant=c)))
    _say_columns_needed(df, file, known - set(meant.values()), problems)
    dupes = sorted({c for c in df.columns if list(df.columns).count(c) > 1})
    if dupes:
        problems.append(Problem(file, header_row, Message(
            "column named twice: {v}", v=', '.join(dupes))))
    return not missing and not dupes


def _meant_columns(df, known: frozenset) -> dict:
    """``{column as the file writes it: the column of orgmodel's it may be
    meant for}``: a column orgmodel does not read, named near one it does
    that the table lacks (``sourse``, ``valid_form``) or by its Dutch name
    as orgmodel's Dutch tables give it (``bron``, ``naam``).  Its cells
    would otherwise be kept as an attribute of the user's own, and the
    column meant read as empty, in silence; which is meant, orgmodel does
    not guess."""
    unread = [c for c in df.columns if c not in known]
    if not unread:
        return {}
    # (the Dutch catalogue read only then: 65 ms of every command otherwise)
    nl = translator("nl")
    dutch = {_fold(nl.column(c)): c for c in known}
    absent = sorted(set(known) - set(df.columns))
    shown = df.attrs.get("headers", {})
    meant: dict = {}
    for name in unread:
        by_dutch = dutch.get(_fold(name))
        near = [by_dutch] if by_dutch in absent else [
            c for c in difflib.get_close_matches(name, absent, n=1, cutoff=0.8)
            if not _other_language(name, c)]
        if near and near[0] not in meant.values():
            meant[shown.get(name, name)] = near[0]
    return meant


def _other_language(name: str, column: str) -> bool:
    """Whether ``name`` is ``column`` in another language (``note_en``,
    ``name_fr`` beside ``note_nl``, ``name_nl``): a column of the user's
    own, not a slip of the pen.

    >>> _other_language("note_en", "note_nl"), _other_language("nots_nl", "note_nl")
    (True, False)
    """
    return bool(re.fullmatch(r".+_[a-z]{2}", name) and re.fullmatch(r".+_[a-z]{2}", column)
                and name[:-3] == column[:-3])


def _say_columns_needed(df, file, known: frozenset, problems) -> None:
    """A ``source`` or ``note`` column missing where the rows' grades need
    it, said once, first: each row's "needs a source" follows from it."""
    grades = set(df["evidence"]) if "evidence" in df.columns else set()
    for column, needing in (("source", {"stated"}), ("note", {"inferred", "assumed"})):
        given = column in df.columns or (column == "note" and "note_nl" in df.columns)
        if column in known and not given and grades & needing:
            problems.append(Problem(file, df.attrs.get("header_row", 1), Message(
                "has no column '{column}', which the rows graded {grades} need",
                column=column, grades=Listing(" or ", sorted(grades & needing)))))


class _Context:
    """What rows are checked against besides their own table: the
    vocabularies and sources ``org.yaml`` declares."""

    def __init__(self, manifest):
        # Without a readable org.yaml nothing can be checked against it: its
        # absence is reported once, not on every row that uses a vocabulary.
        self.readable = isinstance(manifest, dict)
        manifest = manifest if self.readable else {}
        self.vocab = {}
        for col, key in schema.VOCABULARY_COLUMNS.items():
            v = manifest.get(key)
            self.vocab[col] = set(map(str, v)) if isinstance(v, dict) else set()
        # how the numbers and dates of the cells are written (None: only
        # what no convention reads differently)
        locale = manifest.get("locale")
        self.locale = locale if locale in LOCALES else None
        src = manifest.get("sources")
        self.sources = sorted(map(str, src), key=len, reverse=True) \
            if isinstance(src, dict) and src else []
        self._cited = {}

    def cased(self, citation: str) -> Message | str:
        """What a citation that cites no source may mean: the same written
        in another case (``x-1`` for ``X-1``), which is another key."""
        for source in self.sources:
            if citation[:len(source)].casefold() == source.casefold():
                meant = source + citation[len(source):]
                if self.cites(meant):
                    return Message(" (did you mean '{near}'?)", near=meant)
        return ""

    def cites(self, citation: str) -> bool:
        """Whether a citation names a declared source (``D-FS-V`` cites ``D``)."""
        # (a large folder cites a few passages on a million rows: each once)
        known = self._cited.get(citation)
        if known is None:
            known = self._cited[citation] = any(
                citation == s or citation.startswith((s + "-", s + " ", s + ":", s + "."))
                for s in self.sources)
        return known


def _provenance_problems(grade, source, note, ctx):
    if source.strip().casefold() == "assumption":
        yield ("source 'assumption' is how version 1 said 'assumed': put assumed in the "
               "evidence column, the reason in note and leave source empty ('orgmodel "
               "migrate' does this)")
        return
    if grade and grade not in schema.GRADES:
        yield (Message(
            "evidence '{grade}' is not one of: {v}{v2}",
            grade=grade, v=', '.join(schema.GRADES), v2=_value_meant(grade, schema.GRADES)))
    elif grade == "stated" and not source:
        yield "evidence 'stated' needs a source: the passage that states it"
    elif grade == "inferred" and not note:
        yield "evidence 'inferred' needs a note giving the reasoning"
    elif grade == "assumed" and not note:
        yield "evidence 'assumed' needs a note saying why the fact is there"
    if source and ctx.sources:
        for cit in (c.strip() for c in source.split(";")):
            if cit and not ctx.cites(cit):
                yield (Message(
                    "source '{cit}' cites none of the sources org.yaml declares ({v})",
                    cit=cit, v=', '.join(sorted(ctx.sources))) + ctx.cased(cit))


_TEXT_COLUMNS = frozenset(("id", "kind", "name", "source", "from", "to", "evidence", "note",
                           "note_nl"))


def _not_a_choice(col, text, choices) -> str:
    return (Message(
        "{col} '{text_}' is not one of: {v}{v2}",
        col=col, text_=text, v=', '.join(choices[col]), v2=_value_meant(text, choices[col])))


#: A value's word in the sources where it is not the Dutch outputs' own
#: (the sources pair *bestuurlijk* with *ambtelijk*).
_SOURCES_WORDS = {"political": "bestuurlijk"}


def _value_meant(word: str, options) -> Message | str:
    """The value ``word`` may mean: the one whose Dutch word it is, as
    orgmodel's Dutch outputs write it (``vermeld``, ``ambtelijk``), else the
    closest spelling."""
    nl = translator("nl")
    folded = word.strip().casefold()
    meant = next((o for o in options if o != word
                  and folded in (nl.value(o).casefold(), _SOURCES_WORDS.get(o))), None)
    if meant:
        return Message(" ('{word}' is '{meant}' in orgmodel's data)", word=word, meant=meant)
    return _closest(word, options)


def _single_cell(col, text, choices, locale=None):
    """``(attributes, problems)`` of one cell of a column that holds one
    value (not a list): what :func:`_check_attrs` makes of it."""
    if col in choices and text not in choices[col]:
        return (), (_not_a_choice(col, text, choices),)
    try:
        if col == "fte":
            lo, hi = parse_fte(text, locale)
            return (("fte_min", lo), ("fte_max", hi)), ()
        return ((col, parse_cell(col, text, locale)),), ()
    except ValueError as exc:
        return (), (said(exc),)


#: Columns whose cells are lists: converted row by row (a remembered list
#: would be shared between rows).
_LISTS = frozenset(set(schema.LIST_COLUMNS) | set(schema.VOCABULARY_COLUMNS)
                   | set(schema.ID_LIST_COLUMNS))


def _list_cell(col, text, choices, ctx, ids=None):
    """``(value, problems)`` of one cell of a list column (``value`` None
    when there is none): a new list each time, as rows must not share one."""
    if col in choices and text not in choices[col]:
        return None, (_not_a_choice(col, text, choices),)
    if col in schema.VOCABULARY_COLUMNS:
        known = ctx.vocab[col]
        cells = parse_cell(col, text)
        bad = [c for c in cells if c not in known]
        if bad and ctx.readable:
            known = [k for k in known if _KEY.match(k)]     # (never propose an invalid key)
            return cells, (Message(
                "{col} {v} {v2} not declared under '{v3}' in org.yaml{v4}",
                col=col, v=', '.join(repr(c) for c in bad), v2='is' if len(bad) == 1 else 'are',
                v3=schema.VOCABULARY_COLUMNS[col], v4=_closest(bad[0], known)),)
        return cells, ()
    if col in schema.ID_LIST_COLUMNS:
        cells = parse_cell(col, text)
        return cells, tuple(Message(
            "{col} names '{c}', which is not a node in {nodes}{v}",
            col=col, c=c, nodes=NODES, v=_closest(c, ids)) for c in cells
                            if ids is not None and c not in ids)
    try:
        return parse_cell(col, text), ()
    except ValueError as exc:
        return None, (said(exc),)


# -- the rules, each once ------------------------------------------------------
#
# Every rule asks its question of whole columns first (sets, C-level maps: a
# million valid rows cost a fraction of a second) and words a problem only for
# the rows that break it, with the file, the row as a spreadsheet shows it
# and the cause.  A row whose kind is unknown, or an edge given twice, is
# checked no further: its other cells mean nothing without it.

def _columns(df: pd.DataFrame) -> dict:
    return {c: df[c].tolist() for c in df.columns}


class _Table:
    """A table's columns as lists, its spreadsheet row numbers and its file,
    and where the problems found in it go."""

    def __init__(self, df: pd.DataFrame, file: str, problems: list):
        self.cols = _columns(df)
        self.rownos = df.index.tolist()
        self.file = file
        self.problems = problems

    def say(self, i: int, message: str) -> None:
        self.problems.append(Problem(self.file, self.rownos[i], message))


#: List columns that are lists of ids on PLAYS rows only: on any other row a
#: folder of model v2 may use the name for its own text.
_PLAYS_ONLY = frozenset({"scope"})


def _attrs(t: _Table, kind: list, choices_of: dict, ctx, skip, keep, ids=None) -> list:
    """Every kept row's attributes as the graph holds them (every non-empty
    cell converted, ``fte`` as ``fte_min``/``fte_max``, ``skip`` left out), the
    problems of its cells said; ``keep``: the rows to check (None: all).
    ``choices_of``: each row kind's choices."""
    n = len(kind)
    rows: list[dict] = [{} for _ in range(n)]
    kept = range(n) if keep is None else keep
    plain = all(not choices for choices in choices_of.values())
    for col, values in t.cols.items():
        if col in skip:
            continue
        if col in _TEXT_COLUMNS:
            if keep is None and "" not in values:
                for d, v in zip(rows, values):
                    d[col] = v
            else:
                for i in kept:
                    if values[i]:
                        rows[i][col] = values[i]
            continue
        full = [i for i in kept if values[i]]
        if col in _LISTS:
            _list_column(t, col, full, kind, choices_of, ctx, ids, rows)
            continue
        # One conversion and one verdict per distinct cell: a million rows
        # hold a few dozen distinct grades, levels and yes/no cells.  (The
        # verdict depends on the row's kind only where a kind limits the
        # column's choices.)
        by_kind = not plain and any(col in c for c in choices_of.values())
        done: dict = {}
        for i in full:
            key = (kind[i], values[i]) if by_kind else values[i]
            verdict = done.get(key)
            if verdict is None:
                verdict = done[key] = _single_cell(col, values[i], choices_of[kind[i]],
                                                   ctx.locale)
            items, said = verdict
            rows[i].update(items)
            for message in said:
                t.say(i, message)
    _check_validity(t, kept)
    _check_provenance(t, kept, ctx)
    return rows


def _list_column(t: _Table, col, full, kind, choices_of, ctx, ids, rows) -> None:
    """Convert the cells of one list column (a new list each row: rows must
    not share one), saying each cell's problems."""
    values = t.cols[col]
    for i in full:
        if col in _PLAYS_ONLY and kind[i] != "PLAYS":
            rows[i][col] = values[i]        # (another edge's own text column)
            continue
        value, said = _list_cell(col, values[i], choices_of[kind[i]], ctx, ids)
        if value is not None:
            rows[i][col] = value
        for message in said:
            t.say(i, message)


def _check_validity(t: _Table, kept) -> None:
    """``valid_from`` is not after ``valid_to``."""
    start, end = t.cols.get("valid_from"), t.cols.get("valid_to")
    if start is None or end is None:
        return
    for i in kept:
        if start[i] and end[i] and start[i] > end[i]:
            t.say(i, Message(
                "valid_from {start} is after valid_to {end}",
                start=start[i], end=end[i]))


def _check_provenance(t: _Table, kept, ctx) -> None:
    """Each row's evidence, source and note agree (:func:`_provenance_problems`):
    judged once per distinct combination (a large folder repeats a few)."""
    blank = [""] * len(t.rownos)
    grades, sources, notes = (t.cols.get(c, blank) for c in ("evidence", "source", "note"))
    if "note_nl" in t.cols:
        # (a note in Dutch alone gives the reasoning too: every reader sees it)
        notes = [n or n_nl for n, n_nl in zip(notes, t.cols["note_nl"])]
    triples: Iterable[tuple] = zip(grades, sources, notes)
    if not isinstance(kept, range):
        wanted = set(kept)
        triples = (x for i, x in enumerate(triples) if i in wanted)
    said = {(g, s, n): tuple(_provenance_problems(g, s, n, ctx)) for g, s, n in set(triples)}
    if not any(said.values()):
        return
    for i in kept:
        for text in said[grades[i], sources[i], notes[i]]:
            t.say(i, text)


def _check_ids(t: _Table) -> None:
    """Ids are there, and differ (in more than upper and lower case)."""
    ids = t.cols["id"]
    n = len(ids)
    if "" not in ids and len(set(ids)) == n and len(set(map(str.casefold, ids))) == n:
        return
    first_row: dict = {}
    folded: dict = {}
    for i, nid in enumerate(ids):
        if not nid:
            t.say(i, "id is empty")
        elif nid in first_row:
            t.say(i, Message(
                "id '{nid}' is used twice (also on row {first_row})",
                nid=nid, first_row=first_row[nid]))
        elif (low := nid.casefold()) in folded:
            other, orow = folded[low]
            t.say(i, Message(
                "id '{nid}' differs from id '{other}' (row {orow}) only in upper and lower case; ids "
                "must differ in more than that",
                nid=nid, other=other, orow=orow))
            first_row[nid] = t.rownos[i]
        else:
            first_row[nid] = t.rownos[i]
            folded[low] = (nid, t.rownos[i])


def _check_names(t: _Table) -> None:
    """Each node has a name, and its id and name are one line each: a line
    break in them broke every line of output they were shown in (a route
    step, a table of the report) and could make one look like two."""
    ids, names = t.cols["id"], t.cols["name"]
    if "" in names:
        for i, name in enumerate(names):
            if not name:
                t.say(i, Message("node '{ids}' has no name", ids=ids[i]))
    for col, cells in (("id", ids), ("name", names)):
        if LINE_BREAK.search("".join(cells)):
            for i, text in enumerate(cells):
                if LINE_BREAK.search(text):
                    t.say(i, Message(
                        "the {col} '{v}' is written on more than one line (a line break shown here "
                        "as ⏎): write it on one line, a space for each line break",
                        col=Column(col), v=breaks_shown(text)))



def _unknown_kinds(t: _Table, known, what: Message, rows=None) -> set:
    """The kinds of ``rows`` (None: all) not in ``known``, each such row said."""
    kind = t.cols["kind"]
    rows = range(len(kind)) if rows is None else rows
    unknown = {kind[i] for i in rows} - known.keys()
    if unknown:
        for i in rows:
            if kind[i] in unknown:
                t.say(i, Message(
                    "unknown {what} kind '{kind}'; use one of {v}{v2}",
                    what=what, kind=kind[i], v=', '.join(known), v2=_kind_meant(kind[i], known)))
    return unknown


def _check_required(t: _Table, specs: dict) -> None:
    """Each node has the cells its kind needs."""
    ids, kind = t.cols["id"], t.cols["kind"]
    for k, spec in specs.items():
        for col in spec.required:
            values = t.cols.get(col)
            if values is not None and k not in set(
                    itertools.compress(kind, map(operator.not_, values))):
                continue
            for i, ki in enumerate(kind):
                if ki == k and not (values and values[i]):
                    t.say(i, Message("{k} '{ids}' needs a {col}", k=k, ids=ids[i], col=col))


def _check_reserved(nodes: pd.DataFrame, problems) -> None:
    own = [c for c in nodes.columns if c in ("fte_min", "fte_max")]
    if own:
        problems.append(Problem(NODES, 1, Message(
            "column '{own}' is orgmodel's own: write the FTE in the 'fte' column (a number, or a "
            "range such as 2-3)",
            own=own[0])))
    reserved = [c for c in nodes.columns if c in schema.RESERVED_COLUMNS]
    if reserved:
        problems.append(Problem(NODES, 1, Message(
            N_("column {v2} is reserved for orgmodel's own use (the database keeps the "
               "organisation, its ids and its route marks there): rename it")
            if len(reserved) == 1 else
            N_("columns {v2} are reserved for orgmodel's own use (the database keeps the "
               "organisation, its ids and its route marks there): rename them"),
            v2=', '.join(reserved))))


def _check_nodes(nodes: pd.DataFrame, problems, ctx, built=None) -> dict | None:
    """Check the node rows; the ``{id: kind}`` of the usable ones (None for an
    id whose kind is unknown), or None when the table itself is unusable (then
    nothing can be checked against it).  ``built``: a list to which each row's
    ``(id, attributes)`` is added."""
    if not _check_columns(nodes, NODES, ("id", "kind", "name"), schema.NODE_ATTRIBUTES,
                          problems):
        return None
    _check_reserved(nodes, problems)
    t = _Table(nodes, NODES, problems)
    ids, kind = t.cols["id"], t.cols["kind"]
    _check_ids(t)
    _check_names(t)
    unknown = _unknown_kinds(t, schema.NODE_KINDS, Message("node"))
    keep = [i for i, k in enumerate(kind) if k not in unknown] if unknown else None
    if keep is None and "" not in ids and len(set(ids)) == len(ids):
        kinds = dict(zip(ids, kind))
    else:
        # (the first row of an id names its kind; an unknown kind still makes
        # it a node, so that its edges are not "not a node" as well)
        kinds = {}
        for nid, k in zip(ids, kind):
            if nid and nid not in kinds:
                kinds[nid] = None if k in unknown else k
    specs = {k: schema.NODE_KINDS[k] for k in dict.fromkeys(kind) if k not in unknown}
    _check_required(t, specs)
    rows = _attrs(t, kind, {k: s.choices for k, s in specs.items()}, ctx, ("id",), keep)
    if "vacant_fte" in t.cols:
        _check_vacant_parts(t, kind, rows)
    if built is not None:
        built.extend((ids[i], rows[i]) for i in (range(len(ids)) if keep is None else keep))
    _check_node_lists(nodes, kinds, problems)
    return kinds


def _check_vacant_parts(t: _Table, kind, rows) -> None:
    """A ``vacant_fte`` is the vacant part of a held post's FTE: on a post
    that is not vacant (a vacant one is vacant whole), with an FTE, and
    less than its FTE (the lower end of a range)."""
    for i, row in enumerate(rows):
        part = row.get("vacant_fte") if row else None
        if part is None:
            continue
        if kind[i] != "Post":
            t.say(i, Message("vacant_fte is the vacant part of a post's FTE: a {k} has none",
                             k=kind[i]))
        elif row.get("vacant"):
            t.say(i, Message("vacant_fte is given on a vacant post: the whole post is vacant, "
                             "with its FTE; leave vacant_fte empty"))
        elif row.get("fte_min") is None:
            t.say(i, Message("vacant_fte is given on a post without an FTE: a part of what?"))
        elif not 0 < part < row["fte_min"]:
            t.say(i, Message(
                "vacant_fte {part} is not a part of the post's FTE ({fte}): more than 0 and less "
                "than it (a post vacant whole is vacant: true)", part=number_text(part),
                fte=number_text(row["fte_min"])))


def _goes_round(ups: dict) -> bool:
    """Whether the line (each post's superiors) has a loop: settled on plain
    dicts, as the usual answer is no."""
    ends = set(ups)
    ends.update(v for vs in ups.values() for v in vs)
    return bool(sinks_first(list(ends), ups)[1])


def _check_node_lists(nodes: pd.DataFrame, kinds: dict, problems):
    """Every id a node's list cell names (its ``deputy``) is a node: known
    only once every row of nodes.csv is read."""
    own = dict(zip(nodes.index.tolist(), nodes["id"].tolist()))
    for col in (c for c in nodes.columns if c in schema.ID_LIST_COLUMNS):
        for rowno, text in zip(nodes.index.tolist(), nodes[col].tolist()):
            for c in parse_cell(col, text) if text else ():
                if c == own[rowno]:
                    problems.append(Problem(NODES, rowno, Message(
                        "{col} names '{c}', the node itself: a {col} is another node",
                        col=col, c=c)))
                elif c not in kinds:
                    problems.append(Problem(NODES, rowno, Message(
                        "{col} names '{c}', which is not a node in {nodes}{v}",
                        col=col, c=c, nodes=NODES, v=_closest(c, kinds))))


def _check_copies(t: _Table) -> list | None:
    """Rows that repeat an earlier edge, each said; None when there are none.

    Two edges of one kind between the same roles may mean different things
    (two mandates of different scope); the same edge with the same attributes
    twice is a copy, whatever its source or note says."""
    src, dst, kind = t.cols["from"], t.cols["to"], t.cols["kind"]
    keys = list(zip(*[v for c, v in t.cols.items() if c not in ("source", "note")]))
    if len(set(keys)) == len(keys):
        return None
    seen: dict = {}
    copies = []
    for i, key in enumerate(keys):
        if key in seen and src[i] and dst[i] and kind[i]:
            t.say(i, Message(
                "{kind} from '{src}' to '{dst}' is given twice with the same attributes (also on row "
                "{seen})",
                kind=kind[i], src=src[i], dst=dst[i], seen=seen[key]))
            copies.append(i)
            continue
        seen[key] = t.rownos[i]
    return copies


def _spaced(nid: str, kinds: dict) -> str:
    """The words for an id that names a node but for its spaces ('tm 2' for
    'tm2'): a difflib guess would propose any near id instead."""
    squashed = _SPACE.sub("", nid)
    same = [k for k in kinds if _SPACE.sub("", k) == squashed]
    return (Message(
        "; node '{same}' differs from it only in spaces (an id is matched exactly)",
        same=same[0])
            if same else "")


def _check_ends(t: _Table, kinds: dict | None, rows) -> None:
    """Each edge's ends are there, are nodes, and differ."""
    src, dst = t.cols["from"], t.cols["to"]
    if "" in src or "" in dst or (kinds is not None and not (
            set(src) <= kinds.keys() and set(dst) <= kinds.keys())):
        for i in rows:
            if src[i] and dst[i] and kinds is not None and src[i] in kinds and dst[i] in kinds:
                continue
            for end, nid in (("from", src[i]), ("to", dst[i])):
                if not nid:
                    t.say(i, Message("'{end}' is empty", end=end))
                elif kinds is not None and nid not in kinds:
                    t.say(i, Message(
                        "'{end}' names '{nid}', which is not a node in {nodes}{v}",
                        end=end, nid=nid, nodes=NODES,
                        v=_spaced(nid, kinds) or _closest(nid, kinds)))
    if any(map(operator.eq, src, dst)):
        for i in rows:
            if src[i] and src[i] == dst[i]:
                t.say(i, Message("'{src}' is joined to itself", src=src[i]))


def _check_joins(t: _Table, kinds: dict | None, rows) -> None:
    """Each edge joins the node kinds its kind may join."""
    if not kinds:
        return
    src, dst, kind = t.cols["from"], t.cols["to"], t.cols["kind"]
    ends: Iterable[tuple] = zip(kind, map(kinds.get, src), map(kinds.get, dst))
    if not isinstance(rows, range):
        wanted = set(rows)
        ends = (x for i, x in enumerate(ends) if i in wanted)
    bad = {(k, ks, kd) for k, ks, kd in set(ends)
           if ks is not None and kd is not None and not schema.allowed(k, ks, kd)}
    if not bad:
        return
    for i in rows:
        key = (kind[i], kinds.get(src[i]), kinds.get(dst[i]))
        if key in bad:
            spec = schema.EDGE_KINDS[kind[i]]
            t.say(i, Message(
                "{kind} cannot join a {key} to a {key2}: it joins {v} to {v2}{v3}",
                kind=kind[i], key=key[1], key2=key[2], v='/'.join(sorted(spec.sources)),
                v2='/'.join(sorted(spec.targets)), v3=_JOIN_HINTS.get(key, '')))


#: What to do instead, for the joins a v2 folder or a first try makes.
_JOIN_HINTS = {
    ("REPORTS_TO", "Role", "Post"): " (a role is not in the line: the posts that play it are; "
                                    "join them with PLAYS)",
    ("REPORTS_TO", "Post", "Role"): " (a role is not in the line: report to the post that "
                                    "plays it)",
    ("REPORTS_TO", "Role", "Role"): " (a role is not in the line: the posts that play it are; "
                                    "in a folder of model v2, where Role meant a post, "
                                    "'orgmodel migrate DIR' makes them posts)",
    ("HOLDS", "Post", "Role"): " (a post that plays a role: use PLAYS)",
    ("HOLDS", "Person", "Role"): " (a person who plays a role: use PLAYS)",
}


def _check_plays(t: _Table, kinds: dict | None, rows, built_rows) -> None:
    """A post holds no post (it plays a role); a scope names a node of a kind
    a role can be played for."""
    src, dst, kind = t.cols["from"], t.cols["to"], t.cols["kind"]
    if not kinds:
        return
    for i in rows:
        if kind[i] == "HOLDS" and kinds.get(dst[i]) == "Post" and \
                kinds.get(src[i]) not in ("Person", None):
            t.say(i, Message(
                "HOLDS joins a person to the post '{dst}'; a {kinds} does not hold a post (a post "
                "that plays a role: PLAYS to a Role)",
                dst=dst[i], kinds=kinds[src[i]]))
        scope = (built_rows.get(i) or {}).get("scope") or () if kind[i] == "PLAYS" else ()
        for s in scope:
            if s in kinds and kinds[s] not in schema.SCOPE_KINDS:
                t.say(i, Message(
                    "scope '{s}' is a {kinds}; a role is played for a {v} or {v2}",
                    s=s, kinds=kinds[s], v=', '.join(schema.SCOPE_KINDS[:-1]),
                    v2=schema.SCOPE_KINDS[-1]))


def _check_line(t: _Table, rows) -> None:
    """The line (``REPORTS_TO``) never goes round in a circle; a circle is
    named by its first row."""
    src, dst, kind = t.cols["from"], t.cols["to"], t.cols["kind"]
    ups: dict = {}
    line = []
    for i in rows:
        u, v = src[i], dst[i]
        if kind[i] == "REPORTS_TO" and u and v and u != v:
            line.append((u, v, t.rownos[i]))
            ups.setdefault(u, []).append(v)
    if not _goes_round(ups):
        return
    # networkx is asked only to find and name the loops.
    line_rows: dict = {}
    for u, v, rowno in line:
        line_rows.setdefault((u, v), rowno)
    graph = nx.DiGraph(list(line_rows))
    for comp in nx.strongly_connected_components(graph):
        if len(comp) > 1:
            # (from the comp's first line in the file, and said from its first
            # line on the circle: a set's order changes from run to run)
            first = min(((r, u) for (u, v), r in line_rows.items() if u in comp and v in comp))
            cyc = nx.find_cycle(graph.subgraph(comp), source=first[1])
            rowno = min(line_rows[u, v] for u, v in cyc)
            start = next(i for i, (u, v) in enumerate(cyc) if line_rows[u, v] == rowno)
            cyc = cyc[start:] + cyc[:start]
            path = " → ".join([u for u, _ in cyc] + [cyc[0][0]])
            t.problems.append(Problem(t.file, rowno, Message(
                "REPORTS_TO goes round in a circle: {path}",
                path=path)))


def _check_edges(edges: pd.DataFrame, kinds: dict | None, problems, ctx, built=None):
    """Check the edge rows; with ``kinds=None`` (nodes.csv unusable) only what
    does not depend on the nodes.  ``built``: a list to which each row's
    ``(from, to, attributes)`` is added."""
    if not _check_columns(edges, EDGES, ("from", "to", "kind"), schema.EDGE_ATTRIBUTES,
                          problems):
        return
    reserved = [c for c in edges.columns if c in schema.RESERVED_EDGE_COLUMNS]
    if reserved:
        problems.append(Problem(EDGES, 1, Message(
            N_("column {v2} is reserved for orgmodel's own use (the database keeps each "
               "edge's order and place there): rename it") if len(reserved) == 1 else
            N_("columns {v2} are reserved for orgmodel's own use (the database keeps each "
               "edge's order and place there): rename them"),
            v2=', '.join(reserved))))
    t = _Table(edges, EDGES, problems)
    src, dst, kind = t.cols["from"], t.cols["to"], t.cols["kind"]
    copies = _check_copies(t)
    alive = range(len(kind)) if copies is None else sorted(set(range(len(kind))) - set(copies))
    unknown = _unknown_kinds(t, schema.EDGE_KINDS, Message("edge"), alive)
    _check_ends(t, kinds, alive)
    keep = None if copies is None and not unknown else [i for i in alive if kind[i] not in unknown]
    kept = range(len(kind)) if keep is None else keep
    _check_joins(t, kinds, kept)
    present = {kind[i] for i in kept}
    rows = _attrs(t, kind, {k: schema.EDGE_KINDS[k].choices for k in present}, ctx,
                  ("from", "to"), keep, kinds)
    if built is not None:
        built.extend((src[i], dst[i], rows[i]) for i in kept)
    if "scope" in t.cols or "HOLDS" in present:
        _check_plays(t, kinds, kept, dict(zip(kept, (rows[i] for i in kept))))
    _check_line(t, kept)


_TYPE_WORDS = {"string": Message("text"), "integer": Message("a whole number"),
               "number": Message("a number"), "boolean": Message("true or false"),
               "array": Message("a list such as [a, b]"),
               "object": Message("a set of 'key: value' settings"), "null": Message("empty"),
               "date": Message("a date")}

def _manifest_errors(manifest: dict) -> list:
    """What org.yaml's schema says of ``manifest``, in key order.  (jsonschema
    is imported here, when a manifest is first checked: a command that only
    reads the database, such as who-decides --neo4j, spent 25 ms on it.)"""
    jsonschema = _import_jsonschema()
    checker = jsonschema.validators.extend(
        jsonschema.Draft202012Validator,
        type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
            "date", lambda _checker, value: isinstance(value, _dt.date)))
    return sorted(checker(schema.MANIFEST_SCHEMA).iter_errors(manifest),
                  key=lambda e: [str(p) for p in e.absolute_path])


def _key_path(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _schema_message(err) -> str:  # noqa: C901 - one wording per kind of JSON-Schema error
    """One plain sentence for a jsonschema error, starting with the key path."""
    where = _key_path(err.absolute_path)
    head = f"{where}: " if where else ""
    val, kind = err.instance, err.validator
    if kind == "anyOf" and err.context:
        # "not valid under any of the given schemas" helps nobody: say what is
        # wrong under the alternative the value was evidently meant for.
        want = "array" if isinstance(val, list) else "object" if isinstance(val, dict) else None
        meant = [e for e in err.context if e.schema.get("type") == want
                 or e.relative_path
                 or (want == "object" and e.validator == "enum" and not e.relative_path)] \
            or list(err.context)
        best = _import_jsonschema().exceptions.best_match(meant)
        if best.validator == "enum" and isinstance(val, dict) \
                and not isinstance(best.instance, (list, dict)) and best.instance in val:
            # a key outside a mapping's vocabulary (propertyNames)
            opts = [str(o) for o in best.validator_value]
            text = (N_("{head}unknown rule '{instance}'{v2}; known: {v3}") if where == "rules"
                    else N_("{head}unknown key '{instance}'{v2}; known: {v3}"))
            return Message(
                text, head=head, instance=best.instance,
                v2=_closest(str(best.instance), opts), v3=', '.join(opts))
        if best.validator == "anyOf" and not best.context:
            return Message(
                "{v}: has the wrong form ({v2})",
                v=_key_path(best.absolute_path), v2=_shown(best.instance))
        return _schema_message(best)
    if kind == "additionalProperties":
        known = list(err.schema.get("properties", {}))
        extra = [k for k in val if k not in known]
        return Listing("; ", [Message(
            "{head}unknown key '{k}'{v}; known keys: {v2}",
            head=head, k=k, v=_closest(str(k), known), v2=', '.join(known)) for k in extra])
    if kind == "required":
        missing = [k for k in err.validator_value if k not in val]
        if missing == ["name"] and not where:
            return "needs a 'name' (the organisation's name)"
        return Message(
            N_("{head}needs the key {v2}") if len(missing) == 1 else
            N_("{head}needs the keys {v2}"), head=head, v2=', '.join(missing))
    if kind == "type":
        types = err.validator_value if isinstance(err.validator_value, list) else \
            [err.validator_value]
        want = Listing(" or ", [_TYPE_WORDS.get(t, str(t)) for t in types if t != "null"]) \
            if any(t != "null" for t in types) else _TYPE_WORDS["null"]
        if "string" in types and isinstance(val, (int, float)) and not isinstance(val, bool):
            # (an id of digits: YAML reads 1001 as a number, 00100 even as 64)
            return Message("{head}must be {want}, not the number {v}: write an id of digits "
                           "in quotes ('1001', '00100'), as YAML reads it as a number "
                           "otherwise", head=head, want=want, v=_shown(val))
        return Message("{head}must be {want}, not {v}", head=head, want=want, v=_shown(val))
    if kind == "enum":
        opts = [str(o) for o in err.validator_value]
        return Message(
            "{head}{v} is not one of: {v2}{v3}",
            head=head, v=_shown(val), v2=', '.join(opts), v3=_closest(str(val), opts))
    if kind in ("minimum", "maximum"):
        word = Message("at least") if kind == "minimum" else Message("at most")
        return Message(
            "{head}must be {word} {validator_value}, not {v}",
            head=head, word=word, validator_value=err.validator_value, v=_shown(val))
    if kind == "pattern" and "A-Za-z" in err.validator_value:
        route = head.startswith("escalation")
        chars, why = ((Message("'-' and '_'"), Message(
            "it names a route on the command line and a file of the report")) if route else
            (Message("'-', '_' and '.'"), Message("the data's cells name it")))
        return (Message(
            "{head}{v} is not a usable name: use a word of letters, digits, {chars} ({why})",
            head=head, v=_shown(val), chars=chars, why=why))
    if kind == "pattern" and err.validator_value == schema.ONE_LINE and str(val).strip():
        return Message("{head}is written on more than one line ({v}, a line break shown here "
                       "as ⏎): write it on one line", head=head,
                       v=breaks_shown(str(_shown(val))))
    if kind in ("pattern", "minLength"):
        return Message("{head}must not be empty", head=head)
    if kind == "uniqueItems":
        return Message("{head}lists the same value twice", head=head)
    if kind in ("minItems", "minProperties"):
        return Message("{head}must not be empty", head=head)
    if kind == "propertyNames":
        return Message(
            "{head}every key must be a word (text), not {v}",
            head=head, v=_shown(val))
    return f"{head}{err.message}"


def _shown(value) -> str | Message:
    """A value of org.yaml as its file writes it: text in quotes, a list or
    a mapping in YAML's brackets, nothing as "empty" (not as Python writes
    them: ``['a']``, ``None``)."""
    if value is None:
        return _TYPE_WORDS["null"]
    text = f"'{value}'" if isinstance(value, str) else flow_text(value)
    return text if len(text) <= 60 else text[:57] + "..."


#: Where the climbing node may stand, per climbable edge kind.
_SIDES = {"COMMISSIONS": ("assignee", "commissioner"), "MEMBER_OF": ("member", "body")}


def _check_manifest(manifest: dict, kinds: dict | None, problems) -> None:
    """``org.yaml`` against its schema, then what the schema cannot say: the
    escalation policy, the powers, the rules' sources and the span."""
    def bad(msg):
        problems.append(Problem(MANIFEST, None, msg))

    errors = _manifest_errors(manifest)
    for err in errors:
        bad(_schema_message(err))
    if errors:
        return          # the rest reads values the schema has not vouched for
    _check_escalation(manifest.get("escalation") or {}, kinds, bad,
                      set(manifest.get("powers") or ()))
    _check_powers(manifest.get("powers") or {}, kinds, bad)
    _check_rule_sources(manifest, bad)
    date = manifest.get("date")
    if isinstance(date, str):
        try:
            iso_date(date)
        except InputError as exc:
            bad(Message("date: {why}", why=exc.args[0]))
    span = manifest.get("span") or {}
    if span.get("min") is not None and span.get("max") is not None and span["min"] > span["max"]:
        bad(Message(
            "span: min ({min}) is larger than max ({max})",
            min=span['min'], max=span['max']))


def _roles(kinds: dict) -> list:
    return [k for k, v in kinds.items() if v in ("Post", "Role")]


def _check_escalation(esc: dict, kinds: dict | None, bad, powers=frozenset()) -> None:
    """Each climb's side and capacity fit its edge; the roles it names (and
    every ``ends_at``) are roles of nodes.csv."""
    where_ends = [("escalation.ends_at", esc.get("ends_at") or [])]
    for name, spec in (esc.get("routes") or {}).items():
        steps = spec if isinstance(spec, list) else spec["steps"]
        if isinstance(spec, dict):
            where_ends.append((f"escalation.routes.{name}.ends_at", spec.get("ends_at") or []))
        for i, step in enumerate(steps):
            for climb in step if isinstance(step, list) else [step]:
                _check_climb(climb, f"escalation.routes.{name}.steps[{i}]", kinds, bad, powers)
    for key, ends in where_ends:
        for i, rid in enumerate(ends):
            if kinds and (rid not in kinds or kinds[rid] not in ("Post", "Role", None)):
                bad(Message(
                    "{key}[{i}]: '{rid}' is not a post or role in {nodes}{v}",
                    key=key, i=i, rid=rid, nodes=NODES, v=_closest(rid, _roles(kinds))))


def _check_climb(climb: dict, where: str, kinds: dict | None, bad, powers=frozenset()) -> None:
    edge = climb["edge"]
    if "power" in climb and edge != "MANDATES":
        bad(Message(
            "{where}: 'power' applies to a MANDATES climb only, not to {edge}",
            where=where, edge=edge))
    elif "power" in climb and climb["power"] not in powers:
        bad(Message(
            "{where}: power '{power}' is not declared under 'powers' in org.yaml{v}",
            where=where, power=climb['power'], v=_closest(climb['power'], sorted(powers))))
    sides = _SIDES.get(edge, ())
    if "from" in climb and climb["from"] not in sides:
        bad(Message(
            "{where}: 'from: {from_}' does not apply to a {edge} climb",
            where=where, from_=climb['from'], edge=edge)
            + (Message(" (use {sides})", sides=Listing(" or ", sides)) if sides else ""))
    caps = schema.EDGE_KINDS[edge].choices.get("capacity")
    if "capacity" in climb and (not caps or climb["capacity"] not in caps):
        bad(Message(
            "{where}: capacity '{capacity}' does not apply to a {edge} climb",
            where=where, capacity=climb['capacity'], edge=edge)
            + (Message(" (use one of: {v})", v=', '.join(caps)) if caps else ""))
    for rid in climb.get("to") or ():
        if kinds and rid not in kinds:
            bad(Message(
                "{where}: 'to' names '{rid}', which is not a node in {nodes}{v}",
                where=where, rid=rid, nodes=NODES, v=_closest(rid, kinds)))


def _check_powers(powers: dict, kinds: dict | None, bad) -> None:
    """A power's competent body is a role; its objections power is declared."""
    for key, spec in powers.items():
        if not isinstance(spec, dict):
            continue
        body = spec.get("body")
        if body and kinds and (body not in kinds or kinds[body] not in ("Post", None)):
            bad(Message(
                "powers.{key}.body: '{body}' is not a post in {nodes} (the competent body: "
                "college, mayor or council){v}",
                key=key, body=body, nodes=NODES, v=_closest(body, _roles(kinds))))
        obj = spec.get("objections")
        if obj and obj not in powers:
            bad(Message(
                "powers.{key}.objections: '{obj}' is not a declared power{v}",
                key=key, obj=obj, v=_closest(obj, list(powers))))


def _check_rule_sources(manifest: dict, bad) -> None:
    """Each adopted rule's citation names a declared source."""
    rules = manifest.get("rules")
    if not isinstance(rules, dict):
        return
    ctx = _Context(manifest)
    for rid, spec in rules.items():
        cit = (spec or {}).get("source", "")
        for c in (x.strip() for x in cit.split(";")):
            if c and ctx.sources and not ctx.cites(c):
                bad(Message(
                    "rules.{rid}.source: '{c}' cites none of the declared sources ({v})",
                    rid=rid, c=c, v=', '.join(sorted(ctx.sources))))


#: Problems are listed in the order things are read: the manifest, the nodes
#: (which the edges refer to), then the edges; a file-level problem (the file
#: cannot be read) before its rows.
_FILE_ORDER = {MANIFEST: 1, NODES: 2, EDGES: 3}


def _order(p):
    return (_FILE_ORDER.get(p.file, 0), p.row or 0, p.message)


def validate_tables(raw: RawOrg, built: dict | None = None) -> list:
    """Every problem in already-read tables, reading problems included.

    A file that could not be read is reported once: the checks that depend on
    it (every edge end is a node, ``ends_at`` names a role) are skipped rather
    than reported row by row.  ``built``: a dict that receives the rows as
    the graph will hold them (``nodes``: ``(id, attributes)``, ``edges``:
    ``(from, to, attributes)``), so that a load converts each cell once;
    they mean something only when no problem is returned.
    """
    if built is not None:
        built["nodes"], built["edges"] = [], []
    problems = list(raw.problems)
    unreadable = raw.unreadable
    kinds = None
    ctx = _Context(raw.manifest if MANIFEST not in unreadable else None)
    if NODES not in unreadable and len(raw.nodes.columns) and not len(raw.nodes):
        # (the edges are not checked against an empty table: every end would
        # be "not a node", a cascade hiding the cause)
        problems.append(Problem(NODES, None, "has a header but no rows: an organisation "
                                "needs at least one node"))
    elif NODES not in unreadable and len(raw.nodes.columns):
        kinds = _check_nodes(raw.nodes, problems, ctx, None if built is None else built["nodes"])
    elif NODES not in unreadable:
        problems.append(Problem(NODES, 1, "has no header row"))
    if EDGES not in unreadable and len(raw.edges.columns):
        _check_edges(raw.edges, kinds, problems, ctx, None if built is None else built["edges"])
        if kinds:
            _check_held_vacant(raw.nodes, raw.edges, problems)
    elif EDGES not in unreadable:
        problems.append(Problem(EDGES, 1, "has no header row"))
    if MANIFEST not in unreadable:
        _check_manifest(raw.manifest, kinds, problems)
    return sorted(set(problems), key=_order)


def _check_held_vacant(nodes: pd.DataFrame, edges: pd.DataFrame, problems) -> None:
    """A vacant post (nobody holds it) that a ``HOLDS`` without dates says
    someone holds: which of the two is true the data does not say (a holder
    before or after the vacancy has ``valid_to`` or ``valid_from``).  Said
    on the edge's row: it was counted vacant, its holder nowhere."""
    if "vacant" not in nodes.columns or not {"from", "to", "kind"} <= set(edges.columns):
        return
    # (found column by column, the few rows asked about first: a load
    # validates every node and edge of 100,000 roles)
    given = nodes["vacant"].astype(str) != ""
    flags = nodes["vacant"][given].astype(str).str.strip().str.lower()
    ids = nodes["id"][given][flags.isin(_TRUE)]
    rows = {str(n).strip(): r for r, n in zip(ids.index, ids)}
    if not rows:
        return
    holds = edges.index[(edges["kind"].astype(str).str.strip() == "HOLDS").to_numpy()]
    some = edges.loc[holds]
    held = some["to"].astype(str).str.strip().isin(rows.keys())
    for c in ("valid_from", "valid_to"):
        if c in some.columns:
            held &= some[c].astype(str).str.strip() == ""
    some = some[held]
    for i in range(len(some)):
        post = str(some["to"].iat[i]).strip()
        problems.append(Problem(EDGES, some.index[i], Message(
            "'{who}' holds the post '{post}', which nodes.csv row {row} says is vacant (nobody "
            "holds it): leave its vacant empty, or give the holding its valid_from or valid_to",
            who=str(some["from"].iat[i]).strip(), post=post, row=rows[post])))


def validate_folder(path: PathLike) -> list:
    """Every problem in an organisation folder; an empty list when it is valid.

    Examples
    --------
    >>> validate_folder(sample_dir)
    []
    """
    return validate_tables(read_folder(path))




def nodes_named(message, label: str):
    """``message`` with the node table it names (``nodes.csv``) named as
    ``label``: a workbook's sheet, so that a problem of a workbook does not
    send its reader looking for a file it has not got.

    >>> str(nodes_named(Message("'{c}' is not a node in {nodes}", c="x", nodes=NODES),
    ...                 "m.xlsx, sheet nodes"))
    "'x' is not a node in m.xlsx, sheet nodes"
    """
    if isinstance(message, Listing):
        return Listing(message.sep, [nodes_named(m, label) for m in message.items])
    if isinstance(message, Message) and message.values.get("nodes") == NODES:
        return Message(message.text, {**message.values, "nodes": label})
    return message
