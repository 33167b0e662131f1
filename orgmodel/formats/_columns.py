"""The table of a posts file and its columns: the sheet and header row
read, which column gives what (by the user's options, the preset's names,
or a column of numbers giving way to the names beside it), the units'
levels, paths and headings, an FTE in hours or percentages, and the layout
and checks of the sheet said (a stage of
:class:`orgmodel.formats.posts._Import`)."""
from __future__ import annotations

import difflib
import re

from ..errors import Problem, ValidationError
from ..i18n import N_, Listing, Message, count
from ..read import HEADER_WITHIN, _header_name
from ._fte import MAX_FTE_OF_ONE, cell_number, says_hours, says_percent
from ._holders import names_by_comma
from ._import_state import ImportState
from ._presets import PRESET_WHAT, PRESETS, Columns
from ._sheets import (
    empty_where_none,
    fold,
    laid_out,
    no_controls,
    one_line,
    read_ditto,
    read_sheet,
    refuse_lines,
    refuse_mangled_ids,
    refuse_spreadsheet_errors,
    row_spans,
    two_header_rows_said,
    unnamed_said,
)

__all__ = ["ColumnReading", "HEADING", "column_of", "header_columns"]

#: A yes or a no as a column of marks writes it (no number: an id may be 0 or 1).
_YES_NO = frozenset(("ja", "nee", "j", "n", "yes", "no", "y", "true", "false", "waar",
                     "onwaar", "x"))


#: The key a row's heading (see ``unit_headings``) is kept under beside its
#: cells: no column of a file has this name.
HEADING = "\x00heading"


#: The names of a unit's levels (folded, see :func:`fold`): a column so
#: named beside the unit column read is said, with how to read both.
UNIT_LEVELS = frozenset({"sector", "directie", "cluster", "domein", "afdeling", "team",
                         "bureau", "unit", "division", "directorate", "department", "branch"})


#: The names of a column of a post's occupancy (folded): its holders' FTE
#: when it holds numbers, the person when it holds names.
_OCCUPANCY = frozenset({"bezetting", "bezet", "bezettingfte"})
#: A column of a holder's own hours by its name (folded: ``Bezetting (uren)``).
_OCCUPIED_HOURS = frozenset({"bezettinguren", "bezettinginuren",
                             "bezetteuren", "urenbezetting", "bezettinguur"})


#: A column's name (folded) that says it counts what a row stands for
#: (``Aantal``, ``Aantal formatieplaatsen``, ``Number of posts``,
#: ``Headcount``), and not an FTE, hours or money (``Aantal fte``, ``Aantal
#: uren``: read as those by name, or not numbers of posts).
_COUNTS = re.compile("aantal|number|count|^nr(of)?$|^no(of)?$|^n$|^#$")
_NOT_COUNTS = re.compile("fte|uren|uur|hour|fulltime|bedrag|euro|salar|kosten|cost|budget|"
                         "id$|nummer$|code$")

#: A cell of a number only: a personnel number, an FTE (``0,89``).
_NUMBER = re.compile(r"\d[\d .,\-/]*")
#: A unit's code (``210``, ``OE-210``, ``2.1.3``), not its name.
_CODE = re.compile(r"[A-Za-z]{0,4}[-.]?\d[\d.\-/]*")
#: A column's name (folded) that says it names a unit: a unit's word and a
#: name's (``Omschrijving organisatie-eenheid``, ``Afdelingsnaam``,
#: ``Omschrijving OE``; not ``Naam kostenplaats``).
_NAMES_UNITS = (re.compile("afdeling|eenheid|team|unit|organisatie|^oe|oe$"),
                re.compile("omschrijving|naam|name|description"))
#: A column's name (folded) that says it names a second superior
#: (``Functioneel leidinggevende``, ``Functional manager``, ``Dotted line``).
_SECOND_LINE = (re.compile("leidinggevende|manager|superior|reports ?to|rapporteert|line"),
                re.compile("functioneel|functional|tweede|second|matrix|dotted|inhoudelijk"))

#: A column's name (folded) that says it gives the roles posts play.
_ROLES = re.compile("rol|rollen|role|roles|rollenvandefunctie|rollenfunctie|functierollen")

#: A column's name (folded) that says it names a job (``Functieomschrijving``,
#: ``Omschrijving functie``, ``Job title``; not ``Naam``, a person's).
_NAMES_TITLES = (re.compile("functie|job|title|rol"),
                 re.compile("omschrijving|naam|name|description|title|titel"))


def header_columns(cols: Columns, first: str = "id") -> tuple:
    """The columns that find a file's header row: ``first`` (the post id, or
    a junior file's senior post), then every other it may name."""
    others = [getattr(cols, f) for f in ("id", "reports_to", "title", "holder", "unit", "fte",
                                         "grade", "organisation", "cost_centre", "start",
                                         "end", "hours", "holder_fte")
              if f != first]
    return tuple(c for c in [getattr(cols, first)] + others if c)


def column_of(df, name, label, what, required) -> str | None:
    if name is None:
        return None
    # a preset may name alternatives ("Grade (or equivalent)|Grade"): the first present
    present = {}
    for c in df.columns:
        present.setdefault(fold(c), c)
    for alt in name.split("|"):
        key = _header_name(alt)
        if key in df.columns:
            return key
        if fold(alt) in present:
            return present[fold(alt)]
    # (the file's columns as it writes them: what the user gives again)
    headers = df.attrs.get("headers") or {}
    shown = [headers.get(c, c) for c in df.columns]
    if required and what == "post id":
        # (the header row is the first row that names the post id column:
        # none did, so the columns below are those of the first row)
        raise ValidationError([Problem(label, None, Message(
            "has no column '{v}' for the {what}: none of its first {n} rows names it and "
            "another column orgmodel reads (its first row: {v2}); give the column with --id, "
            "or read a file without post ids (a list of employees with their manager's name) "
            "with --row-ids --reports-to-by holder",
            v=name.split('|')[0], what=Message(what), n=HEADER_WITHIN,
            v2=', '.join(shown)) + columns_offered(shown))], where=label)
    if required:
        raise ValidationError([Problem(label, df.attrs.get("header_row", 1), Message(
            "has no column '{v}' for the {what} (columns: {v2}){hint}",
            v=name.split('|')[0], what=Message(what), v2=', '.join(shown),
            hint=_column_hint(shown, name, what)))], where=label)
    return None


#: Column names that may give a thing, but may as well give another
#: (``Valt onder``: the superior's post, or the unit): never read as it,
#: offered in the refusal as a column that may be meant.
_MAY_BE = {"superior": ("valt onder", "chef", "rapporteert aan", "reports to", "hoofd")}


#: The option that names the column of each thing a posts file gives.
_OPTION_OF = {"post id": "--id", "superior": "--reports-to", "job title": "--title",
              "holder": "--holder", "unit": "--unit", "FTE": "--fte", "grade": "--grade",
              "hours per week": "--hours", "second superior": "--second-line",
              "holder's FTE": "--holder-fte"}


#: What a column's name (folded) says it gives, in the words HR systems
#: name their columns (``Employee ID``, ``Manager ID``, ``Job Title``):
#: offered with the options that read them when a file has no column
#: orgmodel knows, never read without them.
_SAYS = {"post id": re.compile(r"(employee|staff|person|personnel|post|position|job|worker|emp)?"
                               r"(id|no|number|nr|num|ref|reference)"),
         "superior": re.compile(r"(manager|supervisor|superior|reportsto|reportingto|"
                                r"linemanager)(id|no|number|nr|ref|reference|post|position)?"),
         "job title": re.compile(r"(job|position|post)?title|positionname|jobname|jobrole"),
         "holder": re.compile(r"(employee|staff|person|worker)(full)?name|fullname|name"),
         "unit": re.compile(r"(department|dept|unit|team|division|directorate|section|"
                            r"(org|organisation|organization|business)unit)(name)?"),
         "FTE": re.compile(r"fte|fulltimeequivalent"),
         "grade": re.compile(r"grade|band|payband|paygrade|salarygrade")}


#: The name a file read without a preset gives each (folded).
_PLAIN_NAME = {"job title": "title", "holder": "holder", "unit": "unit", "FTE": "fte",
               "grade": "grade"}


def columns_offered(shown: list) -> Message | str:
    """The options that would read a file's columns, by what their names
    say (``--id 'Employee ID' --reports-to 'Manager ID' ...``): offered
    when it has no post id column orgmodel knows, so that one refusal says
    all a first import needs, not one option at a time.  Only where a post
    id and a superior are both found; nothing is read by it.

    >>> said = str(columns_offered(["Employee ID", "Employee Name", "Job Title", "Manager ID",
    ...                             "Department", "FTE"]))
    >>> print(said.replace(" --", "\\n--"))
    ; its columns may be read with
    --id 'Employee ID'
    --reports-to 'Manager ID'
    --title 'Job Title'
    --holder 'Employee Name'
    --unit 'Department' (which column is which, the file's names say, not orgmodel)
    >>> columns_offered(["Naam", "Functie"])
    ''
    """
    taken: set = set()
    found = {}
    for what, says in _SAYS.items():
        hit = next((c for c in shown if c not in taken and says.fullmatch(fold(c))), None)
        if hit is not None:
            taken.add(hit)
            # (a column of the name orgmodel reads it by needs no option)
            if fold(hit) != _PLAIN_NAME.get(what):
                found[what] = hit
    if "post id" not in found or "superior" not in found:
        return ""
    return Message("; its columns may be read with {options} (which column is which, the "
                   "file's names say, not orgmodel)", options=" ".join(
                       f"{_OPTION_OF[w]} '{c}'" for w, c in found.items()))


def _column_hint(shown: list, name: str, what: str):
    """The columns whose name starts with a name the preset reads for
    ``what`` (``Leidinggevende (functienr.)`` for ``leidinggevende``), as
    a hint how to give one: which of them is meant, the file does not say.

    >>> str(_column_hint(["Functie", "Leidinggevende (functienr.)"], "leidinggevende", "superior"))
    ": 'Leidinggevende (functienr.)' may be it; give it with --reports-to 'Leidinggevende (functienr.)'"
    >>> _column_hint(["Functie"], "afdeling", "unit")
    ''
    >>> str(_column_hint(["Functie"], "leidinggevende", "superior"))
    ' (a file without reporting lines, a formatie list by unit, is read with --no-line)'
    >>> str(_column_hint(["Functie", "Valt onder"], "leidinggevende", "superior"))
    ": 'Valt onder' may be it; give it with --reports-to 'Valt onder'"
    >>> str(_column_hint(["Functie", "Leidinggevede"], "leidinggevende", "superior"))
    ": 'Leidinggevede' may be it; give it with --reports-to 'Leidinggevede'"
    >>> str(_column_hint(["Functioneel leidinggevende"], "functienr leidinggevende", "superior"))
    ' (a file without reporting lines, a formatie list by unit, is read with --no-line)'
    """
    alts = [fold(a) for a in name.split("|")] + [fold(a) for a in _MAY_BE.get(what, ())]
    if what == "superior":
        # (a functional manager's column is never offered as the line's)
        shown = [c for c in shown if not all(w.search(fold(c)) for w in _SECOND_LINE)]
    close = [c for c in shown if any(fold(c).startswith(a) for a in alts if a)] or [
        # (a name the preset reads, mistyped: Leidinggevede)
        c for c in shown if difflib.get_close_matches(fold(c), [a for a in alts if a], n=1,
                                                      cutoff=0.85)]
    if not close and what == "superior":
        return Message(" (a file without reporting lines, a formatie list by unit, is read with "
                       "--no-line)")
    if not close or what not in _OPTION_OF:
        return ""
    return Message(": {columns} may be it; give it with {option} '{first}'",
                   columns=", ".join(f"'{c}'" for c in close), option=_OPTION_OF[what],
                   first=close[0])


class ColumnReading(ImportState):
    """Reading the table and its columns (see the module)."""

    def refuse_for_preset(self, sheet, label) -> None:
        """Refuse a file read without a preset (or with another) whose post
        id column is one a preset reads (``Functienummer``: a Dutch HR
        export), naming the preset and the columns it would read, rather
        than asking for ``--id`` alone, where the preset reads the file's
        other columns too (its unit, grade, a name in parts) and its
        notation.  Nothing is chosen for the user."""
        for name, known in PRESETS.items():
            if known is self.preset:
                continue
            try:
                df = read_sheet(self.path, label, sheet, header_columns(known.senior))
            except ValidationError:
                continue
            found = {what: column_of(df, getattr(known.senior, what), label, what, False)
                     for what in ("id", "reports_to", "title")}
            if found["id"] is None or not (found["reports_to"] or found["title"]):
                continue
            shown = df.attrs.get("headers") or {}
            given = next((n for n, p in PRESETS.items() if p is self.preset), None)
            raise ValidationError([Problem(label, df.attrs.get("header_row", 1), Message(
                "has no column 'id' for the post id, and its columns are those of {what}: "
                "'{column}' is its post id there; read it with --preset {preset} (or give "
                "the post id's column with --id)", what=Message(PRESET_WHAT[name]),
                column=shown.get(found["id"], found["id"]), preset=name) if given is None
                else Message(
                "has no column '{v}' for the post id of --preset {given}, and its columns are "
                "those of {what}: '{column}' is its post id there; read it with --preset "
                "{preset}", v=str(self.cols.id).split("|")[0], given=given,
                what=Message(PRESET_WHAT[name]), column=shown.get(found["id"], found["id"]),
                preset=name))], where=label)

    def read_posts(self, sheet, preset: bool) -> None:
        """Read the posts file's table, find the columns of what it gives,
        and say which were read and which not."""
        self.sheet = sheet
        self.read_table(sheet, preset)
        self.find_columns()
        self.say_columns()

    def read_table(self, sheet, preset: bool) -> None:
        """The posts file's table (:attr:`df`), what its layout made of it
        said; a junior-staff file, or a known format without its preset,
        refused."""
        cols, jcols, label = self.cols, self.jcols, self.label
        # (without post ids, the header row is found by the superior column,
        # or by the job title's when there is no line)
        first = "id" if not self.row_ids else "reports_to" if self.line else "title"
        # (a file of a known format read without its preset is refused naming it)
        may_be_known = not preset and first == "id" and "id" not in self.asked
        try:
            self.df = read_sheet(self.path, label, sheet, header_columns(cols, first))
        except ValidationError:
            # (a file whose header row only a preset finds fails to read
            # without it: a title row above it was taken for the header)
            if may_be_known:
                self.refuse_for_preset(sheet, label)
            raise
        if len(self.df.attrs.get("sheets", ())) > 1:
            # (a row of the log is a row of that sheet: the workbook opens at another)
            self.label = label = Message("{label}, sheet {title}", label=self.path.name,
                                         title=self.df.attrs["sheet"])
        self.say_unnamed(self.df, label)
        self.say_above_header(self.df, label)
        self.say_laid_out(self.df, label)
        self.say_checked(self.df, label)
        self.log.headers = self.df.attrs.get("headers") or {}
        if not self.line:
            self.log.decisions.append(Message(
                "no reporting lines read (--no-line): no post is placed in a line, and the line "
                "is not recorded (layers, spans and routes have none to go on)"))
        if preset and not self.row_ids and \
                column_of(self.df, cols.id, label, N_("post id"), False) is None and \
                column_of(self.df, jcols.reports_to, label, N_("senior post"), False) and \
                column_of(self.df, jcols.fte, label, N_("FTE"), False):
            raise ValidationError([Problem(label, 1, Message(
                "looks like a junior-staff file (it has '{v}' but no '{v2}'): give the senior-posts "
                "file first and this one with --junior",
                v=str(jcols.reports_to).split('|')[0], v2=str(cols.id).split('|')[0]))],
                                  where=str(self.path))
        if may_be_known and column_of(self.df, cols.id, label, N_("post id"), False) is None:
            self.refuse_for_preset(sheet, label)

    def find_columns(self) -> None:
        """The column of each thing the file gives (``c_id``, ``c_sup`` ...):
        one the user named must be there."""
        cols, label = self.cols, self.label
        try:
            self.c_id = None if self.row_ids else column_of(self.df, cols.id, label,
                                                          N_("post id"), True)
        except ValidationError as exc:
            if self.preset in PRESETS.values() and "id" not in self.asked:
                # (a file of another preset's format: that preset named)
                self.refuse_for_preset(self.sheet, label)
            # (the column the superiors name, where one is: an export's own key)
            meant = key_column(self.df, column_of(self.df, cols.reports_to, label, "", False))
            if meant is None:
                raise
            shown = (self.df.attrs.get("headers") or {}).get
            raise ValidationError([Problem(p.file, p.row, p.message + Message(
                "; '{key}' gives each row its own value, which '{sup}' names as the "
                "superior: give --id '{key}'", key=shown(meant[0], meant[0]),
                sup=shown(meant[1], meant[1]))) for p in exc.problems],
                where=exc.where) from None
        if self.row_ids:
            self.log.decisions.append(Message(
                "the file gives no post ids (--row-ids): each row is a post, its id its row "
                "number (R2, R3 ...); row numbers do not follow a post from one file to the "
                "next, so diff matches the posts of two files read so only on what they have "
                "(--key name)"))
        self.c_sup = column_of(self.df, cols.reports_to, label, N_("superior"), True) \
            if self.line else None
        if self.c_sup:
            self.refuse_yes_no_superiors()
        self.c_second = column_of(self.df, cols.second_line, label, N_("second superior"), True)
        if self.c_second and self.c_second == self.c_sup:
            raise ValidationError([Problem(label, None, Message(
                "the second superior's column (--second-line) is '{c}', the superior's own: "
                "give the column that names a post's other superior", c=self.shown(self.c_sup)))],
                where=str(self.path))
        # (a column the user named must be there: one misspelt was passed over)
        asked = self.asked
        self.c_title = column_of(self.df, cols.title, label, N_("job title"), "title" in asked)
        self.c_roles = column_of(self.df, cols.roles, label, N_("roles"), True)
        self.c_holder = column_of(self.df, cols.holder, label, N_("holder"), "holder" in asked) \
            if not cols.holder_parts else None
        self.c_name_parts: list = []            # the columns of a name in parts, joined
        if not self.c_holder:
            self.c_holder = self.joined_names(cols)
        elif "holder" not in asked and self.numbers_only(self.c_holder):
            self.names_for_numbers(cols)
        self.c_units = [column_of(self.df, c, label, N_("unit"), True) for c in cols.units or ()]
        twice = sorted({c for c in self.c_units if self.c_units.count(c) > 1})
        if twice:
            raise ValidationError([Problem(label, None, Message(
                "the column '{v}' is given twice as a unit's level (--unit): each level is a "
                "column of its own", v=self.log.headers.get(twice[0], twice[0])))],
                where=str(self.path))
        self.c_unit = None if self.c_units else \
            column_of(self.df, cols.unit, label, N_("unit"), "unit" in asked)
        self.c_fte = column_of(self.df, cols.fte, label, N_("FTE"), "fte" in asked)
        self.c_holder_fte = column_of(self.df, cols.holder_fte, label, N_("holder's FTE"),
                                    "holder_fte" in asked)
        self.read_fte_unit(column_of(self.df, cols.hours, label, N_("hours per week"),
                                   "hours" in asked))
        self.c_grade = column_of(self.df, cols.grade, label, N_("grade"), "grade" in asked)
        self.c_org = column_of(self.df, cols.organisation, label, N_("organisation"),
                             "organisation" in asked)
        self.c_cost = column_of(self.df, cols.cost_centre, label, N_("cost centre"),
                              "cost_centre" in asked)
        self.c_start = column_of(self.df, cols.start, label, N_("start date"), "start" in asked)
        self.c_end = column_of(self.df, cols.end, label, N_("end date"), "end" in asked)

    def refuse_yes_no_superiors(self) -> None:
        """Refuse a superior column that only says yes or no (``Ja``,
        ``Nee``): a formatie list's *Leidinggevende* column may mark whether
        a post leads, not whom it reports to, and each post was said to
        report to a post ``Ja`` not in the file (with the advice to read it
        as one outside the organisation)."""
        column = str(self.c_sup)
        cells = {v.strip() for v in self.df[column] if isinstance(v, str) and v.strip()}
        if cells and all(v.casefold() in _YES_NO for v in cells):
            raise ValidationError([Problem(self.label, None, Message(
                "the superior's column '{c}' says only yes or no ({v}): whether a post leads, "
                "not whom it reports to. Give the column of the superior's post id with "
                "--reports-to, or --no-line when the file gives no reporting lines",
                c=self.shown(column), v=", ".join(f"'{v}'" for v in sorted(cells))))],
                where=str(self.path))

    def refuse_column_read_twice(self) -> None:
        """Refuse one column read as two things (``--title Naam`` where the
        preset reads ``Naam`` as the holder's: every post was held by a
        person named as its title), naming both and the options that give
        each its own column."""
        first: dict = {}
        for what, c in self.log.columns:
            if c in first and first[c] != what:
                options = [o for o in (_OPTION_OF.get(first[c]), _OPTION_OF.get(what)) if o]
                raise ValidationError([Problem(self.label, self.df.attrs.get("header_row", 1),
                                               Message(
                    "the column '{c}' would be read as both the {a} and the {b}: give each its "
                    "own column{options}", c=self.shown(c), a=Message(first[c]), b=Message(what),
                    options=Message(" ({v})", v=Listing(", ", options)) if options else ""))],
                    where=str(self.path))
            first.setdefault(c, what)

    def say_columns(self) -> None:
        """Which column gives what, the columns of values nothing reads, and
        what the unit's columns are, said in the log; a spreadsheet's error
        in a column read refused."""
        label = self.label
        if not self.c_holder:
            self.log.decisions.append(Message(
                "{label} has no column of the holders: who holds each post, and whether it is "
                "vacant, is not recorded", label=label))
        self.log.columns = [(what, c) for what, c in (
            ("post id", self.c_id), ("superior", self.c_sup),
            ("second superior", self.c_second), ("job title", self.c_title),
            ("roles", self.c_roles), ("holder", self.c_holder), ("unit", self.c_unit),
            *(("unit", c) for c in self.c_units), ("FTE", self.c_fte),
            # (with no holders named, what the holders work is what the post has occupied)
            ("holder's FTE" if self.c_holder else N_("occupied FTE"), self.c_holder_fte),
            ("grade", self.c_grade), ("organisation", self.c_org),
            ("cost centre", self.c_cost), ("start date", self.c_start),
            ("end date", self.c_end)) if c]
        self.refuse_column_read_twice()
        if self.c_units:
            self.log.decisions.append(Message(
                "units read from the columns {columns}, the widest first: each unit is in the "
                "one before it on its row, and a post in the narrowest its row names",
                columns=" > ".join(f"'{self.log.headers.get(c, c)}'" for c in self.c_units)))
        # (a column with values that nothing reads is named, not passed over)
        read = {c for _, c in self.log.columns} | set(self.c_name_parts)
        unsaved = refuse_spreadsheet_errors(self.df, read, label, self.path)
        dittos = read_ditto(self.df, read, label, self.path, self.fill_ditto)
        # (a unit, grade or cost centre that says there is none is none)
        nones = empty_where_none(self.df, [self.c_unit, *self.c_units, self.c_grade,
                                           self.c_cost], label)
        self.log.decisions += [said for said in (unsaved, dittos, nones) if said]
        refuse_mangled_ids(self.df, {c: what for c, what in ((self.c_id, N_("post id")),
                                                      (self.c_sup, N_("superior")),
                                                      (self.c_second, N_("second superior")))
                                     if c},
                     label, self.path)
        controls = no_controls(self.df, read, label)
        if controls:
            self.log.decisions.append(controls)
        # (a holder's cell on two lines is one name wrapped or two people:
        # not guessed)
        holders = {self.c_holder, *self.c_name_parts} - {None}
        refuse_lines(self.df, holders, label, self.path, N_(
            "the holder's cell '{v}' is written on more than one line (a line break shown here "
            "as ⏎): one name wrapped, or several people? Write one name on one line, several "
            "between '/' ('A. de Vries / B. Jansen')"))
        if self.c_holder:
            self.refuse_names_by_comma(label)
        wrapped = one_line(self.df, read, label)
        if wrapped:
            self.log.decisions.append(wrapped)
        # (the file's own check is read for the log: see say_checked)
        seen = read | {self.c_check}
        self.log.unread_columns = [c for c in self.df.columns if c not in seen and any(
            isinstance(v, str) and v.strip() for v in self.df[c])]
        self.say_unit_levels(self.cols)
        self.say_unit_codes()
        self.say_title_codes()
        self.say_second_line()
        self.say_roles()
        self.say_holder_fte()
        self.say_counts()

    def refuse_names_by_comma(self, label) -> None:
        """Refuse a holder's cell that may name several people between
        commas (``Bram Jansen, Eva Kok``): read as one person's name, it
        made one person of two; read as two, a surname written first
        (``Boer Jansen, Anna Maria``) would be two people. Not guessed."""
        for row, value in self.df[self.c_holder].items():
            names = names_by_comma(value) if isinstance(value, str) and "," in value else []
            if names:
                raise ValidationError([Problem(label, row, Message(
                    "the holder's cell '{v}' may name several people between commas ({names}), or "
                    "one written surname first: which it is is not guessed. Write several between "
                    "'/' ('A. de Vries / B. Jansen'), one name with its surname first with one "
                    "comma ('Vries, Anna de')", v=value.strip(),
                    names=", ".join(f"'{n}'" for n in names)))],
                    where=str(self.path))

    def say_holder_fte(self) -> None:
        """A column not read named ``Bezetting`` (which may name the person in
        the post, and is not read as an FTE by its name alone) that holds
        numbers only, said with how to read it as the holders' own FTE."""
        if self.c_holder_fte:
            return
        for column in self.log.unread_columns:
            name = fold(self.shown(column))
            if name in _OCCUPANCY and self.numbers_only(column):
                self.log.decisions.append(Message(
                    "'{c}' holds numbers only, beside the post's FTE: the holders' own FTE? It "
                    "is not read (the holders have the post's); read it with --holder-fte '{c}'",
                    c=self.shown(column)))
            elif self.hours and name in _OCCUPIED_HOURS and self.numbers_only(column):
                # (hours only beside a post's FTE read from hours: the same
                # week reads both)
                self.log.decisions.append(Message(
                    "'{c}' holds hours only, beside the post's hours: the holders' own? It is "
                    "not read (the holders have the post's); read it with --holder-fte '{c}', "
                    "its hours over --full-time as the post's", c=self.shown(column)))

    def say_counts(self) -> None:
        """A column not read whose name says it counts what each row stands
        for (a formation table's ``Aantal``: 4 on the row of *Consulent
        Wmo*), holding whole numbers, some over 1: said with its rows, as
        read one post each with the row's whole FTE; how many posts or people
        a row counts is not recorded (not guessed: places or people, the
        name does not say)."""
        for column in self.log.unread_columns:
            name = fold(self.shown(column))
            if not _COUNTS.search(name) or _NOT_COUNTS.search(name):
                continue
            counts = {row: cell_number(v, self.locale) for row, v in self.df[column].items()
                      if isinstance(v, str) and v.strip()}
            if not counts or not all(isinstance(n, float) and n == int(n)
                                     for n in counts.values()):
                continue
            over = [(row, int(n)) for row, n in counts.items() if n > 1]
            if over:
                self.log.decisions.append(Message(
                    "'{c}' gives a number on each row, over 1 on {rows} ({examples}): not read; "
                    "each row is one post with the row's whole FTE, and how many posts or people "
                    "a row counts is not recorded", c=self.shown(column),
                    rows=count(len(over), N_("{n} row"), N_("{n} rows")),
                    examples=Listing(", ", [Message("row {row}: {n}", row=row, n=n)
                                            for row, n in over[:5]] + ["…"] * (len(over) > 5))))

    def numbers_only(self, column: str) -> bool:
        """Whether ``column`` holds numbers only (a personnel number in an
        export's ``Medewerker``, an FTE in its ``Bezetting``), but for the
        words of a vacancy or of a name not given.  (Every import asks it of
        its holders' column: it stops at the first name, the first row in
        most files.)"""
        found = False
        for v in self.df[column]:
            text = v.strip() if isinstance(v, str) else ""
            if not text:
                continue
            if _NUMBER.fullmatch(text):
                found = True
            elif not (self.words.is_vacant_holder(text) or self.words.is_undisclosed(text)):
                return False
        return found

    def names_for_numbers(self, cols: Columns) -> None:
        """A preset's holders' column of numbers only gives way to another
        column the preset reads the holder from that holds names (``Naam``),
        or to a name in parts (``Voornaam``, ``Achternaam``), said in the
        log: an AFAS export's ``Medewerker`` is the employee's number, and its
        name is beside it.  Without one, the numbers are read as the holders
        (a file that names no one may mean to)."""
        numbers = str(self.c_holder)
        others = [column_of(self.df, alt, self.label, N_("holder"), False)
                  for alt in str(cols.holder).split("|")]
        names = next((c for c in others if c and c != numbers and not self.numbers_only(c)
                      and any(re.search(r"[^\W\d_]", str(v)) for v in self.df[c])), None)
        if names is None:
            names = self.joined_names(cols)
        if names is None:
            return
        self.c_holder = names
        self.log.decisions.append(Message(
            "holders read from '{names}': '{numbers}' holds numbers only (a personnel number, "
            "not a name); give --holder '{numbers}' to read them as the holders",
            names=self.shown(names), numbers=self.shown(numbers)))

    def joined_names(self, cols: Columns) -> str | None:
        """The holders' names joined from their parts (``Voornaam``,
        ``Tussenvoegsel``, ``Achternaam``), as a column added to the table:
        the columns given (each must be there), else the preset's when the
        file has a first name's and a surname's column; None without."""
        label = self.label
        if cols.holder_parts:
            parts = [column_of(self.df, c, label, N_("holder"), True) for c in cols.holder_parts]
            twice = sorted({str(c) for c in parts if parts.count(c) > 1})
            if twice:
                raise ValidationError([Problem(label, None, Message(
                    "the column '{v}' is given twice as a part of the holder's name (--holder): "
                    "each part is a column of its own",
                    v=self.log.headers.get(twice[0], twice[0])))], where=str(self.path))
        elif self.preset.name_parts:
            first, middle, last = (column_of(self.df, c, label, N_("holder"), False)
                                   for c in self.preset.name_parts)
            parts = [first, middle, last] if first and last else []
        else:
            return None
        parts = [c for c in parts if c]
        if not parts:
            return None
        shown = [str(self.log.headers.get(c, c)) for c in parts]
        joined = " + ".join(shown)
        self.df[joined] = [" ".join(x for x in (str(v or "").strip() for v in values) if x)
                           for values in zip(*(self.df[c] for c in parts))]
        self.c_name_parts = parts
        self.log.decisions.append(Message(
            "the holders' names joined from the columns {columns}, in that order, with a space "
            "(an empty part left out)", columns=", ".join(f"'{c}'" for c in shown)))
        return joined

    def read_unit_path(self, sep: str) -> None:
        """Read the unit column as paths (``Ruimte / Vergunningen``, parts
        between ``sep``): each part a unit inside the one before, as a unit's
        levels are (see :meth:`unit_path`)."""
        if not self.c_unit and len(self.c_units) != 1:
            raise ValidationError([Problem(self.label, None, Message(
                "--unit-path reads one unit column as paths, and {what}: give the column with "
                "--unit, once", what=Message("the file has none read") if not self.c_units
                else Message("--unit gives {n}", n=len(self.c_units))))], where=str(self.path))
        self.c_path = self.c_unit or self.c_units[0]
        self.c_units, self.c_unit, self.path_sep = [self.c_path], None, sep
        paths = sum(1 for v in self.df[self.c_path] if len(self.path_of(v)) > 1)
        self.log.decisions.append(Message(
            "units read from '{c}' as paths: each part between '{sep}' a unit inside the one "
            "before ({n} cells of more than one part)", c=self.shown(self.c_path), sep=sep,
            n=paths))

    def path_of(self, text) -> list:
        """The parts of a unit's path (see :meth:`read_unit_path`), an empty
        part passed over."""
        return [x.strip() for x in str(text or "").split(self.path_sep) if x.strip()]

    def say_unit_paths(self) -> None:
        """Unit cells that may be paths, said with how to read them: a cell
        with ``/``, ``>`` or `` - `` in it whose first part is a unit of the
        column on its own (``Ruimte / Vergunningen`` beside ``Ruimte``).  Such
        a cell is one unit: a name may hold the mark (``Juridische
        Zaken/Inkoop``)."""
        for column in ([self.c_unit] if self.c_unit else self.c_units):
            cells = [str(v).strip() for v in self.df[column] if isinstance(v, str) and v.strip()]
            alone = {fold(v) for v in cells}
            for sep in ("/", ">", " - "):
                paths = sorted({v for v in cells if sep in v
                                and fold(v.split(sep)[0].strip()) in alone})
                if paths:
                    self.log.decisions.append(Message(
                        "units that may be written as paths in '{c}': '{first}' ({n} such), whose "
                        "first part is a unit of the column too; each is read as one unit: give "
                        "--unit-path '{sep}' to read each part as a unit inside the one before",
                        c=self.shown(column), first=paths[0], n=len(paths), sep=sep))
                    break

    def read_unit_headings(self) -> None:
        """Read the unit of a heading over rows (:attr:`unit_headings`) as
        the widest of their unit's levels."""
        self.unit_headings = True
        self.c_units = [HEADING, *(self.c_units or ([self.c_unit] if self.c_unit else []))]
        self.c_unit = None

    def say_unit_levels(self, cols: Columns) -> None:
        """A column of units not read beside the one read (``Team`` beside
        ``Afdeling``): how to read both, as a unit's levels."""
        names = {fold(a) for a in (cols.unit or "").split("|")} | UNIT_LEVELS
        others = [c for c in self.log.unread_columns if fold(c) in names]
        if self.c_unit and others:
            shown = self.log.headers.get
            levels = [c for c in self.df.columns if c == self.c_unit or c in others]
            self.log.decisions.append(Message(
                "units read from '{read}' only: {others} name units too; give a unit's levels "
                "with --unit for each, the widest first (in the file's order: {options})",
                read=shown(self.c_unit, self.c_unit),
                others=", ".join(f"'{shown(c, c)}'" for c in others),
                options=" ".join(f"--unit '{shown(c, c)}'" for c in levels)))

    def say_roles(self) -> None:
        """A column not read that names the roles posts play (``Rollen``,
        ``Rol``): said, with the option that reads it (what a role is, the
        file's name says, not orgmodel)."""
        shown = self.log.headers.get
        for c in self.log.unread_columns:
            if _ROLES.fullmatch(fold(shown(c, c))):
                self.log.decisions.append(Message(
                    "'{c}' may name the roles the posts play (rollen), not read: --roles '{c}' "
                    "reads each as a role its post plays", c=shown(c, c)))

    def say_second_line(self) -> None:
        """A column not read that names a second superior (``Functioneel
        leidinggevende``, a matrix's other line): said, with where the line
        read comes from and how a second one is added (one line per post is
        read: which of two a route takes the file does not say)."""
        if not self.c_sup:
            return
        shown = self.log.headers.get
        for c in self.log.unread_columns:
            name = fold(shown(c, c))
            if all(w.search(name) for w in _SECOND_LINE):
                self.log.decisions.append(Message(
                    "'{c}' names a second superior (a functional or matrix line), not read: "
                    "each post's line is read from '{sup}'; --second-line '{c}' reads it as a "
                    "second line (a post with two superiors is a matrix, and its routes take "
                    "both)", c=shown(c, c), sup=shown(self.c_sup, self.c_sup)))

    def codes_named(self, column, asked: str, words: tuple):
        """``(c, {(code, name)})`` for each column not read whose name says
        (``words``) it names what ``column`` gives as codes only
        (``Organisatie-eenheid`` 210, ``Functie`` F010), its cells names;
        nothing when ``column`` was asked for on the command line."""
        if not column or asked in self.asked:
            return
        codes = [str(v).strip() for v in self.df[column]]
        if not any(codes) or not all(_CODE.fullmatch(c) for c in codes if c):
            return
        shown = self.log.headers.get
        for c in self.log.unread_columns:
            if all(w.search(fold(shown(c, c))) for w in words):
                pairs = {(code, str(v).strip()) for code, v in zip(codes, self.df[c])
                         if code and str(v).strip()}
                if pairs and all(re.search(r"[^\W\d_]", name) for _, name in pairs):
                    yield c, pairs

    def say_unit_codes(self) -> None:
        """A unit column of codes only beside a column not read that names
        them (``Omschrijving organisatie-eenheid`` Ruimte): the units would
        be named 210; the log offers the names, where each code has one name
        and each name one code (read by name, two units of one name would be
        one)."""
        shown = self.log.headers.get
        for c, pairs in self.codes_named(self.c_unit, "unit", _NAMES_UNITS):
            one_to_one = len(pairs) == len({a for a, _ in pairs}) == len({b for _, b in pairs})
            self.log.decisions.append(Message(
                "units named by the codes in '{codes}' ({examples}): '{names}' gives their "
                "names; give --unit '{names}' to name the units so", codes=shown(
                    self.c_unit, self.c_unit), names=shown(c, c),
                examples=", ".join(sorted({a for a, _ in pairs})[:3])) if one_to_one else Message(
                "units named by the codes in '{codes}': '{names}' gives names, but not one to "
                "each code (read by name, two units of one name would be one)",
                codes=shown(self.c_unit, self.c_unit), names=shown(c, c)))
            return

    def say_title_codes(self) -> None:
        """A job title column of codes only beside a column not read that
        names them (``Functieomschrijving`` Gemeentesecretaris): the posts
        would be titled F010 in every chart and table; the log offers the
        names (a title is no key: codes that share a name are no matter; a
        code with two names is another column's, a manager's title)."""
        shown = self.log.headers.get
        for c, pairs in self.codes_named(self.c_title, "title", _NAMES_TITLES):
            if len(pairs) == len({a for a, _ in pairs}):
                self.log.decisions.append(Message(
                    "job titles read from '{codes}', which holds codes ({examples}): '{names}' "
                    "gives their names; give --title '{names}' to title the posts so",
                    codes=shown(self.c_title, self.c_title), names=shown(c, c),
                    examples=", ".join(sorted({a for a, _ in pairs})[:3])))
                return

    def read_fte_unit(self, c_hours: str | None) -> None:
        """What the FTE is read from: hours per week (:meth:`read_hours`) from
        the column of hours the user named, else the FTE column when its name
        says hours, else a column of hours when there is no FTE column;
        percentages (:meth:`read_percentages`) when the FTE column's name says
        so; else the FTE column as it is."""
        hours = c_hours if "hours" in self.asked else \
            self.c_fte if self.c_fte and says_hours(self.c_fte) else \
            c_hours if not self.c_fte else None
        if hours is not None:
            self.read_hours(hours)
        elif self.c_fte and says_percent(self.c_fte):
            self.read_percentages(self.c_fte)

    def read_hours(self, hours: str) -> None:
        """Hours per week as FTE, over the full-time week the user gave
        (``week``), said in the log.  Without that week, a column of hours
        given as the FTE (or with --hours) is refused (its hours would be read
        as FTE), and one found by its name is not read, said."""
        if self.week is None:
            if "hours" in self.asked:
                raise ValidationError([Problem(self.label, 1, Message(
                    "the column of hours '{c}' (--hours) is read as FTE over this "
                    "organisation's full-time week: give it with --full-time HOURS (orgmodel "
                    "does not assume one)", c=self.shown(hours)))], where=str(self.path))
            if hours == self.c_fte:
                raise ValidationError([Problem(self.label, 1, Message(
                    "the FTE column '{c}' gives hours, not FTE: give this organisation's "
                    "full-time week with --full-time HOURS (orgmodel does not assume one)",
                    c=self.shown(hours)))], where=str(self.path))
            self.log.decisions.append(Message(
                "'{c}' gives hours per week, not FTE: not read (give this organisation's "
                "full-time week with --full-time HOURS to read it as FTE)", c=self.shown(hours)))
            return
        self.c_fte, self.hours = hours, True
        self.log.decisions.append(Message(
            "FTE read from the hours per week in '{c}', over a full-time week of {week} hours "
            "(--full-time)", c=self.shown(hours), week=self.figures(week=self.week)["week"]))

    def read_percentages(self, column: str) -> None:
        """A column whose name says percentages: 80 is 0.8 of a post, not 80
        FTE; but a column of shares only (none above 1.5: cells formatted as
        percentages keep 80% as 0.8) is read as it is.  Each said."""
        values = [v for v in (cell_number(str(c or ""), self.locale) for c in self.df[column])
                  if isinstance(v, float)]
        if values and max(values) <= MAX_FTE_OF_ONE:
            self.log.decisions.append(Message(
                "'{c}' says percentages but holds shares of a post (none above {top}: cells "
                "formatted as percentages keep 80% as 0.8): read as FTE as they are",
                c=self.shown(column), top=self.figures(top=max(values))["top"]))
            return
        self.percent = True
        self.log.decisions.append(Message(
            "FTE read from the percentages in '{c}' (100 is one full-time post)", c=self.shown(column)))

    def say_unnamed(self, df, label) -> None:
        """Columns with values but no name in the header (a spreadsheet
        export's row numbers) are left out, and said once."""
        self.log.decisions += unnamed_said(df, label)

    def say_laid_out(self, df, label) -> None:
        """Merged cells and hidden rows, said (see :func:`laid_out`)."""
        self.log.decisions += laid_out(df, label)

    def say_checked(self, df, label) -> None:
        """The rows the file's own check marks as failing (see
        :attr:`Preset.checked`), named: they are read, but the publisher's
        validator found something wrong in them, which its reader should
        know."""
        if not self.preset.checked:
            return
        name, failed, passed = self.preset.checked
        column = column_of(df, name, label, "check", False)
        if column is None:
            return
        self.c_check = column
        marks = {int(r): _mark(v) for r, v in df[column].items()}
        rows = [r for r, v in marks.items() if v == failed]
        if rows:
            # (a row of nothing but the mark, a template's empty row, is no
            # row read: it is left out, and listed so)
            wanted = set(rows)
            failing = df.loc[[r for r in df.index if int(r) in wanted]]
            rows = [int(r) for r, cells in failing.iterrows()
                    if any(isinstance(v, str) and v.strip() for c, v in cells.items()
                           if c != column)]
        shown = (df.attrs.get("headers") or {}).get(column, column)
        if rows:
            self.log.decisions.append(Message(
                "{label}: {rows} marked as failing the file's own check ('{column}' {value}), "
                "read as any other row: {spans}", label=label,
                rows=count(len(rows), N_("{n} row"), N_("{n} rows")), column=shown,
                value=failed, spans=row_spans(rows)))
        other = {r: v for r, v in marks.items() if v not in (failed, passed, "")}
        if other:
            # (a mark the check does not write, 'no' or '?': whether the row
            # passed, the file does not say)
            self.log.decisions.append(Message(
                "{label}: {rows} with a mark in '{column}' that is neither {failed} (failed "
                "the file's own check) nor {passed} (passed): {marks}; read as any other row",
                label=label, rows=count(len(other), N_("{n} row"), N_("{n} rows")),
                column=shown, failed=failed, passed=passed, marks=Listing(", ", [
                    Message("'{v}' (row {row})", v=v, row=r) for r, v in list(other.items())[:5]]
                    + ([Message("... and {n} more", n=len(other) - 5)] if len(other) > 5 else []))))

    def say_above_header(self, df, label) -> None:
        """The rows above the header row (a title, a date, a note) are left
        out, each named: they are not posts."""
        for rowno, text in df.attrs.get("above_header") or []:
            self.log.skipped.append((label, rowno, Message(
                "above the header row: '{v}' (a title or a note, not a post)",
                v=text if len(text) <= 60 else text[:59] + "…")))
        self.log.decisions += two_header_rows_said(df, label)


def _mark(value) -> str:
    """A check's mark as its validator writes it: ``0`` or ``1``, though a
    spreadsheet saved it as ``0.0``; any other text as it is.

    >>> _mark("1.0"), _mark(" 0 "), _mark("no"), _mark("")
    ('1', '0', 'no', '')
    """
    text = str(value).strip()
    return text[:-2] if text in ("0.0", "1.0") else text


def key_column(df, sup: str | None) -> tuple[str, str] | None:
    """``(column, sup)``: the one column of ``df`` whose values are
    (nearly) each row's own, without spaces, and among which are (nearly)
    all the superiors the column ``sup`` names (two at least; a word for
    none, a top's ``XX``, and a few outside the file aside), as an HR
    export's personnel number is the key its manager's column names, or an
    organogram's post reference under another name; None when there is no
    such column, or more than one.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"Medewerker": ["1", "2", "3"], "Functie": ["D", "A", "A"],
    ...                    "Leidinggevende": ["", "1", "2"]})
    >>> key_column(df, "Leidinggevende")
    ('Medewerker', 'Leidinggevende')
    >>> key_column(df, None) is None, key_column(df.assign(Leidinggevende=["", "1", "9"]),
    ...                                           "Leidinggevende") is None
    (True, True)
    >>> key_column(df.assign(Leidinggevende=["", "1 - A. Bos", "2 - B. Smit"]), "Leidinggevende")
    ('Medewerker', 'Leidinggevende')
    """
    if sup is None:
        return None
    from ._line import id_and_rest, says_no_key
    named = {v for v in (str(v).strip() for v in df[sup]) if v and not says_no_key(v)}
    if len(named) < 2:
        return None
    # (a superior may be written as the key and a name: "1001 - A. de Vries")
    ways = {v: {v} | {key for key, _ in id_and_rest(v)} for v in named}
    found = []
    for c in df.columns:
        values = [str(v).strip() for v in df[c]]
        filled = [v for v in values if v]
        keys = set(filled)
        known = [v for v in named if ways[v] & keys]
        # (a key has no spaces: a column of names the superiors name is a
        # file read by name, with --reports-to-by holder; a job share's
        # rows, and a superior outside the file, are a few in a hundred)
        if c != sup and len(filled) == len(values) and len(set(filled)) >= 0.9 * len(filled) \
                and len(known) >= max(2, 0.9 * len(named)) and not any(" " in v for v in filled):
            found.append(c)
    return (found[0], sup) if len(found) == 1 else None
