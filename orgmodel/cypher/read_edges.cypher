// Every edge of the given types from nodes of one label of $org, as one list
// of [from id, to id, type, properties] in one record (see read_nodes.cypher).
// {src}: the schema's; $types: the edge types whose sources include it.  One
// query per label, not per type and label: a first read after the server
// started planned 38 queries, and its planning was about 1.3 s of it.
MATCH (a:{src} {org: $org})-[r]->(b)
WHERE type(r) IN $types
RETURN collect([a.id, b.id, type(r), properties(r)]) AS rows
