// The model's nodes in the database (not the history's change sets), or of
// one organisation when $org is given.
MATCH (n)
WHERE ($org IS NULL OR n.org = $org) AND NOT n:ChangeSet AND NOT n:Organisation AND NOT n:AppUser
RETURN count(n) AS nodes
