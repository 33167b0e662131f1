"""Formats an organisation travels in and out of, one module each (as
networkx's ``readwrite``): each has a reader and/or a writer.

* :mod:`~orgmodel.formats.posts`: one row per post (HR exports, published
  organograms), CSV or XLSX, with column options or a preset
  (``uk-organogram``); reader only.
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

from pathlib import Path

from ..errors import OrgModelError

__all__ = ["read_any", "write_any", "FORMATS"]

#: Format name -> (suffixes, can read, can write).
FORMATS = {
    "folder": ((), True, True),
    "xlsx": ((".xlsx",), True, True),
    "turtle": ((".ttl",), True, True),
    "json-ld": ((".jsonld", ".json"), True, True),
    "graphml": ((".graphml",), False, True),
    "gexf": ((".gexf",), False, True),
    "archi": ((), True, True),
}


def guess(path, fmt=None) -> str:
    """The format of ``path``: ``fmt`` when given, else from its suffix
    (a folder is an organisation folder)."""
    if fmt:
        if fmt not in FORMATS:
            raise OrgModelError(f"unknown format '{fmt}'; choose one of: {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    for name, (suffixes, _, _) in FORMATS.items():
        if suffix in suffixes:
            return name
    if not suffix:
        p = Path(path)
        # a folder of Archi's CSV files says so by its files
        if (p / "elements.csv").is_file() and not (p / "nodes.csv").is_file():
            return "archi"
        return "folder"
    raise OrgModelError(f"{path}: cannot tell the format from '{suffix}'; use .xlsx, .ttl, "
                        ".jsonld, .graphml, .gexf or a folder")


def read_any(path, fmt=None):
    """Read an organisation from a folder, a workbook, ORG Turtle/JSON-LD or
    an Archi CSV folder (``fmt="archi"``)."""
    fmt = guess(path, fmt)
    if fmt == "folder":
        from ..model import load
        return load(path)
    if fmt == "xlsx":
        from .xlsx import read_xlsx
        return read_xlsx(path)
    if fmt in ("turtle", "json-ld"):
        from .w3c_org import read_org
        return read_org(path, fmt)
    if fmt == "archi":
        from .archi import read_archi
        return read_archi(path)
    raise OrgModelError(f"orgmodel writes {fmt} but does not read it")


def write_any(org, path, fmt=None) -> Path:
    """Write ``org`` in the format of ``path`` (or ``fmt``)."""
    fmt = guess(path, fmt)
    if fmt == "folder":
        from ..write import save
        return save(org, path)
    if fmt == "xlsx":
        from .xlsx import write_xlsx
        return write_xlsx(org, path)
    if fmt in ("turtle", "json-ld"):
        from .w3c_org import write_org
        return write_org(org, path, fmt)
    if fmt == "graphml":
        from .graphml import write_graphml
        return write_graphml(org, path)
    if fmt == "gexf":
        from .gexf import write_gexf
        return write_gexf(org, path)
    from .archi import write_archi
    return write_archi(org, path)
