// The edges who-decides rests on, of $org, without the rest of it: every
// mandate (MANDATES), every role played (PLAYS), and who holds the posts
// (HOLDS), with the labels of their ends.  {type}: one of those three.
MATCH (a {org: $org})-[r:{type}]->(b)
RETURN a.id AS src, labels(a)[0] AS src_kind, b.id AS dst, labels(b)[0] AS dst_kind,
       properties(r) AS props
ORDER BY r.seq
