MATCH (a:{src} {org: $org})-[r:{type}]->(b)
WHERE r.org = $org
RETURN a.id AS src, b.id AS dst, properties(r) AS props
