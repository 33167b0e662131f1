// The manifest, version and push stamp of $org (a pull compares the stamp before and after).
MATCH (o:Organisation {name: $org})
RETURN o.manifest AS manifest, o.nodes AS nodes, o.edges AS edges, o.pushed_at AS pushed_at,
       o.push_id AS push_id, o.version AS version, o.lineage AS lineage
