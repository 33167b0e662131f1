// The head of $org's history, locked for this push: writing the organisation's
// node takes its write lock, so two pushes of one organisation run one after
// the other and each sees the version the other left.  A new organisation's
// node is made here, at the start, for the same reason: under the uniqueness
// constraint on its name, a second first push of it waits for this one on
// Neo4j and then finds the version it left; ArcadeDB rolls back the one that
// commits second.  (Made at the end, ArcadeDB could find the first's record
// committed and let both land: the organisation held the posts of both.)
// Its other properties are set when the push is done; `new`: made now.
MERGE (o:Organisation {name: $org})
SET o.push_id = $push_id
RETURN o.version AS version, o.lineage AS lineage, o.seq_next AS seq_next,
       o.manifest IS NULL AS new
