// The history of one organisation is read by organisation and version.
CREATE INDEX ChangeSet_org_version IF NOT EXISTS FOR (c:ChangeSet) ON (c.org, c.version)
