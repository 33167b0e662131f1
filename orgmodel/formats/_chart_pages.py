"""Cutting the line into chart pages that each fit a sheet of paper.

A printed org chart of a municipality does not fit one sheet at a readable
size.  The line is cut as printed org charts are: the first page shows the
top levels, and a post whose subtree does not fit there is drawn as a box
with a count (``+312 below (p. 4)``) whose subtree has a page of its own,
cut again where it does not fit.  A manager with more reports than fit one
page has them over several pages (``1/3``, ``2/3``, …).

Whether a page fits is first estimated from the boxes' sizes (the same
wrapping and stacking the drawing uses), then checked on Graphviz's layout:
a page whose drawing comes out larger is cut again.  A page *fits* when its
drawing, scaled onto the paper, keeps its smallest text (the boxes' 10 pt)
at least :data:`MIN_TEXT_MM` high.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .._order import natural_key

__all__ = ["PAPERS", "MIN_TEXT_MM", "FONT_PT", "TITLE_WRAP", "Page", "paginate", "in_units", "tree_of", "fits", "below",
           "overshoot"]

#: Paper -> (width, height) in mm of what is drawn on it (the sheet less
#: 10 mm margins), landscape, and whether a page may turn to portrait.
#: ``column`` is the report's text column on A4 (its pictures at most 240 mm high).
PAPERS = {
    "a4": (277.0, 190.0, True),
    "a3": (400.0, 277.0, True),
    "slide": (234.0, 123.0, False),     # 16:9, 10 inches wide
    "column": (180.0, 240.0, False),
}
#: The size of the boxes' text (and the units' names) in points.
FONT_PT = 10
#: The smallest height of text on a printed page, in mm (the em of a 10 pt
#: font scaled onto the paper); 2.5 mm keeps a margin over the 2 mm a reader
#: needs at arm's length.
MIN_TEXT_MM = 2.5
#: A label is wrapped at this many characters a line.
WRAP = 24
#: Room above the drawing for the page's title (two lines), in points.
TITLE_PT = 40.0
#: A title's line is wrapped at this many characters, so a page is at least
#: as wide as the longest (12 pt).
TITLE_WRAP = 90

_MM = 72 / 25.4                     # points per mm
_GROUP = object()                   # (the invisible top of a page of several parts)
_SCALE = MIN_TEXT_MM / (FONT_PT / _MM)   # the least scale a page may be printed at
_NODESEP, _RANKSEP = 18.0, 32.0     # (dot's nodesep=0.25, ranksep=0.45 in points)


@dataclass
class Page:
    """One chart page: the subtree of ``root`` (``None``: the top of the
    organisation) down to the posts in ``counted``, which are drawn as a box
    with a count and have pages of their own; ``part`` is (i, n) when a
    manager's reports run over n pages.  A page may hold the whole subtrees
    of several reports of one manager side by side (``tops``, ``root`` the
    first of them): small parts share a page."""

    root: str | None
    posts: list
    counted: list = field(default_factory=list)
    part: tuple = (1, 1)
    tops: list = field(default_factory=list)

    def __post_init__(self):
        self.tops = self.tops or [self.root]


def tree_of(posts, edges, removed=frozenset()) -> dict:
    """``{post: its superior in the tree}``: one line per post, a lasting line
    of the (to-be) model first, else a temporary one, else a removed one."""
    def rank(e):
        u, v, d = e
        return ((u, "REPORTS_TO", v) in removed, bool(d.get("temporary")), v)
    parent: dict = {}
    for u, v, _ in sorted(edges, key=rank):
        parent.setdefault(u, v)
    return _no_cycles(posts, parent)


def _no_cycles(posts, parent) -> dict:
    """``parent`` without the lines that close a loop (a post in a loop would
    hang under no top and be on no page): the loop is opened at its first post."""
    state: dict = {}
    for start in sorted(posts, key=natural_key):
        path = []
        x = start
        while x is not None and x not in state:
            state[x] = start
            path.append(x)
            x = parent.get(x)
        if x is not None and state[x] == start:      # back on this walk: a loop
            parent.pop(x)
    return parent


def box(lines: list) -> tuple:
    """The size in points of a box with these label lines (10 pt Helvetica)."""
    width = max(len(s) for s in lines) * FONT_PT * 0.5 + 12
    return max(54.0, width), max(36.0, len(lines) * FONT_PT * 1.2 + 6)


def overshoot(width: float, height: float, paper: str) -> float:
    """How many times a drawing of ``width`` × ``height`` points is too large
    for ``paper`` at the least scale (at most 1: it fits), turned where the
    paper may turn."""
    pw, ph, turns = PAPERS[paper]
    need_w, need_h = width * _SCALE / _MM, height * _SCALE / _MM
    over = max(need_w / pw, need_h / ph)
    return min(over, max(need_w / ph, need_h / pw)) if turns else over


def fits(width: float, height: float, paper: str, slack: float = 1.0) -> bool:
    """Whether a drawing of ``width`` × ``height`` points fits ``paper`` at
    the least scale (``slack`` < 1 asks for room to spare)."""
    return overshoot(width, height, paper) <= slack


class _Cutter:
    """The pages of one line (see :func:`paginate`)."""

    def __init__(self, children, size, paper):
        self.children, self.size, self.paper = children, size, paper
        self.below = _counts(children)
        #: each post's superior and its place among the superior's reports
        self.parent = {c: x for x, cs in children.items() for c in cs}
        self.place = {c: i for cs in children.values() for i, c in enumerate(cs)}
        #: ``(post, counted) -> its box``, each worked out once: a post's box
        #: is measured again for every page tried around it
        self.boxes: dict = {}

    def box(self, x, counted: bool) -> tuple:
        """The size of ``x``'s box (with its count line when ``counted``)."""
        key = (x, counted)
        if key not in self.boxes:
            self.boxes[key] = self.size(x, counted)
        return self.boxes[key]

    def shown_kids(self, x, shown) -> list:
        """``x``'s reports on the page (``shown``), in their order."""
        kids = self.children.get(x, ())
        if x is _GROUP or len(kids) <= len(shown):
            return [c for c in kids if c in shown]
        # (a manager of thousands on a page of a few dozen posts: the page's
        # posts under it, not each of the thousands looked up, which made a
        # line of 20,000 reports to one post take a minute)
        return sorted((c for c in shown if self.parent.get(c, _GROUP) == x),
                      key=self.place.__getitem__)

    def estimate(self, root, shown, counted) -> tuple:
        """The drawing's size in points: ``shown`` posts under ``root``, the
        ``counted`` ones as boxes with a count."""
        ext: dict = {}
        for x in _postorder(root, lambda y: [] if y in counted else self.shown_kids(y, shown)):
            kids = self.shown_kids(x, shown) if x not in counted else []
            bw, bh = self.box(x, x in counted) if x is not None and x is not _GROUP \
                else (0.0, 0.0)
            if not kids:
                ext[x] = (bw, bh)
                continue
            # (the reports that manage nobody on this page, as chart._stacked)
            leaves = [c for c in kids if c in counted or not any(
                k in shown for k in self.children.get(c, ()))]
            apart = set(leaves)
            others = [ext[c] for c in kids if c not in apart]
            if len(leaves) > 4:                       # (chart.STACK_FROM: stacked in columns)
                rows = math.ceil(math.sqrt(2 * len(leaves)))
                cols = math.ceil(len(leaves) / rows)
                # (a column: its widest box, the trunk beside it and the gap)
                lw = max(ext[c][0] for c in leaves) + 2 * _NODESEP
                lh = max(ext[c][1] for c in leaves) + _RANKSEP
                others.append((cols * lw - _NODESEP, rows * lh - _RANKSEP))
            else:
                others += [ext[c] for c in leaves]
            w = sum(o[0] for o in others) + _NODESEP * (len(others) - 1)
            ext[x] = (max(bw, w), bh + _RANKSEP + max(o[1] for o in others))
        return ext[root]

    def most(self) -> int:
        """More posts than any page of the paper can hold (the smallest box
        with the gaps around it, over the paper at the least scale)."""
        pw, ph, _ = PAPERS[self.paper]
        return int(pw * ph * (_MM / _SCALE) ** 2 / ((54 + _NODESEP) * (36 + _RANKSEP))) + 1

    def fits(self, root, shown, counted, slack, aspect=None) -> bool:
        """Whether the page fits its paper, as estimated, with its title (as
        wide as its longest line may be); with ``aspect``, also no wider than
        that many times its height."""
        width, height = self.estimate(root, shown, counted)
        height += TITLE_PT
        return (aspect is None or width <= aspect * height) and fits(
            max(width, TITLE_WRAP * 6.0), height, self.paper, slack)

    def pages(self, root, slack) -> list:
        """The pages of ``root``'s subtree (cut where it does not fit; a page
        of ``r`` with room to spare ``slack[r]``, where given)."""
        out: list = []
        todo = [[root]]
        while todo:
            group = todo.pop(0)
            made = self._cut(group[0], slack.get(group[0], 1.0)) if len(group) == 1 else [
                self._together(group)]
            out += made
            for p in made:
                todo += self._groups(p.counted, slack)
        return out

    def _groups(self, counted, slack) -> list:
        """``counted`` (reports of one manager, in order) in groups whose
        whole subtrees fit one page together; a part too large alone."""
        groups: list = []
        group: list = []
        for c in counted:
            if group and self._fit_together(group + [c], slack.get(group[0], 1.0)):
                group.append(c)
                continue
            if group:
                groups.append(group)
            group = [c]
        return groups + ([group] if group else [])

    def _fit_together(self, group, slack) -> bool:
        if sum(1 + self.below[c] for c in group) > self.most():
            return False
        self.children[_GROUP] = group
        try:
            shown = {_GROUP} | {x for c in group for lv in _levels(c, self.children, self.below[c])
                                for x in lv}
            # (side by side, but not into a strip: a page is a sheet's shape)
            return self.fits(_GROUP, shown, set(), slack, aspect=3)
        finally:
            del self.children[_GROUP]

    def _together(self, group) -> Page:
        """One page of the whole subtrees of ``group``."""
        posts = {x for c in group for lv in _levels(c, self.children, self.below[c]) for x in lv}
        return Page(group[0], sorted(posts, key=natural_key), tops=list(group))

    def _cut(self, r, slack) -> list:
        """The page(s) of ``r`` itself: as many levels as fit, or its reports
        over several pages."""
        levels = _levels(r, self.children, self.most())
        whole = {x for lv in levels for x in lv}
        if len(levels) > 1 and self.below.get(r, 0) < len(whole) and self.fits(
                r, whole, set(), slack):
            return [Page(r, sorted(whole - {None}, key=natural_key))]
        best = None
        for depth in range(1, len(levels) - (self.below.get(r, 0) < len(whole))):
            shown = {x for lv in levels[:depth + 1] for x in lv}
            counted = [x for x in levels[depth] if self.children.get(x)]
            if not self.fits(r, shown, set(counted), slack):
                break
            best = Page(r, sorted(shown - {None}, key=natural_key), counted)
        if best is not None:
            return [self._fill(best, slack)]
        if len(levels) == 1:
            return [best or Page(r, [] if r is None else [r])]
        return self._spread(r, levels[1], slack)

    def _fill(self, page, slack) -> Page:
        """``page`` with the smallest of its counted subtrees drawn on it
        whole, as many as still fit (fewer pages with a post or two)."""
        shown, counted = set(page.posts) | {page.root}, set(page.counted)
        for c in sorted(page.counted, key=lambda x: (self.below[x], natural_key(x))):
            if self.below[c] >= self.most():
                break
            sub = {x for lv in _levels(c, self.children, self.below[c]) for x in lv}
            if not self.fits(page.root, shown | sub, counted - {c}, slack):
                break
            shown |= sub
            counted.discard(c)
        return Page(page.root, sorted(shown - {None}, key=natural_key),
                    [c for c in page.counted if c in counted], page.part)

    def _spread(self, r, kids, slack) -> list:
        """``r``'s reports over as many pages as they need (each one a box,
        counted when it has reports of its own)."""
        groups, group = [], []
        for c in kids:
            trial = group + [c]
            shown = set(trial) | ({r} if r is not None else set())
            counted = {x for x in trial if self.children.get(x)}
            if group and not self.fits(r, shown, counted, slack):
                groups.append(group)
                trial = [c]
            group = trial
        groups.append(group)
        own = [] if r is None else [r]
        return [Page(r, sorted(own + g, key=natural_key), [x for x in g if self.children.get(x)],
                     (i + 1, len(groups))) for i, g in enumerate(groups)]


def _levels(r, children, most) -> list:
    """The subtree of ``r`` level by level (``r`` first), as far as the level
    that takes it past ``most`` posts (no page holds more)."""
    levels, total = [[r]], 1
    while total <= most:
        nxt = [c for x in levels[-1] for c in children.get(x, ())]
        if not nxt:
            return levels
        levels.append(nxt)
        total += len(nxt)
    return levels


def _postorder(root, kids):
    """The subtree's posts, every post after its reports (no recursion: a
    line can be thousands deep)."""
    order, stack = [], [root]
    while stack:
        x = stack.pop()
        order.append(x)
        stack.extend(kids(x))
    return reversed(order)


def _counts(children, weight=None) -> dict:
    """``{post: how many posts are below it}`` (with ``weight``, the sum of
    ``weight(post)`` of the posts below it)."""
    below: dict = {}
    for x in _postorder(None, lambda y: children.get(y, ())):
        below[x] = sum((1 if weight is None else weight(c)) + below[c]
                       for c in children.get(x, ()))
    return below


def paginate(posts, parent: dict, size, paper: str = "a4", slack: dict | None = None,
             root=None, unit_of=None) -> list:
    """The pages of the line: ``posts`` with their superior in ``parent``
    (see :func:`tree_of`), ``size(post, counted)`` a box's size in points.
    The first page is the top (several tops side by side); every page after
    it is a subtree, in the order a reader goes down the line; a manager's
    reports in the order of :func:`in_units` (``unit_of``: a post's unit).

    Examples
    --------
    >>> few = paginate(["a", "b", "c"], {"b": "a", "c": "a"}, lambda p, c: (60, 36))
    >>> [(p.root, p.posts) for p in few]
    [('a', ['a', 'b', 'c'])]
    >>> many = {f"r{i}": "a" for i in range(400)}
    >>> pages = paginate(["a", *many], many, lambda p, c: (60, 36))
    >>> len(pages) > 1 and all(p.root == "a" and p.part[1] == len(pages) for p in pages)
    True
    """
    children = _children(posts, parent, unit_of)
    if root is None and len(children.get(None, ())) == 1:
        root = children[None][0]         # (one top: its page is the first)
    return _Cutter(children, size, paper).pages(root, slack or {})


def _children(posts, parent, unit_of=None) -> dict:
    """``{post: its reports}`` (see :func:`in_units`), and under ``None`` the tops."""
    children: dict = {}
    for x in posts:
        children.setdefault(parent.get(x) if parent.get(x) in posts else None, []).append(x)
    return {k: in_units(v, unit_of or {}) for k, v in children.items()}


def in_units(posts, unit_of: dict) -> list:
    """``posts`` (a manager's reports) unit by unit, as a chart draws them
    side by side: each unit's in the order of their ids (``P2`` before
    ``P10``), the units in the order of their first ids, the posts of no
    unit as a unit of their own.

    >>> in_units(["P10", "P2", "P3", "P1"], {"P1": "b", "P3": "b", "P2": "a", "P10": "a"})
    ['P1', 'P3', 'P2', 'P10']
    """
    order = sorted(posts, key=natural_key)
    first: dict = {}
    for x in order:
        first.setdefault(unit_of.get(x), len(first))
    return sorted(order, key=lambda x: first[unit_of.get(x)])


def below(posts, parent, weight=None) -> dict:
    """``{post: how many posts are below it}`` in the tree ``parent`` (with
    ``weight``, the sum of ``weight(post)`` of those posts).

    >>> below(["a", "b", "c"], {"b": "a", "c": "b"})["a"]
    2
    """
    return _counts(_children(posts, parent), weight)
