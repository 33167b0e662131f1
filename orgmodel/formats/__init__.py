"""Formats an organisation travels in and out of, one module each (as
networkx's ``readwrite``): each has a reader and/or a writer.

* :mod:`~orgmodel.formats.posts`: one row per post (HR exports, published
  organograms), CSV, XLSX, XLS or ODS, with column options or a preset
  (``uk-organogram``); reader only.
* :mod:`~orgmodel.formats.register`: a mandate register (*mandaatregister*),
  CSV, XLSX, XLS or ODS, added to an organisation folder; reader only (the
  register is written by :func:`orgmodel.mandates.write_register`).
* :mod:`~orgmodel.formats.xlsx`: a whole organisation as one workbook
  (sheets ``nodes``, ``edges``, ``settings``); reader and writer.
* :mod:`~orgmodel.formats.w3c_org`: the W3C Organization Ontology, Turtle or
  JSON-LD; reader and writer.
* :mod:`~orgmodel.formats.graphml`, :mod:`~orgmodel.formats.gexf`: for yEd
  and Gephi; writers.
* :mod:`~orgmodel.formats.archi`: Archi's CSV import/export files; reader and
  writer.
* :mod:`~orgmodel.formats.html`: the interactive, self-contained HTML page
  (pyvis, vis-network); writer.

The organisation folder itself (``org.yaml``, ``nodes.csv``, ``edges.csv``)
is read by :mod:`orgmodel.read` and written by :mod:`orgmodel.write`.
:func:`read_any` and :func:`write_any` pick the format from the path.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OrgModelError
from ..i18n import Message

if TYPE_CHECKING:  # names in annotations only
    from .._types import PathLike
    from ..model import OrgModel


__all__ = ["read_any", "write_any", "guess", "FORMATS", "Format", "Command", "commands"]


@dataclass(frozen=True)
class Command:
    """How a format appears on the command line: ``orgmodel export NAME`` (for
    a format with a writer) and ``orgmodel import NAME`` (with a reader)."""

    name: str
    #: what the messages call it: "GraphML written to g.graphml"
    label: str
    export_help: str = ""
    import_help: str = ""
    #: the help of ``export NAME -o``: the file (or folder) to write
    out_help: str = ""
    #: a folder of files rather than one file
    folder: bool = False
    #: the files it writes into that folder (never over ones already there
    #: unless the user says so)
    files: tuple = ()


_ORG = Command("org", "W3C ORG", "Write the W3C Organization Ontology (org:Post, org:reportsTo ...).",
               "Import a W3C ORG file (.ttl Turtle or .jsonld JSON-LD).",
               "The .ttl (Turtle) or .jsonld (JSON-LD) file to write.")


@dataclass(frozen=True)
class Format:
    """One row of the formats registry.

    ``reader`` and ``writer`` are ``"module:function"`` (imported when used, so
    the command line starts without rdflib or openpyxl); ``None`` where the
    format cannot be read or written.
    """

    name: str
    suffixes: tuple[str, ...]
    reader: str | None
    writer: str | None
    #: ``reader(path, fmt)`` rather than ``reader(path)``
    passes_name: bool = False
    #: its ``export``/``import`` commands (formats that share one, as Turtle
    #: and JSON-LD share ``org``, are told apart by the file's suffix)
    command: Command | None = None

    @property
    def can_read(self) -> bool:
        return self.reader is not None

    @property
    def can_write(self) -> bool:
        return self.writer is not None

    def function(self, which: str):
        module, name = getattr(self, which).split(":")
        return getattr(importlib.import_module(module, __name__), name)


_ROWS = [
    Format("folder", (), "..model:load", "..write:save"),
    Format("xlsx", (".xlsx",), ".xlsx:read_xlsx", ".xlsx:write_xlsx"),
    Format("turtle", (".ttl",), ".w3c_org:read_org", ".w3c_org:write_org", passes_name=True,
           command=_ORG),
    Format("json-ld", (".jsonld", ".json"), ".w3c_org:read_org", ".w3c_org:write_org",
           passes_name=True, command=_ORG),
    Format("graphml", (".graphml",), None, ".graphml:write_graphml", command=Command(
        "graphml", "GraphML", "Write GraphML for yEd and other graph tools (lists joined with ';').",
        out_help="The .graphml file to write.")),
    Format("gexf", (".gexf",), None, ".gexf:write_gexf", command=Command(
        "gexf", "GEXF", "Write GEXF for Gephi (lists joined with ';', reserved names avoided).",
        out_help="The .gexf file to write.")),
    Format("archi", (), ".archi:read_archi", ".archi:write_archi", command=Command(
        "archi", "Archi CSV", "Write Archi's CSV files (File > Import > CSV in Archi).",
        "Import Archi CSV files (a folder with elements.csv, relations.csv, properties.csv).",
        "Folder for elements.csv, relations.csv, properties.csv.", folder=True,
        files=("elements.csv", "relations.csv", "properties.csv"))),
]
#: Format name -> its :class:`Format`: the one table every reader, writer and
#: CLI choice list is derived from.
FORMATS = {f.name: f for f in _ROWS}


def guess(path, fmt=None) -> str:
    """The format of ``path``: ``fmt`` when given, else from its suffix
    (a folder is an organisation folder)."""
    if fmt:
        if fmt not in FORMATS:
            raise OrgModelError(Message(
                "unknown format '{fmt}'; choose one of: {v}",
                fmt=fmt, v=', '.join(FORMATS)))
        return fmt
    suffix = Path(path).suffix.lower()
    for name, row in FORMATS.items():
        if suffix in row.suffixes:
            return name
    if not suffix:
        p = Path(path)
        # a folder of Archi's CSV files says so by its files
        try:
            archi = (p / "elements.csv").is_file() and not (p / "nodes.csv").is_file()
        except OSError as exc:
            # (a name too long to look up: said of the path given, not of a
            # file in it the user never named)
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        return "archi" if archi else "folder"
    if suffix in TABLE_SUFFIXES:
        from ..read import POSTS_HINT
        raise OrgModelError(Message(
            "{path}: a single {suffix} file is not an organisation (use a folder, .xlsx, .ttl, "
            ".jsonld, .graphml or .gexf); {hint}", path=path, suffix=suffix,
            hint=Message(POSTS_HINT)))
    raise OrgModelError(Message(
        "{path}: cannot tell the format from '{suffix}'; use .xlsx, .ttl, .jsonld, .graphml, .gexf "
        "or a folder",
        path=path, suffix=suffix))


#: The suffixes of a single table (a posts file, as HR systems export one),
#: which no model format has.
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xls", ".ods")


def read_any(path: PathLike, fmt: str | None = None, left_out: list | None = None) -> OrgModel:
    """Read an organisation from a folder, a workbook, ORG Turtle/JSON-LD or
    an Archi CSV folder (``fmt="archi"``), validated: every reader refuses
    what breaks the rules (:class:`~orgmodel.errors.ValidationError`), so
    the model returned needs no validation before it is pushed.

    ``left_out``: a list the readers of other tools' files (Archi, W3C ORG)
    add what they did not read to, as :class:`~orgmodel.errors.Problem` s."""
    row = FORMATS[guess(path, fmt)]
    if not row.can_read:
        raise OrgModelError(Message(
            "orgmodel writes {name} but does not read it",
            name=row.name))
    reader = row.function("reader")
    import inspect

    from .._offline import offline
    more = {"left_out": left_out} if left_out is not None and \
        "left_out" in inspect.signature(reader).parameters else {}
    with offline():        # whatever a file names, reading it never reaches the network
        return reader(path, row.name, **more) if row.passes_name else reader(path, **more)


def write_any(org: OrgModel, path: PathLike, fmt: str | None = None) -> Path:
    """Write ``org`` in the format of ``path`` (or ``fmt``)."""
    row = FORMATS[guess(path, fmt)]
    if not row.can_write:
        raise OrgModelError(Message(
            "orgmodel reads {name} but does not write it",
            name=row.name))
    writer = row.function("writer")
    return writer(org, path, row.name) if row.passes_name else writer(org, path)


def readable() -> list[str]:
    """The names of the formats orgmodel reads, in the registry's order."""
    return [f.name for f in _ROWS if f.can_read]


def writable() -> list[str]:
    """The names of the formats orgmodel writes, in the registry's order."""
    return [f.name for f in _ROWS if f.can_write]


def commands() -> dict[str, list[Format]]:
    """Command name -> the formats it reads or writes, in the registry's order
    (what ``orgmodel export`` and ``orgmodel import`` are made from).

    >>> {name: [f.name for f in rows] for name, rows in commands().items()}
    {'org': ['turtle', 'json-ld'], 'graphml': ['graphml'], 'gexf': ['gexf'], 'archi': ['archi']}
    """
    out: dict[str, list[Format]] = {}
    for row in _ROWS:
        if row.command is not None:
            out.setdefault(row.command.name, []).append(row)
    return out

