// {type}, {src} and {dst} come from orgmodel.schema.EDGE_KINDS / NODE_KINDS.
UNWIND $rows AS row
MATCH (a:{src} {uid: row.src})
MATCH (b:{dst} {uid: row.dst})
MERGE (a)-[r:{type} {uid: row.uid}]->(b)
SET r += row.props
