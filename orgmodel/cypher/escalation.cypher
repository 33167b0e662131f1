// Line escalation routes (REPORTS_TO) of every role of $org, or of $role.
// Parameters: $org, $role (null for all), $forbidden (spheres never on a route),
// $ends_at (role ids where a route ends at the top).  Same outcomes as
// orgmodel.escalation_routes(org, "line"): top, forbidden, dead_end.
MATCH p = (s:Role {org: $org})-[:REPORTS_TO*0..50]->(t:Role)
WHERE NOT coalesce(s.sphere, '') IN $forbidden
  AND ($role IS NULL OR s.id = $role)
  AND ALL(n IN nodes(p) WHERE NOT coalesce(n.sphere, '') IN $forbidden)
  AND NONE(n IN nodes(p)[0..size(nodes(p)) - 1] WHERE n.id IN $ends_at)
OPTIONAL MATCH (t)-[:REPORTS_TO]->(u:Role)
WITH s, p, t, collect(u) AS ups
WITH s, p, t, [u IN ups WHERE NOT coalesce(u.sphere, '') IN $forbidden] AS ok,
     [u IN ups WHERE coalesce(u.sphere, '') IN $forbidden] AS bad
WHERE t.id IN $ends_at OR size(ok) = 0
RETURN s.id AS from, [n IN tail(nodes(p)) | n.id] AS ids,
       CASE WHEN t.id IN $ends_at THEN 'top'
            WHEN size(bad) > 0 THEN 'forbidden'
            WHEN size($ends_at) = 0 THEN 'top'
            ELSE 'dead_end' END AS outcome,
       CASE WHEN t.id IN $ends_at THEN [] ELSE [u IN bad | u.id] END AS blocked
ORDER BY from, ids
