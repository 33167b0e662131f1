"""How much a reader takes in before it refuses a file.

A published file can be far larger than it looks: a workbook is a zip
archive whose sheets may expand a thousand times (a zip bomb), a sheet may
hold a 300 MB string in one cell, a CSV file may run to tens of millions of
rows.  Every reader (CSV, XLSX, XLS; the organisation folders and
``import posts``) checks the same limits and refuses a file past one with a
message naming the file, the row and the limit, before the analyses spend
minutes on it.

=============================  =====================  ====================================
limit                          default                raise it with
=============================  =====================  ====================================
rows per table (sheet, file)   5,000,000              ``ORGMODEL_MAX_ROWS``
characters in one cell         131,072                ``ORGMODEL_MAX_CELL``
a workbook, expanded           1,024 MB               ``ORGMODEL_MAX_WORKBOOK_MB``
a workbook part's growth       200 times its packed   ``ORGMODEL_MAX_WORKBOOK_RATIO``
=============================  =====================  ====================================

The defaults are far above any organisation (a 1,000,000-post model has a
million rows; Excel itself holds 1,048,576 rows and 32,767 characters in a
cell) and far below what stalls a machine.

Examples
--------
>>> current().rows
5000000
>>> import os
>>> os.environ["ORGMODEL_MAX_ROWS"] = "10"
>>> too_many_rows(current())
'has more than 10 rows: raise the limit with ORGMODEL_MAX_ROWS if the file is yours'
>>> del os.environ["ORGMODEL_MAX_ROWS"]
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import OrgModelError
from .i18n import Message

__all__ = ["Limits", "current", "too_many_rows", "too_long_cell", "MAX_ROWS", "MAX_CELL",
           "MAX_WORKBOOK_MB", "MAX_RATIO"]

MAX_ROWS = 5_000_000
MAX_CELL = 131_072
MAX_WORKBOOK_MB = 1024
MAX_RATIO = 200


@dataclass(frozen=True)
class Limits:
    """The limits in force (see the module's table)."""

    rows: int
    cell: int
    workbook_bytes: int
    ratio: float


def _number(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise OrgModelError(Message("{name}='{text_}' is not a number", name=name, text_=text)) from None
    if value <= 0:
        raise OrgModelError(Message(
            "{name}='{text_}' must be more than 0",
            name=name, text_=text))
    return value


def current() -> Limits:
    """The limits, read from the environment each time (nothing is kept)."""
    return Limits(rows=int(_number("ORGMODEL_MAX_ROWS", MAX_ROWS)),
                  cell=int(_number("ORGMODEL_MAX_CELL", MAX_CELL)),
                  workbook_bytes=int(_number("ORGMODEL_MAX_WORKBOOK_MB", MAX_WORKBOOK_MB) * 2**20),
                  ratio=_number("ORGMODEL_MAX_WORKBOOK_RATIO", MAX_RATIO))


def too_many_rows(limits: Limits) -> str:
    """The message for a table past the row limit."""
    return (Message(
        "has more than {rows} rows: raise the limit with ORGMODEL_MAX_ROWS if the file is yours",
        rows=limits.rows))


def too_long_cell(limits: Limits, column: str = "", length: int | None = None) -> str:
    """The message for a cell (in ``column``) past the cell limit; ``length``
    None: a cell known only to be longer than the limit."""
    size = Message("longer than {cell} characters", cell=limits.cell) if length is None else \
        Message(
            "of {length} characters, more than the limit of {cell}",
            length=length, cell=limits.cell)
    where = Message(" ({column})", column=column) if column else ""
    return (Message(
        "has a cell{where} {size}: is a quote missing or a whole file pasted into one cell? (raise "
        "the limit with ORGMODEL_MAX_CELL if the file is yours)",
        where=where, size=size))
