// Nodes of one label of $org and the model's edges that start at them (not
// the derived route steps): a push counts what it wrote with these, inside
// its transaction, before it commits.  An edge of an organisation's node is
// always one of its own (a push writes none across organisations), so its
// type alone is read, not its properties: at 100,000 roles a third of the time.
MATCH (n:{label} {org: $org})
OPTIONAL MATCH (n)-[r]->()
WHERE type(r) <> 'ESCALATES_TO'
RETURN count(DISTINCT n) AS nodes, count(r) AS edges
