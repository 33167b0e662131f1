// Nodes of one label of $org by their ids (the index on org and id finds
// them).  {label}: from orgmodel.schema.NODE_KINDS.
UNWIND $ids AS key
MATCH (n:{label} {org: $org, id: key})
RETURN properties(n) AS props
ORDER BY n.seq
