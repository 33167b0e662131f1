// The line marks of the nodes whose steps a push changed (null: none left).
// {label}: the schema's node label.
UNWIND $rows AS row
MATCH (n:{label} {uid: row.uid})
SET n.line_routes = row.routes
