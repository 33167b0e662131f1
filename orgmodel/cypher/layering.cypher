// Management layer of every official role of $org (R6), at any depth: steps down
// the official line, where a step between two roles of the same level stays in one
// layer; a matrix role takes its deepest layer.  Roles on or below a loop of the line
// get no layer (as orgmodel.layering).
OPTIONAL MATCH q = (n:Role {org: $org})-[:REPORTS_TO*1..]->(n)
WHERE ALL(x IN nodes(q) WHERE coalesce(x.sphere, '') <> 'political')
WITH collect(DISTINCT n.id) AS looped
MATCH (r:Role {org: $org})
WHERE NOT EXISTS {
    MATCH b = (r)-[:REPORTS_TO*0..]->(x:Role)
    WHERE x.id IN looped AND ALL(y IN nodes(b) WHERE coalesce(y.sphere, '') <> 'political')
  }
MATCH p = (r)-[:REPORTS_TO*0..]->(root:Role)
WHERE ALL(n IN nodes(p) WHERE coalesce(n.sphere, '') <> 'political' AND NOT n.id IN looped)
OPTIONAL MATCH (root)-[:REPORTS_TO]->(up:Role)
WITH r, p, [u IN collect(up) WHERE coalesce(u.sphere, '') <> 'political'] AS ups
WHERE size(ups) = 0
WITH r, reduce(l = 1, i IN range(1, size(nodes(p)) - 1) |
       l + CASE WHEN nodes(p)[i - 1].level IS NOT NULL
                 AND nodes(p)[i - 1].level = nodes(p)[i].level THEN 0 ELSE 1 END) AS layer
RETURN r.id AS id, max(layer) AS layer
ORDER BY id
