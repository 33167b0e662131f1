"""A mandate register (*mandaatregister*) read into an organisation folder.

A municipality keeps its mandates as a table: per power (*bevoegdheid*) the
competent body (*bevoegd orgaan*), the legal basis, who mandates whom
(*mandaatgever*, *gemandateerde*), whether ondermandaat is allowed, the
ceiling (*financiële grens*), the period, and the mandaatbesluit with its
date and vindplaats.  :func:`import_register` adds those mandates to an
organisation folder as ``MANDATES`` edges, and the powers it names to
``org.yaml``: the reverse of ``orgmodel mandates --out register.xlsx``,
whose columns (English or Dutch) it reads, as it reads the usual Dutch ones.

What orgmodel works out itself (the chain, the ceiling that applies, who
holds a post, the signing formula) is not read from the register: it is
named as a column not read.  A mandator or mandatee is found by its id (the
``(id)`` columns) or else by its name, which must name exactly one post or
role of the organisation; nothing is guessed, and the folder is written
whole or not at all.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import yaml

from ..errors import InputError, Problem, ValidationError
from ..escape import markdown_prose
from ..i18n import N_, Listing, Message, Sentence, count, translator
from ..notation import NO_CEILING, parse_ceiling, parse_date, says_no_ceiling
from ..read import EDGES, MANIFEST, read_folder
from ..revalidate import validate_graph
from ..schema import MANDATE_KINDS
from ..validate import _closest, parse_bool, parse_cell
from ..write import write_tables
from ._import_state import listed
from ._sheets import (
    fold,
    fold_without_remark,
    laid_out,
    no_controls,
    one_line,
    read_ditto,
    read_sheet,
    refuse_mangled_ids,
    refuse_spreadsheet_errors,
    two_header_rows_said,
    unnamed_said,
)
from ._tables import cited_file, model_from_tables, slug

if TYPE_CHECKING:
    from .._types import PathLike

__all__ = ["RegisterLog", "import_register", "read_register"]

#: The register's columns that carry a mandate's data, each with the names
#: it goes by beside its own and the Dutch export's (:data:`REGISTER_COLUMNS`
#: under ``orgmodel mandates --lang nl``).
READ = {"power": ("bevoegdheidcode", "code"),
        "power_name": ("bevoegdheid", "omschrijving bevoegdheid", "omschrijving", "onderwerp",
                       "bevoegdheden", "omschrijving bevoegdheden",
                       "omschrijving van de bevoegdheid", "onderwerp bevoegdheid",
                       "bevoegdheid onderwerp", "aangelegenheid", "te nemen besluit"),
        "body": (), "body_name": ("bevoegd orgaan", "bevoegdorgaan", "bevoegd bestuursorgaan",
                                  "bestuursorgaan", "bevoegd gezag", "orgaan",
                                  "mandaatgevend orgaan"),
        "basis": ("wettelijke grondslag", "grondslag", "wettelijk kader", "wettelijke basis",
                  "juridische grondslag", "wettelijke bepaling", "wetsartikel",
                  "wettelijk voorschrift", "wet en artikel", "wet artikel", "wettelijke regeling",
                  "regelgeving", "wet- en regelgeving", "artikel"),
        "mandator": (), "mandator_name": ("mandaatgever", "mandaatverlener", "mandant",
                                          "gemandateerd door"),
        "mandatee": (), "mandatee_name": ("gemandateerde", "mandaatnemer", "gemandateerd",
                                          "gemandateerde functionaris", "mandaat aan",
                                          "gemandateerd aan", "mandaathouder",
                                          "bevoegde functionaris", "mandaat verleend aan",
                                          "gemandateerden", "gemandateerde functie",
                                          "mandaatontvanger", "functie gemandateerde",
                                          "gemachtigde"),
        "mandate_kind": ("soort", "soort mandaat"),
        "submandate": ("ondermandaat toegestaan", "ondermandaat", "ondermandaat mogelijk",
                       "verder mandateren toegestaan", "doormandateren toegestaan"),
        "ceiling": ("financiele grens", "grens", "plafond", "bedrag", "maximaal bedrag",
                    "financiele limiet", "bedragsgrens", "maximumbedrag", "financieel maximum",
                    "financiele beperking", "financiele grenzen", "grensbedrag",
                    "financieel mandaat", "limiet", "bedrag tot", "tot een bedrag van",
                    "financieel plafond", "maximum", "maximaal"),
        "instructions": ("instructies", "voorwaarden", "voorwaarden en instructies",
                         "voorwaarden/instructies", "beperkingen", "voorwaarden en beperkingen",
                         "instructie", "nadere voorwaarden", "randvoorwaarden"),
        "within": ("binnen", "reikwijdte"),
        "temporary": ("tijdelijk",), "valid_from": ("geldig vanaf", "ingangsdatum", "geldig per",
                                                     "met ingang van"),
        "valid_to": ("geldig tot", "einddatum"), "decision": ("mandaatbesluit", "besluit",
                                                         "naam besluit", "mandaatregeling"),
        "decision_date": ("datum besluit", "besluitdatum", "datum vaststelling",
                          "vastgesteld op", "datum mandaatbesluit"),
        "published": ("vindplaats", "publicatie", "bekendmaking", "gepubliceerd in"),
        "in_force": ("inwerkingtreding", "datum inwerkingtreding"), "evidence": ("grond",),
        "note": ("opmerking", "opmerkingen", "toelichting", "bijzonderheden"),
        "source": ("bron",),
        # (the formula the municipality's own mandaatbesluit sets)
        "signing": ("ondertekening", "ondertekeningsformule", "wijze van ondertekening"),
        "note_nl": (),
        # (the posts the mandatee passes the power on to, named in the row)
        "submandatee": (), "submandatee_name": ("ondermandaat aan", "ondergemandateerde",
                                                "ondergemandateerden", "ondermandaat naar",
                                                "ondermandaat verleend aan")}
#: The register's columns orgmodel works out from the model: not read.
WORKED_OUT = ("depth", "played_by", "holders", "deputies", "ceiling_applies", "chain")
#: The edge columns a row's cells go to (the rest is the power's, or the nodes').
_ON_EDGE = ("mandate_kind", "submandate", "ceiling", "instructions", "within", "valid_from",
            "valid_to", "temporary", "decision", "decision_date", "published", "in_force",
            "signing", "evidence", "note", "note_nl", "source")
_DATES = ("valid_from", "valid_to", "decision_date", "in_force")
#: What a register writes before a date that a mandate starts on ("m.i.v. 1
#: januari 2026") or a decision was taken on ("d.d. 12 maart 2025"): the
#: date is the one after it.
_FROM = re.compile(r"^(?:m\.?\s?i\.?\s?v\.?|met ingang van|ingaande|per|vanaf|with effect from|"
                   r"from)\s+", re.IGNORECASE)
_DATE_BEFORE = {"valid_from": _FROM, "in_force": _FROM,
                "decision_date": re.compile(r"^(?:d\.\s?d\.|de dato|van)\s+", re.IGNORECASE)}
#: What a register writes for a mandate with no end: it holds until it is
#: withdrawn (Awb 10:8), so its end is none, as an empty cell's.
_NO_END = {fold(w) for w in ("tot wederopzegging", "t.w.o.", "two", "onbepaald",
                             "onbepaalde tijd", "voor onbepaalde tijd", "tot nader order",
                             "geen einddatum", "doorlopend", "until withdrawn",
                             "until further notice", "indefinite")}
#: What the export writes where the data records nothing (English and Dutch).
_NOT_RECORDED = {fold(w) for w in ("not recorded", "niet vastgelegd", "no one recorded",
                                    "niemand vastgelegd", "n.v.t.", "n/a",
                                    # (what a register writes where it does not know,
                                    # or not yet: n.t.b., nader te bepalen)
                                    "onbekend", "niet bekend", "n.b.", "unknown",
                                    "niet van toepassing", "n.t.b.", "nader te bepalen",
                                    "nog te bepalen")}
_GRADES = ("stated", "inferred", "assumed")
#: Each column read, as the log names it.
_LABELS = {"power": N_("power (id)"), "power_name": N_("power"),
           "body": N_("competent body (id)"), "body_name": N_("competent body"),
           "basis": N_("legal basis"), "mandator": N_("mandator (id)"),
           "mandator_name": N_("mandator"), "mandatee": N_("mandatee (id)"),
           "mandatee_name": N_("mandatee"), "mandate_kind": N_("kind of mandate"),
           "submandate": N_("ondermandaat allowed"), "ceiling": N_("ceiling"),
           "instructions": N_("instructions"), "within": N_("within"),
           "valid_from": N_("valid from"), "valid_to": N_("valid to"),
           "temporary": N_("temporary"), "decision": N_("mandaatbesluit"),
           "decision_date": N_("date of the decision"), "published": N_("vindplaats"),
           "in_force": N_("in force"), "evidence": N_("evidence"), "note": N_("note"),
           "source": N_("source"), "signing": N_("signing"), "note_nl": N_("note in Dutch"),
           "submandatee": N_("ondermandaat to (id)"),
           "submandatee_name": N_("ondermandaat to")}


@dataclass
class RegisterLog:
    """What :func:`import_register` read and decided."""

    file: str = ""
    rows: int = 0
    mandates: int = 0
    powers: list = field(default_factory=list)
    new_powers: list = field(default_factory=list)
    columns: dict = field(default_factory=dict)
    not_read: list = field(default_factory=list)
    worked_out: list = field(default_factory=list)
    replaced: int = 0
    bodies: list = field(default_factory=list)
    #: ondermandaat edges read from the rows that name whom the mandatee
    #: passes the power on to
    submandates: int = 0
    #: rows whose mandator is their power's competent body (no mandator column)
    from_bodies: int = 0
    #: rows that name several mandatees (``Teamleider A, Teamleider B``): a
    #: mandate to each
    several_mandatees: list = field(default_factory=list)
    #: ``(row, title, posts)`` of the mandatees named by a job title several
    #: posts have, given to each (``every_post``)
    titles: list = field(default_factory=list)
    #: ``(row, earlier row)``: a row that gives a mandate an earlier row gives,
    #: written otherwise (a post by its name and by its id): read once
    repeated: list = field(default_factory=list)
    #: ``(row, text)`` of rows without a ceiling whose power's name gives an
    #: amount (``Aangaan van overeenkomsten tot € 25.000``)
    amount_in_power: list = field(default_factory=list)
    #: what the sheet's layout made of its cells (merged cells, hidden rows)
    laid_out: list = field(default_factory=list)
    #: the register as a new source of org.yaml (``{key: text}``), if it is one
    source: dict = field(default_factory=dict)
    #: ``(file, row, why)`` of each row that is no mandate (a heading)
    skipped: list = field(default_factory=list)
    #: ``(name written, post's name)`` of bodies a row names by another of
    #: their names (``het college``, ``College van B&W``)
    bodies_as: list = field(default_factory=list)
    #: powers the replaced mandates named that nothing names now (still in org.yaml)
    unnamed_powers: list = field(default_factory=list)
    #: the headers of the columns per post (a mark giving the post the row's mandate)
    marked: list = field(default_factory=list)

    def lines(self) -> list:
        """What it says, as messages."""
        return [*self._read_lines(), *self._body_lines(), *self._row_lines(),
                *self._rest_lines()]

    def _read_lines(self) -> list:
        """The columns and rows read, and what became of the folder's
        mandates and powers."""
        out = [Message("- Columns read: {columns}.", columns=Listing("; ", [
            Message("{what} from '{c}'", what=Message(_LABELS[k]), c=c)
            for k, c in self.columns.items()])),
            Message("- Rows read: {rows}; mandates (MANDATES edges): {n}; powers: {p}, new in "
                    "org.yaml: {new}", rows=self.rows, n=self.mandates,
                    p=", ".join(self.powers), new=", ".join(self.new_powers) or "0")]
        if self.marked:
            out.append(Message(
                "- A column per post ({v}): a mark in a row's cell gives that post the row's "
                "mandate, a kind (M, volmacht, Mt) or an amount the mandate's kind or ceiling; "
                "a row with no mark is no mandate", v=", ".join(f"'{c}'" for c in self.marked)))
        if self.replaced:
            out.append(count(self.replaced, N_("- The mandate the folder held before was "
                                               "replaced by the register's"),
                             N_("- The {n} mandates the folder held before were replaced by "
                                "the register's")))
        if self.unnamed_powers:
            out.append(Message(
                "- Powers the replaced mandates named that no mandate names now: {v}. They are "
                "still declared in org.yaml (it may declare them for more than the register); "
                "remove them there if the register no longer has them",
                v=", ".join(self.unnamed_powers)))
        return out

    def _body_lines(self) -> list:
        """The competent bodies added, read as one, or taken as mandators."""
        out = []
        if self.bodies:
            out.append(Message("- Competent bodies added as political posts: {v}",
                               v=", ".join(self.bodies)))
        if self.bodies_as:
            out.append(Message("- Competent bodies written otherwise on some rows, read as "
                               "the one body: {v}",
                               v=Listing("; ", [Message("'{a}' as '{b}'", a=a, b=b)
                                                for a, b in self.bodies_as])))
        if self.from_bodies:
            out.append(count(self.from_bodies, N_(
                "- No mandator column: the row's mandate is from its power's competent body, "
                "in whose name a mandate is exercised (Awb 10:1), graded inferred"), N_(
                "- No mandator column: the mandate of each of the {n} rows is from its power's "
                "competent body, in whose name a mandate is exercised (Awb 10:1), graded "
                "inferred")))
        return out

    def _row_lines(self) -> list:
        """Rows read in more than one way: several mandatees, given twice,
        a job title, an amount in a power's name, an ondermandaat."""
        out = []
        if self.several_mandatees:
            out.append(count(len(self.several_mandatees), N_(
                "- A row that names several mandatees (row {rows}): a mandate to each, on the "
                "row's terms"), N_(
                "- Rows that name several mandatees ({n}: rows {rows}): a mandate to each, on "
                "the row's terms"), rows=", ".join(map(str, self.several_mandatees))))
        if self.repeated:
            out.append(_first_ten(self.repeated, _REPEATED, lambda r, f: Message(
                "row {row} as row {first}", row=r, first=f)))
        if self.titles:
            out.append(_first_ten(self.titles, _TITLES, lambda r, t, ps: Message(
                "row {row}: '{title}' ({posts})", row=r, title=t, posts=", ".join(ps)),
                sep="; "))
        if self.amount_in_power:
            rows, first = [r for r, _ in self.amount_in_power], self.amount_in_power[0][1]
            out.append(count(len(rows), N_(
                "- The power's name gives an amount on row {rows} ('{first}'), and the row no "
                "ceiling: the mandate's ceiling is not recorded. If the amount is its ceiling, "
                "give it in a column 'Financiële grens'"), N_(
                "- The power's name gives an amount on {n} rows ({rows}; the first: '{first}'), "
                "and the rows no ceiling: their mandates' ceilings are not recorded. If the "
                "amounts are their ceilings, give them in a column 'Financiële grens'"),
                rows=", ".join(map(str, rows)), first=first))
        if self.submandates:
            out.append(count(self.submandates, N_(
                "- Ondermandaat read from the rows that name it: 1 edge from the mandatee to the "
                "post named, graded inferred: its ceiling, conditions and period are taken as "
                "the row's, which the register gives once per row; the row's mandate allows "
                "ondermandaat, as it names it"), N_(
                "- Ondermandaat read from the rows that name it: {n} edges from the mandatee to "
                "each post named, graded inferred: their ceiling, conditions and period are "
                "taken as the row's, which the register gives once per row; the row's mandate "
                "allows ondermandaat, as it names it")))
        return out

    def _rest_lines(self) -> list:
        """The columns not read, what the sheet's layout made of it, and the
        rows not used."""
        out = []
        if self.worked_out:
            out.append(Message("- Columns not read, as orgmodel works them out from the model: "
                               "{v}", v=", ".join(f"'{c}'" for c in self.worked_out)))
        if self.not_read:
            out.append(Message("- Columns not read: {v}",
                               v=", ".join(f"'{c}'" for c in self.not_read)))
        out += [Message("- {decision}", decision=Sentence(d)) for d in self.laid_out]
        out.append(Message("- Rows not used: {v}", v=len(self.skipped))
                   + (":" if self.skipped else ""))
        out += listed(self.skipped)
        return out


def _names_of(column: str) -> set:
    """The folded names a register column goes by (its own, the Dutch
    export's, the usual Dutch ones)."""
    nl = translator("nl").column(column)
    return {fold(column), fold(nl), *(fold(a) for a in READ.get(column, ()))}


def _columns(df, label) -> tuple[dict, list, list]:
    """``({field: column}, worked-out columns, columns not read)`` of the
    register's header."""
    headers = df.attrs.get("headers") or {}
    found: dict = {}
    worked, other = [], []
    names = {c: _names_of(c) for c in READ}
    derived = {n for c in WORKED_OUT for n in _names_of(c)}
    for col in df.columns:
        name = headers.get(col, col)
        folded = fold(name)
        # (its whole name first; else without a remark in brackets after it)
        hit = next((c for f in dict.fromkeys((folded, fold_without_remark(name)))
                    for c, ns in names.items() if f in ns and c not in found), None)
        if hit:
            found[hit] = col
        elif folded in derived:
            worked.append(headers.get(col, col))
        else:
            other.append(headers.get(col, col))
    # (without a mandator column, a row's mandate is from its competent body:
    # see _Reading.row)
    bodies = "body" in found or "body_name" in found
    # (the mandatee may be given by a column per post instead: see _marked)
    for one, two in (("power", "power_name"), ("mandator", "mandator_name")):
        if one not in found and two not in found and not (one == "mandator" and bodies):
            raise _no_column(df, label, two)
    return found, worked, other


def _no_column(df, label: str, field: str, more: Message | str = "") -> ValidationError:
    """The register's header has no column for ``field``."""
    headers = df.attrs.get("headers") or {}
    shown = [headers.get(c, c) for c in df.columns]
    # (a name the register reads, mistyped: Gemandateerd, Bevoegheid)
    names = sorted(_names_of(field) | _names_of(field.replace("_name", "")))
    near = [c for c in shown if difflib.get_close_matches(fold(c), names, n=1, cutoff=0.85)]
    dutch = translator("nl").column(field)
    hint = Message(" ('{c}' may be it: name it '{name}')", c=near[0], name=dutch) if near else ""
    return ValidationError([Problem(label, df.attrs.get("header_row", 1), Message(
        "has no column for the {what} ('{a}' or '{b}'; columns: {v})",
        what=Message(_LABELS[field]), a=dutch, b=field, v=", ".join(shown)) + hint + more)],
        where=label)


def _empty(text: str) -> bool:
    return not text.strip() or fold(text) in _NOT_RECORDED



#: The log's line of rows that give a mandate an earlier row gives (one, many).
_REPEATED = (N_("- A row that gives a mandate an earlier row gives, written otherwise (a post "
                "by its name and by its id, a title and its plural): read once ({rows})"),
             N_("- Rows that give a mandate an earlier row gives, written otherwise (a post by "
                "its name and by its id, a title and its plural): read once ({n}: {rows})"))
#: The log's line of mandatees named by a job title (``--every-post``).
_TITLES = (N_("- A mandatee named by a job title that several posts have, given to each of "
              "them (--every-post, or the cell's own 'alle'; graded inferred): {rows}"),
           N_("- Mandatees named by a job title that several posts have, given to each of "
              "them ({n} rows; --every-post, or the cell's own 'alle'; graded inferred): {rows}"))


def _first_ten(items: list, line: tuple, said, sep: str = ", ") -> Message:
    """A log ``line`` (one, many; with ``{n}`` and ``{rows}``) of ``items``:
    the first ten, each ``said(*item)``."""
    return count(len(items), *line, rows=Listing(sep, [said(*x) for x in items[:10]]))

#: The names a municipality's bodies go by in registers (Gemeentewet: the
#: raad, the college van burgemeester en wethouders, the burgemeester),
#: compared as :func:`_plain` does: a register that writes ``het college``
#: on one row and ``College van B&W`` on another names one body.
_BODIES = tuple(frozenset(names) for names in (
    ("college", "het college", "college van b&w", "college van b & w", "college van b en w",
     "college van burgemeester en wethouders", "het college van burgemeester en wethouders",
     "burgemeester en wethouders", "b&w", "b & w", "b en w", "executive board",
     "board of mayor and aldermen"),
    ("raad", "de raad", "gemeenteraad", "de gemeenteraad", "council", "municipal council"),
    ("burgemeester", "de burgemeester", "mayor")))


class _Nodes:
    """The organisation's posts and roles, found by id or by name."""

    def __init__(self, nodes: pd.DataFrame, edges: pd.DataFrame, every_post: bool = False):
        #: whether a mandatee named by a job title several posts have is each of them
        self.every_post = every_post
        #: ``(title, posts)`` of the names read so since :meth:`several` was called
        self.titles: list = []
        #: ``{name written: post}`` of bodies found by another of their names
        #: (``het college`` for ``College van B&W``)
        self.bodies_as: dict = {}
        self.kind = dict(zip(nodes["id"], nodes["kind"]))
        self.name = dict(zip(nodes["id"], nodes.get("name", nodes["id"])))
        self.by_name: dict = {}
        for nid, kind in self.kind.items():
            if kind in ("Post", "Role"):
                self.by_name.setdefault(_plain(self.name[nid]), []).append(nid)
        # (a person named where a post is meant: the posts they hold, to say so)
        self.held: dict = {}
        if len(edges):
            for u, v, kind in zip(edges["from"], edges["to"], edges["kind"]):
                if kind == "HOLDS" and self.kind.get(u) == "Person":
                    self.held.setdefault(_plain(self.name[u]), []).append(v)

    def body_named(self, name: str) -> list:
        """The posts named as another name of the body ``name`` is
        (:data:`_BODIES`: ``College van B&W`` for ``het college``), noted in
        :attr:`bodies_as` when there is one."""
        names = next((ns for ns in _BODIES if _plain(name) in ns), frozenset())
        hits = sorted({p for n in names for p in self.by_name.get(n, [])})
        if len(hits) == 1:
            self.bodies_as[name.strip()] = hits[0]
        return hits

    def find(self, nid: str, name: str, column: str) -> str:
        """The id of the post or role ``nid`` or, without one, ``name``
        (``column``: the register's column of the id, ``mandator`` ...)."""
        what = Message(_LABELS[f"{column}_name"])
        if not _empty(nid):
            nid = nid.strip()
            if self.kind.get(nid) not in ("Post", "Role"):
                raise InputError(Message("{what} '{id}' is no post or role of the organisation",
                                         what=what, id=nid))
            if not _empty(name) and _plain(name) != _plain(self.name[nid]):
                raise InputError(Message(
                    "{what} '{id}' is '{own}' in the organisation, but the register names "
                    "'{name}'", what=what, id=nid, own=self.name[nid], name=name.strip()))
            return nid
        if _empty(name):
            raise InputError(Message("no {what}", what=what))
        hits = self.by_name.get(_plain(name), []) or self.body_named(name)
        # (a name column that gives an id: the post or role of that id, unless
        # the text is also another's name)
        own = name.strip()
        if self.kind.get(own) in ("Post", "Role") and own not in hits:
            hits = hits + [own]
        if len(hits) > 1:
            raise InputError(Message(
                "{what} '{name}' names {n} posts or roles ({ids}): give its id in a column "
                "'{column}' or '{nl}'", what=what, name=name.strip(), n=len(hits),
                ids=", ".join(hits), column=column, nl=translator("nl").column(column))
                + (Message(", or, where the register means each post of that title, import "
                           "with --every-post") if column != "mandator" else ""))
        if not hits and self.held.get(_plain(name)):
            raise InputError(Message(
                "{what} '{name}' is a person, who holds {posts}: a mandate is given to a post "
                "(its name or id)", what=what, name=own, posts=", ".join(
                    f"{p} ({self.name.get(p, p)})" for p in self.held[_plain(name)])))
        plural = [] if hits or column == "mandator" else next(
            (self.by_name[s] for s in _singulars(own) if s in self.by_name), [])
        if plural:
            raise InputError(count(len(plural), N_(
                "{what} '{name}' is the plural of a job title that 1 post has ({ids}): import "
                "with --every-post to give it the mandate"), N_(
                "{what} '{name}' is the plural of a job title that {n} posts have ({ids}): "
                "import with --every-post to give each of them the mandate"), what=what,
                name=own, ids=", ".join(plural)))
        if not hits:
            raise InputError(Message(
                "{what} '{name}' is no post or role of the organisation{near}", what=what,
                name=own, near=_closest(own, sorted({self.name[i] for ids in
                                                     self.by_name.values() for i in ids}))))
        return hits[0]

    def names_one(self, header: str) -> bool:
        """Whether a column's ``header`` names a post or role of the
        organisation (by its name, a job title's plural, or its id)."""
        return bool(self.titled(header) or self.kind.get(header.strip()) in ("Post", "Role"))

    def titled(self, name: str) -> list:
        """The posts and roles of the name or job title ``name``, or of its
        singular (``Teamleiders``, ``Afdelingshoofden``)."""
        return self.by_name.get(_plain(name)) or next(
            (self.by_name[s] for s in _singulars(name) if s in self.by_name), [])

    def several(self, ids: str, names: str, column: str) -> list:
        """The posts or roles a cell names, by id or by name: the whole cell
        when it is one's name, else each part between ``;``, ``,`` or a line
        break (``[]`` when both cells are empty)."""
        if not _empty(ids):
            return [self.find(part, "", column) for part in _SEVERAL.split(ids.strip()) if part]
        if _empty(names):
            return []
        whole = self.by_name.get(_plain(names)) or self.kind.get(names.strip()) in ("Post", "Role")
        parts = [p for p in _SEVERAL.split(names.strip()) if p]
        if not whole and len(parts) == 1:
            parts = self.joined(names, column)
        if whole or len(parts) == 1:
            return self.each(names, column)
        return [found for part in parts for found in self.each(part, column)]

    def joined(self, names: str, column: str) -> list:
        """The parts of a cell that joins the names of posts or roles with
        'en', '&' or '/' (``Teamleider A en Teamleider B``: each is given the
        mandate, as with ``;``), where every part is one; refused where they
        are joined with 'of' (which of them, or whether each, the row does
        not say); else the cell, whole."""
        parts = [p for p in _JOINED.split(names.strip()) if p]
        if len(parts) < 2 or not all(self.names_one(p) for p in parts):
            either = [p for p in _EITHER.split(names.strip()) if p]
            if len(either) > 1 and all(self.names_one(p) for p in either):
                raise InputError(Message(
                    "{what} '{name}' names {n} posts or roles joined by 'of' ({names}): whether "
                    "each holds the mandate, or one of them, the row does not say; give each its "
                    "own row, or separate them with ';' where each holds it",
                    what=Message(_LABELS[f"{column}_name"]), name=names.strip(), n=len(either),
                    names=Listing(", ", [f"'{p}'" for p in either])))
            return [names]
        return parts


    def names(self, ids: list) -> str:
        """The names of ``ids``, each with its id where two share a name
        (``Teamleider (F2), Teamleider (F3)``)."""
        shown = [self.name[i] for i in ids]
        return ", ".join(n if shown.count(n) == 1 else f"{n} ({i})" for n, i in zip(shown, ids))

    def each(self, name: str, column: str) -> list:
        """The post or role ``name`` names; with :attr:`every_post`, each post
        of a job title several have (``Teamleider``, or its plural
        ``Teamleiders``, ``Afdelingshoofden``), noted in :attr:`titles`; so
        too, without it, a mandatee's cell that says so itself (``Alle
        teamleiders``, ``Iedere teamleider``)."""
        every = _EVERY.match(name) if column != "mandator" else None
        written = name.strip()
        if every and self.titled(name[every.end():]):
            name = name[every.end():]
        if self.every_post or every:
            posts = self.titled(name)
            if len(posts) > 1 or (posts and _plain(name) not in self.by_name):
                # (as the cell writes it: "Alle teamleiders" says why each)
                self.titles.append((written if every else name.strip(), posts))
                return list(posts)
        return [self.find("", name, column)]


#: An amount in a power's name (``tot € 25.000``, ``t/m 10.000 euro``): the
#: words before it that bound it, and a currency or thousands grouped.
_AMOUNT = re.compile(r"(?:(?:tot en met|tot|t/m|max(?:imaal)?\.?|boven|vanaf|onder)\s+)?"
                     r"(?:(?:€|EUR)\s*\d[\d.,]*|\d{1,3}(?:[.,]\d{3})+(?:,-)?(?:\s*(?:euro|EUR))?)",
                     re.IGNORECASE)

#: Between the posts a cell names (``Teammanager A; Teammanager B``).
_SEVERAL = re.compile(r"\s*[;,\n]\s*")
#: Between the names of posts a cell joins in words (``A en B``, ``A / B``):
#: read so only where each part names one.
_JOINED = re.compile(r"\s+(?:en|and|&)\s+|\s*/\s*", re.IGNORECASE)
#: A mandatee's cell that names every post of a job title itself ("Alle
#: teamleiders", "Iedere teamleider"): each is given the mandate, as with
#: --every-post.
_EVERY = re.compile(r"^\s*(?:alle|iedere|ieder|elke|elk|all|every|each)\s+", re.IGNORECASE)
#: The same, joined by "of" (either): refused, see :meth:`_Nodes.joined`.
_EITHER = re.compile(r"\s+(?:of|or)\s+", re.IGNORECASE)
#: A mandatee's cell that adds the post's deputy after it ("Teamleider
#: Burgerzaken (of diens plaatsvervanger)", "..., bij diens afwezigheid de
#: plaatsvervanger"): the mandate is the post's, and the words are kept in
#: the mandate's note (who the deputy is, the register does not say; a post
#: named as one, "de plaatsvervangend teamleider", is no such words).
_DEPUTY = re.compile(
    r"\s*[(,]?\s*(?:en/of|of|c\.q\.|dan wel|(?:en\s+)?bij\s+(?:diens|zijn|haar)\s+"
    r"(?:afwezigheid|verhindering)(?:\s+door)?)\s+(?:diens|zijn|haar|de|het)\s+"
    r"(?:plaatsvervang(?:er|ster)|vervang(?:er|ster))\)?\s*$", re.IGNORECASE)


def _singulars(name: str) -> list:
    """A plural title's singulars, one for each word that may be its plural
    (``Teamleiders``, ``Afdelingshoofden``, ``Adviseurs financiën``),
    compared as :func:`_plain` compares names."""
    words = _plain(name).split()
    return [" ".join(words[:i] + [w[:-len(end)]] + words[i + 1:])
            for i, w in enumerate(words) for end in ("en", "s")
            if w.endswith(end) and len(w) > len(end) + 2]


def _plain(name: str) -> str:
    """A name compared without case or extra spaces."""
    return " ".join(str(name).split()).casefold()


def read_register(path: PathLike, folder: PathLike, *, sheet: str | None = None,
                  locale: str | None = None, add_bodies: bool = False,
                  every_post: bool = False, fill_ditto: bool = False) -> tuple:
    """The mandates of register ``path`` for the organisation in ``folder``
    (the options as :func:`import_register`'s).

    Returns
    -------
    tuple
        ``(edges, powers, posts, log)``: the ``MANDATES`` edge rows (text
        cells), ``{power id: spec}`` of the powers it names, the political
        posts it adds for competent bodies (``add_bodies``), and a
        :class:`RegisterLog`.

    Raises
    ------
    ValidationError
        Every row that cannot be read, each with its row and why.
    """
    return _register_of(Path(path), _folder(folder), sheet, locale, add_bodies, every_post,
                        fill_ditto)


def _folder(folder: PathLike):
    """The folder's raw tables (:class:`~orgmodel.read.RawOrg`), refused
    when it does not read."""
    raw = read_folder(folder)
    if raw.problems:
        raise ValidationError(raw.problems, where=str(folder))
    return raw


def _register_of(path: Path, raw, sheet, locale, add_bodies, every_post=False,
                 fill_ditto=False) -> tuple:
    """:func:`read_register` against the folder's ``raw`` tables."""
    sources = raw.manifest.get("sources") or {}
    key, cited = _source(sources, path.name)
    reading = _Reading(raw, locale or raw.manifest.get("locale"), add_bodies, key, every_post)
    # (a post's name is a column's too: a column per post under a group's
    # name, "Gemandateerde" over them, is a header on two rows)
    df, found, log = _table(path, sheet, reading.nodes.names_one, fill_ditto)
    if "mandatee" not in found and "mandatee_name" not in found:
        df = _marked(df, found, log, reading.nodes, path.name)
    edges = reading.mandates(df, found, path)
    if not edges:
        # (an empty register is no record of mandates: with --replace it
        # would have removed them all)
        raise ValidationError([Problem(path.name, None, count(
            len(reading.skipped),
            N_("holds no mandate: no row under its header gives one (1 row not used)"),
            N_("holds no mandate: no row under its header gives one ({n} rows not used)")))],
            where=str(path))
    rows = [{"from": u, "to": v, "kind": "MANDATES", "powers": ";".join(dict.fromkeys(ps)),
             **dict(attrs)} for (u, v, attrs), ps in edges.items()]
    log.mandates = len(rows)
    log.powers = list(dict.fromkeys(p for ps in edges.values() for p in ps))
    log.new_powers = [p for p in reading.powers if p not in reading.known]
    log.bodies = [b["name"] for b in reading.bodies.values()]
    log.bodies_as = [(a, reading.nodes.name[p]) for a, p in reading.nodes.bodies_as.items()]
    log.submandates = len(reading.submandates)
    log.from_bodies = len(reading.from_bodies)
    log.several_mandatees = reading.several_mandatees
    log.titles = reading.titles
    log.repeated = list(dict.fromkeys(reading.repeated))
    log.amount_in_power = reading.amount_in_power
    log.source = {key: cited} if key not in sources and reading.cites else {}
    log.skipped = reading.skipped
    return (rows, {p: reading.powers[p] for p in log.new_powers}, list(reading.bodies.values()),
            log)


def _table(path: Path, sheet: str | None, post: Callable[[str], bool] | None = None,
           fill_ditto: bool = False) -> tuple:
    """``(table, {field: column}, log)``: the register's table of text cells
    (from the header row that names a mandator, a mandatee and a power), the
    columns read, and the log of them; ``post``: whether a name is a post's
    (see :func:`~orgmodel.formats._sheets.read_sheet`); ``fill_ditto``: a
    ditto mark is the cell above it (see
    :func:`~orgmodel.formats._sheets.read_ditto`)."""
    # (the header row names a mandator or a competent body, and a mandatee or
    # a power, by any name they go by)
    header = tuple("|".join(sorted(set().union(*map(_names_of, names))))
                   for names in (("mandator", "mandator_name", "body", "body_name"),
                                 ("mandatee", "mandatee_name"), ("power", "power_name")))
    df = read_sheet(path, path.name, sheet, header)
    if post and (df.attrs.get("unnamed") or not _names_mandatee(df)):
        # (read again with posts' names as columns' only where the posts may
        # be columns: a mandatee's column missing, or columns left unnamed
        # under a group; a register with its own mandatee's column keeps its
        # first row, whatever posts it names)
        df = read_sheet(path, path.name, sheet, header, post)
    found, worked, other = _columns(df, path.name)
    unsaved = refuse_spreadsheet_errors(df, found.values(), path.name, path)
    dittos = read_ditto(df, found.values(), path.name, path, fill_ditto)
    # (a post's id may stand in a column of names as well as of ids)
    refuse_mangled_ids(df, {c: _LABELS[k] for k, c in found.items()
                      if k.split("_")[0] in ("power", "body", "mandator", "mandatee",
                                             "submandatee")}, path.name, path)
    # (a line break between the posts a mandatee's cell names parts them:
    # those cells are read as they are, see _Nodes.several)
    controls = no_controls(df, list(found.values()), path.name)
    wrapped = one_line(df, [c for k, c in found.items() if k not in _LISTS], path.name)
    headers = df.attrs.get("headers") or {}
    return df, found, RegisterLog(file=path.name, rows=len(df),
                                  columns={k: headers.get(c, c) for k, c in found.items()},
                                  worked_out=worked, not_read=other,
                                  laid_out=laid_out(df, path.name)
                                  + unnamed_said(df, path.name)
                                  + two_header_rows_said(df, path.name)
                                  + [said for said in (controls, wrapped, unsaved, dittos)
                                     if said])


def _names_mandatee(df) -> bool:
    """Whether the register's header has a column for the mandatee."""
    headers = df.attrs.get("headers") or {}
    names = _names_of("mandatee") | _names_of("mandatee_name")
    return any(fold(headers.get(c, c)) in names for c in df.columns)


#: The register's fields whose cell may name several posts, a line apart.
_LISTS = frozenset(("mandatee", "mandatee_name", "submandatee", "submandatee_name"))


def _not_a_mandate(cells, headers: dict, read: dict | None = None):
    """Why a row is no mandate (a heading over a part of the register,
    ``Hoofdstuk 2 Personeel``, or the header row again), or None.  Of the
    columns ``read`` (``{field: column}``), a heading fills the power's
    alone: a number beside it in a column not read (``Nr.``) does not make
    it a mandate."""
    filled = {c: str(v).strip() for c, v in cells.items() if v is not None and str(v).strip()}
    if len(filled) == 1:
        return Message("a heading or a note ('{value}'), no mandate",
                       value=next(iter(filled.values())))
    read = read or {}
    powers = {read.get("power"), read.get("power_name")} - {None}
    given = [c for c in filled if c in read.values()]
    if len(given) == 1 and given[0] in powers:
        return Message("a heading or a note ('{value}'), no mandate", value=filled[given[0]])
    if len(filled) > 1 and all(fold(v) == fold(headers.get(c, c)) for c, v in filled.items()):
        return Message("the header row again, no mandate")
    return None


def _marked(df, found: dict, log: RegisterLog, nodes: _Nodes, label: str) -> pd.DataFrame:
    """A register laid out with a column per post (``Gemeentesecretaris``,
    ``Afdelingshoofd``, ``Teamleider``: headers that name posts or roles of
    the organisation), a mark in a cell giving that post the row's mandate,
    as a register of one row per mandate: each marked cell a row of its own
    (its number the register's), its post the mandatee (``mandatee_name``)
    and its mark the ``mark`` (:func:`_with_mark`).  A row with no mark
    stays one row, with an empty mark (no mandate: see
    :meth:`_Reading.mandates`).  Refused as having no mandatee's column
    when no column names a post."""
    headers = df.attrs.get("headers") or {}
    posts = [c for c in df.columns if c not in found.values() and nodes.names_one(
        headers.get(c, c))]
    if not posts:
        raise _no_column(df, label, "mandatee_name", Message(
            ", nor a column per post, named as the organisation names it, with a mark where "
            "the post has the mandate"))
    rows, index = [], []
    for row, cells in zip(df.index, df.to_dict("records")):
        marks = [(headers.get(c, c), str(cells[c])) for c in posts
                 if cells[c] is not None and not _empty(str(cells[c]))
                 and _plain(cells[c]) not in _NO_MARKS]
        for post, mark in marks or [("", "")]:
            rows.append({**cells, "@mandatee": post, "@mark": mark})
            index.append(row)
    out = pd.DataFrame(rows, index=index, columns=[*df.columns, "@mandatee", "@mark"],
                       dtype=object)
    out.attrs = dict(df.attrs)
    found.update(mandatee_name="@mandatee", mark="@mark")
    shown = [headers.get(c, c) for c in posts]
    # (each column in quotes, as the log quotes one: 'A', 'B')
    log.columns["mandatee_name"] = Listing("', '", shown)
    log.not_read = [c for c in log.not_read if c not in shown]
    log.marked = shown
    return out


#: A cell of a post's column that says the post has no mandate (``nee``,
#: ``-``): as an empty one.
_NO_MARKS = frozenset(("nee", "n", "no", "-", "–", "—", "n.v.t.", "nvt", "n/a"))
#: A register's mark that a post has a mandate (``x``, ``✓``, ``ja``),
#: folded as :func:`_plain` folds names; the kind it says, where it says one.
_MARKS = {**dict.fromkeys(("x", "✓", "✔", "☑", "•", "ja", "j", "yes", "y"), None),
          "m": "mandaat", "mandaat": "mandaat", "volmacht": "volmacht",
          "mt": "machtiging", "machtiging": "machtiging"}


def _with_mark(attrs: dict, cell: dict, locale: str | None) -> None:
    """The terms a post's mark (``cell["mark"]``, under the post's column)
    adds to its row's mandate: a kind (``M``, ``volmacht``) or a ceiling
    (``€ 10.000``, ``t/m 25.000``); a mark that says neither plainly is
    refused on its row."""
    mark, post = cell["mark"], cell["mandatee_name"]
    text = _plain(mark).rstrip(".")
    if text in _MARKS:
        kind = _MARKS[text]
    elif text in ("v", "om", "ondermandaat"):
        raise InputError(Message(
            "'{mark}' under '{post}': {why}", mark=mark.strip(), post=post,
            why=Message("V may be volmacht or a tick: write volmacht, or x") if text == "v"
            else Message("ondermandaat, from whom the register does not say (orgmodel reads "
                         "ondermandaat from a register of a row per mandate, in a column "
                         "'ondermandaat verleend aan')")))
    else:
        try:
            ceiling = _parsed("ceiling", mark, locale)
        except InputError as exc:
            if any(c.isdigit() for c in mark):
                # (an amount it cannot read as a ceiling: why, as for a ceiling's cell)
                raise InputError(Message("'{mark}' under '{post}': {why}", mark=mark.strip(),
                                         post=post, why=exc.args[0])) from None
            raise InputError(Message(
                "'{mark}' under '{post}' is no mark orgmodel reads: x (or ✓, ja) for a "
                "mandate, mandaat (M), volmacht or machtiging (Mt) for its kind, an amount "
                "for its ceiling", mark=mark.strip(), post=post)) from None
        if attrs.get("ceiling", ceiling) != ceiling:
            raise InputError(Message(
                "'{mark}' under '{post}' gives another ceiling than the row's ({ceiling})",
                mark=mark.strip(), post=post, ceiling=cell.get("ceiling", "").strip()))
        attrs["ceiling"] = ceiling
        return
    if kind and attrs.get("mandate_kind", kind) != kind:
        raise InputError(Message(
            "'{mark}' under '{post}' says {kind}, and the row {other}", mark=mark.strip(),
            post=post, kind=kind, other=attrs["mandate_kind"]))
    if kind:
        attrs["mandate_kind"] = kind


class _Reading:
    """The rows of one register read against one folder: its posts and roles,
    its powers (and those the rows add), the bodies added as posts."""

    def __init__(self, raw, locale: str | None, add_bodies: bool, source: str,
                 every_post: bool = False):
        self.nodes, self.locale = _Nodes(raw.nodes, raw.edges, every_post), locale
        self.titles: list = []      # (row, title, posts): see RegisterLog.titles
        self.given: dict = {}       # (mandator, mandatee, power, terms) -> its first row
        self.repeated: list = []    # (row, earlier row): see RegisterLog.repeated
        self.powers = {k: dict(v) for k, v in (raw.manifest.get("powers") or {}).items()}
        self.known = set(self.powers)
        self.bodies: dict = {}
        self.add_bodies = add_bodies
        self.cites = False      # (whether a row cites the register by its line)
        self.skipped: list = []     # (file, row, why) of the rows that are no mandate
        # (cited as the folder's other rows are, in its language: "register regel 4")
        self.own = translator(raw.manifest.get("language") or "en")
        self.line = self.own(Message(N_("{src} line {rows}"), src=source, rows="{rows}"))
        self.submandates: set = set()   # (the ondermandaat edges the rows name)
        self.from_bodies: set = set()   # (rows whose mandator is the body: no column)
        self.several_mandatees: list = []   # (rows that name several mandatees)
        self.amount_in_power: list = []     # (row, amount) in a power's name, no ceiling
        # ((mandator, mandatee, power, other terms) -> (row, ceiling, its cell))
        self.ceilings: dict = {}

    def mandates(self, df, found: dict, path: Path) -> dict:
        """``{(mandator, mandatee, terms): [powers]}``: one edge per mandate,
        the rows of one mandator, mandatee and terms its powers.

        Raises
        ------
        ValidationError
            Every row that cannot be read, each with why.
        """
        edges: dict = {}
        problems = []
        headers = df.attrs.get("headers") or {}
        self.skipped += [(path.name, int(r), Message("above the header row: '{value}' (a title "
                                                     "or a note, no mandate)", value=text))
                         for r, text in df.attrs.get("above_header") or []]
        rows_seen: dict = {}        # (a row's cells -> its number: a row given twice)
        named_power = None          # (the last row that names its power)
        for row, cells in df.iterrows():
            skipped = _not_a_mandate(cells, headers, found)
            if skipped:
                self.skipped.append((path.name, int(row), skipped))
                continue
            cell = {k: str(cells[c] if cells[c] is not None else "") for k, c in found.items()}
            if "mark" in cell and not cell["mark"].strip():
                self.skipped.append((path.name, int(row), Message(
                    "no post's column is marked: the power is not mandated")))
                continue
            again = rows_seen.setdefault(tuple((k, v.strip()) for k, v in cell.items()), int(row))
            if again != int(row):
                self.skipped.append((path.name, int(row), Message(
                    "the same as row {row} in every column read: read once", row=again)))
                continue
            try:
                self.nodes.titles = []
                u, vs, attrs, power = self.row(cell, self.line.format(rows=row))
                if "mandator" not in cell and "mandator_name" not in cell:
                    self.from_bodies.add(int(row))
                subs = self.passed_on(cell, u, vs, attrs)
                self.by_title(int(row), attrs, subs)
                self.one_ceiling(u, vs, power, attrs, cell.get("ceiling", ""), int(row))
            except InputError as exc:
                problems.append(Problem(path.name, int(row), _power_above(cell, named_power)
                                        or exc.args[0]))
                continue
            finally:
                if not _no_power(cell):
                    named_power = int(row)
            if len(vs) > 1 and not self.nodes.titles:
                self.several_mandatees.append(int(row))
            amount = _AMOUNT.search(cell.get("power_name", ""))
            if amount and "ceiling" not in attrs:
                self.amount_in_power.append((int(row), amount.group(0).strip()))
            for a, b, terms in [*((u, v, attrs) for v in vs), *subs]:
                if self.given_before(int(row), a, b, terms, power):
                    continue
                edges.setdefault((a, b, tuple(sorted(terms.items()))), []).append(power)
            self.submandates |= {(a, b, tuple(sorted(terms.items()))) for a, b, terms in subs}
        if problems:
            raise ValidationError(problems, where=str(path))
        return edges

    def given_before(self, row: int, a: str, b: str, terms: dict, power: str) -> bool:
        """Whether an earlier row gives the mandate of ``power`` from ``a`` to
        ``b`` on the same ``terms`` (written otherwise: a post by its name and
        by its id, a title and its plural): noted, to be read once."""
        key = (a, b, power, tuple(sorted((k, v) for k, v in terms.items() if k != "source")))
        first = self.given.setdefault(key, row)
        if first != row:
            self.repeated.append((row, first))
        return first != row

    def by_title(self, row: int, attrs: dict, subs: list) -> None:
        """A row whose mandatee is a job title several posts have, read as each
        of them (``--every-post``): its mandates inferred, the note saying
        why, and the row noted for the log."""
        for title, posts in self.nodes.titles:
            self.titles.append((row, title, posts))
            # (the title itself in the log: two rows that write it two ways,
            # Teamleider and Teamleiders, give one mandate)
            note = self.own(Message(
                "the register gives the mandate to every post of a job title ('{title}'), {n} "
                "posts: each is given it", title=title, n=len(posts)) if _EVERY.match(title)
                else Message("the register names the mandatee by a job title that {n} posts "
                             "have: each is given the mandate (--every-post)", n=len(posts)))
            for terms in [attrs, *(t for *_, t in subs)]:
                terms["evidence"] = "inferred"
                terms["note"] = "; ".join(filter(None, [terms.get("note"), note]))

    def row(self, cell: dict, where: str) -> tuple:
        """``(mandator, [mandatees], edge cells, power)`` of one row: a cell
        may name several mandatees (``Teamleider A, Teamleider B``, see
        :meth:`_Nodes.several`), each given the mandate on the row's terms."""
        power = _power(cell, self.powers, self.nodes, self.bodies if self.add_bodies else None,
                       where)
        attrs = _attrs(cell, self.locale, where)
        if "mark" in cell:
            _with_mark(attrs, cell, self.locale)
        self.deputy_said(cell, attrs)
        if "mandator" in cell or "mandator_name" in cell:
            mandator = self.mandator(cell, where)
        else:
            mandator = self.from_body(power, attrs)
        self.cites = self.cites or attrs["source"] == where or any(
            b["source"] == where for b in self.bodies.values())
        mandatees = self.nodes.several(cell.get("mandatee", ""), cell.get("mandatee_name", ""),
                                       "mandatee")
        if not mandatees:
            raise InputError(Message("no {what}", what=Message(_LABELS["mandatee_name"])))
        if mandator in mandatees:
            raise InputError(Message("names the mandator '{name}' as its own mandatee",
                                     name=self.nodes.name[mandator]))
        return mandator, mandatees, attrs, power

    def one_ceiling(self, mandator: str, mandatees: list, power: str, attrs: dict,
                    text: str, row: int) -> None:
        """Refuse a row that gives a mandate another ceiling than an earlier
        row gives it on the same terms (conditions, period, kind): which
        one holds, the register does not say.  Other terms make another
        mandate (``tot € 10.000``, and ``tot € 50.000 binnen de begroting``)."""
        terms = tuple(sorted((k, v) for k, v in attrs.items()
                             if k not in ("ceiling", "source", "note", "evidence")))
        for mandatee in mandatees:
            first = self.ceilings.setdefault((mandator, mandatee, power, terms),
                                             (row, attrs.get("ceiling"), text))
            if first[1] != attrs.get("ceiling"):
                raise InputError(Message(
                    "gives the mandate of '{power}' from {a} to {b} the ceiling '{this}', and "
                    "row {row} gives it '{that}' on the same terms: which one holds, the "
                    "register does not say (give one row per mandate, or the conditions under "
                    "which each holds)", power=self.powers[power].get("name", power),
                    a=self.nodes.name[mandator], b=self.nodes.name[mandatee],
                    this=text.strip() or Message("(none)"), row=first[0],
                    that=first[2].strip() or Message("(none)")))

    def deputy_said(self, cell: dict, attrs: dict) -> None:
        """A mandatee's cell that adds the post's deputy (see :data:`_DEPUTY`):
        the post alone is read, the words kept in the mandate's note."""
        text = cell.get("mandatee_name", "")
        m = _DEPUTY.search(text) if text and _empty(cell.get("mandatee", "")) else None
        if not m or not text[:m.start()].strip():
            return
        cell["mandatee_name"] = text[:m.start()].strip()
        said = self.own(Message("the register adds to the mandatee: '{words}' (who the deputy "
                                "is, it does not say)", words=m.group(0).strip(" ,()")))
        attrs["note"] = f"{attrs['note']}; {said}" if attrs.get("note") else said

    def mandator(self, cell: dict, where: str) -> str:
        """The row's mandator, by its id or its name; one that names a body
        of the Gemeentewet (het college, de raad, de burgemeester) no post is
        named for is added as a political post with ``--add-bodies``, and
        without it refused, saying so."""
        try:
            return _end(cell, "mandator", self.nodes)
        except InputError as exc:
            name = cell.get("mandator_name", "")
            if not _empty(cell.get("mandator", "")) or \
                    not any(_plain(name) in names for names in _BODIES):
                raise
            if self.add_bodies:
                return str(_body({"body_name": name}, self.nodes, self.bodies, where))
            raise InputError(Message(
                "{why}: it names a competent body (the college, the council, the mayor) that no "
                "post of the organisation is named for; --add-bodies adds it as a political "
                "post", why=exc.args[0])) from None

    def from_body(self, power: str, attrs: dict) -> str:
        """The mandator of a register without a mandator column: the power's
        competent body, in whose name a mandate is exercised (Awb 10:1);
        ``attrs`` graded inferred, with that reasoning."""
        body = self.powers[power].get("body")
        if not body:
            raise InputError(Message(
                "the register has no mandator column, and neither the row nor org.yaml names "
                "the competent body of power '{power}', whose mandate it would be", power=power))
        reason = self.own(Message(
            "the register names no mandator: a mandate is exercised in the name of the "
            "competent body (Awb 10:1), {body} for this power", body=self.nodes.name[body]))
        grade = attrs.get("evidence", "stated")
        attrs["evidence"] = "assumed" if grade == "assumed" else "inferred"
        attrs["note"] = f"{attrs['note']}; {reason}" if attrs.get("note") else reason
        return body


    def passed_on(self, cell: dict, mandator: str, mandatees: list, attrs: dict) -> list:
        """``[(mandatee, post, terms)]``: the ondermandaat the row names
        (*ondermandaat aan*), each graded inferred, its terms the row's; the
        row's own mandate (``attrs``) is then one that allows it.

        Raises
        ------
        InputError
            The row says ondermandaat is not allowed, or names a post that
            is not there (or is the mandatee, or its mandator), or names
            several mandatees: whose ondermandaat it is, the row does not say.
        """
        posts = self.nodes.several(cell.get("submandatee", ""),
                                   cell.get("submandatee_name", ""), "submandatee")
        if not posts:
            return []
        if len(mandatees) > 1:
            raise InputError(Message(
                "names several mandatees ({mandatees}) and ondermandaat to {posts}: from which "
                "of them, the row does not say; give a row per mandatee",
                mandatees=self.nodes.names(mandatees), posts=self.nodes.names(posts)))
        mandatee = mandatees[0]
        if attrs.get("submandate") == "false":
            raise InputError(Message(
                "names ondermandaat to {posts}, and says ondermandaat is not allowed",
                posts=self.nodes.names(posts)))
        if mandatee in posts:
            raise InputError(Message("names the mandatee '{name}' as its own ondermandaat",
                                     name=self.nodes.name[mandatee]))
        if mandator in posts:
            raise InputError(Message(
                "names the mandator '{name}' as ondermandaat of its own mandate: the power "
                "would go round", name=self.nodes.name[mandator]))
        attrs["submandate"] = "true"
        terms = {k: attrs[k] for k in ("mandate_kind", "ceiling", "instructions", "within",
                                       "valid_from", "valid_to", "temporary") if k in attrs}
        terms.update(evidence="inferred", source=attrs["source"], note=self.own(Message(
            "ondermandaat named in the row of the mandate from {a} to {b}; its ceiling, "
            "conditions and period are taken as that row's, which the register gives once "
            "per row", a=self.nodes.name[mandator], b=self.nodes.name[mandatee])))
        return [(mandatee, p, dict(terms)) for p in posts]


def _source(sources: dict, name: str) -> tuple[str, dict]:
    """``(key, text)`` of the register as a source of ``org.yaml``: the one
    that names it already, else ``register`` (``register-2`` ... when taken)."""
    cited = cited_file(name)
    for key, text in sources.items():
        if text == cited:
            return key, cited
    key, n = "register", 1
    while key in sources:
        n += 1
        key = f"register-{n}"
    return key, cited


def _no_power(cell: dict) -> bool:
    """Whether a row's cells name no power (neither its id nor its name)."""
    return _empty(cell.get("power", "")) and _empty(cell.get("power_name", ""))


def _power_above(cell: dict, row: int | None) -> Message | None:
    """Why a row without a power, under rows that name one, is refused: a
    power typed once over its rows (a CSV, or a workbook's cells not
    merged) may be the one above, or left out; which, the cell does not say.

    >>> print(_power_above({"power_name": ""}, 4))  # doctest: +NORMALIZE_WHITESPACE
    no power: the cell is empty (is it row 4's, typed once above its rows?
    write it on each row; a cell merged over the rows of a workbook is read on each)
    >>> _power_above({"power_name": "Inkoop"}, 4) is None
    True
    """
    if row is None or not _no_power(cell):
        return None
    return Message("no {what}: the cell is empty (is it row {row}'s, typed once above its rows? "
                   "write it on each row; a cell merged over the rows of a workbook is read on "
                   "each)", what=Message(_LABELS["power_name"]), row=row)


def _power(cell: dict, powers: dict, nodes: _Nodes, bodies: dict | None, where: str) -> str:
    """The id of the row's power, declared in ``powers`` when new; its
    basis and body, when the row gives them, are the power's."""
    pid, name = cell.get("power", ""), cell.get("power_name", "")
    if _empty(pid):
        if _empty(name):
            raise InputError(Message("no {what}", what=Message(_LABELS["power_name"])))
        pid = next((k for k, s in powers.items() if _plain(s.get("name") or s.get("text") or "")
                    == _plain(name) or _plain(k) == _plain(name)), None) or slug(name)
    pid = pid.strip()
    if not re.fullmatch(r"[\w.-]+", pid):
        raise InputError(Message("'{id}' is no power id (letters, digits, '-', '_', '.')",
                                 id=pid))
    spec = powers.setdefault(pid, {"name": name.strip() if not _empty(name) else pid})
    basis = cell.get("basis", "")
    if not _empty(basis):
        _same(spec, "basis", basis.strip(), pid)
    body = _body(cell, nodes, bodies, where)
    if body:
        _same(spec, "body", body, pid)
    return pid


def _same(spec: dict, key: str, value: str, pid: str) -> None:
    """Set the power's ``key``, refusing a second value for it."""
    if spec.setdefault(key, value) != value:
        raise InputError(Message("power '{power}' has {key} '{old}', and this row gives "
                                 "'{new}'", power=pid, key=Message(_LABELS[key]),
                                 old=spec[key], new=value))


def _body(cell: dict, nodes: _Nodes, bodies: dict | None, where: str) -> str | None:
    """The competent body's post id, or None when the row gives none; with
    ``bodies``, a body no post is named for is added as a political post."""
    bid, name = cell.get("body", ""), cell.get("body_name", "")
    if _empty(bid) and _empty(name):
        return None
    if bodies is not None and _empty(bid) and not nodes.by_name.get(_plain(name)) and \
            not nodes.body_named(name):
        key, n = slug(name), 1
        while key in nodes.kind:
            n += 1
            key = f"{slug(name)}-{n}"
        bodies.setdefault(key, {"id": key, "kind": "Post", "name": name.strip(),
                                "sphere": "political", "evidence": "stated",
                                "source": where})
        nodes.by_name[_plain(name)] = [key]
        nodes.kind[key], nodes.name[key] = "Post", name.strip()
        return key
    try:
        return nodes.find(bid, name, "body")
    except InputError as exc:
        raise InputError(Message("{why} (with --add-bodies, a competent body no post is "
                                 "named for is added as a political post)", why=exc.args[0])
                         ) from None


def _end(cell: dict, what: str, nodes: _Nodes) -> str:
    """The row's mandator or mandatee (``what``), by its id or its name."""
    return nodes.find(cell.get(what, ""), cell.get(f"{what}_name", ""), what)


def _attrs(cell: dict, locale: str | None, where: str) -> dict:
    """The row's cells on its edge, as a folder's edges.csv writes them."""
    out = {}
    for key in _ON_EDGE:
        text = cell.get(key, "")
        if _empty(text) or (key == "valid_to" and fold(text) in _NO_END):
            continue
        text = text.strip()
        if key in ("submandate", "temporary", "ceiling", *_DATES):
            out[key] = _parsed(key, text, locale)
        elif key == "evidence":
            out[key] = _grade(text)
        elif key == "mandate_kind":
            out[key] = _mandate_kind(text)
        else:
            out[key] = text
    if "valid_from" in out and "valid_to" in out and out["valid_from"] > out["valid_to"]:
        # (said on the register's row: the folder's check named a row of
        # edges.csv the user never wrote)
        raise InputError(Message("is valid from {a} to {b}: it ends before it starts",
                                 a=_dt.date.fromisoformat(out["valid_from"]),
                                 b=_dt.date.fromisoformat(out["valid_to"])))
    out.setdefault("evidence", "stated")
    out.setdefault("source", where)
    if out["evidence"] != "stated" and "note" not in out:
        # (the graph contract's: how an inferred or assumed mandate is known)
        # (the grade as the row writes it: 'aangenomen', not 'assumed')
        raise InputError(Message("evidence '{grade}' needs a note giving the reasoning, and the "
                                 "row has none", grade=cell.get("evidence", "").strip()))
    return out


#: A kind's letters, as a register's column of kinds (*soort*) writes them.
_KIND_LETTERS = {"m": "mandaat", "v": "volmacht", "mt": "machtiging"}


def _mandate_kind(text: str) -> str:
    """A mandate's kind (*soort*) as the contract writes it, read without
    regard to case (``Volmacht``), by its letters (``M``, ``V``, ``Mt``) or
    with a remark in brackets after it (``mandaat (art. 160 Gemw)``), or
    refused on its row naming the kinds.

    >>> _mandate_kind("Mt"), _mandate_kind("Mandaat (art. 160 Gemw)"), _mandate_kind("V.")
    ('machtiging', 'mandaat', 'volmacht')
    """
    plain = re.sub(r"\s*\([^()]*\)\s*$", "", text).strip()
    found = next((k for k in MANDATE_KINDS if fold(k) == fold(plain)), None) or \
        _KIND_LETTERS.get(fold(plain))
    if found is None:
        raise InputError(Message(
            "kind '{value}' is not one of: {kinds} (mandaat, M: decisions, Awb 10:1; volmacht, "
            "V: private-law acts, 10:12; machtiging, Mt: other acts; a row per kind)",
            value=text, kinds=", ".join(MANDATE_KINDS)))
    return found


def _parsed(key: str, text: str, locale: str | None) -> str:
    """A yes/no, ceiling or date cell of column ``key`` as edges.csv writes
    it, or refused naming the column (the parsers know the value only)."""
    try:
        if key in ("submandate", "temporary"):
            return "true" if parse_bool(text) else "false"
        if key in _DATES:
            return parse_date(_DATE_BEFORE[key].sub("", text) if key in _DATE_BEFORE else text,
                              locale)
        if says_no_ceiling(text):           # (stated: none; an empty cell records none)
            return NO_CEILING
        value = parse_ceiling(text, locale)
    except InputError as exc:
        # (a cell of ondermandaat that names whom, "ja, aan teamleiders": the
        # register's column for that is another)
        whom = Message("; whom the mandatee may pass it on to goes in a column '{c}'",
                       c=Message(_LABELS["submandatee_name"])) if key == "submandate" else ""
        raise InputError(Message("{column}: {why}", column=Message(_LABELS[key]),
                                 why=exc.args[0]) + whom) from None
    if value < 0:
        raise InputError(Message("ceiling '{value}' is below 0", value=text))
    # (as edges.csv writes a number: 1500000, not 1.5e+06)
    return str(int(value)) if value.is_integer() else repr(value)


def _grade(text: str) -> str:
    """An evidence grade, as the export writes it in English or Dutch."""
    nl = translator("nl")
    for g in _GRADES:
        if fold(text) in (fold(g), fold(nl.value(g))):
            return g
    if fold(text) in (fold("ungraded"), fold(nl.value("ungraded"))):
        return "stated"
    raise InputError(Message("'{value}' is no evidence grade (stated, inferred, assumed)",
                             value=text))


def import_register(path: PathLike, folder: PathLike, *, sheet: str | None = None,
                    locale: str | None = None, replace: bool = False,
                    add_bodies: bool = False, every_post: bool = False,
                    fill_ditto: bool = False) -> RegisterLog:
    """Add the mandates of register ``path`` to the organisation folder ``folder``.

    Its ``MANDATES`` edges go to ``edges.csv``, the powers it names that
    ``org.yaml`` does not declare to ``org.yaml`` (its comments kept), and,
    with ``add_bodies``, a competent body no post is named for to
    ``nodes.csv`` as a political post; with ``every_post``, a mandatee named
    by a job title several posts have (``Teamleider``, ``Teamleiders``) is
    each of them, graded inferred; with ``fill_ditto``, a ditto mark
    (``idem``, ``"``: the same as the row above) is the cell above it, said
    (without it, refused).  A folder that holds mandates already
    is refused unless ``replace`` (the register is then the whole record of
    them).  What it read and decided is added to the folder's ``IMPORT.md``.
    The folder is validated as it would be read, and written whole or not
    at all.

    Raises
    ------
    ValidationError
        A row that cannot be read (each named), or the folder it would make
        breaks the graph contract.

    Examples
    --------
    The register orgmodel writes, read back in place of the mandates it was
    written from:

    >>> folder = save(sample, tmp_path / "org")
    >>> path = write_register(register(sample), tmp_path / "register.csv", sample)
    >>> log = import_register(path, folder, replace=True)
    >>> log.replaced, log.mandates
    (5, 5)
    """
    folder = Path(folder)
    raw = _folder(folder)
    rows, new_powers, bodies, log = _register_of(Path(path), raw, sheet, locale, add_bodies,
                                                 every_post, fill_ditto)
    edges = raw.edges
    held = edges["kind"] == "MANDATES" if "kind" in edges else pd.Series(dtype=bool)
    if held.any() and not replace:
        raise ValidationError([Problem(EDGES, None, count(
            int(held.sum()), N_("holds a mandate already: give --replace to replace it with the "
                                "register's"),
            N_("holds {n} mandates already: give --replace to replace them with the "
               "register's")))], where=str(folder))
    log.replaced = int(held.sum())
    dropped = _powers_named(edges[held]) if held.any() else set()
    edges = pd.concat([edges[~held] if len(held) else edges, _frame(rows, edges.index)])
    nodes = pd.concat([raw.nodes, _frame(bodies, raw.nodes.index)]) if bodies else raw.nodes
    # (a power only the replaced mandates named stays declared in org.yaml,
    # which may declare it for more than the register: said, not removed)
    log.unnamed_powers = sorted(dropped - _powers_named(edges) - _powers_named(nodes))
    edges, nodes = edges.fillna(""), nodes.fillna("")
    manifest = dict(raw.manifest)
    text = (folder / MANIFEST).read_text(encoding="utf-8")
    for section, entries in (("sources", log.source), ("powers", new_powers)):
        if entries:
            manifest[section] = {**(manifest.get(section) or {}), **entries}
            text = with_entries(text, section, entries)
    org = model_from_tables(manifest, nodes, edges, str(folder))
    problems = validate_graph(org)
    if problems:
        raise ValidationError(problems, where=str(folder))
    write_tables(None, nodes, edges, folder,
                 extra={MANIFEST: text, LOG: _logged(folder, log, manifest)})
    return log


#: The file beside the data that says what each import read and decided.
LOG = "IMPORT.md"


def _logged(folder: Path, log: RegisterLog, manifest: dict) -> str:
    """``IMPORT.md`` with what this import read and decided added under a
    heading of its own, after what earlier imports wrote there; in the
    folder's language, every value of the register inert."""
    t = translator(manifest.get("language") or "en", inert=markdown_prose)
    earlier = (folder / LOG).read_text(encoding="utf-8") if (folder / LOG).is_file() else ""
    lines = [Message("# Import of {v}", v=log.file), "", *log.lines()]
    return (earlier.rstrip("\n") + "\n\n" if earlier.strip() else "") + \
        "\n".join(map(t, lines)) + "\n"


def _powers_named(table: pd.DataFrame) -> set:
    """The powers the rows of ``table`` name (``powers``, ``;`` between
    them, and ``power``)."""
    named: set = set()
    for column in ("powers", "power"):
        if column in table:
            for cell in table[column].dropna().astype(str):
                named.update(parse_cell("powers", cell, None))     # (a list cell's own reading)
    return named


def _frame(rows: list, after) -> pd.DataFrame:
    """``rows`` as a table numbered on from ``after`` (the rows a file holds)."""
    start = (max(after) + 1) if len(after) else 2
    return pd.DataFrame(rows, index=range(start, start + len(rows)), dtype=object)


def with_entries(text: str, section: str, entries: dict) -> str:
    r"""The text of ``org.yaml`` with ``entries`` added under its
    ``section`` (``powers:``; a block of its own at the end when it has
    none), one line each, every other line as it was, its comments included.

    >>> print(with_entries("name: X  # ours\n", "powers", {"inkoop": {"name": "Inkoop"}}), end="")
    name: X  # ours
    powers:
      inkoop: {name: Inkoop}
    >>> print(with_entries("powers:\n  a: {name: A}\nlocale: nl\n", "powers",
    ...                    {"b": {"name": "B"}}), end="")
    powers:
      a: {name: A}
      b: {name: B}
    locale: nl
    >>> print(with_entries("powers: {}  # none yet\nlocale: nl\n", "powers",
    ...                    {"b": {"name": "B"}}), end="")
    powers:  # none yet
      b: {name: B}
    locale: nl
    >>> print(with_entries("powers:\nlocale: nl\n", "powers", {"b": {"name": "B"}}), end="")
    powers:
      b: {name: B}
    locale: nl
    """
    lines_of = [f"{k}: " + yaml.safe_dump(v, allow_unicode=True, default_flow_style=True,
                                          width=10_000, sort_keys=False).strip()
                for k, v in entries.items()]
    root = yaml.compose(text)
    lines = text.splitlines(keepends=True)
    for key, value in (root.value if root is not None else ()):
        if key.value != section:
            continue
        if _nothing(value):
            # ("powers: {}" or "powers:": the section's line without its empty value)
            row, cut = key.start_mark.line, slice(value.start_mark.column, value.end_mark.column)
            old, rest = lines[row], lines[row][cut.stop:].strip()
            lines[row] = old[:cut.start].rstrip() + (f"  {rest}" if rest else "") + "\n"
            indent = " " * (key.start_mark.column + 2)
            return "".join(lines[:row + 1] + [indent + e + "\n" for e in lines_of] +
                           lines[row + 1:])
        if not isinstance(value, yaml.MappingNode) or value.flow_style:
            raise ValidationError([Problem(MANIFEST, key.start_mark.line + 1, Message(
                "'{section}' is not written as a block, one entry per line: orgmodel "
                "adds to such a block only", section=section))], where=MANIFEST)
        mark, indent = value.value[-1][1].end_mark, value.value[0][0].start_mark.column
        # (after the line the last entry's value ends on: its own comment stays with it)
        row = mark.line + (1 if mark.column > 0 else 0)
        return "".join(lines[:row] + [" " * indent + e + "\n" for e in lines_of] + lines[row:])
    tail = "" if not lines or lines[-1].endswith("\n") else "\n"
    return text + tail + f"{section}:\n" + "".join(f"  {e}\n" for e in lines_of)


def _nothing(value) -> bool:
    """Whether a YAML value is empty on its key's line (``{}``, or nothing)."""
    if isinstance(value, yaml.MappingNode):
        return not value.value and value.start_mark.line == value.end_mark.line
    return isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null") and \
        value.start_mark.line == value.end_mark.line
