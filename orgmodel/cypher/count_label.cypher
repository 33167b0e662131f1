// Nodes of one label of $org and the edges that start at them: a push counts
// what it wrote with these, inside its transaction, before it commits.
MATCH (n:{label} {org: $org})
OPTIONAL MATCH (n)-[r]->()
WHERE r.org = $org
RETURN count(DISTINCT n) AS nodes, count(r) AS edges
