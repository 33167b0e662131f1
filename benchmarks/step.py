"""One benchmark step in a fresh process: prints {"seconds", "peak_mb", ...} as JSON.

Run by benchmarks/run.py; a fresh process per step makes the peak memory
(ru_maxrss) that step's own, model included.
"""
import gc
import json
import resource
import sys
import time
from pathlib import Path

import orgmodel
from orgmodel.escalation import (
    Route,
    Step,
    escalate,
    escalation_load,
    escalation_policy,
    route_graph,
)
from orgmodel.synth import chain, matrix, synthesize

gc.disable()    # as the command line does (orgmodel._perf)


def per_role_baseline(org, sample=None):
    """The baseline: the same line routes (same steps, rules and outcomes),
    computed one role at a time by a fresh depth-first search over the
    networkx graph, following the same policy."""
    policy = escalation_policy(org)
    climbs = policy.routes["line"].climbs
    forbidden, ends = set(policy.forbidden_spheres), set(policy.ends_at)
    g = org.graph

    def search(start):
        routes = []
        stack = [(start, (), frozenset([start]))]
        while stack:
            x, steps, seen = stack.pop()
            if x in ends:
                routes.append(Route(steps, "top"))
                continue
            ok, blocked = [], []
            for climb in climbs:
                cands = {}
                for _, v, d in g.out_edges(x, data=True):
                    if d["kind"] == climb.edge and v != x and g.nodes[v].get("kind") == "Role" \
                            and climb.matches(d):
                        cands.setdefault(v, d)
                for v in cands:
                    step = Step(v, climb.edge, climb.rule)
                    (blocked if g.nodes[v].get("sphere") in forbidden else ok).append(step)
                if ok or blocked:
                    break
            if not ok and not blocked:
                routes.append(Route(steps, "top" if not ends else "dead_end"))
                continue
            routes += [Route(steps, "forbidden", b) for b in blocked]
            for s in reversed(ok):
                if s.id in seen:
                    routes.append(Route(steps + (s,), "loop"))
                else:
                    stack.append((s.id, steps + (s,), seen | {s.id}))
        return routes

    roles = [r for r in org.ids("Role") if g.nodes[r].get("sphere") not in forbidden]
    todo = roles[:sample] if sample else roles
    return {r: search(r) for r in todo}, len(todo), len(roles)


QUICK = {
    "escalation": lambda org, extra: route_graph(org, "line"),
    "layering_span": lambda org, extra: (orgmodel.layering(org), orgmodel.span_of_control(org)),
    "partners": lambda org, extra: orgmodel.partner_network(org),
    "html_focus": lambda org, extra: orgmodel.write_html(org, Path(extra["out"]),
                                                         focus="cd-0", depth=2),
}


SHAPES = {"matrix": lambda n: matrix(n // 2), "chain": chain,
          "municipality": lambda n: synthesize(n, seed=0)}


def peak_mb():
    """This process's peak resident memory.  VmHWM, not ru_maxrss: on Linux
    ru_maxrss survives exec, so a step would report the size of the
    benchmark driver that started it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_role(org, role):
    rid, rg = escalate(org, role)
    return rg.record(rid), [rg.route_record(r) for r in rg.routes(rid, 20)]


def shape_step(kind, n, what, role):
    """Escalation on a shape built in this process (a model as loaded): one
    role's answer, every role's summary, or the escalation load."""
    org = SHAPES[kind](n)
    t = time.perf_counter()
    if what == "one":
        rec, paths = one_role(org, role)
        extra = {"routes": rec["routes"], "shown": len(paths)}
    elif what == "all":
        recs = route_graph(org, "line").compact_records()
        extra = {"roles": len(recs)}
    elif what == "summaries":
        rg = route_graph(org, "line")
        extra = {"roles": len(rg._summary)}
    else:
        load = escalation_load(org, "line")
        extra = {"rows": len(load)}
    return {"seconds": time.perf_counter() - t, **extra}


def _per_row(org):
    """The node rows per label and edge rows per (type, from, to label) of ``org``."""
    from orgmodel.store import uid
    from orgmodel.versions import snapshot
    snap, name = snapshot(org), org.name
    nodes, edges = {}, {}
    for n, (label, props) in snap.nodes.items():
        nodes.setdefault(label, []).append(
            {"org": name, "id": n, "props": {**props, "org": name, "id": n, "uid": uid(name, n)}})
    for key, (kind, u, v, props) in snap.edges.items():
        edges.setdefault((kind, snap.nodes[u][0], snap.nodes[v][0]), []).append(
            {"src": uid(name, u), "dst": uid(name, v), "uid": uid(name, key),
             "props": {**props, "org": name, "uid": uid(name, key)}})
    return nodes, edges


def main():
    step, folder = sys.argv[1], Path(sys.argv[2])
    extra = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
    out = {}
    if step == "shape":
        out = shape_step(extra["kind"], extra["n"], extra["what"], extra.get("role"))
    elif step == "load":
        t = time.perf_counter()
        org = orgmodel.load(folder)
        out["seconds"] = time.perf_counter() - t
    else:
        org = orgmodel.load(folder)
        t = time.perf_counter()
        if step in QUICK:
            # Steps of a second or less: best of three, as timeit does, so the
            # 100k/10k ratio measures the algorithm rather than one stray pause.
            best = None
            for _ in range(3):
                t = time.perf_counter()
                QUICK[step](org, extra)
                took = time.perf_counter() - t
                best = took if best is None else min(best, took)
            out["seconds"], out["repeats"] = best, 3
        elif step == "escalation_per_role":
            found, done, total = per_role_baseline(org, extra.get("sample"))
            out["seconds"] = time.perf_counter() - t
            out["sampled"], out["roles"] = done, total
            out["routes"] = sum(len(v) for v in found.values())
            # the baseline must compute the same thing: compare with the route graph
            rg = route_graph(org, "line")
            out["same_routes"] = all(
                sorted((r.ids, r.outcome) for r in found[x])
                == sorted((r.ids, r.outcome) for r in rg.routes(x, None)) for x in found)
        elif step == "report":
            orgmodel.write_report(org, Path(extra["out"]))
        elif step in ("push", "push_per_row", "pull"):
            from orgmodel.store import connect, pull_model, push
            with connect() as store:
                if step == "pull":
                    t = time.perf_counter()
                    pulled = pull_model(store, org.name)
                    out["seconds"] = time.perf_counter() - t
                    out["equal"] = pulled == org
                elif step == "push":
                    t = time.perf_counter()
                    res = push(store, org, batch_size=extra.get("batch", 1000))
                    out["seconds"] = time.perf_counter() - t
                    out["rows"] = res["nodes"] + res["edges"]
                else:
                    # The naive way on a sample: one auto-committed MERGE per row.
                    from orgmodel.store import cypher, ensure_schema
                    keep = list(org.graph)[:extra["sample"]]
                    sub = orgmodel.OrgModel(org.graph.subgraph(keep).copy(),
                                            {**org.manifest, "name": org.name + " per-row"})
                    nodes, edges = _per_row(sub)
                    ensure_schema(store)
                    t = time.perf_counter()
                    rows = 0
                    with store.driver.session(database=store.database) as session:
                        for label, rs in nodes.items():
                            q = cypher("merge_node", label=label)
                            for r in rs:
                                session.run(q, org=r["org"], id=r["id"], props=r["props"]).consume()
                                rows += 1
                        for (kind, src, dst), rs in edges.items():
                            q = cypher("merge_edge", type=kind, src=src, dst=dst)
                            for r in rs:
                                session.run(q, src=r["src"], dst=r["dst"], uid=r["uid"],
                                            props=r["props"]).consume()
                                rows += 1
                    out["seconds"] = time.perf_counter() - t
                    out["rows"] = rows
        else:
            raise SystemExit(f"unknown step {step}")
        out.setdefault("seconds", time.perf_counter() - t)
    out["peak_mb"] = peak_mb()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
