// The organisation's own node after a push: its manifest, counts, version and
// the next free place in its order (`seq`).
MERGE (o:Organisation {name: $org})
SET o.manifest = $manifest, o.pushed_at = $pushed_at, o.push_id = $push_id,
    o.nodes = $nodes, o.edges = $edges, o.version = $version,
    o.lineage = coalesce(o.lineage, $lineage), o.seq_next = $seq_next
