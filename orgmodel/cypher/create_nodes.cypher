// Nodes a push adds (it knows they are new: no lookup).  `uid`, unique per
// label, guards against two nodes claiming the same organisation and id.
// {label}: from orgmodel.schema.NODE_KINDS.
UNWIND $rows AS row
CREATE (n:{label})
SET n = row.props
