// Ids and names of the roles of $org, to resolve a role given by name.
MATCH (r:Post {org: $org})
RETURN r.id AS id, r.name AS name
ORDER BY id
