"""A table of cells as a user's file holds it, for the importers (the posts,
the mandate register): the sheet that has the table, its header row found by
the columns it names, merged cells and hidden rows said, a spreadsheet's
errors refused, cells written on several lines read as one (or refused where
a break may part two values), ids a spreadsheet made dates or rounded refused,
and a CSV read as Windows-1252 said."""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .._filekind import WORKBOOKS, named_otherwise
from ..errors import Problem, ValidationError
from ..escape import CONTROL
from ..i18n import N_, Listing, Message, count
from ..read import HEADER_WITHIN, WINDOWS_1252, keep_attrs, read_table

__all__ = ["fold", "header_test", "known_test", "row_spans", "read_sheet",
           "two_header_rows_said", "spreadsheet_errors", "refuse_spreadsheet_errors",
           "one_line", "refuse_lines", "refuse_mangled_ids", "laid_out", "unnamed_said",
           "DITTO", "ditto_cells", "read_ditto", "SAYS_NONE", "empty_where_none"]


def header_test(columns: tuple):
    """The test of a header row: its cells name the first of ``columns``
    (each with alternatives, ``a|b``) and at least one other, regardless of
    case, accents, spaces and punctuation (a legend or a note that names
    one column is not a header).

    >>> test = header_test(("formatieplaats", "functie|functienaam", "fte"))
    >>> test(["Formatieplaats", "Functienaam"]), test(["Formatieplaats", "het nummer"])
    (True, False)
    """
    first, *others = [{fold(a) for a in c.split("|")} for c in columns if c]

    def names(cells) -> bool:
        folded = {fold(c) for c in cells if c}
        return bool(first & folded) and any(o & folded for o in others)
    return names


def two_header_rows_said(df, label) -> list:
    """What the import says of a header written on two rows (see
    :func:`orgmodel.read.two_header_rows`): nothing when it is on one."""
    if not df.attrs.get("second_header_row"):
        return []
    second, both = df.attrs["second_header_row"]
    return [Message(
        "{label}: the header is written on two rows ({row} and {row2}), a group's name over its "
        "columns: a column is read by the names over it where that names what orgmodel reads "
        "({v})", label=label, row=second - 1, row2=second,
        v=", ".join(f"'{b}'" for b in both) or Message("none"))]


def known_test(columns: tuple):
    """Whether a column's name is one of ``columns`` (each with
    alternatives, ``a|b``), regardless of case, accents, spaces and
    punctuation: what finds a header written on two rows.

    >>> known = known_test(("formatieplaats", "bezetting fte|fte bezetting"))
    >>> known("Bezetting (FTE)"), known("Bezetting")
    (True, False)
    """
    names = {fold(a) for c in columns if c for a in c.split("|")}
    return lambda name: fold(name) in names


def row_spans(rows) -> str:
    """Row numbers as spans: ``3–5, 9``.

    >>> row_spans([3, 4, 5, 9])
    '3–5, 9'
    """
    spans: list = []
    for r in rows:
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def _table_sheet(wb, columns, label):
    """The sheet whose header row (one of its first HEADER_WITHIN rows, under a title
    perhaps) names ``columns`` (see :func:`header_test`), else the first sheet: a
    workbook may hold the senior posts, the junior staff and notes on
    separate sheets.  Several such sheets (a sheet per unit, or per year)
    are refused, naming them: which is meant, or whether all are, the
    workbook does not say, and reading the first alone dropped the others'
    rows in silence."""
    if not columns:
        return wb.worksheets[0]
    found = [ws for ws in wb.worksheets if _names_in_header(ws, header_test(columns))]
    if len(found) > 1:
        # (a hidden sheet, an old year's kept out of sight, is named so: its
        # reader does not see it among the workbook's tabs)
        raise ValidationError([Problem(label, None, Message(
            "has a table of posts on {n} sheets ({sheets}): orgmodel reads one sheet; give "
            "--sheet for the one to import, or put the posts on one sheet", n=len(found),
            sheets=Listing(", ", [Message("'{t}' (hidden)", t=ws.title) if _is_hidden(ws)
                                  else f"'{ws.title}'" for ws in found])))], where=label)
    return found[0] if found else wb.worksheets[0]


def _is_hidden(ws) -> bool:
    """Whether the sheet ``ws`` is hidden in its workbook (as openpyxl, and
    the .xls and .ods readers, give its ``sheet_state``)."""
    return getattr(ws, "sheet_state", "visible") != "visible"


def _names_in_header(ws, names) -> bool:
    """Whether one of the sheet ``ws``'s first rows is a header that
    ``names`` (see :func:`header_test`) finds."""
    return any(names([str(v) for v in row if v is not None])
               for row in ws.iter_rows(values_only=True, max_row=HEADER_WITHIN))


def _open_book(path: Path, label: str) -> Any:
    """The workbook ``path`` (.xlsx, .xls or .ods) opened for its sheets."""
    if path.suffix.lower() == ".xls":
        from .xls import XlsBook
        return XlsBook(path, label, WORKBOOKS)
    if path.suffix.lower() == ".ods":
        from .ods import OdsBook
        return OdsBook(path, label, WORKBOOKS)
    from .xlsx import Workbook
    return Workbook(path, label, WORKBOOKS)


def sheets_with(path: Path, label: str, columns: tuple) -> list[str]:
    """The sheets of the workbook ``path`` whose header row (one of its
    first rows) names ``columns`` (see :func:`header_test`); none of a
    text file."""
    if path.suffix.lower() not in (".xlsx", ".xls", ".ods"):
        return []
    wb = _open_book(path, label)
    try:
        return [ws.title for ws in wb.worksheets if _names_in_header(ws, header_test(columns))]
    finally:
        wb.close()


def read_sheet(path: Path, label: str, sheet=None, columns: tuple = (),
               also_known: Callable[[str], bool] | None = None):
    """A table of text cells indexed by row, from CSV, XLSX, XLS or ODS (``sheet``,
    or the first sheet that has ``columns``), from its header row (see
    :func:`header_test`).  ``also_known``: whether a name that is none of
    ``columns`` is still one the reader reads (a post's name, as a
    register's column per post), for a header written on two rows."""
    problems = []
    known = known_test(columns) if columns else None
    if known and also_known:
        first = known
        known = lambda name: first(name) or also_known(name)  # noqa: E731
    if path.suffix.lower() in (".xlsx", ".xls", ".ods"):
        from .xlsx import _sheet_table
        wb = _open_book(path, label)
        try:
            if sheet and sheet not in wb.sheetnames:
                meant = [n for n in wb.sheetnames if fold(n) == fold(sheet)]
                raise ValidationError([Problem(label, None, Message(
                    "has no sheet '{sheet}' (sheets: {v})",
                    sheet=sheet, v=', '.join(wb.sheetnames)) + (Message(
                        "; did you mean '{name}'?", name=meant[0]) if len(meant) == 1
                        else ""))], where=str(path))
            ws = wb[sheet] if sheet else _table_sheet(wb, columns, label)
            df = _sheet_table(ws, Message("{label}, sheet {title}", label=label, title=ws.title),
                              problems, (), wb.formulas(ws.title), unnamed=True,
                              header=header_test(columns) if columns else None,
                              known=known, unsaved_later=True)
            if df is not None:
                _as_laid_out(df, wb.layout(ws.title))
                # (which sheet, when there are several: a row number is of it)
                df.attrs["sheet"], df.attrs["sheets"] = ws.title, list(wb.sheetnames)
                df.attrs["sheet_hidden"] = _is_hidden(ws)
        finally:
            wb.close()
    elif sheet:
        # (a sheet named for a file that has none was passed over: the user
        # may have meant another file, a workbook)
        raise ValidationError([Problem(label, None, Message(
            "is a text file, which has no sheets, and sheet '{sheet}' was given: a sheet is "
            "named for a workbook (.xlsx, .xls or .ods)", sheet=sheet))], where=str(path))
    elif path.is_file() and (other := named_otherwise(path, ".csv", WORKBOOKS)):
        # (a workbook downloaded as "CSV" is read once renamed: said so)
        raise ValidationError([Problem(label, None, other)], where=str(path))
    else:
        df = read_table(path, problems, label, unnamed=True,
                        header=header_test(columns) if columns else None, known=known)
    if problems or df is None:
        raise ValidationError(problems or [Problem(label, None, "cannot be read")],
                              where=str(path))
    _excel_texts(df)
    # (after the layout's and the texts' metadata: see keep_attrs)
    keep_attrs(df)
    return df


#: A cell an exporter wrote as a spreadsheet's formula of a text
#: (``="00123"``, ``="F001"``) so that a spreadsheet opening the CSV keeps
#: it as that text (its leading zeros, a dash not read as a date); a quote
#: in the text doubled.
_EXCEL_TEXT = re.compile(r'="((?:[^"]|"")*)"')
_EXCEL_TEXT_START = re.compile('="')


def _excel_texts(df) -> None:
    """Read each cell of ``df`` written as a formula of a text (see
    :data:`_EXCEL_TEXT`) as that text, as a spreadsheet does, in ``df``
    itself; each kept in ``df.attrs["excel_texts"]`` (row, column, as
    written) for the log (:func:`laid_out`). Read as written, ``="F001"``
    was a post of that id, and ``="F001"`` a superior no row had.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": ['="007"', "8"], "naam": ['="Jan ""Bas"" Kok"', "Eva"]})
    >>> _excel_texts(df)
    >>> df.values.tolist(), df.attrs["excel_texts"][0]
    ([['007', 'Jan "Bas" Kok'], ['8', 'Eva']], (0, 'id', '="007"'))
    """
    found = []
    for column in _with(df, df.columns, _EXCEL_TEXT_START):
        for row, value in df[column].items():
            text = _EXCEL_TEXT.fullmatch(value.strip()) if isinstance(value, str) else None
            if text:
                df.at[row, column] = text.group(1).replace('""', '"')
                found.append((row, column, value.strip()))
    if found:
        df.attrs["excel_texts"] = found


#: What a spreadsheet program writes in a cell whose formula did not
#: compute, kept as the cell's value (Excel in English and in Dutch,
#: LibreOffice's Err:502), and in a CSV it saves.
_SPREADSHEET_ERROR = re.compile(
    r"#(?:N/A|REF!|VALUE!|DIV/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|N/B|VERW!|WAARDE!|DEEL/0!|"
    r"NAAM\?|GETAL!|LEEG!|OVERLOOP!|BEREKENEN!)|Err:\d{3}", re.IGNORECASE)


def spreadsheet_errors(df) -> list:
    """``(row, column, value)`` of each cell of ``df`` that holds a
    spreadsheet's error (``#N/A``, ``#VERW!``, ``Err:502``): a formula that
    did not compute, not a value of the data.

    >>> import pandas as pd
    >>> spreadsheet_errors(pd.DataFrame({"naam": ["Anna", "#N/B"]}, index=[2, 3]))
    [(3, 'naam', '#N/B')]
    """
    found = []
    for column in df.columns:
        cells = df[column].astype(str)
        hit = cells.str.fullmatch(_SPREADSHEET_ERROR)
        found += [(row, column, cells[row]) for row in cells.index[hit.to_numpy()]]
    return sorted(found, key=lambda f: f[0])


def refuse_spreadsheet_errors(df, columns, label, path) -> Message | None:
    """Refuse a table whose ``columns`` (those an import reads) hold a
    spreadsheet's error (see :func:`spreadsheet_errors`), naming the first
    and how many: read as a value, '#N/A' became a person and '#REF!' a
    superior outside the organisation; or a formula without a saved value
    (which reads as empty).  A column not read is left alone: what its
    formulas without a value are is said (the message returned, or None)."""
    read = set(columns)
    errors = spreadsheet_errors(df[[c for c in df.columns if c in read]])
    if errors:
        raise ValidationError([_spreadsheet_error_problem(label, df, errors)], where=str(path))
    from .xlsx import _unsaved_problem
    unsaved = df.attrs.get("unsaved") or []
    used = [u[:3] for u in unsaved if u[3] in read]
    if used:
        raise ValidationError([_unsaved_problem(label, used)], where=str(path))
    if not unsaved:
        return None
    row, _, formula, name = unsaved[0]
    shown = (df.attrs.get("headers") or {}).get(name, name)
    return count(len(unsaved), N_(
        "{label}: a cell holds a formula with no saved value ({formula}, column '{c}', row "
        "{row}), in a column not read: passed over"), N_(
        "{label}: {n} cells hold formulas with no saved value (the first {formula}, column "
        "'{c}', row {row}), in columns not read: passed over"), label=label,
        formula=formula[:60], c=shown, row=row)


#: What a cell typed by hand writes for "the same as the row above": a
#: ditto mark (``idem``, ``"``, ``〃``), compared without case or the
#: spaces around it (``id.`` and ``do.`` with their dots only: ``ID`` may
#: be a unit's initials).
DITTO = frozenset({"idem", "idem.", "id.", "dito", "ditto", "do.", '"', "''", "〃", "„", "“",
                   "”", "zie boven", "zie hierboven", "as above", "same as above"})


def ditto_cells(df, columns) -> list:
    """``(row, column, value)`` of each cell of ``columns`` that is a ditto
    mark (see :data:`DITTO`), in the order of the rows.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"afdeling": ["Staf", "idem", "〃", "ID"]}, index=[2, 3, 4, 5])
    >>> ditto_cells(df, ["afdeling"])
    [(3, 'afdeling', 'idem'), (4, 'afdeling', '〃')]
    """
    found = []
    # (in the table's order of columns, whatever order they are given in:
    # the first one named is the first a reader meets)
    wanted = set(columns)
    for column in (c for c in df.columns if c in wanted):
        cells = df[column].astype(str)
        marks = _values_in(cells, DITTO, lambda v: v.strip().casefold())
        if marks:
            hit = cells.isin(marks)
            found += [(row, column, cells[row]) for row in cells.index[hit.to_numpy()]]
    return sorted(found, key=lambda f: f[0])


def _values_in(cells, words: frozenset, folded: Callable[[str], str]) -> list:
    """The different values of ``cells`` (in the order the rows give them)
    that are, ``folded``, one of ``words``.  Each value is looked at once,
    not each cell: a column of 100,000 rows holds far fewer, but for its ids;
    and only short ones (a word of ``words``, with a few spaces around it)."""
    longest = max(map(len, words)) + 8
    return [v for v in cells.unique() if len(v) <= longest and folded(v) in words]


def read_ditto(df, columns, label, path, fill: bool) -> Message | None:
    """Refuse ditto marks in ``columns`` (those an import reads), naming the
    first and how many: read as a value, ``idem`` was a unit called idem and
    a superior outside the organisation.  With ``fill`` (``--fill-ditto``)
    each is the value of the row above it in the table (that row's own
    ditto read first), in ``df`` itself, and said (the message returned);
    one with no row above, or above an empty cell, is refused."""
    found = ditto_cells(df, columns)
    if not found:
        return None
    shown = (df.attrs.get("headers") or {}).get
    row, column, value = found[0]
    if not fill:
        raise ValidationError([Problem(label, row, count(len(found), N_(
            "column '{c}' holds '{v}', a ditto mark (the same as the row above), which is no "
            "value: write the value on the row, or give --fill-ditto to read it as the cell "
            "above it"), N_(
            "column '{c}' holds '{v}', a ditto mark (the same as the row above), which is no "
            "value ({n} cells hold one): write the values on their rows, or give --fill-ditto "
            "to read each as the cell above it"), c=shown(column, column), v=value))],
            where=str(path))
    rows = df.index.tolist()
    at = {r: i for i, r in enumerate(rows)}
    for row, column, value in found:
        above = df.at[rows[at[row] - 1], column] if at[row] else None
        if above is None or not str(above).strip():
            raise ValidationError([Problem(label, row, Message(
                "column '{c}' holds '{v}', a ditto mark (the same as the row above), and the "
                "row above it has no value there to repeat: write the value on the row",
                c=shown(column, column), v=value))], where=str(path))
        df.at[row, column] = above
    columns_said = list(dict.fromkeys(c for _, c, _ in found))
    return count(len(found), N_(
        "{label}: a ditto mark (idem, \", 〃) read as the cell above it (--fill-ditto): {where}"),
        N_("{label}: {n} ditto marks (idem, \", 〃) read as the cells above them (--fill-ditto): "
           "{where}"), label=label, where=Listing("; ", [Message(
               N_("column '{c}' row {rows}") if sum(col == c for _, col, _ in found) == 1
               else N_("column '{c}' rows {rows}"), c=shown(c, c),
               rows=", ".join(str(r) for r, col, _ in found if col == c))
               for c in columns_said]))


#: What a cell of a unit, grade or cost centre writes for "none" or "not
#: known" (compared without case, the spaces around it or a final dot).
SAYS_NONE = frozenset({"n.v.t", "nvt", "n/a", "-", "–", "—", "--", "?", "??", "???", "onbekend",
                       "niet bekend", "n.b", "nb", "geen", "none", "unknown", "n.t.b", "ntb",
                       "nader te bepalen", "niet van toepassing", "not applicable"})


def empty_where_none(df, columns, label) -> Message | None:
    """Read the cells of ``columns`` that say there is none or that it is
    not known (see :data:`SAYS_NONE`) as empty, in ``df`` itself: said
    with the columns, the values and how many, or None when there is none.
    Kept as written, ``n.v.t.`` was a unit called n.v.t. and a grade ``?``.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"afdeling": ["Staf", "n.v.t.", "-"]}, index=[2, 3, 4])
    >>> print(empty_where_none(df, ["afdeling"], "f.csv"))  # doctest: +NORMALIZE_WHITESPACE
    f.csv: 2 cells of 'afdeling' say there is none or that it is not known ('n.v.t.', '-'):
    read as empty, nothing recorded
    >>> df["afdeling"].tolist()
    ['Staf', '', '']
    """
    headers = df.attrs.get("headers") or {}
    found: dict = {}            # column -> the values that say none, as written
    n = 0
    for column in dict.fromkeys(c for c in columns if c and c in df.columns):
        cells = df[column].astype(str)
        says = _values_in(cells, SAYS_NONE, lambda v: v.strip().casefold().rstrip("."))
        if says:
            hit = cells.isin(says).to_numpy()
            n += int(hit.sum())
            found[column] = says
            df.loc[hit, column] = ""
    if not found:
        return None
    return count(n, N_("{label}: a cell of {columns} says there is none or that it is not known "
                       "({said}): read as empty, nothing recorded"),
                 N_("{label}: {n} cells of {columns} say there is none or that it is not known "
                    "({said}): read as empty, nothing recorded"), label=label,
                 columns=", ".join(f"'{headers.get(c, c)}'" for c in found),
                 said=", ".join(dict.fromkeys(f"'{v}'" for vs in found.values() for v in vs)))


#: A line break, or a tab, and the spaces around it, inside a cell: how a
#: spreadsheet wraps a long title or name (Alt+Enter), not part of it.
_BREAK = re.compile(r"[ ]*[\t\n\r\v\f\x85\u2028\u2029]+[ ]*")
_NEWLINE = re.compile(r"[ \t]*[\n\r\v\f\x85\u2028\u2029]+[ \t]*")
#: The same, to find one in a whole column's text (five times quicker).
_BREAK_CHAR = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]")
_NEWLINE_CHAR = re.compile(r"[\n\r\v\f\x85\u2028\u2029]")


def one_line(df, columns, label) -> Message | None:
    """Read the cells of ``columns`` written on more than one line as one
    line, each break (and a tab) a space, in ``df`` itself; said with the
    first and how many, or None when there is none.  A name, title or id
    is one line: kept with its break, it broke every line of the
    terminal's output and the report it was shown in.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"titel": ["Hoofd", "Gemeente-\\nsecretaris "]}, index=[2, 3])
    >>> print(one_line(df, ["titel"], "f.xlsx"))  # doctest: +ELLIPSIS
    f.xlsx: a cell written on more than one line ('Gemeente- secretaris', row 3): read as one line...
    >>> df["titel"].tolist()
    ['Hoofd', 'Gemeente- secretaris']
    """
    found = []
    for column in _with(df, columns, _BREAK_CHAR):
        for row, value in df[column].items():
            if isinstance(value, str) and _BREAK.search(value):
                df.at[row, column] = _BREAK.sub(" ", value).strip()
                found.append((row, df.at[row, column]))
    if not found:
        return None
    row, value = min(found, key=lambda f: f[0])
    return count(len(found), N_(
        "{label}: a cell written on more than one line ('{v}', row {row}): read as one line, a "
        "space for each line break"), N_(
        "{label}: {n} cells written on more than one line (the first '{v}', row {row}): each read "
        "as one line, a space for each line break"), label=label, v=value, row=row)


def no_controls(df, columns, label) -> Message | None:
    """Take the control characters out of the cells of ``columns`` (in
    ``df`` itself), said with the first and how many, or None when there is
    none: a name kept with one printed it invisibly in a table, broke every
    export to XML (GraphML, GEXF, W3C ORG), and moved a terminal's cursor.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"naam": ["Anna\x1a", "Bram"]}, index=[2, 3])
    >>> print(no_controls(df, ["naam"], "f.csv"))  # doctest: +ELLIPSIS
    f.csv: a cell with a control character (U+001A in 'Anna', row 2): read without it...
    >>> df["naam"].tolist()
    ['Anna', 'Bram']
    """
    found = []
    for column in _with(df, columns, CONTROL):
        for row, value in df[column].items():
            control = CONTROL.search(value) if isinstance(value, str) else None
            if control:
                df.at[row, column] = CONTROL.sub("", value).strip()
                found.append((row, f"U+{ord(control.group()):04X}", df.at[row, column]))
    if not found:
        return None
    row, char, value = min(found)
    return count(len(found), N_(
        "{label}: a cell with a control character ({char} in '{v}', row {row}): read without "
        "it (a control character prints nothing and means nothing in a name)"), N_(
        "{label}: {n} cells with control characters (the first {char} in '{v}', row {row}): "
        "each read without them (a control character prints nothing and means nothing in a "
        "name)"), label=label, char=char, v=value, row=row)


def _with(df, columns, pattern) -> list:
    """Those of ``columns`` of ``df`` with a cell ``pattern`` finds: all the
    column's text searched at once (a file of 100,000 rows has none in
    nearly every column, and a search per cell cost a fifth of a second),
    its cells joined by a noncharacter no pattern finds (a NUL was one a
    search for control characters found between any two cells)."""
    wanted = set(columns)
    return [c for c in df.columns if c in wanted and pattern.search(
        "\uffff".join(v for v in df[c] if isinstance(v, str)))]


def refuse_lines(df, columns, label, path, text: str) -> None:
    """Refuse a table whose ``columns`` hold a cell written on more than one
    line, where a line break may part two values as well as wrap one (a
    holder's cell): the first named, ``text`` saying why, with ``{v}``."""
    for column in _with(df, columns, _NEWLINE_CHAR):
        for row, value in df[column].items():
            if isinstance(value, str) and _NEWLINE.search(value.strip()):
                raise ValidationError([Problem(label, row, Message(
                    text, v=_NEWLINE.sub("⏎", value.strip())))], where=str(path))


def refuse_mangled_ids(df, columns: dict, label, path) -> None:
    """Refuse a table whose id columns (``{column: what it gives}``) hold
    what a spreadsheet made of an id: a date (``1-2`` or ``1/2`` typed, 1
    February or 2 January) in a workbook's cell or as a CSV it saved shows
    it (``1-feb``), or a long number it rounded (``1,23457E+11``); which id
    it was cannot be told from it."""
    _refuse_mangled_texts(df, columns, label, path)
    _refuse_date_cells(df, columns, label, path)


def _refuse_date_cells(df, columns: dict, label, path) -> None:
    """Refuse a workbook whose id columns hold a date cell."""
    for row, column in sorted(df.attrs.get("dates") or ()):
        if column in columns:
            shown = (df.attrs.get("headers") or {}).get(column, column)
            raise ValidationError([Problem(label, row, Message(
                "the {what} in column '{c}' is a date in the workbook ({v}): a spreadsheet makes "
                "a date of an id typed as 1-2 or 1/2, and which id it was cannot be told from "
                "it; format the column as text and type the id again",
                what=Message(columns[column]), c=shown, v=_as_date(df.at[row, column])))],
                where=str(path))


#: A day and a month as a spreadsheet shows a date it made of ``1-2``
#: (``1-feb``, ``01-Feb-26``; Dutch and English months): what a CSV saved
#: from it holds in place of the id.
_MONTHS = ("jan|januari|january|feb|februari|february|mrt|maart|mar|march|apr|april|mei|may|"
           "jun|juni|june|jul|juli|july|aug|augustus|august|sep|sept|september|okt|oktober|"
           "oct|october|nov|november|dec|december")
_SHOWN_DATE = re.compile(rf"\d{{1,2}}[-/ ](?:{_MONTHS})\.?(?:[-/ ]\d{{2,4}})?", re.IGNORECASE)


def _refuse_mangled_texts(df, columns: dict, label, path) -> None:
    """Refuse a table whose id columns hold what a spreadsheet made of an
    id, as the CSV it saved writes it: a date as it shows one (``1-feb``),
    or a long number it rounded (``1,23457E+11``)."""
    for pattern, text in _MANGLED:
        for column in _with(df, columns, pattern):
            for row, value in df[column].items():
                if isinstance(value, str) and pattern.fullmatch(value.strip()):
                    shown = (df.attrs.get("headers") or {}).get(column, column)
                    raise ValidationError([Problem(label, row, Message(
                        text, what=Message(columns[column]), c=shown, v=value.strip()))],
                        where=str(path))


#: A number as a spreadsheet writes one it rounded (``1,23457E+11``).
_ROUNDED = re.compile(r"\d+(?:[.,]\d+)?E[+-]?\d+", re.IGNORECASE)
#: What a spreadsheet makes of an id, and what to say of it.
_MANGLED = (
    (_SHOWN_DATE, N_("the {what} in column '{c}' is '{v}', as a spreadsheet shows a date: it "
                     "makes one of an id typed as 1-2 or 1/2, and which id it was cannot be "
                     "told from it; format the column as text and type the id again")),
    (_ROUNDED, N_("the {what} in column '{c}' is '{v}', as a spreadsheet writes a long number "
                  "it rounded: the id it was cannot be told from it (two ids may have become "
                  "one); format the column as text and type the id again")))


def _as_date(text: str):
    """A date cell's text (``2026-02-01``) as the date, written out where
    shown; as it is when it is no date."""
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        return text


def _spreadsheet_error_problem(label, df, errors) -> Problem:
    row, column, value = errors[0]
    shown = (df.attrs.get("headers") or {}).get(column, column)
    return Problem(label, row, count(len(errors), N_(
        "column '{c}' holds the spreadsheet error '{v}': a formula that did not compute (a "
        "lookup that found nothing, a reference to a row or sheet that is gone), not a value; "
        "correct it in the spreadsheet and save it again, or type the value"), N_(
        "column '{c}' holds the spreadsheet error '{v}' ({n} cells hold one): a formula that "
        "did not compute (a lookup that found nothing, a reference to a row or sheet that is "
        "gone), not a value; correct them in the spreadsheet and save it again, or type the "
        "values"), c=shown, v=value))


def _as_laid_out(df, layout: dict) -> None:
    """The sheet's table as its reader sees it: a merged cell's value on
    each of the table's rows it covers (a unit merged over its posts' rows:
    only its first row holds the value), and which rows and columns are
    hidden (``df.attrs["merged"]``, ``df.attrs["hidden"]``,
    ``df.attrs["hidden_columns"]``: for the log)."""
    from openpyxl.utils import get_column_letter
    columns, rows = df.attrs.get("columns") or {}, set(df.index.tolist())
    said = []
    for top, bottom, left, right in sorted(layout["merged"]):
        covered = [r for r in range(top, bottom + 1) if r in rows]
        name = columns.get(left)
        value = df.at[top, name] if name and top in rows else ""
        if not value:
            continue
        # (the value fills its column down; a merge across columns leaves the
        # others empty, as which of them it belongs to the sheet does not say)
        df.loc[covered, name] = value
        said.append((f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}",
                     value, covered, name, right > left))
    df.attrs["merged"] = said
    df.attrs["hidden"] = sorted(rows & set(layout["hidden"]))
    keep_attrs(df)
    # (a hidden column with values in the table: read as any other)
    df.attrs["hidden_columns"] = [columns[c] for c in sorted(set(layout.get("hidden_columns", ())))
                                  if c in columns and df[columns[c]].astype(str).str.strip()
                                  .ne("").any()]


def unnamed_said(df, label) -> list:
    """What the log says of the columns with values but no name in the
    header (a spreadsheet export's row numbers), left out: nothing when
    there are none."""
    cols = df.attrs.get("unnamed") or []
    if not cols:
        return []
    text = (N_("{label}: column {which} has values but no name in the header: left out")
            if len(cols) == 1 else
            N_("{label}: columns {which} have values but no name in the header: left out"))
    return [Message(text, label=label, which=", ".join(map(str, cols)))]


def laid_out(df, label) -> list:
    """What the log says of a sheet's layout: merged cells read on each row
    they cover, and hidden rows and columns read as any other (its reader
    may not expect either: hiding is not deleting)."""
    said = [_as_windows_1252(df, label)] if df.attrs.get("encoding") == WINDOWS_1252 else []
    shown = df.attrs.get("headers") or {}       # (a column as the file writes it)
    for ref, value, covered, column, across in df.attrs.get("merged") or []:
        text = (N_("{label}: cells {ref} are merged; their value '{v}' is read in column "
                   "'{c}' of row {rows}") if len(covered) == 1 else
                N_("{label}: cells {ref} are merged; their value '{v}' is read in column "
                   "'{c}' of each of rows {rows}"))
        said.append(Message(text, label=label, ref=ref, v=value, c=shown.get(column, column),
                            rows=row_spans(covered))
                    + (Message(" (the other columns it spans are read as empty)") if across
                       else ""))
    texts = df.attrs.get("excel_texts")
    if texts:
        row, column, value = texts[0]
        said.append(count(len(texts), N_(
            "{label}: a cell is written as a formula of its text ('{v}' in column '{c}', row "
            "{row}), as an exporter writes one for a spreadsheet to keep it as text: read as "
            "its text"), N_(
            "{label}: {n} cells are written as formulas of their text (the first '{v}' in "
            "column '{c}', row {row}), as an exporter writes them for a spreadsheet to keep "
            "them as text: each read as its text"), label=label, v=value,
            c=shown.get(column, column), row=row))
    if df.attrs.get("sheet_hidden"):
        said.append(Message("{label}: the sheet is hidden in the workbook, and read as any "
                            "other (hiding is not deleting)", label=label))
    hidden = df.attrs.get("hidden")
    if hidden:
        text = (N_("{label}: row {rows} is hidden in the workbook, and read as any other row")
                if len(hidden) == 1 else
                N_("{label}: rows {rows} are hidden in the workbook, and read as any other row"))
        said.append(Message(text, label=label, rows=row_spans(hidden)))
    columns = df.attrs.get("hidden_columns")
    if columns:
        text = (N_("{label}: column {columns} is hidden in the workbook, and treated as any "
                   "other column (hiding is not deleting)") if len(columns) == 1 else
                N_("{label}: columns {columns} are hidden in the workbook, and treated as any "
                   "other column (hiding is not deleting)"))
        said.append(Message(text, label=label, columns=", ".join(
            f"'{shown.get(c, c)}'" for c in columns)))
    return said


def _as_windows_1252(df, label) -> Message:
    """The log's line on a CSV file read as Windows-1252 (it is not UTF-8):
    the first cell with a letter outside ASCII, as read, so that its reader
    sees whether the accents came out right (a file from a Mac or in
    another code page would read wrong, and nothing else would say so); a
    long cell is shown around that letter, and a header when no cell has
    one."""
    shown = df.attrs.get("headers") or {}
    for row, cells in df.iterrows():
        for column, value in cells.items():
            if not str(value).isascii():
                return Message(
                    "{label} is not UTF-8 text and is read as Windows-1252 (Excel's plain "
                    "CSV): row {row} reads '{v}' in column '{c}'; if that is not what the "
                    "file says, save it as 'CSV UTF-8' and import it again", label=label,
                    row=str(row), v=around_non_ascii(str(value)), c=shown.get(column, column))
    for column in df.columns:
        if not str(shown.get(column, column)).isascii():
            return Message(
                "{label} is not UTF-8 text and is read as Windows-1252 (Excel's plain "
                "CSV): a column is headed '{c}'; if that is not what the file says, save it "
                "as 'CSV UTF-8' and import it again", label=label,
                c=around_non_ascii(str(shown.get(column, column))))
    # (the letters outside ASCII are above the header)
    return Message("{label} is not UTF-8 text and is read as Windows-1252 (Excel's plain CSV)",
                   label=label)


def around_non_ascii(text: str, width: int = 30) -> str:
    """``text`` as a reader checks its letters: whole when short, else the
    words around its first letter outside ASCII, the rest cut with '…'.

    >>> around_non_ascii("Coördinator")
    'Coördinator'
    >>> around_non_ascii("Provide leadership to the NHS - support DH’s wider roles across "
    ...                  "Government in relation to health research", width=12)
    '… support DH’s wider …'
    """
    if len(text) <= 2 * width + 10:
        return text
    at = next(i for i, c in enumerate(text) if not c.isascii())
    start, end = max(0, at - width), min(len(text), at + width)
    # (cut at a space, so that no word is shown in part)
    if start:
        start = text.find(" ", start, at) + 1 or start
    if end < len(text):
        end = text.rfind(" ", at, end) if text.rfind(" ", at, end) > at else end
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


#: A remark in brackets after a column's name: "Bevoegdheid (omschrijving)",
#: "Grens (in euro's)".
_REMARK = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")


def fold_without_remark(name: str) -> str:
    """A column's name folded (see :func:`fold`) without a remark in brackets
    after it: what it is read by when its whole name is none orgmodel knows.

    >>> fold_without_remark("Bevoegdheid (omschrijving)"), fold_without_remark("FTE")
    ('bevoegdheid', 'fte')
    """
    return fold(_REMARK.sub("", str(name)) or name)


def fold(name: str) -> str:
    """A column name without case, accents, spaces or punctuation:
    ``Organisatie-eenheid`` and ``organisatie eenheid`` are one column."""
    text = unicodedata.normalize("NFKD", str(name).casefold())
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))
