// Edges a push changes: their properties replaced, their place in the order kept.
UNWIND $rows AS row
MATCH (:{src} {uid: row.src})-[r:{type} {uid: row.uid}]->()
WITH r, row, r.seq AS seq
SET r = row.props
SET r.seq = seq
