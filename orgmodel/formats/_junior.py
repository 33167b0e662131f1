"""The junior staff of a posts file: a UK organogram's junior-staff file,
its staff counted per grade under the senior posts they report to (a
``Staff`` node a group, never a post), its senior posts found as the posts
import found them, and its rows under a post gone named (a stage of
:class:`orgmodel.formats.posts._Import`)."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from ..i18n import N_, Message, count
from ..notation import number_text
from ._columns import ColumnReading, column_of, header_columns
from ._fte import not_a_fte, read_fte
from ._import_state import cell as _cell
from ._import_state import first_and_count
from ._line import LineReading, says_no_key
from ._sheets import (
    no_controls,
    one_line,
    read_sheet,
    refuse_mangled_ids,
    refuse_spreadsheet_errors,
    sheets_with,
)
from ._tables import cited_file, slug

__all__ = ["JuniorReading"]


class JuniorReading(ColumnReading, LineReading):
    """Reading the junior staff (see the module): the table as the posts'
    (:class:`._columns.ColumnReading`), its senior posts as the line's
    (:class:`._line.LineReading`)."""

    def junior_beside(self) -> str | None:
        """The sheet of the posts workbook that holds its junior staff, by its
        columns (the published template keeps them on a sheet of their own),
        said; None when there is none, or several (said: which one is meant
        the workbook does not say)."""
        found = [s for s in sheets_with(self.path, self.label,
                                        header_columns(self.jcols, "reports_to"))
                 if s != self.df.attrs.get("sheet")]
        if len(found) > 1:
            self.log.decisions.append(Message(
                "the workbook has junior staff on {n} sheets ({sheets}), not read: give the "
                "workbook with --junior and the sheet with --junior-sheet", n=len(found),
                sheets=", ".join(f"'{s}'" for s in found)))
            return None
        if found:
            self.log.decisions.append(Message(
                "the workbook's sheet '{sheet}' holds junior staff (its columns say so): read "
                "as the junior-staff file, as --junior would", sheet=found[0]))
            self.log.files.append(f"{self.path.name} ({found[0]})")
        return found[0] if found else None

    def add_junior_staff(self, jpath: Path, junior_sheet) -> None:
        """Each group of the junior-staff file (its senior post, grade, job
        title and unit) as a ``Staff`` node under its senior post, in its
        unit, with its FTE and the rows it sums."""
        jlabel = jpath.name
        self.sources["junior"] = cited_file(jlabel)
        groups = self.staff_groups(jpath, jlabel, junior_sheet)
        for (post, grade, title, unit), g in groups.items():
            sid = "staff:" + "/".join(slug(x) for x in (post, grade, title, unit) if x)
            where = self.cite(g["rows"], "junior")
            self.nodes.append({"id": sid, "kind": "Staff",
                               "name": title or grade or self.in_own_words(Message("staff")),
                               "grade": grade, "fte": number_text(round(g['fte'], 6)),
                               "count": "", "source": where,
                               "evidence": "stated",
                               "note": self.in_own_words(Message(
                                   N_("{n} junior row, {fte} FTE; the file gives FTE, not the "
                                      "number of people: not recorded") if len(g["rows"]) == 1
                                   else N_("{n} junior rows, {fte} FTE; the file gives FTE, not "
                                           "the number of people: not recorded"),
                                   **self.figures(n=len(g["rows"]), fte=g["fte"])))})
            self.edges.append({"from": sid, "to": post, "kind": "STAFF_OF",
                               "source": self.cite(g["rows"][0], "junior"), "evidence": "stated"})
            u = self.unit_of(unit, g["rows"][0], "junior")
            if u:
                self.edges.append({"from": sid, "to": u, "kind": "MEMBER_OF",
                                   "source": self.cite(g["rows"][0], "junior"), "evidence": "stated"})
        self.log.staff_groups = len(groups)
        self.log.decisions.append(Message(
            "junior staff are counted in the formation and in span by FTE, never as posts or "
            "layers; the file gives no number of people, so their headcount is not recorded"))

    def staff_groups(self, jpath: Path, jlabel: Any, junior_sheet) -> dict:
        """The junior rows per (senior post, grade, title, unit), a row that
        cannot be placed said."""
        jcols, log = self.jcols, self.log
        jdf = read_sheet(jpath, jlabel, junior_sheet, header_columns(jcols, "reports_to"))
        if len(jdf.attrs.get("sheets", ())) > 1:
            # (a row of the log is a row of that sheet, as the posts' are)
            jlabel = Message("{label}, sheet {title}", label=jpath.name, title=jdf.attrs["sheet"])
        self.say_unnamed(jdf, jlabel)
        self.say_above_header(jdf, jlabel)
        self.say_laid_out(jdf, jlabel)
        j_sup = column_of(jdf, jcols.reports_to, jlabel, N_("senior post"), True)
        j_fte = column_of(jdf, jcols.fte, jlabel, N_("FTE"), True)
        j_title = column_of(jdf, jcols.title, jlabel, N_("job title"), False)
        j_grade = column_of(jdf, jcols.grade, jlabel, N_("grade"), False)
        j_unit = column_of(jdf, jcols.unit, jlabel, N_("unit"), False)
        self.check_junior_cells(jdf, [j_sup, j_fte, j_title, j_grade, j_unit], jlabel, jpath)
        groups: dict = {}
        moved: dict = {}        # eliminated post -> [its superior, rows, FTE]
        decimals: list = []     # senior posts written as "1001.0"
        capitals: list = []     # senior posts written in other capitals ("rdd-009")
        named = elsewhere = 0   # rows that give a senior post; of them, not the posts file's
        # (what a senior post may be written as instead: worked out once, when needed)
        known = functools.cache(self.known_keys)
        for rowno, row in zip(jdf.index.tolist(), jdf.to_dict("records")):
            log.staff_rows += 1
            sup = _cell(row, j_sup)
            named += bool(sup)
            f = read_fte(_cell(row, j_fte), self.locale)
            if sup not in self.by_raw and sup not in self.rows and sup not in self.eliminated:
                same = self.in_other_capitals(sup)
                if same:
                    capitals.append((sup, same))
                    sup = same
            whole = self.written_as_number(sup)
            if whole:
                decimals.append(sup)
                sup = whole
            if sup not in self.by_raw and sup in self.eliminated:
                sup = self.above_eliminated(sup, f, moved)
            if sup not in self.by_raw:
                why = self.why_no_senior(sup, known)
                log.skipped.append((jlabel, rowno, why))
                log.left_out_fte += f if isinstance(f, float) else 0.0
                elsewhere += sup not in self.rows and sup not in self.eliminated and \
                    bool(sup) and not says_no_key(sup) and sup not in self.preset.not_in_post
                continue
            if not isinstance(f, float):
                log.skipped.append((jlabel, rowno, Message("FTE '{v}' {why}", v=_cell(row, j_fte),
                                                           why=not_a_fte(f, _cell(row, j_fte)))
                                    if _cell(row, j_fte) else N_("no FTE given")))
                continue
            grade, title, unit = _cell(row, j_grade), _cell(row, j_title), _cell(row, j_unit)
            key = (self.by_raw[sup], grade, title, unit)
            g = groups.setdefault(key, {"rows": [], "fte": 0.0})
            g["rows"].append(rowno)
            g["fte"] += f
            log.staff_fte += f
        for gone, (to, rows, fte) in moved.items():
            log.decisions.append(
                Message(
                    "the junior staff of post {gone}, which is marked eliminated ({rows}, "
                    "{fte} FTE), are counted under ",
                    gone=gone, rows=count(rows, N_("{n} row"), N_("{n} rows")), fte=fte)
                + (Message("its superior {to}", to=to) if to in self.by_raw else
                   # (a Message: a plain text here was never translated)
                   Message("no post: no post above it is in the file, so they are left out "
                           "(listed)")))
        if elsewhere and elsewhere == named:
            self.refuse_other_junior_file(jdf, jlabel, jpath, elsewhere)
        if capitals:
            self.log.decisions.append(Message(
                "junior staff's senior posts written in other capitals ('{v}' for {post}): "
                "read as that post ({rows})", v=capitals[0][0], post=capitals[0][1],
                rows=count(len(capitals), N_("{n} row"), N_("{n} rows"))))
        if decimals:
            self.log.decisions.append(first_and_count(N_(
                "junior staff's senior posts written as a whole number with decimals ('{v}'): "
                "read as the post of that number ({rows})"), decimals, "rows"))
        return groups

    def check_junior_cells(self, jdf, read: list, jlabel: Any, jpath: Path) -> None:
        """The junior file's cells in the columns ``read`` (its senior post's
        first): a spreadsheet's error or a senior post a spreadsheet mangled
        refused; control characters taken out and cells on several lines
        read as one, said; formulas without a value elsewhere said."""
        log = self.log
        unsaved = refuse_spreadsheet_errors(jdf, read, jlabel, jpath)
        refuse_mangled_ids(jdf, {read[0]: N_("senior post")}, jlabel, jpath)
        for said in (unsaved, no_controls(jdf, read, jlabel), one_line(jdf, read, jlabel)):
            if said:
                log.decisions.append(said)

    def why_no_senior(self, sup: str, known) -> Any:
        """Why a junior row's senior post ``sup`` is no post to count it
        under, for the log (``known``: what a post may be written as)."""
        if sup in self.rows:
            return N_("its senior post is an id used for several posts")
        if not sup:
            return N_("no senior post given")
        if sup in self.eliminated:
            return Message("its senior post '{sup}' is marked eliminated and no post above it "
                           "is in the posts file", sup=sup)
        if sup in self.preset.not_in_post:
            return Message("its senior post '{sup}' is the posts file's mark of a person not "
                           "in a post: no post to count it under", sup=sup)
        if says_no_key(sup):
            return Message("no senior post given ('{sup}' says there is none)", sup=sup)
        return Message("its senior post '{sup}' is not in the posts file", sup=sup) + \
            self.named_not_id(sup, known(), numbers_only=True)

    def refuse_other_junior_file(self, jdf, jlabel, jpath: Path, n: int) -> None:
        """Refuse a junior-staff file none of whose senior posts is in the
        posts file: another department's, or another date's (each of its
        rows was listed as left out, and the import went on with no junior
        staff at all)."""
        from ..errors import Problem, ValidationError
        column = column_of(jdf, self.jcols.organisation, jlabel, N_("organisation"), False)
        theirs = next((str(v).strip() for v in jdf[column] if str(v).strip()), "") \
            if column else ""
        raise ValidationError([Problem(jlabel, None, Message(
            "none of its {n} rows names a senior post of {posts}: is it the junior-staff file "
            "of another organisation or date?", n=n, posts=self.path.name) + (Message(
                " (it names '{theirs}'; the posts file, '{ours}')", theirs=theirs,
                ours=self.org_name) if theirs and theirs != self.org_name else ""))],
            where=str(jpath))

    def in_other_capitals(self, sup: str) -> str | None:
        """The one post, or eliminated post, whose id is ``sup`` in other
        capitals ("rdd-009" for "RDD-009"), else None."""
        if sup.casefold() in self.folded:
            return self.folded[sup.casefold()]
        gone = [e for e in self.eliminated if e.casefold() == sup.casefold()]
        return gone[0] if len(gone) == 1 else None

    def above_eliminated(self, post: str, fte, moved: dict) -> str:
        """The first post above an eliminated ``post`` that is not eliminated
        (its junior staff are counted there), or the eliminated one when
        there is none; what moved is added up in ``moved``."""
        up, seen = self.eliminated[post], {post}
        while up in self.eliminated and up not in seen:
            seen.add(up)
            up = self.eliminated[up]
        to = self.by_raw.get(up, post)
        m = moved.setdefault(post, [up if up in self.by_raw else None, 0, 0.0])
        m[1] += 1
        m[2] += fte if isinstance(fte, float) else 0.0
        return to
