// Line escalation routes (REPORTS_TO) of every role of $org, or of $role, at any depth.
// Parameters: $org, $role (null for all), $forbidden (spheres never a next step),
// $ends_at (role ids where routes end at the top), $end_spheres (spheres where they
// end at the top), $date (YYYY-MM-DD: roles and lines outside their valid_from /
// valid_to are left out; null for all).  Same routes as
// orgmodel.RouteGraph(org.on($date), "line").routes(role, None): outcomes top,
// external (a role of another organisation), vacant, forbidden, dead_end and loop (a
// route ends at the first role it reaches that lies on a loop of the line).  A
// placeholder top post is never a step.  Every route is listed: in a dense matrix
// their number doubles per level, so ask for one $role there.
OPTIONAL MATCH (n:Post {org: $org})
WHERE NOT coalesce(n.sphere, '') IN $forbidden + $end_spheres AND NOT n.id IN $ends_at
  AND NOT coalesce(n.external, false) AND NOT coalesce(n.placeholder, false)
  AND ($date IS NULL OR (coalesce(n.valid_from, '') <= $date
                         AND (n.valid_to IS NULL OR $date <= n.valid_to)))
  AND EXISTS {
    MATCH q = (n)-[:REPORTS_TO*1..]->(n)
    WHERE ALL(x IN nodes(q) WHERE NOT coalesce(x.sphere, '') IN $forbidden + $end_spheres
                              AND NOT x.id IN $ends_at AND NOT coalesce(x.external, false)
                              AND NOT coalesce(x.placeholder, false)
                              AND ($date IS NULL OR (coalesce(x.valid_from, '') <= $date
                                   AND (x.valid_to IS NULL OR $date <= x.valid_to))))
      AND ALL(r IN relationships(q) WHERE $date IS NULL OR (coalesce(r.valid_from, '') <= $date
                                      AND (r.valid_to IS NULL OR $date <= r.valid_to)))
  }
WITH collect(n.id) AS looped
MATCH (s:Post {org: $org})
WHERE NOT coalesce(s.sphere, '') IN $forbidden AND NOT coalesce(s.external, false)
  AND NOT coalesce(s.placeholder, false) AND ($role IS NULL OR s.id = $role)
  AND ($date IS NULL OR (coalesce(s.valid_from, '') <= $date
                         AND (s.valid_to IS NULL OR $date <= s.valid_to)))
MATCH p = (s)-[:REPORTS_TO*0..]->(t:Post)
WHERE ALL(x IN tail(nodes(p)) WHERE NOT coalesce(x.sphere, '') IN $forbidden
                                AND NOT coalesce(x.placeholder, false)
                                AND ($date IS NULL OR (coalesce(x.valid_from, '') <= $date
                                     AND (x.valid_to IS NULL OR $date <= x.valid_to))))
  AND ALL(r IN relationships(p) WHERE $date IS NULL OR (coalesce(r.valid_from, '') <= $date
                                  AND (r.valid_to IS NULL OR $date <= r.valid_to)))
  AND NONE(x IN nodes(p)[0..-1] WHERE x.id IN $ends_at OR x.id IN looped
                                   OR coalesce(x.sphere, '') IN $end_spheres
                                   OR coalesce(x.external, false))
OPTIONAL MATCH (t)-[e:REPORTS_TO]->(u:Post)
WHERE NOT coalesce(u.placeholder, false)
  AND ($date IS NULL OR (coalesce(e.valid_from, '') <= $date
                         AND (e.valid_to IS NULL OR $date <= e.valid_to)
                         AND coalesce(u.valid_from, '') <= $date
                         AND (u.valid_to IS NULL OR $date <= u.valid_to)))
WITH looped, s, p, t, collect(u) AS ups
WITH looped, s, p, t, t.id IN $ends_at OR coalesce(t.sphere, '') IN $end_spheres AS at_top,
     [u IN ups WHERE NOT coalesce(u.sphere, '') IN $forbidden] AS ok,
     [u IN ups WHERE coalesce(u.sphere, '') IN $forbidden] AS bad
WHERE at_top OR coalesce(t.external, false) OR t.id IN looped OR size(ok) = 0
WITH s, p, CASE WHEN coalesce(t.external, false) THEN 'external'
                WHEN at_top AND coalesce(t.vacant, false) THEN 'vacant'
                WHEN at_top THEN 'top'
                WHEN t.id IN looped THEN 'loop'
                WHEN size(bad) > 0 THEN 'forbidden'
                WHEN coalesce(t.vacant, false) THEN 'vacant'
                WHEN size($ends_at) + size($end_spheres) = 0 THEN 'top'
                ELSE 'dead_end' END AS outcome, bad
RETURN s.id AS from, [x IN tail(nodes(p)) | x.id] AS ids, outcome,
       CASE WHEN outcome = 'forbidden' THEN [u IN bad | u.id] ELSE [] END AS blocked
ORDER BY from, ids
