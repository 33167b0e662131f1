// The organisation's own node: its manifest, counts and a fresh stamp per push.
MERGE (o:Organisation {name: $org})
SET o.manifest = $manifest, o.pushed_at = $pushed_at, o.push_id = $push_id,
    o.nodes = $nodes, o.edges = $edges
