"""Numbers, amounts and dates as people type them, read under a locale.

A municipality types a mandate ceiling as ``25.000`` and means twenty-five
thousand; an English sheet types ``25,000``.  Read with the wrong convention,
either becomes 25, and ``who-decides`` answers wrongly without a word.  So
every cell is read under the organisation's declared locale (``locale: nl``
or ``locale: en`` in ``org.yaml``), and a value that could mean two things
is an error naming it, never a guess.

Under ``nl``: ``25.000`` and ``1.000.000`` group thousands, ``25.000,50``
and ``0,8`` have a decimal comma, ``€ 25.000`` is an amount; dates may be
written ``01-01-2026`` or ``1 januari 2026``.  Under ``en``: ``25,000`` and
``0.8``; dates ``1 January 2026``.  Without a locale only what no convention
reads differently is taken: ``25000``, ``0,8`` or ``0.8`` (one separator not
followed by three digits), ``1.000.000`` (several groups), ``25.000,50``
(both separators); ``25.000`` and ``25,000`` are refused, as they mean 25
in one convention and 25,000 in the other.  Dates without a locale are
``YYYY-MM-DD``, as everywhere the machine writes them.

Examples
--------
>>> parse_number("25.000", "nl"), parse_number("25,000", "en"), parse_number("0,8")
(25000.0, 25000.0, 0.8)
>>> parse_number("€ 1.000.000,50", "nl", amount=True)
1000000.5
>>> parse_number("25.000")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
orgmodel.errors.InputError: '25.000' could be 25 or 25000: write 25000, or declare the locale ...
>>> parse_date("1 januari 2026", "nl"), parse_date("31-12-2026", "nl")
('2026-01-01', '2026-12-31')
"""
from __future__ import annotations

import datetime as _dt
import math
import re

from .errors import InputError
from .i18n import N_, Message

__all__ = ["LOCALES", "SCIENTIFIC", "groups_thousands", "parse_number", "parse_ceiling", "parse_date",
           "NO_CEILING", "NO_SUCH_DAY", "says_no_ceiling",
           "number_text", "flow_text"]

#: Why a text written as a date is refused when it names no day (``31-2-2026``).
NO_SUCH_DAY = N_("'{text_}' is not a date that exists")

#: The locales an organisation may declare.
LOCALES = ("nl", "en")

#: (thousands separator, decimal separator) per locale.
_SEPARATORS = {"nl": (".", ","), "en": (",", ".")}

_CURRENCY = re.compile(r"^(?:€|EUR\b|eur\b)\s*|\s*(?:€|EUR|euro)$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PLAIN = re.compile(r"^\d+$")
_MACHINE = re.compile(r"^\d+(?:\.\d+)?[eE][+-]?\d+$")       # how a program writes 1e+06
_GROUPED = re.compile(r"^\d{1,3}(?:(?P<sep>[.,])\d{3})(?:(?P=sep)\d{3})*$")
_ONE_SEP = re.compile(r"^(?P<int>\d+)(?P<sep>[.,])(?P<frac>\d+)$")
_NO_WHOLE = re.compile(r"^[.,]\d+$")                          # ",5" for 0,5
_BOTH = re.compile(r"^(?P<int>\d{1,3}(?:(?P<group>[.,])\d{3})*)(?P<dec>[.,])(?P<frac>\d+)$")
#: Whole euros, written after the decimal comma (``25.000,-``).
_WHOLE = re.compile(r",(?:-{1,2}|=)$")
#: Scale words after an amount's number (``1,5 miljoen``, ``2 mln.``,
#: ``25 duizend``, ``25k``).
_SCALES = {"miljoen": 10**6, "mln": 10**6, "miljard": 10**9, "mld": 10**9, "mrd": 10**9,
           "million": 10**6, "billion": 10**9, "duizend": 10**3, "thousand": 10**3, "k": 10**3}
_SCALE = re.compile(r"(?<=\d)\s*(" + "|".join(_SCALES) + r")\.?$", re.IGNORECASE)
_SPACE_GROUPED = re.compile(r"^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$")

_MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "en": ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"],
}
#: Short forms people write ("1 jan 2026", "1 mrt. 2026", "1 Sept 2026").
_SHORT = {"nl": {"febr": 2, "mrt": 3, "okt": 10, "sept": 9}, "en": {"sept": 9}}


def _locale_hint(locale) -> Message | str:
    # (a Message: said in the reader's language with the message around it)
    return "" if locale else Message(", or declare the locale (locale: nl or en in org.yaml)")


def parse_number(text: str, locale: str | None = None, amount: bool = False) -> float:
    """``text`` as a number under ``locale`` (``"nl"``, ``"en"`` or None).

    ``amount``: a currency sign or word (``€``, ``EUR``) may stand before or
    after it; whole euros may end ``,-`` (``€ 25.000,-``, a comma that is the
    decimal sign, so nl's notation); and a scale word may follow it, as a
    mandate register writes its largest ceilings (``€ 1,5 miljoen``, ``2
    mln``, ``1 miljard``, ``25 duizend``, ``25k``; ``1.5 million``).  The
    sign is kept (a negative value is the caller's to refuse).

    Raises
    ------
    InputError
        Not a number, not one in the locale's notation, or one that could
        mean two things.

    Examples
    --------
    >>> parse_number("€ 25.000,-", "nl", True), parse_number("€ 1,15 miljoen", "nl", True)
    (25000.0, 1150000.0)
    >>> parse_number("25.000,-", amount=True), parse_number("− 3"), parse_number(",5", "nl")
    (25000.0, -3.0, 0.5)
    >>> parse_number("€ 25 duizend", "nl", True), parse_number("€ 7,5K", "nl", True)
    (25000.0, 7500.0)
    >>> parse_number("1e400")
    Traceback (most recent call last):
    ...
    orgmodel.errors.InputError: '1e400' is too large a number
    """
    raw = text
    t = _SPACES.sub(" ", str(text)).strip().replace("\u2212", "-")
    scale = 1
    if amount:
        t, scale = _scaled(_CURRENCY.sub("", t).strip())
        t = _WHOLE.sub(",00", t)
    sign = -1.0 if t.startswith("-") else 1.0
    t = t.lstrip("+-").strip()
    if not t or not t.isascii():
        raise InputError(Message("'{raw}' is not a number", raw=raw))
    value = _unsigned(t, raw, locale, amount)
    if not math.isfinite(value * scale):
        # (1e400 is read by Python as infinity: no amount, FTE or count)
        raise InputError(Message("'{raw}' is too large a number", raw=raw))
    # (in cents, as a scaled amount is: 1,15 miljoen is not 1149999.9999999998)
    return sign * (round(value * scale, 2) if scale != 1 else value)


#: A mandate's ``ceiling`` where its source states there is none (an
#: organisation folder writes it so); an empty one is not recorded.
NO_CEILING = "none"
#: How a register or a folder says that a mandate has no ceiling, in
#: English and Dutch (read without case, spaces or a final point).
_NO_CEILING_WORDS = ("none", "no ceiling", "no limit", "unlimited", "geen", "geen grens",
                     "geen limiet", "geen maximum", "geen plafond", "geen financiële grens", "onbeperkt",
                     "onbegrensd", "zonder grens", "zonder limiet")


def says_no_ceiling(text: str) -> bool:
    """Whether ``text`` states that a mandate has no ceiling (``onbeperkt``,
    ``geen grens``, ``none``): not the same as an empty cell, which records
    nothing.

    >>> says_no_ceiling("Onbeperkt"), says_no_ceiling("geen grens."), says_no_ceiling("")
    (True, True, False)
    """
    folded = " ".join(_SPACES.sub(" ", str(text)).casefold().split()).rstrip(".")
    return folded in _NO_CEILING_WORDS


#: Words before a ceiling that say the amount itself is within it, as a
#: mandate register writes them: "max. € 10.000", "t/m € 25.000".
_UP_TO = re.compile(r"^(?:(?:max(?:imaal|imum)?|tot\s+en\s+met|tot\s+maximaal|ten\s+hoogste|"
                    r"hoogstens|up\s+to\s+and\s+including|at\s+most|not\s+more\s+than)\s+|"
                    r"(?:max\.|t/m|≤|<=)\s*)(?=\S)", re.IGNORECASE)
#: Words before an amount that leave open whether the amount itself is
#: within the ceiling ("tot" is read both ways in Dutch, "<" excludes it).
_BELOW = re.compile(r"^(?:(?:tot(?:\s+een\s+bedrag\s+van)?|minder\s+dan|onder|below|less\s+than|"
                    r"up\s+to)\s+|<\s*)(?=\S)", re.IGNORECASE)
#: Words before an amount that make it a floor, not a ceiling ("vanaf €
#: 5.000", "> 5.000").
_ABOVE = re.compile(r"^(?:(?:vanaf|meer\s+dan|boven|hoger\s+dan|minimaal|ten\s+minste|from|"
                    r"more\s+than|above|at\s+least)\s+|(?:>=|≥|>)\s*)(?=\S)", re.IGNORECASE)
#: Words after a ceiling that say what a ceiling is (the amount of one
#: decision): read, and the amount kept ("€ 25.000 per besluit").
_PER_DECISION = re.compile(r"\s*(?:per\s+besluit|per\s+decision)\.?\s*$", re.IGNORECASE)


#: A number in scientific notation (``1E+05``, ``2,5e-3``): how a
#: spreadsheet shows one too long or too small for its column, not a
#: ceiling or an FTE anyone typed.
SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")


def parse_ceiling(text: str, locale: str | None = None) -> float:
    """A mandate's ceiling as a register writes it: an amount (see
    :func:`parse_number`), after words that say the amount is within it
    (``max. € 10.000``, ``maximaal``, ``t/m``, ``tot en met``, ``ten
    hoogste``, ``≤``).  Refused, saying why: ``tot € 50.000`` or ``<``
    (whether € 50.000 itself is within the mandate, the register leaves
    open), a range (``€ 10.000 - € 50.000``) or a floor alone (``vanaf €
    5.000``, ``> 5.000``: orgmodel records no floor), and words after
    the amount (``per jaar``, ``excl. btw``: not an amount per decision,
    which is what a ceiling is compared with; ``per besluit`` says just
    that, and is read).

    >>> parse_ceiling("max. € 10.000", "nl"), parse_ceiling("t/m € 25.000,-", "nl")
    (10000.0, 25000.0)
    >>> parse_ceiling("€ 25.000 per besluit", "nl")
    25000.0
    >>> parse_ceiling("binnen budget", "nl")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    orgmodel.errors.InputError: 'binnen budget' names no amount: a ceiling is the highest ...
    >>> parse_ceiling("tot € 50.000", "nl")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    orgmodel.errors.InputError: 'tot € 50.000' does not make the amount itself part of ...
    """
    t = _SPACES.sub(" ", str(text)).strip()
    if SCIENTIFIC.search(t):
        # (1e308 was a ceiling of a 309-digit amount, which every warning then spelt out)
        raise InputError(Message(
            "'{text_}' is written in scientific notation (as a spreadsheet shows a number too "
            "long for its column): write the amount itself", text_=text))
    if re.fullmatch(r"[-‐‑‒–—―]{1,3}", t):
        # (a dash alone: "none" in one register, "not known" in another)
        raise InputError(Message(
            "'{text_}' is a dash, no amount: write 'none' (geen, onbeperkt) where the mandate has "
            "no ceiling, and leave the cell empty where none is recorded", text_=text))
    up_to = _UP_TO.match(t)
    below = None if up_to else _BELOW.match(t)       # ("tot maximaal" is an upper bound)
    if below:
        rest = t[below.end():]
        raise InputError(Message(
            "'{text_}' does not make the amount itself part of the mandate ('tot' leaves it "
            "open, '<' leaves it out): write 't/m {rest}' (or the amount alone) if it is, or "
            "the highest amount that is", text_=text, rest=rest))
    if not up_to and not below and _ABOVE.match(t):
        raise InputError(Message(
            "'{text_}' is a floor: orgmodel records a mandate's ceiling, the highest amount it "
            "covers; write that, and the floor in the conditions (voorwaarden)", text_=text))
    amount = t[up_to.end():] if up_to else t
    amount = _PER_DECISION.sub("", amount)
    if not re.search(r"\d", amount) and re.search(r"[^\W\d_]{2}", amount):
        # (a condition written where the amount goes: "binnen budget")
        raise InputError(Message(
            "'{text_}' names no amount: a ceiling is the highest amount of one decision; "
            "write a condition such as this in the conditions (voorwaarden), and leave the "
            "ceiling empty where none is set", text_=text))
    if re.search(r"\d\s*(?:-|–|—|tot)\s*(?:€|EUR)?\s*\d", amount, re.IGNORECASE):
        raise InputError(Message(
            "'{text_}' is a range: orgmodel records a mandate's ceiling, not a floor; write "
            "the highest amount, and the lowest in the conditions (voorwaarden)", text_=text))
    try:
        return parse_number(amount, locale, amount=True)
    except InputError:
        words = _qualifier(amount, locale)
        if words is None:
            raise
    raise InputError(Message(
        "'{text_}' is an amount with '{words}' after it: a ceiling is compared with the amount "
        "of one decision; write the amount alone, and '{words}' in the conditions "
        "(voorwaarden)", text_=text, words=words))


def _qualifier(t: str, locale: str | None) -> str | None:
    """The words after the longest start of ``t`` that is an amount
    (``€ 2 mln per jaar``: ``per jaar``), or None when no start of it is."""
    words = t.split(" ")
    for i in range(len(words) - 1, 0, -1):
        try:
            parse_number(" ".join(words[:i]), locale, amount=True)
        except InputError:
            continue
        return " ".join(words[i:])
    return None


def _scaled(t: str) -> tuple:
    """``t`` without a scale word after its number, and the scale."""
    m = _SCALE.search(t)
    if m is None:
        return t, 1
    return t[:m.start()].strip(), _SCALES[m.group(1).casefold().rstrip(".")]


def groups_thousands(text: str, locale: str | None) -> bool:
    """Whether ``text`` is a number written with its thousands grouped, as
    :func:`parse_number` reads it under ``locale``: where no value has
    thousands (one post's FTE), such a number is the file writing its
    decimals another way (``1.000`` for 1 in a file read under ``nl``).

    >>> groups_thousands("1.000", "nl"), groups_thousands("1.000", "en")
    (True, False)
    >>> groups_thousands("1.000,5", "nl"), groups_thousands("1000,5", "nl"), groups_thousands("0.800", "nl")
    (True, False, False)
    """
    t = _SPACES.sub(" ", str(text)).strip().lstrip("+-").strip()
    group = _SEPARATORS.get(locale or "", (None, None))[0]
    both, grouped, one = _BOTH.match(t), _GROUPED.match(t), _ONE_SEP.match(t)
    if _SPACE_GROUPED.match(t) or (both and both.group("group") not in (None, both.group("dec"))):
        return True
    if grouped and t.count(grouped.group("sep")) > 1:
        return True
    return bool(one and one.group("sep") == group and len(one.group("frac")) == 3
                and len(one.group("int")) <= 3 and one.group("int") != "0")


def _unsigned(t: str, raw: str, locale: str | None, amount: bool = False) -> float:
    if _PLAIN.match(t) or _MACHINE.match(t):
        return float(t)
    if _SPACE_GROUPED.match(t):
        return _unsigned(t.replace(" ", ""), raw, locale, amount)
    grouped = _grouped(t, raw, locale)
    if grouped is not None:
        return grouped
    m = _ONE_SEP.match(t)
    if m is None and _NO_WHOLE.match(t):
        # (",5" as typed for 0,5: nothing before the separator to group, so
        # it is the decimal one in either notation)
        return float("0." + t[1:])
    if m is None:
        raise InputError(Message("'{raw}' is not a number", raw=raw))
    return _one_separator(m.group("int"), m.group("sep"), m.group("frac"), raw, locale, amount)


def _grouped(t: str, raw: str, locale: str | None) -> float | None:
    """A number with thousands grouped (``1.000.000``, ``25.000,50``), or None."""
    group, dec = _SEPARATORS.get(locale or "", (None, None))
    m = _BOTH.match(t)
    if m and m.group("group") not in (None, m.group("dec")):
        _check_notation(m.group("dec") == dec or dec is None, raw, locale)
        return float(m.group("int").replace(m.group("group"), "") + "." + m.group("frac"))
    m = _GROUPED.match(t)
    if m and t.count(m.group("sep")) > 1:
        _check_notation(m.group("sep") == group or group is None, raw, locale)
        return float(t.replace(m.group("sep"), ""))
    return None


def _check_notation(ok: bool, raw: str, locale: str | None) -> None:
    if not ok:
        raise InputError(Message(
            "'{raw}' is not written as {locale} writes numbers ({v})",
            raw=raw, locale=locale, v=_example(locale)))


def _one_separator(whole: str, sep: str, frac: str, raw: str, locale: str | None,
                   amount: bool = False) -> float:
    """``25.000``, ``0,8``: one separator, thousands or decimals.  An amount
    in euros has no three decimals: ``25,000`` under ``nl`` (25 in its
    notation, 25000 in English) is refused, not read as 25.

    >>> _one_separator("25", ",", "000", "25,000", "nl", amount=True)
    Traceback (most recent call last):
    ...
    orgmodel.errors.InputError: '25,000' is an amount with three decimals under nl, 25: write 25.000 for 25000, or 25
    """
    if len(frac) == 3 and len(whole) <= 3 and whole != "0":
        # 25.000 / 25,000: thousands in one convention, a decimal in the other
        group = _SEPARATORS[locale][0] if locale in _SEPARATORS else None
        if group is None:
            raise InputError(Message(
                "'{raw}' could be {v} or {whole}{frac}: write {whole}{frac}{v2}",
                raw=raw, v=_plain(whole + '.' + frac), whole=whole, frac=frac,
                v2=_locale_hint(locale)))
        if sep != group and amount:
            raise InputError(Message(
                "'{raw}' is an amount with three decimals under {locale}, {v}: write "
                "{whole}{group}{frac} for {whole}{frac}, or {v}", raw=raw, locale=locale,
                v=_plain(whole + "." + frac).replace(".", sep), whole=whole, group=group,
                frac=frac))
        return float(whole + frac) if sep == group else float(whole + "." + frac)
    return float(whole + "." + frac)


def number_text(value: float) -> str:
    """A number as the organisation's files write it: every digit kept, and
    read back as the same number under every locale.

    >>> number_text(25000.0), number_text(1234567.89), number_text(25.125), number_text(0.8)
    ('25000', '1234567.89', '25.1250', '0.8')
    """
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(float(value))
    m = re.fullmatch(r"-?(\d{1,3})\.\d{3}", text)
    if m and m.group(1) != "0":
        text += "0"         # (25.125 reads as 25125 where a dot groups thousands)
    return text


def flow_text(value) -> str:
    """``value`` as YAML writes it on one line, so that a message about
    org.yaml or a change script shows a value in the file's own notation,
    not as Python writes it (``['a']``, ``None``, ``True``).

    >>> flow_text({"move": "tm", "to": ["cd", None], "ok": True})
    '{move: tm, to: [cd, ], ok: true}'
    """
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow_text(v)}".rstrip() for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(flow_text, value)) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)       # (`close:` with nothing after it)


def _plain(text: str) -> str:
    value = float(text)
    return f"{value:g}"


def _example(locale) -> Message:
    # (a Message: its "or" said in the reader's language)
    a, b = ("25.000", "0,8") if locale == "nl" else ("25,000", "0.8")
    return Message("{a} or {b}", a=a, b=b)


#: A date written as ISO writes one, whether or not the day exists.
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(text: str) -> str:
    """``text`` as a date in ISO notation, ``YYYY-MM-DD``, and in no other:
    what an option or a query's parameter takes (a cell of the data is read
    by :func:`parse_date`).

    >>> iso_date("2026-01-31")
    '2026-01-31'
    >>> iso_date("31-01-2026")
    Traceback (most recent call last):
    ...
    orgmodel.errors.InputError: '31-01-2026' is not a date: write it as YYYY-MM-DD
    >>> iso_date("2026-02-30")
    Traceback (most recent call last):
    ...
    orgmodel.errors.InputError: '2026-02-30' is not a date that exists
    """
    try:
        return _dt.date.fromisoformat(str(text)).isoformat()
    except ValueError:
        pass
    # (written as asked, but naming no day: "write it as YYYY-MM-DD" would
    # send the user looking for a fault of notation)
    if _ISO_DATE.fullmatch(str(text).strip()):
        raise InputError(Message(NO_SUCH_DAY, text_=text))
    raise InputError(Message("'{text_}' is not a date: write it as YYYY-MM-DD", text_=text))


def parse_date(text: str, locale: str | None = None) -> str:
    """``text`` as an ISO date (``YYYY-MM-DD``) under ``locale``.

    ``YYYY-MM-DD`` always; under ``nl`` also ``D-M-YYYY``, ``D/M/YYYY`` and
    ``1 januari 2026``; under ``en`` ``1 January 2026`` and ``January 1,
    2026`` (a date of numbers only, ``01/02/2026``, reads as two dates in
    English and is refused).  The time of midnight after it, as a
    spreadsheet writes a date cell out to CSV, is no part of it; another
    time of day is refused.

    >>> parse_date("2026-02-01 00:00:00"), parse_date("1-2-2026 0:00", "nl")
    ('2026-02-01', '2026-02-01')

    Raises
    ------
    InputError
        Not a date under the locale.
    """
    t = _SPACES.sub(" ", str(text)).strip()
    # (a date with the time of midnight, as a spreadsheet's date cell is
    # written out to CSV: '2026-02-01 00:00:00', '1-2-2026 0:00')
    clock = _TIME.search(t)
    if clock and _MIDNIGHT.fullmatch(clock.group(1)):
        t = _TIME.sub("", t)
    elif clock:
        raise InputError(Message("'{text_}' holds a time of day ({time}): a date is a day; "
                                 "write the date alone", text_=text, time=clock.group(1)))
    try:
        return _dt.date.fromisoformat(t).isoformat()
    except ValueError:
        pass
    iso = _ISO_DATE.fullmatch(t)
    # (2026-02-30 is written as a date: it names no day, as 30-2-2026 does not)
    found = tuple(map(int, iso.groups())) if iso else \
        _dutch_numeric(t) if locale == "nl" else None
    if found is None and locale in _MONTHS:
        found = _named_month(t, locale)
    if found is None:
        _refuse_a_date_written_otherwise(t, text)
        how = {"nl": N_("YYYY-MM-DD, 31-12-2026 or 31 december 2026"),
               "en": N_("YYYY-MM-DD or 31 December 2026")}.get(locale or "", N_("YYYY-MM-DD"))
        raise InputError(Message(
            "'{text_}' is not a date: write it as {how}",
            text_=text, how=Message(how))
                         + ("" if locale else Message(" (or declare the locale: nl in "
                                                      "org.yaml, to write 31-12-2026)")))
    try:
        return _dt.date(*found).isoformat()
    except ValueError:
        # (NO_SUCH_DAY first, whatever follows: a reader of several notations
        # looks for it)
        day, hint = Message(NO_SUCH_DAY, text_=text), "" if iso else _month_first(found)
        raise InputError(day + hint if hint else day) from None


def _month_first(found: tuple) -> Message | str:
    """Why a date of numbers that names no day (``(2020, 31, 3)`` read
    from ``03/31/2020`` day first) may have been written: month first, as
    the US does, when it names a day so.

    >>> str(_month_first((2020, 31, 3)))
    ': written month first, as the US does? Write it as 2020-03-31'
    """
    year, month, day = found
    try:
        iso = _dt.date(year, day, month).isoformat()
    except ValueError:
        return ""
    return Message(": written month first, as the US does? Write it as {iso}", iso=iso)


def _refuse_a_date_written_otherwise(t: str, text: str) -> None:
    """Refuse, with its real cause, a date a spreadsheet wrote as its day
    number (``45292``: the column lost its date format in the export) or
    with a year of two digits (``1-1-26``: 2026 or 1926, the text does not
    say); return for any other text.

    >>> _refuse_a_date_written_otherwise("45292", "45292")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    orgmodel.errors.InputError: '45292' is a spreadsheet's number for a day (2024-01-01 in ...
    """
    if re.fullmatch(r"[1-9]\d{4}", t) and 20_000 <= int(t) <= 80_000:
        day = (_dt.date(1899, 12, 30) + _dt.timedelta(days=int(t))).isoformat()
        raise InputError(Message(
            "'{text_}' is a spreadsheet's number for a day ({day} in Excel), not a date: the "
            "column lost its date format in the export; give it a date format and export "
            "again, or write {day}", text_=text, day=day))
    if re.fullmatch(r"\d{1,2}([-/.])\d{1,2}\1\d{2}", t):
        raise _year_in_two_digits(text, t[:-2], t[-2:])


def _year_in_two_digits(text: str, day: str, year: str) -> InputError:
    """The refusal of a date ``text`` written ``day`` and a ``year`` of two
    digits, which do not say the century (2026 or 1926)."""
    in_full = [f"{day}{century}{year}" for century in (19, 20)]
    return InputError(Message(
        "'{text_}' gives its year in two digits, which do not say the century: write the "
        "year in full ({a} or {b})", text_=text, a=in_full[0], b=in_full[1]))


#: A time of day after a date (``2026-02-01 00:00:00``, ``2026-02-01T08:30``).
_TIME = re.compile(r"(?<=\d)[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$")
_MIDNIGHT = re.compile(r"0?0:00(?::00(?:\.0+)?)?")


def _dutch_numeric(t: str):
    m = re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})", t)
    return (int(m.group(4)), int(m.group(3)), int(m.group(1))) if m else None


def _named_month(t: str, locale: str):
    """``(year, month, day)`` of a date written with its month's name, whole
    or short, between spaces or dashes (``1 jan. 2026``, ``1-feb-2026``: a
    spreadsheet's date format ``d-mmm-jjjj``); None for another text, and
    refused with two digits of a year (``1-feb-26``), which do not say the
    century.

    >>> _named_month("1-febr-2026", "nl"), _named_month("01-Mar-2026", "en")
    ((2026, 2, 1), (2026, 3, 1))
    """
    months = {name: i for name, i in _month_names(locale)}
    m = re.fullmatch(r"(\d{1,2})(?:\s+|\s*-\s*)([a-z]+)\.?(?:\s+|\s*-\s*)(\d{4}|\d{2})",
                     t.casefold())
    if m and m.group(2) in months and len(m.group(3)) == 2:
        raise _year_in_two_digits(t, t[:m.start(3)], m.group(3))
    if m and m.group(2) in months:
        return int(m.group(3)), months[m.group(2)], int(m.group(1))
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", t.casefold())
    if locale == "en" and m and m.group(1) in months:
        return int(m.group(3)), months[m.group(1)], int(m.group(2))
    return None


def _month_names(locale: str) -> list:
    """``(name, number)`` of each way ``locale`` writes a month: whole, its
    first three letters, and the short forms people write (``mrt``)."""
    whole = [(name, i) for i, name in enumerate(_MONTHS[locale], start=1)]
    return whole + [(name[:3], i) for name, i in whole] + list(_SHORT[locale].items())
