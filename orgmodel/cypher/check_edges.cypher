// The edges an incremental push wrote, read back before it commits: each row
// of $rows names an edge (its start node's uid, its end node's, its nth, its
// key's uid: found as set_edges.cypher finds it) and how many edges of {type}
// from there should be it (1 or 0); the rows where the database holds another
// number come back.  {type}, {src}: the schema's.
UNWIND $rows AS row
OPTIONAL MATCH (:{src} {uid: row.src})-[r:{type}]->(b)
WHERE b.uid = row.dst AND CASE WHEN r.uid IS NULL THEN coalesce(r.nth, 0) = row.nth
                               ELSE r.uid = row.uid END
WITH row, count(r) AS found
WHERE found <> row.n
RETURN row.key AS key, row.n AS expected, found
