// The route graph of one route kind of $org, derived by orgmodel.RouteGraph from the
// policy in org.yaml and written by every push (after the model's own nodes and edges,
// which it leaves alone; a pull does not read it back).  One edge per role and next
// step (a role, or a collective body a route passes), but for a line step (a role's
// one REPORTS_TO edge, marked on the role: see orgmodel.store.LINE_ROUTES); blocked:
// true for a candidate the policy forbids.  {src}, {dst}: the node labels, from the schema's vocabulary.
UNWIND $rows AS row
MATCH (a:{src} {uid: row.src})
MATCH (b:{dst} {uid: row.dst})
CREATE (a)-[:ESCALATES_TO {org: $org, route: $route, via: row.via, rule: row.rule,
                           blocked: row.blocked, temporary: row.temporary,
                           rank: row.rank}]->(b)
