"""Making values from the data inert wherever orgmodel writes them.

A name, description or rule text comes from a spreadsheet that anybody may
have edited, so every output treats it as data, never as markup or commands:

* :func:`terminal`: control characters (colour, clear-screen, window-title
  escapes, carriage returns, bidirectional overrides) are shown as ``\\x1b``
  style escapes instead of being sent to the terminal;
* :func:`one_line` / :func:`breaks_shown`: a value on one line, each line
  break shown as ``⏎`` (an import's log, a list of problems);
* :func:`markdown`: no tag, link, image or table break can come out of a
  value in a Markdown renderer that allows HTML;
* :func:`csv_cell` / :func:`csv_frame`: a text cell that a spreadsheet would
  run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first)
  gets a leading ``'`` (the OWASP rule); numbers stay numbers;
* :func:`redact`: a password in a connection address never reaches a message.

The HTML export escapes through Jinja2's autoescaping and its own JSON
encoding (:mod:`orgmodel.formats.html`).
"""
from __future__ import annotations

import math
import numbers
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a frame is escaped
    import pandas as pd

__all__ = ["terminal", "one_line", "breaks_shown", "LINE_BREAK", "CONTROL", "json_controls",
           "markdown",
           "markdown_prose", "markdown_table", "csv_cell", "csv_frame", "to_csv", "redact"]

# C0 controls but newline and tab, DEL, C1 controls (0x9b is a one-byte CSI
# on some terminals), and the Unicode bidirectional overrides and isolates,
# which can make text read differently from what it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def _escape_char(m) -> str:
    c = m.group(0)
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def terminal(text: str) -> str:
    """``text`` with every control character shown as an escape.

    Examples
    --------
    >>> terminal("Team\\x1b[2J\\x1b]0;pwned\\x07 A")
    'Team\\\\x1b[2J\\\\x1b]0;pwned\\\\x07 A'
    >>> terminal("line one\\nline two")
    'line one\\nline two'
    """
    return _CONTROL.sub(_escape_char, text)


def one_line(text: str) -> str:
    """A value of the data in a line of the terminal: its control characters
    escaped (see :func:`terminal`), each line break shown as ``⏎`` (a
    title above a table written on two lines read as two lines of the log).

    Examples
    --------
    >>> one_line("Formatieoverzicht\\ngemeente X\\x1b[2J")
    'Formatieoverzicht⏎gemeente X\\\\x1b[2J'
    """
    return terminal(breaks_shown(text))


def breaks_shown(text: str) -> str:
    """``text`` with each line break (of any kind, ``\\r\\n`` one) shown
    as ``⏎``: a value that cannot read as two lines.

    >>> breaks_shown("p\\r\\n2\\u2028x")
    'p⏎2⏎x'
    """
    return LINE_BREAK.sub("⏎", text)


#: A line break of any kind (``\r\n`` one break): what ``str.splitlines``
#: breaks a line at, but for a tab.
LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
#: A control character no name or cell means to hold (a line break and a tab
#: aside): an old export's end-of-file mark (U+001A), an escape, a bell. It
#: prints nothing, a terminal obeys it, and XML cannot carry it.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")


def json_controls(text: str) -> str:
    """JSON text with the controls ``json`` leaves raw (C1, bidi) as ``\\u`` escapes.

    Examples
    --------
    >>> json_controls('"a\x9bb"')
    '"a\\\\u009bb"'
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


# (what can start markup inside a line: code, emphasis, links and images
# (an image's "!" starts nothing once its "[" is escaped, nor a
# parenthesis once no "]" precedes it), a table's cell, a strikethrough)
_MD_SPECIAL = re.compile(r"([\\`*\[\]|~]|(?<![^\W_])_)")
# A digit is no punctuation: "\1.500" would show its backslash.  An ordered
# list starts with digits, a dot and a space, so the dot is escaped there.
# (a sign before a digit starts no list or rule: "-2", a difference in a
# table, is left as it is written)
_MD_BLOCK_START = re.compile(r"^(\s*)(?:([-+](?!\d)|[=>#])|(\d+)([.)])(?=\s|$))")


def markdown(value) -> str:
    """A value as inert Markdown text, on one line.

    HTML's own characters become entities (so no tag, whatever the renderer;
    an ampersand only where it would start a character reference), link,
    image, code, emphasis and table characters are escaped, a value cannot
    start a heading, list or quote, and ``://`` cannot become an autolink.
    Parentheses, an ampersand and an underscore inside a word are left as
    they are: a report's Markdown is read raw as often as rendered.

    Examples
    --------
    >>> print(markdown("![t](http://x/p.png)"))
    !\\[t\\](http:&#47;&#47;x/p.png)
    >>> print(markdown("<script>alert(1)</script>"))
    &lt;script&gt;alert(1)&lt;/script&gt;
    >>> print(markdown("College van B&W (Gemandateerd) | uren_per_week"))
    College van B&W (Gemandateerd) \\| uren_per_week
    >>> print(markdown("# Kop"))
    \\# Kop
    >>> markdown(17), markdown(2 ** 1100)
    ('17', '1.35 × 10^331')
    >>> markdown("1.500"), markdown("1. Raad"), markdown("- x"), markdown("-2"), markdown("-- x")
    ('1.500', '1\\\\. Raad', '\\\\- x', '-2', '\\\\-- x')
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        # A count is worked out from its digits, never through float (a
        # route count of a dense matrix exceeds 1e308); past 15 digits a
        # reader gets its size, the CSVs keep every digit.
        digits = str(abs(int(value)))
        if len(digits) <= 15:
            return str(int(value))
        sign = "-" if value < 0 else ""
        return f"{sign}{digits[0]}.{digits[1:3]} × 10^{len(digits) - 1}"
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        # a number is inert as it is: "17.0" needs no escape against a list start
        return str(math.trunc(value)) if float(value).is_integer() else f"{float(value):.10g}"
    text = terminal(str(value)).replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    # (an ampersand is text unless it starts a character reference, and a
    # parenthesis starts nothing: "College van B&W (Gemandateerd)" reads in
    # the raw report as it is written)
    text = _REFERENCE.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = text.replace("://", ":&#47;&#47;")
    return _MD_BLOCK_START.sub(_inert_start, text)


# (an underscore after a letter or digit opens no emphasis, in CommonMark:
# only those that could are escaped, so that uren_per_week and
# grade_(or_equivalent) read as they are)
_PROSE_SPECIAL = re.compile(r"([\\`*\[\]!]|(?<![^\W_])_)")


def markdown_prose(value) -> str:
    """A text of the data inside a line of Markdown prose (a log that is
    read raw as often as rendered), inert: no tag, link, image, code or
    emphasis, but with its parentheses, dots and the underscores after a
    letter (``uren_per_week``) as they are, which start nothing there.

    Examples
    --------
    >>> print(markdown_prose("<img src=x onerror=alert(1)> **vet**"))
    &lt;img src=x onerror=alert(1)&gt; \\*\\*vet\\*\\*
    >>> print(markdown_prose("[klik](javascript:x) uren_per_week _nadruk_ F1 (Directeur)"))
    \\[klik\\](javascript:x) uren_per_week \\_nadruk_ F1 (Directeur)
    >>> markdown_prose("https://x.nl"), markdown_prose("P&O &amp; &#60;")
    ('https:&#47;&#47;x.nl', 'P&O &amp;amp; &amp;#60;')
    """
    text = terminal(str(value)).replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    # (an ampersand is text unless it starts a character reference: "P&O"
    # stays as a reader of the raw log expects it)
    text = _REFERENCE.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return _PROSE_SPECIAL.sub(r"\\\1", text).replace("://", ":&#47;&#47;")


#: An ampersand that starts a character reference in Markdown (``&amp;``,
#: ``&#60;``, ``&#x3C;``).
_REFERENCE = re.compile(r"&(?=#?\w+;)")


def _inert_start(m: re.Match) -> str:
    mark = m.group(2) or m.group(3)
    return m.group(1) + ("\\" + mark if m.group(2) else mark + "\\" + m.group(4))


#: A number, in either notation and with its thousands grouped (``-1.234,5``,
#: a Dutch file's), which a spreadsheet reads as one and runs nothing of.
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+|\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*)(?:[.,]\d+)?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A cell as a spreadsheet may open it without running anything.

    Examples
    --------
    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-1"), csv_cell(3), csv_cell("Team")
    ('\\'=HYPERLINK("http://x")', '-1', 3, 'Team')
    >>> csv_cell("-1.234,5"), csv_cell("-1,234.5"), csv_cell("-1.2.3")
    ('-1.234,5', '-1,234.5', "'-1.2.3")
    """
    if isinstance(value, str):
        if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
            return "'" + value
        return value
    if isinstance(value, (list, tuple)):
        return ";".join(str(csv_cell(v)) for v in value)
    return value


_LINE_STARTS_FORMULA = re.compile(r"^[=+\-@\t\r]", re.MULTILINE)


def _plain_text(cells: list) -> bool:
    """Whether every cell is text and none starts like a formula, found
    without a Python step per cell: the cells are joined (which fails on
    anything but text) and one search looks at the start of every line.  A
    cell with a line break inside may give a false alarm, never a miss."""
    try:
        joined = "\n".join(cells)
    except TypeError:
        return False
    return _LINE_STARTS_FORMULA.search(joined) is None


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell passed through :func:`csv_cell`.

    Numeric columns are left as they are, so numbers stay numbers.
    """
    import pandas as pd
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and \
                not pd.api.types.is_bool_dtype(out[col]):
            cells = out[col].tolist()
            if _plain_text(cells):
                continue
            # (most cells are plain text that needs nothing: tested inline, as
            # a call per cell is most of the time of a 1,000,000-row table)
            out[col] = [v if type(v) is str and not v.startswith(_FORMULA_START)
                        else csv_cell(v) for v in cells]
    out.columns = [csv_cell(str(c)) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame, target=None, sep: str = ",", decimal: str = ".",
           bom: bool = False):
    """Write ``frame`` as CSV that spreadsheets open safely (or return the text).

    Cells pass through :func:`csv_frame`; rows end in CRLF as RFC 4180 says,
    which also makes the csv writer quote a cell holding a carriage return.
    ``sep`` and ``decimal``: ``";"`` and ``","`` for a spreadsheet set to
    Dutch, which reads a comma as the decimal one; ``bom``: a byte-order mark
    first, without which Excel reads UTF-8 as its own code page
    (``FinanciÃ«n``).
    """
    text = csv_frame(frame).to_csv(None, index=False, lineterminator="\r\n", sep=sep,
                                   decimal=decimal)
    text = ("\ufeff" if bom else "") + text
    if target is None:
        return text
    if hasattr(target, "write"):        # (a file open for text, as pandas takes one)
        target.write(text)
        return None
    with open(target, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return None


def sheet_csv(frame: pd.DataFrame, target=None, lang: str = "en"):
    r"""``frame`` as CSV for a person's spreadsheet in ``lang`` (see
    :func:`to_csv`): in Dutch with a byte-order mark and ``;`` between cells,
    as Excel set to Dutch opens it by a double click (a comma-separated
    file opens there as one column); in English as :func:`to_csv` writes
    it, for programs as much as people.

    >>> import pandas as pd
    >>> sheet_csv(pd.DataFrame({"naam": ["Financiën"], "fte": ["1,5"]}), lang="nl")
    '\ufeffnaam;fte\r\nFinanciën;1,5\r\n'
    """
    dutch = lang == "nl"
    return to_csv(frame, target, sep=";" if dutch else ",", decimal="," if dutch else ".",
                  bom=dutch)


#: An address's credentials, up to the last "@" of the address: a password
#: may hold "@", "/" or "#" unencoded.
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^/@\s:]*)"
                       r"(?::\S*)?@(?=[^@\s]*(?:\s|$))")


def redact(text: str, *secrets: str) -> str:
    """``text`` without the password of any address in it, nor any of ``secrets``.

    Examples
    --------
    >>> redact("cannot reach bolt://neo4j:s3cret@db:7687")
    'cannot reach bolt://neo4j:***@db:7687'
    >>> redact("auth failed for s3cret", "s3cret")
    'auth failed for ***'
    >>> redact("'bolt://root:p@ss:w0rd/Seg#ment@127.0.0.1:1' is down")
    "'bolt://root:***@127.0.0.1:1' is down"
    """
    text = _USERINFO.sub(lambda m: f"{m.group('scheme')}{m.group('user')}:***@", str(text))
    for s in secrets:
        if s:
            text = text.replace(s, "***")
    return text


def markdown_table(frame: pd.DataFrame, columns=None) -> str:
    """A DataFrame as a Markdown table (no extra dependency).

    Examples
    --------
    >>> print(markdown_table(pd.DataFrame({"a": [1], "b": ["x|y"]})))
    | a | b |
    |---|---|
    | 1 | x\\|y |
    """
    if frame is None or frame.empty:
        return "_(none)_"
    frame = frame[list(columns)] if columns else frame
    head = "| " + " | ".join(map(markdown, frame.columns)) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(map(markdown, row)) + " |"
            for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])
