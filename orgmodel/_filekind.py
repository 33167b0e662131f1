"""What a file is by its contents, where its name says otherwise.

A table reaches orgmodel under the name its user gave it, and that name is
often not its kind: an HR system's "CSV" download that is a workbook, a
workbook saved as PDF and renamed, a file left compressed, an OpenDocument
spreadsheet given an ``.xlsx`` name.  Read by its name, such a file fails
deep in a reader ("no column 'id'", "Expected BOF record") or, worse, reads
as rows of noise.  Its first bytes say what it is; this module names that
kind and what to do, so that the refusal gives the real cause first.
"""
from __future__ import annotations

import contextlib
import zipfile
from pathlib import Path
from typing import BinaryIO

from .i18n import N_, Message

__all__ = ["kind_of", "named_otherwise", "WORKBOOKS"]

#: The first bytes of each kind of file no text starts with.
_SIGNATURES = (
    (b"%PDF-", ".pdf"),
    (b"\x1f\x8b", ".gz"),
    (bytes.fromhex("D0CF11E0A1B11AE1"), "ole2"),
    (b"PK\x03\x04", ".zip"),
    (b"PK\x05\x06", ".zip"),
    (b"7z\xbc\xaf\x27\x1c", ".7z"),
    (b"Rar!\x1a\x07", ".rar"),
)

#: The spreadsheets orgmodel reads a posts file or register from.
WORKBOOKS = (".xlsx", ".xls", ".ods")

#: Each kind as a reader knows it.
_NAMES = {
    ".xlsx": N_("an Excel workbook (.xlsx)"),
    ".xls": N_("an Excel 97-2003 workbook (.xls)"),
    ".ods": N_("an OpenDocument spreadsheet (.ods)"),
    ".pdf": N_("a PDF document"),
    ".gz": N_("a compressed file (gzip)"),
    ".zip": N_("a zip archive"),
    ".7z": N_("a compressed archive (7-Zip)"),
    ".rar": N_("a compressed archive (RAR)"),
    ".doc": N_("a text document (Word or Writer)"),
    "protected": N_("an Office file protected with a password"),
    ".html": N_("a web page (HTML)"),
}

#: What a file is not, by the name it has.
_NOT = {
    ".csv": N_("not CSV text"),
    ".xlsx": N_("not the Excel workbook (.xlsx) its name says"),
    ".xls": N_("not the Excel 97-2003 workbook (.xls) its name says"),
    ".ods": N_("not the OpenDocument spreadsheet (.ods) its name says"),
    ".ttl": N_("not the Turtle file its name says"),
    ".jsonld": N_("not the JSON-LD file its name says"),
}

#: What to do with each kind that is not a spreadsheet orgmodel reads.
_TO_DO = {
    ".pdf": N_("export the table itself (CSV or Excel) from the system that made it; "
               "orgmodel does not read a printed table"),
    ".gz": N_("unpack it and give the file inside"),
    ".zip": N_("unpack it and give the file inside"),
    ".7z": N_("unpack it and give the file inside"),
    ".rar": N_("unpack it and give the file inside"),
    ".doc": N_("copy its table into a spreadsheet and save that"),
    "protected": N_("open it, remove the password and save it"),
    ".html": N_("the address gave a page (a login, an error, a viewer) instead of the file; "
                "download the file itself"),
}

#: How a web page starts, after any spaces (and byte-order mark).
_HTML = (b"<!doctype html", b"<html")


def kind_of(file: Path | BinaryIO) -> str | None:
    """The kind of ``file`` (a path, or a binary file open at its start) by
    its first bytes, where no text starts with them: ``.xlsx``, ``.xls``,
    ``.ods``, ``.pdf``, ``.gz``, ``.zip`` (an archive that is none of the
    spreadsheets), ``.7z``, ``.rar``, ``.doc`` (a Word or Writer document),
    ``protected`` (an Office file encrypted with a password) or ``.html``
    (a web page: a link that gave a page instead of the file); None for any
    other (text, or a kind not known here).

    Examples
    --------
    >>> import io
    >>> kind_of(io.BytesIO(b"%PDF-1.6 ..."))
    '.pdf'
    >>> kind_of(io.BytesIO(b"id,title\\nF1,Directeur\\n")) is None
    True
    >>> kind_of(io.BytesIO(b"\\n  <!DOCTYPE html><html><body>Log in</body></html>"))
    '.html'

    """
    with (open(file, "rb") if isinstance(file, Path) else contextlib.nullcontext(file)) as f:
        head = f.read(512)
        f.seek(0)
        if head.removeprefix(b"\xef\xbb\xbf").lstrip().lower().startswith(_HTML):
            return ".html"
        kind = next((k for sig, k in _SIGNATURES if head.startswith(sig)), None)
        if kind == ".zip":
            return _archive_kind(f)
        if kind == "ole2":
            return _compound_kind(f.read(2**20))
        return kind


def _archive_kind(f: BinaryIO) -> str:
    """What a zip archive is: a spreadsheet of either kind, a text document,
    or an archive of files."""
    try:
        with zipfile.ZipFile(f) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype").decode("ascii", "replace").strip() \
                if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError):
        return ".zip"
    if "xl/workbook.xml" in names:
        return ".xlsx"
    if mimetype.startswith("application/vnd.oasis.opendocument.spreadsheet"):
        return ".ods"
    if "word/document.xml" in names or mimetype.startswith("application/vnd.oasis"):
        return ".doc"
    return ".zip"


def _compound_kind(head: bytes) -> str:
    """What an OLE2 compound file is, by the streams its directory names:
    an .xlsx encrypted with a password, a Word document, else an Excel
    97-2003 workbook."""
    if "EncryptedPackage".encode("utf-16-le") in head:
        return "protected"
    if "WordDocument".encode("utf-16-le") in head:
        return ".doc"
    return ".xls"


def named_otherwise(file: Path | BinaryIO, named: str, reads: tuple[str, ...] = (),
                    kind: str | None = None) -> Message | None:
    """Why ``file``, named as a ``named`` file (``.csv``, ``.xlsx``,
    ``.xls`` or ``.ods``), is another kind by its contents, with what to
    do; None when its first bytes say nothing against its name.  ``reads``:
    the spreadsheets the reader also reads, which the file is only to be
    renamed to be read as; ``kind``: the file's, where the caller has read it
    (:func:`kind_of`), else read here.

    Examples
    --------
    >>> import io
    >>> str(named_otherwise(io.BytesIO(b"%PDF-1.6"), ".csv"))[:30]
    'is a PDF document, not CSV tex'
    >>> named_otherwise(io.BytesIO(b"id,title\\n"), ".csv") is None
    True
    """
    kind = kind or kind_of(file)
    # (an .xlsx encrypted with a password is the workbook its name says:
    # its reader says how to open it; a web page named as a workbook is
    # the "Excel" export of some systems, which the workbook's reader names)
    if kind is None or kind == named or (kind, named) == ("protected", ".xlsx") or \
            (kind == ".html" and named in WORKBOOKS):
        return None
    if kind in reads:
        to_do = Message("give it the {kind} extension, which orgmodel reads", kind=kind)
    elif kind in WORKBOOKS and (named == ".csv" or named in WORKBOOKS):
        to_do = Message("save it as {expected}", expected=Message(
            N_("'CSV UTF-8'") if named == ".csv" else _NAMES[named]))
    elif kind in WORKBOOKS:
        to_do = Message(N_("a table of posts in a workbook is read with orgmodel import posts"))
    else:
        to_do = Message(_TO_DO[kind])
    return Message("is {what}, {not_named}: {to_do}", what=Message(_NAMES[kind]),
                   not_named=Message(_NOT[named]), to_do=to_do)
