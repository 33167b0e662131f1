"""A static org chart (SVG, PNG, PDF) drawn by Graphviz's ``dot``, for a slide
or a printed report.

The line is drawn top-down as a tree: each post under its first superior; a
second superior (a matrix line) and a temporary line are dashed and do not
pull the tree out of shape.  Units are boxes around their posts.  Vacant
posts have a dashed border, external roles are grey, political roles red.
A route can be highlighted (``route``), and a diff drawn (``diff``): the
union of both versions, added posts with a green border, closed ones grey
and dashed, moved orange, changed blue, removed lines dashed grey, and roles
whose routes newly end badly with a red border.

``dot`` comes from Debian's ``graphviz`` (``scripts/ensure-graphviz``, run by
``make test``).  Every name is written into the DOT text quoted and escaped,
and ``dot`` escapes it again in SVG, so a name is never markup.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from .._nx import node_attrs
from ..errors import OrgModelError
from ..i18n import Message
from ..model import at_its_date
from ._tables import atomic_write

if TYPE_CHECKING:  # names in annotations only
    from typing import Any

    from .._types import PathOrFile
    from ..diff import Diff
    from ..model import OrgModel


__all__ = ["chart_dot", "write_chart", "MAX_POSTS", "MAX_PIXELS", "CHART_KINDS"]

#: Beyond this many posts a whole chart is unreadable on a page.
MAX_POSTS = 3000
#: A chart file's suffix -> the Graphviz output format (None: the DOT text itself).
CHART_KINDS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": None}
_STATUS = {"added": "#2ca02c", "closed": "#7f7f7f", "moved": "#ff7f0e", "changed": "#1f77b4"}
_ROUTE = "#d62728"


#: Control characters: no use in a label, and Graphviz would pass them into
#: SVG, which XML forbids.
_CONTROL = re.compile("[\x00-\x1f\x7f]")
#: A label longer than this is cut (with "…"): a chart box cannot show more,
#: and Graphviz refuses a quoted string over 16,384 characters.
MAX_LABEL = 200


def _q(text) -> str:
    """A DOT quoted string: backslashes and quotes escaped, so ``\\N`` or a
    quote in a name stays text; control characters and line breaks as spaces."""
    text = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _CONTROL.sub(" ", text) + '"'


def _label(text) -> str:
    """A label as DOT text, cut to :data:`MAX_LABEL` characters."""
    text = str(text)
    return _q(text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…")


def _id(n) -> str:
    """A node id as DOT text: a very long id by its digest (Graphviz's limit)."""
    n = str(n)
    if len(n) <= 1000:
        return _q(n)
    import hashlib
    return _q("id-" + hashlib.sha256(n.encode("utf-8")).hexdigest())


def _line(org, status=None, limit=None):
    """Posts on the line and their REPORTS_TO edges (with attributes); a flat
    organisation (no line at all) shows its posts side by side, and a diff
    also the roles it adds or closes.  Stops early with more than ``limit``
    posts (the chart refuses those)."""
    nodes = node_attrs(org.graph)
    # (org.edges looks the kind up in a report's edge index: at 1,000,000 roles
    # a pass over every edge's view took 6 s for a chart then refused as too large)
    edges, posts = [], set()
    for u, v, d in org.edges("REPORTS_TO"):
        if nodes[u].get("kind") == "Post" and nodes[v].get("kind") == "Post":
            edges.append((u, v, d))
            posts.add(u)
            posts.add(v)
            if limit is not None and len(posts) > limit:
                break
    if not posts:
        posts = {n for n, d in nodes.items() if d.get("kind") == "Post" and d.get(
            "sphere") != "political" and not d.get("external")}
    posts |= {n for n, st in (status or {}).items() if st in ("added", "closed")
              and nodes.get(n, {}).get("kind") == "Post"}
    return posts, edges


@at_its_date
def chart_dot(org: OrgModel, diff: Diff | None = None, route: str | None = None,
              title: str | None = None, focus: str | None = None, depth: int = 2,
              lang: str = "en") -> str:
    """The DOT text of the chart (see the module's text).

    Examples
    --------
    >>> text = chart_dot(sample)
    >>> '"gd" -> "cd"' in text and "style=\\"rounded,filled,dashed\\"" in text
    True
    """
    from ..i18n import translator
    t = translator(lang)

    def when(o):
        # (English keeps the date as the data writes it; Dutch writes it out)
        return (str(o.date) if lang == "en" else t.date(str(o.date))) if o.date \
            else t("undated")
    status, added, removed = {}, set(), set()
    if diff is not None:
        org, status, added, removed = diff.union()
        title = title or (f"{diff.before.name} ({when(diff.before)}) → "
                          f"{diff.after.name} ({when(diff.after)})")
    posts, edges = _chart_posts(org, status, focus, depth)
    bad = set()
    if diff is not None and len(diff.routes):
        bad = set(diff.routes.loc[diff.routes["newly_bad"], "role"])
    out = ["digraph orgchart {",
           # (right-angled lines, as printed org charts draw them)
           '  graph [rankdir=TB, splines=ortho, fontname="Helvetica", fontsize=12, nodesep=0.25, '
           'ranksep=0.45, labelloc=t, label=' + _label(title or (org.name + (
               f" ({when(org)})" if org.date else ""))) + "];",
           '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#444444", '
           'fontname="Helvetica", fontsize=9, margin="0.08,0.04"];',
           '  edge [arrowhead=none, color="#666666"];']
    out += _unit_boxes(org, posts)
    nodes = node_attrs(org.graph)
    out += [_post_statement(n, nodes[n], status.get(n), n in bad) for n in sorted(posts)]
    out += _line_statements(edges, added, removed, _hot_lines(org, route))
    out.append("}")
    return "\n".join(out) + "\n"


def _chart_posts(org, status, focus, depth):
    """The posts and lines the chart draws: the whole line, or the part
    around ``focus``; more than a chart can show is an error."""
    posts, edges = _line(org, status, None if focus is not None else MAX_POSTS)
    if focus is not None:
        posts, edges = _around(org, posts, edges, org.find_role(focus), depth)
    if len(posts) > MAX_POSTS:
        raise OrgModelError(
            Message("the part around {focus} has more than {n} posts, more than a chart can "
                    "show: draw a smaller part (a lower --depth), or use the interactive page",
                    focus=focus, n=MAX_POSTS) if focus is not None else
            Message("the line has more than {n} posts, more than a chart can show: draw one "
                    "part (--focus ROLE --depth N), or use the interactive page", n=MAX_POSTS))
    return posts, edges


def _hot_lines(org, route) -> set:
    """The lines on ``route``'s escalation routes (line routes where there are)."""
    hot: set = set()
    if route:
        from ..escalation import RouteGraph
        rid = org.find_role(route)
        rg = RouteGraph(org, "line") if "line" in _kinds(org) else RouteGraph(org)
        for x in rg.upset(rid):
            hot.update((x, s.id) for s in rg.next(x))
    return hot


def _unit_boxes(org, posts) -> list:
    """The unit boxes, as DOT subgraphs.  A post is drawn in one unit box (the
    first team it is a member of or leads); a team inside a cluster or unit is
    a box inside that box."""
    nodes = node_attrs(org.graph)
    units: dict = {}
    placed: set = set()
    parent: dict = {}
    for kind in ("MEMBER_OF", "LEADS"):
        for u, v, _ in org.edges(kind):
            if nodes[v].get("kind") != "Team":
                continue
            if u in posts and u not in placed:
                units.setdefault(v, []).append(u)
                placed.add(u)
            elif kind == "MEMBER_OF" and nodes[u].get("kind") == "Team":
                parent.setdefault(u, v)
    children: dict = {}
    for t, p in parent.items():
        children.setdefault(p, []).append(t)
    out: list = []
    drawn: set = set()

    def has_posts(t, seen=()):
        return bool(units.get(t)) or any(has_posts(c, seen + (t,)) for c in
                                         children.get(t, ()) if c not in seen)

    def box(t, indent, seen=()):
        if t in drawn or t in seen or not has_posts(t):
            return
        drawn.add(t)
        pad = "  " * indent
        out.append(f"{pad}subgraph cluster_{len(drawn)} {{")
        out.append(f'{pad}  label={_label(nodes[t].get("name", t))}; style="rounded"; '
                   'color="#bbbbbb"; fontsize=9; fontcolor="#555555";')
        out.extend(f"{pad}  {_id(m)};" for m in sorted(units.get(t, ())))
        for c in sorted(children.get(t, ())):
            box(c, indent + 1, seen + (t,))
        out.append(f"{pad}}}")
    for t in sorted(set(units) | set(children)):
        if t not in parent or parent[t] not in (set(units) | set(children)):
            box(t, 1)
    return out


def _post_statement(n, d, st, bad: bool) -> str:
    """One post's DOT statement: its label, and its style by what it is (vacant,
    external, political), its diff status and a newly bad route."""
    label = str(d.get("name", n))
    attrs = {"label": _label(label + (" (vacant)" if d.get("vacant") else "")
                         + (f"\n{d['organisation']}" if d.get("external") and
                            d.get("organisation") else ""))}
    style = ["rounded", "filled"]
    if d.get("vacant"):
        style.append("dashed")
    if d.get("external"):
        attrs["fillcolor"] = '"#e6e6e6"'
        style.append("dashed")
    elif d.get("sphere") == "political":
        attrs["fillcolor"] = '"#f6d5d5"'
    if st in _STATUS:
        attrs["color"] = _q(_STATUS[st])
        attrs["penwidth"] = "3"
        if st == "closed":
            attrs["fillcolor"] = '"#eeeeee"'
            attrs["fontcolor"] = '"#7f7f7f"'
            style.append("dashed")
    if bad:
        attrs["color"] = _q(_ROUTE)
        attrs["penwidth"] = "4"
    attrs["style"] = _q(",".join(dict.fromkeys(style)))
    return f"  {_id(n)} [" + ", ".join(f"{k}={v}" for k, v in attrs.items()) + "];"


def _line_statements(edges, added, removed, hot) -> list:
    """The lines' DOT statements.  One tree line per post: a lasting line of
    the (to-be) model first, else a temporary one, else (a closed post) a
    removed one; every other line is drawn without pulling the tree out of
    shape."""
    def rank(e):
        u, v, d = e
        return ((u, "REPORTS_TO", v) in removed, bool(d.get("temporary")), v)
    tree: dict = {}
    for e in sorted(edges, key=rank):
        tree.setdefault(e[0], (e[0], e[1]))
    above = _stacked(tree)
    out = []
    for u, v, d in sorted(edges, key=lambda e: (e[0], e[1])):
        attrs = {}
        if tree.get(u) != (u, v):
            attrs["constraint"] = "false"
            attrs["style"] = "dashed"
        elif u in above:
            # a stacked report hangs from the box above it in its column (the
            # line runs down the column from the manager)
            out.append(f"  {_id(above[u])} -> {_id(u)} [style=invis, weight=10];")
            attrs["constraint"] = "false"
        if d.get("temporary"):
            attrs["style"] = "dashed"
        if (u, "REPORTS_TO", v) in removed:
            attrs.update(style="dashed", color='"#9e9e9e"')
        elif (u, "REPORTS_TO", v) in added:
            attrs.update(color=_q(_STATUS["added"]), penwidth="2")
        if (u, v) in hot:
            attrs.update(color=_q(_ROUTE), penwidth="3")
        out.append(f"  {_id(v)} -> {_id(u)}" + (" [" + ", ".join(
            f"{k}={x}" for k, x in attrs.items()) + "]" if attrs else "") + ";")
    return out


#: A manager with more reports than this that manage nobody has them stacked
#: in columns under it, as printed org charts do, instead of in one wide row.
STACK_FROM = 4


def _stacked(tree: dict) -> dict:
    """``{post: the post above it in its column}`` for the reports stacked
    under their manager: a manager's reports that manage nobody, when there
    are more than :data:`STACK_FROM`, go into columns of about the square
    root of twice their number (forty reports: five columns of nine)."""
    import math
    managers = {v for _, v in tree.values()}
    leaves: dict = {}
    for u, v in sorted(tree.values()):
        if u not in managers:
            leaves.setdefault(v, []).append(u)
    above = {}
    for ls in leaves.values():
        if len(ls) <= STACK_FROM:
            continue
        rows = math.ceil(math.sqrt(2 * len(ls)))
        for i, u in enumerate(ls):
            if i % rows:
                above[u] = ls[i - 1]
    return above


def _around(org, posts, edges, rid, depth):
    """The posts within ``depth`` lines of ``rid`` (up and down), and their lines."""
    near, frontier = {rid}, {rid}
    adj = {}
    for u, v, _ in edges:
        adj.setdefault(u, set()).add(v)
        adj.setdefault(v, set()).add(u)
    for _ in range(max(depth, 0)):
        frontier = {y for x in frontier for y in adj.get(x, ())} - near
        near |= frontier
    return near & (posts | {rid}), [e for e in edges if e[0] in near and e[1] in near]


def _fits_a_png(dot, text, dpi, path) -> None:
    """Refuse a PNG that would pass :data:`MAX_PIXELS` at ``dpi`` (the
    layout's size in points, read from Graphviz's plain output)."""
    res = subprocess.run([dot, "-Tplain"], input=text.encode("utf-8"), capture_output=True,
                         timeout=300)
    first = res.stdout.decode("utf-8", "replace").split("\n", 1)[0].split()
    if res.returncode != 0 or len(first) < 4 or first[0] != "graph":
        return                    # (the drawing itself will say what is wrong)
    width, height = (float(x) * dpi for x in first[2:4])   # (inches)
    if max(width, height) > MAX_PIXELS:
        raise OrgModelError(Message(
            "{path}: the chart would be {w} × {h} pixels at {dpi} dpi, more than a PNG can "
            "hold ({limit} a side), and would be shrunk: write it as .svg or .pdf, draw a "
            "part (--focus ROLE --depth N), or a lower --dpi",
            path=getattr(path, "name", path), w=round(width), h=round(height), dpi=dpi,
            limit=MAX_PIXELS))


def _kinds(org):
    from ..escalation import escalation_policy
    return escalation_policy(org).routes


#: The most pixels a PNG side may have (cairo's limit): past it Graphviz
#: would shrink the picture in silence, so the chart refuses instead.
MAX_PIXELS = 32767


def write_chart(org: OrgModel, path: PathOrFile, diff: Diff | None = None,
                route: str | None = None, title: str | None = None, focus: str | None = None,
                depth: int = 2, kind: str | None = None, lang: str = "en",
                dpi: int = 96) -> Any:
    """Draw the chart into ``path`` (.svg, .png, .pdf, or .dot for the text), or
    into an open binary file with ``kind`` one of ``svg``, ``png``, ``pdf``, ``dot``.
    A PNG is drawn at ``dpi`` dots per inch, never shrunk: one that would be
    wider or higher than :data:`MAX_PIXELS` is refused, saying how large it
    would be and what to draw instead.

    Raises
    ------
    OrgModelError
        An unknown suffix or kind, no Graphviz ``dot`` on the machine, or a
        PNG past the raster limit.
    """
    suffix = f".{kind}" if kind else Path(str(getattr(path, "name", path))).suffix
    fmt = CHART_KINDS.get(suffix.lower(), "?")
    if fmt == "?":
        raise OrgModelError(Message(
            "{v}: a chart is .svg, .png, .pdf or .dot",
            v=getattr(path, 'name', path)))
    if not hasattr(path, "write"):
        path = Path(path)
    text = chart_dot(org, diff=diff, route=route, title=title, focus=focus, depth=depth,
                     lang=lang)
    if fmt is None:
        return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    dot = shutil.which("dot")
    if dot is None:
        raise OrgModelError("Graphviz's dot is not installed: install Debian's graphviz "
                            "(scripts/ensure-graphviz) to draw charts")

    if fmt == "png":
        _fits_a_png(dot, text, dpi, path)

    def draw(tmp):
        # (the resolution is a PNG's: SVG and PDF are drawn in points)
        res = subprocess.run([dot, f"-T{fmt}", *([f"-Gdpi={dpi}"] if fmt == "png" else []),
                              "-o", str(tmp)],
                             input=text.encode("utf-8"), capture_output=True, timeout=300)
        if res.returncode != 0:
            raise OrgModelError("dot could not draw the chart: " +
                                res.stderr.decode("utf-8", "replace").strip()[:300])
    return atomic_write(path, draw)
