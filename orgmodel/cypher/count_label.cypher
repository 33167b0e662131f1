// Nodes of one label of $org and the model's edges that start at them (not
// the derived route steps): a push counts what it wrote with these, inside
// its transaction, before it commits.
MATCH (n:{label} {org: $org})
OPTIONAL MATCH (n)-[r]->()
WHERE r.org = $org AND type(r) <> 'ESCALATES_TO'
RETURN count(DISTINCT n) AS nodes, count(r) AS edges
