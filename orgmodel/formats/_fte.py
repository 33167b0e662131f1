"""A cell's FTE as HR exports and organograms write it: a number in the
file's notation, a percentage, hours over the full-time week, each holder's
share (``0,5 / 0,5``) or a range (``2-3``); and why a cell is none."""
from __future__ import annotations

import math
import re

from ..errors import InputError
from ..i18n import Message
from ..notation import LOCALES, SCIENTIFIC, groups_thousands, number_text, parse_number
from ._tables import slug

__all__ = ["MAX_FTE_OF_ONE", "FteRange", "read_fte", "fte_total", "cell_number",
           "read_two_ways", "more_than_they_work", "says_percent", "says_hours", "not_a_fte",
           "HOURS_UNIT", "FTE_PARTS"]


def read_two_ways(text: str) -> tuple | None:
    """``(as Dutch, as English)`` of a number the two notations read
    differently (``1,000``, ``25.000``); None for any other text."""
    try:
        nl, en = parse_number(text, "nl"), parse_number(text, "en")
    except InputError:
        return None
    return (nl, en) if nl != en else None


def cell_number(text: str, locale: str | None = None):
    """A cell's number under ``locale``; None when empty, ``"bad"`` when it is
    not one, ``"two ways"`` when, the file's notation not given, it could be
    two (``1,000``: 1 or 1000), ``"negative"``, ``"scientific"`` when it is
    in scientific notation (``1e308``, which a folder does not take back).

    >>> cell_number("1,000"), cell_number("1,000", "en"), cell_number("0,5"), cell_number("een")
    ('two ways', 1000.0, 0.5, 'bad')
    """
    if not text.strip():
        return None
    if SCIENTIFIC.search(text):
        return "scientific"
    try:
        value = parse_number(text, locale)
    except InputError:
        return "two ways" if locale is None and read_two_ways(text) else "bad"
    if value < 0:
        return "negative"
    return value if math.isfinite(value) else "bad"


def more_than_they_work(fte: float, named: list) -> bool:
    """Whether ``fte`` is more than the people ``named`` can work (over
    :data:`MAX_FTE_OF_ONE` each): hours per week, or a post of several
    places under one name; with nobody named, it may be several places.

    >>> more_than_they_work(36.0, ["C. Bakker"]), more_than_they_work(2.5, [])
    (True, False)
    """
    return bool(named) and fte > MAX_FTE_OF_ONE * len(named)


#: The most FTE one person holds: a full-time post is 1, and a longer week
#: than the full-time one (40 hours over 36) stays under it.  More on a row
#: that names its holders is not theirs to work (hours per week, read as FTE,
#: gave a director 36), and is not read as FTE; and a column of percentages
#: whose values stay under it holds shares of a post (80% kept as 0.8).
MAX_FTE_OF_ONE = 1.5


class FteRange:
    """A post's FTE given as a range (``2-3``, ``0,5 - 1``): a formation
    that allows from ``lo`` to ``hi`` FTE, as the sources write one ("2-3
    fte"). It is written into the model as such, never as one of its ends."""

    __slots__ = ("lo", "hi")

    def __init__(self, lo: float, hi: float):
        self.lo, self.hi = lo, hi

    def __repr__(self):
        return f"FteRange({self.lo!r}, {self.hi!r})"

    def text(self) -> str:
        """The range as the model's ``fte`` column writes it: ``0.5-1``."""
        return f"{number_text(self.lo)}-{number_text(self.hi)}"


#: Two numbers with a dash between them (``2-3``, ``0,5 – 1``): a range of FTE.
_FTE_RANGE = re.compile(r"^(\d[\d.,]*)\s*[-–—]\s*(\d[\d.,]*)(\s*\D*)$")


def _fte_range(text: str, read):
    """``text`` as a range of FTE, each end read by ``read`` (the unit after
    the second end is the range's: ``32-36 uur``): a :class:`FteRange`, the
    one number both ends are, ``"inverted"``, or None when it is no range."""
    m = _FTE_RANGE.match(text)
    if not m:
        return None
    lo, hi = read(m.group(1) + m.group(3)), read(m.group(2) + m.group(3))
    if not (isinstance(lo, float) and isinstance(hi, float)):
        return lo if not isinstance(lo, float) else hi
    if lo > hi:
        return "inverted"
    return FteRange(lo, hi) if lo < hi else lo


#: An FTE written as a word or a sign: full time is 1 FTE by what an FTE is.
_WORDS_OF_FTE = {"fulltime": 1.0, "full-time": 1.0, "full time": 1.0, "voltijd": 1.0,
                 "voltijds": 1.0, "½": 0.5, "¼": 0.25, "¾": 0.75}


def read_fte(text: str, locale: str | None = None, one_post: bool = False,
         week: float | None = None, hours: bool = False, percent: bool = False,
         holders: int = 1):
    """A cell's FTE, as :func:`cell_number` reads it; a percentage of a full-time
    post (``80%``, an *aanstelling* as Dutch HR writes it) is that share, and
    so are hours over the full-time week (``32/36``: the cell gives both);
    the unit written after the number (``0,8 fte``) is the unit asked for.
    ``week``: the hours of the organisation's full-time week, as the user
    gave it; then a cell in hours (``32 uur``), or any number of a column
    of hours (``hours``), is those hours over it.  ``percent``: the column
    gives percentages (its name says so: ``Aanstelling %``), so ``80`` is
    0.8.  ``one_post``: the FTE of one post, which has no thousands, so a
    number written with them grouped is ``"grouped"`` (a file that writes
    ``1.000`` for 1, read under ``nl``), not a thousand.  Several numbers
    (``0,5 / 0,5``, ``0,6; 0,4``, ``0,5 + 0,5``) are each holder's share, a
    tuple: when the row names as many ``holders``, or when none of them is
    more than one person works (``32/36`` is hours over the week, ``0,6/0,4``
    is no such thing: read as 1.5 it gave two part-timers half a post more).

    >>> read_fte("0,5 / 0,5", "nl", holders=2), read_fte("0,6/0,4", "nl"), read_fte("18 / 18", holders=2)
    ((0.5, 0.5), (0.6, 0.4), (18.0, 18.0))
    >>> read_fte("18 / 36"), read_fte("18 / 36", holders=2), read_fte("0,5 + een", "nl", holders=2)
    (0.5, (18.0, 36.0), 'bad')
    >>> read_fte("32/36 uur", week=36), read_fte("32/36 uur"), read_fte("+0,5", "nl"), read_fte("2 / 0", "nl")
    (0.8888888889, 0.8888888889, 0.5, 'bad')

    >>> read_fte("80%"), read_fte("0,8", "nl"), read_fte("87,5 %", "nl"), read_fte("32/36")
    (0.8, 0.8, 0.875, 0.8888888889)
    >>> read_fte("0,8 FTE", "nl"), read_fte("1 fte"), read_fte("fte"), read_fte("32 uur")
    (0.8, 1.0, 'bad', 'bad')
    >>> read_fte("Voltijd"), read_fte("fulltime"), read_fte("½"), read_fte("parttime")
    (1.0, 1.0, 0.5, 'bad')
    >>> read_fte("32 uur", week=36), read_fte("18", "nl", week=36, hours=True), read_fte("36", week=36)
    (0.8888888889, 0.5, 36.0)
    >>> read_fte("80", percent=True), read_fte("87,5", "nl", percent=True), read_fte("1", percent=True)
    (0.8, 0.875, 'share?')
    >>> read_fte("1.000", "nl"), read_fte("1.000", "nl", one_post=True), read_fte("0.889", "nl", True)
    (1000.0, 'grouped', 0.889)

    Two numbers with a dash are a range (a formation of 2 to 3 FTE):

    >>> read_fte("2-3"), read_fte("0,5 – 1", "nl"), read_fte("50-80%"), read_fte("18-36 uur", week=36)
    (FteRange(2.0, 3.0), FteRange(0.5, 1.0), FteRange(0.5, 0.8), FteRange(0.5, 1.0))
    >>> read_fte("3-2"), read_fte("1-1"), read_fte("1-een", "nl")
    ('inverted', 1.0, 'bad')
    """
    text = text.strip()
    if text[-3:].casefold() == "fte" and text[:-3].strip():
        text = text[:-3].strip()
    if text.casefold() in _WORDS_OF_FTE:
        # (a full-time post is 1 FTE by what FTE means; a fraction typed as
        # one sign, ½, is that fraction)
        return _WORDS_OF_FTE[text.casefold()]
    if SCIENTIFIC.search(text):
        # (before the parts: "1E+03" is no "1E" plus "03")
        return "scientific"
    between = _fte_range(text, lambda x: read_fte(x, locale, one_post, week, hours, percent))
    if between is not None:
        return between
    if text.endswith("%"):
        share = cell_number(text[:-1], locale)
        return round(share / 100, 10) if isinstance(share, float) else share
    if FTE_PARTS.search(text):
        # ("32/36 uur": the unit after the week's hours says what both are)
        unit = HOURS_UNIT.search(text.casefold()) if "/" in text else None
        if unit and len(FTE_PARTS.split(text[:unit.start()])) == 2 and holders < 2:
            text = text[:unit.start()]
        return _fte_parts(text, locale, one_post, week, hours, percent, holders)
    unit = HOURS_UNIT.search(text.casefold()) if week else None
    if unit:
        text, hours = text[:unit.start()], True
    value = cell_number(text, locale)
    if hours and week and isinstance(value, float):
        return round(value / week, 10)
    if percent and isinstance(value, float):
        # (1 in a column of percentages: 1% of a post, or 100% as a cell
        # formatted as a percentage keeps it; no post is 1.5% of one)
        return "share?" if 0 < value <= MAX_FTE_OF_ONE else round(value / 100, 10)
    # (a number with its thousands grouped is 1000 or more: the test is
    # made on those alone, not on every row)
    if one_post and isinstance(value, float) and value >= 1000 and \
            groups_thousands(text, locale):
        return "grouped"
    return value


#: What writes several numbers in one FTE cell: one per holder
#: (``0,5 / 0,5``), or hours over the week (``32/36``); not a sign before
#: the first (``+0,5``).
FTE_PARTS = re.compile(r"(?<=\S)\s*[/;+]\s*")


def _fte_parts(text: str, locale, one_post, week, hours, percent, holders: int):
    """A cell of several numbers, as :func:`read_fte` reads it: each holder's
    share, or one number of hours over the week."""
    raw = FTE_PARTS.split(text)
    if len(raw) == 2 and "/" in text and holders < 2:
        # (hours over the week: two plain numbers, the second a week's hours)
        h, w = cell_number(raw[0], locale), cell_number(raw[1], locale)
        if isinstance(h, float) and isinstance(w, float) and w > MAX_FTE_OF_ONE:
            return round(h / w, 10)
    parts = [read_fte(p, locale, one_post, week, hours, percent) for p in raw]
    bad = [p for p in parts if not isinstance(p, float)]
    if bad or not all(raw):
        return "negative" if "negative" in bad else "bad"
    if len(parts) == holders > 1 or max(parts) <= MAX_FTE_OF_ONE:
        return tuple(parts)
    return "bad"


def fte_total(value) -> float:
    """The FTE :func:`read_fte` read, as one number: its holders' shares summed,
    0 for a cell that is none.

    A range counts as its least (a totals row of such a file is checked
    against the least the posts add up to).

    >>> fte_total((0.5, 0.3)), fte_total(0.8), fte_total("bad"), fte_total(FteRange(2.0, 3.0))
    (0.8, 0.8, 0.0, 2.0)
    """
    if isinstance(value, tuple):
        return round(sum(value), 10)
    if isinstance(value, FteRange):
        return value.lo
    return value if isinstance(value, float) else 0.0


#: The unit of a cell in hours (``32 uur``, ``32u``, ``32 hours``).
HOURS_UNIT = re.compile(r"(?<=\d)\s*(u|uur|uren|h|hrs?|hours?)\s*$")


#: A column's name that says it gives hours (``uren per week``,
#: ``contracturen``, ``hours``), folded: not a word that only holds the
#: letters (``uurloon``, ``duur``).
_HOURS_NAME = re.compile(r"(?:^|[^a-z])(?:uren|uur|hours?|hrs)(?:[^a-z]|$|per|pw)"
                         r"|[a-z]uren(?:[^a-z]|$)")


#: A column's name that says it gives percentages (``Aanstelling %``,
#: ``Aanstellingspercentage``, ``Deeltijd in procenten``).
_PERCENT_NAME = re.compile(r"(procent|procenten|percentage|pct|percent)(?:[^a-z]|$)")


def says_percent(column: str) -> bool:
    """Whether a column's name says that it gives percentages, not FTE.

    >>> [says_percent(c) for c in ("aanstelling_%", "Aanstellingspercentage", "FTE", "fte")]
    [True, True, False, False]
    """
    return "%" in column or bool(_PERCENT_NAME.search(slug(column)))


def says_hours(column: str) -> bool:
    """Whether a column's name says that it gives hours, not FTE.

    >>> [says_hours(c) for c in ("uren_per_week", "Contracturen", "Formatie (uren)", "FTE",
    ...                           "uurloon", "duur", "Hours per week", "UrenPerWeek")]
    [True, True, True, False, False, False, True, True]
    """
    return bool(_HOURS_NAME.search(slug(column)))


def not_a_fte(value, text: str, locale: str | None = None) -> Message:
    """Why a cell is no FTE: negative, hours (which need a full-time week
    that the file does not give), thousands for one post (see :func:`read_fte`),
    or not a number."""
    if value == "negative":
        return Message("is negative")
    if value == "scientific":
        return Message("is written in scientific notation (as a spreadsheet shows a number too "
                       "long for its column)")
    if value == "inverted":
        return Message("is a range whose first number is the larger (write the smaller first: "
                       "2-3)")
    if isinstance(value, FteRange):
        return Message("is a range, where one number is read")
    if isinstance(value, tuple):
        return Message("gives several numbers, where one is read")
    if value == "share?":
        return Message("is in a column of percentages: {v}% of a post, or a share of one (a cell "
                       "formatted as a percentage keeps 100% as 1)? Write it as a percentage "
                       "({pct}%)", v=text, pct=number_text(parse_number(text, locale) * 100))
    if value == "two ways":
        nl, en = read_two_ways(text) or ("?", "?")
        return Message("could be {nl} (as Dutch writes numbers) or {en} (as English does): give "
                       "the file's notation with --locale nl or --locale en",
                       nl=number_text(nl), en=number_text(en))
    if value == "grouped":
        n = number_text(parse_number(text, locale))
        if locale not in LOCALES:
            return Message("is {n}, written with its thousands grouped: too many for one post",
                           n=n)
        return Message("is {n} under {locale}, where '{sep}' groups thousands: too many for one "
                       "post (if the file writes '{sep}' as a decimal point, import it with "
                       "--locale {other})", n=n, locale=locale, sep="." if locale == "nl" else ",",
                       other="en" if locale == "nl" else "nl")
    if HOURS_UNIT.search(text.casefold()):
        return Message("is not a number: hours? give this organisation's full-time week with "
                       "--full-time HOURS (orgmodel does not assume one), or FTE, or the hours "
                       "over the week (32/36)")
    return Message("is not a number")
