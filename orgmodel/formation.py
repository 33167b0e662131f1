"""Formation, headcount and FTE: posts, the people holding them and staff
counted per grade, per post, rolled up per unit and per manager.

What is counted, for every post of the organisation (a ``Post`` that is not
political, not external and not a placeholder; roles are not posts):

* ``posts``: 1, and ``vacant``: 1 when the post is vacant (a node marked
  ``count_unknown`` stands for a number of posts the source does not give:
  :func:`totals` counts it apart);
* ``fte_min``/``fte_max``: the post's formation, its ``fte`` (a range such as
  ``2-3``), or else the FTE its holders hold it with;
* ``people``: the people holding it (``HOLDS`` from a Person), none when vacant;
  a job share is one post with two people;
* ``staff`` / ``staff_fte``: staff counted per grade or job title under the
  post (``Staff`` nodes, ``STAFF_OF``): they count here and in span by
  people or FTE, never as posts, direct reports or layers.

Per unit the posts and staff of the unit and of the units inside it are added
up (a post belongs to the teams it leads or is a member of).  Per manager
everything below it in the line is added up, each post once even when it has
two superiors (a matrix), and each person once even when they hold two posts.
"""
from __future__ import annotations

import math
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._nx import node_attrs, successors
from .errors import InputError
from .i18n import N_, Message, count
from .model import at_its_date, remembered

if TYPE_CHECKING:  # names in annotations only
    from .model import OrgModel


__all__ = ["post_figures", "formation", "totals", "is_post", "post_line", "staff_text",
           "holders_recorded", "counted_posts", "counted_people", "unrecorded_text",
           "posts_not_counted", "not_counted_text", "formation_view"]

_AMOUNTS = ("posts", "vacant", "people", "fte_min", "fte_max", "staff", "staff_fte",
            "vacant_fte_min", "vacant_fte_max", "staff_uncounted", "unrecorded",
            "unrecorded_fte_min", "unrecorded_fte_max", "posts_without_fte")


def is_post(d: dict) -> bool:
    """Whether a node is a post of the organisation itself."""
    return (d.get("kind") == "Post" and d.get("sphere") != "political"
            and not d.get("external") and not d.get("placeholder"))


def _posts(org) -> list:
    """The posts (:func:`is_post`) in node order; in a report found once."""
    return remembered(org, "posts", lambda: [
        r for r, d in node_attrs(org.graph).items() if is_post(d)])


def post_line(org):
    """``(posts, superiors, order, rest)``: the posts in node order, each
    post's superiors among them (``REPORTS_TO``), the posts top-down (every
    post after its superiors) and those on or under a loop of the line.

    Layering and formation per manager walk this same line; in a report it is
    worked out once (:func:`~orgmodel.model.remembered`)."""
    def work():
        from ._order import sinks_first
        posts = _posts(org)
        ok = set(posts)
        sups = {}
        for u, v, _ in org.edges_by_kind("REPORTS_TO")["REPORTS_TO"]:
            if u in ok and v in ok:
                sups.setdefault(u, []).append(v)
        order, rest = sinks_first(posts, sups)
        return posts, sups, order, rest
    return remembered(org, "post_line", work)


def _holders(org):
    """``{post: [(person, fte or None)]}`` and ``{person: [posts]}``."""
    nodes = node_attrs(org.graph)
    by_post, by_person = {}, {}
    for u, v, d in org.edges_by_kind("HOLDS")["HOLDS"]:
        if nodes[u].get("kind") == "Person" and nodes[v].get("kind") == "Post":
            by_post.setdefault(v, []).append((u, d.get("fte_min")))
            by_person.setdefault(u, []).append(v)
    return by_post, by_person


@at_its_date
def post_figures(org: OrgModel) -> pd.DataFrame:
    """One row per post: ``id, name, vacant, people, fte_min, fte_max,
    vacant_part, staff, staff_fte, staff_uncounted``.

    ``vacant_part`` is the vacant part of a held post's FTE (its
    ``vacant_fte``: a vacancy's rows beside its holders'), 0 when none.

    ``staff`` counts the people of the staff groups under the post that give
    their number (``count``); ``staff_uncounted`` is how many groups do not
    (a published file that gives FTE only): their FTE is in ``staff_fte``,
    their people are not counted anywhere, never guessed from the FTE.

    The summary, spans and formation all start from these figures: inside an
    :meth:`~orgmodel.model.OrgModel.analysis` block they are worked out once.

    Examples
    --------
    >>> f = post_figures(sample).set_index("id")
    >>> [f.loc["tm", c].item() for c in ("people", "fte_max", "staff", "staff_fte")]
    [2, 1.0, 9, 7.6]
    >>> bool(f.loc["tm2", "vacant"]), int(f.loc["tm2", "people"])
    (True, 0)
    """
    return remembered(org, "post_figures", lambda: _post_figures(org))


def _post_figures(org) -> pd.DataFrame:
    nodes = node_attrs(org.graph)
    by_post, _ = _holders(org)
    staff, staff_fte, uncounted = {}, {}, {}
    for u, v, _ in org.edges_by_kind("STAFF_OF")["STAFF_OF"]:
        s = nodes[u]
        if s.get("count") is None:
            uncounted[v] = uncounted.get(v, 0) + 1
        staff[v] = staff.get(v, 0) + int(s.get("count", 0) or 0)
        staff_fte[v] = staff_fte.get(v, 0.0) + float(s.get("fte_max", 0.0) or 0.0)
    # (columns, not a tuple per post: pandas takes a million-row table
    # from lists in a fraction of the time)
    posts = _posts(org)
    columns = ["id", "name", "vacant", "people", "fte_min", "fte_max", "vacant_part", "staff",
               "staff_fte", "staff_uncounted"]
    if not posts:
        return pd.DataFrame([], columns=columns)
    names, vacancies, people, low, high, parts = [], [], [], [], [], []
    for r in posts:
        d = nodes[r]
        vacant = bool(d.get("vacant"))
        held = () if vacant else by_post.get(r, ())
        if "fte_min" in d:
            lo, hi = d["fte_min"], d.get("fte_max", d["fte_min"])
        elif held and all(f is not None for _, f in held):
            lo = hi = sum(f for _, f in held)
        else:
            lo = hi = math.nan
        names.append(d.get("name", r))
        vacancies.append(vacant)
        people.append(len(held))
        low.append(lo)
        high.append(hi)
        parts.append(d.get("vacant_fte") or 0.0)
    return pd.DataFrame({"id": posts, "name": names, "vacant": vacancies, "people": people,
                         "fte_min": np.array(low, dtype=float),
                         "fte_max": np.array(high, dtype=float),
                         "vacant_part": np.array(parts, dtype=float),
                         "staff": [staff.get(r, 0) for r in posts],
                         "staff_fte": [round(staff_fte.get(r, 0.0), 6) for r in posts],
                         "staff_uncounted": [uncounted.get(r, 0) for r in posts]},
                        columns=columns)


def _units_of(org, posts):
    """``{post: unit}``: the first team a post leads or is a member of."""
    nodes = node_attrs(org.graph)
    unit = {}
    e = org.edges_by_kind("LEADS", "MEMBER_OF")
    for kind in ("LEADS", "MEMBER_OF"):
        for u, v, _ in e[kind]:
            if u in posts and nodes[v].get("kind") == "Team":
                unit.setdefault(u, v)
    return unit


def _up(succ, start):
    seen, todo = set(), [start]
    while todo:
        x = todo.pop()
        for y in succ.get(x, ()):
            if y not in seen:
                seen.add(y)
                todo.append(y)
    return seen


def _roll_up(ids: list, amounts, succ: dict, shared_people: dict, rest=None, pos=None):
    """Add every node's amounts to each node above it (and itself), once.

    ``amounts``: a float array, one row per node of ``ids``, one column per
    amount.  Weights flow up single links bottom-up; a node with several
    superiors hands what came up to it that way, with its own, to every node
    above it once (as in escalation load) and that part goes no further, so a
    matrix post is never counted twice, however many ways lead from it to the
    top.  Nodes on or under a loop (``rest``; found when None) hand nothing up.
    ``pos``: each node's row, if at hand.

    Returns ``(row, totals)``: ``totals`` a float array like ``amounts``,
    whose row of a node is ``row[node]``.
    """
    from ._order import forest_sums, sinks_first
    if pos is None:
        pos = {n: i for i, n in enumerate(ids)}
    if rest is None:
        rest = sinks_first(ids, succ)[1]
    rising = np.asarray(amounts, dtype=float).reshape(len(ids), len(_AMOUNTS))
    direct = np.zeros_like(rising)
    # Single superiors form a forest: each node's parent as an integer
    # array, and the weights go up it level by level (forest_sums).
    below, ups = list(succ), list(succ.values())
    at = np.fromiter(map(pos.get, below, repeat(-1)), dtype=np.int64, count=len(below))
    first = np.fromiter(map(pos.get, map(itemgetter(0), ups), repeat(-1)), dtype=np.int64,
                        count=len(ups))
    single = np.fromiter(map(len, ups), dtype=np.int64, count=len(ups)) == 1
    parent = np.full(len(ids), -1, dtype=np.int64)
    one = single & (at >= 0) & (first >= 0)
    parent[at[one]] = first[one]
    matrix = []
    for k in np.flatnonzero(~single & (at >= 0)).tolist():
        known = [u for u in ups[k] if u in pos]
        if len(known) == 1:
            parent[at[k]] = pos[known[0]]
        elif known:
            matrix.append(below[k])
    if rest:
        stuck = [pos[n] for n in rest if n in pos]
        parent[stuck] = -1
        out = set(rest)
        matrix = [n for n in matrix if n not in out]
    rising = forest_sums(parent, rising)
    # A matrix node's weight (its own and its forest below) reaches each node
    # above it directly, and stays there.
    for n in matrix:
        above = [pos[u] for u in _up(succ, n) if u in pos]
        direct[above] += rising[pos[n]]
    total = rising + direct
    # Fix the people column: a person on several posts counts once per node.
    people = _AMOUNTS.index("people")
    for _person, posts in shared_people.items():
        reach = {}
        for p in posts:
            for x in {p} | _up(succ, p):
                reach[x] = reach.get(x, 0) + 1
        for x, k in reach.items():
            if x in pos:
                total[pos[x], people] -= k - 1
    return pos, total


class _Names:
    """``names[id]``: a node's name, looked up when asked (the tables name a
    fraction of a large organisation's nodes)."""

    def __init__(self, nodes):
        self._nodes = nodes

    def __getitem__(self, n):
        return self._nodes[n].get("name", n)


def _post_amounts(posts: pd.DataFrame) -> np.ndarray:
    """One row of :data:`_AMOUNTS` per post: the FTE of a vacant post also
    as vacant FTE, and of a post neither vacant nor held by anyone the data
    names as FTE whose holder is not recorded (a held post's is 0 in both,
    but for its vacant part; an unknown one stays unknown)."""
    vacant = posts["vacant"].to_numpy(dtype=bool)
    part = posts["vacant_part"].to_numpy(dtype=float)
    cols = [np.ones(len(posts))] + [posts[c].to_numpy(dtype=float) for c in _AMOUNTS[1:7]]
    unrecorded = ~vacant & (cols[2] == 0)
    cols += [np.where(vacant, cols[3], part), np.where(vacant, cols[4], part),
             posts["staff_uncounted"].to_numpy(dtype=float), unrecorded.astype(float),
             np.where(unrecorded, cols[3] - part, 0.0), np.where(unrecorded, cols[4] - part, 0.0),
             # (the posts whose FTE is not known: a row's FTE is then unknown too)
             np.isnan(cols[4]).astype(float)]
    return np.column_stack(cols).reshape(len(posts), len(_AMOUNTS))


def _frame(ids, names, pos, total):
    """The formation table of ``ids``, whose amounts are the rows ``pos[id]``
    of the array ``total``."""
    amounts = total[[pos[n] for n in ids]].reshape(len(ids), len(_AMOUNTS))
    f = pd.DataFrame({"id": ids, "name": [names[n] for n in ids],
                      **{c: amounts[:, i] for i, c in enumerate(_AMOUNTS)}},
                     columns=["id", "name", *_AMOUNTS])
    for c in ("posts", "vacant", "people", "staff", "staff_uncounted", "unrecorded",
              "posts_without_fte"):
        f[c] = f[c].astype(int)
    # (sums of tenths: 214411.4, not the 214411.39999999997 the additions leave)
    for c in ("fte_min", "fte_max", "staff_fte", "vacant_fte_min", "vacant_fte_max",
              "unrecorded_fte_min", "unrecorded_fte_max"):
        f[c] = f[c].round(6)
    # (+ 0.0: a difference of sums that is nought may round to -0.0, shown "-0")
    f["held_fte_min"] = (f["fte_min"] - f["vacant_fte_min"] - f["unrecorded_fte_min"]).round(6) \
        + 0.0
    f["held_fte_max"] = (f["fte_max"] - f["vacant_fte_max"] - f["unrecorded_fte_max"]).round(6) \
        + 0.0
    # (a unit with staff whose number is not recorded, or posts whose holder
    # is not recorded, has no headcount: "0" read as nobody working there)
    f["headcount"] = (f["people"] + f["staff"]).where((f["staff_uncounted"] == 0)
                                                      & (f["unrecorded"] == 0))
    f["total_fte_min"] = (f["fte_min"] + f["staff_fte"]).round(6)
    f["total_fte_max"] = (f["fte_max"] + f["staff_fte"]).round(6)
    return f


def _largest_first(df: pd.DataFrame) -> pd.DataFrame:
    """The rows with most posts first, those of as many in the order of
    their ids, numbers as numbers (``Team 2`` before ``Team 10``)."""
    from ._order import natural_column
    return df.sort_values(["posts", "id"], ascending=[False, True], ignore_index=True,
                          key=natural_column)


@at_its_date
def formation(org: OrgModel, by: str | None = "unit") -> pd.DataFrame:
    """Formation, headcount and FTE rolled up ``by`` unit, manager or post.

    Columns: ``id, name, posts, vacant, people, fte_min, fte_max, staff,
    staff_fte, vacant_fte_min, vacant_fte_max, staff_uncounted, unrecorded,
    unrecorded_fte_min, unrecorded_fte_max, posts_without_fte, held_fte_min,
    held_fte_max, headcount, total_fte_min, total_fte_max``: ``fte`` is the
    posts' formation, and ``held_fte``, ``vacant_fte`` and ``unrecorded_fte``
    its parts (``unrecorded``: posts neither vacant nor held by anyone the
    data names, whose holder is not recorded); FTE of posts without a known
    FTE count as unknown (NaN) in every total they enter, and
    ``posts_without_fte`` counts them (why a row's FTE is empty); so does
    ``headcount`` where a post's holder or a staff group's number of people
    is not recorded.

    Examples
    --------
    >>> f = formation(sample, by="manager").set_index("id")
    >>> f.loc["cd", ["posts", "vacant", "people", "staff", "unrecorded"]].tolist()
    [4, 0, 2, 9, 2]
    >>> f.loc["cd", "headcount"].item()     # (two posts whose holder is not recorded)
    nan
    >>> formation(sample, by="unit").set_index("id").loc["cluster", "posts"].item()
    3
    """
    if by not in ("unit", "manager", "post"):
        raise InputError(Message("formation by '{by}': use unit, manager or post", by=by))
    posts = post_figures(org)
    by_post, by_person = _holders(org)
    # (whole columns: a list per post costs seconds at a million posts)
    ids = posts["id"].tolist()
    amounts = _post_amounts(posts)
    row = {r: i for i, r in enumerate(ids)}
    shared = {p: [x for x in rs if x in row and not node_attrs(org.graph)[x].get("vacant")]
              for p, rs in by_person.items() if len(rs) > 1}
    shared = {p: rs for p, rs in shared.items() if len(rs) > 1}
    names = _Names(node_attrs(org.graph))
    if by == "post":
        return _frame(ids, names, row, amounts)
    if by == "manager":
        return _by_manager(org, ids, amounts, row, shared, names)
    return _by_unit(org, amounts, row, shared, names)


def _by_manager(org: OrgModel, ids: list, amounts, row: dict, shared: dict,
                names) -> pd.DataFrame:
    """The posts' figures rolled up the line, a row per manager."""
    line_posts, succ, _, rest = post_line(org)
    if line_posts != ids and (len(line_posts) != len(ids) or
                              not all(p in row for p in line_posts)):
        # figures of other posts than the model's (a diff's own): their line
        rest, succ = None, {}
        for u, v, _ in org.edges_by_kind("REPORTS_TO")["REPORTS_TO"]:
            if u in row and v in row:
                succ.setdefault(u, []).append(v)
    pos, total = _roll_up(ids, amounts, succ, shared, rest, row)
    below = {v for vs in succ.values() for v in vs}
    managers = [r for r in ids if r in below]
    return _largest_first(_frame(managers, names, pos, total))


def _by_unit(org: OrgModel, amounts, row: dict, shared: dict, names) -> pd.DataFrame:
    """The posts' and staff's figures into their team, and teams into the
    teams they sit in, a row per team."""
    nodes = node_attrs(org.graph)
    teams = [t for t, d in nodes.items() if d.get("kind") == "Team"]
    unit_amounts = {t: [0.0] * len(_AMOUNTS) for t in teams}
    post_unit = _units_of(org, row)
    _staff_in_units(org, nodes, unit_amounts, post_unit, row)
    for r, u in post_unit.items():
        unit_amounts[u] = [a + b for a, b in zip(unit_amounts[u], amounts[row[r]].tolist())]
    succ: dict = {}
    for u, v, _ in org.edges_by_kind("MEMBER_OF")["MEMBER_OF"]:
        if u in unit_amounts and v in unit_amounts:
            succ.setdefault(u, []).append(v)
    shared_units = {}
    for p, rs in shared.items():
        us = sorted({post_unit[r] for r in rs if r in post_unit})
        if len(us) > 1:
            shared_units[p] = us
        elif len(us) == 1:
            # two posts in one unit: the person counts once there
            unit_amounts[us[0]][2] -= sum(1 for r in rs if post_unit.get(r) == us[0]) - 1
    pos, total = _roll_up(teams, [unit_amounts[t] for t in teams], succ, shared_units)
    return _largest_first(_frame(teams, names, pos, total))


def _staff_in_units(org: OrgModel, nodes: dict, unit_amounts: dict, post_unit: dict,
                    row: dict) -> None:
    """Count staff that are members of a unit there (the unit their file
    gives them), not in the unit of the post they work under (where the
    post's own figures count them: taken off there)."""
    moved = {}
    for u, v, _ in org.edges_by_kind("MEMBER_OF")["MEMBER_OF"]:
        d = nodes[u]
        if d.get("kind") == "Staff" and v in unit_amounts and u not in moved:
            moved[u] = v
            count, fte = int(d.get("count", 0) or 0), float(d.get("fte_max", 0.0) or 0.0)
            no_count = 1 if d.get("count") is None else 0
            unit_amounts[v][5] += count
            unit_amounts[v][6] += fte
            unit_amounts[v][9] += no_count
            for p, keyed in successors(org.graph)[u].items():
                if p in row and any(x.get("kind") == "STAFF_OF" for x in keyed.values()) \
                        and p in post_unit:
                    unit_amounts[post_unit[p]][5] -= count
                    unit_amounts[post_unit[p]][6] -= fte
                    unit_amounts[post_unit[p]][9] -= no_count
                    break


def holders_recorded(org: OrgModel, tot: dict) -> bool:
    """Whether the sources say anything of who holds the posts (``tot``:
    :func:`totals` of ``org``): a person holding one, or a post marked
    vacant.  Without either, "0 people in post, 0 vacant" would read as a
    finding (every post empty, none vacant) where the sources are silent.

    >>> holders_recorded(sample, totals(sample))
    True
    """
    # Only a person's HOLDS counts: a post HOLDS its portfolio too.
    nodes = org.graph.nodes
    return bool(tot["people"] or tot["vacant"] or not tot["posts"] or any(
        d.get("kind") == "HOLDS" and nodes[u].get("kind") == "Person"
        for u, _, d in org.graph.edges(data=True)))


@at_its_date
def totals(org: OrgModel) -> dict:
    """The organisation's formation in figures.

    Keys: ``posts`` (posts of a known number), ``posts_count_unknown``
    (nodes that stand for a number of posts the data does not give,
    ``count_unknown``), ``vacant``, ``people`` (distinct), ``staff`` (people
    of the staff groups that give their number), ``staff_uncounted`` (groups
    that do not: their people are counted nowhere), ``staff_fte``,
    ``fte_min``/``fte_max`` (posts' formation, held and vacant),
    ``held_fte_min``/``held_fte_max``, ``vacant_fte_min``/``vacant_fte_max``
    and ``unrecorded_fte_min``/``unrecorded_fte_max`` (its parts: the last,
    of the ``unrecorded`` posts, neither vacant nor held by anyone the data
    names: whether they are held is not recorded), ``posts_without_fte``,
    ``total_fte_min``/``total_fte_max`` (with staff).

    Examples
    --------
    >>> tot = totals(sample)
    >>> tot["posts"], tot["vacant"], tot["people"], tot["staff"], (tot["fte_min"], tot["fte_max"])
    (7, 1, 3, 9, (6.4, 6.4))
    >>> tot["held_fte_min"], tot["vacant_fte_min"], tot["unrecorded"], tot["unrecorded_fte_min"]
    (2.4, 1.0, 3, 3.0)
    """
    posts = post_figures(org)
    _, by_person = _holders(org)
    nodes = node_attrs(org.graph)
    people = sum(1 for p, rs in by_person.items()
                 if any(is_post(nodes[r]) and not nodes[r].get("vacant") for r in rs))
    known = posts.dropna(subset=["fte_min"])
    lo, hi = float(known["fte_min"].sum()), float(known["fte_max"].sum())
    gone = known[known["vacant"].astype(bool)]
    # (and the vacant part of a held post: a vacancy's rows beside its holders')
    part = float(known.loc[~known["vacant"].astype(bool), "vacant_part"].sum())
    vlo, vhi = float(gone["fte_min"].sum()) + part, float(gone["fte_max"].sum()) + part
    # (a post neither vacant nor held by anyone the data names: its FTE is
    # neither held nor vacant as far as the data goes)
    open_ = ~posts["vacant"].astype(bool) & (posts["people"] == 0)
    silent = known[open_.loc[known.index]]
    upart = float(silent["vacant_part"].sum())
    ulo, uhi = float(silent["fte_min"].sum()) - upart, float(silent["fte_max"].sum()) - upart
    loose = _staff_under_no_post(org, nodes)
    staff_fte = float(posts["staff_fte"].sum()) + loose["fte"]
    # A node that stands for a number of posts the source does not give
    # (count_unknown) is not counted as one post: it is counted apart.
    apart = [r for r in posts["id"].tolist() if nodes[r].get("count_unknown")]
    uncounted = [nodes[r] for r in apart]
    unknown = len(uncounted)
    unknown_nofte = sum(1 for d in uncounted if d.get("fte_min") is None)
    return {"posts": len(posts) - unknown, "posts_count_unknown": unknown,
            "vacant": int(posts["vacant"].sum()), "people": people,
            "staff": int(posts["staff"].sum()) + loose["staff"],
            "staff_fte": round(staff_fte, 6),
            "staff_uncounted": int(posts["staff_uncounted"].sum()) + loose["uncounted"],
            "fte_min": round(lo, 6), "fte_max": round(hi, 6),
            "held_fte_min": round(lo - vlo - ulo, 6) + 0.0,
            "held_fte_max": round(hi - vhi - uhi, 6) + 0.0,
            "vacant_fte_min": round(vlo, 6), "vacant_fte_max": round(vhi, 6),
            "unrecorded": int((open_ & ~posts["id"].isin(apart)).sum()),
            "unrecorded_fte_min": round(ulo, 6), "unrecorded_fte_max": round(uhi, 6),
            "posts_without_fte": int(len(posts) - len(known)) - unknown_nofte,
            "total_fte_min": round(lo + staff_fte, 6), "total_fte_max": round(hi + staff_fte, 6)}


def _staff_under_no_post(org: OrgModel, nodes: dict) -> dict:
    """The staff groups the data places under no post (no ``STAFF_OF``: in
    a unit only, or their post closed): staff of the organisation all the
    same, counted in the totals as their unit counts them."""
    under = {u for u, _, _ in org.edges_by_kind("STAFF_OF")["STAFF_OF"]}
    loose = [nodes[n] for n in org.ids("Staff") if n not in under]
    return {"staff": sum(int(d.get("count", 0) or 0) for d in loose),
            "fte": sum(float(d.get("fte_max", 0.0) or 0.0) for d in loose),
            "uncounted": sum(1 for d in loose if d.get("count") is None)}


#: The formation's figures a reader is shown (a page, the terminal), a range
#: (``_min``, ``_max``) as one column: the others (staff uncounted, totals
#: with staff) when any row has one.
FORMATION_SHOWN = ("id", "name", "posts", "vacant", "people", "fte", "posts_without_fte",
                   "held_fte", "vacant_fte",
                   "unrecorded", "unrecorded_fte", "staff", "staff_fte", "staff_uncounted",
                   "headcount", "total_fte")
#: The columns of FTE, left out where the data gives none at all.
FORMATION_FTE = {"fte", "posts_without_fte", "held_fte", "vacant_fte", "unrecorded_fte",
                 "staff_fte", "total_fte"}
#: Columns shown only when a row has more than nothing in them.
FORMATION_IF_ANY = {"unrecorded": ("unrecorded", "unrecorded_fte"),
                    # (why a row's FTE is empty: its posts that give none)
                    "posts_without_fte": ("posts_without_fte",),
                    "staff": ("staff",),
                    # (staff a file gives by FTE only, as the UK junior files
                    # do: their FTE shown though no one of them is counted)
                    "staff_fte": ("staff_fte", "total_fte"),
                    "staff_uncounted": ("staff_uncounted",)}


def formation_view(df, t, whole=None):
    """The formation's rows ``df`` (see :func:`formation`) as a reader is
    shown them, in ``t``'s notation: each minimum and maximum as one column
    (``2–3`` where they differ), and the columns of staff and of posts whose
    holder is not recorded only when a row of the ``whole`` table (default:
    ``df``; a page shows a part of it) has one, so that it fits a window or
    a terminal (20 columns did not); the columns of FTE only where the data
    gives an FTE.

    >>> from orgmodel.i18n import translator
    >>> list(formation_view(formation(sample, "unit"), translator("en")).columns)[:6]
    ['id', 'name', 'posts', 'vacant', 'people', 'fte']
    """
    whole = df if whole is None else whole
    hidden = {c for key, cols in FORMATION_IF_ANY.items() if not (whole[key] > 0).any()
              for c in cols}
    if (whole["posts_without_fte"] >= whole["posts"]).all() and not (whole["staff_fte"] > 0).any():
        # (the data gives no FTE at all, as Deventer's sources: columns of
        # nothing, and "posts without FTE" equal to the posts on every row)
        hidden |= FORMATION_FTE
    out = {}
    for c in FORMATION_SHOWN:
        if c in hidden:
            continue
        if c in df.columns:
            out[c] = df[c]
            continue
        lo, hi = df[f"{c}_min"], df[f"{c}_max"]
        if whole[f"{c}_min"].equals(whole[f"{c}_max"]):
            out[c] = lo
        else:
            out[c] = ["" if pd.isna(a) else t.span(a, b) for a, b in zip(lo, hi)]
    return pd.DataFrame(out)


def gives_fte(tot: dict) -> bool:
    """Whether a model's totals (:func:`totals`) give any FTE, of a post or
    of staff (Deventer's sources give none: its figures of FTE are not 0,
    they are not recorded).

    >>> gives_fte(totals(sample)), gives_fte({"fte_max": 0, "staff_fte": 0, "posts": 2, "posts_without_fte": 2})
    (True, False)
    """
    return bool(tot["fte_max"] or tot["staff_fte"] or tot["posts_without_fte"] < tot["posts"])


def counted_posts(n: int) -> Message:
    """``n`` posts, in the singular for one (see :func:`orgmodel.i18n.count`)."""
    return count(n, N_("{n} post"), N_("{n} posts"))


def unrecorded_text(tot: dict, lead: str = "; ") -> Message | str:
    """The posts of ``tot`` (:func:`totals`) neither vacant nor held by anyone
    the data names, after ``lead``: whether they are held is not recorded,
    so their FTE is neither held nor vacant; empty when there are none.

    >>> str(unrecorded_text({"unrecorded": 2}))
    '; 2 posts whose holder is not recorded (neither vacant nor held by anyone the data names)'
    """
    n = tot.get("unrecorded", 0)
    if not n:
        return ""
    return count(n, N_("{lead}1 post whose holder is not recorded (neither vacant nor held by "
                       "anyone the data names)"),
                 N_("{lead}{n} posts whose holder is not recorded (neither vacant nor held by "
                    "anyone the data names)"), lead=lead)


def posts_not_counted(org: OrgModel) -> dict:
    """The ``Post`` nodes the formation does not count (see :func:`is_post`),
    by why, each a list of names in node order: ``political`` (the council,
    the executive, an alderman: posts of the political sphere, not of the
    organisation's staff), ``external`` (posts outside the organisation that
    a post of it reports to) and ``placeholder`` (a top named after the
    organisation itself).  A node counted in the table of node kinds and
    not in the formation is named, so that the two figures can be told apart
    (in a report, worked out once for its two lines).

    Examples
    --------
    >>> posts_not_counted(sample)["political"]
    ['Council', 'Alderman for youth']
    """
    return remembered(org, "posts_not_counted", lambda: _not_counted(org))


def _not_counted(org: OrgModel) -> dict:
    out: dict = {"political": [], "external": [], "placeholder": []}
    for r, d in node_attrs(org.graph).items():
        if d.get("kind") != "Post" or is_post(d):
            continue
        why = ("political" if d.get("sphere") == "political" else
               "external" if d.get("external") else "placeholder")
        out[why].append(str(d.get("name") or r))
    return out


def not_counted_text(org: OrgModel, t, lead: str = "; ", inert=str) -> str:
    """The posts :func:`posts_not_counted` finds, after ``lead``, in ``t``'s
    language (the first three of each kind named, each name made ``inert``
    for where it is written: :func:`orgmodel.escape.markdown` in a report);
    empty when there are none.

    >>> from orgmodel.i18n import translator
    >>> text = not_counted_text(sample, translator("en"))
    >>> text[:50]
    '; not counted as its posts: 2 political posts (Cou'
    >>> text.split("), ")[1]
    '1 post outside the organisation (Chief of the safety region)'
    """
    parts = []
    for why, names in posts_not_counted(org).items():
        if not names:
            continue
        shown = ", ".join(map(inert, names[:3])) + (", …" if len(names) > 3 else "")
        parts.append(t(count(len(names), *_NOT_COUNTED[why], names=shown)))
    if not parts:
        return ""
    return lead + t("not counted as its posts: {parts}", parts=", ".join(parts))


#: How each kind of post the formation does not count is said.
_NOT_COUNTED = {
    "political": (N_("{n} political post ({names})"), N_("{n} political posts ({names})")),
    "external": (N_("{n} post outside the organisation ({names})"),
                 N_("{n} posts outside the organisation ({names})")),
    "placeholder": (N_("{n} placeholder top named after the organisation ({names})"),
                    N_("{n} placeholder tops named after the organisation ({names})"))}


def counted_people(n: int) -> Message:
    """``n`` people, in the singular for one."""
    return count(n, N_("{n} person"), N_("{n} people"))


def staff_text(tot: dict, t, lead: str) -> str:
    """The staff counted per grade, after ``lead``: their number where the
    data gives one, their FTE, and how many groups give no number."""
    if not (tot["staff"] or tot["staff_fte"] or tot.get("staff_uncounted")):
        return ""
    fte = tot["staff_fte"]
    if not tot.get("staff_uncounted"):
        return lead + t("{n} staff counted per grade ({fte} FTE)", n=tot['staff'], fte=fte)
    if not tot["staff"] and not fte:
        # (a group the sources name with neither: "incl. DGB personeel")
        return lead + t(count(tot["staff_uncounted"],
                              N_("{n} group of staff whose number and FTE the data does not "
                                 "give"),
                              N_("{n} groups of staff whose number and FTE the data does not "
                                 "give")))
    if not tot["staff"]:
        return lead + t("staff counted per grade: {fte} FTE (the data gives no number of people)",
                        fte=fte)
    return lead + t("{n} staff counted per grade, and {k} groups of staff whose number the data "
                    "does not give ({fte} FTE in all)", n=tot['staff'],
                    k=tot['staff_uncounted'], fte=fte)
