// Edges a push adds (it knows they are new: no lookup of the edge itself),
// between nodes found by their unique `uid`.  {type}, {src} and {dst} come
// from orgmodel.schema.EDGE_KINDS / NODE_KINDS.
UNWIND $rows AS row
MATCH (a:{src} {uid: row.src})
MATCH (b:{dst} {uid: row.dst})
CREATE (a)-[r:{type}]->(b)
SET r = row.props
