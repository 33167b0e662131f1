// The people of $org whose id or name is $text (any case), each row with a
// post or role the person holds or plays (none: those columns are null): a
// person's name given where a role is asked for is said as a person's.
MATCH (n:Person {org: $org})
WHERE toLower(n.id) = toLower($text) OR toLower(n.name) = toLower($text)
OPTIONAL MATCH (n)-[:HOLDS|PLAYS]->(p)
WHERE p:Post OR p:Role
RETURN n.id AS id, n.name AS name, p.id AS held,
       CASE WHEN p IS NULL THEN null ELSE labels(p)[0] END AS held_kind,
       p.name AS held_name
ORDER BY id, held
