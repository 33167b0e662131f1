"""Synthetic organisations for scale tests and benchmarks.

:func:`synthesize` builds a realistic municipality-like organisation of
``n_roles`` roles in the standard model: a line hierarchy (general director,
corporate directors, deputy directors over clusters, team managers, staff)
with a span distribution, teams and clusters, portfolios, commissions with
both commissioners (some delegated down the line with a mandate), partners
with agreements, mandates, some matrix lines, and a sprinkling of the
defects ``orgmodel check`` finds.  The same seed gives the same files.

:func:`chain` and :func:`matrix` build the shapes that stress escalation:
a line thousands of levels deep, and a matrix where every role answers to
every role of the level above (the number of routes doubles per level).
"""
from __future__ import annotations

import random

import networkx as nx

from .errors import InputError
from .i18n import N_, Message
from .model import OrgModel

__all__ = ["synthesize", "chain", "matrix", "SHAPES"]

#: Criteria for an executive commission, declared in every synthetic
#: organisation's org.yaml (a real one declares and cites its own).
_CRITERIA = {
    "political_risk": "great political-administrative interest or risk",
    "social_impact": "great impact on society",
    "uncharted": "complex and uncharted field",
    "no_vision": "no vision or implementation framework yet",
    "central_steering": "need for central steering",
    "multidisciplinary": "multidisciplinary, several interests",
    "unexpected_problem": "unexpected problem of strategic importance",
    "national_policy": "drastic change in national policy",
    "new_unique": "new unique task",
    "non_repeating": "non-repeating action or result",
    "time_budget_limited": "time and budget limited",
    "longer_than_year": "longer than one year",
    "uncertain_result": "uncertain result",
}
_CRIT = sorted(_CRITERIA)
#: The criteria in Dutch, as D-FS-VI writes them (the Deventer data's texts).
_CRITERIA_NL = {
    "political_risk": "groot politiek-bestuurlijk belang of afbreukrisico",
    "social_impact": "grote impact op de samenleving",
    "uncharted": "complex en onontgonnen terrein",
    "no_vision": "nog geen visie of uitvoeringskader aanwezig",
    "central_steering": "behoefte aan centrale sturing ten behoeve van interne en/of externe "
                        "samenhang",
    "multidisciplinary": "multidisciplinair en begrotingsprogramma overstijgend en meerdere "
                         "belangen betrokken",
    "unexpected_problem": "onverwacht probleem van strategisch belang",
    "national_policy": "ingrijpende wijziging van rijksbeleid of andere medeoverheid",
    "new_unique": "nieuwe unieke opgave met een nieuw en uniek resultaat",
    "non_repeating": "niet repeterende handeling of resultaat",
    "time_budget_limited": "tijd en budget beperkt",
    "longer_than_year": "langer dan 1 jaar",
    "uncertain_result": "resultaat onzeker",
}

#: The names a synthetic organisation gives its nodes, in the language it is
#: written in (``synth --lang nl``: a Dutch municipality's words): the data's,
#: not messages of the catalog.
_NAMES = {
    "en": {"council": "Council", "board": "Executive board", "alderman": "Alderman {i}",
           "gd": "General director", "cd": "CD {i}", "dd": "DD {i}", "tm": "TM {i}",
           "staff": "STAFF {i}", "cluster": "Cluster of {of}", "team": "Team of {of}",
           "portfolio": "Portfolio of {of}", "theme": "Theme {i} of {of}",
           "partner": "Partner {i}", "commission": "Commission {i}", "orphan": "Orphan work",
           "scope": "line management", "name": "Synthetic {n}"},
    "nl": {"council": "Gemeenteraad", "board": "College van B&W", "alderman": "Wethouder {i}",
           "gd": "Algemeen directeur", "cd": "Concerndirecteur {i}",
           "dd": "Adjunct-directeur {i}", "tm": "Teammanager {i}", "staff": "Medewerker {i}",
           "cluster": "Cluster van {of}", "team": "Team van {of}",
           "portfolio": "Portefeuille van {of}", "theme": "Thema {i} van {of}",
           "partner": "Partner {i}", "commission": "Opdracht {i}",
           "orphan": "Werk zonder opdracht", "scope": "lijnmanagement",
           "name": "Synthetisch {n}"},
}


def synthesize(n_roles: int, seed: int = 0, name: str | None = None,
               language: str = "en") -> OrgModel:
    """A synthetic organisation with ``n_roles`` roles, its names and texts
    in ``language`` (``en`` or ``nl``: the same organisation, in words).

    Examples
    --------
    >>> org = synthesize(300, seed=1)
    >>> len(org.ids("Post"))
    300
    >>> synthesize(300, seed=1) == org
    True
    >>> validate_graph(org)
    []
    >>> synthesize(300, seed=1, language="nl").label("gd")
    'Algemeen directeur'
    """
    if n_roles < 10:
        raise InputError(Message("a synthetic organisation needs at least 10 roles"))
    # One seeded random sequence: the steps run in this order, so that a seed
    # gives the same organisation every time.
    b = _Municipality(random.Random(seed), _NAMES[language])
    aldermen = b.political(n_roles)
    by_layer = b.line(n_roles - 2 - len(aldermen))
    cds, dds, tms, staff = (by_layer[k] for k in ("cd", "dd", "tm", "staff"))
    boss_of = {u: v for u, v, d in b.g.edges(data=True) if d["kind"] == "REPORTS_TO"}
    b.matrix_lines(tms, dds, boss_of)
    b.teams_and_portfolios(cds, dds, tms, boss_of)
    workers = tms + staff or cds
    b.partners_and_commissions(n_roles, aldermen, cds, dds, workers, boss_of)
    b.defects(aldermen, staff, workers)
    org = OrgModel(b.g, _municipality_manifest(name, n_roles, seed, language))
    # Attributes as a freshly loaded model holds them (fte as a range).
    from .validate import parse_fte
    for _n, d in b.g.nodes(data=True):
        if "fte" in d:
            d["fte_min"], d["fte_max"] = parse_fte(d.pop("fte"))
    return org


class _Municipality:
    """The steps of :func:`synthesize`, drawing from one random sequence."""

    SPANS = {"cd": (3, 6), "dd": (3, 6), "tm": (4, 9), "staff": (4, 12)}
    NEXT = {"gd": "cd", "cd": "dd", "dd": "tm", "tm": "staff", "staff": "staff"}
    LEVEL = {"cd": "concern", "dd": "team-connecting", "tm": "team"}

    def __init__(self, rnd: random.Random, names: dict):
        self.rnd, self.names = rnd, names
        self.g = nx.MultiDiGraph()
        self.src = "synth"

    def role(self, rid, name, **attrs) -> None:
        self.g.add_node(rid, kind="Post", name=name, source=self.src, **attrs)

    def political(self, n_roles: int) -> list:
        """The council, the executive board and its aldermen."""
        g, src = self.g, self.src
        n_aldermen = 3 + n_roles // 5000
        self.role("council", self.names["council"], sphere="political")
        self.role("board", self.names["board"], sphere="political")
        g.add_edge("board", "council", kind="REPORTS_TO", source=src)
        aldermen = [f"alderman-{i}" for i in range(n_aldermen)]
        for a in aldermen:
            self.role(a, self.names["alderman"].format(i=a.split('-')[1]), sphere="political")
        return aldermen

    def line(self, budget: int) -> dict:
        """The official line, breadth first from the general director: each
        layer's roles (``cd``, ``dd``, ``tm``, ``staff``), ``budget`` in all."""
        g, src, rnd = self.g, self.src, self.rnd
        self.role("gd", self.names["gd"], sphere="official", level="concern", fte="1")
        g.add_edge("gd", "board", kind="REPORTS_TO", source=src)
        made = 1
        layer_of = {"gd": "gd"}
        queue, qi = ["gd"], 0
        by_layer: dict = {"cd": [], "dd": [], "tm": [], "staff": []}
        while made < budget and qi < len(queue):
            boss = queue[qi]
            qi += 1
            child = self.NEXT[layer_of[boss]]
            lo, hi = self.SPANS[child]
            span = rnd.randint(lo, hi)
            if rnd.random() < 0.03:
                span = rnd.randint(hi + 3, hi + 10)   # the occasional wide span
            for _ in range(span):
                if made >= budget:
                    break
                rid = f"{child}-{len(by_layer[child])}"
                attrs = {"sphere": "official",
                         "fte": rnd.choice(["1", "1", "1", "0.8", "1-2", "0.5-1"])}
                if child in self.LEVEL:
                    attrs["level"] = self.LEVEL[child]
                self.role(rid, self.names[child].format(i=len(by_layer[child])), **attrs)
                g.add_edge(rid, boss, kind="REPORTS_TO", source=src)
                if child in ("cd", "dd", "tm"):
                    g.add_edge(boss, rid, kind="MANDATES", source=src,
                               scope=self.names["scope"])
                by_layer[child].append(rid)
                layer_of[rid] = child
                queue.append(rid)
                made += 1
        return by_layer

    def matrix_lines(self, tms, dds, boss_of) -> None:
        """About 2% of team managers answer to a second deputy director."""
        for tm in tms:
            if len(dds) > 1 and self.rnd.random() < 0.02:
                other = self.rnd.choice([d for d in dds if d != boss_of[tm]])
                self.g.add_edge(tm, other, kind="REPORTS_TO", source=self.src, note="matrix")

    def teams_and_portfolios(self, cds, dds, tms, boss_of) -> None:
        g, src, rnd, names = self.g, self.src, self.rnd, self.names
        for dd in dds:
            g.add_node(f"cluster-{dd}", kind="Team", name=names["cluster"].format(of=dd),
                       team_kind="cluster", source=src)
            g.add_edge(dd, f"cluster-{dd}", kind="LEADS", source=src)
        for tm in tms:
            g.add_node(f"team-{tm}", kind="Team", name=names["team"].format(of=tm),
                       team_kind="team", source=src)
            g.add_edge(tm, f"team-{tm}", kind="LEADS", source=src)
            g.add_edge(f"team-{tm}", f"cluster-{boss_of[tm]}", kind="MEMBER_OF", source=src)
        for h in ["gd"] + cds:
            pf = f"pf-{h}"
            g.add_node(pf, kind="Portfolio", name=names["portfolio"].format(of=h), source=src)
            g.add_edge(h, pf, kind="HOLDS", source=src)
            for i in range(rnd.randint(1, 4)):
                t = f"topic-{h}-{i}"
                g.add_node(t, kind="Topic", name=names["theme"].format(i=i, of=h), source=src)
                g.add_edge(pf, t, kind="COVERS", source=src,
                           category=rnd.choice(["operations", "corporate theme"]))
        for dd in dds:
            g.add_edge(f"pf-{boss_of[dd]}", f"cluster-{dd}", kind="COVERS", source=src,
                       category="team-connecting")

    def partners_and_commissions(self, n_roles, aldermen, cds, dds, workers, boss_of) -> None:
        g, src, rnd = self.g, self.src, self.rnd
        kinds = ["shared service", "market", "institution", "citizens", "regional body"]
        partners = [f"partner-{i}" for i in range(max(2, n_roles // 250))]
        for i, p in enumerate(partners):
            g.add_node(p, kind="Partner", name=self.names["partner"].format(i=i),
                       partner_kind=rnd.choice(kinds), source=src)
        dds_of: dict = {}
        for dd in dds:
            dds_of.setdefault(boss_of[dd], []).append(dd)
        for i in range(max(3, n_roles // 20)):
            c = f"com-{i}"
            ck = rnd.choice(["process", "programme", "project", "development task",
                             "budget programme", "agreement"])
            crit = rnd.sample(_CRIT, rnd.randint(0, 6))
            extra: dict[str, object] = {"criteria": crit} if crit else {}
            g.add_node(c, kind="Commission", name=self.names["commission"].format(i=i),
                       commission_kind=ck, executive=len(crit) >= 3 and rnd.random() < 0.8,
                       source=src, **extra)
            owner = rnd.choice(cds or ["gd"])
            g.add_edge(rnd.choice(aldermen), c, kind="COMMISSIONS", capacity="political",
                       source=src)
            g.add_edge(owner, c, kind="COMMISSIONS", capacity="official", budget_holder=True,
                       source=src)
            g.add_edge(f"pf-{owner}", c, kind="COVERS", source=src,
                       category="projects" if ck == "project" else "programmatic")
            if dds_of.get(owner) and rnd.random() < 0.3:
                g.add_edge(rnd.choice(dds_of[owner]), c, kind="COMMISSIONS",
                           capacity="official", delegated=True, source=src)
            if ck == "agreement":
                p = rnd.choice(partners)
                g.add_edge(c, p, kind="ASSIGNED_TO", source=src)
                # One contract per role and partner, however many agreements
                # run through it (the same edge twice does not validate).
                if not any(d["kind"] == "CONTRACTS"
                           for d in (g.get_edge_data(owner, p, default={}) or {}).values()):
                    g.add_edge(owner, p, kind="CONTRACTS", source=src)
            else:
                g.add_edge(c, rnd.choice(workers), kind="ASSIGNED_TO", source=src)

    def defects(self, aldermen, staff, workers) -> None:
        """A sprinkling of defects for ``orgmodel check`` to find."""
        g, src, rnd = self.g, self.src, self.rnd
        coms = [n for n, k in g.nodes(data="kind") if k == "Commission"]
        for c in rnd.sample(coms, max(1, len(coms) // 100)):      # R2: no political commissioner
            for u, v, k, d in list(g.in_edges(c, keys=True, data=True)):
                if d["kind"] == "COMMISSIONS" and d["capacity"] == "political":
                    g.remove_edge(u, v, k)
        orphan = f"com-{len(coms)}"                               # R3: work without commission
        g.add_node(orphan, kind="Commission", name=self.names["orphan"],
                   commission_kind="process", source=src)
        g.add_edge(orphan, rnd.choice(workers), kind="ASSIGNED_TO", source=src)
        if staff:                                                 # R1: only superior political
            s = rnd.choice(staff)
            for u, v, k, d in list(g.out_edges(s, keys=True, data=True)):
                if d["kind"] == "REPORTS_TO":
                    g.remove_edge(u, v, k)
            g.add_edge(s, rnd.choice(aldermen), kind="REPORTS_TO", source=src)


def _municipality_manifest(name, n_roles, seed, language: str = "en") -> dict:
    criteria = _CRITERIA_NL if language == "nl" else _CRITERIA
    return {
        "name": name or _NAMES[language]["name"].format(n=n_roles),
        **({"language": language} if language != "en" else {}),
        "sources": {"synth": f"orgmodel synth --roles {n_roles} --seed {seed}"},
        "rules": ["R1", "R2", "R3", "R4", "R5", "R7", "R10"],
        "escalation": {"forbidden_spheres": ["political"], "ends_at": ["gd"],
                       "routes": {"line": [{"edge": "REPORTS_TO", "rule": N_("the line")}],
                                  "commission": [
                                      {"edge": "COMMISSIONS", "capacity": "official",
                                       "delegated": True, "rule": N_("delegated commissioner")},
                                      {"edge": "MANDATES", "rule": N_("back to the mandator")},
                                      {"edge": "COMMISSIONS", "capacity": "official",
                                       "delegated": False, "rule": N_("official commissioner")},
                                      {"edge": "REPORTS_TO", "rule": N_("the line")}]}},
        "layering": {"target_depth": 3},
        "span": {"max": 12},
        "executive_commission_threshold": 3,
        "criteria": {k: {"text": v, "set": "executive commission"}
                     for k, v in criteria.items()},
    }


def _shape_manifest(name, source):
    return {
        "name": name, "sources": {"synth": source}, "rules": ["R1"],
        "escalation": {"forbidden_spheres": ["political"], "routes": {
            "line": [{"edge": "REPORTS_TO", "rule": N_("the line")}],
            "commission": [{"edge": "COMMISSIONS", "capacity": "official",
                            "rule": N_("the official commissioner")},
                           {"edge": "REPORTS_TO", "rule": N_("the line")}]}},
    }


def _shape_role(g, rid, level=None):
    attrs = {"level": level} if level else {}
    g.add_node(rid, kind="Post", name=f"Post {rid}", sphere="official", source="synth",
               **attrs)


def chain(depth: int, loop_at: int | None = None, name: str | None = None) -> OrgModel:
    """A line ``depth`` roles deep: ``r1`` reports to ``r0``, ``r2`` to ``r1`` ...

    With ``loop_at`` the top ``r0`` reports to ``r{loop_at}``, so the line runs
    in a loop from there up.  Every tenth role carries out a commission whose
    official commissioner is the role five levels up (the commission route).

    Examples
    --------
    >>> org = chain(100)
    >>> len(org.ids("Post")), org.graph.has_edge("r99", "r98")
    (100, True)
    """
    g = nx.MultiDiGraph()
    for i in range(depth):
        _shape_role(g, f"r{i}")
        if i:
            g.add_edge(f"r{i}", f"r{i - 1}", kind="REPORTS_TO", source="synth")
    for i in range(10, depth, 10):
        c = f"c{i}"
        g.add_node(c, kind="Commission", name=f"Commission {i}", commission_kind="project",
                   source="synth")
        g.add_edge(f"r{i - 5}", c, kind="COMMISSIONS", capacity="official", source="synth")
        g.add_edge(c, f"r{i}", kind="ASSIGNED_TO", source="synth")
    if loop_at is not None:
        g.add_edge("r0", f"r{loop_at}", kind="REPORTS_TO", source="synth")
    return OrgModel(g, _shape_manifest(name or f"Chain {depth}",
                                       f"orgmodel synth --shape chain --roles {depth}"))


def matrix(levels: int, width: int = 2, name: str | None = None) -> OrgModel:
    """``levels`` levels of ``width`` roles, each reporting to every role of
    the level above: ``width ** (levels - 1)`` routes from each bottom role.

    Examples
    --------
    >>> from orgmodel.escalation import route_graph
    >>> rg = route_graph(matrix(25), "line")
    >>> rg.summary("m24-0").routes == 2 ** 24
    True
    """
    g = nx.MultiDiGraph()
    for lv in range(levels):
        for j in range(width):
            _shape_role(g, f"m{lv}-{j}")
            if lv:
                for k in range(width):
                    g.add_edge(f"m{lv}-{j}", f"m{lv - 1}-{k}", kind="REPORTS_TO",
                               source="synth")
    return OrgModel(g, _shape_manifest(name or f"Matrix {levels}x{width}",
                                       f"orgmodel synth --shape matrix --roles {levels * width}"))


#: The shapes ``orgmodel synth --shape`` writes: name -> (roles -> OrgModel).
SHAPES = {
    "municipality": lambda n, seed, language="en": synthesize(n, seed, language=language),
    "chain": lambda n, seed, language="en": chain(n),
    "matrix": lambda n, seed, language="en": matrix(max(1, n // 2)),
}
