// Edges a push removes, found from their start node.  {type}, {src}: the schema's.
UNWIND $rows AS row
MATCH (:{src} {uid: row.src})-[r:{type} {uid: row.uid}]->()
DELETE r
