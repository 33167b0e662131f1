// Management layer of every post of $org (R6), at any depth: steps down the line,
// where a step between two roles of the same level stays in one layer; a matrix role
// takes its deepest layer.  Only posts count (not political, not external, not a
// placeholder top post), as orgmodel.layering(org.on($date)); $date (YYYY-MM-DD)
// leaves out roles and lines outside their valid_from / valid_to, null for all.
// Posts on or below a loop of the line get no layer.
OPTIONAL MATCH q = (n:Post {org: $org})-[:REPORTS_TO*1..]->(n)
WHERE ALL(x IN nodes(q) WHERE coalesce(x.sphere, '') <> 'political'
                          AND NOT coalesce(x.external, false)
                          AND NOT coalesce(x.placeholder, false)
                          AND ($date IS NULL OR (coalesce(x.valid_from, '') <= $date
                               AND (x.valid_to IS NULL OR $date <= x.valid_to))))
  AND ALL(r IN relationships(q) WHERE $date IS NULL OR (coalesce(r.valid_from, '') <= $date
                                  AND (r.valid_to IS NULL OR $date <= r.valid_to)))
WITH collect(DISTINCT n.id) AS looped
MATCH (r:Post {org: $org})
WHERE NOT EXISTS {
    MATCH b = (r)-[:REPORTS_TO*0..]->(x:Post)
    WHERE x.id IN looped
      AND ALL(y IN nodes(b) WHERE coalesce(y.sphere, '') <> 'political'
                              AND NOT coalesce(y.external, false)
                              AND NOT coalesce(y.placeholder, false)
                              AND ($date IS NULL OR (coalesce(y.valid_from, '') <= $date
                                   AND (y.valid_to IS NULL OR $date <= y.valid_to))))
      AND ALL(e IN relationships(b) WHERE $date IS NULL OR (coalesce(e.valid_from, '') <= $date
                                      AND (e.valid_to IS NULL OR $date <= e.valid_to)))
  }
MATCH p = (r)-[:REPORTS_TO*0..]->(root:Post)
WHERE ALL(n IN nodes(p) WHERE coalesce(n.sphere, '') <> 'political' AND NOT n.id IN looped
                          AND NOT coalesce(n.external, false)
                          AND NOT coalesce(n.placeholder, false)
                          AND ($date IS NULL OR (coalesce(n.valid_from, '') <= $date
                               AND (n.valid_to IS NULL OR $date <= n.valid_to))))
  AND ALL(e IN relationships(p) WHERE $date IS NULL OR (coalesce(e.valid_from, '') <= $date
                                  AND (e.valid_to IS NULL OR $date <= e.valid_to)))
OPTIONAL MATCH (root)-[ue:REPORTS_TO]->(up:Post)
WHERE NOT coalesce(up.external, false) AND NOT coalesce(up.placeholder, false)
  AND ($date IS NULL OR (coalesce(ue.valid_from, '') <= $date
                         AND (ue.valid_to IS NULL OR $date <= ue.valid_to)
                         AND coalesce(up.valid_from, '') <= $date
                         AND (up.valid_to IS NULL OR $date <= up.valid_to)))
WITH r, p, [u IN collect(up) WHERE coalesce(u.sphere, '') <> 'political'] AS ups
WHERE size(ups) = 0
WITH r, size(nodes(p)) AS steps, reduce(l = 1, i IN range(1, size(nodes(p)) - 1) |
       l + CASE WHEN nodes(p)[i - 1].level IS NOT NULL
                 AND nodes(p)[i - 1].level = nodes(p)[i].level THEN 0 ELSE 1 END) AS layer
WITH r, max(layer) AS layer, max(steps) AS reach
// A post with no line above or below it, where the organisation has a line, is
// not placed in it: no layer (as orgmodel.layering).
WHERE reach > 1
   OR EXISTS { MATCH (c:Post)-[:REPORTS_TO]->(r)
               WHERE coalesce(c.sphere, '') <> 'political' AND NOT coalesce(c.external, false) }
   OR NOT EXISTS { MATCH (:Post {org: $org})-[:REPORTS_TO]->(:Post) }
RETURN r.id AS id, layer
ORDER BY id
