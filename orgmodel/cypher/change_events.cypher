// The change events of one change set of $org (as the diff gives them).
MATCH (c:ChangeSet {org: $org, version: $version})
RETURN c.events AS events
