"""Interactive HTML org charts: what an advisor opens, explores and shares.

The page is an org chart first: the line (``REPORTS_TO``) is a tree laid out
in the page itself, top-down, without physics, so no two labels overlap.
Subtrees collapse and expand (collapsed by default below the depth that fits
a screen), a manager with many reports shows them stacked in a block rather
than one endless row, roles can be searched by name or id, and clicking a
role shows its escalation routes with the rule of every step.  Other node
kinds (teams, portfolios, commissions, partners, people ...) and edge kinds
(mandates, commissions, contracts ...) are drawn on demand, or for the
selected role, to the right of the tree at the height of the most senior
role they are joined to.

:func:`page_data` computes what the page needs (nodes with their tree
parent, edges, every role's next escalation steps per route kind);
:func:`to_pyvis` puts the same nodes and edges in a pyvis ``Network`` for
your own use in pyvis; :func:`write_html` writes the self-contained page:
vis-network's script and style (``orgmodel/assets/vis-network``, with its
licences) are inlined, nothing is
fetched, and a Content-Security-Policy forbids fetching.

Safety: every name and attribute reaches the page either through Jinja
autoescaping (heading, legend) or as JSON inside a ``<script
type="application/json">`` (``tojson`` escapes ``<``, ``>`` and ``&``);
vis-network draws labels on a canvas and shows string tooltips as text, and
the side panel writes names with ``textContent``, so a role named
``<img src=x onerror=alert(1)>`` is shown, never run.

Size: the page holds up to :data:`MAX_ROLES` roles (a 20,000-role
organisation is first drawn in about half a second, ``benchmarks/page.md``);
above that the export refuses and suggests a focused view (``--focus ROLE
--depth N``).
"""
from __future__ import annotations

import html as _html
from collections import Counter
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import networkx as nx

from .._nx import node_attrs, part
from ..errors import OrgModelError
from ..i18n import CITATION_COLUMNS, N_, Message, in_language, text_of, translator, written_on
from ..model import at_its_date, display_names
from ..notation import NO_CEILING
from ._tables import atomic_write

if TYPE_CHECKING:  # names in annotations only
    from typing import Any

    from .._types import PathOrFile
    from ..model import OrgModel


__all__ = ["page_data", "to_pyvis", "write_html", "render_html", "show", "NODE_STYLE",
           "EDGE_STYLE", "ROUTE_COLOR", "BLOCKED_COLOR", "MAX_ROLES", "ExportTooLargeError"]

#: The most roles one page holds; above it a focused view is suggested.
MAX_ROLES = 25_000
#: Other nodes (people, teams, portfolios ...) allowed beside them.
MAX_NODES = 4 * MAX_ROLES
#: A name is cut to this many characters on the chart (the tooltip has it whole).
LABEL_CHARS = 44

NODE_STYLE = {
    "Post": {"color": "#4e79a7", "shape": "box"},
    "Role": {"color": "#a0cbe8", "shape": "ellipse"},
    "Post:political": {"color": "#e15759", "shape": "box"},
    "Post:external": {"color": "#cfcfcf", "shape": "box"},
    "Body": {"color": "#af7aa1", "shape": "box"},
    "Person": {"color": "#bab0ac", "shape": "pill"},
    "Team": {"color": "#59a14f", "shape": "pill"},
    "Staff": {"color": "#d3d3a4", "shape": "pill"},
    "Portfolio": {"color": "#edc948", "shape": "box"},
    "Topic": {"color": "#ff9da7", "shape": "pill"},
    "Instrument": {"color": "#c9c9c9", "shape": "box"},
    "Partner": {"color": "#9c755f", "shape": "box"},
    "Commission": {"color": "#76b7b2", "shape": "box"},
}
_LEGEND_NAME = {"Post": N_("Post"), "Role": N_("Role (played by a post)"),
                "Post:political": N_("Post (political)"),
                "Post:external": N_("Post outside the organisation")}
#: The texts the page's script writes, translated into the page's language
#: (``D.ui``) and filled in there (``{n}``).
_SCRIPT_TEXTS = [
    N_("temporary"), N_("vacant post"), N_("outside the organisation"),
    N_("a second superior (matrix)"),
    N_("reaches the top of the line"), N_("reaches a post outside the organisation"),
    N_("ends at a vacant post with nowhere to go on"),
    N_("can only go on to a sphere the policy forbids"),
    N_("ends at a role that no post plays"),
    N_("has no next step: no superior, commission or body is recorded above it"),
    N_("runs in a loop"), N_("No route: it {why}."),
    N_("Collapse what reports to it"), N_("Expand what reports to it"),
    N_("The model has no escalation policy."),
    N_("No escalation is asked of this node under '{route}' (political, external, a "
       "placeholder, or not a role)."),
    N_("1 route"), N_("{n} routes"), N_(" (the first 10 shown)"), N_(" — via {via}, rule {rule}"),
    N_("ends: {end}"), N_(" (blocked: {names})"), N_("{n} below"), N_("id {id}"),
    N_("on the route: {via} (rule {rule})"), N_("blocked: a forbidden sphere"),
]
_DARK_TEXT = {"Post:external", "Role", "Person", "Staff", "Portfolio", "Topic", "Instrument",
              "Commission"}
EDGE_STYLE: dict[str, dict[str, object]] = {
    "REPORTS_TO": {"color": "#555555", "dashes": False, "width": 1.5},
    "MANDATES": {"color": "#4e79a7", "dashes": True, "width": 1},
    "COMMISSIONS": {"color": "#76b7b2", "dashes": False, "width": 1},
    "ASSIGNED_TO": {"color": "#9c755f", "dashes": [2, 4], "width": 1},
    "HOLDS": {"color": "#bab0ac", "dashes": False, "width": 1},
    "COVERS": {"color": "#edc948", "dashes": [6, 3], "width": 1},
    "LEADS": {"color": "#59a14f", "dashes": False, "width": 1},
    "MEMBER_OF": {"color": "#8cd17d", "dashes": [2, 2], "width": 1},
    "CONTRACTS": {"color": "#b6992d", "dashes": True, "width": 2},
}
#: An escalation route: the border of the roles on it and its steps (never
#: red, which is the political sphere's fill).
ROUTE_COLOR = "#ff7f0e"
#: A step the policy blocks (to a role in a forbidden sphere): dashed.
BLOCKED_COLOR = "#7b2cbf"
SELECTED_COLOR = "#111111"


class ExportTooLargeError(OrgModelError, ValueError):
    """The graph is too large for one page."""


def _style_key(d):
    kind = d.get("kind")
    if kind == "Post" and d.get("external"):
        return "Post:external"
    if kind == "Post" and d.get("sphere") == "political":
        return "Post:political"
    return kind


def _tooltip(node, d, holders=(), t=None) -> str:
    # Plain text: vis-network shows a string title as text, not HTML.
    t = t or translator("en")
    lines = [f"{d.get('name', node)}", f"{t.value(d.get('kind'))} · " + t("id {id}", id=node)]
    if holders:
        lines.append(t("held by {names}", names=", ".join(holders)))
    return "\n".join(lines + _attribute_lines(t, d, ("name", "kind")))


def _attribute_lines(t, d: dict, skip) -> list:
    """``label: value`` of each attribute of ``d`` but ``skip``, as its
    reader reads it (the note in the reader's language: :func:`in_language`)."""
    return [f"{t.column(k)}: {_shown(t, k, v)}" for k, v in sorted(in_language(d, t.lang).items())
            if k not in skip]


def _shown(t, key: str, value) -> str:
    """A value in a tooltip, as its reader reads it: a list joined, a
    citation with its locator in the reader's language (``D-FS-VI punt 6``),
    a word of the data's vocabulary translated, a number in the notation."""
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    if key in CITATION_COLUMNS and isinstance(value, str):
        return t.cite(value)
    return t.value(value) if isinstance(value, (bool, str)) else t.format(value)


def select(org, focus=None, depth=1, kinds=None, edge_kinds=None) -> nx.MultiDiGraph:
    """The part of the graph to draw: optionally a role's neighbourhood and some kinds."""
    g = org.graph
    # Resolve a name to its id first: the kind filters below look nodes up by id.
    fid = (focus if focus in org.graph else org.find_role(focus)) if focus else None
    # (each part built in the model's order, see orgmodel._nx.part: the same
    # page on every run)
    if kinds:
        g = part(g, [n for n, k in g.nodes(data="kind") if k in set(kinds)])
    if edge_kinds:
        keep = set(edge_kinds)
        # Only nodes with a chosen edge stay (and the focus, to centre on).
        ends = {x for u, v, kind in g.edges(data="kind") if kind in keep for x in (u, v)}
        if fid and fid in g and (not kinds or org.graph.nodes[fid].get("kind") in kinds):
            ends.add(fid)
        g = part(g, ends, edge=lambda d: d["kind"] in keep)
    if fid:
        if fid not in g:
            raise OrgModelError(Message("{name} is not among the kinds chosen", name=org.label(fid)))
        near = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), fid,
                                                     cutoff=depth)
        g = part(g, near)
    return g


def _tree_parents(g) -> dict:
    """Each role's superior in the drawn tree: its first lasting line (a
    temporary line only when it has no other), with loops broken so that
    every role hangs from a root."""
    nodes = node_attrs(g)
    parent, rank = {}, {}
    for u, v, d in g.edges(data=True):
        if d["kind"] != "REPORTS_TO" or u == v or nodes[u].get("kind") != "Post" \
                or nodes[v].get("kind") != "Post":
            continue
        r = bool(d.get("temporary") or d.get("valid_to"))
        if u not in parent or r < rank[u]:
            parent[u], rank[u] = v, r
    state = {}                      # 1: being walked, 2: done
    for start in list(parent):
        path, x = [], start
        while x in parent and state.get(x) is None:
            state[x] = 1
            path.append(x)
            x = parent[x]
        if state.get(x) == 1:       # a loop: its last role becomes a root
            del parent[path[-1]]
        for y in path:
            state[y] = 2
    return parent


class _Facts:
    """What the side panel says of each drawn post and role: holders or
    vacant, grade, FTE, level, unit, roles it plays (or who plays it),
    mandates given and received (powers, ceiling), commissions, staff:
    ``{id: [[label, text], ...]}``, each line in the reader's language
    (names, with ids only where names repeat)."""

    def __init__(self, org, g, t, names):
        self.nodes, self.t, self.names = node_attrs(org.graph), t, names
        self.date = org.date
        # (a power by the name org.yaml gives it, in the reader's language where it has one)
        self.powers = {k: t(text_of(v.get("text") or v.get("name") or k))
                       for k, v in org.vocabulary("powers").items()}
        self.drawn = {n for n, d in g.nodes(data=True) if d.get("kind") in ("Post", "Role")}
        self.out: dict = {}
        for n in sorted(self.drawn):
            self.own(n, self.nodes[n])
        for u, v, d in org.graph.edges(data=True):
            edge = getattr(self, "edge_" + d.get("kind", "").lower(), None)
            if edge is not None:
                edge(u, v, d)
        for n in self.drawn:
            if self.nodes[n].get("vacant"):
                self.out.setdefault(n, []).insert(0, [t("held by"), t.value("vacant")])

    def name(self, n) -> str:
        return self.names[n] if n in self.names else str(self.nodes.get(n, {}).get("name", n))

    def add(self, n, label, text) -> None:
        if n in self.drawn:
            self.out.setdefault(n, []).append([self.t(label), text])

    def scoped(self, n, d) -> str:
        scope = ", ".join(self.name(x) for x in d.get("scope") or ())
        return self.name(n) + (" (" + self.t("for {scope}", scope=scope) + ")" if scope else "")

    def own(self, n, d) -> None:
        t = self.t
        if d.get("grade"):
            self.add(n, N_("grade"), str(d["grade"]))
        if d.get("fte_min") is not None:
            lo, hi = d["fte_min"], d.get("fte_max", d["fte_min"])
            self.add(n, N_("FTE"), t.span(lo, hi))
        if d.get("vacant_fte"):
            self.add(n, N_("vacant part"), t("{fte} FTE", fte=t.number(d["vacant_fte"])))
        if d.get("level"):
            self.add(n, N_("level"), t.value(d["level"]))

    def edge_holds(self, u, v, d) -> None:
        if self.nodes[u].get("kind") == "Person":
            t, fte = self.t, d.get("fte_min")
            said = [t("{fte} FTE", fte=t.number(fte))] if fte is not None else []
            # (a holding that ends, or starts after the model's date, says so:
            # one who left and one who followed were two holders of one post)
            if d.get("valid_to"):
                said.append(t("until {date}", date=t.date(d["valid_to"])))
            if d.get("valid_from") and self.date and d["valid_from"] > self.date:
                said.append(t("from {date}", date=t.date(d["valid_from"])))
            self.add(v, N_("held by"), self.name(u) + (f" ({'; '.join(said)})" if said else ""))

    def edge_member_of(self, u, v, d) -> None:
        if self.nodes[v].get("kind") == "Team":
            self.add(u, N_("unit"), self.name(v))

    def edge_leads(self, u, v, d) -> None:
        self.add(u, N_("leads"), self.name(v))

    def edge_plays(self, u, v, d) -> None:
        self.add(u, N_("plays"), self.scoped(v, d))
        self.add(v, N_("played by"), self.scoped(u, d))

    def edge_mandates(self, u, v, d) -> None:
        t = self.t
        what = ", ".join(self.powers.get(p, p) for p in d.get("powers") or []) \
            or t("no powers named")
        cap = ("" if d.get("ceiling") is None else
               " (" + t("no ceiling") + ")" if d["ceiling"] == NO_CEILING else
               " (" + t("ceiling {amount}", amount=t.amount(d["ceiling"])) + ")")
        self.add(u, N_("mandates given"), f"{self.name(v)}: {what}{cap}")
        self.add(v, N_("mandates received"), f"{self.name(u)}: {what}{cap}")

    def edge_commissions(self, u, v, d) -> None:
        cap = d.get("capacity")
        self.add(u, N_("commissions"), self.name(v) + (f" ({self.t.value(cap)})" if cap else ""))

    def edge_assigned_to(self, u, v, d) -> None:
        self.add(v, N_("carries out"), self.name(u))

    def edge_staff_of(self, u, v, d) -> None:
        s, t = self.nodes[u], self.t
        count = s.get("count")
        self.add(v, N_("staff"), f"{self.name(u)}: "
                 + (t("{n} people", n=count) + ", " if count is not None else "")
                 + t("{fte} FTE", fte=t.number(s.get("fte_max") or 0)))


def _routes(org, g, t) -> dict:
    """Per route kind of the policy: each drawn role's next steps ``[id, edge
    kind, rule]``, the forbidden roles it may not go to, and how routes end."""
    from ..escalation import RouteGraph, escalation_policy
    out = {}
    for via in escalation_policy(org).routes:
        rg = RouteGraph(org, via).build()
        nxt, blocked, end = {}, {}, {}
        for r, d in g.nodes(data=True):
            if d.get("kind") not in ("Post", "Role", "Body"):
                continue
            steps = rg.next(r)
            if steps:
                nxt[r] = [[s.id, t.value(s.via), t(s.rule), bool(s.temporary)] for s in steps]
            if rg.blocked(r):
                blocked[r] = [s.id for s in rg.blocked(r)]
            e = rg.end(r) if d.get("kind") in ("Post", "Role") else None
            if e:
                end[r] = e
        out[via] = {"next": nxt, "blocked": blocked, "end": end,
                    "starts": sorted(set(rg.starts()) & set(g))}
    return out


@at_its_date
def page_data(org, focus=None, depth=1, kinds=None, edge_kinds=None, route=None,
              max_roles=MAX_ROLES, lang="en") -> dict:
    """What the page draws: nodes (with their vis-network style, tree parent
    and tooltip), edges, and the escalation steps of every drawn role.

    Parameters
    ----------
    focus : str, optional
        A role (id or name): draw it and its neighbourhood within ``depth`` steps.
    kinds, edge_kinds : list of str, optional
        Node kinds / edge kinds to put on the page (default: all).
    route : str, optional
        A role selected when the page opens, its routes highlighted.
    max_roles : int, optional
        The most roles allowed (default :data:`MAX_ROLES`); a larger selection
        raises :class:`ExportTooLargeError`.

    Examples
    --------
    >>> data = page_data(sample)
    >>> tm2 = next(n for n in data["nodes"] if n["id"] == "tm2")
    >>> tm2["parent"], tm2["label"]
    ('gd', 'Team manager Customer contact (vacant)')
    >>> data["routes"]["line"]["next"]["tm"]       # (the step: to, edge, rule, temporary)
    [['dd', 'REPORTS_TO', 'next official level in the line', False]]
    """
    t = translator(lang)
    g = select(org, focus, depth, kinds, edge_kinds)
    nodes = node_attrs(g)
    roles = sum(1 for d in nodes.values() if d.get("kind") == "Post")
    if roles > max_roles or g.number_of_nodes() > 4 * max_roles:
        raise ExportTooLargeError(
            Message(
                "{roles} roles and {v} nodes are more than one page holds (limit {max_roles} "
                "roles): draw a focused view with --focus ROLE --depth N, or fewer --kinds",
                roles=roles, v=g.number_of_nodes(), max_roles=max_roles))
    rid = org.find_role(route) if route else None
    if rid is not None and rid not in g:
        raise OrgModelError(Message(
            "{v} is not drawn: widen --focus/--depth or --kinds",
            v=org.label(rid)))
    parent = _tree_parents(g)
    names = display_names(g, lang)
    out_nodes = _page_nodes(g, nodes, parent, names, t)
    out_edges = _page_edges(g, parent, t)
    # Kinds asked for by name are shown from the start; so is everything
    # when there is no line to draw.
    no_line = not any(n["tree"] for n in out_nodes)
    show_kinds = sorted({n["kind"] for n in out_nodes if not n["tree"]
                         and (no_line or (kinds and n["kind"] in kinds))})
    show_edges = sorted({e["kind"] for e in out_edges if e["kind"] != "REPORTS_TO"
                         and (no_line or (edge_kinds and e["kind"] in edge_kinds))})
    return {"nodes": out_nodes, "edges": out_edges, "routes": _routes(org, g, t),
            "facts": _Facts(org, g, t, names).out,
            "selected": rid, "focus": focus, "showKinds": show_kinds, "showEdges": show_edges}


def _page_nodes(g, nodes: dict, parent: dict, names: Mapping, t) -> list:
    """Each drawn node with its vis-network style, label (cut to
    :data:`LABEL_CHARS`, a vacancy said), tooltip and tree parent."""
    sups = Counter(u for u, v, d in g.edges(data=True) if d["kind"] == "REPORTS_TO")
    holders: dict = {}
    for u, v, d in g.edges(data=True):
        if d["kind"] == "HOLDS" and nodes[u].get("kind") == "Person":
            holders.setdefault(v, []).append(str(nodes[u].get("name", u)))
    out = []
    for n, d in g.nodes(data=True):
        key = _style_key(d)
        st = NODE_STYLE.get(key, {"color": "#cccccc", "shape": "box"})
        name = names[n]
        label = name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1] + "…"
        if d.get("vacant"):
            label += " (" + t.value("vacant") + ")"
        item = {"id": n, "label": label, "title": _tooltip(n, d, holders.get(n, ()), t),
                "name": name, "kind": d.get("kind"), "cls": key,
                "vacant": bool(d.get("vacant")), "external": bool(d.get("external")),
                "matrix": sups.get(n, 0) > 1,
                "tree": d.get("kind") == "Post", "parent": parent.get(n),
                # Every node is a box (a pill for people, teams and topics): a
                # box keeps to its width, so labels wrap and never overlap.
                "shape": "box",
                "color": {"background": st["color"], "border": "#333333"},
                "font": {"color": "#222222" if key in _DARK_TEXT else "#ffffff"},
                "borderWidth": 1}
        if st["shape"] == "pill":
            item["shapeProperties"] = {"borderRadius": 14}
        if d.get("vacant"):
            item["shapeProperties"] = {"borderDashes": [5, 4]}
            item["borderWidth"] = 2
        out.append(item)
    return out


def _page_edges(g, parent: dict, t) -> list:
    """Each drawn edge with its style (dashed where it is temporary, ends,
    or is a line off the tree) and tooltip."""
    out = []
    for i, (u, v, d) in enumerate(g.edges(data=True)):
        st = EDGE_STYLE.get(d["kind"], {"color": "#999999", "dashes": False, "width": 1})
        tree = d["kind"] == "REPORTS_TO" and parent.get(u) == v
        dashed = st["dashes"] or (d["kind"] == "REPORTS_TO" and not tree) or \
            bool(d.get("temporary") or d.get("valid_to"))
        title = "\n".join([t.value(d["kind"])] + _attribute_lines(t, d, ("kind",)))
        out.append({"id": f"e{i}", "from": u, "to": v, "kind": d["kind"], "tree": tree,
                    "title": title, "color": st["color"],
                    "dashes": [6, 4] if dashed is True else dashed,
                    "width": st["width"],
                    "arrows": "" if tree else "to"})
    return out


def to_pyvis(org: OrgModel, focus: str | None = None, depth: int = 1,
             kinds: list[str] | None = None, edge_kinds: list[str] | None = None,
             route: str | None = None, height: str = "750px", max_roles: int = MAX_ROLES,
             lang: str = "en") -> Any:
    """A pyvis ``Network`` with the nodes and edges of :func:`page_data`.

    The nodes carry their tree ``parent``; the page lays the tree out itself,
    so a pyvis ``show()`` of this network draws it with vis-network's own
    layout.  The escalation steps are in ``net.orgmodel_data``.

    Examples
    --------
    >>> net = to_pyvis(sample)      # the model on its own date: one dated line is left out
    >>> now = sample.on().graph
    >>> len(net.nodes) == now.number_of_nodes(), len(net.edges) == now.number_of_edges()
    (True, True)
    >>> len(net.edges) < sample.graph.number_of_edges()
    True
    """
    from pyvis.network import Network

    data = page_data(org, focus=focus, depth=depth, kinds=kinds, edge_kinds=edge_kinds,
                     route=route, max_roles=max_roles, lang=lang)
    net = Network(height=height, width="100%", directed=True, notebook=False,
                  cdn_resources="in_line")
    # Filled directly: pyvis's add_node looks ids up in a list, quadratic at 10,000 nodes.
    net.nodes, net.edges = data.pop("nodes"), data.pop("edges")
    net.node_ids = [n["id"] for n in net.nodes]
    net.node_map = {n["id"]: n for n in net.nodes}
    net.orgmodel_data = data
    return net


def _vis_assets():
    # (the project's own copy, with its licences: orgmodel/assets/vis-network/)
    lib = resources.files("orgmodel").joinpath("assets", "vis-network")
    return (lib.joinpath("vis-network.min.js").read_text(encoding="utf-8"),
            lib.joinpath("vis-network.css").read_text(encoding="utf-8"))


#: The marks the page itself adds, always in the legend.
PAGE_MARKS = [
    {"label": N_("selected role (border)"), "color": SELECTED_COLOR, "style": "solid"},
    {"label": N_("on the escalation route (border, step)"), "color": ROUTE_COLOR,
     "style": "solid"},
    {"label": N_("blocked step (to a forbidden sphere)"), "color": BLOCKED_COLOR,
     "style": "dashed"},
]
#: The locale the page's script writes numbers in.
_JS_LOCALE = {"en": "en-GB", "nl": "nl-NL"}


def render_html(org, net, extra_nodes=(), extra_edges=(), subtitle=None, lang="en") -> str:
    """The self-contained page for a Network made by :func:`to_pyvis`, its
    buttons, legend, panel and tooltips in ``lang``; ``extra_nodes`` /
    ``extra_edges`` add legend entries (a diff's marks)."""
    from ..escalation import OUTCOMES
    t = translator(lang)
    env = jinja2.Environment(loader=jinja2.PackageLoader("orgmodel", "templates"),
                             autoescape=True)
    js, css = _vis_assets()
    present = {n["cls"] for n in net.nodes}
    node_legend: list[dict[str, object]] = [
        {"label": t(_LEGEND_NAME[k]) if k in _LEGEND_NAME else t.value(k), "color": st["color"]}
        for k, st in NODE_STYLE.items() if k in present]
    if any((n.get("shapeProperties") or {}).get("borderDashes") for n in net.nodes):
        node_legend.append({"label": t("vacant post (dashed border)"), "color": "#ffffff",
                            "dashed": True})
    kinds_present = {e["kind"] for e in net.edges}
    edge_legend = [{"label": t.value(k) + (t(" (line; a second or temporary line dashed)")
                                           if k == "REPORTS_TO" else ""),
                    "color": st["color"], "style": "dashed" if st["dashes"] else "solid"}
                   for k, st in EDGE_STYLE.items() if k in kinds_present]
    data = net.orgmodel_data
    when = org.manifest.get("date")
    posts = sum(1 for n in net.nodes if n["kind"] == "Post")
    roles = sum(1 for n in net.nodes if n["kind"] == "Role")
    sub = [t("{posts} posts, {roles} roles, {nodes} nodes, {edges} edges", posts=posts,
             roles=roles, nodes=len(net.nodes), edges=len(net.edges)) if roles else
           t("{posts} posts, {nodes} nodes, {edges} edges", posts=posts, nodes=len(net.nodes),
             edges=len(net.edges))]
    if when:
        sub.append(t("model as of {date}", date=t.date(str(when))))
    sub.append(t("exported {date}", date=written_on()))
    if data.get("focus"):
        sub.append(t("around {name}", name=data["focus"]))
    if subtitle:
        sub.insert(0, subtitle)
    other_kinds = sorted({n["kind"] for n in net.nodes if not n["tree"]})
    edge_kinds = [k for k in EDGE_STYLE if k in kinds_present and k != "REPORTS_TO"]
    ui = {s: t(s) for s in _SCRIPT_TEXTS}
    ui.update({o: t.value(o) for o in OUTCOMES})
    payload = dict(data, nodes=net.nodes, edges=net.edges, otherKinds=other_kinds,
                   edgeKinds=edge_kinds, marks={"route": ROUTE_COLOR, "blocked": BLOCKED_COLOR,
                                                "selected": SELECTED_COLOR},
                   ui=ui, locale=_JS_LOCALE[lang],
                   kinds={k: t.value(k) for k in {n["kind"] for n in net.nodes}})
    return env.get_template("graph.html").render(
        title=f"{org.name} – orgmodel", heading=org.name or t("Organisation"),
        subheading=" · ".join(sub), data=payload, vis_js=js, vis_css=css, height=net.height,
        node_legend=node_legend + list(extra_nodes),
        edge_legend=edge_legend + list(extra_edges),
        marks=[dict(m, label=t(m["label"])) for m in PAGE_MARKS],
        route_kinds=[(r, t.value(r)) for r in data["routes"]], other_kinds=other_kinds,
        edge_kinds=edge_kinds, t=t, lang=lang)


def write_html(org: OrgModel, path: PathOrFile, lang: str = "en", **kwargs) -> Path:
    """Write the interactive org chart of ``org`` to ``path`` (see :func:`page_data`).

    Examples
    --------
    >>> p = write_html(sample, tmp_path / "g.html")
    >>> 'src="http' in p.read_text() or 'href="http' in p.read_text()
    False
    """
    page = render_html(org, to_pyvis(org, lang=lang, **kwargs), lang=lang)
    return atomic_write(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))


def show(org: OrgModel, height: str = "600px", **kwargs) -> Any:
    """Show the org chart inline in Jupyter (JupyterLab, VS Code), without a server.

    The page goes into an ``<iframe srcdoc>``, escaped, so it runs in its own
    document exactly as the exported file does.
    """
    from IPython.display import HTML

    page = render_html(org, to_pyvis(org, height=height, **kwargs))
    h = int(str(height).rstrip("px") or 600) + 90
    # In a <div>: IPython warns about HTML that starts with an <iframe>.
    return HTML(f'<div><iframe srcdoc="{_html.escape(page, quote=True)}" '
                f'style="width:100%;height:{h}px;border:1px solid #ddd" '
                'sandbox="allow-scripts"></iframe></div>')


#: How a diff marks what changed (border of a node, colour of an edge).
DIFF_COLORS = {"added": "#2ca02c", "closed": "#7f7f7f", "moved": "#e377c2",
               "changed": "#1f77b4", "removed": "#7f7f7f", "bad route": "#d62728"}


def diff_network(d, **kwargs):
    """A pyvis ``Network`` of a diff: the union of both models, laid out once
    (so unchanged posts keep their place), added, closed, moved and changed
    nodes and added and removed edges marked, and roles whose routes newly
    end badly circled in red."""
    t = translator(kwargs.get("lang", "en"))
    union, status, added, removed = d.union()
    net = to_pyvis(union, **kwargs)
    net.orgmodel_data["changes"] = _changes(d, t)
    bad = set(d.routes.loc[d.routes["newly_bad"], "role"]) if len(d.routes) else set()
    for node in net.nodes:
        st = status.get(node["id"], "unchanged")
        color = node["color"]
        if node["id"] in bad:
            color["border"] = DIFF_COLORS["bad route"]
            node["borderWidth"] = 5
        elif st != "unchanged":
            color["border"] = DIFF_COLORS[st]
            node["borderWidth"] = 4
        if st == "closed":
            color["background"] = "#e0e0e0"
            node["font"] = {"color": "#7f7f7f"}
            node["shapeProperties"] = {"borderDashes": [5, 5]}
        if st != "unchanged":
            node["title"] = f"{t.value(st).upper()}\n" + node["title"]
    for edge in net.edges:
        key = (edge["from"], edge["kind"], edge["to"])
        if key in removed:
            edge.update(color=DIFF_COLORS["removed"], dashes=[4, 6], width=2,
                        title=t.value("removed").upper() + "\n" + edge["title"])
        elif key in added:
            edge.update(color=DIFF_COLORS["added"], width=3,
                        title=t.value("added").upper() + "\n" + edge["title"])
    return union, net


def _changes(d, t) -> dict:
    """What changed for each node, for the diff page's panel: its status and
    detail, and each route kind whose next step, top or outcome changed."""
    out: dict = {}
    for r in d.nodes[d.nodes["status"] != "unchanged"].to_dict("records"):
        out[r["id"]] = [t.value(r["status"]) + (": " + t(r["detail"]) if r["detail"] else "")]
    for r in d.routes.to_dict("records"):
        out.setdefault(r["role"], []).append(t(
            "{via} route: next {a} → {b}; top {c} → {d}; ends {e} → {f}", via=t.value(r["via"]),
            a=r["next_before_name"], b=r["next_after_name"], c=r["top_before_name"],
            d=r["top_after_name"], e=", ".join(t.value(x) for x in r["outcome_before"].split(", ")),
            f=", ".join(t.value(x) for x in r["outcome_after"].split(", "))))
    return {k: " · ".join(v) for k, v in out.items()}


def write_diff_html(d, path, lang: str = "en", **kwargs) -> Path:
    """Write the interactive page of a diff (see :func:`diff_network`) in ``lang``."""
    t = translator(lang)
    union, net = diff_network(d, lang=lang, **kwargs)
    legend_nodes = [{"label": t("{status} (border)", status=t.value(k)), "color": c}
                    for k, c in DIFF_COLORS.items() if k in ("added", "closed", "moved", "changed")]
    legend_nodes.append({"label": t("route newly ends badly (border)"),
                         "color": DIFF_COLORS["bad route"]})
    legend_edges = [{"label": t("added edge"), "color": DIFF_COLORS["added"], "style": "solid"},
                    {"label": t("removed edge"), "color": DIFF_COLORS["removed"],
                     "style": "dashed"}]

    def when(o):
        return t.date(str(o.date)) if o.date else t("undated")
    page = render_html(union, net, legend_nodes, legend_edges, lang=lang,
                       subtitle=t("what the change script {script} changes in {a} ({a_date})",
                                  script=d.what_if, a=d.before.name, a_date=when(d.before))
                       if d.what_if else
                       t("changes from {a} ({a_date}) to {b} ({b_date})",
                         a=d.before.name, a_date=when(d.before), b=d.after.name,
                         b_date=when(d.after)))
    return atomic_write(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
