// Edges a push removes, found from their start node as set_edges.cypher finds
// them.  {type}, {src}: the schema's.
UNWIND $rows AS row
MATCH (:{src} {uid: row.src})-[r:{type}]->(b)
WHERE b.uid = row.dst AND CASE WHEN r.uid IS NULL THEN coalesce(r.nth, 0) = row.nth
                               ELSE r.uid = row.uid END
DELETE r
