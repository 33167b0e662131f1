"""Reading an organisation folder: ``org.yaml``, ``nodes.csv``, ``edges.csv``.

This is the first stage of the pipeline (read → validate → model).  It only
turns files into tables and notes what it could not read; judging the content
is :mod:`orgmodel.validate`'s job.  Cells are read as text, so that an id such
as ``007`` stays ``007`` and empty cells stay empty.

What is accepted (the README's "What input is accepted" says the same):

* encodings: UTF-8 with or without a byte-order mark, UTF-16 with a
  byte-order mark (Excel's "Unicode text"), and Windows-1252 (Excel's plain
  "CSV" on a Dutch or Western Windows), tried in that order;
* separators: ``,``, ``;`` (Dutch-locale Excel) or tab, chosen from the
  header row;
* column names without regard to case, surrounding spaces or Unicode normal
  form (`` FTE`` is read as ``fte``); every cell in Unicode NFC, so a name
  typed with a combining accent matches one typed with a precomposed one,
  with a no-break space as a space, and without a zero-width space, a word
  joiner or a byte-order mark, which no reader sees;
* row numbers as a spreadsheet shows them: the header is row 1, blank lines
  count, a quoted cell with line breaks is one row.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pandas as pd
import yaml

from ._filekind import named_otherwise
from .errors import InputError, Problem
from .i18n import N_, Message, count, said
from .limits import Limits, current, too_long_cell, too_many_rows

if TYPE_CHECKING:  # names in annotations only
    from ._types import PathLike


__all__ = ["RawOrg", "read_folder", "read_table", "read_manifest", "records", "MANIFEST",
           "NODES", "EDGES"]

MANIFEST = "org.yaml"
NODES = "nodes.csv"
EDGES = "edges.csv"

#: Deeper nesting than this in org.yaml is refused before anything walks it.
MAX_YAML_DEPTH = 20


@dataclass
class RawOrg:
    """The unjudged contents of an organisation folder.

    ``unreadable`` names the files that could not be read at all, so that
    validation skips the checks that depend on them instead of reporting
    their absence row by row.
    """

    path: Path
    manifest: dict = field(default_factory=dict)
    nodes: pd.DataFrame = field(default_factory=pd.DataFrame)
    edges: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list = field(default_factory=list)
    unreadable: set = field(default_factory=set)


def _normal(text: str) -> str:
    """``text`` in Unicode NFC, with its no-break spaces as spaces and
    without the characters no reader sees (a zero-width space, a word
    joiner, a byte-order mark inside a cell): the same id typed twice is one
    id, though one cell has ``FP\u00a01`` (a space Excel or a web page put
    there) or ``F001\u200b`` (a zero-width space pasted from a web page or
    a document with the id) and the other ``FP 1`` or ``F001``.

    >>> _normal("FP\u00a01") == _normal("FP 1"), _normal("Jose\u0301") == "Jos\u00e9"
    (True, True)
    >>> _normal("F001\u200b"), _normal("\ufeffAnna de\u2060Vries")
    ('F001', 'Anna deVries')
    """
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text).translate(_READER_SEES)


#: No-break spaces: a space to the reader (no-break, narrow no-break, figure).
_HARD_SPACES = ("\u00a0", "\u202f", "\u2007")
#: Characters no reader sees and that join or part nothing a reader reads:
#: zero-width space, word joiner, zero-width no-break space (a byte-order
#: mark).  (The zero-width joiner and non-joiner are left: they shape the
#: letters of Persian or Indic names, and emoji.)
_UNSEEN = ("\u200b", "\u2060", "\ufeff")
#: Each cell's characters as a reader sees them (see :func:`_normal`).
_READER_SEES = str.maketrans({**dict.fromkeys(_HARD_SPACES, " "), **dict.fromkeys(_UNSEEN)})


#: The encodings :func:`decoded` names, as a reader knows them.
UTF8, UTF16, WINDOWS_1252 = "UTF-8", "UTF-16", "Windows-1252"


def decode(data: bytes) -> str:
    """Bytes of a text file as text, in the first encoding that fits (see
    :func:`decoded`).

    Examples
    --------
    >>> decode("Wethouder Çelik".encode("cp1252"))
    'Wethouder Çelik'
    >>> decode(codecs.BOM_UTF8 + b"id")
    'id'
    """
    return decoded(data)[0]


def _utf16_without_mark(head: bytes) -> bool:
    """Whether ``head`` reads as UTF-16 text of Western letters without its
    byte-order mark: every other byte NUL, the bytes between them printable.

    >>> _utf16_without_mark("id;naam;Anna".encode("utf-16-le"))
    True
    >>> _utf16_without_mark(b"PK\\x03\\x04\\x00")
    False
    """
    head = head[:len(head) // 2 * 2]
    for nuls, text in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
        if len(nuls) >= 4 and not nuls.strip(b"\x00") and \
                all(32 <= b < 127 or b in b"\t\r\n" or b >= 160 for b in text):
            return True
    return False


def decoded(data: bytes) -> tuple[str, str]:
    """Bytes of a text file as text, and the encoding it was read in: UTF-8
    (with or without a byte-order mark), UTF-16 (with one), else
    Windows-1252.

    Raises
    ------
    InputError
        When the bytes are no text in any accepted encoding (a workbook
        saved under a ``.csv`` name, say).

    Examples
    --------
    >>> decoded("Coördinator".encode("cp1252"))
    ('Coördinator', 'Windows-1252')
    >>> decoded("Coördinator".encode("utf-8"))
    ('Coördinator', 'UTF-8')
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), UTF16
        except UnicodeDecodeError:
            raise InputError("starts like UTF-16 text but is not: save it as 'CSV UTF-8'") from None
    why = named_otherwise(io.BytesIO(data[:2**20]) if not data.startswith(b"PK") else
                          io.BytesIO(data), ".csv")
    if why:
        raise InputError(why)
    if b"\x00" in data[:4096]:
        if _utf16_without_mark(data[:4096]):
            raise InputError(Message(
                "is UTF-16 text without the byte-order mark that says so (as some programs "
                "write 'Unicode text'): save it as 'CSV UTF-8'"))
        raise InputError("is not a text file (it contains NUL bytes): save it as 'CSV UTF-8'")
    try:
        return data.decode("utf-8"), UTF8
    except UnicodeDecodeError:
        pass
    try:
        # Excel's plain "CSV" on a Western Windows: Windows-1252.  It decodes
        # almost any bytes, so it comes last, after UTF-8 has failed.
        return data.decode("cp1252"), WINDOWS_1252
    except UnicodeDecodeError:
        raise InputError("is neither UTF-8 nor Windows-1252 text: save it as 'CSV UTF-8'") from None


def _read_text(path: Path, label: str, problems: list) -> tuple[str | None, str]:
    """The text of a file and its encoding (see :func:`decoded`); the text
    None, with the reason appended to ``problems``, when it cannot be read."""
    if path.is_dir():
        problems.append(Problem(label, None, "is a folder, not a file"))
        return None, ""
    if not path.is_file():
        problems.append(Problem(label, None, N_("is not an ordinary file (a pipe, socket or "
                                                "device): orgmodel reads files")
                                if path.exists() else _missing(path)))
        return None, ""
    try:
        return decoded(path.read_bytes())
    except OSError as exc:
        problems.append(Problem(label, None, Message(
            "cannot be read: {v}",
            v=exc.strerror or exc)))
    except ValueError as exc:
        problems.append(Problem(label, None, said(exc)))
    return None, ""


def _missing(path: Path) -> Message | str:
    """What to say of a table that is not there: that it is, saved as a
    workbook or under another case (``nodes.xlsx``, ``Nodes.csv``), where
    it is."""
    near = sorted(p.name for p in path.parent.iterdir() if p.name != path.name and (
        p.stem.casefold() in (path.stem.casefold(), path.name.casefold())
        and p.is_file())) if path.parent.is_dir() else []
    if not near:
        return N_("file is missing")
    return Message("file is missing; the folder has {v}: save the table as '{name}' (CSV "
                   "UTF-8), orgmodel reads it by that name", v=", ".join(f"'{n}'" for n in near),
                   name=path.name)


def _separator(header: str) -> str:
    # The separator is whichever of , ; tab the header row uses most: a
    # header of plain column names has no other reason to contain them.
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else ","


def _header_name(cell: str) -> str:
    return cell.strip().casefold().replace(" ", "_") if cell.strip() else ""


def read_table(path: Path, problems: list, label: str | None = None,
               unnamed: bool = False, header: Callable | None = None,
               known: Callable[[str], bool] | None = None) -> pd.DataFrame | None:
    """Read one CSV table as text cells, indexed by spreadsheet row.

    Every problem is appended to ``problems`` as a :class:`Problem` naming
    ``label`` (default: the file's name) and the row.  A column with values
    but no name in the header is a problem, or, with ``unnamed`` (a
    published file, as a spreadsheet export leaves its row numbers), left
    out and its number listed in ``df.attrs["unnamed"]``.  ``header``: a
    test of a row's cells that finds the header row among the first
    :data:`HEADER_WITHIN` (see :func:`from_header`); the lines above it are left out and listed in
    ``df.attrs["above_header"]``; the encoding it was read in (see
    :func:`decoded`) is ``df.attrs["encoding"]``.  ``known``: whether a
    column name is one the caller reads, to find a header written on two
    rows (see :func:`two_header_rows`): the row ``header`` finds with the
    row under it, or with a row of group names above it; the lower row's
    number and the names taken from both are kept in
    ``df.attrs["second_header_row"]`` (else None).  Returns ``None`` when
    the file cannot be read at all (missing, not text, broken quoting), so
    that the caller can skip what depends on it.

    Examples
    --------
    >>> p = tmp_path / "t.csv"
    >>> _ = p.write_bytes("ID ;Naam\\n\\nx;Ça\\n".encode("cp1252"))
    >>> problems = []
    >>> read_table(p, problems).to_dict("index"), problems
    ({3: {'id': 'x', 'naam': 'Ça'}}, [])
    """
    label = label or path.name
    text, encoding = _read_text(path, label, problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem(label, None, "file is empty: it needs at least a header row"))
        return None
    # One pass over the whole text instead of one call per cell.
    text = _normal(text)
    text, sep = _said_separator(text)
    above: list = []
    original = text
    if header is not None:
        text, above = from_header(text, header)
    sep = sep or _separator(_first_line(text))
    second = None
    if known is not None:
        text, second = _second_header_row(text, sep, known, header)
        if second is None and above:
            text, second = _header_under_its_groups(text, original, above, sep, known, header)
    df = _table_of(text, sep, label, problems, unnamed)
    if df is not None:
        df.attrs["above_header"] = above
        df.attrs["encoding"] = encoding
        df.attrs["second_header_row"] = second
        keep_attrs(df)
    return df


def _second_header_row(text: str, sep: str, known: Callable[[str], bool],
                       header: Callable | None = None):
    """The text with a header written on two rows made one (see
    :func:`two_header_rows`), the second row blanked so that every row keeps
    its number, and ``(that row's number, the names made of both rows)``;
    else the text and None."""
    # (the first two lines only: the rest of a large file is not copied)
    start, row = 0, 1
    while True:
        end = text.find("\n", start)
        if end < 0:
            return text, None
        if text[start:end].strip():
            break
        start, row = end + 1, row + 1
    stop = text.find("\n", end + 1)
    stop = len(text) if stop < 0 else stop
    names = _merged_lines(text[start:end], text[end + 1:stop], sep, known, header)
    if names is None:
        return text, None
    merged = text[:start] + sep.join(names[0]) + "\n" + text[stop:]
    return merged, (row + 1, names[1])


def _merged_lines(upper_line: str, lower_line: str, sep: str, known, header):
    """``(names, names made of both)`` of two lines of a header (see
    :func:`two_header_rows`) that ``header`` takes, else None."""
    if '"' in upper_line + lower_line:
        return None             # (a quoted cell may span lines: not worth the risk)
    upper, lower = upper_line.split(sep), lower_line.split(sep)
    names = two_header_rows(upper, lower, known)
    # (the names made must be a header: a title over a header of names the
    # caller does not know is no group over its columns)
    if names is None or any(sep in n for n in names) or (header and not header(names)):
        return None
    return names, joined_names(upper, lower, names)


def _header_under_its_groups(text: str, original: str, above: list, sep: str, known, header):
    """The text whose header row (found by ``header``) sits under a row of
    group names (``Mandaat`` over ``Mandaatgever`` and ``Gemandateerde``,
    beside a ``Bevoegdheid`` with nothing under it), made one header on the
    header's row, that row taken from ``above``; and ``(row, the names made
    of both)``.  Else the text and None: a title over the header (a row
    that names no column the header lacks) stays a title."""
    row, _ = above[-1]
    start, up_start = _line_start(text, row + 1), _line_start(original, row)
    if start is None or up_start is None:
        return text, None
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    up_end = original.find("\n", up_start)
    lower_line = text[start:end]
    names = _merged_lines(original[up_start:up_end], lower_line, sep, known, header)
    # (it must name a column the header alone does not: a note beside a
    # title names none)
    if names is None or not any(known(n) for n in names[1]):
        return text, None
    above.pop()
    return text[:start] + sep.join(names[0]) + text[end:], (row + 1, names[1])


def _line_start(text: str, row: int) -> int | None:
    """Where line ``row`` (from 1) of ``text`` starts, or None past its end."""
    start = 0
    for _ in range(row - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    return start


def joined_names(upper: list, lower: list, names: list) -> list:
    """Of the names :func:`two_header_rows` made, those that are not the
    lower row's own cell: a group's name and a column's together (``Bezetting
    Fte``), or the upper row's alone over an empty cell (``Bevoegdheid``):
    what an import says it read so.

    >>> joined_names(["Id", "Bezetting", ""], ["", "Medewerker", "Fte"],
    ...              ["Id", "Medewerker", "Bezetting Fte"])
    ['Id', 'Bezetting Fte']
    """
    own = [str(c).strip() for c in lower] + [""] * (len(names) - len(lower))
    return [n for n, o in zip(names, own) if n and n != o]


def _first_line(text: str) -> str:
    """The first line of ``text`` that is not blank."""
    start = 0
    while True:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if line.strip() or end < 0:
            return line
        start = end + 1


def _said_separator(text: str) -> tuple[str, str | None]:
    """The separator a first line ``sep=;`` names (Excel writes it, and reads
    the file with it), that line blanked (it keeps its number); else the text
    as it is and None."""
    first, _, rest = text.partition("\n")
    said = re.fullmatch(r'\s*"?sep=([,;\t|])"?[,;\t|]*\s*', first)
    return ("\n" + rest, said.group(1)) if said else (text, None)


#: How many rows with text above its table a file may have before its
#: header row: a title, a date, and the filters an HR report lists (an AFAS
#: or Youforce export can list a dozen) are left out, each named.
HEADER_WITHIN = 30


def from_header(text: str, is_header: Callable, within: int = HEADER_WITHIN) -> tuple[str, list]:
    """The text from its header row on, and the lines above it as ``(row,
    text)``: a title, a date or a note an export puts above the table.

    The header row is the first of the first ``within`` lines with text
    whose cells (split on ``,`` ``;`` or a tab) ``is_header`` takes; the lines
    above it are blanked, so that every row keeps its number.  When none is,
    the text is returned as it is.

    Examples
    --------
    >>> from_header("Formatie 2026;;\\n\\nid;naam\\nx;y\\n", lambda cells: "id" in cells)
    ('\\n\\nid;naam\\nx;y\\n', [(1, 'Formatie 2026')])
    """
    above: list = []
    start = row = 0
    while len(above) < within and start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line, row = text[start:end], row + 1
        if line.strip(" ,;\t\r"):
            if is_header([c.strip().strip('"').strip() for c in re.split("[,;\t]", line)]):
                return ("\n" * (row - 1) + text[start:], above) if above else (text, [])
            above.append((row, line.strip(" ,;\t\r")))
        start = end + 1
    return text, []


#: A cell that is a number (a data row's FTE, grade or id), which a row of
#: column names does not hold.
_NUMBER_CELL = re.compile(r"[-+]?[\d.,]*\d[\d.,]*\s*%?")


def two_header_rows(upper: list, lower: list, known: Callable[[str], bool]) -> list | None:
    """The column names of a header written on two rows, or None when
    ``lower`` is a row of data.

    Spreadsheets group columns under a name over them (``Bezetting`` over
    ``Medewerker`` and ``Fte``, the group's cell merged across them).  A
    column is named by its group and its own name together when ``known``
    reads that (``Bezetting Fte``), else by its own name when that is known
    and no other column has it (``Medewerker``), else by both; a column
    with nothing under it keeps its name.  ``lower`` is a second header
    row when none of its cells is a number, one is under a group (under an
    empty cell of ``upper``), and at least two of the names it makes are
    ``known``.

    Examples
    --------
    >>> names = {"formatieplaats", "functie naam", "medewerker", "bezetting fte"}
    >>> known = lambda name: name.casefold() in names
    >>> two_header_rows(["Formatieplaats", "Functie", "Bezetting", ""],
    ...                 ["", "Naam", "Medewerker", "Fte"], known)
    ['Formatieplaats', 'Functie Naam', 'Medewerker', 'Bezetting Fte']
    >>> two_header_rows(["Formatieplaats", "Functie", "Medewerker"],
    ...                 ["F1", "Directeur", "A. Bos"], known) is None
    True
    """
    width = max(len(upper), len(lower))
    up = [str(c).strip() for c in upper] + [""] * (width - len(upper))
    low = [str(c).strip() for c in lower] + [""] * (width - len(lower))
    # (a group over columns leaves the cells right of its first empty: a row
    # of data under a header of one row has no cell under an empty name)
    if any(_NUMBER_CELL.fullmatch(c) for c in low) or \
            not any(own and not u for u, own in zip(up, low)):
        return None
    mine = [c.casefold() for c in low if c]
    names, group, hits = [], "", 0
    for u, own in zip(up, low):
        # (a group's merged cell is written in its first column only: it
        # goes on over the empty ones right of it, if it has a column under it)
        group = (u if own else "") if u else group if own else ""
        if not own:
            names.append(u)
            continue
        both = f"{group} {own}" if group else own
        name = both if known(both) or not (known(own) and mine.count(own.casefold()) == 1) \
            else own
        hits += known(name)
        names.append(name)
    return names if hits >= 2 else None


def _table_of(text: str, sep: str, label: str, problems: list, unnamed: bool):
    """The table of a CSV text (see :func:`read_table`), or None."""
    # newline="": the csv module itself decides where a row ends, so a line
    # separator (U+2028, form feed ...) inside a quoted cell stays in the cell.
    lim = current()
    plain = _split_plain(text, sep, lim.cell)
    if plain is not None:
        if len(plain) - 1 > lim.rows:
            problems.append(Problem(label, lim.rows + 2, too_many_rows(lim)))
            return None
        header, cells = plain[0], plain[1:]
        return _frame(header, 1, cells, range(2, len(plain) + 1), label, problems,
                      unnamed=unnamed)
    rows = _csv_rows(text, sep, label, problems, lim)
    if rows is None:
        return None
    header_row, header, rows = rows
    if header is None:
        problems.append(Problem(label, None, "file is empty: it needs at least a header row"))
        return None
    width = len(header)
    cells, uneven = [], []
    widths = {len(fields) for _, fields in rows}
    for r, fields in rows:
        if len(fields) != width:
            if len(fields) > width and not any(f.strip() for f in fields[width:]):
                fields = fields[:width]      # trailing empty cells, as spreadsheets write them
            else:
                uneven.append((r, len(fields)))
                continue
        cells.append((r, fields))
    # (every row one width other than the header's, some of them with more
    # than empty cells past it: the header is what is wrong)
    every = len(rows) if uneven and len(widths) == 1 and width not in widths else 0
    problems += _uneven_rows(label, header_row, width, uneven, every)
    ok = len(cells) == len(rows)
    return _frame(header, header_row, [f for _, f in cells], [r for r, _ in cells], label,
                  problems, ok, unnamed=unnamed)


def _uneven_rows(label, header_row, width, uneven: list, every: int) -> list:
    """The problems of rows (``(row, cells)``) not as wide as the header:
    each said, or, when ``every`` row (two or more) is one width other than
    the header's, the header said once (a column named twice, or one too
    many, is not a problem of each row under it)."""
    if every > 1:
        n = uneven[0][1]
        said = dict(width=width, n=n, rows=every)
        return [Problem(label, header_row, Message(
            "the header has {width} columns and every row under it {n} ({rows} rows): is a "
            "column too many in the header, or a separator missing in every row?", said)
            if n < width else Message(
            "the header has {width} columns and every row under it {n} ({rows} rows): is a "
            "column's name missing from the header?", said))]
    return [Problem(label, r, count(
        n, N_("has 1 cell but the header has {width}{hint}"),
        N_("has {n} cells but the header has {width}{hint}"), width=width,
        hint=Message(" (is a separator missing or a cell unquoted?)") if n < width else
        Message(" (a cell with a separator in it needs quotes)"))) for r, n in uneven]


def _csv_rows(text: str, sep: str, label: str, problems: list, lim: Limits):
    """``(header row, header, [(row, fields)])`` by the csv module, or None
    (the problem said) when the text breaks CSV or a limit."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    header, header_row, rows, rowno = None, 0, [], 0
    # (the csv module's own cell limit is process-wide: set for this read
    # and put back)
    before = csv.field_size_limit(lim.cell)
    try:
        for rowno, fields in enumerate(reader, start=1):
            # (the first cell settles it for almost every row)
            if not (fields and fields[0].strip()) and not any(f.strip() for f in fields):
                continue                # a blank row keeps its number, nothing else
            if header is None:
                header, header_row = fields, rowno
                continue
            if len(rows) >= lim.rows:
                problems.append(Problem(label, rowno, too_many_rows(lim)))
                return None
            rows.append((rowno, fields))
    except csv.Error as exc:
        problems.append(Problem(label, rowno + 1, _csv_error(str(exc), lim)))
        return None
    finally:
        csv.field_size_limit(before)
    return header_row, header, rows


def _csv_error(msg: str, lim: Limits) -> str:
    """What a csv module error means, in a user's words."""
    if "field larger than field limit" in msg:
        return too_long_cell(lim)
    if "unexpected end of data" in msg:
        return ("has a quoted cell that is never closed: a '\"' opens a cell on this "
                "row and no '\"' closes it before the end of the file")
    if "expected after" in msg:
        return ("has text after a closing quote: put the whole cell in quotes and "
                "double every quote inside it (\"\")")
    return Message("cannot be read as CSV: {msg}", msg=msg)


def _split_plain(text: str, sep: str, cell_limit: int) -> list | None:
    """The rows of a table with no quotes in it, split on the separator: what
    the csv module makes of it, in a third of the time.  None when the text
    needs the csv module after all: quotes, carriage returns, NUL, a blank row
    or a row without its first cell, rows of different lengths, a cell over
    the csv module's limit."""
    if '"' in text or "\r" in text or "\x00" in text:
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()                     # (the line break that ends the last row)
    if not lines or max(map(len, lines)) > cell_limit:
        return None
    rows = [line.split(sep) for line in lines]
    if len(set(map(len, rows))) != 1 or "" in map(str.strip, map(itemgetter(0), rows)):
        return None
    return rows


def _frame(header, header_row, cells, index, label, problems, ok=True, unnamed=False):
    """The table of ``cells`` (rows as lists of text, all as wide as the
    header) under ``header``, or None after a problem with the header (or,
    ``ok`` False, in the rows); ``unnamed``: see :func:`read_table`."""
    names = [_header_name(h) for h in header]
    seen = {}
    for i, n in enumerate(names):
        if not n:
            continue
        if n in seen:
            first, again = header[seen[n]].strip(), header[i].strip()
            # (the name as the file writes it; the folded one only to say
            # why two that differ are one)
            problems.append(Problem(label, header_row, Message(
                "column '{n}' appears twice (columns {v} and {v2})", n=first, v=seen[n] + 1,
                v2=i + 1) if first == again else Message(
                "column '{n}' appears twice ('{a}' and '{b}', columns {v} and {v2}; names are "
                "read without regard to case and spaces)", n=n, a=first, b=again,
                v=seen[n] + 1, v2=i + 1)))
            ok = False
        else:
            seen[n] = i
    strip = str.strip
    columns = [list(map(strip, col)) for col in zip(*cells)] if cells else [[] for _ in names]
    left_out = [i + 1 for i, n in enumerate(names) if not n and any(columns[i])]
    if left_out and not unnamed:
        for i in left_out:
            problems.append(Problem(label, header_row, Message(
                "column {i} has values but no name in the header",
                i=i)))
        ok = False
    if not ok:
        return None
    keep = [i for i, n in enumerate(names) if n]
    # object, not pandas' string dtype: plain Python strings iterate several
    # times faster, and a 100k-role folder is iterated twice.
    df = pd.DataFrame({names[i]: columns[i] for i in keep},
                      columns=[names[i] for i in keep], dtype=object)
    df.index = list(index)
    df.attrs["unnamed"] = left_out
    if left_out:
        # (a note under the table typed in a column with no name: its text,
        # for a row whose named cells are all empty, so the log can show it)
        named = [columns[i] for i in keep]
        df.attrs["unnamed_text"] = {
            row: text for r, row in enumerate(df.index)
            if not any(col[r] for col in named)
            and (text := next((columns[i - 1][r] for i in left_out if columns[i - 1][r]), ""))}
    # (the header as the file writes it, and its row: what a message names)
    df.attrs["header_row"] = header_row
    df.attrs["headers"] = {names[i]: header_shown(header[i]) for i in keep}
    keep_attrs(df)
    return df


class _Kept:
    """Metadata of a table that a copy of it shares (``deepcopy`` gives the
    same object): pandas deep-copies a frame's ``attrs`` each time a column
    is taken, so a dict of every column's header, taken once per column,
    made a table of 8,000 columns take 80 s and 1.7 GB to import.  What a
    reader puts in ``attrs`` is never changed in place after."""

    def __deepcopy__(self, memo):
        return self


class _KeptDict(_Kept, dict):
    pass


class _KeptList(_Kept, list):
    pass


class _KeptSet(_Kept, set):
    pass


def keep_attrs(df) -> None:
    """``df.attrs``' dicts, lists and sets shared by every copy pandas makes
    of ``df`` (see :class:`_Kept`), not copied each time a column is taken.

    >>> import copy
    >>> df = pd.DataFrame({"a": ["1"]})
    >>> df.attrs["headers"] = {"a": "A"}
    >>> keep_attrs(df)
    >>> df["a"].attrs["headers"] is df.attrs["headers"], df.attrs["headers"] == {"a": "A"}
    (True, True)
    """
    for key, value in list(df.attrs.items()):
        kept = _KeptDict if type(value) is dict else _KeptList if type(value) is list else \
            _KeptSet if type(value) is set else None
        if kept is not None:
            df.attrs[key] = kept(value)


def header_shown(cell) -> str:
    r"""A header cell as a message names it: as the file writes it, on one
    line (a cell written on two, ``Leidinggevende`` over ``functie``, is
    ``Leidinggevende functie``).

    >>> header_shown(" Formatie-\nplaats ")
    'Formatie- plaats'
    """
    return " ".join(str(cell).split())


def records(df: pd.DataFrame):
    """``(row number, {column: cell})`` for every row, fast (no pandas boxing)."""
    cols = list(df.columns)
    return zip(df.index.tolist(), (dict(zip(cols, vals))
                                   for vals in zip(*(df[c].tolist() for c in cols))))


class _Loader(yaml.SafeLoader):
    """YAML without the traps: a key given twice, aliases, absurd nesting."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, Message("aliases (*name) are not allowed in org.yaml; write the value out"),
                event.start_mark)
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise yaml.constructor.ConstructorError(
                    None, None, Message(
                        "is nested more than {MAX_YAML_DEPTH} levels deep",
                        MAX_YAML_DEPTH=MAX_YAML_DEPTH),
                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, Message("a key must be a plain word, not a list or mapping"),
                    key_node.start_mark) from None
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, Message(
                        "key '{key}' is given twice (also on line {v})",
                        key=key, v=seen[key] + 1),
                    key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        """A date as YAML reads one (``date: 2026-02-30``, unquoted), or a
        problem on its line: PyYAML let Python's "day is out of range for
        month" out, with no file or line."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None, None, Message("'{text_}' is not a date that exists", text_=node.value),
                node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


#: What PyYAML says of a file it cannot read, as orgmodel's messages (said
#: in the command's language): the problems a hand-edited org.yaml meets.
#: ``{found}`` is what PyYAML found there.
_YAML_PROBLEMS = [(re.compile(pattern), text) for pattern, text in (
    (r"mapping values are not allowed here",
     N_("mapping values are not allowed here (a ':' inside a value: put the value between "
        "quotes)")),
    (r"could not find expected ':'", N_("could not find expected ':'")),
    (r"found character '\\t' that cannot start any token",
     N_("found a tab: YAML indents with spaces")),
    # ('@' and '`' are kept by YAML for itself: a value starting so is quoted)
    (r"found character (?P<found>.+) that cannot start any token",
     N_("found character {found}, which cannot start a value: put the value between "
        "quotes")),
    (r"expected <block end>, but found (?P<found>.+)",
     N_("the indentation does not match the lines above (found {found})")),
    (r"found unexpected end of stream",
     N_("the file ends inside a value (a quote or bracket not closed?)")),
    (r"sequence entries are not allowed here", N_("a list item ('- ') is not allowed here")),
    (r"mapping keys are not allowed here", N_("a key is not allowed here")),
    (r"expected ',' or '(?P<close>[\]}])', but got (?P<found>.+)",
     N_("expected ',' or '{close}', but found {found}")),
    (r"found unknown escape character (?P<found>.+)",
     N_("found unknown escape character {found} (write a backslash as \\\\, or use single "
        "quotes)")),
    (r"invalid indentation or unclosed '\[' or '\{'",
     N_("invalid indentation or unclosed '[' or '{'")),
    (r"expected the node content, but found (?P<found>.+)",
     N_("expected a value, but found {found}")),
    (r"expected a comment or a line break, but found (?P<found>.+)",
     N_("expected a comment or a line break, but found {found}")),
    (r"found undefined alias (?P<found>.+)", N_("found undefined alias {found}")),
    (r"but found another document",
     N_("the file holds a second document after '---': write one")),
)]
#: The parts of YAML PyYAML names in a problem ('<stream end>'), in words.
_YAML_TOKENS = {"<stream end>": N_("the end of the file"),
                "<block mapping start>": N_("a 'key: value' line"),
                "<block sequence start>": N_("a list item ('- ')"),
                "<block end>": N_("the end of the block"),
                "<scalar>": N_("a value"), "<document start>": N_("'---'")}


def yaml_problem(exc) -> Message | str:
    """What a :class:`yaml.YAMLError` says is wrong, as a message: PyYAML's
    own words for the problems a hand-edited file meets, said in the
    command's language; any other as PyYAML says it.

    >>> import yaml
    >>> try:
    ...     yaml.safe_load("name: a: b")
    ... except yaml.YAMLError as exc:
    ...     print(yaml_problem(exc))
    mapping values are not allowed here (a ':' inside a value: put the value between quotes)
    """
    problem = getattr(exc, "problem", None)
    if isinstance(problem, Message):
        return problem
    text = str(problem or exc)
    for pattern, words in _YAML_PROBLEMS:
        m = pattern.fullmatch(text)
        if m:
            return Message(words, {k: _yaml_token(v) for k, v in m.groupdict().items()})
    return text


def _yaml_token(found: str) -> Message | str:
    """A part of YAML PyYAML found (``'<stream end>'``), in words when it
    has a name in angle brackets; a character as PyYAML quotes it."""
    token = _YAML_TOKENS.get(found.strip("'"))
    return Message(token) if token else found


def read_manifest(path: Path, problems: list, label: str = MANIFEST) -> dict | None:
    """The settings of an ``org.yaml`` file, or ``None`` when it cannot be read."""
    text, _ = _read_text(path, label, problems)
    if text is None:
        return None
    try:
        data = yaml.load(text, Loader=_Loader)   # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problems.append(Problem(label, line, Message(
            "is not valid YAML: {reason}",
            reason=yaml_problem(exc))))
        return None
    except RecursionError:
        problems.append(Problem(label, None, "is nested too deeply to read"))
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(label, None, "must be a set of 'key: value' settings"))
        return None
    return data


#: How a table of posts (an HR export) is read, said where one is given as
#: an organisation.
POSTS_HINT = N_("a table of posts, one row per post, is read with orgmodel import posts FILE "
                "--out FOLDER, and that folder given here")


def _not_a_model_folder(path: Path) -> Problem:
    """A folder with none of a model's three files: one problem saying so
    (not three files missing), with what it holds, and how a table of posts
    (what such a folder most often holds) is read."""
    try:
        held = sorted(p.name for p in path.iterdir() if not p.name.startswith("."))
    except OSError:
        held = []
    if not held:
        return Problem(str(path), None, Message(
            "is an empty folder: give the organisation's folder (with org.yaml, nodes.csv and "
            "edges.csv)"))
    return Problem(str(path), None, Message(
        "is not an organisation folder: it has none of org.yaml, nodes.csv and edges.csv (it "
        "holds: {held}); {hint}", held=", ".join(held[:5]) + (" …" if len(held) > 5 else ""),
        hint=Message(POSTS_HINT)))


def read_folder(path: PathLike) -> RawOrg:
    """Read the three files of an organisation folder, noting every problem.

    Parameters
    ----------
    path : str or Path
        The organisation folder.

    Returns
    -------
    RawOrg
        Tables and manifest as read; ``problems`` lists what could not be read.

    Examples
    --------
    >>> raw = read_folder(sample_dir)
    >>> list(raw.nodes.columns[:3]), raw.problems
    (['id', 'kind', 'name'], [])
    """
    path = Path(path)
    raw = RawOrg(path=path)
    if not path.is_dir():
        # (a Message, so that the reader's language says it too)
        what = Message("is a file, not a folder") if path.exists() else Message("does not exist")
        raw.problems.append(Problem(str(path), None, Message(
            "{what}: give the organisation's folder (with org.yaml, nodes.csv and edges.csv)",
            what=what)))
        raw.unreadable.update((MANIFEST, NODES, EDGES))
        return raw
    if not any((path / name).exists() for name in (MANIFEST, NODES, EDGES)):
        raw.problems.append(_not_a_model_folder(path))
        raw.unreadable.update((MANIFEST, NODES, EDGES))
        return raw
    manifest = read_manifest(path / MANIFEST, raw.problems)
    if manifest is None:
        raw.unreadable.add(MANIFEST)
    raw.manifest = manifest or {}
    for name, attr in ((NODES, "nodes"), (EDGES, "edges")):
        df = read_table(path / name, raw.problems)
        if df is None:
            raw.unreadable.add(name)
        else:
            setattr(raw, attr, df)
    return raw
