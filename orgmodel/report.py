"""The main job: every analysis of one organisation as a Markdown report a
policy advisor can read, one CSV per analysis, and the interactive graph.

Each section says what was computed and, for each finding, the passage of
the organisation's own sources the rule comes from (none when the
organisation cites none) and which facts of the finding no source states.
Where there are no findings the report says so, and says what was checked.
"""
from __future__ import annotations

import html as _html
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import figures
from ._staging import clean_stale, no_space, temp_dir
from .advice import executive_commission_advice
from .checks import CHECKS, applicable_rules, check
from .errors import OrgModelError
from .escalation import NO_ROUTES, OUTCOMES, escalation_load, escalation_policy, route_graph
from .escape import markdown as _md
from .escape import markdown_table, sheet_csv
from .formation import (
    counted_people,
    counted_posts,
    formation,
    formation_view,
    holders_recorded,
    not_counted_text,
    staff_text,
    totals,
    unrecorded_text,
)
from .i18n import N_, Message, count, said, text_of, translator, written_on
from .layers import NO_LAYERS, layering
from .mandates import NO_MANDATE, REGISTER_SHOWN, register
from .model import at_its_date, display_names
from .partners import partner_network
from .portfolios import portfolio_balance, portfolio_line
from .powers import power_holders
from .schema import EDGE_KINDS, NODE_KINDS
from .span import NO_SPAN, SPAN_COUNTS, span_of_control, span_view
from .summary import import_text, summarize
from .write import usual_mode

if TYPE_CHECKING:  # names in annotations only
    from ._types import PathLike
    from .model import OrgModel


__all__ = ["write_report"]


#: At most this many rows per table in report.md; every row is in the CSVs.
TOP_ROWS = 25

#: The report shows this many pages of the org chart; the rest are files beside it.
REPORT_PAGES = 24


#: Columns whose cells are words of the schema or of the analyses, never
#: ids: a partner of id ``market`` does not make every market party's kind
#: its name.
_WORD_COLUMNS = frozenset({"kind", "evidence", "outcome", "outcomes", "what", "verdict"}
                          | {c for k in NODE_KINDS.values() for c in k.choices}
                          | {c for k in EDGE_KINDS.values() for c in k.choices})


def _named(frame, names):
    """The rows a reader sees: ids in cells turned into names (ids only where
    names repeat), id columns dropped where a name column says the same."""
    if frame is None or frame.empty:
        return frame
    out = frame.copy()
    for c in [c for c in out.columns if c not in ("id", "holder")]:
        if c in ("name", "message") or c in _WORD_COLUMNS \
                or pd.api.types.is_numeric_dtype(out[c]) or pd.api.types.is_bool_dtype(out[c]):
            continue

        def one(v):
            if isinstance(v, str):
                if v in names:
                    return names[v]
                for sep in (";", ", ", " → "):
                    parts = v.split(sep)
                    if len(parts) > 1 and all(p in names for p in parts):
                        return sep.join(names[p] for p in parts)
                return v
            if isinstance(v, (list, tuple)):
                return [names.get(x, x) if isinstance(x, str) else x for x in v]
            return v
        out[c] = out[c].map(one)
    drop = []
    for ident, name in (("id", "name"), ("holder", "holder_name"),
                        ("portfolio", "portfolio_name")):
        if ident in out and name in out:
            # the name as the reader sees it, with its id where names repeat
            out[name] = [names.get(i, n) for i, n in zip(out[ident], out[name])]
            drop.append(ident)
    return out.drop(columns=drop)


def _table(frame, columns, t, names):
    if frame is None or frame.empty:
        return t("_(none)_")
    if columns:
        keep = [c for c in ("id", "holder") if c in frame and c not in columns]
        frame = frame[keep + [c for c in columns if c in frame]]
    return markdown_table(t.frame(_named(frame, names)))


def _top(frame, columns, csv_name, t, names, sort=None, ascending=False, what="rows"):
    """A table of at most :data:`TOP_ROWS` rows (the first by ``sort``), and a
    line naming the CSV with all of them: a report of 100,000 roles stays
    readable (and small)."""
    if frame is None or len(frame) <= TOP_ROWS:
        return [_table(frame, columns, t, names)]
    shown = frame.sort_values(sort, ascending=ascending, kind="stable") if sort else frame
    return [_table(shown.head(TOP_ROWS), columns, t, names), "",
            "_" + t("The first {n} of {total} {what}", n=TOP_ROWS, total=len(frame),
                    what=t(what))
            + (t(", by {column}", column=t.column(sort)) if sort else "")
            + t("; all of them in [{csv}.csv]({csv}.csv).", csv=csv_name) + "_"]


def _import_line(org, t) -> list:
    """What an import left out, from ``org.yaml``'s ``import:`` (said on the
    first page: a total is only as good as the rows behind it)."""
    text = import_text(org, t)
    return ["- **" + t("The import") + "**: " + text] if text else []


#: The report's columns of the formation per unit, those the view has.
_UNIT_COLUMNS = ("name", "posts", "vacant", "people", "unrecorded", "fte", "posts_without_fte",
                 "staff", "staff_fte", "headcount")


def _formation_opening(t, tot: dict, with_fte: int, fte: str, held: bool) -> str:
    """The formation line's first words: the posts, the vacant ones when
    holders are recorded, and the FTE over the posts that give one (no post
    giving one said so: "0 FTE over 0 posts with an FTE" said it as a figure)."""
    posts = counted_posts(tot["posts"])
    if not with_fte:
        return (t("Formation: **{posts}** ({vacant} vacant), no FTE given", posts=posts,
                  vacant=tot["vacant"]) if held else
                t("Formation: **{posts}**, no FTE given", posts=posts))
    if held:
        return t("Formation: **{posts}** ({vacant} vacant), **{fte} FTE** over {with_fte} "
                 "with an FTE", posts=posts, vacant=tot["vacant"], fte=fte,
                 with_fte=counted_posts(with_fte))
    return t("Formation: **{posts}**, **{fte} FTE** over {with_fte} with an FTE", posts=posts,
             fte=fte, with_fte=counted_posts(with_fte))


def _summary(org, s, tot, held_known, found, loads, lay, spans, rules, t, names) -> list:
    """The report's first page: what the organisation is, its findings, who
    carries the escalations, and where layers and spans depart from the target."""
    return [_organisation_line(org, s, tot, held_known, t), *_import_line(org, t),
            _findings_line(found, rules, t), *_load_line(loads, names, t),
            _layers_line(org, lay, t), *_spans_line(spans, held_known, names, t)]


def _organisation_line(org, s, tot, held_known, t) -> str:
    """The first page's line on the organisation: its posts, people and FTE,
    the posts of the data not counted as its own, and how its facts are known."""
    ev = {g: s.evidence["nodes"][g] + s.evidence["edges"][g] for g in s.evidence["nodes"]}
    facts = sum(ev.values()) or 1
    fte = t.span(tot["fte_min"], tot["fte_max"])
    missing = tot.get("posts_without_fte", 0)
    if missing == tot["posts"]:         # (none gives one, or there is no post)
        fte = t("no FTE given")
    elif missing:
        fte = t(count(tot['posts'] - missing, N_("{fte} FTE on the {n} post that gives one"),
                      N_("{fte} FTE on the {n} posts that give one"), fte=fte))
    else:
        fte = t("{fte} FTE", fte=fte)
    if tot.get("unrecorded_fte_max") and held_known:
        fte += " " + t("({held} held, {vacant} vacant, {unrecorded} on posts whose holder is not "
                       "recorded)", held=t.span(tot["held_fte_min"], tot["held_fte_max"]),
                       vacant=t.span(tot["vacant_fte_min"], tot["vacant_fte_max"]),
                       unrecorded=t.span(tot["unrecorded_fte_min"], tot["unrecorded_fte_max"]))
    elif tot.get("vacant_fte_max"):
        held = t.span(tot["held_fte_min"], tot["held_fte_max"])
        fte += " " + t("({held} held, {vacant} vacant)", held=held,
                       vacant=t.span(tot["vacant_fte_min"], tot["vacant_fte_max"]))
    return ("- **" + t("The organisation") + "**: "
           + (t("{posts} ({vacant} vacant), {people} in post, {fte}",
                posts=counted_posts(tot['posts']), vacant=tot['vacant'],
                people=counted_people(tot['people']), fte=fte) + t(unrecorded_text(tot))
              if held_known else
              t("{posts} (who holds them, and which are vacant, is not recorded), {fte}",
                posts=counted_posts(tot['posts']), fte=fte))
           + _uncounted_posts(tot, t)
           + staff_text(tot, t, ", ") + not_counted_text(org, t, inert=_md)
           + t("; {stated}% of its facts are stated by a source, {inferred}% inferred, "
               "{assumed}% assumed or ungraded.", stated=round(100 * ev["stated"] / facts),
               inferred=round(100 * ev["inferred"] / facts),
               assumed=round(100 * (ev["assumed"] + ev["ungraded"]) / facts)))


def _uncounted_posts(tot, t) -> str:
    """The nodes that stand for a number of posts the sources do not give
    (``count_unknown``), after the posts counted; empty when there are none."""
    if not tot.get("posts_count_unknown"):
        return ""
    return t(count(tot['posts_count_unknown'],
                   N_("; and {n} more post whose number is not recorded (it stands for "
                      "posts the sources do not count)"),
                   N_("; and {n} more posts whose number is not recorded (each stands for "
                      "posts the sources do not count)")))


def _findings_line(found, rules, t) -> str:
    """The first page's line on the findings: how many of each rule."""
    if not any(r in CHECKS for r in rules) and not len(found):
        # ("none for the rules checked" said of no rule at all was a clean bill)
        return "- **" + t("Findings") + "**: " + t(
            "no rule checked: org.yaml names none of the rules orgmodel checks (`rules`).")
    if not len(found):
        return "- **" + t("Findings") + "**: " + t("none for the rules checked.")
    per = found.groupby("rule", sort=False).agg(
        n=("message", "size"), source=("source", "first"),
        unstated=("not_stated", lambda x: sum(bool(v) for v in x)))
    parts = []
    for rule, r in per.iterrows():
        cite = rules.get(rule, {}).get("source") or (r["source"] if r["source"] != rule else "")
        parts.append(f"{t.number(r['n'])} × {_md(rule)}" + (f" ({_md(t.cite(cite))})" if cite else "")
                     + (t(", {n} resting on facts no source states", n=r['unstated'])
                        if r["unstated"] else ""))
    return ("- **" + t("Findings") + f"**: {t.number(len(found))}: " + "; ".join(parts)
            + " (" + t("see [Governance findings](#governance-findings)") + ").")


def _load_line(loads, names, t) -> list:
    """The first page's line on who carries the escalations (the first
    route kind's three most reached), if any."""
    if not loads:
        return []
    via, load = next(iter(loads.items()))
    top = load.head(3)
    if not len(top):
        return []
    carriers = ", ".join(t(N_("{name} (the routes of {n} posts and roles)") if r != 1 else
                           N_("{name} (the route of 1 post or role)"),
                           name=_md(names.get(i, n)), n=r)
                         for i, n, r in zip(top["id"], top["name"], top["reached_by"]))
    return ["- **" + t("Who carries the escalations") + f"** ({_md(t.value(via))}): "
            + carriers + "."]


def _layers_line(org, lay, t) -> str:
    """The first page's line on the layers, against the target."""
    layer = "- **" + t("Layers") + "**: "
    if not len(lay.frame):
        return layer + t(NO_LAYERS)
    flat = (org.settings("layering", {}) or {}).get("flat")
    if not flat and not lay.target:
        # (one pair of brackets: "2 (counted by steps) (no target set)" read as two asides)
        return layer + t("{depth} (counted by {basis}; no target set).", depth=lay.depth,
                         basis=t(lay.basis))
    layer += t("{depth} (counted by {basis})", depth=lay.depth, basis=t(lay.basis))
    if flat:
        return layer + t("; the source describes a flat organisation.")
    return layer + t(", target {target}: ", target=lay.target) + (
        t("on target.") if lay.depth <= lay.target else
        t(count(len(lay.below_target), N_("1 manager below it."), N_("{n} managers below it."))))


def _spans_line(spans, held_known, names, t) -> list:
    """The first page's line on the widest span, and how many are outside
    the thresholds."""
    wide = spans.frame
    if not len(wide):
        return []
    top = wide.sort_values("direct_reports", ascending=False).iloc[0]
    name = _md(names.get(top["id"], top["name"]))
    reports = _reports(int(top['direct_reports']))
    # (without holders, its people would count the staff alone)
    widest = t("the widest is {name} with {reports} ({people})", name=name, reports=reports,
               people=counted_people(int(top['people']))) if held_known else \
        t("the widest is {name} with {reports}", name=name, reports=reports)
    outside = t("; {n} outside the thresholds", n=int(spans.frame['outside'].sum())) \
        if spans.min is not None or spans.max is not None else ""
    return ["- **" + t("Spans") + "**: " + widest + outside + "."]


def _ids(nodes):
    return [n for n in (nodes if isinstance(nodes, (list, tuple)) else
                        str(nodes or "").split(";")) if n]


def _causes(found, limit=8):
    """Findings grouped by cause: per rule, the node most of them share (a
    role whose mandates all break the same rule, a forbidden role many routes
    end at), then the rest of the rule's findings together."""
    from collections import Counter
    groups = []
    for rule, part in found.groupby("rule", sort=False):
        left = part
        for _ in range(limit):
            if not len(left):
                break
            counts = Counter(n for ns in left["nodes"] for n in _ids(ns))
            node, k = counts.most_common(1)[0] if counts else (None, 0)
            if k < 2:
                break
            mask = left["nodes"].map(lambda ns, node=node: node in _ids(ns))
            groups.append((rule, node, left[mask]))
            left = left[~mask]
        if len(left):
            groups.append((rule, None, left))
    return groups


#: The file that marks a folder as a report orgmodel wrote (and may replace).
MARKER = ".orgmodel-report"


@at_its_date
def write_report(org: OrgModel, out_dir: PathLike, html: bool = True, lang: str = "en") -> Path:
    """Run every analysis on ``org`` and write ``report.md``, ``report.html``,
    its charts and CSVs to ``out_dir``.

    The report is written into a fresh folder beside ``out_dir`` and takes
    ``out_dir``'s place only when complete, so a report written over an
    earlier one keeps none of its files, and a failed run leaves the earlier
    report as it was.  A folder that holds anything but an earlier report is
    refused rather than replaced.

    Parameters
    ----------
    html : bool
        Also write the interactive org chart (``graph.html``) and the static
        one (``chart.svg``, when Graphviz is installed).
    lang : {"en", "nl"}
        The language of every label of the report.

    Returns
    -------
    Path
        The path of ``report.md``.

    Examples
    --------
    >>> p = write_report(sample, tmp_path / "rep", html=False)
    >>> sorted(f.name for f in p.parent.glob("*.csv"))[:3]
    ['advice.csv', 'brokerage.csv', 'escalation_commission.csv']
    >>> p.read_text().splitlines()[4]
    '## Summary'
    """
    t = translator(lang)
    out_dir = Path(out_dir)
    _check_replaceable(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(out_dir.parent)
    stage = temp_dir(out_dir.parent, out_dir.name)
    try:
        from ._progress import task
        with task(f"Writing the report of {org.name}", _STAGES) as step, org.analysis():
            md, charts = _write(org, stage, html, step, t)
            (stage / "report.md").write_text(md, encoding="utf-8")
            (stage / "report.html").write_text(_html_page(org, md, charts, t), encoding="utf-8")
            step("HTML report")
        (stage / MARKER).write_text("This folder was written by 'orgmodel report'; "
                                    "the next report to it replaces it as a whole.\n",
                                    encoding="utf-8")
        _fix_modes(stage)
        _swap(stage, out_dir)
    except OSError as exc:
        raise no_space(exc, out_dir, tmp=stage) from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return out_dir / "report.md"


def _html_page(org, md, charts, t) -> str:
    """The same report as one self-contained page: Markdown rendered with raw
    HTML switched off (every value is already escaped for Markdown, and any
    markup left is shown as text), charts inlined as data URIs, a print style."""
    import base64

    from markdown_it import MarkdownIt
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = parser.parse(md)
    sections = _heading_ids(tokens)
    body = parser.renderer.render(tokens, parser.options, {})
    # (a table of contents after the title and its date line: every section linked)
    toc = ('<nav class="toc"><p><strong>' + _html.escape(t("Contents")) + "</strong></p><ol>"
           + "".join(f'<li><a href="#{_html.escape(i)}">{_html.escape(text)}</a></li>'
                     for i, text in sections) + "</ol></nav>\n")
    first = body.find("<h2")
    body = body[:first] + toc + body[first:] if first >= 0 else body + toc
    for name, svg in charts.items():
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode()
        body = body.replace(f'src="{name}"', f'src="{uri}"')
    title = _html.escape(f"{org.name}: {t('how the organisation steers itself')}")
    return (f"<!DOCTYPE html>\n<html lang=\"{t.lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:\">\n"
            f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}"
            "</body>\n</html>\n")


def _heading_ids(tokens) -> list:
    """Give every heading an id, as GitHub and MkDocs make them ("Governance
    findings" → ``governance-findings``), so the report's own links and a
    reader's bookmarks go somewhere; returns the level-2 ``(id, text)``."""
    import re
    import unicodedata
    used: dict = {}
    sections = []
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open":
            continue
        text = "".join(c.content for c in (tokens[i + 1].children or [])
                       if c.type in ("text", "code_inline"))
        slug = re.sub(r"[^\w\- ]", "", unicodedata.normalize("NFC", text).lower()).strip()
        slug = re.sub(r"\s+", "-", slug) or "section"
        n = used.get(slug, 0)
        used[slug] = n + 1
        ident = slug if n == 0 else f"{slug}-{n}"
        tok.attrSet("id", ident)
        if tok.tag == "h2":
            sections.append((ident, text))
    return sections


_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em;
       color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
img { max-width: 100%; }
nav.toc { font-size: 0.9em; } nav.toc ol { columns: 2; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; }
               h2 { break-before: page; } nav.toc + h2 { break-before: auto; }
               h2, h3 { break-after: avoid; }
               table, img { break-inside: avoid; } img { max-height: 240mm; }
               a { color: inherit; text-decoration: none; } }
"""


def _report_file(name: str) -> bool:
    return name in ("report.md", "report.html", "graph.html", MARKER) or \
        name.endswith((".csv", ".svg"))


def _check_replaceable(out_dir: Path):
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise OrgModelError(Message("{folder} is a file: give a folder for the report", folder=out_dir))
    entries = list(out_dir.iterdir())
    if (out_dir / MARKER).is_file():
        return
    # Reports written before the marker existed held only these files.
    strangers = [e.name for e in entries if e.is_dir() or not _report_file(e.name)]
    if strangers:
        raise OrgModelError(Message(
            "{folder} holds files that are not an orgmodel report ({files}); the report "
            "replaces its folder as a whole, so give a new or empty folder", folder=out_dir,
            files=", ".join(sorted(strangers)[:5])))


def _fix_modes(stage: Path):
    os.chmod(stage, usual_mode(directory=True))
    for f in stage.iterdir():
        os.chmod(f, usual_mode())


def _swap(stage: Path, out_dir: Path):
    """Put ``stage`` in ``out_dir``'s place; the old folder goes only after."""
    if not out_dir.exists():
        os.replace(stage, out_dir)
        return
    old = temp_dir(out_dir.parent, out_dir.name + ".old")
    os.rmdir(old)
    os.replace(out_dir, old)
    try:
        os.replace(stage, out_dir)
    except BaseException:
        os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


#: The stages of a report, for the progress bar.
_STAGES = 15


class _Report:
    """One report: the analyses worked out first (:meth:`compute`), then each
    section rendered from them by a method of its own, in reading order."""

    def __init__(self, org, stage: Path, t):
        self.org, self.stage, self.t = org, stage, t
        self.charts: dict = {}

    def compute(self, step) -> None:
        """Run every analysis the report shows (inside ``org.analysis()``: the
        figures per post, the route graphs and the loads are shared)."""
        org = self.org
        self.s = summarize(org)
        self.policy = escalation_policy(org)
        step("summary")
        self.esc = {via: route_graph(org, via) for via in self.policy.routes}
        step("escalation routes")
        self.loads = {via: escalation_load(org, via) for via in self.esc}
        step("escalation load")
        self.lay = layering(org)
        step("layers")
        self.spans = span_of_control(org)
        step("spans")
        self.net = partner_network(org)
        step("partners")
        self.found = check(org)
        step("checks")
        self.pb = portfolio_balance(org)
        self.pline = portfolio_line(org)
        self.adv = executive_commission_advice(org)
        step("portfolios and advice")
        self.units = formation(org, "unit")
        step("formation")
        self.held = power_holders(org)
        self.reg = register(org)
        step("mandates")
        self.tot = totals(org)
        # (once: three sections say it, and it walks every edge)
        self.holders_known = holders_recorded(org, self.tot)

        self.frames = {
            "summary": pd.DataFrame(
                [{"what": "node", "kind": k, "count": v} for k, v in self.s.nodes.items()]
                + [{"what": "edge", "kind": k, "count": v} for k, v in self.s.edges.items()]),
            **{f"escalation_{via}": e.to_frame() for via, e in self.esc.items()},
            **{f"escalation_load_{via}": f for via, f in self.loads.items()},
            "layers": self.lay.frame, "span": self.spans.frame, "partners": self.net.partners,
            "partners_shared": self.net.shared, "brokerage": self.net.brokerage,
            "findings": self.found,
            "portfolios": self.pb.frame, "portfolio_line": self.pline, "advice": self.adv,
            "formation_units": self.units, "formation_managers": formation(org, "manager"),
            "powers": self.held, "mandates": self.reg,
        }
        self.names = display_names(org.graph, self.t.lang)
        self.rules = applicable_rules(org)

    def write_csv(self, step) -> None:
        """One CSV file per analysis, in the report's language (its columns,
        notation and words, as the mandate register's, laid out for a
        spreadsheet in that language: see :func:`orgmodel.escape.sheet_csv`);
        a citation kept as the data writes it, a key to read back."""
        for name, frame in self.frames.items():
            if self.t.lang != "en":
                frame = self.t.frame(frame, citations=False)
            sheet_csv(frame, self.stage / f"{name}.csv", self.t.lang)
        step("CSV files")

    def chart(self, name, svg, alt) -> list:
        # A chart where a chart says it better; the figures stay in the tables and CSVs.
        if not svg:
            # still a blank line: a list before it must end ("(none)" is no item of it)
            return [""]
        self.charts[name] = svg
        (self.stage / name).write_text(svg, encoding="utf-8")
        return ["", f"![{alt}]({name})", ""]

    def table(self, frame, columns=None) -> str:
        return _table(frame, columns, self.t, self.names)

    def top(self, frame, columns, csv_name, sort=None, ascending=False, what="rows") -> list:
        return _top(frame, columns, csv_name, self.t, self.names, sort, ascending, what)

    def heading(self, title, rule) -> str:
        # A rule's id only where the organisation adopts that rule.
        t = self.t
        return f"## {t(title)} ({rule})" if rule in self.rules else f"## {t(title)}"

    def head(self, html, step) -> list:
        org = self.org
        t = self.t
        names = self.names
        s = self.s
        loads = self.loads
        lay = self.lay
        spans = self.spans
        found = self.found
        tot = self.tot
        rules = self.rules
        stage = self.stage
        # Every value from the data goes through _md: inert in any renderer.
        md = [f"# {_md(org.name)}: {t('how the organisation steers itself')}", ""]
        md.append("_" + t("Report written by orgmodel on {date}", date=written_on())
                  + (t("; the model describes the organisation as of {date}",
                       date=_md(t.date(str(org.manifest["date"]))))
                     if org.manifest.get("date") else "") + "._")
        md += ["", f"## {t('Summary')}", ""] + _summary(org, s, tot, self.holders_known, found,
                                                        loads, lay, spans, rules, t, names)
        if org.manifest.get("description"):
            md += ["", _md(t(text_of(org.manifest["description"])))]
        sources = org.manifest.get("sources") or {}
        if sources:
            md += ["", t("Sources (cited as the `source` of every node and edge):"), ""]
            md += [f"- **{_md(k)}**: {_md(t(text_of(v)))}" for k, v in sources.items()]
        if html:
            from .formats.html import ExportTooLargeError, write_html
            try:
                write_html(org, stage / "graph.html", lang=t.lang)
                step("interactive graph")
                md += ["", t("The interactive org chart of the whole organisation is in "
                             "[graph.html](graph.html): open it in a browser (it works offline).")]
            except ExportTooLargeError as exc:
                md += ["", t("No interactive org chart of the whole organisation")
                       + f": {_md(t(said(exc)))}."]
            md += self.org_chart(stage, step)

        return md

    def org_chart(self, stage, step) -> list:
        """The static org chart: pages that fit the report's column, the top
        first, the first :data:`REPORT_PAGES` of them shown."""
        from .formats.chart import write_chart
        t = self.t
        try:
            step("org chart")
            files = write_chart(self.org, stage / "chart.svg", lang=t.lang, paper="column")
        except OrgModelError as exc:       # no Graphviz here, or too many posts
            return ["", t("No org chart") + f": {_md(t(said(exc)))}."]
        md = []
        if len(files) > 1:
            md += ["", t("The org chart runs to {n} pages: the top first, then a page for each "
                         "part that does not fit on it (a box with a count says on which page "
                         "it goes on).", n=len(files))]
        for i, path in enumerate(files[:REPORT_PAGES], 1):
            self.charts[path.name] = path.read_text(encoding="utf-8")
            alt = (t("The line of the organisation as an org chart") if len(files) == 1 else
                   t("The org chart, page {n} of {total}", n=i, total=len(files)))
            md += ["", f"![{alt}]({path.name})"]
        if len(files) > REPORT_PAGES:
            rest = files[REPORT_PAGES].name + " … " + files[-1].name
            md += ["", t("Pages {first} to {last} are the files {name} beside this report.",
                         first=REPORT_PAGES + 1, last=len(files), name=rest)]
        return md

    def evidence(self) -> list:
        t = self.t
        s = self.s
        units = self.units
        tot = self.tot
        frames = self.frames
        chart = self.chart
        table = self.table
        top = self.top
        md: list = []
        md += ["", f"## {t('How the facts are known')}", "",
               t("Every node and edge is graded: *stated* (the cited passage says it), *inferred* "
                 "(it follows from cited passages; the row's note gives the reasoning), *assumed* "
                 "(no source says it; the note says why it is there) or *ungraded*. Only stated "
                 "facts are evidence; each finding below lists the facts it rests on that are "
                 "not stated."), "",
               table(pd.DataFrame([{"evidence": t(g), "nodes": s.evidence["nodes"][g],
                                    "edges": s.evidence["edges"][g]} for g in s.evidence["nodes"]]))]
        md += ["", f"## {t('What the organisation looks like')}", ""]
        md.append(table(frames["summary"][frames["summary"]["count"] > 0].assign(
            what=lambda f: f["what"].map(t))))
        fte = t.span(tot["fte_min"], tot["fte_max"])
        held = self.holders_known
        md += ["", _formation_opening(t, tot, s.roles_with_fte, fte, held)
               + (t(" (some are given as ranges, so the total is a range)")
                  if tot["fte_min"] != tot["fte_max"] else "")
               + (t("; {people} in post", people=counted_people(tot['people']))
                  + t(unrecorded_text(tot)) if held else
                  t("; who holds the posts, and which are vacant, is not recorded"))
               + staff_text(tot, t, "; ") + _uncounted_posts(tot, t)
               + not_counted_text(self.org, t, inert=_md) + "."]
        if len(units) and units["posts"].sum():
            md += ["", t("Per unit (posts and staff of the unit and the units inside it):")]
            md += chart("chart-units.svg", figures.fte_chart(units, t), t("Posts and FTE per unit"))
            # (as the terminal and the web app show it: a range as one column,
            # and the posts whose holder is not recorded where there are any,
            # or "0 people" read as a unit nobody works in)
            view = formation_view(units, t)
            md += top(view, [c for c in _UNIT_COLUMNS if c in view], "formation_units", "posts",
                      what="units")

        return md

    def escalation(self) -> list:
        t = self.t
        policy = self.policy
        esc = self.esc
        loads = self.loads
        frames = self.frames
        chart = self.chart
        table = self.table
        top = self.top
        md: list = []
        md += ["", f"## {t('Escalation routes')}", "",
               t("Whom each post or role takes an issue to, following the organisation's "
                 "escalation policy (`escalation` in org.yaml): one route kind per kind of "
                 "issue. At each post or role the first step that leads to an allowed post or "
                 "role is taken; one in a forbidden sphere is never a next step, by any edge. "
                 "The figures per post and role are in `escalation_<route>.csv`, who carries "
                 "the escalations in `escalation_load_<route>.csv`.")]
        if not (self.org.ids("Post") or self.org.ids("Role")):    # (tables of nothing)
            return md + ["", t(NO_ROUTES)]
        for via, _rg in esc.items():
            kind = policy.routes[via]
            frame = frames[f"escalation_{via}"]
            # (a million roles share a handful of outcome texts: each looked at once)
            texts = frame["outcomes"].value_counts().to_dict() if len(frame) else {}
            counts = {o: sum(n for text, n in texts.items() if o in text)
                      for o in OUTCOMES} if len(frame) else {}
            steps = t("; then ").join((" " + t("and") + " ").join(
                f"{_md(t.value(c.edge))} ({_md(t(c.rule))})" for c in group)
                for group in kind.steps)
            md += ["", f"### {t('Route')}: {_md(t(kind.label or via))}", ""]
            if kind.issue:
                md += [t("For") + f": {_md(t(kind.issue))}.", ""]
            md += [t("Steps") + f": {steps}.", "",
                   t("Never to") + ": " + (", ".join(_md(t.value(s)) for s in
                                                     kind.forbidden_spheres) or
                                           t("no sphere is forbidden on this route")) + ".", "",
                   t("Posts and roles by outcome of their routes") + ": "
                   + (", ".join(f"{t(k)}: {t.number(v)}" for k, v in counts.items() if v)
                      or t("none"))
                   + ".", ""]
            md += top(frame, ["name", "next", "shortest", "longest", "tops", "outcomes", "routes"],
                      f"escalation_{via}", "longest", what=N_("posts and roles"))
            load = loads[via]
            directors = load["level"].isin(["concern", "team-connecting"])
            # Without declared levels, the roles that carry most, whoever they are.
            most = (load[directors] if directors.any() else load).head(10)
            md += ["", t("Who carries the escalations") + " ("
                   + (t("directors and deputy directors") if directors.any() else
                      t("the ten posts and roles")) + " "
                   + t("reached by the routes of most posts and roles") + "):"]
            md += chart(f"chart-load-{list(esc).index(via) + 1}.svg", figures.load_chart(most, t),
                        t("Posts and roles reached by the most escalation routes"))
            md += [table(most, ["name", "level", "reached_by", "passing", "ending",
                                "direct_reports", "portfolios"])]

        return md

    def layers(self) -> list:
        t = self.t
        names = self.names
        lay = self.lay
        chart = self.chart
        top = self.top
        heading = self.heading
        md: list = []
        if not len(lay.frame):      # (no post: "0 layers" and an empty chart said nothing)
            return md + ["", heading("Management layers", "R6"), "", t(NO_LAYERS)]
        md += ["", heading("Management layers", "R6"), "",
               t(count(lay.depth, N_("**{n}** management layer by {basis}; target depth: "
                                     "{target}."),
                       N_("**{n}** management layers by {basis}; target depth: {target}."),
                       basis=t(lay.basis), target=lay.target or t("not set"))), ""]
        md += [f"- {_md(t(line))}" for line in lay.explanation]
        md += chart("chart-layers.svg", figures.layer_pyramid(lay.frame, t, lay.target),
                    t("Managers per layer"))
        managers = lay.frame[lay.frame["manager"]]
        if len(managers):       # (none: the lines above say 0 layers, and why)
            md += top(managers, ["name", "level", "layer", "layer_steps"], "layers",
                      "layer_steps", what="managers")
        below = lay.below_target
        if not lay.target:
            # ("no manager below the target depth" of no target read as a
            # finding: there is nothing to be below)
            return md
        md += ["", (t(count(len(below), N_("1 manager sits below the target depth"),
                            N_("{n} managers sit below the target depth"))) + ": "
                    + ", ".join(_md(names.get(i, n)) for i, n in
                                zip(below["id"].head(TOP_ROWS), below["name"].head(TOP_ROWS)))
                    + (" …" if len(below) > TOP_ROWS else "")) if len(below) else
               t("No manager sits below the target depth.")]

        return md

    def span(self) -> list:
        t = self.t
        spans = self.spans
        chart = self.chart
        table = self.table
        top = self.top
        md: list = []
        if not len(spans.frame):
            # (the counts, an empty table and an empty distribution of no
            # manager at all: a flat organisation, a formatie without a line)
            return md + ["", f"## {t('Span of control')}", "", t(NO_SPAN)]
        md += ["", f"## {t('Span of control')}", "",
               # ("min none, max none" said as what it is: no threshold set)
               t("No thresholds are set (span: min and max in org.yaml): no span is flagged; "
                 "the counts below are by {by}.", by=t(spans.by))
               if spans.min is None and spans.max is None else
               t("Thresholds: min {low}, max {high}, compared with the count by {by}.",
                 low=spans.min if spans.min is not None else t("none"),
                 high=spans.max if spans.max is not None else t("none"), by=t(spans.by)), ""]
        # Without holders, vacant reports and people would read as 0 found
        # (unless the spans are compared by people: then the count is asked for).
        known = self.holders_known or spans.by == "people"
        md += [f"- {_md(t(line))}" for line in spans.explain()
               if known or line != SPAN_COUNTS["people"]]
        md += chart("chart-span.svg", figures.span_chart(spans.distribution, t, spans.min,
                                                         spans.max),
                    t("Managers by number of direct reports"))
        # (no column of reasons where no threshold is set: see span_view)
        shown = span_view(spans.frame, spans.min, spans.max)
        md += top(shown, [c for c in ["name", "direct_reports"]
                          + (["vacant_reports", "people"] if known else [])
                          + ["fte", "mandates_given", "reason"] if c in shown],
                  "span", "direct_reports", what="managers")
        md += ["", t("Distribution of direct reports") + ":", "", table(spans.distribution)]

        return md

    def partners(self) -> list:
        t = self.t
        names = self.names
        net = self.net
        top = self.top
        md: list = []
        md += ["", f"## {t('Partners')}", ""]
        if not len(net.partners):
            # (three empty tables and "no partner hangs on a single
            # commissioner" read as findings about partners there are not)
            return md + [t("The data names no partners.")]
        md += top(net.partners, ["name", "partner_kind", "commissions", "official_commissioners",
                                 "political_commissioners"], "partners", what="partners")
        md += ["", t("Roles that connect partners (brokerage = betweenness in the role–partner "
                     "network):"), ""]
        md += top(net.brokerage, None, "brokerage", "betweenness", what="roles")
        md += ["", t("Roles sharing partners:"), ""]
        md += top(net.shared, None, "partners_shared", what="pairs")
        single = net.single_commissioner
        md += ["", (t("Partners hanging on a single official commissioner") + ": "
                    + ", ".join(f"{_md(n)} ({_md(names.get(c, c))})" for n, c in zip(
                        single["name"], single["official_commissioners"])))
               if len(single) else t("No partner hangs on a single commissioner.")]

        return md

    def portfolios(self) -> list:
        t = self.t
        pb = self.pb
        pline = self.pline
        chart = self.chart
        table = self.table
        top = self.top
        heading = self.heading
        md: list = []
        md += ["", heading("Portfolio balance", "R9")]
        if not len(pb.frame):
            # (an imbalance of 0, "every holder carries as many items", of no
            # portfolio at all read as a balanced one)
            return md + ["", t("The data names no portfolios: there is no balance to test.")]
        md += chart("chart-portfolios.svg", figures.portfolio_chart(pb.frame, t),
                    t("Portfolio items per holder"))
        md += [table(pb.frame.rename(columns={c: t(c) for c in pb.frame.columns
                                              if c not in ("holder", "holder_name", "portfolio",
                                                           "portfolio_name")})),
               "", t("Imbalance (coefficient of variation of the totals): **{x}** (0 = every "
                     "holder carries as many items).", x=pb.imbalance)]
        if len(pline):
            md += ["", t("The line the portfolios imply (a team manager to its cluster's leader, "
                         "a cluster's leader to the holder of the portfolio that covers it, minus "
                         "the coverage's exclusions; a team a portfolio covers directly to that "
                         "holder), beside the modelled line:"), "",
                   *top(pline, ["name", "implied_name", "temporary", "basis", "line", "agrees"],
                        "portfolio_line", "agrees", ascending=True, what="roles")]
        return md

    def powers(self) -> list:
        t = self.t
        reg = self.reg
        top = self.top
        md: list = []
        md += ["", f"## {t('Powers and mandates')}", ""]
        if len(reg):
            md += [t("The mandate register: per power, the chain from the competent body (or, "
                     "where the sources name none, from the first mandator) down to each post, "
                     "with its holders, the ceiling that applies, validity, the granting decision "
                     "and the signing formula; `mandates.csv` has every column. What the sources "
                     "do not record (a competent body, a legal basis, a decision) is said so, not "
                     "filled in."), "",
                   *top(reg, REGISTER_SHOWN, "mandates", what="mandate links")]
        else:
            md.append(t(NO_MANDATE))

        return md

    def advice(self) -> list:
        org = self.org
        t = self.t
        adv = self.adv
        top = self.top
        heading = self.heading
        md: list = []
        if not len(adv):
            return md + ["", heading("Executive commissions", "R8"), "",
                         t("The data names no commissions.")]
        threshold = org.settings("executive_commission_threshold")
        assessed = adv["criteria_met"].notna().any()
        md += ["", heading("Executive commissions", "R8"), "",
               t("Threshold: {n} of the organisation's criteria (`criteria` in org.yaml).",
                 n=threshold) if threshold is not None else
               t("Threshold: not recorded (the source does not give a number); the counts of "
                 "criteria met are given.") if assessed else
               t("Threshold: not recorded (the source does not give a number)."), ""]
        if not assessed:
            # (a table of "not assessed" on every row says less than this)
            n = len(adv)
            md.append(t(count(n, N_("The organisation declares no criteria for executive "
                                    "commissions (`criteria` in org.yaml): its commission is "
                                    "not assessed."),
                              N_("The organisation declares no criteria for executive "
                                 "commissions (`criteria` in org.yaml): none of its {n} "
                                 "commissions is assessed."))
                        if not org.vocabulary("criteria") else
                        count(n, N_("The commission does not record the criteria it meets (its "
                                    "`criteria` in nodes.csv): it is not assessed."),
                              N_("None of the {n} commissions records the criteria it meets "
                                 "(their `criteria` in nodes.csv): none is assessed."))))
            return md
        md += top(adv, ["name", "criteria_met", "advised", "executive", "verdict"], "advice",
                  "criteria_met", what="commissions")
        return md

    def closing(self) -> list:
        t = self.t
        names = self.names
        found = self.found
        frames = self.frames
        rules = self.rules
        md: list = []
        md += ["", f"## {t('Governance findings')}", ""] + _findings(found, rules, t, names)
        md += ["", f"## {t('Files')}", "", t("One CSV per analysis") + ": "
               + ", ".join(f"[{_md(n)}.csv]({n}.csv)" for n in frames) + "."]
        return md

def _write(org, stage: Path, html: bool, step=lambda name="": None, t=translator("en")):
    report = _Report(org, stage, t)
    report.compute(step)
    report.write_csv(step)
    md = (report.head(html, step) + report.evidence() + report.escalation() + report.layers()
          + report.span() + report.partners() + report.portfolios() + report.powers()
          + report.advice() + report.closing())
    return "\n".join(md) + "\n", report.charts



def _findings(found, rules, t, names) -> list:
    """The findings grouped by rule and cause, each group with its count, the
    rule's citation and the first of its findings."""
    def cite(r):
        src = rules[r]["source"]
        return f"{r} ({_md(t(rules[r]['text']))}" + (f"; {_md(t.cite(src))})" if src else ")")
    checked = [r for r in rules if r in CHECKS]
    unchecked = [r for r in rules if r not in CHECKS]
    # (the Awb's checks on mandates run whatever org.yaml adopts)
    md = [t("Rules checked") + ": " + ", ".join(
        [cite(r) for r in checked] + [t("the Awb's checks on mandates (10:1, 10:3, 10:4, "
                                        "10:9)")]) + "."]
    if unchecked:
        md += ["", t("Rules the organisation adopts that are not checked here (see their own "
                     "sections where there is one)") + ": "
               + ", ".join(cite(r) for r in unchecked) + "."]
    if not checked:
        md += ["", t("No rule of the organisation's is checked: org.yaml names none of the rules "
                     "orgmodel checks (`rules`: {ids}), so nothing here says whether the "
                     "organisation keeps them.", ids=", ".join(CHECKS))]
        if found.empty:
            return md
    if found.empty:
        return md + ["", t("**No findings**: the model keeps every rule checked. Findings rest "
                           "on the model's facts; inferred, assumed and ungraded facts are not "
                           "evidence that the organisation keeps the rules.")]
    md += ["", t(count(len(found), N_(
        "1 finding; it is a statement about the model's facts, and where the source is silent "
        "it says what it does not state. It is in [findings.csv](findings.csv)."), N_(
        "{n} findings, grouped by rule and by what they have in common; each is a statement "
        "about the model's facts, and where the source is silent it says what it does not "
        "state. All of them are in [findings.csv](findings.csv)."))), ""]
    shown = 0
    for rule, node, group in _causes(found):
        first = group.iloc[0]
        cited = first["source"] and first["source"] != rule
        head = f"- **{_md(rule)}**" + (f" ({_md(t.cite(first['source']))})" if cited else "") + ": "
        unstated = sum(bool(v) for v in group["not_stated"])
        tail = (" " + t("({n} of them rest on facts no source states)", n=unstated)
                if unstated else "")
        if node is not None:
            head += t(count(len(group), N_("1 finding involves {name}"),
                            N_("{n} findings involve {name}"),
                            name=_md(names.get(node, node)))) + tail + ", " + t("e.g.") + " "
        elif len(group) > 1:
            head += t("{n} findings", n=len(group)) + tail + ", " + t("e.g.") + " "
        line = head + _md(t(first["message"]))
        if len(group) == 1 and first["not_stated"]:
            line += ". _" + t("Not stated by a source") + ": " + \
                "; ".join(_md(t(x)) for x in first["not_stated"]) + "._"
        md.append(line)
        if len(group) > 1:
            rest = [_md(t(m)) for m in group["message"].iloc[1:6]]
            md += [f"  - {m}" for m in rest]
            if len(group) > 6:
                md.append("  - " + t("… and {n} more in findings.csv", n=len(group) - 6))
        shown += 1
        if shown >= TOP_ROWS:
            md.append("- " + t("… more groups in findings.csv"))
            break
    return md


def _reports(n: int) -> Message:
    return count(n, N_("{n} direct report"), N_("{n} direct reports"))
