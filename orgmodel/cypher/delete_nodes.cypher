// Remove one organisation's nodes of one label (and their edges) before a push replaces them.
MATCH (n:{label} {org: $org})
DETACH DELETE n
