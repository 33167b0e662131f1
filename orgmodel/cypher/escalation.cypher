// Line escalation routes (REPORTS_TO) of every role of $org, or of $role, at any depth.
// Parameters: $org, $role (null for all), $forbidden (spheres never a next step),
// $ends_at (role ids where routes end at the top), $end_spheres (spheres where they
// end at the top).  Same routes as orgmodel.RouteGraph(org, "line").routes(role, None):
// outcomes top, forbidden, dead_end and loop (a route ends at the first role it
// reaches that lies on a loop of the line).  Every route is listed: in a dense matrix
// their number doubles per level, so ask for one $role there.
OPTIONAL MATCH (n:Role {org: $org})
WHERE NOT coalesce(n.sphere, '') IN $forbidden + $end_spheres AND NOT n.id IN $ends_at
  AND EXISTS {
    MATCH q = (n)-[:REPORTS_TO*1..]->(n)
    WHERE ALL(x IN nodes(q) WHERE NOT coalesce(x.sphere, '') IN $forbidden + $end_spheres
                              AND NOT x.id IN $ends_at)
  }
WITH collect(n.id) AS looped
MATCH (s:Role {org: $org})
WHERE NOT coalesce(s.sphere, '') IN $forbidden AND ($role IS NULL OR s.id = $role)
MATCH p = (s)-[:REPORTS_TO*0..]->(t:Role)
WHERE ALL(x IN tail(nodes(p)) WHERE NOT coalesce(x.sphere, '') IN $forbidden)
  AND NONE(x IN nodes(p)[0..-1] WHERE x.id IN $ends_at OR x.id IN looped
                                   OR coalesce(x.sphere, '') IN $end_spheres)
OPTIONAL MATCH (t)-[:REPORTS_TO]->(u:Role)
WITH looped, s, p, t, collect(u) AS ups
WITH looped, s, p, t, t.id IN $ends_at OR coalesce(t.sphere, '') IN $end_spheres AS at_top,
     [u IN ups WHERE NOT coalesce(u.sphere, '') IN $forbidden] AS ok,
     [u IN ups WHERE coalesce(u.sphere, '') IN $forbidden] AS bad
WHERE at_top OR t.id IN looped OR size(ok) = 0
WITH s, p, CASE WHEN at_top THEN 'top'
                WHEN t.id IN looped THEN 'loop'
                WHEN size(bad) > 0 THEN 'forbidden'
                WHEN size($ends_at) + size($end_spheres) = 0 THEN 'top'
                ELSE 'dead_end' END AS outcome, bad
RETURN s.id AS from, [x IN tail(nodes(p)) | x.id] AS ids, outcome,
       CASE WHEN outcome = 'forbidden' THEN [u IN bad | u.id] ELSE [] END AS blocked
ORDER BY from, ids
