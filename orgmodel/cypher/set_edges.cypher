// Edges a push changes: their properties replaced, their place in the order kept.
// An edge is found from its start node: by its end node and its place among the
// edges of its kind between the two (nth, stored when not 0), or, stored by an
// orgmodel that kept each edge's key on it, by that key (uid).
UNWIND $rows AS row
MATCH (:{src} {uid: row.src})-[r:{type}]->(b)
WHERE b.uid = row.dst AND CASE WHEN r.uid IS NULL THEN coalesce(r.nth, 0) = row.nth
                               ELSE r.uid = row.uid END
WITH r, row, r.seq AS seq
SET r = row.props
SET r.seq = seq
