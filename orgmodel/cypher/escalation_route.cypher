// Escalation routes (of posts and roles) of any route kind $route of $org (line, commission, ...), or of
// $role, at any depth, over the route graph a push stores: ESCALATES_TO edges from
// each role to its next steps under the organisation's policy (blocked: true for a
// candidate the policy forbids), and, from a node whose line_routes mark holds
// $line (",<route kind>,"), its REPORTS_TO edge as a step under the rule $line_rule
// (see orgmodel.store.LINE_ROUTES).  Parameters: $org, $route, $role (null for all),
// $forbidden, $ends_at, $end_spheres, $line, $line_rule (that route kind's, from org.yaml).
// Steps may pass a collective body (Body).  Same routes as
// orgmodel.RouteGraph(org, $route).routes(role, None).
OPTIONAL MATCH (n {org: $org})
WHERE (n:Post OR n:Role OR n:Body) AND EXISTS {
    MATCH (n)((a)-[r:ESCALATES_TO|REPORTS_TO]->(b)
              WHERE (type(r) = 'ESCALATES_TO' AND r.route = $route AND NOT r.blocked)
                 OR (type(r) = 'REPORTS_TO' AND a.line_routes CONTAINS $line))+(n)
  }
WITH collect(n.id) AS looped
MATCH (s {org: $org})
WHERE (s:Post OR s:Role) AND NOT coalesce(s.sphere, '') IN $forbidden AND NOT coalesce(s.external, false)
  AND NOT coalesce(s.placeholder, false) AND ($role IS NULL OR s.id = $role)
// A quantified path pattern: the route filter applies to each step as it is taken.
MATCH p = (s)((a)-[r:ESCALATES_TO|REPORTS_TO]->(b)
               WHERE (type(r) = 'ESCALATES_TO' AND r.route = $route AND NOT r.blocked)
                  OR (type(r) = 'REPORTS_TO' AND a.line_routes CONTAINS $line))*(t)
WHERE NONE(x IN nodes(p)[0..-1] WHERE x.id IN looped)
OPTIONAL MATCH (t)-[e:ESCALATES_TO|REPORTS_TO]->(u)
WHERE (type(e) = 'ESCALATES_TO' AND e.route = $route)
   OR (type(e) = 'REPORTS_TO' AND t.line_routes CONTAINS $line)
WITH looped, s, p, t, [x IN collect({u: u, blocked: type(e) = 'ESCALATES_TO' AND e.blocked})
                       WHERE x.u IS NOT NULL] AS ups
WITH looped, s, p, t, t.id IN $ends_at OR coalesce(t.sphere, '') IN $end_spheres AS at_top,
     [x IN ups WHERE NOT x.blocked | x.u] AS ok, [x IN ups WHERE x.blocked | x.u] AS bad
WHERE at_top OR coalesce(t.external, false) OR t.id IN looped OR size(ok) = 0
WITH s, p, CASE WHEN coalesce(t.external, false) THEN 'external'
                WHEN at_top AND coalesce(t.vacant, false) THEN 'vacant'
                WHEN at_top THEN 'top'
                WHEN t.id IN looped THEN 'loop'
                WHEN size(bad) > 0 THEN 'forbidden'
                WHEN coalesce(t.vacant, false) THEN 'vacant'
                WHEN t:Role THEN 'unplayed'
                WHEN size($ends_at) + size($end_spheres) = 0 THEN 'top'
                ELSE 'dead_end' END AS outcome, bad
RETURN s.id AS from, [x IN tail(nodes(p)) | x.id] AS ids, outcome,
       CASE WHEN outcome = 'forbidden' THEN [u IN bad | u.id] ELSE [] END AS blocked
ORDER BY from, ids
