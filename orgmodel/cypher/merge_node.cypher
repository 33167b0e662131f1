// One node per statement: the naive way, kept as the benchmark's baseline
// for the batched create_nodes.cypher.
MERGE (n:{label} {org: $org, id: $id})
SET n += $props
