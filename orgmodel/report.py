"""The main job: every analysis of one organisation as a Markdown report a
policy advisor can read, one CSV per analysis, and the interactive graph.

Each section says what was computed and, for each finding, the passage of
the organisation's own sources the rule comes from (none when the
organisation cites none) and which facts of the finding no source states.
Where there are no findings the report says so, and says what was checked.
"""
from __future__ import annotations

import datetime as _dt
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .errors import OrgModelError
from .escape import markdown as _md, markdown_table, to_csv
from .write import usual_mode

from .advice import executive_commission_advice
from .checks import check
from .escalation import OUTCOMES, escalation_load, escalation_policy, route_graph
from .layers import layering
from .partners import partner_network
from .portfolios import portfolio_balance
from .checks import applicable_rules, CHECKS
from .formation import formation, totals
from .portfolios import portfolio_line
from .mandates import register
from .powers import power_holders
from .span import span_of_control
from .summary import summarize
from .model import at_its_date

__all__ = ["write_report"]


#: At most this many rows per table in report.md; every row is in the CSVs.
TOP_ROWS = 25


def _top(frame, columns, csv_name, sort=None, ascending=False, what="rows"):
    """A table of at most :data:`TOP_ROWS` rows (the first by ``sort``), and a
    line naming the CSV with all of them: a report of 100,000 roles stays
    readable (and small)."""
    if frame is None or len(frame) <= TOP_ROWS:
        return [markdown_table(frame, columns)]
    shown = frame.sort_values(sort, ascending=ascending, kind="stable") if sort else frame
    return [markdown_table(shown.head(TOP_ROWS), columns), "",
            f"_The first {TOP_ROWS} of {len(frame):,} {what}"
            + (f", by {sort.replace('_', ' ')}" if sort else "")
            + f"; all of them in [{csv_name}.csv]({csv_name}.csv)._"]


def _summary(org, s, tot, found, loads, lay, spans, rules) -> list:
    """The report's first page: what the organisation is, its findings, who
    carries the escalations, and where layers and spans depart from the target."""
    ev = {g: s.evidence["nodes"][g] + s.evidence["edges"][g] for g in s.evidence["nodes"]}
    facts = sum(ev.values()) or 1
    fte = f"{tot['fte_min']:g}" if tot["fte_min"] == tot["fte_max"] else \
        f"{tot['fte_min']:g}–{tot['fte_max']:g}"
    missing = tot.get("posts_without_fte", 0)
    if missing and missing == tot["posts"]:
        fte = "no FTE given"
    elif missing:
        fte = f"{fte} FTE on the {tot['posts'] - missing:,} posts that give one"
    else:
        fte = f"{fte} FTE"
    out = [f"- **The organisation**: {tot['posts']:,} posts ({tot['vacant']:,} vacant), "
           f"{tot['people']:,} people in post, {fte}"
           + (f", {tot['staff']:,} staff counted per grade" if tot["staff"] else "")
           + f"; {round(100 * ev['stated'] / facts)}% of its facts are stated by a source, "
           f"{round(100 * ev['inferred'] / facts)}% inferred, "
           f"{round(100 * (ev['assumed'] + ev['ungraded']) / facts)}% assumed or ungraded."]
    if len(found):
        per = found.groupby("rule", sort=False).agg(n=("message", "size"),
                                                    source=("source", "first"),
                                                    unstated=("not_stated", lambda x: sum(
                                                        bool(v) for v in x)))
        parts = []
        for rule, r in per.iterrows():
            cite = rules.get(rule, {}).get("source") or (r["source"] if r["source"] != rule
                                                         else "")
            parts.append(f"{r['n']:,} × {_md(rule)}" + (f" ({_md(cite)})" if cite else "")
                         + (f", {r['unstated']:,} resting on facts no source states"
                            if r["unstated"] else ""))
        out.append(f"- **Findings**: {len(found):,}: " + "; ".join(parts)
                   + " (see [Governance findings](#governance-findings)).")
    else:
        out.append("- **Findings**: none for the rules checked.")
    for via, load in list(loads.items())[:1]:
        top = load.head(3)
        if len(top):
            out.append(f"- **Who carries the escalations** ({_md(via)} routes): "
                       + ", ".join(f"{_md(n)} ({r:,} roles)" for n, r in
                                   zip(top["name"], top["reached_by"])) + ".")
    layer = f"- **Layers**: {lay.depth} by {lay.basis}"
    if (org.settings("layering", {}) or {}).get("flat"):
        layer += "; the source describes a flat organisation."
    elif lay.target:
        layer += (f", target {lay.target}: " + ("on target." if lay.depth <= lay.target else
                  f"{len(lay.below_target):,} managers below it."))
    else:
        layer += " (no target set)."
    out.append(layer)
    wide = spans.frame
    if len(wide):
        top = wide.sort_values("direct_reports", ascending=False).iloc[0]
        out.append(f"- **Spans**: the widest is {_md(top['name'])} with "
                   f"{int(top['direct_reports']):,} direct reports ({int(top['people']):,} "
                   "people)" + (f"; {int(spans.frame['outside'].sum()):,} outside the "
                                "thresholds" if spans.min is not None or spans.max is not None
                                else "") + ".")
    return out


#: The file that marks a folder as a report orgmodel wrote (and may replace).
MARKER = ".orgmodel-report"


@at_its_date
def write_report(org, out_dir, html=True) -> Path:
    """Run every analysis on ``org`` and write ``report.md`` and CSVs to ``out_dir``.

    The report is written into a fresh folder beside ``out_dir`` and takes
    ``out_dir``'s place only when complete, so a report written over an
    earlier one keeps none of its files, and a failed run leaves the earlier
    report as it was.  A folder that holds anything but an earlier report is
    refused rather than replaced.

    Returns
    -------
    Path
        The path of ``report.md``.

    Examples
    --------
    >>> p = write_report(sample, tmp_path / "rep", html=False)
    >>> sorted(f.name for f in p.parent.glob("*.csv"))[:3]
    ['advice.csv', 'brokerage.csv', 'escalation_commission.csv']
    """
    out_dir = Path(out_dir)
    _check_replaceable(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.new-"))
    try:
        from ._progress import task
        with task(f"Writing the report of {org.name}", _STAGES) as step:
            md = _write(org, stage, html, step)
        (stage / "report.md").write_text(md, encoding="utf-8")
        (stage / MARKER).write_text("This folder was written by 'orgmodel report'; "
                                    "the next report to it replaces it as a whole.\n",
                                    encoding="utf-8")
        _fix_modes(stage)
        _swap(stage, out_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return out_dir / "report.md"


def _report_file(name: str) -> bool:
    return name in ("report.md", "graph.html", MARKER) or name.endswith(".csv")


def _check_replaceable(out_dir: Path):
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise OrgModelError(f"{out_dir} is a file: give a folder for the report")
    entries = list(out_dir.iterdir())
    if (out_dir / MARKER).is_file():
        return
    # Reports written before the marker existed held only these files.
    strangers = [e.name for e in entries if e.is_dir() or not _report_file(e.name)]
    if strangers:
        raise OrgModelError(f"{out_dir} holds files that are not an orgmodel report "
                            f"({', '.join(sorted(strangers)[:5])}); the report replaces its "
                            "folder as a whole, so give a new or empty folder")


def _fix_modes(stage: Path):
    os.chmod(stage, usual_mode(directory=True))
    for f in stage.iterdir():
        os.chmod(f, usual_mode())


def _swap(stage: Path, out_dir: Path):
    """Put ``stage`` in ``out_dir``'s place; the old folder goes only after."""
    if not out_dir.exists():
        os.replace(stage, out_dir)
        return
    old = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.old-"))
    os.rmdir(old)
    os.replace(out_dir, old)
    try:
        os.replace(stage, out_dir)
    except BaseException:
        os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


#: The stages of a report, for the progress bar.
_STAGES = 13


def _write(org, stage: Path, html: bool, step=lambda name="": None) -> str:
    s = summarize(org)
    policy = escalation_policy(org)
    step("summary")
    esc = {via: route_graph(org, via) for via in policy.routes}
    step("escalation routes")
    loads = {via: escalation_load(org, via, rg) for via, rg in esc.items()}
    step("escalation load")
    lay = layering(org)
    step("layers")
    spans = span_of_control(org)
    step("spans")
    net = partner_network(org)
    step("partners")
    found = check(org, routes=esc, loads=loads)
    step("checks")
    pb = portfolio_balance(org)
    pline = portfolio_line(org)
    adv = executive_commission_advice(org)
    step("portfolios and advice")
    units = formation(org, "unit")
    step("formation")
    held = power_holders(org)
    reg = register(org)
    step("mandates")
    tot = totals(org)

    frames = {
        "summary": pd.DataFrame(
            [{"what": "node", "kind": k, "count": v} for k, v in s.nodes.items()]
            + [{"what": "edge", "kind": k, "count": v} for k, v in s.edges.items()]),
        **{f"escalation_{via}": e.to_frame() for via, e in esc.items()},
        **{f"escalation_load_{via}": f for via, f in loads.items()},
        "layers": lay.frame, "span": spans.frame, "partners": net.partners,
        "partners_shared": net.shared, "brokerage": net.brokerage, "findings": found,
        "portfolios": pb.frame, "portfolio_line": pline, "advice": adv,
        "formation_units": units, "formation_managers": formation(org, "manager"),
        "powers": held, "mandates": reg,
    }
    for name, frame in frames.items():
        to_csv(frame, stage / f"{name}.csv")
    step("CSV files")

    rules = applicable_rules(org)

    def heading(title, rule):
        # A rule's id only where the organisation adopts that rule.
        return f"## {title} ({rule})" if rule in rules else f"## {title}"

    # Every value from the data goes through _md: inert in any renderer.
    md = [f"# {_md(org.name)}: how the organisation steers itself", ""]
    md.append(f"_Report written by orgmodel on {_dt.date.today().isoformat()}"
              + (f"; the model describes the organisation as of {_md(org.manifest['date'])}"
                 if org.manifest.get("date") else "") + "._")
    if org.manifest.get("description"):
        md += ["", _md(org.manifest["description"])]
    sources = org.manifest.get("sources") or {}
    if sources:
        md += ["", "Sources (cited as the `source` of every node and edge):", ""]
        md += [f"- **{_md(k)}**: {_md(v)}" for k, v in sources.items()]
    if html:
        from .formats.html import ExportTooLargeError, write_html
        try:
            write_html(org, stage / "graph.html")
            step("interactive graph")
            md += ["", "The interactive graph of the whole organisation is in "
                   "[graph.html](graph.html): open it in a browser (it works offline)."]
        except ExportTooLargeError as exc:
            md += ["", f"No graph of the whole organisation: {_md(exc)}. Use "
                   "`orgmodel export html --focus ROLE --depth N`."]
        from .formats.chart import write_chart
        try:
            step("org chart")
            write_chart(org, stage / "chart.svg")
            md += ["", "![The line of the organisation as an org chart](chart.svg)"]
        except OrgModelError as exc:       # no Graphviz here, or too many posts for a page
            md += ["", f"No org chart: {_md(exc)}."]

    md += ["", "## Summary", ""] + _summary(org, s, tot, found, loads, lay, spans, rules)
    md += ["", "## How the facts are known", "",
           "Every node and edge is graded: *stated* (the cited passage says it), *inferred* "
           "(it follows from cited passages; the row's note gives the reasoning), *assumed* "
           "(no source says it; the note says why it is there) or *ungraded*. Only stated "
           "facts are evidence; each finding below lists the facts it rests on that are "
           "not stated.", "",
           markdown_table(pd.DataFrame([{"grade": g, "nodes": s.evidence["nodes"][g],
                                         "edges": s.evidence["edges"][g]}
                                        for g in s.evidence["nodes"]]))]
    md += ["", "## What the organisation looks like", ""]
    md.append(markdown_table(frames["summary"][frames["summary"]["count"] > 0]))
    fte = f"{tot['fte_min']:g}" if tot["fte_min"] == tot["fte_max"] else \
        f"{tot['fte_min']:g}–{tot['fte_max']:g}"
    md += ["", f"Formation: **{tot['posts']} posts** ({tot['vacant']} vacant), **{fte} FTE** "
           f"over {s.roles_with_fte} posts with an FTE"
           + (" (some are given as ranges, so the total is a range)"
              if tot["fte_min"] != tot["fte_max"] else "")
           + f"; {tot['people']} people in post"
           + (f"; {tot['staff']} staff counted per grade ({tot['staff_fte']:g} FTE)"
              if tot["staff"] or tot["staff_fte"] else "") + "."]
    if len(units) and units["posts"].sum():
        md += ["", "Per unit (posts and staff of the unit and the units inside it):", ""]
        md += _top(units, ["name", "posts", "vacant", "people", "fte_min", "fte_max", "staff",
                           "headcount"], "formation_units", "posts", what="units")

    md += ["", "## Escalation routes", "",
           "Whom each role takes an issue to, following the organisation's escalation "
           "policy (`escalation` in org.yaml): one route kind per kind of issue. At each "
           "role the first step that leads to an allowed role is taken; a role in a "
           "forbidden sphere is never a next step, by any edge. The figures per role are "
           "in `escalation_<route>.csv`, who carries the escalations in "
           "`escalation_load_<route>.csv`."]
    for via, rg in esc.items():
        kind = policy.routes[via]
        frame = frames[f"escalation_{via}"]
        counts = {o: int(frame["outcomes"].str.contains(o, regex=False).sum())
                  for o in OUTCOMES} if len(frame) else {}
        steps = "; then ".join(" and ".join(f"`{c.edge}` ({_md(c.rule)})" for c in group)
                               for group in kind.steps)
        md += ["", f"### Route: {_md(via)}", ""]
        if kind.issue:
            md += [f"For: {_md(kind.issue)}.", ""]
        md += [f"Steps: {steps}.", "",
               "Never to: " + (", ".join(map(_md, kind.forbidden_spheres)) or "no sphere is "
                               "forbidden on this route") + ".", "",
               "Roles by outcome of their routes: "
               + (", ".join(f"{k}: {v}" for k, v in counts.items() if v) or "none") + ".", ""]
        md += _top(frame, ["name", "next", "shortest", "longest", "tops", "outcomes", "routes"],
                   f"escalation_{via}", "longest", what="roles")
        load = loads[via]
        directors = load["level"].isin(["concern", "team-connecting"])
        # Without declared levels, the roles that carry most, whoever they are.
        top = (load[directors] if directors.any() else load).head(10)
        md += ["", "Who carries the escalations ("
               + ("directors and deputy directors" if directors.any() else "the ten roles")
               + " reached by the routes of most roles):", "",
               markdown_table(top, ["name", "level", "reached_by", "passing", "ending",
                                    "direct_reports", "portfolios"])]

    md += ["", heading("Management layers", "R6"), "",
           f"**{lay.depth}** management layers by {lay.basis}; target depth: "
           f"{lay.target or 'not set'}.", ""]
    md += [f"- {_md(line)}" for line in lay.explanation] + [""]
    md += _top(lay.frame[lay.frame["manager"]], ["name", "level", "layer", "layer_steps"],
               "layers", "layer_steps", what="managers")
    below = lay.below_target
    md += ["", (f"{len(below)} managers sit below the target depth: "
                + ", ".join(map(_md, below["name"]))) if len(below) else
           "No manager sits below the target depth."]

    md += ["", "## Span of control", "",
           f"Thresholds: min {spans.min if spans.min is not None else 'none'}, "
           f"max {spans.max if spans.max is not None else 'none'}, compared with the count "
           f"by {spans.by}.", ""]
    md += [f"- {_md(line)}" for line in spans.explain()] + [""]
    md += _top(spans.frame, ["name", "direct_reports", "vacant_reports", "people", "fte",
                             "mandates_given", "reason"], "span", "direct_reports",
               what="managers")
    md += ["", "Distribution of direct reports:", "", markdown_table(spans.distribution)]

    md += ["", "## Partners", ""]
    md += _top(net.partners, ["name", "partner_kind", "commissions", "official_commissioners",
                              "political_commissioners"], "partners", what="partners")
    md += ["", "Roles that connect partners (brokerage = betweenness in the role–partner "
           "network):", ""]
    md += _top(net.brokerage, None, "brokerage", "betweenness", what="roles")
    md += ["", "Roles sharing partners:", ""]
    md += _top(net.shared, None, "partners_shared", what="pairs")
    single = net.single_commissioner
    md += ["", (f"Partners hanging on a single official commissioner: "
                + ", ".join(f"{_md(n)} ({_md(c)})" for n, c in zip(single["name"],
                                                         single["official_commissioners"])))
           if len(single) else "No partner hangs on a single commissioner."]

    md += ["", heading("Portfolio balance", "R9"), "", markdown_table(pb.frame),
           "", f"Imbalance (coefficient of variation of the totals): **{pb.imbalance}** "
           "(0 = every holder carries as many items)."]
    if len(pline):
        md += ["", "The line the portfolios imply (a team manager to its cluster's leader, "
               "a cluster's leader to the holder of the portfolio that covers it, minus the "
               "coverage's exclusions; a team a portfolio covers directly to that holder), "
               "beside the modelled line:", "",
               *_top(pline, ["name", "implied_name", "temporary", "basis", "line", "agrees"],
                     "portfolio_line", "agrees", ascending=True, what="roles")]
    md += ["", "## Powers and mandates", ""]
    if len(reg):
        md += ["The mandate register: per power, the chain from the competent body (or, "
               "where the sources name none, from the first mandator) down to each post, "
               "with its holders, the ceiling that applies, validity, the granting decision "
               "and the signing formula; `mandates.csv` has every column. What the sources "
               "do not record (a competent body, a legal basis, a decision) is said so, not "
               "filled in.", "",
               *_top(reg, ["power_name", "body_name", "chain", "holders", "ceiling_applies",
                           "valid_to", "decision", "signing", "evidence"], "mandates",
                     what="mandate links")]
    else:
        md.append("No mandate names a declared power.")

    md += ["", heading("Executive commissions", "R8"), "",
           f"Threshold: {org.settings('executive_commission_threshold', 3)} of the "
           "organisation's criteria (`criteria` in org.yaml).", "",
           *_top(adv, ["name", "criteria_met", "advised", "executive", "verdict"], "advice",
                 "criteria_met", what="commissions")]

    def cite(r):
        src = rules[r]["source"]
        return f"{r} ({_md(rules[r]['text'])}" + (f"; {_md(src)})" if src else ")")
    checked = [r for r in rules if r in CHECKS]
    unchecked = [r for r in rules if r not in CHECKS]
    md += ["", "## Governance findings", "",
           "Rules checked: " + (", ".join(cite(r) for r in checked) or "none") + "."]
    if unchecked:
        md += ["", "Rules the organisation adopts that are not checked here (see their own sections "
               "where there is one): "
               + ", ".join(cite(r) for r in unchecked) + "."]
    if found.empty:
        md += ["", "**No findings**: the model keeps every rule checked. Findings rest on the "
               "model's facts; inferred, assumed and ungraded facts are not evidence that "
               "the organisation keeps the rules."]
    else:
        md += ["", f"{len(found)} finding{'s' if len(found) != 1 else ''}: each is a statement "
               "about the model's facts; where the source is silent, the finding says what "
               "it does not state.", ""]
        per_rule = found["rule"].value_counts()
        if len(found) > TOP_ROWS:
            md += ["Findings per rule: " + ", ".join(f"{_md(r)} {n:,}" for r, n in
                                                     per_rule.items()) + f"; the first "
                   f"{TOP_ROWS} below, all of them in [findings.csv](findings.csv).", ""]
        for f in found.head(TOP_ROWS).to_dict("records"):
            cited = f["source"] and f["source"] != f["rule"]
            line = f"- **{_md(f['rule'])}**" + (f" ({_md(f['source'])})" if cited else "") \
                + f": {_md(f['message'])}"
            if f["not_stated"]:
                line += ". _Not stated by a source: " + "; ".join(map(_md, f["not_stated"])) + "._"
            md.append(line)
    md += ["", "## Files", "", "One CSV per analysis: "
           + ", ".join(f"[{_md(n)}.csv]({n}.csv)" for n in frames) + "."]
    return "\n".join(md) + "\n"
