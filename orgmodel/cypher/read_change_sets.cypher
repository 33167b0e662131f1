// The change sets of $org after version $since, oldest first, with their changes.
MATCH (c:ChangeSet {org: $org})
WHERE c.version > $since
RETURN c.version AS version, c.patch AS patch
ORDER BY c.version
