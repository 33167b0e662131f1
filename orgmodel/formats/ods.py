"""OpenDocument spreadsheets (``.ods``), read for the posts importer: the
Dutch government's open standards list (Forum Standaardisatie's "pas toe of
leg uit") names ODF for exchanging documents, and LibreOffice saves it by
default.  A workbook is opened as an object with the few parts of an
openpyxl workbook the importer uses (its sheets, each with a title and
``iter_rows(values_only=True)``), as :mod:`orgmodel.formats.xls` does for
``.xls``, so that all read through one path.

The sheets are read from the file's ``content.xml`` with defusedxml (no
entity expansion, no external references), after the checks an ``.xlsx``
gets (a zip archive that does not expand too far).  A cell is the value the
spreadsheet program saved with it: a number cell its number (a percentage
its share: ``80%`` is 0.8), a date cell its date, a text cell its text.
Rows and cells that ODF writes once with a repeat count are as many rows and
cells; the empty rows and cells after the last filled one are not read.
"""
from __future__ import annotations

import datetime as _dt
import zipfile
from pathlib import Path

from .._filekind import named_otherwise
from ..errors import Problem, ValidationError
from ..i18n import N_, Message
from .xls import SavedBook

__all__ = ["OdsBook", "MIMETYPE"]

#: The ``mimetype`` an OpenDocument spreadsheet's archive starts with.
MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
#: The most columns a sheet has (LibreOffice's limit): a repeat count past it
#: is a file's way of saying "to the end of the row".
MAX_COLUMNS = 16384
#: The most times one filled row may be repeated: LibreOffice writes a row
#: once with a count when rows are alike, and no table of posts has a
#: thousand rows alike; a tiny file could otherwise expand to millions.
MAX_REPEATED = 1000
#: The most rows a sheet has (LibreOffice's, with its largest sheets): a filled
#: row past it comes after empty rows a file repeated to expand.
MAX_ROWS = 16_777_216


class _Repeated(Exception):
    """A filled row repeated more than :data:`MAX_REPEATED` times, or past
    :data:`MAX_ROWS`."""

    def __init__(self, sheet: str, row: int, times: int):
        super().__init__(sheet, row, times)
        self.sheet, self.row, self.times = sheet, row, times


class _Sheet:
    """One sheet: its rows as runs ``(cells, repeat)``, expanded as they are
    read (a filled row repeated a million times costs nothing until then)."""

    def __init__(self, title: str):
        self.title = title
        self.sheet_state = "visible"        # (as openpyxl names it)
        self.runs: list = []
        self.merged: list = []      # (first row, last row, first column, last column)
        self.hidden: list = []      # row numbers
        self.hidden_columns: list = []      # column numbers
        self.columns_seen = 0       # columns described so far (table:table-column)

    def iter_rows(self, values_only=True, max_row=None):
        n = 0
        for cells, repeat in self.runs:
            for _ in range(repeat):
                if max_row is not None and n >= max_row:
                    return
                n += 1
                yield cells


def _paragraph(p) -> str:
    """The text of a ``text:p``, its spaces, tabs and line breaks as written."""
    out = [p.text or ""]
    for child in p:
        if child.tag == _TEXT + "s":
            out.append(" " * int(child.get(_TEXT + "c") or 1))
        elif child.tag == _TEXT + "tab":
            out.append("\t")
        elif child.tag == _TEXT + "line-break":
            out.append("\n")
        elif child.tag != _OFFICE + "annotation":
            out.append(_paragraph(child))
        out.append(child.tail or "")
    return "".join(out)


def _value(cell):
    """The value a cell holds, as openpyxl gives a workbook's: a float, a
    datetime, a bool, a text, or None."""
    kind = cell.get(_OFFICE + "value-type")
    if kind in ("float", "percentage", "currency"):
        return float(cell.get(_OFFICE + "value"))
    if kind == "date":
        return _dt.datetime.fromisoformat(cell.get(_OFFICE + "date-value"))
    if kind == "boolean":
        return cell.get(_OFFICE + "boolean-value") == "true"
    # (a string, a time as it is shown, or a cell without a type)
    text = "\n".join(_paragraph(p) for p in cell if p.tag == _TEXT + "p")
    return text if text or kind else None


def _row(element, rowno: int, sheet: _Sheet) -> tuple:
    """A row's cells (the empty ones after the last filled one left out);
    its merged cells are added to ``sheet``."""
    cells: list = []
    empty = 0            # empty cells not yet written (written before a filled one)
    for cell in element:
        if cell.tag not in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
            continue
        repeat = int(cell.get(_TABLE + "number-columns-repeated") or 1)
        value = _value(cell) if cell.tag == _TABLE + "table-cell" else None
        if value is None:
            empty += repeat
            continue
        column = len(cells) + empty + 1
        spans = (int(cell.get(_TABLE + "number-rows-spanned") or 1),
                 int(cell.get(_TABLE + "number-columns-spanned") or 1))
        if spans != (1, 1):
            sheet.merged.append((rowno, rowno + spans[0] - 1, column, column + spans[1] - 1))
        cells.extend([None] * empty)
        empty = 0
        cells.extend([value] * min(repeat, MAX_COLUMNS - len(cells)))
        if len(cells) >= MAX_COLUMNS:
            break
    return tuple(cells)


def _column(element, sheet: _Sheet) -> None:
    """A column's (or a run of alike columns') place, and whether it is
    hidden, added to ``sheet``."""
    repeat = min(int(element.get(_TABLE + "number-columns-repeated") or 1), MAX_COLUMNS)
    first = sheet.columns_seen + 1
    sheet.columns_seen += repeat
    if element.get(_TABLE + "visibility") in ("collapse", "filter"):
        sheet.hidden_columns.extend(range(first, first + min(repeat, 1000)))


def _sheets(content) -> list:
    """The sheets of ``content.xml`` (a file object), read as a stream."""
    from defusedxml.ElementTree import iterparse
    sheets: list = []
    hidden: set = set()     # the styles of a hidden sheet (written before the sheets)
    sheet, rowno, empty = None, 0, 0
    for event, element in iterparse(content, events=("start", "end")):
        if event == "end" and element.tag == _STYLE + "style":
            if any(p.tag == _STYLE + "table-properties" and p.get(_TABLE + "display") == "false"
                   for p in element):
                hidden.add(element.get(_STYLE + "name"))
            continue
        if element.tag == _TABLE + "table":
            if event == "start":
                sheet, rowno, empty = _Sheet(element.get(_TABLE + "name") or ""), 0, 0
                if element.get(_TABLE + "style-name") in hidden:
                    sheet.sheet_state = "hidden"
                sheets.append(sheet)
            else:
                element.clear()
            continue
        if event == "end" and element.tag == _TABLE + "table-column" and sheet is not None:
            _column(element, sheet)
            continue
        if event != "end" or element.tag != _TABLE + "table-row" or sheet is None:
            continue
        repeat = int(element.get(_TABLE + "number-rows-repeated") or 1)
        cells = _row(element, rowno + empty + 1, sheet)
        if element.get(_TABLE + "visibility") in ("collapse", "filter") and cells:
            first = rowno + empty + 1
            sheet.hidden.extend(range(first, first + repeat))
        element.clear()
        if not cells:
            empty += repeat      # (written only when a filled row follows)
            continue
        if repeat > MAX_REPEATED or rowno + empty + repeat > MAX_ROWS:
            raise _Repeated(sheet.title, rowno + empty + 1, repeat)
        if empty:
            sheet.runs.append(((), empty))
        sheet.runs.append((cells, repeat))
        rowno, empty = rowno + empty + repeat, 0
    return sheets


def _not_a_spreadsheet(path: Path, reads: tuple[str, ...] = ()) -> str | None:
    """Why ``path`` cannot be opened as an OpenDocument spreadsheet, or
    None; ``reads``: the other spreadsheets the reader reads (see
    :func:`orgmodel._filekind.named_otherwise`)."""
    from .xlsx import _too_big, text_instead
    if not path.exists():
        return N_("does not exist")
    if not path.is_file():
        return N_("is not an ordinary file (a folder, pipe or device)")
    other = named_otherwise(path, ".ods", reads)
    if other:
        return other
    if not zipfile.is_zipfile(path):
        return text_instead(path) or N_("is not an OpenDocument spreadsheet (.ods): it is not "
                                        "a zip archive, as one is")
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        mimetype = z.read("mimetype").decode("ascii", "replace").strip() \
            if "mimetype" in names else ""
        manifest = z.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
    if mimetype != MIMETYPE or "content.xml" not in names:
        return N_("is not an OpenDocument spreadsheet (.ods): its archive holds no "
                  "spreadsheet (a text document or a presentation?)")
    if b"encryption-data" in manifest:
        return N_("is protected with a password: open it in LibreOffice, save it without "
                  "the password and import it again")
    return _too_big(path)


class OdsBook(SavedBook):
    """An ``.ods`` workbook opened for reading, or a clear problem."""

    def __init__(self, path: Path, label: str, reads: tuple[str, ...] = ()):
        why = _not_a_spreadsheet(path, reads)
        if why:
            raise ValidationError([Problem(label, None, why)], where=str(path))
        from defusedxml import DefusedXmlException
        try:
            with zipfile.ZipFile(path) as z, z.open("content.xml") as content:
                self.worksheets = _sheets(content)
        except _Repeated as exc:
            why = Message(
                "sheet '{sheet}', row {row}: one filled row repeated {times} times, more than a "
                "table of posts holds (a file made to expand?)", sheet=exc.sheet, row=exc.row,
                times=exc.times) if exc.times > MAX_REPEATED else Message(
                "sheet '{sheet}', row {row}: past the last row a sheet has (empty rows repeated "
                "to expand the file?)", sheet=exc.sheet, row=exc.row)
            raise ValidationError([Problem(label, None, why)], where=str(path)) from None
        except DefusedXmlException:
            raise ValidationError([Problem(label, None, N_(
                "is not an OpenDocument spreadsheet (.ods) that can be read: its XML declares "
                "entities, which no spreadsheet program writes and orgmodel does not expand"))],
                where=str(path)) from None
        except Exception as exc:    # a broken archive or XML, or a value that is none
            raise ValidationError([Problem(label, None, Message(
                "is not an OpenDocument spreadsheet (.ods) that can be read: {exc}",
                exc=(exc.args[0] if exc.args else str(exc))))], where=str(path)) from None
        if not self.worksheets:
            raise ValidationError([Problem(label, None, N_("has no sheet"))], where=str(path))
        self.sheetnames = [s.title for s in self.worksheets]

    def layout(self, name) -> dict:
        """The merged cells and hidden rows of sheet ``name``, as
        :meth:`orgmodel.formats.xlsx.Workbook.layout` gives them."""
        sheet = self[name]
        return {"merged": list(sheet.merged), "hidden": list(sheet.hidden),
                "hidden_columns": list(sheet.hidden_columns)}

    def close(self) -> None:
        """Nothing to release: the sheets were read when it was opened."""
