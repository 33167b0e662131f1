// Nodes of one label of $org and the model's edges that start at them (not
// the derived route steps).  A push into nothing (a first push) looks with
// these, inside its transaction, that nothing of $org is there before it
// writes; what it writes it checks by the server's own counts.  An edge of an
// organisation's node is always one of its own (a push writes none across
// organisations), so its type alone is read, not its properties.
MATCH (n:{label} {org: $org})
OPTIONAL MATCH (n)-[r]->()
WHERE type(r) <> 'ESCALATES_TO'
RETURN count(DISTINCT n) AS nodes, count(r) AS edges
