// A post or role of one label by its key (organisation ':' id): the exact id,
// which wins over a name, found by the uniqueness constraint's index without
// reading the organisation's other posts.  {label}: Post or Role.
MATCH (n:{label} {uid: $uid})
RETURN n.id AS id, labels(n)[0] AS kind, n.name AS name
