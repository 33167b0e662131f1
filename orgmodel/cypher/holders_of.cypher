// Who holds the posts of one label of $org among $ids (HOLDS into them).
// {label}: from orgmodel.schema.NODE_KINDS.  The post is matched first, in
// a clause of its own: ArcadeDB otherwise starts from the unlabelled holder
// and walks every node of the database for each id (12 s at 100,000 roles).
UNWIND $ids AS key
MATCH (p:{label} {org: $org, id: key})
MATCH (a)-[r:HOLDS]->(p)
RETURN a.id AS src, labels(a)[0] AS src_kind, p.id AS dst, labels(p)[0] AS dst_kind,
       properties(r) AS props
ORDER BY r.seq
