// Every post and role of $org with its name: read only when a role given by
// name matches none, to name the closest ones as a model's lookup does.
MATCH (n {org: $org})
WHERE n:Post OR n:Role
RETURN n.id AS id, labels(n)[0] AS kind, n.name AS name
ORDER BY n.seq, id
