// One role's routes of route kind $route, read without the rest of $org: the
// role, every node its stored route steps (ESCALATES_TO, written by a push)
// reach, and each one's own steps with their targets (a blocked step's target
// too).  The quantified path pattern keeps to $route's steps as it goes.
// {label}: the role's own (Post or Role); $uid its key, which the uniqueness
// constraint's index finds.
MATCH (s:{label} {uid: $uid})
MATCH (s)((a)-[r:ESCALATES_TO]->(b) WHERE r.route = $route AND NOT r.blocked)*(n)
WITH DISTINCT n
OPTIONAL MATCH (n)-[e:ESCALATES_TO]->(m)
WHERE e.route = $route
RETURN n.id AS id, labels(n)[0] AS kind, properties(n) AS props,
       collect(CASE WHEN m IS NULL THEN NULL ELSE
               {to: m.id, kind: labels(m)[0], props: properties(m), via: e.via, rule: e.rule,
                blocked: e.blocked, temporary: coalesce(e.temporary, false),
                rank: e.rank} END) AS steps
