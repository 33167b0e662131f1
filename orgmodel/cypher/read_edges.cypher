// Every edge of one type from nodes of one label of $org, as one list of
// [from id, to id, properties] in one record (see read_nodes.cypher).
// {type}, {src}: the schema's.
MATCH (a:{src} {org: $org})-[r:{type}]->(b)
RETURN collect([a.id, b.id, properties(r)]) AS rows
