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
import textwrap
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from .._nx import node_attrs
from .._order import natural_key
from ..errors import OrgModelError
from ..i18n import Message
from ..model import at_its_date
from ._chart_draw import MAX_PIXELS, draw, write_files
from ._chart_pages import FONT_PT, PAPERS, TITLE_WRAP, WRAP, Page, below, box, in_units, paginate, tree_of

if TYPE_CHECKING:  # names in annotations only
    from collections.abc import Callable

    from .._types import PathOrFile
    from ..diff import Diff
    from ..model import OrgModel


__all__ = ["chart_dot", "chart_pages", "write_chart", "ChartFiles", "PAPERS", "MAX_POSTS",
           "MAX_PIXELS", "CHART_KINDS"]

#: Beyond this many posts a chart would run to thousands of pages (and
#: minutes of drawing): a part of it is drawn instead (``focus``).
MAX_POSTS = 25_000
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


def _cut(text: str) -> str:
    """``text`` cut to :data:`MAX_LABEL` characters."""
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…"


def _label(text) -> str:
    """A label as DOT text, cut to :data:`MAX_LABEL` characters."""
    return _q(_cut(str(text)))


def _lines(lines) -> str:
    """Label lines as one DOT string, each line centred (``\\n``)."""
    return '"' + "\\n".join(_q(line)[1:-1] for line in lines) + '"'


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
    """The DOT text of the whole chart on one page (see the module's text;
    :func:`chart_pages` cuts it into pages that fit a sheet of paper).

    Examples
    --------
    >>> text = chart_dot(sample)
    >>> '"gd" -> "cd"' in text and "style=\\"rounded,filled,dashed\\"" in text
    True
    """
    drawing = _Drawing(org, diff, route, title, focus, depth, lang)
    return drawing.dot(Page(None, sorted(drawing.posts, key=natural_key)), [drawing.title])


@at_its_date
def chart_pages(org: OrgModel, diff: Diff | None = None, route: str | None = None,
                title: str | None = None, focus: str | None = None, depth: int = 2,
                lang: str = "en", paper: str = "a4",
                url: Callable[[int], str] | None = None) -> list:
    """The DOT text of each page of the chart cut to fit ``paper`` (one of
    :data:`PAPERS`): the top first, then a page per subtree that did not
    fit, a post with a page of its own drawn as a box with the count below
    it and its page's number (``url(n)``, when given, links the box to page
    ``n``).

    Examples
    --------
    >>> pages = chart_pages(sample)
    >>> len(pages), '"gd" -> "cd"' in pages[0]
    (1, True)
    """
    drawing = _Drawing(org, diff, route, title, focus, depth, lang)
    return drawing.texts(drawing.plan(paper), url)


class _Drawing:
    """What every page of one chart shares: the posts and lines, the tree,
    the diff's marks, the highlighted route and the words."""

    def __init__(self, org, diff, route, title, focus, depth, lang):
        from ..i18n import translator
        self.t = t = translator(lang)

        def when(o):
            # (English keeps the date as the data writes it; Dutch writes it out)
            return (str(o.date) if lang == "en" else t.date(str(o.date))) if o.date \
                else t("undated")
        self.status, self.added, self.removed = {}, set(), set()
        if diff is not None:
            org, self.status, self.added, self.removed = diff.union()
            title = title or (f"{diff.before.name} ({when(diff.before)}) → "
                              f"{diff.after.name} ({when(diff.after)})")
        self.org, self.nodes = org, node_attrs(org.graph)
        self.title = title or (org.name + (f" ({when(org)})" if org.date else ""))
        self.posts, self.edges = _chart_posts(org, self.status, focus, depth)
        self.bad = set()
        if diff is not None and len(diff.routes):
            self.bad = set(diff.routes.loc[diff.routes["newly_bad"], "role"])
        self.parent = tree_of(self.posts, self.edges, self.removed)
        self.hot = _hot_lines(org, route)
        self.units = _units(org)

    def lines(self, n) -> list:
        """A post's label, wrapped: its name (vacant), and an external one's organisation."""
        d = self.nodes[n]
        name = _cut(str(d.get("name", n))) + (" " + self.t("(vacant)") if d.get("vacant") else "")
        out = textwrap.wrap(name, WRAP, break_on_hyphens=False) or [""]
        if d.get("external") and d.get("organisation"):
            out += textwrap.wrap(_cut(str(d["organisation"])), WRAP) or []
        return out

    def count_line(self, n, below, page, changed=0) -> str:
        """What a box with a page of its own says under its name: ``below``
        posts, ``changed`` of them (in a diff), on ``page`` (in ASCII but for
        the words: Graphviz 2.43's right-angled lines fail on a page with a
        "·" in its boxes)."""
        if self.status:
            return self.t("+{n} below, {k} changed (p. {page})", n=below, k=changed, page=page)
        return self.t("+{n} below (p. {page})", n=below, page=page)

    def plan(self, paper, slack=None) -> list:
        """The pages (see :func:`~orgmodel.formats._chart_pages.paginate`)."""
        _known_paper(paper)
        probe = self.count_line(None, 99999, 9999, 9999)

        unit_of = self.units[0]
        alone = {u for u, k in Counter(unit_of[p] for p in self.posts if p in unit_of).items()
                 if k == 1}

        def size(n, counted):
            w, h = box(self.lines(n) + ([probe] if counted else []))
            if n in unit_of:
                # its unit's box around it: the margin, and the unit's name
                # above it (as wide as the box only for a unit of one post; a
                # larger unit's name spans its posts)
                if unit_of[n] in alone:
                    w = max(w, box(_unit_name(self.nodes, unit_of[n]))[0])
                w, h = w + 16, h + 26
            return w, h
        return paginate(self.posts, self.parent, size, paper, slack, unit_of=self.units[0])

    def whole(self) -> Page:
        """The whole line as one page (under its top, or several side by side)."""
        tops = [p for p in self.posts if self.parent.get(p) not in self.posts]
        return Page(tops[0] if len(tops) == 1 else None, sorted(self.posts, key=natural_key))

    @staticmethod
    def targets(pages) -> list:
        """For each page, ``{post: the page it links to}`` of its boxes with a count."""
        first: dict = {}
        for i, p in enumerate(pages, 1):
            for top in p.tops:
                first.setdefault(top, i)
        return [{x: first[x] for x in p.counted} for p in pages]

    def texts(self, pages, url=None) -> list:
        """The DOT text of every page, with its title and the pages' numbers."""
        targets = self.targets(pages)
        on = {x: i for i, p in enumerate(pages, 1) for x in p.counted}
        under = below(self.posts, self.parent)
        changed = below(self.posts, self.parent, lambda x: self.status.get(x) in _STATUS) \
            if self.status else {}
        out = []
        for i, (p, to) in enumerate(zip(pages, targets), 1):
            head = [self.title]
            if len(pages) > 1:
                head.append(self._where(p, i, len(pages), on.get(p.root)))
            counts = {x: self.count_line(x, under[x], n, changed.get(x, 0))
                      for x, n in to.items()}
            links = {x: url(n) for x, n in to.items()} if url else {}
            out.append(self.dot(p, head, counts, links))
        return out

    def _where(self, page, i, total, up) -> str:
        """A page's second title line: whose subtree, which page, and where it hangs."""
        t = self.t
        parts = []
        if page.root is not None:
            names = ", ".join(str(self.nodes[x].get("name", x)) for x in page.tops)
            name = names if len(names) <= 60 else names[:59] + "…"
            parts.append(name + (f" ({page.part[0]}/{page.part[1]})" if page.part[1] > 1
                                 else ""))
        parts.append(t("page {n} of {total}", n=i, total=total))
        if up is not None:
            parts.append(t("↑ p. {page}", page=up))
        return " · ".join(parts)

    def dot(self, page, head, counts=None, links=None) -> str:
        """One page's DOT text."""
        counts, links = counts or {}, links or {}
        posts = set(page.posts)
        edges = [e for e in self.edges if e[0] in posts and e[1] in posts]
        tree = {u: (u, self.parent[u]) for u in posts if self.parent.get(u) in posts}
        tops = sorted((u for u in posts if u not in tree), key=natural_key)
        out = ["digraph orgchart {",
               # (right-angled lines, as printed org charts draw them)
               # (edges first: a line never runs over a box)
               '  graph [rankdir=TB, splines=ortho, outputorder=edgesfirst, fontname="Helvetica", '
               'fontsize=12, nodesep=0.25, ranksep=0.45, labelloc=t, label='
               + _lines([w for line in head for w in textwrap.wrap(line, TITLE_WRAP) or [""]])
               + "];",
               '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", '
               f'color="#444444", fontname="Helvetica", fontsize={FONT_PT}, '
               'margin="0.08,0.04"];',
               '  edge [arrowhead=none, color="#666666"];']
        if len(tops) > 1:
            # several tops side by side under the title, stacked as reports are
            # (an invisible box above them)
            top = "orgmodel:top"
            while top in self.nodes:
                top += "'"
            tree.update({u: (u, top) for u in tops})
            edges = edges + [(u, top, {"invisible": True}) for u in tops]
        unit_of, unit_parent = self.units
        stack = _stacked(tree, unit_of, unit_parent)
        out += _unit_boxes(self.nodes, unit_of, unit_parent, posts,
                           {u: p for u, (p, _) in stack.items()})
        out += [f"  {_id(stack[u][0])} [{_POINT}];" for u in sorted(stack, key=natural_key)
                if u not in unit_of]
        if len(tops) > 1:
            out.append(f'  {_id(top)} [{_POINT}];')
        for n in sorted(posts, key=natural_key):
            lines = self.lines(n) + ([counts[n]] if n in counts else [])
            out.append(_post_statement(n, self.nodes[n], lines, self.status.get(n),
                                       n in self.bad, links.get(n)))
        out += _line_statements(edges, tree, stack, self.added, self.removed, self.hot,
                                boxed=set(unit_of) & set(posts))
        out += _columns_in_order(tree, stack)
        out.append("}")
        return "\n".join(out) + "\n"


def _known_paper(paper) -> None:
    if paper not in PAPERS:
        raise OrgModelError(Message("{paper}: a chart's paper is one of {papers}",
                                    paper=paper, papers=", ".join(PAPERS)))


def _chart_posts(org, status, focus, depth):
    """The posts and lines the chart draws: the whole line, or the part
    around ``focus``; more than a chart can show is an error."""
    posts, edges = _line(org, status, None if focus is not None else MAX_POSTS)
    if not posts:
        # (a chart of its title alone was written: a W3C ORG file of units)
        raise OrgModelError(Message(
            "{name} records no post outside the political sphere: an org chart draws the line "
            "of posts, and there is none to draw (the interactive page, export html, shows "
            "all of it)", name=org.name))
    if focus is not None:
        posts, edges = _around(org, posts, edges, org.find_role(focus), depth)
    if len(posts) > MAX_POSTS:
        raise OrgModelError(
            Message("the part around {focus} has more than {n} posts, more than a chart's "
                    "pages can show: draw a smaller part (a lower --depth), or use the "
                    "interactive page", focus=focus, n=MAX_POSTS) if focus is not None else
            Message("the line has more than {n} posts, more than a chart's pages can show: "
                    "draw one part (--focus ROLE --depth N), or use the interactive page",
                    n=MAX_POSTS))
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


def _units(org) -> tuple:
    """``({post: its unit}, {unit: the unit it is in})``: a post is drawn in
    one unit box (the first team it is a member of or leads); a team inside a
    cluster or unit is a box inside that box."""
    nodes = node_attrs(org.graph)
    unit_of: dict = {}
    parent: dict = {}
    for kind in ("MEMBER_OF", "LEADS"):
        for u, v, _ in org.edges(kind):
            if nodes[v].get("kind") != "Team":
                continue
            if nodes[u].get("kind") == "Post":
                unit_of.setdefault(u, v)
            elif kind == "MEMBER_OF" and nodes[u].get("kind") == "Team":
                parent.setdefault(u, v)
    return unit_of, parent


def _unit_name(nodes, t) -> list:
    """A unit box's name, wrapped (at twice a box's width)."""
    return textwrap.wrap(_cut(str(nodes[t].get("name", t))), 2 * WRAP) or [""]


#: A point on a column's trunk (invisible: the lines through it are drawn).
_POINT = 'label="", shape=point, width=0.01, height=0.01, style=invis'


def _unit_boxes(nodes, unit_of, parent, posts, points) -> list:
    """The unit boxes of ``posts`` (see :func:`_units`), as DOT subgraphs,
    with a stacked post's point on its trunk (``points``) in its box."""
    units: dict = {}
    for u in sorted(posts, key=natural_key):
        if u in unit_of:
            units.setdefault(unit_of[u], []).append(u)
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
        out.append(f'{pad}  label={_lines(_unit_name(nodes, t))}; style="rounded"; '
                   f'color="#bbbbbb"; fontsize={FONT_PT}; fontcolor="#555555";')
        for m in sorted(units.get(t, ()), key=natural_key):
            out.append(f"{pad}  {_id(m)};")
            if m in points:
                # (the rank that holds a stacked post beside its point is said
                # here, in the box: said outside it, it takes both out of the
                # box, and Graphviz draws the box without them)
                out.append(f"{pad}  {_id(points[m])} [{_POINT}];")
                out.append(f"{pad}  {{rank=same; {_id(points[m])}; {_id(m)};}}")
        for c in sorted(children.get(t, ())):
            box(c, indent + 1, seen + (t,))
        out.append(f"{pad}}}")
    for t in sorted(set(units) | set(children)):
        if t not in parent or parent[t] not in (set(units) | set(children)):
            box(t, 1)
    return out


def _post_statement(n, d, lines, st, bad: bool, link=None) -> str:
    """One post's DOT statement: its label lines, and its style by what it is
    (vacant, external, political), its diff status and a newly bad route;
    ``link`` the page its box links to."""
    attrs = {"label": _lines(lines)}
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
    if link:
        attrs["URL"] = _q(link)
    return f"  {_id(n)} [" + ", ".join(f"{k}={v}" for k, v in attrs.items()) + "];"


def _line_statements(edges, tree, stack, added, removed, hot, boxed=frozenset()) -> list:
    """The lines' DOT statements.  ``tree`` holds one line per post (see
    :func:`~orgmodel.formats._chart_pages.tree_of`); every other line is
    drawn without pulling the tree out of shape; a stacked report (``stack``,
    see :func:`_stacked`) hangs from its column's trunk (its rank said in
    its unit's box where it is ``boxed``, see :func:`_unit_boxes`)."""
    out = []
    for u, v, d in sorted(edges, key=lambda e: (natural_key(e[0]), natural_key(e[1]))):
        attrs = {}
        if tree.get(u) != (u, v):
            attrs["constraint"] = "false"
            attrs["style"] = "dashed"
        if d.get("temporary"):
            attrs["style"] = "dashed"
        if (u, "REPORTS_TO", v) in removed:
            attrs.update(style="dashed", color='"#9e9e9e"')
        elif (u, "REPORTS_TO", v) in added:
            attrs.update(color=_q(_STATUS["added"]), penwidth="2")
        if (u, v) in hot:
            attrs.update(color=_q(_ROUTE), penwidth="3")
        if d.get("invisible"):
            attrs["style"] = "invis"
        if tree.get(u) == (u, v) and u in stack:
            out += _hanging(u, v, stack, attrs, u in boxed)
            continue
        out.append(f"  {_id(v)} -> {_id(u)}{_attrs(attrs)};")
    return out


def _columns_in_order(tree, stack) -> list:
    """Invisible lines that set a manager's stacked columns left to right in
    their order: from each column's first post to the next column's point.
    (Graphviz otherwise orders them as it likes, in a unit's box most often
    right to left.)"""
    heads = [u for u, (_, above) in stack.items() if above is None]
    return [f"  {_id(a)} -> {_id(stack[b][0])} [style=invis, minlen=0];"
            for a, b in zip(heads, heads[1:]) if tree[a][1] == tree[b][1]]


def _hanging(u, v, stack, attrs, boxed: bool = False) -> list:
    """A stacked report's line: the trunk from the manager (or from the point
    above) to its point, and the stub from the point to its box (on the
    point's rank, which a ``boxed`` post's unit box says)."""
    point, prev = stack[u]
    trunk = {"style": "invis"} if attrs.get("style") == "invis" else {}
    if prev is None:
        out = [f"  {_id(v)} -> {_id(point)}{_attrs(trunk)};"]
    else:
        out = [f"  {_id(stack[prev][0])} -> {_id(point)}{_attrs({**trunk, 'weight': '10'})};"]
    if boxed:
        return out + [f"  {_id(point)} -> {_id(u)}{_attrs(attrs)};"]
    return out + [f"  {{rank=same; {_id(point)} -> {_id(u)}{_attrs(attrs)};}}"]


def _attrs(attrs: dict) -> str:
    """`` [k=v, …]`` of a DOT statement (nothing for no attributes)."""
    return " [" + ", ".join(f"{k}={x}" for k, x in attrs.items()) + "]" if attrs else ""


#: A manager with more reports than this that manage nobody has them stacked
#: in columns under it, as printed org charts do, instead of in one wide row.
STACK_FROM = 4


def _stacked(tree: dict, unit_of=None, unit_parent=None) -> dict:
    """``{post: (its point on the trunk, the post above it in its column or
    None)}`` for the reports stacked under their manager: a manager's
    reports that manage nobody, when there are more than :data:`STACK_FROM`,
    go into columns of about the square root of twice their number (forty
    reports: five columns of nine), each hanging from a line (the trunk) that
    runs down beside its column, as printed org charts draw them. A column
    holds one unit's reports (``unit_of``; see
    :func:`~orgmodel.formats._chart_pages.in_units`), so that a unit's box
    is drawn around its columns; reports each alone in their unit (team
    managers in their own teams) share columns with those whose units are
    in the same unit (``unit_parent``), never a line into another's box.

    >>> units = {f"p{i}": "a" if i % 3 else "b" for i in range(1, 11)}    # (7 and 3)
    >>> stack = _stacked({f"p{i}": (f"p{i}", "m") for i in range(1, 11)}, units)
    >>> [u for u in stack if stack[u][1] is None]     # (columns of 5 at most, a unit's own)
    ['p1', 'p8', 'p3']
    """
    import math
    unit_of, unit_parent = unit_of or {}, unit_parent or {}
    managers = {v for _, v in tree.values()}
    leaves: dict = {}
    for u, v in tree.values():
        if u not in managers:
            leaves.setdefault(v, []).append(u)
    taken = {str(x) for e in tree.values() for x in e}
    stack: dict = {}
    for v in sorted(leaves, key=natural_key):
        ls = in_units(leaves[v], unit_of)
        if len(ls) <= STACK_FROM:
            continue
        rows = math.ceil(math.sqrt(2 * len(ls)))
        # (a unit of one of them, a team manager's own team, shares a column
        # with the others of the unit around it, where there is one)
        group = Counter(unit_of.get(u) for u in ls)
        column = {u: (unit_of.get(u),) if group[unit_of.get(u)] > 1
                  else ((), unit_parent.get(unit_of.get(u))) for u in ls}
        above, height = None, 0
        for u in ls:
            if above is None or height == rows or column[u] != column[above]:
                above, height = None, 0             # (a new column)
            point = f"orgmodel:trunk:{len(stack)}"
            while point in taken:
                point += "'"
            stack[u] = (point, above)
            above, height = u, height + 1
    return stack


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


def _kinds(org):
    from ..escalation import escalation_policy
    return escalation_policy(org).routes


def write_chart(org: OrgModel, path: PathOrFile, diff: Diff | None = None,
                route: str | None = None, title: str | None = None, focus: str | None = None,
                depth: int = 2, kind: str | None = None, lang: str = "en",
                dpi: int = 96, paper: str = "a4") -> ChartFiles:
    """Draw the chart into ``path`` (.svg, .png, .pdf, or .dot for the text), or
    into an open binary file with ``kind`` one of ``svg``, ``png``, ``pdf``, ``dot``,
    cut into pages that fit ``paper`` (``a4``, ``a3`` landscape or portrait,
    ``slide``, or ``column``: the report's A4 column).

    A PDF has every page in one file, each on a sheet of the paper with its
    text at least :data:`~orgmodel.formats._chart_pages.MIN_TEXT_MM` high and
    the boxes with a count linked to their page.  The other kinds write the
    first page to ``path`` and page *n* beside it as ``NAME-n.svg`` (an SVG's
    boxes link to those files).  A PNG is drawn at ``dpi`` dots per inch,
    never shrunk: a page wider or higher than :data:`MAX_PIXELS` is refused.

    Returns
    -------
    ChartFiles
        The files written, the first page's first (an open file: itself),
        and how many pages they hold.

    Raises
    ------
    OrgModelError
        An unknown suffix, kind or paper, no Graphviz ``dot`` on the machine,
        a PNG past the raster limit, or pages of a kind other than PDF into
        one open file.
    """
    suffix = f".{kind}" if kind else Path(str(getattr(path, "name", path))).suffix
    fmt = CHART_KINDS.get(suffix.lower(), "?")
    if fmt == "?":
        raise OrgModelError(Message(
            "{v}: a chart is .svg, .png, .pdf or .dot",
            v=getattr(path, 'name', path)))
    if not hasattr(path, "write"):
        path = Path(path)
    names = _page_names(path, suffix)
    _known_paper(paper)
    drawing = _Drawing(org, diff, route, title, focus, depth, lang)
    if fmt is None:
        texts = drawing.texts(drawing.plan(paper))
        return ChartFiles(write_files(path, names, [t.encode("utf-8") for t in texts]),
                          len(texts))
    files, pages = draw(drawing, paper, fmt, dpi, path, names)
    return ChartFiles(files, pages)


class ChartFiles(list):
    """The files a chart was written to (the first page's first), and
    ``pages``: how many pages they hold (a PDF holds them all)."""

    def __init__(self, files, pages: int):
        super().__init__(files)
        self.pages = pages


def _page_names(path, suffix):
    """Page ``n``'s file beside ``path`` (``NAME-n.svg``), by its number."""
    if hasattr(path, "write"):
        return lambda n: path if n == 1 else None
    return lambda n: path if n == 1 else path.with_name(f"{path.stem}-{n}{suffix}")
