// The route graph of one route kind of $org, derived by orgmodel.RouteGraph from the
// policy in org.yaml and written by every push (after the model's own nodes and edges,
// which it leaves alone; a pull does not read it back).  One edge per role and next
// step; blocked: true for a candidate the policy forbids.
UNWIND $rows AS row
MATCH (a:Role {uid: row.src})
MATCH (b:Role {uid: row.dst})
CREATE (a)-[:ESCALATES_TO {org: $org, route: $route, via: row.via, rule: row.rule,
                           blocked: row.blocked}]->(b)
