// One role's routes of route kind $route, read without the rest of $org: the
// role, every node its route steps reach, and each one's own steps with their
// targets (a blocked step's target too).  A step is an ESCALATES_TO edge a
// push stored, or, from a node whose line_routes mark holds $line
// (",<route kind>,"), its REPORTS_TO edge, under the route kind's line rule
// $line_rule (see orgmodel.store.LINE_ROUTES).  The quantified path pattern
// keeps to $route's steps as it goes.  {label}: the role's own (Post or Role);
// $uid its key, which the uniqueness constraint's index finds.
MATCH (s:{label} {uid: $uid})
MATCH (s)((a)-[r:ESCALATES_TO|REPORTS_TO]->(b)
          WHERE (type(r) = 'ESCALATES_TO' AND r.route = $route AND NOT r.blocked)
             OR (type(r) = 'REPORTS_TO' AND a.line_routes CONTAINS $line))*(n)
WITH DISTINCT n
OPTIONAL MATCH (n)-[e:ESCALATES_TO|REPORTS_TO]->(m)
WHERE (type(e) = 'ESCALATES_TO' AND e.route = $route)
   OR (type(e) = 'REPORTS_TO' AND n.line_routes CONTAINS $line)
WITH n, m, e, type(e) = 'REPORTS_TO' AS line
RETURN n.id AS id, labels(n)[0] AS kind, properties(n) AS props,
       collect(CASE WHEN m IS NULL THEN NULL ELSE
               {to: m.id, kind: labels(m)[0], props: properties(m),
                via: CASE WHEN line THEN 'REPORTS_TO' ELSE e.via END,
                rule: CASE WHEN line THEN $line_rule ELSE e.rule END,
                blocked: CASE WHEN line THEN false ELSE e.blocked END,
                temporary: CASE WHEN line THEN false ELSE coalesce(e.temporary, false) END,
                rank: CASE WHEN line THEN 0 ELSE e.rank END} END) AS steps
