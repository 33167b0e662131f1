// Nodes are matched by organisation and id; `uid` (unique per label) then
// guards against two nodes claiming the same organisation:id.
UNWIND $rows AS row
MERGE (n:{label} {org: row.org, id: row.id})
SET n += row.props
