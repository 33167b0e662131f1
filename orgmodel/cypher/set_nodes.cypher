// Nodes a push changes: their properties replaced, their place in the order
// and their line marks (what the route steps say of them, written after) kept.
UNWIND $rows AS row
MATCH (n:{label} {uid: row.uid})
WITH n, row, n.seq AS seq, n.line_routes AS marks
SET n = row.props
SET n.seq = seq, n.line_routes = marks
