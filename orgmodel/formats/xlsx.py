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

import datetime as _dt
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..errors import Problem, ValidationError
from ..model import OrgModel
from ..read import EDGES, NODES, _Loader
from ..write import to_tables
from ._tables import atomic_write, model_from_tables, table

if TYPE_CHECKING:  # names in annotations only
    from .._types import PathLike, PathOrFile


__all__ = ["read_xlsx", "write_xlsx", "text_cell", "ooxml_escape", "ooxml_unescape", "SHEETS"]

#: The sheets of a workbook, in order.
SHEETS = ("nodes", "edges", "settings")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return ooxml_unescape(str(value).strip())


def _rows(ws):
    """``(row number, [cells as text])`` of a sheet, blank rows left out."""
    for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [_text(v) for v in row]
        if any(cells):
            yield i, cells


def _sheet_table(ws, label, problems, required):
    rows = list(_rows(ws))
    if not rows:
        problems.append(Problem(label, None, "is empty: it needs at least a header row"))
        return None
    header_row, header = rows[0]
    names = [h.strip().casefold().replace(" ", "_") for h in header]
    while names and not names[-1]:
        names.pop()
    missing = [c for c in required if c not in names]
    if missing:
        problems.append(Problem(label, header_row, f"has no column {', '.join(map(repr, missing))}"
                                f" (columns: {', '.join(n for n in names if n) or 'none'})"))
        return None
    seen = set()
    for _i, n in enumerate(names):
        if n and n in seen:
            problems.append(Problem(label, header_row, f"column '{n}' appears twice"))
            return None
        seen.add(n)
    records, index = [], []
    for rowno, cells in rows[1:]:
        if any(cells[len(names):]):
            problems.append(Problem(label, rowno, "has values right of the last named column"))
            continue
        records.append({n: (cells[i] if i < len(cells) else "") for i, n in enumerate(names)
                        if n})
        index.append(rowno)
    frame = table(records, [n for n in names if n])
    frame.index = index
    return frame


def _settings(ws, label, problems) -> dict:
    out = {}
    for rowno, cells in _rows(ws):
        key = cells[0] if cells else ""
        value = cells[1] if len(cells) > 1 else ""
        if rowno == 1 and key.casefold() == "key":
            continue                    # the header
        if not key:
            problems.append(Problem(label, rowno, "has a value but no key"))
            continue
        if key in out:
            problems.append(Problem(label, rowno, f"key '{key}' is given twice"))
            continue
        try:
            out[key] = yaml.load(value, Loader=_Loader) if value else None
        except yaml.YAMLError as exc:
            problems.append(Problem(label, rowno, f"value of '{key}' is not valid YAML: "
                                    f"{getattr(exc, 'problem', None) or exc}"))
    return out


def read_xlsx(path: PathLike) -> OrgModel:
    """Read an organisation workbook (sheets ``nodes``, ``edges``, ``settings``).

    Raises
    ------
    ValidationError
        Every problem, naming the workbook, sheet and row; nothing is built.
    """
    from openpyxl import load_workbook
    path = Path(path)
    book = path.name
    if not path.is_file():
        raise ValidationError([Problem(str(path), None, "does not exist" if not path.exists()
                                       else "is not a file")], where=str(path))
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValidationError([Problem(book, None, "is not an Excel workbook (.xlsx) that can "
                                       f"be read: {exc}")], where=str(path)) from None
    try:
        problems = []
        names = {n.casefold(): n for n in wb.sheetnames}
        for sheet in ("nodes", "edges"):
            if sheet not in names:
                problems.append(Problem(book, None, f"has no sheet '{sheet}' (sheets: "
                                        f"{', '.join(wb.sheetnames)})"))
        if problems:
            raise ValidationError(problems, where=str(path))
        lab = {s: f"{book}, sheet {names.get(s, s)}" for s in SHEETS}
        nodes = _sheet_table(wb[names["nodes"]], lab["nodes"], problems, ("id", "kind", "name"))
        edges = _sheet_table(wb[names["edges"]], lab["edges"], problems, ("from", "to", "kind"))
        manifest = _settings(wb[names["settings"]], lab["settings"], problems) \
            if "settings" in names else {}
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
        wb.save(tmp)
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


def _needs_yaml(text: str) -> bool:
    """Whether a plain string would read back as something else in YAML."""
    try:
        return yaml.safe_load(text) != text
    except yaml.YAMLError:
        return True
