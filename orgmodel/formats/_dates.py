"""The date a file of posts describes, as its name or the lines above its
table state it (``formatie per 1 januari 2026``, ``130930-senior.csv``)."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..errors import InputError
from ..i18n import Listing, Message, said
from ..notation import _MONTHS, LOCALES, _month_names, parse_date

__all__ = ["date_above_header", "date_in_name", "date_in_column", "AS_AT_COLUMNS"]


#: The words before the date a table describes, in its title or a line above
#: its header (``Formatie per 1 januari 2026``, ``Peildatum: 01-01-2026``,
#: ``As at 31 March 2026``): a date without them (a printing date) is not it.
_AS_AT = re.compile(r"(?i)(?<!\w)(peildatum|standdatum|stand per|per|d\.d\.|as at|as of)"
                    r"(?!\w)[\s:]*")


def date_above_header(rows: list, locale: str | None = None) -> tuple[str | None, Any]:
    """The date that the lines above a table's header (``(row, text)``)
    state it describes, after *peildatum*, *per* or *as at*, and what to
    say of it: read under ``locale`` (day first under ``nl``), else as a
    file's name is (:func:`date_in_name`, a plan's future date allowed).
    Several that differ, or one that could be two, give none, said.

    >>> date_above_header([(1, "Formatieoverzicht per 1-2-2026")], "nl")[0]
    '2026-02-01'
    >>> date_above_header([(2, "Peildatum: 1 januari 2027")])[0]
    '2027-01-01'
    >>> date_above_header([(1, "Afgedrukt op 3-2-2026")])
    (None, '')
    >>> str(date_above_header([(1, "per 3-2-2026")])[1])
    "row 1 holds '3-2-2026', which could be 3 February 2026 or 2 March 2026: no date is taken (give --date)"
    >>> two = date_above_header([(1, "per 1-1-2026"), (2, "Peildatum 1-2-2026")], "nl")
    >>> two[0], str(two[1]).split(": no date")[0]
    (None, "the rows above the header give different dates (row 1: '1-1-2026'; row 2: '1-2-2026')")
    """
    found: dict = {}        # the dates read (a set: one, or the readings of one) -> where
    for rowno, text in rows:
        for marker in _AS_AT.finditer(text):
            shown = _date_at(text[marker.end():], locale)
            if shown:
                found.setdefault(shown[0], (rowno, shown[1]))
    if len(found) == 1 and len(next(iter(found))) == 1:
        (date,), (rowno, v) = next(iter(found.items()))
        # (a date object: written out in the reader's language, 1 januari 2026)
        return date, Message("the date {date} is read from row {row} ('{v}')",
                             date=_dt.date.fromisoformat(date), row=rowno, v=v)
    if len(found) > 1:
        return None, Message("the rows above the header give different dates ({dates}): no "
                             "date is taken (give --date)", dates=Listing("; ", [
                                 Message("row {row}: '{v}'", row=r, v=v)
                                 for r, v in sorted(found.values())]))
    if found:
        (dates, (rowno, v)), = found.items()
        return None, Message("row {row} holds '{v}', which could be {dates}: no date is taken "
                             "(give --date)", row=rowno, v=v,
                             dates=Listing(" or ", [_dt.date.fromisoformat(d) for d in sorted(dates)]))
    return None, ""


#: The names of a column that gives, on each row, the date the table
#: describes (compared folded: ``Peildatum``, ``Stand per``, ``As at``).
AS_AT_COLUMNS = frozenset({"peildatum", "standdatum", "standper", "datumstand", "asat",
                           "asof", "asatdate", "snapshotdate"})


def date_in_column(values: list, column: str, locale: str | None = None) -> tuple[str | None, Any]:
    """The date a column such as *Peildatum* gives on every row (``values``:
    its cells, ``(row, text)``), and what to say of it: the same date on
    every row that gives one is the table's; different dates, or a cell
    that is no date, give none, said.

    >>> date_in_column([(2, "1-1-2026"), (3, "01-01-2026")], "Peildatum", "nl")[0]
    '2026-01-01'
    >>> two = date_in_column([(2, "1-1-2026"), (3, "1-2-2026")], "Peildatum", "nl")
    >>> two[0], str(two[1]).split(": no date")[0]
    (None, "column 'Peildatum' gives different dates (row 2: '1-1-2026'; row 3: '1-2-2026')")
    """
    found: dict = {}
    for rowno, text in values:
        try:
            date = str(parse_date(text, locale))
        except InputError as exc:
            # (the reason first: a day number, a date written another way)
            return None, Message("column '{c}', row {row}: {why}; no date is taken (give --date)",
                                 c=column, row=rowno, why=said(exc))
        found.setdefault(date, (rowno, text))
    if len(found) == 1:
        (date, (rowno, text)), = found.items()
        return date, Message("the date {date} is read from column '{c}' (the same on each of "
                             "its {n} rows)", date=_dt.date.fromisoformat(date), c=column,
                             n=len(values))
    if found:
        firsts = sorted(found.values())[:3]
        return None, Message("column '{c}' gives different dates ({dates}): no date is taken "
                             "(give --date)", c=column, dates=Listing("; ", [
                                 Message("row {row}: '{v}'", row=r, v=v) for r, v in firsts]))
    return None, ""


def _date_at(text: str, locale: str | None):
    """``(dates, as written)`` of the date ``text`` starts with (``dates``:
    its readings, one unless it could be several), or None."""
    for pattern, orders in _DATE_SHAPES:
        m = re.match(pattern, text)
        if not m:
            continue
        if locale in LOCALES:
            try:
                return frozenset([str(parse_date(m.group(0), locale))]), m.group(0)
            except InputError:
                pass
        readings = frozenset(d.isoformat() for d in (_reading(m.groups(), o) for o in orders)
                             if d is not None)
        return (readings, m.group(0)) if readings else None
    return None


#: Month names as file names write them (``formatie per 1 januari 2026``,
#: ``organogram 30 Sept 2013``), Dutch and English, whole or short.
_MONTH_NAMES = {name: i for locale in _MONTHS for name, i in _month_names(locale)}


_WRITTEN_MONTH = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))


_DATE_SHAPES = [
    # (pattern, the orders its groups may be read in; n: a month by its name)
    (r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", ("ymd",)),
    (r"(?i)(?<![\d\w])(\d{1,2})[ _-]*(" + _WRITTEN_MONTH + r")\.?[ _-]*(\d{4})(?!\d)", ("dny",)),
    (r"(?<!\d)(\d{1,2})[-_.](\d{1,2})[-_.](\d{4})(?!\d)", ("dmy", "mdy")),
    (r"(?<!\d)(\d{1,2})[-_.](\d{1,2})[-_.](\d{2})(?!\d)", ("dmy", "mdy", "ymd")),
    (r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)", ("ymd",)),
    (r"(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)", ("dmy",)),
    (r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)", ("ymd", "dmy")),
]


def date_in_name(name: str, today: _dt.date | None = None,
                 locale: str | None = None) -> tuple[str | None, str]:
    """The date a file's name holds, and what to say of it.

    Every reading of a date-like part (year-month-day, day-month-year,
    month-day-year; two-digit years as 20YY) that is a real date and not
    after ``today`` (a published snapshot does not describe the future) is
    considered; one date is taken, several are reported and none taken.
    Under ``locale`` ``nl`` a day and month of numbers read day first, as
    the file's cells do (``formatie 1-3-2026.xlsx`` is of 1 March).

    >>> date_in_name("130930-organogram-senior.csv", _dt.date(2026, 1, 1))[0]
    '2013-09-30'
    >>> date_in_name("30-09-13-senior.csv", _dt.date(2026, 1, 1))[0]
    '2013-09-30'
    >>> date_in_name("20131002-junior.csv")[0]
    '2013-10-02'
    >>> date_in_name("formatie per 1 januari 2026.xlsx", _dt.date(2026, 6, 1))[0]
    '2026-01-01'
    >>> date_in_name("Organogram 30 Sept 2013.csv", _dt.date(2026, 6, 1))[0]
    '2013-09-30'
    >>> str(date_in_name("011013-DH-senior.csv", _dt.date(2026, 1, 1))[1]).split(": no date")[0]
    "the file's name holds '011013', which could be 13 October 2001 or 1 October 2013"
    >>> date_in_name("formatie 1-3-2026.xlsx", _dt.date(2026, 6, 1), "nl")[0]
    '2026-03-01'
    """
    today = today or _dt.date.today()
    for pattern, orders in _DATE_SHAPES:
        m = re.search(pattern, name)
        if not m:
            continue
        if locale == "nl":
            # (as the Dutch write a date: the day first)
            orders = tuple(o for o in orders if o != "mdy")
        found = sorted({d for d in (_reading(m.groups(), o) for o in orders)
                        if d is not None and d <= today})
        if len(found) == 1:
            return found[0].isoformat(), Message(
                "the date {date} is read from the file's name ('{v}')",
                date=found[0], v=m.group(0))
        if found:
            return None, Message(
                "the file's name holds '{v}', which could be {dates}: no date is taken "
                "(give --date)", v=m.group(0),
                dates=Listing(" or ", found))
    return None, ""


def _reading(groups, order: str) -> _dt.date | None:
    parts = {("m" if k == "n" else k): (_MONTH_NAMES[v.casefold()] if k == "n" else int(v))
             for k, v in zip(order, groups)}
    year = parts["y"] + 2000 if parts["y"] < 100 else parts["y"]
    try:
        return _dt.date(year, parts["m"], parts["d"])
    except ValueError:
        return None
