// One edge per statement: the naive way, kept as the benchmark's baseline
// for the batched merge_edges.cypher.
MATCH (a:{src} {uid: $src})
MATCH (b:{dst} {uid: $dst})
MERGE (a)-[r:{type} {uid: $uid}]->(b)
SET r += $props
