// The edges of one kind of $org, with the labels of their ends: what an
// answer read without the rest of the organisation rests on (who-decides:
// MANDATES and PLAYS; the partner network: ASSIGNED_TO, COMMISSIONS and
// CONTRACTS).  {type}: from orgmodel.schema.EDGE_KINDS.
MATCH (a {org: $org})-[r:{type}]->(b)
RETURN a.id AS src, labels(a)[0] AS src_kind, b.id AS dst, labels(b)[0] AS dst_kind,
       properties(r) AS props
ORDER BY r.seq
