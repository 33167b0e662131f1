"""Interactive HTML graphs with pyvis: what an advisor opens, shares and puts
in a presentation.

:func:`to_pyvis` turns a model (or a focused part of it) into a pyvis
``Network``; :func:`write_html` writes it as one self-contained page that
works offline: vis-network's script and style (shipped inside pyvis) are
inlined, nothing is fetched, and a Content-Security-Policy forbids fetching.
The page is rendered by our own Jinja template with autoescaping on, because
pyvis's template pulls Bootstrap from a CDN and does not escape the heading.

Safety: every name and attribute reaches the page either through Jinja
autoescaping (heading, legend) or as JSON inside a script (``tojson`` escapes
``<``, ``>`` and ``&``); vis-network draws labels on a canvas and shows string
tooltips as text, so a role named ``<img src=x onerror=alert(1)>`` is shown,
never run.

Size: above :data:`PHYSICS_LIMIT` nodes the physics simulation is switched
off (the browser would spend minutes settling it); above :data:`MAX_NODES`
the export refuses and suggests ``--focus``, ``--kinds`` or ``--depth``.
"""
from __future__ import annotations

import datetime as _dt
import html as _html
from pathlib import Path

import jinja2
import networkx as nx

from ..errors import OrgModelError
from ..model import at_its_date
from ._tables import atomic_write

__all__ = ["to_pyvis", "write_html", "show", "NODE_STYLE", "EDGE_STYLE", "MAX_NODES",
           "PHYSICS_LIMIT", "ExportTooLargeError"]

#: Above this many nodes the page is written with physics switched off
#: (benchmarks/results.md: 500 roles draw in ~5 s with physics, 1,000 in ~13 s).
PHYSICS_LIMIT = 500
#: Above this many nodes (or 4x as many edges) the export refuses (2,000 roles
#: take ~16 s to draw even without physics; 3,000 take ~24 s).
MAX_NODES = 2000

NODE_STYLE = {
    "Role": {"color": "#4e79a7", "shape": "box"},
    "Role:political": {"color": "#e15759", "shape": "box"},
    "Person": {"color": "#bab0ac", "shape": "ellipse"},
    "Team": {"color": "#59a14f", "shape": "ellipse"},
    "Portfolio": {"color": "#edc948", "shape": "diamond"},
    "Topic": {"color": "#b07aa1", "shape": "dot"},
    "Partner": {"color": "#f28e2b", "shape": "triangle"},
    "Commission": {"color": "#76b7b2", "shape": "square"},
}
EDGE_STYLE = {
    "REPORTS_TO": {"color": "#333333", "dashes": False, "width": 2},
    "MANDATES": {"color": "#4e79a7", "dashes": True, "width": 1},
    "COMMISSIONS": {"color": "#76b7b2", "dashes": False, "width": 1},
    "ASSIGNED_TO": {"color": "#9c755f", "dashes": [2, 4], "width": 1},
    "HOLDS": {"color": "#bab0ac", "dashes": False, "width": 1},
    "COVERS": {"color": "#edc948", "dashes": [6, 3], "width": 1},
    "LEADS": {"color": "#59a14f", "dashes": False, "width": 1},
    "MEMBER_OF": {"color": "#8cd17d", "dashes": [2, 2], "width": 1},
    "CONTRACTS": {"color": "#f28e2b", "dashes": True, "width": 2},
}
ROUTE_COLOR = "#d62728"


class ExportTooLargeError(OrgModelError, ValueError):
    """The graph is too large for a browser to show."""


def _style_key(d):
    if d.get("kind") == "Role" and d.get("sphere") == "political":
        return "Role:political"
    return d.get("kind")


def _tooltip(node, d) -> str:
    # Plain text: vis-network shows a string title as text, not HTML.
    lines = [f"{d.get('name', node)}", f"{d.get('kind')} · id {node}"]
    for k, v in sorted(d.items()):
        if k in ("name", "kind"):
            continue
        lines.append(f"{k}: {'; '.join(map(str, v)) if isinstance(v, list) else v}")
    return "\n".join(lines)


def levels(org, g) -> dict:
    """Top-down levels for the hierarchical layout.

    Roles are placed by the length of the longest reporting line above them,
    so the line reads top-down; every other node sits one level below the
    nearest role it is joined to (a portfolio under its holder, a commission
    under its commissioners, a partner under its commission).
    """
    line = nx.DiGraph()
    line.add_nodes_from(n for n, k in g.nodes(data="kind") if k == "Role")
    line.add_edges_from((v, u) for u, v, d in g.edges(data=True)
                        if d["kind"] == "REPORTS_TO" and u in line and v in line)
    level = {}
    if nx.is_directed_acyclic_graph(line):
        for n in nx.topological_sort(line):
            level[n] = max((level[p] + 1 for p in line.predecessors(n)), default=0)
    else:   # a loop in a hand-built graph has no top: every role on one level
        level = {n: 0 for n in line}
    und = g.to_undirected(as_view=True)
    roles = dict(level)
    # Anything joined to roles goes under the lowest of them (a commission
    # under its official commissioner rather than under the alderman).
    for n in g:
        if n not in roles:
            near = [roles[m] for m in und[n] if m in roles]
            if near:
                level[n] = max(near) + 1
    frontier = list(level)
    while frontier:
        nxt = []
        for n in frontier:
            for m in und[n]:
                if m not in level:
                    level[m] = level[n] + 1
                    nxt.append(m)
        frontier = nxt
    for n in g:
        level.setdefault(n, 0)
    return level


def select(org, focus=None, depth=1, kinds=None, edge_kinds=None) -> nx.MultiDiGraph:
    """The part of the graph to draw: optionally a role's neighbourhood and some kinds."""
    g = org.graph
    # Resolve a name to its id first: the kind filters below look nodes up by id.
    fid = (focus if focus in org.graph else org.find_role(focus)) if focus else None
    if kinds:
        g = g.subgraph([n for n, k in g.nodes(data="kind") if k in set(kinds)])
    if edge_kinds:
        keep = set(edge_kinds)
        # Only nodes with a chosen edge stay (and the focus, to centre on).
        g = g.edge_subgraph([(u, v, k) for u, v, k, d in g.edges(keys=True, data=True)
                             if d["kind"] in keep]).copy()
        if fid and fid not in g and (not kinds or org.graph.nodes[fid].get("kind") in kinds):
            g.add_node(fid, **org.graph.nodes[fid])
    if fid:
        if fid not in g:
            raise OrgModelError(f"{org.label(fid)} is not among the kinds chosen")
        near = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), fid,
                                                     cutoff=depth)
        g = g.subgraph(near)
    return g


@at_its_date
def to_pyvis(org, focus=None, depth=1, kinds=None, edge_kinds=None, route=None,
             layout="hierarchical", height="750px", physics=None, max_nodes=MAX_NODES):
    """A pyvis ``Network`` of the organisation, or of part of it.

    Parameters
    ----------
    focus : str, optional
        A role (id or name): draw it and its neighbourhood within ``depth`` steps.
    kinds, edge_kinds : list of str, optional
        Node kinds / edge kinds to draw (default: all).
    route : str, optional
        A role whose escalation routes (every route kind of the policy) are highlighted.
    layout : {"hierarchical", "force"}
        Top-down for the line, force-directed for partner networks.
    physics : bool, optional
        Force the physics simulation on or off; by default it is on up to
        :data:`PHYSICS_LIMIT` nodes.
    max_nodes : int, optional
        The largest drawing allowed (default :data:`MAX_NODES`, edges up to four
        times that); larger selections raise :class:`ExportTooLargeError`.  The
        benchmarks raise it to measure where browsers give up.

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

    if layout not in ("hierarchical", "force"):
        raise OrgModelError("layout must be 'hierarchical' or 'force'")
    g = select(org, focus, depth, kinds, edge_kinds)
    if g.number_of_nodes() > max_nodes or g.number_of_edges() > 4 * max_nodes:
        raise ExportTooLargeError(
            f"{g.number_of_nodes()} nodes and {g.number_of_edges()} edges are more than a "
            f"browser can draw (limit {max_nodes} nodes): draw part of it with --focus ROLE "
            "--depth N, or fewer --kinds")
    on_route, route_edges = set(), set()
    if route:
        from ..escalation import RouteGraph, escalation_policy
        rid = org.find_role(route)
        # Every next step of every role above this one: the routes, however
        # many there are, without listing them one by one.
        for via in escalation_policy(org).routes:
            rg = RouteGraph(org, via)
            for x in rg.upset(rid):
                on_route.add(x)
                route_edges.update((x, s.id) for s in rg.next(x))
    net = Network(height=height, width="100%", directed=True, notebook=False,
                  cdn_resources="in_line")
    level = levels(org, g) if layout == "hierarchical" else {}
    for n, d in g.nodes(data=True):
        st = NODE_STYLE.get(_style_key(d), {"color": "#cccccc", "shape": "dot"})
        extra = {"borderWidth": 4, "color": {"background": st["color"], "border": ROUTE_COLOR}} \
            if n in on_route else {"color": st["color"]}
        net.add_node(n, label=str(d.get("name", n)), title=_tooltip(n, d), shape=st["shape"],
                     font={"color": "#ffffff" if st["shape"] == "box"
                                                else "#222222"},
                     **({"level": level[n]} if level else {}), **extra)
    for u, v, d in g.edges(data=True):
        st = EDGE_STYLE.get(d["kind"], {"color": "#999999", "dashes": False, "width": 1})
        hot = d["kind"] in ("REPORTS_TO", "MANDATES", "COMMISSIONS", "ASSIGNED_TO") and \
            ((u, v) in route_edges or (v, u) in route_edges)
        title = "\n".join([d["kind"]] + [f"{k}: {x}" for k, x in sorted(d.items()) if k != "kind"])
        net.add_edge(u, v, title=title, color=ROUTE_COLOR if hot else st["color"],
                     dashes=st["dashes"], width=4 if hot else st["width"], label=None)
    if physics is None:
        physics = g.number_of_nodes() <= PHYSICS_LIMIT
    options = {
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "smooth": {"enabled": physics}},
        "physics": {"enabled": physics, "stabilization": {"iterations": 200}},
    }
    if layout == "hierarchical":
        options["layout"] = {"hierarchical": {"enabled": True, "direction": "UD",
                                              "levelSeparation": 120, "nodeSpacing": 130,
                                              "treeSpacing": 160}}
        options["physics"]["solver"] = "hierarchicalRepulsion"
    else:
        options["physics"]["solver"] = "forceAtlas2Based"
    net.orgmodel_options = options
    net.orgmodel_meta = {"physics": physics, "focus": focus, "route": route}
    return net


def _vis_assets():
    import pyvis
    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def render_html(org, net, extra_nodes=(), extra_edges=(), subtitle=None) -> str:
    """The self-contained page for a Network made by :func:`to_pyvis`;
    ``extra_nodes``/``extra_edges`` add legend entries (a diff's marks)."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("orgmodel", "templates"),
                             autoescape=True)
    js, css = _vis_assets()
    present = {(_style_key(org.graph.nodes[n["id"]]) if n["id"] in org.graph else None)
               for n in net.nodes}
    node_legend = [{"label": "Role (political)" if k == "Role:political" else k,
                    "color": st["color"]} for k, st in NODE_STYLE.items() if k in present]
    kinds_present = {e["title"].split("\n", 1)[0] for e in net.edges}
    edge_legend = [{"label": k, "color": st["color"],
                    "style": "dashed" if st["dashes"] else "solid"}
                   for k, st in EDGE_STYLE.items() if k in kinds_present]
    meta = net.orgmodel_meta
    when = org.manifest.get("date")
    sub = [f"{len(net.nodes)} nodes, {len(net.edges)} edges"]
    if when:
        sub.append(f"model as of {when}")
    sub.append(f"exported {_dt.date.today().isoformat()}")
    if meta.get("focus"):
        sub.append(f"around {meta['focus']}")
    if meta.get("route"):
        sub.append(f"escalation routes of {meta['route']} in red")
    note = "" if meta["physics"] else ("Large graph: physics is switched off so the page "
                                        "stays responsive.")
    node_legend += list(extra_nodes)
    edge_legend += list(extra_edges)
    if subtitle:
        sub.insert(0, subtitle)
    return env.get_template("graph.html").render(
        title=f"{org.name} – orgmodel", heading=org.name or "Organisation",
        subheading=" · ".join(sub), nodes=net.nodes, edges=net.edges,
        options=net.orgmodel_options, vis_js=js, vis_css=css, height=net.height,
        node_legend=node_legend, edge_legend=edge_legend, note=note)


def write_html(org, path, **kwargs) -> Path:
    """Write the interactive graph of ``org`` to ``path`` (see :func:`to_pyvis`).

    Examples
    --------
    >>> p = write_html(sample, tmp_path / "g.html")
    >>> 'src="http' in p.read_text() or 'href="http' in p.read_text()
    False
    """
    page = render_html(org, to_pyvis(org, **kwargs))
    return atomic_write(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))


def show(org, height="600px", **kwargs):
    """Show the graph inline in Jupyter (JupyterLab, VS Code), without a server.

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
DIFF_COLORS = {"added": "#2ca02c", "closed": "#7f7f7f", "moved": "#ff7f0e",
               "changed": "#1f77b4", "removed": "#7f7f7f", "bad route": "#d62728"}


def diff_network(d, **kwargs):
    """A pyvis ``Network`` of a diff: the union of both models, laid out once
    (so unchanged posts keep their place), added, closed, moved and changed
    nodes and added and removed edges marked, and roles whose routes newly
    end badly circled in red."""
    union, status, added, removed = d.union()
    net = to_pyvis(union, **kwargs)
    bad = set(d.routes.loc[d.routes["newly_bad"], "role"]) if len(d.routes) else set()
    for node in net.nodes:
        st = status.get(node["id"], "unchanged")
        color = node["color"] if isinstance(node["color"], dict) else \
            {"background": node["color"], "border": node["color"]}
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
        node["color"] = color
        if st != "unchanged":
            node["title"] = f"{st.upper()}\n" + node["title"]
    for edge in net.edges:
        kind = edge["title"].split("\n", 1)[0]
        key = (edge["from"], kind, edge["to"])
        if key in removed:
            edge.update(color=DIFF_COLORS["removed"], dashes=[4, 6], width=2,
                        title="REMOVED\n" + edge["title"])
        elif key in added:
            edge.update(color=DIFF_COLORS["added"], width=3, title="ADDED\n" + edge["title"])
    return union, net


def write_diff_html(d, path, **kwargs) -> Path:
    """Write the interactive page of a diff (see :func:`diff_network`)."""
    union, net = diff_network(d, **kwargs)
    legend_nodes = [{"label": f"{k} (border)", "color": c} for k, c in DIFF_COLORS.items()
                    if k in ("added", "closed", "moved", "changed")]
    legend_nodes.append({"label": "route newly ends badly (border)",
                         "color": DIFF_COLORS["bad route"]})
    legend_edges = [{"label": "added edge", "color": DIFF_COLORS["added"], "style": "solid"},
                    {"label": "removed edge", "color": DIFF_COLORS["removed"],
                     "style": "dashed"}]
    page = render_html(union, net, legend_nodes, legend_edges,
                       subtitle=f"changes from {d.before.name} ({d.before.date or 'undated'}) "
                                f"to {d.after.name} ({d.after.date or 'undated'})")
    return atomic_write(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
