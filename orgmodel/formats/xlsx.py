"""An organisation as one Excel workbook: sheets ``nodes`` and ``edges`` (the
columns of ``nodes.csv`` and ``edges.csv``, one row each) and ``settings``
(one row per key of ``org.yaml``: ``key`` and ``value``, the value in YAML
when it is a list or mapping).  Read and written with openpyxl.

Every cell is text, as in the CSV files: a value typed as a number, date or
true/false in Excel is read as its text (``1``, ``2026-01-01``, ``true``).
Problems name the workbook, the sheet and the row as Excel shows it.

Examples
--------
>>> path = write_xlsx(sample, tmp_path / "sample.xlsx")
>>> read_xlsx(path) == sample
True
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .._filekind import kind_of, named_otherwise
from ..errors import Problem, ValidationError
from ..i18n import N_, Figure, Listing, Message, count, translator
from ..limits import MAX_RATIO, MAX_WORKBOOK_MB, current, too_long_cell, too_many_rows
from ..model import OrgModel
from ..notation import number_text
from ..read import (
    EDGES,
    HEADER_WITHIN,
    NODES,
    POSTS_HINT,
    _Loader,
    _normal,
    header_shown,
    joined_names,
    keep_attrs,
    two_header_rows,
)
from ..write import to_tables
from ._tables import atomic_write, model_from_tables, table

if TYPE_CHECKING:  # names in annotations only
    from .._types import PathLike, PathOrFile


__all__ = ["read_xlsx", "write_xlsx", "Workbook", "MAX_EXPANDED", "MAX_RATIO", "text_cell",
           "ooxml_escape", "ooxml_unescape", "save_workbook", "SHEETS"]

#: The sheets of a workbook, in order.
SHEETS = ("nodes", "edges", "settings")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # (the number the cell holds, written so that no locale reads it as
        # another: 1.125 stays 1.125 where a dot groups thousands)
        return number_text(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return _normal(ooxml_unescape(str(value).strip()))


def _rows(ws, formulas=None, unsaved=None, dated=None):
    """``(row number, [cells as text])`` of a sheet, blank rows left out.

    ``formulas``: the same sheet read for its formulas; each cell that holds a
    formula without a saved value (which reads as empty) is added to
    ``unsaved`` as ``(row, column, formula)``.  Each cell that holds a date
    is added to ``dated`` as ``(row, column)``: an id typed as ``1-2`` is a
    date in a spreadsheet, and its text no longer shows it.
    """
    for sheet in (ws, formulas):
        # (a sheet says how far it reaches, and openpyxl pads every row, and
        # each row missing between, to that: a cell styled at XFD1048576 made
        # a sheet of three rows a million rows of 16,384 cells, read for
        # hours. Each row is read as long as its cells go; a table's rows may
        # differ in length.)
        if sheet is not None and hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
    values = ws.iter_rows(values_only=True)
    pairs = zip(values, formulas.iter_rows(values_only=True)) if formulas is not None \
        else ((row, None) for row in values)
    for i, (row, said) in enumerate(pairs, start=1):
        if said is not None and unsaved is not None:
            unsaved.extend((i, j, f) for j, (v, f) in enumerate(zip(row, said), start=1)
                           if v is None and isinstance(f, str) and f.startswith("="))
        cells = [_text(v) for v in row]
        if any(cells):
            if dated is not None:
                dated.extend((i, j) for j, v in enumerate(row, start=1)
                             if isinstance(v, _dt.date))
            yield i, cells


def _unsaved_problem(label, unsaved) -> Problem:
    from openpyxl.utils import get_column_letter
    row, col, formula = unsaved[0]
    more = count(len(unsaved) - 1, N_(" (and {n} more cell)"), N_(" (and {n} more cells)")) \
        if len(unsaved) > 1 else ""
    return Problem(label, row, Message(
        "cell {v}{row} holds a formula ({formula}) with no saved value{more}: orgmodel reads the "
        "values a spreadsheet program saved; open the workbook in Excel or LibreOffice and save it "
        "again, or type the values",
        v=get_column_letter(col), row=row, formula=formula[:60], more=more))


def _bounded(rows, label, problems) -> list | None:
    """The rows of a sheet, or None (and the problem said) at the first row
    past the row limit or with a cell past the cell limit
    (:mod:`orgmodel.limits`): read no further than that."""
    from openpyxl.utils import get_column_letter
    lim, out = current(), []
    for rowno, cells in rows:
        longest = max(map(len, cells), default=0)
        if longest > lim.cell:
            col = get_column_letter(next(i for i, c in enumerate(cells, 1) if len(c) == longest))
            problems.append(Problem(label, rowno, too_long_cell(lim, Message("column {letter}", letter=col),
                                                              longest)))
            return None
        if len(out) >= lim.rows + 1:        # (the header and lim.rows rows)
            problems.append(Problem(label, rowno, too_many_rows(lim)))
            return None
        out.append((rowno, cells))
    return out


def _names_read(names: list, required, header_row: int, label, problems: list) -> bool:
    """Whether the header's ``names`` have every ``required`` one, each once;
    else the problem added."""
    missing = [c for c in required if c not in names]
    if missing:
        problems.append(Problem(label, header_row, Message(
            "has no column {v} (columns: {v2})",
            v=', '.join(map(repr, missing)), v2=', '.join(n for n in names if n) or Message("none"))))
        return False
    seen = set()
    for n in names:
        if n and n in seen:
            problems.append(Problem(label, header_row, Message(
                "column '{n}' appears twice",
                n=n)))
            return False
        seen.add(n)
    return True


def _nameless(rows: list, names: list) -> set:
    """The numbers of the columns with values under no name in the header."""
    # (only the cells under no name are looked at: a sheet of a 100k-role
    # model has two million cells, nearly all of them under a name)
    blank = [i for i, n in enumerate(names) if not n]
    nameless: set = set()
    for _rowno, cells in rows:
        nameless.update(i + 1 for i in blank if i < len(cells) and cells[i])
        nameless.update(i + 1 for i in range(len(names), len(cells)) if cells[i])
    return nameless


def _records(rows: list, names: list, nameless: set) -> tuple[list, list, dict]:
    """``(records, index, notes)``: each row's cells by name, its row
    number, and the note typed under the table in a column with no name
    (see :func:`orgmodel.read.read_table`), by row."""
    records, index, notes = [], [], {}
    for rowno, cells in rows:
        records.append({n: (cells[i] if i < len(cells) else "") for i, n in enumerate(names)
                        if n})
        index.append(rowno)
        if nameless and not any(str(v).strip() for v in records[-1].values() if v is not None):
            # (a note typed under the table in a column with no name: see read._frame)
            notes[rowno] = next((str(cells[i - 1]).strip() for i in sorted(nameless)
                                 if i <= len(cells) and cells[i - 1]), "")
    return records, index, notes


def _sheet_table(ws, label, problems, required, formulas=None, unnamed=False, header=None,
                 known=None, unsaved_later=False):
    """A sheet as a table of text cells indexed by row, as
    :func:`orgmodel.read.read_table` reads a CSV file (``unnamed``,
    ``header`` and ``known`` too).  A formula without a saved value is
    refused, or with ``unsaved_later``, where it is under the header, kept
    in ``attrs["unsaved"]`` as ``(row, column number, formula, name)`` for
    the reader that knows which columns it reads (see
    :func:`orgmodel.formats._sheets.refuse_spreadsheet_errors`)."""
    unsaved: list = []
    dated: list = []
    rows = _bounded(_rows(ws, formulas, unsaved, dated), label, problems)
    if rows is None:
        return None
    is_header = header
    above = _above_header(rows, is_header) if is_header else []
    over = rows[len(above) - 1] if above else None       # (the row right above the header)
    rows = rows[len(above):]
    # (with unsaved_later, a formula without a value under the header waits
    # for the reader that knows its columns; one in the header, or above it,
    # is refused here)
    header_at = rows[0][0] if rows else 0
    below = [u for u in unsaved if u[0] > header_at] if unsaved_later else []
    if len(below) < len(unsaved):
        problems.append(_unsaved_problem(label, [u for u in unsaved
                                                 if not (unsaved_later and u[0] > header_at)]))
        return None
    if not rows:
        problems.append(Problem(label, None, "is empty: it needs at least a header row"))
        return None
    header_row, header = rows[0]
    second = _second_header_row(rows, known, is_header) if known else None
    if second:
        joined = joined_names(header, rows[1][1], second)
        header = second
        rows = rows[:1] + rows[2:]
    groups = _group_row(over, rows[0], known, is_header) if known and not second else None
    if groups:
        # (a row of group names right above the header row: one header on
        # the header's row, that row no longer a title above it)
        joined, header, above = joined_names(over[1], header, groups), groups, above[:-1]
        header_row -= 1
    names = [h.strip().casefold().replace(" ", "_") for h in header]
    while names and not names[-1]:
        names.pop()
    if not _names_read(names, required, header_row, label, problems):
        return None
    nameless = _nameless(rows[1:], names)
    if nameless and not unnamed:
        for i in sorted(nameless):
            problems.append(Problem(label, header_row, Message(
                "column {i} has values but no name in the header",
                i=i)))
        return None
    records, index, notes = _records(rows[1:], names, nameless)
    frame = table(records, [n for n in names if n])
    frame.index = index
    frame.attrs["unnamed"] = sorted(nameless)
    frame.attrs["unnamed_text"] = {r: t for r, t in notes.items() if t}
    frame.attrs["header_row"] = header_row
    frame.attrs["headers"] = {n: header_shown(header[i]) for i, n in enumerate(names) if n}
    frame.attrs["above_header"] = above
    frame.attrs["second_header_row"] = (header_row + 1, joined) if second or groups else None
    # (which column of the sheet each name is, for its merged cells)
    frame.attrs["columns"] = {i + 1: n for i, n in enumerate(names) if n}
    # (the cells that hold a date, by row and column name)
    rownos = set(index)
    frame.attrs["dates"] = {(r, names[j - 1]) for r, j in dated
                            if j <= len(names) and names[j - 1] and r in rownos}
    frame.attrs["unsaved"] = [(r, j, f, names[j - 1] if j <= len(names) else "")
                              for r, j, f in below]
    keep_attrs(frame)
    return frame


def _second_header_row(rows, known, is_header=None) -> list | None:
    """The names of a header written on the sheet's first two rows (see
    :func:`orgmodel.read.two_header_rows`) that ``is_header`` takes, else
    None."""
    if len(rows) < 2 or rows[1][0] != rows[0][0] + 1:
        return None
    names = two_header_rows(rows[0][1], rows[1][1], known)
    return names if names and (is_header is None or is_header(names)) else None


def _group_row(over, first, known, is_header) -> list | None:
    """The names of a header whose row ``first`` sits right under a row
    ``over`` of group names (see :func:`orgmodel.read.two_header_rows`) that
    ``is_header`` takes and that name a column ``first`` alone does not; else
    None (a title over the header stays a title)."""
    if over is None or over[0] != first[0] - 1:
        return None
    names = two_header_rows(over[1], first[1], known)
    if not names or (is_header is not None and not is_header(names)):
        return None
    # (and it must name a column the header alone does not: a note beside a
    # title names none)
    return names if any(known(n) for n in joined_names(over[1], first[1], names)) else None


def _above_header(rows, is_header, within: int = HEADER_WITHIN) -> list:
    """The rows above the header row (the first of the first ``within`` rows
    whose cells ``is_header`` takes), as ``(row, text)``; none when no row is."""
    for k, (_, cells) in enumerate(rows[:within]):
        if is_header(cells):
            return [(rowno, " ".join(c for c in cells if c)) for rowno, cells in rows[:k]]
    return []


def _settings(ws, label, problems, formulas=None) -> dict:
    out: dict = {}
    unsaved: list = []
    rows = list(_rows(ws, formulas, unsaved))
    if unsaved:
        problems.append(_unsaved_problem(label, unsaved))
        return out
    for rowno, cells in rows:
        key = cells[0] if cells else ""
        value = cells[1] if len(cells) > 1 else ""
        if rowno == 1 and key.casefold() == "key":
            continue                    # the header
        if not key:
            problems.append(Problem(label, rowno, "has a value but no key"))
            continue
        if key in out:
            problems.append(Problem(label, rowno, Message("key '{key}' is given twice", key=key)))
            continue
        try:
            out[key] = yaml.load(value, Loader=_Loader) if value else None
        except yaml.YAMLError as exc:
            problems.append(Problem(label, rowno, Message(
                "value of '{key}' is not valid YAML: {v}",
                key=key, v=getattr(exc, 'problem', None) or exc)))
    return out


#: How far a workbook may expand when it is read, in bytes (its sheets as
#: XML), and how many times its size in the file a part may grow: a real
#: workbook's XML compresses about ten times, a zip bomb thousands.  Raised
#: with ORGMODEL_MAX_WORKBOOK_MB and ORGMODEL_MAX_WORKBOOK_RATIO (see
#: :mod:`orgmodel.limits`).
MAX_EXPANDED = MAX_WORKBOOK_MB * 2**20

def text_instead(path: Path) -> str | None:
    """Why a file named as a workbook is none when it is text: a web page
    or an XML Spreadsheet 2003 (as some systems write their "Excel"
    export), or plain text (a CSV file renamed); None when it is not text.

    >>> p = tmp_path / "export.xls"
    >>> _ = p.write_text("<html><table><tr><td>1</td></tr></table></html>")
    >>> text_instead(p).startswith("is a web page (HTML)")
    True
    """
    with open(path, "rb") as f:
        head = f.read(4096)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head, encoding = head[len(bom):], codec
            break
    else:
        encoding = "utf-8"
    # (a control character other than tab and line ends is no text's)
    text = head.decode(encoding, errors="replace")
    if not text.strip() or any(ord(c) < 32 and c not in "\t\r\n\f" for c in text):
        return None
    start = text.lstrip().casefold()
    if "urn:schemas-microsoft-com:office:spreadsheet" in start:
        return N_("is an XML Spreadsheet 2003, not the workbook its name says: open it in "
                  "Excel or LibreOffice and save it as an Excel Workbook (.xlsx)")
    if start.startswith(("<!doctype html", "<html", "<table", "<?xml", "<head", "<body")):
        return N_("is a web page (HTML), not the workbook its name says (some systems write "
                  "their 'Excel' export so): open it in Excel or LibreOffice and save it as an "
                  "Excel Workbook (.xlsx)")
    return N_("is text, not the workbook its name says: a CSV file? give it the .csv "
              "extension")


def _not_a_workbook(path: Path, reads: tuple[str, ...] = ()) -> str | None:
    """Why ``path`` cannot be opened as a workbook, or None when it can;
    ``reads``: the other spreadsheets the reader reads (see
    :func:`orgmodel._filekind.named_otherwise`)."""
    if not path.exists():
        return N_("does not exist")
    if not path.is_file():
        return N_("is not an ordinary file (a folder, pipe or device)")
    kind = kind_of(path)
    other = named_otherwise(path, ".xlsx", reads, kind=kind)
    if other:
        return other
    if kind == "protected":
        return ("is protected with a password: open it in Excel or LibreOffice, remove the "
                "password (File > Info > Protect Workbook) and save it")
    if not zipfile.is_zipfile(path):
        return text_instead(path) or \
            "is not an Excel workbook (.xlsx): it is not a zip archive, as a workbook is"
    return None


def _too_big(path: Path) -> str | None:
    """Why reading ``path`` would expand too far, or None."""
    lim = current()
    limit, ratio = lim.workbook_bytes, lim.ratio
    with zipfile.ZipFile(path) as z:
        parts = z.infolist()
    total = sum(p.file_size for p in parts)
    if total > limit:
        return (Message(
            "would expand to {v} MB when read, more than the limit of {v2} MB (raise it with "
            "ORGMODEL_MAX_WORKBOOK_MB)",
            v=Figure(total / 2**20, 0), v2=Figure(limit / 2**20, 0)))
    for p in parts:
        if p.file_size > 2**20 and p.file_size > ratio * max(p.compress_size, 1):
            grows = p.file_size / max(p.compress_size, 1)
            return (Message(
                "has a part ({filename}) that expands {grows} times, to {v} MB: a workbook "
                "compresses about ten times (a zip bomb? raise the limit of {ratio} with "
                "ORGMODEL_MAX_WORKBOOK_RATIO if the file is yours)",
                filename=p.filename, grows=Figure(grows, 0), v=Figure(p.file_size / 2**20, 0),
                ratio=ratio))
    return None


def _has_formulas(path: Path) -> bool:
    """Whether a sheet of the workbook holds a formula (``<f>`` in its XML)."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.startswith("xl/worksheets/"):
                continue
            tail = b""
            with z.open(name) as f:
                while chunk := f.read(2**20):
                    text = tail + chunk
                    if b"<f>" in text or b"<f " in text or b":f>" in text or b":f " in text:
                        return True
                    tail = text[-3:]
    return False


class Workbook:
    """An .xlsx file opened for reading its values, checked first: a file that
    is not a workbook, is encrypted or would expand too far is refused with
    the reason; when a sheet holds formulas the workbook is also opened for
    them, so that a formula without a saved value is named, not read as an
    empty cell.
    """

    def __init__(self, path: Path, label: str, reads: tuple[str, ...] = ()):
        from openpyxl import load_workbook
        why = _not_a_workbook(path, reads) or _too_big(path)
        if why:
            raise ValidationError([Problem(label, None, why)], where=str(path))
        self._said, self._path = None, path
        try:
            self._values = load_workbook(path, read_only=True, data_only=True)
            if _has_formulas(path):
                self._said = load_workbook(path, read_only=True, data_only=False)
        except Exception as exc:    # openpyxl raises many kinds for a broken file
            raise ValidationError([Problem(label, None, Message(
                "is not an Excel workbook (.xlsx) that can be read: {exc}",
                exc=(exc.args[0] if exc.args else str(exc))))], where=str(path)) from None
        self.sheetnames = self._values.sheetnames
        self.worksheets = self._values.worksheets

    def __getitem__(self, name):
        return self._values[name]

    def formulas(self, name):
        """The sheet ``name`` read for its formulas, or None when there are none."""
        return None if self._said is None else self._said[name]

    def layout(self, name) -> dict:
        """What a reader sees of sheet ``name`` beyond its values: its merged
        cells (``merged``: ``(first row, last row, first column, last column)``,
        counted from 1), its hidden rows (``hidden``) and hidden columns
        (``hidden_columns``, counted from 1), read from the sheet's XML
        (openpyxl reads none of them when it streams a sheet)."""
        with zipfile.ZipFile(self._path) as z:
            xml = z.read(self._values[name]._worksheet_path)
        return sheet_layout(xml)

    def close(self) -> None:
        self._values.close()
        if self._said is not None:
            self._said.close()


def sheet_layout(xml: bytes) -> dict:
    """The merged cells, hidden rows and hidden columns of a sheet's XML
    (see :meth:`Workbook.layout`).

    >>> sheet_layout(b'<cols><col min="2" max="3" hidden="1"/><col min="4" max="4"/></cols>'
    ...              b'<row r="5" hidden="1"><c r="A5"/></row><mergeCell ref="C3:C5"/>')
    {'merged': [(3, 5, 3, 3)], 'hidden': [5], 'hidden_columns': [2, 3]}
    """
    from openpyxl.utils.cell import range_boundaries
    hidden = []
    for tag in re.finditer(rb'<(?:\w+:)?row\b[^>]*>', xml):
        row = re.search(rb'\br="(\d+)"', tag.group(0))
        if row and re.search(rb'\bhidden="(1|true)"', tag.group(0)):
            hidden.append(int(row.group(1)))
    merged = []
    for m in re.finditer(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"', xml):
        min_col, min_row, max_col, max_row = range_boundaries(m.group(1).decode())
        merged.append((min_row, max_row, min_col, max_col))
    columns = []
    for tag in re.finditer(rb'<(?:\w+:)?col\b[^>]*>', xml):
        span = re.search(rb'\bmin="(\d+)"[^>]*\bmax="(\d+)"', tag.group(0))
        if span and re.search(rb'\bhidden="(1|true)"', tag.group(0)):
            first, last = int(span.group(1)), int(span.group(2))
            # (a sheet's last columns are often hidden as one run to its end)
            columns.extend(range(first, min(last, first + 1000) + 1))
    return {"merged": merged, "hidden": hidden, "hidden_columns": columns}


def _sheets_in_dutch(names: dict) -> dict:
    """``{sheet: its name}`` of the sheets ``nodes`` and ``edges`` that a
    workbook (``names``: folded → as written) lacks and names in Dutch, as
    orgmodel's Dutch tables name them (``knooppunten``); the Dutch
    catalogue is read only when a sheet is missing."""
    if "nodes" in names and "edges" in names:
        return {}
    nl = translator("nl")
    return {s: names[nl.column(s).casefold()] for s in ("nodes", "edges")
            if s not in names and nl.column(s).casefold() in names}


def read_xlsx(path: PathLike) -> OrgModel:
    """Read an organisation workbook (sheets ``nodes``, ``edges``, ``settings``).

    Raises
    ------
    ValidationError
        Every problem, naming the workbook, sheet and row; nothing is built.
    """
    path = Path(path)
    book = path.name
    wb = Workbook(path, book)
    try:
        problems = []
        names = {n.casefold(): n for n in wb.sheetnames}
        dutch = _sheets_in_dutch(names)
        if dutch:
            problems.append(Problem(book, None, Message(
                "names its sheets in Dutch ({v}): orgmodel reads them as 'nodes' and 'edges', "
                "so rename them", v=Listing(", ", [Message("'{nl}' for '{en}'", nl=n, en=s)
                                                   for s, n in dutch.items()]))))
        elif "nodes" not in names and "edges" not in names:
            # (neither sheet: not a model's workbook at all, most often an HR
            # export of posts given where a model is read)
            problems.append(Problem(book, None, Message(
                "is not an organisation workbook: it has no sheets 'nodes' and 'edges' (its "
                "sheets: {v}); {hint}", v=', '.join(f"'{n}'" for n in wb.sheetnames),
                hint=Message(POSTS_HINT))))
        else:
            problems += [Problem(book, None, Message(
                "has no sheet '{sheet}' (sheets: {v})", sheet=sheet, v=', '.join(wb.sheetnames)))
                for sheet in ("nodes", "edges") if sheet not in names]
        if problems:
            raise ValidationError(problems, where=str(path))
        lab = {s: Message("{book}, sheet {v}", book=book, v=names.get(s, s)) for s in SHEETS}
        nodes = _sheet_table(wb[names["nodes"]], lab["nodes"], problems, ("id", "kind", "name"),
                             wb.formulas(names["nodes"]))
        edges = _sheet_table(wb[names["edges"]], lab["edges"], problems, ("from", "to", "kind"),
                             wb.formulas(names["edges"]))
        manifest = _settings(wb[names["settings"]], lab["settings"], problems,
                             wb.formulas(names["settings"])) if "settings" in names else {}
    finally:
        wb.close()
    if problems:
        raise ValidationError(problems, where=str(path))
    org = model_from_tables(manifest, nodes, edges, str(path),
                            {NODES: lab["nodes"], EDGES: lab["edges"],
                             "org.yaml": lab["settings"]})
    org.path = path
    return org


def write_xlsx(org: OrgModel, path: PathOrFile) -> Path:
    """Write ``org`` as one workbook; the file appears only when complete."""
    from openpyxl import Workbook
    manifest, nodes, edges = to_tables(org)

    def write(tmp):
        # write-only: rows stream to the file (a 100k-role model in seconds)
        wb = Workbook(write_only=True)

        for name, frame in (("nodes", nodes), ("edges", edges)):
            ws = wb.create_sheet(name)
            ws.freeze_panes = "A2"
            ws.append(list(frame.columns))
            for row in frame.itertuples(index=False, name=None):
                ws.append([text_cell(ws, v) for v in row])
        ws = wb.create_sheet("settings")
        ws.freeze_panes = "A2"
        ws.append(["key", "value"])
        for key, value in manifest.items():
            if isinstance(value, str) and not _needs_yaml(value):
                cell = value
            else:
                cell = yaml.safe_dump(value, allow_unicode=True, sort_keys=False,
                                      default_flow_style=None).strip()
                if cell.endswith("\n..."):
                    cell = cell[:-4].strip()
            ws.append([key, text_cell(ws, cell)])
        save_workbook(wb, tmp)
    return atomic_write(path, write)


#: Excel's own escape for a character XML cannot hold (or would turn into
#: another: a carriage return reads back as a line feed): ``_xHHHH_``.  A
#: text that already looks like an escape gets its underscore escaped, as
#: Excel does, so it reads back as itself.
_ESCAPED = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def ooxml_escape(text: str) -> str:
    r"""``text`` as a workbook cell holds it, every character XML cannot carry
    written as Excel writes it.

    >>> ooxml_escape("Team\rmanager\x07"), ooxml_unescape(ooxml_escape("a_x000D_b\r"))
    ('Team_x000D_manager_x0007_', 'a_x000D_b\r')
    """
    if "_x" in text:
        text = _ESCAPED.sub(r"_x005F_\1", text)
    return _UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def ooxml_unescape(text: str) -> str:
    """A workbook cell's text with Excel's ``_xHHHH_`` escapes undone."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def text_cell(ws, value):
    """A value for a write-only sheet: a string starting with ``=`` stays text,
    not a formula; characters XML cannot carry are escaped as Excel does."""
    if not isinstance(value, str):
        return value
    value = ooxml_escape(value)
    if value.startswith("="):
        from openpyxl.cell import WriteOnlyCell
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def save_workbook(wb, path) -> None:
    """``wb.save(path)``, the archive closed whatever happens: openpyxl
    leaves it open when a write fails (a full disk), holding the space of a
    file already deleted, and its clean-up later prints a traceback."""
    from openpyxl.writer.excel import ExcelWriter
    archive = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(wb, archive).save()     # (closes the archive when it succeeds)
    except BaseException:
        with contextlib.suppress(OSError):
            archive.close()                 # (its last write may fail again: closed anyway)
        for ws in wb.worksheets:
            # a write-only sheet's row writer, left open, would complain when
            # collected (openpyxl keeps it as _rows)
            rows = getattr(ws, "_rows", None)
            if rows is not None:
                with contextlib.suppress(Exception):
                    rows.close()
        raise


def _needs_yaml(text: str) -> bool:
    """Whether a plain string would read back as something else in YAML."""
    try:
        return yaml.safe_load(text) != text
    except yaml.YAMLError:
        return True
