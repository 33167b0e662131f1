// The posts and roles of $org whose id is $text, or whose name holds it (any
// case): the candidates for a role given by id, name or a part of its name,
// found without reading the rest of the organisation (the library picks among
// them as it does in a model: an id, a whole name, a part from a word's start;
// in the model's order, kept as seq, so that several are listed as it lists them).
MATCH (n {org: $org})
WHERE (n:Post OR n:Role)
  AND (toLower(n.id) = toLower($text) OR toLower(n.name) CONTAINS toLower($text))
RETURN n.id AS id, labels(n)[0] AS kind, n.name AS name
ORDER BY n.seq, id
