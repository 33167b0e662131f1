"""Layering: how many management layers the line has, counted two ways.

* **By steps**: every step down the line is a layer (the general director
  is layer 1, whoever reports to it layer 2, and so on).
* **By levels**: a step between two roles of the same declared ``level``
  stays in the same layer, so a general director and the corporate
  directors who report to it, both ``concern``, are one layer.  Without
  declared levels both counts are the same.

The two can differ a lot on the same data (7 by steps, 3 by levels), so both
are reported, each with a one-line explanation.  Only the organisation's own
posts count: political roles, external roles and a placeholder top post
(``placeholder``, a post named after the organisation) are left out, so the
roles under a placeholder are the top layer.  A matrix role sits in its
deepest layer; posts in a REPORTS_TO loop get none, and neither does a post
with no line above or below it when the organisation has a line, or more
than one post and no ``layering.flat`` (its place is not recorded).  Roles
are not posts and have no layer.  Managers are posts with direct reports or
a declared level; the depth is the deepest manager's
layer, compared with ``layering.target_depth`` (by levels when levels are
declared, else by steps).  ``layering.flat`` says the source describes a flat
organisation: then any line in the data is not its structure, and the
explanation says so.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

import pandas as pd

from ._nx import node_attrs
from .formation import post_line
from .i18n import N_, Message
from .model import at_its_date

if TYPE_CHECKING:  # names in annotations only
    from .model import OrgModel


__all__ = ["Layering", "layering", "target_depth", "layers_view", "NO_LAYERS"]

#: What the layers of an organisation without a post are said as (the
#: report, `layers` and the web app's page: "0 layers" and a table of
#: nothing said nothing of why).
NO_LAYERS = N_("The data records no post: there are no management layers to count.")


@dataclass
class Layering:
    """Result of :func:`layering`.

    Attributes
    ----------
    depth : int
        Management layers on the basis compared with the target (``basis``).
    depth_steps, depth_levels : int
        Management layers counted by steps and by declared levels.
    target : int or None
        ``layering.target_depth`` of ``org.yaml`` (or the argument).
    basis : str
        ``levels`` or ``steps``: which count ``depth`` and ``below_target`` use.
    frame : DataFrame
        One row per post: ``id, name, level, layer, layer_steps, manager,
        below_target``; ``layer`` is on the basis; empty for roles caught
        in a REPORTS_TO loop.
    explanation : list of str
        One line per count saying what it counts, and why they differ.
    """

    depth: int
    target: int | None
    frame: pd.DataFrame
    depth_steps: int = 0
    depth_levels: int = 0
    basis: str = "steps"
    explanation: list = field(default_factory=list)

    @property
    def below_target(self) -> pd.DataFrame:
        return self.frame[self.frame["below_target"]]

    def to_dict(self) -> dict:
        return {"depth": self.depth, "basis": self.basis, "depth_steps": self.depth_steps,
                "depth_levels": self.depth_levels, "target": self.target,
                "explanation": self.explanation, "roles": self.frame.to_dict("records")}


def _step_down(n, above, level: dict, by_level: dict, by_step: dict) -> None:
    """``by_level[n]`` and ``by_step[n]`` from those of its superiors
    ``above`` (worked out before it); ``level``: the declared levels."""
    if not above:
        by_level[n] = by_step[n] = 1
        return
    lvl = level.get(n)
    if len(above) == 1:         # (most posts: no generator needed)
        s = above[0]
        by_level[n] = by_level[s] + (0 if lvl and level.get(s) == lvl else 1)
        by_step[n] = 1 + by_step[s]
        return
    by_level[n] = max(by_level[s] + (0 if lvl and level.get(s) == lvl else 1) for s in above)
    by_step[n] = 1 + max(by_step[s] for s in above)


def layers_near(before: OrgModel, after: OrgModel, touched: set) -> dict | None:
    """``{post: layer}`` of ``after`` (None: no layer), in the order of
    :func:`layering`'s rows, when only the nodes ``touched`` differ from
    ``before``: worked out for the posts near them, the others' taken from
    ``before``'s layers (remembered in its analysis block).  None when it
    cannot be said near the change (the basis or the line's presence
    changes, a loop).

    A post's layer rests on the line above it, its own level and kind, and
    on whether any post reports to it: only the touched nodes, those below
    them in the line and their direct superiors can differ.
    """
    from ._nx import predecessors, successors
    from .formation import _posts, is_post
    from .model import remembered

    mine = remembered(before, ("layers", "as is"), lambda: _layers_of(before))
    if mine is None:
        return None
    layer_a, declared = mine
    nb, succ, pred = node_attrs(after.graph), successors(after.graph), predecessors(after.graph)
    if any(nb[n].get("level") for n in _posts(after)) != declared:
        return None
    posts = {n for n in _near_line(before, after, touched) if is_post(nb[n])}
    sups = {n: [v for v in _line(succ, n) if is_post(nb[v])] for n in posts}
    order, rest = _top_down(posts, sups)
    if rest:
        return None
    level = {n: nb[n].get("level") for n in posts}
    by_level: dict = {}
    by_step: dict = {}
    for n in order:
        for s in sups[n]:
            if s not in posts:      # (above the change: as it was)
                by_step[s], by_level[s] = layer_a[s]
                level.setdefault(s, nb[s].get("level"))
        _step_down(n, sups[n], level, by_level, by_step)
    changed = {}
    for n in posts:
        placed = bool(sups[n]) or any(is_post(nb[u]) for u in _line(pred, n))
        changed[n] = (by_level if declared else by_step)[n] if placed else None
    if not any(is_post(nb[u]) and is_post(nb[v]) for u, v, _ in after.edges("REPORTS_TO")):
        return None             # (no line left: every post a top of its own)
    return {n: changed[n] if n in changed else layer_a[n][1] for n in _posts(after)}


def _line(adjacency: dict, n) -> list:
    """The nodes ``n`` is joined to by ``REPORTS_TO`` in ``adjacency``
    (successors: its superiors; predecessors: its reports)."""
    return [v for v, keyed in adjacency[n].items()
            if any(d["kind"] == "REPORTS_TO" for d in keyed.values())]


def _near_line(before: OrgModel, after: OrgModel, touched: set) -> set:
    """The touched nodes of ``after``, everything below them in its line,
    and their superiors on either side."""
    from ._nx import predecessors, successors
    nb, na = node_attrs(after.graph), node_attrs(before.graph)
    near = {n for n in touched if n in nb}
    todo = list(near)
    while todo:
        for u in _line(predecessors(after.graph), todo.pop()):
            if u not in near:
                near.add(u)
                todo.append(u)
    near |= {v for n in touched if n in nb for v in _line(successors(after.graph), n)}
    return near | {v for n in touched if n in na
                   for v in _line(successors(before.graph), n) if v in nb}


def _layers_of(org) -> tuple | None:
    """``({post: (layer by steps, by levels)}, declared)`` of ``org``, or
    None when its line is empty or has a loop (worked out whole then)."""
    posts, sups, _, rest = post_line(org)
    if rest or not sups:
        return None
    frame = layering(org).frame
    declared = bool(frame["level"].astype(bool).any())
    by_levels = frame["layer"] if declared else frame["layer_steps"]
    return dict(zip(frame["id"], zip(frame["layer_steps"], by_levels))), declared


def _top_down(posts: set, sups: dict) -> tuple:
    from ._order import sinks_first
    return sinks_first(sorted(posts), {n: [s for s in sups[n] if s in posts] for n in posts})


def target_depth(org: OrgModel) -> int | None:
    """The target depth ``org.yaml`` sets (``layering.target_depth``), or None.

    >>> target_depth(sample) is None
    False
    """
    return (org.settings("layering", {}) or {}).get("target_depth")


def layers_view(frame, target):
    """The layers' rows as a reader is shown them (a terminal, a page): no
    column ``below_target`` where no ``target`` is set, whose every row said
    "no".  CSV and JSON keep it.

    >>> list(layers_view(layering(sample).frame, None).columns)[-1]
    'manager'
    """
    return frame if target else frame.drop(columns=["below_target"], errors="ignore")


@at_its_date
def layering(org: OrgModel, target: int | None = None) -> Layering:
    """Each post's management layer and the organisation's depth, two ways.

    Examples
    --------
    >>> lay = layering(sample)
    >>> lay.depth, lay.depth_steps, lay.depth_levels, lay.basis
    (3, 4, 3, 'levels')
    >>> lay.frame.set_index("id").loc[["gd", "cd", "dd", "tm"], "layer"].tolist()
    [1, 1, 2, 3]
    """
    nodes = node_attrs(org.graph)         # (not a copy through the view: 1,000,000 nodes)
    # top-down: every post after its superiors; posts on a loop get no layer
    posts, sups, order, _ = post_line(org)
    reports = Counter(chain.from_iterable(sups.values()))
    levels = [nodes[n].get("level", "") for n in posts]
    declared = any(levels)
    # (a few posts declare a level: looked up among those only)
    level = {n: lv for n, lv in zip(posts, levels) if lv}
    by_level: dict = {}
    by_step: dict = {}
    for n in order:
        _step_down(n, sups.get(n), level, by_level, by_step)
    # A post with no line above or below it, in an organisation that has a
    # line, or more than one post and no source saying it is flat, is not
    # placed in it (the source does not say where it sits): no layer, rather
    # than a top of its own.  (A file that gives no lines at all made every
    # post a top of layer 1.)
    conf = org.settings("layering", {}) or {}
    unplaced = [n for n in posts if not sups.get(n) and n not in reports] \
        if sups or (len(posts) > 1 and not conf.get("flat")) else []
    # (one whose only superior is outside the organisation is in that
    # organisation's line, not in none: said apart)
    elsewhere = {u for u, v, _ in org.edges("REPORTS_TO") if nodes[v].get("external")}
    abroad = [n for n in unplaced if n in elsewhere]
    unplaced = [n for n in unplaced if n not in elsewhere]
    for n in unplaced + abroad:
        by_level[n] = by_step[n] = None
    if target is None:
        target = target_depth(org)
    basis = "levels" if declared else "steps"
    layer = by_level if declared else by_step
    manager = [n in reports or bool(lv) for n, lv in zip(posts, levels)]
    lays = list(map(layer.get, posts))
    steps = list(map(by_step.get, posts))
    below = [bool(m and target and ly and ly > target) for m, ly in zip(manager, lays)]
    frame = pd.DataFrame({"id": posts, "name": [nodes[n].get("name", n) for n in posts],
                          "level": levels, "layer": pd.array(lays, dtype=object),
                          "layer_steps": pd.array(steps, dtype=object),
                          "manager": manager, "below_target": below},
                         columns=["id", "name", "level", "layer", "layer_steps", "manager",
                                  "below_target"])
    d_steps = int(max((s for m, s in zip(manager, steps) if m and s), default=0))
    d_levels = int(max((by_level.get(n) or 0 for n, m in zip(posts, manager) if m),
                       default=0))
    explanation = _explanation(nodes, d_steps, d_levels, declared, unplaced, abroad, conf,
                               bool(sups))
    return Layering(d_levels if declared else d_steps, target, frame, d_steps, d_levels,
                    basis, explanation)


def _explanation(nodes, d_steps: int, d_levels: int, declared: bool, unplaced: list,
                 abroad: list, conf: dict, lined: bool) -> list:
    """Why :func:`layering` counted as it did: the two counts, why they
    differ, the posts it did not place, and what the source says of a flat
    organisation (``lined``: the model has a line)."""
    explanation = [
        Message(N_("By steps: {n} layers; every step down the line counts, from the top post "
                   "(layer 1) to the deepest manager.") if d_steps != 1 else
                N_("By steps: 1 layer; every step down the line counts, from the top post "
                   "(layer 1) to the deepest manager."), n=d_steps),
        Message((N_("By levels: {n} layers; a step between two posts of the same declared "
                    "level stays in one layer.") if declared else
                 N_("By levels: {n} layers; a step between two posts of the same declared "
                    "level stays in one layer (no levels are declared, so this is the count "
                    "by steps)."))
                if d_levels != 1 else
                (N_("By levels: 1 layer; a step between two posts of the same declared level "
                    "stays in one layer.") if declared else
                 N_("By levels: 1 layer; a step between two posts of the same declared level "
                    "stays in one layer (no levels are declared, so this is the count by "
                    "steps).")),
                n=d_levels),
    ]
    if declared and d_steps != d_levels:
        n = d_steps - d_levels
        explanation.append(Message(
            N_("They differ because 1 step of the deepest line joins posts of the same "
               "declared level.") if n == 1 else
            N_("They differ because {n} steps of the deepest line join posts of the same "
               "declared level."), n=n))
    if unplaced:
        names = ", ".join(nodes[n].get("name", n) for n in unplaced[:10])
        explanation.append(Message(
            N_("Not placed in the line (no reporting line recorded above or below): {names}; "
               "they have no layer.") if len(unplaced) <= 10 else
            N_("Not placed in the line (no reporting line recorded above or below): {names} "
               "and {n} more; they have no layer."), names=names, n=len(unplaced) - 10))
    if abroad:
        explanation.append(Message("In the line of another organisation (the only superior "
                                   "recorded is outside this one): {names}; no layer here.",
                                   names=", ".join(nodes[n].get("name", n) for n in abroad)))
    placeholders = [n for n, d in nodes.items() if d.get("kind") == "Post" and
                    d.get("placeholder")]
    if placeholders:
        explanation.append(Message("Left out as placeholders (a top post named after the "
                                   "organisation): {names}.", names=", ".join(
                                       nodes[p].get("name", p) for p in placeholders)))
    if conf.get("flat"):
        cite = f" ({conf['source']})" if conf.get("source") else ""
        explanation.insert(0, Message(
            N_("The source describes a flat organisation{cite}: any line in the data is not "
               "its stated structure and the model has none.") if not lined else
            N_("The source describes a flat organisation{cite}: any line in the data is not "
               "its stated structure."), cite=cite))
    return explanation
