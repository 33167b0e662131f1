// Who holds the posts of one label of $org among $ids (HOLDS into them).
// {label}: from orgmodel.schema.NODE_KINDS.
UNWIND $ids AS key
MATCH (a)-[r:HOLDS]->(p:{label} {org: $org, id: key})
WHERE r.org = $org
RETURN a.id AS src, labels(a)[0] AS src_kind, p.id AS dst, labels(p)[0] AS dst_kind,
       properties(r) AS props
ORDER BY r.seq
