// The posts and roles of $org whose id is $text, or whose name is it (any
// case): the candidates for a role given by id or name, found without reading
// the rest of the organisation.
MATCH (n {org: $org})
WHERE (n:Post OR n:Role) AND (n.id = $text OR toLower(n.name) = toLower($text))
RETURN n.id AS id, labels(n)[0] AS kind, n.name AS name
ORDER BY id
