// Nodes in the database, or of one organisation when $org is given.
MATCH (n)
WHERE $org IS NULL OR n.org = $org
RETURN count(n) AS nodes
