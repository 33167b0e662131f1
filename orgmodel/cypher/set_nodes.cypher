// Nodes a push changes: their properties replaced, their place in the order kept.
UNWIND $rows AS row
MATCH (n:{label} {uid: row.uid})
WITH n, row, n.seq AS seq
SET n = row.props
SET n.seq = seq
