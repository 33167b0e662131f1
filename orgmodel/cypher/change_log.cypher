// The history of $org: one row per change set, newest first (without the changes).
MATCH (c:ChangeSet {org: $org})
RETURN c.version AS version, c.at AS at, c.user AS user, c.message AS message,
       c.base AS base, c.forced AS forced, c.added AS added, c.changed AS changed,
       c.removed AS removed
ORDER BY c.version DESC
