"""Import an organisation from one row per post (an HR export, a published
organogram), CSV, XLSX, XLS or ODS, with an optional file of junior staff counted per
grade under their senior post.

Columns are mapped by name (:class:`Columns`) or by a preset: ``uk-organogram``
knows the Cabinet Office organogram schema that UK departments publish twice
a year.  What real files do, and what the import decides:

* ``XX`` (the preset's top marker) in the superior column: a top of the tree;
  several tops are allowed.  A top post whose title or holder is the
  organisation's name is marked ``placeholder``.
* Holders ``Vacant`` (``Vacature``, ``niet ingevuld``): a vacant post; ``N/D``,
  ``n.v.t.`` or empty: a person whose name is not disclosed; ``Eliminated``
  (``opgeheven``, ``vervallen``, ``boventallig``: a row that is no post of the
  formation): the post is gone, the row is not used, and it is named.
* The same post id on several rows with the same title and superior: one post
  held as a job share (one person per row, FTE summed).  The same id on rows
  that differ (``0`` reused for different vacant posts): separate posts, each
  id suffixed with its row.
* A superior that is not in the file: an external role (``external: true``),
  or an error when ``unknown_superior="error"`` (the default without a preset).
* Reporting lines that run in a circle: an error naming the rows.
* Junior rows: staff (``Staff`` nodes) per senior post, grade, job title and
  unit, with their FTE summed; never posts of their own.  The number of people
  is read as at least one per started FTE (graded *inferred*).
* Units: one ``Team`` (``team_kind: unit``) per unit name, its posts and staff
  members of it.

Every node and edge cites its file and line (``posts line 12``).  The
:class:`ImportLog` says what was found and decided; the CLI prints it and
writes it beside the data as ``IMPORT.md``.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, OrgModelError, Problem, ValidationError
from ..escape import markdown_prose
from ..i18n import N_, Listing, Message, count, translator
from ..notation import LOCALES, number_text
from ._columns import HEADING, ColumnReading, column_of
from ._dates import AS_AT_COLUMNS, date_above_header, date_in_column, date_in_name
from ._fte import (
    FTE_PARTS,
    HOURS_UNIT,
    MAX_FTE_OF_ONE,
    FteRange,
    fte_total,
    more_than_they_work,
    not_a_fte,
)
from ._holders import HolderReading, held_on, one_after_another
from ._import_state import ImportLog, first_and_count
from ._import_state import cell as _cell
from ._junior import JuniorReading
from ._line import LineReading, says_no_key
from ._presets import PLAIN, PRESETS, Columns, Preset
from ._sheets import fold, row_spans
from ._tables import check_tables, cited_file, model_from_tables, slug, table
from ._words import HolderWords

if TYPE_CHECKING:  # names in annotations only
    from .._types import PathLike
    from ..model import OrgModel


__all__ = ["Columns", "PRESETS", "ImportLog", "read_posts", "posts_tables", "import_posts"]


#: The first words of a totals row's id (folded, see :func:`fold`): a row
#: whose id starts with one of them ("Totaal", "Subtotaal team Burgerzaken")
#: and that has neither a title nor a superior is no post.
TOTALS = frozenset({"totaal", "totalen", "subtotaal", "eindtotaal", "generaaltotaal", "som",
                    "total", "totals", "subtotal", "grandtotal", "sum"})
#: Of those, the totals of a part of the table: not set beside the whole
#: (nor is a totals row that names its part: "Totaal Burgerzaken").
SUBTOTALS = frozenset({"subtotaal", "subtotal"})


def _totals_word(rid: str) -> str | None:
    """The totals word an id starts with (see :data:`TOTALS`), or None.

    >>> _totals_word("Totaal"), _totals_word("Subtotaal: team A"), _totals_word("Totalo 3")
    ('totaal', 'subtotaal', None)
    """
    words = re.findall(r"\w+", str(rid))
    first = fold(words[0]) if words else ""
    if first in TOTALS:
        return first
    # ("Eind totaal", "Grand total": a totals word of two)
    two = fold("".join(words[:2])) if len(words) > 1 else ""
    return two if two in TOTALS else None


def _first_filled(row: dict) -> str:
    """The first cell of ``row`` with text in it, stripped ("" for none)."""
    return next((v.strip() for v in row.values() if isinstance(v, str) and v.strip()), "")


def read_posts(path: PathLike, junior: PathLike | None = None, **options) -> tuple[OrgModel, ImportLog]:
    """Import posts (and junior staff) into a model: :func:`posts_tables`,
    validated and built.

    Returns
    -------
    (OrgModel, ImportLog)

    Examples
    --------
    >>> p = tmp_path / "posts.csv"
    >>> _ = p.write_text("id,reports_to,title,holder,fte\\n1,,Director,Ann,1\\n"
    ...                  "2,1,Manager,Vacant,1\\n2b,1,Analyst,Bo,0.5\\n2b,1,Analyst,Cy,0.5\\n")
    >>> org, log = read_posts(p)
    >>> sorted(org.ids("Post")), log.vacancies, [j[0] for j in log.job_shares]
    (['1', '2', '2b'], ['2'], ['2b'])
    """
    manifest, nodes, edges, log, labels = posts_tables(path, junior, **options)
    return model_from_tables(manifest, nodes, edges, str(path), labels), log


def import_posts(path: PathLike, junior: PathLike | None = None, out: PathLike | None = None,
                 strict: bool = False, lang: str | None = None,
                 **options) -> tuple[int, int, ImportLog]:
    """Import posts into the organisation folder ``out``: validated, then the
    three files and ``IMPORT.md`` written, without building a graph (the
    fast way for large files).  Returns ``(nodes, edges, log)`` counts and log.
    ``IMPORT.md`` is in ``lang`` (default: the organisation's ``language``,
    Dutch for an ``nl-hr`` import, else English).

    ``strict``: a row left out or a cell not used (:meth:`ImportLog.warnings`)
    is an error, and nothing is written.
    """
    from .._progress import task
    from ..write import write_tables
    if out is None:
        raise InputError("import_posts needs out: the organisation folder to write")
    with task(f"Importing {Path(path).name}", 3) as step:
        manifest, nodes, edges, log, labels = posts_tables(path, junior, **options)
        if strict and log.warnings():
            raise ValidationError(log.warnings(), where=Message(
                "{path} (--strict: nothing imported)",
                path=path))
        step("read")
        check_tables(manifest, nodes, edges, str(path), labels)
        step("validated")
        # (the log in the organisation's language: Dutch for a Dutch export)
        # (and the data's words in it inert, as Markdown: a title may hold
        # a tag or a link)
        t = translator(lang or manifest.get("language") or "en", inert=markdown_prose)
        write_tables(manifest, nodes, edges, out,
                     extra={"IMPORT.md": "\n".join(map(t, log.lines())) + "\n"})
        step("written")
    return len(nodes), len(edges), log


def posts_tables(path, junior=None, *, preset: str | None = None,
                 columns: Columns | None = None, junior_columns: Columns | None = None,
                 name: str | None = None, date: str | None = None,
                 unknown_superior: str | None = None, sheet: str | None = None,
                 junior_sheet: str | None = None, locale: str | None = None,
                 reused_ids: str = "error", reports_to_by: str = "id",
                 full_time: float | None = None, line: bool = True, row_ids: bool = False,
                 unit_headings: bool = False, unit_path: str | None = None,
                 fill_ditto: bool = False):
    """The tables (as a folder's CSV files hold them) of posts and junior staff.

    Parameters
    ----------
    path, junior : str or Path
        The posts file and, optionally, the junior staff file (CSV, XLSX, XLS or ODS).
    preset : str, optional
        A key of :data:`PRESETS`; ``columns`` then overrides single names.
    columns, junior_columns : Columns, optional
        Column names, when there is no preset (or to override it).
    name, date : str, optional
        The organisation's name and the date the files describe (default: the
        organisation column, or the file's name; a date in the file's name,
        or one a line above the header states after *per*, *peildatum* or
        *as at*, see :func:`date_above_header`; two that differ give none).
    unknown_superior : {"error", "external"}, optional
        What a superior that is not in the file is (default: the preset's,
        else ``error``).
    reused_ids : {"error", "split"}
        A post id on rows that describe different posts (another title,
        superior or grade): an error naming the rows (default), or each row
        its own post (``ID~ROW``), said in the log; a line to the id is then
        left out, as which post it means is not said.
    reports_to_by : str
        What the superior column gives: the superior's post id (``"id"``,
        the default); the name of the person holding that post
        (``"holder"``), as many HR exports name the manager; or the name of
        another column, whose value on the superior's row it gives (a
        *personeelsnummer*). Compared without case, accents, spaces or
        punctuation; a value on several posts is read as the one in the
        post's own unit, or the nearest unit around it that holds any
        (graded inferred, said), else leaves the line out, said, as which
        is meant the file does not say; one on none is a superior not in
        the file.
    full_time : float, optional
        The hours of this organisation's full-time week (36, say), as its
        own rules set it: with it, a column of hours per week (by its name,
        or the FTE column's name saying hours) and a cell in hours (``32
        uur``) are read as those hours over it, said in the log.  orgmodel
        assumes none: without it, an FTE column of hours is refused and a
        column of hours is not read, said.
    line : bool
        False: the file gives no reporting lines (a formatie list by unit):
        its posts are read without them, no post is a top, and the log says
        that the line is not recorded (default True: the superior column
        must be there).
    row_ids : bool
        True: the file gives no post ids (a list of employees with their
        manager's name): each row is a post, its id its row number (``R2``,
        ``R3`` ...), said in the log; the superior column then gives the
        manager's name or another column's value (``reports_to_by``), or
        there is no line.  Row numbers do not follow a post from one file to
        the next: a diff between two files so read matches no post.
    unit_headings : bool
        True: a row with one cell filled in, a heading over a part of the
        table (``Afdeling Ruimte``), names the unit of the posts under it, up
        to the next heading: the widest unit of their rows, the unit columns'
        units inside it.  Each post's (or unit's) membership of it is graded
        *inferred*, from the row's place.  A heading with no post under it
        (a note below the table) is a row not used, as without the option.
    unit_path : str, optional
        The unit column writes a unit's place as a path, its parts between
        this text (``/`` for ``Ruimte / Vergunningen``): each part is a unit
        inside the one before (a unit's levels in one column), and a post in
        the last.  Without it a cell is one unit, and the log names cells
        that may be paths (their first part a unit of the column too).
    fill_ditto : bool
        True: a cell of a column read that is a ditto mark (``idem``, ``"``,
        ``〃``: the same as the row above) is the value of the cell above
        it, said in the log; without it such a cell is refused, naming it.
    locale : {"nl", "en"}, optional
        How the files write numbers (``0,8`` or ``0.8``; see
        :mod:`orgmodel.notation`); written into the organisation's
        ``org.yaml``.  Default: the preset's; without one, a number that
        reads differently in the two is left out and listed.

    Returns
    -------
    (manifest, nodes, edges, ImportLog, labels)
        ``labels`` names the files in validation problems.

    Raises
    ------
    ValidationError
        A missing column, an unknown superior (with ``error``), or reporting
        lines in a circle.
    """
    p = _preset(preset)
    rule = unknown_superior or p.unknown_superior
    locale = locale or p.locale
    _check_options(rule, locale, reused_ids, full_time, reports_to_by, line, row_ids,
                   _named_columns(columns), junior)
    _check_unit_path(unit_path, columns)
    # The steps, in order: read and map the columns, group the rows into posts,
    # build each post (its holders, its unit, its line), check the line, then
    # the junior staff, and the manifest.
    run = _Import(Path(path), p, _merge(p.senior, columns), _merge(p.junior, junior_columns),
                  rule, junior)
    run.set_options(locale, _named_columns(columns), reused_ids, full_time, line, row_ids)
    run.fill_ditto = fill_ditto
    run.sup_by_id = reports_to_by == "id"
    run.read_rows(sheet, bool(preset), unit_path, unit_headings, name)
    run.read_superiors_by(reports_to_by)
    # (the file's date first: a post's FTE is that of its rows held on it)
    date = date or run.date_of_file()
    run.on = str(date) if date else None
    run.build_posts(reports_to_by)
    # (a preset whose junior-staff file has columns of its own: the UK's)
    if not junior and p.junior.reports_to not in (None, Columns().reports_to) and \
            (found := run.junior_beside()):
        junior, junior_sheet = path, found
    if junior:
        run.add_junior_staff(Path(junior), junior_sheet)
    run.log.units = len(run.units)
    run.check_not_empty()
    manifest = run.manifest(date)
    run.say_periods(manifest.get("date"))
    return (manifest, table(run.nodes), table(run.edges, ("from", "to", "kind")),
            run.log, {"nodes.csv": Message("{label} (as imported nodes)", label=run.label),
                      "edges.csv": Message("{label} (as imported edges)", label=run.label)})


def _preset(name: str | None) -> Preset:
    """The preset called ``name`` (none: :data:`PLAIN`), or refused naming
    the known ones."""
    found = PRESETS.get(name) if name else PLAIN
    if found is None:
        raise OrgModelError(Message(
            "unknown preset '{preset}'; known: {v}",
            preset=name, v=', '.join(PRESETS)))
    return found


def _check_unit_path(unit_path: str | None, columns: Columns | None) -> None:
    """Refuse a ``unit_path`` that is empty, or beside several unit columns
    (options that do not go together: said before the file is read)."""
    if unit_path is None:
        return
    if not str(unit_path).strip():
        raise OrgModelError(Message("--unit-path is the text between the parts of a unit's "
                                    "path ('/' for 'Ruimte / Vergunningen'), not an empty one"))
    if columns is not None and len(columns.units or ()) > 1:
        raise OrgModelError(Message(
            "--unit-path reads one unit column as paths, and {what}: give the column with "
            "--unit, once", what=Message("--unit gives {n}", n=len(columns.units or ()))))


def _check_options(rule, locale, reused_ids, full_time, reports_to_by, line: bool,
                   row_ids: bool, asked: set, junior) -> None:
    """Refuse options of :func:`posts_tables` that are none, or that do not
    go together, before a file is read."""
    if rule not in ("error", "external"):
        raise OrgModelError("unknown_superior must be 'error' or 'external'")
    if locale is not None and locale not in LOCALES:
        raise OrgModelError(Message(
            "unknown locale '{locale}'; known: {v}",
            locale=locale, v=', '.join(LOCALES)))
    if reused_ids not in ("error", "split"):
        raise OrgModelError("reused_ids must be 'error' or 'split'")
    if full_time is not None and (isinstance(full_time, bool) or
                                  not isinstance(full_time, (int, float)) or
                                  not 0 < full_time <= 168):
        raise OrgModelError(Message("the full-time week is a number of hours above 0 and at "
                                    "most 168, not '{v}'", v=full_time))
    if not reports_to_by:
        raise OrgModelError(Message("reports_to_by must be 'id', 'holder' or a column, not "
                                    "'{v}'", v=reports_to_by))
    if not line and reports_to_by != "id":
        raise OrgModelError(Message("--no-line and --reports-to-by {v}: a file without "
                                    "reporting lines has no superior to read", v=reports_to_by))
    if not line and "second_line" in asked:
        raise OrgModelError(Message(
            "--no-line and --second-line: a file read without reporting lines has no line for a "
            "second one to stand beside; give one of the two"))
    if row_ids and line and reports_to_by == "id":
        raise OrgModelError(Message(
            "--row-ids: a file without post ids cannot give its superiors' post ids; say what "
            "the superior column gives with --reports-to-by holder (the manager's name) or "
            "--reports-to-by COLUMN, or read it without a line (--no-line)"))
    if row_ids and "id" in asked:
        raise OrgModelError(Message(
            "--row-ids and --id: a file read with --row-ids has no post id column; give one "
            "of the two"))
    if row_ids and junior:
        raise OrgModelError(Message(
            "--row-ids and --junior: a junior-staff file names its senior posts by their ids, "
            "and a file read with --row-ids has none"))


class _Import(JuniorReading, ColumnReading, LineReading, HolderReading):
    """One import of a posts file (and its junior staff), step by step; what
    it builds (``nodes``, ``edges``) and decides (``log``) is in sight.

    Its stages: reading the table and its columns
    (:class:`._columns.ColumnReading`), grouping the rows into posts and
    building each (here), their holders (:class:`._holders.HolderReading`),
    their line (:class:`._line.LineReading`) and the junior staff under them
    (:class:`._junior.JuniorReading`), over the state they share
    (:class:`._import_state.ImportState`)."""

    def __init__(self, path: Path, preset: Preset, cols: Columns, jcols: Columns, rule: str,
                 junior):
        self.path, self.preset, self.cols, self.jcols, self.rule = path, preset, cols, jcols, rule
        self.label = path.name
        self.c_check = None     # the column of the file's own check (Valid?)
        self.sheet = None       # the workbook's sheet asked for (--sheet)
        self.log = ImportLog(files=[self.label] + ([Path(junior).name] if junior else []),
                             empty_undisclosed=preset.empty_holder == "undisclosed")
        self.nodes = []
        self.edges = []
        self.units: dict[str, str] = {}                  # unit id -> its name
        self.unit_ids: dict = {}        # a unit's name (or path of names) -> its id
        self.unit_links: set = set()    # (unit, the unit it is in), from a unit's levels
        self.role_ids: dict = {}        # a role's name (folded) -> its id (--roles)
        self.role_names: dict = {}      # a role's id -> its name as first written
        self.roles_played = 0           # posts that play one or more of them
        self.c_roles = None
        self.people = {}     # name (person_key) -> (person id, [posts])
        self.person_name = {}          # person id -> the name its first cell writes
        self.written_otherwise = {}    # person id -> the other ways its cells write it
        self.person_ids = set()
        self.line_sup = {}                # post -> its one superior
        self.line_rows = {}
        self.external = {}
        self.tops = {t.casefold() for t in preset.tops}
        # (what the preset's words say of a holder's cell, and of a title)
        self.words = HolderWords(preset)
        self.gone_titles: list = []     # (post id, title) of titles that say they are gone
        self.sources = {"posts": cited_file(self.label)}
        self.locale = None          # how the files write numbers
        self.citations = ("{src} line {rows}", "{src} lines {rows}")    # see cite
        self.language = "en"                    # of what it writes (see in_own_words)
        self.held_by = None        # holder -> posts, to read superiors by name
        self.key_name = None  # what the superior column gives of them
        self.by_name = 0                        # lines read so
        self.shared_keys = []     # (post, cell, [posts], row): a key several posts share
        self.by_unit = []         # superiors' cells read as the one in the post's unit
        self.with_title = []              # superiors written as id and title
        self.with_holder = []             # superiors written as id and holder's name
        self.name_forms = {"brackets": [], "surname": [], "titles": []}   # managers' names so
        self.untitled = None                # (see LineReading.holders_untitled)
        self.tails = None                   # (see LineReading.holders_by_tail)
        self.decimal_ids = []             # superiors written as "1001.0"
        self.several_holders = []         # cells that name several holders
        self.empty_holders = []           # posts of holder cells left empty
        self.no_unit: list = []           # posts whose unit cells are empty
        self.periods = []                 # (post, its dates) of each holder given one
        self.no_dates = {}                # date column -> its cells that say there is none
        self.date_orders = {}             # date column -> "day first", "month first" or "both"
        self.and_in_holder = []           # one holder's cell with 'en'/'and' in it
        # posts whose occupied FTE, with no holders named, made them vacant,
        # gave them a vacant part, or could not be set beside their FTE
        self.occupied: dict = {"vacant": [], "part": [], "not compared": [], "read": set()}
        self.shared_ftes: list = []             # FTE cells of each holder's share
        self.shared_holder_ftes = []      # the same, of --holder-fte
        self.hour_cells: list = []              # (row, text) of FTE cells written in hours
        self.eliminated = {}    # eliminated post id -> its superior's
        self.superiors: set[str] = set()   # the superior cells, as written
        self.reused_ids = "error"               # or "split": a reused post id
        self.totals: list = []                  # (row, id, FTE) of totals rows
        self.unknown = []                 # (row, post, superior) not in the file
        self.fte_read = 0.0                     # FTE of the post rows read
        self.fte_read_hi = 0.0                  # the same, a range's highest
        self.week = None          # the full-time week's hours, as given
        self.on = None            # the file's date (ISO text), when known
        self.hours = False                      # whether the FTE column gives hours
        self.percent = False                    # whether it gives percentages
        self.asked = set()                 # the columns the user named (must be there)
        self.line = True                        # False: the file gives no reporting lines
        self.row_ids = False                    # True: the file gives no post ids (rows are)
        self.c_units = []                 # the columns of a unit's levels, widest first
        self.unit_headings = False              # True: a heading row names its posts' unit
        self.fill_ditto = False     # True: a ditto mark is the cell above it (--fill-ditto)
        self.sup_by_id = True       # False: superiors named otherwise (--reports-to-by)
        self.headings: dict = {}                # heading -> its first row with posts under it
        self.heading_rows: set = set()          # the heading rows read as units
        self.c_path = None          # the unit column read as paths
        self.path_sep = "/"                     # between the parts of its paths

    # -- the steps of posts_tables ---------------------------------------------

    def set_options(self, locale, asked: set, reused_ids: str, full_time, line: bool,
                    row_ids: bool) -> None:
        """Keep the options that decide how the rows are read."""
        self.locale = locale
        self.asked = asked
        # (a Dutch export, even one whose numbers are written the English way,
        # is read by Dutch users: what orgmodel writes of it is Dutch)
        self.language = "nl" if "nl" in (locale, self.preset.locale) else "en"
        # (translated once: a call per row would cost seconds at 100,000 rows)
        self.citations = tuple(self.in_own_words(Message(text, src="{src}", rows="{rows}"))
                               for text in (N_("{src} line {rows}"), N_("{src} lines {rows}")))
        self.reused_ids = reused_ids
        self.week = float(full_time) if full_time is not None else None
        self.line = line
        self.row_ids = row_ids

    def read_rows(self, sheet, preset: bool, unit_path: str | None, unit_headings: bool,
                   name: str | None) -> None:
        """Read the table and its columns, its units (as paths or headings,
        when asked) and group its rows into posts."""
        self.read_posts(sheet, preset)
        self.read_whole_number_ids()
        if unit_path is not None:
            self.read_unit_path(str(unit_path))
        else:
            self.say_unit_paths()
        if unit_headings:
            self.read_unit_headings()
        self.group_rows(name)

    def read_superiors_by(self, reports_to_by: str) -> None:
        """What the superior column gives, when not the superior's id: its
        holder's name, or another column's value on its row."""
        if reports_to_by == "holder":
            self.held_by, self.key_name = self.posts_by_holder(), Message("holder")
        elif reports_to_by != "id":
            key = column_of(self.df, reports_to_by, self.label,
                            N_("superior's key (--reports-to-by)"), True)
            self.held_by = self.posts_by_column(key)
            self.key_name = f"'{key}'"
            self.log.columns.append((N_("superior's key"), key))
            self.log.unread_columns = [c for c in self.log.unread_columns if c != key]

    def build_posts(self, reports_to_by: str) -> None:
        """Build each post, check the line (and the second line), and say
        what the rows left for the reader to know."""
        for pid, group in self.posts.items():
            self.add_post(pid, group)
        self.read_shared_keys()
        self.say_roles_read()
        self.check_line()
        self.add_second_lines()
        self.say_occupancy()
        self.say_how_cells_were_read(reports_to_by)
        self.mark_people_on_several_posts()
        self.say_names_alike()

    # -- group the rows into posts --------------------------------------------

    def group_rows(self, name) -> None:
        """Rows by post id (a gone post's rows left out, and said), the
        organisation's name, and a reused id split into one post per row."""
        rows = defaultdict(list)
        orgs: defaultdict[str, list] = defaultdict(list)     # organisation -> its rows
        above = None            # (text, row) of the heading the rows are under
        # (an id that says none, '-', is still an id where a row reports to
        # it; but a top's mark, XX, reports to no post whatever its case)
        self.superiors = {s for s in self.df[self.c_sup].astype(str).str.strip()
                          if s.casefold() not in self.tops} if self.c_sup else set()
        for rowno, row in zip(self.df.index.tolist(), self.df.to_dict("records")):
            self.log.rows += 1
            rid = self.post_id(rowno, row)
            if rid is None:
                # (without --unit-headings too: the log says how to read them)
                text = self.heading_of(row)
                above = (text, rowno) if text else above
                continue
            if above:
                if self.unit_headings:
                    row[HEADING] = above[0]
                self.headings.setdefault(above[0], above[1])
                self.heading_rows.add(above[1])
            holder = _cell(row, self.c_holder).strip("'\" ")
            if self.words.is_eliminated(holder):
                self.log.skipped.append((self.label, rowno,
                                         Message(
                                             "post {rid} is marked '{holder}' (gone)",
                                             rid=rid, holder=holder)))
                self.log.eliminated.append((self.label, rowno))
                self.eliminated[rid] = _cell(row, self.c_sup)
                continue
            if self.c_org and _cell(row, self.c_org):
                orgs[_cell(row, self.c_org)].append(rowno)
            if self.c_title and self.words.says_gone(_cell(row, self.c_title)):
                self.gone_titles.append((rid, _cell(row, self.c_title)))
            rows[rid].append((rowno, row, holder))
            fte = self.fte(_cell(row, self.c_fte))
            self.fte_read += fte_total(fte)
            self.fte_read_hi += fte.hi if isinstance(fte, FteRange) else fte_total(fte)
        self.say_totals()
        self.say_headings()
        self.say_gone_titles()
        self.rows = rows
        self.org_name = name or (max(orgs, key=lambda o: len(orgs[o])) if orgs
                                 else self.path.stem)
        self.say_organisations(orgs)
        self.posts: dict[str, list] = {}     # post id -> list of (rowno, row, holder)
        self.by_raw: dict[str, str] = {}     # raw id -> post id (only when unambiguous)
        reused = []
        for rid, group in rows.items():
            if not self.one_post(group):
                reused.append((rid, group))
                new = [f"{rid}~{rowno}" for rowno, _, _ in group]
                self.log.split_ids.append((rid, new))
                for nid, item in zip(new, group):
                    self.posts[nid] = [item]
            else:
                self.posts[rid] = group
                self.by_raw[rid] = rid
        if reused and self.reused_ids == "error":
            raise ValidationError([self.reused_problem(rid, g) for rid, g in reused],
                                  where=str(self.path))
        # ids that differ only in capitals from exactly one post id
        count: dict[str, int] = {}
        for k in self.by_raw:
            count[k.casefold()] = count.get(k.casefold(), 0) + 1
        self.refuse_ids_alike_but_for_case(count)
        self.folded = {k.casefold(): k for k in self.by_raw if count[k.casefold()] == 1}

    def say_organisations(self, orgs: dict) -> None:
        """Rows of several organisations in the organisation column (a post
        of another body in a department's file, or two files run together):
        said, each with its rows, as all are read as posts of the one the
        model is named after."""
        if len(orgs) < 2:
            return
        ranked = sorted(orgs.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.log.decisions.append(Message(
            "the organisation column names {n} organisations: {orgs}; every row is read as a "
            "post of the model, named '{name}'", n=len(ranked), name=self.org_name,
            orgs=Listing(", ", [Message("'{o}' ({rows})", o=o, rows=count(
                len(rows), N_("{n} row"), N_("{n} rows")) if len(rows) > 3 else count(
                len(rows), N_("row {v}"), N_("rows {v}"), v=row_spans(rows)))
                for o, rows in ranked])))

    def refuse_ids_alike_but_for_case(self, count: dict) -> None:
        """Refuse posts whose ids differ only in upper and lower case
        (``F002`` and ``f002``), naming their rows: one post written two
        ways, or two posts? And a superior ``f002`` would mean either.
        (An organisation folder refuses them too, but named the row of the
        table the import made, not the file's.)"""
        first: dict[str, tuple] = {}
        for k in self.by_raw:
            if count[k.casefold()] > 1:
                row = self.posts[k][0][0]
                seen = first.setdefault(k.casefold(), (k, row))
                if seen[0] != k:
                    raise ValidationError([Problem(self.label, row, Message(
                        "post id '{rid}' differs from post id '{other}' (row {row}) only in upper "
                        "and lower case: one post written two ways, or two posts? A superior "
                        "written either way would mean either; write one post's id one way, "
                        "and two posts' ids apart", rid=k, other=seen[0], row=seen[1]))],
                        where=str(self.path))

    def post_id(self, rowno, row) -> str | None:
        """The id of the post on ``row``, or None, said in the log, when the
        row is no post (the header again, a totals row, a heading, no id)."""
        rid = _cell(row, self.c_id) if self.c_id else ""
        skip = self.log.skipped
        if self.header_again(row, rid):
            # (a table printed in pages, or two tables one under the other)
            skip.append((self.label, rowno, Message("repeats the header row, not a post")))
            return None
        # (the title and superior first: most rows have one, and are done)
        bare = not _cell(row, self.c_title) and not _cell(row, self.c_sup)
        if bare and _totals_word(rid):
            self.totals_row(rowno, row, rid)
            return None
        if bare and rid and self.lone_cell(row):
            # (a heading over a part of the table, or a note under it: a
            # post has more than its id, a title or a superior at least)
            skip.append((self.label, rowno, Message(
                "only the post id column is filled in ('{v}'): a heading or a note, not a "
                "post", v=rid if len(rid) <= 60 else rid[:59] + "…")))
            return None
        if rid in self.preset.not_in_post and rid not in self.superiors and \
                not self.says_vacant(_cell(row, self.c_holder).strip("'\" ")):
            # (a vacant row of that id is a post without its own id, as
            # published files have it: one is a post, several are refused)
            self.not_in_post(rowno, row, rid)
            return None
        if rid and says_no_key(rid) and rid not in self.superiors:
            skip.append((self.label, rowno, Message(
                "its post id '{v}' says there is none: no post id", v=rid)))
            self.log.left_out_fte += fte_total(self.fte(_cell(row, self.c_fte)))
            return None
        if not rid and _totals_word(_cell(row, self.c_title)):
            # (a totals row written in the title column: "Totaal Ruimte";
            # its FTE is the posts', not one left out)
            skip.append((self.label, rowno, Message(
                "a totals row ('{rid}'), not a post", rid=_cell(row, self.c_title))))
            return None
        if not rid and bare and _totals_word(_first_filled(row)):
            # (in another column: "Totaal Ruimte" in the unit's)
            self.totals_row(rowno, row, _first_filled(row))
            return None
        if not rid and self.row_ids and not self.lone_cell(row) and \
                (_cell(row, self.c_holder) or not bare):
            # (a row of a job title alone is a heading: a person's row names
            # the person, or the manager; the top's names no manager, and
            # an export without job titles none)
            return f"R{rowno}"
        if not rid:
            skip.append((self.label, rowno, self.no_id(row, rowno)))
            self.log.left_out_fte += fte_total(self.fte(_cell(row, self.c_fte)))
            return None
        return rid

    def not_in_post(self, rowno, row, rid: str) -> None:
        """A row whose id says its person holds no post (the organogram's
        ``0``, which many rows may share): no post, left out and named, its
        FTE counted as left out (a post reporting to the id, or a vacancy
        in its holder's cell, makes it a post's id again: see
        :meth:`post_id`)."""
        who = _cell(row, self.c_holder).strip("'\" ")
        # (the schema asks for N/D as the name of such a person: a run of
        # them is one line of the log)
        self.log.skipped.append((self.label, rowno, Message(
            "post id '{rid}' is the file's mark of a person not in a post ({who}), not a post",
            rid=rid, who=who) if who and not self.words.is_undisclosed(who) else Message(
            "post id '{rid}' is the file's mark of a person not in a post, not a post",
            rid=rid)))
        self.log.left_out_fte += fte_total(self.fte(_cell(row, self.c_fte)))

    def totals_row(self, rowno, row, text: str) -> None:
        """A totals row (its id, or its first filled cell, ``text``, starts
        with a totals word), said so; a grand total's FTE kept to set beside
        the rows read (see :meth:`say_totals`)."""
        self.log.skipped.append((self.label, rowno, Message(
            "a totals row ('{rid}'), not a post", rid=text)))
        word = _totals_word(text)
        if word not in SUBTOTALS and fold(text) == word:
            self.totals.append((rowno, text, self.fte(_cell(row, self.c_fte), False)))

    def no_id(self, row, rowno=None) -> Message:
        """Why a row without a post id is no post, for the log: a row of one
        filled cell shows it (``Afdeling Ruimte`` in the title column: a
        heading, whose reader sees which it was), as does a row whose only
        text is in a column with no name (a note under a published table)."""
        lone = self.lone_cell(row)
        if lone:
            column, v = lone
            return Message("only column '{c}' is filled in ('{v}'): a heading or a note, not a "
                           "post", c=self.shown(column), v=v if len(v) <= 60 else v[:59] + "…")
        v = (self.df.attrs.get("unnamed_text") or {}).get(rowno)
        if v:
            return Message("only a column with no name is filled in ('{v}'): a heading or a "
                           "note, not a post", v=v if len(v) <= 60 else v[:59] + "…")
        if self.row_ids:
            return Message("neither a job title nor a superior: a heading or a note, not a post")
        return Message("no post id")

    def lone_cell(self, row) -> tuple | None:
        """``(column, text)`` of a row's one filled cell, or None.  A whole
        number in a column not read (the row's number, ``Nr.``: a numbered
        heading, ``3 | Afdeling Ruimte``) is passed over."""
        unread = self.log.unread_columns
        filled = [(k, str(v).strip()) for k, v in row.items() if str(v or "").strip()
                  and not (k in unread and str(v).strip().isdigit())]
        return filled[0] if len(filled) == 1 else None

    def heading_of(self, row) -> str | None:
        """The text of a heading row (``Afdeling Ruimte``: one cell filled,
        with a letter in it, in the table's first column or the post id's or
        the job title's, as a heading is written, not a totals row), or
        None.  (A name alone in the holders' column is a stray cell, not a
        heading.)"""
        lone = self.lone_cell(row)
        if not lone or lone[0] not in (self.df.columns[0], self.c_id, self.c_title):
            return None
        text = lone[1]
        if not any(c.isalpha() for c in text) or _totals_word(text) or \
                _totals_word(text.split()[-1]):
            return None
        return text

    def header_again(self, row, rid: str) -> bool:
        """Whether ``row`` repeats the header row (a table printed in pages,
        or two tables one under the other): its id, or without ids its
        title, names its own column, and so does its superior."""
        own = (rid, self.c_id) if self.c_id else (_cell(row, self.c_title), self.c_title)
        if not own[1] or fold(own[0]) != fold(own[1]):
            return False
        return not self.c_sup or fold(_cell(row, self.c_sup)) == fold(self.c_sup)

    def say_headings(self) -> None:
        """The heading rows read as units (:attr:`unit_headings`) are rows
        used, said with them; a heading with no post under it stays a row
        not used."""
        if not self.heading_rows:
            return
        rows = sorted(self.heading_rows)
        if not self.unit_headings:
            self.log.decisions.append(count(len(rows), N_(
                "row {rows}, left out, may be a heading over posts: read it as their unit with "
                "--unit-headings"), N_(
                "rows {rows}, left out, may be headings over posts: read them as their units "
                "with --unit-headings"), rows=row_spans(rows)))
            return
        self.log.skipped = [s for s in self.log.skipped
                            if s[0] != self.label or s[1] not in self.heading_rows]
        self.log.decisions.append(count(len(rows), N_(
            "units read from a heading (row {rows}): a heading names the unit of the posts "
            "under it, up to the next heading, the widest unit of their rows"), N_(
            "units read from {n} headings (rows {rows}): a heading names the unit of the posts "
            "under it, up to the next heading, the widest unit of their rows"),
            rows=row_spans(rows)))

    def say_gone_titles(self) -> None:
        """Posts whose job title says they are gone: read as posts (the
        title is the file's, not a mark), said with how to mark one gone."""
        if not self.gone_titles:
            return
        shown = "; ".join(f"{pid} '{title}'" for pid, title in self.gone_titles[:10]) + (
            " …" if len(self.gone_titles) > 10 else "")
        self.log.decisions.append(count(len(self.gone_titles), N_(
            "1 post whose job title says it is gone ({v}): read as a post of the file; to "
            "leave a post out as gone, write 'opgeheven' (or 'Eliminated') in its holder's "
            "cell, or remove its row"), N_(
            "{n} posts whose job titles say they are gone ({v}): read as posts of the file; to "
            "leave a post out as gone, write 'opgeheven' (or 'Eliminated') in its holder's "
            "cell, or remove its row"), v=shown))

    def say_totals(self) -> None:
        """A totals row is left out (said in :meth:`group_rows`); its FTE is
        set beside the FTE of the rows read, which it should equal."""
        lo, hi = round(self.fte_read, 6), round(self.fte_read_hi, 6)
        for rowno, rid, fte in self.totals:
            if not isinstance(fte, float):
                continue
            if lo != hi:      # (rows of ranges: the total is within them, or not)
                self.log.decisions.append(Message(
                    "the totals row ('{rid}', row {row}) gives {fte} FTE, and the post rows read "
                    "hold from {read} to {most} FTE{v}", rid=rid, row=rowno, fte=fte, read=lo,
                    most=hi, v="" if lo - 1e-4 <= fte <= hi + 1e-4 else Message(
                        ": they differ; check the rows left out")))
                continue
            same = round(fte, 4) == round(self.fte_read, 4)
            self.log.decisions.append(Message(
                "the totals row ('{rid}', row {row}) gives {fte} FTE, and the post rows read hold "
                "{read} FTE{v}", rid=rid, row=rowno, fte=fte, read=round(self.fte_read, 6),
                v="" if same else Message(": they differ; check the rows left out")))

    def one_post(self, group) -> bool:
        """Whether the rows of one id say one post (a job share): the same
        title, superior, grade and unit.  (A post takes its first row's unit:
        another row's unit was dropped.)"""
        return len(group) == 1 or len({
            (_cell(r, self.c_title).casefold(), _cell(r, self.c_sup),
             _cell(r, self.c_grade).casefold(), self.unit_cells(r)) for _, r, _ in group}) == 1

    def unit_cells(self, row) -> tuple:
        """The cells that name ``row``'s unit, its levels widest first."""
        return tuple(_cell(row, c) for c in ([self.c_unit] if self.c_unit else self.c_units))

    def reused_problem(self, rid, group) -> Problem:
        """A post id on rows that describe different posts, each row said
        (its unit too when the rows' units differ)."""
        units = len({self.unit_cells(r) for _, r, _ in group}) > 1
        # (a Listing of messages, not text: each row said in the reader's language)
        rows = Listing("; ", [
            Message("row {rowno}: {title}", rowno=rowno,
                    title=_cell(r, self.c_title) or Message("(no title)"))
            + (Message(", grade {v}", v=_cell(r, self.c_grade)) if _cell(r, self.c_grade) else "")
            + (Message(", in {v}", v=" > ".join(filter(None, self.unit_cells(r)))
                       or Message("(no unit)")) if units else "")
            + Message(", reports to {v}", v=_cell(r, self.c_sup) or Message("(nobody)"))
            for rowno, r, _ in group])
        column = self.shown(self.c_id) if self.c_id else ""
        return Problem(self.label, group[0][0], Message(
            "post id '{rid}' is used for {n_group} different posts ({rows}): a line to it could mean "
            "any of them; give each post its own id, or import with --split-reused-ids to keep each "
            "row as its own post (lines to the id are then left out, listed)",
            rid=rid, n_group=len(group), rows=rows) + (Message(
                "; '{column}' may be a job code that posts share (a job catalogue's), not each "
                "post's own number: give the column of that with --id, or read each row as a "
                "post with --row-ids", column=column) if "code" in column.casefold() else ""))


    def check_not_empty(self) -> None:
        """An import that makes no post is an error saying why, not an empty
        organisation."""
        if self.log.posts:
            return
        if not self.log.rows:
            why = Message("has a header but no rows: there is no post to import")
        else:
            reasons = Listing("; ", [Message("row {r}: {w}", r=r, w=w)
                                     for _, r, w in self.log.skipped[:3]])
            why = count(self.log.rows, N_("its one row became no post ({reasons}{v})"),
                        N_("none of its {n} rows became a post ({reasons}{v})"),
                        reasons=reasons, v=' ...' if len(self.log.skipped) > 3 else '')
        raise ValidationError([Problem(self.label, None, why)], where=str(self.path))

    # -- build each post --------------------------------------------------------

    def unit_of(self, text, rowno, src="posts", within: tuple = ()):
        """The id of the unit named ``text`` (inside the units ``within``,
        the widest first, when the file gives a unit's levels), made on
        first sight."""
        if not text:
            return None
        key = (*within, text) if within else text
        uid = self.unit_ids.get(key)
        if uid is None:
            path = " > ".join((*within, text))
            uid = base = "unit:" + "/".join(slug(x) for x in (*within, text))
            n = 1
            # (another name with the same letters, or a post's own id)
            while uid in self.units or uid in self.posts:
                n += 1
                uid = f"{base}-{n}"
            if n > 1 and base in self.units:
                self.log.decisions.append(Message(
                    "the units '{a}' and '{b}' fold to one id: '{b}' is {uid}",
                    a=self.units[base], b=path, uid=uid))
            elif n > 1:
                self.log.decisions.append(Message(
                    "the unit '{b}' would have the id of post {base}: it is {uid}",
                    b=path, base=base, uid=uid))
            self.unit_ids[key] = uid
            self.units[uid] = path
            self.nodes.append({"id": uid, "kind": "Team", "name": text, "team_kind": "unit",
                               "source": self.cite(rowno, src), "evidence": "stated"})
        return uid

    def unit_path(self, row, rowno) -> tuple:
        """``(unit, heading's row)``: the narrowest unit a row names in the
        columns of a unit's levels (:attr:`Columns.units`), each unit in the
        one before it (a unit's first row cited, a heading's own row); an
        empty level is passed over.  The heading's row is given when that
        unit is a heading's (see ``unit_headings``), else None."""
        within: tuple = ()
        parent = under = None
        for column in self.c_units:
            names = self.path_of(_cell(row, column)) if column == self.c_path else \
                [_cell(row, column)]
            for name in filter(None, names):
                # (a heading is the widest level: ``within`` is empty for it)
                heading_row = self.headings[name] if column == HEADING else None
                unit = self.unit_of(name, heading_row or rowno, within=within)
                if parent and (unit, parent) not in self.unit_links:
                    self.unit_links.add((unit, parent))
                    self.edges.append(self.member_of(unit, parent, rowno, under))
                within, parent, under = (*within, name), unit, heading_row
        return parent, under

    def member_of(self, member: str, unit: str, rowno, under=None) -> dict:
        """The ``MEMBER_OF`` edge of a post or unit on row ``rowno`` in
        ``unit``: stated by the row, or, in the unit of the heading on row
        ``under``, inferred from the row's place under it."""
        edge = {"from": member, "to": unit, "kind": "MEMBER_OF", "source": self.cite(rowno),
                "evidence": "stated"}
        if under is not None:
            edge.update(evidence="inferred", note=self.in_own_words(Message(
                "the row is under the heading on row {row}", row=under)))
        return edge

    def add_post(self, pid, group) -> None:
        """The post's node, its unit, its holders and its line."""
        first_row, first, _ = group[0]
        title = _cell(first, self.c_title)
        if not title:
            title = self.in_own_words(Message("Post {pid}", pid=pid))
            self.log.cells.append((self.label, first_row, Message(
                "post {pid} has no job title: it is named '{title}'", pid=pid, title=title)))
        ftes = self.ftes(group)
        holders = [h for _, _, h in group]
        # (each row's dates read once, for a vacant row too: a date that is
        # none is said)
        periods = [self.period(row, rowno) for rowno, row, _ in group]
        sup = _cell(first, self.c_sup)
        # (without a line, no post is a top: the file does not say)
        is_top = bool(self.c_sup) and sup.casefold() in self.tops
        latest = one_after_another(holders, periods) if len(group) > 1 else None
        now = held_on(periods, self.on) if len(group) > 1 and latest is None else None
        self.nodes.append(self.post_node(pid, group, title, ftes, holders, is_top, latest, now))
        self.log.posts += 1
        u, under = self.unit_path(first, first_row) if self.c_units else \
            (self.unit_of(_cell(first, self.c_unit), first_row), None)
        if u:
            self.edges.append(self.member_of(pid, u, first_row, under))
        elif self.c_unit or self.c_units:
            self.no_unit.append(pid)
        self.add_holders(pid, group, ftes, periods)
        if self.c_roles:
            self.add_roles(pid, group)
        if self.c_sup:
            self.add_line(pid, title, sup, is_top, first_row)

    def add_roles(self, pid, group) -> None:
        """The roles the post's rows name (``Budgethouder, Projectleider``:
        between commas, semicolons or lines), each a Role the post PLAYS, one
        Role per name (case, accents and spaces aside), made on first sight."""
        played: dict = {}
        for rowno, row, _ in group:
            for name in re.split(r"\s*[,;\n]\s*", _cell(row, self.c_roles)):
                if name and not says_no_key(name):
                    played.setdefault(self.role_of(name, rowno), rowno)
        for role, rowno in played.items():
            self.edges.append({"from": pid, "to": role, "kind": "PLAYS",
                               "source": self.cite(rowno), "evidence": "stated"})
        self.roles_played += bool(played)

    def say_roles_read(self) -> None:
        """How many roles ``--roles`` read, and how many posts play them."""
        if self.c_roles:
            self.log.decisions.append(Message(
                "roles read from '{c}': {roles}, played by {posts} (each name between commas or "
                "semicolons a role; a name written alike, case and spaces aside, one role)",
                c=self.shown(self.c_roles),
                roles=count(len(self.role_names), N_("{n} role"), N_("{n} roles")),
                posts=count(self.roles_played, N_("{n} post"), N_("{n} posts"))))

    def role_of(self, name: str, rowno) -> str:
        """The id of the role named ``name``, made on first sight."""
        key = fold(name)
        rid = self.role_ids.get(key)
        if rid is None:
            rid = base = "role:" + slug(name)
            n = 1
            while rid in self.role_names or rid in self.units or rid in self.posts:
                n += 1
                rid = f"{base}-{n}"
            self.role_ids[key] = rid
            self.role_names[rid] = name
            self.nodes.append({"id": rid, "kind": "Role", "name": name,
                               "source": self.cite(rowno), "evidence": "stated"})
        return rid

    def ftes(self, group) -> list:
        """Each row's FTE (a float, each holder's share as a tuple, None, or
        why it is none: "bad", "negative" ...); a bad one is said."""
        if not self.c_fte:
            return []
        texts = [_cell(r, self.c_fte) for _, r, _ in group]
        ftes = [self.fte(x) for x in texts]
        for i, (rowno, row, cell) in enumerate(group):
            if FTE_PARTS.search(texts[i]):
                # (a cell of several numbers read again, by the holders its
                # row names: few rows have one)
                named = self.named_holders(cell)
                ftes[i] = self.fte(texts[i], holders=len(named))
                if isinstance(ftes[i], tuple):
                    ftes[i] = self.shares(ftes[i], rowno, texts[i], cell, named)
                    continue
            # (the holders looked at only past one person's FTE: every row
            # reads its FTE, few have that much)
            # (beside a column of the holders' own FTE, this one is the
            # post's: a post of 2 FTE held by one person at 0,89 is none)
            named = self.named_holders(cell) if isinstance(ftes[i], float) and \
                ftes[i] > MAX_FTE_OF_ONE and not self.c_holder_fte else []
            if more_than_they_work(ftes[i], named):
                self.log.cells.append((self.label, rowno, Message(
                    "FTE '{v}' is more than the people the holder's cell names ('{holder}') "
                    "can work: hours per week (give the organisation's full-time week with "
                    "--full-time HOURS, and the column with --hours COLUMN), or a post of "
                    "several places under one name? The post is kept without that FTE",
                    v=_cell(row, self.c_fte), holder=cell)))
                ftes[i] = "beyond one"
        for (rowno, row, _), f in zip(group, ftes):
            if f in ("bad", "negative", "grouped", "share?", "two ways", "inverted", "scientific"):
                why = not_a_fte(f, _cell(row, self.c_fte), self.locale) \
                    if (rowno, self.c_fte) not in self.df.attrs.get("dates", ()) else Message(
                        "is a date in the workbook: a spreadsheet makes a date of a fraction "
                        "typed as 1/2 or 4/5; type the FTE as a decimal number")
                self.log.cells.append((self.label, rowno, Message(
                    "FTE '{v}' {why}: the post is kept without that FTE",
                    v=_cell(row, self.c_fte), why=why)))
            elif isinstance(f, float) and self.week and not self.hours and \
                    HOURS_UNIT.search(_cell(row, self.c_fte).casefold()):
                self.hour_cells.append((rowno, _cell(row, self.c_fte)))
        if self.c_holder_fte and len(group) > 1:
            return self.once_per_post(group, texts, ftes)
        return ftes

    def once_per_post(self, group, texts, ftes) -> list:
        """The FTE of a post held by several, beside a column of the holders'
        own FTE: the post's own formation, written on each of its rows (an
        export's ``Formatie fte`` beside ``Bezetting fte``), read once; rows
        that give different ones give none, said (which is the post's, the
        file does not say)."""
        given = [(rowno, text, f) for (rowno, _, _), text, f in zip(group, texts, ftes) if text]
        if len({text for _, text, _ in given}) > 1 and \
                len({repr(f) for _, _, f in given}) > 1:
            self.log.cells.append((self.label, given[0][0], Message(
                "the post's FTE differs between its rows ({ftes}, rows {rows}), beside the "
                "holders' own in '{column}': which is the post's, the file does not say; the "
                "post is kept without an FTE", ftes=", ".join(f"'{t}'" for _, t, _ in given),
                rows=", ".join(str(r) for r, _, _ in given),
                column=self.shown(str(self.c_holder_fte)))))
            return [None] * len(group)
        return [given[0][2] if given else None] + [None] * (len(group) - 1)

    def shares(self, shares: tuple, rowno, text: str, cell: str, named: list,
               said: list | None = None):
        """A cell of several FTE (``0,5 / 0,5``): each holder's share when
        the holder's cell (``cell``, naming the people ``named``) names as
        many people, none of them more than one person works; else it is
        said, and the post kept without it."""
        if len(named) != len(shares):
            self.log.cells.append((self.label, rowno, Message(
                "FTE '{v}' gives {shares}, one for each holder, and the holder's cell ('{holder}') "
                "names {people}: whose share is which, the row does not say. The post is kept "
                "without that FTE", v=text, holder=cell,
                shares=count(len(shares), N_("{n} share"), N_("{n} shares")),
                people=count(len(named), N_("{n} person"), N_("{n} people")))))
            return "shares"
        if max(shares) > MAX_FTE_OF_ONE:
            self.log.cells.append((self.label, rowno, Message(
                "FTE '{v}' gives a holder more than one person can work: hours per week (give "
                "the organisation's full-time week with --full-time HOURS)? The post is kept "
                "without that FTE", v=text)))
            return "beyond one"
        (self.shared_ftes if said is None else said).append(text)
        return shares

    def post_node(self, pid, group, title, ftes, holders, is_top, latest=None,
                  now=None) -> dict:
        """The post's node; ``latest``: the row of its holders held one after
        another whose FTE is the post's (see :func:`one_after_another`);
        ``now``: else the rows held on the file's date, when not all are (see
        :func:`held_on`)."""
        first = group[0][1]
        # (holders one after another, or some gone by the file's date: the
        # FTE of the rows that hold it, not every row's summed)
        rows = [latest] if latest is not None else now
        counted = [ftes[i] for i in rows] if rows is not None and ftes else ftes
        known = [f if isinstance(f, float) else fte_total(f) for f in counted
                 if isinstance(f, (float, tuple))]
        ranges = [f for f in counted if isinstance(f, FteRange)]
        # (the post's FTE as one number, when it is one: what a vacant part is of)
        total = round(sum(known), 6) if known and not ranges else None
        node = {"id": pid, "kind": "Post", "name": title, "sphere": "official",
                "source": "; ".join(self.cite(r) for r, _, _ in group), "evidence": "stated"}
        if ranges:
            # (a job share of a range and a number: the range moved by the number)
            node["fte"] = FteRange(round(sum(known) + sum(r.lo for r in ranges), 6),
                                   round(sum(known) + sum(r.hi for r in ranges), 6)).text()
            known += [r.lo for r in ranges]
        elif total is not None:
            node["fte"] = number_text(total)
        if self.c_grade and _cell(first, self.c_grade):
            node["grade"] = _cell(first, self.c_grade)
        if self.c_cost:
            self.cost_centre(node, group)
        # (on the file's date: a post whose holder left, on a row beside a
        # vacancy's, is vacant)
        if self.c_holder and all(self.says_vacant(holders[i]) for i in
                                 (now if now is not None else range(len(holders)))):
            node["vacant"] = "true"
            self.log.vacancies.append(pid)
            more = [h for h in holders if not self.words.is_vacancy_word(h)]
            if more:
                # ("Vacature (B. Smit tot 1-3)": more than a vacancy, kept as written)
                node["note"] = self.in_own_words(Message(
                    "vacant: the holder's cell says '{v}'", v=more[0]))
        elif self.c_holder_fte and (not self.c_holder or (
                not any(holders) and self.preset.empty_holder == "not recorded")):
            # (no holder named: the occupied FTE says what of the post is held)
            self.occupancy(node, group, total)
        names = {x.casefold() for x in (self.org_name, _cell(first, self.c_org)) if x}
        if is_top and (title.casefold() in names or any(h.casefold() in names
                                                          for h in holders)):
            node["placeholder"] = "true"
            self.log.placeholders.append((pid, title))
        if latest is not None:
            self.successive(node, group)
        elif now is not None:
            self.held_on_the_date(node, group, now)
        elif len(group) > 1:
            self.job_share(node, group, ftes, holders, total, sum(known))
        return node


    def job_share(self, node: dict, group, ftes: list, holders: list, total: float | None,
                  summed: float) -> None:
        """A post on several rows alike held together: its FTE the rows'
        ``summed`` (``total`` when it is one number: see :meth:`post_node`),
        said in its note and the log."""
        # (a post whose FTE is not given, none on its rows or theirs left
        # out, is said as such: not as 0 FTE)
        self.log.job_shares.append((node["id"], [r for r, _, _ in group],
                                    summed if "fte" in node else None))
        rows = ", ".join(str(r) for r, _, _ in group)
        node["note"] = self.in_own_words(
            # (no FTE given, or the rows' differ beside the holders' own: the
            # note claims no reading of it)
            Message("one post on rows {rows}: a job share; its FTE is not given", rows=rows)
            if "fte" not in node else Message(
                "one post on rows {rows}: a job share; its FTE, the post's own beside its "
                "holders' in '{column}', read once", rows=rows,
                column=self.shown(str(self.c_holder_fte))) if self.c_holder_fte and self.c_fte
            else Message("one post on rows {rows}: a job share, FTE summed", rows=rows))
        node["note"] += self.vacant_part(node, group, ftes, holders, total)

    def successive(self, node: dict, group) -> None:
        """A post whose rows' holders held it one after another (its FTE the
        latest row's: see :meth:`post_node`), said in its note and the log."""
        rows = [r for r, _, _ in group]
        self.log.successions.append((node["id"], rows))
        node["note"] = self.in_own_words(Message(
            "one post on rows {rows}: its holders held it one after another (each one's "
            "period ends before the next one's starts); its FTE is the latest row's",
            rows=", ".join(map(str, rows))))

    def held_on_the_date(self, node: dict, group, now: list) -> None:
        """A post some of whose rows' holders left before the file's date, or
        start after it (its FTE the rows' held on it: see :meth:`post_node`),
        said in its note and the log."""
        rows = [r for r, _, _ in group]
        held = [group[i][0] for i in now]
        self.log.held_on_date.append((node["id"], rows, held))
        node["note"] = self.in_own_words(count(len(held), N_(
            "one post on rows {rows}: on the file's date {date} only row {held} holds it (the "
            "other rows' holders left before it, or start after it); its FTE is that row's"), N_(
            "one post on rows {rows}: on the file's date {date} only rows {held} hold it (the "
            "other rows' holders left before it, or start after it); its FTE is theirs"),
            rows=", ".join(map(str, rows)), date=_dt.date.fromisoformat(str(self.on)),
            held=", ".join(map(str, held))))

    def occupancy(self, node: dict, group, total: float | None) -> None:
        """A post's occupied FTE (its *bezetting*, ``--holder-fte``) where
        the file names no holder of it (no holders' column, or the post's
        cells in it left empty): none occupied makes it vacant, less than
        its FTE gives it a vacant part (``vacant_fte``, the difference); who
        holds the rest is not recorded. A cell that is no number (said here,
        or by :meth:`holder_fte` beside a holders' column), or more than the
        post's FTE, is not used. ``total``: the post's FTE as one number
        (None for a range or none)."""
        rows = [(r, _cell(row, self.c_holder_fte)) for r, row, _ in group]
        if not any(text for _, text in rows):
            return
        values = [self.fte(text) if text else None for _, text in rows]
        first = next(r for r, text in rows if text)
        bad = next(((r, text, v) for (r, text), v in zip(rows, values)
                    if not isinstance(v, float)), None)
        if bad:
            why = not_a_fte(bad[2], bad[1], self.locale) if bad[1] else Message("is empty")
            if not self.c_holder:
                self.log.cells.append((self.label, bad[0], Message(
                    "occupied FTE '{v}' of post {pid} {why}: not used", v=bad[1], pid=node["id"],
                    why=why)))
            return
        held = round(sum(v for v in values if isinstance(v, float)), 6)
        if held and total is None:
            # (nothing comes of it: beside a holders' column, a cell not used)
            self.occupied["not compared"].append(node["id"])
            return
        self.occupied["read"].add(node["id"])
        column = self.shown(str(self.c_holder_fte))
        if held == 0:
            node["vacant"] = "true"
            self.log.vacancies.append(node["id"])
            self.occupied["vacant"].append(node["id"])
        elif total is not None and held > total:
            self.log.cells.append((self.label, first, Message(
                "occupied FTE {held} of post {pid} is more than its FTE {fte}: not used (who "
                "holds the post, and how much, is not recorded)", pid=node["id"],
                **self.figures(held=held, fte=total))))
        elif total is not None and held < total:
            node["vacant_fte"] = number_text(round(total - held, 6))
            self.occupied["part"].append(node["id"])
            node["note"] = self.in_own_words(Message(
                "occupied {held} of its {fte} FTE ('{column}'): the rest, {part} FTE, its vacant "
                "part (vacant_fte)", column=column,
                **self.figures(held=held, fte=total, part=round(total - held, 6))))

    def say_occupancy(self) -> None:
        """What the occupied FTE of posts with no holders named made of them,
        said once."""
        read = self.occupied
        if read["not compared"] and not self.c_holder:
            self.log.decisions.append(Message(
                "the occupied FTE of {posts} is not set beside their FTE, which is not one "
                "number (a range, or none): the first {v}",
                posts=count(len(read["not compared"]), N_("{n} post"), N_("{n} posts")),
                v=read["not compared"][0]))
        if not read["read"]:
            return
        posts = dict(vacant=count(len(read["vacant"]), N_("{n} post"), N_("{n} posts")),
                     part=count(len(read["part"]), N_("{n} post"), N_("{n} posts")))
        self.log.decisions.append(Message(
            "'{c}' read as each post's occupied FTE, the file naming no holders: {vacant} vacant "
            "(none occupied), {part} with a vacant part (their FTE less the occupied); who holds "
            "the rest is not recorded", c=self.shown(str(self.c_holder_fte)),
            vacant=posts["vacant"], part=posts["part"])
            if not self.c_holder else Message(
            "'{c}' read as the occupied FTE of the posts whose holder's cell is empty ({posts}): "
            "{vacant} vacant (none occupied), {part} with a vacant part (their FTE less the "
            "occupied); who holds the rest is not recorded", c=self.shown(str(self.c_holder_fte)),
            posts=count(len(read["read"]), N_("{n} post"), N_("{n} posts")),
            vacant=posts["vacant"], part=posts["part"]))

    def cost_centre(self, node: dict, group) -> None:
        """The post's cost centre; those of a job share's rows all kept when
        they differ (a post financed from two), said in the log."""
        centres = list(dict.fromkeys(filter(None, (_cell(r, self.c_cost) for _, r, _ in group))))
        if not centres:
            return
        node["cost_centre"] = "; ".join(centres)
        if len(centres) > 1:
            self.log.decisions.append(Message(
                "post {pid} (rows {rows}) gives {n} cost centres on its rows ({centres}): all "
                "are kept on the post", pid=node["id"], n=len(centres),
                rows=", ".join(str(r) for r, _, _ in group),
                centres=Listing(", ", [f"'{c}'" for c in centres])))

    def vacant_part(self, node: dict, group, ftes, holders, total: float | None) -> str:
        """A post held on some of its rows and vacant on others (``Jan`` 0,8
        and ``Vacature`` 0,2): the post is held, the vacant rows' FTE its
        vacant part (``vacant_fte``) where each of them gives one and the
        post's FTE is theirs and its holders' added; listed in the log, and
        said for its note.  ``total``: the post's FTE as one number (None
        for a range or none)."""
        ftes = ftes or [None] * len(group)
        rows = [(r, f) for (r, _, _), f, h in zip(group, ftes, holders)
                if self.says_vacant(h)]
        if not rows or len(rows) == len(group):
            return ""
        fte = round(sum(f for _, f in rows if isinstance(f, float)), 6)
        shown = ", ".join(str(r) for r, _ in rows)
        if self.c_holder_fte:
            # (beside a column of the holders' own FTE the post's FTE is its
            # own, given on each row: the vacant rows' is no part of it; the
            # holders' own FTE, where each gives one, says what is held)
            return self.vacant_past_holders(node, group, holders, total, rows, shown)
        part = total is not None and all(isinstance(f, float) for _, f in rows) and 0 < fte < total
        self.log.partly_vacant.append((node["id"], [r for r, _ in rows], fte, part))
        if part:
            node["vacant_fte"] = number_text(fte)
            return self.in_own_words(Message(
                "; vacant on row {rows}: {fte} FTE of it, its vacant part (vacant_fte)",
                rows=shown, **self.figures(fte=fte)))
        return self.in_own_words(Message(
            "; vacant on row {rows} ({fte} FTE): the post is held, that part of it not",
            rows=shown, **self.figures(fte=fte)))

    def vacant_past_holders(self, node: dict, group, holders, total, rows, shown) -> str:
        """A post held on some rows and vacant on others, beside a column of
        the holders' own FTE (Lotte 0,5 of a post of 1,5, and ``Vacature``):
        its vacant part the post's FTE past its holders' (1,0), where each
        holder's row gives one and they come to less than the post's; else
        the post is held, that part of it not recorded."""
        own = [self.fte(_cell(r, self.c_holder_fte)) for (_, r, _), h in zip(group, holders)
               if not self.says_vacant(h)]
        held = round(sum(own), 6) if all(isinstance(f, float) for f in own) else None
        part = total is not None and held is not None and 0 < held < total
        fte = round(total - held, 6) if part else 0.0
        self.log.partly_vacant.append((node["id"], [r for r, _ in rows], fte, part))
        if not part:
            return self.in_own_words(Message(
                "; vacant on row {rows} ({fte} FTE): the post is held, that part of it not",
                rows=shown, **self.figures(fte=fte)))
        node["vacant_fte"] = number_text(fte)
        return self.in_own_words(Message(
            "; vacant on row {rows}: its FTE past its holders' own ({held} of {total} in "
            "'{column}'), {fte} FTE, its vacant part (vacant_fte)", rows=shown,
            column=self.shown(str(self.c_holder_fte)),
            **self.figures(fte=fte, held=held, total=total)))

    def say_how_cells_were_read(self, reports_to_by: str) -> None:
        """The readings made of cells as a file wrote them, each said once
        with its first example and a count: superiors as an id and a title,
        or by name (``reports_to_by``); FTE in hours; several holders in one
        cell."""
        said = self.log.decisions
        if self.with_title:
            said.append(first_and_count(N_(
                "superiors written as their post's id and job title ('{v}'): read as that post "
                "({lines})"), self.with_title, "lines"))
        if self.with_holder:
            said.append(first_and_count(N_(
                "superiors written as their post's id and its holder's name ('{v}'): read as "
                "that post ({lines})"), self.with_holder, "lines"))
        if self.name_forms["brackets"]:
            said.append(first_and_count(N_(
                "superiors written as a holder's name with more after it in brackets ('{v}'): "
                "read as the post of that name ({lines})"), self.name_forms["brackets"], "lines"))
        if self.name_forms["surname"]:
            said.append(first_and_count(N_(
                "superiors written surname first ('{v}'): read as the post of the holder of that "
                "name written first name first ({lines})"), self.name_forms["surname"], "lines"))
        if self.name_forms["titles"]:
            said.append(first_and_count(N_(
                "superiors written with or without a form of address or a title ('{v}'): read "
                "as the post of the holder of that name ({lines})"), self.name_forms["titles"],
                "lines"))
        if self.decimal_ids:
            said.append(first_and_count(N_(
                "superiors written as a whole number with decimals ('{v}'), as a spreadsheet "
                "writes an id it took for a number: read as the post of that number ({lines})"),
                self.decimal_ids, "lines"))
        if self.by_unit:
            said.append(first_and_count(N_(
                "superiors written as a key several posts share ('{v}'): read as the one of "
                "those posts in the post's own unit, or the nearest unit around it (graded "
                "inferred, the line's note says so) ({lines})"), self.by_unit, "lines"))
        if self.held_by is not None:
            said.append(Message(
                "superiors read through {key} of their post (--reports-to-by {by}): {lines}",
                key=Message("the holder") if reports_to_by == "holder" else
                Message("the column '{c}'", c=reports_to_by),
                by=reports_to_by, lines=count(self.by_name, N_("{n} line"), N_("{n} lines"))))
        if self.hour_cells:
            rowno, text = self.hour_cells[0]
            said.append(Message(
                "FTE written in hours in {cells} ('{v}', row {row}): read over a full-time week "
                "of {week} hours (--full-time)", v=text, row=rowno,
                week=self.figures(week=self.week)["week"],
                cells=count(len(self.hour_cells), N_("{n} cell"), N_("{n} cells"))))
        if self.shared_ftes:
            said.append(first_and_count(N_(
                "FTE written per holder in one cell ('{v}'): each holder their share, the post "
                "their sum ({cells})"), self.shared_ftes, "cells"))
        if self.shared_holder_ftes:
            said.append(first_and_count(N_(
                "holders' FTE written per holder in one cell ('{v}'): each holder their share "
                "({cells})"), self.shared_holder_ftes, "cells"))
        self.say_holder_cells()

    def say_holder_cells(self) -> None:
        """The readings made of holders' and units' cells (see
        :meth:`say_how_cells_were_read`): empty ones, several names in one,
        a vacancy beside a name, 'en' in a name."""
        said = self.log.decisions
        empty = self.empty_holders_said() if self.empty_holders else ""
        if empty:
            said.append(empty)
        if self.no_unit:
            # (a unit typed once above its posts leaves the cells under it
            # empty: those posts are in no unit, and the formation per unit
            # leaves them out)
            said.append(count(len(self.no_unit), N_(
                "1 post with an empty unit cell ({v}): in no unit (a unit typed once above its "
                "posts is read from a cell merged over them in a workbook, or with "
                "--unit-headings from a row of its own; else write it on each row)"), N_(
                "{n} posts with an empty unit cell ({v}): in no unit (a unit typed once above "
                "its posts is read from a cell merged over them in a workbook, or with "
                "--unit-headings from a row of its own; else write it on each row)"),
                v=_first_posts(self.no_unit)))
        if self.several_holders:
            said.append(first_and_count(N_(
                "holders written as several names in one cell ('{v}'): each read as a person "
                "holding the post, the row's FTE not divided among them ({cells})"),
                self.several_holders, "cells"))
        beside = [c for c in self.several_holders
                  if any(self.words.is_vacant_holder(h) for h in self.holder_names(c))]
        if beside:
            # ("Vacature / B. Jansen": the whole cell was a vacancy, the name lost)
            said.append(first_and_count(N_(
                "a vacancy beside a holder's name in one cell ('{v}'): the post is held by "
                "the person named, and whether part of it is vacant the cell does not say "
                "({cells})"), beside, "cells"))
        if self.and_in_holder:
            said.append(first_and_count(N_(
                "a holder's cell with 'en' or 'and' in it that does not read as two people's "
                "names, each with a capital and an initial or two words ('{v}'): read as one "
                "holder; write two people as 'A. de Vries / B. Jansen' to read two ({cells})"),
                self.and_in_holder, "cells"))

    def empty_holders_said(self) -> Message | str:
        """The posts whose holder cell is empty: neither held nor vacant as
        far as the file says (a job share's row left empty beside a named
        holder is not one: the post is held)."""
        held = {e["to"] for e in self.edges if e["kind"] == "HOLDS"}
        posts = [p for p in dict.fromkeys(self.empty_holders) if p not in held]
        if not posts:
            return ""
        shown = _first_posts(posts)
        return count(len(posts), N_(
            "1 post with an empty holder cell ({v}): who holds it, and whether it is vacant, is "
            "not recorded (write 'Vacature' or 'Vacant' for a vacant post, 'N.N.' or 'N/D' for "
            "one held by someone not named)"), N_(
            "{n} posts with an empty holder cell ({v}): who holds them, and whether they are "
            "vacant, is not recorded (write 'Vacature' or 'Vacant' for a vacant post, 'N.N.' or "
            "'N/D' for one held by someone not named)"), v=shown)


    def say_periods(self, date: str | None) -> None:
        """The holders given an end date, said with those who left before the
        file's ``date`` (on it they hold no post: the analyses, on the
        model's date, leave them out), or with the need of a date; and
        those who start after it (who hold no post on it yet)."""
        if date:
            later = [pid for pid, p in self.periods if p.get("valid_from", "") > date]
            if later:
                self.log.decisions.append(count(len(later), N_(
                    "1 holder starts after the file's date {date} ({posts}): on that date they "
                    "hold no post yet, and the analyses leave them out"), N_(
                    "{n} holders start after the file's date {date} ({posts}): on that date they "
                    "hold no post yet, and the analyses leave them out"),
                    date=_dt.date.fromisoformat(date), posts=_first_posts(later)))
        ended = [(pid, p["valid_to"]) for pid, p in self.periods if "valid_to" in p]
        if ended:
            self.say_ended(ended, date)
        for column, cells in self.no_dates.items():
            self.log.decisions.append(count(len(cells), N_(
                "1 cell of '{c}' says there is no date ({v}): read as none"), N_(
                "{n} cells of '{c}' say there is no date ({v}): read as none"),
                c=self.shown(column), v=", ".join(f"'{v}'" for v in dict.fromkeys(cells))))

    def say_ended(self, ended: list, date: str | None) -> None:
        """The holders given an end date (``(post, date)``): see :meth:`say_periods`."""
        column = f"'{self.shown(str(self.c_end))}'"
        if not date:
            self.log.decisions.append(count(len(ended), N_(
                "1 holder has an end date in {c} (kept as the end of holding the post); the "
                "file's date is not known, so whether they had left by then is not known either: "
                "give --date, or analyse with --on"), N_(
                "{n} holders have an end date in {c} (kept as the end of holding the post); the "
                "file's date is not known, so who had left by then is not known either: give "
                "--date, or analyse with --on"), c=column))
            return
        gone = [pid for pid, end in ended if end < date]
        said = (N_("1 holder has an end date in {c}, and left before the file's date {date} "
                   "({posts}): on that date they hold no post, and the analyses leave them out"),
                N_("{n} holders have an end date in {c}; {k} of them left before the file's "
                   "date {date} ({posts}): on that date those hold no post, and the analyses "
                   "leave them out")) if gone else (
                N_("1 holder has an end date in {c}, not before the file's date {date}: on "
                   "that date they hold their post"),
                N_("{n} holders have an end date in {c}, none before the file's date {date}: "
                   "on that date they hold their posts"))
        self.log.decisions.append(count(len(ended), *said, c=column, k=len(gone),
                                        date=_dt.date.fromisoformat(date),
                                        posts=_first_posts(gone)))

    # -- the manifest -----------------------------------------------------------

    def manifest(self, date) -> dict:
        """org.yaml of the import; ``date``: the file's (see :meth:`date_of_file`)."""
        manifest: dict = {"name": self.org_name}
        if date:
            manifest["date"] = str(date)
        if self.locale:
            manifest["locale"] = self.locale
        if self.language == "nl":
            manifest["language"] = "nl"
        files = ", ".join(self.log.files)
        manifest["description"] = {"en": f"Imported by orgmodel from {files}.",
                                   "nl": f"Door orgmodel geïmporteerd uit {files}."}
        manifest["sources"] = self.declared_sources()
        manifest["rules"] = []
        manifest["import"] = self.log.counts()
        if self.row_ids:
            # (so that diff does not match two files' posts on row numbers)
            manifest["import"]["post_ids"] = "rows"
        return manifest

    def date_of_file(self) -> str | None:
        """The date the file describes, when ``--date`` is not given: the one
        its name holds, the one a line above its header states
        (:func:`date_above_header`) and the one a column such as *Peildatum*
        gives on every row (:func:`date_in_column`), each said; two that
        differ give none, said, as which holds the file does not say."""
        found = [(Message("the file's name"), *date_in_name(self.path.name, locale=self.locale)),
                 (Message("a row above its header"),
                  *date_above_header(self.df.attrs.get("above_header") or [], self.locale)),
                 *self.date_columns()]
        dates = [(where, date) for where, date, _ in found if date]
        other = next(((w, d) for w, d in dates if d != dates[0][1]), None)
        if other:
            self.log.decisions.append(Message(
                "the dates differ: {a} says {da} and {b} {db}; no date is taken (give --date)",
                a=dates[0][0],
                da=_dt.date.fromisoformat(dates[0][1]), b=other[0],
                db=_dt.date.fromisoformat(other[1])))
            return None
        self.log.decisions += [said_it for _, _, said_it in found if said_it]
        return dates[0][1] if dates else None

    def date_columns(self) -> list:
        """``(where, date, what to say)`` of each column not read otherwise
        whose name says it gives the date the table describes (``Peildatum``,
        see :data:`AS_AT_COLUMNS`), read as such."""
        out = []
        rows = {rowno for group in self.posts.values() for rowno, _, _ in group}
        for column in list(self.log.unread_columns):
            shown = self.shown(column)
            if fold(shown) not in AS_AT_COLUMNS:
                continue
            values = [(rowno, str(v).strip()) for rowno, v in self.df[column].items()
                      if isinstance(v, str) and v.strip() and rowno in rows]
            out.append((Message("column '{c}'", c=shown), *date_in_column(values, shown,
                                                                          self.locale)))
            self.log.unread_columns.remove(column)
            self.log.columns.append((N_("date the file describes"), column))
        return out


def _named_columns(columns: Columns | None) -> set:
    """The fields whose column the caller named (``--fte Omvang``), not left
    to the preset or the default name: such a column must be in the file.

    >>> sorted(_named_columns(Columns(id=None, reports_to=None, title=None, holder=None,
    ...                               unit=None, fte="Omvang", grade=None, hours=None)))
    ['fte']
    >>> _named_columns(Columns()), _named_columns(None)
    (set(), set())
    """
    if columns is None:
        return set()
    default = Columns()
    return {f for f in default.__dataclass_fields__
            if getattr(columns, f) is not None and getattr(columns, f) != getattr(default, f)}


def _merge(base: Columns, override: Columns | None) -> Columns:
    if override is None:
        return base
    return Columns(**{k: (getattr(override, k) if getattr(override, k) is not None
                          else getattr(base, k)) for k in base.__dataclass_fields__})


def _first_posts(posts: list) -> str:
    """The first twenty of ``posts`` (each once), and '…' after them when
    there are more."""
    posts = list(dict.fromkeys(posts))
    return ", ".join(posts[:20]) + (" …" if len(posts) > 20 else "")
