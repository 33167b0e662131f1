// MERGE of a pushed node looks it up by organisation and id.
CREATE INDEX {label}_org_id IF NOT EXISTS FOR (n:{label}) ON (n.org, n.id)
