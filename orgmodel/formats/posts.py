"""Import an organisation from one row per post (an HR export, a published
organogram), CSV or XLSX, with an optional file of junior staff counted per
grade under their senior post.

Columns are mapped by name (:class:`Columns`) or by a preset: ``uk-organogram``
knows the Cabinet Office organogram schema that UK departments publish twice
a year.  What real files do, and what the import decides:

* ``XX`` (the preset's top marker) in the superior column: a top of the tree;
  several tops are allowed.  A top post whose title or holder is the
  organisation's name is marked ``placeholder``.
* Holders ``Vacant``: a vacant post; ``N/D`` or empty: a person whose name is
  not disclosed; ``Eliminated``: the post is gone, the row is not used.
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

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OrgModelError, Problem, ValidationError
from ..read import _header_name, read_table
from ._tables import check_tables, model_from_tables, table

__all__ = ["Columns", "PRESETS", "ImportLog", "read_posts", "posts_tables", "import_posts"]


@dataclass(frozen=True)
class Columns:
    """Which column holds what; ``None`` when the file has no such column.

    Names are matched without regard to case or surrounding spaces.
    """

    id: str | None = "id"
    reports_to: str | None = "reports_to"
    title: str | None = "title"
    holder: str | None = "holder"
    unit: str | None = "unit"
    fte: str | None = "fte"
    grade: str | None = "grade"
    organisation: str | None = None


@dataclass(frozen=True)
class Preset:
    """Column names and the values with a meaning, for a known file format."""

    senior: Columns
    junior: Columns
    tops: tuple = ("XX",)
    # holder values, compared without regard to case, spaces and a final dot;
    # a value that starts with one of them counts too ("Vacant post", "VACANCY")
    vacant: tuple = ("vacant", "vacancy")
    undisclosed: tuple = ("n/d", "nd", "n/a", "not disclosed", "withheld", "redacted", "-", "")
    eliminated: tuple = ("eliminated", "post eliminated", "deleted")
    unknown_superior: str = "external"
    name_from: str = "organisation"


#: Known formats.  ``uk-organogram``: the Cabinet Office schema of UK
#: government organograms (senior posts and junior staff files).
PRESETS = {
    "uk-organogram": Preset(
        senior=Columns(id="Post Unique Reference", reports_to="Reports to Senior Post",
                       title="Job Title", holder="Name", unit="Unit", fte="FTE",
                       grade="Grade (or equivalent)|Grade", organisation="Organisation"),
        junior=Columns(id=None, reports_to="Reporting Senior Post", title="Generic Job Title",
                       holder=None, unit="Unit", fte="Number of Posts in FTE",
                       grade="Grade|Grade (or equivalent)",
                       organisation="Organisation")),
}

#: Without a preset: no top marker but an empty superior, names as given.
PLAIN = Preset(senior=Columns(), junior=Columns(id=None, holder=None), tops=("",),
               unknown_superior="error")


@dataclass
class ImportLog:
    """What the import found in the files and what it decided."""

    files: list = field(default_factory=list)
    posts: int = 0
    rows: int = 0
    tops: list = field(default_factory=list)             # (post id, title)
    placeholders: list = field(default_factory=list)     # (post id, title)
    vacancies: list = field(default_factory=list)        # post ids
    undisclosed: int = 0
    job_shares: list = field(default_factory=list)       # (post id, rows, fte)
    split_ids: list = field(default_factory=list)        # (raw id, [new ids])
    external: list = field(default_factory=list)         # (superior id, rows)
    people_on_several_posts: list = field(default_factory=list)  # (name, post ids)
    staff_rows: int = 0
    staff_groups: int = 0
    staff_fte: float = 0.0
    units: int = 0
    skipped: list = field(default_factory=list)          # (file, row, why)
    decisions: list = field(default_factory=list)        # free sentences

    def lines(self) -> list:
        """The log as Markdown lines, for the terminal and ``IMPORT.md``."""
        out = [f"# Import of {', '.join(self.files)}", "",
               f"- {self.rows} post rows read: {self.posts} posts, {self.units} units.",
               f"- Tops ({len(self.tops)}): " + (", ".join(f"{i} ({t})" for i, t in self.tops)
                                                 or "none") + "."]
        if self.placeholders:
            out.append("- Placeholder top posts (named after the organisation; not a post, "
                       "not a layer): " + ", ".join(f"{i} ({t})" for i, t in self.placeholders)
                       + ".")
        out.append(f"- Vacant posts: {len(self.vacancies)}"
                   + (f" ({', '.join(self.vacancies[:20])}"
                      + (" …" if len(self.vacancies) > 20 else "") + ")" if self.vacancies
                      else "") + ".")
        out.append(f"- Holders whose name is not disclosed (N/D or empty): {self.undisclosed}.")
        out.append(f"- Job shares (one post id on several rows alike): {len(self.job_shares)}"
                   + "".join(f"; {i} on rows {', '.join(map(str, r))}, {f:g} FTE"
                             for i, r, f in self.job_shares) + ".")
        if self.split_ids:
            out.append("- Post ids reused for different posts (each row its own post): "
                       + "; ".join(f"{i} → {', '.join(n)}" for i, n in self.split_ids) + ".")
        out.append(f"- Superiors not in the file (external roles): {len(self.external)}"
                   + "".join(f"; {s} (rows {', '.join(map(str, r))})" for s, r in self.external)
                   + ".")
        if self.people_on_several_posts:
            out.append("- One name on several posts (read as one person): "
                       + "; ".join(f"{n}: {', '.join(p)}" for n, p in
                                   self.people_on_several_posts) + ".")
        if self.staff_rows:
            out.append(f"- Junior staff: {self.staff_rows} rows as {self.staff_groups} staff "
                       f"groups under their senior posts, {self.staff_fte:g} FTE.")
        out += [f"- {d}" for d in self.decisions]
        out.append(f"- Rows not used: {len(self.skipped)}"
                   + ("" if not self.skipped else ":"))
        out += [f"  - {f}, row {r}: {why}" for f, r, why in self.skipped]
        return out


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.casefold()).strip("-")[:60] or "x"


def _number(text: str):
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return "bad"
    return value if math.isfinite(value) and value >= 0 else "bad"


def _first_sheet_with(wb, column):
    """The first sheet whose header row names ``column`` (alternatives with
    ``|``), else the first sheet: a workbook may hold the senior posts, the
    junior staff and notes on separate sheets."""
    if column:
        wanted = {_header_name(c) for c in column.split("|")}
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True, max_row=1):
                if wanted & {_header_name(str(v)) for v in row if v is not None}:
                    return ws
    return wb.worksheets[0]


def _read(path: Path, label: str, sheet=None, column=None):
    """A table of text cells indexed by row, from CSV or XLSX (``sheet``, or
    the first sheet that has ``column``)."""
    problems = []
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        from .xlsx import _sheet_table
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:      # openpyxl raises many kinds for a broken file
            raise ValidationError([Problem(label, None, f"is not an Excel workbook that can "
                                           f"be read: {exc}")], where=str(path)) from None
        try:
            if sheet and sheet not in wb.sheetnames:
                raise ValidationError([Problem(label, None, f"has no sheet '{sheet}' (sheets: "
                                               f"{', '.join(wb.sheetnames)})")], where=str(path))
            ws = wb[sheet] if sheet else _first_sheet_with(wb, column)
            df = _sheet_table(ws, f"{label}, sheet {ws.title}", problems, ())
        finally:
            wb.close()
    else:
        df = read_table(path, problems, label)
    if problems or df is None:
        raise ValidationError(problems or [Problem(label, None, "cannot be read")],
                              where=str(path))
    return df


def _column(df, name, label, what, required) -> str | None:
    if name is None:
        return None
    # a preset may name alternatives ("Grade (or equivalent)|Grade"): the first present
    for alt in name.split("|"):
        key = _header_name(alt)
        if key in df.columns:
            return key
    if required:
        raise ValidationError([Problem(label, 1, f"has no column '{name.split('|')[0]}' for "
                                       f"the {what} "
                                       f"(columns: {', '.join(df.columns)})")], where=label)
    return None


def read_posts(path, junior=None, **options):
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
    >>> sorted(org.ids("Role")), log.vacancies, [j[0] for j in log.job_shares]
    (['1', '2', '2b'], ['2'], ['2b'])
    """
    manifest, nodes, edges, log, labels = posts_tables(path, junior, **options)
    return model_from_tables(manifest, nodes, edges, str(path), labels), log


def import_posts(path, junior=None, out=None, **options):
    """Import posts into the organisation folder ``out``: validated, then the
    three files and ``IMPORT.md`` written, without building a graph (the
    fast way for large files).  Returns ``(nodes, edges, log)`` counts and log.
    """
    from .._progress import task
    from ..write import write_tables
    with task(f"Importing {Path(path).name}", 3) as step:
        manifest, nodes, edges, log, labels = posts_tables(path, junior, **options)
        step("read")
        check_tables(manifest, nodes, edges, str(path), labels)
        step("validated")
        write_tables(manifest, nodes, edges, out)
        step("written")
    (Path(out) / "IMPORT.md").write_text("\n".join(log.lines()) + "\n", encoding="utf-8")
    return len(nodes), len(edges), log


def posts_tables(path, junior=None, *, preset: str | None = None,  # noqa: C901 - one branch per column of the published template and its variants
                 columns: Columns | None = None, junior_columns: Columns | None = None,
                 name: str | None = None, date: str | None = None,
                 unknown_superior: str | None = None, sheet: str | None = None,
                 junior_sheet: str | None = None):
    """The tables (as a folder's CSV files hold them) of posts and junior staff.

    Parameters
    ----------
    path, junior : str or Path
        The posts file and, optionally, the junior staff file (CSV or XLSX).
    preset : str, optional
        A key of :data:`PRESETS`; ``columns`` then overrides single names.
    columns, junior_columns : Columns, optional
        Column names, when there is no preset (or to override it).
    name, date : str, optional
        The organisation's name and the date the files describe (default: the
        organisation column, or the file's name; a date in the file's name).
    unknown_superior : {"error", "external"}, optional
        What a superior that is not in the file is (default: the preset's,
        else ``error``).

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
    path = Path(path)
    p = PRESETS.get(preset) if preset else PLAIN
    if p is None:
        raise OrgModelError(f"unknown preset '{preset}'; known: {', '.join(PRESETS)}")
    cols = _merge(p.senior, columns)
    jcols = _merge(p.junior, junior_columns)
    rule = unknown_superior or p.unknown_superior
    if rule not in ("error", "external"):
        raise OrgModelError("unknown_superior must be 'error' or 'external'")
    label = path.name
    log = ImportLog(files=[label] + ([Path(junior).name] if junior else []))
    df = _read(path, label, sheet, cols.id)
    if preset and _column(df, cols.id, label, "post id", False) is None and \
            _column(df, jcols.reports_to, label, "senior post", False) and \
            _column(df, jcols.fte, label, "FTE", False):
        raise ValidationError([Problem(label, 1, "looks like a junior-staff file (it has "
                                       f"'{str(jcols.reports_to).split('|')[0]}' but no "
                                       f"'{str(cols.id).split('|')[0]}'): give the senior-posts "
                                       "file first and this one with --junior")],
                              where=str(path))
    c_id = _column(df, cols.id, label, "post id", True)
    c_sup = _column(df, cols.reports_to, label, "superior", True)
    c_title = _column(df, cols.title, label, "job title", False)
    c_holder = _column(df, cols.holder, label, "holder", False)
    c_unit = _column(df, cols.unit, label, "unit", False)
    c_fte = _column(df, cols.fte, label, "FTE", False)
    c_grade = _column(df, cols.grade, label, "grade", False)
    c_org = _column(df, cols.organisation, label, "organisation", False)

    get = lambda row, c: (row.get(c) or "").strip() if c else ""  # noqa: E731
    tops = {t.casefold() for t in p.tops}
    def matcher(values, prefix):
        values = tuple(v.casefold() for v in values)

        def match(holder):
            h = " ".join(holder.casefold().replace(".", "").split())
            return h in values or (prefix and any(v and h.startswith(v) for v in values))
        return match
    is_vacant_holder = matcher(p.vacant, True)
    is_undisclosed = matcher(p.undisclosed, False)
    is_eliminated = matcher(p.eliminated, True)

    # -- rows, grouped by post id ------------------------------------------------
    rows = defaultdict(list)
    orgs: defaultdict[str, int] = defaultdict(int)
    for rowno, row in zip(df.index.tolist(), df.to_dict("records")):
        log.rows += 1
        rid = get(row, c_id)
        holder = get(row, c_holder).strip("'\" ")
        if not rid:
            log.skipped.append((label, rowno, "no post id"))
            continue
        if is_eliminated(holder):
            log.skipped.append((label, rowno, f"post {rid} is marked '{holder}' (gone)"))
            continue
        if c_org and get(row, c_org):
            orgs[get(row, c_org)] += 1
        rows[rid].append((rowno, row, holder))
    org_name = name or (max(orgs, key=orgs.__getitem__) if orgs else path.stem)

    posts = {}          # post id -> list of (rowno, row, holder)
    by_raw = {}         # raw id -> post id (only when unambiguous)
    for rid, group in rows.items():
        shape = {(get(r, c_title).casefold(), get(r, c_sup)) for _, r, _ in group}
        if len(group) > 1 and len(shape) > 1:
            new = [f"{rid}~{rowno}" for rowno, _, _ in group]
            log.split_ids.append((rid, new))
            for nid, item in zip(new, group):
                posts[nid] = [item]
        else:
            posts[rid] = group
            by_raw[rid] = rid

    nodes, edges = [], []
    src_posts = "posts"
    # ids that differ only in capitals from exactly one post id
    count = {}
    for k in by_raw:
        count[k.casefold()] = count.get(k.casefold(), 0) + 1
    folded = {k.casefold(): k for k in by_raw if count[k.casefold()] == 1}

    def cite(rowno, src=src_posts):
        return f"{src} line {rowno}"

    units = {}

    def unit_of(text, rowno, src=src_posts):
        if not text:
            return None
        uid = "unit:" + _slug(text)
        if uid not in units:
            units[uid] = text
            nodes.append({"id": uid, "kind": "Team", "name": text, "team_kind": "unit",
                          "source": cite(rowno, src), "evidence": "stated"})
        return uid

    people = {}         # name -> (person id, [posts])
    person_ids = set()
    line_sup = {}       # post -> its one superior
    line_rows = {}
    external = {}
    for pid, group in posts.items():
        first_row, first, _ = group[0]
        title = get(first, c_title) or f"Post {pid}"
        ftes = [_number(get(r, c_fte)) for _, r, _ in group] if c_fte else []
        for (rowno, row, _), f in zip(group, ftes):
            if f == "bad":
                log.skipped.append((label, rowno, f"FTE '{get(row, c_fte)}' is not a number: "
                                    "the post is kept without that FTE"))
        known = [f for f in ftes if isinstance(f, float)]
        holders = [h for _, _, h in group]
        is_vacant = all(is_vacant_holder(h) for h in holders)
        node = {"id": pid, "kind": "Role", "name": title, "sphere": "official",
                "source": "; ".join(cite(r) for r, _, _ in group), "evidence": "stated"}
        if known:
            node["fte"] = f"{sum(known):g}"
        if c_grade and get(first, c_grade):
            node["grade"] = get(first, c_grade)
        if is_vacant:
            node["vacant"] = "true"
            log.vacancies.append(pid)
        if len(group) > 1:
            log.job_shares.append((pid, [r for r, _, _ in group], sum(known)))
            node["note"] = (f"one post on rows {', '.join(str(r) for r, _, _ in group)}: a job "
                            "share, FTE summed")
        sup = get(first, c_sup)
        is_top = sup.casefold() in tops
        names = {x.casefold() for x in (org_name, get(first, c_org)) if x}
        if is_top and (title.casefold() in names or any(h.casefold() in names
                                                          for h in holders)):
            node["placeholder"] = "true"
            log.placeholders.append((pid, title))
        nodes.append(node)
        log.posts += 1
        u = unit_of(get(first, c_unit), first_row)
        if u:
            edges.append({"from": pid, "to": u, "kind": "MEMBER_OF", "source": cite(first_row),
                          "evidence": "stated"})
        # holders
        for (rowno, _row, holder), f in zip(group, ftes or [None] * len(group)):
            hold = {"kind": "HOLDS", "source": cite(rowno), "evidence": "stated"}
            if isinstance(f, float):
                hold["fte"] = f"{f:g}"
            if is_vacant_holder(holder):
                continue
            if is_undisclosed(holder):
                log.undisclosed += 1
                person = f"person:{pid}:{rowno}"
                nodes.append({"id": person, "kind": "Person", "name": "(name not disclosed)",
                              "source": cite(rowno), "evidence": "stated",
                              "note": f"holder given as '{holder or '(empty)'}'"})
            else:
                key = holder.casefold()
                if key not in people:
                    person = f"person:{_slug(holder)}"
                    while person in person_ids:     # two names with one slug
                        person += "-2"
                    person_ids.add(person)
                    people[key] = (person, [])
                    nodes.append({"id": person, "kind": "Person", "name": holder,
                                  "source": cite(rowno), "evidence": "stated"})
                person = people[key][0]
                people[key][1].append(pid)
            edges.append({"from": person, "to": pid, **hold})
        # the line
        if is_top:
            log.tops.append((pid, title))
            continue
        if sup == "" and not is_top:
            log.tops.append((pid, title))
            log.decisions.append(f"post {pid} (row {first_row}) has no superior: read as a top")
            continue
        if sup not in posts and sup not in by_raw and sup not in rows and \
                sup.casefold() in folded:
            # the same id in other capitals ("ps001" for "PS001"): read as that post
            log.decisions.append(f"post {pid} (row {first_row}) reports to '{sup}', read as "
                                 f"post {folded[sup.casefold()]}")
            sup = folded[sup.casefold()]
        if sup in posts or sup in by_raw:
            target = by_raw.get(sup, sup)
        elif sup in rows:        # a reused id: which of its posts is meant is not said
            log.skipped.append((label, first_row, f"reports to '{sup}', an id used for several "
                                "different posts: the line is left out"))
            continue
        else:
            if rule == "error":
                raise ValidationError([Problem(label, first_row, f"post {pid} reports to "
                                               f"'{sup}', which is not a post in the file (use "
                                               "--unknown-superior external to read it as a "
                                               "role outside the organisation)")],
                                      where=str(path))
            target = "ext:" + sup
            if target not in external:
                external[target] = []
                nodes.append({"id": target, "kind": "Role", "name": f"Post {sup} (not in this "
                              "file)", "sphere": "official", "external": "true",
                              "source": cite(first_row), "evidence": "inferred",
                              "note": "named as a superior but not a post of the file: a role "
                                      "outside the organisation"})
            external[target].append(first_row)
        if target == pid:
            log.tops.append((pid, title))
            log.decisions.append(f"post {pid} (row {first_row}) reports to itself: read as a top")
            continue
        edges.append({"from": pid, "to": target, "kind": "REPORTS_TO", "source": cite(first_row),
                      "evidence": "stated"})
        line_sup[pid] = target
        line_rows[pid] = first_row
    log.external = [(t[4:], r) for t, r in external.items()]
    person_names = {n["id"]: n["name"] for n in nodes if n["kind"] == "Person"}
    log.people_on_several_posts = [(person_names[pp], ps) for pp, ps in people.values()
                                   if len(ps) > 1]
    ids = _first_circle(line_sup)
    if ids:
        raise ValidationError([Problem(label, line_rows.get(ids[0]), "the reporting lines run "
                                       "in a circle: " + " → ".join(ids + [ids[0]]) + " (rows "
                                       + ", ".join(str(line_rows[i]) for i in ids) + ")")],
                              where=str(path))
    # one person on several posts: the same name read as one person (inferred)
    several = {pp for pp, ps in people.values() if len(ps) > 1}
    for n in nodes:
        if n["id"] in several:
            n["evidence"] = "inferred"
            n["note"] = "the same name holds several posts: read as one person"

    # -- junior staff ------------------------------------------------------------
    sources = {src_posts: f"{label} (rows cited by line)"}
    if junior:
        jpath = Path(junior)
        jlabel = jpath.name
        sources["junior"] = f"{jlabel} (rows cited by line)"
        jdf = _read(jpath, jlabel, junior_sheet, jcols.reports_to)
        j_sup = _column(jdf, jcols.reports_to, jlabel, "senior post", True)
        j_fte = _column(jdf, jcols.fte, jlabel, "FTE", True)
        j_title = _column(jdf, jcols.title, jlabel, "job title", False)
        j_grade = _column(jdf, jcols.grade, jlabel, "grade", False)
        j_unit = _column(jdf, jcols.unit, jlabel, "unit", False)
        groups = {}
        for rowno, row in zip(jdf.index.tolist(), jdf.to_dict("records")):
            log.staff_rows += 1
            sup = get(row, j_sup)
            f = _number(get(row, j_fte))
            if sup not in by_raw and sup not in rows and sup.casefold() in folded:
                sup = folded[sup.casefold()]
            if sup not in by_raw:
                why = ("its senior post is an id used for several posts" if sup in rows else
                       f"its senior post '{sup}' is not in the posts file")
                log.skipped.append((jlabel, rowno, why))
                continue
            if not isinstance(f, float):
                log.skipped.append((jlabel, rowno, f"FTE '{get(row, j_fte)}' is not a number"))
                continue
            grade, title, unit = get(row, j_grade), get(row, j_title), get(row, j_unit)
            key = (by_raw[sup], grade, title, unit)
            g = groups.setdefault(key, {"rows": [], "fte": 0.0, "people": 0})
            g["rows"].append(rowno)
            g["fte"] += f
            g["people"] += math.ceil(f) if f else 0
            log.staff_fte += f
        for (post, grade, title, unit), g in groups.items():
            sid = "staff:" + "/".join(_slug(x) for x in (post, grade, title, unit) if x)
            where = ("junior line " if len(g["rows"]) == 1 else "junior lines ") + \
                ", ".join(map(str, g["rows"]))
            nodes.append({"id": sid, "kind": "Staff", "name": title or grade or "staff",
                          "grade": grade, "fte": f"{round(g['fte'], 6):g}",
                          "count": str(g["people"]), "source": where, "evidence": "inferred",
                          "note": f"{len(g['rows'])} junior row(s), {g['fte']:g} FTE; the number "
                                  "of people is read as at least one per started FTE"})
            edges.append({"from": sid, "to": post, "kind": "STAFF_OF",
                          "source": f"junior line {g['rows'][0]}", "evidence": "stated"})
            u = unit_of(unit, g["rows"][0], "junior")
            if u:
                edges.append({"from": sid, "to": u, "kind": "MEMBER_OF",
                              "source": f"junior line {g['rows'][0]}", "evidence": "stated"})
        log.staff_groups = len(groups)
        log.decisions.append("junior staff are counted in the formation and in span by people "
                             "and FTE, never as posts or layers")
    log.units = len(units)

    if not date:
        m = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
        if m:
            date = m.group(1)
            log.decisions.append(f"the date {date} is read from the file's name")
    manifest = {"name": org_name}
    if date:
        manifest["date"] = str(date)
    manifest["description"] = f"Imported by orgmodel from {', '.join(log.files)}."
    manifest["sources"] = sources
    manifest["rules"] = []
    return (manifest, table(nodes), table(edges, ("from", "to", "kind")), log,
            {"nodes.csv": f"{label} (as imported nodes)",
             "edges.csv": f"{label} (as imported edges)"})


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


def _merge(base: Columns, override: Columns | None) -> Columns:
    if override is None:
        return base
    return Columns(**{k: (getattr(override, k) if getattr(override, k) is not None
                          else getattr(base, k)) for k in base.__dataclass_fields__})
