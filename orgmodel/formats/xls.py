"""Excel 97-2003 workbooks (``.xls``), read with xlrd, for the posts importer:
the template UK departments filled in, and many an HR export, are still
``.xls``.  A workbook is opened as an object with the few parts of an
openpyxl workbook the importer uses (its sheets, each with a title and
``iter_rows(values_only=True)``), so that both read through one path.

A number cell is the number it holds; a date cell (a number with a date
format) is a date.
"""
from __future__ import annotations

from pathlib import Path

from .._filekind import named_otherwise
from ..errors import Problem, ValidationError
from ..i18n import N_, Message
from .xlsx import text_instead

__all__ = ["XlsBook", "SavedBook"]


class _Sheet:
    def __init__(self, sheet, datemode):
        self._sheet, self._datemode = sheet, datemode
        self.title = sheet.name
        # (as openpyxl names it: 1 hidden, 2 hidden from the menu too)
        self.sheet_state = "visible" if sheet.visibility == 0 else "hidden"

    def iter_rows(self, values_only=True, max_row=None):
        import xlrd
        last = self._sheet.nrows if max_row is None else min(max_row, self._sheet.nrows)
        for r in range(last):
            row = []
            for cell in self._sheet.row(r):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        row.append(xlrd.xldate_as_datetime(cell.value, self._datemode))
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        row.append(cell.value)
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    row.append(None)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    row.append(xlrd.error_text_from_code.get(cell.value, "#ERROR"))
                else:
                    row.append(cell.value)
            yield tuple(row)


class SavedBook:
    """What the posts importer asks of a workbook that keeps the value of
    every formula it saved (``.xls``, ``.ods``): its ``worksheets`` and
    ``sheetnames``, a sheet by name, and no second reading for formulas."""

    worksheets: list
    sheetnames: list

    def __getitem__(self, name):
        return self.worksheets[self.sheetnames.index(name)]

    def formulas(self, name):
        """None: the workbook keeps the value of every formula it saved."""
        return None


class XlsBook(SavedBook):
    """An ``.xls`` workbook opened for reading, or a clear problem."""

    def __init__(self, path: Path, label: str, reads: tuple[str, ...] = ()):
        import xlrd
        if not path.is_file():
            why = N_("does not exist") if not path.exists() else \
                N_("is not an ordinary file (a folder, pipe or device)")
            raise ValidationError([Problem(label, None, why)], where=str(path))
        other = named_otherwise(path, ".xls", reads)
        if other:
            raise ValidationError([Problem(label, None, other)], where=str(path))
        text = text_instead(path)
        if text:
            raise ValidationError([Problem(label, None, text)], where=str(path))
        try:
            # (formatting_info: merged cells and hidden rows, see layout)
            self._book = xlrd.open_workbook(str(path), on_demand=True, formatting_info=True)
        except Exception as exc:      # xlrd raises several kinds for a broken file
            raise ValidationError([Problem(label, None, Message(
                "is not an Excel 97-2003 workbook (.xls) that can be read: {exc}",
                exc=(exc.args[0] if exc.args else str(exc))))],
                                  where=str(path)) from None
        self.worksheets = [_Sheet(self._book.sheet_by_index(i), self._book.datemode)
                           for i in range(self._book.nsheets)]
        self.sheetnames = [s.title for s in self.worksheets]

    def layout(self, name) -> dict:
        """The merged cells and hidden rows of sheet ``name``, as
        :meth:`orgmodel.formats.xlsx.Workbook.layout` gives them."""
        sheet = self[name]._sheet
        return {"merged": [(rlo + 1, rhi, clo + 1, chi) for rlo, rhi, clo, chi
                           in sheet.merged_cells],
                "hidden": sorted(r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden),
                "hidden_columns": sorted(c + 1 for c, info in sheet.colinfo_map.items()
                                         if info.hidden)}

    def close(self) -> None:
        self._book.release_resources()
