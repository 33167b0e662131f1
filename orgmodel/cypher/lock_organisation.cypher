// The head of $org's history, locked for this push: writing the organisation's
// node takes its write lock, so two pushes of one organisation run one after
// the other and each sees the version the other left.
MATCH (o:Organisation {name: $org})
SET o.push_id = $push_id
RETURN o.version AS version, o.lineage AS lineage, o.seq_next AS seq_next
