MERGE (o:Organisation {name: $org})
SET o.manifest = $manifest, o.pushed_at = $pushed_at, o.nodes = $nodes, o.edges = $edges
