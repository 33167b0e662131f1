// The last version of $org pushed at or before the instant $at (ISO 8601, UTC).
MATCH (c:ChangeSet {org: $org})
WHERE c.at <= $at
RETURN max(c.version) AS version
