// The route steps a push finds stored (ESCALATES_TO, of every route kind) from
// the nodes whose steps it works out again, to compare them with the derived
// ones and write only those that differ.  {src}: the schema's node label.
UNWIND $uids AS key
MATCH (a:{src} {uid: key})-[r:ESCALATES_TO]->(b)
RETURN a.uid AS src, b.uid AS dst, labels(b)[0] AS dst_label, r.route AS route,
       r.via AS via, r.rule AS rule, r.blocked AS blocked,
       coalesce(r.temporary, false) AS temporary, r.rank AS rank
