"""The reporting line of a posts file: each post's superior, by its id, its
id written as a number, its id and job title, its job title, or its
holder's name (``--reports-to-by``); a superior not in the file, a name two
posts share, and a line in a circle said or refused (a stage of
:class:`orgmodel.formats.posts._Import`)."""
from __future__ import annotations

import functools
import re

import pandas as pd

from ..errors import Problem, ValidationError
from ..i18n import N_, Listing, Message, count
from ._import_state import ImportState
from ._import_state import cell as _cell
from ._sheets import fold

__all__ = ["LineReading"]


#: A whole number written with decimal zeros (``1001.0``, ``1001,00``): how a
#: spreadsheet or a script writes back an id it read as a number.
_WHOLE_WITH_DECIMALS = re.compile(r"(\d+)[.,]0+")

#: The same with one or two zeros only (``405.0``, ``405,00``): a whole
#: column of post ids so written is read as whole numbers.
_ONE_OR_TWO_ZEROS = r"(\d+)[.,]0{1,2}"

#: A manager's name with more after it in brackets: "Anna de Vries (Afdelingshoofd)".
_NAME_AND_BRACKETS = re.compile(r"^(?P<name>[^()]*\S)\s*\([^()]*\)$")
#: A name written surname first: "Vries, Anna de", "Jansen, P.".
_SURNAME_FIRST = re.compile(r"^(?P<surname>[^,]+?)\s*,\s*(?P<rest>[^,]+)$")
#: Forms of address and titles before a name, as HR lists write them
#: ("Mevr. A. de Vries", "dhr. ir. P. Jansen", "mr. drs. K. Bakker").
#: What a superior cell writes for none ("n.v.t." on the top post's row of a
#: Dutch HR export), compared folded and without a final dot: a top, as an
#: empty cell is, not a superior named "n.v.t." (read as an id or a name
#: first, should a file use one of them as either).
NO_SUPERIOR = frozenset({"n.v.t", "nvt", "n/a", "geen", "none", "-", "–", "—", "--",
                          "niet van toepassing", "not applicable"})
#: What a superior cell writes where the superior is not known, or still to
#: be decided (compared without case, the spaces around it or a final dot):
#: no top, and no post outside the organisation either.
NOT_KNOWN = frozenset({"n.t.b", "ntb", "nader te bepalen", "nog te bepalen", "onbekend",
                       "niet bekend", "nog niet bekend", "n.b", "nb", "?", "??", "???",
                       "unknown", "tbd", "tbc", "to be decided", "to be confirmed"})
#: A key that says there is none: a word of :data:`NO_SUPERIOR`, or the UK
#: schema's ``XX`` (its word for a top's superior), as a post id or as a
#: superior a key column is looked for by.
NO_KEY = NO_SUPERIOR | {"xx", "xxx"}


def says_no_key(text: str) -> bool:
    """Whether ``text`` is a word for no key (see :data:`NO_KEY`).

    >>> says_no_key("N/A"), says_no_key("XX"), says_no_key("n.v.t."), says_no_key("F1")
    (True, True, True, False)
    """
    return text.casefold().rstrip(".").strip() in NO_KEY


_TITLES = re.compile(r"^(?:(?:dhr|mevr|mw|mr|drs|dr|ir|ing|prof|bc|mrs|ms|mr)\.?\s+|"
                     r"(?:de\s+heer|mevrouw)\s+)+", re.IGNORECASE)


def surname_last(name: str) -> str | None:
    """A name written surname first in the usual order (``Vries, Anna de``
    as ``Anna de Vries``); None for a name not written so.

    >>> surname_last("Vries, A. de"), surname_last("Anna de Vries")
    ('A. de Vries', None)
    """
    turned = _SURNAME_FIRST.match(name.strip())
    return f"{turned['rest']} {turned['surname']}" if turned else None


def person_key(name: str) -> str:
    """A person's name as two cells of one person may write it alike: without
    a form of address or a title before it (``Mevr. drs. A. de Vries``),
    more after it in brackets (``Anna de Vries (a.i.)``), case, accents,
    spaces or punctuation.

    >>> person_key("Mevr. A. de Vries (a.i.)") == person_key("A. de Vries")
    True
    >>> person_key("A. de Vries") == person_key("Anna de Vries")
    False
    """
    bracketed = _NAME_AND_BRACKETS.match(name.strip())
    return fold(_TITLES.sub("", bracketed["name"] if bracketed else name.strip()))


#: An initial in a name: "A.", "A.B.", "J.P.".
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+$")

#: Between a post's id and its job title in a superior's cell
#: ("F001 - Gemeentesecretaris", "F001 Gemeentesecretaris").
_ID_TITLE_SEPARATOR = re.compile(r"\s*[-–—:|,]\s*|\s+")


def _first_circle(sup: dict) -> list:
    """The posts of a circle of superiors (each post has one), or ``[]``.

    Linear: every post is walked once, colouring the walk it is on.
    """
    state = {}                    # post -> walk number; done walks stay in it
    for walk, start in enumerate(sup):
        x, path = start, []
        while x in sup and x not in state:
            state[x] = walk
            path.append(x)
            x = sup[x]
        if x in state and state[x] == walk and x in sup:
            return path[path.index(x):]
    return []


def _quoted_option(value: str) -> str:
    """A column's name as a shell takes it after an option: in quotes when
    it has a space or a sign the shell reads (``'Naam leidinggevende'``).

    >>> _quoted_option("Personeelsnummer"), _quoted_option("Naam leidinggevende")
    ('Personeelsnummer', "'Naam leidinggevende'")
    """
    return value if re.fullmatch(r"[\w.-]+", value) else "'" + value.replace("'", "'\\''") + "'"


def nearest_in_unit(pid, found: dict, unit: dict) -> tuple:
    """``(post, unit)``: the one post of ``found`` (not ``pid``) in
    ``pid``'s unit, or else in the nearest unit around it that holds any of
    them; ``(None, None)`` when that unit holds several, or none does
    (``found``: the posts by their unit, see :func:`by_unit`; ``unit``: each
    post's and unit's unit).

    >>> unit = {"p": "team-a", "tl-a": "team-a", "tl-b": "team-b", "ah": "dept",
    ...         "team-a": "dept", "team-b": "dept"}
    >>> nearest_in_unit("p", by_unit(["tl-a", "tl-b"], unit), unit)
    ('tl-a', 'team-a')
    >>> nearest_in_unit("p", by_unit(["ah", "x"], unit), unit)
    ('ah', 'dept')
    >>> nearest_in_unit("p", by_unit(["tl-b", "x"], unit), unit)
    (None, None)
    """
    seen = set()
    here = unit.get(pid)
    while here is not None and here not in seen:
        seen.add(here)
        inside = [p for p in found.get(here, ()) if p != pid]
        if inside:
            return (inside[0], here) if len(inside) == 1 else (None, None)
        here = unit.get(here)
    return None, None


def by_unit(posts: list, unit: dict) -> dict:
    """``{unit: [posts]}`` of ``posts`` (a post in none left out)."""
    out: dict = {}
    for p in posts:
        if p in unit:
            out.setdefault(unit[p], []).append(p)
    return out


def some_posts(posts: list, shown: int = 5) -> Message | str:
    """The posts a cell names, the first few where they are many (a job
    title thousands of posts share).

    >>> some_posts(["F1", "F2"]), str(some_posts([f"F{i}" for i in range(9)], 3))
    ('F1, F2', 'F0, F1, F2 … (9 in all)')
    """
    if len(posts) <= shown:
        return ", ".join(posts)
    return Message("{first} … ({n} in all)", first=", ".join(posts[:shown]), n=len(posts))


class LineReading(ImportState):
    """Reading the line of the posts (see the module)."""

    def posts_by_holder(self) -> dict:
        """The posts each person holds, by the name folded (see :func:`fold`):
        what a superior column that names the manager is read through."""
        return self.posts_by(lambda row, holder: self.person_named(holder))

    def person_named(self, holder: str) -> str:
        """The name of the person a holder's cell names, or "" for a vacancy
        or a holder not named (``Vacature``, ``N.N.``): no manager's name."""
        vacant = self.words.is_vacant_holder(holder) or self.words.is_undisclosed(holder)
        return "" if vacant else self.words.name_in(holder)

    def posts_by_column(self, column) -> dict:
        """The posts by their value in ``column`` (folded): what a superior
        column that gives another key of the superior's row (a
        *personeelsnummer*) is read through."""
        return self.posts_by(lambda row, _holder: _cell(row, column))

    def posts_by(self, key) -> dict:
        """``{folded key: [post ids]}``, ``key(row, holder)`` of each row of
        each post (an empty key is none)."""
        keyed: dict = {}
        for pid, group in self.posts.items():
            for _, row, holder in group:
                value = key(row, holder)
                if value:
                    posts = keyed.setdefault(fold(value), [])
                    if pid not in posts:
                        posts.append(pid)
        return keyed

    def superior_by_name(self, pid, sup, first_row) -> str | None:
        """The post ``sup`` names by its holder or another key of its row
        (``reports_to_by``), or None, said, when the name is on several
        posts (which is meant the file does not say); a name on none is a
        superior not in the file (not tried as a post id: the column was
        said to hold names)."""
        found = (self.held_by or {}).get(fold(sup), [])
        if not found and self.key_name == "holder":
            found = self.name_written_otherwise(sup)
        if len(found) > 1:
            # (read once every post has its unit: see read_shared_keys)
            self.shared_keys.append((pid, sup, found, first_row))
            return None
        if found:
            self.by_name += 1
            return found[0]
        return self.external_superior(pid, sup, first_row)

    def read_shared_keys(self) -> None:
        """The superiors whose cell names several posts (a job title two
        teams' managers share, a person on two posts): each read as the one
        of them in the post's own unit, or in the nearest unit around it
        that has any, graded inferred with that reasoning in the line's
        note; where no unit tells them apart, the line is left out, said
        (which is meant the file does not say)."""
        if not self.shared_keys:
            return
        unit: dict = {}                 # a post or unit -> the unit it is in
        for edge in self.edges:
            if edge["kind"] == "MEMBER_OF":
                unit.setdefault(edge["from"], edge["to"])
        # (a title thousands of posts share: its posts by unit worked out once)
        placed: dict = {}
        for pid, sup, found, rowno in self.shared_keys:
            if sup not in placed:
                placed[sup] = by_unit(found, unit)
            target, where = nearest_in_unit(pid, placed[sup], unit)
            if target is None:
                self.log.cells.append((self.label, rowno, Message(
                    "reports to '{sup}', which names posts {posts}: which is meant the file "
                    "does not say, so the line is left out", sup=sup, posts=some_posts(found))))
                continue
            self.edges.append({"from": pid, "to": target, "kind": "REPORTS_TO",
                               "source": self.cite(rowno), "evidence": "inferred",
                               "note": self.in_own_words(Message(
                                   "the superior's cell '{sup}' names posts {posts}; {target} "
                                   "is the one in the unit '{unit}', the post's own or the "
                                   "nearest around it", sup=sup, posts=some_posts(found),
                                   target=target, unit=self.units.get(where, where)))})
            self.line_sup[pid] = target
            self.line_rows[pid] = rowno
            self.by_name += 1
            self.by_unit.append(sup)

    def name_written_otherwise(self, sup: str) -> list:
        """The posts of the holder ``sup`` names as an HR system may write a
        manager: with more after the name in brackets (``Anna de Vries
        (Afdelingshoofd)``), surname first (``Vries, Anna de``), with or
        without a form of address or a title (``Mevr. A. de Vries``), or
        several of these; each reading kept to be said."""
        held_by = self.held_by or {}
        name, forms = sup, []
        bracketed = _NAME_AND_BRACKETS.match(name)
        if bracketed:
            name, forms = bracketed["name"], ["brackets"]
        bare = _TITLES.sub("", name)
        titled = ["titles"] if bare != name else []
        tries = [(bare, [])]
        turned = surname_last(bare)
        if turned:
            tries.append((turned, ["surname"]))
        for text, more in tries:
            found = self.holders_untitled().get(fold(text), [])
            if found:
                # (a title on the superior's side, or on the holder's: the
                # name as the holder's cell writes it is not the one read)
                untitled = titled or (["titles"] if not held_by.get(fold(text)) else [])
                for form in dict.fromkeys(forms + more + untitled):
                    self.name_forms[form].append(sup)
                return found
        return []

    def holders_untitled(self) -> dict:
        """The posts of each holder by the name without forms of address or
        titles (``Mevr. A. de Vries`` as ``A. de Vries``), folded; worked out
        at the first superior that needs it, kept for the others."""
        if self.untitled is None:
            self.untitled = self.posts_by(
                lambda row, holder: _TITLES.sub("", self.person_named(holder)))
        return self.untitled

    def by_initials(self, sup: str) -> list:
        """The holders whose name ``sup`` may write with initials (``A. de
        Vries`` for Anna de Vries): said, never read (two people may share
        initials and a surname)."""
        words = sup.split()
        initials = [w for w in words if _INITIALS.match(w)]
        rest = " ".join(w for w in words if not _INITIALS.match(w)).casefold()
        if not initials or not rest:
            return []
        letters = "".join(i.replace(".", "") for i in initials).casefold()
        return sorted({name for head, name in self.holders_by_tail().get(rest, ())
                       if "".join(w[0] for w in head).startswith(letters)})

    def holders_by_tail(self) -> dict:
        """The holders' names by each of their ends (``de vries`` and
        ``vries`` of Anna de Vries, with the words before it): worked out at
        the first superior that needs it, kept for the others (a file of
        thousands of managers written with initials asks once each)."""
        if self.tails is None:
            self.tails = {}
            for name in {self.person_named(h) for group in self.posts.values()
                         for _, _, h in group} - {""}:
                words = name.casefold().split()
                for k in range(1, len(words)):
                    self.tails.setdefault(" ".join(words[k:]), []).append((words[:k], name))
        return self.tails

    def add_line(self, pid, title, sup, is_top, first_row) -> None:
        """The post's REPORTS_TO edge, or why it has none (a top, a reused id)."""
        log = self.log
        if is_top:
            log.tops.append((pid, title))
            return
        if sup == "":
            log.tops.append((pid, title))
            log.decisions.append(Message(
                "post {pid} (row {first_row}) has no superior: read as a top",
                pid=pid, first_row=first_row))
            return
        if self.says_not_known(sup):
            # (not a top, which a post with no superior is, nor a post
            # outside the organisation called "onbekend")
            log.cells.append((self.label, first_row, Message(
                "reports to '{sup}', which says the superior is not known or still to be "
                "decided: the line is left out (give the superior's post id)", sup=sup)))
            return
        if self.words.is_vacant_holder(sup) and self.is_no_key(sup):
            # (an employee whose manager's post is vacant: a vacancy names no
            # one, and several posts may be vacant)
            log.cells.append((self.label, first_row, Message(
                "reports to '{sup}': a vacancy names nobody, so which vacant post is meant the "
                "file does not say, and the line is left out (give the superior's post id, "
                "or the name of who stands in)", sup=sup)))
            return
        if self.says_none(sup):
            log.tops.append((pid, title))
            log.decisions.append(Message(
                "post {pid} (row {first_row}) reports to '{sup}', which says none: read as a top",
                pid=pid, first_row=first_row, sup=sup))
            return
        target = self.superior_by_name(pid, sup, first_row) if self.held_by is not None \
            else self.superior_by_id(pid, sup, first_row)
        if target is None:
            return
        if target == pid:
            log.tops.append((pid, title))
            log.decisions.append(Message(
                "post {pid} (row {first_row}) reports to itself: read as a top",
                pid=pid, first_row=first_row))
            return
        self.edges.append({"from": pid, "to": target, "kind": "REPORTS_TO",
                           "source": self.cite(first_row), "evidence": "stated"})
        self.line_sup[pid] = target
        self.line_rows[pid] = first_row

    def add_second_lines(self) -> None:
        """Each post's second superior (``--second-line``: a functional or
        matrix line) as a REPORTS_TO edge of its own, to a post of the
        file; a cell that names none (or several, or the post itself) is
        listed under "Cells not used", one that names the post's own line
        is that line. A circle it closes is refused, as the line's is."""
        if not self.c_second:
            return
        shown, log = self.shown(self.c_second), self.log
        # (what a post may be written as instead: worked out once, when needed)
        known = functools.cache(self.known_keys)
        second: dict = {}
        same = []
        for pid, group in self.posts.items():
            rowno = group[0][0]
            cells = sorted({_cell(row, self.c_second) for _, row, _ in group} - {""})
            if not cells or (len(cells) == 1 and self.says_none(cells[0])):
                continue
            target, why, hint = (None, Message(
                "differs between the post's rows ({v}): which is meant the file does not say",
                v=", ".join(f"'{c}'" for c in cells)), "") \
                if len(cells) > 1 else self.second_superior(pid, cells[0], known)
            if target is None:
                log.cells.append((self.label, rowno, Message(
                    "the second superior '{sup}' {why}: the second line is left out",
                    sup=" / ".join(cells), why=why) + hint))
            elif target == self.line_sup.get(pid):
                same.append(pid)
            else:
                second[pid] = target
                self.edges.append({"from": pid, "to": target, "kind": "REPORTS_TO",
                                   "source": self.cite(rowno), "evidence": "stated",
                                   "note": self.in_own_words(Message(
                                       "a second line (column '{c}')", c=shown))})
                self.line_rows.setdefault(pid, rowno)
        self.refuse_second_circle(second, shown)
        log.decisions.append(Message(
            "'{c}' read as a second line (a functional or matrix line): {n} with two superiors, "
            "whose routes take both", c=shown,
            n=count(len(second), N_("{n} post"), N_("{n} posts")))
            + (count(len(same), N_("; {n} post names its own line's superior there (one line)"),
                     N_("; {n} posts name their own line's superior there (one line)"))
               if same else ""))

    def second_superior(self, pid, sup: str, known) -> tuple:
        """``(post, None, "")`` that the second superior ``sup`` names, read
        as the line's superior cells are (by id, or by ``--reports-to-by``),
        but only a post of the file; else ``(None, why, hint)`` (``known``:
        what a post may be written as, see :meth:`known_keys`)."""
        if self.words.is_vacant_holder(sup) and self.is_no_key(sup):
            # (a functional manager's post that is vacant: which, the cell
            # does not say)
            return None, Message("is a vacancy, which names nobody: which vacant post is meant "
                                 "the file does not say"), ""
        if self.held_by is not None:
            found = self.held_by.get(fold(sup), [])
            if not found and self.key_name == "holder":
                found = self.name_written_otherwise(sup)
        else:
            otherwise = self.post_written_otherwise(sup)
            sup = otherwise[0] if otherwise else sup
            found = [self.by_raw.get(sup, sup)] if sup in self.posts or sup in self.by_raw \
                else []
            if not found and sup in self.rows:
                return None, Message("is an id used for several different posts"), ""
        if len(found) > 1:
            return None, Message("names posts {posts}: which is meant the file does not say",
                                 posts=some_posts(found)), ""
        if found and found[0] == pid:
            return None, Message("is the post itself"), ""
        if found:
            return found[0], None, ""
        titled = known().get(("title", sup.casefold()))
        return None, Message("is no post of the file"), Message(
            "; it is the job title of {posts}: give the post's id",
            posts=Listing(", ", [Message("post {pid} (row {row})", pid=p, row=r)
                                 for p, r in titled[:3]])) if titled else \
            self.named_not_id(sup, known(), numbers_only=True)

    def refuse_second_circle(self, second: dict, shown: str) -> None:
        """Refuse second lines that close a circle with the line (a post
        over its own superior): the routes would go round it."""
        import networkx as nx
        graph = nx.DiGraph(list(self.line_sup.items()) + list(second.items()))
        try:
            circle = [u for u, _ in nx.find_cycle(graph)]
        except nx.NetworkXNoCycle:
            return
        rows = self.line_rows
        raise ValidationError([Problem(self.label, rows.get(circle[0]), Message(
            "the reporting lines, with the second line read from '{c}', run in a circle: "
            "{circle} (rows {rows})", c=shown, circle=" → ".join(circle + [circle[0]]),
            rows=", ".join(str(rows[i]) for i in circle if i in rows)))], where=str(self.path))

    def says_none(self, sup: str) -> bool:
        """Whether the superior cell ``sup`` writes a word for none
        (``n.v.t.``, ``-``) that is no post's id nor, read by name, a key of
        the file's."""
        return sup.casefold().rstrip(".").strip() in NO_SUPERIOR and self.is_no_key(sup)

    def says_not_known(self, sup: str) -> bool:
        """The same, of a word for a superior not known or still to be
        decided (``onbekend``, ``n.t.b.``: see :data:`NOT_KNOWN`)."""
        return sup.casefold().rstrip(".").strip() in NOT_KNOWN and self.is_no_key(sup)

    def is_no_key(self, sup: str) -> bool:
        """Whether the superior cell ``sup`` is no post's id nor, read by
        name, a key of the file's (a word such as ``n.v.t.`` or ``Vacature``
        is read as what it says unless the file uses it as one)."""
        if self.held_by is not None:
            return fold(sup) not in self.held_by
        return sup not in self.posts and sup not in self.by_raw and sup not in self.rows

    def superior_by_id(self, pid, sup, first_row) -> str | None:
        """The post (or outside role) of the superior id ``sup``, or None,
        said, when there is none to draw the line to."""
        log = self.log
        otherwise = self.post_written_otherwise(sup)
        if otherwise:
            post, how = otherwise
            if how == "capitals":
                # the same id in other capitals ("ps001" for "PS001"): read as that post
                log.decisions.append(Message(
                    "post {pid} (row {first_row}) reports to '{sup}', read as post {v}",
                    pid=pid, first_row=first_row, sup=sup, v=post))
            else:
                {"decimals": self.decimal_ids, "title": self.with_title,
                 "holder": self.with_holder}[how].append(sup)
            sup = post
        if sup in self.posts or sup in self.by_raw:
            target = self.by_raw.get(sup, sup)
        elif sup in self.rows:        # a reused id: which of its posts is meant is not said
            # (the row is kept: its superior cell is what is not used)
            log.cells.append((self.label, first_row, Message(
                "reports to '{sup}', an id used for several different posts: the line is left out",
                sup=sup)))
            return None
        elif self.rule != "error" and (several := self.several_posts(sup)):
            # (not a role outside the organisation called "F1, F2")
            log.cells.append((self.label, first_row, Message(
                "reports to '{sup}', {several}: the line is left out", sup=sup,
                several=several)))
            return None
        else:
            target = self.external_superior(pid, sup, first_row)
        return target

    def post_written_otherwise(self, sup: str) -> tuple[str, str] | None:
        """``(post id, how)`` of the post a superior cell ``sup`` names
        otherwise than by an id of the file: in other capitals
        (``capitals``), as a whole number with decimals (``decimals``), or
        as its id with its title or holder beside it (``title``,
        ``holder``); None when ``sup`` is an id of the file, or none of
        these."""
        if sup in self.posts or sup in self.by_raw or sup in self.rows:
            return None
        if sup.casefold() in self.folded:
            return self.folded[sup.casefold()], "capitals"
        for read, how in ((self.written_as_number, "decimals"), (self.post_with_title, "title"),
                          (self.post_with_holder, "holder")):
            post = read(sup)
            if post is not None:
                return post, how
        return None

    def written_as_number(self, sup: str) -> str | None:
        """The post id ``sup`` writes as a whole number with decimal zeros
        (``1001.0`` for the post ``1001``: an id a spreadsheet took for a
        number, written back), or None: ``sup`` is an id itself, or no post
        has that number."""
        whole = _WHOLE_WITH_DECIMALS.fullmatch(sup)
        if not whole or sup in self.by_raw or sup in self.posts or sup in self.rows:
            return None
        return whole[1] if whole[1] in self.by_raw else None

    def post_with_title(self, sup: str) -> str | None:
        """The post a superior cell names by its id and its job title together
        (``F001 - Gemeentesecretaris``, ``F001 Gemeentesecretaris``,
        ``Gemeentesecretaris (F001)``), as some HR exports write the manager's
        post; None unless the id is a post's and the rest is that post's
        title (case, spaces and punctuation aside): nothing else is guessed."""
        if not self.c_title:
            return None
        for pid, title in id_and_rest(sup):
            group = self.posts.get(self.by_raw.get(pid, pid))
            if group and fold(title) and fold(title) == fold(_cell(group[0][1], self.c_title)):
                return pid
        return None

    def post_with_holder(self, sup: str) -> str | None:
        """The post a superior cell names by its id and its holder's name
        together (``1001 - A. de Vries``, as an export keyed by personnel
        number writes the manager), or None unless the id is a post's and
        the rest is the name of a holder of it, as the holder's cell writes
        it (case, spaces and punctuation aside)."""
        for pid, name in id_and_rest(sup):
            group = self.posts.get(self.by_raw.get(pid, pid))
            if group and fold(name) and any(fold(name) == fold(h) for _, _, h in group if h):
                return pid
        return None

    def external_superior(self, pid, sup, first_row) -> str | None:
        """A superior not in the file: an error (kept, to be said with the
        others: None), or a role outside the organisation."""
        if self.rule == "error":
            self.unknown.append((first_row, pid, sup))
            return None
        target = "ext:" + sup
        if target not in self.external:
            self.external[target] = []
            self.nodes.append({"id": target, "kind": "Post",
                               "name": self.in_own_words(Message("Post {sup} (not in this file)",
                                                                 sup=sup)),
                               "sphere": "official", "external": "true",
                               "source": self.cite(first_row), "evidence": "inferred",
                               "note": self.in_own_words(Message(
                                   "named as a superior but not a post of the file: a role "
                                   "outside the organisation"))})
        self.external[target].append(first_row)
        return target

    def known_keys(self, only: set | None = None) -> dict:
        """What a superior cell may name instead of a post's id, to each post
        it names: ``{(what, value folded): [(post id, its first row)]}``, of
        its job title, its holders, its id without leading zeros or
        thousands separator, and the columns nothing reads; with ``only``,
        of those values alone (a few superiors among 100,000 posts)."""
        known: dict = {}        # (what, folded name) -> [(post id, row)]
        for pid, group in self.posts.items():
            rowno, row, _ = group[0]
            keys: set[tuple] = {("title", _cell(row, self.c_title).casefold())}
            keys |= {("holder", h.casefold()) for _, _, h in group}
            if pid.isdigit():
                keys.add(("zeros", pid.lstrip("0")))
            elif _GROUPED.fullmatch(pid):
                keys.add(("grouped", _digits(pid)))
            # (a column nothing reads may be the key the superior column gives:
            # a personeelsnummer)
            keys |= {(("column", c), _cell(r, c).casefold()) for c in self.log.unread_columns
                     for _, r, _ in group if _cell(r, c)}
            for key in keys:
                if only is None or key[1] in only:
                    known.setdefault(key, []).append((pid, rowno))
        # (once per column, not per superior: a file of 100,000 rows whose
        # superiors are all unknown asked it 100,000 times)
        known.update({("key per row", c): [] for c in self.log.unread_columns
                      if self.key_per_row(c)})
        return known

    def unknown_superiors(self) -> list:
        """A problem for each superior not in the file, saying what it is when
        it is the job title or the holder of a post, or a post's id without
        its leading zeros (a hand-kept sheet names the manager)."""
        known = self.known_keys()
        problems = []
        for rowno, pid, sup in self.unknown:
            if self.key_name is not None:       # (read by name: the name is on no post)
                like = self.by_initials(sup) if self.key_name == "holder" else []
                problems.append(Problem(self.label, rowno, Message(
                    "post {pid} reports to '{sup}', which is the {key} of no post in the file (use "
                    "--unknown-superior external to read it as a role outside the organisation)",
                    pid=pid, sup=sup, key=self.key_name) + (Message(
                        "; it may write {names} with initials, which the import does not read "
                        "as a name (two people may share them): write the name as the holder's "
                        "cell does", names=Listing(", ", [f"'{n}'" for n in like]))
                                                             if like else "")))
                continue
            several = self.several_posts(sup)
            if several:
                problems.append(Problem(self.label, rowno, Message(
                    "post {pid} reports to '{sup}', {several}", pid=pid, sup=sup,
                    several=several)))
                continue
            why = self.named_not_id(sup, known, self.log.unread_columns, self.c_title) or \
                self.starts_with_post(sup)
            # (the real cause first: a cell that names a post otherwise is
            # no role outside the organisation, which is offered only where
            # nothing in the file explains it)
            problems.append(Problem(self.label, rowno, Message(
                "post {pid} reports to '{sup}', which is not a post in the file", pid=pid,
                sup=sup) + why if why else Message(
                "post {pid} reports to '{sup}', which is not a post in the file (use "
                "--unknown-superior external to read it as a role outside the organisation)",
                pid=pid, sup=sup)))
        return problems

    def several_posts(self, sup: str) -> Message | str:
        """Why a superior cell that names several posts (``F1, F2``,
        ``F1 / F2``) was not read: a post has one superior in this column,
        and which of them is the line the cell does not say."""
        parts = [p for p in re.split(r"\s*(?:[,;/&+]|\s(?:en|and)\s)\s*", sup) if p]
        found = [self.by_raw.get(p, p) for p in parts]
        if len(parts) < 2 or not all(p in self.posts for p in found):
            return ""
        return Message("which names {n} posts ({posts}): a post has one superior in this "
                       "column, and which of them is its line the cell does not say; give one, "
                       "and the other as a line of its own in the folder's edges.csv after the "
                       "import", n=len(parts), posts=", ".join(found))

    def starts_with_post(self, sup: str) -> Message | str:
        """Why a superior written as an id and a title was not read as that
        post: the title is not the post's (see :meth:`post_with_title`)."""
        m = _ID_TITLE_SEPARATOR.search(sup)
        pid = sup[:m.start()] if m and m.start() else None
        group = self.posts.get(self.by_raw.get(pid, pid)) if pid and self.c_title else None
        if not group:
            return ""
        held = next((h for _, _, h in group if h), None)
        if held:
            return Message("; it starts with post {pid} (row {row}), whose job title is "
                           "'{title}' and holder '{holder}', not the rest of it", pid=pid,
                           row=group[0][0], title=_cell(group[0][1], self.c_title), holder=held)
        return Message("; it starts with post {pid} (row {row}), whose job title is '{title}', "
                       "not the rest of it", pid=pid, row=group[0][0],
                       title=_cell(group[0][1], self.c_title))

    def named_not_id(self, sup, known: dict, columns=(), title_column=None,
                     numbers_only: bool = False) -> Message | str:
        """Why a superior may not be found (``known``: see
        :meth:`known_keys`; ``columns``: those nothing reads); with
        ``numbers_only``, only an id written as another number (a junior-staff
        file has no --reports-to-by to offer)."""
        for column in columns:
            found = known.get((("column", column), sup.casefold()))
            if found:
                which = [Message("post {pid} (row {row})", pid=p, row=r) for p, r in found[:3]]
                option = _quoted_option(self.shown(column))
                return Message("; '{sup}' is the '{column}' of {posts}: --reports-to-by {option} "
                               "reads the superior column through it", sup=sup,
                               column=self.shown(column), option=option,
                               posts=Listing(", ", which)) + (Message(
                    "; or, as '{column}' is one per row and the post id '{id}' is not (a code "
                    "posts share?), --id {option} reads each row as a post by it",
                    column=self.shown(column), option=option, id=self.shown(str(self.c_id)))
                    if ("key per row", column) in known else "")
        zeros = [(p, r) for p, r in known.get(("zeros", sup.lstrip("0")), []) if p != sup] \
            if sup.isdigit() else []
        # (a superior written with a thousands separator where the post's id
        # has none, or the other way round)
        grouped = known.get(("grouped", sup.lstrip("0"))) if sup.isdigit() else \
            known.get(("zeros", _digits(sup))) if _GROUPED.fullmatch(sup) else None
        for found, text in (
                (None if numbers_only else known.get(("title", sup.casefold())),
                 N_("; '{sup}' is the job title of {posts}: this column names the superiors' "
                    "job titles, which --reports-to-by {column} reads (a title on several posts "
                    "is read as the one in the post's unit, or the nearest around it; where no "
                    "unit tells them apart, its lines are left out)")),
                (None if numbers_only else known.get(("holder", sup.casefold())),
                 N_("; '{sup}' holds {posts}: this column names the people holding the "
                    "superiors' posts, which --reports-to-by holder reads")),
                (zeros, N_("; '{sup}' differs only in leading zeros from {posts}: a number "
                           "cell drops them (Excel does); give the ids as text in both "
                           "columns")),
                (grouped, N_("; '{sup}' differs only in a thousands separator from {posts}: a "
                             "number cell formatted with one writes it (Excel does); give the "
                             "ids as text in both columns"))):
            if found:
                which = [Message("post {pid} (row {row})", pid=p, row=r) for p, r in found[:3]]
                return Message(text, sup=sup, posts=Listing(", ", which),
                               column=_quoted_option(self.shown(title_column or "")))
        return ""

    def say_external_otherwise(self) -> None:
        """Say of each superior read as a role outside the organisation what
        it may be instead (a post's job title or holder, its id with other
        leading zeros), as a refusal would say it: read so, the line ends
        there, and only the log says why it may not."""
        sups = [target[4:] for target in self.external]
        known, said = self.known_keys({v for sup in sups for v in (
            sup.casefold(), sup.lstrip("0"), _digits(sup))}), []
        for target, rows in self.external.items():
            sup = target[4:]
            why = self.named_not_id(sup, known, self.log.unread_columns, self.c_title) \
                or self.starts_with_post(sup)
            if why:
                said.append(Message("'{sup}' (row {row}) is read as a role outside the "
                                    "organisation", sup=sup, row=rows[0]) + why)
        self.log.decisions += said[:_SAID_EXTERNAL]
        if len(said) > _SAID_EXTERNAL:
            self.log.decisions.append(Message(
                "... and {n} more superiors read as roles outside the organisation that may be "
                "posts of the file", n=len(said) - _SAID_EXTERNAL))

    def read_whole_number_ids(self) -> None:
        """A post id column whose every id is a whole number written with
        decimal zeros (``405.0``: a spreadsheet or a script took the ids for
        numbers and wrote them back so) read as the whole numbers the
        publisher gave (``405``), the superiors' cells that write them so
        too, said in the log: a junior-staff file, a later file or a user
        names the post ``405``. A column with any other id (``1.1``, ``F1``)
        is read as it is (the superior side still finds ``405`` written
        ``405.0``, see :meth:`written_as_number`)."""
        if not self.c_id:
            return
        column = self.df[self.c_id].astype(str).str.strip()
        if column.empty:
            return
        ids = column[(column != "") & ~column.map(says_no_key).astype(bool)]
        # (one or two zeros, as a script or a spreadsheet writes a number
        # back: "1.000" may be a thousand written the Dutch way)
        wholes = ids.str.fullmatch(_ONE_OR_TWO_ZEROS)
        if ids.empty or not wholes.all():
            return
        whole = ids.str.extract(_ONE_OR_TWO_ZEROS, expand=False)
        # (1.0 and 1.00 would be one post: not read so)
        if (pd.DataFrame({"raw": ids, "whole": whole}).drop_duplicates()
                .groupby("whole")["raw"].nunique() > 1).any():
            return
        rewrite = [self.c_id] + [c for c in (self.c_sup, self.c_second) if c and self.sup_by_id]
        for c in rewrite:
            self.df[c] = self.df[c].astype(str).str.replace(
                rf"^\s*{_ONE_OR_TWO_ZEROS}\s*$", r"\1", regex=True)
        self.log.decisions.append(Message(
            "post ids written as whole numbers with decimals ('{v}'), as a spreadsheet writes a "
            "number: read as the whole numbers ('{w}'), in '{c}' and in the superiors' cells "
            "that write them so ({n})", v=ids.iloc[0], w=whole.iloc[0], c=self.shown(self.c_id),
            n=count(ids.nunique(), N_("{n} id"), N_("{n} ids"))))

    def key_per_row(self, column) -> bool:
        """Whether ``column`` gives every row a value of its own while the
        post id column repeats one (a job code several posts share)."""
        if not self.c_id or column not in self.df.columns:
            return False
        keys = [str(v).strip() for v in self.df[column]]
        ids = [str(v).strip() for v in self.df[self.c_id]]
        return all(keys) and len(set(keys)) == len(keys) and len(set(ids)) < len(ids)

    def check_line(self) -> None:
        if self.unknown:
            raise ValidationError(self.unknown_superiors(), where=str(self.path))
        self.log.external = [(sup[4:], r) for sup, r in self.external.items()]
        if self.external and self.key_name is None:
            self.say_external_otherwise()
        ids = _first_circle(self.line_sup)
        if ids:
            rows = self.line_rows
            raise ValidationError([Problem(self.label, rows.get(ids[0]), Message(
                "the reporting lines run in a circle: {circle} (rows {rows})",
                circle=" → ".join(ids + [ids[0]]), rows=", ".join(str(rows[i]) for i in ids)))],
                where=str(self.path))


def id_and_rest(cell: str) -> list[tuple[str, str]]:
    """The ways a superior cell may write an id and more (a title, a name):
    ``F001 - Gemeentesecretaris``, ``F001 Gemeentesecretaris``,
    ``Gemeentesecretaris (F001)``.

    >>> id_and_rest("F001 - Gemeentesecretaris")
    [('F001', 'Gemeentesecretaris')]
    """
    inner = re.fullmatch(r"(.+?)\s*[(\[]\s*([^()\[\]]+?)\s*[)\]]", cell)
    splits = [(inner.group(2), inner.group(1))] if inner else []
    return splits + [(cell[:m.start()], cell[m.end():])
                     for m in _ID_TITLE_SEPARATOR.finditer(cell) if 0 < m.start()]


#: How many superiors read as roles outside the organisation the log says
#: may be posts of the file (each with why); past it, a count.
_SAID_EXTERNAL = 10

#: A whole number written with a thousands separator (``1.001``, ``12 345``).
_GROUPED = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+")


def _digits(text: str) -> str:
    """The digits of a number, without leading zeros (``1.001`` → ``1001``).

    >>> _digits("1.001"), _digits("012 345")
    ('1001', '12345')
    """
    return re.sub(r"\D", "", text).lstrip("0")
