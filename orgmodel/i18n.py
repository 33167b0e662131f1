"""Every text a user reads, in English or Dutch: gettext catalogs read with
Babel, numbers and dates in the language's notation.

The English text is the message id.  The Dutch is in the gettext catalog
``orgmodel/locale/nl/LC_MESSAGES/orgmodel.po`` (a translator edits it with
any PO editor; ``make messages`` extracts the ids from the code with Babel
and adds the new ones), in the terms of the sources (lijn,
concerndirecteur, opdrachtgever, mandaat, portefeuille ...).  Analyses
return their findings and explanations as a message id and its values
(:class:`Message`); the report, the page, the diff, the register and the
command line render them with a :func:`translator` at the edge.  A test
extracts every message id and fails when one has no Dutch.

Contexts keep apart the short words that mean different things as a label,
a column or a cell value: ``t.column("direct_reports")`` names a table
column, ``t.value("top")`` is a cell's value.

Numbers, amounts and dates in a message are written in the language's
notation (Babel's CLDR data): ``1.234,5`` and ``€ 25.000`` and
``1 januari 2026`` in Dutch; machine formats (CSV for machines, JSON) keep
their own.

Examples
--------
>>> t = translator("nl")
>>> t("Summary"), t("{n} findings", n=3), t.column("direct_reports")
('Samenvatting', '3 bevindingen', 'directe ondergeschikten')
>>> t.number(191893.5), t.amount(25000), t.date("2026-01-01")
('191.893,5', '€\\xa025.000', '1 januari 2026')
>>> translator("en").number(191893.5), translator("en").column("direct_reports")
('191,893.5', 'direct reports')
>>> translator("en").amount(25000)
'25,000'
>>> t(Message("{n} findings", n=1234))
'1.234 bevindingen'
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from pathlib import Path
from typing import Callable

from .errors import OrgModelError

__all__ = ["translator", "Translator", "Message", "Listing", "Texts", "Amount", "Figure", "Moment", "N_",
           "LANGS", "messages", "CATALOGS", "text_of", "said", "written_on", "count"]

LANGS = ("en", "nl")
#: The Babel locale of each language (its number and date notation).
_LOCALES = {"en": "en_GB", "nl": "nl_NL"}
#: Where the catalogs are: ``CATALOGS / lang / "LC_MESSAGES" / "orgmodel.po"``.
CATALOGS = Path(__file__).resolve().parent / "locale"
#: Columns whose cells are the data's own words (names, citations), never
#: taken for a word to translate.
OWN_WORDS = ("id", "name", "holders", "source", "note", "chain", "played_by", "through", "from",
             "to", "role", "post", "mandator", "mandatee", "power", "body", "key")
#: Texts of the data it may also give in Dutch, in a column of their own
#: beside the English (``note_nl`` beside ``note``): shown in the reader's
#: language by :func:`in_language`.
IN_DUTCH = {"note": "note_nl"}
#: Columns of citations (``D-FS-VI bullet 6``): written by :meth:`Translator.cite`.
CITATION_COLUMNS = ("source",)
#: Columns that hold amounts of money (written as amounts: € 25.000).
AMOUNT_COLUMNS = ("ceiling", "ceiling_applies", "budget")
#: Columns that hold dates (written out in Dutch: 1 januari 2026).
DATE_COLUMNS = ("valid_from", "valid_to", "decision_date", "in_force", "date")
#: Columns of instants (a push's time in the history): the day written out
#: and the time in UTC, in a language other than English.
TIME_COLUMNS = ("at", "pushed_at")
#: The catalogs read so far, per language (read once per process, as
#: gettext itself keeps them; see :func:`messages`).
_READ: dict = {}


def written_on() -> _dt.date:
    """The date an output says it was written on: today, or the day (UTC) of
    ``SOURCE_DATE_EPOCH`` when that is set.

    ``SOURCE_DATE_EPOCH`` (seconds since 1970-01-01 UTC) is the
    reproducible-builds convention: with it, the same model gives the same
    report and page byte for byte on any day, so a team that keeps its
    reports under version control sees only real changes.

    Examples
    --------
    >>> import os
    >>> os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    >>> written_on()
    datetime.date(2026, 1, 1)
    >>> os.environ["SOURCE_DATE_EPOCH"] = "yesterday"
    >>> written_on()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    orgmodel.errors.OrgModelError: SOURCE_DATE_EPOCH is 'yesterday': it must be a whole number ...
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    import os
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return _dt.date.today()
    if not epoch.strip().isdigit():
        raise OrgModelError(Message("SOURCE_DATE_EPOCH is '{value}': it must be a whole number "
                                    "of seconds since 1970-01-01 (UTC), or not set",
                                    value=epoch))
    return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()


def count(n: int, one: str, many: str, **values) -> Message:
    """``n`` things as a :class:`Message`: ``one`` (the singular's id) when
    ``n`` is 1, else ``many``.  English and Dutch make the same choice, so
    each form is its own message id: ``1 functie``, ``2 functies``, never
    ``1 functies``.

    >>> count(1, N_("{n} post"), N_("{n} posts")), translator("nl")(count(3, "{n} post", "{n} posts"))
    ('1 post', '3 functies')
    """
    return Message(one if n == 1 else many, n=n, **values)


def N_(text: str) -> str:
    """Mark ``text`` as a message id for extraction; it is translated where
    it is shown (gettext's ``N_``)."""
    return text


#: Where in a passage a citation points, after the passage's id
#: (``D-FS-VI bullet 6``, ``A-2.2 principle 1``, ``D-FS-V end``): the words
#: a citation's locator may use, each with the message it is written as in
#: another language (``{n}`` the number after it).
LOCATORS = {"bullet": N_("bullet {n}"), "item": N_("item {n}"),
            "principle": N_("principle {n}"), "last bullet": N_("last bullet"),
            "last item": N_("last item"), "end": N_("end"), "table": N_("table")}
_LOCATOR = re.compile(r"(?<=\S) (last bullet|last item|bullet|item|principle|end|table)"
                      r"(?: (\d+))?(?=$|[ ;,)])")


class Message(str):
    """A text to show, kept as its message id and values: what an analysis
    returns, rendered in the reader's language by a :class:`Translator`.

    It *is* its English text (a ``str``), so a table, a CSV file, a test or a
    caller that compares text sees what it always saw; a translator finds
    the id and the values in it.

    >>> m = Message("{n} findings", n=3)
    >>> m == "3 findings", m.text, m.values
    (True, '{n} findings', {'n': 3})
    >>> translator("nl")("Found: " + m)     # (joined to more text, it stays translatable)
    'Found: 3 bevindingen'
    """

    text: str
    values: dict

    def __new__(cls, text: str, values: dict | None = None, **more):
        values = {**(values or {}), **more}
        self = super().__new__(cls, _english(text, values))
        self.text, self.values = text, values
        return self

    def __reduce__(self):
        return (Message, (self.text, self.values))

    # A message joined to more text stays translatable: the parts are kept.
    def __add__(self, other):
        return Listing("", [self, other]) if isinstance(other, str) else NotImplemented

    def __radd__(self, other):
        return Listing("", [other, self]) if isinstance(other, str) else NotImplemented


class Texts(Message):
    """A text the data gives in several languages (``{nl: …, en: …}`` in
    ``org.yaml``): shown in the reader's language, else in English, else in
    the one there is.  As a ``str`` it is the English (or the one there is).

    >>> x = Texts({"nl": "de lijn", "en": "the line"})
    >>> str(x), translator("nl")(x)
    ('the line', 'de lijn')
    """

    texts: dict

    def __new__(cls, texts: dict):
        first = texts.get("en") or next(iter(texts.values()), "")
        self = str.__new__(cls, first)
        self.text, self.values, self.texts = first, {}, dict(texts)
        return self

    def __reduce__(self):
        return (Texts, (self.texts,))


def said(exc: BaseException) -> str:
    """What an exception says: its message as given (a :class:`Message`
    stays one, to be translated where shown), else its text."""
    if isinstance(exc, OSError) and isinstance(exc.strerror, Message):
        return exc.strerror           # (an OSError of orgmodel's own: the disk is full)
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)


def in_language(attrs: dict, lang: str) -> dict:
    """A node's or an edge's ``attrs`` as a reader of ``lang`` reads them:
    a text the data also gives in Dutch (:data:`IN_DUTCH`, ``note_nl``) in
    its English one's place for a Dutch reader, or where there is no
    English; the other language's column left out.

    >>> d = {"note": "the line", "note_nl": "de lijn"}
    >>> in_language(d, "nl"), in_language(d, "en"), in_language({"note_nl": "de lijn"}, "en")
    ({'note': 'de lijn'}, {'note': 'the line'}, {'note': 'de lijn'})
    """
    if not any(dutch in attrs for dutch in IN_DUTCH.values()):
        return attrs
    out = dict(attrs)
    for key, dutch in IN_DUTCH.items():
        text = out.pop(dutch, None)
        if text and (lang == "nl" or not out.get(key)):
            out[key] = text
    return out


def text_of(value):
    """A text of the data as it is, or a :class:`Texts` when the data gives
    it per language (a dict)."""
    return Texts(value) if isinstance(value, dict) else value


class Figure(float):
    """A number in a message with so many decimals (``Figure(x, 0)``), in
    the language's notation."""

    digits: int

    def __new__(cls, value, digits: int = 3):
        self = super().__new__(cls, value)
        self.digits = digits
        return self

    def __reduce__(self):
        return (Figure, (float(self), self.digits))


class Amount(float):
    """An amount of money in a message, written as one: ``€ 25.000`` in
    Dutch, ``25,000`` in English (as the data has it, in whole units)."""


class Moment(str):
    """An ISO instant in a message (a push's time, ``--at``), written out in
    the reader's language by :meth:`Translator.moment`."""


class Column(str):
    """The name of a column of the data (an attribute: ``name``, ``fte``)
    in a message, written as its table column is (``naam`` in Dutch) by
    :meth:`Translator.column`."""


class Listing(Message):
    """Texts (or messages) joined by a separator (a message id, such as
    ``" or "``), each translated where shown."""

    sep: str
    items: list

    def __new__(cls, sep: str, items):
        items = list(items)
        self = str.__new__(cls, sep.join(map(str, items)))
        self.text, self.values, self.sep, self.items = sep.join(map(str, items)), {}, sep, items
        return self

    def __reduce__(self):
        return (Listing, (self.sep, self.items))


class Sentence(Message):
    """A message that starts a sentence (a line of a log): its first letter
    a capital in any language, unless it starts with a value (a file's
    name stays as it is written).

    >>> m = Message("the date {date} is read from the file's name ('{v}')", date="x", v="y")
    >>> str(Sentence(m)), translator("nl")(Sentence(m))
    ("The date x is read from the file's name ('y')", "De datum x is gelezen uit de naam van het bestand ('y')")
    >>> str(Sentence(Message("{f} has no column", f="posts.csv")))
    'posts.csv has no column'
    >>> str(Sentence(Message("{f}: merged", f="f.xlsx") + " (read)"))
    'f.xlsx: merged (read)'
    """

    message: Message

    def __new__(cls, message):
        message = message if isinstance(message, Message) else Message(message)
        self = str.__new__(cls, _capital(_opening(message, {}), str(message)))
        self.text, self.values, self.message = message.text, message.values, message
        return self

    def __reduce__(self):
        return (Sentence, (self.message,))


def _capital(template: str, text: str) -> str:
    """``text`` with its first letter a capital when its ``template`` starts
    with a letter of its own (not a value)."""
    return text[:1].upper() + text[1:] if template[:1].isalpha() else text


def _opening(message, catalog: dict) -> str:
    """The template ``message`` starts with in ``catalog``'s language (of a
    :class:`Listing`, its first part's); a text that is no message is a
    value, which starts with none."""
    while isinstance(message, Listing):
        message = message.items[0] if message.items else ""
    if not isinstance(message, Message) or isinstance(message, Texts):
        return ""
    return catalog.get((None, message.text), message.text)


def messages(lang: str) -> dict:
    """The catalog of ``lang``: ``{(context or None, message id): text}``
    (empty for English, whose texts are the ids)."""
    if lang not in LANGS:
        raise OrgModelError(f"no language '{lang}': use {' or '.join(LANGS)}")
    if lang == "en":
        return {}
    if lang not in _READ:
        from babel.messages.pofile import read_po
        path = CATALOGS / lang / "LC_MESSAGES" / "orgmodel.po"
        with open(path, "rb") as f:
            catalog = read_po(f, locale=lang)
        _READ[lang] = {(m.context, m.id): m.string for m in catalog
                       if m.id and m.string and not m.fuzzy}
    return _READ[lang]


class Translator:
    """The texts of one language: ``t(text, **values)``, ``t.column``,
    ``t.value``, and the notation of numbers, amounts and dates."""

    def __init__(self, lang: str = "en", inert: Callable[[str], str] | None = None):
        self.lang = lang
        #: what a text of the data (a value that is no message, number or
        #: date) becomes in what is written: inert Markdown in a log file
        self.inert = inert
        self.locale = _LOCALES[lang]
        self._messages = messages(lang)
        #: The thousands separator of the language (CLDR).
        self._group = "," if lang == "en" else _group_symbol(self.locale)
        #: Babel's number pattern for each number of decimals, read once
        #: (a page of 40,000 posts writes 120,000 numbers)
        self._patterns: dict = {}

    def __call__(self, text, **values) -> str:
        if isinstance(text, Sentence):
            return _capital(_opening(text.message, self._messages), self(text.message, **values))
        if isinstance(text, Texts):
            return text.texts.get(self.lang) or str(text)
        if isinstance(text, Listing):
            return self(text.sep).join(self.format(x) for x in text.items)
        if isinstance(text, Message):
            text, values = text.text, {**text.values, **values}
            # (a word alone, such as an outcome or a sphere, is a value)
            text = (self._messages.get((None, text)) or self._messages.get(("value", text))
                    or text) if not values else self._messages.get((None, text), text)
        else:
            text = self._messages.get((None, text), text)
        if not values:
            return text
        return text.format(**{k: self.format(v) for k, v in values.items()})

    def column(self, name) -> str:
        """A table column's name (``direct_reports`` → ``direct reports``)."""
        name = str(name)
        got = self._messages.get(("column", name)) or self._messages.get((None, name))
        return got or name.replace("_", " ")

    def value(self, value) -> str:
        """A cell's value: a word the data or an analysis uses as a value
        (``top``, ``stated``, ``political``); anything else as it is."""
        if isinstance(value, Message):
            return self(value)
        if isinstance(value, bool):
            return self("yes") if value else self("no")
        if isinstance(value, str):
            return (self._messages.get(("value", value)) or self._messages.get((None, value))
                    or value)
        return "" if isinstance(value, float) and math.isnan(value) else self.format(value)

    def format(self, value) -> str:
        """A value in a message: a number in the language's notation, a
        date written out, a message translated, anything else as text."""
        if isinstance(value, Message):
            return self(value)
        if isinstance(value, bool):
            # (before int, which a bool is: "yes"/"ja", not "True" or "1")
            return self("yes") if value else self("no")
        if isinstance(value, Amount):
            return self.amount(value)
        if isinstance(value, Moment):
            return self.moment(value)
        if isinstance(value, Column):
            return self.column(value)
        if isinstance(value, Figure):
            return self.number(float(value), value.digits)
        if isinstance(value, int):
            return self.number(value)
        if isinstance(value, float):
            return self.number(value) if math.isfinite(value) else ""
        if isinstance(value, _dt.date):
            return self.date(value)
        return self.inert(str(value)) if self.inert else str(value)

    def frame(self, frame, own=OWN_WORDS, citations: bool = True):
        """A table as a reader of this language reads it: its columns named,
        numbers in its notation, yes and no, and the words and messages of
        the analyses translated; the data's own words (the columns ``own``
        and ``*_name``: names, citations, chains of names) stay as they are,
        but for what an analysis wrote into them, and where in a passage a
        citation points (:meth:`cite`) unless ``citations`` is False (a file
        that is read back, where a citation is a key)."""
        import pandas as pd
        if frame is None or frame.empty:
            return frame if frame is None else frame.rename(columns=self.column)
        out = frame.copy()
        for c in out.columns:
            col = out[c]
            if c in AMOUNT_COLUMNS:
                out[c] = [self.amount(v) if isinstance(v, (int, float)) and not isinstance(v, bool)
                          and pd.notna(v) else self(v) if isinstance(v, Message) else _blank(v)
                          for v in col]
            elif c in TIME_COLUMNS and self.lang != "en":
                out[c] = [self.moment(v) if isinstance(v, str) and v else _blank(v) for v in col]
            elif c in DATE_COLUMNS and self.lang != "en":
                out[c] = [self(v) if isinstance(v, Message) else self.date(v)
                          if isinstance(v, str) and v else _blank(v) for v in col]
            elif pd.api.types.is_bool_dtype(col):
                out[c] = col.map(self.value)
            elif pd.api.types.is_numeric_dtype(col):
                out[c] = [self.number(v) if pd.notna(v) else "" for v in col]
            elif c in CITATION_COLUMNS and citations:
                out[c] = [self.cite(v) if isinstance(v, str) else _blank(v) for v in col]
            elif not (c in own or str(c).endswith("_name")):
                out[c] = [self.value(v) if isinstance(v, (str, bool, int, float)) else _blank(v)
                          for v in col]
            else:
                out[c] = [self(v) if isinstance(v, Message) else _blank(v) for v in col]
        return out.rename(columns=self.column)

    def moment(self, value: str) -> str:
        """An ISO instant written out, its time in UTC (``5 december 2026,
        17:18:24 UTC``; the seconds when there are any); the day alone at its
        very end (``--at`` given a date); text that is no instant stays as it is.

        >>> nl = translator("nl")
        >>> nl.moment("2026-12-05T17:18:24.352+00:00"), nl.moment("2026-12-01T09:30:00.000+00:00")
        ('5 december 2026, 17:18:24 UTC', '1 december 2026, 09:30 UTC')
        >>> nl.moment("2026-12-01T23:59:59.999+00:00")
        '1 december 2026'
        """
        try:
            when = _dt.datetime.fromisoformat(value).astimezone(_dt.timezone.utc)
        except ValueError:
            return value
        if when.time() >= _dt.time(23, 59, 59, 999000):
            return self.date(when.date())
        clock = f"{when:%H:%M:%S}" if when.second or when.microsecond else f"{when:%H:%M}"
        return f"{self.date(when.date())}, {clock} UTC"

    def number(self, x, digits: int = 3) -> str:
        """``x`` with the language's separators, at most ``digits``
        decimals (``1.234,5`` in Dutch, ``1,234.5`` in English); nought
        without a sign (a sum that came to -0.0 read "-0").

        >>> translator("nl").number(-0.0), translator("en").number(-1e-9)
        ('0', '0')
        """
        if isinstance(x, float) and round(x, digits) == 0:
            x = 0.0
        if isinstance(x, int) or (isinstance(x, float) and x.is_integer() and abs(x) >= 1e15):
            # (whole numbers, however large: a matrix line has 2**150 routes,
            # past the precision Babel rounds with)
            text = f"{int(x):,}"
            return text if self.lang == "en" else text.replace(",", self._group)
        if digits not in self._patterns:
            from babel import Locale
            from babel.numbers import parse_pattern
            self._patterns[digits] = (parse_pattern("#,##0" + ("." + "#" * digits if digits
                                                              else "")),
                                      Locale.parse(self.locale))
        # (as babel.numbers.format_decimal writes it, its pattern parsed once)
        pattern, locale = self._patterns[digits]
        return pattern.apply(x, locale)

    def cite(self, source) -> str:
        """A citation in the language: each passage's id as the data writes
        it, the words after it that say where in the passage
        (:data:`LOCATORS`) translated; anything else as it is.

        Examples
        --------
        >>> translator("nl").cite("D-FS-VI bullet 6; D-B3")
        'D-FS-VI punt 6; D-B3'
        >>> translator("nl").cite("D-FS-VI last bullet"), translator("en").cite("D-FS-V end")
        ('D-FS-VI laatste punt', 'D-FS-V end')
        """
        text = "" if source is None else str(source)
        if self.lang == "en":
            return text

        def local(m) -> str:
            word, n = m.group(1), m.group(2)
            if (n is None) == ("{n}" in LOCATORS[word]):
                return m.group(0)          # ("bullet" with no number: not a locator)
            return " " + self(LOCATORS[word], **({"n": n} if n else {}))
        return _LOCATOR.sub(local, text)

    def span(self, lo, hi) -> str:
        """An amount known as a range, its ends as :meth:`number` writes
        them, joined by an en dash (``2–3``); one number when they are equal.

        Examples
        --------
        >>> translator("nl").span(2.5, 3)
        '2,5–3'
        >>> translator("en").span(1, 1.0)
        '1'
        """
        return self.number(lo) if lo == hi else f"{self.number(lo)}–{self.number(hi)}"

    def amount(self, x) -> str:
        """An amount in euro in Dutch (``€ 25.000``; cents only when there
        are), the number alone in English (``25,000``)."""
        from babel.numbers import format_currency
        whole = float(x) == int(float(x))
        if self.lang == "en":
            return self.number(x, 0 if whole else 2)
        return format_currency(x, "EUR", format="¤\xa0#,##0" if whole else "¤\xa0#,##0.00",
                               locale=self.locale, currency_digits=False)

    def date(self, value) -> str:
        """A date written out (``1 januari 2026``, ``1 January 2026``);
        text that is no date stays as it is."""
        from babel.dates import format_date
        if isinstance(value, str):
            try:
                value = _dt.date.fromisoformat(value[:10])
            except ValueError:
                return value
        return format_date(value, format="long", locale=self.locale)


def _group_symbol(locale: str) -> str:
    from babel.numbers import get_group_symbol
    return get_group_symbol(locale)


def _blank(value):
    """A cell with nothing in it (None, NaN) as an empty cell."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _english(text: str, values: dict) -> str:
    return Translator("en")(text, **values) if values else text


def translator(lang: str = "en", inert: Callable[[str], str] | None = None) -> Translator:
    """The texts of ``lang`` (``en`` or ``nl``); ``inert``: what a text of
    the data becomes in them (:func:`orgmodel.escape.markdown_prose` for a
    Markdown file), by default itself."""
    if lang not in LANGS:
        raise OrgModelError(f"no report language '{lang}': use {' or '.join(LANGS)}")
    return Translator(lang, inert)
