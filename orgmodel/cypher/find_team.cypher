// The teams of $org whose id or name is $text (any case), each row with a
// post or role that leads it (LEADS; none: the leader's columns are null):
// a team given where a role is asked for stands for the post that leads it.
MATCH (t:Team {org: $org})
WHERE toLower(t.id) = toLower($text) OR toLower(t.name) = toLower($text)
OPTIONAL MATCH (p)-[:LEADS]->(t)
WHERE p:Post OR p:Role
RETURN t.id AS id, t.name AS name, p.id AS leader,
       CASE WHEN p IS NULL THEN null ELSE labels(p)[0] END AS leader_kind,
       p.name AS leader_name
ORDER BY id, leader
