"""The holders of a posts file's posts: a person per name (one person on
several posts, several names in one cell), a vacancy, a holder whose name
is not given or who is hired, each one's FTE and start date (a stage of
:class:`orgmodel.formats.posts._Import`)."""
from __future__ import annotations

import datetime as _dt
import re

from ..errors import InputError, Problem, ValidationError
from ..i18n import N_, Listing, Message, count, said
from ..notation import number_text, parse_date
from ._fte import FteRange, more_than_they_work, not_a_fte
from ._import_state import ImportState
from ._import_state import cell as _cell
from ._line import _TITLES, person_key, surname_last
from ._tables import slug

__all__ = ["held_on", "HolderReading", "names_alike", "names_by_comma", "one_after_another"]


#: Between the names of a cell that names several holders (a job share on
#: one row): "A. de Vries / B. Jansen".
_SEVERAL_HOLDERS = re.compile(r"\s*(?:/|;|\s&\s|\s\+\s)\s*")

_SEVERAL_MARKS = frozenset("/;&+")

#: "A. de Vries en B. Jansen", "Anna Smit and Bo Lee": the word between two
#: names, each starting with a capital (an initial or a first name; "de
#: heer Jansen en mevrouw Smit" is not split, and stays one holder).
_AND_HOLDERS = re.compile(r"\s+(?:en|and)\s+(?=[A-ZÀ-Þ])")

#: The words between a first name and a surname (``de``, ``van der``): a
#: part of a name before or after a comma that begins or ends with one, or
#: has one joined by a hyphen (``Jansen-de Vries``), is a surname written
#: first or the given names after it (``Vries van der, Anna``, ``Vries,
#: Anna de``), not a person's whole name.
_PARTICLES = frozenset(("van", "de", "der", "den", "het", "'t", "te", "ten", "ter", "in", "op",
                        "von", "vom", "zu", "da", "di", "do", "dos", "du", "le", "la", "del",
                        "della", "des", "el", "al", "vd", "v.d.", "d'", "l'"))


def names_by_comma(cell: str) -> list:
    """The names of a holder's cell that may list several people between
    commas (``Bram Jansen, Eva Kok``), or ``[]`` when it reads as one name:
    surname first (``Jansen, Piet``, ``Vries, Anna de``, ``Vries van der,
    A.``) or with more after it (``Anna de Vries, MBA``, ``John Smith, KCB,
    CVO``). Two parts that each read as a whole name (two words or more, no
    particle at either end) may be several people.

    >>> names_by_comma("Bram Jansen, Eva Kok"), names_by_comma("Jansen-de Vries, Anna Maria")
    (['Bram Jansen', 'Eva Kok'], [])
    >>> names_by_comma("Vries, Anna de"), names_by_comma("Anna de Vries, MBA")
    ([], [])

    Several names written surname first with their initials (``Jansen, P.,
    Kok, E.``) are several people too: a name has one set of initials.

    >>> names_by_comma("Jansen, P., Kok, E."), names_by_comma("Vries van der, A.J., MBA")
    (['Jansen, P.', 'Kok, E.'], [])
    """
    if "," not in cell:
        return []
    parts = [p.strip() for p in cell.split(",")]
    initials = [i for i, p in enumerate(parts) if i > 0 and _initials(p)]
    if len(initials) >= 2:
        return [f"{parts[i - 1]}, {parts[i]}" for i in initials]
    whole = [p for p in parts if _whole_name(p)]
    return parts if len(whole) >= 2 else []


#: A name's initials (``P.``, ``A.J.``, ``Th. J.``).
_INITIALS = re.compile(r"(?:(?:[A-ZÀ-Þ]|Th|Chr|Ph|Joh)\.\s*)+")


def _initials(part: str) -> bool:
    """Whether ``part`` is a name's initials alone, its particles after them
    (``P.``, ``A.J. de``): what follows a surname written first."""
    m = _INITIALS.match(part)
    return m is not None and all(w in _PARTICLES for w in part[m.end():].lower().split())


def _whole_name(part: str) -> bool:
    """Whether ``part`` of a name reads as a person's whole name, first
    name first: two words or more, none of its ends a particle, none of its
    words joined to one by a hyphen."""
    words = part.lower().split()
    if len(words) < 2 or words[0] in _PARTICLES or words[-1] in _PARTICLES:
        return False
    return not any(bit in _PARTICLES for w in words if "-" in w for bit in w.split("-"))


#: A person's name on either side of it: an initial ("A. de Vries") or two
#: words or more ("Anna Smit"); "Jansen en Partners", a firm, has neither
#: on its right, and stays one holder.
_PERSONS_NAME = re.compile(r"(?:[A-ZÀ-Þ]\.\s*)+\S|\S+\s+\S")

_AND_WORD = re.compile(r"\s(?:en|and)\s", re.IGNORECASE)

#: The note on a person whose name the file does not give.
_UNNAMED_NOTE = N_("holder given as '{holder}'")

_HIRED_NOTE = N_("hired, not named: holder given as '{holder}'")

_EMPTY_NOTE = N_("the holder's cell is empty, and the file's format writes 'Vacant' for a "
                 "vacant post: a holder whose name is not published (inferred)")


#: What a date column writes for none (``n.v.t.`` where nobody left yet),
#: compared folded and without a final dot.
_NO_DATE = frozenset({"n.v.t", "nvt", "n/a", "na", "-", "–", "—", "--", "geen", "none",
                      "nog niet bekend", "onbepaald", "onbepaalde tijd", "n.b", "nb",
                      # (an end still to be decided: n.t.b., nader te bepalen)
                      "n.t.b", "ntb", "nader te bepalen", "niet van toepassing"})


#: A name written with initials: ``A. de Vries``, ``A.M. Jansen``, ``J.P. de Boer``.
_WITH_INITIALS = re.compile(r"^(?P<initials>(?:[^\W\d_]{1,2}\.\s*)+)(?P<rest>[^\W\d_].*)$")


def one_after_another(holders: list, periods: list) -> int | None:
    """The index of the latest row of a post whose rows each name a holder
    who held it after the one before left (each period ends before the next
    starts: one row ended ``31-12-2025``, the next from ``1-1-2026``), or
    None when they may have held it together.

    >>> one_after_another(["Eva", "Jan"], [{"valid_from": "2026-01-01"},
    ...     {"valid_from": "2021-06-01", "valid_to": "2025-12-31"}])
    0
    >>> one_after_another(["Eva", "Jan"], [{"valid_from": "2021-06-01"}, {"valid_from": "2026-01-01"}])
    """
    if not all(holders) or not all("valid_from" in p for p in periods):
        return None
    order = sorted(range(len(periods)), key=lambda i: periods[i]["valid_from"])
    if all(periods[a].get("valid_to", "9999-12-31") < periods[b]["valid_from"]
           for a, b in zip(order, order[1:])):
        return order[-1]
    return None


def held_on(periods: list, on: str | None) -> list | None:
    """The indexes of a post's rows held on the file's date ``on`` (ISO
    text), when some of its rows are not (a holder who left before it, or
    starts after it) and some are: the post's FTE on that date is theirs, not
    every row's summed; None when the date is not known or every row, or
    none, is held on it.

    >>> held_on([{"valid_from": "2021-01-01", "valid_to": "2025-12-31"}, {}], "2026-03-01")
    [1]
    >>> held_on([{"valid_from": "2021-01-01"}, {}], "2026-03-01") is None
    True
    """
    if not on:
        return None
    now = [i for i, p in enumerate(periods)
           if p.get("valid_to", "9999-12-31") >= on and p.get("valid_from", "") <= on]
    return now if 0 < len(now) < len(periods) else None


def names_alike(names: dict) -> list:
    """``[(a, b)]`` of the keys of ``names`` (``{key: name}``) whose name is
    written with initials (``A. de Vries``, ``Th. Bakker``, ``Mevr. K.
    Smit``) where another's is written in full with the same end, each
    initial the start of a first name (``Anna de Vries``, ``Theo Bakker``,
    ``Karin Smit``): names that may be one person's.

    >>> names_alike({1: "A. de Vries", 2: "Anna de Vries", 3: "B. de Vries", 4: "J.P. Jansen",
    ...              5: "Jan Pieter Jansen", 6: "Jan Jansen", 7: "Th. Bakker", 8: "Theo Bakker",
    ...              9: "Tom Bakker"})
    [(1, 2), (4, 5), (7, 8)]

    Names written surname first are compared in order (``Vries, A. de``
    with ``Anna de Vries`` or ``Vries, Anna de``):

    >>> names_alike({1: "Vries, A. de", 2: "Vries, Anna de", 3: "Jansen, Piet"})
    [(1, 2)]
    """
    names = {key: surname_last(_TITLES.sub("", name)) or name for key, name in names.items()}
    # ((a full name's end, its first letter), folded) -> [(its first names, key)]
    full: dict = {}
    for key, name in names.items():
        words = _TITLES.sub("", name).casefold().split()
        if len(words) > 1 and "." not in words[0] and len(words[0]) > 1:
            for k in range(1, len(words)):
                # (by the end and the first letter: a surname thousands share
                # is not compared with every name that has it)
                full.setdefault((" ".join(words[k:]), words[0][0]), []).append(
                    (words[:k], key))
    pairs = []
    for key, name in names.items():
        m = _WITH_INITIALS.match(_TITLES.sub("", name))
        if m:
            initials = re.findall(r"[^\W\d_]{1,2}", m.group("initials").casefold())
            pairs += [(key, other) for first, other in
                      full.get((m.group("rest").casefold(), initials[0][0]), ())
                      if len(initials) <= len(first)
                      and all(w.startswith(i) for i, w in zip(initials, first))]
    return pairs


def _marks_only(holder: str) -> bool:
    """Whether a holder's cell has no digit and no more than one letter,
    however often (``XXX``, ``xx``, ``…``, ``***``): a mark, no name.

    >>> _marks_only("XXX"), _marks_only("…"), _marks_only("x"), _marks_only("Xu")
    (True, True, True, False)
    >>> _marks_only("Aa"), _marks_only("0")
    (True, False)
    """
    # (a loop that stops at a name's second letter: it runs for every holder)
    first = None
    for c in holder:
        if c.isdigit():
            return False
        if c.isalpha():
            c = c.casefold()
            if first is None:
                first = c
            elif c != first:
                return False
    return True


def _one_letter(holder: str) -> bool:
    """Whether a holder's cell is one letter and nothing else but marks
    (``x``, ``X.``, ``(v)``): no name.

    >>> _one_letter("x"), _one_letter("X."), _one_letter("Xu"), _one_letter("10234")
    (True, True, False, False)
    """
    return sum(c.isalpha() for c in holder) == 1 and not any(c.isdigit() for c in holder)


#: A date of numbers only, day and month in either order (``03/31/2020``,
#: ``1-2-2026``).
_NUMERIC_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


class HolderReading(ImportState):
    """Reading the holders of the posts (see the module)."""

    def read_date(self, text: str, column) -> str:
        """The ISO date a cell of the date ``column`` gives, under the locale,
        month first where the column writes its dates so (see
        :meth:`date_order`); a date of numbers that reads either way in a
        column that writes both is refused."""
        order = self.date_order(column)
        m = _NUMERIC_DATE.fullmatch(text.strip())
        if m and order == "month first":
            text = f"{m.group(2)}-{m.group(1)}-{m.group(3)}"
        elif m and order == "both" and m.group(1) != m.group(2) and \
                max(int(m.group(1)), int(m.group(2))) <= 12:
            raise InputError(Message(
                "'{text_}' reads as a day of month {a} or of month {b}, and the column writes "
                "dates both ways (day first and month first): write it as YYYY-MM-DD",
                text_=text, a=int(m.group(2)), b=int(m.group(1))))
        return parse_date(text, self.locale)

    def date_order(self, column) -> str:
        """How the date ``column`` writes a date of numbers (``1/2/2026``),
        worked out once from the cells that read one way only: "day first"
        (as Dutch does, and the locale reads), "month first" (as the US
        does: ``03/31/2020``), said in the log, or "both"."""
        if column not in self.date_orders:
            days, months = [], []
            for rowno, text in zip(self.df.index, self.df[column]):
                m = _NUMERIC_DATE.fullmatch(str(text).strip())
                if m and int(m.group(1)) > 12 >= int(m.group(2)):
                    days.append((rowno, str(text).strip()))
                elif m and int(m.group(2)) > 12 >= int(m.group(1)):
                    months.append((rowno, str(text).strip(), int(m.group(1))))
            order = "month first" if months and not days and self.locale == "nl" else \
                "both" if months and days else "day first"
            self.date_orders[column] = order
            if order == "month first":
                rowno, text, month = months[0]
                self.log.decisions.append(Message(
                    "'{c}' writes its dates month first, as the US does ('{v}' in row {row} is "
                    "in month {month}; no date of it reads day first): each read so",
                    c=self.shown(str(column)), v=text, row=rowno, month=month))
        return self.date_orders[column]

    def period(self, row, rowno) -> dict:
        """The row's start and end dates as the HOLDS edge's ``valid_from``
        and ``valid_to`` (ISO text, under the locale); a cell that is not a
        date, or an end before the start, is listed and left out."""
        found = {}
        for key, column, what in (("valid_from", self.c_start, N_("start date")),
                                  ("valid_to", self.c_end, N_("end date"))):
            text = _cell(row, column)
            if not text:
                continue
            if text.strip().casefold().rstrip(".") in _NO_DATE:
                # (a word for none, "n.v.t." on every row of those still
                # employed: no date, counted and said once, not a cell not used)
                self.no_dates.setdefault(str(column), []).append(text.strip())
                continue
            try:
                found[key] = self.read_date(text, column)
            except InputError as exc:
                self.log.cells.append((self.label, rowno, Message(
                    "{what} {exc}: the holder is kept without it", what=Message(what),
                    exc=said(exc))))
        if "valid_from" in found and found.get("valid_to", "9999-12-31") < found["valid_from"]:
            self.log.cells.append((self.label, rowno, Message(
                "end date {end} is before the start date {start}: the holder is kept without "
                "it", end=_dt.date.fromisoformat(found["valid_to"]),
                start=_dt.date.fromisoformat(found["valid_from"]))))
            del found["valid_to"]
        return found

    def add_holders(self, pid, group, ftes, periods: list) -> None:
        """A HOLDS edge from each row's holder (a person, one per name, or one
        whose name is not disclosed), in its row's period (``periods``,
        see :meth:`period`); a vacant row holds nobody."""
        if not self.c_holder:       # (said once, in read_posts)
            return
        if len(group) > 1 and one_after_another([h for *_, h in group], periods) is None:
            # (one person on two rows of one post one after the other: two
            # appointments, each its own holding)
            self.refuse_one_holder_twice(pid, group)
        unnamed = 0
        for (rowno, row, cell), f, period in zip(group, ftes or [None] * len(group), periods):
            names = self.holder_names(cell)
            if self.c_holder_fte:
                f = self.holder_fte(_cell(row, self.c_holder_fte), rowno, cell)
            if isinstance(f, FteRange):
                f = None          # (the post's range: what its holder works, it does not say)
            # (a share each when the cell gives them: see shares())
            shares = f if isinstance(f, tuple) else None
            if len(names) > 1 and shares is None:
                self.several_holders.append(cell)
            elif len(names) == 1 and _AND_WORD.search(cell) and self.named_holders(cell):
                self.and_in_holder.append(cell)
            for i, holder in enumerate(names):
                share = shares[i] if shares else f if len(names) == 1 else None
                unnamed = self.add_holder(pid, rowno, period, holder, share, unnamed)

    def holder_fte(self, text: str, rowno, cell: str):
        """The holders' own FTE on a row (``--holder-fte``: the *bezetting*
        beside the post's *formatie*), read as the FTE column is: a share
        each for several holders; a cell that is none is said, and the
        holders kept without it."""
        if not text:
            return None
        named = self.named_holders(cell)
        f = self.fte(text, holders=len(named))
        if isinstance(f, tuple):
            return self.shares(f, rowno, text, cell, named, self.shared_holder_ftes)
        if isinstance(f, float) and not more_than_they_work(f, named):
            return f
        why = not_a_fte(f, text, self.locale) if not isinstance(f, float) else Message(
            "is more than the people the holder's cell names ('{holder}') can work",
            holder=cell)
        self.log.cells.append((self.label, rowno, Message(
            "holder's FTE '{v}' {why}: the holders are kept without it", v=text, why=why)))
        return None

    def named_holders(self, cell: str) -> list:
        """The people a holder's cell names (none for a vacancy, a name not
        disclosed or a file without holders)."""
        if not self.c_holder:
            return []
        return [h for h in self.holder_names(cell)
                if not self.words.is_vacant_holder(h) and not self.words.is_undisclosed(h)]

    def says_vacant(self, cell: str) -> bool:
        """Whether a holder's cell makes its row vacant: every holder it names
        is a vacancy (``Vacature``; not ``Vacature / B. Jansen``, which names
        a holder beside it)."""
        return self.words.is_vacant_holder(cell) and (
            not _SEVERAL_MARKS & set(cell)
            or all(self.words.is_vacant_holder(h) for h in self.holder_names(cell)))

    def holder_names(self, cell: str) -> list:
        """The holders a cell names: one, or several written with ``/``,
        ``;``, `` & `` or `` + `` between them (a job share kept on one row:
        ``A. de Vries / B. Jansen``), or two names with ``en`` or ``and``
        between them (``A. de Vries en B. Jansen``, each name starting with
        a capital and either an initial or two words: ``Jansen en
        Partners`` is one); a marker (``N/D``, ``Vacature``) is one, but a
        vacancy beside a name is two (``Vacature / B. Jansen``: the name
        was lost to the vacancy's first word)."""
        parts = [p.strip() for p in _SEVERAL_HOLDERS.split(cell)] \
            if _SEVERAL_MARKS & set(cell) else None
        if (self.words.is_vacant_holder(cell) or self.words.is_undisclosed(cell)) and not (
                parts and len(parts) > 1 and all(parts) and self.words.is_vacant_holder(parts[0])
                and not all(self.words.is_vacant_holder(p) or self.words.is_undisclosed(p) for p in parts)):
            return [cell]
        if parts is None:
            if not cell[:1].isupper():
                return [cell]
            parts = [p.strip() for p in _AND_HOLDERS.split(cell)]
            if not all(_PERSONS_NAME.match(p) for p in parts):
                return [cell]
        return parts if len(parts) > 1 and all(parts) else [cell]

    def add_holder(self, pid, rowno, period: dict, holder, f, unnamed: int) -> int:
        """The HOLDS edge of one holder of a row (none for a vacant one), in
        the row's ``period`` (its dates), with the row's FTE when the row
        names one holder; returns the number of the post's holders whose
        name is not disclosed so far."""
        if self.words.is_vacant_holder(holder):
            return unnamed
        if not holder and self.preset.empty_holder == "not recorded":
            # (an empty cell states no holder and no vacancy, as a file
            # without a holders' column does not)
            # (a post whose occupied FTE was read is said by that reading,
            # which says what of it is vacant: see occupancy)
            occupancy_read = pid in self.occupied["read"]
            if not occupancy_read:
                self.empty_holders.append(pid)
            if self.c_holder_fte and f is not None and not occupancy_read:
                self.log.cells.append((self.label, rowno, Message(
                    "the holder's FTE of post {pid} is given, but not the holder: not used",
                    pid=pid)))
            return unnamed
        if _one_letter(holder):
            # ("x" is a tick as often as a name's initial: which, the cell
            # does not say)
            self.log.cells.append((self.label, rowno, Message(
                "holder '{holder}' of post {pid} is one letter, no name (a tick saying the post "
                "is held?): not used; who holds it is not recorded", holder=holder, pid=pid)))
            return unnamed
        if self.words.is_no_name(holder) or (_marks_only(holder) and not self.words.is_undisclosed(holder)):
            # (a placeholder: whether the post is held, and by whom, it
            # does not say; no person of its name is made)
            self.log.cells.append((self.label, rowno, Message(
                "holder '{holder}' of post {pid} names no one (a placeholder, not a name): "
                "not used; who holds it is not recorded", holder=holder, pid=pid)))
            return unnamed
        hold = {"kind": "HOLDS", "source": self.cite(rowno),
                "evidence": "stated" if holder else "inferred"}
        if isinstance(f, float):
            hold["fte"] = number_text(round(f, 6))
        hold.update(period)
        if period:
            self.periods.append((pid, period))
        if not holder:
            hold["note"] = self.in_own_words(Message(_EMPTY_NOTE))
        if self.words.is_undisclosed(holder):
            self.log.undisclosed += 1
            hired = self.words.is_hired(holder)
            self.log.hired += hired
            # (named after the post, not the row: the same undisclosed
            # holder of the same post matches across two snapshots)
            unnamed += 1
            person = f"person:{pid}:undisclosed" + (f"-{unnamed}" if unnamed > 1 else "")
            self.nodes.append({"id": person, "kind": "Person",
                               "name": self.in_own_words(Message("(name not disclosed)")),
                               "source": self.cite(rowno),
                               "evidence": hold["evidence"],
                               "note": self.in_own_words(self.unnamed_note(holder, hired))})
        else:
            person = self.person(self.words.name_in(holder), rowno, pid)
            if holder != self.person_name[person]:
                # (the person's name is as its first cell writes it: this
                # cell's own words kept on the holding, ``(a.i.)``)
                hold["note"] = self.in_own_words(Message("holder written '{holder}'",
                                                         holder=holder))
                self.written_otherwise.setdefault(person, []).append(holder)
        self.edges.append({"from": person, "to": pid, **hold})
        return unnamed

    @staticmethod
    def unnamed_note(holder: str, hired: bool) -> Message:
        """The note on a holder whose name is not given: what the cell said,
        or, for an empty one, why a holder is inferred from it."""
        if not holder:
            return Message(_EMPTY_NOTE)
        return Message(_HIRED_NOTE if hired else _UNNAMED_NOTE, holder=holder)

    def refuse_one_holder_twice(self, pid, group) -> None:
        """One named holder on two rows of one post: a row given twice, or
        two appointments of one person to it; which, the file does not say,
        so the import refuses rather than merge or double them."""
        first: dict = {}
        problems = []
        for rowno, _, holder in group:
            if self.words.is_vacant_holder(holder) or self.words.is_undisclosed(holder):
                continue
            key = person_key(self.words.name_in(holder))
            if key in first:
                problems.append(Problem(self.label, rowno, Message(
                    "post {pid} with holder '{holder}' is on row {first} already: a row given "
                    "twice, or two appointments of one person to one post; keep one row (its "
                    "FTE the two together, if both hold)",
                    pid=pid, holder=holder, first=first[key])))
            first.setdefault(key, rowno)
        if problems:
            raise ValidationError(problems, where=str(self.path))

    def person(self, holder, rowno, pid) -> str:
        """The id of the person ``holder`` names, who holds post ``pid``: one
        per name as :func:`person_key` compares them (``Anna de Vries
        (a.i.)`` is Anna de Vries), named as the first cell writes it."""
        key = person_key(holder)
        if key not in self.people:
            person = f"person:{slug(holder)}"
            # (two names with one slug, or a post's own id)
            while person in self.person_ids or person in self.posts:
                person += "-2"
            self.person_ids.add(person)
            self.people[key] = (person, [])
            self.person_name[person] = holder
            self.nodes.append({"id": person, "kind": "Person", "name": holder,
                               "source": self.cite(rowno), "evidence": "stated"})
        if pid not in self.people[key][1]:
            self.people[key][1].append(pid)
        return self.people[key][0]

    def say_names_alike(self) -> None:
        """Names that may be one person, written with initials and in full
        (``A. de Vries`` on one post, ``Anna de Vries`` on another): kept as
        two people, as the file does not say they are one, and said."""
        pairs = names_alike(self.person_name)
        if not pairs:
            return
        # (a name on many posts: its first three)
        posts = {p: ", ".join(ps[:3]) + (" …" if len(ps) > 3 else "")
                 for p, ps in self.people.values()}
        shown = [Message("'{a}' ({pa}) and '{b}' ({pb})", a=self.person_name[a], pa=posts[a],
                         b=self.person_name[b], pb=posts[b]) for a, b in pairs]
        self.log.decisions.append(count(len(pairs), N_(
            "1 name written with initials may be a person written in full on another post: "
            "{names}; kept as two people, as the file does not say they are one (write the name "
            "alike on each post if it is)"), N_(
            "{n} names written with initials may be persons written in full on other posts: "
            "{names}; each kept as two people, as the file does not say they are one (write a "
            "name alike on each post if it is)"), names=Listing("; ", shown[:10])))

    def mark_people_on_several_posts(self) -> None:
        """One person on several posts: the same name read as one person (inferred)."""
        self.log.people_on_several_posts = [(self.person_name[pp], ps)
                                            for pp, ps in self.people.values() if len(ps) > 1]
        several = {pp for pp, ps in self.people.values() if len(ps) > 1}
        for n in self.nodes:
            if n["id"] in several:
                n["evidence"] = "inferred"
                n["note"] = self.in_own_words(
                    Message("the same name holds several posts: read as one person"))
        if self.written_otherwise:
            shown = [Message("'{other}' as '{name}'", other=other, name=self.person_name[p])
                     for p, others in self.written_otherwise.items()
                     for other in dict.fromkeys(others)]
            self.log.decisions.append(count(len(shown), N_(
                "1 name written otherwise, with a form of address, a title, a word for how it "
                "holds its post ('Inhuur:') or more in brackets, or in other capitals or "
                "accents, is read as the person it names: {names}"), N_(
                "{n} names written otherwise, with a form of address, a title, a word for how "
                "they hold their posts ('Inhuur:') or more in brackets, or in other capitals or "
                "accents, are read as the persons they name: {names}"), names=Listing("; ", shown[:10])))
