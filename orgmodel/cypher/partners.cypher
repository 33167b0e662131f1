// Each partner of $org with the commissions assigned to it and their official commissioners.
MATCH (p:Partner {org: $org})
OPTIONAL MATCH (c:Commission)-[:ASSIGNED_TO]->(p)
OPTIONAL MATCH (r)-[k:COMMISSIONS]->(c)
WHERE k.capacity = 'official' AND (r:Post OR r:Role)
RETURN p.id AS id, p.name AS name, collect(DISTINCT c.id) AS commissions,
       collect(DISTINCT r.id) AS official_commissioners
ORDER BY id
